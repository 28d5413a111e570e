//! Delivery: lettre's SMTP transport (STARTTLS required except on loopback), or the dev mailbox
//! in the database.
use super::OutgoingEmail;
use crate::backend::store::{NewDevMail, Store};

/// The headers that place an email: its `Message-ID`, the thread it answers (`In-Reply-To` and
/// `References`), and where replies go (`Reply-To`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headers {
    /// `<…@…>`.
    pub message_id: String,
    /// The thread's root, for a case email.
    pub in_reply_to: Option<String>,
    /// The support mailbox (`PORTICO_SUPPORT_ADDRESS`), for a case email.
    pub reply_to: Option<String>,
}

/// Where emails go: an SMTP relay, or the dev mailbox in the database.
#[derive(Clone)]
pub enum Mailer {
    /// lettre's pooled SMTP transport.
    Smtp(lettre::AsyncSmtpTransport<lettre::Tokio1Executor>),
    /// The `dev_mailbox` table, read at `/admin/mail`.
    DevMailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Smtp(_) => "Mailer::Smtp",
            Self::DevMailbox => "Mailer::DevMailbox",
        })
    }
}

impl Mailer {
    /// The mailer for an SMTP URL, or the dev mailbox when there is none. `smtps://` is SMTP over
    /// TLS; `smtp://` requires STARTTLS (the connection fails rather than send in the clear),
    /// except to a relay on loopback, where plain SMTP is used; `?tls=none` opts out of STARTTLS
    /// anywhere, `?tls=opportunistic` uses it only when offered.
    pub fn new(smtp_url: Option<&str>) -> Result<Self, String> {
        match smtp_url {
            None => Ok(Self::DevMailbox),
            Some(url) => {
                let url = smtp_transport_url(url)?;
                lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(&url)
                    .map(|b| {
                        Self::Smtp(b.timeout(Some(std::time::Duration::from_secs(30))).build())
                    })
                    .map_err(|e| format!("PORTICO_SMTP_URL: {e}"))
            }
        }
    }

    /// Delivers outbox job `job_id`'s email. The `Message-ID` is derived from the job, so a
    /// repeated delivery (after a crash between sending and completing) carries the same id and
    /// mail clients show it once. The dev mailbox also completes the job, in the same transaction.
    pub async fn deliver(
        &self,
        store: &Store,
        job_id: i64,
        headers: &Headers,
        from: &str,
        email: &OutgoingEmail,
    ) -> Result<(), String> {
        match self {
            Self::DevMailbox => {
                // The mailbox hides sign-in secrets from the admins who read it; the operator who
                // chose the dev mailbox (--dev-mailbox) finds them on the server's terminal.
                for secret in email.secrets.iter().take(1) {
                    println!("dev mailbox: for {}: {secret}", email.to);
                }
                store
                    .deliver_dev_mail(
                        job_id,
                        &NewDevMail {
                            message_id: headers.message_id.clone(),
                            to_addr: email.to.clone(),
                            subject: email.subject.clone(),
                            text_body: email.text.clone(),
                            html_body: email.html.clone(),
                            secrets: email.secrets.clone(),
                        },
                    )
                    .await
                    .map_err(|e| e.to_string())
            }
            Self::Smtp(transport) => {
                use lettre::AsyncTransport;
                let message = build_message(headers, from, email)?;
                transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// The URL lettre gets for `PORTICO_SMTP_URL`: `smtp://` without a `tls` setting becomes
/// `tls=required` unless the host is on loopback; `tls=none` becomes lettre's plain SMTP (no
/// `tls` parameter). Errors never repeat the URL (it may hold a password).
pub fn smtp_transport_url(raw: &str) -> Result<String, String> {
    let mut url = url::Url::parse(raw).map_err(|_| "PORTICO_SMTP_URL: not a URL".to_string())?;
    if url.scheme() != "smtp" {
        return Ok(raw.to_string());
    }
    let tls = url
        .query_pairs()
        .find(|(k, _)| k == "tls")
        .map(|(_, v)| v.into_owned());
    let others: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| k != "tls")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    // `smtp` is no special scheme to the URL parser, so an IP address comes back as text.
    let loopback = url.host_str().is_some_and(|h| {
        h.eq_ignore_ascii_case("localhost")
            || h.trim_matches(['[', ']'])
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    });
    let tls = match tls.as_deref() {
        None if loopback => None,
        None | Some("required") => Some("required"),
        Some("opportunistic") => Some("opportunistic"),
        Some("none") => None,
        Some(_) => {
            return Err(
                "PORTICO_SMTP_URL: tls= must be required, opportunistic or none".to_string(),
            );
        }
    };
    {
        let mut q = url.query_pairs_mut();
        q.clear();
        for (k, v) in &others {
            q.append_pair(k, v);
        }
        if let Some(tls) = tls {
            q.append_pair("tls", tls);
        }
    }
    if url.query() == Some("") {
        url.set_query(None);
    }
    Ok(url.to_string())
}

/// A multipart/alternative message (text first, then HTML).
pub fn build_message(
    headers: &Headers,
    from: &str,
    email: &OutgoingEmail,
) -> Result<lettre::Message, String> {
    use lettre::message::{Mailbox, MultiPart};
    let to: Mailbox = format!(
        "{} <{}>",
        email.to_name.replace(['<', '>', '"'], ""),
        email.to
    )
    .parse()
    .or_else(|_| email.to.parse())
    .map_err(|e| format!("recipient {:?}: {e}", email.to))?;
    let from: Mailbox = from.parse().map_err(|e| format!("sender {from:?}: {e}"))?;
    let mut builder = lettre::Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject.clone())
        .message_id(Some(headers.message_id.clone()));
    if let Some(root) = &headers.in_reply_to {
        builder = builder.in_reply_to(root.clone()).references(root.clone());
    }
    if let Some(reply_to) = &headers.reply_to {
        let reply_to: Mailbox = reply_to
            .parse()
            .map_err(|e| format!("reply-to {reply_to:?}: {e}"))?;
        builder = builder.reply_to(reply_to);
    }
    // Every email Portico sends is automatic (RFC 3834): mail systems, Portico's own inbound path
    // included, never answer it, and Exchange is asked not to send out-of-office replies to it.
    use lettre::message::header::{HeaderName, HeaderValue};
    for (name, value) in [
        ("Auto-Submitted", "auto-generated"),
        ("X-Auto-Response-Suppress", "All"),
    ] {
        builder = builder.raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str(name),
            value.to_string(),
        ));
    }
    builder
        .multipart(MultiPart::alternative_plain_html(
            email.text.clone(),
            email.html.clone(),
        ))
        .map_err(|e| e.to_string())
}
