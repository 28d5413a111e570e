//! The no-JavaScript form protocol, one encoder for every form. A browser without JavaScript posts
//! a plain form and can only follow a redirect back; the redirect carries the error keys
//! (`?error=FIELD:KEY`, which `components::form` reads) and, when the form had typed text, a
//! `draft` token: the text itself waits in the database for an hour (`form_drafts`), so that no
//! description, email or name ever travels in a URL (browser history, proxy and server logs).
use crate::backend::auth;
use crate::backend::state::AppState;
use crate::domain::{UserId, encode_query_value};
use crate::error::{AppError, FieldErrors};
use std::collections::BTreeMap;

/// How long a draft can be read back.
pub const DRAFT_TTL: chrono::Duration = chrono::Duration::hours(1);

/// `page` with `errors` (and `draft`) in its query, before any `#fragment` (or the browser would
/// keep the query in the fragment).
pub fn back_to(page: &str, errors: &FieldErrors, draft: Option<&str>) -> String {
    let mut query: Vec<String> = crate::error::query::encode(errors)
        .iter()
        .map(|e| format!("error={}", encode_query_value(e)))
        .collect();
    if let Some(token) = draft {
        query.push(format!("draft={token}"));
    }
    let (path, fragment) = page.split_at(page.find('#').unwrap_or(page.len()));
    if query.is_empty() {
        return page.to_string();
    }
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}{}{fragment}", query.join("&"))
}

/// Keeps the non-empty `typed` values of a form of `owner` (`None`: a signed-out form such as
/// sign-in) and returns the draft's token, or `None` when nothing was typed.
pub async fn save_draft(
    state: &AppState,
    owner: Option<UserId>,
    typed: &[(&str, &str)],
) -> Result<Option<String>, AppError> {
    let fields: BTreeMap<&str, &str> = typed
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .copied()
        .collect();
    if fields.is_empty() {
        return Ok(None);
    }
    let json = serde_json::to_string(&fields).map_err(|e| {
        tracing::error!(error = %e, "encoding a form draft");
        AppError::Internal
    })?;
    let token = auth::new_token();
    state
        .store
        .insert_draft(&auth::token_hash(&token), owner, &json, chrono::Utc::now())
        .await?;
    Ok(Some(token))
}

/// The values a draft kept, for `reader` (`None`: signed out). A draft of someone else, an
/// expired or an unknown one is `NotFound`.
pub async fn read_draft(
    state: &AppState,
    reader: Option<UserId>,
    token: &str,
) -> Result<BTreeMap<String, String>, AppError> {
    let since = chrono::Utc::now() - DRAFT_TTL;
    let (owner, json) = state
        .store
        .get_draft(&auth::token_hash(token), since)
        .await?
        .ok_or(AppError::NotFound)?;
    if owner.is_some() && owner != reader {
        return Err(AppError::NotFound);
    }
    serde_json::from_str(&json).map_err(|e| {
        tracing::error!(error = %e, "reading a form draft");
        AppError::Internal
    })
}

/// A failed plain form post goes back to `page` with its errors and what was typed, through
/// a redirect; returns whether it did (the hydrated app gets the error as data instead).
pub async fn send_back(
    state: &AppState,
    owner: Option<UserId>,
    page: &str,
    err: &AppError,
    typed: &[(&str, &str)],
) -> Result<bool, AppError> {
    if !auth::is_plain_form_post()
        || !matches!(err, AppError::Validation(_) | AppError::RateLimited(_))
    {
        return Ok(false);
    }
    let draft = save_draft(state, owner, typed).await?;
    leptos_axum::redirect(&back_to(page, &err.form_errors(), draft.as_deref()));
    Ok(true)
}

/// How a form's server function fails. From the hydrated app the error returns as data; a browser
/// without JavaScript posted a plain form and can only follow a redirect, so validation errors go
/// back to `page` as `?error=FIELD:KEY` (what `components::form` reads).
pub fn form_failure(page: &str, err: AppError) -> Result<(), AppError> {
    match err {
        AppError::Validation(_) | AppError::RateLimited(_) if auth::is_plain_form_post() => {
            leptos_axum::redirect(&back_to(page, &err.form_errors(), None));
            Ok(())
        }
        other => Err(super::respond_with(other)),
    }
}

/// Property-based fuzzing (issue #18) of the no-JS form protocol's text: whatever a URL carries in
/// `error=` (a hand-edited or hostile address) reads as field errors and shows in every language
/// without a panic; what `back_to` writes reads back exactly; a `next`/`back` address either stays
/// on the site or becomes `/`.
#[cfg(test)]
mod fuzz {
    use super::back_to;
    use crate::components::form::error_text;
    use crate::domain::safe_local_path;
    use crate::error::{FieldErrors, query};
    use crate::fuzz::{config, within_time};
    use crate::i18n::Locale;
    use proptest::prelude::*;

    const QUERY_PIECES: &[&str] = &[
        "error=",
        "&",
        "=",
        ":",
        "%",
        "%3A",
        "%ZZ",
        "%FF%FE",
        "+",
        "_form",
        "_retry",
        "_retry:",
        ":99999999999999999999",
        ":18446744073709551615",
        ":-1",
        "error_rate_limited",
        "error_generic",
        "draft=",
        "#",
        "?",
        "subject",
        "<script>alert(1)</script>",
        "\u{0}",
    ];

    fn query_string() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => prop::sample::select(QUERY_PIECES).prop_map(str::to_string),
            1 => "\\PC{0,10}",
        ];
        prop_oneof![
            4 => prop::collection::vec(piece, 0..40).prop_map(|p| p.concat()),
            1 => any::<String>(),
        ]
    }

    /// Field errors as services write them: field names without `:`, at least one key each.
    fn field_errors() -> impl Strategy<Value = FieldErrors> {
        prop::collection::btree_map("[^:]{0,12}", prop::collection::vec(".{0,16}", 1..3), 0..4)
    }

    proptest! {
        #![proptest_config(config(2000))]

        /// Any query reads as field errors; each field's text is found in every language.
        #[test]
        fn form_errors_from_any_query_show(text in query_string()) {
            within_time("decode and show", || {
                let values: Vec<String> = url::form_urlencoded::parse(text.as_bytes())
                    .filter(|(k, _)| k == "error")
                    .map(|(_, v)| v.into_owned())
                    .collect();
                let errors = query::decode(&values);
                let _ = query::retry_minutes(&errors);
                for locale in [Locale::en, Locale::ru, Locale::nl] {
                    for field in errors.keys() {
                        let _ = error_text(locale, &errors, field);
                    }
                }
            })
            .map_err(TestCaseError::fail)?;
        }

        /// `back_to` keeps the page's path and fragment, and its `error=` and `draft=` values read
        /// back as exactly what was sent.
        #[test]
        fn back_to_reads_back_what_it_wrote(
            path in "(/[a-z0-9._~-]{0,8}){1,3}",
            own_query in proptest::option::of("(page|tab|q)=[a-z0-9]{0,5}"),
            fragment in proptest::option::of("#[a-z-]{1,12}"),
            errors in field_errors(),
            draft in proptest::option::of("[A-Za-z0-9_-]{1,43}"),
        ) {
            let page = format!(
                "{path}{}{}",
                own_query.as_ref().map(|q| format!("?{q}")).unwrap_or_default(),
                fragment.clone().unwrap_or_default()
            );
            let url = within_time("back_to", || back_to(&page, &errors, draft.as_deref()))
                .map_err(TestCaseError::fail)?;
            prop_assert!(url.starts_with(&path), "{url}");
            let fragment = fragment.unwrap_or_default();
            prop_assert!(url.ends_with(&fragment), "{url}");
            let query_text = url[..url.len() - fragment.len()]
                .split_once('?')
                .map_or("", |(_, q)| q);
            let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query_text.as_bytes())
                .into_owned()
                .collect();
            let values: Vec<&str> = pairs
                .iter()
                .filter(|(k, _)| k == "error")
                .map(|(_, v)| v.as_str())
                .collect();
            prop_assert_eq!(query::decode(&values), errors);
            let read_draft = pairs.iter().find(|(k, _)| k == "draft").map(|(_, v)| v.as_str());
            prop_assert_eq!(read_draft, draft.as_deref());
        }

        /// Any page of any text: no panic.
        #[test]
        fn back_to_takes_any_page(page in "\\PC{0,40}", errors in field_errors()) {
            within_time("back_to", || back_to(&page, &errors, Some("t")))
                .map_err(TestCaseError::fail)?;
        }

        /// A `next`/`back` address is itself (a path on this site) or `/`; never one that leads
        /// elsewhere (`//host`, `/\host`, a scheme, a control character).
        #[test]
        fn return_addresses_stay_on_the_site(raw in prop_oneof![
            "\\PC{0,30}",
            any::<String>(),
            "(/|//|/\\\\|\\\\|https?:|javascript:|\t|\n|\u{0}|[a-z.]{1,6}){0,6}",
        ]) {
            let path = safe_local_path(&raw);
            prop_assert!(path == raw || path == "/", "{raw:?} -> {path:?}");
            prop_assert!(path.starts_with('/'), "{path:?}");
            prop_assert!(!path.starts_with("//") && !path.starts_with("/\\"), "{path:?}");
            prop_assert!(!path.chars().any(char::is_control), "{path:?}");
            // A browser drops tabs and line breaks before it reads an address: they are control
            // characters, refused above, so `/\t/evil.example` cannot become `//evil.example`.
        }
    }
}
