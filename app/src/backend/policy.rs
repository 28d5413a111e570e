//! Every permission rule, as pure functions of the [`Actor`]. Server functions ask through
//! `auth::require(rule)`; UI guards elsewhere are cosmetic.
use crate::backend::auth::Actor;
use crate::domain::Role;

/// Companies and their contacts (add, edit, grant or revoke portal access, resend the welcome
/// email): support staff only.
pub fn can_manage_contacts(actor: &Actor) -> bool {
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
        let rules: [(Rule, [bool; 4]); 3] = [
            (can_manage_contacts, [false, false, true, true]),
            (can_change_contact_limit, [false, false, false, true]),
            (can_read_mail, [false, false, false, true]),
        ];
        for (rule, expected) in rules {
            let got = [&Actor::Anonymous, &customer, &agent, &admin].map(rule);
            assert_eq!(got, expected);
        }
    }
}
