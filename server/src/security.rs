//! What every request passes before the app sees it: the same-origin check for anything that
//! changes data (CSRF), the response headers that keep pages from being framed, sniffed, cached or
//! made to run foreign script (CSP with a per-response nonce), the client address that rate
//! limits count by (behind trusted proxies, the right-most untrusted `X-Forwarded-For` entry), and
//! the size of a form's or server function's body (413 beyond [`FORM_BODY_MAX`]) and the control
//! characters no text may hold, dropped from it before anything reads it.
use app::backend::state::{AppState, IpNet, Settings};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{self, HeaderValue};
use http::{HeaderMap, Method, StatusCode};
use std::net::IpAddr;

/// The nonce of this response's inline scripts, made by [`headers`] and handed to Leptos (which
/// puts it on its hydration scripts) through the request's extensions.
#[derive(Debug, Clone)]
pub struct CspNonce(pub String);

/// Refuses a request that may change data (anything but GET, HEAD and OPTIONS) unless it comes
/// from the app's own pages: its `Origin` is the app's origin, or else (older browsers) its
/// `Sec-Fetch-Site` says `same-origin`, or else its `Referer` starts with the app's origin. A
/// request with none of the three is refused too: every browser sends at least one, so only a
/// forged or stripped request lacks them all. Server functions, sign-in (login CSRF) and the
/// upload routes all pass here.
pub async fn same_origin(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // The REST API reads no cookie (a bearer token, `api_session`): nothing for a forged
    // cross-site request to ride on.
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || req.uri().path().starts_with("/api/v1/")
        || is_same_origin(&state.settings, req.headers())
    {
        return next.run(req).await;
    }
    tracing::warn!(
        method = %req.method(),
        path = req.uri().path(),
        origin = ?req.headers().get(header::ORIGIN),
        "refused a cross-site request"
    );
    let l = app::backend::mail::locale(app::backend::auth::reader_language(req.headers()));
    (
        StatusCode::FORBIDDEN,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        format!("{}\n", app::i18n::td_string!(l, error_cross_site)),
    )
        .into_response()
}

/// Whether the request's headers say it comes from one of the app's own pages.
pub fn is_same_origin(settings: &Settings, headers: &HeaderMap) -> bool {
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let ours = |origin: &str| {
        origin == settings.public_origin()
            || (settings.trust_host_header
                && text(header::HOST).is_some_and(|host| origin == format!("http://{host}")))
    };
    if let Some(origin) = text(header::ORIGIN) {
        return ours(origin);
    }
    if let Some(site) = headers.get("sec-fetch-site") {
        return site == "same-origin" || site == "none";
    }
    if let Some(referer) = text(header::REFERER)
        && let Ok(url) = url::Url::parse(referer)
    {
        return ours(&url.origin().ascii_serialization());
    }
    false
}

/// The CSP source of an empty inline script (`sha256` of nothing).
const EMPTY_SCRIPT: &str = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

/// Security headers on every response, and the nonce for the page's inline scripts:
/// - pages (`text/html`) get a Content-Security-Policy: scripts only from the app's origin or
///   carrying this response's nonce, WASM allowed to compile, no plugins, no `<base>`, no framing,
///   forms only to the app;
/// - over https, `Strict-Transport-Security`;
/// - signed-in pages and every server-function answer get `Cache-Control: no-store`, so no shared
///   or back-button cache keeps another person's data;
/// - everything gets `nosniff`, `Referrer-Policy: same-origin` and `X-Frame-Options: DENY`.
///
/// A route that set one of these itself (the sandboxed mail view, downloads) keeps its own.
pub async fn headers(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let nonce = app::backend::auth::new_token();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    // Runs outside the session middleware, so "signed in" here means: a session cookie came.
    let session_cookie = app::backend::auth::session_cookie_name(state.settings.secure_cookies());
    let api = req.uri().path().starts_with("/api/");
    let signed_in = app::backend::auth::cookie(req.headers(), session_cookie).is_some();
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let html = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    // Players of hosts admins allowed, in the one page that embeds them (an article).
    let frames = h
        .remove(app::backend::FRAME_HOSTS_HEADER)
        .and_then(|v| v.to_str().ok().map(frame_src))
        .unwrap_or_default();
    if html && !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        // The sha256 is that of an empty script: leptos_i18n 0.6 renders an empty `<script>`
        // placeholder into every page (for hydration's walk), which nothing else may run.
        let csp = format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' '{EMPTY_SCRIPT}' \
             'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; \
             form-action 'self'{frames}"
        );
        if let Ok(v) = HeaderValue::from_str(&csp) {
            h.insert(header::CONTENT_SECURITY_POLICY, v);
        }
    }
    // Pages of a signed-in person and every server-function answer; static files stay cacheable.
    if (api || (signed_in && html)) && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if state.settings.secure_cookies() {
        h.entry(header::STRICT_TRANSPORT_SECURITY)
            .or_insert(HeaderValue::from_static("max-age=31536000"));
    }
    h.entry(header::X_CONTENT_TYPE_OPTIONS)
        .or_insert(HeaderValue::from_static("nosniff"));
    h.entry(header::REFERRER_POLICY)
        .or_insert(HeaderValue::from_static("same-origin"));
    h.entry(header::X_FRAME_OPTIONS)
        .or_insert(HeaderValue::from_static("DENY"));
    res
}

/// `; frame-src 'self' https://host …` for the host names in `hosts` (space-separated; anything
/// that is not a plain host name is left out), or nothing.
fn frame_src(hosts: &str) -> String {
    let hosts: Vec<String> = hosts
        .split_whitespace()
        .filter(|h| app::backend::markdown::valid_host(h))
        .map(|h| format!(" https://{h}"))
        .collect();
    if hosts.is_empty() {
        return String::new();
    }
    format!("; frame-src 'self'{}", hosts.concat())
}

/// The address a request comes from, as rate limits should see it: the connection's peer, or,
/// when that peer is a trusted proxy (`PORTICO_TRUSTED_PROXIES`), the right-most
/// `X-Forwarded-For` entry that is not itself a trusted proxy (entries left of it are whatever the
/// client wrote, so they are never believed). `None` without connection info (in-process tests).
pub fn client_ip(trusted: &[IpNet], peer: Option<IpAddr>, headers: &HeaderMap) -> Option<IpAddr> {
    let peer = canonical(peer?);
    if !trusted.iter().any(|net| net.contains(peer)) {
        return Some(peer);
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .map(|entry| entry.parse::<IpAddr>().ok())
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default();
    let mut last_trusted = peer;
    for ip in forwarded.into_iter().rev().map(canonical) {
        if !trusted.iter().any(|net| net.contains(ip)) {
            return Some(ip);
        }
        last_trusted = ip;
    }
    // Every hop is trusted (or the header is missing or malformed): the nearest one is the client.
    Some(last_trusted)
}

/// IPv4-mapped IPv6 addresses as the IPv4 address they are.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The key per-address limits count by: an IPv4 address, or the /64 network of an IPv6 address
/// (one customer line usually owns a whole /64, so counting single IPv6 addresses would let one
/// attacker rotate through 2^64 of them).
pub fn limit_key(ip: Option<IpAddr>) -> String {
    match ip {
        None => "unknown".into(),
        Some(IpAddr::V4(v4)) => v4.to_string(),
        Some(IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

/// The most a request body may weigh on a route that sets no limit of its own: server functions
/// (url-encoded forms and JSON) and the language switch. The largest legitimate ones are an
/// article of `ARTICLE_BODY_MAX` (100,000) characters, at most 400 KB of UTF-8 and 1.2 MB once
/// percent-encoded, and a product list of `PRODUCT_IMPORT_BYTES_MAX` (512 KB, 1.5 MB encoded).
pub const FORM_BODY_MAX: usize = 2 * 1024 * 1024;

/// The body a request declares in `Content-Length`, if it says.
pub fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

/// Reads the body of a server function or form post whole, up to [`FORM_BODY_MAX`], before its
/// handler runs, and answers 413 beyond it: at once, without reading a byte, when the declared
/// `Content-Length` is over; as soon as the count passes the limit otherwise (a chunked body, or
/// one longer than it said). The handler then reads the body from memory: server functions read
/// theirs whole anyway. (axum's own 2 MB default applied before, but a server function that hit it
/// answered 500, its reading error becoming `AppError::Internal`; and a body that declared 1 GB
/// was read up to the limit before anything was said.)
pub async fn form_body(req: Request, next: Next) -> Response {
    use futures_util::StreamExt;
    if !reads_form(req.uri().path()) {
        return next.run(req).await;
    }
    if declared_length(req.headers()).is_some_and(|n| n > FORM_BODY_MAX as u64) {
        return too_large(&req);
    }
    let (parts, body) = req.into_parts();
    let mut data = Vec::new();
    let mut chunks = body.into_data_stream();
    while let Some(chunk) = chunks.next().await {
        let Ok(chunk) = chunk else {
            return StatusCode::BAD_REQUEST.into_response();
        };
        if data.len() + chunk.len() > FORM_BODY_MAX {
            return too_large(&Request::from_parts(parts, axum::body::Body::empty()));
        }
        data.extend_from_slice(&chunk);
    }
    let mut parts = parts;
    if let Some(query) = parts.uri.query()
        && let Some(clean) = without_controls(query.as_bytes())
    {
        // Only bytes of the query were dropped, so the URI stays one.
        let path = parts.uri.path();
        let clean = String::from_utf8_lossy(&clean);
        let uri = if clean.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{clean}")
        };
        if let Ok(uri) = uri.parse() {
            parts.uri = uri;
        }
    }
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let clean = if content_type.starts_with("application/x-www-form-urlencoded") {
        without_controls(&data)
    } else if content_type.starts_with("application/json") {
        json_without_controls(&data)
    } else {
        None
    };
    if let Some(clean) = clean {
        data = clean;
        parts.headers.remove(header::CONTENT_LENGTH);
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(data)))
        .await
}

/// Whether the route at `path` reads its body whole as a form or JSON: every server function and
/// the REST API (all of `/api/` but the upload routes, which stream their files with limits of
/// their own, like the other multipart routes) and the language switch.
fn reads_form(path: &str) -> bool {
    let streams = path == "/api/attachments"
        || (path.starts_with("/api/v1/cases/") && path.ends_with("/files"));
    (path.starts_with("/api/") && !streams) || path == "/lang"
}

/// Whether a text of Portico's may hold `c`: no control character but tabs and line breaks.
/// PostgreSQL refuses a NUL in text outright, and the rest has no business in what people read;
/// [`form_body`] drops them from everything a server function or the API is sent, so no field of
/// any form can carry one into the database (the services still clean their own fields further:
/// a subject on one line, trimmed; see `app::domain::clean_line`).
fn is_kept(c: char) -> bool {
    !c.is_control() || matches!(c, '\t' | '\n' | '\r')
}

/// The byte a url-encoded form has at `i` (`%HH` decoded, anything else as it is) and how many
/// bytes it was written with.
fn encoded_byte(form: &[u8], i: usize) -> (u8, usize) {
    let hex = |b: u8| (b as char).to_digit(16);
    if form[i] == b'%'
        && let (Some(hi), Some(lo)) = (
            form.get(i + 1).copied().and_then(hex),
            form.get(i + 2).copied().and_then(hex),
        )
    {
        return ((hi * 16 + lo) as u8, 3);
    }
    (form[i], 1)
}

/// A url-encoded form (a body or a query string) without the control characters a text may not
/// hold ([`is_kept`]), written or percent-encoded, with every other byte as it was written; `None`
/// when it has none (nearly always: the form goes on untouched). The C0 controls and DEL are one
/// byte each; the C1 controls (U+0080 to U+009F) are the two bytes `C2 80` to `C2 9F`.
pub fn without_controls(form: &[u8]) -> Option<Vec<u8>> {
    let mut out: Option<Vec<u8>> = None;
    let mut i = 0;
    while i < form.len() {
        let (byte, len) = encoded_byte(form, i);
        let dropped = match byte {
            b'\t' | b'\n' | b'\r' => 0,
            0x00..=0x1F | 0x7F => len,
            0xC2 if i + len < form.len() => {
                let (next, next_len) = encoded_byte(form, i + len);
                if (0x80..=0x9F).contains(&next) {
                    len + next_len
                } else {
                    0
                }
            }
            _ => 0,
        };
        if dropped > 0 {
            out.get_or_insert_with(|| form[..i].to_vec());
            i += dropped;
        } else {
            if let Some(out) = out.as_mut() {
                out.extend_from_slice(&form[i..i + len]);
            }
            i += len;
        }
    }
    out
}

/// A JSON body without the control characters a text may not hold ([`is_kept`]) in any string or
/// key; `None` when it has none, or is no JSON (its handler says so).
pub fn json_without_controls(body: &[u8]) -> Option<Vec<u8>> {
    // JSON carries a C0 control escaped (`\u0000`); DEL and C1 controls also as their raw bytes.
    let may_hold = body.contains(&0x7F)
        || body
            .windows(2)
            .any(|w| w == b"\\u" || (w[0] == 0xC2 && w[1] >= 0x80 && w[1] <= 0x9F));
    if !may_hold {
        return None;
    }
    fn clean(value: &mut serde_json::Value) -> bool {
        match value {
            serde_json::Value::String(s) => clean_string(s),
            serde_json::Value::Array(items) => {
                items.iter_mut().fold(false, |any, v| clean(v) | any)
            }
            serde_json::Value::Object(map) => {
                let old = std::mem::take(map);
                let mut changed = false;
                for (mut key, mut v) in old {
                    changed |= clean_string(&mut key);
                    changed |= clean(&mut v);
                    map.insert(key, v);
                }
                changed
            }
            _ => false,
        }
    }
    fn clean_string(s: &mut String) -> bool {
        if s.chars().all(is_kept) {
            return false;
        }
        s.retain(is_kept);
        true
    }
    let mut value: serde_json::Value = serde_json::from_slice(body).ok()?;
    clean(&mut value)
        .then(|| serde_json::to_vec(&value).ok())
        .flatten()
}

/// 413 for a body over its limit: for a plain form post (a browser that asked for a page) the
/// reason as text in the reader's language; for the app's own calls `AppError::TooLarge` as a
/// server function sends its errors (JSON, marked with the `serverfnerror` header).
fn too_large(req: &Request) -> Response {
    let headers = req.headers();
    let page = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    if page {
        let l = app::backend::mail::locale(app::backend::auth::reader_language(headers));
        let text = app::messages::MessageKey::FormTooLarge.text(l);
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("{text}\n"),
        )
            .into_response();
    }
    let body = serde_json::to_string(&app::error::AppError::TooLarge).unwrap_or_default();
    let mut res = (
        StatusCode::PAYLOAD_TOO_LARGE,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response();
    if let Ok(path) = HeaderValue::from_str(req.uri().path()) {
        res.headers_mut()
            .insert(leptos::server_fn::error::SERVER_FN_ERROR_HEADER, path);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(s: &str) -> IpNet {
        s.parse().expect("network")
    }

    fn xff(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", value.parse().expect("header"));
        h
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let ip = |s: &str| Some(s.parse::<IpAddr>().expect("ip"));
        let proxies = [net("10.0.0.0/8")];
        // Straight from the internet: the peer, whatever the header claims.
        assert_eq!(
            client_ip(&proxies, ip("203.0.113.9"), &xff("1.2.3.4")),
            ip("203.0.113.9")
        );
        // Through the proxy: the right-most entry that is not a proxy; the client's own claims
        // to the left of it are ignored.
        assert_eq!(
            client_ip(
                &proxies,
                ip("10.0.0.2"),
                &xff("6.6.6.6, 198.51.100.7, 10.0.0.3")
            ),
            ip("198.51.100.7")
        );
        // A proxy without the header: the proxy is the client (nothing better is known).
        assert_eq!(
            client_ip(&proxies, ip("10.0.0.2"), &HeaderMap::new()),
            ip("10.0.0.2")
        );
        // Garbage in the header is not believed either.
        assert_eq!(
            client_ip(&proxies, ip("10.0.0.2"), &xff("<script>, 1.2.3.4")),
            ip("10.0.0.2")
        );
        // No trusted proxies configured: the header means nothing.
        assert_eq!(
            client_ip(&[], ip("10.0.0.2"), &xff("198.51.100.7")),
            ip("10.0.0.2")
        );
        assert_eq!(
            client_ip(&[], ip("::ffff:192.0.2.1"), &HeaderMap::new()),
            ip("192.0.2.1")
        );
    }

    #[test]
    fn ipv6_addresses_count_by_their_64_network() {
        let ip = |s: &str| Some(s.parse::<IpAddr>().expect("ip"));
        assert_eq!(
            limit_key(ip("2001:db8:1:2:aaaa::1")),
            limit_key(ip("2001:db8:1:2:ffff:ffff:ffff:ffff"))
        );
        assert_ne!(
            limit_key(ip("2001:db8:1:2::1")),
            limit_key(ip("2001:db8:1:3::1"))
        );
        assert_eq!(limit_key(ip("192.0.2.1")), "192.0.2.1");
        assert_eq!(limit_key(None), "unknown");
    }

    /// What a form's `text` field says once decoded.
    fn field(form: &[u8]) -> String {
        url::form_urlencoded::parse(form)
            .find(|(k, _)| k == "text")
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    }

    #[test]
    fn control_characters_are_dropped_from_forms_and_nothing_else() {
        let form = b"text=a%00b%0D%0A%09c%7F%C2%85d%c2%9fe\x01f+g%C2%A0h&name=An%00na";
        let clean = without_controls(form).expect("controls found");
        assert_eq!(
            String::from_utf8_lossy(&clean),
            "text=ab%0D%0A%09cdef+g%C2%A0h&name=Anna"
        );
        assert_eq!(field(&clean), "ab\r\n\tcdef g\u{a0}h");
        // Nothing to drop: the form goes on as it came, broken escapes and all.
        for fine in [
            &b"text=%C3%A9t%C3%A9&x=%ZZ%2"[..],
            b"",
            b"%",
            b"%C2",
            b"a=%C2%A9",
        ] {
            assert_eq!(without_controls(fine), None, "{fine:?}");
        }
    }

    #[test]
    fn control_characters_are_dropped_from_json_strings_and_keys() {
        let body =
            br#"{"subject":"a\u0000b\u0085c","tags":["x\u001fy"],"ke\u0007y":1,"n":"\\u0000"}"#;
        let clean: serde_json::Value =
            serde_json::from_slice(&json_without_controls(body).expect("controls found"))
                .expect("JSON");
        assert_eq!(
            clean,
            serde_json::json!({"subject": "abc", "tags": ["xy"], "key": 1, "n": "\\u0000"})
        );
        let raw_del = json_without_controls(b"{\"a\":\"x\x7fy\"}").expect("DEL found");
        let raw_del: serde_json::Value = serde_json::from_slice(&raw_del).expect("JSON");
        assert_eq!(raw_del, serde_json::json!({"a": "xy"}));
        assert_eq!(
            json_without_controls(br#"{"n":"line\nbreak \\u0000"}"#),
            None
        );
        assert_eq!(json_without_controls(b"{\"broken\": \"\\u0000"), None);
    }

    proptest::proptest! {
        #[test]
        fn any_text_arrives_whole_but_its_control_characters(text in ".*", raw in "[^%&=+]*") {
            let kept: String = text.chars().filter(|c| is_kept(*c)).collect();
            let form = format!("text={}", app::domain::encode_query_value(&text));
            let clean = without_controls(form.as_bytes());
            proptest::prop_assert_eq!(clean.is_none(), kept == text);
            proptest::prop_assert_eq!(field(clean.as_deref().unwrap_or(form.as_bytes())), kept);
            // Written without escapes, as a careless client may.
            let form = format!("text={raw}");
            let clean = without_controls(form.as_bytes());
            let kept: String = raw.chars().filter(|c| is_kept(*c)).collect();
            proptest::prop_assert_eq!(field(clean.as_deref().unwrap_or(form.as_bytes())), kept);
        }
    }
}
