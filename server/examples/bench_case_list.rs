//! Case lists on the server: latency of one page of 50 (`services::case_list::list`, with the
//! list's count) from 100,000 cases of one company, on SQLite and (when
//! `PORTICO_TEST_POSTGRES_URL` is set) PostgreSQL. The target: p99 under 20 ms.
//! Run: `cargo run --release -p portico --example bench_case_list`.
use app::backend::auth::Actor;
use app::backend::services::case_list::list;
use app::backend::store::{Cursor, NewAccount, NewUser, SortValue, Store};
use app::domain::case_list::{CaseView, ListQuery, SortKey};
use app::domain::{CaseStatus, Language, Role};
use std::time::Instant;

mod common;

const CASES: i64 = 100_000;
const QUERIES: usize = 400;

/// The cursor of a page deep in the list: after the sort value of case `n` (spread over the
/// list by iteration `i`), as a page link carries it.
fn deep(i: usize, value: impl Fn(i64) -> SortValue) -> String {
    let n = 1 + (i as i64 * 7919) % (CASES - 100);
    Cursor {
        value: value(n),
        id: i64::MAX,
    }
    .encode()
}

/// A named list query, varied by iteration.
type Scenario = (&'static str, Box<dyn Fn(usize) -> ListQuery>);

// DIALECT: bulk rows from a generated series; times as each driver stores them.
const FILL_SQLITE: &str = "WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < $1) \
     INSERT INTO cases (number, subject, search_subject, description, status, origin, account_id, contact_id, \
     opened_at, updated_at, thread_token) \
     SELECT n, 'Case ' || n || ' ' || substr('printer paint invoice export login', 1 + (n % 5) * 7, 7), \
     lower('Case ' || n || ' ' || substr('printer paint invoice export login', 1 + (n % 5) * 7, 7)), '', \
     CASE n % 5 WHEN 0 THEN 'new' WHEN 1 THEN 'in_progress' WHEN 2 THEN 'awaiting_customer' \
     WHEN 3 THEN 'solved' ELSE 'closed' END, 'web', $2, $3, \
     strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', '-' || n || ' minutes'), \
     strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'), 't' || n FROM seq";
const FILL_POSTGRES: &str = "INSERT INTO cases (number, subject, search_subject, description, status, origin, \
     account_id, contact_id, opened_at, updated_at, thread_token) \
     SELECT n, 'Case ' || n || ' ' || (ARRAY['printer','paint','invoice','export','login'])[1 + n % 5], \
     lower('Case ' || n || ' ' || (ARRAY['printer','paint','invoice','export','login'])[1 + n % 5]), '', \
     (ARRAY['new','in_progress','awaiting_customer','solved','closed'])[1 + n % 5], 'web', $2, $3, \
     now() - n * interval '1 minute', now(), 't' || n FROM generate_series(1, $1::bigint) AS n";

async fn people(store: &Store) -> (i64, i64) {
    let account = store
        .insert_account(&NewAccount {
            name: "Bench Motors".into(),
            phone: String::new(),
            country: "Netherlands".into(),
            portal_contact_limit: 3,
        })
        .await
        .expect("account");
    let user = store
        .insert_user(&NewUser {
            email: "bench@motors.example".into(),
            name: "Bench User".into(),
            phone: String::new(),
            role: Role::Customer,
            language: Language::En,
            account_id: Some(account),
            active: true,
            password_hash: None,
        })
        .await
        .expect("user");
    (account.0, user.0)
}

async fn run(label: &str, store: &Store, account: i64, user: i64) {
    let actor = Actor::Customer {
        user_id: app::domain::UserId(user),
        account_id: app::domain::AccountId(account),
    };
    let scenarios: Vec<Scenario> = vec![
        (
            "All cases, newest first, page 1",
            Box::new(|_| ListQuery {
                view: CaseView::All,
                ..ListQuery::default()
            }),
        ),
        (
            "All cases, newest first, deep pages",
            Box::new(|i| ListQuery {
                view: CaseView::All,
                after: Some(deep(i, |n| {
                    SortValue::Time(chrono::Utc::now() - chrono::Duration::minutes(n))
                })),
                ..ListQuery::default()
            }),
        ),
        (
            "All cases by subject, deep pages",
            Box::new(|i| ListQuery {
                view: CaseView::All,
                sort: SortKey::Subject,
                desc: false,
                after: Some(deep(i, |n| SortValue::Text(format!("case {n} ")))),
                ..ListQuery::default()
            }),
        ),
        (
            "My cases, newest first, page 1",
            Box::new(|_| ListQuery::default()),
        ),
        (
            "My cases, status In progress",
            Box::new(|_| ListQuery {
                status: Some(CaseStatus::InProgress),
                ..ListQuery::default()
            }),
        ),
        (
            "All cases, search \"printer\"",
            Box::new(|_| ListQuery {
                view: CaseView::All,
                q: "printer".into(),
                ..ListQuery::default()
            }),
        ),
    ];
    // No view is noted here, so the log's writer is never needed.
    let views = app::backend::views::ViewLog::default();
    for (name, make) in &scenarios {
        for i in 0..20 {
            list(store, &views, &actor, &make(i))
                .await
                .expect("warm-up");
        }
        let mut times = Vec::with_capacity(QUERIES);
        for i in 0..QUERIES {
            let q = make(i);
            let t = Instant::now();
            let page = list(store, &views, &actor, &q).await.expect("list");
            times.push(t.elapsed());
            assert!(!page.items.is_empty());
        }
        times.sort();
        println!(
            "{label:<10} {name:<36} p50 {:>6.2} ms  p95 {:>6.2} ms  p99 {:>6.2} ms",
            common::percentile_ms(&times, 0.50),
            common::percentile_ms(&times, 0.95),
            common::percentile_ms(&times, 0.99),
        );
    }
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let sqlite = Store::connect(&url).await.expect("sqlite");
    sqlite.migrate().await.expect("migrate");
    let (account, user) = people(&sqlite).await;
    sqlx::query(FILL_SQLITE)
        .bind(CASES)
        .bind(account)
        .bind(user)
        .execute(sqlite.sqlite_pool().expect("sqlite"))
        .await
        .expect("fill");
    sqlx::query("ANALYZE")
        .execute(sqlite.sqlite_pool().expect("sqlite"))
        .await
        .expect("analyze");
    println!("{CASES} cases in one company, {QUERIES} pages of 50 per line (each with its count)");
    run("SQLite", &sqlite, account, user).await;

    if let Some(db) = common::TempPostgres::create().await {
        {
            let pg = Store::connect(&db.url).await.expect("connect");
            pg.migrate().await.expect("migrate");
            let (account, user) = people(&pg).await;
            sqlx::query(FILL_POSTGRES)
                .bind(CASES)
                .bind(account)
                .bind(user)
                .execute(pg.postgres_pool().expect("postgres"))
                .await
                .expect("fill");
            // The steady state autovacuum reaches after a bulk insert (PostgreSQL 13+ vacuums after
            // inserts too): statistics plus the visibility map, without which COUNT(*) cannot
            // answer from the index alone.
            sqlx::raw_sql("VACUUM (ANALYZE) cases")
                .execute(pg.postgres_pool().expect("postgres"))
                .await
                .expect("vacuum");
            run("PostgreSQL", &pg, account, user).await;
        }
        db.drop().await;
    }
}
