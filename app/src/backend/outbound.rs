//! Requests Portico itself sends over HTTP: to the object store (`uploads::s3`) and to identity
//! providers (`services::sso`). One client shape for all: hyper over rustls with Mozilla's roots (no
//! OpenSSL), a connect timeout, and no redirects followed (hyper's client follows none), so an
//! answer can never send Portico on to an address nobody configured.
use http_body_util::{BodyExt, Full};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::{Client, connect::HttpConnector};
use std::sync::Arc;
use std::time::Duration;

/// The client: HTTP/1.1, plain or TLS, pooled.
pub type HttpClient = Client<HttpsConnector<HttpConnector>, Full<bytes::Bytes>>;

/// How long connecting may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// A new client (each user keeps its own, and with it its own pool).
pub fn client() -> Result<HttpClient, String> {
    let mut http = HttpConnector::new();
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
pub async fn fetch(
    client: &HttpClient,
    request: http::Request<Vec<u8>>,
    timeout: Duration,
    limit: usize,
) -> Result<http::Response<Vec<u8>>, String> {
    let (parts, body) = request.into_parts();
    let request = http::Request::from_parts(parts, Full::new(bytes::Bytes::from(body)));
    let exchange = async {
        let response = client.request(request).await.map_err(|e| e.to_string())?;
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
