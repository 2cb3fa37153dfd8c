//! The data the browser sees. Everything here has already passed the
//! server's visibility policy: no type carries a hidden document.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// Who is signed in and whose records are on screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ViewerInfo {
    pub name: String,
    pub lang: Lang,
    /// The child whose records are on screen, when acting for one.
    pub acting_for: Option<ChildChoice>,
    /// Minors the viewer may act for now (R-GUARD-1..7).
    pub children: Vec<ChildChoice>,
    /// The passwordless test identification is on: every page says so.
    pub test_identification: bool,
    /// The token every form of the page carries (CSRF).
    pub form_token: String,
}

/// The frame of every page: its language and, when someone is signed in,
/// who and for whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Frame {
    pub lang: Lang,
    /// The token every form of the page carries (CSRF).
    pub form_token: String,
    pub test_identification: bool,
    pub viewer: Option<ViewerInfo>,
    /// The database did not answer.
    pub unavailable: bool,
    /// Today in Finland (the print date of a printed page).
    pub today: NaiveDate,
}

/// Where a request whose session has ended is sent: the sign-in page, told
/// to say why.
pub const SESSION_ENDED_LOGIN: &str = "/login?ended=1";

/// The sign-in page: the ways in that are configured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SignInPage {
    pub form_token: String,
    /// Sign in through the OpenID provider (Suomi.fi e-Identification).
    pub oidc: bool,
    /// The test identification's list, when it is on.
    pub test: Option<TestPersonsPage>,
    /// The session limits, for the page that says a session has ended.
    pub session_idle_minutes: u32,
    pub session_hours: u32,
}

/// Rows per page of the use log.
pub const USE_LOG_PAGE: u32 = 50;

/// "Use of my information on this portal": who opened the viewer's own
/// records here, and when, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct UseLogPage {
    pub entries: Vec<UseLogEntry>,
    pub page: u32,
    pub pages: u32,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UseLogEntry {
    /// Finnish time.
    pub at: chrono::NaiveDateTime,
    /// The reader's name.
    pub who: String,
    pub relation: Relation,
    /// What was opened: `front_page`, `task_page`, `document`, `document_body`,
    /// `attachment`, `disclosures` or `use_log`.
    pub action: String,
}

/// How a reader stood to the person whose records they read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Relation {
    Own,
    Guardian,
    InformationRight,
    Unknown,
}

/// A page's data together with who is viewing it: one resource per page, so
/// that server rendering never nests one suspense inside another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub viewer: ViewerInfo,
    pub data: T,
}

/// A child the viewer may choose; `key` is opaque (never a personal identity code).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChildChoice {
    pub key: String,
    pub name: String,
}

/// A person on the test-identification page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestPerson {
    pub id: String,
    pub name: String,
    pub birth_date: NaiveDate,
    /// What testers need to know of the person (in the page's language).
    pub notes: Vec<TesterNote>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TesterNote {
    Adult,
    Minor,
    /// A guardian (or information-right holder) of this many children.
    GuardianOf(u32),
    ProtectionOrder,
    Trustee,
    DeclaredIncompetent,
}

/// How many test persons the identification page lists at a time.
pub const TEST_PERSONS_PAGE: u32 = 50;

/// One page of the test-identification list, searched by name or identity
/// code (the store may hold 100 000 persons).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct TestPersonsPage {
    pub persons: Vec<TestPerson>,
    /// The search as given (empty: everyone).
    pub query: String,
    pub page: u32,
    pub pages: u32,
    pub total: u32,
}

/// One document in a list (R-FRONT-2, R-TASK-5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocSummary {
    pub id: String,
    pub title: String,
    /// The document's date (its creation date in the client-information system).
    pub date: NaiveDate,
    /// R-TASK-5: the date this version was drawn up (a correction updates it).
    pub drawn_up: NaiveDate,
    /// The day it was stored in the archive.
    pub stored: NaiveDate,
    /// R-FRONT-3
    pub is_new: bool,
    /// R-TASK-7
    pub shared: bool,
    /// R-TASK-6 / R-GUARD-14
    pub withheld_from_guardians: bool,
    /// R-DELAY-4
    pub delay_ended: bool,
    /// R-TASK-5, R-DELAY-3, R-SPECIAL-3: visible attachments only.
    pub attachments: u32,
    pub social_services: Vec<String>,
    pub register_keeper: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskGroup {
    pub task: String,
    /// Visible documents of the task in all.
    pub total: u32,
    /// R-FRONT-1: the five newest, newest first.
    pub newest: Vec<DocSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub unit: Option<String>,
}

/// R-FRONT-4/5 for one register keeper.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relationship {
    pub register_keeper: String,
    pub started: NaiveDate,
    pub ended: Option<NaiveDate>,
    pub child_protection_started: Option<NaiveDate>,
    pub child_protection_ended: Option<NaiveDate>,
    pub contact: Option<Contact>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrontPage {
    /// R-INFO-1/2
    pub info_text: bool,
    pub relationships: Vec<Relationship>,
    pub groups: Vec<TaskGroup>,
    /// A shown client plan carries AVAIN goals: the front page links to them.
    #[serde(default)]
    pub has_goals: bool,
}

/// "My goals": the AVAIN goals of the client plans the
/// viewer may see, each across the plans' evaluations, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct GoalsPage {
    pub goals: Vec<GoalView>,
    /// The methods and services of the newest plan that names any.
    pub methods: Vec<UsedView>,
    pub services: Vec<ServiceUse>,
    /// That plan.
    pub latest_plan: Option<PlanRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanRef {
    pub id: String,
    pub title: String,
    pub date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalView {
    pub text: String,
    pub area: Option<String>,
    /// true: a change for the better; false: keeping it from getting worse.
    pub improve: bool,
    /// The plan that first set the goal.
    pub set_in: PlanRef,
    pub evaluations: Vec<GoalPoint>,
}

/// One evaluation of a goal: in which plan, and whether it was reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalPoint {
    pub plan: PlanRef,
    pub reached: Reached,
    pub factors: Vec<FactorView>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reached {
    No,
    Partly,
    Yes,
}

impl Reached {
    /// The chart's level: 0 (not reached) to 2 (reached).
    pub fn level(self) -> u32 {
        match self {
            Reached::No => 0,
            Reached::Partly => 1,
            Reached::Yes => 2,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactorView {
    pub text: String,
    pub supported: bool,
}

/// A method and whether it was used (`None`: not evaluated yet).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsedView {
    pub text: String,
    pub used: Option<bool>,
}

/// One of AVAIN's 24 services (its name is a message) and whether it was used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceUse {
    pub code: u8,
    pub used: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SortKey {
    #[default]
    Date,
    Name,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SortOrder {
    #[default]
    Desc,
    Asc,
}

/// The query of the service-task view (R-TASK-3, R-TASK-4), as in its URL.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TaskQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub sort: SortKey,
    pub order: SortOrder,
    /// 1-based.
    pub page: u32,
}

pub const PAGE_SIZE: u32 = 20;

/// R-TASK-3: date search reaches back to 1 January 2023 and no further.
pub fn date_search_floor() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or(NaiveDate::MIN)
}

impl TaskQuery {
    /// Reads the URL query (`from`, `to`, `sort`, `order`, `page`); anything
    /// unreadable falls back to the default.
    pub fn from_pairs(get: impl Fn(&str) -> Option<String>) -> Self {
        let date = |k: &str| get(k).and_then(|v| v.parse::<NaiveDate>().ok());
        TaskQuery {
            from: date("from"),
            to: date("to"),
            sort: match get("sort").as_deref() {
                Some("name") => SortKey::Name,
                _ => SortKey::Date,
            },
            order: match get("order").as_deref() {
                Some("asc") => SortOrder::Asc,
                _ => SortOrder::Desc,
            },
            page: get("page")
                .and_then(|p| p.parse().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        }
    }

    /// The query string of this query (without `?`).
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if let Some(f) = self.from {
            parts.push(format!("from={f}"));
        }
        if let Some(t) = self.to {
            parts.push(format!("to={t}"));
        }
        if self.sort == SortKey::Name {
            parts.push("sort=name".to_string());
        }
        if self.order == SortOrder::Asc {
            parts.push("order=asc".to_string());
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        parts.join("&")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskPage {
    pub task: String,
    pub info_text: bool,
    /// The query as applied (R-TASK-3: a `from` or `to` before 1.1.2023 is raised to it).
    pub query: TaskQuery,
    pub from_raised: bool,
    pub to_raised: bool,
    /// The search's start is after its end (as asked).
    pub reversed: bool,
    pub total: u32,
    pub pages: u32,
    pub documents: Vec<DocSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DocBody {
    /// Sanitised XHTML.
    Xhtml(String),
    /// Served by the authorised file route at `href`.
    Pdf { href: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttachmentLink {
    pub title: String,
    pub href: String,
    pub pdf: bool,
    /// About how many bytes the file has (for "PDF file, 120 kB").
    #[serde(default)]
    pub size: Option<u64>,
    /// R-DELAY-4: the attachment's own delayed display has ended.
    pub delay_ended: bool,
    /// R-TASK-6, R-GUARD-10: a minor's own attachment not shown to guardians.
    pub withheld_from_guardians: bool,
}

/// One entry of the disclosure log (R-DISC-1): when, to whom and what. The
/// professional who searched is never part of it (R-DISC-2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DisclosureView {
    /// Date and time in Finnish time, `d.m.yyyy hh:mm`.
    pub disclosed_at: String,
    /// The same instant for `<time datetime>` (RFC 3339, Finnish offset).
    pub disclosed_at_iso: String,
    pub recipient: String,
    pub data: String,
    /// The document disclosed (always one the viewer may see, R-DISC-3).
    pub document_id: String,
    pub document_title: String,
}

/// The disclosure-log page (R-DISC-1..3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DisclosuresPage {
    /// Newest first.
    pub disclosures: Vec<DisclosureView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignatureView {
    pub name: String,
    pub role: Option<String>,
    /// R-SIGN-2: digits only; never an identity code.
    pub registration_number: Option<String>,
    /// The identification method's word (`i18n::signature_method`).
    pub method: String,
    pub signed_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorrectionView {
    pub corrector: String,
    pub title: String,
    pub date: NaiveDate,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentView {
    pub summary: DocSummary,
    pub service_tasks: Vec<String>,
    pub author: Option<String>,
    pub body: DocBody,
    pub attachments: Vec<AttachmentLink>,
    /// R-SIGN-1: system signatures are left out.
    pub signatures: Vec<SignatureView>,
    /// R-VERSION-1
    pub correction: Option<CorrectionView>,
    /// R-DISC-1: the disclosures of this document, newest first.
    pub disclosures: Vec<DisclosureView>,
}

/// Percent-encodes a path segment (ids are OIDs, but nothing is assumed).
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Undoes [`encode_segment`] (and any `%XX`); `None` for bad escapes or
/// text that is not UTF-8.
pub fn decode_component(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub fn document_href(id: &str) -> String {
    format!("/documents/{}", encode_segment(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(qs: &str) -> TaskQuery {
        let pairs: Vec<(String, String)> = qs
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        TaskQuery::from_pairs(|k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))
    }

    #[test]
    fn task_query_round_trips_through_its_query_string() {
        let queries = [
            TaskQuery {
                page: 1,
                ..TaskQuery::default()
            },
            TaskQuery {
                from: Some("2023-01-01".parse().unwrap()),
                to: Some("2024-12-31".parse().unwrap()),
                sort: SortKey::Name,
                order: SortOrder::Asc,
                page: 3,
            },
            TaskQuery {
                to: Some("2025-06-30".parse().unwrap()),
                order: SortOrder::Asc,
                page: 2,
                ..TaskQuery::default()
            },
        ];
        for q in queries {
            assert_eq!(parse(&q.to_query_string()), q, "{}", q.to_query_string());
        }
        assert_eq!(
            parse("from=2024-01-02&sort=name&page=4").to_query_string(),
            "from=2024-01-02&sort=name&page=4"
        );
    }

    #[test]
    fn an_unreadable_task_query_falls_back_to_the_defaults() {
        let q = parse("from=yesterday&to=2024-13-01&sort=size&order=up&page=0");
        assert_eq!(
            q,
            TaskQuery {
                page: 1,
                ..TaskQuery::default()
            }
        );
        assert_eq!(q.to_query_string(), "");
        assert_eq!(parse("page=-2").page, 1);
    }

    #[test]
    fn path_segments_are_percent_encoded() {
        assert_eq!(encode_segment("1.2.246/x y"), "1.2.246%2Fx%20y");
        assert_eq!(document_href("a?b"), "/documents/a%3Fb");
    }
}
