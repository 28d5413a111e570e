//! Reading an inbound email: what it says (sender, subject, text, files), whether a machine sent it,
//! which case thread it answers, and its new text without the quoted history. Pure functions over
//! the raw bytes, so the whole path is property-tested (random and mutated messages).
//!
//! The thread a reply belongs to comes only from a reference Portico signed (`ThreadSigner`): a
//! `Message-ID` it sent, named by `In-Reply-To`/`References`, or the `[ref:…]` of a subject. A case
//! number alone never attaches mail to a case, and a reference that looks like Portico's but does
//! not verify is reported as forged.
use super::ThreadSigner;
use crate::domain::Language;
use mail_parser::{MessageParser, MimeHeaders};

/// The most bytes of a message that are read at all; larger ones are kept aside (header only).
pub const MESSAGE_MAX: usize = 30 * 1024 * 1024;

/// Files of one message that are kept at most (the rest are listed as dropped).
pub const FILES_MAX: usize = crate::domain::attachments::FILES_PER_CASE_MAX;

/// An inbound message, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inbound {
    /// `Message-ID` without the angle brackets, if it has one.
    pub message_id: Option<String>,
    /// The sender's address, lower-case (`From`).
    pub from: Option<String>,
    /// The sender's display name.
    pub from_name: String,
    /// Subject, one line.
    pub subject: String,
    /// The body as text (an HTML-only message converted), whole.
    pub text: String,
    /// Every message id the message answers (`In-Reply-To`, then `References`).
    pub answers: Vec<String>,
    /// Why a machine sent it, if one did.
    pub automatic: Option<Automatic>,
    /// Attached files.
    pub files: Vec<MailFile>,
}

/// An attached file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailFile {
    /// Its name as the message gives it (sanitized by the upload path).
    pub name: String,
    /// Declared content type.
    pub content_type: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Why a message counts as sent by a machine: it never opens a case, never becomes a comment and
/// is never answered (no mail loops).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Automatic {
    /// `Auto-Submitted` other than `no` (RFC 3834: auto-replies, vacation notices).
    AutoSubmitted,
    /// `Precedence: bulk`, `list` or `junk`, or a `List-Id`.
    Bulk,
    /// `X-Auto-Response-Suppress` (Exchange's automatic messages).
    Suppressed,
    /// A delivery report or a bounce (`multipart/report`, an empty return path, mailer-daemon).
    Bounce,
    /// From a no-reply address.
    NoReply,
}

impl Automatic {
    /// The code the inbound list shows as the reason.
    pub fn code(self) -> &'static str {
        match self {
            Self::AutoSubmitted => "auto_submitted",
            Self::Bulk => "bulk",
            Self::Suppressed => "auto_response_suppress",
            Self::Bounce => "bounce",
            Self::NoReply => "no_reply_sender",
        }
    }
}

/// Which case thread a message answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Thread {
    /// None named: a new request.
    None,
    /// The case with this thread token (a signed reference verified).
    Case(String),
    /// A reference that looks like Portico's but whose signature does not hold.
    Forged,
}

/// Why a message could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// Over [`MESSAGE_MAX`].
    #[error("the message is larger than {} MB", MESSAGE_MAX / 1024 / 1024)]
    TooLarge,
    /// Not a message at all.
    #[error("not an email message: {0}")]
    Unparseable(&'static str),
}

/// Reads `raw`. Anything without a header and a sender address is refused (`from` is always
/// `Some` in what comes out); every other message reads (bad charsets and broken MIME parts become replacement characters, not errors).
pub fn read(raw: &[u8]) -> Result<Inbound, ReadError> {
    if raw.len() > MESSAGE_MAX {
        return Err(ReadError::TooLarge);
    }
    let message = MessageParser::default()
        .parse(raw)
        .ok_or(ReadError::Unparseable("no header"))?;
    if message.headers().is_empty() {
        return Err(ReadError::Unparseable("no header"));
    }
    let from_addr = message.from().and_then(|a| a.first());
    let from = from_addr
        .and_then(|a| a.address())
        .map(|a| a.trim().to_lowercase())
        .filter(|a| a.contains('@') && a.len() <= 254 && !a.chars().any(char::is_control));
    if from.is_none() {
        return Err(ReadError::Unparseable("no sender address"));
    }
    let from_name = from_addr
        .and_then(|a| a.name())
        .map(crate::domain::clean_line)
        .unwrap_or_default();
    let subject = crate::domain::clean_line(message.subject().unwrap_or(""));
    let text = message
        .body_text(0)
        .map(|t| t.replace("\r\n", "\n"))
        .unwrap_or_default();
    let mut answers = Vec::new();
    for value in [message.in_reply_to(), message.references()] {
        let ids: Vec<String> = match (value.as_text(), value.as_text_list()) {
            (Some(one), _) => vec![one.to_string()],
            (None, Some(list)) => list.iter().map(|s| s.to_string()).collect(),
            _ => Vec::new(),
        };
        for id in ids {
            if !answers.contains(&id) {
                answers.push(id);
            }
        }
    }
    let files = message
        .attachments()
        .filter(|part| !part.is_message() && !part.contents().is_empty())
        .take(FILES_MAX)
        .map(|part| MailFile {
            name: part
                .attachment_name()
                .map(str::to_string)
                .unwrap_or_else(|| "attachment".into()),
            content_type: part
                .content_type()
                .map(|ct| match ct.subtype() {
                    Some(sub) => format!("{}/{sub}", ct.ctype()),
                    None => ct.ctype().to_string(),
                })
                .unwrap_or_default(),
            bytes: part.contents().to_vec(),
        })
        .collect();
    let automatic = automatic(&message, from.as_deref());
    Ok(Inbound {
        message_id: message.message_id().map(str::to_string),
        from,
        from_name,
        subject,
        text,
        answers,
        automatic,
        files,
    })
}

fn header_text<'a>(message: &'a mail_parser::Message<'_>, name: &'static str) -> Option<&'a str> {
    message.header_raw(name).map(str::trim)
}

/// Why `message` was sent by a machine, if it was (the rules of RFC 3834 and what mail servers add).
fn automatic(message: &mail_parser::Message<'_>, from: Option<&str>) -> Option<Automatic> {
    if header_text(message, "Auto-Submitted").is_some_and(|v| !v.eq_ignore_ascii_case("no")) {
        return Some(Automatic::AutoSubmitted);
    }
    if header_text(message, "Precedence").is_some_and(|v| {
        ["bulk", "list", "junk"]
            .iter()
            .any(|p| v.eq_ignore_ascii_case(p))
    }) || header_text(message, "List-Id").is_some()
    {
        return Some(Automatic::Bulk);
    }
    if header_text(message, "X-Auto-Response-Suppress").is_some() {
        return Some(Automatic::Suppressed);
    }
    let report = message.content_type().is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case("multipart")
            && ct
                .subtype()
                .is_some_and(|s| s.eq_ignore_ascii_case("report"))
    });
    let empty_return_path = header_text(message, "Return-Path").is_some_and(|v| v == "<>");
    let local = from
        .and_then(|f| f.split('@').next())
        .unwrap_or("")
        .replace(['-', '_', '.'], "");
    if report || empty_return_path || ["mailerdaemon", "postmaster"].contains(&local.as_str()) {
        return Some(Automatic::Bounce);
    }
    if ["noreply", "donotreply", "noresponse"].contains(&local.as_str()) {
        return Some(Automatic::NoReply);
    }
    None
}

impl Inbound {
    /// The case thread this message answers, by the references `signer` made.
    pub fn thread(&self, signer: &ThreadSigner) -> Thread {
        let mut forged = false;
        for id in &self.answers {
            if let Some(token) = signer.read_message_id(id) {
                return Thread::Case(token);
            }
            forged |= id.trim_start_matches('<').starts_with("case.");
        }
        let mut rest = self.subject.as_str();
        while let Some(start) = rest.find("[ref:") {
            let after = &rest[start + 5..];
            let Some(end) = after.find(']') else { break };
            match signer.read_reference(after[..end].trim()) {
                Some(token) => return Thread::Case(token),
                None => forged = true,
            }
            rest = &after[end..];
        }
        if forged { Thread::Forged } else { Thread::None }
    }

    /// Whether Portico itself sent this (its own `Message-ID` came back to the mailbox).
    pub fn is_own(&self, signer: &ThreadSigner, from_address: &str) -> bool {
        self.message_id
            .as_deref()
            .is_some_and(|id| signer.read_message_id(id).is_some() || id.starts_with("portico."))
            || self.from.as_deref() == Some(from_address)
    }

    /// The subject of a case opened by this message: its subject without reply prefixes, else the
    /// first line of its text, cut to the subject's limit.
    pub fn case_subject(&self) -> String {
        let mut subject = self.subject.as_str();
        loop {
            let lower = subject.to_lowercase();
            let prefix = [
                "re:",
                "fwd:",
                "fw:",
                "aw:",
                "antw:",
                "отв:",
                "ответ:",
                "пересл:",
            ]
            .iter()
            .find(|p| lower.starts_with(*p));
            match prefix {
                Some(p) => subject = subject[lower[..p.len()].len()..].trim_start(),
                None => break,
            }
        }
        let subject = match subject.trim() {
            "" => new_text(&self.text)
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("")
                .to_string(),
            s => s.to_string(),
        };
        crate::domain::clean_line(&subject)
            .chars()
            .take(crate::domain::cases::SUBJECT_MAX)
            .collect()
    }

    /// The language the sender most likely writes: Cyrillic is Russian; Dutch's commonest words
    /// outnumbering English's is Dutch; anything else English.
    pub fn language(&self) -> Language {
        let sample: String = format!("{} {}", self.subject, self.text)
            .chars()
            .take(4000)
            .collect();
        let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
        let cyrillic = sample
            .chars()
            .filter(|c| ('\u{400}'..='\u{4ff}').contains(c))
            .count();
        if cyrillic * 3 > letters && cyrillic > 0 {
            return Language::Ru;
        }
        const DUTCH: &[&str] = &[
            "de",
            "het",
            "een",
            "ik",
            "niet",
            "van",
            "dat",
            "wij",
            "graag",
            "bedankt",
            "met",
            "voor",
            "mijn",
            "hallo",
            "groet",
            "groeten",
            "alstublieft",
            "uw",
            "kunt",
            "heb",
        ];
        const ENGLISH: &[&str] = &[
            "the", "and", "is", "to", "please", "thanks", "my", "you", "with", "for", "hello",
            "regards", "can", "have", "not", "of", "it", "this",
        ];
        let (mut nl, mut en) = (0, 0);
        for word in sample
            .split(|c: char| !c.is_alphabetic())
            .map(str::to_lowercase)
        {
            nl += usize::from(DUTCH.contains(&word.as_str()));
            en += usize::from(ENGLISH.contains(&word.as_str()));
        }
        if nl > en { Language::Nl } else { Language::En }
    }
}

/// The marker line every case email carries above its text ("reply above this line"): what a reply
/// quotes from here on is cut.
pub const REPLY_MARKER: &str = "##-";

/// The new text of a reply: everything above the first line where quoted history or a signature
/// starts (Portico's marked line; "On … wrote:" in English, Russian and Dutch; forwarded and
/// Outlook headers; `>` quotes; `-- ` signatures; "Sent from my phone"). Never empty when the text
/// is not: a reply that is all quote keeps its text.
pub fn new_text(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut end = lines.len();
    for (i, line) in lines.iter().enumerate() {
        if starts_history(line, lines.get(i + 1).copied()) {
            end = i;
            break;
        }
    }
    let kept: Vec<&str> = lines[..end]
        .iter()
        .copied()
        .filter(|l| !l.trim_start().starts_with('>'))
        .collect();
    let out = kept.join("\n").trim().to_string();
    if out.is_empty() {
        text.trim().to_string()
    } else {
        out
    }
}

/// Whether quoted history or a signature starts at `line`.
fn starts_history(line: &str, next: Option<&str>) -> bool {
    let t = line.trim();
    let lower = t.to_lowercase();
    if t.contains(REPLY_MARKER) && t.ends_with("-##") {
        return true;
    }
    if line == "-- " || t == "--" || t == "__" {
        return true;
    }
    // "On Mon, 3 Jun 2026 at 10:00, Anna <a@b> wrote:" (sometimes broken over two lines).
    let joined = match next {
        Some(n) if !lower.ends_with(':') => format!("{lower} {}", n.trim().to_lowercase()),
        _ => lower.clone(),
    };
    let wrote = |s: &str| {
        (s.starts_with("on ") && s.ends_with("wrote:"))
            || (s.starts_with("op ")
                && (s.ends_with("schreef:") || s.contains(" schreef "))
                && s.ends_with(':'))
            || ((s.contains("написал") || s.contains("пишет:")) && s.ends_with(':'))
    };
    if wrote(&lower) || wrote(&joined) {
        return true;
    }
    // Any attribution line naming an address right before the quote ("пн, 3 июн. … <s@x>:").
    if lower.ends_with(':')
        && lower.contains('@')
        && next.is_some_and(|n| n.trim_start().starts_with('>'))
    {
        return true;
    }
    const HEADERS: &[&str] = &[
        "-----original message-----",
        "-----исходное сообщение-----",
        "-----oorspronkelijk bericht-----",
        "---------- forwarded message",
        "---------- пересылаемое сообщение",
        "---------- doorgestuurd bericht",
    ];
    if HEADERS.iter().any(|h| lower.starts_with(h)) {
        return true;
    }
    // Outlook's quoted header: "From: …" followed by "Sent: …" (or its Russian and Dutch words).
    let from_line = ["from:", "от:", "van:"]
        .iter()
        .any(|p| lower.starts_with(p));
    let sent_next = next.is_some_and(|n| {
        let n = n.trim().to_lowercase();
        [
            "sent:",
            "date:",
            "отправлено:",
            "дата:",
            "verzonden:",
            "datum:",
        ]
        .iter()
        .any(|p| n.starts_with(p))
    });
    if from_line && sent_next {
        return true;
    }
    [
        "sent from my ",
        "отправлено с iphone",
        "отправлено с моего",
        "verzonden vanaf mijn ",
        "verstuurd vanaf mijn ",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn signer() -> ThreadSigner {
        ThreadSigner::new(&[3; 32])
    }

    #[test]
    fn a_plain_message_reads() {
        let raw = b"From: Anna Berg <Anna@Example.COM>\r\nTo: support@portico.test\r\n\
            Subject: Re: Printer jams\r\nMessage-ID: <abc@example.com>\r\n\r\nIt jams again.\r\n";
        let m = read(raw).expect("reads");
        assert_eq!(m.from.as_deref(), Some("anna@example.com"));
        assert_eq!(m.from_name, "Anna Berg");
        assert_eq!(m.message_id.as_deref(), Some("abc@example.com"));
        assert_eq!(m.case_subject(), "Printer jams");
        assert_eq!(m.text.trim(), "It jams again.");
        assert_eq!(m.automatic, None);
        assert_eq!(m.thread(&signer()), Thread::None);
    }

    #[test]
    fn cyrillic_in_windows_1251_and_koi8_r_decodes() {
        let body = "Здравствуйте, принтер не печатает.";
        for (charset, bytes) in [
            ("windows-1251", encoding_rs::WINDOWS_1251.encode(body).0),
            ("koi8-r", encoding_rs::KOI8_R.encode(body).0),
        ] {
            let mut raw = format!(
                "From: ivan@example.ru\r\nSubject: =?{charset}?B?{}?=\r\n\
                 Content-Type: text/plain; charset={charset}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
                encoded_word(charset)
            )
            .into_bytes();
            raw.extend_from_slice(&bytes);
            let m = read(&raw).expect("reads");
            assert_eq!(m.text.trim(), body, "{charset}");
            assert_eq!(m.subject, "Принтер", "{charset}");
            assert_eq!(m.language(), Language::Ru);
        }
    }

    /// "Принтер" in `charset`, base64 (an encoded word as mail programs write it).
    fn encoded_word(charset: &str) -> String {
        use base64::Engine;
        let bytes = if charset == "koi8-r" {
            encoding_rs::KOI8_R.encode("Принтер").0.into_owned()
        } else {
            encoding_rs::WINDOWS_1251.encode("Принтер").0.into_owned()
        };
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    #[test]
    fn html_only_mail_becomes_readable_text() {
        let raw = b"From: a@example.com\r\nSubject: HTML\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
            <html><body><p>First <b>line</b></p><p>Second&nbsp;line &amp; more</p>\
            <script>alert(1)</script></body></html>";
        let m = read(raw).expect("reads");
        assert!(m.text.contains("First line"), "{:?}", m.text);
        assert!(
            m.text.contains("Second\u{a0}line & more") || m.text.contains("Second line & more"),
            "{:?}",
            m.text
        );
        assert!(!m.text.contains("<p>"), "{:?}", m.text);
    }

    #[test]
    fn machines_are_recognised() {
        let cases: &[(&str, Automatic)] = &[
            ("Auto-Submitted: auto-replied\r\n", Automatic::AutoSubmitted),
            ("Precedence: bulk\r\n", Automatic::Bulk),
            ("Precedence: junk\r\n", Automatic::Bulk),
            ("List-Id: <news.example.com>\r\n", Automatic::Bulk),
            ("X-Auto-Response-Suppress: All\r\n", Automatic::Suppressed),
            ("Return-Path: <>\r\n", Automatic::Bounce),
            (
                "Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n",
                Automatic::Bounce,
            ),
        ];
        for (header, why) in cases {
            let raw = format!("From: a@example.com\r\nSubject: x\r\n{header}\r\nbody\r\n");
            assert_eq!(
                read(raw.as_bytes()).expect("reads").automatic,
                Some(*why),
                "{header}"
            );
        }
        for from in [
            "MAILER-DAEMON@example.com",
            "postmaster@example.com",
            "no-reply@example.com",
            "noreply@x.example",
        ] {
            let raw = format!("From: {from}\r\nSubject: x\r\n\r\nbody\r\n");
            assert!(
                read(raw.as_bytes()).expect("reads").automatic.is_some(),
                "{from}"
            );
        }
        let person = "From: a@example.com\r\nAuto-Submitted: no\r\nSubject: x\r\n\r\nbody\r\n";
        assert_eq!(read(person.as_bytes()).expect("reads").automatic, None);
    }

    #[test]
    fn only_signed_references_name_a_thread() {
        let s = signer();
        let id = s.message_id("AbCdEf123456", 7, "portico.test");
        let reply =
            format!("From: a@example.com\r\nSubject: Re: x\r\nIn-Reply-To: {id}\r\n\r\nyes\r\n");
        assert_eq!(
            read(reply.as_bytes()).expect("reads").thread(&s),
            Thread::Case("AbCdEf123456".into())
        );
        let refs = format!(
            "From: a@example.com\r\nSubject: Re: x\r\nReferences: <other@example.com> {}\r\n\r\nyes\r\n",
            s.root("AbCdEf123456", "portico.test")
        );
        assert_eq!(
            read(refs.as_bytes()).expect("reads").thread(&s),
            Thread::Case("AbCdEf123456".into())
        );
        let subject = format!(
            "From: a@example.com\r\nSubject: Re: Case 00001234 [ref:{}]\r\n\r\nyes\r\n",
            s.reference("AbCdEf123456")
        );
        assert_eq!(
            read(subject.as_bytes()).expect("reads").thread(&s),
            Thread::Case("AbCdEf123456".into())
        );
        // A guessed or altered reference is forged; a case number alone is nothing.
        let forged = "From: a@example.com\r\nSubject: Re: x\r\nIn-Reply-To: <case.AbCdEf123456.7.0123456789abcdef0123@portico.test>\r\n\r\nyes\r\n";
        assert_eq!(
            read(forged.as_bytes()).expect("reads").thread(&s),
            Thread::Forged
        );
        let forged_subject = "From: a@example.com\r\nSubject: Re: [ref:AbCdEf123456-0123456789abcdef0123]\r\n\r\nyes\r\n";
        assert_eq!(
            read(forged_subject.as_bytes()).expect("reads").thread(&s),
            Thread::Forged
        );
        let number = "From: a@example.com\r\nSubject: Re: Case 00001234: created\r\n\r\nyes\r\n";
        assert_eq!(
            read(number.as_bytes()).expect("reads").thread(&s),
            Thread::None
        );
    }

    #[test]
    fn quoted_history_and_signatures_are_cut() {
        let cases = [
            "Thanks, it works now.\n\n##- Please type your reply above this line -##\nYour case…",
            "Thanks, it works now.\n\nOn Mon, 3 Jun 2026 at 10:00, Support <s@x> wrote:\n> old",
            "Thanks, it works now.\n\nOn Mon, 3 Jun 2026 at 10:00, Support\n<s@x> wrote:\n> old",
            "Thanks, it works now.\n\n3 июня 2026 г., в 10:00, Support <s@x> написал:\n> old",
            "Thanks, it works now.\n\nпн, 3 июн. 2026 г. в 10:00, Support <s@x>:\n> old",
            "Thanks, it works now.\n\nOp ma 3 jun. 2026 om 10:00 schreef Support <s@x>:\n> old",
            "Thanks, it works now.\n\n-----Original Message-----\nFrom: x",
            "Thanks, it works now.\n\nFrom: Support <s@x>\nSent: Monday\nTo: me",
            "Thanks, it works now.\n\nОт: Support <s@x>\nОтправлено: понедельник",
            "Thanks, it works now.\n\nVan: Support <s@x>\nVerzonden: maandag",
            "Thanks, it works now.\n-- \nAnna Berg\nACME",
            "Thanks, it works now.\n\nSent from my iPhone",
            "Thanks, it works now.\n> quoted line\n> another",
        ];
        for text in cases {
            let got = new_text(text);
            assert!(
                got.starts_with("Thanks, it works now."),
                "{text:?} -> {got:?}"
            );
            assert!(
                !got.contains("old")
                    && !got.contains("Support")
                    && !got.contains("Anna")
                    && !got.contains("iPhone")
                    && !got.contains("quoted"),
                "{text:?} -> {got:?}"
            );
        }
        assert_eq!(new_text("> only a quote"), "> only a quote");
    }

    #[test]
    fn language_is_guessed() {
        let m = |s: &str| {
            read(format!("From: a@example.com\r\nSubject: x\r\n\r\n{s}\r\n").as_bytes())
                .expect("reads")
        };
        assert_eq!(
            m("Hallo, ik heb een vraag over mijn printer. Met vriendelijke groeten").language(),
            Language::Nl
        );
        assert_eq!(
            m("Hello, I have a question about the printer, please help.").language(),
            Language::En
        );
        assert_eq!(
            m("Добрый день! Не работает принтер.").language(),
            Language::Ru
        );
    }

    #[test]
    fn attachments_come_out_whole() {
        let raw = "From: a@example.com\r\nSubject: log\r\nMIME-Version: 1.0\r\n\
            Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee log.\r\n\
            --b\r\nContent-Type: text/plain; name=\"error log.txt\"\r\nContent-Disposition: attachment; filename=\"error log.txt\"\r\n\
            Content-Transfer-Encoding: base64\r\n\r\nRVJST1IgNDI=\r\n--b--\r\n";
        let m = read(raw.as_bytes()).expect("reads");
        assert_eq!(m.files.len(), 1);
        assert_eq!(m.files[0].name, "error log.txt");
        assert_eq!(m.files[0].bytes, b"ERROR 42");
        assert_eq!(m.files[0].content_type, "text/plain");
        assert_eq!(m.text.trim(), "See log.");
    }

    #[test]
    fn garbage_is_refused_with_a_reason() {
        assert!(matches!(read(b""), Err(ReadError::Unparseable(_))));
        let big = vec![b'a'; MESSAGE_MAX + 1];
        assert_eq!(read(&big), Err(ReadError::TooLarge));
    }

    /// A message from parts a mail program might send, for mutating.
    fn message_strategy() -> impl Strategy<Value = Vec<u8>> {
        let header = prop_oneof![
            Just("From: Anna <anna@example.com>\r\n".to_string()),
            Just("Subject: =?koi8-r?B?8NLJztTF0g==?=\r\n".to_string()),
            Just(
                "In-Reply-To: <case.AbCdEf123456.7.0123456789abcdef0123@portico.test>\r\n"
                    .to_string()
            ),
            Just("Content-Type: multipart/mixed; boundary=\"b\"\r\n".to_string()),
            Just("Content-Type: text/html; charset=windows-1251\r\n".to_string()),
            Just("Content-Transfer-Encoding: quoted-printable\r\n".to_string()),
            Just("Auto-Submitted: auto-replied\r\n".to_string()),
            "[ -~]{0,40}: [ -~\u{80}-\u{ff}]{0,60}\r\n",
        ];
        let body = prop_oneof![
            Just("--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b\r\nContent-Disposition: attachment; filename=a.bin\r\nContent-Transfer-Encoding: base64\r\n\r\nAAEC\r\n--b--\r\n".to_string()),
            Just("<p>Hi &amp; <b>bye</b></p>".to_string()),
            Just("=D0=9F=D1=80=D0=B8=D0=B2=D0=B5=D1=82\r\n> quoted\r\n-- \r\nsig".to_string()),
            "\\PC{0,300}",
        ];
        (
            prop::collection::vec(header, 0..8),
            body,
            prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..12),
        )
            .prop_map(|(headers, body, flips)| {
                let mut raw = headers.concat().into_bytes();
                raw.extend_from_slice(b"\r\n");
                raw.extend_from_slice(body.as_bytes());
                for (at, byte) in flips {
                    if !raw.is_empty() {
                        let i = at.index(raw.len());
                        raw[i] = byte;
                    }
                }
                raw
            })
    }

    proptest! {
        // `PORTICO_FUZZ_CASES` sets the count for the long run (see `crate::fuzz`).
        #![proptest_config(crate::fuzz::config(2000))]

        /// Random and mutated messages: reading never panics, and everything after it (thread,
        /// subject, language, new text) runs on what came out, in bounded time.
        #[test]
        fn fuzz_reading_any_message_never_panics(raw in prop_oneof![message_strategy(), prop::collection::vec(any::<u8>(), 0..2000)]) {
            let started = std::time::Instant::now();
            if let Ok(m) = read(&raw) {
                let _ = m.thread(&signer());
                let subject = m.case_subject();
                prop_assert!(subject.chars().count() <= crate::domain::cases::SUBJECT_MAX);
                let _ = m.language();
                let _ = new_text(&m.text);
                let _ = m.is_own(&signer(), "support@portico.test");
            }
            prop_assert!(started.elapsed() < std::time::Duration::from_secs(2));
        }
    }
}
