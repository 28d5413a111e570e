//! Every permission rule, as pure functions of the [`Actor`]: one named rule per action. Services
//! ask them (through [`require`] and [`authorize`], which turn a "no" into the right error); the
//! doors in front (server functions, axum routes) only find out who is asking. UI guards elsewhere
//! are cosmetic.
use crate::backend::auth::Actor;
use crate::domain::{AccountId, Role, UserId};
use crate::error::AppError;

/// Which companies' cases a list may show: one company's, or every company's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Only this company's cases.
    Company(AccountId),
    /// Every company's cases (support staff).
    All,
}

/// `Ok(who)` when `allowed`; otherwise `Unauthenticated` for nobody and `Forbidden` for someone.
pub fn authorize(actor: &Actor, allowed: bool) -> Result<UserId, AppError> {
    let who = actor.signed_in()?;
    if allowed {
        Ok(who)
    } else {
        Err(AppError::Forbidden)
    }
}

/// [`authorize`] with a rule that needs nothing but the actor.
pub fn require(actor: &Actor, rule: fn(&Actor) -> bool) -> Result<UserId, AppError> {
    authorize(actor, rule(actor))
}

/// Companies and their contacts (add, edit, grant or revoke portal access, resend the welcome
/// email): support staff only.
pub fn can_manage_contacts(actor: &Actor) -> bool {
    matches!(actor, Actor::Staff { .. })
}

/// Product suggestions (the new-case form's autocomplete): everyone signed in.
pub fn can_look_up_products(actor: &Actor) -> bool {
    !matches!(actor, Actor::Anonymous)
}

/// Opening a case in the portal: customer contacts, for their own company.
pub fn can_open_case(actor: &Actor) -> bool {
    matches!(actor, Actor::Customer { .. })
}

/// Keeping the shared canned replies and inserting one into a case: support staff.
pub fn can_keep_canned_replies(actor: &Actor) -> bool {
    matches!(actor, Actor::Staff { .. })
}

/// Logging a case for a contact of any company (taken by phone or email): support staff.
pub fn can_log_case_for_customer(actor: &Actor) -> bool {
    matches!(actor, Actor::Staff { .. })
}

/// Choosing among earlier files for a new case (the picker's lists of the company's files):
/// customer contacts, who open cases.
pub fn can_pick_files(actor: &Actor) -> bool {
    can_open_case(actor)
}

/// Uploading files (to a case being written, or to a case one may see): customer contacts and
/// support staff.
pub fn can_attach_files(actor: &Actor) -> bool {
    !matches!(actor, Actor::Anonymous)
}

/// Following a file one may see (an email on each new version or its removal): everyone signed
/// in; which files, `access::visible_attachment` decides.
pub fn can_follow_files(actor: &Actor) -> bool {
    !matches!(actor, Actor::Anonymous)
}

/// A new version of a case's file, or removing it (every version): support staff, or the contact
/// who uploaded the version shown.
pub fn can_change_file(actor: &Actor, uploader: UserId) -> bool {
    match *actor {
        Actor::Staff { .. } => true,
        Actor::Customer { user_id, .. } => user_id == uploader,
        Actor::Anonymous => false,
    }
}

/// Which cases a case list may show `actor`: customers their own company's, staff every
/// company's, nobody none.
pub fn case_scope(actor: &Actor) -> Option<Scope> {
    match *actor {
        Actor::Customer { account_id, .. } => Some(Scope::Company(account_id)),
        Actor::Staff { .. } => Some(Scope::All),
        Actor::Anonymous => None,
    }
}

/// A case of company `account`: its own contacts and support staff. (Callers answer `NotFound`
/// otherwise, exactly as for a case that does not exist.)
pub fn can_view_case(actor: &Actor, account: AccountId) -> bool {
    match case_scope(actor) {
        Some(Scope::All) => true,
        Some(Scope::Company(own)) => own == account,
        None => false,
    }
}

/// Following a case of company `account` (an email on every update): whoever may see it.
pub fn can_follow_case(actor: &Actor, account: AccountId) -> bool {
    can_view_case(actor, account)
}

/// A file: one on a case of company `case_account`, for whoever may see that case; one no case
/// holds yet (a pending upload), for the person who uploaded it.
pub fn can_view_attachment(
    actor: &Actor,
    case_account: Option<AccountId>,
    uploader: UserId,
) -> bool {
    match case_account {
        Some(account) => can_view_case(actor, account),
        None => actor.signed_in().is_ok_and(|me| me == uploader),
    }
}

/// The one rule for internal comments: a reader with `role` may read a comment that is `public`,
/// and an internal one only as support staff. The page's query, the notification fan-out and the
/// email worker all ask it, so a customer never receives an internal comment anywhere.
pub fn can_read_comment(role: Role, public: bool) -> bool {
    public || role != Role::Customer
}

/// Hearing on a live page that a case of company `account` changed: whoever may see the case; of
/// an internal change (`internal`, an internal comment) only who may read one
/// ([`can_read_comment`]).
pub fn can_hear_change(actor: &Actor, account: AccountId, internal: bool) -> bool {
    can_view_case(actor, account)
        && actor
            .role()
            .is_some_and(|role| can_read_comment(role, !internal))
}

/// Internal comments (reading and writing them): support staff only ([`can_read_comment`]).
pub fn can_see_internal_comments(actor: &Actor) -> bool {
    actor
        .role()
        .is_some_and(|role| can_read_comment(role, false))
}

/// Commenting on a case of company `account`: whoever may see the case; an internal comment only
/// those who may read one.
pub fn can_comment(actor: &Actor, account: AccountId, internal: bool) -> bool {
    can_view_case(actor, account) && (!internal || can_see_internal_comments(actor))
}

/// Changing a case's status and resolution (which emails the solution and sends the survey):
/// support staff only.
pub fn can_update_case(actor: &Actor) -> bool {
    matches!(actor, Actor::Staff { .. })
}

/// A customer's own "My problem is solved" and "Reopen" on a case of company `account`: its
/// contacts only (support changes a status through [`can_update_case`]).
pub fn can_settle_case(actor: &Actor, account: AccountId) -> bool {
    matches!(*actor, Actor::Customer { account_id, .. } if account_id == account)
}

/// The queue (open cases of every company, with their filters and counts): support staff only.
pub fn can_work_queue(actor: &Actor) -> bool {
    can_update_case(actor)
}

/// Choosing one's desk emails (every new case, customer replies on one's cases): support staff.
pub fn can_choose_desk_emails(actor: &Actor) -> bool {
    can_update_case(actor)
}

/// Asking for portal access: people without an account (for themselves) and customers (for a
/// colleague). Staff add contacts directly.
pub fn can_request_access(actor: &Actor) -> bool {
    matches!(actor, Actor::Anonymous | Actor::Customer { .. })
}

/// Approving or declining requests for portal access: support staff (who manage contacts).
pub fn can_handle_access_requests(actor: &Actor) -> bool {
    can_manage_contacts(actor)
}

/// One's own language and time zone: everyone signed in.
pub fn can_change_own_settings(actor: &Actor) -> bool {
    !matches!(actor, Actor::Anonymous)
}

/// A case's history (status, priority, assignee, resolution, comments): support staff only.
pub fn can_read_history(actor: &Actor) -> bool {
    can_see_internal_comments(actor)
}

/// Answering a case's satisfaction survey: only the person it was sent to.
pub fn can_answer_survey(actor: &Actor, invited: UserId) -> bool {
    actor.signed_in().is_ok_and(|me| me == invited)
}

/// Answering a survey through the emailed link, signed in or not: whoever holds a link that has not
/// expired. The link is a 256-bit secret sent only to the invited contact (contacts without portal
/// access answer this way), and it answers only that one invitation.
pub fn can_answer_survey_by_link(
    expires_at: Option<chrono::DateTime<chrono::Utc>>,
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    expires_at.is_some_and(|at| now < at)
}

/// Whether a case's emails (updates, comments, the survey) still reach someone: a customer
/// contact with or without portal access (the Dutch guide: contacts beyond the company's limit
/// are kept up to date by email), a staff member only while active.
pub fn receives_case_email(role: Role, active: bool) -> bool {
    role == Role::Customer || active
}

/// Who an email from a case's thread may come from to become a comment (the peers' flaw, a crafted
/// `In-Reply-To` from anyone, closed): the case's contact, a follower, or another contact of the
/// same company; never staff (a customer's mail client could forge their address). `sender`'s role
/// and company; `follower`: they follow the case. Anything else is held for staff.
pub fn can_reply_by_mail(
    sender: UserId,
    role: Role,
    company: Option<AccountId>,
    follower: bool,
    case_contact: UserId,
    case_account: AccountId,
) -> bool {
    role == Role::Customer && (sender == case_contact || follower || company == Some(case_account))
}

/// Who may open a case by email: a contact of a customer company (with or without portal
/// access); staff mail without a case reference is held.
pub fn can_open_case_by_mail(role: Role, company: Option<AccountId>) -> bool {
    role == Role::Customer && company.is_some()
}

/// The inbound mailbox (held and failed messages: accept, reject, download the raw message):
/// support staff.
pub fn can_handle_inbound_mail(actor: &Actor) -> bool {
    matches!(actor, Actor::Staff { .. })
}

/// The knowledge base (searching and reading published articles): everyone signed in.
pub fn can_read_knowledge(actor: &Actor) -> bool {
    !matches!(actor, Actor::Anonymous)
}

/// Writing the knowledge base (articles, drafts, their list with readers' votes): support staff.
pub fn can_write_articles(actor: &Actor) -> bool {
    matches!(actor, Actor::Staff { .. })
}

/// Rating an article ("Was this helpful?"): everyone signed in, once per person (changeable).
pub fn can_rate_articles(actor: &Actor) -> bool {
    !matches!(actor, Actor::Anonymous)
}

/// Reading published articles: everyone signed in, and anyone when admins made the knowledge
/// base `public` (suggestions on the new-case form, rating and writing stay for people signed in).
pub fn can_read_published_articles(actor: &Actor, public: bool) -> bool {
    public || can_read_knowledge(actor)
}

/// A knowledge article's file (a picture, a download, a video): as its article, so a published
/// article's for its readers (anyone when the knowledge base is `public`), a draft's for the staff
/// who write articles.
pub fn can_view_article_file(actor: &Actor, published: bool, public: bool) -> bool {
    if published {
        can_read_published_articles(actor, public)
    } else {
        can_write_articles(actor)
    }
}

/// Settings of the whole portal (the public knowledge base): administrators only.
pub fn can_change_settings(actor: &Actor) -> bool {
    can_change_contact_limit(actor)
}

/// Attaching knowledge articles to a case and detaching them: support staff only.
pub fn can_attach_articles(actor: &Actor) -> bool {
    matches!(actor, Actor::Staff { .. })
}

/// A company's portal contact limit: administrators only.
pub fn can_change_contact_limit(actor: &Actor) -> bool {
    matches!(
        actor,
        Actor::Staff {
            role: Role::Admin,
            ..
        }
    )
}

/// The dev mailbox and the outbox (they hold other people's emails): administrators only.
pub fn can_read_mail(actor: &Actor) -> bool {
    can_change_contact_limit(actor)
}

/// The audit log (who signed in, changed a role, a setting, two-factor sign-in): administrators
/// only.
pub fn can_read_audit(actor: &Actor) -> bool {
    can_change_contact_limit(actor)
}

/// Registering identity providers for single sign-on (who may sign in with them): administrators.
pub fn can_manage_identity_providers(actor: &Actor) -> bool {
    can_change_contact_limit(actor)
}

/// Webhooks (where events of every company's cases are sent, signed): administrators.
pub fn can_manage_webhooks(actor: &Actor) -> bool {
    can_change_contact_limit(actor)
}

/// Personal access tokens for the REST API (each acts as its person, with their rights): everyone
/// signed in, for themselves.
pub fn can_keep_api_tokens(actor: &Actor) -> bool {
    !matches!(actor, Actor::Anonymous)
}

/// Downloading everything Portico holds about a person: support staff.
pub fn can_export_personal_data(actor: &Actor) -> bool {
    matches!(actor, Actor::Staff { .. })
}

/// Erasing a person's personal data: administrators only.
pub fn can_erase_personal_data(actor: &Actor) -> bool {
    can_change_contact_limit(actor)
}

/// Staff accounts (add agents and admins, change a role, deactivate): administrators only.
pub fn can_manage_staff(actor: &Actor) -> bool {
    can_change_contact_limit(actor)
}

/// The product catalog (add, rename, switch off and on, import): administrators only.
pub fn can_manage_products(actor: &Actor) -> bool {
    can_change_contact_limit(actor)
}

/// The satisfaction report (per agent, product and month, with its CSV): administrators only.
pub fn can_read_satisfaction(actor: &Actor) -> bool {
    can_change_contact_limit(actor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_actor_against_each_rule() {
        let customer = Actor::Customer {
            user_id: UserId(1),
            account_id: AccountId(1),
        };
        let agent = Actor::Staff {
            user_id: UserId(2),
            role: Role::Agent,
        };
        let admin = Actor::Staff {
            user_id: UserId(3),
            role: Role::Admin,
        };
        let actors = [&Actor::Anonymous, &customer, &agent, &admin];
        type Rule = fn(&Actor) -> bool;
        // Expected answers for: anonymous, customer, agent, admin.
        let rules: [(Rule, [bool; 4]); 33] = [
            (can_request_access, [true, true, false, false]),
            (can_handle_access_requests, [false, false, true, true]),
            (can_change_own_settings, [false, true, true, true]),
            (can_read_satisfaction, [false, false, false, true]),
            (can_keep_canned_replies, [false, false, true, true]),
            (can_log_case_for_customer, [false, false, true, true]),
            (can_choose_desk_emails, [false, false, true, true]),
            (can_work_queue, [false, false, true, true]),
            (can_read_history, [false, false, true, true]),
            (can_look_up_products, [false, true, true, true]),
            (can_open_case, [false, true, false, false]),
            (can_pick_files, [false, true, false, false]),
            (can_attach_files, [false, true, true, true]),
            (can_see_internal_comments, [false, false, true, true]),
            (can_update_case, [false, false, true, true]),
            (can_read_knowledge, [false, true, true, true]),
            (can_attach_articles, [false, false, true, true]),
            (can_write_articles, [false, false, true, true]),
            (can_rate_articles, [false, true, true, true]),
            (can_manage_contacts, [false, false, true, true]),
            (can_change_contact_limit, [false, false, false, true]),
            (can_read_mail, [false, false, false, true]),
            (can_manage_products, [false, false, false, true]),
            (can_manage_staff, [false, false, false, true]),
            (can_change_settings, [false, false, false, true]),
            (can_read_audit, [false, false, false, true]),
            (can_export_personal_data, [false, false, true, true]),
            (can_erase_personal_data, [false, false, false, true]),
            (
                |a| can_read_published_articles(a, true),
                [true, true, true, true],
            ),
            (
                |a| can_read_published_articles(a, false),
                [false, true, true, true],
            ),
            (
                |a| can_view_article_file(a, true, true),
                [true, true, true, true],
            ),
            (
                |a| can_view_article_file(a, true, false),
                [false, true, true, true],
            ),
            (
                |a| can_view_article_file(a, false, true),
                [false, false, true, true],
            ),
        ];
        for (rule, expected) in rules {
            assert_eq!(actors.map(rule), expected);
        }
        let own = AccountId(1);
        let other = AccountId(2);
        // Rules about one company's case: (own company's, another company's) per actor.
        type CaseRule = fn(&Actor, AccountId) -> bool;
        let case_rules: [(CaseRule, [[bool; 2]; 4]); 7] = [
            (
                can_settle_case,
                [
                    [false, false],
                    [true, false],
                    [false, false],
                    [false, false],
                ],
            ),
            (
                can_view_case,
                [[false, false], [true, false], [true, true], [true, true]],
            ),
            (
                can_follow_case,
                [[false, false], [true, false], [true, true], [true, true]],
            ),
            (
                |a, c| can_comment(a, c, false),
                [[false, false], [true, false], [true, true], [true, true]],
            ),
            (
                |a, c| can_comment(a, c, true),
                [[false, false], [false, false], [true, true], [true, true]],
            ),
            (
                |a, c| can_hear_change(a, c, false),
                [[false, false], [true, false], [true, true], [true, true]],
            ),
            (
                |a, c| can_hear_change(a, c, true),
                [[false, false], [false, false], [true, true], [true, true]],
            ),
        ];
        for (rule, expected) in case_rules {
            assert_eq!(actors.map(|a| [rule(a, own), rule(a, other)]), expected);
        }
        assert_eq!(
            actors.map(case_scope),
            [
                None,
                Some(Scope::Company(own)),
                Some(Scope::All),
                Some(Scope::All)
            ]
        );
        // Files: on own company's case, on another's, own pending upload, someone else's pending.
        let files = |a: &Actor| {
            [
                can_view_attachment(a, Some(own), UserId(9)),
                can_view_attachment(a, Some(other), UserId(9)),
                can_view_attachment(a, None, a.signed_in().unwrap_or(UserId(0))),
                can_view_attachment(a, None, UserId(9)),
            ]
        };
        assert_eq!(
            actors.map(files),
            [
                [false, false, false, false],
                [true, false, true, false],
                [true, true, true, false],
                [true, true, true, false],
            ]
        );
        // Surveys: only the invited person.
        assert!(can_answer_survey(&customer, UserId(1)));
        assert!(!can_answer_survey(&customer, UserId(2)) && !can_answer_survey(&agent, UserId(1)));
        assert!(!can_answer_survey(&Actor::Anonymous, UserId(0)));
        let now = chrono::Utc::now();
        let later = now + chrono::Duration::days(1);
        assert!(can_answer_survey_by_link(Some(later), now));
        assert!(
            !can_answer_survey_by_link(Some(now), now),
            "expired at that instant"
        );
        assert!(!can_answer_survey_by_link(None, now), "no link was made");
        // Case emails: customers with or without portal access; staff while active.
        assert!(
            receives_case_email(Role::Customer, true) && receives_case_email(Role::Customer, false)
        );
        assert!(receives_case_email(Role::Agent, true) && !receives_case_email(Role::Agent, false));
        assert!(!receives_case_email(Role::Admin, false));
        // The internal-comment rule itself.
        assert!(can_read_comment(Role::Customer, true) && !can_read_comment(Role::Customer, false));
        assert!(can_read_comment(Role::Agent, false) && can_read_comment(Role::Admin, false));
        // The errors a "no" turns into.
        assert_eq!(
            require(&Actor::Anonymous, can_read_knowledge),
            Err(AppError::Unauthenticated)
        );
        assert_eq!(
            require(&customer, can_update_case),
            Err(AppError::Forbidden)
        );
        assert_eq!(require(&agent, can_update_case), Ok(UserId(2)));
    }
}
