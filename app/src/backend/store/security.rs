//! Throttles (one `attempts` table for every kind), known devices, the drafts no-JS forms come back
//! with, and purging what can no longer be used.
use super::StoreResult;
use crate::domain::UserId;
use chrono::{DateTime, Utc};

/// What an attempt is counted against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttemptKind {
    /// A sign-in (its row stays only if the password was wrong).
    SignIn,
    /// A "forgot password" request.
    PasswordReset,
    /// A wrong current password in "change password".
    PasswordCheck,
    /// A comment written.
    Comment,
    /// A case opened.
    Case,
    /// A file uploaded.
    Upload,
}

impl AttemptKind {
    /// The code stored in `attempts.kind`.
    pub fn code(self) -> &'static str {
        match self {
            Self::SignIn => "sign_in",
            Self::PasswordReset => "password_reset",
            Self::PasswordCheck => "password_check",
            Self::Comment => "comment",
            Self::Case => "case",
            Self::Upload => "upload",
        }
    }
}

/// Which attempts to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttemptScope<'a> {
    /// This subject from this client.
    Pair(&'a str, &'a str),
    /// This subject from anywhere.
    Subject(&'a str),
    /// Any subject from this client.
    Client(&'a str),
}

/// Which of an attempt's own keys a limit counts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitScope {
    /// Its subject from its client.
    Pair,
    /// Its subject from anywhere.
    Subject,
    /// Anything from its client.
    Client,
}

/// Whether an attempt got its slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Recorded, with this id (to release if the work turns out not to count).
    Taken(i64),
    /// A limit is full; the oldest attempt it counts is this old (the wait runs from it).
    Full {
        /// The latest of the oldest attempts of the full limits.
        oldest: Option<DateTime<Utc>>,
    },
}

/// Attempts within a window: how many, and when the oldest was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, sqlx::FromRow)]
pub struct FailureCount {
    /// Attempts in the window.
    pub count: i64,
    /// The oldest of them.
    pub oldest: Option<DateTime<Utc>>,
}

/// How much a purge removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Purged {
    /// Expired or idle sessions.
    pub sessions: u64,
    /// Used or long-expired set-password links.
    pub tokens: u64,
    /// Expired temporary passwords.
    pub temp_passwords: u64,
    /// Throttle rows older than a day.
    pub attempts: u64,
    /// Form drafts older than an hour.
    pub drafts: u64,
    /// Devices unused for a year.
    pub devices: u64,
}

/// Throttles, devices, drafts, purging.
#[async_trait::async_trait]
pub trait SecurityStore: Send + Sync {
    /// Records an attempt if every limit `(scope, max)` counts fewer than `max` attempts after
    /// `since`: counting and recording are one step (one writer on SQLite; advisory locks on the
    /// attempt's keys on PostgreSQL), so of many attempts at once exactly as many as the limit
    /// allows get their slot, before any of them does the work it limits.
    async fn take_slot(
        &self,
        kind: AttemptKind,
        subject: &str,
        client: &str,
        at: DateTime<Utc>,
        since: DateTime<Utc>,
        limits: &[(LimitScope, i64)],
    ) -> StoreResult<Slot>;
    /// Records an attempt without asking any limit (old rows in tests, say); returns its id.
    async fn take_attempt(
        &self,
        kind: AttemptKind,
        subject: &str,
        client: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<i64>;
    /// Forgets one attempt (it was refused before any work was done).
    async fn release_attempt(&self, id: i64) -> StoreResult<()>;
    /// Attempts of `kind` in `scope` after `since`.
    async fn count_attempts(
        &self,
        kind: AttemptKind,
        scope: AttemptScope<'_>,
        since: DateTime<Utc>,
    ) -> StoreResult<FailureCount>;
    /// Forgets the attempts of a subject from a client (after a successful sign-in).
    async fn clear_attempts(
        &self,
        kind: AttemptKind,
        subject: &str,
        client: &str,
    ) -> StoreResult<()>;
    /// Remembers a browser `user` signed in from (by its device token's hash).
    async fn insert_device(
        &self,
        token_hash: &str,
        user: UserId,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Whose known device a token hash is (and records its use).
    async fn device_user(&self, token_hash: &str, at: DateTime<Utc>)
    -> StoreResult<Option<UserId>>;
    /// Keeps what a no-JS form had typed, under a token's hash (`user`: whose form it is).
    async fn insert_draft(
        &self,
        token_hash: &str,
        user: Option<UserId>,
        fields: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// A draft written after `since`: its owner and fields (JSON).
    async fn get_draft(
        &self,
        token_hash: &str,
        since: DateTime<Utc>,
    ) -> StoreResult<Option<(Option<UserId>, String)>>;
    /// Removes expired sessions, used or long-expired links, expired temporary passwords, old
    /// throttle rows and drafts, and devices unused for a year.
    async fn purge(
        &self,
        now: DateTime<Utc>,
        session_idle: chrono::Duration,
    ) -> StoreResult<Purged>;
}

/// `SecurityStore` for a store type.
macro_rules! impl_security_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::backend::store::SecurityStore for $store {
            async fn take_slot(
                &self,
                kind: $crate::backend::store::AttemptKind,
                subject: &str,
                client: &str,
                at: chrono::DateTime<chrono::Utc>,
                since: chrono::DateTime<chrono::Utc>,
                limits: &[($crate::backend::store::LimitScope, i64)],
            ) -> StoreResult<$crate::backend::store::Slot> {
                use $crate::backend::store::{FailureCount, LimitScope, Slot};
                let mut tx = self.begin_write().await?;
                let mut keys: Vec<String> = limits
                    .iter()
                    .map(|(scope, _)| match scope {
                        LimitScope::Pair => format!("{}|{subject}|{client}", kind.code()),
                        LimitScope::Subject => format!("{}|{subject}|", kind.code()),
                        LimitScope::Client => format!("{}||{client}", kind.code()),
                    })
                    .collect();
                keys.sort();
                Self::lock_throttle(&mut tx, &keys).await?;
                let mut full: Option<Option<chrono::DateTime<chrono::Utc>>> = None;
                for (scope, max) in limits {
                    let query = match scope {
                        LimitScope::Pair => {
                            sqlx::query_as::<$db, FailureCount>(sql::ATTEMPTS_BY_PAIR)
                                .bind(kind.code())
                                .bind(subject)
                                .bind(client)
                        }
                        LimitScope::Subject => {
                            sqlx::query_as::<$db, FailureCount>(sql::ATTEMPTS_BY_SUBJECT)
                                .bind(kind.code())
                                .bind(subject)
                        }
                        LimitScope::Client => {
                            sqlx::query_as::<$db, FailureCount>(sql::ATTEMPTS_BY_CLIENT)
                                .bind(kind.code())
                                .bind(client)
                        }
                    };
                    let count = query
                        .bind(since)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(StoreError::from_sqlx)?;
                    if count.count >= *max {
                        full = Some(full.flatten().max(count.oldest));
                    }
                }
                if let Some(oldest) = full {
                    tx.rollback().await.map_err(StoreError::from_sqlx)?;
                    return Ok(Slot::Full { oldest });
                }
                let id = sqlx::query_scalar::<$db, i64>(sql::INSERT_ATTEMPT)
                    .bind(kind.code())
                    .bind(subject)
                    .bind(client)
                    .bind(at)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                tx.commit().await.map_err(StoreError::from_sqlx)?;
                Ok(Slot::Taken(id))
            }

            async fn take_attempt(
                &self,
                kind: $crate::backend::store::AttemptKind,
                subject: &str,
                client: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> StoreResult<i64> {
                sqlx::query_scalar::<$db, i64>(sql::INSERT_ATTEMPT)
                    .bind(kind.code())
                    .bind(subject)
                    .bind(client)
                    .bind(at)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn release_attempt(&self, id: i64) -> StoreResult<()> {
                sqlx::query::<$db>(sql::DELETE_ATTEMPT)
                    .bind(id)
                    .execute(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                Ok(())
            }

            async fn count_attempts(
                &self,
                kind: $crate::backend::store::AttemptKind,
                scope: $crate::backend::store::AttemptScope<'_>,
                since: chrono::DateTime<chrono::Utc>,
            ) -> StoreResult<$crate::backend::store::FailureCount> {
                use $crate::backend::store::{AttemptScope, FailureCount};
                let query = match scope {
                    AttemptScope::Pair(subject, client) => {
                        sqlx::query_as::<$db, FailureCount>(sql::ATTEMPTS_BY_PAIR)
                            .bind(kind.code())
                            .bind(subject)
                            .bind(client)
                    }
                    AttemptScope::Subject(subject) => {
                        sqlx::query_as::<$db, FailureCount>(sql::ATTEMPTS_BY_SUBJECT)
                            .bind(kind.code())
                            .bind(subject)
                    }
                    AttemptScope::Client(client) => {
                        sqlx::query_as::<$db, FailureCount>(sql::ATTEMPTS_BY_CLIENT)
                            .bind(kind.code())
                            .bind(client)
                    }
                };
                query
                    .bind(since)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn clear_attempts(
                &self,
                kind: $crate::backend::store::AttemptKind,
                subject: &str,
                client: &str,
            ) -> StoreResult<()> {
                sqlx::query::<$db>(sql::CLEAR_ATTEMPTS)
                    .bind(kind.code())
                    .bind(subject)
                    .bind(client)
                    .execute(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                Ok(())
            }

            async fn insert_device(
                &self,
                token_hash: &str,
                user: $crate::domain::UserId,
                at: chrono::DateTime<chrono::Utc>,
            ) -> StoreResult<()> {
                sqlx::query::<$db>(sql::INSERT_DEVICE)
                    .bind(token_hash)
                    .bind(user)
                    .bind(at)
                    .execute(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                Ok(())
            }

            async fn device_user(
                &self,
                token_hash: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> StoreResult<Option<$crate::domain::UserId>> {
                sqlx::query_scalar::<$db, $crate::domain::UserId>(sql::DEVICE_USER)
                    .bind(token_hash)
                    .bind(at)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn insert_draft(
                &self,
                token_hash: &str,
                user: Option<$crate::domain::UserId>,
                fields: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> StoreResult<()> {
                sqlx::query::<$db>(sql::INSERT_DRAFT)
                    .bind(token_hash)
                    .bind(user)
                    .bind(fields)
                    .bind(at)
                    .execute(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                Ok(())
            }

            async fn get_draft(
                &self,
                token_hash: &str,
                since: chrono::DateTime<chrono::Utc>,
            ) -> StoreResult<Option<(Option<$crate::domain::UserId>, String)>> {
                sqlx::query_as::<$db, (Option<$crate::domain::UserId>, String)>(sql::GET_DRAFT)
                    .bind(token_hash)
                    .bind(since)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn purge(
                &self,
                now: chrono::DateTime<chrono::Utc>,
                session_idle: chrono::Duration,
            ) -> StoreResult<$crate::backend::store::Purged> {
                use chrono::Duration;
                let run = |text: &'static str, at: chrono::DateTime<chrono::Utc>| {
                    sqlx::query::<$db>(text).bind(at)
                };
                let done = |r: <$db as sqlx::Database>::QueryResult| r.rows_affected();
                let pool = &self.pool;
                let e = StoreError::from_sqlx;
                Ok($crate::backend::store::Purged {
                    sessions: run(sql::PURGE_SESSIONS, now)
                        .bind(now - session_idle)
                        .execute(pool)
                        .await
                        .map(done)
                        .map_err(e)?,
                    tokens: run(sql::PURGE_PASSWORD_TOKENS, now - Duration::days(1))
                        .bind(now - Duration::days(30))
                        .execute(pool)
                        .await
                        .map(done)
                        .map_err(e)?,
                    temp_passwords: run(sql::PURGE_TEMP_PASSWORDS, now)
                        .execute(pool)
                        .await
                        .map(done)
                        .map_err(e)?,
                    attempts: run(sql::PURGE_ATTEMPTS, now - Duration::days(1))
                        .execute(pool)
                        .await
                        .map(done)
                        .map_err(e)?,
                    drafts: run(sql::PURGE_DRAFTS, now - Duration::hours(1))
                        .execute(pool)
                        .await
                        .map(done)
                        .map_err(e)?,
                    devices: run(sql::PURGE_DEVICES, now - Duration::days(365))
                        .execute(pool)
                        .await
                        .map(done)
                        .map_err(e)?,
                })
            }
        }
    };
}
pub(crate) use impl_security_store;
