//! Case lists: one query shape for every view, sort, filter and search, paged by keyset (the next
//! page starts after the last row's sort value and id), so page 2,000 costs what page 1 does.
//!
//! The cursor carries the last row's own sort value and id ([`Cursor`]); the next page's query
//! compares against those values and never looks another case up. (A cursor that named a case by
//! id alone let a customer sort against any company's case and read it back, issue #11.) A forged
//! cursor only moves where the caller's own, company-scoped list starts.

use super::*;
pub use crate::backend::policy::Scope;

/// Which cases a list may hold. Every field set narrows it; the scope has no default, so the
/// caller (the service, from `policy::case_scope`) always says whose cases these are.
#[derive(Debug, Clone)]
pub struct CaseListFilter {
    /// Whose cases: one company's or every company's. Required, so that no default means
    /// "every company".
    pub scope: Scope,
    /// Only cases this contact opened.
    pub contact: Option<UserId>,
    /// Only the last 50 cases this person viewed.
    pub viewed_by: Option<UserId>,
    /// Only this status.
    pub status: Option<CaseStatus>,
    /// Subject contains this (folded) text...
    pub subject_contains: Option<String>,
    /// ...or the case has this number.
    pub number: Option<i64>,
    /// Only open cases (new, in progress, awaiting the customer): the queue without a status.
    pub open: bool,
    /// Only this product.
    pub product: Option<ProductId>,
    /// Only cases assigned to this person (`Some(None)`: to no one).
    pub assignee: Option<Option<UserId>>,
    /// Only those that came this way.
    pub origin: Option<CaseOrigin>,
    /// Only this priority.
    pub priority: Option<Priority>,
}

impl CaseListFilter {
    /// Every case in `scope`: the start of a filter.
    pub fn scoped(scope: Scope) -> Self {
        Self {
            scope,
            contact: None,
            viewed_by: None,
            status: None,
            subject_contains: None,
            number: None,
            open: false,
            product: None,
            assignee: None,
            origin: None,
            priority: None,
        }
    }
}

/// The queue's "open" term, written exactly as the partial indexes' `WHERE` (SQLite uses a
/// partial index only for a query that repeats its term).
const OPEN_TERM: &str = "c.is_open = TRUE";

/// A list row as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CaseListRow {
    /// Id.
    pub id: CaseId,
    /// Number.
    pub number: i64,
    /// Company name.
    pub account_name: String,
    /// Contact name.
    pub contact_name: String,
    /// Subject.
    pub subject: String,
    /// The subject as the app folded it for search and sorting.
    pub search_subject: String,
    /// Status code.
    pub status: CaseStatus,
    /// Opened.
    pub opened_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// Priority.
    pub priority: Priority,
    /// Assignee's name.
    pub assignee_name: Option<String>,
}

/// The value a list is sorted by, as the cursor carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SortValue {
    /// Case number or status rank.
    Int(i64),
    /// Company name, contact name or folded subject.
    Text(String),
    /// Date/time opened.
    Time(DateTime<Utc>),
}

/// Where the next page starts: after the row with this sort value and id, in the list's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// The last row's sort value.
    pub value: SortValue,
    /// The last row's id (breaks ties).
    pub id: i64,
}

/// The rank a status sorts by: the order cases move through.
pub fn status_rank(status: CaseStatus) -> i64 {
    CaseStatus::ALL
        .iter()
        .position(|s| *s == status)
        .map_or(CaseStatus::ALL.len() as i64, |i| i as i64)
}

impl Cursor {
    /// The cursor after `row` in a list sorted by `key`.
    pub fn after(row: &CaseListRow, key: SortKey) -> Self {
        let value = match key {
            SortKey::Number => SortValue::Int(row.number),
            SortKey::Account => SortValue::Text(row.account_name.clone()),
            SortKey::Contact => SortValue::Text(row.contact_name.clone()),
            SortKey::Subject => SortValue::Text(row.search_subject.clone()),
            SortKey::Status => SortValue::Int(status_rank(row.status)),
            SortKey::Opened => SortValue::Time(row.opened_at),
            SortKey::Updated => SortValue::Time(row.updated_at),
            SortKey::Priority => SortValue::Int(row.priority as i64),
        };
        Self {
            value,
            id: row.id.0,
        }
    }

    /// The cursor as it travels in URLs: URL-safe base64 of `id`, a newline and the value.
    pub fn encode(&self) -> String {
        use base64::Engine;
        let value = match &self.value {
            SortValue::Int(n) => n.to_string(),
            SortValue::Text(t) => t.clone(),
            SortValue::Time(t) => t.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
        };
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{}\n{value}", self.id))
    }

    /// Reads a cursor of a list sorted by `key`; `None` when it is not one.
    pub fn decode(text: &str, key: SortKey) -> Option<Self> {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(text)
            .ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let (id, value) = text.split_once('\n')?;
        let id = id.parse().ok()?;
        let value = match key {
            SortKey::Number | SortKey::Status | SortKey::Priority => {
                SortValue::Int(value.parse().ok()?)
            }
            SortKey::Account | SortKey::Contact | SortKey::Subject => {
                SortValue::Text(value.to_string())
            }
            SortKey::Opened | SortKey::Updated => SortValue::Time(
                DateTime::parse_from_rfc3339(value)
                    .ok()?
                    .with_timezone(&Utc),
            ),
        };
        Some(Self { value, id })
    }
}

impl From<SortValue> for Bind {
    fn from(value: SortValue) -> Self {
        match value {
            SortValue::Int(n) => Self::Int(n),
            SortValue::Text(t) => Self::Text(t),
            SortValue::Time(t) => Self::Time(t),
        }
    }
}

/// The sort expression over the aliases of a case (`c`), its company (`a`) and contact (`u`).
fn sort_expr(key: SortKey, c: &str, a: &str, u: &str) -> String {
    match key {
        SortKey::Number => format!("{c}.number"),
        SortKey::Account => format!("{a}.name"),
        SortKey::Contact => format!("{u}.name"),
        SortKey::Subject => format!("{c}.search_subject"),
        // The same ranks as `status_rank`, which the cursor carries.
        SortKey::Status => {
            let arms: String = CaseStatus::ALL
                .iter()
                .map(|st| format!(" WHEN '{}' THEN {}", st.code(), status_rank(*st)))
                .collect();
            format!("CASE {c}.status{arms} ELSE {} END", CaseStatus::ALL.len())
        }
        SortKey::Opened => format!("{c}.opened_at"),
        SortKey::Updated => format!("{c}.updated_at"),
        SortKey::Priority => format!("{c}.priority"),
    }
}

/// The `WHERE` conditions of `filter`.
fn conditions(filter: &CaseListFilter, q: &mut Query) {
    q.sql("WHERE 1 = 1");
    if let Scope::Company(account) = filter.scope {
        q.sql(" AND c.account_id = ").bind(Bind::Int(account.0));
    }
    if let Some(contact) = filter.contact {
        q.sql(" AND c.contact_id = ").bind(Bind::Int(contact.0));
    }
    if let Some(user) = filter.viewed_by {
        q.sql(" AND c.id IN (SELECT case_id FROM case_views WHERE user_id = ")
            .bind(Bind::Int(user.0))
            .sql(" ORDER BY viewed_at DESC LIMIT 50)");
    }
    if let Some(status) = &filter.status {
        q.sql(" AND c.status = ")
            .bind(Bind::Text(status.code().to_string()));
    }
    if filter.open {
        q.sql(format!(" AND {OPEN_TERM}"));
    }
    if let Some(product) = filter.product {
        q.sql(" AND c.product_id = ").bind(Bind::Int(product.0));
    }
    match filter.assignee {
        Some(Some(person)) => {
            q.sql(" AND c.assignee_id = ").bind(Bind::Int(person.0));
        }
        Some(None) => {
            q.sql(" AND c.assignee_id IS NULL");
        }
        None => {}
    }
    if let Some(origin) = filter.origin {
        q.sql(" AND c.origin = ")
            .bind(Bind::Text(origin.code().to_string()));
    }
    if let Some(priority) = filter.priority {
        q.sql(" AND c.priority = ").bind(Bind::Int(priority as i64));
    }
    let pattern = |text: &str| Bind::Text(format!("%{}%", super::like_escape(text)));
    match (&filter.subject_contains, filter.number) {
        (Some(text), Some(number)) => {
            q.sql(" AND (c.search_subject LIKE ")
                .bind(pattern(text))
                .sql(" ESCAPE '\\' OR c.number = ")
                .bind(Bind::Int(number))
                .sql(")");
        }
        (Some(text), None) => {
            q.sql(" AND c.search_subject LIKE ")
                .bind(pattern(text))
                .sql(" ESCAPE '\\'");
        }
        (None, Some(number)) => {
            q.sql(" AND c.number = ").bind(Bind::Int(number));
        }
        (None, None) => {}
    }
}

/// The page query: rows after `after` in the order of `key` (and id), at most `limit`.
pub fn list_query(
    filter: &CaseListFilter,
    key: SortKey,
    desc: bool,
    after: Option<&Cursor>,
    limit: i64,
) -> Query {
    let mut q = Query::default();
    // DIALECT: LEFT JOINs (every case has its company and contact, so the rows are the same) keep
    // SQLite from reordering the joins, so it walks the cases index in sort order instead of
    // sorting the whole company's cases; PostgreSQL plans them alike.
    q.sql(
        "SELECT c.id, c.number, a.name AS account_name, u.name AS contact_name, c.subject, \
         c.search_subject, c.status, c.opened_at, c.updated_at, c.priority, \
         s.name AS assignee_name FROM cases c \
         LEFT JOIN accounts a ON a.id = c.account_id LEFT JOIN users u ON u.id = c.contact_id \
         LEFT JOIN users s ON s.id = c.assignee_id ",
    );
    conditions(filter, &mut q);
    let expr = sort_expr(key, "c", "a", "u");
    let (cmp, dir) = if desc { ("<", "DESC") } else { (">", "ASC") };
    if let Some(after) = after {
        q.sql(format!(" AND ({expr}, c.id) {cmp} ("))
            .bind(after.value.clone().into())
            .sql(", ")
            .bind(Bind::Int(after.id))
            .sql(")");
    }
    q.sql(format!(" ORDER BY {expr} {dir}, c.id {dir} LIMIT "))
        .bind(Bind::Int(limit));
    q
}

/// How many cases the filter holds, counted up to `cap` + 1 (the list header says "cap+" beyond).
pub fn count_query(filter: &CaseListFilter, cap: i64) -> Query {
    let mut q = Query::default();
    q.sql("SELECT COUNT(*) FROM (SELECT 1 FROM cases c ");
    conditions(filter, &mut q);
    q.sql(" LIMIT ").bind(Bind::Int(cap + 1));
    q.sql(") AS counted");
    q
}

impl Store {
    /// A page of cases (see [`list_query`]).
    pub async fn list_cases(
        &self,
        filter: &CaseListFilter,
        key: crate::domain::case_list::SortKey,
        desc: bool,
        after: Option<&Cursor>,
        limit: i64,
    ) -> StoreResult<Vec<CaseListRow>> {
        let query = list_query(filter, key, desc, after, limit);
        db!(self, |pool, DB| {
            build::<DB>(&query)
                .build_query_as::<CaseListRow>()
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// How many cases the filter holds, up to `cap` + 1 (see [`count_query`]).
    pub async fn count_cases(&self, filter: &CaseListFilter, cap: i64) -> StoreResult<i64> {
        let query = count_query(filter, cap);
        db!(self, |pool, DB| {
            build::<DB>(&query)
                .build_query_scalar::<i64>()
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Writes views of cases (person, case, when) in one transaction; a later view of a case moves
    /// it to the front of that person's "Recently viewed" (see `backend::views`).
    pub async fn record_case_views(
        &self,
        views: &[(UserId, CaseId, DateTime<Utc>)],
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        for (user, case, at) in views {
            tx!(tx, |conn, DB| sqlx::query::<DB>(sql::RECORD_CASE_VIEW)
                .bind(user)
                .bind(case)
                .bind(at)
                .execute(conn)
                .await
                .map(|_| ()))?;
        }
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_customer_list_is_scoped_in_sql_and_pages_by_keyset() {
        let filter = CaseListFilter {
            status: Some(CaseStatus::New),
            subject_contains: Some("50%".into()),
            ..CaseListFilter::scoped(Scope::Company(AccountId(7)))
        };
        let cursor = Cursor {
            value: SortValue::Text("printer".into()),
            id: 99,
        };
        let query = list_query(&filter, SortKey::Subject, false, Some(&cursor), 50);
        let sql = build::<sqlx::Postgres>(&query).sql().to_string();
        assert!(sql.contains("c.account_id = $1"), "{sql}");
        assert!(sql.contains("c.status = $2"));
        assert!(
            sql.contains("c.search_subject LIKE $3 ESCAPE '\\'"),
            "{sql}"
        );
        assert!(
            sql.contains("(c.search_subject, c.id) > ($4, $5)"),
            "the cursor is compared by value, no case is looked up: {sql}"
        );
        assert!(!sql.contains("SELECT k."), "{sql}");
        assert!(
            sql.ends_with("ORDER BY c.search_subject ASC, c.id ASC LIMIT $6"),
            "{sql}"
        );
        let sqlite = build::<sqlx::Sqlite>(&query).sql().to_string();
        assert!(sqlite.contains("c.account_id = ?"), "{sqlite}");
        assert_eq!(
            query.binds(),
            [
                &Bind::Int(7),
                &Bind::Text("new".into()),
                &Bind::Text("%50\\%%".into()),
                &Bind::Text("printer".into()),
                &Bind::Int(99),
                &Bind::Int(50)
            ]
        );
    }

    #[test]
    fn the_open_queue_repeats_the_partial_index_term() {
        let filter = CaseListFilter {
            open: true,
            assignee: Some(None),
            priority: Some(Priority::High),
            ..CaseListFilter::scoped(Scope::All)
        };
        let query = list_query(&filter, SortKey::Updated, true, None, 51);
        let sql = build::<sqlx::Postgres>(&query).sql().to_string();
        assert!(sql.contains(" AND c.is_open = TRUE"), "{sql}");
        assert!(sql.contains("c.assignee_id IS NULL"), "{sql}");
        assert!(sql.contains("c.priority = $1"), "{sql}");
        assert!(
            sql.ends_with("ORDER BY c.updated_at DESC, c.id DESC LIMIT $2"),
            "{sql}"
        );
        assert!(!sql.contains("c.account_id ="), "every company's: {sql}");
        for dir in ["sqlite", "postgres"] {
            let path = format!(
                "{}/../migrations/{dir}/20261207000015_queue_open_column.sql",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(&path).expect("migration");
            let term = OPEN_TERM.trim_start_matches("c.");
            assert!(
                text.matches(&format!("WHERE {term}")).count() >= 4,
                "{path} indexes the same term"
            );
        }
    }

    #[test]
    fn cursors_round_trip_for_every_sort_and_refuse_garbage() {
        let row = CaseListRow {
            id: CaseId(41),
            number: 1234,
            account_name: "Acme & Co".into(),
            contact_name: "Anna\nde Boer".into(),
            subject: "Printer".into(),
            search_subject: "printer".into(),
            status: CaseStatus::Solved,
            opened_at: DateTime::parse_from_rfc3339("2026-11-30T10:11:12.345678Z")
                .expect("time")
                .with_timezone(&Utc),
            updated_at: DateTime::parse_from_rfc3339("2026-12-01T08:00:00.5Z")
                .expect("time")
                .with_timezone(&Utc),
            priority: Priority::Urgent,
            assignee_name: None,
        };
        for key in SortKey::ALL
            .into_iter()
            .chain([SortKey::Updated, SortKey::Priority])
        {
            let c = Cursor::after(&row, key);
            assert_eq!(Cursor::decode(&c.encode(), key), Some(c.clone()), "{key:?}");
            assert!(
                c.encode()
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b))
            );
        }
        assert_eq!(status_rank(CaseStatus::New), 0);
        assert_eq!(status_rank(CaseStatus::Closed), 4);
        assert_eq!(Cursor::decode("42", SortKey::Opened), None);
        assert_eq!(Cursor::decode("", SortKey::Number), None);
        let text = Cursor::after(&row, SortKey::Account).encode();
        assert_eq!(Cursor::decode(&text, SortKey::Opened), None, "not a time");
    }
}
