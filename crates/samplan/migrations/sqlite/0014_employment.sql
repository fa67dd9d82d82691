-- Employment and IGU: companies with contacts, openings (praktik, løntilskud, IGU,
-- ordinary jobs, small jobs) owned by the business consultants, each person's
-- employment profile, matching proposals with a decision per pair, IGU courses and the
-- business dialogue log with follow-ups.
CREATE TABLE company (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    cvr                TEXT NOT NULL,
    name               TEXT NOT NULL,
    industry           TEXT NOT NULL,
    street             TEXT NOT NULL,
    postal_code        TEXT NOT NULL,
    staff_count        INTEGER NOT NULL,
    public_employer    INTEGER NOT NULL DEFAULT 0,
    created_by         TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    UNIQUE (municipality_code, cvr)
);
CREATE INDEX company_name ON company(municipality_code, name);

CREATE TABLE company_contact (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    company_id         INTEGER NOT NULL REFERENCES company(id),
    name               TEXT NOT NULL,
    role               TEXT NOT NULL,
    phone              TEXT NOT NULL,
    email              TEXT NOT NULL,
    created_at         TEXT NOT NULL
);
CREATE INDEX company_contact_company ON company_contact(company_id);

CREATE TABLE opening (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    company_id         INTEGER NOT NULL REFERENCES company(id),
    kind               TEXT NOT NULL,
    title              TEXT NOT NULL,
    postal_code        TEXT NOT NULL,
    start_day          TEXT NOT NULL,
    end_day            TEXT,
    weekly_hours       REAL NOT NULL,
    slots              TEXT NOT NULL,
    seats              INTEGER NOT NULL,
    skills             TEXT NOT NULL,
    isco_major         INTEGER,
    danish_track       INTEGER NOT NULL DEFAULT 0,
    danish_module      INTEGER NOT NULL DEFAULT 0,
    driving_licence    INTEGER NOT NULL DEFAULT 0,
    languages          TEXT NOT NULL,
    extra_jobs         INTEGER NOT NULL DEFAULT 0,
    status             TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX opening_status ON opening(municipality_code, status, id);
CREATE INDEX opening_company ON opening(company_id);

CREATE TABLE employment_profile (
    person_id          INTEGER PRIMARY KEY REFERENCES person(id),
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    skills             TEXT NOT NULL,
    experience         TEXT NOT NULL,
    isco_major         INTEGER,
    education_level    TEXT NOT NULL,
    danish_track       INTEGER NOT NULL DEFAULT 0,
    danish_module      INTEGER NOT NULL DEFAULT 0,
    driving_licence    INTEGER NOT NULL DEFAULT 0,
    hours_available    REAL NOT NULL,
    job_ready          INTEGER NOT NULL DEFAULT 1,
    updated_by         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX employment_profile_ready ON employment_profile(municipality_code, job_ready);

CREATE TABLE match_proposal (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    created_by         TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    total_score        INTEGER NOT NULL,
    pair_count         INTEGER NOT NULL
);
CREATE INDEX match_proposal_municipality ON match_proposal(municipality_code, id);

CREATE TABLE match_pair (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    proposal_id        INTEGER NOT NULL REFERENCES match_proposal(id),
    opening_id         INTEGER NOT NULL REFERENCES opening(id),
    person_id          INTEGER NOT NULL REFERENCES person(id),
    score              INTEGER NOT NULL,
    reasons            TEXT NOT NULL,
    decision           TEXT NOT NULL,
    decided_by         TEXT,
    decided_at         TEXT,
    reason             TEXT,
    action_id          INTEGER
);
CREATE INDEX match_pair_proposal ON match_pair(proposal_id);
CREATE INDEX match_pair_person ON match_pair(municipality_code, person_id);
CREATE INDEX match_pair_opening ON match_pair(opening_id, decision);

CREATE TABLE igu_course (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code    TEXT NOT NULL REFERENCES municipality(code),
    person_id            INTEGER NOT NULL REFERENCES person(id),
    company_id           INTEGER NOT NULL REFERENCES company(id),
    start_day            TEXT NOT NULL,
    end_day              TEXT NOT NULL,
    school_weeks_planned INTEGER NOT NULL,
    school_weeks_taken   INTEGER NOT NULL,
    work_hours_average   REAL NOT NULL,
    created_by           TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX igu_course_person ON igu_course(municipality_code, person_id);

CREATE TABLE business_dialogue (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    company_id         INTEGER REFERENCES company(id),
    counterpart        TEXT NOT NULL,
    day                TEXT NOT NULL,
    who                TEXT NOT NULL,
    what               TEXT NOT NULL,
    follow_up_day      TEXT,
    follow_up_done     INTEGER NOT NULL DEFAULT 0,
    user_id            INTEGER NOT NULL,
    created_at         TEXT NOT NULL
);
CREATE INDEX business_dialogue_day ON business_dialogue(municipality_code, day, id);
CREATE INDEX business_dialogue_follow_up ON business_dialogue(municipality_code, follow_up_done, follow_up_day);
