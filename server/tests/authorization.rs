//! The authorization matrix: two companies and staff call every page, plain route and server
//! function the router serves, as each role, and get exactly what they may: staff-only calls answer
//! every customer alike (refused before any case is read), another company's case or file answers
//! like a missing one, and no customer response (nor live stream, nor email) carries an internal
//! comment or another company's data. The list
//! of what to call is checked against the router's own (`portico::plain_routes`,
//! `portico::page_paths` and the registered server functions), so a new route without a row here
//! fails the test.
mod common;

use app::domain::Role;
use axum::body::Body;
use common::{Reply, TestApp, TestDb};
use http::{Method, Request};
use http_body_util::BodyExt;
use std::time::Duration;

const PASSWORD: &str = "correct horse battery";
const JSON: &str = "application/json";
const INTERNAL: &str = "Internal-only-note-for-staff";
const BERT_SECRET: &str = "Bert-company-secret";
/// Any redirect to sign-in.
const R: u16 = 300;
/// Ids and numbers that exist nowhere: calls that would change something, made harmless.
const MISSING: i64 = 999_999;

/// Who asks, in the order of each row's expectations.
const WHO: [&str; 5] = ["anonymous", "anna (Acme)", "bert (Other)", "agent", "admin"];

enum Call {
    Get(String),
    Post(String, String),
    Multipart(String),
    /// A live page's event stream (it never ends): its status and headers, and whatever it sends
    /// within a moment.
    Stream(String),
}

impl Call {
    fn method(&self) -> Method {
        match self {
            Call::Get(_) | Call::Stream(_) => Method::GET,
            Call::Post(..) | Call::Multipart(_) => Method::POST,
        }
    }

    /// The path, without its query.
    fn path(&self) -> &str {
        let (Call::Get(p) | Call::Post(p, _) | Call::Multipart(p) | Call::Stream(p)) = self;
        p.split('?').next().unwrap_or_default()
    }

    fn label(&self) -> String {
        match self {
            Call::Get(p) => format!("GET {p}"),
            Call::Stream(p) => format!("GET {p} (stream)"),
            Call::Multipart(p) => format!("POST {p} (multipart)"),
            Call::Post(p, b) => format!("POST {p} {b}"),
        }
    }
}

fn get(path: impl Into<String>) -> Call {
    Call::Get(path.into())
}

fn post(path: &str, body: impl Into<String>) -> Call {
    Call::Post(path.into(), body.into())
}

async fn send(app: &TestApp, call: &Call, cookie: Option<&str>) -> Reply {
    let (method, path, content_type, body) = match call {
        Call::Get(p) | Call::Stream(p) => ("GET", p, None, Vec::new()),
        Call::Post(p, b) => (
            "POST",
            p,
            Some("application/x-www-form-urlencoded".to_string()),
            b.clone().into_bytes(),
        ),
        Call::Multipart(p) => (
            "POST",
            p,
            Some("multipart/form-data; boundary=XYZ".to_string()),
            b"--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.txt\"\r\nContent-Type: text/plain\r\n\r\nm\r\n--XYZ--\r\n".to_vec(),
        ),
    };
    let accept = match call {
        Call::Stream(_) => "text/event-stream",
        _ => JSON,
    };
    let mut req = Request::builder()
        .method(method)
        .uri(path.as_str())
        .header("accept", accept)
        .header("referer", "http://portico.test/");
    if let Some(ct) = content_type {
        req = req.header("content-type", ct);
    }
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    let res = app.send(req.body(Body::from(body)).expect("request")).await;
    if !matches!(call, Call::Stream(_)) {
        return Reply::read(res).await;
    }
    // A stream: what arrives until it has been quiet for a moment, then the reader goes.
    let (status, headers) = (res.status(), res.headers().clone());
    let mut body = res.into_body();
    let mut bytes = Vec::new();
    while let Ok(Some(Ok(frame))) =
        tokio::time::timeout(Duration::from_millis(500), body.frame()).await
    {
        if let Some(data) = frame.data_ref() {
            bytes.extend_from_slice(data);
        }
    }
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

fn upload_id(reply: &Reply) -> i64 {
    let v: serde_json::Value = serde_json::from_str(&reply.body).expect("JSON");
    v["stored"]["id"].as_i64().expect("stored")
}

/// Whether a live stream's `reply` told of a change of `kind` to case `number`.
fn heard(reply: &Reply, number: &str, kind: &str) -> bool {
    reply
        .body
        .contains(&format!("{{\"case\":\"{number}\",\"kind\":\"{kind}\"}}"))
}

/// Something the router serves: a plain route, a page or a server function.
struct Served {
    what: &'static str,
    /// Its path in axum's syntax (`{param}`, `{*rest}`; a page's may say `:param`).
    pattern: String,
    /// The one method it answers (`None`: a plain route, whichever its handlers take).
    method: Option<Method>,
}

/// Everything the router of `app` serves, read from the router's own lists.
fn served(app: &TestApp) -> Vec<Served> {
    let mut all: Vec<Served> = portico::plain_routes(&app.state)
        .into_iter()
        .map(|(path, _)| Served {
            what: "route",
            pattern: path.to_string(),
            method: None,
        })
        .collect();
    all.extend(portico::page_paths().into_iter().map(|path| Served {
        what: "page",
        pattern: path,
        method: Some(Method::GET),
    }));
    all.extend(
        leptos::server_fn::axum::server_fn_paths().map(|(path, method)| Served {
            what: "server function",
            pattern: path.to_string(),
            method: Some(method),
        }),
    );
    all
}

/// How `path` matches `pattern` (`{param}` or `:param`: any one segment; `{*rest}`: the rest):
/// `None` when it does not, else its literal and parameter segments (the router prefers more
/// literal ones).
fn specificity(pattern: &str, path: &str) -> Option<(usize, usize)> {
    let mut want = pattern.trim_start_matches('/').split('/');
    let mut got = path.trim_start_matches('/').split('/');
    let (mut literal, mut param) = (0, 0);
    loop {
        match (want.next(), got.next()) {
            (None, None) => return Some((literal, param)),
            (Some(w), Some(g)) if w.starts_with("{*") || w.starts_with('*') => {
                return (!g.is_empty()).then_some((literal, param));
            }
            (Some(w), Some(g)) if (w.starts_with('{') || w.starts_with(':')) && !g.is_empty() => {
                param += 1;
            }
            (Some(w), Some(g)) if w == g => literal += 1,
            _ => return None,
        }
    }
}

/// Fails, naming each, for every route, page and server function that no row calls, and for
/// every row that reaches none of them (only the server functions' catch-all).
fn assert_every_route_has_a_row(served: &[Served], calls: &[&Call]) {
    let catch_all = |s: &Served| s.pattern.contains('*');
    let mut hit = vec![false; served.len()];
    let mut problems = Vec::new();
    for call in calls {
        let best = served
            .iter()
            .enumerate()
            .filter(|(_, s)| s.method.as_ref().is_none_or(|m| *m == call.method()))
            .filter_map(|(i, s)| specificity(&s.pattern, call.path()).map(|rank| (rank, i)))
            .max();
        match best {
            Some((_, i)) if !catch_all(&served[i]) => {
                hit[i] = true;
                // A server function is served through the catch-all route: that is its row too.
                if served[i].what == "server function" {
                    for (j, s) in served.iter().enumerate() {
                        if catch_all(s) && specificity(&s.pattern, call.path()).is_some() {
                            hit[j] = true;
                        }
                    }
                }
            }
            _ => problems.push(format!(
                "row {} reaches no page, route or server function",
                call.label()
            )),
        }
    }
    for (s, hit) in served.iter().zip(hit) {
        // The REST API's catch-all only says "not found", in JSON, behind the token door
        // (tests/api.rs): nothing there to authorize.
        if !hit && s.pattern != "/api/v1/{*rest}" {
            problems.push(format!(
                "{} {} has no row in the authorization matrix",
                s.what, s.pattern
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let count = |what| served.iter().filter(|s| s.what == what).count();
    eprintln!(
        "authorization matrix: {} rows over {} routes, {} pages and {} server functions",
        calls.len(),
        count("route"),
        count("page"),
        count("server function")
    );
}

async fn every_role_gets_exactly_what_it_may(db: TestDb) {
    let app = TestApp::new(db).await;
    let mut ids = Vec::new();
    for (email, role) in [
        ("anna@acme.example", Role::Customer),
        ("bert@other.example", Role::Customer),
        ("agent@vendor.example", Role::Agent),
        ("admin@vendor.example", Role::Admin),
    ] {
        ids.push(app.add_user(email, role, PASSWORD).await);
    }
    let (anna_id, bert_id, agent_id) = (ids[0], ids[1], ids[2]);
    let store = &app.state.store;
    let acme = store.get_user(anna_id).await.expect("anna").account_id;
    let other = store.get_user(bert_id).await.expect("bert").account_id;
    let (acme, other) = (acme.expect("Acme"), other.expect("Other"));
    let anna = app.sign_in("anna@acme.example", PASSWORD).await;
    let bert = app.sign_in("bert@other.example", PASSWORD).await;
    let agent = app.sign_in("agent@vendor.example", PASSWORD).await;
    let admin = app.sign_in("admin@vendor.example", PASSWORD).await;
    let cookies = [
        None,
        Some(anna.as_str()),
        Some(bert.as_str()),
        Some(agent.as_str()),
        Some(admin.as_str()),
    ];

    // Anna's case 1 with a file and an internal comment; Bert's case 2; Anna's pending upload.
    let file = upload_id(
        &send(
            &app,
            &Call::Multipart("/api/attachments".into()),
            Some(&anna),
        )
        .await,
    );
    let created = send(
        &app,
        &post(
            "/api/create_case",
            format!("subject=Printer&attachments={file}"),
        ),
        Some(&anna),
    )
    .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let created = send(
        &app,
        &post("/api/create_case", format!("subject={BERT_SECRET}")),
        Some(&bert),
    )
    .await;
    assert_eq!(created.status, 200);
    let note = send(
        &app,
        &post(
            "/api/add_comment",
            format!("number=00000001&body={INTERNAL}&internal=on"),
        ),
        Some(&agent),
    )
    .await;
    assert_eq!(note.status, 200);
    let pending = upload_id(
        &send(
            &app,
            &Call::Multipart("/api/attachments".into()),
            Some(&anna),
        )
        .await,
    );
    // A second file on case 1, for the removal row.
    let doomed = upload_id(
        &send(
            &app,
            &Call::Multipart("/api/attachments".into()),
            Some(&anna),
        )
        .await,
    );
    let added = send(
        &app,
        &post(
            "/api/add_case_files",
            format!("number=00000001&attachments={doomed}"),
        ),
        Some(&anna),
    )
    .await;
    assert_eq!(added.status, 200, "{}", added.body);
    let case = "number=00000001";
    app.state
        .store
        .insert_article_if_new(&app::backend::store::NewArticle {
            number: 1001,
            language: app::domain::Language::En,
            category: app::domain::knowledge::ArticleCategory::UserGuides,
            translation_group: None,
            title: "Resetting your password".into(),
            summary: String::new(),
            body: "Ask for a link.".into(),
            published: true,
            updated_at: chrono::Utc::now(),
        })
        .await
        .expect("article");

    // Live streams replay the feed from its start (`after=0`) to whoever may hear it: Anna hears
    // her case opened and its files but not the internal note, Bert nothing of Acme's case; staff
    // hear the note.
    let replay = |path: &str| Call::Stream(format!("{path}?after=0&view=all"));
    let anna_case = send(&app, &replay("/live/cases/00000001"), Some(&anna)).await;
    assert_eq!(anna_case.status, 200, "{}", anna_case.body);
    assert!(
        heard(&anna_case, "00000001", "created"),
        "{}",
        anna_case.body
    );
    assert!(heard(&anna_case, "00000001", "files"), "{}", anna_case.body);
    assert!(
        !heard(&anna_case, "00000001", "comment"),
        "Anna hears of the internal note: {}",
        anna_case.body
    );
    let agent_case = send(&app, &replay("/live/cases/00000001"), Some(&agent)).await;
    assert!(
        heard(&agent_case, "00000001", "comment"),
        "{}",
        agent_case.body
    );
    let anna_lists = send(&app, &replay("/live/cases"), Some(&anna)).await;
    assert!(
        heard(&anna_lists, "00000001", "created"),
        "{}",
        anna_lists.body
    );
    assert!(
        !anna_lists.body.contains("00000002") && !anna_lists.body.contains("\"comment\""),
        "Anna's lists hear {}",
        anna_lists.body
    );
    let bert_lists = send(&app, &replay("/live/cases"), Some(&bert)).await;
    assert!(
        heard(&bert_lists, "00000002", "created"),
        "{}",
        bert_lists.body
    );
    assert!(
        !bert_lists.body.contains("00000001"),
        "Bert's lists hear Acme's case: {}",
        bert_lists.body
    );

    // An admin's product import waiting for confirmation (a draft; nothing is imported).
    let preview = send(
        &app,
        &post("/api/preview_product_import", "list=Widget"),
        Some(&admin),
    )
    .await;
    let import = preview
        .header("location")
        .split_once("draft=")
        .map(|(_, draft)| draft.to_string())
        .expect("the preview's draft");

    let token = "0".repeat(64);
    // Expected status per role: anonymous, anna, bert, agent, admin. `R`: sent to sign-in.
    let rows: Vec<(Call, [u16; 5])> = vec![
        // Pages, in the router's order (a few sit with their area's rows below). Every one but
        // sign-in, the password pages, asking for access and survey links asks for sign-in first.
        (get("/"), [R, 200, 200, 200, 200]),
        (get("/cases"), [R, 200, 200, 200, 200]),
        (get("/cases/new"), [R, 200, 200, 200, 200]),
        (get("/cases/00000001"), [R, 200, 404, 200, 200]),
        // Another company's case answers exactly like one that does not exist.
        (get("/cases/00000002"), [R, 404, 200, 200, 200]),
        (get("/cases/99999999"), [R, 404, 404, 404, 404]),
        (get("/cases/00000001/print"), [R, 200, 404, 200, 200]),
        (
            get(format!("/survey?token={token}")),
            [404, 404, 404, 404, 404],
        ),
        (get("/desk/satisfaction"), [R, 403, 403, 403, 200]),
        (get("/account/settings"), [R, 200, 200, 200, 200]),
        (get("/account/password"), [R, 200, 200, 200, 200]),
        // Signed in, the sign-in page goes home.
        (get("/login"), [200, 303, 303, 303, 303]),
        (get("/password/forgot"), [200, 200, 200, 200, 200]),
        (
            get(format!("/password/set?token={token}")),
            [404, 404, 404, 404, 404],
        ),
        (get("/account/new-password"), [R, 200, 200, 200, 200]),
        // Desk emails are support's: the page shows "not found" to anyone they are not for.
        (get("/account/notifications"), [R, 404, 404, 200, 200]),
        (get("/desk/mail"), [R, 403, 403, 200, 200]),
        (get("/desk/replies"), [R, 403, 403, 200, 200]),
        (get("/queue"), [R, 403, 403, 200, 200]),
        (get("/staff/accounts"), [R, 403, 403, 200, 200]),
        (
            get(format!("/staff/accounts/{acme}")),
            [R, 403, 403, 200, 200],
        ),
        (
            get(format!("/staff/contacts/{anna_id}")),
            [R, 403, 403, 200, 200],
        ),
        (get("/admin/staff"), [R, 403, 403, 403, 200]),
        (
            get(format!("/admin/staff/{agent_id}")),
            [R, 403, 403, 403, 200],
        ),
        // Agents see the list; the admins' parts (the deflection figure, the knowledge settings)
        // are not asked for on their page, so no refusal sets its status.
        (get("/desk/articles"), [R, 403, 403, 200, 200]),
        (get("/desk/articles/new"), [R, 403, 403, 200, 200]),
        (get("/desk/articles/000001001"), [R, 403, 403, 200, 200]),
        (get("/admin/products"), [R, 403, 403, 403, 200]),
        // The preview is of a draft (the admin's, made above): the rule is asked before the
        // draft is read, so the others are refused as on every admin page.
        (
            get(format!("/admin/products/import?draft={import}")),
            [R, 403, 403, 403, 200],
        ),
        (
            get(format!("/admin/products/{MISSING}")),
            [R, 403, 403, 403, 404],
        ),
        (get("/access/request"), [200, 200, 200, 200, 200]),
        // The form shows nothing of anyone; staff sending it are refused (`request_access`).
        (get("/access/colleague"), [R, 200, 200, 200, 200]),
        (
            get(format!("/desk/access/{MISSING}")),
            [R, 403, 403, 404, 404],
        ),
        (get("/admin/settings"), [R, 403, 403, 403, 200]),
        (get("/admin/mail"), [R, 403, 403, 403, 200]),
        (
            get(format!("/admin/mail/{MISSING}")),
            [R, 403, 403, 403, 404],
        ),
        // Plain routes.
        (get("/healthz"), [200, 200, 200, 200, 200]),
        // The language switch: anyone (a signed-in person's language is saved too).
        (post("/lang", "lang=en&back=%2F"), [303, 303, 303, 303, 303]),
        (
            get(format!("/admin/mail/{MISSING}/html")),
            [R, 403, 403, 403, 404],
        ),
        // The raw inbound message: staff's, anyone else the 404 of a missing one.
        (
            get(format!("/desk/mail/{MISSING}.eml")),
            [R, 404, 404, 404, 404],
        ),
        (
            Call::Multipart("/api/attachments".into()),
            [401, 200, 200, 200, 200],
        ),
        // The new-case form without JavaScript ("Upload files"): back to the form.
        (
            Call::Multipart("/cases/new/files".into()),
            [R, 303, 303, 303, 303],
        ),
        (
            Call::Multipart("/desk/articles/files".into()),
            [401, 403, 403, 303, 303],
        ),
        (
            Call::Stream("/live/cases?view=all".into()),
            [401, 200, 200, 200, 200],
        ),
        (
            Call::Stream("/live/cases/00000001".into()),
            [401, 200, 404, 200, 200],
        ),
        (
            Call::Stream("/live/cases/99999999".into()),
            [401, 404, 404, 404, 404],
        ),
        // Signing in, out (the last row) and passwords: the same answer for everyone.
        (post("/api/get_current_user", ""), [200, 200, 200, 200, 200]),
        (
            post(
                "/api/sign_in",
                "email=nobody%40nowhere.example&password=wrong-password&next=%2F",
            ),
            [422, 422, 422, 422, 422],
        ),
        (
            post("/api/request_password_reset", "email=not-an-address"),
            [422, 422, 422, 422, 422],
        ),
        // Only for a session signed in with a temporary password.
        (
            post(
                "/api/set_new_password",
                "new_password=a&confirm_password=b&next=%2F",
            ),
            [401, 403, 403, 403, 403],
        ),
        (
            post("/api/check_password_link", format!("token={token}")),
            [404, 404, 404, 404, 404],
        ),
        (
            post(
                "/api/set_password_with_link",
                format!(
                    "token={token}&new_password=plenty+long+words&confirm_password=plenty+long+words"
                ),
            ),
            [422, 422, 422, 422, 422],
        ),
        (
            post("/api/get_form_draft", format!("token={token}")),
            [404, 404, 404, 404, 404],
        ),
        (
            post(
                "/api/change_password",
                "current_password=wrong&new_password=plenty+long+words&confirm_password=plenty+long+words",
            ),
            [401, 422, 422, 422, 422],
        ),
        // Two-factor sign-in: the code page and its calls without a waiting sign-in answer "not
        // found" (the page says the sign-in expired); one's own two-factor settings; the rule
        // admins set for staff.
        (get("/login/code"), [404, 404, 404, 404, 404]),
        (
            post("/api/get_sign_in_challenge", ""),
            [404, 404, 404, 404, 404],
        ),
        (
            post("/api/pass_sign_in_code", "code=123456&next=%2F"),
            [422, 422, 422, 422, 422],
        ),
        (get("/account/two-factor"), [R, 200, 200, 200, 200]),
        (post("/api/get_two_factor", ""), [401, 200, 200, 200, 200]),
        (post("/api/start_two_factor", ""), [401, 200, 200, 200, 200]),
        (
            post("/api/turn_on_two_factor", "code=000000"),
            [401, 422, 422, 422, 422],
        ),
        (
            post("/api/renew_recovery_codes", "code=000000"),
            [401, 404, 404, 404, 404],
        ),
        (
            post("/api/turn_off_two_factor", "code=000000"),
            [401, 404, 404, 404, 404],
        ),
        // A person's data: staff download it, admins erase it (an unknown person is refused by
        // the rule first, then not found).
        (
            get("/staff/people/99999/personal-data.zip"),
            [R, 403, 403, 404, 404],
        ),
        (
            post(
                "/api/erase_personal_data",
                "user_id=99999&confirm_email=x%40y.example",
            ),
            [401, 403, 403, 403, 404],
        ),
        // The audit log: admins only.
        (get("/admin/audit"), [R, 403, 403, 403, 200]),
        (get("/api/list_audit"), [401, 403, 403, 403, 200]),
        // API tokens: everyone's own. The REST API itself opens to a bearer token only: a
        // session's cookie counts for nothing there (tests/api.rs covers what tokens may do).
        (get("/account/tokens"), [R, 200, 200, 200, 200]),
        (get("/api/list_api_tokens"), [401, 200, 200, 200, 200]),
        (
            post("/api/create_api_token", "token_name=&scope=read&days=90"),
            [401, 422, 422, 422, 422],
        ),
        (
            post("/api/revoke_api_token", "id=999999"),
            [401, 404, 404, 404, 404],
        ),
        // Passkeys: everyone's own. Signing in with one is open to anyone (the passkey says
        // who); on this portal's address (plain HTTP, not localhost) browsers allow no passkeys,
        // so nothing can begin (tests/passkeys.rs covers them where they work).
        (get("/account/passkeys"), [R, 200, 200, 200, 200]),
        (get("/api/list_passkeys"), [401, 200, 200, 200, 200]),
        (get("/api/passkeys_available"), [200, 200, 200, 200, 200]),
        (
            post("/api/start_adding_passkey", "passkey_name=Laptop"),
            [401, 422, 422, 422, 422],
        ),
        (
            post("/api/finish_adding_passkey", "token=x&credential=%7B%7D"),
            [401, 422, 422, 422, 422],
        ),
        (
            post("/api/remove_passkey", "id=999999"),
            [401, 404, 404, 404, 404],
        ),
        (
            post("/api/start_passkey_sign_in", ""),
            [404, 404, 404, 404, 404],
        ),
        (
            post(
                "/api/finish_passkey_sign_in",
                "token=x&credential=%7B%7D&next=%2F",
            ),
            [422, 422, 422, 422, 422],
        ),
        (get("/api/v1/cases"), [401, 401, 401, 401, 401]),
        (
            get(format!("/api/v1/cases/{MISSING}")),
            [401, 401, 401, 401, 401],
        ),
        (
            post(&format!("/api/v1/cases/{MISSING}/comments"), "{}"),
            [401, 401, 401, 401, 401],
        ),
        (
            post(&format!("/api/v1/cases/{MISSING}/files"), "{}"),
            [401, 401, 401, 401, 401],
        ),
        (
            get(format!("/api/v1/files/{MISSING}")),
            [401, 401, 401, 401, 401],
        ),
        (post("/api/v1/cases", "{}"), [401, 401, 401, 401, 401]),
        // The API's description holds no data: anyone's.
        (get("/api/v1/openapi.json"), [200, 200, 200, 200, 200]),
        (get("/api/v1/products?q=la"), [401, 401, 401, 401, 401]),
        (get("/api/v1/articles?q=jam"), [401, 401, 401, 401, 401]),
        (
            get(format!("/api/v1/articles/{MISSING}")),
            [401, 401, 401, 401, 401],
        ),
        (get("/api/v1/accounts"), [401, 401, 401, 401, 401]),
        (
            get(format!("/api/v1/accounts/{MISSING}")),
            [401, 401, 401, 401, 401],
        ),
        // Single sign-on: the buttons are anyone's; the providers are the admins'. The sign-in's own
        // routes redirect everyone back to the sign-in page when there is no such provider or
        // sign-in.
        (get("/admin/sign-in"), [R, 403, 403, 403, 200]),
        (
            get(format!("/admin/sign-in/{MISSING}")),
            [R, 403, 403, 403, 404],
        ),
        (get("/api/get_sign_in_providers"), [200, 200, 200, 200, 200]),
        (
            get("/api/list_identity_providers"),
            [401, 403, 403, 403, 200],
        ),
        (get("/api/get_identity_provider"), [401, 403, 403, 403, 200]),
        (
            post("/api/save_identity_provider", "name=&issuer=x"),
            [401, 403, 403, 403, 422],
        ),
        (
            post("/api/remove_identity_provider", "id=99999"),
            [401, 403, 403, 403, 404],
        ),
        // The REST API's reference describes the API (no data), as /api/v1/openapi.json does:
        // anyone's.
        (get("/developers/api"), [200, 200, 200, 200, 200]),
        (get("/api/get_api_reference"), [200, 200, 200, 200, 200]),
        // Webhooks: the admins'.
        (get("/admin/webhooks"), [R, 403, 403, 403, 200]),
        (
            get(format!("/admin/webhooks/{MISSING}")),
            [R, 403, 403, 403, 404],
        ),
        (get("/api/list_webhooks"), [401, 403, 403, 403, 200]),
        (get("/api/get_webhook"), [401, 403, 403, 403, 200]),
        (
            post("/api/save_webhook", "url=x&events[]=case.created"),
            [401, 403, 403, 403, 422],
        ),
        (
            post("/api/remove_webhook", "id=99999"),
            [401, 403, 403, 403, 404],
        ),
        (
            post("/api/send_webhook_again", "id=99999&delivery=99999"),
            [401, 403, 403, 403, 404],
        ),
        (
            get(format!("/auth/oidc/{MISSING}/start")),
            [303, 303, 303, 303, 303],
        ),
        (
            get("/auth/oidc/callback?state=x&code=y"),
            [303, 303, 303, 303, 303],
        ),
        (
            post("/api/get_two_factor_rule", ""),
            [401, 403, 403, 403, 200],
        ),
        (
            post("/api/save_two_factor_rule", ""),
            [401, 403, 403, 403, 200],
        ),
        // One's own settings; desk emails are support's (saved as they are by default).
        (post("/api/get_desk_emails", ""), [401, 403, 403, 200, 200]),
        (
            post("/api/save_desk_emails", "replies=on"),
            [401, 403, 403, 200, 200],
        ),
        // Access requests: anyone without an account, or a contact for a colleague; staff decide.
        (get("/desk/access"), [R, 403, 403, 200, 200]),
        (
            post("/api/list_access_requests", ""),
            [401, 403, 403, 200, 200],
        ),
        (
            post("/api/get_access_request", "id=999"),
            [401, 403, 403, 404, 404],
        ),
        (
            post(
                "/api/approve_access_request",
                "request=999&account=1&language=en",
            ),
            [401, 403, 403, 404, 404],
        ),
        (
            post("/api/decline_access_request", "request=999&reason=no"),
            [401, 403, 403, 404, 404],
        ),
        // No name: refused as a form error by whoever may ask.
        (
            post(
                "/api/request_access",
                "name=&email=someone%40example.com&company=Somewhere",
            ),
            [422, 422, 422, 403, 403],
        ),
        (
            post("/api/get_support_settings", ""),
            [401, 403, 403, 403, 200],
        ),
        (
            post("/api/save_support_settings", "phone=1&email="),
            [401, 403, 403, 403, 200],
        ),
        (get("/api/get_support_contact"), [200, 200, 200, 200, 200]),
        (post("/api/get_own_settings", ""), [401, 200, 200, 200, 200]),
        (
            post("/api/guess_time_zone", "time_zone=Europe%2FMoscow"),
            [401, 200, 200, 200, 200],
        ),
        (
            post(
                "/api/save_own_settings",
                "language=en&time_zone=Europe%2FMoscow",
            ),
            [401, 200, 200, 200, 200],
        ),
        // Cases.
        (
            get("/api/list_cases?query[view]=all"),
            [401, 200, 200, 200, 200],
        ),
        (post("/api/get_case", case), [401, 200, 404, 200, 200]),
        (
            post("/api/get_case", "number=00000002"),
            [401, 404, 200, 200, 200],
        ),
        (
            post("/api/get_case", "number=99999999"),
            [401, 404, 404, 404, 404],
        ),
        (
            post("/api/get_case_summary", case),
            [401, 200, 404, 200, 200],
        ),
        (
            post("/api/add_comment", format!("{case}&body=hello")),
            [401, 200, 404, 200, 200],
        ),
        (
            post("/api/add_comment", format!("{case}&body=x&internal=on")),
            [401, 403, 404, 200, 200],
        ),
        (
            post("/api/follow_case", format!("{case}&follow=true")),
            [401, 200, 404, 200, 200],
        ),
        (get(format!("/attachments/{file}")), [R, 200, 404, 200, 200]),
        (
            get(format!("/attachments/{file}/name.pdf")),
            [R, 200, 404, 200, 200],
        ),
        (
            post("/api/add_case_files", format!("{case}&attachments=")),
            [401, 200, 404, 200, 200],
        ),
        (
            Call::Multipart("/cases/00000001/files".into()),
            [401, 303, 404, 303, 303],
        ),
        (
            get("/api/list_files?list=recent"),
            [401, 200, 200, 403, 403],
        ),
        (
            post("/api/reattach_file", format!("id={file}")),
            [401, 200, 404, 200, 200],
        ),
        (
            post("/api/follow_file", format!("id={file}&follow=true")),
            [401, 200, 404, 200, 200],
        ),
        (
            get("/api/list_files?list=following"),
            [401, 200, 200, 403, 403],
        ),
        (
            // The agent's upload becomes version 2; after it, the others' (on version 1) come back
            // to the page with "a newer version came first".
            Call::Multipart(format!("/cases/00000001/files/{file}/version")),
            [401, 303, 404, 303, 303],
        ),
        (
            get(format!("/api/pending_files?ids={pending}")),
            [401, 200, 200, 200, 200],
        ),
        (
            // Support log cases for customers: past the policy, they must still name the company,
            // the contact and the origin, so this bare form is a validation error for them.
            post("/api/create_case", "subject=S"),
            [401, 200, 200, 422, 422],
        ),
        (
            post("/api/get_new_case_defaults", ""),
            [401, 200, 200, 200, 200],
        ),
        (
            // A customer's form is their own company's whatever they name.
            post(
                "/api/get_new_case_defaults",
                format!("account={other}&clone=00000002"),
            ),
            [401, 200, 200, 200, 200],
        ),
        (
            get("/api/search_products?q=printer"),
            [401, 200, 200, 200, 200],
        ),
        (
            get("/api/products_starting_with?q=p"),
            [401, 200, 200, 200, 200],
        ),
        (
            post("/api/update_case", format!("{case}&status=in_progress")),
            // Staff-only: refused before the case is read, so alike for every customer.
            [401, 403, 403, 200, 200],
        ),
        (
            // Staff-only as well; for staff an empty subject is a form error.
            post("/api/edit_case", format!("{case}&subject=")),
            [401, 403, 403, 422, 422],
        ),
        (
            get("/api/list_queue?query[sort]=updated"),
            [401, 403, 403, 200, 200],
        ),
        (
            post("/api/assign_cases", "numbers[]=00000001&assignee=me"),
            [401, 403, 403, 200, 200],
        ),
        (
            // Only the case's company's contacts; `nonsense` is no action, so nothing changes.
            post("/api/settle_case", format!("{case}&action=nonsense")),
            [401, 422, 404, 403, 403],
        ),
        // Canned replies: support's.
        (
            post("/api/list_canned_replies", ""),
            [401, 403, 403, 200, 200],
        ),
        (
            post(
                "/api/save_canned_reply",
                format!("reply_id={MISSING}&title=T&language=en&body=B"),
            ),
            [401, 403, 403, 404, 404],
        ),
        (
            post("/api/delete_canned_reply", format!("reply_id={MISSING}")),
            [401, 403, 403, 404, 404],
        ),
        // The inbound mailbox: support's.
        (post("/api/inbound_mail", ""), [401, 403, 403, 200, 200]),
        (
            post(
                "/api/decide_inbound_mail",
                format!("message={MISSING}&decision=reject"),
            ),
            [401, 403, 403, 404, 404],
        ),
        // Surveys.
        (post("/api/get_survey", case), [401, 403, 404, 403, 403]),
        (
            post("/api/answer_survey", format!("{case}&rating=5")),
            [401, 403, 404, 403, 403],
        ),
        (get("/cases/00000001/survey"), [R, 403, 404, 403, 403]),
        (
            // The emailed link is its own authority: an unknown one is missing for everyone.
            post("/api/get_survey", format!("token={token}")),
            [404, 404, 404, 404, 404],
        ),
        (
            get("/api/get_satisfaction?by=agent&period=all"),
            [401, 403, 403, 403, 200],
        ),
        (
            get("/desk/satisfaction.csv?by=product"),
            [R, 403, 403, 403, 200],
        ),
        // The knowledge base: read by everyone signed in, written by support, set by admins.
        (
            get("/api/search_articles?q=password"),
            [401, 200, 200, 200, 200],
        ),
        (
            get("/api/get_article?number=1001"),
            [401, 200, 200, 200, 200],
        ),
        (get("/kb?q=password"), [R, 200, 200, 200, 200]),
        (get("/kb/articles/000001001"), [R, 200, 200, 200, 200]),
        (
            get("/api/suggest_articles?text=reset+my+password"),
            [401, 200, 200, 200, 200],
        ),
        (
            post("/api/suggestion_opened", "number=1001"),
            [401, 200, 200, 200, 200],
        ),
        (get("/api/knowledge_overview"), [401, 200, 200, 200, 200]),
        (
            post("/api/rate_article", "number=1001&helpful=yes"),
            [401, 200, 200, 200, 200],
        ),
        (get("/api/deflection_report"), [401, 403, 403, 403, 200]),
        (get("/api/staff_articles"), [401, 403, 403, 200, 200]),
        (
            get("/api/get_article_editor?number=1001"),
            [401, 403, 403, 200, 200],
        ),
        (
            post("/api/preview_article", "body=x"),
            [401, 403, 403, 200, 200],
        ),
        (
            post("/api/save_article", format!("number={MISSING}&title=T")),
            [401, 403, 403, 404, 404],
        ),
        (get("/api/knowledge_settings"), [401, 403, 403, 403, 200]),
        (
            // A host that is none: a form error, nothing saved.
            post(
                "/api/save_knowledge_settings",
                "public=&video_hosts=not+a+host%21",
            ),
            [401, 403, 403, 403, 422],
        ),
        (
            post("/api/attach_article", format!("{case}&article=1001")),
            [401, 403, 403, 200, 200],
        ),
        (
            post("/api/detach_article", format!("{case}&article=1001")),
            [401, 403, 403, 200, 200],
        ),
        // Companies and contacts: support's; the contact limit: admins'.
        (post("/api/list_accounts", "q="), [401, 403, 403, 200, 200]),
        (
            post("/api/add_account", "company_name="),
            [401, 403, 403, 422, 422],
        ),
        (
            post(
                "/api/update_account",
                format!("account_id={MISSING}&company_name=X"),
            ),
            [401, 403, 403, 404, 404],
        ),
        (
            post("/api/get_account", format!("id={acme}")),
            [401, 403, 403, 200, 200],
        ),
        (
            post("/api/get_contact", format!("id={anna_id}")),
            [401, 403, 403, 200, 200],
        ),
        (
            post(
                "/api/add_contact",
                format!("account_id={MISSING}&name=N&email=new%40example.com&phone=&language=en"),
            ),
            [401, 403, 403, 404, 404],
        ),
        (
            post(
                "/api/update_contact",
                format!("contact_id={MISSING}&name=N&email=new%40example.com&phone=&language=en"),
            ),
            [401, 403, 403, 404, 404],
        ),
        (
            post("/api/resend_welcome", format!("contact_id={MISSING}")),
            [401, 403, 403, 404, 404],
        ),
        (
            post(
                "/api/set_contact_limit",
                format!("account_id={MISSING}&limit=3"),
            ),
            [401, 403, 403, 403, 404],
        ),
        // Staff accounts, products, the dev mailbox: admins'.
        (post("/api/get_mailbox", ""), [401, 403, 403, 403, 200]),
        (
            post("/api/get_mail", format!("id={MISSING}")),
            [401, 403, 403, 403, 404],
        ),
        (post("/api/list_staff", ""), [401, 403, 403, 403, 200]),
        (
            post("/api/get_staff_member", format!("id={agent_id}")),
            [401, 403, 403, 403, 200],
        ),
        (
            post(
                "/api/add_staff_member",
                "name=&email=&role=agent&language=en",
            ),
            [401, 403, 403, 403, 422],
        ),
        (
            post("/api/resend_staff_welcome", format!("user_id={MISSING}")),
            [401, 403, 403, 403, 404],
        ),
        (
            post(
                "/api/update_staff_member",
                format!("user_id={MISSING}&role=agent&active=true"),
            ),
            [401, 403, 403, 403, 404],
        ),
        (post("/api/list_products", "q="), [401, 403, 403, 403, 200]),
        (
            post("/api/get_product", format!("id={MISSING}")),
            [401, 403, 403, 403, 404],
        ),
        (
            post("/api/add_product", "product_name="),
            [401, 403, 403, 403, 422],
        ),
        (
            post(
                "/api/rename_product",
                format!("product_id={MISSING}&product_name=Renamed"),
            ),
            [401, 403, 403, 403, 404],
        ),
        (
            post(
                "/api/set_product_active",
                format!("product_id={MISSING}&active=false"),
            ),
            [401, 403, 403, 403, 404],
        ),
        (
            post("/api/preview_product_import", "list="),
            [401, 403, 403, 403, 422],
        ),
        // The rule before the draft (as the page above); a draft that does not exist is missing.
        (
            post("/api/get_product_import", format!("draft={import}")),
            [401, 403, 403, 403, 200],
        ),
        (
            post("/api/import_products", format!("draft={token}")),
            [401, 403, 403, 403, 404],
        ),
        (
            // Removing a case's file, for everyone: the agent does; after that it is gone.
            post("/api/remove_case_file", format!("id={doomed}")),
            [401, 404, 404, 200, 404],
        ),
        // Anna's own removal succeeds only after everyone else's attempt failed.
        (
            post("/api/remove_file", format!("id={pending}")),
            [401, 200, 404, 404, 404],
        ),
        // Last: it ends each session.
        (post("/api/sign_out", ""), [401, 200, 200, 200, 200]),
    ];
    assert_every_route_has_a_row(
        &served(&app),
        &rows.iter().map(|(c, _)| c).collect::<Vec<_>>(),
    );

    let mut failures = Vec::new();
    for (call, expected) in &rows {
        // Anna last for the removal (it would otherwise be gone for the others).
        for who in [0, 2, 3, 4, 1] {
            let reply = send(&app, call, cookies[who]).await;
            let got = reply.status.as_u16();
            let label = call.label();
            let as_who = WHO[who];
            let location = reply.header("location");
            let as_expected = match expected[who] {
                R => reply.status.is_redirection() && location.starts_with("/login"),
                want => got == want,
            };
            if !as_expected {
                let expected = match expected[who] {
                    R => "to be sent to sign-in".to_string(),
                    want => want.to_string(),
                };
                failures.push(format!(
                    "{label} as {as_who}: {got} {location}, expected {expected}: {}",
                    reply.body.chars().take(300).collect::<String>()
                ));
            }
            let leaks: &[(&str, &str)] = match who {
                1 => &[
                    (INTERNAL, "the internal comment"),
                    (BERT_SECRET, "Bert's company's case"),
                    ("bert@other.example", "Bert's address"),
                    ("\"case\":\"00000002\"", "Bert's company's case"),
                ],
                2 => &[
                    (INTERNAL, "the internal comment"),
                    ("Printer", "Acme's case"),
                    ("anna@acme.example", "Anna's address"),
                    ("\"case\":\"00000001\"", "Acme's case"),
                ],
                _ => &[],
            };
            for (secret, what) in leaks {
                if reply.body.contains(secret) {
                    failures.push(format!("{label} as {as_who} shows {what}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} calls answered otherwise:\n{}",
        failures.len(),
        rows.len() * WHO.len(),
        failures.join("\n")
    );
    // And by email: drain the outbox; no customer's mail mentions the internal comment.
    app::backend::jobs::drain(&app.state).await;
    for mail in app.state.store.list_dev_mail(500).await.expect("mail") {
        let customer =
            mail.to_addr.ends_with("@acme.example") || mail.to_addr.ends_with("@other.example");
        if customer {
            assert!(
                !mail.text_body.contains(INTERNAL) && !mail.html_body.contains(INTERNAL),
                "{}",
                mail.to_addr
            );
        }
    }
    app.assert_outbox_empty().await;
}

on_both_backends!(every_role_gets_exactly_what_it_may);
