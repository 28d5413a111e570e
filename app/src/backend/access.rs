//! What an actor may reach, looked up: a case or a file when `policy` allows it, and `NotFound`
//! otherwise, exactly as for one that does not exist. A leaf below the services (it knows the
//! store and the policy, nothing else), so every service asks it the same way.
use crate::backend::auth::Actor;
use crate::backend::policy;
use crate::backend::store::{AttachmentRow, CaseDetailRow, Store};
use crate::domain::{AttachmentId, CaseNumber};
use crate::error::AppError;

/// The case numbered `number` if `actor` may see it ([`policy::can_view_case`]); `NotFound`
/// otherwise, exactly as for a number that does not exist; `Unauthenticated` for nobody.
pub async fn visible_case(
    store: &Store,
    actor: &Actor,
    number: &str,
) -> Result<CaseDetailRow, AppError> {
    actor.signed_in()?;
    let number = CaseNumber::parse(number).ok_or(AppError::NotFound)?;
    store
        .case_detail(number.0)
        .await?
        .filter(|c| policy::can_view_case(actor, c.account_id))
        .ok_or(AppError::NotFound)
}

/// The attachment `id` if `actor` may see it ([`policy::can_view_attachment`]): a case's file for
/// those who may see the case, a pending upload for its uploader; `NotFound` otherwise.
pub async fn visible_attachment(
    store: &Store,
    actor: &Actor,
    id: AttachmentId,
) -> Result<AttachmentRow, AppError> {
    store
        .get_attachment(id)
        .await?
        .filter(|row| policy::can_view_attachment(actor, row.case_account_id, row.uploaded_by))
        .ok_or(AppError::NotFound)
}
