-- Status periods recorded by staff on the person page: who recorded a period and when
-- it was last corrected (corrections and deletions, with their reason, are in the
-- audit log).
ALTER TABLE person_status ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
ALTER TABLE person_status ADD COLUMN updated_at TEXT;
