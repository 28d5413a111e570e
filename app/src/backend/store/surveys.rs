//! Satisfaction surveys: the invitations of a case and their one answer.

use super::*;

/// A survey invitation with its answer, if any.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SurveyRow {
    /// Who was invited.
    pub recipient_id: UserId,
    /// Their name.
    pub recipient_name: String,
    /// When the invitation went out.
    pub sent_at: DateTime<Utc>,
    /// 1 to 5, once answered.
    pub rating: Option<i32>,
    /// The answer's comment.
    pub feedback: String,
    /// When it was answered.
    pub answered_at: Option<DateTime<Utc>>,
}

/// SQL shared by both backends.
pub(super) mod sql {
    pub const UPDATE_CASE_STATUS: &str = "UPDATE cases SET status = $1, resolution = $2, \
         closed_at = $3, updated_at = $4, priority = $6, assignee_id = $7 WHERE id = $5 AND status = $8";
    // `ON CONFLICT .. DO NOTHING RETURNING` returns no row for an existing invitation, on both.
    pub const INSERT_SURVEY: &str = "INSERT INTO case_surveys (case_id, recipient_id, sent_at) \
         VALUES ($1, $2, $3) ON CONFLICT (case_id, recipient_id) DO NOTHING RETURNING id";
    pub const CASE_SURVEYS: &str = "SELECT s.recipient_id, u.name AS recipient_name, s.sent_at, \
         s.rating, s.feedback, s.answered_at FROM case_surveys s JOIN users u ON u.id = s.recipient_id \
         WHERE s.case_id = $1 ORDER BY s.sent_at, s.id";
    pub const ANSWER_SURVEY: &str = "UPDATE case_surveys SET rating = $3, feedback = $4, \
         answered_at = $5 WHERE case_id = $1 AND recipient_id = $2 AND answered_at IS NULL";
    pub const CASE_UPDATE_MAIL: &str = "SELECT c.number, c.subject, c.status, c.resolution, \
         p.name AS product_name, c.thread_token, c.priority, r.email, r.name, r.language, r.role, r.active \
         FROM cases c LEFT JOIN products p ON p.id = c.product_id JOIN users r ON r.id = $2 \
         WHERE c.id = $1";
}

impl Store {
    /// A case's survey invitations, oldest first.
    pub async fn case_surveys(&self, case: CaseId) -> StoreResult<Vec<SurveyRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, SurveyRow>(surveys::sql::CASE_SURVEYS)
                .bind(case)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Records `recipient`'s answer; `false` if there is no unanswered invitation.
    pub async fn answer_survey(
        &self,
        case: CaseId,
        recipient: UserId,
        rating: i32,
        feedback: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        db!(self, |pool, DB| {
            let done = sqlx::query::<DB>(surveys::sql::ANSWER_SURVEY)
                .bind(case)
                .bind(recipient)
                .bind(rating)
                .bind(feedback)
                .bind(now)
                .execute(pool)
                .await
                .map_err(StoreError::from_sqlx)?;
            Ok(done.rows_affected() == 1)
        })
    }
}
