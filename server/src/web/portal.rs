//! The server's implementation of `app::backend::Backend`: sessions, the
//! subject on screen, and the store's records through the policy and the page
//! assembly. Each request resolves its viewer once, then loads, decides,
//! assembles and audits.

use std::sync::Arc;

use app::backend::Backend;
use app::error::AppError;
use app::i18n::Lang;
use app::model::{
    ChildChoice, DisclosuresPage, DocumentView, Frame, FrontPage, GoalsPage, Page, Relation,
    SignInPage, TaskPage, TaskQuery, TestPerson, TestPersonsPage, UseLogEntry, UseLogPage,
    ViewerInfo,
};
use chrono::{NaiveDate, Utc};
use http::HeaderMap;
use sha2::{Digest, Sha256};

use crate::archive::format::{Language, Person};
use crate::assemble::{self, Evaluated, Labels};
use crate::clock::finnish_date;
use crate::config::{AuthMode, Config};
use crate::policy::{self, Role, View};
use crate::store::{AuditRow, SessionRow, Store, SubjectRecords};

#[derive(Clone)]
pub struct Portal {
    pub store: Store,
    pub config: Arc<Config>,
    /// The OpenID provider (with `PORTAL_AUTH=oidc`).
    pub oidc: Option<Arc<super::oidc::Provider>>,
    /// Sign-in attempts per client address (`PORTAL_SIGNIN_PER_MINUTE`).
    pub signin_limiter: Option<Arc<SignInLimiter>>,
    /// What each request in flight has resolved, by its id ([`Resolved`]).
    requests: Arc<std::sync::Mutex<std::collections::HashMap<String, Arc<Resolved>>>>,
    /// Anonymous refusals, counted instead of written.
    pub refusals: Arc<super::refusals::Refusals>,
}

/// What one request has found out about its viewer, shared by the calls
/// that answer it: a server-rendered page asks for its frame and for its
/// data at once, and each needs the session, the viewer and the children
/// they may act for. Looked up once per request, never shared between
/// requests (the request's id is the server's own, [`REQUEST_ID_HEADER`]);
/// forgotten when the request has been answered ([`Portal::forget`]).
#[derive(Default)]
struct Resolved {
    viewing: tokio::sync::OnceCell<Result<Arc<Viewing>, AppError>>,
    children: tokio::sync::OnceCell<Result<Arc<Vec<Person>>, AppError>>,
}

pub type SignInLimiter = governor::DefaultKeyedRateLimiter<String>;

/// The signed-in viewer and whose records are on screen, checked for this request.
pub struct Viewing {
    pub token: String,
    pub session: SessionRow,
    pub viewer: Person,
    pub subject: Person,
    pub role: Role,
    /// For the audit trail: `own`, `guardian` or `information_right`.
    pub relation: &'static str,
    /// The viewer's language for this request ([`super::language`]).
    pub lang: Lang,
}

impl Viewing {
    pub fn lang(&self) -> Lang {
        self.lang
    }
}

pub fn lang_of(p: &Person) -> Lang {
    match p.language {
        Language::Fi => Lang::Fi,
        Language::Sv => Lang::Sv,
        Language::En => Lang::En,
    }
}

/// The opaque key of a child in the "acting on behalf of" choice: bound to the
/// session, so it is neither a personal identity code nor reusable elsewhere.
pub fn child_key(token: &str, child_id: &str) -> String {
    let digest = Sha256::digest(format!("{token}\u{0}{child_id}").as_bytes());
    hex::encode(digest.get(..10).unwrap_or_default())
}

pub fn full_name(p: &Person) -> String {
    format!("{} {}", p.given_names, p.surname)
}

/// One event of the audit trail, before the request's session and client
/// address are added ([`Portal::audit`]).
#[derive(Debug, Clone, Copy)]
pub struct AuditEvent<'a> {
    pub viewer: Option<&'a str>,
    pub subject: Option<&'a str>,
    pub role: Option<&'a str>,
    pub action: &'a str,
    pub target: Option<&'a str>,
    pub outcome: &'a str,
}

impl<'a> AuditEvent<'a> {
    /// `action` by someone not (or no longer) signed in.
    pub fn anonymous(action: &'a str, target: Option<&'a str>, outcome: &'a str) -> Self {
        Self {
            viewer: None,
            subject: None,
            role: None,
            action,
            target,
            outcome,
        }
    }

    /// A read by the viewer of the subject's records.
    pub fn read(v: &'a Viewing, action: &'a str, target: Option<&'a str>) -> Self {
        Self {
            viewer: Some(&v.viewer.id),
            subject: Some(&v.subject.id),
            role: Some(v.relation),
            action,
            target,
            outcome: "ok",
        }
    }

    pub fn with_outcome(self, outcome: &'a str) -> Self {
        Self { outcome, ..self }
    }
}

/// The request header that carries the client's address from the
/// connection to the handlers; a client's own header of this name is
/// removed first ([`super::client_address`]).
pub const CLIENT_HEADER: &str = "x-portal-client";

/// The request header that carries the request's id (set by the server
/// for every request, in place of anything the client sent).
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The client address of a request, as the listener saw it.
pub fn client_of(headers: &HeaderMap) -> Option<&str> {
    headers.get(CLIENT_HEADER).and_then(|v| v.to_str().ok())
}

/// Headers a reverse proxy adds: a request that carries one came through
/// one, whatever its peer address.
const PROXY_HEADERS: [&str; 8] = [
    "forwarded",
    "x-forwarded-for",
    "x-forwarded-host",
    "x-forwarded-proto",
    "x-real-ip",
    "true-client-ip",
    "cf-connecting-ip",
    "via",
];

/// Whether a request comes from this machine itself: a loopback peer and
/// no proxy's header (the test identification answers nothing else).
pub fn from_this_machine(headers: &HeaderMap) -> bool {
    client_of(headers)
        .and_then(|c| c.parse::<std::net::IpAddr>().ok())
        .is_some_and(|ip| ip.is_loopback())
        && !PROXY_HEADERS.iter().any(|h| headers.contains_key(*h))
}

/// Whose allowance of sign-in attempts a request uses: its IPv4 address, or
/// the /64 network of its IPv6 address (one host may hold a whole /64).
fn limit_key(client: Option<&str>) -> String {
    match client.and_then(|c| c.parse::<std::net::IpAddr>().ok()) {
        Some(std::net::IpAddr::V6(v6)) => {
            let [a, b, c, d, ..] = v6.segments();
            format!("{a:x}:{b:x}:{c:x}:{d:x}::/64")
        }
        Some(ip) => ip.to_string(),
        None => "unknown".into(),
    }
}

/// A refused or failed read: the error, in the viewer's language when known.
#[derive(Debug)]
pub struct Denied {
    pub error: AppError,
    pub lang: Option<Lang>,
}

impl From<Denied> for AppError {
    fn from(d: Denied) -> Self {
        d.error
    }
}

impl From<Denied> for super::WebError {
    fn from(d: Denied) -> Self {
        let e = super::WebError::from(d.error);
        match d.lang {
            Some(lang) => e.in_lang(lang),
            None => e,
        }
    }
}

impl Portal {
    /// Whether this request may use the passwordless test identification:
    /// it is on, and the request comes from this machine (the settings make
    /// sure of the listener; this of each request, should a proxy or a port
    /// forward be put in front anyway).
    pub fn test_identification_here(&self, headers: &HeaderMap) -> bool {
        self.config.auth == AuthMode::Test && from_this_machine(headers)
    }

    /// The portal on `store`; fails when the OpenID provider's settings
    /// cannot be used (an unreadable key file…).
    pub fn new(store: Store, config: Config) -> Result<Self, super::oidc::OidcError> {
        let oidc = super::oidc::Provider::from_config(&config)?.map(Arc::new);
        let signin_limiter = std::num::NonZeroU32::new(config.signin_per_minute)
            .map(|n| Arc::new(governor::RateLimiter::keyed(governor::Quota::per_minute(n))));
        Ok(Portal {
            store,
            config: Arc::new(config),
            oidc,
            signin_limiter,
            requests: Arc::default(),
            refusals: Arc::default(),
        })
    }

    /// The memo of the request with these headers (none without an id).
    fn resolved(&self, headers: &HeaderMap) -> Option<Arc<Resolved>> {
        let id = headers.get(REQUEST_ID_HEADER)?.to_str().ok()?;
        let mut requests = self.requests.lock().ok()?;
        Some(Arc::clone(requests.entry(id.to_string()).or_default()))
    }

    /// Drops what request `id` resolved: it has been answered.
    pub fn forget(&self, id: &str) {
        if let Ok(mut requests) = self.requests.lock() {
            requests.remove(id);
        }
    }

    /// How many requests have something resolved (for tests: none once
    /// every request is answered).
    pub fn requests_in_flight(&self) -> usize {
        self.requests.lock().map_or(0, |r| r.len())
    }

    /// May this client try to sign in once more? (Audited when not.)
    pub async fn signin_allowed(&self, headers: &HeaderMap) -> Result<(), AppError> {
        let Some(limiter) = &self.signin_limiter else {
            return Ok(());
        };
        let key = limit_key(client_of(headers));
        if limiter.check_key(&key).is_ok() {
            return Ok(());
        }
        tracing::warn!(client = %key, "sign-in attempts over the limit");
        self.audit(
            headers,
            AuditEvent::anonymous("login", Some("rate_limit"), "refused"),
        )
        .await?;
        Err(AppError::TooManyRequests)
    }

    /// Deletes ended sessions and, with a retention rule, audit rows past
    /// it; forgets quiet clients of the rate limit. How many rows went.
    pub async fn prune(&self) -> Result<u64, AppError> {
        if let Some(l) = &self.signin_limiter {
            l.retain_recent();
        }
        let now = Utc::now();
        let mut n = self.store.prune(now, self.config.sessions).await?;
        if let Some(days) = self.config.audit_retention_days {
            let old = self
                .store
                .prune_audit(now - chrono::Duration::days(i64::from(days)))
                .await?;
            if old > 0 {
                tracing::info!(
                    deleted = old,
                    days,
                    "audit rows past the retention rule deleted"
                );
            }
            n += old;
        }
        Ok(n)
    }

    /// The session token the request carries, if any.
    pub fn session_token(&self, headers: &HeaderMap) -> Option<String> {
        super::cookies::session_token(headers, self.config.secure_cookies)
    }

    pub fn today(&self) -> NaiveDate {
        self.config
            .today
            .unwrap_or_else(|| finnish_date(Utc::now()))
    }

    /// The one place that writes the audit trail. It fails closed: the row
    /// is written before the answer, and when it cannot be written the
    /// request fails (500) and nothing of what was read is sent. The row
    /// gets the request's session (a prefix of its token's hash, never the
    /// token) and client address. An event of no one signed in is counted
    /// instead ([`super::refusals`]).
    pub async fn audit(&self, headers: &HeaderMap, event: AuditEvent<'_>) -> Result<(), AppError> {
        self.audit_session(headers, self.session_token(headers).as_deref(), event)
            .await
    }

    /// [`Portal::audit`] for a request whose session is not (or no longer)
    /// the one its cookie names: a sign-in, a new token.
    pub async fn audit_session(
        &self,
        headers: &HeaderMap,
        session_token: Option<&str>,
        event: AuditEvent<'_>,
    ) -> Result<(), AppError> {
        if event.action == "login" {
            metrics::counter!("portal_signins_total", "outcome" => event.outcome.to_string())
                .increment(1);
        }
        if event.viewer.is_none() {
            // Nobody's records were read: a count, not a row.
            self.refusals.count(
                event.action,
                event.target,
                event.outcome,
                client_of(headers),
            );
            return Ok(());
        }
        let session = session_token.map(|t| {
            crate::store::token_hash(t)
                .chars()
                .take(12)
                .collect::<String>()
        });
        // What a caller sends (an id, a path) is kept, but not without bound.
        let target = event.target.map(|t| match t.char_indices().nth(128) {
            Some((end, _)) => t.get(..end).unwrap_or(t),
            None => t,
        });
        let row = AuditRow {
            viewer: event.viewer,
            subject: event.subject,
            role: event.role,
            action: event.action,
            target,
            outcome: event.outcome,
            session: session.as_deref(),
            client: client_of(headers),
            request_id: headers.get(REQUEST_ID_HEADER).and_then(|v| v.to_str().ok()),
        };
        let written = self.store.audit(&row, Utc::now()).await;
        let outcome = if written.is_ok() { "ok" } else { "failed" };
        metrics::counter!("portal_audit_writes_total", "outcome" => outcome).increment(1);
        written.map_err(|e| {
            tracing::error!(error = %e, action = event.action, "audit write failed");
            AppError::from(e)
        })
    }

    /// A read of the subject's records: authenticate, run `read`, and audit
    /// how it ended — a read, a missing (or hidden) target, no session, or
    /// a failure — before anything is answered.
    pub async fn read<T>(
        &self,
        headers: &HeaderMap,
        action: &str,
        target: Option<&str>,
        read: impl AsyncFnOnce(&Viewing) -> Result<T, AppError>,
    ) -> Result<(Arc<Viewing>, T), Denied> {
        let v = match self.viewing(headers).await {
            Ok(v) => v,
            Err(error) => {
                if let Some(outcome) = match error {
                    AppError::Unauthenticated => Some("unauthenticated"),
                    AppError::SessionEnded => Some("session_ended"),
                    _ => None,
                } {
                    let event = AuditEvent::anonymous(action, target, outcome);
                    self.audit(headers, event)
                        .await
                        .map_err(|error| Denied { error, lang: None })?;
                }
                return Err(Denied { error, lang: None });
            }
        };
        let lang = Some(v.lang());
        match read(&v).await {
            Ok(data) => {
                self.audit(headers, AuditEvent::read(&v, action, target))
                    .await
                    .map_err(|error| Denied { error, lang })?;
                Ok((v, data))
            }
            Err(error) => {
                let outcome = match error {
                    AppError::NotFound => "not_found",
                    AppError::BadRequest => "bad_request",
                    _ => "failed",
                };
                let event = AuditEvent::read(&v, action, target).with_outcome(outcome);
                if let Err(e) = self.audit(headers, event).await {
                    return Err(Denied { error: e, lang });
                }
                Err(Denied { error, lang })
            }
        }
    }

    /// May `viewer` act for `child` today? (R-GUARD-1..7, evaluated on every
    /// request.) If so, as what: `guardian` or `information_right`.
    pub async fn may_act_for(
        &self,
        viewer: &Person,
        child: &Person,
    ) -> Result<Option<&'static str>, AppError> {
        let custody = self.store.custody_of(&child.id).await?;
        let refs: Vec<_> = custody.iter().map(|(g, p)| (g, p)).collect();
        if policy::may_act_for(viewer, child, &refs, self.today()).is_err() {
            return Ok(None);
        }
        let information_right = custody.iter().any(|(g, _)| {
            g.guardian == viewer.id
                && g.role == crate::archive::format::GuardianRole::InformationRight
        });
        Ok(Some(if information_right {
            "information_right"
        } else {
            "guardian"
        }))
    }

    /// The children the request's viewer may act for today, once per request.
    async fn children_of_viewer(
        &self,
        headers: &HeaderMap,
        v: &Viewing,
    ) -> Result<Arc<Vec<Person>>, AppError> {
        match self.resolved(headers) {
            Some(r) => r
                .children
                .get_or_init(|| async { self.children(&v.viewer).await.map(Arc::new) })
                .await
                .clone(),
            None => self.children(&v.viewer).await.map(Arc::new),
        }
    }

    /// The children `viewer` may act for today.
    pub async fn children(&self, viewer: &Person) -> Result<Vec<Person>, AppError> {
        let mut out = Vec::new();
        for child in self.store.children_of(&viewer.id).await? {
            if self.may_act_for(viewer, &child).await?.is_some() {
                out.push(child);
            }
        }
        Ok(out)
    }

    /// Authenticates the request and settles the subject (R-SCOPE-2: a
    /// session from the identification service, and acting only for a
    /// minor), once per request.
    pub async fn viewing(&self, headers: &HeaderMap) -> Result<Arc<Viewing>, AppError> {
        match self.resolved(headers) {
            Some(r) => r
                .viewing
                .get_or_init(|| async { self.resolve_viewing(headers).await.map(Arc::new) })
                .await
                .clone(),
            None => self.resolve_viewing(headers).await.map(Arc::new),
        }
    }

    async fn resolve_viewing(&self, headers: &HeaderMap) -> Result<Viewing, AppError> {
        let token = self
            .session_token(headers)
            .ok_or(AppError::Unauthenticated)?;
        let (session, viewer) = self
            .store
            .session_with_person(&token, Utc::now(), self.config.sessions)
            .await?
            .ok_or(AppError::SessionEnded)?;
        // The person's own choice, this browser's, the population register's.
        let lang = session
            .lang
            .as_deref()
            .and_then(Lang::from_code)
            .or_else(|| super::language::chosen(headers, self.config.secure_cookies))
            .unwrap_or_else(|| lang_of(&viewer));
        if let Some(child_id) = &session.subject {
            if let Some(child) = self.store.person(child_id).await? {
                if let Some(relation) = self.may_act_for(&viewer, &child).await? {
                    return Ok(Viewing {
                        token,
                        session,
                        viewer,
                        subject: child,
                        role: Role::Guardian,
                        relation,
                        lang,
                    });
                }
            }
            // Acting is no longer allowed (an order, an 18th birthday…): back to own records.
            self.store.set_subject(&token, None).await?;
            let dropped = AuditEvent {
                viewer: Some(&viewer.id),
                subject: Some(child_id),
                role: None,
                action: "subject_dropped",
                target: None,
                outcome: "ok",
            };
            self.audit(headers, dropped).await?;
        }
        Ok(Viewing {
            token,
            session,
            subject: viewer.clone(),
            viewer,
            role: Role::Own,
            relation: "own",
            lang,
        })
    }

    /// The subject's records (the store may share them between requests).
    pub async fn records(&self, v: &Viewing) -> Result<Arc<SubjectRecords>, AppError> {
        Ok(self.store.subject_records(&v.subject.id).await?)
    }

    /// The policy over every one of the subject's records, for this viewer.
    pub fn evaluate<'r>(&self, v: &Viewing, records: &'r SubjectRecords) -> Evaluated<'r> {
        let view = View {
            viewer_id: &v.viewer.id,
            subject: &v.subject,
            role: v.role,
            today: self.today(),
            phase: self.config.phase,
        };
        assemble::evaluate(&view, records)
    }

    /// The form token of the request (the double-submit cookie that
    /// [`super::csrf::form_cookie`] gave it).
    pub fn form_token(&self, headers: &HeaderMap) -> String {
        super::cookies::form_token(headers, self.config.secure_cookies).unwrap_or_default()
    }

    /// Who is viewing, for the page frame.
    async fn viewer_info(&self, headers: &HeaderMap, v: &Viewing) -> Result<ViewerInfo, AppError> {
        let choice = |p: &Person| ChildChoice {
            key: child_key(&v.token, &p.id),
            name: full_name(p),
        };
        Ok(ViewerInfo {
            name: full_name(&v.viewer),
            lang: v.lang(),
            acting_for: (v.role == Role::Guardian).then(|| choice(&v.subject)),
            children: self
                .children_of_viewer(headers, v)
                .await?
                .iter()
                .map(choice)
                .collect(),
            test_identification: self.config.auth == AuthMode::Test,
            form_token: self.form_token(headers),
        })
    }

    /// A signed-in page: resolve the viewer once, load and decide, assemble
    /// (`None` = not found), audit, then add the page frame's data.
    async fn page<T>(
        &self,
        headers: &HeaderMap,
        action: &str,
        target: Option<&str>,
        assemble: impl FnOnce(&Evaluated, &Labels<'_>) -> Option<T>,
    ) -> Result<Page<T>, AppError> {
        let (v, data) = self
            .read(headers, action, target, async |v: &Viewing| {
                let records = self.records(v).await?;
                let evaluated = self.evaluate(v, &records);
                let labels = evaluated.labels(v.session.previous_login, v.lang());
                assemble(&evaluated, &labels).ok_or(AppError::NotFound)
            })
            .await?;
        self.framed(headers, &v, data).await
    }

    async fn framed<T>(
        &self,
        headers: &HeaderMap,
        v: &Viewing,
        data: T,
    ) -> Result<Page<T>, AppError> {
        Ok(Page {
            viewer: self.viewer_info(headers, v).await?,
            data,
        })
    }
}

/// How an audit row's viewer stood to the subject, for the use log.
fn relation(code: Option<&str>) -> Relation {
    match code {
        Some("own") => Relation::Own,
        Some("guardian") => Relation::Guardian,
        Some("information_right") => Relation::InformationRight,
        _ => Relation::Unknown,
    }
}

#[async_trait::async_trait]
impl Backend for Portal {
    async fn frame(&self, headers: &HeaderMap) -> Frame {
        let mut frame = Frame {
            lang: super::language::of_request(headers, self.config.secure_cookies),
            form_token: self.form_token(headers),
            test_identification: self.config.auth == AuthMode::Test,
            viewer: None,
            unavailable: false,
            today: self.today(),
        };
        if self.session_token(headers).is_none() {
            return frame;
        }
        let info = match self.viewing(headers).await {
            Ok(v) => self.viewer_info(headers, &v).await,
            Err(e) => Err(e),
        };
        match info {
            Ok(info) => {
                frame.lang = info.lang;
                frame.viewer = Some(info);
            }
            Err(e) => frame.unavailable = e == AppError::Unavailable,
        }
        frame
    }

    async fn viewer(&self, headers: &HeaderMap) -> Result<ViewerInfo, AppError> {
        let (v, ()) = self
            .read(headers, "viewer", None, async |_: &Viewing| Ok(()))
            .await?;
        self.viewer_info(headers, &v).await
    }

    async fn front_page(&self, headers: &HeaderMap) -> Result<Page<FrontPage>, AppError> {
        self.page(headers, "front_page", None, |e, labels| {
            Some(assemble::front_page(e, labels))
        })
        .await
    }

    async fn goals(&self, headers: &HeaderMap) -> Result<Page<GoalsPage>, AppError> {
        self.page(headers, "goals", None, |e, _| Some(assemble::goals_page(e)))
            .await
    }

    async fn task_page(
        &self,
        headers: &HeaderMap,
        task: &str,
        query: TaskQuery,
    ) -> Result<Page<TaskPage>, AppError> {
        self.page(headers, "task_page", Some(task), |e, labels| {
            app::tasks::find(task).map(|_| assemble::task_page(e, task, query, labels))
        })
        .await
    }

    async fn document(
        &self,
        headers: &HeaderMap,
        id: &str,
    ) -> Result<Page<DocumentView>, AppError> {
        // Hidden and missing are the same answer. The list views read only
        // metadata; the one body this page shows is read here.
        let (v, data) = self
            .read(headers, "document", Some(id), async |v: &Viewing| {
                let records = self.records(v).await?;
                let evaluated = self.evaluate(v, &records);
                let (meta, shown) = evaluated.find(id).ok_or(AppError::NotFound)?;
                let mut doc = meta.clone();
                doc.body = self
                    .store
                    .body(&doc.id, doc.version, crate::store::MAIN_BODY)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let labels = evaluated.labels(v.session.previous_login, v.lang());
                let mut view =
                    assemble::document_view(&doc, shown, &evaluated.disclosures, &labels);
                // Each shown attachment's size, from the stored lengths.
                let sizes = self.store.part_sizes(&doc.id, doc.version).await?;
                for link in &mut view.attachments {
                    link.size = sizes
                        .iter()
                        .find(|(part, _)| {
                            !part.is_empty()
                                && assemble::attachment_href(&doc.id, part) == link.href
                        })
                        .map(|(_, n)| u64::try_from(*n).unwrap_or(0));
                }
                Ok(view)
            })
            .await?;
        self.framed(headers, &v, data).await
    }

    async fn disclosures(&self, headers: &HeaderMap) -> Result<Page<DisclosuresPage>, AppError> {
        self.page(headers, "disclosures", None, |e, _| {
            Some(assemble::disclosures_page(e))
        })
        .await
    }

    async fn use_log(&self, headers: &HeaderMap, page: u32) -> Result<Page<UseLogPage>, AppError> {
        let size = app::model::USE_LOG_PAGE;
        let page = page.max(1);
        let (v, data) = self
            .read(headers, "use_log", None, async |v: &Viewing| {
                // Only one's own: a guardian does not see when a minor, or
                // the other guardian, read the minor's records.
                if v.role != Role::Own {
                    return Err(AppError::NotFound);
                }
                let (rows, total) = self
                    .store
                    .reads_of(&v.subject.id, (page - 1).saturating_mul(size), size)
                    .await?;
                let entries = rows
                    .into_iter()
                    .map(|r| {
                        let who: Option<Person> = r
                            .viewer_data
                            .as_deref()
                            .and_then(|d| serde_json::from_str(d).ok());
                        UseLogEntry {
                            at: chrono::DateTime::parse_from_rfc3339(&r.at)
                                .map(|t| crate::clock::finnish_time(t.with_timezone(&Utc)))
                                .unwrap_or_default(),
                            who: who.as_ref().map(full_name).unwrap_or_default(),
                            relation: relation(r.role.as_deref()),
                            action: r.action,
                        }
                    })
                    .collect();
                Ok(UseLogPage {
                    entries,
                    page,
                    pages: total.div_ceil(size).max(1),
                    total,
                })
            })
            .await?;
        self.framed(headers, &v, data).await
    }

    async fn sign_in(
        &self,
        headers: &HeaderMap,
        query: &str,
        page: u32,
    ) -> Result<SignInPage, AppError> {
        let test = match self.config.auth {
            AuthMode::Test => Some(self.test_persons(headers, query, page).await?),
            _ => None,
        };
        Ok(SignInPage {
            form_token: self.form_token(headers),
            oidc: self.config.auth == AuthMode::Oidc,
            test,
            session_idle_minutes: u32::try_from(self.config.sessions.idle.num_minutes())
                .unwrap_or(u32::MAX),
            session_hours: u32::try_from(self.config.sessions.absolute.num_hours())
                .unwrap_or(u32::MAX),
        })
    }

    async fn test_persons(
        &self,
        headers: &HeaderMap,
        query: &str,
        page: u32,
    ) -> Result<TestPersonsPage, AppError> {
        if !self.test_identification_here(headers) {
            return Err(AppError::NotFound);
        }
        let today = self.today();
        let size = app::model::TEST_PERSONS_PAGE;
        let (people, total) = self
            .store
            .people_page(query, (page.max(1) - 1).saturating_mul(size), size)
            .await?;
        let ids: Vec<&str> = people.iter().map(|p| p.id.as_str()).collect();
        let children = self.store.children_counts(&ids).await?;
        let persons = people
            .iter()
            .map(|p| TestPerson {
                name: full_name(p),
                birth_date: p.birth_date,
                notes: assemble::tester_note(p, children.get(&p.id).copied().unwrap_or(0), today),
                id: p.id.clone(),
            })
            .collect();
        Ok(TestPersonsPage {
            persons,
            query: query.to_string(),
            page: page.max(1),
            pages: total.div_ceil(size).max(1),
            total,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::limit_key;

    #[test]
    fn sign_in_attempts_count_per_ipv4_address_and_per_ipv6_network() {
        assert_eq!(limit_key(Some("192.0.2.7")), "192.0.2.7");
        assert_eq!(limit_key(Some("2001:db8:1:2:aaaa::1")), "2001:db8:1:2::/64");
        assert_eq!(
            limit_key(Some("2001:db8:1:2:bbbb::9")),
            limit_key(Some("2001:db8:1:2:aaaa::1"))
        );
        assert_eq!(limit_key(None), "unknown");
    }
}
