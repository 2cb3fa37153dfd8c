//! The hardened surface over HTTP: closed by default, no script but ours
//! (escaped titles, nonce CSP, sanitised bodies), CSRF refused, headers.

use crate::common::*;
use portal_server::config::Config;
use portal_server::policy::Phase;

const HOSTILE_TITLE: &str = "T</title><script>window.pwned=1</script>";

/// The demo archive with one of Aino's documents given a hostile title and body.
fn hostile_archive() -> portal_server::archive::format::Archive {
    let mut a = portal_server::archive::parse(portal_server::demo::DEMO_ARCHIVE).expect("demo");
    let d = a
        .documents
        .iter_mut()
        .find(|d| d.id == doc_id("A02"))
        .expect("A02");
    d.title = HOSTILE_TITLE.into();
    d.body.xhtml = Some(
        "<p>x<img src=\"//evil.example/r.png\"><a href=\"/\\evil.example/x\">y</a>\
         <script>window.pwned=2</script></p>"
            .into(),
    );
    a
}

#[tokio::test]
async fn closed_by_default_no_test_identification_and_no_person_list() {
    let s = start_configured(None, Config::default()).await;
    let c = s.client();
    let login = c
        .post(format!("{}/auth/test-login", s.base))
        .form(&[("person", AINO)])
        .send()
        .await
        .expect("post");
    assert_eq!(login.status().as_u16(), 404);
    assert!(!login
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|v| v.to_str().unwrap().contains("portal_session")));
    let list = s.server_fn(&c, "test-persons", &[]).await;
    assert_eq!(list.status, 404);
    assert!(!list.body.contains(AINO));
    let page = s.get(&c, "/login").await;
    assert!(!page.body.contains(AINO) && !page.body.contains("Aino"));
}

#[tokio::test]
async fn test_identification_is_announced_on_every_page() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    for path in [
        "/",
        "/tasks/2016:26",
        &format!("/documents/{}", doc_id("A01")),
    ] {
        let page = s.get(&c, path).await.body;
        assert!(page.contains("data-testid=\"test-banner\""), "{path}");
    }
}

#[tokio::test]
async fn a_hostile_title_and_body_are_text_not_markup() {
    let s = start_with(Some(hostile_archive()), Phase::Two, "2026-11-23").await;
    let c = s.login(AINO).await;
    let page = s.get(&c, &format!("/documents/{}", doc_id("A02"))).await;
    assert_eq!(page.status, 200);
    let head = page.body.split("</head>").next().unwrap_or_default();
    assert!(
        head.contains("<title>T&lt;/title&gt;&lt;script&gt;window.pwned=1&lt;/script&gt; – Sosiaalihuollon asiakirjat</title>"),
        "{head}"
    );
    assert!(
        !page.body.contains("<script>window.pwned"),
        "no unescaped script"
    );
    assert!(
        !page.body.contains("evil.example"),
        "no foreign or odd URL kept"
    );
    // The same title on the front page and on the body route.
    let front = s.get(&c, "/").await.body;
    assert!(!front.contains("<script>window.pwned"));
}

#[tokio::test]
async fn pages_carry_a_nonce_policy_and_files_are_sandboxed() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let res = c.get(format!("{}/", s.base)).send().await.expect("get");
    let csp = res
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = res.text().await.expect("body");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .expect("a nonce in the policy");
    assert!(
        body.contains(&format!("nonce=\"{nonce}\"")),
        "scripts carry it"
    );
    for part in [
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(part), "{csp}");
    }
    let other = c.get(format!("{}/", s.base)).send().await.expect("get");
    let other_csp = other.headers().get("content-security-policy").cloned();
    assert_ne!(
        other_csp.as_ref().and_then(|v| v.to_str().ok()),
        Some(csp.as_str())
    );
    // (A document body served as HTML is sandboxed: web::files unit test.)
    // Error pages of the plain routes run no script either.
    let missing = c
        .get(format!("{}/files/documents/nope/body", s.base))
        .send()
        .await
        .expect("get");
    assert_eq!(missing.status().as_u16(), 404);
    let policy = missing.headers()["content-security-policy"]
        .to_str()
        .unwrap_or_default();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
    for h in [
        "strict-transport-security",
        "cross-origin-opener-policy",
        "cross-origin-resource-policy",
        "permissions-policy",
    ] {
        assert!(missing.headers().contains_key(h), "{h}");
    }
}

#[tokio::test]
async fn no_store_is_decided_by_the_answer_not_by_its_path() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    for path in [
        format!("/pkg/../documents/{}", doc_id("A01")),
        format!("/pkg/%2e%2e/documents/{}", doc_id("A01")),
        "/".to_string(),
    ] {
        let res = c
            .get(format!("{}{path}", s.base))
            .send()
            .await
            .expect("get");
        let cache = res
            .headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok());
        assert_eq!(cache, Some("no-store"), "{path}");
    }
}

#[tokio::test]
async fn cross_site_posts_are_refused_before_anything_happens() {
    let s = phase2().await;
    let anon = s.client();
    // Login CSRF.
    for (name, value) in [
        ("sec-fetch-site", "cross-site"),
        ("sec-fetch-site", "same-site"),
        ("origin", "https://evil.example"),
    ] {
        let res = anon
            .post(format!("{}/auth/test-login", s.base))
            .header(name, value)
            .form(&[("person", AINO)])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status().as_u16(), 403, "{name}: {value}");
        assert!(res.headers().get("set-cookie").is_none());
    }
    // Logout CSRF: the session survives.
    let c = s.login(AINO).await;
    let res = c
        .post(format!("{}/auth/logout", s.base))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .expect("post");
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(s.get(&c, "/").await.status, 200);
    // A server function from another site, and in a foreign encoding.
    let res = c
        .post(format!("{}/api/document", s.base))
        .header("origin", "https://evil.example")
        .form(&[("id", doc_id("A01").as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status().as_u16(), 403);
    let res = c
        .post(format!("{}/api/document", s.base))
        .header("content-type", "application/json")
        .body(format!("{{\"id\":\"{}\"}}", doc_id("A01")))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status().as_u16(), 400);
    // Same origin, asking for HTML with a Referer: data, never a redirect (no oracle).
    for id in [doc_id("A01"), doc_id("A10")] {
        let res = c
            .post(format!("{}/api/document", s.base))
            .header("sec-fetch-site", "same-origin")
            .header("accept", "text/html")
            .header("referer", "https://evil.example/page")
            .form(&[("id", id.as_str())])
            .send()
            .await
            .expect("post");
        assert!(res.headers().get("location").is_none(), "{id}");
        assert!(!res.status().is_redirection(), "{id}");
    }
}

#[tokio::test]
async fn a_read_that_cannot_be_audited_is_not_answered() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let demo = portal_server::archive::parse(portal_server::demo::DEMO_ARCHIVE).expect("demo");
    let title = demo
        .documents
        .iter()
        .find(|d| d.id == doc_id("A01"))
        .map(|d| d.title.clone())
        .expect("A01");
    let path = format!("/documents/{}", doc_id("A01"));
    assert!(s.get(&c, &path).await.body.contains(&title));
    // The audit trail breaks: every read now fails, and sends nothing of the document.
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&s.database_url).await.expect("db");
    sqlx::query("DROP TABLE audit_events")
        .execute(&pool)
        .await
        .expect("drop");
    let page = s.get(&c, &path).await;
    assert_eq!(page.status, 500);
    assert!(!page.body.contains(&title));
    let f = s.server_fn(&c, "document", &[("id", &doc_id("A01"))]).await;
    assert_eq!(f.status, 500);
    assert!(!f.body.contains(&title));
    let file = s
        .get(&c, &format!("/files/documents/{}/body", doc_id("A05")))
        .await;
    assert_eq!(file.status, 500);
}

#[tokio::test]
async fn the_test_identification_list_is_searched_and_paged_on_the_server() {
    // The list may hold 100 000 persons; the page sends one page.
    let s = phase2().await;
    let c = s.client();
    let all = s.server_fn(&c, "test-persons", &[]).await;
    assert_eq!(all.status, 200);
    let all: app::model::TestPersonsPage = serde_json::from_str(&all.body).unwrap();
    assert!(all.total >= 20 && all.persons.len() == all.total as usize);
    assert_eq!((all.page, all.pages), (1, 1));
    // By given name, any case; by identity code.
    let found = s.server_fn(&c, "test-persons", &[("query", "aINO")]).await;
    let found: app::model::TestPersonsPage = serde_json::from_str(&found.body).unwrap();
    let ids: Vec<&str> = found.persons.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, [AINO]);
    let by_id = s.server_fn(&c, "test-persons", &[("query", JUHA)]).await;
    let by_id: app::model::TestPersonsPage = serde_json::from_str(&by_id.body).unwrap();
    assert_eq!(by_id.total, 1);
    // LIKE's wildcards are searched for, not obeyed.
    let wild = s.server_fn(&c, "test-persons", &[("query", "%")]).await;
    let wild: app::model::TestPersonsPage = serde_json::from_str(&wild.body).unwrap();
    assert_eq!(wild.total, 0);
    // A page past the end is empty; the page itself shows the search.
    let past = s.server_fn(&c, "test-persons", &[("page", "2")]).await;
    let past: app::model::TestPersonsPage = serde_json::from_str(&past.body).unwrap();
    assert!(past.persons.is_empty() && past.total == all.total);
    let page = s.get(&c, "/login?q=virtanen").await.body;
    assert!(page.contains(AINO) && page.contains(JUHA) && !page.contains(EMMA));
}

#[tokio::test]
async fn bad_server_function_input_answers_400_with_the_portals_own_error() {
    // Input that does not decode was once answered 500.
    let s = phase2().await;
    let c = s.login(AINO).await;
    for (name, form) in [
        ("document", vec![("nope", "1")]),
        (
            "task-page",
            vec![("task", "2016:26"), ("query[page]", "abc")],
        ),
    ] {
        let a = s.server_fn(&c, name, &form).await;
        assert_eq!(a.status, 400, "{name}: {}", a.body);
        let e: app::error::AppError = serde_json::from_str(&a.body).expect("the portal's error");
        assert_eq!(e, app::error::AppError::BadRequest);
    }
    // Errors from inside a function keep their own status.
    let hidden = s
        .server_fn(&c, "document", &[("id", "no-such-document")])
        .await;
    assert_eq!(hidden.status, 404);
}

#[tokio::test]
async fn a_form_that_does_not_decode_gets_the_portals_own_400() {
    // The wapiti scan found axum's 422 text ("Failed to deserialize form
    // body") on the /auth forms.
    let s = phase2().await;
    let c = s.login(AINO).await;
    for path in ["/auth/test-login", "/auth/subject"] {
        let res = s.post_form(&c, path, &[]).await;
        assert_eq!(res.status().as_u16(), 400, "{path}");
        let body = res.text().await.unwrap();
        assert!(body.contains("Virheellinen pyyntö"), "{path}: {body}");
        assert!(
            !body.contains("deserialize") && !body.contains("missing field"),
            "{body}"
        );
    }
}

#[tokio::test]
async fn test_identification_through_a_proxy_answers_404() {
    // A reverse proxy or port forward put in front of a loopback test
    // portal anyway: whatever came through one is not from this machine.
    let s = phase2().await;
    for (name, value) in [
        ("x-forwarded-for", "203.0.113.7"),
        ("forwarded", "for=203.0.113.7"),
        ("x-real-ip", "203.0.113.7"),
        ("via", "1.1 proxy"),
    ] {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(name, value.parse().unwrap());
        let proxied = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            .build()
            .unwrap();
        let list = s.server_fn(&proxied, "test-persons", &[]).await;
        assert_eq!(list.status, 404, "{name}: {}", list.body);
        assert!(!list.body.contains(AINO), "{name}");
        let search = s
            .server_fn(&proxied, "test-persons", &[("query", "aino")])
            .await;
        assert_eq!(search.status, 404, "{name}");
        let sign_in = s.server_fn(&proxied, "sign-in", &[]).await;
        assert_eq!(sign_in.status, 404, "{name}");
        let page = s.get(&proxied, "/login").await;
        assert!(
            !page.body.contains(AINO) && !page.body.contains(JUHA),
            "{name}"
        );
        let login = s
            .post_form(&proxied, "/auth/test-login", &[("person", AINO)])
            .await;
        assert_eq!(login.status().as_u16(), 404, "{name}");
        let after = s.get(&proxied, "/").await;
        assert!(
            !after.body.contains("Aino"),
            "{name}: signed in through a proxy"
        );
    }
    // From this machine, all of it works.
    let c = s.client();
    assert_eq!(s.server_fn(&c, "test-persons", &[]).await.status, 200);
    assert_eq!(s.server_fn(&c, "sign-in", &[]).await.status, 200);
    s.login(AINO).await;
}

#[tokio::test]
async fn sign_in_and_sign_out_rotate_the_form_token_and_sign_out_clears_the_site() {
    let s = phase2().await;
    let c = s.client();
    let before = s.form_token(&c).await;
    let res = s
        .post_form(&c, "/auth/test-login", &[("person", AINO)])
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let after = s.form_token(&c).await;
    assert_ne!(
        before, after,
        "the form token seen before sign-in is still the one"
    );
    // The old token no longer passes for a form.
    let stale = c
        .post(format!("{}/auth/logout", s.base))
        .form(&[("csrf", before.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status().as_u16(), 403);
    let out = c
        .post(format!("{}/auth/logout", s.base))
        .form(&[("csrf", after.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(out.status().as_u16(), 303);
    assert_eq!(
        out.headers()
            .get("clear-site-data")
            .and_then(|v| v.to_str().ok()),
        Some("\"cache\", \"storage\"")
    );
    assert_eq!(
        out.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("private, no-store")
    );
    assert_ne!(
        s.form_token(&c).await,
        after,
        "sign-out keeps the form token"
    );
}
