//! The language of a page: the one the person chose (kept for
//! them, and in a cookie for this browser), else the population register's,
//! else the browser's `Accept-Language`, else Finnish. Pages without a
//! signed-in person (sign-in, errors, "not available just now") use the
//! cookie and the browser's, so they need no database.
//!
//! The plain routes' error pages are rendered deep inside handlers that do
//! not see the request: [`scope`] makes the request's language theirs.

use app::i18n::Lang;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::{header, HeaderMap, HeaderValue};

use super::AppState;

/// The language cookie's name (a choice, not a secret: readable by no
/// script all the same).
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-portal_lang"
    } else {
        "portal_lang"
    }
}

/// The language this browser chose, from its cookie.
pub fn chosen(headers: &HeaderMap, secure: bool) -> Option<Lang> {
    let name = cookie_name(secure);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .and_then(|c| Lang::from_code(c.value()))
}

/// The browser's own preference, best first (`Accept-Language`).
pub fn accepted(headers: &HeaderMap) -> Option<Lang> {
    let raw = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    accept_language::parse(raw)
        .iter()
        .find_map(|tag| Lang::from_code(tag))
}

/// The language of a page with nobody signed in.
pub fn of_request(headers: &HeaderMap, secure: bool) -> Lang {
    chosen(headers, secure)
        .or_else(|| accepted(headers))
        .unwrap_or_default()
}

/// `Set-Cookie` for a choice: a year, this origin only.
pub fn set_cookie(lang: Lang, secure: bool) -> HeaderValue {
    let c = cookie::Cookie::build((cookie_name(secure), lang.code()))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(secure)
        .max_age(cookie::time::Duration::days(365))
        .build();
    HeaderValue::from_str(&c.to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

tokio::task_local! {
    static REQUEST_LANG: Lang;
}

/// The language of the request being answered (Finnish outside [`scope`]).
pub fn current() -> Lang {
    REQUEST_LANG.try_with(|l| *l).unwrap_or_default()
}

/// Middleware: the request's language for everything that answers it.
pub async fn scope(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let lang = of_request(req.headers(), state.portal.config.secure_cookies);
    REQUEST_LANG.scope(lang, next.run(req)).await
}

/// Where a form may send the browser back to: a path of this site (not
/// `//host`, not `/\host`), else the front page.
pub fn local_path(back: &str) -> &str {
    let ok = back.starts_with('/')
        && !back.starts_with("//")
        && !back.contains('\\')
        && !back.chars().any(char::is_control)
        && back.len() <= 2048;
    if ok {
        back
    } else {
        "/"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn the_cookie_then_the_browser_then_finnish() {
        let h = headers(&[("cookie", "portal_lang=sv"), ("accept-language", "en")]);
        assert_eq!(of_request(&h, false), Lang::Sv);
        // A secure portal reads only its __Host- cookie.
        assert_eq!(of_request(&h, true), Lang::En);
        let h = headers(&[("accept-language", "de-DE, sv-FI;q=0.8, en;q=0.9")]);
        assert_eq!(of_request(&h, false), Lang::En);
        let h = headers(&[("accept-language", "de"), ("cookie", "portal_lang=xx")]);
        assert_eq!(of_request(&h, false), Lang::Fi);
    }

    #[test]
    fn only_local_paths_to_go_back_to() {
        assert_eq!(local_path("/tasks/2016%3A10?q=a"), "/tasks/2016%3A10?q=a");
        for bad in ["//evil.example", "https://evil.example", "/\\evil", "", "x"] {
            assert_eq!(local_path(bad), "/", "{bad}");
        }
    }
}
