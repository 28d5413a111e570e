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
    let auth = expect_context::<crate::auth_context::AuthContext>();
    let is_customer = move || {
        matches!(
            auth.user.get(),
            Some(Ok(Some(ref u))) if u.role == crate::domain::Role::Customer
        )
    };
    view! {
        <Title text=move || t_string!(i18n, nav_home).to_string() />
        <section class="hero">
            <h1>{t!(i18n, home_title)}</h1>
            <p class="hero__intro">{t!(i18n, home_search_intro)}</p>
            <KbSearch initial=String::new() />
            // Customers open cases; staff work them.
            <Show when=is_customer>
                <A href="/cases/new" attr:class="button button--primary button--large">
                    {t!(i18n, create_case_button)}
                </A>
            </Show>
        </section>
        <section class="home-cards">
            <A href="/cases" attr:class="card card--link">
                <span class="card__title">{t!(i18n, nav_my_cases)}</span>
                <span class="card__text">{t!(i18n, home_cases_intro)}</span>
            </A>
            <Show when=is_customer>
                <A href="/access/colleague" attr:class="card card--link">
                    <span class="card__title">{t!(i18n, colleague_title)}</span>
                    <span class="card__text">{t!(i18n, colleague_card)}</span>
                </A>
            </Show>
        </section>
        <crate::components::support::SupportWays />
    }
    .into_any()
}
