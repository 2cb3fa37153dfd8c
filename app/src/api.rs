//! Server functions. Each is a public HTTP endpoint: each one goes through
//! the backend, which checks the session before anything else.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{
    DisclosuresPage, DocumentView, Frame, FrontPage, GoalsPage, Page, SignInPage, TaskPage,
    TaskQuery, TestPersonsPage, UseLogPage, ViewerInfo,
};

#[cfg(feature = "ssr")]
mod on_server {
    use leptos::prelude::*;

    use crate::backend::SharedBackend;
    use crate::error::{set_status, AppError};

    /// The backend and the request headers of the current request.
    pub fn context() -> Result<(SharedBackend, http::HeaderMap), AppError> {
        let backend = use_context::<SharedBackend>().ok_or(AppError::Internal)?;
        let headers = use_context::<http::request::Parts>()
            .map(|p| p.headers)
            .ok_or(AppError::Internal)?;
        Ok((backend, headers))
    }

    /// Sets the HTTP status of an error answer (404 for hidden and missing alike).
    pub fn answer<T>(result: Result<T, AppError>) -> Result<T, AppError> {
        if let Err(e) = &result {
            set_status(e.status());
        }
        result
    }
}

/// The page frame (language, who is signed in); answered for everyone.
#[server(endpoint = "frame")]
pub async fn get_frame() -> Result<Frame, AppError> {
    let (backend, headers) = on_server::context()?;
    Ok(backend.frame(&headers).await)
}

#[server(endpoint = "viewer")]
pub async fn get_viewer() -> Result<ViewerInfo, AppError> {
    let (backend, headers) = on_server::context()?;
    on_server::answer(backend.viewer(&headers).await)
}

#[server(endpoint = "front-page")]
pub async fn get_front_page() -> Result<Page<FrontPage>, AppError> {
    let (backend, headers) = on_server::context()?;
    on_server::answer(backend.front_page(&headers).await)
}

#[server(endpoint = "task-page")]
pub async fn get_task_page(task: String, query: TaskQuery) -> Result<Page<TaskPage>, AppError> {
    let (backend, headers) = on_server::context()?;
    on_server::answer(backend.task_page(&headers, &task, query).await)
}

#[server(endpoint = "document")]
pub async fn get_document(id: String) -> Result<Page<DocumentView>, AppError> {
    let (backend, headers) = on_server::context()?;
    on_server::answer(backend.document(&headers, &id).await)
}

#[server(endpoint = "disclosures")]
pub async fn get_disclosures() -> Result<Page<DisclosuresPage>, AppError> {
    let (backend, headers) = on_server::context()?;
    on_server::answer(backend.disclosures(&headers).await)
}

/// "My goals" (AVAIN), from the client plans the viewer may see.
#[server(endpoint = "goals")]
pub async fn get_goals() -> Result<Page<GoalsPage>, AppError> {
    let (backend, headers) = on_server::context()?;
    on_server::answer(backend.goals(&headers).await)
}

/// The test-identification list (test mode only): `query` searches names
/// and identity codes, `page` counts from 1.
#[server(endpoint = "test-persons")]
pub async fn get_test_persons(
    #[server(default)] query: String,
    #[server(default)] page: u32,
) -> Result<TestPersonsPage, AppError> {
    let (backend, headers) = on_server::context()?;
    on_server::answer(backend.test_persons(&headers, &query, page.max(1)).await)
}

/// "Use of my information on this portal", one page (counting from 1).
#[server(endpoint = "use-log")]
pub async fn get_use_log(#[server(default)] page: u32) -> Result<Page<UseLogPage>, AppError> {
    let (backend, headers) = on_server::context()?;
    on_server::answer(backend.use_log(&headers, page.max(1)).await)
}

/// The sign-in page: its form token and the configured ways in.
#[server(endpoint = "sign-in")]
pub async fn get_sign_in(
    #[server(default)] query: String,
    #[server(default)] page: u32,
) -> Result<SignInPage, AppError> {
    let (backend, headers) = on_server::context()?;
    on_server::answer(backend.sign_in(&headers, &query, page.max(1)).await)
}
