//! `/desk/mail`: inbound email for support. The messages that wait for a decision (held, or kept
//! aside because they could not be read), each with its reason, its raw message to download, and
//! what to make of it: a comment on the case it names, a new case for its sender, or nothing.
//! `?all=1` lists every recent message and what became of it. Staff only; works without
//! JavaScript.
use crate::api::inbound::{DecideInboundMail, PAGE, inbound_mail};
use crate::components::form::{FieldError, use_form_errors};
use crate::components::time::{When, local_time};
use crate::domain::inbound::{InboundStatus, InboundView, raw_path};
use crate::i18n::*;
use crate::pages::staff::AccessDenied;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// What a status is called.
fn status_text(locale: Locale, status: InboundStatus) -> &'static str {
    match status {
        InboundStatus::Received => td_string!(locale, inbound_status_received),
        InboundStatus::Case => td_string!(locale, inbound_status_case),
        InboundStatus::Comment => td_string!(locale, inbound_status_comment),
        InboundStatus::Held => td_string!(locale, inbound_status_held),
        InboundStatus::Failed => td_string!(locale, inbound_status_failed),
        InboundStatus::Ignored => td_string!(locale, inbound_status_ignored),
        InboundStatus::Accepted => td_string!(locale, inbound_status_accepted),
        InboundStatus::Rejected => td_string!(locale, inbound_status_rejected),
    }
}

/// Why a message was held, ignored or kept aside, in words ("" for none).
fn reason_text(locale: Locale, reason: &str) -> &'static str {
    match reason {
        "stranger" => td_string!(locale, inbound_reason_stranger),
        "forged" => td_string!(locale, inbound_reason_forged),
        "staff_sender" => td_string!(locale, inbound_reason_staff_sender),
        "closed_case" => td_string!(locale, inbound_reason_closed_case),
        "case_gone" => td_string!(locale, inbound_reason_case_gone),
        "rate_limited" => td_string!(locale, inbound_reason_rate_limited),
        "refused" => td_string!(locale, inbound_reason_refused),
        "unknown_sender" => td_string!(locale, inbound_reason_unknown_sender),
        "own_message" => td_string!(locale, inbound_reason_own_message),
        "auto_submitted" | "bulk" | "auto_response_suppress" | "bounce" | "no_reply_sender" => {
            td_string!(locale, inbound_reason_automatic)
        }
        "too_large" => td_string!(locale, inbound_reason_too_large),
        "unparseable" => td_string!(locale, inbound_reason_unparseable),
        _ => "",
    }
}

/// The list, with the decision forms.
#[component]
pub fn InboundMailPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let all = move || query.read().get("all").is_some();
    let messages = Resource::new_blocking(all, inbound_mail);
    let errors = use_form_errors();
    let decided = move || query.read().get("decided").is_some();
    let body = move || {
        Suspend::new(async move {
            let list = match messages.await {
                Err(_) => return view! { <AccessDenied /> }.into_any(),
                Ok(list) => list,
            };
            if list.is_empty() {
                return view! { <p class="empty-state">{t!(i18n, inbound_empty)}</p> }.into_any();
            }
            view! {
                <table class="data-table">
                    <caption class="sr-only">{t!(i18n, nav_inbound)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, col_received)}</th>
                            <th scope="col">{t!(i18n, col_from)}</th>
                            <th scope="col">{t!(i18n, col_subject)}</th>
                            <th scope="col">{t!(i18n, col_status)}</th>
                            <th scope="col">{t!(i18n, col_case)}</th>
                            <th scope="col">{t!(i18n, col_actions)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {list
                            .into_iter()
                            .map(|m| view! { <InboundRow message=m /> })
                            .collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        })
    };
    view! {
        <Title text=move || t_string!(i18n, nav_inbound).to_string() />
        <h1>{t!(i18n, nav_inbound)}</h1>
        <p class="page-intro">{t!(i18n, inbound_intro)}</p>
        <nav class="view-tabs" aria-label=move || t_string!(i18n, nav_inbound)>
            <a href=PAGE aria-current=move || (!all()).then_some("page")>
                {t!(i18n, inbound_waiting)}
            </a>
            <a href=format!("{PAGE}?all=1") aria-current=move || all().then_some("page")>
                {t!(i18n, inbound_all)}
            </a>
        </nav>
        <Show when=decided>
            <p class="toast" role="status">
                {t!(i18n, inbound_decided)}
            </p>
        </Show>
        <div role="alert">
            <FieldError field="decision" errors />
        </div>
        <Suspense fallback=|| ()>{body}</Suspense>
    }
}

/// "Email (N)" on a case page, for support: each message that opened or answered the case, when
/// it came, its sender as it wrote, what became of it, and the raw message to download.
#[component]
pub fn CaseMail(
    /// The messages, oldest first.
    mail: Vec<InboundView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = mail.len();
    let items = mail
        .into_iter()
        .map(|m| {
            let status = m.status;
            view! {
                <li>
                    <p class="history__meta">
                        <When at=m.received_at.clone() />
                        " · "
                        {m.sender.clone()}
                        " · "
                        {move || status_text(i18n.get_locale(), status)}
                    </p>
                    <p>
                        {m.subject.clone()} " "
                        {m
                            .has_raw
                            .then(|| {
                                view! {
                                    <a href=raw_path(m.id) download="">
                                        {t!(i18n, inbound_download)}
                                    </a>
                                }
                            })}
                    </p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="case-mail-title" class="related">
            <h2 id="case-mail-title">{t!(i18n, case_mail_heading)} " (" {total} ")"</h2>
            <ol class="history">{items}</ol>
        </section>
    }
}

/// One message: when, from whom, its subject (with a link to download it raw), what became of it
/// and why, its case, and the decision buttons while it waits.
#[component]
fn InboundRow(message: InboundView) -> impl IntoView {
    let i18n = use_i18n();
    let decide = ServerAction::<DecideInboundMail>::new();
    let status = message.status;
    let reason = message.reason.clone();
    let case_link = message
        .case_number
        .clone()
        .map(|n| view! { <a href=format!("/cases/{n}")>{n.clone()}</a> });
    let can_comment = message.case_number.is_some();
    let id = message.id.0;
    view! {
        <tr>
            <td>{local_time(&message.received_at)}</td>
            <td>{message.sender.clone()}</td>
            <td>
                {message.subject.clone()}
                {message
                    .has_raw
                    .then(|| {
                        view! {
                            <br />
                            <a href=raw_path(message.id) download="">
                                {t!(i18n, inbound_download)}
                            </a>
                        }
                    })}
            </td>
            <td>
                <strong>{move || status_text(i18n.get_locale(), status)}</strong>
                <br />
                {move || reason_text(i18n.get_locale(), &reason)}
            </td>
            <td>{case_link}</td>
            <td>
                {status
                    .waits_for_staff()
                    .then(|| {
                        view! {
                            <ActionForm action=decide attr:class="inline-actions">
                                <input type="hidden" name="message" value=id />
                                {can_comment
                                    .then(|| {
                                        view! {
                                            <button
                                                type="submit"
                                                name="decision"
                                                value="comment"
                                                class="button"
                                            >
                                                {t!(i18n, inbound_accept_comment)}
                                            </button>
                                        }
                                    })}
                                <button
                                    type="submit"
                                    name="decision"
                                    value="new_case"
                                    class="button button--secondary"
                                >
                                    {t!(i18n, inbound_accept_case)}
                                </button>
                                <button
                                    type="submit"
                                    name="decision"
                                    value="reject"
                                    class="button button--secondary"
                                >
                                    {t!(i18n, inbound_reject)}
                                </button>
                            </ActionForm>
                        }
                    })}
            </td>
        </tr>
    }
}
