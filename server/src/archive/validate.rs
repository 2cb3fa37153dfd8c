//! Semantic validation of an archive file: codes, references, hetu checksums,
//! required-when rules. Every problem names its JSON path.

use std::collections::{HashMap, HashSet};

use base64::Engine;
use chrono::NaiveDate;

use super::format::{
    Archive, Body, Case, Document, GuardianDisclosure, GuardianRole, RestrictionReason, Status,
    FORMAT_V1,
};
use super::hetu;
use crate::clock::finnish_date;
use crate::policy::is_minor_on;

/// One thing wrong with an import file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// What the store already holds, so that a file may refer to it.
pub trait Known {
    fn person(&self, id: &str) -> Option<NaiveDate>;
    fn organisation(&self, oid: &str) -> bool;
    fn service_unit(&self, oid: &str) -> bool;
    fn case(&self, id: &str) -> bool;
    fn document(&self, id: &str) -> bool;
    /// `person` is named as a client in some stored version of document `id`.
    fn document_client(&self, id: &str, person: &str) -> bool;
    /// The status of version `version` of record `id` of `kind`, if stored.
    fn stored_version(&self, kind: Versioned, id: &str, version: u32) -> Option<Status>;
    /// The newest stored version of case `id`.
    fn newest_case(&self, id: &str) -> Option<Case>;
}

/// The records that are stored in versions (L25946–25956).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Versioned {
    ClientRelationship,
    Case,
    Document,
}

/// The longest free-text restriction reason (archive-format.md).
const MAX_TEXT: usize = 500;

struct Check<'a> {
    problems: Vec<Problem>,
    known: &'a dyn Known,
    people: HashMap<&'a str, NaiveDate>,
    organisations: HashSet<&'a str>,
    units: HashSet<&'a str>,
    cases: HashSet<&'a str>,
    documents: HashSet<&'a str>,
    /// (document id, client) for every client of every version in the file.
    document_clients: HashSet<(&'a str, &'a str)>,
}

impl<'a> Check<'a> {
    fn fail(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }
    fn non_empty(&mut self, path: String, value: &str) {
        if value.trim().is_empty() {
            self.fail(path, "must not be empty");
        }
    }
    fn person_birth(&self, id: &str) -> Option<NaiveDate> {
        self.people
            .get(id)
            .copied()
            .or_else(|| self.known.person(id))
    }
    fn person_ref(&mut self, path: String, id: &str) {
        if self.person_birth(id).is_none() {
            self.fail(path, format!("unknown person {id:?}"));
        }
    }
    fn organisation_ref(&mut self, path: String, oid: &str) {
        if !self.organisations.contains(oid) && !self.known.organisation(oid) {
            self.fail(path, format!("unknown organisation {oid:?}"));
        }
    }
    fn text(&mut self, path: String, text: &Option<String>) {
        if text.as_ref().is_some_and(|t| t.chars().count() > MAX_TEXT) {
            self.fail(path, format!("must be at most {MAX_TEXT} characters"));
        }
    }
    fn body(&mut self, path: String, body: &Body) {
        match (&body.xhtml, &body.pdf_base64) {
            (Some(x), None) => {
                if x.trim().is_empty() {
                    self.fail(format!("{path}.xhtml"), "must not be empty");
                }
            }
            (None, Some(p)) => match base64::engine::general_purpose::STANDARD.decode(p) {
                Ok(bytes) if bytes.starts_with(b"%PDF-") => {}
                Ok(_) => self.fail(format!("{path}.pdf_base64"), "is not a PDF file"),
                Err(_) => self.fail(format!("{path}.pdf_base64"), "is not valid base64"),
            },
            _ => self.fail(path, "must have exactly one of xhtml and pdf_base64"),
        }
    }
    fn ordered(&mut self, path: String, from: NaiveDate, to: Option<NaiveDate>) {
        if to.is_some_and(|t| t < from) {
            self.fail(path, "ends before it starts");
        }
    }
}

fn duplicates<'a, T, K: std::hash::Hash + Eq + std::fmt::Debug>(
    check: &mut Check<'a>,
    collection: &str,
    items: &'a [T],
    key: impl Fn(&'a T) -> K,
) {
    let mut seen = HashSet::new();
    for (i, item) in items.iter().enumerate() {
        let k = key(item);
        if !seen.insert(key(item)) {
            check.fail(
                format!("{collection}[{i}]"),
                format!("duplicate of an earlier entry {k:?}"),
            );
        }
    }
}

/// Validates the whole file. `Ok` means every record may be stored.
pub fn validate(archive: &Archive, known: &dyn Known) -> Result<(), Vec<Problem>> {
    let mut c = Check {
        problems: Vec::new(),
        known,
        people: archive
            .people
            .iter()
            .map(|p| (p.id.as_str(), p.birth_date))
            .collect(),
        organisations: archive
            .organisations
            .iter()
            .map(|o| o.oid.as_str())
            .collect(),
        units: archive
            .service_units
            .iter()
            .map(|u| u.oid.as_str())
            .collect(),
        cases: archive.cases.iter().map(|k| k.id.as_str()).collect(),
        documents: archive.documents.iter().map(|d| d.id.as_str()).collect(),
        document_clients: archive
            .documents
            .iter()
            .flat_map(|d| d.clients.iter().map(|c| (d.id.as_str(), c.as_str())))
            .collect(),
    };
    if archive.format != FORMAT_V1 {
        c.fail("format", format!("must be {FORMAT_V1:?}"));
    }
    duplicates(&mut c, "organisations", &archive.organisations, |o| {
        o.oid.as_str()
    });
    duplicates(&mut c, "service_units", &archive.service_units, |u| {
        u.oid.as_str()
    });
    duplicates(&mut c, "people", &archive.people, |p| p.id.as_str());
    duplicates(&mut c, "guardianships", &archive.guardianships, |g| {
        (g.guardian.as_str(), g.child.as_str())
    });
    duplicates(
        &mut c,
        "client_relationships",
        &archive.client_relationships,
        |r| (r.id.as_str(), r.version),
    );
    duplicates(&mut c, "cases", &archive.cases, |k| {
        (k.id.as_str(), k.version)
    });
    duplicates(&mut c, "documents", &archive.documents, |d| {
        (d.id.as_str(), d.version)
    });
    duplicates(&mut c, "disclosures", &archive.disclosures, |d| {
        d.id.as_str()
    });

    for (i, o) in archive.organisations.iter().enumerate() {
        c.non_empty(format!("organisations[{i}].oid"), &o.oid);
        c.non_empty(format!("organisations[{i}].name"), &o.name);
    }
    for (i, u) in archive.service_units.iter().enumerate() {
        c.non_empty(format!("service_units[{i}].oid"), &u.oid);
        c.non_empty(format!("service_units[{i}].name"), &u.name);
        c.organisation_ref(format!("service_units[{i}].organisation"), &u.organisation);
    }
    for (i, p) in archive.people.iter().enumerate() {
        let path = format!("people[{i}]");
        if hetu::looks_like_hetu(&p.id) {
            match hetu::validate(&p.id) {
                Ok(born) if born != p.birth_date => c.fail(
                    format!("{path}.birth_date"),
                    "differs from the date in the personal identity code",
                ),
                Ok(_) => {}
                Err(e) => c.fail(
                    format!("{path}.id"),
                    format!("invalid personal identity code: {e}"),
                ),
            }
        } else if p.id.len() < 3
            || p.id.len() > 64
            || !p
                .id
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || "-_.:".contains(ch))
        {
            c.fail(
                format!("{path}.id"),
                "must be a personal identity code or a temporary id (3–64 letters, digits, - _ . :)",
            );
        }
        c.non_empty(format!("{path}.given_names"), &p.given_names);
        c.non_empty(format!("{path}.surname"), &p.surname);
    }
    for (i, g) in archive.guardianships.iter().enumerate() {
        c.person_ref(format!("guardianships[{i}].guardian"), &g.guardian);
        c.person_ref(format!("guardianships[{i}].child"), &g.child);
        // R-GUARD-9: the scope belongs to an information right; on a
        // guardian's link it would be silently meaningless.
        if g.role == GuardianRole::Guardian && !g.covers_social_welfare {
            c.fail(
                format!("guardianships[{i}].covers_social_welfare"),
                "may be false only for an information_right",
            );
        }
        if g.guardian == g.child {
            c.fail(
                format!("guardianships[{i}]"),
                "a person cannot be their own guardian",
            );
        }
    }
    for (i, r) in archive.client_relationships.iter().enumerate() {
        let path = format!("client_relationships[{i}]");
        c.non_empty(format!("{path}.id"), &r.id);
        if r.version < 1 {
            c.fail(format!("{path}.version"), "must be 1 or more");
        }
        c.person_ref(format!("{path}.client"), &r.client);
        c.organisation_ref(format!("{path}.register_keeper"), &r.register_keeper);
        c.ordered(format!("{path}.ended"), r.started, r.ended);
        c.text(format!("{path}.restriction_text"), &r.restriction_text);
        // R-FRONT-7, R-GUARD-10: the relationship document of a minor carries
        // a guardian code, as every document of a minor does (L8891–8893);
        // without one a guardian would be shown it by default (fail closed).
        if r.guardian_disclosure.is_none()
            && c.person_birth(&r.client)
                .is_some_and(|born| is_minor_on(born, r.started))
        {
            c.fail(
                format!("{path}.guardian_disclosure"),
                "is required: the client is under 18 when the relationship starts",
            );
        }
        if let Some(cp) = r.child_protection_started {
            c.ordered(
                format!("{path}.child_protection_ended"),
                cp,
                r.child_protection_ended,
            );
        } else if r.child_protection_ended.is_some() {
            c.fail(
                format!("{path}.child_protection_ended"),
                "set without child_protection_started",
            );
        }
        for (j, w) in r.responsible_workers.iter().enumerate() {
            c.non_empty(format!("{path}.responsible_workers[{j}].name"), &w.name);
        }
    }
    for (i, k) in archive.cases.iter().enumerate() {
        let path = format!("cases[{i}]");
        c.non_empty(format!("{path}.id"), &k.id);
        c.non_empty(format!("{path}.name"), &k.name);
        if k.version < 1 {
            c.fail(format!("{path}.version"), "must be 1 or more");
        }
        c.organisation_ref(format!("{path}.register_keeper"), &k.register_keeper);
        if app::tasks::find(&k.service_task).is_none() {
            c.fail(
                format!("{path}.service_task"),
                format!("unknown service task {:?}", k.service_task),
            );
        }
        c.ordered(format!("{path}.closed"), k.opened, k.closed);
        if k.clients.is_empty() {
            c.fail(format!("{path}.clients"), "must name at least one client");
        }
        for (j, m) in k.clients.iter().enumerate() {
            c.person_ref(format!("{path}.clients[{j}].person"), &m.person);
            if m.removed.is_some_and(|r| r < m.joined) {
                c.fail(format!("{path}.clients[{j}].removed"), "is before joined");
            }
        }
        c.text(format!("{path}.restriction_text"), &k.restriction_text);
    }
    for (i, d) in archive.documents.iter().enumerate() {
        document(&mut c, format!("documents[{i}]"), d);
    }
    storage_checks(&mut c, archive);
    for (i, d) in archive.disclosures.iter().enumerate() {
        let path = format!("disclosures[{i}]");
        c.non_empty(format!("{path}.id"), &d.id);
        c.person_ref(format!("{path}.client"), &d.client);
        if !c.documents.contains(d.document.as_str()) && !c.known.document(&d.document) {
            c.fail(
                format!("{path}.document"),
                format!("unknown document {:?}", d.document),
            );
        } else if !c
            .document_clients
            .contains(&(d.document.as_str(), d.client.as_str()))
            && !c.known.document_client(&d.document, &d.client)
        {
            // R-DISC-1: a disclosure is of the client's own data; an entry for
            // someone the document does not name would show them another
            // person's document title.
            c.fail(
                format!("{path}.client"),
                "is not a client of the disclosed document",
            );
        }
        c.non_empty(format!("{path}.recipient"), &d.recipient);
        c.non_empty(format!("{path}.data"), &d.data);
        if let Some(p) = &d.professional {
            c.non_empty(format!("{path}.professional.name"), &p.name);
        }
    }
    if c.problems.is_empty() {
        Ok(())
    } else {
        Err(c.problems)
    }
}

fn document(c: &mut Check<'_>, path: String, d: &Document) {
    c.non_empty(format!("{path}.id"), &d.id);
    c.non_empty(format!("{path}.title"), &d.title);
    c.non_empty(format!("{path}.specific_type"), &d.specific_type);
    if d.version < 1 {
        c.fail(format!("{path}.version"), "must be 1 or more");
    }
    if !c.cases.contains(d.case.as_str()) && !c.known.case(&d.case) {
        c.fail(format!("{path}.case"), format!("unknown case {:?}", d.case));
    }
    if d.clients.is_empty() {
        c.fail(format!("{path}.clients"), "must name at least one client");
    }
    let mut seen = HashSet::new();
    let mut any_minor = false;
    for (j, p) in d.clients.iter().enumerate() {
        if !seen.insert(p) {
            c.fail(format!("{path}.clients[{j}]"), "is listed twice");
        }
        match c.person_birth(p) {
            None => c.fail(
                format!("{path}.clients[{j}]"),
                format!("unknown person {p:?}"),
            ),
            Some(born) => any_minor |= is_minor_on(born, d.created),
        }
    }
    if d.service_tasks.is_empty() {
        c.fail(
            format!("{path}.service_tasks"),
            "must name at least one service task",
        );
    }
    for (j, t) in d.service_tasks.iter().enumerate() {
        if app::tasks::find(t).is_none() {
            c.fail(
                format!("{path}.service_tasks[{j}]"),
                format!("unknown service task {t:?}"),
            );
        }
    }
    for (j, s) in d.social_services.iter().enumerate() {
        if crate::codes::social_service(s).is_none() {
            c.fail(
                format!("{path}.social_services[{j}]"),
                format!("unknown social service {s:?} (codes.md)"),
            );
        }
    }
    document_types(c, &path, d);
    if let Some(unit) = &d.service_unit {
        if !c.units.contains(unit.as_str()) && !c.known.service_unit(unit) {
            c.fail(
                format!("{path}.service_unit"),
                format!("unknown service unit {unit:?}"),
            );
        }
    }
    c.organisation_ref(format!("{path}.register_keeper"), &d.register_keeper);
    // R-TASK-5: a version is drawn up on or after the document's creation and
    // no later than it reached the archive.
    if let Some(drawn_up) = d.drawn_up {
        if drawn_up < d.created {
            c.fail(format!("{path}.drawn_up"), "is before created");
        } else if drawn_up > finnish_date(d.stored_at.with_timezone(&chrono::Utc)) {
            c.fail(format!("{path}.drawn_up"), "is after stored_at");
        }
    }
    if any_minor && d.guardian_disclosure.is_none() {
        c.fail(
            format!("{path}.guardian_disclosure"),
            "is required: a client is under 18 on the creation date",
        );
    }
    if d.guardian_disclosure == Some(GuardianDisclosure::ShownDespiteProhibition)
        && d.guardian_override_reasons.is_empty()
    {
        c.fail(
            format!("{path}.guardian_override_reasons"),
            "is required when guardian_disclosure is 3",
        );
    }
    c.text(format!("{path}.restriction_text"), &d.restriction_text);
    if let Some(a) = &d.author {
        c.non_empty(format!("{path}.author.name"), &a.name);
    }
    for (j, s) in d.signatures.iter().enumerate() {
        c.non_empty(format!("{path}.signatures[{j}].name"), &s.name);
        let spath = format!("{path}.signatures[{j}]");
        if s.method != crate::policy::codes::SYSTEM_SIGNATURE
            && crate::codes::AUTHENTICATION_METHOD
                .by_word(&s.method)
                .is_none()
        {
            c.fail(
                format!("{spath}.method"),
                format!(
                    "unknown identification method {:?}: \"system\" or a word of {} (archive-format.md)",
                    s.method,
                    crate::codes::AUTHENTICATION_METHOD.oid
                ),
            );
        }
        if let Some(r) = &s.registration_number {
            // R-SIGN-2: a registration number is digits; anything else may be
            // a personal identity code, which is never shown (L28954-28975).
            if r.is_empty() || r.len() > 20 || !r.bytes().all(|b| b.is_ascii_digit()) {
                c.fail(
                    format!("{spath}.registration_number"),
                    "must be 1 to 20 digits (a personal identity code is never given here)",
                );
            }
        }
    }
    if let Some(k) = &d.correction {
        c.non_empty(format!("{path}.correction.corrector"), &k.corrector);
        c.non_empty(format!("{path}.correction.reason"), &k.reason);
    }
    c.body(format!("{path}.body"), &d.body);
    let mut ids = HashSet::new();
    for (j, a) in d.attachments.iter().enumerate() {
        let apath = format!("{path}.attachments[{j}]");
        c.non_empty(format!("{apath}.id"), &a.id);
        c.non_empty(format!("{apath}.title"), &a.title);
        if !ids.insert(a.id.as_str()) {
            c.fail(format!("{apath}.id"), "duplicate attachment id");
        }
        c.body(format!("{apath}.body"), &a.body);
    }
    if let Some(avain) = &d.avain {
        if !d.specific_type.starts_with("client_plan") {
            c.fail(
                format!("{path}.avain"),
                "is allowed only on a client plan (specific_type client_plan…)",
            );
        }
        self::avain(c, format!("{path}.avain"), avain);
    }
}

/// Goals and methods the measure lists, at most (seed 002: 40 goals, 33
/// methods, 24 services), and the length of a goal's words.
const AVAIN_GOALS: usize = 40;
const AVAIN_METHODS: usize = 33;
const AVAIN_SERVICES: u8 = 24;
const AVAIN_TEXT: usize = 200;
/// Situational factors the measure lists (seed 002: 56).
const AVAIN_FACTORS: usize = 56;

fn avain(c: &mut Check<'_>, path: String, a: &crate::archive::format::Avain) {
    let short = |c: &mut Check<'_>, path: String, text: &str| {
        c.non_empty(path.clone(), text);
        if text.chars().count() > AVAIN_TEXT {
            c.fail(path, format!("must be at most {AVAIN_TEXT} characters"));
        }
    };
    if a.goals.len() > AVAIN_GOALS {
        c.fail(
            format!("{path}.goals"),
            format!("at most {AVAIN_GOALS} goals"),
        );
    }
    let mut keys = HashSet::new();
    for (i, g) in a.goals.iter().enumerate() {
        let gpath = format!("{path}.goals[{i}]");
        short(c, format!("{gpath}.key"), &g.key);
        short(c, format!("{gpath}.text"), &g.text);
        if let Some(area) = &g.area {
            short(c, format!("{gpath}.area"), area);
        }
        if !keys.insert(g.key.as_str()) {
            c.fail(format!("{gpath}.key"), "duplicate goal key");
        }
    }
    let mut evaluated = HashSet::new();
    for (i, e) in a.evaluations.iter().enumerate() {
        let epath = format!("{path}.evaluations[{i}]");
        if !keys.contains(e.goal.as_str()) {
            c.fail(
                format!("{epath}.goal"),
                format!("names no goal of this plan: {:?}", e.goal),
            );
        }
        if !evaluated.insert(e.goal.as_str()) {
            c.fail(format!("{epath}.goal"), "the goal is evaluated twice");
        }
        if e.factors.len() > AVAIN_FACTORS {
            c.fail(
                format!("{epath}.factors"),
                format!("at most {AVAIN_FACTORS} factors"),
            );
        }
        for (j, f) in e.factors.iter().enumerate() {
            short(c, format!("{epath}.factors[{j}].text"), &f.text);
        }
    }
    if a.methods.len() > AVAIN_METHODS {
        c.fail(
            format!("{path}.methods"),
            format!("at most {AVAIN_METHODS} methods"),
        );
    }
    for (i, m) in a.methods.iter().enumerate() {
        short(c, format!("{path}.methods[{i}].text"), &m.text);
    }
    let mut services = HashSet::new();
    for (i, s) in a.services.iter().enumerate() {
        let spath = format!("{path}.services[{i}].code");
        if !(1..=AVAIN_SERVICES).contains(&s.code) {
            c.fail(
                spath.clone(),
                format!("must be one of AVAIN's services, 1–{AVAIN_SERVICES}"),
            );
        }
        if !services.insert(s.code) {
            c.fail(spath, "duplicate service");
        }
    }
}

/// The strictness of a guardian code: a document may restrict more than its
/// case, never less (L8808–8816).
fn guardian_rank(code: Option<GuardianDisclosure>) -> u8 {
    match code {
        None | Some(GuardianDisclosure::Shown) => 0,
        Some(GuardianDisclosure::ShownDespiteProhibition) => 1,
        Some(GuardianDisclosure::MinorProhibits | GuardianDisclosure::WorkerWithholds) => 2,
    }
}

/// A member of `case` for the whole of `day` (joined before it, not removed
/// before its end): a document drawn up that day must name them. A join or
/// removal on the day itself is left to the document (R-SHARED-3).
fn active_all_day(m: &super::format::CaseClient, day: NaiveDate) -> bool {
    let date =
        |t: chrono::DateTime<chrono::FixedOffset>| finnish_date(t.with_timezone(&chrono::Utc));
    date(m.joined) < day && m.removed.is_none_or(|r| date(r) > day)
}

/// The reasons a restriction needs (the archive refuses it without):
/// guardian code 2 or 3 needs the free text "Motivering i textform"
/// (L8955–8964, L8980–8982); a delay, special content or code 4 needs a
/// reason from table 5.3.1 (L8316–8320, L8407–8410, L9139–9142).
fn restriction_reasons(
    c: &mut Check<'_>,
    path: &str,
    delay: bool,
    special: bool,
    code: Option<GuardianDisclosure>,
    reasons: &[RestrictionReason],
    text: &Option<String>,
) {
    if matches!(
        code,
        Some(GuardianDisclosure::MinorProhibits | GuardianDisclosure::ShownDespiteProhibition)
    ) && text.as_deref().is_none_or(|t| t.trim().is_empty())
    {
        c.fail(
            format!("{path}.restriction_text"),
            "is required when guardian_disclosure is 2 or 3: the minor's reasons in words (L8955–8964, L8980–8982)",
        );
    }
    let needs = if delay {
        Some("delay_until")
    } else if special {
        Some("special_content")
    } else if code == Some(GuardianDisclosure::WorkerWithholds) {
        Some("guardian_disclosure 4")
    } else {
        None
    };
    if let (Some(what), true) = (needs, reasons.is_empty()) {
        c.fail(
            format!("{path}.restriction_reasons"),
            format!("is required with {what}: a reason from table 5.3.1 (L8316–8320, L8407–8410, L9139–9142)"),
        );
    }
}

/// The checks the national archive makes when it stores a document
/// (chapter 9.12, L25930–25990), as far as the portal holds what they need.
fn storage_checks(c: &mut Check<'_>, archive: &Archive) {
    use std::collections::HashMap;
    // Every version in the file, by kind and id.
    let mut in_file: HashMap<(Versioned, &str, u32), Status> = HashMap::new();
    for r in &archive.client_relationships {
        in_file.insert(
            (Versioned::ClientRelationship, r.id.as_str(), r.version),
            r.status,
        );
    }
    for k in &archive.cases {
        in_file.insert((Versioned::Case, k.id.as_str(), k.version), k.status);
    }
    for d in &archive.documents {
        in_file.insert((Versioned::Document, d.id.as_str(), d.version), d.status);
    }
    // L25950–25956: a first version is 1; a new version is one more than the
    // one it replaces, which must be stored and not annulled.
    let versions = |c: &mut Check<'_>, path: String, kind: Versioned, id: &str, version: u32| {
        if version <= 1 {
            return;
        }
        let previous = in_file
            .get(&(kind, id, version - 1))
            .copied()
            .or_else(|| c.known.stored_version(kind, id, version - 1));
        match previous {
            None => c.fail(
                format!("{path}.version"),
                format!(
                    "version {} of {id:?} is not stored: versions go up by one (L25952–25956)",
                    version - 1
                ),
            ),
            Some(Status::Deleted) => c.fail(
                format!("{path}.version"),
                format!(
                    "version {} of {id:?} is annulled: it cannot be replaced (L25955–25956)",
                    version - 1
                ),
            ),
            Some(Status::Active) => {}
        }
    };
    for (i, r) in archive.client_relationships.iter().enumerate() {
        let path = format!("client_relationships[{i}]");
        versions(
            c,
            path.clone(),
            Versioned::ClientRelationship,
            &r.id,
            r.version,
        );
        restriction_reasons(
            c,
            &path,
            r.delay_until.is_some(),
            r.special_content,
            r.guardian_disclosure,
            &r.restriction_reasons,
            &r.restriction_text,
        );
    }
    for (i, k) in archive.cases.iter().enumerate() {
        let path = format!("cases[{i}]");
        versions(c, path.clone(), Versioned::Case, &k.id, k.version);
        restriction_reasons(
            c,
            &path,
            k.delay_until.is_some(),
            k.special_content,
            k.guardian_disclosure,
            &k.restriction_reasons,
            &k.restriction_text,
        );
        shared_flag(c, &path, k);
    }
    // The newest version of each case in the file.
    let mut newest: HashMap<&str, &Case> = HashMap::new();
    for k in &archive.cases {
        let e = newest.entry(k.id.as_str()).or_insert(k);
        if k.version > e.version {
            *e = k;
        }
    }
    for (i, d) in archive.documents.iter().enumerate() {
        let path = format!("documents[{i}]");
        versions(c, path.clone(), Versioned::Document, &d.id, d.version);
        restriction_reasons(
            c,
            &path,
            d.delay_until.is_some(),
            d.special_content,
            d.guardian_disclosure,
            &d.restriction_reasons,
            &d.restriction_text,
        );
        // A version already stored was checked when it was stored; its case
        // may have changed since (a new marking is not carried back, L8452–8458).
        if c.known
            .stored_version(Versioned::Document, &d.id, d.version)
            .is_some()
        {
            continue;
        }
        let stored;
        let case = match newest.get(d.case.as_str()) {
            Some(k) => *k,
            None => match c.known.newest_case(&d.case) {
                Some(k) => {
                    stored = k;
                    &stored
                }
                None => continue, // refused as an unknown case above
            },
        };
        case_agrees(c, &path, d, case);
    }
}

/// A case that says it is not shared has one client at a time.
fn shared_flag(c: &mut Check<'_>, path: &str, k: &Case) {
    if k.shared != Some(false) {
        return;
    }
    let overlap = k.clients.iter().enumerate().any(|(i, a)| {
        k.clients.iter().skip(i + 1).any(|b| {
            a.person != b.person
                && a.removed.is_none_or(|r| r > b.joined)
                && b.removed.is_none_or(|r| r > a.joined)
        })
    });
    if overlap {
        c.fail(
            format!("{path}.shared"),
            "is false, but two clients are members at the same time",
        );
    }
}

/// A new document agrees with its case: it has the case's clients
/// (L15516–15518; a shared case's document names every active member,
/// L25982–25984) and carries the case's restrictions (delay L8331–8336,
/// special content L8422–8426, guardian code L8808–8816).
fn case_agrees(c: &mut Check<'_>, path: &str, d: &Document, k: &Case) {
    for m in &k.clients {
        if active_all_day(m, d.created) && !d.clients.contains(&m.person) {
            c.fail(
                format!("{path}.clients"),
                format!(
                    "does not name {:?}, a client of case {:?} on {}: the documents of a case have the case's clients (L15516–15518, L25982–25984)",
                    m.person, k.id, d.created
                ),
            );
        }
    }
    for (j, p) in d.clients.iter().enumerate() {
        if !crate::policy::member_on(k, p, d.created) {
            c.fail(
                format!("{path}.clients[{j}]"),
                format!(
                    "is not a client of case {:?} on {} (L15516–15518)",
                    k.id, d.created
                ),
            );
        }
    }
    if let Some(until) = k.delay_until {
        if d.delay_until.is_none_or(|own| own < until) {
            c.fail(
                format!("{path}.delay_until"),
                format!("must be {until} or later: case {:?} delays its documents until then (L8331–8336)", k.id),
            );
        }
    }
    if k.special_content && !d.special_content {
        c.fail(
            format!("{path}.special_content"),
            format!(
                "must be true: case {:?} has special content (L8422–8426)",
                k.id
            ),
        );
    }
    if guardian_rank(d.guardian_disclosure) < guardian_rank(k.guardian_disclosure) {
        c.fail(
            format!("{path}.guardian_disclosure"),
            format!(
                "must restrict at least as much as case {:?} (code {}; L8808–8816)",
                k.id,
                k.guardian_disclosure.map_or(0, u8::from)
            ),
        );
    }
}

/// The types agree with each other, as the archive checks them against the
/// national code server (L25986–25994): a specific type is a code of the
/// table, the general type is the one it belongs to, and a journal entry is
/// in the journal-entry group and nowhere else. The client-relationship
/// document type is the JSON format's own (R-AUTO-10); CDA carries the
/// relationship as a client-relationship document instead.
fn document_types(c: &mut Check<'_>, path: &str, d: &Document) {
    use crate::archive::format::{DocumentGroup, GeneralType};
    if d.specific_type == crate::policy::codes::CLIENT_RELATIONSHIP {
        return;
    }
    let Some((_, specific)) = crate::codes::specific_type(&d.specific_type) else {
        c.fail(
            format!("{path}.specific_type"),
            format!(
                "unknown specific document type {:?} (codes.md)",
                d.specific_type
            ),
        );
        return;
    };
    let general =
        crate::codes::general_of(specific).and_then(|g| crate::codes::general_of_word(g.word));
    if general != Some(d.general_type) {
        c.fail(
            format!("{path}.general_type"),
            format!(
                "must be {:?}: the general type of specific type {:?} (code {})",
                general.map_or("?", crate::codes::general_word),
                d.specific_type,
                specific.code
            ),
        );
    }
    let journal_group = d.group == DocumentGroup::JournalEntry;
    if journal_group != (d.general_type == GeneralType::JournalEntry) {
        c.fail(
            format!("{path}.group"),
            "a journal entry (general type journal_entry) is in group journal_entry, and only a journal entry is",
        );
    }
}
