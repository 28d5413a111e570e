//! The audit log: written by `services::audit`, read by admins page by page.

use super::*;

mod sql {
    pub const INSERT: &str = "INSERT INTO audit_log (at, actor_id, action, subject_id, detail, client) \
         VALUES ($1, $2, $3, $4, $5, $6)";
    /// Newest first, before id `$1`; people named as they are now (`$3`: one person's entries,
    /// done by or to them; NULL: everyone's).
    pub const PAGE: &str = "SELECT l.id, l.at, l.action, l.detail, l.client, \
         COALESCE(a.name || ' <' || a.email || '>', '') AS actor, \
         COALESCE(s.name || ' <' || s.email || '>', '') AS subject \
         FROM audit_log l \
         LEFT JOIN users a ON a.id = l.actor_id \
         LEFT JOIN users s ON s.id = l.subject_id \
         WHERE l.id < $1 AND ($3 IS NULL OR l.actor_id = $3 OR l.subject_id = $3) \
         ORDER BY l.id DESC LIMIT $2";
}

/// A line of the log to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAudit<'a> {
    /// When.
    pub at: DateTime<Utc>,
    /// Who did it (`None`: nobody signed in).
    pub actor: Option<UserId>,
    /// The action's code.
    pub action: &'a str,
    /// To whom.
    pub subject: Option<UserId>,
    /// The action's own detail.
    pub detail: &'a str,
    /// The client address.
    pub client: &'a str,
}

/// A line of the log as read.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuditRow {
    /// Its id.
    pub id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// The action's code.
    pub action: String,
    /// The action's own detail.
    pub detail: String,
    /// The client address.
    pub client: String,
    /// Who did it, "Name <email>" ("" for nobody).
    pub actor: String,
    /// To whom, "Name <email>" ("" for nobody).
    pub subject: String,
}

impl Store {
    /// Writes a line of the log.
    pub async fn insert_audit(&self, line: &NewAudit<'_>) -> StoreResult<()> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::INSERT)
                .bind(line.at)
                .bind(line.actor)
                .bind(line.action)
                .bind(line.subject)
                .bind(line.detail)
                .bind(line.client)
                .execute(pool)
                .await
                .map_err(StoreError::from_sqlx)?;
            Ok(())
        })
    }

    /// Up to `limit` lines before id `before`, newest first; only those by or to `person` when
    /// given.
    pub async fn audit_page(
        &self,
        before: i64,
        limit: i64,
        person: Option<UserId>,
    ) -> StoreResult<Vec<AuditRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, AuditRow>(sql::PAGE)
                .bind(before)
                .bind(limit)
                .bind(person)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }
}
