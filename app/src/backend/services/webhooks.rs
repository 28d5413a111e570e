//! Webhooks: admins subscribe URLs to events of cases; Portico posts each event to them as JSON,
//! signed, through the outbox (so with its retries and back-off), and keeps a delivery log with
//! "send again".
//!
//! **What is sent.** `POST` with `Content-Type: application/json` and these headers:
//! `Portico-Event` (`case.created`, ...), `Portico-Delivery` (the delivery's id) and
//! `Portico-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the webhook's
//! secret>`. A receiver recomputes the HMAC, compares in constant time and refuses an old `t`. The
//! body is made when the delivery is first tried and kept, so a retry and "send again" send the same
//! event with the same `id` (receivers can drop a second copy).
//!
//! **Where it may go.** `https://` or `http://` URLs only, never to loopback, private, link-local
//! or other non-public addresses unless an admin ticked "allow private addresses" for that webhook:
//! checked when saving and again at every send, on the address actually connected to
//! (`outbound::public_client`), so a name that later resolves to a private address is refused too.
//! Redirects are not followed (a 3xx answer is a failure).
use crate::backend::auth::{Actor, hex, new_token};
use crate::backend::outbound::{self, HttpClient, PublicHttpClient, is_public};
use crate::backend::policy;
use crate::backend::services::audit;
use crate::backend::state::AppState;
use crate::backend::store::{DeliveryRow, DeliveryWork, WebhookChange, WebhookRow};
use crate::backend::time;
use crate::domain::audit::AuditAction;
use crate::domain::webhooks::{
    DeliveryStatus, DeliveryView, WebhookEvent, WebhookPage, WebhookView,
};
use crate::domain::{CaseNumber, DeliveryId, WebhookId};
use crate::error::AppError;
use crate::messages::MessageKey;
use chrono::Utc;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::net::IpAddr;
use std::sync::OnceLock;

/// How long a receiver may take to answer.
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);
/// The most of an answer read (it is not used; a longer one is cut off).
const ANSWER_LIMIT: usize = 1024 * 1024;
/// Longest URL kept.
const URL_MAX: usize = 2000;
/// Longest description kept.
const DESCRIPTION_MAX: usize = 200;
/// Deliveries a webhook's page lists.
const LOG_SIZE: i64 = 50;
/// Longest error kept in the log.
const ERROR_MAX: usize = 300;

/// The header with the signature.
pub const SIGNATURE_HEADER: &str = "portico-signature";

/// The client for webhooks that may go to private addresses.
fn any_client() -> Result<&'static HttpClient, String> {
    static CLIENT: OnceLock<Result<HttpClient, String>> = OnceLock::new();
    CLIENT
        .get_or_init(outbound::client)
        .as_ref()
        .map_err(Clone::clone)
}

/// The client for all others: public addresses only.
fn public_client() -> Result<&'static PublicHttpClient, String> {
    static CLIENT: OnceLock<Result<PublicHttpClient, String>> = OnceLock::new();
    CLIENT
        .get_or_init(outbound::public_client)
        .as_ref()
        .map_err(Clone::clone)
}

/// The signature header's value for `body` sent at `timestamp` (unix seconds).
pub fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    format!("t={timestamp},v1={}", hex(&mac.finalize().into_bytes()))
}

/// Every webhook (admins only).
pub async fn list(state: &AppState, actor: &Actor) -> Result<Vec<WebhookView>, AppError> {
    policy::require(actor, policy::can_manage_webhooks)?;
    Ok(state
        .store
        .webhooks()
        .await?
        .into_iter()
        .map(|w| view_of(w, false))
        .collect())
}

/// One webhook with its latest deliveries; `None`: a blank one to add. Admins only.
pub async fn page(
    state: &AppState,
    actor: &Actor,
    id: Option<WebhookId>,
) -> Result<WebhookPage, AppError> {
    policy::require(actor, policy::can_manage_webhooks)?;
    let Some(id) = id else {
        return Ok(WebhookPage {
            webhook: WebhookView {
                active: true,
                events: WebhookEvent::ALL.to_vec(),
                ..WebhookView::default()
            },
            deliveries: Vec::new(),
        });
    };
    let row = state.store.webhook(id).await?.ok_or(AppError::NotFound)?;
    let reader = time::Reader::current();
    let deliveries = state
        .store
        .webhook_deliveries(id, LOG_SIZE)
        .await?
        .into_iter()
        .map(|d: DeliveryRow| DeliveryView {
            id: d.id,
            event: d.event,
            case: d.case_number.map(|n| CaseNumber(n).to_string()),
            status: d.status,
            attempts: d.attempts,
            response_status: d.response_status,
            last_error: d.last_error,
            created: reader.absolute(d.created_at),
            tried: d.last_tried_at.map(|t| reader.absolute(t)),
        })
        .collect();
    Ok(WebhookPage {
        webhook: view_of(row, true),
        deliveries,
    })
}

fn view_of(row: WebhookRow, with_secret: bool) -> WebhookView {
    WebhookView {
        id: Some(row.id),
        url: row.url,
        description: row.description,
        events: WebhookEvent::list(&row.events),
        active: row.active,
        allow_private: row.allow_private,
        secret: if with_secret {
            row.secret
        } else {
            String::new()
        },
        failing: row.failing,
    }
}

/// What the webhook form posts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WebhookForm {
    /// The URL.
    pub url: String,
    /// What it is for.
    pub description: String,
    /// The events ticked (codes as posted).
    pub events: Vec<String>,
    /// Sent events.
    pub active: bool,
    /// May go to loopback or a private network.
    pub allow_private: bool,
}

/// Where a URL may be posted to: `Ok` with the URL as kept, or the message for the field.
async fn check_url(typed: &str, allow_private: bool) -> Result<String, MessageKey> {
    let typed = typed.trim();
    if typed.is_empty() || typed.len() > URL_MAX {
        return Err(MessageKey::WebhookUrlInvalid);
    }
    let url = url::Url::parse(typed).map_err(|_| MessageKey::WebhookUrlInvalid)?;
    if !matches!(url.scheme(), "https" | "http")
        || !url.username().is_empty()
        || url.password().is_some()
        || url.fragment().is_some()
    {
        return Err(MessageKey::WebhookUrlInvalid);
    }
    let port = url.port_or_known_default().unwrap_or(443);
    let addresses: Vec<IpAddr> = match (outbound::literal_ip(&url), url.host_str()) {
        (Some(ip), _) => vec![ip],
        (None, Some(name)) => tokio::net::lookup_host((name, port))
            .await
            .map_err(|_| MessageKey::WebhookUrlUnresolvable)?
            .map(|a| a.ip())
            .collect(),
        (None, None) => return Err(MessageKey::WebhookUrlInvalid),
    };
    if addresses.is_empty() {
        return Err(MessageKey::WebhookUrlUnresolvable);
    }
    if !allow_private && !addresses.iter().all(|ip| is_public(*ip)) {
        return Err(MessageKey::WebhookUrlPrivate);
    }
    Ok(url.to_string())
}

/// Adds (`id` `None`, with a new secret) or changes a webhook. Admins only; in the audit log.
pub async fn save(
    state: &AppState,
    actor: &Actor,
    id: Option<WebhookId>,
    form: &WebhookForm,
) -> Result<WebhookId, AppError> {
    let me = policy::require(actor, policy::can_manage_webhooks)?;
    if let Some(id) = id {
        state.store.webhook(id).await?.ok_or(AppError::NotFound)?;
    }
    let url = check_url(&form.url, form.allow_private)
        .await
        .map_err(|key| AppError::field("url", key))?;
    let description = crate::domain::clean_line(form.description.trim());
    if description.chars().count() > DESCRIPTION_MAX {
        return Err(AppError::field(
            "description",
            MessageKey::WebhookDescriptionTooLong,
        ));
    }
    let mut events = Vec::new();
    for code in &form.events {
        let event = WebhookEvent::from_code(code.trim())
            .ok_or(AppError::field("events", MessageKey::WebhookEventsRequired))?;
        if !events.contains(&event) {
            events.push(event);
        }
    }
    if events.is_empty() {
        return Err(AppError::field("events", MessageKey::WebhookEventsRequired));
    }
    let codes = WebhookEvent::ALL
        .into_iter()
        .filter(|e| events.contains(e))
        .map(WebhookEvent::code)
        .collect::<Vec<_>>()
        .join(" ");
    let secret = format!("whsec_{}", new_token());
    let change = WebhookChange {
        url: &url,
        description: &description,
        events: &codes,
        secret: &secret,
        active: form.active,
        allow_private: form.allow_private,
    };
    let saved = state.store.save_webhook(id, &change, Utc::now()).await?;
    let detail = format!(
        "webhook={url} events={codes} active={} private={}",
        form.active, form.allow_private
    );
    let action = if id.is_some() {
        AuditAction::WebhookChanged
    } else {
        AuditAction::WebhookAdded
    };
    audit::record(&state.store, Some(me), action, None, &detail).await;
    Ok(saved)
}

/// Removes a webhook and its log. Admins only; in the audit log.
pub async fn remove(state: &AppState, actor: &Actor, id: WebhookId) -> Result<(), AppError> {
    let me = policy::require(actor, policy::can_manage_webhooks)?;
    let row = state.store.webhook(id).await?.ok_or(AppError::NotFound)?;
    if !state.store.delete_webhook(id).await? {
        return Err(AppError::NotFound);
    }
    let detail = format!("webhook={}", row.url);
    audit::record(
        &state.store,
        Some(me),
        AuditAction::WebhookRemoved,
        None,
        &detail,
    )
    .await;
    Ok(())
}

/// Sends delivery `delivery` of webhook `id` again, as a new delivery of the same event. Admins
/// only.
pub async fn send_again(
    state: &AppState,
    actor: &Actor,
    id: WebhookId,
    delivery: DeliveryId,
) -> Result<DeliveryId, AppError> {
    policy::require(actor, policy::can_manage_webhooks)?;
    state
        .store
        .redeliver(id, delivery, Utc::now())
        .await?
        .ok_or(AppError::NotFound)
}

/// Sends one delivery (the outbox's job): `Ok` when it is done with (delivered, or nothing left
/// to send: its webhook was removed or paused), `Err` to try again later.
pub async fn deliver(state: &AppState, id: DeliveryId) -> Result<(), String> {
    let store_error = |e: crate::backend::store::StoreError| e.to_string();
    let Some(work) = state.store.delivery_work(id).await.map_err(store_error)? else {
        return Ok(());
    };
    let now = Utc::now();
    if !work.active {
        state
            .store
            .record_delivery_attempt(
                id,
                DeliveryStatus::Failed,
                None,
                Some("not sent: the webhook is paused"),
                now,
            )
            .await
            .map_err(store_error)?;
        return Ok(());
    }
    let body = match &work.body {
        Some(body) => body.clone(),
        None => {
            let body = render(state, &work).await.map_err(|e| format!("{e:?}"))?;
            state
                .store
                .set_delivery_body(id, &body)
                .await
                .map_err(store_error)?;
            body
        }
    };
    let outcome = post(&work, &body, now.timestamp()).await;
    let (status, code, error) = match &outcome {
        Ok(code) if (200..300).contains(code) => (DeliveryStatus::Delivered, Some(*code), None),
        Ok(code) => (
            DeliveryStatus::Failed,
            Some(*code),
            Some(format!("the receiver answered {code}")),
        ),
        Err(e) => (DeliveryStatus::Failed, None, Some(e.clone())),
    };
    let error = error.map(|e| e.chars().take(ERROR_MAX).collect::<String>());
    state
        .store
        .record_delivery_attempt(
            id,
            status,
            code.map(i32::from),
            error.as_deref(),
            Utc::now(),
        )
        .await
        .map_err(store_error)?;
    match error {
        None => Ok(()),
        Some(e) => Err(format!("webhook {}: {e}", work.webhook_id)),
    }
}

/// Posts `body` to the delivery's webhook; the receiver's status, or why it could not be asked.
async fn post(work: &DeliveryWork, body: &str, timestamp: i64) -> Result<u16, String> {
    let url = url::Url::parse(&work.url).map_err(|e| e.to_string())?;
    if !work.allow_private && outbound::literal_ip(&url).is_some_and(|ip| !is_public(ip)) {
        return Err("refused: a private address".into());
    }
    let request = http::Request::post(url.as_str())
        .header(http::header::CONTENT_TYPE, "application/json")
        .header(http::header::USER_AGENT, "Portico-Webhooks/1")
        .header("portico-event", &work.event)
        .header("portico-delivery", work.id.0.to_string())
        .header(SIGNATURE_HEADER, signature(&work.secret, timestamp, body))
        .body(body.as_bytes().to_vec())
        .map_err(|e| e.to_string())?;
    let response = if work.allow_private {
        outbound::fetch(any_client()?, request, TIMEOUT, ANSWER_LIMIT).await
    } else {
        outbound::fetch(public_client()?, request, TIMEOUT, ANSWER_LIMIT).await
    }?;
    Ok(response.status().as_u16())
}

/// The event's JSON: what happened, to which case (as it is now), by whom, and what changed.
async fn render(state: &AppState, work: &DeliveryWork) -> Result<String, AppError> {
    use serde_json::{Value, json};
    let detail: serde_json::Map<String, Value> =
        serde_json::from_str(&work.detail).unwrap_or_default();
    let mut event = serde_json::Map::new();
    event.insert("id".into(), json!(work.id.0));
    event.insert("event".into(), json!(work.event));
    event.insert("created_at".into(), json!(work.created_at.to_rfc3339()));
    if let Some(case_id) = work.case_id {
        let number = state.store.get_case(case_id).await?.number;
        let case = state
            .store
            .case_detail(number.0)
            .await?
            .ok_or(AppError::NotFound)?;
        let person = |id: Option<crate::domain::UserId>, name: Option<String>| match id {
            Some(id) => json!({ "id": id.0, "name": name.unwrap_or_default() }),
            None => Value::Null,
        };
        event.insert(
            "case".into(),
            json!({
                "number": number.to_string(),
                "subject": case.subject,
                "status": case.status,
                "priority": case.priority,
                "origin": case.origin,
                "product": case.product_name,
                "country": case.country,
                "account": { "id": case.account_id.0, "name": case.account_name },
                "contact": { "id": case.contact_id.0, "name": case.contact_name },
                "assignee": person(case.assignee_id, case.assignee_name),
                "opened_at": case.opened_at.to_rfc3339(),
                "url": format!("{}/cases/{number}", state.settings.public_url),
            }),
        );
        if let Some(comment) = detail.get("comment").and_then(Value::as_i64) {
            let found = state
                .store
                .case_comments(case_id, true)
                .await?
                .into_iter()
                .find(|c| c.id.0 == comment);
            if let Some(c) = found {
                event.insert(
                    "comment".into(),
                    json!({
                        "id": c.id.0,
                        "author": c.author_name,
                        "internal": !c.public,
                        "body": c.body,
                        "created_at": c.created_at.to_rfc3339(),
                    }),
                );
            }
        }
    }
    if let Some(actor) = detail.get("actor").and_then(Value::as_i64) {
        let name = state
            .store
            .get_user(crate::domain::UserId(actor))
            .await
            .map(|u| u.name)
            .unwrap_or_default();
        event.insert("actor".into(), json!({ "id": actor, "name": name }));
    }
    if let Some(changes) = detail.get("changes") {
        event.insert("changes".into(), changes.clone());
    }
    if let Some(rating) = detail.get("rating") {
        event.insert(
            "survey".into(),
            json!({ "rating": rating, "feedback": detail.get("feedback").cloned().unwrap_or(Value::Null) }),
        );
    }
    Ok(Value::Object(event).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_covers_timestamp_and_body() {
        // The value Python's `hmac.new(b"whsec_key", b"1700000000.{}", hashlib.sha256)` gives.
        let a = signature("whsec_key", 1_700_000_000, "{}");
        assert_eq!(
            a,
            "t=1700000000,v1=bfdd020b0e5c78488e2eb7c57161338519524f24714a6ba86c4224c4b6981a9d"
        );
        assert_ne!(a, signature("whsec_key", 1_700_000_001, "{}"));
        assert_ne!(a, signature("whsec_key", 1_700_000_000, "{ }"));
        assert_ne!(a, signature("whsec_other", 1_700_000_000, "{}"));
        assert_eq!(a, signature("whsec_key", 1_700_000_000, "{}"));
    }

    #[tokio::test]
    async fn private_and_malformed_urls_are_refused_unless_allowed() {
        for (url, key) in [
            ("ftp://example.com/", MessageKey::WebhookUrlInvalid),
            (
                "https://user:pw@example.com/",
                MessageKey::WebhookUrlInvalid,
            ),
            ("not a url", MessageKey::WebhookUrlInvalid),
            ("http://127.0.0.1:9/hook", MessageKey::WebhookUrlPrivate),
            ("http://localhost:9/hook", MessageKey::WebhookUrlPrivate),
            (
                "http://169.254.169.254/latest",
                MessageKey::WebhookUrlPrivate,
            ),
            ("http://[::1]/", MessageKey::WebhookUrlPrivate),
            ("http://10.0.0.8/", MessageKey::WebhookUrlPrivate),
            (
                "http://[::ffff:192.168.0.1]/",
                MessageKey::WebhookUrlPrivate,
            ),
        ] {
            assert_eq!(check_url(url, false).await, Err(key), "{url}");
        }
        assert_eq!(
            check_url("http://127.0.0.1:9/hook", true).await,
            Ok("http://127.0.0.1:9/hook".to_string())
        );
        assert_eq!(
            check_url("https://93.184.216.34/hook", false).await,
            Ok("https://93.184.216.34/hook".to_string())
        );
    }
}
