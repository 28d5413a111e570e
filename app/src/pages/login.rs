//! `/login`: the sign-in page (works with and without JavaScript).
use crate::auth_context::AuthContext;
use crate::error::AppError;
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Email and password; on success the server sends the browser on to `?next=` (or home).
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = expect_context::<AuthContext>();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_else(|| "/".into());
    // Without JavaScript the server reports a failure in the URL; with it, in the action's value.
    let error_key = move || match auth.sign_in.value().get() {
        Some(Err(AppError::Validation(fields))) => {
            fields.get("_form").and_then(|k| k.first().cloned())
        }
        Some(Err(_)) => Some("error_generic".to_string()),
        Some(Ok(())) => None,
        None => query
            .read()
            .get("error")
            .map(|_| "error_sign_in_failed".to_string()),
    };
    let has_error = move || error_key().is_some();
    view! {
        <Title text=move || t_string!(i18n, sign_in_title).to_string() />
        <div class="auth-card">
            <h1>{t!(i18n, sign_in_title)}</h1>
            <p class="auth-card__intro">{t!(i18n, sign_in_intro)}</p>
            <ActionForm action=auth.sign_in attr:class="form">
                <Show when=has_error>
                    <p class="form-error" role="alert" id="sign-in-error">
                        {move || error_key().map(|k| crate::messages::text(i18n.get_locale(), &k))}
                    </p>
                </Show>
                <input type="hidden" name="next" value=next />
                <div class="field">
                    <label for="email">{t!(i18n, field_email)}</label>
                    <input
                        id="email"
                        name="email"
                        type="email"
                        autocomplete="username"
                        required
                        aria-invalid=move || has_error().to_string()
                        aria-describedby=move || has_error().then_some("sign-in-error")
                    />
                </div>
                <div class="field">
                    <label for="password">{t!(i18n, field_password)}</label>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                        aria-invalid=move || has_error().to_string()
                        aria-describedby=move || has_error().then_some("sign-in-error")
                    />
                </div>
                <button type="submit" class="button button--primary">{t!(i18n, sign_in_button)}</button>
            </ActionForm>
        </div>
    }
}
