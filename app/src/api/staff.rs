//! Staff screens: companies, their contacts and portal access; staff accounts; the admin mail page.
use crate::domain::staff::{
    AccountDetail, AccountSummary, ContactInfo, MailDetail, Mailbox, StaffInfo,
};
use crate::domain::{AccountId, UserId};
use crate::error::AppError;
use leptos::prelude::*;

/// The companies whose name, phone or country contains `q` (every one when it is empty), with
/// their contact counts. Staff only.
#[server(endpoint = "list_accounts")]
pub async fn list_accounts(#[server(default)] q: String) -> Result<Vec<AccountSummary>, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::accounts::find_accounts(state.store.as_ref(), &actor, &q)
        .await
        .map_err(respond_with)
}

/// Adds a company; the browser goes on to its page. Staff only.
#[server(endpoint = "add_account")]
pub async fn add_account(
    company_name: String,
    #[server(default)] company_phone: String,
    #[server(default)] company_country: String,
) -> Result<Option<AccountId>, AppError> {
    use crate::backend::{auth, forms, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let input = services::accounts::AccountInput {
        name: company_name,
        phone: company_phone,
        country: company_country,
    };
    match services::accounts::staff_add_account(state.store.as_ref(), &actor, &input).await {
        Ok(id) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("/staff/accounts/{id}?created=1"));
            }
            Ok(Some(id))
        }
        Err(e) => {
            // Nothing typed is lost: it comes back through a draft.
            let typed = input.typed();
            if forms::send_back(
                &state,
                actor.signed_in().ok(),
                "/staff/accounts#new-company",
                &e,
                &typed,
            )
            .await?
            {
                return Ok(None);
            }
            Err(respond_with(e))
        }
    }
}

/// Changes a company's name, phone and country. Staff only.
#[server(endpoint = "update_account")]
pub async fn update_account(
    account_id: AccountId,
    company_name: String,
    #[server(default)] company_phone: String,
    #[server(default)] company_country: String,
) -> Result<(), AppError> {
    use crate::backend::{auth, forms, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let input = services::accounts::AccountInput {
        name: company_name,
        phone: company_phone,
        country: company_country,
    };
    let page = format!("/staff/accounts/{account_id}");
    match services::accounts::update_account(state.store.as_ref(), &actor, account_id, &input).await
    {
        Ok(()) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{page}?saved=1"));
            }
            Ok(())
        }
        Err(e) => {
            let typed = input.typed();
            if forms::send_back(
                &state,
                actor.signed_in().ok(),
                &format!("{page}#company"),
                &e,
                &typed,
            )
            .await?
            {
                return Ok(());
            }
            Err(respond_with(e))
        }
    }
}

/// One company with its contacts. Staff only.
#[server(endpoint = "get_account")]
pub async fn get_account(id: AccountId) -> Result<AccountDetail, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::contacts::account_detail(state.store.as_ref(), &actor, id)
        .await
        .map_err(respond_with)
}

/// One contact. Staff only.
#[server(endpoint = "get_contact")]
pub async fn get_contact(id: UserId) -> Result<ContactInfo, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::contacts::contact(state.store.as_ref(), &actor, id)
        .await
        .map_err(respond_with)
}

/// Adds a contact to a company; with portal access they get the welcome email. Staff only.
#[server(endpoint = "add_contact")]
pub async fn add_contact(
    account_id: AccountId,
    name: String,
    email: String,
    phone: String,
    language: String,
    #[server(default)] portal_access: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::{auth, forms, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let input = services::contacts::ContactInput {
        name,
        email,
        phone,
        language,
        portal_access: portal_access.is_some(),
    };
    let page = format!("/staff/accounts/{account_id}");
    match services::contacts::add_contact(state.store.as_ref(), &actor, account_id, input.clone())
        .await
    {
        Ok(_) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{page}?added=1"));
            }
            Ok(())
        }
        Err(e) => {
            // Nothing typed is lost: it comes back through a draft.
            let back = format!("{page}#add-contact");
            let typed = input.typed();
            if forms::send_back(&state, actor.signed_in().ok(), &back, &e, &typed).await? {
                return Ok(());
            }
            Err(respond_with(e))
        }
    }
}

/// Changes a contact (taking portal access away ends their sessions at once). Staff only.
#[server(endpoint = "update_contact")]
pub async fn update_contact(
    contact_id: UserId,
    name: String,
    email: String,
    phone: String,
    language: String,
    #[server(default)] portal_access: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::{auth, forms, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let input = services::contacts::ContactInput {
        name,
        email,
        phone,
        language,
        portal_access: portal_access.is_some(),
    };
    let page = format!("/staff/contacts/{contact_id}");
    match services::contacts::update_contact(
        state.store.as_ref(),
        &actor,
        contact_id,
        input.clone(),
    )
    .await
    {
        Ok(()) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{page}?saved=1"));
            }
            Ok(())
        }
        Err(e) => {
            let typed = input.typed();
            if forms::send_back(&state, actor.signed_in().ok(), &page, &e, &typed).await? {
                return Ok(());
            }
            Err(respond_with(e))
        }
    }
}

/// Sends the welcome email again, with a new set-password link. Staff only.
#[server(endpoint = "resend_welcome")]
pub async fn resend_welcome(contact_id: UserId) -> Result<(), AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let page = format!("/staff/contacts/{contact_id}");
    match services::contacts::resend_welcome(state.store.as_ref(), &actor, contact_id).await {
        Ok(()) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{page}?sent=1"));
            }
            Ok(())
        }
        Err(e) => form_failure(&page, e),
    }
}

/// Sets a company's portal contact limit. Admins only.
#[server(endpoint = "set_contact_limit")]
pub async fn set_contact_limit(account_id: AccountId, limit: String) -> Result<(), AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let page = format!("/staff/accounts/{account_id}");
    match services::contacts::set_contact_limit(state.store.as_ref(), &actor, account_id, &limit)
        .await
    {
        Ok(()) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&page);
            }
            Ok(())
        }
        Err(e) => form_failure(&page, e),
    }
}

/// The dev mailbox and the outbox's waiting rows. Admins only.
#[server(endpoint = "get_mailbox")]
pub async fn get_mailbox() -> Result<Mailbox, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::mailbox::mailbox(&state, &actor)
        .await
        .map_err(respond_with)
}

/// One email of the dev mailbox. Admins only; sign-in secrets in it only for its recipient.
#[server(endpoint = "get_mail")]
pub async fn get_mail(id: i64) -> Result<MailDetail, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::mailbox::message(&state, &actor, id)
        .await
        .map_err(respond_with)
}

/// Every agent and admin. Admins only.
#[server(endpoint = "list_staff")]
pub async fn list_staff() -> Result<Vec<StaffInfo>, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::staff::list(state.store.as_ref(), &actor)
        .await
        .map_err(respond_with)
}

/// One staff member. Admins only.
#[server(endpoint = "get_staff_member")]
pub async fn get_staff_member(id: UserId) -> Result<StaffInfo, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::staff::get(state.store.as_ref(), &actor, id)
        .await
        .map_err(respond_with)
}

/// Adds an agent or admin, who gets the welcome email. Admins only.
#[server(endpoint = "add_staff_member")]
pub async fn add_staff_member(
    name: String,
    email: String,
    role: String,
    language: String,
) -> Result<(), AppError> {
    use crate::backend::{auth, forms, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let input = services::staff::StaffInput {
        name,
        email,
        role,
        language,
    };
    match services::staff::add(state.store.as_ref(), &actor, &input).await {
        Ok(id) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("/admin/staff/{id}?added=1"));
            }
            Ok(())
        }
        Err(e) => {
            let typed = input.typed();
            if forms::send_back(
                &state,
                actor.signed_in().ok(),
                "/admin/staff#new-staff",
                &e,
                &typed,
            )
            .await?
            {
                return Ok(());
            }
            Err(respond_with(e))
        }
    }
}

/// Sends a staff member the welcome email again, with a new set-password link. Admins only.
#[server(endpoint = "resend_staff_welcome")]
pub async fn resend_staff_welcome(user_id: UserId) -> Result<(), AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let page = format!("/admin/staff/{user_id}");
    match services::staff::resend_welcome(state.store.as_ref(), &actor, user_id).await {
        Ok(()) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{page}?sent=1"));
            }
            Ok(())
        }
        Err(e) => form_failure(&page, e),
    }
}

/// Sets a staff member's role and whether they may sign in (deactivating signs them out at
/// once). Admins only, never for themselves.
#[server(endpoint = "update_staff_member")]
pub async fn update_staff_member(
    user_id: UserId,
    role: String,
    active: bool,
) -> Result<(), AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let page = format!("/admin/staff/{user_id}");
    match services::staff::update(state.store.as_ref(), &actor, user_id, &role, active).await {
        Ok(()) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{page}?saved=1"));
            }
            Ok(())
        }
        Err(e) => form_failure(&page, e),
    }
}

/// The audit log's page before entry `before` (the newest without one), optionally only what
/// was done by or to `person`. Admins only.
#[server(endpoint = "list_audit", input = server_fn::codec::GetUrl)]
pub async fn list_audit(
    #[server(default)] before: Option<i64>,
    #[server(default)] person: Option<i64>,
) -> Result<crate::domain::audit::AuditPage, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::audit::page(state.store.as_ref(), &actor, before, person.map(UserId))
        .await
        .map_err(respond_with)
}

/// Erases a person's personal data (admins; `confirm_email` repeats their address). The browser
/// goes back to their page, which says so.
#[server(endpoint = "erase_personal_data")]
pub async fn erase_personal_data(
    user_id: UserId,
    #[server(default)] confirm_email: String,
) -> Result<(), AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let page = match state.store.get_user(user_id).await {
        Ok(u) if u.role == crate::domain::Role::Customer => format!("/staff/contacts/{user_id}"),
        _ => format!("/admin/staff/{user_id}"),
    };
    match services::personal_data::erase(&state, &actor, user_id, &confirm_email).await {
        Ok(()) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{page}?erased=1"));
            }
            Ok(())
        }
        Err(e) => form_failure(&page, e),
    }
}
