//! The support desk's changes to a case: status, priority, assignee and resolution, from support's
//! "Update case" form, "Assign to me" and the queue's bulk assignment, the customer's own "My
//! problem is solved" and "Reopen", and the automatic close of solved cases. Every one of them goes
//! through [`apply`], which writes the history and the emails with the change, in one transaction.
use crate::backend::access::visible_case;
use crate::backend::auth::Actor;
use crate::backend::jobs::Job;
use crate::backend::policy;
use crate::backend::state::AppState;
use crate::backend::store::{CaseDetailRow, CaseEdit, CaseUpdate, NewEvent, Store, StoreError};
use crate::domain::case_page::{EventKind, EventView, Settle, excerpt};
use crate::domain::surveys::RESOLUTION_MAX;
use crate::domain::{CaseId, CaseStatus, Priority, Role, UserId};
use crate::error::AppError;
use crate::messages::MessageKey;

/// A case's desk fields after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Status.
    pub status: CaseStatus,
    /// Priority.
    pub priority: Priority,
    /// Assignee.
    pub assignee: Option<UserId>,
    /// Resolution.
    pub resolution: String,
}

impl Change {
    /// The fields as they are now.
    pub fn of(case: &CaseDetailRow) -> Self {
        Self {
            status: case.status,
            priority: case.priority,
            assignee: case.assignee_id,
            resolution: case.resolution.clone(),
        }
    }
}

/// Writes `change` to `case` by `actor` (`None`: Portico itself), with its history and emails;
/// `Ok(false)` when nothing changed.
///
/// Emails: a new status goes to the contact, the followers and the assignee, never to the one who
/// made the change ("solved" carries the resolution; "closed" is the contact's survey invitation,
/// sent once per case); a new assignee hears that the case is theirs, unless they took it
/// themselves.
pub async fn apply(
    state: &AppState,
    case: &CaseDetailRow,
    actor: Option<UserId>,
    change: Change,
) -> Result<bool, AppError> {
    let before = Change::of(case);
    if before == change {
        return Ok(false);
    }
    let mut events = Vec::new();
    if change.status != before.status {
        events.push(NewEvent {
            kind: EventKind::Status,
            old_value: before.status.code().into(),
            new_value: change.status.code().into(),
            public: true,
        });
    }
    if change.priority != before.priority {
        events.push(NewEvent {
            kind: EventKind::Priority,
            old_value: before.priority.code().into(),
            new_value: change.priority.code().into(),
            public: false,
        });
    }
    if change.assignee != before.assignee {
        let name = async |who: Option<UserId>| -> Result<String, AppError> {
            Ok(match who {
                Some(id) => state.store.get_user(id).await?.name,
                None => String::new(),
            })
        };
        events.push(NewEvent {
            kind: EventKind::Assignee,
            old_value: name(before.assignee).await?,
            new_value: name(change.assignee).await?,
            public: false,
        });
    }
    if change.resolution != before.resolution {
        events.push(NewEvent {
            kind: EventKind::Resolution,
            old_value: String::new(),
            new_value: change.resolution.clone(),
            public: true,
        });
    }
    let new = change.status;
    let old = before.status;
    // Everyone told about a change of status: the contact, the followers and the assignee.
    let mut told = Vec::new();
    if new != old {
        told.push(case.contact_id);
        for follower in state.store.case_followers(case.id).await? {
            if !told.contains(&follower) {
                told.push(follower);
            }
        }
        if let Some(assignee) = change.assignee.filter(|a| !told.contains(a)) {
            told.push(assignee);
        }
        told.retain(|r| Some(*r) != actor);
    }
    let assigned = change
        .assignee
        .filter(|a| change.assignee != before.assignee && Some(*a) != actor);
    // A new assignee's email says it all (the status is in the case it links to).
    told.retain(|r| Some(*r) != assigned);
    let mut invite = None;
    if new == CaseStatus::Closed && old != CaseStatus::Closed {
        let contact = state.store.get_user(case.contact_id).await?;
        // With or without portal access: the emailed link answers without signing in.
        if contact.role == Role::Customer {
            invite = Some(case.contact_id);
        }
    }
    let now = chrono::Utc::now();
    let update = CaseUpdate {
        case_id: case.id,
        expected: old,
        status: new,
        priority: change.priority,
        assignee_id: change.assignee,
        resolution: change.resolution,
        actor,
        events,
        closed_at: (new == CaseStatus::Closed).then_some(now),
        invite,
        now,
    };
    let case_id = case.id;
    let jobs = move |invited: bool| {
        let surveyed = invite.filter(|_| invited);
        let mut jobs: Vec<Job> = told
            .iter()
            .filter(|r| Some(**r) != surveyed)
            .map(|r| status_job(new, case_id, *r))
            .collect();
        if let Some(contact) = surveyed {
            jobs.push(Job::CaseSurvey {
                case: case_id,
                recipient: contact,
            });
        }
        if let Some(assignee) = assigned {
            jobs.push(Job::CaseAssigned {
                case: case_id,
                recipient: assignee,
            });
        }
        jobs
    };
    state.store.update_case(&update, &jobs).await?;
    Ok(true)
}

/// The email of a new status: "a solution was proposed", or any other change.
fn status_job(new: CaseStatus, case: CaseId, recipient: UserId) -> Job {
    if new == CaseStatus::Solved {
        Job::CaseSolved { case, recipient }
    } else {
        Job::CaseStatus { case, recipient }
    }
}

/// An assignee as a form sends it: empty for nobody, "me", or a staff member's id; `None` when it
/// names no active staff member.
async fn parse_assignee(
    state: &AppState,
    me: UserId,
    text: &str,
) -> Result<Option<Option<UserId>>, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Some(None));
    }
    let id = if text == "me" {
        me
    } else {
        match text.parse::<i64>() {
            Ok(n) => UserId(n),
            Err(_) => return Ok(None),
        }
    };
    match state.store.get_user(id).await {
        Ok(u) if u.active && u.role.is_staff() => Ok(Some(Some(id))),
        Ok(_) | Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Support's "Update case" form: sets case `number`'s status, priority, assignee (see
/// [`parse_assignee`]) and resolution. A resolution is required to solve or close. Field errors:
/// `status`, `priority`, `assignee`, `resolution`. Returns the new status.
pub async fn update_case(
    state: &AppState,
    actor: &Actor,
    number: &str,
    fields: (&str, &str, &str, &str),
) -> Result<CaseStatus, AppError> {
    let (status, priority, assignee, resolution) = fields;
    // Asked before the case is read: a customer learns nothing, not even whether it exists.
    let author = policy::require(actor, policy::can_update_case)?;
    let case = visible_case(&state.store, actor, number).await?;
    let status = CaseStatus::from_code(status.trim())
        .ok_or_else(|| AppError::field("status", MessageKey::StatusInvalid))?;
    // A form from before priorities (or without the field) keeps the case's own.
    let priority = match priority.trim() {
        "" => case.priority,
        code => Priority::from_code(code)
            .ok_or_else(|| AppError::field("priority", MessageKey::PriorityInvalid))?,
    };
    // A deactivated assignee stays while the form keeps them (its list still shows them); they
    // cannot be chosen anew.
    let kept = case
        .assignee_id
        .filter(|current| assignee.trim() == current.0.to_string());
    let assignee = match kept {
        Some(current) => Some(current),
        None => parse_assignee(state, author, assignee)
            .await?
            .ok_or_else(|| AppError::field("assignee", MessageKey::AssigneeInvalid))?,
    };
    let resolution = crate::domain::clean_text(resolution);
    let resolution = resolution.as_str();
    if resolution.chars().count() > RESOLUTION_MAX {
        return Err(AppError::field("resolution", MessageKey::ResolutionLong));
    }
    if resolution.is_empty() && matches!(status, CaseStatus::Solved | CaseStatus::Closed) {
        return Err(AppError::field(
            "resolution",
            MessageKey::ResolutionRequired,
        ));
    }
    let change = Change {
        status,
        priority,
        assignee,
        resolution: resolution.to_string(),
    };
    apply(state, &case, Some(author), change).await?;
    Ok(status)
}

/// Support's edit of case `number`'s own fields: subject, description, product, country (the
/// same rules as a new case's) and contact (`input.contact`: the id of one of the company's
/// contacts, with portal access or without). Each change goes into the history. Field errors: `subject`,
/// `description`, `product`, `country`, `contact`. Returns whether anything changed.
pub async fn edit_case(
    state: &AppState,
    actor: &Actor,
    number: &str,
    input: &super::cases::CaseInput,
) -> Result<bool, AppError> {
    let author = policy::require(actor, policy::can_update_case)?;
    let case = visible_case(&state.store, actor, number).await?;
    let mut errors = crate::error::FieldErrors::new();
    let fields =
        super::cases::case_fields(&state.store, input, case.product_id, &mut errors).await?;
    let contacts = state.store.list_contacts(case.account_id).await?;
    let contact = input
        .contact
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| contacts.iter().find(|c| c.id.0 == id));
    if contact.is_none() {
        crate::error::add_field_error(&mut errors, "contact", MessageKey::ContactInvalid);
    }
    let Some(contact) = contact.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let mut events = Vec::new();
    let mut note = |kind, old: &str, new: &str| {
        if old != new {
            events.push(NewEvent {
                kind,
                old_value: old.to_string(),
                new_value: new.to_string(),
                public: true,
            });
        }
    };
    note(EventKind::Subject, &case.subject, &fields.subject);
    note(
        EventKind::Description,
        &excerpt(&case.description),
        &excerpt(&fields.description),
    );
    let product = fields.product.as_ref().map(|p| p.name.as_str());
    note(
        EventKind::Product,
        case.product_name.as_deref().unwrap_or(""),
        product.unwrap_or(""),
    );
    note(EventKind::Country, &case.country, &fields.country);
    note(EventKind::Contact, &case.contact_name, &contact.name);
    let same_text = case.description == fields.description;
    if events.is_empty() && same_text && contact.id == case.contact_id {
        return Ok(false);
    }
    let edit = CaseEdit {
        case_id: case.id,
        subject: fields.subject,
        description: fields.description,
        product_id: fields.product.map(|p| p.id),
        country: fields.country,
        contact_id: contact.id,
        actor: author,
        events,
        now: chrono::Utc::now(),
    };
    state.store.edit_case(&edit).await?;
    Ok(true)
}

/// The most cases one bulk assignment takes (a queue page).
pub const ASSIGN_MAX: usize = 100;

/// Assigns the cases `numbers` to `assignee` ("me", a staff member's id, or empty for nobody):
/// support's "Assign to me" and the queue's bulk action. A case that is not there is skipped, as
/// are those already assigned so. Field errors: `numbers` (none chosen), `assignee`. Returns how
/// many cases changed.
pub async fn assign(
    state: &AppState,
    actor: &Actor,
    numbers: &[String],
    assignee: &str,
) -> Result<usize, AppError> {
    let author = policy::require(actor, policy::can_update_case)?;
    let assignee = parse_assignee(state, author, assignee)
        .await?
        .ok_or_else(|| AppError::field("assignee", MessageKey::AssigneeInvalid))?;
    if numbers.is_empty() || numbers.len() > ASSIGN_MAX {
        return Err(AppError::field("numbers", MessageKey::CasesRequired));
    }
    let mut changed = 0;
    for number in numbers {
        let case = match visible_case(&state.store, actor, number).await {
            Ok(case) => case,
            Err(AppError::NotFound) => continue,
            Err(e) => return Err(e),
        };
        let change = Change {
            assignee,
            ..Change::of(&case)
        };
        if apply(state, &case, Some(author), change).await? {
            changed += 1;
        }
    }
    Ok(changed)
}

/// What a customer may do with `case` themselves.
pub fn settle_options(actor: &Actor, case: &CaseDetailRow) -> Settle {
    if !policy::can_settle_case(actor, case.account_id) {
        return Settle::default();
    }
    Settle {
        close: case.status != CaseStatus::Closed,
        reopen: case.status == CaseStatus::Solved,
    }
}

/// The customer's own "My problem is solved" (`close`) and "Reopen" (`reopen`, of a solved case)
/// on case `number`. Closing sends the survey, as support's close does; reopening moves the case
/// back to "in progress" and tells its assignee. Anything else is a `_form` error. Returns the new
/// status.
pub async fn settle(
    state: &AppState,
    actor: &Actor,
    number: &str,
    action: &str,
) -> Result<CaseStatus, AppError> {
    let case = visible_case(&state.store, actor, number).await?;
    let me = policy::authorize(actor, policy::can_settle_case(actor, case.account_id))?;
    let allowed = settle_options(actor, &case);
    let status = match action {
        "close" if allowed.close => CaseStatus::Closed,
        "reopen" if allowed.reopen => CaseStatus::InProgress,
        _ => return Err(AppError::field("_form", MessageKey::StatusInvalid)),
    };
    let change = Change {
        status,
        ..Change::of(&case)
    };
    apply(state, &case, Some(me), change).await?;
    Ok(status)
}

/// Closes solved cases whose last change is older than the configured number of days (which
/// sends their survey), a batch at a time; several workers may run it at once, since a case
/// already closed by another changes no more. Returns how many it closed.
pub async fn auto_close(state: &AppState) -> Result<usize, AppError> {
    let days = state.settings.auto_close_days;
    if days == 0 {
        return Ok(0);
    }
    let before = chrono::Utc::now() - chrono::Duration::days(i64::from(days));
    let mut closed = 0;
    for number in state.store.solved_before(before, 100).await? {
        let Some(case) = state.store.case_detail(number.0).await? else {
            continue;
        };
        if case.status != CaseStatus::Solved {
            continue;
        }
        let change = Change {
            status: CaseStatus::Closed,
            ..Change::of(&case)
        };
        match apply(state, &case, None, change).await {
            Ok(true) => closed += 1,
            Ok(false) => {}
            // Another worker (or a person) changed it a moment ago.
            Err(AppError::Validation(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(closed)
}

/// The history of a case for its page: every entry for staff, nothing for anyone else.
pub async fn history(
    state: &AppState,
    actor: &Actor,
    case: CaseId,
) -> Result<Vec<EventView>, AppError> {
    if !policy::can_read_history(actor) {
        return Ok(Vec::new());
    }
    Ok(state
        .store
        .case_events(case, true)
        .await?
        .into_iter()
        .map(|e| EventView {
            kind: e.kind,
            actor_name: e.actor_name,
            old_value: e.old_value,
            new_value: e.new_value,
            created_at: e.created_at.to_rfc3339(),
        })
        .collect())
}

/// Everyone a case may be assigned to: active staff, by name.
pub async fn assignable(store: &Store) -> Result<Vec<(UserId, String)>, AppError> {
    Ok(store
        .list_staff()
        .await?
        .into_iter()
        .filter(|s| s.active)
        .map(|s| (s.id, s.name))
        .collect())
}
