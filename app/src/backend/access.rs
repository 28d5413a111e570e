//! What an actor may reach, looked up: a case or a file when `policy` allows it, and `NotFound`
//! otherwise, exactly as for one that does not exist. A leaf below the services (it knows the
//! store and the policy, nothing else), so every service asks it the same way.
use crate::backend::auth::Actor;
use crate::backend::policy;
use crate::backend::store::{AttachmentRow, CaseDetailRow, CaseSummaryRow, Store};
use crate::domain::{AccountId, AttachmentId, CaseNumber};
use crate::error::AppError;

/// The case numbered `number` if `actor` may see it ([`policy::can_view_case`]); `NotFound`
/// otherwise, exactly as for a number that does not exist; `Unauthenticated` for nobody.
pub async fn visible_case(
    store: &Store,
    actor: &Actor,
    number: &str,
) -> Result<CaseDetailRow, AppError> {
    let number = case_number(actor, number)?;
    let row = store.case_detail(number.0).await?;
    visible(actor, row, |c| c.account_id)
}

/// The short form of a visible case (the creation toast, "Clone") with its parsed number, under
/// the same rule.
pub async fn visible_case_summary(
    store: &Store,
    actor: &Actor,
    number: &str,
) -> Result<(CaseNumber, CaseSummaryRow), AppError> {
    let number = case_number(actor, number)?;
    let row = store.case_summary(number).await?;
    Ok((number, visible(actor, row, |c| c.account_id)?))
}

/// A signed-in reader's case number; a malformed one answers like a missing case.
fn case_number(actor: &Actor, number: &str) -> Result<CaseNumber, AppError> {
    actor.signed_in()?;
    CaseNumber::parse(number).ok_or(AppError::NotFound)
}

/// `row` if its company's case is one `actor` may view, else `NotFound`.
fn visible<T>(
    actor: &Actor,
    row: Option<T>,
    account: impl Fn(&T) -> AccountId,
) -> Result<T, AppError> {
    row.filter(|r| policy::can_view_case(actor, account(r)))
        .ok_or(AppError::NotFound)
}

/// The attachment `id` if `actor` may see it ([`may_see_file`]) and it was not removed;
/// `NotFound` otherwise.
pub async fn visible_attachment(
    store: &Store,
    actor: &Actor,
    id: AttachmentId,
) -> Result<AttachmentRow, AppError> {
    let row = store.get_attachment(id).await?.ok_or(AppError::NotFound)?;
    if !row.removed && may_see_file(store, actor, &row).await? {
        Ok(row)
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether `actor` may see file `row` (removed or not: the email about its removal asks too): a
/// case's file for those who may see the case, a pending upload for its uploader
/// ([`policy::can_view_attachment`]), an article's file for those who may read the article
/// ([`policy::can_view_article_file`]).
pub async fn may_see_file(
    store: &Store,
    actor: &Actor,
    row: &AttachmentRow,
) -> Result<bool, AppError> {
    Ok(match row.article_published {
        Some(published) => {
            // The setting is read only for someone who needs it.
            let public = published
                && !policy::can_read_knowledge(actor)
                && store.knowledge_is_public().await?;
            policy::can_view_article_file(actor, published, public)
        }
        None => policy::can_view_attachment(actor, row.case_account_id, row.uploaded_by),
    })
}
