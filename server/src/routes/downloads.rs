//! Downloads: `GET /attachments/{id}`, always as an attachment that never renders in the portal's
//! origin.
use super::not_found_text;
use app::backend::auth::Actor;
use app::backend::services::attachments;
use app::backend::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::StatusCode;

/// Types a download may declare as they are; anything else goes out as `application/octet-stream`.
const PLAIN_TYPES: &[&str] = &[
    "application/pdf",
    "application/zip",
    "image/gif",
    "image/jpeg",
    "image/png",
    "image/webp",
    "text/csv",
    "text/plain",
];

/// `GET /attachments/{id}` (and `/attachments/{id}/{name}`, the name only for people): the file, for
/// those who may see its case (or its uploader while no case holds it); 404 for anyone else,
/// exactly as for an id that does not exist. Always a download that never renders in the portal's
/// origin: `Content-Disposition: attachment` with the RFC 6266 name, `nosniff`, and a CSP of
/// `default-src 'none'` with `sandbox`.
pub async fn download(
    State(state): State<AppState>,
    actor: Actor,
    headers: http::HeaderMap,
    axum::extract::Path(params): axum::extract::Path<Vec<(String, String)>>,
) -> Response {
    let id = params
        .iter()
        .find(|(k, _)| k == "id")
        .and_then(|(_, v)| v.parse::<i64>().ok());
    let not_found = || not_found_text(&headers);
    let Some(id) = id else {
        return not_found();
    };
    let row = match app::backend::access::visible_attachment(
        &state.store,
        &actor,
        app::domain::AttachmentId(id),
    )
    .await
    {
        Ok(row) => row,
        Err(app::error::AppError::NotFound) => return not_found(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let reader = match state.blobs.open(&row.storage_key).await {
        Ok(reader) => reader,
        Err(e) => {
            tracing::error!(error = %e, attachment = id, "attachment bytes missing");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let content_type = if PLAIN_TYPES.contains(&row.content_type.as_str()) {
        row.content_type.as_str()
    } else {
        "application/octet-stream"
    };
    // Fail closed: a file that cannot be named as a download is not served at all.
    let Ok(disposition) =
        http::HeaderValue::from_str(&attachments::content_disposition(&row.file_name))
    else {
        tracing::error!(
            attachment = id,
            "no valid Content-Disposition for the file name"
        );
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let body = axum::body::Body::from_stream(tokio_util::io::ReaderStream::new(reader));
    let mut response = body.into_response();
    response
        .headers_mut()
        .insert(http::header::CONTENT_DISPOSITION, disposition);
    let h = response.headers_mut();
    let mut set = |name: http::header::HeaderName, value: &str| {
        if let Ok(v) = http::HeaderValue::from_str(value) {
            h.insert(name, v);
        }
    };
    set(http::header::CONTENT_TYPE, content_type);
    set(http::header::CONTENT_LENGTH, &row.size_bytes.to_string());
    set(http::header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(
        http::header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; sandbox",
    );
    set(http::header::CACHE_CONTROL, "private, no-cache");
    set(
        http::header::HeaderName::from_static("cross-origin-resource-policy"),
        "same-origin",
    );
    response
}
