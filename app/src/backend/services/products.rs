//! The product catalog as admins keep it: add, rename, stop offering and offer again, and import
//! a list (CSV, one product a line) after a preview of what it changes. The case form's
//! autocomplete offers active products only; a case keeps its product when that is switched off.
use crate::backend::auth::Actor;
use crate::backend::forms;
use crate::backend::policy;
use crate::backend::state::AppState;
use crate::backend::store::{ProductRow, Store, StoreError};
use crate::domain::ProductId;
use crate::domain::staff::{
    ImportPreview, ImportSkip, PRODUCT_IMPORT_BYTES_MAX as IMPORT_BYTES_MAX,
    PRODUCT_IMPORT_LINES_MAX as IMPORT_LINES_MAX, PRODUCT_NAME_MAX as NAME_MAX, ProductInfo,
    ProductList,
};
use crate::error::AppError;
use crate::messages::MessageKey;
use std::collections::{HashMap, HashSet};

/// How many products a search shows at once.
pub const PAGE: i64 = 100;

fn info(row: ProductRow) -> ProductInfo {
    ProductInfo {
        id: row.id,
        name: row.name,
        active: row.active,
    }
}

/// A name trimmed, with inner runs of white space as one space; `None` when empty, too long, or
/// holding a control character.
fn clean_name(name: &str) -> Option<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    (!name.is_empty() && name.chars().count() <= NAME_MAX && !name.chars().any(char::is_control))
        .then_some(name)
}

fn checked_name(name: &str) -> Result<String, AppError> {
    clean_name(name).ok_or_else(|| AppError::field("product_name", MessageKey::ProductNameInvalid))
}

fn store_error(err: StoreError) -> AppError {
    err.on_constraint("name", "product_name", MessageKey::ProductNameTaken)
}

/// Products whose name contains `query` (all when empty), the first [`PAGE`] by name.
pub async fn find(store: &Store, actor: &Actor, query: &str) -> Result<ProductList, AppError> {
    policy::require(actor, policy::can_manage_products)?;
    let (rows, total) = store
        .find_products(&query.trim().to_lowercase(), PAGE)
        .await?;
    Ok(ProductList {
        products: rows.into_iter().map(info).collect(),
        total,
    })
}

/// One product.
pub async fn get(store: &Store, actor: &Actor, id: ProductId) -> Result<ProductInfo, AppError> {
    policy::require(actor, policy::can_manage_products)?;
    store.product(id).await?.map(info).ok_or(AppError::NotFound)
}

/// Adds an active product.
pub async fn add(store: &Store, actor: &Actor, name: &str) -> Result<ProductInfo, AppError> {
    policy::require(actor, policy::can_manage_products)?;
    let name = checked_name(name)?;
    let id = store.insert_product(&name).await.map_err(store_error)?;
    tracing::info!(product = %id, "product added");
    Ok(ProductInfo {
        id,
        name,
        active: true,
    })
}

/// Renames a product (its cases show the new name).
pub async fn rename(
    store: &Store,
    actor: &Actor,
    id: ProductId,
    name: &str,
) -> Result<(), AppError> {
    policy::require(actor, policy::can_manage_products)?;
    let name = checked_name(name)?;
    store.rename_product(id, &name).await.map_err(store_error)?;
    tracing::info!(product = %id, "product renamed");
    Ok(())
}

/// Offers a product for new cases, or stops offering it.
pub async fn set_active(
    store: &Store,
    actor: &Actor,
    id: ProductId,
    active: bool,
) -> Result<(), AppError> {
    policy::require(actor, policy::can_manage_products)?;
    store.set_product_active(id, active).await?;
    tracing::info!(product = %id, active, "product switched");
    Ok(())
}

/// The first field of each line of a CSV list (quoted or not), with its line number; blank lines
/// and a first line that is only a column heading are left out.
fn list_names(list: &str) -> Vec<(usize, String)> {
    const HEADINGS: [&str; 8] = [
        "name",
        "product",
        "products",
        "product name",
        "naam",
        "productnaam",
        "продукт",
        "название",
    ];
    let mut names = Vec::new();
    let mut first = true;
    for (i, line) in list.trim_start_matches('\u{feff}').lines().enumerate() {
        let field = first_csv_field(line);
        if field.trim().is_empty() {
            continue;
        }
        let heading = first && HEADINGS.contains(&field.trim().to_lowercase().as_str());
        first = false;
        if !heading {
            names.push((i + 1, field));
        }
    }
    names
}

/// A CSV line's first field: `"Name, Inc."` with `""` for a quote, or everything up to the first
/// comma or semicolon (the separator spreadsheets write in Dutch and Russian locales).
fn first_csv_field(line: &str) -> String {
    let line = line.trim_start();
    if let Some(rest) = line.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = rest.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    out.push('"');
                } else {
                    break;
                }
            } else {
                out.push(c);
            }
        }
        return out;
    }
    line.split([',', ';']).next().unwrap_or("").to_string()
}

fn check_list(list: &str) -> Result<(), AppError> {
    if list.len() > IMPORT_BYTES_MAX || list.lines().count() > IMPORT_LINES_MAX {
        return Err(AppError::field("list", MessageKey::ProductListLong));
    }
    if list_names(list).is_empty() {
        return Err(AppError::field("list", MessageKey::ProductListEmpty));
    }
    Ok(())
}

/// What importing `list` would do, given the catalog as it is.
fn plan(list: &str, catalog: &[ProductRow]) -> (ImportPreview, Vec<ProductId>) {
    let by_name: HashMap<String, &ProductRow> =
        catalog.iter().map(|p| (p.name.to_lowercase(), p)).collect();
    let mut preview = ImportPreview::default();
    let mut reactivate = Vec::new();
    let mut seen = HashSet::new();
    for (line, raw) in list_names(list) {
        let Some(name) = clean_name(&raw) else {
            preview
                .skipped
                .push((line, raw.trim().to_string(), ImportSkip::Invalid));
            continue;
        };
        let folded = name.to_lowercase();
        if !seen.insert(folded.clone()) {
            preview.skipped.push((line, name, ImportSkip::Duplicate));
            continue;
        }
        match by_name.get(&folded) {
            None => preview.added.push(name),
            Some(p) if p.active => preview.unchanged.push(p.name.clone()),
            Some(p) => {
                reactivate.push(p.id);
                preview.reactivated.push(p.name.clone());
            }
        }
    }
    (preview, reactivate)
}

/// What importing `list` would change, without changing anything.
pub async fn preview_import(
    store: &Store,
    actor: &Actor,
    list: &str,
) -> Result<ImportPreview, AppError> {
    policy::require(actor, policy::can_manage_products)?;
    check_list(list)?;
    Ok(plan(list, &store.all_products().await?).0)
}

/// Imports `list`: adds the new products and makes the inactive ones it names active again, in
/// one transaction (nothing is switched off or renamed). Returns (added, reactivated).
/// The list a "Preview" kept under `draft`, previewed ([`preview_import`]). The rule is asked
/// before the draft is read, so whoever may not import is refused alike with or without a draft.
pub async fn preview_draft(
    state: &AppState,
    actor: &Actor,
    draft: &str,
) -> Result<ImportPreview, AppError> {
    let list = draft_list(state, actor, draft).await?;
    preview_import(state.store.as_ref(), actor, &list).await
}

/// Imports the list kept under `draft` ([`import`]), asking the rule first as [`preview_draft`].
pub async fn import_draft(
    state: &AppState,
    actor: &Actor,
    draft: &str,
) -> Result<(u64, u64), AppError> {
    let list = draft_list(state, actor, draft).await?;
    import(state.store.as_ref(), actor, &list).await
}

/// The list kept under `draft`, for someone who may import products.
async fn draft_list(state: &AppState, actor: &Actor, draft: &str) -> Result<String, AppError> {
    policy::require(actor, policy::can_manage_products)?;
    let typed = forms::read_draft(state, actor.signed_in().ok(), draft).await?;
    Ok(typed.get("list").cloned().unwrap_or_default())
}

pub async fn import(store: &Store, actor: &Actor, list: &str) -> Result<(u64, u64), AppError> {
    policy::require(actor, policy::can_manage_products)?;
    check_list(list)?;
    let (preview, reactivate) = plan(list, &store.all_products().await?);
    let done = store.import_products(&preview.added, &reactivate).await?;
    tracing::info!(added = done.0, reactivated = done.1, "products imported");
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, name: &str, active: bool) -> ProductRow {
        ProductRow {
            id: ProductId(id),
            name: name.into(),
            active,
        }
    }

    #[test]
    fn a_list_reads_as_a_spreadsheet_writes_it() {
        let list = "\u{feff}Name;Version\n\"Paint Mixer, Pro\";2\n\n  Spray   Booth  \nЛакировщик,3\n\"Say \"\"hi\"\"\"\n";
        assert_eq!(
            list_names(list),
            [
                (2, "Paint Mixer, Pro".to_string()),
                (4, "Spray   Booth  ".to_string()),
                (5, "Лакировщик".to_string()),
                (6, "Say \"hi\"".to_string()),
            ]
        );
        // A heading is only a heading on the first line.
        assert_eq!(
            list_names("Widget\nName"),
            [(1, "Widget".into()), (2, "Name".into())]
        );
        assert_eq!(list_names("\nname\nName"), [(3, "Name".into())]);
    }

    #[test]
    fn the_preview_says_what_changes() {
        let catalog = [row(1, "Spray Booth", true), row(2, "Лакировщик", false)];
        let long = "x".repeat(NAME_MAX + 1);
        let list = format!("spray booth\nЛАКИРОВЩИК\nPaint Mixer\npaint   mixer\n{long}\n");
        let (preview, reactivate) = plan(&list, &catalog);
        assert_eq!(preview.added, ["Paint Mixer"]);
        assert_eq!(preview.reactivated, ["Лакировщик"]);
        assert_eq!(preview.unchanged, ["Spray Booth"]);
        assert_eq!(
            preview.skipped,
            [
                (4, "paint mixer".to_string(), ImportSkip::Duplicate),
                (5, long, ImportSkip::Invalid),
            ]
        );
        assert_eq!(reactivate, [ProductId(2)]);
    }

    #[test]
    fn an_empty_or_huge_list_is_refused_next_to_the_field() {
        for (list, key) in [
            ("\n  \nName\n".to_string(), MessageKey::ProductListEmpty),
            (
                "p\n".repeat(IMPORT_LINES_MAX + 1),
                MessageKey::ProductListLong,
            ),
        ] {
            assert_eq!(check_list(&list), Err(AppError::field("list", key)));
        }
        assert!(check_list("Widget").is_ok());
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(clean_name("  Spray \t Booth "), Some("Spray Booth".into()));
        assert_eq!(clean_name("   "), None);
        assert_eq!(
            clean_name(&"é".repeat(NAME_MAX)).map(|n| n.chars().count()),
            Some(NAME_MAX)
        );
        assert_eq!(clean_name(&"é".repeat(NAME_MAX + 1)), None);
    }
}
