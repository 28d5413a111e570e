//! The embedded SQLite store: WAL, foreign keys on, a busy timeout, and writes that take the write
//! lock up front (`BEGIN IMMEDIATE`) so concurrent writers queue instead of failing.
use super::{
    AccountRow, CaseRow, NewAccount, NewCase, NewUser, SessionRow, StoreError, StoreResult,
    UserRow, impl_store, sql,
};
use crate::domain::{AccountId, CaseId, CaseNumber, CaseStatus, ProductId, UserId};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

/// Migrations in `migrations/sqlite`, embedded in the binary.
pub(super) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");

/// A store on one SQLite file.
#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed, with its folder) the file named by a `sqlite:` URL.
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(StoreError::Other)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        if let Some(dir) = options
            .get_filename()
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Other(sqlx::Error::Io(e)))?;
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(StoreError::Other)?;
        Ok(Self { pool })
    }

    /// The pool, for tests and tools.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    // DIALECT: SQLite's default deferred BEGIN can fail with SQLITE_BUSY when a reader upgrades to a
    // writer; IMMEDIATE takes the write lock first and waits for it under the busy timeout.
    async fn begin_write(&self) -> StoreResult<sqlx::Transaction<'static, Sqlite>> {
        self.pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(StoreError::from_sqlx)
    }
}

impl SqliteStore {
    // DIALECT: `BEGIN IMMEDIATE` already makes a throttle's count-and-record one writer at a time.
    async fn lock_throttle(
        _tx: &mut sqlx::Transaction<'static, Sqlite>,
        _keys: &[String],
    ) -> StoreResult<()> {
        Ok(())
    }
}

impl_store!(SqliteStore, Sqlite, super::Backend::Sqlite);
super::impl_outbox_store!(SqliteStore, Sqlite, sql::CLAIM_OUTBOX_SQLITE);
super::impl_access_store!(SqliteStore, Sqlite);
super::impl_cases_store!(SqliteStore, Sqlite);
super::impl_attachments_store!(SqliteStore, Sqlite);
super::impl_case_list_store!(SqliteStore, Sqlite);
super::impl_case_page_store!(SqliteStore, Sqlite);
super::impl_survey_store!(SqliteStore, Sqlite);
super::impl_knowledge_store!(SqliteStore, Sqlite);
super::impl_security_store!(SqliteStore, Sqlite);
