//! The visibility policy: which documents of a subject a viewer may see.
//!
//! Read this next to `shared/spec/visibility-rules.md`: every check cites the
//! rule id it implements. The module is pure — no I/O, no clock, no database —
//! so every decision is a function of its arguments and can be tested alone.
//! Whatever this module hides never leaves the server: callers build the
//! browser's data only from documents for which [`decide`] says [`Verdict::Shown`].

use chrono::{Datelike, NaiveDate};

use crate::archive::format::{
    Case, ClientRelationship, CustodyAgreement, Document, DocumentGroup, GuardianDisclosure,
    GuardianRole, Guardianship, Person, ResponsibleWorker, ServiceUnit, Status, UnitKind,
};

#[cfg(test)]
mod tests;

/// The MittKanta rollout phase (setting `phase`, default 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    One,
    Two,
}

/// How the viewer relates to the subject whose records are on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The viewer reads their own records (adult or minor, R-SCOPE-3, R-PROT-1).
    Own,
    /// A guardian, or an information-right holder (R-GUARD-9: the same rights).
    Guardian,
}

/// Everything about the viewing situation that a decision depends on.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub viewer_id: &'a str,
    pub subject: &'a Person,
    pub role: Role,
    pub today: NaiveDate,
    pub phase: Phase,
}

/// One document as the archive returns it: its newest version, the newest
/// version of its case, and its service unit.
#[derive(Debug, Clone, Copy)]
pub struct DocFacts<'a> {
    pub doc: &'a Document,
    pub case: &'a Case,
    pub unit: Option<&'a ServiceUnit>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Shown(Shown),
    Hidden(Hidden),
}

/// What the viewer may know about a shown document beyond its own fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// Indexes into `doc.attachments` of the attachments that may be shown.
    pub attachments: Vec<usize>,
    /// Attachments withheld by their own delay or special content (R-DELAY-3, R-SPECIAL-3).
    pub withheld_attachments: usize,
    /// R-DELAY-4: the document had a delay that has ended.
    pub delay_ended: bool,
    /// R-TASK-7 / R-SHARED-1: drawn up jointly for several clients.
    pub shared: bool,
    /// R-TASK-6 / R-GUARD-14: a minor's own document that their guardians do not see.
    pub withheld_from_guardians: bool,
}

/// Why a document is not shown. The first rule that applies is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// R-SHARED-2: the subject is not among the document's clients.
    NotClient,
    /// R-AUTO-9, R-VERSION-2/3: the newest version is deleted (annulled).
    Annulled,
    /// R-AUTO-10: the client-relationship document is not listed.
    ClientRelationshipDocument,
    /// R-AUTO-1: old or phase-1 client document.
    OldOrPhase1Group,
    /// R-AUTO-5: journal entries in phase 1.
    JournalEntryInPhase1,
    /// R-TASK-2: the case was closed more than 15 years ago.
    ActivePeriodOver,
    /// R-AUTO-2: parentage investigation.
    ParentageInvestigation,
    /// R-AUTO-3: shelter services.
    ShelterService,
    /// R-AUTO-4: prevention of intimate-partner and family violence.
    ViolencePrevention,
    /// R-AUTO-8: payment commitment for supplementary or preventive income support.
    IncomeSupportPaymentCommitment,
    /// R-AUTO-6: a shared case's document in phase 1.
    SharedCaseInPhase1,
    /// R-AUTO-7: adoption counselling in phase 1.
    AdoptionCounsellingInPhase1,
    /// R-DELAY-1/2: the delayed-display date (document or case) is in the future.
    Delayed,
    /// R-SPECIAL-1/2: special content on the document or its case.
    SpecialContent,
    /// R-GUARD-10/11: guardian disclosure code 2 or 4 (document or case).
    WithheldFromGuardians,
    /// R-GUARD-13: the child's shared-case document of which the guardian is not a client.
    GuardianNotClientOfSharedCase,
}

impl Hidden {
    /// The rule id in `visibility-rules.md`.
    pub fn rule(self) -> &'static str {
        match self {
            Hidden::NotClient => "R-SHARED-2",
            Hidden::Annulled => "R-AUTO-9",
            Hidden::ClientRelationshipDocument => "R-AUTO-10",
            Hidden::OldOrPhase1Group => "R-AUTO-1",
            Hidden::JournalEntryInPhase1 => "R-AUTO-5",
            Hidden::ActivePeriodOver => "R-TASK-2",
            Hidden::ParentageInvestigation => "R-AUTO-2",
            Hidden::ShelterService => "R-AUTO-3",
            Hidden::ViolencePrevention => "R-AUTO-4",
            Hidden::IncomeSupportPaymentCommitment => "R-AUTO-8",
            Hidden::SharedCaseInPhase1 => "R-AUTO-6",
            Hidden::AdoptionCounsellingInPhase1 => "R-AUTO-7",
            Hidden::Delayed => "R-DELAY-1",
            Hidden::SpecialContent => "R-SPECIAL-1",
            Hidden::WithheldFromGuardians => "R-GUARD-10",
            Hidden::GuardianNotClientOfSharedCase => "R-GUARD-13",
        }
    }

    /// R-INFO-1/2: does withholding this document call for the information text?
    /// Pre-restrictions (section 5) and workers' restrictions (sections 6–8) do;
    /// old and phase-1 documents and phase-1 journal entries do not (R-INFO-2).
    /// Documents that are not the subject's, annulled ones (they count as never
    /// having existed, R-VERSION-3), the client-relationship document (its data
    /// is shown, R-AUTO-10) and the end of the active period are not restrictions.
    pub fn calls_for_info_text(self) -> bool {
        !matches!(
            self,
            Hidden::NotClient
                | Hidden::Annulled
                | Hidden::ClientRelationshipDocument
                | Hidden::OldOrPhase1Group
                | Hidden::JournalEntryInPhase1
                | Hidden::ActivePeriodOver
        )
    }
}

/// Codes named by the rules (archive-format.md, "Codes").
pub mod codes {
    pub const PARENTAGE: [&str; 3] = [
        "parentage_investigation",
        "paternity_investigation",
        "maternity_investigation",
    ];
    pub const SHELTER_SERVICE: &str = "shelter_service";
    pub const SHELTER_TYPES: [&str; 3] = [
        "shelter_advance_information",
        "shelter_initial_assessment",
        "shelter_plan",
    ];
    pub const VIOLENCE_TYPES: [&str; 4] = [
        "ipv_risk_assessment",
        "safety_plan",
        "harassment_stalking_risk_assessment",
        "ipv_experience_assessment",
    ];
    pub const ADOPTION_COUNSELLING: &str = "adoption_counselling";
    pub const INCOME_SUPPORT_COMMITMENT: &str = "payment_commitment_income_support";
    pub const CLIENT_RELATIONSHIP: &str = "client_relationship";
    /// R-FRONT-6: client-relationship documents of an older schema are never used.
    pub const OLDEST_USABLE_RELATIONSHIP_SCHEMA: crate::archive::format::SchemaVersion =
        crate::archive::format::SchemaVersion::new(2019, 6);
    /// A signature with this method is a system signature (R-SIGN-1).
    pub const SYSTEM_SIGNATURE: &str = "system";
}

/// R-GUARD-10: codes 2 and 4 withhold a document from every guardian.
fn withholds_from_guardians(code: Option<GuardianDisclosure>) -> bool {
    code.is_some_and(GuardianDisclosure::withholds_from_guardians)
}

/// R-SHARED-1, R-AUTO-6: a document with more than one client belongs to a shared case.
pub fn is_shared(doc: &Document) -> bool {
    doc.clients.len() > 1
}

/// The day a person turns 18. Someone born on 29 February comes of age on
/// 1 March in a year that has no 29 February.
pub fn eighteenth_birthday(birth: NaiveDate) -> NaiveDate {
    let year = birth.year() + 18;
    NaiveDate::from_ymd_opt(year, birth.month(), birth.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
        .unwrap_or(NaiveDate::MAX)
}

/// R-GUARD-1: under 18 on the given day.
pub fn is_minor_on(birth_date: NaiveDate, day: NaiveDate) -> bool {
    day < eighteenth_birthday(birth_date)
}

/// R-TASK-2: the active-use period ends 15 years after the case was closed.
fn active_period_over(case: &Case, today: NaiveDate) -> bool {
    match case.closed {
        None => false,
        Some(closed) => {
            let end = closed
                .with_year(closed.year() + 15)
                .or_else(|| NaiveDate::from_ymd_opt(closed.year() + 15, 3, 1))
                .unwrap_or(NaiveDate::MAX);
            today > end
        }
    }
}

/// R-DELAY-2: the effective delay is the later of the document's and the case's.
pub fn effective_delay(doc: &Document, case: &Case) -> Option<NaiveDate> {
    doc.delay_until.max(case.delay_until)
}

/// Decide whether `view` may see the document. The checks run in the order of
/// the rules file; the first that hides the document is reported.
pub fn decide(view: &View<'_>, facts: &DocFacts<'_>) -> Verdict {
    let DocFacts { doc, case, unit } = *facts;
    let has = |list: &[String], code: &str| list.iter().any(|c| c == code);

    // R-SHARED-2: the document belongs to the clients it records (its newest version).
    if !doc.clients.iter().any(|c| c == &view.subject.id) {
        return Verdict::Hidden(Hidden::NotClient);
    }
    // R-AUTO-9, R-VERSION-2, R-VERSION-3: a deleted newest version hides the document.
    if doc.status == Status::Deleted {
        return Verdict::Hidden(Hidden::Annulled);
    }
    // R-AUTO-10: the client-relationship document feeds the front page only.
    if doc.specific_type == codes::CLIENT_RELATIONSHIP {
        return Verdict::Hidden(Hidden::ClientRelationshipDocument);
    }
    // R-AUTO-1
    if matches!(doc.group, DocumentGroup::Old | DocumentGroup::Phase1) {
        return Verdict::Hidden(Hidden::OldOrPhase1Group);
    }
    // R-AUTO-5
    if view.phase == Phase::One && doc.group == DocumentGroup::JournalEntry {
        return Verdict::Hidden(Hidden::JournalEntryInPhase1);
    }
    // R-TASK-2
    if active_period_over(case, view.today) {
        return Verdict::Hidden(Hidden::ActivePeriodOver);
    }
    // R-AUTO-2: by social service or by a specific type of parentage investigation.
    if codes::PARENTAGE
        .iter()
        .any(|c| has(&doc.social_services, c) || doc.specific_type == *c)
    {
        return Verdict::Hidden(Hidden::ParentageInvestigation);
    }
    // R-AUTO-3: by social service, by specific type, or by a shelter service unit.
    if has(&doc.social_services, codes::SHELTER_SERVICE)
        || codes::SHELTER_TYPES.contains(&doc.specific_type.as_str())
        || unit.is_some_and(|u| u.kind == UnitKind::Shelter)
    {
        return Verdict::Hidden(Hidden::ShelterService);
    }
    // R-AUTO-4
    if codes::VIOLENCE_TYPES.contains(&doc.specific_type.as_str()) {
        return Verdict::Hidden(Hidden::ViolencePrevention);
    }
    // R-AUTO-8
    if doc.specific_type == codes::INCOME_SUPPORT_COMMITMENT {
        return Verdict::Hidden(Hidden::IncomeSupportPaymentCommitment);
    }
    let shared = is_shared(doc);
    // R-AUTO-6
    if view.phase == Phase::One && shared {
        return Verdict::Hidden(Hidden::SharedCaseInPhase1);
    }
    // R-AUTO-7 (from phase 2 such documents are restricted by delay, case by case).
    if view.phase == Phase::One && has(&doc.social_services, codes::ADOPTION_COUNSELLING) {
        return Verdict::Hidden(Hidden::AdoptionCounsellingInPhase1);
    }
    // R-DELAY-1, R-DELAY-2 (R-DELAY-6: the newest version's date is the one given here).
    let delay = effective_delay(doc, case);
    if delay.is_some_and(|d| d > view.today) {
        return Verdict::Hidden(Hidden::Delayed);
    }
    // R-SPECIAL-1, R-SPECIAL-2 (R-SPECIAL-5: the document's own flag stands alone).
    if doc.special_content || case.special_content {
        return Verdict::Hidden(Hidden::SpecialContent);
    }
    // R-GUARD-10, R-GUARD-11
    let withheld_from_guardians = withholds_from_guardians(doc.guardian_disclosure)
        || withholds_from_guardians(case.guardian_disclosure);
    if view.role == Role::Guardian {
        // R-GUARD-13: a shared-case document is the guardian's only if the guardian is its client.
        let guardian_is_client = doc.clients.iter().any(|c| c == view.viewer_id);
        if shared && !guardian_is_client {
            return Verdict::Hidden(Hidden::GuardianNotClientOfSharedCase);
        }
        if withheld_from_guardians && !guardian_is_client {
            return Verdict::Hidden(Hidden::WithheldFromGuardians);
        }
    }
    // R-DELAY-3, R-SPECIAL-3: attachments withheld on their own.
    let attachments: Vec<usize> = doc
        .attachments
        .iter()
        .enumerate()
        .filter(|(_, a)| !a.special_content && a.delay_until.is_none_or(|d| d <= view.today))
        .map(|(i, _)| i)
        .collect();
    Verdict::Shown(Shown {
        withheld_attachments: doc.attachments.len().saturating_sub(attachments.len()),
        attachments,
        // R-DELAY-4
        delay_ended: delay.is_some(),
        shared,
        // R-TASK-6, R-GUARD-14: only a minor reading their own records is told.
        withheld_from_guardians: view.role == Role::Own
            && withheld_from_guardians
            && is_minor_on(view.subject.birth_date, view.today),
    })
}

/// R-INFO-1/2: the information text is shown when any withheld document (or
/// attachment) was withheld by a restriction that calls for it.
pub fn info_text_needed<'a>(
    hidden: impl IntoIterator<Item = &'a Hidden>,
    withheld_attachments: usize,
) -> bool {
    withheld_attachments > 0 || hidden.into_iter().any(|h| h.calls_for_info_text())
}

/// R-AUTO-9, R-DELAY-6, R-VERSION-1: of several versions of one record, the
/// highest version number is the record.
pub fn newest<'a, T>(
    versions: impl IntoIterator<Item = &'a T>,
    version: impl Fn(&T) -> u32,
) -> Option<&'a T>
where
    T: 'a,
{
    versions.into_iter().max_by_key(|v| version(v))
}

/// The front-page data of one client relationship (R-FRONT-4/5).
#[derive(Debug, Clone, PartialEq)]
pub struct RelationshipCard<'a> {
    pub relationship: &'a ClientRelationship,
    /// R-FRONT-5: the newest responsible worker.
    pub contact: Option<&'a ResponsibleWorker>,
}

/// R-FRONT-4..6, R-SPECIAL-4: which client relationships feed the front page.
/// `relationships` are the newest versions of the subject's relationships.
pub fn relationship_cards<'a>(
    relationships: impl IntoIterator<Item = &'a ClientRelationship>,
) -> Vec<RelationshipCard<'a>> {
    relationships
        .into_iter()
        // R-FRONT-6: older schemas are never used.
        .filter(|r| r.schema_version >= codes::OLDEST_USABLE_RELATIONSHIP_SCHEMA)
        // R-FRONT-6, R-SPECIAL-4: special content hides all of it.
        .filter(|r| !r.special_content)
        .map(|r| RelationshipCard {
            relationship: r,
            contact: r.responsible_workers.iter().max_by_key(|w| w.since),
        })
        .collect()
}

/// Why a viewer may not act for a child (R-GUARD-1..7). The portal answers
/// every refusal alike, as for a child that does not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// R-GUARD-1: not recorded as guardian or information-right holder.
    NotGuardian,
    /// R-GUARD-1: the child is 18 or older on the day of viewing.
    NotMinor,
    /// R-GUARD-2
    ChildProtectionOrder,
    /// R-GUARD-3
    GuardianProtectionOrder,
    /// R-GUARD-4
    IncompetentOrTrustee,
    /// R-GUARD-5: a custody agreement recorded in unstructured form.
    UnstructuredAgreement,
}

/// May `viewer` act for `child` on `today`? `custody` lists every recorded
/// guardian and information-right holder of the child, with the person.
pub fn may_act_for(
    viewer: &Person,
    child: &Person,
    custody: &[(&Guardianship, &Person)],
    today: NaiveDate,
) -> Result<Role, Refusal> {
    // R-GUARD-1 (R-GUARD-9: an information-right holder acts as a guardian does).
    let Some((link, _)) = custody
        .iter()
        .find(|(g, _)| g.guardian == viewer.id && g.child == child.id)
    else {
        return Err(Refusal::NotGuardian);
    };
    if !is_minor_on(child.birth_date, today) {
        return Err(Refusal::NotMinor);
    }
    // R-GUARD-2, R-GUARD-7 (a whereabouts decision blocks only through a protection order).
    if child.protection_order {
        return Err(Refusal::ChildProtectionOrder);
    }
    // R-GUARD-3: an order on any guardian blocks every guardian, including its holder.
    if viewer.protection_order
        || custody
            .iter()
            .any(|(g, p)| g.role == GuardianRole::Guardian && p.protection_order)
    {
        return Err(Refusal::GuardianProtectionOrder);
    }
    // R-GUARD-4 (R-GUARD-6: a trustee for the child, care, or a minor guardian do not block).
    if viewer.declared_incompetent || viewer.has_trustee {
        return Err(Refusal::IncompetentOrTrustee);
    }
    // R-GUARD-5: residence-only and no-social-welfare-decisions agreements do not block.
    if link.custody_agreement == CustodyAgreement::Unstructured {
        return Err(Refusal::UnstructuredAgreement);
    }
    Ok(Role::Guardian)
}
