//! The admin mail page: the dev mailbox and what the outbox still holds.
use crate::backend::auth::Actor;
use crate::backend::mail::Mailer;
use crate::backend::policy;
use crate::backend::state::AppState;
use crate::domain::staff::{MailDetail, MailSummary, Mailbox, PendingJob};
use crate::error::AppError;

/// How many emails and outbox rows the page lists.
const LIMIT: i64 = 200;

/// The newest emails and the outbox rows still waiting (or given up).
pub async fn mailbox(state: &AppState, actor: &Actor) -> Result<Mailbox, AppError> {
    policy::require(actor, policy::can_read_mail)?;
    let store = state.store.as_ref();
    let messages = store
        .list_dev_mail(LIMIT)
        .await?
        .into_iter()
        .map(|m| MailSummary {
            id: m.id,
            to: m.to_addr,
            subject: m.subject,
            at: m.created_at,
        })
        .collect();
    let pending = store
        .list_outbox(LIMIT)
        .await?
        .into_iter()
        .map(|j| PendingJob {
            id: j.id,
            kind: j.kind,
            attempts: j.attempts,
            last_error: j.last_error,
            next_try: j.run_after,
            dead: j.dead_at.is_some(),
        })
        .collect();
    Ok(Mailbox {
        smtp: matches!(state.mailer, Mailer::Smtp(_)),
        messages,
        pending,
    })
}

/// One email, as the admin `actor` may see it: sign-in secrets hidden unless it is addressed to
/// them.
pub async fn message(state: &AppState, actor: &Actor, id: i64) -> Result<MailDetail, AppError> {
    let admin = policy::require(actor, policy::can_read_mail)?;
    let reader = state.store.get_user(admin).await?.email;
    let m = state.store.get_dev_mail(id).await?;
    let (text, html) = m.parts_for(&reader);
    Ok(MailDetail {
        id: m.id,
        message_id: m.message_id,
        to: m.to_addr,
        subject: m.subject,
        text,
        html,
        at: m.created_at,
    })
}
