-- Catalogue search reads the search vector of every match (to rank it) and the title (to sort and
-- for word similarity). A vector is about 1.6 kB, and with the content beside it a version's row
-- outgrows the 2 kB TOAST threshold, so the vector went out of line: every match cost a TOAST index
-- look-up and chunk reads, twice when both the match and the rank read it. STORAGE MAIN keeps these
-- columns in the row; content, which search reads only for the page shown, goes out of line instead.
-- (Keeping only the vector in the row would push title and summary out, and sorting by title would
-- then read the TOAST table for every comparison.)
ALTER TABLE achievement_versions
  ALTER COLUMN search SET STORAGE MAIN,
  ALTER COLUMN title SET STORAGE MAIN,
  ALTER COLUMN summary SET STORAGE MAIN,
  ALTER COLUMN code SET STORAGE MAIN,
  ALTER COLUMN skill_areas SET STORAGE MAIN,
  ALTER COLUMN competency_ids SET STORAGE MAIN,
  ALTER COLUMN endorser_ids SET STORAGE MAIN;

-- Rows already written keep their out-of-line values until the values are written again.
UPDATE achievement_versions SET search = search || ''::tsvector, title = title || '', summary = summary || '';
