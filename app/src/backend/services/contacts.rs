//! Staff manage companies' portal contacts: add, edit, grant or take away access (within the
//! company's limit), resend the welcome email, and (admins) change the limit. Customers cannot:
//! each service asks `policy::can_manage_contacts` (the limit: `can_change_contact_limit`) first.
use crate::backend::auth::Actor;
use crate::backend::store::{ContactRow, ContactUpdate, JobFor, NewUser, Store, StoreError};
use crate::backend::{jobs, policy};
use crate::domain::staff::{AccountDetail, AccountSummary, ContactInfo};
use crate::domain::{AccountId, Language, Role, UserId, normalize_email};
use crate::error::{AppError, FieldErrors, add_field_error};
use crate::messages::MessageKey;

/// The largest portal contact limit an admin can set.
pub const MAX_CONTACT_LIMIT: i32 = 1000;

/// A contact's fields as staff typed them.
#[derive(Debug, Clone)]
pub struct ContactInput {
    /// Full name.
    pub name: String,
    /// Email (the username).
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Language code.
    pub language: String,
    /// Portal access.
    pub portal_access: bool,
}

impl ContactInput {
    /// The fields by name, for a draft of the form.
    pub fn typed(&self) -> [(&'static str, &str); 5] {
        [
            ("name", self.name.as_str()),
            ("email", self.email.as_str()),
            ("phone", self.phone.as_str()),
            ("language", self.language.as_str()),
            ("portal_access", if self.portal_access { "on" } else { "" }),
        ]
    }
}

/// One company with its contacts.
pub async fn account_detail(
    store: &Store,
    actor: &Actor,
    id: AccountId,
) -> Result<AccountDetail, AppError> {
    policy::require(actor, policy::can_manage_contacts)?;
    let can_change_limit = policy::can_change_contact_limit(actor);
    let account = store.get_account(id).await?;
    let contacts: Vec<ContactInfo> = store
        .list_contacts(id)
        .await?
        .into_iter()
        .map(|c| contact_info(id, c))
        .collect();
    let with_access = contacts.iter().filter(|c| c.portal_access).count() as i64;
    Ok(AccountDetail {
        account: AccountSummary {
            id: account.id,
            name: account.name,
            phone: account.phone,
            country: account.country,
            limit: account.portal_contact_limit,
            contacts: contacts.len() as i64,
            with_access,
        },
        contacts,
        can_change_limit,
    })
}

fn contact_info(account_id: AccountId, c: ContactRow) -> ContactInfo {
    ContactInfo {
        id: c.id,
        account_id,
        name: c.name,
        email: c.email,
        phone: c.phone,
        language: c.language,
        portal_access: c.active,
        has_password: c.has_password,
        invited_at: c.invited_at,
    }
}

/// One contact (a customer); anyone else is `NotFound`.
pub async fn contact(store: &Store, actor: &Actor, id: UserId) -> Result<ContactInfo, AppError> {
    policy::require(actor, policy::can_manage_contacts)?;
    let user = store.get_user(id).await?;
    let account = user.account_id.ok_or(AppError::NotFound)?;
    store
        .list_contacts(account)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .map(|c| contact_info(account, c))
        .ok_or(AppError::NotFound)
}

struct Valid {
    name: String,
    email: String,
    phone: String,
    language: Language,
}

fn validate(input: &ContactInput) -> Result<Valid, AppError> {
    let mut errors = FieldErrors::new();
    let mut add = |field: &str, key: MessageKey| add_field_error(&mut errors, field, key);
    let name = input.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 200 {
        add("name", MessageKey::NameInvalid);
    }
    let email = normalize_email(&input.email);
    if email.is_none() {
        add("email", MessageKey::EmailInvalid);
    }
    let phone = input.phone.trim().to_string();
    if phone.chars().count() > 50 {
        add("phone", MessageKey::PhoneInvalid);
    }
    let language = Language::from_code(&input.language);
    if language.is_none() {
        add("language", MessageKey::BadRequest);
    }
    match (email, language) {
        (Some(email), Some(language)) if errors.is_empty() => Ok(Valid {
            name,
            email,
            phone,
            language,
        }),
        _ => Err(AppError::Validation(errors)),
    }
}

fn store_error(err: StoreError) -> AppError {
    err.on_constraint("email", "email", MessageKey::EmailTaken)
}

/// Adds a contact to a company. With portal access (within the limit) they get the welcome email
/// with a set-password link, in the same transaction.
pub async fn add_contact(
    store: &Store,
    actor: &Actor,
    account: AccountId,
    input: ContactInput,
) -> Result<UserId, AppError> {
    policy::require(actor, policy::can_manage_contacts)?;
    let v = validate(&input)?;
    store.get_account(account).await?;
    let welcome = input.portal_access.then_some(jobs::welcome_job as JobFor);
    let user = NewUser {
        email: v.email,
        name: v.name,
        phone: v.phone,
        role: Role::Customer,
        language: v.language,
        account_id: Some(account),
        active: input.portal_access,
        password_hash: None,
    };
    let id = store
        .insert_invited(&user, welcome)
        .await
        .map_err(store_error)?;
    tracing::info!(contact = %id, %account, access = input.portal_access, "contact added");
    Ok(id)
}

/// Changes a contact. Granting access to someone without a password sends the welcome email;
/// taking access away ends their sessions at once.
pub async fn update_contact(
    store: &Store,
    actor: &Actor,
    id: UserId,
    input: ContactInput,
) -> Result<(), AppError> {
    policy::require(actor, policy::can_manage_contacts)?;
    let v = validate(&input)?;
    let existing = contact(store, actor, id).await?;
    let email_changed = v.email != existing.email;
    // A welcome when access is new, or when the address changed before a password was set (the
    // link sent to the old address stops working).
    let welcome = (input.portal_access
        && !existing.has_password
        && (!existing.portal_access || email_changed))
        .then_some(jobs::welcome_job as JobFor);
    let update = ContactUpdate {
        email: v.email,
        name: v.name,
        phone: v.phone,
        language: v.language,
        active: input.portal_access,
        email_changed,
    };
    let ended = store
        .update_contact(id, existing.account_id, &update, welcome)
        .await
        .map_err(store_error)?;
    tracing::info!(contact = %id, access = input.portal_access, sessions_ended = ended, "contact changed");
    Ok(())
}

/// Sends a new welcome email (a new link; earlier unused links stop working). Only for contacts
/// with portal access.
pub async fn resend_welcome(store: &Store, actor: &Actor, id: UserId) -> Result<(), AppError> {
    let c = contact(store, actor, id).await?;
    if !c.portal_access {
        return Err(AppError::field("_form", MessageKey::NoAccess));
    }
    store.queue_welcome(id, jobs::welcome_job).await?;
    tracing::info!(contact = %id, "welcome email sent again");
    Ok(())
}

/// Sets a company's portal contact limit (0 to `MAX_CONTACT_LIMIT`), never below the number of
/// contacts that have access now.
pub async fn set_contact_limit(
    store: &Store,
    actor: &Actor,
    account: AccountId,
    limit: &str,
) -> Result<(), AppError> {
    policy::require(actor, policy::can_change_contact_limit)?;
    let limit: i32 = limit
        .trim()
        .parse()
        .ok()
        .filter(|l| (0..=MAX_CONTACT_LIMIT).contains(l))
        .ok_or_else(|| AppError::field("limit", MessageKey::LimitInvalid))?;
    match store.set_contact_limit(account, limit).await {
        Err(StoreError::ContactLimitReached { .. }) => {
            Err(AppError::field("limit", MessageKey::LimitBelowAccess))
        }
        other => Ok(other?),
    }
}
