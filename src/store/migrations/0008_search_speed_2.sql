-- Catalogue search reads a table of its own: one row per listed, published version, kept in step
-- with achievement_versions by a trigger, whoever writes it.
--
-- Why: achievement_versions holds every version (drafts, superseded ones) with the columns search
-- never reads, and `listed` was added last, so testing it meant walking each 2 kB row past the
-- search vector: filtering 10,000 rows cost more than matching their words. catalogue_entries
-- holds only what search filters, sorts and matches on, the short fixed-width columns first and
-- the search vector last, so a filter reads the first bytes of a row. toast_tuple_target keeps
-- the vector in the row and uncompressed (see 0005); only a vector near 8 kB is compressed.
CREATE TABLE catalogue_entries (
  id uuid PRIMARY KEY REFERENCES achievement_versions (id) ON DELETE CASCADE,
  achievement_id uuid NOT NULL,
  credits integer NOT NULL,
  nzqf_level integer NOT NULL,
  rpl_allowed boolean NOT NULL,
  published_at timestamptz,
  title text NOT NULL,
  skill_areas text[] NOT NULL,
  competency_ids uuid[] NOT NULL,
  endorser_ids uuid[] NOT NULL,
  search tsvector NOT NULL
) WITH (toast_tuple_target = 8160);
ALTER TABLE catalogue_entries
  ALTER COLUMN title SET STORAGE MAIN,
  ALTER COLUMN skill_areas SET STORAGE MAIN,
  ALTER COLUMN competency_ids SET STORAGE MAIN,
  ALTER COLUMN endorser_ids SET STORAGE MAIN,
  ALTER COLUMN search SET STORAGE MAIN;
CREATE INDEX catalogue_entries_search ON catalogue_entries USING gin (search);
CREATE INDEX catalogue_entries_title_trgm ON catalogue_entries USING gin (title gin_trgm_ops);
CREATE INDEX catalogue_entries_skill_areas ON catalogue_entries USING gin (skill_areas);
CREATE INDEX catalogue_entries_competency_ids ON catalogue_entries USING gin (competency_ids);
-- The orders a page can be in without words (the repository's sort keys): browsing walks an index.
CREATE INDEX catalogue_entries_title ON catalogue_entries (title, id);
CREATE INDEX catalogue_entries_newest ON catalogue_entries (published_at DESC NULLS LAST, id);
CREATE INDEX catalogue_entries_credits ON catalogue_entries (credits, title, id);

-- Typo tolerance without comparing the query with every title. The fallback compared the query
-- with each title by trigram word similarity, about 5 µs a title, so a broad typo ("asest": half
-- the catalogue looks like it) cost a pass over every title. Titles use few distinct words (a
-- hundred in the 10,000-strong benchmark catalogue, a few thousand in any real one), so the
-- query's words are compared with that list (trigram index), and the entries using the similar
-- words come from an index of words to entries.
--
-- catalogue_words: every word ever used in a listed, published title, lower case (never removed:
-- a word no title uses any more just finds nothing). catalogue_title_words: which entries use
-- which word. Words are the runs of letters and digits, as pg_trgm splits them.
CREATE TABLE catalogue_words (word text PRIMARY KEY);
CREATE INDEX catalogue_words_trgm ON catalogue_words USING gin (word gin_trgm_ops);

CREATE TABLE catalogue_title_words (
  word text NOT NULL,
  version_id uuid NOT NULL REFERENCES catalogue_entries (id) ON DELETE CASCADE,
  PRIMARY KEY (word, version_id)
);
CREATE INDEX catalogue_title_words_version ON catalogue_title_words (version_id);

CREATE FUNCTION catalogue_entry_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'published' OR NOT NEW.listed THEN
    IF TG_OP = 'UPDATE' THEN
      DELETE FROM catalogue_entries WHERE id = NEW.id;
    END IF;
    RETURN NULL;
  END IF;
  INSERT INTO catalogue_entries AS e (id, achievement_id, credits, nzqf_level, rpl_allowed, published_at, title,
      skill_areas, competency_ids, endorser_ids, search)
    VALUES (NEW.id, NEW.achievement_id, NEW.credits, NEW.nzqf_level, NEW.rpl_allowed, NEW.published_at, NEW.title,
      NEW.skill_areas, NEW.competency_ids, NEW.endorser_ids, NEW.search)
    ON CONFLICT (id) DO UPDATE SET achievement_id = EXCLUDED.achievement_id, credits = EXCLUDED.credits,
      nzqf_level = EXCLUDED.nzqf_level, rpl_allowed = EXCLUDED.rpl_allowed, published_at = EXCLUDED.published_at,
      title = EXCLUDED.title, skill_areas = EXCLUDED.skill_areas, competency_ids = EXCLUDED.competency_ids,
      endorser_ids = EXCLUDED.endorser_ids, search = EXCLUDED.search;
  IF TG_OP = 'UPDATE' AND OLD.title = NEW.title AND OLD.status = 'published' AND OLD.listed THEN
    RETURN NULL;
  END IF;
  DELETE FROM catalogue_title_words WHERE version_id = NEW.id;
  -- In word order, so two transactions adding the same new words wait for each other instead of
  -- deadlocking.
  INSERT INTO catalogue_words (word)
    SELECT DISTINCT w FROM regexp_split_to_table(lower(NEW.title), '[^[:alnum:]]+') AS w
    WHERE w <> '' ORDER BY w
    ON CONFLICT DO NOTHING;
  INSERT INTO catalogue_title_words (word, version_id)
    SELECT DISTINCT w, NEW.id FROM regexp_split_to_table(lower(NEW.title), '[^[:alnum:]]+') AS w
    WHERE w <> '';
  RETURN NULL;
END
$$;

CREATE TRIGGER achievement_versions_catalogue_entry
  AFTER INSERT OR UPDATE ON achievement_versions
  FOR EACH ROW EXECUTE FUNCTION catalogue_entry_refresh();

INSERT INTO catalogue_entries (id, achievement_id, credits, nzqf_level, rpl_allowed, published_at, title,
    skill_areas, competency_ids, endorser_ids, search)
  SELECT id, achievement_id, credits, nzqf_level, rpl_allowed, published_at, title,
    skill_areas, competency_ids, endorser_ids, search
  FROM achievement_versions WHERE status = 'published' AND listed;
INSERT INTO catalogue_words (word)
  SELECT DISTINCT w FROM catalogue_entries e, regexp_split_to_table(lower(e.title), '[^[:alnum:]]+') AS w
  WHERE w <> '';
INSERT INTO catalogue_title_words (word, version_id)
  SELECT DISTINCT w, e.id FROM catalogue_entries e, regexp_split_to_table(lower(e.title), '[^[:alnum:]]+') AS w
  WHERE w <> '';
