//! Getting (back) into the portal: "Forgot password?", the welcome email's set-password link, and
//! the new password that a temporary one forces. All work with and without JavaScript.
use crate::api::auth::{
    RequestPasswordReset, SetNewPassword, SetPasswordWithLink, check_password_link,
};
use crate::components::form::{FieldError, InputField, use_form_errors};
use crate::error::query as error_query;
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// `/password/forgot`: username in, temporary password out by email. The page says it was sent
/// whether or not the address belongs to anyone.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RequestPasswordReset>::new();
    let query = use_query_map();
    let errors = use_form_errors();
    let sent = move || query.read().get("sent").is_some();
    // Too many requests (the only error that carries `_retry`) get this page's own wording
    // ("… a new password in N minutes").
    let retry_minutes = move || errors.with(error_query::retry_minutes);
    view! {
        <Title text=move || t_string!(i18n, forgot_title).to_string() />
        <div class="auth-card">
            <h1>{t!(i18n, forgot_title)}</h1>
            <div role="status" class="status-region">
                <Show when=sent>
                    <p class="form-success">{t!(i18n, forgot_sent)}</p>
                </Show>
            </div>
            {move || {
                retry_minutes()
                    .map(|minutes| {
                        view! {
                            <p class="form-error" role="alert">
                                {t_string!(i18n, error_reset_rate_limited, minutes = minutes)
                                    .to_string()}
                            </p>
                        }
                    })
            }}
            <p class="auth-card__intro">{t!(i18n, forgot_intro)}</p>
            <ActionForm action attr:class="form">
                <InputField
                    name="email"
                    label=Signal::derive(move || t_string!(i18n, field_email).to_string())
                    input_type="email"
                    autocomplete="username"
                    errors
                />
                <button type="submit" class="button button--primary">
                    {t!(i18n, reset_password_button)}
                </button>
            </ActionForm>
            <p class="auth-card__links">
                <A href="/login">{t!(i18n, back_to_sign_in)}</A>
            </p>
        </div>
    }
    .into_any()
}

/// `/password/set?token=…`: the welcome email's link. Sets the password and signs in.
#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SetPasswordWithLink>::new();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    // Blocking: an unknown or used link must answer 404 before the page starts to stream.
    let link = Resource::new_blocking(token, check_password_link);
    let errors = use_form_errors();
    let form = move || {
        Suspend::new(async move {
            match link.await {
                Ok(name) => view! {
                    <p class="auth-card__intro">{t!(i18n, set_password_intro, name = name)}</p>
                    <FieldError field="_form" errors />
                    <ActionForm action attr:class="form">
                        <input type="hidden" name="token" value=token />
                        <NewPasswordFields errors />
                        <button type="submit" class="button button--primary">
                            {t!(i18n, set_password_button)}
                        </button>
                    </ActionForm>
                }
                .into_any(),
                Err(_) => view! {
                    <p class="form-error" role="alert">
                        {t!(i18n, error_link_invalid)}
                    </p>
                    <p class="auth-card__links">
                        <A href="/password/forgot">{t!(i18n, forgot_link)}</A>
                    </p>
                }
                .into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, set_password_title).to_string() />
        <div class="auth-card">
            <h1>{t!(i18n, set_password_title)}</h1>
            <Suspense>{form}</Suspense>
        </div>
    }
    .into_any()
}

/// `/account/new-password`: after signing in with a temporary password, nothing else is reachable
/// until a new password is chosen.
#[component]
pub fn NewPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SetNewPassword>::new();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_else(|| "/".into());
    let errors = use_form_errors();
    view! {
        <Title text=move || t_string!(i18n, new_password_title).to_string() />
        <div class="auth-card">
            <h1>{t!(i18n, new_password_title)}</h1>
            <p class="auth-card__intro">{t!(i18n, new_password_intro)}</p>
            <FieldError field="_form" errors />
            <ActionForm action attr:class="form">
                <input type="hidden" name="next" value=next />
                <NewPasswordFields errors />
                <button type="submit" class="button button--primary">
                    {t!(i18n, set_password_button)}
                </button>
            </ActionForm>
        </div>
    }
    .into_any()
}

/// "New password" and its confirmation, with the policy as a hint.
#[component]
fn NewPasswordFields(errors: Memo<crate::error::FieldErrors>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <InputField
            name="new_password"
            label=Signal::derive(move || t_string!(i18n, field_new_password).to_string())
            input_type="password"
            autocomplete="new-password"
            errors
            hint=Signal::derive(move || t_string!(i18n, password_hint).to_string())
        />
        <InputField
            name="confirm_password"
            label=Signal::derive(move || t_string!(i18n, field_confirm_password).to_string())
            input_type="password"
            autocomplete="new-password"
            errors
        />
    }
}
