-- PostgreSQL (see migrations/sqlite).
-- The request id in every audit row (issue 12: one id per request, in the
-- log lines and the audit row). Rows from before 0006 carry no role: a
-- person's reads of their own records are marked as such.
ALTER TABLE audit_events ADD COLUMN request_id TEXT;
UPDATE audit_events SET role = 'own' WHERE role IS NULL AND viewer = subject;

-- The provider's ID token is no longer kept (it may carry the identity
-- code; sign-out at the provider names the client instead).
ALTER TABLE sessions DROP COLUMN id_token;
