//! The satisfaction survey: closing a case (`services::desk`) invites its contact, who answers
//! once on the portal.
use crate::backend::access::visible_case;
use crate::backend::auth::Actor;
use crate::backend::policy;
use crate::backend::state::AppState;
use crate::backend::store::{CaseDetailRow, SurveyRow};
use crate::domain::surveys::{FEEDBACK_MAX, SurveyPage, SurveyView, parse_rating};
use crate::domain::{CaseId, CaseNumber, UserId};
use crate::error::AppError;
use crate::messages::MessageKey;

fn view(row: SurveyRow, viewer: UserId) -> SurveyView {
    SurveyView {
        awaits_me: row.recipient_id == viewer && row.answered_at.is_none(),
        recipient_name: row.recipient_name,
        sent_at: row.sent_at.to_rfc3339(),
        rating: row.rating.and_then(|r| u8::try_from(r).ok()),
        feedback: row.feedback,
        answered_at: row.answered_at.map(|t| t.to_rfc3339()),
    }
}

/// The survey invitations of a case the caller may see (for the case page).
pub async fn list(
    state: &AppState,
    actor: &Actor,
    case: CaseId,
) -> Result<Vec<SurveyView>, AppError> {
    let viewer = actor.signed_in()?;
    Ok(state
        .store
        .case_surveys(case)
        .await?
        .into_iter()
        .map(|row| view(row, viewer))
        .collect())
}

/// Case `number` and the caller's invitation to its survey: `NotFound` for a case they cannot see
/// (as for a missing one), `Forbidden` when they were not invited.
async fn own_invitation(
    state: &AppState,
    actor: &Actor,
    number: &str,
) -> Result<(CaseDetailRow, SurveyRow, UserId), AppError> {
    let viewer = actor.signed_in()?;
    let case = visible_case(&state.store, actor, number).await?;
    let survey = state
        .store
        .case_surveys(case.id)
        .await?
        .into_iter()
        .find(|row| policy::can_answer_survey(actor, row.recipient_id))
        .ok_or(AppError::Forbidden)?;
    Ok((case, survey, viewer))
}

fn page(case: CaseDetailRow, survey: SurveyRow, viewer: UserId) -> SurveyPage {
    SurveyPage {
        number: CaseNumber(case.number).to_string(),
        subject: case.subject,
        survey: view(survey, viewer),
    }
}

/// The caller's own invitation for case `number` (see [`own_invitation`] for who has none).
pub async fn survey_page(
    state: &AppState,
    actor: &Actor,
    number: &str,
) -> Result<SurveyPage, AppError> {
    let (case, survey, viewer) = own_invitation(state, actor, number).await?;
    Ok(page(case, survey, viewer))
}

/// Records the caller's answer to their invitation for case `number`: a rating of 1 to 5 and an
/// optional comment, once. Field errors: `rating`, `feedback`; a second answer is a `_form` error.
pub async fn answer(
    state: &AppState,
    actor: &Actor,
    number: &str,
    rating: &str,
    feedback: &str,
) -> Result<SurveyPage, AppError> {
    let (case, mut survey, viewer) = own_invitation(state, actor, number).await?;
    if survey.answered_at.is_some() {
        return Err(AppError::field("_form", MessageKey::SurveyAnswered));
    }
    let rating =
        parse_rating(rating).ok_or_else(|| AppError::field("rating", MessageKey::Rating))?;
    let feedback = feedback.trim();
    if feedback.chars().count() > FEEDBACK_MAX {
        return Err(AppError::field("feedback", MessageKey::FeedbackLong));
    }
    let now = chrono::Utc::now();
    if !state
        .store
        .answer_survey(case.id, viewer, i32::from(rating), feedback, now)
        .await?
    {
        // Answered in another tab a moment ago.
        return Err(AppError::field("_form", MessageKey::SurveyAnswered));
    }
    survey.rating = Some(i32::from(rating));
    survey.feedback = feedback.to_string();
    survey.answered_at = Some(now);
    Ok(page(case, survey, viewer))
}
