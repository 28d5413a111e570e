//! Two-factor sign-in: an authenticator app (TOTP, RFC 6238: six digits every 30 seconds, one step
//! of clock drift either way, each step accepted once) and ten single-use recovery codes (only
//! their SHA-256 kept). Anyone may turn it on from their account; admins may require it of staff,
//! who then set it up at their next sign-in. A sign-in that needs it opens no session until the
//! code is right: the password step leaves a challenge (`sign_in_challenges`, a 10-minute cookie),
//! and wrong codes are throttled per person. Every way to a session (the password, a temporary
//! password from "forgot password", a set-password link) goes through the same challenge.
use crate::backend::auth::{self, Actor};
use crate::backend::services::audit;
use crate::backend::services::auth::{FAILURE_WINDOW, MAX_FAILURES_PER_PAIR, throttle};
use crate::backend::store::{AttemptKind, ChallengeRow, Store, TotpRow};
use crate::backend::{policy, state::AppState};
use crate::domain::audit::AuditAction;
use crate::domain::two_factor::{
    RECOVERY_CODES, TotpSetup, TwoFactorView, grouped, normalize_code,
};
use crate::domain::{Role, UserId};
use crate::error::AppError;
use crate::messages::MessageKey;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;

/// The setting that makes two-factor sign-in required of staff ("on").
pub const REQUIRE_FOR_STAFF: &str = "require_staff_two_factor";
/// How long the second step of a sign-in may wait.
pub const CHALLENGE_LIFETIME: Duration = Duration::minutes(10);
/// The name authenticator apps show beside the account.
const ISSUER: &str = "Portico";

/// The TOTP of a base32 secret (SHA-1, six digits, 30-second steps, one step of drift: what every
/// authenticator app reads from a QR code).
fn totp(secret: &str) -> Result<totp_rs::Totp, AppError> {
    let secret = totp_rs::Secret::try_from_base32(secret).map_err(|e| {
        tracing::error!(error = ?e, "a stored TOTP secret is not base32");
        AppError::Internal
    })?;
    totp_rs::Builder::new()
        .with_secret(secret)
        .build()
        .map_err(|e| {
            tracing::error!(error = ?e, "a stored TOTP secret is unusable");
            AppError::Internal
        })
}

/// A new secret: 160 random bits, base32 (RFC 4226's recommended length).
fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    totp_rs::Secret::from(bytes).to_base32()
}

/// The `otpauth://` address an authenticator app reads from the QR code.
fn otpauth_url(secret: &str, email: &str) -> String {
    use crate::domain::encode_query_value as enc;
    format!(
        "otpauth://totp/{ISSUER}:{}?secret={secret}&issuer={ISSUER}&algorithm=SHA1&digits=6&period=30",
        enc(email)
    )
}

/// The QR code of `text` as an inline SVG element (no XML prolog; black on white, quiet zone
/// included).
fn qr_svg(text: &str) -> Result<String, AppError> {
    let code = qrcode::QrCode::new(text.as_bytes()).map_err(|e| {
        tracing::error!(error = %e, "making a QR code");
        AppError::Internal
    })?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    Ok(svg
        .find("<svg")
        .map_or(svg.clone(), |start| svg[start..].to_string()))
}

/// What the setup page shows of `row` for `email`.
fn setup_of(row: &TotpRow, email: &str) -> Result<TotpSetup, AppError> {
    Ok(TotpSetup {
        qr_svg: qr_svg(&otpauth_url(&row.secret, email))?,
        secret: grouped(&row.secret),
    })
}

/// Ten new recovery codes (`xxxxx-xxxxx`, 50 random bits each, in letters and digits that cannot
/// be mistaken for each other) and their hashes.
fn new_recovery_codes() -> (Vec<String>, Vec<String>) {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    let codes: Vec<String> = (0..RECOVERY_CODES)
        .map(|_| {
            let chars: String = (0..10)
                .map(|_| ALPHABET[(rng.next_u32() as usize) % ALPHABET.len()] as char)
                .collect();
            format!("{}-{}", &chars[..5], &chars[5..])
        })
        .collect();
    let hashes = codes.iter().map(|c| recovery_hash(c)).collect();
    (codes, hashes)
}

/// What is stored of a recovery code, however it was typed.
fn recovery_hash(code: &str) -> String {
    auth::token_hash(&normalize_code(code))
}

/// The time step a six-digit `code` is right for (now, or one step either side), if any.
fn step_of(row: &TotpRow, code: &str, now: DateTime<Utc>) -> Result<Option<i64>, AppError> {
    let code = normalize_code(code);
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    let time = u64::try_from(now.timestamp()).unwrap_or(0);
    Ok(totp(&row.secret)?
        .check(&code, time)
        .and_then(|step| i64::try_from(step).ok()))
}

/// The field error of a wrong code.
fn wrong_code() -> AppError {
    AppError::field("code", MessageKey::CodeWrong)
}

/// Whether staff must use two-factor sign-in.
pub async fn required_for_staff(store: &Store) -> Result<bool, AppError> {
    Ok(store.setting(REQUIRE_FOR_STAFF).await?.as_deref() == Some("on"))
}

/// Whether `user` (with `role`) must give a second factor to sign in: `None` when not, else
/// whether they set up their app first (`true`: staff whom the admins require it of, without one).
pub async fn second_step(
    store: &Store,
    user: UserId,
    role: Role,
) -> Result<Option<bool>, AppError> {
    if store
        .totp(user)
        .await?
        .is_some_and(|t| t.confirmed_at.is_some())
    {
        return Ok(Some(false));
    }
    if role != Role::Customer && required_for_staff(store).await? {
        return Ok(Some(true));
    }
    Ok(None)
}

/// Takes a slot for one guess of `user`'s code: five wrong ones in 15 minutes, whoever guesses,
/// and the person must wait (`RateLimited`). A right code gives its slot back.
async fn guess(store: &Store, user: UserId) -> Result<i64, AppError> {
    throttle(
        store,
        AttemptKind::SecondFactor,
        &user.to_string(),
        "any",
        (FAILURE_WINDOW, MAX_FAILURES_PER_PAIR, None),
    )
    .await
}

/// The person's confirmed app (`NotFound`: two-factor sign-in is off).
async fn confirmed_app(store: &Store, user: UserId) -> Result<TotpRow, AppError> {
    store
        .totp(user)
        .await?
        .filter(|r| r.confirmed_at.is_some())
        .ok_or(AppError::NotFound)
}

/// Checks `code` (from the app, or a recovery code unless `app_only`) for `user`, throttled: after
/// five wrong codes in 15 minutes the person must wait, whoever is guessing. An app code counts
/// once; a recovery code is used up.
async fn check_code(
    store: &Store,
    user: UserId,
    row: &TotpRow,
    code: &str,
    app_only: bool,
) -> Result<(), AppError> {
    let slot = guess(store, user).await?;
    let now = Utc::now();
    let right = match step_of(row, code, now)? {
        Some(step) => store.take_totp_step(user, step).await?,
        None if app_only => false,
        None => {
            let typed = normalize_code(code);
            typed.len() == 10
                && store
                    .use_recovery_code(user, &recovery_hash(&typed), now)
                    .await?
        }
    };
    if !right {
        // The slot stays: it is the failure later guesses count.
        return Err(wrong_code());
    }
    store.release_attempt(slot).await?;
    Ok(())
}

/// Confirms the app `user` is setting up with its first `code` (throttled like any code); returns
/// their ten new recovery codes, to show once.
async fn confirm(store: &Store, user: UserId, code: &str) -> Result<Vec<String>, AppError> {
    let row = store.totp(user).await?.ok_or(AppError::NotFound)?;
    if row.confirmed_at.is_some() {
        return Err(AppError::Conflict);
    }
    let slot = guess(store, user).await?;
    let now = Utc::now();
    let Some(step) = step_of(&row, code, now)? else {
        return Err(wrong_code());
    };
    store.release_attempt(slot).await?;
    let (codes, hashes) = new_recovery_codes();
    if !store.confirm_totp(user, step, &hashes, now).await? {
        return Err(AppError::Conflict);
    }
    audit::record(store, Some(user), AuditAction::TwoFactorOn, Some(user), "").await;
    tracing::info!(user = %user, "two-factor sign-in turned on");
    Ok(codes)
}

/// The caller's two-factor sign-in, for their account page.
pub async fn view(store: &Store, actor: &Actor, email: &str) -> Result<TwoFactorView, AppError> {
    let me = policy::require(actor, policy::can_change_own_settings)?;
    let row = store.totp(me).await?;
    let enabled = row.as_ref().is_some_and(|r| r.confirmed_at.is_some());
    let setup = match &row {
        Some(r) if r.confirmed_at.is_none() => Some(setup_of(r, email)?),
        _ => None,
    };
    Ok(TwoFactorView {
        enabled,
        required: matches!(actor, Actor::Staff { .. }) && required_for_staff(store).await?,
        codes_left: if enabled {
            store.unused_recovery_codes(me).await?
        } else {
            0
        },
        setup,
    })
}

/// "Set up": a new secret for the caller's app (replacing one never confirmed). `Conflict` when it
/// is on already.
pub async fn start(store: &Store, actor: &Actor) -> Result<(), AppError> {
    let me = policy::require(actor, policy::can_change_own_settings)?;
    if !store
        .put_pending_totp(me, &new_secret(), Utc::now())
        .await?
    {
        return Err(AppError::Conflict);
    }
    Ok(())
}

/// Turns it on with the app's first code; returns the recovery codes, to show once.
pub async fn turn_on(store: &Store, actor: &Actor, code: &str) -> Result<Vec<String>, AppError> {
    let me = policy::require(actor, policy::can_change_own_settings)?;
    confirm(store, me, code).await
}

/// Turns it off, with a code from the app or a recovery code; refused (`Forbidden`) to staff while
/// the admins require it.
pub async fn turn_off(store: &Store, actor: &Actor, code: &str) -> Result<(), AppError> {
    let me = policy::require(actor, policy::can_change_own_settings)?;
    if matches!(actor, Actor::Staff { .. }) && required_for_staff(store).await? {
        return Err(AppError::field("code", MessageKey::TwoFactorRequired));
    }
    let row = confirmed_app(store, me).await?;
    check_code(store, me, &row, code, false).await?;
    store.delete_totp(me).await?;
    audit::record(store, Some(me), AuditAction::TwoFactorOff, Some(me), "").await;
    tracing::info!(user = %me, "two-factor sign-in turned off");
    Ok(())
}

/// New recovery codes (the old ones stop working), with a code from the app.
pub async fn renew_codes(
    store: &Store,
    actor: &Actor,
    code: &str,
) -> Result<Vec<String>, AppError> {
    let me = policy::require(actor, policy::can_change_own_settings)?;
    let row = confirmed_app(store, me).await?;
    check_code(store, me, &row, code, true).await?;
    let (codes, hashes) = new_recovery_codes();
    store.replace_recovery_codes(me, &hashes).await?;
    audit::record(
        store,
        Some(me),
        AuditAction::RecoveryCodesRenewed,
        Some(me),
        "",
    )
    .await;
    Ok(codes)
}

/// Keeps a sign-in whose password was right waiting for its second factor; returns the token for
/// the browser's challenge cookie. For someone who must set up their app first, a new secret is
/// made (replacing one never confirmed).
pub async fn challenge(
    store: &Store,
    user: UserId,
    must_change_password: bool,
    enrol: bool,
) -> Result<String, AppError> {
    let now = Utc::now();
    if enrol {
        store.put_pending_totp(user, &new_secret(), now).await?;
    }
    let token = auth::new_token();
    store
        .insert_challenge(
            &auth::token_hash(&token),
            user,
            must_change_password,
            enrol,
            now,
            now + CHALLENGE_LIFETIME,
        )
        .await?;
    Ok(token)
}

/// The waiting sign-in of a challenge cookie (`NotFound`: none, expired, or its person
/// deactivated), with the setup to show when its person sets up their app first.
pub async fn waiting(
    store: &Store,
    token: &str,
) -> Result<(ChallengeRow, Option<TotpSetup>), AppError> {
    let challenge = store
        .find_challenge(&auth::token_hash(token), Utc::now())
        .await?
        .ok_or(AppError::NotFound)?;
    let setup = if challenge.enrol {
        let row = store
            .totp(challenge.user_id)
            .await?
            .ok_or(AppError::NotFound)?;
        Some(setup_of(&row, &challenge.email)?)
    } else {
        None
    };
    Ok((challenge, setup))
}

/// What the second step of a sign-in ends with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passed {
    /// The waiting sign-in, now ended: the session to open is its person's.
    pub challenge: ChallengeRow,
    /// Recovery codes to show once (a staff member who just set up their app).
    pub new_codes: Option<Vec<String>>,
}

/// The second step: `code` for the waiting sign-in of `token`. `NotFound` when it expired or was
/// used (the page asks to sign in again); a wrong code is the field error `code`, throttled.
pub async fn pass(store: &Store, token: &str, code: &str) -> Result<Passed, AppError> {
    let challenge = store
        .find_challenge(&auth::token_hash(token), Utc::now())
        .await?
        .ok_or(AppError::NotFound)?;
    let user = challenge.user_id;
    let new_codes = if challenge.enrol {
        Some(confirm(store, user, code).await?)
    } else {
        let row = confirmed_app(store, user).await?;
        check_code(store, user, &row, code, false).await?;
        None
    };
    if !store.delete_challenge(challenge.id).await? {
        return Err(AppError::NotFound);
    }
    Ok(Passed {
        challenge,
        new_codes,
    })
}

/// Admins: whether staff must use two-factor sign-in.
pub async fn set_required_for_staff(
    state: &AppState,
    actor: &Actor,
    required: bool,
) -> Result<(), AppError> {
    let me = policy::require(actor, policy::can_change_settings)?;
    let value = if required { "on" } else { "off" };
    audit::set_setting(&state.store, me, REQUIRE_FOR_STAFF, value).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_are_ten_different_and_read_however_typed() {
        let (codes, hashes) = new_recovery_codes();
        assert_eq!(codes.len(), 10);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10);
        for (code, hash) in codes.iter().zip(&hashes) {
            assert_eq!(code.len(), 11, "{code}");
            assert_eq!(&recovery_hash(&code.to_uppercase().replace('-', " ")), hash);
            assert_ne!(code, hash);
        }
    }

    #[test]
    fn codes_of_the_current_and_neighbouring_steps_are_right() {
        let row = TotpRow {
            secret: new_secret(),
            confirmed_at: None,
            last_step: 0,
        };
        let now = Utc::now();
        let app = totp(&row.secret).expect("totp");
        let t = u64::try_from(now.timestamp()).expect("time");
        let step = i64::try_from(t / 30).expect("step");
        let code = app.generate(t).to_string();
        assert_eq!(step_of(&row, &code, now).expect("check"), Some(step));
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert_eq!(step_of(&row, &spaced, now).expect("check"), Some(step));
        let earlier = app.generate(t - 30).to_string();
        assert_eq!(step_of(&row, &earlier, now).expect("check"), Some(step - 1));
        let stale = app.generate(t - 120).to_string();
        assert_eq!(step_of(&row, &stale, now).expect("check"), None);
        assert_eq!(step_of(&row, "12345", now).expect("check"), None);
    }

    #[test]
    fn the_qr_code_is_an_svg_of_the_otpauth_address() {
        let url = otpauth_url("JBSWY3DPEHPK3PXP", "anna@acme.example");
        assert_eq!(
            url,
            "otpauth://totp/Portico:anna%40acme.example?secret=JBSWY3DPEHPK3PXP&issuer=Portico\
             &algorithm=SHA1&digits=6&period=30"
        );
        let svg = qr_svg(&url).expect("svg");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{svg}");
    }
}
