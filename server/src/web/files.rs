//! The authorised routes of document bodies (PDF) and attachments. Each
//! request runs the policy again; hidden and missing answer alike.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;

use super::view::sanitise;
use super::AppState;
use crate::archive::format;

const NOT_FOUND_BODY: &str = "Not found";

pub fn not_found_or(code: StatusCode) -> Response {
    if code == StatusCode::NOT_FOUND {
        (StatusCode::NOT_FOUND, NOT_FOUND_BODY).into_response()
    } else {
        code.into_response()
    }
}

fn serve(title: &str, body: &format::Body) -> Response {
    if let Some(pdf) = &body.pdf_base64 {
        return match base64::engine::general_purpose::STANDARD.decode(pdf) {
            Ok(bytes) => (
                [
                    (header::CONTENT_TYPE, "application/pdf".to_string()),
                    (
                        header::CONTENT_DISPOSITION,
                        "inline; filename=\"document.pdf\"".to_string(),
                    ),
                ],
                Body::from(bytes),
            )
                .into_response(),
            Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        };
    }
    let xhtml = body.xhtml.as_deref().unwrap_or_default();
    let title = sanitise(title);
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><main><h1>{title}</h1>{}</main></body></html>",
        sanitise(xhtml)
    );
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8".to_string()),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'".to_string(),
            ),
        ],
        page,
    )
        .into_response()
}

async fn visible(
    state: &AppState,
    headers: &HeaderMap,
    id: &str,
) -> Result<
    (
        crate::web::portal::Viewing,
        format::Document,
        crate::policy::Shown,
    ),
    StatusCode,
> {
    let v = state.portal.viewing(headers).await.map_err(|e| match e {
        app::error::AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    })?;
    let e = state
        .portal
        .evaluate(&v)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    let (doc, shown) = e
        .shown
        .into_iter()
        .find(|(d, _)| d.id == id)
        .ok_or(StatusCode::NOT_FOUND)?;
    Ok((v, doc, shown))
}

async fn audit(state: &AppState, v: &crate::web::portal::Viewing, action: &str, target: &str) {
    if let Err(e) = state
        .portal
        .store
        .audit(
            Some(&v.viewer.id),
            Some(&v.subject.id),
            action,
            Some(target),
        )
        .await
    {
        tracing::error!(error = %e, "audit write failed");
    }
}

/// GET /files/documents/{id}/body (R-TASK-8: the PDF display format).
pub async fn body(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    match visible(&state, &headers, &id).await {
        Ok((v, doc, _)) => {
            audit(&state, &v, "document_body", &id).await;
            serve(&doc.title, &doc.body)
        }
        Err(code) => not_found_or(code),
    }
}

/// GET /files/documents/{id}/attachments/{aid} (R-DELAY-3, R-SPECIAL-3).
pub async fn attachment(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, aid)): Path<(String, String)>,
) -> Response {
    match visible(&state, &headers, &id).await {
        Ok((v, doc, shown)) => {
            let found = shown
                .attachments
                .iter()
                .filter_map(|&i| doc.attachments.get(i))
                .find(|a| a.id == aid);
            match found {
                Some(a) => {
                    audit(&state, &v, "attachment", &format!("{id}/{aid}")).await;
                    serve(&a.title, &a.body)
                }
                None => not_found_or(StatusCode::NOT_FOUND),
            }
        }
        Err(code) => not_found_or(code),
    }
}
