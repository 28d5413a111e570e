//! Article text: Markdown (CommonMark with tables and strikethrough, by pulldown-cmark) turned into
//! HTML that is safe to put in a page (ammonia's allow-list): no script, style, form or event
//! handler survives, links only to `http`, `https` and `mailto` (so no `javascript:`), and every
//! link gets `rel="noopener nofollow"`. Headings start at level 2 (the page's `<h1>` is the
//! article's title).
//!
//! Pictures and videos are written as Markdown images, `![text](address)`:
//! - the article's own files (`/attachments/…`) show in place, a video file (`.mp4`, `.webm`,
//!   `.ogv`, `.mov`, `.m4v`) as a `<video>` player with the text as its caption;
//! - an address on a host that admins allowed to embed (the knowledge settings) becomes a
//!   sandboxed `<iframe>` player, and only then: no other third-party frame gets through;
//! - any other address on another site becomes a link with the text (the page's
//!   Content-Security-Policy would not load another site's picture anyway, and nobody is tracked
//!   by one).
use crate::domain::escape_html;
use crate::domain::knowledge::VIDEO_EXTENSIONS;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::sync::OnceLock;

/// The `sandbox` of an embedded player: its own scripts and origin (players need both), nothing
/// of the portal's.
const PLAYER_SANDBOX: &str = "allow-scripts allow-same-origin allow-presentation allow-popups";

/// `markdown` as sanitized HTML, with no embedded players.
pub fn render(markdown: &str) -> String {
    render_with(markdown, &[])
}

/// `markdown` as sanitized HTML; pictures whose address is on one of `embed_hosts` (lower-case
/// host names) play in a sandboxed frame.
pub fn render_with(markdown: &str, embed_hosts: &[String]) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let demote = |level: HeadingLevel| level.max(HeadingLevel::H2);
    let mut events = Vec::new();
    // Inside a picture that becomes something else: how it ends, and its text so far.
    let mut open: Option<(Media, String)> = None;
    for event in Parser::new_ext(markdown, options) {
        if let Some((media, text)) = open.as_mut() {
            match event {
                Event::End(TagEnd::Image) => {
                    let (media, text) = open.take().unwrap_or((Media::Picture, String::new()));
                    events.extend(media.close(&text));
                }
                Event::Text(t) | Event::Code(t) => {
                    text.push_str(&t);
                    if matches!(media, Media::Link) {
                        events.push(Event::Text(t));
                    }
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => events.push(Event::Start(Tag::Heading {
                level: demote(level),
                id,
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(level)) => {
                events.push(Event::End(TagEnd::Heading(demote(level))));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => match Media::of(&dest_url, embed_hosts) {
                Media::Picture => events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })),
                Media::Link => {
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: dest_url.clone(),
                        title,
                        id,
                    }));
                    open = Some((Media::Link, String::new()));
                }
                media => open = Some((media.with(dest_url), String::new())),
            },
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if nesting_depth(&html) > DEPTH_MAX {
        tracing::warn!(
            bytes = markdown.len(),
            "Markdown nested deeper than {DEPTH_MAX} levels: shown as its text"
        );
        return format!("<pre>{}</pre>\n", escape_html(markdown));
    }
    let clean = if embed_hosts.is_empty() {
        sanitizer().clean(&html).to_string()
    } else {
        let mut b = base_sanitizer();
        let hosts = embed_hosts.to_vec();
        b.add_tags(["iframe"])
            .add_tag_attributes("iframe", ["src", "title", "loading", "allowfullscreen"])
            .set_tag_attribute_value("iframe", "sandbox", PLAYER_SANDBOX)
            .attribute_filter(move |element, attribute, value| {
                if element == "iframe" && attribute == "src" {
                    return embed_host(value)
                        .is_some_and(|h| hosts.contains(&h))
                        .then(|| value.into());
                }
                Some(value.into())
            });
        b.clean(&html).to_string()
    };
    with_image_alts(&clean)
}

/// The deepest nesting of elements a text may have to be rendered as HTML; deeper, it shows as its
/// Markdown source. html5ever (under ammonia) checks each new element against the stack of open
/// ones, so its time grows with depth × elements: quadratic. The property tests found it: 8,000
/// nested quotes (`> > > …`, 16 KB) took 2.3 s and 8,000 nested numbered lists 8.6 s in a debug
/// build, where an article may have 100,000 characters. No real article nests past a dozen.
const DEPTH_MAX: usize = 64;

/// How deep the elements of `html` (as pulldown-cmark writes it, raw HTML included) nest, counted
/// in one pass and on the safe side: every start tag opens a level and every end tag closes one,
/// except void elements, `/>` and those whose start closes an open sibling (`<p>`, `<li>`, table
/// cells and rows), which the HTML parser never nests. A tag inside an attribute's value or a
/// comment counts too: more, never less, than the parser builds.
fn nesting_depth(html: &str) -> usize {
    const FLAT: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
        "tbody", "thead", "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0_usize, 0_usize);
    let mut i = 0;
    while let Some(at) = bytes[i..].iter().position(|&b| b == b'<') {
        i += at + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let len = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if len == 0 || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[start..start + len].to_ascii_lowercase();
        if FLAT.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(bytes.len(), |e| start + e);
        if end > 0 && bytes.get(end - 1) == Some(&b'/') {
            continue;
        }
        depth += 1;
        deepest = deepest.max(depth);
    }
    deepest
}

/// What a Markdown picture becomes.
enum Media {
    /// A picture (the article's own, or a relative address).
    Picture,
    /// A link to another site.
    Link,
    /// A video file of the portal, played by `<video>`.
    Video(String),
    /// A player of an allowed host, in a sandboxed frame.
    Player(String),
}

impl Media {
    fn of(dest: &str, embed_hosts: &[String]) -> Self {
        if let Some(host) = embed_host(dest) {
            return if embed_hosts.contains(&host) {
                Self::Player(String::new())
            } else {
                Self::Link
            };
        }
        let lower = dest.to_ascii_lowercase();
        if lower.starts_with("http:") || lower.starts_with("//") {
            return Self::Link;
        }
        let path = lower.split(['?', '#']).next().unwrap_or("");
        let video = path
            .rsplit_once('.')
            .is_some_and(|(_, ext)| VIDEO_EXTENSIONS.contains(&ext));
        if video && !lower.contains(':') {
            Self::Video(String::new())
        } else {
            Self::Picture
        }
    }

    fn with(self, dest: CowStr<'_>) -> Self {
        match self {
            Self::Video(_) => Self::Video(dest.to_string()),
            Self::Player(_) => Self::Player(dest.to_string()),
            other => other,
        }
    }

    /// The events that end it, given its text.
    fn close(self, text: &str) -> Vec<Event<'static>> {
        let html = match self {
            Self::Link => return vec![Event::End(TagEnd::Link)],
            Self::Picture => return vec![Event::End(TagEnd::Image)],
            // Both are phrasing content: they stay in the paragraph Markdown wraps them in.
            Self::Video(src) => {
                let (src, text) = (escape_html(&src), escape_html(text));
                format!(
                    "<video controls preload=\"metadata\" src=\"{src}\" title=\"{text}\">\
                     <a href=\"{src}\">{text}</a></video>"
                )
            }
            Self::Player(src) => {
                let (src, text) = (escape_html(&src), escape_html(text));
                format!(
                    "<iframe src=\"{src}\" title=\"{text}\" loading=\"lazy\" allowfullscreen>\
                     </iframe>"
                )
            }
        };
        vec![Event::Html(html.into())]
    }
}

/// The lower-case host of an `https:` address, if it is one.
pub fn embed_host(url: &str) -> Option<String> {
    let url = url.trim();
    if !url.get(..8)?.eq_ignore_ascii_case("https://") {
        return None;
    }
    let after = &url[8..];
    let authority = after.split(['/', '?', '#']).next().unwrap_or("");
    // No user name or password in an embedded address.
    if authority.contains('@') || authority.is_empty() {
        return None;
    }
    let host = authority
        .split(':')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    valid_host(&host).then_some(host)
}

/// Whether `host` is a host name admins may allow: letters, digits, `-` and at least one `.`.
pub fn valid_host(host: &str) -> bool {
    host.len() <= 253
        && host.contains('.')
        && !host.starts_with(['.', '-'])
        && !host.ends_with(['.', '-'])
        && host
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
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
    BUILDER.get_or_init(base_sanitizer)
}

/// The allow-list: ammonia's defaults, `http`, `https` and `mailto` links only, no `<h1>`, and
/// `<video>` players of the portal's own files.
fn base_sanitizer() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener nofollow"))
        .rm_tags(["h1"])
        .add_tags(["video"])
        .add_tag_attributes("video", ["src", "controls", "preload"]);
    b
}

#[cfg(test)]
mod tests {
    use super::{PLAYER_SANDBOX, embed_host, render, render_with, valid_host};

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
    fn deep_nesting_renders_in_bounded_time_as_its_text() {
        // Found by the property test: html5ever's time grows with depth × elements, and an
        // article may have 100,000 characters. Each of these took seconds to minutes.
        let max = crate::domain::knowledge::ARTICLE_BODY_MAX;
        for piece in [
            "> ", "1. ", "> - ", "* > ", "<div>", "<ol><li>", "<dl><dd>", "<em><a>",
        ] {
            let text = piece.repeat(max / piece.len());
            let started = std::time::Instant::now();
            let html = render(&text);
            assert!(
                started.elapsed() < std::time::Duration::from_secs(2),
                "{piece:?}: {:?}",
                started.elapsed()
            );
            assert!(html.starts_with("<pre>"), "{piece:?}: shown as text");
            assert!(!html.contains("<div") && !html.contains("<a "), "{piece:?}");
        }
        // Ordinary nesting renders as structure.
        let nested = "> quote\n>\n> - one\n>   1. two\n>      - three";
        assert!(
            render(nested).starts_with("<blockquote>"),
            "{}",
            render(nested)
        );
        assert_eq!(super::nesting_depth("<p>a<br />b<li>c<li>d<img src=x>"), 0);
        assert_eq!(
            super::nesting_depth("<div><div></div><ul><li></ul></div>"),
            2
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
            render("![The form](/attachments/7/form.png)"),
            "<p><img src=\"/attachments/7/form.png\" alt=\"The form\"></p>\n"
        );
        // An `alt=` inside another attribute's value is not an alt.
        assert_eq!(
            render("<img src=\"/x alt=y.png\">"),
            "<img alt=\"\" src=\"/x alt=y.png\">"
        );
    }

    #[test]
    fn pictures_of_other_sites_become_links() {
        assert_eq!(
            render("![The *form*](https://example.com/a.png)"),
            "<p><a href=\"https://example.com/a.png\" rel=\"noopener nofollow\">The form</a></p>\n"
        );
        assert_eq!(
            render("![Intro](https://www.youtube.com/watch?v=abc)"),
            "<p><a href=\"https://www.youtube.com/watch?v=abc\" rel=\"noopener nofollow\">Intro</a>\
             </p>\n"
        );
    }

    #[test]
    fn video_files_play_in_the_article() {
        assert_eq!(
            render("![Getting started](/attachments/12/intro.mp4)"),
            "<p><video controls=\"\" preload=\"metadata\" src=\"/attachments/12/intro.mp4\" \
             title=\"Getting started\"><a href=\"/attachments/12/intro.mp4\" \
             rel=\"noopener nofollow\">Getting started</a></video></p>\n"
        );
        // The caption is text, whatever it holds.
        let html = render("![<img src=x onerror=alert(1)>](/attachments/1/a.webm)");
        assert!(!html.contains("onerror=alert"), "{html}");
        // A script address never becomes a player.
        let html = render("![x](javascript:alert(1)//a.mp4)");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn only_allowed_hosts_play_in_a_frame() {
        let allowed = vec!["www.youtube-nocookie.com".to_string()];
        let html = render_with(
            "![Intro](https://www.youtube-nocookie.com/embed/abc)",
            &allowed,
        );
        assert!(
            html.contains("<iframe src=\"https://www.youtube-nocookie.com/embed/abc\""),
            "{html}"
        );
        assert!(
            html.contains(&format!("sandbox=\"{PLAYER_SANDBOX}\"")),
            "{html}"
        );
        assert!(html.contains("title=\"Intro\""), "{html}");
        // Another host, raw HTML frames of any other host, and the same host without an
        // allow-list: no frame.
        for (markdown, hosts) in [
            ("![Intro](https://evil.example/embed/abc)", &allowed[..]),
            (
                "<iframe src=\"https://evil.example/x\"></iframe>",
                &allowed[..],
            ),
            (
                "<iframe src=\"https://www.youtube-nocookie.com.evil.example/x\"></iframe>",
                &allowed[..],
            ),
            (
                "![Intro](https://www.youtube-nocookie.com/embed/abc)",
                &[][..],
            ),
        ] {
            let html = render_with(markdown, hosts);
            assert!(!html.contains("evil.example/x\""), "{markdown} -> {html}");
            assert!(
                !html.contains("src=\"https://www.youtube-nocookie.com") || !hosts.is_empty(),
                "{markdown} -> {html}"
            );
        }
        assert_eq!(
            embed_host("https://Player.Vimeo.com:443/v/1"),
            Some("player.vimeo.com".into())
        );
        assert_eq!(embed_host("https://user@host.example/x"), None);
        assert_eq!(embed_host("http://host.example/x"), None);
        assert!(valid_host("www.youtube-nocookie.com"));
        assert!(!valid_host("localhost") && !valid_host("a b.com") && !valid_host(".a.com"));
    }
}

/// Property-based fuzzing (issue #18): any text, hostile pieces of Markdown and HTML in any order,
/// and deep nesting render in bounded time to HTML with nothing live in it.
#[cfg(test)]
mod fuzz {
    use super::{render, render_with};
    use crate::fuzz::html::live_markup;
    use crate::fuzz::{config, within_time};
    use proptest::prelude::*;

    /// What attackers put in articles, and the Markdown around which the renderer changes state.
    const PIECES: &[&str] = &[
        "<script>alert(1)</script>",
        "<script",
        "</script>",
        "<img src=x onerror=alert(1)>",
        "\"><img src=x onerror=alert(1)>",
        "</title><script>alert(1)</script>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "<javascript:alert(1)>",
        "[x]: javascript:alert(1)\n",
        "[x]",
        "[x][]",
        "![x](javascript:alert(1))",
        "![x](javascript:alert(1)//a.mp4)",
        "![x](/attachments/1/a.mp4)",
        "![x](https://www.youtube-nocookie.com/embed/a)",
        "![x](https://www.youtube-nocookie.com.evil.example/a)",
        "![x](https://evil.example/a.png)",
        "![x](//evil.example/a.png)",
        "![x](data:image/svg+xml,<svg onload=alert(1)>)",
        "![",
        "](",
        ")",
        "[",
        "]",
        "<a href=\"javascript:alert(1)\">",
        "<a href='javascript:alert(1)'>",
        "<a href=javascript:alert(1)>",
        "<a href=\"https://x.example\" title=\"",
        "</a>",
        "<p title=\"<img src=x onerror=alert(1)>\">",
        "<span title='<img src=x onerror=alert(1)>'>",
        "<abbr title=\"<img alt=x>\">",
        "<img title=\"",
        "<img src=\"a.png\" alt=\"",
        "\">",
        "'",
        "\"",
        "<",
        ">",
        "&",
        "&lt;",
        "&#x3C;",
        "&quot;",
        "<iframe src=\"https://evil.example\">",
        "<iframe src=\"https://www.youtube-nocookie.com/embed/a\">",
        "<iframe src=\"https://www.youtube-nocookie.com/embed/a\" sandbox=\"allow-top-navigation\">",
        "<video src=\"javascript:alert(1)\" poster=x onloadstart=alert(1)>",
        "<video controls src=\"/attachments/1/a.mp4\">",
        "<object data=x>",
        "<embed src=x>",
        "<form action=x><input name=a><button formaction=javascript:alert(1)>",
        "<style>*{}</style>",
        "<div style=\"x:expression(alert(1))\">",
        "<base href=\"https://evil.example/\">",
        "<meta http-equiv=refresh content=0;url=javascript:alert(1)>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<template><script>alert(1)</script></template>",
        "<textarea>",
        "</textarea>",
        "<details open ontoggle=alert(1)>",
        "<a name=x id=y>",
        "<br>",
        "\n",
        "\n\n",
        "    ",
        "```",
        "~~~",
        "`",
        "*",
        "**",
        "_",
        "~~",
        "# ",
        "> ",
        "- ",
        "1. ",
        "|",
        "| --- |",
        "---",
        "***",
        "\\",
    ];

    /// Pieces that nest when repeated.
    const NESTING: &[&str] = &[
        "[",
        "> ",
        "*",
        "_",
        "<div>",
        "<span title=\"",
        "- ",
        "  - ",
        "`",
        "![",
        "<a href=x>",
        "&#",
        "\\",
        "|",
        "](",
        "**a",
        "1. ",
        "<p>",
    ];

    /// Hostile Markdown: pieces and random text in any order, deep nesting, or any text at all.
    fn markdown() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            6 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => "\\PC{0,12}",
            1 => any::<String>().prop_map(|s| s.chars().take(16).collect()),
        ];
        prop_oneof![
            6 => prop::collection::vec(piece, 0..48).prop_map(|p| p.concat()),
            2 => (prop::sample::select(NESTING), 1..3000_usize, "\\PC{0,40}")
                .prop_map(|(p, n, tail)| format!("{}{tail}", p.repeat(n))),
            1 => any::<String>(),
        ]
    }

    proptest! {
        #![proptest_config(config(1000))]

        /// Any Markdown renders in bounded time, and nothing in the HTML is live: no script,
        /// style, frame, plug-in, form or SVG element, no `on…=` or `style` attribute, no URL but
        /// `http`, `https` and `mailto`; every picture has an `alt`.
        #[test]
        fn markdown_renders_inert(text in markdown()) {
            let html = within_time("render", || render(&text)).map_err(TestCaseError::fail)?;
            if let Some(live) = live_markup(&html, &[]) {
                prop_assert!(false, "{live}\nin {html}\nfrom {text:?}");
            }
            prop_assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
            for tag in crate::fuzz::html::start_tags(&html).iter().filter(|t| t.name == "img") {
                prop_assert!(tag.attributes.iter().any(|(n, _)| n == "alt"), "{html}");
            }
        }

        /// With an allowed video host, only that host's address becomes a frame, always
        /// sandboxed; everything else stays as inert as without.
        #[test]
        fn markdown_with_players_renders_inert(text in markdown()) {
            let hosts = vec!["www.youtube-nocookie.com".to_string()];
            let html = within_time("render_with", || render_with(&text, &hosts))
                .map_err(TestCaseError::fail)?;
            if let Some(live) = live_markup(&html, &hosts) {
                prop_assert!(false, "{live}\nin {html}\nfrom {text:?}");
            }
            for tag in crate::fuzz::html::start_tags(&html).iter().filter(|t| t.name == "iframe") {
                let sandbox = tag.attributes.iter().find(|(n, _)| n == "sandbox");
                prop_assert_eq!(sandbox.map(|(_, v)| v.as_str()), Some(super::PLAYER_SANDBOX));
            }
        }
    }
}
