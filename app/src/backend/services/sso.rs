//! Single sign-on with OpenID Connect (authorization code flow with PKCE).
//!
//! Admins register identity providers; the sign-in page shows a button for each active one. The
//! button starts a sign-in ([`start`]): the provider's discovery document names its endpoints, and
//! the browser goes there with a random `state`, a nonce and a PKCE challenge, all kept in the
//! database under the hash of a short-lived cookie (several processes may serve the callback). The
//! callback ([`finish`]) takes that row (once: a replayed answer finds nothing), checks the `state`
//! and the `iss` parameter, exchanges the code with the verifier, and checks the ID token: its
//! signature against the provider's published keys, issuer, audience (exactly our client id),
//! expiry, nonce and access-token hash (the `openidconnect` crate). Then the email it vouches for
//! must be at one of the provider's domains and belong to an invited, active person the provider
//! serves (staff, or the person's company): signing in never creates an account. The first sign-in
//! links the provider's subject to the person; later ones must be the same subject. The session
//! opens through `services::auth`, so two-factor sign-in still asks for its code.
use crate::backend::auth::{self, Actor};
use crate::backend::outbound::{self, HttpClient, error_chain};
use crate::backend::policy;
use crate::backend::services::audit;
use crate::backend::services::auth::{Account, SignInStep, after_first_factor};
use crate::backend::state::AppState;
use crate::backend::store::{NewSsoFlow, ProviderChange, ProviderRow, Store};
use crate::domain::audit::AuditAction;
use crate::domain::sso::{
    CompanyChoice, DOMAINS_MAX, ProviderButton, ProviderView, domain_allowed, parse_domains,
};
use crate::domain::{
    AccountId, IdentityProviderId, Role, UserId, normalize_email, safe_local_path,
};
use crate::error::AppError;
use crate::messages::MessageKey;
use chrono::{Duration, Utc};
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreProviderMetadata, CoreUserInfoClaims,
};
use openidconnect::{
    AccessTokenHash, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce,
    OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use std::sync::OnceLock;

/// Where providers send people back.
pub const CALLBACK_PATH: &str = "/auth/oidc/callback";
/// How long a sign-in may stay at the provider.
pub const FLOW_LIFETIME: Duration = Duration::minutes(10);
/// How long one request to a provider may take.
const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);
/// The largest answer read from a provider (discovery documents and key sets are a few KiB).
const ANSWER_LIMIT: usize = 256 * 1024;
/// The most companies one provider lists.
const COMPANIES_MAX: usize = 10_000;
/// Longest name, client id or secret kept.
const TEXT_MAX: usize = 200;
/// Longest issuer URL kept.
const ISSUER_MAX: usize = 500;

/// Why a provider request failed (the `openidconnect` crate wants an error type).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct HttpFailure(String);

/// The one client every provider request goes through (no redirects followed).
fn http() -> Result<&'static HttpClient, AppError> {
    static CLIENT: OnceLock<Result<HttpClient, String>> = OnceLock::new();
    CLIENT.get_or_init(outbound::client).as_ref().map_err(|e| {
        tracing::error!(error = %e, "no HTTP client for identity providers");
        AppError::Internal
    })
}

/// Sends one request for the `openidconnect` crate.
async fn send(
    request: openidconnect::HttpRequest,
) -> Result<openidconnect::HttpResponse, HttpFailure> {
    let client = http().map_err(|_| HttpFailure("no HTTP client".into()))?;
    outbound::fetch(client, request, REQUEST_TIMEOUT, ANSWER_LIMIT)
        .await
        .map_err(HttpFailure)
}

/// The address providers send people back to (registered at the provider).
pub fn redirect_uri(state: &AppState) -> String {
    format!(
        "{}{CALLBACK_PATH}",
        state.settings.public_url.trim_end_matches('/')
    )
}

/// The sign-in page's buttons: every active provider. Public.
pub async fn buttons(store: &Store) -> Result<Vec<ProviderButton>, AppError> {
    Ok(store
        .provider_buttons()
        .await?
        .into_iter()
        .map(|(id, name)| ProviderButton { id, name })
        .collect())
}

/// The admins' list of providers (no secrets, no company lists).
pub async fn list(state: &AppState, actor: &Actor) -> Result<Vec<ProviderView>, AppError> {
    policy::require(actor, policy::can_manage_identity_providers)?;
    let redirect = redirect_uri(state);
    Ok(state
        .store
        .identity_providers()
        .await?
        .into_iter()
        .map(|p| view_of(p, Vec::new(), &redirect))
        .collect())
}

/// One provider to edit, with every company and whether it serves it; `None`: a blank one to add.
pub async fn get(
    state: &AppState,
    actor: &Actor,
    id: Option<IdentityProviderId>,
) -> Result<ProviderView, AppError> {
    policy::require(actor, policy::can_manage_identity_providers)?;
    let (row, served) = match id {
        Some(id) => {
            let row = state
                .store
                .identity_provider(id)
                .await?
                .ok_or(AppError::NotFound)?;
            (Some(row), state.store.provider_companies(id).await?)
        }
        None => (None, Vec::new()),
    };
    let companies = state
        .store
        .account_names(COMPANIES_MAX as i64)
        .await?
        .into_iter()
        .map(|(id, name)| CompanyChoice {
            id,
            name,
            chosen: served.contains(&id),
        })
        .collect();
    let redirect = redirect_uri(state);
    Ok(match row {
        Some(row) => view_of(row, companies, &redirect),
        None => ProviderView {
            active: true,
            companies,
            redirect_uri: redirect,
            ..ProviderView::default()
        },
    })
}

fn view_of(row: ProviderRow, companies: Vec<CompanyChoice>, redirect: &str) -> ProviderView {
    ProviderView {
        id: Some(row.id),
        name: row.name,
        issuer: row.issuer,
        client_id: row.client_id,
        has_secret: !row.client_secret.is_empty(),
        allowed_domains: row.allowed_domains,
        for_staff: row.for_staff,
        active: row.active,
        companies,
        redirect_uri: redirect.to_string(),
    }
}

/// What the provider form posts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProviderForm {
    /// The button's name.
    pub name: String,
    /// The issuer URL.
    pub issuer: String,
    /// The client id.
    pub client_id: String,
    /// The client secret (empty: keep the one kept).
    pub client_secret: String,
    /// Domains as typed.
    pub allowed_domains: String,
    /// Serves staff.
    pub for_staff: bool,
    /// Offered.
    pub active: bool,
    /// The companies ticked (ids as posted).
    pub companies: Vec<String>,
}

/// The issuer as kept: an absolute `https://` URL without query or fragment (`http://` only for
/// this machine: a provider on loopback), without a trailing slash.
fn parse_issuer(typed: &str) -> Option<String> {
    let typed = typed.trim();
    if typed.len() > ISSUER_MAX {
        return None;
    }
    let url = url::Url::parse(typed).ok()?;
    let loopback = match outbound::literal_ip(&url) {
        Some(ip) => ip.is_loopback(),
        None => url.host_str()? == "localhost",
    };
    let scheme_ok = url.scheme() == "https" || (url.scheme() == "http" && loopback);
    if !scheme_ok || url.query().is_some() || url.fragment().is_some() || !url.username().is_empty()
    {
        return None;
    }
    Some(typed.trim_end_matches('/').to_string())
}

/// Adds (`id` `None`) or changes a provider, after reading its discovery document (a provider whose
/// document Portico cannot read is refused at the issuer field). Admins only; recorded in the audit
/// log (never the secret).
pub async fn save(
    state: &AppState,
    actor: &Actor,
    id: Option<IdentityProviderId>,
    form: &ProviderForm,
) -> Result<IdentityProviderId, AppError> {
    let me = policy::require(actor, policy::can_manage_identity_providers)?;
    let existing = match id {
        Some(id) => Some(
            state
                .store
                .identity_provider(id)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > TEXT_MAX {
        return Err(AppError::field("name", MessageKey::ProviderNameRequired));
    }
    let issuer =
        parse_issuer(&form.issuer).ok_or(AppError::field("issuer", MessageKey::IssuerInvalid))?;
    let client_id = form.client_id.trim();
    if client_id.is_empty() || client_id.len() > TEXT_MAX {
        return Err(AppError::field("client_id", MessageKey::ClientIdRequired));
    }
    let secret = form.client_secret.trim();
    if secret.len() > TEXT_MAX || (secret.is_empty() && existing.is_none()) {
        return Err(AppError::field(
            "client_secret",
            MessageKey::ClientSecretRequired,
        ));
    }
    let domains = parse_domains(&form.allowed_domains)
        .filter(|d| !d.is_empty() && d.len() <= DOMAINS_MAX)
        .ok_or(AppError::field(
            "allowed_domains",
            MessageKey::DomainsInvalid,
        ))?;
    let known: Vec<AccountId> = state
        .store
        .account_names(COMPANIES_MAX as i64)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let mut companies = Vec::new();
    for typed in &form.companies {
        let company = typed
            .trim()
            .parse::<i64>()
            .ok()
            .map(AccountId)
            .filter(|c| known.contains(c))
            .ok_or(AppError::field("companies", MessageKey::AccountUnknown))?;
        if !companies.contains(&company) {
            companies.push(company);
        }
    }
    if let Err(e) = discover(&issuer).await {
        tracing::info!(issuer, error = %e, "an identity provider's discovery document is unreadable");
        return Err(AppError::field("issuer", MessageKey::IssuerUnreachable));
    }
    let domains = domains.join(" ");
    let change = ProviderChange {
        name,
        issuer: &issuer,
        client_id,
        client_secret: secret,
        allowed_domains: &domains,
        for_staff: form.for_staff,
        active: form.active,
        companies: &companies,
    };
    let saved = state
        .store
        .save_identity_provider(id, &change, Utc::now())
        .await?;
    let detail = format!(
        "provider={name} issuer={issuer} domains={domains} staff={} companies={} active={}{}",
        form.for_staff,
        companies.len(),
        form.active,
        if secret.is_empty() { "" } else { " secret=new" }
    );
    let action = if existing.is_some() {
        AuditAction::IdentityProviderChanged
    } else {
        AuditAction::IdentityProviderAdded
    };
    audit::record(&state.store, Some(me), action, None, &detail).await;
    tracing::info!(provider = %saved, issuer, "identity provider saved");
    Ok(saved)
}

/// Removes a provider (its sign-ins under way and its links to people go with it). Admins only.
pub async fn remove(
    state: &AppState,
    actor: &Actor,
    id: IdentityProviderId,
) -> Result<(), AppError> {
    let me = policy::require(actor, policy::can_manage_identity_providers)?;
    let row = state
        .store
        .identity_provider(id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !state.store.delete_identity_provider(id).await? {
        return Err(AppError::NotFound);
    }
    let detail = format!("provider={} issuer={}", row.name, row.issuer);
    audit::record(
        &state.store,
        Some(me),
        AuditAction::IdentityProviderRemoved,
        None,
        &detail,
    )
    .await;
    Ok(())
}

/// The provider's metadata, from its discovery document (whose `issuer` must be exactly this one).
async fn discover(issuer: &str) -> Result<CoreProviderMetadata, String> {
    let issuer = IssuerUrl::new(issuer.to_string()).map_err(|e| e.to_string())?;
    CoreProviderMetadata::discover_async(issuer, &send)
        .await
        .map_err(|e| error_chain(&e))
}

/// A sign-in sent on to a provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Started {
    /// The provider's authorization URL (the browser goes there).
    pub location: String,
    /// The token of the cookie that ties the callback to this browser.
    pub token: String,
}

/// Starts signing in with provider `id` (active ones only): where the browser goes, and the cookie
/// that brings it back to this sign-in. `next`: the local page to open afterwards.
pub async fn start(
    state: &AppState,
    id: IdentityProviderId,
    next: &str,
) -> Result<Started, AppError> {
    let provider = state
        .store
        .identity_provider(id)
        .await?
        .filter(|p| p.active)
        .ok_or(AppError::NotFound)?;
    let metadata = discover(&provider.issuer).await.map_err(|e| {
        tracing::warn!(provider = %id, error = %e, "identity provider unreachable");
        AppError::field("_form", MessageKey::SsoFailed)
    })?;
    let client = client_for(state, &provider, metadata)?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, csrf, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();
    let token = auth::new_token();
    let now = Utc::now();
    state
        .store
        .insert_sso_flow(
            &NewSsoFlow {
                token_hash: &auth::token_hash(&token),
                provider: id,
                state: csrf.secret(),
                nonce: nonce.secret(),
                pkce_verifier: verifier.secret(),
                next: safe_local_path(next),
            },
            now,
            now + FLOW_LIFETIME,
        )
        .await?;
    Ok(Started {
        location: url.to_string(),
        token,
    })
}

/// The client for one provider.
fn client_for(
    state: &AppState,
    provider: &ProviderRow,
    metadata: CoreProviderMetadata,
) -> Result<
    CoreClient<
        openidconnect::EndpointSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointMaybeSet,
        openidconnect::EndpointMaybeSet,
    >,
    AppError,
> {
    let redirect = RedirectUrl::new(redirect_uri(state)).map_err(|e| {
        tracing::error!(error = %e, "PORTICO_PUBLIC_URL makes no redirect URI");
        AppError::Internal
    })?;
    Ok(CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(provider.client_id.clone()),
        Some(ClientSecret::new(provider.client_secret.clone())),
    )
    .set_redirect_uri(redirect))
}

/// What the provider's answer brings back to the callback.
#[derive(Debug, Clone, Default)]
pub struct Callback<'a> {
    /// The sign-in cookie's token.
    pub token: Option<&'a str>,
    /// `state`.
    pub state: &'a str,
    /// `code` (absent when the provider answers with an error).
    pub code: Option<&'a str>,
    /// `error` (the person declined, say).
    pub error: Option<&'a str>,
    /// `iss` (RFC 9207), when the provider sends it.
    pub iss: Option<&'a str>,
    /// The browser's device cookie.
    pub device: Option<&'a str>,
    /// The browser's current session cookie, which a new sign-in ends.
    pub previous_session: Option<&'a str>,
    /// The client address (`auth::ClientAddr`), for the audit log.
    pub client: &'a str,
}

/// A finished provider sign-in: the session (or the second factor first), and where to go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    /// The session, or the challenge of the second factor.
    pub step: SignInStep,
    /// The local page to open.
    pub next: String,
}

/// Finishes a sign-in at its callback. Errors are the sign-in page's `_form` messages:
/// `SignInExpired` (no such sign-in in this browser: expired, finished already, or another
/// browser's), `SsoFailed` (the provider's answer did not hold), `SsoDomain`, `SsoNoAccount`.
pub async fn finish(state: &AppState, callback: Callback<'_>) -> Result<Finished, AppError> {
    let expired = || AppError::field("_form", MessageKey::SignInExpired);
    let failed = || AppError::field("_form", MessageKey::SsoFailed);
    let token = callback.token.ok_or_else(expired)?;
    let flow = state
        .store
        .take_sso_flow(&auth::token_hash(token))
        .await?
        .ok_or_else(expired)?;
    if flow.expires_at <= Utc::now() || !same_secret(&flow.state, callback.state) {
        tracing::info!("a provider's answer for another or an expired sign-in");
        return Err(expired());
    }
    let provider = state
        .store
        .identity_provider(flow.provider_id)
        .await?
        .filter(|p| p.active)
        .ok_or_else(failed)?;
    if let Some(error) = callback.error {
        tracing::info!(provider = %provider.id, error, "the provider answered with an error");
        return Err(failed());
    }
    if callback
        .iss
        .is_some_and(|iss| iss.trim_end_matches('/') != provider.issuer)
    {
        tracing::warn!(provider = %provider.id, "the answer names another issuer");
        return Err(failed());
    }
    let code = callback.code.filter(|c| !c.is_empty()).ok_or_else(failed)?;
    let identity = verify(state, &provider, code, &flow.nonce, &flow.pkce_verifier)
        .await
        .map_err(|e| {
            tracing::warn!(provider = %provider.id, error = %e, "a provider sign-in did not hold");
            failed()
        })?;
    let user = admit(state, &provider, &identity, callback.client).await?;
    if let Some(previous) = callback.previous_session {
        state
            .store
            .delete_session(&auth::token_hash(previous))
            .await?;
    }
    let account = Account {
        user: user.0,
        role: user.1,
        must_change_password: false,
    };
    let via = format!("provider={}", provider.name);
    let step = after_first_factor(state, account, callback.device, &via, callback.client).await?;
    Ok(Finished {
        step,
        next: flow.next,
    })
}

/// Compares two secrets without saying where they differ.
fn same_secret(a: &str, b: &str) -> bool {
    use sha2::{Digest, Sha256};
    Sha256::digest(a.as_bytes()) == Sha256::digest(b.as_bytes())
}

/// Who the provider says signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Identity {
    /// The provider's subject.
    subject: String,
    /// The email it vouches for (normalized).
    email: String,
}

/// Exchanges the code and checks the ID token (and, when the token carries no email, asks the
/// userinfo endpoint for it).
async fn verify(
    state: &AppState,
    provider: &ProviderRow,
    code: &str,
    nonce: &str,
    pkce_verifier: &str,
) -> Result<Identity, String> {
    let metadata = discover(&provider.issuer).await?;
    let client = client_for(state, provider, metadata).map_err(|e| e.to_string())?;
    let answer = client
        .exchange_code(AuthorizationCode::new(code.to_string()))
        .map_err(|e| e.to_string())?
        .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_string()))
        .request_async(&send)
        .await
        .map_err(|e| format!("token request: {}", error_chain(&e)))?;
    let id_token = answer.id_token().ok_or("no ID token in the answer")?;
    let checker = client.id_token_verifier();
    let claims = id_token
        .claims(&checker, &Nonce::new(nonce.to_string()))
        .map_err(|e| format!("ID token: {}", error_chain(&e)))?;
    if let Some(expected) = claims.access_token_hash() {
        let algorithm = id_token.signing_alg().map_err(|e| e.to_string())?;
        let key = id_token.signing_key(&checker).map_err(|e| e.to_string())?;
        let actual = AccessTokenHash::from_token(answer.access_token(), algorithm, key)
            .map_err(|e| e.to_string())?;
        if actual != *expected {
            return Err("the access token is not the one the ID token names".into());
        }
    }
    let subject = claims.subject().as_str().to_string();
    let (email, verified) = match claims.email() {
        Some(email) => (email.as_str().to_string(), claims.email_verified()),
        None => {
            let info: CoreUserInfoClaims = client
                .user_info(
                    answer.access_token().clone(),
                    Some(claims.subject().clone()),
                )
                .map_err(|e| e.to_string())?
                .request_async(&send)
                .await
                .map_err(|e| format!("userinfo: {}", error_chain(&e)))?;
            let email = info
                .email()
                .ok_or("no email, in the ID token or from userinfo")?;
            (email.as_str().to_string(), info.email_verified())
        }
    };
    if verified == Some(false) {
        return Err("the provider says the email is not verified".into());
    }
    let email = normalize_email(&email).ok_or("the email is not an email address")?;
    Ok(Identity { subject, email })
}

/// The invited, active person the identity may sign in as, or why not (`SsoDomain`,
/// `SsoNoAccount`; a refusal of a known person goes into the audit log).
async fn admit(
    state: &AppState,
    provider: &ProviderRow,
    identity: &Identity,
    client: &str,
) -> Result<(UserId, Role), AppError> {
    let store = state.store.as_ref();
    if !domain_allowed(&identity.email, &provider.allowed_domains) {
        tracing::info!(provider = %provider.id, "a provider vouched for an email outside its domains");
        return Err(AppError::field("_form", MessageKey::SsoDomain));
    }
    let no_account = || AppError::field("_form", MessageKey::SsoNoAccount);
    let Some(user) = store
        .find_sign_in_user(&identity.email)
        .await?
        .filter(|u| u.active)
    else {
        tracing::info!(provider = %provider.id, "a provider sign-in for no invited account");
        return Err(no_account());
    };
    let served = match (user.role, user.account_id) {
        (Role::Customer, Some(company)) => store.provider_serves(provider.id, company).await?,
        (Role::Customer, None) => false,
        (Role::Agent | Role::Admin, _) => provider.for_staff,
    };
    let linked = store.identity_subject(provider.id, user.id).await?;
    let other = store.identity_user(provider.id, &identity.subject).await?;
    let refusal = if !served {
        Some("not served")
    } else if linked.as_deref().is_some_and(|s| s != identity.subject) {
        Some("another identity")
    } else if other.is_some_and(|u| u != user.id) {
        Some("identity of another person")
    } else {
        None
    };
    if let Some(reason) = refusal {
        tracing::info!(provider = %provider.id, user = %user.id, reason, "provider sign-in refused");
        let detail = format!("provider={}: {reason}", provider.name);
        audit::record_from(
            store,
            None,
            AuditAction::SignInFailed,
            Some(user.id),
            &detail,
            client,
        )
        .await;
        return Err(no_account());
    }
    if linked.is_none() {
        store
            .link_identity(provider.id, user.id, &identity.subject, Utc::now())
            .await?;
    }
    Ok((user.id, user.role))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuers_must_be_https_but_on_this_machine() {
        assert_eq!(
            parse_issuer(" https://login.example.com/tenant/v2.0/ "),
            Some("https://login.example.com/tenant/v2.0".into())
        );
        assert_eq!(
            parse_issuer("http://127.0.0.1:9000"),
            Some("http://127.0.0.1:9000".into())
        );
        assert_eq!(
            parse_issuer("http://localhost:9000"),
            Some("http://localhost:9000".into())
        );
        assert_eq!(parse_issuer("http://login.example.com"), None);
        assert_eq!(parse_issuer("https://login.example.com/?x=1"), None);
        assert_eq!(parse_issuer("https://user@login.example.com"), None);
        assert_eq!(parse_issuer("ftp://login.example.com"), None);
        assert_eq!(parse_issuer("login.example.com"), None);
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", ""));
    }
}
