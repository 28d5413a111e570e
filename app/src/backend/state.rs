//! `AppState`: what every request handler and server function reaches through `ctx()`.
use crate::backend::store::Store;
use crate::error::AppError;
use leptos::config::LeptosOptions;
use std::path::PathBuf;
use std::sync::Arc;

/// Portico's own settings, already validated (see `portico --help` for their variables).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Base of absolute links, such as those in emails (no trailing slash).
    pub public_url: String,
    /// Folder for stored files.
    pub data_dir: PathBuf,
    /// Attachments in an S3-compatible object store (`PORTICO_STORAGE_URL`); `None`: under
    /// `data_dir`.
    pub storage: Option<crate::backend::uploads::ObjectStorage>,
    /// SMTP relay; `None` means the built-in dev mailbox.
    pub smtp_url: Option<Secret>,
    /// The `From` of every email, e.g. `Portico <support@example.com>`.
    pub mail_from: String,
    /// The support mailbox (`PORTICO_SUPPORT_ADDRESS`): the `Reply-To` of every case email.
    pub support_address: Option<String>,
    /// The support phone number (`PORTICO_SUPPORT_PHONE`): the default of the admins' setting.
    pub support_phone: Option<String>,
    /// How long a welcome email's set-password link works.
    pub set_password_ttl: chrono::Duration,
    /// Largest attachment, in MB (decimal: 25 MB = 25,000,000 bytes).
    pub max_upload_mb: u64,
    /// `PORTICO_PUBLIC_URL` was not set (the portal is reached at whatever host it listens on): a
    /// request whose `Origin` is `http://` + its own `Host` header is also same-origin. An
    /// attacker's page cannot choose the `Host` a victim's browser sends.
    pub trust_host_header: bool,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`PORTICO_TRUSTED_PROXIES`).
    pub trusted_proxies: Vec<IpNet>,
    /// How long a staff member's session lasts at most (customers: `auth::ABSOLUTE`).
    pub staff_session_lifetime: chrono::Duration,
    /// Days after which a solved case closes by itself, sending its survey (0: never).
    pub auto_close_days: u32,
    /// How long a claimed outbox job is reserved for its worker (`PORTICO_OUTBOX_LEASE_SECONDS`);
    /// another worker takes it again after that ([`crate::backend::jobs`]).
    pub outbox_lease: chrono::Duration,
    /// The support mailbox read over IMAP (`PORTICO_IMAP_URL`); `None`: no inbound email.
    pub imap: Option<ImapSettings>,
}

/// Where inbound email is read.
#[derive(Debug, Clone)]
pub struct ImapSettings {
    /// `imaps://USER:PASS@HOST:993` (or `imap://` to a server on loopback).
    pub url: Secret,
    /// The folder (`PORTICO_IMAP_FOLDER`, default `INBOX`).
    pub folder: String,
    /// How often the mailbox is looked at when the server offers no IDLE, and at most how long an
    /// IDLE waits before looking again.
    pub poll: std::time::Duration,
    /// Certificates (PEM) trusted for `imaps://` besides Mozilla's roots (`PORTICO_IMAP_CA_FILE`:
    /// a company's own certificate authority).
    pub ca_certificates: Vec<Vec<u8>>,
}

impl Settings {
    /// Cookies get `Secure` when the portal is served over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The public URL's origin (`scheme://host[:port]`), which same-origin requests carry.
    pub fn public_origin(&self) -> String {
        url_origin(&self.public_url)
    }

    /// Largest attachment in bytes.
    pub fn max_upload_bytes(&self) -> u64 {
        self.max_upload_mb * 1_000_000
    }

    /// The domain of generated `Message-ID`s: the public URL's host.
    pub fn mail_domain(&self) -> &str {
        let rest = self
            .public_url
            .split_once("://")
            .map_or(self.public_url.as_str(), |(_, r)| r);
        let host = rest.split(['/', ':']).next().unwrap_or("");
        if host.is_empty() {
            "portico.invalid"
        } else {
            host
        }
    }
}

fn url_origin(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let default_port = match scheme {
        "https" => ":443",
        _ => ":80",
    };
    let authority = authority.strip_suffix(default_port).unwrap_or(authority);
    format!(
        "{}://{}",
        scheme.to_ascii_lowercase(),
        authority.to_ascii_lowercase()
    )
}

/// An IP network such as `10.0.0.0/8`, `2001:db8::/32` or a single address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpNet {
    addr: std::net::IpAddr,
    prefix: u8,
}

impl IpNet {
    /// Whether `ip` lies in this network (IPv4 and IPv6 never match each other).
    pub fn contains(&self, ip: std::net::IpAddr) -> bool {
        use std::net::IpAddr::{V4, V6};
        match (self.addr, ip) {
            (V4(net), V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (V6(net), V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

impl std::str::FromStr for IpNet {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (addr, prefix) = match s.trim().split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s.trim(), None),
        };
        let addr: std::net::IpAddr = addr
            .parse()
            .map_err(|_| format!("{s:?} is not an IP address or network"))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("{s:?} has no prefix length from 0 to {max}"))?,
        };
        Ok(Self { addr, prefix })
    }
}

/// A string that never shows itself in `Debug` output (an SMTP URL may hold a password).
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Shared, cheap to clone. Holds no state that matters beyond handles: data lives in the store.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Arc<Store>,
    /// Portico's settings.
    pub settings: Arc<Settings>,
    /// Where attachment bytes go.
    pub blobs: Arc<dyn crate::backend::uploads::BlobStore>,
    /// Where emails go.
    pub mailer: crate::backend::mail::Mailer,
    /// Leptos' settings (site root, output name).
    pub leptos_options: LeptosOptions,
    /// Case page views waiting to be written ("Recently viewed").
    pub views: Arc<crate::backend::views::ViewLog>,
    /// This process's feed of changes, for live pages.
    pub live: Arc<crate::backend::live::ChangeFeed>,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state of the current request, inside a server function or a rendered page.
pub fn ctx() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_drop_paths_users_and_default_ports() {
        assert_eq!(
            url_origin("https://Support.Example.com/"),
            "https://support.example.com"
        );
        assert_eq!(
            url_origin("https://x.example:443/portal"),
            "https://x.example"
        );
        assert_eq!(url_origin("http://127.0.0.1:3000"), "http://127.0.0.1:3000");
        assert_eq!(url_origin("http://u:p@x.example:80"), "http://x.example");
    }

    #[test]
    fn networks_hold_their_addresses() {
        let net: IpNet = "10.0.0.0/8".parse().expect("net");
        assert!(net.contains("10.200.1.1".parse().expect("ip")));
        assert!(!net.contains("11.0.0.1".parse().expect("ip")));
        let one: IpNet = "192.0.2.7".parse().expect("net");
        assert!(one.contains("192.0.2.7".parse().expect("ip")));
        assert!(!one.contains("192.0.2.8".parse().expect("ip")));
        let v6: IpNet = "2001:db8::/32".parse().expect("net");
        assert!(v6.contains("2001:db8:ffff::1".parse().expect("ip")));
        assert!(!v6.contains("10.0.0.1".parse().expect("ip")));
        let all: IpNet = "0.0.0.0/0".parse().expect("net");
        assert!(all.contains("203.0.113.1".parse().expect("ip")));
        assert!("10.0.0.0/33".parse::<IpNet>().is_err());
        assert!("proxy".parse::<IpNet>().is_err());
    }
}
