//! Emails: what each message says (wording from the locale files, in the recipient's language),
//! one layout for the HTML and the text part, and delivery (SMTP with lettre, or the built-in dev
//! mailbox). Emails are never sent from a request: they are rendered into the outbox in the same
//! transaction as the change that causes them, and `backend::jobs` delivers them.
//!
//! - `account`: sign-in emails (welcome link, temporary password);
//! - `case`: the case emails (created, comment, solved, survey, status), in one frame;
//! - `inbound`: reading inbound mail (sender, text, files, thread, machines), property-tested;
//! - `layout`: blocks into the text and HTML parts, with one placeholder filler;
//! - `transport`: SMTP with lettre, or the dev mailbox.
use crate::domain::Language;
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

mod account;
mod case;
pub mod imap;
pub mod inbound;
mod layout;
mod threads;
mod transport;

pub use account::{
    Message, render, render_access_declined, render_access_has_account, render_access_received,
    render_not_registered,
};
pub use case::*;
pub use threads::{SECRET_SETTING, ThreadSigner};
pub use transport::{Headers, Mailer, build_message, smtp_transport_url};

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

/// The locale of a stored language code.
pub fn locale(language: Language) -> Locale {
    match language {
        Language::En => Locale::en,
        Language::Ru => Locale::ru,
        Language::Nl => Locale::nl,
    }
}

#[cfg(test)]
mod golden;

#[cfg(test)]
mod tests {
    use super::layout::fill;
    use super::*;
    use crate::i18n::td_string;

    fn welcome(language: Language) -> OutgoingEmail {
        render(
            language,
            "anna@example.com",
            "Anna <Admin>",
            &Message::Welcome {
                name: "Anna <Admin>",
                staff: false,
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
                        staff: false,
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
        let headers = Headers {
            message_id: "<job-1.2@portico.example>".into(),
            in_reply_to: None,
            reply_to: None,
        };
        let m = build_message(
            &headers,
            "Portico <portal@portico.example>",
            &welcome(Language::Ru),
        )
        .expect("message");
        let raw = String::from_utf8(m.formatted()).expect("utf-8");
        assert!(raw.contains("multipart/alternative"), "{raw}");
        assert!(raw.contains("text/plain") && raw.contains("text/html"));
        assert!(raw.contains("Message-ID: <job-1.2@portico.example>"));
        assert!(!raw.contains("In-Reply-To") && !raw.contains("Reply-To"));
    }

    #[test]
    fn case_emails_answer_their_thread_and_reply_to_support() {
        let headers = Headers {
            message_id: "<case.abc123def456.7.0123456789abcdef0123@portico.example>".into(),
            in_reply_to: Some(
                "<case.abc123def456.root.0123456789abcdef0123@portico.example>".into(),
            ),
            reply_to: Some("Support <support@portico.example>".into()),
        };
        let m = build_message(
            &headers,
            "Portico <portal@portico.example>",
            &welcome(Language::En),
        )
        .expect("message");
        let raw = String::from_utf8(m.formatted()).expect("utf-8");
        let root = "<case.abc123def456.root.0123456789abcdef0123@portico.example>";
        assert!(raw.contains(&format!("In-Reply-To: {root}")), "{raw}");
        assert!(raw.contains(&format!("References: {root}")), "{raw}");
        assert!(
            raw.contains("Reply-To: Support <support@portico.example>"),
            "{raw}"
        );
    }
}
