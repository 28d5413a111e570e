//! The dev mailbox: emails kept instead of sent when it was asked for, read at /admin/mail.

use super::*;

/// An email to keep in the dev mailbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDevMail {
    /// `Message-ID` header value.
    pub message_id: String,
    /// Recipient.
    pub to_addr: String,
    /// Subject.
    pub subject: String,
    /// Plain-text part.
    pub text_body: String,
    /// HTML part.
    pub html_body: String,
    /// Sign-in secrets in the email, which the mailbox shows only to the recipient.
    pub secrets: Vec<String>,
}

/// An email in the dev mailbox.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DevMailRow {
    /// Row id.
    pub id: i64,
    /// `Message-ID`.
    pub message_id: String,
    /// Recipient.
    pub to_addr: String,
    /// Subject.
    pub subject: String,
    /// Plain-text part.
    pub text_body: String,
    /// HTML part.
    pub html_body: String,
    /// Sign-in secrets in the email (JSON list of strings).
    pub secrets: String,
    /// When it was delivered.
    pub created_at: DateTime<Utc>,
}

/// What stands in for a sign-in secret in the dev mailbox.
pub const HIDDEN_SECRET: &str = "[hidden: a sign-in secret for the recipient only]";

impl DevMailRow {
    /// The text and HTML parts as `reader` (an email address) may see them: with every sign-in
    /// secret hidden unless the reader is the recipient. Admins read each other's mail here, but
    /// not each other's set-password links and temporary passwords.
    pub fn parts_for(&self, reader: &str) -> (String, String) {
        if reader.eq_ignore_ascii_case(&self.to_addr) {
            return (self.text_body.clone(), self.html_body.clone());
        }
        let secrets: Vec<String> = serde_json::from_str(&self.secrets).unwrap_or_default();
        let hide = |body: &str| {
            secrets
                .iter()
                .filter(|s| !s.is_empty())
                .fold(body.to_string(), |b, s| {
                    b.replace(s.as_str(), HIDDEN_SECRET)
                })
        };
        (hide(&self.text_body), hide(&self.html_body))
    }
}

impl Store {
    /// Delivers job `job_id`'s email into the dev mailbox and completes the job, in one
    /// transaction (a second delivery of the same job adds nothing).
    pub async fn deliver_dev_mail(&self, job_id: i64, mail: &NewDevMail) -> StoreResult<()> {
        let deliver = match self.backend() {
            Backend::Sqlite => sql::DELIVER_DEV_MAIL_SQLITE,
            Backend::Postgres => sql::DELIVER_DEV_MAIL_POSTGRES,
        };
        let mut tx = self.begin().await?;
        tx!(tx, |conn, DB| sqlx::query::<DB>(deliver)
            .bind(job_id)
            .bind(&mail.message_id)
            .bind(&mail.to_addr)
            .bind(&mail.subject)
            .bind(&mail.text_body)
            .bind(&mail.html_body)
            .bind(serde_json::to_string(&mail.secrets).unwrap_or_else(|_| "[]".into()))
            .bind(Utc::now())
            .execute(conn)
            .await
            .map(|_| ()))?;
        tx.commit().await
    }

    /// The newest emails in the dev mailbox.
    pub async fn list_dev_mail(&self, limit: i64) -> StoreResult<Vec<DevMailRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, DevMailRow>(sql::LIST_DEV_MAIL)
                .bind(limit)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// One email of the dev mailbox.
    pub async fn get_dev_mail(&self, id: i64) -> StoreResult<DevMailRow> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, DevMailRow>(sql::GET_DEV_MAIL)
                .bind(id)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }
}
