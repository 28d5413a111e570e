//! The knowledge base: search box and results.
use crate::components::kb_search::KbSearch;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/kb?q=...`: knowledge-base search. Articles arrive with their own issue; until then every search
/// honestly finds nothing.
#[component]
pub fn KnowledgeBasePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    view! {
        <Title text=move || t_string!(i18n, kb_title).to_string() />
        <h1>{t!(i18n, kb_title)}</h1>
        {move || view! { <KbSearch initial=q() /> }}
        <p class="empty-state" role="status">{t!(i18n, kb_no_results)}</p>
    }
    .into_any()
}
