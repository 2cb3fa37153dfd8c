//! Page assembly without the web layer: five newest (R-FRONT-1), "New"
//! (R-FRONT-3), date floor (R-TASK-3), sorting (R-TASK-4), pages, system
//! signatures and Finnish time (R-SIGN-1).

use std::collections::HashMap;

use app::model::{SortKey, SortOrder, TaskQuery};
use chrono::{DateTime, Utc};
use serde_json::json;

use super::*;
use crate::archive::format::{Case, Disclosure, Document};
use crate::policy::{Phase, Role, View};

const TASK: &str = "2016:26";

fn document(n: u32, created: &str, title: &str) -> Document {
    serde_json::from_value(json!({
        "id": format!("doc-{n:03}"), "version": 1, "case": "case-1", "clients": ["adult"],
        "group": "phase2", "general_type": "decision", "specific_type": "decision",
        "title": title, "service_tasks": [TASK], "register_keeper": "org",
        "created": created, "stored_at": format!("{created}T10:00:00+02:00"),
        "body": {"xhtml": "<p>x</p>"}
    }))
    .unwrap()
}

fn case() -> Case {
    serde_json::from_value(json!({
        "id": "case-1", "version": 1, "register_keeper": "org", "service_task": TASK,
        "name": "Case", "opened": "2020-01-01",
        "clients": [{"person": "adult", "joined": "2020-01-01T00:00:00+02:00"}]
    }))
    .unwrap()
}

fn evaluated(docs: Vec<Document>) -> Evaluated<'static> {
    with_disclosures(docs, vec![])
}

/// The records live as long as the test process (a test's few records).
fn with_disclosures(docs: Vec<Document>, disclosures: Vec<Disclosure>) -> Evaluated<'static> {
    let subject = serde_json::from_value(json!({
        "id": "adult", "given_names": "A", "surname": "B", "birth_date": "1980-01-01"
    }))
    .unwrap();
    let view = View {
        viewer_id: "adult",
        subject: &subject,
        role: Role::Own,
        today: "2026-11-23".parse().unwrap(),
        phase: Phase::Two,
    };
    let records = crate::store::SubjectRecords {
        documents: docs,
        cases: HashMap::from([("case-1".to_string(), case())]),
        disclosures,
        ..Default::default()
    };
    evaluate(&view, Box::leak(Box::new(records)))
}

/// `n` documents, one a day from 1.1.2024, titled in reverse alphabetical order.
fn many(n: u32) -> Evaluated<'static> {
    let start: chrono::NaiveDate = "2024-01-01".parse().unwrap();
    evaluated(
        (0..n)
            .map(|i| {
                let day = start + chrono::Days::new(u64::from(i));
                document(i, &day.to_string(), &format!("T{:03}", 999 - i))
            })
            .collect(),
    )
}

fn labels(orgs: &HashMap<String, String>) -> Labels<'_> {
    Labels {
        previous_login: None,
        lang: app::i18n::Lang::Fi,
        organisations: orgs,
    }
}

fn ids(p: &app::model::TaskPage) -> Vec<String> {
    p.documents.iter().map(|d| d.id.clone()).collect()
}

#[test]
fn r_front_1_five_newest_per_task_and_the_total() {
    let orgs = HashMap::new();
    let front = front_page(&many(7), &labels(&orgs));
    assert_eq!(front.groups.len(), 1);
    let g = &front.groups[0];
    assert_eq!(g.total, 7);
    let newest: Vec<_> = g.newest.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        newest,
        ["doc-006", "doc-005", "doc-004", "doc-003", "doc-002"]
    );
}

#[test]
fn r_front_3_new_is_relative_to_the_previous_login() {
    let e = evaluated(vec![
        document(1, "2025-01-01", "Old"),
        document(2, "2025-03-01", "Newer"),
    ]);
    let orgs = HashMap::new();
    let previous: DateTime<Utc> = "2025-02-01T00:00:00Z".parse().unwrap();
    let front = front_page(
        &e,
        &Labels {
            previous_login: Some(previous),
            lang: app::i18n::Lang::Fi,
            organisations: &orgs,
        },
    );
    let new: Vec<_> = front.groups[0]
        .newest
        .iter()
        .map(|d| (d.id.as_str(), d.is_new))
        .collect();
    assert_eq!(new, [("doc-002", true), ("doc-001", false)]);
    // At the first login everything is new.
    let first = front_page(&e, &labels(&orgs));
    assert!(first.groups[0].newest.iter().all(|d| d.is_new));
}

#[test]
fn r_task_3_the_date_search_is_raised_to_its_floor() {
    let e = evaluated(vec![
        document(1, "2022-06-01", "Before the floor"),
        document(2, "2023-02-01", "After the floor"),
        document(3, "2023-01-01", "On the floor"),
    ]);
    let orgs = HashMap::new();
    let q = TaskQuery {
        from: Some("2020-01-01".parse().unwrap()),
        ..TaskQuery::default()
    };
    let p = task_page(&e, TASK, q, &labels(&orgs));
    assert!(p.from_raised && !p.reversed);
    assert_eq!(p.query.from, Some(app::model::date_search_floor()));
    assert_eq!(ids(&p), ["doc-002", "doc-003"]);
    // Without a search every document of the task is listed (R-TASK-1).
    let all = task_page(&e, TASK, TaskQuery::default(), &labels(&orgs));
    assert!(!all.from_raised);
    assert_eq!(ids(&all), ["doc-002", "doc-003", "doc-001"]);
    // Neither end reaches before the floor: an end before it finds nothing,
    // not even the documents of 1.1.2023 itself.
    let q = TaskQuery {
        to: Some("2022-12-31".parse().unwrap()),
        ..TaskQuery::default()
    };
    let p = task_page(&e, TASK, q, &labels(&orgs));
    assert!(p.to_raised && !p.from_raised);
    assert_eq!(p.query.to, Some("2022-12-31".parse().unwrap()));
    assert!(ids(&p).is_empty(), "nothing before 1.1.2023 is found");
    // An end on the floor finds the floor's documents.
    let q = TaskQuery {
        to: Some(app::model::date_search_floor()),
        ..TaskQuery::default()
    };
    assert_eq!(ids(&task_page(&e, TASK, q, &labels(&orgs))), ["doc-003"]);
}

#[test]
fn r_task_5_the_drawn_up_column() {
    let mut corrected = document(1, "2024-03-01", "Corrected");
    corrected.drawn_up = Some("2024-05-02".parse().unwrap());
    let e = evaluated(vec![corrected, document(2, "2024-03-02", "Plain")]);
    let orgs = HashMap::new();
    let p = task_page(&e, TASK, TaskQuery::default(), &labels(&orgs));
    let drawn: Vec<String> = p.documents.iter().map(|d| d.drawn_up.to_string()).collect();
    // Absent → the document's date.
    assert_eq!(drawn, ["2024-03-02", "2024-05-02"]);
}

fn disclosure(id: &str, document: &str, at: &str) -> Disclosure {
    serde_json::from_value(json!({
        "id": id, "client": "adult", "document": document, "disclosed_at": at,
        "recipient": format!("Recipient {id}"), "data": "Decision",
        "professional": {"name": format!("PRO-{id}"), "title": "Nurse"}
    }))
    .unwrap()
}

#[test]
fn r_disc_1_disclosures_newest_first_on_their_page_and_with_their_document() {
    let mut other = disclosure("d3", "doc-001", "2025-03-01T10:00:00+02:00");
    other.client = "someone-else".into();
    let e = with_disclosures(
        vec![document(1, "2025-01-01", "Shown")],
        // Newest first, as the store gives them.
        vec![
            disclosure("d2", "doc-001", "2025-06-01T09:15:00+00:00"),
            disclosure("d1", "doc-001", "2025-02-01T10:00:00+02:00"),
            other,
        ],
    );
    let page = disclosures_page(&e);
    let got: Vec<(&str, &str, &str)> = page
        .disclosures
        .iter()
        .map(|d| {
            (
                d.disclosed_at.as_str(),
                d.recipient.as_str(),
                d.document_title.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("1.6.2025 12:15", "Recipient d2", "Shown"),
            ("1.2.2025 10:00", "Recipient d1", "Shown")
        ]
    );
    let orgs = HashMap::new();
    let (doc, shown) = e.find("doc-001").unwrap();
    let view = document_view(doc, shown, &e.disclosures, &labels(&orgs));
    assert_eq!(view.disclosures, page.disclosures);
}

#[test]
fn r_disc_2_the_professional_is_never_shown() {
    let e = with_disclosures(
        vec![document(1, "2025-01-01", "Shown")],
        vec![disclosure("d1", "doc-001", "2025-02-01T10:00:00+02:00")],
    );
    let json = serde_json::to_string(&disclosures_page(&e)).unwrap();
    assert!(json.contains("Recipient d1"));
    assert!(
        !json.contains("PRO-d1") && !json.contains("Nurse"),
        "{json}"
    );
}

#[test]
fn r_disc_3_a_hidden_documents_disclosures_are_not_shown() {
    let mut hidden = document(2, "2025-01-02", "Hidden");
    hidden.special_content = true;
    let e = with_disclosures(
        vec![document(1, "2025-01-01", "Shown"), hidden],
        vec![
            disclosure("d1", "doc-001", "2025-02-01T10:00:00+02:00"),
            disclosure("d2", "doc-002", "2025-02-02T10:00:00+02:00"),
            disclosure("d3", "doc-404", "2025-02-03T10:00:00+02:00"),
        ],
    );
    let ids: Vec<&str> = e.disclosures.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["d1"]);
    let json = serde_json::to_string(&disclosures_page(&e)).unwrap();
    assert!(!json.contains("Recipient d2") && !json.contains("doc-002"));
}

#[test]
fn r_task_4_sorting_by_date_and_by_name_both_ways() {
    let e = evaluated(vec![
        document(1, "2025-01-01", "b"),
        document(2, "2025-02-01", "C"),
        document(3, "2025-03-01", "a"),
    ]);
    let orgs = HashMap::new();
    let page = |sort, order| {
        let q = TaskQuery {
            sort,
            order,
            ..TaskQuery::default()
        };
        ids(&task_page(&e, TASK, q, &labels(&orgs)))
    };
    assert_eq!(
        page(SortKey::Date, SortOrder::Desc),
        ["doc-003", "doc-002", "doc-001"]
    );
    assert_eq!(
        page(SortKey::Date, SortOrder::Asc),
        ["doc-001", "doc-002", "doc-003"]
    );
    // By name, ignoring case.
    assert_eq!(
        page(SortKey::Name, SortOrder::Asc),
        ["doc-003", "doc-001", "doc-002"]
    );
    assert_eq!(
        page(SortKey::Name, SortOrder::Desc),
        ["doc-002", "doc-001", "doc-003"]
    );
}

#[test]
fn r_task_4_names_sort_in_the_alphabet_of_the_page_language() {
    let e = evaluated(vec![
        document(1, "2025-01-01", "Ärendeplan"),
        document(2, "2025-02-01", "Åtgärdsplan"),
        document(3, "2025-03-01", "Zonplan"),
    ]);
    let orgs = HashMap::new();
    let q = TaskQuery {
        sort: SortKey::Name,
        order: SortOrder::Asc,
        ..TaskQuery::default()
    };
    for lang in [app::i18n::Lang::Fi, app::i18n::Lang::Sv] {
        let l = Labels {
            lang,
            ..labels(&orgs)
        };
        // z, å, ä (L7729-7731 "alfabetisk ordning").
        assert_eq!(
            ids(&task_page(&e, TASK, q.clone(), &l)),
            ["doc-003", "doc-002", "doc-001"],
            "{lang:?}"
        );
    }
}

#[test]
fn task_pages_hold_twenty_and_a_page_beyond_the_last_is_the_last() {
    let e = many(45);
    let orgs = HashMap::new();
    let page = |n| {
        task_page(
            &e,
            TASK,
            TaskQuery {
                page: n,
                ..TaskQuery::default()
            },
            &labels(&orgs),
        )
    };
    let first = page(1);
    assert_eq!(
        (first.total, first.pages, first.documents.len()),
        (45, 3, 20)
    );
    assert_eq!(first.documents[0].id, "doc-044");
    let last = page(3);
    assert_eq!(
        ids(&last),
        ["doc-004", "doc-003", "doc-002", "doc-001", "doc-000"]
    );
    let beyond = page(9);
    assert_eq!((beyond.query.page, ids(&beyond)), (3, ids(&last)));
}

#[test]
fn r_sign_1_signatures_in_finnish_time_without_system_signatures() {
    let mut x = document(1, "2025-07-01", "Signed");
    x.signatures = serde_json::from_value(json!([
        {"name": "Liisa", "method": "strong", "signed_at": "2025-07-01T09:00:00Z"},
        {"name": "Arkisto", "method": "system", "signed_at": "2025-07-01T09:00:00Z"},
        {"name": "Pekka", "method": "strong", "signed_at": "2025-01-15T23:30:00+00:00"}
    ]))
    .unwrap();
    let e = evaluated(vec![x]);
    let orgs = HashMap::new();
    let (doc, shown) = e.find("doc-001").unwrap();
    let view = document_view(doc, shown, &[], &labels(&orgs));
    let signed: Vec<_> = view
        .signatures
        .iter()
        .map(|s| (s.name.as_str(), s.signed_at.as_str()))
        .collect();
    // Summer time is UTC+3, winter time UTC+2 (the next day here).
    assert_eq!(
        signed,
        [("Liisa", "1.7.2025 12:00"), ("Pekka", "16.1.2025 01:30")]
    );
}

#[test]
fn a_hidden_document_is_not_found_like_a_missing_one() {
    let mut hidden = document(1, "2025-01-01", "Hidden");
    hidden.special_content = true;
    let e = evaluated(vec![hidden, document(2, "2025-01-02", "Shown")]);
    assert!(e.find("doc-001").is_none());
    assert!(e.find("doc-999").is_none());
    assert!(e.find("doc-002").is_some());
    assert!(e.info_text());
}

#[test]
fn r_task_9_a_start_after_the_end_is_told_and_finds_nothing() {
    let e = evaluated(vec![document(2, "2023-02-01", "After the floor")]);
    let orgs = HashMap::new();
    let q = TaskQuery {
        from: Some("2023-03-01".parse().unwrap()),
        to: Some("2023-01-15".parse().unwrap()),
        ..TaskQuery::default()
    };
    let p = task_page(&e, TASK, q, &labels(&orgs));
    assert!(p.reversed);
    assert!(ids(&p).is_empty());
    let q = TaskQuery {
        from: Some("2023-01-15".parse().unwrap()),
        to: Some("2023-03-01".parse().unwrap()),
        ..TaskQuery::default()
    };
    let p = task_page(&e, TASK, q, &labels(&orgs));
    assert!(!p.reversed);
    assert_eq!(ids(&p), ["doc-002"]);
}
