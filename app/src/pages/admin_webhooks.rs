//! `/admin/webhooks` and `/admin/webhooks/:id`: the URLs Portico posts events of cases to, signed
//! (admins only: the server functions check; anyone else sees "no access"). The list with a form
//! to add one, and each webhook's page: its form, its signing secret, the latest deliveries with
//! "Send again", and removal.
use crate::api::webhooks::{
    PAGE, RemoveWebhook, SaveWebhook, SendWebhookAgain, get_webhook, list_webhooks,
};
use crate::components::form::{CheckboxField, FieldError, InputField, use_draft, use_form_errors};
use crate::domain::WebhookId;
use crate::domain::webhooks::{DeliveryStatus, DeliveryView, WebhookEvent, WebhookView};
use crate::error::FieldErrors;
use crate::i18n::*;
use crate::pages::staff::AccessDenied;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::BTreeMap;

/// An event as admins read it.
fn event_label(locale: Locale, event: WebhookEvent) -> &'static str {
    match event {
        WebhookEvent::CaseCreated => td_string!(locale, webhook_event_case_created),
        WebhookEvent::CaseUpdated => td_string!(locale, webhook_event_case_updated),
        WebhookEvent::CaseCommented => td_string!(locale, webhook_event_case_commented),
        WebhookEvent::CaseSolved => td_string!(locale, webhook_event_case_solved),
        WebhookEvent::CaseClosed => td_string!(locale, webhook_event_case_closed),
        WebhookEvent::SurveyAnswered => td_string!(locale, webhook_event_survey_answered),
    }
}

/// The list of webhooks and the form to add one.
#[component]
pub fn WebhooksPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let hooks = Resource::new_blocking(|| (), |()| list_webhooks());
    let blank = Resource::new_blocking(|| (), |()| get_webhook(None));
    let errors = use_form_errors();
    let draft = use_draft(query);
    let removed = move || query.read().get("removed").is_some();
    let table = move || {
        Suspend::new(async move {
            match hooks.await {
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok(list) if list.is_empty() => {
                    view! { <p class="empty-state">{t!(i18n, webhooks_none)}</p> }.into_any()
                }
                Ok(list) => view! {
                    <table class="data-table">
                        <caption class="sr-only">{t!(i18n, webhooks_title)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, webhooks_col_url)}</th>
                                <th scope="col">{t!(i18n, webhooks_col_events)}</th>
                                <th scope="col">{t!(i18n, col_status)}</th>
                                <th scope="col">{t!(i18n, webhooks_col_failing)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list.into_iter().map(|w| view! { <WebhookRow w /> }).collect_view()}
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
                Ok(page) => view! {
                    <h2 id="new-webhook">{t!(i18n, webhooks_add_title)}</h2>
                    <WebhookForm view=page.webhook typed errors />
                }
                .into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, webhooks_title).to_string() />
        <h1>{t!(i18n, webhooks_title)}</h1>
        <p class="page-intro">{t!(i18n, webhooks_intro)}</p>
        <div role="status" class="status-region">
            <Show when=removed>
                <p class="form-success">{t!(i18n, webhooks_removed)}</p>
            </Show>
        </div>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{table}</Suspense>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{form}</Suspense>
    }
    .into_any()
}

/// One webhook in the list.
#[component]
fn WebhookRow(w: WebhookView) -> impl IntoView {
    let i18n = use_i18n();
    let link = w.id.map(|id| format!("{PAGE}/{id}")).unwrap_or_default();
    let events = w.events.clone();
    let active = w.active;
    view! {
        <tr>
            <td>
                <A href=link>{w.url}</A>
                {(!w.description.is_empty())
                    .then(|| view! { <span class="cell-note">{w.description.clone()}</span> })}
            </td>
            <td>
                {move || {
                    let locale = i18n.get_locale();
                    events.iter().map(|e| event_label(locale, *e)).collect::<Vec<_>>().join(", ")
                }}
            </td>
            <td>
                {move || {
                    if active {
                        t_string!(i18n, webhooks_active).to_string()
                    } else {
                        t_string!(i18n, webhooks_paused).to_string()
                    }
                }}
            </td>
            <td>{w.failing}</td>
        </tr>
    }
}

/// One webhook: change it, see its deliveries, send one again, or remove it.
#[component]
pub fn WebhookPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .map(WebhookId)
    };
    let page = Resource::new_blocking(id, |id| async move {
        match id {
            Some(id) => get_webhook(Some(id)).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    let remove = ServerAction::<RemoveWebhook>::new();
    let errors = use_form_errors();
    let draft = use_draft(query);
    let saved = move || query.read().get("saved").is_some();
    let resent = move || query.read().get("resent").is_some();
    let body = move || {
        Suspend::new(async move {
            let typed = draft.await;
            match page.await {
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok(page) => {
                    let url = page.webhook.url.clone();
                    let id = page.webhook.id.map(|id| id.0).unwrap_or_default();
                    let secret = page.webhook.secret.clone();
                    view! {
                        <p class="breadcrumb">
                            <A href=PAGE>{t!(i18n, webhooks_back)}</A>
                        </p>
                        <h1>{url}</h1>
                        <div role="status" class="status-region">
                            <Show when=saved>
                                <p class="form-success">{t!(i18n, webhooks_saved)}</p>
                            </Show>
                            <Show when=resent>
                                <p class="form-success">{t!(i18n, webhooks_resent)}</p>
                            </Show>
                        </div>
                        <FieldError field="_form" errors />
                        <div class="field">
                            <label for="webhook-secret">{t!(i18n, webhooks_secret_label)}</label>
                            <input
                                id="webhook-secret"
                                class="secret"
                                type="text"
                                readonly
                                value=secret
                                autocomplete="off"
                                spellcheck="false"
                                aria-describedby="webhook-secret-hint"
                            />
                            <p class="field-hint" id="webhook-secret-hint">
                                {t!(i18n, webhooks_secret_hint)}
                            </p>
                        </div>
                        <h2 id="webhook-log">{t!(i18n, webhooks_log_title)}</h2>
                        <DeliveryLog webhook=id deliveries=page.deliveries />
                        <h2 id="webhook-settings">{t!(i18n, webhooks_settings_title)}</h2>
                        <WebhookForm view=page.webhook typed errors />
                        <h2 id="remove-webhook">{t!(i18n, webhooks_remove_title)}</h2>
                        <p>{t!(i18n, webhooks_remove_text)}</p>
                        <ActionForm
                            action=remove
                            attr:class="form"
                            attr:aria-labelledby="remove-webhook"
                        >
                            <input type="hidden" name="id" value=id />
                            <button type="submit" class="button button--danger">
                                {t!(i18n, webhooks_remove_button)}
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
        page.get()
            .and_then(Result::ok)
            .map(|p| p.webhook.url)
            .unwrap_or_else(|| t_string!(i18n, webhooks_title).to_string())
    };
    view! {
        <Title text=title />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Suspense>
    }
    .into_any()
}

/// The latest deliveries, newest first, each with "Send again".
#[component]
fn DeliveryLog(webhook: i64, deliveries: Vec<DeliveryView>) -> impl IntoView {
    let i18n = use_i18n();
    if deliveries.is_empty() {
        return view! { <p class="empty-state">{t!(i18n, webhooks_log_none)}</p> }.into_any();
    }
    let again = ServerAction::<SendWebhookAgain>::new();
    let rows = deliveries
        .into_iter()
        .map(|d| {
            let event = WebhookEvent::from_code(&d.event);
            let code = d.event.clone();
            let status = d.status;
            let detail = match (d.response_status, d.last_error.clone()) {
                (_, Some(error)) => error,
                (Some(code), None) => format!("HTTP {code}"),
                (None, None) => String::new(),
            };
            let case = d.case.clone().map(|n| {
                let href = format!("/cases/{n}");
                view! { <A href=href>{n}</A> }
            });
            let delivery = d.id.0;
            view! {
                <tr>
                    <td>
                        {move || {
                            event
                                .map(|e| event_label(i18n.get_locale(), e).to_string())
                                .unwrap_or_else(|| code.clone())
                        }}
                    </td>
                    <td>{case}</td>
                    <td>{d.tried.clone().unwrap_or(d.created.clone())}</td>
                    <td>
                        <span class=format!(
                            "delivery-status delivery-status--{}",
                            match status {
                                DeliveryStatus::Pending => "pending",
                                DeliveryStatus::Delivered => "delivered",
                                DeliveryStatus::Failed => "failed",
                            },
                        )>
                            {move || match status {
                                DeliveryStatus::Pending => {
                                    t_string!(i18n, webhooks_status_pending).to_string()
                                }
                                DeliveryStatus::Delivered => {
                                    t_string!(i18n, webhooks_status_delivered).to_string()
                                }
                                DeliveryStatus::Failed => {
                                    t_string!(i18n, webhooks_status_failed).to_string()
                                }
                            }}
                        </span>
                        {(!detail.is_empty())
                            .then(|| view! { <span class="cell-note">{detail.clone()}</span> })}
                    </td>
                    <td>{d.attempts}</td>
                    <td>
                        <ActionForm action=again attr:class="inline-form">
                            <input type="hidden" name="id" value=webhook />
                            <input type="hidden" name="delivery" value=delivery />
                            <button type="submit" class="button button--secondary">
                                {t!(i18n, webhooks_send_again)}
                                <span class="sr-only">{format!(" #{delivery}")}</span>
                            </button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table" aria-labelledby="webhook-log">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, webhooks_col_event)}</th>
                    <th scope="col">{t!(i18n, webhooks_col_case)}</th>
                    <th scope="col">{t!(i18n, webhooks_col_when)}</th>
                    <th scope="col">{t!(i18n, webhooks_col_result)}</th>
                    <th scope="col">{t!(i18n, webhooks_col_attempts)}</th>
                    <th scope="col">
                        <span class="sr-only">{t!(i18n, webhooks_col_actions)}</span>
                    </th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// The webhook's fields (a new one's, or a saved one's), with what a form without JavaScript had
/// typed before its errors laid over them.
#[component]
fn WebhookForm(
    view: WebhookView,
    typed: BTreeMap<String, String>,
    errors: Memo<FieldErrors>,
) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveWebhook>::new();
    let value = |field: &str, saved: &str| typed.get(field).cloned().unwrap_or(saved.to_string());
    let ticked = |field: &str, saved: bool| typed.get(field).map(|v| v == "on").unwrap_or(saved);
    let chosen: Vec<String> = match typed.get("events") {
        Some(list) => list.split(' ').map(str::to_owned).collect(),
        None => view.events.iter().map(|e| e.code().to_string()).collect(),
    };
    let url = value("url", &view.url);
    let description = value("description", &view.description);
    let active = ticked("active", view.active);
    let allow_private = ticked("allow_private", view.allow_private);
    let id = view.id.map(|id| id.0.to_string());
    let events = WebhookEvent::ALL
        .into_iter()
        .map(|e| {
            let input_id = format!("event-{}", e.code().replace('.', "-"));
            let checked = chosen.iter().any(|c| c == e.code());
            view! {
                <div class="field__check">
                    <input
                        id=input_id.clone()
                        name="events[]"
                        type="checkbox"
                        value=e.code()
                        checked=checked
                    />
                    <label for=input_id>
                        {move || event_label(i18n.get_locale(), e)} " " <code>{e.code()}</code>
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <ActionForm action=save attr:class="form">
            {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
            <InputField
                name="url"
                label=Signal::derive(move || t_string!(i18n, webhooks_field_url).to_string())
                hint=Signal::derive(move || t_string!(i18n, webhooks_url_hint).to_string())
                input_type="url"
                autocomplete="off"
                value=url
                errors
            />
            <InputField
                name="description"
                label=Signal::derive(move || {
                    t_string!(i18n, webhooks_field_description).to_string()
                })
                autocomplete="off"
                value=description
                errors
            />
            <fieldset class="field field--group">
                <legend>{t!(i18n, webhooks_events_legend)}</legend>
                {events}
                <FieldError field="events" errors />
            </fieldset>
            <CheckboxField
                name="active"
                label=Signal::derive(move || t_string!(i18n, webhooks_field_active).to_string())
                checked=active
                errors
            />
            <CheckboxField
                name="allow_private"
                label=Signal::derive(move || t_string!(i18n, webhooks_field_private).to_string())
                hint=Signal::derive(move || t_string!(i18n, webhooks_private_hint).to_string())
                checked=allow_private
                errors
            />
            <button type="submit" class="button button--primary">
                {t!(i18n, webhooks_save)}
            </button>
        </ActionForm>
    }
}
