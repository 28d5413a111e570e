//! The outbox worker. Every `portico serve` runs one; any number may share a PostgreSQL database.
//!
//! A worker claims one due job at a time (`OutboxStore::claim_job`: a lease that other workers
//! respect, `FOR UPDATE SKIP LOCKED` on PostgreSQL), does it, and deletes it. A failure leaves the
//! job for a later try with exponential backoff; a worker killed mid-job leaves a lease that
//! expires, after which another worker takes the job again. Delivery is therefore at-least-once:
//! handlers are idempotent where they can be (the dev mailbox ignores a second copy; an email's
//! `Message-ID` is fixed by its job, so a repeated SMTP delivery is recognisable).
use crate::backend::mail::{self, EMAIL_JOB, Message, OutgoingEmail};
use crate::backend::passwords;
use crate::backend::services::case_page::{CASE_COMMENT_JOB, CaseCommentJob};
use crate::backend::services::cases::{CASE_CREATED_JOB, CaseCreatedJob};
use crate::backend::services::surveys::{
    CASE_SOLVED_JOB, CASE_STATUS_JOB, CASE_SURVEY_JOB, CaseUpdateJob,
};
use crate::backend::state::AppState;
use crate::backend::store::{ClaimedJob, NewJob, PasswordLink};
use crate::domain::{Language, UserId};
use chrono::{Duration, Utc};
use serde::{Deserialize, Serialize};

/// How long a claimed job is reserved for its worker.
pub const LEASE: Duration = Duration::minutes(2);
/// Tries before a job is given up on (about a day and a half of retries at the maximum backoff).
pub const MAX_ATTEMPTS: i32 = 40;
/// How often an idle worker looks for due jobs (enqueuing in this process also wakes it at once).
const POLL: std::time::Duration = std::time::Duration::from_secs(1);

/// How often a worker removes uploads that waited too long for their case, and purges expired
/// sessions, links, temporary passwords, throttle rows and drafts.
const SWEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(600);

/// The outbox kind of a "forgot password" request.
pub const PASSWORD_RESET_JOB: &str = "password_reset";
/// How long a temporary password works.
pub const TEMP_PASSWORD_TTL: Duration = Duration::hours(24);

/// The outbox kind of a welcome email (the set-password link is made as it is sent).
pub const WELCOME_JOB: &str = "welcome";

/// Payload of a `welcome` job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WelcomeJob {
    /// Who gets portal access.
    pub user: UserId,
}

/// The job that welcomes `user` with a set-password link.
pub fn welcome_job(user: UserId) -> NewJob {
    NewJob {
        kind: WELCOME_JOB.into(),
        payload: serde_json::json!({ "user": user }).to_string(),
    }
}

/// Payload of a `password_reset` job: the username as typed (normalized).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordResetJob {
    /// The normalized email.
    pub email: String,
}

/// Wait before try `attempts + 1`: 10 s doubling per try, at most an hour.
pub fn backoff(attempts: i32) -> Duration {
    let exp = attempts.clamp(1, 20) - 1;
    Duration::seconds((10_i64 << exp).min(3600))
}

/// Runs the worker until `shutdown` resolves.
pub async fn run(state: AppState, shutdown: impl std::future::Future<Output = ()>) {
    tokio::pin!(shutdown);
    tracing::info!(mailer = ?state.mailer, "outbox worker started");
    let mut last_sweep: Option<std::time::Instant> = None;
    loop {
        if last_sweep.is_none_or(|t| t.elapsed() >= SWEEP_EVERY) {
            last_sweep = Some(std::time::Instant::now());
            match crate::backend::services::attachments::sweep(&state).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(removed = n, "removed uploads no case was submitted with"),
                Err(e) => tracing::warn!(error = %e, "sweeping stale uploads failed"),
            }
            match state
                .store
                .purge(Utc::now(), crate::backend::auth::IDLE)
                .await
            {
                Ok(purged) => tracing::debug!(?purged, "purged what can no longer be used"),
                Err(e) => tracing::warn!(error = %e, "purging expired sessions and links failed"),
            }
        }
        match run_one(&state).await {
            Ok(true) => continue,
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, "outbox worker: store unavailable"),
        }
        tokio::select! {
            () = &mut shutdown => break,
            () = state.store.work_enqueued() => {}
            () = tokio::time::sleep(POLL) => {}
        }
    }
    tracing::info!("outbox worker stopped");
}

/// Does every job that is due now, in this task, and returns how many it did (tests call this
/// instead of sleeping; jobs that fail are left for their retry time).
pub async fn drain(state: &AppState) -> usize {
    let mut done = 0;
    while let Ok(true) = run_one(state).await {
        done += 1;
    }
    done
}

/// Claims and runs one due job; `Ok(false)` when none is due.
pub async fn run_one(state: &AppState) -> Result<bool, String> {
    let now = Utc::now();
    let Some(job) = state
        .store
        .claim_job(now, now + LEASE)
        .await
        .map_err(|e| e.to_string())?
    else {
        return Ok(false);
    };
    if let Err(error) = handle(state, &job).await {
        let now = Utc::now();
        let dead = (job.attempts >= MAX_ATTEMPTS).then_some(now);
        if dead.is_some() {
            tracing::error!(job = job.id, kind = %job.kind, %error, "outbox job given up");
        } else {
            tracing::warn!(job = job.id, kind = %job.kind, attempt = job.attempts, %error, "outbox job failed; will retry");
        }
        state
            .store
            .fail_job(job.id, &error, now + backoff(job.attempts), dead)
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(true)
}

async fn handle(state: &AppState, job: &ClaimedJob) -> Result<(), String> {
    match job.kind.as_str() {
        EMAIL_JOB => {
            let email: OutgoingEmail =
                serde_json::from_str(&job.payload).map_err(|e| format!("bad payload: {e}"))?;
            send(state, job, &email).await
        }
        CASE_CREATED_JOB => {
            let request: CaseCreatedJob =
                serde_json::from_str(&job.payload).map_err(|e| format!("bad payload: {e}"))?;
            let case = state
                .store
                .case_mail(&request.thread_token)
                .await
                .map_err(|e| e.to_string())?;
            let number = crate::domain::CaseNumber(case.number).to_string();
            let link = format!("{}/cases/{number}", state.settings.public_url);
            let email = mail::render_case_created(
                Language::from_code(&case.language).unwrap_or_default(),
                &case.email,
                &mail::CaseCreatedMail {
                    name: &case.contact_name,
                    number: &number,
                    subject: &case.subject,
                    description: &case.description,
                    product: case.product_name.as_deref().unwrap_or(""),
                    country: &case.country,
                    link: &link,
                    thread_token: &request.thread_token,
                },
            );
            send(state, job, &email).await
        }
        CASE_COMMENT_JOB => {
            let request: CaseCommentJob =
                serde_json::from_str(&job.payload).map_err(|e| format!("bad payload: {e}"))?;
            let row = state
                .store
                .comment_mail(request.comment, request.recipient)
                .await
                .map_err(|e| e.to_string())?;
            let customer = row.role == crate::domain::Role::Customer.code();
            if !row.active || (customer && !row.public) {
                // Gone since, or (never queued, but checked again) internal for a customer.
                return state
                    .store
                    .complete_job(job.id)
                    .await
                    .map_err(|e| e.to_string());
            }
            let number = crate::domain::CaseNumber(row.number).to_string();
            let link = format!("{}/cases/{number}", state.settings.public_url);
            let email = mail::render_case_comment(
                Language::from_code(&row.language).unwrap_or_default(),
                &row.email,
                &mail::CaseCommentMail {
                    name: &row.name,
                    number: &number,
                    subject: &row.subject,
                    author: &row.author_name,
                    body: &row.body,
                    internal: !row.public,
                    link: &link,
                    thread_token: row.thread_token.as_deref().unwrap_or(""),
                },
            );
            send(state, job, &email).await
        }
        CASE_SOLVED_JOB | CASE_SURVEY_JOB | CASE_STATUS_JOB => {
            let request: CaseUpdateJob =
                serde_json::from_str(&job.payload).map_err(|e| format!("bad payload: {e}"))?;
            let row = state
                .store
                .case_update_mail(request.case, request.recipient)
                .await
                .map_err(|e| e.to_string())?;
            if !row.active {
                return state
                    .store
                    .complete_job(job.id)
                    .await
                    .map_err(|e| e.to_string());
            }
            let language = Language::from_code(&row.language).unwrap_or_default();
            let number = crate::domain::CaseNumber(row.number).to_string();
            let thread_token = row.thread_token.as_deref().unwrap_or("");
            let email = if job.kind == CASE_SOLVED_JOB {
                mail::render_case_solved(
                    language,
                    &row.email,
                    &mail::CaseSolvedMail {
                        name: &row.name,
                        number: &number,
                        subject: &row.subject,
                        product: row.product_name.as_deref().unwrap_or(""),
                        resolution: &row.resolution,
                        link: &format!("{}/cases/{number}", state.settings.public_url),
                        thread_token,
                    },
                )
            } else if job.kind == CASE_STATUS_JOB {
                mail::render_case_status(
                    language,
                    &row.email,
                    &mail::CaseStatusMail {
                        name: &row.name,
                        number: &number,
                        subject: &row.subject,
                        status: crate::domain::CaseStatus::from_code(&row.status)
                            .unwrap_or(crate::domain::CaseStatus::New),
                        link: &format!("{}/cases/{number}", state.settings.public_url),
                        thread_token,
                    },
                )
            } else {
                mail::render_case_survey(
                    language,
                    &row.email,
                    &mail::CaseSurveyMail {
                        name: &row.name,
                        number: &number,
                        subject: &row.subject,
                        link: &format!("{}/cases/{number}/survey", state.settings.public_url),
                        thread_token,
                    },
                )
            };
            send(state, job, &email).await
        }
        WELCOME_JOB => {
            let request: WelcomeJob =
                serde_json::from_str(&job.payload).map_err(|e| format!("bad payload: {e}"))?;
            welcome(state, job, request.user).await
        }
        PASSWORD_RESET_JOB => {
            let request: PasswordResetJob =
                serde_json::from_str(&job.payload).map_err(|e| format!("bad payload: {e}"))?;
            password_reset(state, job, &request).await
        }
        other => Err(format!("unknown job kind {other:?}")),
    }
}

/// Delivers job `job`'s email (rendered from its payload or from the data it names) and completes
/// the job; the `Message-ID` comes from the job, so a repeated delivery carries the same one.
async fn send(state: &AppState, job: &ClaimedJob, email: &OutgoingEmail) -> Result<(), String> {
    // An email with a sign-in secret is made anew at each try (a new link or password), so each
    // try is a message of its own.
    let attempt = if email.secrets.is_empty() {
        String::new()
    } else {
        format!(".{}", job.attempts)
    };
    let message_id = format!(
        "<portico.{}.{}{attempt}@{}>",
        job.id,
        job.created_at.timestamp(),
        state.settings.mail_domain()
    );
    state
        .mailer
        .deliver(
            state.store.as_ref(),
            job.id,
            &message_id,
            &state.settings.mail_from,
            email,
        )
        .await?;
    if matches!(state.mailer, mail::Mailer::Smtp(_)) {
        state
            .store
            .complete_job(job.id)
            .await
            .map_err(|e| e.to_string())?;
    }
    tracing::info!(job = job.id, kind = %job.kind, "email delivered");
    Ok(())
}

/// Welcomes `user` with a set-password link, if they still have portal access:
/// the link is made here, stored as its hash (replacing any unused one) and sent at once, so its
/// token exists only in the email. A failed send leaves a link nobody has; the retry makes another.
async fn welcome(state: &AppState, job: &ClaimedJob, user: UserId) -> Result<(), String> {
    let store = state.store.as_ref();
    let person = store.get_user(user).await.map_err(|e| e.to_string())?;
    if !person.active {
        // Access was taken away since the job was queued.
        return store.complete_job(job.id).await.map_err(|e| e.to_string());
    }
    let token = crate::backend::auth::new_token();
    let now = Utc::now();
    let link = PasswordLink {
        token_hash: crate::backend::auth::token_hash(&token),
        expires_at: now + state.settings.set_password_ttl,
    };
    store
        .issue_password_token(user, &link, now)
        .await
        .map_err(|e| e.to_string())?;
    let url = format!("{}/password/set?token={token}", state.settings.public_url);
    let email = mail::render(
        Language::from_code(&person.language).unwrap_or_default(),
        &person.email,
        &person.name,
        &Message::Welcome {
            name: &person.name,
            email: &person.email,
            link: &url,
            hours: state.settings.set_password_ttl.num_hours(),
        },
    );
    send(state, job, &email).await
}

/// Grants a temporary password and emails it at once, if the address belongs to someone who may
/// sign in; otherwise does nothing (the requester was told the same either way). The password is
/// stored only as its hash; a failed send is retried with a new one.
async fn password_reset(
    state: &AppState,
    job: &ClaimedJob,
    request: &PasswordResetJob,
) -> Result<(), String> {
    let store = state.store.as_ref();
    let user = store
        .find_sign_in_user(&request.email)
        .await
        .map_err(|e| e.to_string())?
        .filter(|u| u.active);
    let Some(user) = user else {
        return store.complete_job(job.id).await.map_err(|e| e.to_string());
    };
    let password = passwords::temporary_password();
    let hash = passwords::hash(password.clone())
        .await
        .map_err(|e| e.to_string())?;
    store
        .set_temp_password(user.id, &hash, Utc::now() + TEMP_PASSWORD_TTL)
        .await
        .map_err(|e| e.to_string())?;
    let language = Language::from_code(&user.language).unwrap_or_default();
    let sign_in_link = format!("{}/login", state.settings.public_url);
    let email = mail::render(
        language,
        &user.email,
        &user.name,
        &Message::TemporaryPassword {
            name: &user.name,
            email: &user.email,
            password: &password,
            sign_in_link: &sign_in_link,
            hours: TEMP_PASSWORD_TTL.num_hours(),
        },
    );
    send(state, job, &email).await?;
    tracing::info!(user = %user.id, "temporary password issued");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        assert_eq!(backoff(1), Duration::seconds(10));
        assert_eq!(backoff(2), Duration::seconds(20));
        assert_eq!(backoff(5), Duration::seconds(160));
        assert_eq!(backoff(12), Duration::hours(1));
        assert_eq!(backoff(MAX_ATTEMPTS), Duration::hours(1));
    }
}
