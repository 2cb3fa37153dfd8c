//! Logins and sessions.
//!
//! The rule, in one place:
//! - a sign-in opens a new session under a new random token; the session the
//!   same browser carried before (its cookie) ends;
//! - choosing whose records are on screen gives the session a new token
//!   ([`Store::rotate_session`]);
//! - a session ends after `idle` without a request (default 30 min) and
//!   `absolute` after sign-in (default 8 h), whichever comes first;
//! - a person keeps their sessions on other devices, at most `per_person`
//!   (default 5): a sign-in beyond that ends the oldest;
//! - ended sessions are deleted at every sign-in and by [`Store::prune`];
//!   of the logins, only the two newest of each person are kept (R-FRONT-3
//!   needs the previous one).
//!
//! The database holds only a SHA-256 of each token.

use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::{Store, StoreError};
use crate::archive::format::Person;

/// How long sessions last, and how many one person may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionLimits {
    pub idle: Duration,
    pub absolute: Duration,
    pub per_person: u32,
}

impl Default for SessionLimits {
    fn default() -> Self {
        SessionLimits {
            idle: Duration::minutes(30),
            absolute: Duration::hours(8),
            per_person: 5,
        }
    }
}

/// Activity is written at most this often (a write on every request would
/// serialise readers on SQLite); the idle timeout is exact to this much.
const TOUCH_EVERY: Duration = Duration::seconds(60);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub person: String,
    /// The child whose records are on screen (issue: guardians); `None` = own records.
    pub subject: Option<String>,
    pub logged_in: DateTime<Utc>,
    /// R-FRONT-3: documents stored after this are "New".
    pub previous_login: Option<DateTime<Utc>>,
    /// The language the person chose in the portal (`fi`, `sv`, `en`), if any.
    pub lang: Option<String>,
}

#[derive(sqlx::FromRow)]
struct StoredSessionPerson {
    person: String,
    subject: Option<String>,
    logged_in: String,
    previous_login: Option<String>,
    expires_at: String,
    last_seen: String,
    data: String,
    lang: Option<String>,
}

/// A sign-in: who, and the session this browser had before.
pub struct NewSession<'a> {
    pub person: &'a str,
    /// The token of the session this browser carried before, if any.
    pub replaces: Option<&'a str>,
}

pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A new random secret (32 bytes, 64 hex digits).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
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
        new: NewSession<'_>,
        now: DateTime<Utc>,
        limits: SessionLimits,
    ) -> Result<String, StoreError> {
        let token = new_token();
        let mut tx = self.begin_write(super::Lock::Session).await?;
        if let Some(old) = new.replaces {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(hash(old))
                .execute(&mut *tx)
                .await?;
        }
        let previous: Option<String> = sqlx::query_scalar(
            "SELECT logged_in FROM logins WHERE person = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(new.person)
        .fetch_optional(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO logins (person, logged_in) VALUES ($1, $2)")
            .bind(new.person)
            .bind(now.to_rfc3339())
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "DELETE FROM logins WHERE person = $1 AND id NOT IN \
             (SELECT id FROM logins WHERE person = $1 ORDER BY id DESC LIMIT 2)",
        )
        .bind(new.person)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, person, subject, logged_in, previous_login, expires_at, last_seen) \
             VALUES ($1, $2, NULL, $3, $4, $5, $3)",
        )
        .bind(hash(&token))
        .bind(new.person)
        .bind(now.to_rfc3339())
        .bind(previous)
        .bind((now + limits.absolute).to_rfc3339())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "DELETE FROM sessions WHERE person = $1 AND token_hash NOT IN \
             (SELECT token_hash FROM sessions WHERE person = $1 ORDER BY logged_in DESC, token_hash LIMIT $2)",
        )
        .bind(new.person)
        .bind(i64::from(limits.per_person.max(1)))
        .execute(&mut *tx)
        .await?;
        prune_in(&mut tx, now, limits).await?;
        tx.commit().await?;
        Ok(token)
    }

    /// The live session of a cookie token with its person, in one query
    /// (one round trip on every request; one more, at most once a minute,
    /// to note the activity).
    pub async fn session_with_person(
        &self,
        token: &str,
        now: DateTime<Utc>,
        limits: SessionLimits,
    ) -> Result<Option<(SessionRow, Person)>, StoreError> {
        let row: Option<StoredSessionPerson> = sqlx::query_as(
            "SELECT s.person, s.subject, s.logged_in, s.previous_login, s.expires_at, s.last_seen, p.data, l.lang \
             FROM sessions s JOIN people p ON p.id = s.person \
             LEFT JOIN language_choices l ON l.person = s.person WHERE s.token_hash = $1",
        )
        .bind(hash(token))
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = row else {
            return Ok(None);
        };
        let person: Person = serde_json::from_str(&r.data)?;
        let expires = parse_time(&r.expires_at);
        let seen = parse_time(&r.last_seen);
        let live = expires.is_some_and(|t| t > now) && seen.is_some_and(|t| t + limits.idle > now);
        if !live {
            return Ok(None);
        }
        if seen.is_some_and(|t| now - t >= TOUCH_EVERY) {
            sqlx::query("UPDATE sessions SET last_seen = $1 WHERE token_hash = $2")
                .bind(now.to_rfc3339())
                .bind(hash(token))
                .execute(&self.pool)
                .await?;
        }
        let Some(logged_in) = parse_time(&r.logged_in) else {
            return Ok(None);
        };
        let session = SessionRow {
            person: r.person,
            subject: r.subject,
            logged_in,
            previous_login: r.previous_login.as_deref().and_then(parse_time),
            lang: r.lang,
        };
        Ok(Some((session, person)))
    }

    /// Keeps the language `person` chose (one per person; the last choice wins).
    pub async fn set_language(
        &self,
        person: &str,
        lang: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO language_choices (person, lang, chosen_at) VALUES ($1, $2, $3) \
             ON CONFLICT (person) DO UPDATE SET lang = excluded.lang, chosen_at = excluded.chosen_at",
        )
        .bind(person)
        .bind(lang)
        .bind(now.to_rfc3339())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Chooses whose records the session shows (`None` = the viewer's own),
    /// under a new token: the old one no longer works. `None` when the
    /// session is gone.
    pub async fn rotate_session(
        &self,
        token: &str,
        subject: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, StoreError> {
        let new = new_token();
        let changed = sqlx::query(
            "UPDATE sessions SET token_hash = $1, subject = $2, last_seen = $3 WHERE token_hash = $4",
        )
        .bind(hash(&new))
        .bind(subject)
        .bind(now.to_rfc3339())
        .bind(hash(token))
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok((changed == 1).then_some(new))
    }

    /// Sets the subject without a new token: only for the automatic return
    /// to one's own records, which takes rights away rather than adding any.
    pub async fn set_subject(&self, token: &str, subject: Option<&str>) -> Result<(), StoreError> {
        sqlx::query("UPDATE sessions SET subject = $1 WHERE token_hash = $2")
            .bind(subject)
            .bind(hash(token))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Ends a session.
    pub async fn end_session(&self, token: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(hash(token))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Deletes every ended session and abandoned OpenID sign-in; how many.
    pub async fn prune(
        &self,
        now: DateTime<Utc>,
        limits: SessionLimits,
    ) -> Result<u64, StoreError> {
        let mut tx = self.begin_write(super::Lock::Session).await?;
        let n = prune_in(&mut tx, now, limits).await?;
        tx.commit().await?;
        Ok(n)
    }

    /// How many sessions the store holds (for tests and metrics).
    pub async fn session_count(&self, person: &str) -> Result<i64, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE person = $1")
                .bind(person)
                .fetch_one(&self.pool)
                .await?,
        )
    }
}

/// How long a sign-in at the OpenID provider may take.
pub const OIDC_LOGIN_LIFETIME: Duration = Duration::minutes(10);

async fn prune_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    now: DateTime<Utc>,
    limits: SessionLimits,
) -> Result<u64, StoreError> {
    let sessions = sqlx::query("DELETE FROM sessions WHERE expires_at < $1 OR last_seen < $2")
        .bind(now.to_rfc3339())
        .bind((now - limits.idle).to_rfc3339())
        .execute(&mut **tx)
        .await?
        .rows_affected();
    let logins = sqlx::query("DELETE FROM oidc_logins WHERE created < $1")
        .bind((now - OIDC_LOGIN_LIFETIME).to_rfc3339())
        .execute(&mut **tx)
        .await?
        .rows_affected();
    Ok(sessions + logins)
}
