//! The customer's satisfaction survey.
use crate::domain::surveys::SurveyPage;
use crate::error::AppError;
use leptos::prelude::*;

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
