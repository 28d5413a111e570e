//! Support's updates of a case (status and resolution, with their emails) and the satisfaction
//! survey that closing a case sends its contact: the invitation, the answer, and what the emails
//! show.
use super::{NewJob, StoreResult};
use crate::domain::{CaseId, UserId};
use chrono::{DateTime, Utc};

/// A change of status and resolution.
#[derive(Debug, Clone)]
pub struct CaseUpdate {
    /// The case.
    pub case_id: CaseId,
    /// New status code.
    pub status: String,
    /// New resolution.
    pub resolution: String,
    /// When it was closed (`None` unless the new status is closed).
    pub closed_at: Option<DateTime<Utc>>,
    /// Invite this person to the survey (once per case and person).
    pub invite: Option<UserId>,
    /// When.
    pub now: DateTime<Utc>,
}

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

/// What an update or survey email shows, with its recipient.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CaseUpdateMailRow {
    /// Case number.
    pub number: i64,
    /// Case subject.
    pub subject: String,
    /// Status code now.
    pub status: String,
    /// Resolution.
    pub resolution: String,
    /// Product name.
    pub product_name: Option<String>,
    /// Thread reference.
    pub thread_token: Option<String>,
    /// Recipient's email.
    pub email: String,
    /// Recipient's name.
    pub name: String,
    /// Recipient's language.
    pub language: String,
    /// Recipient may still sign in.
    pub active: bool,
}

/// SQL shared by both backends.
pub(super) mod sql {
    pub const UPDATE_CASE_STATUS: &str = "UPDATE cases SET status = $1, resolution = $2, \
         closed_at = $3, updated_at = $4 WHERE id = $5";
    // `ON CONFLICT .. DO NOTHING RETURNING` returns no row for an existing invitation, on both.
    pub const INSERT_SURVEY: &str = "INSERT INTO case_surveys (case_id, recipient_id, sent_at) \
         VALUES ($1, $2, $3) ON CONFLICT (case_id, recipient_id) DO NOTHING RETURNING id";
    pub const CASE_SURVEYS: &str = "SELECT s.recipient_id, u.name AS recipient_name, s.sent_at, \
         s.rating, s.feedback, s.answered_at FROM case_surveys s JOIN users u ON u.id = s.recipient_id \
         WHERE s.case_id = $1 ORDER BY s.sent_at, s.id";
    pub const ANSWER_SURVEY: &str = "UPDATE case_surveys SET rating = $3, feedback = $4, \
         answered_at = $5 WHERE case_id = $1 AND recipient_id = $2 AND answered_at IS NULL";
    pub const CASE_UPDATE_MAIL: &str = "SELECT c.number, c.subject, c.status, c.resolution, \
         p.name AS product_name, c.thread_token, r.email, r.name, r.language, r.active \
         FROM cases c LEFT JOIN products p ON p.id = c.product_id JOIN users r ON r.id = $2 \
         WHERE c.id = $1";
}

/// Case updates and surveys.
#[async_trait::async_trait]
pub trait SurveyStore: Send + Sync {
    /// Writes the new status and resolution, the survey invitation (unless that person already
    /// has one for this case) and `jobs(invited)` in one transaction. Returns whether an
    /// invitation was written.
    async fn update_case_status(
        &self,
        update: &CaseUpdate,
        jobs: &(dyn Fn(bool) -> Vec<NewJob> + Send + Sync),
    ) -> StoreResult<bool>;
    /// A case's survey invitations, oldest first.
    async fn case_surveys(&self, case: CaseId) -> StoreResult<Vec<SurveyRow>>;
    /// Records `recipient`'s answer; `false` if there is no unanswered invitation.
    async fn answer_survey(
        &self,
        case: CaseId,
        recipient: UserId,
        rating: i32,
        feedback: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
    /// What an update or survey email about `case` for `recipient` shows.
    async fn case_update_mail(
        &self,
        case: CaseId,
        recipient: UserId,
    ) -> StoreResult<CaseUpdateMailRow>;
}

/// `SurveyStore` for a store type.
macro_rules! impl_survey_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::backend::store::SurveyStore for $store {
            async fn update_case_status(
                &self,
                u: &$crate::backend::store::CaseUpdate,
                jobs: &(dyn Fn(bool) -> Vec<$crate::backend::store::NewJob> + Send + Sync),
            ) -> StoreResult<bool> {
                use $crate::backend::store::surveys::sql as q;
                let mut tx = self.begin_write().await?;
                sqlx::query::<$db>(q::UPDATE_CASE_STATUS)
                    .bind(&u.status)
                    .bind(&u.resolution)
                    .bind(u.closed_at)
                    .bind(u.now)
                    .bind(u.case_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                let mut invited = false;
                if let Some(recipient) = u.invite {
                    invited = sqlx::query_scalar::<$db, i64>(q::INSERT_SURVEY)
                        .bind(u.case_id)
                        .bind(recipient)
                        .bind(u.now)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(StoreError::from_sqlx)?
                        .is_some();
                }
                Self::insert_jobs(&mut tx, &jobs(invited), u.now).await?;
                tx.commit().await.map_err(StoreError::from_sqlx)?;
                Ok(invited)
            }

            async fn case_surveys(
                &self,
                case: CaseId,
            ) -> StoreResult<Vec<$crate::backend::store::SurveyRow>> {
                sqlx::query_as::<$db, $crate::backend::store::SurveyRow>(
                    $crate::backend::store::surveys::sql::CASE_SURVEYS,
                )
                .bind(case)
                .fetch_all(&self.pool)
                .await
                .map_err(StoreError::from_sqlx)
            }

            async fn answer_survey(
                &self,
                case: CaseId,
                recipient: UserId,
                rating: i32,
                feedback: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> StoreResult<bool> {
                let done = sqlx::query::<$db>($crate::backend::store::surveys::sql::ANSWER_SURVEY)
                    .bind(case)
                    .bind(recipient)
                    .bind(rating)
                    .bind(feedback)
                    .bind(now)
                    .execute(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                Ok(done.rows_affected() == 1)
            }

            async fn case_update_mail(
                &self,
                case: CaseId,
                recipient: UserId,
            ) -> StoreResult<$crate::backend::store::CaseUpdateMailRow> {
                sqlx::query_as::<$db, $crate::backend::store::CaseUpdateMailRow>(
                    $crate::backend::store::surveys::sql::CASE_UPDATE_MAIL,
                )
                .bind(case)
                .bind(recipient)
                .fetch_one(&self.pool)
                .await
                .map_err(StoreError::from_sqlx)
            }
        }
    };
}
pub(crate) use impl_survey_store;
