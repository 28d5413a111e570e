//! `/kb?q=...&category=...&language=...&product=...`: the knowledge base. Every word of the search
//! is found in its other forms (stemmed in English, Russian and Dutch), articles in the reader's
//! language first, the words marked in titles and snippets; the filters narrow it to a category,
//! a language or a product. Without words, the latest articles. A GET form, so it works without
//! JavaScript.
use crate::api::knowledge::{knowledge_overview, search_articles};
use crate::components::kb_search::{KbFilters, KbSearch, category_label, marked};
use crate::domain::knowledge::{ArticleSummary, KbOverview};
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::not_found::UnavailableNotice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// What the URL asks: words, category, language, product.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct KbQuery {
    q: String,
    category: String,
    language: String,
    product: String,
}

/// The search page.
#[component]
pub fn KnowledgeBasePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let p = params.read();
        let get = |k: &str| p.get(k).unwrap_or_default();
        KbQuery {
            q: get("q"),
            category: get("category"),
            language: get("language"),
            product: get("product"),
        }
    });
    let results = Resource::new_blocking(
        move || query.get(),
        |k| search_articles(k.q, k.category, k.language, k.product),
    );
    let overview = Resource::new_blocking(|| (), |()| knowledge_overview());
    let body = move || {
        Suspend::new(async move {
            let q = query.get_untracked().q;
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
                Err(AppError::Unavailable) => view! { <UnavailableNotice /> }.into_any(),
                Err(_) => view! { <p role="alert">{t!(i18n, error_generic)}</p> }.into_any(),
            }
        })
    };
    let search = move || {
        Suspend::new(async move {
            let k = query.get();
            let chosen = |v: String| (!v.is_empty()).then_some(v);
            let browsing = k == KbQuery::default();
            let overview = overview.await.unwrap_or_default();
            let filters = KbFilters {
                category: chosen(k.category),
                language: chosen(k.language),
                product: chosen(k.product),
                products: overview.products.clone(),
            };
            view! {
                <KbSearch initial=k.q filters />
                {browsing.then(|| view! { <Browse overview /> })}
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, kb_title).to_string() />
        <h1>{t!(i18n, kb_title)}</h1>
        <Suspense>{search}</Suspense>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
    .into_any()
}

/// The knowledge base's sections and products, each a link to its articles.
#[component]
fn Browse(overview: KbOverview) -> impl IntoView {
    let i18n = use_i18n();
    let categories = overview
        .categories
        .into_iter()
        .map(|(category, count)| {
            let href = format!("/kb?category={}", category.code());
            view! {
                <li>
                    // Plain links: the router's would all be "current" (same path, /kb).
                    <a href=href>{move || category_label(i18n, category)}</a>
                    " "
                    <span class="kb-browse__count">{format!("({count})")}</span>
                </li>
            }
        })
        .collect_view();
    let products = (!overview.products.is_empty()).then(|| {
        let items = overview
            .products
            .into_iter()
            .map(|p| {
                let href = format!("/kb?product={}", p.id.0);
                view! {
                    <li>
                        <a href=href>{p.name}</a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="kb-browse__section" aria-labelledby="kb-products">
                <h2 id="kb-products">{t!(i18n, kb_browse_products)}</h2>
                <ul class="kb-browse__list">{items}</ul>
            </section>
        }
    });
    view! {
        <div class="kb-browse">
            <section class="kb-browse__section" aria-labelledby="kb-categories">
                <h2 id="kb-categories">{t!(i18n, kb_browse_categories)}</h2>
                <ul class="kb-browse__list">{categories}</ul>
            </section>
            {products}
        </div>
    }
}

/// Search results: count, then each article's title (a link), snippet, category and number.
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
            let category = a.category;
            view! {
                <li class="article-result" lang=a.language.clone()>
                    <h3>
                        <A href=href>{marked(a.title_marked)}</A>
                    </h3>
                    <p>{marked(a.snippet)}</p>
                    <p class="article-result__meta" lang=move || i18n.get_locale().as_str()>
                        {move || category_label(i18n, category)}
                        " · "
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
