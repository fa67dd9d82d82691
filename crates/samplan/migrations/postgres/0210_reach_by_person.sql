-- A single person's reach is checked by index probes per person (store::access::condition_one):
-- department links and referrals are found by person.
CREATE INDEX plan_department_link_person ON plan_department_link(person_id);
CREATE INDEX referral_person ON referral(person_id);
