//! `/queue`: support's home. Open cases of every company (or one status's), with tabs that count
//! each status, filters by product, company, assignee, origin and priority, three sorts, keyset
//! pages, and "Assign selected" for several cases at once. All of it lives in the URL
//! (`QueueQuery`) and works without JavaScript: the filters are a GET form, the tabs and pages
//! links, the bulk action a plain POST that comes back here.
use crate::api::desk::{AssignCases, list_queue};
use crate::components::form::{FieldError, filter_select, use_form_errors};
use crate::components::live::LiveListNotice;
use crate::components::time::When;
use crate::domain::case_list::{COUNT_CAP, OPEN_STATUSES, QUEUE_SORTS, QueuePage, QueueQuery};
use crate::domain::{CaseOrigin, Priority};
use crate::error::AppError;
use crate::i18n::*;
use crate::messages::origin_label;
use crate::pages::cases::{UpdatedAgo, column_label, priority_label, status_label_for};
use crate::pages::not_found::UnavailableNotice;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Form};
use leptos_router::hooks::use_query_map;

/// "234" or "1000+" for a count taken up to the cap.
fn count_text(count: i64) -> String {
    if count > COUNT_CAP {
        format!("{COUNT_CAP}+")
    } else {
        count.to_string()
    }
}

/// The queue page.
#[component]
pub fn QueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| QueueQuery::from_params(|k| params.read().get(k)));
    let page = Resource::new_blocking(move || query.get(), list_queue);
    let title = move || t_string!(i18n, queue_title).to_string();
    let body = move || {
        Suspend::new(async move {
            let q = query.get_untracked();
            match page.await {
                Err(AppError::Unavailable) => view! { <UnavailableNotice /> }.into_any(),
                Err(_) => view! { <p class="field-error">{t!(i18n, error_generic)}</p> }.into_any(),
                Ok(p) => view! { <QueueView q p /> }.into_any(),
            }
        })
    };
    view! {
        <Title text=title />
        <h1>{title}</h1>
        <p>
            <a class="button button--secondary" href="/cases/new">
                {t!(i18n, log_case_link)}
            </a>
        </p>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
    .into_any()
}

#[component]
fn QueueView(q: QueueQuery, p: QueuePage) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let open: i64 = p
        .counts
        .iter()
        .filter(|(s, _)| OPEN_STATUSES.contains(s))
        .map(|(_, n)| *n)
        .sum();
    let mut tabs = vec![(None, t_string!(i18n, queue_open).to_string(), open)];
    tabs.extend(
        p.counts
            .iter()
            .map(|(s, n)| (Some(*s), status_label_for(locale, *s, true).to_string(), *n)),
    );
    let tabs = tabs
        .into_iter()
        .map(|(status, label, count)| {
            let here = (status == q.status).then_some("page");
            view! {
                <a href=q.with_status(status).href() aria-current=here>
                    {label}
                    " ("
                    {count_text(count)}
                    ")"
                </a>
            }
        })
        .collect_view();
    let staff_options: Vec<(String, String)> = p
        .staff
        .iter()
        .map(|(id, name)| (id.0.to_string(), name.clone()))
        .collect();
    let mut assignee_options = vec![
        (
            "me".to_string(),
            t_string!(i18n, queue_assignee_me).to_string(),
        ),
        (
            "none".to_string(),
            t_string!(i18n, assignee_none).to_string(),
        ),
    ];
    assignee_options.extend(staff_options.iter().cloned());
    let sort_options: Vec<(String, String)> = QUEUE_SORTS
        .iter()
        .map(|k| (k.code().to_string(), column_label(locale, *k).to_string()))
        .collect();
    let filters = view! {
        <Form method="GET" action="/queue" attr:class="list-filters" attr:role="search">
            {q.status.map(|s| view! { <input type="hidden" name="status" value=s.code() /> })}
            {filter_select(
                "queue-product",
                "product",
                td_string!(locale, field_product).to_string(),
                td_string!(locale, queue_any).to_string(),
                p.products.iter().map(|(id, n)| (id.0.to_string(), n.clone())).collect(),
                q.product.map(|id| id.0.to_string()),
            )}
            {filter_select(
                "queue-account",
                "account",
                td_string!(locale, col_account).to_string(),
                td_string!(locale, queue_any).to_string(),
                p.accounts.iter().map(|(id, n)| (id.0.to_string(), n.clone())).collect(),
                q.account.map(|id| id.0.to_string()),
            )}
            {filter_select(
                "queue-assignee",
                "assignee",
                td_string!(locale, field_assignee).to_string(),
                td_string!(locale, queue_any).to_string(),
                assignee_options,
                q.assignee.code(),
            )}
            {filter_select(
                "queue-origin",
                "origin",
                td_string!(locale, field_origin).to_string(),
                td_string!(locale, queue_any).to_string(),
                CaseOrigin::ALL
                    .iter()
                    .map(|o| (o.code().to_string(), origin_label(locale, *o).to_string()))
                    .collect(),
                q.origin.map(|o| o.code().to_string()),
            )}
            {filter_select(
                "queue-priority",
                "priority",
                td_string!(locale, field_priority).to_string(),
                td_string!(locale, queue_any).to_string(),
                Priority::ALL
                    .iter()
                    .map(|x| (x.code().to_string(), priority_label(locale, *x).to_string()))
                    .collect(),
                q.priority.map(|x| x.code().to_string()),
            )}
            <div class="field">
                <label for="queue-sort">{t!(i18n, queue_sort)}</label>
                <select id="queue-sort" name="sort">
                    {sort_options
                        .into_iter()
                        .map(|(value, text)| {
                            let is = value == q.sort.code();
                            view! {
                                <option value=value selected=is>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="queue-dir">{t!(i18n, queue_direction)}</label>
                <select id="queue-dir" name="dir">
                    <option value="desc" selected=q.desc>
                        {t!(i18n, queue_dir_desc)}
                    </option>
                    <option value="asc" selected=!q.desc>
                        {t!(i18n, queue_dir_asc)}
                    </option>
                </select>
            </div>
            <button type="submit" class="button button--secondary">
                {t!(i18n, apply_button)}
            </button>
        </Form>
    };
    let next = p.next_after.map(|after| {
        QueueQuery {
            after: Some(after),
            ..q.clone()
        }
        .href()
    });
    let first = q.after.as_ref().map(|_| {
        QueueQuery {
            after: None,
            ..q.clone()
        }
        .href()
    });
    let back = q.href();
    let refresh = back.clone();
    let live_feed = format!("/live/cases?view=all&after={}", p.live_after);
    view! {
        <nav class="view-tabs" aria-label=move || t_string!(i18n, queue_tabs_label).to_string()>
            {tabs}
        </nav>
        {filters}
        <div class="list-header">
            <UpdatedAgo />
            <LiveListNotice feed=live_feed refresh=refresh.clone() />
            <a class="button button--secondary" href=refresh>
                {t!(i18n, list_refresh)}
            </a>
        </div>
        <QueueTable items=p.items staff=staff_options back />
        <nav class="pager">
            {first.map(|href| view! { <a href=href>{t!(i18n, first_page)}</a> })}
            {next.map(|href| view! { <a href=href>{t!(i18n, next_page)}</a> })}
        </nav>
    }
}

/// The page's cases in a form whose checkboxes choose the cases "Assign selected" takes.
#[component]
fn QueueTable(
    items: Vec<crate::domain::case_list::QueueItem>,
    staff: Vec<(String, String)>,
    back: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let assign = ServerAction::<AssignCases>::new();
    let errors = use_form_errors();
    if items.is_empty() {
        return view! { <p class="empty-state">{t!(i18n, queue_empty)}</p> }.into_any();
    }
    let rows = items
        .into_iter()
        .map(|item| {
            let c = item.case;
            let number = c.number.to_string();
            let check_id = format!("pick-{number}");
            let assignee = item
                .assignee_name
                .unwrap_or_else(|| td_string!(locale, assignee_none).to_string());
            view! {
                <tr>
                    <td>
                        <input
                            type="checkbox"
                            id=check_id.clone()
                            name="numbers[]"
                            value=number.clone()
                        />
                        <label for=check_id>{number.clone()}</label>
                    </td>
                    <td>
                        <A href=format!("/cases/{number}")>{c.subject}</A>
                    </td>
                    <td>{c.account_name}</td>
                    <td>{c.contact_name}</td>
                    <td>{status_label_for(locale, c.status, true)}</td>
                    <td>{priority_label(locale, item.priority)}</td>
                    <td>{assignee}</td>
                    <td>
                        <When at=item.updated_at.clone() />
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ActionForm action=assign attr:class="queue-form" attr:id="queue-form">
            <input type="hidden" name="back" value=back />
            <FieldError field="numbers" errors />
            <div class="table-scroll">
                <table class="data-table">
                    <caption class="sr-only">{t!(i18n, queue_title)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, case_number_label)}</th>
                            <th scope="col">{t!(i18n, col_subject)}</th>
                            <th scope="col">{t!(i18n, col_account)}</th>
                            <th scope="col">{t!(i18n, col_contact)}</th>
                            <th scope="col">{t!(i18n, col_status)}</th>
                            <th scope="col">{t!(i18n, field_priority)}</th>
                            <th scope="col">{t!(i18n, field_assignee)}</th>
                            <th scope="col">{t!(i18n, col_updated)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="bulk-actions">
                <div class="field">
                    <label for="bulk-assignee">{t!(i18n, queue_assign_to)}</label>
                    <select id="bulk-assignee" name="assignee">
                        <option value="me">{t!(i18n, queue_assignee_me)}</option>
                        <option value="">{t!(i18n, assignee_none)}</option>
                        {staff
                            .into_iter()
                            .map(|(value, text)| view! { <option value=value>{text}</option> })
                            .collect_view()}
                    </select>
                    <FieldError field="assignee" errors />
                </div>
                <button type="submit" class="button button--primary">
                    {t!(i18n, queue_assign_selected)}
                </button>
            </div>
        </ActionForm>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_beyond_the_cap_read_as_cap_plus() {
        assert_eq!(super::count_text(12), "12");
        assert_eq!(
            super::count_text(super::COUNT_CAP + 1),
            format!("{}+", super::COUNT_CAP)
        );
    }
}
