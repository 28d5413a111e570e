//! `/account/password`: change your password.
use crate::api::account::ChangePassword;
use crate::components::form::{FieldError, InputField, use_form_errors};
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
