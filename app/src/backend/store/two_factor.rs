//! Two-factor sign-in: a person's authenticator secret, their recovery codes (hashed) and the
//! sign-ins waiting for their second factor.

use super::*;

mod sql {
    pub const GET_TOTP: &str =
        "SELECT secret, confirmed_at, last_step FROM user_totp WHERE user_id = $1";
    /// A new secret to set up; replaces one that was never confirmed, never a confirmed one.
    pub const PUT_PENDING_TOTP: &str = "INSERT INTO user_totp (user_id, secret, created_at) \
         VALUES ($1, $2, $3) ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, \
         created_at = excluded.created_at, last_step = 0 WHERE user_totp.confirmed_at IS NULL";
    pub const CONFIRM_TOTP: &str = "UPDATE user_totp SET confirmed_at = $2, last_step = $3 \
         WHERE user_id = $1 AND confirmed_at IS NULL";
    /// Takes time step `$2` for the user: only when it is later than the last one taken.
    pub const TAKE_STEP: &str =
        "UPDATE user_totp SET last_step = $2 WHERE user_id = $1 AND last_step < $2";
    pub const DELETE_TOTP: &str = "DELETE FROM user_totp WHERE user_id = $1";
    pub const DELETE_CODES: &str = "DELETE FROM recovery_codes WHERE user_id = $1";
    pub const INSERT_CODE: &str = "INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)";
    pub const USE_CODE: &str = "UPDATE recovery_codes SET used_at = $3 \
         WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL";
    pub const UNUSED_CODES: &str =
        "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL";
    pub const INSERT_CHALLENGE: &str = "INSERT INTO sign_in_challenges \
         (token_hash, user_id, must_change_password, enrol, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)";
    pub const FIND_CHALLENGE: &str = "SELECT c.id, c.user_id, c.must_change_password, c.enrol, \
         u.email, u.role FROM sign_in_challenges c JOIN users u ON u.id = c.user_id \
         WHERE c.token_hash = $1 AND c.expires_at > $2 AND u.active";
    pub const DELETE_CHALLENGE: &str = "DELETE FROM sign_in_challenges WHERE id = $1";
    pub const DELETE_USER_CHALLENGES: &str = "DELETE FROM sign_in_challenges WHERE user_id = $1";
    pub const DELETE_OLD_CHALLENGES: &str = "DELETE FROM sign_in_challenges WHERE expires_at <= $1";
}

/// A person's authenticator app.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TotpRow {
    /// The shared secret, base32.
    pub secret: String,
    /// When they confirmed it with a first code (`None`: still setting it up).
    pub confirmed_at: Option<DateTime<Utc>>,
    /// The last time step a code was accepted for.
    pub last_step: i64,
}

/// A sign-in waiting for its second factor.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ChallengeRow {
    /// Its id.
    pub id: i64,
    /// Whose sign-in it is.
    pub user_id: UserId,
    /// The password was a temporary one: the session may only set a new one.
    pub must_change_password: bool,
    /// The person sets up their authenticator app first (admins require it of staff).
    pub enrol: bool,
    /// Their email (the authenticator app's account name).
    pub email: String,
    /// Their role.
    pub role: Role,
}

impl Store {
    /// The person's authenticator app, confirmed or being set up.
    pub async fn totp(&self, user: UserId) -> StoreResult<Option<TotpRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, TotpRow>(sql::GET_TOTP)
                .bind(user)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Starts setting up an authenticator app with `secret`; `false` (nothing changed) when the
    /// person already has a confirmed one.
    pub async fn put_pending_totp(
        &self,
        user: UserId,
        secret: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::PUT_PENDING_TOTP)
                .bind(user)
                .bind(secret)
                .bind(now)
                .execute(pool)
                .await
                .map(|r| r.rows_affected() == 1)
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Confirms the app being set up (its first code was for time step `step`) and replaces the
    /// recovery codes with `code_hashes`, in one transaction; `false` when there was nothing to
    /// confirm (already confirmed, or never started).
    pub async fn confirm_totp(
        &self,
        user: UserId,
        step: i64,
        code_hashes: &[String],
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let mut tx = self.begin().await?;
        let confirmed = tx!(tx, |conn, DB| sqlx::query::<DB>(sql::CONFIRM_TOTP)
            .bind(user)
            .bind(now)
            .bind(step)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
        if confirmed != 1 {
            return Ok(false);
        }
        replace_codes(&mut tx, user, code_hashes).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Takes time step `step` of the person's app: `false` when a code of that step (or a later
    /// one) was accepted already, so a code seen over someone's shoulder cannot be used again.
    pub async fn take_totp_step(&self, user: UserId, step: i64) -> StoreResult<bool> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::TAKE_STEP)
                .bind(user)
                .bind(step)
                .execute(pool)
                .await
                .map(|r| r.rows_affected() == 1)
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Uses the recovery code with this hash: `false` when it is not one of theirs or was used.
    pub async fn use_recovery_code(
        &self,
        user: UserId,
        code_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::USE_CODE)
                .bind(user)
                .bind(code_hash)
                .bind(now)
                .execute(pool)
                .await
                .map(|r| r.rows_affected() == 1)
                .map_err(StoreError::from_sqlx)
        })
    }

    /// How many of the person's recovery codes are still unused.
    pub async fn unused_recovery_codes(&self, user: UserId) -> StoreResult<i64> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, i64>(sql::UNUSED_CODES)
                .bind(user)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Replaces the person's recovery codes with `code_hashes`.
    pub async fn replace_recovery_codes(
        &self,
        user: UserId,
        code_hashes: &[String],
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        replace_codes(&mut tx, user, code_hashes).await?;
        tx.commit().await
    }

    /// Turns two-factor sign-in off for the person: their app, recovery codes and waiting
    /// sign-ins go.
    pub async fn delete_totp(&self, user: UserId) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        for statement in [
            sql::DELETE_TOTP,
            sql::DELETE_CODES,
            sql::DELETE_USER_CHALLENGES,
        ] {
            tx!(tx, |conn, DB| sqlx::query::<DB>(statement)
                .bind(user)
                .execute(conn)
                .await
                .map(|r| r.rows_affected()))?;
        }
        tx.commit().await
    }

    /// Keeps a sign-in waiting for its second factor (only the token's hash); expired ones go.
    pub async fn insert_challenge(
        &self,
        token_hash: &str,
        user: UserId,
        must_change_password: bool,
        enrol: bool,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        tx!(tx, |conn, DB| sqlx::query::<DB>(sql::DELETE_OLD_CHALLENGES)
            .bind(now)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
        tx!(tx, |conn, DB| sqlx::query::<DB>(sql::INSERT_CHALLENGE)
            .bind(token_hash)
            .bind(user)
            .bind(must_change_password)
            .bind(enrol)
            .bind(now)
            .bind(expires_at)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
        tx.commit().await
    }

    /// The unexpired sign-in of an active person with this token hash.
    pub async fn find_challenge(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<ChallengeRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, ChallengeRow>(sql::FIND_CHALLENGE)
                .bind(token_hash)
                .bind(now)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Ends a waiting sign-in: `false` when another request ended it first (of two requests with
    /// the same right code, one opens a session).
    pub async fn delete_challenge(&self, id: i64) -> StoreResult<bool> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::DELETE_CHALLENGE)
                .bind(id)
                .execute(pool)
                .await
                .map(|r| r.rows_affected() == 1)
                .map_err(StoreError::from_sqlx)
        })
    }
}

async fn replace_codes(tx: &mut Tx, user: UserId, code_hashes: &[String]) -> StoreResult<()> {
    tx!(tx, |conn, DB| sqlx::query::<DB>(sql::DELETE_CODES)
        .bind(user)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    for hash in code_hashes {
        tx!(tx, |conn, DB| sqlx::query::<DB>(sql::INSERT_CODE)
            .bind(user)
            .bind(hash)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
    }
    Ok(())
}
