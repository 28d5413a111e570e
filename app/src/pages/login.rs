//! `/login`: the sign-in page (works with and without JavaScript).
use crate::auth_context::AuthContext;
use crate::components::form::InputField;
use crate::error::AppError;
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
    // Without JavaScript the server reports a failure in the URL; with it, in the action's value.
    let error = move || match auth.sign_in.value().get() {
        Some(Err(AppError::RateLimited(seconds))) => {
            Some(SignInError::RateLimited(seconds.div_ceil(60)))
        }
        Some(Err(AppError::Validation(_))) => Some(SignInError::Credentials),
        Some(Err(_)) => Some(SignInError::Other),
        Some(Ok(())) => None,
        None => {
            let q = query.read();
            match q.get("error").as_deref() {
                Some("rate") => {
                    let seconds = q
                        .get("retry")
                        .and_then(|s| s.parse::<u64>().ok())
                        .unwrap_or(900);
                    Some(SignInError::RateLimited(seconds.div_ceil(60)))
                }
                Some(_) => Some(SignInError::Credentials),
                None => None,
            }
        }
    };
    let has_error = move || error().is_some();
    // Without JavaScript, the email typed before a failure comes back through a draft.
    let typed = crate::components::form::use_draft(query);
    // The form-level message describes both inputs (which of the two was wrong is not said).
    let form_errors = Memo::new(move |_| {
        let mut fields = crate::error::FieldErrors::new();
        if has_error() {
            fields.insert("_form".into(), Vec::new());
        }
        fields
    });
    let message = move || match error() {
        Some(SignInError::RateLimited(minutes)) => {
            t_string!(i18n, error_rate_limited, minutes = minutes).to_string()
        }
        Some(SignInError::Credentials) => t_string!(i18n, error_sign_in_failed).to_string(),
        Some(SignInError::Other) => t_string!(i18n, error_generic).to_string(),
        None => String::new(),
    };
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
                                errors=form_errors
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
                                errors=form_errors
                                form_error_id="sign-in-error"
                            />
                            <button type="submit" class="button button--primary">
                                {t!(i18n, sign_in_button)}
                            </button>
                        </ActionForm>
                    }
                })}
            </Suspense>
            <p class="auth-card__links">
                <A href="/password/forgot">{t!(i18n, forgot_link)}</A>
            </p>
        </div>
    }
    .into_any()
}

/// Why the last sign-in failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SignInError {
    /// Wrong email or password (or no such account: the same answer).
    Credentials,
    /// Too many failures; try again in this many minutes.
    RateLimited(u64),
    /// Anything else.
    Other,
}
