//! Hostile input through the real router (issue #18, "Hostile input"), on SQLite and PostgreSQL:
//! - every server function and every plain form route takes any body, random or mutated from
//!   plausible ones (`PORTICO_FUZZ_CASES` requests per property, a short run by default), as
//!   anyone, without a 5xx, a panic or a stall;
//! - every route that takes a body refuses one over its limit with 413: before reading a byte when
//!   it declares its length, and after counting no more than the limit when it does not;
//! - SVG and HTML uploads, of case files and of knowledge-article files, come back only as
//!   downloads.
mod common;

use axum::body::{Body, Bytes};
use common::world::{JSON, World, call, setup};
use common::{BOUNDARY, Reply, TestApp, TestDb, multipart, post_multipart};
use http::Request;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tower::ServiceExt;

/// The requests per fuzzing property: `PORTICO_FUZZ_CASES` when set (the long run), else
/// `default` (CI's short run); as `app`'s properties count theirs (`app/src/fuzz.rs`).
fn cases(default: u32) -> u32 {
    std::env::var("PORTICO_FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(default)
}

/// The most one request may take: bounded time, not a benchmark (a sign-in hashes a password).
const REQUEST_TIME: Duration = Duration::from_secs(20);

/// Argument names of the server functions (and the nested and list forms serde_qs reads).
const KEYS: &[&str] = &[
    "account",
    "account_id",
    "action",
    "all",
    "article",
    "assignee",
    "attachments",
    "back",
    "body",
    "by",
    "category",
    "clone",
    "company",
    "company_country",
    "company_name",
    "company_phone",
    "contact",
    "contact_id",
    "credential",
    "country",
    "current_password",
    "decision",
    "description",
    "draft",
    "email",
    "feedback",
    "follow",
    "from_case",
    "helpful",
    "id",
    "ids",
    "internal",
    "language",
    "limit",
    "list",
    "list[case]",
    "list[pending]",
    "message",
    "name",
    "new_cases",
    "new_password",
    "next",
    "number",
    "numbers",
    "numbers[]",
    "numbers[0]",
    "origin",
    "passkey_name",
    "password",
    "period",
    "phone",
    "portal_access",
    "priority",
    "product",
    "product_id",
    "product_name",
    "products",
    "products[]",
    "public",
    "q",
    "query",
    "query[status]",
    "query[sort]",
    "query[desc]",
    "query[after]",
    "query[q]",
    "query[view]",
    "query[assignee]",
    "rating",
    "reading",
    "reason",
    "remove_files[]",
    "replies",
    "reply",
    "reply_id",
    "request",
    "resolution",
    "revision",
    "role",
    "sort",
    "status",
    "subject",
    "summary",
    "text",
    "time_zone",
    "title",
    "token",
    "translation_of",
    "user_id",
    "video_hosts",
    "lang",
];

/// Values that sit on the edges of what the arguments accept, and hostile ones.
const VALUES: &[&str] = &[
    "",
    "0",
    "1",
    "2",
    "-1",
    "00000001",
    "00000002",
    "000001001",
    "99999999",
    "100000000",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "1.5",
    "1e309",
    "NaN",
    "true",
    "false",
    "on",
    "null",
    "[]",
    "{}",
    "%",
    "%ZZ",
    "%00",
    "%FF%FE",
    "%C0%AF",
    "+",
    "&",
    "=",
    "[",
    "]",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "anna@acme.example",
    "agent@vendor.example",
    "x@y",
    "en",
    "ru",
    "nl",
    "xx",
    "new",
    "in_progress",
    "solved",
    "closed",
    "reopen",
    "close",
    "high",
    "urgent",
    "draft",
    "published",
    "archived",
    "documentation",
    "mine",
    "unassigned",
    "agent",
    "admin",
    "customer",
    "accept",
    "reject",
    "submit",
    "upload",
    "print",
    "Europe/Amsterdam",
    "Mars/Olympus",
    "../../etc/passwd",
    "//evil.example",
    "/\\evil.example",
    "\u{0}",
    "\u{202E}",
    "\r\nX-Evil: 1",
    "Отчёт",
    "😀",
];

/// A value: one of [`VALUES`], random text, or something long.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(VALUES).prop_map(str::to_string),
        2 => "\\PC{0,24}",
        1 => any::<String>(),
        1 => ("[a-z%<>&=]{1,4}", 100..20_000_usize).prop_map(|(s, n)| s.repeat(n / s.len())),
    ]
}

/// A key: one of [`KEYS`] or random.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(KEYS).prop_map(str::to_string),
        1 => "[a-z_\\[\\]0-9]{0,12}",
        1 => "\\PC{0,8}",
    ]
}

/// A url-encoded form: plausible pairs, encoded (mostly) or raw, then some bytes flipped or
/// dropped.
fn form() -> impl Strategy<Value = Vec<u8>> {
    let pair = (key(), value(), any::<bool>()).prop_map(|(k, v, encode)| {
        if encode {
            format!(
                "{}={}",
                app::domain::encode_query_value(&k),
                app::domain::encode_query_value(&v)
            )
        } else {
            format!("{k}={v}")
        }
    });
    (
        prop::collection::vec(pair, 0..10),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
        proptest::option::of(any::<prop::sample::Index>()),
    )
        .prop_map(|(pairs, flips, cut)| {
            let mut bytes = pairs.join("&").into_bytes();
            for (at, byte) in flips {
                if !bytes.is_empty() {
                    let i = at.index(bytes.len());
                    bytes[i] = byte;
                }
            }
            if let Some(cut) = cut
                && !bytes.is_empty()
            {
                bytes.truncate(cut.index(bytes.len()));
            }
            bytes
        })
}

/// A JSON body: an object of plausible keys and values of any JSON kind, or broken JSON.
fn json() -> impl Strategy<Value = Vec<u8>> {
    let leaf = prop_oneof![
        value().prop_map(serde_json::Value::String),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        any::<bool>().prop_map(serde_json::Value::Bool),
        Just(serde_json::Value::Null),
    ];
    let any_json = leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(key(), inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    });
    prop_oneof![
        4 => prop::collection::btree_map(key(), any_json, 0..6).prop_map(|m| {
            serde_json::to_vec(&serde_json::Value::Object(m.into_iter().collect()))
                .unwrap_or_default()
        }),
        1 => "[\\[\\]{}\":,0-9a-z ]{0,40}".prop_map(String::into_bytes),
    ]
}

/// What a server function may be sent: its own encoding or any other.
fn body() -> impl Strategy<Value = (&'static str, Vec<u8>)> {
    const FORM: &str = "application/x-www-form-urlencoded";
    prop_oneof![
        6 => form().prop_map(|b| (FORM, b)),
        2 => json().prop_map(|b| ("application/json", b)),
        1 => (
            prop::sample::select(&[
                FORM,
                "application/json",
                "multipart/form-data; boundary=x",
                "multipart/form-data",
                "text/plain",
                "",
                "application/x-www-form-urlencoded; charset=utf-16",
                "application/cbor",
                "application/json; charset=\"",
            ][..]),
            prop::collection::vec(any::<u8>(), 0..256),
        ),
    ]
}

/// A query string: a form with every byte a URI may not carry percent-encoded (the mutations
/// leave `%`, so broken escapes stay).
fn query_of(form: &[u8]) -> String {
    form.iter().fold(String::new(), |mut out, &b| {
        if b.is_ascii_alphanumeric() || b"-._~%&=+".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
        out
    })
}

/// One generated request's outcome worth reporting, if any: a 5xx, a panic or a stall.
async fn failure_of(
    app: &TestApp,
    req: Request<Body>,
    what: impl Fn() -> String,
) -> Option<String> {
    let router = app.router.clone();
    let run = tokio::spawn(async move {
        let res = router.oneshot(req).await.expect("router is infallible");
        Reply::read(res).await
    });
    match tokio::time::timeout(REQUEST_TIME, run).await {
        Err(_) => Some(format!("no answer within {REQUEST_TIME:?}: {}", what())),
        Ok(Err(e)) if e.is_panic() => Some(format!("panicked: {}", what())),
        Ok(Err(e)) => Some(format!("{e}: {}", what())),
        Ok(Ok(reply)) if reply.status.is_server_error() => Some(format!(
            "{} {}: {}",
            reply.status,
            reply.body.chars().take(200).collect::<String>(),
            what()
        )),
        Ok(Ok(_)) => None,
    }
}

/// Keeps everyone signed in: a fuzzed call may have ended a session (a changed password, a
/// deactivated account); signs in again whoever can.
async fn keep_signed_in(w: &World, people: &mut [(String, Option<String>)]) {
    for (email, cookie) in people.iter_mut() {
        let Some(c) = cookie.as_deref() else {
            continue;
        };
        let me = w
            .app
            .get("/api/get_current_user", &[("cookie", c), ("accept", JSON)])
            .await;
        if me.body.trim() == "null" || me.status != 200 {
            let body = format!(
                "email={}&password={}&next=%2F",
                app::domain::encode_query_value(email),
                app::domain::encode_query_value(common::PERSON_PASSWORD)
            );
            let res = w.app.post_form("/api/sign_in", &body, None).await;
            if let Some(fresh) = res.session_cookie() {
                *cookie = Some(fresh);
            }
        }
    }
}

/// Stops at the first few failures with everything needed to repeat them.
fn assert_no_failures(failures: &[String], requests: u32) {
    assert!(
        failures.is_empty(),
        "{} of {requests} requests failed:\n{}",
        failures.len(),
        failures
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

async fn fuzz_server_functions_answer_any_body_without_a_5xx(db: TestDb) {
    let w = setup(db).await;
    let mut fns: Vec<(String, http::Method)> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| (path.to_string(), method))
        .collect();
    fns.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(fns.len() > 80, "the registered server functions: {fns:?}");
    // The language switch is a plain form route: the same decoding question.
    fns.push(("/lang".into(), http::Method::POST));
    let mut people: Vec<(String, Option<String>)> = vec![
        (String::new(), None),
        ("anna@acme.example".into(), Some(w.anna.clone())),
        ("agent@vendor.example".into(), Some(w.agent.clone())),
        ("admin@vendor.example".into(), Some(w.admin.clone())),
    ];
    let requests = cases(300);
    let strategy = (
        any::<prop::sample::Index>(),
        0..people.len(),
        body(),
        any::<bool>(),
    );
    let mut runner = TestRunner::new(Config::default());
    let mut failures = Vec::new();
    let mut sent = 0;
    for n in 0..requests {
        if n % 200 == 199 {
            keep_signed_in(&w, &mut people).await;
        }
        let (f, who, (content_type, bytes), html) =
            strategy.new_tree(&mut runner).expect("a value").current();
        let (path, method) = &fns[f.index(fns.len())];
        let (email, cookie) = &people[who];
        // Signing out would end the session the rest of the run uses.
        if cookie.is_some() && path.ends_with("/sign_out") {
            continue;
        }
        let mut req = if *method == http::Method::GET {
            Request::get(format!("{path}?{}", query_of(&bytes)))
        } else {
            Request::post(path.as_str())
                .header("content-type", content_type)
                .header("origin", w.app.state.settings.public_origin())
        };
        // A page's plain form post (no Referer: leptos_axum would turn any answer into a
        // redirect back to it) or the app's own call.
        req = req.header("accept", if html { "text/html" } else { JSON });
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        let body = if *method == http::Method::GET {
            Body::empty()
        } else {
            Body::from(bytes.clone())
        };
        let req = match req.body(body) {
            Ok(req) => req,
            Err(_) => continue, // Not a request a client could send (a header it cannot carry).
        };
        let what = || {
            format!(
                "{method} {path} as {email:?}, {content_type:?}: {:?}",
                String::from_utf8_lossy(&bytes)
                    .chars()
                    .take(300)
                    .collect::<String>()
            )
        };
        sent += 1;
        if let Some(failure) = failure_of(&w.app, req, what).await {
            failures.push(failure);
            if failures.len() >= 10 {
                break;
            }
        }
    }
    eprintln!(
        "fuzz: {sent} of {requests} generated requests sent (never a signed-in sign-out) to {} \
         server functions",
        fns.len()
    );
    assert_no_failures(&failures, requests);
    // Whatever the calls queued goes out: no job fails on what they carried.
    w.app.assert_outbox_empty().await;
}

async fn arguments_a_server_function_cannot_read_answer_422_not_500(db: TestDb) {
    // Found by the fuzzing above: every one of these answered 500.
    let w = setup(db).await;
    for (path, body) in [
        ("/api/get_contact", &b"id=not-a-number"[..]),
        ("/api/get_contact", b""),
        ("/api/sign_in", b"email=%F0%+0"),
        ("/api/create_case", b"subject=\xff\xfe"),
        ("/api/update_staff_member", b"{\"user_id\":1}"),
    ] {
        let req = Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", JSON)
            .header("cookie", w.admin.as_str())
            .body(Body::from(body))
            .expect("request");
        let reply = Reply::read(w.app.send(req).await).await;
        assert_eq!(reply.status, 422, "{path} {body:?}: {}", reply.body);
        assert!(reply.body.contains("error_bad_request"), "{}", reply.body);
    }
    // A browser without JavaScript that posted its page's form goes back to that page, as before.
    let back = w
        .app
        .post_form("/api/get_contact", "id=x", Some(&w.admin))
        .await;
    assert_eq!(back.status, 302, "{}", back.body);
    w.app.assert_outbox_empty().await;
}

/// A part of a multipart form.
#[derive(Debug, Clone)]
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    data: Vec<u8>,
}

fn part() -> impl Strategy<Value = Part> {
    const NAMES: &[&str] = &[
        "file",
        "file",
        "subject",
        "description",
        "intent",
        "attachments",
        "title",
        "summary",
        "body",
        "products[]",
        "remove_files[]",
        "number",
        "from_case",
        "language",
        "status",
        "account",
        "x",
        "",
    ];
    const FILE_NAMES: &[&str] = &[
        "a.txt",
        "x.svg",
        "x.html",
        "../../etc/passwd",
        "C:\\x\\y.pdf",
        "<script>alert(1)</script>.html",
        "\"><img src=x onerror=alert(1)>.png",
        "",
        ".",
        "..",
        "a\u{0}b",
        "invoice\u{202E}fdp.exe",
        "Отчёт.xlsx",
    ];
    const TYPES: &[&str] = &[
        "text/plain",
        "image/svg+xml",
        "text/html",
        "application/octet-stream",
        "image/png",
        "",
        "x",
        "text/html; charset=\"",
    ];
    (
        prop_oneof![
            4 => prop::sample::select(NAMES).prop_map(str::to_string),
            1 => "\\PC{0,10}",
        ],
        proptest::option::of(prop_oneof![
            3 => prop::sample::select(FILE_NAMES).prop_map(str::to_string),
            1 => "\\PC{0,30}",
        ]),
        proptest::option::of(prop::sample::select(TYPES).prop_map(str::to_string)),
        prop_oneof![
            3 => value().prop_map(String::into_bytes),
            1 => prop::collection::vec(any::<u8>(), 0..600),
        ],
    )
        .prop_map(|(name, file_name, content_type, data)| Part {
            name,
            file_name,
            content_type,
            data,
        })
}

/// A multipart body: well-formed parts, then mutated (line ends, the closing boundary, flipped
/// bytes, a cut), under the right boundary or a wrong one.
fn multipart_body() -> impl Strategy<Value = (String, Vec<u8>)> {
    (
        prop::collection::vec(part(), 0..6),
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
        proptest::option::of(any::<prop::sample::Index>()),
        prop_oneof![
            8 => Just(format!("multipart/form-data; boundary={BOUNDARY}")),
            1 => Just("multipart/form-data".to_string()),
            1 => Just("multipart/form-data; boundary=\"".to_string()),
            1 => Just("application/x-www-form-urlencoded".to_string()),
        ],
    )
        .prop_map(|(parts, lf_only, unclosed, flips, cut, content_type)| {
            let eol = if lf_only { "\n" } else { "\r\n" };
            let mut body = Vec::new();
            for p in parts {
                let mut head = format!(
                    "--{BOUNDARY}{eol}Content-Disposition: form-data; name=\"{}\"",
                    p.name
                );
                if let Some(f) = &p.file_name {
                    head.push_str(&format!("; filename=\"{f}\""));
                }
                head.push_str(eol);
                if let Some(t) = &p.content_type {
                    head.push_str(&format!("Content-Type: {t}{eol}"));
                }
                head.push_str(eol);
                body.extend_from_slice(head.as_bytes());
                body.extend_from_slice(&p.data);
                body.extend_from_slice(eol.as_bytes());
            }
            if !unclosed {
                body.extend_from_slice(format!("--{BOUNDARY}--{eol}").as_bytes());
            }
            for (at, byte) in flips {
                if !body.is_empty() {
                    let i = at.index(body.len());
                    body[i] = byte;
                }
            }
            if let Some(cut) = cut
                && !body.is_empty()
            {
                body.truncate(cut.index(body.len()));
            }
            (content_type, body)
        })
}

async fn fuzz_no_js_forms_answer_any_multipart_body_without_a_5xx(db: TestDb) {
    let w = setup(db).await;
    // A file of case 1 whose version the version route may be sent.
    let stored = post_multipart(
        &w.app,
        "/cases/00000001/files",
        multipart(&[], &[("file", "a.txt", "text/plain", b"a")]),
        Some(&w.anna),
        true,
    )
    .await;
    assert_eq!(stored.status, 303, "{}", stored.body);
    let routes = [
        ("/api/attachments", &w.anna),
        ("/cases/new/files", &w.anna),
        ("/cases/00000001/files", &w.anna),
        ("/cases/00000001/files/1/version", &w.anna),
        ("/cases/00000001/files", &w.agent),
        ("/desk/articles/files", &w.agent),
        ("/desk/articles/files", &w.anna),
    ];
    let requests = cases(200);
    let strategy = (
        any::<prop::sample::Index>(),
        multipart_body(),
        any::<bool>(),
    );
    let mut runner = TestRunner::new(Config::default());
    let mut failures = Vec::new();
    for _ in 0..requests {
        let (route, (content_type, bytes), declared) =
            strategy.new_tree(&mut runner).expect("a value").current();
        let (path, cookie) = routes[route.index(routes.len())];
        let mut req = Request::post(path)
            .header("content-type", content_type.as_str())
            .header("accept", "text/html")
            .header("origin", w.app.state.settings.public_origin())
            .header("cookie", cookie.as_str());
        if declared {
            req = req.header("content-length", bytes.len().to_string());
        }
        let req = req.body(Body::from(bytes.clone())).expect("request");
        let what = || {
            format!(
                "POST {path}, {content_type:?}: {:?}",
                String::from_utf8_lossy(&bytes)
                    .chars()
                    .take(400)
                    .collect::<String>()
            )
        };
        if let Some(failure) = failure_of(&w.app, req, what).await {
            failures.push(failure);
            if failures.len() >= 10 {
                break;
            }
        }
    }
    eprintln!("fuzz: {requests} multipart form requests");
    assert_no_failures(&failures, requests);
    w.app.assert_outbox_empty().await;
}

/// A body that sends `first` and then nothing more, ever, while it counts what the server took.
fn stalled_body(first: &'static [u8], taken: Arc<AtomicUsize>) -> Body {
    use futures_util::StreamExt;
    let first = futures_util::stream::once(async move {
        taken.fetch_add(first.len(), Ordering::SeqCst);
        Ok::<_, std::io::Error>(Bytes::from_static(first))
    });
    Body::from_stream(first.chain(futures_util::stream::pending()))
}

/// A body without end: 64 KB chunks of `fill` as long as the server reads, counted.
fn endless_body(start: &'static [u8], fill: u8, taken: Arc<AtomicUsize>) -> Body {
    let chunk = Bytes::from(vec![fill; 64 * 1024]);
    let stream = futures_util::stream::unfold(true, move |first| {
        let (taken, chunk) = (taken.clone(), chunk.clone());
        async move {
            let next = if first {
                Bytes::from_static(start)
            } else {
                chunk
            };
            taken.fetch_add(next.len(), Ordering::SeqCst);
            Some((Ok::<_, std::io::Error>(next), false))
        }
    });
    Body::from_stream(stream)
}

/// A route that takes a body: the content type it reads, the start of a body it would take, who
/// may post it, the length it refuses beyond without reading, and the most it reads of a body that
/// does not say its length.
struct BodyRoute {
    path: &'static str,
    content_type: String,
    start: &'static [u8],
    cookie: String,
    declared: usize,
    counted: usize,
}

/// Every route that takes a body.
fn body_routes(w: &World) -> Vec<BodyRoute> {
    let settings = &w.app.state.settings;
    let form = "application/x-www-form-urlencoded".to_string();
    let multi = format!("multipart/form-data; boundary={BOUNDARY}");
    let text_part: &'static [u8] = b"--portico-test-boundary\r\n\
        Content-Disposition: form-data; name=\"description\"\r\n\r\n";
    let file_part: &'static [u8] = b"--portico-test-boundary\r\n\
        Content-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n\
        Content-Type: application/octet-stream\r\n\r\n";
    // `/api/attachments` takes one file and refuses a longer body by its length before the
    // router's count would (which allows room for text fields too).
    let per_file =
        usize::try_from(settings.max_upload_bytes() + portico::routes::MULTIPART_OVERHEAD)
            .expect("limit");
    let one = portico::routes::upload_body_limit(settings, 1);
    let many =
        portico::routes::upload_body_limit(settings, app::domain::attachments::FILES_PER_CASE_MAX);
    let form_max = portico::security::FORM_BODY_MAX;
    let route =
        |path, content_type: &String, start, cookie: &String, declared, counted| BodyRoute {
            path,
            content_type: content_type.clone(),
            start,
            cookie: cookie.clone(),
            declared,
            counted,
        };
    let json = "application/json".to_string();
    vec![
        route(
            "/api/create_case",
            &form,
            b"subject=",
            &w.anna,
            form_max,
            form_max,
        ),
        route(
            "/api/save_article",
            &json,
            b"{\"body\":\"",
            &w.agent,
            form_max,
            form_max,
        ),
        route(
            "/lang",
            &form,
            b"lang=en&back=",
            &w.anna,
            form_max,
            form_max,
        ),
        // One endless file and one endless text field: the router counts both (multer reads ahead
        // of the file's own count, so the cap is the router's).
        route(
            "/api/attachments",
            &multi,
            file_part,
            &w.anna,
            per_file,
            one,
        ),
        route(
            "/api/attachments",
            &multi,
            text_part,
            &w.anna,
            per_file,
            one,
        ),
        route("/cases/new/files", &multi, text_part, &w.anna, many, many),
        route(
            "/cases/00000001/files",
            &multi,
            text_part,
            &w.anna,
            many,
            many,
        ),
        route(
            "/cases/00000001/files/1/version",
            &multi,
            text_part,
            &w.anna,
            one,
            one,
        ),
        route(
            "/desk/articles/files",
            &multi,
            text_part,
            &w.agent,
            many,
            many,
        ),
    ]
}

async fn a_body_declared_over_its_limit_is_refused_before_a_byte_is_read(db: TestDb) {
    let w = setup(db).await;
    for BodyRoute {
        path,
        content_type,
        start,
        cookie,
        declared: limit,
        ..
    } in body_routes(&w)
    {
        for accept in [JSON, "text/html"] {
            let taken = Arc::new(AtomicUsize::new(0));
            let req = Request::post(path)
                .header("content-type", content_type.as_str())
                .header("content-length", (limit + 1).to_string())
                .header("accept", accept)
                .header("cookie", cookie.as_str())
                .body(stalled_body(start, taken.clone()))
                .expect("request");
            let res = tokio::time::timeout(Duration::from_secs(10), w.app.send(req))
                .await
                .unwrap_or_else(|_| panic!("{path} waited for a body it should refuse"));
            let reply = Reply::read(res).await;
            assert_eq!(reply.status, 413, "{path} ({accept}): {}", reply.body);
            assert_eq!(
                taken.load(Ordering::SeqCst),
                0,
                "{path} read the body before refusing it"
            );
            if accept == JSON && path.starts_with("/api/") && path != "/api/attachments" {
                assert_eq!(reply.body, "\"TooLarge\"", "{path}: as a server fn errs");
            }
        }
        // One byte under the limit is not refused for its length (it may be for what it says).
        let req = Request::post(path)
            .header("content-type", content_type.as_str())
            .header("content-length", limit.to_string())
            .header("accept", JSON)
            .header("cookie", cookie.as_str())
            .body(Body::from(start))
            .expect("request");
        let reply = Reply::read(w.app.send(req).await).await;
        assert_ne!(reply.status, 413, "{path}: {}", reply.body);
    }
    w.app.assert_outbox_empty().await;
}

async fn a_body_without_a_length_is_counted_and_refused_past_its_limit(db: TestDb) {
    let w = setup(db).await;
    for BodyRoute {
        path,
        content_type,
        start,
        cookie,
        counted: limit,
        ..
    } in body_routes(&w)
    {
        let taken = Arc::new(AtomicUsize::new(0));
        let req = Request::post(path)
            .header("content-type", content_type.as_str())
            .header("accept", JSON)
            .header("cookie", cookie.as_str())
            .body(endless_body(start, b'x', taken.clone()))
            .expect("request");
        let res = tokio::time::timeout(Duration::from_secs(60), w.app.send(req))
            .await
            .unwrap_or_else(|_| panic!("{path} kept reading an endless body"));
        let reply = Reply::read(res).await;
        assert_eq!(reply.status, 413, "{path}: {}", reply.body);
        let read = taken.load(Ordering::SeqCst);
        // The stream is read a chunk ahead at most: the limit plus two chunks.
        assert!(
            read <= limit + 2 * 64 * 1024,
            "{path} read {read} bytes of a body limited to {limit}"
        );
    }
    // A server function's form just over the limit, sent whole: 413 as the error it is, for the
    // app (JSON) and for a plain form post (a message in the reader's language).
    let over = format!("subject={}", "x".repeat(portico::security::FORM_BODY_MAX));
    let json = call(&w.app, "/api/create_case", &over, Some(&w.anna)).await;
    assert_eq!(json.status, 413, "{}", json.body);
    assert_eq!(json.body, "\"TooLarge\"");
    assert_eq!(json.header("serverfnerror"), "/api/create_case");
    let plain = w
        .app
        .post_form("/api/create_case", &over, Some(&w.anna))
        .await;
    assert_eq!(plain.status, 413, "{}", plain.body);
    assert!(plain.body.contains("too"), "{}", plain.body);
    // Just under it, the same function still decodes its form (and refuses the subject).
    let under = format!(
        "subject={}",
        "x".repeat(portico::security::FORM_BODY_MAX - 100)
    );
    let long = call(&w.app, "/api/create_case", &under, Some(&w.anna)).await;
    assert_eq!(long.status, 422, "{}", long.body);
    w.app.assert_outbox_empty().await;
}

/// Types a browser would render, run or parse as a document of the portal's origin.
const INLINE_TYPES: &[&str] = &[
    "text/html",
    "image/svg+xml",
    "application/xhtml+xml",
    "text/xml",
    "application/xml",
    "text/javascript",
    "application/javascript",
    "text/xsl",
    "application/pdf",
];

/// Asserts that `reply` is a download that nothing renders in the portal's origin.
fn assert_download_only(reply: &Reply, what: &str) {
    assert!(
        reply.status == 200 || reply.status == 206,
        "{what}: {} {}",
        reply.status,
        reply.body
    );
    assert!(
        reply
            .header("content-disposition")
            .starts_with("attachment;"),
        "{what}: {}",
        reply.header("content-disposition")
    );
    assert_eq!(reply.header("x-content-type-options"), "nosniff", "{what}");
    let csp = reply.header("content-security-policy");
    assert!(
        csp.contains("sandbox") && csp.contains("default-src 'none'"),
        "{what}: {csp}"
    );
    let kind = reply.header("content-type").to_ascii_lowercase();
    assert!(
        !INLINE_TYPES.iter().any(|t| kind.starts_with(t)),
        "{what} goes out as {kind}"
    );
    assert_eq!(reply.header("content-encoding"), "", "{what}");
}

/// The SVG and HTML files the test uploads: name, declared type, bytes.
const ACTIVE_FILES: &[(&str, &str, &[u8])] = &[
    (
        "drawing.svg",
        "image/svg+xml",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>",
    ),
    (
        "page.html",
        "text/html",
        b"<!doctype html><script>alert(document.cookie)</script>",
    ),
    (
        "page.xhtml",
        "application/xhtml+xml",
        b"<html xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(3)</script></html>",
    ),
    (
        "innocent.png",
        "image/png",
        b"<html><script>alert(4)</script></html>",
    ),
    (
        "feed.xml",
        "text/xml",
        b"<?xml-stylesheet href=\"x.xsl\"?><x/>",
    ),
];

async fn svg_and_html_uploads_come_back_only_as_downloads(db: TestDb) {
    let w = setup(db).await;
    let stored_id = |reply: &Reply| -> i64 {
        let v: serde_json::Value = serde_json::from_str(&reply.body).expect("JSON");
        v["stored"]["id"]
            .as_i64()
            .unwrap_or_else(|| panic!("not stored: {}", reply.body))
    };
    // Case files: uploaded with JavaScript (then joined to a new case) and without (the case
    // page's "Upload files", straight onto case 1).
    let mut case_files = Vec::new();
    for (name, kind, bytes) in ACTIVE_FILES {
        let body = multipart(&[], &[("file", name, kind, bytes)]);
        let up = post_multipart(&w.app, "/api/attachments", body, Some(&w.anna), true).await;
        case_files.push(stored_id(&up));
    }
    let ids: Vec<String> = case_files.iter().map(i64::to_string).collect();
    let created = call(
        &w.app,
        "/api/create_case",
        &format!("subject=Files&attachments={}", ids.join(",")),
        Some(&w.anna),
    )
    .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let files: Vec<(&str, &str, &str, &[u8])> = ACTIVE_FILES
        .iter()
        .map(|(name, kind, bytes)| ("file", *name, *kind, *bytes))
        .collect();
    let no_js = post_multipart(
        &w.app,
        "/cases/00000001/files",
        multipart(&[], &files),
        Some(&w.anna),
        true,
    )
    .await;
    assert_eq!(no_js.status, 303, "{}", no_js.body);
    let first_no_js = case_files.last().copied().unwrap_or(0) + 1;
    case_files.extend(first_no_js..first_no_js + ACTIVE_FILES.len() as i64);
    // Knowledge-article files: through the editor without JavaScript and with it, then published.
    let editor = post_multipart(
        &w.app,
        "/desk/articles/files",
        multipart(&[("title", "Files")], &files),
        Some(&w.agent),
        true,
    )
    .await;
    assert_eq!(editor.status, 303, "{}", editor.body);
    let first_article = case_files.last().copied().unwrap_or(0) + 1;
    let mut article_files: Vec<i64> =
        (first_article..first_article + ACTIVE_FILES.len() as i64).collect();
    for (name, kind, bytes) in ACTIVE_FILES {
        let body = multipart(&[], &[("file", name, kind, bytes)]);
        let up = post_multipart(&w.app, "/api/attachments", body, Some(&w.agent), true).await;
        article_files.push(stored_id(&up));
    }
    let ids: Vec<String> = article_files.iter().map(i64::to_string).collect();
    let saved = call(
        &w.app,
        "/api/save_article",
        &format!(
            "title=Files&summary=S&body=B&language=en&category=documentation&status=published\
             &attachments={}",
            ids.join(",")
        ),
        Some(&w.agent),
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    // Every one, to everyone who may fetch it, by either address, whole or in part, and with
    // whatever the browser says it accepts: a download.
    for id in case_files.iter().chain(&article_files) {
        let row = w
            .app
            .state
            .store
            .get_attachment(app::domain::AttachmentId(*id))
            .await
            .expect("store")
            .unwrap_or_else(|| panic!("file {id}"));
        let (name, _, bytes) = ACTIVE_FILES
            .iter()
            .find(|(name, _, _)| *name == row.file_name)
            .unwrap_or_else(|| panic!("file {id} is {}", row.file_name));
        for cookie in [&w.anna, &w.agent] {
            for path in [
                format!("/attachments/{id}"),
                format!("/attachments/{id}/{name}"),
                format!("/attachments/{id}/x.html?inline=1"),
            ] {
                for headers in [
                    vec![("cookie", cookie.as_str())],
                    vec![
                        ("cookie", cookie.as_str()),
                        ("accept", "text/html,image/svg+xml"),
                        ("accept-encoding", "gzip, br"),
                    ],
                    vec![("cookie", cookie.as_str()), ("range", "bytes=0-9")],
                ] {
                    let reply = w.app.get(&path, &headers).await;
                    assert_download_only(&reply, &format!("{path} {headers:?}"));
                    if headers.iter().all(|(k, _)| *k != "range") {
                        assert_eq!(reply.body.as_bytes(), *bytes, "{path}: the bytes as stored");
                    }
                }
            }
        }
    }
    w.app.assert_outbox_empty().await;
}

async fn control_characters_typed_into_any_form_are_dropped_and_the_rest_saved(db: TestDb) {
    // Found by reading, not by the fuzzing: a NUL in a company's name, a contact's, a canned
    // reply's or an API comment reached the database, and PostgreSQL answered it with a 500.
    let w = setup(db).await;
    // NUL, a C0 control, DEL and a C1 control (NEL), percent-encoded as a browser sends them.
    let dirty = |s: &str| format!("{}%00%07%7F%C2%85", app::domain::encode_query_value(s));
    let added = call(
        &w.app,
        "/api/add_account",
        &format!(
            "company_name={}&company_phone={}&company_country=NL",
            dirty("Globex"),
            dirty("+31 20 555 0100")
        ),
        Some(&w.admin),
    )
    .await;
    assert_eq!(added.status, 200, "{}", added.body);
    let found = call(&w.app, "/api/list_accounts", "q=Globex", Some(&w.admin)).await;
    assert_eq!(found.status, 200, "{}", found.body);
    let accounts: serde_json::Value = serde_json::from_str(&found.body).expect("JSON");
    let globex = accounts
        .as_array()
        .and_then(|a| a.iter().find(|a| a["name"] == "Globex"))
        .unwrap_or_else(|| panic!("Globex, its name clean: {}", found.body));
    let id = globex["id"].as_i64().expect("an id");
    let contact = call(
        &w.app,
        "/api/add_contact",
        &format!(
            "account_id={id}&name={}&email=gina%40globex.example&phone={}&language=nl",
            dirty("Gina Globex"),
            dirty("+31 6 1234 5678")
        ),
        Some(&w.admin),
    )
    .await;
    assert_eq!(contact.status, 200, "{}", contact.body);
    let detail = call(
        &w.app,
        "/api/get_account",
        &format!("id={id}"),
        Some(&w.admin),
    )
    .await;
    assert!(
        detail.body.contains("\"Gina Globex\"") && detail.body.contains("\"+31 6 1234 5678\""),
        "{}",
        detail.body
    );
    let reply = call(
        &w.app,
        "/api/save_canned_reply",
        &format!(
            "title={}&language=en&body={}",
            dirty("Paper jam"),
            dirty("Open tray 2.\nLift the green lever.")
        ),
        Some(&w.agent),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let replies = call(&w.app, "/api/list_canned_replies", "", Some(&w.agent)).await;
    assert!(
        replies.body.contains("\"Paper jam\"")
            && replies
                .body
                .contains("\"Open tray 2.\\nLift the green lever.\""),
        "{}",
        replies.body
    );
    // The REST API's JSON: escaped controls in a comment, and in a search's query string.
    let token = common::world::make_token(&w, &w.anna, "nul", "write").await;
    let posted = common::world::api(
        &w,
        "POST",
        "/api/v1/cases/00000001/comments",
        Some(&token),
        Some(r#"{"body":"Still\u0000 jamming\u0085"}"#),
    )
    .await;
    assert_eq!(posted.status, 201, "{}", posted.body);
    assert!(posted.body.contains("Still jamming"), "{}", posted.body);
    let listed =
        common::world::api(&w, "GET", "/api/v1/cases?q=Printer%00", Some(&token), None).await;
    assert_eq!(listed.status, 200, "{}", listed.body);
    assert!(listed.body.contains("Printer jams"), "{}", listed.body);
    app::backend::jobs::drain(&w.app.state).await;
}

on_both_backends!(
    control_characters_typed_into_any_form_are_dropped_and_the_rest_saved,
    fuzz_server_functions_answer_any_body_without_a_5xx,
    fuzz_no_js_forms_answer_any_multipart_body_without_a_5xx,
    arguments_a_server_function_cannot_read_answer_422_not_500,
    a_body_declared_over_its_limit_is_refused_before_a_byte_is_read,
    a_body_without_a_length_is_counted_and_refused_past_its_limit,
    svg_and_html_uploads_come_back_only_as_downloads,
);
