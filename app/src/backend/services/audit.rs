//! The audit log: sign-ins (and wrong passwords for existing accounts), password and two-factor
//! changes, staff added or changed, portal settings changed. Written right after the change it
//! records, with the client address of the request being answered; read by admins only, newest
//! first, a page at a time.
use crate::backend::auth::{self, Actor};
use crate::backend::store::{NewAudit, Store};
use crate::backend::{policy, time};
use crate::domain::UserId;
use crate::domain::audit::{AuditAction, AuditEntry, AuditPage};
use crate::error::AppError;

/// Lines per page.
pub const PAGE_SIZE: i64 = 50;

/// Records that `actor` did `action` to `subject`. A failure to write is logged and does not undo
/// the change it records (that change has happened).
pub async fn record(
    store: &Store,
    actor: Option<UserId>,
    action: AuditAction,
    subject: Option<UserId>,
    detail: &str,
) {
    record_from(store, actor, action, subject, detail, &auth::client_addr()).await;
}

/// [`record`] with the client address given (for a line written after the request's answer).
pub async fn record_from(
    store: &Store,
    actor: Option<UserId>,
    action: AuditAction,
    subject: Option<UserId>,
    detail: &str,
    client: &str,
) {
    let line = NewAudit {
        at: chrono::Utc::now(),
        actor,
        action: action.code(),
        subject,
        detail,
        client,
    };
    if let Err(e) = store.insert_audit(&line).await {
        tracing::error!(error = %e, action = action.code(), "could not write the audit log");
    }
}

/// A page of the log (admins), newest first, before id `before` (`None`: the newest); only what
/// was done by or to `person` when given.
pub async fn page(
    store: &Store,
    actor: &Actor,
    before: Option<i64>,
    person: Option<UserId>,
) -> Result<AuditPage, AppError> {
    policy::require(actor, policy::can_read_audit)?;
    let reader = time::Reader::current();
    let mut rows = store
        .audit_page(before.unwrap_or(i64::MAX), PAGE_SIZE + 1, person)
        .await?;
    let more = rows.len() > usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX);
    rows.truncate(usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX));
    let older = more.then(|| rows.last().map(|r| r.id)).flatten();
    Ok(AuditPage {
        entries: rows
            .into_iter()
            .map(|r| AuditEntry {
                id: r.id,
                at: reader.absolute(r.at),
                actor: r.actor,
                action: AuditAction::from_code(&r.action),
                subject: r.subject,
                detail: r.detail,
                client: r.client,
            })
            .collect(),
        older,
    })
}

/// Sets the portal setting `name` to `value` for admin `by`, and records it: the one way an
/// admin's change of a setting is saved.
pub async fn set_setting(
    store: &Store,
    by: UserId,
    name: &str,
    value: &str,
) -> Result<(), AppError> {
    store.set_setting(name, value, chrono::Utc::now()).await?;
    record(
        store,
        Some(by),
        AuditAction::SettingChanged,
        None,
        &format!("{name}={value}"),
    )
    .await;
    Ok(())
}
