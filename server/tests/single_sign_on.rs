//! Single sign-on with OpenID Connect (issue #19, part 1) through the real router on SQLite and
//! PostgreSQL, against a real provider on loopback: panva's oidc-provider (npm), started by
//! `end2end/oidc-provider.mjs`. A browser's part is played by hand: Portico's start route, the
//! provider's authorization endpoint and sign-in form, then Portico's callback with the cookie.
//!
//! What must hold: an admin registers the provider (discovery is read first); an invited person
//! the provider serves signs in and lands where they were going; nobody else does: not an address
//! without an account, not one outside the provider's domains, not a company it does not serve,
//! not staff unless it serves staff; an ID token for another audience or an expired one is
//! refused, and so is a replayed callback; the second factor is still asked; every refusal says
//! why on the sign-in page, and the audit log has the sign-in and the provider's registration.
mod common;

use common::{PERSON_PASSWORD, Reply, TestApp, TestDb};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use std::io::BufRead;

/// The client id and secret Portico is registered with at the test provider.
const CLIENT_ID: &str = "portico";
const CLIENT_SECRET: &str = "portico-test-secret";

/// The OpenID provider process.
struct Provider {
    issuer: String,
    child: std::process::Child,
}

impl Provider {
    /// Starts the provider on a free port with Portico's callback as its client's redirect URI.
    /// `conform`: scope claims (the email) only from userinfo, not in the ID token.
    fn start(conform: bool) -> Self {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../end2end/oidc-provider.mjs");
        let mut child = std::process::Command::new("node")
            .arg(script)
            .env("CLIENT_ID", CLIENT_ID)
            .env("CLIENT_SECRET", CLIENT_SECRET)
            .env("REDIRECT_URIS", "http://portico.test/auth/oidc/callback")
            .env("CONFORM", if conform { "1" } else { "0" })
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start node end2end/oidc-provider.mjs (`make test` installs its npm packages)");
        let mut line = String::new();
        let mut stdout = std::io::BufReader::new(child.stdout.take().expect("stdout"));
        stdout.read_line(&mut line).expect("provider output");
        // Whatever it prints later is read and dropped: a closed pipe would end the process.
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        let started: serde_json::Value = serde_json::from_str(line.trim())
            .unwrap_or_else(|_| panic!("the provider did not start: {line:?}"));
        let issuer = started["issuer"].as_str().expect("issuer").to_string();
        Self { issuer, child }
    }

    /// Makes the provider's next ID token carry `change` (`aud`, `expired`, `email`).
    async fn next_id_token(&self, change: serde_json::Value) {
        let answer = Browser::default()
            .send(
                http::Method::POST,
                &format!("{}/__test/next-id-token", self.issuer),
                Some(change.to_string()),
            )
            .await;
        assert_eq!(answer.0, 204);
    }
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The provider's side of a browser: its cookies, sent back to the provider.
#[derive(Default)]
struct Browser {
    cookies: Vec<(String, String)>,
}

impl Browser {
    /// One request to the provider: status, `Location`, body.
    async fn send(
        &mut self,
        method: http::Method,
        url: &str,
        form: Option<String>,
    ) -> (u16, String, String) {
        let client: Client<HttpConnector, Full<Bytes>> =
            Client::builder(hyper_util::rt::TokioExecutor::new()).build_http();
        let cookie = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let mut request = http::Request::builder().method(method).uri(url);
        if !cookie.is_empty() {
            request = request.header("cookie", cookie);
        }
        if form.is_some() {
            request = request.header("content-type", "application/x-www-form-urlencoded");
        }
        let request = request
            .body(Full::new(Bytes::from(form.unwrap_or_default())))
            .expect("request");
        let response = client.request(request).await.expect("the provider answers");
        for value in response.headers().get_all("set-cookie") {
            let pair = value
                .to_str()
                .expect("cookie")
                .split(';')
                .next()
                .unwrap_or("");
            if let Some((name, value)) = pair.split_once('=') {
                self.cookies.retain(|(k, _)| k != name);
                if !value.is_empty() {
                    self.cookies.push((name.to_string(), value.to_string()));
                }
            }
        }
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        (
            status,
            location,
            String::from_utf8_lossy(&body).into_owned(),
        )
    }

    /// Signs in at the provider's page of `authorize` as `email`; returns where the provider sends
    /// the browser back to (Portico's callback, as a local path).
    async fn sign_in_at_provider(&mut self, issuer: &str, authorize: &str, email: &str) -> String {
        let (status, interaction, _) = self.send(http::Method::GET, authorize, None).await;
        assert!(
            status == 303 || status == 302,
            "authorize answered {status}"
        );
        let interaction = absolute(issuer, &interaction);
        let (status, _, page) = self.send(http::Method::GET, &interaction, None).await;
        assert_eq!(status, 200);
        assert!(page.contains("<label for=\"email\">Email address</label>"));
        let form = format!("email={}", app::domain::encode_query_value(email));
        let (_, resume, _) = self
            .send(http::Method::POST, &interaction, Some(form))
            .await;
        let (_, back, _) = self
            .send(http::Method::GET, &absolute(issuer, &resume), None)
            .await;
        back.strip_prefix("http://portico.test")
            .unwrap_or_else(|| panic!("the provider sent the browser to {back:?}"))
            .to_string()
    }
}

/// `location` as an absolute URL at `issuer`.
fn absolute(issuer: &str, location: &str) -> String {
    if location.starts_with("http") {
        location.to_string()
    } else {
        format!("{issuer}{location}")
    }
}

/// The admin registers the provider through the form; returns its id.
async fn register(app: &TestApp, admin: &str, provider: &Provider, name: &str, extra: &str) -> i64 {
    let body = format!(
        "name={}&issuer={}&client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}\
         &allowed_domains=acme.example+vendor.example&active=on{extra}",
        app::domain::encode_query_value(name),
        app::domain::encode_query_value(&provider.issuer),
    );
    let saved = app
        .post_form("/api/save_identity_provider", &body, Some(admin))
        .await;
    assert_eq!(saved.status, 302, "{}", saved.body);
    let location = saved.header("location");
    location
        .strip_prefix("/admin/sign-in/")
        .and_then(|rest| rest.strip_suffix("?saved=1"))
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("saved to {location:?}"))
}

/// A whole sign-in through provider `id` as `email`, from the sign-in page's button to Portico's
/// answer at the callback (with the browser's Portico cookies `cookies`).
async fn sign_in_through(
    app: &TestApp,
    provider: &Provider,
    id: i64,
    email: &str,
) -> (Reply, String) {
    let start = app
        .get(&format!("/auth/oidc/{id}/start?next=%2Fcases"), &[])
        .await;
    assert_eq!(start.status, 303, "{}", start.body);
    let flow = start.set_cookie("portico_sso").expect("the sign-in cookie");
    let authorize = start.header("location").to_string();
    assert!(authorize.starts_with(&format!("{}/auth?", provider.issuer)));
    for part in [
        "response_type=code",
        "client_id=portico",
        "code_challenge_method=S256",
        "state=",
        "nonce=",
        "redirect_uri=http%3A%2F%2Fportico.test%2Fauth%2Foidc%2Fcallback",
    ] {
        assert!(authorize.contains(part), "{part} in {authorize}");
    }
    let back = Browser::default()
        .sign_in_at_provider(&provider.issuer, &authorize, email)
        .await;
    assert!(back.starts_with("/auth/oidc/callback?code="), "{back}");
    let answer = app.get(&back, &[("cookie", &flow)]).await;
    (answer, back)
}

/// Whose session `cookie` carries, as "who am I" answers.
async fn who(app: &TestApp, cookie: &str) -> Option<i64> {
    let me = common::world::call(app, "/api/get_current_user", "", Some(cookie)).await;
    let me: serde_json::Value = serde_json::from_str(&me.body).expect("JSON");
    me["id"].as_i64()
}

/// The sign-in page's message after a refused sign-in.
async fn message_after(app: &TestApp, answer: &Reply) -> String {
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_eq!(answer.session_cookie(), None, "no session");
    let location = answer.header("location");
    assert!(location.starts_with("/login?"), "{location}");
    let page = app.get(location, &[]).await;
    let text = page.text();
    let at = text
        .find("id=\"sign-in-error\"")
        .unwrap_or_else(|| panic!("a message at {location}: {text}"));
    let start = at + text[at..].find('>').expect("the tag's end") + 1;
    text[start..start + text[start..].find('<').expect("its end")].to_string()
}

/// An app with an admin and Anna of Acme, and a provider "Acme Login" registered for Acme.
struct AcmeLogin {
    app: TestApp,
    provider: Provider,
    admin: common::Person,
    anna: common::Person,
    acme: app::domain::AccountId,
    id: i64,
}

async fn acme_login(db: TestDb) -> AcmeLogin {
    let app = TestApp::new(db).await;
    let provider = Provider::start(false);
    let admin = app.with_admin("admin@vendor.example").await;
    let anna = app.with_customer("anna@acme.example").await;
    let acme = app
        .state
        .store
        .find_sign_in_user("anna@acme.example")
        .await
        .expect("store")
        .and_then(|u| u.account_id)
        .expect("Anna's company");
    let id = register(
        &app,
        &admin.cookie,
        &provider,
        "Acme Login",
        &format!("&companies%5B%5D={acme}"),
    )
    .await;
    AcmeLogin {
        app,
        provider,
        admin,
        anna,
        acme,
        id,
    }
}

async fn an_invited_customer_signs_in_with_their_company_provider(db: TestDb) {
    let AcmeLogin {
        app,
        provider,
        admin,
        anna,
        id,
        ..
    } = acme_login(db).await;

    // The sign-in page offers it.
    let login = app.get("/login", &[]).await;
    assert!(
        login.text().contains("Sign in with Acme Login"),
        "the button"
    );
    assert!(
        login
            .text()
            .contains(&format!("href=\"/auth/oidc/{id}/start?next=%2F\""))
    );

    let (answer, callback) = sign_in_through(&app, &provider, id, "anna@acme.example").await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_eq!(answer.header("location"), "/cases");
    let session = answer.session_cookie().expect("a session");
    let cases = app.get("/cases", &[("cookie", &session)]).await;
    assert_eq!(cases.status, 200);
    assert_eq!(who(&app, &session).await, Some(anna.id.0));

    // The same answer again (a replayed state and code) finds no sign-in under way.
    let flowless = app.get(&callback, &[]).await;
    assert_eq!(
        message_after(&app, &flowless).await,
        "This sign-in has expired. Please sign in again."
    );

    // The audit log: the registration and the sign-in through the provider.
    let audit = app
        .get("/admin/audit", &[("cookie", &admin.cookie)])
        .await
        .text();
    assert!(audit.contains("Identity provider added"));
    assert!(audit.contains("provider=Acme Login"));
    // No secret anywhere an admin reads it.
    assert!(!audit.contains(CLIENT_SECRET));
    let page = app
        .get(
            &format!("/admin/sign-in/{id}"),
            &[("cookie", &admin.cookie)],
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(
        !page.body.contains(CLIENT_SECRET),
        "the secret is never shown"
    );
    assert!(
        page.text()
            .contains("http://portico.test/auth/oidc/callback")
    );
    // Her data's export says who the provider says she is; erasing her forgets it.
    let (zip, bytes) = app
        .get_bytes(
            &format!("/staff/people/{}/personal-data.zip", anna.id.0),
            &[("cookie", &admin.cookie)],
        )
        .await;
    assert_eq!(zip.status, 200);
    let identities: serde_json::Value = serde_json::from_slice(
        common::unzip(&bytes)
            .get("identities.json")
            .expect("identities.json"),
    )
    .expect("JSON");
    assert_eq!(identities[0]["provider"], "Acme Login");
    assert_eq!(identities[0]["subject"], "anna@acme.example");
    let erased = app
        .post_form(
            "/api/erase_personal_data",
            &format!("user_id={}&confirm_email=anna%40acme.example", anna.id.0),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(erased.status, 302, "{}", erased.body);
    let id = app::domain::IdentityProviderId(id);
    assert_eq!(
        app.state
            .store
            .identity_user(id, "anna@acme.example")
            .await
            .expect("store"),
        None
    );
    app.assert_outbox_empty().await;
}

async fn nobody_else_gets_in(db: TestDb) {
    let AcmeLogin {
        app,
        provider,
        admin,
        acme,
        id,
        ..
    } = acme_login(db).await;
    // A customer at a served domain whose company it does not serve, and an agent.
    app.with_customer("jan@vendor.example").await;
    let agent = app.with_agent("agent@vendor.example").await;
    let no_account = "There is no invited account for this email address that may sign in this \
                      way. Ask your administrator or support for access.";

    // No account with that address: none is made.
    let (answer, _) = sign_in_through(&app, &provider, id, "nobody@acme.example").await;
    assert_eq!(message_after(&app, &answer).await, no_account);
    assert!(
        app.state
            .store
            .find_sign_in_user("nobody@acme.example")
            .await
            .expect("store")
            .is_none(),
        "signing in creates no account"
    );
    // An address outside the provider's domains.
    let (answer, _) = sign_in_through(&app, &provider, id, "anna@elsewhere.example").await;
    assert_eq!(
        message_after(&app, &answer).await,
        "This provider may not sign in addresses of this email domain."
    );
    // A customer of a company the provider does not serve, and staff while it serves none.
    for email in ["jan@vendor.example", "agent@vendor.example"] {
        let (answer, _) = sign_in_through(&app, &provider, id, email).await;
        assert_eq!(message_after(&app, &answer).await, no_account, "{email}");
    }
    // An ID token for another client, and an expired one: refused, whoever they name.
    let failed = "Signing in with this provider did not work. Try again, or sign in with your \
                  email and password.";
    for change in [
        serde_json::json!({ "aud": "someone-else" }),
        serde_json::json!({ "expired": true }),
    ] {
        provider.next_id_token(change.clone()).await;
        let (answer, _) = sign_in_through(&app, &provider, id, "anna@acme.example").await;
        assert_eq!(message_after(&app, &answer).await, failed, "{change}");
    }
    // A callback without this browser's sign-in cookie (another browser's sign-in, say) is
    // refused, and uses nothing up.
    let start = app
        .get(&format!("/auth/oidc/{id}/start?next=%2Fcases"), &[])
        .await;
    let back = Browser::default()
        .sign_in_at_provider(
            &provider.issuer,
            start.header("location"),
            "anna@acme.example",
        )
        .await;
    let stranger = app
        .get(&back, &[("cookie", "portico_sso=not-this-one")])
        .await;
    assert_eq!(
        message_after(&app, &stranger).await,
        "This sign-in has expired. Please sign in again."
    );
    // The sign-in under way is still there for its own browser.
    let flow = start.set_cookie("portico_sso").expect("cookie");
    let own = app.get(&back, &[("cookie", &flow)]).await;
    assert!(own.session_cookie().is_some(), "{}", own.header("location"));
    // A state that is not the one sent, with the right cookie.
    let start = app
        .get(&format!("/auth/oidc/{id}/start?next=%2Fcases"), &[])
        .await;
    let flow = start.set_cookie("portico_sso").expect("cookie");
    let back = Browser::default()
        .sign_in_at_provider(
            &provider.issuer,
            start.header("location"),
            "anna@acme.example",
        )
        .await;
    let forged = back.replace("state=", "state=x");
    let answer = app.get(&forged, &[("cookie", &flow)]).await;
    assert_eq!(
        message_after(&app, &answer).await,
        "This sign-in has expired. Please sign in again."
    );

    // Once the provider serves staff, the agent gets in, and the refusals of known people are in
    // the audit log.
    let body = format!(
        "id={id}&name=Acme+Login&issuer={}&client_id={CLIENT_ID}\
         &allowed_domains=acme.example+vendor.example&for_staff=on&active=on&companies%5B%5D={acme}",
        app::domain::encode_query_value(&provider.issuer)
    );
    let saved = app
        .post_form("/api/save_identity_provider", &body, Some(&admin.cookie))
        .await;
    assert_eq!(
        saved.header("location"),
        format!("/admin/sign-in/{id}?saved=1")
    );
    let (answer, _) = sign_in_through(&app, &provider, id, "agent@vendor.example").await;
    let session = answer.session_cookie().expect("the agent's session");
    assert_eq!(who(&app, &session).await, Some(agent.id.0));
    let audit = app
        .get("/admin/audit", &[("cookie", &admin.cookie)])
        .await
        .text();
    assert!(audit.contains("provider=Acme Login: not served"));
    // A provider switched off is offered nowhere and starts nothing.
    let body = body.replace("&active=on", "");
    app.post_form("/api/save_identity_provider", &body, Some(&admin.cookie))
        .await;
    assert!(!app.get("/login", &[]).await.text().contains("Acme Login"));
    let start = app.get(&format!("/auth/oidc/{id}/start"), &[]).await;
    assert_eq!(start.status, 303);
    assert!(start.header("location").starts_with("/login?error=_form"));
    app.assert_outbox_empty().await;
}

async fn the_second_factor_is_still_asked(db: TestDb) {
    let app = TestApp::new(db).await;
    let provider = Provider::start(true);
    let admin = app.with_admin("admin@vendor.example").await;
    // Staff must use two-factor sign-in: signing in through the provider still asks for it.
    let rule = app
        .post_form(
            "/api/save_two_factor_rule",
            "require_staff_two_factor=on",
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(rule.status, 302, "{}", rule.body);
    app.add_user(
        "agent@vendor.example",
        app::domain::Role::Agent,
        PERSON_PASSWORD,
    )
    .await;
    let id = register(
        &app,
        &admin.cookie,
        &provider,
        "Vendor SSO",
        "&for_staff=on",
    )
    .await;
    // This provider keeps the email out of the ID token: Portico asks userinfo for it.
    let (answer, _) = sign_in_through(&app, &provider, id, "agent@vendor.example").await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_eq!(answer.session_cookie(), None, "no session before the code");
    assert_eq!(answer.header("location"), "/login/code?next=%2Fcases");
    assert!(answer.set_cookie("portico_sign_in").is_some());
}

async fn admins_register_only_what_works(db: TestDb) {
    let app = TestApp::new(db).await;
    let provider = Provider::start(false);
    let admin = app.with_admin("admin@vendor.example").await;
    let agent = app.with_agent("agent@vendor.example").await;
    let post = |body: String, who: String| {
        let app = &app;
        async move {
            app.post_form("/api/save_identity_provider", &body, Some(&who))
                .await
        }
    };
    let issuer = app::domain::encode_query_value(&provider.issuer);
    let cases = [
        (
            format!("name=&issuer={issuer}&client_id=a&client_secret=b&allowed_domains=a.example"),
            "name%3Aerror_provider_name_required",
        ),
        (
            "name=X&issuer=http%3A%2F%2Flogin.example.com&client_id=a&client_secret=b&allowed_domains=a.example".to_string(),
            "issuer%3Aerror_issuer_invalid",
        ),
        (
            format!("name=X&issuer={issuer}&client_id=a&client_secret=&allowed_domains=a.example"),
            "client_secret%3Aerror_client_secret_required",
        ),
        (
            format!("name=X&issuer={issuer}&client_id=a&client_secret=b&allowed_domains="),
            "allowed_domains%3Aerror_domains_invalid",
        ),
        (
            format!("name=X&issuer={issuer}&client_id=a&client_secret=b&allowed_domains=a.example&companies%5B%5D=999999"),
            "companies%3Aerror_account_unknown",
        ),
        // Nothing answers there: the discovery document cannot be read.
        (
            format!(
                "name=X&issuer=http%3A%2F%2F127.0.0.1%3A{}&client_id=a&client_secret=b&allowed_domains=a.example",
                common::closed_port()
            ),
            "issuer%3Aerror_issuer_unreachable",
        ),
    ];
    for (body, error) in cases {
        let answer = post(body.clone(), admin.cookie.clone()).await;
        assert_eq!(answer.status, 302, "{body}");
        assert!(
            answer.header("location").contains(error),
            "{body}: {}",
            answer.header("location")
        );
    }
    assert!(
        app.state
            .store
            .identity_providers()
            .await
            .expect("store")
            .is_empty()
    );
    // The form comes back with what was typed (not the secret), the ticks too.
    let answer = post(
        format!("name=Kept&issuer={issuer}&client_id=kept-id&client_secret=s3cret&allowed_domains=&for_staff=on"),
        admin.cookie.clone(),
    )
    .await;
    let page = app
        .get(answer.header("location"), &[("cookie", &admin.cookie)])
        .await;
    let text = page.text();
    assert!(text.contains("value=\"Kept\""));
    assert!(text.contains("value=\"kept-id\""));
    assert!(!text.contains("s3cret"));
    assert!(text.contains("Enter one or more email domains"));
    // Agents may not register one.
    let refused = post(
        format!("name=X&issuer={issuer}&client_id=a&client_secret=b&allowed_domains=a.example"),
        agent.cookie.clone(),
    )
    .await;
    assert_eq!(refused.status, 403);
    // Removing one takes it off the sign-in page.
    let id = register(&app, &admin.cookie, &provider, "Gone Soon", "").await;
    assert!(app.get("/login", &[]).await.text().contains("Gone Soon"));
    let removed = app
        .post_form(
            "/api/remove_identity_provider",
            &format!("id={id}"),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(removed.header("location"), "/admin/sign-in?removed=1");
    assert!(!app.get("/login", &[]).await.text().contains("Gone Soon"));
    let audit = app
        .get("/admin/audit", &[("cookie", &admin.cookie)])
        .await
        .text();
    assert!(audit.contains("Identity provider removed"));
}

on_both_backends!(
    an_invited_customer_signs_in_with_their_company_provider,
    nobody_else_gets_in,
    the_second_factor_is_still_asked,
    admins_register_only_what_works
);
