//! What case creation sends to the browser.
use super::{CaseNumber, ProductId};
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

/// The fields of the new-case form, in the order a no-JS round trip carries them.
pub const FORM_FIELDS: [&str; 5] = [
    "subject",
    "description",
    "product",
    "country",
    "attachments",
];
