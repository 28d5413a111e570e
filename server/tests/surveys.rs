//! Support solves and closes a case through the real router: the resolution email to the contact
//! and followers, one survey invitation for the contact, answered once (signed in, or through the
//! emailed link without signing in, also by a contact without portal access); the administrators'
//! satisfaction report and its CSV; customers cannot update cases; another company's case answers
//! exactly like a missing one.
mod common;

use common::TestDb;
use common::world::{World, call, id_of, new_mail, recipients, setup, user_of};

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
    // Anna reads Dutch (her choice with the header's switch), Carl English.
    let switched = w
        .app
        .post_form("/lang", "lang=nl&back=%2F", Some(&w.anna))
        .await;
    assert_eq!(switched.status, 303);
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
            "oplossing voorgesteld voor dossier 00000001" // Anna reads Dutch
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
    assert!(survey.contains("/survey?token="), "{survey}");
    assert!(survey.contains("Dossier 00000001 is gesloten"), "{survey}");
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

/// The token of the survey link in an invitation email's text.
fn survey_token(text: &str) -> String {
    let start = text.find("/survey?token=").expect("a survey link") + "/survey?token=".len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect()
}

async fn the_emailed_link_answers_without_signing_in_once(db: TestDb) {
    let w = setup(db).await;
    let mut seen = mail_seen(&w).await;
    let res = update(&w, &w.agent, CASE, "closed", "Fixed+remotely").await;
    assert_eq!(res.status, 200, "{}", res.body);
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(recipients(&mail), ["anna@acme.example"]);
    assert!(
        mail[0].1.contains("without signing in, for 28 days"),
        "the link's validity, in Anna's language: {}",
        mail[0].1
    );
    let token = survey_token(&mail[0].1);
    assert_eq!(token.len(), 64, "256 random bits: {token}");

    // Nobody signed in: the page shows the form; the server function answers.
    let page = w.app.get(&format!("/survey?token={token}"), &[]).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains(r#"name="rating""#), "{}", page.text());
    assert!(page.text().contains("Printer jams"), "the case's subject");
    assert!(
        !page.text().contains(r#"href="/cases/00000001""#),
        "no way into a case the visitor may not open"
    );
    let got = call(&w.app, "/api/get_survey", &format!("token={token}"), None).await;
    assert_eq!(got.status, 200, "{}", got.body);
    assert!(got.body.contains(r#""by_link":true"#), "{}", got.body);
    assert!(got.body.contains(r#""awaits_me":true"#), "{}", got.body);

    // A wrong token, a changed one, and an empty one with no sign-in: nothing is found.
    for bad in [
        "0".repeat(64),
        format!("{}x", &token[..63]),
        "token=".to_string(),
    ] {
        let body = if bad.starts_with("token=") {
            bad.clone()
        } else {
            format!("token={bad}")
        };
        let res = call(&w.app, "/api/get_survey", &body, None).await;
        assert!(
            matches!(res.status.as_u16(), 401 | 404),
            "{bad}: {}",
            res.status
        );
        let answer = call(
            &w.app,
            "/api/answer_survey",
            &format!("{body}&rating=1"),
            None,
        )
        .await;
        assert!(matches!(answer.status.as_u16(), 401 | 404), "{bad}");
    }
    let invalid = w
        .app
        .get(&format!("/survey?token={}", "0".repeat(64)), &[])
        .await;
    assert!(
        invalid.text().contains("not valid or has expired"),
        "{}",
        invalid.text()
    );

    // No JavaScript: a missing rating comes back to the link's page, then the answer is kept.
    let missing = w
        .app
        .post_form(
            "/api/answer_survey",
            &format!("token={token}&feedback=x"),
            None,
        )
        .await;
    assert!(missing.status.is_redirection(), "{}", missing.status);
    assert_eq!(
        missing.header("location"),
        format!("/survey?token={token}&error=rating%3Aerror_rating")
    );
    let done = w
        .app
        .post_form(
            "/api/answer_survey",
            &format!("token={token}&rating=5&feedback=Answered+from+the+email"),
            None,
        )
        .await;
    assert!(done.status.is_redirection(), "{}", done.status);
    assert_eq!(done.header("location"), format!("/survey?token={token}"));
    let again = call(
        &w.app,
        "/api/answer_survey",
        &format!("token={token}&rating=1"),
        None,
    )
    .await;
    assert_eq!(again.status, 422, "single use: {}", again.body);
    assert!(
        again.body.contains("error_survey_answered"),
        "{}",
        again.body
    );
    let signed_in = answer(&w, &w.anna, "2").await;
    assert_eq!(signed_in.status, 422, "answered once, either way");

    let staff = call(&w.app, "/api/get_case", CASE, Some(&w.agent)).await;
    assert!(staff.body.contains(r#""rating":5"#), "{}", staff.body);
    assert!(staff.body.contains("Answered from the email"));
    let thanks = w.app.get(&format!("/survey?token={token}"), &[]).await;
    assert!(
        !thanks.text().contains(r#"name="rating""#),
        "answered: no form"
    );
    assert!(thanks.text().contains("Thank you for your answer."));

    // Bert's link, once expired, answers like an unknown one.
    let res = update(&w, &w.agent, "number=00000002", "closed", "Done").await;
    assert_eq!(res.status, 200, "{}", res.body);
    let mail = new_mail(&w.app, &mut seen).await;
    let bert_token = survey_token(&mail[0].1);
    let case2 = w
        .app
        .state
        .store
        .case_detail(2)
        .await
        .expect("store")
        .expect("case");
    let expired = chrono::Utc::now() - chrono::Duration::minutes(1);
    assert!(
        w.app
            .state
            .store
            .issue_survey_token(
                case2.id,
                id_of(&w, "bert@other.example").await,
                &app::backend::auth::token_hash(&bert_token),
                expired,
            )
            .await
            .expect("store")
    );
    let late = call(
        &w.app,
        "/api/get_survey",
        &format!("token={bert_token}"),
        None,
    )
    .await;
    assert_eq!(late.status, 404);
    let late = call(
        &w.app,
        "/api/answer_survey",
        &format!("token={bert_token}&rating=3"),
        None,
    )
    .await;
    assert_eq!(late.status, 404);
    w.app.assert_outbox_empty().await;
}

async fn a_contact_without_portal_access_gets_every_email_and_answers_by_link(db: TestDb) {
    let w = setup(db).await;
    let acme = user_of(&w, "anna@acme.example")
        .await
        .account_id
        .expect("a company");
    let added = call(
        &w.app,
        "/api/add_contact",
        &format!(
            "account_id={}&name=Eva+Email&email=eva%40acme.example&phone=&language=en",
            acme.0
        ),
        Some(&w.agent),
    )
    .await;
    assert_eq!(added.status, 200, "{}", added.body);
    let eva = id_of(&w, "eva@acme.example").await;
    let mut seen = mail_seen(&w).await;
    let logged = call(
        &w.app,
        "/api/create_case",
        &format!(
            "subject=Scanner+offline&account={}&contact={}&origin=email",
            acme.0, eva.0
        ),
        Some(&w.agent),
    )
    .await;
    assert_eq!(logged.status, 200, "{}", logged.body);
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(recipients(&mail), ["eva@acme.example"], "the confirmation");
    let number = "number=00000003";
    let reply = call(
        &w.app,
        "/api/add_comment",
        &format!("{number}&body=Please+restart+it"),
        Some(&w.agent),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let note = call(
        &w.app,
        "/api/add_comment",
        &format!("{number}&body=Internal+only&internal=on"),
        Some(&w.agent),
    )
    .await;
    assert_eq!(note.status, 200, "{}", note.body);
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(
        recipients(&mail),
        ["eva@acme.example"],
        "the public reply only"
    );
    assert!(mail[0].1.contains("Please restart it"), "{}", mail[0].1);
    assert!(!mail.iter().any(|(_, text)| text.contains("Internal only")));

    let res = update(&w, &w.agent, number, "solved", "Restarted").await;
    assert_eq!(res.status, 200, "{}", res.body);
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(recipients(&mail), ["eva@acme.example"], "the solution");
    let res = update(&w, &w.agent, number, "closed", "Restarted").await;
    assert_eq!(res.status, 200, "{}", res.body);
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(recipients(&mail), ["eva@acme.example"], "the survey");
    let token = survey_token(&mail[0].1);
    let done = call(
        &w.app,
        "/api/answer_survey",
        &format!("token={token}&rating=4"),
        None,
    )
    .await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(done.body.contains(r#""rating":4"#), "{}", done.body);
    w.app.assert_outbox_empty().await;
}

/// Closes case `number` as `agent` (assigned to them) and answers its survey with `rating`.
async fn closed_and_rated(w: &World, number: &str, rating: u8) {
    let res = call(
        &w.app,
        "/api/update_case",
        &format!("{number}&status=closed&resolution=Done&assignee=me&priority=normal"),
        Some(&w.agent),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let mut seen = 0;
    let mail = new_mail(&w.app, &mut seen).await;
    let token = survey_token(
        &mail
            .iter()
            .rev()
            .find(|(_, text)| text.contains("/survey?token="))
            .expect("an invitation")
            .1,
    );
    let done = call(
        &w.app,
        "/api/answer_survey",
        &format!("token={token}&rating={rating}"),
        None,
    )
    .await;
    assert_eq!(done.status, 200, "{}", done.body);
}

async fn administrators_read_satisfaction_by_agent_product_and_month(db: TestDb) {
    let w = setup(db).await;
    let empty = w
        .app
        .get(
            "/api/get_satisfaction?by=agent&period=12m",
            &[("cookie", &w.admin), ("accept", common::world::JSON)],
        )
        .await;
    assert_eq!(empty.status, 200, "{}", empty.body);
    assert!(empty.body.contains(r#""rows":[]"#), "{}", empty.body);
    closed_and_rated(&w, CASE, 5).await;
    closed_and_rated(&w, "number=00000002", 2).await;

    let report = |by: &'static str, cookie: String| {
        let app = &w.app;
        async move {
            app.get(
                &format!("/api/get_satisfaction?by={by}&period=30d"),
                &[("cookie", &cookie), ("accept", common::world::JSON)],
            )
            .await
        }
    };
    let agent = report("agent", w.admin.clone()).await;
    assert_eq!(agent.status, 200, "{}", agent.body);
    let json: serde_json::Value = serde_json::from_str(&agent.body).expect("json");
    assert_eq!(json["rows"].as_array().expect("rows").len(), 1, "{json}");
    assert_eq!(json["rows"][0]["responses"], 2);
    assert_eq!(json["rows"][0]["rating_sum"], 7);
    assert_eq!(json["rows"][0]["satisfied"], 1);
    assert_eq!(json["total"]["responses"], 2);
    let month = report("month", w.admin.clone()).await;
    let json: serde_json::Value = serde_json::from_str(&month.body).expect("json");
    let this_month = chrono::Utc::now().format("%Y-%m").to_string();
    assert_eq!(json["rows"][0]["label"], this_month.as_str(), "{json}");
    let product = report("product", w.admin.clone()).await;
    let json: serde_json::Value = serde_json::from_str(&product.body).expect("json");
    assert_eq!(json["rows"][0]["label"], "", "no product: {json}");

    // The page, as admins see it, and the CSV with the same figures.
    let page = w
        .app
        .get(
            "/desk/satisfaction?by=agent&period=30d",
            &[("cookie", &w.admin)],
        )
        .await;
    assert_eq!(page.status, 200);
    let text = page.text();
    for part in ["Customer satisfaction", "3.50", "50%", "role=\"img\""] {
        assert!(text.contains(part), "{part} in {text}");
    }
    // The export speaks the reader's language: this admin switches to Dutch.
    let switched = w
        .app
        .post_form("/lang", "lang=nl&back=%2F", Some(&w.admin))
        .await;
    assert_eq!(switched.status, 303);
    let csv = w
        .app
        .get(
            "/desk/satisfaction.csv?by=agent&period=30d",
            &[("cookie", &w.admin)],
        )
        .await;
    assert_eq!(csv.status, 200);
    assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
    assert!(csv.header("content-disposition").starts_with("attachment;"));
    let text = csv.text();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "\u{feff}Medewerker,Reacties,Gemiddelde score,Score 4–5"
    );
    assert!(lines[1].ends_with(",2,3.50,50"), "{}", lines[1]);
    assert_eq!(lines[2], "Alle antwoorden,2,3.50,50");

    // Agents and customers get neither; nobody signed in is sent to sign in.
    for cookie in [&w.agent, &w.anna] {
        assert_eq!(report("agent", cookie.clone()).await.status, 403);
        let csv = w
            .app
            .get("/desk/satisfaction.csv", &[("cookie", cookie)])
            .await;
        assert_eq!(csv.status, 403);
        assert!(!csv.text().contains("3.50"));
    }
    let anon = w.app.get("/desk/satisfaction.csv", &[]).await;
    assert!(anon.status.is_redirection());
    w.app.assert_outbox_empty().await;
}

on_both_backends!(
    the_emailed_link_answers_without_signing_in_once,
    a_contact_without_portal_access_gets_every_email_and_answers_by_link,
    administrators_read_satisfaction_by_agent_product_and_month,
    a_plain_update_comes_back_saying_so,
    solving_emails_the_resolution_and_closing_invites_the_contact_once,
    only_the_invited_contact_answers_and_only_once,
    the_survey_works_without_javascript,
    customers_cannot_update_cases,
);
