//! `AppError`: the one error type that crosses the wire between server functions and pages.
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};
use std::collections::BTreeMap;

pub use crate::messages::MessageKey;

/// Field name -> the codes of its [`MessageKey`]s, translated where they are shown (the one
/// exception: `_retry` carries the minutes that "try again later" names).
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// The no-JavaScript form protocol, both directions in one place: a failed plain form post is
/// redirected back with one `error=FIELD:KEY` query value per message (`backend::forms::back_to`
/// writes them), and the page reads them back into [`FieldErrors`] (`components::form`).
pub mod query {
    use super::FieldErrors;

    /// The `FIELD:KEY` values for `errors`, in field order (not yet percent-encoded).
    pub fn encode(errors: &FieldErrors) -> Vec<String> {
        errors
            .iter()
            .flat_map(|(field, keys)| keys.iter().map(move |k| format!("{field}:{k}")))
            .collect()
    }

    /// The field errors named by a URL's `error` values; a value without a colon is ignored.
    pub fn decode<S: AsRef<str>>(values: &[S]) -> FieldErrors {
        let mut fields = FieldErrors::new();
        for value in values {
            if let Some((field, key)) = value.as_ref().split_once(':') {
                fields
                    .entry(field.to_string())
                    .or_default()
                    .push(key.to_string());
            }
        }
        fields
    }

    /// The minutes a "too many attempts" error says to wait (`_retry`), if it is one.
    pub fn retry_minutes(errors: &FieldErrors) -> Option<u64> {
        errors
            .get("_retry")
            .and_then(|m| m.first())
            .and_then(|m| m.parse().ok())
    }
}

/// Everything a server function can answer instead of its value. The browser never sees internals:
/// `Internal` carries no detail (the server logs it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No session: pages send the user to sign-in, server functions answer 401.
    #[error("sign-in required")]
    Unauthenticated,
    /// Signed in, but not allowed.
    #[error("forbidden")]
    Forbidden,
    /// Missing, or not visible to the caller (the two answer alike).
    #[error("not found")]
    NotFound,
    /// Input rejected; messages per field.
    #[error("invalid input")]
    Validation(FieldErrors),
    /// Clashes with existing data that no field explains (a duplicate the service did not map
    /// with `StoreError::on_constraint`). Names no constraint or index: those stay in the log.
    #[error("conflict")]
    Conflict,
    /// An upload or body over its limit.
    #[error("too large")]
    TooLarge,
    /// Too many attempts; retry after this many seconds.
    #[error("too many attempts")]
    RateLimited(u64),
    /// The database (or another service everything needs) cannot be reached now; nothing was
    /// saved, and the same request may succeed in a moment. 503 with `Retry-After`.
    #[error("temporarily unavailable")]
    Unavailable,
    /// Anything else; details are only in the server log.
    #[error("internal error")]
    Internal,
}

/// The `Retry-After` of an [`AppError::Unavailable`] answer: the database is usually back within
/// seconds (a restart, a fail-over).
pub const RETRY_UNAVAILABLE_SECONDS: u64 = 5;

impl AppError {
    /// The HTTP status this error answers with.
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode as S;
        match self {
            Self::Unauthenticated => S::UNAUTHORIZED,
            Self::Forbidden => S::FORBIDDEN,
            Self::NotFound => S::NOT_FOUND,
            Self::Validation(_) => S::UNPROCESSABLE_ENTITY,
            Self::Conflict => S::CONFLICT,
            Self::TooLarge => S::PAYLOAD_TOO_LARGE,
            Self::RateLimited(_) => S::TOO_MANY_REQUESTS,
            Self::Unavailable => S::SERVICE_UNAVAILABLE,
            Self::Internal => S::INTERNAL_SERVER_ERROR,
        }
    }

    /// The field errors a form shows for this error: validation errors as they are; "too many
    /// attempts" as the form-level `error_rate_limited` with the minutes to wait in `_retry`;
    /// anything else as the form-level generic message.
    pub fn form_errors(&self) -> FieldErrors {
        match self {
            Self::Validation(fields) => fields.clone(),
            Self::RateLimited(seconds) => FieldErrors::from([
                (
                    "_form".to_string(),
                    vec![MessageKey::RateLimited.to_string()],
                ),
                ("_retry".to_string(), vec![seconds.div_ceil(60).to_string()]),
            ]),
            Self::Unavailable => FieldErrors::from([(
                "_form".to_string(),
                vec![MessageKey::Unavailable.to_string()],
            )]),
            _ => FieldErrors::from([("_form".to_string(), vec![MessageKey::Generic.to_string()])]),
        }
    }

    /// A validation error on one field.
    pub fn field(field: &str, key: MessageKey) -> Self {
        let mut map = FieldErrors::new();
        add_field_error(&mut map, field, key);
        Self::Validation(map)
    }
}

/// Adds `key` to `field`'s errors.
pub fn add_field_error(errors: &mut FieldErrors, field: &str, key: MessageKey) {
    errors
        .entry(field.to_string())
        .or_default()
        .push(key.code().to_string());
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // On the server `Deserialization` is a request body that could not be read (not UTF-8);
        // in the browser it is an answer that could not be, which is ours to fix.
        let unreadable_request = matches!(
            value,
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_)
        ) || (cfg!(feature = "ssr")
            && matches!(value, ServerFnErrorErr::Deserialization(_)));
        if !unreadable_request {
            return Self::Internal;
        }
        let err = Self::field("_form", MessageKey::BadRequest);
        #[cfg(feature = "ssr")]
        {
            // The caller's mistake, answered 422 like any form error: the machinery's own
            // answer was 500 (found by fuzzing every server function, server/tests/
            // hostile_input.rs). A plain form post with a Referer is still sent back to its page
            // (leptos_axum's redirect, which a status set here would replace).
            let sent_back = crate::backend::auth::is_plain_form_post()
                && leptos::prelude::use_context::<http::request::Parts>()
                    .is_some_and(|p| p.headers.contains_key(http::header::REFERER));
            if !sent_back {
                return crate::backend::respond_with(err);
            }
        }
        err
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_query_reads_back_what_it_wrote() {
        let errors = AppError::RateLimited(61).form_errors();
        let values = query::encode(&errors);
        assert_eq!(values, ["_form:error_rate_limited", "_retry:2"]);
        assert_eq!(query::decode(&values), errors);
        assert_eq!(query::retry_minutes(&errors), Some(2));
        let mut two = FieldErrors::new();
        add_field_error(&mut two, "new_password", MessageKey::PasswordShort);
        add_field_error(&mut two, "new_password", MessageKey::PasswordMismatch);
        add_field_error(&mut two, "email", MessageKey::EmailTaken);
        assert_eq!(query::decode(&query::encode(&two)), two);
        assert_eq!(query::retry_minutes(&two), None);
        assert!(
            query::decode(&["junk", ""]).is_empty(),
            "values without a colon are ignored"
        );
    }
}
