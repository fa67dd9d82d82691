-- Decision 140's counter, raised once per statement instead of once per row: a bulk
-- insert of 20 000 rows raised the same facts_version row 20 000 times in one
-- transaction, and PostgreSQL's cost for each update of a row grows with the versions of
-- it the transaction already made (7.3 s for 20 000 rows, 42 ms once per statement).
-- The triggers read the statement's rows from transition tables; SQLite updates the row
-- in place and keeps its row triggers.
CREATE FUNCTION facts_version_bump_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO facts_version (municipality_code, version)
    SELECT DISTINCT municipality_code, 1 FROM new_rows
    ON CONFLICT (municipality_code) DO UPDATE SET version = facts_version.version + 1;
    RETURN NULL;
END
$$;
CREATE FUNCTION facts_version_bump_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO facts_version (municipality_code, version)
    SELECT DISTINCT municipality_code, 1 FROM old_rows
    ON CONFLICT (municipality_code) DO UPDATE SET version = facts_version.version + 1;
    RETURN NULL;
END
$$;
CREATE FUNCTION facts_version_bump_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO facts_version (municipality_code, version)
    SELECT municipality_code, 1 FROM old_rows UNION SELECT municipality_code, 1 FROM new_rows
    ON CONFLICT (municipality_code) DO UPDATE SET version = facts_version.version + 1;
    RETURN NULL;
END
$$;
-- Only the integration contract's deadlines are an indicator input.
CREATE FUNCTION facts_version_bump_contract_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO facts_version (municipality_code, version)
    SELECT DISTINCT municipality_code, 1 FROM new_rows WHERE rule_id = 'contract.deadline'
    ON CONFLICT (municipality_code) DO UPDATE SET version = facts_version.version + 1;
    RETURN NULL;
END
$$;
CREATE FUNCTION facts_version_bump_contract_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO facts_version (municipality_code, version)
    SELECT DISTINCT municipality_code, 1 FROM old_rows WHERE rule_id = 'contract.deadline'
    ON CONFLICT (municipality_code) DO UPDATE SET version = facts_version.version + 1;
    RETURN NULL;
END
$$;
CREATE FUNCTION facts_version_bump_contract_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO facts_version (municipality_code, version)
    SELECT municipality_code, 1 FROM old_rows WHERE rule_id = 'contract.deadline'
    UNION SELECT municipality_code, 1 FROM new_rows WHERE rule_id = 'contract.deadline'
    ON CONFLICT (municipality_code) DO UPDATE SET version = facts_version.version + 1;
    RETURN NULL;
END
$$;
DROP TRIGGER person_deadline_facts_insert ON person_deadline;
DROP TRIGGER person_deadline_facts_update ON person_deadline;
DROP TRIGGER person_deadline_facts_delete ON person_deadline;
CREATE TRIGGER person_deadline_facts_inserted AFTER INSERT ON person_deadline REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_contract_inserted();
CREATE TRIGGER person_deadline_facts_updated AFTER UPDATE ON person_deadline REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_contract_updated();
CREATE TRIGGER person_deadline_facts_deleted AFTER DELETE ON person_deadline REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_contract_deleted();
DROP TRIGGER person_facts ON person;
CREATE TRIGGER person_facts_inserted AFTER INSERT ON person REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_inserted();
CREATE TRIGGER person_facts_updated AFTER UPDATE ON person REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_updated();
CREATE TRIGGER person_facts_deleted AFTER DELETE ON person REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_deleted();
DROP TRIGGER person_event_facts ON person_event;
CREATE TRIGGER person_event_facts_inserted AFTER INSERT ON person_event REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_inserted();
CREATE TRIGGER person_event_facts_updated AFTER UPDATE ON person_event REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_updated();
CREATE TRIGGER person_event_facts_deleted AFTER DELETE ON person_event REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_deleted();
DROP TRIGGER person_status_facts ON person_status;
CREATE TRIGGER person_status_facts_inserted AFTER INSERT ON person_status REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_inserted();
CREATE TRIGGER person_status_facts_updated AFTER UPDATE ON person_status REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_updated();
CREATE TRIGGER person_status_facts_deleted AFTER DELETE ON person_status REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_deleted();
DROP TRIGGER housing_need_facts ON housing_need;
CREATE TRIGGER housing_need_facts_inserted AFTER INSERT ON housing_need REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_inserted();
CREATE TRIGGER housing_need_facts_updated AFTER UPDATE ON housing_need REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_updated();
CREATE TRIGGER housing_need_facts_deleted AFTER DELETE ON housing_need REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_deleted();
DROP TRIGGER participation_facts ON participation;
CREATE TRIGGER participation_facts_inserted AFTER INSERT ON participation REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_inserted();
CREATE TRIGGER participation_facts_updated AFTER UPDATE ON participation REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_updated();
CREATE TRIGGER participation_facts_deleted AFTER DELETE ON participation REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_deleted();
DROP TRIGGER childcare_period_facts ON childcare_period;
CREATE TRIGGER childcare_period_facts_inserted AFTER INSERT ON childcare_period REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_inserted();
CREATE TRIGGER childcare_period_facts_updated AFTER UPDATE ON childcare_period REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_updated();
CREATE TRIGGER childcare_period_facts_deleted AFTER DELETE ON childcare_period REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_deleted();
DROP TRIGGER du_course_facts ON du_course;
CREATE TRIGGER du_course_facts_inserted AFTER INSERT ON du_course REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_inserted();
CREATE TRIGGER du_course_facts_updated AFTER UPDATE ON du_course REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_updated();
CREATE TRIGGER du_course_facts_deleted AFTER DELETE ON du_course REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_deleted();
DROP TRIGGER du_module_test_facts ON du_module_test;
CREATE TRIGGER du_module_test_facts_inserted AFTER INSERT ON du_module_test REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_inserted();
CREATE TRIGGER du_module_test_facts_updated AFTER UPDATE ON du_module_test REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_updated();
CREATE TRIGGER du_module_test_facts_deleted AFTER DELETE ON du_module_test REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_deleted();
DROP TRIGGER match_pair_facts ON match_pair;
CREATE TRIGGER match_pair_facts_inserted AFTER INSERT ON match_pair REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_inserted();
CREATE TRIGGER match_pair_facts_updated AFTER UPDATE ON match_pair REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_updated();
CREATE TRIGGER match_pair_facts_deleted AFTER DELETE ON match_pair REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_deleted();
DROP TRIGGER opening_facts ON opening;
CREATE TRIGGER opening_facts_inserted AFTER INSERT ON opening REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_inserted();
CREATE TRIGGER opening_facts_updated AFTER UPDATE ON opening REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_updated();
CREATE TRIGGER opening_facts_deleted AFTER DELETE ON opening REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_deleted();
DROP TRIGGER igu_course_facts ON igu_course;
CREATE TRIGGER igu_course_facts_inserted AFTER INSERT ON igu_course REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_inserted();
CREATE TRIGGER igu_course_facts_updated AFTER UPDATE ON igu_course REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_updated();
CREATE TRIGGER igu_course_facts_deleted AFTER DELETE ON igu_course REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION facts_version_bump_deleted();
DROP FUNCTION facts_version_bump();
