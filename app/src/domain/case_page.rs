//! The case page as both sides see it.
use super::attachments::CaseFile;
use super::surveys::SurveyView;
use super::{CaseNumber, CaseOrigin, CaseStatus, CommentId, Priority, UserId};
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
    /// The live feed's position when the page was read: its live updates start after it.
    pub live_after: i64,
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
    pub attachments: Vec<CaseFile>,
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
    /// How urgent.
    pub priority: Priority,
    /// Who works on it (shown to the customer as well).
    pub assignee_name: Option<String>,
    /// What the customer may do with it themselves ("My problem is solved", "Reopen").
    pub settle: Settle,
    /// Support's side of the page (`None` for customers).
    pub desk: Option<DeskView>,
}

/// What a customer may do with their case themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Settle {
    /// Close it ("my problem is solved"): any case not closed yet.
    pub close: bool,
    /// Reopen it: a solved case (support's solution did not help).
    pub reopen: bool,
}

/// Support's part of the case page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskView {
    /// Who works on it.
    pub assignee: Option<UserId>,
    /// Whether that is me.
    pub assigned_to_me: bool,
    /// Everyone the case may be assigned to (active staff), by name; a deactivated assignee comes
    /// last, so saving the form keeps them rather than unassigning the case.
    pub staff: Vec<(UserId, String)>,
    /// The assignee was deactivated since (the form marks them so).
    pub assignee_inactive: bool,
    /// The case's contact.
    pub contact: UserId,
    /// The company's contacts (with portal access or without), who may be the case's contact.
    pub contacts: Vec<(UserId, String)>,
    /// What happened to it, oldest first.
    pub history: Vec<EventView>,
    /// The canned replies to insert, as "Title (EN)" (the contact's language first).
    pub replies: Vec<(crate::domain::ReplyId, String)>,
    /// The canned reply asked for (`?reply=ID`), filled in for this case.
    pub reply: Option<String>,
    /// The emails that opened or answered the case: their sender and raw message.
    pub mail: Vec<crate::domain::inbound::InboundView>,
}

/// What an entry of a case's history records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
// Stored as its code in a TEXT column on both databases.
#[cfg_attr(
    feature = "ssr",
    derive(sqlx::Type),
    sqlx(type_name = "text", rename_all = "snake_case")
)]
pub enum EventKind {
    /// The status changed (old and new are status codes).
    Status,
    /// The priority changed (priority codes).
    Priority,
    /// The assignee changed (names; empty: nobody).
    Assignee,
    /// The resolution was written or changed (the new text).
    Resolution,
    /// A public comment (its first words).
    Comment,
    /// An internal comment (its first words).
    InternalComment,
    /// The subject changed (old and new text).
    Subject,
    /// The description changed (the first words of old and new).
    Description,
    /// The product changed (names; empty: none).
    Product,
    /// The country changed.
    Country,
    /// The contact changed (names).
    Contact,
    /// A file was added to the case after it was opened (its name).
    File,
    /// A new version of a file (old: the version number; new: its name).
    FileVersion,
    /// A file was removed from the case, every version (its name).
    FileRemoved,
    /// A knowledge article was attached (its number and title).
    ArticleAttached,
    /// A knowledge article was removed from the case (its number and title).
    ArticleRemoved,
}

impl EventKind {
    /// An entry only support staff may hear of (an internal comment): the policy's
    /// [`can_read_comment`](crate::backend::policy) rule reads it as "not public".
    pub fn is_internal(self) -> bool {
        self == Self::InternalComment
    }
}

/// One entry of a case's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    /// What.
    pub kind: EventKind,
    /// Who (`None`: Portico itself, as the automatic close).
    pub actor_name: Option<String>,
    /// The value before.
    pub old_value: String,
    /// The value after.
    pub new_value: String,
    /// When (RFC 3339, UTC).
    pub created_at: String,
}

/// How much of a comment the history quotes.
pub const EVENT_EXCERPT: usize = 120;

/// The first [`EVENT_EXCERPT`] characters of `text`, with an ellipsis when cut.
pub fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(EVENT_EXCERPT).collect();
    if text.chars().count() > EVENT_EXCERPT {
        out.push('…');
    }
    out
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
    /// A program reading through the REST API: what the page shows, but no view recorded (a
    /// script that reads a hundred cases has not looked at them).
    Api,
}
