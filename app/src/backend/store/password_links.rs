//! Set-password links: the welcome job that makes one, storing it (as a hash), redeeming it once.

use super::*;

/// A set-password link to store (the worker makes it as it sends the welcome email, so the link
/// itself is never stored anywhere but in the email).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordLink {
    /// SHA-256 of the link's token.
    pub token_hash: String,
    /// When the link stops working.
    pub expires_at: DateTime<Utc>,
}

/// The job that welcomes a person once their id is known (inside the transaction that adds them).
pub type JobFor = fn(UserId) -> Job;

impl Store {
    /// Replaces the user's unused set-password links with `link` (the welcome job does this just
    /// before it sends the link).
    pub async fn issue_password_token(
        &self,
        user: UserId,
        link: &PasswordLink,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        tx!(tx, |conn, DB| sqlx::query::<DB>(
            sql::DELETE_UNUSED_PASSWORD_TOKENS
        )
        .bind(user)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
        tx!(tx, |conn, DB| sqlx::query::<DB>(sql::INSERT_PASSWORD_TOKEN)
            .bind(user)
            .bind(&link.token_hash)
            .bind(link.expires_at)
            .bind(now)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
        tx.commit().await
    }

    /// Ends the user's unused set-password links and enqueues `welcome(user)` (which makes the new
    /// link as it sends it), in one transaction.
    pub async fn queue_welcome(&self, user: UserId, welcome: JobFor) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        store_welcome(&mut tx, user, welcome, Utc::now()).await?;
        tx.commit().await
    }

    /// The active person a usable (unused, unexpired) link belongs to.
    pub async fn find_password_token_user(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<UserRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, UserRow>(sql::FIND_PASSWORD_TOKEN_USER)
                .bind(token_hash)
                .bind(now)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Uses a link: marks it used, sets the password, ends every session and other link of the
    /// user, in one transaction. `None` when the link is unknown, used, expired or its person
    /// deactivated (of two concurrent uses, one gets `None`).
    pub async fn redeem_password_token(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<UserId>> {
        let mut tx = self.begin().await?;
        let user = tx!(tx, |conn, DB| {
            sqlx::query_scalar::<DB, UserId>(sql::USE_PASSWORD_TOKEN)
                .bind(token_hash)
                .bind(now)
                .fetch_optional(conn)
                .await
        })?;
        let Some(user) = user else {
            return Ok(None);
        };
        tx!(tx, |conn, DB| sqlx::query::<DB>(sql::UPDATE_PASSWORD)
            .bind(password_hash)
            .bind(user)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
        for statement in [
            sql::DELETE_USER_SESSIONS,
            sql::DELETE_UNUSED_PASSWORD_TOKENS,
        ] {
            tx!(tx, |conn, DB| sqlx::query::<DB>(statement)
                .bind(user)
                .execute(conn)
                .await
                .map(|r| r.rows_affected()))?;
        }
        tx.commit().await?;
        Ok(Some(user))
    }
}

/// Ends `user`'s unused set-password links and enqueues their welcome (which makes the new link as
/// it sends it), inside `tx`.
pub(super) async fn store_welcome(
    tx: &mut Tx,
    user: UserId,
    welcome: JobFor,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    tx!(tx, |conn, DB| sqlx::query::<DB>(
        sql::DELETE_UNUSED_PASSWORD_TOKENS
    )
    .bind(user)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    tx.enqueue(&[welcome(user)], now).await
}
