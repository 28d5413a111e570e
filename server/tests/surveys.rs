//! Support solves and closes a case through the real router: the resolution email to the contact
//! and followers, one survey invitation for the contact, answered once; customers cannot update
//! cases; another company's case answers exactly like a missing one.
mod common;

use common::TestDb;
use common::world::{World, call, new_mail, recipients, setup};

const CASE: &str = "number=00000001";

async fn mail_seen(w: &World) -> usize {
    w.app
        .state
        .store
        .list_dev_mail(500)
        .await
        .expect("mail")
        .len()
}

async fn update(
    w: &World,
    cookie: &str,
    case: &str,
    status: &str,
    resolution: &str,
) -> common::Reply {
    call(
        &w.app,
        "/api/update_case",
        &format!("{case}&status={status}&resolution={resolution}"),
        Some(cookie),
    )
    .await
}

async fn answer(w: &World, cookie: &str, rating: &str) -> common::Reply {
    call(
        &w.app,
        "/api/answer_survey",
        &format!("{CASE}&rating={rating}&feedback=Quick+and+kind"),
        Some(cookie),
    )
    .await
}

async fn solving_emails_the_resolution_and_closing_invites_the_contact_once(db: TestDb) {
    let w = setup(db).await;
    let mut seen = mail_seen(&w).await;
    let res = call(
        &w.app,
        "/api/follow_case",
        &format!("{CASE}&follow=true"),
        Some(&w.carl),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);

    let bare = update(&w, &w.agent, CASE, "solved", "+++").await;
    assert_eq!(bare.status, 422, "{}", bare.body);
    assert!(
        bare.body.contains("error_resolution_required"),
        "{}",
        bare.body
    );
    let odd = update(&w, &w.agent, CASE, "archived", "x").await;
    assert_eq!(odd.status, 422);
    assert!(odd.body.contains("error_status_invalid"), "{}", odd.body);
    assert!(
        new_mail(&w.app, &mut seen).await.is_empty(),
        "a refused update sends nothing"
    );

    let solved = update(&w, &w.agent, CASE, "solved", "Replace+the+fuser+unit").await;
    assert_eq!(solved.status, 200, "{}", solved.body);
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(
        recipients(&mail),
        ["anna@acme.example", "carl@acme.example"],
        "the contact and the follower, not the agent who solved it"
    );
    for (to, text) in &mail {
        assert!(text.contains("Replace the fuser unit"), "{to}: {text}");
        let expected = if to == "anna@acme.example" {
            "oplossing voorgesteld voor case 00000001" // Anna reads Dutch
        } else {
            "solution proposed for case 00000001"
        };
        assert!(text.contains(expected), "{to}: {text}");
        assert!(
            !text.contains("/survey"),
            "no survey before the case is closed"
        );
    }
    let page = call(&w.app, "/api/get_case", CASE, Some(&w.anna)).await;
    assert!(page.body.contains(r#""status":"solved""#), "{}", page.body);
    assert!(page.body.contains("Replace the fuser unit"));
    assert!(page.body.contains(r#""surveys":[]"#));

    let closed = update(&w, &w.agent, CASE, "closed", "Replace+the+fuser+unit").await;
    assert_eq!(closed.status, 200, "{}", closed.body);
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(
        recipients(&mail),
        ["anna@acme.example", "carl@acme.example"],
        "the survey for the contact, the news for the follower"
    );
    let (survey, news) = if mail[0].0 == "anna@acme.example" {
        (&mail[0].1, &mail[1].1)
    } else {
        (&mail[1].1, &mail[0].1)
    };
    assert!(survey.contains("/cases/00000001/survey"), "{survey}");
    assert!(survey.contains("Case 00000001 is gesloten"), "{survey}");
    assert!(news.contains("Case 00000001 is now Closed"), "{news}");
    assert!(
        !news.contains("/survey"),
        "the survey is the contact's: {news}"
    );
    let anna = call(&w.app, "/api/get_case", CASE, Some(&w.anna)).await;
    assert!(anna.body.contains(r#""awaits_me":true"#), "{}", anna.body);
    let carl = call(&w.app, "/api/get_case", CASE, Some(&w.carl)).await;
    assert!(carl.body.contains(r#""awaits_me":false"#), "{}", carl.body);

    // Reopened and closed again: still one invitation; both hear of each change of status.
    for (status, dutch, english) in [
        (
            "in_progress",
            "heeft nu de status In behandeling",
            "is now In progress",
        ),
        (
            "awaiting_customer",
            "meer informatie van u nodig",
            "more information from you",
        ),
        ("closed", "heeft nu de status Gesloten", "is now Closed"),
    ] {
        let res = update(&w, &w.agent, CASE, status, "Replace+the+fuser+unit").await;
        assert_eq!(res.status, 200, "{}", res.body);
        let mail = new_mail(&w.app, &mut seen).await;
        assert_eq!(
            recipients(&mail),
            ["anna@acme.example", "carl@acme.example"]
        );
        for (to, text) in &mail {
            let expected = if to == "anna@acme.example" {
                dutch
            } else {
                english
            };
            assert!(text.contains(expected), "{status} to {to}: {text}");
            assert!(!text.contains("/survey"), "no second invitation: {text}");
        }
    }
    let same = update(&w, &w.agent, CASE, "closed", "Replace+the+fuser+unit").await;
    assert_eq!(same.status, 200);
    assert!(
        new_mail(&w.app, &mut seen).await.is_empty(),
        "saving without a change tells nobody"
    );
    let anna = call(&w.app, "/api/get_case", CASE, Some(&w.anna)).await;
    assert_eq!(
        anna.body.matches("recipient_name").count(),
        1,
        "{}",
        anna.body
    );
    assert!(
        w.app
            .state
            .store
            .list_outbox(100)
            .await
            .expect("outbox")
            .is_empty()
    );
    w.app.assert_outbox_empty().await;
}

async fn only_the_invited_contact_answers_and_only_once(db: TestDb) {
    let w = setup(db).await;
    let res = update(&w, &w.agent, CASE, "closed", "Fixed+remotely").await;
    assert_eq!(res.status, 200, "{}", res.body);

    let carl = call(&w.app, "/api/get_survey", CASE, Some(&w.carl)).await;
    assert_eq!(carl.status, 403, "a colleague was not invited");
    let bert = call(&w.app, "/api/get_survey", CASE, Some(&w.bert)).await;
    let missing = call(&w.app, "/api/get_survey", "number=00009999", Some(&w.bert)).await;
    assert_eq!(bert.status, 404);
    assert_eq!(
        bert.body, missing.body,
        "another company's case is like a missing one"
    );
    let anon = call(&w.app, "/api/get_survey", CASE, None).await;
    assert_eq!(anon.status, 401);

    let bad = answer(&w, &w.anna, "9").await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("error_rating"), "{}", bad.body);
    assert_eq!(answer(&w, &w.carl, "4").await.status, 403);
    let ok = answer(&w, &w.anna, "4").await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert!(ok.body.contains(r#""rating":4"#), "{}", ok.body);
    let again = answer(&w, &w.anna, "1").await;
    assert_eq!(again.status, 422);
    assert!(
        again.body.contains("error_survey_answered"),
        "{}",
        again.body
    );

    let staff = call(&w.app, "/api/get_case", CASE, Some(&w.agent)).await;
    assert!(staff.body.contains(r#""rating":4"#), "{}", staff.body);
    assert!(staff.body.contains("Quick and kind"));
    assert!(staff.body.contains(r#""answered_at":"20"#));
    w.app.assert_outbox_empty().await;
}

async fn the_survey_works_without_javascript(db: TestDb) {
    let w = setup(db).await;
    let res = update(&w, &w.agent, "number=00000002", "closed", "Done").await;
    assert_eq!(res.status, 200, "{}", res.body);
    let page = w
        .app
        .get("/cases/00000002/survey", &[("cookie", &w.bert)])
        .await;
    assert_eq!(page.status, 200);
    assert!(
        page.text().contains(r#"name="rating""#),
        "a form with the rating"
    );
    let missing = w
        .app
        .post_form(
            "/api/answer_survey",
            "number=00000002&feedback=x",
            Some(&w.bert),
        )
        .await;
    assert!(missing.status.is_redirection(), "{}", missing.status);
    assert_eq!(
        missing.header("location"),
        "/cases/00000002/survey?error=rating%3Aerror_rating"
    );
    let done = w
        .app
        .post_form(
            "/api/answer_survey",
            "number=00000002&rating=5&feedback=Great",
            Some(&w.bert),
        )
        .await;
    assert!(done.status.is_redirection(), "{}", done.status);
    assert_eq!(done.header("location"), "/cases/00000002/survey");
    let page = w
        .app
        .get("/cases/00000002/survey", &[("cookie", &w.bert)])
        .await;
    assert!(
        !page.text().contains(r#"name="rating""#),
        "answered: no form"
    );
    assert!(page.text().contains("Great"));
    w.app.assert_outbox_empty().await;
}

async fn customers_cannot_update_cases(db: TestDb) {
    let w = setup(db).await;
    let own = update(&w, &w.anna, CASE, "closed", "Done").await;
    assert_eq!(own.status, 403);
    let other = update(&w, &w.bert, CASE, "closed", "Done").await;
    let missing = update(&w, &w.bert, "number=00009999", "closed", "Done").await;
    // Refused before the case is read: alike for own, other and missing cases.
    assert_eq!(other.status, 403);
    assert_eq!(other.body, missing.body);
    let page = call(&w.app, "/api/get_case", CASE, Some(&w.anna)).await;
    assert!(
        page.body.contains(r#""status":"new""#),
        "nothing changed: {}",
        page.body
    );
    assert!(page.body.contains(r#""can_update":false"#));
    let staff = call(&w.app, "/api/get_case", CASE, Some(&w.agent)).await;
    assert!(staff.body.contains(r#""can_update":true"#));
    w.app.assert_outbox_empty().await;
}

/// The update form posts plainly and comes back to the case, which says it was updated.
async fn a_plain_update_comes_back_saying_so(db: TestDb) {
    let w = setup(db).await;
    let done = w
        .app
        .post_form(
            "/api/update_case",
            &format!("{CASE}&status=in_progress&resolution="),
            Some(&w.agent),
        )
        .await;
    assert_eq!(done.header("location"), "/cases/00000001?updated=1#update");
    let page = w
        .app
        .get("/cases/00000001?updated=1", &[("cookie", &w.agent)])
        .await;
    assert!(page.text().contains("Case updated."), "{}", page.text());
    let plain = w.app.get("/cases/00000001", &[("cookie", &w.agent)]).await;
    assert!(!plain.text().contains("Case updated."));
}

on_both_backends!(
    a_plain_update_comes_back_saying_so,
    solving_emails_the_resolution_and_closing_invites_the_contact_once,
    only_the_invited_contact_answers_and_only_once,
    the_survey_works_without_javascript,
    customers_cannot_update_cases,
);
