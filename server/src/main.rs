//! `portico`: serve (default), worker, migrate, seed-demo, account add, user add.
use app::backend::demo;
use app::backend::services::users::{AddUser, add_user};
use app::backend::store;
use app::backend::uploads::BlobStore;
use app::error::AppError;
use clap::Parser;
use portico::config::{AccountCommand, Cli, Command, Config, StorageCommand, UserCommand};
use std::process::ExitCode;

/// mimalloc instead of glibc's malloc: a page is rendered from many small strings and vectors, and
/// glibc's allocator (with its arena locks under two worker threads) cost about as much CPU as
/// rendering them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match cli.config.validate() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let result = match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Serve { demo } => serve(config, demo).await,
        Command::Worker => worker(config).await,
        Command::Migrate => migrate(&config)
            .await
            .map(|_| println!("Migrations applied.")),
        Command::SeedDemo { without_cases } => seed_demo(&config, !without_cases).await,
        Command::Account {
            command:
                AccountCommand::Add {
                    name,
                    phone,
                    country,
                },
        } => {
            let input = app::backend::services::accounts::AccountInput {
                name,
                phone,
                country,
            };
            account_add(&config, input).await
        }
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    name,
                    role,
                    account,
                    password,
                    language,
                    phone,
                },
        } => {
            let input = AddUser {
                email,
                name,
                phone,
                role,
                account,
                language,
                password,
            };
            user_add(&config, input).await
        }
        Command::Storage {
            command: StorageCommand::Migrate { create_bucket },
        } => storage_migrate(&config, create_bucket).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn migrate(config: &Config) -> anyhow::Result<store::Store> {
    let store = store::Store::connect(&config.database_url.0)
        .await
        .map_err(|e| anyhow::anyhow!("PORTICO_DATABASE_URL: cannot open the database: {e}"))?;
    store.migrate().await?;
    Ok(store)
}

/// `portico storage migrate`: the local files into the object store, each verified.
async fn storage_migrate(config: &Config, create_bucket: bool) -> anyhow::Result<()> {
    let storage = config.settings.storage.as_ref().ok_or_else(|| {
        anyhow::anyhow!("set PORTICO_STORAGE_URL to the object store the files go to")
    })?;
    let store = migrate(config).await?;
    let from = portico::local_store(&config.settings.data_dir)?;
    let to = portico::s3_store(storage)?;
    if create_bucket {
        to.create_bucket()
            .await
            .map_err(|e| anyhow::anyhow!("cannot create the bucket: {e}"))?;
    }
    to.check()
        .await
        .map_err(|e| anyhow::anyhow!("the bucket of {} does not answer: {e}", storage.location))?;
    println!(
        "Copying files from {} to {} ...",
        from.describe(),
        to.describe()
    );
    let report = app::backend::services::storage::migrate(&store, &from, &to)
        .await
        .map_err(|e| anyhow::anyhow!("cannot list the files: {e}"))?;
    println!(
        "{} copied ({} bytes), {} already there and intact, {} failed.",
        report.copied,
        report.bytes,
        report.already_there,
        report.failed.len()
    );
    for (key, why) in &report.failed {
        eprintln!("  {key}: {why}");
    }
    if !report.failed.is_empty() {
        anyhow::bail!("some files were not copied; run again once the reason is fixed");
    }
    Ok(())
}

/// The demo logins share one published password: never on a portal served over https (a real one).
fn refuse_demo_on_https(config: &Config) -> anyhow::Result<()> {
    if config.settings.secure_cookies() {
        anyhow::bail!(
            "PORTICO_PUBLIC_URL is https: refusing to add the demo logins (their password is published); \
             add real people with `portico user add`"
        );
    }
    Ok(())
}

async fn seed_demo(config: &Config, cases: bool) -> anyhow::Result<()> {
    refuse_demo_on_https(config)?;
    let store = migrate(config).await?;
    let blobs = portico::blob_store(&config.settings).await?;
    let report = demo::seed_demo(&store, blobs.as_ref(), cases)
        .await
        .map_err(explain)?;
    println!(
        "Demo data: {} companies, {} people and {} cases added; {} products in the catalog, {} knowledge articles.",
        report.accounts_added,
        report.users_added,
        report.cases_added,
        report.products,
        report.articles
    );
    print_logins();
    Ok(())
}

async fn account_add(
    config: &Config,
    input: app::backend::services::accounts::AccountInput,
) -> anyhow::Result<()> {
    let store = migrate(config).await?;
    let id = app::backend::services::accounts::add_account(&store, &input)
        .await
        .map_err(explain)?;
    println!("Added company {} (account #{id}).", input.name.trim());
    Ok(())
}

async fn user_add(config: &Config, input: AddUser) -> anyhow::Result<()> {
    let store = migrate(config).await?;
    let email = app::domain::normalize_email(&input.email).unwrap_or_else(|| input.email.clone());
    let welcome = input.role == app::domain::Role::Customer && input.password.is_none();
    let id = add_user(&store, input).await.map_err(explain)?;
    if welcome {
        println!(
            "Added {email} (user #{id}); the welcome email with a link to set a password is \
             queued (a running `portico serve` or `portico worker` sends it)."
        );
    } else {
        println!("Added {email} (user #{id}).");
    }
    Ok(())
}

async fn serve(config: Config, demo_data: bool) -> anyhow::Result<()> {
    config.check_mail()?;
    if demo_data {
        refuse_demo_on_https(&config)?;
    }
    let options = portico::leptos_options(config.listen)?;
    let state = portico::build_state(&config.database_url.0, config.settings.clone(), options)
        .await
        .map_err(|e| anyhow::anyhow!("{e:#}"))?;
    if demo_data {
        let report = demo::seed_demo(state.store.as_ref(), state.blobs.as_ref(), true)
            .await
            .map_err(explain)?;
        if report.users_added > 0 {
            tracing::info!(?report, "demo data added");
        }
    }
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| anyhow::anyhow!("PORTICO_LISTEN: cannot listen on {}: {e}", config.listen))?;
    println!("Portico is running at {}", config.settings.public_url);
    if demo_data {
        print_logins();
    }
    match &state.mailer {
        app::backend::mail::Mailer::DevMailbox => println!(
            "Emails go to the dev mailbox: sign in as an admin and open /admin/mail \
             (set-password links and temporary passwords are hidden there and printed here)"
        ),
        app::backend::mail::Mailer::Smtp(_) => println!("Emails go to the SMTP relay"),
    }
    // The outbox worker runs beside the web server and stops with it (jobs it had claimed are
    // taken again by any worker once their lease passes).
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let stopped = move || {
        let mut rx = stop_rx.clone();
        async move {
            let _ = rx.wait_for(|stop| *stop).await;
        }
    };
    let worker = tokio::spawn(app::backend::jobs::run(state.clone(), stopped()));
    let poller = spawn_mailbox_poller(&state, stopped());
    portico::serve(listener, portico::app(state), shutdown_signal()).await?;
    let _ = stop_tx.send(true);
    let _ = worker.await;
    if let Some(poller) = poller {
        let _ = poller.await;
    }
    Ok(())
}

/// Only the outbox worker, for extra nodes that send email but serve no pages.
async fn worker(config: Config) -> anyhow::Result<()> {
    config.check_mail()?;
    let options = portico::leptos_options(config.listen)?;
    let state = portico::build_state(&config.database_url.0, config.settings.clone(), options)
        .await
        .map_err(|e| anyhow::anyhow!("{e:#}"))?;
    println!(
        "Portico outbox worker running ({:?}); stop with Ctrl-C",
        state.mailer
    );
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let poller = spawn_mailbox_poller(&state, async move {
        let mut rx = stop_rx;
        let _ = rx.wait_for(|stop| *stop).await;
    });
    app::backend::jobs::run(state, shutdown_signal()).await;
    let _ = stop_tx.send(true);
    if let Some(poller) = poller {
        let _ = poller.await;
    }
    Ok(())
}

/// Reads the support mailbox beside the worker when `PORTICO_IMAP_URL` is set (any number of
/// processes may: each message is claimed once in the database).
fn spawn_mailbox_poller(
    state: &app::backend::state::AppState,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> Option<tokio::task::JoinHandle<()>> {
    let settings = state.settings.imap.clone()?;
    println!(
        "Inbound email: reading folder {} of the support mailbox",
        settings.folder
    );
    Some(tokio::spawn(app::backend::mail::imap::run(
        state.clone(),
        settings,
        stop,
    )))
}

fn print_logins() {
    println!("Demo logins (password: {}):", demo::DEMO_PASSWORD);
    for login in demo::demo_logins() {
        let account = login.account.map(|a| format!(", {a}")).unwrap_or_default();
        println!("  {:<36} {}{account}", login.email, login.role);
    }
}

/// Turns a validation error into "field: message" lines, in English.
fn explain(err: AppError) -> anyhow::Error {
    match err {
        AppError::Validation(fields) => {
            let lines: Vec<String> = fields
                .iter()
                .flat_map(|(field, keys)| {
                    keys.iter()
                        .map(move |k| format!("{field}: {}", app::messages::english(k)))
                })
                .collect();
            anyhow::anyhow!(lines.join("; "))
        }
        other => anyhow::anyhow!(other),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
}
