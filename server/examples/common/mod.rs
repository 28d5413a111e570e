//! What the benchmarks share: a throw-away PostgreSQL database and percentiles.
use sqlx::Connection;
use std::time::Duration;

/// A database created for one benchmark run on the server of `PORTICO_TEST_POSTGRES_URL`.
pub struct TempPostgres {
    admin: sqlx::PgConnection,
    name: String,
    /// Its URL.
    pub url: String,
}

impl TempPostgres {
    /// Creates it, or says why not and answers `None` when no server is configured.
    pub async fn create() -> Option<Self> {
        let Ok(admin_url) = std::env::var("PORTICO_TEST_POSTGRES_URL") else {
            println!("PostgreSQL skipped: PORTICO_TEST_POSTGRES_URL is not set");
            return None;
        };
        let name = format!("portico_bench_{}", std::process::id());
        let mut admin = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("postgres");
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .expect("create database");
        let mut url = url::Url::parse(&admin_url).expect("url");
        url.set_path(&name);
        Some(Self {
            admin,
            name,
            url: url.to_string(),
        })
    }

    /// Drops it (every store on it must be gone).
    pub async fn drop(mut self) {
        sqlx::query(&format!("DROP DATABASE {} WITH (FORCE)", self.name))
            .execute(&mut self.admin)
            .await
            .expect("drop database");
    }
}

/// The `p` quantile of sorted durations, in milliseconds.
pub fn percentile_ms(sorted: &[Duration], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1e3
}
