//! `/cases`: the case list views "My cases", "All cases" and "Recently viewed". View, sort, status
//! filter, search and page live in the URL (`ListQuery`), so a list can be bookmarked and the back
//! button works; every control is a link or a GET form, so all of it works without JavaScript.
use crate::api::cases::list_cases;
use crate::components::live::LiveListNotice;
use crate::components::time::When;
use crate::domain::CaseStatus;
use crate::domain::case_list::{COUNT_CAP, CaseListPage, CaseView, ListQuery, SortKey};
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::not_found::UnavailableNotice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{A, Form};
use leptos_router::hooks::use_query_map;

pub use crate::messages::{priority_label, status_label, status_label_for};

fn view_label(locale: Locale, view: CaseView) -> &'static str {
    match view {
        CaseView::Mine => td_string!(locale, cases_view_mine),
        CaseView::All => td_string!(locale, cases_view_all),
        CaseView::Recent => td_string!(locale, cases_view_recent),
    }
}

/// A sortable column's header.
pub fn column_label(locale: Locale, key: SortKey) -> &'static str {
    match key {
        SortKey::Number => td_string!(locale, case_number_label),
        SortKey::Account => td_string!(locale, col_account),
        SortKey::Contact => td_string!(locale, col_contact),
        SortKey::Subject => td_string!(locale, col_subject),
        SortKey::Status => td_string!(locale, col_status),
        SortKey::Opened => td_string!(locale, col_opened),
        SortKey::Updated => td_string!(locale, col_updated),
        SortKey::Priority => td_string!(locale, field_priority),
    }
}

/// The list page.
#[component]
pub fn MyCasesPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| ListQuery::from_params(|k| params.read().get(k)));
    let page = Resource::new_blocking(move || query.get(), list_cases);
    let title = move || view_label(i18n.get_locale(), query.get().view).to_string();

    let tabs = move || {
        let current = query.get();
        CaseView::ALL
            .into_iter()
            .map(|v| {
                let href = current.with_view(v).href();
                let here = (v == current.view).then_some("page");
                // A plain link: the router's <A> marks every link to /cases as the current page,
                // whatever its query, so all three tabs looked selected.
                view! {
                    <a href=href aria-current=here>
                        {move || view_label(i18n.get_locale(), v)}
                    </a>
                }
            })
            .collect_view()
    };

    let filters = move || {
        let q = query.get();
        let statuses = CaseStatus::ALL
            .iter()
            .map(|s| {
                let selected = q.status == Some(*s);
                view! {
                    <option value=s.code() selected=selected>
                        {move || status_label(i18n.get_locale(), *s)}
                    </option>
                }
            })
            .collect_view();
        view! {
            <Form method="GET" action="/cases" attr:class="list-filters" attr:role="search">
                <input type="hidden" name="view" value=q.view.code() />
                <input type="hidden" name="sort" value=q.sort.code() />
                <input type="hidden" name="dir" value=if q.desc { "desc" } else { "asc" } />
                <div class="field">
                    <label for="list-status">{t!(i18n, col_status)}</label>
                    <select id="list-status" name="status">
                        <option value="" selected=q.status.is_none()>
                            {t!(i18n, filter_status_any)}
                        </option>
                        {statuses}
                    </select>
                </div>
                <div class="field">
                    <label for="list-q">{t!(i18n, search_list_label)}</label>
                    <input id="list-q" type="search" name="q" value=q.q.clone() maxlength="100" />
                </div>
                <button type="submit" class="button button--secondary">
                    {t!(i18n, apply_button)}
                </button>
            </Form>
        }
    };

    let list = move || {
        Suspend::new(async move {
            let q = query.get_untracked();
            match page.await {
                Err(AppError::Unavailable) => view! { <UnavailableNotice /> }.into_any(),
                Err(_) => view! { <p class="field-error">{t!(i18n, error_generic)}</p> }.into_any(),
                Ok(p) => view! { <CaseTable q p /> }.into_any(),
            }
        })
    };

    view! {
        <Title text=title />
        <h1>{title}</h1>
        <nav class="view-tabs" aria-label=move || t_string!(i18n, cases_views_label).to_string()>
            {tabs}
        </nav>
        {filters}
        <div class="list-header">
            <UpdatedAgo />
            // Loads the same list again: a link, so it works without JavaScript too.
            <a class="button button--secondary" href=move || query.get().href()>
                {t!(i18n, list_refresh)}
            </a>
        </div>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{list}</Transition>
    }
    .into_any()
}

/// "Updated just now", then "Updated N minutes ago" as the page ages (a tick every 15 s once the
/// page is live; the server's HTML says "just now").
#[island]
pub fn UpdatedAgo() -> impl IntoView {
    let i18n = use_i18n();
    let ticks = RwSignal::new(0_u32);
    Effect::new(move |_| {
        if let Ok(handle) = set_interval_with_handle(
            move || ticks.update(|t| *t += 1),
            std::time::Duration::from_secs(15),
        ) {
            on_cleanup(move || handle.clear());
        }
    });
    let updated = move || {
        let minutes = ticks.get() / 4;
        if minutes == 0 {
            t_string!(i18n, list_updated_now).to_string()
        } else {
            t_string!(i18n, list_updated_minutes, minutes = minutes).to_string()
        }
    };
    view! {
        <p class="list-header__updated" aria-live="polite">
            {updated}
        </p>
    }
}

/// The table of one page, with its summary line and paging links.
#[component]
fn CaseTable(q: ListQuery, p: CaseListPage) -> impl IntoView {
    let i18n = use_i18n();
    let mut summary = vec![
        if p.total > COUNT_CAP {
            t_string!(i18n, list_items_more, count = COUNT_CAP).to_string()
        } else {
            t_string!(i18n, list_items, count = p.total).to_string()
        },
        t_string!(
            i18n,
            list_sorted_by,
            column = column_label(i18n.get_locale(), q.sort)
        )
        .to_string(),
    ];
    let mut filters = Vec::new();
    if let Some(s) = q.status {
        filters.push(status_label(i18n.get_locale(), s).to_string());
    }
    if !q.q.is_empty() {
        filters.push(format!("“{}”", q.q));
    }
    if !filters.is_empty() {
        summary.push(t_string!(i18n, list_filtered_by, filter = filters.join(", ")).to_string());
    }
    let headers = SortKey::ALL
        .into_iter()
        .map(|key| {
            let sorted = q.sort == key;
            let aria = sorted.then_some(if q.desc { "descending" } else { "ascending" });
            let arrow = if sorted {
                if q.desc { " ▼" } else { " ▲" }
            } else {
                ""
            };
            let href = q.sorted_by(key).href();
            view! {
                <th scope="col" aria-sort=aria>
                    <a href=href>
                        {column_label(i18n.get_locale(), key)}
                        <span aria-hidden="true">{arrow}</span>
                    </a>
                </th>
            }
        })
        .collect_view();
    let empty = p.items.is_empty();
    let staff = p.staff;
    let rows = p
        .items
        .into_iter()
        .map(|c| {
            let number = c.number.to_string();
            view! {
                <tr>
                    <td>
                        <A href=format!("/cases/{number}")>{number.clone()}</A>
                    </td>
                    <td>{c.account_name}</td>
                    <td>{c.contact_name}</td>
                    <td>{c.subject}</td>
                    <td>{status_label_for(i18n.get_locale(), c.status, staff)}</td>
                    <td>
                        <When at=c.opened_at.clone() />
                    </td>
                </tr>
            }
        })
        .collect_view();
    let next = p.next_after.map(|after| {
        ListQuery {
            after: Some(after),
            ..q.clone()
        }
        .href()
    });
    let first = q.after.as_ref().map(|_| q.first_page().href());
    // "Recently viewed" changes by the reader's own visits, not by the cases' changes.
    let live = (q.view != CaseView::Recent).then(|| {
        let view = if q.view == CaseView::Mine {
            "mine"
        } else {
            "all"
        };
        let feed = format!("/live/cases?view={view}&after={}", p.live_after);
        view! { <LiveListNotice feed refresh=q.href() /> }
    });
    view! {
        <p class="list-header__summary">{summary.join(" · ")}</p>
        {live}
        {if empty {
            view! { <p class="empty-state">{t!(i18n, cases_empty)}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll">
                    <table class="data-table">
                        <caption class="sr-only">{view_label(i18n.get_locale(), q.view)}</caption>
                        <thead>
                            <tr>{headers}</tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
                .into_any()
        }}
        <nav class="pager">
            {first.map(|href| view! { <a href=href>{t!(i18n, first_page)}</a> })}
            {next.map(|href| view! { <a href=href>{t!(i18n, next_page)}</a> })}
        </nav>
    }
}
