//! Staff accounts as admins keep them: add agents and admins (they get a welcome email with a
//! set-password link), change a role, deactivate (their sessions end at once) and reactivate. An
//! admin cannot change their own role or access, so there is always an admin left who can.
use crate::backend::auth::Actor;
use crate::backend::services::audit;
use crate::backend::store::{JobFor, NewUser, StaffRow, Store, StoreError};
use crate::backend::{jobs, policy};
use crate::domain::audit::AuditAction;
use crate::domain::staff::{DeskEmails, StaffInfo};
use crate::domain::{Language, Role, UserId, normalize_email};
use crate::error::{AppError, FieldErrors, add_field_error};
use crate::messages::MessageKey;

/// A new staff member as an admin typed them.
#[derive(Debug, Clone, Default)]
pub struct StaffInput {
    /// Full name.
    pub name: String,
    /// Email (the username).
    pub email: String,
    /// `agent` or `admin`.
    pub role: String,
    /// Language code.
    pub language: String,
}

impl StaffInput {
    /// The fields by name, for a draft of the form.
    pub fn typed(&self) -> [(&'static str, &str); 4] {
        [
            ("name", self.name.as_str()),
            ("email", self.email.as_str()),
            ("role", self.role.as_str()),
            ("language", self.language.as_str()),
        ]
    }
}

/// `agent` or `admin`; a customer is not staff.
fn staff_role(code: &str) -> Option<Role> {
    code.parse::<Role>().ok().filter(|r| r.is_staff())
}

fn info(actor: &Actor, row: StaffRow) -> StaffInfo {
    StaffInfo {
        is_me: actor.signed_in().ok() == Some(row.id),
        id: row.id,
        name: row.name,
        email: row.email,
        role: row.role,
        language: row.language,
        active: row.active,
        has_password: row.has_password,
        invited_at: row.invited_at,
    }
}

/// Every agent and admin, by name.
pub async fn list(store: &Store, actor: &Actor) -> Result<Vec<StaffInfo>, AppError> {
    policy::require(actor, policy::can_manage_staff)?;
    Ok(store
        .list_staff()
        .await?
        .into_iter()
        .map(|row| info(actor, row))
        .collect())
}

/// One staff member; a customer or nobody is `NotFound`.
pub async fn get(store: &Store, actor: &Actor, id: UserId) -> Result<StaffInfo, AppError> {
    policy::require(actor, policy::can_manage_staff)?;
    store
        .list_staff()
        .await?
        .into_iter()
        .find(|row| row.id == id)
        .map(|row| info(actor, row))
        .ok_or(AppError::NotFound)
}

/// Adds an agent or admin, with the welcome email in the same transaction.
pub async fn add(store: &Store, actor: &Actor, input: &StaffInput) -> Result<UserId, AppError> {
    let me = policy::require(actor, policy::can_manage_staff)?;
    let mut errors = FieldErrors::new();
    let name = input.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 200 {
        add_field_error(&mut errors, "name", MessageKey::NameInvalid);
    }
    let email = normalize_email(&input.email);
    if email.is_none() {
        add_field_error(&mut errors, "email", MessageKey::EmailInvalid);
    }
    let role = staff_role(&input.role);
    if role.is_none() {
        add_field_error(&mut errors, "role", MessageKey::RoleInvalid);
    }
    let language = Language::from_code(&input.language);
    if language.is_none() {
        add_field_error(&mut errors, "language", MessageKey::BadRequest);
    }
    let (Some(email), Some(role), Some(language), true) =
        (email, role, language, errors.is_empty())
    else {
        return Err(AppError::Validation(errors));
    };
    let user = NewUser {
        email,
        name,
        phone: String::new(),
        role,
        language,
        account_id: None,
        active: true,
        password_hash: None,
    };
    let id = store
        .insert_invited(&user, Some(jobs::welcome_job as JobFor))
        .await
        .map_err(|e: StoreError| e.on_constraint("email", "email", MessageKey::EmailTaken))?;
    let detail = format!("role={}", role.code());
    audit::record(store, Some(me), AuditAction::StaffAdded, Some(id), &detail).await;
    tracing::info!(user = %id, role = %role.code(), "staff member added");
    Ok(id)
}

/// Sets a staff member's role and access; deactivating signs them out everywhere at once. Not
/// for oneself.
pub async fn update(
    store: &Store,
    actor: &Actor,
    id: UserId,
    role: &str,
    active: bool,
) -> Result<(), AppError> {
    let me = policy::require(actor, policy::can_manage_staff)?;
    let role = staff_role(role).ok_or_else(|| AppError::field("role", MessageKey::RoleInvalid))?;
    let current = get(store, actor, id).await?;
    if me == id {
        return Err(AppError::field("_form", MessageKey::StaffSelf));
    }
    let ended = store.update_staff(id, role, active).await?;
    let detail = format!("role={} active={active}", role.code());
    audit::record(
        store,
        Some(me),
        AuditAction::StaffChanged,
        Some(id),
        &detail,
    )
    .await;
    tracing::info!(
        user = %id,
        role = %role.code(),
        active,
        was_active = current.active,
        sessions_ended = ended,
        "staff member changed"
    );
    Ok(())
}

/// Sends a staff member the team's welcome email again, with a new set-password link (earlier
/// links stop working). Admins only; not for a deactivated member.
pub async fn resend_welcome(store: &Store, actor: &Actor, id: UserId) -> Result<(), AppError> {
    policy::require(actor, policy::can_manage_staff)?;
    let current = get(store, actor, id).await?;
    if !current.active {
        return Err(AppError::field("_form", MessageKey::NoAccess));
    }
    store.queue_welcome(id, jobs::welcome_job).await?;
    tracing::info!(user = %id, "staff welcome email sent again");
    Ok(())
}

/// The caller's desk emails (staff only).
pub async fn desk_emails(store: &Store, actor: &Actor) -> Result<DeskEmails, AppError> {
    let me = policy::require(actor, policy::can_choose_desk_emails)?;
    let user = store.get_user(me).await?;
    Ok(DeskEmails {
        new_cases: user.notify_new_cases,
        replies: user.notify_replies,
    })
}

/// Sets the caller's desk emails (staff only).
pub async fn set_desk_emails(
    store: &Store,
    actor: &Actor,
    choice: DeskEmails,
) -> Result<DeskEmails, AppError> {
    let me = policy::require(actor, policy::can_choose_desk_emails)?;
    store
        .set_desk_emails(me, choice.new_cases, choice.replies)
        .await?;
    Ok(choice)
}
