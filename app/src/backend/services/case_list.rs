//! Case list views: who sees which cases (`policy::case_scope`, applied in SQL through the
//! filter's required scope), one page at a time.
use crate::backend::auth::Actor;
use crate::backend::policy;
use crate::backend::store::{CaseListFilter, Cursor, Store};
use crate::backend::store::{CaseListRow, Scope};
use crate::backend::views::ViewLog;
use crate::domain::CaseNumber;
use crate::domain::case_list::{
    AssigneeFilter, COUNT_CAP, CaseListItem, CaseListPage, CaseView, ListQuery, PAGE_SIZE,
    QUEUE_STATUSES, QueueItem, QueuePage, QueueQuery, SortKey,
};
use crate::error::AppError;

/// The filter for `actor` and `query`: customers never leave their company (every view is scoped
/// to it), staff see every company under "All cases".
pub fn filter_for(actor: &Actor, query: &ListQuery) -> Result<CaseListFilter, AppError> {
    let me = actor.signed_in()?;
    let scope = policy::case_scope(actor).ok_or(AppError::Unauthenticated)?;
    // No control characters reach the database (PostgreSQL refuses a NUL in text outright).
    let q = crate::domain::clean_line(&query.q);
    let q = q.as_str();
    let digits = q.trim_start_matches('0');
    let number = (!q.is_empty() && q.len() <= 8 && q.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse::<i64>().unwrap_or(0));
    Ok(CaseListFilter {
        contact: (query.view == CaseView::Mine).then_some(me),
        viewed_by: (query.view == CaseView::Recent).then_some(me),
        status: query.status,
        subject_contains: (!q.is_empty()).then(|| q.to_lowercase()),
        number,
        ..CaseListFilter::scoped(scope)
    })
}

/// One page of the list `query` describes, with the list's size.
pub async fn list(
    store: &Store,
    views: &ViewLog,
    actor: &Actor,
    query: &ListQuery,
) -> Result<CaseListPage, AppError> {
    let filter = filter_for(actor, query)?;
    // Read before the list: a change committed in between is announced, never missed.
    let live_after = store.last_change().await?;
    if filter.viewed_by.is_some() {
        // The case just opened is there: views still noted are written first.
        views.flush(store).await?;
    }
    let (rows, next_after) = page_of(
        store,
        &filter,
        query.sort,
        query.desc,
        query.after.as_deref(),
    )
    .await?;
    let total = store.count_cases(&filter, COUNT_CAP).await?;
    Ok(CaseListPage {
        live_after,
        items: rows.into_iter().map(item).collect(),
        total,
        next_after,
        fetched_at: chrono::Utc::now().to_rfc3339(),
        staff: policy::can_work_queue(actor),
    })
}

/// One page of `filter` sorted by `sort`, after the cursor `after`, and the next page's cursor.
/// A cursor that does not decode (an old bookmark, a typo) starts the list from its top.
async fn page_of(
    store: &Store,
    filter: &CaseListFilter,
    sort: SortKey,
    desc: bool,
    after: Option<&str>,
) -> Result<(Vec<CaseListRow>, Option<String>), AppError> {
    let after = after.and_then(|text| Cursor::decode(text, sort));
    let mut rows = store
        .list_cases(filter, sort, desc, after.as_ref(), PAGE_SIZE + 1)
        .await?;
    let next_after = (rows.len() as i64 > PAGE_SIZE)
        .then(|| Cursor::after(&rows[PAGE_SIZE as usize - 1], sort).encode());
    rows.truncate(PAGE_SIZE as usize);
    Ok((rows, next_after))
}

fn item(r: CaseListRow) -> CaseListItem {
    CaseListItem {
        id: r.id.0,
        number: CaseNumber(r.number),
        account_name: r.account_name,
        contact_name: r.contact_name,
        subject: r.subject,
        status: r.status,
        opened_at: r.opened_at.to_rfc3339(),
    }
}

/// How many companies the queue's company filter offers (the first by name, and the chosen one).
const QUEUE_ACCOUNTS: i64 = 500;

/// One page of the queue (support staff): open cases of every company, or those of one status,
/// under its filters, with the count of each status under the same filters.
pub async fn queue(
    store: &Store,
    actor: &Actor,
    query: &QueueQuery,
) -> Result<QueuePage, AppError> {
    let me = policy::require(actor, policy::can_work_queue)?;
    let live_after = store.last_change().await?;
    let scope = query.account.map_or(Scope::All, Scope::Company);
    let base = CaseListFilter {
        product: query.product,
        assignee: match query.assignee {
            AssigneeFilter::Anyone => None,
            AssigneeFilter::Me => Some(Some(me)),
            AssigneeFilter::Unassigned => Some(None),
            AssigneeFilter::Person(id) => Some(Some(id)),
        },
        origin: query.origin,
        priority: query.priority,
        ..CaseListFilter::scoped(scope)
    };
    let filter = CaseListFilter {
        status: query.status,
        open: query.status.is_none(),
        ..base.clone()
    };
    let (rows, next_after) = page_of(
        store,
        &filter,
        query.sort,
        query.desc,
        query.after.as_deref(),
    )
    .await?;
    let mut counts = Vec::with_capacity(QUEUE_STATUSES.len());
    for status in QUEUE_STATUSES {
        let filter = CaseListFilter {
            status: Some(status),
            ..base.clone()
        };
        counts.push((status, store.count_cases(&filter, COUNT_CAP).await?));
    }
    let mut accounts = store.account_names(QUEUE_ACCOUNTS).await?;
    if let Some(chosen) = query
        .account
        .filter(|a| !accounts.iter().any(|(id, _)| id == a))
    {
        accounts.push((chosen, store.get_account(chosen).await?.name));
    }
    Ok(QueuePage {
        live_after,
        items: rows
            .into_iter()
            .map(|r| QueueItem {
                priority: r.priority,
                assignee_name: r.assignee_name.clone(),
                updated_at: r.updated_at.to_rfc3339(),
                case: item(r),
            })
            .collect(),
        counts,
        next_after,
        products: store
            .all_products()
            .await?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect(),
        accounts,
        staff: super::desk::assignable(store).await?,
        fetched_at: chrono::Utc::now().to_rfc3339(),
    })
}
