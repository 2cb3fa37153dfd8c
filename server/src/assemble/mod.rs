//! Page assembly: the browser's data, built from what the policy let through.
//!
//! Pure, like `policy` beside it: no I/O and no clock. The web layer loads a
//! subject's records, calls [`evaluate`] (the policy applied to every
//! document), then one of [`front_page`], [`task_page`] or [`document_view`].
//! Everything the browser receives is built here from shown documents only.

mod document;
mod front;
mod summary;
mod task;
mod test_persons;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use chrono::{DateTime, Utc};

pub use document::{document_view, sanitise};
pub use front::front_page;
pub use summary::summary;
pub use task::task_page;
pub use test_persons::tester_note;

use crate::archive::format::{Case, Document, ServiceUnit};
use crate::policy::{self, DocFacts, Hidden, Shown, Verdict, View};

/// The policy's answer for every document of the subject.
#[derive(Debug, Default, Clone)]
pub struct Evaluated {
    /// Shown documents, newest first (by date, then storing time, then id).
    pub shown: Vec<(Document, Shown)>,
    pub hidden: Vec<Hidden>,
    /// Attachments withheld from shown documents (R-DELAY-3, R-SPECIAL-3).
    pub withheld_attachments: usize,
}

impl Evaluated {
    /// R-INFO-1/2
    pub fn info_text(&self) -> bool {
        policy::info_text_needed(&self.hidden, self.withheld_attachments)
    }

    /// A shown document by id; hidden and missing are alike (`None`).
    pub fn find(&self, id: &str) -> Option<&(Document, Shown)> {
        self.shown.iter().find(|(d, _)| d.id == id)
    }
}

/// What a summary needs besides the document: the viewer's previous login
/// (R-FRONT-3) and organisation names (R-TASK-5).
#[derive(Debug, Clone, Copy)]
pub struct Labels<'a> {
    pub previous_login: Option<DateTime<Utc>>,
    pub organisations: &'a HashMap<String, String>,
}

/// Runs the policy over every document of the subject. A document whose case
/// is missing is withheld (fail closed).
pub fn evaluate(
    view: &View<'_>,
    documents: Vec<Document>,
    cases: &HashMap<String, Case>,
    units: &HashMap<String, ServiceUnit>,
) -> Evaluated {
    let mut e = Evaluated::default();
    for doc in documents {
        let Some(case) = cases.get(&doc.case) else {
            tracing::warn!(document = %doc.id, "document without a case");
            continue;
        };
        let unit = doc.service_unit.as_ref().and_then(|u| units.get(u));
        match policy::decide(
            view,
            &DocFacts {
                doc: &doc,
                case,
                unit,
            },
        ) {
            Verdict::Shown(s) => {
                e.withheld_attachments += s.withheld_attachments;
                e.shown.push((doc, s));
            }
            Verdict::Hidden(h) => e.hidden.push(h),
        }
    }
    e.shown.sort_by(|(a, _), (b, _)| {
        (b.created, b.stored_at, &b.id).cmp(&(a.created, a.stored_at, &a.id))
    });
    e
}
