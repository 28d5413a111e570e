//! `/desk/access`: requests for portal access, for support. Each open request shows who asked, for
//! which company and why, with two decisions: approve (the company and language to add the
//! contact with; within the company's limit, welcomed by email) or decline with a reason (emailed
//! to the requester). The latest decisions follow. Staff only; works without JavaScript.
use crate::api::support::{
    ApproveAccessRequest, DESK_PAGE, DeclineAccessRequest, get_access_request, list_access_requests,
};
use crate::components::form::{FieldError, SelectField, TextAreaField, use_form_errors};
use crate::components::time::When;
use crate::domain::support::{AccessRequestStatus, AccessRequestView};
use crate::domain::{AccessRequestId, AccountId, Language};
use crate::i18n::*;
use crate::pages::staff::AccessDenied;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The page.
#[component]
pub fn AccessRequestsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let requests = Resource::new_blocking(|| (), |()| list_access_requests());
    let errors = use_form_errors();
    let approved = move || query.read().get("approved").is_some();
    let declined = move || query.read().get("declined").is_some();
    let body = move || {
        Suspend::new(async move {
            let all = match requests.await {
                Err(_) => return view! { <AccessDenied /> }.into_any(),
                Ok(all) => all,
            };
            let open = if all.open.is_empty() {
                view! { <p class="empty-state">{t!(i18n, access_open_empty)}</p> }.into_any()
            } else {
                view! {
                    <table class="data-table">
                        <caption class="sr-only">{t!(i18n, access_waiting)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, access_col_requester)}</th>
                                <th scope="col">{t!(i18n, field_company)}</th>
                                <th scope="col">{t!(i18n, access_col_received)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {all
                                .open
                                .into_iter()
                                .map(|r| {
                                    let href = format!("{DESK_PAGE}/{}", r.id);
                                    view! {
                                        <tr>
                                            <td>
                                                <a href=href>{r.name.clone()}</a>
                                                <br />
                                                {r.email.clone()}
                                            </td>
                                            <td>{r.company.clone()}</td>
                                            <td>
                                                <When at=r.created_at.clone() />
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            };
            let decided = (!all.decided.is_empty()).then(|| {
                view! {
                    <h2>{t!(i18n, access_decided_heading)}</h2>
                    <table class="data-table">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, access_col_requester)}</th>
                                <th scope="col">{t!(i18n, field_company)}</th>
                                <th scope="col">{t!(i18n, col_status)}</th>
                                <th scope="col">{t!(i18n, access_col_decided_by)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {all
                                .decided
                                .into_iter()
                                .map(|r| view! { <DecidedRow request=r /> })
                                .collect_view()}
                        </tbody>
                    </table>
                }
            });
            view! {
                <h2>{t!(i18n, access_waiting)}</h2>
                {open}
                {decided}
            }
            .into_any()
        })
    };
    view! {
        <Title text=move || t_string!(i18n, access_requests_title).to_string() />
        <h1>{t!(i18n, access_requests_title)}</h1>
        <p class="page-intro">{t!(i18n, access_requests_intro)}</p>
        <div role="status" class="status-region">
            <Show when=approved>
                <p class="form-success">{t!(i18n, access_approved)}</p>
            </Show>
            <Show when=declined>
                <p class="form-success">{t!(i18n, access_declined)}</p>
            </Show>
        </div>
        <FieldError field="_form" errors />
        <Suspense fallback=|| ()>{body}</Suspense>
    }
}

/// `/desk/access/:id`: one request, with its two decisions while it is open.
#[component]
pub fn AccessRequestPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = leptos_router::hooks::use_params_map();
    let request = Resource::new_blocking(
        move || {
            params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i64>().ok())
        },
        |id| async move {
            match id {
                Some(id) => get_access_request(AccessRequestId(id)).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    let errors = use_form_errors();
    let body = move || {
        Suspend::new(async move {
            match request.await {
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok((r, accounts)) => {
                    let title = r.name.clone();
                    view! {
                        <p>
                            <a href=DESK_PAGE>{t!(i18n, access_back)}</a>
                        </p>
                        <h1>{title}</h1>
                        <FieldError field="_form" errors />
                        <OpenRequest request=r accounts errors />
                    }
                    .into_any()
                }
            }
        })
    };
    // Outside the Suspense, as on the case page: a `<Title>` inside it may register after the
    // server has already sent the `<head>`.
    let title = move || {
        request
            .get()
            .and_then(Result::ok)
            .map(|(r, _)| r.name)
            .unwrap_or_else(|| t_string!(i18n, access_requests_title).to_string())
    };
    view! {
        <Title text=title />
        <Suspense fallback=|| ()>{body}</Suspense>
    }
}

/// One request with its two decisions (while it is open).
#[component]
fn OpenRequest(
    request: AccessRequestView,
    accounts: Vec<(AccountId, String)>,
    errors: Memo<crate::error::FieldErrors>,
) -> impl IntoView {
    let i18n = use_i18n();
    let approve = ServerAction::<ApproveAccessRequest>::new();
    let decline = ServerAction::<DeclineAccessRequest>::new();
    let is_open = request.status == AccessRequestStatus::Open;
    let mut options = vec![(
        String::new(),
        t_string!(i18n, access_choose_company).to_string(),
    )];
    options.extend(
        accounts
            .into_iter()
            .map(|(id, name)| (id.0.to_string(), name)),
    );
    let selected = request.account.map(|a| a.0.to_string()).unwrap_or_default();
    let languages = Language::ALL
        .iter()
        .map(|l| (l.code().to_string(), l.own_name().to_string()))
        .collect::<Vec<_>>();
    let id = request.id.0.to_string();
    let approve_id = id.clone();
    let asked_by = request.requested_by.clone().map(|name| {
        view! { <p class="muted">{t!(i18n, access_for_colleague, name = name)}</p> }
    });
    let message = (!request.message.is_empty())
        .then(|| view! { <blockquote class="pre-line">{request.message.clone()}</blockquote> });
    view! {
        <section class="access-request">
            <dl class="details">
                <div>
                    <dt>{t!(i18n, field_email)}</dt>
                    <dd>{request.email.clone()}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, field_company)}</dt>
                    <dd>{request.company.clone()}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, access_col_received)}</dt>
                    <dd>
                        <When at=request.created_at.clone() />
                    </dd>
                </div>
            </dl>
            {asked_by}
            {message}
            <Show when=move || !is_open>
                <p class="muted">{t!(i18n, error_request_decided)}</p>
            </Show>
            <div class="access-request__decisions" hidden=!is_open>
                <ActionForm action=approve attr:class="form">
                    <input type="hidden" name="request" value=approve_id />
                    <SelectField
                        name="account"
                        label=Signal::derive(move || {
                            t_string!(i18n, access_add_to_company).to_string()
                        })
                        options
                        selected
                        errors
                    />
                    <SelectField
                        name="language"
                        label=Signal::derive(move || t_string!(i18n, field_language).to_string())
                        options=languages
                        selected=request.language.clone()
                        errors
                    />
                    <button type="submit" class="button button--primary">
                        {t!(i18n, access_approve)}
                    </button>
                </ActionForm>
                <ActionForm action=decline attr:class="form">
                    <input type="hidden" name="request" value=id />
                    <TextAreaField
                        name="reason"
                        id="reason"
                        label=Signal::derive(move || t_string!(i18n, field_reason).to_string())
                        rows=3
                        max_chars=crate::domain::support::REASON_MAX
                        errors
                    />
                    <button type="submit" class="button button--secondary">
                        {t!(i18n, access_decline)}
                    </button>
                </ActionForm>
            </div>
        </section>
    }
}

/// One decided request.
#[component]
fn DecidedRow(request: AccessRequestView) -> impl IntoView {
    let i18n = use_i18n();
    let status = move || match request.status {
        AccessRequestStatus::Approved => t_string!(i18n, access_status_approved).to_string(),
        AccessRequestStatus::Declined if request.reason == "has_access" => {
            t_string!(i18n, access_status_has_access).to_string()
        }
        AccessRequestStatus::Declined => t_string!(
            i18n,
            access_status_declined,
            reason = request.reason.clone()
        )
        .to_string(),
        AccessRequestStatus::Open => String::new(),
    };
    view! {
        <tr>
            <td>{request.name.clone()} <br /> {request.email.clone()}</td>
            <td>{request.company.clone()}</td>
            <td>{status}</td>
            <td>{request.decided_by.clone()}</td>
        </tr>
    }
}
