-- Audit rows by time: the retention job (PORTAL_AUDIT_RETENTION_DAYS)
-- deletes the oldest without reading the whole trail.
CREATE INDEX audit_by_time ON audit_events (at);
