//! Case lists: one query shape for every view, sort, filter and search, paged by keyset (the next
//! page starts after the last row's sort value and id), so page 2,000 costs what page 1 does.
use super::StoreResult;
use crate::domain::case_list::SortKey;
use crate::domain::{AccountId, UserId};
use chrono::{DateTime, Utc};

/// Which cases a list may hold. Every field set narrows it; the caller (the service) sets the
/// company for customers, so a missed check fails closed in SQL.
#[derive(Debug, Clone, Default)]
pub struct CaseListFilter {
    /// Only this company's cases.
    pub account: Option<AccountId>,
    /// Only cases this contact opened.
    pub contact: Option<UserId>,
    /// Only the last 50 cases this person viewed.
    pub viewed_by: Option<UserId>,
    /// Only this status code.
    pub status: Option<String>,
    /// Subject contains this (folded) text...
    pub subject_contains: Option<String>,
    /// ...or the case has this number.
    pub number: Option<i64>,
}

/// A list row as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CaseListRow {
    /// Id.
    pub id: crate::domain::CaseId,
    /// Number.
    pub number: i64,
    /// Company name.
    pub account_name: String,
    /// Contact name.
    pub contact_name: String,
    /// Subject.
    pub subject: String,
    /// Status code.
    pub status: String,
    /// Opened.
    pub opened_at: DateTime<Utc>,
}

/// A value to bind, in placeholder order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bind {
    /// An integer.
    Int(i64),
    /// A text.
    Text(String),
}

/// The sort expression over the aliases of a case (`c`), its company (`a`) and contact (`u`).
fn sort_expr(key: SortKey, c: &str, a: &str, u: &str) -> String {
    match key {
        SortKey::Number => format!("{c}.number"),
        SortKey::Account => format!("{a}.name"),
        SortKey::Contact => format!("{u}.name"),
        SortKey::Subject => format!("{c}.search_subject"),
        SortKey::Status => format!(
            "CASE {c}.status WHEN 'new' THEN 1 WHEN 'in_progress' THEN 2 \
             WHEN 'awaiting_customer' THEN 3 WHEN 'solved' THEN 4 ELSE 5 END"
        ),
        SortKey::Opened => format!("{c}.opened_at"),
    }
}

/// `WHERE` conditions and their binds, numbering placeholders from `binds.len() + 1`.
fn conditions(filter: &CaseListFilter, binds: &mut Vec<Bind>) -> String {
    let next = |b: Bind, binds: &mut Vec<Bind>| {
        binds.push(b);
        format!("${}", binds.len())
    };
    let mut out = String::from("WHERE 1 = 1");
    if let Some(account) = filter.account {
        out += &format!(" AND c.account_id = {}", next(Bind::Int(account.0), binds));
    }
    if let Some(contact) = filter.contact {
        out += &format!(" AND c.contact_id = {}", next(Bind::Int(contact.0), binds));
    }
    if let Some(user) = filter.viewed_by {
        out += &format!(
            " AND c.id IN (SELECT case_id FROM case_views WHERE user_id = {} \
             ORDER BY viewed_at DESC LIMIT 50)",
            next(Bind::Int(user.0), binds)
        );
    }
    if let Some(status) = &filter.status {
        out += &format!(
            " AND c.status = {}",
            next(Bind::Text(status.clone()), binds)
        );
    }
    match (&filter.subject_contains, filter.number) {
        (Some(text), Some(number)) => {
            let pattern = format!("%{}%", super::like_escape(text));
            let p = next(Bind::Text(pattern), binds);
            let n = next(Bind::Int(number), binds);
            out += &format!(" AND (c.search_subject LIKE {p} ESCAPE '\\' OR c.number = {n})");
        }
        (Some(text), None) => {
            let pattern = format!("%{}%", super::like_escape(text));
            let p = next(Bind::Text(pattern), binds);
            out += &format!(" AND c.search_subject LIKE {p} ESCAPE '\\'");
        }
        (None, Some(number)) => {
            out += &format!(" AND c.number = {}", next(Bind::Int(number), binds));
        }
        (None, None) => {}
    }
    out
}

/// The page query: rows after the case `after` in the order of `key` (and id), at most `limit`.
pub fn list_sql(
    filter: &CaseListFilter,
    key: SortKey,
    desc: bool,
    after: Option<i64>,
    limit: i64,
) -> (String, Vec<Bind>) {
    let mut binds = Vec::new();
    // DIALECT: LEFT JOINs (every case has its company and contact, so the rows are the same) keep
    // SQLite from reordering the joins, so it walks the cases index in sort order instead of
    // sorting the whole company's cases; PostgreSQL plans them alike.
    let mut sql = String::from(
        "SELECT c.id, c.number, a.name AS account_name, u.name AS contact_name, c.subject, \
         c.status, c.opened_at FROM cases c LEFT JOIN accounts a ON a.id = c.account_id \
         LEFT JOIN users u ON u.id = c.contact_id ",
    );
    sql += &conditions(filter, &mut binds);
    let expr = sort_expr(key, "c", "a", "u");
    let (cmp, dir) = if desc { ("<", "DESC") } else { (">", "ASC") };
    if let Some(after) = after {
        binds.push(Bind::Int(after));
        let cursor = format!("${}", binds.len());
        sql += &format!(
            " AND ({expr}, c.id) {cmp} ((SELECT {} FROM cases k JOIN accounts ka ON ka.id = k.account_id \
             JOIN users ku ON ku.id = k.contact_id WHERE k.id = {cursor}), {cursor})",
            sort_expr(key, "k", "ka", "ku")
        );
    }
    binds.push(Bind::Int(limit));
    sql += &format!(" ORDER BY {expr} {dir}, c.id {dir} LIMIT ${}", binds.len());
    (sql, binds)
}

/// How many cases the filter holds.
pub fn count_sql(filter: &CaseListFilter) -> (String, Vec<Bind>) {
    let mut binds = Vec::new();
    let sql = format!(
        "SELECT COUNT(*) FROM cases c {}",
        conditions(filter, &mut binds)
    );
    (sql, binds)
}

/// Case lists.
#[async_trait::async_trait]
pub trait CaseListStore: Send + Sync {
    /// A page of cases (see [`list_sql`]).
    async fn list_cases(
        &self,
        filter: &CaseListFilter,
        key: SortKey,
        desc: bool,
        after: Option<i64>,
        limit: i64,
    ) -> StoreResult<Vec<CaseListRow>>;
    /// How many cases the filter holds.
    async fn count_cases(&self, filter: &CaseListFilter) -> StoreResult<i64>;
    /// Notes that `user` opened the page of `case` (for "Recently viewed").
    async fn record_case_view(
        &self,
        user: UserId,
        case: crate::domain::CaseId,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
}

/// `CaseListStore` for a store type.
macro_rules! impl_case_list_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::backend::store::CaseListStore for $store {
            async fn list_cases(
                &self,
                filter: &$crate::backend::store::CaseListFilter,
                key: $crate::domain::case_list::SortKey,
                desc: bool,
                after: Option<i64>,
                limit: i64,
            ) -> StoreResult<Vec<$crate::backend::store::CaseListRow>> {
                use $crate::backend::store::Bind;
                let (text, binds) =
                    $crate::backend::store::list_sql(filter, key, desc, after, limit);
                let mut query = sqlx::query_as::<$db, $crate::backend::store::CaseListRow>(&text);
                for b in binds {
                    query = match b {
                        Bind::Int(v) => query.bind(v),
                        Bind::Text(v) => query.bind(v),
                    };
                }
                query
                    .fetch_all(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn count_cases(
                &self,
                filter: &$crate::backend::store::CaseListFilter,
            ) -> StoreResult<i64> {
                use $crate::backend::store::Bind;
                let (text, binds) = $crate::backend::store::count_sql(filter);
                let mut query = sqlx::query_scalar::<$db, i64>(&text);
                for b in binds {
                    query = match b {
                        Bind::Int(v) => query.bind(v),
                        Bind::Text(v) => query.bind(v),
                    };
                }
                query
                    .fetch_one(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn record_case_view(
                &self,
                user: UserId,
                case: $crate::domain::CaseId,
                at: chrono::DateTime<chrono::Utc>,
            ) -> StoreResult<()> {
                sqlx::query::<$db>(sql::RECORD_CASE_VIEW)
                    .bind(user)
                    .bind(case)
                    .bind(at)
                    .execute(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                Ok(())
            }
        }
    };
}
pub(crate) use impl_case_list_store;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_customer_list_is_scoped_in_sql_and_pages_by_keyset() {
        let filter = CaseListFilter {
            account: Some(AccountId(7)),
            status: Some("new".into()),
            subject_contains: Some("50%".into()),
            number: None,
            ..Default::default()
        };
        let (sql, binds) = list_sql(&filter, SortKey::Subject, false, Some(99), 50);
        assert!(sql.contains("c.account_id = $1"), "{sql}");
        assert!(sql.contains("c.status = $2"));
        assert!(sql.contains("c.search_subject LIKE $3"));
        assert!(
            sql.contains("(c.search_subject, c.id) > ((SELECT k.search_subject"),
            "{sql}"
        );
        assert!(
            sql.ends_with("ORDER BY c.search_subject ASC, c.id ASC LIMIT $5"),
            "{sql}"
        );
        assert_eq!(
            binds,
            [
                Bind::Int(7),
                Bind::Text("new".into()),
                Bind::Text("%50\\%%".into()),
                Bind::Int(99),
                Bind::Int(50)
            ]
        );
    }
}
