//! The product catalog: the demo seed’s additions and the case form’s autocomplete.

use super::*;

/// A product as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ProductRow {
    /// Id.
    pub id: ProductId,
    /// Name.
    pub name: String,
    /// Offered for new cases.
    pub active: bool,
}

impl Store {
    /// Adds a product, or leaves an existing one of that name (any case) as it is; returns its id.
    pub async fn ensure_product(&self, name: &str, active: bool) -> StoreResult<ProductId> {
        db!(self, |pool, DB| {
            sqlx::query(sql::INSERT_PRODUCT_IF_NEW)
                .bind(name)
                .bind(active)
                .bind(name.to_lowercase())
                .execute(pool)
                .await
                .map_err(StoreError::from_sqlx)?;
            sqlx::query_scalar::<DB, ProductId>(sql::FIND_PRODUCT_ID_BY_NAME)
                .bind(name)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Counts products.
    pub async fn count_products(&self) -> StoreResult<i64> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, i64>(sql::COUNT_PRODUCTS)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Active products whose name contains `folded` (lower-cased), those that start with it first,
    /// then by name; at most `limit`.
    pub async fn search_products(&self, folded: &str, limit: i64) -> StoreResult<Vec<ProductRow>> {
        db!(self, |pool, DB| {
            let escaped = like_escape(folded);
            sqlx::query_as::<DB, ProductRow>(sql::SEARCH_PRODUCTS)
                .bind(format!("%{escaped}%"))
                .bind(format!("{escaped}%"))
                .bind(limit)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Active products whose name starts with `folded`, by name; at most `limit`.
    pub async fn products_starting_with(
        &self,
        folded: &str,
        limit: i64,
    ) -> StoreResult<Vec<ProductRow>> {
        db!(self, |pool, DB| {
            let escaped = like_escape(folded);
            sqlx::query_as::<DB, ProductRow>(sql::PRODUCTS_STARTING_WITH)
                .bind(format!("{escaped}%"))
                .bind(limit)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The product with exactly this (lower-cased) name, active or not.
    pub async fn find_product(&self, folded: &str) -> StoreResult<Option<ProductRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, ProductRow>(sql::FIND_PRODUCT_BY_SEARCH_NAME)
                .bind(folded)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }
}
