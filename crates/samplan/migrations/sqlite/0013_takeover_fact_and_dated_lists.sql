-- The takeover date as a fact: the date the takeover rules derive when none is
-- recorded, and the event a takeover rule needs but the case lacks (e.g. the
-- visitation decision of a visited refugee), both kept by the deadline recompute.
-- Quota refugees are not visited: their takeover is the CPR registration.
-- The takeover is no longer stored as a deadline.
-- A listed housing area carries the dates of the list it is on.
ALTER TABLE person ADD COLUMN quota_refugee INTEGER NOT NULL DEFAULT 0;
ALTER TABLE person ADD COLUMN derived_takeover_date TEXT;
ALTER TABLE person ADD COLUMN takeover_missing TEXT;
DELETE FROM person_deadline WHERE rule_id LIKE 'takeover.%';
ALTER TABLE housing_area ADD COLUMN listed_from TEXT;
ALTER TABLE housing_area ADD COLUMN listed_to TEXT;
