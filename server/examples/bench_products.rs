//! Product autocomplete on the server: latency of `suggest_products` with 10,000 products, on
//! SQLite and (when `PORTICO_TEST_POSTGRES_URL` is set) PostgreSQL. The target: p99 under
//! 5 ms. Run: `cargo run --release -p portico --example bench_products`.
use app::backend::services::cases::suggest_products;
use app::backend::store::{self, Store};
use std::time::Instant;

mod common;

const PRODUCTS: usize = 10_000;
const QUERIES: usize = 3_000;

const WORDS: &[&str] = &[
    "Qapter",
    "Audatex",
    "Plan",
    "Manager",
    "Albatros",
    "Iris",
    "Express",
    "Claims",
    "Repair",
    "Estimate",
    "Valuation",
    "Parts",
    "Paint",
    "Glass",
    "Fleet",
    "Connect",
    "Mobile",
    "Online",
    "Archive",
    "Invoicing",
    "Scheduler",
    "Photo",
    "Total",
    "Loss",
    "Salvage",
    "Rental",
    "Portal",
    "Analytics",
    "Bridge",
    "Sync",
];

fn name(i: usize) -> String {
    let a = WORDS[i % WORDS.len()];
    let b = WORDS[(i / WORDS.len()) % WORDS.len()];
    let c = WORDS[(i / (WORDS.len() * WORDS.len())) % WORDS.len()];
    format!("{a} {b} {c} {i}")
}

async fn fill(store: &Store) {
    for i in 0..PRODUCTS {
        store
            .ensure_product(&name(i), i % 10 != 0)
            .await
            .expect("product");
    }
}

async fn run(label: &str, store: &Store) {
    fill(store).await;
    // Queries as people type them: 3 to 6 characters of a word, lower or mixed case.
    let queries: Vec<String> = (0..QUERIES)
        .map(|i| {
            let w = WORDS[(i * 7) % WORDS.len()];
            let len = 3 + i % 4;
            let start = i % 2;
            w.chars().skip(start).take(len).collect()
        })
        .collect();
    // The autocomplete as a customer sees it (the rule is asked on every call, as in the app).
    let customer = app::backend::auth::Actor::Customer {
        user_id: app::domain::UserId(1),
        account_id: app::domain::AccountId(1),
    };
    for q in queries.iter().take(200) {
        suggest_products(store, &customer, q)
            .await
            .expect("warm-up");
    }
    let mut times = Vec::with_capacity(QUERIES);
    let mut found = 0;
    for q in &queries {
        let t = Instant::now();
        found += suggest_products(store, &customer, q)
            .await
            .expect("query")
            .len();
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "{label:<10} {PRODUCTS} products, {QUERIES} queries: p50 {:.2} ms  p95 {:.2} ms  p99 {:.2} ms  max {:.2} ms  ({:.1} suggestions per query)",
        common::percentile_ms(&times, 0.50),
        common::percentile_ms(&times, 0.95),
        common::percentile_ms(&times, 0.99),
        times[times.len() - 1].as_secs_f64() * 1e3,
        found as f64 / QUERIES as f64
    );
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let sqlite = store::Store::connect(&url).await.expect("sqlite");
    sqlite.migrate().await.expect("migrate");
    run("SQLite", &sqlite).await;

    if let Some(db) = common::TempPostgres::create().await {
        {
            let pg = store::Store::connect(&db.url).await.expect("connect");
            pg.migrate().await.expect("migrate");
            run("PostgreSQL", &pg).await;
        }
        db.drop().await;
    }
}
