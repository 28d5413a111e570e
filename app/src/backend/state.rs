//! `AppState`: what every request handler and server function reaches through `ctx()`.
use crate::backend::store::Store;
use crate::error::AppError;
use leptos::config::LeptosOptions;
use std::path::PathBuf;
use std::sync::Arc;

/// Portico's own settings, already validated (see `portico --help` for their variables).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Base of absolute links, such as those in emails (no trailing slash).
    pub public_url: String,
    /// Folder for stored files.
    pub data_dir: PathBuf,
    /// SMTP relay; `None` means the built-in dev mailbox.
    pub smtp_url: Option<Secret>,
}

impl Settings {
    /// Cookies get `Secure` when the portal is served over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

/// A string that never shows itself in `Debug` output (an SMTP URL may hold a password).
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Shared, cheap to clone. Holds no state that matters beyond handles: data lives in the store.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Arc<dyn Store>,
    /// Portico's settings.
    pub settings: Arc<Settings>,
    /// Leptos' settings (site root, output name).
    pub leptos_options: LeptosOptions,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state of the current request, inside a server function or a rendered page.
pub fn ctx() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}
