-- Work the earlier migrations leave to the program (issue 10): rows stored
-- before them, which the program rewrites when it opens the store. Each kind
-- of work is found here, once, and its row is deleted in the transaction that
-- does it; a store with nothing left to do is opened without a scan of its
-- documents (at 3 M documents such a scan at every start took seconds).
--   people_search  persons stored before 0005 (no search text)
--   pack_bodies    bodies stored before 0009 (`document_bodies`, JSON text)
--   split_bodies   documents stored before 0004 (bodies inside the metadata)

CREATE TABLE pending_upgrades (
    name TEXT PRIMARY KEY
);

INSERT INTO pending_upgrades (name)
SELECT 'people_search' WHERE EXISTS (SELECT 1 FROM people WHERE search = '');

INSERT INTO pending_upgrades (name)
SELECT 'pack_bodies' WHERE EXISTS (SELECT 1 FROM document_bodies);

INSERT INTO pending_upgrades (name)
SELECT 'split_bodies' WHERE EXISTS (
    SELECT 1 FROM documents d
    WHERE NOT EXISTS (SELECT 1 FROM document_parts b
                      WHERE b.document_id = d.id AND b.version = d.version AND b.part = '')
      AND NOT EXISTS (SELECT 1 FROM document_bodies o
                      WHERE o.document_id = d.id AND o.version = d.version AND o.part = '')
);
