-- Legal deadlines: the municipality's extra closed days, the events of a person's case,
-- the deadlines derived from them (with the rule version that applied), and the
-- caseworker responsible for a person.
CREATE TABLE closed_day (
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    day                TEXT NOT NULL,
    reason             TEXT NOT NULL,
    PRIMARY KEY (municipality_code, day)
);

CREATE TABLE person_event (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    person_id          INTEGER NOT NULL REFERENCES person(id),
    kind               TEXT NOT NULL,
    day                TEXT NOT NULL,
    note               TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL
);
CREATE INDEX person_event_person ON person_event(person_id);

CREATE TABLE person_deadline (
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    person_id          INTEGER NOT NULL REFERENCES person(id),
    rule_id            TEXT NOT NULL,
    rule_version       INTEGER NOT NULL,
    title              TEXT NOT NULL,
    law                TEXT NOT NULL,
    paragraph          TEXT NOT NULL,
    confirmed          INTEGER NOT NULL,
    department         TEXT NOT NULL,
    counts_from        TEXT NOT NULL,
    due                TEXT NOT NULL,
    met_on             TEXT,
    progress_done      INTEGER,
    progress_required  INTEGER,
    computed_at        TEXT NOT NULL,
    PRIMARY KEY (person_id, rule_id)
);
CREATE INDEX person_deadline_due ON person_deadline(municipality_code, due);

ALTER TABLE person ADD COLUMN caseworker_id INTEGER REFERENCES app_user(id);
