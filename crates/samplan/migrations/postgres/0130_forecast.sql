-- The capacity forecast (decision 130): the places that become free for newcomers in a
-- month, per resource (a forecast series key), and the municipality's quota per year.
CREATE TABLE forecast_capacity (
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    month              TEXT NOT NULL,
    resource           TEXT NOT NULL,
    places             BIGINT NOT NULL,
    updated_at         TEXT NOT NULL,
    updated_by         TEXT NOT NULL,
    PRIMARY KEY (municipality_code, month, resource)
);

CREATE TABLE forecast_quota (
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    year               BIGINT NOT NULL,
    persons            BIGINT NOT NULL,
    updated_at         TEXT NOT NULL,
    updated_by         TEXT NOT NULL,
    PRIMARY KEY (municipality_code, year)
);

-- The forecast reads arrivals by date within a municipality.
CREATE INDEX person_municipality_arrival ON person(municipality_code, arrival_date);
