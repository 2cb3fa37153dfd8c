//! Errors a page or a server function can answer with, and the one place
//! that turns an error into an HTTP status.

use http::StatusCode;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A request for something the viewer may not see is answered as
/// [`AppError::NotFound`], exactly as for something that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("not signed in")]
    Unauthenticated,
    /// The request names a session that has ended (idle, too old, signed
    /// out elsewhere): as [`AppError::Unauthenticated`], and the sign-in
    /// page says why the person is there.
    #[error("session ended")]
    SessionEnded,
    #[error("bad request")]
    BadRequest,
    /// A state-changing request from another site (CSRF) or of a kind the
    /// endpoint does not take.
    #[error("refused")]
    Forbidden,
    /// Too many sign-in attempts from one address.
    #[error("too many requests")]
    TooManyRequests,
    /// The database is away for a moment (503).
    #[error("unavailable")]
    Unavailable,
    #[error("internal error")]
    Internal,
    #[error("the request failed")]
    Transport(String),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthenticated | AppError::SessionEnded => StatusCode::UNAUTHORIZED,
            AppError::BadRequest => StatusCode::BAD_REQUEST,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal | AppError::Transport(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// Sets the HTTP status of the answer being rendered on the server (a page
/// or a server function); nothing in the browser. Every status a page or a
/// server function answers with is set here.
pub fn set_status(status: StatusCode) {
    #[cfg(feature = "ssr")]
    if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::BadRequest
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}
