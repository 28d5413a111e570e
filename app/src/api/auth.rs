//! Sign-in, sign-out and "who am I".
use crate::domain::CurrentUser;
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in person, or `None`. Public: the header asks it on every page.
#[server(endpoint = "get_current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    Ok(crate::backend::auth::authenticated_request().map(|a| a.user))
}

/// Checks email and password, starts a session (cookie) and goes to `next`. Without JavaScript a
/// failure comes back as `/login?error=credentials`, since a plain form post cannot carry an error.
#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String, next: String) -> Result<(), AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    use crate::domain::{encode_query_value, safe_local_path};
    let state = ctx()?;
    let client = auth::client_addr();
    match services::auth::sign_in(state.store.as_ref(), &email, &password, &client).await {
        Ok(token) => {
            auth::set_cookie(&auth::session_cookie(
                &token,
                state.settings.secure_cookies(),
            ));
            leptos_axum::redirect(safe_local_path(&next));
            Ok(())
        }
        Err(AppError::Validation(_)) if auth::is_plain_form_post() => {
            let next = encode_query_value(safe_local_path(&next));
            leptos_axum::redirect(&format!("/login?error=credentials&next={next}"));
            Ok(())
        }
        Err(AppError::RateLimited(seconds)) if auth::is_plain_form_post() => {
            let next = encode_query_value(safe_local_path(&next));
            leptos_axum::redirect(&format!("/login?error=rate&retry={seconds}&next={next}"));
            Ok(())
        }
        Err(e) => Err(respond_with(e)),
    }
}

/// Ends the current session and goes to the sign-in page. 401 without a session.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::backend::{auth, services, state::ctx};
    let state = ctx()?;
    auth::require_user()?;
    if let Some(token) = auth::request_session_token() {
        services::auth::sign_out(state.store.as_ref(), &token).await?;
    }
    auth::set_cookie(&auth::clear_session_cookie(state.settings.secure_cookies()));
    leptos_axum::redirect("/login");
    Ok(())
}
