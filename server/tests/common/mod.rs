//! Test helpers: a fresh database per test (SQLite file in a temp dir, or a new PostgreSQL database
//! when `PORTICO_TEST_POSTGRES_URL` is set), and the real router built in-process.
#![allow(
    dead_code,
    reason = "each test binary uses a different part of the helpers"
)]

pub mod inert;
pub mod world;

use app::backend::state::{AppState, Settings};
use axum::Router;
use axum::body::Body;
use http::{Request, Response};
use http_body_util::BodyExt;
use std::sync::atomic::{AtomicU32, Ordering};
use tower::ServiceExt;

/// A database that exists only for one test.
pub struct TestDb {
    /// URL to hand to `store::connect` or `PORTICO_DATABASE_URL`.
    pub url: String,
    dir: tempfile::TempDir,
    postgres: Option<(String, String)>,
}

impl TestDb {
    /// A new SQLite file in a temp dir.
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("portico.db").display());
        Self {
            url,
            dir,
            postgres: None,
        }
    }

    /// A new PostgreSQL database, or `None` (with a line saying so) when no server is configured.
    /// Under CI a missing server is a failure, so a skipped run can never pass as a green one.
    pub async fn postgres(test: &str) -> Option<Self> {
        let Ok(admin_url) = std::env::var("PORTICO_TEST_POSTGRES_URL") else {
            assert!(
                std::env::var("CI").is_err(),
                "CI must set PORTICO_TEST_POSTGRES_URL so the PostgreSQL twin of {test} runs"
            );
            eprintln!("SKIPPED (PostgreSQL): {test}: PORTICO_TEST_POSTGRES_URL is not set");
            return None;
        };
        static SEQ: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "portico_t_{}_{}_{}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed),
            test.chars()
                .filter(char::is_ascii_alphanumeric)
                .take(20)
                .collect::<String>()
                .to_lowercase()
        );
        let mut conn = admin_connection(&admin_url).await;
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .await
            .expect("create test database");
        let mut url = url::Url::parse(&admin_url).expect("PORTICO_TEST_POSTGRES_URL is a URL");
        url.set_path(&name);
        Some(Self {
            url: url.to_string(),
            dir: tempfile::tempdir().expect("temp dir"),
            postgres: Some((admin_url, name)),
        })
    }

    /// A second handle on a database another `TestDb` owns (a second `portico` process sharing it);
    /// dropping it leaves the database alone.
    pub fn existing(url: &str) -> Self {
        Self {
            url: url.to_string(),
            dir: tempfile::tempdir().expect("temp dir"),
            postgres: None,
        }
    }

    /// A temp folder that lives as long as the database (for PORTICO_DATA_DIR).
    pub fn dir(&self) -> &std::path::Path {
        self.dir.path()
    }
}

/// One admin connection to the server named by `PORTICO_TEST_POSTGRES_URL`.
async fn admin_connection(url: &str) -> sqlx::postgres::PgConnection {
    use sqlx::Connection;
    sqlx::postgres::PgConnection::connect(url)
        .await
        .expect("connect to PORTICO_TEST_POSTGRES_URL")
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = self.postgres.take() {
            // Drop runs outside async code: use a small runtime of its own on another thread.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                rt.block_on(async move {
                    let mut conn = admin_connection(&admin_url).await;
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(&mut conn)
                        .await;
                });
            })
            .join();
        }
    }
}

/// The real app, in-process, on its own database.
pub struct TestApp {
    /// The state the router was built with (store, settings).
    pub state: AppState,
    /// The router `main` serves.
    pub router: Router,
    /// Keeps the database (and its temp dir) alive.
    pub db: TestDb,
}

impl TestApp {
    /// Builds the app on `db` with default settings (emails go to the dev mailbox).
    pub async fn new(db: TestDb) -> Self {
        Self::with_smtp(db, None).await
    }

    /// Builds the app on `db`, sending email to `smtp_url` (`None`: the dev mailbox).
    pub async fn with_smtp(db: TestDb, smtp_url: Option<String>) -> Self {
        Self::with_settings(db, |s| {
            s.smtp_url = smtp_url.map(app::backend::state::Secret);
        })
        .await
    }

    /// Builds the app on `db` with the test settings as `change` leaves them.
    pub async fn with_settings(db: TestDb, change: impl FnOnce(&mut Settings)) -> Self {
        let mut settings = Settings {
            public_url: "http://portico.test".into(),
            data_dir: db.dir().join("files"),
            storage: None,
            smtp_url: None,
            mail_from: "Portico <portico@portico.test>".into(),
            support_address: Some("Portico support <support@portico.test>".into()),
            support_phone: Some("+31 20 555 0100".into()),
            set_password_ttl: chrono::Duration::hours(72),
            max_upload_mb: 1,
            trust_host_header: false,
            trusted_proxies: Vec::new(),
            staff_session_lifetime: chrono::Duration::hours(12),
            auto_close_days: 7,
            outbox_lease: app::backend::jobs::LEASE,
            imap: None,
        };
        change(&mut settings);
        let options = leptos::config::LeptosOptions::builder()
            .output_name("portico")
            .site_root(db.dir().join("site").display().to_string())
            .build();
        let state = portico::build_state(&db.url, settings, options)
            .await
            .expect("build state");
        let router = portico::app(state.clone());
        Self { state, router, db }
    }

    /// Sends one request through the router. A request that may change data and names no origin
    /// gets the app's own `Origin`, as a browser on the portal's pages sends it (the CSRF tests
    /// send theirs, or use [`TestApp::send_as_is`]).
    pub async fn send(&self, mut req: Request<Body>) -> Response<Body> {
        let h = req.headers();
        let safe = matches!(*req.method(), http::Method::GET | http::Method::HEAD);
        if !safe
            && !h.contains_key("origin")
            && !h.contains_key("sec-fetch-site")
            && !h.contains_key("referer")
        {
            let origin = self.state.settings.public_origin();
            req.headers_mut()
                .insert("origin", origin.parse().expect("origin header"));
        }
        self.send_as_is(req).await
    }

    /// Sends one request through the router exactly as it is.
    pub async fn send_as_is(&self, req: Request<Body>) -> Response<Body> {
        self.router
            .clone()
            .oneshot(req)
            .await
            .expect("router is infallible")
    }

    /// GET `path` with extra headers; returns status, headers and body text.
    pub async fn get(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut req = Request::get(path);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        Reply::read(self.send(req.body(Body::empty()).expect("request")).await).await
    }

    /// Like `get`, with the body's raw bytes beside the reply (a compressed answer is no text).
    pub async fn get_bytes(&self, path: &str, headers: &[(&str, &str)]) -> (Reply, Vec<u8>) {
        let mut req = Request::get(path);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let res = self.send(req.body(Body::empty()).expect("request")).await;
        let (status, headers) = (res.status(), res.headers().clone());
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        let reply = Reply {
            status,
            headers,
            body: String::new(),
        };
        (reply, bytes.to_vec())
    }
}

impl TestApp {
    /// Adds an English-speaking person with `password` (a customer of a new company, or staff):
    /// signed in, they read English pages (a person's saved language decides them).
    pub async fn add_user(
        &self,
        email: &str,
        role: app::domain::Role,
        password: &str,
    ) -> app::domain::UserId {
        self.add_user_speaking(email, role, password, app::domain::Language::En)
            .await
    }

    /// [`Self::add_user`] with the person's language.
    pub async fn add_user_speaking(
        &self,
        email: &str,
        role: app::domain::Role,
        password: &str,
        language: app::domain::Language,
    ) -> app::domain::UserId {
        use app::backend::services::users::{AddUser, add_user};
        use app::backend::store::NewAccount;
        let account = if role == app::domain::Role::Customer {
            let name = format!("Company of {email}");
            let new = NewAccount {
                name: name.clone(),
                phone: "+31 20 123".into(),
                country: "Netherlands".into(),
                portal_contact_limit: 3,
            };
            self.state
                .store
                .insert_account(&new)
                .await
                .expect("account");
            Some(name)
        } else {
            None
        };
        let input = AddUser {
            email: email.into(),
            name: "Anna de Boer".into(),
            phone: String::new(),
            role,
            account,
            language,
            password: Some(password.into()),
        };
        add_user(self.state.store.as_ref(), input)
            .await
            .expect("add user")
    }

    /// Adds an English-speaking customer to the company `add_user` made for `colleague_of`.
    pub async fn add_colleague(
        &self,
        email: &str,
        name: &str,
        colleague_of: &str,
    ) -> app::domain::UserId {
        use app::backend::services::users::{AddUser, add_user};
        add_user(
            self.state.store.as_ref(),
            AddUser {
                email: email.into(),
                name: name.into(),
                phone: String::new(),
                role: app::domain::Role::Customer,
                account: Some(format!("Company of {colleague_of}")),
                language: app::domain::Language::En,
                password: Some("correct horse battery".into()),
            },
        )
        .await
        .expect("colleague")
    }

    /// A signed-in customer of a new company of their own (password `correct horse battery`).
    pub async fn with_customer(&self, email: &str) -> Person {
        self.with_person(email, app::domain::Role::Customer).await
    }

    /// A signed-in support agent.
    pub async fn with_agent(&self, email: &str) -> Person {
        self.with_person(email, app::domain::Role::Agent).await
    }

    /// A signed-in administrator.
    pub async fn with_admin(&self, email: &str) -> Person {
        self.with_person(email, app::domain::Role::Admin).await
    }

    async fn with_person(&self, email: &str, role: app::domain::Role) -> Person {
        let id = self.add_user(email, role, PERSON_PASSWORD).await;
        Person {
            id,
            cookie: self.sign_in(email, PERSON_PASSWORD).await,
        }
    }

    /// Runs every due job, then asserts that the outbox holds nothing: no email left waiting and
    /// none given up. Tests end with it, so a job that fails or is queued by mistake shows.
    pub async fn assert_outbox_empty(&self) {
        app::backend::jobs::drain(&self.state).await;
        let left = self.state.store.list_outbox(50).await.expect("outbox");
        let shown: Vec<_> = left
            .iter()
            .map(|j| (&j.kind, j.attempts, &j.last_error, j.dead_at.is_some()))
            .collect();
        assert!(left.is_empty(), "the outbox still holds {shown:?}");
    }

    /// Posts a form to `path` as a browser without JavaScript does (`Accept: text/html`).
    pub async fn post_form(&self, path: &str, body: &str, cookie: Option<&str>) -> Reply {
        self.post_form_from(
            "192.0.2.1",
            path,
            body,
            cookie,
            "text/html,application/xhtml+xml",
        )
        .await
    }

    /// Like `post_form`, from client address `ip` (as the server's connection info gives it) and
    /// with the given `Accept` header.
    pub async fn post_form_from(
        &self,
        ip: &str,
        path: &str,
        body: &str,
        cookie: Option<&str>,
        accept: &str,
    ) -> Reply {
        let ip: std::net::IpAddr = ip.parse().expect("address");
        let addr = std::net::SocketAddr::new(ip, 40000);
        let mut req = Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", accept)
            .header(
                "referer",
                format!("{}/login", self.state.settings.public_url),
            );
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        let mut req = req.body(Body::from(body.to_string())).expect("request");
        req.extensions_mut()
            .insert(axum::extract::ConnectInfo(addr));
        Reply::read(self.send(req).await).await
    }

    /// Signs in through the real form endpoint; returns the `Cookie` header value to send back.
    pub async fn sign_in(&self, email: &str, password: &str) -> String {
        let body = format!("email={email}&password={password}&next=%2F");
        let res = self.post_form("/api/sign_in", &body, None).await;
        assert_eq!(
            res.status, 302,
            "sign-in answered {} {}",
            res.status, res.body
        );
        res.session_cookie().expect("a session cookie")
    }
}

/// The password of the people `with_customer`, `with_agent` and `with_admin` make.
pub const PERSON_PASSWORD: &str = "correct horse battery";

/// Someone signed in: who, and the `Cookie` header value that carries their session.
#[derive(Debug, Clone)]
pub struct Person {
    /// Their user id.
    pub id: app::domain::UserId,
    /// The `Cookie` header for their requests.
    pub cookie: String,
}

/// The boundary of [`multipart`] bodies.
pub const BOUNDARY: &str = "portico-test-boundary";

/// A multipart body: text fields, then files as (field, file name, content type, bytes).
pub fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (name, file_name, content_type, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

pub async fn post_multipart(
    app: &TestApp,
    path: &str,
    body: Vec<u8>,
    cookie: Option<&str>,
    content_length: bool,
) -> Reply {
    let mut req = Request::post(path)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("accept", "application/json");
    if content_length {
        req = req.header("content-length", body.len().to_string());
    }
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    Reply::read(app.send(req.body(Body::from(body)).expect("request")).await).await
}

/// A real SMTP server process on loopback (`end2end/smtp-sink.mjs`, nodemailer's smtp-server)
/// that keeps every message it receives as a file. Killed when dropped.
pub struct SmtpSink {
    /// Its port on 127.0.0.1.
    pub port: u16,
    dir: tempfile::TempDir,
    child: std::process::Child,
}

impl SmtpSink {
    /// Starts the server on a free port (or on `port`) and waits until it listens.
    pub fn start_on(port: u16) -> Self {
        use std::io::BufRead;
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../end2end/smtp-sink.mjs");
        let dir = tempfile::tempdir().expect("temp dir");
        let mut child = std::process::Command::new("node")
            .arg(script)
            .arg(dir.path())
            .arg(port.to_string())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("start node end2end/smtp-sink.mjs (run `make test`, which installs end2end's npm packages)");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("smtp sink output");
        let port = line
            .trim()
            .strip_prefix("listening ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| {
                panic!("smtp sink did not start: {line:?} (is end2end/node_modules installed?)")
            });
        Self { port, dir, child }
    }

    /// Starts the server on a free port.
    pub fn start() -> Self {
        Self::start_on(0)
    }

    /// `smtp://127.0.0.1:PORT`, for `PORTICO_SMTP_URL`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, raw, oldest first.
    pub fn messages(&self) -> Vec<String> {
        let mut files: Vec<_> = std::fs::read_dir(self.dir.path())
            .expect("sink dir")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("message"))
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port on 127.0.0.1 where nothing listens (an SMTP relay that is down).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").port()
}

/// Decodes a raw message's quoted-printable soft line breaks and `=XX` escapes, enough to search
/// its text for links and passwords.
pub fn unfold_qp(raw: &str) -> String {
    let joined = raw.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A response, read whole.
pub struct Reply {
    /// Status code.
    pub status: http::StatusCode,
    /// Headers.
    pub headers: http::HeaderMap,
    /// Body as text.
    pub body: String,
}

impl Reply {
    /// Reads the body of `res`.
    pub async fn read(res: Response<Body>) -> Self {
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        Self {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// `portico_session=TOKEN` from the response's Set-Cookie, ready to send back.
    pub fn session_cookie(&self) -> Option<String> {
        self.set_cookie("portico_session")
            .or_else(|| self.set_cookie("__Host-portico_session"))
    }

    /// `NAME=VALUE` of the cookie `name` the response sets (not one it removes), ready to send
    /// back.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split(';').next())
            .find(|pair| {
                pair.strip_prefix(name)
                    .and_then(|rest| rest.strip_prefix('='))
                    .is_some_and(|value| !value.is_empty())
            })
            .map(str::to_owned)
    }

    /// The body without Leptos' hydration markers (`<!>`), which split text nodes.
    pub fn text(&self) -> String {
        self.body.replace("<!>", "")
    }

    /// A header's value as text ("" when absent).
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// The token of the set-password link in an email's text.
pub fn token_from(text: &str) -> String {
    let start = text
        .find("/password/set?token=")
        .expect("a set-password link")
        + "/password/set?token=".len();
    text[start..].chars().take(64).collect()
}

/// The temporary password in a "forgot password" email's text (its indented line).
pub fn temporary_password_from(text: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix("    "))
        .expect("the temporary password line")
        .trim()
        .to_string()
}

/// The dev mailbox, oldest first.
pub async fn dev_mail(app: &TestApp) -> Vec<app::backend::store::DevMailRow> {
    let mut mail = app.state.store.list_dev_mail(100).await.expect("mail");
    mail.reverse();
    mail
}

/// The longest one scenario may take. A scenario that has not ended by then is stuck (a lost wake-up,
/// a lock never released): it fails with its name instead of holding the whole run until CI's own
/// limit kills it without saying which. Ten times the slowest scenario on a loaded 2-core machine.
pub const SCENARIO_LIMIT: std::time::Duration = std::time::Duration::from_secs(300);

/// Runs `scenario` under [`SCENARIO_LIMIT`].
pub async fn within_limit(name: &str, scenario: impl std::future::Future<Output = ()>) {
    if tokio::time::timeout(SCENARIO_LIMIT, scenario)
        .await
        .is_err()
    {
        panic!("{name} did not end within {SCENARIO_LIMIT:?}: it is stuck");
    }
}

/// Runs each named scenario `async fn name(db: TestDb)` as two tests: `sqlite::name` always, and
/// `postgres::name` against a fresh PostgreSQL database.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    $crate::common::within_limit(
                        stringify!($name),
                        super::$name($crate::common::TestDb::sqlite()),
                    )
                    .await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    if let Some(db) = $crate::common::TestDb::postgres(stringify!($name)).await {
                        $crate::common::within_limit(stringify!($name), super::$name(db)).await;
                    }
                }
            )*
        }
    };
}

/// Asserts that `store` holds no job at all: for tests that talk to the store (or the command
/// line) without a worker, where nothing they did should have queued an email.
pub async fn assert_nothing_queued(store: &app::backend::store::Store) {
    let left = store.list_outbox(50).await.expect("outbox");
    let kinds: Vec<_> = left.iter().map(|j| &j.kind).collect();
    assert!(left.is_empty(), "the outbox holds {kinds:?}");
}

/// A real IMAP server on loopback: Debian's Dovecot, configured in a temporary directory (plain
/// IMAP on 127.0.0.1, one user `support` with password `secret`, Maildir). Stopped when dropped.
/// `make test` installs it (`scripts/install-tools.sh --test`).
pub struct Dovecot {
    /// Its port on 127.0.0.1.
    pub port: u16,
    /// Its IMAP-over-TLS port, when started with [`Dovecot::start_tls`].
    pub tls_port: Option<u16>,
    dir: tempfile::TempDir,
    child: std::process::Child,
}

impl Dovecot {
    /// Starts Dovecot on a free port and waits until it answers.
    pub fn start() -> Self {
        Self::start_with(false)
    }

    /// [`Dovecot::start`], also serving IMAP over TLS (`tls_port`) with a certificate for
    /// `localhost` that a certificate authority of the test's own signs ([`Dovecot::ca_pem`]).
    pub fn start_tls() -> Self {
        Self::start_with(true)
    }

    fn start_with(tls: bool) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        let port = closed_port();
        let tls_port = tls.then(closed_port);
        let ssl = match tls_port {
            None => "ssl = no\n".to_string(),
            Some(_) => {
                let openssl = |args: &[&str]| {
                    let out = std::process::Command::new("openssl")
                        .args(args)
                        .current_dir(root)
                        .output()
                        .expect("openssl");
                    assert!(
                        out.status.success(),
                        "openssl {args:?}: {}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                };
                openssl(&[
                    "req",
                    "-x509",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-days",
                    "2",
                    "-subj",
                    "/CN=Portico test CA",
                    "-keyout",
                    "ca.key",
                    "-out",
                    "ca.pem",
                ]);
                openssl(&[
                    "req",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-subj",
                    "/CN=localhost",
                    "-keyout",
                    "server.key",
                    "-out",
                    "server.csr",
                ]);
                std::fs::write(
                    root.join("san.ext"),
                    "subjectAltName=DNS:localhost,IP:127.0.0.1\n",
                )
                .expect("ext");
                openssl(&[
                    "x509",
                    "-req",
                    "-in",
                    "server.csr",
                    "-CA",
                    "ca.pem",
                    "-CAkey",
                    "ca.key",
                    "-CAcreateserial",
                    "-days",
                    "2",
                    "-extfile",
                    "san.ext",
                    "-out",
                    "server.pem",
                ]);
                format!(
                    "ssl = yes\nssl_cert = <{0}/server.pem\nssl_key = <{0}/server.key\n",
                    root.display()
                )
            }
        };
        // Mail is owned by an unprivileged user: Dovecot refuses to store mail as root.
        let (user, uid) = if running_as_root() {
            ("nobody".to_string(), 65534)
        } else {
            let name = std::process::Command::new("id")
                .arg("-un")
                .output()
                .expect("id -un");
            let uid = std::process::Command::new("id")
                .arg("-u")
                .output()
                .expect("id -u");
            (
                String::from_utf8_lossy(&name.stdout).trim().to_string(),
                String::from_utf8_lossy(&uid.stdout)
                    .trim()
                    .parse()
                    .expect("uid"),
            )
        };
        for sub in ["run", "state", "mail"] {
            std::fs::create_dir_all(root.join(sub)).expect("dir");
        }
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        std::os::unix::fs::chown(root.join("mail"), Some(uid), None).expect("chown mail");
        std::fs::write(root.join("users"), "support:{PLAIN}secret\n").expect("users");
        let conf = format!(
            "base_dir = {root}/run\nstate_dir = {root}/state\nlog_path = {root}/log\n\
             protocols = imap\nlisten = 127.0.0.1\n{ssl}disable_plaintext_auth = no\n\
             auth_mechanisms = plain login\n\
             passdb {{\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u {root}/users\n}}\n\
             userdb {{\n  driver = static\n  args = uid={uid} gid={uid} home={root}/mail/%u\n}}\n\
             mail_location = maildir:~/Maildir\n\
             service imap-login {{\n  chroot =\n  inet_listener imap {{\n    address = 127.0.0.1\n    port = {port}\n  }}\n  inet_listener imaps {{\n    address = 127.0.0.1\n    port = {imaps}\n  }}\n}}\n\
             service anvil {{\n  chroot =\n}}\n\
             default_internal_user = {user}\ndefault_login_user = {user}\ndefault_internal_group = {group}\n",
            root = root.display(),
            imaps = tls_port.unwrap_or(0),
            group = if user == "nobody" {
                "nogroup"
            } else {
                user.as_str()
            },
        );
        std::fs::write(root.join("dovecot.conf"), conf).expect("conf");
        let child = std::process::Command::new("/usr/sbin/dovecot")
            .arg("-F")
            .arg("-c")
            .arg(root.join("dovecot.conf"))
            .spawn()
            .expect("start /usr/sbin/dovecot (Debian's dovecot-imapd; `make test` installs it)");
        let started = std::time::Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < std::time::Duration::from_secs(20),
                "dovecot did not start: {}",
                std::fs::read_to_string(root.join("log")).unwrap_or_default()
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Self {
            port,
            tls_port,
            dir,
            child,
        }
    }

    /// The test certificate authority's certificate (PEM), of a server started with TLS.
    pub fn ca_pem(&self) -> Vec<u8> {
        std::fs::read(self.dir.path().join("ca.pem")).expect("ca.pem")
    }

    /// `imaps://support:secret@localhost:TLS_PORT`, of a server started with TLS.
    pub fn tls_url(&self) -> String {
        format!(
            "imaps://support:secret@localhost:{}",
            self.tls_port.expect("started with TLS")
        )
    }

    /// `imap://support:secret@127.0.0.1:PORT`, for `PORTICO_IMAP_URL`.
    pub fn url(&self) -> String {
        format!("imap://support:secret@127.0.0.1:{}", self.port)
    }

    /// The settings that read this server's INBOX, looking every `poll`.
    pub fn settings(&self, poll: std::time::Duration) -> app::backend::state::ImapSettings {
        app::backend::state::ImapSettings {
            url: app::backend::state::Secret(self.url()),
            folder: "INBOX".into(),
            poll,
            ca_certificates: Vec::new(),
        }
    }

    /// Delivers `raw` into the INBOX (IMAP APPEND, as a mail server's delivery would).
    pub async fn deliver(&self, raw: &[u8]) {
        let mut session = self.session().await;
        session
            .append("INBOX", None, None, raw)
            .await
            .expect("APPEND");
        session.logout().await.expect("LOGOUT");
    }

    /// How many messages of the INBOX are still unseen.
    pub async fn unseen(&self) -> usize {
        let mut session = self.session().await;
        session.select("INBOX").await.expect("SELECT");
        let n = session.search("UNSEEN").await.expect("SEARCH").len();
        session.logout().await.expect("LOGOUT");
        n
    }

    async fn session(&self) -> async_imap::Session<tokio::net::TcpStream> {
        let tcp = tokio::net::TcpStream::connect(("127.0.0.1", self.port))
            .await
            .expect("connect to dovecot");
        let mut client = async_imap::Client::new(tcp);
        client.read_response().await.expect("greeting");
        client
            .login("support", "secret")
            .await
            .map_err(|(e, _)| e)
            .expect("LOGIN")
    }

    /// Dovecot's log (for failure messages).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default()
    }
}

fn running_as_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A real S3-compatible server process on loopback (moto's server mode, installed by
/// `make tools-test` into `PORTICO_TOOLS_DIR/venv`): everything it keeps is in its memory, so
/// stopping it loses the bucket, as a wiped store would. Killed when dropped.
pub struct ObjectStoreServer {
    /// Its port on 127.0.0.1.
    pub port: u16,
    child: Option<std::process::Child>,
}

impl ObjectStoreServer {
    /// Starts the server on a free port and waits until it answers.
    pub fn start() -> Self {
        let mut server = Self {
            port: closed_port(),
            child: None,
        };
        server.restart();
        server
    }

    /// The Python that has moto (`PORTICO_TEST_PYTHON`, else the tools' venv).
    fn python() -> String {
        if let Ok(path) = std::env::var("PORTICO_TEST_PYTHON") {
            return path;
        }
        let tools = std::env::var("PORTICO_TOOLS_DIR").unwrap_or_else(|_| {
            format!(
                "{}/.cache/portico-tools",
                std::env::var("HOME").unwrap_or_default()
            )
        });
        format!("{tools}/venv/bin/python")
    }

    /// Stops the server (requests to it are refused from now on).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts it again on the same port, empty.
    pub fn restart(&mut self) {
        self.stop();
        let program = Self::python();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/moto_s3.py");
        let child = std::process::Command::new(&program)
            .args([script, "-H", "127.0.0.1", "-p", &self.port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("start {program} ({e}): run `make tools-test`, which installs moto's server")
            });
        self.child = Some(child);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "moto_server did not listen on {} within a minute",
                self.port
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }

    /// `s3://BUCKET?endpoint=…`, as `PORTICO_STORAGE_URL` names this server's bucket.
    pub fn url(&self, bucket: &str) -> String {
        format!(
            "s3://{bucket}/portico?endpoint=http://127.0.0.1:{}&region=eu-west-1",
            self.port
        )
    }

    /// The storage settings of `bucket` on this server (the bucket itself is made by
    /// [`Self::store`]).
    pub fn storage(&self, bucket: &str) -> app::backend::uploads::ObjectStorage {
        app::backend::uploads::ObjectStorage {
            location: app::backend::uploads::S3Location::parse(&self.url(bucket)).expect("url"),
            credentials: app::backend::uploads::S3Credentials::new("portico-test", "secret-test"),
        }
    }

    /// A blob store on a new bucket of this server.
    pub async fn store(&self, bucket: &str) -> app::backend::uploads::S3BlobStore {
        let store = app::backend::uploads::S3BlobStore::new(&self.storage(bucket)).expect("store");
        store.create_bucket().await.expect("create bucket");
        store
    }
}

impl Drop for ObjectStoreServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The entries of a ZIP, by name.
pub fn unzip(bytes: &[u8]) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).expect("an entry");
            let mut content = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut content).expect("its bytes");
            (entry.name().to_string(), content)
        })
        .collect()
}
