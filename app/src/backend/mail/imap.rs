//! The support mailbox, read over IMAP (`PORTICO_IMAP_URL`): every `portico serve` or `worker`
//! with the variable set runs one poller. Each unseen message is fetched, handed to
//! `services::inbound::receive` (which keeps its bytes and claims it by its dedupe key in the
//! database, so that of several processes reading one mailbox exactly one handles it), and then
//! flagged `\Seen`. A message is flagged only after it is claimed: a process killed in between
//! leaves it unseen, and the next look claims nothing new (the key exists) and flags it.
//!
//! Between looks the poller waits in IMAP IDLE when the server offers it (a new message wakes it
//! at once), else sleeps the poll interval. A lost connection is opened again with backoff.
use crate::backend::state::{AppState, ImapSettings};
use async_imap::Session;
use futures_util::TryStreamExt;
use std::fmt::Debug;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};

/// Where to connect, read from the URL.
struct Target {
    tls: bool,
    host: String,
    port: u16,
    user: String,
    password: String,
}

fn target(settings: &ImapSettings) -> Result<Target, String> {
    let url = url::Url::parse(&settings.url.0).map_err(|_| "PORTICO_IMAP_URL is not a URL")?;
    let tls = url.scheme() == "imaps";
    // The user and password as typed: `%XX` decoded, a `+` kept (it is no space in a URL's userinfo).
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    };
    Ok(Target {
        tls,
        host: url
            .host_str()
            .unwrap_or("")
            .trim_matches(['[', ']'])
            .to_string(),
        port: url.port().unwrap_or(if tls { 993 } else { 143 }),
        user: decode(url.username()),
        password: decode(url.password().unwrap_or("")),
    })
}

/// Runs the poller until `shutdown` resolves.
pub async fn run(
    state: AppState,
    settings: ImapSettings,
    shutdown: impl std::future::Future<Output = ()>,
) {
    tokio::pin!(shutdown);
    let target = match target(&settings) {
        Ok(t) => t,
        Err(e) => {
            tracing::error!(error = %e, "inbound mail is off");
            return;
        }
    };
    tracing::info!(host = %target.host, port = target.port, folder = %settings.folder, "reading the support mailbox");
    let mut failures: u32 = 0;
    loop {
        let outcome = tokio::select! {
            () = &mut shutdown => break,
            r = connect_and_read(&state, &settings, &target) => r,
        };
        if let Err(e) = outcome {
            failures = failures.saturating_add(1);
            tracing::warn!(error = %e, failures, "support mailbox: connection lost");
        }
        // 1 s, 2 s, 4 s ... at most the poll interval (and at least a second between tries).
        let wait = Duration::from_secs(1 << failures.min(10))
            .min(settings.poll.max(Duration::from_secs(1)));
        tokio::select! {
            () = &mut shutdown => break,
            () = tokio::time::sleep(wait) => {}
        }
    }
    tracing::info!("support mailbox poller stopped");
}

async fn connect_and_read(
    state: &AppState,
    settings: &ImapSettings,
    target: &Target,
) -> Result<(), String> {
    let tcp = tokio::time::timeout(
        Duration::from_secs(30),
        tokio::net::TcpStream::connect((target.host.as_str(), target.port)),
    )
    .await
    .map_err(|_| "connecting timed out".to_string())?
    .map_err(|e| format!("cannot connect: {e}"))?;
    if target.tls {
        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        for der in &settings.ca_certificates {
            roots
                .add(rustls::pki_types::CertificateDer::from(der.clone()))
                .map_err(|e| format!("PORTICO_IMAP_CA_FILE: {e}"))?;
        }
        let config = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth();
        let name = rustls::pki_types::ServerName::try_from(target.host.clone())
            .map_err(|e| format!("bad host name: {e}"))?;
        let stream = tokio_rustls::TlsConnector::from(Arc::new(config))
            .connect(name, tcp)
            .await
            .map_err(|e| format!("TLS: {e}"))?;
        read_mailbox(state, settings, target, stream).await
    } else {
        read_mailbox(state, settings, target, tcp).await
    }
}

async fn read_mailbox<T>(
    state: &AppState,
    settings: &ImapSettings,
    target: &Target,
    stream: T,
) -> Result<(), String>
where
    T: AsyncRead + AsyncWrite + Unpin + Debug + Send + Sync + 'static,
{
    let mut client = async_imap::Client::new(stream);
    client
        .read_response()
        .await
        .map_err(|e| format!("no greeting: {e}"))?
        .ok_or("no greeting")?;
    let mut session = client
        .login(&target.user, &target.password)
        .await
        .map_err(|(e, _)| format!("login refused: {e}"))?;
    let idle = session
        .capabilities()
        .await
        .map_err(|e| e.to_string())?
        .has_str("IDLE");
    session
        .select(&settings.folder)
        .await
        .map_err(|e| format!("folder {:?}: {e}", settings.folder))?;
    tracing::info!(idle, "support mailbox open");
    loop {
        read_unseen(state, &mut session).await?;
        if idle {
            let mut handle = session.idle();
            handle.init().await.map_err(|e| format!("IDLE: {e}"))?;
            let (wait, _stop) = handle.wait_with_timeout(settings.poll);
            wait.await.map_err(|e| format!("IDLE: {e}"))?;
            session = handle.done().await.map_err(|e| format!("IDLE: {e}"))?;
        } else {
            tokio::time::sleep(settings.poll).await;
            session.noop().await.map_err(|e| e.to_string())?;
        }
    }
}

/// Reads every unseen message, oldest first: claims it, then flags it `\Seen`.
async fn read_unseen<T>(state: &AppState, session: &mut Session<T>) -> Result<(), String>
where
    T: AsyncRead + AsyncWrite + Unpin + Debug + Send + Sync + 'static,
{
    let mut uids: Vec<u32> = session
        .uid_search("UNSEEN")
        .await
        .map_err(|e| format!("SEARCH: {e}"))?
        .into_iter()
        .collect();
    uids.sort_unstable();
    for uid in uids {
        let size = fetch_one(session, uid, "RFC822.SIZE")
            .await?
            .and_then(|f| f.size)
            .unwrap_or(0) as usize;
        let too_large = size > super::inbound::MESSAGE_MAX;
        // Over the limit only the header is read (kept for staff with the error).
        let query = if too_large {
            "BODY.PEEK[HEADER]"
        } else {
            "BODY.PEEK[]"
        };
        let Some(fetch) = fetch_one(session, uid, query).await? else {
            continue;
        };
        let raw = if too_large {
            fetch.header()
        } else {
            fetch.body()
        }
        .unwrap_or_default();
        crate::backend::services::inbound::receive(state, raw, too_large.then_some(size))
            .await
            .map_err(|e| format!("keeping message {uid}: {e}"))?;
        let flagged: Vec<_> = session
            .uid_store(uid.to_string(), "+FLAGS.SILENT (\\Seen)")
            .await
            .map_err(|e| format!("STORE: {e}"))?
            .try_collect()
            .await
            .map_err(|e| format!("STORE: {e}"))?;
        drop(flagged);
    }
    Ok(())
}

async fn fetch_one<T>(
    session: &mut Session<T>,
    uid: u32,
    query: &str,
) -> Result<Option<async_imap::types::Fetch>, String>
where
    T: AsyncRead + AsyncWrite + Unpin + Debug + Send + Sync + 'static,
{
    let fetched: Vec<async_imap::types::Fetch> = session
        .uid_fetch(uid.to_string(), query)
        .await
        .map_err(|e| format!("FETCH: {e}"))?
        .try_collect()
        .await
        .map_err(|e| format!("FETCH: {e}"))?;
    Ok(fetched.into_iter().find(|f| f.uid == Some(uid)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_gives_the_credentials_as_typed() {
        let settings = ImapSettings {
            url: crate::backend::state::Secret(
                "imaps://support%40acme.example:p+w%2Fd%25@mail.example.com".into(),
            ),
            folder: "INBOX".into(),
            poll: Duration::from_secs(60),
            ca_certificates: Vec::new(),
        };
        let t = target(&settings).expect("target");
        assert!(t.tls);
        assert_eq!((t.host.as_str(), t.port), ("mail.example.com", 993));
        assert_eq!(t.user, "support@acme.example");
        assert_eq!(t.password, "p+w/d%", "a + stays a +");
    }
}
