//! Signing in and out.
use crate::backend::auth::{self, ABSOLUTE};
use crate::backend::passwords;
use crate::backend::store::Store;
use crate::domain::normalize_email;
use crate::error::AppError;
use chrono::Utc;
use std::sync::OnceLock;

/// Failed sign-ins are counted over this window.
pub const FAILURE_WINDOW: chrono::Duration = chrono::Duration::minutes(15);
/// Failures of one email from one client address before that pair must wait.
pub const MAX_FAILURES_PER_PAIR: i64 = 5;
/// Failures of one email from anywhere before it must wait: high enough that a stranger at one
/// address cannot lock the owner out, and it lasts only until the window passes.
pub const MAX_FAILURES_PER_EMAIL: i64 = 20;
/// Failures from one client address, whatever the emails, before it must wait.
pub const MAX_FAILURES_PER_CLIENT: i64 = 50;

/// Checks the password and opens a session; returns the cookie token. Unknown, deactivated and
/// password-less accounts cost the same argon2 work as a wrong password and answer the same.
/// Too many recent failures answer `RateLimited(seconds)` before any password is checked.
pub async fn sign_in(
    store: &dyn Store,
    email: &str,
    password: &str,
    client: &str,
) -> Result<String, AppError> {
    let failed = || AppError::field("_form", "error_sign_in_failed");
    let key = normalize_email(email).unwrap_or_else(|| email.trim().to_lowercase());
    let now = Utc::now();
    let recent = store
        .sign_in_failures(&key, client, now - FAILURE_WINDOW)
        .await?;
    let tripped = [
        (recent.pair, MAX_FAILURES_PER_PAIR),
        (recent.email, MAX_FAILURES_PER_EMAIL),
        (recent.client, MAX_FAILURES_PER_CLIENT),
    ]
    .into_iter()
    .filter(|(count, max)| count.count >= *max)
    .filter_map(|(count, _)| count.oldest)
    .max();
    if let Some(oldest) = tripped {
        let wait = (oldest + FAILURE_WINDOW - now).num_seconds().max(1);
        return Err(AppError::RateLimited(wait as u64));
    }
    let user = match normalize_email(email) {
        Some(email) => store.find_user_by_email(&email).await?,
        None => None,
    };
    let phc = user
        .as_ref()
        .filter(|u| u.active)
        .and_then(|u| u.password_hash.clone())
        .unwrap_or_else(|| dummy_hash().to_string());
    let ok = passwords::verify(password.to_string(), phc).await;
    let user = match user {
        Some(u) if ok && u.active && u.password_hash.is_some() => u,
        _ => {
            store
                .record_sign_in_failure(&key, client, now, now - chrono::Duration::days(1))
                .await?;
            return Err(failed());
        }
    };
    store.clear_sign_in_failures(&key, client).await?;
    let token = auth::new_token();
    let now = Utc::now();
    store
        .insert_session(&auth::token_hash(&token), user.id, now, now + ABSOLUTE)
        .await?;
    tracing::info!(user = %user.id, "signed in");
    Ok(token)
}

/// Ends the session of `token`.
pub async fn sign_out(store: &dyn Store, token: &str) -> Result<(), AppError> {
    store.delete_session(&auth::token_hash(token)).await?;
    Ok(())
}

/// The change-password form.
#[derive(Debug, Clone)]
pub struct PasswordChange {
    /// The password in use now.
    pub current: String,
    /// The new one.
    pub new: String,
    /// The new one again.
    pub confirm: String,
}

/// Changes the signed-in user's password after checking the current one; every other session of the
/// user ends (the one in use stays). Field errors: `current_password`, `new_password`,
/// `confirm_password`.
pub async fn change_password(
    store: &dyn Store,
    me: &auth::Authenticated,
    form: PasswordChange,
) -> Result<u64, AppError> {
    let user = store.get_user(me.user.id).await?;
    let phc = user
        .password_hash
        .clone()
        .unwrap_or_else(|| dummy_hash().to_string());
    let current_ok =
        passwords::verify(form.current.clone(), phc).await && user.password_hash.is_some();
    let mut errors = crate::error::FieldErrors::new();
    let mut add = |field: &str, key: &str| {
        errors
            .entry(field.to_string())
            .or_default()
            .push(key.to_string())
    };
    if !current_ok {
        add("current_password", "error_password_wrong");
    }
    if let Err(key) = passwords::check_new_password(&form.new, &[&user.email, &user.name]) {
        add("new_password", key);
    } else if current_ok && form.new == form.current {
        add("new_password", "error_password_same");
    }
    if form.confirm != form.new {
        add("confirm_password", "error_password_mismatch");
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let hash = passwords::hash(form.new).await.map_err(|e| {
        tracing::error!(error = %e, "hashing a password");
        AppError::Internal
    })?;
    let ended = store
        .update_password(user.id, &hash, Some(me.session_id))
        .await?;
    tracing::info!(user = %user.id, ended, "password changed");
    Ok(ended)
}

/// A real argon2id hash of a password nobody has, verified when there is no account to check, so
/// that a missing account takes as long as a wrong password.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        use argon2::password_hash::{PasswordHasher, SaltString};
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        argon2::Argon2::default()
            .hash_password(auth::new_token().as_bytes(), &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}
