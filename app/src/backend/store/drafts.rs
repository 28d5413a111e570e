//! What a form without JavaScript had typed when it came back with errors (see `backend::forms`).

use super::*;

impl Store {
    /// Keeps what a no-JS form had typed, under a token's hash (`user`: whose form it is).
    pub async fn insert_draft(
        &self,
        token_hash: &str,
        user: Option<UserId>,
        fields: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::INSERT_DRAFT)
                .bind(token_hash)
                .bind(user)
                .bind(fields)
                .bind(at)
                .execute(pool)
                .await
                .map_err(StoreError::from_sqlx)?;
            Ok(())
        })
    }

    /// A draft written after `since`: its owner and fields (JSON).
    pub async fn get_draft(
        &self,
        token_hash: &str,
        since: DateTime<Utc>,
    ) -> StoreResult<Option<(Option<UserId>, String)>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, (Option<UserId>, String)>(sql::GET_DRAFT)
                .bind(token_hash)
                .bind(since)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }
}
