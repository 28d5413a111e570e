//! The `portico` binary as an operator uses it: help, bad settings, migrate, seed-demo, account
//! add, user add.
mod common;

use common::TestDb;
use std::process::{Command, Output};

fn portico(db: &TestDb, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_portico"));
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("PORTICO_DATABASE_URL", &db.url)
        .env("PORTICO_DATA_DIR", db.dir().join("files"))
        .current_dir(db.dir());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run portico")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn help_lists_every_setting_and_command() {
    let db = TestDb::sqlite();
    let out = portico(&db, &["--help"], &[]);
    assert!(out.status.success());
    let help = text(&out);
    for item in [
        "PORTICO_DATABASE_URL",
        "PORTICO_LISTEN",
        "PORTICO_PUBLIC_URL",
        "PORTICO_DATA_DIR",
        "PORTICO_SMTP_URL",
        "PORTICO_STORAGE_URL",
        "serve",
        "migrate",
        "seed-demo",
        "account",
        "user",
        "storage",
    ] {
        assert!(help.contains(item), "--help mentions {item}:\n{help}");
    }
}

#[test]
fn a_bad_setting_stops_the_start_with_one_line_naming_it() {
    let db = TestDb::sqlite();
    for (var, value) in [
        ("PORTICO_LISTEN", "not-an-address"),
        ("PORTICO_DATABASE_URL", "mysql://localhost/x"),
        ("PORTICO_PUBLIC_URL", "support.example.com"),
        ("PORTICO_SMTP_URL", "mail.example.com:25"),
        ("PORTICO_STORAGE_URL", "https://files.example.com"),
    ] {
        let out = portico(&db, &["serve"], &[(var, value)]);
        assert_eq!(out.status.code(), Some(2), "{var}={value}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
        assert!(stderr.starts_with(&format!("error: {var}:")), "{stderr}");
    }
}

#[test]
fn migrate_seed_and_add_users_from_the_command_line() {
    let db = TestDb::sqlite();
    let migrate = portico(&db, &["migrate"], &[]);
    assert!(migrate.status.success(), "{}", text(&migrate));
    let seed = portico(&db, &["seed-demo"], &[]);
    assert!(seed.status.success(), "{}", text(&seed));
    let seeded = text(&seed);
    assert!(
        seeded.contains("3 companies, 8 people and 36 cases added"),
        "{seeded}"
    );
    assert!(seeded.contains("admin@portico.example"));
    let again = portico(&db, &["seed-demo"], &[]);
    assert!(text(&again).contains("0 companies, 0 people and 0 cases added"));

    let add = portico(
        &db,
        &[
            "user",
            "add",
            "--email",
            "New.Person@Janssens.example",
            "--name",
            "Nieuwe Collega",
            "--role",
            "customer",
            "--account",
            "Carrosserie Janssens BV",
            "--password",
            "a-long-password",
            "--language",
            "nl",
        ],
        &[],
    );
    assert!(add.status.success(), "{}", text(&add));
    assert!(text(&add).contains("Added new.person@janssens.example"));

    let duplicate = portico(
        &db,
        &[
            "user",
            "add",
            "--email",
            "new.person@janssens.example",
            "--name",
            "X",
            "--role",
            "agent",
        ],
        &[],
    );
    assert!(!duplicate.status.success());
    assert!(
        text(&duplicate).contains("email: Someone already uses this email address."),
        "{}",
        text(&duplicate)
    );

    let no_company = portico(
        &db,
        &[
            "user",
            "add",
            "--email",
            "x@y.example",
            "--name",
            "X",
            "--role",
            "customer",
        ],
        &[],
    );
    assert!(text(&no_company).contains("account: A customer contact must belong to a company."));

    let short = portico(
        &db,
        &[
            "user",
            "add",
            "--email",
            "z@y.example",
            "--name",
            "Z",
            "--role",
            "admin",
            "--password",
            "short",
        ],
        &[],
    );
    assert!(text(&short).contains("password: Use at least 10 characters."));
    // Nothing here queued an email (the people added came with passwords, or were the demo's).
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let store = app::backend::store::Store::connect(&db.url)
            .await
            .expect("connect");
        common::assert_nothing_queued(&store).await;
    });
}

/// A fresh install, no demo data: the operator adds a company, then a contact of it without a
/// password, who gets the welcome email (queued, like a contact staff add in the app).
#[test]
fn a_company_and_its_first_contact_from_the_command_line_on_a_fresh_install() {
    let db = TestDb::sqlite();
    let no_company = portico(
        &db,
        &[
            "user",
            "add",
            "--email",
            "olga@garage.example",
            "--name",
            "Olga Petrova",
            "--role",
            "customer",
            "--account",
            "Garage Petrov",
        ],
        &[],
    );
    assert!(!no_company.status.success());
    assert!(
        text(&no_company).contains("account: There is no company with this name."),
        "{}",
        text(&no_company)
    );
    let add = portico(
        &db,
        &[
            "account",
            "add",
            "--name",
            " Garage Petrov ",
            "--phone",
            "+7 495 000 11 22",
            "--country",
            "Россия",
        ],
        &[],
    );
    assert!(add.status.success(), "{}", text(&add));
    assert!(
        text(&add).contains("Added company Garage Petrov"),
        "{}",
        text(&add)
    );
    let twice = portico(&db, &["account", "add", "--name", "garage petrov"], &[]);
    assert!(!twice.status.success());
    assert!(
        text(&twice).contains("company_name: A company with this name exists already."),
        "{}",
        text(&twice)
    );
    let nameless = portico(&db, &["account", "add", "--name", "  "], &[]);
    assert!(text(&nameless).contains("company_name: Enter the company's name"));
    let contact = portico(
        &db,
        &[
            "user",
            "add",
            "--email",
            "Olga@Garage.example",
            "--name",
            "Olga Petrova",
            "--role",
            "customer",
            "--account",
            "garage petrov",
            "--language",
            "ru",
        ],
        &[],
    );
    assert!(contact.status.success(), "{}", text(&contact));
    assert!(
        text(&contact).contains("welcome email"),
        "{}",
        text(&contact)
    );
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let store = app::backend::store::Store::connect(&db.url)
            .await
            .expect("connect");
        let account = store
            .find_account_by_name("GARAGE PETROV")
            .await
            .expect("query")
            .expect("the company");
        assert_eq!(
            (
                account.name.as_str(),
                account.phone.as_str(),
                account.country.as_str()
            ),
            ("Garage Petrov", "+7 495 000 11 22", "Россия")
        );
        let queued = store.list_outbox(50).await.expect("outbox");
        assert_eq!(
            queued.iter().map(|j| j.kind.as_str()).collect::<Vec<_>>(),
            ["welcome"],
            "one welcome email for the contact without a password"
        );
    });
}

#[test]
fn serving_without_a_mail_relay_needs_the_dev_mailbox_asked_for() {
    let db = TestDb::sqlite();
    let out = portico(&db, &["serve"], &[("PORTICO_LISTEN", "127.0.0.1:0")]);
    assert!(
        !out.status.success(),
        "no silent dev mailbox: {}",
        text(&out)
    );
    assert!(
        text(&out).contains("PORTICO_SMTP_URL: is not set") && text(&out).contains("--dev-mailbox"),
        "{}",
        text(&out)
    );
    let worker = portico(&db, &["worker"], &[]);
    assert!(!worker.status.success());
    assert!(text(&worker).contains("PORTICO_SMTP_URL: is not set"));
}

#[test]
fn the_published_demo_logins_are_refused_on_an_https_portal() {
    let db = TestDb::sqlite();
    let https = [("PORTICO_PUBLIC_URL", "https://support.example.com")];
    let seed = portico(&db, &["seed-demo"], &https);
    assert!(!seed.status.success());
    assert!(
        text(&seed).contains("refusing to add the demo logins"),
        "{}",
        text(&seed)
    );
    let serve = portico(
        &db,
        &["serve", "--demo", "--dev-mailbox"],
        &[https[0], ("PORTICO_LISTEN", "127.0.0.1:0")],
    );
    assert!(!serve.status.success());
    assert!(text(&serve).contains("refusing to add the demo logins"));
    let plain = portico(&db, &["seed-demo"], &[]);
    assert!(plain.status.success(), "on http (a laptop) they are fine");
}

#[test]
fn a_database_url_with_a_password_is_never_repeated() {
    let db = TestDb::sqlite();
    let out = portico(
        &db,
        &["migrate"],
        &[(
            "PORTICO_DATABASE_URL",
            "mysql://root:hunter2@db.example/portico",
        )],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!text(&out).contains("hunter2"), "{}", text(&out));
}
