//! The knowledge base: articles, their search, and the articles support attaches to a case.

use super::*;

/// A new article (or the demo's, added only when its number is free).
#[derive(Debug, Clone)]
pub struct NewArticle {
    /// Its number, unique.
    pub number: i64,
    /// Language code.
    pub language: Language,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Text.
    pub body: String,
    /// Shown to people.
    pub published: bool,
    /// When written.
    pub updated_at: DateTime<Utc>,
}

/// An article as stored (without its search columns).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ArticleRow {
    /// Id.
    pub id: ArticleId,
    /// Number.
    pub number: i64,
    /// Language code.
    pub language: Language,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Text.
    pub body: String,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// SQL shared by both backends.
pub(super) mod sql {
    macro_rules! article_columns {
        () => {
            "a.id, a.number, a.language, a.title, a.summary, a.body, a.updated_at"
        };
    }
    pub const INSERT_ARTICLE_IF_NEW: &str = "INSERT INTO kb_articles (number, language, title, \
         summary, body, search_title, search_text, published, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (number) DO NOTHING";
    pub const PUBLISHED_ARTICLE: &str = concat!(
        "SELECT ",
        article_columns!(),
        " FROM kb_articles a WHERE a.number = $1 AND a.published = TRUE"
    );
    pub const SEARCH_HEAD: &str = concat!(
        "SELECT ",
        article_columns!(),
        " FROM kb_articles a WHERE a.published = TRUE"
    );
    pub const CASE_ARTICLES: &str = concat!(
        "SELECT ",
        article_columns!(),
        " FROM case_articles ca JOIN kb_articles a ON a.id = ca.article_id \
         WHERE ca.case_id = $1 AND a.published = TRUE ORDER BY ca.attached_at, a.number"
    );
    pub const ATTACH_ARTICLE: &str = "INSERT INTO case_articles (case_id, article_id, attached_by, \
         attached_at) VALUES ($1, $2, $3, $4) ON CONFLICT (case_id, article_id) DO NOTHING";
    pub const DETACH_ARTICLE: &str =
        "DELETE FROM case_articles WHERE case_id = $1 AND article_id = $2";
    pub const COUNT_ARTICLES: &str = "SELECT COUNT(*) FROM kb_articles WHERE published = TRUE";
}

/// The search query for `terms` (each a folded word, all required): articles in `$1` (the
/// reader's language) first, then those whose title holds the first word, then by title.
pub(super) fn search_sql(terms: usize) -> String {
    let mut out = String::from(sql::SEARCH_HEAD);
    for i in 0..terms {
        out += &format!(" AND a.search_text LIKE ${} ESCAPE '\\'", i + 2);
    }
    let limit = terms + 2;
    if terms == 0 {
        out += &format!(" ORDER BY (a.language = $1) DESC, a.updated_at DESC, a.id LIMIT ${limit}");
    } else {
        out += &format!(
            " ORDER BY (a.language = $1) DESC, (a.search_title LIKE $2 ESCAPE '\\') DESC, \
             a.search_title, a.id LIMIT ${limit}"
        );
    }
    out
}

impl Store {
    /// Adds the article unless its number is taken; whether it was added.
    pub async fn insert_article_if_new(&self, a: &NewArticle) -> StoreResult<bool> {
        db!(self, |pool, DB| {
            use crate::domain::knowledge::fold;
            let text = fold(&format!("{}\n{}\n{}", a.title, a.summary, a.body));
            let done = sqlx::query::<DB>(knowledge::sql::INSERT_ARTICLE_IF_NEW)
                .bind(a.number)
                .bind(a.language)
                .bind(&a.title)
                .bind(&a.summary)
                .bind(&a.body)
                .bind(fold(&a.title))
                .bind(text)
                .bind(a.published)
                .bind(a.updated_at)
                .execute(pool)
                .await
                .map_err(StoreError::from_sqlx)?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// The published article numbered `number`.
    pub async fn published_article(&self, number: i64) -> StoreResult<Option<ArticleRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, ArticleRow>(knowledge::sql::PUBLISHED_ARTICLE)
                .bind(number)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Published articles holding every folded word of `terms` (all of them, newest first, when
    /// there are none); at most `limit`, those in `language` first.
    pub async fn search_articles(
        &self,
        terms: &[String],
        language: Language,
        limit: i64,
    ) -> StoreResult<Vec<ArticleRow>> {
        db!(self, |pool, DB| {
            let sql = knowledge::search_sql(terms.len());
            let mut query = sqlx::query_as::<DB, ArticleRow>(&sql).bind(language);
            for term in terms {
                query = query.bind(format!("%{}%", like_escape(term)));
            }
            query
                .bind(limit)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The published articles attached to a case, in the order they were attached.
    pub async fn case_articles(&self, case: CaseId) -> StoreResult<Vec<ArticleRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, ArticleRow>(knowledge::sql::CASE_ARTICLES)
                .bind(case)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Attaches (`attach`) or detaches an article of a case and records `event` in the same
    /// transaction; `false` (and nothing recorded) if it already was so.
    pub async fn set_case_article(
        &self,
        case: CaseId,
        article: ArticleId,
        attach: bool,
        by: UserId,
        now: DateTime<Utc>,
        event: &NewEvent,
    ) -> StoreResult<bool> {
        let mut tx = self.begin().await?;
        let changed = if attach {
            tx!(tx, |conn, DB| sqlx::query::<DB>(
                knowledge::sql::ATTACH_ARTICLE
            )
            .bind(case)
            .bind(article)
            .bind(by)
            .bind(now)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?
        } else {
            tx!(tx, |conn, DB| sqlx::query::<DB>(
                knowledge::sql::DETACH_ARTICLE
            )
            .bind(case)
            .bind(article)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?
        } == 1;
        if changed {
            tx.record(case, Some(by), std::slice::from_ref(event), now)
                .await?;
        }
        tx.commit().await?;
        Ok(changed)
    }

    /// How many articles are published.
    pub async fn count_articles(&self) -> StoreResult<i64> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, i64>(knowledge::sql::COUNT_ARTICLES)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_word_is_a_numbered_pattern_before_the_limit() {
        let sql = super::search_sql(2);
        assert!(sql.contains("a.search_text LIKE $2 ESCAPE"));
        assert!(sql.contains("a.search_text LIKE $3 ESCAPE"));
        assert!(sql.ends_with("LIMIT $4"));
        assert!(super::search_sql(0).ends_with("LIMIT $2"));
    }
}
