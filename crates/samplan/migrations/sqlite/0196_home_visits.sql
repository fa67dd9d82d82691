-- Home visits (hjemmebesøg, decision 180): the families a caseworker or coordinator
-- marks to visit on a day. Only those families' plans go into the browser's offline
-- store that day.
CREATE TABLE home_visit (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    user_id            INTEGER NOT NULL REFERENCES app_user(id),
    family_id          INTEGER NOT NULL REFERENCES family(id),
    visit_day          TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    UNIQUE (user_id, visit_day, family_id)
);
CREATE INDEX home_visit_family ON home_visit(municipality_code, family_id, visit_day);
-- A note written at a visit, possibly offline: written_at is when the browser saved it,
-- synced_at when it reached the server. client_id (unique per user) makes a resent note
-- one note.
CREATE TABLE home_visit_note (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    family_id          INTEGER NOT NULL REFERENCES family(id),
    user_id            INTEGER NOT NULL REFERENCES app_user(id),
    written_by         TEXT NOT NULL,
    client_id          TEXT NOT NULL,
    text               TEXT NOT NULL,
    written_at         TEXT NOT NULL,
    synced_at          TEXT NOT NULL,
    UNIQUE (user_id, client_id)
);
CREATE INDEX home_visit_note_family ON home_visit_note(municipality_code, family_id, written_at);
-- The secret a user's browser derives its offline encryption key from (HKDF, WebCrypto).
-- Handed out only to a logged-in session with the offline bundle; deleted at logout, so
-- what the browser kept can no longer be decrypted.
CREATE TABLE offline_secret (
    user_id            INTEGER PRIMARY KEY REFERENCES app_user(id),
    secret             TEXT NOT NULL,
    created_at         TEXT NOT NULL
);
