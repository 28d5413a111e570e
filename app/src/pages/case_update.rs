//! Parts of the case page: support's "Update case" form (status, priority, assignee, resolution),
//! the case's history for support, and the related list "Survey invitations and responses".
use crate::api::desk::UpdateCase;
use crate::components::form::{FieldError, SelectField, TextAreaField, use_form_errors};
use crate::components::time::{When, local_time};
use crate::domain::case_page::{DeskView, EventKind, EventView};
use crate::domain::surveys::{RESOLUTION_MAX, SurveyView};
use crate::domain::{CaseStatus, Priority};
use crate::i18n::*;
use crate::pages::cases::{priority_label, status_label_for};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;

/// Every status support can set, in their usual order.
const STATUSES: [CaseStatus; 5] = [
    CaseStatus::New,
    CaseStatus::InProgress,
    CaseStatus::AwaitingCustomer,
    CaseStatus::Solved,
    CaseStatus::Closed,
];

/// Support's form for the status, the priority, the assignee and the resolution. `action` is the
/// page's, so that the case reloads after a change; without JavaScript the server sends the
/// browser back here.
#[component]
pub fn CaseUpdateForm(
    /// The case number.
    number: String,
    /// Its status now.
    status: CaseStatus,
    /// Its priority now.
    priority: Priority,
    /// Its resolution now.
    resolution: String,
    /// Who may be assigned, and who is.
    desk: DeskView,
    /// The page's update action.
    action: ServerAction<UpdateCase>,
) -> impl IntoView {
    let i18n = use_i18n();
    let errors = use_form_errors();
    let statuses = Signal::derive(move || {
        let locale = i18n.get_locale();
        STATUSES
            .iter()
            .map(|s| {
                (
                    s.code().to_string(),
                    status_label_for(locale, *s, true).to_string(),
                )
            })
            .collect::<Vec<_>>()
    });
    let priorities = Signal::derive(move || {
        let locale = i18n.get_locale();
        Priority::ALL
            .iter()
            .map(|p| (p.code().to_string(), priority_label(locale, *p).to_string()))
            .collect::<Vec<_>>()
    });
    let staff = desk.staff.clone();
    let inactive = desk.assignee.filter(|_| desk.assignee_inactive);
    let assignees = Signal::derive(move || {
        let mut options = vec![(String::new(), t_string!(i18n, assignee_none).to_string())];
        options.extend(staff.iter().map(|(id, name)| {
            let label = if Some(*id) == inactive {
                t_string!(i18n, assignee_deactivated, name = name.clone()).to_string()
            } else {
                name.clone()
            };
            (id.0.to_string(), label)
        }));
        options
    });
    let assigned = desk.assignee.map(|a| a.0.to_string()).unwrap_or_default();
    let query = leptos_router::hooks::use_query_map();
    let saved = move || query.read().get("updated").is_some();
    view! {
        <section id="update" aria-labelledby="update-title" class="related">
            <h2 id="update-title">{t!(i18n, update_heading)}</h2>
            <ActionForm action attr:class="form">
                <input type="hidden" name="number" value=number />
                <FieldError field="_form" errors />
                <SelectField
                    name="status"
                    label=Signal::derive(move || t_string!(i18n, update_status_label).to_string())
                    options=statuses
                    selected=status.code().to_string()
                    errors
                />
                <SelectField
                    name="priority"
                    label=Signal::derive(move || t_string!(i18n, field_priority).to_string())
                    options=priorities
                    selected=priority.code().to_string()
                    errors
                />
                <SelectField
                    name="assignee"
                    label=Signal::derive(move || t_string!(i18n, field_assignee).to_string())
                    options=assignees
                    selected=assigned
                    errors
                />
                <TextAreaField
                    name="resolution"
                    id="update-resolution"
                    label=Signal::derive(move || {
                        t_string!(i18n, update_resolution_label).to_string()
                    })
                    rows=4
                    max_chars=RESOLUTION_MAX
                    value=resolution
                    errors
                />
                <p class="field-hint">{t!(i18n, update_resolution_hint)}</p>
                <button type="submit" class="button button--primary">
                    {t!(i18n, update_submit)}
                </button>
                <p role="status" class="form-status">
                    {move || saved().then_some(t!(i18n, update_saved))}
                </p>
            </ActionForm>
        </section>
    }
}

/// One history entry as a sentence: "Status: New → In progress".
fn event_text(locale: Locale, e: &EventView) -> String {
    let status = |code: &str| {
        CaseStatus::from_code(code).map_or(code.to_string(), |s| {
            status_label_for(locale, s, true).to_string()
        })
    };
    let priority = |code: &str| {
        Priority::from_code(code)
            .map_or(code.to_string(), |p| priority_label(locale, p).to_string())
    };
    let blank = |text: &str| {
        if text.is_empty() {
            td_string!(locale, history_none).to_string()
        } else {
            text.to_string()
        }
    };
    let person = |name: &str| {
        if name.is_empty() {
            td_string!(locale, assignee_none).to_string()
        } else {
            name.to_string()
        }
    };
    match e.kind {
        EventKind::Status => td_string!(
            locale,
            history_status,
            old = status(&e.old_value),
            new = status(&e.new_value)
        )
        .to_string(),
        EventKind::Priority => td_string!(
            locale,
            history_priority,
            old = priority(&e.old_value),
            new = priority(&e.new_value)
        )
        .to_string(),
        EventKind::Assignee => td_string!(
            locale,
            history_assignee,
            old = person(&e.old_value),
            new = person(&e.new_value)
        )
        .to_string(),
        EventKind::Resolution => {
            td_string!(locale, history_resolution, text = e.new_value.clone()).to_string()
        }
        EventKind::Comment => {
            td_string!(locale, history_comment, text = e.new_value.clone()).to_string()
        }
        EventKind::InternalComment => {
            td_string!(locale, history_internal_comment, text = e.new_value.clone()).to_string()
        }
        EventKind::Subject => td_string!(
            locale,
            history_subject,
            old = e.old_value.clone(),
            new = e.new_value.clone()
        )
        .to_string(),
        EventKind::Description => {
            td_string!(locale, history_description, text = e.new_value.clone()).to_string()
        }
        EventKind::Product => td_string!(
            locale,
            history_product,
            old = blank(&e.old_value),
            new = blank(&e.new_value)
        )
        .to_string(),
        EventKind::Country => td_string!(
            locale,
            history_country,
            old = blank(&e.old_value),
            new = blank(&e.new_value)
        )
        .to_string(),
        EventKind::Contact => td_string!(
            locale,
            history_contact,
            old = e.old_value.clone(),
            new = e.new_value.clone()
        )
        .to_string(),
        EventKind::File => {
            td_string!(locale, history_file_added, name = e.new_value.clone()).to_string()
        }
        EventKind::FileVersion => td_string!(
            locale,
            history_file_version,
            name = e.new_value.clone(),
            version = e.old_value.clone()
        )
        .to_string(),
        EventKind::FileRemoved => {
            td_string!(locale, history_file_removed, name = e.new_value.clone()).to_string()
        }
        EventKind::ArticleAttached => {
            td_string!(locale, history_article_attached, text = e.new_value.clone()).to_string()
        }
        EventKind::ArticleRemoved => {
            td_string!(locale, history_article_detached, text = e.new_value.clone()).to_string()
        }
    }
}

/// "History (N)": every change of the case, oldest first, with who and when (support only; the
/// server sends it to no one else).
#[component]
pub fn CaseHistory(
    /// The entries.
    history: Vec<EventView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = history.len();
    let items = move || {
        let locale = i18n.get_locale();
        history
            .iter()
            .map(|e| {
                let who = e
                    .actor_name
                    .clone()
                    .unwrap_or_else(|| td_string!(locale, history_by_portico).to_string());
                let at = e.created_at.clone();
                view! {
                    <li>
                        <p class="history__meta">
                            <When at=at.clone() />
                            " · "
                            {who}
                        </p>
                        <p class="pre-line">{event_text(locale, e)}</p>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section aria-labelledby="history-title" class="related">
            <div data-live="history">
                <h2 id="history-title">{t!(i18n, history_heading)} " (" {total} ")"</h2>
                {if total == 0 {
                    view! { <p>{t!(i18n, none_yet)}</p> }.into_any()
                } else {
                    view! { <ol class="history">{items}</ol> }.into_any()
                }}
            </div>
        </section>
    }
}

/// "Survey invitations and responses (N)": who was invited when, and the answer, if any. The
/// invited contact gets a link to answer.
#[component]
pub fn SurveyList(
    /// The case number.
    number: String,
    /// The invitations.
    surveys: Vec<SurveyView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = surveys.len();
    let href = format!("/cases/{number}/survey");
    let items = surveys
        .into_iter()
        .map(|s| {
            let date = local_time(&s.sent_at);
            let name = s.recipient_name.clone();
            let answer = match s.rating {
                Some(rating) => view! {
                    <p>
                        <strong>{t!(i18n, survey_rated, rating = rating)}</strong>
                        {s
                            .answered_at
                            .as_deref()
                            .map(|at| {
                                let at = at.to_string();
                                view! {
                                    " · "
                                    <When at=at.clone() />
                                }
                            })}
                    </p>
                    {(!s.feedback.is_empty())
                        .then(|| view! { <p class="pre-line">{s.feedback.clone()}</p> })}
                }
                .into_any(),
                None => view! {
                    <p>
                        {t!(i18n, survey_awaiting)}
                        {s
                            .awaits_me
                            .then(|| {
                                let href = href.clone();
                                view! {
                                    " · "
                                    <A href=href>{t!(i18n, survey_answer_link)}</A>
                                }
                            })}
                    </p>
                }
                .into_any(),
            };
            view! {
                <li class="survey">
                    <p class="survey__meta">
                        {move || {
                            t_string!(i18n, survey_sent, name = name.clone(), date = date.clone())
                                .to_string()
                        }}
                    </p>
                    {answer}
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="surveys-title" class="related">
            <div data-live="surveys">
                <h2 id="surveys-title">{t!(i18n, surveys_heading)} " (" {total} ")"</h2>
                {if total == 0 {
                    view! { <p>{t!(i18n, none_yet)}</p> }.into_any()
                } else {
                    view! { <ul class="surveys">{items}</ul> }.into_any()
                }}
            </div>
        </section>
    }
}
