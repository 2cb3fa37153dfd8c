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
    res.headers_mut()
        .append(header::SET_COOKIE, cookies::set(Kind::Form, &token, secure));
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

/// Does the request come from another site, by its own headers?
pub fn is_cross_site(headers: &HeaderMap) -> bool {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text("sec-fetch-site") {
        // The browser's own word, and the deciding one: "same-origin" for our
        // pages, "none" when typed or bookmarked. (With `Referrer-Policy:
        // no-referrer` a browser sends `Origin: null` even on our own forms.)
        return site != "same-origin" && site != "none";
    }
    match (text("origin"), text("host")) {
        (Some(origin), Some(host)) => {
            let authority = origin.split_once("://").map_or(origin, |(_, a)| a);
            origin == "null" || !authority.eq_ignore_ascii_case(host)
        }
        (Some(_), None) => true,
        (None, _) => false,
    }
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
    if is_cross_site(req.headers()) {
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

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn same_origin_and_header_less_requests_pass() {
        assert!(!is_cross_site(&headers(&[])));
        assert!(!is_cross_site(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(!is_cross_site(&headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000")
        ])));
    }

    #[test]
    fn our_own_form_with_a_null_origin_passes() {
        assert!(!is_cross_site(&headers(&[
            ("sec-fetch-site", "same-origin"),
            ("origin", "null"),
            ("host", "127.0.0.1:3000")
        ])));
    }

    #[test]
    fn other_sites_are_refused() {
        for site in ["cross-site", "same-site"] {
            assert!(is_cross_site(&headers(&[("sec-fetch-site", site)])));
        }
        assert!(is_cross_site(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(is_cross_site(&headers(&[
            ("origin", "null"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(is_cross_site(&headers(&[(
            "origin",
            "https://evil.example"
        )])));
    }
}
