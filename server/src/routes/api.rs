//! The REST API, `/api/v1` (issue #19, part 3; first part): JSON over HTTP for programs, with a
//! personal access token as `Authorization: Bearer pat_…` (the session middleware resolves it to
//! its person's `Actor`; cookies count for nothing here, so no request can ride on a browser's
//! session). Each handler calls the same service as the pages, so a token sees exactly what its
//! person sees: a customer's token its company's cases only, never an internal comment; another
//! company's case answers 404 like a missing one. Errors are `{"error": CODE, "fields": {…}}`; a
//! path the API does not have answers `{"error": "not_found"}` too, never the HTML 404 page.
//! Lists come as `{"items": […]}`, so that a field can join them later without breaking a client.
use app::backend::auth::Actor;
use app::backend::services;
use app::backend::state::AppState;
use app::domain::AccountId;
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
    // `Api`: what the page shows, without joining the person's "Recently viewed".
    match services::case_page::detail(&state, &actor, &number, CaseReading::Api, None).await {
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

/// A new case: a customer's for their own company; support's for `contact` of company `account`,
/// taken by `origin` (`phone` or `email`).
#[derive(Debug, Deserialize)]
pub struct NewCase {
    subject: String,
    #[serde(default)]
    description: String,
    /// A product's name, as the form's autocomplete fills it in.
    #[serde(default)]
    product: String,
    #[serde(default)]
    country: String,
    /// Support only: the company's id.
    #[serde(default)]
    account: Option<i64>,
    /// Support only: the contact's id.
    #[serde(default)]
    contact: Option<i64>,
    /// Support only: `phone` or `email`.
    #[serde(default)]
    origin: String,
}

/// `POST /api/v1/cases`: opens a case with the new-case form's rules, limits and emails (a write
/// token); 201 with the case and its address in `Location`.
pub async fn create_case(
    State(state): State<AppState>,
    actor: Actor,
    body: Result<Json<NewCase>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let Ok(Json(case)) = body else {
        return refused(StatusCode::BAD_REQUEST, "bad_json");
    };
    let id = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let input = services::cases::CaseInput {
        subject: case.subject,
        description: case.description,
        product: case.product,
        country: case.country,
        attachments: String::new(),
        account: id(case.account),
        contact: id(case.contact),
        origin: case.origin,
    };
    match services::cases::open_case(state.store.as_ref(), &actor, input).await {
        Ok(created) => {
            let location = format!("/api/v1/cases/{}", created.number);
            let mut response = (StatusCode::CREATED, Json(created)).into_response();
            if let Ok(value) = http::HeaderValue::from_str(&location) {
                response.headers_mut().insert(http::header::LOCATION, value);
            }
            response
        }
        Err(e) => error(&e),
    }
}

/// `{"items": […]}`.
fn items<T: serde::Serialize>(list: Vec<T>) -> Response {
    Json(serde_json::json!({ "items": list })).into_response()
}

/// `GET /api/v1/products?q=`: the active products the new-case form's autocomplete offers for
/// `q` (two characters at least).
pub async fn products(
    State(state): State<AppState>,
    actor: Actor,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let q = params.get("q").map(String::as_str).unwrap_or_default();
    match services::cases::suggest_products(&state.store, &actor, q).await {
        Ok(list) => items(list),
        Err(e) => error(&e),
    }
}

/// `GET /api/v1/articles?q=&category=&language=&product=`: the knowledge base's search, as its
/// page finds articles for the token's person.
pub async fn articles(
    State(state): State<AppState>,
    actor: Actor,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let param = |key: &str| params.get(key).cloned().unwrap_or_default();
    let input = services::knowledge::SearchInput {
        query: param("q"),
        category: param("category"),
        language: param("language"),
        product: param("product"),
    };
    match services::knowledge::search(&state, &actor, &input).await {
        Ok(list) => items(list),
        Err(e) => error(&e),
    }
}

/// `GET /api/v1/articles/{number}`: one published article.
pub async fn article(
    State(state): State<AppState>,
    actor: Actor,
    Path(number): Path<String>,
) -> Response {
    match services::knowledge::article(&state, &actor, &number).await {
        Ok(article) => Json(article).into_response(),
        Err(e) => error(&e),
    }
}

/// `GET /api/v1/accounts?q=`: support's companies whose name, phone or country holds `q`.
pub async fn accounts(
    State(state): State<AppState>,
    actor: Actor,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let q = params.get("q").map(String::as_str).unwrap_or_default();
    match services::accounts::find_accounts(&state.store, &actor, q).await {
        Ok(list) => items(list),
        Err(e) => error(&e),
    }
}

/// `GET /api/v1/accounts/{id}`: one company with its contacts (support).
pub async fn account(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return error(&AppError::NotFound);
    };
    match services::contacts::account_detail(&state.store, &actor, AccountId(id)).await {
        Ok(detail) => Json(detail).into_response(),
        Err(e) => error(&e),
    }
}

/// Any other path under `/api/v1/`: the API's own 404, in JSON.
pub async fn no_such_route() -> Response {
    error(&AppError::NotFound)
}
