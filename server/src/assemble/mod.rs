//! Page assembly: the browser's data, built from what the policy let through.
//!
//! Pure, like `policy` beside it: no I/O and no clock. The web layer loads a
//! subject's records, calls [`evaluate`] (the policy applied to every
//! document), then one of [`front_page`], [`task_page`] or [`document_view`].
//! Everything the browser receives is built here from shown documents only.

mod collate;
mod disclosures;
mod document;
mod front;
mod goals;
mod summary;
mod task;
mod test_persons;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use app::model::Relationship;
use chrono::{DateTime, Utc};

pub use disclosures::{disclosure_view, disclosures_page};
pub use document::{attachment_href, document_view, sanitise};
pub use front::front_page;
pub use goals::{goals_page, has_goals};
pub use summary::summary;
pub use task::task_page;
pub use test_persons::tester_note;

use crate::archive::format::{Disclosure, Document};
use crate::policy::{self, DocFacts, Hidden, Shown, Verdict, View};
use crate::store::SubjectRecords;

/// The policy's answer for every record of the subject, for one view. It
/// borrows the records (which the store may share between requests).
#[derive(Debug, Default, Clone)]
pub struct Evaluated<'r> {
    /// Shown documents, newest first (by date, then storing time, then id).
    pub shown: Vec<(&'r Document, Shown)>,
    pub hidden: Vec<Hidden>,
    /// Attachments of shown documents withheld by their own delay or special
    /// content (R-DELAY-3, R-SPECIAL-3), which call for the information text.
    pub restricted_attachments: usize,
    /// R-FRONT-4..7: the client-relationship data the viewer may see, newest first.
    pub relationships: Vec<Relationship>,
    /// R-INFO-3: a client-relationship document was withheld by a restriction.
    pub relationships_restricted: bool,
    /// R-DISC-1..3: the disclosures the viewer may see, newest first.
    pub disclosures: Vec<&'r Disclosure>,
    /// Organisation names by oid (the register keeper, R-TASK-5).
    pub organisations: Option<&'r HashMap<String, String>>,
}

impl<'r> Evaluated<'r> {
    /// R-INFO-1..4
    pub fn info_text(&self) -> bool {
        policy::info_text_needed(
            &self.hidden,
            self.restricted_attachments,
            self.relationships_restricted,
        )
    }

    /// A shown document by id; hidden and missing are alike (`None`).
    pub fn find(&self, id: &str) -> Option<(&'r Document, &Shown)> {
        self.shown
            .iter()
            .find(|(d, _)| d.id == id)
            .map(|(d, s)| (*d, s))
    }

    /// What summaries need, with the viewer's previous login (R-FRONT-3).
    pub fn labels(
        &self,
        previous_login: Option<DateTime<Utc>>,
        lang: app::i18n::Lang,
    ) -> Labels<'_> {
        static NONE: std::sync::OnceLock<HashMap<String, String>> = std::sync::OnceLock::new();
        Labels {
            previous_login,
            lang,
            organisations: self
                .organisations
                .unwrap_or_else(|| NONE.get_or_init(HashMap::new)),
        }
    }
}

/// What a summary needs besides the document: the viewer's previous login
/// (R-FRONT-3) and organisation names (R-TASK-5).
#[derive(Debug, Clone, Copy)]
pub struct Labels<'a> {
    pub previous_login: Option<DateTime<Utc>>,
    /// The page's language, for alphabetical order (R-TASK-4).
    pub lang: app::i18n::Lang,
    pub organisations: &'a HashMap<String, String>,
}

/// Runs the policy over every record of the subject. A document whose case
/// is missing is withheld (fail closed).
pub fn evaluate<'r>(view: &View<'_>, records: &'r SubjectRecords) -> Evaluated<'r> {
    let SubjectRecords {
        documents,
        cases,
        units,
        organisations,
        relationships,
        disclosures,
    } = records;
    let mut e = Evaluated::default();
    for doc in documents {
        let Some(case) = cases.get(&doc.case) else {
            tracing::warn!(document = %doc.id, "document without a case");
            continue;
        };
        let unit = doc.service_unit.as_ref().and_then(|u| units.get(u));
        match policy::decide(view, &DocFacts { doc, case, unit }) {
            Verdict::Shown(s) => {
                e.restricted_attachments += s.restricted_attachments;
                e.shown.push((doc, s));
            }
            Verdict::Hidden(h) => e.hidden.push(h),
        }
    }
    e.shown.sort_by(|(a, _), (b, _)| {
        (b.created, b.stored_at, &b.id).cmp(&(a.created, a.stored_at, &a.id))
    });
    let used = policy::relationship_cards(view, relationships);
    e.relationships = front::relationships(&used.cards, organisations);
    e.relationships_restricted = used.restricted;
    let shown_ids: std::collections::HashSet<&str> =
        e.shown.iter().map(|(d, _)| d.id.as_str()).collect();
    e.disclosures =
        policy::visible_disclosures(&view.subject.id, disclosures, |id| shown_ids.contains(id));
    e.organisations = Some(organisations);
    e
}
