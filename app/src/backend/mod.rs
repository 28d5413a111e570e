//! Server-only code: state, storage, passwords and demo data. Never compiled to WASM.
pub mod access;
pub mod assets;
pub mod auth;
pub mod demo;
pub mod demo_articles;
mod demo_cases;
pub mod forms;
pub mod jobs;
pub mod mail;
pub mod markdown;
pub mod passwords;
pub mod policy;
pub mod search;
pub mod services;
pub mod state;
pub mod store;
pub mod uploads;
pub mod views;

/// Sets the HTTP status of the current response to match `err` (server functions and pages), and
/// hands the error back.
pub fn respond_with(err: crate::error::AppError) -> crate::error::AppError {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(err.status());
        if let crate::error::AppError::RateLimited(seconds) = err {
            response.insert_header(http::header::RETRY_AFTER, http::HeaderValue::from(seconds));
        }
    }
    err
}

pub use forms::form_failure;
