//! Case list views ("My cases", "All cases", "Recently viewed"): what a list shows, and its state
//! (view, sort, filter, search, page) as it lives in the URL, so that a list can be bookmarked and
//! the back button works.
use super::{
    AccountId, CaseNumber, CaseOrigin, CaseStatus, Priority, ProductId, UserId, encode_query_value,
};
use serde::{Deserialize, Serialize};

/// Rows per page.
pub const PAGE_SIZE: i64 = 50;

/// Lists count their cases up to this many; beyond it the header says "1000+ items" (as
/// Salesforce's "50+ items"). Counting every row of a million-case list took 200 ms on SQLite and
/// over a second on PostgreSQL per page; counting to the cap reads at most this many index entries.
/// At 10,000 the count was a quarter of a list page's CPU on SQLite, for a number nobody reads
/// differently from "1000+".
pub const COUNT_CAP: i64 = 1_000;
/// The longest search text kept.
pub const SEARCH_MAX: usize = 100;
/// The longest page cursor accepted (a company name of 255 characters fits).
pub const CURSOR_MAX: usize = 2048;

/// Which cases a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CaseView {
    /// Cases I opened.
    #[default]
    Mine,
    /// Every case of my company (staff: of every company).
    All,
    /// Cases I opened the page of lately, newest first.
    Recent,
}

/// The column a list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    /// Case number.
    Number,
    /// Company name.
    Account,
    /// Contact name.
    Contact,
    /// Subject.
    Subject,
    /// Status (in the order cases move through).
    Status,
    /// Date/time opened.
    #[default]
    Opened,
    /// Last change (the queue).
    Updated,
    /// Priority, then newest (the queue).
    Priority,
}

impl CaseView {
    /// Every view, in tab order.
    pub const ALL: [CaseView; 3] = [CaseView::Mine, CaseView::All, CaseView::Recent];

    /// The code in URLs.
    pub fn code(self) -> &'static str {
        match self {
            Self::Mine => "mine",
            Self::All => "all",
            Self::Recent => "recent",
        }
    }

    /// The view for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }
}

impl SortKey {
    /// Every column, in table order.
    pub const ALL: [SortKey; 6] = [
        SortKey::Number,
        SortKey::Account,
        SortKey::Contact,
        SortKey::Subject,
        SortKey::Status,
        SortKey::Opened,
    ];

    /// The code in URLs.
    pub fn code(self) -> &'static str {
        match self {
            Self::Number => "number",
            Self::Account => "account",
            Self::Contact => "contact",
            Self::Subject => "subject",
            Self::Status => "status",
            Self::Opened => "opened",
            Self::Updated => "updated",
            Self::Priority => "priority",
        }
    }

    /// The column for a code (the queue's sorts too).
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .chain([Self::Updated, Self::Priority])
            .find(|k| k.code() == code)
    }

    /// The direction a click on the header starts with: newest and highest first for dates and
    /// numbers, A to Z for text.
    pub fn first_descending(self) -> bool {
        matches!(
            self,
            Self::Opened | Self::Number | Self::Updated | Self::Priority
        )
    }
}

/// A list's state, as in its URL: `?view=all&sort=subject&dir=asc&status=new&q=printer&after=123`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    /// Which cases.
    pub view: CaseView,
    /// Sorted by.
    pub sort: SortKey,
    /// Descending?
    pub desc: bool,
    /// Only this status.
    pub status: Option<CaseStatus>,
    /// Search text (subject, or a case number).
    pub q: String,
    /// Page after this cursor (keyset pagination; opaque, made by the server from the last row's
    /// sort value and id).
    pub after: Option<String>,
}

impl Default for ListQuery {
    /// "My cases", newest first, everything, first page.
    fn default() -> Self {
        Self {
            view: CaseView::default(),
            sort: SortKey::default(),
            desc: SortKey::default().first_descending(),
            status: None,
            q: String::new(),
            after: None,
        }
    }
}

impl ListQuery {
    /// Reads the URL's parameters; anything unknown falls back to the default.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let sort = get("sort")
            .and_then(|s| SortKey::from_code(&s))
            .unwrap_or_default();
        Self {
            view: get("view")
                .and_then(|v| CaseView::from_code(&v))
                .unwrap_or_default(),
            sort,
            desc: match get("dir").as_deref() {
                Some("asc") => false,
                Some("desc") => true,
                _ => sort.first_descending(),
            },
            status: get("status").and_then(|s| CaseStatus::from_code(&s)),
            q: get("q")
                .map(|q| q.trim().chars().take(SEARCH_MAX).collect())
                .unwrap_or_default(),
            after: get("after").filter(|a| !a.is_empty() && a.len() <= CURSOR_MAX),
        }
    }

    /// The URL of this state (only what differs from the defaults).
    pub fn href(&self) -> String {
        let mut parts = Vec::new();
        if self.view != CaseView::default() {
            parts.push(format!("view={}", self.view.code()));
        }
        if self.sort != SortKey::default() {
            parts.push(format!("sort={}", self.sort.code()));
        }
        if self.desc != self.sort.first_descending() {
            parts.push(format!("dir={}", if self.desc { "desc" } else { "asc" }));
        }
        if let Some(status) = self.status {
            parts.push(format!("status={}", status.code()));
        }
        if !self.q.is_empty() {
            parts.push(format!("q={}", encode_query_value(&self.q)));
        }
        if let Some(after) = &self.after {
            parts.push(format!("after={}", encode_query_value(after)));
        }
        if parts.is_empty() {
            "/cases".into()
        } else {
            format!("/cases?{}", parts.join("&"))
        }
    }

    /// The same list from its first page.
    pub fn first_page(&self) -> Self {
        Self {
            after: None,
            ..self.clone()
        }
    }

    /// The list sorted by `key`: a second click on the current column turns the direction round.
    pub fn sorted_by(&self, key: SortKey) -> Self {
        let desc = if key == self.sort {
            !self.desc
        } else {
            key.first_descending()
        };
        Self {
            sort: key,
            desc,
            after: None,
            ..self.clone()
        }
    }

    /// Another view with the same sort, filter and search.
    pub fn with_view(&self, view: CaseView) -> Self {
        Self {
            view,
            after: None,
            ..self.clone()
        }
    }
}

/// Whose cases the queue shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AssigneeFilter {
    /// Anyone's and no one's.
    #[default]
    Anyone,
    /// Mine.
    Me,
    /// No one's yet.
    Unassigned,
    /// This staff member's.
    Person(UserId),
}

impl AssigneeFilter {
    /// The code in URLs: `me`, `none`, or a staff member's id.
    pub fn code(self) -> Option<String> {
        match self {
            Self::Anyone => None,
            Self::Me => Some("me".into()),
            Self::Unassigned => Some("none".into()),
            Self::Person(id) => Some(id.0.to_string()),
        }
    }

    /// The filter for a code; anything else is "anyone".
    pub fn from_code(code: &str) -> Self {
        match code {
            "me" => Self::Me,
            "none" => Self::Unassigned,
            other => other
                .parse::<i64>()
                .ok()
                .filter(|n| *n > 0)
                .map_or(Self::Anyone, |n| Self::Person(UserId(n))),
        }
    }
}

/// The statuses the queue holds unless one is chosen: the cases support still works on.
pub const OPEN_STATUSES: [CaseStatus; 3] = [
    CaseStatus::New,
    CaseStatus::InProgress,
    CaseStatus::AwaitingCustomer,
];

/// The statuses the queue counts and offers as tabs (after "Open").
pub const QUEUE_STATUSES: [CaseStatus; 4] = [
    CaseStatus::New,
    CaseStatus::InProgress,
    CaseStatus::AwaitingCustomer,
    CaseStatus::Solved,
];

/// The queue's state, as in its URL:
/// `/queue?status=new&product=3&account=7&assignee=me&origin=phone&priority=urgent&sort=priority`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    /// Only this status (`None`: the open ones, [`OPEN_STATUSES`]).
    pub status: Option<CaseStatus>,
    /// Only this product.
    pub product: Option<ProductId>,
    /// Only this company.
    pub account: Option<AccountId>,
    /// Whose.
    pub assignee: AssigneeFilter,
    /// Only those that came this way.
    pub origin: Option<CaseOrigin>,
    /// Only this priority.
    pub priority: Option<Priority>,
    /// Sorted by: last update (the default), opened, or priority.
    pub sort: SortKey,
    /// Descending?
    pub desc: bool,
    /// Page after this cursor (as in [`ListQuery::after`]).
    pub after: Option<String>,
}

impl Default for QueueQuery {
    /// Open cases of every company, the most recently changed first.
    fn default() -> Self {
        Self {
            status: None,
            product: None,
            account: None,
            assignee: AssigneeFilter::Anyone,
            origin: None,
            priority: None,
            sort: SortKey::Updated,
            desc: true,
            after: None,
        }
    }
}

/// The sorts the queue offers.
pub const QUEUE_SORTS: [SortKey; 3] = [SortKey::Updated, SortKey::Opened, SortKey::Priority];

impl QueueQuery {
    /// Reads the URL's parameters; anything unknown falls back to the default.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let id = |name: &str| {
            get(name)
                .and_then(|v| v.trim().parse::<i64>().ok())
                .filter(|n| *n > 0)
        };
        let sort = get("sort")
            .and_then(|s| SortKey::from_code(&s))
            .filter(|s| QUEUE_SORTS.contains(s))
            .unwrap_or(SortKey::Updated);
        Self {
            status: get("status").and_then(|s| CaseStatus::from_code(&s)),
            product: id("product").map(ProductId),
            account: id("account").map(AccountId),
            assignee: get("assignee").map_or(AssigneeFilter::Anyone, |a| {
                AssigneeFilter::from_code(a.trim())
            }),
            origin: get("origin").and_then(|o| CaseOrigin::from_code(&o)),
            priority: get("priority").and_then(|p| Priority::from_code(&p)),
            sort,
            desc: match get("dir").as_deref() {
                Some("asc") => false,
                Some("desc") => true,
                _ => sort.first_descending(),
            },
            after: get("after").filter(|a| !a.is_empty() && a.len() <= CURSOR_MAX),
        }
    }

    /// The URL of this state (only what differs from the defaults).
    pub fn href(&self) -> String {
        let mut parts = Vec::new();
        if let Some(status) = self.status {
            parts.push(format!("status={}", status.code()));
        }
        if let Some(product) = self.product {
            parts.push(format!("product={}", product.0));
        }
        if let Some(account) = self.account {
            parts.push(format!("account={}", account.0));
        }
        if let Some(code) = self.assignee.code() {
            parts.push(format!("assignee={code}"));
        }
        if let Some(origin) = self.origin {
            parts.push(format!("origin={}", origin.code()));
        }
        if let Some(priority) = self.priority {
            parts.push(format!("priority={}", priority.code()));
        }
        if self.sort != SortKey::Updated {
            parts.push(format!("sort={}", self.sort.code()));
        }
        if self.desc != self.sort.first_descending() {
            parts.push(format!("dir={}", if self.desc { "desc" } else { "asc" }));
        }
        if let Some(after) = &self.after {
            parts.push(format!("after={}", encode_query_value(after)));
        }
        if parts.is_empty() {
            "/queue".into()
        } else {
            format!("/queue?{}", parts.join("&"))
        }
    }

    /// The same queue with another status tab, from its first page.
    pub fn with_status(&self, status: Option<CaseStatus>) -> Self {
        Self {
            status,
            after: None,
            ..self.clone()
        }
    }
}

/// One row of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    /// The row as every list shows it.
    pub case: CaseListItem,
    /// Priority.
    pub priority: Priority,
    /// Who works on it.
    pub assignee_name: Option<String>,
    /// Last change (RFC 3339, UTC).
    pub updated_at: String,
}

/// A page of the queue, with its tabs' counts and what its filters offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    /// The rows.
    pub items: Vec<QueueItem>,
    /// The live feed's position when the page was read: its live updates start after it.
    pub live_after: i64,
    /// Cases per status of [`QUEUE_STATUSES`] under the other filters, each counted up to
    /// [`COUNT_CAP`] + 1.
    pub counts: Vec<(CaseStatus, i64)>,
    /// The next page's cursor, if there is one.
    pub next_after: Option<String>,
    /// Products to filter by (id, name).
    pub products: Vec<(ProductId, String)>,
    /// Companies to filter by (id, name).
    pub accounts: Vec<(AccountId, String)>,
    /// Staff to filter and assign by (id, name).
    pub staff: Vec<(UserId, String)>,
    /// When the server read it (RFC 3339, UTC).
    pub fetched_at: String,
}

/// One row of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseListItem {
    /// Internal id.
    pub id: i64,
    /// Case number.
    pub number: CaseNumber,
    /// Company.
    pub account_name: String,
    /// Contact.
    pub contact_name: String,
    /// Subject.
    pub subject: String,
    /// Status.
    pub status: CaseStatus,
    /// Opened (RFC 3339, UTC).
    pub opened_at: String,
}

/// A page of a list with what its header says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseListPage {
    /// The rows.
    pub items: Vec<CaseListItem>,
    /// How many cases the list holds (all pages), counted up to [`COUNT_CAP`] + 1: a value above
    /// the cap means "more than the cap".
    pub total: i64,
    /// The next page's cursor, if there is one.
    pub next_after: Option<String>,
    /// When the server read it (RFC 3339, UTC).
    pub fetched_at: String,
    /// The reader is support staff (staff wording of statuses).
    pub staff: bool,
    /// The live feed's position when the page was read: its live updates start after it.
    pub live_after: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(url: &str) -> ListQuery {
        let query = url.split_once('?').map_or("", |(_, q)| q);
        let pairs: Vec<(String, String)> = query
            .split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.to_string(), v.replace("%20", " ")))
            .collect();
        ListQuery::from_params(|k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))
    }

    #[test]
    fn the_url_round_trips_and_stays_short() {
        let q = ListQuery::default();
        assert_eq!(q.href(), "/cases");
        assert!(q.desc, "newest first by default");
        let q = ListQuery {
            view: CaseView::All,
            sort: SortKey::Subject,
            desc: true,
            status: Some(CaseStatus::InProgress),
            q: "paint module".into(),
            after: Some("NDIKMTIz".into()),
        };
        assert_eq!(
            q.href(),
            "/cases?view=all&sort=subject&dir=desc&status=in_progress&q=paint%20module&after=NDIKMTIz"
        );
        assert_eq!(parse(&q.href()), q);
        assert_eq!(
            parse("/cases?view=nope&sort=evil&dir=x"),
            ListQuery::default()
        );
    }

    #[test]
    fn the_queue_url_round_trips_and_ignores_garbage() {
        let q = QueueQuery::default();
        assert_eq!(q.href(), "/queue");
        let q = QueueQuery {
            status: Some(CaseStatus::New),
            product: Some(ProductId(3)),
            account: Some(AccountId(7)),
            assignee: AssigneeFilter::Me,
            origin: Some(CaseOrigin::Phone),
            priority: Some(Priority::Urgent),
            sort: SortKey::Priority,
            desc: false,
            after: Some("NDIK".into()),
        };
        let href = q.href();
        assert_eq!(
            href,
            "/queue?status=new&product=3&account=7&assignee=me&origin=phone&priority=urgent&sort=priority&dir=asc&after=NDIK"
        );
        let pairs: Vec<(String, String)> = href
            .split_once('?')
            .map_or("", |(_, q)| q)
            .split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        assert_eq!(QueueQuery::from_params(get), q);
        let odd = [("sort", "subject"), ("assignee", "-4"), ("product", "x")];
        let get = |k: &str| {
            odd.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        };
        assert_eq!(
            QueueQuery::from_params(get),
            QueueQuery::default(),
            "a sort the queue does not offer, a bad id: the defaults"
        );
        assert_eq!(
            AssigneeFilter::from_code("12"),
            AssigneeFilter::Person(UserId(12))
        );
        assert_eq!(
            AssigneeFilter::from_code("none"),
            AssigneeFilter::Unassigned
        );
    }

    #[test]
    fn clicking_a_header_sorts_then_turns_round() {
        let q = ListQuery::default().sorted_by(SortKey::Subject);
        assert_eq!((q.sort, q.desc), (SortKey::Subject, false));
        let q = q.sorted_by(SortKey::Subject);
        assert!(q.desc);
        let q = ListQuery {
            after: Some("NQo1".into()),
            ..q
        }
        .sorted_by(SortKey::Opened);
        assert_eq!((q.sort, q.desc, q.after), (SortKey::Opened, true, None));
    }
}
