//! Knowledge-base articles as people see them, article numbers, and how a search is read.
use serde::{Deserialize, Serialize};

/// The most words of a search that count (the rest are ignored).
pub const SEARCH_TERMS_MAX: usize = 8;
/// The longest search.
pub const SEARCH_MAX_CHARS: usize = 200;
/// The most results one search shows.
pub const SEARCH_RESULTS_MAX: i64 = 50;

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
}

/// A whole article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Number, title, summary, language.
    pub head: ArticleSummary,
    /// The text (plain, paragraphs separated by blank lines).
    pub body: String,
    /// Last changed (RFC 3339, UTC).
    pub updated_at: String,
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

/// Folds text for searching: Unicode lower-case, so "Пароль" finds "пароль" on both databases.
pub fn fold(text: &str) -> String {
    text.to_lowercase()
}

/// The words of a search, folded, without repeats, at most [`SEARCH_TERMS_MAX`]. Every word must
/// occur in an article for it to match.
pub fn search_terms(query: &str) -> Vec<String> {
    let query: String = query.chars().take(SEARCH_MAX_CHARS).collect();
    let mut terms: Vec<String> = Vec::new();
    for word in fold(&query).split(|c: char| !c.is_alphanumeric()) {
        if !word.is_empty() && !terms.iter().any(|t| t == word) {
            terms.push(word.to_string());
        }
        if terms.len() == SEARCH_TERMS_MAX {
            break;
        }
    }
    terms
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

    #[test]
    fn searches_are_folded_words() {
        assert_eq!(
            search_terms("  Reset PASSWORD, reset? "),
            vec!["reset", "password"]
        );
        assert_eq!(search_terms("Сброс Пароля"), vec!["сброс", "пароля"]);
        assert_eq!(search_terms("%_\\"), Vec::<String>::new());
        assert_eq!(search_terms("a b c d e f g h i j").len(), SEARCH_TERMS_MAX);
    }
}
