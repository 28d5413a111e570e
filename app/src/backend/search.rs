//! Full-text search of the knowledge base, the same on both databases.
//!
//! Words are folded (lower case, "ё" as "е") and stemmed here, in the app, with each language's
//! Snowball stemmer (`rust-stemmers`): an article's text with its own language's stemmer, a search
//! with all three (a reader may type Dutch into an English interface). The stems are what the
//! databases index: SQLite FTS5 and PostgreSQL's `simple` text search, neither of which stems or
//! folds anything further, so a search finds exactly the same articles on both. The order is
//! computed by the same portable SQL on both (the reader's language, then how many of the words
//! the title holds, then the summary, then the newest), and matches are marked here.
use crate::domain::Language;
use crate::domain::knowledge::{Marked, SEARCH_MAX_CHARS, SEARCH_TERMS_MAX};
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// Bumped whenever folding or stemming changes: articles indexed with an older version are
/// indexed again at start-up (`Store::reindex_articles`).
pub const INDEX_VERSION: i32 = 1;

/// The Snowball stemmer of `language`.
fn stemmer(language: Language) -> &'static Stemmer {
    static STEMMERS: OnceLock<[Stemmer; 3]> = OnceLock::new();
    let [en, ru, nl] = STEMMERS.get_or_init(|| {
        [
            Stemmer::create(Algorithm::English),
            Stemmer::create(Algorithm::Russian),
            Stemmer::create(Algorithm::Dutch),
        ]
    });
    match language {
        Language::En => en,
        Language::Ru => ru,
        Language::Nl => nl,
    }
}

/// The words of `text` with where each starts (in bytes): runs of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = None;
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out.into_iter()
}

/// A word as it is compared: lower case, "ё" as "е".
pub fn fold(word: &str) -> String {
    word.to_lowercase().replace('ё', "е")
}

/// The stem of one word in `language`.
pub fn stem(language: Language, word: &str) -> String {
    stemmer(language).stem(&fold(word)).into_owned()
}

/// What is indexed of `text` written in `language`: its stems, separated by spaces.
pub fn index_text(language: Language, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (_, word) in words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&stem(language, word));
    }
    out
}

/// A search as the databases ask it: every word must match (or, for suggestions, any word), each
/// by any of its stems (one per language, repeats removed).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    /// Per word of the search, its stems.
    pub terms: Vec<Vec<String>>,
    /// Any word is enough (suggestions while a case is typed); else every word must match.
    pub any: bool,
}

/// Words too common to suggest anything by (folded), in the three languages: a case's subject is
/// a sentence ("I cannot print the report"), not a search.
const STOP_WORDS: &[&str] = &[
    // English
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "but",
    "by",
    "can",
    "cannot",
    "do",
    "does",
    "for",
    "from",
    "have",
    "how",
    "i",
    "if",
    "in",
    "is",
    "it",
    "my",
    "no",
    "not",
    "of",
    "on",
    "or",
    "our",
    "please",
    "the",
    "there",
    "this",
    "to",
    "we",
    "what",
    "when",
    "why",
    "with",
    "you",
    // Russian
    "а",
    "в",
    "во",
    "да",
    "для",
    "до",
    "же",
    "за",
    "и",
    "из",
    "или",
    "как",
    "ли",
    "мне",
    "мы",
    "на",
    "не",
    "нет",
    "но",
    "о",
    "от",
    "по",
    "пожалуйста",
    "при",
    "с",
    "так",
    "то",
    "у",
    "что",
    "это",
    "я",
    // Dutch
    "aan",
    "als",
    "bij",
    "dat",
    "de",
    "die",
    "een",
    "en",
    "er",
    "het",
    "hoe",
    "ik",
    "in",
    "is",
    "kan",
    "met",
    "mijn",
    "niet",
    "of",
    "om",
    "op",
    "te",
    "van",
    "voor",
    "wat",
    "we",
    "wij",
    "ze",
];

impl Search {
    /// Reads a search as typed: at most [`SEARCH_TERMS_MAX`] distinct words of the first
    /// [`SEARCH_MAX_CHARS`] characters.
    pub fn parse(text: &str) -> Self {
        Self::read(text, false)
    }

    /// Reads what a customer types into a new case for suggestions: like [`Search::parse`],
    /// without the commonest words, and any word is enough.
    pub fn parse_any(text: &str) -> Self {
        Self::read(text, true)
    }

    fn read(text: &str, any: bool) -> Self {
        let text: String = text.chars().take(SEARCH_MAX_CHARS).collect();
        let mut terms: Vec<Vec<String>> = Vec::new();
        for (_, word) in words(&text) {
            if any && (STOP_WORDS.contains(&fold(word).as_str()) || word.chars().count() < 2) {
                continue;
            }
            let mut stems: Vec<String> = Vec::new();
            for &language in Language::ALL {
                let s = stem(language, word);
                if !stems.contains(&s) {
                    stems.push(s);
                }
            }
            stems.sort();
            if !terms.contains(&stems) {
                terms.push(stems);
            }
            if terms.len() == SEARCH_TERMS_MAX {
                break;
            }
        }
        Self { terms, any }
    }

    /// No words at all.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The query in FTS5's syntax: `("a" OR "b") AND ("c")` (`OR` between the words too when
    /// any word is enough).
    pub fn fts5(&self) -> String {
        let and = if self.any { " OR " } else { " AND " };
        self.join(and, " OR ", |s| format!("\"{}\"", s.replace('"', "\"\"")))
    }

    /// The query in PostgreSQL's `to_tsquery('simple', …)` syntax: `('a' | 'b') & ('c')` (`|`
    /// between the words too when any word is enough).
    pub fn tsquery(&self) -> String {
        let and = if self.any { " | " } else { " & " };
        self.join(and, " | ", |s| format!("'{}'", s.replace('\'', "''")))
    }

    fn join(&self, and: &str, or: &str, quote: impl Fn(&str) -> String) -> String {
        self.terms
            .iter()
            .map(|stems| {
                let any: Vec<String> = stems.iter().map(|s| quote(s)).collect();
                format!("({})", any.join(or))
            })
            .collect::<Vec<_>>()
            .join(and)
    }

    /// Whether `stem` is one of the search's stems.
    pub fn matches(&self, stem: &str) -> bool {
        self.terms.iter().flatten().any(|s| s == stem)
    }

    /// Whether `word` written in `language` is one of the search's words: its stem is one of the
    /// search's. The three stemmers change a word's ending only (the Dutch one also drops accents),
    /// so a word whose first letter starts none of the stems is passed over without being stemmed
    /// (most words of a text).
    pub fn matches_word(&self, language: Language, word: &str) -> bool {
        let Some(first) = word.chars().next().map(first_letter) else {
            return false;
        };
        let possible = self
            .terms
            .iter()
            .flatten()
            .any(|s| s.chars().next().map(first_letter) == Some(first));
        possible && self.matches(&stem(language, word))
    }
}

/// `c` as the first letter of a word and of its stems is compared: lower case, without accents
/// (the Dutch stemmer drops them: "één" -> "een"), "ё" as "е".
fn first_letter(c: char) -> char {
    let c = c.to_lowercase().next().unwrap_or(c);
    match c {
        'á' | 'à' | 'â' | 'ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ё' => 'е',
        c => c,
    }
}

/// `text` (written in `language`) in pieces, each word whose stem the search holds marked.
pub fn mark(language: Language, text: &str, query: &Search) -> Vec<Marked> {
    let mut out: Vec<Marked> = Vec::new();
    let mut push = |piece: &str, hit: bool| match out.last_mut() {
        Some(last) if last.hit == hit => last.text.push_str(piece),
        _ => out.push(Marked {
            text: piece.to_string(),
            hit,
        }),
    };
    let mut at = 0;
    for (start, word) in words(text) {
        if query.matches_word(language, word) {
            push(&text[at..start], false);
            push(word, true);
            at = start + word.len();
        }
    }
    push(&text[at..], false);
    out.retain(|m| !m.text.is_empty());
    out
}

/// About `chars` characters of `body` around its first match (its start when nothing matches),
/// cut at word boundaries, with "…" where text was left out, matches marked.
pub fn snippet(language: Language, body: &str, query: &Search, chars: usize) -> Vec<Marked> {
    let all: Vec<(usize, &str)> = words(body).collect();
    let first = all
        .iter()
        .position(|(_, w)| query.matches_word(language, w))
        .unwrap_or(0);
    // Some words before the first match, at most a third of the snippet.
    let match_at = all.get(first).map_or(0, |(s, _)| *s);
    let mut from = first;
    while from > 0 && body[all[from - 1].0..match_at].chars().count() <= chars / 3 {
        from -= 1;
    }
    let start = all.get(from).map_or(0, |(s, _)| *s);
    let mut end = start;
    for (s, w) in &all[from..] {
        if body[start..s + w.len()].chars().count() > chars {
            break;
        }
        end = s + w.len();
    }
    if end == start {
        end = body.len();
    }
    let mut out = Vec::new();
    if start > 0 {
        out.push(Marked {
            text: "… ".into(),
            hit: false,
        });
    }
    out.extend(mark(language, &body[start..end], query));
    if end < body.trim_end().len() {
        out.push(Marked {
            text: " …".into(),
            hit: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(language: Language, text: &str, search: &str) -> bool {
        let indexed: Vec<String> = index_text(language, text)
            .split(' ')
            .map(str::to_string)
            .collect();
        let query = Search::parse(search);
        !query.is_empty()
            && query
                .terms
                .iter()
                .all(|stems| stems.iter().any(|s| indexed.contains(s)))
    }

    #[test]
    fn each_language_finds_other_forms_of_a_word() {
        assert!(finds(Language::Ru, "Ежемесячные отчёты", "отчёт"));
        assert!(finds(Language::Ru, "Формирование отчёта", "отчет"));
        assert!(finds(Language::Ru, "Смена пароля", "пароль"));
        assert!(finds(Language::Nl, "Wachtwoorden vergeten", "wachtwoord"));
        assert!(finds(Language::En, "Resetting a password", "reset"));
        assert!(finds(Language::En, "Password resets", "PASSWORDS"));
        assert!(!finds(Language::En, "Printer jams", "password"));
        assert!(!finds(Language::En, "Printer jams", ""));
    }

    #[test]
    fn queries_are_quoted_for_both_databases() {
        let q = Search::parse("Wachtwoorden reset, reset");
        assert_eq!(q.terms.len(), 2, "{q:?}");
        // Each word by its stem in every language: Dutch "wachtwoord", English and Russian leave
        // the word as it is.
        assert_eq!(
            q.fts5(),
            "(\"wachtwoord\" OR \"wachtwoorden\") AND (\"reset\")"
        );
        assert_eq!(q.tsquery(), "('wachtwoord' | 'wachtwoorden') & ('reset')");
        assert!(Search::parse("%_\\\"'").is_empty());
        assert_eq!(
            Search::parse("a b c d e f g h i j k").terms.len(),
            SEARCH_TERMS_MAX
        );
    }

    #[test]
    fn matches_are_marked_in_titles_and_snippets() {
        let q = Search::parse("пароль");
        let marked = mark(Language::Ru, "Смена пароля и Пароль", &q);
        let hits: Vec<&str> = marked
            .iter()
            .filter(|m| m.hit)
            .map(|m| m.text.as_str())
            .collect();
        assert_eq!(hits, ["пароля", "Пароль"]);
        let text: String = marked.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(text, "Смена пароля и Пароль");
        let body = "one two three four five six seven eight nine ten eleven twelve resetting \
                    thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty";
        let s = snippet(Language::En, body, &Search::parse("reset"), 40);
        let text: String = s.iter().map(|m| m.text.as_str()).collect();
        assert!(text.starts_with("… "), "{text}");
        assert!(text.contains("resetting"), "{text}");
        assert!(text.ends_with(" …"), "{text}");
        assert!(s.iter().any(|m| m.hit && m.text == "resetting"));
    }

    #[test]
    fn stemming_never_changes_a_words_first_letter() {
        // What `Search::matches_word` counts on, checked on every word of the demo articles in
        // all three languages (and each word stemmed as the other two languages would).
        let mut checked = 0;
        for a in crate::backend::demo_articles::DEMO_ARTICLES {
            for text in [a.title, a.summary, a.body] {
                for (_, word) in words(text) {
                    let first = word.chars().next().map(first_letter);
                    for &language in Language::ALL {
                        let s = stem(language, word);
                        assert_eq!(
                            s.chars().next().map(first_letter),
                            first,
                            "{word} -> {s} ({language:?})"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
        // And a word is found exactly when its stem is.
        let q = Search::parse("reset wachtwoord отчёт");
        for (word, language, found) in [
            ("resetting", Language::En, true),
            ("wachtwoorden", Language::Nl, true),
            ("Отчёты", Language::Ru, true),
            ("отчета", Language::Ru, true),
            ("report", Language::En, false),
            ("Één", Language::Nl, false),
            ("", Language::En, false),
        ] {
            assert_eq!(q.matches_word(language, word), found, "{word}");
        }
    }
}
