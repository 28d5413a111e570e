//! All SQL lives here. One [`Store`] over either database, picked at start from the URL scheme:
//! an embedded SQLite file, or PostgreSQL shared by several `portico` processes.
//!
//! Each method is ordinary Rust written once. [`db!`] runs a method's body against the pool with
//! `DB` naming the backend's sqlx type, and [`tx!`] runs one statement inside a [`Tx`]; both only
//! repeat the two match arms, so rustfmt formats the bodies and go-to-definition reaches them. The
//! SQL text is shared too (`sql.rs`; `$N` placeholders bind by number on both drivers), so the two
//! backends differ only where the dialects do, each difference marked `DIALECT:` beside it. One
//! file per table or aggregate, named after the data.
use crate::backend::jobs::Job;
use crate::domain::case_list::SortKey;
use crate::domain::{
    AccountId, ArticleId, AttachmentId, CaseId, CaseNumber, CaseOrigin, CaseStatus, CommentId,
    Language, Priority, ProductId, ReplyId, Role, UserId,
};
use crate::messages::MessageKey;
use chrono::{DateTime, Utc};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::{ConnectOptions, TransactionManager};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// Runs `$body` against the store's pool: `$pool` is the backend's pool and `$db` its sqlx
/// database type (`sqlx::Sqlite` or `sqlx::Postgres`), so the body is written once for both.
macro_rules! db {
    ($store:expr, |$pool:ident, $db:ident| $body:expr) => {
        match &$store.pool {
            Pool::Sqlite($pool) => {
                #[allow(dead_code, reason = "a body may not name the backend's type")]
                type $db = sqlx::Sqlite;
                $body
            }
            Pool::Postgres($pool) => {
                #[allow(dead_code, reason = "a body may not name the backend's type")]
                type $db = sqlx::Postgres;
                $body
            }
        }
    };
}

/// Runs one statement `$body` inside the transaction `$tx`: `$conn` is its connection and `$db`
/// the backend's sqlx database type.
macro_rules! tx {
    ($tx:expr, |$conn:ident, $db:ident| $body:expr) => {
        match &mut $tx.inner {
            TxInner::Sqlite(t) => {
                #[allow(dead_code, reason = "a statement may not name the backend's type")]
                type $db = sqlx::Sqlite;
                let $conn = &mut **t;
                $body
            }
            TxInner::Postgres(t) => {
                #[allow(dead_code, reason = "a statement may not name the backend's type")]
                type $db = sqlx::Postgres;
                let $conn = &mut **t;
                $body
            }
        }
    };
}

mod access_requests;
mod accounts;
mod attachments;
mod attempts;
mod audit;
mod case_list;
mod cases;
mod changes;
mod comments;
mod drafts;
mod events;
mod inbound;
mod knowledge;
mod mailbox;
mod maintenance;
mod outbox;
mod passkeys;
mod password_links;
mod personal_data;
mod products;
mod query;
mod replies;
mod sessions;
mod settings;
mod sso;
pub use settings::{PUBLIC_KNOWLEDGE, SUPPORT_EMAIL, SUPPORT_PHONE, VIDEO_HOSTS};
pub(crate) mod sql;
mod surveys;
mod tokens;
mod two_factor;
mod users;
mod webhooks;

pub use access_requests::*;
pub use accounts::*;
pub use attachments::*;
pub use attempts::*;
pub use audit::*;
pub use case_list::*;
pub use cases::*;
pub use changes::{ChangeListener, ChangeRow};
pub use comments::*;
pub use events::*;
pub use inbound::*;
pub use knowledge::{
    ArticleDraft, ArticleRow, ArticleSearch, NewArticle, SavedArticle, StaffArticleFilter,
    StaffArticleRow, VoteCount, search_query,
};
pub use mailbox::*;
pub use maintenance::*;
pub use outbox::*;
pub use passkeys::*;
pub use password_links::*;
pub use personal_data::*;
pub use products::*;
pub use query::{Bind, Query, build};
pub use replies::*;
pub use sessions::*;
pub use sso::*;
pub use surveys::*;
pub use tokens::*;
pub use two_factor::*;
pub use users::*;
pub use webhooks::{DeliveryRow, DeliveryWork, WebhookChange, WebhookRow};

/// Migrations in `migrations/sqlite`, embedded in the binary.
static SQLITE_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
/// Migrations in `migrations/postgres`, embedded in the binary.
static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

/// What the store can fail with. Details go to the log; callers decide what the user sees.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No such row.
    #[error("not found")]
    NotFound,
    /// A unique constraint said no; `constraint` names the index (e.g. `users_email_key`).
    #[error("conflict on {constraint}")]
    Conflict {
        /// The violated constraint or index.
        constraint: String,
    },
    /// Every 8-digit case number is taken.
    #[error("case numbers exhausted")]
    CaseNumbersExhausted,
    /// The company already has as many contacts with portal access as its limit allows.
    #[error("portal contact limit {limit} reached")]
    ContactLimitReached {
        /// The company's limit.
        limit: i32,
    },
    /// Work could not be encoded for the outbox (nothing was written).
    #[error("job not encodable: {0}")]
    Encoding(String),
    /// A file named for a new case is not (or no longer) one of its contact's pending uploads.
    #[error("attachment unavailable")]
    AttachmentUnavailable,
    /// The row changed since it was read (another change came first); nothing was written.
    #[error("changed meanwhile")]
    Stale,
    /// A throttle asked inside the change had no room (see `Tx::take_slot`); nothing was written.
    #[error("throttled")]
    Throttled {
        /// The latest of the oldest attempts of the full limits (the wait runs from it).
        oldest: Option<DateTime<Utc>>,
    },
    /// The database cannot be reached now (refused, dropped, shutting down, no connection free in
    /// time): nothing was written, and the same request may succeed a moment later.
    #[error("database unavailable: {0}")]
    Unavailable(sqlx::Error),
    /// Anything else (syntax, decoding, ...).
    #[error(transparent)]
    Other(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        Self::from_sqlx(err)
    }
}

impl StoreError {
    /// Maps sqlx errors: missing rows and unique violations get their own variants.
    pub fn from_sqlx(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::RowNotFound => Self::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => Self::Conflict {
                constraint: db
                    .constraint()
                    .map(str::to_owned)
                    // SQLite names no constraint; its message names the columns instead.
                    .unwrap_or_else(|| db.message().to_owned()),
            },
            _ if Self::is_unavailable(&err) => Self::Unavailable(err),
            _ => Self::Other(err),
        }
    }

    /// Whether `err` says the database is out of reach rather than that the request was wrong:
    /// the connection refused, reset or closed, no pooled connection in time, or PostgreSQL's
    /// connection-exception class (`08…`) and its shutting-down or starting-up codes (`57P01`
    /// admin shutdown, `57P02` crash shutdown, `57P03` cannot connect now).
    fn is_unavailable(err: &sqlx::Error) -> bool {
        match err {
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => true,
            sqlx::Error::Database(db) => db.code().is_some_and(|code| {
                code.starts_with("08") || matches!(code.as_ref(), "57P01" | "57P02" | "57P03")
            }),
            _ => false,
        }
    }
}

impl StoreError {
    /// A unique violation of the constraint on `column` (PostgreSQL names the index, e.g.
    /// `users_email_key`; SQLite's message names `users.email`) becomes `key` next to `field`;
    /// every other error converts as usual. The one way a duplicate reaches a form, so that no
    /// constraint or index name ever reaches the browser.
    pub fn on_constraint(
        self,
        column: &str,
        field: &str,
        key: crate::messages::MessageKey,
    ) -> crate::error::AppError {
        match &self {
            StoreError::Conflict { constraint } if constraint.contains(column) => {
                crate::error::AppError::field(field, key)
            }
            _ => self.into(),
        }
    }
}

impl From<StoreError> for crate::error::AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => Self::NotFound,
            StoreError::Conflict { constraint } => {
                tracing::warn!(constraint, "unmapped unique violation");
                Self::Conflict
            }
            StoreError::ContactLimitReached { .. } => {
                Self::field("portal_access", MessageKey::ContactLimit)
            }
            StoreError::AttachmentUnavailable => Self::field("attachments", MessageKey::FileGone),
            StoreError::Stale => Self::field("_form", MessageKey::CaseChanged),
            StoreError::Unavailable(e) => {
                tracing::warn!(error = %e, "database unavailable");
                Self::Unavailable
            }
            other => {
                tracing::error!(error = %other, "store error");
                Self::Internal
            }
        }
    }
}

/// Result of a store call.
pub type StoreResult<T> = Result<T, StoreError>;

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server (shared by several processes).
    Postgres,
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
pub fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Everything Portico keeps in its database. Cheap to clone (a pool handle).
#[derive(Clone)]
pub struct Store {
    pool: Pool,
    /// Woken after a transaction that enqueued work commits, so this process's worker starts at once
    /// (a hint only: every worker also polls).
    wake: Arc<tokio::sync::Notify>,
    /// Woken after a transaction of this process that announced changes commits, so this process's
    /// live pages hear of them at once ([`Tx::announce`]).
    changed: Arc<tokio::sync::Notify>,
    /// SQLite only: the one connection every write transaction of this process takes, in arrival
    /// order (a fair lock), before `BEGIN IMMEDIATE`. Without it writers waited inside SQLite's
    /// busy handler, which sleeps in steps of up to 100 ms while the lock is free again after a
    /// fraction of one; and a writer that had its turn still waited for a connection behind the
    /// readers. A bare connection rather than a pool of one: a pool pings its connection when
    /// handing it out and again when it comes back, two round trips to SQLite's worker thread
    /// inside every write turn. (Other processes on the same file, such as the command line,
    /// still wait under the busy timeout.)
    writer: Option<Arc<tokio::sync::Mutex<SqliteConnection>>>,
}

#[derive(Clone)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A write transaction. Statements run in it through [`tx!`]; [`Tx::enqueue`] adds outbox work
/// that commits with it, and [`Tx::commit`] then wakes the worker.
pub struct Tx {
    inner: TxInner,
    enqueued: bool,
    wake: Arc<tokio::sync::Notify>,
    /// Changes for live pages, written as the transaction commits ([`Tx::announce`]).
    changes: Vec<changes::PendingChange>,
    changed: Arc<tokio::sync::Notify>,
    /// Events for webhooks, written as the transaction commits ([`Tx::hook`]).
    hooks: Vec<webhooks::PendingHook>,
}

enum TxInner {
    Sqlite(SqliteWrite),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// A write transaction on SQLite: this process's writer connection, held from `BEGIN IMMEDIATE`
/// to the end. Dropped uncommitted, it rolls back before the next writer gets the connection (the
/// rollback is queued on the connection's worker ahead of anything the next writer sends).
struct SqliteWrite {
    conn: tokio::sync::OwnedMutexGuard<SqliteConnection>,
    open: bool,
}

impl SqliteWrite {
    async fn begin(writer: &Arc<tokio::sync::Mutex<SqliteConnection>>) -> StoreResult<Self> {
        let mut conn = Arc::clone(writer).lock_owned().await;
        <sqlx::Sqlite as sqlx::Database>::TransactionManager::begin(
            &mut conn,
            Some("BEGIN IMMEDIATE".into()),
        )
        .await?;
        Ok(Self { conn, open: true })
    }

    async fn finish(mut self, commit: bool) -> StoreResult<()> {
        type Manager = <sqlx::Sqlite as sqlx::Database>::TransactionManager;
        self.open = false;
        if commit {
            Manager::commit(&mut self.conn).await?;
        } else {
            Manager::rollback(&mut self.conn).await?;
        }
        Ok(())
    }
}

impl std::ops::Deref for SqliteWrite {
    type Target = SqliteConnection;
    fn deref(&self) -> &SqliteConnection {
        &self.conn
    }
}

impl std::ops::DerefMut for SqliteWrite {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        &mut self.conn
    }
}

impl Drop for SqliteWrite {
    fn drop(&mut self) {
        if self.open {
            <sqlx::Sqlite as sqlx::Database>::TransactionManager::start_rollback(&mut self.conn);
        }
    }
}

impl Store {
    /// Opens the database named by `url` (`sqlite:` or `postgres:`/`postgresql:`), without
    /// migrating. SQLite runs with WAL, foreign keys on and a busy timeout (its folder is created).
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let mut writer = None;
        let pool = if url.starts_with("sqlite:") {
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
            writer = Some(Arc::new(tokio::sync::Mutex::new(
                options.connect().await.map_err(StoreError::Other)?,
            )));
            Pool::Sqlite(
                SqlitePoolOptions::new()
                    .max_connections(8)
                    // A file on this machine does not hang up: no ping before each read.
                    .test_before_acquire(false)
                    .connect_with(options)
                    .await
                    .map_err(StoreError::Other)?,
            )
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let options = PgConnectOptions::from_str(url).map_err(StoreError::Other)?;
            Pool::Postgres(
                PgPoolOptions::new()
                    .max_connections(16)
                    // A restart of PostgreSQL (a second or two) is waited out; a longer outage
                    // answers 503 (`StoreError::Unavailable`) after this, not a minute later.
                    .acquire_timeout(Duration::from_secs(5))
                    .connect_with(options)
                    .await
                    .map_err(StoreError::Other)?,
            )
        } else {
            return Err(StoreError::Other(sqlx::Error::Configuration(
                "the database URL is neither sqlite: nor postgres:".into(),
            )));
        };
        Ok(Self {
            pool,
            wake: Arc::new(tokio::sync::Notify::new()),
            changed: Arc::new(tokio::sync::Notify::new()),
            writer,
        })
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// The SQLite pool, for tests and tools (`None` on PostgreSQL).
    pub fn sqlite_pool(&self) -> Option<&SqlitePool> {
        match &self.pool {
            Pool::Sqlite(p) => Some(p),
            Pool::Postgres(_) => None,
        }
    }

    /// The PostgreSQL pool, for tests and tools (`None` on SQLite).
    pub fn postgres_pool(&self) -> Option<&PgPool> {
        match &self.pool {
            Pool::Postgres(p) => Some(p),
            Pool::Sqlite(_) => None,
        }
    }

    /// Resolves when a transaction of this process that enqueued work has committed.
    pub async fn work_enqueued(&self) {
        self.wake.notified().await;
    }

    /// Applies pending migrations, then indexes for search the articles an older version of the
    /// app indexed (idempotent, safe to run from several processes).
    pub async fn migrate(&self) -> StoreResult<()> {
        let result = match &self.pool {
            Pool::Sqlite(p) => SQLITE_MIGRATOR.run(p).await,
            Pool::Postgres(p) => POSTGRES_MIGRATOR.run(p).await,
        };
        result.map_err(|e| StoreError::Other(sqlx::Error::Migrate(Box::new(e))))?;
        let indexed = self.reindex_articles().await?;
        if indexed > 0 {
            tracing::info!(articles = indexed, "indexed articles for search");
        }
        Ok(())
    }

    /// A round trip to the database, for `/healthz`.
    pub async fn ping(&self) -> StoreResult<()> {
        db!(self, |pool, DB| sqlx::query::<DB>(sql::PING)
            .execute(pool)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Starts a write transaction.
    // DIALECT: SQLite's default deferred BEGIN can fail with SQLITE_BUSY when a reader upgrades to a
    // writer; IMMEDIATE takes the write lock first and waits for it under the busy timeout.
    // PostgreSQL's READ COMMITTED is enough: row locks (the case-number counter, an account row)
    // order the writers that must be ordered.
    pub async fn begin(&self) -> StoreResult<Tx> {
        let inner = match &self.pool {
            Pool::Sqlite(_) => {
                let writer = self.writer.as_ref().expect("a SQLite store has its writer");
                TxInner::Sqlite(SqliteWrite::begin(writer).await?)
            }
            Pool::Postgres(p) => TxInner::Postgres(p.begin().await?),
        };
        Ok(Tx {
            inner,
            enqueued: false,
            wake: Arc::clone(&self.wake),
            changes: Vec::new(),
            changed: Arc::clone(&self.changed),
            hooks: Vec::new(),
        })
    }
}

impl Tx {
    /// Commits, with the changes it announced for live pages; wakes the worker when work was
    /// enqueued and this process's live feed when changes were announced.
    pub async fn commit(mut self) -> StoreResult<()> {
        let now = Utc::now();
        if !self.hooks.is_empty() {
            self.write_hooks(now).await?;
        }
        self.write_changes(now).await?;
        match self.inner {
            TxInner::Sqlite(t) => t.finish(true).await?,
            TxInner::Postgres(t) => t.commit().await?,
        }
        if self.enqueued {
            self.wake.notify_one();
        }
        if !self.changes.is_empty() {
            self.changed.notify_one();
        }
        Ok(())
    }

    /// Undoes everything (dropping a `Tx` does too).
    pub async fn rollback(self) -> StoreResult<()> {
        match self.inner {
            TxInner::Sqlite(t) => t.finish(false).await?,
            TxInner::Postgres(t) => t.rollback().await?,
        }
        Ok(())
    }
}

/// Names of the migrations of each backend, for the test that keeps the two folders in step.
pub fn migration_names() -> (Vec<String>, Vec<String>) {
    let names = |m: &sqlx::migrate::Migrator| {
        m.iter()
            .map(|m| format!("{}_{}", m.version, m.description))
            .collect()
    };
    (names(&SQLITE_MIGRATOR), names(&POSTGRES_MIGRATOR))
}
