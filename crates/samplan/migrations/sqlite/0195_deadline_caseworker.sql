-- Frister "mine" at a municipality's size: each deadline carries its person's responsible
-- caseworker, kept by a trigger when the person's caseworker changes (and written with
-- the deadline), so a caseworker's open, overdue and late deadlines are ranges of one
-- index instead of a join over every person they are responsible for.
ALTER TABLE person_deadline ADD COLUMN caseworker_id INTEGER;
UPDATE person_deadline SET caseworker_id = (SELECT p.caseworker_id FROM person p WHERE p.id = person_deadline.person_id);
CREATE INDEX person_deadline_caseworker_open ON person_deadline(municipality_code, caseworker_id, met_on, due);
CREATE INDEX person_deadline_caseworker_met_late ON person_deadline(municipality_code, caseworker_id, due) WHERE met_on > due;
CREATE TRIGGER person_deadline_caseworker AFTER UPDATE OF caseworker_id ON person
    WHEN OLD.caseworker_id IS NOT NEW.caseworker_id
BEGIN
    UPDATE person_deadline SET caseworker_id = NEW.caseworker_id WHERE person_id = NEW.id;
END;
