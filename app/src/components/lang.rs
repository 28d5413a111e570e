//! The EN / RU / NL language switch: a plain form that posts to `/lang`, which sets the language
//! cookie and comes back to the same address, the page then rendered in the new language (pages
//! render on the server only, so there is nothing to switch in place).
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The cookie that holds the chosen language: set by the `/lang` route, read by the server.
pub const LANG_COOKIE: &str = "i18n_pref_locale";

/// Short visible label of each language (also its BCP 47 code).
fn short_label(locale: Locale) -> &'static str {
    match locale {
        Locale::en => "EN",
        Locale::ru => "RU",
        Locale::nl => "NL",
    }
}

/// The switch: a labelled group of three toggle buttons.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let back = move || {
        let path = location.pathname.get();
        let query = location.search.get();
        if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        }
    };
    view! {
        <form
            class="lang-switch"
            method="post"
            action="/lang"
            role="group"
            aria-labelledby="lang-switch-label"
        >
            <span id="lang-switch-label" class="lang-switch__label">
                {t!(i18n, lang_label)}
            </span>
            <input type="hidden" name="back" value=back />
            {Locale::get_all()
                .iter()
                .copied()
                .map(|locale| {
                    let pressed = move || i18n.get_locale() == locale;
                    view! {
                        <button
                            type="submit"
                            name="lang"
                            value=locale.as_str()
                            lang=locale.as_str()
                            class="lang-switch__option"
                            aria-pressed=move || pressed().to_string()
                        >
                            {short_label(locale)}
                        </button>
                    }
                })
                .collect_view()}
        </form>
    }
}
