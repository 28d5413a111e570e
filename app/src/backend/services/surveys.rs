//! Support updates a case's status and resolution; solving it emails the solution to the contact
//! and followers, closing it invites the contact to a satisfaction survey, which they answer once
//! on the portal.
use crate::backend::access::visible_case;
use crate::backend::auth::Actor;
use crate::backend::jobs::Job;
use crate::backend::policy;
use crate::backend::state::AppState;
use crate::backend::store::{CaseDetailRow, CaseUpdate, SurveyRow};
use crate::domain::surveys::{FEEDBACK_MAX, RESOLUTION_MAX, SurveyPage, SurveyView, parse_rating};
use crate::domain::{CaseId, CaseNumber, CaseStatus, Role, UserId};
use crate::error::AppError;
use crate::messages::MessageKey;

/// Sets case `number`'s status and resolution (support staff only). A resolution is required to
/// solve or close. Moving to "solved" emails the resolution to the contact and every follower
/// (not the author); moving to "closed" invites the contact, once per case, to the survey; any
/// other change of status emails the contact and the followers (not the author, and not the
/// contact who gets the survey, whose invitation says the case is closed). Field errors:
/// `status`, `resolution`. Returns the new status.
pub async fn update_case(
    state: &AppState,
    actor: &Actor,
    number: &str,
    status: &str,
    resolution: &str,
) -> Result<CaseStatus, AppError> {
    // Asked before the case is read: a customer learns nothing, not even whether it exists.
    let author = policy::require(actor, policy::can_update_case)?;
    let case = visible_case(&state.store, actor, number).await?;
    let new = CaseStatus::from_code(status.trim())
        .ok_or_else(|| AppError::field("status", MessageKey::StatusInvalid))?;
    let resolution = resolution.trim();
    if resolution.chars().count() > RESOLUTION_MAX {
        return Err(AppError::field("resolution", MessageKey::ResolutionLong));
    }
    if resolution.is_empty() && matches!(new, CaseStatus::Solved | CaseStatus::Closed) {
        return Err(AppError::field(
            "resolution",
            MessageKey::ResolutionRequired,
        ));
    }
    let old = case.status;
    if old == new && resolution == case.resolution {
        return Ok(new);
    }
    // Everyone told about a change of status: the contact and the followers, not the author.
    let mut told = Vec::new();
    if new != old {
        told.push(case.contact_id);
        for follower in state.store.case_followers(case.id).await? {
            if !told.contains(&follower) {
                told.push(follower);
            }
        }
        told.retain(|r| *r != author);
    }
    // "A solution was proposed", or any other change of status; one job per recipient.
    let told_job = move |case, recipient| {
        if new == CaseStatus::Solved {
            Job::CaseSolved { case, recipient }
        } else {
            Job::CaseStatus { case, recipient }
        }
    };
    let mut invite = None;
    if new == CaseStatus::Closed && old != CaseStatus::Closed {
        let contact = state.store.get_user(case.contact_id).await?;
        if contact.active && contact.role == Role::Customer {
            invite = Some(case.contact_id);
        }
    }
    let now = chrono::Utc::now();
    let update = CaseUpdate {
        case_id: case.id,
        status: new,
        resolution: resolution.to_string(),
        closed_at: (new == CaseStatus::Closed).then_some(now),
        invite,
        now,
    };
    let case_id = case.id;
    let jobs = move |invited: bool| {
        let surveyed = invite.filter(|_| invited);
        let mut jobs: Vec<Job> = told
            .iter()
            .filter(|r| Some(**r) != surveyed)
            .map(|r| told_job(case_id, *r))
            .collect();
        if let Some(contact) = surveyed {
            jobs.push(Job::CaseSurvey {
                case: case_id,
                recipient: contact,
            });
        }
        jobs
    };
    state.store.update_case_status(&update, &jobs).await?;
    Ok(new)
}

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
