//! Server-only code: state, storage, passwords and demo data. Never compiled to WASM.
pub mod access;
pub mod assets;
pub mod auth;
pub mod demo;
pub mod demo_articles;
mod demo_cases;
pub mod forms;
pub mod jobs;
pub mod live;
pub mod mail;
pub mod markdown;
pub mod outbound;
pub mod passwords;
pub mod policy;
pub mod search;
pub mod services;
pub mod state;
pub mod store;
pub mod time;
pub mod uploads;
pub mod views;

/// Sets the HTTP status of the current response to match `err` (server functions and pages), and
/// hands the error back.
pub fn respond_with(err: crate::error::AppError) -> crate::error::AppError {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(err.status());
        let retry = match err {
            crate::error::AppError::RateLimited(seconds) => Some(seconds),
            crate::error::AppError::Unavailable => Some(crate::error::RETRY_UNAVAILABLE_SECONDS),
            _ => None,
        };
        if let Some(seconds) = retry {
            response.insert_header(http::header::RETRY_AFTER, http::HeaderValue::from(seconds));
        }
    }
    err
}

/// The response header through which a page names the hosts whose players it embeds; the
/// security middleware turns it into the page's `frame-src` and never sends it.
pub const FRAME_HOSTS_HEADER: &str = "x-portico-frame-hosts";

/// Lets the current page frame players of `hosts` (valid host names: the knowledge settings keep
/// nothing else). No frame is allowed without it.
pub fn allow_frames(hosts: &[String]) {
    if hosts.is_empty() {
        return;
    }
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
        && let Ok(value) = http::HeaderValue::from_str(&hosts.join(" "))
    {
        response.insert_header(http::HeaderName::from_static(FRAME_HOSTS_HEADER), value);
    }
}

pub use forms::form_failure;
