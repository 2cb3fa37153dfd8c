-- Bodies apart from metadata (issue 10), PostgreSQL (see migrations/sqlite).

CREATE TABLE document_bodies (
    document_id TEXT NOT NULL,
    version     BIGINT NOT NULL,
    part        TEXT NOT NULL,
    data        TEXT NOT NULL,
    PRIMARY KEY (document_id, version, part)
);

CREATE INDEX document_clients_by_document ON document_clients (document_id, person);
