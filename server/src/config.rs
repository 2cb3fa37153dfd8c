//! Configuration from the environment (all optional; defaults run the
//! embedded demo set-up).
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `PORTAL_DATABASE_URL` | `sqlite://portal.db` | the store |
//! | `PORTAL_AUTH` | `off` | `off` = no way in (until real sign-in is configured); `test` = the passwordless test identification, loopback addresses only |
//! | `PORTAL_PHASE` | `2` | MittKanta phase, 1 or 2 |
//! | `PORTAL_TODAY` | (the Finnish date) | fixed "today" (`YYYY-MM-DD`), for tests and demos |
//! | `PORTAL_DEMO` | `true` | load the demo archive into an empty store on start |
//! | `PORTAL_SECURE_COOKIES` | `true` | a `Secure`, `__Host-` session cookie; `false` only for plain HTTP on loopback (the demo) |
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
    /// How many records the cache of subjects' records holds (0: none).
    pub cache_records: u64,
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
            auth: AuthMode::Off,
            // The stricter phase: the handbook describes phase 1 as the state in force.
            phase: Phase::One,
            today: None,
            demo: true,
            secure_cookies: true,
            cache_records: crate::store::DEFAULT_CACHE_RECORDS,
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
            let modes = [("test", AuthMode::Test), ("off", AuthMode::Off)];
            c.auth = choice("PORTAL_AUTH", v, &modes, "test or off")?;
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

    /// The passwordless test identification is refused on any address but
    /// loopback: it lets anyone sign in as anyone.
    pub fn check_address(&self, addr: std::net::SocketAddr) -> Result<(), ConfigError> {
        if self.auth == AuthMode::Test && !addr.ip().is_loopback() {
            return Err(ConfigError {
                name: "PORTAL_AUTH",
                value: format!("test (listening on {addr})"),
                expected: "off, or test only on a loopback address (127.0.0.1, ::1)",
            });
        }
        Ok(())
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
    fn a_bad_value_names_the_variable_and_the_expected_form() {
        for (name, value, expected) in [
            ("PORTAL_AUTH", "password", "test or off"),
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
