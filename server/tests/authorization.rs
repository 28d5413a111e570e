//! The authorization suite: two companies and staff call every server function and URL that touches
//! cases, comments, attachments, surveys and knowledge articles, as each role, and get exactly what they may: another company's
//! case or file answers like a missing one, and no customer response carries an internal comment or
//! another company's data.
mod common;

use app::domain::Role;
use axum::body::Body;
use common::{Reply, TestApp, TestDb};
use http::Request;

const PASSWORD: &str = "correct horse battery";
const JSON: &str = "application/json";
const INTERNAL: &str = "Internal-only-note-for-staff";
const BERT_SECRET: &str = "Bert-company-secret";
/// Any redirect (to sign-in).
const REDIRECT: u16 = 300;

/// Who asks, in the order of each row's expectations.
const WHO: [&str; 5] = ["anonymous", "anna (Acme)", "bert (Other)", "agent", "admin"];

enum Call {
    Get(String),
    Post(String, String),
    Multipart(String),
}

async fn send(app: &TestApp, call: &Call, cookie: Option<&str>) -> Reply {
    let (method, path, content_type, body) = match call {
        Call::Get(p) => ("GET", p, None, Vec::new()),
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
    let mut req = Request::builder()
        .method(method)
        .uri(path.as_str())
        .header("accept", JSON)
        .header("referer", "http://portico.test/");
    if let Some(ct) = content_type {
        req = req.header("content-type", ct);
    }
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    Reply::read(app.send(req.body(Body::from(body)).expect("request")).await).await
}

fn upload_id(reply: &Reply) -> i64 {
    let v: serde_json::Value = serde_json::from_str(&reply.body).expect("JSON");
    v["stored"]["id"].as_i64().expect("stored")
}

async fn every_role_gets_exactly_what_it_may(db: TestDb) {
    let app = TestApp::new(db).await;
    for (email, role) in [
        ("anna@acme.example", Role::Customer),
        ("bert@other.example", Role::Customer),
        ("agent@vendor.example", Role::Agent),
        ("admin@vendor.example", Role::Admin),
    ] {
        app.add_user(email, role, PASSWORD).await;
    }
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
        &Call::Post(
            "/api/create_case".into(),
            format!("subject=Printer&attachments={file}"),
        ),
        Some(&anna),
    )
    .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let created = send(
        &app,
        &Call::Post("/api/create_case".into(), format!("subject={BERT_SECRET}")),
        Some(&bert),
    )
    .await;
    assert_eq!(created.status, 200);
    let note = send(
        &app,
        &Call::Post(
            "/api/add_comment".into(),
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
        &Call::Post(
            "/api/add_case_files".into(),
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

    // Expected status per role: anonymous, anna, bert, agent, admin.
    let rows: Vec<(Call, [u16; 5])> = vec![
        // Access requests: anyone without an account, or a contact for a colleague; staff decide.
        (
            Call::Get("/desk/access".into()),
            [REDIRECT, 403, 403, 200, 200],
        ),
        (
            Call::Post("/api/list_access_requests".into(), String::new()),
            [401, 403, 403, 200, 200],
        ),
        (
            Call::Post("/api/get_access_request".into(), "id=999".into()),
            [401, 403, 403, 404, 404],
        ),
        (
            Call::Post(
                "/api/approve_access_request".into(),
                "request=999&account=1&language=en".into(),
            ),
            [401, 403, 403, 404, 404],
        ),
        (
            Call::Post(
                "/api/decline_access_request".into(),
                "request=999&reason=no".into(),
            ),
            [401, 403, 403, 404, 404],
        ),
        (
            Call::Post("/api/get_support_settings".into(), String::new()),
            [401, 403, 403, 403, 200],
        ),
        (
            Call::Post("/api/save_support_settings".into(), "phone=1&email=".into()),
            [401, 403, 403, 403, 200],
        ),
        (
            Call::Get("/api/get_support_contact".into()),
            [200, 200, 200, 200, 200],
        ),
        (
            Call::Post("/api/get_own_settings".into(), String::new()),
            [401, 200, 200, 200, 200],
        ),
        (
            Call::Post(
                "/api/guess_time_zone".into(),
                "time_zone=Europe%2FMoscow".into(),
            ),
            [401, 200, 200, 200, 200],
        ),
        (
            Call::Get("/api/list_cases?query[view]=all".into()),
            [401, 200, 200, 200, 200],
        ),
        (
            Call::Post("/api/get_case".into(), case.into()),
            [401, 200, 404, 200, 200],
        ),
        (
            Call::Post("/api/get_case_summary".into(), case.into()),
            [401, 200, 404, 200, 200],
        ),
        (
            Call::Post("/api/add_comment".into(), format!("{case}&body=hello")),
            [401, 200, 404, 200, 200],
        ),
        (
            Call::Post(
                "/api/add_comment".into(),
                format!("{case}&body=x&internal=on"),
            ),
            [401, 403, 404, 200, 200],
        ),
        (
            Call::Post("/api/follow_case".into(), format!("{case}&follow=true")),
            [401, 200, 404, 200, 200],
        ),
        (
            Call::Get("/cases/00000001".into()),
            [REDIRECT, 200, 404, 200, 200],
        ),
        (
            Call::Get("/cases/00000001/print".into()),
            [REDIRECT, 200, 404, 200, 200],
        ),
        (
            Call::Get(format!("/attachments/{file}")),
            [REDIRECT, 200, 404, 200, 200],
        ),
        (
            Call::Get(format!("/attachments/{file}/name.pdf")),
            [REDIRECT, 200, 404, 200, 200],
        ),
        (
            Call::Post("/api/add_case_files".into(), format!("{case}&attachments=")),
            [401, 200, 404, 200, 200],
        ),
        (
            Call::Multipart("/cases/00000001/files".into()),
            [401, 303, 404, 303, 303],
        ),
        (
            Call::Get("/api/list_files?list=recent".into()),
            [401, 200, 200, 403, 403],
        ),
        (
            Call::Post("/api/reattach_file".into(), format!("id={file}")),
            [401, 200, 404, 200, 200],
        ),
        (
            Call::Post("/api/follow_file".into(), format!("id={file}&follow=true")),
            [401, 200, 404, 200, 200],
        ),
        (
            Call::Get("/api/list_files?list=following".into()),
            [401, 200, 200, 403, 403],
        ),
        (
            // The agent's upload becomes version 2; after it, the others' (on version 1) come back
            // to the page with "a newer version came first".
            Call::Multipart(format!("/cases/00000001/files/{file}/version")),
            [401, 303, 404, 303, 303],
        ),
        (
            Call::Get(format!("/api/pending_files?ids={pending}")),
            [401, 200, 200, 200, 200],
        ),
        (
            // Support log cases for customers: past the policy, they must still name the company,
            // the contact and the origin, so this bare form is a validation error for them.
            Call::Post("/api/create_case".into(), "subject=S".into()),
            [401, 200, 200, 422, 422],
        ),
        (
            Call::Post("/api/get_new_case_defaults".into(), String::new()),
            [401, 200, 200, 200, 200],
        ),
        (
            Call::Post(
                "/api/update_case".into(),
                format!("{case}&status=in_progress"),
            ),
            // Staff-only: refused before the case is read, so alike for every customer.
            [401, 403, 403, 200, 200],
        ),
        (
            Call::Get("/api/list_queue?query[sort]=updated".into()),
            [401, 403, 403, 200, 200],
        ),
        (
            Call::Post(
                "/api/assign_cases".into(),
                "numbers[]=00000001&assignee=me".into(),
            ),
            [401, 403, 403, 200, 200],
        ),
        (
            // Only the case's company's contacts; `nonsense` is no action, so nothing changes.
            Call::Post("/api/settle_case".into(), format!("{case}&action=nonsense")),
            [401, 422, 404, 403, 403],
        ),
        (
            Call::Post("/api/get_survey".into(), case.into()),
            [401, 403, 404, 403, 403],
        ),
        (
            Call::Post("/api/answer_survey".into(), format!("{case}&rating=5")),
            [401, 403, 404, 403, 403],
        ),
        (
            Call::Get("/cases/00000001/survey".into()),
            [REDIRECT, 403, 404, 403, 403],
        ),
        (
            // The emailed link is its own authority: an unknown one is missing for everyone.
            Call::Post(
                "/api/get_survey".into(),
                format!("token={}", "0".repeat(64)),
            ),
            [404, 404, 404, 404, 404],
        ),
        (
            Call::Get("/api/get_satisfaction?by=agent&period=all".into()),
            [401, 403, 403, 403, 200],
        ),
        (
            Call::Get("/desk/satisfaction.csv?by=product".into()),
            [REDIRECT, 403, 403, 403, 200],
        ),
        (
            Call::Get("/api/search_articles?q=password".into()),
            [401, 200, 200, 200, 200],
        ),
        (
            Call::Get("/api/get_article?number=1001".into()),
            [401, 200, 200, 200, 200],
        ),
        (
            Call::Get("/kb?q=password".into()),
            [REDIRECT, 200, 200, 200, 200],
        ),
        (
            Call::Get("/kb/articles/000001001".into()),
            [REDIRECT, 200, 200, 200, 200],
        ),
        (
            Call::Post("/api/attach_article".into(), format!("{case}&article=1001")),
            [401, 403, 403, 200, 200],
        ),
        (
            Call::Post("/api/detach_article".into(), format!("{case}&article=1001")),
            [401, 403, 403, 200, 200],
        ),
        (
            // Removing a case's file, for everyone: the agent does; after that it is gone.
            Call::Post("/api/remove_case_file".into(), format!("id={doomed}")),
            [401, 404, 404, 200, 404],
        ),
        // Last: Anna's own removal succeeds only after everyone else's attempt failed.
        (
            Call::Post("/api/remove_file".into(), format!("id={pending}")),
            [401, 200, 404, 404, 404],
        ),
    ];
    for (call, expected) in &rows {
        // Anna last for the removal (it would otherwise be gone for the others).
        for who in [0, 2, 3, 4, 1] {
            let reply = send(&app, call, cookies[who]).await;
            let got = reply.status.as_u16();
            let label = match call {
                Call::Get(p) | Call::Multipart(p) => p.clone(),
                Call::Post(p, b) => format!("{p} {b}"),
            };
            if expected[who] == REDIRECT {
                assert!(
                    reply.status.is_redirection(),
                    "{label} as {}: {got}",
                    WHO[who]
                );
                assert!(reply.header("location").starts_with("/login"), "{label}");
            } else {
                assert_eq!(
                    got, expected[who],
                    "{label} as {}: {}",
                    WHO[who], reply.body
                );
            }
            if who == 1 || who == 2 {
                assert!(
                    !reply.body.contains(INTERNAL),
                    "{label} as {} leaks the internal comment",
                    WHO[who]
                );
            }
            if who == 1 {
                assert!(
                    !reply.body.contains(BERT_SECRET),
                    "{label} as anna shows Bert's company"
                );
            }
            if who == 2 {
                assert!(
                    !reply.body.contains("Printer"),
                    "{label} as bert shows Acme's case"
                );
            }
        }
    }
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
