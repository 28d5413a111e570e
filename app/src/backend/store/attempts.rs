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
    /// An automatic answer to an email (a confirmation, "address not registered"): its subject is
    /// the recipient, so no address is flooded and no mail loop runs.
    MailAnswer,
    /// A request for portal access (its subject is the address access is asked for).
    AccessRequest,
    /// A wrong second-factor code (an authenticator code or a recovery code; its subject is the
    /// person).
    SecondFactor,
    /// A passkey sign-in begun (its subject is the client: every begun one keeps a challenge).
    PasskeySignIn,
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
            Self::MailAnswer => "mail_answer",
            Self::AccessRequest => "access_request",
            Self::SecondFactor => "second_factor",
            Self::PasskeySignIn => "passkey_sign_in",
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

/// A throttle's question: may `subject` from `client` make one more attempt of `kind` at `at`,
/// counting the attempts after `since` under each limit `(scope, max)`?
#[derive(Debug, Clone, Copy)]
pub struct SlotAsk<'a> {
    /// What is counted.
    pub kind: AttemptKind,
    /// Whose attempts (an account, an email).
    pub subject: &'a str,
    /// From where (an address, a device; `any`).
    pub client: &'a str,
    /// When this attempt is made.
    pub at: DateTime<Utc>,
    /// The start of the window counted.
    pub since: DateTime<Utc>,
    /// Each limit: what it counts by and how many it allows.
    pub limits: &'a [(LimitScope, i64)],
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
    /// Records an attempt if every limit of `ask` has room (see [`Tx::take_slot`]), in a
    /// transaction of its own.
    pub async fn take_slot(&self, ask: &SlotAsk<'_>) -> StoreResult<Slot> {
        let mut tx = self.begin().await?;
        let slot = tx.take_slot(ask).await?;
        match slot {
            Slot::Taken(_) => tx.commit().await?,
            Slot::Full { .. } => tx.rollback().await?,
        }
        Ok(slot)
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
    /// Records an attempt if every limit `(scope, max)` of `ask` counts fewer than `max` attempts
    /// after `ask.since`: counting and recording are one step (one writer on SQLite; advisory locks
    /// on the attempt's keys on PostgreSQL, held until this transaction ends), so of many attempts
    /// at once exactly as many as the limit allows get their slot, before any of them does the work
    /// it limits. Inside the transaction of that work (a new case), the slot exists exactly when
    /// the work does. Writes nothing when a limit is full.
    pub async fn take_slot(&mut self, ask: &SlotAsk<'_>) -> StoreResult<Slot> {
        let SlotAsk {
            kind,
            subject,
            client,
            at,
            since,
            limits,
        } = *ask;
        let mut keys: Vec<String> = limits
            .iter()
            .map(|(scope, _)| match scope {
                LimitScope::Pair => format!("{}|{subject}|{client}", kind.code()),
                LimitScope::Subject => format!("{}|{subject}|", kind.code()),
                LimitScope::Client => format!("{}||{client}", kind.code()),
            })
            .collect();
        keys.sort();
        self.lock_throttle(&keys).await?;
        // One statement counts and records when every limit has room (the usual case): one round
        // trip inside the writer's turn instead of one per limit and another to record.
        let mut q = Query::default();
        let text = |t: &str| Bind::Text(t.to_string());
        q.sql("INSERT INTO attempts (kind, subject, client, at) SELECT ")
            .bind(text(kind.code()))
            .sql(", ")
            .bind(text(subject))
            .sql(", ")
            .bind(text(client))
            .sql(", ")
            .bind(Bind::Time(at));
        for (i, (scope, max)) in limits.iter().enumerate() {
            q.sql(if i == 0 { " WHERE " } else { " AND " })
                .sql("(SELECT COUNT(*) FROM attempts WHERE kind = ")
                .bind(text(kind.code()));
            if matches!(scope, LimitScope::Pair | LimitScope::Subject) {
                q.sql(" AND subject = ").bind(text(subject));
            }
            if matches!(scope, LimitScope::Pair | LimitScope::Client) {
                q.sql(" AND client = ").bind(text(client));
            }
            q.sql(" AND at > ")
                .bind(Bind::Time(since))
                .sql(") < ")
                .bind(Bind::Int(*max));
        }
        q.sql(" RETURNING id");
        let taken = tx!(self, |conn, DB| build::<DB>(&q)
            .build_query_scalar::<i64>()
            .fetch_optional(conn)
            .await)?;
        if let Some(id) = taken {
            return Ok(Slot::Taken(id));
        }
        // A limit is full: how long until its oldest attempt leaves the window.
        let mut oldest: Option<DateTime<Utc>> = None;
        for (scope, max) in limits {
            let count = tx!(self, |conn, DB| {
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
                oldest = oldest.max(count.oldest);
            }
        }
        Ok(Slot::Full { oldest })
    }

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
