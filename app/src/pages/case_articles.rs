//! The case page's related list "Knowledge articles (N)": the articles support attached, linked
//! to the knowledge base; support finds one by its words (or types its number), attaches it, and
//! removes it again.
use crate::api::knowledge::{AttachArticle, DetachArticle, search_articles};
use crate::components::form::{InputField, use_form_errors};
use crate::components::kb_search::marked;
use crate::domain::knowledge::ArticleSummary;
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;

/// The related list, with support's attach form and remove buttons.
#[component]
pub fn CaseArticles(
    /// The case number.
    number: String,
    /// The attached articles.
    articles: Vec<ArticleSummary>,
    /// Whether the viewer may attach and remove articles (support staff).
    can_attach: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = leptos_router::hooks::use_query_map();
    let list = RwSignal::new(articles);
    let attach = ServerAction::<AttachArticle>::new();
    let detach = ServerAction::<DetachArticle>::new();
    let errors = use_form_errors();
    let attached = move || query.read().get("attached").is_some();
    let attach_number = number.clone();
    let find_number = number.clone();
    // Support's search for an article to attach (`?article_q=WORDS`, a GET form).
    let words = move || query.read().get("article_q").unwrap_or_default();
    let found = Resource::new_blocking(words, move |q| async move {
        if !can_attach || q.trim().is_empty() {
            return None;
        }
        search_articles(q, String::new(), String::new(), String::new())
            .await
            .ok()
    });
    let results = move || {
        let case_number = find_number.clone();
        Suspend::new(async move {
            found.await.map(|list| {
                let count = list.len();
                let items = list
                    .into_iter()
                    .take(10)
                    .map(|a| {
                        let named = a.number.clone();
                        let case_number = case_number.clone();
                        view! {
                            <li class="article-item" lang=a.language.clone()>
                                <span>{marked(a.title_marked)}</span>
                                " "
                                <span class="article-item__number">{a.number.clone()}</span>
                                <ActionForm action=attach attr:class="inline-form">
                                    <input type="hidden" name="number" value=case_number />
                                    <input type="hidden" name="article" value=a.number.clone() />
                                    <button
                                        type="submit"
                                        class="button button--secondary button--small"
                                    >
                                        <span aria-hidden="true">
                                            {t!(i18n, article_attach_short)}
                                        </span>
                                        <span class="sr-only">
                                            {move || {
                                                t_string!(
                                                    i18n, article_attach_named, number = named.clone()
                                                )
                                                    .to_string()
                                            }}
                                        </span>
                                    </button>
                                </ActionForm>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <p role="status">{t!(i18n, kb_results, count = count)}</p>
                    <ul class="articles">{items}</ul>
                }
            })
        })
    };
    let items = move || {
        let number = number.clone();
        list.get()
            .into_iter()
            .map(|a| {
                let href = format!("/kb/articles/{}", a.number);
                let remove = can_attach.then(|| {
                    let named = a.number.clone();
                    let case_number = number.clone();
                    let article_number = a.number.clone();
                    view! {
                        <ActionForm action=detach attr:class="inline-form">
                            <input type="hidden" name="number" value=case_number />
                            <input type="hidden" name="article" value=article_number />
                            <button type="submit" class="button button--secondary button--small">
                                <span aria-hidden="true">{t!(i18n, article_detach)}</span>
                                <span class="sr-only">
                                    {move || {
                                        t_string!(
                                            i18n, article_detach_named, number = named.clone()
                                        )
                                            .to_string()
                                    }}
                                </span>
                            </button>
                        </ActionForm>
                    }
                });
                let lang = a.language.clone();
                view! {
                    <li class="article-item">
                        <span lang=lang.clone()>
                            <A href=href>{a.title.clone()}</A>
                        </span>
                        " "
                        <span class="article-item__number">{a.number.clone()}</span>
                        {(!a.summary.is_empty())
                            .then(|| view! { <p lang=lang>{a.summary.clone()}</p> })}
                        {remove}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section id="articles" aria-labelledby="kb-title" class="related">
            <div data-live="articles">
                <h2 id="kb-title">
                    {t!(i18n, knowledge_heading)} " (" {move || list.with(Vec::len)} ")"
                </h2>
                <Show
                    when=move || list.with(|l| !l.is_empty())
                    fallback=move || view! { <p>{t!(i18n, none_yet)}</p> }
                >
                    <ul class="articles">{items.clone()}</ul>
                </Show>
            </div>
            {can_attach
                .then(|| {
                    let search_action = format!(
                        "/cases/{}#articles",
                        crate::domain::encode_query_value(&attach_number),
                    );
                    view! {
                        <form
                            method="get"
                            action=search_action
                            class="form form--inline"
                            role="search"
                        >
                            <div class="field">
                                <label for="article-q">{t!(i18n, article_find_label)}</label>
                                <input
                                    id="article-q"
                                    name="article_q"
                                    type="search"
                                    autocomplete="off"
                                    value=words()
                                />
                            </div>
                            <button type="submit" class="button button--secondary">
                                {t!(i18n, kb_search_button)}
                            </button>
                        </form>
                        <Suspense>{results.clone()}</Suspense>
                        <ActionForm action=attach attr:class="form form--inline">
                            <input type="hidden" name="number" value=attach_number.clone() />
                            <InputField
                                name="article"
                                label=Signal::derive(move || {
                                    t_string!(i18n, article_attach_label).to_string()
                                })
                                hint=Signal::derive(move || {
                                    t_string!(i18n, article_attach_hint).to_string()
                                })
                                autocomplete="off"
                                errors
                            />
                            <button type="submit" class="button button--primary">
                                {t!(i18n, article_attach_button)}
                            </button>
                            <p role="status" class="form-status">
                                {move || attached().then_some(t!(i18n, article_attached))}
                            </p>
                        </ActionForm>
                    }
                })}
        </section>
    }
}
