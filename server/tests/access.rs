//! Getting into the portal: staff-managed contacts and their limit, welcome links, forgot password
//! with a temporary password and the forced change, and the email outbox (dev mailbox, a real SMTP
//! server process, an SMTP outage, several workers). Every scenario runs on SQLite and PostgreSQL.
mod common;

use app::backend::jobs;
use app::backend::store::NewAccount;
use app::domain::{AccountId, Role};
use common::{
    Reply, SmtpSink, TestApp, TestDb, closed_port, dev_mail, temporary_password_from, token_from,
    unfold_qp,
};

const PASSWORD: &str = "correct horse battery";
const NEW_PASSWORD: &str = "violet kettle marching";
const JSON: &str = "application/json";
const HTML: &str = "text/html,application/xhtml+xml";

async fn account(app: &TestApp, name: &str, limit: i32) -> AccountId {
    app.state
        .store
        .insert_account(&NewAccount {
            name: name.into(),
            phone: "+31 20 555 0100".into(),
            country: "Netherlands".into(),
            portal_contact_limit: limit,
        })
        .await
        .expect("account")
}

/// Staff posts the "Add contact" form (no JavaScript).
async fn add_contact(
    app: &TestApp,
    staff: &str,
    account: AccountId,
    email: &str,
    access: bool,
) -> Reply {
    let access = if access { "&portal_access=on" } else { "" };
    let body = format!(
        "account_id={account}&name=Olga+Petrova&email={email}&phone=%2B7+495+000&language=ru{access}"
    );
    app.post_form("/api/add_contact", &body, Some(staff)).await
}

/// Calls a server function as the hydrated app does (JSON answer, real status codes).
async fn call(app: &TestApp, path: &str, body: &str, cookie: Option<&str>) -> Reply {
    app.post_form_from("192.0.2.1", path, body, cookie, JSON)
        .await
}

async fn welcome_link_sets_the_password_once_and_signs_in(db: TestDb) {
    let app = TestApp::new(db).await;
    app.add_user("agent@vendor.example", Role::Agent, PASSWORD)
        .await;
    let acme = account(&app, "Acme", 3).await;
    let agent = app.sign_in("agent@vendor.example", PASSWORD).await;

    let res = add_contact(&app, &agent, acme, "olga@acme.example", true).await;
    assert_eq!(
        (res.status.as_u16(), res.header("location")),
        (302, format!("/staff/accounts/{acme}?added=1").as_str()),
        "{}",
        res.body
    );
    assert!(
        dev_mail(&app).await.is_empty(),
        "sent by the worker, not the request"
    );
    assert_eq!(jobs::drain(&app.state).await, 1);
    let mail = dev_mail(&app).await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to_addr, "olga@acme.example");
    assert_eq!(
        mail[0].subject, "Добро пожаловать на портал пользователя",
        "in the contact's language"
    );
    assert!(
        mail[0].text_body.contains("72"),
        "says when the link expires"
    );
    let token = token_from(&mail[0].text_body);

    let page = app.get(&format!("/password/set?token={token}"), &[]).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Olga Petrova"), "{}", page.body);
    assert!(page.body.contains(">New password<"));

    // A weak password is refused next to its field; the link still works afterwards.
    let weak = app
        .post_form(
            "/api/set_password_with_link",
            &format!("token={token}&new_password=password1&confirm_password=password1"),
            None,
        )
        .await;
    assert!(
        weak.header("location")
            .contains("error=new_password%3Aerror_password_"),
        "{}",
        weak.header("location")
    );
    let ok = app
        .post_form(
            "/api/set_password_with_link",
            &format!("token={token}&new_password={NEW_PASSWORD}&confirm_password={NEW_PASSWORD}"),
            None,
        )
        .await;
    assert_eq!((ok.status.as_u16(), ok.header("location")), (302, "/"));
    let cookie = ok.session_cookie().expect("signed in");
    let home = app.get("/", &[("cookie", &cookie)]).await;
    assert!(
        home.text().contains("Вы вошли как Olga Petrova"),
        "signed in, in her own language"
    );

    // Used once, the link is dead: the form says so, and so does the page.
    let again = app
        .post_form(
            "/api/set_password_with_link",
            &format!("token={token}&new_password=another+long+phrase+here&confirm_password=another+long+phrase+here"),
            None,
        )
        .await;
    assert!(
        again
            .header("location")
            .contains("error=_form%3Aerror_link_invalid")
    );
    let dead = app.get(&format!("/password/set?token={token}"), &[]).await;
    assert!(
        dead.text()
            .contains("This link has expired or has already been used"),
        "{}",
        dead.body
    );
    app.sign_in("olga@acme.example", NEW_PASSWORD).await;

    // Resending issues a new link; the new one works, and the one before it stops working.
    let contact = app
        .state
        .store
        .find_user_by_email("olga@acme.example")
        .await
        .expect("find")
        .expect("olga");
    for _ in 0..2 {
        let res = app
            .post_form(
                "/api/resend_welcome",
                &format!("contact_id={}", contact.id),
                Some(&agent),
            )
            .await;
        assert_eq!(res.status, 302, "{}", res.body);
    }
    assert_eq!(jobs::drain(&app.state).await, 2);
    let mail = dev_mail(&app).await;
    assert_eq!(mail.len(), 3);
    let (older, newer) = (
        token_from(&mail[1].text_body),
        token_from(&mail[2].text_body),
    );
    let check = |t: String| {
        let app = &app;
        async move {
            call(app, "/api/check_password_link", &format!("token={t}"), None)
                .await
                .status
        }
    };
    assert_eq!(check(older).await, 404);
    assert_eq!(check(newer).await, 200);
    assert_eq!(check("0".repeat(64)).await, 404);
    app.assert_outbox_empty().await;
}

async fn an_expired_link_does_not_work(db: TestDb) {
    use app::backend::store::PasswordLink;
    let app = TestApp::new(db).await;
    let user = app
        .add_user("kees@acme.example", Role::Customer, PASSWORD)
        .await;
    let token = app::backend::auth::new_token();
    let now = chrono::Utc::now();
    let invite = PasswordLink {
        token_hash: app::backend::auth::token_hash(&token),
        expires_at: now - chrono::Duration::minutes(1),
    };
    app.state
        .store
        .issue_password_token(user, &invite, now - chrono::Duration::hours(73))
        .await
        .expect("token");
    let res = call(
        &app,
        "/api/set_password_with_link",
        &format!("token={token}&new_password={NEW_PASSWORD}&confirm_password={NEW_PASSWORD}"),
        None,
    )
    .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("error_link_invalid"), "{}", res.body);
    app.sign_in("kees@acme.example", PASSWORD).await;
    app.assert_outbox_empty().await;
}

async fn only_staff_manage_contacts_and_only_admins_the_limit(db: TestDb) {
    let app = TestApp::new(db).await;
    app.add_user("agent@vendor.example", Role::Agent, PASSWORD)
        .await;
    app.add_user("admin@vendor.example", Role::Admin, PASSWORD)
        .await;
    app.add_user("anna@other.example", Role::Customer, PASSWORD)
        .await;
    let acme = account(&app, "Acme", 2).await;
    let agent = app.sign_in("agent@vendor.example", PASSWORD).await;
    let admin = app.sign_in("admin@vendor.example", PASSWORD).await;
    let customer = app.sign_in("anna@other.example", PASSWORD).await;

    let add = format!(
        "account_id={acme}&name=X+Y&email=x%40acme.example&phone=&language=en&portal_access=on"
    );
    for (who, cookie, status) in [
        ("nobody", None, 401),
        ("a customer", Some(customer.as_str()), 403),
    ] {
        for (path, body) in [
            ("/api/list_accounts", String::new()),
            ("/api/get_account", format!("id={acme}")),
            ("/api/add_contact", add.clone()),
            (
                "/api/set_contact_limit",
                format!("account_id={acme}&limit=9"),
            ),
            ("/api/get_mailbox", String::new()),
        ] {
            let res = call(&app, path, &body, cookie).await;
            assert_eq!(res.status, status, "{who} calling {path}: {}", res.body);
        }
    }
    assert!(dev_mail(&app).await.is_empty() && jobs::drain(&app.state).await == 0);
    let list = call(&app, "/api/list_accounts", "", Some(&agent)).await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("\"Acme\""));
    assert!(
        !list.body.contains("password"),
        "no secrets reach the browser"
    );
    let limit = format!("account_id={acme}&limit=5");
    assert_eq!(
        call(&app, "/api/set_contact_limit", &limit, Some(&agent))
            .await
            .status,
        403,
        "agents do not change limits"
    );
    assert_eq!(
        call(&app, "/api/get_mailbox", "", Some(&agent))
            .await
            .status,
        403,
        "agents do not read others' mail"
    );
    assert_eq!(
        call(&app, "/api/get_mailbox", "", Some(&admin))
            .await
            .status,
        200
    );
    // The staff pages say so to customers, too.
    let page = app
        .get(&format!("/staff/accounts/{acme}"), &[("cookie", &customer)])
        .await;
    assert!(page.text().contains("no access"), "{}", page.body);
    assert!(!page.body.contains("Acme"));

    // Limit 2: two contacts with access, the third only without.
    for email in ["one%40acme.example", "two%40acme.example"] {
        let res = add_contact(&app, &agent, acme, email, true).await;
        assert!(res.header("location").ends_with("?added=1"));
    }
    let third = add_contact(&app, &agent, acme, "three%40acme.example", true).await;
    assert!(
        third
            .header("location")
            .contains("error=portal_access%3Aerror_contact_limit"),
        "{}",
        third.header("location")
    );
    let json = call(
        &app,
        "/api/add_contact",
        &format!("account_id={acme}&name=Three&email=three%40acme.example&phone=&language=en&portal_access=on"),
        Some(&agent),
    )
    .await;
    assert_eq!(json.status, 422);
    assert!(json.body.contains("error_contact_limit"));
    let without = add_contact(&app, &agent, acme, "three%40acme.example", false).await;
    assert!(without.header("location").ends_with("?added=1"));
    assert_eq!(
        jobs::drain(&app.state).await,
        2,
        "welcome emails only for contacts with access"
    );
    // A duplicate email is refused next to the field.
    let dup = add_contact(&app, &agent, acme, "one%40acme.example", false).await;
    assert!(
        dup.header("location")
            .contains("error=email%3Aerror_email_taken")
    );

    // The admin may not go below the two with access, but may raise it.
    let low = call(
        &app,
        "/api/set_contact_limit",
        &format!("account_id={acme}&limit=1"),
        Some(&admin),
    )
    .await;
    assert_eq!(low.status, 422);
    assert!(low.body.contains("error_limit_below_access"));
    assert_eq!(
        call(&app, "/api/set_contact_limit", &limit, Some(&admin))
            .await
            .status,
        200
    );
    let detail = call(
        &app,
        "/api/get_account",
        &format!("id={acme}"),
        Some(&agent),
    )
    .await;
    assert!(detail.body.contains("\"limit\":5"), "{}", detail.body);
    app.assert_outbox_empty().await;
}

async fn taking_access_away_ends_the_contacts_sessions_at_once(db: TestDb) {
    let app = TestApp::new(db).await;
    app.add_user("agent@vendor.example", Role::Agent, PASSWORD)
        .await;
    let contact = app
        .add_user("anna@acme.example", Role::Customer, PASSWORD)
        .await;
    let agent = app.sign_in("agent@vendor.example", PASSWORD).await;
    let anna = app.sign_in("anna@acme.example", PASSWORD).await;
    assert_eq!(app.get("/", &[("cookie", &anna)]).await.status, 200);

    let body = format!(
        "contact_id={contact}&name=Anna+de+Boer&email=anna%40acme.example&phone=&language=nl"
    );
    let res = app
        .post_form("/api/update_contact", &body, Some(&agent))
        .await;
    assert!(res.header("location").ends_with("?saved=1"), "{}", res.body);
    let home = app.get("/", &[("cookie", &anna)]).await;
    assert_eq!(home.status, 303, "signed out at once");
    let again = app
        .post_form(
            "/api/sign_in",
            &format!("email=anna%40acme.example&password={PASSWORD}&next=%2F"),
            None,
        )
        .await;
    assert!(
        again
            .header("location")
            .starts_with("/login?next=%2F&error=_form%3Aerror_sign_in_failed")
    );
    // Access back: she has a password already, so no new welcome email; she signs in again.
    let res = app
        .post_form(
            "/api/update_contact",
            &format!("{body}&portal_access=on"),
            Some(&agent),
        )
        .await;
    assert!(res.header("location").ends_with("?saved=1"));
    assert_eq!(jobs::drain(&app.state).await, 0);
    app.sign_in("anna@acme.example", PASSWORD).await;
    app.assert_outbox_empty().await;
}

async fn forgot_password_answers_alike_and_forces_a_new_password(db: TestDb) {
    let app = TestApp::new(db).await;
    app.add_user("anna@acme.example", Role::Customer, PASSWORD)
        .await;
    let known = app
        .post_form(
            "/api/request_password_reset",
            "email=Anna%40acme.example",
            None,
        )
        .await;
    let unknown = app
        .post_form(
            "/api/request_password_reset",
            "email=nobody%40acme.example",
            None,
        )
        .await;
    assert_eq!(
        (known.status, known.header("location"), known.body.as_str()),
        (
            unknown.status,
            unknown.header("location"),
            unknown.body.as_str()
        ),
        "the same answer whether or not the account exists"
    );
    assert_eq!(known.header("location"), "/password/forgot?sent=1");
    let page = app.get("/password/forgot?sent=1", &[]).await;
    assert!(
        page.text()
            .contains("we have sent a temporary password to its email address")
    );
    assert!(page.body.contains(">Reset password<") && page.body.contains(">Email<"));
    let json_known = call(
        &app,
        "/api/request_password_reset",
        "email=anna%40acme.example",
        None,
    )
    .await;
    let json_unknown = call(
        &app,
        "/api/request_password_reset",
        "email=x%40acme.example",
        None,
    )
    .await;
    assert_eq!(
        (json_known.status, json_known.body),
        (json_unknown.status, json_unknown.body)
    );

    assert_eq!(
        jobs::drain(&app.state).await,
        4,
        "4 requests, each sending its email itself (no second job holds the password)"
    );
    let mail = dev_mail(&app).await;
    assert_eq!(mail.len(), 2, "only the real account gets mail");
    assert!(mail.iter().all(|m| m.to_addr == "anna@acme.example"));
    assert_eq!(
        mail[0].subject, "Your temporary password for the customer portal",
        "in her language (English)"
    );
    let older = temporary_password_from(&mail[0].text_body);
    let temp = temporary_password_from(&mail[1].text_body);
    assert_eq!(temp.len(), 14, "{temp}");
    let sign_in = |password: String| {
        let app = &app;
        async move {
            app.post_form(
                "/api/sign_in",
                &format!("email=anna%40acme.example&password={password}&next=%2Fcases"),
                None,
            )
            .await
        }
    };
    assert!(
        sign_in(older)
            .await
            .header("location")
            .starts_with("/login?next=%2Fcases&error=_form%3Aerror_sign_in_failed"),
        "a newer temporary password replaces the older"
    );
    let res = sign_in(temp.clone()).await;
    assert_eq!(
        res.header("location"),
        "/account/new-password?next=%2Fcases"
    );
    let cookie = res.session_cookie().expect("session");
    // Nothing else is reachable until the new password is set.
    for path in ["/", "/cases", "/kb", "/account/password"] {
        let page = app.get(path, &[("cookie", &cookie)]).await;
        assert_eq!(page.status, 303, "{path}");
        assert!(
            page.header("location")
                .starts_with("/account/new-password?next="),
            "{path}"
        );
    }
    let change = call(
        &app,
        "/api/change_password",
        &format!(
            "current_password={temp}&new_password={NEW_PASSWORD}&confirm_password={NEW_PASSWORD}"
        ),
        Some(&cookie),
    )
    .await;
    assert_eq!(change.status, 403);
    let me = call(&app, "/api/get_current_user", "", Some(&cookie)).await;
    assert!(
        me.body.contains("\"must_change_password\":true"),
        "{}",
        me.body
    );
    let page = app
        .get(
            "/account/new-password?next=%2Fcases",
            &[("cookie", &cookie)],
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(
        page.text()
            .contains("You signed in with a temporary password")
    );

    let mismatch = app
        .post_form(
            "/api/set_new_password",
            &format!("new_password={NEW_PASSWORD}&confirm_password=other&next=%2Fcases"),
            Some(&cookie),
        )
        .await;
    assert!(
        mismatch
            .header("location")
            .contains("confirm_password%3Aerror_password_mismatch")
    );
    let done = app
        .post_form(
            "/api/set_new_password",
            &format!("new_password={NEW_PASSWORD}&confirm_password={NEW_PASSWORD}&next=%2Fcases"),
            Some(&cookie),
        )
        .await;
    assert_eq!(done.header("location"), "/cases");
    assert_eq!(
        app.get("/cases", &[("cookie", &cookie)]).await.status,
        200,
        "the same session goes everywhere now"
    );
    for stale in [temp, PASSWORD.to_string()] {
        assert!(
            sign_in(stale)
                .await
                .header("location")
                .starts_with("/login?next=%2Fcases&error=_form%3Aerror_sign_in_failed"),
            "the temporary and the old password stop working"
        );
    }
    assert_eq!(
        sign_in(NEW_PASSWORD.into()).await.header("location"),
        "/cases"
    );
    app.assert_outbox_empty().await;
}

async fn a_stranger_asking_for_a_reset_does_not_lock_the_owner_out(db: TestDb) {
    let app = TestApp::new(db).await;
    app.add_user("anna@acme.example", Role::Customer, PASSWORD)
        .await;
    app.post_form(
        "/api/request_password_reset",
        "email=anna%40acme.example",
        None,
    )
    .await;
    jobs::drain(&app.state).await;
    let temp = temporary_password_from(&dev_mail(&app).await[0].text_body);
    // The owner still knows her password: it works, and the temporary one is then void.
    let cookie = app.sign_in("anna@acme.example", PASSWORD).await;
    assert_eq!(app.get("/", &[("cookie", &cookie)]).await.status, 200);
    let res = app
        .post_form(
            "/api/sign_in",
            &format!("email=anna%40acme.example&password={temp}&next=%2F"),
            None,
        )
        .await;
    assert!(
        res.header("location")
            .starts_with("/login?next=%2F&error=_form%3Aerror_sign_in_failed")
    );
    app.assert_outbox_empty().await;
}

async fn reset_requests_are_rate_limited(db: TestDb) {
    let app = TestApp::new(db).await;
    for _ in 0..3 {
        let res = app
            .post_form(
                "/api/request_password_reset",
                "email=anna%40acme.example",
                None,
            )
            .await;
        assert_eq!(res.header("location"), "/password/forgot?sent=1");
    }
    let limited = app
        .post_form(
            "/api/request_password_reset",
            "email=anna%40acme.example",
            None,
        )
        .await;
    assert!(
        limited
            .header("location")
            .starts_with("/password/forgot?error=_form%3Aerror_rate_limited&error=_retry%3A"),
        "{}",
        limited.header("location")
    );
    let page = app.get(limited.header("location"), &[]).await;
    assert!(
        page.text()
            .contains("Too many reset requests. Try again in 60 minutes."),
        "{}",
        page.body
    );
    let json = call(
        &app,
        "/api/request_password_reset",
        "email=anna%40acme.example",
        None,
    )
    .await;
    assert_eq!(json.status, 429);
    // Another address from another client is not held up by this one.
    let other = app
        .post_form_from(
            "198.51.100.7",
            "/api/request_password_reset",
            "email=piet%40acme.example",
            None,
            HTML,
        )
        .await;
    assert_eq!(other.header("location"), "/password/forgot?sent=1");
    // Requests from one address across many emails are capped too.
    let mut last = String::new();
    for i in 0..12 {
        let res = app
            .post_form_from(
                "203.0.113.9",
                "/api/request_password_reset",
                &format!("email=user{i}%40acme.example"),
                None,
                HTML,
            )
            .await;
        last = res.header("location").to_string();
    }
    assert!(
        last.starts_with("/password/forgot?error=_form%3Aerror_rate_limited&error=_retry%3A"),
        "{last}"
    );
    app.assert_outbox_empty().await;
}

async fn emails_reach_a_real_smtp_server_and_survive_an_outage(db: TestDb) {
    // First the relay is down: the email waits in the outbox with its error, retried later.
    let down = TestApp::with_smtp(db, Some(format!("smtp://127.0.0.1:{}", closed_port()))).await;
    down.add_user("agent@vendor.example", Role::Agent, PASSWORD)
        .await;
    let acme = account(&down, "Acme", 3).await;
    let agent = down.sign_in("agent@vendor.example", PASSWORD).await;
    let res = add_contact(&down, &agent, acme, "olga@acme.example", true).await;
    assert!(res.header("location").ends_with("?added=1"));
    assert_eq!(jobs::drain(&down.state).await, 1, "one try");
    let outbox = down.state.store.list_outbox(10).await.expect("outbox");
    assert_eq!(outbox.len(), 1, "nothing lost");
    assert_eq!(outbox[0].attempts, 1);
    assert!(outbox[0].last_error.is_some());
    assert!(outbox[0].run_after > chrono::Utc::now(), "backing off");
    assert_eq!(
        jobs::drain(&down.state).await,
        0,
        "not retried before its time"
    );

    // The relay is back, and a second process (sharing the database) does the retry when due.
    let sink = SmtpSink::start();
    let url = down.db.url.clone();
    let up = TestApp::with_smtp(TestDb::existing(&url), Some(sink.url())).await;
    up.state
        .store
        .fail_job(outbox[0].id, "due now", chrono::Utc::now(), None)
        .await
        .expect("make due");
    assert_eq!(jobs::drain(&up.state).await, 1);
    assert!(
        up.state
            .store
            .list_outbox(10)
            .await
            .expect("outbox")
            .is_empty()
    );
    let messages = sink.messages();
    assert_eq!(messages.len(), 1);
    let raw = unfold_qp(&messages[0]);
    assert!(raw.contains("multipart/alternative"), "{raw}");
    assert!(raw.contains("text/plain") && raw.contains("text/html"));
    assert!(
        raw.contains("To: \"Olga Petrova\" <olga@acme.example>")
            || raw.contains("To: Olga Petrova <olga@acme.example>"),
        "{raw}"
    );
    assert!(raw.contains(&format!("Message-ID: <portico.{}.", outbox[0].id)));
    assert!(raw.contains("http://portico.test/password/set?token="));
    assert!(
        up.state
            .store
            .list_dev_mail(10)
            .await
            .expect("mail")
            .is_empty()
    );
}

async fn several_workers_send_each_email_exactly_once(db: TestDb) {
    use app::backend::mail::{Message, render};
    let sink = SmtpSink::start();
    let url = db.url.clone();
    let a = TestApp::with_smtp(db, Some(sink.url())).await;
    let b = TestApp::with_smtp(TestDb::existing(&url), Some(sink.url())).await;
    let now = chrono::Utc::now();
    for i in 0..24 {
        let email = render(
            app::domain::Language::En,
            &format!("user{i}@acme.example"),
            "User",
            &Message::Welcome {
                name: "User",
                staff: false,
                email: "user@acme.example",
                link: "http://portico.test/password/set?token=x",
                hours: 72,
            },
        );
        a.state
            .store
            .enqueue(&email.job(), now)
            .await
            .expect("enqueue");
    }
    let (x, y, z) = tokio::join!(
        jobs::drain(&a.state),
        jobs::drain(&b.state),
        jobs::drain(&a.state)
    );
    assert_eq!(x + y + z, 24, "every job done once ({x}+{y}+{z})");
    let messages = sink.messages();
    assert_eq!(messages.len(), 24, "no email twice");
    let mut ids: Vec<String> = messages
        .iter()
        .filter_map(|m| {
            m.lines()
                .find(|l| l.starts_with("Message-ID:"))
                .map(str::to_owned)
        })
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 24);
    assert!(
        a.state
            .store
            .list_outbox(100)
            .await
            .expect("outbox")
            .is_empty()
    );
}

async fn a_killed_workers_job_is_taken_over_after_its_lease(db: TestDb) {
    let app = TestApp::new(db).await;
    let now = chrono::Utc::now();
    let email = app::backend::mail::OutgoingEmail {
        to: "a@acme.example".into(),
        to_name: "A".into(),
        subject: "S".into(),
        text: "T".into(),
        html: "<p>T</p>".into(),
        secrets: Vec::new(),
    };
    app.state
        .store
        .enqueue(&email.job(), now)
        .await
        .expect("enqueue");
    // A worker claims it and dies before finishing.
    let claimed = app
        .state
        .store
        .claim_jobs(now, now + jobs::LEASE, 16)
        .await
        .expect("claim");
    assert_eq!(claimed.len(), 1, "the one due job");
    let claimed = &claimed[0];
    assert_eq!(
        jobs::drain(&app.state).await,
        0,
        "leased: no second worker takes it"
    );
    let later = now + jobs::LEASE + chrono::Duration::seconds(1);
    let again = app
        .state
        .store
        .claim_jobs(later, later + jobs::LEASE, 16)
        .await
        .expect("claim");
    assert_eq!(
        again.iter().map(|j| (j.id, j.attempts)).collect::<Vec<_>>(),
        [(claimed.id, 2)],
        "taken over once the lease has passed"
    );
    let again = &again[0];
    // A worker out of time hands it back untried: due at once, the try not counted.
    app.state
        .store
        .release_jobs(&[again.id])
        .await
        .expect("release");
    let back = app
        .state
        .store
        .claim_jobs(later, later + jobs::LEASE, 16)
        .await
        .expect("claim");
    assert_eq!(
        back.iter().map(|j| (j.id, j.attempts)).collect::<Vec<_>>(),
        [(claimed.id, 2)],
        "released: claimed again at once, as its second try"
    );
    // The second worker finishes it; then nothing is left.
    app.state
        .store
        .complete_job(again.id)
        .await
        .expect("complete");
    app.assert_outbox_empty().await;
}

on_both_backends!(
    welcome_link_sets_the_password_once_and_signs_in,
    an_expired_link_does_not_work,
    only_staff_manage_contacts_and_only_admins_the_limit,
    taking_access_away_ends_the_contacts_sessions_at_once,
    forgot_password_answers_alike_and_forces_a_new_password,
    a_stranger_asking_for_a_reset_does_not_lock_the_owner_out,
    reset_requests_are_rate_limited,
    emails_reach_a_real_smtp_server_and_survive_an_outage,
    several_workers_send_each_email_exactly_once,
    a_killed_workers_job_is_taken_over_after_its_lease,
);
