//! Cross-site request forgery: every state-changing request (the `/auth/*`
//! forms and every server function) must come from this origin. Browsers
//! say where a request comes from in `Sec-Fetch-Site` (all current ones) and
//! `Origin` (on every cross-origin POST); `Sec-Fetch-Site` decides when it
//! is there, `Origin` otherwise. A request from another site is refused
//! before any handler runs. Tools without either
//! header (curl, the tests) are not browsers carrying someone's cookie.
//!
//! Server functions also take only their own form encoding, and are always
//! answered as data: a server function never redirects to a `Referer`.
//!
//! Every form also carries a token (double submit): the value of the
//! `__Host-portal_form` cookie, which [`form_cookie`] gives every browser
//! that has none. A page of another origin can neither read that cookie nor
//! (thanks to `__Host-`) plant one. Each refusal is audited.

use app::error::AppError;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::cookies::{self, Kind};
use super::error::WebError;
use super::portal::AuditEvent;
use super::AppState;

/// Gives a browser without a form token one: on the request (so the page
/// being rendered has it) and in a `Set-Cookie` on the answer.
pub async fn form_cookie(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let secure = state.portal.config.secure_cookies;
    if cookies::form_token(req.headers(), secure).is_some() {
        return next.run(req).await;
    }
    let token = crate::store::new_token();
    cookies::put_in_request(req.headers_mut(), Kind::Form, &token, secure);
    let mut res = next.run(req).await;
    // A static file (script, style, image) holds no form: it gets no token,
    // and stays cacheable.
    if !super::is_static_asset(&res) {
        res.headers_mut()
            .append(header::SET_COOKIE, cookies::set(Kind::Form, &token, secure));
    }
    res
}

/// Does a form's token match the request's form cookie? (Compared as
/// digests, so the time taken says nothing about the token.)
pub fn form_token_ok(headers: &HeaderMap, sent: &str, secure: bool) -> bool {
    let Some(cookie) = cookies::form_token(headers, secure) else {
        return false;
    };
    Sha256::digest(cookie.as_bytes()) == Sha256::digest(sent.as_bytes())
}

/// Refuses a form whose token is missing or wrong (audited).
pub async fn check_form(
    state: &AppState,
    headers: &HeaderMap,
    action: &str,
    sent: &str,
) -> Result<(), WebError> {
    if form_token_ok(headers, sent, state.portal.config.secure_cookies) {
        return Ok(());
    }
    tracing::warn!(action, "form without a valid token refused");
    state
        .portal
        .audit(
            headers,
            AuditEvent::anonymous(action, Some("form_token"), "refused"),
        )
        .await?;
    Err(AppError::Forbidden.into())
}

/// Does the request come from another site, by its own headers? Without
/// the browser's `Sec-Fetch-Site`, its `Origin` must be the portal's own
/// (`PORTAL_PUBLIC_URL`: scheme, host and port; `http://` to an `https://`
/// portal is another origin).
pub fn is_cross_site(headers: &HeaderMap, public_url: &str) -> bool {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text("sec-fetch-site") {
        // The browser's own word, and the deciding one: "same-origin" for our
        // pages, "none" when typed or bookmarked. (With `Referrer-Policy:
        // no-referrer` a browser sends `Origin: null` even on our own forms.)
        return site != "same-origin" && site != "none";
    }
    match text("origin") {
        Some(origin) => normal_origin(origin) != normal_origin(public_url) || origin == "null",
        None => false,
    }
}

/// `scheme://host[:port]` in lower case, without a default port; `None`
/// for what is not one.
fn normal_origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let authority = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let default = match scheme.as_str() {
        "https" => ":443",
        "http" => ":80",
        _ => return None,
    };
    let authority = authority.strip_suffix(default).unwrap_or(&authority);
    Some(format!("{scheme}://{authority}"))
}

pub async fn same_origin_only(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let method = req.method().clone();
    if method == Method::GET || method == Method::HEAD || method == Method::OPTIONS {
        return next.run(req).await;
    }
    if is_cross_site(req.headers(), &state.portal.config.public_url) {
        let path = req.uri().path().to_string();
        tracing::warn!(path = %path, "cross-site request refused");
        let event = AuditEvent::anonymous("cross_site", Some(&path), "refused");
        if let Err(e) = state.portal.audit(req.headers(), event).await {
            return WebError::from(e).into_response();
        }
        return WebError::from(AppError::Forbidden).into_response();
    }
    if req.uri().path().starts_with("/api/") {
        let form = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
        if !form {
            return WebError::from(AppError::BadRequest).into_response();
        }
        // Answer as data, never as a redirect to the Referer.
        req.headers_mut()
            .insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        req.headers_mut().remove(header::REFERER);
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    const OURS: &str = "https://portal.example.fi";

    fn cross(pairs: &[(&'static str, &'static str)]) -> bool {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        is_cross_site(&h, OURS)
    }

    #[test]
    fn same_origin_and_header_less_requests_pass() {
        assert!(!cross(&[]));
        assert!(!cross(&[("sec-fetch-site", "same-origin")]));
        assert!(!cross(&[("sec-fetch-site", "none")]));
        for ours in [
            "https://portal.example.fi",
            "HTTPS://Portal.Example.FI",
            "https://portal.example.fi:443",
        ] {
            let mut h = HeaderMap::new();
            h.insert("origin", HeaderValue::from_static(ours));
            assert!(!is_cross_site(&h, OURS), "{ours}");
        }
    }

    #[test]
    fn our_own_form_with_a_null_origin_passes() {
        assert!(!cross(&[
            ("sec-fetch-site", "same-origin"),
            ("origin", "null"),
        ]));
    }

    #[test]
    fn other_sites_are_refused() {
        for site in ["cross-site", "same-site"] {
            assert!(cross(&[("sec-fetch-site", site)]));
        }
        assert!(cross(&[("origin", "https://evil.example")]));
        assert!(cross(&[("origin", "null")]));
        // The same host by another scheme or port is another origin, and
        // the Host header (the client's to choose) decides nothing.
        assert!(cross(&[
            ("origin", "http://portal.example.fi"),
            ("host", "portal.example.fi")
        ]));
        assert!(cross(&[("origin", "https://portal.example.fi:8443")]));
        assert!(cross(&[
            ("origin", "https://evil.example"),
            ("host", "evil.example")
        ]));
        assert!(cross(&[(
            "origin",
            "https://portal.example.fi.evil.example"
        )]));
    }
}
