-- Foundation: municipalities (tenants), departments, users, sessions, tokens,
-- persons, families, relations and the append-only audit log.
CREATE TABLE municipality (
    code         TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    region_code  TEXT NOT NULL,
    region_name  TEXT NOT NULL
);

CREATE TABLE department (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    kind               TEXT NOT NULL,
    name               TEXT NOT NULL,
    UNIQUE (municipality_code, kind)
);

CREATE TABLE app_user (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    login              TEXT NOT NULL UNIQUE,
    display_name       TEXT NOT NULL,
    email              TEXT,
    password_hash      TEXT,
    municipality_code  TEXT REFERENCES municipality(code),
    department_id      INTEGER REFERENCES department(id),
    role               TEXT NOT NULL,
    active             INTEGER NOT NULL DEFAULT 1,
    -- Demo accounts have published passwords: they may log in only in demo mode.
    demo_account       INTEGER NOT NULL DEFAULT 0,
    created_at         TEXT NOT NULL
);

CREATE TABLE session (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES app_user(id),
    csrf_token   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);

CREATE TABLE api_token (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL REFERENCES app_user(id),
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    revoked_at   TEXT
);

CREATE TABLE family (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    name               TEXT NOT NULL,
    street             TEXT,
    postal_code        TEXT,
    city               TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX family_municipality ON family(municipality_code);

CREATE TABLE person (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    family_id          INTEGER REFERENCES family(id),
    family_role        TEXT NOT NULL,
    cpr_encrypted      TEXT NOT NULL,
    cpr_hash           TEXT NOT NULL,
    given_name         TEXT NOT NULL,
    family_name        TEXT NOT NULL,
    search_name        TEXT NOT NULL,
    birth_date         TEXT NOT NULL,
    sex                TEXT NOT NULL,
    languages          TEXT NOT NULL,
    nationality        TEXT NOT NULL,
    arrival_date       TEXT,
    takeover_date      TEXT,
    residence_basis    TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    UNIQUE (municipality_code, cpr_hash)
);
CREATE INDEX person_municipality_name ON person(municipality_code, search_name);
CREATE INDEX person_municipality_birth ON person(municipality_code, birth_date);
CREATE INDEX person_family ON person(family_id);

CREATE TABLE person_relation (
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    person_id          INTEGER NOT NULL REFERENCES person(id),
    related_person_id  INTEGER NOT NULL REFERENCES person(id),
    kind               TEXT NOT NULL,
    PRIMARY KEY (person_id, related_person_id, kind)
);

CREATE TABLE audit_log (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    at                 TEXT NOT NULL,
    municipality_code  TEXT,
    user_id            INTEGER,
    user_login         TEXT NOT NULL,
    action             TEXT NOT NULL,
    entity             TEXT NOT NULL,
    entity_id          TEXT,
    detail             TEXT NOT NULL,
    request_id         TEXT NOT NULL,
    remote_addr        TEXT NOT NULL
);
CREATE INDEX audit_log_municipality_at ON audit_log(municipality_code, at);

-- The audit log is append-only: the database itself refuses changes.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
