//! Staff accounts: an admin adds an agent (who gets the support team's welcome email in their
//! language and sets a password with it), promotes them, deactivates them (signed out at once)
//! and reactivates them; nobody changes their own role or access; agents, customers and strangers
//! can do none of it. Every scenario runs on SQLite and PostgreSQL.
mod common;

use app::backend::jobs;
use common::{TestApp, TestDb};

const JSON: &str = "application/json";
const NEW_PASSWORD: &str = "tulips+along+the+canal";

fn token_from(text: &str) -> String {
    let start = text
        .find("/password/set?token=")
        .expect("a set-password link")
        + "/password/set?token=".len();
    text[start..].chars().take(64).collect()
}

async fn an_admin_runs_the_team(db: TestDb) {
    let app = TestApp::new(db).await;
    let admin = app.with_admin("admin@vendor.example").await;
    let cookie = [("cookie", admin.cookie.as_str())];

    // Add: the browser goes on to their page; the welcome email is the team's, in Dutch.
    let added = app
        .post_form(
            "/api/add_staff_member",
            "name=Piet+de+Vries&email=Piet%40Vendor.example&role=agent&language=nl",
            Some(&admin.cookie),
        )
        .await;
    let location = added.header("location").to_string();
    assert!(
        location.starts_with("/admin/staff/") && location.ends_with("?added=1"),
        "{location}"
    );
    let id = location
        .trim_start_matches("/admin/staff/")
        .trim_end_matches("?added=1")
        .to_string();
    let page = app.get(&location, &cookie).await;
    assert!(
        page.text().contains("Staff member added."),
        "{}",
        page.text()
    );
    assert!(page.text().contains("piet@vendor.example") && page.text().contains("Support agent"));
    assert_eq!(jobs::drain(&app.state).await, 1);
    let mail = app.state.store.list_dev_mail(10).await.expect("mail");
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to_addr, "piet@vendor.example");
    assert_eq!(mail[0].subject, "U bent toegevoegd aan het supportteam");
    assert!(
        mail[0].text_body.contains("toegevoegd aan het supportteam")
            && !mail[0].text_body.contains("supportcases kunt aanmaken"),
        "{}",
        mail[0].text_body
    );

    // The email went astray: the admin sends it again; only the new link works.
    let first = token_from(&mail[0].text_body);
    assert!(
        page.text().contains("Resend welcome email"),
        "{}",
        page.text()
    );
    let resent = app
        .post_form(
            "/api/resend_staff_welcome",
            &format!("user_id={id}"),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(
        resent.header("location"),
        format!("/admin/staff/{id}?sent=1")
    );
    let page = app.get(&format!("/admin/staff/{id}?sent=1"), &cookie).await;
    assert!(page.text().contains("The welcome email is on its way."));
    assert_eq!(jobs::drain(&app.state).await, 1);
    let mut mail = app.state.store.list_dev_mail(10).await.expect("mail");
    mail.sort_by_key(|m| m.id);
    assert_eq!(mail.len(), 2);
    assert_eq!(mail[1].to_addr, "piet@vendor.example");
    let stale = app
        .post_form(
            "/api/set_password_with_link",
            &format!("token={first}&new_password={NEW_PASSWORD}&confirm_password={NEW_PASSWORD}"),
            None,
        )
        .await;
    assert!(
        stale.session_cookie().is_none(),
        "the first link stopped working"
    );

    // He sets his password with the link and works as an agent: companies yes, products no.
    let token = token_from(&mail[1].text_body);
    let set = app
        .post_form(
            "/api/set_password_with_link",
            &format!("token={token}&new_password={NEW_PASSWORD}&confirm_password={NEW_PASSWORD}"),
            None,
        )
        .await;
    assert_eq!(set.header("location"), "/");
    let piet = set.session_cookie().expect("signed in");
    let accounts = app.get("/staff/accounts", &[("cookie", &piet)]).await;
    assert!(
        accounts.text().contains("Nieuw bedrijf"),
        "in his language, Dutch: {}",
        accounts.text()
    );
    let products = app
        .post_form_from("192.0.2.1", "/api/list_products", "q=", Some(&piet), JSON)
        .await;
    assert_eq!(products.status, 403);

    // Promoted, his next request is an admin's.
    let promoted = app
        .post_form(
            "/api/update_staff_member",
            &format!("user_id={id}&role=admin&active=true"),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(
        promoted.header("location"),
        format!("/admin/staff/{id}?saved=1")
    );
    let products = app
        .post_form_from("192.0.2.1", "/api/list_products", "q=", Some(&piet), JSON)
        .await;
    assert_eq!(products.status, 200, "{}", products.body);
    let list = app.get("/admin/staff", &cookie).await;
    assert!(list.text().contains("Piet de Vries"));

    // Deactivated: signed out at once, and the password no longer signs in.
    app.post_form(
        "/api/update_staff_member",
        &format!("user_id={id}&role=admin&active=false"),
        Some(&admin.cookie),
    )
    .await;
    let home = app.get("/", &[("cookie", &piet)]).await;
    assert!(!home.text().contains("Piet de Vries"), "{}", home.text());
    let refused = app
        .post_form(
            "/api/sign_in",
            &format!("email=piet%40vendor.example&password={NEW_PASSWORD}&next=%2F"),
            None,
        )
        .await;
    assert!(refused.session_cookie().is_none());
    let page = app.get(&format!("/admin/staff/{id}"), &cookie).await;
    assert!(page.text().contains("Deactivated") && page.text().contains("Reactivate"));

    // Reactivated: the same password works again.
    app.post_form(
        "/api/update_staff_member",
        &format!("user_id={id}&role=agent&active=true"),
        Some(&admin.cookie),
    )
    .await;
    let again = app
        .sign_in("piet@vendor.example", &NEW_PASSWORD.replace('+', " "))
        .await;
    assert!(!again.is_empty());

    // Nobody changes their own role or access: the page says why, nothing changes.
    let me = admin.id;
    let own = app
        .post_form(
            "/api/update_staff_member",
            &format!("user_id={me}&role=agent&active=false"),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(
        own.header("location"),
        format!("/admin/staff/{me}?error=_form%3Aerror_staff_self")
    );
    let own_page = app.get(own.header("location"), &cookie).await;
    assert!(
        own_page
            .text()
            .contains("You cannot change your own role or access")
    );
    let list = app
        .post_form_from(
            "192.0.2.1",
            "/api/list_products",
            "q=",
            Some(&admin.cookie),
            JSON,
        )
        .await;
    assert_eq!(list.status, 200, "still an admin");

    // A taken email, a customer's role: next to their fields, what was typed kept.
    let taken = app
        .post_form(
            "/api/add_staff_member",
            "name=Other+Piet&email=PIET%40vendor.example&role=customer&language=en",
            Some(&admin.cookie),
        )
        .await;
    let back = taken.header("location").to_string();
    assert!(back.starts_with("/admin/staff?error="), "{back}");
    assert!(back.contains("role%3Aerror_role_invalid"), "{back}");
    let form = app.get(&back, &cookie).await;
    assert!(form.text().contains("Choose agent or admin."));
    assert!(form.body.contains(r#"value="Other Piet""#));
    let dup = app
        .post_form(
            "/api/add_staff_member",
            "name=Other+Piet&email=PIET%40vendor.example&role=agent&language=en",
            Some(&admin.cookie),
        )
        .await;
    assert!(
        dup.header("location").contains("email%3Aerror_email_taken"),
        "{}",
        dup.header("location")
    );
    app.assert_outbox_empty().await;
}

async fn only_admins_manage_staff(db: TestDb) {
    let app = TestApp::new(db).await;
    let agent = app.with_agent("agent@vendor.example").await;
    let other = app.with_agent("other@vendor.example").await;
    let anna = app.with_customer("anna@acme.example").await;
    for (who, cookie, status) in [
        ("nobody", None, 401),
        ("a customer", Some(anna.cookie.as_str()), 403),
        ("an agent", Some(agent.cookie.as_str()), 403),
    ] {
        for (path, body) in [
            ("/api/list_staff", String::new()),
            ("/api/get_staff_member", format!("id={}", other.id)),
            (
                "/api/add_staff_member",
                "name=Sneaky&email=sneaky%40vendor.example&role=admin&language=en".to_string(),
            ),
            (
                "/api/update_staff_member",
                format!("user_id={}&role=admin&active=true", agent.id),
            ),
            ("/api/resend_staff_welcome", format!("user_id={}", other.id)),
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
            .find_user_by_email("sneaky@vendor.example")
            .await
            .expect("query")
            .is_none()
    );
    let me = app.state.store.get_user(agent.id).await.expect("agent");
    assert_eq!(me.role, app::domain::Role::Agent);
    // A customer is not staff: an admin cannot reach them here either.
    let admin = app.with_admin("admin@vendor.example").await;
    let res = app
        .post_form_from(
            "192.0.2.1",
            "/api/update_staff_member",
            &format!("user_id={}&role=admin&active=true", anna.id),
            Some(&admin.cookie),
            JSON,
        )
        .await;
    assert_eq!(res.status, 404, "{}", res.body);
    let res = app
        .post_form_from(
            "192.0.2.1",
            "/api/resend_staff_welcome",
            &format!("user_id={}", anna.id),
            Some(&admin.cookie),
            JSON,
        )
        .await;
    assert_eq!(
        res.status, 404,
        "a customer's welcome is not sent from here: {}",
        res.body
    );
    assert_eq!(
        app.state.store.get_user(anna.id).await.expect("anna").role,
        app::domain::Role::Customer
    );
    app.assert_outbox_empty().await;
}

on_both_backends!(an_admin_runs_the_team, only_admins_manage_staff);
