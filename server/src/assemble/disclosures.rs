//! The disclosure log (R-DISC-1..3): its own page, and with each document.

use app::model::{DisclosureView, DisclosuresPage};
use chrono_tz::Europe::Helsinki;

use super::Evaluated;
use crate::archive::format::Disclosure;

/// One entry as the browser sees it: time, recipient and data, and the
/// document. The professional who searched is left out (R-DISC-2).
pub fn disclosure_view(d: &Disclosure, document_title: &str) -> DisclosureView {
    let at = d.disclosed_at.with_timezone(&Helsinki);
    DisclosureView {
        disclosed_at: at.format("%-d.%-m.%Y %H:%M").to_string(),
        disclosed_at_iso: at.format("%Y-%m-%dT%H:%M%:z").to_string(),
        recipient: d.recipient.clone(),
        data: d.data.clone(),
        document_id: d.document.clone(),
        document_title: document_title.to_string(),
    }
}

/// The page of every disclosure the viewer may see, newest first. Only
/// disclosures of shown documents are in `e` (R-DISC-3); one whose document
/// is not found is left out all the same.
pub fn disclosures_page(e: &Evaluated) -> DisclosuresPage {
    DisclosuresPage {
        disclosures: e
            .disclosures
            .iter()
            .filter_map(|d| {
                e.find(&d.document)
                    .map(|(doc, _)| disclosure_view(d, &doc.title))
            })
            .collect(),
    }
}
