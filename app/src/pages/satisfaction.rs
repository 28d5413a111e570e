//! `/desk/satisfaction`: the administrators' report of the survey answers, per agent (the case's
//! assignee), per product or per month: responses, average rating and the share rated 4 or 5, as a
//! bar chart and a table, with the same figures as CSV (`/desk/satisfaction.csv`). The grouping
//! and the period live in the URL; tabs and a GET form, so it works without JavaScript.
use crate::api::surveys::get_satisfaction;
use crate::domain::surveys::{ReportBy, ReportPeriod, SatisfactionReport, SatisfactionRow};
use crate::i18n::*;
use crate::pages::staff::AccessDenied;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// The grouping's name (the table's first column).
pub fn by_label(locale: Locale, by: ReportBy) -> &'static str {
    match by {
        ReportBy::Agent => td_string!(locale, satisfaction_by_agent),
        ReportBy::Product => td_string!(locale, satisfaction_by_product),
        ReportBy::Month => td_string!(locale, satisfaction_by_month),
    }
}

fn period_label(locale: Locale, period: ReportPeriod) -> &'static str {
    match period {
        ReportPeriod::Days30 => td_string!(locale, satisfaction_period_30d),
        ReportPeriod::Days90 => td_string!(locale, satisfaction_period_90d),
        ReportPeriod::Months12 => td_string!(locale, satisfaction_period_12m),
        ReportPeriod::All => td_string!(locale, satisfaction_period_all),
    }
}

/// A row's name: the agent, product or month, or what an empty one stands for.
pub fn row_label(locale: Locale, by: ReportBy, row: &SatisfactionRow) -> String {
    match (by, row.label.is_empty()) {
        (ReportBy::Agent, true) => td_string!(locale, assignee_none).to_string(),
        (ReportBy::Product, true) => td_string!(locale, satisfaction_no_product).to_string(),
        _ => row.label.clone(),
    }
}

/// The average with two decimals, in the locale's own decimal separator.
fn average_text(locale: Locale, row: &SatisfactionRow) -> String {
    let text = format!("{:.2}", row.average());
    match locale {
        Locale::en => text,
        _ => text.replace('.', ","),
    }
}

/// Where the report's links go: `/desk/satisfaction` (or its CSV, `ext = ".csv"`).
pub fn report_href(ext: &str, by: ReportBy, period: ReportPeriod) -> String {
    format!(
        "/desk/satisfaction{ext}?by={}&period={}",
        by.code(),
        period.code()
    )
}

/// The report page.
#[component]
pub fn SatisfactionPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let report = Resource::new_blocking(
        move || {
            let q = query.read();
            (
                q.get("by").unwrap_or_default(),
                q.get("period").unwrap_or_default(),
            )
        },
        |(by, period)| get_satisfaction(by, period),
    );
    let body = move || {
        Suspend::new(async move {
            match report.await {
                Ok(report) => view! { <Report report /> }.into_any(),
                Err(_) => view! { <AccessDenied /> }.into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, satisfaction_title).to_string() />
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Transition>
    }
}

#[component]
fn Report(report: SatisfactionReport) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let SatisfactionReport {
        by,
        period,
        rows,
        total,
    } = report;
    let tabs = ReportBy::ALL
        .into_iter()
        .map(|b| {
            let here = (b == by).then_some("page");
            view! {
                <a href=report_href("", b, period) aria-current=here>
                    {by_label(locale, b)}
                </a>
            }
        })
        .collect_view();
    let periods = ReportPeriod::ALL
        .into_iter()
        .map(|p| {
            view! {
                <option value=p.code() selected=p == period>
                    {period_label(locale, p)}
                </option>
            }
        })
        .collect_view();
    let summary = td_string!(
        locale,
        satisfaction_summary,
        responses = total.responses,
        average = average_text(locale, &total),
        share = total.satisfied_percent()
    )
    .to_string();
    let content = if rows.is_empty() {
        view! { <p class="empty-state">{t!(i18n, satisfaction_none)}</p> }.into_any()
    } else {
        view! {
            <Chart by rows=rows.clone() />
            <Table by rows total />
        }
        .into_any()
    };
    view! {
        <h1>{t!(i18n, satisfaction_title)}</h1>
        <nav class="view-tabs" aria-label=move || t_string!(i18n, satisfaction_by).to_string()>
            {tabs}
        </nav>
        <Form method="GET" action="/desk/satisfaction" attr:class="list-filters">
            <input type="hidden" name="by" value=by.code() />
            <div class="field">
                <label for="satisfaction-period">{t!(i18n, satisfaction_period)}</label>
                <select id="satisfaction-period" name="period">
                    {periods}
                </select>
            </div>
            <button type="submit" class="button button--secondary">
                {t!(i18n, satisfaction_show)}
            </button>
        </Form>
        <div class="list-header">
            <p class="list-header__summary">{summary}</p>
            <a class="button button--secondary" href=report_href(".csv", by, period) download="">
                {t!(i18n, satisfaction_csv)}
            </a>
        </div>
        {content}
    }
}

/// The average rating of each row as a horizontal bar (1 to 5). The table below carries the same
/// figures for screen readers, so the picture is one labelled image.
#[component]
fn Chart(by: ReportBy, rows: Vec<SatisfactionRow>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    const ROW: usize = 28;
    const LABEL: f64 = 180.0;
    const WIDTH: f64 = 640.0;
    let bar_max = WIDTH - LABEL - 60.0;
    let height = rows.len() * ROW + 8;
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let y = (i * ROW + 4) as f64;
            let width = bar_max * row.average() / 5.0;
            let mut name = row_label(locale, by, row);
            if name.chars().count() > 24 {
                name = name.chars().take(23).collect::<String>() + "…";
            }
            view! {
                <text x=LABEL - 8.0 y=y + 17.0 text-anchor="end" class="chart__label">
                    {name}
                </text>
                <rect x=LABEL y=y + 4.0 width=width height=ROW as f64 - 10.0 class="chart__bar" />
                <text x=LABEL + width + 6.0 y=y + 17.0 class="chart__value">
                    {average_text(locale, row)}
                </text>
            }
        })
        .collect_view();
    let title = t_string!(i18n, satisfaction_chart).to_string();
    view! {
        <figure class="chart">
            <figcaption>{title.clone()}</figcaption>
            <svg
                role="img"
                aria-label=title
                viewBox=format!("0 0 {WIDTH} {height}")
                width="100%"
                preserveAspectRatio="xMinYMin meet"
            >
                {bars}
            </svg>
        </figure>
    }
}

#[component]
fn Table(by: ReportBy, rows: Vec<SatisfactionRow>, total: SatisfactionRow) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let line = move |name: String, row: &SatisfactionRow, strong: bool| {
        let class = strong.then_some("data-table__total");
        view! {
            <tr class=class>
                <th scope="row">{name}</th>
                <td>{row.responses}</td>
                <td>{average_text(locale, row)}</td>
                <td>{format!("{}%", row.satisfied_percent())}</td>
            </tr>
        }
    };
    let body = rows
        .iter()
        .map(|row| line(row_label(locale, by, row), row, false))
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="data-table">
                <caption class="sr-only">{t!(i18n, satisfaction_title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{by_label(locale, by)}</th>
                        <th scope="col">{t!(i18n, satisfaction_responses)}</th>
                        <th scope="col">{t!(i18n, satisfaction_average)}</th>
                        <th scope="col">{t!(i18n, satisfaction_share)}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
                <tfoot>{line(t_string!(i18n, satisfaction_total).to_string(), &total, true)}</tfoot>
            </table>
        </div>
    }
}
