//! The signed-in person's own settings: `/account/settings` (language and time zone),
//! `/account/password` (change your password) and, for support staff, `/account/notifications`
//! (which desk emails they want).
use crate::api::account::{
    ChangePassword, SaveDeskEmails, SaveOwnSettings, get_desk_emails, get_own_settings,
};
use crate::components::form::{
    CheckboxField, FieldError, InputField, SelectField, SettingsCard, use_form_errors,
};
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Current password, new password twice. Other devices are signed out on success.
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChangePassword>::new();
    let query = use_query_map();
    let errors = use_form_errors();
    let changed = move || query.read().get("changed").is_some();
    view! {
        <Title text=move || t_string!(i18n, change_password_title).to_string() />
        <div class="auth-card">
            <h1>{t!(i18n, change_password_title)}</h1>
            <div role="status" class="status-region">
                <Show when=changed>
                    <p class="form-success">{t!(i18n, password_changed)}</p>
                </Show>
            </div>
            <FieldError field="_form" errors />
            <ActionForm action attr:class="form">
                <InputField
                    name="current_password"
                    label=Signal::derive(move || {
                        t_string!(i18n, field_current_password).to_string()
                    })
                    input_type="password"
                    autocomplete="current-password"
                    errors
                />
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
                    label=Signal::derive(move || {
                        t_string!(i18n, field_confirm_password).to_string()
                    })
                    input_type="password"
                    autocomplete="new-password"
                    errors
                />
                <button type="submit" class="button button--primary">
                    {t!(i18n, change_password_button)}
                </button>
            </ActionForm>
        </div>
    }
    .into_any()
}

/// Support's desk emails: every new case, customer replies on their cases (two checkboxes).
#[component]
pub fn DeskEmailsPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveDeskEmails>::new();
    let errors = use_form_errors();
    let current = Resource::new_blocking(|| (), |()| get_desk_emails());
    let form = move || {
        Suspend::new(async move {
            match current.await {
                Err(_) => view! { <crate::pages::not_found::NotFoundPage /> }.into_any(),
                Ok(now) => view! {
                    <ActionForm action attr:class="form">
                        <CheckboxField
                            name="new_cases"
                            label=Signal::derive(move || {
                                t_string!(i18n, desk_emails_new_cases).to_string()
                            })
                            checked=now.new_cases
                            errors
                        />
                        <CheckboxField
                            name="replies"
                            label=Signal::derive(move || {
                                t_string!(i18n, desk_emails_replies).to_string()
                            })
                            checked=now.replies
                            errors
                        />
                        <button type="submit" class="button button--primary">
                            {t!(i18n, update_submit)}
                        </button>
                    </ActionForm>
                }
                .into_any(),
            }
        })
    };
    view! {
        <SettingsCard
            title=Signal::derive(move || t_string!(i18n, desk_emails_title).to_string())
            intro=Signal::derive(move || t_string!(i18n, desk_emails_intro).to_string())
            saved_text=Signal::derive(move || t_string!(i18n, desk_emails_saved).to_string())
            errors
        >
            {form}
        </SettingsCard>
    }
    .into_any()
}

/// Everyone's own settings: language and time zone (`/account/settings`).
#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveOwnSettings>::new();
    let errors = use_form_errors();
    let current = Resource::new_blocking(|| (), |()| get_own_settings());
    let form = move || {
        Suspend::new(async move {
            match current.await {
                Err(_) => view! { <crate::pages::not_found::NotFoundPage /> }.into_any(),
                Ok(now) => {
                    let languages = crate::domain::Language::ALL
                        .iter()
                        .map(|l| (l.code().to_string(), l.own_name().to_string()))
                        .collect::<Vec<_>>();
                    view! {
                        <ActionForm action attr:class="form">
                            <SelectField
                                name="language"
                                label=Signal::derive(move || {
                                    t_string!(i18n, field_language).to_string()
                                })
                                options=languages
                                selected=now.language.code().to_string()
                                errors
                            />
                            <SelectField
                                name="time_zone"
                                label=Signal::derive(move || {
                                    t_string!(i18n, field_time_zone).to_string()
                                })
                                options=now.zones
                                selected=now.time_zone
                                errors
                            />
                            <p class="field-hint">{t!(i18n, time_zone_hint)}</p>
                            <button type="submit" class="button button--primary">
                                {t!(i18n, update_submit)}
                            </button>
                        </ActionForm>
                    }
                    .into_any()
                }
            }
        })
    };
    view! {
        <SettingsCard
            title=Signal::derive(move || t_string!(i18n, settings_title).to_string())
            intro=Signal::derive(move || t_string!(i18n, settings_intro).to_string())
            saved_text=Signal::derive(move || t_string!(i18n, settings_saved).to_string())
            errors
        >
            {form}
        </SettingsCard>
    }
    .into_any()
}
