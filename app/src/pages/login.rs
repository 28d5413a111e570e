//! `/login`: the sign-in page (works with and without JavaScript; signing in with a passkey needs
//! it).
use crate::auth_context::AuthContext;
use crate::components::form::{InputField, error_text, use_form_errors};
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// Email and password; on success the server sends the browser on to `?next=` (or home).
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = expect_context::<AuthContext>();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_else(|| "/".into());
    // One form protocol: the action's value with JavaScript, the URL's `error`s without it.
    let errors = use_form_errors();
    let has_error = move || errors.with(|e| e.contains_key("_form"));
    // Without JavaScript, the email typed before a failure comes back through a draft.
    let typed = crate::components::form::use_draft(query);
    // The form-level message describes both inputs (which of the two was wrong is not said).
    let message = move || errors.with(|e| error_text(i18n.get_locale(), e, "_form"));
    let providers = Resource::new_blocking(|| (), |()| crate::api::sso::get_sign_in_providers());
    let passkeys = Resource::new_blocking(|| (), |()| crate::api::passkeys::passkeys_available());
    view! {
        <Title text=move || t_string!(i18n, sign_in_title).to_string() />
        <div class="auth-card">
            <h1>{t!(i18n, sign_in_title)}</h1>
            <p class="auth-card__intro">{t!(i18n, sign_in_intro)}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    let email = typed.await.get("email").cloned().unwrap_or_default();
                    view! {
                        <ActionForm action=auth.sign_in attr:class="form">
                            <Show when=has_error>
                                <p class="form-error" role="alert" id="sign-in-error">
                                    {message}
                                </p>
                            </Show>
                            <input type="hidden" name="next" value=next />
                            <InputField
                                name="email"
                                label=Signal::derive(move || {
                                    t_string!(i18n, field_email).to_string()
                                })
                                input_type="email"
                                autocomplete="username"
                                errors
                                form_error_id="sign-in-error"
                                value=email
                            />
                            <InputField
                                name="password"
                                label=Signal::derive(move || {
                                    t_string!(i18n, field_password).to_string()
                                })
                                input_type="password"
                                autocomplete="current-password"
                                errors
                                form_error_id="sign-in-error"
                            />
                            <button type="submit" class="button button--primary">
                                {t!(i18n, sign_in_button)}
                            </button>
                        </ActionForm>
                    }
                })}
            </Suspense>
            <Suspense>
                {move || Suspend::new(async move {
                    let list = providers.await.unwrap_or_default();
                    view! { <SignInProviders list=list next=next() /> }
                })}
            </Suspense>
            <Suspense>
                {move || Suspend::new(async move {
                    passkeys
                        .await
                        .unwrap_or(false)
                        .then(|| {
                            view! { <crate::components::passkeys::PasskeySignIn next=next() /> }
                        })
                })}
            </Suspense>
            <p class="auth-card__links">
                <A href="/password/forgot">{t!(i18n, forgot_link)}</A>
            </p>
            <p class="auth-card__links">
                {t!(i18n, sign_in_no_access)} " "
                <A href="/access/request">{t!(i18n, sign_in_request_access)}</A>
            </p>
        </div>
        <crate::components::support::SupportWays />
    }
    .into_any()
}

/// The "Sign in with …" buttons of the active identity providers (none: nothing shown). Plain links
/// that leave the app (`rel="external"`): the provider's page is another site.
#[component]
fn SignInProviders(list: Vec<crate::domain::sso::ProviderButton>, next: String) -> impl IntoView {
    let i18n = use_i18n();
    let next = crate::domain::encode_query_value(&next);
    (!list.is_empty()).then(|| {
        view! {
            <section class="sso-options" aria-labelledby="sso-options-title">
                <h2 id="sso-options-title" class="sso-options__title">
                    {t!(i18n, sign_in_sso_title)}
                </h2>
                <ul class="sso-options__list">
                    {list
                        .into_iter()
                        .map(|p| {
                            let href = format!("/auth/oidc/{}/start?next={next}", p.id);
                            let name = p.name;
                            view! {
                                <li>
                                    <a class="button button--secondary" href=href rel="external">
                                        {t!(i18n, sign_in_with, name = name.clone())}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
