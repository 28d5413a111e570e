//! Live pages: what an open case page or case list hears when a case changes, over server-sent
//! events (`/live/cases…`). Only the case's number and a coarse kind travel; the page then reads
//! what changed through the same authorized paths as any page load.
use super::case_page::EventKind;
use serde::{Deserialize, Serialize};

/// What changed, as coarse as a page needs to tell the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
// Stored as its code in a TEXT column on both databases.
#[cfg_attr(
    feature = "ssr",
    derive(sqlx::Type),
    sqlx(type_name = "text", rename_all = "snake_case")
)]
pub enum ChangeKind {
    /// A case was opened.
    Created,
    /// A comment was added.
    Comment,
    /// Files were added, replaced by a new version or removed.
    Files,
    /// A knowledge article was attached or removed.
    Articles,
    /// Anything else: status, priority, assignee, resolution, the case's details.
    Details,
}

impl ChangeKind {
    /// The kind of change a history entry of `kind` tells of.
    pub fn of(kind: EventKind) -> Self {
        match kind {
            EventKind::Comment | EventKind::InternalComment => Self::Comment,
            EventKind::File | EventKind::FileVersion | EventKind::FileRemoved => Self::Files,
            EventKind::ArticleAttached | EventKind::ArticleRemoved => Self::Articles,
            EventKind::Status
            | EventKind::Priority
            | EventKind::Assignee
            | EventKind::Resolution
            | EventKind::Subject
            | EventKind::Description
            | EventKind::Product
            | EventKind::Country
            | EventKind::Contact => Self::Details,
        }
    }
}

/// One server-sent event's data: the case that changed and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveChange {
    /// The case's number, 8 digits.
    pub case: String,
    /// What changed.
    pub kind: ChangeKind,
}

/// The SSE event name of a change.
pub const CHANGE_EVENT: &str = "change";
/// The SSE event name of the heartbeat (every 15 s).
pub const PING_EVENT: &str = "ping";
/// The SSE event name that tells a page it missed changes that can no longer be replayed (it
/// was away longer than the feed keeps them): it should load itself again.
pub const RESET_EVENT: &str = "reset";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_of_both_kinds_are_comments_and_files_are_files() {
        assert_eq!(
            ChangeKind::of(EventKind::InternalComment),
            ChangeKind::Comment
        );
        assert_eq!(ChangeKind::of(EventKind::FileRemoved), ChangeKind::Files);
        assert_eq!(ChangeKind::of(EventKind::Assignee), ChangeKind::Details);
        assert_eq!(
            serde_json::to_string(&LiveChange {
                case: "00000042".into(),
                kind: ChangeKind::Files
            })
            .expect("a change serializes"),
            r#"{"case":"00000042","kind":"files"}"#
        );
    }
}
