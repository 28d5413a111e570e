//! Knowledge-base articles as people see them, article numbers, and how a search is read.
use serde::{Deserialize, Serialize};

/// The most words of a search that count (the rest are ignored).
pub const SEARCH_TERMS_MAX: usize = 8;
/// The longest search.
pub const SEARCH_MAX_CHARS: usize = 200;
/// The most results one search shows.
pub const SEARCH_RESULTS_MAX: i64 = 50;

/// What kind of article: the guides' four sections of the knowledge base.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
// Stored as its code in a TEXT column on both databases.
#[cfg_attr(
    feature = "ssr",
    derive(sqlx::Type),
    sqlx(type_name = "text", rename_all = "snake_case")
)]
pub enum ArticleCategory {
    /// How to use a product.
    #[default]
    UserGuides,
    /// Videos that teach.
    TrainingVideos,
    /// Reference documentation.
    Documentation,
    /// What changed in a release.
    ReleaseNotes,
}

crate::domain::code_enum!(ArticleCategory {
    UserGuides = "user_guides",
    TrainingVideos = "training_videos",
    Documentation = "documentation",
    ReleaseNotes = "release_notes",
});

/// A piece of text, marked when it matched the search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marked {
    /// The text.
    pub text: String,
    /// A word of the search (shown highlighted).
    pub hit: bool,
}

/// What the knowledge base holds, for browsing and for its filters.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct KbOverview {
    /// Each category with its published articles (every category, empty ones too).
    pub categories: Vec<(ArticleCategory, i64)>,
    /// The products that published articles are about, by name.
    pub products: Vec<crate::domain::cases::ProductOption>,
}

/// An article in a list (search results, a case's related list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    /// Its number, 9 digits ("000001024").
    pub number: String,
    /// Title.
    pub title: String,
    /// One or two sentences.
    pub summary: String,
    /// Language code of the text ("en", "ru", "nl").
    pub language: String,
    /// Its category.
    pub category: ArticleCategory,
    /// The title with the search's words marked (the title alone, unmarked, outside a search).
    pub title_marked: Vec<Marked>,
    /// Where the search's words occur (the summary outside a search), marked.
    pub snippet: Vec<Marked>,
}

/// A whole article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Number, title, summary, language.
    pub head: ArticleSummary,
    /// The text as written (Markdown).
    pub body: String,
    /// The text as HTML, rendered from the Markdown and sanitized on the server.
    pub body_html: String,
    /// Last changed (RFC 3339, UTC).
    pub updated_at: String,
    /// The same article in other languages (published ones), by language.
    pub translations: Vec<ArticleSummary>,
    /// Who wrote it, when written in the app.
    pub author: Option<String>,
    /// 1 when written, one more at every change.
    pub revision: i64,
    /// Readers' votes, and the reader's own.
    pub feedback: ArticleFeedback,
    /// Whether the reader may edit it (support staff).
    pub can_edit: bool,
    /// Whether the reader may rate it (signed in).
    pub can_rate: bool,
    /// Its files (pictures, downloads, videos), oldest first.
    pub files: Vec<crate::domain::attachments::FileInfo>,
    /// The files the reader follows; `None` when they cannot follow files (signed out).
    pub followed_files: Option<Vec<crate::domain::AttachmentId>>,
}

/// The knowledge base's settings (admins).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct KnowledgeSettings {
    /// Published articles readable without an account.
    pub public: bool,
    /// Hosts whose video players articles may embed.
    pub video_hosts: Vec<String>,
}

/// The editor's address: article `number`'s, or a new article's (from case `from_case`, if any).
pub fn editor_path(number: &str, from_case: &str) -> String {
    use crate::domain::encode_query_value as enc;
    match (number.trim(), from_case.trim()) {
        ("", "") => "/desk/articles/new".to_string(),
        ("", case) => format!("/desk/articles/new?from_case={}", enc(case)),
        (number, _) => format!("/desk/articles/{}", enc(number)),
    }
}

/// The fields of the article editor's form (`products[]` and `remove_files[]` may repeat).
pub const EDITOR_FIELDS: [&str; 13] = [
    "number",
    "revision",
    "title",
    "summary",
    "body",
    "language",
    "category",
    "status",
    "products[]",
    "translation_of",
    "from_case",
    "attachments",
    "remove_files[]",
];

/// Extensions of the video files that play in an article (`<video>`).
pub const VIDEO_EXTENSIONS: &[&str] = &["mp4", "webm", "ogv", "mov", "m4v"];
/// Extensions of the pictures an article shows in place.
pub const PICTURE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp"];

/// How an article's text refers to its file: a picture for images and videos (a video plays in
/// place), else a link.
pub fn markdown_reference(file: &crate::domain::attachments::FileInfo) -> String {
    let shown = file.name.rsplit_once('.').is_some_and(|(_, ext)| {
        let ext = ext.to_ascii_lowercase();
        PICTURE_EXTENSIONS.contains(&ext.as_str()) || VIDEO_EXTENSIONS.contains(&ext.as_str())
    });
    let text: String = file
        .name
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | '\\') {
                ' '
            } else {
                c
            }
        })
        .collect();
    format!("{}[{text}]({})", if shown { "!" } else { "" }, file.href())
}

/// "Was this helpful?": the votes on an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ArticleFeedback {
    /// Every vote.
    pub votes: i64,
    /// The votes "yes".
    pub helpful: i64,
    /// The reader's own vote, if any.
    pub mine: Option<bool>,
}

impl ArticleFeedback {
    /// The share of "yes", in whole percent (none without votes).
    pub fn percent_helpful(&self) -> Option<i64> {
        crate::domain::whole_percent(self.helpful, self.votes)
    }
}

/// At most this many articles are suggested while a case is typed.
pub const SUGGESTIONS_MAX: usize = 5;

/// A month of the deflection figure: suggestions opened from the new-case form, and how many of
/// them no case followed within the hour (the article answered).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeflectionMonth {
    /// "2026-12".
    pub month: String,
    /// Suggestions opened.
    pub opened: i64,
    /// Of those, followed by no case.
    pub deflected: i64,
}

/// Longest title, in characters.
pub const ARTICLE_TITLE_MAX: usize = 200;
/// Longest summary, in characters.
pub const ARTICLE_SUMMARY_MAX: usize = 500;
/// Longest text (Markdown), in characters.
pub const ARTICLE_BODY_MAX: usize = 100_000;

/// What the article editor starts from: the article as saved (empty for a new one) and the
/// products to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ArticleEditor {
    /// Its number (none for a new article).
    pub number: Option<String>,
    /// The revision being edited (0 for a new article); saving checks it is still the latest.
    pub revision: i64,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Text (Markdown).
    pub body: String,
    /// The text as readers will see it (rendered and sanitized on the server).
    pub body_html: String,
    /// Language code.
    pub language: String,
    /// Category code.
    pub category: String,
    /// Shown to people (else a draft).
    pub published: bool,
    /// The products it is about.
    pub products: Vec<crate::domain::ProductId>,
    /// The versions of this article in other languages, drafts too.
    pub translations: Vec<ArticleSummary>,
    /// Who wrote it, when saved.
    pub author: Option<String>,
    /// Last saved (RFC 3339), when saved.
    pub updated_at: Option<String>,
    /// The products to choose from (active ones, and any it is already about).
    pub product_options: Vec<crate::domain::cases::ProductOption>,
    /// The solved case a new article is written from (its number), attached to it once
    /// published.
    pub from_case: Option<String>,
    /// Its files, oldest first.
    pub files: Vec<crate::domain::attachments::FileInfo>,
    /// The per-file upload limit in MB.
    pub max_upload_mb: u64,
}

/// An article in the staff's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffArticle {
    /// Its number, 9 digits.
    pub number: String,
    /// Title.
    pub title: String,
    /// Language code.
    pub language: String,
    /// Its category.
    pub category: ArticleCategory,
    /// Shown to people (else a draft).
    pub published: bool,
    /// Last changed (RFC 3339).
    pub updated_at: String,
    /// Revision.
    pub revision: i64,
    /// Readers' votes.
    pub feedback: ArticleFeedback,
}

/// An article number as shown: 9 digits, zero-padded.
pub fn format_article_number(number: i64) -> String {
    format!("{number:09}")
}

/// Reads an article number as people type it ("1024", "000001024", " 000001024 ").
pub fn parse_article_number(text: &str) -> Option<i64> {
    let t = text.trim();
    if t.is_empty() || t.len() > 9 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse::<i64>().ok().filter(|n| *n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_numbers_round_trip() {
        assert_eq!(format_article_number(1024), "000001024");
        assert_eq!(parse_article_number("000001024"), Some(1024));
        assert_eq!(parse_article_number(" 1024 "), Some(1024));
        for bad in ["", "0", "abc", "1024x", "-5", "1234567890"] {
            assert_eq!(parse_article_number(bad), None, "{bad:?}");
        }
    }
}
