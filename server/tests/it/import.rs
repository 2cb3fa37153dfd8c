//! The import (archive-format.md): every kind of bad input is refused with
//! its JSON path, changes nothing, and the command exits non-zero.

use portal_server::archive;
use portal_server::store::{ImportError, Store};
use serde_json::{json, Value};

fn base() -> Value {
    json!({
        "format": "social-archive/1",
        "organisations": [{"oid": "1.2.3", "name": "Org"}],
        "service_units": [{"oid": "1.2.3.1", "name": "Unit", "organisation": "1.2.3"}],
        "people": [
            {"id": "120485-946D", "given_names": "Aino", "surname": "Virtanen", "birth_date": "1985-04-12"},
            {"id": "150612A922B", "given_names": "Emma", "surname": "Nieminen", "birth_date": "2012-06-15"}
        ],
        "guardianships": [],
        "client_relationships": [],
        "cases": [{
            "id": "C1", "version": 1, "register_keeper": "1.2.3", "service_task": "2016:26", "name": "Case",
            "opened": "2024-01-01", "clients": [{"person": "120485-946D", "joined": "2024-01-01T09:00:00+02:00", "removed": null}]
        }],
        "documents": [{
            "id": "D1", "version": 1, "case": "C1", "clients": ["120485-946D"], "group": "phase2",
            "general_type": "decision", "specific_type": "decision", "title": "Decision",
            "service_tasks": ["2016:26"], "register_keeper": "1.2.3", "created": "2024-02-01",
            "stored_at": "2024-02-01T10:00:00+02:00", "body": {"xhtml": "<p>Body</p>"}
        }]
    })
}

async fn store() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("dir");
    let url = crate::common::fresh_database(dir.path()).await;
    (Store::open(&url).await.expect("store"), dir)
}

/// Imports `v`; returns the problems ("path: message") if refused.
async fn import(store: &Store, v: &Value) -> Result<u64, Vec<String>> {
    let parsed = archive::parse(&v.to_string()).map_err(|p| vec![p.to_string()])?;
    match store.import(&parsed).await {
        Ok(r) => Ok(r.added),
        Err(ImportError::Invalid(ps)) => Err(ps.iter().map(|p| p.to_string()).collect()),
        Err(e) => panic!("store error {e}"),
    }
}

/// Expects a refusal naming `path`, and an unchanged (empty) store.
async fn refused(v: Value, path: &str) {
    let (s, _d) = store().await;
    let problems = import(&s, &v).await.expect_err("must be refused");
    assert!(
        problems.iter().any(|p| p.starts_with(path)),
        "expected {path}, got {problems:?}"
    );
    assert!(
        s.is_empty().await.expect("count"),
        "a refused file changes nothing"
    );
}

#[tokio::test]
async fn a_valid_file_imports_and_again_changes_nothing() {
    let (s, _d) = store().await;
    assert_eq!(import(&s, &base()).await, Ok(6));
    assert_eq!(import(&s, &base()).await, Ok(0));
    let docs = s
        .subject_records("120485-946D")
        .await
        .expect("read")
        .documents
        .clone();
    assert_eq!(docs.len(), 1);
}

#[tokio::test]
async fn a_newer_version_is_added_beside_the_old_one() {
    let (s, _d) = store().await;
    import(&s, &base()).await.expect("first");
    let mut v = base();
    v["documents"][0]["version"] = json!(2);
    v["documents"][0]["title"] = json!("Decision, corrected");
    assert_eq!(import(&s, &v).await, Ok(1));
    let docs = s
        .subject_records("120485-946D")
        .await
        .expect("read")
        .documents
        .clone();
    assert_eq!(docs[0].title, "Decision, corrected");
}

#[tokio::test]
async fn the_same_version_with_other_content_is_refused() {
    let (s, _d) = store().await;
    import(&s, &base()).await.expect("first");
    let mut v = base();
    v["documents"][0]["title"] = json!("Changed in place");
    let problems = import(&s, &v).await.expect_err("refused");
    assert!(problems[0].starts_with("documents[0]"), "{problems:?}");
    // The bodies are stored apart from the metadata: a changed body alone is
    // refused too.
    let mut v = base();
    v["documents"][0]["body"] = json!({"xhtml": "<p>Other body</p>"});
    let problems = import(&s, &v).await.expect_err("refused");
    assert!(problems[0].starts_with("documents[0]"), "{problems:?}");
    // So is a case (and a client relationship, below) changed in place.
    let mut v = base();
    v["cases"][0]["name"] = json!("Renamed in place");
    let problems = import(&s, &v).await.expect_err("refused");
    assert!(problems[0].starts_with("cases[0]"), "{problems:?}");
    let relationship = json!({
        "id": "R1", "version": 1, "client": "120485-946D", "register_keeper": "1.2.3",
        "schema_version": "2023-01", "started": "2024-01-01"
    });
    let mut v = base();
    v["client_relationships"] = json!([relationship.clone()]);
    import(&s, &v).await.expect("a relationship");
    v["client_relationships"][0]["started"] = json!("2024-01-02");
    let problems = import(&s, &v).await.expect_err("refused");
    assert!(
        problems[0].starts_with("client_relationships[0]"),
        "{problems:?}"
    );
    import(&s, &base())
        .await
        .expect("the same file again is fine");
}

#[tokio::test]
async fn importing_the_same_file_again_changes_nothing_whatever_the_collation() {
    // The stored bodies are compared part by part; on PostgreSQL with a
    // Finnish collation the database orders "B", "a", "a-2", "a_1" otherwise
    // than bytes do, which once made a second import of the same file fail.
    let mut v = base();
    v["documents"][0]["attachments"] = json!(["B", "a", "a-2", "a_1"]
        .iter()
        .map(|id| json!({"id": id, "title": "T", "body": {"xhtml": format!("<p>{id}</p>")}}))
        .collect::<Vec<_>>());
    let (s, _d) = store().await;
    import(&s, &v).await.expect("first");
    assert_eq!(import(&s, &v).await.expect("again"), 0, "nothing added");
}

#[tokio::test]
async fn bodies_are_kept_apart_from_the_metadata_and_old_stores_are_split() {
    let dir = tempfile::tempdir().expect("dir");
    let url = crate::common::fresh_database(dir.path()).await;
    let s = Store::open(&url).await.expect("store");
    import(&s, &base()).await.expect("import");
    // The records a page is decided on carry no body content.
    let records = s.subject_records("120485-946D").await.expect("read");
    assert_eq!(records.documents[0].body.xhtml.as_deref(), Some(""));
    let body = s
        .body("D1", 1, portal_server::store::MAIN_BODY)
        .await
        .expect("read");
    assert_eq!(body.and_then(|b| b.xhtml).as_deref(), Some("<p>Body</p>"));
    // A store written before the split (bodies inside the metadata) is split
    // when it is opened (any store older than migration 0004 is SQLite: the
    // PostgreSQL migrations began with 0004 in place).
    drop(s);
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&url).await.expect("pool");
    assert!(crate::common::pending_upgrades(&pool).await.is_empty());
    let whole = serde_json::to_string(
        &archive::parse(&base().to_string())
            .expect("parse")
            .documents[0],
    )
    .expect("json");
    sqlx::query("DELETE FROM document_parts")
        .execute(&pool)
        .await
        .expect("delete");
    sqlx::query("UPDATE documents SET data = $1")
        .bind(&whole)
        .execute(&pool)
        .await
        .expect("update");
    crate::common::before_pending_upgrades(&pool).await;
    let s = Store::open(&url).await.expect("reopen");
    let records = s.subject_records("120485-946D").await.expect("read");
    assert_eq!(records.documents[0].body.xhtml.as_deref(), Some(""));
    let body = s
        .body("D1", 1, portal_server::store::MAIN_BODY)
        .await
        .expect("read");
    assert_eq!(body.and_then(|b| b.xhtml).as_deref(), Some("<p>Body</p>"));
    assert!(crate::common::pending_upgrades(&pool).await.is_empty());
    pool.close().await;
}

#[tokio::test]
async fn persons_stored_before_their_search_text_are_found_after_the_store_opens() {
    let dir = tempfile::tempdir().expect("dir");
    let url = crate::common::fresh_database(dir.path()).await;
    let s = Store::open(&url).await.expect("store");
    import(&s, &base()).await.expect("import");
    drop(s);
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&url).await.expect("pool");
    // A person stored before migration 0005 has no search text.
    sqlx::query("UPDATE people SET search = ''")
        .execute(&pool)
        .await
        .expect("update");
    crate::common::before_pending_upgrades(&pool).await;
    let s = Store::open(&url).await.expect("reopen");
    let (found, total) = s.people_page("aino", 0, 10).await.expect("search");
    assert_eq!(
        (found.len(), total),
        (1, 1),
        "found by name after the upgrade"
    );
    assert!(crate::common::pending_upgrades(&pool).await.is_empty());
    pool.close().await;
}

#[tokio::test]
async fn bodies_are_stored_compressed_with_their_size_and_older_stores_are_compressed_on_open() {
    let dir = tempfile::tempdir().expect("dir");
    let url = crate::common::fresh_database(dir.path()).await;
    let s = Store::open(&url).await.expect("store");
    let page = format!("<p>{}</p>", "Päätös toimeentulotuesta. ".repeat(800));
    let pdf = "JVBERi0xLjQKJcOkw7zDtsOfCg==";
    let mut v = base();
    v["documents"][0]["body"] = json!({"xhtml": page});
    v["documents"][0]["attachments"] =
        json!([{"id": "L1", "title": "Laskelma", "body": {"pdf_base64": pdf}}]);
    import(&s, &v).await.expect("import");
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&url).await.expect("pool");
    let (size, packed): (i64, Vec<u8>) = sqlx::query_as(
        "SELECT size, packed FROM document_parts WHERE document_id = 'D1' AND part = ''",
    )
    .fetch_one(&pool)
    .await
    .expect("row");
    assert_eq!(usize::try_from(size).expect("size"), page.len());
    assert!(
        packed.len() * 10 < page.len(),
        "{} bytes packed",
        packed.len()
    );
    // The sizes are the reader's bytes: the PDF's 19, not its 28 base64 characters.
    let mut sizes = s.part_sizes("D1", 1).await.expect("sizes");
    sizes.sort();
    assert_eq!(sizes, vec![(String::new(), size), ("L1".to_string(), 19)]);
    // The same file again: the stored bodies compare equal to it.
    assert_eq!(import(&s, &v).await.expect("again"), 0);
    // A store written before migration 0009 (bodies as JSON text in
    // `document_bodies`) is compressed when it is opened.
    drop(s);
    let json = serde_json::to_string(&v["documents"][0]["body"]).expect("json");
    sqlx::query("DELETE FROM document_parts WHERE part = ''")
        .execute(&pool)
        .await
        .expect("delete");
    sqlx::query(
        "INSERT INTO document_bodies (document_id, version, part, data) VALUES ('D1', 1, '', $1)",
    )
    .bind(&json)
    .execute(&pool)
    .await
    .expect("old row");
    crate::common::before_pending_upgrades(&pool).await;
    let s = Store::open(&url).await.expect("reopen");
    let body = s
        .body("D1", 1, portal_server::store::MAIN_BODY)
        .await
        .expect("read");
    assert_eq!(body.and_then(|b| b.xhtml), Some(page.clone()));
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM document_bodies")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(left, 0);
    assert!(crate::common::pending_upgrades(&pool).await.is_empty());
    pool.close().await;
}

#[tokio::test]
async fn unknown_fields_are_refused() {
    let mut v = base();
    v["documents"][0]["special_contnet"] = json!(true);
    refused(v, "documents[0]").await;
    let mut v = base();
    v["extra"] = json!(1);
    refused(v, "extra").await;
}

#[tokio::test]
async fn a_wrong_hetu_checksum_is_refused() {
    let mut v = base();
    v["people"][0]["id"] = json!("120485-246V");
    refused(v, "people[0].id").await;
}

#[tokio::test]
async fn a_wrong_century_sign_or_birth_date_is_refused() {
    let mut v = base();
    v["people"][0]["id"] = json!("120485A246U");
    refused(v, "people[0]").await;
    let mut v = base();
    v["people"][0]["birth_date"] = json!("1985-04-13");
    refused(v, "people[0].birth_date").await;
}

#[tokio::test]
async fn a_missing_required_field_is_refused() {
    let mut v = base();
    v["documents"][0]
        .as_object_mut()
        .expect("object")
        .remove("title");
    refused(v, "documents[0]").await;
}

#[tokio::test]
async fn wrong_types_and_bad_dates_are_refused() {
    let mut v = base();
    v["documents"][0]["version"] = json!("one");
    refused(v, "documents[0].version").await;
    let mut v = base();
    v["documents"][0]["created"] = json!("2024-02-30");
    refused(v, "documents[0].created").await;
    let mut v = base();
    v["documents"][0]["stored_at"] = json!("2024-02-01 10:00");
    refused(v, "documents[0].stored_at").await;
}

#[tokio::test]
async fn an_unknown_format_is_refused() {
    let mut v = base();
    v["format"] = json!("social-archive/2");
    refused(v, "format").await;
}

#[tokio::test]
async fn unknown_codes_are_refused() {
    let mut v = base();
    v["documents"][0]["service_tasks"] = json!(["2016:99"]);
    refused(v, "documents[0].service_tasks[0]").await;
    let mut v = base();
    v["documents"][0]["general_type"] = json!("letter");
    refused(v, "documents[0].general_type").await;
    let mut v = base();
    v["documents"][0]["group"] = json!("phase3");
    refused(v, "documents[0].group").await;
}

#[tokio::test]
async fn references_to_unknown_records_are_refused() {
    let mut v = base();
    v["documents"][0]["clients"] = json!(["010101A123N"]);
    refused(v, "documents[0].clients[0]").await;
    let mut v = base();
    v["documents"][0]["case"] = json!("NOPE");
    refused(v, "documents[0].case").await;
    let mut v = base();
    v["documents"][0]["register_keeper"] = json!("9.9.9");
    refused(v, "documents[0].register_keeper").await;
    let mut v = base();
    v["documents"][0]["service_unit"] = json!("9.9.9.1");
    refused(v, "documents[0].service_unit").await;
    let mut v = base();
    v["guardianships"] =
        json!([{"guardian": "120485-946D", "child": "010101A123N", "role": "guardian"}]);
    refused(v, "guardianships[0].child").await;
}

#[tokio::test]
async fn guardian_disclosure_is_required_for_a_minor_client() {
    let mut v = base();
    v["cases"][0]["clients"][0]["person"] = json!("150612A922B");
    v["documents"][0]["clients"] = json!(["150612A922B"]);
    refused(v.clone(), "documents[0].guardian_disclosure").await;
    v["documents"][0]["guardian_disclosure"] = json!(3);
    v["documents"][0]["restriction_text"] = json!("The minor's own words.");
    refused(v.clone(), "documents[0].guardian_override_reasons").await;
    v["documents"][0]["guardian_override_reasons"] = json!([1]);
    let (s, _d) = store().await;
    assert!(import(&s, &v).await.is_ok());
    v["documents"][0]["guardian_disclosure"] = json!(5);
    refused(v, "documents[0].guardian_disclosure").await;
}

#[tokio::test]
async fn r_front_7_a_minors_relationship_document_needs_a_guardian_code() {
    let mut v = base();
    v["client_relationships"] = json!([{
        "id": "R1", "version": 1, "client": "150612A922B", "register_keeper": "1.2.3",
        "schema_version": "2023-01", "started": "2024-01-01"
    }]);
    refused(v.clone(), "client_relationships[0].guardian_disclosure").await;
    v["client_relationships"][0]["guardian_disclosure"] = json!(1);
    let (s, _d) = store().await;
    assert!(import(&s, &v).await.is_ok());
    // An adult's relationship needs none.
    let mut v = base();
    v["client_relationships"] = json!([{
        "id": "R1", "version": 1, "client": "120485-946D", "register_keeper": "1.2.3",
        "schema_version": "2023-01", "started": "2024-01-01"
    }]);
    let (s, _d) = store().await;
    assert!(import(&s, &v).await.is_ok());
}

#[tokio::test]
async fn r_guard_9_covers_social_welfare_belongs_to_an_information_right() {
    let mut v = base();
    v["guardianships"] = json!([{"guardian": "120485-946D", "child": "150612A922B",
        "role": "guardian", "covers_social_welfare": false}]);
    refused(v.clone(), "guardianships[0].covers_social_welfare").await;
    v["guardianships"][0]["role"] = json!("information_right");
    let (s, _d) = store().await;
    assert!(import(&s, &v).await.is_ok());
}

#[tokio::test]
async fn r_task_5_drawn_up_lies_between_created_and_stored_at() {
    let mut v = base();
    v["documents"][0]["drawn_up"] = json!("2024-01-31");
    refused(v, "documents[0].drawn_up").await;
    let mut v = base();
    v["documents"][0]["drawn_up"] = json!("2024-02-02");
    refused(v, "documents[0].drawn_up").await;
    let mut v = base();
    v["documents"][0]["drawn_up"] = json!("2024-02-01");
    let (s, _d) = store().await;
    assert!(import(&s, &v).await.is_ok());
}

fn disclosure(client: &str) -> Value {
    json!([{"id": "X1", "client": client, "document": "D1",
        "disclosed_at": "2024-03-01T10:00:00+02:00", "recipient": "Org B", "data": "Decision"}])
}

#[tokio::test]
async fn r_disc_1_a_disclosure_is_of_a_client_of_its_document() {
    let mut v = base();
    v["disclosures"] = disclosure("150612A922B");
    refused(v, "disclosures[0].client").await;
    let mut v = base();
    v["disclosures"] = disclosure("120485-946D");
    let (s, _d) = store().await;
    assert!(import(&s, &v).await.is_ok());
    // Against a document already in the store, too.
    let (s, _d) = store().await;
    import(&s, &base()).await.expect("first");
    let later = |client: &str| {
        let mut v = base();
        v["documents"] = json!([]);
        v["cases"] = json!([]);
        v["disclosures"] = disclosure(client);
        v
    };
    let problems = import(&s, &later("150612A922B"))
        .await
        .expect_err("refused");
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("disclosures[0].client")),
        "{problems:?}"
    );
    assert!(import(&s, &later("120485-946D")).await.is_ok());
}

#[tokio::test]
async fn restriction_reasons_and_text_are_bounded() {
    let mut v = base();
    v["documents"][0]["restriction_reasons"] = json!([7]);
    refused(v, "documents[0].restriction_reasons[0]").await;
    let mut v = base();
    v["cases"][0]["restriction_text"] = json!("x".repeat(501));
    refused(v, "cases[0].restriction_text").await;
}

#[tokio::test]
async fn a_body_must_be_exactly_one_readable_format() {
    let mut v = base();
    v["documents"][0]["body"] = json!({});
    refused(v, "documents[0].body").await;
    let mut v = base();
    v["documents"][0]["body"] = json!({"xhtml": "<p/>", "pdf_base64": "JVBERi0="});
    refused(v, "documents[0].body").await;
    let mut v = base();
    v["documents"][0]["body"] = json!({"pdf_base64": "not base64!"});
    refused(v, "documents[0].body.pdf_base64").await;
    let mut v = base();
    v["documents"][0]["attachments"] =
        json!([{"id": "A", "title": "T", "body": {"pdf_base64": "aGVsbG8="}}]);
    refused(v, "documents[0].attachments[0].body.pdf_base64").await;
}

#[tokio::test]
async fn duplicates_within_a_file_are_refused() {
    let mut v = base();
    let d = v["documents"][0].clone();
    v["documents"].as_array_mut().expect("array").push(d);
    refused(v, "documents[1]").await;
}

#[tokio::test]
async fn an_error_late_in_the_file_leaves_the_store_untouched() {
    let (s, _d) = store().await;
    import(&s, &base()).await.expect("first");
    let mut v = base();
    v["people"].as_array_mut().expect("array").push(json!({"id": "010101A123N", "given_names": "New", "surname": "Person", "birth_date": "2001-01-01"}));
    v["documents"][0]["version"] = json!(2);
    v["documents"][0]["clients"] = json!(["NOBODY-1"]);
    assert!(import(&s, &v).await.is_err());
    assert!(
        s.person("010101A123N").await.expect("read").is_none(),
        "nothing of the bad file was stored"
    );
    assert_eq!(
        s.subject_records("120485-946D")
            .await
            .expect("read")
            .documents[0]
            .version,
        1
    );
}

#[tokio::test]
async fn the_demo_archive_is_valid() {
    let (s, _d) = store().await;
    let parsed = archive::parse(portal_server::demo::DEMO_ARCHIVE).expect("parse");
    assert!(parsed.people.len() >= 10);
    assert!(parsed.documents.len() >= 60);
    s.import(&parsed).await.expect("demo imports");
}

#[tokio::test]
async fn the_import_command_exits_non_zero_and_names_the_path() {
    let dir = tempfile::tempdir().expect("dir");
    let url = crate::common::fresh_database(dir.path()).await;
    let file = dir.path().join("bad.json");
    let mut v = base();
    v["documents"][0]["clients"] = json!(["120485-246X"]);
    std::fs::write(&file, v.to_string()).expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("import")
        .arg(&file)
        .env("PORTAL_DATABASE_URL", &url)
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("documents[0].clients[0]"), "{err}");
    let good = dir.path().join("good.json");
    std::fs::write(&good, base().to_string()).expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("import")
        .arg(&good)
        .env("PORTAL_DATABASE_URL", &url)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn cached_records_follow_an_import_by_any_process() {
    // Two stores on one database, as two portal processes would be: each has
    // its own cache of subjects' records; an import through either is seen
    // by both at their next read (the import generation).
    let dir = tempfile::tempdir().expect("dir");
    let url = crate::common::fresh_database(dir.path()).await;
    let a = Store::open(&url).await.expect("store a");
    let b = Store::open(&url).await.expect("store b");
    import(&a, &base()).await.expect("first");
    let title = |s: &Store| {
        let s = s.clone();
        async move {
            let r = s.subject_records("120485-946D").await.expect("read");
            portal_server::policy::newest(&r.documents, |d| d.version)
                .map(|d| d.title.clone())
                .expect("a document")
        }
    };
    assert_eq!(title(&a).await, "Decision");
    assert_eq!(title(&b).await, "Decision");
    let mut v = base();
    v["documents"][0]["version"] = json!(2);
    v["documents"][0]["title"] = json!("Decision, corrected");
    import(&b, &v).await.expect("second");
    assert_eq!(
        title(&a).await,
        "Decision, corrected",
        "the other process's cache"
    );
    assert_eq!(title(&b).await, "Decision, corrected");
}

/// AVAIN: the structured block of a client plan, each
/// field checked like every other.
#[tokio::test]
async fn an_avain_block_is_checked_field_by_field() {
    let plan = |avain: Value, specific_type: &str| {
        let mut v = base();
        v["documents"][0]["general_type"] = json!("plan");
        v["documents"][0]["specific_type"] = json!(specific_type);
        v["documents"][0]["avain"] = avain;
        v
    };
    let good = json!({
        "goals": [{"key": "talous", "text": "Tulot ja menot tasapainossa", "area": "Talous", "scale": "improve"}],
        "evaluations": [{"goal": "talous", "reached": "partly", "factors": [{"text": "Velat", "effect": "hindered"}]}],
        "methods": [{"text": "Neuvonta", "used": true}],
        "services": [{"code": 19, "used": false}]
    });
    let (s, _dir) = store().await;
    assert!(import(&s, &plan(good.clone(), "client_plan_working_age"))
        .await
        .is_ok());
    // Only on a client plan.
    refused(plan(good.clone(), "decision"), "documents[0].avain").await;
    // An evaluation of a goal the plan does not have.
    let mut bad = good.clone();
    bad["evaluations"][0]["goal"] = json!("asuminen");
    refused(
        plan(bad, "client_plan_working_age"),
        "documents[0].avain.evaluations[0].goal",
    )
    .await;
    // Two goals under one key.
    let mut bad = good.clone();
    let first = bad["goals"][0].clone();
    bad["goals"].as_array_mut().unwrap().push(first);
    refused(
        plan(bad, "client_plan_working_age"),
        "documents[0].avain.goals[1].key",
    )
    .await;
    // A service AVAIN does not list.
    let mut bad = good.clone();
    bad["services"][0]["code"] = json!(25);
    refused(
        plan(bad, "client_plan_working_age"),
        "documents[0].avain.services[0].code",
    )
    .await;
    // An empty goal, a factor too long, an unknown scale, an unknown field.
    let mut bad = good.clone();
    bad["goals"][0]["text"] = json!(" ");
    refused(
        plan(bad, "client_plan_working_age"),
        "documents[0].avain.goals[0].text",
    )
    .await;
    let mut bad = good.clone();
    bad["evaluations"][0]["factors"][0]["text"] = json!("x".repeat(201));
    refused(
        plan(bad, "client_plan_working_age"),
        "documents[0].avain.evaluations[0].factors[0].text",
    )
    .await;
    let mut bad = good.clone();
    bad["goals"][0]["scale"] = json!("better");
    refused(plan(bad, "client_plan_working_age"), "documents[0]").await;
    let mut bad = good;
    bad["goals"][0]["colour"] = json!("red");
    refused(plan(bad, "client_plan_working_age"), "documents[0]").await;
}

// The archive's storage checks (seed 004, ch. 9.12), at the door.

const JUHA: &str = "300983-957W";

/// `base()` with Juha, and case C1 shared by Aino and Juha from 2024-01-01.
fn shared_base() -> Value {
    let mut v = base();
    v["people"].as_array_mut().expect("people").push(
        json!({"id": JUHA, "given_names": "Juha", "surname": "Virtanen", "birth_date": "1983-09-30"}),
    );
    v["cases"][0]["clients"]
        .as_array_mut()
        .expect("members")
        .push(json!({"person": JUHA, "joined": "2024-01-01T09:00:00+02:00", "removed": null}));
    v["documents"][0]["clients"] = json!(["120485-946D", JUHA]);
    v
}

#[tokio::test]
async fn storage_a_shared_case_document_names_every_active_member() {
    let v = shared_base();
    let (s, _d) = store().await;
    assert!(import(&s, &v).await.is_ok(), "both members named");
    // One member dropped: the document would be shown to one client only,
    // and to a guardian who is not in the case (L25982–25984).
    let mut v = shared_base();
    v["documents"][0]["clients"] = json!(["120485-946D"]);
    refused(v.clone(), "documents[0].clients").await;
    // Removed before the document was drawn up: not named, and rightly.
    v["cases"][0]["clients"][1]["removed"] = json!("2024-01-20T12:00:00+02:00");
    let (s, _d) = store().await;
    assert!(
        import(&s, &v).await.is_ok(),
        "a removed member is not named"
    );
    // Joined on the very day: the document decides (R-SHARED-3).
    let mut v = shared_base();
    v["cases"][0]["clients"][1]["joined"] = json!("2024-02-01T15:00:00+02:00");
    v["documents"][0]["clients"] = json!(["120485-946D"]);
    let (s, _d) = store().await;
    assert!(import(&s, &v).await.is_ok(), "joined that day, not named");
}

#[tokio::test]
async fn storage_a_document_names_only_clients_of_its_case() {
    // L15516–15518: a client the case's membership does not have that day.
    let mut v = shared_base();
    v["cases"][0]["clients"][1]["removed"] = json!("2024-01-20T12:00:00+02:00");
    refused(v.clone(), "documents[0].clients[1]").await;
    let mut v = base();
    v["people"].as_array_mut().expect("people").push(
        json!({"id": JUHA, "given_names": "Juha", "surname": "Virtanen", "birth_date": "1983-09-30"}),
    );
    v["documents"][0]["clients"] = json!(["120485-946D", JUHA]);
    refused(v, "documents[0].clients[1]").await;
}

#[tokio::test]
async fn storage_a_case_that_says_it_is_not_shared_has_one_client_at_a_time() {
    let mut v = shared_base();
    v["cases"][0]["shared"] = json!(false);
    refused(v.clone(), "cases[0].shared").await;
    v["cases"][0]["shared"] = json!(true);
    let (s, _d) = store().await;
    assert!(import(&s, &v).await.is_ok());
}

#[tokio::test]
async fn storage_versions_go_up_by_one_and_never_replace_an_annulled_one() {
    // L25950–25956, for documents, cases and client relationships.
    let mut v = base();
    v["documents"][0]["version"] = json!(2);
    refused(v, "documents[0].version").await;
    let mut v = base();
    v["cases"][0]["version"] = json!(2);
    refused(v, "cases[0].version").await;
    let mut v = base();
    v["client_relationships"] = json!([{
        "id": "R1", "version": 2, "client": "120485-946D", "register_keeper": "1.2.3",
        "schema_version": "2023-01", "started": "2024-01-01"
    }]);
    refused(v, "client_relationships[0].version").await;
    // Version 1 stored, then version 3: refused; version 2: stored.
    let (s, _d) = store().await;
    import(&s, &base()).await.expect("first");
    let mut v = base();
    v["documents"][0]["version"] = json!(3);
    let problems = import(&s, &v).await.expect_err("a gap");
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("documents[0].version")),
        "{problems:?}"
    );
    v["documents"][0]["version"] = json!(2);
    assert_eq!(import(&s, &v).await, Ok(1));
    // An annulled version is not replaced, in the same file or the store.
    let mut v = base();
    v["documents"][0]["status"] = json!("deleted");
    let mut v2 = v["documents"][0].clone();
    v2["version"] = json!(2);
    v2["status"] = json!("active");
    v["documents"]
        .as_array_mut()
        .expect("docs")
        .push(v2.clone());
    refused(v.clone(), "documents[1].version").await;
    let (s, _d) = store().await;
    v["documents"].as_array_mut().expect("docs").pop();
    import(&s, &v).await.expect("annulled v1");
    v["documents"][0] = v2;
    let problems = import(&s, &v).await.expect_err("replaces an annulled one");
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("documents[0].version")),
        "{problems:?}"
    );
}

#[tokio::test]
async fn storage_restrictions_carry_their_reasons() {
    // Code 2 or 3: the minor's reasons in words (L8962–8964, L8980–8982).
    for code in [2, 3] {
        let mut v = base();
        v["documents"][0]["guardian_disclosure"] = json!(code);
        v["documents"][0]["guardian_override_reasons"] = json!([1]);
        refused(v.clone(), "documents[0].restriction_text").await;
        v["documents"][0]["restriction_text"] = json!("   ");
        refused(v.clone(), "documents[0].restriction_text").await;
        v["documents"][0]["restriction_text"] = json!("Nuori ei halua.");
        let (s, _d) = store().await;
        assert!(import(&s, &v).await.is_ok(), "code {code} with its text");
    }
    // A delay, special content or code 4: a reason from table 5.3.1.
    for (field, value) in [
        ("delay_until", json!("2030-01-01")),
        ("special_content", json!(true)),
        ("guardian_disclosure", json!(4)),
    ] {
        let mut v = base();
        v["documents"][0][field] = value.clone();
        refused(v.clone(), "documents[0].restriction_reasons").await;
        v["documents"][0]["restriction_reasons"] = json!([3]);
        let (s, _d) = store().await;
        assert!(import(&s, &v).await.is_ok(), "{field} with a reason");
        // The same for the case and the client relationship.
        let mut v = base();
        v["cases"][0][field] = value.clone();
        v["documents"][0][field] = value.clone();
        v["documents"][0]["restriction_reasons"] = json!([3]);
        refused(v, "cases[0].restriction_reasons").await;
        let mut v = base();
        v["client_relationships"] = json!([{
            "id": "R1", "version": 1, "client": "120485-946D", "register_keeper": "1.2.3",
            "schema_version": "2023-01", "started": "2024-01-01"
        }]);
        v["client_relationships"][0][field] = value;
        refused(v, "client_relationships[0].restriction_reasons").await;
    }
}

#[tokio::test]
async fn storage_a_cases_restrictions_are_on_all_its_documents() {
    // L8814–8816 (delay L8331–8336, special content L8422–8426).
    for (field, case_value, weaker, path) in [
        (
            "delay_until",
            json!("2030-01-01"),
            json!("2029-12-31"),
            "documents[0].delay_until",
        ),
        (
            "special_content",
            json!(true),
            json!(false),
            "documents[0].special_content",
        ),
        (
            "guardian_disclosure",
            json!(4),
            json!(1),
            "documents[0].guardian_disclosure",
        ),
    ] {
        let mut v = base();
        v["cases"][0][field] = case_value.clone();
        v["cases"][0]["restriction_reasons"] = json!([1]);
        v["documents"][0][field] = weaker;
        v["documents"][0]["restriction_reasons"] = json!([1]);
        refused(v.clone(), path).await;
        v["documents"][0][field] = case_value;
        let (s, _d) = store().await;
        assert!(import(&s, &v).await.is_ok(), "{field} as the case's");
    }
    // A case stored first, its document in a later file: still checked.
    let (s, _d) = store().await;
    let mut v = base();
    v["cases"][0]["special_content"] = json!(true);
    v["cases"][0]["restriction_reasons"] = json!([1]);
    v["documents"] = json!([]);
    import(&s, &v).await.expect("the case");
    let mut v = base();
    v["cases"] = json!([]);
    let problems = import(&s, &v)
        .await
        .expect_err("the document lacks the marking");
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("documents[0].special_content")),
        "{problems:?}"
    );
    // A marking added to a case later is not carried back to documents
    // already stored (L8452–8458): the new case version is stored.
    let (s, _d) = store().await;
    import(&s, &base()).await.expect("first");
    let mut v = base();
    v["cases"][0]["version"] = json!(2);
    v["cases"][0]["special_content"] = json!(true);
    v["cases"][0]["restriction_reasons"] = json!([1]);
    assert!(import(&s, &v).await.is_ok(), "{:?}", import(&s, &v).await);
}

#[tokio::test]
async fn storage_types_agree_with_the_national_table() {
    // L25986–25994: codes are the national code server's; the general type
    // is the specific type's, and only a journal entry is a journal entry.
    let mut v = base();
    v["documents"][0]["general_type"] = json!("plan");
    refused(v, "documents[0].general_type").await;
    let mut v = base();
    v["documents"][0]["specific_type"] = json!("no_such_type");
    refused(v, "documents[0].specific_type").await;
    let mut v = base();
    v["documents"][0]["group"] = json!("journal_entry");
    refused(v, "documents[0].group").await;
    let mut v = base();
    v["documents"][0]["general_type"] = json!("journal_entry");
    v["documents"][0]["specific_type"] = json!("journal_entry");
    refused(v.clone(), "documents[0].group").await;
    v["documents"][0]["group"] = json!("journal_entry");
    let (s, _d) = store().await;
    assert!(import(&s, &v).await.is_ok());
    let mut v = base();
    v["documents"][0]["social_services"] = json!(["no_such_service"]);
    refused(v, "documents[0].social_services[0]").await;
}

/// R-SIGN-2: a registration number is digits (a personal identity code is
/// never given as one); the identification method is a coded word.
#[tokio::test]
async fn r_sign_2_signatures_carry_a_registration_number_and_a_coded_method() {
    let signature = |reg: &str, method: &str| {
        json!([{
            "name": "Kaisa Mattila",
            "role": "sosiaalityöntekijä",
            "registration_number": reg,
            "method": method,
            "signed_at": "2025-01-20T10:15:00+02:00"
        }])
    };
    let mut v = base();
    v["documents"][0]["signatures"] = signature("99900012345", "strong_electronic");
    let (s, _d) = store().await;
    assert_eq!(import(&s, &v).await, Ok(6));
    for (reg, method, path) in [
        ("010203A123Y", "strong_electronic", "registration_number"),
        ("", "strong_electronic", "registration_number"),
        ("99900012345", "bank_codes", "method"),
    ] {
        let mut v = base();
        v["documents"][0]["signatures"] = signature(reg, method);
        refused(v, &format!("documents[0].signatures[0].{path}")).await;
    }
}
