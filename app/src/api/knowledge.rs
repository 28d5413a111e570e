//! The knowledge base: search, read an article, and (support staff) attach articles to a case.
use crate::domain::knowledge::{Article, ArticleSummary, KbOverview};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

/// Published articles matching `q` (every word, stemmed), within the filters (codes of a
/// category and a language, a product's id; empty: all), those in the reader's language first,
/// matches marked.
#[server(endpoint = "search_articles", input = GetUrl)]
pub async fn search_articles(
    #[server(default)] q: String,
    #[server(default)] category: String,
    #[server(default)] language: String,
    #[server(default)] product: String,
) -> Result<Vec<ArticleSummary>, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let input = services::knowledge::SearchInput {
        query: q,
        category,
        language,
        product,
    };
    services::knowledge::search(&state, &actor, &input)
        .await
        .map_err(respond_with)
}

/// Every category with its count of published articles, and the products that published
/// articles are about (the knowledge base's browsing and filters).
#[server(endpoint = "knowledge_overview", input = GetUrl)]
pub async fn knowledge_overview() -> Result<KbOverview, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::knowledge::overview(&state, &actor)
        .await
        .map_err(respond_with)
}

/// The published article numbered `number`.
#[server(endpoint = "get_article", input = GetUrl)]
pub async fn get_article(number: String) -> Result<Article, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::knowledge::article(&state, &actor, &number)
        .await
        .map_err(respond_with)
}

/// Attaches article `article` (its number) to case `number` (support staff). Without JavaScript
/// the browser goes back to the case page (with the error, if any).
#[server(endpoint = "attach_article")]
pub async fn attach_article(
    number: String,
    #[server(default)] article: String,
) -> Result<Option<Vec<ArticleSummary>>, AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let page = format!(
        "/cases/{}#articles",
        crate::domain::encode_query_value(&number)
    );
    match services::knowledge::attach(&state, &actor, &number, &article).await {
        Ok(articles) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&page.replace('#', "?attached=1#"));
            }
            Ok(Some(articles))
        }
        Err(e) => form_failure(&page, e).map(|()| None),
    }
}

/// Detaches article `article` from case `number` (support staff).
#[server(endpoint = "detach_article")]
pub async fn detach_article(
    number: String,
    article: String,
) -> Result<Vec<ArticleSummary>, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let articles = services::knowledge::detach(&state, &actor, &number, &article)
        .await
        .map_err(respond_with)?;
    if auth::is_plain_form_post() {
        leptos_axum::redirect(&format!(
            "/cases/{}#articles",
            crate::domain::encode_query_value(&number)
        ));
    }
    Ok(articles)
}
