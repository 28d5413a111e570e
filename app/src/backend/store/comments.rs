//! Case comments (internal ones only for callers the policy lets see them), their email data, and
//! who follows a case.

use super::*;

/// A comment with its author.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CommentRow {
    /// Id.
    pub id: CommentId,
    /// Author's name.
    pub author_name: String,
    /// Author's role code.
    pub author_role: Role,
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
    /// Moves the case back to "in progress" (a customer's answer to a solved case, or to one that
    /// awaited them).
    pub reopen: bool,
    /// What the history records of it (the comment, and the reopening).
    pub events: Vec<NewEvent>,
    /// The author's pending uploads that join the case with it (a reply by email's files).
    pub attachments: Vec<AttachmentId>,
    /// The inbound message it comes from, settled in the same transaction (exactly once).
    pub from_mail: Option<MailSource>,
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
    pub language: Language,
    /// Recipient's role code.
    pub role: Role,
    /// Recipient may still sign in.
    pub active: bool,
}

impl Store {
    /// A case's comments, oldest first: public ones, and internal ones only with `internal`.
    pub async fn case_comments(
        &self,
        case: CaseId,
        internal: bool,
    ) -> StoreResult<Vec<CommentRow>> {
        db!(self, |pool, DB| {
            let text = if internal {
                sql::ALL_COMMENTS
            } else {
                sql::PUBLIC_COMMENTS
            };
            sqlx::query_as::<DB, CommentRow>(text)
                .bind(case)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Writes a comment, touches (or reopens) the case, records the history, and queues `jobs(comment id)` in one transaction.
    pub async fn add_comment(
        &self,
        c: &NewComment,
        jobs: &(dyn Fn(CommentId) -> Vec<Job> + Send + Sync),
    ) -> StoreResult<CommentId> {
        let mut tx = self.begin().await?;
        let id = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, CommentId>(
            sql::INSERT_COMMENT
        )
        .bind(c.case_id)
        .bind(c.author_id)
        .bind(&c.body)
        .bind(c.public)
        .bind(c.created_at)
        .fetch_one(conn)
        .await)?;
        let touch = if c.reopen {
            sql::REOPEN_CASE
        } else {
            sql::TOUCH_CASE
        };
        tx!(tx, |conn, DB| sqlx::query::<DB>(touch)
            .bind(c.created_at)
            .bind(c.case_id)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
        tx.record(c.case_id, Some(c.author_id), &c.events, c.created_at)
            .await?;
        for attachment in &c.attachments {
            let linked = tx!(tx, |conn, DB| sqlx::query::<DB>(sql::LINK_ATTACHMENT)
                .bind(c.case_id)
                .bind(attachment)
                .bind(c.author_id)
                .execute(conn)
                .await
                .map(|r| r.rows_affected()))?;
            if linked != 1 {
                return Err(StoreError::AttachmentUnavailable);
            }
        }
        if let Some(mail) = &c.from_mail {
            tx.settle_inbound(&mail.settle(
                crate::domain::inbound::InboundStatus::Comment,
                c.case_id,
                c.created_at,
            ))
            .await?;
        }
        let mut detail = serde_json::Map::new();
        detail.insert("actor".into(), serde_json::json!(c.author_id.0));
        detail.insert("comment".into(), serde_json::json!(id.0));
        tx.hook(
            c.case_id,
            crate::domain::webhooks::WebhookEvent::CaseCommented,
            detail,
        );
        tx.enqueue(&jobs(id), c.created_at).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The notification of comment `comment` for `recipient`.
    pub async fn comment_mail(
        &self,
        comment: CommentId,
        recipient: UserId,
    ) -> StoreResult<CommentMailRow> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, CommentMailRow>(sql::COMMENT_MAIL)
                .bind(comment)
                .bind(recipient)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Who follows the case.
    pub async fn case_followers(&self, case: CaseId) -> StoreResult<Vec<UserId>> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, UserId>(sql::CASE_FOLLOWERS)
                .bind(case)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Starts or stops `user` following `case`.
    pub async fn set_following(&self, case: CaseId, user: UserId, on: bool) -> StoreResult<()> {
        db!(self, |pool, DB| {
            let query = if on {
                sqlx::query::<DB>(sql::FOLLOW_CASE)
                    .bind(case)
                    .bind(user)
                    .bind(Utc::now())
            } else {
                sqlx::query::<DB>(sql::UNFOLLOW_CASE).bind(case).bind(user)
            };
            query.execute(pool).await.map_err(StoreError::from_sqlx)?;
            Ok(())
        })
    }
}
