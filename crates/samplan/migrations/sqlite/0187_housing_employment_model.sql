-- Employment-aware placement in the housing officer's hands: the municipality's fitted
-- employment model (the placement crate's EmploymentModel as JSON, with the date of its
-- training data, how many past residents it rests on, who fitted it and when) and the
-- weight of its term in the placement rounds (0: the documented model exactly).
CREATE TABLE housing_employment_model (
    municipality_code  TEXT PRIMARY KEY REFERENCES municipality(code),
    model              TEXT,
    data_as_of         TEXT,
    residents          INTEGER NOT NULL DEFAULT 0,
    fitted_at          TEXT,
    fitted_by          TEXT,
    weight             INTEGER NOT NULL DEFAULT 0,
    weight_set_at      TEXT,
    weight_set_by      TEXT
);
