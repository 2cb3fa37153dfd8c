//! Server functions. Each is a public HTTP endpoint: each one goes through
//! the backend, which checks the session before anything else.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{DocumentView, FrontPage, Page, TaskPage, TaskQuery, TestPerson, ViewerInfo};

#[cfg(feature = "ssr")]
mod on_server {
    use leptos::prelude::*;

    use crate::backend::SharedBackend;
    use crate::error::AppError;

    /// The backend and the request headers of the current request.
    pub fn context() -> Result<(SharedBackend, http::HeaderMap), AppError> {
        let backend = use_context::<SharedBackend>().ok_or(AppError::Internal)?;
        let headers = use_context::<http::request::Parts>()
            .map(|p| p.headers)
            .ok_or(AppError::Internal)?;
        Ok((backend, headers))
    }

    /// Loads the viewer and a page's data for the same request.
    pub async fn page<T>(
        load: impl std::future::Future<Output = Result<T, AppError>>,
    ) -> Result<crate::model::Page<T>, AppError> {
        let (backend, headers) = context()?;
        let viewer = backend.viewer(&headers).await?;
        Ok(crate::model::Page {
            viewer,
            data: load.await?,
        })
    }

    /// Sets the HTTP status of an error answer (404 for hidden and missing alike).
    pub fn answer<T>(result: Result<T, AppError>) -> Result<T, AppError> {
        if let Err(e) = &result {
            if let (Some(res), Ok(code)) = (
                use_context::<leptos_axum::ResponseOptions>(),
                http::StatusCode::from_u16(e.status()),
            ) {
                res.set_status(code);
            }
        }
        result
    }
}

#[server(endpoint = "viewer")]
pub async fn get_viewer() -> Result<ViewerInfo, AppError> {
    let (backend, headers) = on_server::context()?;
    on_server::answer(backend.viewer(&headers).await)
}

#[server(endpoint = "front-page")]
pub async fn get_front_page() -> Result<Page<FrontPage>, AppError> {
    let (backend, headers) = on_server::context()?;
    on_server::answer(on_server::page(backend.front_page(&headers)).await)
}

#[server(endpoint = "task-page")]
pub async fn get_task_page(task: String, query: TaskQuery) -> Result<Page<TaskPage>, AppError> {
    let (backend, headers) = on_server::context()?;
    on_server::answer(on_server::page(backend.task_page(&headers, &task, query)).await)
}

#[server(endpoint = "document")]
pub async fn get_document(id: String) -> Result<Page<DocumentView>, AppError> {
    let (backend, headers) = on_server::context()?;
    on_server::answer(on_server::page(backend.document(&headers, &id)).await)
}

#[server(endpoint = "test-persons")]
pub async fn get_test_persons() -> Result<Vec<TestPerson>, AppError> {
    let (backend, _) = on_server::context()?;
    on_server::answer(backend.test_persons().await)
}
