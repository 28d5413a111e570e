//! The ways in: how to reach support, requests for portal access (made by anyone without an account
//! or by a contact for a colleague; decided by staff), and the admins' contact settings.
use crate::domain::AccessRequestId;
use crate::domain::AccountId;
use crate::domain::support::{AccessRequestView, AccessRequests, SupportContact};
use crate::error::AppError;
use leptos::prelude::*;

/// The staff page of access requests.
pub const DESK_PAGE: &str = "/desk/access";
/// The request form of someone without an account.
pub const REQUEST_PAGE: &str = "/access/request";
/// A contact's request for a colleague.
pub const COLLEAGUE_PAGE: &str = "/access/colleague";
/// The admins' settings page.
pub const SETTINGS_PAGE: &str = "/admin/settings";

/// How to reach support besides the portal (anyone: the sign-in page shows it).
#[server(endpoint = "get_support_contact", input = server_fn::codec::GetUrl)]
pub async fn get_support_contact() -> Result<SupportContact, AppError> {
    use crate::backend::{respond_with, services, state::ctx};
    let state = ctx()?;
    services::support::contact(&state)
        .await
        .map_err(respond_with)
}

/// Asks for portal access: for oneself (signed out) or, signed in as a customer, for a colleague
/// of one's own company. The answer is the same whoever the address belongs to.
#[server(endpoint = "request_access")]
pub async fn request_access(
    name: String,
    email: String,
    #[server(default)] company: String,
    #[server(default)] message: String,
) -> Result<(), AppError> {
    use crate::backend::services::support::AccessRequestInput;
    use crate::backend::{auth, forms, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let page = if actor == auth::Actor::Anonymous {
        REQUEST_PAGE
    } else {
        COLLEAGUE_PAGE
    };
    let input = AccessRequestInput {
        name,
        email,
        company,
        message,
    };
    let language = auth::request_language();
    let client = auth::client_addr();
    match services::support::request_access(&state, &actor, input.clone(), language, &client).await
    {
        Ok(()) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{page}?sent=1"));
            }
            Ok(())
        }
        Err(e) => {
            let owner = actor.signed_in().ok();
            if forms::send_back(&state, owner, page, &e, &input.typed()).await? {
                return Ok(());
            }
            Err(respond_with(e))
        }
    }
}

/// The access requests (staff).
#[server(endpoint = "list_access_requests")]
pub async fn list_access_requests() -> Result<AccessRequests, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::support::list(&state, &actor)
        .await
        .map_err(respond_with)
}

/// One access request with the companies to add its person to (staff).
#[server(endpoint = "get_access_request")]
pub async fn get_access_request(
    id: AccessRequestId,
) -> Result<(AccessRequestView, Vec<(AccountId, String)>), AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::support::get(&state, &actor, id)
        .await
        .map_err(respond_with)
}

/// Approves request `request`: a contact of `account` in `language`, welcomed (staff).
#[server(endpoint = "approve_access_request")]
pub async fn approve_access_request(
    request: AccessRequestId,
    #[server(default)] account: String,
    #[server(default)] language: String,
) -> Result<(), AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    use crate::messages::MessageKey;
    let state = ctx()?;
    let actor = auth::actor()?;
    let Some(account) = account.trim().parse::<i64>().ok().map(AccountId) else {
        let page = format!("{DESK_PAGE}/{request}");
        return form_failure(&page, AppError::field("account", MessageKey::AccountChoose));
    };
    match services::support::approve(&state, &actor, request, account, &language).await {
        Ok(_) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{DESK_PAGE}?approved={request}"));
            }
            Ok(())
        }
        Err(e) => form_failure(&format!("{DESK_PAGE}/{request}"), e),
    }
}

/// Declines request `request` for `reason`, emailed to the requester (staff).
#[server(endpoint = "decline_access_request")]
pub async fn decline_access_request(
    request: AccessRequestId,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    match services::support::decline(&state, &actor, request, &reason).await {
        Ok(()) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{DESK_PAGE}?declined={request}"));
            }
            Ok(())
        }
        Err(e) => form_failure(&format!("{DESK_PAGE}/{request}"), e),
    }
}

/// The support contact details as admins edit them.
#[server(endpoint = "get_support_settings")]
pub async fn get_support_settings() -> Result<SupportContact, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::support::settings(&state, &actor)
        .await
        .map_err(respond_with)
}

/// Saves the support phone number and email address (admins).
#[server(endpoint = "save_support_settings")]
pub async fn save_support_settings(
    #[server(default)] phone: String,
    #[server(default)] email: String,
) -> Result<(), AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    match services::support::save_settings(&state, &actor, &phone, &email).await {
        Ok(()) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{SETTINGS_PAGE}?saved=1"));
            }
            Ok(())
        }
        Err(e) => form_failure(SETTINGS_PAGE, e),
    }
}

/// Whether staff must use two-factor sign-in (admins).
#[server(endpoint = "get_two_factor_rule")]
pub async fn get_two_factor_rule() -> Result<bool, AppError> {
    use crate::backend::{auth, policy, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    policy::require(&actor, policy::can_change_settings).map_err(respond_with)?;
    services::two_factor::required_for_staff(state.store.as_ref())
        .await
        .map_err(respond_with)
}

/// Requires two-factor sign-in of staff, or not (admins; a checkbox: `on` when ticked). Staff
/// without it set it up at their next sign-in.
#[server(endpoint = "save_two_factor_rule")]
pub async fn save_two_factor_rule(
    #[server(default)] require_staff_two_factor: String,
) -> Result<(), AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let required = require_staff_two_factor == "on";
    match services::two_factor::set_required_for_staff(&state, &actor, required).await {
        Ok(()) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{SETTINGS_PAGE}?saved=1"));
            }
            Ok(())
        }
        Err(e) => form_failure(SETTINGS_PAGE, e),
    }
}
