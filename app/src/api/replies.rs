//! Canned replies: support's shared answers (staff only; the services check).
use crate::domain::replies::CannedReply;
use crate::error::AppError;
use leptos::prelude::*;

/// Where the canned replies are kept.
pub const PAGE: &str = "/desk/replies";

/// Every canned reply, by language and title.
#[server(endpoint = "list_canned_replies")]
pub async fn list_canned_replies() -> Result<Vec<CannedReply>, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::replies::list(state.store.as_ref(), &actor)
        .await
        .map_err(respond_with)
}

/// Adds a canned reply, or changes the one `reply_id` names. Without JavaScript the browser goes
/// back to the list (`?saved=1`), or to the form with its errors and what was typed.
#[server(endpoint = "save_canned_reply")]
pub async fn save_canned_reply(
    #[server(default)] reply_id: String,
    #[server(default)] title: String,
    #[server(default)] language: String,
    #[server(default)] body: String,
) -> Result<Option<crate::domain::ReplyId>, AppError> {
    use crate::backend::{auth, forms, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let input = services::replies::ReplyInput {
        id: reply_id,
        title,
        language,
        body,
    };
    match services::replies::save(state.store.as_ref(), &actor, &input).await {
        Ok(id) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{PAGE}?saved=1"));
            }
            Ok(Some(id))
        }
        Err(e) => {
            let back = match input.id.trim().parse::<i64>() {
                Ok(id) => format!("{PAGE}?edit={id}#reply-form"),
                Err(_) => format!("{PAGE}#reply-form"),
            };
            let typed = input.typed();
            if forms::send_back(&state, actor.signed_in().ok(), &back, &e, &typed).await? {
                return Ok(None);
            }
            Err(respond_with(e))
        }
    }
}

/// Removes a canned reply; without JavaScript back to the list (`?deleted=1`).
#[server(endpoint = "delete_canned_reply")]
pub async fn delete_canned_reply(reply_id: crate::domain::ReplyId) -> Result<(), AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::replies::delete(state.store.as_ref(), &actor, reply_id)
        .await
        .map_err(respond_with)?;
    if auth::is_plain_form_post() {
        leptos_axum::redirect(&format!("{PAGE}?deleted=1"));
    }
    Ok(())
}
