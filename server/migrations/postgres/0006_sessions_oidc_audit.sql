-- PostgreSQL (see migrations/sqlite).
-- Issue 9: sessions with an idle timeout and the provider's ID token (for
-- RP-initiated sign-out); sign-ins in progress at the OpenID provider; an
-- audit row that says how the request ended, from which session (a prefix
-- of the token's hash) and from which address.

-- Sessions of the earlier form carry no last activity: they end here.
DELETE FROM sessions;
ALTER TABLE sessions ADD COLUMN last_seen TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN id_token TEXT;
CREATE INDEX sessions_by_person ON sessions (person, logged_in);

CREATE TABLE oidc_logins (
    state_hash    TEXT PRIMARY KEY,
    browser_hash  TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    created       TEXT NOT NULL
);

ALTER TABLE audit_events ADD COLUMN outcome TEXT NOT NULL DEFAULT 'ok';
ALTER TABLE audit_events ADD COLUMN role TEXT;
ALTER TABLE audit_events ADD COLUMN session TEXT;
ALTER TABLE audit_events ADD COLUMN client TEXT;
CREATE INDEX audit_by_subject ON audit_events (subject, id);
