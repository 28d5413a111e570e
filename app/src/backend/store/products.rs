//! The product catalog: what admins add, rename, switch off and import, the demo seed’s additions
//! and the case form’s autocomplete.

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

    /// Adds an active product; the folded name must be new (else `Conflict`).
    pub async fn insert_product(&self, name: &str) -> StoreResult<ProductId> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, ProductId>(sql::INSERT_PRODUCT)
                .bind(name)
                .bind(name.to_lowercase())
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The product with this id, if any.
    pub async fn product(&self, id: ProductId) -> StoreResult<Option<ProductRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, ProductRow>(sql::GET_PRODUCT)
                .bind(id)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Renames a product (`NotFound` when there is none; `Conflict` when the name is taken).
    pub async fn rename_product(&self, id: ProductId, name: &str) -> StoreResult<()> {
        let changed = db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::RENAME_PRODUCT)
                .bind(id)
                .bind(name)
                .bind(name.to_lowercase())
                .execute(pool)
                .await
                .map_err(StoreError::from_sqlx)
                .map(|r| r.rows_affected())
        })?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Offers a product for new cases again, or stops offering it (`NotFound` when there is none).
    pub async fn set_product_active(&self, id: ProductId, active: bool) -> StoreResult<()> {
        let changed = db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::SET_PRODUCT_ACTIVE)
                .bind(id)
                .bind(active)
                .execute(pool)
                .await
                .map_err(StoreError::from_sqlx)
                .map(|r| r.rows_affected())
        })?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Every product, by folded name.
    pub async fn all_products(&self) -> StoreResult<Vec<ProductRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, ProductRow>(sql::ALL_PRODUCTS)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Products whose folded name contains `folded`, by name, at most `limit`, and how many match.
    pub async fn find_products(
        &self,
        folded: &str,
        limit: i64,
    ) -> StoreResult<(Vec<ProductRow>, i64)> {
        let pattern = format!("%{}%", like_escape(folded));
        db!(self, |pool, DB| {
            let rows = sqlx::query_as::<DB, ProductRow>(sql::FIND_PRODUCTS)
                .bind(&pattern)
                .bind(limit)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)?;
            let total = sqlx::query_scalar::<DB, i64>(sql::COUNT_FOUND_PRODUCTS)
                .bind(&pattern)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)?;
            Ok((rows, total))
        })
    }

    /// An import in one transaction: adds `added` (a name that appeared meanwhile is left as it
    /// is) and makes `reactivated` active. Returns how many were added and how many reactivated.
    pub async fn import_products(
        &self,
        added: &[String],
        reactivated: &[ProductId],
    ) -> StoreResult<(u64, u64)> {
        let mut tx = self.begin().await?;
        let mut inserted = 0;
        for name in added {
            inserted += tx!(tx, |conn, DB| sqlx::query::<DB>(sql::INSERT_PRODUCT_IF_NEW)
                .bind(name)
                .bind(true)
                .bind(name.to_lowercase())
                .execute(conn)
                .await
                .map(|r| r.rows_affected()))?;
        }
        let mut switched = 0;
        for id in reactivated {
            switched += tx!(tx, |conn, DB| sqlx::query::<DB>(sql::SET_PRODUCT_ACTIVE)
                .bind(*id)
                .bind(true)
                .execute(conn)
                .await
                .map(|r| r.rows_affected()))?;
        }
        tx.commit().await?;
        Ok((inserted, switched))
    }
}
