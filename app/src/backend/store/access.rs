//! Portal access: set-password links, temporary passwords, reset-request limits, and the staff's
//! view of companies and their contacts (with the per-company limit on portal access).
use super::{AccountRow, NewJob, NewUser, StoreResult, UserRow};
use crate::domain::{AccountId, UserId};
use chrono::{DateTime, Utc};

/// What sign-in needs to know of a person, temporary password included.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SignInUserRow {
    /// Id.
    pub id: UserId,
    /// Email.
    pub email: String,
    /// Name.
    pub name: String,
    /// Role code.
    pub role: String,
    /// Language code.
    pub language: String,
    /// Company.
    pub account_id: Option<AccountId>,
    /// May sign in.
    pub active: bool,
    /// The password's argon2id hash, once set.
    pub password_hash: Option<String>,
    /// A temporary password's hash ("forgot password").
    pub temp_password_hash: Option<String>,
    /// When the temporary password stops working.
    pub temp_password_expires_at: Option<DateTime<Utc>>,
}

/// A set-password link to store (the worker makes it as it sends the welcome email, so the link
/// itself is never stored anywhere but in the email).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordLink {
    /// SHA-256 of the link's token.
    pub token_hash: String,
    /// When the link stops working.
    pub expires_at: DateTime<Utc>,
}

/// The job that welcomes a person once their id is known (inside the transaction that adds them).
pub type JobFor = fn(UserId) -> NewJob;

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

/// A contact as staff see it (no password hash, only whether one is set).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ContactRow {
    /// Id.
    pub id: UserId,
    /// Email.
    pub email: String,
    /// Name.
    pub name: String,
    /// Phone.
    pub phone: String,
    /// Language code.
    pub language: String,
    /// Has portal access.
    pub active: bool,
    /// Has set a password.
    pub has_password: bool,
    /// Added.
    pub created_at: DateTime<Utc>,
    /// Last welcome email (set-password link) sent.
    pub invited_at: Option<DateTime<Utc>>,
}

/// A contact's editable fields. `email` must already be normalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactUpdate {
    /// Email.
    pub email: String,
    /// Name.
    pub name: String,
    /// Phone.
    pub phone: String,
    /// Language code.
    pub language: crate::domain::Language,
    /// Portal access.
    pub active: bool,
    /// The email is not the one stored: whatever was sent to the old address (sessions, links, a
    /// temporary password) stops working.
    pub email_changed: bool,
}

/// Portal access.
#[async_trait::async_trait]
pub trait AccessStore: Send + Sync {
    /// A person by email, with both password hashes.
    async fn find_sign_in_user(&self, email: &str) -> StoreResult<Option<SignInUserRow>>;
    /// Forgets a temporary password (its owner signed in with the real one).
    async fn clear_temp_password(&self, user: UserId) -> StoreResult<()>;

    /// Replaces the user's unused set-password links with `link` (the welcome job does this just
    /// before it sends the link).
    async fn issue_password_token(
        &self,
        user: UserId,
        link: &PasswordLink,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Ends the user's unused set-password links and enqueues `welcome(user)` (which makes the new
    /// link as it sends it), in one transaction.
    async fn queue_welcome(&self, user: UserId, welcome: JobFor) -> StoreResult<()>;
    /// Grants a temporary password beside the real one.
    async fn set_temp_password(
        &self,
        user: UserId,
        hash: &str,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// The active person a usable (unused, unexpired) link belongs to.
    async fn find_password_token_user(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<UserRow>>;
    /// Uses a link: marks it used, sets the password, ends every session and other link of the
    /// user, in one transaction. `None` when the link is unknown, used, expired or its person
    /// deactivated (of two concurrent uses, one gets `None`).
    async fn redeem_password_token(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<UserId>>;

    /// Every company, by name, with contact counts.
    async fn list_accounts(&self) -> StoreResult<Vec<AccountSummaryRow>>;
    /// One company.
    async fn get_account(&self, id: AccountId) -> StoreResult<AccountRow>;
    /// A company's contacts, by name.
    async fn list_contacts(&self, account: AccountId) -> StoreResult<Vec<ContactRow>>;
    /// Sets a company's portal contact limit; `ContactLimitReached { limit: n }` when `n` contacts
    /// already have access and `n > limit`.
    async fn set_contact_limit(&self, account: AccountId, limit: i32) -> StoreResult<()>;
    /// Adds a contact (role customer), checking the company's limit when it gets portal access, and
    /// stores its set-password link and email, in one transaction.
    async fn insert_contact(&self, user: &NewUser, welcome: Option<JobFor>) -> StoreResult<UserId>;
    /// Changes a contact, checking the limit when access is granted; taking access away, or
    /// changing the email, ends the contact's sessions, links and temporary password at once.
    /// Returns how many sessions ended.
    async fn update_contact(
        &self,
        id: UserId,
        account: AccountId,
        update: &ContactUpdate,
        welcome: Option<JobFor>,
    ) -> StoreResult<u64>;
}

/// `AccessStore` for a store type.
macro_rules! impl_access_store {
    ($store:ty, $db:ty) => {
        impl $store {
            /// Locks the company's row and fails when `n` contacts other than `except` have access
            /// and `n >= limit`.
            async fn check_contact_limit(
                tx: &mut sqlx::Transaction<'static, $db>,
                account: $crate::domain::AccountId,
                except: $crate::domain::UserId,
            ) -> StoreResult<()> {
                let limit = sqlx::query_scalar::<$db, i32>(sql::LOCK_ACCOUNT)
                    .bind(account)
                    .fetch_one(&mut **tx)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                let active = sqlx::query_scalar::<$db, i64>(sql::COUNT_ACTIVE_CONTACTS)
                    .bind(account)
                    .bind(except)
                    .fetch_one(&mut **tx)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                if active >= i64::from(limit) {
                    return Err(StoreError::ContactLimitReached { limit });
                }
                Ok(())
            }

            async fn store_welcome(
                tx: &mut sqlx::Transaction<'static, $db>,
                user: $crate::domain::UserId,
                welcome: $crate::backend::store::JobFor,
                now: chrono::DateTime<chrono::Utc>,
            ) -> StoreResult<()> {
                sqlx::query::<$db>(sql::DELETE_UNUSED_PASSWORD_TOKENS)
                    .bind(user)
                    .execute(&mut **tx)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                Self::insert_jobs(tx, &[welcome(user)], now).await
            }
        }

        #[async_trait::async_trait]
        impl $crate::backend::store::AccessStore for $store {
            async fn find_sign_in_user(
                &self,
                email: &str,
            ) -> StoreResult<Option<$crate::backend::store::SignInUserRow>> {
                sqlx::query_as::<$db, $crate::backend::store::SignInUserRow>(sql::FIND_SIGN_IN_USER)
                    .bind(email)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn clear_temp_password(&self, user: $crate::domain::UserId) -> StoreResult<()> {
                sqlx::query::<$db>(sql::CLEAR_TEMP_PASSWORD)
                    .bind(user)
                    .execute(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                Ok(())
            }

            async fn issue_password_token(
                &self,
                user: $crate::domain::UserId,
                link: &$crate::backend::store::PasswordLink,
                now: chrono::DateTime<chrono::Utc>,
            ) -> StoreResult<()> {
                let mut tx = self.begin_write().await?;
                sqlx::query::<$db>(sql::DELETE_UNUSED_PASSWORD_TOKENS)
                    .bind(user)
                    .execute(&mut *tx)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                sqlx::query::<$db>(sql::INSERT_PASSWORD_TOKEN)
                    .bind(user)
                    .bind(&link.token_hash)
                    .bind(link.expires_at)
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                tx.commit().await.map_err(StoreError::from_sqlx)
            }

            async fn queue_welcome(
                &self,
                user: $crate::domain::UserId,
                welcome: $crate::backend::store::JobFor,
            ) -> StoreResult<()> {
                let mut tx = self.begin_write().await?;
                Self::store_welcome(&mut tx, user, welcome, chrono::Utc::now()).await?;
                tx.commit().await.map_err(StoreError::from_sqlx)
            }

            async fn set_temp_password(
                &self,
                user: $crate::domain::UserId,
                hash: &str,
                expires_at: chrono::DateTime<chrono::Utc>,
            ) -> StoreResult<()> {
                sqlx::query::<$db>(sql::SET_TEMP_PASSWORD)
                    .bind(user)
                    .bind(hash)
                    .bind(expires_at)
                    .execute(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                Ok(())
            }

            async fn find_password_token_user(
                &self,
                token_hash: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> StoreResult<Option<UserRow>> {
                sqlx::query_as::<$db, UserRow>(sql::FIND_PASSWORD_TOKEN_USER)
                    .bind(token_hash)
                    .bind(now)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn redeem_password_token(
                &self,
                token_hash: &str,
                password_hash: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> StoreResult<Option<$crate::domain::UserId>> {
                let mut tx = self.begin_write().await?;
                let user =
                    sqlx::query_scalar::<$db, $crate::domain::UserId>(sql::USE_PASSWORD_TOKEN)
                        .bind(token_hash)
                        .bind(now)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(StoreError::from_sqlx)?;
                let Some(user) = user else {
                    return Ok(None);
                };
                sqlx::query::<$db>(sql::UPDATE_PASSWORD)
                    .bind(password_hash)
                    .bind(user)
                    .execute(&mut *tx)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                for statement in [
                    sql::DELETE_USER_SESSIONS,
                    sql::DELETE_UNUSED_PASSWORD_TOKENS,
                ] {
                    sqlx::query::<$db>(statement)
                        .bind(user)
                        .execute(&mut *tx)
                        .await
                        .map_err(StoreError::from_sqlx)?;
                }
                tx.commit().await.map_err(StoreError::from_sqlx)?;
                Ok(Some(user))
            }

            async fn list_accounts(
                &self,
            ) -> StoreResult<Vec<$crate::backend::store::AccountSummaryRow>> {
                sqlx::query_as::<$db, $crate::backend::store::AccountSummaryRow>(sql::LIST_ACCOUNTS)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn get_account(&self, id: $crate::domain::AccountId) -> StoreResult<AccountRow> {
                sqlx::query_as::<$db, AccountRow>(sql::GET_ACCOUNT)
                    .bind(id)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn list_contacts(
                &self,
                account: $crate::domain::AccountId,
            ) -> StoreResult<Vec<$crate::backend::store::ContactRow>> {
                sqlx::query_as::<$db, $crate::backend::store::ContactRow>(sql::LIST_CONTACTS)
                    .bind(account)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(StoreError::from_sqlx)
            }

            async fn set_contact_limit(
                &self,
                account: $crate::domain::AccountId,
                limit: i32,
            ) -> StoreResult<()> {
                let mut tx = self.begin_write().await?;
                sqlx::query_scalar::<$db, i32>(sql::LOCK_ACCOUNT)
                    .bind(account)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                let active = sqlx::query_scalar::<$db, i64>(sql::COUNT_ACTIVE_CONTACTS)
                    .bind(account)
                    .bind($crate::domain::UserId(0))
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                if active > i64::from(limit) {
                    return Err(StoreError::ContactLimitReached {
                        limit: i32::try_from(active).unwrap_or(i32::MAX),
                    });
                }
                sqlx::query::<$db>(sql::UPDATE_ACCOUNT_LIMIT)
                    .bind(account)
                    .bind(limit)
                    .execute(&mut *tx)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                tx.commit().await.map_err(StoreError::from_sqlx)
            }

            async fn insert_contact(
                &self,
                u: &NewUser,
                welcome: Option<$crate::backend::store::JobFor>,
            ) -> StoreResult<$crate::domain::UserId> {
                let now = chrono::Utc::now();
                let account = u.account_id.ok_or(StoreError::NotFound)?;
                let mut tx = self.begin_write().await?;
                if u.active {
                    Self::check_contact_limit(&mut tx, account, $crate::domain::UserId(0)).await?;
                }
                let id = sqlx::query_scalar::<$db, $crate::domain::UserId>(sql::INSERT_USER)
                    .bind(&u.email)
                    .bind(&u.name)
                    .bind(&u.phone)
                    .bind(u.role.code())
                    .bind(u.language.code())
                    .bind(u.account_id)
                    .bind(u.active)
                    .bind(&u.password_hash)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                if let Some(welcome) = welcome {
                    Self::store_welcome(&mut tx, id, welcome, now).await?;
                }
                tx.commit().await.map_err(StoreError::from_sqlx)?;
                Ok(id)
            }

            async fn update_contact(
                &self,
                id: $crate::domain::UserId,
                account: $crate::domain::AccountId,
                c: &$crate::backend::store::ContactUpdate,
                welcome: Option<$crate::backend::store::JobFor>,
            ) -> StoreResult<u64> {
                let now = chrono::Utc::now();
                let mut tx = self.begin_write().await?;
                if c.active {
                    Self::check_contact_limit(&mut tx, account, id).await?;
                }
                let changed = sqlx::query::<$db>(sql::UPDATE_CONTACT)
                    .bind(id)
                    .bind(&c.email)
                    .bind(&c.name)
                    .bind(&c.phone)
                    .bind(c.language.code())
                    .bind(c.active)
                    .bind(account)
                    .execute(&mut *tx)
                    .await
                    .map_err(StoreError::from_sqlx)?
                    .rows_affected();
                if changed == 0 {
                    return Err(StoreError::NotFound);
                }
                let mut ended = 0;
                if !c.active || c.email_changed {
                    ended = sqlx::query::<$db>(sql::DELETE_USER_SESSIONS)
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(StoreError::from_sqlx)?
                        .rows_affected();
                    sqlx::query::<$db>(sql::DELETE_UNUSED_PASSWORD_TOKENS)
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(StoreError::from_sqlx)?;
                    sqlx::query::<$db>(sql::CLEAR_TEMP_PASSWORD)
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(StoreError::from_sqlx)?;
                }
                if let Some(welcome) = welcome {
                    Self::store_welcome(&mut tx, id, welcome, now).await?;
                }
                tx.commit().await.map_err(StoreError::from_sqlx)?;
                Ok(ended)
            }
        }
    };
}
pub(crate) use impl_access_store;
