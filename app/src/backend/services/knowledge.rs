//! The knowledge base: search and read published articles (everyone signed in), and the articles
//! support attaches to a case, which everyone who may see the case sees in its related list.
use crate::backend::access::visible_case;
use crate::backend::auth::Actor;
use crate::backend::policy;
use crate::backend::search::{self, Search};
use crate::backend::state::AppState;
use crate::backend::store::ArticleSearch;
use crate::backend::store::{ArticleRow, NewEvent};
use crate::domain::CaseId;
use crate::domain::case_page::EventKind;
use crate::domain::cases::ProductOption;
use crate::domain::knowledge::{
    Article, ArticleCategory, ArticleSummary, KbOverview, Marked, SEARCH_RESULTS_MAX,
    format_article_number, parse_article_number,
};
use crate::domain::{Language, ProductId};
use crate::error::AppError;
use crate::messages::MessageKey;

/// The characters of body text a search result shows around its first match.
const SNIPPET_CHARS: usize = 220;

fn summary(row: &ArticleRow) -> ArticleSummary {
    found(row, &Search::default())
}

/// `row` as a search result: the title with the search's words marked, and the summary, or when
/// only the body holds the words, the body's text around them.
fn found(row: &ArticleRow, search: &Search) -> ArticleSummary {
    let plain = |text: &str| {
        vec![Marked {
            text: text.to_string(),
            hit: false,
        }]
    };
    let (title_marked, snippet) = if search.is_empty() {
        (plain(&row.title), plain(&row.summary))
    } else {
        let summary = search::mark(row.language, &row.summary, search);
        let snippet = if summary.iter().any(|m| m.hit) || row.body.is_empty() {
            summary
        } else {
            search::snippet(row.language, &row.body, search, SNIPPET_CHARS)
        };
        (search::mark(row.language, &row.title, search), snippet)
    };
    ArticleSummary {
        number: format_article_number(row.number),
        title: row.title.clone(),
        summary: row.summary.clone(),
        language: row.language.code().to_string(),
        category: row.category,
        title_marked,
        snippet,
    }
}

/// A knowledge-base search as the reader asks it.
#[derive(Debug, Clone, Default)]
pub struct SearchInput {
    /// The words, as typed.
    pub query: String,
    /// Only this section (a code; anything else: every section).
    pub category: String,
    /// Only this language (a code; anything else: every language).
    pub language: String,
    /// Only articles about this product (its id; anything else: every product).
    pub product: String,
}

/// Published articles holding every word of the search, stemmed in each language (all of them,
/// newest first, without words), within the filters: those in the reader's language first, then
/// by the words in the title and the summary; one version of each translated article (the
/// reader's language when it matched); at most [`SEARCH_RESULTS_MAX`], matches marked.
pub async fn search(
    state: &AppState,
    actor: &Actor,
    input: &SearchInput,
) -> Result<Vec<ArticleSummary>, AppError> {
    let user = policy::require(actor, policy::can_read_knowledge)?;
    let reader = state.store.get_user(user).await?.language;
    let search = Search::parse(&input.query);
    let rows = state
        .store
        .search_articles(&ArticleSearch {
            search: &search,
            reader,
            category: ArticleCategory::from_code(&input.category),
            language: Language::from_code(&input.language),
            product: input.product.parse::<i64>().ok().map(ProductId),
            limit: SEARCH_RESULTS_MAX,
        })
        .await?;
    // One version per article: the first found of each translation group, which is the
    // reader's language when that version matched (it sorts first).
    let mut groups = std::collections::HashSet::new();
    Ok(rows
        .iter()
        .filter(|row| row.translation_group.is_none_or(|g| groups.insert(g)))
        .map(|row| found(row, &search))
        .collect())
}

/// What the knowledge base holds: every category with its count of published articles, and the
/// products that published articles are about (browsing, and the search's filters).
pub async fn overview(state: &AppState, actor: &Actor) -> Result<KbOverview, AppError> {
    policy::require(actor, policy::can_read_knowledge)?;
    let counts = state.store.article_categories().await?;
    let categories = ArticleCategory::ALL
        .iter()
        .map(|c| {
            let n = counts.iter().find(|(k, _)| k == c).map_or(0, |(_, n)| *n);
            (*c, n)
        })
        .collect();
    let products = state
        .store
        .article_products()
        .await?
        .into_iter()
        .map(|(id, name)| ProductOption { id, name })
        .collect();
    Ok(KbOverview {
        categories,
        products,
    })
}

/// The published article numbered `number`; `NotFound` for any other number.
pub async fn article(state: &AppState, actor: &Actor, number: &str) -> Result<Article, AppError> {
    policy::require(actor, policy::can_read_knowledge)?;
    let number = parse_article_number(number).ok_or(AppError::NotFound)?;
    let row = state
        .store
        .published_article(number)
        .await?
        .ok_or(AppError::NotFound)?;
    let translations = state.store.article_translations(&row).await?;
    Ok(Article {
        translations: translations.iter().map(summary).collect(),
        head: summary(&row),
        body_html: crate::backend::markdown::render(&row.body),
        body: row.body,
        updated_at: row.updated_at.to_rfc3339(),
    })
}

/// The articles attached to a case the caller may see (for the case page).
pub async fn for_case(state: &AppState, case: CaseId) -> Result<Vec<ArticleSummary>, AppError> {
    Ok(state
        .store
        .case_articles(case)
        .await?
        .iter()
        .map(summary)
        .collect())
}

/// Attaches article `article` (its number) to case `number` (support staff). Another company's or
/// a missing case is `NotFound`; a customer is `Forbidden`; an unknown article is a field error
/// on `article`. Returns the case's articles.
pub async fn attach(
    state: &AppState,
    actor: &Actor,
    number: &str,
    article: &str,
) -> Result<Vec<ArticleSummary>, AppError> {
    // Asked before the case is read: a customer learns nothing, not even whether it exists.
    let user = policy::require(actor, policy::can_attach_articles)?;
    let case = visible_case(&state.store, actor, number).await?;
    let found = match parse_article_number(article) {
        Some(n) => state.store.published_article(n).await?,
        None if article.trim().is_empty() => {
            return Err(AppError::field("article", MessageKey::ArticleRequired));
        }
        None => None,
    };
    let found = found.ok_or_else(|| AppError::field("article", MessageKey::ArticleUnknown))?;
    let event = article_event(EventKind::ArticleAttached, &found);
    state
        .store
        .set_case_article(case.id, found.id, true, user, chrono::Utc::now(), &event)
        .await?;
    for_case(state, case.id).await
}

/// Detaches article `article` from case `number` (support staff); rules as for [`attach`].
pub async fn detach(
    state: &AppState,
    actor: &Actor,
    number: &str,
    article: &str,
) -> Result<Vec<ArticleSummary>, AppError> {
    let user = policy::require(actor, policy::can_attach_articles)?;
    let case = visible_case(&state.store, actor, number).await?;
    let number = parse_article_number(article).ok_or(AppError::NotFound)?;
    let found = state
        .store
        .published_article(number)
        .await?
        .ok_or(AppError::NotFound)?;
    let event = article_event(EventKind::ArticleRemoved, &found);
    state
        .store
        .set_case_article(case.id, found.id, false, user, chrono::Utc::now(), &event)
        .await?;
    for_case(state, case.id).await
}

/// The history entry for attaching or removing `article`: its number and title (customers see
/// the case's articles, so the entry is public).
fn article_event(kind: EventKind, article: &ArticleRow) -> NewEvent {
    NewEvent {
        kind,
        old_value: String::new(),
        new_value: format!(
            "{} {}",
            format_article_number(article.number),
            article.title
        ),
        public: true,
    }
}
