//! The audit trail: every read, every denied or missing
//! read, sign-in, sign-out, the choice of subject and its automatic drop,
//! each with the session (a hash prefix) and the client address; and the
//! page "Use of my information in this service", which shows a person
//! exactly the reads of their own records.

use portal_server::store::AuditRecord;

use crate::common::*;

async fn rows(s: &TestServer) -> Vec<AuditRecord> {
    s.store.audit_rows().await.unwrap()
}

/// (action, outcome) of each row, in order.
fn events(rows: &[AuditRecord]) -> Vec<(String, String)> {
    rows.iter()
        .map(|r| (r.action.clone(), r.outcome.clone()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, o)| (a.to_string(), o.to_string()))
        .collect()
}

#[tokio::test]
async fn every_read_sign_in_and_sign_out_is_audited_with_session_and_address() {
    let s = phase2().await;
    let anon = s.client();
    assert_eq!(s.get(&anon, "/").await.status, 303);
    let c = s.login(AINO).await;
    let a03 = doc_id("A03");
    for path in [
        "/".to_string(),
        "/tasks/2016:26".to_string(),
        format!("/documents/{a03}"),
        format!("/files/documents/{}/body", doc_id("A05")),
        format!("/files/documents/{a03}/attachments/ATT-1"),
        "/documents/no-such-document".to_string(),
        format!("/files/documents/{}/body", doc_id("E03")),
        "/disclosures".to_string(),
    ] {
        s.get(&c, &path).await;
    }
    s.server_fn(&c, "viewer", &[]).await;
    assert_eq!(s.logout(&c).await, 303);
    let all = rows(&s).await;
    assert_eq!(
        events(&all),
        pairs(&[
            ("login", "ok"),
            ("front_page", "ok"),
            ("task_page", "ok"),
            ("document", "ok"),
            ("document_body", "ok"),
            ("attachment", "ok"),
            ("document", "not_found"),
            // Another person's document: the same as a missing one.
            ("document_body", "not_found"),
            ("disclosures", "ok"),
            ("viewer", "ok"),
            ("logout", "ok"),
        ])
    );
    // The signed-out visit is a count, not a row.
    assert_eq!(
        anonymous(&s),
        [(
            "front_page".to_string(),
            None,
            "unauthenticated".to_string(),
            1
        )]
    );
    for r in &all {
        assert_eq!(r.viewer.as_deref(), Some(AINO), "{r:?}");
        let session = r.session.as_deref().unwrap_or_default();
        assert!(
            session.len() == 12 && session.bytes().all(|b| b.is_ascii_hexdigit()),
            "{r:?}"
        );
        assert_eq!(r.client.as_deref(), Some("127.0.0.1"), "{r:?}");
    }
    // One id per request, in its rows and its answer.
    let ids: Vec<&str> = all.iter().filter_map(|r| r.request_id.as_deref()).collect();
    assert_eq!(ids.len(), all.len());
    assert!(ids
        .iter()
        .all(|i| i.len() == 16 && i.bytes().all(|b| b.is_ascii_hexdigit())));
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    // One session from sign-in to sign-out.
    assert!(all.iter().all(|r| r.session == all[0].session));
    assert_eq!(all[3].target.as_deref(), Some(a03.as_str()));
    assert_eq!(all[5].target, Some(format!("{a03}/ATT-1")));
    assert_eq!(all[1].subject.as_deref(), Some(AINO));
    assert_eq!(all[1].role.as_deref(), Some("own"));
}

#[tokio::test]
async fn acting_for_a_child_its_end_and_its_automatic_drop_are_audited() {
    let s = phase2().await;
    let c = s.login(LAURA).await;
    act_for(&s, &c, "Emma Nieminen").await;
    s.get(&c, "/").await;
    // Emma gets a protection order: the next request drops her.
    let order = person_update(EMMA, |p| p.protection_order = true);
    s.store.import(&order).await.unwrap();
    assert!(!s.get(&c, "/").await.body.contains("acting-banner"));
    let all = rows(&s).await;
    let find = |action: &str| all.iter().find(|r| r.action == action).cloned();
    let act = find("act_for").expect("act_for");
    assert_eq!(
        (act.viewer.as_deref(), act.subject.as_deref()),
        (Some(LAURA), Some(EMMA))
    );
    let read = all
        .iter()
        .find(|r| r.action == "front_page" && r.subject.as_deref() == Some(EMMA))
        .expect("a read of Emma's records");
    assert_eq!(read.role.as_deref(), Some("guardian"));
    let dropped = find("subject_dropped").expect("subject_dropped");
    assert_eq!(dropped.subject.as_deref(), Some(EMMA));
    let after = all.last().unwrap();
    assert_eq!(
        (after.action.as_str(), after.subject.as_deref()),
        ("front_page", Some(LAURA))
    );
    // Choosing one's own records again is audited too.
    let s = phase2().await;
    let c = s.login(LAURA).await;
    act_for(&s, &c, "Emma Nieminen").await;
    assert_eq!(s.choose_subject(&c, "").await, 303);
    assert!(rows(&s)
        .await
        .iter()
        .any(|r| r.action == "own_records" && r.viewer.as_deref() == Some(LAURA)));
}

/// The anonymous refusals counted so far: (action, reason, outcome, count).
fn anonymous(s: &TestServer) -> Vec<(String, Option<String>, String, u64)> {
    s.portal
        .refusals
        .counts()
        .into_iter()
        .map(|(k, n)| (k.action, k.reason, k.outcome, n))
        .collect()
}

#[tokio::test]
async fn anonymous_refusals_are_counted_per_kind_and_client_and_write_no_row() {
    let s = phase2().await;
    let res = s
        .client()
        .post(format!("{}/auth/test-login", s.base))
        .header("sec-fetch-site", "cross-site")
        .form(&[("person", AINO)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    for _ in 0..50 {
        s.get(&s.client(), &format!("/documents/{}", doc_id("A03")))
            .await;
    }
    assert_eq!(rows(&s).await, vec![], "no row for anyone not signed in");
    assert_eq!(
        anonymous(&s),
        [
            ("cross_site".to_string(), None, "refused".to_string(), 1),
            (
                "document".to_string(),
                None,
                "unauthenticated".to_string(),
                50
            ),
        ]
    );
    assert_eq!(s.portal.refusals.from_client("127.0.0.1"), 51);
}

#[tokio::test]
async fn the_use_log_shows_exactly_the_reads_of_ones_own_records() {
    let s = phase2().await;
    // Laura reads Emma's records as her guardian, and her own.
    let laura = s.login(LAURA).await;
    s.get(&laura, "/").await;
    act_for(&s, &laura, "Emma Nieminen").await;
    s.get(&laura, &format!("/documents/{}", doc_id("E03")))
        .await;
    // Acting for Emma, Laura does not see Emma's use log.
    assert_eq!(s.get(&laura, "/use-of-information").await.status, 404);
    assert_eq!(s.server_fn(&laura, "use-log", &[]).await.status, 404);
    // Aino reads her own.
    let aino = s.login(AINO).await;
    s.get(&aino, &format!("/documents/{}", doc_id("A03"))).await;
    // Emma sees Laura's reads of her records, by name and as guardian, and her own.
    let emma = s.login(EMMA).await;
    let page: app::model::Page<app::model::UseLogPage> =
        serde_json::from_str(&s.server_fn(&emma, "use-log", &[]).await.body).unwrap();
    let seen: Vec<(String, app::model::Relation, String)> = page
        .data
        .entries
        .iter()
        .map(|e| (e.who.clone(), e.relation, e.action.clone()))
        .collect();
    use app::model::Relation::{Guardian, Own};
    let laura_name = "Laura Nieminen".to_string();
    assert!(
        seen.contains(&(laura_name.clone(), Guardian, "document".into())),
        "{seen:?}"
    );
    assert!(
        seen.contains(&(laura_name.clone(), Guardian, "front_page".into())),
        "{seen:?}"
    );
    // Newest first: Laura's document read is the latest (this very read is
    // audited once it is answered).
    assert_eq!(
        seen[0],
        (laura_name.clone(), Guardian, "document".to_string())
    );
    assert!(page.data.entries.windows(2).all(|w| w[0].at >= w[1].at));
    assert!(s
        .server_fn(&emma, "use-log", &[])
        .await
        .body
        .contains("\"Own\""));
    assert!(
        seen.iter()
            .all(|(who, _, _)| who == &laura_name || who.starts_with("Emma")),
        "{seen:?}"
    );
    let html = s.get(&emma, "/use-of-information").await;
    assert_eq!(html.status, 200);
    assert!(
        html.body.contains("Laura Nieminen (huoltaja)"),
        "{}",
        html.body
    );
    // Aino's log has Aino only; nothing of Emma or Laura.
    let aino_page = s.get(&aino, "/use-of-information").await.body;
    assert!(!aino_page.contains("Laura") && !aino_page.contains("Emma"));
    let mine: app::model::Page<app::model::UseLogPage> =
        serde_json::from_str(&s.server_fn(&aino, "use-log", &[]).await.body).unwrap();
    assert!(mine.data.entries.iter().all(|e| e.relation == Own));
    assert!(mine.data.entries.iter().any(|e| e.action == "document"));
    // Laura's own log does not list her reads of Emma's records.
    assert_eq!(s.choose_subject(&laura, "").await, 303);
    let own: app::model::Page<app::model::UseLogPage> =
        serde_json::from_str(&s.server_fn(&laura, "use-log", &[]).await.body).unwrap();
    assert!(
        own.data.entries.iter().all(|e| e.action != "document"),
        "{:?}",
        own.data.entries
    );
}

#[tokio::test]
async fn the_client_address_is_the_connections_or_the_proxys_never_the_clients_word() {
    let s = phase2().await;
    let aino = s.login(AINO).await;
    let res = aino
        .get(format!("{}/", s.base))
        .header("x-portal-client", "192.0.2.1")
        .header("x-forwarded-for", "192.0.2.2")
        .header("x-request-id", "chosen-by-client")
        .send()
        .await
        .unwrap();
    let answered = res.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_ne!(answered, "chosen-by-client");
    let row = rows(&s).await.pop().unwrap();
    assert_eq!(row.client.as_deref(), Some("127.0.0.1"));
    assert_eq!(row.request_id.as_deref(), Some(answered.as_str()));
    // Behind a proxy that writes X-Forwarded-For: its last address.
    let config = portal_server::config::Config {
        auth: portal_server::config::AuthMode::Test,
        secure_cookies: false,
        client_ip_header: Some("x-forwarded-for".into()),
        ..portal_server::config::Config::default()
    };
    let s = start_configured(None, config).await;
    s.client()
        .get(format!("{}/", s.base))
        .header("x-forwarded-for", "192.0.2.2, 2001:db8::7")
        .send()
        .await
        .unwrap();
    assert_eq!(s.portal.refusals.from_client("2001:db8::7"), 1);
    let c = s.client();
    let res = s
        .post_form(&c, "/auth/test-login", &[("person", AINO)])
        .await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(
        rows(&s).await.pop().unwrap().client.as_deref(),
        Some("127.0.0.1"),
        "no header from this client: its peer"
    );
}

#[tokio::test]
async fn what_a_caller_sends_is_kept_in_the_audit_trail_but_not_without_bound() {
    let s = phase2().await;
    let long = "x".repeat(5000);
    let c = s.login(AINO).await;
    s.server_fn(&c, "document", &[("id", &long)]).await;
    let row = rows(&s).await.pop().unwrap();
    assert_eq!(
        (row.action.as_str(), row.outcome.as_str()),
        ("document", "not_found")
    );
    assert_eq!(row.target.map(|t| t.len()), Some(128));
}

/// Rows that arrive together share a transaction (group commit), and each
/// caller returns only once its own row is stored: none is lost or doubled,
/// and each is whole.
#[tokio::test]
async fn rows_written_at_once_are_all_stored_whole() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database(dir.path()).await;
    let store = portal_server::store::Store::open(&url).await.unwrap();
    let at = chrono::Utc::now();
    let writers: Vec<_> = (0..8)
        .map(|w| {
            let store = store.clone();
            tokio::spawn(async move {
                for i in 0..40 {
                    let target = format!("w{w}-{i:02}");
                    let row = portal_server::store::AuditRow {
                        viewer: Some(AINO),
                        action: "front_page",
                        target: Some(&target),
                        outcome: "ok",
                        request_id: Some("r"),
                        ..Default::default()
                    };
                    store.audit(&row, at).await.unwrap();
                    // Stored before the call returns.
                    let stored = store.audit_rows().await.unwrap();
                    assert!(stored.iter().any(|r| r.target.as_deref() == Some(&target)));
                }
            })
        })
        .collect();
    for w in writers {
        w.await.unwrap();
    }
    let stored = store.audit_rows().await.unwrap();
    assert_eq!(stored.len(), 320);
    for w in 0..8 {
        let mine: Vec<&str> = stored
            .iter()
            .filter_map(|r| r.target.as_deref())
            .filter(|t| t.starts_with(&format!("w{w}-")))
            .collect();
        let expected: Vec<String> = (0..40).map(|i| format!("w{w}-{i:02}")).collect();
        assert_eq!(mine, expected, "writer {w}");
    }
    assert!(stored.iter().all(|r| r.viewer.as_deref() == Some(AINO)
        && r.outcome == "ok"
        && r.request_id.as_deref() == Some("r")
        && r.session.is_none()));
}

async fn write_row_at(s: &TestServer, target: &str, at: chrono::DateTime<chrono::Utc>) {
    let row = portal_server::store::AuditRow {
        viewer: Some(AINO),
        subject: Some(AINO),
        role: Some("own"),
        action: "document",
        target: Some(target),
        outcome: "ok",
        session: None,
        client: Some("127.0.0.1"),
        request_id: None,
    };
    s.store.audit(&row, at).await.unwrap();
}

#[tokio::test]
async fn rows_past_the_retention_rule_are_deleted_and_without_one_every_row_is_kept() {
    let now = chrono::Utc::now();
    let config = |days| portal_server::config::Config {
        auth: portal_server::config::AuthMode::Test,
        secure_cookies: false,
        audit_retention_days: days,
        ..portal_server::config::Config::default()
    };
    for (days, kept) in [
        (Some(30), vec!["day 29", "today"]),
        (None, vec!["day 400", "day 31", "day 29", "today"]),
    ] {
        let s = start_configured(None, config(days)).await;
        for (target, ago) in [
            ("day 400", 400),
            ("day 31", 31),
            ("day 29", 29),
            ("today", 0),
        ] {
            write_row_at(&s, target, now - chrono::Duration::days(ago)).await;
        }
        s.portal.prune().await.unwrap();
        let left: Vec<String> = rows(&s)
            .await
            .into_iter()
            .filter_map(|r| r.target)
            .collect();
        assert_eq!(left, kept, "retention {days:?}");
    }
}
