//! People: customers’ contacts and staff, their passwords (real and temporary), and contacts as staff
//! manage them.

use super::*;

/// Input for a new person. `email` must already be normalized.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Lower-case email, unique: the username.
    pub email: String,
    /// Full name.
    pub name: String,
    /// Phone.
    pub phone: String,
    /// Role code (`customer`, `agent`, `admin`).
    pub role: crate::domain::Role,
    /// Language code.
    pub language: crate::domain::Language,
    /// The company, for customers only.
    pub account_id: Option<AccountId>,
    /// Whether the person may sign in.
    pub active: bool,
    /// argon2id PHC string, if a password is set.
    pub password_hash: Option<String>,
}

/// A person as stored. Holds the password hash, so it never leaves the server (no `Serialize`).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct UserRow {
    /// Id.
    pub id: UserId,
    /// Lower-case email.
    pub email: String,
    /// Full name.
    pub name: String,
    /// Phone.
    pub phone: String,
    /// Role code.
    pub role: Role,
    /// Language code.
    pub language: Language,
    /// Company (customers).
    pub account_id: Option<AccountId>,
    /// May sign in.
    pub active: bool,
    /// argon2id PHC string.
    pub password_hash: Option<String>,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// Staff: emailed about every new case.
    pub notify_new_cases: bool,
    /// Staff: emailed about customer replies on the cases assigned to them.
    pub notify_replies: bool,
}

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
    pub role: Role,
    /// Language code.
    pub language: Language,
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
    pub language: Language,
    /// Has portal access.
    pub active: bool,
    /// Has set a password.
    pub has_password: bool,
    /// Added.
    pub created_at: DateTime<Utc>,
    /// Last welcome email (set-password link) sent.
    pub invited_at: Option<DateTime<Utc>>,
}

/// A staff member as admins see them (no password hash, only whether one is set).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StaffRow {
    /// Id.
    pub id: UserId,
    /// Email.
    pub email: String,
    /// Name.
    pub name: String,
    /// Agent or admin.
    pub role: Role,
    /// Language code.
    pub language: Language,
    /// May sign in.
    pub active: bool,
    /// Has set a password.
    pub has_password: bool,
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

impl Store {
    /// Adds a person; a taken email is `Conflict { users_email_key }`.
    pub async fn insert_user(&self, u: &NewUser) -> StoreResult<UserId> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, UserId>(sql::INSERT_USER)
                .bind(&u.email)
                .bind(&u.name)
                .bind(&u.phone)
                .bind(u.role)
                .bind(u.language)
                .bind(u.account_id)
                .bind(u.active)
                .bind(&u.password_hash)
                .bind(Utc::now())
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Finds a person by (normalized) email.
    pub async fn find_user_by_email(&self, email: &str) -> StoreResult<Option<UserRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, UserRow>(sql::FIND_USER_BY_EMAIL)
                .bind(email)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// A person by id.
    pub async fn get_user(&self, id: UserId) -> StoreResult<UserRow> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, UserRow>(sql::FIND_USER_BY_ID)
                .bind(id)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Sets a new password hash, drops any temporary password, and ends every other session of the
    /// user (all of them when `keep` is `None`; `keep` may then work normally again), in one
    /// transaction. Returns how many sessions ended.
    pub async fn update_password(
        &self,
        user: UserId,
        hash: &str,
        keep: Option<i64>,
    ) -> StoreResult<u64> {
        let mut tx = self.begin().await?;
        tx!(tx, |conn, DB| sqlx::query::<DB>(sql::UPDATE_PASSWORD)
            .bind(hash)
            .bind(user)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
        let ended = tx!(tx, |conn, DB| sqlx::query::<DB>(sql::DELETE_OTHER_SESSIONS)
            .bind(user)
            .bind(keep.unwrap_or(0))
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
        if let Some(keep) = keep {
            tx!(tx, |conn, DB| sqlx::query::<DB>(sql::CLEAR_MUST_CHANGE)
                .bind(keep)
                .execute(conn)
                .await
                .map(|r| r.rows_affected()))?;
        }
        tx.commit().await?;
        Ok(ended)
    }

    /// A person by email, with both password hashes.
    pub async fn find_sign_in_user(&self, email: &str) -> StoreResult<Option<SignInUserRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, SignInUserRow>(sql::FIND_SIGN_IN_USER)
                .bind(email)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Forgets a temporary password (its owner signed in with the real one).
    pub async fn clear_temp_password(&self, user: UserId) -> StoreResult<()> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::CLEAR_TEMP_PASSWORD)
                .bind(user)
                .execute(pool)
                .await
                .map_err(StoreError::from_sqlx)?;
            Ok(())
        })
    }

    /// Grants a temporary password beside the real one.
    pub async fn set_temp_password(
        &self,
        user: UserId,
        hash: &str,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::SET_TEMP_PASSWORD)
                .bind(user)
                .bind(hash)
                .bind(expires_at)
                .execute(pool)
                .await
                .map_err(StoreError::from_sqlx)?;
            Ok(())
        })
    }

    /// A company's contacts, by name.
    pub async fn list_contacts(&self, account: AccountId) -> StoreResult<Vec<ContactRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, ContactRow>(sql::LIST_CONTACTS)
                .bind(account)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Adds an invited person: a company's contact (checking the company's limit when they get
    /// portal access) or a staff member, with their set-password link and email (`welcome`), in
    /// one transaction.
    pub async fn insert_invited(
        &self,
        u: &NewUser,
        welcome: Option<JobFor>,
    ) -> StoreResult<UserId> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let id = tx.insert_invited(u, welcome, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes a contact, checking the limit when access is granted; taking access away, or
    /// changing the email, ends the contact's sessions, links and temporary password at once.
    /// Returns how many sessions ended.
    pub async fn update_contact(
        &self,
        id: UserId,
        account: AccountId,
        c: &ContactUpdate,
        welcome: Option<JobFor>,
    ) -> StoreResult<u64> {
        let now = Utc::now();
        let mut tx = self.begin().await?;
        if c.active {
            check_contact_limit(&mut tx, account, id).await?;
        }
        let changed = tx!(tx, |conn, DB| sqlx::query::<DB>(sql::UPDATE_CONTACT)
            .bind(id)
            .bind(&c.email)
            .bind(&c.name)
            .bind(&c.phone)
            .bind(c.language)
            .bind(c.active)
            .bind(account)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        let mut ended = 0;
        if !c.active || c.email_changed {
            ended = tx!(tx, |conn, DB| sqlx::query::<DB>(sql::DELETE_USER_SESSIONS)
                .bind(id)
                .execute(conn)
                .await
                .map(|r| r.rows_affected()))?;
            tx!(tx, |conn, DB| sqlx::query::<DB>(
                sql::DELETE_UNUSED_PASSWORD_TOKENS
            )
            .bind(id)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
            tx!(tx, |conn, DB| sqlx::query::<DB>(sql::CLEAR_TEMP_PASSWORD)
                .bind(id)
                .execute(conn)
                .await
                .map(|r| r.rows_affected()))?;
        }
        if let Some(welcome) = welcome {
            store_welcome(&mut tx, id, welcome, now).await?;
        }
        tx.commit().await?;
        Ok(ended)
    }

    /// Every agent and admin, by name.
    pub async fn list_staff(&self) -> StoreResult<Vec<StaffRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, StaffRow>(sql::LIST_STAFF)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Staff who asked for an email about every new case (active ones), by id.
    pub async fn staff_told_of_new_cases(&self) -> StoreResult<Vec<UserId>> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, UserId>(sql::STAFF_TOLD_OF_NEW_CASES)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Saves a person's own language and time zone.
    pub async fn set_user_settings(
        &self,
        user: UserId,
        language: Language,
        time_zone: &str,
    ) -> StoreResult<()> {
        let changed = db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::SET_USER_SETTINGS)
                .bind(user)
                .bind(language)
                .bind(time_zone)
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

    /// Saves a person's own language (the header's switch).
    pub async fn set_user_language(&self, user: UserId, language: Language) -> StoreResult<()> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::SET_USER_LANGUAGE)
                .bind(user)
                .bind(language)
                .execute(pool)
                .await
                .map(|_| ())
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Saves `time_zone` as the person's zone if they have none yet; whether it did.
    pub async fn guess_user_time_zone(&self, user: UserId, time_zone: &str) -> StoreResult<bool> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::GUESS_USER_TIME_ZONE)
                .bind(user)
                .bind(time_zone)
                .execute(pool)
                .await
                .map(|r| r.rows_affected() == 1)
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Sets which emails staff member `user` asks for (`NotFound` for anyone not staff).
    pub async fn set_desk_emails(
        &self,
        user: UserId,
        new_cases: bool,
        replies: bool,
    ) -> StoreResult<()> {
        let changed = db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::SET_DESK_EMAILS)
                .bind(user)
                .bind(new_cases)
                .bind(replies)
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

    /// Sets a staff member's role and whether they may sign in; deactivating ends their sessions,
    /// links and temporary password at once. `NotFound` for anyone not staff. Returns how many
    /// sessions ended.
    pub async fn update_staff(&self, id: UserId, role: Role, active: bool) -> StoreResult<u64> {
        let mut tx = self.begin().await?;
        let changed = tx!(tx, |conn, DB| sqlx::query::<DB>(sql::UPDATE_STAFF)
            .bind(id)
            .bind(role)
            .bind(active)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        let mut ended = 0;
        if !active {
            ended = tx!(tx, |conn, DB| sqlx::query::<DB>(sql::DELETE_USER_SESSIONS)
                .bind(id)
                .execute(conn)
                .await
                .map(|r| r.rows_affected()))?;
            for statement in [sql::DELETE_UNUSED_PASSWORD_TOKENS, sql::CLEAR_TEMP_PASSWORD] {
                tx!(tx, |conn, DB| sqlx::query::<DB>(statement)
                    .bind(id)
                    .execute(conn)
                    .await
                    .map(|r| r.rows_affected()))?;
            }
        }
        tx.commit().await?;
        Ok(ended)
    }
}

impl Tx {
    /// Inserts person `u` inside a change: within their company's portal-contact limit when they
    /// have access, with the welcome job `welcome` (a set-password link) if given.
    pub async fn insert_invited(
        &mut self,
        u: &NewUser,
        welcome: Option<JobFor>,
        now: DateTime<Utc>,
    ) -> StoreResult<UserId> {
        if let Some(account) = u.account_id
            && u.active
        {
            check_contact_limit(self, account, UserId(0)).await?;
        }
        let id = tx!(self, |conn, DB| {
            sqlx::query_scalar::<DB, UserId>(sql::INSERT_USER)
                .bind(&u.email)
                .bind(&u.name)
                .bind(&u.phone)
                .bind(u.role)
                .bind(u.language)
                .bind(u.account_id)
                .bind(u.active)
                .bind(&u.password_hash)
                .bind(now)
                .fetch_one(conn)
                .await
        })?;
        if let Some(welcome) = welcome {
            store_welcome(self, id, welcome, now).await?;
        }
        Ok(id)
    }
}
