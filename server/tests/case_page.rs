//! The case page through the real router: comments and who is told about them, internal comments
//! that never reach a customer (page, print view, server function, email), following, and another
//! company's case answering exactly like a missing one in every function and URL.
mod common;

use app::backend::jobs;
use app::domain::Role;
use common::{Reply, TestApp, TestDb};

const PASSWORD: &str = "correct horse battery";
const JSON: &str = "application/json";

struct World {
    app: TestApp,
    anna: String,
    carl: String,
    bert: String,
    agent: String,
    admin: String,
}

async fn call(app: &TestApp, path: &str, body: &str, cookie: Option<&str>) -> Reply {
    app.post_form_from("192.0.2.1", path, body, cookie, JSON)
        .await
}

/// Anna and Carl at Acme, Bert elsewhere, an agent and an admin; case 1 is Anna's, case 2 Bert's.
async fn setup(db: TestDb) -> World {
    let app = TestApp::new(db).await;
    app.add_user("anna@acme.example", Role::Customer, PASSWORD)
        .await;
    app.add_colleague("carl@acme.example", "Carl Acme", "anna@acme.example")
        .await;
    app.add_user("bert@other.example", Role::Customer, PASSWORD)
        .await;
    app.add_user("agent@vendor.example", Role::Agent, PASSWORD)
        .await;
    app.add_user("admin@vendor.example", Role::Admin, PASSWORD)
        .await;
    let w = World {
        anna: app.sign_in("anna@acme.example", PASSWORD).await,
        carl: app.sign_in("carl@acme.example", PASSWORD).await,
        bert: app.sign_in("bert@other.example", PASSWORD).await,
        agent: app.sign_in("agent@vendor.example", PASSWORD).await,
        admin: app.sign_in("admin@vendor.example", PASSWORD).await,
        app,
    };
    for (cookie, subject) in [(&w.anna, "Printer+jams"), (&w.bert, "Bert+secret+case")] {
        let res = call(
            &w.app,
            "/api/create_case",
            &format!("subject={subject}"),
            Some(cookie),
        )
        .await;
        assert_eq!(res.status, 200, "{}", res.body);
    }
    jobs::drain(&w.app.state).await;
    w
}

/// Emails in the dev mailbox since the last call, as (to, text).
async fn new_mail(app: &TestApp, seen: &mut usize) -> Vec<(String, String)> {
    jobs::drain(&app.state).await;
    let mut all = app.state.store.list_dev_mail(500).await.expect("mail");
    all.sort_by_key(|m| m.id);
    let fresh: Vec<(String, String)> = all
        .iter()
        .skip(*seen)
        .map(|m| (m.to_addr.clone(), format!("{}\n{}", m.subject, m.text_body)))
        .collect();
    *seen = all.len();
    fresh
}

fn recipients(mail: &[(String, String)]) -> Vec<String> {
    let mut to: Vec<String> = mail.iter().map(|(t, _)| t.clone()).collect();
    to.sort();
    to
}

async fn comments_reach_the_right_people_and_internal_ones_never_reach_customers(db: TestDb) {
    let w = setup(db).await;
    let mut seen = w
        .app
        .state
        .store
        .list_dev_mail(500)
        .await
        .expect("mail")
        .len();
    let case = "number=00000001";
    for cookie in [&w.carl, &w.admin] {
        let res = call(
            &w.app,
            "/api/follow_case",
            &format!("{case}&follow=true"),
            Some(cookie),
        )
        .await;
        assert_eq!(res.status, 200, "{}", res.body);
    }

    let public = call(
        &w.app,
        "/api/add_comment",
        &format!("{case}&body=We+are+on+it"),
        Some(&w.agent),
    )
    .await;
    assert_eq!(public.status, 200, "{}", public.body);
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(
        recipients(&mail),
        [
            "admin@vendor.example",
            "anna@acme.example",
            "carl@acme.example"
        ],
        "the contact and every follower, not the author"
    );
    for (to, text) in &mail {
        assert!(
            text.contains("We are on it") && text.contains("00000001"),
            "{to}: {text}"
        );
        let dutch = to != "carl@acme.example"; // the test helper makes everyone else Dutch
        assert_eq!(
            text.contains("Case 00000001: nieuwe opmerking"),
            dutch,
            "each in the recipient's language: {to}"
        );
    }

    let internal = call(
        &w.app,
        "/api/add_comment",
        &format!("{case}&body=Secret+plan+for+Acme&internal=on"),
        Some(&w.agent),
    )
    .await;
    assert_eq!(internal.status, 200, "{}", internal.body);
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(
        recipients(&mail),
        ["admin@vendor.example"],
        "an internal comment reaches staff followers only"
    );
    assert!(
        mail[0].1.contains("Interne opmerking"),
        "marked internal (the admin reads Dutch)"
    );

    // Nothing of it reaches a customer: server function, page, print view.
    for cookie in [&w.anna, &w.carl] {
        let detail = call(&w.app, "/api/get_case", case, Some(cookie)).await;
        assert_eq!(detail.status, 200);
        assert!(detail.body.contains("We are on it"));
        assert!(!detail.body.contains("Secret plan"), "{}", detail.body);
        for path in ["/cases/00000001", "/cases/00000001/print"] {
            let page = w.app.get(path, &[("cookie", cookie)]).await;
            assert_eq!(page.status, 200, "{path}");
            assert!(page.text().contains("We are on it"), "{path}");
            assert!(!page.body.contains("Secret plan"), "{path}");
        }
    }
    let staff = call(&w.app, "/api/get_case", case, Some(&w.agent)).await;
    assert!(
        staff.body.contains("Secret plan"),
        "staff see internal comments"
    );

    // A customer's comment: followers hear of it, the author does not; customers write no internal ones.
    let thanks = call(
        &w.app,
        "/api/add_comment",
        &format!("{case}&body=Thanks"),
        Some(&w.anna),
    )
    .await;
    assert_eq!(thanks.status, 200);
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(
        recipients(&mail),
        ["admin@vendor.example", "carl@acme.example"]
    );
    let sneaky = call(
        &w.app,
        "/api/add_comment",
        &format!("{case}&body=x&internal=on"),
        Some(&w.anna),
    )
    .await;
    assert_eq!(sneaky.status, 403);
    let empty = call(
        &w.app,
        "/api/add_comment",
        &format!("{case}&body=+++"),
        Some(&w.anna),
    )
    .await;
    assert_eq!(empty.status, 422);
    assert!(empty.body.contains("error_comment_required"));

    // Unfollowing stops the emails.
    let res = call(
        &w.app,
        "/api/follow_case",
        &format!("{case}&follow=false"),
        Some(&w.carl),
    )
    .await;
    assert_eq!(res.status, 200);
    call(
        &w.app,
        "/api/add_comment",
        &format!("{case}&body=Fixed"),
        Some(&w.agent),
    )
    .await;
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(
        recipients(&mail),
        ["admin@vendor.example", "anna@acme.example"]
    );
}

async fn another_companys_case_answers_like_a_missing_one_everywhere(db: TestDb) {
    let w = setup(db).await;
    // Case 2 is Bert's; case 99 does not exist. Anna must not tell them apart.
    for (path, body) in [
        ("/api/get_case", "number=0000000N"),
        ("/api/get_case_summary", "number=0000000N"),
        ("/api/add_comment", "number=0000000N&body=hello"),
        ("/api/follow_case", "number=0000000N&follow=true"),
    ] {
        let other = call(&w.app, path, &body.replace('N', "2"), Some(&w.anna)).await;
        let missing = call(
            &w.app,
            path,
            &body.replace("0000000N", "00000099"),
            Some(&w.anna),
        )
        .await;
        assert_eq!(other.status, 404, "{path}: {}", other.body);
        assert_eq!(
            (other.status, &other.body),
            (missing.status, &missing.body),
            "{path}"
        );
        assert_eq!(
            call(&w.app, path, &body.replace('N', "2"), None)
                .await
                .status,
            401,
            "{path} without a session"
        );
    }
    for path in ["/cases/00000002", "/cases/00000002/print"] {
        let page = w.app.get(path, &[("cookie", &w.anna)]).await;
        assert_eq!(page.status, 404, "{path}");
        assert!(!page.body.contains("Bert secret case"), "{path}");
        let anonymous = w.app.get(path, &[]).await;
        assert!(anonymous.status.is_redirection(), "{path}");
    }
    assert_eq!(
        call(&w.app, "/api/get_case", "number=00000002", Some(&w.agent))
            .await
            .status,
        200,
        "staff see every company's cases"
    );
    // Nothing was written by the refused calls.
    let bert_case = call(&w.app, "/api/get_case", "number=00000002", Some(&w.bert)).await;
    assert!(
        bert_case.body.contains("\"comments\":[]"),
        "{}",
        bert_case.body
    );
    assert!(bert_case.body.contains("\"following\":false"));
}

async fn clone_starts_a_new_case_from_an_old_one(db: TestDb) {
    let w = setup(db).await;
    let form = w
        .app
        .get("/cases/new?clone=00000001", &[("cookie", &w.anna)])
        .await;
    assert!(
        form.text().contains(r#"value="Printer jams""#),
        "subject prefilled"
    );
    let other = w
        .app
        .get("/cases/new?clone=00000002", &[("cookie", &w.anna)])
        .await;
    assert!(
        !other.text().contains("Bert secret case"),
        "another company's case is not cloned"
    );
}

on_both_backends!(
    comments_reach_the_right_people_and_internal_ones_never_reach_customers,
    another_companys_case_answers_like_a_missing_one_everywhere,
    clone_starts_a_new_case_from_an_old_one,
);
