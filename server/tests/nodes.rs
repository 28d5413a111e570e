//! Several `portico` processes as a company runs them (issue #18): three `portico serve` processes
//! on one PostgreSQL (a server of this test's own, so that it can be restarted), one S3-compatible
//! object store (moto) and one SMTP relay (a real SMTP server process), spoken to over real HTTP on
//! loopback. What a load balancer in front of them relies on: a session made on one node works on
//! the others; a comment posted through one is heard live on a page served by another; case
//! numbers stay unique and in order when cases are opened on all nodes at once; the outbox sends
//! each email exactly once; a node killed mid-work loses nothing it had answered for, and the
//! emails it had claimed are sent by the others once their lease ends; PostgreSQL restarted under
//! load makes requests fail with a clear 503 and then work again, without restarting Portico.
mod common;

use common::{ObjectStoreServer, Reply, SmtpSink};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PASSWORD: &str = "correct horse battery";
/// Every node's public address (they sit behind one proxy); forms are posted from its pages.
const PUBLIC_URL: &str = "http://portico.test";
const BUCKET: &str = "nodes";
const JSON: &str = "application/json";
const HTML: &str = "text/html,application/xhtml+xml";
/// The outbox lease of the nodes: a killed node's claimed emails go to the others after it.
const LEASE_SECONDS: u64 = 10;

/// A PostgreSQL server of this test's own (`initdb` in a temporary folder), so that it can be
/// stopped and started again under load. Stopped when dropped.
struct OwnPostgres {
    dir: tempfile::TempDir,
    port: u16,
    bin: PathBuf,
    as_root: bool,
}

impl OwnPostgres {
    fn start() -> Self {
        let bin = postgres_bin_dir();
        let dir = tempfile::tempdir().expect("temp dir");
        // PostgreSQL refuses to run as root: as root (CI), the server runs as the `postgres` user.
        let as_root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
        if as_root {
            let status = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path())
                .status()
                .expect("chown");
            assert!(status.success(), "chown of the PostgreSQL folder");
        }
        let pg = Self {
            dir,
            port: common::closed_port(),
            bin,
            as_root,
        };
        let data = pg.data();
        let out = pg
            .command("initdb")
            .args(["-U", "postgres", "--auth=trust", "--no-sync", "-D"])
            .arg(&data)
            .output()
            .expect("run initdb");
        assert!(
            out.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        pg.start_again();
        pg
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// `program` of PostgreSQL's binaries, as the user that may run it.
    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.as_root {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(path);
            cmd
        } else {
            Command::new(path)
        }
    }

    /// Starts the server (again) on its port and waits until it accepts connections.
    fn start_again(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
            self.port,
            self.dir.path().display()
        );
        let out = self
            .command("pg_ctl")
            .args(["-w", "-t", "60", "-D"])
            .arg(self.data())
            .args(["-o", &options, "-l"])
            .arg(self.dir.path().join("log"))
            .arg("start")
            .output()
            .expect("run pg_ctl start");
        assert!(
            out.status.success(),
            "pg_ctl start: {}{}",
            String::from_utf8_lossy(&out.stdout),
            std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default()
        );
    }

    /// Stops the server as an operator's restart does (`fast`: open connections are ended).
    fn stop(&self, mode: &str) {
        let _ = self
            .command("pg_ctl")
            .args(["-w", "-D"])
            .arg(self.data())
            .args(["-m", mode, "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for OwnPostgres {
    fn drop(&mut self) {
        self.stop("immediate");
    }
}

/// The folder of PostgreSQL's server programs: `PORTICO_TEST_PG_BIN`, else where `initdb` is on
/// `PATH`, else Debian's `/usr/lib/postgresql/<newest>/bin`.
fn postgres_bin_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("PORTICO_TEST_PG_BIN") {
        return dir.into();
    }
    let on_path = std::env::var("PATH").unwrap_or_default();
    if let Some(dir) = std::env::split_paths(&on_path).find(|d| d.join("initdb").exists()) {
        return dir;
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path().join("bin"))
        .filter(|d| d.join("initdb").exists())
        .collect();
    versions.sort();
    versions.pop().expect(
        "PostgreSQL's server programs (initdb, pg_ctl): install Debian's postgresql package \
         or set PORTICO_TEST_PG_BIN",
    )
}

/// An SMTP relay that accepts connections and never answers: a node sending through it hangs in
/// the middle of its claimed jobs, as one does when it dies mid-send.
struct StallingRelay {
    port: u16,
    _accepting: std::thread::JoinHandle<()>,
}

impl StallingRelay {
    fn start() -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let accepting = std::thread::spawn(move || {
            let mut held = Vec::new();
            for conn in listener.incoming().flatten() {
                held.push(conn);
            }
        });
        Self {
            port,
            _accepting: accepting,
        }
    }
}

/// One `portico serve` process. Killed (SIGKILL) when dropped.
struct Node {
    name: &'static str,
    addr: SocketAddr,
    child: Child,
    log: PathBuf,
}

impl Node {
    fn start(name: &'static str, cluster: &Cluster, smtp_url: &str) -> Self {
        Self::start_with(name, cluster, smtp_url, &[], |_| {})
    }

    /// Starts a node, run by `wrapper` (a program and its arguments, before `portico serve`) if
    /// any; `change` may alter its settings before it runs.
    fn start_with(
        name: &'static str,
        cluster: &Cluster,
        smtp_url: &str,
        wrapper: &[&str],
        change: impl FnOnce(&mut Command),
    ) -> Self {
        let port = common::closed_port();
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
        let log = cluster.dir.path().join(format!("{name}.log"));
        let portico = env!("CARGO_BIN_EXE_portico");
        let mut command = match wrapper.split_first() {
            Some((program, args)) => {
                let mut c = Command::new(program);
                c.args(args).arg(portico);
                c
            }
            None => Command::new(portico),
        };
        command
            .arg("serve")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("RUST_LOG", "warn")
            .env("PORTICO_DATABASE_URL", cluster.pg.url())
            .env("PORTICO_LISTEN", addr.to_string())
            .env("PORTICO_PUBLIC_URL", PUBLIC_URL)
            .env("PORTICO_STORAGE_URL", cluster.objects.url(BUCKET))
            .env("AWS_ACCESS_KEY_ID", "portico-test")
            .env("AWS_SECRET_ACCESS_KEY", "secret-test")
            .env("PORTICO_SMTP_URL", smtp_url)
            .env("PORTICO_OUTBOX_LEASE_SECONDS", LEASE_SECONDS.to_string())
            .env("PORTICO_DATA_DIR", cluster.dir.path().join(name))
            .current_dir(cluster.dir.path())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("log file"));
        change(&mut command);
        let child = command.spawn().expect("start portico");
        let node = Self {
            name,
            addr,
            child,
            log,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while std::net::TcpStream::connect(addr).is_err() {
            assert!(
                Instant::now() < deadline,
                "node {name} did not listen within a minute: {}",
                node.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        node
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.kill();
    }
}

/// What the nodes share.
struct Cluster {
    dir: tempfile::TempDir,
    pg: OwnPostgres,
    objects: ObjectStoreServer,
    smtp: SmtpSink,
    http: Http,
}

impl Cluster {
    async fn start() -> Self {
        let cluster = Self {
            dir: tempfile::tempdir().expect("temp dir"),
            pg: OwnPostgres::start(),
            objects: ObjectStoreServer::start(),
            smtp: SmtpSink::start(),
            http: Http::new(),
        };
        cluster.objects.store(BUCKET).await;
        cluster.portico(&["migrate"]);
        cluster.portico(&["account", "add", "--name", "Acme"]);
        for (email, name, role) in [
            ("anna@acme.example", "Anna Acme", "customer"),
            ("bob@acme.example", "Bob Acme", "customer"),
            ("cara@acme.example", "Cara Acme", "customer"),
            ("agent@vendor.example", "Agnes Agent", "agent"),
        ] {
            let mut args = vec![
                "user",
                "add",
                "--email",
                email,
                "--name",
                name,
                "--role",
                role,
                "--password",
                PASSWORD,
            ];
            if role == "customer" {
                args.extend(["--account", "Acme"]);
            }
            cluster.portico(&args);
        }
        cluster
    }

    /// Runs a `portico` command on the shared database; it must succeed.
    fn portico(&self, args: &[&str]) {
        let out = Command::new(env!("CARGO_BIN_EXE_portico"))
            .args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("PORTICO_DATABASE_URL", self.pg.url())
            .env("PORTICO_DATA_DIR", self.dir.path().join("cli"))
            .current_dir(self.dir.path())
            .output()
            .expect("run portico");
        assert!(
            out.status.success(),
            "portico {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// A connection of the test's own to the shared database, to count what was committed.
    async fn db(&self) -> sqlx::PgPool {
        sqlx::postgres::PgPoolOptions::new()
            .max_connections(2)
            .connect(&self.pg.url())
            .await
            .expect("connect to the test's PostgreSQL")
    }
}

/// A plain HTTP/1.1 client, as a browser or a load balancer's health check talks to a node.
#[derive(Clone)]
struct Http {
    client: hyper_util::client::legacy::Client<
        hyper_util::client::legacy::connect::HttpConnector,
        Full<Bytes>,
    >,
}

impl Http {
    fn new() -> Self {
        Self {
            client: hyper_util::client::legacy::Client::builder(
                hyper_util::rt::TokioExecutor::new(),
            )
            .build_http(),
        }
    }

    async fn send(
        &self,
        node: SocketAddr,
        method: &str,
        path: &str,
        cookie: Option<&str>,
        body: Option<(String, Vec<u8>)>,
        accept: &str,
    ) -> Result<hyper::Response<hyper::body::Incoming>, String> {
        let mut req = http::Request::builder()
            .method(method)
            .uri(format!("http://{node}{path}"))
            .header("referer", format!("{PUBLIC_URL}/"))
            .header("accept", accept)
            .header("accept-language", "en");
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        let bytes = match body {
            Some((content_type, bytes)) => {
                req = req.header("content-type", content_type);
                bytes
            }
            None => Vec::new(),
        };
        let req = req.body(Full::new(Bytes::from(bytes))).expect("request");
        self.client.request(req).await.map_err(|e| e.to_string())
    }

    /// The whole answer; `Err` when no answer came (the node is down).
    async fn try_call(
        &self,
        node: SocketAddr,
        method: &str,
        path: &str,
        cookie: Option<&str>,
        body: Option<(String, Vec<u8>)>,
        accept: &str,
    ) -> Result<Reply, String> {
        let res = self.send(node, method, path, cookie, body, accept).await?;
        let (parts, body) = res.into_parts();
        let bytes = body.collect().await.map_err(|e| e.to_string())?.to_bytes();
        Ok(Reply {
            status: parts.status,
            headers: parts.headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }

    async fn get(&self, node: SocketAddr, path: &str, cookie: Option<&str>) -> Reply {
        self.try_call(node, "GET", path, cookie, None, HTML)
            .await
            .unwrap_or_else(|e| panic!("GET {path} on {node}: {e}"))
    }

    async fn form(&self, node: SocketAddr, path: &str, body: &str, cookie: Option<&str>) -> Reply {
        self.try_call(node, "POST", path, cookie, Some(form(body)), JSON)
            .await
            .unwrap_or_else(|e| panic!("POST {path} on {node}: {e}"))
    }

    /// Uploads one file as the app's drop zone does (`/api/attachments`, multipart, JSON back).
    async fn upload(&self, node: SocketAddr, cookie: &str, name: &str, bytes: &[u8]) -> Reply {
        let body = common::multipart(&[], &[("file", name, "application/octet-stream", bytes)]);
        let content_type = format!("multipart/form-data; boundary={}", common::BOUNDARY);
        self.try_call(
            node,
            "POST",
            "/api/attachments",
            Some(cookie),
            Some((content_type, body)),
            JSON,
        )
        .await
        .unwrap_or_else(|e| panic!("upload {name} to {node}: {e}"))
    }

    async fn sign_in(&self, node: SocketAddr, email: &str) -> String {
        // As a browser without JavaScript signs in: the answer is a redirect with the cookie.
        let res = self
            .try_call(
                node,
                "POST",
                "/api/sign_in",
                None,
                Some(form(&format!("email={email}&password={PASSWORD}&next=%2F"))),
                HTML,
            )
            .await
            .expect("sign in");
        assert_eq!(res.status, 302, "sign-in on {node}: {}", res.body);
        res.session_cookie().expect("a session cookie")
    }
}

fn form(body: &str) -> (String, Vec<u8>) {
    (
        "application/x-www-form-urlencoded".into(),
        body.as_bytes().to_vec(),
    )
}

/// The number of the case that `create_case` answered with.
fn case_number(reply: &Reply) -> String {
    assert_eq!(reply.status, 200, "create_case: {}", reply.body);
    let v: serde_json::Value = serde_json::from_str(&reply.body).expect("JSON");
    let number = v["number"]
        .as_i64()
        .unwrap_or_else(|| panic!("a number: {}", reply.body));
    format!("{number:08}")
}

/// A live page's event stream (`/live/...`) read over HTTP as the browser's `EventSource` does.
struct Stream {
    body: hyper::body::Incoming,
    buffer: String,
    /// The id of the last event read (what a reconnect names in `Last-Event-ID`).
    last_id: Option<String>,
}

impl Stream {
    async fn open(http: &Http, node: SocketAddr, path: &str, cookie: &str) -> Self {
        let res = http
            .send(node, "GET", path, Some(cookie), None, "text/event-stream")
            .await
            .expect("open the live stream");
        assert_eq!(res.status(), 200, "live stream {path} on {node}");
        Self {
            body: res.into_body(),
            buffer: String::new(),
            last_id: None,
        }
    }

    /// Opens the stream again after the last event this one read, as the browser reconnects.
    async fn reconnect(self, http: &Http, node: SocketAddr, path: &str, cookie: &str) -> Self {
        let after = self
            .last_id
            .as_ref()
            .map(|id| format!("?after={id}"))
            .unwrap_or_default();
        let mut next = Self::open(http, node, &format!("{path}{after}"), cookie).await;
        next.last_id = self.last_id;
        next
    }

    /// The `data` of the next `change` event within `wait`.
    async fn next_change(&mut self, wait: Duration) -> Option<String> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let event: String = self.buffer.drain(..end + 2).collect();
                if let Some(id) = event.lines().find_map(|l| l.strip_prefix("id: ")) {
                    self.last_id = Some(id.to_string());
                }
                if event.lines().any(|l| l == "event: change") {
                    let data = event
                        .lines()
                        .filter_map(|l| l.strip_prefix("data: "))
                        .collect::<String>();
                    return Some(data);
                }
            }
            let frame = tokio::time::timeout_at(deadline, self.body.frame()).await;
            match frame {
                Ok(Some(Ok(frame))) => {
                    if let Some(data) = frame.data_ref() {
                        self.buffer.push_str(&String::from_utf8_lossy(data));
                    }
                }
                _ => return None,
            }
        }
    }
}

/// The `Message-ID` and the (decoded) `Subject` of every message the relay received.
fn headers_of(messages: &[String]) -> Vec<(String, String)> {
    messages
        .iter()
        .map(|raw| {
            let message = mail_parser::MessageParser::default()
                .parse(raw.as_bytes())
                .expect("a message");
            (
                message.message_id().unwrap_or_default().to_string(),
                message.subject().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Asserts that the relay's `messages` hold no `Message-ID` twice and exactly one confirmation
/// ("…: created – `subject`") for each case in `numbers`; returns their headers ([`headers_of`]).
fn assert_confirmed_once(
    messages: &[String],
    numbers: impl IntoIterator<Item = impl AsRef<str>>,
    subject: &str,
) -> Vec<(String, String)> {
    let sent = headers_of(messages);
    let ids: BTreeSet<&String> = sent.iter().map(|(id, _)| id).collect();
    assert_eq!(ids.len(), sent.len(), "a Message-ID was sent twice");
    let created = format!(": created – {subject}");
    for number in numbers {
        let number = number.as_ref();
        let confirmations = sent
            .iter()
            .filter(|(_, s)| s.contains(number) && s.contains(&created))
            .count();
        assert_eq!(confirmations, 1, "case {number}'s confirmation, once");
    }
    sent
}

/// Whether the PostgreSQL tests run (`PORTICO_TEST_POSTGRES_URL` set, as `make test` does): these
/// start a PostgreSQL server of their own, but run with the others.
fn postgres_tests_on() -> bool {
    let on = std::env::var("PORTICO_TEST_POSTGRES_URL").is_ok();
    if !on {
        eprintln!("PORTICO_TEST_POSTGRES_URL is not set: the PostgreSQL tests do not run");
    }
    on
}

/// Waits until every outbox job is done (none left but given-up ones: there must be none).
async fn outbox_drained(db: &sqlx::PgPool, within: Duration) {
    let deadline = Instant::now() + within;
    loop {
        let (left, dead): (i64, i64) = sqlx::query_as(
            "SELECT count(*) FILTER (WHERE dead_at IS NULL), count(*) FILTER (WHERE dead_at IS NOT NULL) FROM outbox",
        )
        .fetch_one(db)
        .await
        .expect("count the outbox");
        assert_eq!(dead, 0, "no email may be given up");
        if left == 0 {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{left} outbox jobs still waiting after {within:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_nodes_share_sessions_live_changes_case_numbers_and_the_outbox() {
    if !postgres_tests_on() {
        return;
    }
    let cluster = Cluster::start().await;
    let smtp = cluster.smtp.url();
    let a = Node::start("a", &cluster, &smtp);
    let mut b = Node::start("b", &cluster, &smtp);
    let c = Node::start("c", &cluster, &smtp);
    let http = cluster.http.clone();
    let db = cluster.db().await;

    // A session made on one node works on the others, and signing out on one ends it on all.
    let anna = http.sign_in(a.addr, "anna@acme.example").await;
    for node in [&b, &c] {
        let page = http.get(node.addr, "/cases", Some(&anna)).await;
        assert_eq!(page.status, 200, "/cases on node {}", node.name);
        assert!(page.text().contains("Anna Acme"), "node {}", node.name);
    }
    let out = http.form(c.addr, "/api/sign_out", "", Some(&anna)).await;
    assert!(out.status.is_success() || out.status.is_redirection());
    let page = http.get(a.addr, "/cases", Some(&anna)).await;
    assert!(
        page.status.is_redirection() && page.header("location").starts_with("/login"),
        "signed out on C is signed out on A: {}",
        page.status
    );
    let anna = http.sign_in(b.addr, "anna@acme.example").await;
    let bob = http.sign_in(c.addr, "bob@acme.example").await;
    let cara = http.sign_in(a.addr, "cara@acme.example").await;
    let agent = http.sign_in(a.addr, "agent@vendor.example").await;

    // 60 cases opened by twelve clients at once (five each, one after another), spread over the
    // three nodes by three people: 60 distinct numbers, 00000001 to 00000060, and in the order
    // they were opened wherever one was answered before another was asked for (concurrent ones
    // may take either order, as with any sequence).
    let nodes = [a.addr, b.addr, c.addr];
    let people = [anna.clone(), bob.clone(), cara.clone()];
    let start = Instant::now();
    let mut opening = tokio::task::JoinSet::new();
    for client in 0..12 {
        let http = http.clone();
        let cookie = people[client % 3].clone();
        opening.spawn(async move {
            let mut opened = Vec::new();
            for i in 0..5 {
                let node = nodes[(client + i) % 3];
                let asked = start.elapsed();
                let reply = http
                    .form(
                        node,
                        "/api/create_case",
                        &format!("subject=Parallel+case+{client}-{i}"),
                        Some(&cookie),
                    )
                    .await;
                opened.push((case_number(&reply), asked, start.elapsed()));
            }
            opened
        });
    }
    let mut opened = Vec::new();
    while let Some(client) = opening.join_next().await {
        opened.extend(client.expect("task"));
    }
    let numbers: BTreeSet<String> = opened.iter().map(|(n, _, _)| n.clone()).collect();
    assert_eq!(numbers.len(), 60, "a case number was given twice");
    let expected: BTreeSet<String> = (1..=60).map(|n| format!("{n:08}")).collect();
    assert_eq!(numbers, expected, "60 distinct numbers without gaps");
    for (first, _, answered) in &opened {
        for (later, asked, _) in &opened {
            if answered < asked {
                assert!(
                    first < later,
                    "case {first} was answered before case {later} was asked for"
                );
            }
        }
    }

    // A comment posted through node A is heard on a page served by node C within a second (the
    // NOTIFY of its commit); the time is reported, not asserted.
    let mut live = Stream::open(&http, c.addr, "/live/cases/00000001", &anna).await;
    let posted = Instant::now();
    let res = http
        .form(
            a.addr,
            "/api/add_comment",
            "number=00000001&body=Heard+on+node+C",
            Some(&agent),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let heard = live
        .next_change(Duration::from_secs(5))
        .await
        .expect("the comment made on node A is heard on node C");
    eprintln!(
        "comment on node A heard on node C after {:?}",
        posted.elapsed()
    );
    assert!(
        heard.contains("00000001") && heard.contains("comment"),
        "{heard}"
    );

    // Each email exactly once, though three workers share the outbox: 60 confirmations and the
    // comment's email to Anna.
    outbox_drained(&db, Duration::from_secs(60)).await;
    let sent = assert_confirmed_once(&cluster.smtp.messages(), &expected, "Parallel case");
    let sent_before = sent.len();

    // Node B, now sending through a relay that never answers, takes its own new cases' emails
    // and hangs on them; it is killed with SIGKILL in the middle of an upload. Nothing it
    // answered for is lost, the upload it never finished leaves nothing, and its claimed emails
    // are sent once by the others when their lease ends.
    b.kill();
    let stalling = StallingRelay::start();
    let mut b = Node::start(
        "b",
        &cluster,
        &format!("smtp://127.0.0.1:{}", stalling.port),
    );
    let mut killed_cases = Vec::new();
    for i in 0..5 {
        let reply = http
            .form(
                b.addr,
                "/api/create_case",
                &format!("subject=Before+the+kill+{i}"),
                Some(&anna),
            )
            .await;
        killed_cases.push(case_number(&reply));
    }
    let file = b"the bytes of a file uploaded just before its node died".to_vec();
    let uploaded = http.upload(b.addr, &anna, "kept.txt", &file).await;
    assert_eq!(uploaded.status, 200, "{}", uploaded.body);
    let upload: serde_json::Value = serde_json::from_str(&uploaded.body).expect("JSON");
    let upload_id = upload["stored"]["id"].as_i64().expect("stored id");
    let added = http
        .form(
            b.addr,
            "/api/add_case_files",
            &format!("number={}&attachments={upload_id}", killed_cases[0]),
            Some(&anna),
        )
        .await;
    assert_eq!(added.status, 200, "{}", added.body);
    let commented = http
        .form(
            b.addr,
            "/api/add_comment",
            &format!("number={}&body=Said+just+before+the+kill", killed_cases[1]),
            Some(&anna),
        )
        .await;
    assert_eq!(commented.status, 200, "{}", commented.body);
    // B holds leases on jobs it cannot finish (the stalling relay): proof that the others will
    // have to take over claimed rows, not merely unclaimed ones.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (claimed,): (i64,) =
            sqlx::query_as("SELECT count(*) FROM outbox WHERE locked_until > now()")
                .fetch_one(&db)
                .await
                .expect("claimed");
        if claimed > 0 {
            break;
        }
        assert!(Instant::now() < deadline, "node B claimed no email");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // An upload in flight: headers and the first part of a 4 MB body, then the node dies.
    let mut in_flight = tokio::net::TcpStream::connect(b.addr)
        .await
        .expect("connect");
    {
        use tokio::io::AsyncWriteExt;
        let head = format!(
            "POST /api/attachments HTTP/1.1\r\nHost: {}\r\nCookie: {anna}\r\nReferer: {PUBLIC_URL}/\r\n\
             Content-Type: multipart/form-data; boundary={b}\r\nContent-Length: 4000200\r\n\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"half.bin\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n",
            b.addr,
            b = common::BOUNDARY
        );
        in_flight.write_all(head.as_bytes()).await.expect("head");
        in_flight
            .write_all(&vec![7u8; 1_000_000])
            .await
            .expect("first megabyte");
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    b.kill();
    drop(in_flight);

    for number in &killed_cases {
        let page = http
            .get(a.addr, &format!("/cases/{number}"), Some(&anna))
            .await;
        assert_eq!(page.status, 200, "case {number} opened on the killed node");
    }
    let page = http
        .get(c.addr, &format!("/cases/{}", killed_cases[1]), Some(&anna))
        .await;
    assert!(page.text().contains("Said just before the kill"));
    let download = http
        .get(c.addr, &format!("/attachments/{upload_id}"), Some(&anna))
        .await;
    assert_eq!(download.status, 200);
    assert_eq!(download.body.as_bytes(), file.as_slice(), "the file, whole");
    let (halves,): (i64,) =
        sqlx::query_as("SELECT count(*) FROM attachments WHERE file_name = 'half.bin'")
            .fetch_one(&db)
            .await
            .expect("attachments");
    assert_eq!(halves, 0, "the unfinished upload left no row");

    let killed_at = Instant::now();
    outbox_drained(&db, Duration::from_secs(LEASE_SECONDS * 3 + 30)).await;
    eprintln!(
        "the killed node's claimed emails were sent by the others {:?} after the kill (lease {LEASE_SECONDS} s)",
        killed_at.elapsed()
    );
    let sent = assert_confirmed_once(&cluster.smtp.messages(), &killed_cases, "Before the kill");
    assert!(sent.len() > sent_before);

    // PostgreSQL restarted under load: while it is down, people get a clear 503 (a page that
    // says so, or the error as JSON to the app), never a 500; afterwards every node works again
    // without a restart, every comment that was answered 200 is there, and a live page hears
    // what happens next.
    let b = Node::start("b", &cluster, &smtp);
    let nodes = [a.addr, b.addr, c.addr];
    let mut live = Stream::open(&http, c.addr, "/live/cases/00000002", &anna).await;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut load = tokio::task::JoinSet::new();
    for worker in 0..6usize {
        let http = http.clone();
        let cookie = people[worker % 3].clone();
        let stop = stop.clone();
        load.spawn(async move {
            let mut seen: Vec<(u16, String, Option<String>)> = Vec::new();
            let mut i = 0usize;
            let mut comments = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let node = nodes[(worker + i) % 3];
                // Two workers per person, 8 comments each: within the comment throttle (30 in
                // 10 minutes per person), so every refusal seen here is the database's.
                let comment_now = i % 4 == 3 && comments < 8;
                if comment_now {
                    comments += 1;
                }
                let (reply, comment) = if !comment_now {
                    let r = http
                        .try_call(node, "GET", "/cases", Some(&cookie), None, HTML)
                        .await;
                    (r, None)
                } else {
                    let body = format!("Load+{worker}+{i}");
                    let r = http
                        .try_call(
                            node,
                            "POST",
                            "/api/add_comment",
                            Some(&cookie),
                            Some(form(&format!("number=00000002&body={body}"))),
                            JSON,
                        )
                        .await;
                    (r, Some(body.replace('+', " ")))
                };
                let reply = reply.unwrap_or_else(|e| panic!("no answer from {node}: {e}"));
                let retry = reply.header("retry-after").to_string();
                let what = if reply.status == 503 {
                    format!("{retry}|{}", reply.body)
                } else {
                    String::new()
                };
                seen.push((reply.status.as_u16(), what, comment));
                i += 1;
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            seen
        });
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    cluster.pg.stop("fast");
    let stopped_at = Instant::now();
    tokio::time::sleep(Duration::from_secs(8)).await;
    cluster.pg.start_again();
    eprintln!("PostgreSQL was down {:?}", stopped_at.elapsed());
    tokio::time::sleep(Duration::from_secs(10)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
    let mut answered = Vec::new();
    while let Some(seen) = load.join_next().await {
        for (status, what, comment) in seen.expect("load task") {
            *statuses.entry(status).or_default() += 1;
            match status {
                200 => answered.extend(comment),
                503 => {
                    let (retry, body) = what.split_once('|').expect("503");
                    assert_eq!(retry, "5", "a 503 says when to try again");
                    if comment.is_some() {
                        assert!(body.contains("Unavailable"), "{body}");
                    } else {
                        // The short page of a request the database could not sign in, or the
                        // app's page whose data could not be read: either says so.
                        assert!(
                            body.contains("Portico is briefly unavailable")
                                && body.contains("try again in a minute"),
                            "{body}"
                        );
                    }
                }
                other => panic!("status {other} under a database restart: {what}"),
            }
        }
    }
    eprintln!("answers while PostgreSQL restarted: {statuses:?}");
    assert!(statuses.get(&503).is_some_and(|n| *n > 0), "{statuses:?}");
    assert!(statuses.get(&200).is_some_and(|n| *n > 0), "{statuses:?}");
    for node in &nodes {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let health = http
                .try_call(*node, "GET", "/healthz", None, None, JSON)
                .await;
            if health.is_ok_and(|h| h.status == 200) {
                break;
            }
            assert!(Instant::now() < deadline, "{node} did not recover");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let page = http.get(*node, "/cases", Some(&anna)).await;
        assert_eq!(page.status, 200, "{node} after the restart");
    }
    for body in &answered {
        let (n,): (i64,) = sqlx::query_as("SELECT count(*) FROM case_comments WHERE body = $1")
            .bind(body)
            .fetch_one(&db)
            .await
            .expect("comments");
        assert_eq!(
            n, 1,
            "comment {body:?} was answered 200 and must be stored once"
        );
    }
    // The live page: its stream may have ended with the database; reconnecting after the last
    // event it read (as the browser does), it hears every comment stored meanwhile, each once,
    // and then a comment made after the restart.
    let path = "/live/cases/00000002";
    let mut heard = 0;
    while live.next_change(Duration::from_secs(2)).await.is_some() {
        heard += 1;
    }
    let mut live = live.reconnect(&http, c.addr, path, &anna).await;
    while live.next_change(Duration::from_secs(2)).await.is_some() {
        heard += 1;
    }
    assert!(
        heard >= answered.len(),
        "the live page heard {heard} changes of {} stored comments",
        answered.len()
    );
    let res = http
        .form(
            a.addr,
            "/api/add_comment",
            "number=00000002&body=After+the+restart",
            Some(&agent),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let heard = live.next_change(Duration::from_secs(5)).await.is_some();
    assert!(heard, "the live page hears changes after the restart");
}

/// How long the relay stays down in [`an_smtp_outage_loses_no_email_and_repeats_none`]:
/// `PORTICO_FAULT_OUTAGE_SECONDS` (the long run: 600), else 15 s.
fn outage() -> Duration {
    let seconds = std::env::var("PORTICO_FAULT_OUTAGE_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(15);
    Duration::from_secs(seconds)
}

/// The SMTP relay goes down while cases keep being opened, then comes back: every confirmation
/// arrives exactly once, none is given up, and nobody waited for the relay to answer a page.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_smtp_outage_loses_no_email_and_repeats_none() {
    if !postgres_tests_on() {
        return;
    }
    let cluster = Cluster::start().await;
    let relay = SmtpSink::start();
    let port = relay.port;
    let a = Node::start("a", &cluster, &relay.url());
    let http = cluster.http.clone();
    let db = cluster.db().await;
    let anna = http.sign_in(a.addr, "anna@acme.example").await;

    let down = outage();
    drop(relay);
    let started = Instant::now();
    let mut numbers = Vec::new();
    for i in 0..20u32 {
        let reply = http
            .form(
                a.addr,
                "/api/create_case",
                &format!("subject=During+the+outage+{i}"),
                Some(&anna),
            )
            .await;
        numbers.push(case_number(&reply));
        tokio::time::sleep((down / 20).saturating_sub(Duration::from_millis(1))).await;
    }
    tokio::time::sleep(down.saturating_sub(started.elapsed())).await;
    let (waiting, tried): (i64, Option<i32>) = sqlx::query_as(
        "SELECT count(*), max(attempts) FROM outbox WHERE dead_at IS NULL AND last_error IS NOT NULL",
    )
    .fetch_one(&db)
    .await
    .expect("outbox");
    assert_eq!(
        waiting, 20,
        "every email waits, tried and failed, for the relay"
    );
    eprintln!(
        "relay down {:?}: 20 emails waiting, up to {} tries each",
        started.elapsed(),
        tried.unwrap_or(0)
    );
    let relay = SmtpSink::start_on(port);
    let back = Instant::now();
    // The last try before the relay came back was at most `down` ago, so the next one is due
    // within twice that (the backoff doubles), plus a poll.
    outbox_drained(&db, down * 2 + Duration::from_secs(30)).await;
    eprintln!("all sent {:?} after the relay came back", back.elapsed());
    assert_confirmed_once(&relay.messages(), &numbers, "During the outage");
}

/// The disk fills up while a file is uploaded to a node that keeps files on its own disk (a
/// small tmpfs of its own, in a mount namespace): a clear message, no row, no partial file, and
/// the next file that fits is stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_full_disk_refuses_an_upload_cleanly() {
    if !postgres_tests_on() {
        return;
    }
    let cluster = Cluster::start().await;
    let data = cluster.dir.path().join("small-disk");
    std::fs::create_dir_all(&data).expect("data dir");
    // A 3 MB file system of the node's own: `unshare` gives it a private mount namespace (as
    // root; otherwise as a user namespace's root), so nothing is mounted on this machine.
    let as_root = cluster.pg.as_root;
    let unshare = if as_root { "-m" } else { "-rm" };
    let script = r#"mount -t tmpfs -o size=3m tmpfs "$PORTICO_DATA_DIR" && exec "$@""#;
    let smtp = cluster.smtp.url();
    let a = Node::start_with(
        "a",
        &cluster,
        &smtp,
        &["unshare", unshare, "sh", "-c", script, "sh"],
        |c| {
            c.env("PORTICO_DATA_DIR", &data)
                .env_remove("PORTICO_STORAGE_URL");
        },
    );
    let http = cluster.http.clone();
    let db = cluster.db().await;
    let anna = http.sign_in(a.addr, "anna@acme.example").await;
    let disk = PathBuf::from(format!("/proc/{}/root", a.child.id()))
        .join(data.strip_prefix("/").expect("absolute"));
    let files_on_disk = || {
        fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else {
                    out.push(path);
                }
            }
        }
        let mut out = Vec::new();
        walk(&disk, &mut out);
        out
    };
    let big = http
        .upload(
            a.addr,
            &anna,
            "too-big-for-the-disk.bin",
            &vec![42u8; 5_000_000],
        )
        .await;
    assert_eq!(big.status, 503, "{}", big.body);
    assert!(
        a.log().contains("No space left on device"),
        "the disk was full: {}",
        a.log()
    );
    assert!(
        big.body.contains("\"error\":\"error_file_not_stored\""),
        "the page says \"The file could not be stored just now, and nothing of it was kept\": {}",
        big.body
    );
    let (rows,): (i64,) = sqlx::query_as("SELECT count(*) FROM attachments")
        .fetch_one(&db)
        .await
        .expect("attachments");
    assert_eq!(rows, 0, "no row for the file that did not fit");
    assert_eq!(files_on_disk(), Vec::<PathBuf>::new(), "no partial file");

    let small = http
        .upload(a.addr, &anna, "fits.txt", &vec![b'x'; 1_000_000])
        .await;
    assert_eq!(small.status, 200, "{}", small.body);
    assert_eq!(files_on_disk().len(), 1, "the file that fits is stored");
}
