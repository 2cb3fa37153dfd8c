-- Logins (R-FRONT-3 "New" is relative to the previous one), sessions and the audit trail.

CREATE TABLE logins (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    person    TEXT NOT NULL,
    logged_in TEXT NOT NULL
);
CREATE INDEX logins_by_person ON logins (person, id);

CREATE TABLE sessions (
    token_hash        TEXT PRIMARY KEY,
    person            TEXT NOT NULL,
    subject           TEXT,
    logged_in         TEXT NOT NULL,
    previous_login    TEXT,
    expires_at        TEXT NOT NULL
);

CREATE TABLE audit_events (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL,
    viewer  TEXT,
    subject TEXT,
    action  TEXT NOT NULL,
    target  TEXT
);
