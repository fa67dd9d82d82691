-- Danish education (danskuddannelse): a person's referral to a language centre with the
-- DU track and current module, start, planned hours, completion or stop; module tests;
-- weekly attendance recorded by the language centre; the municipality's DU settings.
CREATE TABLE du_course (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    person_id          INTEGER NOT NULL REFERENCES person(id),
    learner            TEXT NOT NULL,
    applied_on         TEXT,
    referred_on        TEXT NOT NULL,
    language_centre    TEXT NOT NULL,
    track              TEXT NOT NULL,
    module             INTEGER NOT NULL,
    start_on           TEXT,
    hours_per_week     INTEGER NOT NULL,
    ended_on           TEXT,
    end_reason         TEXT,
    end_note           TEXT NOT NULL DEFAULT '',
    created_by         TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT
);
CREATE INDEX du_course_person ON du_course(municipality_code, person_id);
CREATE INDEX du_course_open ON du_course(municipality_code, ended_on, track);

CREATE TABLE du_module_test (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    course_id          INTEGER NOT NULL REFERENCES du_course(id),
    person_id          INTEGER NOT NULL REFERENCES person(id),
    module             INTEGER NOT NULL,
    taken_on           TEXT NOT NULL,
    result             TEXT NOT NULL,
    passed             INTEGER NOT NULL,
    created_by         TEXT NOT NULL,
    created_at         TEXT NOT NULL
);
CREATE INDEX du_module_test_course ON du_module_test(municipality_code, course_id);
CREATE INDEX du_module_test_person ON du_module_test(municipality_code, person_id);

CREATE TABLE du_attendance (
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    course_id          INTEGER NOT NULL REFERENCES du_course(id),
    person_id          INTEGER NOT NULL REFERENCES person(id),
    week               TEXT NOT NULL,
    hours_present      INTEGER NOT NULL,
    absent_with_notice INTEGER NOT NULL,
    absent_without_notice INTEGER NOT NULL,
    recorded_by        TEXT NOT NULL,
    recorded_at        TEXT NOT NULL,
    PRIMARY KEY (course_id, week)
);
CREATE INDEX du_attendance_week ON du_attendance(municipality_code, week);
CREATE INDEX du_attendance_person ON du_attendance(municipality_code, person_id, week);

CREATE TABLE du_setting (
    municipality_code  TEXT PRIMARY KEY REFERENCES municipality(code),
    settings           TEXT NOT NULL
);
