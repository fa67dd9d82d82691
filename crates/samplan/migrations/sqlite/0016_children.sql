-- Children and parents: concern notes (underretninger) to the department børn og familie,
-- children's daycare and school periods, and each child's contacts and programme status.
-- A concern note is read only by børn og familie staff and its writer; everything about
-- its handling is here, every read and change is in the audit log.
CREATE TABLE concern_note (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code TEXT NOT NULL REFERENCES municipality(code),
    child_id          INTEGER NOT NULL REFERENCES person(id),
    written_by        INTEGER NOT NULL REFERENCES app_user(id),
    writer_login      TEXT NOT NULL,
    writer_unit       TEXT NOT NULL,
    concern           TEXT NOT NULL,
    acute_suspected   INTEGER NOT NULL DEFAULT 0,
    received_at       TEXT NOT NULL,
    receipt_sent_on   TEXT,
    assessed_at       TEXT,
    assessed_by       TEXT,
    acute             INTEGER,
    assessment        TEXT NOT NULL DEFAULT '',
    decision          TEXT,
    decision_on       TEXT,
    decision_note     TEXT NOT NULL DEFAULT '',
    investigation_started_on   TEXT,
    investigation_completed_on TEXT,
    updated_at        TEXT,
    demo              INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX concern_note_received ON concern_note(municipality_code, received_at);
CREATE INDEX concern_note_writer ON concern_note(municipality_code, written_by, received_at);
CREATE INDEX concern_note_child ON concern_note(child_id);

CREATE TABLE childcare_period (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code   TEXT NOT NULL REFERENCES municipality(code),
    person_id           INTEGER NOT NULL REFERENCES person(id),
    kind                TEXT NOT NULL,
    grade               INTEGER,
    institution         TEXT NOT NULL DEFAULT '',
    institution_address TEXT NOT NULL DEFAULT '',
    from_day            TEXT NOT NULL,
    to_day              TEXT,
    daily_from          TEXT,
    daily_to            TEXT,
    created_by          TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT
);
CREATE INDEX childcare_period_person ON childcare_period(person_id, from_day);
CREATE INDEX childcare_period_municipality ON childcare_period(municipality_code, kind, from_day);

CREATE TABLE child_profile (
    person_id         INTEGER PRIMARY KEY REFERENCES person(id),
    municipality_code TEXT NOT NULL REFERENCES municipality(code),
    health_visitor    TEXT NOT NULL DEFAULT '',
    dental_care       TEXT NOT NULL DEFAULT '',
    vaccination       TEXT NOT NULL DEFAULT 'unknown',
    language_support  INTEGER NOT NULL DEFAULT 0,
    listed_area       INTEGER NOT NULL DEFAULT 0,
    updated_by        TEXT NOT NULL DEFAULT '',
    updated_at        TEXT NOT NULL
);
