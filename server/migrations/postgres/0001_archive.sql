-- The archive (server/docs/archive-format.md), PostgreSQL. The same tables
-- as migrations/sqlite/0001_archive.sql; see there.

CREATE TABLE organisations (
    oid  TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    data TEXT NOT NULL
);

CREATE TABLE service_units (
    oid          TEXT PRIMARY KEY,
    organisation TEXT NOT NULL REFERENCES organisations (oid),
    kind         TEXT NOT NULL CHECK (kind IN ('general', 'shelter')),
    data         TEXT NOT NULL
);

CREATE TABLE people (
    id         TEXT PRIMARY KEY,
    birth_date TEXT NOT NULL,
    surname    TEXT NOT NULL,
    data       TEXT NOT NULL
);

CREATE TABLE guardianships (
    guardian TEXT NOT NULL REFERENCES people (id),
    child    TEXT NOT NULL REFERENCES people (id),
    data     TEXT NOT NULL,
    PRIMARY KEY (guardian, child)
);
CREATE INDEX guardianships_by_child ON guardianships (child);

CREATE TABLE client_relationships (
    id      TEXT NOT NULL,
    version BIGINT NOT NULL CHECK (version >= 1),
    client  TEXT NOT NULL REFERENCES people (id),
    data    TEXT NOT NULL,
    PRIMARY KEY (id, version)
);
CREATE INDEX client_relationships_by_client ON client_relationships (client);

CREATE TABLE cases (
    id      TEXT NOT NULL,
    version BIGINT NOT NULL CHECK (version >= 1),
    data    TEXT NOT NULL,
    PRIMARY KEY (id, version)
);

CREATE TABLE documents (
    id      TEXT NOT NULL,
    version BIGINT NOT NULL CHECK (version >= 1),
    case_id TEXT NOT NULL,
    data    TEXT NOT NULL,
    PRIMARY KEY (id, version)
);

CREATE TABLE document_clients (
    person      TEXT NOT NULL REFERENCES people (id),
    document_id TEXT NOT NULL,
    version     BIGINT NOT NULL,
    PRIMARY KEY (person, document_id, version)
);

CREATE TABLE imports (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    imported_at TEXT NOT NULL,
    added       BIGINT NOT NULL,
    updated     BIGINT NOT NULL
);
