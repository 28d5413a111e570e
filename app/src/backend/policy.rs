//! Every permission rule, as pure functions of the [`Actor`]. Server functions ask through
//! `auth::require(rule)`; UI guards elsewhere are cosmetic.
use crate::backend::auth::Actor;
use crate::domain::Role;

/// Companies and their contacts (add, edit, grant or revoke portal access, resend the welcome
/// email): support staff only.
pub fn can_manage_contacts(actor: &Actor) -> bool {
    matches!(actor, Actor::Staff { .. })
}

/// Opening a case in the portal: customer contacts, for their own company.
pub fn can_open_case(actor: &Actor) -> bool {
    matches!(actor, Actor::Customer { .. })
}

/// Uploading files (to a case being written, or, later, to a case one may see): customer
/// contacts and support staff.
pub fn can_attach_files(actor: &Actor) -> bool {
    !matches!(actor, Actor::Anonymous)
}

/// A case of company `account`: its own contacts and support staff. (Callers answer `NotFound`
/// otherwise, exactly as for a case that does not exist.)
pub fn can_view_case(actor: &Actor, account: crate::domain::AccountId) -> bool {
    match actor {
        Actor::Customer { account_id, .. } => *account_id == account,
        Actor::Staff { .. } => true,
        Actor::Anonymous => false,
    }
}

/// Internal comments (reading and writing them): support staff only. Customers never receive one,
/// in any page, response or email.
pub fn can_see_internal_comments(actor: &Actor) -> bool {
    matches!(actor, Actor::Staff { .. })
}

/// Changing a case's status and resolution (which emails the solution and sends the survey):
/// support staff only.
pub fn can_update_case(actor: &Actor) -> bool {
    matches!(actor, Actor::Staff { .. })
}

/// The knowledge base (searching and reading published articles): everyone signed in.
pub fn can_read_knowledge(actor: &Actor) -> bool {
    !matches!(actor, Actor::Anonymous)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AccountId, UserId};

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
        type Rule = fn(&Actor) -> bool;
        // Expected answers for: anonymous, customer, agent, admin.
        let rules: [(Rule, [bool; 4]); 9] = [
            (can_open_case, [false, true, false, false]),
            (can_attach_files, [false, true, true, true]),
            (can_see_internal_comments, [false, false, true, true]),
            (can_update_case, [false, false, true, true]),
            (can_read_knowledge, [false, true, true, true]),
            (can_attach_articles, [false, false, true, true]),
            (can_manage_contacts, [false, false, true, true]),
            (can_change_contact_limit, [false, false, false, true]),
            (can_read_mail, [false, false, false, true]),
        ];
        for (rule, expected) in rules {
            let got = [&Actor::Anonymous, &customer, &agent, &admin].map(rule);
            assert_eq!(got, expected);
        }
        let own = AccountId(1);
        let other = AccountId(2);
        assert!(can_view_case(&customer, own) && !can_view_case(&customer, other));
        assert!(can_view_case(&agent, other) && can_view_case(&admin, own));
        assert!(!can_view_case(&Actor::Anonymous, own));
    }
}
