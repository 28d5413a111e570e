//! Support staff screens.
pub mod accounts;
pub mod contact;

use crate::components::form::{CheckboxField, InputField, SelectField};
use crate::domain::Language;
use crate::domain::staff::ContactInfo;
use crate::error::FieldErrors;
use crate::i18n::*;
use leptos::prelude::*;

/// Shown when a server function refused (not staff, or nothing there).
#[component]
pub fn AccessDenied() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, access_denied_title)}</h1>
        <p class="empty-state">{t!(i18n, access_denied_text)}</p>
    }
}

/// A language's own name (the same in every UI language, as language pickers do).
pub fn language_name(language: Language) -> &'static str {
    match language {
        Language::En => "English",
        Language::Ru => "Русский",
        Language::Nl => "Nederlands",
    }
}

/// A contact's fields: name, email, phone, language, portal access. Empty for a new contact.
#[component]
pub fn ContactFields(contact: Option<ContactInfo>, errors: Memo<FieldErrors>) -> impl IntoView {
    let i18n = use_i18n();
    let languages = Signal::derive(|| {
        [Language::En, Language::Ru, Language::Nl]
            .into_iter()
            .map(|l| (l.code().to_string(), language_name(l).to_string()))
            .collect::<Vec<_>>()
    });
    let c = contact.clone();
    view! {
        <InputField
            name="name"
            label=Signal::derive(move || t_string!(i18n, col_name).to_string())
            autocomplete="off"
            value=c.as_ref().map(|c| c.name.clone()).unwrap_or_default()
            errors
        />
        <InputField
            name="email"
            label=Signal::derive(move || t_string!(i18n, field_email).to_string())
            input_type="email"
            autocomplete="off"
            value=c.as_ref().map(|c| c.email.clone()).unwrap_or_default()
            errors
        />
        <InputField
            name="phone"
            label=Signal::derive(move || t_string!(i18n, field_phone).to_string())
            input_type="tel"
            autocomplete="off"
            required=false
            value=c.as_ref().map(|c| c.phone.clone()).unwrap_or_default()
            errors
        />
        <SelectField
            name="language"
            label=Signal::derive(move || t_string!(i18n, field_language).to_string())
            options=languages
            selected=c.as_ref().map(|c| c.language).unwrap_or_default().code().to_string()
            errors
        />
        <CheckboxField
            name="portal_access"
            label=Signal::derive(move || t_string!(i18n, field_portal_access).to_string())
            checked=c.as_ref().is_none_or(|c| c.portal_access)
            hint=Signal::derive(move || t_string!(i18n, portal_access_hint).to_string())
            errors
        />
    }
}
