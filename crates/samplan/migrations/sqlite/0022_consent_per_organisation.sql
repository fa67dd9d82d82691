-- A consent names the registry's organisations it shares with, each with its own
-- scopes beyond name and contact (`profile`: age, languages and interests;
-- `address`). A referral goes only to an organisation its consent names, and shares
-- no more than that organisation's scopes.
CREATE TABLE consent_organisation (
    consent_id         INTEGER NOT NULL REFERENCES consent(id),
    organisation_id    INTEGER NOT NULL REFERENCES organisation(id),
    municipality_code  TEXT NOT NULL REFERENCES municipality(code),
    scopes             TEXT NOT NULL,
    PRIMARY KEY (consent_id, organisation_id)
);
CREATE INDEX consent_organisation_organisation ON consent_organisation(municipality_code, organisation_id);

-- Consents recorded before named partners in free text and held the civil-society
-- scopes themselves: an organisation of the municipality whose name the text contains
-- gets the consent's scopes, and so does every organisation a referral under the
-- consent was already sent to.
INSERT INTO consent_organisation (consent_id, organisation_id, municipality_code, scopes)
SELECT c.id, o.id, c.municipality_code,
       CASE WHEN (',' || c.scopes || ',') LIKE '%,profile,%' AND (',' || c.scopes || ',') LIKE '%,address,%' THEN 'profile,address'
            WHEN (',' || c.scopes || ',') LIKE '%,profile,%' THEN 'profile'
            WHEN (',' || c.scopes || ',') LIKE '%,address,%' THEN 'address'
            ELSE '' END
FROM consent c JOIN organisation o ON o.municipality_code = c.municipality_code
WHERE c.partners <> '' AND instr(lower(c.partners), lower(o.name)) > 0;

INSERT INTO consent_organisation (consent_id, organisation_id, municipality_code, scopes)
SELECT DISTINCT r.consent_id, r.organisation_id, c.municipality_code,
       CASE WHEN (',' || c.scopes || ',') LIKE '%,profile,%' AND (',' || c.scopes || ',') LIKE '%,address,%' THEN 'profile,address'
            WHEN (',' || c.scopes || ',') LIKE '%,profile,%' THEN 'profile'
            WHEN (',' || c.scopes || ',') LIKE '%,address,%' THEN 'address'
            ELSE '' END
FROM offer_referral r JOIN consent c ON c.id = r.consent_id
WHERE NOT EXISTS (SELECT 1 FROM consent_organisation x WHERE x.consent_id = r.consent_id AND x.organisation_id = r.organisation_id);
