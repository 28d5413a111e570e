//! `/staff/contacts/:id`: edit a contact, grant or take away portal access, resend the welcome.
use super::{AccessDenied, ContactFields, ContactValues, PersonalDataSection};
use crate::api::staff::{ResendWelcome, UpdateContact, get_contact};
use crate::components::form::{FieldError, use_draft, use_form_errors};
use crate::domain::UserId;
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The contact's form and, while they have access, "Resend welcome email".
#[component]
pub fn ContactPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .map(UserId)
    };
    let save = ServerAction::<UpdateContact>::new();
    let resend = ServerAction::<ResendWelcome>::new();
    // Blocking: the page's <title> (the contact's name) is in the HTML head, also without JS.
    let contact = Resource::new_blocking(id, |id| async move {
        match id {
            Some(id) => get_contact(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    let errors = use_form_errors();
    let draft = use_draft(query);
    let saved = move || query.read().get("saved").is_some();
    let auth = expect_context::<crate::auth_context::AuthContext>();
    let is_admin = move || {
        auth.user
            .get()
            .and_then(Result::ok)
            .flatten()
            .map(|u| u.role)
            == Some(crate::domain::Role::Admin)
    };
    let sent = move || query.read().get("sent").is_some();
    let erased = move || query.read().get("erased").is_some();
    let page = move || {
        Suspend::new(async move {
            let typed = draft.await;
            match contact.await {
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok(c) => {
                    let contact_id = c.id.0;
                    let person = c.id;
                    let account_link = format!("/staff/accounts/{}", c.account_id);
                    let has_access = c.portal_access;
                    view! {
                        <p class="breadcrumb">
                            <A href=account_link>{t!(i18n, back_to_account)}</A>
                        </p>
                        <h1>{c.name.clone()}</h1>
                        <div role="status" class="status-region">
                            <Show when=saved>
                                <p class="form-success">{t!(i18n, contact_saved)}</p>
                            </Show>
                            <Show when=sent>
                                <p class="form-success">{t!(i18n, welcome_sent)}</p>
                            </Show>
                            <Show when=erased>
                                <p class="form-success">{t!(i18n, personal_data_erased)}</p>
                            </Show>
                        </div>
                        <FieldError field="_form" errors />
                        <ActionForm action=save attr:class="form">
                            <input type="hidden" name="contact_id" value=contact_id />
                            <ContactFields values=ContactValues::of(&c).typed_over(&typed) errors />
                            <button type="submit" class="button button--primary">
                                {t!(i18n, save_button)}
                            </button>
                        </ActionForm>
                        <PersonalDataSection person can_erase=is_admin() errors />
                        <Show when=move || has_access>
                            <h2 id="welcome-heading">{t!(i18n, welcome_heading)}</h2>
                            <p>{t!(i18n, welcome_explain)}</p>
                            <ActionForm action=resend attr:aria-labelledby="welcome-heading">
                                <input type="hidden" name="contact_id" value=contact_id />
                                <button type="submit" class="button button--secondary">
                                    {t!(i18n, resend_welcome_button)}
                                </button>
                            </ActionForm>
                        </Show>
                    }
                    .into_any()
                }
            }
        })
    };
    let title = move || {
        contact
            .get()
            .and_then(Result::ok)
            .map(|c| c.name)
            .unwrap_or_else(|| t_string!(i18n, contacts_title).to_string())
    };
    view! {
        <Title text=title />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{page}</Suspense>
    }
    .into_any()
}
