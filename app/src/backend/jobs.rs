//! The outbox worker. Every `portico serve` runs one; any number may share a PostgreSQL database.
//!
//! A worker claims the due jobs a batch at a time (`Store::claim_jobs`: a lease that other workers
//! respect, `FOR UPDATE SKIP LOCKED` on PostgreSQL), does them one by one in order, and deletes
//! each when done; what it has no time left for within the lease it hands back untried. A failure leaves the
//! job for a later try with exponential backoff; a worker killed mid-job leaves a lease that
//! expires, after which another worker takes the job again. Delivery is therefore at-least-once:
//! handlers are idempotent where they can be (the dev mailbox ignores a second copy; an email's
//! `Message-ID` is fixed by its job, so a repeated SMTP delivery is recognisable).
use crate::backend::mail::{self, Message, OutgoingEmail};
use crate::backend::passwords;
use crate::backend::policy;
use crate::backend::state::AppState;
use crate::backend::store::{ClaimedJob, NewJob, PasswordLink};
use crate::domain::{CaseId, CommentId, UserId};
use chrono::{Duration, Utc};
use serde::{Deserialize, Serialize};

/// How long a claimed job is reserved for its worker by default (`Settings::outbox_lease`).
pub const LEASE: Duration = Duration::minutes(2);
/// Tries before a job is given up on (about a day and a half of retries at the maximum backoff).
pub const MAX_ATTEMPTS: i32 = 40;
/// Jobs claimed at once: one write claims a burst's emails, instead of one write each.
const BATCH: i64 = 16;
/// A batch's jobs not started within this part of their lease (a slow relay) are handed back, well
/// before it ends and another worker could take them while this one still works.
const BATCH_TIME_OF_LEASE: i32 = 4;

/// How often an idle worker looks for due jobs (a commit that enqueued work in this process also
/// wakes it at once).
const POLL: std::time::Duration = std::time::Duration::from_secs(1);

/// How often a worker removes uploads that waited too long for their case, and purges expired
/// sessions, links, temporary passwords, throttle rows and drafts.
const SWEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(600);

/// How long a temporary password works.
pub const TEMP_PASSWORD_TTL: Duration = Duration::hours(24);

/// Every kind of background work, with what it needs. Stored as the outbox row's `kind` (the
/// variant's name in snake case) and `payload` (its fields as JSON); a job names the data it works
/// on, so its email is rendered from what is true when it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "payload", rename_all = "snake_case")]
pub enum Job {
    /// An email rendered already (tests, and rows queued by earlier versions).
    Email(OutgoingEmail),
    /// The confirmation of a new case, to its contact.
    CaseCreated {
        /// The case's thread reference.
        thread_token: String,
    },
    /// "New case", to a staff member who asked for every new case.
    CaseNew {
        /// The case's thread reference.
        thread_token: String,
        /// Who gets the email.
        recipient: UserId,
    },
    /// A comment, to one recipient (never its author; internal ones to staff only).
    CaseComment {
        /// The comment.
        comment: CommentId,
        /// Who gets the email.
        recipient: UserId,
    },
    /// "Solution proposed", to one recipient.
    CaseSolved {
        /// The case.
        case: CaseId,
        /// Who gets the email.
        recipient: UserId,
    },
    /// The survey invitation of a closed case, to its contact.
    CaseSurvey {
        /// The case.
        case: CaseId,
        /// Who gets the email.
        recipient: UserId,
    },
    /// Any other change of status, to one recipient.
    CaseStatus {
        /// The case.
        case: CaseId,
        /// Who gets the email.
        recipient: UserId,
    },
    /// "A case was assigned to you", to its new assignee.
    CaseAssigned {
        /// The case.
        case: CaseId,
        /// Who gets the email.
        recipient: UserId,
    },
    /// "Forgot password": a temporary password for this (normalized) email, if it is anyone's.
    PasswordReset {
        /// The username as typed, normalized.
        email: String,
    },
    /// A welcome email with a new set-password link (made as it is sent).
    Welcome {
        /// Who gets portal access.
        user: UserId,
    },
    /// A message read from the support mailbox: a case, a comment, held, or nothing.
    InboundMail {
        /// The message.
        message: crate::domain::InboundMailId,
    },
    /// A followed file changed, to one of its followers (never the one who changed it): `file` is
    /// its new version, or the removed file.
    FileChanged {
        /// The new version, or the file (removed).
        file: crate::domain::AttachmentId,
        /// Who gets the email.
        recipient: UserId,
    },
    /// A request for portal access was made for this (normalized) address: "we received it", or
    /// "you already have access" if the address has it.
    AccessRequested {
        /// The address access was asked for.
        email: String,
    },
    /// An event, to one webhook (the delivery names both).
    Webhook {
        /// The delivery.
        delivery: crate::domain::DeliveryId,
    },
}

impl Job {
    /// The outbox row of this job.
    pub fn row(&self) -> Result<NewJob, serde_json::Error> {
        let mut value = serde_json::to_value(self)?;
        let kind = value["kind"].as_str().unwrap_or_default().to_string();
        let payload = value["payload"].take().to_string();
        Ok(NewJob { kind, payload })
    }

    /// The job of an outbox row.
    pub fn of_row(kind: &str, payload: &str) -> Result<Self, String> {
        let payload: serde_json::Value =
            serde_json::from_str(payload).map_err(|e| format!("bad payload: {e}"))?;
        serde_json::from_value(serde_json::json!({ "kind": kind, "payload": payload }))
            .map_err(|e| format!("unknown job {kind:?}: {e}"))
    }
}

/// The job that welcomes `user` with a set-password link.
pub fn welcome_job(user: UserId) -> Job {
    Job::Welcome { user }
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
            let unused_before = Utc::now() - crate::backend::services::inbound::UNUSED_RAW_KEPT;
            match crate::backend::services::inbound::sweep(&state, unused_before).await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::info!(removed = n, "removed the raw bytes of unused inbound mail")
                }
                Err(e) => tracing::warn!(error = ?e, "sweeping inbound mail failed"),
            }
            match crate::backend::services::desk::auto_close(&state).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(closed = n, "closed solved cases after the waiting days"),
                Err(e) => tracing::warn!(error = ?e, "closing solved cases failed"),
            }
        }
        match run_batch(&state).await {
            Ok(0) => {}
            Ok(_) => continue,
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
    while let Ok(n @ 1..) = run_batch(state).await {
        done += n;
    }
    done
}

/// Claims a batch of due jobs and runs them in order; returns how many it claimed (0: none due).
pub async fn run_batch(state: &AppState) -> Result<usize, String> {
    let now = Utc::now();
    let started = std::time::Instant::now();
    let lease = state.settings.outbox_lease;
    let batch_time = (lease / BATCH_TIME_OF_LEASE)
        .to_std()
        .unwrap_or(std::time::Duration::ZERO);
    let claimed = state
        .store
        .claim_jobs(now, now + lease, BATCH)
        .await
        .map_err(|e| e.to_string())?;
    for (i, job) in claimed.iter().enumerate() {
        if started.elapsed() > batch_time {
            let rest: Vec<i64> = claimed[i..].iter().map(|j| j.id).collect();
            tracing::info!(
                jobs = rest.len(),
                "outbox batch out of time; handing the rest back"
            );
            state
                .store
                .release_jobs(&rest)
                .await
                .map_err(|e| e.to_string())?;
            break;
        }
        run_claimed(state, job).await?;
    }
    Ok(claimed.len())
}

/// Runs one claimed job: done and removed, or recorded as failed for a retry with backoff (given
/// up after `MAX_ATTEMPTS`).
async fn run_claimed(state: &AppState, job: &ClaimedJob) -> Result<(), String> {
    if let Err(error) = handle(state, job).await {
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
    Ok(())
}

async fn handle(state: &AppState, claimed: &ClaimedJob) -> Result<(), String> {
    let e = |err: crate::backend::store::StoreError| err.to_string();
    let case_link = |number: &str| format!("{}/cases/{number}", state.settings.public_url);
    let job = Job::of_row(&claimed.kind, &claimed.payload)?;
    match job {
        Job::Email(email) => send(state, claimed, &email, None).await,
        Job::CaseCreated { thread_token } => {
            let case = state.store.case_mail(&thread_token).await.map_err(e)?;
            let signer = thread_signer(state).await?;
            let number = crate::domain::CaseNumber(case.number).to_string();
            let opened = crate::backend::time::Reader::of(case.language, &case.time_zone)
                .absolute(case.opened_at);
            let email = mail::render_case_created(
                case.language,
                &case.email,
                &mail::CaseCreatedMail {
                    name: &case.contact_name,
                    number: &number,
                    subject: &case.subject,
                    description: &case.description,
                    product: case.product_name.as_deref().unwrap_or(""),
                    country: &case.country,
                    opened: &opened,
                    link: &case_link(&number),
                    thread_token: &signer.reference(&thread_token),
                },
            );
            send(state, claimed, &email, Some((&signer, &thread_token))).await
        }
        Job::CaseNew {
            thread_token,
            recipient,
        } => {
            let case = state.store.case_mail(&thread_token).await.map_err(e)?;
            let signer = thread_signer(state).await?;
            let to = state.store.get_user(recipient).await.map_err(e)?;
            if !to.active || !to.role.is_staff() {
                return state.store.complete_job(claimed.id).await.map_err(e);
            }
            let number = crate::domain::CaseNumber(case.number).to_string();
            let email = mail::render_case_new(
                to.language,
                &to.email,
                &mail::CaseNewMail {
                    name: &to.name,
                    number: &number,
                    subject: &case.subject,
                    description: &case.description,
                    product: case.product_name.as_deref().unwrap_or(""),
                    contact: &case.contact_name,
                    account: &case.account_name,
                    link: &case_link(&number),
                    thread_token: &signer.reference(&thread_token),
                },
            );
            send(state, claimed, &email, Some((&signer, &thread_token))).await
        }
        Job::CaseComment { comment, recipient } => {
            let row = state
                .store
                .comment_mail(comment, recipient)
                .await
                .map_err(e)?;
            if !policy::receives_case_email(row.role, row.active)
                || !policy::can_read_comment(row.role, row.public)
            {
                // Staff gone since, or (never queued, but asked again) internal for a customer.
                return state.store.complete_job(claimed.id).await.map_err(e);
            }
            let number = crate::domain::CaseNumber(row.number).to_string();
            let token = row.thread_token.as_deref().unwrap_or("");
            let signer = thread_signer(state).await?;
            let email = mail::render_case_comment(
                row.language,
                &row.email,
                &mail::CaseCommentMail {
                    name: &row.name,
                    number: &number,
                    subject: &row.subject,
                    author: &row.author_name,
                    body: &row.body,
                    internal: !row.public,
                    link: &case_link(&number),
                    thread_token: &signer.reference(token),
                },
            );
            send(state, claimed, &email, Some((&signer, token))).await
        }
        job @ (Job::CaseSolved { case, recipient }
        | Job::CaseSurvey { case, recipient }
        | Job::CaseStatus { case, recipient }
        | Job::CaseAssigned { case, recipient }) => {
            let row = state
                .store
                .case_update_mail(case, recipient)
                .await
                .map_err(e)?;
            if !policy::receives_case_email(row.role, row.active) {
                return state.store.complete_job(claimed.id).await.map_err(e);
            }
            let language = row.language;
            let number = crate::domain::CaseNumber(row.number).to_string();
            let raw_token = row.thread_token.as_deref().unwrap_or("");
            let signer = thread_signer(state).await?;
            let reference = signer.reference(raw_token);
            let thread_token = reference.as_str();
            let link = case_link(&number);
            let email = match job {
                Job::CaseSolved { .. } => mail::render_case_solved(
                    language,
                    &row.email,
                    &mail::CaseSolvedMail {
                        name: &row.name,
                        number: &number,
                        subject: &row.subject,
                        product: row.product_name.as_deref().unwrap_or(""),
                        resolution: &row.resolution,
                        link: &link,
                        thread_token,
                    },
                ),
                Job::CaseStatus { .. } => mail::render_case_status(
                    language,
                    &row.email,
                    &mail::CaseStatusMail {
                        name: &row.name,
                        number: &number,
                        subject: &row.subject,
                        status: row.status,
                        staff: row.role.is_staff(),
                        link: &link,
                        thread_token,
                    },
                ),
                Job::CaseAssigned { .. } => mail::render_case_assigned(
                    language,
                    &row.email,
                    &mail::CaseAssignedMail {
                        name: &row.name,
                        number: &number,
                        subject: &row.subject,
                        priority: row.priority,
                        link: &link,
                        thread_token,
                    },
                ),
                _ => {
                    // The link answers without signing in; a new one is made at each delivery
                    // (only its hash is kept), and none once the survey is answered.
                    let token = crate::backend::auth::new_token();
                    let expires_at = Utc::now()
                        + chrono::Duration::days(crate::domain::surveys::SURVEY_LINK_DAYS);
                    let open = state
                        .store
                        .issue_survey_token(
                            case,
                            recipient,
                            &crate::backend::auth::token_hash(&token),
                            expires_at,
                        )
                        .await
                        .map_err(e)?;
                    if !open {
                        return state.store.complete_job(claimed.id).await.map_err(e);
                    }
                    mail::render_case_survey(
                        language,
                        &row.email,
                        &mail::CaseSurveyMail {
                            name: &row.name,
                            number: &number,
                            subject: &row.subject,
                            link: &format!("{}/survey?token={token}", state.settings.public_url),
                            thread_token,
                        },
                    )
                }
            };
            send(state, claimed, &email, Some((&signer, raw_token))).await
        }
        Job::Welcome { user } => welcome(state, claimed, user).await,
        Job::PasswordReset { email } => password_reset(state, claimed, &email).await,
        Job::InboundMail { message } => {
            crate::backend::services::inbound::process(state, message).await?;
            state.store.complete_job(claimed.id).await.map_err(e)
        }
        Job::FileChanged { file, recipient } => {
            let signer = thread_signer(state).await?;
            match file_changed(state, &signer, file, recipient)
                .await
                .map_err(|err| err.to_string())?
            {
                Some((email, token)) => {
                    let thread = token.as_deref().map(|t| (&signer, t));
                    send(state, claimed, &email, thread).await
                }
                None => state.store.complete_job(claimed.id).await.map_err(e),
            }
        }
        Job::AccessRequested { email } => {
            use crate::backend::services::support;
            match support::acknowledge(state, &email).await.map_err(e)? {
                Some((mail, close)) => {
                    send(state, claimed, &mail, None).await?;
                    match close {
                        Some(request) => support::close_answered(state, request).await.map_err(e),
                        None => Ok(()),
                    }
                }
                None => state.store.complete_job(claimed.id).await.map_err(e),
            }
        }
        Job::Webhook { delivery } => {
            crate::backend::services::webhooks::deliver(state, delivery).await?;
            state.store.complete_job(claimed.id).await.map_err(e)
        }
    }
}

/// A followed file's email to `recipient`, with its case's thread token (none for an article's
/// file), or `None` when they are not to get it (gone, or no longer allowed to see the file).
async fn file_changed(
    state: &AppState,
    signer: &mail::ThreadSigner,
    file: crate::domain::AttachmentId,
    recipient: UserId,
) -> Result<Option<(OutgoingEmail, Option<String>)>, crate::error::AppError> {
    use crate::backend::auth::Actor;
    let Some(row) = state.store.get_attachment(file).await? else {
        return Ok(None);
    };
    let to = state.store.get_user(recipient).await?;
    let reader = Actor::of(to.id, to.role, to.account_id);
    if !policy::receives_case_email(to.role, to.active)
        || !crate::backend::access::may_see_file(&state.store, &reader, &row).await?
    {
        return Ok(None);
    }
    let changed_by = if row.removed {
        row.removed_by
    } else {
        Some(row.uploaded_by)
    };
    let by = match changed_by {
        Some(id) => state.store.get_user(id).await?.name,
        None => String::new(),
    };
    let url = &state.settings.public_url;
    let mail = |place: mail::FilePlace, link: &str| {
        mail::render_file_changed(
            to.language,
            &to.email,
            &mail::FileChangedMail {
                name: &to.name,
                place,
                file: &row.file_name,
                version: (!row.removed).then_some(row.version),
                by: &by,
                link,
            },
        )
    };
    if let Some(case) = row.case_id {
        let head = state.store.case_update_mail(case, recipient).await?;
        let number = crate::domain::CaseNumber(head.number).to_string();
        let token = head.thread_token.unwrap_or_default();
        let place = mail::FilePlace::Case {
            number: &number,
            subject: &head.subject,
            thread_token: &signer.reference(&token),
        };
        let link = format!("{url}/cases/{number}#file-{}", row.document);
        return Ok(Some((mail(place, &link), Some(token))));
    }
    let Some(article) = row.article_number else {
        return Ok(None);
    };
    let Some(article) = state.store.article_by_number(article).await? else {
        return Ok(None);
    };
    let number = crate::domain::knowledge::format_article_number(article.number);
    let place = mail::FilePlace::Article {
        number: &number,
        title: &article.title,
    };
    let link = format!("{url}/kb/articles/{number}#file-{}", row.document);
    Ok(Some((mail(place, &link), None)))
}

/// Delivers job `job`'s email (rendered from its payload or from the data it names) and completes
/// the job; the `Message-ID` comes from the job, so a repeated delivery carries the same one.
/// An email about a case names its thread (`thread`: the signer and the case's thread token).
async fn send(
    state: &AppState,
    job: &ClaimedJob,
    email: &OutgoingEmail,
    thread: Option<(&mail::ThreadSigner, &str)>,
) -> Result<(), String> {
    // An email with a sign-in secret is made anew at each try (a new link or password), so each
    // try is a message of its own.
    let attempt = if email.secrets.is_empty() {
        String::new()
    } else {
        format!(".{}", job.attempts)
    };
    let domain = state.settings.mail_domain();
    let headers = match thread.filter(|(_, token)| !token.is_empty()) {
        // About a case: its own signed id, answering the case's thread; replies go to support.
        Some((signer, token)) => mail::Headers {
            message_id: signer.message_id(token, job.id, domain),
            in_reply_to: Some(signer.root(token, domain)),
            reply_to: state.settings.support_address.clone(),
        },
        None => mail::Headers {
            message_id: format!(
                "<portico.{}.{}{attempt}@{domain}>",
                job.id,
                job.created_at.timestamp(),
            ),
            in_reply_to: None,
            reply_to: None,
        },
    };
    state
        .mailer
        .deliver(
            state.store.as_ref(),
            job.id,
            &headers,
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

/// The signer of case threads, with the server's secret (made once, kept in `settings`).
pub(crate) async fn thread_signer(state: &AppState) -> Result<mail::ThreadSigner, String> {
    let secret = state
        .store
        .secret(mail::SECRET_SETTING)
        .await
        .map_err(|e| e.to_string())?;
    Ok(mail::ThreadSigner::new(secret.as_bytes()))
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
        person.language,
        &person.email,
        &person.name,
        &Message::Welcome {
            name: &person.name,
            staff: person.role != crate::domain::Role::Customer,
            email: &person.email,
            link: &url,
            hours: state.settings.set_password_ttl.num_hours(),
        },
    );
    send(state, job, &email, None).await
}

/// Grants a temporary password and emails it at once, if the address belongs to someone who may
/// sign in; otherwise does nothing (the requester was told the same either way). The password is
/// stored only as its hash; a failed send is retried with a new one.
async fn password_reset(state: &AppState, job: &ClaimedJob, email: &str) -> Result<(), String> {
    let store = state.store.as_ref();
    let user = store
        .find_sign_in_user(email)
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
    let language = user.language;
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
    send(state, job, &email, None).await?;
    tracing::info!(user = %user.id, "temporary password issued");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_round_trip_through_their_outbox_rows() {
        let jobs = [
            Job::CaseCreated {
                thread_token: "abc".into(),
            },
            Job::CaseComment {
                comment: CommentId(3),
                recipient: UserId(4),
            },
            Job::CaseNew {
                thread_token: "abc".into(),
                recipient: UserId(5),
            },
            Job::CaseSolved {
                case: CaseId(1),
                recipient: UserId(2),
            },
            Job::CaseSurvey {
                case: CaseId(1),
                recipient: UserId(2),
            },
            Job::CaseStatus {
                case: CaseId(1),
                recipient: UserId(2),
            },
            Job::CaseAssigned {
                case: CaseId(1),
                recipient: UserId(2),
            },
            Job::PasswordReset {
                email: "a@b.example".into(),
            },
            Job::Welcome { user: UserId(9) },
            Job::InboundMail {
                message: crate::domain::InboundMailId(4),
            },
        ];
        let kinds: Vec<String> = jobs.iter().map(|j| j.row().expect("row").kind).collect();
        // The kinds rows already queued by earlier versions carry.
        assert_eq!(
            kinds,
            [
                "case_created",
                "case_comment",
                "case_new",
                "case_solved",
                "case_survey",
                "case_status",
                "case_assigned",
                "password_reset",
                "welcome",
                "inbound_mail"
            ]
        );
        for job in jobs {
            let row = job.row().expect("row");
            assert_eq!(Job::of_row(&row.kind, &row.payload), Ok(job));
        }
        assert!(Job::of_row("nonsense", "{}").is_err());
        assert!(Job::of_row("welcome", "not json").is_err());
    }

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        assert_eq!(backoff(1), Duration::seconds(10));
        assert_eq!(backoff(2), Duration::seconds(20));
        assert_eq!(backoff(5), Duration::seconds(160));
        assert_eq!(backoff(12), Duration::hours(1));
        assert_eq!(backoff(MAX_ATTEMPTS), Duration::hours(1));
    }
}
