//! `/account/tokens`: one's personal access tokens for the REST API: the list (revoke one), a form to
//! make one, and a new token shown once.
use crate::api::tokens::{CreateApiToken, RevokeApiToken, list_api_tokens};
use crate::components::form::{FieldError, InputField, SelectField, use_draft, use_form_errors};
use crate::domain::tokens::{TokenScope, TokenView};
use crate::i18n::*;
use crate::pages::staff::AccessDenied;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The page.
#[component]
pub fn TokensPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let tokens = Resource::new_blocking(|| (), |()| list_api_tokens());
    let create = ServerAction::<CreateApiToken>::new();
    let errors = use_form_errors();
    let draft = use_draft(query);
    let revoked = move || query.read().get("revoked").is_some();
    let page = move || {
        Suspend::new(async move {
            let kept = draft.await;
            let new_token = kept.get("token").cloned();
            let name = kept.get("token_name").cloned().unwrap_or_default();
            match tokens.await {
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok(list) => view! {
                    {new_token
                        .map(|token| {
                            view! {
                                <section class="token-created" aria-labelledby="new-token">
                                    <h2 id="new-token">{t!(i18n, tokens_created_title)}</h2>
                                    <p>{t!(i18n, tokens_created_text)}</p>
                                    <p>
                                        <code class="token-created__value">{token}</code>
                                    </p>
                                </section>
                            }
                        })}
                    <TokenTable list />
                    <h2 id="make-token">{t!(i18n, tokens_new_title)}</h2>
                    <FieldError field="_form" errors />
                    <ActionForm action=create attr:class="form" attr:aria-labelledby="make-token">
                        <InputField
                            name="token_name"
                            label=Signal::derive(move || {
                                t_string!(i18n, tokens_field_name).to_string()
                            })
                            autocomplete="off"
                            value=name
                            errors
                        />
                        <SelectField
                            name="scope"
                            label=Signal::derive(move || {
                                t_string!(i18n, tokens_field_scope).to_string()
                            })
                            options=Signal::derive(move || {
                                vec![
                                    (
                                        "read".to_string(),
                                        t_string!(i18n, tokens_scope_read).to_string(),
                                    ),
                                    (
                                        "write".to_string(),
                                        t_string!(i18n, tokens_scope_write).to_string(),
                                    ),
                                ]
                            })
                            selected="read".to_string()
                            errors
                        />
                        <SelectField
                            name="days"
                            label=Signal::derive(move || {
                                t_string!(i18n, tokens_field_days).to_string()
                            })
                            options=Signal::derive(move || {
                                vec![
                                    ("30".to_string(), t_string!(i18n, tokens_days_30).to_string()),
                                    ("90".to_string(), t_string!(i18n, tokens_days_90).to_string()),
                                    (
                                        "365".to_string(),
                                        t_string!(i18n, tokens_days_365).to_string(),
                                    ),
                                    ("0".to_string(), t_string!(i18n, tokens_days_0).to_string()),
                                ]
                            })
                            selected="90".to_string()
                            errors
                        />
                        <button type="submit" class="button button--primary">
                            {t!(i18n, tokens_create)}
                        </button>
                    </ActionForm>
                }
                .into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, tokens_title).to_string() />
        <h1>{t!(i18n, tokens_title)}</h1>
        <p class="page-intro">{t!(i18n, tokens_intro)}</p>
        <p>
            <a href="/developers/api">{t!(i18n, tokens_reference_link)}</a>
        </p>
        <div role="status" class="status-region">
            <Show when=revoked>
                <p class="form-success">{t!(i18n, tokens_revoked)}</p>
            </Show>
        </div>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{page}</Suspense>
    }
    .into_any()
}

/// The tokens, each with its "Revoke" button.
#[component]
fn TokenTable(list: Vec<TokenView>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p class="empty-state">{t!(i18n, tokens_none)}</p> }.into_any();
    }
    view! {
        <table class="data-table">
            <caption class="sr-only">{t!(i18n, tokens_title)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, tokens_col_name)}</th>
                    <th scope="col">{t!(i18n, tokens_col_scope)}</th>
                    <th scope="col">{t!(i18n, tokens_col_created)}</th>
                    <th scope="col">{t!(i18n, tokens_col_expires)}</th>
                    <th scope="col">{t!(i18n, tokens_col_used)}</th>
                    <th scope="col">
                        <span class="sr-only">{t!(i18n, col_actions)}</span>
                    </th>
                </tr>
            </thead>
            <tbody>
                {list.into_iter().map(|token| view! { <TokenRow token /> }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// One token.
#[component]
fn TokenRow(token: TokenView) -> impl IntoView {
    let i18n = use_i18n();
    let revoke = ServerAction::<RevokeApiToken>::new();
    let scope = token.scope;
    let expires = token.expires.clone();
    let used = token.last_used.clone();
    let name = token.name.clone();
    view! {
        <tr>
            <td>{token.name}</td>
            <td>
                {move || match scope {
                    TokenScope::Read => t_string!(i18n, tokens_scope_read).to_string(),
                    TokenScope::Write => t_string!(i18n, tokens_scope_write).to_string(),
                }}
            </td>
            <td>{token.created}</td>
            <td>
                {move || {
                    expires.clone().unwrap_or_else(|| t_string!(i18n, tokens_no_expiry).to_string())
                }}
            </td>
            <td>
                {move || {
                    used.clone().unwrap_or_else(|| t_string!(i18n, tokens_never).to_string())
                }}
            </td>
            <td>
                <ActionForm action=revoke attr:class="inline-form">
                    <input type="hidden" name="id" value=token.id />
                    <button
                        type="submit"
                        class="button button--secondary"
                        aria-label=move || {
                            t_string!(i18n, tokens_revoke_label, name = name.clone()).to_string()
                        }
                    >
                        {t!(i18n, tokens_revoke)}
                    </button>
                </ActionForm>
            </td>
        </tr>
    }
}
