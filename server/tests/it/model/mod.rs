//! A reference model of what the portal shows, for differential testing.
//!
//! Written rule by rule from the handbook itself (seed
//! `004_e0252b4901d46550.txt`, chapter 5 = L7502–11107, plus L16810–16930,
//! L29190–29310, L31120–31140, L2820–2835, L34515–34530), NOT from
//! `visibility-rules.md`; every rule cites the lines it was read from (Swedish
//! words quoted, with a short translation) and the restatement's rule id.
//! `server/docs/model-reading.md` lists the readings and where they differ
//! from the restatement.
//!
//! Plain, slow and obviously right: every question is answered by scanning
//! the whole archive again. It shares no code with `portal_server::policy`
//! or `portal_server::assemble` (only the archive types), so a mistake in
//! one is not copied into the other.

pub mod gen;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use chrono_tz::Europe::Helsinki;
use portal_server::archive::format::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    One,
    Two,
}

/// What the model expects one viewer to get for one subject.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Expected {
    /// Visible document id → visible attachment ids, in the document's attachment order.
    pub documents: BTreeMap<String, Vec<String>>,
    /// R-INFO-1..4: whether the information text is shown.
    pub info_text: bool,
    /// R-FRONT-4..7: (register keeper oid, started, contact name), sorted.
    pub relationships: Vec<(String, NaiveDate, Option<String>)>,
    /// R-DISC-1..3: ids of the disclosure-log entries shown for this subject, sorted.
    pub disclosures: Vec<String>,
    /// R-DELAY-4: visible document ids that carry the "delay has ended" notice.
    pub delay_ended: BTreeSet<String>,
    /// R-DELAY-4: visible "docid/attachmentid" pairs whose own delay has ended.
    pub attachment_delay_ended: BTreeSet<String>,
    /// R-TASK-6/R-GUARD-14: visible document ids that carry the minor's "not shown to guardians" notice.
    pub minor_notice: BTreeSet<String>,
}

// ---------------------------------------------------------------------------
// Looking things up (no rules here).
// ---------------------------------------------------------------------------

pub fn person<'a>(a: &'a Archive, id: &str) -> &'a Person {
    a.people.iter().find(|p| p.id == id).expect("person exists")
}

/// The newest version of a document (R-AUTO-9, see `judge`).
pub fn doc<'a>(a: &'a Archive, id: &str) -> &'a Document {
    let mut best: Option<&Document> = None;
    for d in &a.documents {
        if d.id == id && best.is_none_or(|b| d.version > b.version) {
            best = Some(d);
        }
    }
    best.expect("document exists")
}

/// The newest version of a case, if the archive has the case at all.
fn case<'a>(a: &'a Archive, id: &str) -> Option<&'a Case> {
    let mut best: Option<&Case> = None;
    for c in &a.cases {
        if c.id == id && best.is_none_or(|b| c.version > b.version) {
            best = Some(c);
        }
    }
    best
}

/// The newest version of a client-relationship document.
fn relationship<'a>(a: &'a Archive, id: &str) -> &'a ClientRelationship {
    let mut best: Option<&ClientRelationship> = None;
    for r in &a.client_relationships {
        if r.id == id && best.is_none_or(|b| r.version > b.version) {
            best = Some(r);
        }
    }
    best.expect("relationship exists")
}

/// Newest first: the order of the front page and the default task view.
// L7694–7696: "så att den nyaste handlingen alltid är först" (the newest
// document always first). Ties (same date) by storage instant, then id.
pub fn newest_first(a: &Archive, ids: &mut [String]) {
    ids.sort_by(|x, y| {
        let (dx, dy) = (doc(a, x), doc(a, y));
        (dy.created, dy.stored_at, &dy.id).cmp(&(dx.created, dx.stored_at, &dx.id))
    });
}

/// `date` plus `years` calendar years; 29 February becomes 28 February in a
/// common year (the last day of the month).
fn plus_years(date: NaiveDate, years: i32) -> NaiveDate {
    let y = date.year() + years;
    NaiveDate::from_ymd_opt(y, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(y, date.month(), 28))
        .expect("date")
}

/// The Finnish calendar date of an instant.
fn helsinki_date(t: DateTime<FixedOffset>) -> NaiveDate {
    t.with_timezone(&Helsinki).date_naive()
}

/// Under 18 on `day`.
// R-GUARD-1. L8697–8699: "vårdnadshavaren ... ska se alla klientuppgifter om
// ett barn under 18 år" (the guardian sees the data of a child under 18).
// The handbook does not say when a 29 February child turns 18; the team's
// decision (Act on the Calculation of Age: "the last day of the month"):
// 28 February in a common year.
pub fn minor(p: &Person, day: NaiveDate) -> bool {
    day < plus_years(p.birth_date, 18)
}

// ---------------------------------------------------------------------------
// Who may act for whom (section 5.4.2).
// ---------------------------------------------------------------------------

/// R-GUARD-1..9: may `viewer` act for `child` on `today`?
pub fn may_act(a: &Archive, viewer: &str, child: &str, today: NaiveDate) -> bool {
    // R-GUARD-1. L8730–8732: "ska vårdnadshavaren vara antecknad som barnets
    // vårdnadshavare i befolkningsdatasystemet" (must be recorded as the
    // child's guardian in the population register).
    // R-GUARD-9. L8711–8719: a person with a right to information under §7 of
    // the custody act "kan ... se barnets uppgifter via MittKanta" (can see
    // the child's data via MittKanta).
    let Some(link) = a
        .guardianships
        .iter()
        .find(|g| g.guardian == viewer && g.child == child)
    else {
        return false;
    };
    let v = person(a, viewer);
    let c = person(a, child);
    // R-GUARD-1. L8697–8699: "ett barn under 18 år" (a child under 18).
    if !minor(c, today) {
        return false;
    }
    // R-GUARD-2. L8740–8742: "Barnet har spärrmarkering. Då kan ingendera av
    // barnets vårdnadshavare uträtta ärenden" (the child has a protection
    // order: neither guardian can act); L9266–9268: "När barnet har en
    // spärrmarkering ser barnets vårdnadshavare inga uppgifter om barnet"
    // (the guardians see nothing about the child). L11063–11075 (table
    // 5.6.1): "För visning av uppgifter för en person med rätt att få
    // information gäller samma principer som för vårdnadshavaren" (the same
    // principles apply to an information-right holder).
    if c.protection_order {
        return false;
    }
    // R-GUARD-3. L8744–8748: "Barnets ena vårdnadshavare har spärrmarkering.
    // Då kan den vårdnadshavare som inte har spärrmarkering inte uträtta
    // ärenden ... Även när båda vårdnadshavarna har en spärrmarkering är det
    // inte möjligt" (one guardian has a protection order: the guardian who
    // does NOT have it cannot act; when both have one, neither can act).
    // L34527–34529: "när barnet eller barnets andra vårdnadshavare har en
    // spärrmarkering" (when the child or the child's OTHER guardian has one).
    // So only another guardian's (role guardian) order blocks; the viewer's
    // own does not. An information-right holder is never one of the child's
    // guardians (one link per pair), so for them every guardian's order
    // counts (same principles, L11063–11075); their own order does not.
    let other_guardian_has_order = a.guardianships.iter().any(|g| {
        g.child == child
            && g.role == GuardianRole::Guardian
            && g.guardian != viewer
            && person(a, &g.guardian).protection_order
    });
    if other_guardian_has_order {
        return false;
    }
    // R-GUARD-4. L8752–8754: "Vårdnadshavaren har förklarats omyndig" / "En
    // intressebevakare har förordnats för vårdnadshavaren" (declared
    // incompetent / a trustee appointed for the guardian). Same principles
    // for an information-right holder (L11063–11075).
    if v.declared_incompetent || v.has_trustee {
        return false;
    }
    // R-GUARD-5. L8756–8762: an agreement under which the guardian may not
    // decide social-welfare matters "hindrar dock inte att uppgifterna läses"
    // (does not prevent reading); "Om avtalet ... har ingåtts före strukturerad
    // anteckning ..., är det inte möjligt att uträtta ärenden" (if concluded
    // before structured recording, acting is not possible). L8768–8772: an
    // agreement only on residence does not prevent acting.
    if link.custody_agreement == CustodyAgreement::Unstructured {
        return false;
    }
    // R-GUARD-9. L8714–8717: the right to information is "antingen i alla
    // frågor eller i de frågor som anges i avtalet" (in all matters or in
    // those named in the agreement): one that does not cover social welfare
    // gives nothing here.
    if link.role == GuardianRole::InformationRight && !link.covers_social_welfare {
        return false;
    }
    // R-GUARD-6. L8764–8770: NOT prevented by a trustee for the child, the
    // child being in care, or the guardian being a minor.
    true
}

// ---------------------------------------------------------------------------
// One document (sections 5.1.2, 5.2.1, 5.3, 5.4.3, 5.4.4, 8.3).
// ---------------------------------------------------------------------------

enum Outcome {
    /// Not the subject's, or never shown and does not call for the info text.
    Absent,
    /// Withheld by a restriction that calls for the info text (R-INFO-1).
    Restricted,
    /// Withheld from this guardian only; no info text (R-INFO-4).
    GuardianOnly,
    Shown {
        /// Visible attachment ids, in the document's order.
        attachments: Vec<String>,
        /// An attachment was withheld by its delay or special content.
        attachment_restricted: bool,
        /// Visible attachment ids whose own delay has ended.
        attachment_delay_ended: Vec<String>,
        /// The effective delay is set and has ended.
        delay_ended: bool,
        /// Code 2 or 4 on the document or its case.
        withheld_from_guardians: bool,
    },
}

/// Codes 2 and 4 of table 5.4.1 (L9031–9113): "lämnas inte ut till
/// vårdnadshavarna" (not disclosed to the guardians). Compared as the numbers
/// the file carries, not with the format's helper.
fn code_withholds(c: Option<GuardianDisclosure>) -> bool {
    matches!(c.map(u8::from), Some(2 | 4))
}

/// R-SHARED-2/3: was `who` a party of the document's case when the document
/// was drawn up?
// L16814–16818: "handlingarna alltid tillhör de personer som är parter i det
// gemensamma ärendet vid tidpunkten för upprättandet" (the documents always
// belong to those who are parties of the shared case at the time they are
// drawn up). L16919–16921: "En avlägsnad person ser inte de klientuppgifter
// som uppkommit i ärendet efter tidpunkten för avlägsnandet" (a removed person
// does not see data that arose after the removal). L16925–16927: "Den nya
// personen ser de klientuppgifter som har uppkommit i ärendet från
// anslutningstidpunkten framåt" (a new person sees the data from joining on).
// Team decision: the document's own client list AND the case's newest
// membership record must both say so (defence in depth; fail closed); the
// time of drawing up is `created` (a correction's `drawn_up` is the
// correction date, L29279–29281); a same-day join or removal (Helsinki
// dates) is left to the document's own list.
fn party(d: &Document, k: &Case, who: &str) -> bool {
    d.clients.iter().any(|c| c == who)
        && k.clients.iter().any(|m| {
            m.person == who
                && helsinki_date(m.joined) <= d.created
                && m.removed.is_none_or(|r| helsinki_date(r) >= d.created)
        })
}

fn judge(
    a: &Archive,
    viewer: &str,
    subject: &str,
    today: NaiveDate,
    phase: Phase,
    id: &str,
) -> Outcome {
    let acting = viewer != subject;
    let in_list = |list: &[String], code: &str| list.iter().any(|x| x == code);

    // R-AUTO-9, R-VERSION-1/2. L8106–8112: "På MittKanta visas alltså endast
    // de nyaste versionerna av handlingarna. Arkivet plockar den senaste
    // versionen" (only the newest versions are shown); L29292: "Den tidigare
    // versionen visas inte för klienten" (the earlier version is not shown).
    let d = doc(a, id);
    // A document whose case the archive does not hold belongs to no one (fail closed).
    let Some(k) = case(a, &d.case) else {
        return Outcome::Absent;
    };
    // R-AUTO-9. L8110–8112: "om dess status är "raderad" returnerar arkivet
    // inte dokumentet" (status deleted: not returned). R-VERSION-3.
    // L29294–29298: "Makulering ... tas bort från användarens förfogande som
    // om den aldrig funnits" (annulment: as if it never existed) — so no info
    // text either.
    if d.status == Status::Deleted {
        return Outcome::Absent;
    }
    // R-AUTO-9 (case). L29300–29308: annulment runs attachments → client
    // documents of the case → the case: an annulled case has no live
    // documents. Team decision: a case whose newest version is deleted hides
    // its documents, as if they never existed.
    if k.status == Status::Deleted {
        return Outcome::Absent;
    }
    // R-SHARED-1/2/3. Whose document it is: L16814–16818 (see `party`).
    // Not the subject's → nothing, not even the info text.
    if !party(d, k, subject) {
        return Outcome::Absent;
    }
    // R-AUTO-10. L7941–7959: "Klientrelationshandling i andra fasen lämnas
    // bort åtminstone i första fasen" (the client-relationship document is
    // left out, at least in phase 1); its data are shown on the front page
    // instead. Not a restriction of the client's data: no info text.
    if d.specific_type == "client_relationship" {
        return Outcome::Absent;
    }
    // R-AUTO-1. L7770–7780: documents drawn up before Kanta or in the first
    // phase ("Gammal klienthandling eller Klienthandling i första fasen") are
    // not returned. R-INFO-2. L7672–7674: "Denna informationstext visas dock
    // inte om det är fråga om att inte visa gamla handlingar och handlingar i
    // första fasen" (the text is not shown for old and phase-1 documents).
    // These documents carry special content set by the client system
    // (L7776–7780), so this check must come before the special-content one.
    if matches!(d.group, DocumentGroup::Old | DocumentGroup::Phase1) {
        return Outcome::Absent;
    }
    // R-TASK-2. L7725–7727: shown "som standard ... lika länge som den
    // fastställda tiden för handlingarnas aktiva användning ... (se kapitel
    // 11.3.1)" (as long as the active-use period); L29193–29195: "15 år, och
    // beräkningen av den inleds 2 år efter att det ärende ... har avslutats"
    // (15 years, counted from 2 years after the case was closed) → closed +
    // 17 years, that day included (team decision; 29 Feb → 28 Feb). An open
    // case: always active. Not a restriction: no info text.
    if let Some(closed) = k.closed {
        if today > plus_years(closed, 17) {
            return Outcome::Absent;
        }
    }

    // --- Restrictions for guardians only (section 5.4.3); no info text. ---
    // R-INFO-4 (team decision): the text is the client's (L7660 "visar
    // MittKanta följande informationstext för klienten"). These come before
    // the restrictions that call for the text: a document this guardian may
    // never see must not switch the text on and off as its delay runs out
    // (that would tell the guardian something is withheld from them).
    // The guardian counts as a client of the document only if a party by the
    // same test as the subject (R-SHARED-3).
    let guardian_is_client = acting && party(d, k, viewer);
    let withheld_from_guardians =
        code_withholds(d.guardian_disclosure) || code_withholds(k.guardian_disclosure);
    if acting && !guardian_is_client {
        // R-GUARD-13. L9279–9297: "Om en vårdnadshavare som uträttar ärenden
        // för barnets räkning inte själv är med i det gemensamma ärendet, kan
        // handlingarna inte visas för honom eller henne" (a guardian not in
        // the shared case is not shown its documents); table 5.6.1
        // L11092–11106. Shared = more than one client on the document, the
        // archive's own test (L7834).
        if d.clients.len() > 1 {
            return Outcome::GuardianOnly;
        }
        // R-GUARD-10. L8946–8950 (code 2), L9131–9137 (code 4): the archive
        // "returnerar inte handlingen till vårdnadshavarnas MittKanta";
        // L8794–8796: for both guardians "och samtidigt även eventuella
        // personer med rätt att få information" (and information-right
        // holders). R-GUARD-11. L8808–8814: a case-level restriction "ärvs i
        // alla klienthandlingar som fogas till ärendet".
        if withheld_from_guardians {
            return Outcome::GuardianOnly;
        }
    }
    // (L8788–8792: "Ett undantag är handlingar som har upprättats för barnets
    // och vårdnadshavarens gemensamma ärende ... Dessa handlingar visas för
    // vårdnadshavaren ... eftersom han eller hon har antecknats som klient"
    // — a guardian who is a client of the document sees it whatever its code.)

    // R-DELAY-1/2. L8304–8308: the field holds "det datum från vilket
    // handlingen får visas" (the date FROM which it may be shown): shown on
    // that day; table 5.5.1 rows 1–2: not returned "om datumet för
    // fördröjningen är i framtiden" (if the date is in the future).
    // L8332–8334: the case's date "ärvs i alla handlingar som hör till
    // ärendet" (is inherited by every document of the case). L8300–8302:
    // delayed "på samma sätt även för den som uträttar ärenden för någon
    // annans räkning" (likewise for a proxy).
    let effective_delay = d.delay_until.max(k.delay_until);
    let delayed = effective_delay.is_some_and(|x| x > today);
    // R-SPECIAL-1/2. L8375–8379: "Inga uppgifter kommer att visas ... Handlingen
    // visas inte heller för den som uträttar ärenden för någon annans räkning"
    // (nothing shown, to the client or a proxy). L8422–8426: the case's flag
    // "ärvs i alla handlingar som hör till ärendet"; table 5.5.1 row 4: the
    // archive "Returnerar inte handlingar som fogas till ärendet".
    let special = d.special_content || k.special_content;

    // R-AUTO-5. L7796–7808: journal entries are not shown in MittKanta's
    // first phase; "arkivet inte returnerar handlingar vars handlingsgrupp är
    // anteckning i klientjournalen" (filtered on the document group).
    // R-INFO-2. L7674–7676: "Informationstexten om att journalanteckningar
    // inte visas syns inte heller" (that they are not shown calls for no
    // text). R-INFO-6. L7668–7672: the text is shown "när arbetstagaren gör
    // ärende- eller handlingsspecifika begränsningar" — a worker's delay or
    // special content on the entry (or its case) still calls for it.
    if phase == Phase::One && d.group == DocumentGroup::JournalEntry {
        return if delayed || special {
            Outcome::Restricted
        } else {
            Outcome::Absent
        };
    }

    // --- Restrictions that call for the information text (R-INFO-1). ---
    // L7668–7672: "Denna informationstext visas både när klientdatasystemet
    // och arkivet har infört förhandsbegränsningar ... och när arbetstagaren
    // gör ärende- eller handlingsspecifika begränsningar" (the text is shown
    // both for the system's and archive's pre-restrictions and for a worker's
    // case- or document-level restrictions).

    // R-AUTO-2. L7881–7891: parentage investigation, flagged "utifrån
    // preciserande handlingstyp och/eller socialservice-metadata"; "Arkivet
    // returnerar inte de handlingar ... vars metadata innehåller socialservice
    // för föräldraskapsutredning". L7899–7901: also the old paternity and
    // maternity investigations. (The format names no parentage specific
    // types; the three social-service codes are also honoured as specific
    // types, fail closed.)
    let parentage = [
        "parentage_investigation",
        "paternity_investigation",
        "maternity_investigation",
    ];
    let r_auto_2 = parentage.iter().any(|c| in_list(&d.social_services, c))
        || parentage.contains(&d.specific_type.as_str());
    // R-AUTO-3. L7903–7935, table 5.5.1 row 11: shelter service, by social
    // service, by the specific types "förhandsuppgifter ..., första
    // bedömningen, plan inom skyddshemsservice", and "utifrån serviceenheten"
    // (by the service unit) when the shelter social service is missing.
    let unit_is_shelter = d
        .service_unit
        .as_ref()
        .and_then(|u| a.service_units.iter().find(|s| &s.oid == u))
        .is_some_and(|u| u.kind == UnitKind::Shelter);
    let r_auto_3 = in_list(&d.social_services, "shelter_service")
        || [
            "shelter_advance_information",
            "shelter_initial_assessment",
            "shelter_plan",
        ]
        .contains(&d.specific_type.as_str())
        || unit_is_shelter;
    // R-AUTO-4. L7903–7905: "På MittKanta kommer man inte att visa handlingar
    // för ... förebyggande av våld i nära relationer och inom familjen" (no
    // documents of intimate-partner and family violence prevention); table
    // 5.2.1 L8042–8056 and row 12: the four specific types. Team decision:
    // also by social service `violence_prevention`.
    let r_auto_4 = in_list(&d.social_services, "violence_prevention")
        || [
            "ipv_risk_assessment",
            "safety_plan",
            "harassment_stalking_risk_assessment",
            "ipv_experience_assessment",
        ]
        .contains(&d.specific_type.as_str());
    // R-AUTO-8. L8118–8124: "socialvårdens betalningsförbindelse för
    // kompletterande eller förebyggande utkomststöd" is left out, flagged by
    // the specific type.
    let r_auto_8 = d.specific_type == "payment_commitment_income_support";
    // R-AUTO-6. L7818–7836 (phase 1): "Arkivet kontrollerar antalet klienter i
    // handlingen och om det är fler än en returnerar det inte handlingen"
    // (more than one client on the document: not returned).
    let r_auto_6 = phase == Phase::One && d.clients.len() > 1;
    // R-AUTO-7. L7842–7877 (phase 1): "returnerar inte i första fasen ...
    // handlingar i vilkas metadata adoptionsrådgivning har antecknats som
    // socialservice" (adoption counselling by social service).
    let r_auto_7 = phase == Phase::One && in_list(&d.social_services, "adoption_counselling");
    if r_auto_2 || r_auto_3 || r_auto_4 || r_auto_6 || r_auto_7 || r_auto_8 || delayed || special {
        return Outcome::Restricted;
    }

    // --- Attachments. ---
    let stored = helsinki_date(d.stored_at);
    let mut attachments = Vec::new();
    let mut attachment_restricted = false;
    let mut attachment_delay_ended = Vec::new();
    for at in &d.attachments {
        // R-DELAY-3. L8312–8314: "Det är också möjligt att fördröja en bilaga
        // till huvudhandlingen" (an attachment can be delayed on its own).
        let at_delayed = at.delay_until.is_some_and(|x| x > today);
        // R-SPECIAL-3. L8381–8385: "specialinnehåll för en bilagehandling och
        // därmed låta bli att visa den" (special content on an attachment).
        // R-GUARD-10 (attachments, team decision): an attachment is a document
        // (L8391–8393 "bilagehandling"); every document of a minor carries a
        // code (L8891–8893). Withheld from a guardian who is not a client;
        // first, as above (R-INFO-4).
        if acting && !guardian_is_client && code_withholds(at.guardian_disclosure) {
            continue;
        }
        if at_delayed || at.special_content {
            attachment_restricted = true;
            continue;
        }
        // R-DELAY-4 (attachments, L8312–8314: an attachment may be delayed
        // on its own; the notice extrapolated from L8308–8311). Only if the
        // delay ran past the day the document was stored: it was withheld.
        if at.delay_until.is_some_and(|x| x <= today && x > stored) {
            attachment_delay_ended.push(at.id.clone());
        }
        attachments.push(at.id.clone());
    }
    Outcome::Shown {
        attachments,
        attachment_restricted,
        attachment_delay_ended,
        // R-DELAY-4. L8308–8311: "När tidsfristen för fördröjningen går ut
        // visas handlingen ... och i samband med den visas information om att
        // fördröjningen av handlingen har upphört" (when the delay ends the
        // document is shown with a notice that its delay has ended).
        // Told only of a document that was withheld: the delay date was
        // later than the day it reached the archive (a document drawn up
        // after its case's delay ended was never delayed at all).
        delay_ended: effective_delay.is_some_and(|x| x <= today && x > stored),
        withheld_from_guardians,
    }
}

/// The model's answer for `viewer` looking at `subject`'s records
/// (`viewer == subject`: the own view; otherwise acting for a child, asked
/// only when `may_act` is true).
pub fn expected(
    a: &Archive,
    viewer: &str,
    subject: &str,
    today: NaiveDate,
    phase: Phase,
) -> Expected {
    let acting = viewer != subject;
    let mut out = Expected::default();

    // --- Documents. ---
    let mut ids: Vec<&str> = a.documents.iter().map(|d| d.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        match judge(a, viewer, subject, today, phase, id) {
            Outcome::Absent | Outcome::GuardianOnly => {}
            Outcome::Restricted => out.info_text = true,
            Outcome::Shown {
                attachments,
                attachment_restricted,
                attachment_delay_ended,
                delay_ended,
                withheld_from_guardians,
            } => {
                // R-INFO-1 (team decision): an attachment withheld by its own
                // delay or special content is a worker's restriction too.
                out.info_text |= attachment_restricted;
                if delay_ended {
                    out.delay_ended.insert(id.to_string());
                }
                for at in attachment_delay_ended {
                    out.attachment_delay_ended.insert(format!("{id}/{at}"));
                }
                // R-TASK-6, R-GUARD-14. L7735–7737: "I denna lista visas för en
                // minderårig klient information om det finns någon handling som
                // inte visas för hans eller hennes vårdnadshavare" (for a minor
                // client, the list shows whether a document is not shown to the
                // guardians); table 5.5.1 rows 6 and 8 (L9674–9799,
                // L9939–10075): for codes 2 and 4, "Visar ... för en
                // minderårig klient i handlingen en uppgift om att handlingen
                // inte visas för vårdnadshavaren". Own view, under 18 today.
                if !acting && withheld_from_guardians && minor(person(a, subject), today) {
                    out.minor_notice.insert(id.to_string());
                }
                out.documents.insert(id.to_string(), attachments);
            }
        }
    }

    // --- Client relationships: the front page (R-FRONT-4..7). ---
    // L7698–7717: start and end of the client relationship, of the
    // child-protection relationship, and the own contact person, all "hämtas
    // från klientens klientrelationshandling" (taken from the client's
    // relationship document). One entry per relationship document id.
    let mut rel_ids: Vec<&str> = a
        .client_relationships
        .iter()
        .filter(|r| r.client == subject)
        .map(|r| r.id.as_str())
        .collect();
    rel_ids.sort_unstable();
    rel_ids.dedup();
    for id in rel_ids {
        // R-FRONT-6 / R-DELAY-6: the newest version governs (L8349–8351 "När
        // anteckningarna ändras lagras nya versioner").
        let r = relationship(a, id);
        if r.client != subject {
            continue;
        }
        // R-FRONT-6 / R-VERSION-3. L29294–29298: annulled "som om den aldrig
        // funnits" (as if it never existed): unused, no info text.
        if r.status == Status::Deleted {
            continue;
        }
        // R-FRONT-6 (team decision). L20429–20433: the "gammal klientrelation"
        // switch marks the relationship that holds pre-Kanta documents, whose
        // display is exempt from the info text (L7672–7674): unused, no text.
        if r.old {
            continue;
        }
        // R-FRONT-6. L7780–7784: "arkivet granskar klientrelationshandlingens
        // schemaversion och visar inte heller dem vars schemaversion är äldre
        // än 6/2019" (relationship documents older than schema 6/2019 are not
        // shown) — a first-phase document: no info text (L7672–7674).
        if r.schema_version < SchemaVersion::new(2019, 6) {
            continue;
        }
        // R-FRONT-7. L11039–11051 (table 5.6.1): the guardian restriction "kan
        // göras för en klienthandling, en klientrelationshandling eller en
        // ärendehandling". Guardians only; no info text (R-INFO-4), and
        // first, as for documents.
        if acting && code_withholds(r.guardian_disclosure) {
            continue;
        }
        // R-SPECIAL-4. L8385–8391: "En anteckning om specialinnehåll kan också
        // göras i klientrelationshandlingen. Då visas inte på förstasidan ...
        // uppgifter om den egna kontaktpersonen, inlednings- och
        // avslutningsdatum" (special content on the relationship document
        // hides its front-page data). R-FRONT-7. L10885–10897 (table 5.6.1):
        // delay and special content "kan göras för en klienthandling, en
        // ärendehandling eller en klientrelationshandling". R-INFO-3: a
        // worker's restriction, so the info text (L7668–7672).
        if r.special_content || r.delay_until.is_some_and(|x| x > today) {
            out.info_text = true;
            continue;
        }
        // R-FRONT-5. L7715–7717: "Om fler än en egen kontaktperson ... har
        // antecknats i klientrelationshandlingen, visas alltid den nyaste"
        // (if several, the newest is always shown): the newest `since`.
        let mut contact: Option<&ResponsibleWorker> = None;
        for w in &r.responsible_workers {
            if contact.is_none_or(|c| w.since > c.since) {
                contact = Some(w);
            }
        }
        out.relationships.push((
            r.register_keeper.clone(),
            r.started,
            contact.map(|w| w.name.clone()),
        ));
    }
    out.relationships.sort();

    // --- Disclosure log (R-DISC-1..3). ---
    // L31129–31137: every search in another register keeper's register is
    // logged; "På MittKanta kommer tidpunkten för utlämnande ..., namnet på
    // den organisation som fått uppgifterna och vilka uppgifter som har
    // lämnats ut att visas. Uppgifter om en yrkesutbildad person som sökt
    // klientuppgifter visas inte" (time, recipient organisation and data are
    // shown; the professional is not). L2825–2833: "I samband med att man
    // läser en handling returneras uppgifter om de utlämnande som gjorts av
    // handlingen" (with a document, its disclosures are returned), for the
    // client's own documents "eller sådana som han eller hon företräder" (or
    // those of someone they represent). R-DISC-3 (team decision): only with a
    // document this viewer may see, and only the subject's own entries.
    let mut disclosures: Vec<String> = a
        .disclosures
        .iter()
        .filter(|x| x.client == subject && out.documents.contains_key(&x.document))
        .map(|x| x.id.clone())
        .collect();
    disclosures.sort();
    out.disclosures = disclosures;
    out
}
