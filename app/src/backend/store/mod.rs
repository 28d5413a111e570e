//! All SQL lives here. One `Store` trait, two implementations (SQLite and PostgreSQL) picked at start
//! from the URL scheme and held as `Arc<dyn Store>`. Both run the same SQL text (`sql.rs`, `$N`
//! placeholders work on both drivers) through one macro-generated body (`impl_store!`), so they
//! differ only where the dialects do: connecting, migrations, and what `DIALECT` notes say.
use crate::domain::{AccountId, CaseId, CaseNumber, ProductId, UserId};
use chrono::{DateTime, Utc};
use std::sync::Arc;

mod access;
mod attachments;
mod case_list;
mod case_page;
mod cases;
mod knowledge;
mod outbox;
mod postgres;
mod security;
mod sql;
mod sqlite;
mod surveys;

pub use access::*;
pub use attachments::*;
pub use case_list::*;
pub use case_page::*;
pub use cases::*;
pub use knowledge::{ArticleRow, KnowledgeStore, NewArticle};
pub use outbox::*;

pub use postgres::PostgresStore;
pub use security::*;
pub use sqlite::SqliteStore;
pub use surveys::{CaseUpdate, CaseUpdateMailRow, SurveyRow, SurveyStore};

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
    /// A file named for a new case is not (or no longer) one of its contact's pending uploads.
    #[error("attachment unavailable")]
    AttachmentUnavailable,
    /// Anything else (connection, syntax, ...).
    #[error(transparent)]
    Other(#[from] sqlx::Error),
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
            _ => Self::Other(err),
        }
    }
}

impl From<StoreError> for crate::error::AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => Self::NotFound,
            StoreError::Conflict { constraint } => Self::Conflict(constraint),
            StoreError::ContactLimitReached { .. } => {
                Self::field("portal_access", "error_contact_limit")
            }
            StoreError::AttachmentUnavailable => Self::field("attachments", "error_file_gone"),
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

/// Input for a new company.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// Company name, unique regardless of case.
    pub name: String,
    /// Company phone.
    pub phone: String,
    /// Country name as shown to people.
    pub country: String,
    /// How many contacts may have portal access.
    pub portal_contact_limit: i32,
}

/// A company as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AccountRow {
    /// Id.
    pub id: AccountId,
    /// Name.
    pub name: String,
    /// Phone.
    pub phone: String,
    /// Country.
    pub country: String,
    /// Portal contact limit.
    pub portal_contact_limit: i32,
    /// When it was added.
    pub created_at: DateTime<Utc>,
}

/// Input for a new person. `email` must already be normalized.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Lower-case email, unique: the username.
    pub email: String,
    /// Full name.
    pub name: String,
    /// Phone.
    pub phone: String,
    /// Role code (`customer`, `agent`, `admin`).
    pub role: crate::domain::Role,
    /// Language code.
    pub language: crate::domain::Language,
    /// The company, for customers only.
    pub account_id: Option<AccountId>,
    /// Whether the person may sign in.
    pub active: bool,
    /// argon2id PHC string, if a password is set.
    pub password_hash: Option<String>,
}

/// A person as stored. Holds the password hash, so it never leaves the server (no `Serialize`).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct UserRow {
    /// Id.
    pub id: UserId,
    /// Lower-case email.
    pub email: String,
    /// Full name.
    pub name: String,
    /// Phone.
    pub phone: String,
    /// Role code.
    pub role: String,
    /// Language code.
    pub language: String,
    /// Company (customers).
    pub account_id: Option<AccountId>,
    /// May sign in.
    pub active: bool,
    /// argon2id PHC string.
    pub password_hash: Option<String>,
    /// When it was added.
    pub created_at: DateTime<Utc>,
}

/// A product as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ProductRow {
    /// Id.
    pub id: ProductId,
    /// Name.
    pub name: String,
    /// Offered for new cases.
    pub active: bool,
}

/// Input for a new case; the store allocates the number.
#[derive(Debug, Clone)]
pub struct NewCase {
    /// Subject line.
    pub subject: String,
    /// Description.
    pub description: String,
    /// Product, if chosen.
    pub product_id: Option<ProductId>,
    /// Country.
    pub country: String,
    /// How it arrived.
    pub origin: crate::domain::CaseOrigin,
    /// The customer's company.
    pub account_id: AccountId,
    /// The contact who asked.
    pub contact_id: UserId,
    /// Opening time.
    pub opened_at: DateTime<Utc>,
    /// Random reference carried by the subject of every email about the case.
    pub thread_token: String,
    /// The contact's pending uploads that become the case's attachments.
    pub attachments: Vec<crate::domain::AttachmentId>,
}

/// A case as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CaseRow {
    /// Id.
    pub id: CaseId,
    /// The 8-digit number.
    pub number: CaseNumber,
    /// Subject.
    pub subject: String,
    /// Description.
    pub description: String,
    /// Product.
    pub product_id: Option<ProductId>,
    /// Country.
    pub country: String,
    /// Status code.
    pub status: String,
    /// Origin code.
    pub origin: String,
    /// Company.
    pub account_id: AccountId,
    /// Contact.
    pub contact_id: UserId,
    /// Resolution text.
    pub resolution: String,
    /// Opened.
    pub opened_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// Closed, if it is.
    pub closed_at: Option<DateTime<Utc>>,
    /// Email thread reference.
    pub thread_token: Option<String>,
}

/// A live session with its user, as the session lookup returns it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SessionRow {
    /// Session id.
    pub session_id: i64,
    /// Last request seen on it.
    pub last_seen_at: DateTime<Utc>,
    /// Opened with a temporary password: only "set a new password" is reachable.
    pub must_change_password: bool,
    /// The user.
    pub user_id: UserId,
    /// Email.
    pub email: String,
    /// Name.
    pub name: String,
    /// Role code.
    pub role: String,
    /// Language code.
    pub language: String,
    /// Company (customers).
    pub account_id: Option<AccountId>,
}

/// Everything Portico keeps in its database. Grows one area at a time with the issues; newer areas
/// are their own traits (`OutboxStore`, `AccessStore`) that `Store` combines.
#[async_trait::async_trait]
pub trait Store:
    OutboxStore
    + AccessStore
    + CasesStore
    + CaseListStore
    + CasePageStore
    + AttachmentsStore
    + SurveyStore
    + KnowledgeStore
    + SecurityStore
    + Send
    + Sync
    + 'static
{
    /// Which database this is.
    fn backend(&self) -> Backend;
    /// Applies pending migrations (idempotent, safe to run from several processes).
    async fn migrate(&self) -> StoreResult<()>;
    /// A round trip to the database, for `/healthz`.
    async fn ping(&self) -> StoreResult<()>;

    /// Adds a company.
    async fn insert_account(&self, account: &NewAccount) -> StoreResult<AccountId>;
    /// Finds a company by name, ignoring case.
    async fn find_account_by_name(&self, name: &str) -> StoreResult<Option<AccountRow>>;
    /// Counts companies.
    async fn count_accounts(&self) -> StoreResult<i64>;

    /// Adds a person; a taken email is `Conflict { users_email_key }`.
    async fn insert_user(&self, user: &NewUser) -> StoreResult<UserId>;
    /// Finds a person by (normalized) email.
    async fn find_user_by_email(&self, email: &str) -> StoreResult<Option<UserRow>>;

    /// A person by id.
    async fn get_user(&self, id: UserId) -> StoreResult<UserRow>;

    /// Stores a new session (only the token's hash).
    async fn insert_session(
        &self,
        token_hash: &str,
        user: UserId,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
        must_change_password: bool,
    ) -> StoreResult<()>;
    /// The session with this token hash and its user, if it is neither expired (absolute), idle since
    /// `idle_since`, nor the user deactivated.
    async fn find_session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
        idle_since: DateTime<Utc>,
    ) -> StoreResult<Option<SessionRow>>;
    /// Records activity on a session.
    async fn touch_session(&self, session_id: i64, now: DateTime<Utc>) -> StoreResult<()>;
    /// Ends one session (sign-out).
    async fn delete_session(&self, token_hash: &str) -> StoreResult<()>;
    /// Ends every session of a user (password change, deactivation).
    async fn delete_user_sessions(&self, user: UserId) -> StoreResult<u64>;

    /// Sets a new password hash, drops any temporary password, and ends every other session of the
    /// user (all of them when `keep` is `None`; `keep` may then work normally again), in one
    /// transaction. Returns how many sessions ended.
    async fn update_password(
        &self,
        user: UserId,
        hash: &str,
        keep: Option<i64>,
    ) -> StoreResult<u64>;

    /// Adds a product, or leaves an existing one of that name (any case) as it is; returns its id.
    async fn ensure_product(&self, name: &str, active: bool) -> StoreResult<ProductId>;
    /// Counts products.
    async fn count_products(&self) -> StoreResult<i64>;

    /// Opens a case: allocates the next case number, inserts the case and enqueues `jobs` (its
    /// emails) in one transaction, so concurrent creations get distinct numbers in order and no
    /// case exists without its email.
    async fn insert_case(&self, case: &NewCase, jobs: &[NewJob]) -> StoreResult<CaseRow>;
    /// A case by id.
    async fn get_case(&self, id: CaseId) -> StoreResult<CaseRow>;
}

/// Opens the database named by `url` (`sqlite:` or `postgres:`/`postgresql:`), without migrating.
pub async fn connect(url: &str) -> StoreResult<Arc<dyn Store>> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::connect(url).await?))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Arc::new(PostgresStore::connect(url).await?))
    } else {
        Err(StoreError::Other(sqlx::Error::Configuration(
            format!("unsupported database URL scheme in {url:?}").into(),
        )))
    }
}

/// Names of the migrations of each backend, for the test that keeps the two folders in step.
pub fn migration_names() -> (Vec<String>, Vec<String>) {
    let names = |m: &sqlx::migrate::Migrator| {
        m.iter()
            .map(|m| format!("{}_{}", m.version, m.description))
            .collect()
    };
    (names(&sqlite::MIGRATOR), names(&postgres::MIGRATOR))
}

/// The body both implementations share: same SQL, same binds; `$db` is the sqlx database type.
macro_rules! impl_store {
    ($store:ty, $db:ty, $backend:expr) => {
        #[async_trait::async_trait]
        impl $crate::backend::store::Store for $store {
            fn backend(&self) -> $crate::backend::store::Backend {
                $backend
            }

            async fn migrate(&self) -> StoreResult<()> {
                MIGRATOR
                    .run(&self.pool)
                    .await
                    .map_err(|e| StoreError::Other(sqlx::Error::Migrate(Box::new(e))))
            }

            async fn ping(&self) -> StoreResult<()> {
                sqlx::query(sql::PING)
                    .execute(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                Ok(())
            }

            async fn insert_account(&self, a: &NewAccount) -> StoreResult<AccountId> {
                sqlx::query_scalar::<$db, AccountId>(sql::INSERT_ACCOUNT)
                    .bind(&a.name)
                    .bind(&a.phone)
                    .bind(&a.country)
                    .bind(a.portal_contact_limit)
                    .bind(chrono::Utc::now())
                    .fetch_one(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn find_account_by_name(&self, name: &str) -> StoreResult<Option<AccountRow>> {
                sqlx::query_as::<$db, AccountRow>(sql::FIND_ACCOUNT_BY_NAME)
                    .bind(name)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn count_accounts(&self) -> StoreResult<i64> {
                sqlx::query_scalar::<$db, i64>(sql::COUNT_ACCOUNTS)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn insert_user(&self, u: &NewUser) -> StoreResult<UserId> {
                sqlx::query_scalar::<$db, UserId>(sql::INSERT_USER)
                    .bind(&u.email)
                    .bind(&u.name)
                    .bind(&u.phone)
                    .bind(u.role.code())
                    .bind(u.language.code())
                    .bind(u.account_id)
                    .bind(u.active)
                    .bind(&u.password_hash)
                    .bind(chrono::Utc::now())
                    .fetch_one(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn find_user_by_email(&self, email: &str) -> StoreResult<Option<UserRow>> {
                sqlx::query_as::<$db, UserRow>(sql::FIND_USER_BY_EMAIL)
                    .bind(email)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn get_user(&self, id: UserId) -> StoreResult<UserRow> {
                sqlx::query_as::<$db, UserRow>(sql::FIND_USER_BY_ID)
                    .bind(id)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn insert_session(
                &self,
                token_hash: &str,
                user: UserId,
                now: chrono::DateTime<chrono::Utc>,
                expires_at: chrono::DateTime<chrono::Utc>,
                must_change_password: bool,
            ) -> StoreResult<()> {
                sqlx::query::<$db>(sql::INSERT_SESSION)
                    .bind(token_hash)
                    .bind(user)
                    .bind(now)
                    .bind(expires_at)
                    .bind(must_change_password)
                    .execute(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                Ok(())
            }

            async fn find_session(
                &self,
                token_hash: &str,
                now: chrono::DateTime<chrono::Utc>,
                idle_since: chrono::DateTime<chrono::Utc>,
            ) -> StoreResult<Option<SessionRow>> {
                sqlx::query_as::<$db, SessionRow>(sql::FIND_SESSION)
                    .bind(token_hash)
                    .bind(now)
                    .bind(idle_since)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn touch_session(
                &self,
                session_id: i64,
                now: chrono::DateTime<chrono::Utc>,
            ) -> StoreResult<()> {
                sqlx::query::<$db>(sql::TOUCH_SESSION)
                    .bind(now)
                    .bind(session_id)
                    .execute(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                Ok(())
            }

            async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
                sqlx::query::<$db>(sql::DELETE_SESSION)
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                Ok(())
            }

            async fn delete_user_sessions(&self, user: UserId) -> StoreResult<u64> {
                sqlx::query::<$db>(sql::DELETE_USER_SESSIONS)
                    .bind(user)
                    .execute(&self.pool)
                    .await
                    .map(|r| r.rows_affected())
                    .map_err(StoreError::from_sqlx)
            }

            async fn update_password(
                &self,
                user: UserId,
                hash: &str,
                keep: Option<i64>,
            ) -> StoreResult<u64> {
                let mut tx = self.begin_write().await?;
                sqlx::query::<$db>(sql::UPDATE_PASSWORD)
                    .bind(hash)
                    .bind(user)
                    .execute(&mut *tx)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                let ended = sqlx::query::<$db>(sql::DELETE_OTHER_SESSIONS)
                    .bind(user)
                    .bind(keep.unwrap_or(0))
                    .execute(&mut *tx)
                    .await
                    .map_err(StoreError::from_sqlx)?
                    .rows_affected();
                if let Some(keep) = keep {
                    sqlx::query::<$db>(sql::CLEAR_MUST_CHANGE)
                        .bind(keep)
                        .execute(&mut *tx)
                        .await
                        .map_err(StoreError::from_sqlx)?;
                }
                tx.commit().await.map_err(StoreError::from_sqlx)?;
                Ok(ended)
            }

            async fn ensure_product(&self, name: &str, active: bool) -> StoreResult<ProductId> {
                sqlx::query(sql::INSERT_PRODUCT_IF_NEW)
                    .bind(name)
                    .bind(active)
                    .bind(name.to_lowercase())
                    .execute(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                sqlx::query_scalar::<$db, ProductId>(sql::FIND_PRODUCT_ID_BY_NAME)
                    .bind(name)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn count_products(&self) -> StoreResult<i64> {
                sqlx::query_scalar::<$db, i64>(sql::COUNT_PRODUCTS)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn insert_case(
                &self,
                c: &NewCase,
                jobs: &[$crate::backend::store::NewJob],
            ) -> StoreResult<CaseRow> {
                let mut tx = self.begin_write().await?;
                // The counter row is the lock: a second creation waits here until the first commits.
                let number: i64 = sqlx::query_scalar::<$db, i64>(sql::NEXT_COUNTER)
                    .bind("case_number")
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                if number > CaseNumber::MAX {
                    return Err(StoreError::CaseNumbersExhausted);
                }
                let row = sqlx::query_as::<$db, CaseRow>(sql::INSERT_CASE)
                    .bind(number)
                    .bind(&c.subject)
                    .bind(&c.description)
                    .bind(c.product_id)
                    .bind(&c.country)
                    .bind(CaseStatus::New.code())
                    .bind(c.origin.code())
                    .bind(c.account_id)
                    .bind(c.contact_id)
                    .bind(c.opened_at)
                    .bind(&c.thread_token)
                    .bind(c.subject.to_lowercase())
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                for attachment in &c.attachments {
                    let linked = sqlx::query::<$db>(sql::LINK_ATTACHMENT)
                        .bind(row.id)
                        .bind(attachment)
                        .bind(c.contact_id)
                        .execute(&mut *tx)
                        .await
                        .map_err(StoreError::from_sqlx)?;
                    if linked.rows_affected() != 1 {
                        // Removed, swept, or never this contact's: the case is not written.
                        return Err(StoreError::AttachmentUnavailable);
                    }
                }
                Self::insert_jobs(&mut tx, jobs, c.opened_at).await?;
                tx.commit().await.map_err(StoreError::from_sqlx)?;
                Ok(row)
            }

            async fn get_case(&self, id: CaseId) -> StoreResult<CaseRow> {
                sqlx::query_as::<$db, CaseRow>(sql::GET_CASE)
                    .bind(id)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }
        }
    };
}
pub(crate) use access::impl_access_store;
pub(crate) use attachments::impl_attachments_store;
pub(crate) use case_list::impl_case_list_store;
pub(crate) use case_page::impl_case_page_store;
pub(crate) use cases::impl_cases_store;
pub(crate) use impl_store;
pub(crate) use knowledge::impl_knowledge_store;
pub(crate) use outbox::impl_outbox_store;
pub(crate) use surveys::impl_survey_store;
