//! Case list views ("My cases", "All cases", "Recently viewed"): what a list shows, and its state
//! (view, sort, filter, search, page) as it lives in the URL, so that a list can be bookmarked and
//! the back button works.
use super::{CaseNumber, CaseStatus, encode_query_value};
use serde::{Deserialize, Serialize};

/// Rows per page.
pub const PAGE_SIZE: i64 = 50;

/// Lists count their cases up to this many; beyond it the header says "10000+ items" (as
/// Salesforce's "50+ items"). Counting every row of a million-case list took 200 ms on SQLite and
/// over a second on PostgreSQL per page; counting to the cap reads at most this many index entries.
pub const COUNT_CAP: i64 = 10_000;
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
        }
    }

    /// The column for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The direction a click on the header starts with: newest and highest first for dates and
    /// numbers, A to Z for text.
    pub fn first_descending(self) -> bool {
        matches!(self, Self::Opened | Self::Number)
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
