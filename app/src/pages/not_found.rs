//! The 404 page (and the HTTP status that goes with it).
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// Shown for every unknown path; answers 404 on the server.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, not_found_title).to_string() />
        <div class="not-found">
            <h1>{t!(i18n, not_found_title)}</h1>
            <p>{t!(i18n, not_found_text)}</p>
            <A href="/">{t!(i18n, not_found_home)}</A>
        </div>
    }
    .into_any()
}

/// What a page shows in place of its data while the database cannot be reached: that the portal
/// is briefly unavailable and to try again (the server function set the answer's 503 and
/// `Retry-After`). Pages show it for `AppError::Unavailable` rather than "not found" or the
/// generic message, which would tell a person the wrong thing.
#[component]
pub fn UnavailableNotice() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="not-found" role="alert">
            <h1>{t!(i18n, unavailable_title)}</h1>
            <p>{t!(i18n, unavailable_text)}</p>
        </div>
    }
}
