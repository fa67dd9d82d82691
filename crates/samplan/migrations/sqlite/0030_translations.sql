-- The municipality's own reviewed translations of what citizens read (decision 062).
-- A translator belongs to one municipality and one language; every proposal is kept
-- (history), and the newest approved text of a key overrides the shipped catalogue for
-- that municipality.
CREATE TABLE translator (
    user_id            INTEGER PRIMARY KEY REFERENCES app_user(id),
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    language           TEXT NOT NULL
);

CREATE TABLE translation (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    language           TEXT NOT NULL,
    message            TEXT NOT NULL,
    text               TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected')),
    proposed_by        INTEGER NOT NULL REFERENCES app_user(id),
    proposed_at        TEXT NOT NULL,
    decided_by         INTEGER REFERENCES app_user(id),
    decided_at         TEXT,
    reason             TEXT
);
CREATE INDEX translation_by_key ON translation(municipality_code, language, message, status);
