//! Mail read from the support mailbox, as staff see it: what became of each message, and the ones
//! waiting for a decision (held) or that could not be read (failed).
use super::InboundMailId;
use serde::{Deserialize, Serialize};

/// What became of an inbound message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sqlx::Type),
    sqlx(type_name = "text", rename_all = "snake_case")
)]
pub enum InboundStatus {
    /// Waiting for the worker.
    Received,
    /// Opened a case.
    Case,
    /// Became a comment.
    Comment,
    /// Waits for staff to accept or reject it (`reason` says why).
    Held,
    /// Could not be read (`detail` says why).
    Failed,
    /// Automatic mail or an unknown sender: nothing done (`reason` says why).
    Ignored,
    /// Accepted by staff (as a comment or a new case).
    Accepted,
    /// Rejected by staff.
    Rejected,
}

super::code_enum!(InboundStatus {
    Received = "received",
    Case = "case",
    Comment = "comment",
    Held = "held",
    Failed = "failed",
    Ignored = "ignored",
    Accepted = "accepted",
    Rejected = "rejected",
});

impl InboundStatus {
    /// Whether staff can still accept or reject it.
    pub fn waits_for_staff(self) -> bool {
        matches!(self, Self::Held | Self::Failed)
    }
}

/// One inbound message in the staff list (and on a case page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboundView {
    /// Id (its raw message downloads at `/desk/mail/{id}.eml`).
    pub id: InboundMailId,
    /// When it was read, RFC 3339.
    pub received_at: String,
    /// The sender's address.
    pub sender: String,
    /// Subject.
    pub subject: String,
    /// Size in bytes.
    pub size: i64,
    /// What became of it.
    pub status: InboundStatus,
    /// Why it was held or ignored (a code: `stranger`, `forged`, `staff_sender`, `closed_case`,
    /// `unknown_sender`, `automatic`, `own_message`, …).
    pub reason: String,
    /// The error, for a message that could not be read.
    pub detail: String,
    /// The case it opened or answered (or that its reference names), by number.
    pub case_number: Option<String>,
    /// Whether the raw message can be downloaded (not when it was over the size limit).
    pub has_raw: bool,
}

/// The address of an inbound message's raw bytes (staff only).
pub fn raw_path(id: InboundMailId) -> String {
    format!("/desk/mail/{id}.eml")
}
