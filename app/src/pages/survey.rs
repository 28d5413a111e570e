//! The satisfaction survey a closed case's contact is invited to by email: `/survey?token=…` (the
//! emailed link, no sign-in needed, so contacts without portal access answer too) and
//! `/cases/:number/survey` (signed in). A rating from 1 to 5 and an optional comment, answered
//! once. Another company's case, and a link that is unknown or expired, answer like a missing
//! case; a colleague who was not invited is told so.
use crate::api::surveys::{AnswerSurvey, get_survey};
use crate::components::form::{FieldError, TextAreaField, use_form_errors};
use crate::domain::surveys::{FEEDBACK_MAX, SurveyPage};
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::not_found::NotFoundPage;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

fn rating_label(locale: Locale, rating: u8) -> &'static str {
    match rating {
        1 => td_string!(locale, survey_rating_1),
        2 => td_string!(locale, survey_rating_2),
        3 => td_string!(locale, survey_rating_3),
        4 => td_string!(locale, survey_rating_4),
        _ => td_string!(locale, survey_rating_5),
    }
}

/// The survey page.
#[component]
pub fn SurveyPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let answer = ServerAction::<AnswerSurvey>::new();
    let survey = Resource::new_blocking(
        move || {
            (
                params.read().get("number").unwrap_or_default(),
                query.read().get("token").unwrap_or_default(),
            )
        },
        |(number, token)| get_survey(number, token),
    );
    let page = move || {
        Suspend::new(async move {
            match survey.await {
                Ok(page) => view! { <SurveyView page answer /> }.into_any(),
                Err(AppError::Forbidden) => {
                    let back = format!(
                        "/cases/{}",
                        params.read_untracked().get("number").unwrap_or_default()
                    );
                    view! {
                        <h1>{t!(i18n, survey_title)}</h1>
                        <p>{t!(i18n, survey_not_invited)}</p>
                        <p>
                            <A href=back>{t!(i18n, survey_back)}</A>
                        </p>
                    }
                    .into_any()
                }
                Err(_) if params.read_untracked().get("number").is_none() => view! {
                    <h1>{t!(i18n, survey_title)}</h1>
                    <p class="empty-state">{t!(i18n, survey_link_invalid)}</p>
                    <p>
                        <A href="/login">{t!(i18n, back_to_sign_in)}</A>
                    </p>
                }
                .into_any(),
                Err(_) => view! { <NotFoundPage /> }.into_any(),
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, survey_title).to_string() />
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{page}</Transition>
    }
    .into_any()
}

#[component]
fn SurveyView(page: SurveyPage, answer: ServerAction<AnswerSurvey>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = use_form_errors();
    let back = (!page.by_link).then(|| format!("/cases/{}", page.number));
    // The link's token answers for a visitor who is not signed in; the number for one who is.
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let number = if page.by_link {
        String::new()
    } else {
        page.number.clone()
    };
    let intro_number = page.number.clone();
    let body = match page.survey.rating {
        Some(rating) => view! {
            <p role="status" class="notice">
                {t!(i18n, survey_thanks)}
            </p>
            <h2>{t!(i18n, survey_your_answer)}</h2>
            <p>{move || rating_label(i18n.get_locale(), rating)}</p>
            {(!page.survey.feedback.is_empty())
                .then(|| view! { <p class="pre-line">{page.survey.feedback.clone()}</p> })}
        }
        .into_any(),
        None => {
            let has_rating_error = move || errors.with(|e| e.contains_key("rating"));
            view! {
                <ActionForm action=answer attr:class="form">
                    <input type="hidden" name="number" value=number />
                    <input type="hidden" name="token" value=token />
                    <FieldError field="_form" errors />
                    <fieldset
                        class="rating"
                        role="radiogroup"
                        aria-required="true"
                        aria-invalid=move || has_rating_error().to_string()
                        aria-describedby=move || has_rating_error().then_some("rating-error")
                    >
                        <legend>{t!(i18n, survey_rating_legend)}</legend>
                        {(1..=crate::domain::surveys::RATING_MAX)
                            .map(|r| {
                                let id = format!("rating-{r}");
                                view! {
                                    <div class="rating__option">
                                        <input
                                            type="radio"
                                            id=id.clone()
                                            name="rating"
                                            value=r.to_string()
                                        />
                                        <label for=id>
                                            {move || rating_label(i18n.get_locale(), r)}
                                        </label>
                                    </div>
                                }
                            })
                            .collect_view()}
                        <FieldError field="rating" errors />
                    </fieldset>
                    <TextAreaField
                        name="feedback"
                        id="survey-feedback"
                        label=Signal::derive(move || {
                            t_string!(i18n, survey_feedback_label).to_string()
                        })
                        rows=4
                        max_chars=FEEDBACK_MAX
                        errors
                    />
                    <button type="submit" class="button button--primary">
                        {t!(i18n, survey_submit)}
                    </button>
                </ActionForm>
            }
            .into_any()
        }
    };
    view! {
        <h1>{t!(i18n, survey_title)}</h1>
        <p>{t!(i18n, survey_intro, number = intro_number)}</p>
        <p>
            <strong>{page.subject.clone()}</strong>
        </p>
        {body}
        {back
            .map(|back| {
                view! {
                    <p>
                        <A href=back>{t!(i18n, survey_back)}</A>
                    </p>
                }
            })}
    }
}
