//! The three locale files: every key in all three, no empty text, the same `{{ placeholders }}` in
//! each language, and no Russian or Dutch text left in English (a value equal to the English one is
//! allowed only for the words both languages share, listed here).
use std::collections::{BTreeMap, BTreeSet};

fn load(lang: &str) -> BTreeMap<String, String> {
    let path = format!("{}/locales/{lang}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("locale file");
    serde_json::from_str(&text).expect("a flat JSON object of strings")
}

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split("{{")
        .skip(1)
        .filter_map(|rest| rest.split_once("}}"))
        .map(|(name, _)| name.trim().to_string())
        .collect()
}

/// Keys whose Russian or Dutch text is rightly the same as the English one.
const SAME_IN: &[(&str, &[&str])] = &[
    ("ru", &["app_name", "articles_helpful_cell"]),
    (
        "nl",
        &[
            "app_name",
            "passkeys_title",
            "user_menu",
            "kb_filter_product",
            "accounts_title",
            "nav_accounts",
            "field_product",
            "picker_tab_recent",
            "col_status",
            "list_items",
            "list_items_more",
            "update_status_label",
            "satisfaction_by_product",
            "origin_web",
            "comment_by_support",
            "articles_helpful_cell",
            "article_status",
            "col_product",
            "priority_urgent",
            "history_status",
            "queue_open",
            "history_product",
            "footer_support",
            "sso_col_provider",
            "webhooks_title",
            "webhooks_col_case",
            "api_ref_parameters",
        ],
    ),
];

#[test]
fn every_key_is_in_every_language_with_its_placeholders_and_translated() {
    let en = load("en");
    assert!(en.len() > 500, "the English file holds the app's text");
    for (lang, same) in SAME_IN {
        let other = load(lang);
        let missing: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{lang}.json lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{lang}.json has keys English lacks: {extra:?}"
        );
        for (key, english) in &en {
            let text = &other[key];
            assert!(!text.trim().is_empty(), "{lang}.json: {key} is empty");
            assert_eq!(
                placeholders(text),
                placeholders(english),
                "{lang}.json: {key} names other placeholders than English"
            );
            if text == english {
                assert!(
                    same.contains(&key.as_str()),
                    "{lang}.json: {key} is still English: {text:?}"
                );
            }
        }
    }
}
