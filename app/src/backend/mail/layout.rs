//! One layout for every email: its blocks become the plain-text part (`layout.txt`) and the HTML
//! part (`layout.html`), filled in one pass, so typed text holding `{{...}}` is never filled.
use super::{OutgoingEmail, locale};
use crate::domain::{Language, escape_html as escape};
use crate::i18n::td_string;

/// An email from its blocks: the footer, the text part and the HTML part in `language`.
pub(super) fn assemble(
    language: Language,
    to: &str,
    name: &str,
    subject: String,
    blocks: &[Block],
) -> OutgoingEmail {
    let footer = td_string!(locale(language), email_footer).to_string();
    assemble_with(language, to, name, subject, blocks, footer)
}

/// [`assemble`] with another footer (case emails invite a reply).
pub(super) fn assemble_with(
    language: Language,
    to: &str,
    name: &str,
    subject: String,
    blocks: &[Block],
    footer: String,
) -> OutgoingEmail {
    OutgoingEmail {
        to: to.to_string(),
        to_name: name.to_string(),
        text: text_part(blocks, &footer),
        html: html_part(language, &subject, blocks, &footer),
        subject,
        secrets: Vec::new(),
    }
}

/// A piece of an email's body.
pub(super) enum Block {
    Text(String),
    Button { label: String, url: String },
    Code(String),
}

fn text_part(blocks: &[Block], footer: &str) -> String {
    let body: Vec<String> = blocks
        .iter()
        .map(|b| match b {
            Block::Text(t) => t.clone(),
            Block::Button { label, url } => format!("{label}:\n{url}"),
            Block::Code(c) => format!("    {c}"),
        })
        .collect();
    fill(
        include_str!("layout.txt"),
        &[("body", &body.join("\n\n")), ("footer", footer)],
    )
}

/// The layout `template` with each `{{name}}` replaced by its value, in one pass: a value that
/// itself holds `{{…}}` (a subject typed by anyone) is never filled in again.
pub(super) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() * 2);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}").map(|end| (&after[..end], end)) {
            Some((name, end)) if values.iter().any(|(n, _)| *n == name) => {
                let value = values
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map_or("", |(_, v)| *v);
                out.push_str(value);
                rest = &after[end + 2..];
            }
            _ => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn html_part(language: Language, subject: &str, blocks: &[Block], footer: &str) -> String {
    let body: String = blocks
        .iter()
        .map(|b| match b {
            Block::Text(t) => format!(
                "<p style=\"margin:0 0 16px\">{}</p>\n",
                escape(t).replace('\n', "<br>\n")
            ),
            Block::Button { label, url } => format!(
                "<p style=\"margin:24px 0\"><a href=\"{}\" style=\"background:#0b4f8a;color:#ffffff;\
                 padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold;\
                 display:inline-block\">{}</a></p>\n<p style=\"margin:0 0 16px;font-size:13px;\
                 color:#5b6673;word-break:break-all\">{}</p>\n",
                escape(url),
                escape(label),
                escape(url)
            ),
            Block::Code(c) => format!(
                "<p style=\"margin:0 0 16px;font-family:Consolas,Menlo,monospace;font-size:20px;\
                 letter-spacing:1px;background:#f4f6f8;padding:12px;border-radius:6px\">{}</p>\n",
                escape(c)
            ),
        })
        .collect();
    fill(
        include_str!("layout.html"),
        &[
            ("lang", language.code()),
            ("subject", &escape(subject)),
            ("footer", &escape(footer)),
            ("body", &body),
        ],
    )
}
