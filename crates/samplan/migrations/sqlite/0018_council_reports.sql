-- The integration council (members, meetings with agenda items and minutes,
-- recommendations to the city council with their follow-up dates), managers'
-- subscriptions to scheduled reports with each period made once, and attachments of
-- outbox mails (a scheduled report travels as one).
CREATE TABLE council_member (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    name               TEXT NOT NULL,
    nominated_by       TEXT NOT NULL,
    election_period    TEXT NOT NULL,
    term_from          TEXT NOT NULL,
    term_to            TEXT NOT NULL,
    substitute         TEXT NOT NULL DEFAULT '',
    updated_by         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX council_member_municipality ON council_member(municipality_code, term_to);

CREATE TABLE council_meeting (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    held_on            TEXT NOT NULL,
    starts_at          TEXT NOT NULL DEFAULT '',
    place              TEXT NOT NULL,
    published          INTEGER NOT NULL DEFAULT 0,
    updated_by         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX council_meeting_municipality ON council_meeting(municipality_code, held_on);

CREATE TABLE council_agenda_item (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    meeting_id         INTEGER NOT NULL REFERENCES council_meeting(id),
    position           INTEGER NOT NULL,
    title              TEXT NOT NULL,
    description        TEXT NOT NULL DEFAULT '',
    documents          TEXT NOT NULL DEFAULT '',
    minutes            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX council_agenda_item_meeting ON council_agenda_item(meeting_id, position);

CREATE TABLE council_recommendation (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    meeting_id         INTEGER REFERENCES council_meeting(id),
    title              TEXT NOT NULL,
    body               TEXT NOT NULL,
    department         TEXT NOT NULL,
    status             TEXT NOT NULL,
    status_reason      TEXT NOT NULL DEFAULT '',
    sent_on            TEXT NOT NULL,
    updated_by         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX council_recommendation_municipality ON council_recommendation(municipality_code, department);

CREATE TABLE council_follow_up (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    recommendation_id  INTEGER NOT NULL REFERENCES council_recommendation(id),
    due                TEXT NOT NULL,
    note               TEXT NOT NULL DEFAULT '',
    done_on            TEXT
);
CREATE INDEX council_follow_up_due ON council_follow_up(municipality_code, due);

CREATE TABLE report_subscription (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    user_id            INTEGER NOT NULL REFERENCES app_user(id),
    report_id          TEXT NOT NULL,
    frequency          TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    UNIQUE (user_id, report_id, frequency)
);

CREATE TABLE report_delivery (
    subscription_id    INTEGER NOT NULL REFERENCES report_subscription(id),
    period_from        TEXT NOT NULL,
    period_to          TEXT NOT NULL,
    mail_id            INTEGER REFERENCES email_outbox(id),
    made_at            TEXT NOT NULL,
    PRIMARY KEY (subscription_id, period_from)
);

CREATE TABLE email_attachment (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    mail_id            INTEGER NOT NULL REFERENCES email_outbox(id),
    file_name          TEXT NOT NULL,
    content_type       TEXT NOT NULL,
    data               BLOB NOT NULL
);
CREATE INDEX email_attachment_mail ON email_attachment(mail_id);
