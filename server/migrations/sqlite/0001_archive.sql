-- The archive (shared/spec/archive-format.md). Versioned records (client
-- relationships, cases, documents) keep every version side by side; the
-- record as imported is kept whole in `data` (JSON), with the columns the
-- portal looks things up by beside it.

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
    version INTEGER NOT NULL CHECK (version >= 1),
    client  TEXT NOT NULL REFERENCES people (id),
    data    TEXT NOT NULL,
    PRIMARY KEY (id, version)
);
CREATE INDEX client_relationships_by_client ON client_relationships (client);

CREATE TABLE cases (
    id      TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    data    TEXT NOT NULL,
    PRIMARY KEY (id, version)
);

CREATE TABLE documents (
    id      TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    case_id TEXT NOT NULL,
    data    TEXT NOT NULL,
    PRIMARY KEY (id, version)
);

-- Every person named in any version of a document, for "whose documents".
CREATE TABLE document_clients (
    person      TEXT NOT NULL REFERENCES people (id),
    document_id TEXT NOT NULL,
    version     INTEGER NOT NULL,
    PRIMARY KEY (person, document_id, version)
);

CREATE TABLE imports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    imported_at TEXT NOT NULL,
    added       INTEGER NOT NULL,
    updated     INTEGER NOT NULL
);
