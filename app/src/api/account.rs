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
