//! Emails: what each message says (wording from the locale files, in the recipient's language),
//! one layout for the HTML and the text part, and delivery (SMTP with lettre, or the built-in dev
//! mailbox). Emails are never sent from a request: they are rendered into the outbox in the same
//! transaction as the change that causes them, and `backend::jobs` delivers them.
use crate::backend::store::{NewDevMail, Store};
use crate::domain::{Language, escape_html as escape};
use crate::i18n::{Locale, td_string};
use serde::{Deserialize, Serialize};

/// A rendered email, as the outbox keeps it until it is delivered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutgoingEmail {
    /// Recipient address.
    pub to: String,
    /// Recipient name (for the `To` header).
    pub to_name: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text part.
    pub text: String,
    /// HTML part.
    pub html: String,
    /// Sign-in secrets the email carries (a set-password link, a temporary password): the dev
    /// mailbox hides them from everyone but the recipient. Such emails are made by the worker as
    /// it sends them, so the outbox never holds them.
    #[serde(default)]
    pub secrets: Vec<String>,
}

impl OutgoingEmail {
    /// The outbox job that delivers this email as it is.
    pub fn job(&self) -> crate::backend::jobs::Job {
        crate::backend::jobs::Job::Email(self.clone())
    }
}

/// Every message Portico sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message<'a> {
    /// Staff gave a contact portal access: a single-use link to set the password.
    Welcome {
        /// The contact's name.
        name: &'a str,
        /// Their username (email).
        email: &'a str,
        /// The set-password link.
        link: &'a str,
        /// Hours until the link expires.
        hours: i64,
    },
    /// "Forgot password": a temporary password.
    TemporaryPassword {
        /// The person's name.
        name: &'a str,
        /// Their username (email).
        email: &'a str,
        /// The temporary password.
        password: &'a str,
        /// The sign-in page.
        sign_in_link: &'a str,
        /// Hours until it expires.
        hours: i64,
    },
}

/// The confirmation of a new case (the seeds: "an automatic email with the case details and its
/// unique number").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseCreatedMail<'a> {
    /// The contact's name.
    pub name: &'a str,
    /// The 8-digit number.
    pub number: &'a str,
    /// Subject.
    pub subject: &'a str,
    /// Description.
    pub description: &'a str,
    /// Product name (or "").
    pub product: &'a str,
    /// Country.
    pub country: &'a str,
    /// The case's page.
    pub link: &'a str,
    /// The thread reference (in the subject line, for replies).
    pub thread_token: &'a str,
}

/// Renders a case confirmation for `to` in `language`.
pub fn render_case_created(language: Language, to: &str, m: &CaseCreatedMail) -> OutgoingEmail {
    let l = locale(language);
    let subject = threaded(
        td_string!(
            l,
            email_case_subject,
            number = m.number,
            subject = m.subject
        ),
        m.thread_token,
    );
    let mut blocks = vec![
        Block::Text(td_string!(l, email_case_body).to_string()),
        Block::Text(td_string!(l, email_case_number_label).to_string()),
        Block::Code(m.number.to_string()),
        Block::Text(format!("{}: {}", td_string!(l, field_subject), m.subject)),
    ];
    if !m.product.is_empty() {
        blocks.push(Block::Text(format!(
            "{}: {}",
            td_string!(l, field_product),
            m.product
        )));
    }
    blocks.push(Block::Text(format!(
        "{}: {}",
        td_string!(l, field_country),
        m.country
    )));
    if !m.description.is_empty() {
        blocks.push(Block::Text(format!(
            "{}:\n{}",
            td_string!(l, field_description),
            m.description
        )));
    }
    let button = td_string!(l, email_case_button).to_string();
    case_email(language, to, m.name, subject, blocks, (button, m.link))
}

/// A comment on a case, for its contact, its followers, and staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseCommentMail<'a> {
    /// The recipient's name.
    pub name: &'a str,
    /// The 8-digit number.
    pub number: &'a str,
    /// The case's subject.
    pub subject: &'a str,
    /// Who wrote the comment.
    pub author: &'a str,
    /// The comment.
    pub body: &'a str,
    /// Internal (for staff only): said so at the top.
    pub internal: bool,
    /// The case's page.
    pub link: &'a str,
    /// The thread reference.
    pub thread_token: &'a str,
}

/// Renders a comment notification for `to` in `language`.
pub fn render_case_comment(language: Language, to: &str, m: &CaseCommentMail) -> OutgoingEmail {
    let l = locale(language);
    let subject = threaded(
        td_string!(
            l,
            email_comment_subject,
            number = m.number,
            subject = m.subject
        ),
        m.thread_token,
    );
    let mut blocks = Vec::new();
    if m.internal {
        blocks.push(Block::Text(
            td_string!(l, email_comment_internal).to_string(),
        ));
    }
    blocks.push(Block::Text(
        td_string!(l, email_comment_intro, author = m.author, number = m.number).to_string(),
    ));
    blocks.push(Block::Text(m.body.to_string()));
    let button = td_string!(l, email_comment_button).to_string();
    case_email(language, to, m.name, subject, blocks, (button, m.link))
}

/// Support proposed a solution (the case is solved), for its contact and followers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSolvedMail<'a> {
    /// The recipient's name.
    pub name: &'a str,
    /// The 8-digit number.
    pub number: &'a str,
    /// The case's subject.
    pub subject: &'a str,
    /// Product name (or "").
    pub product: &'a str,
    /// The resolution.
    pub resolution: &'a str,
    /// The case's page.
    pub link: &'a str,
    /// The thread reference.
    pub thread_token: &'a str,
}

/// Renders "solution proposed" for `to` in `language` (the seeds' resolution email).
pub fn render_case_solved(language: Language, to: &str, m: &CaseSolvedMail) -> OutgoingEmail {
    let l = locale(language);
    let subject = threaded(
        td_string!(
            l,
            email_solved_subject,
            number = m.number,
            subject = m.subject
        ),
        m.thread_token,
    );
    let intro = if m.product.is_empty() {
        td_string!(l, email_solved_intro, number = m.number).to_string()
    } else {
        td_string!(
            l,
            email_solved_intro_product,
            number = m.number,
            product = m.product
        )
        .to_string()
    };
    let blocks = vec![
        Block::Text(intro),
        Block::Text(m.resolution.to_string()),
        Block::Text(format!("{}: {}", td_string!(l, field_subject), m.subject)),
        Block::Text(td_string!(l, email_solved_reopen).to_string()),
    ];
    let button = td_string!(l, email_case_button).to_string();
    case_email(language, to, m.name, subject, blocks, (button, m.link))
}

/// The satisfaction survey, for the contact of a closed case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSurveyMail<'a> {
    /// The recipient's name.
    pub name: &'a str,
    /// The 8-digit number.
    pub number: &'a str,
    /// The case's subject.
    pub subject: &'a str,
    /// The survey page.
    pub link: &'a str,
    /// The thread reference.
    pub thread_token: &'a str,
}

/// Renders the survey invitation for `to` in `language`.
pub fn render_case_survey(language: Language, to: &str, m: &CaseSurveyMail) -> OutgoingEmail {
    let l = locale(language);
    let subject = threaded(
        td_string!(
            l,
            email_survey_subject,
            number = m.number,
            subject = m.subject
        ),
        m.thread_token,
    );
    let blocks = vec![
        Block::Text(td_string!(l, email_survey_intro, number = m.number).to_string()),
        Block::Text(format!("{}: {}", td_string!(l, field_subject), m.subject)),
    ];
    let button = td_string!(l, email_survey_button).to_string();
    case_email(language, to, m.name, subject, blocks, (button, m.link))
}

/// "The status of your case changed", for the contact and followers of a case whose status
/// support changed (solving and the survey have their own emails).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseStatusMail<'a> {
    /// The recipient's name.
    pub name: &'a str,
    /// The 8-digit number.
    pub number: &'a str,
    /// The case's subject.
    pub subject: &'a str,
    /// The new status.
    pub status: crate::domain::CaseStatus,
    /// The case page.
    pub link: &'a str,
    /// The thread reference.
    pub thread_token: &'a str,
}

/// Renders a status change for `to` in `language`.
pub fn render_case_status(language: Language, to: &str, m: &CaseStatusMail) -> OutgoingEmail {
    let l = locale(language);
    let status = crate::messages::status_label(l, m.status);
    let subject = threaded(
        td_string!(
            l,
            email_status_subject,
            number = m.number,
            status = status,
            subject = m.subject
        ),
        m.thread_token,
    );
    let mut blocks = vec![Block::Text(
        td_string!(l, email_status_intro, number = m.number, status = status).to_string(),
    )];
    if m.status == crate::domain::CaseStatus::AwaitingCustomer {
        blocks.push(Block::Text(
            td_string!(l, email_status_awaiting).to_string(),
        ));
    }
    blocks.push(Block::Text(format!(
        "{}: {}",
        td_string!(l, field_subject),
        m.subject
    )));
    let button = td_string!(l, email_case_button).to_string();
    case_email(language, to, m.name, subject, blocks, (button, m.link))
}

/// A case email: the greeting, `body`, a button (label, address) to the case, and the reminder to
/// quote the case number.
fn case_email(
    language: Language,
    to: &str,
    name: &str,
    subject: String,
    body: Vec<Block>,
    (label, url): (String, &str),
) -> OutgoingEmail {
    let l = locale(language);
    let mut blocks = vec![Block::Text(
        td_string!(l, email_greeting, name = name).to_string(),
    )];
    blocks.extend(body);
    blocks.push(Block::Button {
        label,
        url: url.to_string(),
    });
    blocks.push(Block::Text(td_string!(l, email_case_quote).to_string()));
    assemble(language, to, name, subject, &blocks)
}

/// A case email's subject with its thread reference, which replies keep.
fn threaded(subject: impl std::fmt::Display, token: &str) -> String {
    format!("{subject} [ref:{token}]")
}

/// An email from its blocks: the footer, the text part and the HTML part in `language`.
fn assemble(
    language: Language,
    to: &str,
    name: &str,
    subject: String,
    blocks: &[Block],
) -> OutgoingEmail {
    let footer = td_string!(locale(language), email_footer).to_string();
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
enum Block {
    Text(String),
    Button { label: String, url: String },
    Code(String),
}

/// The locale of a stored language code.
pub fn locale(language: Language) -> Locale {
    match language {
        Language::En => Locale::en,
        Language::Ru => Locale::ru,
        Language::Nl => Locale::nl,
    }
}

/// Renders `message` for `to` in `language`.
pub fn render(language: Language, to: &str, to_name: &str, message: &Message) -> OutgoingEmail {
    let l = locale(language);
    let secret = match *message {
        Message::Welcome { link, .. } => link,
        Message::TemporaryPassword { password, .. } => password,
    };
    let (subject, blocks) = match *message {
        Message::Welcome {
            name,
            email,
            link,
            hours,
        } => (
            td_string!(l, email_welcome_subject).to_string(),
            vec![
                Block::Text(td_string!(l, email_greeting, name = name).to_string()),
                Block::Text(td_string!(l, email_welcome_body).to_string()),
                Block::Text(td_string!(l, email_username, email = email).to_string()),
                Block::Button {
                    label: td_string!(l, email_welcome_button).to_string(),
                    url: link.to_string(),
                },
                Block::Text(td_string!(l, email_welcome_expiry, hours = hours).to_string()),
            ],
        ),
        Message::TemporaryPassword {
            name,
            email,
            password,
            sign_in_link,
            hours,
        } => (
            td_string!(l, email_reset_subject).to_string(),
            vec![
                Block::Text(td_string!(l, email_greeting, name = name).to_string()),
                Block::Text(td_string!(l, email_reset_body).to_string()),
                Block::Text(td_string!(l, email_username, email = email).to_string()),
                Block::Code(password.to_string()),
                Block::Text(td_string!(l, email_reset_expiry, hours = hours).to_string()),
                Block::Button {
                    label: td_string!(l, email_sign_in_button).to_string(),
                    url: sign_in_link.to_string(),
                },
                Block::Text(td_string!(l, email_reset_ignore).to_string()),
            ],
        ),
    };
    OutgoingEmail {
        secrets: vec![secret.to_string(), escape(secret)],
        ..assemble(language, to, to_name, subject, &blocks)
    }
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
fn fill(template: &str, values: &[(&str, &str)]) -> String {
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

/// Where emails go: an SMTP relay, or the dev mailbox in the database.
#[derive(Clone)]
pub enum Mailer {
    /// lettre's pooled SMTP transport.
    Smtp(lettre::AsyncSmtpTransport<lettre::Tokio1Executor>),
    /// The `dev_mailbox` table, read at `/admin/mail`.
    DevMailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Smtp(_) => "Mailer::Smtp",
            Self::DevMailbox => "Mailer::DevMailbox",
        })
    }
}

impl Mailer {
    /// The mailer for an SMTP URL, or the dev mailbox when there is none. `smtps://` is SMTP over
    /// TLS; `smtp://` requires STARTTLS (the connection fails rather than send in the clear),
    /// except to a relay on loopback, where plain SMTP is used; `?tls=none` opts out of STARTTLS
    /// anywhere, `?tls=opportunistic` uses it only when offered.
    pub fn new(smtp_url: Option<&str>) -> Result<Self, String> {
        match smtp_url {
            None => Ok(Self::DevMailbox),
            Some(url) => {
                let url = smtp_transport_url(url)?;
                lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(&url)
                    .map(|b| {
                        Self::Smtp(b.timeout(Some(std::time::Duration::from_secs(30))).build())
                    })
                    .map_err(|e| format!("PORTICO_SMTP_URL: {e}"))
            }
        }
    }

    /// Delivers outbox job `job_id`'s email. The `Message-ID` is derived from the job, so a
    /// repeated delivery (after a crash between sending and completing) carries the same id and
    /// mail clients show it once. The dev mailbox also completes the job, in the same transaction.
    pub async fn deliver(
        &self,
        store: &Store,
        job_id: i64,
        message_id: &str,
        from: &str,
        email: &OutgoingEmail,
    ) -> Result<(), String> {
        match self {
            Self::DevMailbox => {
                // The mailbox hides sign-in secrets from the admins who read it; the operator who
                // chose the dev mailbox (--dev-mailbox) finds them on the server's terminal.
                for secret in email.secrets.iter().take(1) {
                    println!("dev mailbox: for {}: {secret}", email.to);
                }
                store
                    .deliver_dev_mail(
                        job_id,
                        &NewDevMail {
                            message_id: message_id.to_string(),
                            to_addr: email.to.clone(),
                            subject: email.subject.clone(),
                            text_body: email.text.clone(),
                            html_body: email.html.clone(),
                            secrets: email.secrets.clone(),
                        },
                    )
                    .await
                    .map_err(|e| e.to_string())
            }
            Self::Smtp(transport) => {
                use lettre::AsyncTransport;
                let message = build_message(message_id, from, email)?;
                transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// The URL lettre gets for `PORTICO_SMTP_URL`: `smtp://` without a `tls` setting becomes
/// `tls=required` unless the host is on loopback; `tls=none` becomes lettre's plain SMTP (no
/// `tls` parameter). Errors never repeat the URL (it may hold a password).
pub fn smtp_transport_url(raw: &str) -> Result<String, String> {
    let mut url = url::Url::parse(raw).map_err(|_| "PORTICO_SMTP_URL: not a URL".to_string())?;
    if url.scheme() != "smtp" {
        return Ok(raw.to_string());
    }
    let tls = url
        .query_pairs()
        .find(|(k, _)| k == "tls")
        .map(|(_, v)| v.into_owned());
    let others: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| k != "tls")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    // `smtp` is no special scheme to the URL parser, so an IP address comes back as text.
    let loopback = url.host_str().is_some_and(|h| {
        h.eq_ignore_ascii_case("localhost")
            || h.trim_matches(['[', ']'])
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    });
    let tls = match tls.as_deref() {
        None if loopback => None,
        None | Some("required") => Some("required"),
        Some("opportunistic") => Some("opportunistic"),
        Some("none") => None,
        Some(_) => {
            return Err(
                "PORTICO_SMTP_URL: tls= must be required, opportunistic or none".to_string(),
            );
        }
    };
    {
        let mut q = url.query_pairs_mut();
        q.clear();
        for (k, v) in &others {
            q.append_pair(k, v);
        }
        if let Some(tls) = tls {
            q.append_pair("tls", tls);
        }
    }
    if url.query() == Some("") {
        url.set_query(None);
    }
    Ok(url.to_string())
}

/// A multipart/alternative message (text first, then HTML).
pub fn build_message(
    message_id: &str,
    from: &str,
    email: &OutgoingEmail,
) -> Result<lettre::Message, String> {
    use lettre::message::{Mailbox, MultiPart};
    let to: Mailbox = format!(
        "{} <{}>",
        email.to_name.replace(['<', '>', '"'], ""),
        email.to
    )
    .parse()
    .or_else(|_| email.to.parse())
    .map_err(|e| format!("recipient {:?}: {e}", email.to))?;
    let from: Mailbox = from.parse().map_err(|e| format!("sender {from:?}: {e}"))?;
    lettre::Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject.clone())
        .message_id(Some(message_id.to_string()))
        .multipart(MultiPart::alternative_plain_html(
            email.text.clone(),
            email.html.clone(),
        ))
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod golden;

#[cfg(test)]
mod tests {
    use super::*;

    fn welcome(language: Language) -> OutgoingEmail {
        render(
            language,
            "anna@example.com",
            "Anna <Admin>",
            &Message::Welcome {
                name: "Anna <Admin>",
                email: "anna@example.com",
                link: "https://support.example.com/password/set?token=abc&x=1",
                hours: 72,
            },
        )
    }

    #[test]
    fn emails_speak_the_recipients_language() {
        let en = welcome(Language::En);
        let ru = welcome(Language::Ru);
        let nl = welcome(Language::Nl);
        assert_eq!(en.subject, "Welcome to the customer portal");
        assert!(ru.subject.contains("Добро пожаловать"), "{}", ru.subject);
        assert!(nl.subject.contains("Welkom"), "{}", nl.subject);
        for e in [&en, &ru, &nl] {
            assert!(
                e.text
                    .contains("https://support.example.com/password/set?token=abc&x=1")
            );
            assert!(e.text.contains("72"));
            assert!(e.html.contains("token=abc&amp;x=1"), "links are escaped");
        }
        assert!(en.html.starts_with("<!DOCTYPE html>") && en.html.contains("lang=\"en\""));
        assert!(ru.html.contains("lang=\"ru\""));
    }

    #[test]
    fn solution_and_survey_emails_in_each_language() {
        let expected = [
            (Language::En, "solution proposed", "how did we do?"),
            (Language::Ru, "предложено решение", "оцените нашу помощь"),
            (
                Language::Nl,
                "oplossing voorgesteld",
                "hoe hebben we het gedaan?",
            ),
        ];
        for (language, solved_words, survey_words) in expected {
            let solved = render_case_solved(
                language,
                "anna@example.com",
                &CaseSolvedMail {
                    name: "Anna",
                    number: "00000042",
                    subject: "Printer",
                    product: "Qapter",
                    resolution: "Use <b>new</b> toner",
                    link: "https://support.example.com/cases/00000042",
                    thread_token: "T0K3N",
                },
            );
            assert!(solved.subject.contains(solved_words), "{}", solved.subject);
            assert!(
                solved.subject.ends_with("[ref:T0K3N]"),
                "{}",
                solved.subject
            );
            assert!(solved.text.contains("Use <b>new</b> toner") && solved.text.contains("Qapter"));
            assert!(
                solved.html.contains("Use &lt;b&gt;new&lt;/b&gt; toner"),
                "escaped"
            );
            let survey = render_case_survey(
                language,
                "anna@example.com",
                &CaseSurveyMail {
                    name: "Anna",
                    number: "00000042",
                    subject: "Printer",
                    link: "https://support.example.com/cases/00000042/survey",
                    thread_token: "T0K3N",
                },
            );
            assert!(survey.subject.contains(survey_words), "{}", survey.subject);
            assert!(
                survey
                    .text
                    .contains("https://support.example.com/cases/00000042/survey")
            );
        }
    }

    #[test]
    fn status_emails_in_each_language() {
        let expected = [
            (
                Language::En,
                "is now Awaiting your reply",
                "more information",
            ),
            (
                Language::Ru,
                "новый статус: Ожидает вашего ответа",
                "нужна дополнительная информация",
            ),
            (
                Language::Nl,
                "heeft nu de status Wacht op uw reactie",
                "meer informatie",
            ),
        ];
        for (language, subject_words, awaiting_words) in expected {
            let mail = |status| {
                render_case_status(
                    language,
                    "anna@example.com",
                    &CaseStatusMail {
                        name: "Anna",
                        number: "00000042",
                        subject: "Printer",
                        status,
                        link: "https://support.example.com/cases/00000042",
                        thread_token: "T0K3N",
                    },
                )
            };
            let awaiting = mail(crate::domain::CaseStatus::AwaitingCustomer);
            assert!(
                awaiting.subject.contains(subject_words),
                "{}",
                awaiting.subject
            );
            assert!(awaiting.subject.ends_with("[ref:T0K3N]"));
            assert!(awaiting.text.contains(awaiting_words), "{}", awaiting.text);
            let working = mail(crate::domain::CaseStatus::InProgress);
            assert!(!working.text.contains(awaiting_words), "{}", working.text);
            assert!(
                working
                    .text
                    .contains("https://support.example.com/cases/00000042")
            );
        }
    }

    #[test]
    fn smtp_requires_starttls_except_on_loopback() {
        let t = |u: &str| smtp_transport_url(u).expect(u);
        assert_eq!(t("smtp://127.0.0.1:2525"), "smtp://127.0.0.1:2525");
        assert_eq!(t("smtp://localhost:25"), "smtp://localhost:25");
        assert_eq!(
            t("smtp://u:p@mail.example.com:587"),
            "smtp://u:p@mail.example.com:587?tls=required"
        );
        assert_eq!(
            t("smtp://mail.example.com?tls=none"),
            "smtp://mail.example.com"
        );
        assert_eq!(
            t("smtp://mail.example.com?tls=opportunistic"),
            "smtp://mail.example.com?tls=opportunistic"
        );
        assert_eq!(
            t("smtp://127.0.0.1?tls=required"),
            "smtp://127.0.0.1?tls=required"
        );
        assert_eq!(t("smtps://mail.example.com"), "smtps://mail.example.com");
        let err = smtp_transport_url("smtp://u:hunter2@x?tls=maybe").expect_err("bad tls");
        assert!(!err.contains("hunter2"));
    }

    #[test]
    fn placeholders_in_typed_text_are_never_filled() {
        assert_eq!(
            fill(
                "<t>{{subject}}</t>{{body}}",
                &[("subject", "{{body}}"), ("body", "B")]
            ),
            "<t>{{body}}</t>B"
        );
        assert_eq!(fill("{{x}} {{", &[]), "{{x}} {{");
    }

    #[test]
    fn names_cannot_inject_html() {
        let e = welcome(Language::En);
        assert!(e.html.contains("Anna &lt;Admin&gt;"));
        assert!(!e.html.contains("<Admin>"));
    }

    #[test]
    fn the_temporary_password_is_in_both_parts() {
        let e = render(
            Language::Nl,
            "piet@example.com",
            "Piet",
            &Message::TemporaryPassword {
                name: "Piet",
                email: "piet@example.com",
                password: "Xk7m-P2qr-9Fzt",
                sign_in_link: "http://127.0.0.1:3000/login",
                hours: 24,
            },
        );
        assert!(e.text.contains("Xk7m-P2qr-9Fzt") && e.html.contains("Xk7m-P2qr-9Fzt"));
        assert!(e.text.contains("24"));
        assert_ne!(e.subject, td_string!(Locale::en, email_reset_subject));
    }

    #[test]
    fn messages_are_multipart_with_a_stable_id() {
        let m = build_message(
            "<job-1.2@portico.example>",
            "Portico <portal@portico.example>",
            &welcome(Language::Ru),
        )
        .expect("message");
        let raw = String::from_utf8(m.formatted()).expect("utf-8");
        assert!(raw.contains("multipart/alternative"), "{raw}");
        assert!(raw.contains("text/plain") && raw.contains("text/html"));
        assert!(raw.contains("Message-ID: <job-1.2@portico.example>"));
    }
}
