-- Name search at a municipality's size: a part of a name («abdi», «ødeg») is found through
-- a trigram index (FTS5's trigram tokenizer) instead of reading every person's name.
-- The index holds `person.search_name` by the person's id and is kept by triggers.
CREATE VIRTUAL TABLE person_name_search USING fts5(search_name, content = 'person', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO person_name_search(person_name_search) VALUES ('rebuild');
CREATE TRIGGER person_name_search_insert AFTER INSERT ON person
BEGIN
    INSERT INTO person_name_search(rowid, search_name) VALUES (NEW.id, NEW.search_name);
END;
CREATE TRIGGER person_name_search_delete AFTER DELETE ON person
BEGIN
    INSERT INTO person_name_search(person_name_search, rowid, search_name) VALUES ('delete', OLD.id, OLD.search_name);
END;
CREATE TRIGGER person_name_search_update AFTER UPDATE OF search_name ON person
BEGIN
    INSERT INTO person_name_search(person_name_search, rowid, search_name) VALUES ('delete', OLD.id, OLD.search_name);
    INSERT INTO person_name_search(rowid, search_name) VALUES (NEW.id, NEW.search_name);
END;
