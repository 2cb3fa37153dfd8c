//! The port between server functions and the server: the UI crate holds no
//! SQL and no policy; the server provides an implementation as context.

use std::sync::Arc;

use http::HeaderMap;

use crate::error::AppError;
use crate::model::{
    DisclosuresPage, DocumentView, Frame, FrontPage, GoalsPage, Page, SignInPage, TaskPage,
    TaskQuery, TestPersonsPage, UseLogPage, ViewerInfo,
};

/// Each call authenticates from the request headers (the session cookie) and
/// applies the visibility policy for the session's viewer and subject. A
/// page comes with its viewer, resolved once for the request.
#[async_trait::async_trait]
pub trait Backend: Send + Sync + 'static {
    /// The page frame: the language, and who is signed in if anyone (reads
    /// no records, so it is not audited; never fails: a database away is
    /// `unavailable`).
    async fn frame(&self, headers: &HeaderMap) -> Frame;
    async fn viewer(&self, headers: &HeaderMap) -> Result<ViewerInfo, AppError>;
    async fn front_page(&self, headers: &HeaderMap) -> Result<Page<FrontPage>, AppError>;
    async fn task_page(
        &self,
        headers: &HeaderMap,
        task: &str,
        query: TaskQuery,
    ) -> Result<Page<TaskPage>, AppError>;
    async fn document(&self, headers: &HeaderMap, id: &str)
        -> Result<Page<DocumentView>, AppError>;
    /// R-DISC-1..3: the subject's disclosure log, as far as the viewer may see it.
    async fn disclosures(&self, headers: &HeaderMap) -> Result<Page<DisclosuresPage>, AppError>;
    /// "My goals": the AVAIN goals of the client plans the viewer may see.
    async fn goals(&self, headers: &HeaderMap) -> Result<Page<GoalsPage>, AppError>;
    /// "Use of my information on this portal" (own records only).
    async fn use_log(&self, headers: &HeaderMap, page: u32) -> Result<Page<UseLogPage>, AppError>;
    /// The sign-in page's ways in (and the test list, when that is on).
    async fn sign_in(
        &self,
        headers: &HeaderMap,
        query: &str,
        page: u32,
    ) -> Result<SignInPage, AppError>;
    /// The test-identification list; `NotFound` unless test login is enabled
    /// and the request comes from the portal's own machine.
    async fn test_persons(
        &self,
        headers: &HeaderMap,
        query: &str,
        page: u32,
    ) -> Result<TestPersonsPage, AppError>;
}

pub type SharedBackend = Arc<dyn Backend>;
