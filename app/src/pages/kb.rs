//! `/kb?q=...`: the knowledge base, searched by every word of the query (articles in the reader's
//! language first); without a query, the latest articles. A GET form, so it works without JavaScript.
use crate::api::knowledge::search_articles;
use crate::components::kb_search::KbSearch;
use crate::domain::knowledge::ArticleSummary;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// The search page.
#[component]
pub fn KnowledgeBasePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let results = Resource::new_blocking(move || q.get(), search_articles);
    let body = move || {
        Suspend::new(async move {
            let q = q.get_untracked();
            let heading = if q.trim().is_empty() {
                t_string!(i18n, kb_latest).to_string()
            } else {
                t_string!(i18n, kb_results_for, query = q.trim().to_string()).to_string()
            };
            match results.await {
                Ok(list) => view! {
                    <h2>{heading}</h2>
                    <ArticleList articles=list />
                }
                .into_any(),
                Err(_) => view! { <p role="alert">{t!(i18n, error_generic)}</p> }.into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, kb_title).to_string() />
        <h1>{t!(i18n, kb_title)}</h1>
        {move || view! { <KbSearch initial=q.get() /> }}
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
    .into_any()
}

/// Search results: count, then each article's title (a link), summary and number.
#[component]
fn ArticleList(articles: Vec<ArticleSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let count = articles.len();
    if count == 0 {
        return view! {
            <p class="empty-state" role="status">
                {t!(i18n, kb_no_results)}
            </p>
        }
        .into_any();
    }
    let items = articles
        .into_iter()
        .map(|a| {
            let href = format!("/kb/articles/{}", a.number);
            let number = a.number.clone();
            view! {
                <li class="article-result" lang=a.language.clone()>
                    <h3>
                        <A href=href>{a.title.clone()}</A>
                    </h3>
                    <p>{a.summary.clone()}</p>
                    <p class="article-result__meta" lang=move || i18n.get_locale().as_str()>
                        {move || {
                            t_string!(i18n, article_number, number = number.clone()).to_string()
                        }}
                    </p>
                </li>
            }
        })
        .collect_view();
    view! {
        <p role="status">{move || t_string!(i18n, kb_results, count = count).to_string()}</p>
        <ul class="article-results">{items}</ul>
    }
    .into_any()
}
