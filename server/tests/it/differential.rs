//! Differential property test: random archives go through the real import
//! into a real store, and what the portal's backend answers (front page, every
//! service-task page, every document) is compared with the reference model
//! (`model/`) for every person as viewer, every child they may act for,
//! several days and both phases. A difference is reported with the archive
//! minimised by dropping records while the difference persists.
//!
//! Normal test run: `DIFF_CASES` archives (default 40), every day and phase.
//! Long run (documented in README.md):
//!   DIFF_CASES=100000 DIFF_ONE_VIEW=1 cargo test --release -p server --test it differential -- --nocapture
//! where each archive is checked on one random day and phase.

use crate::model::{
    self,
    gen::{self, TEST_DAYS},
};
use app::backend::Backend;
use app::error::AppError;
use app::model::TaskQuery;
use chrono::Utc;
use http::HeaderMap;
use portal_server::archive::format::Archive;
use portal_server::config::Config;
use portal_server::policy::Phase;
use portal_server::store::{NewSession, SessionLimits, Store};
use portal_server::web::Portal;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A fresh store: in memory on SQLite, a new database on PostgreSQL.
async fn memory_store(n: u64) -> Store {
    let url = if crate::common::on_postgres() {
        crate::common::fresh_database(std::path::Path::new("")).await
    } else {
        format!("sqlite:file:diff{n}?mode=memory&cache=shared")
    };
    Store::open(&url).await.expect("store")
}

fn cookie(token: &str) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(
        http::header::COOKIE,
        format!(
            "{}={token}",
            portal_server::web::cookies::session_cookie_name(Config::default().secure_cookies)
        )
        .parse()
        .expect("header"),
    );
    h
}

fn name_of(a: &Archive, id: &str) -> String {
    let p = model::person(a, id);
    format!("{} {}", p.given_names, p.surname)
}

/// Checks one archive on the given (day, phase) views; the first difference, if any.
async fn check(a: &Archive, store_no: u64, views: &[(&str, Phase)]) -> Option<String> {
    let store = memory_store(store_no).await;
    // Odd seeds go through CDA: written as documents, read back (cda.md).
    let imported = if store_no % 2 == 1 {
        crate::cda::import_via_cda(&store, a).await
    } else {
        store.import(a).await.map(|_| ()).map_err(|e| e.to_string())
    };
    if let Err(e) = imported {
        return Some(format!("import refused a generated archive: {e}"));
    }
    let org_name = |oid: &str| {
        a.organisations
            .iter()
            .find(|o| o.oid == oid)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    };
    let mut doc_ids: Vec<String> = a.documents.iter().map(|d| d.id.clone()).collect();
    doc_ids.sort();
    doc_ids.dedup();
    for &(day, phase) in views {
        let today = day.parse().expect("day");
        let mphase = if phase == Phase::One {
            model::Phase::One
        } else {
            model::Phase::Two
        };
        let portal = Portal::new(
            store.clone(),
            Config {
                today: Some(today),
                phase,
                ..Config::default()
            },
        )
        .expect("portal");
        for viewer in &a.people {
            let token = store
                .start_session(
                    NewSession {
                        person: &viewer.id,
                        replaces: None,
                    },
                    Utc::now(),
                    SessionLimits::default(),
                )
                .await
                .expect("session");
            let headers = cookie(&token);
            let at = format!("day {day}, phase {phase:?}, viewer {}", viewer.id);
            // R-GUARD-1..7: the children offered.
            let info = portal.viewer(&headers).await.expect("viewer");
            let mut offered: Vec<String> = info.children.iter().map(|c| c.name.clone()).collect();
            let mut allowed: Vec<&str> = a
                .people
                .iter()
                .filter(|c| model::may_act(a, &viewer.id, &c.id, today))
                .map(|c| c.id.as_str())
                .collect();
            let mut allowed_names: Vec<String> = allowed.iter().map(|c| name_of(a, c)).collect();
            offered.sort();
            allowed_names.sort();
            if offered != allowed_names {
                return Some(format!(
                    "{at}: children offered {offered:?}, model {allowed_names:?}"
                ));
            }
            allowed.insert(0, viewer.id.as_str());
            for subject in allowed {
                let own = subject == viewer.id;
                store
                    .set_subject(&token, (!own).then_some(subject))
                    .await
                    .expect("subject");
                let at = format!("{at}, subject {subject}");
                let exp = model::expected(a, &viewer.id, subject, today, mphase);
                // Front page: info text, relationships, groups of the five newest.
                let front = match portal.front_page(&headers).await {
                    Ok(f) => f.data,
                    Err(e) => return Some(format!("{at}: front page failed: {e:?}")),
                };
                if front.info_text != exp.info_text {
                    return Some(format!(
                        "{at}: info text {}, model {}",
                        front.info_text, exp.info_text
                    ));
                }
                let mut rels: Vec<(String, chrono::NaiveDate, Option<String>)> = front
                    .relationships
                    .iter()
                    .map(|r| {
                        (
                            r.register_keeper.clone(),
                            r.started,
                            r.contact.as_ref().map(|c| c.name.clone()),
                        )
                    })
                    .collect();
                rels.sort();
                let mut exp_rels: Vec<_> = exp
                    .relationships
                    .iter()
                    .map(|(o, s, c)| (org_name(o), *s, c.clone()))
                    .collect();
                exp_rels.sort();
                if rels != exp_rels {
                    return Some(format!("{at}: relationships {rels:?}, model {exp_rels:?}"));
                }
                for task in app::tasks::SERVICE_TASKS.iter() {
                    let mut want: Vec<String> = exp
                        .documents
                        .keys()
                        .filter(|id| {
                            model::doc(a, id)
                                .service_tasks
                                .iter()
                                .any(|t| t == task.code)
                        })
                        .cloned()
                        .collect();
                    model::newest_first(a, &mut want);
                    let group = front.groups.iter().find(|g| g.task == task.code);
                    let got5: Vec<String> = group
                        .map(|g| g.newest.iter().map(|d| d.id.clone()).collect())
                        .unwrap_or_default();
                    let want5: Vec<String> = want.iter().take(5).cloned().collect();
                    if got5 != want5 || group.map_or(0, |g| g.total as usize) != want.len() {
                        return Some(format!(
                            "{at}: front group {} {got5:?}, model {want5:?} of {}",
                            task.code,
                            want.len()
                        ));
                    }
                    // The whole service-task view, page by page.
                    let mut got = Vec::new();
                    let mut page = 1;
                    loop {
                        let q = TaskQuery {
                            page,
                            ..TaskQuery::default()
                        };
                        let p = match portal.task_page(&headers, task.code, q).await {
                            Ok(p) => p.data,
                            Err(e) => return Some(format!("{at}: task page failed: {e:?}")),
                        };
                        got.extend(p.documents.iter().map(|d| d.id.clone()));
                        if page >= p.pages {
                            break;
                        }
                        page += 1;
                    }
                    if got != want {
                        return Some(format!(
                            "{at}: task {} lists {got:?}, model {want:?}",
                            task.code
                        ));
                    }
                }
                // R-DISC-1..3: the disclosure log, as (document, recipient, data).
                let got_disc = match portal.disclosures(&headers).await {
                    Ok(p) => p.data.disclosures,
                    Err(e) => return Some(format!("{at}: disclosures failed: {e:?}")),
                };
                let mut got_disc: Vec<(String, String, String)> = got_disc
                    .into_iter()
                    .map(|d| (d.document_id, d.recipient, d.data))
                    .collect();
                got_disc.sort();
                let mut want_disc: Vec<(String, String, String)> = a
                    .disclosures
                    .iter()
                    .filter(|d| exp.disclosures.contains(&d.id))
                    .map(|d| (d.document.clone(), d.recipient.clone(), d.data.clone()))
                    .collect();
                want_disc.sort();
                if got_disc != want_disc {
                    return Some(format!(
                        "{at}: disclosures {got_disc:?}, model {want_disc:?}"
                    ));
                }
                // Every document id of the archive, shown or not.
                for id in &doc_ids {
                    let got = portal.document(&headers, id).await;
                    match (got, exp.documents.get(id)) {
                        (Ok(view), Some(atts)) => {
                            let got_atts: Vec<String> = view
                                .data
                                .attachments
                                .iter()
                                .filter_map(|l| l.href.rsplit('/').next().map(str::to_string))
                                .collect();
                            if &got_atts != atts {
                                return Some(format!(
                                    "{at}: {id} attachments {got_atts:?}, model {atts:?}"
                                ));
                            }
                            // R-DELAY-4, R-TASK-6: the notices.
                            let s = &view.data.summary;
                            let notices = (s.delay_ended, s.withheld_from_guardians);
                            let want =
                                (exp.delay_ended.contains(id), exp.minor_notice.contains(id));
                            if notices != want {
                                return Some(format!(
                                    "{at}: {id} notices (delay ended, minor) {notices:?}, model {want:?}"
                                ));
                            }
                            let mut got_ended: Vec<String> = view
                                .data
                                .attachments
                                .iter()
                                .filter(|l| l.delay_ended)
                                .filter_map(|l| l.href.rsplit('/').next())
                                .map(|att| format!("{id}/{att}"))
                                .collect();
                            got_ended.sort();
                            let want_ended: Vec<String> = exp
                                .attachment_delay_ended
                                .iter()
                                .filter(|k| k.starts_with(&format!("{id}/")))
                                .cloned()
                                .collect();
                            if got_ended != want_ended {
                                return Some(format!(
                                    "{at}: {id} attachment delay notices {got_ended:?}, model {want_ended:?}"
                                ));
                            }
                        }
                        (Err(AppError::NotFound), None) => {}
                        (Ok(_), None) => return Some(format!("{at}: {id} SHOWN, model hides it")),
                        (Err(e), Some(_)) => {
                            return Some(format!("{at}: {id} answered {e:?}, model shows it"))
                        }
                        (Err(e), None) => {
                            return Some(format!("{at}: {id} answered {e:?} instead of NotFound"))
                        }
                    }
                }
            }
        }
    }
    None
}

/// Drops records while the difference persists (a greedy one-at-a-time shrink).
async fn minimise(mut a: Archive, views: &[(&str, Phase)], mut store_no: u64) -> (Archive, String) {
    let mut last = check(&a, store_no, views).await.unwrap_or_default();
    loop {
        let mut smaller = false;
        let mut candidates: Vec<Archive> = Vec::new();
        let mut ids: Vec<String> = a.documents.iter().map(|d| d.id.clone()).collect();
        ids.dedup();
        for id in &ids {
            let mut b = a.clone();
            b.documents.retain(|d| &d.id != id);
            b.disclosures.retain(|d| &d.document != id);
            candidates.push(b);
        }
        for i in 0..a.documents.len() {
            let mut b = a.clone();
            b.documents[i].attachments.clear();
            if b.documents[i] != a.documents[i] {
                candidates.push(b);
            }
        }
        for i in 0..a.disclosures.len() {
            let mut b = a.clone();
            b.disclosures.remove(i);
            candidates.push(b);
        }
        for i in 0..a.guardianships.len() {
            let mut b = a.clone();
            b.guardianships.remove(i);
            candidates.push(b);
        }
        for i in 0..a.client_relationships.len() {
            let mut b = a.clone();
            b.client_relationships.remove(i);
            candidates.push(b);
        }
        for c in a.cases.iter().map(|c| c.id.clone()) {
            if a.documents.iter().all(|d| d.case != c) {
                let mut b = a.clone();
                b.cases.retain(|k| k.id != c);
                candidates.push(b);
            }
        }
        for b in candidates {
            store_no += 1_000_003;
            if let Some(diff) = check(&b, store_no, views).await {
                if !diff.starts_with("import refused") {
                    a = b;
                    last = diff;
                    smaller = true;
                    break;
                }
            }
        }
        if !smaller {
            return (a, last);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn differential_portal_matches_the_reference_model() {
    let cases = env_u64("DIFF_CASES", 40);
    let first = env_u64("DIFF_SEED", 1);
    let one_view = std::env::var("DIFF_ONE_VIEW").is_ok();
    let all: Vec<(&str, Phase)> = TEST_DAYS
        .iter()
        .flat_map(|d| [(*d, Phase::Two), (*d, Phase::One)])
        .collect();
    let started = std::time::Instant::now();
    for seed in first..first + cases {
        let a = gen::archive(seed);
        let views: Vec<(&str, Phase)> = if one_view {
            vec![all[(seed % all.len() as u64) as usize]]
        } else {
            all.clone()
        };
        if check(&a, seed, &views).await.is_some() {
            let (small, diff) = minimise(a, &views, seed).await;
            let json = serde_json::to_string_pretty(&small).unwrap_or_default();
            panic!("seed {seed}: {diff}\nminimised archive:\n{json}");
        }
        if seed % 1000 == 0 {
            eprintln!("{} archives in {:?}", seed - first + 1, started.elapsed());
        }
    }
    eprintln!(
        "{cases} archives agree with the model ({:?})",
        started.elapsed()
    );
}
