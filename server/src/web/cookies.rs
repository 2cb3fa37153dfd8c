//! The portal's cookies (the `cookie` crate writes and reads them): the
//! session, the form token (CSRF, double submit) and the binding of a
//! sign-in in progress at the OpenID provider. With `Secure` (the default)
//! each is `__Host-` prefixed: only this exact origin, path `/`, HTTPS, and
//! no sibling domain can plant one. Each is a session cookie (no `Max-Age`):
//! it ends with the browser session, and the server ends it sooner.
//!
//! A request that carries two different values under one name (a planted
//! cookie beside ours) has none of them.

use cookie::{Cookie, SameSite};
use http::{header, HeaderMap, HeaderValue};

/// The cookie's name: `__Host-` needs `Secure`, which plain-HTTP loopback
/// demos turn off.
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-portal_session"
    } else {
        "portal_session"
    }
}

/// Which of the portal's cookies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Session,
    Form,
    Oidc,
}

impl Kind {
    fn name(self, secure: bool) -> &'static str {
        match (self, secure) {
            (Kind::Session, s) => session_cookie_name(s),
            (Kind::Form, true) => "__Host-portal_form",
            (Kind::Form, false) => "portal_form",
            (Kind::Oidc, true) => "__Host-portal_oidc",
            (Kind::Oidc, false) => "portal_oidc",
        }
    }
}

/// The value of one of our cookies: 64 hex digits, or nothing (also when
/// the request carries two different ones).
pub fn read(headers: &HeaderMap, kind: Kind, secure: bool) -> Option<String> {
    let name = kind.name(secure);
    let mut values = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .filter(|c| c.name() == name)
        .map(|c| c.value().to_string());
    let first = values.next()?;
    if values.any(|v| v != first) {
        return None;
    }
    Some(first).filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The session token of a request.
pub fn session_token(headers: &HeaderMap, secure: bool) -> Option<String> {
    read(headers, Kind::Session, secure)
}

/// The form token of a request.
pub fn form_token(headers: &HeaderMap, secure: bool) -> Option<String> {
    read(headers, Kind::Form, secure)
}

/// `Set-Cookie` for one of our cookies.
pub fn set(kind: Kind, value: &str, secure: bool) -> HeaderValue {
    header_value(&build_named(kind.name(secure), value.to_string(), secure))
}

/// `Set-Cookie` that removes one of our cookies.
pub fn clear(kind: Kind, secure: bool) -> HeaderValue {
    let mut c = build_named(kind.name(secure), String::new(), secure);
    c.make_removal();
    header_value(&c)
}

/// Puts one of our cookies into a request's `Cookie` header, in place of
/// any the request had under that name.
pub fn put_in_request(headers: &mut HeaderMap, kind: Kind, value: &str, secure: bool) {
    let name = kind.name(secure);
    let kept: Vec<String> = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .filter(|c| c.name() != name)
        .map(|c| c.stripped().to_string())
        .chain([format!("{name}={value}")])
        .collect();
    if let Ok(v) = HeaderValue::from_str(&kept.join("; ")) {
        headers.insert(header::COOKIE, v);
    }
}

fn build(value: String, secure: bool) -> Cookie<'static> {
    build_named(session_cookie_name(secure), value, secure)
}

fn build_named(name: &'static str, value: String, secure: bool) -> Cookie<'static> {
    Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .build()
}

fn header_value(c: &Cookie<'_>) -> HeaderValue {
    HeaderValue::from_str(&c.to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// `Set-Cookie` for a new session.
pub fn set_session(token: &str, secure: bool) -> HeaderValue {
    header_value(&build(token.to_string(), secure))
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_session(secure: bool) -> HeaderValue {
    let mut c = build(String::new(), secure);
    c.make_removal();
    header_value(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn secure_session_cookie_is_host_prefixed_and_has_no_lifetime() {
        let v = set_session(TOKEN, true);
        let text = v.to_str().unwrap();
        assert!(text.starts_with(&format!("__Host-portal_session={TOKEN}")));
        for part in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
            assert!(text.contains(part), "{text}");
        }
        assert!(!text.contains("Max-Age") && !text.contains("Expires") && !text.contains("Domain"));
        let plain = set_session(TOKEN, false);
        assert!(!plain.to_str().unwrap().contains("Secure"));
        assert!(clear_session(true).to_str().unwrap().contains("Max-Age=0"));
    }

    #[test]
    fn the_token_is_read_from_its_own_cookie_only() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("a=b; __Host-portal_session={TOKEN}; c=d")).unwrap(),
        );
        assert_eq!(session_token(&h, true).as_deref(), Some(TOKEN));
        assert_eq!(session_token(&h, false), None);
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("__Host-portal_session=short"),
        );
        assert_eq!(session_token(&h, true), None);
    }

    #[test]
    fn two_different_session_cookies_give_none_of_them() {
        let other = TOKEN.replace('0', "f");
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("portal_session={other}; portal_session={TOKEN}"))
                .unwrap(),
        );
        assert_eq!(session_token(&h, false), None);
        h.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("portal_session={TOKEN}; portal_session={TOKEN}"))
                .unwrap(),
        );
        assert_eq!(session_token(&h, false).as_deref(), Some(TOKEN));
    }
}
