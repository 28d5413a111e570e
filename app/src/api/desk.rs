//! The support desk's changes to a case (status, priority, assignee, resolution) and the
//! customer's own "My problem is solved" and "Reopen".
use crate::domain::CaseStatus;
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

/// Sets case `number`'s status, priority, assignee (empty for nobody, "me", or a staff member's
/// id) and resolution (support staff). Solving emails the resolution; closing invites the contact
/// to the survey; a new assignee is told. Without JavaScript the browser goes back to the case
/// page (with the error, if any).
#[server(endpoint = "update_case")]
pub async fn update_case(
    number: String,
    #[server(default)] status: String,
    #[server(default)] priority: String,
    #[server(default)] assignee: String,
    #[server(default)] resolution: String,
) -> Result<Option<CaseStatus>, AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let page = format!("/cases/{}", crate::domain::encode_query_value(&number));
    let fields = (
        status.as_str(),
        priority.as_str(),
        assignee.as_str(),
        resolution.as_str(),
    );
    match services::desk::update_case(&state, &actor, &number, fields).await {
        Ok(status) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{page}?updated=1#update"));
            }
            Ok(Some(status))
        }
        Err(e) => form_failure(&format!("{page}#update"), e).map(|()| None),
    }
}

/// Assigns the cases `numbers` (a list: `numbers[]=…` in a form) to `assignee` ("me", a staff
/// member's id, or empty for nobody): "Assign to me" on a case and the queue's bulk action
/// (support staff). Returns how many changed. Without JavaScript the browser goes back to `back`
/// (a path of this site: the case or the queue page).
#[server(endpoint = "assign_cases")]
pub async fn assign_cases(
    #[server(default)] numbers: Vec<String>,
    #[server(default)] assignee: String,
    #[server(default)] back: String,
) -> Result<Option<usize>, AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    // Only a path of this site, never another host.
    let back = if back.starts_with('/') && !back.starts_with("//") {
        back
    } else {
        "/queue".to_string()
    };
    match services::desk::assign(&state, &actor, &numbers, &assignee).await {
        Ok(changed) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&back);
            }
            Ok(Some(changed))
        }
        Err(e) => form_failure(&back, e).map(|()| None),
    }
}

/// The customer's own "My problem is solved" (`action=close`) and "Reopen" (`action=reopen`, of a
/// solved case) on case `number`. Without JavaScript the browser goes back to the case page.
#[server(endpoint = "settle_case")]
pub async fn settle_case(
    number: String,
    #[server(default)] action: String,
) -> Result<Option<CaseStatus>, AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let page = format!("/cases/{}", crate::domain::encode_query_value(&number));
    match services::desk::settle(&state, &actor, &number, &action).await {
        Ok(status) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&page);
            }
            Ok(Some(status))
        }
        Err(e) => form_failure(&page, e).map(|()| None),
    }
}

/// A page of the queue (support staff): open cases of every company, or one status's, with the
/// filters and counts of `query`.
#[server(endpoint = "list_queue", input = GetUrl)]
pub async fn list_queue(
    query: crate::domain::case_list::QueueQuery,
) -> Result<crate::domain::case_list::QueuePage, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::case_list::queue(&state.store, &actor, &query)
        .await
        .map_err(respond_with)
}

/// Support's edit of case `number`: subject, description, product (a name), country and contact
/// (the id of one of the company's contacts). Without JavaScript the browser goes back to the case
/// page (with the errors and what was typed, if any).
#[server(endpoint = "edit_case")]
pub async fn edit_case(
    number: String,
    #[server(default)] subject: String,
    #[server(default)] description: String,
    #[server(default)] product: String,
    #[server(default)] country: String,
    #[server(default)] contact: String,
) -> Result<Option<bool>, AppError> {
    use crate::backend::{auth, forms, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let page = format!("/cases/{}", crate::domain::encode_query_value(&number));
    let input = services::cases::CaseInput {
        subject,
        description,
        product,
        country,
        contact,
        ..Default::default()
    };
    match services::desk::edit_case(&state, &actor, &number, &input).await {
        Ok(changed) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{page}?edited=1#edit"));
            }
            Ok(Some(changed))
        }
        Err(e) => {
            // Nothing typed is lost: it comes back through a draft.
            let typed = [
                ("subject", input.subject.as_str()),
                ("description", input.description.as_str()),
                ("product", input.product.as_str()),
                ("country", input.country.as_str()),
                ("contact", input.contact.as_str()),
            ];
            let back = format!("{page}#edit");
            if forms::send_back(&state, actor.signed_in().ok(), &back, &e, &typed).await? {
                return Ok(None);
            }
            Err(respond_with(e))
        }
    }
}
