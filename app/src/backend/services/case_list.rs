//! Case list views: who sees which cases (`policy::case_scope`, applied in SQL through the
//! filter's required scope), one page at a time.
use crate::backend::auth::Actor;
use crate::backend::policy;
use crate::backend::store::{CaseListFilter, Cursor, Store};
use crate::backend::views::ViewLog;
use crate::domain::CaseNumber;
use crate::domain::case_list::{CaseListItem, CaseListPage, CaseView, ListQuery, PAGE_SIZE};
use crate::error::AppError;

/// The filter for `actor` and `query`: customers never leave their company (every view is scoped
/// to it), staff see every company under "All cases".
pub fn filter_for(actor: &Actor, query: &ListQuery) -> Result<CaseListFilter, AppError> {
    let me = actor.signed_in()?;
    let scope = policy::case_scope(actor).ok_or(AppError::Unauthenticated)?;
    let q = query.q.trim();
    let digits = q.trim_start_matches('0');
    let number = (!q.is_empty() && q.len() <= 8 && q.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse::<i64>().unwrap_or(0));
    Ok(CaseListFilter {
        scope,
        contact: (query.view == CaseView::Mine).then_some(me),
        viewed_by: (query.view == CaseView::Recent).then_some(me),
        status: query.status,
        subject_contains: (!q.is_empty()).then(|| q.to_lowercase()),
        number,
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
    if filter.viewed_by.is_some() {
        // The case just opened is there: views still noted are written first.
        views.flush(store).await?;
    }
    // A cursor that does not decode (an old bookmark, a typo) starts the list from its top.
    let after = query
        .after
        .as_deref()
        .and_then(|text| Cursor::decode(text, query.sort));
    let mut rows = store
        .list_cases(
            &filter,
            query.sort,
            query.desc,
            after.as_ref(),
            PAGE_SIZE + 1,
        )
        .await?;
    let next_after = (rows.len() as i64 > PAGE_SIZE)
        .then(|| Cursor::after(&rows[PAGE_SIZE as usize - 1], query.sort).encode());
    rows.truncate(PAGE_SIZE as usize);
    let total = store
        .count_cases(&filter, crate::domain::case_list::COUNT_CAP)
        .await?;
    Ok(CaseListPage {
        items: rows
            .into_iter()
            .map(|r| CaseListItem {
                id: r.id.0,
                number: CaseNumber(r.number),
                account_name: r.account_name,
                contact_name: r.contact_name,
                subject: r.subject,
                status: r.status,
                opened_at: r.opened_at.to_rfc3339(),
            })
            .collect(),
        total,
        next_after,
        fetched_at: chrono::Utc::now().to_rfc3339(),
    })
}
