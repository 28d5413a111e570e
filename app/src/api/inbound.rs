//! The inbound mailbox for staff: held and failed messages, and what to make of them.
use crate::domain::InboundMailId;
use crate::domain::inbound::InboundView;
use crate::error::AppError;
use leptos::prelude::*;

/// The page of inbound email.
pub const PAGE: &str = "/desk/mail";

/// Inbound messages, newest first: those waiting for a decision (held, failed), or with `all` every
/// recent one. Staff only.
#[server(endpoint = "inbound_mail")]
pub async fn inbound_mail(#[server(default)] all: bool) -> Result<Vec<InboundView>, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::inbound::list(&state, &actor, !all)
        .await
        .map_err(respond_with)
}

/// Makes held or failed message `message` a comment on its case (`decision=comment`), a new case
/// for its sender (`new_case`), or rejects it (`reject`). Without JavaScript back to the page
/// (`?decided=ID`, or the error).
#[server(endpoint = "decide_inbound_mail")]
pub async fn decide_inbound_mail(
    message: InboundMailId,
    #[server(default)] decision: String,
) -> Result<(), AppError> {
    use crate::backend::services::inbound::Decision;
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let decision = match decision.as_str() {
        "comment" => Decision::Comment,
        "new_case" => Decision::NewCase,
        "reject" => Decision::Reject,
        _ => {
            return form_failure(
                PAGE,
                AppError::field("decision", crate::messages::MessageKey::BadRequest),
            );
        }
    };
    match services::inbound::decide(&state, &actor, message, decision).await {
        Ok(_) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{PAGE}?decided={message}"));
            }
            Ok(())
        }
        Err(e) => form_failure(PAGE, e),
    }
}
