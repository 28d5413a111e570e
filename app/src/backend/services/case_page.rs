//! The case page: the case for those who may see it (internal comments for staff only), comments
//! with their notifications, and following.
use crate::backend::access::visible_case;
use crate::backend::auth::Actor;
use crate::backend::jobs::Job;
use crate::backend::policy;
use crate::backend::state::AppState;
use crate::backend::store::{CommentRow, NewComment, NewEvent};
use crate::domain::case_page::{
    COMMENT_MAX, CaseDetail, CaseReading, CommentView, DeskView, EventKind, excerpt,
};
use crate::domain::{CaseNumber, CaseStatus, CommentId};
use crate::error::AppError;
use crate::messages::MessageKey;

/// Comments one person may write per ten minutes.
pub const COMMENT_RATE: super::auth::Rate = (chrono::Duration::minutes(10), 30, None);

fn comment_view(row: CommentRow) -> CommentView {
    CommentView {
        id: row.id,
        author_name: row.author_name,
        by_support: row.author_role != crate::domain::Role::Customer,
        public: row.public,
        created_at: row.created_at.to_rfc3339(),
        body: row.body,
    }
}

/// The case's data for the page or the printable view.
pub async fn detail(
    state: &AppState,
    actor: &Actor,
    number: &str,
    reading: CaseReading,
    reply: Option<crate::domain::ReplyId>,
) -> Result<CaseDetail, AppError> {
    let user = actor.signed_in()?;
    let case = visible_case(&state.store, actor, number).await?;
    // Read before the case's data: a change committed in between is replayed, never missed.
    let live_after = state.store.last_change().await?;
    let internal = reading != CaseReading::Print && policy::can_see_internal_comments(actor);
    let record_view = reading == CaseReading::Page;
    let comments = state.store.case_comments(case.id, internal).await?;
    let following = state.store.case_followers(case.id).await?.contains(&user);
    let attachments = super::attachments::case_files(state, actor, case.id).await?;
    if record_view {
        // Noted, written a moment later off this request (`backend::views`).
        state.views.note(user, case.id, chrono::Utc::now());
    }
    let settle = super::desk::settle_options(actor, &case);
    // The printable view leaves the building: no history, no assignment.
    let desk = match reading {
        CaseReading::Page | CaseReading::Api => desk_view(state, actor, &case, user, reply).await?,
        CaseReading::Print => None,
    };
    Ok(CaseDetail {
        live_after,
        number: CaseNumber(case.number),
        subject: case.subject,
        status: case.status,
        description: case.description,
        product: case.product_name,
        resolution: case.resolution,
        origin: case.origin,
        country: case.country,
        opened_at: case.opened_at.to_rfc3339(),
        account_name: case.account_name,
        company_phone: case.company_phone,
        contact_name: case.contact_name,
        contact_phone: case.contact_phone,
        following,
        comments: comments.into_iter().map(comment_view).collect(),
        attachments,
        can_comment_internally: internal,
        max_upload_mb: state.settings.max_upload_mb,
        surveys: super::surveys::list(state, actor, case.id).await?,
        can_update: policy::can_update_case(actor),
        articles: super::knowledge::for_case(state, case.id).await?,
        can_attach_articles: policy::can_attach_articles(actor),
        priority: case.priority,
        assignee_name: case.assignee_name,
        settle,
        desk,
    })
}

/// Support's part of the case page (`None` for anyone else).
async fn desk_view(
    state: &AppState,
    actor: &Actor,
    case: &crate::backend::store::CaseDetailRow,
    me: crate::domain::UserId,
    reply: Option<crate::domain::ReplyId>,
) -> Result<Option<DeskView>, AppError> {
    if !policy::can_update_case(actor) {
        return Ok(None);
    }
    let (replies, reply) = if policy::can_keep_canned_replies(actor) {
        let contact = state.store.get_user(case.contact_id).await?;
        let my_name = state.store.get_user(me).await?.name;
        super::replies::for_case(&state.store, case, contact.language, &my_name, reply).await?
    } else {
        (Vec::new(), None)
    };
    let mut staff = super::desk::assignable(&state.store).await?;
    let assignee_inactive = match (case.assignee_id, &case.assignee_name) {
        (Some(id), Some(name)) if !staff.iter().any(|(s, _)| *s == id) => {
            staff.push((id, name.clone()));
            true
        }
        _ => false,
    };
    Ok(Some(DeskView {
        replies,
        reply,
        assignee: case.assignee_id,
        assigned_to_me: case.assignee_id == Some(me),
        staff,
        assignee_inactive,
        contact: case.contact_id,
        contacts: state
            .store
            .list_contacts(case.account_id)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect(),
        history: super::desk::history(state, actor, case.id).await?,
        mail: super::inbound::of_case(state, actor, case.id).await?,
    }))
}

/// Adds a comment. Customers write public comments; staff may mark one internal. Everyone who
/// follows the case and its contact get an email, except the author; an internal comment reaches
/// staff followers only. A customer's comment on a solved case, or on one awaiting them, moves it
/// back to "in progress" and tells the assignee. Field errors: `body`.
pub async fn add_comment(
    state: &AppState,
    actor: &Actor,
    number: &str,
    body: &str,
    internal: bool,
) -> Result<CommentView, AppError> {
    comment(state, actor, number, body, internal, None).await
}

/// A comment that an email makes: the inbound message (settled with the comment, exactly once)
/// and its files (the author's pending uploads, joining the case with it).
#[derive(Debug, Clone)]
pub struct CommentByMail {
    /// The message.
    pub source: crate::backend::store::MailSource,
    /// The files.
    pub attachments: Vec<crate::domain::AttachmentId>,
}

/// Adds the public comment that an email from `actor` (a contact) makes on case `number`: exactly
/// as [`add_comment`] (same rules, reopening and emails), with the message's files.
pub async fn add_comment_by_mail(
    state: &AppState,
    actor: &Actor,
    number: &str,
    body: &str,
    mail: CommentByMail,
) -> Result<CommentView, AppError> {
    comment(state, actor, number, body, false, Some(mail)).await
}

async fn comment(
    state: &AppState,
    actor: &Actor,
    number: &str,
    body: &str,
    internal: bool,
    mail: Option<CommentByMail>,
) -> Result<CommentView, AppError> {
    let case = visible_case(&state.store, actor, number).await?;
    let author = policy::authorize(actor, policy::can_comment(actor, case.account_id, internal))?;
    let body = crate::domain::clean_text(body);
    let body = body.as_str();
    if body.is_empty() {
        return Err(AppError::field("body", MessageKey::CommentRequired));
    }
    if body.chars().count() > COMMENT_MAX {
        return Err(AppError::field("body", MessageKey::CommentLong));
    }
    // Each comment emails the contact and every follower: one account cannot mail-bomb them.
    super::auth::throttle(
        state.store.as_ref(),
        crate::backend::store::AttemptKind::Comment,
        &author.to_string(),
        "any",
        COMMENT_RATE,
    )
    .await?;
    // A customer's answer to a solved case, or to one that awaited them, reopens it.
    let by_customer = matches!(actor, Actor::Customer { .. });
    let reopen = by_customer
        && matches!(
            case.status,
            CaseStatus::Solved | CaseStatus::AwaitingCustomer
        );
    let mut recipients = vec![case.contact_id];
    for follower in state.store.case_followers(case.id).await? {
        if !recipients.contains(&follower) {
            recipients.push(follower);
        }
    }
    // The assignee hears of customer replies when they asked to (and always of a reopening).
    if let Some(assignee) = case
        .assignee_id
        .filter(|a| by_customer && !recipients.contains(a))
        && (reopen || state.store.get_user(assignee).await?.notify_replies)
    {
        recipients.push(assignee);
    }
    recipients.retain(|r| *r != author);
    if internal {
        // Only those who may read it hear of it (the worker asks the same rule again).
        let mut readers = Vec::new();
        for r in recipients {
            if policy::can_read_comment(state.store.get_user(r).await?.role, false) {
                readers.push(r);
            }
        }
        recipients = readers;
    }
    let mut events = vec![NewEvent {
        kind: if internal {
            EventKind::InternalComment
        } else {
            EventKind::Comment
        },
        old_value: String::new(),
        new_value: excerpt(body),
        public: !internal,
    }];
    if reopen {
        events.push(NewEvent {
            kind: EventKind::Status,
            old_value: case.status.code().into(),
            new_value: CaseStatus::InProgress.code().into(),
            public: true,
        });
    }
    let now = chrono::Utc::now();
    let comment = NewComment {
        case_id: case.id,
        author_id: author,
        body: body.to_string(),
        public: !internal,
        created_at: now,
        reopen,
        events,
        attachments: mail
            .as_ref()
            .map(|m| m.attachments.clone())
            .unwrap_or_default(),
        from_mail: mail.map(|m| m.source),
    };
    let jobs = move |comment: CommentId| {
        recipients
            .iter()
            .map(|recipient| Job::CaseComment {
                comment,
                recipient: *recipient,
            })
            .collect()
    };
    let id = state.store.add_comment(&comment, &jobs).await?;
    let author_row = state.store.get_user(author).await?;
    Ok(CommentView {
        id,
        author_name: author_row.name,
        by_support: matches!(actor, Actor::Staff { .. }),
        public: !internal,
        created_at: now.to_rfc3339(),
        body: comment.body,
    })
}

/// Starts or stops the caller following the case (an email on every update).
pub async fn follow(
    state: &AppState,
    actor: &Actor,
    number: &str,
    on: bool,
) -> Result<bool, AppError> {
    let case = visible_case(&state.store, actor, number).await?;
    let user = policy::authorize(actor, policy::can_follow_case(actor, case.account_id))?;
    state.store.set_following(case.id, user, on).await?;
    Ok(on)
}
