//! Health for the operators: `/healthz` says the process
//! answers; `/readyz` that the database answers within two seconds with the
//! tables this program expects, and (SQLite) that its disk is not full.
//! Neither reads a record or needs a session.

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::AppState;
use crate::store::Readiness;

/// How long the database may take to answer `/readyz`.
const READY_TIMEOUT: Duration = Duration::from_secs(2);

/// Free space of the database's disk, in percent, below which the log
/// warns; and below which the portal is not ready: the audit trail fails
/// closed, so a full disk would stop every citizen's reads, and a balancer
/// had better send them to a portal that can still write.
const DISK_WARN_PERCENT: u64 = 10;
const DISK_NOT_READY_PERCENT: u64 = 2;

/// The directory of an SQLite database file (`sqlite://PATH[?…]`); `None`
/// for PostgreSQL, whose disk is its server's.
fn sqlite_dir(database_url: &str) -> Option<std::path::PathBuf> {
    let path = database_url.strip_prefix("sqlite://")?;
    let path = path.split('?').next().unwrap_or(path);
    let dir = std::path::Path::new(path).parent()?;
    Some(if dir.as_os_str().is_empty() {
        std::path::PathBuf::from(".")
    } else {
        dir.to_path_buf()
    })
}

/// The free share of the database's disk, in percent (and the metrics
/// `portal_db_disk_free_percent`, `portal_db_disk_free_mebibytes`); `None`
/// where it cannot be known (PostgreSQL, an unreadable path).
pub fn disk_free_percent(database_url: &str) -> Option<u64> {
    let dir = sqlite_dir(database_url)?;
    let stats = match fs4::statvfs(&dir) {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the database disk's free space");
            return None;
        }
    };
    let total = stats.total_space().max(1);
    let free = stats.available_space();
    let percent = free.saturating_mul(100) / total;
    let mib = u32::try_from(free >> 20).unwrap_or(u32::MAX);
    metrics::gauge!("portal_db_disk_free_mebibytes").set(f64::from(mib));
    metrics::gauge!("portal_db_disk_free_percent")
        .set(f64::from(u32::try_from(percent).unwrap_or(100)));
    if percent < DISK_WARN_PERCENT {
        tracing::warn!(
            free_percent = percent,
            free_mebibytes = mib,
            "the database disk is nearly full"
        );
    }
    Some(percent)
}

/// Too little room left for the audit trail to go on being written.
fn too_full(free_percent: Option<u64>) -> bool {
    free_percent.is_some_and(|p| p < DISK_NOT_READY_PERCENT)
}

/// GET /healthz: 200 while the process serves.
pub async fn healthz() -> Response {
    (StatusCode::OK, Json(serde_json::json!({"status": "ok"}))).into_response()
}

/// GET /readyz: 200 when the database answers and is migrated, else 503
/// saying only "not ready": the reason (a migration number, a database
/// error) is the operators', in the log and the `portal_not_ready_total`
/// metric, not the public's.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let check = tokio::time::timeout(READY_TIMEOUT, state.portal.store.readiness()).await;
    let disk_full = too_full(disk_free_percent(&state.portal.config.database_url));
    let reason = match check {
        Ok(Ok(Readiness::Ready)) if disk_full => {
            tracing::warn!("not ready: the database disk is full");
            Some("disk_full")
        }
        Ok(Ok(Readiness::Ready)) => None,
        Ok(Ok(Readiness::NotMigrated { applied, expected })) => {
            tracing::warn!(
                ?applied,
                ?expected,
                "not ready: the database is not migrated"
            );
            Some("not_migrated")
        }
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "not ready: the database does not answer");
            Some("database_error")
        }
        Err(_) => {
            tracing::warn!(
                seconds = READY_TIMEOUT.as_secs(),
                "not ready: the database did not answer in time"
            );
            Some("database_timeout")
        }
    };
    match reason {
        None => (StatusCode::OK, Json(serde_json::json!({"status": "ready"}))).into_response(),
        Some(r) => {
            metrics::counter!("portal_not_ready_total", "reason" => r).increment(1);
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({"status": "not ready"})),
            )
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_disk_of_an_sqlite_database_is_its_directorys() {
        assert_eq!(
            sqlite_dir("sqlite:///var/lib/portal/portal.db?mode=rwc"),
            Some(std::path::PathBuf::from("/var/lib/portal"))
        );
        assert_eq!(
            sqlite_dir("sqlite://portal.db"),
            Some(std::path::PathBuf::from("."))
        );
        assert_eq!(sqlite_dir("postgres://portal@db/portal"), None);
        let here = disk_free_percent("sqlite://portal.db").expect("this disk");
        assert!(here <= 100);
        assert_eq!(disk_free_percent("postgres://portal@db/portal"), None);
        // Below 2 % free the portal is not ready; unknown is not "full".
        assert!(too_full(Some(1)) && too_full(Some(0)));
        assert!(!too_full(Some(2)) && !too_full(Some(50)) && !too_full(None));
    }
}
