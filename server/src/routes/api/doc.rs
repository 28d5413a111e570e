//! The REST API's OpenAPI 3.1 document, derived from the handlers' `#[utoipa::path]` and the
//! `model` types they answer with. A route added to the router without a line here is caught by
//! the contract test (`tests/api_contract.rs`), which compares the two.
use super::model;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Portico REST API",
        version = "1",
        description = "Cases, comments, products, companies and knowledge-base articles, for \
programs. Authenticate with a personal access token (Account → API tokens) as \
`Authorization: Bearer pat_…`; a read token may only GET. A token sees exactly what its \
person sees in the portal: a customer's token its own company's cases and never an internal \
note; another company's case answers 404 like a missing one. Errors are \
`{\"error\": code, \"fields\": {field: [message keys]}}`."
    ),
    paths(
        super::list_cases,
        super::create_case,
        super::get_case,
        super::update_case,
        super::add_comment,
        super::attach_files,
        super::file,
        super::products,
        super::articles,
        super::article,
        super::accounts,
        super::account,
    ),
    components(schemas(model::Error)),
    modifiers(&BearerToken),
    tags(
        (name = "cases", description = "Support cases and their comments"),
        (name = "catalogue", description = "What a case can be about"),
        (name = "knowledge base", description = "Published articles"),
        (name = "companies", description = "Customer companies and their contacts (support staff)"),
    )
)]
struct Document;

/// The `token` security scheme the paths name: a bearer personal access token.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// The document.
pub fn document() -> utoipa::openapi::OpenApi {
    Document::openapi()
}
