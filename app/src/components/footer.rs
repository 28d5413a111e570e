//! The page footer.
use crate::i18n::*;
use leptos::prelude::*;

/// The footer shown on every page.
#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <p>{t!(i18n, footer_text)}</p>
            <crate::components::support::SupportLine />
        </footer>
    }
}
