//! The ways to ask for support (the portal, the phone, the support mailbox) and requests for
//! portal access.
use super::{AccessRequestId, AccountId};
use serde::{Deserialize, Serialize};

/// The longest message of a request for access.
pub const MESSAGE_MAX: usize = 2000;
/// The longest reason for declining a request.
pub const REASON_MAX: usize = 1000;

/// How to reach support besides the portal (empty: not offered).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportContact {
    /// The phone number, as people dial it.
    pub phone: String,
    /// The support mailbox's address.
    pub email: String,
}

impl SupportContact {
    /// The `tel:` link of the phone number (digits and a leading +).
    pub fn phone_href(&self) -> String {
        let digits: String = self
            .phone
            .chars()
            .enumerate()
            .filter(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '+'))
            .map(|(_, c)| c)
            .collect();
        format!("tel:{digits}")
    }
}

/// What became of a request for access.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccessRequestStatus {
    /// Waiting for staff.
    Open,
    /// The contact was created and welcomed.
    Approved,
    /// Declined, with a reason the requester was emailed.
    Declined,
}

impl AccessRequestStatus {
    /// The status of a stored code.
    pub fn from_code(code: &str) -> Self {
        match code {
            "approved" => Self::Approved,
            "declined" => Self::Declined,
            _ => Self::Open,
        }
    }
}

/// One request, as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessRequestView {
    /// Id.
    pub id: AccessRequestId,
    /// Full name.
    pub name: String,
    /// Email.
    pub email: String,
    /// The company they named.
    pub company: String,
    /// Their message.
    pub message: String,
    /// Their language's code.
    pub language: String,
    /// The company that matches (a colleague's request, or the one of that exact name).
    pub account: Option<AccountId>,
    /// The contact who asked for a colleague.
    pub requested_by: Option<String>,
    /// When (RFC 3339).
    pub created_at: String,
    /// What became of it.
    pub status: AccessRequestStatus,
    /// Why it was declined.
    pub reason: String,
    /// Who decided (empty: Portico itself, for an address that already had access).
    pub decided_by: String,
}

/// The access requests page: the open ones, the latest decided ones, the companies to pick from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessRequests {
    /// Waiting, oldest first.
    pub open: Vec<AccessRequestView>,
    /// Decided, newest first.
    pub decided: Vec<AccessRequestView>,
    /// Companies: (id, name).
    pub accounts: Vec<(AccountId, String)>,
}
