//! Attachments through the real router and real storage on disk: streaming uploads with the size
//! limit (1 MB in these tests), files joining the new case, downloads that never render, who may
//! see which file, the picker's lists, re-attaching and removing, the no-JS form, and the sweep.
mod common;

use app::backend::store::NewAttachment;
use app::domain::{AttachmentId, Role};
use common::{Reply, TestApp, TestDb, multipart, post_multipart};

const PASSWORD: &str = "correct horse battery";
const JSON: &str = "application/json";
/// Uploads one file through `/api/attachments`; returns the reply.
async fn upload(
    app: &TestApp,
    cookie: &str,
    name: &str,
    content_type: &str,
    bytes: &[u8],
) -> Reply {
    let body = multipart(&[], &[("file", name, content_type, bytes)]);
    post_multipart(app, "/api/attachments", body, Some(cookie), true).await
}

/// The id of a stored upload.
fn stored_id(reply: &Reply) -> i64 {
    let v: serde_json::Value = serde_json::from_str(&reply.body).expect("JSON");
    v["stored"]["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("not stored: {}", reply.body))
}

async fn call(app: &TestApp, path: &str, body: &str, cookie: Option<&str>) -> Reply {
    app.post_form_from("192.0.2.1", path, body, cookie, JSON)
        .await
}

/// Files under the app's storage folders (`blobs/` and `tmp/`).
fn stored_files(app: &TestApp) -> Vec<std::path::PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else {
                    out.push(p);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&app.state.settings.data_dir, &mut out);
    out
}

/// Anna (customer), Bert (customer of another company), an agent; their cookies and ids.
struct World {
    app: TestApp,
    anna: String,
    bert: String,
    agent: String,
    agent_id: app::domain::UserId,
}

async fn setup(db: TestDb) -> World {
    let app = TestApp::new(db).await;
    app.add_user("anna@acme.example", Role::Customer, PASSWORD)
        .await;
    app.add_user("bert@other.example", Role::Customer, PASSWORD)
        .await;
    let agent_id = app
        .add_user("agent@vendor.example", Role::Agent, PASSWORD)
        .await;
    let anna = app.sign_in("anna@acme.example", PASSWORD).await;
    let bert = app.sign_in("bert@other.example", PASSWORD).await;
    let agent = app.sign_in("agent@vendor.example", PASSWORD).await;
    World {
        app,
        anna,
        bert,
        agent,
        agent_id,
    }
}

async fn files_join_the_new_case_and_always_download_as_files(db: TestDb) {
    let w = setup(db).await;
    let report = upload(
        &w.app,
        &w.anna,
        "../../Отчёт май.pdf",
        "application/pdf",
        b"%PDF-1.4 report",
    )
    .await;
    assert_eq!(report.status, 200, "{}", report.body);
    assert!(
        report.body.contains("\"name\":\"Отчёт май.pdf\""),
        "folders are dropped: {}",
        report.body
    );
    let page = upload(
        &w.app,
        &w.anna,
        "<script>.html",
        "text/html",
        b"<script>alert(1)</script>",
    )
    .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let (report, page) = (stored_id(&report), stored_id(&page));

    let created = call(
        &w.app,
        "/api/create_case",
        &format!("subject=Broken+export&attachments={report},{page}"),
        Some(&w.anna),
    )
    .await;
    assert_eq!(created.status, 200, "{}", created.body);
    assert!(created.body.contains("Отчёт май.pdf") && created.body.contains("_script_.html"));

    // A browser that takes compressed answers still gets the file's own bytes and length.
    let download = w
        .app
        .get(
            &format!("/attachments/{report}"),
            &[("cookie", &w.anna), ("accept-encoding", "br, gzip")],
        )
        .await;
    assert_eq!(download.status, 200);
    assert_eq!(download.body, "%PDF-1.4 report");
    assert_eq!(
        download.header("content-encoding"),
        "",
        "downloads are sent as stored"
    );
    assert_eq!(
        download.header("content-disposition"),
        "attachment; filename=\"_____ ___.pdf\"; \
         filename*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82%20%D0%BC%D0%B0%D0%B9.pdf"
    );
    assert_eq!(download.header("content-type"), "application/pdf");
    let html = w
        .app
        .get(
            &format!("/attachments/{page}/x.html"),
            &[("cookie", &w.anna)],
        )
        .await;
    assert_eq!(html.status, 200);
    assert_eq!(
        html.header("content-type"),
        "application/octet-stream",
        "HTML never goes out as HTML"
    );
    assert!(
        html.header("content-disposition")
            .starts_with("attachment;")
    );
    assert_eq!(html.header("x-content-type-options"), "nosniff");
    assert!(
        html.header("content-security-policy")
            .contains("default-src 'none'")
    );

    let case_page = w.app.get("/cases/00000001", &[("cookie", &w.anna)]).await;
    assert!(
        case_page.text().contains("Отчёт май.pdf"),
        "the case page lists its files"
    );
    assert!(
        case_page
            .text()
            .contains(&format!("/attachments/{report}/"))
    );

    let again = call(
        &w.app,
        "/api/create_case",
        &format!("subject=Second&attachments={report}"),
        Some(&w.anna),
    )
    .await;
    assert_eq!(
        again.status, 422,
        "a file already on a case is not a pending upload"
    );
    assert!(again.body.contains("error_file_gone"), "{}", again.body);
    let next = call(&w.app, "/api/create_case", "subject=Third", Some(&w.anna)).await;
    assert!(
        next.body.contains("\"number\":2"),
        "the refused case used no number: {}",
        next.body
    );
    w.app.assert_outbox_empty().await;
}

async fn another_companys_file_answers_like_a_missing_one(db: TestDb) {
    let w = setup(db).await;
    let id = stored_id(&upload(&w.app, &w.anna, "secret.txt", "text/plain", b"acme secret").await);
    let pending = w
        .app
        .get(&format!("/attachments/{id}"), &[("cookie", &w.bert)])
        .await;
    assert_eq!(pending.status, 404, "someone else's pending upload");
    let res = call(
        &w.app,
        "/api/create_case",
        &format!("subject=S&attachments={id}"),
        Some(&w.anna),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);

    let other = w
        .app
        .get(&format!("/attachments/{id}"), &[("cookie", &w.bert)])
        .await;
    let missing = w
        .app
        .get("/attachments/999999", &[("cookie", &w.bert)])
        .await;
    assert_eq!(other.status, 404);
    assert_eq!(
        (other.status, &other.body, other.header("content-type")),
        (
            missing.status,
            &missing.body,
            missing.header("content-type")
        ),
        "another company's file answers exactly like a missing one"
    );
    assert!(!other.body.contains("acme secret"));
    assert!(other.body.starts_with("Page not found"), "{}", other.body);
    // Bert reads Russian (his saved language, set with the header's switch): so does the refusal.
    let switched = w
        .app
        .post_form("/lang", "lang=ru&back=%2F", Some(&w.bert))
        .await;
    assert_eq!(switched.status, 303);
    let other_ru = w
        .app
        .get(&format!("/attachments/{id}"), &[("cookie", &w.bert)])
        .await;
    assert_eq!(other_ru.status, 404);
    assert!(
        other_ru.body.starts_with("Страница не найдена"),
        "in the reader's language: {}",
        other_ru.body
    );
    let staff = w
        .app
        .get(&format!("/attachments/{id}"), &[("cookie", &w.agent)])
        .await;
    assert_eq!(
        (staff.status.as_u16(), staff.body.as_str()),
        (200, "acme secret")
    );
    let anonymous = w.app.get(&format!("/attachments/{id}"), &[]).await;
    assert!(anonymous.status.is_redirection());
    assert!(anonymous.header("location").starts_with("/login?next="));

    // Nothing in the server functions either.
    let steal = call(
        &w.app,
        "/api/create_case",
        &format!("subject=S&attachments={id}"),
        Some(&w.bert),
    )
    .await;
    assert_eq!(steal.status, 422);
    assert_eq!(
        call(
            &w.app,
            "/api/reattach_file",
            &format!("id={id}"),
            Some(&w.bert)
        )
        .await
        .status,
        404
    );
    assert_eq!(
        call(
            &w.app,
            "/api/remove_file",
            &format!("id={id}"),
            Some(&w.bert)
        )
        .await
        .status,
        404
    );
    let listed = w
        .app
        .get(
            &format!("/api/pending_files?ids={id}"),
            &[("cookie", &w.bert), ("accept", JSON)],
        )
        .await;
    assert_eq!(listed.body, "[]");
    for list in ["owned", "shared", "recent"] {
        let r = w
            .app
            .get(
                &format!("/api/list_files?list={list}"),
                &[("cookie", &w.bert), ("accept", JSON)],
            )
            .await;
        assert_eq!((r.status.as_u16(), r.body.as_str()), (200, "[]"), "{list}");
    }
    let anonymous_upload = post_multipart(
        &w.app,
        "/api/attachments",
        multipart(&[], &[("file", "a.txt", "text/plain", b"x")]),
        None,
        true,
    )
    .await;
    assert_eq!(anonymous_upload.status, 401);
    w.app.assert_outbox_empty().await;
}

async fn an_oversized_file_is_refused_and_leaves_nothing_behind(db: TestDb) {
    let w = setup(db).await;
    let limit = 1_000_000; // PORTICO_MAX_UPLOAD_MB = 1 in tests
    let too_big = vec![b'x'; limit + 1];
    // Without Content-Length the server counts while streaming and stops at the limit.
    let body = multipart(
        &[],
        &[("file", "big.bin", "application/octet-stream", &too_big)],
    );
    let streamed = post_multipart(&w.app, "/api/attachments", body, Some(&w.anna), false).await;
    assert_eq!(streamed.status, 413);
    assert!(
        streamed.body.contains("error_file_too_large"),
        "{}",
        streamed.body
    );
    assert!(streamed.body.contains("\"limit_mb\":1"));
    // With a Content-Length far over the limit it refuses before reading.
    let huge = vec![b'x'; 3 * limit];
    let body = multipart(
        &[],
        &[("file", "huge.bin", "application/octet-stream", &huge)],
    );
    let declared = post_multipart(&w.app, "/api/attachments", body, Some(&w.anna), true).await;
    assert_eq!(declared.status, 413);
    assert!(
        stored_files(&w.app).is_empty(),
        "no bytes kept: {:?}",
        stored_files(&w.app)
    );
    assert_eq!(
        w.app
            .state
            .store
            .get_attachment(AttachmentId(1))
            .await
            .expect("store"),
        None,
        "no row"
    );

    let empty = upload(&w.app, &w.anna, "empty.txt", "text/plain", b"").await;
    assert_eq!(empty.status, 422);
    assert!(empty.body.contains("error_file_empty"));
    let exactly = upload(
        &w.app,
        &w.anna,
        "exact.bin",
        "application/octet-stream",
        &vec![b'y'; limit],
    )
    .await;
    assert_eq!(exactly.status, 200, "exactly the limit is fine");
    assert_eq!(stored_files(&w.app).len(), 1);
    w.app.assert_outbox_empty().await;
}

async fn the_picker_lists_reattaches_and_removes(db: TestDb) {
    let w = setup(db).await;
    let mine = stored_id(&upload(&w.app, &w.anna, "log.txt", "text/plain", b"log lines").await);
    let created = call(
        &w.app,
        "/api/create_case",
        &format!("subject=S&attachments={mine}"),
        Some(&w.anna),
    )
    .await;
    assert_eq!(created.status, 200);
    // Support adds a file to Anna's case (the agent's side of the case page is the next issue's).
    let case = w
        .app
        .state
        .store
        .get_attachment(AttachmentId(mine))
        .await
        .expect("store")
        .and_then(|a| a.case_id)
        .expect("linked");
    let key = app::backend::uploads::put_bytes(w.app.state.blobs.as_ref(), b"patched build")
        .await
        .expect("blob");
    w.app
        .state
        .store
        .insert_attachment(&NewAttachment {
            case_id: Some(case),
            uploaded_by: w.agent_id,
            file_name: "fix.zip".into(),
            content_type: "application/zip".into(),
            size_bytes: 13,
            sha256: "00".into(),
            storage_key: key,
            created_at: chrono::Utc::now(),
        })
        .await
        .expect("agent file");

    let names = |r: &Reply| -> Vec<String> {
        let v: Vec<serde_json::Value> = serde_json::from_str(&r.body).expect("JSON list");
        v.iter()
            .map(|f| f["name"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let list = |l: &'static str| {
        let app = &w.app;
        let anna = w.anna.clone();
        async move {
            app.get(
                &format!("/api/list_files?list={l}"),
                &[("cookie", &anna), ("accept", JSON)],
            )
            .await
        }
    };
    assert_eq!(names(&list("owned").await), ["log.txt"]);
    assert_eq!(names(&list("shared").await), ["fix.zip"]);
    assert_eq!(names(&list("recent").await), ["fix.zip", "log.txt"]);
    assert_eq!(
        w.app
            .get(
                "/api/list_files?list=owned",
                &[("cookie", &w.agent), ("accept", JSON)]
            )
            .await
            .status,
        403,
        "the picker is the customers'"
    );

    let copy = call(&w.app, "/api/reattach_file", "id=2", Some(&w.anna)).await;
    assert_eq!(copy.status, 200, "{}", copy.body);
    let copy_id: serde_json::Value = serde_json::from_str(&copy.body).expect("JSON");
    let copy_id = copy_id["id"].as_i64().expect("id");
    let fetched = w
        .app
        .get(&format!("/attachments/{copy_id}"), &[("cookie", &w.anna)])
        .await;
    assert_eq!(fetched.body, "patched build");
    let copy_body = format!("id={copy_id}");
    let remove_copy = || call(&w.app, "/api/remove_file", &copy_body, Some(&w.anna));
    assert_eq!(remove_copy().await.status, 200);
    assert_eq!(remove_copy().await.status, 404);
    assert_eq!(
        call(&w.app, "/api/remove_file", "id=2", Some(&w.anna))
            .await
            .status,
        404,
        "a case's file is not removed from here"
    );
    let original = w.app.get("/attachments/2", &[("cookie", &w.anna)]).await;
    assert_eq!(original.body, "patched build", "the original stays");
    assert_eq!(stored_files(&w.app).len(), 2, "the copy's bytes are gone");
    w.app.assert_outbox_empty().await;
}

async fn without_javascript_the_form_uploads_and_submits_keeping_what_was_typed(db: TestDb) {
    let w = setup(db).await;
    let body = multipart(
        &[
            ("subject", "Printer on fire"),
            ("description", "Smoke"),
            ("intent", "upload"),
        ],
        &[("file", "photo.png", "image/png", b"\x89PNG....")],
    );
    let back = post_multipart(&w.app, "/cases/new/files", body, Some(&w.anna), true).await;
    assert_eq!(back.status, 303);
    let location = back.header("location").to_string();
    assert!(location.starts_with("/cases/new?draft="), "{location}");
    assert!(
        !location.contains("Printer") && !location.contains("Smoke"),
        "what was typed waits in a draft, not in the URL: {location}"
    );
    let form = w.app.get(&location, &[("cookie", &w.anna)]).await;
    assert!(
        form.text().contains("photo.png"),
        "the uploaded file is listed"
    );
    assert!(
        form.text().contains(r#"value="Printer on fire""#),
        "the subject is kept"
    );

    let too_big = vec![b'x'; 1_000_001];
    let body = multipart(
        &[
            ("subject", "Printer on fire"),
            ("attachments", "1"),
            ("intent", "upload"),
        ],
        &[("file", "video.mp4", "video/mp4", &too_big)],
    );
    let refused = post_multipart(&w.app, "/cases/new/files", body, Some(&w.anna), false).await;
    let location = refused.header("location").to_string();
    assert!(
        location.contains("error=attachments%3Aerror_file_too_large"),
        "{location}"
    );
    let form = w.app.get(&location, &[("cookie", &w.anna)]).await;
    assert!(
        form.text()
            .contains("This file is larger than the upload limit.")
    );
    assert!(
        form.text().contains("photo.png"),
        "the earlier file is still there"
    );

    let body = multipart(
        &[
            ("subject", "Printer on fire"),
            ("attachments", "1"),
            ("intent", "submit"),
        ],
        &[("file", "", "application/octet-stream", b"")],
    );
    let submitted = post_multipart(&w.app, "/cases/new/files", body, Some(&w.anna), true).await;
    assert_eq!(submitted.header("location"), "/cases/new?created=00000001");
    let case = w.app.get("/cases/00000001", &[("cookie", &w.anna)]).await;
    assert!(case.text().contains("photo.png"));
    w.app.assert_outbox_empty().await;
}

async fn uploads_nobody_submitted_are_swept_after_a_day(db: TestDb) {
    let w = setup(db).await;
    let fresh = stored_id(&upload(&w.app, &w.anna, "fresh.txt", "text/plain", b"new").await);
    let key = app::backend::uploads::put_bytes(w.app.state.blobs.as_ref(), b"old")
        .await
        .expect("blob");
    let anna = w
        .app
        .state
        .store
        .find_user_by_email("anna@acme.example")
        .await
        .expect("store")
        .expect("anna");
    w.app
        .state
        .store
        .insert_attachment(&NewAttachment {
            case_id: None,
            uploaded_by: anna.id,
            file_name: "old.txt".into(),
            content_type: "text/plain".into(),
            size_bytes: 3,
            sha256: "00".into(),
            storage_key: key,
            created_at: chrono::Utc::now() - chrono::Duration::hours(25),
        })
        .await
        .expect("old upload");
    assert_eq!(stored_files(&w.app).len(), 2);
    let removed = app::backend::services::attachments::sweep(&w.app.state)
        .await
        .expect("sweep");
    assert_eq!(removed, 1);
    assert_eq!(
        stored_files(&w.app).len(),
        1,
        "the old upload's bytes are gone"
    );
    let still = w
        .app
        .get(&format!("/attachments/{fresh}"), &[("cookie", &w.anna)])
        .await;
    assert_eq!(still.body, "new", "a fresh upload stays");
    w.app.assert_outbox_empty().await;
}

async fn files_join_an_existing_case_for_those_who_see_it(db: TestDb) {
    let w = setup(db).await;
    let created = call(&w.app, "/api/create_case", "subject=Printer", Some(&w.anna)).await;
    assert_eq!(created.status, 200);
    let log = stored_id(&upload(&w.app, &w.anna, "log.txt", "text/plain", b"lines").await);
    let added = call(
        &w.app,
        "/api/add_case_files",
        &format!("number=00000001&attachments={log}"),
        Some(&w.anna),
    )
    .await;
    assert_eq!(added.status, 200, "{}", added.body);
    assert!(added.body.contains("log.txt"));
    let again = call(
        &w.app,
        "/api/add_case_files",
        &format!("number=00000001&attachments={log}"),
        Some(&w.anna),
    )
    .await;
    assert_eq!(again.status, 422, "a file joins one case once");
    // Staff's history tells who added it, once (the refused second try recorded nothing).
    let case = call(&w.app, "/api/get_case", "number=00000001", Some(&w.agent)).await;
    let page: serde_json::Value = serde_json::from_str(&case.body).expect("JSON");
    let files: Vec<_> = page["desk"]["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter(|e| e["kind"] == "file")
        .map(|e| (e["actor_name"].clone(), e["new_value"].clone()))
        .collect();
    assert_eq!(
        files,
        [(
            serde_json::json!("Anna de Boer"),
            serde_json::json!("log.txt")
        )]
    );

    // Bert cannot add to Anna's case: it answers like a missing one, and keeps nothing he sent.
    let his = stored_id(&upload(&w.app, &w.bert, "bert.txt", "text/plain", b"b").await);
    let other = call(
        &w.app,
        "/api/add_case_files",
        &format!("number=00000001&attachments={his}"),
        Some(&w.bert),
    )
    .await;
    let missing = call(
        &w.app,
        "/api/add_case_files",
        &format!("number=00000099&attachments={his}"),
        Some(&w.bert),
    )
    .await;
    assert_eq!(other.status, 404);
    assert_eq!((other.status, &other.body), (missing.status, &missing.body));
    let before = stored_files(&w.app).len();
    let body = multipart(&[], &[("file", "evil.txt", "text/plain", b"x")]);
    let refused = post_multipart(&w.app, "/cases/00000001/files", body, Some(&w.bert), true).await;
    assert_eq!(refused.status, 404);
    assert_eq!(
        stored_files(&w.app).len(),
        before,
        "nothing stored for a case he cannot see"
    );

    // Without JavaScript: the case page's form posts the files, which join the case at once.
    let body = multipart(&[], &[("file", "photo.png", "image/png", b"\x89PNG")]);
    let plain = post_multipart(&w.app, "/cases/00000001/files", body, Some(&w.anna), true).await;
    assert_eq!(plain.status, 303);
    assert_eq!(plain.header("location"), "/cases/00000001#files-title");
    let page = w.app.get("/cases/00000001", &[("cookie", &w.anna)]).await;
    assert!(page.text().contains("photo.png") && page.text().contains("log.txt"));
    assert!(page.text().contains("Attachments (2)") || page.text().contains("Bijlagen (2)"));
    w.app.assert_outbox_empty().await;
}

on_both_backends!(
    files_join_an_existing_case_for_those_who_see_it,
    files_join_the_new_case_and_always_download_as_files,
    another_companys_file_answers_like_a_missing_one,
    an_oversized_file_is_refused_and_leaves_nothing_behind,
    the_picker_lists_reattaches_and_removes,
    without_javascript_the_form_uploads_and_submits_keeping_what_was_typed,
    uploads_nobody_submitted_are_swept_after_a_day,
);
