//! Opening a case through the real router: product autocomplete, validation (with and without
//! JavaScript), who may open and see a case, concurrent numbers, and the confirmation email.
mod common;

use app::backend::jobs;
use app::domain::Role;
use common::{Reply, TestApp, TestDb};

const PASSWORD: &str = "correct horse battery";
const JSON: &str = "application/json";

async fn call(app: &TestApp, path: &str, body: &str, cookie: Option<&str>) -> Reply {
    app.post_form_from("192.0.2.1", path, body, cookie, JSON)
        .await
}

async fn get_json(app: &TestApp, path: &str, cookie: &str) -> Reply {
    app.get(path, &[("cookie", cookie), ("accept", JSON)]).await
}

/// A customer (Dutch) of her own company, an agent, a customer of another company, products.
async fn setup(db: TestDb) -> (TestApp, String, String, String) {
    let app = TestApp::new(db).await;
    app.add_user("anna@acme.example", Role::Customer, PASSWORD)
        .await;
    app.add_user("bert@other.example", Role::Customer, PASSWORD)
        .await;
    app.add_user("agent@vendor.example", Role::Agent, PASSWORD)
        .await;
    for (name, active) in [
        ("Qapter", true),
        ("Qapter claims", true),
        ("QapterExpress", true),
        ("Audaplus Qapter bridge", true),
        ("Qapter legacy", false),
        ("PlanManager", true),
    ] {
        app.state
            .store
            .ensure_product(name, active)
            .await
            .expect("product");
    }
    let anna = app.sign_in("anna@acme.example", PASSWORD).await;
    let bert = app.sign_in("bert@other.example", PASSWORD).await;
    let agent = app.sign_in("agent@vendor.example", PASSWORD).await;
    (app, anna, bert, agent)
}

fn names(reply: &Reply) -> Vec<String> {
    let list: Vec<serde_json::Value> = serde_json::from_str(&reply.body).expect("JSON list");
    list.iter()
        .map(|p| p["name"].as_str().expect("name").to_string())
        .collect()
}

async fn product_autocomplete_matches_anywhere_prefix_first(db: TestDb) {
    let (app, anna, _, _) = setup(db).await;
    let short = get_json(&app, "/api/search_products?q=qa", &anna).await;
    assert_eq!(
        (short.status.as_u16(), names(&short)),
        (200, vec![]),
        "under 3 characters: nothing"
    );
    let qap = get_json(&app, "/api/search_products?q=QAP", &anna).await;
    assert_eq!(
        names(&qap),
        [
            "Qapter",
            "Qapter claims",
            "QapterExpress",
            "Audaplus Qapter bridge"
        ],
        "prefix matches first, then the rest; inactive products never"
    );
    let starting = get_json(&app, "/api/products_starting_with?q=qap", &anna).await;
    assert_eq!(
        names(&starting),
        ["Qapter", "Qapter claims", "QapterExpress"]
    );
    let wild = get_json(&app, "/api/search_products?q=%25%25%25", &anna).await;
    assert_eq!(
        names(&wild),
        Vec::<String>::new(),
        "LIKE wildcards are literal"
    );
    let anonymous = app
        .get("/api/search_products?q=qap", &[("accept", JSON)])
        .await;
    assert_eq!(anonymous.status, 401);
    app.assert_outbox_empty().await;
}

async fn a_customer_opens_a_case_and_gets_its_number_by_email(db: TestDb) {
    let (app, anna, _, _) = setup(db).await;
    let res = call(
        &app,
        "/api/create_case",
        "subject=Estimate+does+not+print&description=Since+Monday.%0ASecond+line&product=qapter+claims&country=",
        Some(&anna),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let created: serde_json::Value = serde_json::from_str(&res.body).expect("JSON");
    assert_eq!(created["number"], 1);
    assert_eq!(created["product"], "Qapter claims");
    assert_eq!(created["country"], "Netherlands", "the company's country");
    assert_eq!(jobs::drain(&app.state).await, 1);
    let mail = app.state.store.list_dev_mail(10).await.expect("mail");
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to_addr, "anna@acme.example");
    assert!(
        mail[0]
            .subject
            .starts_with("Case 00000001: created – Estimate does not print [ref:"),
        "in her language, with number and thread reference: {}",
        mail[0].subject
    );
    for part in [&mail[0].text_body, &mail[0].html_body] {
        assert!(part.contains("00000001"));
        assert!(part.contains("http://portico.test/cases/00000001"));
        assert!(part.contains("Qapter claims"));
    }
    // The case page and the summary are hers to see.
    let page = app.get("/cases/00000001", &[("cookie", &anna)]).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Estimate does not print"));
    // Without JavaScript the form redirects to the confirmation.
    let plain = app
        .post_form(
            "/api/create_case",
            "subject=Second&description=&product=&country=Belgium",
            Some(&anna),
        )
        .await;
    assert_eq!(plain.header("location"), "/cases/new?created=00000002");
    let confirmation = app
        .get("/cases/new?created=00000002", &[("cookie", &anna)])
        .await;
    assert!(
        confirmation.text().contains("Case 00000002: created."),
        "{}",
        confirmation.body
    );
    app.assert_outbox_empty().await;
}

async fn bad_input_is_refused_next_to_its_field_and_nothing_typed_is_lost(db: TestDb) {
    let (app, anna, _, _) = setup(db).await;
    let long = "x".repeat(256);
    for (body, field, key) in [
        ("subject=+++&product=", "subject", "error_subject_required"),
        (
            &format!("subject={long}&product=") as &str,
            "subject",
            "error_subject_long",
        ),
        ("subject=S&product=Qapt", "product", "error_product_unknown"),
        (
            "subject=S&product=Qapter+legacy",
            "product",
            "error_product_unknown",
        ),
    ] {
        let res = call(&app, "/api/create_case", body, Some(&anna)).await;
        assert_eq!(res.status, 422, "{body}");
        assert!(
            res.body.contains(field) && res.body.contains(key),
            "{body}: {}",
            res.body
        );
    }
    let plain = app
        .post_form(
            "/api/create_case",
            "subject=&description=Printer+on+fire&product=Nope&country=Belgium",
            Some(&anna),
        )
        .await;
    let location = plain.header("location").to_string();
    assert!(location.starts_with("/cases/new?"), "{location}");
    let form = app.get(&location, &[("cookie", &anna)]).await;
    let text = form.text();
    assert!(text.contains("Enter a subject."), "{text}");
    assert!(text.contains("Choose a product from the list."));
    assert!(text.contains("Printer on fire"), "the description is kept");
    assert!(text.contains(r#"value="Nope""#) && text.contains(r#"value="Belgium""#));
    assert_eq!(jobs::drain(&app.state).await, 0, "nothing was created");
    app.assert_outbox_empty().await;
}

async fn only_customers_open_cases_and_other_companies_cases_do_not_exist(db: TestDb) {
    let (app, anna, bert, agent) = setup(db).await;
    assert_eq!(
        call(&app, "/api/create_case", "subject=S", None)
            .await
            .status,
        401
    );
    let staff = call(&app, "/api/create_case", "subject=S", Some(&agent)).await;
    assert!(
        staff.status == 422 && staff.body.contains("error_account_choose"),
        "staff log a case for a company they choose, never as a customer: {}",
        staff.body
    );
    let res = call(&app, "/api/create_case", "subject=Secret", Some(&anna)).await;
    assert_eq!(res.status, 200);
    let other = call(
        &app,
        "/api/get_case_summary",
        "number=00000001",
        Some(&bert),
    )
    .await;
    let missing = call(
        &app,
        "/api/get_case_summary",
        "number=00000099",
        Some(&bert),
    )
    .await;
    assert_eq!(
        (other.status, &other.body),
        (missing.status, &missing.body),
        "another company's case answers exactly like a missing one"
    );
    assert_eq!(other.status, 404);
    let page = app.get("/cases/00000001", &[("cookie", &bert)]).await;
    assert_eq!(page.status, 404);
    assert!(!page.body.contains("Secret"));
    assert_eq!(
        call(
            &app,
            "/api/get_case_summary",
            "number=00000001",
            Some(&agent)
        )
        .await
        .status,
        200,
        "staff see every company's cases"
    );
    app.assert_outbox_empty().await;
}

async fn fifty_customers_at_once_get_fifty_numbers_and_fifty_emails(db: TestDb) {
    let (app, anna, _, _) = setup(db).await;
    let app = std::sync::Arc::new(app);
    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let app = std::sync::Arc::clone(&app);
            let anna = anna.clone();
            tokio::spawn(async move {
                let res = call(
                    &app,
                    "/api/create_case",
                    &format!("subject=Case+{i}"),
                    Some(&anna),
                )
                .await;
                assert_eq!(res.status, 200, "{}", res.body);
                let v: serde_json::Value = serde_json::from_str(&res.body).expect("JSON");
                v["number"].as_i64().expect("number")
            })
        })
        .collect();
    let mut numbers = Vec::new();
    for t in tasks {
        numbers.push(t.await.expect("task"));
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=50).collect::<Vec<i64>>());
    assert_eq!(jobs::drain(&app.state).await, 50);
    assert_eq!(
        app.state
            .store
            .list_dev_mail(100)
            .await
            .expect("mail")
            .len(),
        50
    );
    app.assert_outbox_empty().await;
}

on_both_backends!(
    product_autocomplete_matches_anywhere_prefix_first,
    a_customer_opens_a_case_and_gets_its_number_by_email,
    bad_input_is_refused_next_to_its_field_and_nothing_typed_is_lost,
    only_customers_open_cases_and_other_companies_cases_do_not_exist,
    fifty_customers_at_once_get_fifty_numbers_and_fifty_emails,
);
