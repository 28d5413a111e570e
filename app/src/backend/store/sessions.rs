//! Sessions (only token hashes are stored) and the known devices people signed in from.

use super::*;

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
    pub role: Role,
    /// Language code.
    pub language: Language,
    /// IANA time zone, empty until set.
    pub time_zone: String,
    /// Company (customers).
    pub account_id: Option<AccountId>,
}

impl Store {
    /// Stores a new session (only the token's hash).
    pub async fn insert_session(
        &self,
        token_hash: &str,
        user: UserId,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
        must_change_password: bool,
    ) -> StoreResult<()> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::INSERT_SESSION)
                .bind(token_hash)
                .bind(user)
                .bind(now)
                .bind(expires_at)
                .bind(must_change_password)
                .execute(pool)
                .await
                .map_err(StoreError::from_sqlx)?;
            Ok(())
        })
    }

    /// The session with this token hash and its user, if it is neither expired (absolute), idle since
    /// `idle_since`, nor the user deactivated.
    pub async fn find_session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
        idle_since: DateTime<Utc>,
    ) -> StoreResult<Option<SessionRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, SessionRow>(sql::FIND_SESSION)
                .bind(token_hash)
                .bind(now)
                .bind(idle_since)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Records activity on a session.
    pub async fn touch_session(&self, session_id: i64, now: DateTime<Utc>) -> StoreResult<()> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::TOUCH_SESSION)
                .bind(now)
                .bind(session_id)
                .execute(pool)
                .await
                .map_err(StoreError::from_sqlx)?;
            Ok(())
        })
    }

    /// Ends one session (sign-out).
    pub async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::DELETE_SESSION)
                .bind(token_hash)
                .execute(pool)
                .await
                .map_err(StoreError::from_sqlx)?;
            Ok(())
        })
    }

    /// Ends every session of a user (password change, deactivation).
    pub async fn delete_user_sessions(&self, user: UserId) -> StoreResult<u64> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::DELETE_USER_SESSIONS)
                .bind(user)
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Remembers a browser `user` signed in from (by its device token's hash).
    pub async fn insert_device(
        &self,
        token_hash: &str,
        user: UserId,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::INSERT_DEVICE)
                .bind(token_hash)
                .bind(user)
                .bind(at)
                .execute(pool)
                .await
                .map_err(StoreError::from_sqlx)?;
            Ok(())
        })
    }

    /// Whose known device a token hash is (and records its use).
    pub async fn device_user(
        &self,
        token_hash: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<Option<UserId>> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, UserId>(sql::DEVICE_USER)
                .bind(token_hash)
                .bind(at)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }
}
