//! Personal access tokens for the REST API: made, listed, revoked, and looked up by their hash.

use super::*;

mod sql {
    pub const INSERT: &str = "INSERT INTO personal_access_tokens (user_id, name, token_hash, \
         scope, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    pub const OF_USER: &str = "SELECT id, name, scope, created_at, expires_at, last_used_at \
         FROM personal_access_tokens WHERE user_id = $1 AND revoked_at IS NULL \
         ORDER BY created_at DESC, id DESC";
    pub const REVOKE: &str = "UPDATE personal_access_tokens SET revoked_at = $3 \
         WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL";
    /// The token's person, as a session's would be found (active people only).
    pub const FIND: &str = "SELECT t.id AS token_id, t.scope, t.last_used_at, u.id AS user_id, \
         u.name, u.email, u.role, u.language, u.time_zone, u.account_id \
         FROM personal_access_tokens t JOIN users u ON u.id = t.user_id \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL \
         AND (t.expires_at IS NULL OR t.expires_at > $2) AND u.active";
    pub const TOUCH: &str = "UPDATE personal_access_tokens SET last_used_at = $2 WHERE id = $1";
}

/// A token as its owner's page lists it (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TokenRow {
    /// Id.
    pub id: i64,
    /// What its owner called it.
    pub name: String,
    /// `read` or `write`.
    pub scope: String,
    /// Made.
    pub created_at: DateTime<Utc>,
    /// Ends then (`None`: when revoked).
    pub expires_at: Option<DateTime<Utc>>,
    /// Last used.
    pub last_used_at: Option<DateTime<Utc>>,
}

/// A token's person, found by the token.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TokenUserRow {
    /// The token's id.
    pub token_id: i64,
    /// `read` or `write`.
    pub scope: String,
    /// Last used.
    pub last_used_at: Option<DateTime<Utc>>,
    /// The person.
    pub user_id: UserId,
    /// Their name.
    pub name: String,
    /// Their email.
    pub email: String,
    /// Their role.
    pub role: Role,
    /// Their language.
    pub language: Language,
    /// Their time zone.
    pub time_zone: String,
    /// Their company (customers).
    pub account_id: Option<AccountId>,
}

impl Store {
    /// Keeps a new token (its hash) for `user`; returns its id.
    pub async fn insert_token(
        &self,
        user: UserId,
        name: &str,
        token_hash: &str,
        scope: &str,
        now: DateTime<Utc>,
        expires_at: Option<DateTime<Utc>>,
    ) -> StoreResult<i64> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, i64>(sql::INSERT)
                .bind(user)
                .bind(name)
                .bind(token_hash)
                .bind(scope)
                .bind(now)
                .bind(expires_at)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// A person's tokens that are not revoked, newest first.
    pub async fn tokens_of(&self, user: UserId) -> StoreResult<Vec<TokenRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, TokenRow>(sql::OF_USER)
                .bind(user)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Revokes one of `user`'s tokens; `false` when they have no such token (or it is revoked).
    pub async fn revoke_token(
        &self,
        id: i64,
        user: UserId,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::REVOKE)
                .bind(id)
                .bind(user)
                .bind(now)
                .execute(pool)
                .await
                .map(|r| r.rows_affected() > 0)
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The active person of a live token with this hash.
    pub async fn find_token(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<TokenUserRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, TokenUserRow>(sql::FIND)
                .bind(token_hash)
                .bind(now)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Records that a token was used.
    pub async fn touch_token(&self, id: i64, now: DateTime<Utc>) -> StoreResult<()> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::TOUCH)
                .bind(id)
                .bind(now)
                .execute(pool)
                .await
                .map(|_| ())
                .map_err(StoreError::from_sqlx)
        })
    }
}
