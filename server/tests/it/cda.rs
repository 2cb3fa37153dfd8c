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
    let labels = e.labels(None, app::i18n::Lang::Fi);
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

const A01: &str = "documents/1.2.246.10.1000001.30.A01-v1.xml";
const A01_ID: &str = "1.2.246.10.1000001.30.A01";
const AINO: &str = "120485-946D";

/// A directory with the demo's register file, relationships and cases,
/// and `document` as the one client document; imported into a fresh store.
/// The error, and whether the document was stored.
async fn import_one(document: Vec<u8>) -> (Result<(), String>, bool) {
    let dir = tempfile::tempdir().unwrap();
    let src = demo_cda_dir();
    std::fs::copy(src.join("register.json"), dir.path().join("register.json")).unwrap();
    for sub in ["relationships", "cases"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        for f in std::fs::read_dir(src.join(sub)).unwrap() {
            let f = f.unwrap().path();
            std::fs::copy(&f, dir.path().join(sub).join(f.file_name().unwrap())).unwrap();
        }
    }
    std::fs::create_dir_all(dir.path().join("documents")).unwrap();
    std::fs::write(dir.path().join("documents/doc.xml"), document).unwrap();
    let (s, _d) = store().await;
    let r = portal_server::import::import_paths(&s, &[dir.path().to_path_buf()], false).await;
    let stored = s
        .subject_records(AINO)
        .await
        .unwrap()
        .documents
        .iter()
        .any(|d| d.id == A01_ID);
    (r.map(|_| ()), stored)
}

fn a01() -> String {
    std::fs::read_to_string(demo_cda_dir().join(A01)).unwrap()
}

fn b64(s: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(s)
}

/// Replaces the text content of the first element opening with `open`.
fn replace_text(doc: &str, open: &str, close: &str, with: &str) -> String {
    let start = doc.find(open).expect(open);
    let body = start + doc[start..].find('>').unwrap() + 1;
    let end = body + doc[body..].find(close).expect(close);
    format!("{}{with}{}", &doc[..body], &doc[end..])
}

async fn refused(document: impl Into<Vec<u8>>, expected: &[&str]) {
    let (r, stored) = import_one(document.into()).await;
    let message = r.expect_err("must be refused");
    for e in expected {
        assert!(message.contains(e), "expected {e:?} in:\n{message}");
    }
    assert!(message.contains("doc.xml"), "names the file: {message}");
    assert!(!stored, "a refused document changes nothing");
}

#[tokio::test]
async fn the_unchanged_document_is_stored() {
    let (r, stored) = import_one(a01().into_bytes()).await;
    r.unwrap();
    assert!(stored);
}

#[tokio::test]
async fn malformed_xml_is_refused() {
    let doc = a01();
    refused(
        &doc.as_bytes()[..doc.len() / 2],
        &["(file): is not well-formed XML"],
    )
    .await;
    refused(vec![0xff, 0xfe, 0x00], &["(file): is not UTF-8"]).await;
}

#[tokio::test]
async fn a_wrong_namespace_is_refused() {
    // The prefix is free, the namespace is not.
    let other = a01().replacen(r#"xmlns="urn:hl7-org:v3""#, r#"xmlns="urn:hl7-org:v2""#, 1);
    refused(
        other,
        &["the root element is {urn:hl7-org:v2}ClinicalDocument"],
    )
    .await;
    let local = a01().replacen(
        r#"xmlns:ep2="urn:hl7finland""#,
        r#"xmlns:ep2="urn:example""#,
        1,
    );
    refused(
        local,
        &["ClinicalDocument/ep2:localSocialHeader: is missing"],
    )
    .await;
    // Another prefix for the same namespaces reads the same.
    let renamed = a01()
        .replace("ep2:", "fi:")
        .replacen(
            r#"xmlns:ep2="urn:hl7finland""#,
            r#"xmlns:fi="urn:hl7finland""#,
            1,
        )
        .replacen(
            r#"<ClinicalDocument xmlns="urn:hl7-org:v3""#,
            r#"<hl7:ClinicalDocument xmlns:hl7="urn:hl7-org:v3" xmlns="urn:hl7-org:v3""#,
            1,
        )
        .replacen("</ClinicalDocument>", "</hl7:ClinicalDocument>", 1);
    let (r, stored) = import_one(renamed.into_bytes()).await;
    r.unwrap();
    assert!(stored);
}

#[tokio::test]
async fn a_missing_required_element_is_refused() {
    let doc = a01();
    let start = doc.find("<setId").unwrap();
    let end = start + doc[start..].find("/>").unwrap() + 2;
    let without = format!("{}{}", &doc[..start], &doc[end..]);
    refused(without, &["ClinicalDocument/setId: is missing"]).await;
    let without_case = a01().replacen(r#"<id root="CASE-AINO-1"/>"#, "", 1);
    refused(
        without_case,
        &["ClinicalDocument/componentOf/encompassingEncounter/id: is missing"],
    )
    .await;
}

#[tokio::test]
async fn base64_that_does_not_decode_is_refused() {
    let doc = replace_text(&a01(), "<text mediaType", "</text>", "!!not base64!!");
    refused(
        doc,
        &["ClinicalDocument/component/nonXMLBody/text: is not valid base64"],
    )
    .await;
}

#[tokio::test]
async fn xhtml_that_is_not_well_formed_is_refused() {
    let bad = b64(r#"<div xmlns="http://www.w3.org/1999/xhtml"><p>unclosed</div>"#);
    let doc = replace_text(&a01(), "<text mediaType", "</text>", &bad);
    refused(doc, &["nonXMLBody/text: the XHTML is not well-formed"]).await;
    let entity = b64(r#"<div xmlns="http://www.w3.org/1999/xhtml"><p>a&nbsp;b</p></div>"#);
    let doc = replace_text(&a01(), "<text mediaType", "</text>", &entity);
    refused(doc, &["the XHTML is not well-formed"]).await;
    let plain = b64("<div><p>no namespace</p></div>");
    let doc = replace_text(&a01(), "<text mediaType", "</text>", &plain);
    refused(
        doc,
        &["the XHTML's root element is not in http://www.w3.org/1999/xhtml"],
    )
    .await;
}

#[tokio::test]
async fn a_json_part_that_does_not_parse_or_fit_is_refused() {
    let rel =
        std::fs::read_to_string(demo_cda_dir().join("relationships/REL-AINO-1-v1.xml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        demo_cda_dir().join("register.json"),
        dir.path().join("register.json"),
    )
    .unwrap();
    for (json, expected) in [
        ("{not json", "ep2:json: is not JSON"),
        (
            r#"{"asiakkuusasiakirja": {"sosiaalihuollon_asiakkuus": {"asiakkuuden_alkamispvm": "someday"}}}"#,
            "ep2:json asiakkuusasiakirja.sosiaalihuollon_asiakkuus.asiakkuuden_alkamispvm: does not fit the client-relationship",
        ),
        (r#"{"asia_asiakirja": {}}"#, "does not fit the client-relationship"),
    ] {
        let doc = replace_text(&rel, "<ep2:json", "</ep2:json>", &b64(json));
        std::fs::write(dir.path().join("rel.xml"), doc).unwrap();
        let (s, _d) = store().await;
        let e = portal_server::import::import_paths(&s, &[dir.path().to_path_buf()], false)
            .await
            .expect_err("refused");
        assert!(e.contains(expected), "expected {expected:?} in {e}");
        assert!(
            s.subject_records(AINO).await.unwrap().relationships.is_empty(),
            "nothing stored"
        );
    }
}

#[tokio::test]
async fn a_billion_laughs_document_is_refused_without_expanding_it() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE ClinicalDocument [
<!ENTITY a "lol">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
<!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
<!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<ClinicalDocument xmlns="urn:hl7-org:v3"><title>&i;</title></ClinicalDocument>"#;
    refused(laughs, &["(file): is not well-formed XML", "DTD"]).await;
}

#[tokio::test]
async fn a_50_mb_document_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.xml");
    // Sparse: the size is what is refused, before a byte is read.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    let (s, _d) = store().await;
    let e = portal_server::import::import_paths(&s, &[path], false)
        .await
        .expect_err("refused");
    assert!(e.contains("(file): is larger than 32 MiB"), "{e}");
}

#[tokio::test]
async fn an_unknown_code_or_code_system_is_refused_with_its_element() {
    let doc = a01().replacen(
        r#"<ep2:functionCode code="26" codeSystem="1.2.246.537.6.1221.201601""#,
        r#"<ep2:functionCode code="26" codeSystem="1.2.3.4""#,
        1,
    );
    refused(doc, &["ep2:localSocialHeader/ep2:functionCode[0]/@codeSystem: unknown code system \"1.2.3.4\""]).await;
    let doc = a01().replacen(
        r#"<ep2:functionCode code="26""#,
        r#"<ep2:functionCode code="99""#,
        1,
    );
    refused(
        doc,
        &["ep2:functionCode[0]/@code: unknown code \"99\" in Sosiaalihuolto - Palvelutehtävä"],
    )
    .await;
    let doc = a01().replacen(
        r#"<code code="1" codeSystem"#,
        r#"<code code="18" codeSystem"#,
        1,
    );
    refused(doc, &["ClinicalDocument/code/@code: unknown code \"18\""]).await;
}

#[tokio::test]
async fn a_storage_check_names_the_element() {
    // The document drops Aino from her own case: refused at the door, the
    // element and the rule named.
    let doc = a01().replacen(
        r#"extension="120485-946D""#,
        r#"extension="300983-957W""#,
        1,
    );
    refused(
        doc,
        &["ClinicalDocument/recordTarget/patientRole/id", "L15516"],
    )
    .await;
}

#[tokio::test]
async fn the_archiving_message_is_read_and_checked() {
    let doc = a01();
    let wrapped = portal_server::cda::write::archiving_message(&doc, A01_ID, 1, false);
    let (r, stored) = import_one(wrapped.into_bytes()).await;
    r.unwrap();
    assert!(stored);
    // SP1 archives a client-relationship document, not a client document.
    let wrong = portal_server::cda::write::archiving_message(&doc, A01_ID, 1, true);
    refused(wrong, &["service request SP1"]).await;
}
