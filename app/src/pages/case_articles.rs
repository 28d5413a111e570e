//! The case page's related list "Knowledge articles (N)": the articles support attached, linked
//! to the knowledge base; support attaches one by its number and removes it again.
use crate::api::knowledge::{AttachArticle, DetachArticle};
use crate::components::form::{InputField, use_form_errors};
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
            <h2 id="kb-title">
                {t!(i18n, knowledge_heading)} " (" {move || list.with(Vec::len)} ")"
            </h2>
            <Show
                when=move || list.with(|l| !l.is_empty())
                fallback=move || view! { <p>{t!(i18n, none_yet)}</p> }
            >
                <ul class="articles">{items.clone()}</ul>
            </Show>
            {can_attach
                .then(|| {
                    view! {
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
