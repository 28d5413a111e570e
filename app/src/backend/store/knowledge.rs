//! The knowledge base: articles, their search, and the articles support attaches to a case.

use super::*;
use crate::backend::search::Search;
use crate::domain::knowledge::ArticleCategory;

/// A new article (or the demo's, added only when its number is free).
#[derive(Debug, Clone)]
pub struct NewArticle {
    /// Its number, unique.
    pub number: i64,
    /// Language code.
    pub language: Language,
    /// Its section of the knowledge base.
    pub category: ArticleCategory,
    /// Shared with its versions in other languages.
    pub translation_group: Option<i64>,
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
    /// Its section of the knowledge base.
    pub category: ArticleCategory,
    /// Shared with its versions in other languages.
    pub translation_group: Option<i64>,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Text.
    pub body: String,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// Who wrote it in the app (none for the demo's and older articles).
    pub author_id: Option<UserId>,
    /// 1 when written, one more at every change.
    pub revision: i64,
    /// Shown to people (else a draft, for staff only).
    pub published: bool,
    /// The solved case it was written from, if any.
    pub source_case_id: Option<CaseId>,
}

/// An article as staff write it in the app (a new one, or the next revision of one).
#[derive(Debug, Clone)]
pub struct ArticleDraft {
    /// Language of the text.
    pub language: Language,
    /// Its section of the knowledge base.
    pub category: ArticleCategory,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Text (Markdown).
    pub body: String,
    /// Shown to people (else a draft).
    pub published: bool,
    /// The products it is about.
    pub products: Vec<ProductId>,
    /// Its group of translations, as it was.
    pub translation_group: Option<i64>,
    /// Another article this one translates: it joins that article's group (a new group when
    /// that one had none), instead of `translation_group`.
    pub translation_of: Option<ArticleRow>,
    /// The solved case it is written from (kept from the first save on).
    pub source_case: Option<CaseId>,
    /// Who writes it.
    pub author: UserId,
    /// When.
    pub at: DateTime<Utc>,
    /// The writer's pending uploads that join the article (images, files, a training video).
    pub add_files: Vec<AttachmentId>,
    /// The article's files that go.
    pub remove_files: Vec<AttachmentId>,
}

/// What saving an article did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedArticle {
    /// Its number.
    pub number: i64,
    /// Blob keys of the files it no longer has (the caller removes the bytes after the commit).
    pub removed_blobs: Vec<String>,
}

/// An article in the staff's list, with its readers' votes.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StaffArticleRow {
    /// Number.
    pub number: i64,
    /// Language code.
    pub language: Language,
    /// Its section.
    pub category: ArticleCategory,
    /// Title.
    pub title: String,
    /// Shown to people.
    pub published: bool,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// Revision.
    pub revision: i64,
    /// Every vote.
    pub votes: i64,
    /// The votes "yes".
    pub helpful: i64,
}

/// Which articles the staff's list shows, and in which order.
#[derive(Debug, Clone, Default)]
pub struct StaffArticleFilter {
    /// Published (`Some(true)`), drafts (`Some(false)`) or both.
    pub published: Option<bool>,
    /// One language, or all.
    pub language: Option<Language>,
    /// One category, or all.
    pub category: Option<ArticleCategory>,
    /// The least helpful first (articles with votes, by their share of "yes"); else the latest.
    pub least_helpful: bool,
}

/// Readers' votes on an article ("Was this helpful?").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VoteCount {
    /// Every vote.
    pub votes: i64,
    /// The votes "yes".
    pub helpful: i64,
    /// The vote of the person asking, if any.
    pub mine: Option<bool>,
}

#[derive(sqlx::FromRow)]
struct VoteRow {
    votes: i64,
    helpful: i64,
    mine_yes: i64,
    mine_no: i64,
}

/// SQL shared by both backends.
pub(super) mod sql {
    macro_rules! article_columns {
        () => {
            "a.id, a.number, a.language, a.category, a.translation_group, a.title, a.summary, a.body, \
             a.updated_at, a.author_id, a.revision, a.published, a.source_case_id"
        };
    }
    pub const INSERT_ARTICLE_IF_NEW: &str = "INSERT INTO kb_articles (number, language, category, \
         title, summary, body, search_title, search_summary, search_text, index_version, \
         published, updated_at, translation_group) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         ON CONFLICT (number) DO NOTHING";
    pub const TRANSLATIONS: &str = concat!(
        "SELECT ",
        article_columns!(),
        " FROM kb_articles a WHERE a.translation_group = $1 AND a.id <> $2 \
         ORDER BY a.language, a.number"
    );
    pub const ARTICLES_TO_INDEX: &str = "SELECT id, language, title, summary, body FROM kb_articles \
         WHERE index_version < $1 ORDER BY id LIMIT $2";
    pub const SET_ARTICLE_INDEX: &str = "UPDATE kb_articles SET search_title = $2, \
         search_summary = $3, search_text = $4, index_version = $5 WHERE id = $1";
    pub const PUBLISHED_ARTICLE: &str = concat!(
        "SELECT ",
        article_columns!(),
        " FROM kb_articles a WHERE a.number = $1 AND a.published = TRUE"
    );
    pub const SEARCH_COLUMNS: &str = concat!("SELECT ", article_columns!());
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
    // Per product, its links first (an index probe), then each linked article by its key: the
    // join the other way round walked every published article for every product (25 ms at
    // 10,000 articles on SQLite, 0.03 ms this way).
    pub const ARTICLE_PRODUCTS: &str = "SELECT p.id, p.name FROM products p WHERE EXISTS \
         (SELECT 1 FROM kb_article_products ap WHERE ap.product_id = p.id AND EXISTS \
         (SELECT 1 FROM kb_articles a WHERE a.id = ap.article_id AND a.published = TRUE)) \
         ORDER BY p.name, p.id LIMIT 500";
    pub const LINK_ARTICLE_PRODUCT: &str = "INSERT INTO kb_article_products (article_id, product_id) \
         SELECT id, $2 FROM kb_articles WHERE number = $1 ON CONFLICT DO NOTHING";
    pub const CATEGORY_COUNTS: &str = "SELECT category, COUNT(*) FROM kb_articles \
         WHERE published = TRUE GROUP BY category";
    pub const DELETE_ARTICLE_TITLED: &str =
        "DELETE FROM kb_articles WHERE number = $1 AND title = $2";
    pub const COUNT_ARTICLES: &str = "SELECT COUNT(*) FROM kb_articles WHERE published = TRUE";
    pub const ARTICLE_BY_NUMBER: &str = concat!(
        "SELECT ",
        article_columns!(),
        " FROM kb_articles a WHERE a.number = $1"
    );
    pub const NEXT_ARTICLE_NUMBER: &str = "SELECT COALESCE(MAX(number), 1000) + 1 FROM kb_articles";
    pub const INSERT_ARTICLE: &str = "INSERT INTO kb_articles (number, language, category, \
         title, summary, body, search_title, search_summary, search_text, index_version, \
         published, updated_at, translation_group, author_id, revision, source_case_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 1, $15) RETURNING id";
    // The revision read when the form opened must still be the article's: a change made by
    // someone else meanwhile is never silently overwritten.
    pub const UPDATE_ARTICLE: &str = "UPDATE kb_articles SET language = $3, category = $4, \
         title = $5, summary = $6, body = $7, search_title = $8, search_summary = $9, \
         search_text = $10, index_version = $11, published = $12, updated_at = $13, \
         translation_group = $14, author_id = COALESCE(author_id, $15), revision = revision + 1 \
         WHERE number = $1 AND revision = $2 RETURNING id";
    pub const NEW_TRANSLATION_GROUP: &str =
        "SELECT COALESCE(MAX(translation_group), 0) + 1 FROM kb_articles";
    pub const JOIN_TRANSLATIONS: &str =
        "UPDATE kb_articles SET translation_group = $2 WHERE id = $1 AND translation_group IS NULL";
    pub const UNLINK_PRODUCTS: &str = "DELETE FROM kb_article_products WHERE article_id = $1";
    pub const LINK_PRODUCT: &str = "INSERT INTO kb_article_products (article_id, product_id) \
         VALUES ($1, $2) ON CONFLICT DO NOTHING";
    pub const PRODUCTS_OF_ARTICLE: &str = "SELECT product_id FROM kb_article_products \
         WHERE article_id = $1 ORDER BY product_id";
    pub const TRANSLATION_LANGUAGES: &str =
        "SELECT language FROM kb_articles WHERE translation_group = $1 AND id <> $2";
    pub const RECORD_SUGGESTION_OPEN: &str = "INSERT INTO kb_suggestion_opens (user_id, \
         article_id, opened_at, window_end) VALUES ($1, $2, $3, $4)";
    // Deflected: no case of the same person opened within the window after.
    pub const SUGGESTION_OPENS: &str = "SELECT d.opened_at, NOT EXISTS (SELECT 1 FROM cases c \
         WHERE c.contact_id = d.user_id AND c.opened_at >= d.opened_at \
         AND c.opened_at < d.window_end) AS deflected FROM kb_suggestion_opens d \
         WHERE d.opened_at >= $1 ORDER BY d.opened_at";
    pub const SET_VOTE: &str = "INSERT INTO kb_article_votes (article_id, user_id, helpful, \
         voted_at) VALUES ($1, $2, $3, $4) ON CONFLICT (article_id, user_id) \
         DO UPDATE SET helpful = excluded.helpful, voted_at = excluded.voted_at";
    pub const COUNT_VOTES: &str = "SELECT COUNT(*) AS votes, \
         COUNT(CASE WHEN helpful THEN 1 END) AS helpful, \
         COUNT(CASE WHEN user_id = $2 AND helpful THEN 1 END) AS mine_yes, \
         COUNT(CASE WHEN user_id = $2 AND NOT helpful THEN 1 END) AS mine_no \
         FROM kb_article_votes WHERE article_id = $1";
}

/// The words stored for searching an article (see `backend::search`).
struct ArticleIndex {
    title: String,
    summary: String,
    text: String,
}

impl ArticleIndex {
    fn of(language: Language, title: &str, summary: &str, body: &str) -> Self {
        use crate::backend::search::index_text;
        Self {
            title: index_text(language, title),
            summary: index_text(language, summary),
            text: index_text(language, &format!("{title}\n{summary}\n{body}")),
        }
    }
}

/// An article not yet indexed by the current `INDEX_VERSION`.
#[derive(sqlx::FromRow)]
struct ArticleText {
    id: ArticleId,
    language: Language,
    title: String,
    summary: String,
    body: String,
}

/// What a knowledge-base search asks for.
#[derive(Debug, Clone)]
pub struct ArticleSearch<'a> {
    /// The words (none: every article, newest first).
    pub search: &'a Search,
    /// The reader's language: articles in it come first.
    pub reader: Language,
    /// Only this section.
    pub category: Option<ArticleCategory>,
    /// Only this language.
    pub language: Option<Language>,
    /// Only articles about this product.
    pub product: Option<ProductId>,
    /// At most this many.
    pub limit: i64,
}

/// The search as SQL, the same on both databases but for the match itself (FTS5's `MATCH`,
/// PostgreSQL's `@@`): published articles holding every word, in the reader's language first, then
/// by how many words the title holds, then the summary, then the newest.
pub fn search_query(backend: Backend, s: &ArticleSearch<'_>) -> Query {
    // The inner query ranks ids by small columns only; the outer one reads the 50 articles it
    // keeps (a common word matches thousands, whose texts are never read).
    let mut q = Query::default();
    q.sql(sql::SEARCH_COLUMNS)
        .sql(" FROM kb_articles a JOIN (SELECT a.id AS kid, (a.language = ")
        .bind(Bind::Text(s.reader.code().into()))
        .sql(") AS own, ");
    hits(&mut q, "a.search_title", s.search);
    q.sql(" AS in_title, ");
    hits(&mut q, "a.search_summary", s.search);
    q.sql(" AS in_summary, a.updated_at AS changed");
    if s.search.is_empty() {
        q.sql(" FROM kb_articles a WHERE a.published = TRUE");
    } else {
        match backend {
            Backend::Sqlite => q
                .sql(" FROM kb_search JOIN kb_articles a ON a.id = kb_search.rowid WHERE kb_search MATCH ")
                .bind(Bind::Text(s.search.fts5())),
            Backend::Postgres => q
                // The index's own expression (migration 20), so the planner takes the index.
                .sql(" FROM kb_articles a WHERE to_tsvector('simple', a.search_text) @@ to_tsquery('simple', ")
                .bind(Bind::Text(s.search.tsquery()))
                .sql(")"),
        };
        q.sql(" AND a.published = TRUE");
    }
    if let Some(category) = s.category {
        q.sql(" AND a.category = ")
            .bind(Bind::Text(category.code().into()));
    }
    if let Some(language) = s.language {
        q.sql(" AND a.language = ")
            .bind(Bind::Text(language.code().into()));
    }
    if let Some(product) = s.product {
        q.sql(" AND EXISTS (SELECT 1 FROM kb_article_products p WHERE p.article_id = a.id AND p.product_id = ")
            .bind(Bind::Int(product.0))
            .sql(")");
    }
    const ORDER: &str = "own DESC, in_title DESC, in_summary DESC, changed DESC, kid";
    q.sql(format!(" ORDER BY {ORDER} LIMIT "))
        .bind(Bind::Int(s.limit))
        .sql(format!(") k ON a.id = k.kid ORDER BY {ORDER}"));
    q
}

/// How many of the search's words `column` (stems separated by spaces) holds, as SQL; `0`
/// without words.
fn hits(q: &mut Query, column: &str, search: &Search) {
    if search.is_empty() {
        q.sql("0");
        return;
    }
    q.sql("(");
    for (i, stems) in search.terms.iter().enumerate() {
        q.sql(if i == 0 {
            "(CASE WHEN "
        } else {
            " + (CASE WHEN "
        });
        for (j, stem) in stems.iter().enumerate() {
            if j > 0 {
                q.sql(" OR ");
            }
            q.sql(format!("' ' || {column} || ' ' LIKE "))
                .bind(Bind::Text(format!("% {} %", like_escape(stem))))
                .sql(" ESCAPE '\\'");
        }
        q.sql(" THEN 1 ELSE 0 END)");
    }
    q.sql(")");
}

impl Store {
    /// Adds the article unless its number is taken; whether it was added.
    pub async fn insert_article_if_new(&self, a: &NewArticle) -> StoreResult<bool> {
        let index = ArticleIndex::of(a.language, &a.title, &a.summary, &a.body);
        db!(self, |pool, DB| {
            let done = sqlx::query::<DB>(knowledge::sql::INSERT_ARTICLE_IF_NEW)
                .bind(a.number)
                .bind(a.language)
                .bind(a.category)
                .bind(&a.title)
                .bind(&a.summary)
                .bind(&a.body)
                .bind(&index.title)
                .bind(&index.summary)
                .bind(&index.text)
                .bind(crate::backend::search::INDEX_VERSION)
                .bind(a.published)
                .bind(a.updated_at)
                .bind(a.translation_group)
                .execute(pool)
                .await
                .map_err(StoreError::from_sqlx)?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// Indexes again, a batch at a time, every article indexed by an older `INDEX_VERSION` (all
    /// of them once after the upgrade that brought stemming); how many. Run at start-up; several
    /// processes doing it at once write the same words.
    pub async fn reindex_articles(&self) -> StoreResult<u64> {
        use crate::backend::search::INDEX_VERSION;
        let mut done = 0;
        loop {
            let batch = db!(self, |pool, DB| {
                sqlx::query_as::<DB, ArticleText>(knowledge::sql::ARTICLES_TO_INDEX)
                    .bind(INDEX_VERSION)
                    .bind(500_i64)
                    .fetch_all(pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            })?;
            if batch.is_empty() {
                return Ok(done);
            }
            let mut tx = self.begin().await?;
            for a in &batch {
                let index = ArticleIndex::of(a.language, &a.title, &a.summary, &a.body);
                tx!(tx, |conn, DB| sqlx::query::<DB>(
                    knowledge::sql::SET_ARTICLE_INDEX
                )
                .bind(a.id)
                .bind(&index.title)
                .bind(&index.summary)
                .bind(&index.text)
                .bind(INDEX_VERSION)
                .execute(conn)
                .await
                .map(|_| ()))?;
            }
            tx.commit().await?;
            done += batch.len() as u64;
        }
    }

    /// Article `number`, published or not (for staff).
    pub async fn article_by_number(&self, number: i64) -> StoreResult<Option<ArticleRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, ArticleRow>(knowledge::sql::ARTICLE_BY_NUMBER)
                .bind(number)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The products article `article` is about.
    pub async fn article_product_ids(&self, article: ArticleId) -> StoreResult<Vec<ProductId>> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, ProductId>(knowledge::sql::PRODUCTS_OF_ARTICLE)
                .bind(article)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The languages of the other articles of translation group `group` (not `except`'s).
    pub async fn translation_languages(
        &self,
        group: i64,
        except: Option<ArticleId>,
    ) -> StoreResult<Vec<Language>> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, Language>(knowledge::sql::TRANSLATION_LANGUAGES)
                .bind(group)
                .bind(except.unwrap_or(ArticleId(0)))
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Writes `draft` as article `number` (`None`: a new article, numbered after the highest),
    /// indexed for search, with its products and its translation group, in one transaction.
    /// An existing article must still be at `revision` ([`StoreError::Stale`] otherwise; a
    /// missing one is [`StoreError::NotFound`]). Its files change in the same transaction: a file
    /// that is no longer the writer's pending upload fails it all
    /// ([`StoreError::AttachmentUnavailable`]).
    pub async fn save_article(
        &self,
        number: Option<(i64, i64)>,
        draft: &ArticleDraft,
    ) -> StoreResult<SavedArticle> {
        let index = ArticleIndex::of(draft.language, &draft.title, &draft.summary, &draft.body);
        let mut tx = self.begin().await?;
        // A translation joins the other article's group, a new one when that article had none.
        let group = match &draft.translation_of {
            Some(ArticleRow {
                translation_group: Some(group),
                ..
            }) => Some(*group),
            Some(other) => {
                let group: i64 = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, i64>(
                    knowledge::sql::NEW_TRANSLATION_GROUP
                )
                .fetch_one(conn)
                .await)?;
                tx!(tx, |conn, DB| sqlx::query::<DB>(
                    knowledge::sql::JOIN_TRANSLATIONS
                )
                .bind(other.id)
                .bind(group)
                .execute(conn)
                .await
                .map(|_| ()))?;
                Some(group)
            }
            None => draft.translation_group,
        };
        let (id, number) = match number {
            Some((number, revision)) => {
                let id = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, ArticleId>(
                    knowledge::sql::UPDATE_ARTICLE
                )
                .bind(number)
                .bind(revision)
                .bind(draft.language)
                .bind(draft.category)
                .bind(&draft.title)
                .bind(&draft.summary)
                .bind(&draft.body)
                .bind(&index.title)
                .bind(&index.summary)
                .bind(&index.text)
                .bind(crate::backend::search::INDEX_VERSION)
                .bind(draft.published)
                .bind(draft.at)
                .bind(group)
                .bind(draft.author)
                .fetch_optional(conn)
                .await)?;
                match id {
                    Some(id) => (id, number),
                    None => {
                        drop(tx);
                        return Err(match self.article_by_number(number).await? {
                            Some(_) => StoreError::Stale,
                            None => StoreError::NotFound,
                        });
                    }
                }
            }
            None => {
                // One writer at a time on SQLite; on PostgreSQL two staff saving new articles at
                // the same instant meet the unique number, and the second one tries once more.
                let number: i64 = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, i64>(
                    knowledge::sql::NEXT_ARTICLE_NUMBER
                )
                .fetch_one(conn)
                .await)?;
                let id = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, ArticleId>(
                    knowledge::sql::INSERT_ARTICLE
                )
                .bind(number)
                .bind(draft.language)
                .bind(draft.category)
                .bind(&draft.title)
                .bind(&draft.summary)
                .bind(&draft.body)
                .bind(&index.title)
                .bind(&index.summary)
                .bind(&index.text)
                .bind(crate::backend::search::INDEX_VERSION)
                .bind(draft.published)
                .bind(draft.at)
                .bind(group)
                .bind(draft.author)
                .bind(draft.source_case)
                .fetch_one(conn)
                .await)?;
                (id, number)
            }
        };
        tx!(tx, |conn, DB| sqlx::query::<DB>(
            knowledge::sql::UNLINK_PRODUCTS
        )
        .bind(id)
        .execute(conn)
        .await
        .map(|_| ()))?;
        for product in &draft.products {
            tx!(tx, |conn, DB| sqlx::query::<DB>(
                knowledge::sql::LINK_PRODUCT
            )
            .bind(id)
            .bind(product)
            .execute(conn)
            .await
            .map(|_| ()))?;
        }
        for file in &draft.add_files {
            tx!(tx, |conn, DB| sqlx::query_scalar::<DB, String>(
                super::sql::LINK_ARTICLE_ATTACHMENT
            )
            .bind(id)
            .bind(file)
            .bind(draft.author)
            .fetch_optional(conn)
            .await)?
            .ok_or(StoreError::AttachmentUnavailable)?;
        }
        let mut removed_blobs = Vec::with_capacity(draft.remove_files.len());
        for file in &draft.remove_files {
            // A file already gone (another writer removed it) is simply not there any more.
            if let Some(key) = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, String>(
                super::sql::REMOVE_ARTICLE_ATTACHMENT
            )
            .bind(file)
            .bind(id)
            .bind(draft.at)
            .bind(draft.author)
            .fetch_optional(conn)
            .await)?
            {
                removed_blobs.push(key);
                // Its followers hear of it (article files have one version: the file is itself).
                let jobs =
                    super::attachments::file_jobs(&mut tx, *file, *file, draft.author).await?;
                tx.enqueue(&jobs, draft.at).await?;
            }
        }
        tx.commit().await?;
        Ok(SavedArticle {
            number,
            removed_blobs,
        })
    }

    /// The staff's list of articles, drafts too, with their votes (at most 200).
    pub async fn staff_articles(
        &self,
        filter: &StaffArticleFilter,
    ) -> StoreResult<Vec<StaffArticleRow>> {
        let mut q = Query::default();
        q.sql(
            "SELECT * FROM (SELECT a.number, a.language, a.category, a.title, a.published, \
             a.updated_at, a.revision, \
             (SELECT COUNT(*) FROM kb_article_votes v WHERE v.article_id = a.id) AS votes, \
             (SELECT COUNT(*) FROM kb_article_votes v WHERE v.article_id = a.id \
             AND v.helpful) AS helpful FROM kb_articles a WHERE 1 = 1",
        );
        if let Some(published) = filter.published {
            q.sql(if published {
                " AND a.published = TRUE"
            } else {
                " AND a.published = FALSE"
            });
        }
        if let Some(language) = filter.language {
            q.sql(" AND a.language = ")
                .bind(Bind::Text(language.code().to_string()));
        }
        if let Some(category) = filter.category {
            q.sql(" AND a.category = ")
                .bind(Bind::Text(category.code().to_string()));
        }
        q.sql(") t ORDER BY ");
        if filter.least_helpful {
            // Articles with votes first, the lowest share of "yes" first, the most votes first.
            q.sql(
                "CASE WHEN votes = 0 THEN 1 ELSE 0 END, \
                 CASE WHEN votes = 0 THEN 0 ELSE CAST(helpful AS REAL) / votes END, votes DESC, ",
            );
        }
        q.sql("updated_at DESC, number DESC LIMIT 200");
        db!(self, |pool, DB| {
            build::<DB>(&q)
                .build_query_as::<StaffArticleRow>()
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Records that `user` opened `article` from the suggestions of the new-case form, at `at`;
    /// a case they open before `window_end` says it did not answer.
    pub async fn record_suggestion_open(
        &self,
        user: UserId,
        article: ArticleId,
        at: DateTime<Utc>,
        window_end: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        tx!(tx, |conn, DB| sqlx::query::<DB>(
            knowledge::sql::RECORD_SUGGESTION_OPEN
        )
        .bind(user)
        .bind(article)
        .bind(at)
        .bind(window_end)
        .execute(conn)
        .await
        .map(|_| ()))?;
        tx.commit().await
    }

    /// Every suggestion opened since `since`, oldest first: when, and whether no case followed.
    pub async fn suggestion_opens(
        &self,
        since: DateTime<Utc>,
    ) -> StoreResult<Vec<(DateTime<Utc>, bool)>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, (DateTime<Utc>, bool)>(knowledge::sql::SUGGESTION_OPENS)
                .bind(since)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Records `user`'s vote on `article` (a second vote replaces the first).
    pub async fn set_article_vote(
        &self,
        article: ArticleId,
        user: UserId,
        helpful: bool,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        tx!(tx, |conn, DB| sqlx::query::<DB>(knowledge::sql::SET_VOTE)
            .bind(article)
            .bind(user)
            .bind(helpful)
            .bind(at)
            .execute(conn)
            .await
            .map(|_| ()))?;
        tx.commit().await
    }

    /// The votes on `article`, and `user`'s own (none for nobody).
    pub async fn article_votes(
        &self,
        article: ArticleId,
        user: Option<UserId>,
    ) -> StoreResult<VoteCount> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, VoteRow>(knowledge::sql::COUNT_VOTES)
                .bind(article)
                .bind(user)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
        .map(|r| VoteCount {
            votes: r.votes,
            helpful: r.helpful,
            mine: (r.mine_yes + r.mine_no > 0).then_some(r.mine_yes > 0),
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

    /// Published articles as `search` asks (see [`search_query`]).
    pub async fn search_articles(
        &self,
        search: &ArticleSearch<'_>,
    ) -> StoreResult<Vec<ArticleRow>> {
        let query = search_query(self.backend(), search);
        db!(self, |pool, DB| {
            build::<DB>(&query)
                .build_query_as::<ArticleRow>()
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The products that published articles are about, by name (the search's product filter).
    pub async fn article_products(&self) -> StoreResult<Vec<(ProductId, String)>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, (ProductId, String)>(knowledge::sql::ARTICLE_PRODUCTS)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// How many published articles each category holds (categories without any are left out).
    pub async fn article_categories(&self) -> StoreResult<Vec<(ArticleCategory, i64)>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, (ArticleCategory, i64)>(knowledge::sql::CATEGORY_COUNTS)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Removes article `number` if it still has this title (an old demo article); whether it did.
    pub async fn delete_article_titled(&self, number: i64, title: &str) -> StoreResult<bool> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(knowledge::sql::DELETE_ARTICLE_TITLED)
                .bind(number)
                .bind(title)
                .execute(pool)
                .await
                .map(|r| r.rows_affected() == 1)
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Says that article `number` is about `product` (once).
    pub async fn link_article_product(&self, number: i64, product: ProductId) -> StoreResult<()> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(knowledge::sql::LINK_ARTICLE_PRODUCT)
                .bind(number)
                .bind(product)
                .execute(pool)
                .await
                .map(|_| ())
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The versions of `article` in other languages, drafts too, by language.
    pub async fn article_translations(&self, article: &ArticleRow) -> StoreResult<Vec<ArticleRow>> {
        let Some(group) = article.translation_group else {
            return Ok(Vec::new());
        };
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, ArticleRow>(knowledge::sql::TRANSLATIONS)
                .bind(group)
                .bind(article.id)
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
    use super::*;

    #[test]
    fn the_search_matches_by_index_then_orders_alike_on_both_databases() {
        let search = Search::parse("отчёт 100%");
        let ask = ArticleSearch {
            search: &search,
            reader: Language::Ru,
            category: Some(ArticleCategory::Documentation),
            language: None,
            product: Some(ProductId(7)),
            limit: 50,
        };
        let sqlite = build::<sqlx::Sqlite>(&search_query(Backend::Sqlite, &ask))
            .sql()
            .to_string();
        let postgres = build::<sqlx::Postgres>(&search_query(Backend::Postgres, &ask))
            .sql()
            .to_string();
        assert!(sqlite.contains("WHERE kb_search MATCH ?"), "{sqlite}");
        assert!(
            postgres
                .contains("WHERE to_tsvector('simple', a.search_text) @@ to_tsquery('simple', $6)"),
            "{postgres}"
        );
        // But for the match itself, the same SQL on both; only the placeholders differ.
        let portable = |sql: &str| {
            let mut out = String::new();
            let mut chars = sql.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '$' {
                    while chars.peek().is_some_and(char::is_ascii_digit) {
                        chars.next();
                    }
                    out.push('?');
                } else {
                    out.push(c);
                }
            }
            out.replace(
                "FROM kb_search JOIN kb_articles a ON a.id = kb_search.rowid WHERE kb_search MATCH ?",
                "MATCH",
            )
            .replace(
                "FROM kb_articles a WHERE to_tsvector('simple', a.search_text) @@ \
                 to_tsquery('simple', ?)",
                "MATCH",
            )
        };
        assert_eq!(portable(&sqlite), portable(&postgres));
        assert!(
            postgres.contains("(CASE WHEN ' ' || a.search_title || ' ' LIKE $2 ESCAPE"),
            "{postgres}"
        );
        assert!(
            postgres.ends_with(
                "LIMIT $9) k ON a.id = k.kid \
                 ORDER BY own DESC, in_title DESC, in_summary DESC, changed DESC, kid"
            ),
            "{postgres}"
        );
        let query = search_query(Backend::Postgres, &ask);
        assert_eq!(query.binds()[5], &Bind::Text("('отчет') & ('100')".into()));
    }
}
