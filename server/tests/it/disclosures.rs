//! The disclosure log over HTTP (R-DISC-1..3), on the demo archive.

use crate::common::*;
use portal_server::policy::Phase;

/// Every professional who searched, in the demo's disclosure log.
const PROFESSIONALS: [&str; 6] = [
    "Pertti Ammattilainen",
    "Riitta Hakija",
    "Salla Salainen",
    "Kalle Kyselijä",
    "Kaija Kuraattori",
    "Lauri Lääkäri",
];

#[tokio::test]
async fn r_disc_1_the_disclosure_page_and_each_documents_disclosures() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let front = s.get(&c, "/").await.body;
    assert!(front.contains("href=\"/disclosures\""));
    let page = s.get(&c, "/disclosures").await;
    assert_eq!(page.status, 200);
    let text = visible_text(&page.body);
    // Newest first: time, recipient, data, and the document.
    let order: Vec<usize> = [
        "18.6.2025 09:05 Pirkanmaan hyvinvointialue",
        "4.3.2025 13:20 Länsi-Uudenmaan hyvinvointialue",
        "2.5.2024 08:30 Helsingin kaupungin sosiaalipalvelut",
    ]
    .iter()
    .map(|row| {
        text.find(row)
            .unwrap_or_else(|| panic!("{row} missing in {text}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(page
        .body
        .contains(&format!("href=\"/documents/{}\"", doc_id("A05"))));
    // With the document.
    let doc = s
        .get(&c, &format!("/documents/{}", doc_id("A05")))
        .await
        .body;
    assert!(doc.contains("data-testid=\"document-disclosures\""));
    assert!(doc.contains("Länsi-Uudenmaan hyvinvointialue"));
    assert!(
        !doc.contains("Pirkanmaan hyvinvointialue"),
        "another document's"
    );
    // The server function answers the same.
    let api = s.server_fn(&c, "disclosures", &[]).await;
    assert_eq!(api.status, 200);
    assert!(api.body.contains("Pirkanmaan hyvinvointialue"));
}

#[tokio::test]
async fn r_disc_2_the_professional_is_never_shown() {
    let s = phase2().await;
    for (viewer, child) in [
        (AINO, None),
        (JUHA, None),
        (EMMA, None),
        (LAURA, Some("Emma Nieminen")),
    ] {
        let c = s.login(viewer).await;
        if let Some(name) = child {
            act_for(&s, &c, name).await;
        }
        let mut bodies = vec![
            s.get(&c, "/disclosures").await.body,
            s.server_fn(&c, "disclosures", &[]).await.body,
        ];
        for key in ["A05", "A07", "C02", "E01", "E04"] {
            bodies.push(s.get(&c, &format!("/documents/{}", doc_id(key))).await.body);
        }
        for body in &bodies {
            for name in PROFESSIONALS {
                assert!(!body.contains(name), "{viewer}: {name}");
            }
        }
    }
}

#[tokio::test]
async fn r_disc_3_a_hidden_documents_disclosures_are_not_shown() {
    // Phase 1 (the default): the shared case's document C02 is hidden, and so is its disclosure.
    let s = start(Phase::One, "2026-11-23").await;
    let c = s.login(AINO).await;
    let page = s.get(&c, "/disclosures").await.body;
    assert!(page.contains("Länsi-Uudenmaan hyvinvointialue"));
    assert!(!page.contains("Helsingin kaupungin sosiaalipalvelut"));
    // A13 has special content: its disclosure is never shown.
    assert!(!page.contains("Salainen Vastaanottaja") && !page.contains("Erityissisältöinen"));
    // A guardian sees the disclosures of the child's documents she may see only.
    let s = phase2().await;
    let laura = s.login(LAURA).await;
    act_for(&s, &laura, "Emma Nieminen").await;
    let page = s.get(&laura, "/disclosures").await.body;
    assert!(
        page.contains("Nuorisopsykiatrian poliklinikka"),
        "E01, code 1"
    );
    assert!(!page.contains("Koulukuraattori"), "E04, code 2");
    let emma = s.login(EMMA).await;
    let own = s.get(&emma, "/disclosures").await.body;
    assert!(own.contains("Koulukuraattori") && own.contains("Nuorisopsykiatrian"));
}

#[tokio::test]
async fn r_disc_1_the_log_needs_a_session() {
    let s = phase2().await;
    let anon = s.client();
    assert_eq!(s.get(&anon, "/disclosures").await.status, 303);
    let api = s.server_fn(&anon, "disclosures", &[]).await;
    assert_eq!(api.status, 401);
    assert!(!api.body.contains("hyvinvointialue"));
}
