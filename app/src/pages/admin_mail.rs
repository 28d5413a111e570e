//! `/admin/mail`: the built-in dev mailbox (every email when no SMTP relay is configured) and what
//! the outbox still holds. Admins only.
use crate::api::staff::{get_mail, get_mailbox};
use crate::domain::staff::{MailDetail, Mailbox};
use crate::i18n::*;
use crate::pages::staff::AccessDenied;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

fn when(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// Newest emails first, then the outbox's waiting and failed rows.
#[component]
pub fn MailPage() -> impl IntoView {
    let i18n = use_i18n();
    let mailbox = Resource::new(|| (), |_| get_mailbox());
    let page = move || {
        Suspend::new(async move {
            match mailbox.await {
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok(Mailbox {
                    smtp,
                    messages,
                    pending,
                }) => view! {
                    <h1>{t!(i18n, mail_title)}</h1>
                    <p class="page-intro">
                        {move || {
                            if smtp {
                                t_string!(i18n, mail_intro_smtp).to_string()
                            } else {
                                t_string!(i18n, mail_intro_dev).to_string()
                            }
                        }}
                    </p>
                    {if messages.is_empty() {
                        view! { <p class="empty-state">{t!(i18n, mail_empty)}</p> }.into_any()
                    } else {
                        view! {
                            <table class="data-table">
                                <caption class="sr-only">{t!(i18n, mail_title)}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{t!(i18n, col_received)}</th>
                                        <th scope="col">{t!(i18n, col_to)}</th>
                                        <th scope="col">{t!(i18n, col_subject)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {messages
                                        .into_iter()
                                        .map(|m| {
                                            view! {
                                                <tr>
                                                    <td>{when(m.at)}</td>
                                                    <td>{m.to}</td>
                                                    <td>
                                                        <A href=format!("/admin/mail/{}", m.id)>{m.subject}</A>
                                                    </td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        }
                            .into_any()
                    }}
                    <h2>{t!(i18n, outbox_title)}</h2>
                    {if pending.is_empty() {
                        view! { <p class="empty-state">{t!(i18n, outbox_empty)}</p> }.into_any()
                    } else {
                        view! {
                            <table class="data-table">
                                <caption class="sr-only">{t!(i18n, outbox_title)}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{t!(i18n, col_kind)}</th>
                                        <th scope="col">{t!(i18n, col_attempts)}</th>
                                        <th scope="col">{t!(i18n, col_next_try)}</th>
                                        <th scope="col">{t!(i18n, col_last_error)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {pending
                                        .into_iter()
                                        .map(|j| {
                                            view! {
                                                <tr>
                                                    <td>{j.kind}</td>
                                                    <td>{j.attempts}</td>
                                                    <td>
                                                        {if j.dead {
                                                            t_string!(i18n, outbox_given_up).to_string()
                                                        } else {
                                                            when(j.next_try)
                                                        }}
                                                    </td>
                                                    <td>{j.last_error.unwrap_or_default()}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        }
                            .into_any()
                    }}
                }
                .into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, mail_title).to_string() />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{page}</Suspense>
    }
    .into_any()
}

/// One email: headers, the text part, and a link to the HTML part (served by the server on its own,
/// under a sandboxing Content-Security-Policy: no scripts, no access to the portal's origin).
#[component]
pub fn MailMessagePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    // Blocking: the page's <title> (the subject) is in the HTML head, also without JS.
    let mail = Resource::new_blocking(id, |id| async move {
        match id {
            Some(id) => get_mail(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    let page = move || {
        Suspend::new(async move {
            match mail.await {
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok(MailDetail {
                    id,
                    message_id,
                    to,
                    subject,
                    text,
                    html,
                    at,
                }) => view! {
                    <p class="breadcrumb">
                        <A href="/admin/mail">{t!(i18n, mail_title)}</A>
                    </p>
                    <h1>{subject}</h1>
                    <dl class="details">
                        <div>
                            <dt>{t!(i18n, col_to)}</dt>
                            <dd>{to}</dd>
                        </div>
                        <div>
                            <dt>{t!(i18n, col_received)}</dt>
                            <dd>{when(at)}</dd>
                        </div>
                        <div>
                            <dt>"Message-ID"</dt>
                            <dd>
                                <code>{message_id}</code>
                            </dd>
                        </div>
                    </dl>
                    <h2>{t!(i18n, mail_text_part)}</h2>
                    <pre class="mail-text">{text}</pre>
                    <h2>{t!(i18n, mail_html_part)}</h2>
                    <p>
                        // `external`: a server route, not a page of the app (the router must not take it).
                        <a href=format!("/admin/mail/{id}/html") rel="external">
                            {t!(i18n, mail_open_html)}
                        </a>
                        " ("
                        {html.len()}
                        " B)"
                    </p>
                }
                .into_any(),
            }
        })
    };
    let title = move || {
        mail.get()
            .and_then(Result::ok)
            .map(|m| m.subject)
            .unwrap_or_else(|| t_string!(i18n, mail_title).to_string())
    };
    view! {
        <Title text=title />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{page}</Suspense>
    }
    .into_any()
}
