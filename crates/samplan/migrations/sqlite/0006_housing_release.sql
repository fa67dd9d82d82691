-- A household approved into a temporary unit can be released into a later round for
-- a permanent home. It keeps living in (and holding) its temporary unit until a new
-- placement is decided; temporary_unit_code is that unit while the household waits.
ALTER TABLE housing_need ADD COLUMN temporary_unit_code TEXT;
