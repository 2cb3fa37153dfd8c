//! The server's implementation of `app::backend::Backend`: sessions, the
//! subject on screen, and the store's records through the policy and the page
//! assembly. Each request resolves its viewer once, then loads, decides,
//! assembles and audits.

use std::sync::Arc;

use app::backend::Backend;
use app::error::AppError;
use app::i18n::Lang;
use app::model::{
    ChildChoice, DisclosuresPage, DocumentView, FrontPage, Page, TaskPage, TaskQuery, TestPerson,
    TestPersonsPage, ViewerInfo,
};
use chrono::{NaiveDate, Utc};
use http::HeaderMap;
use sha2::{Digest, Sha256};

use crate::archive::format::{Language, Person};
use crate::assemble::{self, Evaluated, Labels};
use crate::clock::finnish_date;
use crate::config::{AuthMode, Config};
use crate::policy::{self, Role, View};
use crate::store::{SessionRow, Store, SubjectRecords};

#[derive(Clone)]
pub struct Portal {
    pub store: Store,
    pub config: Arc<Config>,
}

/// The signed-in viewer and whose records are on screen, checked for this request.
pub struct Viewing {
    pub token: String,
    pub session: SessionRow,
    pub viewer: Person,
    pub subject: Person,
    pub role: Role,
}

impl Viewing {
    pub fn lang(&self) -> Lang {
        lang_of(&self.viewer)
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

/// One row of the audit trail.
pub struct AuditEvent<'a> {
    pub viewer: Option<&'a str>,
    pub subject: Option<&'a str>,
    pub action: &'a str,
    pub target: Option<&'a str>,
}

impl<'a> AuditEvent<'a> {
    /// A read by the viewer of the subject's records.
    pub fn read(v: &'a Viewing, action: &'a str, target: Option<&'a str>) -> Self {
        Self {
            viewer: Some(&v.viewer.id),
            subject: Some(&v.subject.id),
            action,
            target,
        }
    }
}

impl Portal {
    pub fn new(store: Store, config: Config) -> Self {
        Portal {
            store,
            config: Arc::new(config),
        }
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
    /// request fails (500) and nothing of what was read is sent.
    pub async fn audit(&self, event: AuditEvent<'_>) -> Result<(), AppError> {
        self.store
            .audit(event.viewer, event.subject, event.action, event.target)
            .await
            .map_err(|e| {
                tracing::error!(error = %e, action = event.action, "audit write failed");
                AppError::Internal
            })
    }

    /// May `viewer` act for `child` today? (R-GUARD-1..7, evaluated on every request.)
    pub async fn may_act_for(&self, viewer: &Person, child: &Person) -> Result<bool, AppError> {
        let custody = self.store.custody_of(&child.id).await?;
        let refs: Vec<_> = custody.iter().map(|(g, p)| (g, p)).collect();
        Ok(policy::may_act_for(viewer, child, &refs, self.today()).is_ok())
    }

    /// The children `viewer` may act for today.
    pub async fn children(&self, viewer: &Person) -> Result<Vec<Person>, AppError> {
        let mut out = Vec::new();
        for child in self.store.children_of(&viewer.id).await? {
            if self.may_act_for(viewer, &child).await? {
                out.push(child);
            }
        }
        Ok(out)
    }

    /// Authenticates the request and settles the subject (R-SCOPE-2: a
    /// session from the identification service, and acting only for a minor).
    pub async fn viewing(&self, headers: &HeaderMap) -> Result<Viewing, AppError> {
        let token = self
            .session_token(headers)
            .ok_or(AppError::Unauthenticated)?;
        let (session, viewer) = self
            .store
            .session_with_person(&token, Utc::now())
            .await?
            .ok_or(AppError::Unauthenticated)?;
        if let Some(child_id) = &session.subject {
            if let Some(child) = self.store.person(child_id).await? {
                if self.may_act_for(&viewer, &child).await? {
                    return Ok(Viewing {
                        token,
                        session,
                        viewer,
                        subject: child,
                        role: Role::Guardian,
                    });
                }
            }
            // Acting is no longer allowed (an order, an 18th birthday…): back to own records.
            self.store.set_subject(&token, None).await?;
        }
        Ok(Viewing {
            token,
            session,
            subject: viewer.clone(),
            viewer,
            role: Role::Own,
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

    /// Who is viewing, for the page frame.
    async fn viewer_info(&self, v: &Viewing) -> Result<ViewerInfo, AppError> {
        let choice = |p: &Person| ChildChoice {
            key: child_key(&v.token, &p.id),
            name: full_name(p),
        };
        Ok(ViewerInfo {
            name: full_name(&v.viewer),
            lang: v.lang(),
            acting_for: (v.role == Role::Guardian).then(|| choice(&v.subject)),
            children: self.children(&v.viewer).await?.iter().map(choice).collect(),
            test_identification: self.config.auth == AuthMode::Test,
        })
    }

    /// A signed-in page: resolve the viewer once, load and decide, assemble
    /// (`None` = not found), then [`Portal::finish`].
    async fn page<T>(
        &self,
        headers: &HeaderMap,
        action: &str,
        target: Option<&str>,
        assemble: impl FnOnce(&Evaluated, &Labels<'_>) -> Option<T>,
    ) -> Result<Page<T>, AppError> {
        let v = self.viewing(headers).await?;
        let records = self.records(&v).await?;
        let evaluated = self.evaluate(&v, &records);
        let labels = evaluated.labels(v.session.previous_login);
        let data = assemble(&evaluated, &labels).ok_or(AppError::NotFound)?;
        self.finish(&v, action, target, data).await
    }

    /// The end of every signed-in page: audit the read (before anything is
    /// sent), then add the page frame's data.
    async fn finish<T>(
        &self,
        v: &Viewing,
        action: &str,
        target: Option<&str>,
        data: T,
    ) -> Result<Page<T>, AppError> {
        self.audit(AuditEvent::read(v, action, target)).await?;
        Ok(Page {
            viewer: self.viewer_info(v).await?,
            data,
        })
    }
}

#[async_trait::async_trait]
impl Backend for Portal {
    async fn viewer(&self, headers: &HeaderMap) -> Result<ViewerInfo, AppError> {
        let v = self.viewing(headers).await?;
        self.viewer_info(&v).await
    }

    async fn front_page(&self, headers: &HeaderMap) -> Result<Page<FrontPage>, AppError> {
        self.page(headers, "front_page", None, |e, labels| {
            Some(assemble::front_page(e, labels))
        })
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
        // metadata; the one body this page shows is read here (issue 10).
        let v = self.viewing(headers).await?;
        let records = self.records(&v).await?;
        let evaluated = self.evaluate(&v, &records);
        let (meta, shown) = evaluated.find(id).ok_or(AppError::NotFound)?;
        let mut doc = meta.clone();
        doc.body = self
            .store
            .body(&doc.id, doc.version, crate::store::MAIN_BODY)
            .await?
            .ok_or(AppError::NotFound)?;
        let labels = evaluated.labels(v.session.previous_login);
        let data = assemble::document_view(&doc, shown, &evaluated.disclosures, &labels);
        self.finish(&v, "document", Some(id), data).await
    }

    async fn disclosures(&self, headers: &HeaderMap) -> Result<Page<DisclosuresPage>, AppError> {
        self.page(headers, "disclosures", None, |e, _| {
            Some(assemble::disclosures_page(e))
        })
        .await
    }

    async fn test_persons(&self, query: &str, page: u32) -> Result<TestPersonsPage, AppError> {
        if self.config.auth != AuthMode::Test {
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
                note: assemble::tester_note(p, children.get(&p.id).copied().unwrap_or(0), today),
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
