//! A shared cast for case tests: Anna and Carl at Acme, Bert at another company, an agent and an
//! admin, all signed in; case 00000001 is Anna's, case 00000002 Bert's. Plus the dev mailbox as a
//! list of new emails.
use super::{Reply, TestApp, TestDb};
use app::backend::jobs;
use axum::body::Body;
use http::Request;

/// Everyone's password.
pub const PASSWORD: &str = super::PERSON_PASSWORD;
/// Ask for server functions' JSON answers.
pub const JSON: &str = "application/json";

/// The app and everyone's session cookie.
pub struct World {
    pub app: TestApp,
    pub anna: String,
    pub carl: String,
    pub bert: String,
    pub agent: String,
    pub admin: String,
}

/// Calls a server function (form-encoded, JSON answer) as `cookie`.
pub async fn call(app: &TestApp, path: &str, body: &str, cookie: Option<&str>) -> Reply {
    app.post_form_from("192.0.2.1", path, body, cookie, JSON)
        .await
}

/// Anna and Carl at Acme, Bert elsewhere, an agent and an admin; case 1 is Anna's, case 2 Bert's.
pub async fn setup(db: TestDb) -> World {
    let app = TestApp::new(db).await;
    let anna = app.with_customer("anna@acme.example").await.cookie;
    app.add_colleague("carl@acme.example", "Carl Acme", "anna@acme.example")
        .await;
    let w = World {
        anna,
        carl: app.sign_in("carl@acme.example", PASSWORD).await,
        bert: app.with_customer("bert@other.example").await.cookie,
        agent: app.with_agent("agent@vendor.example").await.cookie,
        admin: app.with_admin("admin@vendor.example").await.cookie,
        app,
    };
    for (cookie, subject) in [(&w.anna, "Printer+jams"), (&w.bert, "Bert+secret+case")] {
        let res = call(
            &w.app,
            "/api/create_case",
            &format!("subject={subject}"),
            Some(cookie),
        )
        .await;
        assert_eq!(res.status, 200, "{}", res.body);
    }
    jobs::drain(&w.app.state).await;
    w
}

/// Emails in the dev mailbox since the last call, as (to, text).
pub async fn new_mail(app: &TestApp, seen: &mut usize) -> Vec<(String, String)> {
    jobs::drain(&app.state).await;
    let mut all = app.state.store.list_dev_mail(500).await.expect("mail");
    all.sort_by_key(|m| m.id);
    let fresh: Vec<(String, String)> = all
        .iter()
        .skip(*seen)
        .map(|m| (m.to_addr.clone(), format!("{}\n{}", m.subject, m.text_body)))
        .collect();
    *seen = all.len();
    fresh
}

/// The addresses of `mail`, sorted.
pub fn recipients(mail: &[(String, String)]) -> Vec<String> {
    let mut to: Vec<String> = mail.iter().map(|(t, _)| t.clone()).collect();
    to.sort();
    to
}

/// The person with `email`, as stored.
pub async fn user_of(w: &World, email: &str) -> app::backend::store::UserRow {
    w.app
        .state
        .store
        .find_user_by_email(email)
        .await
        .expect("store")
        .unwrap_or_else(|| panic!("no person with {email}"))
}

/// The id of the person with `email`.
pub async fn id_of(w: &World, email: &str) -> app::domain::UserId {
    user_of(w, email).await.id
}

/// The id of the company `with_customer` made for `email` ("Company of EMAIL").
pub async fn company_of(w: &World, email: &str) -> app::domain::AccountId {
    w.app
        .state
        .store
        .find_account_by_name(&format!("Company of {email}"))
        .await
        .expect("store")
        .unwrap_or_else(|| panic!("the company of {email}"))
        .id
}

/// Makes a token on the account page as the person of `cookie`; returns it as the page shows it
/// (once).
pub async fn make_token(w: &World, cookie: &str, name: &str, scope: &str) -> String {
    let made = w
        .app
        .post_form(
            "/api/create_api_token",
            &format!(
                "token_name={}&scope={scope}&days=90",
                app::domain::encode_query_value(name)
            ),
            Some(cookie),
        )
        .await;
    assert_eq!(made.status, 302, "{}", made.body);
    let page = w
        .app
        .get(made.header("location"), &[("cookie", cookie)])
        .await
        .text();
    let start = page
        .find("class=\"token-created__value\">")
        .expect("the new token on the page")
        + "class=\"token-created__value\">".len();
    let token = page[start..start + page[start..].find('<').expect("its end")].to_string();
    assert!(token.starts_with("pat_") && token.len() == 68, "{token}");
    token
}

/// One REST API request with `token` (`None`: without one) and a JSON body.
pub async fn api(
    w: &World,
    method: &str,
    path: &str,
    token: Option<&str>,
    json: Option<&str>,
) -> Reply {
    let mut req = Request::builder().method(method).uri(path);
    if let Some(token) = token {
        req = req.header("authorization", format!("Bearer {token}"));
    }
    if json.is_some() {
        req = req.header("content-type", "application/json");
    }
    let req = req
        .body(Body::from(json.unwrap_or_default().to_string()))
        .expect("request");
    Reply::read(w.app.send_as_is(req).await).await
}

/// Support publishes an English article, "Clearing a paper jam" (its body: "Pull the sheet.");
/// returns the save's answer (the article's number in it).
pub async fn publish_paper_jam_article(w: &World) -> Reply {
    let saved = call(
        &w.app,
        "/api/save_article",
        "title=Clearing+a+paper+jam&summary=Open+the+front+door.&body=Pull+the+sheet.\
         &language=en&category=documentation&status=published",
        Some(&w.agent),
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    saved
}
