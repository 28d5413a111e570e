//! The feed behind live pages: one row per change of a case, written by the transaction of the
//! change as it commits, numbered in commit order, so a reader that has seen change N has seen
//! every change before it and asks for the rest with `id > N`.
//!
//! DIALECT: on PostgreSQL several processes write; each takes one advisory lock from its insert to
//! its commit (a sequence alone hands out numbers in insert order, and a transaction that inserted
//! earlier may commit later, so a reader could pass over it), and `NOTIFY`s the other processes in
//! the same transaction. SQLite has one writer at a time: numbers follow commits by themselves, and
//! the committing process wakes its own feed.

use super::*;
use crate::domain::live::ChangeKind;

/// The `NOTIFY` channel of new changes on PostgreSQL.
const CHANNEL: &str = "portico_changes";

/// A change to announce when its transaction commits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PendingChange {
    case: CaseId,
    kind: ChangeKind,
    staff_only: bool,
}

/// A change as a live page hears of it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ChangeRow {
    /// Its place in the feed (the SSE event id).
    pub id: i64,
    /// The case's number.
    pub number: CaseNumber,
    /// The case's company when it changed.
    pub account_id: AccountId,
    /// The case's contact when it changed.
    pub contact_id: UserId,
    /// What.
    pub kind: ChangeKind,
    /// Only support staff hear of it (an internal comment).
    pub staff_only: bool,
}

mod sql {
    /// Orders the writers of changes on PostgreSQL until their commit (any constant key will do;
    /// this one spells "live").
    pub const LOCK_FEED_POSTGRES: &str = "SELECT pg_advisory_xact_lock(1818846821)";
    pub const INSERT_CHANGE: &str = "INSERT INTO changes \
         (case_id, account_id, contact_id, kind, staff_only, created_at) \
         SELECT id, account_id, contact_id, $2, $3, $4 FROM cases WHERE id = $1";
    pub const NOTIFY_POSTGRES: &str = "SELECT pg_notify($1, '')";
    pub const CHANGES_AFTER: &str = "SELECT ch.id, c.number, ch.account_id, ch.contact_id, \
         ch.kind, ch.staff_only FROM changes ch JOIN cases c ON c.id = ch.case_id \
         WHERE ch.id > $1 ORDER BY ch.id LIMIT $2";
    pub const LAST_CHANGE: &str = "SELECT COALESCE(MAX(id), 0) FROM changes";
    pub const FIRST_CHANGE: &str = "SELECT MIN(id) FROM changes";
    pub const PURGE_CHANGES: &str = "DELETE FROM changes WHERE created_at <= $1";
}

impl Tx {
    /// Announces a change of `case` to live pages once this transaction commits (`staff_only`:
    /// customers never hear of it). The one way a change reaches live pages; [`Tx::record`]
    /// announces every history entry, and opening a case announces it.
    pub fn announce(&mut self, case: CaseId, kind: ChangeKind, staff_only: bool) {
        self.changes.push(PendingChange {
            case,
            kind,
            staff_only,
        });
    }

    /// Writes the announced changes, last thing before the commit (on PostgreSQL under the feed's
    /// lock, with the `NOTIFY`, both released and sent by the commit).
    pub(super) async fn write_changes(&mut self, at: DateTime<Utc>) -> StoreResult<()> {
        if self.changes.is_empty() {
            return Ok(());
        }
        if let TxInner::Postgres(conn) = &mut self.inner {
            sqlx::query(sql::LOCK_FEED_POSTGRES)
                .execute(&mut **conn)
                .await?;
        }
        for c in &self.changes {
            tx!(self, |conn, DB| sqlx::query::<DB>(sql::INSERT_CHANGE)
                .bind(c.case)
                .bind(c.kind)
                .bind(c.staff_only)
                .bind(at)
                .execute(conn)
                .await
                .map(|_| ()))?;
        }
        if let TxInner::Postgres(conn) = &mut self.inner {
            sqlx::query(sql::NOTIFY_POSTGRES)
                .bind(CHANNEL)
                .execute(&mut **conn)
                .await?;
        }
        Ok(())
    }
}

/// Wakes on another process's change (PostgreSQL's `LISTEN`).
pub struct ChangeListener(sqlx::postgres::PgListener);

impl ChangeListener {
    /// Resolves on the next notification, or when the connection was lost and made again (changes
    /// may have been missed meanwhile: the caller reads the feed either way). An error: the
    /// database does not answer (the caller waits and calls again).
    pub async fn next(&mut self) -> StoreResult<()> {
        self.0.try_recv().await?;
        Ok(())
    }
}

impl Store {
    /// Resolves when a transaction of this process that announced changes has committed.
    pub async fn changes_committed(&self) {
        self.changed.notified().await;
    }

    /// A listener for other processes' changes: PostgreSQL only (`None` on SQLite, where every
    /// writer is this process or a short command).
    pub async fn listen_changes(&self) -> StoreResult<Option<ChangeListener>> {
        match &self.pool {
            Pool::Sqlite(_) => Ok(None),
            Pool::Postgres(pool) => {
                let mut listener = sqlx::postgres::PgListener::connect_with(pool).await?;
                listener.listen(CHANNEL).await?;
                Ok(Some(ChangeListener(listener)))
            }
        }
    }

    /// Up to `limit` changes after `after`, oldest first.
    pub async fn changes_after(&self, after: i64, limit: i64) -> StoreResult<Vec<ChangeRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, ChangeRow>(sql::CHANGES_AFTER)
                .bind(after)
                .bind(limit)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The newest change's id (0: none yet).
    pub async fn last_change(&self) -> StoreResult<i64> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, i64>(sql::LAST_CHANGE)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The oldest change still kept (`None`: none kept): a reader who saw less than the one
    /// before it has missed changes that were pruned.
    pub async fn first_change(&self) -> StoreResult<Option<i64>> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, Option<i64>>(sql::FIRST_CHANGE)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Removes changes made at or before `before`; how many.
    pub async fn purge_changes(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::PURGE_CHANGES)
                .bind(before)
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
                .map_err(StoreError::from_sqlx)
        })
    }
}
