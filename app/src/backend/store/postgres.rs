//! The PostgreSQL store, for several `portico` processes sharing one database.
use super::{
    AccountRow, CaseRow, NewAccount, NewCase, NewUser, SessionRow, StoreError, StoreResult,
    UserRow, impl_store, sql,
};
use crate::domain::{AccountId, CaseId, CaseNumber, CaseStatus, ProductId, UserId};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, Postgres};
use std::str::FromStr;
use std::time::Duration;

/// Migrations in `migrations/postgres`, embedded in the binary.
pub(super) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

/// A store on a PostgreSQL database.
#[derive(Clone)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    /// Connects to the database named by a `postgres:` URL.
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let options = PgConnectOptions::from_str(url).map_err(StoreError::Other)?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .map_err(StoreError::Other)?;
        Ok(Self { pool })
    }

    /// The pool, for tests and tools.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    // DIALECT: READ COMMITTED is enough; the counter row's lock orders concurrent writers.
    async fn begin_write(&self) -> StoreResult<sqlx::Transaction<'static, Postgres>> {
        self.pool.begin().await.map_err(StoreError::from_sqlx)
    }
}

impl PostgresStore {
    // DIALECT: under READ COMMITTED two transactions could both count 4 of 5 and both record; a
    // transaction-scoped advisory lock per throttle key (taken in sorted order, so two attempts
    // never wait on each other crosswise) makes count-and-record one at a time per key.
    async fn lock_throttle(
        tx: &mut sqlx::Transaction<'static, Postgres>,
        keys: &[String],
    ) -> StoreResult<()> {
        for key in keys {
            sqlx::query(sql::LOCK_THROTTLE_POSTGRES)
                .bind(key)
                .execute(&mut **tx)
                .await
                .map_err(StoreError::from_sqlx)?;
        }
        Ok(())
    }
}

impl_store!(PostgresStore, Postgres, super::Backend::Postgres);
super::impl_outbox_store!(PostgresStore, Postgres, sql::CLAIM_OUTBOX_POSTGRES);
super::impl_access_store!(PostgresStore, Postgres);
super::impl_cases_store!(PostgresStore, Postgres);
super::impl_attachments_store!(PostgresStore, Postgres);
super::impl_case_list_store!(PostgresStore, Postgres);
super::impl_case_page_store!(PostgresStore, Postgres);
super::impl_survey_store!(PostgresStore, Postgres);
super::impl_knowledge_store!(PostgresStore, Postgres);
super::impl_security_store!(PostgresStore, Postgres);
