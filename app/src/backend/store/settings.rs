//! Settings admins change in the app: one value per name, the same for every process.

use super::*;

mod sql {
    pub const GET: &str = "SELECT value FROM settings WHERE name = $1";
    pub const SET: &str = "INSERT INTO settings (name, value, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";
}

impl Store {
    /// The value of setting `name`, if it was ever set.
    pub async fn setting(&self, name: &str) -> StoreResult<Option<String>> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, String>(sql::GET)
                .bind(name)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Sets `name` to `value`.
    pub async fn set_setting(&self, name: &str, value: &str, at: DateTime<Utc>) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        tx!(tx, |conn, DB| sqlx::query::<DB>(sql::SET)
            .bind(name)
            .bind(value)
            .bind(at)
            .execute(conn)
            .await
            .map(|_| ()))?;
        tx.commit().await
    }
}
