//! Acting for a minor over HTTP (visibility-rules.md section 8): an
//! allow/deny matrix of viewer × child state × document state, on the demo
//! archive with "today" fixed.

use crate::common::*;
use portal_server::policy::Phase;

const PEKKA: &str = "201186-917J";
const RIIKKA: &str = "070762-984W";
const TIINA: &str = "210375-948W";
const TIMO: &str = "121273-939J";
const MARJA: &str = "080880-9629";
const SANNA: &str = "250187-960B";
const ANTTI: &str = "300685-917P";
const KALLE: &str = "040479-939F";
const EEVA: &str = "101081-9867";
const IIDA: &str = "030310A987S";
const KAROLIINA: &str = "290208A946W";

async fn status(s: &TestServer, c: &reqwest::Client, key: &str) -> u16 {
    s.get(c, &format!("/documents/{}", doc_id(key)))
        .await
        .status
}

#[tokio::test]
async fn r_guard_1_to_7_who_may_act_matrix() {
    let s = phase2().await;
    // (viewer, child, offered?) — reasons in the comments.
    let matrix = [
        (LAURA, "Emma Nieminen", true),    // guardian, no restriction
        (LAURA, "Oskari Nieminen", true),  // guardian
        (PEKKA, "Emma Nieminen", true),    // R-GUARD-5 residence-only agreement does not block
        (RIIKKA, "Oskari Nieminen", true), // R-GUARD-9 information-right holder
        (EEVA, "Lotta Järvinen", true),    // R-GUARD-5 no-social-welfare-decisions does not block
        (KALLE, "Lotta Järvinen", false),  // R-GUARD-4 trustee
        (TIMO, "Ville Mäkinen", false),    // R-GUARD-5 unstructured agreement
        (TIINA, "Ville Mäkinen", true),    // R-GUARD-1 still 17
        (MARJA, "Noora Laine", false),     // R-GUARD-2 child's protection order
        (SANNA, "Leo Heikkinen", true),    // R-GUARD-3 her own order does not stop her (L8744–8750)
        (ANTTI, "Leo Heikkinen", false),   // R-GUARD-3 the other guardian's order
        (AINO, "Emma Nieminen", false),    // R-GUARD-1 not a guardian
        (IIDA, "Aada Koivisto", true),     // R-GUARD-6 a guardian who is a minor herself
        (MARJA, "Karoliina Laine", false), // R-GUARD-1 born 29.2.2008: 18 on 28.2.2026
        (EINO, "Emma Nieminen", false),    // R-GUARD-9 a right that does not cover social welfare
    ];
    for (viewer, child, allowed) in matrix {
        let c = s.login(viewer).await;
        let names: Vec<String> = offered(&s, &c).await.into_iter().map(|(_, n)| n).collect();
        assert_eq!(
            names.contains(&child.to_string()),
            allowed,
            "{viewer} → {child}: {names:?}"
        );
    }
}

#[tokio::test]
async fn r_guard_1_acting_ends_on_the_18th_birthday() {
    let before = start(Phase::Two, "2026-11-30").await;
    let c = before.login(TIINA).await;
    act_for(&before, &c, "Ville Mäkinen").await;
    assert_eq!(status(&before, &c, "V01").await, 200);
    let after = start(Phase::Two, "2026-12-01").await;
    let c = after.login(TIINA).await;
    assert!(offered(&after, &c).await.is_empty());
}

#[tokio::test]
async fn a_refused_or_forged_child_is_answered_as_a_missing_one() {
    let s = phase2().await;
    let c = s.login(MARJA).await;
    for forged in ["050513A926F", "00000000000000000000", "nonsense"] {
        let res = s.post_form(&c, "/auth/subject", &[("child", forged)]).await;
        assert_eq!(res.status().as_u16(), 404, "{forged}");
        // The same answer as for a document that does not exist.
        let missing = s.get(&c, "/files/documents/no-such-document/body").await;
        assert_eq!(missing.status, 404);
        assert_eq!(res.text().await.expect("body"), missing.body);
    }
    // A key from another viewer's session does not work either.
    let laura = s.login(LAURA).await;
    let key = offered(&s, &laura).await[0].0.clone();
    assert_eq!(s.choose_subject(&c, &key).await, 404);
    assert!(!s.get(&c, "/").await.body.contains("acting-banner"));
}

#[tokio::test]
async fn r_guard_8_to_13_what_a_guardian_sees_matrix() {
    let s = phase2().await;
    let laura = s.login(LAURA).await;
    act_for(&s, &laura, "Emma Nieminen").await;
    let pekka = s.login(PEKKA).await;
    act_for(&s, &pekka, "Emma Nieminen").await;
    // (document, Laura, Pekka): Laura is a client of the shared family-work case, Pekka is not.
    let matrix = [
        ("E01", 200, 200), // code 1
        ("E03", 200, 200), // code 3: shown although the minor prohibits (R-GUARD-10)
        ("E04", 404, 404), // code 2 (R-GUARD-10)
        ("E05", 404, 404), // code 4 (R-GUARD-10)
        ("E06", 404, 404), // case-level code 4 (R-GUARD-11)
        ("E08", 404, 404), // delayed (R-GUARD-8, R-DELAY-1)
        ("F01", 200, 404), // shared case: only the guardian who is its client (R-GUARD-13)
        ("F03", 200, 404), // the guardian's own shared document, even with code 2 (L8784–8790)
        ("F04", 404, 404), // Laura's own document, not Emma's (R-SHARED-2)
    ];
    for (doc, l, p) in matrix {
        assert_eq!(status(&s, &laura, doc).await, l, "Laura, {doc}");
        assert_eq!(status(&s, &pekka, doc).await, p, "Pekka, {doc}");
    }
    let front = s.get(&laura, "/").await.body;
    assert!(
        front.contains("data-testid=\"info-text\""),
        "R-INFO-1 for the guardian too"
    );
    assert!(!front.contains("Emman oma muistio") && !front.contains(&doc_id("E04")));
    assert!(
        !front.contains("restriction_text") && !front.contains("ei halua"),
        "R-GUARD-12"
    );
}

#[tokio::test]
async fn r_guard_9_information_right_holder_sees_as_a_guardian() {
    let s = phase2().await;
    let c = s.login(RIIKKA).await;
    act_for(&s, &c, "Oskari Nieminen").await;
    assert_eq!(status(&s, &c, "O01").await, 200);
    assert_eq!(
        status(&s, &c, "O03").await,
        404,
        "R-AUTO-2 applies to the child's view"
    );
}

#[tokio::test]
async fn r_guard_14_minor_sees_which_documents_guardians_do_not() {
    let s = phase2().await;
    let c = s.login(EMMA).await;
    for key in ["E04", "E05", "E06"] {
        let page = s.get(&c, &format!("/documents/{}", doc_id(key))).await;
        assert_eq!(page.status, 200, "{key}");
        assert!(page.body.contains("ei näytetä huoltajillesi"), "{key}");
    }
    let page = s
        .get(&c, &format!("/documents/{}", doc_id("E01")))
        .await
        .body;
    assert!(!page.contains("ei näytetä huoltajillesi"));
    let list = s.get(&c, "/tasks/2016:10").await.body;
    assert_eq!(
        list.matches("class=\"notice-box withheld\"").count(),
        3,
        "R-TASK-6 in the list"
    );
}

#[tokio::test]
async fn a_protection_order_arriving_mid_session_takes_effect_on_the_next_request() {
    let s = phase2().await;
    let c = s.login(LAURA).await;
    act_for(&s, &c, "Emma Nieminen").await;
    assert_eq!(status(&s, &c, "E01").await, 200);
    let archive = person_update(EMMA, |emma| emma.protection_order = true);
    s.store.import(&archive).await.expect("update");
    assert_eq!(status(&s, &c, "E01").await, 404);
    let page = s.get(&c, "/").await.body;
    assert!(!page.contains("acting-banner"), "back to own records");
    assert!(visible_text(&page).contains("Laura Nieminen"));
}

#[tokio::test]
async fn r_front_3_guardian_new_labels_follow_the_guardians_previous_login() {
    let s = phase2().await;
    let first = s.login(RIIKKA).await;
    act_for(&s, &first, "Oskari Nieminen").await;
    assert!(visible_text(&s.get(&first, "/").await.body).contains("Uusi"));
    let second = s.login(RIIKKA).await;
    act_for(&s, &second, "Oskari Nieminen").await;
    assert!(!visible_text(&s.get(&second, "/").await.body).contains("Uusi"));
}

#[tokio::test]
async fn the_subject_never_appears_in_an_address() {
    let s = phase2().await;
    let c = s.login(LAURA).await;
    let page = s.get(&c, "/").await.body;
    for id in [EMMA, "021016A9515"] {
        assert!(
            !page.contains(id),
            "no child's personal identity code in the page"
        );
    }
}

/// The keys of the `<option>`s marked selected in the subject choice.
fn selected_keys(html: &str) -> Vec<String> {
    html.split("<option ")
        .skip(1)
        .filter_map(|s| s.split_once('>').map(|(attrs, _)| attrs))
        .filter(|attrs| attrs.split_whitespace().any(|a| a.starts_with("selected")))
        .filter_map(|attrs| {
            let key = attrs.split_once("value=\"")?.1.split('"').next()?;
            Some(key.to_string())
        })
        .collect()
}

#[tokio::test]
async fn two_children_of_the_same_name_the_chosen_one_is_selected() {
    let s = phase2().await;
    // Oskari is renamed Emma: Laura now has two children named Emma Nieminen.
    let archive = person_update("021016A9515", |oskari| oskari.given_names = "Emma".into());
    s.store.import(&archive).await.expect("update");
    let c = s.login(LAURA).await;
    let page = s.get(&c, "/").await.body;
    let children = choices(&page);
    assert_eq!(children.len(), 2);
    assert!(children.iter().all(|(_, name)| name == "Emma Nieminen"));
    assert_eq!(selected_keys(&page), [""], "own records at first");
    // Keys are bound to the session's token, which changes with each choice:
    // each choice is made from the page as it is now.
    for i in 0..2 {
        let page = s.get(&c, "/").await.body;
        let key = choices(&page)[i].0.clone();
        assert_eq!(s.choose_subject(&c, &key).await, 303);
        let page = s.get(&c, "/").await.body;
        let now = choices(&page)[i].0.clone();
        assert_eq!(selected_keys(&page), vec![now], "only the chosen child");
    }
}

#[tokio::test]
async fn r_guard_1_a_leap_day_child_is_acted_for_until_28_february() {
    for (day, acting) in [("2026-02-27", true), ("2026-02-28", false)] {
        let s = start(Phase::Two, day).await;
        let c = s.login(MARJA).await;
        let names: Vec<String> = offered(&s, &c).await.into_iter().map(|(_, n)| n).collect();
        assert_eq!(
            names.contains(&"Karoliina Laine".to_string()),
            acting,
            "{day}: {names:?}"
        );
    }
    // Karoliina herself reads her own records.
    let s = phase2().await;
    let c = s.login(KAROLIINA).await;
    assert_eq!(s.get(&c, "/").await.status, 200);
}

#[tokio::test]
async fn r_front_7_a_relationship_document_withheld_from_guardians() {
    let s = phase2().await;
    let emma = s.login(EMMA).await;
    let own = s.get(&emma, "/").await.body;
    assert!(own.contains("Sari Koski") && own.contains("data-testid=\"relationship\""));
    let laura = s.login(LAURA).await;
    act_for(&s, &laura, "Emma Nieminen").await;
    let front = s.get(&laura, "/").await.body;
    let api = s.server_fn(&laura, "front-page", &[]).await.body;
    for body in [&front, &api] {
        assert!(!body.contains("Sari Koski") && !body.contains("sari.koski"));
        assert!(!body.contains("data-testid=\"relationship\""));
    }
}

#[tokio::test]
async fn r_guard_10_an_attachment_withheld_from_guardians_on_its_own() {
    let s = phase2().await;
    let e03 = doc_id("E03");
    let laura = s.login(LAURA).await;
    act_for(&s, &laura, "Emma Nieminen").await;
    let page = s.get(&laura, &format!("/documents/{e03}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Tapaamisaikataulu"));
    assert!(!page.body.contains("Emman oma kirje") && !page.body.contains("ATT-E03-1"));
    let file = s
        .get(
            &laura,
            &format!("/files/documents/{e03}/attachments/ATT-E03-1"),
        )
        .await;
    assert_eq!(file.status, 404);
    // Emma sees both, and is told which one her guardians do not see.
    let emma = s.login(EMMA).await;
    let own = s.get(&emma, &format!("/documents/{e03}")).await.body;
    assert!(own.contains("Emman oma kirje") && own.contains("Tapaamisaikataulu"));
    assert!(own.contains("Tätä liitettä ei näytetä huoltajillesi."));
}
