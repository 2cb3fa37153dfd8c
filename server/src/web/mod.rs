//! The HTTP surface: Leptos pages and server functions, the auth and file
//! routes, and the headers every answer carries.

pub mod auth;
pub mod cookies;
pub mod csrf;
pub mod error;
pub mod files;
pub mod health;
pub mod html;
pub mod language;
pub mod metrics;
pub mod oidc;
pub mod portal;
pub mod refusals;
pub mod serve;
pub mod sign_in_first;

use std::sync::Arc;

use app::backend::SharedBackend;
use app::{shell, App};
use axum::extract::{FromRef, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::set_header::SetResponseHeaderLayer;

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

/// Static assets (the WebAssembly bundle, scripts, styles, the icon) may be
/// cached; anything else is personal data or depends on the session. Decided
/// by what the answer is, not by its path (`/pkg/../documents/…`).
fn is_static_asset(res: &Response) -> bool {
    res.status().is_success() && is_asset_type(res.headers())
}

fn is_asset_type(headers: &http::HeaderMap) -> bool {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    [
        "application/wasm",
        "text/javascript",
        "application/javascript",
        "text/css",
        "image/x-icon",
        "image/vnd.microsoft.icon",
    ]
    .iter()
    .any(|t| content_type.starts_with(t))
}

/// Pages get their nonce-based policy from the app; any other HTML answer
/// (error pages of the plain routes) may run no script at all.
const NO_SCRIPT_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Is this the address of a file whose name carries a hash of its content
/// (`/pkg/portal.3f2a…c1.wasm`, cargo-leptos `hash-files`)? Such a file
/// never changes: it may be kept for a year.
fn is_hashed_asset_path(path: &str) -> bool {
    let Some(name) = path.strip_prefix("/pkg/") else {
        return false;
    };
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3
        && parts.get(parts.len() - 2).is_some_and(|h| {
            h.len() >= 8
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        && !name.contains('/')
}

/// Compression for the static assets only (the WebAssembly, scripts,
/// styles). Pages and data are not compressed: they carry the form token
/// and echo what was asked for, and compressing a secret beside text an
/// attacker chooses leaks the secret through the size (BREACH).
#[derive(Clone, Copy)]
struct AssetsOnly;

impl tower_http::compression::Predicate for AssetsOnly {
    fn should_compress<B>(&self, response: &http::Response<B>) -> bool
    where
        B: http_body::Body,
    {
        response.status().is_success() && is_asset_type(response.headers())
    }
}

/// Personal data must not be cached, framed or sniffed.
async fn security_headers(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let hashed = is_hashed_asset_path(path);
    // A 304 carries no content type: an asset's revalidation keeps the asset's policy.
    let asset_path = path.starts_with("/pkg/") || path == "/favicon.ico";
    let mut res = next.run(req).await;
    let revalidated = res.status() == http::StatusCode::NOT_MODIFIED && asset_path;
    // An answer that sets a cookie is one browser's: a shared cache must
    // never hand it (and its cookie) to another.
    let cache = if res.headers().contains_key(header::SET_COOKIE) {
        "private, no-store"
    } else if !is_static_asset(&res) && !revalidated {
        "no-store"
    } else if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=300"
    };
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if is_html && !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(NO_SCRIPT_POLICY),
        );
    }
    res
}

/// A server function's error answer carries its `AppError` (JSON) but, when
/// the framework refused the request before the function ran (input that
/// does not decode), status 500. The status is set here from the error
/// itself, by `AppError::status` — the one mapping — so bad input answers
/// 400 with the portal's own error, never a framework text.
async fn server_fn_status(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() != http::StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key("serverfnerror")
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        parts.status = http::StatusCode::INTERNAL_SERVER_ERROR;
        return Response::from_parts(parts, axum::body::Body::empty());
    };
    match serde_json::from_slice::<app::error::AppError>(&bytes) {
        Ok(e) => parts.status = e.status(),
        Err(_) => {
            // Not ours: say only what we would say (no framework text).
            let body = serde_json::to_vec(&app::error::AppError::BadRequest).unwrap_or_default();
            parts.status = http::StatusCode::BAD_REQUEST;
            parts.headers.remove(header::CONTENT_LENGTH);
            return Response::from_parts(parts, axum::body::Body::from(body));
        }
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// Puts the client's address where the handlers and the audit trail read
/// it, in place of anything the client sent under that name: the
/// connection's peer, or behind a reverse proxy (`PORTAL_CLIENT_IP_HEADER`)
/// the last address the proxy wrote.
async fn client_address(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let forwarded = state
        .portal
        .config
        .client_ip_header
        .as_deref()
        .and_then(|name| {
            req.headers()
                .get_all(name)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .map(str::trim)
                .rfind(|a| !a.is_empty())
                .and_then(|a| a.parse::<std::net::IpAddr>().ok())
        });
    let peer = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    req.headers_mut().remove(portal::CLIENT_HEADER);
    if let Some(v) = forwarded
        .or(peer)
        .and_then(|a| HeaderValue::from_str(&a.to_string()).ok())
    {
        req.headers_mut().insert(portal::CLIENT_HEADER, v);
    }
    next.run(req).await
}

/// Gives every request an id of our own (in place of any the client sent):
/// in every log line of the request (a `tracing` span), in its audit rows,
/// and in the `x-request-id` answer header for support. What the request
/// resolved about its viewer is kept under that id until it is answered
/// (or dropped).
async fn request_id(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    use tracing::Instrument;
    let id = crate::store::new_token()
        .chars()
        .take(16)
        .collect::<String>();
    let Ok(value) = HeaderValue::from_str(&id) else {
        return next.run(req).await;
    };
    req.headers_mut()
        .insert(portal::REQUEST_ID_HEADER, value.clone());
    let span =
        tracing::info_span!("request", id = %id, method = %req.method(), path = %req.uri().path());
    let _forget = Forget(&state.portal, &id);
    let mut res = next.run(req).instrument(span).await;
    res.headers_mut().insert(portal::REQUEST_ID_HEADER, value);
    res
}

/// Forgets what a request resolved when it ends, answered or not.
struct Forget<'a>(&'a Portal, &'a str);

impl Drop for Forget<'_> {
    fn drop(&mut self) {
        self.0.forget(self.1);
    }
}

/// The origin (`scheme://host[:port]`) of a URL, for a CSP source list.
fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let ok = !authority.is_empty()
        && authority
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b));
    ok.then(|| format!("{scheme}://{authority}"))
}

/// Headers every answer carries, whatever it is.
fn fixed_headers() -> [(header::HeaderName, HeaderValue); 8] {
    [
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
        (
            header::HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("same-origin"),
        ),
        (
            header::HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(
                "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
            ),
        ),
        (
            header::HeaderName::from_static("x-permitted-cross-domain-policies"),
            HeaderValue::from_static("none"),
        ),
    ]
}

/// The whole application router. R-SCOPE-1: the portal reads; no route
/// changes a record (the only writes are sessions, logins and the audit trail).
pub fn router(portal: Portal, leptos_options: LeptosOptions) -> Router {
    let backend: SharedBackend = Arc::new(portal.clone());
    let form_actions = app::FormActions(
        portal
            .config
            .oidc
            .iter()
            .filter_map(|o| origin(&o.issuer))
            .collect(),
    );
    let context = move || {
        provide_context(backend.clone());
        provide_context(form_actions.clone());
    };
    let routes = generate_route_list(App);
    let state = AppState {
        leptos_options,
        portal,
    };
    let router = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/auth/test-login", post(auth::test_login))
        .route("/auth/oidc/start", post(auth::oidc_start))
        .route("/auth/oidc/callback", get(auth::oidc_callback))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/subject", post(auth::subject))
        .route("/auth/language", post(auth::language))
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
        .layer(middleware::from_fn(server_fn_status))
        .layer(middleware::from_fn(html::well_formed))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            language::scope,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            csrf::form_cookie,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            sign_in_first::sign_in_first,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            csrf::same_origin_only,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            client_address,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), request_id))
        // Every request has a deadline (its body read included), and a body
        // that stalls as long as a request head may take ends the request.
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
            state.portal.config.connections.header_timeout,
        ))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            state.portal.config.request_timeout,
        ))
        .layer(middleware::from_fn(metrics::record))
        .layer(middleware::from_fn(security_headers))
        .layer(
            tower_http::compression::CompressionLayer::new()
                .br(true)
                .gzip(true)
                .compress_when(tower_http::compression::Predicate::and(
                    tower_http::compression::predicate::DefaultPredicate::new(),
                    AssetsOnly,
                )),
        );
    fixed_headers()
        .into_iter()
        .fold(router, |r, (name, value)| {
            r.layer(SetResponseHeaderLayer::overriding(name, value))
        })
        .with_state(state)
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_names_with_a_content_hash_are_kept_for_a_year() {
        assert!(super::is_hashed_asset_path(
            "/pkg/portal.5c1a9f0d2b7e4c11.wasm"
        ));
        assert!(super::is_hashed_asset_path("/pkg/portal.Ab-_12345678.css"));
        for p in [
            "/pkg/portal.wasm",
            "/pkg/portal.js",
            "/favicon.ico",
            "/documents/a.b.c",
            "/pkg/x/y.12345678.js",
        ] {
            assert!(!super::is_hashed_asset_path(p), "{p}");
        }
    }

    #[test]
    fn the_origin_of_an_issuer() {
        assert_eq!(
            super::origin("https://id.example:8443/oidc/x?y").as_deref(),
            Some("https://id.example:8443")
        );
        assert_eq!(
            super::origin("http://127.0.0.1:3005").as_deref(),
            Some("http://127.0.0.1:3005")
        );
        // Nothing that could end the source list early.
        assert_eq!(super::origin("https://a.example;script-src *"), None);
        assert_eq!(super::origin("no scheme"), None);
    }
}
