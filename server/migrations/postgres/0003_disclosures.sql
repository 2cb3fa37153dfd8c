-- The archive's disclosure log (R-DISC-1..3), PostgreSQL (see migrations/sqlite).

CREATE TABLE disclosures (
    id           TEXT PRIMARY KEY,
    client       TEXT NOT NULL REFERENCES people (id),
    document_id  TEXT NOT NULL,
    disclosed_at TEXT NOT NULL,
    data         TEXT NOT NULL
);
CREATE INDEX disclosures_by_client ON disclosures (client, disclosed_at);
