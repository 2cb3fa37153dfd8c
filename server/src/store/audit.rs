//! The audit trail: one row per event, written before the answer (issue 9,
//! item 6). Rows are never updated or deleted by the portal.

use chrono::{DateTime, Utc};

use super::{Store, StoreError};

/// One row of the audit trail, as written.
#[derive(Debug, Clone, Default)]
pub struct AuditRow<'a> {
    pub viewer: Option<&'a str>,
    pub subject: Option<&'a str>,
    /// `own`, `guardian` or `information_right`: how the viewer read the subject's records.
    pub role: Option<&'a str>,
    pub action: &'a str,
    pub target: Option<&'a str>,
    /// `ok`, `not_found`, `unauthenticated`, `refused`, `failed`…
    pub outcome: &'a str,
    /// The first 12 hex digits of the SHA-256 of the session token.
    pub session: Option<&'a str>,
    pub client: Option<&'a str>,
    /// The id of the request (also in its log lines).
    pub request_id: Option<&'a str>,
}

/// One read of a subject's records, for "Use of my information".
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuditEntry {
    pub at: String,
    pub viewer: Option<String>,
    /// The viewer's person record (JSON), when the store still has it.
    pub viewer_data: Option<String>,
    pub role: Option<String>,
    pub action: String,
}

/// The actions that read a subject's records.
pub const READ_ACTIONS: [&str; 8] = [
    "front_page",
    "task_page",
    "document",
    "document_body",
    "attachment",
    "disclosures",
    "use_log",
    "goals",
];

impl Store {
    /// Appends to the audit trail.
    pub async fn audit(&self, row: &AuditRow<'_>, at: DateTime<Utc>) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO audit_events (at, viewer, subject, role, action, target, outcome, session, client, request_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(at.to_rfc3339())
        .bind(row.viewer)
        .bind(row.subject)
        .bind(row.role)
        .bind(row.action)
        .bind(row.target)
        .bind(row.outcome)
        .bind(row.session)
                .bind(row.client)
        .bind(row.request_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The successful reads of `subject`'s records, newest first: one page, and
    /// how many there are in all.
    pub async fn reads_of(
        &self,
        subject: &str,
        offset: u32,
        limit: u32,
    ) -> Result<(Vec<AuditEntry>, u32), StoreError> {
        let actions = READ_ACTIONS.map(|a| format!("'{a}'")).join(", ");
        let filter = format!("a.subject = $1 AND a.outcome = 'ok' AND a.action IN ({actions})");
        let rows: Vec<AuditEntry> = sqlx::query_as(&format!(
            "SELECT a.at, a.viewer, p.data AS viewer_data, a.role, a.action FROM audit_events a \
             LEFT JOIN people p ON p.id = a.viewer WHERE {filter} ORDER BY a.id DESC LIMIT $2 OFFSET $3"
        ))
        .bind(subject)
        .bind(i64::from(limit))
        .bind(i64::from(offset))
        .fetch_all(&self.pool)
        .await?;
        let total: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM audit_events a WHERE {filter}"
        ))
        .bind(subject)
        .fetch_one(&self.pool)
        .await?;
        Ok((rows, u32::try_from(total).unwrap_or(u32::MAX)))
    }

    /// Every row of the audit trail, oldest first (for tests and exports).
    pub async fn audit_rows(&self) -> Result<Vec<AuditRecord>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT at, viewer, subject, role, action, target, outcome, session, client, request_id \
             FROM audit_events ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?)
    }
}

/// A whole stored row of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuditRecord {
    pub at: String,
    pub viewer: Option<String>,
    pub subject: Option<String>,
    pub role: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub outcome: String,
    pub session: Option<String>,
    pub client: Option<String>,
    pub request_id: Option<String>,
}
