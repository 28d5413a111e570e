//! Companies (accounts): adding, finding and listing them, and their portal-contact limit.

use super::*;

/// Input for a new company.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// Company name, unique regardless of case.
    pub name: String,
    /// Company phone.
    pub phone: String,
    /// Country name as shown to people.
    pub country: String,
    /// How many contacts may have portal access.
    pub portal_contact_limit: i32,
}

/// A company as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AccountRow {
    /// Id.
    pub id: AccountId,
    /// Name.
    pub name: String,
    /// Phone.
    pub phone: String,
    /// Country.
    pub country: String,
    /// Portal contact limit.
    pub portal_contact_limit: i32,
    /// When it was added.
    pub created_at: DateTime<Utc>,
}

/// A company in the staff's list.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AccountSummaryRow {
    /// Id.
    pub id: AccountId,
    /// Name.
    pub name: String,
    /// Phone.
    pub phone: String,
    /// Country.
    pub country: String,
    /// Portal contact limit.
    pub portal_contact_limit: i32,
    /// Contacts in all.
    pub contacts: i64,
    /// Contacts with portal access.
    pub with_access: i64,
}

impl Store {
    /// Adds a company.
    pub async fn insert_account(&self, a: &NewAccount) -> StoreResult<AccountId> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, AccountId>(sql::INSERT_ACCOUNT)
                .bind(&a.name)
                .bind(&a.phone)
                .bind(&a.country)
                .bind(a.portal_contact_limit)
                .bind(Utc::now())
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Finds a company by name, ignoring case.
    pub async fn find_account_by_name(&self, name: &str) -> StoreResult<Option<AccountRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, AccountRow>(sql::FIND_ACCOUNT_BY_NAME)
                .bind(name)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Counts companies.
    pub async fn count_accounts(&self) -> StoreResult<i64> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, i64>(sql::COUNT_ACCOUNTS)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Every company, by name, with contact counts.
    pub async fn list_accounts(&self) -> StoreResult<Vec<AccountSummaryRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, AccountSummaryRow>(sql::LIST_ACCOUNTS)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The first `limit` companies by name, id and name only (the queue's company filter).
    pub async fn account_names(&self, limit: i64) -> StoreResult<Vec<(AccountId, String)>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, (AccountId, String)>(sql::ACCOUNT_NAMES)
                .bind(limit)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Changes a company's name, phone and country (`Conflict` on `accounts_name_key` when
    /// another company has the name; `NotFound` when there is no such company).
    pub async fn update_account(
        &self,
        id: AccountId,
        name: &str,
        phone: &str,
        country: &str,
    ) -> StoreResult<()> {
        let changed = db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::UPDATE_ACCOUNT)
                .bind(id)
                .bind(name)
                .bind(phone)
                .bind(country)
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
                .map_err(StoreError::from_sqlx)
        })?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// One company.
    pub async fn get_account(&self, id: AccountId) -> StoreResult<AccountRow> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, AccountRow>(sql::GET_ACCOUNT)
                .bind(id)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Sets a company's portal contact limit; `ContactLimitReached { limit: n }` when `n` contacts
    /// already have access and `n > limit`.
    pub async fn set_contact_limit(&self, account: AccountId, limit: i32) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        tx!(tx, |conn, DB| sqlx::query_scalar::<DB, i32>(
            sql::LOCK_ACCOUNT
        )
        .bind(account)
        .fetch_one(conn)
        .await)?;
        let active = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, i64>(
            sql::COUNT_ACTIVE_CONTACTS
        )
        .bind(account)
        .bind(UserId(0))
        .fetch_one(conn)
        .await)?;
        if active > i64::from(limit) {
            return Err(StoreError::ContactLimitReached {
                limit: i32::try_from(active).unwrap_or(i32::MAX),
            });
        }
        tx!(tx, |conn, DB| sqlx::query::<DB>(sql::UPDATE_ACCOUNT_LIMIT)
            .bind(account)
            .bind(limit)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
        tx.commit().await
    }
}

/// Locks the company's row (ordering concurrent contact changes of one company) and fails when `n`
/// contacts other than `except` have access and `n >= limit`.
pub(super) async fn check_contact_limit(
    tx: &mut Tx,
    account: AccountId,
    except: UserId,
) -> StoreResult<()> {
    let limit = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, i32>(
        sql::LOCK_ACCOUNT
    )
    .bind(account)
    .fetch_one(conn)
    .await)?;
    let active = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, i64>(
        sql::COUNT_ACTIVE_CONTACTS
    )
    .bind(account)
    .bind(except)
    .fetch_one(conn)
    .await)?;
    if active >= i64::from(limit) {
        return Err(StoreError::ContactLimitReached { limit });
    }
    Ok(())
}
