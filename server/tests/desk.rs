//! The support desk through the real router: priority and assignment (with the assignee's email
//! and the history), "Assign to me" and bulk assignment, a customer's reply that reopens a case,
//! the customer's own close and reopen, the automatic close of solved cases, and the queue with its
//! filters and counts; and everything a customer may not do there.
mod common;

use common::TestDb;
use common::world::{World, call, id_of, new_mail, recipients, setup};

const CASE: &str = "number=00000001";

/// The update form as support sends it.
async fn update(w: &World, cookie: &str, fields: &str) -> common::Reply {
    call(
        &w.app,
        "/api/update_case",
        &format!("{CASE}&{fields}"),
        Some(cookie),
    )
    .await
}

/// How many emails went out so far (after sending what is queued).
async fn mail_count(w: &World) -> usize {
    app::backend::jobs::drain(&w.app.state).await;
    w.app
        .state
        .store
        .list_dev_mail(500)
        .await
        .expect("mail")
        .len()
}

async fn assigning_emails_the_assignee_and_the_history_tells_staff_only(db: TestDb) {
    let w = setup(db).await;
    let admin = id_of(&w, "admin@vendor.example").await;
    let mut seen = mail_count(&w).await;
    let res = update(
        &w,
        &w.agent,
        &format!(
            "status=in_progress&priority=urgent&assignee={}&resolution=",
            admin.0
        ),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(
        recipients(&mail),
        ["admin@vendor.example", "anna@acme.example"],
        "the new assignee hears it is theirs, the contact of the new status"
    );
    let to_admin = &mail.iter().find(|(to, _)| to == "admin@vendor.example");
    let (_, text) = to_admin.expect("admin's mail");
    // In the assignee's language (English here), with the priority.
    assert!(text.contains("Case 00000001 is assigned to you"), "{text}");
    assert!(text.contains("Priority: Urgent"), "{text}");

    // Staff see the history, newest change last, with who made it.
    let staff = call(&w.app, "/api/get_case", CASE, Some(&w.agent)).await;
    assert!(
        staff.body.contains(r#""priority":"urgent""#),
        "{}",
        staff.body
    );
    for entry in [
        r#""kind":"status","actor_name":"Anna de Boer","old_value":"new","new_value":"in_progress""#,
        r#""kind":"priority","actor_name":"Anna de Boer","old_value":"normal","new_value":"urgent""#,
        r#""kind":"assignee","actor_name":"Anna de Boer","old_value":"","new_value":"Anna de Boer""#,
    ] {
        assert!(staff.body.contains(entry), "{entry} in {}", staff.body);
    }
    // The customer sees the priority and who works on it, never the history.
    let anna = call(&w.app, "/api/get_case", CASE, Some(&w.anna)).await;
    assert!(
        anna.body.contains(r#""priority":"urgent""#),
        "{}",
        anna.body
    );
    assert!(anna.body.contains(r#""desk":null"#), "{}", anna.body);
    assert!(!anna.body.contains("old_value"), "{}", anna.body);

    // A person who is not (or no longer) staff cannot be assigned; nothing changes.
    let anna_id = id_of(&w, "anna@acme.example").await;
    for bad in [anna_id.0.to_string(), "999999".into(), "x".into()] {
        let res = update(
            &w,
            &w.agent,
            &format!("status=in_progress&priority=urgent&assignee={bad}&resolution="),
        )
        .await;
        assert_eq!(res.status, 422, "{}", res.body);
        assert!(res.body.contains("error_assignee_invalid"), "{}", res.body);
    }
    let odd = update(
        &w,
        &w.agent,
        "status=new&priority=asap&assignee=&resolution=",
    )
    .await;
    assert!(odd.body.contains("error_priority_invalid"), "{}", odd.body);
    assert!(new_mail(&w.app, &mut seen).await.is_empty());
    w.app.assert_outbox_empty().await;
}

async fn assign_to_me_and_in_bulk(db: TestDb) {
    let w = setup(db).await;
    let mut seen = mail_count(&w).await;
    // "Assign to me", as the case page's plain form posts it.
    let done = w
        .app
        .post_form(
            "/api/assign_cases",
            "numbers%5B%5D=00000001&assignee=me&back=%2Fcases%2F00000001",
            Some(&w.agent),
        )
        .await;
    assert_eq!(done.header("location"), "/cases/00000001");
    assert!(
        new_mail(&w.app, &mut seen).await.is_empty(),
        "taking a case oneself sends no email"
    );
    let page = w.app.get("/cases/00000001", &[("cookie", &w.agent)]).await;
    assert!(
        !page.text().contains("Assign to me"),
        "assigned to me: no button"
    );
    // Both cases to the admin at once; a missing number is skipped, a foreign host refused.
    let admin = id_of(&w, "admin@vendor.example").await;
    let res = call(
        &w.app,
        "/api/assign_cases",
        &format!(
            "numbers[]=00000001&numbers[]=00000002&numbers[]=00009999&assignee={}&back=//evil.example",
            admin.0
        ),
        Some(&w.agent),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.body, "2", "two cases changed");
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(
        recipients(&mail),
        ["admin@vendor.example", "admin@vendor.example"]
    );
    let none = call(&w.app, "/api/assign_cases", "assignee=me", Some(&w.agent)).await;
    assert_eq!(none.status, 422);
    assert!(none.body.contains("error_cases_required"), "{}", none.body);
    // Customers cannot assign, not even their own case.
    let anna = call(
        &w.app,
        "/api/assign_cases",
        "numbers[]=00000001&assignee=me",
        Some(&w.anna),
    )
    .await;
    assert_eq!(anna.status, 403);
    w.app.assert_outbox_empty().await;
}

async fn a_customer_reply_reopens_a_solved_case_and_tells_the_assignee(db: TestDb) {
    let w = setup(db).await;
    let agent = id_of(&w, "agent@vendor.example").await;
    let res = update(
        &w,
        &w.admin,
        &format!(
            "status=solved&priority=normal&assignee={}&resolution=Replace+the+fuser",
            agent.0
        ),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let mut seen = mail_count(&w).await;
    new_mail(&w.app, &mut seen).await;
    let res = call(
        &w.app,
        "/api/add_comment",
        &format!("{CASE}&body=Still+jams+on+page+2"),
        Some(&w.anna),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(
        recipients(&mail),
        ["agent@vendor.example"],
        "the assignee hears of the reply"
    );
    assert!(mail[0].1.contains("Still jams on page 2"), "{}", mail[0].1);
    let staff = call(&w.app, "/api/get_case", CASE, Some(&w.agent)).await;
    assert!(
        staff.body.contains(r#""status":"in_progress""#),
        "{}",
        staff.body
    );
    assert!(
        staff.body.contains(
            r#""kind":"status","actor_name":"Anna de Boer","old_value":"solved","new_value":"in_progress""#
        ),
        "{}",
        staff.body
    );
    assert!(staff.body.contains(r#""kind":"comment""#), "{}", staff.body);
    // A reply to a case in progress does not change its status.
    let res = call(
        &w.app,
        "/api/add_comment",
        &format!("{CASE}&body=And+page+3"),
        Some(&w.anna),
    )
    .await;
    assert_eq!(res.status, 200);
    let again = call(&w.app, "/api/get_case", CASE, Some(&w.agent)).await;
    assert_eq!(
        again.body.matches(r#""kind":"status""#).count(),
        2,
        "solved, then reopened: {}",
        again.body
    );
    w.app.assert_outbox_empty().await;
}

async fn the_customer_closes_and_reopens_their_own_case(db: TestDb) {
    let w = setup(db).await;
    let settle = |cookie: String, action: &'static str, number: &'static str| {
        let app = &w.app;
        async move {
            call(
                app,
                "/api/settle_case",
                &format!("number={number}&action={action}"),
                Some(&cookie),
            )
            .await
        }
    };
    // A new case cannot be "reopened"; staff use their own form; Bert cannot see Anna's case.
    let early = settle(w.anna.clone(), "reopen", "00000001").await;
    assert_eq!(early.status, 422, "{}", early.body);
    let staff = settle(w.agent.clone(), "close", "00000001").await;
    assert_eq!(staff.status, 403);
    let other = settle(w.bert.clone(), "close", "00000001").await;
    let missing = settle(w.bert.clone(), "close", "00009999").await;
    assert_eq!(other.status, 404);
    assert_eq!(
        other.body, missing.body,
        "another company's case reads as missing"
    );

    let res = update(
        &w,
        &w.agent,
        "status=solved&priority=&assignee=&resolution=Reboot",
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let mut seen = mail_count(&w).await;
    let page = w.app.get("/cases/00000001", &[("cookie", &w.carl)]).await;
    assert!(page.text().contains("Reopen case"), "{}", page.text());
    assert!(page.text().contains("My problem is solved"));
    let reopened = settle(w.carl.clone(), "reopen", "00000001").await;
    assert_eq!(reopened.status, 200, "{}", reopened.body);
    assert!(reopened.body.contains("in_progress"), "{}", reopened.body);
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(
        recipients(&mail),
        ["anna@acme.example"],
        "the contact hears that her colleague reopened it"
    );
    // "My problem is solved", without JavaScript: closed, and the contact gets the survey.
    let done = w
        .app
        .post_form(
            "/api/settle_case",
            "number=00000001&action=close",
            Some(&w.anna),
        )
        .await;
    assert_eq!(done.header("location"), "/cases/00000001");
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(recipients(&mail), ["anna@acme.example"]);
    assert!(mail[0].1.contains("/survey?token="), "{}", mail[0].1);
    let page = w.app.get("/cases/00000001", &[("cookie", &w.anna)]).await;
    assert!(
        page.text().contains(r#"class="status-badge">Closed"#),
        "{}",
        page.text()
    );
    assert!(
        !page.text().contains("My problem is solved"),
        "closed: no button"
    );
    w.app.assert_outbox_empty().await;
}

async fn solved_cases_close_by_themselves_after_the_waiting_days(db: TestDb) {
    let w = setup(db).await;
    let res = update(
        &w,
        &w.agent,
        "status=solved&priority=&assignee=&resolution=Reboot",
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let mut seen = mail_count(&w).await;
    let desk = app::backend::services::desk::auto_close;
    assert_eq!(desk(&w.app.state).await.expect("sweep"), 0, "solved today");
    // Eight days later (the default wait is seven).
    let past = chrono::Utc::now() - chrono::Duration::days(8);
    let store = &w.app.state.store;
    if let Some(pool) = store.sqlite_pool() {
        sqlx::query("UPDATE cases SET updated_at = $1 WHERE number = 1")
            .bind(past)
            .execute(pool)
            .await
            .expect("age");
    }
    if let Some(pool) = store.postgres_pool() {
        sqlx::query("UPDATE cases SET updated_at = $1 WHERE number = 1")
            .bind(past)
            .execute(pool)
            .await
            .expect("age");
    }
    assert_eq!(desk(&w.app.state).await.expect("sweep"), 1);
    assert_eq!(desk(&w.app.state).await.expect("sweep"), 0, "once");
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(recipients(&mail), ["anna@acme.example"]);
    assert!(mail[0].1.contains("/survey?token="), "{}", mail[0].1);
    let staff = call(&w.app, "/api/get_case", CASE, Some(&w.agent)).await;
    assert!(staff.body.contains(r#""status":"closed""#));
    assert!(
        staff.body.contains(
            r#""kind":"status","actor_name":null,"old_value":"solved","new_value":"closed""#
        ),
        "Portico closed it: {}",
        staff.body
    );
    w.app.assert_outbox_empty().await;
}

async fn the_queue_filters_counts_and_is_staff_only(db: TestDb) {
    let w = setup(db).await;
    let queue = |cookie: String, query: &'static str| {
        let app = &w.app;
        async move {
            app.get(&format!("/queue{query}"), &[("cookie", &cookie)])
                .await
        }
    };
    // Case 1 urgent and mine, case 2 solved.
    let res = update(
        &w,
        &w.agent,
        "status=in_progress&priority=urgent&assignee=me&resolution=",
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let res = call(
        &w.app,
        "/api/update_case",
        "number=00000002&status=solved&priority=low&assignee=&resolution=Done",
        Some(&w.agent),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);

    let open = queue(w.agent.clone(), "").await;
    assert_eq!(open.status, 200);
    let text = open.text();
    assert!(text.contains("Printer jams"), "{text}");
    assert!(
        !text.contains("Bert secret case"),
        "solved is not open: {text}"
    );
    assert!(text.contains(r#"aria-current="page">Open (1)"#), "{text}");
    assert!(text.contains("Solved (1)"), "{text}");
    assert!(
        text.contains(r#"name="numbers[]" value="00000001""#),
        "{text}"
    );

    let solved = queue(w.agent.clone(), "?status=solved").await.text();
    assert!(solved.contains("Bert secret case"), "{solved}");
    assert!(!solved.contains("Printer jams"));
    let mine = queue(w.admin.clone(), "?assignee=me").await.text();
    assert!(
        !mine.contains("Printer jams"),
        "the agent's, not the admin's"
    );
    let urgent = queue(w.admin.clone(), "?priority=urgent&sort=priority")
        .await
        .text();
    assert!(urgent.contains("Printer jams"), "{urgent}");
    let low = queue(w.admin.clone(), "?priority=low").await.text();
    assert!(!low.contains("Printer jams"));

    // Customers: the server function refuses; the page shows no case of anyone.
    let anna = w
        .app
        .get(
            "/api/list_queue?query[assignee]=me",
            &[("cookie", &w.anna), ("accept", common::world::JSON)],
        )
        .await;
    assert_eq!(anna.status, 403, "{}", anna.body);
    let page = queue(w.anna.clone(), "").await.text();
    assert!(!page.contains("Printer jams") && !page.contains("Bert secret case"));
    w.app.assert_outbox_empty().await;
}

async fn staff_choose_their_desk_emails(db: TestDb) {
    let w = setup(db).await;
    let agent = id_of(&w, "agent@vendor.example").await;
    // Customers have no desk emails to choose.
    let anna = call(
        &w.app,
        "/api/save_desk_emails",
        "new_cases=on",
        Some(&w.anna),
    )
    .await;
    assert_eq!(anna.status, 403);
    let mine = call(&w.app, "/api/get_desk_emails", "", Some(&w.agent)).await;
    assert_eq!(
        mine.body, r#"{"new_cases":false,"replies":true}"#,
        "the defaults"
    );
    // Every new case, yes; customer replies, no (the form posts only ticked boxes).
    let done = w
        .app
        .post_form("/api/save_desk_emails", "new_cases=on", Some(&w.agent))
        .await;
    assert_eq!(done.header("location"), "/account/notifications?saved=1");
    let page = w
        .app
        .get("/account/notifications?saved=1", &[("cookie", &w.agent)])
        .await;
    assert!(
        page.text().contains("Your choices are saved."),
        "{}",
        page.text()
    );
    let mut seen = mail_count(&w).await;
    let res = call(
        &w.app,
        "/api/create_case",
        "subject=Paint+booth+fan+stopped&description=Since+Monday",
        Some(&w.anna),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(
        recipients(&mail),
        ["agent@vendor.example", "anna@acme.example"],
        "the contact's confirmation and the agent's news, not the admin's"
    );
    let (_, news) = mail
        .iter()
        .find(|(to, _)| to == "agent@vendor.example")
        .expect("news");
    assert!(
        news.contains("New case 00000003 from Company of anna@acme.example"),
        "{news}"
    );
    assert!(news.contains("Since Monday"), "{news}");
    // Assigned to the agent by the admin, then a customer reply: no email, as chosen.
    let res = call(
        &w.app,
        "/api/update_case",
        &format!(
            "{CASE}&status=in_progress&priority=&assignee={}&resolution=",
            agent.0
        ),
        Some(&w.admin),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    new_mail(&w.app, &mut seen).await;
    let res = call(
        &w.app,
        "/api/add_comment",
        &format!("{CASE}&body=Any+news%3F"),
        Some(&w.anna),
    )
    .await;
    assert_eq!(res.status, 200);
    assert!(
        new_mail(&w.app, &mut seen)
            .await
            .iter()
            .all(|(to, _)| to != "agent@vendor.example"),
        "replies switched off"
    );
    w.app.assert_outbox_empty().await;
}

async fn support_edits_a_case_within_its_company(db: TestDb) {
    let w = setup(db).await;
    let carl = id_of(&w, "carl@acme.example").await;
    let bert = id_of(&w, "bert@other.example").await;
    w.app
        .state
        .store
        .ensure_product("LaserJet 4000", true)
        .await
        .expect("product");
    let edit = |cookie: String, fields: String| {
        let app = &w.app;
        async move {
            call(
                app,
                "/api/edit_case",
                &format!("{CASE}&{fields}"),
                Some(&cookie),
            )
            .await
        }
    };
    // Another company's contact, no subject, an unknown product: each refused next to its field.
    let bad = edit(
        w.agent.clone(),
        format!("subject=+&product=Nope&country=NL&contact={}", bert.0),
    )
    .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    for key in [
        "error_subject_required",
        "error_product_unknown",
        "error_contact_invalid",
    ] {
        assert!(bad.body.contains(key), "{key}: {}", bad.body);
    }
    let done = edit(
        w.agent.clone(),
        format!(
            "subject=Printer+jams+on+page+2&description=Tray+2&product=laserjet+4000&country=Belgium&contact={}",
            carl.0
        ),
    )
    .await;
    assert_eq!(done.status, 200, "{}", done.body);
    let staff = call(&w.app, "/api/get_case", CASE, Some(&w.agent)).await;
    for part in [
        r#""subject":"Printer jams on page 2""#,
        r#""product":"LaserJet 4000""#,
        r#""country":"Belgium""#,
        r#""contact_name":"Carl Acme""#,
        r#""kind":"subject","actor_name":"Anna de Boer","old_value":"Printer jams","new_value":"Printer jams on page 2""#,
        r#""kind":"contact","actor_name":"Anna de Boer","old_value":"Anna de Boer","new_value":"Carl Acme""#,
        r#""kind":"product","actor_name":"Anna de Boer","old_value":"","new_value":"LaserJet 4000""#,
    ] {
        assert!(staff.body.contains(part), "{part} in {}", staff.body);
    }
    // Carl is the contact now: his "My cases" lists it.
    let mine = w
        .app
        .get(
            "/api/list_cases?query[view]=mine",
            &[("cookie", &w.carl), ("accept", common::world::JSON)],
        )
        .await;
    assert!(
        mine.body.contains("Printer jams on page 2"),
        "{}",
        mine.body
    );
    // Customers cannot edit, not even their own case; without JS the form comes back as typed.
    let anna = edit(w.anna.clone(), "subject=Mine".into()).await;
    assert_eq!(anna.status, 403);
    let plain = w
        .app
        .post_form(
            "/api/edit_case",
            "number=00000001&subject=&description=Kept+text&contact=1",
            Some(&w.agent),
        )
        .await;
    let back = plain.header("location").to_string();
    assert!(back.starts_with("/cases/00000001?error="), "{back}");
    assert!(back.contains("draft="), "{back}");
    let page = w.app.get(&back, &[("cookie", &w.agent)]).await;
    assert!(
        page.text().contains("Kept text"),
        "what was typed comes back"
    );
    w.app.assert_outbox_empty().await;
}

async fn support_logs_a_case_for_a_customer_by_phone_or_email(db: TestDb) {
    let w = setup(db).await;
    let bert = id_of(&w, "bert@other.example").await;
    let anna = id_of(&w, "anna@acme.example").await;
    let other = common::world::company_of(&w, "bert@other.example").await;
    let mut seen = mail_count(&w).await;
    let create = |cookie: String, fields: String| {
        let app = &w.app;
        async move { call(app, "/api/create_case", &fields, Some(&cookie)).await }
    };
    // No company, a company that does not exist, another company's contact, a web origin: each
    // refused next to its field, and nothing is written or sent.
    for (fields, key) in [
        (
            format!("subject=Call&contact={}&origin=phone", bert.0),
            "error_account_choose",
        ),
        (
            format!("subject=Call&account=99999&contact={}&origin=phone", bert.0),
            "error_account_choose",
        ),
        (
            format!(
                "subject=Call&account={}&contact={}&origin=phone",
                other.0, anna.0
            ),
            "error_contact_invalid",
        ),
        (
            format!(
                "subject=Call&account={}&contact={}&origin=web",
                other.0, bert.0
            ),
            "error_origin_invalid",
        ),
    ] {
        let res = create(w.agent.clone(), fields).await;
        assert_eq!(res.status, 422, "{}", res.body);
        assert!(res.body.contains(key), "{key}: {}", res.body);
    }
    assert!(new_mail(&w.app, &mut seen).await.is_empty());
    let res = create(
        w.agent.clone(),
        format!(
            "subject=Invoice+wrong&description=Called+at+9:40&account={}&contact={}&origin=phone",
            other.0, bert.0
        ),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(res.body.contains(r#""number":3"#), "{}", res.body);
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(
        recipients(&mail),
        ["bert@other.example"],
        "the contact's confirmation"
    );
    assert!(mail[0].1.contains("00000003"), "{}", mail[0].1);
    // The case is Bert's company's, by phone: Bert sees it, Anna's company does not.
    let case = call(&w.app, "/api/get_case", "number=00000003", Some(&w.bert)).await;
    assert_eq!(case.status, 200, "{}", case.body);
    assert!(case.body.contains(r#""origin":"phone""#), "{}", case.body);
    assert!(case.body.contains("Called at 9:40"), "{}", case.body);
    let hidden = call(&w.app, "/api/get_case", "number=00000003", Some(&w.anna)).await;
    assert_eq!(hidden.status, 404);

    // A customer cannot log a case for another company: the fields are not theirs to choose.
    let res = create(
        w.anna.clone(),
        format!(
            "subject=Mine&account={}&contact={}&origin=phone",
            other.0, bert.0
        ),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let mine = call(&w.app, "/api/get_case", "number=00000004", Some(&w.anna)).await;
    assert!(mine.body.contains(r#""origin":"web""#), "{}", mine.body);
    assert!(
        mine.body.contains(r#""contact_name":"Anna de Boer""#),
        "{}",
        mine.body
    );
    let bert_sees = call(&w.app, "/api/get_case", "number=00000004", Some(&w.bert)).await;
    assert_eq!(bert_sees.status, 404);

    // "Clone" for support starts from the case's company and contact.
    let defaults = call(
        &w.app,
        "/api/get_new_case_defaults",
        "clone=00000003",
        Some(&w.agent),
    )
    .await;
    let v: serde_json::Value = serde_json::from_str(&defaults.body).expect("JSON");
    let fc = &v["for_customer"];
    assert_eq!(fc["account"][0], other.0, "{}", defaults.body);
    assert_eq!(fc["contact"], bert.0, "{}", defaults.body);
    assert_eq!(fc["contacts"][0][1], "Anna de Boer", "{}", defaults.body);
    let customer = call(&w.app, "/api/get_new_case_defaults", "", Some(&w.bert)).await;
    assert!(
        customer.body.contains(r#""for_customer":null"#),
        "{}",
        customer.body
    );

    // Without JavaScript a refused form goes back to the same company's form, as typed.
    let plain = w
        .app
        .post_form(
            "/api/create_case",
            &format!(
                "subject=+&description=Kept+words&account={}&contact={}&origin=email",
                other.0, bert.0
            ),
            Some(&w.agent),
        )
        .await;
    let back = plain.header("location").to_string();
    assert!(
        back.starts_with(&format!("/cases/new?account={}&error=", other.0)),
        "{back}"
    );
    let page = w.app.get(&back, &[("cookie", &w.agent)]).await;
    let text = page.text();
    assert!(text.contains("Kept words"), "{text}");
    assert!(text.contains("Company of bert@other.example"), "{text}");
    let _ = new_mail(&w.app, &mut seen).await;
    w.app.assert_outbox_empty().await;
}

async fn a_deactivated_assignee_stays_until_someone_else_is_chosen(db: TestDb) {
    let w = setup(db).await;
    let agent = id_of(&w, "agent@vendor.example").await;
    let res = update(
        &w,
        &w.agent,
        "status=in_progress&priority=normal&assignee=me",
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let off = call(
        &w.app,
        "/api/update_staff_member",
        &format!("user_id={}&role=agent&active=false", agent.0),
        Some(&w.admin),
    )
    .await;
    assert!(off.status.is_success(), "{}", off.body);
    // The admin's form still lists the agent, marked, and saving it keeps them.
    let page = w.app.get("/cases/00000001", &[("cookie", &w.admin)]).await;
    assert!(page.text().contains("(deactivated)"), "{}", page.text());
    let kept = update(
        &w,
        &w.admin,
        &format!(
            "status=awaiting_customer&priority=high&assignee={}",
            agent.0
        ),
    )
    .await;
    assert_eq!(kept.status, 200, "{}", kept.body);
    let case = w
        .app
        .state
        .store
        .case_detail(1)
        .await
        .expect("store")
        .expect("case");
    assert_eq!(case.assignee_id, Some(agent), "still assigned");
    // Nobody can be given a case anew by a deactivated agent's id.
    let other = call(
        &w.app,
        "/api/update_case",
        &format!(
            "number=00000002&status=in_progress&priority=normal&assignee={}",
            agent.0
        ),
        Some(&w.admin),
    )
    .await;
    assert_eq!(other.status, 422, "{}", other.body);
    assert!(
        other.body.contains("error_assignee_invalid"),
        "{}",
        other.body
    );
    let moved = update(
        &w,
        &w.admin,
        "status=awaiting_customer&priority=high&assignee=me",
    )
    .await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    let page = w.app.get("/cases/00000001", &[("cookie", &w.admin)]).await;
    assert!(
        !page.text().contains("(deactivated)"),
        "gone from the list once replaced"
    );
    let mut seen = 0;
    let _ = new_mail(&w.app, &mut seen).await;
    w.app.assert_outbox_empty().await;
}

on_both_backends!(
    a_deactivated_assignee_stays_until_someone_else_is_chosen,
    support_logs_a_case_for_a_customer_by_phone_or_email,
    support_edits_a_case_within_its_company,
    staff_choose_their_desk_emails,
    assigning_emails_the_assignee_and_the_history_tells_staff_only,
    assign_to_me_and_in_bulk,
    a_customer_reply_reopens_a_solved_case_and_tells_the_assignee,
    the_customer_closes_and_reopens_their_own_case,
    solved_cases_close_by_themselves_after_the_waiting_days,
    the_queue_filters_counts_and_is_staff_only,
);
