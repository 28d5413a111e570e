//! Sign-in emails: the welcome link and the temporary password. Both carry a secret, which the
//! dev mailbox hides from everyone but the recipient.
use super::layout::{Block, assemble};
use super::{OutgoingEmail, locale};
use crate::domain::{Language, escape_html as escape};
use crate::i18n::td_string;

/// Every message Portico sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message<'a> {
    /// Staff gave a contact portal access, or an admin added a staff member: a single-use link to
    /// set the password.
    Welcome {
        /// The person's name.
        name: &'a str,
        /// A staff member (the support desk), not a customer's contact (the portal).
        staff: bool,
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

/// The one answer a day to an address that is nobody's contact (`subject`: of their email): how
/// to get support, with a button to the portal.
pub fn render_not_registered(
    language: Language,
    to: &str,
    subject: &str,
    portal: &str,
) -> OutgoingEmail {
    let l = locale(language);
    let blocks = [
        Block::Text(td_string!(l, email_unknown_greeting).to_string()),
        Block::Text(td_string!(l, email_unknown_body, email = to, subject = subject).to_string()),
        Block::Text(td_string!(l, email_unknown_access).to_string()),
        Block::Button {
            label: td_string!(l, email_portal_button).to_string(),
            url: portal.to_string(),
        },
        Block::Text(td_string!(l, email_unknown_once).to_string()),
    ];
    assemble(
        language,
        to,
        "",
        td_string!(l, email_unknown_subject).to_string(),
        &blocks,
    )
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
            staff,
            email,
            link,
            hours,
        } => (
            if staff {
                td_string!(l, email_welcome_staff_subject).to_string()
            } else {
                td_string!(l, email_welcome_subject).to_string()
            },
            vec![
                Block::Text(td_string!(l, email_greeting, name = name).to_string()),
                Block::Text(if staff {
                    td_string!(l, email_welcome_staff_body).to_string()
                } else {
                    td_string!(l, email_welcome_body).to_string()
                }),
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
