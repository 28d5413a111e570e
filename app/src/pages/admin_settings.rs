//! `/admin/settings`: the portal's settings for administrators: the support phone number and email
//! address that the sign-in page, the home page, the footer and the access emails show
//! (`PORTICO_SUPPORT_PHONE` and `PORTICO_SUPPORT_ADDRESS` until an admin sets them here).
use crate::api::support::{
    SaveSupportSettings, SaveTwoFactorRule, get_support_settings, get_two_factor_rule,
};
use crate::components::form::{CheckboxField, InputField, SettingsCard, use_form_errors};
use crate::i18n::*;
use crate::pages::staff::AccessDenied;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveSupportSettings>::new();
    let errors = use_form_errors();
    let rule_action = ServerAction::<SaveTwoFactorRule>::new();
    let current = Resource::new_blocking(|| (), |()| get_support_settings());
    let rule = Resource::new_blocking(|| (), |()| get_two_factor_rule());
    let form = move || {
        Suspend::new(async move {
            match (current.await, rule.await) {
                (Err(_), _) | (_, Err(_)) => view! { <AccessDenied /> }.into_any(),
                (Ok(now), Ok(required)) => view! {
                    <ActionForm action attr:class="form">
                        <InputField
                            name="phone"
                            label=Signal::derive(move || {
                                t_string!(i18n, field_support_phone).to_string()
                            })
                            input_type="tel"
                            autocomplete="off"
                            value=now.phone
                            errors
                        />
                        <InputField
                            name="email"
                            label=Signal::derive(move || {
                                t_string!(i18n, field_support_email).to_string()
                            })
                            input_type="email"
                            autocomplete="off"
                            value=now.email
                            errors
                        />
                        <p class="field-hint">{t!(i18n, support_settings_hint)}</p>
                        <button type="submit" class="button button--primary">
                            {t!(i18n, update_submit)}
                        </button>
                    </ActionForm>
                    <h2>{t!(i18n, sign_in_rules_title)}</h2>
                    <ActionForm action=rule_action attr:class="form">
                        <CheckboxField
                            name="require_staff_two_factor"
                            label=Signal::derive(move || {
                                t_string!(i18n, require_staff_two_factor).to_string()
                            })
                            checked=required
                            hint=Signal::derive(move || {
                                t_string!(i18n, require_staff_two_factor_hint).to_string()
                            })
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
            title=Signal::derive(move || t_string!(i18n, support_settings_title).to_string())
            intro=Signal::derive(move || t_string!(i18n, support_settings_intro).to_string())
            saved_text=Signal::derive(move || t_string!(i18n, settings_saved).to_string())
            errors
        >
            {form}
        </SettingsCard>
    }
    .into_any()
}
