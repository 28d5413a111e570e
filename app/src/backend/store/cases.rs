//! Case creation's reads: product autocomplete and the data of a case's confirmation email.
use super::{ProductRow, StoreResult};
use chrono::{DateTime, Utc};

/// What the confirmation email of a case shows, with its recipient.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CaseMailRow {
    /// The case number.
    pub number: i64,
    /// Subject.
    pub subject: String,
    /// Description.
    pub description: String,
    /// Country.
    pub country: String,
    /// Thread reference.
    pub thread_token: Option<String>,
    /// Opened.
    pub opened_at: DateTime<Utc>,
    /// The contact's email.
    pub email: String,
    /// The contact's name.
    pub contact_name: String,
    /// The contact's language code.
    pub language: String,
    /// The product's name, if one was chosen.
    pub product_name: Option<String>,
}

/// A case as its confirmation shows it, with the company that may see it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CaseSummaryRow {
    /// Id.
    pub id: crate::domain::CaseId,
    /// The company.
    pub account_id: crate::domain::AccountId,
    /// Subject.
    pub subject: String,
    /// Description.
    pub description: String,
    /// Country.
    pub country: String,
    /// Product name.
    pub product_name: Option<String>,
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
pub fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Case creation.
#[async_trait::async_trait]
pub trait CasesStore: Send + Sync {
    /// Active products whose name contains `folded` (lower-cased), those that start with it first,
    /// then by name; at most `limit`.
    async fn search_products(&self, folded: &str, limit: i64) -> StoreResult<Vec<ProductRow>>;
    /// Active products whose name starts with `folded`, by name; at most `limit`.
    async fn products_starting_with(
        &self,
        folded: &str,
        limit: i64,
    ) -> StoreResult<Vec<ProductRow>>;
    /// The product with exactly this (lower-cased) name, active or not.
    async fn find_product(&self, folded: &str) -> StoreResult<Option<ProductRow>>;
    /// The confirmation email's data of the case with this thread token.
    async fn case_mail(&self, thread_token: &str) -> StoreResult<CaseMailRow>;
    /// The case numbered `number`, if any.
    async fn case_summary(
        &self,
        number: crate::domain::CaseNumber,
    ) -> StoreResult<Option<CaseSummaryRow>>;
}

/// `CasesStore` for a store type.
macro_rules! impl_cases_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::backend::store::CasesStore for $store {
            async fn search_products(
                &self,
                folded: &str,
                limit: i64,
            ) -> StoreResult<Vec<$crate::backend::store::ProductRow>> {
                let escaped = $crate::backend::store::like_escape(folded);
                sqlx::query_as::<$db, $crate::backend::store::ProductRow>(sql::SEARCH_PRODUCTS)
                    .bind(format!("%{escaped}%"))
                    .bind(format!("{escaped}%"))
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn products_starting_with(
                &self,
                folded: &str,
                limit: i64,
            ) -> StoreResult<Vec<$crate::backend::store::ProductRow>> {
                let escaped = $crate::backend::store::like_escape(folded);
                sqlx::query_as::<$db, $crate::backend::store::ProductRow>(
                    sql::PRODUCTS_STARTING_WITH,
                )
                .bind(format!("{escaped}%"))
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(StoreError::from_sqlx)
            }

            async fn find_product(
                &self,
                folded: &str,
            ) -> StoreResult<Option<$crate::backend::store::ProductRow>> {
                sqlx::query_as::<$db, $crate::backend::store::ProductRow>(
                    sql::FIND_PRODUCT_BY_SEARCH_NAME,
                )
                .bind(folded)
                .fetch_optional(&self.pool)
                .await
                .map_err(StoreError::from_sqlx)
            }

            async fn case_mail(
                &self,
                thread_token: &str,
            ) -> StoreResult<$crate::backend::store::CaseMailRow> {
                sqlx::query_as::<$db, $crate::backend::store::CaseMailRow>(sql::CASE_MAIL)
                    .bind(thread_token)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn case_summary(
                &self,
                number: $crate::domain::CaseNumber,
            ) -> StoreResult<Option<$crate::backend::store::CaseSummaryRow>> {
                sqlx::query_as::<$db, $crate::backend::store::CaseSummaryRow>(sql::CASE_SUMMARY)
                    .bind(number)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }
        }
    };
}
pub(crate) use impl_cases_store;

#[cfg(test)]
mod tests {
    #[test]
    fn like_patterns_match_literally() {
        assert_eq!(super::like_escape("50%_a\\b"), "50\\%\\_a\\\\b");
        assert_eq!(super::like_escape("qapter"), "qapter");
    }
}
