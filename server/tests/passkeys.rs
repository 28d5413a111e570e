//! Passkeys (issue #19 part 2) through the real router, on SQLite and PostgreSQL, with a software
//! authenticator written here from the WebAuthn and CTAP specifications: a P-256 key, "none"
//! attestation, a signature counter, and the authenticator data, client data and CBOR a browser
//! would hand over (what Chromium's own virtual authenticator does is `end2end/tests/
//! passkeys.hydrate.spec.ts`). The server's checks are webauthn-rs's; these tests say what a
//! person sees of them.
mod common;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use common::world::JSON;
use common::{Person, Reply, TestApp, TestDb};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use sha2::{Digest, Sha256};

/// The portal's origin: browsers allow passkeys on `localhost` without HTTPS.
const ORIGIN: &str = "http://localhost";

/// A CBOR value, as much of it as an authenticator writes.
enum Cbor<'a> {
    Int(i64),
    Bytes(&'a [u8]),
    Text(&'a str),
    Map(Vec<(Cbor<'a>, Cbor<'a>)>),
}

impl Cbor<'_> {
    fn head(out: &mut Vec<u8>, major: u8, n: u64) {
        match n {
            0..24 => out.push(major << 5 | n as u8),
            24..256 => out.extend([major << 5 | 24, n as u8]),
            256..65536 => {
                out.push(major << 5 | 25);
                out.extend((n as u16).to_be_bytes());
            }
            _ => {
                out.push(major << 5 | 26);
                out.extend((n as u32).to_be_bytes());
            }
        }
    }

    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Self::Int(i) if *i >= 0 => Self::head(out, 0, *i as u64),
            Self::Int(i) => Self::head(out, 1, (-1 - *i) as u64),
            Self::Bytes(b) => {
                Self::head(out, 2, b.len() as u64);
                out.extend_from_slice(b);
            }
            Self::Text(t) => {
                Self::head(out, 3, t.len() as u64);
                out.extend_from_slice(t.as_bytes());
            }
            Self::Map(pairs) => {
                Self::head(out, 5, pairs.len() as u64);
                for (k, v) in pairs {
                    k.encode(out);
                    v.encode(out);
                }
            }
        }
    }

    fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.encode(&mut out);
        out
    }
}

/// A passkey on a software authenticator: its key, its credential id, the user handle it keeps,
/// and its signature counter.
#[derive(Clone)]
struct Authenticator {
    key: SigningKey,
    credential_id: Vec<u8>,
    user_handle: Vec<u8>,
    counter: u32,
}

/// The value a JSON field holds, base64url-decoded.
fn unbase64(value: &serde_json::Value) -> Vec<u8> {
    B64.decode(value.as_str().expect("a base64url string"))
        .expect("base64url")
}

/// The client data a browser signs over.
fn client_data(kind: &str, challenge: &serde_json::Value) -> Vec<u8> {
    serde_json::json!({
        "type": kind,
        "challenge": challenge,
        "origin": ORIGIN,
        "crossOrigin": false,
    })
    .to_string()
    .into_bytes()
}

impl Authenticator {
    /// A new authenticator whose key is made from `seed`.
    fn new(seed: u8) -> Self {
        let mut secret = [seed; 32];
        secret[0] = 1;
        Self {
            key: SigningKey::from_slice(&secret).expect("a P-256 key"),
            credential_id: vec![seed; 16],
            user_handle: Vec::new(),
            counter: 0,
        }
    }

    /// `navigator.credentials.create` with the server's options (`{"publicKey": …}`): the new
    /// credential, as `PublicKeyCredential.toJSON()` writes it.
    fn create(&mut self, options: &serde_json::Value) -> String {
        let o = &options["publicKey"];
        let rp_id = o["rp"]["id"].as_str().expect("rp.id");
        self.user_handle = unbase64(&o["user"]["id"]);
        self.counter += 1;
        let point = self.key.verifying_key().to_sec1_point(false);
        let cose = Cbor::Map(vec![
            (Cbor::Int(1), Cbor::Int(2)),
            (Cbor::Int(3), Cbor::Int(-7)),
            (Cbor::Int(-1), Cbor::Int(1)),
            (Cbor::Int(-2), Cbor::Bytes(point.x().expect("x"))),
            (Cbor::Int(-3), Cbor::Bytes(point.y().expect("y"))),
        ])
        .bytes();
        let mut auth_data = Sha256::digest(rp_id.as_bytes()).to_vec();
        auth_data.push(0x45); // user present, user verified, attested credential data
        auth_data.extend(self.counter.to_be_bytes());
        auth_data.extend([0u8; 16]); // AAGUID
        auth_data.extend((self.credential_id.len() as u16).to_be_bytes());
        auth_data.extend(&self.credential_id);
        auth_data.extend(cose);
        let attestation = Cbor::Map(vec![
            (Cbor::Text("fmt"), Cbor::Text("none")),
            (Cbor::Text("attStmt"), Cbor::Map(Vec::new())),
            (Cbor::Text("authData"), Cbor::Bytes(&auth_data)),
        ])
        .bytes();
        let id = B64.encode(&self.credential_id);
        serde_json::json!({
            "id": id,
            "rawId": id,
            "type": "public-key",
            "response": {
                "clientDataJSON": B64.encode(client_data("webauthn.create", &o["challenge"])),
                "attestationObject": B64.encode(attestation),
                "transports": ["internal"],
            },
            "clientExtensionResults": {},
        })
        .to_string()
    }

    /// `navigator.credentials.get` with the server's options: the signed assertion.
    fn get(&mut self, options: &serde_json::Value) -> String {
        let o = &options["publicKey"];
        let rp_id = o["rpId"].as_str().expect("rpId");
        self.counter += 1;
        let mut auth_data = Sha256::digest(rp_id.as_bytes()).to_vec();
        auth_data.push(0x05); // user present, user verified
        auth_data.extend(self.counter.to_be_bytes());
        let client_data = client_data("webauthn.get", &o["challenge"]);
        let mut signed = auth_data.clone();
        signed.extend(Sha256::digest(&client_data));
        let signature: Signature = self.key.sign(&signed);
        let id = B64.encode(&self.credential_id);
        serde_json::json!({
            "id": id,
            "rawId": id,
            "type": "public-key",
            "response": {
                "clientDataJSON": B64.encode(client_data),
                "authenticatorData": B64.encode(auth_data),
                "signature": B64.encode(signature.to_der().as_bytes()),
                "userHandle": B64.encode(&self.user_handle),
            },
            "clientExtensionResults": {},
        })
        .to_string()
    }
}

/// A server function as `cookie` (`None`: nobody signed in), its arguments form-encoded.
async fn call(app: &TestApp, path: &str, args: &[(&str, &str)], cookie: Option<&str>) -> Reply {
    let body = args
        .iter()
        .map(|(k, v)| format!("{k}={}", app::domain::encode_query_value(v)))
        .collect::<Vec<_>>()
        .join("&");
    common::world::call(app, path, &body, cookie).await
}

/// The field errors' codes of a 422 answer.
fn errors(reply: &Reply) -> serde_json::Value {
    assert_eq!(reply.status, 422, "{}", reply.body);
    let error: serde_json::Value = serde_json::from_str(&reply.body).expect("JSON");
    error["Validation"].clone()
}

/// A ceremony the server began: its token and the browser's options.
fn ceremony(reply: &Reply) -> (String, serde_json::Value) {
    assert_eq!(reply.status, 200, "{}", reply.body);
    let c: serde_json::Value = serde_json::from_str(&reply.body).expect("JSON");
    let options = serde_json::from_str(c["options"].as_str().expect("options")).expect("JSON");
    (c["token"].as_str().expect("token").to_string(), options)
}

/// "Add a passkey" named `name`, begun by `person`: the server's answer.
async fn start_adding(app: &TestApp, person: &Person, name: &str) -> Reply {
    call(
        app,
        "/api/start_adding_passkey",
        &[("passkey_name", name)],
        Some(&person.cookie),
    )
    .await
}

/// "Finish adding" a passkey with the ceremony's `token` and the browser's `credential`, as
/// `person`: the server's answer.
async fn finish_adding(app: &TestApp, person: &Person, token: &str, credential: &str) -> Reply {
    call(
        app,
        "/api/finish_adding_passkey",
        &[("token", token), ("credential", credential)],
        Some(&person.cookie),
    )
    .await
}

/// Adds a passkey named `name` on `device` for `person`; the server's answer to the finish.
async fn add_passkey(
    app: &TestApp,
    person: &Person,
    name: &str,
    device: &mut Authenticator,
) -> Reply {
    let started = start_adding(app, person, name).await;
    let (token, options) = ceremony(&started);
    let credential = device.create(&options);
    finish_adding(app, person, &token, &credential).await
}

/// Signs in with `device` from a browser with no session; the server's answer.
async fn sign_in(app: &TestApp, device: &mut Authenticator) -> Reply {
    let (token, options) = ceremony(&call(app, "/api/start_passkey_sign_in", &[], None).await);
    let credential = device.get(&options);
    call(
        app,
        "/api/finish_passkey_sign_in",
        &[
            ("token", &token),
            ("credential", &credential),
            ("next", "/cases"),
        ],
        None,
    )
    .await
}

/// Who a session cookie belongs to (`null`: nobody).
async fn who(app: &TestApp, cookie: &str) -> serde_json::Value {
    let me = call(app, "/api/get_current_user", &[], Some(cookie)).await;
    serde_json::from_str(&me.body).expect("JSON")
}

async fn passkeys_app(db: TestDb) -> TestApp {
    TestApp::with_settings(db, |s| s.public_url = ORIGIN.into()).await
}

async fn a_person_adds_a_passkey_and_signs_in_with_it_alone(db: TestDb) {
    let app = passkeys_app(db).await;
    let anna = app.with_customer("anna@acme.example").await;
    let bert = app.with_customer("bert@other.example").await;
    let login = app.get("/login", &[]).await.text();
    assert!(login.contains("Sign in with a passkey"), "{login}");

    // A name is required; what the browser is asked for.
    let blank = start_adding(&app, &anna, " ").await;
    assert_eq!(
        errors(&blank)["passkey_name"][0],
        "error_passkey_name_required"
    );
    let started = start_adding(&app, &anna, "Work laptop").await;
    let (token, options) = ceremony(&started);
    let o = &options["publicKey"];
    assert_eq!(o["rp"]["id"], "localhost");
    assert_eq!(o["rp"]["name"], "Portico");
    assert_eq!(o["user"]["name"], "anna@acme.example");
    assert_eq!(o["authenticatorSelection"]["residentKey"], "required");
    assert_eq!(o["authenticatorSelection"]["userVerification"], "required");
    // Someone else cannot finish Anna's ceremony (and it is spent: one answer per ceremony).
    let mut laptop = Authenticator::new(7);
    let credential = laptop.create(&options);
    let stranger = finish_adding(&app, &bert, &token, &credential).await;
    assert_eq!(errors(&stranger)["_form"][0], "error_passkey_refused");
    let spent = finish_adding(&app, &anna, &token, &credential).await;
    assert_eq!(errors(&spent)["_form"][0], "error_passkey_refused");
    // A credential for another site is refused.
    let mut elsewhere = Authenticator::new(8);
    let started = start_adding(&app, &anna, "Phishing").await;
    let (token, mut options) = ceremony(&started);
    options["publicKey"]["rp"]["id"] = "evil.example".into();
    let credential = elsewhere.create(&options);
    let phished = finish_adding(&app, &anna, &token, &credential).await;
    assert_eq!(errors(&phished)["_form"][0], "error_passkey_refused");

    let added = add_passkey(&app, &anna, "Work laptop", &mut laptop).await;
    assert_eq!(added.status, 200, "{}", added.body);
    let list = app
        .get(
            "/api/list_passkeys",
            &[("cookie", &anna.cookie), ("accept", JSON)],
        )
        .await;
    let list: serde_json::Value = serde_json::from_str(&list.body).expect("JSON");
    assert_eq!(list["available"], true);
    assert_eq!(list["passkeys"].as_array().expect("passkeys").len(), 1);
    assert_eq!(list["passkeys"][0]["name"], "Work laptop");
    assert_eq!(list["passkeys"][0]["last_used"], serde_json::Value::Null);
    let page = app
        .get("/account/passkeys", &[("cookie", &anna.cookie)])
        .await
        .text();
    assert!(
        page.contains("Work laptop") && page.contains("Never"),
        "{page}"
    );
    // The same credential is not added twice: the browser is told to skip it.
    let again = start_adding(&app, &anna, "Again").await;
    let (_, options) = ceremony(&again);
    assert_eq!(
        options["publicKey"]["excludeCredentials"][0]["id"],
        B64.encode(&laptop.credential_id)
    );

    // Signing in: no email, no password, no code; the passkey says who.
    let (token, options) = ceremony(&call(&app, "/api/start_passkey_sign_in", &[], None).await);
    let o = &options["publicKey"];
    assert_eq!(o["rpId"], "localhost");
    assert_eq!(o["userVerification"], "required");
    assert!(o["allowCredentials"].as_array().is_none_or(Vec::is_empty));
    let assertion = laptop.get(&options);
    let signed_in = call(
        &app,
        "/api/finish_passkey_sign_in",
        &[
            ("token", &token),
            ("credential", &assertion),
            ("next", "https://evil.example/"),
        ],
        None,
    )
    .await;
    assert_eq!(signed_in.status, 200, "{}", signed_in.body);
    assert_eq!(signed_in.body, "\"/\"", "never off the site");
    let session = signed_in.session_cookie().expect("a session");
    assert_eq!(who(&app, &session).await["email"], "anna@acme.example");
    // The same answer again is refused: its ceremony is spent.
    let replayed = call(
        &app,
        "/api/finish_passkey_sign_in",
        &[("token", &token), ("credential", &assertion)],
        None,
    )
    .await;
    assert_eq!(
        errors(&replayed)["_form"][0],
        "error_passkey_sign_in_failed"
    );
    assert!(replayed.session_cookie().is_none());
    // A copy of the authenticator whose counter fell behind (a cloned key) is refused.
    let mut clone = laptop.clone();
    let fine = sign_in(&app, &mut laptop).await;
    assert_eq!(fine.status, 200, "{}", fine.body);
    assert_eq!(fine.body, "\"/cases\"");
    let cloned = sign_in(&app, &mut clone).await;
    assert_eq!(errors(&cloned)["_form"][0], "error_passkey_sign_in_failed");
    // A signature by another key for the same credential is refused.
    let mut forged = Authenticator::new(9);
    forged.credential_id = laptop.credential_id.clone();
    forged.user_handle = laptop.user_handle.clone();
    forged.counter = 100;
    let forged = sign_in(&app, &mut forged).await;
    assert_eq!(errors(&forged)["_form"][0], "error_passkey_sign_in_failed");
    let page = app
        .get("/account/passkeys", &[("cookie", &anna.cookie)])
        .await
        .text();
    assert!(!page.contains(">Never<"), "last used is recorded: {page}");

    // Removing: Bert cannot remove Anna's passkey (it answers like a missing one); Anna can,
    // and then it signs nobody in.
    let id = list["passkeys"][0]["id"].as_i64().expect("id").to_string();
    let theirs = call(
        &app,
        "/api/remove_passkey",
        &[("id", &id)],
        Some(&bert.cookie),
    )
    .await;
    let missing = call(
        &app,
        "/api/remove_passkey",
        &[("id", "999999")],
        Some(&bert.cookie),
    )
    .await;
    assert_eq!(theirs.status, 404, "{}", theirs.body);
    assert_eq!((theirs.status, theirs.body), (missing.status, missing.body));
    let removed = app
        .post_form(
            "/api/remove_passkey",
            &format!("id={id}"),
            Some(&anna.cookie),
        )
        .await;
    assert_eq!(removed.header("location"), "/account/passkeys?removed=1");
    let gone = sign_in(&app, &mut laptop).await;
    assert_eq!(errors(&gone)["_form"][0], "error_passkey_sign_in_failed");

    // The audit log has both, and the sign-ins by passkey.
    let admin = app.with_admin("admin@vendor.example").await;
    let log = app
        .get(
            &format!("/api/list_audit?person={}", anna.id.0),
            &[("cookie", &admin.cookie), ("accept", JSON)],
        )
        .await;
    let log: serde_json::Value = serde_json::from_str(&log.body).expect("JSON");
    let entries = log["entries"].as_array().expect("entries");
    let of = |action: &str| entries.iter().filter(|e| e["action"] == action).count();
    assert_eq!(of("PasskeyAdded"), 1, "{log}");
    assert_eq!(of("PasskeyRemoved"), 1, "{log}");
    assert_eq!(
        entries
            .iter()
            .filter(|e| e["action"] == "SignIn" && e["detail"] == "passkey")
            .count(),
        2,
        "{log}"
    );
}

async fn erasure_ends_a_persons_passkeys(db: TestDb) {
    let app = passkeys_app(db).await;
    let anna = app.with_customer("anna@acme.example").await;
    let admin = app.with_admin("admin@vendor.example").await;
    let mut phone = Authenticator::new(3);
    let added = add_passkey(&app, &anna, "Phone", &mut phone).await;
    assert_eq!(added.status, 200, "{}", added.body);
    assert_eq!(sign_in(&app, &mut phone).await.status, 200);

    // Her export names it (not its key).
    let (reply, bytes) = app
        .get_bytes(
            &format!("/staff/people/{}/personal-data.zip", anna.id.0),
            &[("cookie", &admin.cookie)],
        )
        .await;
    assert_eq!(reply.status, 200);
    let entries = common::unzip(&bytes);
    let passkeys: serde_json::Value =
        serde_json::from_slice(entries.get("passkeys.json").expect("passkeys.json")).expect("JSON");
    assert_eq!(passkeys[0]["name"], "Phone");
    assert!(passkeys[0]["last_used_at"].is_string());
    assert!(!String::from_utf8_lossy(&bytes).contains(&B64.encode(&phone.credential_id)));

    // Erased: the passkey signs nobody in, and nothing of it is left.
    let erased = app
        .post_form(
            "/api/erase_personal_data",
            &format!("user_id={}&confirm_email=anna%40acme.example", anna.id.0),
            Some(&admin.cookie),
        )
        .await;
    assert!(
        erased.header("location").ends_with("?erased=1"),
        "{}",
        erased.body
    );
    let refused = sign_in(&app, &mut phone).await;
    assert_eq!(errors(&refused)["_form"][0], "error_passkey_sign_in_failed");
    assert!(
        app.state
            .store
            .passkeys(anna.id)
            .await
            .expect("store")
            .is_empty()
    );
}

async fn passkeys_are_unavailable_where_browsers_refuse_them(db: TestDb) {
    // http://portico.test: a domain, but not HTTPS (browsers allow plain HTTP only on localhost).
    let app = TestApp::new(db).await;
    let anna = app.with_customer("anna@acme.example").await;
    let login = app.get("/login", &[]).await.text();
    assert!(!login.contains("Sign in with a passkey"), "{login}");
    let page = app
        .get("/account/passkeys", &[("cookie", &anna.cookie)])
        .await
        .text();
    assert!(
        page.contains("Passkeys are not available on this portal"),
        "{page}"
    );
    let refused = start_adding(&app, &anna, "Laptop").await;
    assert_eq!(errors(&refused)["_form"][0], "error_passkeys_unavailable");
    assert_eq!(
        call(&app, "/api/start_passkey_sign_in", &[], None)
            .await
            .status,
        404
    );
    // Nobody signed in has no passkeys page.
    let list = app.get("/api/list_passkeys", &[("accept", JSON)]).await;
    assert_eq!(list.status, 401, "{}", list.body);
}

on_both_backends!(
    a_person_adds_a_passkey_and_signs_in_with_it_alone,
    erasure_ends_a_persons_passkeys,
    passkeys_are_unavailable_where_browsers_refuse_them,
);
