//! Requests Portico itself sends over HTTP: to the object store (`uploads::s3`), to identity
//! providers (`services::sso`) and to webhooks (`services::webhooks`). One client shape for all:
//! hyper over rustls with Mozilla's roots (no OpenSSL), a connect timeout, and no redirects followed
//! (hyper's client follows none), so an answer can never send Portico on to an address nobody
//! configured. Webhooks, whose URLs admins type, use [`public_client`]: it connects only to public
//! addresses, whatever a name resolves to when it connects (so a name that resolves to a public
//! address when saved and to a private one later is refused too).
use http_body_util::{BodyExt, Full};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::dns::{GaiResolver, Name};
use hyper_util::client::legacy::{Client, connect::HttpConnector};
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

/// The client: HTTP/1.1, plain or TLS, pooled.
pub type HttpClient = Client<HttpsConnector<HttpConnector>, Full<bytes::Bytes>>;

/// A client that connects to public addresses only ([`is_public`]).
pub type PublicHttpClient = Client<HttpsConnector<HttpConnector<PublicOnly>>, Full<bytes::Bytes>>;

/// How long connecting may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The address a URL names itself (`http://10.0.0.8/`), which no resolver sees; `None` for a name.
pub fn literal_ip(url: &url::Url) -> Option<IpAddr> {
    match url.host()? {
        url::Host::Ipv4(ip) => Some(IpAddr::V4(ip)),
        url::Host::Ipv6(ip) => Some(IpAddr::V6(ip)),
        url::Host::Domain(_) => None,
    }
}

/// Whether `ip` is an address on the public internet: not loopback, private (RFC 1918, IPv6 unique
/// local), link-local (cloud metadata services live there), carrier-grade NAT, unspecified,
/// broadcast, multicast, documentation or benchmarking ranges, nor an IPv4 address in IPv6 clothing
/// that is one of those.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 198 && (b == 18 || b == 19))
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || first == 0x2001 && v6.segments()[1] == 0xdb8
                || first == 0x0064 && v6.segments()[1] == 0xff9b)
        }
    }
}

/// A resolver that answers only a name's public addresses, and refuses a name that has none.
#[derive(Clone, Debug)]
pub struct PublicOnly(GaiResolver);

impl Default for PublicOnly {
    fn default() -> Self {
        Self(GaiResolver::new())
    }
}

impl tower::Service<Name> for PublicOnly {
    type Response = std::vec::IntoIter<SocketAddr>;
    type Error = std::io::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, name: Name) -> Self::Future {
        let lookup = self.0.call(name);
        Box::pin(async move {
            let public: Vec<SocketAddr> = lookup.await?.filter(|a| is_public(a.ip())).collect();
            if public.is_empty() {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    "the name resolves to no public address",
                ));
            }
            Ok(public.into_iter())
        })
    }
}

/// A new client (each user keeps its own, and with it its own pool).
pub fn client() -> Result<HttpClient, String> {
    client_with(HttpConnector::new())
}

/// A new client that connects to public addresses only. An address written in the URL itself
/// skips the resolver: callers check it with [`is_public`] first.
pub fn public_client() -> Result<PublicHttpClient, String> {
    client_with(HttpConnector::new_with_resolver(PublicOnly::default()))
}

fn client_with<R>(
    mut http: HttpConnector<R>,
) -> Result<Client<HttpsConnector<HttpConnector<R>>, Full<bytes::Bytes>>, String>
where
    R: tower::Service<Name> + Clone + Send + Sync + 'static,
    R::Response: Iterator<Item = SocketAddr>,
    R::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    R::Future: Send,
{
    http.enforce_http(false);
    http.set_connect_timeout(Some(CONNECT_TIMEOUT));
    http.set_nodelay(true);
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let tls = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| e.to_string())?
    .with_root_certificates(roots)
    .with_no_client_auth();
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        .https_or_http()
        .enable_http1()
        .wrap_connector(http);
    Ok(Client::builder(hyper_util::rt::TokioExecutor::new())
        .pool_idle_timeout(Duration::from_secs(30))
        .build(https))
}

/// Sends `request` and reads its whole answer, at most `limit` bytes of body, all within `timeout`.
pub async fn fetch<C>(
    client: &Client<C, Full<bytes::Bytes>>,
    request: http::Request<Vec<u8>>,
    timeout: Duration,
    limit: usize,
) -> Result<http::Response<Vec<u8>>, String>
where
    C: hyper_util::client::legacy::connect::Connect + Clone + Send + Sync + 'static,
{
    let (parts, body) = request.into_parts();
    let request = http::Request::from_parts(parts, Full::new(bytes::Bytes::from(body)));
    let exchange = async {
        let response = client.request(request).await.map_err(|e| error_chain(&e))?;
        let (parts, body) = response.into_parts();
        let body = http_body_util::Limited::new(body, limit)
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes();
        Ok(http::Response::from_parts(parts, body.to_vec()))
    };
    tokio::time::timeout(timeout, exchange)
        .await
        .map_err(|_| format!("no answer within {} s", timeout.as_secs()))?
}

/// An error with its causes ("client error (Connect): … : the name resolves to no public address").
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_are_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.1",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
        ] {
            assert!(
                !is_public(private.parse().expect("an address")),
                "{private}"
            );
        }
        for public in ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"] {
            assert!(is_public(public.parse().expect("an address")), "{public}");
        }
    }
}
