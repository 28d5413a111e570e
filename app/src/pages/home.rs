//! The home dashboard: "How can we help you?", knowledge-base search, and the way to your cases.
use crate::components::kb_search::KbSearch;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// `/`: the dashboard every visitor lands on.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, nav_home).to_string() />
        <section class="hero">
            <h1>{t!(i18n, home_title)}</h1>
            <p class="hero__intro">{t!(i18n, home_search_intro)}</p>
            <KbSearch initial=String::new() />
        </section>
        <section class="home-cards">
            <A href="/cases" attr:class="card card--link">
                <span class="card__title">{t!(i18n, nav_my_cases)}</span>
                <span class="card__text">{t!(i18n, home_cases_intro)}</span>
            </A>
        </section>
    }
}
