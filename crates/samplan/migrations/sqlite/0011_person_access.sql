-- Which departments own an action in each family's current plan, and for whom
-- (person_id NULL: an action for the whole family). Kept by every plan save, so that
-- person access by department (decision 005) is one SQL condition, not a JSON parse
-- of every plan.
CREATE TABLE plan_department_link (
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    family_id          INTEGER NOT NULL REFERENCES family(id),
    person_id          INTEGER,
    department         TEXT NOT NULL
);
CREATE INDEX plan_department_link_department ON plan_department_link(municipality_code, department);
CREATE INDEX plan_department_link_family ON plan_department_link(family_id);

-- Links of the plans saved before this table existed.
INSERT INTO plan_department_link (municipality_code, family_id, person_id, department)
SELECT DISTINCT v.municipality_code, v.family_id,
       COALESCE(json_extract(a.value, '$.person_id'), json_extract(g.value, '$.person_id')),
       json_extract(a.value, '$.department')
FROM plan_version v, json_each(v.document, '$.goals') g, json_each(g.value, '$.actions') a
WHERE v.version = (SELECT MAX(w.version) FROM plan_version w WHERE w.family_id = v.family_id)
  AND json_extract(a.value, '$.department') IS NOT NULL;

CREATE INDEX referral_to_department ON referral(municipality_code, to_department);
