//! Support staff screens.
pub mod accounts;
pub mod contact;
pub mod products;
pub mod team;

use crate::components::form::{CheckboxField, InputField, SelectField};
use crate::domain::Language;
use crate::domain::staff::ContactInfo;
use crate::error::FieldErrors;
use crate::i18n::*;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Shown when a server function refused (not staff, or nothing there).
#[component]
pub fn AccessDenied() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, access_denied_title)}</h1>
        <p class="empty-state">{t!(i18n, access_denied_text)}</p>
    }
}

/// What a contact form shows: a contact's stored fields, or a new contact's defaults, with what a
/// form without JavaScript had typed before its errors laid over them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactValues {
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Language.
    pub language: Language,
    /// Portal access.
    pub portal_access: bool,
}

impl ContactValues {
    /// A new contact: empty, with portal access.
    pub fn new_contact() -> Self {
        Self {
            name: String::new(),
            email: String::new(),
            phone: String::new(),
            language: Language::default(),
            portal_access: true,
        }
    }

    /// A stored contact.
    pub fn of(c: &ContactInfo) -> Self {
        Self {
            name: c.name.clone(),
            email: c.email.clone(),
            phone: c.phone.clone(),
            language: c.language,
            portal_access: c.portal_access,
        }
    }

    /// These values with a draft's laid over them (a draft keeps only the fields that were
    /// filled, so within one, a missing field was empty, and a missing checkbox unticked).
    pub fn typed_over(self, typed: &BTreeMap<String, String>) -> Self {
        if typed.is_empty() {
            return self;
        }
        let text = |field: &str| typed.get(field).cloned().unwrap_or_default();
        Self {
            name: text("name"),
            email: text("email"),
            phone: text("phone"),
            language: typed
                .get("language")
                .and_then(|l| Language::from_code(l))
                .unwrap_or(self.language),
            portal_access: typed.contains_key("portal_access"),
        }
    }
}

/// A contact's fields: name, email, phone, language, portal access.
#[component]
pub fn ContactFields(values: ContactValues, errors: Memo<FieldErrors>) -> impl IntoView {
    let i18n = use_i18n();
    let languages = Signal::derive(|| {
        [Language::En, Language::Ru, Language::Nl]
            .into_iter()
            .map(|l| (l.code().to_string(), l.own_name().to_string()))
            .collect::<Vec<_>>()
    });
    view! {
        <InputField
            name="name"
            label=Signal::derive(move || t_string!(i18n, col_name).to_string())
            autocomplete="off"
            value=values.name
            errors
        />
        <InputField
            name="email"
            label=Signal::derive(move || t_string!(i18n, field_email).to_string())
            input_type="email"
            autocomplete="off"
            value=values.email
            errors
        />
        <InputField
            name="phone"
            label=Signal::derive(move || t_string!(i18n, field_phone).to_string())
            input_type="tel"
            autocomplete="off"
            required=false
            value=values.phone
            errors
        />
        <SelectField
            name="language"
            label=Signal::derive(move || t_string!(i18n, field_language).to_string())
            options=languages
            selected=values.language.code().to_string()
            errors
        />
        <CheckboxField
            name="portal_access"
            label=Signal::derive(move || t_string!(i18n, field_portal_access).to_string())
            checked=values.portal_access
            hint=Signal::derive(move || t_string!(i18n, portal_access_hint).to_string())
            errors
        />
    }
}

/// "Personal data" on a contact's or staff member's page: download everything Portico holds about
/// them (support staff), and erase it (admins, by typing the person's address; not oneself). The
/// page's own status region says when it was erased (`?erased=1`): one status region a page.
#[component]
pub fn PersonalDataSection(
    /// The person.
    person: crate::domain::UserId,
    /// The viewer may erase (an admin, and not this person).
    can_erase: bool,
    /// The page's errors (the confirmation field's).
    errors: Memo<FieldErrors>,
) -> impl IntoView {
    use crate::api::staff::ErasePersonalData;
    use leptos::form::ActionForm;
    let i18n = use_i18n();
    let erase = ServerAction::<ErasePersonalData>::new();
    view! {
        <section aria-labelledby="personal-data-heading">
            <h2 id="personal-data-heading">{t!(i18n, personal_data_title)}</h2>
            <p>{t!(i18n, personal_data_explain)}</p>
            <p>
                <a href=format!("/staff/people/{}/personal-data.zip", person.0) download="">
                    {t!(i18n, personal_data_download)}
                </a>
            </p>
            {can_erase
                .then(|| {
                    view! {
                        <p class="field-hint">{t!(i18n, personal_data_erase_explain)}</p>
                        <ActionForm
                            action=erase
                            attr:class="form"
                            attr:aria-labelledby="personal-data-heading"
                        >
                            <input type="hidden" name="user_id" value=person.0 />
                            <InputField
                                name="confirm_email"
                                label=Signal::derive(move || {
                                    t_string!(i18n, field_confirm_email).to_string()
                                })
                                input_type="email"
                                autocomplete="off"
                                errors
                            />
                            <button type="submit" class="button button--danger">
                                {t!(i18n, personal_data_erase)}
                            </button>
                        </ActionForm>
                    }
                })}
        </section>
    }
}
