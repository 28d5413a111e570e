//! Personal access tokens on the account page (`/account/tokens`): list, make, revoke. Each door
//! finds out who is asking; `services::tokens` holds the rules.
use crate::domain::tokens::TokenView;
use crate::error::AppError;
use leptos::prelude::*;

/// The account page of API tokens.
pub const PAGE: &str = "/account/tokens";

/// The caller's tokens that are not revoked, newest first.
#[server(endpoint = "list_api_tokens", input = server_fn::codec::GetUrl)]
pub async fn list_api_tokens() -> Result<Vec<TokenView>, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::tokens::list(state.store.as_ref(), &actor)
        .await
        .map_err(respond_with)
}

/// Makes a token (`scope` "read" or "write", `days` 30, 90, 365 or 0 for "until revoked") and goes
/// back to the page, which shows it once (kept for the page in a draft of the caller's, never in
/// the URL); or back with the form's errors.
#[server(endpoint = "create_api_token")]
pub async fn create_api_token(
    #[server(default)] token_name: String,
    #[server(default)] scope: String,
    #[server(default)] days: String,
) -> Result<(), AppError> {
    use crate::backend::{auth, forms, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    match services::tokens::create(&state, &actor, &token_name, &scope, &days).await {
        Ok(token) => {
            let draft = forms::save_draft(&state, actor.signed_in().ok(), &[("token", &token)])
                .await?
                .unwrap_or_default();
            leptos_axum::redirect(&format!("{PAGE}?draft={draft}"));
            Ok(())
        }
        Err(e) => {
            let typed = [("token_name", token_name.as_str())];
            if forms::send_back(&state, actor.signed_in().ok(), PAGE, &e, &typed).await? {
                return Ok(());
            }
            Err(respond_with(e))
        }
    }
}

/// Revokes one of the caller's tokens; back to the page (`?revoked=1`).
#[server(endpoint = "revoke_api_token")]
pub async fn revoke_api_token(id: i64) -> Result<(), AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    match services::tokens::revoke(&state, &actor, id).await {
        Ok(()) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{PAGE}?revoked=1"));
            }
            Ok(())
        }
        Err(e) => form_failure(PAGE, e),
    }
}
