-- Work left to the program when it opens the store (issue 10), PostgreSQL (see migrations/sqlite).
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
