//! Sessions and the one authorization layer.
//!
//! A session is a random 256-bit token in an HttpOnly cookie; the database keeps only its SHA-256,
//! so a leaked database holds no usable tokens. Sessions live in the database, so any `portico`
//! process can serve any request. A session ends after `IDLE` without requests or `ABSOLUTE` after
//! sign-in, whichever comes first, and at once when the user is deactivated.
//!
//! The server's session middleware resolves the cookie once per request and puts an
//! [`Authenticated`] into the request's extensions. Server functions read it through [`actor`]
//! (and [`require_user`] for the person's own session), plain routes through the `Actor`
//! extractor; what the actor may do is asked of `backend::policy` by the services, nowhere else.
use crate::backend::store::{SessionRow, Store, StoreError};
use crate::domain::{AccountId, CurrentUser, Role, UserId};
use crate::error::AppError;
use chrono::{Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// The session cookie over http (development, loopback).
pub const SESSION_COOKIE: &str = "portico_session";
/// The session cookie over https: the `__Host-` prefix makes browsers refuse it unless it is
/// `Secure`, has `Path=/` and no `Domain`, so a sibling subdomain cannot plant or overwrite it.
pub const SECURE_SESSION_COOKIE: &str = "__Host-portico_session";
/// The device cookie (a browser someone signed in from before), over http and https.
pub const DEVICE_COOKIE: &str = "portico_device";
/// The device cookie over https.
pub const SECURE_DEVICE_COOKIE: &str = "__Host-portico_device";
/// How long a browser stays a known device without signing in.
pub const DEVICE_LIFETIME: Duration = Duration::days(365);

/// The session cookie's name: `__Host-` prefixed when the portal is served over https.
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

/// The device cookie's name: `__Host-` prefixed when the portal is served over https.
pub fn device_cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_DEVICE_COOKIE
    } else {
        DEVICE_COOKIE
    }
}

/// A session ends after this long without a request.
pub const IDLE: Duration = Duration::hours(8);
/// A customer's session ends this long after sign-in, however busy (staff: shorter, by setting).
pub const ABSOLUTE: Duration = Duration::days(7);
/// Activity is written at most this often per session (not on every request).
const TOUCH_EVERY: Duration = Duration::minutes(1);

/// The signed-in person behind a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authenticated {
    /// The session's id.
    pub session_id: i64,
    /// Who it is.
    pub user: CurrentUser,
}

/// Who is asking, as every permission rule sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// No session.
    Anonymous,
    /// A contact of a customer company: sees that company's data only.
    Customer {
        /// The person.
        user_id: UserId,
        /// Their company.
        account_id: AccountId,
    },
    /// Support staff (agent or admin): sees every company.
    Staff {
        /// The person.
        user_id: UserId,
        /// Agent or admin.
        role: Role,
    },
}

impl Actor {
    /// The actor for an optional session.
    pub fn from_session(auth: Option<&Authenticated>) -> Self {
        match auth.map(|a| &a.user) {
            None => Self::Anonymous,
            Some(u) => Self::of(u.id, u.role, u.account_id),
        }
    }

    /// The actor person `id` is, with `role` and company `account` (the session's, or a stored
    /// person's when work done for them asks what they may see).
    pub fn of(id: UserId, role: Role, account: Option<AccountId>) -> Self {
        match (role, account) {
            (Role::Customer, Some(account_id)) => Self::Customer {
                user_id: id,
                account_id,
            },
            // A customer without a company cannot exist (a CHECK constraint); fail closed.
            (Role::Customer, None) => Self::Anonymous,
            (role, _) => Self::Staff { user_id: id, role },
        }
    }

    /// The signed-in person's role (`None` for nobody).
    pub fn role(&self) -> Option<Role> {
        match *self {
            Self::Customer { .. } => Some(Role::Customer),
            Self::Staff { role, .. } => Some(role),
            Self::Anonymous => None,
        }
    }

    /// The customer and their company, for actions only a customer takes (after the action's
    /// policy rule allowed it); `Forbidden` for staff and nobody.
    pub fn customer(&self) -> Result<(UserId, AccountId), crate::error::AppError> {
        match *self {
            Self::Customer {
                user_id,
                account_id,
            } => Ok((user_id, account_id)),
            _ => Err(crate::error::AppError::Forbidden),
        }
    }

    /// Who is asking, or `Unauthenticated` for nobody.
    pub fn signed_in(&self) -> Result<crate::domain::UserId, crate::error::AppError> {
        match *self {
            Self::Customer { user_id, .. } | Self::Staff { user_id, .. } => Ok(user_id),
            Self::Anonymous => Err(crate::error::AppError::Unauthenticated),
        }
    }
}

/// A new random session token (64 hex characters) for the cookie.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// What the database stores for a token.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// `bytes` as lower-case hex (tokens, hashes, signatures).
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Looks a cookie token up; `None` for unknown, expired, idle or deactivated. Records activity at
/// most once a minute, off the request's path: the request never waits for that write. Fails only
/// with `AppError::Unavailable`, when the database cannot say (any other failure is logged and
/// counts as no session).
pub async fn resolve(
    store: &std::sync::Arc<Store>,
    token: &str,
) -> Result<Option<Authenticated>, AppError> {
    let now = Utc::now();
    let Some(row) = find(store, token, now).await? else {
        return Ok(None);
    };
    if now - row.last_seen_at > TOUCH_EVERY {
        let store = store.clone();
        let session = row.session_id;
        tokio::spawn(async move {
            if let Err(e) = store.touch_session(session, now).await {
                tracing::warn!(error = %e, "could not record session activity");
            }
        });
    }
    Ok(authenticated(row))
}

/// Looks a cookie token up as [`resolve`] does, without counting it as activity: an open live page
/// asks again now and then whether its reader may still hear of changes, and that must not keep an
/// idle session alive.
pub async fn still_valid(store: &Store, token: &str) -> Result<Option<Authenticated>, AppError> {
    Ok(find(store, token, Utc::now())
        .await?
        .and_then(authenticated))
}

async fn find(
    store: &Store,
    token: &str,
    now: chrono::DateTime<Utc>,
) -> Result<Option<SessionRow>, AppError> {
    match store
        .find_session(&token_hash(token), now, now - IDLE)
        .await
    {
        Ok(row) => Ok(row),
        Err(e @ StoreError::Unavailable(_)) => Err(e.into()),
        Err(e) => {
            tracing::error!(error = %e, "session lookup failed");
            Ok(None)
        }
    }
}

fn authenticated(row: SessionRow) -> Option<Authenticated> {
    Some(Authenticated {
        session_id: row.session_id,
        user: CurrentUser {
            id: row.user_id,
            name: row.name,
            email: row.email,
            role: row.role,
            language: row.language,
            time_zone: row.time_zone,
            account_id: row.account_id,
            must_change_password: row.must_change_password,
        },
    })
}

/// The `Set-Cookie` value of an HttpOnly, `SameSite=Lax` cookie for the whole site (`Max-Age=0`
/// removes it): sessions, devices and sign-ins waiting for their second factor.
fn http_only_cookie(name: &str, value: &str, max_age: Duration, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    let max_age = max_age.num_seconds();
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

/// The `Set-Cookie` value that starts a session lasting `lifetime`.
pub fn session_cookie(token: &str, secure: bool, lifetime: Duration) -> String {
    http_only_cookie(session_cookie_name(secure), token, lifetime, secure)
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_session_cookie(secure: bool) -> String {
    http_only_cookie(session_cookie_name(secure), "", Duration::zero(), secure)
}

/// The `Set-Cookie` value that marks this browser as a known device of whoever signed in.
pub fn device_cookie(token: &str, secure: bool) -> String {
    http_only_cookie(device_cookie_name(secure), token, DEVICE_LIFETIME, secure)
}

/// The cookie of a sign-in waiting for its second factor, over http.
pub const CHALLENGE_COOKIE: &str = "portico_sign_in";
/// The same over https.
pub const SECURE_CHALLENGE_COOKIE: &str = "__Host-portico_sign_in";

/// The challenge cookie's name: `__Host-` prefixed when the portal is served over https.
pub fn challenge_cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_CHALLENGE_COOKIE
    } else {
        CHALLENGE_COOKIE
    }
}

/// The `Set-Cookie` value that keeps a sign-in waiting for its second factor (`""` with
/// `Duration::zero()`: removes it).
pub fn challenge_cookie(token: &str, secure: bool, lifetime: Duration) -> String {
    http_only_cookie(challenge_cookie_name(secure), token, lifetime, secure)
}

/// The cookie of a sign-in on its way through an identity provider, over http.
pub const SSO_COOKIE: &str = "portico_sso";
/// The same over https.
pub const SECURE_SSO_COOKIE: &str = "__Host-portico_sso";

/// The provider sign-in cookie's name: `__Host-` prefixed when the portal is served over https.
pub fn sso_cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_SSO_COOKIE
    } else {
        SSO_COOKIE
    }
}

/// The `Set-Cookie` value that ties a provider's answer to this browser (`SameSite=Lax`: the
/// answer comes back as a top-level GET from the provider's site, which Lax lets through;
/// `Duration::zero()` removes it).
pub fn sso_cookie(token: &str, secure: bool, lifetime: Duration) -> String {
    http_only_cookie(sso_cookie_name(secure), token, lifetime, secure)
}

/// The value of cookie `name` in a request's `Cookie` headers.
pub fn cookie<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The `Set-Cookie` value that remembers `language` in this browser (the cookie leptos_i18n reads).
pub fn language_cookie(language: crate::domain::Language, secure: bool) -> String {
    let name = crate::components::lang::LANG_COOKIE;
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{name}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        language.code()
    )
}

/// Makes a request read as `language`: its language cookie is replaced (or added), so the page,
/// leptos_i18n and [`reader_language`] all follow a signed-in person's saved language whatever
/// this browser last chose. Whether the browser's own cookie said otherwise (then the answer
/// should set it, so that the page's islands agree).
pub fn apply_language(headers: &mut http::HeaderMap, language: crate::domain::Language) -> bool {
    let name = crate::components::lang::LANG_COOKIE;
    if cookie(headers, name) == Some(language.code()) {
        return false;
    }
    let mut pairs: Vec<String> = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .map(str::trim)
        .filter(|pair| !pair.is_empty() && pair.split_once('=').is_none_or(|(k, _)| k != name))
        .map(str::to_owned)
        .collect();
    pairs.push(format!("{name}={}", language.code()));
    if let Ok(value) = http::HeaderValue::from_str(&pairs.join("; ")) {
        headers.remove(http::header::COOKIE);
        headers.insert(http::header::COOKIE, value);
    }
    true
}

/// The language a request reads: the language cookie (set by `/lang`), else the first of English,
/// Russian and Dutch in `Accept-Language`, else English. Pages, plain-text answers and refusals all
/// take it from here.
pub fn reader_language(headers: &http::HeaderMap) -> crate::domain::Language {
    use crate::domain::Language;
    if let Some(language) =
        cookie(headers, crate::components::lang::LANG_COOKIE).and_then(Language::from_code)
    {
        return language;
    }
    headers
        .get_all(http::header::ACCEPT_LANGUAGE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|range| {
            let tag = range.split(';').next()?.trim();
            let primary = tag.split('-').next()?.to_ascii_lowercase();
            Language::from_code(&primary)
        })
        .next()
        .unwrap_or_default()
}

/// The session of the current request (inside a server function or a rendered page).
pub fn authenticated_request() -> Option<Authenticated> {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Authenticated>().cloned())
}

/// The signed-in person, or `Unauthenticated` (HTTP 401). A session opened with a temporary
/// password is `Forbidden` (403) here: it may only set a new password
/// ([`require_user_pending_password`]).
pub fn require_user() -> Result<Authenticated, AppError> {
    let auth = require_user_pending_password()?;
    if auth.user.must_change_password {
        return Err(crate::backend::respond_with(AppError::Forbidden));
    }
    Ok(auth)
}

/// The signed-in person, also while they still must replace a temporary password: for setting the
/// new password and signing out, nothing else.
pub fn require_user_pending_password() -> Result<Authenticated, AppError> {
    authenticated_request().ok_or_else(|| crate::backend::respond_with(AppError::Unauthenticated))
}

/// The language of the request being answered (its cookie, else `Accept-Language`): the
/// language of a reader without an account.
pub fn request_language() -> crate::domain::Language {
    leptos::prelude::use_context::<http::request::Parts>()
        .map(|parts| reader_language(&parts.headers))
        .unwrap_or_default()
}

/// Who is asking this server function: the actor every service takes and checks with `policy`.
/// `Anonymous` without a session; a session opened with a temporary password is `Forbidden` (403)
/// here, as in [`require_user`].
pub fn actor() -> Result<Actor, AppError> {
    match authenticated_request() {
        None => Ok(Actor::Anonymous),
        Some(auth) => require_user().map(|_| Actor::from_session(Some(&auth))),
    }
}

/// Plain axum routes take the actor as an argument, as server functions get it from [`actor`]:
/// `Anonymous` without a session. (The session middleware has already kept a session that must
/// replace its temporary password away from every route but its own.)
impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Actor {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self::from_session(parts.extensions.get::<Authenticated>()))
    }
}

/// Paths a session that must replace its temporary password may still reach.
pub const PENDING_PASSWORD_PATHS: &[&str] = &[
    "/account/new-password",
    "/api/set_new_password",
    "/api/sign_out",
    "/api/get_current_user",
    "/lang",
];

/// The value of cookie `name` in the current request (inside a server function or a page).
pub fn request_cookie(name: &str) -> Option<String> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    cookie(&parts.headers, name).map(str::to_owned)
}

/// The key per-address limits count the client by: its address (behind trusted proxies, from
/// `X-Forwarded-For`; IPv6 by its /64 network), or "unknown" without one (in-process tests). Put
/// into the request by the server's session middleware.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAddr(pub String);

/// The current request's client address.
pub fn client_addr() -> String {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<ClientAddr>().map(|c| c.0.clone()))
        .unwrap_or_else(|| "unknown".into())
}

/// Adds a `Set-Cookie` header to the current response.
pub fn set_cookie(value: &str) {
    let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    match http::HeaderValue::from_str(value) {
        Ok(v) => response.append_header(http::header::SET_COOKIE, v),
        Err(e) => tracing::error!(error = %e, "invalid Set-Cookie value"),
    }
}

/// True for a browser's plain form submission (no JavaScript), which asks for HTML back.
pub fn is_plain_form_post() -> bool {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| {
            p.headers
                .get(http::header::ACCEPT)?
                .to_str()
                .ok()
                .map(|a| a.contains("text/html"))
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_stored_only_hashed() {
        let a = new_token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, new_token());
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a).len(), 64);
    }

    #[test]
    fn cookies_are_http_only_lax_and_secure_with_host_prefix_on_https() {
        let c = session_cookie("abc", false, ABSOLUTE);
        assert!(
            c.starts_with("portico_session=abc;")
                && c.contains("HttpOnly")
                && c.contains("SameSite=Lax")
                && c.contains("Max-Age=604800")
        );
        assert!(!c.contains("Secure"));
        let secure = session_cookie("abc", true, Duration::hours(12));
        assert!(secure.starts_with("__Host-portico_session=abc; Path=/;"));
        assert!(secure.ends_with("; Secure") && secure.contains("Max-Age=43200"));
        assert!(!secure.contains("Domain"));
        assert!(clear_session_cookie(false).contains("Max-Age=0"));
        assert!(clear_session_cookie(true).starts_with("__Host-portico_session=;"));
        assert!(device_cookie("d", true).starts_with("__Host-portico_device=d; Path=/; HttpOnly"));
    }

    #[test]
    fn cookie_header_parsing() {
        let mut h = http::HeaderMap::new();
        h.insert(
            http::header::COOKIE,
            "a=1; portico_session=tok; b=2".parse().expect("header"),
        );
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("tok"));
        assert_eq!(cookie(&h, "c"), None);
    }

    #[test]
    fn a_saved_language_replaces_the_browsers_choice() {
        use crate::domain::Language;
        let name = crate::components::lang::LANG_COOKIE;
        let mut h = http::HeaderMap::new();
        h.insert(
            http::header::COOKIE,
            format!("a=1; {name}=en; b=2").parse().expect("header"),
        );
        assert!(apply_language(&mut h, Language::Ru));
        assert_eq!(cookie(&h, name), Some("ru"));
        assert_eq!(cookie(&h, "a"), Some("1"));
        assert_eq!(cookie(&h, "b"), Some("2"));
        assert_eq!(reader_language(&h), Language::Ru);
        assert!(!apply_language(&mut h, Language::Ru));
        let mut none = http::HeaderMap::new();
        assert!(apply_language(&mut none, Language::Nl));
        assert_eq!(reader_language(&none), Language::Nl);
    }

    #[test]
    fn actors_follow_role_and_company() {
        let user = |role, account_id| Authenticated {
            session_id: 1,
            user: CurrentUser {
                id: UserId(7),
                name: "N".into(),
                email: "n@x.example".into(),
                role,
                language: crate::domain::Language::En,
                time_zone: String::new(),
                account_id,
                must_change_password: false,
            },
        };
        assert_eq!(Actor::from_session(None), Actor::Anonymous);
        assert_eq!(
            Actor::from_session(Some(&user(Role::Customer, Some(AccountId(3))))),
            Actor::Customer {
                user_id: UserId(7),
                account_id: AccountId(3)
            }
        );
        assert_eq!(
            Actor::from_session(Some(&user(Role::Customer, None))),
            Actor::Anonymous
        );
        assert_eq!(
            Actor::from_session(Some(&user(Role::Admin, None))),
            Actor::Staff {
                user_id: UserId(7),
                role: Role::Admin
            }
        );
    }
}
