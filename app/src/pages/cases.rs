//! Case list pages.
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/cases`: the signed-in user's cases. Sign-in and the list views arrive with their issues;
/// until then nobody is signed in, so there is nothing to show.
#[component]
pub fn MyCasesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, cases_title).to_string() />
        <h1>{t!(i18n, cases_title)}</h1>
        <p class="empty-state">{t!(i18n, cases_empty)}</p>
    }
    .into_any()
}
