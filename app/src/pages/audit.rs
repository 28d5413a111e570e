//! `/admin/audit`: the audit log, newest first, fifty lines a page (admins only): who signed in or
//! typed a wrong password, changed a password or two-factor sign-in, added or changed staff, or
//! changed a setting; to whom, when (in the reader's time zone) and from which address.
use crate::api::staff::list_audit;
use crate::domain::audit::{AuditAction, AuditEntry};
use crate::i18n::*;
use crate::pages::staff::AccessDenied;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// What an action is called in `locale`.
fn action_text(locale: Locale, action: Option<AuditAction>) -> &'static str {
    match action {
        Some(AuditAction::SignIn) => td_string!(locale, audit_sign_in),
        Some(AuditAction::SignInFailed) => td_string!(locale, audit_sign_in_failed),
        Some(AuditAction::PasswordChanged) => td_string!(locale, audit_password_changed),
        Some(AuditAction::TwoFactorOn) => td_string!(locale, audit_two_factor_on),
        Some(AuditAction::TwoFactorOff) => td_string!(locale, audit_two_factor_off),
        Some(AuditAction::RecoveryCodesRenewed) => td_string!(locale, audit_recovery_codes_renewed),
        Some(AuditAction::PasskeyAdded) => td_string!(locale, audit_passkey_added),
        Some(AuditAction::PasskeyRemoved) => td_string!(locale, audit_passkey_removed),
        Some(AuditAction::StaffAdded) => td_string!(locale, audit_staff_added),
        Some(AuditAction::StaffChanged) => td_string!(locale, audit_staff_changed),
        Some(AuditAction::SettingChanged) => td_string!(locale, audit_setting_changed),
        Some(AuditAction::PersonalDataExported) => td_string!(locale, audit_personal_data_exported),
        Some(AuditAction::PersonalDataErased) => td_string!(locale, audit_personal_data_erased),
        Some(AuditAction::IdentityProviderAdded) => {
            td_string!(locale, audit_identity_provider_added)
        }
        Some(AuditAction::IdentityProviderChanged) => {
            td_string!(locale, audit_identity_provider_changed)
        }
        Some(AuditAction::IdentityProviderRemoved) => {
            td_string!(locale, audit_identity_provider_removed)
        }
        Some(AuditAction::TokenCreated) => td_string!(locale, audit_token_created),
        Some(AuditAction::TokenRevoked) => td_string!(locale, audit_token_revoked),
        Some(AuditAction::WebhookAdded) => td_string!(locale, audit_webhook_added),
        Some(AuditAction::WebhookChanged) => td_string!(locale, audit_webhook_changed),
        Some(AuditAction::WebhookRemoved) => td_string!(locale, audit_webhook_removed),
        None => td_string!(locale, audit_other),
    }
}

/// One row.
#[component]
fn AuditRow(entry: AuditEntry) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <tr>
            <td>{entry.at}</td>
            <td>{entry.actor}</td>
            <td>{move || action_text(i18n.get_locale(), entry.action)}</td>
            <td>{entry.subject}</td>
            <td>{entry.detail}</td>
            <td>{entry.client}</td>
        </tr>
    }
}

/// The page.
#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let before = move || {
        query
            .read()
            .get("before")
            .and_then(|b| b.parse::<i64>().ok())
    };
    let log = Resource::new_blocking(before, |before| list_audit(before, None));
    let body = move || {
        Suspend::new(async move {
            match log.await {
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok(page) => {
                    let older = page.older.map(|id| format!("/admin/audit?before={id}"));
                    view! {
                        <h1>{t!(i18n, audit_title)}</h1>
                        <p class="page-intro">{t!(i18n, audit_intro)}</p>
                        {if page.entries.is_empty() {
                            view! { <p class="empty-state">{t!(i18n, audit_empty)}</p> }.into_any()
                        } else {
                            view! {
                                <table class="data-table">
                                    <caption class="sr-only">{t!(i18n, audit_title)}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{t!(i18n, audit_col_when)}</th>
                                            <th scope="col">{t!(i18n, audit_col_who)}</th>
                                            <th scope="col">{t!(i18n, audit_col_what)}</th>
                                            <th scope="col">{t!(i18n, audit_col_whom)}</th>
                                            <th scope="col">{t!(i18n, audit_col_detail)}</th>
                                            <th scope="col">{t!(i18n, audit_col_from)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {page
                                            .entries
                                            .into_iter()
                                            .map(|entry| view! { <AuditRow entry /> })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            }
                                .into_any()
                        }}
                        {older
                            .map(|href| {
                                view! {
                                    <p>
                                        <A href=href>{t!(i18n, audit_older)}</A>
                                    </p>
                                }
                            })}
                    }
                    .into_any()
                }
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, audit_title).to_string() />
        <Suspense fallback=move || {
            view! { <p>{t!(i18n, loading)}</p> }
        }>{body}</Suspense>
    }
    .into_any()
}
