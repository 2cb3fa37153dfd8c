//! The archive store: SQLite (embedded, the default) or PostgreSQL (for a
//! county that outgrows one machine), through sqlx's `Any` driver and chosen
//! by the database URL; migrated on start (`migrations/sqlite`,
//! `migrations/postgres`: the same tables).
//!
//! Only this module holds SQL, written once for both: `$1`-style parameters,
//! text and 64-bit integer columns, `ON CONFLICT` upserts. Where the two
//! differ (how a writing transaction takes its lock) [`Store::begin_write`]
//! decides. Reads return the import-format types of `archive::format`;
//! deciding what a viewer may see is `policy`'s job.

mod audit;
mod bodies;
mod cache;
mod import;
mod oidc;
mod read;
mod sessions;

use std::str::FromStr;

use sqlx::any::AnyPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use sqlx::{Any, AnyPool, Connection, Transaction};

pub use audit::{AuditEntry, AuditRecord, AuditRow, READ_ACTIONS};
pub use bodies::MAIN as MAIN_BODY;
pub use import::{ImportError, ImportReport};
pub use oidc::PendingLogin;
pub use read::SubjectRecords;
pub use sessions::{hash as token_hash, new_token, NewSession, SessionLimits, SessionRow};

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// `sqlite:…` or `postgres://…` / `postgresql://…`; anything else is refused.
    pub fn of(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// What a writing transaction serialises with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lock {
    /// Imports (and the split of old bodies): one at a time, whichever process.
    Import,
    /// A login: a few rows of its own.
    Session,
}

/// The PostgreSQL advisory lock that imports hold (any fixed number).
const IMPORT_LOCK: i64 = 0x706f_7274_616c;

/// The one sign-ins take (a sign-in counts and trims the person's sessions
/// and logins: two at once must not both see five).
const SESSION_LOCK: i64 = 0x706f_7274_7365;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("unsupported database URL (expected sqlite:… or postgres://…)")]
    Url,
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored record is not readable: {0}")]
    Corrupt(#[from] serde_json::Error),
    /// A body that could not be compressed for storing, or read back.
    #[error("document body not stored or not readable: {0}")]
    Packed(std::io::Error),
    /// The failure of a transaction that several requests shared (the
    /// audit trail's group commit): each of them gets it.
    #[error("{0}")]
    Shared(std::sync::Arc<StoreError>),
}

impl StoreError {
    /// The database is away (not answering, no connection to be had), as
    /// opposed to a request it refused: the answer is 503, and it passes.
    pub fn is_unavailable(&self) -> bool {
        if let StoreError::Shared(e) = self {
            return e.is_unavailable();
        }
        matches!(
            self,
            StoreError::Db(
                sqlx::Error::PoolTimedOut
                    | sqlx::Error::PoolClosed
                    | sqlx::Error::Io(_)
                    | sqlx::Error::Tls(_)
                    | sqlx::Error::WorkerCrashed
            )
        ) || matches!(self, StoreError::Db(sqlx::Error::Database(e)) if is_unavailable_code(e.code().as_deref()))
    }
}

/// PostgreSQL's "the server is shutting down / not accepting connections"
/// (class 57P, 08006: SQLSTATEs have five characters) and SQLite's "busy",
/// "I/O error", "disk full" and "cannot open", with their extended codes
/// (the primary code is the low byte).
fn is_unavailable_code(code: Option<&str>) -> bool {
    let Some(c) = code else {
        return false;
    };
    if c.len() == 5 {
        return c.starts_with("57P") || c == "08006";
    }
    c.parse::<u32>()
        .is_ok_and(|n| matches!(n & 0xff, 5 | 10 | 13 | 14))
}

#[cfg(test)]
mod unavailable_tests {
    use super::is_unavailable_code;

    #[test]
    fn database_codes_that_mean_come_back_later() {
        for c in [
            "57P01", "57P03", "08006", "5", "10", "266", "522", "13", "14", "1038",
        ] {
            assert!(is_unavailable_code(Some(c)), "{c}");
        }
        for c in ["23505", "40001", "42P01", "1", "19", "2067", "11", "abc"] {
            assert!(!is_unavailable_code(Some(c)), "{c}");
        }
        assert!(!is_unavailable_code(None));
    }
}

/// How many records (documents, relationships, disclosures) the cache of
/// subjects' records holds by default: about 75 MB of metadata.
pub const DEFAULT_CACHE_RECORDS: u64 = 50_000;

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    cache: Option<std::sync::Arc<cache::RecordsCache>>,
    audit_queue: std::sync::Arc<audit::AuditQueue>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").finish_non_exhaustive()
    }
}

/// Migrates a SQLite store. sqlx takes no lock on SQLite: a second process
/// starting at the same moment can read the list of applied migrations before
/// the first commits one and then fail on a table the first just created.
/// Each migration is one transaction, so trying again (a few times, briefly)
/// finds it recorded.
async fn migrate_sqlite(pool: &AnyPool) -> Result<(), StoreError> {
    let mut tries = 0;
    loop {
        match sqlx::migrate!("./migrations/sqlite").run(pool).await {
            Ok(()) => return Ok(()),
            Err(e) if tries < 20 => {
                tries += 1;
                tracing::debug!(error = %e, tries, "migration raced another process; again");
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
}

async fn readiness_of(pool: &AnyPool, backend: Backend) -> Result<Readiness, StoreError> {
    let _: i64 = sqlx::query_scalar("SELECT 1").fetch_one(pool).await?;
    let applied: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
            .fetch_one(pool)
            .await
            .unwrap_or(None);
    let expected = newest_migration(backend);
    Ok(if applied == expected {
        Readiness::Ready
    } else {
        Readiness::NotMigrated { applied, expected }
    })
}

/// The rows of `prefix ($1, …) suffix` for each chunk of `ids` (500 at a
/// time, within both databases' parameter limits), decoded as `T`. Every
/// `IN (…)` query of the store is built here.
pub(crate) async fn rows_in<T>(
    tx: &mut Transaction<'_, Any>,
    prefix: &str,
    ids: &[&str],
    suffix: &str,
) -> Result<Vec<T>, sqlx::Error>
where
    T: Send + Unpin + for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
{
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!("{prefix} ({}){suffix}", marks.join(","));
        let mut q = sqlx::query_as::<_, T>(&sql);
        for id in chunk {
            q = q.bind(*id);
        }
        out.extend(q.fetch_all(&mut **tx).await?);
    }
    Ok(out)
}

/// The pool: a bounded wait for a connection, so that with the database
/// gone a request fails within seconds (503) instead of hanging; sqlx
/// reconnects by itself when the database is back.
///
/// SQLite has one writer at a time, and every page writes (its audit row):
/// while an import holds the write lock, a page waits for it (up to 30 s,
/// `busy_timeout`) rather than failing after sqlx's default 5 s.
fn pool_options(backend: Backend) -> AnyPoolOptions {
    let options = AnyPoolOptions::new()
        .max_connections(match backend {
            Backend::Sqlite => 8,
            Backend::Postgres => 16,
        })
        .acquire_timeout(std::time::Duration::from_secs(3));
    match backend {
        // A SQLite connection is a file this process holds open: the ping
        // sqlx sends before handing one out (a round trip to the
        // connection's thread, before each statement of a page) can find
        // nothing wrong with it. PostgreSQL's connections can break (a
        // restart, the network): they keep it.
        Backend::Sqlite => options
            .test_before_acquire(false)
            .after_connect(|conn, _| {
                Box::pin(async move {
                    sqlx::query("PRAGMA busy_timeout = 30000")
                        .execute(conn)
                        .await
                        .map(|_| ())
                })
            })
            // SQLite rolls a transaction back by itself on some failures (a
            // full disk), and sqlx-sqlite 0.8 then goes on counting it as
            // open: every later `BEGIN IMMEDIATE` on that connection would be
            // refused. Such a connection is closed, not pooled again.
            .after_release(|conn, _| {
                Box::pin(async move { Ok(!sqlx::Connection::is_in_transaction(conn)) })
            }),
        Backend::Postgres => options,
    }
}

/// The newest migration this program carries.
fn newest_migration(backend: Backend) -> Option<i64> {
    let migrator = match backend {
        Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
        Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
    };
    migrator.iter().map(|m| m.version).max()
}

/// What `server check` and `/readyz` find.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Readiness {
    Ready,
    /// The database answers but its tables are not this program's (`server migrate`).
    NotMigrated {
        applied: Option<i64>,
        expected: Option<i64>,
    },
}

/// The names of `pending_upgrades` rows (migration 0010).
const PEOPLE_SEARCH: &str = "people_search";
pub(crate) const PACK_BODIES: &str = "pack_bodies";
pub(crate) const SPLIT_BODIES: &str = "split_bodies";

/// Marks an upgrade done, in the transaction that did it.
pub(crate) async fn upgraded(
    tx: &mut Transaction<'static, Any>,
    name: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM pending_upgrades WHERE name = $1")
        .bind(name)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

impl Store {
    /// Does the database answer, with the tables this program expects?
    /// (Neither creates nor migrates anything.)
    pub async fn readiness(&self) -> Result<Readiness, StoreError> {
        readiness_of(&self.pool, self.backend).await
    }

    /// [`Store::readiness`] of the database at `url`, without opening a
    /// store (nothing is created or migrated): `server check`.
    pub async fn check(url: &str) -> Result<Readiness, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of(url).ok_or(StoreError::Url)?;
        let url = match backend {
            // Never create the file: a missing store is an error here.
            Backend::Sqlite if !url.contains("mode=") => {
                format!("{url}{}mode=rw", if url.contains('?') { '&' } else { '?' })
            }
            _ => url.to_string(),
        };
        let pool = pool_options(backend)
            .max_connections(1)
            .connect(&url)
            .await?;
        let r = readiness_of(&pool, backend).await;
        pool.close().await;
        r
    }

    /// Opens (creating if needed) and migrates the database at `url`, with
    /// the default cache of subjects' records.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        Self::open_with_cache(url, DEFAULT_CACHE_RECORDS).await
    }

    /// As [`Store::open`], with a cache of at most `cache_records` records (0: none).
    pub async fn open_with_cache(url: &str, cache_records: u64) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of(url).ok_or(StoreError::Url)?;
        if backend == Backend::Sqlite {
            // Create the file and switch it to write-ahead logging (a setting
            // the file keeps) before the pool opens it.
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal);
            sqlx::SqliteConnection::connect_with(&options)
                .await?
                .close()
                .await?;
        }
        let pool = pool_options(backend).connect(url).await?;
        match backend {
            Backend::Sqlite => migrate_sqlite(&pool).await?,
            // sqlx holds an advisory lock while it migrates PostgreSQL.
            Backend::Postgres => sqlx::migrate!("./migrations/postgres").run(&pool).await?,
        }
        let store = Self {
            pool,
            backend,
            cache: cache::new(cache_records),
            audit_queue: std::sync::Arc::default(),
        };
        store.run_pending_upgrades().await?;
        Ok(store)
    }

    /// The work migration 0010 found for the program when it migrated this
    /// store (rows stored before an earlier migration). Each is done in one
    /// transaction that also deletes its row of `pending_upgrades`; a store
    /// with nothing left to do is opened without reading its documents.
    async fn run_pending_upgrades(&self) -> Result<(), StoreError> {
        let pending: Vec<String> = sqlx::query_scalar("SELECT name FROM pending_upgrades")
            .fetch_all(&self.pool)
            .await?;
        let is_pending = |name: &str| pending.iter().any(|p| p == name);
        if is_pending(PEOPLE_SEARCH) {
            self.fill_people_search().await?;
        }
        // Before the split, which looks for bodies in `document_parts`.
        if is_pending(PACK_BODIES) {
            let packed = self.pack_old_bodies().await?;
            tracing::info!(bodies = packed, "bodies compressed");
        }
        if is_pending(SPLIT_BODIES) {
            let split = self.split_old_bodies().await?;
            tracing::info!(documents = split, "bodies moved apart from the metadata");
        }
        Ok(())
    }

    /// Fills the search column of persons stored before migration 0005.
    async fn fill_people_search(&self) -> Result<(), StoreError> {
        // Read under the import lock, so an import by another process cannot
        // change a name between the read and the write.
        let mut tx = self.begin_write(Lock::Import).await?;
        let rows: Vec<String> = sqlx::query_scalar("SELECT data FROM people WHERE search = ''")
            .fetch_all(&mut *tx)
            .await?;
        for row in rows {
            let p: crate::archive::format::Person = serde_json::from_str(&row)?;
            sqlx::query("UPDATE people SET search = $1 WHERE id = $2")
                .bind(import::person_search(&p))
                .bind(&p.id)
                .execute(&mut *tx)
                .await?;
        }
        upgraded(&mut tx, PEOPLE_SEARCH).await?;
        tx.commit().await?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Connections of the pool: (open, idle).
    pub fn pool_use(&self) -> (u32, usize) {
        (self.pool.size(), self.pool.num_idle())
    }

    /// A writing transaction. SQLite: `BEGIN IMMEDIATE` (the write lock at
    /// once, so two writers never deadlock on an upgrade). PostgreSQL: a
    /// transaction-scoped advisory lock per kind, so imports (and sign-ins)
    /// from several processes run one after another, as on SQLite.
    pub(crate) async fn begin_write(
        &self,
        lock: Lock,
    ) -> Result<Transaction<'static, Any>, StoreError> {
        match self.backend {
            Backend::Sqlite => Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?),
            Backend::Postgres => {
                let mut tx = self.pool.begin().await?;
                let key = match lock {
                    Lock::Import => IMPORT_LOCK,
                    Lock::Session => SESSION_LOCK,
                };
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(key)
                    .execute(&mut *tx)
                    .await?;
                Ok(tx)
            }
        }
    }

    /// A read transaction that sees one snapshot: SQLite in write-ahead-log
    /// mode takes it at the first read; PostgreSQL needs repeatable read.
    pub(crate) async fn begin_read(&self) -> Result<Transaction<'static, Any>, StoreError> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin().await?,
            Backend::Postgres => {
                self.pool
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    .await?
            }
        })
    }

    /// True when no person has been imported yet.
    pub async fn is_empty(&self) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people")
            .fetch_one(&self.pool)
            .await?;
        Ok(n == 0)
    }
}
