//! Reusable UI pieces.
pub mod attachments;
pub mod case_suggestions;
pub mod footer;
pub mod form;
pub mod header;
pub mod icons;
pub mod kb_search;
pub mod lang;
pub mod latest;
pub mod live;
pub mod markdown_preview;
pub mod passkeys;
pub mod product_picker;
pub mod ready;
pub mod support;
pub mod time;
