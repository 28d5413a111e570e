//! Webhooks as the pages see them: the events a URL may subscribe to, the admins' form and list,
//! and the delivery log. What is sent, and how it is signed, is in `backend::services::webhooks`.
use crate::domain::{DeliveryId, WebhookId};
use serde::{Deserialize, Serialize};

/// Something that happened that a webhook may be told of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WebhookEvent {
    /// A case was opened (through the portal, by email, by support or through the API).
    CaseCreated,
    /// A case's status (other than solved or closed), priority, assignee or details changed.
    CaseUpdated,
    /// A comment was added (public, or an internal note: the body says which).
    CaseCommented,
    /// A solution was proposed.
    CaseSolved,
    /// A case was closed.
    CaseClosed,
    /// A customer answered the satisfaction survey.
    SurveyAnswered,
}

impl WebhookEvent {
    /// Every event, in the order the form lists them.
    pub const ALL: [Self; 6] = [
        Self::CaseCreated,
        Self::CaseUpdated,
        Self::CaseCommented,
        Self::CaseSolved,
        Self::CaseClosed,
        Self::SurveyAnswered,
    ];

    /// The event's name in deliveries, the form and the database (`case.created`).
    pub const fn code(self) -> &'static str {
        match self {
            Self::CaseCreated => "case.created",
            Self::CaseUpdated => "case.updated",
            Self::CaseCommented => "case.commented",
            Self::CaseSolved => "case.solved",
            Self::CaseClosed => "case.closed",
            Self::SurveyAnswered => "survey.answered",
        }
    }

    /// The event named `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.code() == code)
    }

    /// The events a stored list names (space-separated codes; unknown ones are left out).
    pub fn list(codes: &str) -> Vec<Self> {
        codes.split(' ').filter_map(Self::from_code).collect()
    }
}

/// A webhook as admins see and edit it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookView {
    /// Its id (`None`: a new one, not saved yet).
    pub id: Option<WebhookId>,
    /// Where events are posted.
    pub url: String,
    /// What it is for, in the admins' words.
    pub description: String,
    /// The events it is sent.
    pub events: Vec<WebhookEvent>,
    /// Sent events (a paused one is not).
    pub active: bool,
    /// An admin allowed an address on loopback or a private network.
    pub allow_private: bool,
    /// The signing secret (admins only; empty for a new one: Portico makes it).
    pub secret: String,
    /// Deliveries that failed at their last try (the list's warning).
    pub failing: i64,
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sqlx::Type),
    sqlx(type_name = "text", rename_all = "snake_case")
)]
pub enum DeliveryStatus {
    /// Not tried yet.
    Pending,
    /// The receiver answered 2xx.
    Delivered,
    /// The last try failed; another follows with back-off until the outbox gives up.
    Failed,
}

/// One line of a webhook's delivery log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryView {
    /// Id (the `id` of the event sent).
    pub id: DeliveryId,
    /// The event's name.
    pub event: String,
    /// The case's number, if the event is about one.
    pub case: Option<String>,
    /// Where it stands.
    pub status: DeliveryStatus,
    /// Tries so far.
    pub attempts: i32,
    /// The receiver's last HTTP status, if it answered.
    pub response_status: Option<i32>,
    /// Why the last try failed.
    pub last_error: Option<String>,
    /// When the event happened, in the reader's zone.
    pub created: String,
    /// When it was last tried, in the reader's zone.
    pub tried: Option<String>,
}

/// A webhook's page: the webhook and its latest deliveries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookPage {
    /// The webhook.
    pub webhook: WebhookView,
    /// Its latest deliveries, newest first.
    pub deliveries: Vec<DeliveryView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_reads_back_from_its_code() {
        for e in WebhookEvent::ALL {
            assert_eq!(WebhookEvent::from_code(e.code()), Some(e));
        }
        assert_eq!(WebhookEvent::from_code("case.deleted"), None);
        assert_eq!(
            WebhookEvent::list("case.solved  nonsense case.created"),
            vec![WebhookEvent::CaseSolved, WebhookEvent::CaseCreated]
        );
    }
}
