//! The ways in: the support contact details (admins set them; `PORTICO_SUPPORT_PHONE` and
//! `PORTICO_SUPPORT_ADDRESS` are the defaults) and requests for portal access, from the sign-in
//! page or from a contact for a colleague, which staff approve (the contact is created within the
//! company's limit and welcomed) or decline with a reason.
//!
//! No answer says whether an address already has an account: a request is always recorded the
//! same way and acknowledged by email later, by the outbox worker, which writes "you already have
//! access" instead to an address that has it.
use crate::backend::auth::Actor;
use crate::backend::jobs::{self, Job};
use crate::backend::state::AppState;
use crate::backend::store::{
    AccessRequestRow, AttemptKind, JobFor, NewAccessRequest, NewUser, SUPPORT_EMAIL, SUPPORT_PHONE,
    StoreError,
};
use crate::backend::{policy, services};
use crate::domain::support::{
    AccessRequestStatus, AccessRequestView, AccessRequests, MESSAGE_MAX, REASON_MAX, SupportContact,
};
use crate::domain::{AccessRequestId, AccountId, Language, Role, UserId, normalize_email};
use crate::error::{AppError, FieldErrors, add_field_error};
use crate::messages::MessageKey;
use chrono::Utc;

/// Requests for one address within a day (each is acknowledged by email: no mailbox is flooded).
pub const REQUESTS_PER_ADDRESS: i64 = 3;
/// Requests from one client address within a day.
pub const REQUESTS_PER_CLIENT: i64 = 20;

/// How to reach support: the admins' settings, else the configured defaults.
pub async fn contact(state: &AppState) -> Result<SupportContact, AppError> {
    let phone = match state.store.setting(SUPPORT_PHONE).await? {
        Some(set) => set,
        None => state.settings.support_phone.clone().unwrap_or_default(),
    };
    let email = match state.store.setting(SUPPORT_EMAIL).await? {
        Some(set) => set,
        None => configured_email(state),
    };
    Ok(SupportContact { phone, email })
}

/// The address part of `PORTICO_SUPPORT_ADDRESS` (`Support <support@example.com>`).
fn configured_email(state: &AppState) -> String {
    state
        .settings
        .support_address
        .as_deref()
        .and_then(|a| a.parse::<lettre::message::Mailbox>().ok())
        .map(|m| m.email.to_string())
        .unwrap_or_default()
}

/// The contact details as admins edit them.
pub async fn settings(state: &AppState, actor: &Actor) -> Result<SupportContact, AppError> {
    policy::require(actor, policy::can_change_settings)?;
    contact(state).await
}

/// Saves the contact details (admins). Empty hides one; a phone of at most 50 characters, an
/// email address that is one.
pub async fn save_settings(
    state: &AppState,
    actor: &Actor,
    phone: &str,
    email: &str,
) -> Result<(), AppError> {
    policy::require(actor, policy::can_change_settings)?;
    let mut errors = FieldErrors::new();
    let phone = phone.trim();
    if phone.chars().count() > 50 || phone.chars().any(char::is_control) {
        add_field_error(&mut errors, "phone", MessageKey::PhoneInvalid);
    }
    let email = email.trim();
    let email = if email.is_empty() {
        Some(String::new())
    } else {
        normalize_email(email)
    };
    if email.is_none() {
        add_field_error(&mut errors, "email", MessageKey::EmailInvalid);
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let me = actor.signed_in()?;
    services::audit::set_setting(&state.store, me, SUPPORT_PHONE, phone).await?;
    services::audit::set_setting(&state.store, me, SUPPORT_EMAIL, &email).await?;
    Ok(())
}

/// A request for access as typed.
#[derive(Debug, Clone, Default)]
pub struct AccessRequestInput {
    /// Full name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Company (ignored for a colleague: theirs is the asker's).
    pub company: String,
    /// Message.
    pub message: String,
}

impl AccessRequestInput {
    /// The fields by name, for a draft of the form.
    pub fn typed(&self) -> [(&'static str, &str); 4] {
        [
            ("name", self.name.as_str()),
            ("email", self.email.as_str()),
            ("company", self.company.as_str()),
            ("message", self.message.as_str()),
        ]
    }
}

/// Records a request for access: someone without an account for themselves, or a customer for a
/// colleague (their own company). The same answer whoever the address belongs to; the outbox
/// worker acknowledges it by email ([`acknowledge`]). Rate limited per address and per client.
pub async fn request_access(
    state: &AppState,
    actor: &Actor,
    input: AccessRequestInput,
    language: Language,
    client: &str,
) -> Result<(), AppError> {
    if !policy::can_request_access(actor) {
        return Err(AppError::Forbidden);
    }
    let colleague_of = match *actor {
        Actor::Customer {
            user_id,
            account_id,
        } => Some((user_id, state.store.get_account(account_id).await?)),
        _ => None,
    };
    let mut errors = FieldErrors::new();
    let name = input.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 200 {
        add_field_error(&mut errors, "name", MessageKey::NameInvalid);
    }
    let email = normalize_email(&input.email);
    if email.is_none() {
        add_field_error(&mut errors, "email", MessageKey::EmailInvalid);
    }
    let company = match &colleague_of {
        Some((_, account)) => account.name.clone(),
        None => input.company.trim().to_string(),
    };
    if company.is_empty() || company.chars().count() > 200 {
        add_field_error(&mut errors, "company", MessageKey::CompanyNameInvalid);
    }
    let message = input.message.trim().to_string();
    if message.chars().count() > MESSAGE_MAX {
        add_field_error(&mut errors, "message", MessageKey::MessageTooLong);
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    services::auth::throttle(
        state.store.as_ref(),
        AttemptKind::AccessRequest,
        &email,
        client,
        (
            chrono::Duration::hours(24),
            REQUESTS_PER_ADDRESS,
            Some(REQUESTS_PER_CLIENT),
        ),
    )
    .await?;
    let request = NewAccessRequest {
        name,
        email,
        company,
        message,
        language,
        account_id: colleague_of.as_ref().map(|(_, a)| a.id),
        requested_by: colleague_of.as_ref().map(|(u, _)| *u),
    };
    let now = Utc::now();
    // The acknowledgement needs the request's id, which the insert makes: the job names the
    // address instead, and the worker finds its open request.
    let ack = Job::AccessRequested {
        email: request.email.clone(),
    };
    let made = state
        .store
        .insert_access_request(&request, &[ack], now)
        .await?;
    tracing::info!(request = ?made, colleague = colleague_of.is_some(), "access requested");
    Ok(())
}

/// The outbox worker's half of a request: the email to send, "we received it" to the address, or,
/// if the address already has portal access, "you already have access" with the request to close
/// once it is sent ([`close_answered`]; a retried job finds the request still open and writes the
/// same email again). `None` when no request of that address is open.
pub async fn acknowledge(
    state: &AppState,
    email: &str,
) -> Result<Option<(crate::backend::mail::OutgoingEmail, Option<AccessRequestId>)>, StoreError> {
    let Some(request) = state.store.open_access_request_of(email).await? else {
        return Ok(None);
    };
    let existing = state
        .store
        .find_user_by_email(email)
        .await?
        .filter(|u| u.active);
    let public = &state.settings.public_url;
    Ok(Some(match existing {
        Some(user) => (
            crate::backend::mail::render_access_has_account(
                user.language,
                &user.email,
                &user.name,
                &format!("{public}/login"),
                &format!("{public}/password/forgot"),
            ),
            Some(request.id),
        ),
        None => {
            let support = contact(state).await.unwrap_or_default();
            (
                crate::backend::mail::render_access_received(
                    request.language,
                    &request.email,
                    &request.name,
                    &request.company,
                    &support,
                ),
                None,
            )
        }
    }))
}

/// Closes request `id` of an address that already had access, once its answer went out (by
/// Portico itself: no staff member decided).
pub async fn close_answered(state: &AppState, id: AccessRequestId) -> Result<(), StoreError> {
    match state
        .store
        .decline_access_request(id, "has_access", &[], None, Utc::now())
        .await
    {
        Ok(()) | Err(StoreError::Stale) => Ok(()),
        Err(e) => Err(e),
    }
}

fn view(row: AccessRequestRow, accounts: &[(AccountId, String)]) -> AccessRequestView {
    let account = row.account_id.or_else(|| {
        accounts
            .iter()
            .find(|(_, name)| name.eq_ignore_ascii_case(row.company.trim()))
            .map(|(id, _)| *id)
    });
    AccessRequestView {
        id: row.id,
        name: row.name,
        email: row.email,
        company: row.company,
        message: row.message,
        language: row.language.code().to_string(),
        account,
        requested_by: row.requested_by_name,
        created_at: row.created_at.to_rfc3339(),
        status: AccessRequestStatus::from_code(&row.status),
        reason: row.reason,
        decided_by: row.decided_by_name.unwrap_or_default(),
    }
}

/// The access requests page (staff).
pub async fn list(state: &AppState, actor: &Actor) -> Result<AccessRequests, AppError> {
    policy::require(actor, policy::can_handle_access_requests)?;
    let accounts = state.store.account_names(5000).await?;
    let open = state.store.list_access_requests(true, 200).await?;
    let decided = state.store.list_access_requests(false, 50).await?;
    Ok(AccessRequests {
        open: open.into_iter().map(|r| view(r, &accounts)).collect(),
        decided: decided.into_iter().map(|r| view(r, &accounts)).collect(),
        accounts,
    })
}

/// One request, with the companies to add its person to (staff).
pub async fn get(
    state: &AppState,
    actor: &Actor,
    id: AccessRequestId,
) -> Result<(AccessRequestView, Vec<(AccountId, String)>), AppError> {
    policy::require(actor, policy::can_handle_access_requests)?;
    let accounts = state.store.account_names(5000).await?;
    let row = state.store.get_access_request(id).await?;
    Ok((view(row, &accounts), accounts))
}

/// How many requests wait (staff).
pub async fn count_open(state: &AppState, actor: &Actor) -> Result<i64, AppError> {
    policy::require(actor, policy::can_handle_access_requests)?;
    Ok(state.store.count_open_access_requests().await?)
}

/// Approves request `id`: its person becomes a contact of `account` with portal access, in
/// `language`, within the company's limit, and gets the welcome email. Refused when someone
/// decided first, the limit is reached, or the address is already someone's.
pub async fn approve(
    state: &AppState,
    actor: &Actor,
    id: AccessRequestId,
    account: AccountId,
    language: &str,
) -> Result<UserId, AppError> {
    let me = policy::require(actor, policy::can_handle_access_requests)?;
    let request = state.store.get_access_request(id).await?;
    // Decided already: say so (the transaction below also refuses a decision made meanwhile).
    if request.status != "open" {
        return Err(AppError::field("_form", MessageKey::RequestDecided));
    }
    let language = Language::from_code(language)
        .ok_or_else(|| AppError::field("language", MessageKey::LanguageChoose))?;
    state
        .store
        .get_account(account)
        .await
        .map_err(|_| AppError::field("account", MessageKey::AccountChoose))?;
    let user = NewUser {
        email: request.email.clone(),
        name: request.name.clone(),
        phone: String::new(),
        role: Role::Customer,
        language,
        account_id: Some(account),
        active: true,
        password_hash: None,
    };
    let welcome = jobs::welcome_job as JobFor;
    let made = state
        .store
        .approve_access_request(id, &user, welcome, me, Utc::now())
        .await
        .map_err(|e| match e {
            StoreError::Stale => AppError::field("_form", MessageKey::RequestDecided),
            StoreError::ContactLimitReached { .. } => {
                AppError::field("account", MessageKey::ContactLimit)
            }
            other => other.on_constraint("email", "_form", MessageKey::EmailTaken),
        })?;
    tracing::info!(request = %id, contact = %made, %account, "access request approved");
    Ok(made)
}

/// Declines request `id` for `reason` (required), which the requester is emailed in their
/// language.
pub async fn decline(
    state: &AppState,
    actor: &Actor,
    id: AccessRequestId,
    reason: &str,
) -> Result<(), AppError> {
    let me = policy::require(actor, policy::can_handle_access_requests)?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > REASON_MAX {
        return Err(AppError::field("reason", MessageKey::ReasonRequired));
    }
    let request = state.store.get_access_request(id).await?;
    if request.status != "open" {
        return Err(AppError::field("_form", MessageKey::RequestDecided));
    }
    let support = contact(state).await?;
    let email = crate::backend::mail::render_access_declined(
        request.language,
        &request.email,
        &request.name,
        reason,
        &support,
    );
    state
        .store
        .decline_access_request(id, reason, &[email.job()], Some(me), Utc::now())
        .await
        .map_err(|e| match e {
            StoreError::Stale => AppError::field("_form", MessageKey::RequestDecided),
            other => other.into(),
        })?;
    tracing::info!(request = %id, "access request declined");
    Ok(())
}
