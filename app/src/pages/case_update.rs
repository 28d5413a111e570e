//! Two parts of the case page: support's "Update case" form (status and resolution) and the
//! related list "Survey invitations and responses".
use crate::api::surveys::UpdateCase;
use crate::components::form::{FieldError, SelectField, TextAreaField, use_form_errors};
use crate::domain::CaseStatus;
use crate::domain::surveys::{RESOLUTION_MAX, SurveyView};
use crate::i18n::*;
use crate::pages::cases::{short_time, status_label};
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

/// Support's form for the status and the resolution. `action` is the page's, so that the case
/// reloads after a change; without JavaScript the server sends the browser back here.
#[component]
pub fn CaseUpdateForm(
    /// The case number.
    number: String,
    /// Its status now.
    status: CaseStatus,
    /// Its resolution now.
    resolution: String,
    /// The page's update action.
    action: ServerAction<UpdateCase>,
) -> impl IntoView {
    let i18n = use_i18n();
    let errors = use_form_errors();
    let options = Signal::derive(move || {
        let locale = i18n.get_locale();
        STATUSES
            .iter()
            .map(|s| (s.code().to_string(), status_label(locale, *s).to_string()))
            .collect::<Vec<_>>()
    });
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
                    options
                    selected=status.code().to_string()
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
            let date = short_time(&s.sent_at);
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
                                    <time datetime=at.clone()>{short_time(&at)}</time>
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
            <h2 id="surveys-title">{t!(i18n, surveys_heading)} " (" {total} ")"</h2>
            {if total == 0 {
                view! { <p>{t!(i18n, none_yet)}</p> }.into_any()
            } else {
                view! { <ul class="surveys">{items}</ul> }.into_any()
            }}
        </section>
    }
}
