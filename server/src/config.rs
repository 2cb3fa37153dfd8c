//! Configuration from the environment (all optional; defaults run the
//! embedded demo set-up).
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `PORTAL_DATABASE_URL` | `sqlite://portal.db` | the store |
//! | `PORTAL_AUTH` | `off` | `off` = no way in (until real sign-in is configured); `test` = the passwordless test identification: only with a loopback listener and `PORTAL_PUBLIC_URL` and no `PORTAL_CLIENT_IP_HEADER`; its requests from any other address answer 404 |
//! | `PORTAL_PHASE` | `1` | MittKanta phase, 1 or 2 |
//! | `PORTAL_TODAY` | (the Finnish date) | fixed "today" (`YYYY-MM-DD`), for tests and demos |
//! | `PORTAL_DEMO` | `true` | load the demo archive into an empty store on start |
//! | `PORTAL_SECURE_COOKIES` | `true` | a `Secure`, `__Host-` session cookie; `false` only with a loopback listener and `PORTAL_PUBLIC_URL` (the demo) |
//! | `PORTAL_PUBLIC_URL` | `http://127.0.0.1:3000` | the address citizens use (the OpenID redirect and sign-out addresses are made from it) |
//! | `PORTAL_OIDC_ISSUER` | — | with `PORTAL_AUTH=oidc`: the OpenID provider's issuer URL (its discovery document is read from it) |
//! | `PORTAL_OIDC_CLIENT_ID` | — | the portal's client id at the provider |
//! | `PORTAL_OIDC_CLIENT_SECRET` | — | `client_secret_basic`; or |
//! | `PORTAL_OIDC_PRIVATE_KEY_FILE` | — | `private_key_jwt`: an RSA private key (PEM) the provider knows the public half of |
//! | `PORTAL_OIDC_KEY_ID` | — | the `kid` of that key, if the provider needs one |
//! | `PORTAL_OIDC_IDENTITY_CLAIM` | `nationalIdentificationNumber` | the claim that carries the personal identity code (Suomi.fi: `nationalIdentificationNumber`, OID urn:oid:1.2.246.21) |
//! | `PORTAL_OIDC_SCOPES` | `openid` | scopes asked for, separated by spaces (`openid` is always asked) |
//! | `PORTAL_OIDC_ACR_VALUES` | — | required with `oidc`: levels of assurance to ask for, separated by spaces (Suomi.fi: `http://ftn.ficora.fi/2017/loa3` for substantial); the ID token's `acr` must be one of them |
//! | `PORTAL_METRICS_ADDR` | — | address of a listener of its own for the Prometheus metrics (`/metrics`), e.g. `127.0.0.1:9100` (loopback unless `PORTAL_METRICS_PUBLIC=true`) |
//! | `PORTAL_METRICS_PUBLIC` | `false` | `true` allows the metrics listener on an address other than loopback (it has no sign-in: firewall it) |
//! | `PORTAL_LOG_FORMAT` | `text` | `json`: one JSON object a line, with the request's id |
//! | `PORTAL_CLIENT_IP_HEADER` | — | behind a reverse proxy: the header it writes the client's address into (`x-forwarded-for`; its last address is used). Unset: the connection's peer |
//! | `PORTAL_SESSION_IDLE_MINUTES` | `30` | a session ends after this long without a request |
//! | `PORTAL_SESSION_HOURS` | `8` | and this long after sign-in at the latest |
//! | `PORTAL_SESSIONS_PER_PERSON` | `5` | sessions one person may hold (other devices); a sign-in beyond ends the oldest |
//! | `PORTAL_SIGNIN_PER_MINUTE` | `10` | sign-in attempts per client address and minute (0: no limit) |
//! | `PORTAL_AUDIT_RETENTION_DAYS` | — | delete audit rows older than this many days (the county's retention rule); unset: keep every row |
//! | `PORTAL_HEADER_TIMEOUT_SECONDS` | `10` | a request's head must arrive within this; an idle kept-alive connection closes after it |
//! | `PORTAL_REQUEST_TIMEOUT_SECONDS` | `30` | each request's body and answer within this (else 503); a body that stalls for the header timeout ends the request |
//! | `PORTAL_MAX_CONNECTIONS` | `4096` | connections open at once; more wait in the kernel's queue (keep it below the descriptor limit) |
//!
//! The listening address is Leptos's `LEPTOS_SITE_ADDR` (default 127.0.0.1:3000).

use chrono::{Duration, NaiveDate};

use crate::policy::Phase;
use crate::store::SessionLimits;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMode {
    /// The passwordless test identification (loopback only).
    Test,
    /// OpenID Connect (e.g. Suomi.fi e-Identification).
    Oidc,
    /// No way in.
    Off,
}

/// How the portal proves itself to the OpenID provider's token endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientAuth {
    /// `client_secret_basic`.
    Secret(String),
    /// `private_key_jwt`: the path of an RSA private key (PEM) and its `kid`.
    PrivateKey {
        file: String,
        key_id: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcConfig {
    pub issuer: String,
    pub client_id: String,
    pub client_auth: ClientAuth,
    pub identity_claim: String,
    pub scopes: Vec<String>,
    /// Levels of assurance to ask for (`acr_values`); the ID token's `acr`
    /// must be one of them. Empty: none asked, none checked.
    pub acr_values: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub auth: AuthMode,
    pub phase: Phase,
    pub today: Option<NaiveDate>,
    pub demo: bool,
    pub secure_cookies: bool,
    /// How many records the cache of subjects' records holds (0: none).
    pub cache_records: u64,
    /// The address citizens use, without a trailing slash.
    pub public_url: String,
    /// Set exactly when `auth` is `Oidc`.
    pub oidc: Option<OidcConfig>,
    pub sessions: SessionLimits,
    /// Sign-in attempts per client address and minute (0: no limit).
    pub signin_per_minute: u32,
    /// The header a reverse proxy writes the client address into, lower case.
    pub client_ip_header: Option<String>,
    /// Where the Prometheus metrics are served (none: not at all).
    pub metrics_addr: Option<std::net::SocketAddr>,
    /// The metrics listener may be on an address other than loopback.
    pub metrics_public: bool,
    pub log_format: LogFormat,
    /// Audit rows older than this are deleted (none: every row is kept).
    pub audit_retention_days: Option<u32>,
    /// Header-read (and idle) timeout and the connection cap.
    pub connections: crate::web::serve::ConnectionLimits,
    /// A request's deadline: its body read and its answer.
    pub request_timeout: std::time::Duration,
}

/// A setting that cannot be used: which (variable and option), what it
/// was, and the form expected.
#[derive(Debug, thiserror::Error)]
#[error("configuration: {name}{flag} = {value:?}: {expected}", flag = flag_of(self.name))]
pub struct ConfigError {
    name: &'static str,
    value: String,
    expected: &'static str,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: "sqlite://portal.db".into(),
            auth: AuthMode::Off,
            // The stricter phase: the handbook describes phase 1 as the state in force.
            phase: Phase::One,
            today: None,
            demo: true,
            secure_cookies: true,
            cache_records: crate::store::DEFAULT_CACHE_RECORDS,
            public_url: "http://127.0.0.1:3000".into(),
            oidc: None,
            sessions: SessionLimits::default(),
            signin_per_minute: 10,
            client_ip_header: None,
            metrics_addr: None,
            metrics_public: false,
            log_format: LogFormat::Text,
            audit_retention_days: None,
            connections: crate::web::serve::ConnectionLimits::default(),
            request_timeout: std::time::Duration::from_secs(30),
        }
    }
}

/// One of a fixed set of spellings (`choices`: spelling, value).
fn choice<T: Copy>(
    name: &'static str,
    value: String,
    choices: &[(&str, T)],
    expected: &'static str,
) -> Result<T, ConfigError> {
    choices
        .iter()
        .find(|(spelling, _)| *spelling == value)
        .map(|(_, v)| *v)
        .ok_or(ConfigError {
            name,
            value,
            expected,
        })
}

fn bool_var(name: &'static str, value: String) -> Result<bool, ConfigError> {
    const BOOLS: [(&str, bool); 6] = [
        ("1", true),
        ("true", true),
        ("yes", true),
        ("0", false),
        ("false", false),
        ("no", false),
    ];
    choice(name, value, &BOOLS, "true or false")
}

fn flag_of(var: &str) -> String {
    SETTINGS
        .iter()
        .find(|s| s.var == var)
        .map(|s| format!(" (--{})", s.flag))
        .unwrap_or_default()
}

/// One setting: its environment variable, the command-line option that
/// may give it instead, and what it means (for `--help`).
pub struct Setting {
    pub var: &'static str,
    pub flag: &'static str,
    pub help: &'static str,
}

/// Every setting of the portal, as the table at the top of this file
/// describes it. `server --help` lists them; each may be given as its
/// option or its environment variable (the option wins).
pub const SETTINGS: [Setting; 30] = [
    Setting { var: "PORTAL_DATABASE_URL", flag: "database-url", help: "the store: sqlite://FILE or postgres://USER@HOST:PORT/DATABASE [default: sqlite://portal.db]" },
    Setting { var: "PORTAL_CACHE_RECORDS", flag: "cache-records", help: "records the cache of subjects' records holds (0: none) [default: 50000]" },
    Setting { var: "PORTAL_AUTH", flag: "auth", help: "sign-in: off, oidc, or test (passwordless, loopback only) [default: off]" },
    Setting { var: "PORTAL_PHASE", flag: "phase", help: "MittKanta phase, 1 or 2 [default: 1]" },
    Setting { var: "PORTAL_TODAY", flag: "today", help: "a fixed today, YYYY-MM-DD (tests, demos) [default: the date in Finland]" },
    Setting { var: "PORTAL_DEMO", flag: "demo", help: "load the demo archive into an empty store on start [default: true]" },
    Setting { var: "PORTAL_SECURE_COOKIES", flag: "secure-cookies", help: "Secure, __Host- cookies; false only for plain HTTP on loopback [default: true]" },
    Setting { var: "PORTAL_PUBLIC_URL", flag: "public-url", help: "the address citizens use [default: http://127.0.0.1:3000]" },
    Setting { var: "PORTAL_OIDC_ISSUER", flag: "oidc-issuer", help: "the OpenID provider's issuer URL (--auth oidc)" },
    Setting { var: "PORTAL_OIDC_CLIENT_ID", flag: "oidc-client-id", help: "the portal's client id at the provider" },
    Setting { var: "PORTAL_OIDC_CLIENT_SECRET", flag: "oidc-client-secret", help: "client_secret_basic (or --oidc-private-key-file)" },
    Setting { var: "PORTAL_OIDC_PRIVATE_KEY_FILE", flag: "oidc-private-key-file", help: "private_key_jwt: an RSA private key, PEM" },
    Setting { var: "PORTAL_OIDC_KEY_ID", flag: "oidc-key-id", help: "the kid of that key" },
    Setting { var: "PORTAL_OIDC_IDENTITY_CLAIM", flag: "oidc-identity-claim", help: "the claim with the personal identity code [default: nationalIdentificationNumber]" },
    Setting { var: "PORTAL_OIDC_SCOPES", flag: "oidc-scopes", help: "scopes to ask for, space-separated [default: openid]" },
    Setting { var: "PORTAL_OIDC_ACR_VALUES", flag: "oidc-acr-values", help: "levels of assurance to ask for and require, space-separated (required with --auth oidc)" },
    Setting { var: "PORTAL_SESSION_IDLE_MINUTES", flag: "session-idle-minutes", help: "a session ends after this long without a request [default: 30]" },
    Setting { var: "PORTAL_SESSION_HOURS", flag: "session-hours", help: "and this long after sign-in at the latest [default: 8]" },
    Setting { var: "PORTAL_SESSIONS_PER_PERSON", flag: "sessions-per-person", help: "sessions one person may hold [default: 5]" },
    Setting { var: "PORTAL_SIGNIN_PER_MINUTE", flag: "signin-per-minute", help: "sign-in attempts per client address and minute, 0: no limit [default: 10]" },
    Setting { var: "PORTAL_AUDIT_RETENTION_DAYS", flag: "audit-retention-days", help: "delete audit rows older than this many days, the county's retention rule [default: keep all]" },
    Setting { var: "PORTAL_HEADER_TIMEOUT_SECONDS", flag: "header-timeout-seconds", help: "a request's head within this; idle kept-alive connections close after it [default: 10]" },
    Setting { var: "PORTAL_REQUEST_TIMEOUT_SECONDS", flag: "request-timeout-seconds", help: "each request's body and answer within this, else 503 [default: 30]" },
    Setting { var: "PORTAL_MAX_CONNECTIONS", flag: "max-connections", help: "connections open at once; more wait in the kernel's queue [default: 4096]" },
    Setting { var: "PORTAL_CLIENT_IP_HEADER", flag: "client-ip-header", help: "behind a reverse proxy: the header with the client's address (x-forwarded-for)" },
    Setting { var: "PORTAL_METRICS_ADDR", flag: "metrics-addr", help: "address of the Prometheus metrics listener, e.g. 127.0.0.1:9100 [default: none]" },
    Setting { var: "PORTAL_METRICS_PUBLIC", flag: "metrics-public", help: "allow the metrics listener on an address other than loopback (no sign-in: firewall it) [default: false]" },
    Setting { var: "PORTAL_LOG_FORMAT", flag: "log-format", help: "text or json [default: text]" },
    Setting { var: "LEPTOS_SITE_ADDR", flag: "listen", help: "the address to listen on [default: 127.0.0.1:3000]" },
    Setting { var: "RUST_LOG", flag: "log", help: "log filter (tracing) [default: info]" },
];

/// Whether a URL's host is this machine: 127.0.0.0/8, [::1] or localhost.
fn is_loopback_url(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    // No user information: `http://127.0.0.1@example.org` is example.org.
    if authority.contains('@') {
        return false;
    }
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => authority.split(':').next().unwrap_or(""),
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

fn oidc_config(get: &impl Fn(&str) -> Option<String>) -> Result<OidcConfig, ConfigError> {
    let required = |name: &'static str, expected: &'static str| {
        get(name).filter(|v| !v.is_empty()).ok_or(ConfigError {
            name,
            value: String::new(),
            expected,
        })
    };
    let issuer = required(
        "PORTAL_OIDC_ISSUER",
        "the provider's issuer URL (PORTAL_AUTH=oidc)",
    )?;
    let loopback = ["http://127.0.0.1:", "http://[::1]:", "http://localhost:"];
    if !(issuer.starts_with("https://") || loopback.iter().any(|l| issuer.starts_with(l))) {
        return Err(ConfigError {
            name: "PORTAL_OIDC_ISSUER",
            value: issuer,
            expected: "an issuer URL https://… (plain http only on loopback, for tests)",
        });
    }
    let client_id = required(
        "PORTAL_OIDC_CLIENT_ID",
        "the portal's client id at the provider",
    )?;
    let secret = get("PORTAL_OIDC_CLIENT_SECRET").filter(|v| !v.is_empty());
    let key = get("PORTAL_OIDC_PRIVATE_KEY_FILE").filter(|v| !v.is_empty());
    let client_auth = match (secret, key) {
        (Some(s), None) => ClientAuth::Secret(s),
        (None, Some(file)) => ClientAuth::PrivateKey {
            file,
            key_id: get("PORTAL_OIDC_KEY_ID").filter(|v| !v.is_empty()),
        },
        (secret, _) => {
            return Err(ConfigError {
                name: "PORTAL_OIDC_CLIENT_SECRET",
                value: if secret.is_some() {
                    "(set, with PORTAL_OIDC_PRIVATE_KEY_FILE)".into()
                } else {
                    String::new()
                },
                expected:
                    "exactly one of PORTAL_OIDC_CLIENT_SECRET and PORTAL_OIDC_PRIVATE_KEY_FILE",
            })
        }
    };
    let mut scopes: Vec<String> = get("PORTAL_OIDC_SCOPES")
        .unwrap_or_default()
        .split_whitespace()
        .filter(|s| *s != "openid")
        .map(str::to_string)
        .collect();
    scopes.dedup();
    let acr_values: Vec<String> = get("PORTAL_OIDC_ACR_VALUES")
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    // Without a required level any identification the provider offers
    // would do, a weaker one included: there is no default to forget.
    if acr_values.is_empty() {
        return Err(ConfigError {
            name: "PORTAL_OIDC_ACR_VALUES",
            value: String::new(),
            expected: "the levels of assurance to require, space-separated (Suomi.fi: http://ftn.ficora.fi/2017/loa3 for substantial, http://ftn.ficora.fi/2017/loa3 http://ftn.ficora.fi/2017/loa4 for substantial or high)",
        });
    }
    Ok(OidcConfig {
        acr_values,
        issuer,
        client_id,
        client_auth,
        identity_claim: get("PORTAL_OIDC_IDENTITY_CLAIM")
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| "nationalIdentificationNumber".into()),
        scopes,
    })
}

impl Config {
    /// Reads the configuration through `get` (the process environment in `main`).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let mut c = Config::default();
        if let Some(v) = get("PORTAL_DATABASE_URL") {
            if crate::store::Backend::of(&v).is_none() {
                return Err(ConfigError {
                    name: "PORTAL_DATABASE_URL",
                    value: v,
                    expected: "sqlite://FILE or postgres://USER@HOST:PORT/DATABASE",
                });
            }
            c.database_url = v;
        }
        if let Some(v) = get("PORTAL_CACHE_RECORDS") {
            c.cache_records = v.parse().map_err(|_| ConfigError {
                name: "PORTAL_CACHE_RECORDS",
                value: v.clone(),
                expected: "a number of records (0: no cache)",
            })?;
        }
        if let Some(v) = get("PORTAL_AUTH") {
            let modes = [
                ("test", AuthMode::Test),
                ("oidc", AuthMode::Oidc),
                ("off", AuthMode::Off),
            ];
            c.auth = choice("PORTAL_AUTH", v, &modes, "oidc, test or off")?;
        }
        if let Some(v) = get("PORTAL_PUBLIC_URL") {
            if !(v.starts_with("https://") || v.starts_with("http://")) {
                return Err(ConfigError {
                    name: "PORTAL_PUBLIC_URL",
                    value: v,
                    expected: "an address https://HOST[:PORT]",
                });
            }
            c.public_url = v.trim_end_matches('/').to_string();
        }
        if c.auth == AuthMode::Oidc {
            c.oidc = Some(oidc_config(&get)?);
        }
        let number =
            |name: &'static str, expected: &'static str| -> Result<Option<u32>, ConfigError> {
                get(name)
                    .map(|v| {
                        v.parse::<u32>().map_err(|_| ConfigError {
                            name,
                            value: v.clone(),
                            expected,
                        })
                    })
                    .transpose()
            };
        if let Some(n) = number(
            "PORTAL_SESSION_IDLE_MINUTES",
            "a number of minutes, 1 or more",
        )? {
            c.sessions.idle = Duration::minutes(i64::from(n.max(1)));
        }
        if let Some(n) = number("PORTAL_SESSION_HOURS", "a number of hours, 1 or more")? {
            c.sessions.absolute = Duration::hours(i64::from(n.max(1)));
        }
        if let Some(n) = number(
            "PORTAL_SESSIONS_PER_PERSON",
            "a number of sessions, 1 or more",
        )? {
            c.sessions.per_person = n.max(1);
        }
        if let Some(n) = number(
            "PORTAL_SIGNIN_PER_MINUTE",
            "a number of attempts (0: no limit)",
        )? {
            c.signin_per_minute = n;
        }
        if let Some(n) = number("PORTAL_AUDIT_RETENTION_DAYS", "a number of days, 1 or more")? {
            if n == 0 {
                return Err(ConfigError {
                    name: "PORTAL_AUDIT_RETENTION_DAYS",
                    value: n.to_string(),
                    expected: "a number of days, 1 or more (unset: keep every row)",
                });
            }
            c.audit_retention_days = Some(n);
        }
        // Zero would mean no timeout, or no connection: neither is a limit.
        if let Some(n) = number(
            "PORTAL_HEADER_TIMEOUT_SECONDS",
            "a number of seconds, 1 or more",
        )? {
            c.connections.header_timeout = std::time::Duration::from_secs(u64::from(n.max(1)));
        }
        if let Some(n) = number(
            "PORTAL_REQUEST_TIMEOUT_SECONDS",
            "a number of seconds, 1 or more",
        )? {
            c.request_timeout = std::time::Duration::from_secs(u64::from(n.max(1)));
        }
        if let Some(n) = number(
            "PORTAL_MAX_CONNECTIONS",
            "a number of connections, 1 or more",
        )? {
            c.connections.max_connections = usize::try_from(n.max(1)).unwrap_or(usize::MAX);
        }
        if let Some(v) = get("PORTAL_METRICS_ADDR").filter(|v| !v.is_empty()) {
            c.metrics_addr = Some(v.parse().map_err(|_| ConfigError {
                name: "PORTAL_METRICS_ADDR",
                value: v.clone(),
                expected: "an address HOST:PORT, e.g. 127.0.0.1:9100",
            })?);
        }
        if let Some(v) = get("PORTAL_METRICS_PUBLIC") {
            c.metrics_public = bool_var("PORTAL_METRICS_PUBLIC", v)?;
        }
        if let Some(v) = get("PORTAL_LOG_FORMAT") {
            let formats = [("text", LogFormat::Text), ("json", LogFormat::Json)];
            c.log_format = choice("PORTAL_LOG_FORMAT", v, &formats, "text or json")?;
        }
        if let Some(v) = get("PORTAL_CLIENT_IP_HEADER").filter(|v| !v.is_empty()) {
            if http::HeaderName::from_bytes(v.as_bytes()).is_err() {
                return Err(ConfigError {
                    name: "PORTAL_CLIENT_IP_HEADER",
                    value: v,
                    expected: "a header name such as x-forwarded-for",
                });
            }
            c.client_ip_header = Some(v.to_ascii_lowercase());
        }
        if let Some(v) = get("PORTAL_PHASE") {
            let phases = [("1", Phase::One), ("2", Phase::Two)];
            c.phase = choice("PORTAL_PHASE", v, &phases, "1 or 2")?;
        }
        if let Some(v) = get("PORTAL_TODAY").filter(|v| !v.is_empty()) {
            c.today = Some(v.parse().map_err(|_| ConfigError {
                name: "PORTAL_TODAY",
                value: v.clone(),
                expected: "a date YYYY-MM-DD",
            })?);
        }
        if let Some(v) = get("PORTAL_DEMO") {
            c.demo = bool_var("PORTAL_DEMO", v)?;
        }
        if let Some(v) = get("PORTAL_SECURE_COOKIES") {
            c.secure_cookies = bool_var("PORTAL_SECURE_COOKIES", v)?;
        }
        Ok(c)
    }

    /// Settings that are safe only where nobody but this machine can reach
    /// the portal are refused anywhere else (a setting that fails open will
    /// be deployed): the passwordless test identification (anyone could sign
    /// in as anyone) needs a loopback listener, a loopback public address and
    /// no reverse proxy (`PORTAL_CLIENT_IP_HEADER`); cookies without `Secure`
    /// need a loopback listener and public address; the metrics listener is
    /// loopback unless `PORTAL_METRICS_PUBLIC` says otherwise.
    pub fn check_address(&self, addr: std::net::SocketAddr) -> Result<(), ConfigError> {
        let local = addr.ip().is_loopback() && is_loopback_url(&self.public_url);
        if self.auth == AuthMode::Test && !(local && self.client_ip_header.is_none()) {
            return Err(ConfigError {
                name: "PORTAL_AUTH",
                value: format!(
                    "test (listening on {addr}, public address {}{})",
                    self.public_url,
                    self.client_ip_header
                        .as_deref()
                        .map_or(String::new(), |h| format!(", client address from {h}"))
                ),
                expected: "off, or test only on loopback: a loopback listener (127.0.0.1, ::1), a loopback PORTAL_PUBLIC_URL and no PORTAL_CLIENT_IP_HEADER",
            });
        }
        if !self.secure_cookies && !local {
            return Err(ConfigError {
                name: "PORTAL_SECURE_COOKIES",
                value: format!(
                    "false (listening on {addr}, public address {})",
                    self.public_url
                ),
                expected: "true; false only with a loopback listener and a loopback PORTAL_PUBLIC_URL (plain HTTP on this machine)",
            });
        }
        if let Some(m) = self.metrics_addr {
            if !m.ip().is_loopback() && !self.metrics_public {
                return Err(ConfigError {
                    name: "PORTAL_METRICS_ADDR",
                    value: m.to_string(),
                    expected: "a loopback address (127.0.0.1:9100); another only with PORTAL_METRICS_PUBLIC=true (the metrics have no sign-in: put a firewall in front)",
                });
            }
        }
        Ok(())
    }

    /// Where the provider sends the browser back after sign-in.
    pub fn oidc_redirect_url(&self) -> String {
        format!("{}/auth/oidc/callback", self.public_url)
    }

    /// Where the provider sends the browser after sign-out.
    pub fn signed_out_url(&self) -> String {
        format!("{}/signed-out", self.public_url)
    }

    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::from_lookup(|k| {
            vars.iter()
                .find(|(name, _)| *name == k)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn nothing_set_gives_the_defaults() {
        let c = parse(&[]).unwrap();
        assert_eq!(c.database_url, "sqlite://portal.db");
        // Closed by default: no test identification, Secure cookies.
        assert_eq!(
            (c.auth, c.phase, c.today),
            (AuthMode::Off, Phase::One, None)
        );
        assert!(c.demo && c.secure_cookies);
    }

    #[test]
    fn every_variable_is_read() {
        let c = parse(&[
            ("PORTAL_DATABASE_URL", "sqlite://x.db"),
            ("PORTAL_AUTH", "test"),
            ("PORTAL_PHASE", "2"),
            ("PORTAL_TODAY", "2026-11-23"),
            ("PORTAL_DEMO", "no"),
            ("PORTAL_SECURE_COOKIES", "false"),
            ("PORTAL_CACHE_RECORDS", "0"),
        ])
        .unwrap();
        assert_eq!(c.cache_records, 0);
        assert_eq!(c.database_url, "sqlite://x.db");
        assert_eq!((c.auth, c.phase), (AuthMode::Test, Phase::Two));
        assert_eq!(c.today, Some("2026-11-23".parse().unwrap()));
        assert!(!c.demo && !c.secure_cookies);
        // An empty PORTAL_TODAY means "the date in Finland".
        assert_eq!(parse(&[("PORTAL_TODAY", "")]).unwrap().today, None);
    }

    #[test]
    fn openid_connect_needs_an_issuer_a_client_a_level_of_assurance_and_one_way_to_authenticate() {
        let plain = parse(&[
            ("PORTAL_AUTH", "oidc"),
            ("PORTAL_OIDC_ISSUER", "http://id.example"),
        ]);
        assert!(plain.unwrap_err().to_string().contains("https"));
        let missing = parse(&[("PORTAL_AUTH", "oidc")]).unwrap_err().to_string();
        assert!(missing.contains("PORTAL_OIDC_ISSUER"), "{missing}");
        let base = [
            ("PORTAL_AUTH", "oidc"),
            ("PORTAL_OIDC_ISSUER", "https://id.example"),
            ("PORTAL_OIDC_CLIENT_ID", "portal"),
        ];
        let neither = parse(&base).unwrap_err().to_string();
        assert!(neither.contains("exactly one of"), "{neither}");
        let mut no_level = base.to_vec();
        no_level.push(("PORTAL_OIDC_CLIENT_SECRET", "s"));
        let refused = parse(&no_level).unwrap_err().to_string();
        assert!(refused.contains("PORTAL_OIDC_ACR_VALUES"), "{refused}");
        let base = [
            ("PORTAL_AUTH", "oidc"),
            ("PORTAL_OIDC_ISSUER", "https://id.example"),
            ("PORTAL_OIDC_CLIENT_ID", "portal"),
            ("PORTAL_OIDC_ACR_VALUES", "http://ftn.ficora.fi/2017/loa3"),
        ];
        let mut with_secret = base.to_vec();
        with_secret.push(("PORTAL_OIDC_CLIENT_SECRET", "s"));
        with_secret.push(("PORTAL_OIDC_SCOPES", "openid profile"));
        let c = parse(&with_secret).unwrap();
        let oidc = c.oidc.unwrap();
        assert_eq!(oidc.client_auth, ClientAuth::Secret("s".into()));
        assert_eq!(oidc.identity_claim, "nationalIdentificationNumber");
        assert_eq!(oidc.scopes, vec!["profile".to_string()]);
        assert_eq!(oidc.acr_values, vec!["http://ftn.ficora.fi/2017/loa3"]);
        let mut both = with_secret.clone();
        both.push(("PORTAL_OIDC_PRIVATE_KEY_FILE", "/k.pem"));
        assert!(parse(&both).is_err());
        let mut key = base.to_vec();
        key.push(("PORTAL_OIDC_PRIVATE_KEY_FILE", "/k.pem"));
        key.push(("PORTAL_PUBLIC_URL", "https://portal.example/"));
        let c = parse(&key).unwrap();
        assert_eq!(
            c.oidc_redirect_url(),
            "https://portal.example/auth/oidc/callback"
        );
        assert!(matches!(
            c.oidc.unwrap().client_auth,
            ClientAuth::PrivateKey { .. }
        ));
    }

    #[test]
    fn session_limits_are_read() {
        let c = parse(&[
            ("PORTAL_SESSION_IDLE_MINUTES", "15"),
            ("PORTAL_SESSION_HOURS", "4"),
            ("PORTAL_SESSIONS_PER_PERSON", "2"),
            ("PORTAL_SIGNIN_PER_MINUTE", "0"),
        ])
        .unwrap();
        assert_eq!(c.sessions.idle, Duration::minutes(15));
        assert_eq!(c.sessions.absolute, Duration::hours(4));
        assert_eq!((c.sessions.per_person, c.signin_per_minute), (2, 0));
        let d = parse(&[]).unwrap();
        assert_eq!(d.sessions, SessionLimits::default());
        assert_eq!(d.signin_per_minute, 10);
    }

    #[test]
    fn test_identification_only_on_loopback() {
        let test = parse(&[("PORTAL_AUTH", "test")]).unwrap();
        assert!(test
            .check_address("127.0.0.1:3000".parse().unwrap())
            .is_ok());
        assert!(test.check_address("[::1]:3000".parse().unwrap()).is_ok());
        let refused = test.check_address("0.0.0.0:3000".parse().unwrap());
        assert!(refused.unwrap_err().to_string().contains("PORTAL_AUTH"));
        assert!(test.check_address("10.1.2.3:80".parse().unwrap()).is_err());
        let off = parse(&[]).unwrap();
        assert!(off.check_address("0.0.0.0:3000".parse().unwrap()).is_ok());
    }

    #[test]
    fn test_identification_behind_a_reverse_proxy_is_refused() {
        let local: std::net::SocketAddr = "127.0.0.1:3000".parse().unwrap();
        // The usual deployment: a proxy in front of a loopback listener.
        for env in [
            vec![("PORTAL_PUBLIC_URL", "https://portal.example.fi")],
            vec![("PORTAL_CLIENT_IP_HEADER", "x-forwarded-for")],
            vec![("PORTAL_PUBLIC_URL", "http://127.0.0.1@portal.example.fi")],
            vec![("PORTAL_PUBLIC_URL", "http://127.0.0.1.example.fi:3000")],
        ] {
            let mut all = vec![("PORTAL_AUTH", "test"), ("PORTAL_SECURE_COOKIES", "true")];
            all.extend(env.iter().copied());
            let e = parse(&all).unwrap().check_address(local).unwrap_err();
            assert!(e.to_string().contains("PORTAL_AUTH"), "{env:?}: {e}");
        }
        for url in [
            "http://localhost:3000",
            "http://[::1]:3000/",
            "http://127.0.0.2",
        ] {
            let c = parse(&[("PORTAL_AUTH", "test"), ("PORTAL_PUBLIC_URL", url)]).unwrap();
            assert!(c.check_address(local).is_ok(), "{url}");
        }
    }

    #[test]
    fn insecure_cookies_and_open_metrics_only_on_loopback() {
        let local: std::net::SocketAddr = "127.0.0.1:3000".parse().unwrap();
        let public: std::net::SocketAddr = "0.0.0.0:3000".parse().unwrap();
        let plain = parse(&[("PORTAL_SECURE_COOKIES", "false")]).unwrap();
        assert!(plain.check_address(local).is_ok());
        let e = plain.check_address(public).unwrap_err().to_string();
        assert!(e.contains("PORTAL_SECURE_COOKIES"), "{e}");
        let proxied = parse(&[
            ("PORTAL_SECURE_COOKIES", "false"),
            ("PORTAL_PUBLIC_URL", "https://portal.example.fi"),
        ])
        .unwrap();
        assert!(proxied.check_address(local).is_err());
        let metrics = parse(&[("PORTAL_METRICS_ADDR", "0.0.0.0:9100")]).unwrap();
        let e = metrics.check_address(local).unwrap_err().to_string();
        assert!(e.contains("PORTAL_METRICS_ADDR"), "{e}");
        let allowed = parse(&[
            ("PORTAL_METRICS_ADDR", "0.0.0.0:9100"),
            ("PORTAL_METRICS_PUBLIC", "true"),
        ])
        .unwrap();
        assert!(allowed.check_address(local).is_ok());
        let lo = parse(&[("PORTAL_METRICS_ADDR", "127.0.0.1:9100")]).unwrap();
        assert!(lo.check_address(local).is_ok());
    }

    #[test]
    fn a_bad_value_names_the_variable_and_the_expected_form() {
        for (name, value, expected) in [
            ("PORTAL_AUTH", "password", "oidc, test or off"),
            (
                "PORTAL_SESSION_IDLE_MINUTES",
                "half an hour",
                "a number of minutes",
            ),
            ("PORTAL_SIGNIN_PER_MINUTE", "-1", "a number of attempts"),
            ("PORTAL_PUBLIC_URL", "portal.example", "https://"),
            ("PORTAL_METRICS_ADDR", "everywhere", "HOST:PORT"),
            ("PORTAL_LOG_FORMAT", "xml", "text or json"),
            ("PORTAL_PHASE", "3", "1 or 2"),
            ("PORTAL_TODAY", "23.11.2026", "a date YYYY-MM-DD"),
            ("PORTAL_DEMO", "maybe", "true or false"),
            ("PORTAL_SECURE_COOKIES", "on", "true or false"),
            ("PORTAL_DATABASE_URL", "mysql://x", "postgres://"),
            ("PORTAL_CACHE_RECORDS", "many", "a number of records"),
        ] {
            let message = parse(&[(name, value)]).unwrap_err().to_string();
            assert!(
                message.contains(name) && message.contains(value) && message.contains(expected),
                "{message}"
            );
        }
    }
}

#[cfg(test)]
mod settings_tests {
    use super::SETTINGS;

    #[test]
    fn every_setting_is_in_the_readme() {
        let readme = include_str!("../../README.md");
        for s in &SETTINGS {
            assert!(readme.contains(s.var), "{} is in the README", s.var);
        }
    }
}
