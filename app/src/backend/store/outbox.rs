//! The outbox: durable work (emails above all) written in the same transaction as the change that
//! causes it, then claimed and done by a worker in any `portico` process (see `backend::jobs`); and
//! the dev mailbox where emails land when no SMTP relay is configured.
use super::StoreResult;
use chrono::{DateTime, Utc};

/// Work to enqueue: a kind the worker knows and its JSON payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJob {
    /// What to do (`email`, `password_reset`).
    pub kind: String,
    /// The details, as JSON.
    pub payload: String,
}

/// A job as a worker claims it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ClaimedJob {
    /// Row id.
    pub id: i64,
    /// Kind.
    pub kind: String,
    /// JSON payload.
    pub payload: String,
    /// Tries so far, this one included.
    pub attempts: i32,
    /// When it was enqueued.
    pub created_at: DateTime<Utc>,
}

/// An outbox row as the admin mail page lists it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OutboxEntry {
    /// Row id.
    pub id: i64,
    /// Kind.
    pub kind: String,
    /// Tries so far.
    pub attempts: i32,
    /// Why the last try failed.
    pub last_error: Option<String>,
    /// Next try.
    pub run_after: DateTime<Utc>,
    /// Given up on (needs an operator).
    pub dead_at: Option<DateTime<Utc>>,
    /// Enqueued.
    pub created_at: DateTime<Utc>,
}

/// An email to keep in the dev mailbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDevMail {
    /// `Message-ID` header value.
    pub message_id: String,
    /// Recipient.
    pub to_addr: String,
    /// Subject.
    pub subject: String,
    /// Plain-text part.
    pub text_body: String,
    /// HTML part.
    pub html_body: String,
    /// Sign-in secrets in the email, which the mailbox shows only to the recipient.
    pub secrets: Vec<String>,
}

/// An email in the dev mailbox.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DevMailRow {
    /// Row id.
    pub id: i64,
    /// `Message-ID`.
    pub message_id: String,
    /// Recipient.
    pub to_addr: String,
    /// Subject.
    pub subject: String,
    /// Plain-text part.
    pub text_body: String,
    /// HTML part.
    pub html_body: String,
    /// Sign-in secrets in the email (JSON list of strings).
    pub secrets: String,
    /// When it was delivered.
    pub created_at: DateTime<Utc>,
}

/// What stands in for a sign-in secret in the dev mailbox.
pub const HIDDEN_SECRET: &str = "[hidden: a sign-in secret for the recipient only]";

impl DevMailRow {
    /// The text and HTML parts as `reader` (an email address) may see them: with every sign-in
    /// secret hidden unless the reader is the recipient. Admins read each other's mail here, but
    /// not each other's set-password links and temporary passwords.
    pub fn parts_for(&self, reader: &str) -> (String, String) {
        if reader.eq_ignore_ascii_case(&self.to_addr) {
            return (self.text_body.clone(), self.html_body.clone());
        }
        let secrets: Vec<String> = serde_json::from_str(&self.secrets).unwrap_or_default();
        let hide = |body: &str| {
            secrets
                .iter()
                .filter(|s| !s.is_empty())
                .fold(body.to_string(), |b, s| {
                    b.replace(s.as_str(), HIDDEN_SECRET)
                })
        };
        (hide(&self.text_body), hide(&self.html_body))
    }
}

/// The outbox and the dev mailbox.
#[async_trait::async_trait]
pub trait OutboxStore: Send + Sync {
    /// Enqueues work on its own (for work no other change causes, such as a reset request).
    async fn enqueue(&self, job: &NewJob, run_after: DateTime<Utc>) -> StoreResult<i64>;
    /// Claims the next due job, leased until `lease_until`; `None` when nothing is due. A job is
    /// handed to one worker at a time, across processes.
    async fn claim_job(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
    ) -> StoreResult<Option<ClaimedJob>>;
    /// Removes a finished job.
    async fn complete_job(&self, id: i64) -> StoreResult<()>;
    /// Records a failed try: retry at `retry_at`, or never when `dead_at` is set.
    async fn fail_job(
        &self,
        id: i64,
        error: &str,
        retry_at: DateTime<Utc>,
        dead_at: Option<DateTime<Utc>>,
    ) -> StoreResult<()>;
    /// When the next unclaimed job falls due, if any.
    async fn next_job_due(&self) -> StoreResult<Option<DateTime<Utc>>>;
    /// The newest outbox rows (pending, retrying, given up).
    async fn list_outbox(&self, limit: i64) -> StoreResult<Vec<OutboxEntry>>;
    /// Delivers job `job_id`'s email into the dev mailbox and completes the job, in one
    /// transaction (a second delivery of the same job adds nothing).
    async fn deliver_dev_mail(&self, job_id: i64, mail: &NewDevMail) -> StoreResult<()>;
    /// The newest emails in the dev mailbox.
    async fn list_dev_mail(&self, limit: i64) -> StoreResult<Vec<DevMailRow>>;
    /// One email of the dev mailbox.
    async fn get_dev_mail(&self, id: i64) -> StoreResult<DevMailRow>;
}

/// `OutboxStore` for a store type; `$claim` is its dialect's claim statement. Also adds
/// `insert_jobs`, with which other areas enqueue inside their own transactions.
macro_rules! impl_outbox_store {
    ($store:ty, $db:ty, $claim:expr) => {
        impl $store {
            /// Enqueues `jobs` inside the caller's transaction, due now.
            async fn insert_jobs(
                tx: &mut sqlx::Transaction<'static, $db>,
                jobs: &[$crate::backend::store::NewJob],
                now: chrono::DateTime<chrono::Utc>,
            ) -> StoreResult<()> {
                for job in jobs {
                    sqlx::query_scalar::<$db, i64>(sql::INSERT_OUTBOX)
                        .bind(&job.kind)
                        .bind(&job.payload)
                        .bind(now)
                        .fetch_one(&mut **tx)
                        .await
                        .map_err(StoreError::from_sqlx)?;
                }
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::backend::store::OutboxStore for $store {
            async fn enqueue(
                &self,
                job: &$crate::backend::store::NewJob,
                run_after: chrono::DateTime<chrono::Utc>,
            ) -> StoreResult<i64> {
                sqlx::query_scalar::<$db, i64>(sql::INSERT_OUTBOX)
                    .bind(&job.kind)
                    .bind(&job.payload)
                    .bind(run_after)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn claim_job(
                &self,
                now: chrono::DateTime<chrono::Utc>,
                lease_until: chrono::DateTime<chrono::Utc>,
            ) -> StoreResult<Option<$crate::backend::store::ClaimedJob>> {
                let mut tx = self.begin_write().await?;
                let job = sqlx::query_as::<$db, $crate::backend::store::ClaimedJob>($claim)
                    .bind(now)
                    .bind(lease_until)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                tx.commit().await.map_err(StoreError::from_sqlx)?;
                Ok(job)
            }

            async fn complete_job(&self, id: i64) -> StoreResult<()> {
                sqlx::query::<$db>(sql::DELETE_OUTBOX)
                    .bind(id)
                    .execute(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                Ok(())
            }

            async fn fail_job(
                &self,
                id: i64,
                error: &str,
                retry_at: chrono::DateTime<chrono::Utc>,
                dead_at: Option<chrono::DateTime<chrono::Utc>>,
            ) -> StoreResult<()> {
                sqlx::query::<$db>(sql::FAIL_OUTBOX)
                    .bind(id)
                    .bind(error)
                    .bind(retry_at)
                    .bind(dead_at)
                    .execute(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                Ok(())
            }

            async fn next_job_due(&self) -> StoreResult<Option<chrono::DateTime<chrono::Utc>>> {
                sqlx::query_scalar::<$db, Option<chrono::DateTime<chrono::Utc>>>(
                    sql::NEXT_OUTBOX_DUE,
                )
                .fetch_one(&self.pool)
                .await
                .map_err(StoreError::from_sqlx)
            }

            async fn list_outbox(
                &self,
                limit: i64,
            ) -> StoreResult<Vec<$crate::backend::store::OutboxEntry>> {
                sqlx::query_as::<$db, $crate::backend::store::OutboxEntry>(sql::LIST_OUTBOX)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn deliver_dev_mail(
                &self,
                job_id: i64,
                mail: &$crate::backend::store::NewDevMail,
            ) -> StoreResult<()> {
                let mut tx = self.begin_write().await?;
                sqlx::query::<$db>(sql::INSERT_DEV_MAIL)
                    .bind(job_id)
                    .bind(&mail.message_id)
                    .bind(&mail.to_addr)
                    .bind(&mail.subject)
                    .bind(&mail.text_body)
                    .bind(&mail.html_body)
                    .bind(serde_json::to_string(&mail.secrets).unwrap_or_else(|_| "[]".into()))
                    .bind(chrono::Utc::now())
                    .execute(&mut *tx)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                sqlx::query::<$db>(sql::DELETE_OUTBOX)
                    .bind(job_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                tx.commit().await.map_err(StoreError::from_sqlx)
            }

            async fn list_dev_mail(
                &self,
                limit: i64,
            ) -> StoreResult<Vec<$crate::backend::store::DevMailRow>> {
                sqlx::query_as::<$db, $crate::backend::store::DevMailRow>(sql::LIST_DEV_MAIL)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn get_dev_mail(
                &self,
                id: i64,
            ) -> StoreResult<$crate::backend::store::DevMailRow> {
                sqlx::query_as::<$db, $crate::backend::store::DevMailRow>(sql::GET_DEV_MAIL)
                    .bind(id)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }
        }
    };
}
pub(crate) use impl_outbox_store;
