//! The one error path of the plain HTTP routes (auth forms, file routes):
//! every failure becomes a [`WebError`], and [`IntoResponse`] is the only
//! place that turns one into a status and a body. Hidden and missing are the
//! same [`AppError::NotFound`], so they get the same answer.

use app::error::AppError;
use app::i18n::Lang;
use axum::extract::{FromRequest, Request};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::de::DeserializeOwned;

use crate::store::StoreError;

/// An error answer, in the viewer's language when the viewer is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebError {
    pub error: AppError,
    pub lang: Lang,
}

impl WebError {
    pub fn not_found(lang: Lang) -> Self {
        Self {
            error: AppError::NotFound,
            lang,
        }
    }

    pub fn in_lang(self, lang: Lang) -> Self {
        Self { lang, ..self }
    }
}

impl From<AppError> for WebError {
    fn from(error: AppError) -> Self {
        Self {
            error,
            lang: super::language::current(),
        }
    }
}

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> Self {
        AppError::from(e).into()
    }
}

/// A store failure is logged here, once; the user sees only "internal
/// error", or "not available just now" when the database is away.
impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        if e.is_unavailable() {
            tracing::warn!(error = %e, "database unavailable");
            return AppError::Unavailable;
        }
        tracing::error!(error = %e, "store failure");
        AppError::Internal
    }
}

/// A small page of its own (these routes are outside the Leptos app).
pub fn page(lang: Lang, status: StatusCode, title: &str, text: &str) -> Response {
    let t = lang.t();
    let html = format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} – {portal}</title><link rel=\"stylesheet\" href=\"/pkg/portal.css\"></head>\
         <body><main id=\"main\"><section class=\"notice-page\"><h1>{title}</h1><p>{text}</p>\
         <p><a href=\"/\">{back}</a></p></section></main></body></html>",
        code = lang.code(),
        title = html_escape::encode_text(title),
        portal = html_escape::encode_text(t.portal),
        text = html_escape::encode_text(text),
        back = html_escape::encode_text(t.back_to_front),
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let t = self.lang.t();
        let status = self.error.status();
        match self.error {
            // A request without a session goes to the identification page.
            AppError::Unauthenticated => Redirect::to("/login").into_response(),
            AppError::SessionEnded => Redirect::to(app::model::SESSION_ENDED_LOGIN).into_response(),
            AppError::NotFound => page(self.lang, status, t.not_found_title, t.not_found_text),
            AppError::BadRequest => {
                page(self.lang, status, t.bad_request_title, t.bad_request_text)
            }
            AppError::Forbidden => page(self.lang, status, t.forbidden_title, t.forbidden_text),
            AppError::TooManyRequests => page(self.lang, status, t.too_many_title, t.too_many_text),
            AppError::Unavailable => {
                page(self.lang, status, t.unavailable_title, t.unavailable_text)
            }
            AppError::Internal | AppError::Transport(_) => {
                page(self.lang, status, t.error_title, t.error_text)
            }
        }
    }
}

/// A form body, or the portal's own 400 page: axum's rejection text (e.g.
/// "Failed to deserialize form body: missing field …") never reaches a user.
pub struct ParsedForm<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ParsedForm<T> {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &S) -> Result<Self, WebError> {
        match Form::<T>::from_request(req, state).await {
            Ok(Form(t)) => Ok(ParsedForm(t)),
            Err(e) => {
                tracing::debug!(error = %e, "form refused");
                Err(AppError::BadRequest.into())
            }
        }
    }
}
