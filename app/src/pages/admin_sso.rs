//! `/admin/sign-in` and `/admin/sign-in/:id`: the identity providers people may sign in with
//! (single sign-on, OpenID Connect). Admins only (the server functions check; anyone else sees
//! "no access"). The list, a form to add one, and each provider's page to change or remove it.
use crate::api::sso::{
    PAGE, RemoveIdentityProvider, SaveIdentityProvider, get_identity_provider,
    list_identity_providers,
};
use crate::components::form::{CheckboxField, FieldError, InputField, use_draft, use_form_errors};
use crate::domain::IdentityProviderId;
use crate::domain::sso::ProviderView;
use crate::error::FieldErrors;
use crate::i18n::*;
use crate::pages::staff::AccessDenied;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::BTreeMap;

/// The list of providers and the form to add one.
#[component]
pub fn IdentityProvidersPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let providers = Resource::new_blocking(|| (), |()| list_identity_providers());
    let blank = Resource::new_blocking(|| (), |()| get_identity_provider(None));
    let errors = use_form_errors();
    let draft = use_draft(query);
    let removed = move || query.read().get("removed").is_some();
    let table = move || {
        Suspend::new(async move {
            match providers.await {
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok(list) if list.is_empty() => {
                    view! { <p class="empty-state">{t!(i18n, sso_none)}</p> }.into_any()
                }
                Ok(list) => view! {
                    <table class="data-table">
                        <caption class="sr-only">{t!(i18n, sso_title)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, sso_col_provider)}</th>
                                <th scope="col">{t!(i18n, sso_col_issuer)}</th>
                                <th scope="col">{t!(i18n, sso_col_domains)}</th>
                                <th scope="col">{t!(i18n, col_status)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list
                                .into_iter()
                                .map(|p| {
                                    let link = p
                                        .id
                                        .map(|id| format!("{PAGE}/{id}"))
                                        .unwrap_or_default();
                                    let active = p.active;
                                    view! {
                                        <tr>
                                            <td>
                                                <A href=link>{p.name}</A>
                                            </td>
                                            <td>{p.issuer}</td>
                                            <td>{p.allowed_domains}</td>
                                            <td>
                                                {move || {
                                                    if active {
                                                        t_string!(i18n, sso_active).to_string()
                                                    } else {
                                                        t_string!(i18n, sso_inactive).to_string()
                                                    }
                                                }}
                                            </td>
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
    let form = move || {
        Suspend::new(async move {
            let typed = draft.await;
            match blank.await {
                Err(_) => ().into_any(),
                Ok(view) => view! {
                    <h2 id="new-provider">{t!(i18n, sso_add_title)}</h2>
                    <ProviderForm view typed errors />
                }
                .into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, sso_title).to_string() />
        <h1>{t!(i18n, sso_title)}</h1>
        <p class="page-intro">{t!(i18n, sso_intro)}</p>
        <div role="status" class="status-region">
            <Show when=removed>
                <p class="form-success">{t!(i18n, sso_removed)}</p>
            </Show>
        </div>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{table}</Suspense>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{form}</Suspense>
    }
    .into_any()
}

/// One provider: change it, or remove it.
#[component]
pub fn IdentityProviderPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .map(IdentityProviderId)
    };
    let provider = Resource::new_blocking(id, |id| async move {
        match id {
            Some(id) => get_identity_provider(Some(id)).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    let remove = ServerAction::<RemoveIdentityProvider>::new();
    let errors = use_form_errors();
    let draft = use_draft(query);
    let saved = move || query.read().get("saved").is_some();
    let page = move || {
        Suspend::new(async move {
            let typed = draft.await;
            match provider.await {
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok(view) => {
                    let name = view.name.clone();
                    let id = view.id.map(|id| id.0).unwrap_or_default();
                    view! {
                        <p class="breadcrumb">
                            <A href=PAGE>{t!(i18n, sso_back)}</A>
                        </p>
                        <h1>{name}</h1>
                        <div role="status" class="status-region">
                            <Show when=saved>
                                <p class="form-success">{t!(i18n, sso_saved)}</p>
                            </Show>
                        </div>
                        <ProviderForm view typed errors />
                        <h2 id="remove-provider">{t!(i18n, sso_remove_title)}</h2>
                        <p>{t!(i18n, sso_remove_text)}</p>
                        <ActionForm
                            action=remove
                            attr:class="form"
                            attr:aria-labelledby="remove-provider"
                        >
                            <input type="hidden" name="id" value=id />
                            <button type="submit" class="button button--danger">
                                {t!(i18n, sso_remove_button)}
                            </button>
                        </ActionForm>
                    }
                    .into_any()
                }
            }
        })
    };
    // Outside the Suspense, as on the case page: a `<Title>` inside it may register after the
    // server has already sent the `<head>`, and the page would have no title without JavaScript.
    let title = move || {
        provider
            .get()
            .and_then(Result::ok)
            .map(|p| p.name)
            .unwrap_or_else(|| t_string!(i18n, sso_title).to_string())
    };
    view! {
        <Title text=title />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{page}</Suspense>
    }
    .into_any()
}

/// The provider's fields (a new one's, or a saved one's), with what a form without JavaScript had
/// typed before its errors laid over them.
#[component]
fn ProviderForm(
    view: ProviderView,
    typed: BTreeMap<String, String>,
    errors: Memo<FieldErrors>,
) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveIdentityProvider>::new();
    let value = |field: &str, saved: &str| typed.get(field).cloned().unwrap_or(saved.to_string());
    let ticked = |field: &str, saved: bool| typed.get(field).map(|v| v == "on").unwrap_or(saved);
    let chosen: Option<Vec<String>> = typed
        .get("companies")
        .map(|c| c.split(' ').map(str::to_owned).collect());
    let is_new = view.id.is_none();
    let name = value("name", &view.name);
    let issuer = value("issuer", &view.issuer);
    let client_id = value("client_id", &view.client_id);
    let domains = value("allowed_domains", &view.allowed_domains);
    let for_staff = ticked("for_staff", view.for_staff);
    let active = ticked("active", view.active);
    let id = view.id.map(|id| id.0.to_string());
    let redirect_uri = view.redirect_uri.clone();
    let companies = view
        .companies
        .into_iter()
        .map(|c| {
            let checked = match &chosen {
                Some(list) => list.contains(&c.id.0.to_string()),
                None => c.chosen,
            };
            let input_id = format!("company-{}", c.id);
            view! {
                <div class="field__check">
                    <input
                        id=input_id.clone()
                        name="companies[]"
                        type="checkbox"
                        value=c.id.0
                        checked=checked
                    />
                    <label for=input_id>{c.name}</label>
                </div>
            }
        })
        .collect_view();
    let secret_hint = move || {
        if is_new {
            t_string!(i18n, sso_secret_hint_new).to_string()
        } else {
            t_string!(i18n, sso_secret_hint_keep).to_string()
        }
    };
    view! {
        <FieldError field="_form" errors />
        <ActionForm action=save attr:class="form">
            {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
            <InputField
                name="name"
                label=Signal::derive(move || t_string!(i18n, sso_field_name).to_string())
                autocomplete="off"
                value=name
                errors
            />
            <InputField
                name="issuer"
                label=Signal::derive(move || t_string!(i18n, sso_field_issuer).to_string())
                hint=Signal::derive(move || t_string!(i18n, sso_issuer_hint).to_string())
                input_type="url"
                autocomplete="off"
                value=issuer
                errors
            />
            <InputField
                name="client_id"
                label=Signal::derive(move || t_string!(i18n, sso_field_client_id).to_string())
                autocomplete="off"
                value=client_id
                errors
            />
            <InputField
                name="client_secret"
                label=Signal::derive(move || t_string!(i18n, sso_field_client_secret).to_string())
                hint=Signal::derive(secret_hint)
                input_type="password"
                autocomplete="new-password"
                required=is_new
                errors
            />
            <InputField
                name="allowed_domains"
                label=Signal::derive(move || t_string!(i18n, sso_field_domains).to_string())
                hint=Signal::derive(move || t_string!(i18n, sso_domains_hint).to_string())
                autocomplete="off"
                value=domains
                errors
            />
            <CheckboxField
                name="for_staff"
                label=Signal::derive(move || t_string!(i18n, sso_field_for_staff).to_string())
                checked=for_staff
                errors
            />
            <fieldset class="field field--group" aria-describedby="companies-hint">
                <legend>{t!(i18n, sso_companies_legend)}</legend>
                <p class="field-hint" id="companies-hint">
                    {t!(i18n, sso_companies_hint)}
                </p>
                {companies}
                <FieldError field="companies" errors />
            </fieldset>
            <CheckboxField
                name="active"
                label=Signal::derive(move || t_string!(i18n, sso_field_active).to_string())
                checked=active
                errors
            />
            <p class="field-hint">{t!(i18n, sso_redirect_label)} " " <code>{redirect_uri}</code></p>
            <button type="submit" class="button button--primary">
                {t!(i18n, sso_save)}
            </button>
        </ActionForm>
    }
}
