//! The file picker's tabs: "Upload new", then the lists of existing files (mine, shared with me,
//! recent, followed), with the ids their tab buttons carry.
use crate::domain::attachments::FileList;

/// The picker's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tab {
    Upload,
    List(FileList),
}

pub(super) const TABS: [Tab; 5] = [
    Tab::Upload,
    Tab::List(FileList::Owned),
    Tab::List(FileList::Shared),
    Tab::List(FileList::Recent),
    Tab::List(FileList::Following),
];

pub(super) fn tab_id(tab: Tab) -> &'static str {
    match tab {
        Tab::Upload => "picker-tab-upload",
        Tab::List(FileList::Owned) => "picker-tab-owned",
        Tab::List(FileList::Shared) => "picker-tab-shared",
        Tab::List(FileList::Recent) => "picker-tab-recent",
        Tab::List(FileList::Following) => "picker-tab-following",
    }
}
