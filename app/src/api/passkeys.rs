//! Passkeys: the account page's list, adding and removing one (`/account/passkeys`), and signing in
//! with one. Each door finds out who is asking; `services::passkeys` holds the rules. Adding and
//! signing in are two calls each (the browser's prompt runs between them), made by the islands of
//! `components::passkeys`: passkeys need JavaScript, as WebAuthn is a browser API.
use crate::domain::passkeys::{PasskeyCeremony, PasskeyList};
use crate::error::AppError;
use leptos::prelude::*;

/// The account page of passkeys.
pub const PAGE: &str = "/account/passkeys";

/// The caller's passkeys, and whether passkeys work on this portal.
#[server(endpoint = "list_passkeys", input = server_fn::codec::GetUrl)]
pub async fn list_passkeys() -> Result<PasskeyList, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::passkeys::list(&state, &actor)
        .await
        .map_err(respond_with)
}

/// Whether the sign-in page offers "Sign in with a passkey" (passkeys work on this portal).
/// Public: the sign-in page asks it.
#[server(endpoint = "passkeys_available", input = server_fn::codec::GetUrl)]
pub async fn passkeys_available() -> Result<bool, AppError> {
    use crate::backend::{services, state::ctx};
    let state = ctx()?;
    Ok(services::passkeys::available(&state.settings))
}

/// "Add a passkey" named `passkey_name`: the browser's options, and the token that finishes it.
#[server(endpoint = "start_adding_passkey")]
pub async fn start_adding_passkey(
    #[server(default)] passkey_name: String,
) -> Result<PasskeyCeremony, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::passkeys::start_adding(&state, &actor, &passkey_name)
        .await
        .map_err(respond_with)
}

/// Keeps the passkey the browser made (`credential`: its `PublicKeyCredential` as JSON) for the
/// ceremony of `token`.
#[server(endpoint = "finish_adding_passkey")]
pub async fn finish_adding_passkey(
    #[server(default)] token: String,
    #[server(default)] credential: String,
) -> Result<(), AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::passkeys::finish_adding(&state, &actor, &token, &credential)
        .await
        .map_err(respond_with)
}

/// Removes one of the caller's passkeys; back to the page (`?removed=1`). Works without
/// JavaScript.
#[server(endpoint = "remove_passkey")]
pub async fn remove_passkey(id: i64) -> Result<(), AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    match services::passkeys::remove(&state, &actor, id).await {
        Ok(()) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{PAGE}?removed=1"));
            }
            Ok(())
        }
        Err(e) => form_failure(PAGE, e),
    }
}

/// "Sign in with a passkey": the browser's options, and the token that finishes it. Public.
#[server(endpoint = "start_passkey_sign_in")]
pub async fn start_passkey_sign_in() -> Result<PasskeyCeremony, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    services::passkeys::start_sign_in(&state, &auth::client_addr())
        .await
        .map_err(respond_with)
}

/// Signs in with the passkey the browser answered with (`credential`, JSON) for the ceremony of
/// `token`: sets the session's cookies and returns where to go (`next`, if it stays on the site).
/// Public.
#[server(endpoint = "finish_passkey_sign_in")]
pub async fn finish_passkey_sign_in(
    #[server(default)] token: String,
    #[server(default)] credential: String,
    #[server(default)] next: String,
) -> Result<String, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let secure = state.settings.secure_cookies();
    let device = auth::request_cookie(auth::device_cookie_name(secure));
    let client = auth::client_addr();
    let signed_in =
        services::passkeys::finish_sign_in(&state, &token, &credential, device.as_deref(), &client)
            .await
            .map_err(respond_with)?;
    crate::api::auth::set_session_cookies(&state, &signed_in);
    Ok(crate::domain::safe_local_path(&next).to_string())
}
