//! Webhooks' doors: the admins' list, form, delivery log and "send again". Admins only (the
//! services check).
use crate::domain::webhooks::{WebhookPage, WebhookView};
use crate::domain::{DeliveryId, WebhookId};
use crate::error::AppError;
use leptos::prelude::*;

/// The admins' page of webhooks.
pub const PAGE: &str = "/admin/webhooks";

/// Every webhook (no secrets). Admins only.
#[server(endpoint = "list_webhooks", input = server_fn::codec::GetUrl)]
pub async fn list_webhooks() -> Result<Vec<WebhookView>, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::webhooks::list(&state, &actor)
        .await
        .map_err(respond_with)
}

/// One webhook with its secret and latest deliveries (`id` absent: a blank one). Admins only.
#[server(endpoint = "get_webhook", input = server_fn::codec::GetUrl)]
pub async fn get_webhook(
    #[server(default)] id: Option<WebhookId>,
) -> Result<WebhookPage, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::webhooks::page(&state, &actor, id)
        .await
        .map_err(respond_with)
}

/// Adds a webhook (`id` absent) or changes one; `events[]` are the events ticked, `active` and
/// `allow_private` checkboxes. Without JavaScript to the webhook's page (`?saved=1`), or back to
/// the form with its errors and what was typed.
#[server(endpoint = "save_webhook")]
pub async fn save_webhook(
    #[server(default)] id: Option<WebhookId>,
    #[server(default)] url: String,
    #[server(default)] description: String,
    #[server(default)] events: Vec<String>,
    #[server(default)] active: String,
    #[server(default)] allow_private: String,
) -> Result<(), AppError> {
    use crate::backend::{auth, forms, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let form = services::webhooks::WebhookForm {
        url,
        description,
        events,
        active: active == "on",
        allow_private: allow_private == "on",
    };
    let page = match id {
        Some(id) => format!("{PAGE}/{id}"),
        None => format!("{PAGE}#new-webhook"),
    };
    match services::webhooks::save(&state, &actor, id, &form).await {
        Ok(saved) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{PAGE}/{saved}?saved=1"));
            }
            Ok(())
        }
        Err(e) => {
            let ticked = |on: bool| if on { "on" } else { "off" };
            let events = form.events.join(" ");
            let typed = [
                ("url", form.url.as_str()),
                ("description", form.description.as_str()),
                ("events", events.as_str()),
                ("active", ticked(form.active)),
                ("allow_private", ticked(form.allow_private)),
            ];
            if forms::send_back(&state, actor.signed_in().ok(), &page, &e, &typed).await? {
                return Ok(());
            }
            Err(respond_with(e))
        }
    }
}

/// Removes a webhook and its log. Without JavaScript back to the list (`?removed=1`).
#[server(endpoint = "remove_webhook")]
pub async fn remove_webhook(id: WebhookId) -> Result<(), AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    match services::webhooks::remove(&state, &actor, id).await {
        Ok(()) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{PAGE}?removed=1"));
            }
            Ok(())
        }
        Err(e) => form_failure(&format!("{PAGE}/{id}"), e),
    }
}

/// Sends a delivery again (a new delivery of the same event). Without JavaScript back to the
/// webhook's page (`?resent=1`).
#[server(endpoint = "send_webhook_again")]
pub async fn send_webhook_again(id: WebhookId, delivery: DeliveryId) -> Result<(), AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    match services::webhooks::send_again(&state, &actor, id, delivery).await {
        Ok(_) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{PAGE}/{id}?resent=1"));
            }
            Ok(())
        }
        Err(e) => form_failure(&format!("{PAGE}/{id}"), e),
    }
}
