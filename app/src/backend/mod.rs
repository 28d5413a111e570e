//! Server-only code: state, storage, passwords and demo data. Never compiled to WASM.
pub mod auth;
pub mod demo;
pub mod jobs;
pub mod mail;
pub mod passwords;
pub mod policy;
pub mod services;
pub mod state;
pub mod store;
pub mod uploads;

/// Sets the HTTP status of the current response to match `err` (server functions and pages), and
/// hands the error back.
pub fn respond_with(err: crate::error::AppError) -> crate::error::AppError {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(err.status());
    }
    err
}

/// How a form's server function fails. From the hydrated app the error returns as data; a browser
/// without JavaScript posted a plain form and can only follow a redirect, so validation errors go
/// back to `page` as `?error=FIELD:KEY` (what `components::form` reads).
pub fn form_failure(page: &str, err: crate::error::AppError) -> Result<(), crate::error::AppError> {
    use crate::domain::encode_query_value;
    match err {
        crate::error::AppError::Validation(fields) if auth::is_plain_form_post() => {
            let query: Vec<String> = fields
                .iter()
                .flat_map(|(field, keys)| keys.iter().map(move |k| format!("{field}:{k}")))
                .map(|e| format!("error={}", encode_query_value(&e)))
                .collect();
            // The query goes before a `#fragment`, or the browser would keep it in the fragment.
            let (path, fragment) = page.split_at(page.find('#').unwrap_or(page.len()));
            let sep = if path.contains('?') { '&' } else { '?' };
            leptos_axum::redirect(&format!("{path}{sep}{}{fragment}", query.join("&")));
            Ok(())
        }
        other => Err(respond_with(other)),
    }
}
