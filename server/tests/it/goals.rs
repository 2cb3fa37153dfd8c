//! "My goals": the AVAIN goals of the client plans a
//! viewer may see, across the evaluations; a withheld plan feeds nothing.

use crate::common::*;
use portal_server::policy::Phase;

#[tokio::test]
async fn aino_sees_her_goals_across_the_plan_and_two_evaluations() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    let front = s.get(&c, "/").await.body;
    assert!(
        front.contains("href=\"/goals\""),
        "the front page links to the goals"
    );
    let page = s.get(&c, "/goals").await;
    assert_eq!(page.status, 200);
    let text = visible_text(&page.body);
    for goal in [
        "Tulot ja menot ovat tasapainossa koko kuukauden ajan",
        "Sopiva ja pysyvä asumismuoto",
        "Hakeutuminen koulutukseen tai työkokeiluun",
    ] {
        assert!(text.contains(goal), "{goal}");
    }
    // One chart per goal, each with its table of evaluations: the first
    // evaluation (the corrected version only) and the second.
    assert_eq!(page.body.matches("data-testid=\"goal-chart\"").count(), 3);
    assert_eq!(page.body.matches("role=\"img\"").count(), 3);
    // (visible_text puts a space at every tag, markers included)
    assert!(text.contains("Velkajärjestely ( tuki )"), "{text}");
    assert!(text.contains("Velanmaksu ( vaikeutti )"), "{text}");
    assert!(text.contains("osittain saavutettu") && text.contains("ei saavutettu"));
    assert!(text.contains("Talous- ja velkaneuvonta – käytetty"));
    // The same data as the server function gives.
    let f = s.server_fn(&c, "goals", &[]).await;
    assert_eq!(f.status, 200);
    let data: app::model::Page<app::model::GoalsPage> = serde_json::from_str(&f.body).unwrap();
    let talous = &data.data.goals[0];
    assert_eq!(
        talous
            .evaluations
            .iter()
            .map(|e| e.reached)
            .collect::<Vec<_>>(),
        vec![app::model::Reached::Partly, app::model::Reached::Yes]
    );
    // The use log names the read.
    let log = s.get(&c, "/use-of-information").await.body;
    assert!(log.contains("Tavoitteet"));
}

#[tokio::test]
async fn a_withheld_plans_goals_appear_nowhere() {
    // The second evaluation (A29) delayed past today: withheld (R-DELAY-1).
    let mut a = portal_server::archive::parse(portal_server::demo::DEMO_ARCHIVE).unwrap();
    let d = a
        .documents
        .iter_mut()
        .find(|d| d.id == doc_id("A29"))
        .unwrap();
    d.delay_until = Some("2027-01-01".parse().unwrap());
    d.restriction_reasons = vec![1.try_into().unwrap()];
    let s = start_with(Some(a), Phase::Two, "2026-11-23").await;
    let c = s.login(AINO).await;
    let mut answers = vec![
        s.get(&c, "/").await.body,
        s.get(&c, "/goals").await.body,
        s.server_fn(&c, "goals", &[]).await.body,
        s.server_fn(&c, "front-page", &[]).await.body,
        s.get(&c, "/tasks/2016:26").await.body,
    ];
    answers.push(
        s.get(&c, &format!("/documents/{}", doc_id("A29")))
            .await
            .body,
    );
    for body in &answers {
        for word in [
            "Velkajärjestely",
            "Tukiasunto löytyi",
            "Työkokeilupaikka löytyi",
        ] {
            assert!(!body.contains(word), "{word} of the withheld plan");
        }
    }
    // The goals of the plans she may see are still there.
    assert!(answers[1].contains("Velanmaksu"));
    // A person without plans gets no link, and an empty page.
    let other = s.login(EINO).await;
    assert!(!s.get(&other, "/").await.body.contains("href=\"/goals\""));
    assert!(s
        .get(&other, "/goals")
        .await
        .body
        .contains("data-testid=\"no-goals\""));
}
