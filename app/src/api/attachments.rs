//! Attachments of a case being written: the picker's lists, re-attaching an existing file, and
//! removing an upload before Submit. (Uploads and downloads are plain routes in the server crate:
//! they stream.)
use crate::domain::AttachmentId;
use crate::domain::attachments::{FileInfo, FileList};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

/// "Owned by me", "Shared with me", "Recent" or "Following": files of my company's cases. Customers only.
#[server(endpoint = "list_files", input = GetUrl)]
pub async fn list_files(list: FileList) -> Result<Vec<FileInfo>, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::attachments::list(&state, &actor, list)
        .await
        .map_err(respond_with)
}

/// Adds a file I may see to the case I am writing (as a copy); answers it as a new upload.
#[server(endpoint = "reattach_file")]
pub async fn reattach_file(id: AttachmentId) -> Result<FileInfo, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::attachments::reattach(&state, &actor, id)
        .await
        .map_err(respond_with)
}

/// Removes one of my uploads that no case holds yet.
#[server(endpoint = "remove_file")]
pub async fn remove_file(id: AttachmentId) -> Result<(), AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::attachments::remove_pending(&state, &actor, id)
        .await
        .map_err(respond_with)
}

/// My pending uploads among `ids` (comma-separated), for a form that comes back with them (after a
/// validation error, or without JavaScript). Ids that are not mine or no longer pending are left out.
#[server(endpoint = "pending_files", input = GetUrl)]
pub async fn pending_files(ids: String) -> Result<Vec<FileInfo>, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::attachments::pending(&state, &actor, &ids)
        .await
        .map_err(respond_with)
}

/// Adds my pending uploads (`attachments`, comma-separated ids) to case `number`; answers the case's
/// files. Without JavaScript the browser goes back to the case page.
#[server(endpoint = "add_case_files")]
pub async fn add_case_files(
    number: String,
    #[server(default)] attachments: String,
) -> Result<Vec<FileInfo>, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let files = services::attachments::add_to_case(&state, &actor, &number, &attachments)
        .await
        .map_err(respond_with)?;
    if auth::is_plain_form_post() {
        leptos_axum::redirect(&format!(
            "/cases/{}#files-title",
            crate::domain::encode_query_value(&number)
        ));
    }
    Ok(files)
}

/// Starts (`follow=true`) or stops following file `id` (any file I may see): an email on each new
/// version or its removal. Without JavaScript the browser goes back to the file on its page.
#[server(endpoint = "follow_file")]
pub async fn follow_file(id: AttachmentId, follow: bool) -> Result<bool, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let shown_at = services::attachments::follow(&state, &actor, id, follow)
        .await
        .map_err(respond_with)?;
    if auth::is_plain_form_post() {
        leptos_axum::redirect(&shown_at);
    }
    Ok(follow)
}

/// Removes file `id` (every version) from its case, for everyone: its uploader or support staff.
/// Without JavaScript the browser goes back to the case's files.
#[server(endpoint = "remove_case_file")]
pub async fn remove_case_file(id: AttachmentId) -> Result<(), AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let number = services::attachments::remove_from_case(&state, &actor, id)
        .await
        .map_err(respond_with)?;
    if auth::is_plain_form_post() {
        leptos_axum::redirect(&format!("/cases/{number}#files-title"));
    }
    Ok(())
}
