//! Configuration from the environment (all optional; defaults run the
//! embedded demo set-up).
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `PORTAL_DATABASE_URL` | `sqlite://portal.db` | the store |
//! | `PORTAL_AUTH` | `test` | `test` = test identification page; `off` = no login at all |
//! | `PORTAL_PHASE` | `2` | MittKanta phase, 1 or 2 |
//! | `PORTAL_TODAY` | (the Finnish date) | fixed "today" (`YYYY-MM-DD`), for tests and demos |
//! | `PORTAL_DEMO` | `true` | load the demo archive into an empty store on start |
//! | `PORTAL_SECURE_COOKIES` | `false` | mark the session cookie `Secure` (set behind HTTPS) |
//!
//! The listening address is Leptos's `LEPTOS_SITE_ADDR` (default 127.0.0.1:3000).

use chrono::NaiveDate;

use crate::policy::Phase;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMode {
    Test,
    Off,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub auth: AuthMode,
    pub phase: Phase,
    pub today: Option<NaiveDate>,
    pub demo: bool,
    pub secure_cookies: bool,
}

#[derive(Debug, thiserror::Error)]
#[error("configuration: {name} = {value:?}: {expected}")]
pub struct ConfigError {
    name: &'static str,
    value: String,
    expected: &'static str,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: "sqlite://portal.db".into(),
            auth: AuthMode::Test,
            phase: Phase::Two,
            today: None,
            demo: true,
            secure_cookies: false,
        }
    }
}

fn bool_var(name: &'static str, value: String) -> Result<bool, ConfigError> {
    match value.as_str() {
        "1" | "true" | "yes" => Ok(true),
        "0" | "false" | "no" => Ok(false),
        _ => Err(ConfigError {
            name,
            value,
            expected: "true or false",
        }),
    }
}

impl Config {
    /// Reads the configuration through `get` (the process environment in `main`).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let mut c = Config::default();
        if let Some(v) = get("PORTAL_DATABASE_URL") {
            c.database_url = v;
        }
        if let Some(v) = get("PORTAL_AUTH") {
            c.auth = match v.as_str() {
                "test" => AuthMode::Test,
                "off" => AuthMode::Off,
                _ => {
                    return Err(ConfigError {
                        name: "PORTAL_AUTH",
                        value: v,
                        expected: "test or off",
                    })
                }
            };
        }
        if let Some(v) = get("PORTAL_PHASE") {
            c.phase = match v.as_str() {
                "1" => Phase::One,
                "2" => Phase::Two,
                _ => {
                    return Err(ConfigError {
                        name: "PORTAL_PHASE",
                        value: v,
                        expected: "1 or 2",
                    })
                }
            };
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

    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }
}
