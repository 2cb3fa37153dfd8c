//! The HTTP surface: Leptos pages and server functions, the auth and file
//! routes, and the headers every answer carries.

pub mod auth;
pub mod error;
pub mod files;
pub mod portal;

use std::sync::Arc;

use app::backend::SharedBackend;
use app::{shell, App};
use axum::extract::{FromRef, Request};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};

pub use error::WebError;
pub use portal::Portal;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub portal: Portal,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(s: &AppState) -> Self {
        s.leptos_options.clone()
    }
}

/// Personal data must not be cached, framed or sniffed.
async fn security_headers(req: Request, next: Next) -> Response {
    let is_asset = req.uri().path().starts_with("/pkg/") || req.uri().path() == "/favicon.ico";
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if !is_asset {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// The whole application router. R-SCOPE-1: the portal reads; no route
/// changes a record (the only writes are sessions, logins and the audit trail).
pub fn router(portal: Portal, leptos_options: LeptosOptions) -> Router {
    let backend: SharedBackend = Arc::new(portal.clone());
    let context = move || provide_context(backend.clone());
    let routes = generate_route_list(App);
    let state = AppState {
        leptos_options,
        portal,
    };
    Router::new()
        .route("/auth/test-login", post(auth::test_login))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/subject", post(auth::subject))
        .route("/files/documents/{id}/body", get(files::body))
        .route(
            "/files/documents/{id}/attachments/{aid}",
            get(files::attachment),
        )
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}
