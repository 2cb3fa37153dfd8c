//! The page frame and the language: whose records a page names,
//! the language chosen in the header (kept for the person and in a cookie),
//! the browser's language before anyone signs in, the frame on 404 pages,
//! titles with the site's name, breadcrumbs and the legend of "New".

use crate::common::*;

fn html_lang(body: &str) -> &str {
    body.split("<html lang=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or("")
}

/// The body of `path` asked for with this `Accept-Language`.
async fn in_language(s: &TestServer, c: &reqwest::Client, path: &str, accept: &str) -> String {
    c.get(format!("{}{path}", s.base))
        .header("Accept-Language", accept)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn before_sign_in_the_page_speaks_the_cookies_then_the_browsers_language() {
    let s = phase2().await;
    let c = s.client();
    let plain = s.get(&c, "/login").await.body;
    assert_eq!(html_lang(&plain), "fi");
    assert!(plain.contains("<h1>Kirjaudu sisään</h1>"), "{plain}");
    let sv = in_language(&s, &c, "/login", "de, sv-FI;q=0.9, en;q=0.5").await;
    assert_eq!(html_lang(&sv), "sv");
    assert!(sv.contains("<h1>Logga in</h1>"), "{sv}");
    // A choice made on the sign-in page: a cookie, before the browser's word.
    let res = s
        .post_form(&c, "/auth/language", &[("lang", "en"), ("back", "/login")])
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login");
    let en = in_language(&s, &c, "/login", "sv").await;
    assert_eq!(html_lang(&en), "en");
    assert!(en.contains("<h1>Sign in</h1>"));
    // Every language is offered, each named in itself.
    for (code, name) in [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")] {
        assert!(
            en.contains(&format!("value=\"{code}\" lang=\"{code}\"")) && en.contains(name),
            "{code}"
        );
    }
}

#[tokio::test]
async fn the_language_chosen_is_kept_for_the_person_on_every_page() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    assert_eq!(html_lang(&s.get(&c, "/").await.body), "fi");
    let res = s
        .post_form(
            &c,
            "/auth/language",
            &[("lang", "sv"), ("back", "/tasks/2016%3A26?sort=name")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/tasks/2016%3A26?sort=name");
    let front = s.get(&c, "/").await.body;
    assert_eq!(html_lang(&front), "sv");
    assert!(front.contains("Mina socialvårdshandlingar"));
    // Another browser, no cookie: the person's choice still holds.
    let other = s.login(AINO).await;
    let page = s
        .get(&other, &format!("/documents/{}", doc_id("A01")))
        .await;
    assert_eq!(html_lang(&page.body), "sv");
    assert!(
        page.body.contains("Socialvårdens handlingar</title>"),
        "{}",
        page.body
    );
    // And the error pages of the plain routes.
    let missing = s.get(&other, "/files/documents/no-such/body").await;
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("lang=\"sv\""), "{}", missing.body);
}

#[tokio::test]
async fn a_bad_language_or_a_way_back_off_the_site_is_refused_or_ignored() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    for bad in ["de", "SV", "", "fi-FI"] {
        let res = s
            .post_form(&c, "/auth/language", &[("lang", bad), ("back", "/")])
            .await;
        assert_eq!(res.status(), 400, "{bad}");
        assert!(res.headers().get("set-cookie").is_none(), "{bad}");
    }
    assert_eq!(html_lang(&s.get(&c, "/").await.body), "fi");
    for (back, to) in [
        ("//evil.example/x", "/"),
        ("https://evil.example", "/"),
        ("/\\evil.example", "/"),
        ("/use-of-information", "/use-of-information"),
    ] {
        let res = s
            .post_form(&c, "/auth/language", &[("lang", "fi"), ("back", back)])
            .await;
        assert_eq!(res.headers()["location"], to, "{back}");
    }
    // Without the form token: refused.
    let res = c
        .post(format!("{}/auth/language", s.base))
        .form(&[("lang", "sv"), ("back", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn acting_for_a_child_the_pages_name_the_child_in_the_third_person() {
    let s = phase2().await;
    let c = s.login(LAURA).await;
    act_for(&s, &c, "Emma Nieminen").await;
    let front = s.get(&c, "/").await.body;
    assert!(
        front.contains("<h1>Henkilön Emma Nieminen sosiaalihuollon asiakirjat</h1>"),
        "{front}"
    );
    assert!(front.contains("<title>Henkilön Emma Nieminen sosiaalihuollon asiakirjat – Sosiaalihuollon asiakirjat</title>"));
    assert!(!front.contains("Omat sosiaalihuollon asiakirjat"));
    assert!(front.contains("Katselet henkilön Emma Nieminen tietoja."));
    // One banner, and the choice is a form labelled with its question.
    assert_eq!(front.matches("data-testid=\"acting-banner\"").count(), 1);
    assert!(front.contains("Kenen tietoja katselet?"));
    assert!(!front.contains("<nav class=\"acting\""));
    if front.contains("data-testid=\"info-text\"") {
        assert!(front.contains("henkilöstä Emma Nieminen"));
        assert!(!front.contains("tallennettu sinusta"));
    }
}

#[tokio::test]
async fn a_missing_page_keeps_the_frame_in_the_viewers_language() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    s.post_form(&c, "/auth/language", &[("lang", "en"), ("back", "/")])
        .await;
    let page = s.get(&c, "/no/such/page").await;
    assert_eq!(page.status, 404);
    assert_eq!(html_lang(&page.body), "en");
    for part in [
        "class=\"site-header\"",
        "data-testid=\"viewer-name\"",
        "action=\"/auth/logout\"",
        "data-testid=\"language-choice\"",
        "class=\"site-footer\"",
        "href=\"/accessibility\"",
    ] {
        assert!(page.body.contains(part), "{part} in {}", page.body);
    }
    // The footer's pages are there for everyone.
    let anon = s.client();
    for path in ["/accessibility", "/contact", "/privacy"] {
        let p = s.get(&anon, path).await;
        assert_eq!(p.status, 200, "{path}");
        assert!(p.body.contains("<h1>"), "{path}");
    }
}

#[tokio::test]
async fn breadcrumbs_keep_the_task_views_search_and_new_has_a_legend() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let task = s.get(&c, "/tasks/2016%3A26?sort=name&order=asc").await.body;
    assert!(task.contains("aria-label=\"Olet tässä\""), "{task}");
    // A document link carries the view it was found on ...
    let from = "from=%2Ftasks%2F2016%253A26%3Fsort%3Dname%26order%3Dasc";
    let href = task
        .split("class=\"doc-link\"")
        .next()
        .and_then(|s| s.rsplit("href=\"").next())
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    assert!(href.contains(from), "{href}");
    // ... and the document's breadcrumbs lead back to it.
    let doc = s.get(&c, &href.replace("&amp;", "&")).await.body;
    assert!(
        doc.contains("href=\"/tasks/2016%3A26?sort=name&amp;order=asc\""),
        "{doc}"
    );
    // An address made up elsewhere is not followed: the document's own task.
    let odd = s
        .get(
            &c,
            &format!(
                "/documents/{}?from=https%3A%2F%2Fevil.example",
                doc_id("A01")
            ),
        )
        .await
        .body;
    let crumbs = odd
        .split("class=\"breadcrumbs\"")
        .nth(1)
        .and_then(|s| s.split("</nav>").next())
        .unwrap();
    assert!(!crumbs.contains("evil"), "{crumbs}");
    assert!(crumbs.contains("href=\"/tasks/"), "{crumbs}");
    // Aino's first sign-in: every document is new, and the legend says what that means.
    let front = s.get(&c, "/").await.body;
    if front.contains("class=\"new-label\"") {
        assert!(front.contains("data-testid=\"new-legend\""));
    }
    assert!(
        front.contains("Näytä kaikki: Työikäisten palvelut ("),
        "{front}"
    );
}

#[tokio::test]
async fn a_language_chosen_before_sign_in_becomes_the_persons_and_the_test_list_speaks_it() {
    let s = phase2().await;
    let c = s.client();
    s.post_form(&c, "/auth/language", &[("lang", "sv"), ("back", "/login")])
        .await;
    let login = s.get(&c, "/login").await.body;
    // The tester's notes are in the page's language too.
    assert!(
        login.contains("minderårig") && login.contains("vårdnadshavare, 2 barn"),
        "{login}"
    );
    assert!(!login.contains("guardian of"));
    let res = s
        .post_form(&c, "/auth/test-login", &[("person", AINO)])
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(html_lang(&s.get(&c, "/").await.body), "sv");
    // Kept for Aino: another browser without the cookie.
    let other = s.login(AINO).await;
    assert_eq!(html_lang(&s.get(&other, "/").await.body), "sv");
}

#[tokio::test]
async fn attachments_say_their_size_from_the_stored_length() {
    // A 300 000-byte PDF attachment on A03, beside its XHTML ones.
    let mut a = portal_server::archive::parse(portal_server::demo::DEMO_ARCHIVE).unwrap();
    let d = a
        .documents
        .iter_mut()
        .find(|d| d.id == doc_id("A03"))
        .unwrap();
    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.resize(300_000, b'x');
    use base64::Engine;
    d.attachments[0].body = portal_server::archive::format::Body {
        xhtml: None,
        pdf_base64: Some(base64::engine::general_purpose::STANDARD.encode(&pdf)),
    };
    let s = start_with(Some(a), portal_server::policy::Phase::Two, "2026-11-23").await;
    let c = s.login(AINO).await;
    let page = s
        .get(&c, &format!("/documents/{}", doc_id("A03")))
        .await
        .body;
    // 300 000 bytes = 293 KiB (rounded up).
    assert!(page.contains("(PDF-tiedosto, 293 kt)"), "{page}");
    // An XHTML attachment: its text's length, at least 1 kt.
    let other = s
        .get(&c, &format!("/documents/{}", doc_id("A28")))
        .await
        .body;
    assert!(
        other.contains("Liite: palvelukuvaus<!----> (1 kt)"),
        "{other}"
    );
}
