//! The knowledge base: search and read published articles (everyone signed in), and the articles
//! support attaches to a case, which everyone who may see the case sees in its related list.
use crate::backend::access::visible_case;
use crate::backend::auth::Actor;
use crate::backend::policy;
use crate::backend::state::AppState;
use crate::backend::store::{ArticleRow, NewEvent};
use crate::domain::CaseId;
use crate::domain::case_page::EventKind;
use crate::domain::knowledge::{
    Article, ArticleSummary, SEARCH_RESULTS_MAX, format_article_number, parse_article_number,
    search_terms,
};
use crate::error::AppError;
use crate::messages::MessageKey;

fn summary(row: &ArticleRow) -> ArticleSummary {
    ArticleSummary {
        number: format_article_number(row.number),
        title: row.title.clone(),
        summary: row.summary.clone(),
        language: row.language.code().to_string(),
    }
}

/// Published articles holding every word of `query` (all of them, newest first, for an empty
/// one), those in the reader's language first; at most [`SEARCH_RESULTS_MAX`].
pub async fn search(
    state: &AppState,
    actor: &Actor,
    query: &str,
) -> Result<Vec<ArticleSummary>, AppError> {
    let user = policy::require(actor, policy::can_read_knowledge)?;
    let language = state.store.get_user(user).await?.language;
    let rows = state
        .store
        .search_articles(&search_terms(query), language, SEARCH_RESULTS_MAX)
        .await?;
    Ok(rows.iter().map(summary).collect())
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
    Ok(Article {
        head: summary(&row),
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
