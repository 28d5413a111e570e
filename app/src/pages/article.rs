//! `/kb/articles/:number`: one knowledge article. Unpublished and unknown numbers answer "not found".
use crate::api::knowledge::{RateArticle, get_article};
use crate::components::attachments::FileLinks;
use crate::components::time::local_date;
use crate::domain::knowledge::{Article, ArticleFeedback};
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::not_found::{NotFoundPage, UnavailableNotice};
use leptos::form::ActionForm;
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
                Err(AppError::Unavailable) => view! { <UnavailableNotice /> }.into_any(),
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
    let updated = local_date(&article.updated_at);
    let author = article.author.clone().map(|name| {
        view! {
            " · "
            {move || t_string!(i18n, article_author, name = name.clone()).to_string()}
        }
    });
    let revision = article.revision;
    let edit = article.can_edit.then(|| {
        view! {
            " · "
            <a href=format!("/desk/articles/{}", article.head.number)>{t!(i18n, article_edit)}</a>
        }
    });
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
                {author}
                " · "
                {move || t_string!(i18n, article_revision, revision = revision).to_string()}
                {edit}
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
            {(!article.files.is_empty())
                .then(|| {
                    view! {
                        <section class="kb-article__files" aria-labelledby="kb-files-title">
                            <h2 id="kb-files-title">{t!(i18n, article_files)}</h2>
                            <FileLinks
                                files=article.files.clone()
                                followed=article.followed_files.clone()
                            />
                        </section>
                    }
                })}
        </article>
        <Feedback
            number=article.head.number.clone()
            feedback=article.feedback
            can_rate=article.can_rate
        />
        <p>
            <A href="/kb">{t!(i18n, article_back)}</A>
        </p>
    }
}

/// "Was this article helpful?": the reader answers yes or no (and may change it); the average as
/// the Dutch guide's article page shows it ("Gemiddelde beoordeling").
#[component]
fn Feedback(number: String, feedback: ArticleFeedback, can_rate: bool) -> impl IntoView {
    let i18n = use_i18n();
    let rate = ServerAction::<RateArticle>::new();
    let query = leptos_router::hooks::use_query_map();
    let rated = move || query.read().get("rated").is_some();
    let average = move || match feedback.percent_helpful() {
        Some(percent) => t_string!(
            i18n,
            article_rating,
            percent = percent,
            votes = feedback.votes
        )
        .to_string(),
        None => t_string!(i18n, article_rating_none).to_string(),
    };
    let mine = feedback.mine;
    let answer = move || match mine {
        Some(true) => Some(t!(i18n, article_your_answer_yes).into_any()),
        Some(false) => Some(t!(i18n, article_your_answer_no).into_any()),
        None => None,
    };
    view! {
        <section id="feedback" class="kb-feedback" aria-labelledby="kb-feedback-title">
            <h2 id="kb-feedback-title">{t!(i18n, article_helpful_question)}</h2>
            {if can_rate {
                view! {
                    <ActionForm action=rate attr:class="form form--inline">
                        <input type="hidden" name="number" value=number />
                        <button
                            type="submit"
                            name="helpful"
                            value="yes"
                            class="button button--secondary"
                            aria-pressed=if mine == Some(true) { "true" } else { "false" }
                        >
                            {t!(i18n, article_helpful_yes)}
                        </button>
                        <button
                            type="submit"
                            name="helpful"
                            value="no"
                            class="button button--secondary"
                            aria-pressed=if mine == Some(false) { "true" } else { "false" }
                        >
                            {t!(i18n, article_helpful_no)}
                        </button>
                    </ActionForm>
                }
                    .into_any()
            } else {
                let next = format!("/login?next=/kb/articles/{number}");
                view! {
                    <p>
                        <a href=next>{t!(i18n, article_sign_in_to_rate)}</a>
                    </p>
                }
                    .into_any()
            }}
            <p class="kb-feedback__average">{average}</p>
            <p role="status" class="form-status">
                {move || rated().then_some(t!(i18n, article_rated))}
                " "
                {answer}
            </p>
        </section>
    }
}
