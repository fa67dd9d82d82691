-- The work duty reduced for a person (issue 22): the jobcentre's individual decision to
-- lower the weekly hours the 37-hour duty requires, e.g. for health reasons, with its
-- period and reason. Applied by the rule `work_duty.health_reduction` (kind `health`).
CREATE TABLE work_duty_reduction (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    person_id          INTEGER NOT NULL REFERENCES person(id),
    kind               TEXT NOT NULL,
    hours              INTEGER NOT NULL,
    from_day           TEXT NOT NULL,
    to_day             TEXT,
    reason             TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    created_at         TEXT NOT NULL
);
CREATE INDEX work_duty_reduction_person ON work_duty_reduction(municipality_code, person_id);
