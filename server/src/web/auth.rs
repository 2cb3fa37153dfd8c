//! Test identification, sign-out and the choice of subject. Plain form posts,
//! so they work without JavaScript; each answers with a redirect, or with a
//! [`WebError`].

use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::Utc;
use serde::Deserialize;

use super::cookies;
use super::error::WebError;
use super::portal::{child_key, AuditEvent};
use super::AppState;
use crate::config::AuthMode;
use app::error::AppError;

#[derive(Deserialize)]
pub struct LoginForm {
    person: String,
}

#[derive(Deserialize)]
pub struct SubjectForm {
    /// The opaque key of a child from the viewer's choice; empty = own records.
    child: String,
}

fn see_other(to: &'static str) -> Response {
    Redirect::to(to).into_response()
}

/// POST /auth/test-login (form: person=ID) → session cookie, 303 to /.
pub async fn test_login(
    State(state): State<AppState>,
    Form(form): Form<LoginForm>,
) -> Result<Response, WebError> {
    let portal = &state.portal;
    if portal.config.auth != AuthMode::Test {
        return Err(AppError::NotFound.into());
    }
    if portal.store.person(&form.person).await?.is_none() {
        return Err(AppError::BadRequest.into());
    }
    let token = portal.store.start_session(&form.person, Utc::now()).await?;
    portal
        .audit(AuditEvent {
            viewer: Some(&form.person),
            subject: None,
            action: "login",
            target: None,
        })
        .await?;
    let mut res = see_other("/");
    res.headers_mut().insert(
        header::SET_COOKIE,
        cookies::set_session(&token, portal.config.secure_cookies),
    );
    Ok(res)
}

/// POST /auth/logout → cookie cleared, 303 to /login.
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    if let Some(token) = state.portal.session_token(&headers) {
        state.portal.store.end_session(&token).await?;
    }
    let mut res = see_other("/login");
    res.headers_mut().insert(
        header::SET_COOKIE,
        cookies::clear_session(state.portal.config.secure_cookies),
    );
    Ok(res)
}

/// POST /auth/subject (form: child=KEY, or empty for own records) → 303 to /.
/// The subject lives in the server-side session, never in a URL. A key that
/// names no child the viewer may act for is answered 404, like a missing child.
pub async fn subject(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<SubjectForm>,
) -> Result<Response, WebError> {
    let portal = &state.portal;
    let v = portal.viewing(&headers).await?;
    if form.child.is_empty() {
        portal.store.set_subject(&v.token, None).await?;
        return Ok(see_other("/"));
    }
    let children = portal.children(&v.viewer).await?;
    let child = children
        .iter()
        .find(|c| child_key(&v.token, &c.id) == form.child)
        .ok_or(WebError::not_found(v.lang()))?;
    portal.store.set_subject(&v.token, Some(&child.id)).await?;
    portal
        .audit(AuditEvent {
            viewer: Some(&v.viewer.id),
            subject: Some(&child.id),
            action: "act_for",
            target: None,
        })
        .await?;
    Ok(see_other("/"))
}
