//! Support's case updates (status, resolution) and the customer's satisfaction survey.
use crate::domain::CaseStatus;
use crate::domain::surveys::SurveyPage;
use crate::error::AppError;
use leptos::prelude::*;

/// Sets case `number`'s status and resolution (support staff). Solving emails the resolution;
/// closing invites the contact to the survey. Without JavaScript the browser goes back to the case
/// page (with the error, if any).
#[server(endpoint = "update_case")]
pub async fn update_case(
    number: String,
    #[server(default)] status: String,
    #[server(default)] resolution: String,
) -> Result<Option<CaseStatus>, AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let page = format!("/cases/{}", crate::domain::encode_query_value(&number));
    match services::surveys::update_case(&state, &actor, &number, &status, &resolution).await {
        Ok(status) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{page}?updated=1#update"));
            }
            Ok(Some(status))
        }
        Err(e) => form_failure(&format!("{page}#update"), e).map(|()| None),
    }
}

/// The caller's survey invitation for case `number` (only the invited contact has one).
#[server(endpoint = "get_survey")]
pub async fn get_survey(number: String) -> Result<SurveyPage, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::surveys::survey_page(&state, &actor, &number)
        .await
        .map_err(respond_with)
}

/// Answers the caller's survey for case `number`: `rating` 1-5 and an optional `feedback`, once.
/// Without JavaScript the browser goes back to the survey page.
#[server(endpoint = "answer_survey")]
pub async fn answer_survey(
    number: String,
    #[server(default)] rating: String,
    #[server(default)] feedback: String,
) -> Result<Option<SurveyPage>, AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let page = format!(
        "/cases/{}/survey",
        crate::domain::encode_query_value(&number)
    );
    match services::surveys::answer(&state, &actor, &number, &rating, &feedback).await {
        Ok(answered) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&page);
            }
            Ok(Some(answered))
        }
        Err(e) => form_failure(&page, e).map(|()| None),
    }
}
