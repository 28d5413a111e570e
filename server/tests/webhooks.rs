//! Webhooks (issue #19, part 4) through the real router on SQLite and PostgreSQL, delivering over
//! real HTTP to a receiver on loopback: an admin subscribes a URL to events; a case opened, a
//! comment, a solution and a survey answer each arrive once, as JSON, signed (the receiver checks
//! the HMAC-SHA256 itself); a receiver that fails gets the same event again later (back-off in the
//! outbox), and "Send again" sends it once more with the same id; a paused webhook gets nothing.
//! Loopback and private addresses are refused unless the admin allows them, at saving and again
//! at sending.
mod common;

use app::backend::jobs;
use common::world::{World, call, setup};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};

/// One request the receiver got.
#[derive(Debug, Clone)]
struct Received {
    event: String,
    delivery: String,
    signature: String,
    body: String,
}

impl Received {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }

    /// Whether the signature is `secret`'s HMAC-SHA256 of "timestamp.body", computed here.
    fn signed_with(&self, secret: &str) -> bool {
        let Some((t, v1)) = self
            .signature
            .strip_prefix("t=")
            .and_then(|rest| rest.split_once(",v1="))
        else {
            return false;
        };
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("key");
        mac.update(format!("{t}.{}", self.body).as_bytes());
        let expected: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let fresh = t
            .parse::<i64>()
            .is_ok_and(|t| (chrono::Utc::now().timestamp() - t).abs() < 300);
        expected == v1 && fresh
    }
}

/// An HTTP receiver on loopback that records every POST and answers `status`.
struct Receiver {
    url: String,
    got: Arc<Mutex<Vec<Received>>>,
    status: Arc<AtomicU16>,
}

impl Receiver {
    async fn start() -> Self {
        let got: Arc<Mutex<Vec<Received>>> = Arc::default();
        let status = Arc::new(AtomicU16::new(200));
        let (g, s) = (got.clone(), status.clone());
        let app = axum::Router::new().route(
            "/hook",
            axum::routing::post(move |headers: http::HeaderMap, body: String| {
                let (g, s) = (g.clone(), s.clone());
                async move {
                    let h = |name: &str| {
                        headers
                            .get(name)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or("")
                            .to_string()
                    };
                    g.lock().expect("lock").push(Received {
                        event: h("portico-event"),
                        delivery: h("portico-delivery"),
                        signature: h("portico-signature"),
                        body,
                    });
                    http::StatusCode::from_u16(s.load(Ordering::SeqCst)).expect("as set up")
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!("http://{}/hook", listener.local_addr().expect("as set up"));
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { url, got, status }
    }

    /// What arrived so far (after the outbox sent what is due).
    async fn received(&self, w: &World) -> Vec<Received> {
        jobs::drain(&w.app.state).await;
        self.got.lock().expect("lock").clone()
    }
}

fn encode(s: &str) -> String {
    app::domain::encode_query_value(s)
}

/// Saves a webhook as the admin; the reply.
async fn save(
    w: &World,
    id: Option<i64>,
    url: &str,
    events: &[&str],
    private: bool,
) -> common::Reply {
    let mut body = format!("url={}&active=on", encode(url));
    if let Some(id) = id {
        body.push_str(&format!("&id={id}"));
    }
    for e in events {
        body.push_str(&format!("&events[]={e}"));
    }
    if private {
        body.push_str("&allow_private=on");
    }
    call(&w.app, "/api/save_webhook", &body, Some(&w.admin)).await
}

/// The admin's view of webhook `id`: the webhook and its deliveries, newest first.
async fn page(w: &World, id: i64) -> serde_json::Value {
    let reply = w
        .app
        .get(
            &format!("/api/get_webhook?id={id}"),
            &[("cookie", &w.admin), ("accept", "application/json")],
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("JSON")
}

/// The ids of every webhook, as the admins' list has them.
async fn webhook_ids(w: &World) -> Vec<i64> {
    let reply = w
        .app
        .get(
            "/api/list_webhooks",
            &[("cookie", &w.admin), ("accept", "application/json")],
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let list: serde_json::Value = serde_json::from_str(&reply.body).expect("JSON");
    list.as_array()
        .expect("a list")
        .iter()
        .map(|w| w["id"].as_i64().expect("id"))
        .collect()
}

async fn events_arrive_once_signed_and_whole(db: common::TestDb) {
    let w = setup(db).await;
    let receiver = Receiver::start().await;
    let all = [
        "case.created",
        "case.updated",
        "case.commented",
        "case.solved",
        "case.closed",
        "survey.answered",
    ];

    // Loopback is refused unless the admin allows it, next to the URL.
    let refused = save(&w, None, &receiver.url, &all, false).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("error_webhook_url_private"),
        "{}",
        refused.body
    );
    let refused = save(&w, None, "http://localhost:1/hook", &all, false).await;
    assert!(
        refused.body.contains("error_webhook_url_private"),
        "{}",
        refused.body
    );
    let refused = save(&w, None, "ftp://example.com/", &all, true).await;
    assert!(
        refused.body.contains("error_webhook_url_invalid"),
        "{}",
        refused.body
    );
    let refused = save(&w, None, &receiver.url, &[], true).await;
    assert!(
        refused.body.contains("error_webhook_events_required"),
        "{}",
        refused.body
    );
    assert!(webhook_ids(&w).await.is_empty(), "nothing saved");

    let saved = save(&w, None, &receiver.url, &all, true).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    // A second webhook that hears of solutions only.
    let solved_only = Receiver::start().await;
    assert_eq!(
        save(&w, None, &solved_only.url, &["case.solved"], true)
            .await
            .status,
        200
    );
    let ids = webhook_ids(&w).await;
    assert_eq!(ids.len(), 2);
    let hook = page(&w, ids[0]).await;
    let (id, secret) = if hook["webhook"]["url"] == receiver.url.as_str() {
        (
            ids[0],
            hook["webhook"]["secret"]
                .as_str()
                .expect("as set up")
                .to_string(),
        )
    } else {
        let other = page(&w, ids[1]).await;
        (
            ids[1],
            other["webhook"]["secret"]
                .as_str()
                .expect("as set up")
                .to_string(),
        )
    };
    assert!(
        secret.starts_with("whsec_") && secret.len() > 40,
        "{secret}"
    );
    assert!(receiver.received(&w).await.is_empty(), "no event yet");

    // Anna opens a case: one signed case.created with the case and her company.
    let opened = call(
        &w.app,
        "/api/create_case",
        "subject=Toner+smears&description=Grey+stripes",
        Some(&w.anna),
    )
    .await;
    assert_eq!(opened.status, 200, "{}", opened.body);
    let got = receiver.received(&w).await;
    assert_eq!(got.len(), 1, "{got:?}");
    let created = &got[0];
    assert_eq!(created.event, "case.created");
    assert!(created.signed_with(&secret), "{created:?}");
    assert!(!created.signed_with("whsec_wrong"));
    let body = created.json();
    assert_eq!(body["event"], "case.created");
    assert_eq!(body["id"].to_string(), created.delivery);
    assert_eq!(body["case"]["number"], "00000003");
    assert_eq!(body["case"]["subject"], "Toner smears");
    assert_eq!(body["case"]["status"], "new");
    assert_eq!(
        body["case"]["account"]["name"],
        "Company of anna@acme.example"
    );
    assert!(
        body["case"]["url"]
            .as_str()
            .expect("as set up")
            .ends_with("/cases/00000003")
    );
    assert_eq!(body["actor"]["name"], "Anna de Boer");
    assert!(solved_only.received(&w).await.is_empty());

    // A comment; then support solves it (one event for the whole change, with what changed).
    let number = "number=00000003";
    let commented = call(
        &w.app,
        "/api/add_comment",
        &format!("{number}&body=Which+tray%3F"),
        Some(&w.agent),
    )
    .await;
    assert_eq!(commented.status, 200, "{}", commented.body);
    let solved = call(
        &w.app,
        "/api/update_case",
        &format!("{number}&status=solved&priority=high&resolution=New+drum+unit"),
        Some(&w.agent),
    )
    .await;
    assert_eq!(solved.status, 200, "{}", solved.body);
    let got = receiver.received(&w).await;
    let names: Vec<&str> = got.iter().map(|r| r.event.as_str()).collect();
    assert_eq!(names, ["case.created", "case.commented", "case.solved"]);
    let comment = got[1].json();
    assert_eq!(comment["comment"]["body"], "Which tray?");
    assert_eq!(comment["comment"]["internal"], false);
    let solution = got[2].json();
    assert_eq!(solution["case"]["status"], "solved");
    let fields: Vec<&str> = solution["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| c["field"].as_str().expect("as set up"))
        .collect();
    assert!(
        fields.contains(&"status") && fields.contains(&"priority"),
        "{fields:?}"
    );
    assert!(got.iter().all(|r| r.signed_with(&secret)));
    let other = solved_only.received(&w).await;
    assert_eq!(other.len(), 1);
    assert_eq!(other[0].event, "case.solved");
    assert!(
        !other[0].signed_with(&secret),
        "each webhook has its own secret"
    );

    // Every company's cases: Bert's comment too.
    let bert = call(
        &w.app,
        "/api/add_comment",
        "number=00000002&body=Hello",
        Some(&w.bert),
    )
    .await;
    assert_eq!(bert.status, 200, "{}", bert.body);
    let got = receiver.received(&w).await;
    assert_eq!(
        got.last().expect("as set up").json()["case"]["number"],
        "00000002"
    );

    // Support closes it, and Anna answers the survey.
    let closed = call(
        &w.app,
        "/api/update_case",
        &format!("{number}&status=closed&resolution=New+drum+unit"),
        Some(&w.agent),
    )
    .await;
    assert_eq!(closed.status, 200, "{}", closed.body);
    let answered = call(
        &w.app,
        "/api/answer_survey",
        &format!("{number}&rating=5&feedback=Quick+and+kind"),
        Some(&w.anna),
    )
    .await;
    assert_eq!(answered.status, 200, "{}", answered.body);
    let got = receiver.received(&w).await;
    let names: Vec<&str> = got.iter().map(|r| r.event.as_str()).collect();
    assert_eq!(names[names.len() - 2..], ["case.closed", "survey.answered"]);
    let survey = got.last().expect("as set up").json();
    assert_eq!(survey["survey"]["rating"], 5);
    assert_eq!(survey["survey"]["feedback"], "Quick and kind");
    assert_eq!(survey["case"]["number"], "00000003");

    // The log lists each, newest first, delivered with the receiver's status.
    let log = page(&w, id).await;
    let deliveries = log["deliveries"].as_array().expect("deliveries");
    assert_eq!(deliveries.len(), 6);
    assert!(
        deliveries
            .iter()
            .all(|d| d["status"] == "delivered" && d["response_status"] == 200)
    );
    assert_eq!(deliveries[5]["event"], "case.created");
    assert_eq!(deliveries[5]["case"], "00000003");

    // The webhook's page: titled by its URL, the secret in its field, the log's rows.
    let html = w
        .app
        .get(
            &format!("/admin/webhooks/{id}?saved=1"),
            &[("cookie", &w.admin)],
        )
        .await;
    assert_eq!(html.status, 200);
    let title = html
        .body
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next());
    assert!(
        title.is_some_and(|t| t.contains(&receiver.url)),
        "{:?}",
        &html.body[..html.body.len().min(3000)]
    );
    assert!(html.body.contains(&secret));

    // The audit log has the webhook's registration.
    let audit = w.app.get("/admin/audit", &[("cookie", &w.admin)]).await;
    assert!(audit.body.contains("Webhook added"), "{}", audit.body);
    w.app.assert_outbox_empty().await;

    // Erasing Anna removes the deliveries that name her (her cases, her changes); Bert's stay.
    let anna = common::world::id_of(&w, "anna@acme.example").await;
    let erased = call(
        &w.app,
        "/api/erase_personal_data",
        &format!("user_id={}&confirm_email=anna%40acme.example", anna.0),
        Some(&w.admin),
    )
    .await;
    assert_eq!(erased.status, 200, "{}", erased.body);
    let log = page(&w, id).await;
    let cases: Vec<&serde_json::Value> = log["deliveries"]
        .as_array()
        .expect("deliveries")
        .iter()
        .map(|d| &d["case"])
        .collect();
    assert_eq!(cases, [&serde_json::json!("00000002")]);
}

async fn a_failing_receiver_gets_the_event_again(db: common::TestDb) {
    let w = setup(db).await;
    let receiver = Receiver::start().await;
    assert_eq!(
        save(&w, None, &receiver.url, &["case.commented"], true)
            .await
            .status,
        200
    );
    let id = webhook_ids(&w).await[0];

    // The receiver fails: the log says so, and the outbox backs off before the next try.
    receiver.status.store(503, Ordering::SeqCst);
    let added = call(
        &w.app,
        "/api/add_comment",
        "number=00000001&body=Any+news%3F",
        Some(&w.anna),
    )
    .await;
    assert_eq!(added.status, 200, "{}", added.body);
    let got = receiver.received(&w).await;
    assert_eq!(got.len(), 1);
    let log = page(&w, id).await;
    let first = &log["deliveries"][0];
    assert_eq!(first["status"], "failed");
    assert_eq!(first["response_status"], 503);
    assert_eq!(first["attempts"], 1);
    assert!(
        first["last_error"]
            .as_str()
            .expect("as set up")
            .contains("503")
    );
    assert_eq!(log["webhook"]["failing"], 1);
    let outbox = w.app.state.store.list_outbox(10).await.expect("as set up");
    assert_eq!(outbox.len(), 1);
    assert!(outbox[0].run_after > chrono::Utc::now(), "backing off");

    // The retry (what the worker does when it falls due) sends the same event, and it arrives.
    receiver.status.store(200, Ordering::SeqCst);
    let delivery = app::domain::DeliveryId(first["id"].as_i64().expect("as set up"));
    app::backend::services::webhooks::deliver(&w.app.state, delivery)
        .await
        .expect("delivered");
    let got = receiver.got.lock().expect("lock").clone();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].body, got[1].body, "the same event");
    let log = page(&w, id).await;
    assert_eq!(log["deliveries"][0]["status"], "delivered");
    assert_eq!(log["deliveries"][0]["attempts"], 2);

    // "Send again": a new delivery of the same event (same id in the body).
    let again = call(
        &w.app,
        "/api/send_webhook_again",
        &format!("id={id}&delivery={}", delivery.0),
        Some(&w.admin),
    )
    .await;
    assert_eq!(again.status, 200, "{}", again.body);
    let got = receiver.received(&w).await;
    let bodies: Vec<_> = got.iter().map(|r| r.json()["id"].clone()).collect();
    assert_eq!(bodies.len(), 3, "{got:?}");
    assert!(bodies.iter().all(|b| *b == bodies[0]));
    assert_ne!(got[2].delivery, got[0].delivery, "a delivery of its own");
    assert_eq!(
        page(&w, id).await["deliveries"]
            .as_array()
            .expect("as set up")
            .len(),
        2
    );
    // Another webhook's delivery, or none, is not found.
    let missing = call(
        &w.app,
        "/api/send_webhook_again",
        &format!("id={id}&delivery=99999"),
        Some(&w.admin),
    )
    .await;
    assert_eq!(missing.status, 404);

    // Paused: nothing is sent.
    let paused = call(
        &w.app,
        "/api/save_webhook",
        &format!(
            "id={id}&url={}&events[]=case.commented&allow_private=on",
            encode(&receiver.url)
        ),
        Some(&w.admin),
    )
    .await;
    assert_eq!(paused.status, 200, "{}", paused.body);
    call(
        &w.app,
        "/api/add_comment",
        "number=00000001&body=Hello%3F",
        Some(&w.anna),
    )
    .await;
    assert_eq!(receiver.received(&w).await.len(), 3);

    // An address that became private after saving (say, its name now resolves to loopback) is
    // refused when sending, and nothing reaches it.
    let change = app::backend::store::WebhookChange {
        url: &receiver.url,
        description: "",
        events: "case.commented",
        secret: "",
        active: true,
        allow_private: false,
    };
    w.app
        .state
        .store
        .save_webhook(
            Some(app::domain::WebhookId(id)),
            &change,
            chrono::Utc::now(),
        )
        .await
        .expect("as set up");
    call(
        &w.app,
        "/api/add_comment",
        "number=00000001&body=Still+there%3F",
        Some(&w.anna),
    )
    .await;
    assert_eq!(
        receiver.received(&w).await.len(),
        3,
        "refused before connecting"
    );
    let log = page(&w, id).await;
    assert_eq!(log["deliveries"][0]["status"], "failed");
    assert!(
        log["deliveries"][0]["last_error"]
            .as_str()
            .expect("as set up")
            .contains("private"),
        "{}",
        log["deliveries"][0]
    );

    // Removed: its log goes, and the retry still waiting in the outbox ends without sending.
    let waiting = app::domain::DeliveryId(log["deliveries"][0]["id"].as_i64().expect("as set up"));
    let removed = call(
        &w.app,
        "/api/remove_webhook",
        &format!("id={id}"),
        Some(&w.admin),
    )
    .await;
    assert_eq!(removed.status, 200, "{}", removed.body);
    assert!(webhook_ids(&w).await.is_empty());
    app::backend::services::webhooks::deliver(&w.app.state, waiting)
        .await
        .expect("nothing left to send");
    assert_eq!(receiver.received(&w).await.len(), 3);
}

/// A name that resolves to loopback is refused when sending too, through the resolver that
/// connects to public addresses only.
async fn a_name_on_loopback_is_refused_at_sending(db: common::TestDb) {
    let w = setup(db).await;
    let receiver = Receiver::start().await;
    let port = receiver.url.trim_start_matches("http://127.0.0.1:");
    let by_name = format!("http://localhost:{port}");
    let change = app::backend::store::WebhookChange {
        url: &by_name,
        description: "",
        events: "case.commented",
        secret: "whsec_x",
        active: true,
        allow_private: false,
    };
    let id = w
        .app
        .state
        .store
        .save_webhook(None, &change, chrono::Utc::now())
        .await
        .expect("as set up");
    call(
        &w.app,
        "/api/add_comment",
        "number=00000001&body=Hi",
        Some(&w.anna),
    )
    .await;
    assert!(receiver.received(&w).await.is_empty());
    let log = page(&w, id.0).await;
    let error = log["deliveries"][0]["last_error"]
        .as_str()
        .expect("as set up")
        .to_string();
    assert!(error.contains("no public address"), "{error}");
}

on_both_backends!(
    events_arrive_once_signed_and_whole,
    a_failing_receiver_gets_the_event_again,
    a_name_on_loopback_is_refused_at_sending
);
