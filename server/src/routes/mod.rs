//! Plain axum routes beside the Leptos app: `/healthz`, the no-JS language switch, the HTML part of a
//! dev-mailbox email (here), attachment uploads (`uploads`), downloads (`downloads`) and live
//! pages' events (`live`): they stream, so they are not server functions. Each route takes the `Actor` as an extractor and
//! leaves every rule to the services.
use app::backend::auth::{self, Actor};
use app::backend::services;
use app::backend::state::AppState;
use app::domain::{Language, safe_local_path};
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use http::StatusCode;
use http::header::SET_COOKIE;
use serde::Deserialize;

pub mod api;
mod downloads;
mod live;
mod sso;
mod uploads;

pub use downloads::download;
pub use live::{case_events, list_events};
pub use sso::{callback as sso_callback, start as sso_start};
pub use uploads::{
    FORM_TEXT_MAX, MULTIPART_OVERHEAD, body_limit as upload_body_limit, receive_files, upload,
    upload_from_form, upload_to_article, upload_to_case, upload_version,
};

/// `GET /healthz`: 200 `{"status":"ok"}` when the database answers, 503 otherwise. For load
/// balancers and `make run`; it says nothing more (no versions, no backend) to whoever asks.
pub async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.ping().await {
        Ok(()) => Json(serde_json::json!({ "status": "ok" })).into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({ "status": "unavailable" })),
            )
                .into_response()
        }
    }
}

/// The language switch's form, posted when the page has not hydrated (or has no JS).
#[derive(Debug, Deserialize)]
pub struct LanguageForm {
    lang: String,
    #[serde(default)]
    back: String,
}

/// `POST /lang`: remembers the language in the cookie leptos_i18n reads and, for a signed-in
/// person, as their language (pages and emails), then goes back; a signed-in person's page then
/// says so (`language_saved`).
pub async fn set_language(
    State(state): State<AppState>,
    actor: Actor,
    Form(form): Form<LanguageForm>,
) -> Response {
    let Some(language) = Language::from_code(&form.lang) else {
        return (StatusCode::BAD_REQUEST, "unknown language").into_response();
    };
    let mut back = safe_local_path(&form.back).to_string();
    if actor != Actor::Anonymous {
        if let Err(e) = services::users::set_own_language(&state.store, &actor, language).await {
            tracing::warn!(error = %e, "saving a person's language");
            return e.status().into_response();
        }
        back = with_query_flag(&back, "language_saved");
    }
    let cookie = auth::language_cookie(language, state.settings.secure_cookies());
    ([(SET_COOKIE, cookie)], Redirect::to(&back)).into_response()
}

/// `path` (a local path, maybe with a query) with `flag=1` added to its query, once.
fn with_query_flag(path: &str, flag: &str) -> String {
    let (base, query) = path.split_once('?').unwrap_or((path, ""));
    let mut pairs: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && p.split('=').next() != Some(flag))
        .collect();
    let added = format!("{flag}=1");
    pairs.push(&added);
    format!("{base}?{}", pairs.join("&"))
}

/// The report's choices in the URL.
#[derive(Debug, Default, Deserialize)]
pub struct ReportQuery {
    #[serde(default)]
    by: String,
    #[serde(default)]
    period: String,
}

/// `GET /desk/satisfaction.csv?by=…&period=…`: the satisfaction report as a CSV download, for
/// administrators (the page's policy, through the same service); headers in the reader's language.
pub async fn satisfaction_csv(
    State(state): State<AppState>,
    actor: Actor,
    headers: http::HeaderMap,
    axum::extract::Query(q): axum::extract::Query<ReportQuery>,
) -> Response {
    use app::backend::services::surveys;
    use app::domain::surveys::{ReportBy, ReportPeriod};
    let by = ReportBy::parse(&q.by);
    let period = ReportPeriod::parse(&q.period);
    match surveys::report(&state, &actor, by, period).await {
        Ok(report) => {
            let language = app::backend::auth::reader_language(&headers);
            let name = format!(
                "attachment; filename=\"satisfaction-{}-{}.csv\"",
                by.code(),
                period.code()
            );
            (
                [
                    (
                        http::header::CONTENT_TYPE,
                        "text/csv; charset=utf-8".to_string(),
                    ),
                    (http::header::CONTENT_DISPOSITION, name),
                    (http::header::CACHE_CONTROL, "private, no-store".to_string()),
                ],
                surveys::report_csv(&report, language),
            )
                .into_response()
        }
        Err(e) => e.status().into_response(),
    }
}

/// `GET /staff/people/{id}/personal-data.zip`: everything Portico holds about a person, for support
/// staff (`services::personal_data::export`), streamed from a temporary file as a download.
pub async fn personal_data(
    State(state): State<AppState>,
    actor: Actor,
    axum::extract::Path(id): axum::extract::Path<i64>,
    client: Option<axum::Extension<app::backend::auth::ClientAddr>>,
) -> Response {
    use app::backend::services::personal_data;
    let client = client.map(|c| c.0.0).unwrap_or_else(|| "unknown".into());
    match personal_data::export(&state, &actor, app::domain::UserId(id), &client).await {
        Ok(export) => (
            [
                (http::header::CONTENT_TYPE, "application/zip".to_string()),
                (
                    http::header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", export.name),
                ),
                (http::header::CONTENT_LENGTH, export.len.to_string()),
                (http::header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            axum::body::Body::from_stream(tokio_util::io::ReaderStream::new(export.file)),
        )
            .into_response(),
        Err(e) => e.status().into_response(),
    }
}

/// `GET /desk/mail/{id}.eml`: an inbound message exactly as it arrived, for staff (anyone else:
/// the 404 of a missing one), always as a download that never renders.
pub async fn inbound_raw(
    State(state): State<AppState>,
    actor: Actor,
    headers: http::HeaderMap,
    axum::extract::Path(file): axum::extract::Path<String>,
) -> Response {
    let Some(id) = file
        .strip_suffix(".eml")
        .and_then(|id| id.parse::<i64>().ok())
    else {
        return not_found_text(&headers);
    };
    let id = app::domain::InboundMailId(id);
    match app::backend::services::inbound::raw(&state, &actor, id).await {
        Ok(raw) => (
            [
                (http::header::CONTENT_TYPE, "message/rfc822".to_string()),
                (
                    http::header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"message-{id}.eml\""),
                ),
                (http::header::CACHE_CONTROL, "private, no-store".to_string()),
                (http::header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
                (
                    http::header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; sandbox".to_string(),
                ),
            ],
            raw,
        )
            .into_response(),
        Err(app::error::AppError::NotFound) => not_found_text(&headers),
        Err(e) => e.status().into_response(),
    }
}

/// `GET /admin/mail/{id}/html`: the HTML part of a dev-mailbox email, for admins (the same policy as
/// the mail page), as a document of its own under a CSP `sandbox` that runs no script and reaches
/// nothing but its inline styles.
pub async fn mail_html(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<i64>,
    actor: Actor,
) -> Response {
    match app::backend::services::mailbox::message(&state, &actor, id).await {
        Ok(mail) => (
            [
                (http::header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (
                    http::header::CONTENT_SECURITY_POLICY,
                    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
                ),
                (http::header::CACHE_CONTROL, "no-store"),
            ],
            mail.html,
        )
            .into_response(),
        Err(e) => e.status().into_response(),
    }
}

/// The reader's language ([`app::backend::auth::reader_language`]), for plain answers.
pub(crate) fn reader_locale(headers: &http::HeaderMap) -> app::i18n::Locale {
    app::backend::mail::locale(app::backend::auth::reader_language(headers))
}

/// "Page not found" as plain text in the reader's language (the language cookie; English without
/// one). The same answer for a file that does not exist and one the reader may not see.
pub(crate) fn not_found_text(headers: &http::HeaderMap) -> Response {
    use app::i18n::td_string;
    let l = reader_locale(headers);
    let body = format!(
        "{}\n\n{}\n",
        td_string!(l, not_found_title),
        td_string!(l, not_found_text)
    );
    (
        StatusCode::NOT_FOUND,
        [(http::header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        body,
    )
        .into_response()
}

/// What a request gets while the database cannot be reached (PostgreSQL restarting, a fail-over):
/// 503 with `Retry-After`, and nothing was saved. A caller that asks for JSON (the app's own
/// calls) gets the error as JSON, like any other; a person (a page, or a form posted without
/// JavaScript) gets a small page in their language, without scripts, that says so and links back
/// to the address they asked for.
pub(crate) fn unavailable(headers: &http::HeaderMap, path_and_query: &str) -> Response {
    use app::domain::escape_html;
    use app::i18n::td_string;
    let retry = (
        http::header::RETRY_AFTER,
        http::HeaderValue::from(app::error::RETRY_UNAVAILABLE_SECONDS),
    );
    // The app's own calls ask for JSON; a form posted without JavaScript (or a page) gets the page.
    let accept = headers
        .get(http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let wants_json = accept.contains("application/json")
        || (path_and_query.starts_with("/api/") && !accept.contains("text/html"));
    if wants_json {
        let body = serde_json::to_string(&app::error::AppError::Unavailable).unwrap_or_default();
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [
                retry,
                (
                    http::header::CONTENT_TYPE,
                    http::HeaderValue::from_static("application/json"),
                ),
            ],
            body,
        )
            .into_response();
    }
    let l = reader_locale(headers);
    let language = app::backend::auth::reader_language(headers).code();
    let title = escape_html(td_string!(l, unavailable_title));
    let body = format!(
        "<!DOCTYPE html><html lang=\"{language}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title></head><body><main><h1>{title}</h1><p>{}</p>\
         <p><a href=\"{}\">{}</a></p></main></body></html>",
        escape_html(td_string!(l, unavailable_text)),
        escape_html(safe_local_path(path_and_query)),
        escape_html(td_string!(l, unavailable_retry)),
    );
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            retry,
            (
                http::header::CONTENT_TYPE,
                http::HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (
                http::header::CACHE_CONTROL,
                http::HeaderValue::from_static("no-store"),
            ),
        ],
        body,
    )
        .into_response()
}
