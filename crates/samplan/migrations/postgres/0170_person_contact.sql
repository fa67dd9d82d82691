-- What a caseworker needs first on the person page: the phone number, and whether the
-- person needs an interpreter and in which language (an ISO 639 code; NULL: no
-- interpreter needed). Kept beside the person's facts, set from the person page.
ALTER TABLE person ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN interpreter_language TEXT;
