//! The product catalog's doors (admins only; the services check).
use crate::domain::ProductId;
use crate::domain::staff::{ImportPreview, ProductInfo, ProductList};
use crate::error::AppError;
use leptos::prelude::*;

/// The products whose name contains `q` (all when empty): the first 100 by name, and how many
/// match.
#[server(endpoint = "list_products")]
pub async fn list_products(#[server(default)] q: String) -> Result<ProductList, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::products::find(state.store.as_ref(), &actor, &q)
        .await
        .map_err(respond_with)
}

/// One product.
#[server(endpoint = "get_product")]
pub async fn get_product(id: ProductId) -> Result<ProductInfo, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::products::get(state.store.as_ref(), &actor, id)
        .await
        .map_err(respond_with)
}

/// Adds a product; the list then shows it.
#[server(endpoint = "add_product")]
pub async fn add_product(product_name: String) -> Result<(), AppError> {
    use crate::backend::{auth, forms, respond_with, services, state::ctx};
    use crate::domain::encode_query_value;
    let state = ctx()?;
    let actor = auth::actor()?;
    match services::products::add(state.store.as_ref(), &actor, &product_name).await {
        Ok(added) => {
            if auth::is_plain_form_post() {
                let q = encode_query_value(&added.name);
                leptos_axum::redirect(&format!("/admin/products?q={q}&added=1"));
            }
            Ok(())
        }
        Err(e) => {
            let typed = [("product_name", product_name.as_str())];
            if forms::send_back(
                &state,
                actor.signed_in().ok(),
                "/admin/products#new-product",
                &e,
                &typed,
            )
            .await?
            {
                return Ok(());
            }
            Err(respond_with(e))
        }
    }
}

/// Renames a product.
#[server(endpoint = "rename_product")]
pub async fn rename_product(product_id: ProductId, product_name: String) -> Result<(), AppError> {
    use crate::backend::{auth, forms, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let page = format!("/admin/products/{product_id}");
    match services::products::rename(state.store.as_ref(), &actor, product_id, &product_name).await
    {
        Ok(()) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{page}?saved=1"));
            }
            Ok(())
        }
        Err(e) => {
            let typed = [("product_name", product_name.as_str())];
            if forms::send_back(&state, actor.signed_in().ok(), &page, &e, &typed).await? {
                return Ok(());
            }
            Err(respond_with(e))
        }
    }
}

/// Offers a product for new cases again (`active` = `true`) or stops offering it; the browser
/// goes back to `back` when that is a page of the catalog, else to the product's page.
#[server(endpoint = "set_product_active")]
pub async fn set_product_active(
    product_id: ProductId,
    active: bool,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::products::set_active(state.store.as_ref(), &actor, product_id, active)
        .await
        .map_err(respond_with)?;
    if auth::is_plain_form_post() {
        let catalog_page = back.starts_with("/admin/products")
            && !back.contains("//")
            && !back.contains('\\')
            && !back.chars().any(char::is_control);
        let page = if catalog_page {
            back
        } else {
            format!("/admin/products/{product_id}")
        };
        let sep = if page.contains('?') { '&' } else { '?' };
        let done = if active { "reactivated" } else { "deactivated" };
        leptos_axum::redirect(&format!("{page}{sep}{done}={product_id}"));
    }
    Ok(())
}

/// Checks a pasted list and keeps it for its preview page (`/admin/products/import?draft=…`);
/// nothing changes yet.
#[server(endpoint = "preview_product_import")]
pub async fn preview_product_import(list: String) -> Result<(), AppError> {
    use crate::backend::{auth, forms, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let owner = actor.signed_in().ok();
    let typed = [("list", list.as_str())];
    match services::products::preview_import(state.store.as_ref(), &actor, &list).await {
        Ok(_) => {
            let draft = forms::save_draft(&state, owner, &typed)
                .await?
                .unwrap_or_default();
            leptos_axum::redirect(&format!("/admin/products/import?draft={draft}"));
            Ok(())
        }
        Err(e) => {
            if forms::send_back(&state, owner, "/admin/products#import", &e, &typed).await? {
                return Ok(());
            }
            Err(respond_with(e))
        }
    }
}

/// What importing the list kept under `draft` would change.
#[server(endpoint = "get_product_import")]
pub async fn get_product_import(draft: String) -> Result<ImportPreview, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::products::preview_draft(&state, &actor, &draft)
        .await
        .map_err(respond_with)
}

/// Imports the list kept under `draft`; the catalog then says how many were added and
/// reactivated.
#[server(endpoint = "import_products")]
pub async fn import_products(draft: String) -> Result<(), AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let (added, reactivated) = services::products::import_draft(&state, &actor, &draft)
        .await
        .map_err(respond_with)?;
    if auth::is_plain_form_post() {
        leptos_axum::redirect(&format!(
            "/admin/products?imported={added}&reactivated={reactivated}"
        ));
    }
    Ok(())
}
