//! Cases: opening one, with the product autocomplete.
// A server function's arguments are its form's fields: `create_case` has eight, and the client
// function the macro writes for it carries no attribute of ours.
#![allow(clippy::too_many_arguments)]
use crate::domain::cases::{CaseCreated, NewCaseDefaults, ProductOption};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::GetUrl;

/// Product suggestions for what the user typed (at least 3 characters; fewer give none). Signed-in
/// users only. GET, so browsers and proxies may cache the answer briefly.
#[server(endpoint = "search_products", input = GetUrl)]
pub async fn search_products(q: String) -> Result<Vec<ProductOption>, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::cases::suggest_products(state.store.as_ref(), &actor, &q)
        .await
        .map_err(respond_with)
}

/// Every active product whose name starts with `q` (the autocomplete's Enter).
#[server(endpoint = "products_starting_with", input = GetUrl)]
pub async fn products_starting_with(q: String) -> Result<Vec<ProductOption>, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::cases::products_starting_with(state.store.as_ref(), &actor, &q)
        .await
        .map_err(respond_with)
}

/// What the new-case form starts with: a customer's company's country; for support, who log cases
/// for customers, the companies and the chosen `account`'s contacts (`clone`: a case whose company
/// and contact to start from).
#[server(endpoint = "get_new_case_defaults")]
pub async fn get_new_case_defaults(
    #[server(default)] account: Option<i64>,
    #[server(default)] clone: Option<String>,
) -> Result<NewCaseDefaults, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::cases::defaults(
        &state,
        &actor,
        account.map(crate::domain::AccountId),
        clone.as_deref(),
    )
    .await
    .map_err(respond_with)
}

/// Opens a case: a customer's for their own company; support's for the contact (`contact`) of a
/// company (`account`) they chose, taken by phone or email (`origin`). Without JavaScript, success
/// goes to `/cases/new?created=NUMBER` and errors back to the form with what was typed (`Ok(None)`
/// then).
#[server(endpoint = "create_case")]
pub async fn create_case(
    subject: String,
    #[server(default)] description: String,
    #[server(default)] product: String,
    #[server(default)] country: String,
    #[server(default)] attachments: String,
    #[server(default)] account: String,
    #[server(default)] contact: String,
    #[server(default)] origin: String,
) -> Result<Option<CaseCreated>, AppError> {
    use crate::backend::{auth, forms, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let input = services::cases::CaseInput {
        subject,
        description,
        product,
        country,
        attachments,
        account,
        contact,
        origin,
    };
    match services::cases::open_case(state.store.as_ref(), &actor, input.clone()).await {
        Ok(created) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("/cases/new?created={}", created.number));
            }
            Ok(Some(created))
        }
        Err(e) => {
            // Without JavaScript: back to the form with its errors and everything typed.
            let page = crate::domain::cases::new_case_path(&input.account);
            let typed = input.typed();
            if forms::send_back(&state, actor.signed_in().ok(), &page, &e, &typed).await? {
                return Ok(None);
            }
            Err(respond_with(e))
        }
    }
}

/// A case by its number, if the caller may see it: customers their own company's, staff every
/// case. Anything else answers `NotFound`, exactly like a number that does not exist.
#[server(endpoint = "get_case_summary")]
pub async fn get_case_summary(number: String) -> Result<CaseCreated, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::cases::summary(state.store.as_ref(), &actor, &number)
        .await
        .map_err(respond_with)
}

/// A case for its page (`reading=page`, the default): the case with its company and contact, the
/// comments the caller may see (internal ones for staff only), its files, and whether the caller
/// follows it; counts as a view for "Recently viewed". For the printable view (`reading=print`):
/// public comments only, for staff too (a printout carries no internal note), and no view.
/// Another company's case is `NotFound`, exactly like a missing one.
#[server(endpoint = "get_case")]
pub async fn get_case(
    number: String,
    #[server(default)] reading: crate::domain::case_page::CaseReading,
    #[server(default)] reply: Option<i64>,
) -> Result<crate::domain::case_page::CaseDetail, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::case_page::detail(
        &state,
        &actor,
        &number,
        reading,
        reply.map(crate::domain::ReplyId),
    )
    .await
    .map_err(respond_with)
}

/// Adds a comment to case `number`. `internal` (a checkbox; staff only) keeps it from the customer.
/// Without JavaScript the browser goes back to the case page (with the error, if any).
#[server(endpoint = "add_comment")]
pub async fn add_comment(
    number: String,
    #[server(default)] body: String,
    #[server(default)] internal: Option<String>,
) -> Result<Option<crate::domain::case_page::CommentView>, AppError> {
    use crate::backend::{auth, form_failure, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let page = format!("/cases/{}", crate::domain::encode_query_value(&number));
    match services::case_page::add_comment(&state, &actor, &number, &body, internal.is_some()).await
    {
        Ok(comment) => {
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("{page}#comments"));
            }
            Ok(Some(comment))
        }
        Err(e) => form_failure(&page, e).map(|()| None),
    }
}

/// Starts (`follow=true`) or stops following case `number`: an email on every update.
#[server(endpoint = "follow_case")]
pub async fn follow_case(number: String, follow: bool) -> Result<bool, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    let result = services::case_page::follow(&state, &actor, &number, follow)
        .await
        .map_err(respond_with)?;
    if auth::is_plain_form_post() {
        leptos_axum::redirect(&format!(
            "/cases/{}",
            crate::domain::encode_query_value(&number)
        ));
    }
    Ok(result)
}

/// A page of a case list ("My cases", "All cases", "Recently viewed") with its sort, filter and
/// search. Customers see their own company's cases only; staff every company's.
#[server(endpoint = "list_cases", input = GetUrl)]
pub async fn list_cases(
    query: crate::domain::case_list::ListQuery,
) -> Result<crate::domain::case_list::CaseListPage, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    let actor = auth::actor()?;
    services::case_list::list(&state.store, &state.views, &actor, &query)
        .await
        .map_err(respond_with)
}
