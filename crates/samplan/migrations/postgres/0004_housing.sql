-- Housing placement: the municipality's areas and offered units, each waiting
-- household's needs, and the current placement of each household (proposed by the
-- optimiser, or approved / overridden by a housing officer).
CREATE TABLE housing_area (
    municipality_code    TEXT NOT NULL REFERENCES municipality(code),
    code                 TEXT NOT NULL,
    name                 TEXT NOT NULL,
    listed               BIGINT NOT NULL DEFAULT 0,
    existing_households  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (municipality_code, code)
);

CREATE TABLE housing_unit (
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    code               TEXT NOT NULL,
    area_code          TEXT NOT NULL,
    rooms              BIGINT NOT NULL,
    rent               BIGINT NOT NULL,
    accessible         BIGINT NOT NULL,
    tenure             TEXT NOT NULL,
    lat                DOUBLE PRECISION NOT NULL,
    lon                DOUBLE PRECISION NOT NULL,
    street             TEXT,
    postal_code        TEXT,
    city               TEXT,
    PRIMARY KEY (municipality_code, code),
    FOREIGN KEY (municipality_code, area_code) REFERENCES housing_area(municipality_code, code)
);

CREATE TABLE housing_need (
    family_id          BIGINT PRIMARY KEY REFERENCES family(id),
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    max_rent           BIGINT NOT NULL,
    needs_accessible   BIGINT NOT NULL,
    anchors            TEXT NOT NULL DEFAULT '',
    registered_on      TEXT NOT NULL,
    temporary_since    TEXT,
    permanent_since    TEXT,
    updated_at         TEXT NOT NULL
);
CREATE INDEX housing_need_municipality ON housing_need(municipality_code);

CREATE TABLE housing_placement (
    family_id          BIGINT PRIMARY KEY REFERENCES family(id),
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    unit_code          TEXT,
    status             TEXT NOT NULL,
    cost               BIGINT NOT NULL DEFAULT 0,
    explanation        TEXT NOT NULL DEFAULT '',
    reason             TEXT NOT NULL DEFAULT '',
    decided_by         TEXT,
    decided_at         TEXT,
    created_at         TEXT NOT NULL
);
CREATE INDEX housing_placement_municipality ON housing_placement(municipality_code);
