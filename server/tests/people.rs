//! Each person's language and time zone, and the ways in: a signed-in person reads pages in their
//! saved language whatever the browser last chose, the header's switch changes it (and so their
//! emails), everyone sets language and zone on their settings page and dates follow them; people
//! without an account ask for access (never told whether the address has one), contacts ask for a
//! colleague, staff approve (a welcomed contact) or decline (the reason by email); admins set the
//! support phone and address the sign-in page shows. Every scenario runs on SQLite and PostgreSQL.
mod common;

use app::backend::jobs;
use app::domain::{Language, Role};
use common::{PERSON_PASSWORD, TestApp, TestDb};

const JSON: &str = "application/json";

async fn call(app: &TestApp, path: &str, body: &str, cookie: Option<&str>) -> common::Reply {
    app.post_form_from("192.0.2.1", path, body, cookie, JSON)
        .await
}

/// The subjects of the emails sent so far to `to`.
async fn subjects_to(app: &TestApp, to: &str) -> Vec<String> {
    jobs::drain(&app.state).await;
    let mut mail = app.state.store.list_dev_mail(50).await.expect("mail");
    mail.reverse();
    mail.into_iter()
        .filter(|m| m.to_addr == to)
        .map(|m| m.subject)
        .collect()
}

async fn the_saved_language_decides_pages_and_emails_and_the_switch_changes_it(db: TestDb) {
    let app = TestApp::new(db).await;
    app.add_user_speaking(
        "sanne@acme.example",
        Role::Customer,
        PERSON_PASSWORD,
        Language::Nl,
    )
    .await;
    let session = app
        .sign_in("sanne@acme.example", "correct+horse+battery")
        .await;
    // The browser last chose English: Sanne still reads Dutch, and the answer corrects the cookie.
    let cookie = format!("{session}; i18n_pref_locale=en");
    let home = app.get("/", &[("cookie", &cookie)]).await;
    assert!(
        home.text().contains("Hoe kunnen we u helpen?"),
        "{}",
        home.text()
    );
    assert!(home.body.contains(r#"lang="nl""#));
    assert!(
        home.header("set-cookie")
            .starts_with("i18n_pref_locale=nl;"),
        "{}",
        home.header("set-cookie")
    );

    // The switch saves Russian as hers and says so, in Russian.
    let switched = app
        .post_form(
            "/lang",
            "lang=ru&back=%2Fcases%3Fview%3Dall",
            Some(&session),
        )
        .await;
    assert_eq!(switched.status, 303);
    assert_eq!(
        switched.header("location"),
        "/cases?view=all&language_saved=1"
    );
    assert!(
        switched
            .header("set-cookie")
            .starts_with("i18n_pref_locale=ru;")
    );
    let back = app
        .get("/cases?view=all&language_saved=1", &[("cookie", &session)])
        .await;
    assert!(
        back.text()
            .contains("Теперь портал говорит с вами по-русски"),
        "{}",
        back.text()
    );
    let user = app
        .state
        .store
        .find_user_by_email("sanne@acme.example")
        .await
        .expect("store")
        .expect("sanne");
    assert_eq!(user.language, Language::Ru);

    // Her next email is Russian too.
    let reset = call(
        &app,
        "/api/request_password_reset",
        "email=sanne%40acme.example",
        None,
    )
    .await;
    assert_eq!(reset.status, 200, "{}", reset.body);
    assert_eq!(
        subjects_to(&app, "sanne@acme.example").await,
        ["Временный пароль для портала пользователя"]
    );

    // Signed out, the switch only sets the cookie (and says nothing of anyone's account).
    let anonymous = app.post_form("/lang", "lang=nl&back=%2Flogin", None).await;
    assert_eq!(anonymous.header("location"), "/login");
    app.assert_outbox_empty().await;
}

async fn everyone_sets_language_and_time_zone_and_dates_follow_them(db: TestDb) {
    let app = TestApp::new(db).await;
    let anna = app.with_customer("anna@acme.example").await;

    // First signed-in page: the browser's zone is saved once, never over a chosen one.
    let guessed = call(
        &app,
        "/api/guess_time_zone",
        "time_zone=Europe%2FMoscow",
        Some(&anna.cookie),
    )
    .await;
    assert_eq!(guessed.body, "true");
    let again = call(
        &app,
        "/api/guess_time_zone",
        "time_zone=Asia%2FTokyo",
        Some(&anna.cookie),
    )
    .await;
    assert_eq!(again.body, "false");
    let page = app
        .get("/account/settings", &[("cookie", &anna.cookie)])
        .await;
    assert!(
        page.body
            .contains(r#"<option value="Europe/Moscow" selected"#),
        "{}",
        page.body
    );

    // A zone that is not one is refused next to its field; nothing changes.
    let bad = app
        .post_form(
            "/api/save_own_settings",
            "language=nl&time_zone=Mars%2FOlympus",
            Some(&anna.cookie),
        )
        .await;
    assert_eq!(bad.status, 302);
    assert!(
        bad.header("location")
            .contains("error=time_zone%3Aerror_time_zone_invalid"),
        "{}",
        bad.header("location")
    );
    let saved = app
        .post_form(
            "/api/save_own_settings",
            "language=nl&time_zone=America%2FNew_York",
            Some(&anna.cookie),
        )
        .await;
    assert_eq!(saved.header("location"), "/account/settings?saved=1");
    let page = app
        .get("/account/settings?saved=1", &[("cookie", &anna.cookie)])
        .await;
    assert!(
        page.text().contains("Uw instellingen zijn opgeslagen."),
        "{}",
        page.text()
    );

    // A date on a page: Dutch order, New York's clock, no "UTC"; a recent one reads "… geleden".
    app.state
        .store
        .ensure_product("PlanManager", true)
        .await
        .expect("product");
    let created = call(
        &app,
        "/api/create_case",
        "subject=Planning+is+empty&description=Since+Monday&product=PlanManager&country=",
        Some(&anna.cookie),
    )
    .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let opened: serde_json::Value = serde_json::from_str(&created.body).expect("JSON");
    let number = opened["number"].as_i64().expect("number");
    let case = app
        .state
        .store
        .case_detail(number)
        .await
        .expect("store")
        .expect("case");
    let new_york = app::backend::time::zone("America/New_York", Language::Nl);
    let written = app::backend::time::absolute(case.opened_at, Language::Nl, new_york);
    let page = app
        .get(&format!("/cases/{number:08}"), &[("cookie", &anna.cookie)])
        .await;
    let text = page.text();
    assert!(text.contains(&written), "{written} in {text}");
    assert!(!text.contains(" UTC"), "{text}");
    let in_amsterdam = app::backend::time::absolute(
        case.opened_at,
        Language::Nl,
        app::backend::time::zone("Europe/Amsterdam", Language::Nl),
    );
    assert!(
        !text.contains(&in_amsterdam),
        "New York's clock, not Amsterdam's"
    );
    let list = app
        .get("/cases?view=mine", &[("cookie", &anna.cookie)])
        .await;
    assert!(
        list.text().contains("een paar seconden geleden"),
        "{}",
        list.text()
    );
    assert!(
        list.body.contains(&format!(r#"title="{written}""#)),
        "{}",
        list.body
    );
    // Customers and staff alike may not set another person's settings: there is no such field.
    let anonymous = call(
        &app,
        "/api/save_own_settings",
        "language=nl&time_zone=UTC",
        None,
    )
    .await;
    assert_eq!(anonymous.status, 401);
    app.assert_outbox_empty().await;
}

async fn access_requests_reach_staff_who_approve_or_decline(db: TestDb) {
    let app = TestApp::new(db).await;
    let agent = app.with_agent("daan@vendor.example").await;
    let anna = app.with_customer("anna@acme.example").await;
    let company = app
        .state
        .store
        .find_account_by_name("Company of anna@acme.example")
        .await
        .expect("store")
        .expect("company");

    // Someone new and someone who has an account ask alike and are answered alike.
    let new = call(
        &app,
        "/api/request_access",
        "name=Karel+Peeters&email=karel%40acme.example&company=Company+of+anna%40acme.example&message=I+run+the+body+shop",
        None,
    )
    .await;
    let existing = call(
        &app,
        "/api/request_access",
        "name=Anna&email=anna%40acme.example&company=Acme&message=",
        None,
    )
    .await;
    assert_eq!((new.status.as_u16(), existing.status.as_u16()), (200, 200));
    assert_eq!(new.body, existing.body);
    assert_eq!(
        subjects_to(&app, "karel@acme.example").await,
        ["We received your request for portal access"]
    );
    assert_eq!(
        subjects_to(&app, "anna@acme.example").await,
        ["You already have access to the customer portal"]
    );

    // Bad input: next to its field.
    let bad = app
        .post_form(
            "/api/request_access",
            "name=&email=not-an-address&company=",
            None,
        )
        .await;
    let location = bad.header("location");
    for field in ["name", "email", "company"] {
        assert!(
            location.contains(&format!("error={field}%3A")),
            "{location}"
        );
    }

    // Staff see Karel's request (not Anna's, answered already), with the matching company.
    let list = app.get("/desk/access", &[("cookie", &agent.cookie)]).await;
    assert!(list.text().contains("Karel Peeters"), "{}", list.text());
    assert!(!list.text().contains("Waiting for a decision Anna"));
    let requests = app
        .state
        .store
        .list_access_requests(true, 10)
        .await
        .expect("requests");
    assert_eq!(requests.len(), 1);
    let karel = requests[0].id;
    let page = app
        .get(
            &format!("/desk/access/{karel}"),
            &[("cookie", &agent.cookie)],
        )
        .await;
    assert!(
        page.body
            .contains(&format!(r#"<option value="{}" selected"#, company.id)),
        "the company of that name is chosen: {}",
        page.body
    );
    // Customers see none of it.
    let peek = app.get("/desk/access", &[("cookie", &anna.cookie)]).await;
    assert!(!peek.text().contains("Karel"));
    let forbidden = call(
        &app,
        "/api/approve_access_request",
        &format!("request={karel}&account={}&language=nl", company.id),
        Some(&anna.cookie),
    )
    .await;
    assert_eq!(forbidden.status, 403);

    // Approved: a contact with access, welcomed in the chosen language; once only.
    let approved = app
        .post_form(
            "/api/approve_access_request",
            &format!("request={karel}&account={}&language=nl", company.id),
            Some(&agent.cookie),
        )
        .await;
    assert_eq!(
        approved.header("location"),
        format!("/desk/access?approved={karel}")
    );
    let contact = app
        .state
        .store
        .find_user_by_email("karel@acme.example")
        .await
        .expect("store")
        .expect("karel is a contact");
    assert_eq!(contact.account_id, Some(company.id));
    assert!(contact.active);
    assert_eq!(contact.language, Language::Nl);
    let subjects = subjects_to(&app, "karel@acme.example").await;
    assert_eq!(
        subjects.last().map(String::as_str),
        Some("Welkom bij het klantenportaal")
    );
    let twice = call(
        &app,
        "/api/approve_access_request",
        &format!("request={karel}&account={}&language=nl", company.id),
        Some(&agent.cookie),
    )
    .await;
    assert_eq!(twice.status, 422, "{}", twice.body);
    assert!(
        twice.body.contains("error_request_decided"),
        "{}",
        twice.body
    );

    // A contact asks for a colleague: their own company, whatever they type; declined with a reason.
    let colleague = call(
        &app,
        "/api/request_access",
        "name=Lotte&email=lotte%40acme.example&company=Someone+else",
        Some(&anna.cookie),
    )
    .await;
    assert_eq!(colleague.status, 200, "{}", colleague.body);
    jobs::drain(&app.state).await;
    let lotte = app
        .state
        .store
        .open_access_request_of("lotte@acme.example")
        .await
        .expect("store")
        .expect("lotte's request");
    assert_eq!(lotte.company, "Company of anna@acme.example");
    assert_eq!(lotte.account_id, Some(company.id));
    assert_eq!(lotte.requested_by_name.as_deref(), Some("Anna de Boer"));
    let no_reason = call(
        &app,
        "/api/decline_access_request",
        &format!("request={}&reason=+", lotte.id),
        Some(&agent.cookie),
    )
    .await;
    assert_eq!(no_reason.status, 422);
    let declined = call(
        &app,
        "/api/decline_access_request",
        &format!(
            "request={}&reason=Your+company+has+three+contacts+already",
            lotte.id
        ),
        Some(&agent.cookie),
    )
    .await;
    assert_eq!(declined.status, 200, "{}", declined.body);
    jobs::drain(&app.state).await;
    let mail = app.state.store.list_dev_mail(50).await.expect("mail");
    let to_lotte: Vec<_> = mail
        .iter()
        .filter(|m| m.to_addr == "lotte@acme.example")
        .collect();
    assert_eq!(to_lotte.len(), 2, "the acknowledgement, then the answer");
    let answer = to_lotte
        .iter()
        .find(|m| m.subject == "Your request for portal access")
        .expect("the answer");
    assert!(
        answer
            .text_body
            .contains("The reason: Your company has three contacts already")
    );

    // Asking again and again is throttled per address.
    for _ in 0..2 {
        call(
            &app,
            "/api/request_access",
            "name=Karel&email=flood%40acme.example&company=Acme",
            None,
        )
        .await;
    }
    let third = call(
        &app,
        "/api/request_access",
        "name=Karel&email=flood%40acme.example&company=Acme",
        None,
    )
    .await;
    assert_eq!(third.status, 200, "the third of a day still counts");
    let fourth = call(
        &app,
        "/api/request_access",
        "name=Karel&email=flood%40acme.example&company=Acme",
        None,
    )
    .await;
    assert_eq!(fourth.status, 429, "{}", fourth.body);
    app.assert_outbox_empty().await;
}

async fn admins_set_the_support_phone_and_address_everyone_sees(db: TestDb) {
    let app = TestApp::new(db).await;
    let admin = app.with_admin("admin@vendor.example").await;
    let agent = app.with_agent("daan@vendor.example").await;
    // The configured defaults first.
    let login = app.get("/login", &[]).await;
    let text = login.text();
    assert!(text.contains("Three ways to ask for support"), "{text}");
    assert!(text.contains("+31 20 555 0100"), "{text}");
    assert!(login.body.contains(r#"href="tel:+31205550100""#));
    assert!(login.body.contains(r#"href="mailto:support@portico.test""#));
    assert!(text.contains("No access yet?"));
    assert!(login.body.contains(r#"href="/access/request""#));

    let refused = call(
        &app,
        "/api/save_support_settings",
        "phone=0800&email=x%40y.example",
        Some(&agent.cookie),
    )
    .await;
    assert_eq!(refused.status, 403);
    let bad = call(
        &app,
        "/api/save_support_settings",
        "phone=0800&email=nope",
        Some(&admin.cookie),
    )
    .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("error_email_invalid"), "{}", bad.body);
    let saved = call(
        &app,
        "/api/save_support_settings",
        "phone=%2B7+495+123-45-67&email=",
        Some(&admin.cookie),
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let login = app.get("/login", &[]).await;
    assert!(login.text().contains("+7 495 123-45-67"));
    assert!(login.body.contains(r#"href="tel:+74951234567""#));
    assert!(
        !login.body.contains("mailto:"),
        "an emptied address is not shown"
    );
    app.assert_outbox_empty().await;
}

on_both_backends!(
    the_saved_language_decides_pages_and_emails_and_the_switch_changes_it,
    everyone_sets_language_and_time_zone_and_dates_follow_them,
    access_requests_reach_staff_who_approve_or_decline,
    admins_set_the_support_phone_and_address_everyone_sees
);
