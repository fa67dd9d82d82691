-- Reports count the persons in a few kinds of status during a period: found by kind and
-- start day instead of reading every status of the municipality (company offers were
-- 7 500 of 350 000 rows with 150 000 persons).
CREATE INDEX person_status_kind ON person_status(municipality_code, kind, from_day);
