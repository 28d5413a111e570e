//! The case emails (the seeds: confirmation with the number, every comment, the solution, the
//! survey invitation, other status changes), each in the one case frame: greeting, body, a button
//! to the case and the reminder to quote its number; the subject carries the thread reference.
use super::layout::{Block, assemble_with};
use super::{OutgoingEmail, locale};
use crate::domain::Language;
use crate::i18n::td_string;

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
    /// When it was opened, as the recipient writes dates in their zone.
    pub opened: &'a str,
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
        Block::Text(format!("{}: {}", td_string!(l, col_opened), m.opened)),
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
    /// The survey page's link (it answers without signing in).
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
        Block::Text(
            td_string!(
                l,
                email_survey_link_note,
                days = crate::domain::surveys::SURVEY_LINK_DAYS
            )
            .to_string(),
        ),
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
    /// The recipient is support staff (staff wording, no request for information).
    pub staff: bool,
    /// The case page.
    pub link: &'a str,
    /// The thread reference.
    pub thread_token: &'a str,
}

/// Renders a status change for `to` in `language`.
pub fn render_case_status(language: Language, to: &str, m: &CaseStatusMail) -> OutgoingEmail {
    let l = locale(language);
    let status = crate::messages::status_label_for(l, m.status, m.staff);
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
    if m.status == crate::domain::CaseStatus::AwaitingCustomer && !m.staff {
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

/// Where a followed file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilePlace<'a> {
    /// On a case.
    Case {
        /// The 8-digit number.
        number: &'a str,
        /// The case's subject.
        subject: &'a str,
        /// The thread reference.
        thread_token: &'a str,
    },
    /// In a knowledge article.
    Article {
        /// The 9-digit number.
        number: &'a str,
        /// Its title.
        title: &'a str,
    },
}

/// A followed file got a new version, or was removed, for one of its followers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChangedMail<'a> {
    /// The recipient's name.
    pub name: &'a str,
    /// Its case or article.
    pub place: FilePlace<'a>,
    /// The file's name (the new version's).
    pub file: &'a str,
    /// The new version's number; `None`: the file was removed.
    pub version: Option<i32>,
    /// Who did it (empty: an account since gone).
    pub by: &'a str,
    /// The file on its page.
    pub link: &'a str,
}

/// Renders a followed file's change for `to` in `language`: a case's as a case email (in the
/// case's thread), an article's as a plain one.
pub fn render_file_changed(language: Language, to: &str, m: &FileChangedMail) -> OutgoingEmail {
    let l = locale(language);
    let by = if m.by.is_empty() {
        td_string!(l, history_by_portico).to_string()
    } else {
        m.by.to_string()
    };
    let why = Block::Text(td_string!(l, email_file_why, file = m.file).to_string());
    match (m.place, m.version) {
        (
            FilePlace::Case {
                number,
                subject,
                thread_token,
            },
            version,
        ) => {
            let (title, intro) = match version {
                Some(version) => (
                    td_string!(
                        l,
                        email_file_version_subject,
                        number = number,
                        file = m.file
                    )
                    .to_string(),
                    td_string!(
                        l,
                        email_file_version_intro,
                        by = by,
                        version = version,
                        file = m.file,
                        number = number
                    )
                    .to_string(),
                ),
                None => (
                    td_string!(
                        l,
                        email_file_removed_subject,
                        number = number,
                        file = m.file
                    )
                    .to_string(),
                    td_string!(
                        l,
                        email_file_removed_intro,
                        by = by,
                        file = m.file,
                        number = number
                    )
                    .to_string(),
                ),
            };
            let blocks = vec![
                Block::Text(intro),
                Block::Text(format!("{}: {}", td_string!(l, field_subject), subject)),
                why,
            ];
            let button = td_string!(l, email_case_button).to_string();
            case_email(
                language,
                to,
                m.name,
                threaded(title, thread_token),
                blocks,
                (button, m.link),
            )
        }
        (FilePlace::Article { number, title }, _) => {
            // Articles' files have no versions: the one change to tell is removal.
            let subject = td_string!(
                l,
                email_article_file_removed_subject,
                number = number,
                file = m.file
            )
            .to_string();
            let blocks = vec![
                Block::Text(td_string!(l, email_greeting, name = m.name).to_string()),
                Block::Text(
                    td_string!(
                        l,
                        email_article_file_removed_intro,
                        by = by,
                        file = m.file,
                        title = title
                    )
                    .to_string(),
                ),
                why,
                Block::Button {
                    label: td_string!(l, email_article_button).to_string(),
                    url: m.link.to_string(),
                },
            ];
            super::layout::assemble(language, to, m.name, subject, &blocks)
        }
    }
}

/// "New case", for a staff member who asked for every new case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseNewMail<'a> {
    /// The recipient's name.
    pub name: &'a str,
    /// The 8-digit number.
    pub number: &'a str,
    /// The case's subject.
    pub subject: &'a str,
    /// Its description.
    pub description: &'a str,
    /// Its product (empty: none chosen).
    pub product: &'a str,
    /// The contact who opened it.
    pub contact: &'a str,
    /// Their company.
    pub account: &'a str,
    /// The case page.
    pub link: &'a str,
    /// The thread reference.
    pub thread_token: &'a str,
}

/// Renders a new case for staff member `to` in `language`.
pub fn render_case_new(language: Language, to: &str, m: &CaseNewMail) -> OutgoingEmail {
    let l = locale(language);
    let subject = threaded(
        td_string!(
            l,
            email_new_case_subject,
            number = m.number,
            account = m.account,
            subject = m.subject
        ),
        m.thread_token,
    );
    let mut blocks = vec![
        Block::Text(
            td_string!(
                l,
                email_new_case_intro,
                contact = m.contact,
                account = m.account,
                number = m.number
            )
            .to_string(),
        ),
        Block::Text(format!("{}: {}", td_string!(l, field_subject), m.subject)),
    ];
    if !m.product.is_empty() {
        blocks.push(Block::Text(format!(
            "{}: {}",
            td_string!(l, field_product),
            m.product
        )));
    }
    if !m.description.is_empty() {
        blocks.push(Block::Text(m.description.to_string()));
    }
    let button = td_string!(l, email_case_button).to_string();
    case_email(language, to, m.name, subject, blocks, (button, m.link))
}

/// "Case … is now assigned to you", for support staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseAssignedMail<'a> {
    /// The recipient's name.
    pub name: &'a str,
    /// The 8-digit number.
    pub number: &'a str,
    /// The case's subject.
    pub subject: &'a str,
    /// Its priority.
    pub priority: crate::domain::Priority,
    /// The case page.
    pub link: &'a str,
    /// The thread reference.
    pub thread_token: &'a str,
}

/// Renders an assignment for `to` in `language`.
pub fn render_case_assigned(language: Language, to: &str, m: &CaseAssignedMail) -> OutgoingEmail {
    let l = locale(language);
    let subject = threaded(
        td_string!(
            l,
            email_assigned_subject,
            number = m.number,
            subject = m.subject
        ),
        m.thread_token,
    );
    let blocks = vec![
        Block::Text(td_string!(l, email_assigned_intro, number = m.number).to_string()),
        Block::Text(format!("{}: {}", td_string!(l, field_subject), m.subject)),
        Block::Text(format!(
            "{}: {}",
            td_string!(l, field_priority),
            crate::messages::priority_label(l, m.priority)
        )),
    ];
    let button = td_string!(l, email_case_button).to_string();
    case_email(language, to, m.name, subject, blocks, (button, m.link))
}

/// A case email: the marked line that a reply is written above (what a reply quotes below it is
/// cut, `inbound::new_text`), the greeting, `body`, a button (label, address) to the case, the
/// reminder to quote the case number, and the footer inviting a reply.
fn case_email(
    language: Language,
    to: &str,
    name: &str,
    subject: String,
    body: Vec<Block>,
    (label, url): (String, &str),
) -> OutgoingEmail {
    let l = locale(language);
    let mut blocks = vec![
        Block::Text(td_string!(l, email_reply_marker).to_string()),
        Block::Text(td_string!(l, email_greeting, name = name).to_string()),
    ];
    blocks.extend(body);
    blocks.push(Block::Button {
        label,
        url: url.to_string(),
    });
    blocks.push(Block::Text(td_string!(l, email_case_quote).to_string()));
    let footer = td_string!(l, email_case_footer).to_string();
    assemble_with(language, to, name, subject, &blocks, footer)
}

/// A case email's subject with its thread reference, which replies keep.
fn threaded(subject: impl std::fmt::Display, token: &str) -> String {
    format!("{subject} [ref:{token}]")
}
