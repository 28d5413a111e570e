//! What case creation sends to the browser.
use super::{AccountId, CaseNumber, ProductId, UserId};
use serde::{Deserialize, Serialize};

/// The shortest text that asks for product suggestions.
pub const MIN_PRODUCT_QUERY: usize = 3;
/// The longest subject.
pub const SUBJECT_MAX: usize = 255;
/// The longest description.
pub const DESCRIPTION_MAX: usize = 32_000;
/// The longest country name.
pub const COUNTRY_MAX: usize = 100;

/// A product offered by the autocomplete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductOption {
    /// Id.
    pub id: ProductId,
    /// Name.
    pub name: String,
}

/// What the new-case form starts with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCaseDefaults {
    /// The company's country.
    pub country: String,
    /// The per-file upload limit in MB.
    pub max_upload_mb: u64,
    /// For support staff, who log cases for customers: the company and contact to choose.
    pub for_customer: Option<ForCustomer>,
}

/// Support logging a case for a customer (taken by phone or email): first the company, then one
/// of its contacts (with portal access or without).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForCustomer {
    /// Companies to choose from, by name (the first ones, plus the chosen one).
    pub accounts: Vec<(AccountId, String)>,
    /// The chosen company, with its name.
    pub account: Option<(AccountId, String)>,
    /// The chosen company's contacts (id, name, email).
    pub contacts: Vec<(UserId, String, String)>,
    /// The contact to start with (a cloned case's).
    pub contact: Option<UserId>,
}

/// The new-case form of support for company `account` (a plain number in the URL; empty: none
/// chosen yet).
pub fn new_case_path(account: &str) -> String {
    match account.trim().parse::<i64>() {
        Ok(id) => format!("/cases/new?account={id}"),
        Err(_) => "/cases/new".to_string(),
    }
}

/// A case just created, for the confirmation on the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseCreated {
    /// Its number.
    pub number: CaseNumber,
    /// Subject.
    pub subject: String,
    /// Description.
    pub description: String,
    /// Product name.
    pub product: Option<String>,
    /// Country.
    pub country: String,
    /// Attached files.
    pub attachments: Vec<super::attachments::FileInfo>,
}

/// The fields of the new-case form, in the order a no-JS round trip carries them (the last three
/// are support's: the company, the contact and the origin of a case logged for a customer).
pub const FORM_FIELDS: [&str; 8] = [
    "subject",
    "description",
    "product",
    "country",
    "attachments",
    "account",
    "contact",
    "origin",
];
