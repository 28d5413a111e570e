//! `/staff/accounts` and `/staff/accounts/:id`: companies, their contacts, portal access and the
//! per-company limit. Staff only (the server functions check; customers see "no access").
use super::{AccessDenied, ContactFields, language_name};
use crate::api::staff::{AddContact, SetContactLimit, get_account, list_accounts};
use crate::components::form::{InputField, use_form_errors};
use crate::domain::AccountId;
use crate::domain::staff::{AccountDetail, ContactInfo};
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Every company, with how many of its contacts have portal access out of its limit.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let accounts = Resource::new(|| (), |_| list_accounts());
    let table = move || {
        Suspend::new(async move {
            match accounts.await {
                Err(_) => view! { <AccessDenied /> }.into_any(),
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
    view! {
        <Title text=move || t_string!(i18n, accounts_title).to_string() />
        <h1>{t!(i18n, accounts_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{table}</Suspense>
    }
    .into_any()
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
    let page = move || {
        Suspend::new(async move {
            match detail.await {
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok(AccountDetail {
                    account,
                    contacts,
                    can_change_limit,
                }) => {
                    let account_id = account.id;
                    let name = account.name.clone();
                    view! {
                        <p class="breadcrumb">
                            <A href="/staff/accounts">{t!(i18n, accounts_title)}</A>
                        </p>
                        <h1>{name}</h1>
                        <dl class="details">
                            <div>
                                <dt>{t!(i18n, col_phone)}</dt>
                                <dd>{account.phone}</dd>
                            </div>
                            <div>
                                <dt>{t!(i18n, col_country)}</dt>
                                <dd>{account.country}</dd>
                            </div>
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
                        <div role="status" class="status-region">
                            <Show when=added>
                                <p class="form-success">{t!(i18n, contact_added)}</p>
                            </Show>
                        </div>
                        {move || {
                            view! {
                                <ActionForm
                                    action=add
                                    attr:class="form"
                                    attr:aria-labelledby="add-contact"
                                >
                                    <input type="hidden" name="account_id" value=account_id.0 />
                                    <ContactFields contact=None errors />
                                    <button type="submit" class="button button--primary">
                                        {t!(i18n, add_contact_button)}
                                    </button>
                                </ActionForm>
                            }
                        }}
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
                                <td>{language_name(c.language)}</td>
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
