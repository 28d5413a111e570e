//! Passkeys (WebAuthn): anyone signed in adds passkeys on their account page (a name for each), and
//! signs in with one from the sign-in page without typing anything: the browser offers the
//! passkeys it holds for this portal (discoverable credentials), the person unlocks one (a
//! fingerprint, a face, a device PIN), and the signature opens their session.
//!
//! - **Checks**: kanidm's `webauthn-rs` does the ceremonies: the challenge, the origin and relying
//!   party, user verification (always required, so a passkey is two factors in one and the
//!   authenticator-app step is not asked again), the signature, and the signature counter (a
//!   cloned authenticator is refused).
//! - **State**: a ceremony's state lives in the database between its two requests
//!   (`passkey_ceremonies`, five minutes), under the SHA-256 of a token the page holds; the request
//!   that finishes it takes it (deletes it), so no answer counts twice, and any process may serve
//!   either request.
//! - **Where**: browsers allow passkeys only on a domain name (never an IP address) over HTTPS, or
//!   on `localhost`; elsewhere the pages say passkeys are not available here.
//! - **Who**: one credential belongs to one person; a person's passkeys share one random user
//!   handle. Deactivated people cannot sign in with theirs; erasure removes them.
use crate::backend::auth::{self, Actor};
use crate::backend::services::audit;
use crate::backend::services::auth::{Account, SignedIn, open_session, throttle};
use crate::backend::state::{AppState, Settings};
use crate::backend::store::{AttemptKind, NewPasskey, StoreError};
use crate::backend::{policy, time};
use crate::domain::audit::AuditAction;
use crate::domain::passkeys::{NAME_MAX, PasskeyCeremony, PasskeyList, PasskeyView};
use crate::domain::{UserId, clean_line};
use crate::error::AppError;
use crate::messages::MessageKey;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{Duration, Utc};
use webauthn_rs::prelude::{
    DiscoverableAuthentication, Passkey, PasskeyRegistration, PublicKeyCredential,
    RegisterPublicKeyCredential, Url, Uuid, Webauthn, WebauthnBuilder,
};

/// How long a ceremony may take (the browser's own prompt times out sooner).
pub const CEREMONY_LIFETIME: Duration = Duration::minutes(5);
/// Passkey sign-ins one client address may begin per window (each keeps a challenge).
const MAX_BEGUN_PER_CLIENT: i64 = 30;
/// The window begun sign-ins are counted over.
const BEGUN_WINDOW: Duration = Duration::minutes(5);
/// The name authenticators show for this portal.
const RP_NAME: &str = "Portico";

/// The relying party this portal is, from its public URL; `None` where browsers allow no passkeys
/// (an IP address, or plain HTTP anywhere but `localhost`).
fn relying_party(settings: &Settings) -> Option<Webauthn> {
    let origin = Url::parse(&settings.public_origin()).ok()?;
    let host = origin.domain()?;
    if origin.scheme() != "https" && host != "localhost" {
        return None;
    }
    WebauthnBuilder::new(host, &origin)
        .ok()?
        .rp_name(RP_NAME)
        .timeout(std::time::Duration::from_secs(120))
        .build()
        .ok()
}

/// Whether passkeys work on this portal.
pub fn available(settings: &Settings) -> bool {
    relying_party(settings).is_some()
}

/// A stored value webauthn-rs wrote that does not read back: a bug or a damaged row.
fn damaged(what: &str, e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "a stored {what} does not read back");
    AppError::Internal
}

/// The caller's passkeys, dates in their zone, and whether passkeys work here.
pub async fn list(state: &AppState, actor: &Actor) -> Result<PasskeyList, AppError> {
    let me = policy::require(actor, policy::can_change_own_settings)?;
    let reader = time::Reader::current();
    Ok(PasskeyList {
        available: available(&state.settings),
        passkeys: state
            .store
            .passkeys(me)
            .await?
            .into_iter()
            .map(|p| PasskeyView {
                id: p.id,
                name: p.name,
                created: reader.absolute(p.created_at),
                last_used: p.last_used_at.map(|at| reader.absolute(at)),
            })
            .collect(),
    })
}

/// Keeps a ceremony's state for `CEREMONY_LIFETIME`; returns the token that finishes it.
async fn keep_ceremony(
    state: &AppState,
    user: Option<UserId>,
    name: &str,
    ceremony: &impl serde::Serialize,
) -> Result<String, AppError> {
    let json = serde_json::to_string(ceremony).map_err(|e| damaged("ceremony", e))?;
    let token = auth::new_token();
    let now = Utc::now();
    state
        .store
        .insert_passkey_ceremony(
            &auth::token_hash(&token),
            user,
            name,
            &json,
            now,
            now + CEREMONY_LIFETIME,
        )
        .await?;
    Ok(token)
}

/// "Add a passkey" named `name`: the options for the browser to make one (a discoverable
/// credential with user verification; none of the caller's passkeys again).
pub async fn start_adding(
    state: &AppState,
    actor: &Actor,
    name: &str,
) -> Result<PasskeyCeremony, AppError> {
    let me = policy::require(actor, policy::can_change_own_settings)?;
    let name = clean_line(name);
    if name.is_empty() || name.chars().count() > NAME_MAX {
        return Err(AppError::field(
            "passkey_name",
            MessageKey::PasskeyNameRequired,
        ));
    }
    let webauthn = relying_party(&state.settings)
        .ok_or(AppError::field("_form", MessageKey::PasskeysUnavailable))?;
    let store = state.store.as_ref();
    let user = store.get_user(me).await?;
    let handle = match store.passkey_user_handle(me).await? {
        Some(handle) => Uuid::parse_str(&handle).map_err(|e| damaged("user handle", e))?,
        None => Uuid::new_v4(),
    };
    let mut existing = Vec::new();
    for row in store.passkeys(me).await? {
        let passkey: Passkey =
            serde_json::from_str(&row.credential).map_err(|e| damaged("passkey", e))?;
        existing.push(passkey.cred_id().clone());
    }
    let (options, registration) = webauthn
        .start_passkey_registration(handle, &user.email, &user.name, Some(existing))
        .map_err(|e| {
            tracing::error!(error = %e, "could not begin adding a passkey");
            AppError::Internal
        })?;
    // Discoverable: the sign-in page asks for no email, the authenticator says whose passkey it is.
    // (Only what the browser is asked for changes: webauthn-rs checks the answer the same way.)
    let mut options = serde_json::to_value(&options).map_err(|e| damaged("options", e))?;
    let selection = &mut options["publicKey"]["authenticatorSelection"];
    selection["residentKey"] = "required".into();
    selection["requireResidentKey"] = true.into();
    let token = keep_ceremony(state, Some(me), &name, &(handle, registration)).await?;
    Ok(PasskeyCeremony {
        token,
        options: options.to_string(),
    })
}

/// Finishes adding a passkey with the browser's answer (`credential`, the JSON of its
/// `PublicKeyCredential`) to the ceremony of `token`, which must be the caller's own.
pub async fn finish_adding(
    state: &AppState,
    actor: &Actor,
    token: &str,
    credential: &str,
) -> Result<(), AppError> {
    let me = policy::require(actor, policy::can_change_own_settings)?;
    let refused = || AppError::field("_form", MessageKey::PasskeyRefused);
    let store = state.store.as_ref();
    let ceremony = store
        .take_passkey_ceremony(&auth::token_hash(token), Utc::now())
        .await?
        .filter(|c| c.user_id == Some(me))
        .ok_or_else(refused)?;
    let (handle, registration): (Uuid, PasskeyRegistration) =
        serde_json::from_str(&ceremony.state).map_err(|e| damaged("ceremony", e))?;
    let webauthn = relying_party(&state.settings)
        .ok_or(AppError::field("_form", MessageKey::PasskeysUnavailable))?;
    let answer: RegisterPublicKeyCredential =
        serde_json::from_str(credential).map_err(|_| refused())?;
    let passkey = webauthn
        .finish_passkey_registration(&answer, &registration)
        .map_err(|e| {
            tracing::info!(user = %me, error = %e, "a new passkey was refused");
            refused()
        })?;
    let json = serde_json::to_string(&passkey).map_err(|e| damaged("passkey", e))?;
    let new = NewPasskey {
        user: me,
        credential_id: &URL_SAFE_NO_PAD.encode(passkey.cred_id()),
        user_handle: &handle.to_string(),
        name: &ceremony.name,
        credential: &json,
    };
    match store.insert_passkey(new, Utc::now()).await {
        Err(StoreError::Conflict { .. }) => {
            return Err(AppError::field("_form", MessageKey::PasskeyTaken));
        }
        other => other?,
    }
    let detail = format!("passkey={}", ceremony.name);
    audit::record(
        store,
        Some(me),
        AuditAction::PasskeyAdded,
        Some(me),
        &detail,
    )
    .await;
    tracing::info!(user = %me, "passkey added");
    Ok(())
}

/// Removes one of the caller's passkeys (`NotFound` for anyone else's).
pub async fn remove(state: &AppState, actor: &Actor, id: i64) -> Result<(), AppError> {
    let me = policy::require(actor, policy::can_change_own_settings)?;
    let store = state.store.as_ref();
    let name = store
        .passkeys(me)
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .map(|p| p.name)
        .ok_or(AppError::NotFound)?;
    if !store.delete_passkey(me, id).await? {
        return Err(AppError::NotFound);
    }
    let detail = format!("passkey={name}");
    audit::record(
        store,
        Some(me),
        AuditAction::PasskeyRemoved,
        Some(me),
        &detail,
    )
    .await;
    Ok(())
}

/// "Sign in with a passkey": the options for the browser to ask for any passkey of this portal.
/// `NotFound` where passkeys do not work; `RateLimited` past `MAX_BEGUN_PER_CLIENT` from one
/// address.
pub async fn start_sign_in(state: &AppState, client: &str) -> Result<PasskeyCeremony, AppError> {
    let webauthn = relying_party(&state.settings).ok_or(AppError::NotFound)?;
    let rate = (BEGUN_WINDOW, MAX_BEGUN_PER_CLIENT, None);
    throttle(
        &state.store,
        AttemptKind::PasskeySignIn,
        client,
        client,
        rate,
    )
    .await?;
    let (mut options, authentication) =
        webauthn.start_discoverable_authentication().map_err(|e| {
            tracing::error!(error = %e, "could not begin a passkey sign-in");
            AppError::Internal
        })?;
    // The button asks at once (a modal prompt), not when an email field offers it (conditional).
    options.mediation = None;
    let token = keep_ceremony(state, None, "", &authentication).await?;
    Ok(PasskeyCeremony {
        token,
        options: serde_json::to_string(&options).map_err(|e| damaged("options", e))?,
    })
}

/// Finishes a passkey sign-in with the browser's answer: the session of the passkey's person.
/// Every refusal (an unknown or removed passkey, a deactivated person, a bad signature, a used or
/// expired ceremony) answers the same.
pub async fn finish_sign_in(
    state: &AppState,
    token: &str,
    credential: &str,
    device: Option<&str>,
    client: &str,
) -> Result<SignedIn, AppError> {
    let refused = || AppError::field("_form", MessageKey::PasskeySignInFailed);
    let store = state.store.as_ref();
    let now = Utc::now();
    let ceremony = store
        .take_passkey_ceremony(&auth::token_hash(token), now)
        .await?
        .filter(|c| c.user_id.is_none())
        .ok_or_else(refused)?;
    let authentication: DiscoverableAuthentication =
        serde_json::from_str(&ceremony.state).map_err(|e| damaged("ceremony", e))?;
    let webauthn = relying_party(&state.settings).ok_or_else(refused)?;
    let answer: PublicKeyCredential = serde_json::from_str(credential).map_err(|_| refused())?;
    let (handle, credential_id) = webauthn
        .identify_discoverable_authentication(&answer)
        .map_err(|_| refused())?;
    let row = store
        .passkey_by_credential(&URL_SAFE_NO_PAD.encode(credential_id))
        .await?
        .filter(|row| row.user_handle == handle.to_string())
        .ok_or_else(refused)?;
    let mut passkey: Passkey =
        serde_json::from_str(&row.credential).map_err(|e| damaged("passkey", e))?;
    let result = webauthn
        .finish_discoverable_authentication_v2(&answer, authentication, &passkey)
        .map_err(|e| {
            tracing::info!(user = %row.user_id, error = %e, "a passkey sign-in was refused");
            refused()
        })?;
    passkey.update_credential(&result);
    let json = serde_json::to_string(&passkey).map_err(|e| damaged("passkey", e))?;
    store.passkey_used(row.id, &json, now).await?;
    let user = store.get_user(row.user_id).await?;
    let account = Account {
        user: user.id,
        role: user.role,
        must_change_password: false,
    };
    open_session(state, account, device, "passkey", client).await
}
