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
    /// The `From` of every email, e.g. `Portico <support@example.com>`.
    pub mail_from: String,
    /// How long a welcome email's set-password link works.
    pub set_password_ttl: chrono::Duration,
    /// Largest attachment, in MB (decimal: 25 MB = 25,000,000 bytes).
    pub max_upload_mb: u64,
}

impl Settings {
    /// Cookies get `Secure` when the portal is served over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// Largest attachment in bytes.
    pub fn max_upload_bytes(&self) -> u64 {
        self.max_upload_mb * 1_000_000
    }

    /// The domain of generated `Message-ID`s: the public URL's host.
    pub fn mail_domain(&self) -> &str {
        let rest = self
            .public_url
            .split_once("://")
            .map_or(self.public_url.as_str(), |(_, r)| r);
        let host = rest.split(['/', ':']).next().unwrap_or("");
        if host.is_empty() {
            "portico.invalid"
        } else {
            host
        }
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
    /// Where attachment bytes go.
    pub blobs: Arc<dyn crate::backend::uploads::BlobStore>,
    /// Where emails go.
    pub mailer: crate::backend::mail::Mailer,
    /// Wakes this process's outbox worker after enqueuing (a hint only: the worker also polls, and
    /// any process's worker may do the job).
    pub wake: Arc<tokio::sync::Notify>,
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
