//! People: adding them (validation shared by the CLI, the demo seed and the staff screens) and
//! their own settings (language, time zone).
use crate::backend::auth::Actor;
use crate::backend::store::{NewUser, Store};
use crate::backend::{passwords, policy};
use crate::domain::{Language, Role, UserId, normalize_email};
use crate::error::{AppError, FieldErrors, add_field_error};
use crate::messages::MessageKey;

/// A person to add, as an operator typed it.
#[derive(Debug, Clone)]
pub struct AddUser {
    /// Email (the username); normalized here.
    pub email: String,
    /// Full name.
    pub name: String,
    /// Phone (optional).
    pub phone: String,
    /// Role.
    pub role: Role,
    /// Company name: required for customers, refused for staff.
    pub account: Option<String>,
    /// UI and email language.
    pub language: Language,
    /// Initial password; `None` leaves the account without one until it is set.
    pub password: Option<String>,
}

/// Validates and inserts a person. Field errors name the field: `email`, `name`, `account`, `password`.
/// A customer without a password is invited: the welcome email, within the company's
/// portal-contact limit.
pub async fn add_user(store: &Store, input: AddUser) -> Result<UserId, AppError> {
    let email = normalize_email(&input.email)
        .ok_or_else(|| AppError::field("email", MessageKey::EmailInvalid))?;
    let name = input.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AppError::field("name", MessageKey::NameInvalid));
    }
    let account_id = match (input.role, input.account.as_deref().map(str::trim)) {
        (Role::Customer, Some(account)) if !account.is_empty() => Some(
            store
                .find_account_by_name(account)
                .await?
                .ok_or_else(|| AppError::field("account", MessageKey::AccountUnknown))?
                .id,
        ),
        (Role::Customer, _) => return Err(AppError::field("account", MessageKey::AccountRequired)),
        (_, Some(account)) if !account.is_empty() => {
            return Err(AppError::field("account", MessageKey::AccountStaff));
        }
        _ => None,
    };
    let password_hash = match input.password {
        Some(p) => {
            passwords::check_new_password(&p, &[&email, &name])
                .map_err(|key| AppError::field("password", key))?;
            Some(passwords::hash(p).await.map_err(|e| {
                tracing::error!(error = %e, "hashing a password");
                AppError::Internal
            })?)
        }
        None => None,
    };
    let user = NewUser {
        email,
        name,
        phone: input.phone.trim().to_string(),
        role: input.role,
        language: input.language,
        account_id,
        active: true,
        password_hash,
    };
    let inserted = if user.account_id.is_some() && user.password_hash.is_none() {
        // A customer invited without a password: within the company's portal-contact limit, the
        // welcome email (a link to set one) goes out in the same transaction, as when staff add a
        // contact in the app. With a password the operator has set them up by hand.
        let welcome = crate::backend::jobs::welcome_job as crate::backend::store::JobFor;
        store.insert_invited(&user, Some(welcome)).await
    } else {
        store.insert_user(&user).await
    };
    inserted.map_err(|e| match e {
        crate::backend::store::StoreError::ContactLimitReached { .. } => {
            AppError::field("account", MessageKey::ContactLimit)
        }
        other => other.on_constraint("email", "email", MessageKey::EmailTaken),
    })
}

/// Saves the caller's own language and time zone (everyone signed in). A zone not in the list is
/// a field error on `time_zone`; the language is one of the three or a field error on `language`.
pub async fn set_own_settings(
    store: &Store,
    actor: &Actor,
    language: &str,
    time_zone: &str,
) -> Result<(), AppError> {
    let me = policy::require(actor, policy::can_change_own_settings)?;
    let mut errors = FieldErrors::new();
    let language = Language::from_code(language);
    if language.is_none() {
        add_field_error(&mut errors, "language", MessageKey::LanguageChoose);
    }
    if !crate::backend::time::is_zone(time_zone) {
        add_field_error(&mut errors, "time_zone", MessageKey::TimeZoneInvalid);
    }
    match language {
        Some(language) if errors.is_empty() => {
            Ok(store.set_user_settings(me, language, time_zone).await?)
        }
        _ => Err(AppError::Validation(errors)),
    }
}

/// Saves the caller's language (the header's switch), which their pages and emails then use.
pub async fn set_own_language(
    store: &Store,
    actor: &Actor,
    language: Language,
) -> Result<(), AppError> {
    let me = policy::require(actor, policy::can_change_own_settings)?;
    Ok(store.set_user_language(me, language).await?)
}

/// Saves the browser's time zone as the caller's, unless they already have one; an unknown name
/// is ignored (a browser may report a zone this build does not know).
pub async fn guess_own_time_zone(
    store: &Store,
    actor: &Actor,
    time_zone: &str,
) -> Result<bool, AppError> {
    let me = policy::require(actor, policy::can_change_own_settings)?;
    if !crate::backend::time::is_zone(time_zone) {
        return Ok(false);
    }
    Ok(store.guess_user_time_zone(me, time_zone).await?)
}
