//! Single sign-on: the identity providers admins register, the sign-ins on their way through one,
//! and which identity at a provider each person signed in as.

use super::*;
use crate::domain::IdentityProviderId;

mod sql {
    pub const ALL: &str = "SELECT id, name, issuer, client_id, client_secret, allowed_domains, \
         for_staff, active FROM identity_providers ORDER BY lower(name), id";
    pub const ONE: &str = "SELECT id, name, issuer, client_id, client_secret, allowed_domains, \
         for_staff, active FROM identity_providers WHERE id = $1";
    pub const BUTTONS: &str =
        "SELECT id, name FROM identity_providers WHERE active ORDER BY lower(name), id";
    pub const COMPANIES: &str =
        "SELECT account_id FROM identity_provider_companies WHERE provider_id = $1";
    pub const SERVES_COMPANY: &str = "SELECT COUNT(*) FROM identity_provider_companies \
         WHERE provider_id = $1 AND account_id = $2";
    pub const INSERT: &str = "INSERT INTO identity_providers (name, issuer, client_id, \
         client_secret, allowed_domains, for_staff, active, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id";
    /// An empty secret keeps the one kept.
    pub const UPDATE: &str = "UPDATE identity_providers SET name = $2, issuer = $3, \
         client_id = $4, client_secret = CASE WHEN $5 = '' THEN client_secret ELSE $5 END, \
         allowed_domains = $6, for_staff = $7, active = $8, updated_at = $9 WHERE id = $1";
    pub const CLEAR_COMPANIES: &str =
        "DELETE FROM identity_provider_companies WHERE provider_id = $1";
    pub const ADD_COMPANY: &str =
        "INSERT INTO identity_provider_companies (provider_id, account_id) VALUES ($1, $2)";
    pub const DELETE: &str = "DELETE FROM identity_providers WHERE id = $1";
    pub const DELETE_OLD_FLOWS: &str = "DELETE FROM sso_sign_ins WHERE expires_at <= $1";
    pub const INSERT_FLOW: &str = "INSERT INTO sso_sign_ins (token_hash, provider_id, state, \
         nonce, pkce_verifier, next, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    /// Takes the sign-in: whoever deletes the row has it, once.
    pub const TAKE_FLOW: &str = "DELETE FROM sso_sign_ins WHERE token_hash = $1 \
         RETURNING provider_id, state, nonce, pkce_verifier, next, expires_at";
    pub const SUBJECT_OF: &str =
        "SELECT subject FROM user_identities WHERE provider_id = $1 AND user_id = $2";
    pub const USER_OF: &str =
        "SELECT user_id FROM user_identities WHERE provider_id = $1 AND subject = $2";
    pub const LINK: &str = "INSERT INTO user_identities (provider_id, user_id, subject, \
         linked_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";
}

/// An identity provider as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ProviderRow {
    /// Id.
    pub id: IdentityProviderId,
    /// The button's name.
    pub name: String,
    /// The issuer URL.
    pub issuer: String,
    /// Portico's client id there.
    pub client_id: String,
    /// Portico's client secret there.
    pub client_secret: String,
    /// The email domains it may vouch for, space-separated.
    pub allowed_domains: String,
    /// It serves staff.
    pub for_staff: bool,
    /// Offered and accepted.
    pub active: bool,
}

/// A provider as an admin saved it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderChange<'a> {
    /// The button's name.
    pub name: &'a str,
    /// The issuer URL.
    pub issuer: &'a str,
    /// The client id.
    pub client_id: &'a str,
    /// The client secret; empty keeps the one kept (an existing provider only).
    pub client_secret: &'a str,
    /// Domains, space-separated.
    pub allowed_domains: &'a str,
    /// It serves staff.
    pub for_staff: bool,
    /// Offered.
    pub active: bool,
    /// The companies it serves.
    pub companies: &'a [AccountId],
}

/// A sign-in on its way through a provider, as its callback takes it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SsoFlowRow {
    /// The provider.
    pub provider_id: IdentityProviderId,
    /// The `state` sent.
    pub state: String,
    /// The nonce the ID token must carry.
    pub nonce: String,
    /// The PKCE verifier.
    pub pkce_verifier: String,
    /// Where to go after signing in (a local path).
    pub next: String,
    /// Until when it may be finished.
    pub expires_at: DateTime<Utc>,
}

/// A sign-in to keep until its callback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSsoFlow<'a> {
    /// SHA-256 of the browser's token.
    pub token_hash: &'a str,
    /// The provider.
    pub provider: IdentityProviderId,
    /// The `state` sent.
    pub state: &'a str,
    /// The nonce sent.
    pub nonce: &'a str,
    /// The PKCE verifier.
    pub pkce_verifier: &'a str,
    /// Where to go after.
    pub next: &'a str,
}

impl Store {
    /// Every provider, by name.
    pub async fn identity_providers(&self) -> StoreResult<Vec<ProviderRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, ProviderRow>(sql::ALL)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// One provider.
    pub async fn identity_provider(
        &self,
        id: IdentityProviderId,
    ) -> StoreResult<Option<ProviderRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, ProviderRow>(sql::ONE)
                .bind(id)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The active providers' ids and names (the sign-in page's buttons).
    pub async fn provider_buttons(&self) -> StoreResult<Vec<(IdentityProviderId, String)>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, (IdentityProviderId, String)>(sql::BUTTONS)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The companies a provider serves.
    pub async fn provider_companies(&self, id: IdentityProviderId) -> StoreResult<Vec<AccountId>> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, AccountId>(sql::COMPANIES)
                .bind(id)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Whether a provider serves a company's contacts.
    pub async fn provider_serves(
        &self,
        id: IdentityProviderId,
        company: AccountId,
    ) -> StoreResult<bool> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, i64>(sql::SERVES_COMPANY)
                .bind(id)
                .bind(company)
                .fetch_one(pool)
                .await
                .map(|n| n > 0)
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Adds a provider (`id` `None`) or changes one, with the companies it serves, in one
    /// transaction; `NotFound` for a provider that is not there.
    pub async fn save_identity_provider(
        &self,
        id: Option<IdentityProviderId>,
        change: &ProviderChange<'_>,
        now: DateTime<Utc>,
    ) -> StoreResult<IdentityProviderId> {
        let mut tx = self.begin().await?;
        let id = match id {
            None => tx!(tx, |conn, DB| sqlx::query_scalar::<DB, IdentityProviderId>(
                sql::INSERT
            )
            .bind(change.name)
            .bind(change.issuer)
            .bind(change.client_id)
            .bind(change.client_secret)
            .bind(change.allowed_domains)
            .bind(change.for_staff)
            .bind(change.active)
            .bind(now)
            .fetch_one(conn)
            .await)?,
            Some(id) => {
                let changed = tx!(tx, |conn, DB| sqlx::query::<DB>(sql::UPDATE)
                    .bind(id)
                    .bind(change.name)
                    .bind(change.issuer)
                    .bind(change.client_id)
                    .bind(change.client_secret)
                    .bind(change.allowed_domains)
                    .bind(change.for_staff)
                    .bind(change.active)
                    .bind(now)
                    .execute(conn)
                    .await
                    .map(|r| r.rows_affected()))?;
                if changed == 0 {
                    return Err(StoreError::NotFound);
                }
                tx!(tx, |conn, DB| sqlx::query::<DB>(sql::CLEAR_COMPANIES)
                    .bind(id)
                    .execute(conn)
                    .await
                    .map(|r| r.rows_affected()))?;
                id
            }
        };
        for company in change.companies {
            tx!(tx, |conn, DB| sqlx::query::<DB>(sql::ADD_COMPANY)
                .bind(id)
                .bind(*company)
                .execute(conn)
                .await
                .map(|r| r.rows_affected()))?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Removes a provider (with its sign-ins under way and its people's links); `false` when there
    /// was none.
    pub async fn delete_identity_provider(&self, id: IdentityProviderId) -> StoreResult<bool> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::DELETE)
                .bind(id)
                .execute(pool)
                .await
                .map(|r| r.rows_affected() > 0)
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Keeps a sign-in under way until its callback (expired ones go).
    pub async fn insert_sso_flow(
        &self,
        flow: &NewSsoFlow<'_>,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        tx!(tx, |conn, DB| sqlx::query::<DB>(sql::DELETE_OLD_FLOWS)
            .bind(now)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
        tx!(tx, |conn, DB| sqlx::query::<DB>(sql::INSERT_FLOW)
            .bind(flow.token_hash)
            .bind(flow.provider)
            .bind(flow.state)
            .bind(flow.nonce)
            .bind(flow.pkce_verifier)
            .bind(flow.next)
            .bind(now)
            .bind(expires_at)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
        tx.commit().await
    }

    /// Takes (removes) the sign-in under way with this token hash, expired or not: it can be
    /// finished once.
    pub async fn take_sso_flow(&self, token_hash: &str) -> StoreResult<Option<SsoFlowRow>> {
        let mut tx = self.begin().await?;
        let row = tx!(tx, |conn, DB| sqlx::query_as::<DB, SsoFlowRow>(
            sql::TAKE_FLOW
        )
        .bind(token_hash)
        .fetch_optional(conn)
        .await)?;
        tx.commit().await?;
        Ok(row)
    }

    /// The identity a person signed in as at a provider, if they ever did.
    pub async fn identity_subject(
        &self,
        provider: IdentityProviderId,
        user: UserId,
    ) -> StoreResult<Option<String>> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, String>(sql::SUBJECT_OF)
                .bind(provider)
                .bind(user)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The person an identity at a provider signed in as, if any.
    pub async fn identity_user(
        &self,
        provider: IdentityProviderId,
        subject: &str,
    ) -> StoreResult<Option<UserId>> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, UserId>(sql::USER_OF)
                .bind(provider)
                .bind(subject)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Remembers that `user` signed in as `subject` at `provider` (nothing if already known).
    pub async fn link_identity(
        &self,
        provider: IdentityProviderId,
        user: UserId,
        subject: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::LINK)
                .bind(provider)
                .bind(user)
                .bind(subject)
                .bind(now)
                .execute(pool)
                .await
                .map(|_| ())
                .map_err(StoreError::from_sqlx)
        })
    }
}
