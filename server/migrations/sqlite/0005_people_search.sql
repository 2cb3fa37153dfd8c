-- The test-identification list is searched by name and identity code
-- (issue 10: a store may hold 100 000 persons): "given names surname id",
-- lowercased, written by the import. Rows stored before this migration are
-- filled in when the store opens.
ALTER TABLE people ADD COLUMN search TEXT NOT NULL DEFAULT '';
