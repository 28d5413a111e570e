//! Attachments as both sides see them, and the rules for names people give their files.
use super::{AttachmentId, CaseNumber};
use serde::{Deserialize, Serialize};

/// The longest file name kept (in characters; longer names are shortened, keeping the extension).
pub const FILE_NAME_MAX: usize = 180;
/// At most this many files on one new case (and in one no-JS form post).
pub const FILES_PER_CASE_MAX: usize = 20;
/// At most this many uploads of one person wait for their case at a time; their bytes at most
/// `FILES_PER_CASE_MAX` files at the upload limit (one full case).
pub const PENDING_FILES_MAX: i64 = 2 * FILES_PER_CASE_MAX as i64;

/// A stored file as the picker and the case page list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileInfo {
    /// Id (downloads are `/attachments/{id}`).
    pub id: AttachmentId,
    /// The sanitized name.
    pub name: String,
    /// Bytes.
    pub size: i64,
    /// When it was uploaded (RFC 3339, UTC).
    pub uploaded_at: String,
    /// The case it belongs to; `None` while it waits for the case being written.
    pub case_number: Option<CaseNumber>,
    /// Which version of its file this is (1 for the first).
    pub version: i32,
}

/// A file of a case as its page lists it: the newest version, the earlier ones, and what the reader
/// may do with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFile {
    /// The newest version.
    pub file: FileInfo,
    /// The file as a whole (its first version's id): what is followed, removed and given new
    /// versions; also the anchor `file-{id}` of its row.
    pub document: AttachmentId,
    /// Earlier versions, newest first (still downloadable).
    pub earlier: Vec<FileInfo>,
    /// The reader follows it (an email on each new version or its removal).
    pub following: bool,
    /// The reader may upload a new version or remove it (its uploader, or support staff).
    pub can_change: bool,
}

impl FileInfo {
    /// Where it downloads from (the name in the path is only for people; the id decides).
    pub fn href(&self) -> String {
        format!(
            "/attachments/{}/{}",
            self.id,
            super::encode_query_value(&self.name)
        )
    }
}

/// A file's row on its case page: `/cases/{number}#file-{document}`.
pub fn file_anchor(number: CaseNumber, document: AttachmentId) -> String {
    format!("/cases/{number}#file-{document}")
}

/// The lists of the attachment picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileList {
    /// Files I uploaded to my cases.
    Owned,
    /// Files support added to my company's cases.
    Shared,
    /// Either of the above from the last 30 days, newest first.
    Recent,
    /// Files I follow.
    Following,
}

/// What an upload answers: the stored file, or why not (a locale key, with the limit in MB for
/// `error_file_too_large`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UploadReply {
    /// Stored, waiting to be attached to the case when it is submitted.
    Stored(FileInfo),
    /// Refused.
    Refused {
        /// Locale key of the message.
        error: String,
        /// The per-file limit in MB.
        limit_mb: u64,
    },
}

/// A name safe to store and to show: no folders (only the part after the last `/` or `\`), no
/// control or invisible formatting characters, no leading dots, at most `FILE_NAME_MAX`
/// characters with the extension kept; `file` when nothing is left.
pub fn sanitize_file_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !super::is_invisible_format(*c))
        .map(|c| {
            if matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*') {
                '_'
            } else {
                c
            }
        })
        .collect();
    // Dots and spaces in any mix at the start (`.. ..` was `..` after one round of each: found by
    // the property test below).
    let cleaned = cleaned
        .trim_start_matches(|c: char| c == '.' || c.is_whitespace())
        .trim_end()
        .to_string();
    if cleaned.is_empty() {
        return "file".into();
    }
    if cleaned.chars().count() <= FILE_NAME_MAX {
        return cleaned;
    }
    let (stem, ext) = match cleaned.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.chars().count() <= 16 => (stem, Some(ext)),
        _ => (cleaned.as_str(), None),
    };
    let keep = FILE_NAME_MAX - ext.map_or(0, |e| e.chars().count() + 1);
    // The cut may end the stem in a space: trimmed, as the whole name was (found by the property
    // test below: the name then changed when sanitized again).
    let mut out: String = stem
        .chars()
        .take(keep)
        .collect::<String>()
        .trim_end()
        .to_string();
    if let Some(ext) = ext {
        out.push('.');
        out.push_str(ext);
    }
    out
}

/// "2.4 MB", "312 KB", "17 B": sizes as people read them (decimal units, like the OS file pickers).
pub fn human_size(bytes: i64) -> String {
    let b = bytes.max(0) as f64;
    if b >= 1_000_000.0 {
        format!("{:.1} MB", b / 1_000_000.0)
    } else if b >= 1_000.0 {
        format!("{:.0} KB", b / 1_000.0)
    } else {
        format!("{bytes} B")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_folders_controls_and_tricks() {
        assert_eq!(sanitize_file_name("../../etc/passwd"), "passwd");
        assert_eq!(
            sanitize_file_name("C:\\Users\\me\\report.pdf"),
            "report.pdf"
        );
        assert_eq!(sanitize_file_name("..hidden"), "hidden");
        assert_eq!(sanitize_file_name(".. .."), "file");
        assert_eq!(sanitize_file_name(" . .. x"), "x");
        assert_eq!(sanitize_file_name("a\u{0}b\r\nc.txt"), "abc.txt");
        assert_eq!(
            sanitize_file_name("invoice\u{202E}fdp.exe"),
            "invoicefdp.exe"
        );
        assert_eq!(sanitize_file_name("<script>.html"), "_script_.html");
        assert_eq!(sanitize_file_name("   "), "file");
        assert_eq!(sanitize_file_name("../"), "file");
        assert_eq!(sanitize_file_name("Отчёт за май.xlsx"), "Отчёт за май.xlsx");
        let long = format!("{}.pdf", "x".repeat(300));
        let short = sanitize_file_name(&long);
        assert_eq!(short.chars().count(), FILE_NAME_MAX);
        assert!(short.ends_with("x.pdf"));
        // Cut where a space falls: no space is left at the end (found by the property test).
        let spaced = format!(
            "{}{}",
            "y ".repeat(FILE_NAME_MAX / 2),
            "tail without extension"
        );
        let cut = sanitize_file_name(&spaced);
        assert_eq!(cut, cut.trim_end());
        assert_eq!(sanitize_file_name(&cut), cut);
    }

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(human_size(17), "17 B");
        assert_eq!(human_size(312_400), "312 KB");
        assert_eq!(human_size(2_400_000), "2.4 MB");
    }
}

/// Property-based fuzzing (issue #18): any upload name, hostile or random, becomes a name that is
/// safe to store, show and send in a download's header.
#[cfg(test)]
mod fuzz {
    use super::{FILE_NAME_MAX, sanitize_file_name};
    use crate::fuzz::{config, within_time};
    use proptest::prelude::*;

    /// Pieces of the names attackers send.
    const PIECES: &[&str] = &[
        "..",
        ".",
        "/",
        "\\",
        "../",
        "..\\",
        "C:\\",
        "%2e%2e%2f",
        "\u{0}",
        "\r\n",
        "\t",
        "\u{7f}",
        "\u{85}",
        "\u{202E}",
        "\u{200B}",
        "\u{FEFF}",
        "\u{2066}",
        " ",
        "\u{a0}",
        "\u{3000}",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "</title>",
        ".svg",
        ".html",
        ".htm",
        ".exe",
        ".pdf",
        "CON",
        "aux",
        "|",
        ":",
        "*",
        "?",
        "\"",
        "'",
        ";",
        "filename*=UTF-8''x",
        "a",
        "Отчёт",
        "報告",
        "😀",
    ];

    fn name() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => "\\PC{0,20}",
            1 => any::<String>().prop_map(|s| s.chars().take(24).collect()),
        ];
        prop_oneof![
            4 => prop::collection::vec(piece, 0..24).prop_map(|p| p.concat()),
            1 => any::<String>(),
            1 => (".{0,40}", 150..400_usize, "\\.[a-z ]{0,20}")
                .prop_map(|(a, n, ext)| format!("{a}{}{ext}", "y ".repeat(n / 2))),
        ]
    }

    proptest! {
        #![proptest_config(config(2000))]

        /// A sanitized name is never empty, never `.` or `..` nor starts with a dot, has no folder
        /// separator, control or invisible formatting character, no markup character, no space
        /// at either end, at most `FILE_NAME_MAX` characters; sanitizing it again changes
        /// nothing; and it always makes a valid `Content-Disposition` header.
        #[test]
        fn upload_names_sanitize_safely(raw in name()) {
            let name = within_time("sanitize", || sanitize_file_name(&raw))
                .map_err(TestCaseError::fail)?;
            prop_assert!(!name.is_empty());
            prop_assert!(name != "." && name != ".." && !name.starts_with('.'), "{name:?}");
            prop_assert!(!name.contains(['/', '\\', '<', '>', '"']), "{name:?}");
            prop_assert!(
                !name.chars().any(|c| c.is_control() || crate::domain::is_invisible_format(c)),
                "{name:?}"
            );
            prop_assert_eq!(name.trim(), name.as_str());
            prop_assert!(name.chars().count() <= FILE_NAME_MAX, "{name:?}");
            prop_assert_eq!(sanitize_file_name(&name), name.clone(), "from {:?}", raw);
            #[cfg(feature = "ssr")]
            {
                let header = crate::backend::services::attachments::content_disposition(&name);
                prop_assert!(header.starts_with("attachment; "), "{header}");
                prop_assert!(http::HeaderValue::from_str(&header).is_ok(), "{header:?}");
            }
        }
    }
}
