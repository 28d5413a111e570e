//! The REST API's reference page's door: the OpenAPI document the server serves, read for the page.
//! Anyone's, signed in or not: it describes the API, not data (as `/api/v1/openapi.json` does).
use crate::domain::reference::ApiReference;
use crate::error::AppError;
use leptos::prelude::*;

/// The page.
pub const PAGE: &str = "/developers/api";

/// The OpenAPI document (JSON) the server serves, handed to pages through Leptos' context by the
/// server crate, which builds it (the app crate cannot: the document is derived from the server's
/// handlers).
#[cfg(feature = "ssr")]
#[derive(Debug, Clone)]
pub struct ApiDocument(pub &'static str);

/// The REST API's reference.
#[server(endpoint = "get_api_reference", input = server_fn::codec::GetUrl)]
pub async fn get_api_reference() -> Result<ApiReference, AppError> {
    let document = use_context::<ApiDocument>().ok_or_else(|| {
        tracing::error!("the OpenAPI document is missing from the Leptos context");
        AppError::Internal
    })?;
    Ok(ApiReference::of_document(document.0))
}
