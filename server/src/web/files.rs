//! The authorised routes of document bodies (PDF) and attachments. Each
//! request runs the policy again; hidden and missing answer alike.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use base64::Engine;

use super::error::WebError;
use super::portal::Viewing;
use super::AppState;
use crate::archive::format;

use crate::assemble::sanitise;
use crate::store::MAIN_BODY;
use app::error::AppError;

/// `Content-Disposition` of a PDF: shown in the browser, and saved under the
/// document's title and date (RFC 6266: `filename*` in UTF-8, percent-encoded;
/// `filename` an ASCII stand-in for old clients), never as "document.pdf".
fn disposition(title: &str, date: chrono::NaiveDate) -> String {
    // RFC 5987 attr-char: letters, digits and these pass as they are.
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    let name: String = title
        .chars()
        .map(|c| {
            if c.is_control() || "/\\\":*?<>|".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(100)
        .collect();
    let name = format!("{name} {date}.pdf");
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-._ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded = percent_encoding::utf8_percent_encode(&name, KEEP);
    format!("inline; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// A PDF as it is, or an XHTML body as a sanitised page of its own (the title
/// is escaped, never parsed as markup).
fn serve(title: &str, date: chrono::NaiveDate, body: &format::Body) -> Result<Response, WebError> {
    if let Some(pdf) = &body.pdf_base64 {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(pdf)
            .map_err(|e| {
                tracing::error!(error = %e, "stored PDF is not base64");
                AppError::Internal
            })?;
        return Ok((
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (header::CONTENT_DISPOSITION, disposition(title, date)),
            ],
            Body::from(bytes),
        )
            .into_response());
    }
    let xhtml = body.xhtml.as_deref().unwrap_or_default();
    let title = html_escape::encode_text(title);
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><main><h1>{title}</h1>{}</main></body></html>",
        sanitise(xhtml)
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; sandbox",
            ),
        ],
        page,
    )
        .into_response())
}

/// GET /files/documents/{id}/body (R-TASK-8: the PDF display format).
pub async fn body(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let portal = &state.portal;
    let (_, (title, date, body)) = portal
        .read(&headers, "document_body", Some(&id), async |v: &Viewing| {
            let records = portal.records(v).await?;
            let d = portal.evaluate(v, &records);
            let (doc, _) = d.find(&id).ok_or(AppError::NotFound)?;
            let body = portal
                .store
                .body(&doc.id, doc.version, MAIN_BODY)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok((doc.title.clone(), doc.created, body))
        })
        .await?;
    serve(&title, date, &body)
}

/// GET /files/documents/{id}/attachments/{aid} (R-DELAY-3, R-SPECIAL-3).
pub async fn attachment(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, aid)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let portal = &state.portal;
    let target = format!("{id}/{aid}");
    let (_, (title, date, body)) = portal
        .read(
            &headers,
            "attachment",
            Some(&target),
            async |v: &Viewing| {
                let records = portal.records(v).await?;
                let d = portal.evaluate(v, &records);
                let (doc, a) = d
                    .find(&id)
                    .and_then(|(doc, shown)| {
                        shown
                            .attachments
                            .iter()
                            .filter_map(|s| doc.attachments.get(s.index))
                            .find(|a| a.id == aid)
                            .map(|a| (doc, a))
                    })
                    .ok_or(AppError::NotFound)?;
                let body = portal
                    .store
                    .body(&doc.id, doc.version, &a.id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                Ok((a.title.clone(), doc.created, body))
            },
        )
        .await?;
    serve(&title, date, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_html_body_page_escapes_its_title_and_runs_nothing() {
        let body = format::Body {
            xhtml: Some("<p>text<script>alert(2)</script></p>".into()),
            pdf_base64: None,
        };
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
        let res = serve("T</title><script>alert(1)</script>", date, &body).unwrap();
        let policy = res.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_string();
        assert!(policy.contains("sandbox") && policy.starts_with("default-src 'none'"));
        let bytes = body_text(res);
        assert!(!bytes.contains("<script"), "{bytes}");
        assert!(bytes.contains("&lt;/title&gt;&lt;script&gt;"), "{bytes}");
        assert!(bytes.contains("<p>text</p>"), "{bytes}");
    }

    #[test]
    fn a_pdf_is_saved_under_its_title_and_date() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
        let d = disposition("Päätös: toimeentulotuki/\"liite\"\n", date);
        assert_eq!(
            d,
            "inline; filename=\"P__t_s toimeentulotuki liite 2026-11-18.pdf\"; \
             filename*=UTF-8''P%C3%A4%C3%A4t%C3%B6s%20toimeentulotuki%20liite%202026-11-18.pdf"
        );
        assert!(axum::http::HeaderValue::from_str(&d).is_ok());
        assert!(disposition(&"x".repeat(500), date).len() < 400);
    }

    /// The body of a response (a small in-memory one).
    fn body_text(res: Response) -> String {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let bytes = rt
            .block_on(axum::body::to_bytes(res.into_body(), 1 << 20))
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }
}
