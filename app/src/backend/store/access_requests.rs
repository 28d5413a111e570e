//! Requests for portal access: made once per address while open, decided once by staff (an
//! approval creates the contact and its welcome email in the same transaction).

use super::*;
use crate::domain::AccessRequestId;

/// A request as someone typed it.
#[derive(Debug, Clone)]
pub struct NewAccessRequest {
    /// Full name.
    pub name: String,
    /// Email (normalized).
    pub email: String,
    /// The company they name.
    pub company: String,
    /// Their message.
    pub message: String,
    /// The language they asked in.
    pub language: Language,
    /// The company, when a contact asks for a colleague.
    pub account_id: Option<AccountId>,
    /// The contact who asked for a colleague.
    pub requested_by: Option<UserId>,
}

/// A request as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AccessRequestRow {
    /// Id.
    pub id: AccessRequestId,
    /// Full name.
    pub name: String,
    /// Email.
    pub email: String,
    /// The company they named.
    pub company: String,
    /// Their message.
    pub message: String,
    /// Their language.
    pub language: Language,
    /// The company (a colleague's request).
    pub account_id: Option<AccountId>,
    /// Who asked for them (a colleague's request): their name.
    pub requested_by_name: Option<String>,
    /// When.
    pub created_at: DateTime<Utc>,
    /// open, approved or declined.
    pub status: String,
    /// Why it was declined.
    pub reason: String,
    /// Who decided: their name.
    pub decided_by_name: Option<String>,
    /// When it was decided.
    pub decided_at: Option<DateTime<Utc>>,
}

impl Store {
    /// Records request `r` with the email `then` (its acknowledgement) unless the same address has
    /// an open request; `None` then, and nothing is written.
    pub async fn insert_access_request(
        &self,
        r: &NewAccessRequest,
        then: &[Job],
        now: DateTime<Utc>,
    ) -> StoreResult<Option<AccessRequestId>> {
        let mut tx = self.begin().await?;
        let id = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, AccessRequestId>(
            sql::INSERT
        )
        .bind(&r.name)
        .bind(&r.email)
        .bind(&r.company)
        .bind(&r.message)
        .bind(r.language)
        .bind(r.account_id)
        .bind(r.requested_by)
        .bind(now)
        .fetch_optional(conn)
        .await)?;
        if id.is_some() {
            tx.enqueue(then, now).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Request `id`.
    pub async fn get_access_request(&self, id: AccessRequestId) -> StoreResult<AccessRequestRow> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, AccessRequestRow>(sql::GET)
                .bind(id)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)?
                .ok_or(StoreError::NotFound)
        })
    }

    /// The open request of address `email`, if there is one.
    pub async fn open_access_request_of(
        &self,
        email: &str,
    ) -> StoreResult<Option<AccessRequestRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, AccessRequestRow>(sql::OPEN_OF)
                .bind(email)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Open requests oldest first (`open`), else the latest decided ones, newest first.
    pub async fn list_access_requests(
        &self,
        open: bool,
        limit: i64,
    ) -> StoreResult<Vec<AccessRequestRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, AccessRequestRow>(if open { sql::OPEN } else { sql::DECIDED })
                .bind(limit)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// How many requests are open.
    pub async fn count_open_access_requests(&self) -> StoreResult<i64> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, i64>(sql::COUNT_OPEN)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Approves open request `id`: person `u` is added (within their company's limit) with the
    /// welcome email, and the request records them, all at once. `Stale` if someone decided first.
    pub async fn approve_access_request(
        &self,
        id: AccessRequestId,
        u: &NewUser,
        welcome: JobFor,
        by: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<UserId> {
        let mut tx = self.begin().await?;
        let user = tx.insert_invited(u, Some(welcome), now).await?;
        tx.decide_access_request(id, "approved", "", Some(user), Some(by), now)
            .await?;
        tx.commit().await?;
        Ok(user)
    }

    /// Declines open request `id` for `reason`, with the email `then` telling the requester (`by`:
    /// the staff member; `None`: Portico itself). `Stale` if someone decided first.
    pub async fn decline_access_request(
        &self,
        id: AccessRequestId,
        reason: &str,
        then: &[Job],
        by: Option<UserId>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        tx.decide_access_request(id, "declined", reason, None, by, now)
            .await?;
        tx.enqueue(then, now).await?;
        tx.commit().await
    }
}

impl Tx {
    async fn decide_access_request(
        &mut self,
        id: AccessRequestId,
        status: &str,
        reason: &str,
        user: Option<UserId>,
        by: Option<UserId>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let done = tx!(self, |conn, DB| sqlx::query::<DB>(sql::DECIDE)
            .bind(id)
            .bind(status)
            .bind(reason)
            .bind(user)
            .bind(by)
            .bind(now)
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

mod sql {
    macro_rules! columns {
        () => {
            "r.id, r.name, r.email, r.company, r.message, r.language, r.account_id, \
             asker.name AS requested_by_name, r.created_at, r.status, r.reason, \
             decider.name AS decided_by_name, r.decided_at \
             FROM access_requests r LEFT JOIN users asker ON asker.id = r.requested_by \
             LEFT JOIN users decider ON decider.id = r.decided_by"
        };
    }
    // Both dialects: the partial unique index keeps one open request per address.
    pub const INSERT: &str = "INSERT INTO access_requests \
         (name, email, company, message, language, account_id, requested_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (email) WHERE status = 'open' DO NOTHING RETURNING id";
    pub const GET: &str = concat!("SELECT ", columns!(), " WHERE r.id = $1");
    pub const OPEN_OF: &str = concat!(
        "SELECT ",
        columns!(),
        " WHERE r.email = $1 AND r.status = 'open'"
    );
    pub const OPEN: &str = concat!(
        "SELECT ",
        columns!(),
        " WHERE r.status = 'open' ORDER BY r.created_at, r.id LIMIT $1"
    );
    pub const DECIDED: &str = concat!(
        "SELECT ",
        columns!(),
        " WHERE r.status <> 'open' ORDER BY r.decided_at DESC, r.id DESC LIMIT $1"
    );
    pub const COUNT_OPEN: &str = "SELECT COUNT(*) FROM access_requests WHERE status = 'open'";
    pub const DECIDE: &str = "UPDATE access_requests SET status = $2, reason = $3, user_id = $4, \
         decided_by = $5, decided_at = $6 WHERE id = $1 AND status = 'open'";
}
