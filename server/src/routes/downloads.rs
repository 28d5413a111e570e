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
    "video/mp4",
    "video/ogg",
    "video/quicktime",
    "video/webm",
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
    let size = u64::try_from(row.size_bytes).unwrap_or(0);
    let range = match headers
        .get(http::header::RANGE)
        .map(|v| byte_range(v, size))
    {
        None | Some(Asked::Whole) => None,
        Some(Asked::Part(start, end)) => Some((start, end)),
        Some(Asked::Unsatisfiable) => {
            let mut refused = StatusCode::RANGE_NOT_SATISFIABLE.into_response();
            if let Ok(v) = http::HeaderValue::from_str(&format!("bytes */{size}")) {
                refused.headers_mut().insert(http::header::CONTENT_RANGE, v);
            }
            return refused;
        }
    };
    let opened = match range {
        Some((start, _)) => state.blobs.open_at(&row.storage_key, start).await,
        None => state.blobs.open(&row.storage_key).await,
    };
    let reader = match opened {
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
    let (length, reader): (u64, app::backend::uploads::BlobReader) = match range {
        Some((start, end)) => {
            use tokio::io::AsyncReadExt;
            (end - start + 1, Box::new(reader.take(end - start + 1)))
        }
        None => (size, reader),
    };
    let body = axum::body::Body::from_stream(tokio_util::io::ReaderStream::new(reader));
    let mut response = body.into_response();
    if let Some((start, end)) = range {
        *response.status_mut() = StatusCode::PARTIAL_CONTENT;
        if let Ok(v) = http::HeaderValue::from_str(&format!("bytes {start}-{end}/{size}")) {
            response
                .headers_mut()
                .insert(http::header::CONTENT_RANGE, v);
        }
    }
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
    set(http::header::CONTENT_LENGTH, &length.to_string());
    set(http::header::ACCEPT_RANGES, "bytes");
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

/// What a `Range` header asks of a file.
#[derive(Debug, PartialEq, Eq)]
enum Asked {
    /// The whole file (200): no range, several ranges or another unit (RFC 9110 lets a server
    /// answer those with the whole file).
    Whole,
    /// Bytes `.0` to `.1`, inclusive (206).
    Part(u64, u64),
    /// Nothing the file has (416).
    Unsatisfiable,
}

/// The one byte range a `Range` header asks of a file of `size` bytes (`bytes=0-99`,
/// `bytes=100-`, `bytes=-100`).
fn byte_range(header: &http::HeaderValue, size: u64) -> Asked {
    let Some(spec) = header
        .to_str()
        .ok()
        .and_then(|v| v.trim().strip_prefix("bytes="))
    else {
        return Asked::Whole;
    };
    if spec.contains(',') {
        return Asked::Whole;
    }
    let part = || -> Option<(u64, u64)> {
        let (first, last) = spec.split_once('-')?;
        let (first, last) = (first.trim(), last.trim());
        let final_byte = size.checked_sub(1)?;
        let (start, end) = if first.is_empty() {
            // The last `n` bytes.
            let n: u64 = last.parse().ok().filter(|n| *n > 0)?;
            (size.saturating_sub(n), final_byte)
        } else {
            let start: u64 = first.parse().ok()?;
            let end = match last {
                "" => final_byte,
                last => last.parse::<u64>().ok()?.min(final_byte),
            };
            (start, end)
        };
        (start <= end).then_some((start, end))
    };
    match part() {
        Some((start, end)) => Asked::Part(start, end),
        None => Asked::Unsatisfiable,
    }
}

#[cfg(test)]
mod tests {
    use super::{Asked, byte_range};

    fn range(v: &str, size: u64) -> Asked {
        byte_range(&http::HeaderValue::from_str(v).expect("header"), size)
    }

    #[test]
    fn one_range_of_bytes_is_served() {
        assert_eq!(range("bytes=0-99", 1000), Asked::Part(0, 99));
        assert_eq!(range("bytes=900-", 1000), Asked::Part(900, 999));
        assert_eq!(range("bytes=-100", 1000), Asked::Part(900, 999));
        assert_eq!(range("bytes=990-5000", 1000), Asked::Part(990, 999));
        assert_eq!(range("bytes=-5000", 1000), Asked::Part(0, 999));
        // Nothing the file has.
        assert_eq!(range("bytes=1000-", 1000), Asked::Unsatisfiable);
        assert_eq!(range("bytes=5-4", 1000), Asked::Unsatisfiable);
        assert_eq!(range("bytes=-0", 1000), Asked::Unsatisfiable);
        assert_eq!(range("bytes=x-y", 1000), Asked::Unsatisfiable);
        // Several ranges or another unit: the whole file.
        assert_eq!(range("bytes=0-1,5-6", 1000), Asked::Whole);
        assert_eq!(range("items=0-1", 1000), Asked::Whole);
    }
}
