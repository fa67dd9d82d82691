-- Indexes for a national installation (150 000 persons), found with EXPLAIN QUERY PLAN:
-- a person's periods of one kind (the coordinator overview's daycare places and the
-- capacity forecast's reception-class uptake, which without it walked every period of
-- the municipality once per person), and the deadlines met late by due date (Frister's
-- "Opfyldt for sent", which otherwise sorted every met deadline of the municipality).
CREATE INDEX childcare_period_municipality_person ON childcare_period(municipality_code, person_id, kind, from_day);
CREATE INDEX person_deadline_met_late ON person_deadline(municipality_code, due, person_id) WHERE met_on > due;
