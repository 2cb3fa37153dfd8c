//! Health for the operators: `/healthz` says the process
//! answers; `/readyz` that the database answers within two seconds with the
//! tables this program expects. Neither reads a record or needs a session.

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::AppState;
use crate::store::Readiness;

/// How long the database may take to answer `/readyz`.
const READY_TIMEOUT: Duration = Duration::from_secs(2);

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
    let reason = match check {
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
