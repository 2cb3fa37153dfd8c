//! Builds the browser's data from documents the policy has let through.

use std::collections::HashMap;

use app::model::{
    encode_segment, AttachmentLink, Contact, CorrectionView, DocBody, DocSummary, DocumentView,
    Relationship, SignatureView,
};
use chrono::{DateTime, NaiveDate, Utc};

use crate::archive::format::{Body, ClientRelationship, Document, Person};
use crate::clock::finnish_date;
use crate::policy::{self, codes, Shown};

/// The register keeper's name (R-TASK-5); the oid if the name is unknown.
fn keeper(oid: &str, organisations: &HashMap<String, String>) -> String {
    organisations
        .get(oid)
        .cloned()
        .unwrap_or_else(|| oid.to_string())
}

pub fn summary(
    doc: &Document,
    shown: &Shown,
    previous_login: Option<DateTime<Utc>>,
    organisations: &HashMap<String, String>,
) -> DocSummary {
    let stored = doc.stored_at.with_timezone(&Utc);
    DocSummary {
        id: doc.id.clone(),
        title: doc.title.clone(),
        date: doc.created,
        stored: finnish_date(stored),
        // R-FRONT-3: stored after the viewer's previous login (everything, at the first one).
        is_new: previous_login.is_none_or(|p| stored > p),
        shared: shown.shared,
        withheld_from_guardians: shown.withheld_from_guardians,
        delay_ended: shown.delay_ended,
        attachments: shown.attachments.len() as u32,
        social_services: doc.social_services.clone(),
        register_keeper: keeper(&doc.register_keeper, organisations),
    }
}

/// R-FRONT-4..6
pub fn relationships(
    all: &[ClientRelationship],
    organisations: &HashMap<String, String>,
) -> Vec<Relationship> {
    let mut cards: Vec<Relationship> = policy::relationship_cards(all)
        .into_iter()
        .map(|c| Relationship {
            register_keeper: keeper(&c.relationship.register_keeper, organisations),
            started: c.relationship.started,
            ended: c.relationship.ended,
            child_protection_started: c.relationship.child_protection_started,
            child_protection_ended: c.relationship.child_protection_ended,
            contact: c.contact.map(|w| Contact {
                name: w.name.clone(),
                title: w.title.clone(),
                phone: w.phone.clone(),
                email: w.email.clone(),
                unit: w.unit.clone(),
            }),
        })
        .collect();
    cards.sort_by_key(|c| std::cmp::Reverse(c.started));
    cards
}

/// XHTML bodies are sanitised before display: no scripts, no event handlers,
/// no remote resources.
pub fn sanitise(xhtml: &str) -> String {
    ammonia::Builder::default()
        .url_schemes(["mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .clean(xhtml)
        .to_string()
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

pub fn document(doc: &Document, shown: &Shown, summary: DocSummary) -> DocumentView {
    let body = match &doc.body {
        Body { xhtml: Some(x), .. } => DocBody::Xhtml(sanitise(x)),
        _ => DocBody::Pdf {
            href: body_href(&doc.id),
        },
    };
    DocumentView {
        summary,
        service_tasks: doc.service_tasks.clone(),
        author: doc.author.as_ref().map(|a| match &a.title {
            Some(t) => format!("{}, {}", a.name, t),
            None => a.name.clone(),
        }),
        body,
        // R-DELAY-3, R-SPECIAL-3: only the attachments the policy let through.
        attachments: shown
            .attachments
            .iter()
            .filter_map(|&i| doc.attachments.get(i))
            .map(|a| AttachmentLink {
                title: a.title.clone(),
                href: attachment_href(&doc.id, &a.id),
                pdf: a.body.pdf_base64.is_some(),
            })
            .collect(),
        // R-SIGN-1: system signatures are not shown.
        signatures: doc
            .signatures
            .iter()
            .filter(|s| s.method != codes::SYSTEM_SIGNATURE)
            .map(|s| SignatureView {
                name: s.name.clone(),
                role: s.role.clone(),
                signed_at: s.signed_at.format("%-d.%-m.%Y %H:%M").to_string(),
            })
            .collect(),
        // R-VERSION-1
        correction: doc.correction.as_ref().map(|c| CorrectionView {
            corrector: c.corrector.clone(),
            title: c.title.clone(),
            date: c.date,
            reason: c.reason.clone(),
        }),
    }
}

/// A line for testers on the identification page.
pub fn tester_note(p: &Person, children: usize, today: NaiveDate) -> String {
    let mut parts = Vec::new();
    if policy::is_minor_on(p.birth_date, today) {
        parts.push("minor".to_string());
    }
    if children > 0 {
        parts.push(format!("guardian of {children}"));
    }
    if p.protection_order {
        parts.push("protection order".into());
    }
    if p.has_trustee {
        parts.push("trustee".into());
    }
    if p.declared_incompetent {
        parts.push("declared incompetent".into());
    }
    if parts.is_empty() {
        parts.push("adult".into());
    }
    parts.join(", ")
}
