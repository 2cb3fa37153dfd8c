//! One document: its display format, attachments, signatures and correction
//! (R-TASK-8, R-VERSION-1, R-SIGN-1, R-DELAY-3, R-SPECIAL-3).

use app::model::{
    encode_segment, AttachmentLink, CorrectionView, DocBody, DocumentView, SignatureView,
};
use chrono_tz::Europe::Helsinki;

use super::disclosures::disclosure_view;
use super::summary::summary;
use super::Labels;
use crate::archive::format::{Body, Disclosure, Document};
use crate::policy::{codes, Shown};

/// XHTML bodies are sanitised before display: no scripts, no event handlers,
/// no styles, and no URL but `mailto:`, `tel:` and links within the page
/// (`#…`). Every other link or source, relative ones too (`//host/x`,
/// `/\\host/x`, `/files/…`), is removed: nothing in a document may fetch
/// from another host or make the browser read the portal on its own.
pub fn sanitise(xhtml: &str) -> String {
    ammonia::Builder::default()
        .url_schemes(["mailto", "tel"].into_iter().collect())
        .url_relative(ammonia::UrlRelative::Custom(Box::new(only_fragments)))
        .link_rel(Some("noopener noreferrer"))
        .clean(xhtml)
        .to_string()
}

/// Of relative URLs, only a fragment (`#section-2`) is kept.
fn only_fragments(url: &str) -> Option<std::borrow::Cow<'_, str>> {
    url.starts_with('#')
        .then_some(std::borrow::Cow::Borrowed(url))
}

pub fn body_href(doc_id: &str) -> String {
    format!("/files/documents/{}/body", encode_segment(doc_id))
}

pub fn attachment_href(doc_id: &str, attachment_id: &str) -> String {
    format!(
        "/files/documents/{}/attachments/{}",
        encode_segment(doc_id),
        encode_segment(attachment_id)
    )
}

pub fn document_view(
    doc: &Document,
    shown: &Shown,
    disclosures: &[&Disclosure],
    labels: &Labels<'_>,
) -> DocumentView {
    let body = match &doc.body {
        Body { xhtml: Some(x), .. } => DocBody::Xhtml(sanitise(x)),
        _ => DocBody::Pdf {
            href: body_href(&doc.id),
        },
    };
    DocumentView {
        summary: summary(doc, shown, labels),
        service_tasks: doc.service_tasks.clone(),
        author: doc.author.as_ref().map(|a| match &a.title {
            Some(t) => format!("{}, {}", a.name, t),
            None => a.name.clone(),
        }),
        body,
        // R-DELAY-3, R-SPECIAL-3, R-GUARD-10: only the attachments the policy let through.
        attachments: shown
            .attachments
            .iter()
            .filter_map(|s| doc.attachments.get(s.index).map(|a| (s, a)))
            .map(|(s, a)| AttachmentLink {
                title: a.title.clone(),
                href: attachment_href(&doc.id, &a.id),
                pdf: a.body.pdf_base64.is_some(),
                // The store knows the size (`Store::part_sizes`), not the metadata.
                size: None,
                delay_ended: s.delay_ended,
                withheld_from_guardians: s.withheld_from_guardians,
            })
            .collect(),
        // R-SIGN-1: system signatures are not shown; times in Finnish time.
        signatures: doc
            .signatures
            .iter()
            .filter(|s| s.method != codes::SYSTEM_SIGNATURE)
            .map(|s| SignatureView {
                name: s.name.clone(),
                role: s.role.clone(),
                registration_number: s.registration_number.clone(),
                method: s.method.clone(),
                signed_at: s
                    .signed_at
                    .with_timezone(&Helsinki)
                    .format("%-d.%-m.%Y %H:%M")
                    .to_string(),
            })
            .collect(),
        // R-VERSION-1
        correction: doc.correction.as_ref().map(|c| CorrectionView {
            corrector: c.corrector.clone(),
            title: c.title.clone(),
            date: c.date,
            reason: c.reason.clone(),
        }),
        // R-DISC-1..3: `disclosures` are those the viewer may see; this document's.
        disclosures: disclosures
            .iter()
            .filter(|d| d.document == doc.id)
            .map(|d| disclosure_view(d, &doc.title))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::sanitise;

    #[test]
    fn only_mail_phone_and_fragment_links_survive() {
        let out = sanitise(
            r##"<p><a href="mailto:a@b.fi">m</a><a href="tel:+358">t</a><a href="#s2">f</a>
            <img src="//evil.example/x.png"/><img src="/\evil.example/x"/>
            <a href="https://evil.example/">h</a><a href="/files/documents/x/body">r</a>
            <img src="data:image/png;base64,AAAA"/><a href="javascript:alert(1)">j</a>
            <script>alert(1)</script><p onclick="alert(1)" style="color:red">x</p></p>"##,
        );
        for kept in ["mailto:a@b.fi", "tel:+358", "href=\"#s2\""] {
            assert!(out.contains(kept), "{kept} missing from {out}");
        }
        for gone in [
            "evil.example",
            "/files/",
            "data:",
            "javascript",
            "<script",
            "onclick",
            "style=",
            "src=",
        ] {
            assert!(!out.contains(gone), "{gone} kept in {out}");
        }
    }
}
