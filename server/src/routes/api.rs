//! The REST API, `/api/v1` (issue #19, part 3; first part): JSON over HTTP for programs, with a
//! personal access token as `Authorization: Bearer pat_…` (the session middleware resolves it to
//! its person's `Actor`; cookies count for nothing here, so no request can ride on a browser's
//! session). Each handler calls the same service as the pages, so a token sees exactly what its
//! person sees: a customer's token its company's cases only, never an internal comment; another
//! company's case answers 404 like a missing one. Errors are `{"error": CODE, "fields": {…}}`.
use app::backend::auth::Actor;
use app::backend::services;
use app::backend::state::AppState;
use app::domain::case_list::ListQuery;
use app::domain::case_page::CaseReading;
use app::error::AppError;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde::Deserialize;
use std::collections::HashMap;

/// An error as the API answers it: its status, a code and, for a validation error, the message
/// keys per field.
pub fn error(e: &AppError) -> Response {
    let code = match e {
        AppError::Unauthenticated => "unauthenticated",
        AppError::Forbidden => "forbidden",
        AppError::NotFound => "not_found",
        AppError::Validation(_) => "invalid",
        AppError::Conflict => "conflict",
        AppError::TooLarge => "too_large",
        AppError::RateLimited(_) => "rate_limited",
        AppError::Unavailable => "unavailable",
        AppError::Internal => "internal",
    };
    let mut body = serde_json::json!({ "error": code });
    if let AppError::Validation(fields) = e {
        body["fields"] = serde_json::json!(fields);
    }
    (e.status(), Json(body)).into_response()
}

/// The answer to a request that names no live token, or a token that may not do this.
pub fn refused(status: StatusCode, code: &str) -> Response {
    let mut response = (status, Json(serde_json::json!({ "error": code }))).into_response();
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(
            http::header::WWW_AUTHENTICATE,
            http::HeaderValue::from_static("Bearer realm=\"portico\""),
        );
    }
    response
}

/// `GET /api/v1/cases?view=&status=&q=&sort=&desc=&after=`: one page of cases, as the lists show
/// them (the same views, filters and keyset cursor: `next_after` is the next page's `after`).
pub async fn list_cases(
    State(state): State<AppState>,
    actor: Actor,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let query = ListQuery::from_params(|key| params.get(key).cloned());
    match services::case_list::list(&state.store, &state.views, &actor, &query).await {
        Ok(page) => Json(page).into_response(),
        Err(e) => error(&e),
    }
}

/// `GET /api/v1/cases/{number}`: one case with its comments (internal ones for staff only) and
/// files.
pub async fn get_case(
    State(state): State<AppState>,
    actor: Actor,
    Path(number): Path<String>,
) -> Response {
    match services::case_page::detail(&state, &actor, &number, CaseReading::Page, None).await {
        Ok(case) => Json(case).into_response(),
        Err(e) => error(&e),
    }
}

/// A new comment.
#[derive(Debug, Deserialize)]
pub struct NewComment {
    /// Its text.
    body: String,
    /// Staff only: a note support sees and the customer never does.
    #[serde(default)]
    internal: bool,
}

/// `POST /api/v1/cases/{number}/comments` `{"body": "…", "internal": false}`: adds a comment, with
/// its emails, exactly as the case page does (a write token).
pub async fn add_comment(
    State(state): State<AppState>,
    actor: Actor,
    Path(number): Path<String>,
    body: Result<Json<NewComment>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let Ok(Json(comment)) = body else {
        return refused(StatusCode::BAD_REQUEST, "bad_json");
    };
    match services::case_page::add_comment(&state, &actor, &number, &comment.body, comment.internal)
        .await
    {
        Ok(view) => (StatusCode::CREATED, Json(view)).into_response(),
        Err(e) => error(&e),
    }
}
