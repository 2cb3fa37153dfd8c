//! A real portal server on a loopback port with its own temporary SQLite file,
//! loaded with the demo archive.

use leptos::prelude::LeptosOptions;
use portal_server::config::{AuthMode, Config};
use portal_server::demo;
use portal_server::policy::Phase;
use portal_server::store::Store;
use portal_server::web::{router, Portal};

pub const AINO: &str = "120485-946D";
pub const JUHA: &str = "300983-957W";
pub const EMMA: &str = "150612A922B";
pub const EINO: &str = "111140-9918";
pub const SOFIA: &str = "241290-9180";
pub const DAVID: &str = "TEMP-2024-000123";
pub const LAURA: &str = "030288-9242";

/// Document ids of the demo archive, by their short key.
pub fn doc_id(key: &str) -> String {
    format!("1.2.246.10.1000001.30.{key}")
}

/// An archive file that changes one person of the demo archive and nothing
/// else (a population-register update arriving mid-session).
pub fn person_update(
    id: &str,
    change: impl FnOnce(&mut portal_server::archive::format::Person),
) -> portal_server::archive::format::Archive {
    let demo = portal_server::archive::parse(demo::DEMO_ARCHIVE).expect("demo");
    let mut person = demo
        .people
        .into_iter()
        .find(|p| p.id == id)
        .expect("a demo person");
    change(&mut person);
    portal_server::archive::format::Archive {
        format: demo.format,
        organisations: vec![],
        service_units: vec![],
        people: vec![person],
        guardianships: vec![],
        client_relationships: vec![],
        cases: vec![],
        documents: vec![],
        disclosures: vec![],
    }
}

/// A fresh, empty database for one test: a SQLite file in `dir`, or, when
/// `PORTAL_TEST_POSTGRES` names a PostgreSQL server (as `.ci/test` sets it
/// for the second run), a new database on that server.
pub async fn fresh_database(dir: &std::path::Path) -> String {
    use sqlx::Connection;
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    match std::env::var("PORTAL_TEST_POSTGRES") {
        Ok(admin) if !admin.is_empty() => {
            // Unique across processes and runs (a pid alone is reused).
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            let name = format!(
                "t_{}_{}_{nanos}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            );
            let mut conn = sqlx::PgConnection::connect(&admin)
                .await
                .expect("the test PostgreSQL server");
            // Finnish collation (ICU), as a county's database would have:
            // text order is then not byte order, and code that assumed it
            // would fail here.
            sqlx::query(&format!(
                "CREATE DATABASE {name} LOCALE_PROVIDER icu ICU_LOCALE 'fi-FI' TEMPLATE template0"
            ))
            .execute(&mut conn)
            .await
            .expect("create database");
            let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
            format!("{base}/{name}")
        }
        _ => format!("sqlite://{}", dir.join("portal.db").display()),
    }
}

/// Is this run on PostgreSQL (`fresh_database`)?
/// Takes a migrated store back to before migration 0010, which finds the work
/// left by earlier migrations: rows a test has just written the old way are
/// then found when the store is opened again, as in a store of that age.
pub async fn before_pending_upgrades(pool: &sqlx::AnyPool) {
    sqlx::query("DROP TABLE pending_upgrades")
        .execute(pool)
        .await
        .expect("drop");
    // And what came after it (0011: an index).
    sqlx::query("DROP INDEX audit_by_time")
        .execute(pool)
        .await
        .expect("drop index");
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version >= 10")
        .execute(pool)
        .await
        .expect("unrecord");
}

/// The upgrades a store has left to do (none once it is open).
pub async fn pending_upgrades(pool: &sqlx::AnyPool) -> Vec<String> {
    sqlx::query_scalar("SELECT name FROM pending_upgrades ORDER BY name")
        .fetch_all(pool)
        .await
        .expect("pending")
}

pub fn on_postgres() -> bool {
    std::env::var("PORTAL_TEST_POSTGRES").is_ok_and(|v| !v.is_empty())
}

pub struct TestServer {
    pub base: String,
    pub store: Store,
    /// The server's own portal (what it keeps between requests).
    pub portal: Portal,
    /// The server's database (a temporary SQLite file).
    pub database_url: String,
    _dir: tempfile::TempDir,
}

/// One runtime for every test server of the process. A server must not die
/// with the runtime of the test that started it, and servers on several
/// runtimes at once (Leptos's executor is process-global) lost wake-ups.
fn server_runtime() -> &'static tokio::runtime::Runtime {
    static RT: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(4)
            .enable_all()
            .build()
            .expect("runtime")
    })
}

pub async fn start(phase: Phase, today: &str) -> TestServer {
    start_with(None, phase, today).await
}

/// A server on `archive` (the demo archive when `None`), with the test
/// identification over plain HTTP on loopback, as the demo runs.
pub async fn start_with(
    archive: Option<portal_server::archive::format::Archive>,
    phase: Phase,
    today: &str,
) -> TestServer {
    let config = Config {
        auth: AuthMode::Test,
        secure_cookies: false,
        phase,
        today: Some(today.parse().expect("date")),
        // Tests sign in far more often than people; the limit has its own test.
        signin_per_minute: 0,
        ..Config::default()
    };
    start_configured(archive, config).await
}

/// A server with `config` (its database is a fresh temporary file).
pub async fn start_configured(
    archive: Option<portal_server::archive::format::Archive>,
    config: Config,
) -> TestServer {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = fresh_database(dir.path()).await;
    start_on(url, dir, archive, config).await
}

/// A server on the database at `url` (`dir` lives as long as the server).
pub async fn start_on(
    url: String,
    dir: tempfile::TempDir,
    archive: Option<portal_server::archive::format::Archive>,
    config: Config,
) -> TestServer {
    let config = Config {
        database_url: url.clone(),
        ..config
    };
    let (addr, portal) = server_runtime()
        .spawn(async move {
            let store = Store::open(&config.database_url).await.expect("store");
            match archive {
                Some(a) => {
                    store.import(&a).await.expect("archive");
                }
                None => {
                    demo::load_if_empty(&store).await.expect("demo archive");
                }
            }
            let options = LeptosOptions::builder()
                .output_name("portal")
                .site_root("target/site")
                .build();
            let limits = config.connections;
            let portal = Portal::new(store, config).expect("portal");
            let app = router(portal.clone(), options);
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            let addr = listener.local_addr().expect("addr");
            tokio::spawn(portal_server::web::serve::serve(
                listener,
                app,
                limits,
                std::future::pending(),
            ));
            (addr, portal)
        })
        .await
        .expect("server started");
    let store = Store::open(&url).await.expect("store");
    TestServer {
        base: format!("http://{addr}"),
        store,
        portal,
        database_url: url,
        _dir: dir,
    }
}

pub async fn phase2() -> TestServer {
    start(Phase::Two, "2026-11-23").await
}

pub struct Answer {
    pub status: u16,
    pub body: String,
    pub content_type: String,
}

impl TestServer {
    /// A client that keeps cookies and does not follow redirects.
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .expect("client")
    }

    /// Signs in through the test identification form, as a tester would with curl.
    pub async fn login(&self, person: &str) -> reqwest::Client {
        let c = self.client();
        let res = self
            .post_form(&c, "/auth/test-login", &[("person", person)])
            .await;
        assert_eq!(res.status().as_u16(), 303, "login of {person}");
        c
    }

    /// The form token the sign-in page gives this client (its form cookie).
    pub async fn form_token(&self, c: &reqwest::Client) -> String {
        let page = self.get(c, "/login").await.body;
        form_token_in(&page).unwrap_or_else(|| panic!("no form token on /login: {page}"))
    }

    /// Posts a form as the portal's own pages do: with the form token.
    pub async fn post_form(
        &self,
        c: &reqwest::Client,
        path: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        let token = self.form_token(c).await;
        let mut fields: Vec<(&str, &str)> = form.to_vec();
        fields.push(("csrf", &token));
        c.post(format!("{}{}", self.base, path))
            .form(&fields)
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {path}: {e}"))
    }

    /// Signs out through the page's form; the status.
    pub async fn logout(&self, c: &reqwest::Client) -> u16 {
        self.post_form(c, "/auth/logout", &[])
            .await
            .status()
            .as_u16()
    }

    pub async fn get(&self, c: &reqwest::Client, path: &str) -> Answer {
        let res = c
            .get(format!("{}{}", self.base, path))
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        answer(res).await
    }

    /// Calls a server function as the browser does (POST, url-encoded).
    pub async fn server_fn(
        &self,
        c: &reqwest::Client,
        name: &str,
        form: &[(&str, &str)],
    ) -> Answer {
        let res = c
            .post(format!("{}/api/{}", self.base, name))
            .header("Accept", "application/json")
            .form(form)
            .send()
            .await
            .unwrap_or_else(|e| panic!("server fn {name} {form:?}: {e}"));
        answer(res).await
    }
}

/// The value of a page's hidden form-token field.
pub fn form_token_in(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf\" value=\"")?;
    let rest = html.get(at + "name=\"csrf\" value=\"".len()..)?;
    Some(rest.split('"').next()?.to_string())
}

/// The (key, name) pairs of the "acting on behalf of" choice on a page.
pub fn choices(html: &str) -> Vec<(String, String)> {
    html.split("<option value=\"")
        .skip(1)
        .filter_map(|s| {
            let (key, rest) = s.split_once('"')?;
            let name = rest.split_once('>')?.1.split('<').next()?.to_string();
            (!key.is_empty()).then(|| (key.to_string(), name))
        })
        .collect()
}

impl TestServer {
    /// Posts the subject choice (`""` = own records); the status.
    pub async fn choose_subject(&self, c: &reqwest::Client, key: &str) -> u16 {
        self.post_form(c, "/auth/subject", &[("child", key)])
            .await
            .status()
            .as_u16()
    }
}

async fn answer(res: reqwest::Response) -> Answer {
    let status = res.status().as_u16();
    let content_type = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = res.text().await.expect("body");
    Answer {
        status,
        body,
        content_type,
    }
}

/// The text of the `<body>` without the hydration scripts (what a reader
/// sees), with white space folded.
pub fn visible_text(html: &str) -> String {
    let body = html.split("<body").nth(1).unwrap_or(html);
    let mut out = String::new();
    let mut in_tag = false;
    let mut rest = body;
    while let Some(i) = rest.find("<script") {
        strip(&rest[..i], &mut out, &mut in_tag);
        rest = rest[i..].split_once("</script>").map(|x| x.1).unwrap_or("");
    }
    strip(rest, &mut out, &mut in_tag);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn strip(s: &str, out: &mut String, in_tag: &mut bool) {
    for ch in s.chars() {
        match ch {
            '<' => *in_tag = true,
            '>' => {
                *in_tag = false;
                out.push(' ');
            }
            c if !*in_tag => out.push(c),
            _ => {}
        }
    }
}

/// The children offered on the front page, as (key, name).
pub async fn offered(s: &TestServer, c: &reqwest::Client) -> Vec<(String, String)> {
    choices(&s.get(c, "/").await.body)
}

/// Chooses the child named `name`; panics if it is not offered.
pub async fn act_for(s: &TestServer, c: &reqwest::Client, name: &str) {
    let key = offered(s, c)
        .await
        .into_iter()
        .find(|(_, n)| n == name)
        .map(|(k, _)| k)
        .unwrap_or_else(|| panic!("{name} not offered"));
    assert_eq!(s.choose_subject(c, &key).await, 303);
    let page = s.get(c, "/").await.body;
    assert!(
        page.contains("data-testid=\"acting-banner\""),
        "banner for {name}"
    );
    assert!(visible_text(&page).contains(name));
}

/// A `server` process (the binary, as an operator runs it); killed when
/// dropped.
pub struct Process {
    pub child: std::process::Child,
    pub base: String,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A loopback port nobody listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}
