//! `/staff/accounts` and `/staff/accounts/:id`: companies (find, add, edit), their contacts,
//! portal access and the per-company limit. Staff only (the server functions check; customers see
//! "no access").
use super::{AccessDenied, ContactFields, ContactValues};
use crate::api::staff::{
    AddAccount, AddContact, SetContactLimit, UpdateAccount, get_account, list_accounts,
};
use crate::components::form::{FieldError, InputField, use_draft, use_form_errors};
use crate::domain::AccountId;
use crate::domain::staff::{AccountDetail, ContactInfo};
use crate::error::FieldErrors;
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Every company (or those the search finds), with how many of its contacts have portal access
/// out of its limit, and "New company".
#[component]
pub fn AccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let accounts = Resource::new_blocking(q, list_accounts);
    let add = ServerAction::<AddAccount>::new();
    let errors = use_form_errors();
    let draft = use_draft(query);
    let table = move || {
        Suspend::new(async move {
            match accounts.await {
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok(list) if list.is_empty() => {
                    view! { <p class="empty-state">{t!(i18n, accounts_none)}</p> }.into_any()
                }
                Ok(list) => view! {
                    <table class="data-table">
                        <caption class="sr-only">{t!(i18n, accounts_title)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, col_account)}</th>
                                <th scope="col">{t!(i18n, col_country)}</th>
                                <th scope="col">{t!(i18n, col_phone)}</th>
                                <th scope="col">{t!(i18n, col_portal_access)}</th>
                                <th scope="col">{t!(i18n, col_contacts)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list
                                .into_iter()
                                .map(|a| {
                                    view! {
                                        <tr>
                                            <td>
                                                <A href=format!("/staff/accounts/{}", a.id)>{a.name}</A>
                                            </td>
                                            <td>{a.country}</td>
                                            <td>{a.phone}</td>
                                            <td>
                                                {t!(
                                                    i18n, access_of_limit, used = a.with_access, limit = a.limit
                                                )}
                                            </td>
                                            <td>{a.contacts}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                .into_any(),
            }
        })
    };
    let new_company = move || {
        Suspend::new(async move {
            let typed = draft.await;
            let value = move |field: &str| typed.get(field).cloned().unwrap_or_default();
            view! {
                <FieldError field="_form" errors />
                <ActionForm action=add attr:class="form" attr:aria-labelledby="new-company">
                    <CompanyFields
                        name=value("company_name")
                        phone=value("company_phone")
                        country=value("company_country")
                        errors
                    />
                    <button type="submit" class="button button--primary">
                        {t!(i18n, account_add_button)}
                    </button>
                </ActionForm>
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, accounts_title).to_string() />
        <h1>{t!(i18n, accounts_title)}</h1>
        <form method="get" action="/staff/accounts" class="list-filters" role="search">
            <div class="field">
                <label for="accounts-q">{t!(i18n, accounts_search_label)}</label>
                <input id="accounts-q" type="search" name="q" value=q maxlength="100" />
            </div>
            <button type="submit" class="button button--secondary">
                {t!(i18n, accounts_search_button)}
            </button>
        </form>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{table}</Suspense>
        <h2 id="new-company">{t!(i18n, account_new_title)}</h2>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{new_company}</Suspense>
    }
    .into_any()
}

/// A company's name, phone and country, as the add and edit forms ask them.
#[component]
fn CompanyFields(
    /// The name to start with.
    name: String,
    /// The phone to start with.
    phone: String,
    /// The country to start with.
    country: String,
    /// The form's errors.
    errors: Memo<FieldErrors>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <InputField
            name="company_name"
            label=Signal::derive(move || t_string!(i18n, field_company_name).to_string())
            autocomplete="organization"
            value=name
            errors
        />
        <InputField
            name="company_phone"
            label=Signal::derive(move || t_string!(i18n, field_company_phone).to_string())
            input_type="tel"
            autocomplete="tel"
            value=phone
            required=false
            errors
        />
        <InputField
            name="company_country"
            label=Signal::derive(move || t_string!(i18n, field_country).to_string())
            autocomplete="country-name"
            value=country
            required=false
            errors
        />
    }
}

/// One company: its details, the limit (admins change it), its contacts and "Add contact".
#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .map(AccountId)
    };
    let add = ServerAction::<AddContact>::new();
    let limit = ServerAction::<SetContactLimit>::new();
    let save = ServerAction::<UpdateAccount>::new();
    let draft = use_draft(query);
    // Blocking: the page's <title> (the company's name) is in the HTML head, also without JS.
    let detail = Resource::new_blocking(id, |id| async move {
        match id {
            Some(id) => get_account(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    // The add and limit forms post plainly and come back with their fields' errors in the URL.
    let errors = use_form_errors();
    let added = move || query.read().get("added").is_some();
    let created = move || query.read().get("created").is_some();
    let saved = move || query.read().get("saved").is_some();
    let page = move || {
        Suspend::new(async move {
            let typed = draft.await;
            match detail.await {
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok(AccountDetail {
                    account,
                    contacts,
                    can_change_limit,
                }) => {
                    let account_id = account.id;
                    let name = account.name.clone();
                    // What was typed before an error wins over what is stored.
                    let typed_or = |field: &str, stored: &str| {
                        typed
                            .get(field)
                            .cloned()
                            .unwrap_or_else(|| stored.to_string())
                    };
                    // The draft is the failed form's: the company's fields, or a new contact's.
                    let new_contact = if typed.contains_key("email") || typed.contains_key("name") {
                        ContactValues::new_contact().typed_over(&typed)
                    } else {
                        ContactValues::new_contact()
                    };
                    let (edit_name, edit_phone, edit_country) = (
                        typed_or("company_name", &account.name),
                        typed_or("company_phone", &account.phone),
                        typed_or("company_country", &account.country),
                    );
                    view! {
                        <p class="breadcrumb">
                            <A href="/staff/accounts">{t!(i18n, accounts_title)}</A>
                        </p>
                        <h1>{name}</h1>
                        <p>
                            <a
                                class="button button--secondary"
                                href=format!("/cases/new?account={}", account_id.0)
                            >
                                {t!(i18n, log_case_link)}
                            </a>
                        </p>
                        <div role="status" class="status-region">
                            <Show when=created>
                                <p class="form-success">{t!(i18n, account_added)}</p>
                            </Show>
                            <Show when=saved>
                                <p class="form-success">{t!(i18n, account_saved)}</p>
                            </Show>
                            <Show when=added>
                                <p class="form-success">{t!(i18n, contact_added)}</p>
                            </Show>
                        </div>
                        <h2 id="company">{t!(i18n, account_edit_title)}</h2>
                        <ActionForm action=save attr:class="form" attr:aria-labelledby="company">
                            <input type="hidden" name="account_id" value=account_id.0 />
                            <CompanyFields
                                name=edit_name
                                phone=edit_phone
                                country=edit_country
                                errors
                            />
                            <button type="submit" class="button button--primary">
                                {t!(i18n, save_button)}
                            </button>
                        </ActionForm>
                        <dl class="details">
                            <div>
                                <dt>{t!(i18n, col_portal_access)}</dt>
                                <dd>
                                    {t!(
                                        i18n, access_of_limit, used = account.with_access, limit = account.limit
                                    )}
                                </dd>
                            </div>
                        </dl>
                        <Show when=move || can_change_limit>
                            <ActionForm action=limit attr:class="form form--inline">
                                <input type="hidden" name="account_id" value=account_id.0 />
                                <InputField
                                    name="limit"
                                    label=Signal::derive(move || {
                                        t_string!(i18n, field_contact_limit).to_string()
                                    })
                                    input_type="number"
                                    autocomplete="off"
                                    value=account.limit.to_string()
                                    errors
                                />
                                <button type="submit" class="button button--secondary">
                                    {t!(i18n, save_limit_button)}
                                </button>
                            </ActionForm>
                        </Show>
                        <h2>{t!(i18n, contacts_title)}</h2>
                        <ContactsTable contacts />
                        <h2 id="add-contact">{t!(i18n, add_contact_title)}</h2>
                        <ActionForm action=add attr:class="form" attr:aria-labelledby="add-contact">
                            <input type="hidden" name="account_id" value=account_id.0 />
                            <ContactFields values=new_contact errors />
                            <button type="submit" class="button button--primary">
                                {t!(i18n, add_contact_button)}
                            </button>
                        </ActionForm>
                    }
                    .into_any()
                }
            }
        })
    };
    let title = move || {
        detail
            .get()
            .and_then(Result::ok)
            .map(|d| d.account.name)
            .unwrap_or_else(|| t_string!(i18n, accounts_title).to_string())
    };
    view! {
        <Title text=title />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{page}</Suspense>
    }
    .into_any()
}

/// A company's contacts.
#[component]
fn ContactsTable(contacts: Vec<ContactInfo>) -> impl IntoView {
    let i18n = use_i18n();
    if contacts.is_empty() {
        return view! { <p class="empty-state">{t!(i18n, contacts_empty)}</p> }.into_any();
    }
    view! {
        <table class="data-table">
            <caption class="sr-only">{t!(i18n, contacts_title)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, col_name)}</th>
                    <th scope="col">{t!(i18n, field_email)}</th>
                    <th scope="col">{t!(i18n, col_phone)}</th>
                    <th scope="col">{t!(i18n, field_language)}</th>
                    <th scope="col">{t!(i18n, col_portal_access)}</th>
                </tr>
            </thead>
            <tbody>
                {contacts
                    .into_iter()
                    .map(|c| {
                        let status = move || {
                            if !c.portal_access {
                                t_string!(i18n, access_none).to_string()
                            } else if c.has_password {
                                t_string!(i18n, access_active).to_string()
                            } else {
                                t_string!(i18n, access_invited).to_string()
                            }
                        };
                        view! {
                            <tr>
                                <td>
                                    <A href=format!("/staff/contacts/{}", c.id)>{c.name.clone()}</A>
                                </td>
                                <td>{c.email.clone()}</td>
                                <td>{c.phone.clone()}</td>
                                <td>{c.language.own_name()}</td>
                                <td>{status}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
