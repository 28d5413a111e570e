//! Plain axum routes beside the Leptos app: `/healthz` and the no-JS language switch.
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
