//! Faults: the database goes away and comes back; an
//! import killed at any moment; imports side by side and while pages are
//! read; health and readiness; the command line.

use std::future::IntoFuture;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::*;
use portal_server::config::{AuthMode, Config};
use portal_server::policy::Phase;

fn server_bin() -> &'static str {
    env!("CARGO_BIN_EXE_server")
}

/// The portal's own "not available just now" page, 503, in Finnish.
fn unavailable_in_finnish(page: &Answer) {
    assert_eq!(page.status, 503, "{}", page.body);
    assert!(
        page.body.contains("Palvelu ei ole juuri nyt käytettävissä"),
        "{}",
        page.body
    );
}

/// A PostgreSQL cluster of this test's own, to stop and start.
struct Cluster {
    dir: tempfile::TempDir,
    port: u16,
}

impl Cluster {
    fn pg(&self, args: &str) {
        let bin = "/usr/lib/postgresql/15/bin";
        let line = format!("{bin}/{args}");
        let root = Command::new("id").arg("-u").output().unwrap().stdout == b"0\n";
        let status = if root {
            Command::new("su")
                .args(["postgres", "-s", "/bin/sh", "-c", &line])
                .status()
        } else {
            Command::new("sh").args(["-c", &line]).status()
        }
        .unwrap();
        assert!(status.success(), "{line}");
    }

    fn new(port: u16) -> Cluster {
        let dir = tempfile::Builder::new()
            .prefix("portal-fault-pg")
            .tempdir()
            .unwrap();
        Command::new("chmod")
            .args(["755"])
            .arg(dir.path())
            .status()
            .unwrap();
        Command::new("chown")
            .arg("postgres")
            .arg(dir.path())
            .status()
            .unwrap();
        let c = Cluster { dir, port };
        c.pg(&format!(
            "initdb -D {}/data -A trust -U portal > /dev/null",
            c.path()
        ));
        c.start();
        c
    }

    fn path(&self) -> String {
        self.dir.path().display().to_string()
    }

    fn start(&self) {
        self.pg(&format!(
            "pg_ctl -D {p}/data -l {p}/server.log -w -o '-p {port} -k {p} -c listen_addresses=127.0.0.1 -c fsync=off' start > /dev/null",
            p = self.path(),
            port = self.port
        ));
    }

    fn stop(&self) {
        self.pg(&format!(
            "pg_ctl -D {}/data -m fast -w stop > /dev/null",
            self.path()
        ));
    }

    fn url(&self) -> String {
        format!("postgres://portal@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = std::panic::catch_unwind(|| self.stop());
    }
}

fn test_config() -> Config {
    Config {
        auth: AuthMode::Test,
        secure_cookies: false,
        phase: Phase::Two,
        today: Some("2026-11-23".parse().unwrap()),
        signin_per_minute: 0,
        ..Config::default()
    }
}

#[tokio::test]
async fn the_database_goes_away_and_comes_back_without_a_restart() {
    // Runs in the PostgreSQL pass of the test command, on a cluster of its own.
    if !on_postgres() {
        return;
    }
    let cluster = Cluster::new(55441);
    let dir = tempfile::tempdir().unwrap();
    let s = start_on(cluster.url(), dir, None, test_config()).await;
    let c = s.login(AINO).await;
    assert_eq!(s.get(&c, "/").await.status, 200);
    assert_eq!(s.get(&c, "/readyz").await.status, 200);
    cluster.stop();
    unavailable_in_finnish(&s.get(&c, "/").await);
    // In the viewer's language (this browser's choice: no database needed).
    // Signed out, `/` is only a way to the sign-in page (anonymous requests
    // are counted in memory); that page needs the database.
    let sv = s.client();
    let set = sv
        .get(format!("{}/login", s.base))
        .header("Cookie", "portal_lang=sv")
        .send()
        .await
        .unwrap();
    assert_eq!(set.status(), 503);
    let body = set.text().await.unwrap();
    assert!(body.contains("lang=\"sv\""), "{body}");
    assert!(
        body.contains("Tjänsten är inte tillgänglig just nu"),
        "{body}"
    );
    let doc = s
        .get(&c, &format!("/files/documents/{}/body", doc_id("A05")))
        .await;
    assert_eq!(doc.status, 503);
    assert_eq!(s.server_fn(&c, "front-page", &[]).await.status, 503);
    // Not ready, and nothing more to the public (the reason is logged).
    let ready = s.get(&c, "/readyz").await;
    assert_eq!(
        (ready.status, ready.body.as_str()),
        (503, r#"{"status":"not ready"}"#)
    );
    assert_eq!(s.get(&c, "/healthz").await.status, 200);
    cluster.start();
    // Back by itself: the same session works again.
    let mut status = 0;
    for _ in 0..40 {
        status = s.get(&c, "/").await.status;
        if status == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(status, 200);
    assert_eq!(s.get(&c, "/readyz").await.status, 200);
}

/// Every row of every table, as text, sorted: equal digests, equal stores.
async fn digest(url: &str) -> Vec<String> {
    use sqlx::Row;
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(url).await.unwrap();
    let tables: Vec<String> = if url.starts_with("sqlite") {
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name")
            .fetch_all(&pool)
            .await
            .unwrap()
    } else {
        sqlx::query_scalar("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_sqlx_migrations' ORDER BY tablename")
            .fetch_all(&pool)
            .await
            .unwrap()
    };
    let mut out = Vec::new();
    for t in tables {
        let rows = sqlx::query(&format!("SELECT * FROM {t}"))
            .fetch_all(&pool)
            .await
            .unwrap();
        let mut lines: Vec<String> = rows
            .iter()
            .map(|r| {
                (0..r.columns().len())
                    .map(|i| {
                        r.try_get::<Option<String>, _>(i)
                            .map(|v| format!("{v:?}"))
                            .or_else(|_| r.try_get::<Option<i64>, _>(i).map(|v| format!("{v:?}")))
                            .or_else(|_| r.try_get::<Option<bool>, _>(i).map(|v| format!("{v:?}")))
                            .unwrap_or_else(|_| "?".into())
                    })
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .map(|l| format!("{t}: {l}"))
            .collect();
        lines.sort();
        out.extend(lines);
    }
    pool.close().await;
    out
}

/// A synthetic archive: its files in import order (persons and
/// organisations first, then documents).
fn generate(dir: &std::path::Path, documents: &str) -> Vec<std::path::PathBuf> {
    let out = Command::new(server_bin())
        .args(["generate"])
        .arg(dir)
        .args([
            "--persons",
            "200",
            "--documents",
            documents,
            "--per-file",
            documents,
            "--seed",
            "7",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn import_command(url: &str, files: &[std::path::PathBuf]) -> Command {
    let mut cmd = Command::new(server_bin());
    cmd.arg("import")
        .args(files)
        .env("PORTAL_DATABASE_URL", url)
        .env("RUST_LOG", "warn");
    cmd.stdout(Stdio::null()).stderr(Stdio::inherit());
    cmd
}

#[tokio::test]
async fn an_import_killed_at_any_moment_leaves_the_store_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database(dir.path()).await;
    let store = portal_server::store::Store::open(&url).await.unwrap();
    portal_server::demo::load_if_empty(&store).await.unwrap();
    let archive_dir = dir.path().join("archive");
    let files = generate(&archive_dir, "4000");
    // Its persons and organisations first; the documents (one file, one
    // transaction) are what is killed.
    let (people, docs) = files.split_at(1);
    assert!(import_command(&url, people).status().unwrap().success());
    let file = docs.to_vec();
    let before = digest(&url).await;
    let mut killed_while_running = 0;
    let mut committed = None;
    for delay_ms in [150u64, 400, 800, 1300, 2000] {
        let mut child = import_command(&url, &file).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let running = child.try_wait().unwrap().is_none();
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let now = digest(&url).await;
        if running && now == before {
            killed_while_running += 1;
        } else if now != before {
            // The import had committed before the kill: all of it is there.
            committed = Some(now);
            break;
        }
    }
    assert!(killed_while_running >= 2, "the import was killed mid-way");
    // A whole import gives the whole archive; a kill gave nothing of it.
    let status = import_command(&url, &file).status().unwrap();
    assert!(status.success());
    let after = digest(&url).await;
    if let Some(c) = committed {
        assert_eq!(
            c.len(),
            after.len(),
            "a kill after the commit kept all of it"
        );
    }
    assert!(after.len() > before.len() + 4000);
    let again = import_command(&url, &file).status().unwrap();
    assert!(again.success());
    assert_eq!(
        digest(&url).await.len(),
        after.len(),
        "importing again changes nothing"
    );
}

#[tokio::test]
async fn two_imports_at_once_and_readers_during_an_import_see_one_archive_or_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database(dir.path()).await;
    let s = start_on(url.clone(), dir, None, test_config()).await;
    let work = tempfile::tempdir().unwrap();
    // A large archive, and a demo update that retitles two of Aino's documents.
    let big = generate(&work.path().join("big"), "2000");
    let demo = portal_server::archive::parse(portal_server::demo::DEMO_ARCHIVE).unwrap();
    let mut update = person_update(AINO, |_| {});
    update.people.clear();
    for key in ["A09", "A28"] {
        let mut d = demo
            .documents
            .iter()
            .filter(|d| d.id == doc_id(key))
            .max_by_key(|d| d.version)
            .cloned()
            .unwrap();
        d.version += 1;
        d.title = format!("Uusi otsikko {key}");
        update.documents.push(d);
    }
    let small = work.path().join("update.json");
    std::fs::write(&small, serde_json::to_string(&update).unwrap()).unwrap();
    let c = s.login(AINO).await;
    // Both imports at once, while Aino's front page is read again and again.
    let mut a = import_command(&url, &big).spawn().unwrap();
    let mut b = import_command(&url, std::slice::from_ref(&small))
        .spawn()
        .unwrap();
    let mut seen = std::collections::BTreeSet::new();
    loop {
        let page = s.get(&c, "/").await;
        assert_eq!(page.status, 200);
        let new = (
            page.body.contains("Uusi otsikko A09"),
            page.body.contains("Uusi otsikko A28"),
        );
        assert_eq!(new.0, new.1, "a reader saw half an import");
        seen.insert(new.0);
        if a.try_wait().unwrap().is_some() && b.try_wait().unwrap().is_some() {
            break;
        }
    }
    assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
    let page = s.get(&c, "/").await.body;
    assert!(page.contains("Uusi otsikko A09") && page.contains("Uusi otsikko A28"));
    let imports: i64 = {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&url).await.unwrap();
        sqlx::query_scalar("SELECT COUNT(*) FROM imports")
            .fetch_one(&pool)
            .await
            .unwrap()
    };
    assert_eq!(
        imports,
        1 + 1 + big.len() as i64,
        "the demo, the update, each file of the other"
    );
}

#[tokio::test]
async fn health_readiness_and_the_metrics_router() {
    let s = phase2().await;
    let c = s.client();
    let h = s.get(&c, "/healthz").await;
    assert_eq!((h.status, h.body.as_str()), (200, r#"{"status":"ok"}"#));
    let r = s.get(&c, "/readyz").await;
    assert_eq!((r.status, r.body.as_str()), (200, r#"{"status":"ready"}"#));
    // Metrics: a recorder for this test process, served on a listener of its own.
    let handle = portal_server::web::metrics::install().expect("recorder");
    let user = s.login(AINO).await;
    s.get(&user, &format!("/documents/{}", doc_id("A01"))).await;
    s.get(&user, "/documents/no-such").await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = portal_server::web::metrics::router(handle, s.store.clone());
    tokio::spawn(axum::serve(listener, app).into_future());
    let text = reqwest::get(format!("http://{addr}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for line in [
        r#"portal_http_requests_total{route="/documents/{id}",status="200"} 1"#,
        r#"portal_http_requests_total{route="/documents/{id}",status="404"} 1"#,
        r#"portal_signins_total{outcome="ok"} 1"#,
        "portal_http_request_duration_seconds_bucket{route=\"/documents/{id}\"",
        "portal_audit_writes_total{outcome=\"ok\"}",
        "portal_db_connections{state=\"open\"}",
    ] {
        assert!(text.contains(line), "{line} in\n{text}");
    }
    // No identity code or title in any label.
    assert!(!text.contains(AINO) && !text.contains(&doc_id("A01")));
}

#[tokio::test]
async fn the_command_line_checks_migrates_and_names_bad_settings() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("store.db");
    let url = format!("sqlite://{}", file.display());
    let run = |args: &[&str], url: &str| {
        Command::new(server_bin())
            .args(args)
            .env("PORTAL_DATABASE_URL", url)
            .env("RUST_LOG", "warn")
            .output()
            .unwrap()
    };
    // No store yet: `check` fails and creates nothing.
    let check = run(&["check"], &url);
    assert!(!check.status.success());
    assert!(String::from_utf8_lossy(&check.stderr).contains("database"));
    assert!(!file.exists());
    let migrate = run(&["migrate"], &url);
    assert!(
        migrate.status.success(),
        "{}",
        String::from_utf8_lossy(&migrate.stderr)
    );
    let check = run(&["check"], &url);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(String::from_utf8_lossy(&check.stdout).contains("ready"));
    // A bad setting names its variable and its option, and the form expected.
    let bad = run(&["check", "--phase", "3"], &url);
    assert!(!bad.status.success());
    let text = String::from_utf8_lossy(&bad.stderr).to_string();
    assert!(
        text.contains("PORTAL_PHASE (--phase)") && text.contains("1 or 2"),
        "{text}"
    );
    let help = run(&["--help"], &url);
    let help = String::from_utf8_lossy(&help.stdout).to_string();
    for word in [
        "serve",
        "import",
        "migrate",
        "check",
        "PORTAL_DATABASE_URL",
        "--metrics-addr",
    ] {
        assert!(help.contains(word), "{word} in --help");
    }
}

/// Graceful shutdown: a request in flight when SIGTERM
/// arrives is answered in full, no new connection is taken, and the process
/// then exits by itself with success. The request is held in flight by its
/// body: the head is sent, the body only after the listener has closed, so
/// no sleep decides the outcome.
#[cfg(unix)]
#[tokio::test]
async fn sigterm_lets_the_request_in_flight_finish_then_exits() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("store.db").display());
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let addr = format!("127.0.0.1:{port}");
    let mut child = tokio::process::Command::new(server_bin())
        .arg("serve")
        .env("PORTAL_DATABASE_URL", &url)
        .env("LEPTOS_SITE_ADDR", &addr)
        // The request below comes from this origin.
        .env("PORTAL_PUBLIC_URL", format!("http://{addr}"))
        .env("PORTAL_AUTH", "test")
        .env("PORTAL_SECURE_COOKIES", "false")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut up = false;
    for _ in 0..200 {
        if let Ok(r) = reqwest::get(format!("http://{addr}/healthz")).await {
            up = r.status() == 200;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(up, "the portal did not start");
    // A server-function call whose body has not arrived yet.
    let mut conn = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /api/front-page HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n\
         Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: 1\r\n\r\n"
    );
    conn.write_all(head.as_bytes()).await.unwrap();
    conn.flush().await.unwrap();
    // The head is read once the server answers another request on a
    // connection of its own (requests are taken in order of arrival).
    assert_eq!(
        reqwest::get(format!("http://{addr}/healthz"))
            .await
            .unwrap()
            .status(),
        200
    );
    let pid = i32::try_from(child.id().unwrap()).unwrap();
    let kill = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    // Shutting down: the listener closes ...
    let mut refused = false;
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(&addr).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        refused,
        "the listener still takes connections after SIGTERM"
    );
    // ... but the process waits for the request in flight.
    assert!(
        child.try_wait().unwrap().is_none(),
        "exited with a request in flight"
    );
    conn.write_all(b"x").await.unwrap();
    let mut answer = String::new();
    tokio::time::timeout(Duration::from_secs(10), conn.read_to_string(&mut answer))
        .await
        .expect("the answer came")
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 "), "{answer}");
    assert!(answer.contains("\r\n\r\n"), "{answer}");
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .expect("exited after the last request")
        .unwrap();
    assert!(status.success(), "{status}");
}

/// A SQLite store on a disk that fills up. SQLite keeps
/// its file open and its pages cached, so a file made unreadable under a
/// running portal goes unseen until a read misses the cache (and root, who
/// runs the tests, ignores file modes); a full disk is the fault that shows
/// at once: every page writes its audit row, and a page that cannot be
/// audited is not shown. Pages, server functions and files answer 503 with
/// the portal's page, and the same session works again once there is room,
/// without a restart. Needs `mount` (root, as the test command runs); says
/// so and passes where it may not mount.
#[tokio::test]
async fn a_full_disk_under_sqlite_answers_503_and_recovers_by_itself() {
    if on_postgres() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let disk = dir.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=16m", "tmpfs"])
        .arg(&disk)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("SKIPPED: cannot mount a small disk here (not root?)");
        return;
    }
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(disk.clone());
    let url = format!("sqlite://{}", disk.join("portal.db").display());
    let s = start_on(url, tempfile::tempdir().unwrap(), None, test_config()).await;
    let c = s.login(AINO).await;
    assert_eq!(s.get(&c, "/").await.status, 200);
    // Fill the disk.
    let filler = disk.join("filler");
    let _ = Command::new("dd")
        .args(["if=/dev/zero", "bs=64k"])
        .arg(format!("of={}", filler.display()))
        .stderr(Stdio::null())
        .status();
    unavailable_in_finnish(&s.get(&c, "/").await);
    let doc = s.get(&c, &format!("/documents/{}", doc_id("A05"))).await;
    assert_eq!(doc.status, 503);
    let body = s
        .get(&c, &format!("/files/documents/{}/body", doc_id("A05")))
        .await;
    assert_eq!(body.status, 503);
    assert_eq!(s.server_fn(&c, "front-page", &[]).await.status, 503);
    assert_eq!(s.get(&c, "/healthz").await.status, 200);
    // Sign-ins write in transactions of their own (`BEGIN IMMEDIATE`).
    for _ in 0..4 {
        let other = s.client();
        let res = s
            .post_form(&other, "/auth/test-login", &[("person", JUHA)])
            .await;
        assert_eq!(res.status(), 503);
    }
    // Room again: the same session goes on, and anyone signs in.
    std::fs::remove_file(&filler).unwrap();
    assert_eq!(s.get(&c, "/").await.status, 200);
    assert_eq!(s.get(&c, "/readyz").await.status, 200);
    for _ in 0..12 {
        let other = s.client();
        let res = s
            .post_form(&other, "/auth/test-login", &[("person", JUHA)])
            .await;
        assert_eq!(res.status(), 303, "sign-in after the disk had room again");
    }
    drop(s);
}
