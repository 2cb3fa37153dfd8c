//! Sessions, form tokens and the sign-in limit:
//! a new token at sign-in and at every change of subject, the idle and
//! absolute timeouts, the limit of sessions per person, pruning, the form
//! token on every form, and the rate of sign-in attempts.

use chrono::{Duration, Utc};
use portal_server::config::{AuthMode, Config};
use portal_server::policy::Phase;
use portal_server::store::{NewSession, SessionLimits, Store};

use crate::common::*;

/// The session token a response sets, if any.
fn session_set_by(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("portal_session="))
        .map(|v| v.split(';').next().unwrap_or_default().to_string())
        .filter(|v| !v.is_empty())
}

/// A GET of `/` with exactly this session cookie: the status.
async fn front_with(s: &TestServer, token: &str) -> u16 {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}/", s.base))
        .header("cookie", format!("portal_session={token}"))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn login_token(s: &TestServer, c: &reqwest::Client, person: &str) -> String {
    let res = s
        .post_form(c, "/auth/test-login", &[("person", person)])
        .await;
    assert_eq!(res.status().as_u16(), 303);
    session_set_by(&res).expect("a session cookie")
}

#[tokio::test]
async fn a_sign_in_gets_a_new_token_and_ends_the_session_the_browser_had() {
    let s = phase2().await;
    let c = s.client();
    let first = login_token(&s, &c, AINO).await;
    assert_eq!(front_with(&s, &first).await, 200);
    let second = login_token(&s, &c, JUHA).await;
    assert_ne!(first, second);
    assert_eq!(front_with(&s, &first).await, 303, "the old session ended");
    assert_eq!(front_with(&s, &second).await, 200);
    assert_eq!(s.store.session_count(AINO).await.unwrap(), 0);
}

#[tokio::test]
async fn choosing_whose_records_gives_the_session_a_new_token() {
    let s = phase2().await;
    let c = s.client();
    let before = login_token(&s, &c, LAURA).await;
    let key = offered(&s, &c).await[0].0.clone();
    let res = s.post_form(&c, "/auth/subject", &[("child", &key)]).await;
    assert_eq!(res.status().as_u16(), 303);
    let acting = session_set_by(&res).expect("a new token");
    assert_ne!(acting, before);
    assert_eq!(front_with(&s, &before).await, 303, "the old token is dead");
    assert_eq!(front_with(&s, &acting).await, 200);
    // Back to own records: a new token again.
    let res = s.post_form(&c, "/auth/subject", &[("child", "")]).await;
    let own = session_set_by(&res).expect("a new token");
    assert_ne!(own, acting);
    assert_eq!(front_with(&s, &acting).await, 303);
    assert!(!s.get(&c, "/").await.body.contains("acting-banner"));
}

async fn store_on_demo() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database(dir.path()).await;
    let store = Store::open(&url).await.unwrap();
    portal_server::demo::load_if_empty(&store).await.unwrap();
    (store, dir)
}

fn new(person: &str) -> NewSession<'_> {
    NewSession {
        person,
        replaces: None,
    }
}

#[tokio::test]
async fn a_session_ends_after_30_idle_minutes_and_8_hours_in_all() {
    let (store, _dir) = store_on_demo().await;
    let limits = SessionLimits::default();
    let t0 = Utc::now() - Duration::hours(10);
    let token = store.start_session(new(AINO), t0, limits).await.unwrap();
    let live = |at| {
        let store = store.clone();
        let token = token.clone();
        async move {
            store
                .session_with_person(&token, at, limits)
                .await
                .unwrap()
                .is_some()
        }
    };
    assert!(live(t0 + Duration::minutes(29)).await);
    // Activity at 29 min moves the idle limit to 59 min.
    assert!(live(t0 + Duration::minutes(58)).await);
    assert!(!live(t0 + Duration::minutes(58) + Duration::minutes(31)).await);
    // Active every 20 minutes: alive until 8 h, not after.
    let token = store.start_session(new(JUHA), t0, limits).await.unwrap();
    let mut at = t0;
    while at < t0 + Duration::hours(8) - Duration::minutes(20) {
        at += Duration::minutes(20);
        assert!(store
            .session_with_person(&token, at, limits)
            .await
            .unwrap()
            .is_some());
    }
    assert!(store
        .session_with_person(
            &token,
            t0 + Duration::hours(8) + Duration::minutes(1),
            limits
        )
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn ended_sessions_are_pruned_and_a_person_keeps_at_most_five() {
    let (store, _dir) = store_on_demo().await;
    let limits = SessionLimits::default();
    let now = Utc::now();
    let old = now - Duration::hours(9);
    store.start_session(new(JUHA), old, limits).await.unwrap();
    // Idle for 8 h 59 min (ended by both limits), and only by the idle one:
    let idle = SessionLimits {
        absolute: Duration::hours(24),
        ..limits
    };
    store
        .start_session(new(SOFIA), old + Duration::minutes(1), idle)
        .await
        .unwrap();
    assert_eq!(store.prune(now, limits).await.unwrap(), 2);
    assert_eq!(store.session_count(JUHA).await.unwrap(), 0);
    // Six devices: the oldest session ends.
    let mut tokens = Vec::new();
    for i in 0..6 {
        let at = now - Duration::minutes(10) + Duration::seconds(i);
        tokens.push(store.start_session(new(AINO), at, limits).await.unwrap());
    }
    assert_eq!(store.session_count(AINO).await.unwrap(), 5);
    assert!(store
        .session_with_person(&tokens[0], now, limits)
        .await
        .unwrap()
        .is_none());
    assert!(store
        .session_with_person(&tokens[5], now, limits)
        .await
        .unwrap()
        .is_some());
}

#[tokio::test]
async fn a_form_without_its_token_is_refused_and_audited() {
    let s = phase2().await;
    let anon = s.client();
    s.form_token(&anon).await; // the form cookie, but no token in the form
    for form in [
        vec![("person", AINO)],
        vec![("person", AINO), ("csrf", "0")],
    ] {
        let res = anon
            .post(format!("{}/auth/test-login", s.base))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 403, "{form:?}");
        assert!(session_set_by(&res).is_none());
    }
    // Another browser's token is not this one's.
    let other = s.client();
    let token = s.form_token(&other).await;
    let res = anon
        .post(format!("{}/auth/test-login", s.base))
        .form(&[("person", AINO), ("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    // Signed in: sign-out and the subject choice need it too.
    let c = s.login(LAURA).await;
    let key = offered(&s, &c).await[0].0.clone();
    for (path, form) in [
        ("/auth/logout", vec![]),
        ("/auth/subject", vec![("child", key.as_str())]),
    ] {
        let res = c
            .post(format!("{}{path}", s.base))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 403, "{path}");
    }
    let page = s.get(&c, "/").await;
    assert_eq!(page.status, 200, "still signed in");
    assert!(!page.body.contains("acting-banner"));
    // Counted, not written (no one is named), by action.
    let refused: Vec<(String, u64)> = s
        .portal
        .refusals
        .counts()
        .into_iter()
        .filter(|(k, _)| k.outcome == "refused" && k.reason.as_deref() == Some("form_token"))
        .map(|(k, n)| (k.action, n))
        .collect();
    assert_eq!(
        refused,
        [
            ("act_for".to_string(), 1),
            ("login".to_string(), 3),
            ("logout".to_string(), 1)
        ]
    );
}

#[tokio::test]
async fn sign_in_attempts_are_limited_per_client_address() {
    let config = Config {
        auth: AuthMode::Test,
        secure_cookies: false,
        phase: Phase::Two,
        today: Some("2026-11-23".parse().unwrap()),
        signin_per_minute: 3,
        ..Config::default()
    };
    let s = start_configured(None, config).await;
    for _ in 0..3 {
        s.login(AINO).await;
    }
    let res = s
        .post_form(&s.client(), "/auth/test-login", &[("person", AINO)])
        .await;
    assert_eq!(res.status().as_u16(), 429);
    assert!(session_set_by(&res).is_none());
    let body = res.text().await.unwrap();
    assert!(body.contains("Liian monta yritystä"), "{body}");
    assert!(s
        .portal
        .refusals
        .counts()
        .iter()
        .any(|(k, n)| k.action == "login"
            && k.outcome == "refused"
            && k.reason.as_deref() == Some("rate_limit")
            && *n == 1));
    assert!(s.portal.refusals.from_client("127.0.0.1") >= 1);
}

/// A server-rendered page asks for its frame and its data at once, and each
/// needs the viewer: one request resolves the viewer once (both calls get
/// the same answer), the next request again, and what a request resolved is
/// forgotten when it ends.
#[tokio::test]
async fn a_request_resolves_its_viewer_once_and_forgets_it_when_it_ends() {
    let (store, _dir) = store_on_demo().await;
    let token = store
        .start_session(new(AINO), Utc::now(), SessionLimits::default())
        .await
        .unwrap();
    let portal = portal_server::web::Portal::new(store, Config::default()).unwrap();
    let request = |id: &str| {
        let mut h = http::HeaderMap::new();
        let name = portal_server::web::cookies::session_cookie_name(true);
        h.insert(
            http::header::COOKIE,
            format!("{name}={token}").parse().unwrap(),
        );
        h.insert("x-request-id", id.parse().unwrap());
        h
    };
    let (one, again, other) = (request("r1"), request("r1"), request("r2"));
    let a = portal.viewing(&one).await.unwrap();
    let b = portal.viewing(&again).await.unwrap();
    let c = portal.viewing(&other).await.unwrap();
    assert!(std::sync::Arc::ptr_eq(&a, &b), "one request, one lookup");
    assert!(!std::sync::Arc::ptr_eq(&a, &c), "each request its own");
    assert_eq!((a.viewer.id.as_str(), c.viewer.id.as_str()), (AINO, AINO));
    assert_eq!(portal.requests_in_flight(), 2);
    portal.forget("r1");
    portal.forget("r2");
    assert_eq!(portal.requests_in_flight(), 0);
}

/// Through HTTP: once pages, data and files have been answered, nothing of
/// what their requests resolved is kept.
#[tokio::test]
async fn answered_requests_leave_nothing_resolved_behind() {
    let s = phase2().await;
    let c = s.login(AINO).await;
    for path in ["/", "/tasks/2016:26", "/no-such-page"] {
        s.get(&c, path).await;
    }
    assert_eq!(s.server_fn(&c, "front-page", &[]).await.status, 200);
    assert_eq!(s.portal.requests_in_flight(), 0);
}

#[tokio::test]
async fn a_request_on_an_ended_session_lands_on_sign_in_told_why() {
    let s = phase2().await;
    // Signed in ten hours ago: past the 8-hour limit.
    let token = s
        .store
        .start_session(
            new(AINO),
            Utc::now() - Duration::hours(10),
            SessionLimits::default(),
        )
        .await
        .unwrap();
    let res = s
        .client()
        .get(format!("{}/documents/{}", s.base, doc_id("A03")))
        .header("cookie", format!("portal_session={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(res.headers()["location"], "/login?ended=1");
    // The ended session's cookie goes: the next visit is a plain one.
    assert!(res
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|c| c.to_str().unwrap().starts_with("portal_session=;")));
    let page = s.get(&s.client(), "/login?ended=1").await.body;
    let text = visible_text(&page);
    assert!(text.contains("Istuntosi on päättynyt."), "{text}");
    assert!(text.contains("30 minuuttiin, 8 tunnin kuluttua"), "{text}");
    // Without a session at all: the plain sign-in page, nothing said.
    let res = s
        .client()
        .get(format!("{}/documents/{}", s.base, doc_id("A03")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/login");
    let plain = s.get(&s.client(), "/login").await.body;
    assert!(!plain.contains("session-ended"));
    // Counted apart from requests that had no session.
    assert!(s
        .portal
        .refusals
        .counts()
        .iter()
        .any(|(k, n)| k.action == "document" && k.outcome == "session_ended" && *n == 1));
}
