//! Uploads: one file at a time for the page with JavaScript (`POST /api/attachments`), and the
//! no-JS multipart forms (the new-case form, the case page's "Upload files" and the article
//! editor's), streamed with caps on text, files and bytes.
use super::reader_locale;
use app::backend::auth::Actor;
use app::backend::services::attachments::{self, UploadError};
use app::backend::state::AppState;
use app::domain::attachments::UploadReply;
use app::messages::MessageKey;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use http::StatusCode;

/// Room for multipart framing around one file.
pub const MULTIPART_OVERHEAD: u64 = 64 * 1024;
/// The most a no-JS form's text fields may weigh together (a description of 32,000 characters is
/// at most 128,000 bytes of UTF-8); a field that goes over it is refused with 413 mid-stream.
pub const FORM_TEXT_MAX: usize = 256 * 1024;

/// The largest request body a route that takes up to `files` files accepts: each file at the
/// upload limit, plus room for the form's text fields and multipart framing. The router caps the
/// stream at it (`DefaultBodyLimit`); [`read_form`] refuses a larger declared `Content-Length`
/// before reading.
pub fn body_limit(settings: &app::backend::state::Settings, files: usize) -> usize {
    let per_file = settings.max_upload_bytes() + MULTIPART_OVERHEAD;
    usize::try_from(per_file * files as u64 + FORM_TEXT_MAX as u64).unwrap_or(usize::MAX)
}

fn refused(status: StatusCode, err: &UploadError, limit_mb: u64) -> Response {
    let reply = UploadReply::Refused {
        error: err.message_key().to_string(),
        limit_mb,
    };
    (status, Json(reply)).into_response()
}

/// `POST /api/attachments`: one file (multipart field `file`), streamed to storage as a pending
/// upload of the caller. Answers `UploadReply` as JSON: 200 stored; 413 over the per-file limit
/// (refused from `Content-Length` before reading when it says so); 422 empty; 401/403.
pub async fn upload(
    State(state): State<AppState>,
    actor: Actor,
    headers: http::HeaderMap,
    mut multipart: axum::extract::Multipart,
) -> Response {
    let limit_mb = state.settings.max_upload_mb;
    // The service asks this rule too; asking it here refuses before a byte of the body is read.
    if let Err(e) = app::backend::policy::require(&actor, app::backend::policy::can_attach_files) {
        return e.status().into_response();
    }
    let declared = crate::security::declared_length(&headers);
    if declared.is_some_and(|n| n > state.settings.max_upload_bytes() + MULTIPART_OVERHEAD) {
        return refused(
            StatusCode::PAYLOAD_TOO_LARGE,
            &UploadError::TooLarge,
            limit_mb,
        );
    }
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            // Past the body's limit (a text field before the file that never ends): 413, as for
            // a file over its own.
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return refused(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    &UploadError::TooLarge,
                    limit_mb,
                );
            }
            Err(_) => return refused(StatusCode::BAD_REQUEST, &UploadError::Interrupted, limit_mb),
        };
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or("file").to_string();
        let content_type = field.content_type().unwrap_or("").to_string();
        return match attachments::receive(&state, &actor, &name, &content_type, Box::pin(field))
            .await
        {
            Ok(info) => Json(UploadReply::Stored(info)).into_response(),
            Err(e) => {
                let status = match &e {
                    UploadError::Denied(err) => err.status(),
                    UploadError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
                    UploadError::Empty => StatusCode::UNPROCESSABLE_ENTITY,
                    UploadError::Interrupted => StatusCode::BAD_REQUEST,
                    UploadError::QuotaReached => StatusCode::PAYLOAD_TOO_LARGE,
                    UploadError::Throttled(err) => err.status(),
                    UploadError::StorageUnavailable => StatusCode::SERVICE_UNAVAILABLE,
                    UploadError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
                };
                refused(status, &e, limit_mb)
            }
        };
    }
    refused(StatusCode::BAD_REQUEST, &UploadError::Empty, limit_mb)
}

/// A form posted as multipart: its known text fields, the ids of the files it carried (stored as
/// pending uploads of the caller, after any ids in its `attachments` field), the pressed button's
/// `intent`, and the reason a file was refused (which stops reading).
struct PostedForm {
    values: std::collections::BTreeMap<&'static str, String>,
    ids: Vec<String>,
    intent: String,
    errors: app::error::FieldErrors,
}

/// Reads a no-JS form posted as multipart, streaming every part: files go to storage as they
/// arrive (at most `FILES_PER_CASE_MAX` in one post), text fields are read chunk by chunk and
/// together may not pass `FORM_TEXT_MAX`. Either limit answers 413 at once, without reading on;
/// so does a declared `Content-Length` over `body_limit(files)`, before a byte is read (the
/// router's count would refuse it too, but only after reading that much).
async fn read_form(
    state: &AppState,
    headers: &http::HeaderMap,
    actor: &Actor,
    multipart: &mut axum::extract::Multipart,
    fields: &[&'static str],
    files_allowed: usize,
) -> Result<PostedForm, Response> {
    use app::domain::attachments::FILES_PER_CASE_MAX;
    let limit = body_limit(&state.settings, files_allowed) as u64;
    if crate::security::declared_length(headers).is_some_and(|n| n > limit) {
        let key = if files_allowed == 1 {
            MessageKey::FileTooLarge
        } else {
            MessageKey::FormTooLarge
        };
        return Err(too_large(headers, key));
    }
    let mut form = PostedForm {
        values: std::collections::BTreeMap::new(),
        ids: Vec::new(),
        intent: String::new(),
        errors: app::error::FieldErrors::new(),
    };
    let refuse = |form: &mut PostedForm, key: MessageKey| {
        app::error::add_field_error(&mut form.errors, "attachments", key);
    };
    let mut text_bytes = 0_usize;
    let mut files = 0_usize;
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(too_large(headers, MessageKey::FileTooLarge));
            }
            Err(_) => {
                refuse(&mut form, UploadError::Interrupted.message_key());
                break;
            }
        };
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            let file_name = field.file_name().unwrap_or("").to_string();
            if file_name.is_empty() {
                continue; // The file input was left empty.
            }
            files += 1;
            if files > FILES_PER_CASE_MAX {
                return Err(too_large(headers, MessageKey::TooManyFiles));
            }
            let content_type = field.content_type().unwrap_or("").to_string();
            match attachments::receive(state, actor, &file_name, &content_type, Box::pin(field))
                .await
            {
                Ok(info) => form.ids.push(info.id.to_string()),
                Err(e) => {
                    refuse(&mut form, e.message_key());
                    break;
                }
            }
            continue;
        }
        let known = fields.iter().find(|f| **f == name).copied();
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    text_bytes += chunk.len();
                    if text_bytes > FORM_TEXT_MAX {
                        return Err(too_large(headers, MessageKey::FormTooLarge));
                    }
                    if known.is_some() || name == "intent" {
                        bytes.extend_from_slice(&chunk);
                    }
                }
                Ok(None) => break,
                Err(_) => {
                    refuse(&mut form, UploadError::Interrupted.message_key());
                    return Ok(form);
                }
            }
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if name == "intent" {
            form.intent = text;
        } else if known == Some("attachments") {
            let earlier = text.split(',').map(str::trim).filter(|s| !s.is_empty());
            form.ids.splice(0..0, earlier.map(str::to_string));
        } else if let Some(known) = known {
            // A field that repeats (a list of checkboxes) keeps every value, comma-separated.
            form.values
                .entry(known)
                .and_modify(|v| {
                    v.push(',');
                    v.push_str(&text);
                })
                .or_insert(text);
        }
    }
    Ok(form)
}

/// 413 with the reason as text in the reader's language (a plain form post that went over a limit
/// mid-stream cannot be sent back to its page: the rest of its body was never read).
fn too_large(headers: &http::HeaderMap, key: MessageKey) -> Response {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        [(http::header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{}\n", key.text(reader_locale(headers))),
    )
        .into_response()
}

/// `POST /cases/{number}/files`: the case page's "Upload files" without JavaScript: the files join
/// the case at once (for those who may see it; 404 otherwise), then back to the case page.
pub async fn upload_to_case(
    State(state): State<AppState>,
    actor: Actor,
    axum::extract::Path(number): axum::extract::Path<String>,
    headers: http::HeaderMap,
    mut multipart: axum::extract::Multipart,
) -> Response {
    use app::domain::encode_query_value as enc;
    // Refuse before storing anything when the case is not the caller's to see.
    if let Err(e) = app::backend::access::visible_case(&state.store, &actor, &number).await {
        return e.status().into_response();
    }
    let form = match read_form(
        &state,
        &headers,
        &actor,
        &mut multipart,
        &["attachments"],
        app::domain::attachments::FILES_PER_CASE_MAX,
    )
    .await
    {
        Ok(form) => form,
        Err(refused) => return refused,
    };
    let page = format!("/cases/{}", enc(&number));
    let mut errors = form.errors;
    if errors.is_empty() {
        let ids = form.ids.join(",");
        match attachments::add_to_case(&state, &actor, &number, &ids).await {
            Ok(_) => return Redirect::to(&format!("{page}#files-title")).into_response(),
            Err(e @ app::error::AppError::Validation(_)) => errors = e.form_errors(),
            Err(e) => return e.status().into_response(),
        }
    }
    let back = format!("{page}#files-title");
    Redirect::to(&app::backend::forms::back_to(&back, &errors, None)).into_response()
}

/// The files of a multipart body posted to the REST API (`file` parts; other parts are read and
/// dropped), stored as the caller's pending uploads with the pages' limits: their ids, or why they
/// were refused (`TooLarge` past a limit, a validation error on `file` otherwise). None posted:
/// refused at `file` too.
pub async fn receive_files(
    state: &AppState,
    headers: &http::HeaderMap,
    actor: &Actor,
    multipart: &mut axum::extract::Multipart,
) -> Result<Vec<String>, app::error::AppError> {
    let form = read_form(
        state,
        headers,
        actor,
        multipart,
        &[],
        app::domain::attachments::FILES_PER_CASE_MAX,
    )
    .await
    .map_err(|_| app::error::AppError::TooLarge)?;
    let mut refusals: Vec<String> = form.errors.into_values().flatten().collect();
    if refusals.is_empty() && form.ids.is_empty() {
        refusals.push(MessageKey::FileEmpty.code().to_string());
    }
    if !refusals.is_empty() {
        return Err(app::error::AppError::Validation(
            [("file".to_string(), refusals)].into(),
        ));
    }
    Ok(form.ids)
}

/// `POST /cases/{number}/files/{id}/version`: "Upload new version" of a case's file (with or without
/// JavaScript: a plain multipart form). The one file becomes the newest version of file `id` (its
/// uploader, or support staff; followers get an email), then back to it on the case page; an error
/// (no file, too large, a newer version came first) comes back next to that file's field.
pub async fn upload_version(
    State(state): State<AppState>,
    actor: Actor,
    axum::extract::Path((number, id)): axum::extract::Path<(String, i64)>,
    headers: http::HeaderMap,
    mut multipart: axum::extract::Multipart,
) -> Response {
    use app::domain::AttachmentId;
    use app::domain::encode_query_value as enc;
    // Refuse before storing anything when the case is not the caller's to see.
    if let Err(e) = app::backend::access::visible_case(&state.store, &actor, &number).await {
        return e.status().into_response();
    }
    let form = match read_form(&state, &headers, &actor, &mut multipart, &[], 1).await {
        Ok(form) => form,
        Err(refused) => return refused,
    };
    let page = format!("/cases/{}", enc(&number));
    let mut errors = form.errors;
    let upload = form
        .ids
        .first()
        .and_then(|i| i.parse().ok())
        .map(AttachmentId);
    if errors.is_empty() {
        match upload {
            None => app::error::add_field_error(&mut errors, "version", MessageKey::FileEmpty),
            Some(upload) => {
                match attachments::new_version(&state, &actor, AttachmentId(id), upload).await {
                    Ok(_) => {
                        return Redirect::to(&format!("{page}#file-{id}")).into_response();
                    }
                    Err(e @ app::error::AppError::Validation(_)) => errors = e.form_errors(),
                    Err(e) => return e.status().into_response(),
                }
            }
        }
    }
    // Whatever went wrong (the upload's errors are filed under the add-files field) is said next
    // to this file's field.
    let errors: app::error::FieldErrors = [(
        "version".to_string(),
        errors.into_values().flatten().collect(),
    )]
    .into();
    let back = format!("{page}?file={id}#file-{id}");
    Redirect::to(&app::backend::forms::back_to(&back, &errors, None)).into_response()
}

/// `POST /cases/new/files`: the new-case form without JavaScript, posted as multipart by both of
/// its buttons. Its files become pending uploads of the caller; then "Upload files" goes back to the
/// form with everything typed and the files listed, and "Submit" opens the case (the same service
/// as the `create_case` server function) or goes back with the errors. A refused file stops there
/// and says why next to the attachments.
pub async fn upload_from_form(
    State(state): State<AppState>,
    actor: Actor,
    headers: http::HeaderMap,
    mut multipart: axum::extract::Multipart,
) -> Response {
    use app::backend::forms;
    use app::domain::cases::FORM_FIELDS;
    use app::error::AppError;
    let Ok(me) = actor.signed_in() else {
        return Redirect::to("/login?next=%2Fcases%2Fnew").into_response();
    };
    let PostedForm {
        mut values,
        ids,
        intent,
        mut errors,
    } = match read_form(
        &state,
        &headers,
        &actor,
        &mut multipart,
        &FORM_FIELDS,
        app::domain::attachments::FILES_PER_CASE_MAX,
    )
    .await
    {
        Ok(form) => form,
        Err(refused) => return refused,
    };
    let submit = intent == "submit";
    values.insert("attachments", ids.join(","));
    let typed = |name: &str| values.get(name).cloned().unwrap_or_default();
    if submit && errors.is_empty() {
        let input = app::backend::services::cases::CaseInput::from_form(typed);
        match app::backend::services::cases::open_case(state.store.as_ref(), &actor, input).await {
            Ok(created) => {
                return Redirect::to(&format!("/cases/new?created={}", created.number))
                    .into_response();
            }
            Err(e @ (AppError::Validation(_) | AppError::RateLimited(_))) => {
                errors = e.form_errors();
            }
            Err(e) => return e.status().into_response(),
        }
    }
    // Back to the form with its errors; what was typed waits in a draft, never in the URL.
    let back: Vec<(&str, &str)> = FORM_FIELDS
        .iter()
        .map(|f| (*f, values.get(f).map_or("", String::as_str)))
        .collect();
    let draft = match forms::save_draft(&state, Some(me), &back).await {
        Ok(draft) => draft,
        Err(e) => return e.status().into_response(),
    };
    let page = app::domain::cases::new_case_path(&typed("account"));
    Redirect::to(&forms::back_to(&page, &errors, draft.as_deref())).into_response()
}

/// `POST /desk/articles/files`: the article editor without JavaScript, posted as multipart by its
/// "Upload files" button (support staff). The files become pending uploads of the writer; back to
/// the editor with everything typed and the files listed, to join the article when it is saved.
pub async fn upload_to_article(
    State(state): State<AppState>,
    actor: Actor,
    headers: http::HeaderMap,
    mut multipart: axum::extract::Multipart,
) -> Response {
    use app::backend::forms;
    use app::domain::knowledge::{EDITOR_FIELDS, editor_path};
    let me = match app::backend::policy::require(&actor, app::backend::policy::can_write_articles) {
        Ok(me) => me,
        Err(e) => return e.status().into_response(),
    };
    let PostedForm {
        mut values,
        ids,
        errors,
        ..
    } = match read_form(
        &state,
        &headers,
        &actor,
        &mut multipart,
        &EDITOR_FIELDS,
        app::domain::attachments::FILES_PER_CASE_MAX,
    )
    .await
    {
        Ok(form) => form,
        Err(refused) => return refused,
    };
    values.insert("attachments", ids.join(","));
    let typed = |name: &str| values.get(name).map_or("", String::as_str);
    let back = [
        ("title", typed("title")),
        ("summary", typed("summary")),
        ("body", typed("body")),
        ("language", typed("language")),
        ("category", typed("category")),
        ("status", typed("status")),
        ("products", typed("products[]")),
        ("translation_of", typed("translation_of")),
        ("attachments", typed("attachments")),
        ("remove_files", typed("remove_files[]")),
    ];
    let draft = match forms::save_draft(&state, Some(me), &back).await {
        Ok(draft) => draft,
        Err(e) => return e.status().into_response(),
    };
    let page = editor_path(typed("number"), typed("from_case"));
    Redirect::to(&forms::back_to(&page, &errors, draft.as_deref())).into_response()
}
