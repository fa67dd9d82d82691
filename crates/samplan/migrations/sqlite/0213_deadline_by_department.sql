-- A department's Frister: its open deadlines by due day, and those met late. Without the
-- department first, a language centre's counts walked every deadline of the
-- municipality that was met (150 000 with 150 000 persons) to find its own 30 000.
CREATE INDEX person_deadline_department_open ON person_deadline(municipality_code, department, met_on, due);
CREATE INDEX person_deadline_department_met_late ON person_deadline(municipality_code, department, due) WHERE met_on > due;
