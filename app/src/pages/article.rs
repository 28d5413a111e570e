//! `/kb/articles/:number`: one knowledge article. Unpublished and unknown numbers answer "not found".
use crate::api::knowledge::get_article;
use crate::domain::knowledge::Article;
use crate::i18n::*;
use crate::pages::cases::short_time;
use crate::pages::not_found::NotFoundPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The article page.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let article = Resource::new_blocking(
        move || params.read().get("number").unwrap_or_default(),
        get_article,
    );
    let title = move || {
        article
            .get()
            .and_then(Result::ok)
            .map(|a| a.head.title)
            .unwrap_or_default()
    };
    let page = move || {
        Suspend::new(async move {
            match article.await {
                Ok(a) => view! { <ArticleView article=a /> }.into_any(),
                Err(_) => view! { <NotFoundPage /> }.into_any(),
            }
        })
    };
    view! {
        <Title text=title />
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{page}</Transition>
    }
    .into_any()
}

#[component]
fn ArticleView(article: Article) -> impl IntoView {
    let i18n = use_i18n();
    let number = article.head.number.clone();
    let updated = short_time(&article.updated_at);
    view! {
        <article class="kb-article" lang=article.head.language.clone()>
            <h1>{article.head.title.clone()}</h1>
            <p class="kb-article__meta" lang=move || i18n.get_locale().as_str()>
                {move || t_string!(i18n, article_number, number = number.clone()).to_string()}
                " · "
                <time datetime=article
                    .updated_at
                    .clone()>
                    {move || t_string!(i18n, article_updated, date = updated.clone()).to_string()}
                </time>
            </p>
            {(!article.head.summary.is_empty())
                .then(|| {
                    view! { <p class="kb-article__summary">{article.head.summary.clone()}</p> }
                })}
            {(!article.translations.is_empty())
                .then(|| {
                    let links = article
                        .translations
                        .iter()
                        .map(|t| {
                            let href = format!("/kb/articles/{}", t.number);
                            let name = crate::domain::Language::from_code(&t.language)
                                .map_or("", |l| l.own_name());
                            view! {
                                <li>
                                    <a
                                        href=href
                                        hreflang=t.language.clone()
                                        lang=t.language.clone()
                                    >
                                        {name}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <nav
                            class="kb-article__translations"
                            aria-labelledby="kb-translations"
                            lang=move || i18n.get_locale().as_str()
                        >
                            <h2 id="kb-translations" class="kb-article__translations-title">
                                {t!(i18n, article_translations)}
                            </h2>
                            <ul>{links}</ul>
                        </nav>
                    }
                })}
            // Rendered from Markdown and sanitized on the server (`backend::markdown`).
            <div class="kb-article__body" inner_html=article.body_html.clone()></div>
        </article>
        <p>
            <A href="/kb">{t!(i18n, article_back)}</A>
        </p>
    }
}
