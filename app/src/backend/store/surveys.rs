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

/// An invitation found by its emailed link, with its case.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SurveyLinkRow {
    /// The case.
    pub case_id: CaseId,
    /// The case's number.
    pub number: i64,
    /// The case's subject.
    pub subject: String,
    /// Until when the link answers.
    pub token_expires_at: Option<DateTime<Utc>>,
    /// The invitation.
    #[sqlx(flatten)]
    pub survey: SurveyRow,
}

/// One group of the satisfaction report, as the database counts it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SatisfactionCountRow {
    /// The agent's or product's name, or the month (`YYYY-MM`); `None` for no assignee or product.
    pub label: Option<String>,
    /// Answers.
    pub responses: i64,
    /// The ratings added up.
    pub rating_sum: i64,
    /// Answers rated 4 or 5.
    pub satisfied: i64,
}

/// SQL shared by both backends.
pub(super) mod sql {
    pub const ISSUE_SURVEY_TOKEN: &str = "UPDATE case_surveys SET token_hash = $3, \
         token_expires_at = $4 WHERE case_id = $1 AND recipient_id = $2 AND answered_at IS NULL";
    pub const SURVEY_BY_TOKEN: &str = "SELECT s.case_id, c.number, c.subject, s.token_expires_at, \
         s.recipient_id, u.name AS recipient_name, s.sent_at, s.rating, s.feedback, s.answered_at \
         FROM case_surveys s JOIN cases c ON c.id = s.case_id JOIN users u ON u.id = s.recipient_id \
         WHERE s.token_hash = $1";
    /// The report's counts of the answers since `$1`, grouped by `label` (the caller's `SELECT`
    /// of it and `JOIN`s come first).
    macro_rules! satisfaction {
        ($label:literal, $join:literal, $group:literal, $order:literal) => {
            concat!(
                "SELECT ",
                $label,
                " AS label, COUNT(*) AS responses, COALESCE(SUM(s.rating), 0) AS rating_sum, \
                 COALESCE(SUM(CASE WHEN s.rating >= 4 THEN 1 ELSE 0 END), 0) AS satisfied \
                 FROM case_surveys s JOIN cases c ON c.id = s.case_id ",
                $join,
                " WHERE s.answered_at IS NOT NULL AND s.answered_at >= $1 GROUP BY ",
                $group,
                " ORDER BY ",
                $order
            )
        };
    }
    pub const SATISFACTION_BY_AGENT: &str = satisfaction!(
        "u.name",
        "LEFT JOIN users u ON u.id = c.assignee_id",
        "c.assignee_id, u.name",
        "responses DESC, label"
    );
    pub const SATISFACTION_BY_PRODUCT: &str = satisfaction!(
        "p.name",
        "LEFT JOIN products p ON p.id = c.product_id",
        "c.product_id, p.name",
        "responses DESC, label"
    );
    // DIALECT: SQLite keeps times as RFC 3339 text in UTC, so the month is its first 7 characters;
    // PostgreSQL formats the `timestamptz` in UTC.
    pub const SATISFACTION_BY_MONTH_SQLITE: &str = satisfaction!(
        "substr(s.answered_at, 1, 7)",
        "",
        "substr(s.answered_at, 1, 7)",
        "label"
    );
    pub const SATISFACTION_BY_MONTH_POSTGRES: &str = satisfaction!(
        "to_char(s.answered_at AT TIME ZONE 'UTC', 'YYYY-MM')",
        "",
        "to_char(s.answered_at AT TIME ZONE 'UTC', 'YYYY-MM')",
        "label"
    );

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
    /// Makes `hash` the link of `recipient`'s unanswered invitation to the survey of `case`, valid
    /// until `expires_at` (a new link replaces the one before); `false` when there is no unanswered
    /// invitation.
    pub async fn issue_survey_token(
        &self,
        case: CaseId,
        recipient: UserId,
        hash: &str,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<bool> {
        db!(self, |pool, DB| {
            let done = sqlx::query::<DB>(surveys::sql::ISSUE_SURVEY_TOKEN)
                .bind(case)
                .bind(recipient)
                .bind(hash)
                .bind(expires_at)
                .execute(pool)
                .await
                .map_err(StoreError::from_sqlx)?;
            Ok(done.rows_affected() == 1)
        })
    }

    /// The invitation whose link hashes to `hash`, with its case.
    pub async fn survey_by_token(&self, hash: &str) -> StoreResult<Option<SurveyLinkRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, SurveyLinkRow>(surveys::sql::SURVEY_BY_TOKEN)
                .bind(hash)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The survey answers since `since`, counted per group of `by` (every answer in one group).
    pub async fn satisfaction(
        &self,
        by: crate::domain::surveys::ReportBy,
        since: DateTime<Utc>,
    ) -> StoreResult<Vec<SatisfactionCountRow>> {
        use crate::domain::surveys::ReportBy;
        use surveys::sql as q;
        let grouped = match (by, self.backend()) {
            (ReportBy::Agent, _) => q::SATISFACTION_BY_AGENT,
            (ReportBy::Product, _) => q::SATISFACTION_BY_PRODUCT,
            (ReportBy::Month, Backend::Sqlite) => q::SATISFACTION_BY_MONTH_SQLITE,
            (ReportBy::Month, Backend::Postgres) => q::SATISFACTION_BY_MONTH_POSTGRES,
        };
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, SatisfactionCountRow>(grouped)
                .bind(since)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

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
        let mut tx = self.begin().await?;
        let done = tx!(tx, |conn, DB| sqlx::query::<DB>(
            surveys::sql::ANSWER_SURVEY
        )
        .bind(case)
        .bind(recipient)
        .bind(rating)
        .bind(feedback)
        .bind(now)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
        if done != 1 {
            return Ok(false);
        }
        let mut detail = serde_json::Map::new();
        detail.insert("actor".into(), serde_json::json!(recipient.0));
        detail.insert("rating".into(), serde_json::json!(rating));
        detail.insert("feedback".into(), serde_json::json!(feedback));
        tx.hook(
            case,
            crate::domain::webhooks::WebhookEvent::SurveyAnswered,
            detail,
        );
        tx.commit().await?;
        Ok(true)
    }
}
