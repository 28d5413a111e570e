//! The case page through the real router: comments and who is told about them, internal comments
//! that never reach a customer (page, print view, server function, email), following, and another
//! company's case answering exactly like a missing one in every function and URL.
mod common;

use common::TestDb;
use common::world::{call, new_mail, recipients, setup};

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

    // Anna reads Dutch (she chose it with the header's switch); everyone else English.
    let switched = w
        .app
        .post_form("/lang", "lang=nl&back=%2F", Some(&w.anna))
        .await;
    assert_eq!(switched.status, 303);
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
        let dutch = to == "anna@acme.example";
        assert_eq!(
            text.contains("Dossier 00000001: nieuwe opmerking"),
            dutch,
            "each in the recipient's language: {to}"
        );
        assert_eq!(text.contains("Case 00000001: new comment"), !dutch, "{to}");
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
        mail[0].1.contains("Internal comment"),
        "marked internal (the admin reads English)"
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
    w.app.assert_outbox_empty().await;
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
    w.app.assert_outbox_empty().await;
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
    w.app.assert_outbox_empty().await;
}

on_both_backends!(
    comments_reach_the_right_people_and_internal_ones_never_reach_customers,
    another_companys_case_answers_like_a_missing_one_everywhere,
    clone_starts_a_new_case_from_an_old_one,
);
