//! A reference model of visibility-rules.md for differential testing: plain,
//! slow and written straight from the rule text. It shares no code with
//! `portal_server::policy` (only the archive types), so a mistake in one is
//! not copied into the other.

pub mod gen;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use portal_server::archive::format::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    One,
    Two,
}

/// What the model expects one viewer to get for one subject.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Expected {
    /// Visible document id → visible attachment ids.
    pub documents: BTreeMap<String, Vec<String>>,
    /// R-INFO-1/2
    pub info_text: bool,
    /// R-FRONT-4/5: (register keeper oid, started, contact name), sorted.
    pub relationships: Vec<(String, NaiveDate, Option<String>)>,
}

fn newest_doc<'a>(a: &'a Archive, id: &str) -> &'a Document {
    let mut best: Option<&Document> = None;
    for d in &a.documents {
        if d.id == id && best.is_none_or(|b| d.version > b.version) {
            best = Some(d);
        }
    }
    best.expect("document exists")
}

fn newest_case<'a>(a: &'a Archive, id: &str) -> &'a Case {
    let mut best: Option<&Case> = None;
    for c in &a.cases {
        if c.id == id && best.is_none_or(|b| c.version > b.version) {
            best = Some(c);
        }
    }
    best.expect("case exists")
}

pub fn person<'a>(a: &'a Archive, id: &str) -> &'a Person {
    a.people.iter().find(|p| p.id == id).expect("person exists")
}

/// Under 18 on `day`: the 18th birthday has not come (29 Feb → 1 Mar).
pub fn minor(p: &Person, day: NaiveDate) -> bool {
    let b = p.birth_date;
    let birthday = NaiveDate::from_ymd_opt(b.year() + 18, b.month(), b.day())
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(b.year() + 18, 3, 1).expect("date"));
    day < birthday
}

/// R-GUARD-1..7: may `viewer` act for `child` on `today`?
pub fn may_act(a: &Archive, viewer: &str, child: &str, today: NaiveDate) -> bool {
    let Some(link) = a
        .guardianships
        .iter()
        .find(|g| g.guardian == viewer && g.child == child)
    else {
        return false; // R-GUARD-1: not recorded
    };
    let v = person(a, viewer);
    let c = person(a, child);
    if !minor(c, today) {
        return false; // R-GUARD-1: of age
    }
    if c.protection_order {
        return false; // R-GUARD-2
    }
    // R-GUARD-3: either guardian's protection order (the viewer's own included).
    if v.protection_order {
        return false;
    }
    for g in a
        .guardianships
        .iter()
        .filter(|g| g.child == child && g.role == GuardianRole::Guardian)
    {
        if person(a, &g.guardian).protection_order {
            return false;
        }
    }
    if v.declared_incompetent || v.has_trustee {
        return false; // R-GUARD-4
    }
    if link.custody_agreement == CustodyAgreement::Unstructured {
        return false; // R-GUARD-5
    }
    true // R-GUARD-6/7/9: nothing else stops a guardian or information-right holder
}

enum Outcome {
    /// Does not exist for this subject, or is never shown and does not call for the info text.
    Absent,
    /// Withheld by a restriction that calls for the info text.
    Restricted,
    Shown(Vec<String>, bool),
}

fn judge(
    a: &Archive,
    viewer: &str,
    subject: &Person,
    guardian: bool,
    today: NaiveDate,
    phase: Phase,
    id: &str,
) -> Outcome {
    let d = newest_doc(a, id); // R-AUTO-9: the newest version is the document
    let k = newest_case(a, &d.case);
    let in_list = |list: &[String], code: &str| list.iter().any(|x| x == code);
    // R-SHARED-2: whose it is, by its own client list.
    if !d.clients.contains(&subject.id) {
        return Outcome::Absent;
    }
    // R-AUTO-9, R-VERSION-3: deleted → as if it never existed.
    if d.status == Status::Deleted {
        return Outcome::Absent;
    }
    // R-AUTO-10
    if d.specific_type == "client_relationship" {
        return Outcome::Absent;
    }
    // R-AUTO-1 and R-AUTO-5, which do not call for the info text (R-INFO-2).
    if d.group == DocumentGroup::Old || d.group == DocumentGroup::Phase1 {
        return Outcome::Absent;
    }
    if phase == Phase::One && d.group == DocumentGroup::JournalEntry {
        return Outcome::Absent;
    }
    // R-TASK-2: active for 15 years after the case closed.
    if let Some(closed) = k.closed {
        let end = NaiveDate::from_ymd_opt(closed.year() + 15, closed.month(), closed.day())
            .unwrap_or_else(|| NaiveDate::from_ymd_opt(closed.year() + 15, 3, 1).expect("date"));
        if today > end {
            return Outcome::Absent;
        }
    }
    let unit_is_shelter = d
        .service_unit
        .as_ref()
        .and_then(|u| a.service_units.iter().find(|s| &s.oid == u))
        .is_some_and(|u| u.kind == UnitKind::Shelter);
    let restricted = in_list(&d.social_services, "parentage_investigation")
        || in_list(&d.social_services, "paternity_investigation")
        || in_list(&d.social_services, "maternity_investigation")
        || ["parentage_investigation", "paternity_investigation", "maternity_investigation"].contains(&d.specific_type.as_str()) // R-AUTO-2
        || in_list(&d.social_services, "shelter_service")
        || ["shelter_advance_information", "shelter_initial_assessment", "shelter_plan"].contains(&d.specific_type.as_str())
        || unit_is_shelter // R-AUTO-3
        || ["ipv_risk_assessment", "safety_plan", "harassment_stalking_risk_assessment", "ipv_experience_assessment"].contains(&d.specific_type.as_str()) // R-AUTO-4
        || d.specific_type == "payment_commitment_income_support" // R-AUTO-8
        || (phase == Phase::One && d.clients.len() > 1) // R-AUTO-6
        || (phase == Phase::One && in_list(&d.social_services, "adoption_counselling")) // R-AUTO-7
        || d.delay_until.is_some_and(|x| x > today) // R-DELAY-1
        || k.delay_until.is_some_and(|x| x > today) // R-DELAY-2
        || d.special_content // R-SPECIAL-1
        || k.special_content; // R-SPECIAL-2
    if restricted {
        return Outcome::Restricted;
    }
    // Codes 2 and 4 of table 5.4.1, compared as the numbers the file carries.
    let code_withholds = |c: Option<GuardianDisclosure>| matches!(c.map(u8::from), Some(2 | 4));
    let withheld = code_withholds(d.guardian_disclosure) || code_withholds(k.guardian_disclosure);
    if guardian && !d.clients.iter().any(|c| c == viewer) {
        if d.clients.len() > 1 {
            return Outcome::Restricted; // R-GUARD-13
        }
        if withheld {
            return Outcome::Restricted; // R-GUARD-10/11
        }
    }
    // R-DELAY-3, R-SPECIAL-3
    let mut shown = Vec::new();
    let mut dropped = false;
    for at in &d.attachments {
        if at.special_content || at.delay_until.is_some_and(|x| x > today) {
            dropped = true;
        } else {
            shown.push(at.id.clone());
        }
    }
    Outcome::Shown(shown, dropped)
}

/// The model's answer for `viewer` looking at `subject`'s records.
pub fn expected(
    a: &Archive,
    viewer: &str,
    subject: &str,
    today: NaiveDate,
    phase: Phase,
) -> Expected {
    let s = person(a, subject);
    let guardian = viewer != subject;
    let mut out = Expected::default();
    let mut ids: Vec<&str> = a.documents.iter().map(|d| d.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        match judge(a, viewer, s, guardian, today, phase, id) {
            Outcome::Absent => {}
            Outcome::Restricted => out.info_text = true,
            Outcome::Shown(atts, dropped) => {
                out.info_text |= dropped;
                out.documents.insert(id.to_string(), atts);
            }
        }
    }
    // R-FRONT-4..6, R-SPECIAL-4: the newest version of each relationship.
    let mut rel_ids: Vec<&str> = a
        .client_relationships
        .iter()
        .filter(|r| r.client == subject)
        .map(|r| r.id.as_str())
        .collect();
    rel_ids.sort_unstable();
    rel_ids.dedup();
    for id in rel_ids {
        let r = a
            .client_relationships
            .iter()
            .filter(|r| r.id == id)
            .max_by_key(|r| r.version)
            .expect("relationship");
        if String::from(r.schema_version).as_str() < "2019-06" || r.special_content {
            continue;
        }
        let contact = r
            .responsible_workers
            .iter()
            .max_by_key(|w| w.since)
            .map(|w| w.name.clone());
        out.relationships
            .push((r.register_keeper.clone(), r.started, contact));
    }
    out.relationships.sort();
    out
}

/// Newest first: the order of the front page and the default task view.
pub fn newest_first(a: &Archive, ids: &mut [String]) {
    ids.sort_by(|x, y| {
        let (dx, dy) = (newest_doc(a, x), newest_doc(a, y));
        (dy.created, dy.stored_at, &dy.id).cmp(&(dx.created, dx.stored_at, &dx.id))
    });
}

pub fn doc<'a>(a: &'a Archive, id: &str) -> &'a Document {
    newest_doc(a, id)
}
