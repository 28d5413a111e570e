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
    /// The file this row is a version of (its first version's id; its own id for a first
    /// version): what people follow.
    pub document: AttachmentId,
    /// 1 for the first version.
    pub version: i32,
    /// A newer version exists.
    pub superseded: bool,
    /// The file was removed from its case (its bytes are gone).
    pub removed: bool,
    /// Who removed it (`None`: not removed, or their account is gone).
    pub removed_by: Option<UserId>,
    /// The number of the knowledge article it belongs to, if any.
    pub article_number: Option<i64>,
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
    /// Files I follow.
    Following,
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

    /// The SHA-256 recorded at upload for the bytes under `key` (`None`: no attachment has it,
    /// such as an inbound email's).
    pub async fn attachment_hash_by_key(&self, key: &str) -> StoreResult<Option<String>> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, String>(sql::ATTACHMENT_HASH_BY_KEY)
                .bind(key)
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

    /// The earlier versions of a case's files (not removed), newest first.
    pub async fn case_earlier_versions(&self, case: CaseId) -> StoreResult<Vec<AttachmentRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, AttachmentRow>(sql::CASE_EARLIER_VERSIONS)
                .bind(case)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// `user` follows file `document` (`follow`), or no longer does; doing it twice changes
    /// nothing.
    pub async fn follow_file(
        &self,
        user: UserId,
        document: AttachmentId,
        follow: bool,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        db!(self, |pool, DB| {
            let query = if follow {
                sqlx::query::<DB>(sql::FOLLOW_FILE)
                    .bind(user)
                    .bind(document)
                    .bind(at)
            } else {
                sqlx::query::<DB>(sql::UNFOLLOW_FILE)
                    .bind(user)
                    .bind(document)
            };
            query
                .execute(pool)
                .await
                .map(|_| ())
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The files `user` follows (their first versions' ids).
    pub async fn followed_files(&self, user: UserId) -> StoreResult<Vec<AttachmentId>> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, AttachmentId>(sql::FOLLOWED_FILES_OF)
                .bind(user)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Makes `user`'s pending upload `upload` the newest version of `current`'s file on `case`,
    /// with the history entry and an email to each follower but `user`, all or nothing. `Stale`
    /// when `current` is no longer the newest version (another one, or a removal, came first);
    /// `AttachmentUnavailable` when the upload is not `user`'s pending one.
    pub async fn add_file_version(
        &self,
        case: CaseId,
        current: &AttachmentRow,
        upload: AttachmentId,
        user: UserId,
        at: DateTime<Utc>,
    ) -> StoreResult<i32> {
        let mut tx = self.begin().await?;
        let previous = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, i32>(
            sql::SUPERSEDE_FILE_VERSION
        )
        .bind(current.id)
        .bind(at)
        .fetch_optional(conn)
        .await)?
        .ok_or(StoreError::Stale)?;
        let version = previous + 1;
        let name = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, String>(
            sql::LINK_FILE_VERSION
        )
        .bind(case)
        .bind(upload)
        .bind(current.document)
        .bind(user)
        .bind(version)
        .fetch_optional(conn)
        .await)?
        .ok_or(StoreError::AttachmentUnavailable)?;
        let event = NewEvent {
            kind: EventKind::FileVersion,
            old_value: version.to_string(),
            new_value: name,
            public: true,
        };
        tx.record(case, Some(user), &[event], at).await?;
        let jobs = file_jobs(&mut tx, current.document, upload, user).await?;
        tx.enqueue(&jobs, at).await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Removes every version of file `file` from `case` (by `user`), with the history entry and an
    /// email to each follower but `user`, all or nothing; the blob keys to delete once it commits.
    /// `NotFound` when it is removed already.
    pub async fn remove_file(
        &self,
        case: CaseId,
        file: &AttachmentRow,
        user: UserId,
        at: DateTime<Utc>,
    ) -> StoreResult<Vec<String>> {
        let mut tx = self.begin().await?;
        let keys = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, String>(
            sql::REMOVE_FILE
        )
        .bind(file.document)
        .bind(at)
        .bind(user)
        .fetch_all(conn)
        .await)?;
        if keys.is_empty() {
            return Err(StoreError::NotFound);
        }
        let event = NewEvent {
            kind: EventKind::FileRemoved,
            old_value: String::new(),
            new_value: file.file_name.clone(),
            public: true,
        };
        tx.record(case, Some(user), &[event], at).await?;
        let jobs = file_jobs(&mut tx, file.document, file.id, user).await?;
        tx.enqueue(&jobs, at).await?;
        tx.commit().await?;
        Ok(keys)
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
                PickerList::Following => sql::FOLLOWED_FILES,
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

/// "This file changed" for each follower of `document` but `actor`; the email is about `row` (the
/// new version, or the removed file).
pub(super) async fn file_jobs(
    tx: &mut Tx,
    document: AttachmentId,
    row: AttachmentId,
    actor: UserId,
) -> StoreResult<Vec<crate::backend::jobs::Job>> {
    let followers = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, UserId>(
        sql::FILE_FOLLOWERS
    )
    .bind(document)
    .fetch_all(conn)
    .await)?;
    Ok(followers
        .into_iter()
        .filter(|f| *f != actor)
        .map(|recipient| crate::backend::jobs::Job::FileChanged {
            file: row,
            recipient,
        })
        .collect())
}
