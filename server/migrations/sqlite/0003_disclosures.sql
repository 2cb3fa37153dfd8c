-- The archive's disclosure log (R-DISC-1..3). An entry is written once and
-- never changed; the professional who searched is kept in `data` and never
-- shown (R-DISC-2).

CREATE TABLE disclosures (
    id           TEXT PRIMARY KEY,
    client       TEXT NOT NULL REFERENCES people (id),
    document_id  TEXT NOT NULL,
    disclosed_at TEXT NOT NULL,
    data         TEXT NOT NULL
);
CREATE INDEX disclosures_by_client ON disclosures (client, disclosed_at);
