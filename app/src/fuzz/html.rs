//! What a browser would make live of an HTML text: a small HTML tokenizer (start tags and their
//! attributes, as the HTML standard's tokenizer reads them) and the checks the hostile-input tests
//! share. Self-contained (nothing of the crate) so that the app's fuzz properties and the server's
//! HTTP tests (`server/tests/common`, by `#[path]`) use this one copy.

/// One start tag of an HTML text, as a browser's tokenizer reads it: its lower-case name and its
/// attributes (lower-case names; values with character references decoded).
#[derive(Debug)]
pub struct StartTag {
    /// The element's name.
    pub name: String,
    /// Its attributes, in order.
    pub attributes: Vec<(String, String)>,
    /// The text of a raw-text element (`script`, `style`, `title`, …) up to its end tag.
    pub text: String,
}

/// Every start tag of `html`, read the way the HTML tokenizer reads them (data state, tag open,
/// attribute name and the three kinds of value; comments and end tags skipped). A test can then
/// ask what the browser would build, whatever text around it looks like markup.
pub fn start_tags(html: &str) -> Vec<StartTag> {
    let chars: Vec<char> = html.chars().collect();
    let space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}');
    let mut tags = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '<' {
            i += 1;
            continue;
        }
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        if next == '!' || next == '?' || next == '/' {
            // A comment, a declaration or an end tag: up to its `>` (`-->` for a comment).
            let comment = chars[i..].starts_with(&['<', '!', '-', '-']);
            i += 2;
            while i < chars.len() {
                let done = chars[i] == '>'
                    && (!comment || (i >= 2 && chars[i - 1] == '-' && chars[i - 2] == '-'));
                i += 1;
                if done {
                    break;
                }
            }
            continue;
        }
        if !next.is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        i += 1;
        let mut name = String::new();
        while i < chars.len() && !space(chars[i]) && chars[i] != '/' && chars[i] != '>' {
            name.push(chars[i].to_ascii_lowercase());
            i += 1;
        }
        let mut attributes = Vec::new();
        loop {
            while i < chars.len() && (space(chars[i]) || chars[i] == '/') {
                i += 1;
            }
            if i >= chars.len() || chars[i] == '>' {
                i += 1;
                break;
            }
            let mut attr = String::new();
            attr.push(chars[i].to_ascii_lowercase());
            i += 1;
            while i < chars.len() && !space(chars[i]) && !matches!(chars[i], '/' | '>' | '=') {
                attr.push(chars[i].to_ascii_lowercase());
                i += 1;
            }
            while i < chars.len() && space(chars[i]) {
                i += 1;
            }
            let mut value = String::new();
            if chars.get(i) == Some(&'=') {
                i += 1;
                while i < chars.len() && space(chars[i]) {
                    i += 1;
                }
                match chars.get(i) {
                    Some(&q) if q == '"' || q == '\'' => {
                        i += 1;
                        while i < chars.len() && chars[i] != q {
                            value.push(chars[i]);
                            i += 1;
                        }
                        i += 1;
                    }
                    _ => {
                        while i < chars.len() && !space(chars[i]) && chars[i] != '>' {
                            value.push(chars[i]);
                            i += 1;
                        }
                    }
                }
            }
            attributes.push((attr, decode_references(&value)));
        }
        // The text of a raw-text or RCDATA element is no markup: it ends at the element's end tag.
        let mut text = String::new();
        if RAW_TEXT.contains(&name.as_str()) {
            let end = format!("</{name}");
            let rest: String = chars[i.min(chars.len())..].iter().collect();
            let skip = rest.to_ascii_lowercase().find(&end).unwrap_or(rest.len());
            text = rest[..skip].to_string();
            i += text.chars().count();
        }
        tags.push(StartTag {
            name,
            attributes,
            text,
        });
    }
    tags
}

/// Elements whose content the tokenizer reads as text up to their end tag (`noscript` is left
/// out: read as markup, the stricter reading).
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// `text` with its character references decoded (the numeric ones and the few named ones that
/// matter for a URL's scheme); an unknown reference stays as it is.
fn decode_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        let end = rest
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .unwrap_or(rest.len());
        let name = &rest[..end];
        let decoded = if let Some(num) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
            u32::from_str_radix(num, 16).ok().and_then(char::from_u32)
        } else if let Some(num) = name.strip_prefix('#') {
            num.parse().ok().and_then(char::from_u32)
        } else {
            match name {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                "nbsp" => Some('\u{a0}'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

/// The scheme a browser reads from an attribute's URL (`JaVa&#09;Script:` is `javascript`):
/// tabs and line breaks removed, leading spaces and controls trimmed, lower-cased; `None` for a
/// relative address.
pub fn url_scheme(url: &str) -> Option<String> {
    let url: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let url = url.trim_start_matches(|c: char| c <= ' ');
    let (scheme, _) = url.split_once(':')?;
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// What in `html` would be live in a browser: a script, style, frame, plug-in, form or SVG/MathML
/// element, an event-handler or `style` attribute, or a URL of a scheme other than `http`,
/// `https` and `mailto`. `frames` are the hosts whose sandboxed `<iframe>` players are allowed.
pub fn live_markup(html: &str, frames: &[String]) -> Option<String> {
    const DEAD_ELEMENTS: &[&str] = &[
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg",
        "math", "form", "input", "button", "textarea", "select", "base", "meta", "link",
        "template", "noscript", "portal",
    ];
    const URL_ATTRIBUTES: &[&str] = &[
        "href",
        "src",
        "action",
        "formaction",
        "poster",
        "srcset",
        "data",
        "background",
        "cite",
        "xlink:href",
        "ping",
    ];
    for tag in start_tags(html) {
        // A player: sandboxed, of an allowed host, or of none at all (ammonia drops a refused
        // `src` but keeps the element: an empty sandboxed frame shows `about:blank`).
        let allowed_frame = tag.name == "iframe" && {
            let src = tag.attributes.iter().find(|(n, _)| n == "src");
            let sandbox = tag.attributes.iter().find(|(n, _)| n == "sandbox");
            let host = src.map(|(_, v)| https_host(v));
            sandbox.is_some() && host.is_none_or(|h| h.is_some_and(|h| frames.contains(&h)))
        };
        if DEAD_ELEMENTS.contains(&tag.name.as_str()) && !allowed_frame {
            return Some(format!("a <{}> element: {tag:?}", tag.name));
        }
        for (name, value) in &tag.attributes {
            if name.starts_with("on") || name == "style" {
                return Some(format!("a {name} attribute on <{}>", tag.name));
            }
            if URL_ATTRIBUTES.contains(&name.as_str()) {
                let scheme = url_scheme(value);
                if scheme
                    .as_deref()
                    .is_some_and(|s| !matches!(s, "http" | "https" | "mailto"))
                {
                    return Some(format!("{name}={value:?} on <{}>", tag.name));
                }
            }
        }
    }
    None
}

/// The lower-case host of an `https:` address without user info, if it is one.
fn https_host(url: &str) -> Option<String> {
    let url = url.trim();
    if !url.get(..8)?.eq_ignore_ascii_case("https://") {
        return None;
    }
    let authority = url[8..].split(['/', '?', '#', '\\']).next().unwrap_or("");
    if authority.contains('@') {
        return None;
    }
    Some(
        authority
            .split(':')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase(),
    )
}

/// What in a whole page or an HTML email (which carry scripts, forms and icons of their own) would
/// run or load something an attacker typed: an event-handler attribute, a URL of any scheme but
/// `http`, `https`, `mailto` and `tel`, a frame (but a sandboxed player of `frames`), plug-in or
/// `<base>` element, a `<meta>` refresh, or a script with neither the page's nonce nor a source
/// (leptos_i18n's empty placeholder aside). Pages have no inline handlers of their own (their CSP
/// would block them), so any is an attacker's.
pub fn live_in_page(html: &str, frames: &[String]) -> Option<String> {
    const URL_ATTRIBUTES: &[&str] = &[
        "href",
        "src",
        "action",
        "formaction",
        "poster",
        "srcset",
        "data",
        "background",
        "xlink:href",
        "ping",
    ];
    for tag in start_tags(html) {
        let allowed_frame = tag.name == "iframe" && {
            let src = tag.attributes.iter().find(|(n, _)| n == "src");
            let sandbox = tag.attributes.iter().any(|(n, _)| n == "sandbox");
            sandbox
                && src
                    .and_then(|(_, v)| https_host(v))
                    .is_some_and(|h| frames.contains(&h))
        };
        let dead = [
            "iframe", "frame", "frameset", "object", "embed", "applet", "base",
        ];
        if dead.contains(&tag.name.as_str()) && !allowed_frame {
            return Some(format!("a <{}> element: {tag:?}", tag.name));
        }
        let has = |attribute: &str| tag.attributes.iter().any(|(n, _)| n == attribute);
        if tag.name == "script" && !has("nonce") && !has("src") && !tag.text.trim().is_empty() {
            return Some(format!("a script without the page's nonce: {tag:?}"));
        }
        for (name, value) in &tag.attributes {
            if name.starts_with("on") {
                return Some(format!("a {name} attribute: {tag:?}"));
            }
            if tag.name == "meta" && name == "http-equiv" && value.eq_ignore_ascii_case("refresh") {
                return Some(format!("a meta refresh: {tag:?}"));
            }
            if URL_ATTRIBUTES.contains(&name.as_str())
                && url_scheme(value)
                    .is_some_and(|s| !matches!(s.as_str(), "http" | "https" | "mailto" | "tel"))
            {
                return Some(format!("{name}={value:?}: {tag:?}"));
            }
        }
    }
    None
}
