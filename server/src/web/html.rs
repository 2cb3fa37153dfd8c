//! Well-formed pages. Leptos writes the data of a page's resources as
//! scripts after `</html>`, and the placeholders of its hydration as `<!>`;
//! both are parse errors (the Nu HTML Checker: "Stray start tag script",
//! "Bogus comment"), though every browser builds the same document from
//! them as from the well-formed text. This middleware writes that
//! well-formed text: the trailing scripts go before `</body></html>`, and
//! `<!>` becomes `<!---->` (the same empty comment node) outside scripts.
//! The document the browser builds, and so hydration, is unchanged.

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::header;

/// A page larger than this cannot be read whole: it is answered 500 (the
/// largest page, a 10 000-document task view, is a few hundred kilobytes).
const LIMIT: usize = 32 * 1024 * 1024;

pub async fn well_formed(req: Request, next: Next) -> Response {
    // Archived records (an XHTML display format) are served as they are.
    let rendered_page = !req.uri().path().starts_with("/files/");
    let res = next.run(req).await;
    if !rendered_page {
        return res;
    }
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !is_html || res.headers().contains_key(header::CONTENT_ENCODING) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, LIMIT).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "a page could not be read whole");
            parts.status = http::StatusCode::INTERNAL_SERVER_ERROR;
            parts.headers.remove(header::CONTENT_LENGTH);
            return Response::from_parts(parts, Body::empty());
        }
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let fixed = fix(text);
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(fixed))
}

/// The well-formed text of a Leptos page.
pub fn fix(html: &str) -> String {
    const END: &str = "</body></html>";
    let moved = match html.find(END) {
        Some(at)
            if !html
                .get(at + END.len()..)
                .unwrap_or_default()
                .trim()
                .is_empty() =>
        {
            let (before, after) = html.split_at(at);
            let trailing = after.get(END.len()..).unwrap_or_default();
            format!("{before}{trailing}{END}")
        }
        _ => html.to_string(),
    };
    empty_comments(&moved)
}

/// `<!>` → `<!---->`, except inside `<script>` elements (data, not markup).
fn empty_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 1024);
    let mut rest = html;
    while !rest.is_empty() {
        let (markup, script_and_after) = match rest.find("<script") {
            Some(at) => rest.split_at(at),
            None => (rest, ""),
        };
        out.push_str(&markup.replace("<!>", "<!---->"));
        if script_and_after.is_empty() {
            break;
        }
        match script_and_after.find("</script>") {
            Some(end) => {
                let (script, after) = script_and_after.split_at(end + "</script>".len());
                out.push_str(script);
                rest = after;
            }
            None => {
                out.push_str(script_and_after);
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fix;

    #[test]
    fn trailing_scripts_move_inside_the_body_and_placeholders_become_comments() {
        let page = "<!DOCTYPE html><html><head></head><body><p>a<!>b</p><!></body></html>\
                    <script>x=\"<!>\";</script><script>y=1;</script>";
        assert_eq!(
            fix(page),
            "<!DOCTYPE html><html><head></head><body><p>a<!---->b</p><!---->\
             <script>x=\"<!>\";</script><script>y=1;</script></body></html>"
        );
    }

    #[test]
    fn a_well_formed_page_is_left_as_it_is() {
        let page = "<!DOCTYPE html><html><body><p>x</p></body></html>";
        assert_eq!(fix(page), page);
        let page = "<!DOCTYPE html><html><body><p>x</p></body></html>\n";
        assert_eq!(fix(page), page);
    }
}
