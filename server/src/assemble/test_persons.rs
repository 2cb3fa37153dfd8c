//! The test-identification list (test mode only).

use app::model::TesterNote;
use chrono::NaiveDate;

use crate::archive::format::Person;
use crate::policy;

/// What testers need to know of a person on the identification page.
pub fn tester_note(p: &Person, children: usize, today: NaiveDate) -> Vec<TesterNote> {
    let mut notes = Vec::new();
    if policy::is_minor_on(p.birth_date, today) {
        notes.push(TesterNote::Minor);
    }
    if children > 0 {
        notes.push(TesterNote::GuardianOf(
            u32::try_from(children).unwrap_or(u32::MAX),
        ));
    }
    if p.protection_order {
        notes.push(TesterNote::ProtectionOrder);
    }
    if p.has_trustee {
        notes.push(TesterNote::Trustee);
    }
    if p.declared_incompetent {
        notes.push(TesterNote::DeclaredIncompetent);
    }
    if notes.is_empty() {
        notes.push(TesterNote::Adult);
    }
    notes
}
