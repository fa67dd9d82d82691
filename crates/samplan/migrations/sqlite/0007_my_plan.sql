-- Min plan: citizens' accounts linked to their own person record (with their chosen
-- language), one-time login links a caseworker creates (stored only as a hash, single
-- use, expiring), and the append-only record of who has read which plan version.
CREATE TABLE citizen_account (
    user_id            INTEGER PRIMARY KEY REFERENCES app_user(id),
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    person_id          INTEGER NOT NULL UNIQUE REFERENCES person(id),
    language           TEXT NOT NULL,
    created_at         TEXT NOT NULL
);

CREATE TABLE login_link (
    token_hash         TEXT PRIMARY KEY,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    user_id            INTEGER NOT NULL REFERENCES app_user(id),
    created_by         INTEGER NOT NULL REFERENCES app_user(id),
    created_at         TEXT NOT NULL,
    expires_at         TEXT NOT NULL,
    used_at            TEXT
);
CREATE INDEX login_link_user ON login_link(user_id);

CREATE TABLE plan_read (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    person_id          INTEGER NOT NULL REFERENCES person(id),
    family_id          INTEGER NOT NULL REFERENCES family(id),
    version            INTEGER NOT NULL,
    read_by            INTEGER NOT NULL REFERENCES app_user(id),
    read_at            TEXT NOT NULL,
    UNIQUE (person_id, version, read_by)
);
CREATE INDEX plan_read_person ON plan_read(municipality_code, person_id);

CREATE TRIGGER plan_read_no_update BEFORE UPDATE ON plan_read
BEGIN SELECT RAISE(ABORT, 'plan_read is append-only'); END;
CREATE TRIGGER plan_read_no_delete BEFORE DELETE ON plan_read
BEGIN SELECT RAISE(ABORT, 'plan_read is append-only'); END;
