//! `make bench`: Portico's speed over real HTTP. Starts a release `portico serve` on loopback on a
//! fresh database (SQLite, and PostgreSQL when `PORTICO_BENCH_POSTGRES_URL` names a server), fills
//! one company with `BENCH_CASES` cases (default 100,000), signs a customer and an agent in, and
//! drives each main endpoint with 16 kept-alive connections for `BENCH_SECONDS` (default 5)
//! seconds. Prints one table per database: requests/s, p50, p99, errors; then the server's memory:
//! after start, after the runs, with 200 case pages open at once (three rounds: it must level
//! off), and while a 1 GB file uploads (streamed to disk: it must not grow by the file's size).
//!
//! Usage: `portico-bench PATH_TO_PORTICO_BINARY` (the Makefile passes the release build).
use anyhow::{Context, Result, bail};
use app::backend::auth::token_hash;
use app::backend::demo::DEMO_PASSWORD;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod users;

/// Concurrent connections, as in the measurements.
const CONNECTIONS: usize = 16;
/// Comments on the case whose page is measured.
const COMMENTS: usize = 20;

#[tokio::main]
async fn main() -> Result<()> {
    let binary = std::env::args()
        .nth(1)
        .context("usage: portico-bench PATH_TO_PORTICO")?;
    let cases: usize = env_number("BENCH_CASES", 100_000)?;
    let seconds: u64 = env_number("BENCH_SECONDS", 5)?;
    let work = std::env::temp_dir().join(format!("portico-bench-{}", std::process::id()));
    std::fs::create_dir_all(&work)?;
    let mut databases = vec![(
        "SQLite".to_string(),
        format!("sqlite://{}/bench.db", work.display()),
    )];
    if let Ok(server) = std::env::var("PORTICO_BENCH_POSTGRES_URL") {
        databases.push(("PostgreSQL".into(), fresh_postgres(&server).await?));
    }
    // `BENCH_DATABASES=postgresql` (or `sqlite`) runs only those (a comma-separated list).
    if let Ok(wanted) = std::env::var("BENCH_DATABASES") {
        let wanted: Vec<String> = wanted.split(',').map(|w| w.trim().to_lowercase()).collect();
        databases.retain(|(name, _)| wanted.contains(&name.to_lowercase()));
        anyhow::ensure!(
            !databases.is_empty(),
            "BENCH_DATABASES names no database this run has (sqlite, postgresql)"
        );
    }
    println!(
        "Portico HTTP benchmark, {} — {cases} cases in one company, {CONNECTIONS} connections, \
         {seconds} s per row",
        chrono::Utc::now().format("%Y-%m-%d")
    );
    for (name, url) in databases {
        let data = work.join(name.to_lowercase());
        std::fs::create_dir_all(&data)?;
        bench_one(
            &binary,
            &name,
            &url,
            &data,
            cases,
            Duration::from_secs(seconds),
        )
        .await?;
    }
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}

fn env_number<T: std::str::FromStr>(name: &str, default: T) -> Result<T> {
    match std::env::var(name) {
        Ok(v) => v
            .replace('_', "")
            .parse()
            .ok()
            .with_context(|| format!("{name}: a number")),
        Err(_) => Ok(default),
    }
}

/// A new, empty database on the PostgreSQL server at `server`; its URL.
async fn fresh_postgres(server: &str) -> Result<String> {
    use sqlx::Connection;
    let name = format!("portico_bench_{}", std::process::id());
    let mut conn = sqlx::PgConnection::connect(server).await?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
        .execute(&mut conn)
        .await?;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await?;
    let base = server.rsplit_once('/').map_or(server, |(b, _)| b);
    Ok(format!("{base}/{name}"))
}

/// The server under test, stopped when dropped.
struct Server {
    child: Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Resident memory of the server process, in MB.
    fn rss_mb(&self) -> f64 {
        rss_of(self.child.id())
    }
}

fn portico(binary: &str, url: &str, data: &std::path::Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(binary);
    cmd.args(args)
        .env("PORTICO_DATABASE_URL", url)
        .env("PORTICO_DATA_DIR", data)
        .env("RUST_LOG", "warn");
    cmd
}

async fn bench_one(
    binary: &str,
    name: &str,
    url: &str,
    data: &std::path::Path,
    cases: usize,
    duration: Duration,
) -> Result<()> {
    // The bench fills its own cases: the demo's are left out.
    for step in [&["migrate"][..], &["seed-demo", "--without-cases"][..]] {
        let out = portico(binary, url, data, step).output()?;
        if !out.status.success() {
            bail!("portico {step:?}: {}", String::from_utf8_lossy(&out.stderr));
        }
    }
    let started = Instant::now();
    let world = fill(url, cases).await?;
    println!(
        "\n{name}: {cases} cases and {COMMENTS} comments written in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    if only_matches("knowledge") {
        let started = Instant::now();
        fill_articles(url).await?;
        println!(
            "{name}: {ARTICLES} knowledge articles written in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        knowledge_in_process(url).await?;
    }
    if only_matches("queue") {
        queue_in_process(url, &world.agent).await?;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse()?;
    let child = portico(binary, url, data, &["serve", "--dev-mailbox"])
        // Room for the 1 GB upload of the memory rows (the default limit is 25 MB a file).
        .env(
            "PORTICO_MAX_UPLOAD_MB",
            (UPLOAD_BYTES / 1_000_000 + 1).to_string(),
        )
        .env("PORTICO_LISTEN", addr.to_string())
        .env("PORTICO_PUBLIC_URL", format!("http://{addr}"))
        .stdout(Stdio::null())
        .spawn()?;
    let server = Server { child };
    wait_ready(addr).await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let idle = server.rss_mb();
    let customer = sign_in(addr, &world.customer).await?;
    let agent = sign_in(addr, &world.agent).await?;
    let case = format!("{:08}", world.case_page);
    let rows: Vec<(&str, Request)> = vec![
        ("sign-in page", Request::get("/login", None)),
        ("home (customer)", Request::get("/", Some(&customer))),
        (
            "case list, page of 50 (customer)",
            Request::get("/cases?view=all", Some(&customer)),
        ),
        (
            "case list, page of 50 (agent)",
            Request::get("/cases?view=all", Some(&agent)),
        ),
        (
            "case page, 20 comments",
            Request::get(&format!("/cases/{case}"), Some(&customer)),
        ),
        (
            "queue, open, page of 50 + counts",
            Request::get("/queue", Some(&agent)),
        ),
        (
            "queue, most urgent first",
            Request::get("/queue?sort=priority", Some(&agent)),
        ),
        (
            "queue, unassigned, in progress",
            Request::get("/queue?status=in_progress&assignee=none", Some(&agent)),
        ),
        (
            "product autocomplete",
            Request::get("/api/search_products?q=qa", Some(&customer)),
        ),
        (
            "knowledge search: password",
            Request::get("/kb?q=password", Some(&customer)),
        ),
        (
            "knowledge search: пароля",
            Request::get(
                "/kb?q=%D0%BF%D0%B0%D1%80%D0%BE%D0%BB%D1%8F",
                Some(&customer),
            ),
        ),
        (
            "knowledge search: wachtwoord vergeten",
            Request::get("/kb?q=wachtwoord+vergeten", Some(&customer)),
        ),
        (
            "knowledge search: filtered, no words",
            Request::get("/kb?category=documentation&language=nl", Some(&customer)),
        ),
        (
            "create a case (+ its email)",
            Request::post(
                "/cases/new/files",
                &multipart(&[
                    ("subject", "Bench printer jams"),
                    ("description", "It jams."),
                    ("product", ""),
                    ("country", "Netherlands"),
                    ("intent", "submit"),
                ]),
                MULTIPART,
            )
            .by_each(&world.writers),
        ),
        (
            "add a comment",
            Request::post(
                "/api/add_comment",
                &format!("number={case}&body=Still+jamming"),
                "application/x-www-form-urlencoded",
            )
            .by_each(&world.writers),
        ),
    ];
    println!(
        "| {:<34} | {:>9} | {:>8} | {:>8} | {:>12} |",
        "endpoint", "req/s", "p50 ms", "p99 ms", "errors"
    );
    println!(
        "|{:-<36}|{:->11}|{:->10}|{:->10}|{:->14}|",
        "", "", "", "", ""
    );
    // `BENCH_ONLY=case list` runs only the rows whose label contains it (and no memory rows):
    // for profiling one endpoint, e.g. with `perf record -p $(pgrep -n portico)` meanwhile.
    let only = std::env::var("BENCH_ONLY").ok();
    for (label, request) in &rows {
        if only.as_deref().is_some_and(|o| !label.contains(o)) {
            continue;
        }
        let stats = load(addr, request, duration, CONNECTIONS).await;
        println!(
            "| {:<34} | {:>9.0} | {:>8.2} | {:>8.2} | {:>12} |",
            label,
            stats.count as f64 / duration.as_secs_f64(),
            stats.percentile(0.50),
            stats.percentile(0.99),
            match (stats.errors, stats.status) {
                (0, _) => "0".to_string(),
                (n, 0) => n.to_string(),
                (n, status) => format!("{n} ({status})"),
            }
        );
    }
    if only.as_deref() == Some("load") {
        let users = env_number("LOAD_USERS", 200)?;
        let seconds = env_number("LOAD_SECONDS", 600)?;
        users::run(addr, &world, users, Duration::from_secs(seconds)).await?;
    }
    if only.is_some() {
        return Ok(());
    }
    let after_runs = server.rss_mb();
    // 200 case pages open at once, three times over: memory must level off, not keep growing.
    let page = Request::get(&format!("/cases/{case}"), Some(&customer));
    let mut open_pages = Vec::new();
    for _ in 0..3 {
        let stats = load(addr, &page, duration, OPEN_PAGES).await;
        open_pages.push((server.rss_mb(), stats.errors));
    }
    // One 1 GB file uploaded as the browser does (multipart, one request), RSS sampled meanwhile.
    let before_upload = server.rss_mb();
    let (status, peak) = upload(addr, &world.writers[0], &server).await?;
    println!(
        "memory: {idle:.1} MB resident after start, {after_runs:.1} MB after the runs; \
         {OPEN_PAGES} open case pages x3: {}; a {} MB upload (HTTP {status}): {before_upload:.1} MB \
         before, {peak:.1} MB at most while it streamed (+{:.1} MB)",
        open_pages
            .iter()
            .map(|(mb, errors)| format!("{mb:.1} MB ({errors} errors)"))
            .collect::<Vec<_>>()
            .join(", "),
        UPLOAD_BYTES / 1_000_000,
        peak - before_upload
    );
    drop(server);
    Ok(())
}

/// Calls of the queue per query in [`queue_in_process`].
const QUEUE_CALLS: usize = 1_000;

/// Whether `BENCH_ONLY` is unset or names `label`.
fn only_matches(label: &str) -> bool {
    std::env::var("BENCH_ONLY").map_or(true, |only| label.contains(&only))
}

/// The queue's own cost on the server, without HTTP: `services::case_list::queue` (a page of 50
/// and the four status counts under the same filters, as `/queue` reads them) for the agent, one
/// call after another, [`QUEUE_CALLS`] times per query: p50 and p99.
async fn queue_in_process(url: &str, agent: &str) -> Result<()> {
    use app::backend::auth::Actor;
    use app::domain::case_list::QueueQuery;
    let store = app::backend::store::Store::connect(url).await?;
    let user = store
        .find_user_by_email(agent)
        .await?
        .context("the bench agent")?;
    let actor = Actor::Staff {
        user_id: user.id,
        role: user.role,
    };
    for (label, params) in [
        ("open, by last update", ""),
        ("open, most urgent first", "sort=priority"),
        (
            "in progress, unassigned",
            "status=in_progress&assignee=none",
        ),
        (
            "open, high priority, oldest first",
            "priority=high&sort=opened&dir=asc",
        ),
    ] {
        let pairs: Vec<(&str, &str)> = params
            .split('&')
            .filter_map(|p| p.split_once('='))
            .collect();
        let query = QueueQuery::from_params(|k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        });
        let mut millis = Vec::with_capacity(QUEUE_CALLS);
        let mut rows = 0;
        for _ in 0..QUEUE_CALLS {
            let started = Instant::now();
            let page = app::backend::services::case_list::queue(&store, &actor, &query)
                .await
                .map_err(|e| anyhow::anyhow!("queue: {e:?}"))?;
            millis.push(started.elapsed().as_secs_f64() * 1000.0);
            rows = page.items.len();
        }
        millis.sort_by(f64::total_cmp);
        println!(
            "queue in process ({label}: {rows} rows + 4 counts): p50 {:.2} ms, p99 {:.2} ms",
            percentile(&millis, 0.5),
            percentile(&millis, 0.99)
        );
    }
    Ok(())
}

/// Knowledge articles the bench adds (beside the demo's), across the three languages.
const ARTICLES: usize = 10_000;
/// Calls per search of the in-process knowledge row.
const SEARCH_CALLS: usize = 300;

/// Adds [`ARTICLES`] published articles, a third per language, each category in turn: texts drawn
/// (by a fixed sequence) from the words of the demo articles of that language, so that common
/// words ("password", "пароль", "wachtwoord") occur in many articles, as in a real knowledge base.
async fn fill_articles(url: &str) -> Result<()> {
    use app::backend::demo_articles::DEMO_ARTICLES;
    use app::backend::store::{NewArticle, Store};
    use app::domain::Language;
    use app::domain::knowledge::ArticleCategory;
    let store = Store::connect(url).await?;
    let vocabulary = |language: Language| -> Vec<&'static str> {
        DEMO_ARTICLES
            .iter()
            .filter(|a| a.language == language)
            .flat_map(|a| [a.title, a.summary, a.body])
            .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.chars().count() > 2)
            .collect()
    };
    let words = [
        vocabulary(Language::En),
        vocabulary(Language::Ru),
        vocabulary(Language::Nl),
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % n
    };
    let now = chrono::Utc::now();
    for i in 0..ARTICLES {
        let li = i % 3;
        let language = Language::ALL[li];
        let vocab = &words[li];
        let mut text = |count: usize| -> String {
            (0..count)
                .map(|_| vocab[next(vocab.len())])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let title = text(6);
        let summary = text(16);
        let body = (0..4).map(|_| text(45)).collect::<Vec<_>>().join("\n\n");
        store
            .insert_article_if_new(&NewArticle {
                number: 500_000 + i as i64,
                language,
                category: ArticleCategory::ALL[(i / 3) % ArticleCategory::ALL.len()],
                translation_group: None,
                title,
                summary,
                body,
                published: i % 20 != 0,
                updated_at: now - chrono::Duration::minutes(i as i64),
            })
            .await?;
    }
    if !url.starts_with("sqlite") {
        let pool = sqlx::PgPool::connect(url).await?;
        sqlx::query("ANALYZE kb_articles").execute(&pool).await?;
    }
    Ok(())
}

/// The knowledge search's own cost on the server, without HTTP: `Store::search_articles` (a
/// page of 50, in the reader's language first), one call after another, [`SEARCH_CALLS`] times per
/// search: p50 and p99.
async fn knowledge_in_process(url: &str) -> Result<()> {
    use app::backend::search::Search;
    use app::backend::store::{ArticleSearch, Store};
    use app::domain::Language;
    let store = Store::connect(url).await?;
    for (label, words) in [
        ("password", "password"),
        ("пароля", "пароля"),
        ("wachtwoord vergeten", "wachtwoord vergeten"),
        ("no words", ""),
    ] {
        let search = Search::parse(words);
        let mut millis = Vec::with_capacity(SEARCH_CALLS);
        let mut rows = 0;
        for _ in 0..SEARCH_CALLS {
            let started = Instant::now();
            let found = store
                .search_articles(&ArticleSearch {
                    search: &search,
                    reader: Language::En,
                    category: None,
                    language: None,
                    product: None,
                    limit: app::domain::knowledge::SEARCH_RESULTS_MAX,
                })
                .await?;
            millis.push(started.elapsed().as_secs_f64() * 1000.0);
            rows = found.len();
        }
        // Which calls were the slowest (the first ones on a new connection, or spread out?).
        let mut slowest: Vec<(usize, f64)> = millis.iter().copied().enumerate().collect();
        slowest.sort_by(|a, b| b.1.total_cmp(&a.1));
        let slowest: Vec<String> = slowest
            .iter()
            .take(4)
            .map(|(i, ms)| format!("#{} {ms:.1}", i + 1))
            .collect();
        millis.sort_by(f64::total_cmp);
        println!(
            "knowledge search in process ({label}: {rows} rows): p50 {:.2} ms, p99 {:.2} ms \
             (slowest calls: {})",
            percentile(&millis, 0.5),
            percentile(&millis, 0.99),
            slowest.join(", ")
        );
    }
    Ok(())
}

/// Concurrent connections of the "open case pages" memory row.
const OPEN_PAGES: usize = 200;
/// The size of the memory row's upload.
const UPLOAD_BYTES: u64 = 1_000_000_000;

/// Uploads `UPLOAD_BYTES` to `/api/attachments` as `cookie`, written straight onto the socket in
/// 64 KB pieces (no copy of the file anywhere); answers the status and the server's highest
/// resident memory (MB) sampled every 20 ms meanwhile.
async fn upload(addr: SocketAddr, cookie: &str, server: &Server) -> Result<(u16, f64)> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let boundary = BOUNDARY;
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    );
    let tail = format!("\r\n--{boundary}--\r\n");
    let length = head.len() as u64 + UPLOAD_BYTES + tail.len() as u64;
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let request = format!(
        "POST /api/attachments HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n\
         Cookie: {cookie}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\n\
         Content-Length: {length}\r\nConnection: close\r\n\r\n{head}"
    );
    let pid = server.child.id();
    let sampling = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let sampler = {
        let sampling = sampling.clone();
        tokio::spawn(async move {
            let mut peak = 0.0_f64;
            while sampling.load(std::sync::atomic::Ordering::Relaxed) {
                peak = peak.max(rss_of(pid));
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            peak
        })
    };
    stream.write_all(request.as_bytes()).await?;
    let chunk = vec![0x5a_u8; 64 * 1024];
    let mut left = UPLOAD_BYTES;
    while left > 0 {
        let n = left.min(chunk.len() as u64) as usize;
        stream.write_all(&chunk[..n]).await?;
        left -= n as u64;
    }
    stream.write_all(tail.as_bytes()).await?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await?;
    sampling.store(false, std::sync::atomic::Ordering::Relaxed);
    let peak = sampler.await?;
    let status = String::from_utf8_lossy(&answer)
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok((status, peak))
}

/// Resident memory of process `pid`, in MB (Linux `/proc`).
fn rss_of(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// What `fill` made: who signs in, the writers' session cookies, and the measured case.
struct World {
    customer: String,
    agent: String,
    case_page: i64,
    /// Sessions of `WRITERS` further customers of the company: creating cases and comments is
    /// throttled per person (100 cases an hour, 30 comments in ten minutes), so the writing rows
    /// spread over many people, as a real company's would.
    writers: Vec<String>,
    /// The writers' emails: they sign in with the demo password (`make load`'s people).
    people: Vec<String>,
}

/// Customers of the company whose sessions write cases and comments.
const WRITERS: usize = 600;

/// The body of `fill` for one backend (`$DB`: `sqlx::Sqlite` or `sqlx::Postgres`): the SQL is
/// the same text, only the pool type differs.
macro_rules! fill_on {
    ($pool:expr, $DB:ty, $cases:expr, $next_number:expr) => {{
        use sqlx::Row;
        let pool = $pool;
        let who = sqlx::query(
            "SELECT id, email, account_id FROM users WHERE role = 'customer' AND active \
             AND password_hash IS NOT NULL ORDER BY id LIMIT 1",
        )
        .fetch_one(&pool)
        .await?;
        let agent: String = sqlx::query_scalar(
            "SELECT email FROM users WHERE role = 'agent' AND active ORDER BY id LIMIT 1",
        )
        .fetch_one(&pool)
        .await?;
        let (user, account): (i64, i64) = (who.get(0), who.get(2));
        let base: i64 =
            sqlx::query_scalar("SELECT CAST(COALESCE(MAX(number), 0) AS BIGINT) FROM cases")
                .fetch_one(&pool)
                .await?;
        let mut tx = pool.begin().await?;
        for chunk in case_rows(base, $cases).chunks(2_000) {
            let mut q = sqlx::QueryBuilder::<$DB>::new(INSERT_CASES);
            q.push_values(chunk, |mut b, (number, subject, at)| {
                let (status, priority) = desk_state(*number - base);
                b.push_bind(*number)
                    .push_bind(subject.clone())
                    .push_bind(account)
                    .push_bind(user)
                    .push_bind(*at)
                    .push_bind(*at)
                    .push_bind(subject.to_lowercase())
                    .push_bind(status)
                    .push_bind(priority);
            });
            q.build().execute(&mut *tx).await?;
        }
        let last = base + $cases as i64;
        sqlx::query($next_number)
            .bind(last)
            .execute(&mut *tx)
            .await?;
        let now = chrono::Utc::now();
        for i in 0..COMMENTS {
            sqlx::query(INSERT_COMMENT)
                .bind(format!("Comment {i} on the printer."))
                .bind(user)
                .bind(now)
                .bind(last)
                .execute(&mut *tx)
                .await?;
        }
        let mut writers = Vec::new();
        let mut people = Vec::new();
        // One hash for all: each still signs in through argon2, as anyone does.
        let password = app::backend::passwords::hash(DEMO_PASSWORD.to_string())
            .await
            .map_err(|e| anyhow::anyhow!("hashing the demo password: {e:?}"))?;
        for i in 0..WRITERS {
            let email = format!("writer{i}@bench.example");
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO users (email, name, role, language, account_id, created_at, \
                 password_hash) VALUES ($1, $2, 'customer', 'en', $3, $4, $5) RETURNING id",
            )
            .bind(&email)
            .bind(format!("Writer {i}"))
            .bind(account)
            .bind(now)
            .bind(&password)
            .fetch_one(&mut *tx)
            .await?;
            let token = format!("bench-writer-{i}-{}", std::process::id());
            sqlx::query(
                "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) \
                 VALUES ($1, $2, $3, $3, $4)",
            )
            .bind(token_hash(&token))
            .bind(id)
            .bind(now)
            .bind(now + chrono::Duration::days(1))
            .execute(&mut *tx)
            .await?;
            writers.push(format!("portico_session={token}"));
            people.push(email);
        }
        tx.commit().await?;
        World {
            customer: who.get(1),
            agent,
            case_page: last,
            writers,
            people,
        }
    }};
}

/// `cases` cases in the first demo customer's company, the newest with `COMMENTS` comments, and
/// the writers with their sessions.
async fn fill(url: &str, cases: usize) -> Result<World> {
    if url.starts_with("sqlite") {
        Ok(fill_on!(
            sqlx::SqlitePool::connect(url).await?,
            sqlx::Sqlite,
            cases,
            "UPDATE counters SET value = $1 WHERE name = 'case_number'"
        ))
    } else {
        let pool = sqlx::PgPool::connect(url).await?;
        let world = fill_on!(
            pool.clone(),
            sqlx::Postgres,
            cases,
            "SELECT setval('case_numbers', $1)"
        );
        // What autovacuum reaches soon after a bulk load (visibility map, statistics).
        sqlx::query("VACUUM (ANALYZE)").execute(&pool).await?;
        Ok(world)
    }
}

const INSERT_CASES: &str = "INSERT INTO cases (number, subject, account_id, contact_id, opened_at, \
     updated_at, search_subject, status, priority) ";

/// The status and priority rank of the `n`th bench case, as a desk that has run for years holds
/// them: most cases closed (88 %), some solved (4 %), the rest open across the three open
/// statuses; most of normal priority, every tenth high, every fiftieth urgent, every seventh low
/// (by hundreds of cases, so that every status has each priority).
fn desk_state(n: i64) -> (&'static str, i32) {
    let status = match n % 100 {
        0..=87 => "closed",
        88..=91 => "solved",
        92..=94 => "new",
        95..=97 => "in_progress",
        _ => "awaiting_customer",
    };
    // Priority from the hundred `n` falls in, not from `n` itself: `n % 10` would tie every
    // high-priority case to the closed and solved ranges of `n % 100`, leaving no open one.
    let p = n / 100;
    let priority = if p % 50 == 0 {
        4
    } else if p % 10 == 0 {
        3
    } else if p % 7 == 0 {
        1
    } else {
        2
    };
    (status, priority)
}

const INSERT_COMMENT: &str = "INSERT INTO case_comments (case_id, body, author_id, created_at) \
     SELECT id, $1, $2, $3 FROM cases WHERE number = $4";

/// (number, subject, opened at) for `count` cases after `base`, the last one newest.
fn case_rows(base: i64, count: usize) -> Vec<(i64, String, chrono::DateTime<chrono::Utc>)> {
    let now = chrono::Utc::now();
    (1..=count as i64)
        .map(|n| {
            let subject = format!("Bench case {n}: the printer jams");
            let at = now - chrono::Duration::seconds(count as i64 - n + 60);
            (base + n, subject, at)
        })
        .collect()
}

async fn wait_ready(addr: SocketAddr) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(reply) = once(addr, &Request::get("/healthz", None)).await
            && reply.0 == 200
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!("portico did not answer /healthz on {addr} within a minute")
}

/// Signs `email` in with the demo password; the `portico_session=…` cookie.
async fn sign_in(addr: SocketAddr, email: &str) -> Result<String> {
    let body = format!(
        "email={}&password={DEMO_PASSWORD}&next=%2F",
        email.replace('@', "%40")
    );
    let form = Request::post("/api/sign_in", &body, "application/x-www-form-urlencoded");
    let (status, headers) = once(addr, &form).await?;
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.contains("session=") && !c.contains("session=;"))
        .and_then(|c| c.split(';').next())
        .map(str::to_string)
        .with_context(|| format!("signing in {email}: {status}, no session cookie"))
}

/// The boundary of the bench's multipart bodies.
const BOUNDARY: &str = "portico-bench-boundary";
/// Their content type.
const MULTIPART: &str = "multipart/form-data; boundary=portico-bench-boundary";

/// A `multipart/form-data` body of text fields, as a browser posts the new-case form.
fn multipart(fields: &[(&str, &str)]) -> String {
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!("--{BOUNDARY}--\r\n"));
    body
}

/// One request to send over and over (as each of `cookies` in turn, when it has several).
#[derive(Clone)]
struct Request {
    /// For a POST: the body's content type (a form, as the browser posts it).
    post: Option<&'static str>,
    path: String,
    body: String,
    cookie: String,
    cookies: Vec<String>,
}

impl Request {
    fn get(path: &str, cookie: Option<&str>) -> Self {
        Self {
            post: None,
            path: path.into(),
            body: String::new(),
            cookie: cookie.unwrap_or("").into(),
            cookies: Vec::new(),
        }
    }

    fn post(path: &str, body: &str, content_type: &'static str) -> Self {
        Self {
            post: Some(content_type),
            path: path.into(),
            body: body.into(),
            cookie: String::new(),
            cookies: Vec::new(),
        }
    }

    /// The same request sent with `cookie`.
    fn with_cookie(mut self, cookie: &str) -> Self {
        self.cookie = cookie.into();
        self
    }

    /// The same request sent as each of `cookies` in turn.
    fn by_each(mut self, cookies: &[String]) -> Self {
        self.cookies = cookies.to_vec();
        self
    }

    fn build(&self, addr: SocketAddr, turn: usize) -> hyper::Request<Full<Bytes>> {
        let cookie = match self.cookies.len() {
            0 => &self.cookie,
            n => &self.cookies[turn % n],
        };
        let mut req = hyper::Request::builder()
            .method(if self.post.is_some() { "POST" } else { "GET" })
            .uri(&self.path)
            .header("host", addr.to_string())
            .header("accept-encoding", "br, gzip");
        if let Some(content_type) = self.post {
            // A form posted as the browser posts it (pages render on the server; every form is a
            // plain one): same origin, HTML wanted, answered by a redirect.
            req = req
                .header("content-type", content_type)
                .header("accept", "text/html")
                .header("origin", format!("http://{addr}"));
        } else if self.path.starts_with("/api/") {
            req = req.header("accept", "application/json");
        } else {
            req = req.header("accept", "text/html");
        }
        if !cookie.is_empty() {
            req = req.header("cookie", cookie);
        }
        req.body(Full::new(Bytes::from(self.body.clone())))
            .expect("a well-formed request")
    }
}

type Sender = hyper::client::conn::http1::SendRequest<Full<Bytes>>;

async fn connect(addr: SocketAddr) -> Result<Sender> {
    let stream = tokio::net::TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    Ok(sender)
}

/// Sends `request` once on a new connection: status and headers.
async fn once(addr: SocketAddr, request: &Request) -> Result<(u16, hyper::HeaderMap)> {
    let mut sender = connect(addr).await?;
    let res = sender.send_request(request.build(addr, 0)).await?;
    let (parts, body) = res.into_parts();
    body.collect().await?;
    Ok((parts.status.as_u16(), parts.headers))
}

/// Latencies (ms) and failures of one row.
struct Stats {
    count: usize,
    errors: usize,
    /// The status of a failed answer, if one came (0: only broken connections).
    status: u16,
    millis: Vec<f64>,
}

impl Stats {
    fn percentile(&self, p: f64) -> f64 {
        percentile(&self.millis, p)
    }
}

/// The `p` quantile (0 to 1, nearest rank) of latencies sorted from the fastest; 0 for none. Every
/// row of the table, over HTTP and in process, reads its p50 and p99 here.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// `connections` kept-alive connections send `request` back to back for `duration`.
async fn load(
    addr: SocketAddr,
    request: &Request,
    duration: Duration,
    connections: usize,
) -> Stats {
    let deadline = Instant::now() + duration;
    let tasks: Vec<_> = (0..connections)
        .map(|connection| {
            let request = request.clone();
            tokio::spawn(async move {
                let mut millis = Vec::new();
                let mut errors = 0;
                let mut last_status = 0_u16;
                let mut sender = None;
                let mut turn = connection;
                while Instant::now() < deadline {
                    turn += connections;
                    if sender.is_none() {
                        match connect(addr).await {
                            Ok(s) => sender = Some(s),
                            Err(_) => {
                                errors += 1;
                                continue;
                            }
                        }
                    }
                    let Some(s) = sender.as_mut() else { continue };
                    let started = Instant::now();
                    let ok = match s.send_request(request.build(addr, turn)).await {
                        Ok(res) => {
                            let status = res.status().as_u16();
                            // A form post succeeds with a redirect that carries no `error=`.
                            let done = (200..300).contains(&status)
                                || ((300..400).contains(&status)
                                    && res
                                        .headers()
                                        .get("location")
                                        .and_then(|l| l.to_str().ok())
                                        .is_some_and(|l| !l.contains("error=")));
                            let read = res.into_body().collect().await.is_ok();
                            if read && !done {
                                last_status = status;
                            }
                            read && done
                        }
                        Err(_) => false,
                    };
                    if ok {
                        millis.push(started.elapsed().as_secs_f64() * 1000.0);
                    } else {
                        errors += 1;
                        sender = None;
                    }
                }
                (millis, errors, last_status)
            })
        })
        .collect();
    let mut stats = Stats {
        count: 0,
        errors: 0,
        status: 0,
        millis: Vec::new(),
    };
    for task in tasks {
        if let Ok((millis, errors, status)) = task.await {
            stats.errors += errors;
            stats.status = stats.status.max(status);
            stats.millis.extend(millis);
        }
    }
    stats.count = stats.millis.len();
    stats.millis.sort_by(f64::total_cmp);
    stats
}
