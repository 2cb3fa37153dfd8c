//! The portal over HTTP: a real server on a temporary SQLite file with the
//! demo archive, "today" fixed at 2026-11-23. Test names cite rule ids.

use crate::common::*;
use portal_server::policy::Phase;

/// The `data-doc` ids inside the front-page group of `task`, in page order.
fn group_docs(html: &str, task: &str) -> Vec<String> {
    let Some(start) = html.find(&format!("data-task=\"{task}\"")) else {
        return vec![];
    };
    let section = &html[start..];
    let section = &section[..section.find("</section>").unwrap_or(section.len())];
    section
        .split("data-doc=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_string)
        .collect()
}

fn table_docs(html: &str) -> Vec<String> {
    let Some(start) = html.find("<tbody") else {
        return vec![];
    };
    let body = &html[start..html.find("</tbody>").unwrap_or(html.len())];
    body.split("data-doc=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn r_scope_2_pages_and_server_functions_require_a_session() {
    let s = phase2().await;
    let anon = s.client();
    let page = s.get(&anon, "/").await;
    assert_eq!(page.status, 303);
    let page = s.get(&anon, &format!("/documents/{}", doc_id("A02"))).await;
    assert_eq!(page.status, 303);
    assert!(!page.body.contains("Asiakassuunnitelma"));
    let f = s.server_fn(&anon, "front-page", &[]).await;
    assert_eq!(f.status, 401);
    assert!(!f.body.contains("Asiakassuunnitelma"));
    let f = s
        .server_fn(&anon, "document", &[("id", &doc_id("A02"))])
        .await;
    assert_eq!(f.status, 401);
    // A file link opened without a session goes to the identification page.
    let file = s
        .get(&anon, &format!("/files/documents/{}/body", doc_id("A05")))
        .await;
    assert_eq!(file.status, 303);
}

#[tokio::test]
async fn r_front_1_groups_by_service_task_with_the_five_newest() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let page = s.get(&c, "/").await;
    assert_eq!(page.status, 200);
    let working_age = group_docs(&page.body, "2016:26");
    let expected: Vec<String> = ["A09", "A28", "A23", "A29", "C03"]
        .iter()
        .map(|k| doc_id(k))
        .collect();
    assert_eq!(working_age, expected, "five newest, newest first");
    assert!(page.body.contains("Näytä kaikki"));
    assert_eq!(group_docs(&page.body, "2016:25"), vec![doc_id("A24")]);
    // Groups only for tasks with visible documents.
    assert!(!page.body.contains("data-task=\"2016:10\""));
}

#[tokio::test]
async fn r_front_2_entries_show_name_and_date() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let text = visible_text(&s.get(&c, "/").await.body);
    assert!(text.contains("Yhteenveto työkokeilusta"));
    assert!(text.contains("18.11.2026"));
}

#[tokio::test]
async fn r_front_3_new_label_for_documents_stored_after_the_previous_login() {
    let s = phase2().await;
    let first = s.login(SOFIA).await;
    let text = visible_text(&s.get(&first, "/").await.body);
    assert!(text.contains("Ny"), "first visit: everything is new");
    // Second login: nothing was stored since the first one.
    let second = s.login(SOFIA).await;
    let text = visible_text(&s.get(&second, "/").await.body);
    assert!(!text.contains(" Ny "), "{text}");
    assert!(text.contains("Uppdaterad serviceplan"));
}

#[tokio::test]
async fn r_front_4_relationship_and_child_protection_dates() {
    let s = phase2().await;
    let c = s.login(EMMA).await;
    let text = visible_text(&s.get(&c, "/").await.body);
    assert!(text.contains("Asiakkuus alkanut") && text.contains("1.9.2021"));
    assert!(text.contains("Lastensuojelun asiakkuus alkanut") && text.contains("10.2.2024"));
}

#[tokio::test]
async fn r_front_5_newest_contact_person() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    // The older contact person appears nowhere: not on the page, not in its
    // hydration data, not in the server function's answer.
    let page = s.get(&c, "/").await.body;
    assert!(!page.contains("Kaisa Mattila") && !page.contains("kaisa.mattila@"));
    assert!(page.contains("Johanna Lehto"));
    let data = s.server_fn(&c, "front-page", &[]).await.body;
    assert!(!data.contains("Kaisa Mattila") && !data.contains("kaisa.mattila@"));
    assert!(data.contains("Johanna Lehto"));
}

#[tokio::test]
async fn r_front_6_old_schema_and_special_relationship_documents_are_not_used() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let page = s.get(&c, "/").await.body;
    assert!(
        !page.contains("Naapurin hyvinvointialue"),
        "old-schema relationship"
    );
    assert!(!page.contains("Vanha Työntekijä"));
    let c = s.login(DAVID).await;
    let page = s.get(&c, "/").await.body;
    assert!(!page.contains("Hidden Worker"), "R-SPECIAL-4");
    assert!(!page.contains("data-testid=\"relationship\""));
}

#[tokio::test]
async fn r_info_1_info_text_when_documents_are_restricted() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    assert!(s
        .get(&c, "/")
        .await
        .body
        .contains("data-testid=\"info-text\""));
}

#[tokio::test]
async fn r_info_1_the_text_is_shown_in_full_on_every_visit_not_folded() {
    let s = phase2().await;
    for visit in ["first", "second"] {
        let c = s.login(AINO).await;
        let page = s.get(&c, "/").await.body;
        let at = page.find("data-testid=\"info-text\"").expect(visit);
        let start = page[..at].rfind('<').expect(visit);
        assert!(
            page[start..].starts_with("<section"),
            "{visit} visit: {}",
            &page[start..at]
        );
        assert!(!page.contains("<details"), "{visit} visit: nothing folded");
        assert!(page.contains("11 §"), "{visit} visit: the text itself");
    }
}

#[tokio::test]
async fn r_info_6_a_restricted_phase_1_journal_entry_calls_for_the_text() {
    // Eino's only restriction-free phase-1 view shows no text (R-INFO-2);
    // the same entry under a worker's delay calls for it.
    let mut a = portal_server::archive::parse(portal_server::demo::DEMO_ARCHIVE).unwrap();
    let entry = a
        .documents
        .iter_mut()
        .find(|d| d.title == "Asiakaskertomus: muutto palvelutaloon")
        .unwrap();
    entry.delay_until = Some("2027-06-01".parse().unwrap());
    entry.restriction_reasons = vec![1.try_into().unwrap()];
    let s = start_with(Some(a), Phase::One, "2026-11-23").await;
    let c = s.login(EINO).await;
    let page = s.get(&c, "/").await.body;
    assert!(!page.contains("Asiakaskertomus: muutto palvelutaloon"));
    assert!(page.contains("data-testid=\"info-text\""), "R-INFO-6");
}

#[tokio::test]
async fn r_info_2_no_info_text_for_journal_entries_in_phase_1() {
    let s = start(Phase::One, "2026-11-23").await;
    let c = s.login(EINO).await;
    let page = s.get(&c, "/").await.body;
    assert!(
        !page.contains("Asiakaskertomus: muutto palvelutaloon"),
        "R-AUTO-5 in phase 1"
    );
    assert!(!page.contains("data-testid=\"info-text\""));
    let s2 = phase2().await;
    let c = s2.login(EINO).await;
    let page = s2.get(&c, "/").await.body;
    assert!(page.contains("Asiakaskertomus: muutto palvelutaloon"));
    assert!(!page.contains("data-testid=\"info-text\""));
}

#[tokio::test]
async fn r_task_1_service_task_view_lists_all_visible_documents() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let page = s.get(&c, "/tasks/2016:26").await;
    assert_eq!(page.status, 200);
    assert!(visible_text(&page.body).contains("18 asiakirjaa"));
    assert_eq!(table_docs(&page.body).len(), 18);
    assert_eq!(s.get(&c, "/tasks/2016:99").await.status, 404);
}

#[tokio::test]
async fn r_task_2_documents_past_the_active_period_are_not_listed() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let page = s.get(&c, "/tasks/2016:26").await.body;
    assert!(!page.contains("Vanhentunut päätös 2009"));
}

#[tokio::test]
async fn r_task_3_date_search_reaches_back_to_2023() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let page = s.get(&c, "/tasks/2016:26?from=2020-01-01").await.body;
    assert!(
        page.contains("1.1.2023"),
        "the raised lower bound is announced"
    );
    let ids = table_docs(&page);
    assert!(
        !ids.contains(&doc_id("A01")),
        "2022 document is before the floor"
    );
    assert!(ids.contains(&doc_id("A02")));
    let page = s
        .get(&c, "/tasks/2016:26?from=2025-01-01&to=2025-06-30")
        .await
        .body;
    let ids = table_docs(&page);
    let expected: Vec<String> = ["A07", "A11", "A05"].iter().map(|k| doc_id(k)).collect();
    assert_eq!(ids, expected);
}

#[tokio::test]
async fn r_task_4_sort_by_name_or_date() {
    let s = phase2().await;
    let c = s.login(SOFIA).await;
    let by_name = table_docs(&s.get(&c, "/tasks/2016:20?sort=name&order=asc").await.body);
    let by_date = table_docs(&s.get(&c, "/tasks/2016:20?sort=date&order=asc").await.body);
    assert_eq!(
        by_name.first(),
        Some(&doc_id("S01")),
        "Bedömning… first by name"
    );
    assert_eq!(
        by_name.last(),
        Some(&doc_id("S06")),
        "Uppdaterad… last by name"
    );
    assert_eq!(by_date.first(), Some(&doc_id("S01")));
    assert_eq!(by_date.last(), Some(&doc_id("S07")));
    let newest_first = table_docs(&s.get(&c, "/tasks/2016:20").await.body);
    assert_eq!(newest_first.first(), Some(&doc_id("S07")));
}

#[tokio::test]
async fn r_task_5_columns_with_visible_attachment_count() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let page = s
        .get(&c, "/tasks/2016:26?from=2024-02-01&to=2024-02-28")
        .await
        .body;
    let row_start = page
        .find(&format!("data-doc=\"{}\"", doc_id("A03")))
        .expect("A03 row");
    let row = &page[row_start
        ..page[row_start..]
            .find("</tr>")
            .map(|i| row_start + i)
            .unwrap_or(page.len())];
    let text = visible_text(&format!("<body>{row}"));
    assert!(text.contains("14.2.2024"));
    assert!(
        text.contains(" 1 "),
        "one visible attachment of three: {text}"
    );
    assert!(text.contains("Toimeentulotuki"));
    assert!(text.contains("Esimerkin hyvinvointialue"));
}

#[tokio::test]
async fn r_task_7_shared_case_notice() {
    let s = phase2().await;
    let c = s.login(JUHA).await;
    let page = s.get(&c, &format!("/documents/{}", doc_id("C01"))).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("laadittu yhteisesti"));
}

#[tokio::test]
async fn r_task_8_document_opens_in_its_display_format() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let page = s.get(&c, &format!("/documents/{}", doc_id("A02"))).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Sosiaalityön menetelmät"));
    let pdf_page = s
        .get(&c, &format!("/documents/{}", doc_id("A05")))
        .await
        .body;
    assert!(pdf_page.contains("/files/documents/"));
    let pdf = s
        .get(&c, &format!("/files/documents/{}/body", doc_id("A05")))
        .await;
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.content_type, "application/pdf");
    assert!(pdf.body.starts_with("%PDF-"));
}

/// Titles and ids of Aino's demo documents that must never reach her.
const AINO_HIDDEN: [(&str, &str); 15] = [
    ("A26", "Lähisuhdeväkivallan ehkäisyn lausunto"),
    ("A27", "Päätös kumotussa asiassa"),
    ("A10", "Viivästetty selvitys asumisesta"),
    ("A12", "Asiakirja viivästetyssä asiassa"),
    ("A13", "Erityissisältöinen muistio"),
    ("A14", "Asiakirja erityissisältöisessä asiassa"),
    ("A15", "Turvakodin alkuarvio"),
    ("A16", "Turvakodin lausunto"),
    ("A17", "Turvallisuussuunnitelma"),
    ("A18", "Maksusitoumus täydentävä toimeentulotuki"),
    ("A19", "Asiakkuusasiakirja"),
    ("A20", "Vanha asiakirja 2008"),
    ("A21", "Ensimmäisen vaiheen asiakirja"),
    ("A22", "Vanhentunut päätös 2009"),
    ("A06", "Päätös sosiaalisesta kuntoutuksesta (kumottu)"),
];

#[tokio::test]
async fn r_delay_1_hidden_documents_appear_in_no_response_body() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let mut bodies = vec![s.get(&c, "/").await.body];
    for task in ["2016:26", "2016:25"] {
        bodies.push(s.get(&c, &format!("/tasks/{task}")).await.body);
        bodies.push(s.get(&c, &format!("/tasks/{task}?sort=name")).await.body);
    }
    bodies.push(s.server_fn(&c, "front-page", &[]).await.body);
    bodies.push(
        s.get(&c, &format!("/documents/{}", doc_id("A03")))
            .await
            .body,
    );
    for body in &bodies {
        for (key, title) in AINO_HIDDEN {
            assert!(!body.contains(title), "{title} leaked");
            assert!(!body.contains(&doc_id(key)), "{key} leaked");
        }
        assert!(!body.contains("Viivästetty liite") && !body.contains("Erityissisältöinen liite"));
        assert!(
            !body.contains("Esitutkinta kesken"),
            "R-DELAY-5 reason text"
        );
    }
}

#[tokio::test]
async fn r_delay_1_hidden_document_answers_exactly_as_a_missing_one() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let missing = s.get(&c, "/documents/1.2.246.10.1000001.30.NOPE").await;
    assert_eq!(missing.status, 404);
    for (key, _) in AINO_HIDDEN {
        let hidden = s.get(&c, &format!("/documents/{}", doc_id(key))).await;
        assert_eq!(hidden.status, 404, "{key}");
        assert_eq!(
            visible_text(&hidden.body),
            visible_text(&missing.body),
            "{key}"
        );
        let f = s.server_fn(&c, "document", &[("id", &doc_id(key))]).await;
        let m = s
            .server_fn(&c, "document", &[("id", "1.2.246.10.1000001.30.NOPE")])
            .await;
        assert_eq!((f.status, &f.body), (m.status, &m.body), "{key}");
        let file = s
            .get(&c, &format!("/files/documents/{}/body", doc_id(key)))
            .await;
        let nofile = s.get(&c, "/files/documents/NOPE/body").await;
        assert_eq!(
            (file.status, &file.body),
            (nofile.status, &nofile.body),
            "{key}"
        );
    }
}

#[tokio::test]
async fn r_delay_2_case_delay_hides_the_case_documents() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    assert_eq!(
        s.get(&c, &format!("/documents/{}", doc_id("A12")))
            .await
            .status,
        404
    );
    // The same archive on a day after the case delay: shown.
    let later = start(Phase::Two, "2099-01-01").await;
    let c = later.login(AINO).await;
    assert_eq!(
        later
            .get(&c, &format!("/documents/{}", doc_id("A12")))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn r_delay_3_delayed_and_special_attachments_are_withheld() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let page = s
        .get(&c, &format!("/documents/{}", doc_id("A03")))
        .await
        .body;
    assert!(page.contains("Laskelma"));
    let base = format!("/files/documents/{}/attachments", doc_id("A03"));
    assert_eq!(s.get(&c, &format!("{base}/ATT-1")).await.status, 200);
    assert_eq!(
        s.get(&c, &format!("{base}/ATT-2")).await.status,
        404,
        "R-DELAY-3"
    );
    assert_eq!(
        s.get(&c, &format!("{base}/ATT-3")).await.status,
        404,
        "R-SPECIAL-3"
    );
}

#[tokio::test]
async fn r_delay_4_notice_after_the_delay_ended() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let page = s.get(&c, &format!("/documents/{}", doc_id("A11"))).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("viivästys on päättynyt"));
}

#[tokio::test]
async fn r_delay_6_new_version_lifts_the_delay() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    assert_eq!(
        s.get(&c, &format!("/documents/{}", doc_id("A23")))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn r_special_2_case_special_content_hides_its_documents() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    assert_eq!(
        s.get(&c, &format!("/documents/{}", doc_id("A14")))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn r_version_1_newest_version_with_correction_data() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let page = s
        .get(&c, &format!("/documents/{}", doc_id("A08")))
        .await
        .body;
    assert!(page.contains("joulukuussa") && !page.contains("marraskuussa"));
    assert!(page.contains("Työkokeilun alkamispäivä korjattu."));
}

#[tokio::test]
async fn r_version_2_only_the_replacing_decision_is_shown() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    assert_eq!(
        s.get(&c, &format!("/documents/{}", doc_id("A07")))
            .await
            .status,
        200
    );
    assert_eq!(
        s.get(&c, &format!("/documents/{}", doc_id("A06")))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn r_sign_1_signatures_without_system_signatures() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let page = s
        .get(&c, &format!("/documents/{}", doc_id("A09")))
        .await
        .body;
    assert!(page.contains("Kaisa Mattila"));
    assert!(!page.contains("Arkistopalvelu"));
    // R-SIGN-2: registration number and identification method in words.
    let sig = &page[page.find("data-testid=\"signature\"").expect("a signature")..];
    let sig = &sig[..sig.find("</li>").expect("its end")];
    assert!(
        sig.contains("Rekisteröintinumero") && sig.contains("99900012345"),
        "{sig}"
    );
    assert!(
        sig.contains("Tunnistautumistapa") && sig.contains("ammattihenkilön varmennekortti"),
        "{sig}"
    );
}

#[tokio::test]
async fn r_auto_6_shared_case_documents_hidden_in_phase_1() {
    let s = start(Phase::One, "2026-11-23").await;
    let c = s.login(JUHA).await;
    assert_eq!(
        s.get(&c, &format!("/documents/{}", doc_id("C01")))
            .await
            .status,
        404
    );
    let s2 = phase2().await;
    let c = s2.login(JUHA).await;
    assert_eq!(
        s2.get(&c, &format!("/documents/{}", doc_id("C01")))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn r_auto_7_adoption_counselling_hidden_in_phase_1() {
    let s = start(Phase::One, "2026-11-23").await;
    let c = s.login(AINO).await;
    assert!(!s
        .get(&c, "/")
        .await
        .body
        .contains("Adoptioneuvonnan lausunto"));
}

#[tokio::test]
async fn r_shared_2_removed_client_does_not_see_later_documents() {
    let s = phase2().await;
    let c = s.login(JUHA).await;
    assert_eq!(
        s.get(&c, &format!("/documents/{}", doc_id("C03")))
            .await
            .status,
        404
    );
    assert_eq!(
        s.get(&c, &format!("/documents/{}", doc_id("C02")))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn r_scope_1_browsing_changes_no_record() {
    let s = phase2().await;
    let before = s
        .store
        .subject_records(AINO)
        .await
        .expect("records")
        .documents
        .clone();
    let c = s.login(AINO).await;
    for path in [
        "/",
        "/tasks/2016:26",
        &format!("/documents/{}", doc_id("A03")),
    ] {
        assert_eq!(s.get(&c, path).await.status, 200);
    }
    let after = s
        .store
        .subject_records(AINO)
        .await
        .expect("records")
        .documents
        .clone();
    assert_eq!(before, after);
    // No route accepts a write to a document.
    let put = c
        .put(format!("{}/documents/{}", s.base, doc_id("A03")))
        .send()
        .await
        .expect("put");
    assert!(put.status().is_client_error());
}

#[tokio::test]
async fn language_follows_the_person() {
    let s = phase2().await;
    let c = s.login(DAVID).await;
    let page = s.get(&c, "/").await.body;
    assert!(page.contains("My social-welfare documents"));
    assert!(page.contains("lang=\"en\""));
}

#[tokio::test]
async fn sign_out_ends_the_session_and_says_so() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let res = s.post_form(&c, "/auth/logout", &[]).await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(res.headers()["location"], "/signed-out");
    let page = s.get(&c, "/signed-out").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("<h1>Olet kirjautunut ulos.</h1>"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("viewer-name"), "no one is signed in");
    assert_eq!(
        title_of(&page.body)
            .as_deref()
            .map(|t| t.starts_with("Olet kirjautunut ulos.")),
        Some(true)
    );
    assert_eq!(s.get(&c, "/").await.status, 303);
}

#[tokio::test]
async fn test_identification_lists_the_demo_persons() {
    let s = phase2().await;
    let page = s.get(&s.client(), "/login").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(AINO) && page.body.contains("Sofia Lindqvist"));
    let unknown = s
        .post_form(
            &s.client(),
            "/auth/test-login",
            &[("person", "010101A123N")],
        )
        .await;
    assert_eq!(unknown.status().as_u16(), 400);
}

#[tokio::test]
async fn r_special_5_case_flag_removed_but_document_flag_stays() {
    let s = phase2().await;
    let c = s.login(SOFIA).await;
    assert_eq!(
        s.get(&c, &format!("/documents/{}", doc_id("S08")))
            .await
            .status,
        200
    );
    assert_eq!(
        s.get(&c, &format!("/documents/{}", doc_id("S09")))
            .await
            .status,
        404
    );
    assert!(!s
        .get(&c, "/tasks/2016:20")
        .await
        .body
        .contains("Anteckning med eget specialinnehåll"));
}

#[tokio::test]
async fn r_task_2_active_for_17_years_after_the_case_closed() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let page = s.get(&c, "/tasks/2016:26").await.body;
    // Closed 15.1.2010: 16 years ago, still in its active period.
    assert!(page.contains("Päätös 2009, aktiivikäyttöaika jatkuu"));
    // Closed 30.6.2009: more than 17 years ago.
    assert!(!page.contains("Vanhentunut päätös 2009"));
}

#[tokio::test]
async fn r_auto_4_violence_prevention_by_social_service() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    assert_eq!(
        s.get(&c, &format!("/documents/{}", doc_id("A26")))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn r_auto_9_documents_of_an_annulled_case_are_not_shown() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    assert_eq!(
        s.get(&c, &format!("/documents/{}", doc_id("A27")))
            .await
            .status,
        404
    );
    assert!(!s
        .get(&c, "/tasks/2016:26")
        .await
        .body
        .contains("Päätös kumotussa asiassa"));
}

#[tokio::test]
async fn r_delay_4_an_attachments_ended_delay_is_announced() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let page = s
        .get(&c, &format!("/documents/{}", doc_id("A28")))
        .await
        .body;
    assert!(page.contains("Liite: asumisselvitys (viivästys päättynyt)"));
    assert!(page.contains("Liitteen näyttämisen viivästys on päättynyt."));
    assert!(
        !page.contains("Asiakirjan näyttämisen viivästys on päättynyt."),
        "the document itself was not delayed"
    );
}

#[tokio::test]
async fn r_task_5_the_drawn_up_column() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let page = s.get(&c, "/tasks/2016:26").await.body;
    assert!(page.contains("<th scope=\"col\">Laadittu</th>"));
    let row = &page[page
        .find(&format!("data-doc=\"{}\"", doc_id("A08")))
        .unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    // The corrected version was drawn up on the correction date.
    assert!(row.contains("datetime=\"2025-10-03\""), "{row}");
}

#[tokio::test]
async fn r_shared_3_membership_is_read_at_the_drawing_up_time() {
    let s = phase2().await;
    let juha = s.login(JUHA).await;
    // Drawn up on 25.9., stored on 3.10., Juha removed on 30.9.: still his.
    assert_eq!(
        s.get(&juha, &format!("/documents/{}", doc_id("C04")))
            .await
            .status,
        200
    );
    // Drawn up after his removal, though its client list names him: not his.
    assert_eq!(
        s.get(&juha, &format!("/documents/{}", doc_id("C05")))
            .await
            .status,
        404
    );
    let aino = s.login(AINO).await;
    assert_eq!(
        s.get(&aino, &format!("/documents/{}", doc_id("C05")))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn r_info_3_a_delayed_relationship_document_calls_for_the_info_text() {
    let s = phase2().await;
    let c = s.login(SOFIA).await;
    let page = s.get(&c, "/").await.body;
    assert!(page.contains("data-testid=\"info-text\""));
    assert!(!page.contains("Fördröjd Arbetare"));
    assert!(page.contains("Anna Sjöberg"));
}

#[tokio::test]
async fn r_info_5_a_standing_note_on_old_and_phase_1_documents() {
    let s = phase2().await;
    for (who, words) in [
        (AINO, "ensimmäisen vaiheen asiakirjoja"),
        (SOFIA, "det första skedet av införandet"),
    ] {
        let c = s.login(who).await;
        // On the front page and in every service-task view.
        for path in ["/", "/tasks/2016:26"] {
            let page = s.get(&c, path).await.body;
            assert!(
                page.contains("data-testid=\"standing-note\""),
                "{who} {path}"
            );
            assert!(page.contains(words), "{who} {path}");
        }
    }
}

#[tokio::test]
async fn r_front_6_old_and_annulled_relationships_are_never_used() {
    let s = phase2().await;
    let aino = s.login(AINO).await;
    assert!(!s.get(&aino, "/").await.body.contains("Vanhan Asiakkuuden"));
    let eino = s.login(EINO).await;
    let page = s.get(&eino, "/").await.body;
    assert!(!page.contains("Kumotun Asiakkuuden") && page.contains("Pirjo Laaksonen"));
}

#[tokio::test]
async fn the_default_phase_is_1() {
    let config = portal_server::config::Config {
        auth: portal_server::config::AuthMode::Test,
        secure_cookies: false,
        today: Some("2026-11-23".parse().unwrap()),
        ..Default::default()
    };
    let s = start_configured(None, config).await;
    let c = s.login(AINO).await;
    // R-AUTO-6 (shared case) and R-AUTO-5 (journal entry) hold in phase 1.
    assert_eq!(
        s.get(&c, &format!("/documents/{}", doc_id("C02")))
            .await
            .status,
        404
    );
    assert_eq!(
        s.get(&c, &format!("/documents/{}", doc_id("A04")))
            .await
            .status,
        404
    );
    assert_eq!(
        s.get(&c, &format!("/documents/{}", doc_id("A05")))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn r_front_6_a_newer_relationship_version_naming_another_client_takes_it() {
    // R-VERSION-1: the newest version of a relationship is the relationship.
    // A v2 of Aino's that names Juha leaves nothing of it on Aino's page.
    let s = phase2().await;
    let mut demo = portal_server::archive::parse(portal_server::demo::DEMO_ARCHIVE).expect("demo");
    let mut rel = demo
        .client_relationships
        .iter()
        .find(|r| r.id == "REL-AINO-1")
        .cloned()
        .expect("Aino's relationship");
    rel.version = 2;
    rel.client = JUHA.into();
    demo.client_relationships = vec![rel];
    demo.organisations.clear();
    demo.service_units.clear();
    demo.people.clear();
    demo.guardianships.clear();
    demo.cases.clear();
    demo.documents.clear();
    demo.disclosures.clear();
    s.store.import(&demo).await.expect("update");
    let aino = s.login(AINO).await;
    let page = s.get(&aino, "/").await.body;
    assert!(
        !page.contains("Johanna Lehto"),
        "the old version stays off Aino's page"
    );
    let data = s.server_fn(&aino, "front-page", &[]).await.body;
    assert!(!data.contains("Johanna Lehto"));
    let juha = s.login(JUHA).await;
    assert!(s.get(&juha, "/").await.body.contains("Johanna Lehto"));
}

/// The text inside the page's empty-state block, if it has one.
fn empty_state(html: &str) -> Option<String> {
    let start = html.find("data-testid=\"empty\"")?;
    let rest = html.get(start..)?;
    let end = rest.find("</div>")?;
    Some(visible_text(rest.get(..end)?))
}

#[tokio::test]
async fn empty_states_a_front_page_without_documents_says_so_and_whom_to_ask() {
    let s = phase2().await;
    // Marja Laine has no documents of her own and may act for no one.
    let c = s.login("080880-9629").await;
    let page = s.get(&c, "/").await;
    assert_eq!(page.status, 200);
    let text = empty_state(&page.body).expect("an empty state on the front page");
    assert!(text.contains("Tässä palvelussa ei ole näytettäviä asiakirjoja."));
    assert!(text.contains("sosiaalihuollon yksiköltä"), "{text}");
    assert!(!text.contains("lapsen tietoja"), "{text}");
    for (lang, words) in [
        ("sv", "Det finns inga handlingar att visa"),
        ("en", "There are no documents to show"),
    ] {
        let to = s
            .post_form(&c, "/auth/language", &[("lang", lang), ("back", "/")])
            .await;
        assert_eq!(to.status().as_u16(), 303);
        let text = empty_state(&s.get(&c, "/").await.body).expect("empty state");
        assert!(text.contains(words), "{lang}: {text}");
    }
    // One with documents gets no empty state.
    let aino = s.login(AINO).await;
    assert_eq!(empty_state(&s.get(&aino, "/").await.body), None);
}

#[tokio::test]
async fn empty_states_one_who_may_act_for_a_child_is_pointed_to_the_childs_records() {
    let s = phase2().await;
    // Riikka Salo holds an information right for Oskari and has no
    // documents of her own.
    let c = s.login("070762-984W").await;
    let text = empty_state(&s.get(&c, "/").await.body).expect("empty state");
    assert!(text.contains("lapsen tietoja"), "{text}");
    assert!(text.contains("Kenen tietoja katselet?"), "{text}");
}

#[tokio::test]
async fn empty_states_a_task_search_that_finds_nothing_says_so_and_links_back() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let page = s
        .get(&c, "/tasks/2016:26?from=2023-02-01&to=2023-02-02")
        .await;
    assert_eq!(page.status, 200);
    assert!(table_docs(&page.body).is_empty());
    assert!(!page.body.contains("<table"), "no empty table");
    let text = empty_state(&page.body).expect("empty state in the task view");
    assert!(
        text.contains("Hakuehdoilla ei löytynyt asiakirjoja."),
        "{text}"
    );
    assert!(
        page.body.contains("href=\"/tasks/2016%3A26\""),
        "a link to all"
    );
    // A search that finds documents shows them and no empty state.
    let page = s.get(&c, "/tasks/2016:26").await.body;
    assert_eq!(empty_state(&page), None);
    assert!(!table_docs(&page).is_empty());
}

/// The text of the page's `<title>`.
fn title_of(html: &str) -> Option<String> {
    let start = html.find("<title>")? + "<title>".len();
    let end = html.get(start..)?.find("</title>")? + start;
    html.get(start..end).map(str::to_string)
}

#[tokio::test]
async fn a_missing_document_or_task_has_a_title_in_the_page_language() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let hidden = format!("/documents/{}", doc_id("E03"));
    for (lang, words) in [
        ("fi", "Asiakirjaa tai sivua ei löydy"),
        ("sv", "Handlingen eller sidan hittades inte"),
        ("en", "Document or page not found"),
    ] {
        let to = s
            .post_form(&c, "/auth/language", &[("lang", lang), ("back", "/")])
            .await;
        assert_eq!(to.status().as_u16(), 303);
        for path in [
            "/documents/no-such-document",
            hidden.as_str(),
            "/tasks/9999:99",
        ] {
            let page = s.get(&c, path).await;
            assert_eq!(page.status, 404, "{path}");
            let title = title_of(&page.body).unwrap_or_default();
            assert!(title.starts_with(words), "{lang} {path}: {title:?}");
        }
    }
}

#[tokio::test]
async fn r_task_9_a_start_after_the_end_is_told_in_words() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let page = s
        .get(&c, "/tasks/2016:26?from=2025-06-30&to=2025-01-01")
        .await
        .body;
    assert!(page.contains("data-testid=\"search-reversed\""), "{page}");
    assert!(visible_text(&page).contains("Alkupäivä on myöhempi kuin loppupäivä."));
    let page = s
        .get(&c, "/tasks/2016:26?from=2025-01-01&to=2025-06-30")
        .await
        .body;
    assert!(!page.contains("search-reversed"));
}

#[tokio::test]
async fn r_task_8_a_pdf_is_saved_under_its_title_and_date() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let res = c
        .get(format!("{}/files/documents/{}/body", s.base, doc_id("A05")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let d = res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(d.starts_with("inline; filename=\""), "{d}");
    assert!(
        d.contains("filename*=UTF-8''") && d.ends_with(".pdf"),
        "{d}"
    );
    assert!(!d.contains("document.pdf"), "{d}");
}
