//! What one connection may cost: a request head that never ends, an idle
//! kept-alive connection and a stalled or trickling body are closed on
//! time; connections beyond the cap wait; and with few descriptors a flood
//! of idle sockets does not make `/healthz` unanswerable.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use portal_server::config::{AuthMode, Config};
use portal_server::web::serve::ConnectionLimits;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::common::*;

fn configured(header_seconds: u64, request_seconds: u64, max_connections: usize) -> Config {
    Config {
        auth: AuthMode::Test,
        secure_cookies: false,
        signin_per_minute: 0,
        connections: ConnectionLimits {
            header_timeout: Duration::from_secs(header_seconds),
            max_connections,
        },
        request_timeout: Duration::from_secs(request_seconds),
        ..Config::default()
    }
}

async fn connect(s: &TestServer) -> TcpStream {
    TcpStream::connect(s.base.trim_start_matches("http://"))
        .await
        .expect("connect")
}

/// Reads until the peer closes or `within` passes; what was read, and
/// whether it closed.
async fn read_until_closed(stream: &mut TcpStream, within: Duration) -> (String, bool) {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return (String::from_utf8_lossy(&got).into_owned(), false),
            Ok(Ok(0)) | Ok(Err(_)) => return (String::from_utf8_lossy(&got).into_owned(), true),
            Ok(Ok(n)) => got.extend_from_slice(buf.get(..n).unwrap_or_default()),
        }
    }
}

#[tokio::test]
async fn limits_a_request_head_that_never_ends_is_closed() {
    let s = start_configured(None, configured(1, 30, 100)).await;
    let mut c = connect(&s).await;
    let started = Instant::now();
    c.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        .await
        .expect("write");
    let (answer, closed) = read_until_closed(&mut c, Duration::from_secs(6)).await;
    assert!(closed, "the connection is closed (got {answer:?})");
    assert!(!answer.contains("200 OK"), "{answer}");
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "closed by the timer, not at once"
    );
}

#[tokio::test]
async fn limits_an_idle_kept_alive_connection_is_closed() {
    let s = start_configured(None, configured(1, 30, 100)).await;
    let mut c = connect(&s).await;
    c.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .await
        .expect("write");
    let (answer, closed) = read_until_closed(&mut c, Duration::from_secs(6)).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(closed, "the idle connection is closed after its answer");
}

/// A form post the server reads the body of: same origin, its form token.
async fn post_head(s: &TestServer, length: usize) -> (TcpStream, Vec<u8>) {
    // The form token, and the cookie it is checked against, as a browser
    // gets them from the sign-in page.
    let login = reqwest::Client::new()
        .get(format!("{}/login", s.base))
        .send()
        .await
        .expect("GET /login");
    let cookie = login
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next().map(str::to_string))
        .collect::<Vec<_>>()
        .join("; ");
    let page = login.text().await.expect("page");
    let token = form_token_in(&page).expect("form token");
    let body = format!("csrf={token}&lang=sv&back=%2F");
    let head = format!(
        "POST /auth/language HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {length}\r\n\r\n"
    );
    let mut stream = connect(s).await;
    stream.write_all(head.as_bytes()).await.expect("head");
    (stream, body.into_bytes())
}

#[tokio::test]
async fn limits_a_body_that_stalls_ends_the_request() {
    let s = start_configured(None, configured(1, 30, 100)).await;
    let (mut c, body) = post_head(&s, 500).await;
    let started = Instant::now();
    c.write_all(body.get(..10).unwrap_or_default())
        .await
        .expect("part of the body");
    let (answer, closed) = read_until_closed(&mut c, Duration::from_secs(8)).await;
    assert!(
        closed || !answer.is_empty(),
        "an answer or a close, not a wait"
    );
    assert!(
        !answer.contains(" 303 "),
        "the request did not go through: {answer}"
    );
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "by the timer: {answer:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(8));
}

#[tokio::test]
async fn limits_a_body_that_trickles_meets_the_request_deadline() {
    let s = start_configured(None, configured(2, 2, 100)).await;
    let (mut c, body) = post_head(&s, 500).await;
    let started = Instant::now();
    // A byte every 300 ms never stalls for the header timeout.
    let mut answer = String::new();
    for b in body.iter().take(40) {
        if c.write_all(&[*b]).await.is_err() {
            break;
        }
        let (got, closed) = read_until_closed(&mut c, Duration::from_millis(300)).await;
        answer.push_str(&got);
        if closed || !got.is_empty() {
            break;
        }
    }
    assert!(
        answer.starts_with("HTTP/1.1 503"),
        "the deadline answers: {answer:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(8));
}

#[tokio::test]
async fn limits_connections_beyond_the_cap_wait_until_one_ends() {
    let s = start_configured(None, configured(30, 30, 3)).await;
    let mut idle = Vec::new();
    for _ in 0..3 {
        idle.push(connect(&s).await);
    }
    // Let the server accept all three.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut fourth = connect(&s).await;
    fourth
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let (answer, _) = read_until_closed(&mut fourth, Duration::from_secs(1)).await;
    assert_eq!(answer, "", "the fourth waits while three are open");
    drop(idle.pop());
    let (answer, closed) = read_until_closed(&mut fourth, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
    assert!(closed);
}

#[tokio::test]
async fn limits_healthz_answers_while_1000_idle_sockets_are_held() {
    let dir = tempfile::tempdir().expect("dir");
    let url = fresh_database(dir.path()).await;
    let port = free_port();
    // 256 descriptors: far fewer than the sockets below.
    let child = Command::new("prlimit")
        .arg("--nofile=256:256")
        .arg(env!("CARGO_BIN_EXE_server"))
        .env("PORTAL_DATABASE_URL", &url)
        .env("PORTAL_HEADER_TIMEOUT_SECONDS", "1")
        .env("LEPTOS_OUTPUT_NAME", "portal")
        .env("LEPTOS_SITE_ROOT", "target/site")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start server");
    let p = Process {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let base = p.base.clone();
    let probe = reqwest::Client::new();
    let mut up = false;
    for _ in 0..300 {
        if probe.get(format!("{base}/healthz")).send().await.is_ok() {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(up, "server started");
    let mut idle = Vec::new();
    for _ in 0..1000 {
        match TcpStream::connect(("127.0.0.1", port)).await {
            Ok(c) => idle.push(c),
            Err(e) => panic!("connect {}: {e}", idle.len()),
        }
    }
    let answer = tokio::time::timeout(
        Duration::from_secs(30),
        reqwest::Client::new().get(format!("{base}/healthz")).send(),
    )
    .await;
    let status = answer
        .expect("answered while the sockets are held")
        .expect("GET /healthz")
        .status();
    assert_eq!(status.as_u16(), 200);
    drop(idle);
}
