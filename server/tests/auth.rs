//! Sign-in, sessions and the authorization layer, through the real router on both databases.
mod common;

use app::backend::auth::{new_token, token_hash};
use app::domain::Role;
use axum::body::Body;
use common::{Reply, TestApp, TestDb};
use http::Request;

const PASSWORD: &str = "correct horse battery";

async fn app_with_anna(db: TestDb) -> TestApp {
    let app = TestApp::new(db).await;
    app.add_user("anna@acme.example", Role::Customer, PASSWORD)
        .await;
    app
}

async fn pages_send_visitors_without_a_session_to_sign_in(db: TestDb) {
    let app = app_with_anna(db).await;
    for (path, location) in [
        ("/", "/login?next=%2F"),
        ("/cases", "/login?next=%2Fcases"),
        (
            "/kb?q=printer%20jam",
            "/login?next=%2Fkb%3Fq%3Dprinter%2520jam",
        ),
    ] {
        let res = app.get(path, &[]).await;
        assert_eq!(res.status, 303, "{path}");
        assert_eq!(res.header("location"), location, "{path}");
    }
    let login = app.get("/login?next=%2Fcases", &[]).await;
    assert_eq!(login.status, 200);
    for text in [
        ">Email<",
        ">Password<",
        ">Sign in<",
        r#"name="next" value="/cases""#,
    ] {
        assert!(login.body.contains(text), "sign-in page shows {text}");
    }
    let missing = app.get("/no/such/page", &[]).await;
    assert_eq!(missing.status, 404, "unknown paths stay 404 for everyone");
    app.assert_outbox_empty().await;
}

async fn signing_in_sets_a_safe_cookie_and_goes_where_the_user_was_going(db: TestDb) {
    let app = app_with_anna(db).await;
    let res = app
        .post_form(
            "/api/sign_in",
            &format!("email=Anna%40ACME.example&password={PASSWORD}&next=%2Fcases"),
            None,
        )
        .await;
    assert_eq!(res.status, 302);
    assert_eq!(res.header("location"), "/cases");
    let set_cookie = res.header("set-cookie");
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=604800"] {
        assert!(set_cookie.contains(flag), "{flag} in {set_cookie}");
    }
    assert!(!set_cookie.contains("Secure"), "http public URL");
    let cookie = res.session_cookie().expect("cookie");
    let home = app.get("/", &[("cookie", &cookie)]).await;
    assert_eq!(home.status, 200);
    assert!(
        home.text().contains("Signed in as Anna de Boer"),
        "{}",
        home.body
    );
    assert!(home.body.contains("How can we help you?"));
    assert!(home.body.contains(">Sign out<"));
    // Signed in, the sign-in page moves on.
    let login = app.get("/login?next=%2Fkb", &[("cookie", &cookie)]).await;
    assert_eq!(
        (login.status.as_u16(), login.header("location")),
        (303, "/kb")
    );
    // An off-site `next` is never followed.
    let evil = app
        .post_form(
            "/api/sign_in",
            &format!(
                "email=anna%40acme.example&password={PASSWORD}&next=https%3A%2F%2Fevil.example"
            ),
            None,
        )
        .await;
    assert_eq!(evil.header("location"), "/");
    app.assert_outbox_empty().await;
}

async fn every_sign_in_gets_a_new_token_stored_only_as_a_hash(db: TestDb) {
    let app = app_with_anna(db).await;
    let a = app.sign_in("anna@acme.example", PASSWORD).await;
    let b = app.sign_in("anna@acme.example", PASSWORD).await;
    assert_ne!(a, b);
    for cookie in [&a, &b] {
        assert_eq!(app.get("/", &[("cookie", cookie)]).await.status, 200);
        let token = cookie.trim_start_matches("portico_session=");
        let now = chrono::Utc::now();
        let stored = app
            .state
            .store
            .find_session(token, now, now - chrono::Duration::hours(1))
            .await
            .expect("lookup");
        assert!(
            stored.is_none(),
            "the raw token is not what the database keeps"
        );
        let hashed = app
            .state
            .store
            .find_session(&token_hash(token), now, now - chrono::Duration::hours(1))
            .await
            .expect("lookup");
        assert!(hashed.is_some());
    }
    app.assert_outbox_empty().await;
}

async fn wrong_unknown_and_deactivated_answer_alike(db: TestDb) {
    let app = app_with_anna(db).await;
    let inactive = app
        .add_user("gone@acme.example", Role::Agent, PASSWORD)
        .await;
    sqlx_deactivate(&app, inactive).await;
    let mut answers = Vec::new();
    for body in [
        "email=anna%40acme.example&password=wrong-password-here&next=%2Fcases",
        "email=nobody%40acme.example&password=wrong-password-here&next=%2Fcases",
        &format!("email=gone%40acme.example&password={PASSWORD}&next=%2Fcases"),
        "email=not-an-email&password=x&next=%2Fcases",
    ] {
        let res = app.post_form("/api/sign_in", body, None).await;
        assert!(res.session_cookie().is_none(), "no session for {body}");
        // The typed email comes back through a draft (so the form keeps it, and no URL holds it);
        // otherwise every answer is the same.
        let location = res.header("location").to_string();
        let draft = location
            .split('&')
            .find(|p| p.starts_with("draft="))
            .expect("a draft")
            .to_string();
        assert!(!location.contains("acme"), "{location}");
        answers.push((
            res.status,
            location.replace(&format!("&{draft}"), ""),
            draft,
        ));
    }
    assert!(
        answers.iter().all(|a| (a.0, a.1.as_str())
            == (
                http::StatusCode::FOUND,
                "/login?next=%2Fcases&error=_form%3Aerror_sign_in_failed"
            )),
        "{answers:?}"
    );
    let page = app
        .get(&format!("{}&{}", answers[0].1, answers[0].2), &[])
        .await;
    assert!(
        page.body.contains("Wrong email or password."),
        "the page says what went wrong"
    );
    assert!(
        page.body.contains(r#"value="anna@acme.example""#),
        "and keeps the typed email"
    );
    assert!(page.body.contains(r#"role="alert""#));
    // Called by the hydrated app (no text/html in Accept), the error comes back as data.
    let req = Request::post("/api/sign_in")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body(Body::from(
            "email=anna%40acme.example&password=nope&next=%2F",
        ))
        .expect("request");
    let res = Reply::read(app.send(req).await).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("error_sign_in_failed"), "{}", res.body);
    assert!(res.session_cookie().is_none());
    app.assert_outbox_empty().await;
}

/// Deactivates a user the way the staff screens will: the store has no such call yet, so SQL.
async fn sqlx_deactivate(app: &TestApp, user: app::domain::UserId) {
    let url = &app.db.url;
    if url.starts_with("sqlite") {
        let pool = sqlx::SqlitePool::connect(url).await.expect("pool");
        sqlx::query("UPDATE users SET active = 0 WHERE id = $1")
            .bind(user.0)
            .execute(&pool)
            .await
            .expect("update");
    } else {
        let pool = sqlx::PgPool::connect(url).await.expect("pool");
        sqlx::query("UPDATE users SET active = FALSE WHERE id = $1")
            .bind(user.0)
            .execute(&pool)
            .await
            .expect("update");
    }
}

async fn sessions_end_on_sign_out_expiry_idleness_and_deactivation(db: TestDb) {
    let app = app_with_anna(db).await;
    let store = app.state.store.clone();
    let signed_in = |cookie: String| {
        let app = &app;
        async move { app.get("/", &[("cookie", &cookie)]).await.status == 200 }
    };

    let cookie = app.sign_in("anna@acme.example", PASSWORD).await;
    assert!(signed_in(cookie.clone()).await);
    let out = app.post_form("/api/sign_out", "", Some(&cookie)).await;
    assert_eq!(
        (out.status.as_u16(), out.header("location")),
        (302, "/login")
    );
    assert!(
        out.header("set-cookie").contains("Max-Age=0"),
        "the cookie is cleared"
    );
    assert!(
        !signed_in(cookie.clone()).await,
        "the old cookie no longer works"
    );
    let again = app.post_form("/api/sign_out", "", Some(&cookie)).await;
    assert_eq!(
        again.status, 401,
        "server functions answer 401 without a session"
    );

    let anna = store
        .find_user_by_email("anna@acme.example")
        .await
        .expect("find")
        .expect("anna");
    let now = chrono::Utc::now();
    let expired = new_token();
    store
        .insert_session(
            &token_hash(&expired),
            anna.id,
            now - chrono::Duration::days(8),
            now - chrono::Duration::seconds(1),
            false,
        )
        .await
        .expect("insert");
    assert!(
        !signed_in(format!("portico_session={expired}")).await,
        "absolute expiry"
    );
    let idle = new_token();
    store
        .insert_session(
            &token_hash(&idle),
            anna.id,
            now - chrono::Duration::hours(9),
            now + chrono::Duration::days(6),
            false,
        )
        .await
        .expect("insert");
    assert!(
        !signed_in(format!("portico_session={idle}")).await,
        "idle for longer than 8 hours"
    );

    let fresh = app.sign_in("anna@acme.example", PASSWORD).await;
    assert!(signed_in(fresh.clone()).await);
    sqlx_deactivate(&app, anna.id).await;
    assert!(
        !signed_in(fresh).await,
        "deactivation ends sessions at once"
    );
    assert!(!signed_in("portico_session=made-up-token".into()).await);
    app.assert_outbox_empty().await;
}

async fn who_am_i_answers_without_secrets(db: TestDb) {
    let app = app_with_anna(db).await;
    let ask = |cookie: Option<String>| {
        let app = &app;
        async move {
            let mut req = Request::post("/api/get_current_user")
                .header("content-type", "application/x-www-form-urlencoded");
            if let Some(c) = cookie {
                req = req.header("cookie", c);
            }
            Reply::read(app.send(req.body(Body::empty()).expect("request")).await).await
        }
    };
    let anonymous = ask(None).await;
    assert_eq!(
        (anonymous.status.as_u16(), anonymous.body.as_str()),
        (200, "null")
    );
    let cookie = app.sign_in("anna@acme.example", PASSWORD).await;
    let me = ask(Some(cookie)).await;
    let json: serde_json::Value = serde_json::from_str(&me.body).expect("json");
    assert_eq!(json["email"], "anna@acme.example");
    assert_eq!(json["role"], "customer");
    assert!(!me.body.contains("argon2"), "never the password hash");
    app.assert_outbox_empty().await;
}

async fn changing_the_password_checks_it_and_signs_out_other_devices(db: TestDb) {
    let app = app_with_anna(db).await;
    let here = app.sign_in("anna@acme.example", PASSWORD).await;
    let elsewhere = app.sign_in("anna@acme.example", PASSWORD).await;
    let form = |current: &str, new: &str, confirm: &str| {
        format!("current_password={current}&new_password={new}&confirm_password={confirm}")
    };

    let anonymous = app
        .post_form("/api/change_password", &form(PASSWORD, "x", "x"), None)
        .await;
    assert_eq!(anonymous.status, 401);

    // Without JavaScript every problem comes back in the URL, next to its field.
    let bad = app
        .post_form(
            "/api/change_password",
            &form("wrong-one-here", "password123", "password124"),
            Some(&here),
        )
        .await;
    assert_eq!(bad.status, 302);
    let location = bad.header("location").to_string();
    for e in [
        "current_password%3Aerror_password_wrong",
        "new_password%3Aerror_password_common",
        "confirm_password%3Aerror_password_mismatch",
    ] {
        assert!(location.contains(e), "{e} in {location}");
    }
    let page = app.get(&location, &[("cookie", &here)]).await;
    let text = page.text();
    assert!(text.contains("The current password is not correct."));
    assert!(text.contains("This password is too easy to guess."));
    assert!(text.contains("The two new passwords are not the same."));
    assert!(
        page.body
            .contains(r#"aria-describedby="current_password-error""#)
    );

    // The hydrated app gets the same errors as data.
    let req = Request::post("/api/change_password")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .header("cookie", &here)
        .body(Body::from(form(PASSWORD, "short", "short")))
        .expect("request");
    let res = Reply::read(app.send(req).await).await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("error_password_short"));

    let same = app
        .post_form(
            "/api/change_password",
            &form(PASSWORD, PASSWORD, PASSWORD),
            Some(&here),
        )
        .await;
    assert!(same.header("location").contains("error_password_same"));

    let new = "Kettle-Bridge-71-Sparrow";
    let ok = app
        .post_form(
            "/api/change_password",
            &form(PASSWORD, new, new),
            Some(&here),
        )
        .await;
    assert_eq!(
        (ok.status.as_u16(), ok.header("location")),
        (302, "/account/password?changed=1")
    );
    let done = app
        .get("/account/password?changed=1", &[("cookie", &here)])
        .await;
    assert!(done.text().contains("Your password has been changed."));
    assert_eq!(
        app.get("/", &[("cookie", &here)]).await.status,
        200,
        "this device stays signed in"
    );
    assert_eq!(
        app.get("/", &[("cookie", &elsewhere)]).await.status,
        303,
        "other devices are signed out"
    );
    let old = app
        .post_form(
            "/api/sign_in",
            &format!("email=anna%40acme.example&password={PASSWORD}&next=%2F"),
            None,
        )
        .await;
    assert!(
        old.session_cookie().is_none(),
        "the old password no longer works"
    );
    app.sign_in("anna@acme.example", new).await;
    app.assert_outbox_empty().await;
}

async fn repeated_failures_are_slowed_down_without_locking_the_owner_out(db: TestDb) {
    let app = app_with_anna(db).await;
    let attempt = |ip: &'static str, password: &'static str| {
        let app = &app;
        async move {
            let body = format!("email=anna%40acme.example&password={password}&next=%2F");
            app.post_form_from(ip, "/api/sign_in", &body, None, "text/html")
                .await
        }
    };
    for _ in 0..5 {
        let res = attempt("192.0.2.66", "wrong-password-1").await;
        let location = res.header("location");
        assert!(
            location.starts_with("/login?next=%2F&error=_form%3Aerror_sign_in_failed&draft="),
            "{location}"
        );
        assert!(
            !location.contains("anna"),
            "no typed text in the URL: {location}"
        );
    }
    // The sixth try from that address waits, even with the right password.
    let limited = attempt("192.0.2.66", "correct horse battery").await;
    assert!(limited.session_cookie().is_none());
    let location = limited.header("location").to_string();
    assert!(
        location.starts_with("/login?next=%2F&error=_form%3Aerror_rate_limited&error=_retry%3A"),
        "{location}"
    );
    let minutes: u64 = location
        .trim_start_matches("/login?next=%2F&error=_form%3Aerror_rate_limited&error=_retry%3A")
        .split('&')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("minutes");
    assert!((1..=15).contains(&minutes), "{minutes}");
    let page = app.get(&location, &[]).await;
    assert!(
        page.text()
            .contains("Too many attempts in a short time. Try again in"),
        "{}",
        page.text()
    );
    // The hydrated app gets 429.
    let js = app
        .post_form_from(
            "192.0.2.66",
            "/api/sign_in",
            "email=anna%40acme.example&password=x&next=%2F",
            None,
            "application/json",
        )
        .await;
    assert_eq!(js.status, 429);
    assert!(js.body.contains("RateLimited"), "{}", js.body);
    // The owner, elsewhere, is not locked out by a stranger's failures.
    let owner = attempt("198.51.100.7", "correct horse battery").await;
    assert!(
        owner.session_cookie().is_some(),
        "{}",
        owner.header("location")
    );

    // Failures older than the window do not count.
    let store = &app.state.store;
    let old = chrono::Utc::now() - chrono::Duration::minutes(16);
    for _ in 0..10 {
        store
            .take_attempt(
                app::backend::store::AttemptKind::SignIn,
                "anna@acme.example",
                "203.0.113.9",
                old,
            )
            .await
            .expect("record");
    }
    let later = attempt("203.0.113.9", "correct horse battery").await;
    assert!(later.session_cookie().is_some());
    app.assert_outbox_empty().await;
}

on_both_backends!(
    repeated_failures_are_slowed_down_without_locking_the_owner_out,
    changing_the_password_checks_it_and_signs_out_other_devices,
    pages_send_visitors_without_a_session_to_sign_in,
    signing_in_sets_a_safe_cookie_and_goes_where_the_user_was_going,
    every_sign_in_gets_a_new_token_stored_only_as_a_hash,
    wrong_unknown_and_deactivated_answer_alike,
    sessions_end_on_sign_out_expiry_idleness_and_deactivation,
    who_am_i_answers_without_secrets,
);
