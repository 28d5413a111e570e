//! Cases: opening one (number, attachments and email in one transaction), reading one for its page,
//! summary and emails, and changing its status (with the survey invitation).

use super::*;

/// Input for a new case; the store allocates the number.
#[derive(Debug, Clone)]
pub struct NewCase {
    /// Subject line.
    pub subject: String,
    /// Description.
    pub description: String,
    /// Product, if chosen.
    pub product_id: Option<ProductId>,
    /// Country.
    pub country: String,
    /// How it arrived.
    pub origin: crate::domain::CaseOrigin,
    /// The customer's company.
    pub account_id: AccountId,
    /// The contact who asked.
    pub contact_id: UserId,
    /// Opening time.
    pub opened_at: DateTime<Utc>,
    /// Random reference carried by the subject of every email about the case.
    pub thread_token: String,
    /// Who uploaded `attachments`: the contact, or support logging the case for them.
    pub uploader: UserId,
    /// The uploader's pending uploads that become the case's attachments.
    pub attachments: Vec<AttachmentId>,
    /// The inbound message it is opened from, settled in the same transaction (exactly once).
    pub from_mail: Option<MailSource>,
}

/// A case as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CaseRow {
    /// Id.
    pub id: CaseId,
    /// The 8-digit number.
    pub number: CaseNumber,
    /// Subject.
    pub subject: String,
    /// Description.
    pub description: String,
    /// Product.
    pub product_id: Option<ProductId>,
    /// Country.
    pub country: String,
    /// Status code.
    pub status: CaseStatus,
    /// Origin code.
    pub origin: CaseOrigin,
    /// Company.
    pub account_id: AccountId,
    /// Contact.
    pub contact_id: UserId,
    /// Resolution text.
    pub resolution: String,
    /// Opened.
    pub opened_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// Closed, if it is.
    pub closed_at: Option<DateTime<Utc>>,
    /// Email thread reference.
    pub thread_token: Option<String>,
}

/// What the confirmation email of a case shows, with its recipient.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CaseMailRow {
    /// The case number.
    pub number: i64,
    /// Subject.
    pub subject: String,
    /// Description.
    pub description: String,
    /// Country.
    pub country: String,
    /// Thread reference.
    pub thread_token: Option<String>,
    /// Opened.
    pub opened_at: DateTime<Utc>,
    /// The contact's email.
    pub email: String,
    /// The contact's name.
    pub contact_name: String,
    /// The contact's language code.
    pub language: Language,
    /// The contact's time zone (empty: none chosen).
    pub time_zone: String,
    /// The product's name, if one was chosen.
    pub product_name: Option<String>,
    /// The company's name.
    pub account_name: String,
}

/// A case as its confirmation shows it, with the company that may see it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CaseSummaryRow {
    /// Id.
    pub id: CaseId,
    /// The company.
    pub account_id: AccountId,
    /// Subject.
    pub subject: String,
    /// Description.
    pub description: String,
    /// Country.
    pub country: String,
    /// Product name.
    pub product_name: Option<String>,
}

/// A case with what its page shows of its company and contact.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CaseDetailRow {
    /// Id.
    pub id: CaseId,
    /// Number.
    pub number: i64,
    /// Subject.
    pub subject: String,
    /// Description.
    pub description: String,
    /// Status code.
    pub status: CaseStatus,
    /// Origin code.
    pub origin: CaseOrigin,
    /// Country.
    pub country: String,
    /// Resolution.
    pub resolution: String,
    /// Opened.
    pub opened_at: DateTime<Utc>,
    /// Company.
    pub account_id: AccountId,
    /// Company name.
    pub account_name: String,
    /// Company phone.
    pub company_phone: String,
    /// Contact.
    pub contact_id: UserId,
    /// Contact name.
    pub contact_name: String,
    /// Contact phone.
    pub contact_phone: String,
    /// Product name.
    pub product_name: Option<String>,
    /// Email thread reference.
    pub thread_token: Option<String>,
    /// How urgent.
    pub priority: Priority,
    /// Who works on it.
    pub assignee_id: Option<UserId>,
    /// Their name.
    pub assignee_name: Option<String>,
    /// Product.
    pub product_id: Option<ProductId>,
}

/// A change of a case's status, priority, assignee and resolution, with the history it writes.
#[derive(Debug, Clone)]
pub struct CaseUpdate {
    /// The case.
    pub case_id: CaseId,
    /// The status read before the change: the update applies only while the case still has it,
    /// so two changes made from the same reading cannot both apply (the second gets
    /// [`StoreError::Stale`]).
    pub expected: CaseStatus,
    /// New status code.
    pub status: CaseStatus,
    /// New priority.
    pub priority: Priority,
    /// New assignee.
    pub assignee_id: Option<UserId>,
    /// New resolution.
    pub resolution: String,
    /// Who changes it (`None`: Portico itself, as the automatic close).
    pub actor: Option<UserId>,
    /// What the history records of it.
    pub events: Vec<NewEvent>,
    /// When it was closed (`None` unless the new status is closed).
    pub closed_at: Option<DateTime<Utc>>,
    /// Invite this person to the survey (once per case and person).
    pub invite: Option<UserId>,
    /// When.
    pub now: DateTime<Utc>,
}

/// Support's edit of a case's own fields, with the history it writes.
#[derive(Debug, Clone)]
pub struct CaseEdit {
    /// The case.
    pub case_id: CaseId,
    /// Subject.
    pub subject: String,
    /// Description.
    pub description: String,
    /// Product.
    pub product_id: Option<ProductId>,
    /// Country.
    pub country: String,
    /// Contact (one of the company's).
    pub contact_id: UserId,
    /// Who edits it.
    pub actor: UserId,
    /// What the history records of it.
    pub events: Vec<NewEvent>,
    /// When.
    pub now: DateTime<Utc>,
}

/// What an update or survey email shows, with its recipient.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CaseUpdateMailRow {
    /// Case number.
    pub number: i64,
    /// Case subject.
    pub subject: String,
    /// Status code now.
    pub status: CaseStatus,
    /// Resolution.
    pub resolution: String,
    /// Product name.
    pub product_name: Option<String>,
    /// Thread reference.
    pub thread_token: Option<String>,
    /// How urgent.
    pub priority: Priority,
    /// Recipient's email.
    pub email: String,
    /// Recipient's name.
    pub name: String,
    /// Recipient's language.
    pub language: Language,
    /// Recipient's role (staff read staff wording).
    pub role: Role,
    /// Recipient may still sign in.
    pub active: bool,
}

impl Store {
    /// Opens a case: allocates the next case number, inserts the case and enqueues `jobs` (its
    /// emails) in one transaction, so concurrent creations get distinct, increasing numbers and
    /// no case exists without its email. With `throttle`, its slot is taken first in the same
    /// transaction, or `Throttled` answers and nothing is written.
    pub async fn insert_case(
        &self,
        c: &NewCase,
        jobs: &[Job],
        throttle: Option<&SlotAsk<'_>>,
    ) -> StoreResult<CaseRow> {
        let pending_file = match self.backend() {
            Backend::Sqlite => sql::PENDING_ATTACHMENT_SQLITE,
            Backend::Postgres => sql::PENDING_ATTACHMENT_POSTGRES,
        };
        let mut tx = self.begin().await?;
        // The throttle's slot is taken in the case's own transaction: one write turn fewer per case,
        // and a case refused later (a file gone) leaves no slot behind.
        if let Some(ask) = throttle
            && let Slot::Full { oldest } = tx.take_slot(ask).await?
        {
            return Err(StoreError::Throttled { oldest });
        }
        // The files are checked (and on PostgreSQL locked) before a number is drawn, so a case
        // refused for a file that is gone uses no number: a sequence gives none back.
        for attachment in &c.attachments {
            let pending = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, AttachmentId>(
                pending_file
            )
            .bind(attachment)
            .bind(c.uploader)
            .fetch_optional(conn)
            .await)?;
            if pending.is_none() {
                // Removed, swept, or never the uploader's: the case is not written.
                return Err(StoreError::AttachmentUnavailable);
            }
        }
        let row = match &mut tx.inner {
            TxInner::Sqlite(conn) => {
                let mut rows = Vec::with_capacity(jobs.len());
                for job in jobs {
                    rows.push(job.row().map_err(|e| StoreError::Encoding(e.to_string()))?);
                }
                let mut script = String::from(sql::DRAW_CASE_NUMBER_SQLITE);
                if !rows.is_empty() {
                    script.push_str(sql::INSERT_OUTBOX_ROWS);
                    script.push_str(&sql::outbox_values(rows.len(), 13, 10));
                    script.push(';');
                }
                script.push_str(sql::INSERT_CASE_DRAWN_SQLITE);
                let mut query = sqlx::query_as::<sqlx::Sqlite, CaseRow>(&script);
                query = bind_case(query, 0, c);
                for row in &rows {
                    query = query.bind(&row.kind).bind(&row.payload);
                }
                // Every statement runs (the rows of the last one are the case).
                let row = query
                    .fetch_all(&mut **conn)
                    .await
                    .map_err(|e| match &e {
                        // The table's check: every 8-digit number is taken.
                        sqlx::Error::Database(d) if d.message().contains("number BETWEEN") => {
                            StoreError::CaseNumbersExhausted
                        }
                        _ => StoreError::from_sqlx(e),
                    })?
                    .pop()
                    .ok_or(StoreError::NotFound)?;
                tx.enqueued |= !jobs.is_empty();
                row
            }
            TxInner::Postgres(conn) => {
                let number: i64 =
                    sqlx::query_scalar::<sqlx::Postgres, i64>(sql::NEXT_CASE_NUMBER_POSTGRES)
                        .fetch_one(&mut **conn)
                        .await
                        .map_err(|e| match &e {
                            // PostgreSQL's sequence ends at the largest 8-digit number.
                            sqlx::Error::Database(d) if d.code().as_deref() == Some("2200H") => {
                                StoreError::CaseNumbersExhausted
                            }
                            _ => StoreError::from_sqlx(e),
                        })?;
                let query = sqlx::query_as::<sqlx::Postgres, CaseRow>(sql::INSERT_CASE);
                let row = bind_case(query, number, c)
                    .fetch_one(&mut **conn)
                    .await
                    .map_err(StoreError::from_sqlx)?;
                tx.enqueue(jobs, c.opened_at).await?;
                row
            }
        };
        if row.number.0 > CaseNumber::MAX {
            return Err(StoreError::CaseNumbersExhausted);
        }
        if let Some(mail) = &c.from_mail {
            tx.settle_inbound(&mail.settle(
                crate::domain::inbound::InboundStatus::Case,
                row.id,
                c.opened_at,
            ))
            .await?;
        }
        for attachment in &c.attachments {
            let linked = tx!(tx, |conn, DB| sqlx::query::<DB>(sql::LINK_ATTACHMENT)
                .bind(row.id)
                .bind(attachment)
                .bind(c.uploader)
                .execute(conn)
                .await
                .map(|r| r.rows_affected()))?;
            if linked != 1 {
                // Checked above; only a writer outside this transaction could get here.
                return Err(StoreError::AttachmentUnavailable);
            }
        }
        tx.announce(row.id, crate::domain::live::ChangeKind::Created, false);
        let mut detail = serde_json::Map::new();
        detail.insert("actor".into(), serde_json::json!(c.uploader.0));
        tx.hook(
            row.id,
            crate::domain::webhooks::WebhookEvent::CaseCreated,
            detail,
        );
        tx.commit().await?;
        Ok(row)
    }

    /// A case by id.
    pub async fn get_case(&self, id: CaseId) -> StoreResult<CaseRow> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, CaseRow>(sql::GET_CASE)
                .bind(id)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The case with this thread token (an email's verified reference names it).
    pub async fn case_by_thread(&self, thread_token: &str) -> StoreResult<Option<CaseRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, CaseRow>(sql::CASE_BY_THREAD)
                .bind(thread_token)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The confirmation email's data of the case with this thread token.
    pub async fn case_mail(&self, thread_token: &str) -> StoreResult<CaseMailRow> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, CaseMailRow>(sql::CASE_MAIL)
                .bind(thread_token)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The case numbered `number`, if any.
    pub async fn case_summary(&self, number: CaseNumber) -> StoreResult<Option<CaseSummaryRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, CaseSummaryRow>(sql::CASE_SUMMARY)
                .bind(number)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// The case numbered `number`, if any.
    pub async fn case_detail(&self, number: i64) -> StoreResult<Option<CaseDetailRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, CaseDetailRow>(sql::CASE_DETAIL)
                .bind(number)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Writes the new status, priority, assignee and resolution, their history, the survey
    /// invitation (unless that person already has one for this case) and `jobs(invited)` in one
    /// transaction. Returns whether an invitation was written.
    pub async fn update_case(
        &self,
        u: &CaseUpdate,
        jobs: &(dyn Fn(bool) -> Vec<Job> + Send + Sync),
    ) -> StoreResult<bool> {
        use surveys::sql as q;
        let mut tx = self.begin().await?;
        let changed = tx!(tx, |conn, DB| sqlx::query::<DB>(q::UPDATE_CASE_STATUS)
            .bind(u.status)
            .bind(&u.resolution)
            .bind(u.closed_at)
            .bind(u.now)
            .bind(u.case_id)
            .bind(u.priority)
            .bind(u.assignee_id)
            .bind(u.expected)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
        if changed == 0 {
            return Err(StoreError::Stale);
        }
        tx.record(u.case_id, u.actor, &u.events, u.now).await?;
        let mut invited = false;
        if let Some(recipient) = u.invite {
            invited = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, i64>(
                q::INSERT_SURVEY
            )
            .bind(u.case_id)
            .bind(recipient)
            .bind(u.now)
            .fetch_optional(conn)
            .await)?
            .is_some();
        }
        tx.enqueue(&jobs(invited), u.now).await?;
        tx.commit().await?;
        Ok(invited)
    }

    /// Writes support's edit of a case's own fields and its history in one transaction.
    pub async fn edit_case(&self, e: &CaseEdit) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let changed = tx!(tx, |conn, DB| sqlx::query::<DB>(sql::EDIT_CASE)
            .bind(e.case_id)
            .bind(&e.subject)
            .bind(e.subject.to_lowercase())
            .bind(&e.description)
            .bind(e.product_id)
            .bind(&e.country)
            .bind(e.contact_id)
            .bind(e.now)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        tx.record(e.case_id, Some(e.actor), &e.events, e.now)
            .await?;
        tx.commit().await
    }

    /// Solved cases whose last change is older than `before`, oldest first, at most `limit` (the
    /// automatic close takes them).
    pub async fn solved_before(
        &self,
        before: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<CaseNumber>> {
        db!(self, |pool, DB| {
            sqlx::query_scalar::<DB, CaseNumber>(sql::SOLVED_BEFORE)
                .bind(before)
                .bind(limit)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// What an update or survey email about `case` for `recipient` shows.
    pub async fn case_update_mail(
        &self,
        case: CaseId,
        recipient: UserId,
    ) -> StoreResult<CaseUpdateMailRow> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, CaseUpdateMailRow>(surveys::sql::CASE_UPDATE_MAIL)
                .bind(case)
                .bind(recipient)
                .fetch_one(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }
}

/// `query` (an insert of a case, [`sql::INSERT_CASE`] or its SQLite twin) with the case's values
/// bound as `$1` (`number`) to `$12`.
fn bind_case<'q, DB, O>(
    query: sqlx::query::QueryAs<'q, DB, O, <DB as sqlx::Database>::Arguments<'q>>,
    number: i64,
    c: &'q NewCase,
) -> sqlx::query::QueryAs<'q, DB, O, <DB as sqlx::Database>::Arguments<'q>>
where
    DB: sqlx::Database,
    i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<ProductId>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    CaseStatus: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    CaseOrigin: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    AccountId: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    UserId: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    DateTime<Utc>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    query
        .bind(number)
        .bind(&c.subject)
        .bind(&c.description)
        .bind(c.product_id)
        .bind(&c.country)
        .bind(CaseStatus::New)
        .bind(c.origin)
        .bind(c.account_id)
        .bind(c.contact_id)
        .bind(c.opened_at)
        .bind(&c.thread_token)
        .bind(c.subject.to_lowercase())
}
