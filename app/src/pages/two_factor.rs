//! Two-factor sign-in: the second step of signing in (`/login/code`) and the account page that
//! turns it on and off (`/account/two-factor`). Both work without JavaScript: every form posts,
//! and the page it comes back to says what happened.
use crate::api::account::{
    RenewRecoveryCodes, StartTwoFactor, TurnOffTwoFactor, TurnOnTwoFactor, get_two_factor,
};
use crate::api::auth::{PassSignInCode, get_sign_in_challenge};
use crate::components::form::{FieldError, InputField, use_draft, use_form_errors};
use crate::domain::two_factor::TotpSetup;
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// Where the "Turn off" button of the manage form posts (the form's own action renews codes).
const TURN_OFF: &str = <TurnOffTwoFactor as server_fn::ServerFn>::PATH;

/// The QR code to scan and the secret to type instead.
#[component]
fn AppSetup(setup: TotpSetup) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="two-factor-steps">
            <li>{t!(i18n, two_factor_step_app)}</li>
            <li>
                {t!(i18n, two_factor_step_scan)}
                <div
                    class="two-factor-qr"
                    role="img"
                    aria-label=move || t_string!(i18n, two_factor_qr_label).to_string()
                    inner_html=setup.qr_svg
                ></div>
                <p>
                    {t!(i18n, two_factor_secret_label)} " "
                    <code class="two-factor-secret">{setup.secret}</code>
                </p>
            </li>
            <li>{t!(i18n, two_factor_step_code)}</li>
        </ol>
    }
}

/// The code field of every two-factor form.
#[component]
fn CodeField(
    /// The label.
    #[prop(into)]
    label: Signal<String>,
    /// The form's errors.
    errors: Memo<crate::error::FieldErrors>,
    /// Help below the label.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
) -> impl IntoView {
    match hint {
        Some(hint) => view! {
            <InputField
                name="code"
                label
                autocomplete="one-time-code"
                errors
                form_error_id="_form-error"
                hint
            />
        }
        .into_any(),
        None => view! {
            <InputField
                name="code"
                label
                autocomplete="one-time-code"
                errors
                form_error_id="_form-error"
            />
        }
        .into_any(),
    }
}

/// `/login/code`: the code from the authenticator app (or a recovery code) after a right password;
/// for staff whom the admins require it of and who have no app yet, setting one up first.
#[component]
pub fn SignInCodePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_else(|| "/".into());
    let action = ServerAction::<PassSignInCode>::new();
    let errors = use_form_errors();
    let challenge = Resource::new_blocking(|| (), |()| get_sign_in_challenge());
    let body = move || {
        Suspend::new(async move {
            match challenge.await {
                Err(_) => {
                    let again = format!(
                        "/login?next={}",
                        crate::domain::encode_query_value(crate::domain::safe_local_path(&next())),
                    );
                    view! {
                        <p role="alert">{t!(i18n, error_sign_in_expired)}</p>
                        <p>
                            <A href=again>{t!(i18n, sign_in_button)}</A>
                        </p>
                    }
                    .into_any()
                }
                Ok(setup) => {
                    let enrol = setup.is_some();
                    view! {
                        {match setup {
                            Some(setup) => {
                                view! {
                                    <p>{t!(i18n, two_factor_required_intro)}</p>
                                    <AppSetup setup />
                                }
                                    .into_any()
                            }
                            None => view! { <p>{t!(i18n, two_factor_code_intro)}</p> }.into_any(),
                        }}
                        <ActionForm action attr:class="form">
                            <FieldError field="_form" errors />
                            <input type="hidden" name="next" value=next />
                            {if enrol {
                                view! {
                                    <CodeField
                                        label=Signal::derive(move || {
                                            t_string!(i18n, field_app_code).to_string()
                                        })
                                        errors
                                    />
                                }
                                    .into_any()
                            } else {
                                view! {
                                    <CodeField
                                        label=Signal::derive(move || {
                                            t_string!(i18n, field_sign_in_code).to_string()
                                        })
                                        hint=Signal::derive(move || {
                                            t_string!(i18n, two_factor_recovery_hint).to_string()
                                        })
                                        errors
                                    />
                                }
                                    .into_any()
                            }}
                            <button type="submit" class="button button--primary">
                                {t!(i18n, two_factor_verify)}
                            </button>
                        </ActionForm>
                    }
                    .into_any()
                }
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, two_factor_code_title).to_string() />
        <div class="auth-card">
            <h1>{t!(i18n, two_factor_code_title)}</h1>
            <Suspense>{body}</Suspense>
        </div>
    }
    .into_any()
}

/// `/account/two-factor`: turn two-factor sign-in on (set up an app, confirm with its first code,
/// see the ten recovery codes once), get new recovery codes, or turn it off.
#[component]
pub fn TwoFactorPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let errors = use_form_errors();
    let start = ServerAction::<StartTwoFactor>::new();
    let turn_on = ServerAction::<TurnOnTwoFactor>::new();
    let manage = ServerAction::<RenewRecoveryCodes>::new();
    let turned_off = move || query.read().get("off").is_some();
    let draft = use_draft(query);
    let current = Resource::new_blocking(|| (), |()| get_two_factor());
    let body = move || {
        Suspend::new(async move {
            let codes: Vec<String> = draft
                .await
                .get("codes")
                .map(|c| c.lines().map(str::to_string).collect())
                .unwrap_or_default();
            let now = match current.await {
                Err(_) => return view! { <crate::pages::not_found::NotFoundPage /> }.into_any(),
                Ok(now) => now,
            };
            let shown_codes = (!codes.is_empty()).then(|| {
                view! {
                    <section class="two-factor-codes" aria-labelledby="codes-heading">
                        <h2 id="codes-heading">{t!(i18n, two_factor_codes_title)}</h2>
                        <p>{t!(i18n, two_factor_codes_intro)}</p>
                        <ul class="two-factor-codes__list">
                            {codes
                                .into_iter()
                                .map(|c| {
                                    view! {
                                        <li>
                                            <code>{c}</code>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
            });
            let state = if now.enabled {
                let left = now.codes_left;
                view! {
                    <p class="two-factor-state">
                        <strong>{t!(i18n, two_factor_on)}</strong>
                        " "
                        {t!(i18n, two_factor_codes_left, count = left)}
                    </p>
                    {now
                        .required
                        .then(|| {
                            view! { <p class="field-hint">{t!(i18n, two_factor_required_note)}</p> }
                        })}
                    <ActionForm action=manage attr:class="form">
                        <CodeField
                            label=Signal::derive(move || {
                                t_string!(i18n, field_sign_in_code).to_string()
                            })
                            hint=Signal::derive(move || {
                                t_string!(i18n, two_factor_manage_hint).to_string()
                            })
                            errors
                        />
                        <div class="form-actions">
                            <button type="submit" class="button">
                                {t!(i18n, two_factor_renew_codes)}
                            </button>
                            {(!now.required)
                                .then(|| {
                                    view! {
                                        <button
                                            type="submit"
                                            class="button button--danger"
                                            formaction=TURN_OFF
                                        >
                                            {t!(i18n, two_factor_turn_off)}
                                        </button>
                                    }
                                })}
                        </div>
                    </ActionForm>
                }
                .into_any()
            } else if let Some(setup) = now.setup {
                view! {
                    <AppSetup setup />
                    <ActionForm action=turn_on attr:class="form">
                        <CodeField
                            label=Signal::derive(move || {
                                t_string!(i18n, field_app_code).to_string()
                            })
                            errors
                        />
                        <button type="submit" class="button button--primary">
                            {t!(i18n, two_factor_turn_on)}
                        </button>
                    </ActionForm>
                }
                .into_any()
            } else {
                view! {
                    <p class="two-factor-state">
                        <strong>{t!(i18n, two_factor_off)}</strong>
                    </p>
                    <ActionForm action=start attr:class="form">
                        <button type="submit" class="button button--primary">
                            {t!(i18n, two_factor_set_up)}
                        </button>
                    </ActionForm>
                }
                .into_any()
            };
            view! {
                {shown_codes}
                {state}
            }
            .into_any()
        })
    };
    view! {
        <Title text=move || t_string!(i18n, two_factor_title).to_string() />
        <div class="auth-card">
            <h1>{t!(i18n, two_factor_title)}</h1>
            <p>{t!(i18n, two_factor_intro)}</p>
            <div role="status" class="status-region">
                <Show when=turned_off>
                    <p class="form-success">{t!(i18n, two_factor_turned_off)}</p>
                </Show>
            </div>
            <FieldError field="_form" errors />
            <Suspense fallback=move || {
                view! { <p>{t!(i18n, loading)}</p> }
            }>{body}</Suspense>
        </div>
    }
    .into_any()
}
