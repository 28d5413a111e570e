//! Single sign-on's two plain routes: the "Sign in with …" button's start, which sends the browser
//! to the identity provider, and the callback the provider sends it back to. They redirect and set
//! cookies, so they are not server functions; every rule lives in `services::sso`.
use app::backend::auth::{self, ClientAddr};
use app::backend::forms::back_to;
use app::backend::services::auth::SignInStep;
use app::backend::services::{sso, two_factor};
use app::backend::state::AppState;
use app::domain::{IdentityProviderId, encode_query_value, safe_local_path};
use app::error::AppError;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::header::{CACHE_CONTROL, LOCATION, SET_COOKIE};
use http::{HeaderMap, HeaderValue, StatusCode};
use serde::Deserialize;

/// The start's query.
#[derive(Debug, Default, Deserialize)]
pub struct StartQuery {
    #[serde(default)]
    next: String,
}

/// `GET /auth/oidc/{id}/start?next=…`: to the provider's sign-in, with this browser's sign-in
/// cookie; a provider that is off, missing or unreachable goes back to the sign-in page with a
/// message.
pub async fn start(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(q): Query<StartQuery>,
) -> Response {
    let secure = state.settings.secure_cookies();
    match sso::start(&state, IdentityProviderId(id), &q.next).await {
        Ok(started) => {
            let cookie = auth::sso_cookie(&started.token, secure, sso::FLOW_LIFETIME);
            redirect(&started.location, &[cookie])
        }
        Err(e) => back_to_sign_in(&q.next, e),
    }
}

/// The provider's answer.
#[derive(Debug, Default, Deserialize)]
pub struct CallbackQuery {
    #[serde(default)]
    state: String,
    code: Option<String>,
    error: Option<String>,
    iss: Option<String>,
}

/// `GET /auth/oidc/callback?code=…&state=…`: finishes the sign-in of this browser's cookie (which
/// goes, used or not) and opens the session, or asks for the second factor first; any failure goes
/// back to the sign-in page with its message.
pub async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<CallbackQuery>,
    client: Option<axum::Extension<ClientAddr>>,
) -> Response {
    let secure = state.settings.secure_cookies();
    let client = client.map(|c| c.0.0).unwrap_or_else(|| "unknown".into());
    let token = auth::cookie(&headers, auth::sso_cookie_name(secure));
    let device = auth::cookie(&headers, auth::device_cookie_name(secure));
    let previous = auth::cookie(&headers, auth::session_cookie_name(secure));
    let answer = sso::Callback {
        token,
        state: &q.state,
        code: q.code.as_deref(),
        error: q.error.as_deref(),
        iss: q.iss.as_deref(),
        device,
        previous_session: previous,
        client: &client,
    };
    let done = auth::sso_cookie("", secure, chrono::Duration::zero());
    match sso::finish(&state, answer).await {
        Ok(finished) => {
            let next = safe_local_path(&finished.next);
            match finished.step {
                SignInStep::Session(signed_in) => {
                    let mut cookies = vec![
                        done,
                        auth::session_cookie(&signed_in.token, secure, signed_in.lifetime),
                    ];
                    if let Some(device) = &signed_in.new_device {
                        cookies.push(auth::device_cookie(device, secure));
                    }
                    redirect(next, &cookies)
                }
                SignInStep::SecondFactor { token } => {
                    let challenge =
                        auth::challenge_cookie(&token, secure, two_factor::CHALLENGE_LIFETIME);
                    let page = format!(
                        "{}?next={}",
                        app::api::auth::CODE_PAGE,
                        encode_query_value(next)
                    );
                    redirect(&page, &[done, challenge])
                }
            }
        }
        Err(e) => {
            let mut response = back_to_sign_in("", e);
            if let Ok(value) = HeaderValue::from_str(&done) {
                response.headers_mut().append(SET_COOKIE, value);
            }
            response
        }
    }
}

/// A 303 to `location` with `cookies` set.
fn redirect(location: &str, cookies: &[String]) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    match HeaderValue::from_str(location) {
        Ok(value) => {
            headers.insert(LOCATION, value);
        }
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(cookie) {
            headers.append(SET_COOKIE, value);
        }
    }
    response
}

/// The sign-in page with the error's message (a validation error's; anything else says "try again"
/// in general terms).
fn back_to_sign_in(next: &str, error: AppError) -> Response {
    let errors = match &error {
        AppError::Validation(_) => error.form_errors(),
        other => {
            tracing::warn!(error = %other, "single sign-on failed");
            AppError::field("_form", app::messages::MessageKey::SsoFailed).form_errors()
        }
    };
    let page = if next.is_empty() {
        "/login".to_string()
    } else {
        format!("/login?next={}", encode_query_value(safe_local_path(next)))
    };
    redirect(&back_to(&page, &errors, None), &[])
}
