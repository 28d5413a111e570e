//! The knowledge-base search box (a GET form, so it works before hydration too).
use crate::components::icons::SearchIcon;
use crate::i18n::*;
use leptos::prelude::*;

/// Search field with a visible label and a magnifier button.
#[component]
pub fn KbSearch(
    /// What the field shows at first.
    initial: String,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form class="kb-search" method="get" action="/kb" role="search">
            <label for="kb-q" class="kb-search__label">
                {t!(i18n, kb_search_label)}
            </label>
            <div class="kb-search__row">
                <input id="kb-q" name="q" type="search" value=initial autocomplete="off" />
                <button type="submit" class="button button--primary">
                    <SearchIcon />
                    {t!(i18n, kb_search_button)}
                </button>
            </div>
        </form>
    }
}
