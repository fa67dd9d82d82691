-- Knowledge base "hvad virker": methods and local experiences submitted by a municipality,
-- reviewed by the national secretariat. Every version is kept; a published or superseded
-- version's content can never change (triggers). Attachments, reviews and comments.
CREATE TABLE knowledge_method (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    created_by         INTEGER NOT NULL REFERENCES app_user(id),
    created_at         TEXT NOT NULL,
    published_version  INTEGER
);
CREATE INDEX knowledge_method_municipality ON knowledge_method(municipality_code);

CREATE TABLE knowledge_version (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    method_id        INTEGER NOT NULL REFERENCES knowledge_method(id),
    version          INTEGER NOT NULL,
    status           TEXT NOT NULL,
    title            TEXT NOT NULL,
    summary          TEXT NOT NULL,
    target_group     TEXT NOT NULL,
    life_area        TEXT NOT NULL,
    theme            TEXT NOT NULL,
    evidence_level   TEXT NOT NULL,
    results          TEXT NOT NULL,
    contact          TEXT NOT NULL,
    created_by_name  TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    submitted_at     TEXT,
    published_at     TEXT,
    UNIQUE (method_id, version)
);
CREATE INDEX knowledge_version_status ON knowledge_version(status);

CREATE TRIGGER knowledge_version_published_fixed
BEFORE UPDATE OF version, title, summary, target_group, life_area, theme, evidence_level, results, contact ON knowledge_version
WHEN OLD.status IN ('published', 'superseded')
BEGIN SELECT RAISE(ABORT, 'a published knowledge version cannot change'); END;
CREATE TRIGGER knowledge_version_no_delete BEFORE DELETE ON knowledge_version
BEGIN SELECT RAISE(ABORT, 'knowledge versions are kept'); END;

CREATE TABLE knowledge_review (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    method_id      INTEGER NOT NULL REFERENCES knowledge_method(id),
    version        INTEGER NOT NULL,
    decision       TEXT NOT NULL,
    comment        TEXT NOT NULL,
    reviewer_id    INTEGER NOT NULL REFERENCES app_user(id),
    reviewer_name  TEXT NOT NULL,
    reviewed_at    TEXT NOT NULL
);
CREATE INDEX knowledge_review_method ON knowledge_review(method_id);

CREATE TABLE knowledge_attachment (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    method_id         INTEGER NOT NULL REFERENCES knowledge_method(id),
    version           INTEGER NOT NULL,
    file_name         TEXT NOT NULL,
    content_type      TEXT NOT NULL,
    size_bytes        INTEGER NOT NULL,
    data              BLOB NOT NULL,
    uploaded_by_name  TEXT NOT NULL,
    uploaded_at       TEXT NOT NULL
);
CREATE INDEX knowledge_attachment_method ON knowledge_attachment(method_id);

CREATE TABLE knowledge_comment (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    method_id          INTEGER NOT NULL REFERENCES knowledge_method(id),
    municipality_code  TEXT REFERENCES municipality(code),
    user_id            INTEGER NOT NULL REFERENCES app_user(id),
    author_name        TEXT NOT NULL,
    kind               TEXT NOT NULL,
    body               TEXT NOT NULL,
    created_at         TEXT NOT NULL
);
CREATE INDEX knowledge_comment_method ON knowledge_comment(method_id);
