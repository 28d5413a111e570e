//! `/account/passkeys`: one's passkeys (remove one, without JavaScript too) and "Add a passkey"
//! (the browser's prompt needs JavaScript: `components::passkeys`).
use crate::api::passkeys::{RemovePasskey, list_passkeys};
use crate::components::form::{FieldError, use_form_errors};
use crate::components::passkeys::AddPasskeyForm;
use crate::domain::passkeys::PasskeyView;
use crate::i18n::*;
use crate::pages::staff::AccessDenied;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The page.
#[component]
pub fn PasskeysPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let passkeys = Resource::new_blocking(|| (), |()| list_passkeys());
    let errors = use_form_errors();
    let added = move || query.read().get("added").is_some();
    let removed = move || query.read().get("removed").is_some();
    let page = move || {
        Suspend::new(async move {
            match passkeys.await {
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok(list) => view! {
                    <FieldError field="_form" errors />
                    <PasskeyTable list=list.passkeys />
                    <h2 id="add-passkey-title">{t!(i18n, passkeys_add_title)}</h2>
                    {if list.available {
                        view! { <AddPasskeyForm /> }.into_any()
                    } else {
                        view! { <p class="page-intro">{t!(i18n, passkeys_unavailable)}</p> }
                            .into_any()
                    }}
                }
                .into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, passkeys_title).to_string() />
        <h1>{t!(i18n, passkeys_title)}</h1>
        <p class="page-intro">{t!(i18n, passkeys_intro)}</p>
        <div role="status" class="status-region">
            <Show when=added>
                <p class="form-success">{t!(i18n, passkeys_added)}</p>
            </Show>
            <Show when=removed>
                <p class="form-success">{t!(i18n, passkeys_removed)}</p>
            </Show>
        </div>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{page}</Suspense>
    }
    .into_any()
}

/// The passkeys, each with its "Remove" button.
#[component]
fn PasskeyTable(list: Vec<PasskeyView>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p class="empty-state">{t!(i18n, passkeys_none)}</p> }.into_any();
    }
    view! {
        <table class="data-table">
            <caption class="sr-only">{t!(i18n, passkeys_title)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, passkeys_col_name)}</th>
                    <th scope="col">{t!(i18n, passkeys_col_added)}</th>
                    <th scope="col">{t!(i18n, passkeys_col_used)}</th>
                    <th scope="col">
                        <span class="sr-only">{t!(i18n, col_actions)}</span>
                    </th>
                </tr>
            </thead>
            <tbody>
                {list.into_iter().map(|passkey| view! { <PasskeyRow passkey /> }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// One passkey.
#[component]
fn PasskeyRow(passkey: PasskeyView) -> impl IntoView {
    let i18n = use_i18n();
    let remove = ServerAction::<RemovePasskey>::new();
    let used = passkey.last_used.clone();
    let name = passkey.name.clone();
    view! {
        <tr>
            <td>{passkey.name}</td>
            <td>{passkey.created}</td>
            <td>
                {move || {
                    used.clone().unwrap_or_else(|| t_string!(i18n, passkeys_never).to_string())
                }}
            </td>
            <td>
                <ActionForm action=remove attr:class="inline-form">
                    <input type="hidden" name="id" value=passkey.id />
                    <button
                        type="submit"
                        class="button button--secondary"
                        aria-label=move || {
                            t_string!(i18n, passkeys_remove_label, name = name.clone()).to_string()
                        }
                    >
                        {t!(i18n, passkeys_remove)}
                    </button>
                </ActionForm>
            </td>
        </tr>
    }
}
