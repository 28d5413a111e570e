//! The REST API, `/api/v1` (issue #19, part 3; first part): JSON over HTTP for programs, with a
//! personal access token as `Authorization: Bearer pat_…` (the session middleware resolves it to
//! its person's `Actor`; cookies count for nothing here, so no request can ride on a browser's
//! session). Each handler calls the same service as the pages, so a token sees exactly what its
//! person sees: a customer's token its company's cases only, never an internal comment; another
//! company's case answers 404 like a missing one. Errors are `{"error": CODE, "fields": {…}}`; a
//! path the API does not have answers `{"error": "not_found"}` too, never the HTML 404 page.
//! Lists come as `{"items": […]}`, so that a field can join them later without breaking a client.
//! The answers are the API's own types (`model`); the OpenAPI 3.1 document (`doc`) is derived from
//! them and from the `#[utoipa::path]` of each handler, and served at `/api/v1/openapi.json`.
pub mod doc;
pub mod model;

use app::backend::auth::Actor;
use app::backend::services;
use app::backend::state::AppState;
use app::domain::case_list::ListQuery;
use app::domain::case_page::CaseReading;
use app::domain::{AccountId, CaseStatus};
use app::error::AppError;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
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
    let fields = match e {
        AppError::Validation(fields) => Some(fields.clone()),
        _ => None,
    };
    let body = model::Error {
        error: code.into(),
        fields,
    };
    (e.status(), Json(body)).into_response()
}

/// The answer to a request that names no live token, or a token that may not do this.
pub fn refused(status: StatusCode, code: &str) -> Response {
    let body = model::Error {
        error: code.into(),
        fields: None,
    };
    let mut response = (status, Json(body)).into_response();
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(
            http::header::WWW_AUTHENTICATE,
            http::HeaderValue::from_static("Bearer realm=\"portico\""),
        );
    }
    response
}

/// `status` with `body` as JSON, or the error's answer.
fn answer<T: serde::Serialize>(status: StatusCode, result: Result<T, AppError>) -> Response {
    match result {
        Ok(body) => (status, Json(body)).into_response(),
        Err(e) => error(&e),
    }
}

/// The body as JSON of type `T`, or the API's `bad_json` answer.
type Body<T> = Result<Json<T>, axum::extract::rejection::JsonRejection>;

/// One page of cases, as the lists show them: the same views, filters and keyset cursor.
#[utoipa::path(
    get,
    path = "/api/v1/cases",
    tag = "cases",
    params(
        ("view" = Option<String>, Query, description = "`mine` (the default for customers: where you are the contact), `all` (your company's; for support every company's) or `recent`"),
        ("status" = Option<String>, Query, description = "`open` (the default), `closed`, `all`, or one status: `new`, `in_progress`, `awaiting_customer`, `solved`"),
        ("q" = Option<String>, Query, description = "Words of the subject, or a case number"),
        ("sort" = Option<String>, Query, description = "`opened` (the default), `number`, `subject`, `status`, `account`, `contact`, `priority`"),
        ("desc" = Option<bool>, Query, description = "Descending"),
        ("after" = Option<String>, Query, description = "The `next_after` of the previous page"),
    ),
    responses(
        (status = 200, description = "A page of cases", body = model::CaseList),
        (status = 401, description = "No live token", body = model::Error),
        (status = 422, description = "A filter it does not know", body = model::Error),
    ),
    security(("token" = []))
)]
pub async fn list_cases(
    State(state): State<AppState>,
    actor: Actor,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let query = ListQuery::from_params(|key| params.get(key).cloned());
    let page = services::case_list::list(&state.store, &state.views, &actor, &query).await;
    answer(StatusCode::OK, page.map(model::CaseList::from))
}

/// One case with its comments (internal notes for staff only), files and, for staff, history.
/// Another company's case answers 404 exactly like a missing one.
#[utoipa::path(
    get,
    path = "/api/v1/cases/{number}",
    tag = "cases",
    params(("number" = String, Path, description = "The case number (`00000042` or `42`)", example = "00000001")),
    responses(
        (status = 200, description = "The case", body = model::Case),
        (status = 401, description = "No live token", body = model::Error),
        (status = 404, description = "No such case for you", body = model::Error),
    ),
    security(("token" = []))
)]
pub async fn get_case(
    State(state): State<AppState>,
    actor: Actor,
    Path(number): Path<String>,
) -> Response {
    answer(StatusCode::OK, read_case(&state, &actor, &number).await)
}

/// The case as the API gives it. `Api`: what the page shows, without joining the person's
/// "Recently viewed".
async fn read_case(state: &AppState, actor: &Actor, number: &str) -> Result<model::Case, AppError> {
    services::case_page::detail(state, actor, number, CaseReading::Api, None)
        .await
        .map(model::Case::from)
}

/// Changes a case (a write token). Support: its status, priority, assignee or resolution, with the
/// emails the case page's "Update case" sends (solved: the resolution to the contact; closed: the
/// survey; a new assignee is told), and its own fields (subject, description, product, country,
/// contact) as "Edit case" does, each into the history. A customer may only close their company's
/// case (`{"status": "closed"}`, "My problem is solved": the survey follows) or reopen a solved one
/// (`{"status": "in_progress"}`). Fields left out stay. The answer is the case as it is now.
#[utoipa::path(
    patch,
    path = "/api/v1/cases/{number}",
    tag = "cases",
    params(("number" = String, Path, description = "The case number", example = "00000001")),
    request_body = model::CaseUpdate,
    responses(
        (status = 200, description = "The case, changed", body = model::Case),
        (status = 400, description = "Not JSON of this shape (an unknown status, say)", body = model::Error),
        (status = 401, description = "No live token", body = model::Error),
        (status = 403, description = "A read token, or not support staff", body = model::Error),
        (status = 404, description = "No such case", body = model::Error),
        (status = 422, description = "A field refused (`fields` says which)", body = model::Error),
    ),
    security(("token" = []))
)]
pub async fn update_case(
    State(state): State<AppState>,
    actor: Actor,
    Path(number): Path<String>,
    body: Body<model::CaseUpdate>,
) -> Response {
    let Ok(Json(change)) = body else {
        return refused(StatusCode::BAD_REQUEST, "bad_json");
    };
    if matches!(actor, Actor::Customer { .. }) {
        return settle(&state, &actor, &number, change).await;
    }
    // Support's alone, said before the case is read (as the form's service does).
    if let Err(e) = app::backend::policy::require(&actor, app::backend::policy::can_update_case) {
        return error(&e);
    }
    let now =
        match services::case_page::detail(&state, &actor, &number, CaseReading::Api, None).await {
            Ok(now) => now,
            Err(e) => return error(&e),
        };
    let own = [
        &change.subject,
        &change.description,
        &change.product,
        &change.country,
    ];
    if own.iter().any(|f| f.is_some()) || change.contact.is_some() {
        let input = services::cases::CaseInput {
            subject: change.subject.clone().unwrap_or(now.subject.clone()),
            description: change
                .description
                .clone()
                .unwrap_or(now.description.clone()),
            product: change
                .product
                .clone()
                .unwrap_or(now.product.clone().unwrap_or_default()),
            country: change.country.clone().unwrap_or(now.country.clone()),
            contact: change
                .contact
                .or(now.desk.as_ref().map(|d| d.contact.0))
                .map(|id| id.to_string())
                .unwrap_or_default(),
            ..services::cases::CaseInput::default()
        };
        if let Err(e) = services::desk::edit_case(&state, &actor, &number, &input).await {
            return error(&e);
        }
    }
    let desk = [&change.assignee, &change.resolution];
    if change.status.is_none() && change.priority.is_none() && desk.iter().all(|f| f.is_none()) {
        return answer(StatusCode::OK, read_case(&state, &actor, &number).await);
    }
    let assignee = change.assignee.unwrap_or_else(|| {
        now.desk
            .as_ref()
            .and_then(|d| d.assignee)
            .map(|id| id.0.to_string())
            .unwrap_or_default()
    });
    let resolution = change.resolution.unwrap_or(now.resolution);
    let fields = (
        change.status.unwrap_or(now.status).code(),
        change.priority.unwrap_or(now.priority).code(),
        assignee.as_str(),
        resolution.as_str(),
    );
    if let Err(e) = services::desk::update_case(&state, &actor, &number, fields).await {
        return error(&e);
    }
    answer(StatusCode::OK, read_case(&state, &actor, &number).await)
}

/// A customer's PATCH: closing (any open state) or reopening (a solved case), nothing else.
async fn settle(
    state: &AppState,
    actor: &Actor,
    number: &str,
    change: model::CaseUpdate,
) -> Response {
    let only_status = change.priority.is_none()
        && change.assignee.is_none()
        && change.resolution.is_none()
        && change.subject.is_none()
        && change.description.is_none()
        && change.product.is_none()
        && change.country.is_none()
        && change.contact.is_none();
    let action = match change.status {
        Some(CaseStatus::Closed) if only_status => "close",
        Some(CaseStatus::InProgress) if only_status => "reopen",
        _ => return error(&AppError::Forbidden),
    };
    if let Err(e) = services::desk::settle(state, actor, number, action).await {
        return error(&e);
    }
    answer(StatusCode::OK, read_case(state, actor, number).await)
}

/// Adds a comment, with its emails, exactly as the case page does (a write token).
#[utoipa::path(
    post,
    path = "/api/v1/cases/{number}/comments",
    tag = "cases",
    params(("number" = String, Path, description = "The case number", example = "00000001")),
    request_body = model::NewComment,
    responses(
        (status = 201, description = "The comment", body = model::Comment),
        (status = 400, description = "Not JSON of this shape", body = model::Error),
        (status = 401, description = "No live token", body = model::Error),
        (status = 403, description = "A read token, or internal notes from a customer", body = model::Error),
        (status = 404, description = "No such case for you", body = model::Error),
        (status = 422, description = "No text, or too long", body = model::Error),
    ),
    security(("token" = []))
)]
pub async fn add_comment(
    State(state): State<AppState>,
    actor: Actor,
    Path(number): Path<String>,
    body: Body<model::NewComment>,
) -> Response {
    let Ok(Json(comment)) = body else {
        return refused(StatusCode::BAD_REQUEST, "bad_json");
    };
    let added =
        services::case_page::add_comment(&state, &actor, &number, &comment.body, comment.internal)
            .await;
    answer(StatusCode::CREATED, added.map(model::Comment::from))
}

/// Attaches files to a case (a write token; for anyone who may see the case and add files to it):
/// a `multipart/form-data` body with one or more `file` parts, each within the portal's upload
/// limit, checked as the pages check them. The answer is every file of the case.
#[utoipa::path(
    post,
    path = "/api/v1/cases/{number}/files",
    tag = "cases",
    params(("number" = String, Path, description = "The case's eight-digit number", example = "00000001")),
    request_body(content = model::NewFiles, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Every file of the case, the new ones included", body = model::Files),
        (status = 400, description = "Not a multipart body", body = model::Error),
        (status = 401, description = "No live token", body = model::Error),
        (status = 403, description = "A read token, or no right to add files", body = model::Error),
        (status = 404, description = "No such case for you", body = model::Error),
        (status = 413, description = "Over the upload limit", body = model::Error),
        (status = 422, description = "No file, an empty or refused file (`fields.file` says why)", body = model::Error),
        (status = 429, description = "Too many uploads for now", body = model::Error),
    ),
    security(("token" = []))
)]
pub async fn attach_files(
    State(state): State<AppState>,
    actor: Actor,
    Path(number): Path<String>,
    headers: http::HeaderMap,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    // Refuse before storing a byte when the case is not the caller's, or adding files is not.
    if let Err(e) = app::backend::access::visible_case(&state.store, &actor, &number).await {
        return error(&e);
    }
    if let Err(e) = app::backend::policy::require(&actor, app::backend::policy::can_attach_files) {
        return error(&e);
    }
    let Ok(mut multipart) = multipart else {
        return refused(StatusCode::BAD_REQUEST, "bad_multipart");
    };
    let ids = match crate::routes::receive_files(&state, &headers, &actor, &mut multipart).await {
        Ok(ids) => ids,
        Err(e) => return error(&e),
    };
    let added = services::attachments::add_to_case(&state, &actor, &number, &ids.join(",")).await;
    answer(
        StatusCode::CREATED,
        added.map(|files| model::Files {
            files: files.into_iter().map(model::File::from).collect(),
        }),
    )
}

/// A file's bytes, for those who may see it (its case's people, support); another's file answers
/// exactly like a missing one.
#[utoipa::path(
    get,
    path = "/api/v1/files/{id}",
    tag = "cases",
    params(("id" = i64, Path, description = "The file's id (`files[].id` of a case)", example = 1)),
    responses(
        (status = 200, description = "The file, as a download", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 401, description = "No live token", body = model::Error),
        (status = 404, description = "No such file for you", body = model::Error),
    ),
    security(("token" = []))
)]
pub async fn file(
    state: State<AppState>,
    actor: Actor,
    headers: http::HeaderMap,
    path: axum::extract::Path<Vec<(String, String)>>,
) -> Response {
    let response = crate::routes::download(state, actor, headers, path).await;
    if response.status() == StatusCode::NOT_FOUND {
        return refused(StatusCode::NOT_FOUND, "not_found");
    }
    response
}

/// Opens a case with the new-case form's rules, limits and emails (a write token): a customer's
/// for their own company, support's for a contact of any company. The answer is the case, and
/// `Location` its address.
#[utoipa::path(
    post,
    path = "/api/v1/cases",
    tag = "cases",
    request_body = model::NewCase,
    responses(
        (status = 201, description = "The new case", body = model::Case,
         headers(("location" = String, description = "The case's address"))),
        (status = 400, description = "Not JSON of this shape", body = model::Error),
        (status = 401, description = "No live token", body = model::Error),
        (status = 403, description = "A read token", body = model::Error),
        (status = 422, description = "A field refused (`fields` says which)", body = model::Error),
        (status = 429, description = "Too many cases this hour", body = model::Error),
    ),
    security(("token" = []))
)]
pub async fn create_case(
    State(state): State<AppState>,
    actor: Actor,
    body: Body<model::NewCase>,
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
    let created = match services::cases::open_case(state.store.as_ref(), &actor, input).await {
        Ok(created) => created,
        Err(e) => return error(&e),
    };
    let number = created.number.to_string();
    let mut response = answer(
        StatusCode::CREATED,
        read_case(&state, &actor, &number).await,
    );
    if let Ok(value) = http::HeaderValue::from_str(&format!("/api/v1/cases/{number}")) {
        response.headers_mut().insert(http::header::LOCATION, value);
    }
    response
}

/// The active products the new-case form's autocomplete offers.
#[utoipa::path(
    get,
    path = "/api/v1/products",
    tag = "catalogue",
    params(("q" = String, Query, description = "Part of the name (two characters at least; fewer find nothing)")),
    responses(
        (status = 200, description = "Up to ten products, those starting with `q` first", body = model::ProductList),
        (status = 401, description = "No live token", body = model::Error),
    ),
    security(("token" = []))
)]
pub async fn products(
    State(state): State<AppState>,
    actor: Actor,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let q = params.get("q").map(String::as_str).unwrap_or_default();
    let found = services::cases::suggest_products(&state.store, &actor, q).await;
    answer(
        StatusCode::OK,
        found.map(|list| model::ProductList {
            items: list.into_iter().map(Into::into).collect(),
        }),
    )
}

/// The knowledge base's search, as its page finds articles for the token's person.
#[utoipa::path(
    get,
    path = "/api/v1/articles",
    tag = "knowledge base",
    params(
        ("q" = Option<String>, Query, description = "Words (every one must match, in any of the three languages); none: the newest"),
        ("category" = Option<String>, Query, description = "Only this section: `documentation`, `faq`, `known_issue`, `how_to`"),
        ("language" = Option<String>, Query, description = "Only this language: `en`, `ru`, `nl`"),
        ("product" = Option<String>, Query, description = "Only articles about this product (its id)"),
    ),
    responses(
        (status = 200, description = "Published articles, best match first", body = model::ArticleList),
        (status = 401, description = "No live token", body = model::Error),
    ),
    security(("token" = []))
)]
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
    let found = services::knowledge::search(&state, &actor, &input).await;
    answer(
        StatusCode::OK,
        found.map(|list| model::ArticleList {
            items: list.into_iter().map(Into::into).collect(),
        }),
    )
}

/// One published article.
#[utoipa::path(
    get,
    path = "/api/v1/articles/{number}",
    tag = "knowledge base",
    params(("number" = String, Path, description = "The article's number", example = "000001")),
    responses(
        (status = 200, description = "The article", body = model::Article),
        (status = 401, description = "No live token", body = model::Error),
        (status = 404, description = "No such published article", body = model::Error),
    ),
    security(("token" = []))
)]
pub async fn article(
    State(state): State<AppState>,
    actor: Actor,
    Path(number): Path<String>,
) -> Response {
    let found = services::knowledge::article(&state, &actor, &number).await;
    answer(StatusCode::OK, found.map(model::Article::from))
}

/// Support's companies whose name, phone or country holds `q`.
#[utoipa::path(
    get,
    path = "/api/v1/accounts",
    tag = "companies",
    params(("q" = Option<String>, Query, description = "Part of the name, phone or country; none: every company")),
    responses(
        (status = 200, description = "The companies, by name", body = model::AccountList),
        (status = 401, description = "No live token", body = model::Error),
        (status = 403, description = "Not support staff", body = model::Error),
    ),
    security(("token" = []))
)]
pub async fn accounts(
    State(state): State<AppState>,
    actor: Actor,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let q = params.get("q").map(String::as_str).unwrap_or_default();
    let found = services::accounts::find_accounts(&state.store, &actor, q).await;
    answer(
        StatusCode::OK,
        found.map(|list| model::AccountList {
            items: list.into_iter().map(Into::into).collect(),
        }),
    )
}

/// One company with its contacts (support).
#[utoipa::path(
    get,
    path = "/api/v1/accounts/{id}",
    tag = "companies",
    params(("id" = i64, Path, description = "The company's id", example = 1)),
    responses(
        (status = 200, description = "The company and its contacts", body = model::AccountWithContacts),
        (status = 401, description = "No live token", body = model::Error),
        (status = 403, description = "Not support staff", body = model::Error),
        (status = 404, description = "No such company", body = model::Error),
    ),
    security(("token" = []))
)]
pub async fn account(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return error(&AppError::NotFound);
    };
    let found = services::contacts::account_detail(&state.store, &actor, AccountId(id)).await;
    answer(StatusCode::OK, found.map(model::AccountWithContacts::from))
}

/// Any other path under `/api/v1/`: the API's own 404, in JSON, saying that the path is wrong
/// (not that a case or an article is missing).
pub async fn no_such_route() -> Response {
    refused(StatusCode::NOT_FOUND, "no_such_route")
}

/// `GET /api/v1/openapi.json`: the document, open to anyone (it describes the API, not data).
/// Built and serialized once per process: it only changes with the code.
pub async fn openapi() -> Response {
    (
        [(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/json"),
        )],
        document_json(),
    )
        .into_response()
}

/// The OpenAPI document as JSON, built and serialized once per process (it changes only with the
/// code); the reference page (`/developers/api`) reads it too.
pub fn document_json() -> &'static str {
    static JSON: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    JSON.get_or_init(|| serde_json::to_string(&doc::document()).unwrap_or_default())
}
