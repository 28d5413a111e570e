//! Sign-in, sign-out and "who am I".
use crate::domain::CurrentUser;
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in person, or `None`. Public: the header asks it on every page.
#[server(endpoint = "get_current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    Ok(crate::backend::auth::authenticated_request().map(|a| a.user))
}

/// Checks email and password, starts a session (cookie) and goes to `next`; with two-factor sign-in
/// on, goes to the code page first (`CODE_PAGE`), with no session yet. Without JavaScript a
/// failure goes back to `/login` by the one form protocol (`backend::forms::send_back`: the
/// `error=_form:KEY` values, the typed email through a draft, never the password).
#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String, next: String) -> Result<(), AppError> {
    use crate::backend::{auth, forms, respond_with, services, state::ctx};
    use crate::domain::{encode_query_value, safe_local_path};
    let state = ctx()?;
    let secure = state.settings.secure_cookies();
    let device = auth::request_cookie(auth::device_cookie_name(secure));
    let previous = auth::request_cookie(auth::session_cookie_name(secure));
    let attempt = services::auth::SignInAttempt {
        email: &email,
        password: &password,
        client: &auth::client_addr(),
        device: device.as_deref(),
        previous_session: previous.as_deref(),
    };
    match services::auth::sign_in(&state, attempt).await {
        Ok(step) => {
            go_on(&state, step, &next);
            Ok(())
        }
        Err(e) => {
            // Nothing typed is lost: the email comes back through a draft (never the password).
            let page = format!("/login?next={}", encode_query_value(safe_local_path(&next)));
            let typed = [("email", email.trim())];
            if forms::send_back(&state, None, &page, &e, &typed).await? {
                return Ok(());
            }
            Err(respond_with(e))
        }
    }
}

/// Where a right password (or second factor) leads the browser: into a session (setting its
/// cookies; first to "set a new password" after a temporary one), or to the second step with its
/// challenge cookie.
#[cfg(feature = "ssr")]
fn go_on(
    state: &crate::backend::state::AppState,
    step: crate::backend::services::auth::SignInStep,
    next: &str,
) {
    use crate::backend::auth;
    use crate::backend::services::{auth::SignInStep, two_factor};
    use crate::domain::{encode_query_value, safe_local_path};
    let secure = state.settings.secure_cookies();
    let next = safe_local_path(next);
    match step {
        SignInStep::Session(signed_in) => {
            set_session_cookies(state, &signed_in);
            if signed_in.must_change_password {
                let next = encode_query_value(next);
                leptos_axum::redirect(&format!("/account/new-password?next={next}"));
            } else {
                leptos_axum::redirect(next);
            }
        }
        SignInStep::SecondFactor { token } => {
            auth::set_cookie(&auth::challenge_cookie(
                &token,
                secure,
                two_factor::CHALLENGE_LIFETIME,
            ));
            let next = encode_query_value(next);
            leptos_axum::redirect(&format!("{CODE_PAGE}?next={next}"));
        }
    }
}

/// Gives the browser the cookies of a session just opened: the session's, and its device's when
/// this browser was new to the person.
#[cfg(feature = "ssr")]
pub(crate) fn set_session_cookies(
    state: &crate::backend::state::AppState,
    signed_in: &crate::backend::services::auth::SignedIn,
) {
    use crate::backend::auth;
    let secure = state.settings.secure_cookies();
    auth::set_cookie(&auth::session_cookie(
        &signed_in.token,
        secure,
        signed_in.lifetime,
    ));
    if let Some(device) = &signed_in.new_device {
        auth::set_cookie(&auth::device_cookie(device, secure));
    }
}

/// The second step of a sign-in.
pub const CODE_PAGE: &str = "/login/code";

/// The sign-in waiting for its second factor in this browser: what the code page shows (the app
/// to set up, for staff whom the admins require it of). `NotFound` without one (expired, used).
#[server(endpoint = "get_sign_in_challenge")]
pub async fn get_sign_in_challenge()
-> Result<Option<crate::domain::two_factor::TotpSetup>, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let token = auth::request_cookie(auth::challenge_cookie_name(state.settings.secure_cookies()))
        .ok_or_else(|| respond_with(AppError::NotFound))?;
    services::two_factor::waiting(state.store.as_ref(), &token)
        .await
        .map(|(_, setup)| setup)
        .map_err(respond_with)
}

/// The code from the authenticator app (or a recovery code) for the sign-in waiting in this
/// browser; then the session, and on to `next`. A wrong code comes back to the code page; an
/// expired or used sign-in goes back to the sign-in page, which says so.
#[server(endpoint = "pass_sign_in_code")]
pub async fn pass_sign_in_code(code: String, next: String) -> Result<(), AppError> {
    use crate::backend::services::auth::SignInStep;
    use crate::backend::{auth, forms, respond_with, services, state::ctx};
    use crate::domain::{encode_query_value, safe_local_path};
    let state = ctx()?;
    let secure = state.settings.secure_cookies();
    let next_query = encode_query_value(safe_local_path(&next));
    let token = auth::request_cookie(auth::challenge_cookie_name(secure)).unwrap_or_default();
    let device = auth::request_cookie(auth::device_cookie_name(secure));
    match services::auth::pass_second_factor(&state, &token, &code, device.as_deref()).await {
        Ok((signed_in, new_codes)) => {
            auth::set_cookie(&auth::challenge_cookie(
                "",
                secure,
                chrono::Duration::zero(),
            ));
            // A staff member who just set up their app sees their recovery codes first.
            let next = match new_codes {
                Some(codes) => {
                    let owner = Some(signed_in.user);
                    let draft = forms::save_draft(&state, owner, &[("codes", &codes.join("\n"))])
                        .await?
                        .unwrap_or_default();
                    format!("{TWO_FACTOR_PAGE}?draft={draft}")
                }
                None => next,
            };
            go_on(&state, SignInStep::Session(signed_in), &next);
            Ok(())
        }
        Err(AppError::NotFound) => {
            let e = AppError::field("_form", crate::messages::MessageKey::SignInExpired);
            let page = format!("/login?next={next_query}");
            if forms::send_back(&state, None, &page, &e, &[]).await? {
                return Ok(());
            }
            Err(respond_with(e))
        }
        Err(e) => {
            let page = format!("{CODE_PAGE}?next={next_query}");
            if forms::send_back(&state, None, &page, &e, &[]).await? {
                return Ok(());
            }
            Err(respond_with(e))
        }
    }
}

/// The account page of two-factor sign-in.
pub const TWO_FACTOR_PAGE: &str = "/account/two-factor";

/// Ends the current session and goes to the sign-in page. 401 without a session.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::backend::{auth, services, state::ctx};
    let state = ctx()?;
    auth::require_user_pending_password()?;
    let secure = state.settings.secure_cookies();
    if let Some(token) = auth::request_cookie(auth::session_cookie_name(secure)) {
        services::auth::sign_out(state.store.as_ref(), &token).await?;
    }
    auth::set_cookie(&auth::clear_session_cookie(state.settings.secure_cookies()));
    leptos_axum::redirect("/login");
    Ok(())
}

/// "Forgot password?": emails a temporary password to `email` if it belongs to someone. The answer
/// is the same either way (the page says it was sent); too many requests answer `RateLimited`.
#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let client = auth::client_addr();
    match services::auth::request_password_reset(state.store.as_ref(), &email, &client).await {
        Ok(()) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect("/password/forgot?sent=1");
            }
            Ok(())
        }
        Err(e) => form_failure("/password/forgot", e),
    }
}

/// After signing in with a temporary password: choose the new one. Then goes to `next`.
#[server(endpoint = "set_new_password")]
pub async fn set_new_password(
    new_password: String,
    confirm_password: String,
    next: String,
) -> Result<(), AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    use crate::domain::safe_local_path;
    let state = ctx()?;
    let me = auth::require_user_pending_password()?;
    let form = services::auth::NewPassword {
        new: new_password,
        confirm: confirm_password,
    };
    match services::auth::set_new_password(state.store.as_ref(), &me, form).await {
        Ok(()) => {
            leptos_axum::redirect(safe_local_path(&next));
            Ok(())
        }
        Err(e) => form_failure("/account/new-password", e),
    }
}

/// The name of the person a set-password link is for; `NotFound` when the link cannot be used
/// (unknown, used, expired, or access taken away).
#[server(endpoint = "check_password_link")]
pub async fn check_password_link(token: String) -> Result<String, AppError> {
    use crate::backend::{respond_with, services, state::ctx};
    let state = ctx()?;
    services::auth::password_link_user(state.store.as_ref(), &token)
        .await
        .map(|u| u.name)
        .map_err(respond_with)
}

/// Sets the password from a welcome email's link and signs in (then goes home).
#[server(endpoint = "set_password_with_link")]
pub async fn set_password_with_link(
    token: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::backend::{form_failure, services, state::ctx};
    use crate::domain::encode_query_value;
    let state = ctx()?;
    let form = services::auth::NewPassword {
        new: new_password,
        confirm: confirm_password,
    };
    match services::auth::redeem_password_link(&state, &token, form).await {
        Ok(step) => {
            go_on(&state, step, "/");
            Ok(())
        }
        Err(e) => form_failure(
            &format!("/password/set?token={}", encode_query_value(&token)),
            e,
        ),
    }
}
