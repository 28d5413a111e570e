//! Writing the knowledge base (support staff): the list of articles with drafts and readers'
//! votes, the editor, its live preview, and saving an article as a new revision. Reading and
//! searching are in `knowledge`.
use crate::backend::access::visible_case;
use crate::backend::auth::Actor;
use crate::backend::policy;
use crate::backend::state::AppState;
use crate::backend::store::{ArticleDraft, ArticleRow, StaffArticleFilter, StoreError};
use crate::domain::attachments::FILES_PER_CASE_MAX;
use crate::domain::case_page::EventKind;
use crate::domain::cases::ProductOption;
use crate::domain::knowledge::{
    ARTICLE_BODY_MAX, ARTICLE_SUMMARY_MAX, ARTICLE_TITLE_MAX, ArticleCategory, ArticleEditor,
    ArticleFeedback, StaffArticle, format_article_number, parse_article_number,
};
use crate::domain::{AttachmentId, Language, ProductId};
use crate::error::{AppError, FieldErrors, add_field_error};
use crate::i18n::td_string;
use crate::messages::MessageKey;

/// What the staff's list asks: codes of a status ("published", "draft"), a language and a
/// category (empty: all), and the order ("helpful": the least helpful first; else the latest).
#[derive(Debug, Clone, Default)]
pub struct ListInput {
    /// "published", "draft" or empty.
    pub status: String,
    /// A language code or empty.
    pub language: String,
    /// A category code or empty.
    pub category: String,
    /// "helpful" or empty.
    pub sort: String,
}

/// The staff's list of articles, drafts too, with their votes (at most 200).
pub async fn list(
    state: &AppState,
    actor: &Actor,
    input: &ListInput,
) -> Result<Vec<StaffArticle>, AppError> {
    policy::require(actor, policy::can_write_articles)?;
    let filter = StaffArticleFilter {
        published: match input.status.as_str() {
            "published" => Some(true),
            "draft" => Some(false),
            _ => None,
        },
        language: Language::from_code(&input.language),
        category: ArticleCategory::from_code(&input.category),
        least_helpful: input.sort == "helpful",
    };
    Ok(state
        .store
        .staff_articles(&filter)
        .await?
        .into_iter()
        .map(|r| StaffArticle {
            number: format_article_number(r.number),
            title: r.title,
            language: r.language.code().to_string(),
            category: r.category,
            published: r.published,
            updated_at: r.updated_at.to_rfc3339(),
            revision: r.revision,
            feedback: ArticleFeedback {
                votes: r.votes,
                helpful: r.helpful,
                mine: None,
            },
        })
        .collect())
}

/// The editor for article `number`, or for a new article (in the writer's language) when
/// `number` is empty: from case `from_case` when one is named ("Create article" on a solved case:
/// its subject, description and resolution, and its product). A number that names no article or
/// case is `NotFound`.
pub async fn editor(
    state: &AppState,
    actor: &Actor,
    number: &str,
    from_case: &str,
) -> Result<ArticleEditor, AppError> {
    let writer = policy::require(actor, policy::can_write_articles)?;
    let store = &state.store;
    let mut editor = if number.trim().is_empty() {
        let language = store.get_user(writer).await?.language;
        let mut editor = ArticleEditor {
            language: language.code().to_string(),
            category: ArticleCategory::UserGuides.code().to_string(),
            ..Default::default()
        };
        if !from_case.trim().is_empty() {
            let case = visible_case(store, actor, from_case).await?;
            let l = crate::backend::mail::locale(language);
            editor.title = case.subject.clone();
            editor.body = format!(
                "## {}\n\n{}\n\n## {}\n\n{}\n",
                td_string!(l, article_from_case_problem),
                case.description.trim(),
                td_string!(l, article_from_case_solution),
                case.resolution.trim(),
            );
            editor.body_html = super::knowledge::body_html(state, &editor.body).await?;
            if let Some(name) = &case.product_name
                && let Some(product) = store.find_product(&name.to_lowercase()).await?
            {
                editor.products.push(product.id);
            }
            editor.from_case = Some(crate::domain::CaseNumber(case.number).to_string());
        }
        editor
    } else {
        let row = find(state, number).await?;
        let translations = store.article_translations(&row).await?;
        let author = match row.author_id {
            Some(id) => Some(store.get_user(id).await?.name),
            None => None,
        };
        ArticleEditor {
            number: Some(format_article_number(row.number)),
            revision: row.revision,
            body_html: super::knowledge::body_html(state, &row.body).await?,
            files: super::knowledge::article_files(state, row.id).await?,
            language: row.language.code().to_string(),
            category: row.category.code().to_string(),
            published: row.published,
            products: store.article_product_ids(row.id).await?,
            translations: translations.iter().map(super::knowledge::summary).collect(),
            author,
            updated_at: Some(row.updated_at.to_rfc3339()),
            from_case: None,
            title: row.title,
            summary: row.summary,
            body: row.body,
            product_options: Vec::new(),
            max_upload_mb: 0,
        }
    };
    // The live preview may show a player of any host admins allowed.
    crate::backend::allow_frames(&store.video_hosts().await?);
    editor.max_upload_mb = state.settings.max_upload_mb;
    editor.product_options = store
        .all_products()
        .await?
        .into_iter()
        .filter(|p| p.active || editor.products.contains(&p.id))
        .map(|p| ProductOption {
            id: p.id,
            name: p.name,
        })
        .collect();
    Ok(editor)
}

/// The Markdown `body` as readers would see it (the editor's live preview).
pub async fn preview(state: &AppState, actor: &Actor, body: &str) -> Result<String, AppError> {
    policy::require(actor, policy::can_write_articles)?;
    if body.chars().count() > ARTICLE_BODY_MAX {
        return Err(AppError::field("body", MessageKey::TextLong));
    }
    super::knowledge::body_html(state, body).await
}

/// The editor's form as posted.
#[derive(Debug, Clone, Default)]
pub struct ArticleInput {
    /// The article's number (empty: a new article).
    pub number: String,
    /// The revision the writer started from (ignored for a new article).
    pub revision: i64,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Text (Markdown).
    pub body: String,
    /// Language code.
    pub language: String,
    /// Category code.
    pub category: String,
    /// "published" or "draft".
    pub status: String,
    /// Ids of the products it is about.
    pub products: Vec<String>,
    /// The number of the article this one translates (empty: none, or keep the current group).
    pub translation_of: String,
    /// The number of the solved case a new article is written from (empty: none).
    pub from_case: String,
    /// The writer's uploads that join the article (ids, comma-separated).
    pub attachments: String,
    /// Ids of the article's files that go.
    pub remove_files: Vec<String>,
}

/// Saves the editor's form: a new article (revision 1, by the writer), or the next revision of
/// article `input.number` if nobody saved it since `input.revision` (else a field error that
/// says so, and nothing is written). Field errors: `title`, `summary`, `body`, `language`,
/// `category`, `products`, `translation_of`. Returns the article's number.
pub async fn save(
    state: &AppState,
    actor: &Actor,
    input: &ArticleInput,
) -> Result<String, AppError> {
    let author = policy::require(actor, policy::can_write_articles)?;
    let store = &state.store;
    let existing = if input.number.trim().is_empty() {
        None
    } else {
        Some(find(state, &input.number).await?)
    };
    // The case a new article is written from: one the writer may see (any, for staff).
    let source_case = match (&existing, input.from_case.trim()) {
        (Some(e), _) => e.source_case_id,
        (None, "") => None,
        (None, number) => Some(visible_case(store, actor, number).await?.id),
    };
    let mut errors = FieldErrors::new();
    let mut add = |field: &str, key: MessageKey| add_field_error(&mut errors, field, key);
    let title = input.title.trim().to_string();
    if title.is_empty() {
        add("title", MessageKey::ArticleTitleRequired);
    } else if title.chars().count() > ARTICLE_TITLE_MAX {
        add("title", MessageKey::TextLong);
    }
    let summary = input.summary.trim().to_string();
    if summary.chars().count() > ARTICLE_SUMMARY_MAX {
        add("summary", MessageKey::TextLong);
    }
    let body = input.body.trim_end().to_string();
    if body.trim().is_empty() {
        add("body", MessageKey::ArticleBodyRequired);
    } else if body.chars().count() > ARTICLE_BODY_MAX {
        add("body", MessageKey::TextLong);
    }
    let language = Language::from_code(&input.language);
    if language.is_none() {
        add("language", MessageKey::LanguageChoose);
    }
    let category = ArticleCategory::from_code(&input.category);
    if category.is_none() {
        add("category", MessageKey::CategoryChoose);
    }
    let known: Vec<ProductId> = store.all_products().await?.iter().map(|p| p.id).collect();
    let mut products = Vec::new();
    for id in &input.products {
        match id.trim().parse().map(ProductId) {
            Ok(id) if known.contains(&id) => {
                if !products.contains(&id) {
                    products.push(id);
                }
            }
            _ => add("products", MessageKey::ProductUnknown),
        }
    }
    let translation_of = match input.translation_of.trim() {
        "" => None,
        text => match parse_article_number(text) {
            Some(n) => store.article_by_number(n).await?,
            None => None,
        }
        .filter(|other| existing.as_ref().is_none_or(|e| e.id != other.id))
        .or_else(|| {
            add("translation_of", MessageKey::TranslationUnknown);
            None
        }),
    };
    // One version per language in a group of translations: the group it joins, or its own.
    if let Some(language) = language {
        let (group, field) = match &translation_of {
            Some(other) if other.language == language => {
                add("translation_of", MessageKey::TranslationSameLanguage);
                (None, "translation_of")
            }
            Some(other) => (other.translation_group, "translation_of"),
            None => (
                existing.as_ref().and_then(|e| e.translation_group),
                "language",
            ),
        };
        if let Some(group) = group {
            let taken = store
                .translation_languages(group, existing.as_ref().map(|e| e.id))
                .await?;
            if taken.contains(&language) {
                add(field, MessageKey::TranslationTaken);
            }
        }
    }
    let id = |text: &str| text.trim().parse().ok().map(AttachmentId);
    let add_files: Vec<AttachmentId> = input.attachments.split(',').filter_map(id).collect();
    if add_files.len() > FILES_PER_CASE_MAX {
        add("attachments", MessageKey::TooManyFiles);
    }
    let remove_files: Vec<AttachmentId> = input.remove_files.iter().filter_map(|t| id(t)).collect();
    let (Some(language), Some(category), true) = (language, category, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let draft = ArticleDraft {
        language,
        category,
        title,
        summary,
        body,
        published: input.status == "published",
        products,
        // Kept in its group when the form names no other article.
        translation_group: existing.as_ref().and_then(|e| e.translation_group),
        translation_of,
        source_case,
        author,
        at: chrono::Utc::now(),
        add_files,
        remove_files,
    };
    let number = existing.as_ref().map(|e| (e.number, input.revision));
    let saved = match store.save_article(number, &draft).await {
        Err(StoreError::Stale) => {
            return Err(AppError::field("title", MessageKey::ArticleChanged));
        }
        // Two new articles at the same instant on PostgreSQL: the second draws the next number.
        Err(StoreError::Conflict { .. }) if number.is_none() => {
            store.save_article(None, &draft).await?
        }
        other => other?,
    };
    for key in &saved.removed_blobs {
        if let Err(e) = state.blobs.delete(key).await {
            // The row is gone, so nobody can reach the bytes; the log says which file to clean up.
            tracing::warn!(error = %e, key, "removing an article file's bytes failed");
        }
    }
    let saved = saved.number;
    // Published, an article written from a case is attached to that case (once).
    if let (true, Some(case)) = (draft.published, source_case)
        && let Some(row) = store.article_by_number(saved).await?
    {
        let event = super::knowledge::article_event(EventKind::ArticleAttached, &row);
        store
            .set_case_article(case, row.id, true, author, draft.at, &event)
            .await?;
    }
    tracing::info!(
        article = saved,
        published = draft.published,
        "article saved"
    );
    Ok(format_article_number(saved))
}

/// Article `number`, published or not; `NotFound` for a number no article has.
async fn find(state: &AppState, number: &str) -> Result<ArticleRow, AppError> {
    let number = parse_article_number(number).ok_or(AppError::NotFound)?;
    state
        .store
        .article_by_number(number)
        .await?
        .ok_or(AppError::NotFound)
}
