-- Civil society: partner organisations (associations, volunteer groups, housing
-- associations, businesses, faith or cultural associations, and the municipality's
-- volunteer centre) with contact persons and their users; their offers; referrals of a
-- person to an organisation with the fields shared under a consent; participation and
-- the newcomers' own volunteering; the fritidspas settings and grants.
CREATE TABLE organisation (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    kind               TEXT NOT NULL,
    name               TEXT NOT NULL,
    cvr                TEXT,
    description        TEXT NOT NULL,
    postal_code        TEXT,
    street             TEXT NOT NULL,
    email              TEXT NOT NULL,
    phone              TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    UNIQUE (municipality_code, name)
);
CREATE UNIQUE INDEX organisation_cvr ON organisation(municipality_code, cvr) WHERE cvr IS NOT NULL;
CREATE INDEX organisation_kind ON organisation(municipality_code, kind, name);

CREATE TABLE organisation_contact (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    organisation_id    INTEGER NOT NULL REFERENCES organisation(id),
    name               TEXT NOT NULL,
    title              TEXT NOT NULL,
    email              TEXT NOT NULL,
    phone              TEXT NOT NULL
);
CREATE INDEX organisation_contact_org ON organisation_contact(organisation_id);

-- A volunteer coordinator belongs to exactly one organisation.
CREATE TABLE organisation_user (
    user_id            INTEGER PRIMARY KEY REFERENCES app_user(id),
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    organisation_id    INTEGER NOT NULL REFERENCES organisation(id)
);
CREATE INDEX organisation_user_org ON organisation_user(organisation_id);

CREATE TABLE offer (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    organisation_id    INTEGER NOT NULL REFERENCES organisation(id),
    kind               TEXT NOT NULL,
    title              TEXT NOT NULL,
    description        TEXT NOT NULL,
    topics             TEXT NOT NULL,
    min_age            INTEGER NOT NULL,
    max_age            INTEGER NOT NULL,
    sex                TEXT,
    postal_code        TEXT NOT NULL,
    street             TEXT NOT NULL,
    languages          TEXT NOT NULL,
    slots              TEXT NOT NULL,
    price_kr           INTEGER NOT NULL,
    seats              INTEGER NOT NULL,
    fritidspas         INTEGER NOT NULL,
    active             INTEGER NOT NULL DEFAULT 1,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX offer_municipality ON offer(municipality_code, active, kind, title);
CREATE INDEX offer_organisation ON offer(organisation_id);

CREATE TABLE offer_referral (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    person_id          INTEGER NOT NULL REFERENCES person(id),
    consent_id         INTEGER NOT NULL REFERENCES consent(id),
    organisation_id    INTEGER NOT NULL REFERENCES organisation(id),
    offer_id           INTEGER REFERENCES offer(id),
    shared             TEXT NOT NULL,
    contact            TEXT NOT NULL,
    note               TEXT NOT NULL,
    status             TEXT NOT NULL,
    created_by         INTEGER NOT NULL REFERENCES app_user(id),
    created_at         TEXT NOT NULL,
    answered_at        TEXT
);
CREATE INDEX offer_referral_org ON offer_referral(municipality_code, organisation_id, created_at);
CREATE INDEX offer_referral_person ON offer_referral(municipality_code, person_id);
CREATE INDEX offer_referral_consent ON offer_referral(consent_id);

CREATE TABLE participation (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    person_id          INTEGER NOT NULL REFERENCES person(id),
    organisation_id    INTEGER NOT NULL REFERENCES organisation(id),
    offer_id           INTEGER REFERENCES offer(id),
    referral_id        INTEGER REFERENCES offer_referral(id),
    kind               TEXT NOT NULL,
    status             TEXT NOT NULL,
    from_day           TEXT NOT NULL,
    to_day             TEXT,
    recorded_by        TEXT NOT NULL,
    recorded_at        TEXT NOT NULL
);
CREATE INDEX participation_person ON participation(municipality_code, person_id);
CREATE INDEX participation_referral ON participation(referral_id);

CREATE TABLE fritidspas_settings (
    municipality_code  TEXT PRIMARY KEY REFERENCES municipality(code),
    income_limit       INTEGER NOT NULL,
    extra_per_child    INTEGER NOT NULL,
    max_fee            INTEGER NOT NULL,
    max_equipment      INTEGER NOT NULL,
    yearly_budget      INTEGER NOT NULL,
    updated_by         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

CREATE TABLE fritidspas_grant (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    person_id          INTEGER NOT NULL REFERENCES person(id),
    offer_id           INTEGER REFERENCES offer(id),
    year               INTEGER NOT NULL,
    household_income   INTEGER NOT NULL,
    children           INTEGER NOT NULL,
    fee_kr             INTEGER NOT NULL,
    equipment_kr       INTEGER NOT NULL,
    decision           TEXT NOT NULL,
    reason             TEXT NOT NULL,
    used_kr            INTEGER NOT NULL DEFAULT 0,
    decided_by         TEXT NOT NULL,
    decided_at         TEXT NOT NULL
);
CREATE INDEX fritidspas_grant_year ON fritidspas_grant(municipality_code, year, id);
CREATE INDEX fritidspas_grant_person ON fritidspas_grant(municipality_code, person_id);
