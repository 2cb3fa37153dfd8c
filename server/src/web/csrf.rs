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

use app::error::AppError;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::WebError;

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

pub async fn same_origin_only(mut req: Request, next: Next) -> Response {
    let method = req.method().clone();
    if method == Method::GET || method == Method::HEAD || method == Method::OPTIONS {
        return next.run(req).await;
    }
    if is_cross_site(req.headers()) {
        tracing::warn!(path = %req.uri().path(), "cross-site request refused");
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
