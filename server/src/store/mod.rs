//! The archive store: SQLite through sqlx, migrated on start.
//!
//! Only this module holds SQL. Reads return the import-format types of
//! `archive::format`; deciding what a viewer may see is `policy`'s job.

mod bodies;
mod cache;
mod import;
mod read;
mod sessions;

use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::SqlitePool;

pub use bodies::MAIN as MAIN_BODY;
pub use import::{ImportError, ImportReport};
pub use read::SubjectRecords;
pub use sessions::{SessionRow, SESSION_LIFETIME};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored record is not readable: {0}")]
    Corrupt(#[from] serde_json::Error),
}

/// How many records (documents, relationships, disclosures) the cache of
/// subjects' records holds by default: about 75 MB of metadata.
pub const DEFAULT_CACHE_RECORDS: u64 = 50_000;

#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
    cache: Option<std::sync::Arc<cache::RecordsCache>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `url`, with
    /// the default cache of subjects' records.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        Self::open_with_cache(url, DEFAULT_CACHE_RECORDS).await
    }

    /// As [`Store::open`], with a cache of at most `cache_records` records (0: none).
    pub async fn open_with_cache(url: &str, cache_records: u64) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        let store = Self {
            pool,
            cache: cache::new(cache_records),
        };
        let split = store.split_old_bodies().await?;
        if split > 0 {
            tracing::info!(documents = split, "bodies moved apart from the metadata");
        }
        Ok(store)
    }

    /// True when no person has been imported yet.
    pub async fn is_empty(&self) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people")
            .fetch_one(&self.pool)
            .await?;
        Ok(n == 0)
    }
}
