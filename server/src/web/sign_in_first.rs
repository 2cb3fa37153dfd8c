//! A page that needs a signed-in viewer, asked for with no session cookie,
//! goes to the sign-in page at once: the answer the page itself would give
//! (303 to `/login`), without rendering the application first. Anyone can
//! send such requests by the million; each costs a lookup in a table and a
//! count ([`super::refusals`]) instead of a server-side render.
//! A request with a session cookie, even an ended one, takes the usual
//! path (which can tell that the session has ended); when it is sent to
//! sign in because its session ended, the cookie goes too, so that the
//! sign-in page says so once, not at every later visit.

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::portal::client_of;
use super::AppState;

/// The audit action of a page that needs a viewer, by its path (the same
/// names the pages count under); `None` for every other path.
fn page_action(path: &str) -> Option<&'static str> {
    let exact = [
        ("/", "front_page"),
        ("/disclosures", "disclosures"),
        ("/goals", "goals"),
        ("/use-of-information", "use_log"),
    ];
    if let Some((_, action)) = exact.iter().find(|(p, _)| *p == path) {
        return Some(action);
    }
    let files = path.strip_prefix("/files/documents/");
    if files.is_some_and(|rest| rest.contains("/attachments/")) {
        return Some("attachment");
    }
    if files.is_some_and(|rest| rest.ends_with("/body")) {
        return Some("document_body");
    }
    if path.starts_with("/documents/") {
        return Some("document");
    }
    if path.starts_with("/tasks/") {
        return Some("task_page");
    }
    None
}

pub async fn sign_in_first(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() == Method::GET && state.portal.session_token(req.headers()).is_none() {
        if let Some(action) = page_action(req.uri().path()) {
            state
                .portal
                .refusals
                .count(action, None, "unauthenticated", client_of(req.headers()));
            return Redirect::to("/login").into_response();
        }
    }
    let mut res = next.run(req).await;
    let ended = res
        .headers()
        .get(axum::http::header::LOCATION)
        .is_some_and(|l| l == app::model::SESSION_ENDED_LOGIN);
    if ended {
        res.headers_mut().append(
            axum::http::header::SET_COOKIE,
            super::cookies::clear_session(state.portal.config.secure_cookies),
        );
    }
    res
}

#[cfg(test)]
mod tests {
    use super::page_action;

    #[test]
    fn pages_that_need_a_viewer_are_known_by_path_and_public_ones_are_not() {
        assert_eq!(page_action("/"), Some("front_page"));
        assert_eq!(page_action("/tasks/2016%3A26"), Some("task_page"));
        assert_eq!(page_action("/documents/x"), Some("document"));
        assert_eq!(
            page_action("/files/documents/x/body"),
            Some("document_body")
        );
        assert_eq!(
            page_action("/files/documents/x/attachments/a"),
            Some("attachment")
        );
        assert_eq!(page_action("/use-of-information"), Some("use_log"));
        for public in [
            "/login",
            "/signed-out",
            "/accessibility",
            "/contact",
            "/privacy",
            "/healthz",
            "/pkg/portal.css",
            "/no/such/page",
            "/api/frame",
        ] {
            assert_eq!(page_action(public), None, "{public}");
        }
    }
}
