//! Property-based fuzzing's shared settings (issue #18, "Hostile input"): how many generated inputs
//! each property tries, and how long any one input may take. Every property lives next to the
//! code it tests, in a `fuzz` module, so `cargo test -p app --features ssr --lib fuzz` runs them
//! all. `PORTICO_FUZZ_CASES` sets the count for every property (the long run:
//! `PORTICO_FUZZ_CASES=200000`); unset, each property runs its own short default so that
//! `cargo test -p app` stays fast.
pub mod html;

use proptest::test_runner::Config;
use std::time::{Duration, Instant};

/// The inputs per property: `PORTICO_FUZZ_CASES` when set (a positive number), else `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("PORTICO_FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(default)
}

/// proptest's settings with [`cases`] inputs.
pub fn config(default: u32) -> Config {
    Config {
        cases: cases(default),
        ..Config::default()
    }
}

/// The most any one input may take. Bounded time, not a benchmark: the inputs are a few KB, the
/// work linear, and a debug build on a busy 2-core machine stays far below it; a quadratic or
/// runaway path on a hostile input does not.
pub const INPUT_TIME: Duration = Duration::from_secs(1);

/// Runs `work` and fails (naming `what`) when it took longer than [`INPUT_TIME`].
pub fn within_time<T>(what: &str, work: impl FnOnce() -> T) -> Result<T, String> {
    let started = Instant::now();
    let out = work();
    let took = started.elapsed();
    if took > INPUT_TIME {
        return Err(format!("{what} took {took:?} (limit {INPUT_TIME:?})"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::html::{live_in_page, live_markup, start_tags, url_scheme};

    #[test]
    fn the_tokenizer_reads_tags_as_a_browser_does() {
        let tags =
            start_tags("a &lt;b> <p title=\"x\" class=y data-z='1 2'>t</p><!-- <script> -->");
        assert_eq!(tags.len(), 1);
        assert_eq!(tags[0].name, "p");
        assert_eq!(
            tags[0].attributes,
            [
                ("title".to_string(), "x".to_string()),
                ("class".into(), "y".into()),
                ("data-z".into(), "1 2".into())
            ]
        );
        // A quote right after a quoted value starts an attribute: what follows is live.
        let broken = "<a title=\"<img alt=\"\" src=x onerror=alert(1)>\">";
        assert!(live_markup(broken, &[]).is_some_and(|m| m.contains("onerror")));
        assert_eq!(url_scheme(" Java\tScript:x"), Some("javascript".into()));
        assert_eq!(url_scheme("/a:b"), None);
        assert!(live_markup("<a href=\"Java&#9;Script:alert(1)\">x</a>", &[]).is_some());
        assert!(live_markup("<a href=\"&#106;avascript:alert(1)\">x</a>", &[]).is_some());
        assert!(live_markup("<a href=\"/kb?x=1:2\">x</a><img src=\"a.png\">", &[]).is_none());
        assert!(live_markup("<p>&lt;script&gt;javascript:alert(1) onerror=x</p>", &[]).is_none());
        let frame = "<iframe src=\"https://v.example/e\" sandbox=\"allow-scripts\"></iframe>";
        assert!(live_markup(frame, &[]).is_some());
        assert!(live_markup(frame, &["v.example".into()]).is_none());
        // A page has scripts, forms and icons of its own; only what an attacker adds is live.
        let page = "<title>&lt;script&gt;</title><script nonce=\"n\">if (a<b) {}</script>\
                    <form action=\"/api/x\"><svg><path d=\"M0\"/></svg></form>\
                    <a href=\"tel:+31\">t</a><a href=\"mailto:a@b.example\">m</a>";
        assert_eq!(live_in_page(page, &[]), None);
        assert!(live_in_page("<svg onload=alert(1)>", &[]).is_some());
        assert!(live_in_page("<a href=\" javascript:alert(1)\">x</a>", &[]).is_some());
        assert!(live_in_page("<meta http-equiv=Refresh content=0>", &[]).is_some());
        assert!(live_in_page("<title></title><script>alert(1)</script>", &[]).is_some());
        assert_eq!(live_in_page("<script></script>", &[]), None);
    }
}
