//! Purging what can no longer be used: expired sessions and links, old throttle rows and drafts.

use super::*;

/// How much a purge removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Purged {
    /// Expired or idle sessions.
    pub sessions: u64,
    /// Used or long-expired set-password links.
    pub tokens: u64,
    /// Expired temporary passwords.
    pub temp_passwords: u64,
    /// Throttle rows older than a day.
    pub attempts: u64,
    /// Form drafts older than an hour.
    pub drafts: u64,
    /// Devices unused for a year.
    pub devices: u64,
    /// Live pages' changes older than a day ([`CHANGES_KEPT`]).
    pub changes: u64,
    /// Webhook deliveries older than 30 days (long given up or done).
    pub deliveries: u64,
}

/// How long live pages' changes are kept for replay: a page away longer loads itself again.
pub const CHANGES_KEPT: chrono::Duration = chrono::Duration::days(1);

impl Store {
    /// Removes expired sessions, used or long-expired links, expired temporary passwords, old
    /// throttle rows and drafts, devices unused for a year, live pages' old changes and webhook
    /// deliveries older than 30 days.
    pub async fn purge(
        &self,
        now: DateTime<Utc>,
        session_idle: chrono::Duration,
    ) -> StoreResult<Purged> {
        let mut purged = self.purge_records(now, session_idle).await?;
        purged.changes = self.purge_changes(now - CHANGES_KEPT).await?;
        Ok(purged)
    }

    async fn purge_records(
        &self,
        now: DateTime<Utc>,
        session_idle: chrono::Duration,
    ) -> StoreResult<Purged> {
        db!(self, |pool, DB| {
            use chrono::Duration;
            let run = |text: &'static str, at: DateTime<Utc>| sqlx::query::<DB>(text).bind(at);
            let done = |r: <DB as sqlx::Database>::QueryResult| r.rows_affected();
            let e = StoreError::from_sqlx;
            Ok(Purged {
                sessions: run(sql::PURGE_SESSIONS, now)
                    .bind(now - session_idle)
                    .execute(pool)
                    .await
                    .map(done)
                    .map_err(e)?,
                tokens: run(sql::PURGE_PASSWORD_TOKENS, now - Duration::days(1))
                    .bind(now - Duration::days(30))
                    .execute(pool)
                    .await
                    .map(done)
                    .map_err(e)?,
                temp_passwords: run(sql::PURGE_TEMP_PASSWORDS, now)
                    .execute(pool)
                    .await
                    .map(done)
                    .map_err(e)?,
                attempts: run(sql::PURGE_ATTEMPTS, now - Duration::days(1))
                    .execute(pool)
                    .await
                    .map(done)
                    .map_err(e)?,
                drafts: run(sql::PURGE_DRAFTS, now - Duration::hours(1))
                    .execute(pool)
                    .await
                    .map(done)
                    .map_err(e)?,
                devices: run(sql::PURGE_DEVICES, now - Duration::days(365))
                    .execute(pool)
                    .await
                    .map(done)
                    .map_err(e)?,
                deliveries: run(sql::PURGE_DELIVERIES, now - Duration::days(30))
                    .execute(pool)
                    .await
                    .map(done)
                    .map_err(e)?,
                changes: 0,
            })
        })
    }
}
