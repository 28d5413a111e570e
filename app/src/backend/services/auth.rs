//! Signing in and out.
use crate::backend::auth::{self, ABSOLUTE};
use crate::backend::passwords;
use crate::backend::services::{audit, two_factor};
use crate::backend::state::AppState;
use crate::backend::store::{AttemptKind, LimitScope, Slot, SlotAsk, Store};
use crate::domain::audit::AuditAction;
use crate::domain::{Role, normalize_email};
use crate::error::AppError;
use crate::messages::MessageKey;
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

/// What a sign-in form brings.
#[derive(Debug, Clone, Copy)]
pub struct SignInAttempt<'a> {
    /// The username as typed.
    pub email: &'a str,
    /// The password as typed.
    pub password: &'a str,
    /// The client address key (`auth::ClientAddr`).
    pub client: &'a str,
    /// The browser's device cookie, if it has one.
    pub device: Option<&'a str>,
    /// The browser's current session cookie, which a new sign-in ends.
    pub previous_session: Option<&'a str>,
}

/// A successful sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    /// Who signed in.
    pub user: crate::domain::UserId,
    /// The new session's cookie token.
    pub token: String,
    /// How long the session lasts at most (staff sessions are shorter).
    pub lifetime: chrono::Duration,
    /// Signed in with a temporary password: only "set a new password" is reachable.
    pub must_change_password: bool,
    /// A new device token for the browser's device cookie, when it had none for this person.
    pub new_device: Option<String>,
}

/// Checks the password (or an unexpired temporary password) and opens a session, or, for someone
/// with two-factor sign-in, leaves the sign-in waiting for its code (`SignInStep`). Unknown,
/// deactivated and password-less accounts cost the same argon2 work as a wrong password and answer
/// the same.
///
/// The throttle takes its slot before any password is checked, counting and recording in one step
/// (`SecurityStore::take_slot`), so of 30 parallel guesses only the limit's worth are verified and
/// the rest answer `RateLimited(seconds)` without touching argon2; a verified wrong password keeps
/// its row as the failure, a right one clears the pair's rows. A browser this person signed in from before (its device
/// cookie) counts its failures on its own, so neither a stranger hammering the email nor others
/// behind the same address can lock the owner out of their own device.
pub async fn sign_in(state: &AppState, attempt: SignInAttempt<'_>) -> Result<SignInStep, AppError> {
    let store = state.store.as_ref();
    let failed = || AppError::field("_form", MessageKey::SignInFailed);
    let key = normalize_email(attempt.email).unwrap_or_else(|| attempt.email.trim().to_lowercase());
    let now = Utc::now();
    let user = match normalize_email(attempt.email) {
        Some(email) => store.find_sign_in_user(&email).await?,
        None => None,
    };
    let device_hash = attempt.device.map(auth::token_hash);
    let known_device = match (&device_hash, &user) {
        (Some(hash), Some(u)) => store.device_user(hash, now).await? == Some(u.id),
        _ => false,
    };
    let client = match &device_hash {
        Some(hash) if known_device => format!("device:{}", &hash[..16]),
        _ => attempt.client.to_string(),
    };
    let kind = AttemptKind::SignIn;
    let limits: &[(LimitScope, i64)] = if known_device {
        &[(LimitScope::Pair, MAX_FAILURES_PER_PAIR)]
    } else {
        &[
            (LimitScope::Pair, MAX_FAILURES_PER_PAIR),
            (LimitScope::Subject, MAX_FAILURES_PER_EMAIL),
            (LimitScope::Client, MAX_FAILURES_PER_CLIENT),
        ]
    };
    let slot = store
        .take_slot(&SlotAsk {
            kind,
            subject: &key,
            client: &client,
            at: now,
            since: now - FAILURE_WINDOW,
            limits,
        })
        .await?;
    taken(slot, FAILURE_WINDOW, now)?;
    let usable = user.as_ref().filter(|u| u.active);
    let phc = usable
        .and_then(|u| u.password_hash.clone())
        .unwrap_or_else(|| dummy_hash().to_string());
    let temp_phc = usable
        .filter(|u| u.temp_password_expires_at.is_some_and(|at| at > now))
        .and_then(|u| u.temp_password_hash.clone())
        .unwrap_or_else(|| dummy_hash().to_string());
    // Both checks always run, side by side: the time taken says nothing about which one exists.
    let (real_ok, temp_ok) = tokio::join!(
        passwords::verify(attempt.password.to_string(), phc),
        passwords::verify(attempt.password.to_string(), temp_phc)
    );
    let user = match usable {
        Some(u) if real_ok && u.password_hash.is_some() => u,
        Some(u)
            if temp_ok
                && u.temp_password_hash.is_some()
                && u.temp_password_expires_at.is_some_and(|at| at > now) =>
        {
            u
        }
        // The slot stays: it is the failure that later attempts count.
        _ => {
            if let Some(u) = &user {
                // Off the answer's path: an existing account must not answer slower.
                let store = state.store.clone();
                let id = u.id;
                let client = auth::client_addr();
                tokio::spawn(async move {
                    audit::record_from(
                        &store,
                        None,
                        AuditAction::SignInFailed,
                        Some(id),
                        "",
                        &client,
                    )
                    .await;
                });
            }
            return Err(failed());
        }
    };
    let must_change_password = !(real_ok && user.password_hash.is_some());
    store.clear_attempts(kind, &key, &client).await?;
    if !must_change_password && user.temp_password_hash.is_some() {
        // They remembered their password: the temporary one in their mailbox is only a risk now.
        store.clear_temp_password(user.id).await?;
    }
    if let Some(previous) = attempt.previous_session {
        // Signing in again ends whatever session this browser had (another person's, say).
        store.delete_session(&auth::token_hash(previous)).await?;
    }
    let account = Account {
        user: user.id,
        role: user.role,
        must_change_password,
    };
    after_first_factor(state, account, attempt.device, "", attempt.client).await
}

/// Whose session a sign-in opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Account {
    /// The person.
    pub user: crate::domain::UserId,
    /// Their role (staff sessions are shorter).
    pub role: Role,
    /// Signed in with a temporary password: only "set a new password" is reachable.
    pub must_change_password: bool,
}

/// Where a right password leads: a session, or first the second factor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInStep {
    /// Signed in.
    Session(SignedIn),
    /// The person gives a code from their authenticator app (or sets one up, `enrol`) first; the
    /// token goes into the challenge cookie.
    SecondFactor {
        /// The challenge cookie's token.
        token: String,
    },
}

/// Opens the session of a person whose password was right (or whom an identity provider vouched
/// for, `via` naming it for the audit log), unless they must give a second factor first
/// (`services::two_factor`): every way to a session passes here.
pub async fn after_first_factor(
    state: &AppState,
    account: Account,
    device: Option<&str>,
    via: &str,
    client: &str,
) -> Result<SignInStep, AppError> {
    let store = state.store.as_ref();
    match two_factor::second_step(store, account.user, account.role).await? {
        Some(enrol) => {
            let token =
                two_factor::challenge(store, account.user, account.must_change_password, enrol)
                    .await?;
            tracing::info!(user = %account.user, enrol, "password right, second factor next");
            Ok(SignInStep::SecondFactor { token })
        }
        None => Ok(SignInStep::Session(
            open_session(state, account, device, via, client).await?,
        )),
    }
}

/// Opens a session for `account` (and marks this browser a known device of theirs if it was not);
/// `how` goes into the audit log's line ("two-factor", "provider=NAME", or "" for a password), with
/// the `client` address.
pub async fn open_session(
    state: &AppState,
    account: Account,
    device: Option<&str>,
    how: &str,
    client: &str,
) -> Result<SignedIn, AppError> {
    let store = state.store.as_ref();
    let lifetime = if account.role == Role::Customer {
        ABSOLUTE
    } else {
        state.settings.staff_session_lifetime
    };
    let token = auth::new_token();
    let now = Utc::now();
    store
        .insert_session(
            &auth::token_hash(&token),
            account.user,
            now,
            now + lifetime,
            account.must_change_password,
        )
        .await?;
    let known_device = match device {
        Some(device) => {
            store.device_user(&auth::token_hash(device), now).await? == Some(account.user)
        }
        None => false,
    };
    let new_device = if known_device {
        None
    } else {
        let device = auth::new_token();
        store
            .insert_device(&auth::token_hash(&device), account.user, now)
            .await?;
        Some(device)
    };
    let me = Some(account.user);
    audit::record_from(store, me, AuditAction::SignIn, me, how, client).await;
    tracing::info!(user = %account.user, temporary = account.must_change_password, "signed in");
    Ok(SignedIn {
        user: account.user,
        token,
        lifetime,
        must_change_password: account.must_change_password,
        new_device,
    })
}

/// The second step of a sign-in: the code for the challenge of `token`, then the session (with the
/// recovery codes to show once, for a staff member who just set up their app).
pub async fn pass_second_factor(
    state: &AppState,
    token: &str,
    code: &str,
    device: Option<&str>,
) -> Result<(SignedIn, Option<Vec<String>>), AppError> {
    let passed = two_factor::pass(state.store.as_ref(), token, code).await?;
    let account = Account {
        user: passed.challenge.user_id,
        role: passed.challenge.role,
        must_change_password: passed.challenge.must_change_password,
    };
    Ok((
        open_session(state, account, device, "two-factor", &auth::client_addr()).await?,
        passed.new_codes,
    ))
}

/// The id of a taken slot, or `RateLimited(seconds until the window frees up)` for a full one.
fn taken(
    slot: Slot,
    window: chrono::Duration,
    now: chrono::DateTime<Utc>,
) -> Result<i64, AppError> {
    match slot {
        Slot::Taken(id) => Ok(id),
        Slot::Full { oldest } => Err(rate_limited(oldest, window, now)),
    }
}

/// `RateLimited` with the seconds until the oldest counted attempt (`None`: the whole window)
/// leaves the window.
pub fn rate_limited(
    oldest: Option<chrono::DateTime<Utc>>,
    window: chrono::Duration,
    now: chrono::DateTime<Utc>,
) -> AppError {
    let wait = oldest
        .map_or(window, |o| o + window - now)
        .num_seconds()
        .max(1);
    AppError::RateLimited(u64::try_from(wait).unwrap_or(1))
}

/// A throttle's rate: its window, at most this many per subject, and per client (`None`: no such
/// limit).
pub type Rate = (chrono::Duration, i64, Option<i64>);

/// The limits of `rate`, as [`SlotAsk::limits`] takes them.
pub fn rate_limits((_, max_subject, max_client): Rate) -> Vec<(LimitScope, i64)> {
    let mut limits = vec![(LimitScope::Subject, max_subject)];
    if let Some(max) = max_client {
        limits.push((LimitScope::Client, max));
    }
    limits
}

/// Takes a slot of `kind` for `subject` from `client` within `window`, at most `max_subject` per
/// subject and `max_client` per client (`None`: no such limit), or answers `RateLimited`. The one
/// throttle of every write that one account or address could repeat to flood others (reset
/// emails, comments, cases, uploads) or to guess (passwords). Returns the slot's id. (A new case
/// asks the same question inside its own transaction: `Store::insert_case`.)
pub async fn throttle(
    store: &Store,
    kind: AttemptKind,
    subject: &str,
    client: &str,
    rate: Rate,
) -> Result<i64, AppError> {
    let now = Utc::now();
    let slot = store
        .take_slot(&SlotAsk {
            kind,
            subject,
            client,
            at: now,
            since: now - rate.0,
            limits: &rate_limits(rate),
        })
        .await?;
    taken(slot, rate.0, now)
}

/// "Forgot password" requests of one email within `RESET_WINDOW` before it must wait.
pub const MAX_RESETS_PER_EMAIL: i64 = 3;
/// "Forgot password" requests from one client address within `RESET_WINDOW`.
pub const MAX_RESETS_PER_CLIENT: i64 = 10;
/// The window reset requests are counted over.
pub const RESET_WINDOW: chrono::Duration = chrono::Duration::hours(1);

/// "Forgot password": queues a temporary password for `email`. Whether or not anyone has that
/// address, the answer is the same and takes the same work (one recorded request, one queued job);
/// the outbox worker finds out, later, whether there is someone to email. Rate limited per email
/// (so nobody can flood a mailbox) and per client address.
pub async fn request_password_reset(
    store: &Store,
    email: &str,
    client: &str,
) -> Result<(), AppError> {
    let email =
        normalize_email(email).ok_or_else(|| AppError::field("email", MessageKey::EmailInvalid))?;
    throttle(
        store,
        AttemptKind::PasswordReset,
        &email,
        client,
        (
            RESET_WINDOW,
            MAX_RESETS_PER_EMAIL,
            Some(MAX_RESETS_PER_CLIENT),
        ),
    )
    .await?;
    let now = Utc::now();
    let job = crate::backend::jobs::Job::PasswordReset { email };
    store.enqueue(&job, now).await?;
    Ok(())
}

/// A new password typed twice.
#[derive(Debug, Clone)]
pub struct NewPassword {
    /// The new password.
    pub new: String,
    /// Again.
    pub confirm: String,
}

fn check_new(form: &NewPassword, email: &str, name: &str) -> Result<(), AppError> {
    let mut errors = crate::error::FieldErrors::new();
    if let Err(key) = passwords::check_new_password(&form.new, &[email, name]) {
        crate::error::add_field_error(&mut errors, "new_password", key);
    }
    if form.confirm != form.new {
        crate::error::add_field_error(
            &mut errors,
            "confirm_password",
            MessageKey::PasswordMismatch,
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

async fn hash_new(password: String) -> Result<String, AppError> {
    passwords::hash(password).await.map_err(|e| {
        tracing::error!(error = %e, "hashing a password");
        AppError::Internal
    })
}

/// After signing in with a temporary password: sets the new password, drops the temporary one,
/// ends every other session and lets this one go everywhere again. Only for such a session.
pub async fn set_new_password(
    store: &Store,
    me: &auth::Authenticated,
    form: NewPassword,
) -> Result<(), AppError> {
    if !me.user.must_change_password {
        return Err(AppError::Forbidden);
    }
    check_new(&form, &me.user.email, &me.user.name)?;
    let hash = hash_new(form.new).await?;
    store
        .update_password(me.user.id, &hash, Some(me.session_id))
        .await?;
    let who = Some(me.user.id);
    audit::record(store, who, AuditAction::PasswordChanged, who, "").await;
    tracing::info!(user = %me.user.id, "temporary password replaced");
    Ok(())
}

/// The person a set-password link is for, if the link can still be used.
pub async fn password_link_user(
    store: &Store,
    token: &str,
) -> Result<crate::backend::store::UserRow, AppError> {
    store
        .find_password_token_user(&auth::token_hash(token), Utc::now())
        .await?
        .ok_or(AppError::NotFound)
}

/// Uses a set-password link: sets the password (ending every session and link of the person) and
/// signs in; returns the new session's token. An unknown, used or expired link is the form error
/// `error_link_invalid`.
pub async fn redeem_password_link(
    state: &AppState,
    token: &str,
    form: NewPassword,
) -> Result<SignInStep, AppError> {
    let store = state.store.as_ref();
    let invalid = || AppError::field("_form", MessageKey::LinkInvalid);
    let user = password_link_user(store, token)
        .await
        .map_err(|_| invalid())?;
    check_new(&form, &user.email, &user.name)?;
    let hash = hash_new(form.new).await?;
    let now = Utc::now();
    let Some(user_id) = store
        .redeem_password_token(&auth::token_hash(token), &hash, now)
        .await?
    else {
        return Err(invalid());
    };
    let who = Some(user_id);
    audit::record(store, who, AuditAction::PasswordChanged, who, "link").await;
    tracing::info!(user = %user_id, "password set from a link");
    let account = Account {
        user: user_id,
        role: user.role,
        must_change_password: false,
    };
    // A link in a mailbox is no second factor: one set up still asks for its code.
    after_first_factor(state, account, None, "", &auth::client_addr()).await
}

/// Ends the session of `token`.
pub async fn sign_out(store: &Store, token: &str) -> Result<(), AppError> {
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
    store: &Store,
    me: &auth::Authenticated,
    form: PasswordChange,
) -> Result<u64, AppError> {
    let user = store.get_user(me.user.id).await?;
    // Guessing the current password (someone at an unlocked screen) is throttled like sign-in.
    let slot = throttle(
        store,
        AttemptKind::PasswordCheck,
        &user.id.to_string(),
        "any",
        (FAILURE_WINDOW, MAX_FAILURES_PER_PAIR, None),
    )
    .await?;
    let phc = user
        .password_hash
        .clone()
        .unwrap_or_else(|| dummy_hash().to_string());
    let current_ok =
        passwords::verify(form.current.clone(), phc).await && user.password_hash.is_some();
    if current_ok {
        store.release_attempt(slot).await?;
    }
    let mut errors = crate::error::FieldErrors::new();
    let mut add =
        |field: &str, key: MessageKey| crate::error::add_field_error(&mut errors, field, key);
    if !current_ok {
        add("current_password", MessageKey::PasswordWrong);
    }
    if let Err(key) = passwords::check_new_password(&form.new, &[&user.email, &user.name]) {
        add("new_password", key);
    } else if current_ok && form.new == form.current {
        add("new_password", MessageKey::PasswordSame);
    }
    if form.confirm != form.new {
        add("confirm_password", MessageKey::PasswordMismatch);
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
    let who = Some(user.id);
    audit::record(store, who, AuditAction::PasswordChanged, who, "").await;
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
