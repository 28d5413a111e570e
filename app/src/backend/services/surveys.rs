//! The satisfaction survey: closing a case (`services::desk`) invites its contact, who answers
//! once, on the portal or through the emailed link (no sign-in needed); and the report of the
//! answers, for administrators.
use crate::backend::access::visible_case;
use crate::backend::auth::Actor;
use crate::backend::policy;
use crate::backend::state::AppState;
use crate::backend::store::{CaseDetailRow, SurveyRow};
use crate::domain::surveys::{
    FEEDBACK_MAX, ReportBy, ReportPeriod, SatisfactionReport, SatisfactionRow, SurveyPage,
    SurveyView, parse_rating,
};
use crate::domain::{CaseId, CaseNumber, UserId};
use crate::error::AppError;
use crate::messages::MessageKey;
use chrono::Utc;

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

/// Which invitation a survey page or answer is about.
#[derive(Debug, Clone, Copy)]
pub enum Invitation<'a> {
    /// The signed-in caller's own, for case `number`.
    Case(&'a str),
    /// The one whose emailed link this is (`token` as in the link).
    Link(&'a str),
}

impl<'a> Invitation<'a> {
    /// The link's token when there is one, else the case's `number`.
    pub fn of(number: &'a str, token: &'a str) -> Self {
        if token.is_empty() {
            Invitation::Case(number)
        } else {
            Invitation::Link(token)
        }
    }

    /// The survey page of this invitation (where a form without JavaScript goes back to).
    pub fn page(self) -> String {
        use crate::domain::encode_query_value;
        match self {
            Invitation::Case(number) => format!("/cases/{}/survey", encode_query_value(number)),
            Invitation::Link(token) => format!("/survey?token={}", encode_query_value(token)),
        }
    }
}

/// The invitation's case, who was invited, and what the page shows. A case the caller cannot see
/// and a link that is unknown or expired answer `NotFound` (as a missing case); a signed-in caller
/// who was not invited gets `Forbidden`.
async fn invitation(
    state: &AppState,
    actor: &Actor,
    which: Invitation<'_>,
) -> Result<(CaseId, UserId, SurveyPage), AppError> {
    match which {
        Invitation::Case(number) => {
            let viewer = actor.signed_in()?;
            let case: CaseDetailRow = visible_case(&state.store, actor, number).await?;
            let survey = state
                .store
                .case_surveys(case.id)
                .await?
                .into_iter()
                .find(|row| policy::can_answer_survey(actor, row.recipient_id))
                .ok_or(AppError::Forbidden)?;
            Ok((
                case.id,
                viewer,
                SurveyPage {
                    number: CaseNumber(case.number).to_string(),
                    subject: case.subject,
                    survey: view(survey, viewer),
                    by_link: false,
                },
            ))
        }
        Invitation::Link(token) => {
            let row = state
                .store
                .survey_by_token(&crate::backend::auth::token_hash(token))
                .await?
                .filter(|row| policy::can_answer_survey_by_link(row.token_expires_at, Utc::now()))
                .ok_or(AppError::NotFound)?;
            let invited = row.survey.recipient_id;
            Ok((
                row.case_id,
                invited,
                SurveyPage {
                    number: CaseNumber(row.number).to_string(),
                    subject: row.subject,
                    survey: view(row.survey, invited),
                    by_link: true,
                },
            ))
        }
    }
}

/// The survey page of invitation `which` (see [`invitation`] for who has none).
pub async fn survey_page(
    state: &AppState,
    actor: &Actor,
    which: Invitation<'_>,
) -> Result<SurveyPage, AppError> {
    Ok(invitation(state, actor, which).await?.2)
}

/// Records the answer to invitation `which`: a rating of 1 to 5 and an optional comment, once.
/// Field errors: `rating`, `feedback`; a second answer is a `_form` error.
pub async fn answer(
    state: &AppState,
    actor: &Actor,
    which: Invitation<'_>,
    rating: &str,
    feedback: &str,
) -> Result<SurveyPage, AppError> {
    let (case, recipient, mut page) = invitation(state, actor, which).await?;
    if page.survey.answered_at.is_some() {
        return Err(AppError::field("_form", MessageKey::SurveyAnswered));
    }
    let rating =
        parse_rating(rating).ok_or_else(|| AppError::field("rating", MessageKey::Rating))?;
    let feedback = feedback.trim();
    if feedback.chars().count() > FEEDBACK_MAX {
        return Err(AppError::field("feedback", MessageKey::FeedbackLong));
    }
    let now = Utc::now();
    if !state
        .store
        .answer_survey(case, recipient, i32::from(rating), feedback, now)
        .await?
    {
        // Answered in another tab a moment ago.
        return Err(AppError::field("_form", MessageKey::SurveyAnswered));
    }
    page.survey.rating = Some(rating);
    page.survey.feedback = feedback.to_string();
    page.survey.answered_at = Some(now.to_rfc3339());
    page.survey.awaits_me = false;
    tracing::info!(case = %case, rating, by_link = page.by_link, "survey answered");
    Ok(page)
}

/// The satisfaction report: the answers of `period`, grouped `by` agent, product or month.
/// Administrators only.
pub async fn report(
    state: &AppState,
    actor: &Actor,
    by: ReportBy,
    period: ReportPeriod,
) -> Result<SatisfactionReport, AppError> {
    policy::require(actor, policy::can_read_satisfaction)?;
    let since = match period.days() {
        Some(days) => Utc::now() - chrono::Duration::days(days),
        None => chrono::DateTime::<Utc>::UNIX_EPOCH,
    };
    let rows: Vec<SatisfactionRow> = state
        .store
        .satisfaction(by, since)
        .await?
        .into_iter()
        .map(|r| SatisfactionRow {
            label: r.label.unwrap_or_default(),
            responses: r.responses,
            rating_sum: r.rating_sum,
            satisfied: r.satisfied,
        })
        .collect();
    // The groups split the answers between them, so the total is their sum.
    let total = rows.iter().fold(
        SatisfactionRow {
            label: String::new(),
            responses: 0,
            rating_sum: 0,
            satisfied: 0,
        },
        |mut total, row| {
            total.responses += row.responses;
            total.rating_sum += row.rating_sum;
            total.satisfied += row.satisfied;
            total
        },
    );
    Ok(SatisfactionReport {
        by,
        period,
        rows,
        total,
    })
}

/// The report as CSV (RFC 4180, `\r\n` line ends, a BOM so spreadsheets read UTF-8): the grouping,
/// responses, average rating (two decimals, `.`) and the share rated 4 or 5 in percent, one line
/// per row and the total last, with headers in `language`. Names are guarded against formulas.
pub fn report_csv(report: &SatisfactionReport, language: crate::domain::Language) -> String {
    use crate::domain::surveys::csv_field;
    use crate::i18n::td_string;
    use crate::pages::satisfaction::{by_label, row_label};
    let l = crate::backend::mail::locale(language);
    let mut out = String::from("\u{feff}");
    let header = [
        by_label(l, report.by),
        td_string!(l, satisfaction_responses),
        td_string!(l, satisfaction_average),
        td_string!(l, satisfaction_share),
    ];
    out.push_str(&header.map(csv_field).join(","));
    out.push_str("\r\n");
    let total = td_string!(l, satisfaction_total).to_string();
    let lines = report
        .rows
        .iter()
        .map(|row| (row_label(l, report.by, row), row))
        .chain(std::iter::once((total, &report.total)));
    for (name, row) in lines {
        out.push_str(&format!(
            "{},{},{:.2},{}\r\n",
            csv_field(&name),
            row.responses,
            row.average(),
            row.satisfied_percent()
        ));
    }
    out
}
