//! The test-identification list (test mode only).

use chrono::NaiveDate;

use crate::archive::format::Person;
use crate::policy;

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
