//! Settings admins change in the app: one value per name, the same for every process.

use super::*;

mod sql {
    pub const GET: &str = "SELECT value FROM settings WHERE name = $1";
    pub const ADD: &str = "INSERT INTO settings (name, value, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (name) DO NOTHING";
    pub const SET: &str = "INSERT INTO settings (name, value, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";
}

/// "on" lets people without an account read the published articles.
pub const PUBLIC_KNOWLEDGE: &str = "public_knowledge";
/// Host names (space-separated) whose video players articles may embed.
pub const VIDEO_HOSTS: &str = "video_hosts";
/// The support phone number shown with the ways to ask for support (empty: none).
pub const SUPPORT_PHONE: &str = "support_phone";
/// The support email address shown with the ways to ask for support (empty: none).
pub const SUPPORT_EMAIL: &str = "support_email";

impl Store {
    /// The secret named `name` (64 hex characters): made by the first process that asks, the same
    /// for every process after (two making it at once keep the first one written).
    pub async fn secret(&self, name: &str) -> StoreResult<String> {
        if let Some(secret) = self.setting(name).await? {
            return Ok(secret);
        }
        let fresh = crate::backend::auth::new_token();
        let mut tx = self.begin().await?;
        tx!(tx, |conn, DB| sqlx::query::<DB>(sql::ADD)
            .bind(name)
            .bind(&fresh)
            .bind(Utc::now())
            .execute(conn)
            .await
            .map(|_| ()))?;
        tx.commit().await?;
        self.setting(name).await?.ok_or(StoreError::NotFound)
    }

    /// Whether admins made the knowledge base public.
    pub async fn knowledge_is_public(&self) -> StoreResult<bool> {
        Ok(self.setting(PUBLIC_KNOWLEDGE).await?.as_deref() == Some("on"))
    }

    /// The hosts whose players articles may embed (none unless admins allowed some).
    pub async fn video_hosts(&self) -> StoreResult<Vec<String>> {
        Ok(self
            .setting(VIDEO_HOSTS)
            .await?
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_string)
            .collect())
    }

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
