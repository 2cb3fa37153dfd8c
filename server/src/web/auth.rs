//! Sign-in (the test identification, or the OpenID provider), sign-out and
//! the choice of subject. Plain form posts and redirects, so they work
//! without JavaScript; each answers with a redirect, a page, or a
//! [`WebError`]. Every form carries the form token (`csrf`), every attempt
//! is audited, sign-in attempts are rate-limited per client address.

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use serde::Deserialize;

use super::cookies::{self, Kind};
use super::csrf::check_form;
use super::error::{page, ParsedForm, WebError};
use super::portal::{child_key, AuditEvent};
use super::AppState;
use crate::store::NewSession;
use app::error::AppError;
use app::i18n::Lang;

#[derive(Deserialize)]
pub struct LoginForm {
    person: String,
    #[serde(default)]
    csrf: String,
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    csrf: String,
}

#[derive(Deserialize)]
pub struct SubjectForm {
    /// The opaque key of a child from the viewer's choice; empty = own records.
    child: String,
    #[serde(default)]
    csrf: String,
}

#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
    /// The page to go back to (a path of this site).
    #[serde(default)]
    back: String,
    #[serde(default)]
    csrf: String,
}

fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// Opens a session for `person` (ending the one this browser had), audits
/// the sign-in and answers with the cookie and a redirect to the front page.
async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
    person: &str,
) -> Result<Response, WebError> {
    let portal = &state.portal;
    let old = portal.session_token(headers);
    let token = portal
        .store
        .start_session(
            NewSession {
                person,
                replaces: old.as_deref(),
            },
            Utc::now(),
            portal.config.sessions,
        )
        .await?;
    let event = AuditEvent {
        viewer: Some(person),
        subject: Some(person),
        role: Some("own"),
        action: "login",
        target: None,
        outcome: "ok",
    };
    portal.audit_session(headers, Some(&token), event).await?;
    // A language chosen on the sign-in page is the newest choice: the person's now.
    if let Some(lang) = super::language::chosen(headers, portal.config.secure_cookies) {
        portal
            .store
            .set_language(person, lang.code(), Utc::now())
            .await?;
    }
    let mut res = see_other("/");
    res.headers_mut().append(
        header::SET_COOKIE,
        cookies::set_session(&token, portal.config.secure_cookies),
    );
    // A new form token with the new session: one read before sign-in (by
    // whoever saw the sign-in page) is worth nothing after it.
    res.headers_mut().append(
        header::SET_COOKIE,
        new_form_token(portal.config.secure_cookies),
    );
    Ok(res)
}

/// A `Set-Cookie` with a fresh form token.
fn new_form_token(secure: bool) -> HeaderValue {
    cookies::set(Kind::Form, &crate::store::new_token(), secure)
}

/// POST /auth/test-login (form: person=ID) → session cookie, 303 to /.
pub async fn test_login(
    State(state): State<AppState>,
    headers: HeaderMap,
    ParsedForm(form): ParsedForm<LoginForm>,
) -> Result<Response, WebError> {
    let portal = &state.portal;
    if !portal.test_identification_here(&headers) {
        return Err(AppError::NotFound.into());
    }
    check_form(&state, &headers, "login", &form.csrf).await?;
    portal.signin_allowed(&headers).await?;
    if portal.store.person(&form.person).await?.is_none() {
        portal
            .audit(
                &headers,
                AuditEvent::anonymous("login", Some("unknown_person"), "refused"),
            )
            .await?;
        return Err(AppError::BadRequest.into());
    }
    signed_in(&state, &headers, &form.person).await
}

/// POST /auth/oidc/start → 303 to the provider's sign-in, with a cookie
/// that binds the sign-in to this browser.
pub async fn oidc_start(
    State(state): State<AppState>,
    headers: HeaderMap,
    ParsedForm(form): ParsedForm<TokenForm>,
) -> Result<Response, WebError> {
    let portal = &state.portal;
    let Some(provider) = &portal.oidc else {
        return Err(AppError::NotFound.into());
    };
    check_form(&state, &headers, "login", &form.csrf).await?;
    portal.signin_allowed(&headers).await?;
    let started = provider.start().await.map_err(|e| {
        tracing::error!(error = %e, "OpenID provider unavailable");
        AppError::Internal
    })?;
    // One binding per browser: a second tab's sign-in does not spoil the first's.
    let browser = cookies::read(&headers, Kind::Oidc, portal.config.secure_cookies)
        .unwrap_or_else(crate::store::new_token);
    portal
        .store
        .begin_oidc_login(
            &started.state,
            &browser,
            &started.nonce,
            &started.pkce_verifier,
            Utc::now(),
        )
        .await?;
    let mut res = see_other(&started.url);
    res.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(Kind::Oidc, &browser, portal.config.secure_cookies),
    );
    Ok(res)
}

#[derive(Deserialize)]
pub struct Callback {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    error: Option<String>,
}

/// A sign-in that did not finish: audited, and a page that says so.
async fn sign_in_failed(
    state: &AppState,
    headers: &HeaderMap,
    reason: &str,
) -> Result<Response, WebError> {
    tracing::warn!(reason, "OpenID sign-in refused");
    let t = super::language::current().t();
    let status = StatusCode::BAD_REQUEST;
    sign_in_ended(
        state,
        headers,
        reason,
        status,
        t.signin_failed_title,
        t.signin_failed_text,
    )
    .await
}

/// The end of a sign-in that opens no session: the refusal audited, the
/// browser's binding cleared, and a page of its own.
async fn sign_in_ended(
    state: &AppState,
    headers: &HeaderMap,
    reason: &str,
    status: StatusCode,
    title: &str,
    text: &str,
) -> Result<Response, WebError> {
    let event = AuditEvent::anonymous("login", Some(reason), "refused");
    state.portal.audit(headers, event).await?;
    let mut res = page(super::language::current(), status, title, text);
    res.headers_mut().append(
        header::SET_COOKIE,
        cookies::clear(Kind::Oidc, state.portal.config.secure_cookies),
    );
    Ok(res)
}

/// GET /auth/oidc/callback?code=…&state=… (the provider sends the browser
/// here): the `state` must be one this browser started, unused and recent;
/// the code is exchanged with its PKCE verifier; the ID token is verified;
/// its identity code must name a person in the store.
pub async fn oidc_callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    callback: Result<Query<Callback>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WebError> {
    let portal = &state.portal;
    let Some(provider) = &portal.oidc else {
        return Err(AppError::NotFound.into());
    };
    // Not rate-limited: the attempt was counted at its start, and a
    // sign-in that succeeded at the provider is not thrown away here.
    let Ok(Query(callback)) = callback else {
        return sign_in_failed(&state, &headers, "bad_query").await;
    };
    if callback.error.is_some() {
        return sign_in_failed(&state, &headers, "provider_error").await;
    }
    let (Some(code), Some(sent_state)) = (callback.code, callback.state) else {
        return sign_in_failed(&state, &headers, "no_code").await;
    };
    let browser = cookies::read(&headers, Kind::Oidc, portal.config.secure_cookies);
    let pending = match browser {
        Some(b) => {
            portal
                .store
                .take_oidc_login(&sent_state, &b, Utc::now())
                .await?
        }
        None => None,
    };
    let Some(pending) = pending else {
        return sign_in_failed(&state, &headers, "state").await;
    };
    let identified = match provider
        .finish(&code, &pending.nonce, &pending.pkce_verifier)
        .await
    {
        Ok(i) => i,
        Err(e) => {
            tracing::warn!(error = %e, "OpenID sign-in: the provider's answer was refused");
            return sign_in_failed(&state, &headers, "token").await;
        }
    };
    if portal
        .store
        .person(&identified.identity_code)
        .await?
        .is_none()
    {
        // Identified, but nobody this portal has records of: a clear page,
        // no session, and nothing about the person kept.
        let t = super::language::current().t();
        let (title, text) = (t.no_records_title, t.no_records_text);
        return sign_in_ended(
            &state,
            &headers,
            "unknown_person",
            StatusCode::OK,
            title,
            text,
        )
        .await;
    }
    let mut res = signed_in(&state, &headers, &identified.identity_code).await?;
    res.headers_mut().append(
        header::SET_COOKIE,
        cookies::clear(Kind::Oidc, portal.config.secure_cookies),
    );
    Ok(res)
}

/// POST /auth/logout → session ended here (and at the provider, through its
/// end-session endpoint), cookie cleared, 303 to the sign-in page.
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    ParsedForm(form): ParsedForm<TokenForm>,
) -> Result<Response, WebError> {
    check_form(&state, &headers, "logout", &form.csrf).await?;
    let portal = &state.portal;
    let mut to = "/signed-out".to_string();
    let viewer = match portal.viewing(&headers).await {
        Ok(v) => Some(v.viewer.id.clone()),
        Err(AppError::Unauthenticated | AppError::SessionEnded) => None,
        Err(e) => return Err(e.into()),
    };
    if let Some(token) = portal.session_token(&headers) {
        portal.store.end_session(&token).await?;
    }
    let event = AuditEvent {
        viewer: viewer.as_deref(),
        subject: None,
        role: None,
        action: "logout",
        target: None,
        outcome: if viewer.is_some() { "ok" } else { "no_session" },
    };
    portal.audit(&headers, event).await?;
    if let Some(provider) = &portal.oidc {
        // The provider's session ends too (its end-session endpoint, named
        // by our client id; the ID token is not sent: it may carry the
        // identity code into the browser's history). Without one, every
        // sign-in asks the provider to identify again anyway (prompt=login).
        if let Some(url) = provider.sign_out_url().await {
            to = url;
        }
    }
    let mut res = see_other(&to);
    let h = res.headers_mut();
    h.insert(
        header::SET_COOKIE,
        cookies::clear_session(portal.config.secure_cookies),
    );
    h.append(
        header::SET_COOKIE,
        new_form_token(portal.config.secure_cookies),
    );
    // Whatever the browser kept of the signed-in pages goes too (the
    // language cookie stays: it is the browser's, not the person's).
    h.insert(
        HeaderName::from_static("clear-site-data"),
        HeaderValue::from_static("\"cache\", \"storage\""),
    );
    Ok(res)
}

/// POST /auth/subject (form: child=KEY, or empty for own records) → 303 to /.
/// The subject lives in the server-side session, never in a URL; the
/// session gets a new token. A key that names no child the viewer may act
/// for is answered 404, like a missing child.
pub async fn subject(
    State(state): State<AppState>,
    headers: HeaderMap,
    ParsedForm(form): ParsedForm<SubjectForm>,
) -> Result<Response, WebError> {
    check_form(&state, &headers, "act_for", &form.csrf).await?;
    let portal = &state.portal;
    let v = portal.viewing(&headers).await?;
    let child = if form.child.is_empty() {
        None
    } else {
        let children = portal.children(&v.viewer).await?;
        let found = children
            .into_iter()
            .find(|c| child_key(&v.token, &c.id) == form.child);
        if found.is_none() {
            let event = AuditEvent::read(&v, "act_for", None).with_outcome("not_found");
            portal.audit(&headers, event).await?;
            return Err(WebError::not_found(v.lang()));
        }
        found
    };
    let subject = child.as_ref().map(|c| c.id.as_str());
    let Some(token) = portal
        .store
        .rotate_session(&v.token, subject, Utc::now())
        .await?
    else {
        return Err(AppError::Unauthenticated.into());
    };
    let event = AuditEvent {
        viewer: Some(&v.viewer.id),
        subject: Some(subject.unwrap_or(&v.viewer.id)),
        role: None,
        action: if subject.is_some() {
            "act_for"
        } else {
            "own_records"
        },
        target: None,
        outcome: "ok",
    };
    portal.audit_session(&headers, Some(&token), event).await?;
    let mut res = see_other("/");
    res.headers_mut().append(
        header::SET_COOKIE,
        cookies::set_session(&token, portal.config.secure_cookies),
    );
    Ok(res)
}

/// POST /auth/language (form: lang=fi|sv|en, back=PATH) → 303 to that page
/// of this site. The choice is kept for the signed-in person (the viewer,
/// also when acting for a child) and in a cookie for this browser, so the
/// sign-in and error pages have it too.
pub async fn language(
    State(state): State<AppState>,
    headers: HeaderMap,
    ParsedForm(form): ParsedForm<LanguageForm>,
) -> Result<Response, WebError> {
    check_form(&state, &headers, "language", &form.csrf).await?;
    let lang = Lang::from_code(&form.lang).ok_or(AppError::BadRequest)?;
    if lang.code() != form.lang {
        return Err(AppError::BadRequest.into());
    }
    let portal = &state.portal;
    if portal.session_token(&headers).is_some() {
        match portal.viewing(&headers).await {
            Ok(v) => {
                portal
                    .store
                    .set_language(&v.viewer.id, lang.code(), Utc::now())
                    .await?;
            }
            Err(AppError::Unauthenticated | AppError::SessionEnded) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let mut res = see_other(super::language::local_path(&form.back));
    res.headers_mut().append(
        header::SET_COOKIE,
        super::language::set_cookie(lang, portal.config.secure_cookies),
    );
    Ok(res)
}
