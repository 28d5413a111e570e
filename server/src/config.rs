//! Command line and `PORTICO_*` variables. Every setting has a default, so `portico` starts with no
//! configuration at all; a bad value stops the start with one line naming the variable.
use app::backend::state::{Secret, Settings};
use app::domain::{Language, Role};
use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

/// Portico: a self-hosted customer support portal.
#[derive(Debug, Parser)]
#[command(name = "portico", version, about, long_about = None)]
pub struct Cli {
    /// Settings shared by every command.
    #[command(flatten)]
    pub config: ConfigArgs,
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Settings, each from its flag or its `PORTICO_*` variable.
#[derive(Debug, Clone, Args)]
pub struct ConfigArgs {
    /// Database: `sqlite://PATH` (embedded file, created if missing) or `postgres://USER@HOST/DB`
    /// (shared by several portico processes).
    #[arg(
        long,
        global = true,
        env = "PORTICO_DATABASE_URL",
        default_value = "sqlite://data/portico.db"
    )]
    pub database_url: String,
    /// Address to listen on, host:port.
    #[arg(
        long,
        global = true,
        env = "PORTICO_LISTEN",
        default_value = "127.0.0.1:3000"
    )]
    pub listen: String,
    /// Base URL people reach the portal at, used for links in emails [default: http://LISTEN].
    /// With https, cookies are marked Secure.
    #[arg(long, global = true, env = "PORTICO_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Folder for stored files (attachments).
    #[arg(
        long,
        global = true,
        env = "PORTICO_DATA_DIR",
        default_value = "./data"
    )]
    pub data_dir: PathBuf,
    /// Where attachments are kept when several processes serve: an S3-compatible object store,
    /// `s3://BUCKET[/PREFIX]?endpoint=https://HOST&region=REGION` (credentials from
    /// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN). Unset: PORTICO_DATA_DIR.
    #[arg(long, global = true, env = "PORTICO_STORAGE_URL")]
    pub storage_url: Option<String>,
    /// SMTP relay for outgoing email: `smtps://USER:PASS@HOST:465` (TLS), or
    /// `smtp://USER:PASS@HOST:587` (STARTTLS required; plain SMTP only to a relay on loopback, or
    /// with `?tls=none`). `serve` and `worker` need it, or --dev-mailbox.
    #[arg(long, global = true, env = "PORTICO_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// Keep emails in the built-in dev mailbox (admins read it at /admin/mail) instead of sending
    /// them: for trying Portico out, never for real customers. Ignored when PORTICO_SMTP_URL is set.
    #[arg(long, global = true, env = "PORTICO_DEV_MAILBOX")]
    pub dev_mailbox: bool,
    /// Reverse proxies (addresses or networks, comma-separated, e.g. `10.0.0.0/8,::1`) whose
    /// `X-Forwarded-For` header names the client; from anyone else the header is ignored.
    #[arg(
        long,
        global = true,
        env = "PORTICO_TRUSTED_PROXIES",
        default_value = ""
    )]
    pub trusted_proxies: String,
    /// Hours a staff member's session lasts at most (customers: 7 days), 1 to 168.
    #[arg(
        long,
        global = true,
        env = "PORTICO_STAFF_SESSION_HOURS",
        default_value = "12"
    )]
    pub staff_session_hours: String,
    /// Days after which a solved case closes by itself and sends its survey, 0 to 365 (0: never).
    #[arg(
        long,
        global = true,
        env = "PORTICO_AUTO_CLOSE_DAYS",
        default_value = "7"
    )]
    pub auto_close_days: String,
    /// Seconds an outbox job (an email) stays reserved for the node that claimed it, 10 to 3600;
    /// a node that dies mid-job leaves its jobs to the others after this. Longer than the slowest
    /// SMTP relay's answer.
    #[arg(
        long,
        global = true,
        env = "PORTICO_OUTBOX_LEASE_SECONDS",
        default_value = "120"
    )]
    pub outbox_lease_seconds: String,
    /// Sender of every email, `Name <address>` [default: Portico <portico@HOST of PUBLIC_URL>].
    #[arg(long, global = true, env = "PORTICO_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// The support mailbox, `Name <address>`: the `Reply-To` of every email about a case (none
    /// when unset).
    #[arg(long, global = true, env = "PORTICO_SUPPORT_ADDRESS")]
    pub support_address: Option<String>,
    /// The support phone number shown with the ways to ask for support (admins may change it in
    /// the app's settings).
    #[arg(long, global = true, env = "PORTICO_SUPPORT_PHONE")]
    pub support_phone: Option<String>,
    /// The support mailbox to read inbound email from: `imaps://USER:PASS@HOST:993` (TLS), or
    /// `imap://` to a server on loopback only. Unset: no inbound email.
    #[arg(long, global = true, env = "PORTICO_IMAP_URL", hide_env_values = true)]
    pub imap_url: Option<String>,
    /// Certificates (PEM) that `imaps://` trusts besides the usual public roots: the certificate
    /// authority of a company's own mail server.
    #[arg(long, global = true, env = "PORTICO_IMAP_CA_FILE")]
    pub imap_ca_file: Option<PathBuf>,
    /// The mailbox folder that inbound email is read from.
    #[arg(
        long,
        global = true,
        env = "PORTICO_IMAP_FOLDER",
        default_value = "INBOX"
    )]
    pub imap_folder: String,
    /// Seconds between looks at the mailbox when the server offers no IDLE (and at most between
    /// two with IDLE), 1 to 3600.
    #[arg(
        long,
        global = true,
        env = "PORTICO_IMAP_POLL_SECONDS",
        default_value = "60"
    )]
    pub imap_poll_seconds: String,
    /// Hours a welcome email's set-password link works (1 to 720).
    #[arg(
        long,
        global = true,
        env = "PORTICO_SET_PASSWORD_TTL_HOURS",
        default_value = "72"
    )]
    pub set_password_ttl_hours: String,
    /// Largest attachment, in MB (1 to 2048).
    #[arg(
        long,
        global = true,
        env = "PORTICO_MAX_UPLOAD_MB",
        default_value = "25"
    )]
    pub max_upload_mb: String,
}

/// Subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Run the web server (the default): applies migrations first.
    Serve {
        /// Also add the demo data if it is missing, and print the demo logins.
        #[arg(long)]
        demo: bool,
    },
    /// Run only the outbox worker (sends email), for extra nodes beside the web servers.
    Worker,
    /// Apply database migrations and exit.
    Migrate,
    /// Add the demo companies, people, product catalog, articles and (on a database without
    /// cases) cases; only what is missing.
    SeedDemo {
        /// Leave out the demo cases (companies, people, products and articles only).
        #[arg(long)]
        without_cases: bool,
    },
    /// Manage customer companies.
    Account {
        /// What to do with them.
        #[command(subcommand)]
        command: AccountCommand,
    },
    /// Manage people.
    User {
        /// What to do with them.
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage where attachments are kept.
    Storage {
        /// What to do with them.
        #[command(subcommand)]
        command: StorageCommand,
    },
}

/// `portico storage ...`
#[derive(Debug, Clone, Subcommand)]
pub enum StorageCommand {
    /// Copy every file under PORTICO_DATA_DIR to the object store of PORTICO_STORAGE_URL, reading
    /// each copy back and checking its SHA-256; files already there and intact are skipped, so it
    /// may run again. Then set PORTICO_STORAGE_URL on every process.
    Migrate {
        /// Create the bucket first if it does not exist.
        #[arg(long)]
        create_bucket: bool,
    },
}

/// `portico account ...`
#[derive(Debug, Clone, Subcommand)]
pub enum AccountCommand {
    /// Add a customer company (its contacts then join with `portico user add --account NAME`).
    Add {
        /// Company name (unique, whatever the case).
        #[arg(long)]
        name: String,
        /// Phone number.
        #[arg(long, default_value = "")]
        phone: String,
        /// Country, as people write it.
        #[arg(long, default_value = "")]
        country: String,
    },
}

/// `portico user ...`
#[derive(Debug, Clone, Subcommand)]
pub enum UserCommand {
    /// Add a person.
    Add {
        /// Email address, also the username.
        #[arg(long)]
        email: String,
        /// Full name.
        #[arg(long)]
        name: String,
        /// customer, agent or admin.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// Company name (customers only; the company must exist).
        #[arg(long)]
        account: Option<String>,
        /// Initial password (at least 10 characters). Without it a customer gets the welcome
        /// email with a link to set one; staff set one through "Forgot your password?".
        #[arg(long)]
        password: Option<String>,
        /// Language: en, ru or nl.
        #[arg(long, default_value = "en", value_parser = parse_language)]
        language: Language,
        /// Phone number.
        #[arg(long, default_value = "")]
        phone: String,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::from_code(s).ok_or_else(|| "expected customer, agent or admin".into())
}

fn parse_language(s: &str) -> Result<Language, String> {
    Language::from_code(s).ok_or_else(|| "expected en, ru or nl".into())
}

/// The settings after validation.
#[derive(Debug, Clone)]
pub struct Config {
    /// Database URL (validated scheme).
    pub database_url: Secret,
    /// Socket to bind.
    pub listen: SocketAddr,
    /// Emails may go to the dev mailbox (asked for with --dev-mailbox).
    pub dev_mailbox: bool,
    /// Settings handed to the app.
    pub settings: Settings,
}

/// A setting that cannot be used; the message names its variable.
#[derive(Debug, thiserror::Error)]
#[error("{variable}: {message}")]
pub struct ConfigError {
    /// The variable, e.g. `PORTICO_LISTEN`.
    pub variable: &'static str,
    /// What is wrong and what would be right.
    pub message: String,
}

fn bad(variable: &'static str, message: String) -> ConfigError {
    ConfigError { variable, message }
}

impl Config {
    /// Where `serve` and `worker` send email, or why they cannot start: an SMTP relay, or the dev
    /// mailbox only when it was asked for (a missing PORTICO_SMTP_URL is never silently a mailbox
    /// that admins read, holding everyone's email).
    pub fn check_mail(&self) -> Result<(), ConfigError> {
        if self.settings.smtp_url.is_none() && !self.dev_mailbox {
            return Err(bad(
                "PORTICO_SMTP_URL",
                "is not set: set it to your SMTP relay, or pass --dev-mailbox \
                 (PORTICO_DEV_MAILBOX=true) to keep emails in the built-in dev mailbox"
                    .into(),
            ));
        }
        Ok(())
    }
}

impl ConfigArgs {
    /// Checks every value; the first bad one is the error.
    pub fn validate(&self) -> Result<Config, ConfigError> {
        let db = self.database_url.trim();
        if !(db.starts_with("sqlite:")
            || db.starts_with("postgres://")
            || db.starts_with("postgresql://"))
        {
            // The value may hold a password: say what it starts with, never the rest.
            let scheme = db.split(':').next().unwrap_or("").chars().take(20);
            return Err(bad(
                "PORTICO_DATABASE_URL",
                format!(
                    "a {:?}: URL is neither sqlite:// nor postgres://",
                    scheme.collect::<String>()
                ),
            ));
        }
        let listen: SocketAddr = self.listen.trim().parse().map_err(|_| {
            bad(
                "PORTICO_LISTEN",
                format!(
                    "{:?} is not a host:port address such as 127.0.0.1:3000",
                    self.listen
                ),
            )
        })?;
        let public_url = match self
            .public_url
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => format!("http://{listen}"),
            Some(raw) => {
                let parsed = url::Url::parse(raw).map_err(|e| {
                    bad("PORTICO_PUBLIC_URL", format!("{raw:?} is not a URL ({e})"))
                })?;
                if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
                    return Err(bad(
                        "PORTICO_PUBLIC_URL",
                        format!("{raw:?} must be an http:// or https:// URL with a host"),
                    ));
                }
                raw.trim_end_matches('/').to_string()
            }
        };
        let smtp_url = match self
            .smtp_url
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(raw) => {
                let ok = url::Url::parse(raw)
                    .ok()
                    .filter(|u| matches!(u.scheme(), "smtp" | "smtps") && u.host_str().is_some());
                if ok.is_none() {
                    // The value may hold a password: do not repeat it.
                    return Err(bad(
                        "PORTICO_SMTP_URL",
                        "is not an smtp://HOST:PORT or smtps://HOST:PORT URL".into(),
                    ));
                }
                Some(Secret(raw.to_string()))
            }
        };
        if self.data_dir.as_os_str().is_empty() {
            return Err(bad("PORTICO_DATA_DIR", "must not be empty".into()));
        }
        let storage = match self.storage_url.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(app::backend::uploads::ObjectStorage {
                location: app::backend::uploads::S3Location::parse(raw)
                    .map_err(|why| bad("PORTICO_STORAGE_URL", why))?,
                credentials: app::backend::uploads::S3Credentials::from_env().ok_or_else(|| {
                    bad(
                        "PORTICO_STORAGE_URL",
                        "needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and \
                         AWS_SESSION_TOKEN with temporary credentials)"
                            .into(),
                    )
                })?,
            }),
        };
        let host = url::Url::parse(&public_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_else(|| "localhost".into());
        // A bare IP is no mail domain; `localhost` keeps the default address well-formed.
        let domain = if host.parse::<std::net::IpAddr>().is_ok() || !host.contains('.') {
            "localhost".to_string()
        } else {
            host
        };
        let mail_from = match self
            .mail_from
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => format!("Portico <portico@{domain}>"),
            Some(raw) => {
                if raw.parse::<lettre::message::Mailbox>().is_err() {
                    return Err(bad(
                        "PORTICO_MAIL_FROM",
                        format!(
                            "{raw:?} is not an address such as \"Support <support@example.com>\""
                        ),
                    ));
                }
                raw.to_string()
            }
        };
        let support_address = match self
            .support_address
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(raw) if raw.parse::<lettre::message::Mailbox>().is_err() => {
                return Err(bad(
                    "PORTICO_SUPPORT_ADDRESS",
                    format!("{raw:?} is not an address such as \"Support <support@example.com>\""),
                ));
            }
            Some(raw) => Some(raw.to_string()),
        };
        let support_phone = match self.support_phone.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) if raw.chars().count() > 50 || raw.chars().any(char::is_control) => {
                return Err(bad(
                    "PORTICO_SUPPORT_PHONE",
                    format!("{raw:?} is not a phone number of at most 50 characters"),
                ));
            }
            Some(raw) => Some(raw.to_string()),
        };
        let ttl_hours: i64 = self
            .set_password_ttl_hours
            .trim()
            .parse()
            .ok()
            .filter(|h| (1..=720).contains(h))
            .ok_or_else(|| {
                bad(
                    "PORTICO_SET_PASSWORD_TTL_HOURS",
                    format!(
                        "{:?} is not a number of hours from 1 to 720",
                        self.set_password_ttl_hours
                    ),
                )
            })?;
        let max_upload_mb: u64 = self
            .max_upload_mb
            .trim()
            .parse()
            .ok()
            .filter(|mb| (1..=2048).contains(mb))
            .ok_or_else(|| {
                bad(
                    "PORTICO_MAX_UPLOAD_MB",
                    format!(
                        "{:?} is not a number of MB from 1 to 2048",
                        self.max_upload_mb
                    ),
                )
            })?;
        let trusted_proxies = self
            .trusted_proxies
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::parse)
            .collect::<Result<Vec<_>, String>>()
            .map_err(|e| bad("PORTICO_TRUSTED_PROXIES", e))?;
        let auto_close_days: u32 = self
            .auto_close_days
            .trim()
            .parse()
            .ok()
            .filter(|d| *d <= 365)
            .ok_or_else(|| {
                bad(
                    "PORTICO_AUTO_CLOSE_DAYS",
                    format!(
                        "{:?} is not a number of days from 0 to 365",
                        self.auto_close_days
                    ),
                )
            })?;
        let outbox_lease: i64 = self
            .outbox_lease_seconds
            .trim()
            .parse()
            .ok()
            .filter(|s| (10..=3600).contains(s))
            .ok_or_else(|| {
                bad(
                    "PORTICO_OUTBOX_LEASE_SECONDS",
                    format!(
                        "{:?} is not a number of seconds from 10 to 3600",
                        self.outbox_lease_seconds
                    ),
                )
            })?;
        let staff_hours: i64 = self
            .staff_session_hours
            .trim()
            .parse()
            .ok()
            .filter(|h| (1..=168).contains(h))
            .ok_or_else(|| {
                bad(
                    "PORTICO_STAFF_SESSION_HOURS",
                    format!(
                        "{:?} is not a number of hours from 1 to 168",
                        self.staff_session_hours
                    ),
                )
            })?;
        let imap = match self
            .imap_url
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(raw) => {
                let parsed = url::Url::parse(raw).ok().filter(|u| {
                    u.host_str().is_some()
                        && !u.username().is_empty()
                        && u.password().is_some()
                        && matches!(u.scheme(), "imap" | "imaps")
                });
                let Some(parsed) = parsed else {
                    // The value holds a password: do not repeat it.
                    return Err(bad(
                        "PORTICO_IMAP_URL",
                        "is not an imaps://USER:PASSWORD@HOST:PORT URL".into(),
                    ));
                };
                // imap: is no special scheme to the URL parser: its host is text, IPs included.
                let host = parsed.host_str().unwrap_or("").trim_matches(['[', ']']);
                let loopback = host.eq_ignore_ascii_case("localhost")
                    || host
                        .parse::<std::net::IpAddr>()
                        .is_ok_and(|ip| ip.is_loopback());
                if parsed.scheme() == "imap" && !loopback {
                    return Err(bad(
                        "PORTICO_IMAP_URL",
                        "uses imap:// (no TLS) to a server that is not on loopback: use imaps://"
                            .into(),
                    ));
                }
                let folder = self.imap_folder.trim();
                if folder.is_empty() || folder.chars().any(|c| c.is_control() || c == '"') {
                    return Err(bad(
                        "PORTICO_IMAP_FOLDER",
                        format!("{folder:?} is not a folder name"),
                    ));
                }
                let poll: u64 = self
                    .imap_poll_seconds
                    .trim()
                    .parse()
                    .ok()
                    .filter(|s| (1..=3600).contains(s))
                    .ok_or_else(|| {
                        bad(
                            "PORTICO_IMAP_POLL_SECONDS",
                            format!(
                                "{:?} is not a number of seconds from 1 to 3600",
                                self.imap_poll_seconds
                            ),
                        )
                    })?;
                let ca_certificates = match &self.imap_ca_file {
                    None => Vec::new(),
                    Some(path) => {
                        use rustls::pki_types::CertificateDer;
                        use rustls::pki_types::pem::PemObject;
                        let certs: Vec<Vec<u8>> = CertificateDer::pem_file_iter(path)
                            .map_err(|e| {
                                bad("PORTICO_IMAP_CA_FILE", format!("{}: {e}", path.display()))
                            })?
                            .map(|c| c.map(|c| c.to_vec()))
                            .collect::<Result<_, _>>()
                            .map_err(|e| {
                                bad("PORTICO_IMAP_CA_FILE", format!("{}: {e}", path.display()))
                            })?;
                        if certs.is_empty() {
                            return Err(bad(
                                "PORTICO_IMAP_CA_FILE",
                                format!("{} holds no PEM certificate", path.display()),
                            ));
                        }
                        certs
                    }
                };
                Some(app::backend::state::ImapSettings {
                    url: Secret(raw.to_string()),
                    folder: folder.to_string(),
                    poll: std::time::Duration::from_secs(poll),
                    ca_certificates,
                })
            }
        };
        let trust_host_header = self
            .public_url
            .as_deref()
            .is_none_or(|u| u.trim().is_empty());
        Ok(Config {
            database_url: Secret(db.to_string()),
            listen,
            dev_mailbox: self.dev_mailbox,
            settings: Settings {
                public_url,
                data_dir: self.data_dir.clone(),
                storage,
                smtp_url,
                mail_from,
                support_address,
                support_phone,
                set_password_ttl: chrono::Duration::hours(ttl_hours),
                max_upload_mb,
                trust_host_header,
                trusted_proxies,
                staff_session_lifetime: chrono::Duration::hours(staff_hours),
                auto_close_days,
                outbox_lease: chrono::Duration::seconds(outbox_lease),
                imap,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args() -> ConfigArgs {
        ConfigArgs {
            database_url: "sqlite://data/portico.db".into(),
            listen: "127.0.0.1:3000".into(),
            public_url: None,
            data_dir: "./data".into(),
            storage_url: None,
            smtp_url: None,
            mail_from: None,
            support_address: None,
            support_phone: None,
            set_password_ttl_hours: "72".into(),
            max_upload_mb: "25".into(),
            dev_mailbox: false,
            trusted_proxies: String::new(),
            staff_session_hours: "12".into(),
            auto_close_days: "7".into(),
            outbox_lease_seconds: "120".into(),
            imap_url: None,
            imap_ca_file: None,
            imap_folder: "INBOX".into(),
            imap_poll_seconds: "60".into(),
        }
    }

    #[test]
    fn the_support_mailbox_needs_tls_beyond_loopback() {
        let with = |url: &str, poll: &str| {
            let mut a = args();
            a.imap_url = Some(url.into());
            a.imap_poll_seconds = poll.into();
            a.validate()
        };
        for ok in [
            "imaps://support:pw@mail.example.com:993",
            "imap://support:pw@127.0.0.1:1143",
            "imap://support:pw@localhost:143",
            "imap://support:pw@[::1]:143",
        ] {
            let c = with(ok, "30").unwrap_or_else(|e| panic!("{ok}: {e}"));
            let imap = c.settings.imap.expect("imap on");
            assert_eq!(imap.folder, "INBOX");
            assert_eq!(imap.poll, std::time::Duration::from_secs(30));
        }
        for bad in [
            "imap://support:pw@mail.example.com:143",
            "imap://support:pw@10.0.0.5:143",
            "imaps://mail.example.com:993",
            "https://support:pw@mail.example.com",
            "not a url",
        ] {
            let e = with(bad, "30").expect_err(bad).to_string();
            assert!(e.contains("PORTICO_IMAP_URL"), "{bad}: {e}");
            assert!(!e.contains("pw@"), "the password is never repeated: {e}");
        }
        for poll in ["0", "3601", "soon"] {
            let e = with("imaps://s:pw@mail.example.com", poll).expect_err(poll);
            assert!(e.to_string().contains("PORTICO_IMAP_POLL_SECONDS"));
        }
        assert!(args().validate().expect("defaults").settings.imap.is_none());
    }

    #[test]
    fn defaults_are_valid() {
        let c = args().validate().expect("defaults");
        assert_eq!(c.listen.to_string(), "127.0.0.1:3000");
        assert_eq!(c.settings.public_url, "http://127.0.0.1:3000");
        assert!(c.settings.smtp_url.is_none());
        assert_eq!(c.settings.mail_from, "Portico <portico@localhost>");
        assert_eq!(c.settings.set_password_ttl, chrono::Duration::hours(72));
        assert!(!c.settings.secure_cookies());
    }

    #[test]
    fn each_bad_value_names_its_variable() {
        let cases: Vec<(ConfigArgs, &str)> = vec![
            (
                ConfigArgs {
                    database_url: "mysql://x".into(),
                    ..args()
                },
                "PORTICO_DATABASE_URL",
            ),
            (
                ConfigArgs {
                    listen: "localhost".into(),
                    ..args()
                },
                "PORTICO_LISTEN",
            ),
            (
                ConfigArgs {
                    public_url: Some("ftp://x".into()),
                    ..args()
                },
                "PORTICO_PUBLIC_URL",
            ),
            (
                ConfigArgs {
                    smtp_url: Some("http://mail".into()),
                    ..args()
                },
                "PORTICO_SMTP_URL",
            ),
            (
                ConfigArgs {
                    data_dir: "".into(),
                    ..args()
                },
                "PORTICO_DATA_DIR",
            ),
            (
                ConfigArgs {
                    mail_from: Some("not an address".into()),
                    ..args()
                },
                "PORTICO_MAIL_FROM",
            ),
            (
                ConfigArgs {
                    set_password_ttl_hours: "0".into(),
                    ..args()
                },
                "PORTICO_SET_PASSWORD_TTL_HOURS",
            ),
            (
                ConfigArgs {
                    max_upload_mb: "0".into(),
                    ..args()
                },
                "PORTICO_MAX_UPLOAD_MB",
            ),
            (
                ConfigArgs {
                    trusted_proxies: "10.0.0.0/8, proxy.local".into(),
                    ..args()
                },
                "PORTICO_TRUSTED_PROXIES",
            ),
            (
                ConfigArgs {
                    staff_session_hours: "0".into(),
                    ..args()
                },
                "PORTICO_STAFF_SESSION_HOURS",
            ),
        ];
        for (a, var) in cases {
            let err = a.validate().expect_err(var);
            assert_eq!(err.variable, var);
            assert!(err.to_string().starts_with(var));
        }
    }

    #[test]
    fn smtp_password_is_neither_echoed_nor_debug_printed() {
        let err = ConfigArgs {
            smtp_url: Some("smtp//user:hunter2@x".into()),
            ..args()
        }
        .validate()
        .expect_err("bad url");
        assert!(!err.to_string().contains("hunter2"));
        let ok = ConfigArgs {
            smtp_url: Some("smtp://user:hunter2@mail:25".into()),
            ..args()
        }
        .validate()
        .expect("good url");
        assert!(!format!("{ok:?}").contains("hunter2"));
    }

    #[test]
    fn a_bad_database_url_does_not_echo_its_password() {
        let err = ConfigArgs {
            database_url: "mysql://root:hunter2@db/portico".into(),
            ..args()
        }
        .validate()
        .expect_err("mysql");
        assert!(!err.to_string().contains("hunter2"), "{err}");
        assert!(err.to_string().contains("\"mysql\""), "{err}");
    }

    #[test]
    fn serving_needs_an_smtp_relay_or_the_dev_mailbox_asked_for() {
        let none = args().validate().expect("valid");
        let err = none.check_mail().expect_err("no mailer");
        assert_eq!(err.variable, "PORTICO_SMTP_URL");
        assert!(err.message.contains("--dev-mailbox"));
        let dev = ConfigArgs {
            dev_mailbox: true,
            ..args()
        }
        .validate()
        .expect("valid");
        assert!(dev.check_mail().is_ok());
        let smtp = ConfigArgs {
            smtp_url: Some("smtp://mail.example:587".into()),
            ..args()
        }
        .validate()
        .expect("valid");
        assert!(smtp.check_mail().is_ok());
    }

    #[test]
    fn trusted_proxies_and_the_host_header_rule() {
        let c = ConfigArgs {
            trusted_proxies: "10.0.0.0/8, ::1".into(),
            ..args()
        }
        .validate()
        .expect("valid");
        assert_eq!(c.settings.trusted_proxies.len(), 2);
        assert!(
            c.settings.trust_host_header,
            "no public URL: the Host header's origin counts"
        );
        let c = ConfigArgs {
            public_url: Some("https://support.example.com".into()),
            ..args()
        }
        .validate()
        .expect("valid");
        assert!(!c.settings.trust_host_header);
        assert_eq!(
            c.settings.staff_session_lifetime,
            chrono::Duration::hours(12)
        );
    }

    #[test]
    fn https_public_url_turns_on_secure_cookies() {
        let c = ConfigArgs {
            public_url: Some("https://support.example.com/".into()),
            ..args()
        }
        .validate()
        .expect("valid");
        assert_eq!(c.settings.public_url, "https://support.example.com");
        assert!(c.settings.secure_cookies());
    }
}
