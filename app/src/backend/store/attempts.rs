//! Throttles: one `attempts` table for every kind (sign-in failures, reset requests, guesses of the
//! current password, writes per person).

use super::*;

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

impl Store {
    /// Records an attempt if every limit `(scope, max)` counts fewer than `max` attempts after
    /// `since`: counting and recording are one step (one writer on SQLite; advisory locks on the
    /// attempt's keys on PostgreSQL), so of many attempts at once exactly as many as the limit
    /// allows get their slot, before any of them does the work it limits.
    pub async fn take_slot(
        &self,
        kind: AttemptKind,
        subject: &str,
        client: &str,
        at: DateTime<Utc>,
        since: DateTime<Utc>,
        limits: &[(LimitScope, i64)],
    ) -> StoreResult<Slot> {
        use {FailureCount, LimitScope, Slot};
        let mut tx = self.begin().await?;
        let mut keys: Vec<String> = limits
            .iter()
            .map(|(scope, _)| match scope {
                LimitScope::Pair => format!("{}|{subject}|{client}", kind.code()),
                LimitScope::Subject => format!("{}|{subject}|", kind.code()),
                LimitScope::Client => format!("{}||{client}", kind.code()),
            })
            .collect();
        keys.sort();
        tx.lock_throttle(&keys).await?;
        let mut full: Option<Option<DateTime<Utc>>> = None;
        for (scope, max) in limits {
            let count = tx!(tx, |conn, DB| {
                let query = match scope {
                    LimitScope::Pair => sqlx::query_as::<DB, FailureCount>(sql::ATTEMPTS_BY_PAIR)
                        .bind(kind.code())
                        .bind(subject)
                        .bind(client),
                    LimitScope::Subject => {
                        sqlx::query_as::<DB, FailureCount>(sql::ATTEMPTS_BY_SUBJECT)
                            .bind(kind.code())
                            .bind(subject)
                    }
                    LimitScope::Client => {
                        sqlx::query_as::<DB, FailureCount>(sql::ATTEMPTS_BY_CLIENT)
                            .bind(kind.code())
                            .bind(client)
                    }
                };
                query.bind(since).fetch_one(conn).await
            })?;
            if count.count >= *max {
                full = Some(full.flatten().max(count.oldest));
            }
        }
        if let Some(oldest) = full {
            tx.rollback().await?;
            return Ok(Slot::Full { oldest });
        }
        let id = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, i64>(
            sql::INSERT_ATTEMPT
        )
        .bind(kind.code())
        .bind(subject)
        .bind(client)
        .bind(at)
        .fetch_one(conn)
        .await)?;
        tx.commit().await?;
        Ok(Slot::Taken(id))
    }

    /// Records an attempt without asking any limit (old rows in tests, say); returns its id.
    pub async fn take_attempt(
        &self,
        kind: AttemptKind,
        subject: &str,
        client: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<i64> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, i64>(sql::INSERT_ATTEMPT)
                .bind(kind.code())
                .bind(subject)
                .bind(client)
                .bind(at)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Forgets one attempt (it was refused before any work was done).
    pub async fn release_attempt(&self, id: i64) -> StoreResult<()> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::DELETE_ATTEMPT)
                .bind(id)
                .execute(pool)
                .await
                .map_err(StoreError::from_sqlx)?;
            Ok(())
        })
    }

    /// Attempts of `kind` in `scope` after `since`.
    pub async fn count_attempts(
        &self,
        kind: AttemptKind,
        scope: AttemptScope<'_>,
        since: DateTime<Utc>,
    ) -> StoreResult<FailureCount> {
        db!(self, |pool, DB| {
            use {AttemptScope, FailureCount};
            let query = match scope {
                AttemptScope::Pair(subject, client) => {
                    sqlx::query_as::<DB, FailureCount>(sql::ATTEMPTS_BY_PAIR)
                        .bind(kind.code())
                        .bind(subject)
                        .bind(client)
                }
                AttemptScope::Subject(subject) => {
                    sqlx::query_as::<DB, FailureCount>(sql::ATTEMPTS_BY_SUBJECT)
                        .bind(kind.code())
                        .bind(subject)
                }
                AttemptScope::Client(client) => {
                    sqlx::query_as::<DB, FailureCount>(sql::ATTEMPTS_BY_CLIENT)
                        .bind(kind.code())
                        .bind(client)
                }
            };
            query
                .bind(since)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Forgets the attempts of a subject from a client (after a successful sign-in).
    pub async fn clear_attempts(
        &self,
        kind: AttemptKind,
        subject: &str,
        client: &str,
    ) -> StoreResult<()> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::CLEAR_ATTEMPTS)
                .bind(kind.code())
                .bind(subject)
                .bind(client)
                .execute(pool)
                .await
                .map_err(StoreError::from_sqlx)?;
            Ok(())
        })
    }
}

impl Tx {
    /// Serializes count-and-record per throttle key until this transaction ends.
    // DIALECT: SQLite's `BEGIN IMMEDIATE` already makes it one writer at a time. Under PostgreSQL's
    // READ COMMITTED two transactions could both count 4 of 5 and both record; a transaction-scoped
    // advisory lock per key (taken in sorted order, so two attempts never wait on each other
    // crosswise) makes count-and-record one at a time per key.
    async fn lock_throttle(&mut self, keys: &[String]) -> StoreResult<()> {
        if let TxInner::Postgres(t) = &mut self.inner {
            for key in keys {
                sqlx::query(sql::LOCK_THROTTLE_POSTGRES)
                    .bind(key)
                    .execute(&mut **t)
                    .await?;
            }
        }
        Ok(())
    }
}
