//! Sign-in emails: the welcome link and the temporary password. Both carry a secret, which the
//! dev mailbox hides from everyone but the recipient.
use super::layout::{Block, assemble};
use super::{OutgoingEmail, locale};
use crate::domain::support::SupportContact;
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

/// The ways to reach support besides the portal, as lines of an email (none when none is set).
fn support_lines(l: crate::i18n::Locale, support: &SupportContact) -> Vec<Block> {
    let mut lines = Vec::new();
    if !support.phone.is_empty() {
        let phone = support.phone.as_str();
        lines.push(Block::Text(
            td_string!(l, email_access_by_phone, phone = phone).to_string(),
        ));
    }
    if !support.email.is_empty() {
        let email = support.email.as_str();
        lines.push(Block::Text(
            td_string!(l, email_access_by_email, email = email).to_string(),
        ));
    }
    if !lines.is_empty() {
        lines.insert(
            0,
            Block::Text(td_string!(l, email_access_meanwhile).to_string()),
        );
    }
    lines
}

/// "We received your request for portal access" to whoever asked (or was asked for).
pub fn render_access_received(
    language: Language,
    to: &str,
    name: &str,
    company: &str,
    support: &SupportContact,
) -> OutgoingEmail {
    let l = locale(language);
    let mut blocks = vec![
        Block::Text(td_string!(l, email_greeting, name = name).to_string()),
        Block::Text(td_string!(l, email_access_received_body, company = company).to_string()),
    ];
    blocks.extend(support_lines(l, support));
    assemble(
        language,
        to,
        name,
        td_string!(l, email_access_received_subject).to_string(),
        &blocks,
    )
}

/// "You already have access": the answer to a request for an address that has an account.
pub fn render_access_has_account(
    language: Language,
    to: &str,
    name: &str,
    sign_in: &str,
    forgot: &str,
) -> OutgoingEmail {
    let l = locale(language);
    let blocks = [
        Block::Text(td_string!(l, email_greeting, name = name).to_string()),
        Block::Text(td_string!(l, email_access_existing_body).to_string()),
        Block::Text(td_string!(l, email_username, email = to).to_string()),
        Block::Button {
            label: td_string!(l, email_sign_in_button).to_string(),
            url: sign_in.to_string(),
        },
        Block::Button {
            label: td_string!(l, email_forgot_button).to_string(),
            url: forgot.to_string(),
        },
    ];
    assemble(
        language,
        to,
        name,
        td_string!(l, email_access_existing_subject).to_string(),
        &blocks,
    )
}

/// A declined request, with the reason support gave.
pub fn render_access_declined(
    language: Language,
    to: &str,
    name: &str,
    reason: &str,
    support: &SupportContact,
) -> OutgoingEmail {
    let l = locale(language);
    let mut blocks = vec![
        Block::Text(td_string!(l, email_greeting, name = name).to_string()),
        Block::Text(td_string!(l, email_access_declined_body).to_string()),
        Block::Text(td_string!(l, email_access_declined_reason, reason = reason).to_string()),
    ];
    blocks.extend(support_lines(l, support));
    assemble(
        language,
        to,
        name,
        td_string!(l, email_access_declined_subject).to_string(),
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
