//! Whether what an attacker typed stays text: the one check that pages and emails carry no live
//! markup of theirs (used by `xss.rs` and `security.rs`). The HTML tokenizer is the app's own
//! (`app/src/fuzz/html.rs`, shared by path), which the Markdown fuzzing uses too.
use super::Reply;

#[path = "../../../app/src/fuzz/html.rs"]
pub mod html;

/// Asserts that `html` (a page, or an email's HTML part) has nothing live an attacker could have
/// put there: no script without the page's nonce, no event-handler attribute, no `javascript:`
/// (or other script scheme) URL, no frame, plug-in, `<base>` or `<meta>` refresh.
pub fn assert_inert_html(html: &str, what: &str) {
    if let Some(live) = html::live_in_page(html, &[]) {
        panic!("{what}: {live}");
    }
}

/// Asserts that `page` was rendered (200) and is inert ([`assert_inert_html`]).
pub fn assert_inert(page: &Reply, what: &str) {
    assert_eq!(page.status, 200, "{what}: {}", page.body);
    assert_inert_html(&page.body, what);
}
