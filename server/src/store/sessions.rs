//! Logins, sessions and the audit trail.

use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::{Store, StoreError};
use crate::archive::format::Person;

/// How long a session lasts without a new login.
pub const SESSION_LIFETIME: Duration = Duration::hours(8);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub person: String,
    /// The child whose records are on screen (issue: guardians); `None` = own records.
    pub subject: Option<String>,
    pub logged_in: DateTime<Utc>,
    /// R-FRONT-3: documents stored after this are "New".
    pub previous_login: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct StoredSessionPerson {
    person: String,
    subject: Option<String>,
    logged_in: String,
    previous_login: Option<String>,
    expires_at: String,
    data: String,
}

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

impl Store {
    /// Records a login and opens a session; returns the secret cookie token.
    pub async fn start_session(
        &self,
        person: &str,
        now: DateTime<Utc>,
    ) -> Result<String, StoreError> {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let token = hex::encode(bytes);
        let mut tx = self.begin_write(super::Lock::Session).await?;
        let previous: Option<String> = sqlx::query_scalar(
            "SELECT logged_in FROM logins WHERE person = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(person)
        .fetch_optional(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO logins (person, logged_in) VALUES ($1, $2)")
            .bind(person)
            .bind(now.to_rfc3339())
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, person, subject, logged_in, previous_login, expires_at) VALUES ($1, $2, NULL, $3, $4, $5)",
        )
        .bind(hash(&token))
        .bind(person)
        .bind(now.to_rfc3339())
        .bind(previous)
        .bind((now + SESSION_LIFETIME).to_rfc3339())
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(now.to_rfc3339())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// The live session of a cookie token with its person, in one query
    /// (one round trip on every request).
    pub async fn session_with_person(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(SessionRow, Person)>, StoreError> {
        let row: Option<StoredSessionPerson> = sqlx::query_as(
            "SELECT s.person, s.subject, s.logged_in, s.previous_login, s.expires_at, p.data \
             FROM sessions s JOIN people p ON p.id = s.person WHERE s.token_hash = $1",
        )
        .bind(hash(token))
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = row else {
            return Ok(None);
        };
        let person: Person = serde_json::from_str(&r.data)?;
        let live = parse_time(&r.expires_at).is_some_and(|t| t > now);
        let session = live
            .then(|| {
                Some(SessionRow {
                    person: r.person,
                    subject: r.subject,
                    logged_in: parse_time(&r.logged_in)?,
                    previous_login: r.previous_login.as_deref().and_then(parse_time),
                })
            })
            .flatten();
        Ok(session.map(|s| (s, person)))
    }

    /// Chooses whose records the session shows (`None` = the viewer's own).
    pub async fn set_subject(&self, token: &str, subject: Option<&str>) -> Result<(), StoreError> {
        sqlx::query("UPDATE sessions SET subject = $1 WHERE token_hash = $2")
            .bind(subject)
            .bind(hash(token))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn end_session(&self, token: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(hash(token))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Appends to the audit trail: who read what, for whom.
    pub async fn audit(
        &self,
        viewer: Option<&str>,
        subject: Option<&str>,
        action: &str,
        target: Option<&str>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO audit_events (at, viewer, subject, action, target) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(Utc::now().to_rfc3339())
        .bind(viewer)
        .bind(subject)
        .bind(action)
        .bind(target)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
