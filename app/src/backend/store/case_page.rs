//! The case page: a case with its company and contact, its comments (public only, unless the caller
//! asks for internal ones too), followers, and a comment written together with its notifications.
use super::{NewJob, StoreResult};
use crate::domain::{AccountId, CaseId, CommentId, UserId};
use chrono::{DateTime, Utc};

/// A case with what its page shows of its company and contact.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CaseDetailRow {
    /// Id.
    pub id: CaseId,
    /// Number.
    pub number: i64,
    /// Subject.
    pub subject: String,
    /// Description.
    pub description: String,
    /// Status code.
    pub status: String,
    /// Origin code.
    pub origin: String,
    /// Country.
    pub country: String,
    /// Resolution.
    pub resolution: String,
    /// Opened.
    pub opened_at: DateTime<Utc>,
    /// Company.
    pub account_id: AccountId,
    /// Company name.
    pub account_name: String,
    /// Company phone.
    pub company_phone: String,
    /// Contact.
    pub contact_id: UserId,
    /// Contact name.
    pub contact_name: String,
    /// Contact phone.
    pub contact_phone: String,
    /// Product name.
    pub product_name: Option<String>,
    /// Email thread reference.
    pub thread_token: Option<String>,
}

/// A comment with its author.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CommentRow {
    /// Id.
    pub id: CommentId,
    /// Author's name.
    pub author_name: String,
    /// Author's role code.
    pub author_role: String,
    /// Visible to the customer.
    pub public: bool,
    /// Written.
    pub created_at: DateTime<Utc>,
    /// Text.
    pub body: String,
}

/// A new comment.
#[derive(Debug, Clone)]
pub struct NewComment {
    /// The case.
    pub case_id: CaseId,
    /// Who wrote it.
    pub author_id: UserId,
    /// Text.
    pub body: String,
    /// Visible to the customer.
    pub public: bool,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// What a comment notification shows, with its recipient.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CommentMailRow {
    /// Case number.
    pub number: i64,
    /// Case subject.
    pub subject: String,
    /// Thread reference.
    pub thread_token: Option<String>,
    /// Author's name.
    pub author_name: String,
    /// Text.
    pub body: String,
    /// Visible to customers.
    pub public: bool,
    /// Recipient's email.
    pub email: String,
    /// Recipient's name.
    pub name: String,
    /// Recipient's language.
    pub language: String,
    /// Recipient's role code.
    pub role: String,
    /// Recipient may still sign in.
    pub active: bool,
}

/// The case page's reads and writes.
#[async_trait::async_trait]
pub trait CasePageStore: Send + Sync {
    /// The case numbered `number`, if any.
    async fn case_detail(&self, number: i64) -> StoreResult<Option<CaseDetailRow>>;
    /// A case's comments, oldest first: public ones, and internal ones only with `internal`.
    async fn case_comments(&self, case: CaseId, internal: bool) -> StoreResult<Vec<CommentRow>>;
    /// Writes a comment, touches the case, and queues `jobs(comment id)` in one transaction.
    async fn add_comment(
        &self,
        comment: &NewComment,
        jobs: &(dyn Fn(CommentId) -> Vec<NewJob> + Send + Sync),
    ) -> StoreResult<CommentId>;
    /// Who follows the case.
    async fn case_followers(&self, case: CaseId) -> StoreResult<Vec<UserId>>;
    /// Starts or stops `user` following `case`.
    async fn set_following(&self, case: CaseId, user: UserId, on: bool) -> StoreResult<()>;
    /// The notification of comment `comment` for `recipient`.
    async fn comment_mail(
        &self,
        comment: CommentId,
        recipient: UserId,
    ) -> StoreResult<CommentMailRow>;
}

/// `CasePageStore` for a store type.
macro_rules! impl_case_page_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::backend::store::CasePageStore for $store {
            async fn case_detail(
                &self,
                number: i64,
            ) -> StoreResult<Option<$crate::backend::store::CaseDetailRow>> {
                sqlx::query_as::<$db, $crate::backend::store::CaseDetailRow>(sql::CASE_DETAIL)
                    .bind(number)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn case_comments(
                &self,
                case: CaseId,
                internal: bool,
            ) -> StoreResult<Vec<$crate::backend::store::CommentRow>> {
                let text = if internal {
                    sql::ALL_COMMENTS
                } else {
                    sql::PUBLIC_COMMENTS
                };
                sqlx::query_as::<$db, $crate::backend::store::CommentRow>(text)
                    .bind(case)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn add_comment(
                &self,
                c: &$crate::backend::store::NewComment,
                jobs: &(
                     dyn Fn($crate::domain::CommentId) -> Vec<$crate::backend::store::NewJob>
                         + Send
                         + Sync
                 ),
            ) -> StoreResult<$crate::domain::CommentId> {
                let mut tx = self.begin_write().await?;
                let id = sqlx::query_scalar::<$db, $crate::domain::CommentId>(sql::INSERT_COMMENT)
                    .bind(c.case_id)
                    .bind(c.author_id)
                    .bind(&c.body)
                    .bind(c.public)
                    .bind(c.created_at)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                sqlx::query::<$db>(sql::TOUCH_CASE)
                    .bind(c.created_at)
                    .bind(c.case_id)
                    .execute(&mut *tx)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                Self::insert_jobs(&mut tx, &jobs(id), c.created_at).await?;
                tx.commit().await.map_err(StoreError::from_sqlx)?;
                Ok(id)
            }

            async fn case_followers(&self, case: CaseId) -> StoreResult<Vec<UserId>> {
                sqlx::query_scalar::<$db, UserId>(sql::CASE_FOLLOWERS)
                    .bind(case)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn set_following(&self, case: CaseId, user: UserId, on: bool) -> StoreResult<()> {
                let query = if on {
                    sqlx::query::<$db>(sql::FOLLOW_CASE)
                        .bind(case)
                        .bind(user)
                        .bind(chrono::Utc::now())
                } else {
                    sqlx::query::<$db>(sql::UNFOLLOW_CASE).bind(case).bind(user)
                };
                query
                    .execute(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                Ok(())
            }

            async fn comment_mail(
                &self,
                comment: $crate::domain::CommentId,
                recipient: UserId,
            ) -> StoreResult<$crate::backend::store::CommentMailRow> {
                sqlx::query_as::<$db, $crate::backend::store::CommentMailRow>(sql::COMMENT_MAIL)
                    .bind(comment)
                    .bind(recipient)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }
        }
    };
}
pub(crate) use impl_case_page_store;
