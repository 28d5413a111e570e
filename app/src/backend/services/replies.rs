//! Canned replies: support keep shared answers, one language each
//! ([`policy::can_keep_canned_replies`]), and insert one into a case's reply box, its placeholders
//! filled in for that case.
use crate::backend::auth::Actor;
use crate::backend::policy;
use crate::backend::store::{CaseDetailRow, ReplyRow, ReplySave, Store};
use crate::domain::replies::{CannedReply, Filling, TITLE_MAX, fill};
use crate::domain::{CaseNumber, Language, ReplyId};
use crate::error::{AppError, FieldErrors, add_field_error};
use crate::messages::MessageKey;

/// The form as typed.
#[derive(Debug, Clone, Default)]
pub struct ReplyInput {
    /// The reply to change (empty: a new one).
    pub id: String,
    /// Title.
    pub title: String,
    /// Language code.
    pub language: String,
    /// Text.
    pub body: String,
}

impl ReplyInput {
    /// The fields by name, for a draft of the form.
    pub fn typed(&self) -> [(&'static str, &str); 4] {
        [
            ("reply_id", self.id.as_str()),
            ("title", self.title.as_str()),
            ("language", self.language.as_str()),
            ("body", self.body.as_str()),
        ]
    }
}

fn view(row: ReplyRow) -> CannedReply {
    CannedReply {
        id: row.id,
        title: row.title,
        language: row.language,
        body: row.body,
        updated_by: row.updated_by,
        updated_at: row.updated_at.to_rfc3339(),
    }
}

/// Every canned reply, by language and title.
pub async fn list(store: &Store, actor: &Actor) -> Result<Vec<CannedReply>, AppError> {
    policy::require(actor, policy::can_keep_canned_replies)?;
    Ok(store
        .canned_replies()
        .await?
        .into_iter()
        .map(view)
        .collect())
}

/// Adds a canned reply, or changes the one `input.id` names. Field errors: `title` (required, at
/// most [`TITLE_MAX`] characters, unique in its language), `language`, `body` (required, at most a
/// comment's length).
pub async fn save(store: &Store, actor: &Actor, input: &ReplyInput) -> Result<ReplyId, AppError> {
    let by = policy::require(actor, policy::can_keep_canned_replies)?;
    let mut errors = FieldErrors::new();
    let title = crate::domain::clean_line(&input.title);
    if title.is_empty() {
        add_field_error(&mut errors, "title", MessageKey::ReplyTitleRequired);
    } else if title.chars().count() > TITLE_MAX {
        add_field_error(&mut errors, "title", MessageKey::ReplyTitleLong);
    }
    let language = Language::from_code(input.language.trim());
    if language.is_none() {
        add_field_error(&mut errors, "language", MessageKey::LanguageChoose);
    }
    let body = input.body.trim().to_string();
    if body.is_empty() {
        add_field_error(&mut errors, "body", MessageKey::ReplyBodyRequired);
    } else if body.chars().count() > crate::domain::case_page::COMMENT_MAX {
        add_field_error(&mut errors, "body", MessageKey::CommentLong);
    }
    let id = match input.id.trim() {
        "" => None,
        id => Some(ReplyId(id.parse().map_err(|_| AppError::NotFound)?)),
    };
    let Some(language) = language.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let save = ReplySave {
        id,
        title,
        language,
        body,
        by,
        at: chrono::Utc::now(),
    };
    store
        .save_canned_reply(&save)
        .await
        .map_err(|e| e.on_constraint("title_folded", "title", MessageKey::ReplyTitleTaken))
}

/// Removes canned reply `id` (`NotFound` when it is gone).
pub async fn delete(store: &Store, actor: &Actor, id: ReplyId) -> Result<(), AppError> {
    policy::require(actor, policy::can_keep_canned_replies)?;
    if store.delete_canned_reply(id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// What the case page's "Insert" offers: every reply as "Title (EN)", those in the contact's
/// `language` first; and reply `chosen` filled in for `case` by `me`, if asked for and it exists.
pub async fn for_case(
    store: &Store,
    case: &CaseDetailRow,
    language: Language,
    me: &str,
    chosen: Option<ReplyId>,
) -> Result<(Vec<(ReplyId, String)>, Option<String>), AppError> {
    let mut rows = store.canned_replies().await?;
    rows.sort_by_key(|r| r.language != language);
    let filled = chosen
        .and_then(|id| rows.iter().find(|r| r.id == id))
        .map(|r| {
            fill(
                &r.body,
                &Filling {
                    contact: &case.contact_name,
                    number: Some(CaseNumber(case.number)),
                    subject: &case.subject,
                    company: &case.account_name,
                    agent: me,
                },
            )
        });
    let options = rows
        .into_iter()
        .map(|r| {
            let label = format!("{} ({})", r.title, r.language.code().to_uppercase());
            (r.id, label)
        })
        .collect();
    Ok((options, filled))
}
