//! Two portal processes on one database: sessions, the audit
//! trail and the cache's import generation live in the database, so a
//! citizen's requests may land on either process. On the PostgreSQL run
//! (`PORTAL_TEST_POSTGRES`) the database is PostgreSQL; otherwise both
//! processes share one SQLite file.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::{
    doc_id, form_token_in, free_port, fresh_database, person_update, Process, AINO,
};

async fn spawn(database_url: &str) -> Process {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env("PORTAL_DATABASE_URL", database_url)
        .env("PORTAL_AUTH", "test")
        .env("PORTAL_SECURE_COOKIES", "false")
        .env("PORTAL_PHASE", "2")
        .env("PORTAL_TODAY", "2026-11-23")
        .env("LEPTOS_OUTPUT_NAME", "portal")
        .env("LEPTOS_SITE_ROOT", "target/site")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start server");
    let p = Process {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let probe = reqwest::Client::new();
    for _ in 0..300 {
        if let Ok(r) = probe.get(format!("{}/login", p.base)).send().await {
            if r.status().is_success() {
                return p;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server on {} did not start", p.base);
}

async fn get(c: &reqwest::Client, p: &Process, path: &str) -> (u16, String) {
    let r = c
        .get(format!("{}{path}", p.base))
        .send()
        .await
        .expect("GET");
    let status = r.status().as_u16();
    (status, r.text().await.expect("body"))
}

#[tokio::test]
async fn two_portal_processes_serve_one_database_alternately() {
    let dir = tempfile::tempdir().expect("dir");
    let url = fresh_database(dir.path()).await;
    // Both start on an empty database and both load the demo archive: the
    // imports run one after the other and the second changes nothing.
    let (a, b) = tokio::join!(spawn(&url), spawn(&url));
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(20))
        .build()
        .expect("client");
    // Sign in on A; the session is in the database, so B knows it.
    let page = c
        .get(format!("{}/login", a.base))
        .send()
        .await
        .expect("login page")
        .text()
        .await
        .expect("body");
    let token = form_token_in(&page).expect("form token");
    let r = c
        .post(format!("{}/auth/test-login", a.base))
        .form(&[("person", AINO), ("csrf", &token)])
        .send()
        .await
        .expect("login");
    assert_eq!(r.status().as_u16(), 303);
    let doc = format!("/documents/{}", doc_id("A01"));
    let mut fronts = Vec::new();
    for round in 0..6 {
        let p = if round % 2 == 0 { &a } else { &b };
        let (status, front) = get(&c, p, "/").await;
        assert_eq!(status, 200, "front page on {}", p.base);
        fronts.push(front.contains("Aino Maria Virtanen"));
        let (status, _) = get(&c, p, &doc).await;
        assert_eq!(status, 200, "document on {}", p.base);
    }
    assert!(
        fronts.iter().all(|&named| named),
        "both show Aino's own records"
    );
    // An import through either process (here: the store directly) is seen
    // by both at their next request, whatever they cached.
    let mut update = person_update(AINO, |_| {});
    update.people.clear();
    let demo = portal_server::archive::parse(portal_server::demo::DEMO_ARCHIVE).expect("demo");
    let mut a01 = demo
        .documents
        .iter()
        .filter(|d| d.id == doc_id("A01"))
        .max_by_key(|d| d.version)
        .cloned()
        .expect("A01");
    a01.version += 1;
    a01.title = "Uusi versio kahden prosessin testissä".into();
    update.documents.push(a01);
    let store = portal_server::store::Store::open(&url)
        .await
        .expect("store");
    store.import(&update).await.expect("update");
    for p in [&a, &b] {
        let (_, page) = get(&c, p, &doc).await;
        assert!(
            page.contains("Uusi versio kahden prosessin testissä"),
            "the new version on {}",
            p.base
        );
    }
    // Signing out on B ends the session on A too (with the form token the
    // sign-in gave: the one before it is no longer good).
    let (_, page) = get(&c, &b, "/").await;
    let token = form_token_in(&page).expect("form token after sign-in");
    let r = c
        .post(format!("{}/auth/logout", b.base))
        .form(&[("csrf", &token)])
        .send()
        .await
        .expect("logout");
    assert_eq!(r.status().as_u16(), 303);
    let (status, _) = get(&c, &a, "/").await;
    assert_ne!(status, 200, "no session any more on A");
}
