//! The session cookie (the `cookie` crate writes and reads it). With
//! `Secure` (the default) it is `__Host-` prefixed: only this exact origin,
//! path `/`, HTTPS. It is a session cookie (no `Max-Age`): it ends with the
//! browser session, and the server ends it sooner.

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

/// The session token of a request: 64 hex digits, or nothing.
pub fn session_token(headers: &HeaderMap, secure: bool) -> Option<String> {
    let name = session_cookie_name(secure);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn build(value: String, secure: bool) -> Cookie<'static> {
    Cookie::build((session_cookie_name(secure), value))
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
}
