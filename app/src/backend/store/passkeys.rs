//! Passkeys: a person's WebAuthn credentials and the ceremonies on their way (adding one, signing
//! in with one).

use super::*;

mod sql {
    pub const LIST: &str = "SELECT id, user_id, credential_id, user_handle, name, credential, \
         created_at, last_used_at FROM passkeys WHERE user_id = $1 ORDER BY created_at, id";
    pub const BY_CREDENTIAL: &str = "SELECT p.id, p.user_id, p.credential_id, p.user_handle, \
         p.name, p.credential, p.created_at, p.last_used_at FROM passkeys p \
         JOIN users u ON u.id = p.user_id WHERE p.credential_id = $1 AND u.active";
    pub const USER_HANDLE: &str = "SELECT user_handle FROM passkeys WHERE user_id = $1 LIMIT 1";
    pub const INSERT: &str = "INSERT INTO passkeys \
         (user_id, credential_id, user_handle, name, credential, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)";
    pub const USED: &str = "UPDATE passkeys SET credential = $2, last_used_at = $3 WHERE id = $1";
    pub const DELETE: &str = "DELETE FROM passkeys WHERE id = $1 AND user_id = $2";
    pub const DELETE_ALL: &str = "DELETE FROM passkeys WHERE user_id = $1";
    pub const INSERT_CEREMONY: &str = "INSERT INTO passkey_ceremonies \
         (token_hash, user_id, name, state, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)";
    pub const TAKE_CEREMONY: &str = "DELETE FROM passkey_ceremonies \
         WHERE token_hash = $1 AND expires_at > $2 RETURNING user_id, name, state";
    pub const DELETE_OLD_CEREMONIES: &str = "DELETE FROM passkey_ceremonies WHERE expires_at <= $1";
}

/// A person's passkey.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PasskeyRow {
    /// Its id.
    pub id: i64,
    /// Whose it is.
    pub user_id: UserId,
    /// The credential's id, base64url.
    pub credential_id: String,
    /// The user handle its authenticator keeps (a UUID).
    pub user_handle: String,
    /// The name its owner gave it.
    pub name: String,
    /// webauthn-rs's credential, JSON.
    pub credential: String,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// When it last signed its owner in.
    pub last_used_at: Option<DateTime<Utc>>,
}

/// A passkey to keep.
#[derive(Debug, Clone, Copy)]
pub struct NewPasskey<'a> {
    /// Whose it is.
    pub user: UserId,
    /// The credential's id, base64url.
    pub credential_id: &'a str,
    /// The user handle its authenticator keeps.
    pub user_handle: &'a str,
    /// Its name.
    pub name: &'a str,
    /// webauthn-rs's credential, JSON.
    pub credential: &'a str,
}

/// A passkey ceremony taken back by the request that finishes it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CeremonyRow {
    /// The person adding a passkey (`None`: a sign-in).
    pub user_id: Option<UserId>,
    /// The passkey's name to be (adding one), or empty.
    pub name: String,
    /// webauthn-rs's state, JSON.
    pub state: String,
}

impl Store {
    /// The person's passkeys, oldest first.
    pub async fn passkeys(&self, user: UserId) -> StoreResult<Vec<PasskeyRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, PasskeyRow>(sql::LIST)
                .bind(user)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The passkey with this credential id, if its person is active.
    pub async fn passkey_by_credential(
        &self,
        credential_id: &str,
    ) -> StoreResult<Option<PasskeyRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, PasskeyRow>(sql::BY_CREDENTIAL)
                .bind(credential_id)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The user handle of the person's passkeys (`None`: they have none yet).
    pub async fn passkey_user_handle(&self, user: UserId) -> StoreResult<Option<String>> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, String>(sql::USER_HANDLE)
                .bind(user)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Keeps a new passkey; `Conflict` when its credential is someone's already.
    pub async fn insert_passkey(&self, new: NewPasskey<'_>, now: DateTime<Utc>) -> StoreResult<()> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::INSERT)
                .bind(new.user)
                .bind(new.credential_id)
                .bind(new.user_handle)
                .bind(new.name)
                .bind(new.credential)
                .bind(now)
                .execute(pool)
                .await
                .map(|_| ())
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Records a sign-in with passkey `id`: its credential as it is now (the signature counter)
    /// and when.
    pub async fn passkey_used(
        &self,
        id: i64,
        credential: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::USED)
                .bind(id)
                .bind(credential)
                .bind(now)
                .execute(pool)
                .await
                .map(|_| ())
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Removes the person's passkey `id`: `false` when they have no such passkey.
    pub async fn delete_passkey(&self, user: UserId, id: i64) -> StoreResult<bool> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::DELETE)
                .bind(id)
                .bind(user)
                .execute(pool)
                .await
                .map(|r| r.rows_affected() == 1)
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Removes all the person's passkeys (erasure).
    pub async fn delete_passkeys(&self, user: UserId) -> StoreResult<()> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::DELETE_ALL)
                .bind(user)
                .execute(pool)
                .await
                .map(|_| ())
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Keeps a ceremony on its way (only the token's hash); expired ones go.
    pub async fn insert_passkey_ceremony(
        &self,
        token_hash: &str,
        user: Option<UserId>,
        name: &str,
        state: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        tx!(tx, |conn, DB| sqlx::query::<DB>(sql::DELETE_OLD_CEREMONIES)
            .bind(now)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
        tx!(tx, |conn, DB| sqlx::query::<DB>(sql::INSERT_CEREMONY)
            .bind(token_hash)
            .bind(user)
            .bind(name)
            .bind(state)
            .bind(now)
            .bind(expires_at)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
        tx.commit().await
    }

    /// Takes (deletes and returns) the unexpired ceremony with this token hash: of two requests
    /// with the same token, one gets it.
    pub async fn take_passkey_ceremony(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<CeremonyRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, CeremonyRow>(sql::TAKE_CEREMONY)
                .bind(token_hash)
                .bind(now)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }
}
