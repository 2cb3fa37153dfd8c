//! Health for the operators (issue 12): `/healthz` says the process
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
/// with the reason.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let check = tokio::time::timeout(READY_TIMEOUT, state.portal.store.readiness()).await;
    let (status, reason) = match check {
        Ok(Ok(Readiness::Ready)) => (StatusCode::OK, None),
        Ok(Ok(Readiness::NotMigrated { applied, expected })) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Some(format!(
                "database at migration {applied:?}, this program needs {expected:?}"
            )),
        ),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "not ready: database");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Some("database does not answer".to_string()),
            )
        }
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Some(format!(
                "database did not answer within {} s",
                READY_TIMEOUT.as_secs()
            )),
        ),
    };
    let body = match reason {
        None => serde_json::json!({"status": "ready"}),
        Some(r) => serde_json::json!({"status": "not ready", "reason": r}),
    };
    (status, Json(body)).into_response()
}
