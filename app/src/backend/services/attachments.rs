//! Attachments: streaming uploads with a size limit, the picker (re-attach a file I own, one support
//! shared, or a recent one), removing an upload before the case is submitted, downloads for those
//! who may see the case, and the sweep of uploads never submitted.
use crate::backend::access::{visible_attachment, visible_case};
use crate::backend::auth::Actor;
use crate::backend::policy;
use crate::backend::state::AppState;
use crate::backend::store::{AttachmentRow, NewAttachment, PickerList};
use crate::domain::attachments::{CaseFile, FileInfo, FileList, sanitize_file_name};
use crate::domain::{AttachmentId, CaseId, CaseNumber};
use crate::error::AppError;
use crate::messages::MessageKey;
use chrono::{Duration, Utc};
use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};

/// How long an upload may wait for its case before the sweep removes it.
pub const PENDING_TTL: Duration = Duration::hours(24);
/// Rows a picker list shows at most.
pub const PICKER_LIMIT: i64 = 100;
/// What "Recent" means.
pub const RECENT: Duration = Duration::days(30);
/// Uploads one person may make per hour.
pub const UPLOAD_RATE: super::auth::Rate = (Duration::hours(1), 200, None);

/// Why an upload was refused (before anything was kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadError {
    /// The caller may not upload.
    Denied(AppError),
    /// Over the per-file limit.
    TooLarge,
    /// Zero bytes.
    Empty,
    /// The client broke off mid-file.
    Interrupted,
    /// The uploader has as many pending uploads (or bytes) as one person may keep waiting.
    QuotaReached,
    /// Too many uploads lately (`RateLimited`).
    Throttled(AppError),
    /// The file store refused or could not be reached (disk full, object store down): nothing of
    /// the file was kept.
    StorageUnavailable,
    /// The database failed.
    Internal,
}

impl UploadError {
    /// The locale key of the message people see.
    pub fn message_key(&self) -> MessageKey {
        match self {
            Self::Denied(_) => MessageKey::NoAccess,
            Self::TooLarge => MessageKey::FileTooLarge,
            Self::Empty => MessageKey::FileEmpty,
            Self::Interrupted => MessageKey::FileInterrupted,
            Self::QuotaReached => MessageKey::UploadQuota,
            Self::Throttled(_) => MessageKey::RateLimited,
            Self::StorageUnavailable => MessageKey::FileNotStored,
            Self::Internal => MessageKey::Generic,
        }
    }
}

/// A content type as declared, if it looks like one (`type/subtype`, no parameters); else
/// `application/octet-stream`. Only stored: downloads never trust it to render anything.
fn clean_content_type(declared: &str) -> String {
    let t = declared
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let ok = t.len() <= 100
        && t.split_once('/').is_some_and(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && t.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || b"/.+-_".contains(&c))
        });
    if ok {
        t
    } else {
        "application/octet-stream".into()
    }
}

/// What people see of a stored file.
pub fn info(row: &AttachmentRow) -> FileInfo {
    FileInfo {
        id: row.id,
        name: row.file_name.clone(),
        size: row.size_bytes,
        uploaded_at: row.created_at.to_rfc3339(),
        case_number: row.case_number.map(CaseNumber),
        version: row.version,
    }
}

/// Stores one uploaded file as a pending attachment of its uploader, reading `body` chunk by chunk:
/// at most `limit` bytes are ever written, and a refused or broken upload leaves no row and no file.
pub async fn receive<S, B, E>(
    state: &AppState,
    actor: &Actor,
    declared_name: &str,
    declared_type: &str,
    mut body: S,
) -> Result<FileInfo, UploadError>
where
    S: Stream<Item = Result<B, E>> + Unpin + Send,
    B: AsRef<[u8]>,
    E: std::fmt::Display,
{
    let user_id = policy::require(actor, policy::can_attach_files).map_err(UploadError::Denied)?;
    // Pending uploads have a quota (count and bytes), and uploads a rate, per person: one account
    // cannot fill the disk or the sweep's queue.
    let (count, bytes) = state
        .store
        .pending_usage(user_id)
        .await
        .map_err(|_| UploadError::Internal)?;
    let quota =
        state.settings.max_upload_bytes() * crate::domain::attachments::FILES_PER_CASE_MAX as u64;
    let room = quota.saturating_sub(u64::try_from(bytes).unwrap_or(u64::MAX));
    if count >= crate::domain::attachments::PENDING_FILES_MAX || room == 0 {
        return Err(UploadError::QuotaReached);
    }
    super::auth::throttle(
        state.store.as_ref(),
        crate::backend::store::AttemptKind::Upload,
        &user_id.to_string(),
        "any",
        UPLOAD_RATE,
    )
    .await
    .map_err(UploadError::Throttled)?;
    let limit = state.settings.max_upload_bytes();
    let key = crate::backend::uploads::new_key();
    let mut writer = state.blobs.create(&key).await.map_err(|e| {
        tracing::error!(error = %e, "upload: cannot create a blob");
        UploadError::StorageUnavailable
    })?;
    let mut hasher = Sha256::new();
    let mut size: u64 = 0;
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| {
            tracing::info!(error = %e, "upload broken off");
            UploadError::Interrupted
        })?;
        let chunk = chunk.as_ref();
        size += chunk.len() as u64;
        if size > limit {
            // `writer` drops here: the partial file goes with it.
            return Err(UploadError::TooLarge);
        }
        if size > room {
            return Err(UploadError::QuotaReached);
        }
        hasher.update(chunk);
        writer.write(chunk).await.map_err(|e| {
            tracing::error!(error = %e, "upload: writing failed");
            UploadError::StorageUnavailable
        })?;
    }
    if size == 0 {
        return Err(UploadError::Empty);
    }
    writer.commit().await.map_err(|e| {
        tracing::error!(error = %e, "upload: commit failed");
        UploadError::StorageUnavailable
    })?;
    let new = NewAttachment {
        case_id: None,
        uploaded_by: user_id,
        file_name: sanitize_file_name(declared_name),
        content_type: clean_content_type(declared_type),
        size_bytes: size as i64,
        sha256: crate::backend::auth::hex(&hasher.finalize()),
        storage_key: key,
        created_at: Utc::now(),
    };
    let kept = record(state, new)
        .await
        .map_err(|_| UploadError::Internal)?;
    tracing::info!(attachment = %kept.id, size, "file uploaded");
    Ok(kept)
}

/// Writes the row of a pending upload whose bytes are stored; if the row cannot be written, the
/// bytes go too (nothing could ever reach them).
async fn record(state: &AppState, new: NewAttachment) -> Result<FileInfo, AppError> {
    let id = match state.store.insert_attachment(&new).await {
        Ok(id) => id,
        Err(e) => {
            tracing::error!(error = %e, "attachment row not written; removing its bytes");
            let _ = state.blobs.delete(&new.storage_key).await;
            return Err(e.into());
        }
    };
    Ok(FileInfo {
        id,
        name: new.file_name,
        size: new.size_bytes,
        uploaded_at: new.created_at.to_rfc3339(),
        case_number: None,
        version: 1,
    })
}

/// The picker's list for a customer.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    list: FileList,
) -> Result<Vec<FileInfo>, AppError> {
    policy::require(actor, policy::can_pick_files)?;
    let (user_id, account_id) = actor.customer()?;
    let (which, since) = match list {
        FileList::Owned => (PickerList::Owned, chrono::DateTime::UNIX_EPOCH),
        FileList::Shared => (PickerList::Shared, chrono::DateTime::UNIX_EPOCH),
        FileList::Recent => (PickerList::Recent, Utc::now() - RECENT),
        FileList::Following => (PickerList::Following, chrono::DateTime::UNIX_EPOCH),
    };
    let rows = state
        .store
        .picker_files(which, account_id, user_id, since, PICKER_LIMIT)
        .await?;
    Ok(rows.iter().map(info).collect())
}

/// Adds an existing file (one `actor` may see) to the case being written: a copy that becomes the
/// caller's pending upload, so the original case's file stays as it is.
pub async fn reattach(
    state: &AppState,
    actor: &Actor,
    id: AttachmentId,
) -> Result<FileInfo, AppError> {
    let user_id = policy::require(actor, policy::can_attach_files)?;
    let source = visible_attachment(&state.store, actor, id).await?;
    let key = crate::backend::uploads::new_key();
    state.blobs.copy(&source.storage_key, &key).await?;
    let new = NewAttachment {
        case_id: None,
        uploaded_by: user_id,
        file_name: source.file_name,
        content_type: source.content_type,
        size_bytes: source.size_bytes,
        sha256: source.sha256,
        storage_key: key,
        created_at: Utc::now(),
    };
    record(state, new).await
}

/// Removes the caller's pending upload `id` (row first, then bytes). Anything else: `NotFound`.
pub async fn remove_pending(
    state: &AppState,
    actor: &Actor,
    id: AttachmentId,
) -> Result<(), AppError> {
    let user_id = policy::require(actor, policy::can_attach_files)?;
    let key = state
        .store
        .delete_pending_attachment(id, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Err(e) = state.blobs.delete(&key).await {
        // The row is gone, so nobody can reach the bytes; the log says which file to clean up.
        tracing::warn!(error = %e, key, "removing an upload's bytes failed");
    }
    Ok(())
}

/// The caller's pending uploads among `ids` (comma-separated; at most `FILES_PER_CASE_MAX`).
pub async fn pending(
    state: &AppState,
    actor: &Actor,
    ids: &str,
) -> Result<Vec<FileInfo>, AppError> {
    policy::require(actor, policy::can_attach_files)?;
    let mut out = Vec::new();
    let ids = ids
        .split(',')
        .filter_map(|p| p.trim().parse().ok())
        .take(crate::domain::attachments::FILES_PER_CASE_MAX);
    for id in ids {
        if let Ok(row) = visible_attachment(&state.store, actor, AttachmentId(id)).await
            && row.case_id.is_none()
            && row.article_id.is_none()
        {
            out.push(info(&row));
        }
    }
    Ok(out)
}

/// Adds the caller's pending uploads `ids` (comma-separated) to case `number`, which the caller
/// must be able to see; answers the case's files. Field errors: `attachments`.
pub async fn add_to_case(
    state: &AppState,
    actor: &Actor,
    number: &str,
    ids: &str,
) -> Result<Vec<FileInfo>, AppError> {
    let case = visible_case(&state.store, actor, number).await?;
    let user_id = policy::require(actor, policy::can_attach_files)?;
    let mut list = Vec::new();
    for part in ids.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let id = part
            .parse()
            .map_err(|_| AppError::field("attachments", MessageKey::FileGone))?;
        list.push(AttachmentId(id));
    }
    if list.len() > crate::domain::attachments::FILES_PER_CASE_MAX {
        return Err(AppError::field("attachments", MessageKey::TooManyFiles));
    }
    state
        .store
        .link_attachments(case.id, user_id, &list, Utc::now())
        .await?;
    Ok(state
        .store
        .case_attachments(case.id)
        .await?
        .iter()
        .map(info)
        .collect())
}

/// Case `case`'s files as `actor` (who may see the case) reads them on its page: the newest
/// version of each with its earlier ones, whether they follow it and may change it.
pub async fn case_files(
    state: &AppState,
    actor: &Actor,
    case: CaseId,
) -> Result<Vec<CaseFile>, AppError> {
    let me = actor.signed_in()?;
    let current = state.store.case_attachments(case).await?;
    let earlier = state.store.case_earlier_versions(case).await?;
    let followed = state.store.followed_files(me).await?;
    Ok(current
        .iter()
        .map(|row| CaseFile {
            file: info(row),
            document: row.document,
            earlier: earlier
                .iter()
                .filter(|e| e.document == row.document)
                .map(info)
                .collect(),
            following: followed.contains(&row.document),
            can_change: policy::can_change_file(actor, row.uploaded_by),
        })
        .collect())
}

/// Starts (`on`) or stops following the file of version `id`, one `actor` may see (a case's or a
/// knowledge article's; anything else answers like a missing file). Answers where the file is
/// shown: its row on its case's page or its article's.
pub async fn follow(
    state: &AppState,
    actor: &Actor,
    id: AttachmentId,
    on: bool,
) -> Result<String, AppError> {
    let me = policy::require(actor, policy::can_follow_files)?;
    let row = visible_attachment(&state.store, actor, id).await?;
    if row.case_id.is_none() && row.article_id.is_none() {
        // A pending upload: nobody else sees it, nothing to follow.
        return Err(AppError::NotFound);
    }
    state
        .store
        .follow_file(me, row.document, on, Utc::now())
        .await?;
    Ok(match (row.case_number, row.article_number) {
        (Some(case), _) => crate::domain::attachments::file_anchor(CaseNumber(case), row.document),
        (None, Some(article)) => format!(
            "/kb/articles/{}#file-{}",
            crate::domain::knowledge::format_article_number(article),
            row.document
        ),
        (None, None) => return Err(AppError::NotFound),
    })
}

/// The newest version of a case's file that `actor` may change (see `policy::can_change_file`).
async fn changeable(
    state: &AppState,
    actor: &Actor,
    id: AttachmentId,
) -> Result<(AttachmentRow, CaseId, crate::domain::UserId), AppError> {
    // Signed out: 401 (sign in), like every other change, before any file is looked up.
    actor.signed_in()?;
    let row = visible_attachment(&state.store, actor, id).await?;
    let case = row.case_id.ok_or(AppError::NotFound)?;
    let me = policy::authorize(actor, policy::can_change_file(actor, row.uploaded_by))?;
    if row.superseded {
        return Err(AppError::field("version", MessageKey::FileVersionStale));
    }
    Ok((row, case, me))
}

/// Makes `actor`'s pending upload `upload` the new version of the case file whose newest version
/// is `id`; followers are emailed. Answers the case and the new version's number. A refused or
/// late new version (another one came first: field `version`) leaves the upload removed.
pub async fn new_version(
    state: &AppState,
    actor: &Actor,
    id: AttachmentId,
    upload: AttachmentId,
) -> Result<(CaseNumber, i32), AppError> {
    let outcome = async {
        let (row, case, me) = changeable(state, actor, id).await?;
        let number = CaseNumber(row.case_number.unwrap_or_default());
        match state
            .store
            .add_file_version(case, &row, upload, me, Utc::now())
            .await
        {
            Ok(version) => Ok((number, version)),
            Err(crate::backend::store::StoreError::Stale) => {
                Err(AppError::field("version", MessageKey::FileVersionStale))
            }
            Err(e) => Err(e.into()),
        }
    }
    .await;
    if outcome.is_err() {
        let _ = remove_pending(state, actor, upload).await;
    }
    outcome
}

/// Removes the case file whose newest version is `id`, every version, for everyone; followers are
/// emailed. Answers the case.
pub async fn remove_from_case(
    state: &AppState,
    actor: &Actor,
    id: AttachmentId,
) -> Result<CaseNumber, AppError> {
    let (row, case, me) = changeable(state, actor, id).await?;
    let keys = state.store.remove_file(case, &row, me, Utc::now()).await?;
    for key in &keys {
        if let Err(e) = state.blobs.delete(key).await {
            // The rows say removed, so nobody can reach the bytes; the log says what to clean up.
            tracing::warn!(error = %e, key, "removing a file's bytes failed");
        }
    }
    tracing::info!(attachment = %row.document, versions = keys.len(), "file removed from its case");
    Ok(CaseNumber(row.case_number.unwrap_or_default()))
}

/// Removes uploads that waited for a case longer than `PENDING_TTL`; returns how many.
pub async fn sweep(state: &AppState) -> Result<usize, AppError> {
    let mut removed = 0;
    loop {
        let keys = state
            .store
            .sweep_pending_attachments(Utc::now() - PENDING_TTL, 100)
            .await?;
        for key in &keys {
            if let Err(e) = state.blobs.delete(key).await {
                tracing::warn!(error = %e, key, "sweep: removing bytes failed");
            }
        }
        removed += keys.len();
        if keys.len() < 100 {
            return Ok(removed);
        }
    }
}

/// `Content-Disposition` for a download: always `attachment`, with an ASCII fallback name and the
/// exact name as RFC 6266 / RFC 8187 `filename*`.
pub fn content_disposition(name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "attachment; filename=\"{fallback}\"; filename*=UTF-8''{}",
        crate::domain::encode_query_value(name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_are_kept_only_when_plausible() {
        assert_eq!(clean_content_type("image/PNG"), "image/png");
        assert_eq!(clean_content_type("text/html; charset=utf-8"), "text/html");
        assert_eq!(clean_content_type(""), "application/octet-stream");
        assert_eq!(
            clean_content_type("text/html\r\nX: y"),
            "application/octet-stream"
        );
    }

    #[test]
    fn downloads_name_the_file_for_every_browser() {
        assert_eq!(
            content_disposition("Отчёт \"май\".pdf"),
            "attachment; filename=\"_____ _____.pdf\"; \
             filename*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82%20%22%D0%BC%D0%B0%D0%B9%22.pdf"
        );
        assert_eq!(
            content_disposition("a.txt"),
            "attachment; filename=\"a.txt\"; filename*=UTF-8''a.txt"
        );
    }
}
