//! Canned replies: support's shared answers, one language each, with placeholders that are filled
//! in for the case when one is inserted into the reply box.
use super::{CaseNumber, Language, ReplyId};
use serde::{Deserialize, Serialize};

/// The longest title.
pub const TITLE_MAX: usize = 120;

/// A canned reply as support's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CannedReply {
    /// Id.
    pub id: ReplyId,
    /// Title (unique within its language).
    pub title: String,
    /// The language it is written in.
    pub language: Language,
    /// Text, with placeholders.
    pub body: String,
    /// Who saved it last.
    pub updated_by: String,
    /// When (RFC 3339).
    pub updated_at: String,
}

/// The placeholders, in the order of [`Filling`]'s values.
pub const PLACEHOLDERS: [&str; 5] = ["{contact}", "{number}", "{subject}", "{company}", "{agent}"];

/// The values of one case for the placeholders.
#[derive(Debug, Clone, Default)]
pub struct Filling<'a> {
    /// The case's contact.
    pub contact: &'a str,
    /// The case's number.
    pub number: Option<CaseNumber>,
    /// The case's subject.
    pub subject: &'a str,
    /// The case's company.
    pub company: &'a str,
    /// The person inserting the reply.
    pub agent: &'a str,
}

/// `body` with every placeholder replaced by its value; other braces stay as written. One pass,
/// so a value that itself reads like a placeholder (a subject "{agent}") is not filled again.
pub fn fill(body: &str, with: &Filling<'_>) -> String {
    let number = with.number.map(|n| n.to_string()).unwrap_or_default();
    let values = [
        with.contact,
        number.as_str(),
        with.subject,
        with.company,
        with.agent,
    ];
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    'scan: while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        for (placeholder, value) in PLACEHOLDERS.iter().zip(values) {
            if let Some(after) = tail.strip_prefix(placeholder) {
                out.push_str(value);
                rest = after;
                continue 'scan;
            }
        }
        out.push('{');
        rest = &tail[1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_every_placeholder_once_and_leaves_other_braces() {
        let with = Filling {
            contact: "Sophie {agent}",
            number: Some(CaseNumber(4711)),
            subject: "Printer",
            company: "Janssens",
            agent: "Daan",
        };
        assert_eq!(
            fill(
                "Dear {contact}, case {number} ({subject}) of {company}: {x} {agent}{",
                &with
            ),
            "Dear Sophie {agent}, case 00004711 (Printer) of Janssens: {x} Daan{"
        );
        assert_eq!(fill("no placeholders", &with), "no placeholders");
        assert_eq!(fill("{number}", &Filling::default()), "");
    }
}
