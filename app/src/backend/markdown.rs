//! Article text: Markdown (CommonMark with tables and strikethrough, by pulldown-cmark) turned into
//! HTML that is safe to put in a page (ammonia's allow-list): no script, style, iframe, form or
//! event handler survives, links only to `http`, `https` and `mailto` (so no `javascript:`), and
//! every link gets `rel="noopener nofollow"`. Headings start at level 2 (the page's `<h1>` is the
//! article's title).
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::sync::OnceLock;

/// `markdown` as sanitized HTML.
pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let demote = |level: HeadingLevel| level.max(HeadingLevel::H2);
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    with_image_alts(&sanitizer().clean(&html).to_string())
}

/// `html` (as ammonia writes it: every attribute value in double quotes) with `alt=""` on each
/// image that has no `alt`: an image written as raw HTML may lack one, and a screen reader would
/// then read out its file name (Markdown's `![text](url)` always has one).
fn with_image_alts(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<img") {
        let (before, tag) = rest.split_at(start);
        out.push_str(before);
        // The tag's end: the first `>` outside a quoted value.
        let mut quoted = false;
        let end = tag
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == '>' && !quoted
            })
            .map_or(tag.len(), |(i, _)| i + 1);
        let (tag, after) = tag.split_at(end);
        let mut quoted = false;
        let unquoted: String = tag
            .chars()
            .filter(|&c| {
                if c == '"' {
                    quoted = !quoted;
                }
                !quoted
            })
            .collect();
        if unquoted.contains(" alt=") {
            out.push_str(tag);
        } else {
            out.push_str("<img alt=\"\"");
            out.push_str(&tag["<img".len()..]);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.url_schemes(HashSet::from(["http", "https", "mailto"]))
            .link_rel(Some("noopener nofollow"))
            .rm_tags(["h1"]);
        b
    })
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn markdown_becomes_html() {
        assert_eq!(
            render("Click **Save**.\n\n- one\n- two"),
            "<p>Click <strong>Save</strong>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        );
        assert_eq!(
            render("# Title\n## Part"),
            "<h2>Title</h2>\n<h2>Part</h2>\n"
        );
        assert_eq!(
            render("[docs](https://example.com/a)"),
            "<p><a href=\"https://example.com/a\" rel=\"noopener nofollow\">docs</a></p>\n"
        );
    }

    #[test]
    fn hostile_markdown_is_inert() {
        for hostile in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<svg><script>alert(1)</script></svg>",
            "<svg onload=alert(1)>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "<form action=\"https://evil.example\"><input name=p></form>",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        ] {
            let html = render(hostile).to_lowercase();
            for bad in [
                "<script",
                "onerror",
                "onload",
                "javascript:",
                "<iframe",
                "<svg",
                "style=",
                "<form",
                "<input",
                "data:text",
            ] {
                assert!(!html.contains(bad), "{hostile:?} -> {html}");
            }
        }
        assert!(
            render("&lt;script&gt;").contains("&lt;script&gt;"),
            "entities stay text"
        );
    }

    #[test]
    fn every_image_has_an_alt() {
        assert_eq!(
            render("<img src=\"a.png\">"),
            "<img alt=\"\" src=\"a.png\">"
        );
        assert_eq!(
            render("<img src=\"a.png\" alt=\"The form\">"),
            "<img src=\"a.png\" alt=\"The form\">"
        );
        assert_eq!(
            render("![The form](https://example.com/a.png)"),
            "<p><img src=\"https://example.com/a.png\" alt=\"The form\"></p>\n"
        );
        // An `alt=` inside another attribute's value is not an alt.
        assert_eq!(
            render("<img src=\"https://example.com/x alt=y.png\">"),
            "<img alt=\"\" src=\"https://example.com/x alt=y.png\">"
        );
    }
}
