//! The visibility policy: which documents of a subject a viewer may see.
//!
//! Read this next to `server/docs/visibility-rules.md`: every check cites the
//! rule id it implements. The module is pure — no I/O, no clock, no database —
//! so every decision is a function of its arguments and can be tested alone.
//! Whatever this module hides never leaves the server: callers build the
//! browser's data only from documents for which [`decide`] says [`Verdict::Shown`].

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};

use crate::archive::format::{
    Attachment, Case, ClientRelationship, CustodyAgreement, Disclosure, Document, DocumentGroup,
    GuardianDisclosure, GuardianRole, Guardianship, Person, ResponsibleWorker, ServiceUnit, Status,
    UnitKind,
};
use crate::clock::finnish_date;

#[cfg(test)]
mod tests;

/// The MittKanta rollout phase (setting `phase`, default 1, the stricter:
/// the handbook describes phase 1 as the state in force, L7788–7875).
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

/// One attachment that may be shown, with its notices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShownAttachment {
    /// Index into `doc.attachments`.
    pub index: usize,
    /// R-DELAY-4: the attachment's own delay has ended.
    pub delay_ended: bool,
    /// R-TASK-6, R-GUARD-10: a minor's own attachment that their guardians do not see.
    pub withheld_from_guardians: bool,
}

/// What the viewer may know about a shown document beyond its own fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The attachments that may be shown, in the document's order.
    pub attachments: Vec<ShownAttachment>,
    /// Attachments withheld by any rule: the count leaves them out (R-TASK-5).
    pub withheld_attachments: usize,
    /// Of those, the ones withheld by their own delay or special content
    /// (R-DELAY-3, R-SPECIAL-3), which call for the information text (R-INFO-1);
    /// a guardian code on an attachment does not (R-INFO-4).
    pub restricted_attachments: usize,
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
    /// R-SHARED-3: the case's membership record says the subject was not a
    /// client of the case when the document was drawn up.
    NotMemberWhenDrawnUp,
    /// R-AUTO-9, R-VERSION-2/3: the newest version is deleted (annulled).
    Annulled,
    /// R-AUTO-9: the newest version of the document's case is annulled.
    CaseAnnulled,
    /// R-AUTO-10: the client-relationship document is not listed.
    ClientRelationshipDocument,
    /// R-AUTO-1: old or phase-1 client document.
    OldOrPhase1Group,
    /// R-AUTO-5: journal entries in phase 1.
    JournalEntryInPhase1,
    /// R-TASK-2: the case was closed more than 17 years ago.
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
            Hidden::NotMemberWhenDrawnUp => "R-SHARED-3",
            Hidden::Annulled | Hidden::CaseAnnulled => "R-AUTO-9",
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

    /// R-INFO-1/2/4: does withholding this document call for the information text?
    /// Pre-restrictions (section 5) and workers' restrictions (sections 6–7) do;
    /// old and phase-1 documents and phase-1 journal entries do not (R-INFO-2).
    /// Documents that are not the subject's (R-SHARED-2/3), annulled ones (they
    /// count as never having existed, R-VERSION-3), the client-relationship
    /// document (its data is shown, R-AUTO-10) and the end of the active period
    /// are not restrictions. Restrictions for guardians only do not call for it
    /// in a guardian's view (R-INFO-4); they hide nothing in any other view.
    pub fn calls_for_info_text(self) -> bool {
        !matches!(
            self,
            Hidden::NotClient
                | Hidden::NotMemberWhenDrawnUp
                | Hidden::Annulled
                | Hidden::CaseAnnulled
                | Hidden::ClientRelationshipDocument
                | Hidden::OldOrPhase1Group
                | Hidden::JournalEntryInPhase1
                | Hidden::ActivePeriodOver
                | Hidden::WithheldFromGuardians
                | Hidden::GuardianNotClientOfSharedCase
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
    /// R-AUTO-4: the social service "prevention of intimate-partner and family violence".
    pub const VIOLENCE_PREVENTION: &str = "violence_prevention";
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

/// `years` after `date` by the calendar. A 29 February lands on 28 February
/// in a common year: where the month has no such day, the day is the last day
/// of the month (Act on the Calculation of Age 234/1930, §1; R-GUARD-1).
pub fn years_after(date: NaiveDate, years: i32) -> NaiveDate {
    let year = date.year().saturating_add(years);
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), 28))
        .unwrap_or(NaiveDate::MAX)
}

/// The day a person turns 18 (R-GUARD-1; 29 February → 28 February).
pub fn eighteenth_birthday(birth: NaiveDate) -> NaiveDate {
    years_after(birth, 18)
}

/// R-GUARD-1: under 18 on the given day.
pub fn is_minor_on(birth_date: NaiveDate, day: NaiveDate) -> bool {
    day < eighteenth_birthday(birth_date)
}

/// R-TASK-2: the active-use period is 15 years counted from 2 years after the
/// case was closed (L7725–7727, §11.3.1 L29193–29195): the last day on which a
/// document of a closed case is shown is 17 years after the closing date.
pub const ACTIVE_PERIOD_YEARS: i32 = 17;

/// R-TASK-2: a case closed on `closed` is past its active period on `today`.
fn active_period_over(case: &Case, today: NaiveDate) -> bool {
    case.closed
        .is_some_and(|closed| today > years_after(closed, ACTIVE_PERIOD_YEARS))
}

/// The Finnish calendar date of an instant in the file.
fn date_of(t: DateTime<FixedOffset>) -> NaiveDate {
    finnish_date(t.with_timezone(&Utc))
}

/// R-SHARED-3: was `person` a client of the case on `day`, by the case's
/// membership record? A document belongs to the parties of the case at the
/// time it is drawn up (L16814–16818; a removed person does not see what arose
/// after the removal, L16919–16921), so the test day is the day the document
/// was drawn up (`created`), not when it reached the archive. A join or
/// removal on that very day counts as a member (the document's own client
/// list decides); no entry at all means not a member (fail closed).
pub fn member_on(case: &Case, person: &str, day: NaiveDate) -> bool {
    case.clients.iter().any(|m| {
        m.person == person
            && date_of(m.joined) <= day
            && m.removed.is_none_or(|r| date_of(r) >= day)
    })
}

/// R-SHARED-2/3: the document is `person`'s: it names them, and the case's
/// membership record agrees that they were a client when it was drawn up.
fn belongs_to(doc: &Document, case: &Case, person: &str) -> bool {
    doc.clients.iter().any(|c| c == person) && member_on(case, person, doc.created)
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
    // R-SHARED-3: …and the case's membership record must agree (defence in depth).
    if !member_on(case, &view.subject.id, doc.created) {
        return Verdict::Hidden(Hidden::NotMemberWhenDrawnUp);
    }
    // R-AUTO-9, R-VERSION-2, R-VERSION-3: a deleted newest version hides the document…
    if doc.status == Status::Deleted {
        return Verdict::Hidden(Hidden::Annulled);
    }
    // …and so does an annulled case (R-AUTO-9).
    if case.status == Status::Deleted {
        return Verdict::Hidden(Hidden::CaseAnnulled);
    }
    // R-AUTO-10: the client-relationship document feeds the front page only.
    if doc.specific_type == codes::CLIENT_RELATIONSHIP {
        return Verdict::Hidden(Hidden::ClientRelationshipDocument);
    }
    // R-AUTO-1
    if matches!(doc.group, DocumentGroup::Old | DocumentGroup::Phase1) {
        return Verdict::Hidden(Hidden::OldOrPhase1Group);
    }
    // R-TASK-2
    if active_period_over(case, view.today) {
        return Verdict::Hidden(Hidden::ActivePeriodOver);
    }
    let shared = is_shared(doc);
    // R-GUARD-10, R-GUARD-11
    let withheld_from_guardians = withholds_from_guardians(doc.guardian_disclosure)
        || withholds_from_guardians(case.guardian_disclosure);
    // R-GUARD-13: a document of a case the guardian shares with the child is the
    // guardian's own too (L8788–8792), so guardian restrictions do not hide it.
    let guardian_is_client = view.role == Role::Guardian && belongs_to(doc, case, view.viewer_id);
    // R-INFO-4: restrictions for guardians only are checked before every
    // restriction that calls for the information text. A document this
    // guardian may never see must not turn the text on while it is also
    // delayed (or otherwise restricted) and off when the delay ends: the
    // change would tell the guardian that something is withheld from them.
    if view.role == Role::Guardian && !guardian_is_client {
        if shared {
            return Verdict::Hidden(Hidden::GuardianNotClientOfSharedCase);
        }
        if withheld_from_guardians {
            return Verdict::Hidden(Hidden::WithheldFromGuardians);
        }
    }
    // R-AUTO-5, R-INFO-6: a phase-1 journal entry is never shown; a worker's
    // own restriction on it (delay or special content, the document's or its
    // case's) still calls for the information text (L7668–7676). After the
    // guardian-only checks, for the reason given above (R-INFO-4).
    if view.phase == Phase::One && doc.group == DocumentGroup::JournalEntry {
        if effective_delay(doc, case).is_some_and(|d| d > view.today) {
            return Verdict::Hidden(Hidden::Delayed);
        }
        if doc.special_content || case.special_content {
            return Verdict::Hidden(Hidden::SpecialContent);
        }
        return Verdict::Hidden(Hidden::JournalEntryInPhase1);
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
    // R-AUTO-4: by social service or by specific type.
    if has(&doc.social_services, codes::VIOLENCE_PREVENTION)
        || codes::VIOLENCE_TYPES.contains(&doc.specific_type.as_str())
    {
        return Verdict::Hidden(Hidden::ViolencePrevention);
    }
    // R-AUTO-8
    if doc.specific_type == codes::INCOME_SUPPORT_COMMITMENT {
        return Verdict::Hidden(Hidden::IncomeSupportPaymentCommitment);
    }
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
    // R-DELAY-4: "the delay has ended" only of a document that was withheld:
    // its delay date was later than the day it reached the archive.
    let stored = date_of(doc.stored_at);
    let was_withheld = |until: Option<NaiveDate>| until.is_some_and(|d| d > stored);
    // R-TASK-6, R-GUARD-14: only a minor reading their own records is told.
    let minor_own = view.role == Role::Own && is_minor_on(view.subject.birth_date, view.today);
    // R-DELAY-3, R-SPECIAL-3, R-GUARD-10: attachments withheld on their own.
    let mut attachments = Vec::new();
    let mut restricted_attachments = 0;
    for (index, a) in doc.attachments.iter().enumerate() {
        // R-GUARD-10 first, for the reason given above (R-INFO-4).
        let guardian_code = withholds_from_guardians(a.guardian_disclosure);
        if view.role == Role::Guardian && !guardian_is_client && guardian_code {
            continue;
        }
        if attachment_restricted(a, view.today) {
            restricted_attachments += 1;
            continue;
        }
        attachments.push(ShownAttachment {
            index,
            // R-DELAY-4 (L8308–8314): the attachment's own delay has ended.
            delay_ended: was_withheld(a.delay_until),
            withheld_from_guardians: minor_own && guardian_code,
        });
    }
    Verdict::Shown(Shown {
        withheld_attachments: doc.attachments.len().saturating_sub(attachments.len()),
        restricted_attachments,
        attachments,
        // R-DELAY-4
        delay_ended: was_withheld(delay),
        shared,
        withheld_from_guardians: minor_own && withheld_from_guardians,
    })
}

/// R-DELAY-3, R-SPECIAL-3: an attachment's own delay or special content.
fn attachment_restricted(a: &Attachment, today: NaiveDate) -> bool {
    a.special_content || a.delay_until.is_some_and(|d| d > today)
}

/// R-INFO-1..4: the information text is shown when any withheld document,
/// attachment or client-relationship document was withheld by a restriction
/// that calls for it.
pub fn info_text_needed<'a>(
    hidden: impl IntoIterator<Item = &'a Hidden>,
    restricted_attachments: usize,
    relationships_restricted: bool,
) -> bool {
    restricted_attachments > 0
        || relationships_restricted
        || hidden.into_iter().any(|h| h.calls_for_info_text())
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

/// The front page's client-relationship data for one view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Relationships<'a> {
    pub cards: Vec<RelationshipCard<'a>>,
    /// R-INFO-3: a usable relationship document was withheld by special
    /// content or a delay, which calls for the information text.
    pub restricted: bool,
}

/// Why a client-relationship document does not feed the front page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unused {
    /// R-FRONT-6: annulled, the "old client relationship", or an older schema —
    /// never used, and no reason for the information text (R-INFO-2).
    Never,
    /// R-FRONT-7, R-SPECIAL-4: special content or a delay that has not ended.
    Restricted,
    /// R-FRONT-7: guardian code 2 or 4 in a guardian's view (R-INFO-4: no text).
    ForGuardians,
}

fn relationship_unused(view: &View<'_>, r: &ClientRelationship) -> Option<Unused> {
    // R-FRONT-6, R-VERSION-3
    if r.status == Status::Deleted
        || r.old
        || r.schema_version < codes::OLDEST_USABLE_RELATIONSHIP_SCHEMA
    {
        return Some(Unused::Never);
    }
    // R-FRONT-7, R-GUARD-10; before the restrictions that call for the
    // information text (R-INFO-4, as in `decide`).
    if view.role == Role::Guardian && withholds_from_guardians(r.guardian_disclosure) {
        return Some(Unused::ForGuardians);
    }
    // R-FRONT-7, R-SPECIAL-4
    if r.special_content || r.delay_until.is_some_and(|d| d > view.today) {
        return Some(Unused::Restricted);
    }
    None
}

/// R-FRONT-4..7, R-SPECIAL-4, R-INFO-3: which client relationships feed the
/// front page. `relationships` are the newest versions of the subject's.
pub fn relationship_cards<'a>(
    view: &View<'_>,
    relationships: impl IntoIterator<Item = &'a ClientRelationship>,
) -> Relationships<'a> {
    let mut out = Relationships::default();
    for r in relationships {
        match relationship_unused(view, r) {
            None => out.cards.push(RelationshipCard {
                relationship: r,
                contact: r.responsible_workers.iter().max_by_key(|w| w.since),
            }),
            Some(Unused::Restricted) => out.restricted = true,
            Some(Unused::Never | Unused::ForGuardians) => {}
        }
    }
    out
}

/// R-DISC-1..3: the disclosure-log entries a viewer may see: those of the
/// subject's data whose document the viewer may see (`shown`). A disclosure of
/// a hidden document would reveal the document (R-DISC-3). What is shown of an
/// entry is its time, recipient and data — never the professional (R-DISC-2).
pub fn visible_disclosures<'a>(
    subject: &str,
    disclosures: &'a [Disclosure],
    shown: impl Fn(&str) -> bool,
) -> Vec<&'a Disclosure> {
    disclosures
        .iter()
        .filter(|d| d.client == subject && shown(&d.document))
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
    /// R-GUARD-9: an information right that does not cover social-welfare matters.
    RightDoesNotCoverSocialWelfare,
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
    // R-GUARD-9: an information right that does not cover social-welfare matters.
    if link.role == GuardianRole::InformationRight && !link.covers_social_welfare {
        return Err(Refusal::RightDoesNotCoverSocialWelfare);
    }
    // R-GUARD-2, R-GUARD-7 (a whereabouts decision blocks only through a protection order).
    if child.protection_order {
        return Err(Refusal::ChildProtectionOrder);
    }
    // R-GUARD-3 (L8744–8750, L34527–34529): another guardian's protection order
    // blocks; the viewer's own does not; with both, neither can act. For an
    // information-right holder any guardian's order blocks (interpretation).
    if custody
        .iter()
        .any(|(g, p)| g.role == GuardianRole::Guardian && p.protection_order && p.id != viewer.id)
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
