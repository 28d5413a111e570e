//! The customer's satisfaction survey, and the administrators' report of its answers.
use crate::domain::surveys::{SatisfactionReport, SurveyPage};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

/// A survey invitation: the emailed link's `token` (no sign-in needed), or else the signed-in
/// caller's own for case `number` (only the invited contact has one).
#[server(endpoint = "get_survey")]
pub async fn get_survey(
    #[server(default)] number: String,
    #[server(default)] token: String,
) -> Result<SurveyPage, AppError> {
    use crate::backend::services::surveys::{Invitation, survey_page};
    use crate::backend::{auth, respond_with, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    survey_page(&state, &actor, Invitation::of(&number, &token))
        .await
        .map_err(respond_with)
}

/// Answers the survey (`token` or `number` as for [`get_survey`]): `rating` 1-5 and an optional
/// `feedback`, once. Without JavaScript the browser goes back to the survey page.
#[server(endpoint = "answer_survey")]
pub async fn answer_survey(
    #[server(default)] number: String,
    #[server(default)] token: String,
    #[server(default)] rating: String,
    #[server(default)] feedback: String,
) -> Result<Option<SurveyPage>, AppError> {
    use crate::backend::services::surveys::{Invitation, answer};
    use crate::backend::{auth, form_failure, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let which = Invitation::of(&number, &token);
    let page = which.page();
    match answer(&state, &actor, which, &rating, &feedback).await {
        Ok(answered) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&page);
            }
            Ok(Some(answered))
        }
        Err(e) => form_failure(&page, e).map(|()| None),
    }
}

/// The satisfaction report: answers of `period` (`30d`, `90d`, `12m`, `all`) grouped `by`
/// `agent`, `product` or `month`. Administrators only.
#[server(endpoint = "get_satisfaction", input = GetUrl)]
pub async fn get_satisfaction(
    #[server(default)] by: String,
    #[server(default)] period: String,
) -> Result<SatisfactionReport, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    use crate::domain::surveys::{ReportBy, ReportPeriod};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::surveys::report(
        &state,
        &actor,
        ReportBy::parse(&by),
        ReportPeriod::parse(&period),
    )
    .await
    .map_err(respond_with)
}
