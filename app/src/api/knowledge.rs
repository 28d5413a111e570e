//! The knowledge base: search, read and rate an article, suggestions on the new-case form; support
//! staff write articles and attach them to a case; admins open it to everyone.
// A server function takes one argument per field of its form; the macro also writes the browser's
// side, where an attribute on the function does not reach.
#![allow(clippy::too_many_arguments)]
use crate::domain::knowledge::{
    Article, ArticleEditor, ArticleFeedback, ArticleSummary, DeflectionMonth, KbOverview,
    KnowledgeSettings, StaffArticle,
};
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

/// Up to five published articles that may answer `text` (what is typed into a new case's
/// subject and description), in the reader's language first: the new-case form's suggestions.
#[server(endpoint = "suggest_articles", input = GetUrl)]
pub async fn suggest_articles(
    #[server(default)] text: String,
) -> Result<Vec<ArticleSummary>, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::knowledge::suggest(&state, &actor, &text)
        .await
        .map_err(respond_with)
}

/// Records that the reader opened article `number` from the new-case form's suggestions.
#[server(endpoint = "suggestion_opened")]
pub async fn suggestion_opened(number: String) -> Result<(), AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::knowledge::suggestion_opened(&state, &actor, &number)
        .await
        .map_err(respond_with)
}

/// The deflection figure per month, the latest first (admins).
#[server(endpoint = "deflection_report", input = GetUrl)]
pub async fn deflection_report() -> Result<Vec<DeflectionMonth>, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::knowledge::deflection(&state, &actor)
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

/// The reader's answer to "Was this helpful?" on article `number` (`helpful`: "yes" or "no";
/// changeable). Without JavaScript the browser goes back to the article.
#[server(endpoint = "rate_article")]
pub async fn rate_article(
    number: String,
    #[server(default)] helpful: String,
) -> Result<Option<ArticleFeedback>, AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let page = format!(
        "/kb/articles/{}#feedback",
        crate::domain::encode_query_value(&number)
    );
    match services::knowledge::rate(&state, &actor, &number, &helpful).await {
        Ok(feedback) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&page.replace('#', "?rated=1#"));
            }
            Ok(Some(feedback))
        }
        Err(e) => form_failure(&page, e).map(|()| None),
    }
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

/// Every article for staff, drafts too, with readers' votes: filtered by status ("published",
/// "draft"), language and category codes (empty: all); `sort` "helpful" puts the least helpful
/// first, else the latest first.
#[server(endpoint = "staff_articles", input = GetUrl)]
pub async fn staff_articles(
    #[server(default)] status: String,
    #[server(default)] language: String,
    #[server(default)] category: String,
    #[server(default)] sort: String,
) -> Result<Vec<StaffArticle>, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let input = services::articles::ListInput {
        status,
        language,
        category,
        sort,
    };
    services::articles::list(&state, &actor, &input)
        .await
        .map_err(respond_with)
}

/// The article editor for article `number`, or for a new one when `number` is empty, prefilled
/// from solved case `from_case` when one is named (staff).
#[server(endpoint = "get_article_editor", input = GetUrl)]
pub async fn get_article_editor(
    #[server(default)] number: String,
    #[server(default)] from_case: String,
) -> Result<ArticleEditor, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::articles::editor(&state, &actor, &number, &from_case)
        .await
        .map_err(respond_with)
}

/// The Markdown `body` rendered as readers will see it: the editor's live preview (staff).
#[server(endpoint = "preview_article")]
pub async fn preview_article(#[server(default)] body: String) -> Result<String, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::articles::preview(&state, &actor, &body)
        .await
        .map_err(respond_with)
}

/// Saves the article editor's form (staff): a new article when `number` is empty, else the next
/// revision of article `number` if nobody saved it since `revision`. `products` is a list
/// (`products[]=ID` in a form). Returns the article's number; a plain form post goes on to the
/// saved article's editor, or back with its errors and text.
#[server(endpoint = "save_article")]
pub async fn save_article(
    #[server(default)] number: String,
    #[server(default)] revision: i64,
    #[server(default)] title: String,
    #[server(default)] summary: String,
    #[server(default)] body: String,
    #[server(default)] language: String,
    #[server(default)] category: String,
    #[server(default)] status: String,
    #[server(default)] products: Vec<String>,
    #[server(default)] translation_of: String,
    #[server(default)] from_case: String,
    #[server(default)] attachments: String,
    #[server(default)] remove_files: Vec<String>,
) -> Result<Option<String>, AppError> {
    use crate::backend::{auth, forms, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let input = services::articles::ArticleInput {
        number,
        revision,
        title,
        summary,
        body,
        language,
        category,
        status,
        products,
        translation_of,
        from_case,
        attachments,
        remove_files,
    };
    match services::articles::save(&state, &actor, &input).await {
        Ok(saved) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("/desk/articles/{saved}?saved=1"));
            }
            Ok(Some(saved))
        }
        Err(e) => {
            let page = crate::domain::knowledge::editor_path(&input.number, &input.from_case);
            let products = input.products.join(",");
            let remove = input.remove_files.join(",");
            let typed = [
                ("title", input.title.as_str()),
                ("summary", input.summary.as_str()),
                ("body", input.body.as_str()),
                ("language", input.language.as_str()),
                ("category", input.category.as_str()),
                ("status", input.status.as_str()),
                ("products", products.as_str()),
                ("translation_of", input.translation_of.as_str()),
                ("attachments", input.attachments.as_str()),
                ("remove_files", remove.as_str()),
            ];
            if forms::send_back(&state, actor.signed_in().ok(), &page, &e, &typed).await? {
                return Ok(None);
            }
            Err(respond_with(e))
        }
    }
}

/// The knowledge base's settings (admins): whether published articles are readable without
/// signing in, and the hosts whose video players articles may embed.
#[server(endpoint = "knowledge_settings", input = GetUrl)]
pub async fn get_knowledge_settings() -> Result<KnowledgeSettings, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::knowledge::settings(&state, &actor)
        .await
        .map_err(respond_with)
}

/// Saves the knowledge base's settings (admins): `public` = "on" opens the published articles to
/// people without an account; `video_hosts` lists the hosts whose players articles may embed.
/// Without JavaScript the browser goes back to the articles (with the error next to the field).
#[server(endpoint = "save_knowledge_settings")]
pub async fn save_knowledge_settings(
    #[server(default)] public: String,
    #[server(default)] video_hosts: String,
) -> Result<KnowledgeSettings, AppError> {
    use crate::backend::{auth, forms, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    match services::knowledge::save_settings(&state, &actor, public == "on", &video_hosts).await {
        Ok(saved) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect("/desk/articles?settings=1#settings");
            }
            Ok(saved)
        }
        Err(e) => {
            let typed = [
                ("public", public.as_str()),
                ("video_hosts", video_hosts.as_str()),
            ];
            let page = "/desk/articles";
            if forms::send_back(&state, actor.signed_in().ok(), page, &e, &typed).await? {
                return Ok(KnowledgeSettings::default());
            }
            Err(respond_with(e))
        }
    }
}
