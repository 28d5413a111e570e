//! Single sign-on's doors: the sign-in page's provider buttons (public) and the admins' identity
//! providers. The sign-in itself runs through two plain routes (`/auth/oidc/{id}/start` and the
//! callback, in the server crate): they redirect and set cookies.
// One argument per form field (the provider form has nine).
#![allow(clippy::too_many_arguments)]
use crate::domain::IdentityProviderId;
use crate::domain::sso::{ProviderButton, ProviderView};
use crate::error::AppError;
use leptos::prelude::*;

/// The admins' page of identity providers.
pub const PAGE: &str = "/admin/sign-in";

/// The "Sign in with …" buttons: every active provider. Public (the sign-in page asks).
#[server(endpoint = "get_sign_in_providers", input = server_fn::codec::GetUrl)]
pub async fn get_sign_in_providers() -> Result<Vec<ProviderButton>, AppError> {
    use crate::backend::{respond_with, services, state::ctx};
    let state = ctx()?;
    services::sso::buttons(state.store.as_ref())
        .await
        .map_err(respond_with)
}

/// Every identity provider (no secrets). Admins only.
#[server(endpoint = "list_identity_providers", input = server_fn::codec::GetUrl)]
pub async fn list_identity_providers() -> Result<Vec<ProviderView>, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::sso::list(&state, &actor)
        .await
        .map_err(respond_with)
}

/// One identity provider to edit, with every company (`id` absent: a blank one). Admins only.
#[server(endpoint = "get_identity_provider", input = server_fn::codec::GetUrl)]
pub async fn get_identity_provider(
    #[server(default)] id: Option<IdentityProviderId>,
) -> Result<ProviderView, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::sso::get(&state, &actor, id)
        .await
        .map_err(respond_with)
}

/// Adds an identity provider (`id` absent) or changes one; `companies[]` are the companies it
/// serves, `for_staff` and `active` are checkboxes. Without JavaScript to the provider's page
/// (`?saved=1`), or back to the form with its errors and what was typed (never the secret).
#[server(endpoint = "save_identity_provider")]
pub async fn save_identity_provider(
    #[server(default)] id: Option<IdentityProviderId>,
    #[server(default)] name: String,
    #[server(default)] issuer: String,
    #[server(default)] client_id: String,
    #[server(default)] client_secret: String,
    #[server(default)] allowed_domains: String,
    #[server(default)] for_staff: String,
    #[server(default)] active: String,
    #[server(default)] companies: Vec<String>,
) -> Result<(), AppError> {
    use crate::backend::{auth, forms, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let form = services::sso::ProviderForm {
        name,
        issuer,
        client_id,
        client_secret,
        allowed_domains,
        for_staff: for_staff == "on",
        active: active == "on",
        companies,
    };
    let page = match id {
        Some(id) => format!("{PAGE}/{id}"),
        None => format!("{PAGE}#new-provider"),
    };
    match services::sso::save(&state, &actor, id, &form).await {
        Ok(saved) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{PAGE}/{saved}?saved=1"));
            }
            Ok(())
        }
        Err(e) => {
            // The ticks come back too (`"off"` keeps an untick from reading as "not typed").
            let ticked = |on: bool| if on { "on" } else { "off" };
            let companies = form.companies.join(" ");
            let typed = [
                ("name", form.name.as_str()),
                ("issuer", form.issuer.as_str()),
                ("client_id", form.client_id.as_str()),
                ("allowed_domains", form.allowed_domains.as_str()),
                ("for_staff", ticked(form.for_staff)),
                ("active", ticked(form.active)),
                ("companies", companies.as_str()),
            ];
            if forms::send_back(&state, actor.signed_in().ok(), &page, &e, &typed).await? {
                return Ok(());
            }
            Err(respond_with(e))
        }
    }
}

/// Removes an identity provider. Admins only. Without JavaScript back to the list (`?removed=1`).
#[server(endpoint = "remove_identity_provider")]
pub async fn remove_identity_provider(id: IdentityProviderId) -> Result<(), AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    match services::sso::remove(&state, &actor, id).await {
        Ok(()) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{PAGE}?removed=1"));
            }
            Ok(())
        }
        Err(e) => form_failure(&format!("{PAGE}/{id}"), e),
    }
}
