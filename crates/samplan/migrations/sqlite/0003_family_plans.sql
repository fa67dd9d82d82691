-- Family plans (helhedsplaner): every save is a new, never-changed version holding the
-- whole plan as JSON; consents per person; referrals between departments; in-app
-- notifications and an e-mail outbox; per-municipality plan settings.
CREATE TABLE plan_version (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code    TEXT NOT NULL REFERENCES municipality(code),
    family_id            INTEGER NOT NULL REFERENCES family(id),
    version              INTEGER NOT NULL,
    document             TEXT NOT NULL,
    coordinator_user_id  INTEGER REFERENCES app_user(id),
    saved_by             INTEGER NOT NULL REFERENCES app_user(id),
    saved_by_name        TEXT NOT NULL,
    saved_at             TEXT NOT NULL,
    reason               TEXT NOT NULL,
    UNIQUE (family_id, version)
);
CREATE INDEX plan_version_municipality ON plan_version(municipality_code, family_id, version);
CREATE INDEX plan_version_coordinator ON plan_version(municipality_code, coordinator_user_id);

CREATE TRIGGER plan_version_no_update BEFORE UPDATE ON plan_version
BEGIN SELECT RAISE(ABORT, 'plan_version is append-only'); END;
CREATE TRIGGER plan_version_no_delete BEFORE DELETE ON plan_version
BEGIN SELECT RAISE(ABORT, 'plan_version is append-only'); END;

CREATE TABLE consent (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    person_id          INTEGER NOT NULL REFERENCES person(id),
    scopes             TEXT NOT NULL,
    departments        TEXT NOT NULL,
    partners           TEXT NOT NULL,
    purpose            TEXT NOT NULL,
    given_on           TEXT NOT NULL,
    how_given          TEXT NOT NULL,
    witness            TEXT,
    recorded_by        INTEGER NOT NULL REFERENCES app_user(id),
    recorded_at        TEXT NOT NULL,
    withdrawn_at       TEXT,
    withdrawn_by       INTEGER REFERENCES app_user(id)
);
CREATE INDEX consent_person ON consent(municipality_code, person_id);

CREATE TABLE referral (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    person_id          INTEGER NOT NULL REFERENCES person(id),
    from_department    TEXT NOT NULL,
    to_department      TEXT NOT NULL,
    reason             TEXT NOT NULL,
    status             TEXT NOT NULL,
    created_by         INTEGER NOT NULL REFERENCES app_user(id),
    created_at         TEXT NOT NULL,
    decision_reason    TEXT,
    decided_by         INTEGER REFERENCES app_user(id),
    decided_at         TEXT
);
CREATE INDEX referral_municipality ON referral(municipality_code, status);

CREATE TABLE notification (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    user_id            INTEGER NOT NULL REFERENCES app_user(id),
    family_id          INTEGER REFERENCES family(id),
    message            TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    read_at            TEXT
);
CREATE INDEX notification_user ON notification(user_id, read_at);

CREATE TABLE email_outbox (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    to_address         TEXT NOT NULL,
    subject            TEXT NOT NULL,
    body               TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    sent_at            TEXT
);

CREATE TABLE plan_setting (
    municipality_code  TEXT PRIMARY KEY REFERENCES municipality(code),
    max_weekly_hours   INTEGER NOT NULL
);
