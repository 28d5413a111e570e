//! The `portico` server: builds the axum router around the Leptos app, shared by `main` and the
//! HTTP tests (which call `app(state)` in-process).
#![recursion_limit = "256"]

pub mod config;
pub mod routes;
pub mod security;

use app::backend::auth::{self, Authenticated};
use app::backend::state::{AppState, Settings};
use app::backend::store;
use app::backend::uploads::{BlobStore, LocalBlobStore, ObjectStorage, S3BlobStore};
use app::domain::{encode_query_value, requires_sign_in, safe_local_path};
use app::{App, shell};
use axum::Router;
use axum::routing::{MethodRouter, any, get, post};
use http::HeaderValue;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::net::SocketAddr;
use std::sync::Arc;

/// Leptos' runtime settings: `Leptos.toml` when it is in the working directory (a checkout), else the
/// values cargo-leptos compiled in; `LEPTOS_*` variables override either. `listen` wins over both.
pub fn leptos_options(listen: SocketAddr) -> anyhow::Result<LeptosOptions> {
    let file = std::path::Path::new("Leptos.toml");
    let conf = leptos::config::get_configuration(file.exists().then_some("Leptos.toml"))?;
    let mut options = conf.leptos_options;
    options.site_addr = listen;
    // Hashed file names exactly when the build that made the site wrote their hashes.
    options.hash_files = app::backend::assets::hash_file(&options).is_some();
    Ok(options)
}

/// The store of attachment bytes: the object store of `PORTICO_STORAGE_URL` (checked: the bucket
/// must answer), else the folder `PORTICO_DATA_DIR` (created if missing).
pub async fn blob_store(settings: &Settings) -> anyhow::Result<Arc<dyn BlobStore>> {
    if let Some(storage) = &settings.storage {
        let store = s3_store(storage)?;
        store.check().await.map_err(|e| {
            anyhow::anyhow!(
                "PORTICO_STORAGE_URL: the bucket of {} does not answer: {e}",
                storage.location
            )
        })?;
        return Ok(Arc::new(store));
    }
    Ok(Arc::new(local_store(&settings.data_dir)?))
}

/// The object store of `storage` (nothing sent yet).
pub fn s3_store(storage: &ObjectStorage) -> anyhow::Result<S3BlobStore> {
    S3BlobStore::new(storage).map_err(|e| anyhow::anyhow!("PORTICO_STORAGE_URL: {e}"))
}

/// The folder store under `data_dir` (created if missing).
pub fn local_store(data_dir: &std::path::Path) -> anyhow::Result<LocalBlobStore> {
    std::fs::create_dir_all(data_dir).map_err(|e| {
        anyhow::anyhow!(
            "PORTICO_DATA_DIR: cannot create {}: {e}",
            data_dir.display()
        )
    })?;
    LocalBlobStore::new(data_dir).map_err(|e| {
        anyhow::anyhow!(
            "PORTICO_DATA_DIR: cannot create folders in {}: {e}",
            data_dir.display()
        )
    })
}

/// Connects to the database, applies migrations and assembles the state.
pub async fn build_state(
    database_url: &str,
    settings: Settings,
    leptos_options: LeptosOptions,
) -> anyhow::Result<AppState> {
    let store = Arc::new(store::Store::connect(database_url).await?);
    store.migrate().await?;
    let blobs = blob_store(&settings).await?;
    let mailer = app::backend::mail::Mailer::new(settings.smtp_url.as_ref().map(|s| s.0.as_str()))
        .map_err(|e| anyhow::anyhow!(e))?;
    let views = app::backend::views::ViewLog::start(store.clone());
    let live = app::backend::live::ChangeFeed::start(store.clone());
    Ok(AppState {
        views,
        live,
        store,
        settings: Arc::new(settings),
        blobs,
        mailer,
        leptos_options,
    })
}

/// The whole HTTP surface: pages, server functions, plain routes, static files.
pub fn app(state: AppState) -> Router {
    let routes = route_list();
    let context = leptos_context(&state);
    let leptos_options = state.leptos_options.clone();
    let mut router = Router::new();
    for (path, route) in plain_routes(&state) {
        router = router.route(path, route);
    }
    router
        .nest(
            &format!("/{}", state.leptos_options.site_pkg_dir),
            static_files(&state.leptos_options),
        )
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(leptos_options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        // Server functions and the language switch read their body whole: capped here (413),
        // before reading when its length says so. (Each server function has a route of its own,
        // which leptos_routes adds, so no layer on `/api/{*fn_name}` would reach them.)
        .layer(axum::middleware::from_fn(security::form_body))
        .layer(axum::middleware::from_fn_with_state(state.clone(), session))
        .layer(compression())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::same_origin,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .with_state(state)
}

/// The plain axum routes beside the Leptos pages, each path (axum's syntax) with its handlers:
/// [`app`] mounts exactly these, and the authorization test reads this same list (with
/// [`page_paths`] and the registered server functions), so a route added here without a row in
/// its matrix fails it.
pub fn plain_routes(state: &AppState) -> Vec<(&'static str, MethodRouter<AppState>)> {
    let server_fns = {
        let context = leptos_context(state);
        move |req| leptos_axum::handle_server_fns_with_context(context.clone(), req)
    };
    vec![
        ("/healthz", get(routes::healthz)),
        ("/lang", post(routes::set_language)),
        ("/auth/oidc/{id}/start", get(routes::sso_start)),
        ("/auth/oidc/callback", get(routes::sso_callback)),
        (
            "/api/v1/cases",
            get(routes::api::list_cases).post(routes::api::create_case),
        ),
        (
            "/api/v1/cases/{number}",
            get(routes::api::get_case).patch(routes::api::update_case),
        ),
        (
            "/api/v1/cases/{number}/comments",
            post(routes::api::add_comment),
        ),
        (
            "/api/v1/cases/{number}/files",
            post(routes::api::attach_files).layer(axum::extract::DefaultBodyLimit::max(
                body_limit(state, app::domain::attachments::FILES_PER_CASE_MAX),
            )),
        ),
        ("/api/v1/files/{id}", get(routes::api::file)),
        ("/api/v1/products", get(routes::api::products)),
        ("/api/v1/articles", get(routes::api::articles)),
        ("/api/v1/articles/{number}", get(routes::api::article)),
        ("/api/v1/accounts", get(routes::api::accounts)),
        ("/api/v1/accounts/{id}", get(routes::api::account)),
        ("/api/v1/openapi.json", get(routes::api::openapi)),
        ("/api/v1/{*rest}", any(routes::api::no_such_route)),
        ("/admin/mail/{id}/html", get(routes::mail_html)),
        ("/desk/satisfaction.csv", get(routes::satisfaction_csv)),
        ("/desk/mail/{file}", get(routes::inbound_raw)),
        (
            "/staff/people/{id}/personal-data.zip",
            get(routes::personal_data),
        ),
        // Uploads stream and count every file against its own limit; the whole body is capped at
        // what the most files a form may carry can weigh (`Settings::max_form_bytes`), 413 beyond.
        (
            "/api/attachments",
            post(routes::upload).layer(axum::extract::DefaultBodyLimit::max(body_limit(state, 1))),
        ),
        (
            "/cases/new/files",
            post(routes::upload_from_form).layer(axum::extract::DefaultBodyLimit::max(body_limit(
                state,
                app::domain::attachments::FILES_PER_CASE_MAX,
            ))),
        ),
        (
            "/cases/{number}/files",
            post(routes::upload_to_case).layer(axum::extract::DefaultBodyLimit::max(body_limit(
                state,
                app::domain::attachments::FILES_PER_CASE_MAX,
            ))),
        ),
        (
            "/cases/{number}/files/{id}/version",
            post(routes::upload_version)
                .layer(axum::extract::DefaultBodyLimit::max(body_limit(state, 1))),
        ),
        (
            "/desk/articles/files",
            post(routes::upload_to_article).layer(axum::extract::DefaultBodyLimit::max(
                body_limit(state, app::domain::attachments::FILES_PER_CASE_MAX),
            )),
        ),
        ("/live/cases", get(routes::list_events)),
        ("/live/cases/{number}", get(routes::case_events)),
        ("/attachments/{id}", get(routes::download)),
        ("/attachments/{id}/{name}", get(routes::download)),
        ("/api/{*fn_name}", get(server_fns.clone()).post(server_fns)),
    ]
}

/// The paths of the Leptos pages (axum's syntax, `{param}`), as the router serves them.
pub fn page_paths() -> Vec<String> {
    let mut paths: Vec<String> = route_list()
        .iter()
        .map(|route| route.path().to_string())
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// What every page and server function finds in its context: the state and the CSP nonce.
fn leptos_context(state: &AppState) -> impl Fn() + Clone + Send + Sync + 'static {
    let state = state.clone();
    move || {
        provide_context(state.clone());
        provide_context(app::api::reference::ApiDocument(
            routes::api::document_json(),
        ));
        // This response's CSP nonce (made by `security::headers`), on Leptos' inline scripts.
        let nonce = leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<security::CspNonce>().cloned());
        if let Some(nonce) = nonce {
            provide_context(leptos::nonce::Nonce::from_value(nonce.0));
        }
    }
}

/// The built JavaScript, WASM and CSS (`/pkg`): the brotli or gzip copy that `cargo leptos build
/// --release --precompress` wrote beside each file when the browser takes it (else the file as
/// it is, which [`compression`] then compresses) and `Vary: Accept-Encoding` for caches. A file
/// whose name carries its hash (a release build) is cached for a year without asking again;
/// any other is revalidated by `Last-Modified`, so a repeat visit downloads nothing again.
fn static_files(options: &LeptosOptions) -> Router<AppState> {
    use tower_http::set_header::SetResponseHeaderLayer;
    let dir = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let files = tower_http::services::ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip();
    let files = tower::ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::appending(
            http::header::VARY,
            HeaderValue::from_static("accept-encoding"),
        ))
        .service(files);
    Router::new()
        .fallback_service(files)
        .layer(axum::middleware::from_fn(cache_policy))
}

/// `Cache-Control` of a `/pkg` answer: a year, immutable, for a file named by its hash.
async fn cache_policy(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let name = req.uri().path().rsplit('/').next().unwrap_or_default();
    let hashed = app::backend::assets::is_hashed_name(name);
    let mut res = next.run(req).await;
    let policy = if hashed && res.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "public, no-cache"
    };
    res.headers_mut().insert(
        http::header::CACHE_CONTROL,
        HeaderValue::from_static(policy),
    );
    res
}

/// Compresses what the server writes as it goes (pages, server-function answers, an asset without
/// a precompressed copy): brotli or gzip, as the browser accepts. Never an attachment download
/// (user files: often compressed already, and they keep their length and ranges) nor a response
/// that is encoded already. At the fastest quality (brotli 1, gzip 1): at tower-http's default
/// (brotli 4) the encoder cost more CPU than anything else a case list page does (11 % of the
/// server's time under load), for pages a few kilobytes smaller; the big static files are
/// compressed at build time, at the best quality. Never live pages' events (a compressor buffers).
fn compression()
-> tower_http::compression::CompressionLayer<impl tower_http::compression::Predicate> {
    use tower_http::compression::predicate::{DefaultPredicate, Predicate};
    let textual =
        |_: http::StatusCode, _: http::Version, headers: &http::HeaderMap, _: &http::Extensions| {
            let kind = headers
                .get(http::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            let is_text = [
                "text/",
                "application/json",
                "application/javascript",
                "application/wasm",
                "image/svg+xml",
            ]
            .iter()
            .any(|prefix| kind.starts_with(prefix));
            // Live pages' events go out as they happen: a compressor would hold them back.
            let streamed = kind.starts_with("text/event-stream");
            is_text && !streamed && !headers.contains_key(http::header::CONTENT_DISPOSITION)
        };
    tower_http::compression::CompressionLayer::new()
        .quality(tower_http::CompressionLevel::Precise(1))
        .no_deflate()
        .no_zstd()
        .compress_when(DefaultPredicate::new().and(textual))
}

/// Serves `router` on `listener` until `shutdown` resolves. Every accepted connection gets
/// `TCP_NODELAY`: a streamed page is written in several pieces, and with Nagle's algorithm each
/// piece after the first waits for the client's delayed ACK (about 40 ms on every kept-alive
/// request).
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use axum::serve::ListenerExt;
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::warn!(error = %e, "setting TCP_NODELAY");
        }
    });
    let service = router.into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown)
        .await
}

/// The largest request body a route that takes up to `files` files accepts: each file at the
/// upload limit, plus room for the form's text fields and multipart framing.
fn body_limit(state: &AppState, files: usize) -> usize {
    routes::upload_body_limit(&state.settings, files)
}

/// The app's routes, generated once per process. Generating them sets a process-global flag that
/// stalls any resource first polled meanwhile on another thread, forever (leptos issue #4773); one
/// generation before any rendering keeps that window closed, also when tests build many routers
/// in one process.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Whether `path` is a knowledge-base page (or a file, which its download decides on: an
/// article's picture) and admins made the knowledge base public.
async fn public_page(state: &AppState, path: &str) -> bool {
    let knowledge = path == "/kb" || path.starts_with("/kb/") || path.starts_with("/attachments/");
    knowledge
        && app::backend::services::knowledge::is_public(state)
            .await
            .unwrap_or(false)
}

/// Resolves the session cookie once per request and puts the [`Authenticated`] person into the
/// request's extensions, where `app::backend::auth` reads it for pages and server functions. Page
/// requests that need a session and have none are sent to sign-in with their address in `next`.
/// Puts the request's client address key (`auth::ClientAddr`: the peer, or behind trusted proxies
/// `X-Forwarded-For`; IPv6 by its /64) into its extensions, for throttles and the audit log.
fn note_client(state: &AppState, req: &mut axum::extract::Request) {
    let peer = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    let ip = security::client_ip(&state.settings.trusted_proxies, peer, req.headers());
    req.extensions_mut()
        .insert(auth::ClientAddr(security::limit_key(ip)));
}

/// The REST API's door (`/api/v1`): the person of the `Authorization: Bearer` token (cookies count
/// for nothing here), 401 without a live token, 403 for a read token's change; then the request
/// goes on with that person's `Authenticated`, as a session's would.
async fn api_session(
    state: &AppState,
    mut req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use app::domain::tokens::TokenScope;
    use http::StatusCode;
    let token = req
        .headers()
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let found = match token {
        Some(token) => app::backend::services::tokens::resolve(&state.store, token).await,
        None => Ok(None),
    };
    let (auth, scope) = match found {
        Ok(Some(found)) => found,
        Ok(None) => return routes::api::refused(StatusCode::UNAUTHORIZED, "unauthenticated"),
        Err(e) => return routes::api::error(&e),
    };
    let reads = matches!(*req.method(), http::Method::GET | http::Method::HEAD);
    if scope == TokenScope::Read && !reads {
        return routes::api::refused(StatusCode::FORBIDDEN, "read_only_token");
    }
    req.extensions_mut().insert::<Authenticated>(auth);
    note_client(state, &mut req);
    next.run(req).await
}

async fn session(
    axum::extract::State(state): axum::extract::State<AppState>,
    mut req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::{IntoResponse, Redirect};
    let path = req.uri().path();
    if path.starts_with("/pkg/") || path == "/favicon.svg" || path == "/healthz" {
        return next.run(req).await;
    }
    if path == "/api/v1/openapi.json" {
        // The API's description, no data: open to anyone (and to a contract test).
        return next.run(req).await;
    }
    if path.starts_with("/api/v1/") {
        return api_session(&state, req, next).await;
    }
    let cookie_name = auth::session_cookie_name(state.settings.secure_cookies());
    let auth = match auth::cookie(req.headers(), cookie_name) {
        Some(token) => match auth::resolve(&state.store, token).await {
            Ok(auth) => auth,
            // The database cannot say who this is (restarting, failing over): a clear 503 now,
            // rather than treating them as signed out; the next request finds it back.
            Err(_) => {
                // "Try again" repeats a page's address; after a form, it goes back to the page
                // the form was on (never a GET of the form's own endpoint).
                let target = if req.method() == http::Method::GET {
                    req.uri()
                        .path_and_query()
                        .map_or(path, |p| p.as_str())
                        .to_string()
                } else {
                    req.headers()
                        .get(http::header::REFERER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|r| url::Url::parse(r).ok())
                        .map(|u| match u.query() {
                            Some(q) => format!("{}?{q}", u.path()),
                            None => u.path().to_string(),
                        })
                        .unwrap_or_else(|| "/".into())
                };
                return routes::unavailable(req.headers(), &target);
            }
        },
        None => None,
    };
    if req.method() == http::Method::GET {
        let target = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/");
        if auth.is_none() && requires_sign_in(path) && !public_page(&state, path).await {
            return Redirect::to(&format!("/login?next={}", encode_query_value(target)))
                .into_response();
        }
        if auth.is_some() && path == "/login" {
            let next = url::form_urlencoded::parse(req.uri().query().unwrap_or("").as_bytes())
                .find(|(k, _)| k == "next")
                .map(|(_, v)| safe_local_path(&v).to_string())
                .unwrap_or_else(|| "/".into());
            return Redirect::to(&next).into_response();
        }
    }
    // A session opened with a temporary password reaches only the "set a new password" page.
    if auth.as_ref().is_some_and(|a| a.user.must_change_password)
        && !auth::PENDING_PASSWORD_PATHS.contains(&path)
    {
        if path.starts_with("/api/") {
            return http::StatusCode::FORBIDDEN.into_response();
        }
        let target = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/");
        let next = if path == "/login" { "/" } else { target };
        return Redirect::to(&format!(
            "/account/new-password?next={}",
            encode_query_value(next)
        ))
        .into_response();
    }
    // A signed-in person's saved language decides the page, whatever this browser chose last; the
    // answer then corrects the browser's cookie (not on `/lang`, whose answer sets the new one).
    let mut correct_cookie = None;
    let switching_language = path == "/lang";
    if let Some(auth) = auth {
        let language = auth.user.language;
        if auth::apply_language(req.headers_mut(), language) && !switching_language {
            correct_cookie = Some(auth::language_cookie(
                language,
                state.settings.secure_cookies(),
            ));
        }
        req.extensions_mut().insert::<Authenticated>(auth);
    }
    note_client(&state, &mut req);
    let mut response = next.run(req).await;
    if let Some(cookie) = correct_cookie.and_then(|c| http::HeaderValue::from_str(&c).ok()) {
        response
            .headers_mut()
            .append(http::header::SET_COOKIE, cookie);
    }
    response
}
