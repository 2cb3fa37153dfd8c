//! Prometheus metrics, served on a listener of their own
//! (`PORTAL_METRICS_ADDR`), never on the citizens' one:
//!
//! - `portal_http_requests_total{route,status}` and
//!   `portal_http_request_duration_seconds{route}` (a histogram), by the
//!   route's pattern (`/documents/{id}`, never the id);
//! - `portal_db_connections{state}` (open, idle), read at each scrape;
//! - `portal_signins_total{outcome}`, `portal_audit_writes_total{outcome}`,
//!   `portal_imports_total`, `portal_imported_records_total{kind}`.
//!
//! The `metrics` crate records; `metrics-exporter-prometheus` renders.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::store::Store;

const DURATION: &str = "portal_http_request_duration_seconds";

/// Installs the process's recorder; `None` if one is installed already.
pub fn install() -> Option<PrometheusHandle> {
    let buckets = [
        0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0,
    ];
    PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Full(DURATION.into()), &buckets)
        .ok()?
        .install_recorder()
        .ok()
}

/// Counts and times every request by its route pattern and status.
pub async fn record(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| route_of(req.uri().path()), |m| m.as_str().to_string());
    let started = Instant::now();
    let res = next.run(req).await;
    let status = res.status().as_u16().to_string();
    metrics::counter!("portal_http_requests_total", "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!(DURATION, "route" => route).record(started.elapsed().as_secs_f64());
    res
}

/// A bounded label for a path no route pattern names (the static files,
/// the fallback).
fn route_of(path: &str) -> String {
    if path.starts_with("/pkg/") {
        "/pkg/*".into()
    } else {
        "other".into()
    }
}

#[derive(Clone)]
struct Scrape {
    handle: PrometheusHandle,
    store: Store,
}

/// The metrics listener's router: `GET /metrics`.
pub fn router(handle: PrometheusHandle, store: Store) -> Router {
    Router::new()
        .route("/metrics", get(scrape))
        .with_state(Scrape { handle, store })
}

async fn scrape(State(s): State<Scrape>) -> Response {
    let (open, idle) = s.store.pool_use();
    metrics::gauge!("portal_db_connections", "state" => "open").set(f64::from(open));
    metrics::gauge!("portal_db_connections", "state" => "idle")
        .set(f64::from(u32::try_from(idle).unwrap_or(u32::MAX)));
    (
        [(http::header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        s.handle.render(),
    )
        .into_response()
}
