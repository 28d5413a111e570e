//! Support's "Edit case" on the case page: subject, description, product, country and contact
//! (one of the company's). A plain form that works without JavaScript; after an error it comes
//! back with what was typed (a draft, see `backend::forms`).
use crate::api::desk::EditCase;
use crate::components::form::{
    FieldError, InputField, SelectField, TextAreaField, use_form_errors,
};
use crate::domain::UserId;
use crate::domain::cases::{COUNTRY_MAX, DESCRIPTION_MAX};
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The case's own fields as the form starts with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditValues {
    /// Subject.
    pub subject: String,
    /// Description.
    pub description: String,
    /// Product name.
    pub product: String,
    /// Country.
    pub country: String,
    /// Contact.
    pub contact: UserId,
}

/// "Edit case" (support staff).
#[component]
pub fn CaseEditForm(
    /// The case number.
    number: String,
    /// The fields now.
    values: EditValues,
    /// The company's contacts (id, name).
    contacts: Vec<(UserId, String)>,
    /// What was typed before an error came back (made by the page: see `CasePage`).
    draft: Resource<std::collections::BTreeMap<String, String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<EditCase>::new();
    let errors = use_form_errors();
    let query = use_query_map();
    let saved = move || query.read().get("edited").is_some();
    let options: Vec<(String, String)> = contacts
        .iter()
        .map(|(id, name)| (id.0.to_string(), name.clone()))
        .collect();
    let form = move || {
        let number = number.clone();
        let values = values.clone();
        let options = options.clone();
        Suspend::new(async move {
            let typed = draft.await;
            let pick = move |field: &str, now: &str| {
                typed.get(field).cloned().unwrap_or_else(|| now.to_string())
            };
            let contact = pick("contact", &values.contact.0.to_string());
            view! {
                <ActionForm action attr:class="form">
                    <input type="hidden" name="number" value=number />
                    <FieldError field="_form" errors />
                    <InputField
                        name="subject"
                        label=Signal::derive(move || t_string!(i18n, field_subject).to_string())
                        input_type="text"
                        autocomplete="off"
                        value=pick("subject", &values.subject)
                        required=true
                        errors
                    />
                    <TextAreaField
                        name="description"
                        id="edit-description"
                        label=Signal::derive(move || {
                            t_string!(i18n, field_description).to_string()
                        })
                        rows=5
                        max_chars=DESCRIPTION_MAX
                        value=pick("description", &values.description)
                        errors
                    />
                    <InputField
                        name="product"
                        label=Signal::derive(move || t_string!(i18n, field_product).to_string())
                        input_type="text"
                        autocomplete="off"
                        value=pick("product", &values.product)
                        required=false
                        hint=Signal::derive(move || t_string!(i18n, edit_product_hint).to_string())
                        errors
                    />
                    <InputField
                        name="country"
                        label=Signal::derive(move || t_string!(i18n, field_country).to_string())
                        input_type="text"
                        autocomplete="off"
                        value=pick("country", &values.country)
                        required=false
                        hint=Signal::derive(move || {
                            t_string!(i18n, edit_country_hint, max = COUNTRY_MAX).to_string()
                        })
                        errors
                    />
                    <SelectField
                        name="contact"
                        label=Signal::derive(move || t_string!(i18n, col_contact).to_string())
                        options=Signal::derive(move || options.clone())
                        selected=contact
                        errors
                    />
                    <button type="submit" class="button button--primary">
                        {t!(i18n, update_submit)}
                    </button>
                </ActionForm>
            }
        })
    };
    view! {
        <section id="edit" aria-labelledby="edit-title" class="related">
            <h2 id="edit-title">{t!(i18n, edit_heading)}</h2>
            <p role="status" class="form-status">
                {move || saved().then_some(t!(i18n, edit_saved))}
            </p>
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{form}</Suspense>
        </section>
    }
}
