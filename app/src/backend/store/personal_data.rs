//! A person's data: everything Portico holds about them, read for an export, and their erasure.

use super::*;

mod sql {
    pub const PROFILE: &str = "SELECT u.id, u.email, u.name, u.phone, u.role, u.language, \
         u.time_zone, u.active, u.created_at, a.name AS company, u.notify_new_cases, \
         u.notify_replies, (t.confirmed_at IS NOT NULL) AS two_factor \
         FROM users u LEFT JOIN accounts a ON a.id = u.account_id \
         LEFT JOIN user_totp t ON t.user_id = u.id WHERE u.id = $1";
    pub const CASES: &str = "SELECT number, subject, description, status, origin, resolution, \
         opened_at, closed_at FROM cases WHERE contact_id = $1 ORDER BY number";
    pub const COMMENTS: &str = "SELECT c.number AS case_number, m.body, m.public, m.created_at \
         FROM case_comments m JOIN cases c ON c.id = m.case_id WHERE m.author_id = $1 \
         ORDER BY m.created_at, m.id";
    pub const FILES: &str = "SELECT f.id, c.number AS case_number, f.file_name, f.content_type, \
         f.size_bytes, f.sha256, f.created_at, f.storage_key \
         FROM attachments f LEFT JOIN cases c ON c.id = f.case_id \
         WHERE f.uploaded_by = $1 AND f.removed_at IS NULL ORDER BY f.id";
    pub const SURVEYS: &str = "SELECT c.number AS case_number, s.rating, s.feedback, s.sent_at, \
         s.answered_at FROM case_surveys s JOIN cases c ON c.id = s.case_id \
         WHERE s.recipient_id = $1 ORDER BY s.sent_at";
    pub const SESSIONS: &str = "SELECT created_at, last_seen_at, expires_at FROM sessions \
         WHERE user_id = $1 ORDER BY created_at";
    pub const IDENTITIES: &str = "SELECT p.name AS provider, p.issuer, i.subject, i.linked_at \
         FROM user_identities i JOIN identity_providers p ON p.id = i.provider_id \
         WHERE i.user_id = $1 ORDER BY i.linked_at";
    pub const PASSKEYS: &str = "SELECT name, created_at, last_used_at FROM passkeys \
         WHERE user_id = $1 ORDER BY created_at, id";
    pub const EMAIL_OF: &str = "SELECT email FROM users WHERE id = $1";
    pub const ERASE_USER: &str = "UPDATE users SET name = $2, email = $3, phone = '', \
         active = FALSE, password_hash = NULL, temp_password_hash = NULL, \
         temp_password_expires_at = NULL, time_zone = '', notify_new_cases = FALSE, \
         notify_replies = FALSE WHERE id = $1";
    /// Rows of the person's own that go with them (by user id).
    pub const DELETE_BY_USER: [&str; 16] = [
        "DELETE FROM sessions WHERE user_id = $1",
        "DELETE FROM known_devices WHERE user_id = $1",
        "DELETE FROM password_tokens WHERE user_id = $1",
        "DELETE FROM user_totp WHERE user_id = $1",
        "DELETE FROM recovery_codes WHERE user_id = $1",
        "DELETE FROM sign_in_challenges WHERE user_id = $1",
        "DELETE FROM passkeys WHERE user_id = $1",
        "DELETE FROM passkey_ceremonies WHERE user_id = $1",
        "DELETE FROM form_drafts WHERE user_id = $1",
        "DELETE FROM case_followers WHERE user_id = $1",
        "DELETE FROM file_follows WHERE user_id = $1",
        "DELETE FROM case_views WHERE user_id = $1",
        "DELETE FROM kb_suggestion_opens WHERE user_id = $1",
        "DELETE FROM user_identities WHERE user_id = $1",
        "DELETE FROM personal_access_tokens WHERE user_id = $1",
        // Webhook deliveries whose body names them: their changes, and their cases.
        "DELETE FROM webhook_deliveries WHERE actor_id = $1 \
         OR case_id IN (SELECT id FROM cases WHERE contact_id = $1)",
    ];
    /// Rows that name the person by address.
    pub const DELETE_BY_EMAIL: [&str; 2] = [
        "DELETE FROM attempts WHERE subject = $1",
        "DELETE FROM dev_mailbox WHERE to_addr = $1",
    ];
    pub const INBOUND_KEYS: &str =
        "SELECT blob_key FROM inbound_mail WHERE sender = $1 AND blob_key IS NOT NULL";
    pub const ERASE_INBOUND: &str =
        "UPDATE inbound_mail SET sender = $2, blob_key = NULL WHERE sender = $1";
    pub const ERASE_REQUESTS: &str = "UPDATE access_requests SET name = $2, email = $3, \
         message = '' WHERE email = $1";
    pub const REMOVE_FILES: &str = "UPDATE attachments SET removed_at = $2, removed_by = $3 \
         WHERE uploaded_by = $1 AND removed_at IS NULL RETURNING storage_key";
}

/// The person as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct ProfileRow {
    /// Id.
    pub id: UserId,
    /// Email.
    pub email: String,
    /// Name.
    pub name: String,
    /// Phone.
    pub phone: String,
    /// Role.
    pub role: Role,
    /// Language.
    pub language: Language,
    /// Time zone ("" for the language's default).
    pub time_zone: String,
    /// May sign in.
    pub active: bool,
    /// When they were added.
    pub created_at: DateTime<Utc>,
    /// Their company (customers).
    pub company: Option<String>,
    /// Desk emails: every new case.
    pub notify_new_cases: bool,
    /// Desk emails: replies on their cases.
    pub notify_replies: bool,
    /// Two-factor sign-in is on.
    pub two_factor: bool,
}

/// A case the person is the contact of.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct PersonCaseRow {
    /// Number.
    pub number: CaseNumber,
    /// Subject.
    pub subject: String,
    /// Description.
    pub description: String,
    /// Status.
    pub status: CaseStatus,
    /// Where it came from.
    pub origin: CaseOrigin,
    /// The resolution.
    pub resolution: String,
    /// Opened.
    pub opened_at: DateTime<Utc>,
    /// Closed.
    pub closed_at: Option<DateTime<Utc>>,
}

/// A comment the person wrote.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct PersonCommentRow {
    /// On which case.
    pub case_number: CaseNumber,
    /// The text.
    pub body: String,
    /// Public (else internal, staff only).
    pub public: bool,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// A file the person uploaded (not removed).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct PersonFileRow {
    /// Id.
    pub id: AttachmentId,
    /// The case it is on (none: an article's, or not attached yet).
    pub case_number: Option<CaseNumber>,
    /// Name.
    pub file_name: String,
    /// Type.
    pub content_type: String,
    /// Size.
    pub size_bytes: i64,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// Uploaded.
    pub created_at: DateTime<Utc>,
    /// Where its bytes are.
    #[serde(skip)]
    pub storage_key: String,
}

/// A survey the person was asked.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct PersonSurveyRow {
    /// About which case.
    pub case_number: CaseNumber,
    /// Their rating (1–5), once answered.
    pub rating: Option<i32>,
    /// Their words.
    pub feedback: String,
    /// Sent.
    pub sent_at: DateTime<Utc>,
    /// Answered.
    pub answered_at: Option<DateTime<Utc>>,
}

/// A session of the person's.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct PersonSessionRow {
    /// Signed in.
    pub created_at: DateTime<Utc>,
    /// Last request.
    pub last_seen_at: DateTime<Utc>,
    /// Ends at the latest.
    pub expires_at: DateTime<Utc>,
}

/// An identity at a provider the person signed in as (single sign-on).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct PersonIdentityRow {
    /// The provider's name.
    pub provider: String,
    /// Its issuer.
    pub issuer: String,
    /// Who the provider says they are (its `sub`).
    pub subject: String,
    /// First signed in with it.
    pub linked_at: DateTime<Utc>,
}

/// A passkey of the person's (its name and dates; the public key stays out of the export).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct PersonPasskeyRow {
    /// The name they gave it.
    pub name: String,
    /// Added.
    pub created_at: DateTime<Utc>,
    /// Last signed in with.
    pub last_used_at: Option<DateTime<Utc>>,
}

/// Everything Portico holds about a person (their sign-in history is the audit log's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonalData {
    /// Profile.
    pub profile: ProfileRow,
    /// Cases they are the contact of.
    pub cases: Vec<PersonCaseRow>,
    /// Comments they wrote.
    pub comments: Vec<PersonCommentRow>,
    /// Files they uploaded.
    pub files: Vec<PersonFileRow>,
    /// Surveys they were asked.
    pub surveys: Vec<PersonSurveyRow>,
    /// Their open sessions.
    pub sessions: Vec<PersonSessionRow>,
    /// Their identities at identity providers.
    pub identities: Vec<PersonIdentityRow>,
    /// Their passkeys.
    pub passkeys: Vec<PersonPasskeyRow>,
}

/// What an erasure leaves to delete once it committed: bytes in the blob store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Erased {
    /// The person's files' bytes.
    pub file_keys: Vec<String>,
    /// The raw emails they sent.
    pub mail_keys: Vec<String>,
}

impl Store {
    /// Everything Portico holds about `person`; `NotFound` for nobody.
    pub async fn personal_data(&self, person: UserId) -> StoreResult<PersonalData> {
        db!(self, |pool, DB| {
            let profile = sqlx::query_as::<DB, ProfileRow>(sql::PROFILE)
                .bind(person)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)?
                .ok_or(StoreError::NotFound)?;
            macro_rules! all {
                ($row:ty, $sql:expr) => {
                    sqlx::query_as::<DB, $row>($sql)
                        .bind(person)
                        .fetch_all(pool)
                        .await
                        .map_err(StoreError::from_sqlx)?
                };
            }
            Ok(PersonalData {
                profile,
                cases: all!(PersonCaseRow, sql::CASES),
                comments: all!(PersonCommentRow, sql::COMMENTS),
                files: all!(PersonFileRow, sql::FILES),
                surveys: all!(PersonSurveyRow, sql::SURVEYS),
                sessions: all!(PersonSessionRow, sql::SESSIONS),
                identities: all!(PersonIdentityRow, sql::IDENTITIES),
                passkeys: all!(PersonPasskeyRow, sql::PASSKEYS),
            })
        })
    }

    /// Erases `person` (by `by`), in one transaction: their name becomes `name` and their address
    /// `email` everywhere (so their cases, comments and survey answers stay the company's, under
    /// the placeholder); they can no longer sign in (no password, sessions, devices, links, second
    /// factor, drafts or follows); the throttles and dev-mailbox copies that name their old
    /// address go; the emails they sent keep no sender and no raw message; their
    /// files are removed. Returns the blob keys to delete after it commits. `NotFound` for nobody.
    pub async fn erase_person(
        &self,
        person: UserId,
        by: UserId,
        name: &str,
        email: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Erased> {
        let mut tx = self.begin().await?;
        let old = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, String>(
            sql::EMAIL_OF
        )
        .bind(person)
        .fetch_optional(conn)
        .await)?
        .ok_or(StoreError::NotFound)?;
        tx!(tx, |conn, DB| sqlx::query::<DB>(sql::ERASE_USER)
            .bind(person)
            .bind(name)
            .bind(email)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
        for statement in sql::DELETE_BY_USER {
            tx!(tx, |conn, DB| sqlx::query::<DB>(statement)
                .bind(person)
                .execute(conn)
                .await
                .map(|r| r.rows_affected()))?;
        }
        for statement in sql::DELETE_BY_EMAIL {
            tx!(tx, |conn, DB| sqlx::query::<DB>(statement)
                .bind(&old)
                .execute(conn)
                .await
                .map(|r| r.rows_affected()))?;
        }
        let mail_keys = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, String>(
            sql::INBOUND_KEYS
        )
        .bind(&old)
        .fetch_all(conn)
        .await)?;
        tx!(tx, |conn, DB| sqlx::query::<DB>(sql::ERASE_INBOUND)
            .bind(&old)
            .bind(email)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
        tx!(tx, |conn, DB| sqlx::query::<DB>(sql::ERASE_REQUESTS)
            .bind(&old)
            .bind(name)
            .bind(email)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
        let file_keys = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, String>(
            sql::REMOVE_FILES
        )
        .bind(person)
        .bind(now)
        .bind(by)
        .fetch_all(conn)
        .await)?;
        tx.commit().await?;
        Ok(Erased {
            file_keys,
            mail_keys,
        })
    }
}
