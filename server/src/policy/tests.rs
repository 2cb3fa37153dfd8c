//! One test per rule id (visibility-rules.md), named after it. Each builds
//! the smallest situation in which the rule decides, and checks both sides.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::*;
use crate::archive::format::*;

/// A guardian disclosure code as in the file (R-GUARD-10).
fn code(n: u8) -> GuardianDisclosure {
    GuardianDisclosure::try_from(n).unwrap()
}

/// The browser's view of a shown document.
fn view_of(x: &Document, s: &Shown) -> app::model::DocumentView {
    let organisations = std::collections::HashMap::new();
    crate::assemble::document_view(
        x,
        s,
        &[],
        &crate::assemble::Labels {
            previous_login: None,
            lang: app::i18n::Lang::Fi,
            organisations: &organisations,
        },
    )
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}
fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

const TODAY: &str = "2026-11-23";

fn person(id: &str, born: &str) -> Person {
    Person {
        id: id.into(),
        given_names: "Test".into(),
        surname: id.into(),
        birth_date: d(born),
        protection_order: false,
        declared_incompetent: false,
        has_trustee: false,
        language: Language::Fi,
    }
}

fn case() -> Case {
    Case {
        id: "case-1".into(),
        version: 1,
        register_keeper: "org".into(),
        service_task: "2016:26".into(),
        name: "Case".into(),
        status: Status::Active,
        opened: d("2024-01-01"),
        closed: None,
        // Every person the tests name as a document's client, a member from the start.
        clients: ["adult", "partner", "child", "dad", "mum", "young"]
            .iter()
            .map(|p| CaseClient {
                person: p.to_string(),
                joined: t("2024-01-01T00:00:00+02:00"),
                removed: None,
            })
            .collect(),
        shared: None,
        delay_until: None,
        special_content: false,
        guardian_disclosure: None,
        restriction_reasons: vec![],
        restriction_text: None,
    }
}

fn doc(clients: &[&str]) -> Document {
    Document {
        id: "doc-1".into(),
        version: 1,
        status: Status::Active,
        case: "case-1".into(),
        clients: clients.iter().map(|c| c.to_string()).collect(),
        group: DocumentGroup::Phase2,
        general_type: GeneralType::Decision,
        specific_type: "decision_on_service".into(),
        title: "Decision".into(),
        service_tasks: vec!["2016:26".into()],
        social_services: vec!["social_work".into()],
        service_unit: None,
        register_keeper: "org".into(),
        created: d("2025-01-10"),
        drawn_up: None,
        stored_at: t("2025-01-10T10:00:00+02:00"),
        author: None,
        signatures: vec![],
        correction: None,
        delay_until: None,
        special_content: false,
        restriction_reasons: vec![],
        restriction_text: None,
        guardian_disclosure: None,
        guardian_override_reasons: vec![],
        body: Body {
            xhtml: Some("<p>x</p>".into()),
            pdf_base64: None,
        },
        attachments: vec![],
        avain: None,
    }
}

/// An adult's document of the given specific type.
fn typed(specific_type: &str) -> Document {
    Document {
        specific_type: specific_type.into(),
        ..doc(&["adult"])
    }
}

fn attachment(id: &str) -> Attachment {
    Attachment {
        id: id.into(),
        title: id.into(),
        delay_until: None,
        special_content: false,
        guardian_disclosure: None,
        body: Body {
            xhtml: Some("<p>a</p>".into()),
            pdf_base64: None,
        },
    }
}

/// The indexes of the attachments that may be shown.
fn indexes(s: &Shown) -> Vec<usize> {
    s.attachments.iter().map(|a| a.index).collect()
}

struct World {
    subject: Person,
    viewer: String,
    role: Role,
    phase: Phase,
    today: NaiveDate,
}

impl World {
    fn own(subject: Person) -> Self {
        World {
            viewer: subject.id.clone(),
            subject,
            role: Role::Own,
            phase: Phase::Two,
            today: d(TODAY),
        }
    }
    fn guardian(viewer: &str, child: Person) -> Self {
        World {
            viewer: viewer.into(),
            subject: child,
            role: Role::Guardian,
            phase: Phase::Two,
            today: d(TODAY),
        }
    }
    fn phase1(mut self) -> Self {
        self.phase = Phase::One;
        self
    }
    fn on(mut self, day: &str) -> Self {
        self.today = d(day);
        self
    }
    fn decide(&self, doc: &Document, case: &Case, unit: Option<&ServiceUnit>) -> Verdict {
        let view = View {
            viewer_id: &self.viewer,
            subject: &self.subject,
            role: self.role,
            today: self.today,
            phase: self.phase,
        };
        decide(&view, &DocFacts { doc, case, unit })
    }
    fn shown(&self, doc: &Document, case: &Case) -> Shown {
        match self.decide(doc, case, None) {
            Verdict::Shown(s) => s,
            Verdict::Hidden(h) => panic!("expected shown, hidden by {}", h.rule()),
        }
    }
    fn view(&self) -> View<'_> {
        View {
            viewer_id: &self.viewer,
            subject: &self.subject,
            role: self.role,
            today: self.today,
            phase: self.phase,
        }
    }
    /// The front-page cards of one relationship (R-FRONT-4..7).
    fn cards<'a>(&self, rel: &'a ClientRelationship) -> Vec<RelationshipCard<'a>> {
        relationship_cards(&self.view(), [rel]).cards
    }
    fn hidden(&self, doc: &Document, case: &Case) -> Hidden {
        match self.decide(doc, case, None) {
            Verdict::Hidden(h) => h,
            Verdict::Shown(_) => panic!("expected hidden"),
        }
    }
}

fn adult() -> World {
    World::own(person("adult", "1980-05-05"))
}
fn child() -> Person {
    person("child", "2014-03-03")
}

// ---- Section 1 and 11: scope and roles

#[test]
fn r_scope_3_minor_sees_own_documents_whatever_the_age() {
    let small = person("child", "2022-01-01");
    let mut doc = doc(&["child"]);
    doc.guardian_disclosure = Some(code(1));
    World::own(small).shown(&doc, &case());
}

#[test]
fn r_prot_1_protection_order_does_not_hide_own_records() {
    let mut p = person("adult", "1980-05-05");
    p.protection_order = true;
    World::own(p).shown(&doc(&["adult"]), &case());
}

// ---- Section 4: information text

#[test]
fn r_info_1_restrictions_call_for_the_info_text() {
    for h in [
        Hidden::Delayed,
        Hidden::SpecialContent,
        Hidden::ShelterService,
        Hidden::ParentageInvestigation,
        Hidden::ViolencePrevention,
        Hidden::IncomeSupportPaymentCommitment,
        Hidden::SharedCaseInPhase1,
        Hidden::AdoptionCounsellingInPhase1,
    ] {
        assert!(info_text_needed(&[h], 0, false), "{}", h.rule());
    }
    assert!(
        info_text_needed(&[], 1, false),
        "a withheld attachment is a restriction"
    );
    // A violence-prevention document by social service, seen through the policy.
    let mut x = doc(&["adult"]);
    x.social_services = vec![codes::VIOLENCE_PREVENTION.into()];
    assert!(adult().hidden(&x, &case()).calls_for_info_text());
    assert!(!info_text_needed(&[], 0, false));
}

#[test]
fn r_info_2_old_phase1_and_journal_exclusions_do_not_call_for_the_info_text() {
    assert!(!info_text_needed(
        &[Hidden::OldOrPhase1Group, Hidden::JournalEntryInPhase1],
        0,
        false
    ));
    assert!(!info_text_needed(
        &[
            Hidden::Annulled,
            Hidden::NotClient,
            Hidden::ClientRelationshipDocument,
            Hidden::ActivePeriodOver
        ],
        0,
        false
    ));
}

#[test]
fn r_info_3_a_restricted_client_relationship_calls_for_the_info_text() {
    let mut rel = relationship("2023-01", vec![]);
    fn cards<'a>(w: &World, r: &'a ClientRelationship) -> Relationships<'a> {
        relationship_cards(&w.view(), [r])
    }
    assert!(!cards(&adult(), &rel).restricted);
    rel.special_content = true;
    assert!(cards(&adult(), &rel).restricted);
    assert!(info_text_needed(&[], 0, cards(&adult(), &rel).restricted));
    rel.special_content = false;
    rel.delay_until = Some(d("2027-01-01"));
    assert!(cards(&adult(), &rel).restricted);
    assert!(!cards(&adult().on("2027-01-01"), &rel).restricted);
    // Never-used relationships are not restrictions (R-INFO-2, R-FRONT-6).
    rel.old = true;
    assert!(!cards(&adult(), &rel).restricted);
}

#[test]
fn r_info_4_guardian_only_restrictions_do_not_call_for_the_info_text() {
    for h in [
        Hidden::WithheldFromGuardians,
        Hidden::GuardianNotClientOfSharedCase,
    ] {
        assert!(!info_text_needed(&[h], 0, false), "{}", h.rule());
    }
    let g = World::guardian("mum", child());
    // Code 2 on the document, on the case, on an attachment, on the relationship.
    let mut x = doc(&["child"]);
    x.guardian_disclosure = Some(code(2));
    assert!(!g.hidden(&x, &case()).calls_for_info_text());
    let mut k = case();
    k.guardian_disclosure = Some(code(4));
    assert!(!g.hidden(&doc(&["child"]), &k).calls_for_info_text());
    let mut y = doc(&["child"]);
    let mut a = attachment("private");
    a.guardian_disclosure = Some(code(2));
    y.attachments = vec![a];
    let s = g.shown(&y, &case());
    assert_eq!((s.withheld_attachments, s.restricted_attachments), (1, 0));
    let mut rel = relationship("2023-01", vec![]);
    rel.client = "child".into();
    rel.guardian_disclosure = Some(code(4));
    let r = relationship_cards(&g.view(), [&rel]);
    assert!(r.cards.is_empty() && !r.restricted);
}

#[test]
fn r_info_4_a_guardian_only_restriction_outranks_a_delay_so_the_text_does_not_flip() {
    // Delayed AND withheld from guardians: while the delay runs and after it
    // ends, the guardian's view says the same (no text), so the end of the
    // delay tells the guardian nothing.
    let g = World::guardian("mum", child());
    let mut x = doc(&["child"]);
    x.guardian_disclosure = Some(code(2));
    x.delay_until = Some(d("2099-01-01"));
    assert_eq!(g.hidden(&x, &case()), Hidden::WithheldFromGuardians);
    x.special_content = true;
    assert_eq!(g.hidden(&x, &case()), Hidden::WithheldFromGuardians);
    // A shared case the guardian is not in, delayed: R-GUARD-13 first.
    let mut y = doc(&["child", "dad"]);
    y.delay_until = Some(d("2099-01-01"));
    assert_eq!(g.hidden(&y, &case()), Hidden::GuardianNotClientOfSharedCase);
    // The child's own view still counts the delay (and calls for the text).
    let own = World::own(child());
    assert!(own.hidden(&x, &case()).calls_for_info_text());
    // An attachment with code 2 and a running delay: withheld, not restricted.
    let mut z = doc(&["child"]);
    let mut a = attachment("private");
    a.guardian_disclosure = Some(code(2));
    a.delay_until = Some(d("2099-01-01"));
    z.attachments = vec![a];
    let s = g.shown(&z, &case());
    assert_eq!((s.withheld_attachments, s.restricted_attachments), (1, 0));
    // A relationship document with code 4 and a running delay.
    let mut rel = relationship("2023-01", vec![]);
    rel.client = "child".into();
    rel.guardian_disclosure = Some(code(4));
    rel.delay_until = Some(d("2099-01-01"));
    let r = relationship_cards(&g.view(), [&rel]);
    assert!(r.cards.is_empty() && !r.restricted);
}

// ---- Section 5: automatic exclusions

#[test]
fn r_auto_1_old_and_phase1_documents_are_never_shown() {
    for g in [DocumentGroup::Old, DocumentGroup::Phase1] {
        let mut x = doc(&["adult"]);
        x.group = g;
        assert_eq!(adult().hidden(&x, &case()), Hidden::OldOrPhase1Group);
    }
    adult().shown(&doc(&["adult"]), &case());
}

#[test]
fn r_auto_2_parentage_investigation_is_never_shown() {
    for code in codes::PARENTAGE {
        let mut x = doc(&["adult"]);
        x.social_services = vec![code.into()];
        assert_eq!(adult().hidden(&x, &case()), Hidden::ParentageInvestigation);
        assert_eq!(
            adult().hidden(&typed(code), &case()),
            Hidden::ParentageInvestigation
        );
    }
}

#[test]
fn r_auto_3_shelter_services_by_service_type_or_unit() {
    let mut x = doc(&["adult"]);
    x.social_services = vec![codes::SHELTER_SERVICE.into()];
    assert_eq!(adult().hidden(&x, &case()), Hidden::ShelterService);
    for ty in codes::SHELTER_TYPES {
        assert_eq!(adult().hidden(&typed(ty), &case()), Hidden::ShelterService);
    }
    // A common type (a statement) stored in a shelter unit, without social-service metadata.
    let mut z = doc(&["adult"]);
    z.social_services = vec![];
    z.service_unit = Some("unit".into());
    let shelter = ServiceUnit {
        oid: "unit".into(),
        name: "Shelter".into(),
        organisation: "org".into(),
        kind: UnitKind::Shelter,
    };
    assert_eq!(
        adult().decide(&z, &case(), Some(&shelter)),
        Verdict::Hidden(Hidden::ShelterService)
    );
    let general = ServiceUnit {
        kind: UnitKind::General,
        ..shelter
    };
    assert!(matches!(
        adult().decide(&z, &case(), Some(&general)),
        Verdict::Shown(_)
    ));
}

#[test]
fn r_auto_4_violence_prevention_by_type_or_by_social_service() {
    for ty in codes::VIOLENCE_TYPES {
        assert_eq!(
            adult().hidden(&typed(ty), &case()),
            Hidden::ViolencePrevention
        );
    }
    // A common type (a statement) stored in the service itself.
    let mut x = typed("statement");
    x.social_services = vec!["social_work".into(), codes::VIOLENCE_PREVENTION.into()];
    assert_eq!(adult().hidden(&x, &case()), Hidden::ViolencePrevention);
}

#[test]
fn r_auto_5_journal_entries_hidden_in_phase_1_only() {
    let mut x = doc(&["adult"]);
    x.group = DocumentGroup::JournalEntry;
    assert_eq!(
        adult().phase1().hidden(&x, &case()),
        Hidden::JournalEntryInPhase1
    );
    adult().shown(&x, &case());
}

#[test]
fn r_info_6_a_workers_restriction_on_a_phase_1_journal_entry_calls_for_the_text() {
    let mut x = doc(&["adult"]);
    x.group = DocumentGroup::JournalEntry;
    let plain = adult().phase1().hidden(&x, &case());
    assert!(
        !plain.calls_for_info_text(),
        "R-INFO-2: not being shown alone"
    );
    x.delay_until = Some(d("2027-01-01"));
    assert!(adult().phase1().hidden(&x, &case()).calls_for_info_text());
    x.delay_until = None;
    x.special_content = true;
    assert!(adult().phase1().hidden(&x, &case()).calls_for_info_text());
    // The case's restriction is the worker's too (case-specific, L7670).
    let mut k = case();
    k.special_content = true;
    x.special_content = false;
    assert!(adult().phase1().hidden(&x, &k).calls_for_info_text());
    // A delay that has ended restricts nothing.
    x.delay_until = Some(d("2026-01-01"));
    assert!(!adult().phase1().hidden(&x, &case()).calls_for_info_text());
}

#[test]
fn r_auto_6_shared_case_documents_hidden_in_phase_1_only() {
    let x = doc(&["adult", "partner"]);
    assert_eq!(
        adult().phase1().hidden(&x, &case()),
        Hidden::SharedCaseInPhase1
    );
    assert!(adult().shown(&x, &case()).shared);
}

#[test]
fn r_auto_7_adoption_counselling_hidden_in_phase_1_and_delay_governs_in_phase_2() {
    let mut x = doc(&["adult"]);
    x.social_services = vec![codes::ADOPTION_COUNSELLING.into()];
    assert_eq!(
        adult().phase1().hidden(&x, &case()),
        Hidden::AdoptionCounsellingInPhase1
    );
    adult().shown(&x, &case());
    x.delay_until = Some(d("2027-01-01"));
    assert_eq!(adult().hidden(&x, &case()), Hidden::Delayed);
}

#[test]
fn r_auto_8_income_support_payment_commitment_is_never_shown() {
    let mut x = doc(&["adult"]);
    x.general_type = GeneralType::PaymentCommitment;
    x.specific_type = codes::INCOME_SUPPORT_COMMITMENT.into();
    assert_eq!(
        adult().hidden(&x, &case()),
        Hidden::IncomeSupportPaymentCommitment
    );
    x.specific_type = "payment_commitment_other".into();
    adult().shown(&x, &case());
}

#[test]
fn r_auto_9_only_the_newest_version_and_not_if_deleted() {
    let mut v1 = doc(&["adult"]);
    v1.title = "First".into();
    let mut v2 = v1.clone();
    v2.version = 2;
    v2.title = "Second".into();
    let versions = [v1.clone(), v2.clone()];
    let newest_doc = newest(&versions, |x| x.version).unwrap();
    assert_eq!(newest_doc.title, "Second");
    let mut v3 = v2.clone();
    v3.version = 3;
    v3.status = Status::Deleted;
    let versions = [v1, v2, v3];
    let newest_doc = newest(&versions, |x| x.version).unwrap();
    assert_eq!(adult().hidden(newest_doc, &case()), Hidden::Annulled);
}

#[test]
fn r_auto_9_documents_of_an_annulled_case_are_not_shown() {
    let mut k = case();
    k.status = Status::Deleted;
    let h = adult().hidden(&doc(&["adult"]), &k);
    assert_eq!(h, Hidden::CaseAnnulled);
    // As if it never existed: no information text (R-VERSION-3).
    assert!(!h.calls_for_info_text());
}

#[test]
fn r_auto_10_client_relationship_document_is_not_listed() {
    let mut x = doc(&["adult"]);
    x.specific_type = codes::CLIENT_RELATIONSHIP.into();
    assert_eq!(
        adult().hidden(&x, &case()),
        Hidden::ClientRelationshipDocument
    );
    assert_eq!(
        adult().phase1().hidden(&x, &case()),
        Hidden::ClientRelationshipDocument
    );
}

// ---- Section 3: service-task view (the parts decided per document)

#[test]
fn r_task_2_active_period_ends_17_years_after_the_case_closed() {
    // 15 years counted from 2 years after the closing (L7725–7727, L29193–29195).
    let mut k = case();
    k.closed = Some(d("2009-11-23"));
    let x = doc(&["adult"]);
    adult().on("2026-11-23").shown(&x, &k);
    assert_eq!(
        adult().on("2026-11-24").hidden(&x, &k),
        Hidden::ActivePeriodOver
    );
    // Closed 15 years ago: still in its active period.
    k.closed = Some(d("2011-11-22"));
    adult().on("2026-11-23").shown(&x, &k);
    // A 29 February closing ends on 28 February.
    k.closed = Some(d("2008-02-29"));
    adult().on("2025-02-28").shown(&x, &k);
    assert_eq!(
        adult().on("2025-03-01").hidden(&x, &k),
        Hidden::ActivePeriodOver
    );
    k.closed = None;
    adult().on("2090-01-01").shown(&x, &k);
}

/// R-TASK-6 / R-GUARD-14: does the minor's own view carry the notice?
fn minor_is_told(x: &Document) -> bool {
    World::own(child())
        .shown(x, &case())
        .withheld_from_guardians
}

#[test]
fn r_task_6_minor_is_told_which_documents_guardians_do_not_see() {
    let mut x = doc(&["child"]);
    x.guardian_disclosure = Some(code(2));
    assert!(minor_is_told(&x));
    x.guardian_disclosure = Some(code(1));
    assert!(!minor_is_told(&x));
    // Once of age there are no guardians to withhold from.
    x.guardian_disclosure = Some(code(4));
    assert!(
        !World::own(child())
            .on("2032-03-03")
            .shown(&x, &case())
            .withheld_from_guardians
    );
}

#[test]
fn r_task_7_shared_case_documents_carry_the_joint_notice() {
    assert!(adult().shown(&doc(&["adult", "partner"]), &case()).shared);
    assert!(!adult().shown(&doc(&["adult"]), &case()).shared);
}

// ---- Section 6: delayed display

#[test]
fn r_delay_1_future_delay_hides_everything_until_the_date() {
    let mut x = doc(&["adult"]);
    x.delay_until = Some(d("2026-11-24"));
    assert_eq!(adult().hidden(&x, &case()), Hidden::Delayed);
    assert_eq!(
        World::guardian("parent", child()).hidden(
            &{
                let mut c = x.clone();
                c.clients = vec!["child".into()];
                c.guardian_disclosure = Some(code(1));
                c
            },
            &case()
        ),
        Hidden::Delayed
    );
    adult().on("2026-11-24").shown(&x, &case());
}

#[test]
fn r_delay_2_case_delay_applies_to_documents() {
    let mut k = case();
    k.delay_until = Some(d("2027-02-01"));
    let mut x = doc(&["adult"]);
    assert_eq!(adult().hidden(&x, &k), Hidden::Delayed);
    // The later of the two dates governs.
    x.delay_until = Some(d("2027-06-01"));
    assert_eq!(adult().on("2027-03-01").hidden(&x, &k), Hidden::Delayed);
    adult().on("2027-06-01").shown(&x, &k);
}

#[test]
fn r_delay_3_attachment_delayed_on_its_own() {
    let mut x = doc(&["adult"]);
    let mut late = attachment("late");
    late.delay_until = Some(d("2027-01-01"));
    x.attachments = vec![attachment("now"), late];
    let s = adult().shown(&x, &case());
    assert_eq!(indexes(&s), vec![0]);
    assert_eq!(s.withheld_attachments, 1);
    assert_eq!(
        indexes(&adult().on("2027-01-01").shown(&x, &case())),
        vec![0, 1]
    );
}

#[test]
fn r_delay_4_ended_delay_is_announced() {
    let mut x = doc(&["adult"]);
    x.delay_until = Some(d("2026-01-01"));
    assert!(adult().shown(&x, &case()).delay_ended);
    assert!(!adult().shown(&doc(&["adult"]), &case()).delay_ended);
}

#[test]
fn r_delay_4_no_notice_of_a_delay_that_withheld_nothing() {
    // Drawn up and stored after its case's delay date: never withheld.
    let mut k = case();
    k.delay_until = Some(d("2025-01-01"));
    assert!(!adult().shown(&doc(&["adult"]), &k).delay_ended);
    // Its own date, on the day it was stored: shown at once, nothing to tell.
    let mut x = doc(&["adult"]);
    x.delay_until = Some(d("2025-01-10"));
    assert!(!adult().shown(&x, &case()).delay_ended);
    // One day later: withheld for a day, then told.
    x.delay_until = Some(d("2025-01-11"));
    assert!(adult().shown(&x, &case()).delay_ended);
    // The same for an attachment.
    let mut y = doc(&["adult"]);
    let mut early = attachment("early");
    early.delay_until = Some(d("2025-01-01"));
    y.attachments = vec![early];
    assert!(!adult().shown(&y, &case()).attachments[0].delay_ended);
}

#[test]
fn r_delay_4_an_attachments_ended_delay_is_announced() {
    let mut x = doc(&["adult"]);
    let mut late = attachment("late");
    late.delay_until = Some(d("2026-11-23"));
    x.attachments = vec![attachment("plain"), late];
    let s = adult().shown(&x, &case());
    let ended: Vec<bool> = s.attachments.iter().map(|a| a.delay_ended).collect();
    assert_eq!(ended, vec![false, true]);
    assert!(!s.delay_ended, "the document itself was not delayed");
    let view = view_of(&x, &s);
    assert!(view.attachments[1].delay_ended && !view.attachments[0].delay_ended);
}

#[test]
fn r_delay_5_delay_reasons_never_reach_the_viewer() {
    // A delayed document whose delay has ended, with its reasons recorded: what
    // the browser gets is exactly what it would get without the reasons.
    let mut x = doc(&["adult"]);
    x.delay_until = Some(d("2026-01-01"));
    let plain = view_of(&x, &adult().shown(&x, &case()));
    x.restriction_reasons = vec![RestrictionReason::try_from(2).unwrap()];
    x.restriction_text = Some("SECRET-REASON".into());
    let view = view_of(&x, &adult().shown(&x, &case()));
    assert_eq!(view, plain);
    assert!(!serde_json::to_string(&view)
        .unwrap()
        .contains("SECRET-REASON"));
}

#[test]
fn r_delay_6_newest_version_governs_the_delay() {
    let mut v1 = doc(&["adult"]);
    v1.delay_until = Some(d("2030-01-01"));
    let mut v2 = v1.clone();
    v2.version = 2;
    v2.delay_until = None;
    let versions = [v1, v2];
    adult().shown(newest(&versions, |x| x.version).unwrap(), &case());
}

// ---- Section 7: special content

#[test]
fn r_special_1_special_content_is_never_shown() {
    let mut x = doc(&["adult"]);
    x.special_content = true;
    assert_eq!(adult().hidden(&x, &case()), Hidden::SpecialContent);
}

#[test]
fn r_special_2_case_special_content_applies_to_documents() {
    let mut k = case();
    k.special_content = true;
    assert_eq!(adult().hidden(&doc(&["adult"]), &k), Hidden::SpecialContent);
}

#[test]
fn r_special_3_special_attachment_hides_only_itself() {
    let mut x = doc(&["adult"]);
    let mut secret = attachment("secret");
    secret.special_content = true;
    x.attachments = vec![secret, attachment("plain")];
    let s = adult().shown(&x, &case());
    assert_eq!(indexes(&s), vec![1]);
}

#[test]
fn r_special_4_special_relationship_document_hides_front_page_data() {
    let mut rel = relationship("2023-01", vec![worker("Hidden", "2024-01-01")]);
    assert_eq!(adult().cards(&rel).len(), 1);
    rel.special_content = true;
    assert!(adult().cards(&rel).is_empty());
}

#[test]
fn r_special_5_case_flag_removed_document_flag_stays() {
    let k = case(); // the case no longer carries special content
    let mut x = doc(&["adult"]);
    x.special_content = true;
    assert_eq!(adult().hidden(&x, &k), Hidden::SpecialContent);
    adult().shown(&doc(&["adult"]), &k);
}

// ---- Section 2: front-page relationship data

fn relationship(schema: &str, workers: Vec<ResponsibleWorker>) -> ClientRelationship {
    ClientRelationship {
        id: "rel".into(),
        version: 1,
        client: "adult".into(),
        register_keeper: "org".into(),
        schema_version: SchemaVersion::try_from(schema.to_string()).unwrap(),
        started: d("2020-01-01"),
        ended: Some(d("2024-01-01")),
        child_protection_started: Some(d("2021-01-01")),
        child_protection_ended: None,
        status: Status::Active,
        old: false,
        special_content: false,
        delay_until: None,
        guardian_disclosure: None,
        restriction_reasons: vec![],
        restriction_text: None,
        responsible_workers: workers,
    }
}

fn worker(name: &str, since: &str) -> ResponsibleWorker {
    ResponsibleWorker {
        name: name.into(),
        title: None,
        phone: None,
        email: None,
        unit: None,
        since: d(since),
    }
}

#[test]
fn r_front_4_relationship_dates_are_shown() {
    let rel = relationship("2020-03", vec![]);
    let cards = adult().cards(&rel);
    assert_eq!(cards.len(), 1);
    assert_eq!(
        cards[0].relationship.child_protection_started,
        Some(d("2021-01-01"))
    );
}

#[test]
fn r_front_5_newest_contact_person_is_shown() {
    let rel = relationship(
        "2020-03",
        vec![
            worker("Old", "2020-01-01"),
            worker("Newest", "2023-05-01"),
            worker("Mid", "2022-01-01"),
        ],
    );
    assert_eq!(
        adult().cards(&rel)[0].contact.map(|w| w.name.as_str()),
        Some("Newest")
    );
}

#[test]
fn r_front_6_old_schema_relationship_documents_are_never_used() {
    let old = relationship("2019-05", vec![]);
    assert!(adult().cards(&old).is_empty());
    let current = relationship("2019-06", vec![]);
    assert_eq!(adult().cards(&current).len(), 1);
}

#[test]
fn r_front_6_old_and_annulled_relationships_are_never_used() {
    let mut rel = relationship("2023-01", vec![]);
    rel.old = true;
    assert!(adult().cards(&rel).is_empty());
    rel.old = false;
    rel.status = Status::Deleted;
    assert!(adult().cards(&rel).is_empty());
}

#[test]
fn r_front_7_relationship_document_delayed_or_withheld_from_guardians() {
    let mut rel = relationship("2023-01", vec![worker("Contact", "2024-01-01")]);
    rel.client = "child".into();
    rel.delay_until = Some(d("2026-12-01"));
    let own = World::own(child());
    assert!(own.cards(&rel).is_empty());
    assert_eq!(World::own(child()).on("2026-12-01").cards(&rel).len(), 1);
    rel.delay_until = None;
    for (n, to_guardians) in [(1, true), (2, false), (3, true), (4, false)] {
        rel.guardian_disclosure = Some(code(n));
        assert_eq!(own.cards(&rel).len(), 1, "code {n}: the child sees it");
        assert_eq!(
            World::guardian("mum", child()).cards(&rel).len(),
            usize::from(to_guardians),
            "code {n}"
        );
    }
}

// ---- Section 8: guardians

fn link(guardian: &str, role: GuardianRole, agreement: CustodyAgreement) -> Guardianship {
    Guardianship {
        guardian: guardian.into(),
        child: "child".into(),
        role,
        custody_agreement: agreement,
        covers_social_welfare: true,
    }
}

fn act(
    viewer: &Person,
    child: &Person,
    custody: &[(Guardianship, Person)],
    day: &str,
) -> Result<Role, Refusal> {
    let refs: Vec<_> = custody.iter().map(|(g, p)| (g, p)).collect();
    may_act_for(viewer, child, &refs, d(day))
}

fn parents() -> (Person, Person, Vec<(Guardianship, Person)>) {
    let mum = person("mum", "1985-01-01");
    let dad = person("dad", "1984-01-01");
    let custody = vec![
        (
            link("mum", GuardianRole::Guardian, CustodyAgreement::None),
            mum.clone(),
        ),
        (
            link("dad", GuardianRole::Guardian, CustodyAgreement::None),
            dad.clone(),
        ),
    ];
    (mum, dad, custody)
}

#[test]
fn r_guard_1_recorded_guardian_of_a_minor_only() {
    let (mum, _, custody) = parents();
    assert_eq!(act(&mum, &child(), &custody, TODAY), Ok(Role::Guardian));
    let stranger = person("stranger", "1970-01-01");
    assert_eq!(
        act(&stranger, &child(), &custody, TODAY),
        Err(Refusal::NotGuardian)
    );
    // The child turns 18 on 2032-03-03.
    assert_eq!(
        act(&mum, &child(), &custody, "2032-03-02"),
        Ok(Role::Guardian)
    );
    assert_eq!(
        act(&mum, &child(), &custody, "2032-03-03"),
        Err(Refusal::NotMinor)
    );
}

#[test]
fn r_guard_2_child_protection_order_blocks_every_guardian() {
    let (mum, dad, custody) = parents();
    let mut c = child();
    c.protection_order = true;
    assert_eq!(
        act(&mum, &c, &custody, TODAY),
        Err(Refusal::ChildProtectionOrder)
    );
    assert_eq!(
        act(&dad, &c, &custody, TODAY),
        Err(Refusal::ChildProtectionOrder)
    );
}

#[test]
fn r_guard_3_another_guardians_protection_order_blocks_not_ones_own() {
    // L8744–8750: the guardian WITHOUT the order cannot act; L34527–34529.
    let (mum, mut dad, mut custody) = parents();
    dad.protection_order = true;
    custody[1].1 = dad.clone();
    assert_eq!(
        act(&mum, &child(), &custody, TODAY),
        Err(Refusal::GuardianProtectionOrder)
    );
    assert_eq!(act(&dad, &child(), &custody, TODAY), Ok(Role::Guardian));
    // Both have one: neither can act.
    let mut mum = mum;
    mum.protection_order = true;
    custody[0].1 = mum.clone();
    for p in [&mum, &dad] {
        assert_eq!(
            act(p, &child(), &custody, TODAY),
            Err(Refusal::GuardianProtectionOrder)
        );
    }
}

#[test]
fn r_guard_3_information_right_holder_and_guardians_orders() {
    let (_, mut dad, mut custody) = parents();
    let mut aunt = person("aunt", "1975-01-01");
    aunt.protection_order = true;
    custody.push((
        link(
            "aunt",
            GuardianRole::InformationRight,
            CustodyAgreement::None,
        ),
        aunt.clone(),
    ));
    // The holder's own order does not stop them, nor does it stop a guardian.
    assert_eq!(act(&aunt, &child(), &custody, TODAY), Ok(Role::Guardian));
    assert_eq!(act(&dad, &child(), &custody, TODAY), Ok(Role::Guardian));
    // Any guardian's order stops the holder.
    dad.protection_order = true;
    custody[1].1 = dad;
    assert_eq!(
        act(&aunt, &child(), &custody, TODAY),
        Err(Refusal::GuardianProtectionOrder)
    );
}

#[test]
fn r_guard_4_incompetent_or_trustee_guardian_cannot_act() {
    let (mut mum, _, custody) = parents();
    mum.has_trustee = true;
    assert_eq!(
        act(&mum, &child(), &custody, TODAY),
        Err(Refusal::IncompetentOrTrustee)
    );
    mum.has_trustee = false;
    mum.declared_incompetent = true;
    assert_eq!(
        act(&mum, &child(), &custody, TODAY),
        Err(Refusal::IncompetentOrTrustee)
    );
}

#[test]
fn r_guard_5_custody_agreements_block_only_when_unstructured() {
    let (mum, _, mut custody) = parents();
    for (agreement, ok) in [
        (CustodyAgreement::ResidenceOnly, true),
        (CustodyAgreement::NoSocialWelfareDecisions, true),
        (CustodyAgreement::Unstructured, false),
    ] {
        custody[0].0.custody_agreement = agreement;
        assert_eq!(
            act(&mum, &child(), &custody, TODAY).is_ok(),
            ok,
            "{agreement:?}"
        );
    }
}

#[test]
fn r_guard_6_child_trustee_care_or_minor_guardian_do_not_block() {
    let young = person("young", "2009-01-01");
    let mut c = child();
    c.has_trustee = true;
    let custody = vec![(
        link("young", GuardianRole::Guardian, CustodyAgreement::None),
        young.clone(),
    )];
    assert_eq!(act(&young, &c, &custody, TODAY), Ok(Role::Guardian));
}

#[test]
fn r_guard_7_whereabouts_decision_blocks_only_through_a_protection_order() {
    // There is no whereabouts flag to obey: only the child's protection order blocks.
    let (mum, _, custody) = parents();
    assert!(act(&mum, &child(), &custody, TODAY).is_ok());
    let mut c = child();
    c.protection_order = true;
    assert_eq!(
        act(&mum, &c, &custody, TODAY),
        Err(Refusal::ChildProtectionOrder)
    );
}

#[test]
fn r_guard_8_guardian_sees_what_the_child_sees_minus_withheld() {
    let g = World::guardian("mum", child());
    let mut x = doc(&["child"]);
    x.guardian_disclosure = Some(code(1));
    g.shown(&x, &case());
    x.delay_until = Some(d("2027-01-01"));
    assert_eq!(g.hidden(&x, &case()), Hidden::Delayed);
    x.delay_until = None;
    x.special_content = true;
    assert_eq!(g.hidden(&x, &case()), Hidden::SpecialContent);
}

#[test]
fn r_guard_9_information_right_holder_acts_as_a_guardian() {
    let (mum, _, mut custody) = parents();
    let aunt = person("aunt", "1975-01-01");
    custody.push((
        link(
            "aunt",
            GuardianRole::InformationRight,
            CustodyAgreement::None,
        ),
        aunt.clone(),
    ));
    assert_eq!(act(&aunt, &child(), &custody, TODAY), Ok(Role::Guardian));
    assert!(act(&mum, &child(), &custody, TODAY).is_ok());
    // A right that does not cover social-welfare matters does not allow acting.
    custody[2].0.covers_social_welfare = false;
    assert_eq!(
        act(&aunt, &child(), &custody, TODAY),
        Err(Refusal::RightDoesNotCoverSocialWelfare)
    );
    // Blockers apply to holders as to guardians (table 5.6.1, L11063–11075).
    custody[2].0.covers_social_welfare = true;
    let mut aunt = aunt;
    aunt.has_trustee = true;
    assert_eq!(
        act(&aunt, &child(), &custody, TODAY),
        Err(Refusal::IncompetentOrTrustee)
    );
}

#[test]
fn r_guard_10_disclosure_codes_2_and_4_withhold_from_guardians() {
    let g = World::guardian("mum", child());
    for (n, shown) in [(1, true), (2, false), (3, true), (4, false)] {
        let mut x = doc(&["child"]);
        x.guardian_disclosure = Some(code(n));
        assert_eq!(
            matches!(g.decide(&x, &case(), None), Verdict::Shown(_)),
            shown,
            "code {n}"
        );
        // The child always sees their own document.
        World::own(child()).shown(&x, &case());
    }
}

#[test]
fn r_guard_10_an_attachment_carries_its_own_guardian_code() {
    let mut x = doc(&["child"]);
    x.guardian_disclosure = Some(code(1));
    let mut private = attachment("private");
    private.guardian_disclosure = Some(code(4));
    x.attachments = vec![attachment("open"), private];
    let s = World::guardian("mum", child()).shown(&x, &case());
    assert_eq!(indexes(&s), vec![0]);
    assert_eq!(s.withheld_attachments, 1);
    // The child sees both, and is told which one the guardians do not see.
    let own = World::own(child()).shown(&x, &case());
    assert_eq!(indexes(&own), vec![0, 1]);
    let told: Vec<bool> = own
        .attachments
        .iter()
        .map(|a| a.withheld_from_guardians)
        .collect();
    assert_eq!(told, vec![false, true]);
    // A guardian who is a client of the (shared) document sees it (L8788–8792).
    let mut shared = x.clone();
    shared.clients = vec!["child".into(), "mum".into()];
    let s = World::guardian("mum", child()).shown(&shared, &case());
    assert_eq!(indexes(&s), vec![0, 1]);
}

#[test]
fn r_guard_11_case_level_guardian_restriction_applies_to_documents() {
    let mut k = case();
    k.guardian_disclosure = Some(code(4));
    let mut x = doc(&["child"]);
    x.guardian_disclosure = Some(code(1));
    assert_eq!(
        World::guardian("mum", child()).hidden(&x, &k),
        Hidden::WithheldFromGuardians
    );
    assert!(World::own(child()).shown(&x, &k).withheld_from_guardians);
}

#[test]
fn r_guard_12_reasons_are_never_in_the_answer() {
    // Code 3 (the minor's prohibition refused) with its refusal reasons and a
    // worker's text: the guardian's view is the same as without them.
    let mut x = doc(&["child"]);
    x.guardian_disclosure = Some(code(3));
    x.guardian_override_reasons = vec![OverrideReason::try_from(1).unwrap()];
    let g = World::guardian("mum", child());
    let plain = view_of(&x, &g.shown(&x, &case()));
    x.guardian_override_reasons = vec![OverrideReason::try_from(2).unwrap()];
    x.restriction_reasons = vec![RestrictionReason::try_from(2).unwrap()];
    x.restriction_text = Some("MINOR-REASON".into());
    let view = view_of(&x, &g.shown(&x, &case()));
    assert_eq!(view, plain);
    assert!(!serde_json::to_string(&view)
        .unwrap()
        .contains("MINOR-REASON"));
}

#[test]
fn r_guard_13_guardian_not_client_of_shared_case_does_not_see_it() {
    let mut x = doc(&["child", "dad"]);
    x.guardian_disclosure = Some(code(1));
    assert_eq!(
        World::guardian("mum", child()).hidden(&x, &case()),
        Hidden::GuardianNotClientOfSharedCase
    );
    World::guardian("dad", child()).shown(&x, &case());
    // The guardian's own shared document is shown even with code 2 (L8784–8790).
    x.guardian_disclosure = Some(code(2));
    World::guardian("dad", child()).shown(&x, &case());
    assert_eq!(
        World::guardian("dad", child()).phase1().hidden(&x, &case()),
        Hidden::SharedCaseInPhase1
    );
}

#[test]
fn r_guard_14_minor_own_view_notice_and_guardian_view_without_it() {
    let mut x = doc(&["child"]);
    x.guardian_disclosure = Some(code(2));
    assert!(minor_is_told(&x));
    assert_eq!(
        World::guardian("mum", child()).hidden(&x, &case()),
        Hidden::WithheldFromGuardians
    );
}

// ---- Section 9: shared cases

#[test]
fn r_shared_1_shared_document_belongs_to_every_client() {
    let x = doc(&["adult", "partner"]);
    adult().shown(&x, &case());
    World::own(person("partner", "1982-02-02")).shown(&x, &case());
}

#[test]
fn r_shared_2_document_belongs_to_the_clients_at_creation() {
    // "late" joined the case after this document: its client list does not name them.
    let x = doc(&["adult", "partner"]);
    assert_eq!(
        World::own(person("late", "1990-01-01")).hidden(&x, &case()),
        Hidden::NotClient
    );
}

/// The case with `partner`'s membership from `joined` to `removed`.
fn partner_member(joined: &str, removed: Option<&str>) -> Case {
    let mut k = case();
    for m in k.clients.iter_mut().filter(|m| m.person == "partner") {
        m.joined = t(joined);
        m.removed = removed.map(t);
    }
    k
}

#[test]
fn r_shared_3_membership_record_must_agree_with_the_document() {
    let partner = World::own(person("partner", "1982-02-02"));
    let x = doc(&["adult", "partner"]); // drawn up (created) on 2025-01-10
    partner.shown(&x, &partner_member("2025-01-01T09:00:00+02:00", None));
    // Joined after the document was drawn up: not theirs, whatever the list says.
    let late = partner_member("2025-01-11T09:00:00+02:00", None);
    assert_eq!(partner.hidden(&x, &late), Hidden::NotMemberWhenDrawnUp);
    assert!(!Hidden::NotMemberWhenDrawnUp.calls_for_info_text());
    // Removed before it was drawn up.
    let gone = partner_member(
        "2024-01-01T09:00:00+02:00",
        Some("2025-01-09T16:00:00+02:00"),
    );
    assert_eq!(partner.hidden(&x, &gone), Hidden::NotMemberWhenDrawnUp);
    // Removed after drawing up but before storing: still a party (L16814–16818).
    let mut stored_late = x.clone();
    stored_late.stored_at = t("2025-01-15T10:00:00+02:00");
    let after = partner_member(
        "2024-01-01T09:00:00+02:00",
        Some("2025-01-12T16:00:00+02:00"),
    );
    partner.shown(&stored_late, &after);
    // The same day, in Finnish time, counts as a member (the document's list decides).
    let same_day = partner_member("2025-01-09T23:30:00+00:00", None); // 10.1. 01:30 in Helsinki
    partner.shown(&x, &same_day);
    // No membership entry at all: fail closed.
    let mut k = case();
    k.clients.retain(|m| m.person != "partner");
    assert_eq!(partner.hidden(&x, &k), Hidden::NotMemberWhenDrawnUp);
    // A guardian named on the document but not a member then is not its client.
    let mut y = doc(&["child", "dad"]);
    y.guardian_disclosure = Some(code(1));
    let mut k = case();
    k.clients.retain(|m| m.person != "dad");
    assert_eq!(
        World::guardian("dad", child()).hidden(&y, &k),
        Hidden::GuardianNotClientOfSharedCase
    );
}

// ---- Section 10: versions and signatures

#[test]
fn r_version_1_newest_version_with_correction_data() {
    let mut v2 = doc(&["adult"]);
    v2.version = 2;
    v2.correction = Some(Correction {
        corrector: "Liisa".into(),
        title: "Social worker".into(),
        date: d("2025-02-01"),
        reason: "Typo".into(),
    });
    let versions = [doc(&["adult"]), v2];
    let newest_doc = newest(&versions, |x| x.version).unwrap();
    let s = adult().shown(newest_doc, &case());
    let view = view_of(newest_doc, &s);
    assert_eq!(view.correction.map(|c| c.reason), Some("Typo".into()));
}

#[test]
fn r_version_2_replaced_decision_shows_only_the_new_one() {
    let mut old = doc(&["adult"]);
    old.status = Status::Deleted;
    assert_eq!(adult().hidden(&old, &case()), Hidden::Annulled);
    let mut new = doc(&["adult"]);
    new.id = "doc-2".into();
    adult().shown(&new, &case());
}

#[test]
fn r_version_3_annulled_document_as_if_it_never_existed() {
    let mut x = doc(&["adult"]);
    x.status = Status::Deleted;
    let h = adult().hidden(&x, &case());
    assert_eq!(h, Hidden::Annulled);
    assert!(!h.calls_for_info_text());
}

#[test]
fn r_sign_1_system_signatures_are_not_shown() {
    let mut x = doc(&["adult"]);
    x.signatures = vec![
        Signature {
            name: "Liisa".into(),
            role: Some("Social worker".into()),
            registration_number: None,
            method: "strong".into(),
            signed_at: t("2025-01-10T10:00:00+02:00"),
        },
        Signature {
            name: "System".into(),
            role: None,
            registration_number: None,
            method: codes::SYSTEM_SIGNATURE.into(),
            signed_at: t("2025-01-10T10:00:00+02:00"),
        },
    ];
    let s = adult().shown(&x, &case());
    let view = view_of(&x, &s);
    assert_eq!(view.signatures.len(), 1);
    assert_eq!(view.signatures[0].name, "Liisa");
}

#[test]
fn r_sign_2_a_signature_shows_title_registration_number_method_and_time() {
    let mut x = doc(&["adult"]);
    x.signatures = vec![Signature {
        name: "Liisa".into(),
        role: Some("sosiaalityöntekijä".into()),
        registration_number: Some("99900012345".into()),
        method: "strong_electronic".into(),
        signed_at: t("2025-07-10T07:30:00Z"),
    }];
    let s = adult().shown(&x, &case());
    let v = &view_of(&x, &s).signatures[0];
    assert_eq!(v.role.as_deref(), Some("sosiaalityöntekijä"));
    assert_eq!(v.registration_number.as_deref(), Some("99900012345"));
    assert_eq!(v.method, "strong_electronic");
    assert_eq!(v.signed_at, "10.7.2025 10:30", "Finnish summer time");
}

#[test]
fn r_guard_1_a_leap_day_child_comes_of_age_on_28_february() {
    // Act 234/1930 §1: the last day of the month when it has no such day.
    assert_eq!(eighteenth_birthday(d("2008-02-29")), d("2026-02-28"));
    assert_eq!(eighteenth_birthday(d("2010-06-15")), d("2028-06-15"));
    assert_eq!(eighteenth_birthday(d("2010-02-28")), d("2028-02-28"));
    // Other ages land on 29 February when the year has one (the same function).
    assert_eq!(years_after(d("2008-02-29"), 4), d("2012-02-29"));
    let (mum, _, custody) = parents();
    let leap = person("child", "2008-02-29");
    assert_eq!(act(&mum, &leap, &custody, "2026-02-27"), Ok(Role::Guardian));
    assert_eq!(
        act(&mum, &leap, &custody, "2026-02-28"),
        Err(Refusal::NotMinor)
    );
}
