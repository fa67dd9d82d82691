-- A municipality's tightening of the shipped rules, as the override file's text.
CREATE TABLE rule_override (
    municipality_code  TEXT PRIMARY KEY REFERENCES municipality(code),
    text               TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    updated_by         TEXT NOT NULL
);
