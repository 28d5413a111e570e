//! The no-JavaScript form protocol's reading side: what a form had typed (see `backend::forms`).
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The values a no-JS form came back with, by the `draft` token of its URL. Anyone holding the
/// token of a signed-out form (sign-in) may read it; any other draft only its writer. Unknown,
/// expired or someone else's: `NotFound`.
#[server(endpoint = "get_form_draft")]
pub async fn get_form_draft(token: String) -> Result<BTreeMap<String, String>, AppError> {
    use crate::backend::{auth, forms, respond_with, state::ctx};
    let state = ctx()?;
    let reader = auth::actor()?.signed_in().ok();
    forms::read_draft(&state, reader, &token)
        .await
        .map_err(respond_with)
}
