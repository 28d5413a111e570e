//! What the REST API sends and takes: its own representations, built from what the services answer
//! the pages. The pages' types carry what a page needs (live-update positions, which buttons to
//! show, the desk's menus); a program gets a stable resource instead, and the OpenAPI document
//! (`super::doc`) is derived from these types, so the document and the answers cannot drift apart.
use app::domain::attachments::FileInfo;
use app::domain::case_list::{CaseListItem, CaseListPage};
use app::domain::case_page::{CaseDetail, CommentView};
use app::domain::knowledge::{Article as PageArticle, ArticleCategory, ArticleSummary};
use app::domain::staff::{AccountDetail, AccountSummary, ContactInfo};
use app::domain::{CaseOrigin, CaseStatus, Language, Priority, cases::ProductOption};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// An error: a code, and for `invalid` the message keys of each field that was refused.
#[derive(Debug, Serialize, ToSchema)]
pub struct Error {
    /// `unauthenticated`, `forbidden`, `read_only_token`, `not_found` (no such case, article or
    /// company for you), `no_such_route` (the API has no such path), `invalid`, `bad_json`,
    /// `bad_multipart`, `conflict`, `too_large`, `rate_limited`, `unavailable` or `internal`.
    pub error: String,
    /// For `invalid`: per field, the keys of its messages (`error_subject_required`...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<BTreeMap<String, Vec<String>>>,
}

/// A case as a list shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseSummary {
    /// Its number, eight digits as the portal writes it (`00000042`).
    pub number: String,
    /// Subject.
    pub subject: String,
    /// Status.
    pub status: CaseStatus,
    /// The company's name.
    pub account: String,
    /// The contact's name.
    pub contact: String,
    /// When it was opened (RFC 3339).
    pub opened_at: String,
}

impl From<CaseListItem> for CaseSummary {
    fn from(c: CaseListItem) -> Self {
        Self {
            number: c.number.to_string(),
            subject: c.subject,
            status: c.status,
            account: c.account_name,
            contact: c.contact_name,
            opened_at: c.opened_at,
        }
    }
}

/// One page of cases.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseList {
    /// The cases, in the order asked for.
    pub items: Vec<CaseSummary>,
    /// How many cases the list holds in all (counted up to a cap).
    pub total: i64,
    /// The `after` of the next page; absent on the last.
    pub next_after: Option<String>,
}

impl From<CaseListPage> for CaseList {
    fn from(page: CaseListPage) -> Self {
        Self {
            items: page.items.into_iter().map(Into::into).collect(),
            total: page.total,
            next_after: page.next_after,
        }
    }
}

/// A comment on a case.
#[derive(Debug, Serialize, ToSchema)]
pub struct Comment {
    /// Its id.
    pub id: i64,
    /// Who wrote it.
    pub author: String,
    /// Written by support (not by the customer's side).
    pub by_support: bool,
    /// Seen by the customer; `false` for support's internal notes (only staff ever get those).
    pub public: bool,
    /// When (RFC 3339).
    pub created_at: String,
    /// The text.
    pub body: String,
}

impl From<CommentView> for Comment {
    fn from(c: CommentView) -> Self {
        Self {
            id: c.id.0,
            author: c.author_name,
            by_support: c.by_support,
            public: c.public,
            created_at: c.created_at,
            body: c.body,
        }
    }
}

/// A file attached to a case (its latest version).
#[derive(Debug, Serialize, ToSchema)]
pub struct File {
    /// Its id.
    pub id: i64,
    /// The file's name.
    pub name: String,
    /// Bytes.
    pub size: i64,
    /// Which version of the document this is (1 for the first).
    pub version: i32,
    /// When it was uploaded (RFC 3339).
    pub uploaded_at: String,
}

/// Files of a case.
#[derive(Debug, Serialize, ToSchema)]
pub struct Files {
    /// Every file of the case, the newest versions.
    pub files: Vec<File>,
}

/// What `POST /api/v1/cases/{number}/files` takes: one or more `file` parts.
#[derive(Debug, ToSchema)]
#[allow(
    dead_code,
    reason = "documents the multipart body; the handler streams the parts"
)]
pub struct NewFiles {
    /// A file (repeat the part for more).
    #[schema(format = Binary, content_media_type = "application/octet-stream")]
    pub file: Vec<u8>,
}

impl From<FileInfo> for File {
    fn from(f: FileInfo) -> Self {
        Self {
            id: f.id.0,
            name: f.name,
            size: f.size,
            version: f.version,
            uploaded_at: f.uploaded_at,
        }
    }
}

/// A change in a case's history (support only).
#[derive(Debug, Serialize, ToSchema)]
pub struct Change {
    /// What changed (`status`, `priority`, `assignee`, `subject`, `contact`...).
    pub kind: String,
    /// Who changed it; absent for the system (a case closed after its waiting days).
    pub by: Option<String>,
    /// Before.
    pub old_value: String,
    /// After.
    pub new_value: String,
    /// When (RFC 3339).
    pub at: String,
}

/// One case, whole.
#[derive(Debug, Serialize, ToSchema)]
pub struct Case {
    /// Its number, eight digits (`00000042`).
    pub number: String,
    /// Subject.
    pub subject: String,
    /// Description.
    pub description: String,
    /// Status.
    pub status: CaseStatus,
    /// Priority.
    pub priority: Priority,
    /// How it reached support.
    pub origin: CaseOrigin,
    /// The product's name, if one was chosen.
    pub product: Option<String>,
    /// Country.
    pub country: String,
    /// The company's name.
    pub account: String,
    /// The contact's name.
    pub contact: String,
    /// Who in support has it, if anyone.
    pub assignee: Option<String>,
    /// The resolution, once solved.
    pub resolution: String,
    /// When it was opened (RFC 3339).
    pub opened_at: String,
    /// Its comments, oldest first (internal notes for staff only).
    pub comments: Vec<Comment>,
    /// Its files.
    pub files: Vec<File>,
    /// Support only: what changed, when and by whom.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<Change>>,
}

impl From<CaseDetail> for Case {
    fn from(c: CaseDetail) -> Self {
        let history = c.desk.map(|desk| {
            desk.history
                .into_iter()
                .map(|e| Change {
                    kind: serde_json::to_value(e.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default(),
                    by: e.actor_name,
                    old_value: e.old_value,
                    new_value: e.new_value,
                    at: e.created_at,
                })
                .collect()
        });
        Self {
            number: c.number.to_string(),
            subject: c.subject,
            description: c.description,
            status: c.status,
            priority: c.priority,
            origin: c.origin,
            product: c.product,
            country: c.country,
            account: c.account_name,
            contact: c.contact_name,
            assignee: c.assignee_name,
            resolution: c.resolution,
            opened_at: c.opened_at,
            comments: c.comments.into_iter().map(Into::into).collect(),
            files: c.attachments.into_iter().map(|f| f.file.into()).collect(),
            history,
        }
    }
}

/// A new case: a customer's for their own company; support's for `contact` of company `account`,
/// taken by `origin`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewCase {
    /// Subject (required, one line).
    pub subject: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// A product's name, as `GET /api/v1/products` gives it (any case).
    #[serde(default)]
    pub product: String,
    /// Country.
    #[serde(default)]
    pub country: String,
    /// Support only: the company's id.
    #[serde(default)]
    pub account: Option<i64>,
    /// Support only: the contact's id (one of the company's).
    #[serde(default)]
    pub contact: Option<i64>,
    /// Support only: `phone` or `email`.
    #[serde(default)]
    pub origin: String,
}

/// Support's change of a case, as the case page's "Update case" form makes it: whatever is
/// left out stays as it is.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseUpdate {
    /// The new status; solving or closing needs a resolution (given here or already there).
    #[serde(default)]
    pub status: Option<CaseStatus>,
    /// The new priority.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// Who in support has it: a staff member's id, `me`, or an empty string for nobody.
    #[serde(default)]
    pub assignee: Option<String>,
    /// The resolution (up to 4,000 characters).
    #[serde(default)]
    pub resolution: Option<String>,
    /// Support: the subject (the new-case form's rules).
    #[serde(default)]
    pub subject: Option<String>,
    /// Support: the description.
    #[serde(default)]
    pub description: Option<String>,
    /// Support: the product's name (an active product; `""` for none).
    #[serde(default)]
    pub product: Option<String>,
    /// Support: the country.
    #[serde(default)]
    pub country: Option<String>,
    /// Support: the contact, one of the case's company's contacts (their id).
    #[serde(default)]
    pub contact: Option<i64>,
}

/// A new comment.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewComment {
    /// Its text.
    pub body: String,
    /// Staff only: a note support sees and the customer never does.
    #[serde(default)]
    pub internal: bool,
}

/// A product the new-case form offers.
#[derive(Debug, Serialize, ToSchema)]
pub struct Product {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
}

impl From<ProductOption> for Product {
    fn from(p: ProductOption) -> Self {
        Self {
            id: p.id.0,
            name: p.name,
        }
    }
}

/// A knowledge-base article as a search finds it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleHead {
    /// Its number (`000123`).
    pub number: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Its language's code (`en`, `ru`, `nl`).
    pub language: String,
    /// Its section.
    pub category: ArticleCategory,
}

impl From<ArticleSummary> for ArticleHead {
    fn from(a: ArticleSummary) -> Self {
        Self {
            number: a.number,
            title: a.title,
            summary: a.summary,
            language: a.language,
            category: a.category,
        }
    }
}

/// A published article.
#[derive(Debug, Serialize, ToSchema)]
pub struct Article {
    /// Number, title, summary, language, section.
    #[serde(flatten)]
    pub head: ArticleHead,
    /// Its text, in Markdown.
    pub body: String,
    /// Its text as the portal shows it (sanitized HTML).
    pub body_html: String,
    /// When it was last changed (RFC 3339).
    pub updated_at: String,
    /// Its published translations.
    pub translations: Vec<ArticleHead>,
}

impl From<PageArticle> for Article {
    fn from(a: PageArticle) -> Self {
        Self {
            head: a.head.into(),
            body: a.body,
            body_html: a.body_html,
            updated_at: a.updated_at,
            translations: a.translations.into_iter().map(Into::into).collect(),
        }
    }
}

/// A customer company.
#[derive(Debug, Serialize, ToSchema)]
pub struct Account {
    /// Its id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Phone.
    pub phone: String,
    /// Country.
    pub country: String,
    /// How many contacts may have portal access.
    pub limit: i32,
    /// How many contacts it has.
    pub contact_count: i64,
    /// How many of them have portal access.
    pub with_access_count: i64,
}

impl From<AccountSummary> for Account {
    fn from(a: AccountSummary) -> Self {
        Self {
            id: a.id.0,
            name: a.name,
            phone: a.phone,
            country: a.country,
            limit: a.limit,
            contact_count: a.contacts,
            with_access_count: a.with_access,
        }
    }
}

/// A company's contact.
#[derive(Debug, Serialize, ToSchema)]
pub struct Contact {
    /// Its id (a case's `contact`).
    pub id: i64,
    /// Name.
    pub name: String,
    /// Email address.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// The language of their pages and emails.
    pub language: Language,
    /// May sign in to the portal.
    pub portal_access: bool,
}

impl From<ContactInfo> for Contact {
    fn from(c: ContactInfo) -> Self {
        Self {
            id: c.id.0,
            name: c.name,
            email: c.email,
            phone: c.phone,
            language: c.language,
            portal_access: c.portal_access,
        }
    }
}

/// A company with its contacts.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountWithContacts {
    /// The company.
    #[serde(flatten)]
    pub account: Account,
    /// Its contacts, by name.
    pub contacts: Vec<Contact>,
}

impl From<AccountDetail> for AccountWithContacts {
    fn from(d: AccountDetail) -> Self {
        Self {
            account: d.account.into(),
            contacts: d.contacts.into_iter().map(Into::into).collect(),
        }
    }
}

/// Products.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProductList {
    /// The products.
    pub items: Vec<Product>,
}

/// Articles.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleList {
    /// The articles, best match first.
    pub items: Vec<ArticleHead>,
}

/// Companies.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountList {
    /// The companies, by name.
    pub items: Vec<Account>,
}
