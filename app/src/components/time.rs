//! Times on pages, as the reader writes them: their language's format and their time zone (the
//! saved one, else the one their language suggests; `backend::time` does the writing). Pages render
//! on the server, which knows the reader; the browser's build only keeps a plain fallback.

/// `rfc3339` as the reader writes a date and time: "Dec 5, 2026, 2:13 PM", "05.12.2026 14:13".
pub fn local_time(rfc3339: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        use crate::backend::time::Reader;
        match chrono::DateTime::parse_from_rfc3339(rfc3339) {
            Ok(at) => Reader::current().absolute(at.to_utc()),
            Err(_) => rfc3339.to_string(),
        }
    }
    #[cfg(not(feature = "ssr"))]
    {
        rfc3339.replace('T', " ").chars().take(16).collect()
    }
}

/// Only the date of `rfc3339`, as the reader writes it.
pub fn local_date(rfc3339: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        use crate::backend::time::Reader;
        match chrono::DateTime::parse_from_rfc3339(rfc3339) {
            Ok(at) => Reader::current().date(at.to_utc()),
            Err(_) => rfc3339.to_string(),
        }
    }
    #[cfg(not(feature = "ssr"))]
    {
        rfc3339.chars().take(10).collect()
    }
}

/// How long ago `rfc3339` was ("a few seconds ago", "3 минуты назад") within the last day, else
/// the date and time; a `<time>` whose title always holds the full date and time.
#[leptos::component]
pub fn When(
    /// The moment, RFC 3339 (UTC).
    #[prop(into)]
    at: String,
) -> impl leptos::IntoView {
    use leptos::prelude::*;
    let full = local_time(&at);
    let shown = recent(&at).unwrap_or_else(|| full.clone());
    view! {
        <time datetime=at title=full>
            {shown}
        </time>
    }
}

fn recent(rfc3339: &str) -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        use crate::backend::time::{Reader, relative};
        let at = chrono::DateTime::parse_from_rfc3339(rfc3339).ok()?.to_utc();
        relative(at, chrono::Utc::now(), Reader::current().language)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = rfc3339;
        None
    }
}
