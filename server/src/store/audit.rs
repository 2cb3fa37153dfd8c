//! The audit trail: one row per event, written before the answer.
//! Rows are never updated or deleted by the portal.

use std::sync::Arc;

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

/// An audit row waiting to be written, and who waits for it.
struct Pending {
    row: [Option<String>; 9],
    at: String,
    done: tokio::sync::oneshot::Sender<Result<(), Arc<StoreError>>>,
}

/// The audit rows waiting to be written (group commit): while one batch is
/// written, the rows of the requests that arrive meanwhile wait here and are
/// written together in the next. Every request still waits
/// for the commit of its own row before it is answered; many requests share
/// one commit (one `fsync`) instead of queueing for the database's write
/// lock one by one.
#[derive(Default)]
pub(crate) struct AuditQueue {
    state: std::sync::Mutex<QueueState>,
}

#[derive(Default)]
struct QueueState {
    rows: Vec<Pending>,
    /// A writer task is running (it takes what arrives until none is left).
    writing: bool,
}

/// At most this many rows in one batch: one `INSERT` statement, atomic by
/// itself, of ten values a row (5 000 parameters, within both databases'
/// limits). One statement is one round trip: no `BEGIN` and `COMMIT` around it.
const BATCH: usize = 500;

impl AuditQueue {
    /// Queues `p`; true when the caller must start the writer.
    fn push(&self, p: Pending) -> bool {
        let Ok(mut s) = self.state.lock() else {
            return false;
        };
        s.rows.push(p);
        !std::mem::replace(&mut s.writing, true)
    }

    /// The next rows to write, oldest first; none (and the writer stops)
    /// when the queue is empty.
    fn take(&self) -> Vec<Pending> {
        let Ok(mut s) = self.state.lock() else {
            return Vec::new();
        };
        let n = s.rows.len().min(BATCH);
        if n == 0 {
            s.writing = false;
        }
        s.rows.drain(..n).collect()
    }
}

/// Ends a writer however it ends: if it stopped early (its task cancelled
/// as the runtime shuts down), the rows still queued fail rather than wait
/// for ever, and the next row starts a new writer.
struct WriterGuard<'a>(&'a AuditQueue);

impl Drop for WriterGuard<'_> {
    fn drop(&mut self) {
        if let Ok(mut s) = self.0.state.lock() {
            s.writing = false;
            s.rows.clear();
        }
    }
}

/// Rows one retention batch deletes: a short write, so that the audit
/// writer (and on SQLite every other writer) waits little.
const PRUNE_BATCH: i64 = 5_000;

impl Store {
    /// Deletes the audit rows written before `before`, in batches (the
    /// county's retention rule, `PORTAL_AUDIT_RETENTION_DAYS`); how many.
    pub async fn prune_audit(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
        // `at` is RFC 3339 in UTC, so text order is time order.
        let before = before.to_rfc3339();
        let mut deleted = 0;
        loop {
            let n = sqlx::query(
                "DELETE FROM audit_events WHERE id IN \
                 (SELECT id FROM audit_events WHERE at < $1 ORDER BY at LIMIT $2)",
            )
            .bind(before.as_str())
            .bind(PRUNE_BATCH)
            .execute(&self.pool)
            .await?
            .rows_affected();
            deleted += n;
            if n < u64::try_from(PRUNE_BATCH).unwrap_or(u64::MAX) {
                return Ok(deleted);
            }
        }
    }

    /// Appends to the audit trail, and returns once the row is committed.
    pub async fn audit(&self, row: &AuditRow<'_>, at: DateTime<Utc>) -> Result<(), StoreError> {
        let owned = |v: Option<&str>| v.map(str::to_string);
        let (done, committed) = tokio::sync::oneshot::channel();
        let pending = Pending {
            row: [
                owned(row.viewer),
                owned(row.subject),
                owned(row.role),
                Some(row.action.to_string()),
                owned(row.target),
                Some(row.outcome.to_string()),
                owned(row.session),
                owned(row.client),
                owned(row.request_id),
            ],
            at: at.to_rfc3339(),
            done,
        };
        if self.audit_queue.push(pending) {
            let store = self.clone();
            tokio::spawn(async move { store.write_audit_rows().await });
        }
        match committed.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(StoreError::Shared(e)),
            Err(_) => Err(StoreError::Db(sqlx::Error::WorkerCrashed)),
        }
    }

    /// The writer: one statement for whatever is queued, then the next,
    /// until the queue is empty.
    async fn write_audit_rows(&self) {
        let queue = Arc::clone(&self.audit_queue);
        let guard = WriterGuard(&queue);
        loop {
            let batch = queue.take();
            if batch.is_empty() {
                std::mem::forget(guard);
                return;
            }
            let result = self.insert_audit_rows(&batch).await.map_err(Arc::new);
            for p in batch {
                let _ = p.done.send(result.clone());
            }
        }
    }

    /// Writes `batch` in one statement, oldest first.
    async fn insert_audit_rows(&self, batch: &[Pending]) -> Result<(), StoreError> {
        let values: Vec<String> = (0..batch.len())
            .map(|r| {
                let marks: Vec<String> = (1..=10).map(|c| format!("${}", r * 10 + c)).collect();
                format!("({})", marks.join(", "))
            })
            .collect();
        let sql = format!(
            "INSERT INTO audit_events (at, viewer, subject, role, action, target, outcome, session, client, request_id) \
             VALUES {}",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for p in batch {
            q = q.bind(p.at.as_str());
            for v in &p.row {
                q = q.bind(v.as_deref());
            }
        }
        q.execute(&self.pool).await?;
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
