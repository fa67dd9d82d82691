-- Indexes for a national installation (150 000 persons): the current plan version of a
-- family (the MAX(version) subquery), a caseworker's persons (Frister "mine"), open
-- deadlines by due date, a family's conversations, the audit log paged by id.
CREATE INDEX plan_version_family ON plan_version(family_id, version);
CREATE INDEX person_caseworker ON person(municipality_code, caseworker_id);
CREATE INDEX person_deadline_open ON person_deadline(municipality_code, met_on, due);
CREATE INDEX person_event_kind ON person_event(person_id, kind, day);
CREATE INDEX audit_log_municipality_id ON audit_log(municipality_code, id);
