//! The email channel: each message read from the support mailbox is kept raw and claimed once
//! ([`receive`]), then the worker decides what it becomes ([`process`]): a new case (a known
//! contact, no case reference), a public comment (a signed reference and a sender the case allows),
//! held for staff (anything doubtful, with the reason), failed (unreadable, kept aside), or nothing
//! (automatic mail, Portico's own, an unknown sender, who gets at most one answer a day).
//!
//! Cases and comments go through the same services as the portal's (`open_case_by_mail`,
//! `add_comment_by_mail`) acting as the sender's contact, so every rule, limit and email is the
//! portal's; the message's new status is written in the same transaction, so a retried job or a
//! second process never makes a second case or comment.
use crate::backend::auth::Actor;
use crate::backend::jobs::Job;
use crate::backend::mail::inbound::{self, Inbound, Thread};
use crate::backend::policy;
use crate::backend::services::auth::Rate;
use crate::backend::services::case_page::CommentByMail;
use crate::backend::services::cases::{ByMail, CaseInput};
use crate::backend::state::AppState;
use crate::backend::store::{
    AttemptKind, CaseRow, InboundRow, MailSource, NewInbound, Settle, StoreError, UserRow,
};
use crate::domain::inbound::{InboundStatus, InboundView};
use crate::domain::{AttachmentId, CaseNumber, CaseStatus, InboundMailId, Role};
use crate::error::AppError;
use chrono::{Duration, Utc};
use sha2::{Digest, Sha256};

/// Automatic answers (a new case's confirmation) one address gets at most (Zammad's rule).
pub const AUTO_ANSWER_RATE: Rate = (Duration::minutes(10), 10, None);
/// Answers to an address that is nobody's: one a day.
pub const UNKNOWN_SENDER_RATE: Rate = (Duration::days(1), 1, None);
/// Rows the staff list shows at most.
pub const LIST_LIMIT: i64 = 200;
/// How long the raw bytes of a message that nothing came of (ignored: automatic mail, unknown
/// senders; rejected by staff) are kept; the row (sender, subject, reason) stays.
pub const UNUSED_RAW_KEPT: Duration = Duration::days(30);

/// Removes the raw bytes of messages that nothing came of, once older than [`UNUSED_RAW_KEPT`]
/// (`before`: that moment); returns how many. Cases' and held messages' bytes are kept.
pub async fn sweep(state: &AppState, before: chrono::DateTime<Utc>) -> Result<usize, AppError> {
    let mut removed = 0;
    loop {
        let stale = state.store.stale_inbound_raw(before, 100).await?;
        if stale.is_empty() {
            return Ok(removed);
        }
        for (id, key) in stale {
            if state.store.forget_inbound_raw(id, &key).await? {
                if let Err(e) = state.blobs.delete(&key).await {
                    tracing::warn!(error = %e, message = %id, "removing an inbound message's bytes failed");
                }
                removed += 1;
            }
        }
    }
}

/// Keeps message `raw` (or, when it was over the size limit, its header and its real `size`) and
/// claims it for processing; `Ok(None)` when it was claimed before (the same message delivered
/// twice, or read by another process first). Its bytes are stored before the claim, and removed
/// again when the claim loses.
pub async fn receive(
    state: &AppState,
    raw: &[u8],
    too_large: Option<usize>,
) -> Result<Option<InboundMailId>, AppError> {
    let headers = mail_parser::MessageParser::default().parse_headers(raw);
    let message_id = headers
        .as_ref()
        .and_then(|m| m.message_id())
        .map(|id| id.trim().to_lowercase())
        .filter(|id| !id.is_empty() && id.len() <= 500);
    let dedupe_key = match message_id {
        Some(id) => format!("id:{id}"),
        None => format!("sha256:{}", crate::backend::auth::hex(&Sha256::digest(raw))),
    };
    let sender = headers
        .as_ref()
        .and_then(|m| m.from())
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .map(|a| a.trim().to_lowercase())
        .unwrap_or_default();
    let subject = headers
        .as_ref()
        .and_then(|m| m.subject())
        .map(crate::domain::clean_line)
        .unwrap_or_default();
    let key = crate::backend::uploads::put_bytes(state.blobs.as_ref(), raw)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "inbound mail: cannot store");
            AppError::Internal
        })?;
    let new = NewInbound {
        dedupe_key,
        received_at: Utc::now(),
        sender: sender.chars().take(254).collect(),
        subject: subject.chars().take(500).collect(),
        size_bytes: i64::try_from(too_large.unwrap_or(raw.len())).unwrap_or(i64::MAX),
        blob_key: Some(key.clone()),
        too_large: too_large.is_some(),
    };
    let claimed = state
        .store
        .claim_inbound(&new, &|message| Job::InboundMail { message })
        .await;
    if !matches!(claimed, Ok(Some(_))) {
        let _ = state.blobs.delete(&key).await;
    }
    let claimed = claimed?;
    match claimed {
        Some(id) => tracing::info!(message = %id, size = new.size_bytes, "inbound mail kept"),
        None => tracing::debug!("inbound mail claimed before"),
    }
    Ok(claimed)
}

/// What the worker does with message `id` (the `InboundMail` job). An error leaves the job for a
/// retry; the message's status is settled at most once whatever happens.
pub async fn process(state: &AppState, id: InboundMailId) -> Result<(), String> {
    let row = state
        .store
        .get_inbound(id)
        .await
        .map_err(|e| e.to_string())?;
    if row.status != InboundStatus::Received {
        return Ok(());
    }
    let settle =
        |to: InboundStatus, reason: &'static str, detail: String, case: Option<&CaseRow>| {
            let case = case.map(|c| c.id);
            async move {
                state
                    .store
                    .settle_inbound(&Settle {
                        id,
                        from: &[InboundStatus::Received],
                        to,
                        reason,
                        detail: &detail,
                        case,
                        by: None,
                        at: Utc::now(),
                    })
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        };
    if row.too_large {
        return settle(
            InboundStatus::Failed,
            "too_large",
            inbound::ReadError::TooLarge.to_string(),
            None,
        )
        .await;
    }
    let raw = read_raw(state, &row).await.map_err(|e| e.to_string())?;
    let message = match inbound::read(&raw) {
        Ok(m) => m,
        Err(e) => {
            let reason = match e {
                inbound::ReadError::TooLarge => "too_large",
                inbound::ReadError::Unparseable(_) => "unparseable",
            };
            return settle(InboundStatus::Failed, reason, e.to_string(), None).await;
        }
    };
    let signer = crate::backend::jobs::thread_signer(state).await?;
    let own_address = own_address(state);
    if message.is_own(&signer, &own_address) {
        return settle(InboundStatus::Ignored, "own_message", String::new(), None).await;
    }
    if let Some(why) = message.automatic {
        return settle(InboundStatus::Ignored, why.code(), String::new(), None).await;
    }
    let Some(from) = message.from.clone() else {
        return settle(
            InboundStatus::Failed,
            "unparseable",
            "no sender address".into(),
            None,
        )
        .await;
    };
    let sender = state
        .store
        .find_user_by_email(&from)
        .await
        .map_err(|e| e.to_string())?;
    match message.thread(&signer) {
        Thread::Forged => settle(InboundStatus::Held, "forged", String::new(), None).await,
        Thread::Case(token) => {
            let Some(case) = state
                .store
                .case_by_thread(&token)
                .await
                .map_err(|e| e.to_string())?
            else {
                return settle(InboundStatus::Held, "case_gone", String::new(), None).await;
            };
            let Some(sender) = sender else {
                return settle(InboundStatus::Held, "stranger", String::new(), Some(&case)).await;
            };
            let follower = state
                .store
                .case_followers(case.id)
                .await
                .map_err(|e| e.to_string())?
                .contains(&sender.id);
            if sender.role.is_staff() {
                return settle(
                    InboundStatus::Held,
                    "staff_sender",
                    String::new(),
                    Some(&case),
                )
                .await;
            }
            if !policy::can_reply_by_mail(
                sender.id,
                sender.role,
                sender.account_id,
                follower,
                case.contact_id,
                case.account_id,
            ) {
                return settle(InboundStatus::Held, "stranger", String::new(), Some(&case)).await;
            }
            if case.status == CaseStatus::Closed {
                return settle(
                    InboundStatus::Held,
                    "closed_case",
                    String::new(),
                    Some(&case),
                )
                .await;
            }
            let source = MailSource {
                id,
                accepted_by: None,
            };
            match comment(state, &sender, &case, &message, source).await {
                Ok(()) => Ok(()),
                Err(Outcome::Hold(reason)) => {
                    settle(InboundStatus::Held, reason, String::new(), Some(&case)).await
                }
                Err(Outcome::Retry(e)) => Err(e),
            }
        }
        Thread::None => match sender {
            Some(sender) if policy::can_open_case_by_mail(sender.role, sender.account_id) => {
                let confirm = crate::backend::services::auth::throttle(
                    state.store.as_ref(),
                    AttemptKind::MailAnswer,
                    &from,
                    "any",
                    AUTO_ANSWER_RATE,
                )
                .await
                .is_ok();
                let source = MailSource {
                    id,
                    accepted_by: None,
                };
                match open_case(state, &sender, &message, source, confirm).await {
                    Ok(_) => Ok(()),
                    Err(Outcome::Hold(reason)) => {
                        settle(InboundStatus::Held, reason, String::new(), None).await
                    }
                    Err(Outcome::Retry(e)) => Err(e),
                }
            }
            Some(_) => settle(InboundStatus::Held, "staff_sender", String::new(), None).await,
            None => {
                answer_unknown(state, &message, &from).await?;
                settle(
                    InboundStatus::Ignored,
                    "unknown_sender",
                    String::new(),
                    None,
                )
                .await
            }
        },
    }
}

/// Why an email did not become a case or comment.
enum Outcome {
    /// Held for staff, with the reason.
    Hold(&'static str),
    /// A failure worth retrying (storage, database).
    Retry(String),
}

impl From<AppError> for Outcome {
    fn from(e: AppError) -> Self {
        match e {
            AppError::RateLimited(_) => Self::Hold("rate_limited"),
            AppError::Validation(_) | AppError::Forbidden | AppError::NotFound => {
                Self::Hold("refused")
            }
            // Settled already (a retry, another process): nothing to do.
            other => Self::Retry(other.to_string()),
        }
    }
}

/// The sender's contact, as the portal would see them signed in.
fn actor_of(sender: &UserRow) -> Actor {
    match (sender.role, sender.account_id) {
        (Role::Customer, Some(account_id)) => Actor::Customer {
            user_id: sender.id,
            account_id,
        },
        _ => Actor::Anonymous,
    }
}

/// Keeps the message's files as the sender's pending uploads (the portal's limits: a file over
/// the size limit or past the quota is left out; the raw message keeps it for staff).
async fn keep_files(
    state: &AppState,
    actor: &Actor,
    message: &Inbound,
) -> Result<Vec<AttachmentId>, Outcome> {
    let mut ids = Vec::new();
    for file in &message.files {
        let chunks =
            futures_util::stream::iter([Ok::<_, std::convert::Infallible>(file.bytes.as_slice())]);
        match crate::backend::services::attachments::receive(
            state,
            actor,
            &file.name,
            &file.content_type,
            chunks,
        )
        .await
        {
            Ok(info) => ids.push(info.id),
            Err(
                crate::backend::services::attachments::UploadError::Internal
                | crate::backend::services::attachments::UploadError::StorageUnavailable,
            ) => {
                return Err(Outcome::Retry("storing a file failed".into()));
            }
            Err(e) => tracing::info!(file = %file.name, error = ?e, "inbound mail: file left out"),
        }
    }
    Ok(ids)
}

async fn comment(
    state: &AppState,
    sender: &UserRow,
    case: &CaseRow,
    message: &Inbound,
    source: MailSource,
) -> Result<(), Outcome> {
    let actor = actor_of(sender);
    let body: String = inbound::new_text(&message.text)
        .chars()
        .take(crate::domain::case_page::COMMENT_MAX)
        .collect();
    let attachments = keep_files(state, &actor, message).await?;
    let body = if body.trim().is_empty() {
        "(…)".to_string()
    } else {
        body
    };
    let number = case.number.to_string();
    crate::backend::services::case_page::add_comment_by_mail(
        state,
        &actor,
        &number,
        &body,
        CommentByMail {
            source,
            attachments,
        },
    )
    .await
    .map(|_| ())
    .map_err(Outcome::from)
}

async fn open_case(
    state: &AppState,
    sender: &UserRow,
    message: &Inbound,
    source: MailSource,
    confirm: bool,
) -> Result<CaseNumber, Outcome> {
    let actor = actor_of(sender);
    let attachments = keep_files(state, &actor, message).await?;
    // A message with neither subject nor text gets "(no subject)" in its contact's language.
    let mut subject = message.case_subject();
    if subject.is_empty() {
        subject = crate::i18n::td_string!(
            crate::backend::mail::locale(sender.language),
            mail_no_subject
        )
        .to_string();
    }
    let input = CaseInput {
        subject,
        description: message
            .text
            .trim()
            .chars()
            .take(crate::domain::cases::DESCRIPTION_MAX)
            .collect(),
        attachments: attachments
            .iter()
            .map(|a| a.0.to_string())
            .collect::<Vec<_>>()
            .join(","),
        ..CaseInput::default()
    };
    crate::backend::services::cases::open_case_by_mail(
        &state.store,
        &actor,
        input,
        ByMail { source, confirm },
    )
    .await
    .map(|c| c.number)
    .map_err(Outcome::from)
}

/// The address Portico sends from (its own mail coming back is never answered).
fn own_address(state: &AppState) -> String {
    state
        .settings
        .mail_from
        .parse::<lettre::message::Mailbox>()
        .map(|m| m.email.to_string().to_lowercase())
        .unwrap_or_default()
}

/// One polite answer a day to an address that is nobody's, in the language of their message.
async fn answer_unknown(state: &AppState, message: &Inbound, from: &str) -> Result<(), String> {
    let allowed = crate::backend::services::auth::throttle(
        state.store.as_ref(),
        AttemptKind::MailAnswer,
        &format!("unknown:{from}"),
        "any",
        UNKNOWN_SENDER_RATE,
    )
    .await
    .is_ok();
    if !allowed {
        return Ok(());
    }
    let email = crate::backend::mail::render_not_registered(
        message.language(),
        from,
        &message.subject,
        &format!("{}/login", state.settings.public_url),
    );
    state
        .store
        .enqueue(&email.job(), Utc::now())
        .await
        .map_err(|e| e.to_string())
}

async fn read_raw(state: &AppState, row: &InboundRow) -> Result<Vec<u8>, AppError> {
    use tokio::io::AsyncReadExt;
    let key = row.blob_key.as_deref().ok_or(AppError::NotFound)?;
    let mut reader = state
        .blobs
        .open(key)
        .await
        .map_err(|_| AppError::NotFound)?;
    let mut raw = Vec::new();
    reader
        .read_to_end(&mut raw)
        .await
        .map_err(|_| AppError::Internal)?;
    Ok(raw)
}

/// A message as staff see it.
fn view(row: InboundRow) -> InboundView {
    InboundView {
        id: row.id,
        received_at: row.received_at.to_rfc3339(),
        sender: row.sender,
        subject: row.subject,
        size: row.size_bytes,
        status: row.status,
        reason: row.reason,
        detail: row.detail,
        case_number: row.case_number.map(|n| CaseNumber(n).to_string()),
        has_raw: row.blob_key.is_some(),
    }
}

/// The inbound list: held and failed messages (`waiting`), or every recent one.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    waiting: bool,
) -> Result<Vec<InboundView>, AppError> {
    policy::require(actor, policy::can_handle_inbound_mail)?;
    Ok(state
        .store
        .list_inbound(waiting, LIST_LIMIT)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

/// The messages that opened or answered a case (staff only; none for anyone else).
pub async fn of_case(
    state: &AppState,
    actor: &Actor,
    case: crate::domain::CaseId,
) -> Result<Vec<InboundView>, AppError> {
    if !policy::can_handle_inbound_mail(actor) {
        return Ok(Vec::new());
    }
    Ok(state
        .store
        .case_inbound(case)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

/// The raw bytes of message `id` (staff only; anyone else: not found).
pub async fn raw(state: &AppState, actor: &Actor, id: InboundMailId) -> Result<Vec<u8>, AppError> {
    if !policy::can_handle_inbound_mail(actor) {
        return Err(AppError::NotFound);
    }
    let row = state.store.get_inbound(id).await?;
    read_raw(state, &row).await
}

/// What staff make of a held or failed message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// A public comment on the case it names, from its sender.
    Comment,
    /// A new case for its sender.
    NewCase,
    /// Nothing (kept, marked rejected).
    Reject,
}

/// Staff decide on held or failed message `id`. Accepting needs a sender who is a contact (of the
/// case's company, for a comment); otherwise a field error on `decision` says what is missing.
pub async fn decide(
    state: &AppState,
    actor: &Actor,
    id: InboundMailId,
    decision: Decision,
) -> Result<InboundView, AppError> {
    let by = policy::require(actor, policy::can_handle_inbound_mail)?;
    let row = state.store.get_inbound(id).await?;
    if !row.status.waits_for_staff() {
        return Err(AppError::field(
            "decision",
            crate::messages::MessageKey::MailDecided,
        ));
    }
    let source = MailSource {
        id,
        accepted_by: Some(by),
    };
    let sender = state.store.find_user_by_email(&row.sender).await?;
    let not_contact = || {
        AppError::field(
            "decision",
            crate::messages::MessageKey::MailSenderNotContact,
        )
    };
    match decision {
        Decision::Reject => {
            let done = state
                .store
                .settle_inbound(&Settle {
                    id,
                    from: &[InboundStatus::Held, InboundStatus::Failed],
                    to: InboundStatus::Rejected,
                    reason: &row.reason,
                    detail: &row.detail,
                    case: None,
                    by: Some(by),
                    at: Utc::now(),
                })
                .await?;
            if !done {
                return Err(AppError::field(
                    "decision",
                    crate::messages::MessageKey::MailDecided,
                ));
            }
        }
        Decision::Comment | Decision::NewCase => {
            let raw = read_raw(state, &row).await?;
            let message = inbound::read(&raw).map_err(|_| {
                AppError::field("decision", crate::messages::MessageKey::MailUnreadable)
            })?;
            let sender = sender
                .filter(|s| policy::can_open_case_by_mail(s.role, s.account_id))
                .ok_or_else(not_contact)?;
            let outcome = if decision == Decision::Comment {
                let case_id = row.case_id.ok_or_else(|| {
                    AppError::field("decision", crate::messages::MessageKey::MailNoCase)
                })?;
                let case = state.store.get_case(case_id).await?;
                if sender.account_id != Some(case.account_id) {
                    return Err(not_contact());
                }
                comment(state, &sender, &case, &message, source).await
            } else {
                open_case(state, &sender, &message, source, true)
                    .await
                    .map(|_| ())
            };
            match outcome {
                Ok(()) => {}
                Err(Outcome::Hold(_)) => {
                    return Err(AppError::field(
                        "decision",
                        crate::messages::MessageKey::MailRefused,
                    ));
                }
                Err(Outcome::Retry(e)) => {
                    tracing::warn!(error = %e, "accepting inbound mail failed");
                    return Err(AppError::Internal);
                }
            }
        }
    }
    tracing::info!(message = %id, ?decision, staff = %by, "inbound mail decided");
    Ok(view(state.store.get_inbound(id).await?))
}

impl From<StoreError> for Outcome {
    fn from(e: StoreError) -> Self {
        Self::Retry(e.to_string())
    }
}
