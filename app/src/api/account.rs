//! The signed-in person's own account.
use crate::error::AppError;
use leptos::prelude::*;

/// Changes the password (current one required) and signs out every other device.
#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let me = auth::require_user()?;
    let form = services::auth::PasswordChange {
        current: current_password,
        new: new_password,
        confirm: confirm_password,
    };
    match services::auth::change_password(state.store.as_ref(), &me, form).await {
        Ok(_) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect("/account/password?changed=1");
            }
            Ok(())
        }
        Err(e) => form_failure("/account/password", e),
    }
}

/// The caller's desk emails (support staff): every new case, customer replies on their cases.
#[server(endpoint = "get_desk_emails")]
pub async fn get_desk_emails() -> Result<crate::domain::staff::DeskEmails, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::staff::desk_emails(&state.store, &actor)
        .await
        .map_err(respond_with)
}

/// Saves the caller's desk emails (checkboxes: `on` when ticked, absent otherwise). Without
/// JavaScript the browser goes back to the page, which says so.
#[server(endpoint = "save_desk_emails")]
pub async fn save_desk_emails(
    #[server(default)] new_cases: String,
    #[server(default)] replies: String,
) -> Result<(), AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let choice = crate::domain::staff::DeskEmails {
        new_cases: new_cases == "on",
        replies: replies == "on",
    };
    match services::staff::set_desk_emails(&state.store, &actor, choice).await {
        Ok(_) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect("/account/notifications?saved=1");
            }
            Ok(())
        }
        Err(e) => form_failure("/account/notifications", e),
    }
}

/// The caller's language and time zone, with the zones to choose from.
#[server(endpoint = "get_own_settings")]
pub async fn get_own_settings() -> Result<crate::domain::OwnSettings, AppError> {
    use crate::backend::{auth, policy, respond_with, time};
    let me = auth::require_user()?;
    let actor = auth::actor()?;
    policy::require(&actor, policy::can_change_own_settings).map_err(respond_with)?;
    let zone = time::Reader::of(me.user.language, &me.user.time_zone).tz;
    Ok(crate::domain::OwnSettings {
        language: me.user.language,
        time_zone: zone.name().to_string(),
        zones: time::zone_choices(chrono::Utc::now()),
    })
}

/// Saves the caller's language and time zone. Without JavaScript the browser goes back to the
/// page, which says so (in the language just chosen).
#[server(endpoint = "save_own_settings")]
pub async fn save_own_settings(language: String, time_zone: String) -> Result<(), AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    match services::users::set_own_settings(&state.store, &actor, &language, &time_zone).await {
        Ok(()) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect("/account/settings?saved=1");
            }
            Ok(())
        }
        Err(e) => form_failure("/account/settings", e),
    }
}

/// Saves the browser's time zone as the caller's if they have none yet (the first signed-in page
/// asks once).
#[server(endpoint = "guess_time_zone")]
pub async fn guess_time_zone(time_zone: String) -> Result<bool, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::users::guess_own_time_zone(&state.store, &actor, &time_zone)
        .await
        .map_err(respond_with)
}

/// The caller's two-factor sign-in (whether it is on, the app being set up, recovery codes left).
#[server(endpoint = "get_two_factor")]
pub async fn get_two_factor() -> Result<crate::domain::two_factor::TwoFactorView, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let email = auth::authenticated_request()
        .map(|a| a.user.email)
        .unwrap_or_default();
    services::two_factor::view(state.store.as_ref(), &actor, &email)
        .await
        .map_err(respond_with)
}

/// "Set up": a new secret for the caller's authenticator app, shown as a QR code on the page.
#[server(endpoint = "start_two_factor")]
pub async fn start_two_factor() -> Result<(), AppError> {
    use crate::api::auth::TWO_FACTOR_PAGE;
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    match services::two_factor::start(state.store.as_ref(), &actor).await {
        Ok(()) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(TWO_FACTOR_PAGE);
            }
            Ok(())
        }
        Err(e) => form_failure(TWO_FACTOR_PAGE, e),
    }
}

/// Turns two-factor sign-in on with the app's first code; the page then shows the ten recovery
/// codes, once.
#[server(endpoint = "turn_on_two_factor")]
pub async fn turn_on_two_factor(code: String) -> Result<(), AppError> {
    use crate::backend::{auth, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let codes = services::two_factor::turn_on(state.store.as_ref(), &actor, &code).await;
    show_codes(&state, &actor, codes).await
}

/// New recovery codes (the old ones stop working), with a code from the app.
#[server(endpoint = "renew_recovery_codes")]
pub async fn renew_recovery_codes(code: String) -> Result<(), AppError> {
    use crate::backend::{auth, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let codes = services::two_factor::renew_codes(state.store.as_ref(), &actor, &code).await;
    show_codes(&state, &actor, codes).await
}

/// Back to the two-factor page with new recovery `codes` to show once (kept for the page in a
/// draft of the caller's, never in the URL), or with the form's errors.
#[cfg(feature = "ssr")]
async fn show_codes(
    state: &crate::backend::state::AppState,
    actor: &crate::backend::auth::Actor,
    codes: Result<Vec<String>, AppError>,
) -> Result<(), AppError> {
    use crate::api::auth::TWO_FACTOR_PAGE;
    use crate::backend::{form_failure, forms};
    match codes {
        Ok(codes) => {
            let draft = forms::save_draft(
                state,
                actor.signed_in().ok(),
                &[("codes", &codes.join("\n"))],
            )
            .await?
            .unwrap_or_default();
            leptos_axum::redirect(&format!("{TWO_FACTOR_PAGE}?draft={draft}"));
            Ok(())
        }
        Err(e) => form_failure(TWO_FACTOR_PAGE, e),
    }
}

/// Turns two-factor sign-in off, with a code from the app or a recovery code (not while the
/// admins require it of staff).
#[server(endpoint = "turn_off_two_factor")]
pub async fn turn_off_two_factor(code: String) -> Result<(), AppError> {
    use crate::api::auth::TWO_FACTOR_PAGE;
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    match services::two_factor::turn_off(state.store.as_ref(), &actor, &code).await {
        Ok(()) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{TWO_FACTOR_PAGE}?off=1"));
            }
            Ok(())
        }
        Err(e) => form_failure(TWO_FACTOR_PAGE, e),
    }
}
