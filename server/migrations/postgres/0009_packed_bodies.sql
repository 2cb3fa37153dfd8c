-- Bodies compressed (issue 10), PostgreSQL (see migrations/sqlite).

CREATE TABLE document_parts (
    document_id TEXT NOT NULL,
    version     BIGINT NOT NULL,
    part        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    size        BIGINT NOT NULL,
    packed      BYTEA NOT NULL,
    PRIMARY KEY (document_id, version, part)
);

-- Already compressed: stored out of line without PostgreSQL's own compression.
ALTER TABLE document_parts ALTER COLUMN packed SET STORAGE EXTERNAL;
