//! Leak scan: on random archives served over real HTTP, nothing of a
//! document the reference model hides from a viewer (its id, any version's
//! title or body, its attachments; the older versions and withheld attachments
//! of shown documents; any restriction reason) appears in any response body
//! that viewer gets: SSR HTML with its hydration data, server-function JSON,
//! file routes, error answers. A hidden id is answered byte for byte as a
//! missing one (the per-response script nonce aside).
//!
//! `LEAK_CASES` archives (default 6), first seed `LEAK_SEED` (default 1000).

mod common;
mod model;

use common::{start_with, TestServer};
use portal_server::archive::format::Archive;
use portal_server::policy::Phase;

const TODAY: &str = "2026-11-23";

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Replaces the per-response nonce (the only per-response difference).
fn without_nonce(body: &str) -> String {
    let mut out = body.to_string();
    for attr in ["nonce=\"", "crossorigin=\""] {
        let mut result = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(i) = rest.find(attr) {
            result.push_str(&rest[..i + attr.len()]);
            result.push('*');
            rest = &rest[i + attr.len()..];
            rest = &rest[rest.find('"').unwrap_or(rest.len())..];
        }
        result.push_str(rest);
        out = result;
    }
    out
}

/// What must not appear for (viewer, subject): needles and why.
fn needles(a: &Archive, exp: &model::Expected) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for d in &a.documents {
        let newest = model::doc(a, &d.id);
        let shown = exp.documents.get(&d.id);
        match shown {
            None => {
                out.push((format!("{}\"", d.id), format!("hidden id {}", d.id)));
                out.push((format!("{}/", d.id), format!("hidden id {}", d.id)));
                out.push((d.title.clone(), format!("title of hidden {}", d.id)));
                out.push((
                    format!("BODY-{}", &d.title["TITLE-".len()..]),
                    format!("body of hidden {}", d.id),
                ));
                for at in &d.attachments {
                    out.push((at.title.clone(), format!("attachment of hidden {}", d.id)));
                }
            }
            Some(atts) => {
                if d.version != newest.version {
                    // R-VERSION-1: earlier versions are never shown.
                    out.push((
                        format!("{}<", d.title),
                        format!("older version of {}", d.id),
                    ));
                    out.push((
                        format!("{}\"", d.title),
                        format!("older version of {}", d.id),
                    ));
                    out.push((
                        format!("BODY-{}<", &d.title["TITLE-".len()..]),
                        format!("older body of {}", d.id),
                    ));
                    for at in &d.attachments {
                        out.push((at.title.clone(), format!("older attachment of {}", d.id)));
                    }
                } else {
                    for at in d.attachments.iter().filter(|at| !atts.contains(&at.id)) {
                        out.push((at.title.clone(), format!("withheld attachment of {}", d.id)));
                        out.push((
                            format!("{}\"", at.id),
                            format!("withheld attachment id of {}", d.id),
                        ));
                    }
                }
            }
        }
    }
    out.push((
        "REASON-".into(),
        "a restriction reason (R-DELAY-5, R-GUARD-12)".into(),
    ));
    out
}

async fn scan(s: &TestServer, a: &Archive, seed: u64) {
    let today = TODAY.parse().expect("day");
    let mut ids: Vec<String> = a.documents.iter().map(|d| d.id.clone()).collect();
    ids.sort();
    ids.dedup();
    for viewer in &a.people {
        let c = s.login(&viewer.id).await;
        let front = s.get(&c, "/").await.body;
        let mut subjects: Vec<(String, Option<String>)> = vec![(viewer.id.clone(), None)];
        let keys: Vec<String> = common::choices(&front)
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        let allowed: Vec<&str> = a
            .people
            .iter()
            .filter(|p| model::may_act(a, &viewer.id, &p.id, today))
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(
            keys.len(),
            allowed.len(),
            "seed {seed}: children offered to {}",
            viewer.id
        );
        for key in keys {
            // Which child a key stands for: choose it and read the banner.
            assert_eq!(s.choose_subject(&c, &key).await, 303);
            let page = s.get(&c, "/").await.body;
            let child = allowed
                .iter()
                .find(|id| {
                    let p = model::person(a, id);
                    common::visible_text(&page)
                        .contains(&format!("{} {}", p.given_names, p.surname))
                })
                .expect("banner names an allowed child");
            subjects.push((child.to_string(), Some(key)));
        }
        for (subject, key) in subjects {
            assert_eq!(
                s.choose_subject(&c, key.as_deref().unwrap_or("")).await,
                303
            );
            let exp = model::expected(a, &viewer.id, &subject, today, model::Phase::Two);
            let mut bodies: Vec<(String, String)> = Vec::new();
            bodies.push(("/".into(), s.get(&c, "/").await.body));
            bodies.push((
                "/api/front-page".into(),
                s.server_fn(&c, "front-page", &[]).await.body,
            ));
            bodies.push((
                "/api/viewer".into(),
                s.server_fn(&c, "viewer", &[]).await.body,
            ));
            for task in app::tasks::SERVICE_TASKS.iter() {
                for q in [
                    "",
                    "?sort=name",
                    "?page=2",
                    "?from=2010-01-01&to=2030-12-31",
                ] {
                    let path = format!("/tasks/{}{q}", task.code);
                    let b = s.get(&c, &path).await;
                    assert_eq!(b.status, 200, "{path}");
                    bodies.push((path, b.body));
                }
                let f = s
                    .server_fn(
                        &c,
                        "task-page",
                        &[
                            ("task", task.code),
                            ("query[sort]", "Date"),
                            ("query[order]", "Desc"),
                            ("query[page]", "1"),
                        ],
                    )
                    .await;
                assert_eq!(f.status, 200, "server fn task-page: {}", f.body);
                bodies.push((format!("/api/task-page {}", task.code), f.body));
            }
            let missing = "DOC-does-not-exist";
            let miss_page = s.get(&c, &format!("/documents/{missing}")).await;
            let miss_fn = s.server_fn(&c, "document", &[("id", missing)]).await;
            let miss_file = s.get(&c, &format!("/files/documents/{missing}/body")).await;
            for id in &ids {
                let page = s.get(&c, &format!("/documents/{id}")).await;
                let f = s.server_fn(&c, "document", &[("id", id)]).await;
                let file = s.get(&c, &format!("/files/documents/{id}/body")).await;
                if exp.documents.contains_key(id) {
                    assert_eq!(
                        page.status, 200,
                        "seed {seed}: {id} for {}/{subject}",
                        viewer.id
                    );
                } else {
                    assert_eq!(page.status, 404, "seed {seed}: {id}");
                    assert_eq!(
                        without_nonce(&page.body),
                        without_nonce(&miss_page.body),
                        "seed {seed}: {id} page differs from a missing one"
                    );
                    assert_eq!(
                        (f.status, &f.body),
                        (miss_fn.status, &miss_fn.body),
                        "seed {seed}: {id} server fn"
                    );
                    assert_eq!(
                        (file.status, &file.body),
                        (miss_file.status, &miss_file.body),
                        "seed {seed}: {id} file"
                    );
                }
                let newest = model::doc(a, id);
                for at in &newest.attachments {
                    let b = s
                        .get(&c, &format!("/files/documents/{id}/attachments/{}", at.id))
                        .await;
                    bodies.push((format!("attachment {id}/{}", at.id), b.body));
                }
                bodies.push((format!("/documents/{id}"), page.body));
                bodies.push((format!("/api/document {id}"), f.body));
                bodies.push((format!("/files/documents/{id}/body"), file.body));
            }
            for (needle, why) in needles(a, &exp) {
                for (path, body) in &bodies {
                    assert!(
                        !body.contains(&needle),
                        "seed {seed}: {why} ({needle}) leaked to {} viewing {subject} in {path}",
                        viewer.id
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn leak_scan_hidden_documents_appear_in_no_response() {
    let cases = env_u64("LEAK_CASES", 6);
    let first = env_u64("LEAK_SEED", 1000);
    for seed in first..first + cases {
        let a = model::gen::archive(seed);
        let s = start_with(Some(a.clone()), Phase::Two, TODAY).await;
        scan(&s, &a, seed).await;
    }
}
