-- Name search at a municipality's size: a part of a name («abdi», «ødeg») is found through
-- a trigram index (pg_trgm, a trusted extension shipped with PostgreSQL) instead of reading
-- every person's name. `LIKE '%…%'` on `search_name` uses it as it stands.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX person_search_name_trigram ON person USING gin (search_name gin_trgm_ops);
