//! The inbound mailbox's messages: claimed once by their dedupe key (several processes may read one
//! mailbox), settled once (the case or comment they make is written in the same transaction as
//! their new status), and listed for staff.

use super::*;
use crate::domain::InboundMailId;
use crate::domain::inbound::InboundStatus;

/// A message just read from the mailbox.
#[derive(Debug, Clone)]
pub struct NewInbound {
    /// Its `Message-ID`, else a hash of its bytes: the same message is claimed once.
    pub dedupe_key: String,
    /// When it was read.
    pub received_at: DateTime<Utc>,
    /// Sender address (may be empty).
    pub sender: String,
    /// Subject.
    pub subject: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// Where its raw bytes are kept.
    pub blob_key: Option<String>,
    /// Over the size limit: only its header was read (and kept).
    pub too_large: bool,
}

/// A message as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct InboundRow {
    /// Id.
    pub id: InboundMailId,
    /// When it was read.
    pub received_at: DateTime<Utc>,
    /// Sender address.
    pub sender: String,
    /// Subject.
    pub subject: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// Raw bytes' key.
    pub blob_key: Option<String>,
    /// Over the size limit (only the header is kept).
    pub too_large: bool,
    /// What became of it.
    pub status: InboundStatus,
    /// Why (a code).
    pub reason: String,
    /// The error of a failed one.
    pub detail: String,
    /// The case it made or answers.
    pub case_id: Option<CaseId>,
    /// That case's number.
    pub case_number: Option<i64>,
}

/// What a message became.
#[derive(Debug, Clone)]
pub struct Settle<'a> {
    /// The message.
    pub id: InboundMailId,
    /// The statuses it may be in now (anything else: someone settled it first).
    pub from: &'a [InboundStatus],
    /// Its new status.
    pub to: InboundStatus,
    /// Why.
    pub reason: &'a str,
    /// Error text.
    pub detail: &'a str,
    /// The case it made or answers.
    pub case: Option<CaseId>,
    /// The staff member who decided (accept, reject).
    pub by: Option<UserId>,
    /// When.
    pub at: DateTime<Utc>,
}

/// The inbound message a case or comment is made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailSource {
    /// The message.
    pub id: InboundMailId,
    /// The staff member who accepted it (a held message), if one did.
    pub accepted_by: Option<UserId>,
}

impl MailSource {
    /// The settling of the message as `made` (a case or a comment) on case `case`: from received
    /// by the worker, or from held or failed by the staff member who accepted it.
    pub fn settle(&self, made: InboundStatus, case: CaseId, at: DateTime<Utc>) -> Settle<'static> {
        match self.accepted_by {
            None => Settle {
                id: self.id,
                from: &[InboundStatus::Received],
                to: made,
                reason: "",
                detail: "",
                case: Some(case),
                by: None,
                at,
            },
            Some(by) => Settle {
                id: self.id,
                from: &[InboundStatus::Held, InboundStatus::Failed],
                to: InboundStatus::Accepted,
                reason: made.code(),
                detail: "",
                case: Some(case),
                by: Some(by),
                at,
            },
        }
    }
}

impl Tx {
    /// Settles a message inside a change (the case or comment it makes): `Stale` if it is no longer
    /// in one of `from` (another process or a retry settled it), and then nothing is written.
    pub async fn settle_inbound(&mut self, s: &Settle<'_>) -> StoreResult<()> {
        let from: Vec<&str> = s.from.iter().map(|f| f.code()).collect();
        let done = tx!(self, |conn, DB| sqlx::query::<DB>(sql::SETTLE)
            .bind(s.id)
            .bind(s.to)
            .bind(s.reason)
            .bind(s.detail)
            .bind(s.case)
            .bind(s.by)
            .bind(s.at)
            .bind(from.first().copied().unwrap_or(""))
            .bind(from.get(1).copied().unwrap_or(""))
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
        if done == 1 {
            Ok(())
        } else {
            Err(StoreError::Stale)
        }
    }
}

impl Store {
    /// Claims message `m`: inserts it with the job `job(id)` that will handle it, unless a message
    /// with its dedupe key exists. `Some(id)` when this call claimed it.
    pub async fn claim_inbound(
        &self,
        m: &NewInbound,
        job: &(dyn Fn(InboundMailId) -> Job + Send + Sync),
    ) -> StoreResult<Option<InboundMailId>> {
        let mut tx = self.begin().await?;
        let id = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, InboundMailId>(
            sql::CLAIM
        )
        .bind(&m.dedupe_key)
        .bind(m.received_at)
        .bind(&m.sender)
        .bind(&m.subject)
        .bind(m.size_bytes)
        .bind(&m.blob_key)
        .bind(m.too_large)
        .fetch_optional(conn)
        .await)?;
        if let Some(id) = id {
            tx.enqueue(&[job(id)], m.received_at).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Message `id`.
    pub async fn get_inbound(&self, id: InboundMailId) -> StoreResult<InboundRow> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, InboundRow>(sql::GET)
                .bind(id)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)?
                .ok_or(StoreError::NotFound)
        })
    }

    /// Settles message `s.id` on its own (held, failed, ignored, rejected); `false` if it was no
    /// longer in one of `s.from`.
    pub async fn settle_inbound(&self, s: &Settle<'_>) -> StoreResult<bool> {
        let mut tx = self.begin().await?;
        match tx.settle_inbound(s).await {
            Ok(()) => {
                tx.commit().await?;
                Ok(true)
            }
            Err(StoreError::Stale) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Messages, newest first: those waiting for staff (held, failed) with `waiting`, else all.
    pub async fn list_inbound(&self, waiting: bool, limit: i64) -> StoreResult<Vec<InboundRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, InboundRow>(if waiting { sql::WAITING } else { sql::RECENT })
                .bind(limit)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Up to `limit` messages that nothing came of (ignored, rejected) read before `before` and still
    /// holding their raw bytes: their ids and keys.
    pub async fn stale_inbound_raw(
        &self,
        before: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<(InboundMailId, String)>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, (InboundMailId, String)>(sql::STALE_RAW)
                .bind(before)
                .bind(limit)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Forgets message `id`'s raw bytes if they are still under `key`; `true` when this call did
    /// (whoever did deletes the bytes: two sweeping processes never both do).
    pub async fn forget_inbound_raw(&self, id: InboundMailId, key: &str) -> StoreResult<bool> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::FORGET_RAW)
                .bind(id)
                .bind(key)
                .execute(pool)
                .await
                .map(|r| r.rows_affected() == 1)
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The messages that opened or answered case `case`, oldest first.
    pub async fn case_inbound(&self, case: CaseId) -> StoreResult<Vec<InboundRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, InboundRow>(sql::OF_CASE)
                .bind(case)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }
}

mod sql {
    macro_rules! columns {
        () => {
            "m.id, m.received_at, m.sender, m.subject, m.size_bytes, m.blob_key, m.too_large, m.status, \
             m.reason, m.detail, m.case_id, c.number AS case_number \
             FROM inbound_mail m LEFT JOIN cases c ON c.id = m.case_id"
        };
    }
    // Both dialects: the unique dedupe key decides which process claims a message.
    pub const CLAIM: &str = "INSERT INTO inbound_mail \
         (dedupe_key, received_at, sender, subject, size_bytes, blob_key, too_large) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id";
    pub const GET: &str = concat!("SELECT ", columns!(), " WHERE m.id = $1");
    pub const SETTLE: &str = "UPDATE inbound_mail SET status = $2, reason = $3, detail = $4, \
         case_id = COALESCE($5, case_id), decided_by = COALESCE($6, decided_by), \
         decided_at = CASE WHEN $6 IS NULL THEN decided_at ELSE $7 END \
         WHERE id = $1 AND status IN ($8, $9)";
    pub const WAITING: &str = concat!(
        "SELECT ",
        columns!(),
        " WHERE m.status IN ('held', 'failed') ORDER BY m.received_at DESC, m.id DESC LIMIT $1"
    );
    pub const RECENT: &str = concat!(
        "SELECT ",
        columns!(),
        " ORDER BY m.received_at DESC, m.id DESC LIMIT $1"
    );
    pub const STALE_RAW: &str = "SELECT id, blob_key FROM inbound_mail \
         WHERE status IN ('ignored', 'rejected') AND blob_key IS NOT NULL AND received_at < $1 \
         ORDER BY id LIMIT $2";
    pub const FORGET_RAW: &str =
        "UPDATE inbound_mail SET blob_key = NULL WHERE id = $1 AND blob_key = $2";
    pub const OF_CASE: &str = concat!(
        "SELECT ",
        columns!(),
        " WHERE m.case_id = $1 ORDER BY m.received_at, m.id"
    );
}
