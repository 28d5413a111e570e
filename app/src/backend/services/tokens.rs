//! Personal access tokens for the REST API (`/api/v1`). Anyone signed in makes them on their
//! account page: a name, read or write, and a lifetime. The token (`pat_` and 64 hex digits, 256
//! random bits) is shown once; only its SHA-256 is kept. A token acts as its person, with exactly
//! the rights their session would have (every service asks the same `policy` rules of the
//! `Actor`); a read token may only read. It ends when revoked, when it expires, or when its person
//! is deactivated or erased. Making and revoking one go into the audit log.
use crate::backend::auth::{self, Actor, Authenticated};
use crate::backend::services::audit;
use crate::backend::state::AppState;
use crate::backend::store::Store;
use crate::backend::{policy, time};
use crate::domain::audit::AuditAction;
use crate::domain::tokens::{LIFETIMES, NAME_MAX, TokenScope, TokenView};
use crate::domain::{CurrentUser, UserId};
use crate::error::AppError;
use crate::messages::MessageKey;
use chrono::{Duration, Utc};

/// What every token starts with (so a leaked one is recognisable in code and logs).
pub const PREFIX: &str = "pat_";
/// How often a token's "last used" is written at most.
const TOUCH_EVERY: Duration = Duration::minutes(1);

/// The person's tokens that are not revoked, newest first, dates in their zone.
pub async fn list(store: &Store, actor: &Actor) -> Result<Vec<TokenView>, AppError> {
    let me = policy::require(actor, policy::can_keep_api_tokens)?;
    let reader = time::Reader::current();
    Ok(store
        .tokens_of(me)
        .await?
        .into_iter()
        .map(|t| TokenView {
            id: t.id,
            name: t.name,
            scope: TokenScope::from_code(&t.scope).unwrap_or(TokenScope::Read),
            created: reader.absolute(t.created_at),
            expires: t.expires_at.map(|at| reader.date(at)),
            last_used: t.last_used_at.map(|at| reader.absolute(at)),
        })
        .collect())
}

/// Makes a token named `name` with `scope` ("read" or "write") living `days` (0: until revoked);
/// returns the token, to show once.
pub async fn create(
    state: &AppState,
    actor: &Actor,
    name: &str,
    scope: &str,
    days: &str,
) -> Result<String, AppError> {
    let me = policy::require(actor, policy::can_keep_api_tokens)?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > NAME_MAX {
        return Err(AppError::field("token_name", MessageKey::TokenNameRequired));
    }
    let scope =
        TokenScope::from_code(scope).ok_or(AppError::field("scope", MessageKey::BadRequest))?;
    let days = days
        .parse::<u32>()
        .ok()
        .filter(|d| LIFETIMES.contains(d))
        .ok_or(AppError::field("days", MessageKey::BadRequest))?;
    let token = format!("{PREFIX}{}", auth::new_token());
    let now = Utc::now();
    let expires = (days > 0).then(|| now + Duration::days(i64::from(days)));
    state
        .store
        .insert_token(
            me,
            name,
            &auth::token_hash(&token),
            scope.code(),
            now,
            expires,
        )
        .await?;
    let detail = format!("token={name} scope={} days={days}", scope.code());
    audit::record(
        &state.store,
        Some(me),
        AuditAction::TokenCreated,
        Some(me),
        &detail,
    )
    .await;
    tracing::info!(user = %me, scope = scope.code(), "API token made");
    Ok(token)
}

/// Revokes one of the person's tokens (`NotFound` for anyone else's, or one revoked already).
pub async fn revoke(state: &AppState, actor: &Actor, id: i64) -> Result<(), AppError> {
    let me: UserId = policy::require(actor, policy::can_keep_api_tokens)?;
    if !state.store.revoke_token(id, me, Utc::now()).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        &state.store,
        Some(me),
        AuditAction::TokenRevoked,
        Some(me),
        &format!("token={id}"),
    )
    .await;
    Ok(())
}

/// Who a bearer token speaks for, and what it may do; `None` for no live token (unknown, revoked,
/// expired, or its person deactivated). "Last used" is written at most once a minute, off the
/// request's path. Fails only with `Unavailable` when the database cannot say.
pub async fn resolve(
    store: &std::sync::Arc<Store>,
    token: &str,
) -> Result<Option<(Authenticated, TokenScope)>, AppError> {
    if !token.starts_with(PREFIX) {
        return Ok(None);
    }
    let now = Utc::now();
    let row = match store.find_token(&auth::token_hash(token), now).await {
        Ok(Some(row)) => row,
        Ok(None) => return Ok(None),
        Err(e) => {
            tracing::warn!(error = %e, "looking up an API token");
            return Err(AppError::Unavailable);
        }
    };
    if row.last_used_at.is_none_or(|at| now - at > TOUCH_EVERY) {
        let store = store.clone();
        let id = row.token_id;
        tokio::spawn(async move {
            if let Err(e) = store.touch_token(id, now).await {
                tracing::warn!(error = %e, "could not record a token's use");
            }
        });
    }
    let scope = TokenScope::from_code(&row.scope).unwrap_or(TokenScope::Read);
    let user = CurrentUser {
        id: row.user_id,
        name: row.name,
        email: row.email,
        role: row.role,
        language: row.language,
        time_zone: row.time_zone,
        account_id: row.account_id,
        must_change_password: false,
    };
    // A token opens no session: id 0 names none (nothing a token reaches ends "the current
    // session").
    Ok(Some((
        Authenticated {
            session_id: 0,
            user,
        },
        scope,
    )))
}
