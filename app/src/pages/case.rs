//! `/cases/:number`: a case's summary. (The full case page, with comments and attachments, is the
//! next issue's.) A case of another company answers exactly like a missing one.
use crate::api::cases::get_case_summary;
use crate::i18n::*;
use crate::pages::not_found::NotFoundPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The case's number, subject, product, country and description.
#[component]
pub fn CasePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let number = move || params.read().get("number").unwrap_or_default();
    let case = Resource::new_blocking(number, get_case_summary);
    let title = move || {
        case.get()
            .and_then(Result::ok)
            .map(|c| format!("{} · {}", c.number, c.subject))
            .unwrap_or_default()
    };
    let page = move || {
        Suspend::new(async move {
            match case.await {
                Err(_) => view! { <NotFoundPage /> }.into_any(),
                Ok(c) => view! {
                    <p class="case-number">{t!(i18n, case_number_label)} " " {c.number.to_string()}</p>
                    <h1>{c.subject.clone()}</h1>
                    <dl class="details">
                        <div><dt>{t!(i18n, field_product)}</dt><dd>{c.product.clone().unwrap_or_default()}</dd></div>
                        <div><dt>{t!(i18n, field_country)}</dt><dd>{c.country.clone()}</dd></div>
                    </dl>
                    <h2>{t!(i18n, field_description)}</h2>
                    <p class="pre-line">{c.description.clone()}</p>
                }
                .into_any(),
            }
        })
    };
    view! {
        <Title text=title />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{page}</Suspense>
    }
    .into_any()
}
