//! Attachment rows: pending uploads (no case yet), linking on case creation, the picker's lists,
//! downloads, and the sweep of uploads nobody submitted.

use super::*;
use crate::domain::case_page::EventKind;

/// A new attachment row (its blob is already stored under `storage_key`).
#[derive(Debug, Clone)]
pub struct NewAttachment {
    /// The case, or `None` while it waits for the case being written.
    pub case_id: Option<CaseId>,
    /// Who uploaded it.
    pub uploaded_by: UserId,
    /// Sanitized name.
    pub file_name: String,
    /// Declared type (sanitized).
    pub content_type: String,
    /// Bytes.
    pub size_bytes: i64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    /// Blob key.
    pub storage_key: String,
    /// Upload time.
    pub created_at: DateTime<Utc>,
}

/// An attachment with the case (number and company) it belongs to, if any.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AttachmentRow {
    /// Id.
    pub id: AttachmentId,
    /// Case.
    pub case_id: Option<CaseId>,
    /// Uploader.
    pub uploaded_by: UserId,
    /// Name.
    pub file_name: String,
    /// Declared type.
    pub content_type: String,
    /// Bytes.
    pub size_bytes: i64,
    /// SHA-256, hex.
    pub sha256: String,
    /// Blob key.
    pub storage_key: String,
    /// Uploaded.
    pub created_at: DateTime<Utc>,
    /// The case's number.
    pub case_number: Option<i64>,
    /// The case's company.
    pub case_account_id: Option<AccountId>,
    /// The knowledge article it belongs to, if any.
    pub article_id: Option<ArticleId>,
    /// Whether that article is published (else a draft, for staff only).
    pub article_published: Option<bool>,
}

/// Which picker list to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerList {
    /// Uploaded by me to my company's cases.
    Owned,
    /// Uploaded by support to my company's cases.
    Shared,
    /// Either, since a given time.
    Recent,
}

impl Store {
    /// Inserts a row; returns its id.
    pub async fn insert_attachment(&self, a: &NewAttachment) -> StoreResult<AttachmentId> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, AttachmentId>(sql::INSERT_ATTACHMENT)
                .bind(a.case_id)
                .bind(a.uploaded_by)
                .bind(&a.file_name)
                .bind(&a.content_type)
                .bind(a.size_bytes)
                .bind(&a.sha256)
                .bind(&a.storage_key)
                .bind(a.created_at)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// `user`'s pending uploads: how many, and their bytes.
    pub async fn pending_usage(&self, user: UserId) -> StoreResult<(i64, i64)> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, (i64, i64)>(sql::PENDING_USAGE)
                .bind(user)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The attachment with its case, if any.
    pub async fn get_attachment(&self, id: AttachmentId) -> StoreResult<Option<AttachmentRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, AttachmentRow>(sql::GET_ATTACHMENT)
                .bind(id)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// A case's attachments, oldest first.
    pub async fn case_attachments(&self, case: CaseId) -> StoreResult<Vec<AttachmentRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, AttachmentRow>(sql::CASE_ATTACHMENTS)
                .bind(case)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// An article's files, oldest first.
    pub async fn article_attachments(&self, article: ArticleId) -> StoreResult<Vec<AttachmentRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, AttachmentRow>(sql::ARTICLE_ATTACHMENTS)
                .bind(article)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Deletes `user`'s pending upload `id`; its blob key if there was one.
    pub async fn delete_pending_attachment(
        &self,
        id: AttachmentId,
        user: UserId,
    ) -> StoreResult<Option<String>> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, String>(sql::DELETE_PENDING_ATTACHMENT)
                .bind(id)
                .bind(user)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Files of company `account`'s cases for `me`'s picker, uploaded after `since`, newest first.
    pub async fn picker_files(
        &self,
        list: PickerList,
        account: AccountId,
        me: UserId,
        since: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<AttachmentRow>> {
        db!(self, |pool, DB| {
            use PickerList;
            let text = match list {
                PickerList::Owned => sql::OWNED_FILES,
                PickerList::Shared => sql::SHARED_FILES,
                PickerList::Recent => sql::RECENT_FILES,
            };
            sqlx::query_as::<DB, AttachmentRow>(text)
                .bind(account)
                .bind(me)
                .bind(since)
                .bind(limit)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Links `user`'s pending uploads `ids` to `case`, all or none (`AttachmentUnavailable`).
    pub async fn link_attachments(
        &self,
        case: CaseId,
        user: UserId,
        ids: &[AttachmentId],
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let mut events = Vec::with_capacity(ids.len());
        for id in ids {
            let name = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, String>(
                sql::LINK_ATTACHMENT
            )
            .bind(case)
            .bind(id)
            .bind(user)
            .fetch_optional(conn)
            .await)?
            .ok_or(StoreError::AttachmentUnavailable)?;
            events.push(NewEvent {
                kind: EventKind::File,
                old_value: String::new(),
                new_value: name,
                public: true,
            });
        }
        tx.record(case, Some(user), &events, at).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes up to `limit` pending uploads made before `before`; returns their blob keys.
    pub async fn sweep_pending_attachments(
        &self,
        before: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<String>> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, String>(sql::STALE_PENDING_ATTACHMENTS)
                .bind(before)
                .bind(limit)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }
}
