//! Plain axum routes beside the Leptos app: `/healthz`, the no-JS language switch, and the HTML part
//! of a dev-mailbox email.
use app::backend::state::AppState;
use app::components::lang::LANG_COOKIE;
use app::domain::{Language, safe_local_path};
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use http::StatusCode;
use http::header::SET_COOKIE;
use serde::Deserialize;

/// `GET /healthz`: 200 when the database answers, 503 otherwise. For load balancers and `make run`.
pub async fn healthz(State(state): State<AppState>) -> Response {
    let backend = format!("{:?}", state.store.backend()).to_lowercase();
    match state.store.ping().await {
        Ok(()) => Json(serde_json::json!({ "status": "ok", "database": backend })).into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({ "status": "unavailable", "database": backend })),
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

/// `POST /lang`: remembers the language in the cookie leptos_i18n reads, then goes back.
pub async fn set_language(
    State(state): State<AppState>,
    Form(form): Form<LanguageForm>,
) -> Response {
    let Some(language) = Language::from_code(&form.lang) else {
        return (StatusCode::BAD_REQUEST, "unknown language").into_response();
    };
    let secure = if state.settings.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        language.code()
    );
    (
        [(SET_COOKIE, cookie)],
        Redirect::to(safe_local_path(&form.back)),
    )
        .into_response()
}

/// `GET /admin/mail/{id}/html`: the HTML part of a dev-mailbox email, for admins (the same policy as
/// the mail page), as a document of its own under a CSP `sandbox` that runs no script and reaches
/// nothing but its inline styles.
pub async fn mail_html(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<i64>,
    auth: Option<axum::Extension<app::backend::auth::Authenticated>>,
) -> Response {
    use app::backend::auth::Actor;
    let actor = Actor::from_session(auth.as_ref().map(|a| &a.0));
    if actor == Actor::Anonymous {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    if !app::backend::policy::can_read_mail(&actor) {
        return StatusCode::FORBIDDEN.into_response();
    }
    match state.store.get_dev_mail(id).await {
        Ok(mail) => (
            [
                (http::header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (
                    http::header::CONTENT_SECURITY_POLICY,
                    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
                ),
                (http::header::CACHE_CONTROL, "no-store"),
            ],
            mail.html_body,
        )
            .into_response(),
        Err(app::backend::store::StoreError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "reading the dev mailbox");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
