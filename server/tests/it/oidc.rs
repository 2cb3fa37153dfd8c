//! Sign-in through OpenID Connect against a provider that can misbehave:
//! a small provider in this test binary that issues
//! codes and signed ID tokens (RS256) and can be told to get one thing
//! wrong. The happy path against a real, certified provider
//! (`oidc-provider`) is the browser test `end2end/tests/oidc.spec.ts`.

use std::collections::HashMap;
use std::future::IntoFuture;
use std::sync::{Arc, Mutex};

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use base64::Engine;
use openidconnect::core::{CoreJwsSigningAlgorithm, CoreRsaPrivateSigningKey};
use openidconnect::{JsonWebKeyId, PrivateSigningKey};
use portal_server::config::{AuthMode, ClientAuth, Config, OidcConfig};
use portal_server::policy::Phase;
use sha2::{Digest, Sha256};

use crate::common::*;

const SECRET: &str = "s3cret";

/// What the provider gets wrong.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Fault {
    #[default]
    None,
    WrongNonce,
    Expired,
    OtherAudience,
    ForeignKey,
    IssuedAhead,
    IssuedLongAgo,
    AuthenticatedAhead,
}

struct Issued {
    nonce: String,
    challenge: String,
}

struct Fake {
    base: String,
    key: CoreRsaPrivateSigningKey,
    foreign: CoreRsaPrivateSigningKey,
    codes: HashMap<String, Issued>,
    /// Whom the next sign-in identifies.
    person: String,
    /// The level of assurance the ID token names.
    acr: String,
    /// The query of the last authorization request.
    asked: HashMap<String, String>,
    fault: Fault,
    token_requests: u32,
}

type Shared = Arc<Mutex<Fake>>;

fn rsa_key() -> CoreRsaPrivateSigningKey {
    let out = std::process::Command::new("openssl")
        .args(["genrsa", "-traditional", "2048"])
        .output()
        .expect("openssl");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pem = String::from_utf8(out.stdout).unwrap();
    CoreRsaPrivateSigningKey::from_pem(&pem, Some(JsonWebKeyId::new("k1".into()))).unwrap()
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn sign(key: &CoreRsaPrivateSigningKey, claims: &serde_json::Value) -> String {
    let header = serde_json::json!({"alg": "RS256", "typ": "JWT", "kid": "k1"});
    let input = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes())
    );
    let sig = key
        .sign(
            &CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
            input.as_bytes(),
        )
        .unwrap();
    format!("{input}.{}", b64(&sig))
}

async fn discovery(State(f): State<Shared>) -> Json<serde_json::Value> {
    let base = f.lock().unwrap().base.clone();
    Json(serde_json::json!({
        "issuer": base,
        "authorization_endpoint": format!("{base}/authorize"),
        "token_endpoint": format!("{base}/token"),
        "jwks_uri": format!("{base}/jwks"),
        "end_session_endpoint": format!("{base}/logout"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
    }))
}

async fn jwks(State(f): State<Shared>) -> Json<serde_json::Value> {
    let key = f.lock().unwrap().key.as_verification_key();
    Json(serde_json::json!({ "keys": [key] }))
}

async fn authorize(State(f): State<Shared>, Query(q): Query<HashMap<String, String>>) -> Response {
    assert_eq!(q.get("response_type").map(String::as_str), Some("code"));
    assert_eq!(
        q.get("code_challenge_method").map(String::as_str),
        Some("S256")
    );
    let code = portal_server::store::new_token();
    f.lock().unwrap().asked = q.clone();
    f.lock().unwrap().codes.insert(
        code.clone(),
        Issued {
            nonce: q["nonce"].clone(),
            challenge: q["code_challenge"].clone(),
        },
    );
    Redirect::to(&format!(
        "{}?code={code}&state={}",
        q["redirect_uri"], q["state"]
    ))
    .into_response()
}

async fn token(
    State(f): State<Shared>,
    headers: http::HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let mut f = f.lock().unwrap();
    f.token_requests += 1;
    let basic = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("portal:{SECRET}"))
    );
    let refuse = |e: &str| {
        (
            http::StatusCode::BAD_REQUEST,
            Json(serde_json::json!({"error": e})),
        )
            .into_response()
    };
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(basic.as_str()) {
        return refuse("invalid_client");
    }
    // A code works once.
    let Some(issued) = f.codes.remove(&form["code"]) else {
        return refuse("invalid_grant");
    };
    if b64(&Sha256::digest(form["code_verifier"].as_bytes())) != issued.challenge {
        return refuse("invalid_grant");
    }
    let now = chrono::Utc::now().timestamp();
    let claims = serde_json::json!({
        "iss": f.base,
        "aud": if f.fault == Fault::OtherAudience { "someone-else" } else { "portal" },
        "sub": "pairwise-subject-1",
        "iat": match f.fault {
            Fault::IssuedAhead => now + 365 * 86_400,
            Fault::IssuedLongAgo => now - 5 * 365 * 86_400,
            _ => now - 5,
        },
        "auth_time": if f.fault == Fault::AuthenticatedAhead { now + 3_600 } else { now - 30 },
        "exp": if f.fault == Fault::Expired { now - 60 } else { now + 300 },
        "nonce": if f.fault == Fault::WrongNonce { "not-the-nonce".to_string() } else { issued.nonce },
        "nationalIdentificationNumber": f.person,
        "acr": f.acr,
    });
    let key = if f.fault == Fault::ForeignKey {
        &f.foreign
    } else {
        &f.key
    };
    let id_token = sign(key, &claims);
    Json(serde_json::json!({
        "access_token": "at", "token_type": "Bearer", "expires_in": 60, "id_token": id_token,
    }))
    .into_response()
}

async fn fake_provider() -> Shared {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let shared = Arc::new(Mutex::new(Fake {
        base,
        key: rsa_key(),
        foreign: rsa_key(),
        codes: HashMap::new(),
        person: AINO.into(),
        acr: "loa3".into(),
        asked: HashMap::new(),
        fault: Fault::None,
        token_requests: 0,
    }));
    let app = Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/jwks", get(jwks))
        .route("/authorize", get(authorize))
        .route("/token", post(token))
        .with_state(shared.clone());
    tokio::spawn(axum::serve(listener, app).into_future());
    shared
}

struct Setup {
    s: TestServer,
    fake: Shared,
}

async fn setup() -> Setup {
    setup_asking(vec![]).await
}

/// A portal that asks for (and requires) these levels of assurance.
async fn setup_asking(acr_values: Vec<String>) -> Setup {
    let fake = fake_provider().await;
    let issuer = fake.lock().unwrap().base.clone();
    // The portal's address is known only once it listens; the redirect
    // address is checked by the provider, which here takes any.
    let config = Config {
        auth: AuthMode::Oidc,
        secure_cookies: false,
        phase: Phase::Two,
        today: Some("2026-11-23".parse().unwrap()),
        signin_per_minute: 0,
        oidc: Some(OidcConfig {
            issuer,
            client_id: "portal".into(),
            client_auth: ClientAuth::Secret(SECRET.into()),
            identity_claim: "nationalIdentificationNumber".into(),
            scopes: vec![],
            acr_values,
        }),
        ..Config::default()
    };
    let s = start_configured(None, config).await;
    Setup { s, fake }
}

fn location(res: &reqwest::Response) -> String {
    res.headers()["location"].to_str().unwrap().to_string()
}

/// Starts a sign-in; the provider's answer: the callback URL (on the
/// portal's configured public address, which the test rewrites to its own).
async fn to_callback(st: &Setup, c: &reqwest::Client) -> String {
    let start = st.s.post_form(c, "/auth/oidc/start", &[]).await;
    assert_eq!(start.status().as_u16(), 303);
    let at_provider = c.get(location(&start)).send().await.unwrap();
    assert_eq!(at_provider.status().as_u16(), 303);
    location(&at_provider).replace("http://127.0.0.1:3000", &st.s.base)
}

fn has_session(res: &reqwest::Response) -> bool {
    res.headers().get_all("set-cookie").iter().any(|v| {
        v.to_str().unwrap().starts_with("portal_session=")
            && !v.to_str().unwrap().contains("Max-Age=0")
    })
}

/// The reasons of refused sign-ins, once per refusal, in order of reason
/// (they are counted, not written: no one is signed in).
async fn refusals(s: &TestServer) -> Vec<String> {
    s.portal
        .refusals
        .counts()
        .into_iter()
        .filter(|(k, _)| k.action == "login" && k.outcome == "refused")
        .flat_map(|(k, n)| {
            std::iter::repeat_n(k.reason.unwrap_or_default(), usize::try_from(n).unwrap())
        })
        .collect()
}

#[tokio::test]
async fn oidc_signs_in_with_pkce_and_signs_out_at_the_provider() {
    let st = setup().await;
    let c = st.s.client();
    // The sign-in and sign-out forms lead to the provider: the page's policy allows it.
    let res = c.get(format!("{}/login", st.s.base)).send().await.unwrap();
    let issuer = st.fake.lock().unwrap().base.clone();
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains(&format!("form-action 'self' {issuer};")),
        "{csp}"
    );
    let login = res.text().await.unwrap();
    assert!(login.contains("data-testid=\"oidc-sign-in\""));
    assert!(!login.contains(AINO), "no test list");
    let callback = to_callback(&st, &c).await;
    let res = c.get(&callback).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 303);
    assert!(has_session(&res));
    let front = st.s.get(&c, "/").await;
    assert_eq!(front.status, 200);
    assert!(front.body.contains("Aino Maria Virtanen"));
    let rows = st.s.store.audit_rows().await.unwrap();
    assert!(rows
        .iter()
        .any(|r| r.action == "login" && r.outcome == "ok" && r.viewer.as_deref() == Some(AINO)));
    // Sign-out: here, then at the provider with the ID token as the hint.
    let token = st.s.form_token(&c).await;
    let out = c
        .post(format!("{}/auth/logout", st.s.base))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(out.status().as_u16(), 303);
    let to = location(&out);
    let base = st.fake.lock().unwrap().base.clone();
    assert!(to.starts_with(&format!("{base}/logout?")), "{to}");
    // Named by the client, not by the ID token (which would carry the
    // identity code into the browser's history).
    assert!(
        to.contains("client_id=portal") && to.contains("post_logout_redirect_uri="),
        "{to}"
    );
    assert!(!to.contains("id_token_hint"), "{to}");
    // Every sign-in asks the provider to identify the person again.
    assert_eq!(
        st.fake
            .lock()
            .unwrap()
            .asked
            .get("prompt")
            .map(String::as_str),
        Some("login")
    );
    assert_eq!(st.s.get(&c, "/").await.status, 303);
}

#[tokio::test]
async fn oidc_a_wrong_or_foreign_state_is_refused_before_the_code_is_used() {
    let st = setup().await;
    let c = st.s.client();
    let callback = to_callback(&st, &c).await;
    let wrong = callback.replace("state=", "state=x");
    let res = c.get(&wrong).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 400);
    assert!(!has_session(&res));
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Tunnistautuminen epäonnistui"));
    // The right state from another browser (no binding cookie).
    let other = st.s.client();
    let res = other.get(&callback).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 400);
    assert_eq!(
        st.fake.lock().unwrap().token_requests,
        0,
        "no code was exchanged"
    );
    assert_eq!(refusals(&st.s).await, ["state", "state"]);
}

#[tokio::test]
async fn oidc_a_replayed_code_is_refused() {
    let st = setup().await;
    let c = st.s.client();
    let first = to_callback(&st, &c).await;
    assert_eq!(c.get(&first).send().await.unwrap().status().as_u16(), 303);
    // The same callback again: its state is used up.
    assert_eq!(c.get(&first).send().await.unwrap().status().as_u16(), 400);
    // The old code with a fresh state: the provider refuses the code.
    let fresh = to_callback(&st, &c).await;
    let code = |u: &str| {
        u.split("code=")
            .nth(1)
            .unwrap()
            .split('&')
            .next()
            .unwrap()
            .to_string()
    };
    let replay = fresh.replace(&code(&fresh), &code(&first));
    let res = c.get(&replay).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 400);
    assert!(!has_session(&res));
    assert_eq!(refusals(&st.s).await, ["state", "token"]);
}

#[tokio::test]
async fn oidc_an_id_token_with_a_wrong_nonce_audience_expiry_key_or_time_is_refused() {
    for fault in [
        Fault::WrongNonce,
        Fault::Expired,
        Fault::OtherAudience,
        Fault::ForeignKey,
        Fault::IssuedAhead,
        Fault::IssuedLongAgo,
        Fault::AuthenticatedAhead,
    ] {
        let st = setup().await;
        st.fake.lock().unwrap().fault = fault;
        let c = st.s.client();
        let callback = to_callback(&st, &c).await;
        let res = c.get(&callback).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 400, "{fault:?}");
        assert!(!has_session(&res));
        assert_eq!(st.s.get(&c, "/").await.status, 303);
        assert_eq!(refusals(&st.s).await, ["token"]);
    }
}

#[tokio::test]
async fn oidc_a_person_without_records_gets_a_clear_page_and_no_session() {
    let st = setup().await;
    st.fake.lock().unwrap().person = "010101A123N".into();
    let c = st.s.client();
    let callback = to_callback(&st, &c).await;
    let res = c.get(&callback).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(!has_session(&res));
    let body = res.text().await.unwrap();
    assert!(
        body.contains("Sinulla ei ole asiakirjoja tässä palvelussa"),
        "{body}"
    );
    assert!(!body.contains("010101A123N"));
    assert_eq!(refusals(&st.s).await, ["unknown_person"]);
    let rows = st.s.store.audit_rows().await.unwrap();
    assert!(rows
        .iter()
        .all(|r| r.target.as_deref() != Some("010101A123N") && r.viewer.is_none()));
}

#[tokio::test]
async fn a_private_key_in_pkcs8_or_pkcs1_is_read() {
    let dir = tempfile::tempdir().unwrap();
    for (name, args) in [
        (
            "pkcs8.pem",
            vec![
                "genpkey",
                "-algorithm",
                "RSA",
                "-pkeyopt",
                "rsa_keygen_bits:2048",
            ],
        ),
        ("pkcs1.pem", vec!["genrsa", "-traditional", "2048"]),
    ] {
        let out = std::process::Command::new("openssl")
            .args(&args)
            .output()
            .unwrap();
        let file = dir.path().join(name);
        std::fs::write(&file, out.stdout).unwrap();
        let config = Config {
            auth: AuthMode::Oidc,
            oidc: Some(OidcConfig {
                issuer: "https://id.example".into(),
                client_id: "portal".into(),
                client_auth: ClientAuth::PrivateKey {
                    file: file.display().to_string(),
                    key_id: None,
                },
                identity_claim: "nationalIdentificationNumber".into(),
                scopes: vec![],
                acr_values: vec![],
            }),
            ..Config::default()
        };
        assert!(
            portal_server::web::oidc::Provider::from_config(&config).is_ok(),
            "{name}"
        );
    }
    let bad = Config {
        auth: AuthMode::Oidc,
        oidc: Some(OidcConfig {
            issuer: "https://id.example".into(),
            client_id: "portal".into(),
            client_auth: ClientAuth::PrivateKey {
                file: "/no/such/key.pem".into(),
                key_id: None,
            },
            identity_claim: "x".into(),
            scopes: vec![],
            acr_values: vec![],
        }),
        ..Config::default()
    };
    let e = portal_server::web::oidc::Provider::from_config(&bad)
        .err()
        .unwrap();
    assert!(e.to_string().contains("PORTAL_OIDC_PRIVATE_KEY_FILE"));
}

#[tokio::test]
async fn oidc_the_level_of_assurance_asked_for_is_required() {
    let st = setup_asking(vec!["loa3".into()]).await;
    let c = st.s.client();
    let callback = to_callback(&st, &c).await;
    assert_eq!(
        st.fake
            .lock()
            .unwrap()
            .asked
            .get("acr_values")
            .map(String::as_str),
        Some("loa3")
    );
    assert_eq!(
        c.get(&callback).send().await.unwrap().status().as_u16(),
        303
    );
    // A weaker identification than asked for is refused.
    st.fake.lock().unwrap().acr = "loa2".into();
    let c = st.s.client();
    let callback = to_callback(&st, &c).await;
    let res = c.get(&callback).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 400);
    assert!(!has_session(&res));
    assert_eq!(refusals(&st.s).await, ["token"]);
}

#[tokio::test]
async fn oidc_a_state_from_another_browser_does_not_spoil_the_sign_in() {
    let st = setup().await;
    let c = st.s.client();
    let callback = to_callback(&st, &c).await;
    // Someone who learnt the state (not the browser's binding) tries it first.
    assert_eq!(
        st.s.client()
            .get(&callback)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        400
    );
    // The sign-in itself still works.
    assert_eq!(
        c.get(&callback).send().await.unwrap().status().as_u16(),
        303
    );
}
