-- Decision 140: a counter per municipality raised by every change of a row the
-- indicators are computed from (goals/records.rs reads exactly these tables), so
-- computed indicator figures can be kept while their inputs are unchanged.
CREATE TABLE facts_version (
    municipality_code TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);
CREATE FUNCTION facts_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO facts_version (municipality_code, version) VALUES (OLD.municipality_code, 1)
        ON CONFLICT (municipality_code) DO UPDATE SET version = facts_version.version + 1;
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.municipality_code IS DISTINCT FROM OLD.municipality_code) THEN
        INSERT INTO facts_version (municipality_code, version) VALUES (NEW.municipality_code, 1)
        ON CONFLICT (municipality_code) DO UPDATE SET version = facts_version.version + 1;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER person_facts AFTER INSERT OR UPDATE OR DELETE ON person FOR EACH ROW EXECUTE FUNCTION facts_version_bump();
CREATE TRIGGER person_event_facts AFTER INSERT OR UPDATE OR DELETE ON person_event FOR EACH ROW EXECUTE FUNCTION facts_version_bump();
CREATE TRIGGER person_deadline_facts_insert AFTER INSERT ON person_deadline FOR EACH ROW WHEN (NEW.rule_id = 'contract.deadline') EXECUTE FUNCTION facts_version_bump();
CREATE TRIGGER person_deadline_facts_update AFTER UPDATE ON person_deadline FOR EACH ROW WHEN (OLD.rule_id = 'contract.deadline' OR NEW.rule_id = 'contract.deadline') EXECUTE FUNCTION facts_version_bump();
CREATE TRIGGER person_deadline_facts_delete AFTER DELETE ON person_deadline FOR EACH ROW WHEN (OLD.rule_id = 'contract.deadline') EXECUTE FUNCTION facts_version_bump();
CREATE TRIGGER person_status_facts AFTER INSERT OR UPDATE OR DELETE ON person_status FOR EACH ROW EXECUTE FUNCTION facts_version_bump();
CREATE TRIGGER housing_need_facts AFTER INSERT OR UPDATE OR DELETE ON housing_need FOR EACH ROW EXECUTE FUNCTION facts_version_bump();
CREATE TRIGGER participation_facts AFTER INSERT OR UPDATE OR DELETE ON participation FOR EACH ROW EXECUTE FUNCTION facts_version_bump();
CREATE TRIGGER childcare_period_facts AFTER INSERT OR UPDATE OR DELETE ON childcare_period FOR EACH ROW EXECUTE FUNCTION facts_version_bump();
CREATE TRIGGER du_course_facts AFTER INSERT OR UPDATE OR DELETE ON du_course FOR EACH ROW EXECUTE FUNCTION facts_version_bump();
CREATE TRIGGER du_module_test_facts AFTER INSERT OR UPDATE OR DELETE ON du_module_test FOR EACH ROW EXECUTE FUNCTION facts_version_bump();
CREATE TRIGGER match_pair_facts AFTER INSERT OR UPDATE OR DELETE ON match_pair FOR EACH ROW EXECUTE FUNCTION facts_version_bump();
CREATE TRIGGER opening_facts AFTER INSERT OR UPDATE OR DELETE ON opening FOR EACH ROW EXECUTE FUNCTION facts_version_bump();
CREATE TRIGGER igu_course_facts AFTER INSERT OR UPDATE OR DELETE ON igu_course FOR EACH ROW EXECUTE FUNCTION facts_version_bump();
