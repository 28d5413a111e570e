//! Companies (accounts): staff add, change and find them in the app; the operator adds them with
//! `portico account add`, and the demo seed through the same [`add_account`], so every way in
//! checks the same rules. Customers cannot: the staff services ask `policy::can_manage_contacts`
//! (companies and their contacts) first.
use crate::backend::auth::Actor;
use crate::backend::policy;
use crate::backend::store::{NewAccount, Store, StoreError};
use crate::domain::AccountId;
use crate::domain::cases::COUNTRY_MAX;
use crate::domain::staff::AccountSummary;
use crate::error::{AppError, FieldErrors, add_field_error};
use crate::messages::MessageKey;

/// The longest company name.
pub const NAME_MAX: usize = 200;
/// The longest phone number.
pub const PHONE_MAX: usize = 50;
/// How many contacts of a new company may have portal access, until an admin changes it.
pub const DEFAULT_CONTACT_LIMIT: i32 = 3;

/// A company's fields as someone typed them (in forms: `company_name`, `company_phone`,
/// `company_country`, apart from a contact's fields on the same page).
#[derive(Debug, Clone, Default)]
pub struct AccountInput {
    /// Name, unique regardless of case.
    pub name: String,
    /// Phone.
    pub phone: String,
    /// Country as people write it.
    pub country: String,
}

impl AccountInput {
    /// The fields by name, for a draft of the form.
    pub fn typed(&self) -> [(&'static str, &str); 3] {
        [
            ("company_name", self.name.as_str()),
            ("company_phone", self.phone.as_str()),
            ("company_country", self.country.as_str()),
        ]
    }
}

/// The fields trimmed and checked; every problem at once, next to its field.
fn validate(input: &AccountInput) -> Result<AccountInput, AppError> {
    let mut errors = FieldErrors::new();
    let name = input.name.trim().to_string();
    if name.is_empty() || name.chars().count() > NAME_MAX {
        add_field_error(&mut errors, "company_name", MessageKey::CompanyNameInvalid);
    }
    let phone = input.phone.trim().to_string();
    if phone.chars().count() > PHONE_MAX {
        add_field_error(&mut errors, "company_phone", MessageKey::PhoneInvalid);
    }
    let country = input.country.trim().to_string();
    if country.chars().count() > COUNTRY_MAX {
        add_field_error(&mut errors, "company_country", MessageKey::CountryLong);
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok(AccountInput {
        name,
        phone,
        country,
    })
}

fn store_error(err: StoreError) -> AppError {
    err.on_constraint("name", "company_name", MessageKey::CompanyNameTaken)
}

/// Adds a company with the default portal-contact limit. The operator's way in (the command line,
/// the demo seed): whoever runs the binary may; staff go through [`staff_add_account`].
pub async fn add_account(store: &Store, input: &AccountInput) -> Result<AccountId, AppError> {
    let v = validate(input)?;
    let id = store
        .insert_account(&NewAccount {
            name: v.name,
            phone: v.phone,
            country: v.country,
            portal_contact_limit: DEFAULT_CONTACT_LIMIT,
        })
        .await
        .map_err(store_error)?;
    tracing::info!(account = %id, "company added");
    Ok(id)
}

/// Staff add a company.
pub async fn staff_add_account(
    store: &Store,
    actor: &Actor,
    input: &AccountInput,
) -> Result<AccountId, AppError> {
    policy::require(actor, policy::can_manage_contacts)?;
    add_account(store, input).await
}

/// Staff change a company's name, phone and country.
pub async fn update_account(
    store: &Store,
    actor: &Actor,
    id: AccountId,
    input: &AccountInput,
) -> Result<(), AppError> {
    policy::require(actor, policy::can_manage_contacts)?;
    let v = validate(input)?;
    store
        .update_account(id, &v.name, &v.phone, &v.country)
        .await
        .map_err(store_error)?;
    tracing::info!(account = %id, "company changed");
    Ok(())
}

/// Every company whose name, phone or country contains `query` (any case, any alphabet; all
/// when it is empty), by name, with contact counts.
pub async fn find_accounts(
    store: &Store,
    actor: &Actor,
    query: &str,
) -> Result<Vec<AccountSummary>, AppError> {
    policy::require(actor, policy::can_manage_contacts)?;
    let needle = query.trim().to_lowercase();
    Ok(store
        .list_accounts()
        .await?
        .into_iter()
        .filter(|a| {
            needle.is_empty()
                || [&a.name, &a.phone, &a.country]
                    .iter()
                    .any(|field| field.to_lowercase().contains(&needle))
        })
        .map(|a| AccountSummary {
            id: a.id,
            name: a.name,
            phone: a.phone,
            country: a.country,
            limit: a.portal_contact_limit,
            contacts: a.contacts,
            with_access: a.with_access,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_comes_back_next_to_its_field() {
        let input = AccountInput {
            name: "  ".into(),
            phone: "1".repeat(PHONE_MAX + 1),
            country: "x".repeat(COUNTRY_MAX + 1),
        };
        let Err(AppError::Validation(errors)) = validate(&input) else {
            panic!("refused")
        };
        assert_eq!(
            errors.keys().map(String::as_str).collect::<Vec<_>>(),
            ["company_country", "company_name", "company_phone"]
        );
        let ok = validate(&AccountInput {
            name: "  Garage Müller  ".into(),
            phone: " +31 20 555 0100 ".into(),
            country: "Nederland".into(),
        })
        .expect("valid");
        assert_eq!(ok.name, "Garage Müller");
        assert_eq!(ok.phone, "+31 20 555 0100");
    }
}
