//! Cases: opening one, with the product autocomplete.
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
    auth::require_user()?;
    services::cases::suggest_products(state.store.as_ref(), &q)
        .await
        .map_err(respond_with)
}

/// Every active product whose name starts with `q` (the autocomplete's Enter).
#[server(endpoint = "products_starting_with", input = GetUrl)]
pub async fn products_starting_with(q: String) -> Result<Vec<ProductOption>, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    auth::require_user()?;
    services::cases::products_starting_with(state.store.as_ref(), &q)
        .await
        .map_err(respond_with)
}

/// What the new-case form starts with (the company's country). Customers only.
#[server(endpoint = "get_new_case_defaults")]
pub async fn get_new_case_defaults() -> Result<NewCaseDefaults, AppError> {
    use crate::backend::{auth, policy, respond_with, services, state::ctx};
    let state = ctx()?;
    let me = auth::require(policy::can_open_case)?;
    services::cases::defaults(state.store.as_ref(), &me)
        .await
        .map_err(respond_with)
}

/// Opens a case for the signed-in customer's company. Without JavaScript, success goes to
/// `/cases/new?created=NUMBER` and errors back to the form with what was typed (`Ok(None)` then).
#[server(endpoint = "create_case")]
pub async fn create_case(
    subject: String,
    #[server(default)] description: String,
    #[server(default)] product: String,
    #[server(default)] country: String,
) -> Result<Option<CaseCreated>, AppError> {
    use crate::backend::{auth, policy, respond_with, services, state::ctx};
    let state = ctx()?;
    let me = auth::require(policy::can_open_case)?;
    let input = services::cases::CaseInput {
        subject: subject.clone(),
        description: description.clone(),
        product: product.clone(),
        country: country.clone(),
    };
    match services::cases::open_case(state.store.as_ref(), &me, input).await {
        Ok(created) => {
            state.wake.notify_one();
            if auth::is_plain_form_post() {
                leptos_axum::redirect(&format!("/cases/new?created={}", created.number));
            }
            Ok(Some(created))
        }
        Err(AppError::Validation(fields)) if auth::is_plain_form_post() => {
            // Back to the form with its errors and everything typed, so nothing is lost.
            use crate::domain::encode_query_value as enc;
            let mut query: Vec<String> = fields
                .iter()
                .flat_map(|(f, keys)| {
                    keys.iter()
                        .map(move |k| format!("error={}", enc(&format!("{f}:{k}"))))
                })
                .collect();
            for (name, value) in [
                ("subject", &subject),
                ("description", &description),
                ("product", &product),
                ("country", &country),
            ] {
                query.push(format!("{name}={}", enc(value)));
            }
            leptos_axum::redirect(&format!("/cases/new?{}", query.join("&")));
            Ok(None)
        }
        Err(e) => Err(respond_with(e)),
    }
}

/// A case by its number, if the caller may see it: customers their own company's, staff every
/// case. Anything else answers `NotFound`, exactly like a number that does not exist.
#[server(endpoint = "get_case_summary")]
pub async fn get_case_summary(number: String) -> Result<CaseCreated, AppError> {
    use crate::backend::{auth, respond_with, services, state::ctx};
    let state = ctx()?;
    auth::require_user()?;
    services::cases::summary(state.store.as_ref(), &auth::current_actor(), &number)
        .await
        .map_err(respond_with)
}
