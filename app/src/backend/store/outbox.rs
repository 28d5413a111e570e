//! The outbox: durable work (emails above all) written in the same transaction as the change that
//! causes it, then claimed and done by a worker in any `portico` process (see `backend::jobs`); and
//! the dev mailbox where emails land when no SMTP relay is configured.

use super::*;

/// An outbox row's work, as `Job::row` encodes it: the job's kind and its JSON payload.
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

impl Tx {
    /// Enqueues `jobs`, due at `now`, inside this transaction: they exist exactly when the change
    /// that causes them commits, and the commit wakes the worker. The one way work is enqueued.
    pub async fn enqueue(&mut self, jobs: &[Job], now: DateTime<Utc>) -> StoreResult<()> {
        for job in jobs {
            let row = job.row().map_err(|e| StoreError::Encoding(e.to_string()))?;
            tx!(self, |conn, DB| sqlx::query_scalar::<DB, i64>(
                sql::INSERT_OUTBOX
            )
            .bind(&row.kind)
            .bind(&row.payload)
            .bind(now)
            .fetch_one(conn)
            .await)?;
        }
        self.enqueued |= !jobs.is_empty();
        Ok(())
    }
}

impl Store {
    /// Enqueues work that no other change causes (a reset request, say), in a transaction of its
    /// own.
    pub async fn enqueue(&self, job: &Job, run_after: DateTime<Utc>) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        tx.enqueue(std::slice::from_ref(job), run_after).await?;
        tx.commit().await
    }

    /// Claims up to `limit` due jobs, oldest first, leased until `lease_until`; none when nothing
    /// is due. A job is handed to one worker at a time, across processes.
    pub async fn claim_jobs(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<ClaimedJob>> {
        let claim = match self.backend() {
            Backend::Sqlite => sql::CLAIM_OUTBOX_SQLITE,
            Backend::Postgres => sql::CLAIM_OUTBOX_POSTGRES,
        };
        let mut tx = self.begin().await?;
        let mut jobs = tx!(tx, |conn, DB| sqlx::query_as::<DB, ClaimedJob>(claim)
            .bind(now)
            .bind(lease_until)
            .bind(limit)
            .fetch_all(conn)
            .await)?;
        tx.commit().await?;
        // RETURNING keeps no order; the oldest first, as they were enqueued.
        jobs.sort_by_key(|j| j.id);
        Ok(jobs)
    }

    /// Hands claimed jobs back untried (a worker out of time for them): due again at once, with
    /// the try they were charged taken back.
    pub async fn release_jobs(&self, ids: &[i64]) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        for id in ids {
            tx!(tx, |conn, DB| sqlx::query::<DB>(sql::RELEASE_OUTBOX)
                .bind(id)
                .execute(conn)
                .await
                .map(|_| ()))?;
        }
        tx.commit().await
    }

    /// Removes a finished job.
    // A transaction for one statement: on SQLite it takes this process's writer turn (see
    // `Store::begin`) instead of waiting in the busy handler behind a burst of new cases.
    pub async fn complete_job(&self, id: i64) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        tx!(tx, |conn, DB| sqlx::query::<DB>(sql::DELETE_OUTBOX)
            .bind(id)
            .execute(conn)
            .await
            .map(|_| ()))?;
        tx.commit().await
    }

    /// Records a failed try: retry at `retry_at`, or never when `dead_at` is set.
    pub async fn fail_job(
        &self,
        id: i64,
        error: &str,
        retry_at: DateTime<Utc>,
        dead_at: Option<DateTime<Utc>>,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        tx!(tx, |conn, DB| sqlx::query::<DB>(sql::FAIL_OUTBOX)
            .bind(id)
            .bind(error)
            .bind(retry_at)
            .bind(dead_at)
            .execute(conn)
            .await
            .map(|_| ()))?;
        tx.commit().await
    }

    /// When the next unclaimed job falls due, if any.
    pub async fn next_job_due(&self) -> StoreResult<Option<DateTime<Utc>>> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, Option<DateTime<Utc>>>(sql::NEXT_OUTBOX_DUE)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The newest outbox rows (pending, retrying, given up).
    pub async fn list_outbox(&self, limit: i64) -> StoreResult<Vec<OutboxEntry>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, OutboxEntry>(sql::LIST_OUTBOX)
                .bind(limit)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }
}
