//! Webhooks: the URLs admins subscribe to events, and their deliveries.
//!
//! An event becomes deliveries in the transaction of the change that causes it: a change of a case
//! tells its [`Tx`] ([`Tx::record`] for history entries, [`Tx::hook`] for the rest), and as the
//! transaction commits one delivery row and one outbox job are written per active webhook
//! subscribed to the event. So a delivery exists exactly when its change does, and the outbox's
//! worker (any process) sends it, with its retries and back-off.

use super::*;
use crate::domain::webhooks::{DeliveryStatus, WebhookEvent};
use crate::domain::{DeliveryId, WebhookId};

mod sql {
    pub const ALL: &str = "SELECT w.id, w.url, w.description, w.events, w.secret, w.active, \
         w.allow_private, (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id \
         AND d.status = 'failed') AS failing FROM webhooks w ORDER BY lower(w.url), w.id";
    pub const ONE: &str = "SELECT w.id, w.url, w.description, w.events, w.secret, w.active, \
         w.allow_private, (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id \
         AND d.status = 'failed') AS failing FROM webhooks w WHERE w.id = $1";
    pub const INSERT: &str = "INSERT INTO webhooks (url, description, events, secret, active, \
         allow_private, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
         RETURNING id";
    pub const UPDATE: &str = "UPDATE webhooks SET url = $2, description = $3, events = $4, \
         active = $5, allow_private = $6, updated_at = $7 WHERE id = $1";
    pub const DELETE: &str = "DELETE FROM webhooks WHERE id = $1";
    /// One delivery per active webhook subscribed to the event (`$1`).
    pub const FAN_OUT: &str = "INSERT INTO webhook_deliveries (webhook_id, event, case_id, \
         detail, status, created_at, actor_id) SELECT id, $1, $2, $3, 'pending', $4, $5 \
         FROM webhooks WHERE active AND (' ' || events || ' ') LIKE ('% ' || $1 || ' %') \
         RETURNING id";
    pub const DELIVERIES: &str = "SELECT d.id, d.event, c.number AS case_number, d.status, \
         d.attempts, d.response_status, d.last_error, d.created_at, d.last_tried_at \
         FROM webhook_deliveries d LEFT JOIN cases c ON c.id = d.case_id \
         WHERE d.webhook_id = $1 ORDER BY d.id DESC LIMIT $2";
    pub const WORK: &str = "SELECT d.id, d.webhook_id, d.event, d.case_id, d.detail, d.body, \
         d.created_at, w.url, w.secret, w.active, w.allow_private \
         FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = $1";
    pub const SET_BODY: &str =
        "UPDATE webhook_deliveries SET body = $2 WHERE id = $1 AND body IS NULL";
    pub const ATTEMPT: &str = "UPDATE webhook_deliveries SET status = $2, \
         attempts = attempts + 1, response_status = $3, last_error = $4, last_tried_at = $5, \
         delivered_at = CASE WHEN $2 = 'delivered' THEN $5 ELSE delivered_at END WHERE id = $1";
    /// A copy of a delivery (same event, same body) to send again.
    pub const COPY: &str = "INSERT INTO webhook_deliveries (webhook_id, event, case_id, detail, \
         body, status, created_at, actor_id) SELECT webhook_id, event, case_id, detail, body, \
         'pending', $3, actor_id FROM webhook_deliveries WHERE id = $1 AND webhook_id = $2 \
         RETURNING id";
}

/// A webhook as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct WebhookRow {
    /// Id.
    pub id: WebhookId,
    /// Where events are posted.
    pub url: String,
    /// What it is for.
    pub description: String,
    /// The events it is sent, space-separated codes.
    pub events: String,
    /// The signing secret.
    pub secret: String,
    /// Sent events.
    pub active: bool,
    /// May be on loopback or a private network.
    pub allow_private: bool,
    /// Deliveries whose last try failed.
    pub failing: i64,
}

/// A webhook as an admin saved it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookChange<'a> {
    /// The URL.
    pub url: &'a str,
    /// What it is for.
    pub description: &'a str,
    /// Event codes, space-separated.
    pub events: &'a str,
    /// The signing secret (kept only when adding one).
    pub secret: &'a str,
    /// Sent events.
    pub active: bool,
    /// May be on loopback or a private network.
    pub allow_private: bool,
}

/// A line of the delivery log.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DeliveryRow {
    /// Id.
    pub id: DeliveryId,
    /// The event's code.
    pub event: String,
    /// The case's number.
    pub case_number: Option<i64>,
    /// Where it stands.
    pub status: DeliveryStatus,
    /// Tries so far.
    pub attempts: i32,
    /// The receiver's last HTTP status.
    pub response_status: Option<i32>,
    /// Why the last try failed.
    pub last_error: Option<String>,
    /// When the event happened.
    pub created_at: DateTime<Utc>,
    /// Last tried.
    pub last_tried_at: Option<DateTime<Utc>>,
}

/// What sending a delivery needs.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DeliveryWork {
    /// Id.
    pub id: DeliveryId,
    /// The webhook.
    pub webhook_id: WebhookId,
    /// The event's code.
    pub event: String,
    /// The case it is about.
    pub case_id: Option<CaseId>,
    /// What the change recorded (JSON: actor, changes, comment).
    pub detail: String,
    /// The body as first sent.
    pub body: Option<String>,
    /// When the event happened.
    pub created_at: DateTime<Utc>,
    /// The webhook's URL.
    pub url: String,
    /// Its secret.
    pub secret: String,
    /// Whether it is active.
    pub active: bool,
    /// Whether it may be on a private network.
    pub allow_private: bool,
}

/// An event of this transaction, turned into deliveries as it commits.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PendingHook {
    case: CaseId,
    event: WebhookEvent,
    detail: serde_json::Map<String, serde_json::Value>,
}

impl Tx {
    /// Tells webhooks subscribed to `event` of `case`, once this transaction commits; `detail`
    /// goes into the event's body (`actor`, `comment`, `internal`, `rating`...).
    pub fn hook(
        &mut self,
        case: CaseId,
        event: WebhookEvent,
        detail: serde_json::Map<String, serde_json::Value>,
    ) {
        self.hooks.push(PendingHook {
            case,
            event,
            detail,
        });
    }

    /// The history entries of one change as webhook events: one `case.updated` per case and
    /// transaction with every field that changed (`case.solved` or `case.closed` when its status
    /// became that), none for a case opened in the same transaction (its `case.created` says it
    /// all); comments are told by [`Tx::hook`] with their id.
    pub(super) fn hook_events(&mut self, case: CaseId, actor: Option<UserId>, events: &[NewEvent]) {
        use crate::domain::case_page::EventKind;
        let opened = self
            .hooks
            .iter()
            .any(|h| h.case == case && h.event == WebhookEvent::CaseCreated);
        for e in events {
            if opened || matches!(e.kind, EventKind::Comment | EventKind::InternalComment) {
                continue;
            }
            let i = match self.hooks.iter().position(|h| {
                h.case == case
                    && matches!(
                        h.event,
                        WebhookEvent::CaseUpdated
                            | WebhookEvent::CaseSolved
                            | WebhookEvent::CaseClosed
                    )
            }) {
                Some(i) => i,
                None => {
                    let mut detail = serde_json::Map::new();
                    detail.insert("actor".into(), serde_json::json!(actor.map(|a| a.0)));
                    detail.insert("changes".into(), serde_json::json!([]));
                    self.hook(case, WebhookEvent::CaseUpdated, detail);
                    self.hooks.len() - 1
                }
            };
            let hook = &mut self.hooks[i];
            if e.kind == EventKind::Status {
                if e.new_value == CaseStatus::Solved.code() {
                    hook.event = WebhookEvent::CaseSolved;
                } else if e.new_value == CaseStatus::Closed.code() {
                    hook.event = WebhookEvent::CaseClosed;
                }
            }
            if let Some(serde_json::Value::Array(changes)) = hook.detail.get_mut("changes") {
                changes.push(serde_json::json!({
                    "field": serde_json::to_value(e.kind).unwrap_or_default(),
                    "from": e.old_value,
                    "to": e.new_value,
                    "public": e.public,
                }));
            }
        }
    }

    /// Writes a delivery and its outbox job per subscribed webhook for each event of this
    /// transaction (just before it commits).
    pub(super) async fn write_hooks(&mut self, at: DateTime<Utc>) -> StoreResult<()> {
        let hooks = std::mem::take(&mut self.hooks);
        let mut jobs = Vec::new();
        for h in &hooks {
            let detail = serde_json::Value::Object(h.detail.clone()).to_string();
            let actor = h.detail.get("actor").and_then(serde_json::Value::as_i64);
            let ids = tx!(self, |conn, DB| sqlx::query_scalar::<DB, DeliveryId>(
                sql::FAN_OUT
            )
            .bind(h.event.code())
            .bind(h.case)
            .bind(&detail)
            .bind(at)
            .bind(actor)
            .fetch_all(conn)
            .await)?;
            jobs.extend(ids.into_iter().map(|delivery| Job::Webhook { delivery }));
        }
        self.enqueue(&jobs, at).await
    }
}

impl Store {
    /// Every webhook, by URL.
    pub async fn webhooks(&self) -> StoreResult<Vec<WebhookRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, WebhookRow>(sql::ALL)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// One webhook.
    pub async fn webhook(&self, id: WebhookId) -> StoreResult<Option<WebhookRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, WebhookRow>(sql::ONE)
                .bind(id)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Adds a webhook (`id` `None`) or changes one (its secret stays); `NotFound` for one that is
    /// not there.
    pub async fn save_webhook(
        &self,
        id: Option<WebhookId>,
        change: &WebhookChange<'_>,
        now: DateTime<Utc>,
    ) -> StoreResult<WebhookId> {
        db!(self, |pool, DB| {
            match id {
                None => sqlx::query_scalar::<DB, WebhookId>(sql::INSERT)
                    .bind(change.url)
                    .bind(change.description)
                    .bind(change.events)
                    .bind(change.secret)
                    .bind(change.active)
                    .bind(change.allow_private)
                    .bind(now)
                    .fetch_one(pool)
                    .await
                    .map_err(StoreError::from_sqlx),
                Some(id) => {
                    let changed = sqlx::query::<DB>(sql::UPDATE)
                        .bind(id)
                        .bind(change.url)
                        .bind(change.description)
                        .bind(change.events)
                        .bind(change.active)
                        .bind(change.allow_private)
                        .bind(now)
                        .execute(pool)
                        .await
                        .map_err(StoreError::from_sqlx)?;
                    if changed.rows_affected() == 0 {
                        return Err(StoreError::NotFound);
                    }
                    Ok(id)
                }
            }
        })
    }

    /// Removes a webhook and its deliveries; `false` when there was none. Jobs of its deliveries
    /// still in the outbox find nothing and end.
    pub async fn delete_webhook(&self, id: WebhookId) -> StoreResult<bool> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::DELETE)
                .bind(id)
                .execute(pool)
                .await
                .map(|r| r.rows_affected() > 0)
                .map_err(StoreError::from_sqlx)
        })
    }

    /// A webhook's latest `limit` deliveries, newest first.
    pub async fn webhook_deliveries(
        &self,
        id: WebhookId,
        limit: i64,
    ) -> StoreResult<Vec<DeliveryRow>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, DeliveryRow>(sql::DELIVERIES)
                .bind(id)
                .bind(limit)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// What sending delivery `id` needs; `None` when it (or its webhook) was removed.
    pub async fn delivery_work(&self, id: DeliveryId) -> StoreResult<Option<DeliveryWork>> {
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, DeliveryWork>(sql::WORK)
                .bind(id)
                .fetch_optional(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Keeps the body a delivery was first sent with (a delivery that has one keeps it).
    pub async fn set_delivery_body(&self, id: DeliveryId, body: &str) -> StoreResult<()> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::SET_BODY)
                .bind(id)
                .bind(body)
                .execute(pool)
                .await
                .map(|_| ())
                .map_err(StoreError::from_sqlx)
        })
    }

    /// Records a try of a delivery: delivered, or failed with the receiver's status or the error.
    pub async fn record_delivery_attempt(
        &self,
        id: DeliveryId,
        status: DeliveryStatus,
        response_status: Option<i32>,
        error: Option<&str>,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        db!(self, |pool, DB| {
            sqlx::query::<DB>(sql::ATTEMPT)
                .bind(id)
                .bind(status)
                .bind(response_status)
                .bind(error)
                .bind(at)
                .execute(pool)
                .await
                .map(|_| ())
                .map_err(StoreError::from_sqlx)
        })
    }

    /// A copy of delivery `id` of webhook `webhook` to send again now (same event, same body),
    /// with its outbox job; `None` when there is no such delivery.
    pub async fn redeliver(
        &self,
        webhook: WebhookId,
        id: DeliveryId,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<DeliveryId>> {
        let mut tx = self.begin().await?;
        let copy = tx!(tx, |conn, DB| sqlx::query_scalar::<DB, DeliveryId>(
            sql::COPY
        )
        .bind(id)
        .bind(webhook)
        .bind(now)
        .fetch_optional(conn)
        .await)?;
        if let Some(delivery) = copy {
            tx.enqueue(&[Job::Webhook { delivery }], now).await?;
        }
        tx.commit().await?;
        Ok(copy)
    }
}
