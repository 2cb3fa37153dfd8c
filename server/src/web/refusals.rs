//! Anonymous refusals and unauthenticated requests: counted in memory, not
//! written to the audit trail.
//!
//! Anyone can send them by the million. As audit rows they cost a database
//! write each (one client wrote over a thousand rows a second, and a full
//! disk stops every citizen's reads, since the audit fails closed). They
//! name no one's records, so the trail keeps every signed-in read, sign-in
//! and sign-out, and these become counts: per kind (a metric and
//! [`Refusals::counts`]) and per client address in a bounded table, with a
//! log line at the 1st, 2nd, 4th, 8th … refusal of a client.

use std::collections::BTreeMap;
use std::sync::Mutex;

/// Kinds kept apart; more (which the code does not make) fold into one.
const MAX_KINDS: usize = 256;
/// Client addresses remembered; the least recent are forgotten.
const MAX_CLIENTS: usize = 10_000;

/// What was refused: the action, the reason where it is one of the code's
/// own words (never a path or an id a caller sent), and the outcome.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Kind {
    pub action: String,
    pub reason: Option<String>,
    pub outcome: String,
}

pub struct Refusals {
    kinds: Mutex<BTreeMap<Kind, u64>>,
    clients: quick_cache::sync::Cache<String, u64>,
}

impl Default for Refusals {
    fn default() -> Self {
        Refusals {
            kinds: Mutex::default(),
            clients: quick_cache::sync::Cache::new(MAX_CLIENTS),
        }
    }
}

impl Refusals {
    /// Counts one. `reason` is kept only if it is a word of the code's
    /// vocabulary (lower case and `_`, at most 32).
    pub fn count(&self, action: &str, reason: Option<&str>, outcome: &str, client: Option<&str>) {
        let word =
            |s: &str| s.len() <= 32 && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
        let mut kind = Kind {
            action: if word(action) { action } else { "other" }.to_string(),
            reason: reason
                .filter(|r| word(r) && !r.is_empty())
                .map(str::to_string),
            outcome: if word(outcome) { outcome } else { "other" }.to_string(),
        };
        if let Ok(mut kinds) = self.kinds.lock() {
            if kinds.len() >= MAX_KINDS && !kinds.contains_key(&kind) {
                kind = Kind {
                    action: "other".into(),
                    reason: None,
                    outcome: "other".into(),
                };
            }
            *kinds.entry(kind.clone()).or_default() += 1;
        }
        metrics::counter!(
            "portal_anonymous_refusals_total",
            "action" => kind.action.clone(),
            "outcome" => kind.outcome.clone()
        )
        .increment(1);
        let client = client.unwrap_or("unknown");
        let n = self.clients.get(client).unwrap_or(0).saturating_add(1);
        self.clients.insert(client.to_string(), n);
        if n.is_power_of_two() {
            tracing::warn!(
                client,
                action = kind.action,
                reason = kind.reason,
                outcome = kind.outcome,
                count = n,
                "anonymous request refused"
            );
        }
    }

    /// The counts so far, by kind.
    pub fn counts(&self) -> Vec<(Kind, u64)> {
        self.kinds
            .lock()
            .map(|k| k.iter().map(|(k, n)| (k.clone(), *n)).collect())
            .unwrap_or_default()
    }

    /// How many came from `client` (while it is remembered).
    pub fn from_client(&self, client: &str) -> u64 {
        self.clients.get(client).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_ids_are_not_kept_and_kinds_are_bounded() {
        let r = Refusals::default();
        r.count(
            "cross_site",
            Some("/auth/test-login"),
            "refused",
            Some("203.0.113.7"),
        );
        r.count("document", Some("A-123"), "unauthenticated", None);
        for i in 0..1000 {
            r.count(&format!("action{i}"), None, "refused", None);
        }
        let counts = r.counts();
        assert!(counts.len() <= MAX_KINDS + 1, "{}", counts.len());
        assert!(counts.iter().all(|(k, _)| k.reason.is_none()));
        assert_eq!(r.from_client("203.0.113.7"), 1);
        assert_eq!(r.from_client("unknown"), 1001);
    }
}
