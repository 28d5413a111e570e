//! `/developers/api`: the REST API's reference, rendered from the OpenAPI document the server
//! serves at `/api/v1/openapi.json` (so it is always the running version's). The page's own words
//! are in the reader's language; the document's descriptions are English (marked `lang="en"`).
use crate::api::reference::get_api_reference;
use crate::domain::reference::{OperationView, ParameterView, SchemaView};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

/// An id for a heading's anchor: letters and digits, the rest as dashes.
fn anchor(prefix: &str, text: &str) -> String {
    let slug: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("{prefix}-{}", slug.trim_matches('-'))
}

/// The reference page.
#[component]
pub fn ApiReferencePage() -> impl IntoView {
    let i18n = use_i18n();
    let reference = Resource::new_blocking(|| (), |()| get_api_reference());
    let body = move || {
        Suspend::new(async move {
            match reference.await {
                Err(_) => view! { <p role="alert">{t!(i18n, error_generic)}</p> }.into_any(),
                Ok(r) => {
                    let contents = r
                        .groups
                        .iter()
                        .map(|g| {
                            let href = format!("#{}", anchor("tag", &g.name));
                            view! {
                                <li>
                                    <a href=href lang="en">
                                        {g.name.clone()}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view();
                    let groups = r
                        .groups
                        .into_iter()
                        .map(|g| {
                            let id = anchor("tag", &g.name);
                            let label = id.clone();
                            view! {
                                <section aria-labelledby=label>
                                    <h2 id=id lang="en">
                                        {g.name}
                                    </h2>
                                    <p lang="en">{g.description}</p>
                                    {g
                                        .operations
                                        .into_iter()
                                        .map(|op| view! { <Operation op /> })
                                        .collect_view()}
                                </section>
                            }
                        })
                        .collect_view();
                    let schemas = r
                        .schemas
                        .into_iter()
                        .map(|s| view! { <Schema s /> })
                        .collect_view();
                    view! {
                        <p>{t!(i18n, api_ref_version)} " " <code lang="en">{r.version}</code></p>
                        <nav aria-labelledby="api-contents">
                            <h2 id="api-contents">{t!(i18n, api_ref_contents)}</h2>
                            <ul>
                                {contents} <li>
                                    <a href="#api-types">{t!(i18n, api_ref_types)}</a>
                                </li>
                            </ul>
                        </nav>
                        {groups}
                        <section aria-labelledby="api-types">
                            <h2 id="api-types">{t!(i18n, api_ref_types)}</h2>
                            {schemas}
                        </section>
                    }
                    .into_any()
                }
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, api_ref_title).to_string() />
        <h1>{t!(i18n, api_ref_title)}</h1>
        <p class="page-intro">{t!(i18n, api_ref_intro)}</p>
        <p>
            {t!(i18n, api_ref_auth)} " " <code lang="en">"Authorization: Bearer pat_…"</code> " "
            <a href="/account/tokens">{t!(i18n, api_ref_tokens_link)}</a>
        </p>
        <p>
            <a href="/api/v1/openapi.json" rel="external">
                {t!(i18n, api_ref_document)}
            </a>
        </p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Suspense>
    }
    .into_any()
}

/// One operation: its method and path, what it does, its parameters, body and answers.
#[component]
fn Operation(op: OperationView) -> impl IntoView {
    let i18n = use_i18n();
    let id = anchor("op", &format!("{} {}", op.method, op.path));
    let label = id.clone();
    let heading = format!("{} {}", op.method, op.path);
    let params = (!op.parameters.is_empty()).then(|| {
        view! {
            <h4>{t!(i18n, api_ref_parameters)}</h4>
            <Fields fields=op.parameters with_location=true />
        }
    });
    let request = op.request.map(|(media, kind)| {
        view! {
            <h4>{t!(i18n, api_ref_request)}</h4>
            <p>
                <code lang="en">{media}</code>
                " "
                <code lang="en">{kind}</code>
            </p>
        }
    });
    let responses = op
        .responses
        .into_iter()
        .map(|(status, description, kind)| {
            view! {
                <tr>
                    <td>
                        <code lang="en">{status}</code>
                    </td>
                    <td lang="en">{description}</td>
                    <td>
                        <code lang="en">{kind}</code>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <article class="api-operation" aria-labelledby=label>
            <h3 id=id>
                <code lang="en">{heading}</code>
            </h3>
            <p lang="en">{op.summary}</p>
            {(!op.description.is_empty())
                .then(|| view! { <p lang="en">{op.description.clone()}</p> })}
            <p>
                {move || {
                    if op.needs_token {
                        t_string!(i18n, api_ref_needs_token).to_string()
                    } else {
                        t_string!(i18n, api_ref_no_token).to_string()
                    }
                }}
            </p>
            {params}
            {request}
            <h4>{t!(i18n, api_ref_responses)}</h4>
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, api_ref_col_status)}</th>
                        <th scope="col">{t!(i18n, api_ref_col_meaning)}</th>
                        <th scope="col">{t!(i18n, api_ref_col_type)}</th>
                    </tr>
                </thead>
                <tbody>{responses}</tbody>
            </table>
        </article>
    }
}

/// One type and its fields.
#[component]
fn Schema(s: SchemaView) -> impl IntoView {
    let id = anchor("type", &s.name);
    let label = id.clone();
    view! {
        <article class="api-type" aria-labelledby=label>
            <h3 id=id>
                <code lang="en">{s.name}</code>
            </h3>
            {(!s.description.is_empty())
                .then(|| view! { <p lang="en">{s.description.clone()}</p> })}
            {(!s.fields.is_empty())
                .then(|| view! { <Fields fields=s.fields with_location=false /> })}
        </article>
    }
}

/// A table of parameters or fields.
#[component]
fn Fields(fields: Vec<ParameterView>, with_location: bool) -> impl IntoView {
    let i18n = use_i18n();
    let rows = fields
        .into_iter()
        .map(|f| {
            let required = f.required;
            view! {
                <tr>
                    <td>
                        <code lang="en">{f.name}</code>
                    </td>
                    {with_location
                        .then(|| {
                            view! {
                                <td>
                                    <code lang="en">{f.location.clone()}</code>
                                </td>
                            }
                        })}
                    <td>
                        <code lang="en">{f.kind}</code>
                    </td>
                    <td>
                        {move || {
                            if required {
                                t_string!(i18n, api_ref_yes).to_string()
                            } else {
                                t_string!(i18n, api_ref_no).to_string()
                            }
                        }}
                    </td>
                    <td lang="en">{f.description}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, api_ref_col_name)}</th>
                    {with_location
                        .then(|| view! { <th scope="col">{t!(i18n, api_ref_col_in)}</th> })}
                    <th scope="col">{t!(i18n, api_ref_col_type)}</th>
                    <th scope="col">{t!(i18n, api_ref_col_required)}</th>
                    <th scope="col">{t!(i18n, api_ref_col_description)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
