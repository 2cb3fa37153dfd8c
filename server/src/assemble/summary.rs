//! One document in a list (R-FRONT-2/3, R-TASK-5..7, R-DELAY-4).

use std::collections::HashMap;

use app::model::DocSummary;
use chrono::Utc;

use super::Labels;
use crate::archive::format::Document;
use crate::clock::finnish_date;
use crate::policy::Shown;

/// The register keeper's name (R-TASK-5); the oid if the name is unknown.
pub(super) fn keeper(oid: &str, organisations: &HashMap<String, String>) -> String {
    organisations
        .get(oid)
        .cloned()
        .unwrap_or_else(|| oid.to_string())
}

/// A count for the browser (counts of one subject's records fit easily).
pub(super) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub fn summary(doc: &Document, shown: &Shown, labels: &Labels<'_>) -> DocSummary {
    let stored = doc.stored_at.with_timezone(&Utc);
    DocSummary {
        id: doc.id.clone(),
        title: doc.title.clone(),
        date: doc.created,
        // R-TASK-5: absent → the document's date.
        drawn_up: doc.drawn_up.unwrap_or(doc.created),
        stored: finnish_date(stored),
        // R-FRONT-3: stored after the viewer's previous login (everything, at the first one).
        is_new: labels.previous_login.is_none_or(|p| stored > p),
        shared: shown.shared,
        withheld_from_guardians: shown.withheld_from_guardians,
        delay_ended: shown.delay_ended,
        attachments: count(shown.attachments.len()),
        social_services: doc.social_services.clone(),
        register_keeper: keeper(&doc.register_keeper, labels.organisations),
    }
}
