//! The no-JavaScript form protocol, one encoder for every form. A browser without JavaScript posts
//! a plain form and can only follow a redirect back; the redirect carries the error keys
//! (`?error=FIELD:KEY`, which `components::form` reads) and, when the form had typed text, a
//! `draft` token: the text itself waits in the database for an hour (`form_drafts`), so that no
//! description, email or name ever travels in a URL (browser history, proxy and server logs).
use crate::backend::auth;
use crate::backend::state::AppState;
use crate::domain::{UserId, encode_query_value};
use crate::error::{AppError, FieldErrors};
use std::collections::BTreeMap;

/// How long a draft can be read back.
pub const DRAFT_TTL: chrono::Duration = chrono::Duration::hours(1);

/// `page` with `errors` (and `draft`) in its query, before any `#fragment` (or the browser would
/// keep the query in the fragment).
pub fn back_to(page: &str, errors: &FieldErrors, draft: Option<&str>) -> String {
    let mut query: Vec<String> = crate::error::query::encode(errors)
        .iter()
        .map(|e| format!("error={}", encode_query_value(e)))
        .collect();
    if let Some(token) = draft {
        query.push(format!("draft={token}"));
    }
    let (path, fragment) = page.split_at(page.find('#').unwrap_or(page.len()));
    if query.is_empty() {
        return page.to_string();
    }
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}{}{fragment}", query.join("&"))
}

/// Keeps the non-empty `typed` values of a form of `owner` (`None`: a signed-out form such as
/// sign-in) and returns the draft's token, or `None` when nothing was typed.
pub async fn save_draft(
    state: &AppState,
    owner: Option<UserId>,
    typed: &[(&str, &str)],
) -> Result<Option<String>, AppError> {
    let fields: BTreeMap<&str, &str> = typed
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .copied()
        .collect();
    if fields.is_empty() {
        return Ok(None);
    }
    let json = serde_json::to_string(&fields).map_err(|e| {
        tracing::error!(error = %e, "encoding a form draft");
        AppError::Internal
    })?;
    let token = auth::new_token();
    state
        .store
        .insert_draft(&auth::token_hash(&token), owner, &json, chrono::Utc::now())
        .await?;
    Ok(Some(token))
}

/// The values a draft kept, for `reader` (`None`: signed out). A draft of someone else, an
/// expired or an unknown one is `NotFound`.
pub async fn read_draft(
    state: &AppState,
    reader: Option<UserId>,
    token: &str,
) -> Result<BTreeMap<String, String>, AppError> {
    let since = chrono::Utc::now() - DRAFT_TTL;
    let (owner, json) = state
        .store
        .get_draft(&auth::token_hash(token), since)
        .await?
        .ok_or(AppError::NotFound)?;
    if owner.is_some() && owner != reader {
        return Err(AppError::NotFound);
    }
    serde_json::from_str(&json).map_err(|e| {
        tracing::error!(error = %e, "reading a form draft");
        AppError::Internal
    })
}

/// A failed plain form post goes back to `page` with its errors and what was typed, through
/// a redirect; returns whether it did (the hydrated app gets the error as data instead).
pub async fn send_back(
    state: &AppState,
    owner: Option<UserId>,
    page: &str,
    err: &AppError,
    typed: &[(&str, &str)],
) -> Result<bool, AppError> {
    if !auth::is_plain_form_post()
        || !matches!(err, AppError::Validation(_) | AppError::RateLimited(_))
    {
        return Ok(false);
    }
    let draft = save_draft(state, owner, typed).await?;
    leptos_axum::redirect(&back_to(page, &err.form_errors(), draft.as_deref()));
    Ok(true)
}

/// How a form's server function fails. From the hydrated app the error returns as data; a browser
/// without JavaScript posted a plain form and can only follow a redirect, so validation errors go
/// back to `page` as `?error=FIELD:KEY` (what `components::form` reads).
pub fn form_failure(page: &str, err: AppError) -> Result<(), AppError> {
    match err {
        AppError::Validation(_) | AppError::RateLimited(_) if auth::is_plain_form_post() => {
            leptos_axum::redirect(&back_to(page, &err.form_errors(), None));
            Ok(())
        }
        other => Err(super::respond_with(other)),
    }
}
