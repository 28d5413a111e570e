//! `/account/password`: change your password.
use crate::api::account::ChangePassword;
use crate::components::form::{FieldError, field_aria, merge_errors};
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
    let errors = Memo::new(move |_| {
        merge_errors(
            action.value().get(),
            query.read().get_all("error").unwrap_or_default(),
        )
    });
    let changed = move || match action.value().get() {
        Some(result) => result.is_ok(),
        None => query.read().get("changed").is_some(),
    };
    let (cur_invalid, cur_described) = field_aria("current_password", errors);
    let (new_invalid, new_described) = field_aria("new_password", errors);
    let (conf_invalid, conf_described) = field_aria("confirm_password", errors);
    // After a success the form empties itself (the hydrated app keeps the page).
    let form_ref = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(())))
            && let Some(form) = form_ref.get()
        {
            form.reset();
        }
    });
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
            <ActionForm action node_ref=form_ref attr:class="form">
                <div class="field">
                    <label for="current_password">{t!(i18n, field_current_password)}</label>
                    <input
                        id="current_password"
                        name="current_password"
                        type="password"
                        autocomplete="current-password"
                        required
                        aria-invalid=cur_invalid
                        aria-describedby=cur_described
                    />
                    <FieldError field="current_password" errors />
                </div>
                <div class="field">
                    <label for="new_password">{t!(i18n, field_new_password)}</label>
                    <p class="field-hint" id="new_password-hint">{t!(i18n, password_hint)}</p>
                    <input
                        id="new_password"
                        name="new_password"
                        type="password"
                        autocomplete="new-password"
                        required
                        minlength="10"
                        aria-invalid=new_invalid
                        aria-describedby=move || {
                            new_described().map_or("new_password-hint".to_string(), |e| format!("new_password-hint {e}"))
                        }
                    />
                    <FieldError field="new_password" errors />
                </div>
                <div class="field">
                    <label for="confirm_password">{t!(i18n, field_confirm_password)}</label>
                    <input
                        id="confirm_password"
                        name="confirm_password"
                        type="password"
                        autocomplete="new-password"
                        required
                        aria-invalid=conf_invalid
                        aria-describedby=conf_described
                    />
                    <FieldError field="confirm_password" errors />
                </div>
                <button type="submit" class="button button--primary">{t!(i18n, change_password_button)}</button>
            </ActionForm>
        </div>
    }
}
