-- Frister "mine" at a municipality's size: each deadline carries its person's responsible
-- caseworker, kept by a trigger when the person's caseworker changes (and written with
-- the deadline), so a caseworker's open, overdue and late deadlines are ranges of one
-- index instead of a join over every person they are responsible for.
ALTER TABLE person_deadline ADD COLUMN caseworker_id BIGINT;
UPDATE person_deadline d SET caseworker_id = p.caseworker_id FROM person p WHERE p.id = d.person_id;
CREATE INDEX person_deadline_caseworker_open ON person_deadline(municipality_code, caseworker_id, met_on, due);
CREATE INDEX person_deadline_caseworker_met_late ON person_deadline(municipality_code, caseworker_id, due) WHERE met_on > due;
CREATE FUNCTION person_deadline_caseworker() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE person_deadline SET caseworker_id = NEW.caseworker_id WHERE person_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER person_deadline_caseworker AFTER UPDATE OF caseworker_id ON person FOR EACH ROW
    WHEN (OLD.caseworker_id IS DISTINCT FROM NEW.caseworker_id) EXECUTE FUNCTION person_deadline_caseworker();
