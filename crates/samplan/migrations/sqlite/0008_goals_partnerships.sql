-- Local goals and partnerships: status spells of a person (work, daycare, housing
-- tenure, memberships …) that indicators are computed from, each municipality's local
-- goals, partnerships across municipalities with their members over time, and the
-- national secretariat's advisory notes and experience-exchange meetings.
CREATE TABLE person_status (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    person_id          INTEGER NOT NULL REFERENCES person(id),
    kind               TEXT NOT NULL,
    from_day           TEXT NOT NULL,
    to_day             TEXT,
    created_at         TEXT NOT NULL
);
CREATE INDEX person_status_municipality ON person_status(municipality_code, person_id);

CREATE TABLE local_goal (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    indicator_id       TEXT NOT NULL,
    baseline_month     TEXT NOT NULL,
    baseline           REAL NOT NULL,
    target             REAL NOT NULL,
    target_date        TEXT NOT NULL,
    reasoning          TEXT NOT NULL,
    updated_by         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    UNIQUE (municipality_code, indicator_id)
);

CREATE TABLE partnership (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL UNIQUE,
    description  TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

CREATE TABLE partnership_member (
    partnership_id     INTEGER NOT NULL REFERENCES partnership(id),
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    joined_on          TEXT NOT NULL,
    left_on            TEXT,
    PRIMARY KEY (partnership_id, municipality_code, joined_on)
);

CREATE TABLE advisory_note (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    written_on         TEXT NOT NULL,
    author             TEXT NOT NULL,
    note               TEXT NOT NULL
);

CREATE TABLE exchange_meeting (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    partnership_id  INTEGER NOT NULL REFERENCES partnership(id),
    held_on         TEXT NOT NULL,
    topic           TEXT NOT NULL,
    outcomes        TEXT NOT NULL,
    created_by      TEXT NOT NULL
);
