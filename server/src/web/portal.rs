//! The server's implementation of `app::backend::Backend`: sessions, the
//! subject on screen, and the policy applied to the store's records.

use std::sync::Arc;

use app::backend::Backend;
use app::error::AppError;
use app::i18n::Lang;
use app::model::{
    date_search_floor, ChildChoice, DocSummary, DocumentView, FrontPage, SortKey, SortOrder,
    TaskGroup, TaskPage, TaskQuery, TestPerson, ViewerInfo, PAGE_SIZE,
};
use chrono::{NaiveDate, Utc};
use http::HeaderMap;
use sha2::{Digest, Sha256};

use super::view;
use crate::archive::format::{Document, Language, Person};
use crate::clock::finnish_date;
use crate::config::{AuthMode, Config};
use crate::policy::{self, DocFacts, Hidden, Role, Shown, Verdict, View};
use crate::store::{SessionRow, Store, StoreError};

pub const SESSION_COOKIE: &str = "portal_session";

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

/// The policy's answer for every document of the subject.
pub struct Evaluated {
    pub shown: Vec<(Document, Shown)>,
    pub hidden: Vec<Hidden>,
    pub withheld_attachments: usize,
    pub organisations: std::collections::HashMap<String, String>,
    pub relationships: Vec<crate::archive::format::ClientRelationship>,
}

impl Evaluated {
    /// R-INFO-1/2
    pub fn info_text(&self) -> bool {
        policy::info_text_needed(&self.hidden, self.withheld_attachments)
    }
}

fn internal(e: StoreError) -> AppError {
    tracing::error!(error = %e, "store failure");
    AppError::Internal
}

pub fn lang_of(p: &Person) -> Lang {
    match p.language {
        Language::Fi => Lang::Fi,
        Language::Sv => Lang::Sv,
        Language::En => Lang::En,
    }
}

pub fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == SESSION_COOKIE)
        .map(|(_, v)| v.to_string())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The opaque key of a child in the "acting on behalf of" choice: bound to the
/// session, so it is neither a personal identity code nor reusable elsewhere.
pub fn child_key(token: &str, child_id: &str) -> String {
    let digest = Sha256::digest(format!("{token}\u{0}{child_id}").as_bytes());
    hex::encode(&digest[..10])
}

pub fn full_name(p: &Person) -> String {
    format!("{} {}", p.given_names, p.surname)
}

impl Portal {
    pub fn new(store: Store, config: Config) -> Self {
        Portal {
            store,
            config: Arc::new(config),
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.config
            .today
            .unwrap_or_else(|| finnish_date(Utc::now()))
    }

    /// May `viewer` act for `child` today? (R-GUARD-1..7, evaluated on every request.)
    pub async fn may_act_for(&self, viewer: &Person, child: &Person) -> Result<bool, AppError> {
        let custody = self.store.custody_of(&child.id).await.map_err(internal)?;
        let refs: Vec<_> = custody.iter().map(|(g, p)| (g, p)).collect();
        Ok(policy::may_act_for(viewer, child, &refs, self.today()).is_ok())
    }

    /// Authenticates the request and settles the subject (R-SCOPE-2: a
    /// session from the identification service, and acting only for a minor).
    pub async fn viewing(&self, headers: &HeaderMap) -> Result<Viewing, AppError> {
        let token = cookie_token(headers).ok_or(AppError::Unauthenticated)?;
        let session = self
            .store
            .session(&token, Utc::now())
            .await
            .map_err(internal)?
            .ok_or(AppError::Unauthenticated)?;
        let viewer = self
            .store
            .person(&session.person)
            .await
            .map_err(internal)?
            .ok_or(AppError::Unauthenticated)?;
        if let Some(child_id) = &session.subject {
            if let Some(child) = self.store.person(child_id).await.map_err(internal)? {
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
            self.store
                .set_subject(&token, None)
                .await
                .map_err(internal)?;
        }
        Ok(Viewing {
            token,
            session,
            subject: viewer.clone(),
            viewer,
            role: Role::Own,
        })
    }

    /// Runs the policy over every document of the subject.
    pub async fn evaluate(&self, v: &Viewing) -> Result<Evaluated, AppError> {
        let records = self
            .store
            .subject_records(&v.subject.id)
            .await
            .map_err(internal)?;
        let view = View {
            viewer_id: &v.viewer.id,
            subject: &v.subject,
            role: v.role,
            today: self.today(),
            phase: self.config.phase,
        };
        let mut shown = Vec::new();
        let mut hidden = Vec::new();
        let mut withheld_attachments = 0;
        for doc in records.documents {
            // A document whose case is missing is withheld: fail closed.
            let Some(case) = records.cases.get(&doc.case) else {
                tracing::warn!(document = %doc.id, "document without a case");
                continue;
            };
            let unit = doc.service_unit.as_ref().and_then(|u| records.units.get(u));
            match policy::decide(
                &view,
                &DocFacts {
                    doc: &doc,
                    case,
                    unit,
                },
            ) {
                Verdict::Shown(s) => {
                    withheld_attachments += s.withheld_attachments;
                    shown.push((doc, s));
                }
                Verdict::Hidden(h) => hidden.push(h),
            }
        }
        // Newest first: by date, then by storing time, then by id (stable).
        shown.sort_by(|(a, _), (b, _)| {
            (b.created, b.stored_at, &b.id).cmp(&(a.created, a.stored_at, &a.id))
        });
        Ok(Evaluated {
            shown,
            hidden,
            withheld_attachments,
            organisations: records.organisations,
            relationships: records.relationships,
        })
    }

    fn summary(&self, v: &Viewing, e: &Evaluated, doc: &Document, s: &Shown) -> DocSummary {
        view::summary(doc, s, v.session.previous_login, &e.organisations)
    }

    async fn audit(&self, v: &Viewing, action: &str, target: Option<&str>) {
        if let Err(e) = self
            .store
            .audit(Some(&v.viewer.id), Some(&v.subject.id), action, target)
            .await
        {
            tracing::error!(error = %e, "audit write failed");
        }
    }
}

#[async_trait::async_trait]
impl Backend for Portal {
    async fn viewer(&self, headers: &HeaderMap) -> Result<ViewerInfo, AppError> {
        let v = self.viewing(headers).await?;
        let mut children = Vec::new();
        for child in self
            .store
            .children_of(&v.viewer.id)
            .await
            .map_err(internal)?
        {
            if self.may_act_for(&v.viewer, &child).await? {
                children.push(ChildChoice {
                    key: child_key(&v.token, &child.id),
                    name: full_name(&child),
                });
            }
        }
        Ok(ViewerInfo {
            name: full_name(&v.viewer),
            lang: lang_of(&v.viewer),
            acting_for: (v.role == Role::Guardian).then(|| full_name(&v.subject)),
            children,
        })
    }

    async fn front_page(&self, headers: &HeaderMap) -> Result<FrontPage, AppError> {
        let v = self.viewing(headers).await?;
        let e = self.evaluate(&v).await?;
        // R-FRONT-1: per service task, the five newest (e.shown is newest first).
        let mut groups = Vec::new();
        for task in app::tasks::SERVICE_TASKS.iter() {
            let docs: Vec<_> = e
                .shown
                .iter()
                .filter(|(d, _)| d.service_tasks.iter().any(|t| t == task.code))
                .collect();
            if docs.is_empty() {
                continue;
            }
            groups.push(TaskGroup {
                task: task.code.to_string(),
                total: docs.len() as u32,
                newest: docs
                    .iter()
                    .take(5)
                    .map(|(d, s)| self.summary(&v, &e, d, s))
                    .collect(),
            });
        }
        self.audit(&v, "front_page", None).await;
        Ok(FrontPage {
            info_text: e.info_text(),
            relationships: view::relationships(&e.relationships, &e.organisations),
            groups,
        })
    }

    async fn task_page(
        &self,
        headers: &HeaderMap,
        task: &str,
        query: TaskQuery,
    ) -> Result<TaskPage, AppError> {
        let v = self.viewing(headers).await?;
        if app::tasks::find(task).is_none() {
            return Err(AppError::NotFound);
        }
        let e = self.evaluate(&v).await?;
        let mut query = query;
        // R-TASK-3: the date search reaches back to 1.1.2023.
        let floor = date_search_floor();
        let from_raised = query.from.is_some_and(|f| f < floor);
        if from_raised {
            query.from = Some(floor);
        }
        let mut docs: Vec<&(Document, Shown)> = e
            .shown
            .iter()
            .filter(|(d, _)| d.service_tasks.iter().any(|t| t == task))
            .filter(|(d, _)| query.from.is_none_or(|f| d.created >= f))
            .filter(|(d, _)| query.to.is_none_or(|t| d.created <= t))
            .collect();
        // R-TASK-4: by name or by date (e.shown is already newest first).
        match query.sort {
            SortKey::Date => {
                if query.order == SortOrder::Asc {
                    docs.reverse();
                }
            }
            SortKey::Name => {
                docs.sort_by_cached_key(|(d, _)| (d.title.to_lowercase(), d.id.clone()));
                if query.order == SortOrder::Desc {
                    docs.reverse();
                }
            }
        }
        let total = docs.len() as u32;
        let pages = total.div_ceil(PAGE_SIZE).max(1);
        query.page = query.page.clamp(1, pages);
        let start = ((query.page - 1) * PAGE_SIZE) as usize;
        let documents = docs
            .iter()
            .skip(start)
            .take(PAGE_SIZE as usize)
            .map(|(d, s)| self.summary(&v, &e, d, s))
            .collect();
        self.audit(&v, "task_page", Some(task)).await;
        Ok(TaskPage {
            task: task.to_string(),
            info_text: e.info_text(),
            query,
            from_raised,
            total,
            pages,
            documents,
        })
    }

    async fn document(&self, headers: &HeaderMap, id: &str) -> Result<DocumentView, AppError> {
        let v = self.viewing(headers).await?;
        let e = self.evaluate(&v).await?;
        // Hidden and missing are the same answer.
        let (doc, shown) = e
            .shown
            .iter()
            .find(|(d, _)| d.id == id)
            .ok_or(AppError::NotFound)?;
        self.audit(&v, "document", Some(id)).await;
        Ok(view::document(doc, shown, self.summary(&v, &e, doc, shown)))
    }

    async fn test_persons(&self) -> Result<Vec<TestPerson>, AppError> {
        if self.config.auth != AuthMode::Test {
            return Err(AppError::NotFound);
        }
        let today = self.today();
        let people = self.store.people().await.map_err(internal)?;
        let mut out = Vec::with_capacity(people.len());
        for p in people {
            let children = self.store.children_of(&p.id).await.map_err(internal)?;
            out.push(TestPerson {
                name: full_name(&p),
                birth_date: p.birth_date,
                note: view::tester_note(&p, children.len(), today),
                id: p.id,
            });
        }
        Ok(out)
    }
}
