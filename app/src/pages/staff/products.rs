//! `/admin/products`, `/admin/products/:id` and `/admin/products/import`: the product catalog that
//! the case form's autocomplete offers. Admins only (the server functions check; anyone else sees
//! "no access").
use super::AccessDenied;
use crate::api::products::{
    AddProduct, ImportProducts, PreviewProductImport, RenameProduct, SetProductActive, get_product,
    get_product_import, list_products,
};
use crate::components::form::{FieldError, InputField, TextAreaField, use_draft, use_form_errors};
use crate::domain::ProductId;
use crate::domain::staff::{ImportPreview, ImportSkip, PRODUCT_IMPORT_BYTES_MAX, ProductInfo};
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

/// The catalog: find a product, switch it off or on, add one, import a list.
#[component]
pub fn ProductsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let location = use_location();
    let q = move || query.read().get("q").unwrap_or_default();
    let products = Resource::new_blocking(q, list_products);
    let add = ServerAction::<AddProduct>::new();
    let preview = ServerAction::<PreviewProductImport>::new();
    let errors = use_form_errors();
    let draft = use_draft(query);
    let here = move || {
        format!(
            "{}{}",
            location.pathname.get(),
            search_without_outcome(&location.search.get())
        )
    };
    let outcome = move || {
        let read = query.read();
        let number = |key: &str| read.get(key).and_then(|v| v.parse::<u64>().ok());
        if read.get("added").is_some() {
            Some(t_string!(i18n, product_added).to_string())
        } else if let Some(added) = number("imported") {
            let reactivated = number("reactivated").unwrap_or(0);
            Some(
                t_string!(
                    i18n,
                    products_imported,
                    added = added,
                    reactivated = reactivated
                )
                .to_string(),
            )
        } else if read.get("deactivated").is_some() {
            Some(t_string!(i18n, product_deactivated).to_string())
        } else if read.get("reactivated").is_some() {
            Some(t_string!(i18n, product_reactivated).to_string())
        } else {
            None
        }
    };
    let table = move || {
        Suspend::new(async move {
            match products.await {
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok(list) if list.products.is_empty() => {
                    view! { <p class="empty-state">{t!(i18n, products_none)}</p> }.into_any()
                }
                Ok(list) => {
                    let shown = list.products.len();
                    let total = list.total;
                    view! {
                        <p class="list-meta">
                            {t!(i18n, products_shown, shown = shown, total = total)}
                        </p>
                        <table class="data-table">
                            <caption class="sr-only">{t!(i18n, products_title)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, col_product)}</th>
                                    <th scope="col">{t!(i18n, col_status)}</th>
                                    <th scope="col">
                                        <span class="sr-only">{t!(i18n, col_actions)}</span>
                                    </th>
                                </tr>
                            </thead>
                            <tbody>
                                {list
                                    .products
                                    .into_iter()
                                    .map(|p| view! { <ProductRow product=p back=here() /> })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                    .into_any()
                }
            }
        })
    };
    let forms = move || {
        Suspend::new(async move {
            let typed = draft.await;
            let value = |field: &str| typed.get(field).cloned().unwrap_or_default();
            let (name, list) = (value("product_name"), value("list"));
            view! {
                <h2 id="new-product">{t!(i18n, product_new_title)}</h2>
                <ActionForm
                    action=add
                    attr:class="form form--inline"
                    attr:aria-labelledby="new-product"
                >
                    <InputField
                        name="product_name"
                        label=Signal::derive(move || {
                            t_string!(i18n, field_product_name).to_string()
                        })
                        autocomplete="off"
                        value=name
                        errors
                    />
                    <button type="submit" class="button button--primary">
                        {t!(i18n, product_add_button)}
                    </button>
                </ActionForm>
                <h2 id="import">{t!(i18n, products_import_title)}</h2>
                <ActionForm action=preview attr:class="form" attr:aria-labelledby="import">
                    <TextAreaField
                        name="list"
                        id="list"
                        label=Signal::derive(move || {
                            t_string!(i18n, field_product_list).to_string()
                        })
                        hint=Signal::derive(move || t_string!(i18n, product_list_hint).to_string())
                        rows=8
                        max_chars=PRODUCT_IMPORT_BYTES_MAX
                        value=list
                        errors
                    />
                    <button type="submit" class="button button--secondary">
                        {t!(i18n, products_preview_button)}
                    </button>
                </ActionForm>
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, products_title).to_string() />
        <h1>{t!(i18n, products_title)}</h1>
        <div role="status" class="status-region">
            {move || outcome().map(|text| view! { <p class="form-success">{text}</p> })}
        </div>
        <FieldError field="_form" errors />
        <form method="get" action="/admin/products" class="list-filters" role="search">
            <div class="field">
                <label for="products-q">{t!(i18n, products_search_label)}</label>
                <input id="products-q" type="search" name="q" value=q maxlength="100" />
            </div>
            <button type="submit" class="button button--secondary">
                {t!(i18n, accounts_search_button)}
            </button>
        </form>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{table}</Suspense>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{forms}</Suspense>
    }
    .into_any()
}

/// The page's query without what the last change said (`?q=…` stays), for coming back to it.
fn search_without_outcome(search: &str) -> String {
    let kept: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or("");
            !pair.is_empty()
                && !matches!(
                    key,
                    "added" | "imported" | "reactivated" | "deactivated" | "error" | "draft"
                )
        })
        .collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    }
}

/// One product of the catalog: its page, whether it is offered, and the switch.
#[component]
fn ProductRow(product: ProductInfo, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let active = product.active;
    let status = move || {
        if active {
            t_string!(i18n, product_active).to_string()
        } else {
            t_string!(i18n, product_inactive).to_string()
        }
    };
    let name = product.name.clone();
    view! {
        <tr>
            <td>
                <A href=format!("/admin/products/{}", product.id)>{product.name}</A>
            </td>
            <td>{status}</td>
            <td>
                <ActiveSwitch id=product.id active name back />
            </td>
        </tr>
    }
}

/// "Deactivate" or "Reactivate" one product, as a plain form (its name is in the button's
/// accessible name, "Deactivate Spray Booth", so a list of them reads apart).
#[component]
fn ActiveSwitch(id: ProductId, active: bool, name: String, back: String) -> impl IntoView {
    let i18n = use_i18n();
    let switch = ServerAction::<SetProductActive>::new();
    let label = move || {
        if active {
            t_string!(i18n, product_deactivate_button).to_string()
        } else {
            t_string!(i18n, product_reactivate_button).to_string()
        }
    };
    view! {
        <ActionForm action=switch attr:class="inline-form">
            <input type="hidden" name="product_id" value=id.0 />
            <input type="hidden" name="active" value=(!active).to_string() />
            <input type="hidden" name="back" value=back />
            <button type="submit" class="button button--secondary button--small">
                {label}
                <span class="sr-only">{name}</span>
            </button>
        </ActionForm>
    }
}

/// One product: rename it, switch it off or on.
#[component]
pub fn ProductPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .map(ProductId)
    };
    let product = Resource::new_blocking(id, |id| async move {
        match id {
            Some(id) => get_product(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    let rename = ServerAction::<RenameProduct>::new();
    let errors = use_form_errors();
    let draft = use_draft(query);
    let outcome = move || {
        let read = query.read();
        if read.get("saved").is_some() {
            Some(t_string!(i18n, product_saved).to_string())
        } else if read.get("deactivated").is_some() {
            Some(t_string!(i18n, product_deactivated).to_string())
        } else if read.get("reactivated").is_some() {
            Some(t_string!(i18n, product_reactivated).to_string())
        } else {
            None
        }
    };
    let page = move || {
        Suspend::new(async move {
            let typed = draft.await;
            match product.await {
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok(p) => {
                    let name = typed
                        .get("product_name")
                        .cloned()
                        .unwrap_or_else(|| p.name.clone());
                    let status = if p.active {
                        t_string!(i18n, product_active).to_string()
                    } else {
                        t_string!(i18n, product_inactive).to_string()
                    };
                    view! {
                        <p class="breadcrumb">
                            <A href="/admin/products">{t!(i18n, products_title)}</A>
                        </p>
                        <h1>{p.name.clone()}</h1>
                        <div role="status" class="status-region">
                            {move || {
                                outcome().map(|text| view! { <p class="form-success">{text}</p> })
                            }}
                        </div>
                        <dl class="details">
                            <div>
                                <dt>{t!(i18n, col_status)}</dt>
                                <dd>{status}</dd>
                            </div>
                        </dl>
                        <p class="field-hint">
                            {if p.active {
                                t!(i18n, product_active_hint).into_any()
                            } else {
                                t!(i18n, product_inactive_hint).into_any()
                            }}
                        </p>
                        <ActiveSwitch
                            id=p.id
                            active=p.active
                            name=p.name.clone()
                            back=format!("/admin/products/{}", p.id)
                        />
                        <h2 id="rename">{t!(i18n, product_rename_title)}</h2>
                        <ActionForm
                            action=rename
                            attr:class="form form--inline"
                            attr:aria-labelledby="rename"
                        >
                            <input type="hidden" name="product_id" value=p.id.0 />
                            <InputField
                                name="product_name"
                                label=Signal::derive(move || {
                                    t_string!(i18n, field_product_name).to_string()
                                })
                                autocomplete="off"
                                value=name
                                errors
                            />
                            <button type="submit" class="button button--primary">
                                {t!(i18n, save_button)}
                            </button>
                        </ActionForm>
                    }
                    .into_any()
                }
            }
        })
    };
    let title = move || {
        product
            .get()
            .and_then(Result::ok)
            .map(|p| p.name)
            .unwrap_or_else(|| t_string!(i18n, products_title).to_string())
    };
    view! {
        <Title text=title />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{page}</Suspense>
    }
    .into_any()
}

/// What importing a pasted list would change, and "Import".
#[component]
pub fn ProductImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let token = move || query.read().get("draft").unwrap_or_default();
    let preview = Resource::new_blocking(token, get_product_import);
    let import = ServerAction::<ImportProducts>::new();
    let page = move || {
        Suspend::new(async move {
            match preview.await {
                Err(crate::error::AppError::Forbidden) => view! { <AccessDenied /> }.into_any(),
                Err(_) => view! {
                    <p class="empty-state">{t!(i18n, products_import_expired)}</p>
                    <p>
                        <A href="/admin/products#import">{t!(i18n, products_import_again)}</A>
                    </p>
                }
                .into_any(),
                Ok(p) => {
                    let changes = p.added.len() + p.reactivated.len();
                    view! {
                        <ImportTable preview=p />
                        {if changes == 0 {
                            view! { <p class="empty-state">{t!(i18n, products_import_nothing)}</p> }
                                .into_any()
                        } else {
                            view! {
                                <ActionForm action=import attr:class="form">
                                    <input type="hidden" name="draft" value=token() />
                                    <button type="submit" class="button button--primary">
                                        {t!(i18n, products_import_button, changes = changes)}
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        }}
                        <p>
                            <A href=format!(
                                "/admin/products?draft={}#import",
                                token(),
                            )>{t!(i18n, products_import_change)}</A>
                        </p>
                    }
                    .into_any()
                }
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, products_import_title).to_string() />
        <p class="breadcrumb">
            <A href="/admin/products">{t!(i18n, products_title)}</A>
        </p>
        <h1>{t!(i18n, products_import_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{page}</Suspense>
    }
    .into_any()
}

/// The preview's lines, grouped by what happens to them.
#[component]
fn ImportTable(preview: ImportPreview) -> impl IntoView {
    let i18n = use_i18n();
    let mut rows: Vec<(String, String)> = Vec::new();
    for name in preview.added {
        rows.push((name, t_string!(i18n, import_will_add).to_string()));
    }
    for name in preview.reactivated {
        rows.push((name, t_string!(i18n, import_will_reactivate).to_string()));
    }
    for name in preview.unchanged {
        rows.push((name, t_string!(i18n, import_unchanged).to_string()));
    }
    for (line, name, why) in preview.skipped {
        let why = match why {
            ImportSkip::Duplicate => t_string!(i18n, import_skip_duplicate, line = line),
            ImportSkip::Invalid => t_string!(i18n, import_skip_invalid, line = line),
        };
        rows.push((name, why.to_string()));
    }
    view! {
        <table class="data-table">
            <caption>{t!(i18n, products_import_caption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, col_product)}</th>
                    <th scope="col">{t!(i18n, import_col_change)}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(name, change)| {
                        view! {
                            <tr>
                                <td>{name}</td>
                                <td>{change}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
