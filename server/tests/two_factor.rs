//! Two-factor sign-in (issue #19, part 2) through the real router on SQLite and PostgreSQL, as a
//! browser without JavaScript uses it: set up an authenticator app from the QR page's key, turn it
//! on with its first code, keep the ten recovery codes; then every way in (the password, a
//! temporary password from "forgot password", a welcome link) asks for a code before any session
//! exists; codes count once, recovery codes are used up, guesses are throttled; admins may require
//! it of staff, who set it up at their next sign-in and cannot turn it off.
mod common;

use app::backend::jobs;
use common::{
    PERSON_PASSWORD, Reply, TestApp, TestDb, dev_mail, temporary_password_from, token_from,
};

/// The code an authenticator app set up with `secret` (base32) shows `ahead` steps from now.
fn app_code(secret: &str, ahead: i64) -> String {
    let secret = totp_rs::Secret::try_from_base32(secret.replace(' ', "")).expect("base32");
    let totp = totp_rs::Builder::new()
        .with_secret(secret)
        .build()
        .expect("totp");
    let now = chrono::Utc::now().timestamp() + ahead * 30;
    totp.generate(u64::try_from(now).expect("time")).to_string()
}

/// The key the setup page shows beside its QR code.
fn secret_on(page: &Reply) -> String {
    let body = page.text();
    let start = body
        .find("class=\"two-factor-secret\">")
        .expect("the key to type")
        + "class=\"two-factor-secret\">".len();
    let end = body[start..].find('<').expect("its end") + start;
    body[start..end].to_string()
}

/// The recovery codes a page shows.
fn codes_on(page: &Reply) -> Vec<String> {
    let body = page.text();
    let Some(list) = body.split("two-factor-codes__list").nth(1) else {
        return Vec::new();
    };
    let list = &list[..list.find("</ul>").expect("the list's end")];
    list.split("<code>")
        .skip(1)
        .map(|c| c[..c.find('<').expect("code end")].to_string())
        .collect()
}

/// Posts the sign-in form; returns the answer (no session is assumed).
async fn password_step(app: &TestApp, email: &str, password: &str) -> Reply {
    let email = app::domain::encode_query_value(email);
    let password = app::domain::encode_query_value(password);
    app.post_form(
        "/api/sign_in",
        &format!("email={email}&password={password}&next=%2Fcases"),
        None,
    )
    .await
}

/// The challenge cookie of a password step that asked for the second factor (and asserts it
/// opened no session and went to the code page).
fn challenge_of(res: &Reply) -> String {
    assert_eq!(res.status, 302, "{}", res.body);
    assert_eq!(res.header("location"), "/login/code?next=%2Fcases");
    assert_eq!(res.session_cookie(), None, "no session before the code");
    res.set_cookie("portico_sign_in")
        .expect("the challenge cookie")
}

/// Posts `code` for the sign-in waiting under `challenge`.
async fn code_step(app: &TestApp, challenge: &str, code: &str) -> Reply {
    app.post_form(
        "/api/pass_sign_in_code",
        &format!(
            "code={}&next=%2Fcases",
            app::domain::encode_query_value(code)
        ),
        Some(challenge),
    )
    .await
}

/// Sets up and turns on two-factor sign-in for the person of `cookie`; returns the app's key, the
/// code that turned it on and the recovery codes.
async fn turn_on(app: &TestApp, cookie: &str) -> (String, String, Vec<String>) {
    let res = app
        .post_form("/api/start_two_factor", "", Some(cookie))
        .await;
    assert_eq!(
        (res.status.as_u16(), res.header("location")),
        (302, "/account/two-factor"),
        "{}",
        res.body
    );
    let page = app.get("/account/two-factor", &[("cookie", cookie)]).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("<svg") && page.body.contains("QR code for your authenticator app"),
        "a QR code, named for screen readers"
    );
    let secret = secret_on(&page);
    assert_eq!(secret.replace(' ', "").len(), 32, "160 bits: {secret}");

    // A wrong code is said next to the field, and nothing is turned on.
    let wrong = app
        .post_form("/api/turn_on_two_factor", "code=000000", Some(cookie))
        .await;
    assert_eq!(
        wrong.header("location"),
        "/account/two-factor?error=code%3Aerror_code_wrong"
    );
    let page = app
        .get(wrong.header("location"), &[("cookie", cookie)])
        .await;
    assert!(page.text().contains("The code is not correct."));
    assert!(page.body.contains("<svg"), "still setting up");

    let first = app_code(&secret, 0);
    let right = app
        .post_form(
            "/api/turn_on_two_factor",
            &format!("code={first}"),
            Some(cookie),
        )
        .await;
    assert_eq!(right.status, 302, "{}", right.body);
    let shown = right.header("location").to_string();
    assert!(shown.starts_with("/account/two-factor?draft="), "{shown}");
    let page = app.get(&shown, &[("cookie", cookie)]).await;
    let codes = codes_on(&page);
    assert_eq!(codes.len(), 10, "{}", page.body);
    assert!(page.text().contains("Two-factor sign-in is on."));
    assert!(page.text().contains("Unused recovery codes: 10."));
    // The codes are not in any URL, and only their owner's page shows them.
    assert!(!shown.contains(&codes[0]));
    (secret, first, codes)
}

async fn a_customer_signs_in_with_a_code_from_their_app(db: TestDb) {
    let app = TestApp::new(db).await;
    let anna = app.with_customer("anna@acme.example").await;
    let page = app
        .get("/account/two-factor", &[("cookie", &anna.cookie)])
        .await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Two-factor sign-in is off."));
    let (secret, first, codes) = turn_on(&app, &anna.cookie).await;
    let bert = app.with_customer("bert@acme.example").await;
    let theirs = app
        .get(
            &format!(
                "/account/two-factor?draft={}",
                "0".repeat(64) // an unknown draft shows no codes
            ),
            &[("cookie", &bert.cookie)],
        )
        .await;
    assert!(codes_on(&theirs).is_empty());

    // The password alone opens no session: the code page comes next, in the reader's language.
    let res = password_step(&app, "anna@acme.example", PERSON_PASSWORD).await;
    let challenge = challenge_of(&res);
    let page = app
        .get("/login/code?next=%2Fcases", &[("cookie", &challenge)])
        .await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Authentication code"), "{}", page.body);
    assert!(page.body.contains("autocomplete=\"one-time-code\""));
    assert!(!page.body.contains("<svg"), "nothing to set up");
    let nl = app
        .get(
            "/login/code",
            &[("cookie", &challenge), ("accept-language", "nl")],
        )
        .await;
    assert!(nl.text().contains("Verificatiecode"), "{}", nl.body);
    // The challenge cookie is no session.
    let cases = app.get("/cases", &[("cookie", &challenge)]).await;
    assert_eq!(cases.status, 303, "signed out still");

    // The code that turned it on counts once: seen over a shoulder, it does not sign in.
    let replay = code_step(&app, &challenge, &first).await;
    assert_eq!(
        replay.header("location"),
        "/login/code?next=%2Fcases&error=code%3Aerror_code_wrong"
    );
    assert_eq!(replay.session_cookie(), None);
    // The next code signs in (one step of clock drift either way is accepted), and goes on.
    let ok = code_step(&app, &challenge, &app_code(&secret, 1)).await;
    assert_eq!(ok.header("location"), "/cases", "{}", ok.body);
    let session = ok.session_cookie().expect("a session");
    assert_eq!(app.get("/cases", &[("cookie", &session)]).await.status, 200);
    assert!(
        ok.headers
            .get_all("set-cookie")
            .iter()
            .any(|v| v.to_str().unwrap_or("").starts_with("portico_sign_in=;")),
        "the challenge cookie goes"
    );
    // The challenge was used up: the same cookie cannot sign in again.
    let again = code_step(&app, &challenge, &codes[0]).await;
    assert_eq!(
        again.header("location"),
        "/login?next=%2Fcases&error=_form%3Aerror_sign_in_expired"
    );
    let login = app.get(again.header("location"), &[]).await;
    assert!(login.text().contains("This sign-in has expired."));

    // A recovery code signs in once, however it is typed; then it is used up.
    let challenge = challenge_of(&password_step(&app, "anna@acme.example", PERSON_PASSWORD).await);
    let typed = codes[3].to_uppercase().replace('-', " ");
    let ok = code_step(&app, &challenge, &typed).await;
    assert_eq!(ok.header("location"), "/cases");
    assert!(ok.session_cookie().is_some());
    let challenge = challenge_of(&password_step(&app, "anna@acme.example", PERSON_PASSWORD).await);
    let used = code_step(&app, &challenge, &codes[3]).await;
    assert!(
        used.header("location")
            .contains("error=code%3Aerror_code_wrong")
    );
    let page = app
        .get("/account/two-factor", &[("cookie", &session)])
        .await;
    assert!(page.text().contains("Unused recovery codes: 9."));

    // Guessing is throttled per person: five wrong codes in 15 minutes (three above: one while
    // turning it on, the replayed code, the used recovery code), then even a right one waits.
    for _ in 0..2 {
        let res = code_step(&app, &challenge, "123456").await;
        assert!(
            res.header("location")
                .contains("error=code%3Aerror_code_wrong")
        );
    }
    let limited = code_step(&app, &challenge, &codes[4]).await;
    assert!(
        limited
            .header("location")
            .contains("error=_form%3Aerror_rate_limited"),
        "{}",
        limited.header("location")
    );
    assert_eq!(limited.session_cookie(), None);

    // "Forgot password" is no way around it: the temporary password also asks for the code.
    let reset = app
        .post_form(
            "/api/request_password_reset",
            "email=anna%40acme.example",
            None,
        )
        .await;
    assert_eq!(reset.status, 302);
    jobs::drain(&app.state).await;
    let temp = temporary_password_from(&dev_mail(&app).await.last().expect("mail").text_body);
    let res = password_step(&app, "anna@acme.example", &temp).await;
    challenge_of(&res);

    // Nor is a set-password link (staff resend the welcome email).
    let anna_id = anna.id;
    app.state
        .store
        .queue_welcome(anna_id, jobs::welcome_job)
        .await
        .expect("welcome");
    jobs::drain(&app.state).await;
    let token = token_from(&dev_mail(&app).await.last().expect("mail").text_body);
    let res = app
        .post_form(
            "/api/set_password_with_link",
            &format!(
                "token={token}&new_password=a+brand+new+passphrase&confirm_password=a+brand+new+passphrase"
            ),
            None,
        )
        .await;
    assert_eq!(res.status, 302, "{}", res.body);
    assert_eq!(res.header("location"), "/login/code?next=%2F");
    assert_eq!(res.session_cookie(), None, "the link opens no session");
    assert!(res.set_cookie("portico_sign_in").is_some());
}

async fn turning_it_off_and_new_recovery_codes_need_a_code(db: TestDb) {
    let app = TestApp::new(db).await;
    let anna = app.with_customer("anna@acme.example").await;
    let (secret, _, codes) = turn_on(&app, &anna.cookie).await;
    // New recovery codes need a code from the app (not a recovery code); the old ones stop.
    let refused = app
        .post_form(
            "/api/renew_recovery_codes",
            &format!("code={}", codes[0]),
            Some(&anna.cookie),
        )
        .await;
    assert!(
        refused
            .header("location")
            .contains("error=code%3Aerror_code_wrong")
    );
    let renewed = app
        .post_form(
            "/api/renew_recovery_codes",
            &format!("code={}", app_code(&secret, 1)),
            Some(&anna.cookie),
        )
        .await;
    let page = app
        .get(renewed.header("location"), &[("cookie", &anna.cookie)])
        .await;
    let fresh = codes_on(&page);
    assert_eq!(fresh.len(), 10);
    assert!(fresh.iter().all(|c| !codes.contains(c)));
    // Turning it off takes a recovery code too; then the password alone signs in again.
    let off = app
        .post_form(
            "/api/turn_off_two_factor",
            &format!("code={}", codes[1]),
            Some(&anna.cookie),
        )
        .await;
    assert!(
        off.header("location")
            .contains("error=code%3Aerror_code_wrong"),
        "an old code"
    );
    let off = app
        .post_form(
            "/api/turn_off_two_factor",
            &format!("code={}", fresh[1]),
            Some(&anna.cookie),
        )
        .await;
    assert_eq!(off.header("location"), "/account/two-factor?off=1");
    let page = app
        .get("/account/two-factor?off=1", &[("cookie", &anna.cookie)])
        .await;
    assert!(page.text().contains("Two-factor sign-in is now off."));
    let res = password_step(&app, "anna@acme.example", PERSON_PASSWORD).await;
    assert_eq!(res.header("location"), "/cases");
    assert!(res.session_cookie().is_some());
}

async fn admins_require_it_of_staff(db: TestDb) {
    let app = TestApp::new(db).await;
    let admin = app.with_admin("admin@vendor.example").await;
    app.with_agent("agent@vendor.example").await;
    let anna = app.with_customer("anna@acme.example").await;
    // Only admins set the rule.
    let refused = app
        .post_form(
            "/api/save_two_factor_rule",
            "require_staff_two_factor=on",
            Some(&anna.cookie),
        )
        .await;
    assert_eq!(refused.status, 403);
    let page = app
        .get("/admin/settings", &[("cookie", &admin.cookie)])
        .await;
    assert!(
        page.text()
            .contains("Require two-factor sign-in for support staff")
    );
    let set = app
        .post_form(
            "/api/save_two_factor_rule",
            "require_staff_two_factor=on",
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(set.header("location"), "/admin/settings?saved=1");
    let page = app
        .get("/admin/settings", &[("cookie", &admin.cookie)])
        .await;
    assert!(
        page.body.contains("name=\"require_staff_two_factor\"") && page.body.contains("checked"),
        "the box stays ticked"
    );

    // The agent, without an app, sets one up before any session exists.
    let res = password_step(&app, "agent@vendor.example", PERSON_PASSWORD).await;
    let challenge = challenge_of(&res);
    let page = app.get("/login/code", &[("cookie", &challenge)]).await;
    assert!(
        page.text()
            .contains("Administrators require two-factor sign-in")
    );
    assert!(page.body.contains("<svg"));
    let secret = secret_on(&page);
    let ok = code_step(&app, &challenge, &app_code(&secret, 0)).await;
    let session = ok.session_cookie().expect("a session");
    // First the recovery codes, shown once.
    assert!(
        ok.header("location")
            .starts_with("/account/two-factor?draft="),
        "{}",
        ok.header("location")
    );
    let page = app
        .get(ok.header("location"), &[("cookie", &session)])
        .await;
    assert_eq!(codes_on(&page).len(), 10);
    assert!(
        page.text()
            .contains("Administrators require it for support staff.")
    );
    assert!(!page.text().contains("Turn off two-factor sign-in"));
    let off = app
        .post_form(
            "/api/turn_off_two_factor",
            &format!("code={}", codes_on(&page)[0]),
            Some(&session),
        )
        .await;
    assert!(
        off.header("location")
            .contains("error=code%3Aerror_two_factor_required")
    );
    // Next time the agent gives a code, as anyone with an app does.
    challenge_of(&password_step(&app, "agent@vendor.example", PERSON_PASSWORD).await);
    // Customers are not staff: the rule asks nothing of them.
    let res = password_step(&app, "anna@acme.example", PERSON_PASSWORD).await;
    assert!(res.session_cookie().is_some());
    // The admin too sets one up at the next sign-in.
    challenge_of(&password_step(&app, "admin@vendor.example", PERSON_PASSWORD).await);
}

on_both_backends!(
    a_customer_signs_in_with_a_code_from_their_app,
    turning_it_off_and_new_recovery_codes_need_a_code,
    admins_require_it_of_staff
);
