//! Canned replies: support's shared answers per language.

use super::*;

/// A canned reply as stored, with the name of who saved it last.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ReplyRow {
    /// Id.
    pub id: ReplyId,
    /// Title.
    pub title: String,
    /// Language.
    pub language: Language,
    /// Text with placeholders.
    pub body: String,
    /// Who saved it last.
    pub updated_by: String,
    /// When.
    pub updated_at: DateTime<Utc>,
}

/// A canned reply to write (`id`: the one to change; `None`: a new one).
#[derive(Debug, Clone)]
pub struct ReplySave {
    /// The reply to change, or none for a new one.
    pub id: Option<ReplyId>,
    /// Title.
    pub title: String,
    /// Language.
    pub language: Language,
    /// Text.
    pub body: String,
    /// Who saves it.
    pub by: UserId,
    /// When.
    pub at: DateTime<Utc>,
}

mod sql {
    macro_rules! replies {
        ($filter:literal) => {
            concat!(
                "SELECT r.id, r.title, r.language, r.body, u.name AS updated_by, r.updated_at \
                 FROM canned_replies r JOIN users u ON u.id = r.updated_by ",
                $filter,
                " ORDER BY r.language, r.title_folded, r.id"
            )
        };
    }
    pub const ALL: &str = replies!("");
    pub const ONE: &str = replies!("WHERE r.id = $1");
    pub const INSERT: &str = "INSERT INTO canned_replies \
         (title, title_folded, language, body, updated_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    pub const UPDATE: &str = "UPDATE canned_replies SET title = $2, title_folded = $3, \
         language = $4, body = $5, updated_by = $6, updated_at = $7 WHERE id = $1";
    pub const DELETE: &str = "DELETE FROM canned_replies WHERE id = $1";
}

impl Store {
    /// Every canned reply, by language and title.
    pub async fn canned_replies(&self) -> StoreResult<Vec<ReplyRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, ReplyRow>(sql::ALL)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// One canned reply, if it exists.
    pub async fn canned_reply(&self, id: ReplyId) -> StoreResult<Option<ReplyRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, ReplyRow>(sql::ONE)
                .bind(id)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Adds or changes a canned reply; returns its id. A title taken in that language is
    /// `Conflict` (on `title_folded`); a reply that is gone is `NotFound`.
    pub async fn save_canned_reply(&self, r: &ReplySave) -> StoreResult<ReplyId> {
        let folded = r.title.to_lowercase();
        match r.id {
            None => db!(self, |pool, DB| {
                sqlx::query_scalar::<DB, ReplyId>(sql::INSERT)
                    .bind(&r.title)
                    .bind(&folded)
                    .bind(r.language)
                    .bind(&r.body)
                    .bind(r.by)
                    .bind(r.at)
                    .fetch_one(pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }),
            Some(id) => {
                let changed = db!(self, |pool, DB| {
                    sqlx::query::<DB>(sql::UPDATE)
                        .bind(id)
                        .bind(&r.title)
                        .bind(&folded)
                        .bind(r.language)
                        .bind(&r.body)
                        .bind(r.by)
                        .bind(r.at)
                        .execute(pool)
                        .await
                        .map_err(StoreError::from_sqlx)
                        .map(|done| done.rows_affected())
                })?;
                if changed == 0 {
                    return Err(StoreError::NotFound);
                }
                Ok(id)
            }
        }
    }

    /// Removes a canned reply; whether there was one.
    pub async fn delete_canned_reply(&self, id: ReplyId) -> StoreResult<bool> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::DELETE)
                .bind(id)
                .execute(pool)
                .await
                .map_err(StoreError::from_sqlx)
                .map(|done| done.rows_affected() == 1)
        })
    }
}
