//! Test identification, sign-out and the choice of subject. Plain form posts,
//! so they work without JavaScript; each answers with a redirect.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::Utc;
use serde::Deserialize;

use super::portal::{child_key, cookie_token, SESSION_COOKIE};
use super::AppState;
use crate::config::AuthMode;
use crate::store::SESSION_LIFETIME;

#[derive(Deserialize)]
pub struct LoginForm {
    person: String,
}

#[derive(Deserialize)]
pub struct SubjectForm {
    /// The opaque key of a child from the viewer's choice; empty = own records.
    child: String,
}

fn cookie(state: &AppState, value: &str, max_age: i64) -> HeaderValue {
    let secure = if state.portal.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let c = format!(
        "{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    );
    HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn see_other(to: &'static str) -> Response {
    Redirect::to(to).into_response()
}

/// POST /auth/test-login (form: person=ID) → session cookie, 303 to /.
pub async fn test_login(State(state): State<AppState>, Form(form): Form<LoginForm>) -> Response {
    let portal = &state.portal;
    if portal.config.auth != AuthMode::Test {
        return StatusCode::NOT_FOUND.into_response();
    }
    match portal.store.person(&form.person).await {
        Ok(Some(_)) => {}
        Ok(None) => return (StatusCode::BAD_REQUEST, "Unknown test person").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "login failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    match portal.store.start_session(&form.person, Utc::now()).await {
        Ok(token) => {
            if let Err(e) = portal
                .store
                .audit(Some(&form.person), None, "login", None)
                .await
            {
                tracing::error!(error = %e, "audit write failed");
            }
            let mut res = see_other("/");
            res.headers_mut().insert(
                header::SET_COOKIE,
                cookie(&state, &token, SESSION_LIFETIME.num_seconds()),
            );
            res
        }
        Err(e) => {
            tracing::error!(error = %e, "login failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// POST /auth/logout → cookie cleared, 303 to /login.
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(token) = cookie_token(&headers) {
        if let Err(e) = state.portal.store.end_session(&token).await {
            tracing::error!(error = %e, "logout failed");
        }
    }
    let mut res = see_other("/login");
    res.headers_mut()
        .insert(header::SET_COOKIE, cookie(&state, "", 0));
    res
}

/// POST /auth/subject (form: child=KEY, or empty for own records) → 303 to /.
/// The subject lives in the server-side session, never in a URL. A key that
/// names no child the viewer may act for is answered 404, like a missing child.
pub async fn subject(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<SubjectForm>,
) -> Response {
    let portal = &state.portal;
    let v = match portal.viewing(&headers).await {
        Ok(v) => v,
        Err(_) => return see_other("/login"),
    };
    let result = async {
        if form.child.is_empty() {
            portal
                .store
                .set_subject(&v.token, None)
                .await
                .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
            return Ok(());
        }
        let children = portal
            .store
            .children_of(&v.viewer.id)
            .await
            .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
        for child in children {
            if child_key(&v.token, &child.id) == form.child
                && portal
                    .may_act_for(&v.viewer, &child)
                    .await
                    .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?
            {
                portal
                    .store
                    .set_subject(&v.token, Some(&child.id))
                    .await
                    .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
                if let Err(e) = portal
                    .store
                    .audit(Some(&v.viewer.id), Some(&child.id), "act_for", None)
                    .await
                {
                    tracing::error!(error = %e, "audit write failed");
                }
                return Ok(());
            }
        }
        Err(StatusCode::NOT_FOUND)
    }
    .await;
    match result {
        Ok(()) => see_other("/"),
        Err(code) => super::files::not_found_or(code),
    }
}
