//! Companies in the support desk: staff add, find and edit them with plain forms (as every page
//! posts), a mistake comes back next to its field with everything typed kept, and customers and
//! strangers can do none of it. Every scenario runs on SQLite and PostgreSQL.
mod common;

use app::domain::Role;
use common::{TestApp, TestDb};

const PASSWORD: &str = "correct horse battery";
const JSON: &str = "application/json";

async fn staff_add_find_and_edit_companies(db: TestDb) {
    let app = TestApp::new(db).await;
    app.add_user("agent@vendor.example", Role::Agent, PASSWORD)
        .await;
    let agent = app.sign_in("agent@vendor.example", PASSWORD).await;
    let cookie = [("cookie", agent.as_str())];

    // Add: the browser goes on to the new company's page, which says so.
    let added = app
        .post_form(
            "/api/add_account",
            "company_name=%D0%90%D0%B2%D1%82%D0%BE%D0%A1%D0%B5%D1%80%D0%B2%D0%B8%D1%81+%D0%9F%D0%B5%D1%82%D1%80%D0%BE%D0%B2&company_phone=%2B7+495+000&company_country=%D0%A0%D0%BE%D1%81%D1%81%D0%B8%D1%8F",
            Some(&agent),
        )
        .await;
    let location = added.header("location").to_string();
    assert!(
        location.starts_with("/staff/accounts/") && location.ends_with("?created=1"),
        "{location}"
    );
    let page = app.get(&location, &cookie).await;
    assert!(page.text().contains("Company added."), "{}", page.text());
    assert!(page.text().contains("АвтоСервис Петров"));

    // Find: any part of the name, phone or country, in any case and alphabet.
    app.post_form(
        "/api/add_account",
        "company_name=Garage+Janssens&company_country=Nederland",
        Some(&agent),
    )
    .await;
    let found = app
        .get(
            "/staff/accounts?q=%D0%B0%D0%B2%D1%82%D0%BE%D1%81%D0%B5%D1%80%D0%B2%D0%B8%D1%81",
            &cookie,
        )
        .await;
    assert!(found.text().contains("АвтоСервис Петров"));
    assert!(!found.text().contains("Garage Janssens"));
    let by_country = app.get("/staff/accounts?q=nederland", &cookie).await;
    assert!(by_country.text().contains("Garage Janssens"));
    let none = app
        .get("/staff/accounts?q=nothing-like-this", &cookie)
        .await;
    assert!(none.text().contains("No company matches."));

    // Edit: saved, and the list shows the new name.
    let id = location
        .trim_start_matches("/staff/accounts/")
        .trim_end_matches("?created=1")
        .to_string();
    let saved = app
        .post_form(
            "/api/update_account",
            &format!("account_id={id}&company_name=Autoservice+Petrov&company_phone=%2B7+495+111&company_country=Russia"),
            Some(&agent),
        )
        .await;
    assert_eq!(
        saved.header("location"),
        format!("/staff/accounts/{id}?saved=1")
    );
    let page = app.get(saved.header("location"), &cookie).await;
    assert!(page.text().contains("Company saved."));
    assert!(page.text().contains("+7 495 111"));

    // A name another company has (in another case) comes back next to the field, with what was
    // typed still in the form; nothing changed.
    let taken = app
        .post_form(
            "/api/update_account",
            &format!("account_id={id}&company_name=GARAGE+janssens&company_phone=%2B7+495+222&company_country=Russia"),
            Some(&agent),
        )
        .await;
    let back = taken.header("location").to_string();
    assert!(
        back.starts_with(&format!(
            "/staff/accounts/{id}?error=company_name%3Aerror_company_name_taken&draft="
        )),
        "{back}"
    );
    let form = app.get(&back, &cookie).await;
    assert!(
        form.text()
            .contains("A company with this name exists already.")
    );
    assert!(
        form.body.contains(r#"value="GARAGE janssens""#),
        "{}",
        form.body
    );
    assert!(form.body.contains(r#"value="+7 495 222""#));
    let list = app.get("/staff/accounts", &cookie).await;
    assert!(list.text().contains("Autoservice Petrov") && list.text().contains("Garage Janssens"));
    assert!(!list.text().contains("GARAGE janssens"));

    // A contact with a mistake comes back with everything typed kept, apart from the company's
    // own fields on the same page.
    let contact = app
        .post_form(
            "/api/add_contact",
            &format!(
                "account_id={id}&name=Ivan+Petrov&email=not-an-email&phone=%2B7+1&language=ru"
            ),
            Some(&agent),
        )
        .await;
    let back = contact.header("location").to_string();
    assert!(
        back.starts_with(&format!(
            "/staff/accounts/{id}?error=email%3Aerror_email_invalid&draft="
        )) && back.ends_with("#add-contact"),
        "{back}"
    );
    let form = app.get(&back, &cookie).await;
    assert!(
        form.body.contains(r#"value="Ivan Petrov""#),
        "{}",
        form.body
    );
    assert!(form.body.contains(r#"value="not-an-email""#));
    assert!(
        form.body.contains(r#"<option value="ru" selected"#),
        "{}",
        form.body
    );
    let checkbox = form
        .body
        .split("<input")
        .find(|tag| tag.contains(r#"name="portal_access""#))
        .and_then(|tag| tag.split('>').next())
        .expect("the portal access checkbox")
        .to_string();
    assert!(
        !checkbox.contains("checked"),
        "unticked stays unticked: {checkbox}"
    );
    assert!(
        form.body.contains(r#"value="Autoservice Petrov""#),
        "the company's form shows the company"
    );

    // No name at all, on the add form.
    let nameless = app
        .post_form(
            "/api/add_account",
            "company_name=+&company_phone=",
            Some(&agent),
        )
        .await;
    assert!(
        nameless
            .header("location")
            .starts_with("/staff/accounts?error=company_name%3Aerror_company_name_invalid"),
        "{}",
        nameless.header("location")
    );
    app.assert_outbox_empty().await;
}

async fn customers_and_strangers_cannot_touch_companies(db: TestDb) {
    let app = TestApp::new(db).await;
    app.add_user("anna@acme.example", Role::Customer, PASSWORD)
        .await;
    let anna = app.sign_in("anna@acme.example", PASSWORD).await;
    let own = app
        .state
        .store
        .find_account_by_name("Company of anna@acme.example")
        .await
        .expect("query")
        .expect("Anna's company");
    for (who, cookie, status) in [
        ("nobody", None, 401),
        ("a customer", Some(anna.as_str()), 403),
    ] {
        for (path, body) in [
            ("/api/add_account", "company_name=Sneaky+Ltd".to_string()),
            (
                "/api/update_account",
                format!("account_id={}&company_name=Renamed", own.id),
            ),
            ("/api/list_accounts", "q=".to_string()),
        ] {
            let res = app
                .post_form_from("192.0.2.1", path, &body, cookie, JSON)
                .await;
            assert_eq!(res.status, status, "{who} calling {path}: {}", res.body);
        }
    }
    assert!(
        app.state
            .store
            .find_account_by_name("Sneaky Ltd")
            .await
            .expect("query")
            .is_none()
    );
    let still = app.state.store.get_account(own.id).await.expect("account");
    assert_eq!(still.name, "Company of anna@acme.example");
    let page = app.get("/staff/accounts", &[("cookie", &anna)]).await;
    assert!(!page.text().contains("Company of anna"), "{}", page.text());
    app.assert_outbox_empty().await;
}

on_both_backends!(
    staff_add_find_and_edit_companies,
    customers_and_strangers_cannot_touch_companies,
);
