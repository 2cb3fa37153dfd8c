//! CDA documents (cda.md): the demo read from `server/demo/cda/` is, for
//! every viewer in both phases, the demo read from its JSON; and files the
//! archive or the reader refuses change nothing.

use std::path::{Path, PathBuf};

use portal_server::archive::format::Archive;
use portal_server::assemble;
use portal_server::policy::{Phase, Role, View};
use portal_server::store::{Store, MAIN_BODY};

pub fn demo_cda_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/cda")
}

/// Imports `a` as its CDA documents and register files would be imported
/// (written by the CDA writer, read back by `server import`).
pub async fn import_via_cda(store: &Store, a: &Archive) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    portal_server::cda::write::write_dir(a, dir.path(), 2).map_err(|e| e.to_string())?;
    portal_server::import::import_paths(store, &[dir.path().to_path_buf()], false)
        .await
        .map(|_| ())
}

async fn store() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("dir");
    let url = crate::common::fresh_database(dir.path()).await;
    (Store::open(&url).await.expect("store"), dir)
}

/// Everything a viewer's pages are made of, as the browser receives it.
async fn pages(
    s: &Store,
    viewer: &str,
    subject: &str,
    role: Role,
    phase: Phase,
) -> serde_json::Value {
    let person = s.person(subject).await.unwrap().expect("person");
    let records = s.subject_records(subject).await.unwrap();
    let view = View {
        viewer_id: viewer,
        subject: &person,
        role,
        today: "2026-11-23".parse().unwrap(),
        phase,
    };
    let e = assemble::evaluate(&view, &records);
    let labels = e.labels(None);
    let mut out = serde_json::Map::new();
    out.insert(
        "front".into(),
        serde_json::to_value(assemble::front_page(&e, &labels)).unwrap(),
    );
    out.insert(
        "goals".into(),
        serde_json::to_value(assemble::goals_page(&e)).unwrap(),
    );
    out.insert(
        "disclosures".into(),
        serde_json::to_value(assemble::disclosures_page(&e)).unwrap(),
    );
    out.insert("info".into(), serde_json::json!(e.info_text()));
    for task in app::tasks::SERVICE_TASKS.iter() {
        let query = app::model::TaskQuery {
            page: 1,
            ..Default::default()
        };
        out.insert(
            format!("task {}", task.code),
            serde_json::to_value(assemble::task_page(&e, task.code, query, &labels)).unwrap(),
        );
    }
    for (doc, shown) in &e.shown {
        let mut d = (*doc).clone();
        d.body = s
            .body(&d.id, d.version, MAIN_BODY)
            .await
            .unwrap()
            .expect("body");
        let view = assemble::document_view(&d, shown, &e.disclosures, &labels);
        out.insert(
            format!("document {}", d.id),
            serde_json::to_value(view).unwrap(),
        );
    }
    serde_json::Value::Object(out)
}

#[tokio::test]
async fn the_demo_from_cda_gives_every_viewer_the_pages_of_the_demo_from_json() {
    let demo: Archive = portal_server::archive::parse(portal_server::demo::DEMO_ARCHIVE).unwrap();
    let (json, _a) = store().await;
    json.import(&demo).await.expect("JSON demo");
    let (cda, _b) = store().await;
    let summary = portal_server::import::import_paths(&cda, &[demo_cda_dir()], false)
        .await
        .expect("CDA demo");
    assert!(summary.files > 100, "{summary:?}");
    let mut compared = 0;
    for p in &demo.people {
        let children = json.children_of(&p.id).await.unwrap();
        let ids: Vec<String> = children.iter().map(|c| c.id.clone()).collect();
        let again: Vec<String> = cda
            .children_of(&p.id)
            .await
            .unwrap()
            .iter()
            .map(|c| c.id.clone())
            .collect();
        assert_eq!(ids, again, "children of {}", p.id);
        let mut views = vec![(p.id.clone(), Role::Own)];
        views.extend(ids.into_iter().map(|c| (c, Role::Guardian)));
        for (subject, role) in views {
            for phase in [Phase::One, Phase::Two] {
                let a = pages(&json, &p.id, &subject, role, phase).await;
                let b = pages(&cda, &p.id, &subject, role, phase).await;
                if a != b {
                    let (a, b) = (a.as_object().unwrap(), b.as_object().unwrap());
                    for (k, v) in a {
                        assert_eq!(Some(v), b.get(k), "{} for {subject}, {phase:?}: {k}", p.id);
                    }
                    assert_eq!(a.len(), b.len(), "{} for {subject}, {phase:?}", p.id);
                }
                compared += 1;
            }
        }
    }
    assert!(compared >= 60, "{compared} views");
}
