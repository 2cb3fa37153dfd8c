//! Sign-ins in progress at the OpenID provider: what the callback needs to
//! finish one (the PKCE verifier and the nonce), found by the `state` and
//! bound to the browser that started it. Each is used at most once.

use chrono::{DateTime, Utc};

use super::sessions::{hash, OIDC_LOGIN_LIFETIME};
use super::{Store, StoreError};

/// What the callback of a sign-in needs.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PendingLogin {
    pub browser_hash: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub created: String,
}

impl Store {
    /// Remembers a sign-in sent to the provider.
    pub async fn begin_oidc_login(
        &self,
        state: &str,
        browser: &str,
        nonce: &str,
        pkce_verifier: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO oidc_logins (state_hash, browser_hash, nonce, pkce_verifier, created) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(hash(state))
        .bind(hash(browser))
        .bind(nonce)
        .bind(pkce_verifier)
        .bind(now.to_rfc3339())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Takes (and deletes) the sign-in of `state` if `browser` started it
    /// (a `state` alone, from another browser, neither works nor spoils it),
    /// less than ten minutes ago.
    pub async fn take_oidc_login(
        &self,
        state: &str,
        browser: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<PendingLogin>, StoreError> {
        let row: Option<PendingLogin> = sqlx::query_as(
            "DELETE FROM oidc_logins WHERE state_hash = $1 AND browser_hash = $2 \
             RETURNING browser_hash, nonce, pkce_verifier, created",
        )
        .bind(hash(state))
        .bind(hash(browser))
        .fetch_optional(&self.pool)
        .await?;
        let fresh = |p: &PendingLogin| {
            DateTime::parse_from_rfc3339(&p.created)
                .is_ok_and(|t| t.with_timezone(&Utc) + OIDC_LOGIN_LIFETIME > now)
        };
        Ok(row.filter(fresh))
    }
}
