//! What staff screens and the mail page send to the browser (never a password hash or token).
use super::{AccountId, Language, ProductId, Role, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A company in the accounts list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    /// Id.
    pub id: AccountId,
    /// Name.
    pub name: String,
    /// Phone.
    pub phone: String,
    /// Country.
    pub country: String,
    /// Portal contact limit.
    pub limit: i32,
    /// Contacts in all.
    pub contacts: i64,
    /// Contacts with portal access.
    pub with_access: i64,
}

/// A contact as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactInfo {
    /// Id.
    pub id: UserId,
    /// The company.
    pub account_id: AccountId,
    /// Name.
    pub name: String,
    /// Email (the username).
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Language of the portal and emails.
    pub language: Language,
    /// May sign in.
    pub portal_access: bool,
    /// Has set a password (else the welcome link is still open, or expired).
    pub has_password: bool,
    /// When the last welcome email was sent.
    pub invited_at: Option<DateTime<Utc>>,
}

/// A company with its contacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDetail {
    /// The company.
    pub account: AccountSummary,
    /// Its contacts, by name.
    pub contacts: Vec<ContactInfo>,
    /// Whether the viewer may change the limit.
    pub can_change_limit: bool,
}

/// A staff member as admins see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffInfo {
    /// Id.
    pub id: UserId,
    /// Name.
    pub name: String,
    /// Email (the username).
    pub email: String,
    /// Agent or admin.
    pub role: Role,
    /// Language of the app and emails.
    pub language: Language,
    /// May sign in.
    pub active: bool,
    /// Has set a password (else the welcome link is still open, or expired).
    pub has_password: bool,
    /// When the last welcome email was sent.
    pub invited_at: Option<DateTime<Utc>>,
    /// The admin looking at this is this person (who cannot change their own role or access).
    pub is_me: bool,
}

/// The longest product name.
pub const PRODUCT_NAME_MAX: usize = 200;
/// The most lines one product import takes.
pub const PRODUCT_IMPORT_LINES_MAX: usize = 5_000;
/// The longest list one product import takes, in bytes.
pub const PRODUCT_IMPORT_BYTES_MAX: usize = 512 * 1024;

/// A product as admins manage it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductInfo {
    /// Id.
    pub id: ProductId,
    /// Name.
    pub name: String,
    /// Offered for new cases (the autocomplete shows active products only).
    pub active: bool,
}

/// The products a search finds, and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductList {
    /// The first matches, by name.
    pub products: Vec<ProductInfo>,
    /// How many match in all.
    pub total: i64,
}

/// Why a line of an imported list changes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportSkip {
    /// The list names this product already (any case).
    Duplicate,
    /// Longer than a product name may be, or holding a control character.
    Invalid,
}

/// What importing a list would change, line by line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    /// New products, as the list writes them.
    pub added: Vec<String>,
    /// Inactive products that become active again.
    pub reactivated: Vec<String>,
    /// Products that are active already.
    pub unchanged: Vec<String>,
    /// Lines that change nothing, with their line number and why.
    pub skipped: Vec<(usize, String, ImportSkip)>,
}

/// An email in the dev mailbox list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailSummary {
    /// Id.
    pub id: i64,
    /// Recipient.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Delivered.
    pub at: DateTime<Utc>,
}

/// One email of the dev mailbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailDetail {
    /// Id.
    pub id: i64,
    /// `Message-ID`.
    pub message_id: String,
    /// Recipient.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Plain-text part.
    pub text: String,
    /// HTML part (shown in a sandboxed frame).
    pub html: String,
    /// Delivered.
    pub at: DateTime<Utc>,
}

/// An outbox row that has not gone out yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingJob {
    /// Id.
    pub id: i64,
    /// Kind (`email`, `password_reset`).
    pub kind: String,
    /// Tries so far.
    pub attempts: i32,
    /// Why the last try failed.
    pub last_error: Option<String>,
    /// Next try.
    pub next_try: DateTime<Utc>,
    /// Given up.
    pub dead: bool,
}

/// The admin mail page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mailbox {
    /// Emails go to an SMTP relay (the dev mailbox then stays empty).
    pub smtp: bool,
    /// Newest emails first.
    pub messages: Vec<MailSummary>,
    /// Outbox rows waiting or failing.
    pub pending: Vec<PendingJob>,
}

/// Which emails a staff member asks for beyond those about their own work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeskEmails {
    /// An email about every new case.
    pub new_cases: bool,
    /// An email about every customer reply on a case assigned to them.
    pub replies: bool,
}
