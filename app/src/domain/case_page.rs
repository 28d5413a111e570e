//! The case page as both sides see it.
use super::attachments::FileInfo;
use super::surveys::SurveyView;
use super::{CaseNumber, CaseOrigin, CaseStatus, CommentId};
use serde::{Deserialize, Serialize};

/// The longest comment.
pub const COMMENT_MAX: usize = 32_000;

/// A comment as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    /// Id.
    pub id: CommentId,
    /// Who wrote it.
    pub author_name: String,
    /// Written by support staff.
    pub by_support: bool,
    /// Visible to the customer (internal comments reach staff only).
    pub public: bool,
    /// When (RFC 3339, UTC).
    pub created_at: String,
    /// Text.
    pub body: String,
}

/// Everything the case page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetail {
    /// Number.
    pub number: CaseNumber,
    /// Subject.
    pub subject: String,
    /// Status.
    pub status: CaseStatus,
    /// Description.
    pub description: String,
    /// Product.
    pub product: Option<String>,
    /// Resolution (empty until support writes one).
    pub resolution: String,
    /// How it arrived.
    pub origin: CaseOrigin,
    /// Country.
    pub country: String,
    /// Opened (RFC 3339, UTC).
    pub opened_at: String,
    /// Company name.
    pub account_name: String,
    /// Company phone.
    pub company_phone: String,
    /// Contact name.
    pub contact_name: String,
    /// Contact phone.
    pub contact_phone: String,
    /// Whether I follow it.
    pub following: bool,
    /// Comments I may see, oldest first.
    pub comments: Vec<CommentView>,
    /// Files.
    pub attachments: Vec<FileInfo>,
    /// Whether I may write internal comments (support staff).
    pub can_comment_internally: bool,
    /// The per-file upload limit in MB.
    pub max_upload_mb: u64,
    /// Survey invitations and their answers.
    pub surveys: Vec<SurveyView>,
    /// Whether I may change the status and resolution (support staff).
    pub can_update: bool,
    /// Knowledge articles support attached.
    pub articles: Vec<crate::domain::knowledge::ArticleSummary>,
    /// Whether I may attach and detach articles (support staff).
    pub can_attach_articles: bool,
}

/// What a case's data is read for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseReading {
    /// The case page: internal comments for staff, and the case joins "Recently viewed".
    #[default]
    Page,
    /// The printable view: public comments only, for everyone (a printout leaves the building),
    /// and no view recorded.
    Print,
}
