//! The HTTP surface in-process: server-side rendering, language, 404, health, security headers.
mod common;

use axum::body::Body;
use common::{Reply, TestApp, TestDb};
use http::Request;

async fn pages_render_on_the_server_in_english_by_default(db: TestDb) {
    let app = TestApp::new(db).await;
    app.add_user(
        "anna@acme.example",
        app::domain::Role::Customer,
        "correct horse battery",
    )
    .await;
    // A signed-out page has no interactive island: it loads no script and no WASM.
    let login = app.get("/login", &[]).await;
    assert!(login.body.contains("Sign in"), "{}", login.body);
    assert!(
        !login.body.contains("portico.js") && !login.body.contains("modulepreload"),
        "{}",
        login.body
    );
    let cookie = app
        .sign_in("anna@acme.example", "correct horse battery")
        .await;
    let home = app.get("/", &[("cookie", &cookie)]).await;
    assert_eq!(home.status, 200);
    assert!(home.body.contains("How can we help you?"), "{}", home.body);
    assert!(
        home.body.contains(r#"lang="en""#),
        "html carries the language"
    );
    assert!(home.body.contains("Search the knowledge base"));
    assert!(
        home.body.contains("/pkg/portico.js"),
        "the islands' scripts are referenced"
    );
    for nav in ["Home", "My cases", "Knowledge base", "Language", "Account"] {
        assert!(home.body.contains(nav), "header shows {nav}");
    }
    assert_eq!(home.header("x-content-type-options"), "nosniff");
    assert_eq!(home.header("x-frame-options"), "DENY");
    app.assert_outbox_empty().await;
}

async fn language_follows_cookie_then_browser(db: TestDb) {
    let app = TestApp::new(db).await;
    let ru = app
        .get("/login", &[("accept-language", "ru-RU,ru;q=0.9")])
        .await;
    assert!(ru.body.contains("Электронная почта"), "Accept-Language ru");
    assert!(ru.body.contains(r#"lang="ru""#));
    let nl = app
        .get(
            "/login",
            &[("accept-language", "ru"), ("cookie", "i18n_pref_locale=nl")],
        )
        .await;
    assert!(
        nl.body.contains("Wachtwoord"),
        "the cookie wins over the browser"
    );
    assert!(nl.body.contains(r#"lang="nl""#));
    app.assert_outbox_empty().await;
}

async fn unknown_paths_answer_404_with_a_translated_page(db: TestDb) {
    let app = TestApp::new(db).await;
    let en = app.get("/no/such/page", &[]).await;
    assert_eq!(en.status, 404);
    assert!(en.body.contains("Page not found"));
    assert!(en.body.contains("Back to the home page"));
    let ru = app
        .get("/no/such/page", &[("cookie", "i18n_pref_locale=ru")])
        .await;
    assert_eq!(ru.status, 404);
    assert!(ru.body.contains("Страница не найдена"));
    app.assert_outbox_empty().await;
}

async fn language_form_sets_the_cookie_and_returns(db: TestDb) {
    let app = TestApp::new(db).await;
    let post = |body: &'static str| {
        Request::post("/lang")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .expect("request")
    };
    let res = Reply::read(app.send(post("lang=nl&back=%2Fkb%3Fq%3Dprinter")).await).await;
    assert_eq!(res.status, 303);
    assert_eq!(res.header("location"), "/kb?q=printer");
    let cookie = res.header("set-cookie");
    assert!(cookie.starts_with("i18n_pref_locale=nl;"), "{cookie}");
    assert!(cookie.contains("Path=/") && cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"), "plain http public URL");
    let evil = Reply::read(
        app.send(post("lang=ru&back=https%3A%2F%2Fevil.example"))
            .await,
    )
    .await;
    assert_eq!(evil.header("location"), "/", "never redirects off-site");
    let bad = Reply::read(app.send(post("lang=de&back=%2F")).await).await;
    assert_eq!(bad.status, 400);
    app.assert_outbox_empty().await;
}

async fn healthz_says_ok_and_nothing_more(db: TestDb) {
    let app = TestApp::new(db).await;
    let res = app.get("/healthz", &[]).await;
    assert_eq!(res.status, 200);
    let json: serde_json::Value = serde_json::from_str(&res.body).expect("json");
    assert_eq!(
        json,
        serde_json::json!({ "status": "ok" }),
        "no backend, version or other detail for whoever asks"
    );
    app.assert_outbox_empty().await;
}

/// The real listener: on one kept-alive connection, a streamed page (the sign-in page comes in
/// several writes) arrives without waiting for the client's delayed ACK. With Nagle's algorithm
/// on (no `TCP_NODELAY`) most responses took 43 to 52 ms on loopback once the connection left
/// its quick-ACK start (measured: median 44 ms of 40), against about 5 ms with it (a debug build).
/// The median of 40 sits under 30 ms only without the stall, with room for a busy machine.
async fn a_kept_alive_connection_gets_each_streamed_page_without_waiting_for_an_ack(db: TestDb) {
    use http_body_util::BodyExt;
    let app = TestApp::new(db).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(portico::serve(listener, app.router.clone(), async move {
        let _ = stopped.await;
    }));
    let stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .expect("handshake");
    let connection = tokio::spawn(connection);
    let mut took = Vec::new();
    for _ in 0..40 {
        let started = std::time::Instant::now();
        let req = Request::get("/login")
            .header("host", addr.to_string())
            .body(http_body_util::Empty::<axum::body::Bytes>::new())
            .expect("request");
        sender.ready().await.expect("the connection stays open");
        let res = sender.send_request(req).await.expect("response");
        assert_eq!(res.status(), 200);
        let body = res.into_body().collect().await.expect("body").to_bytes();
        assert!(String::from_utf8_lossy(&body).contains("Sign in"));
        took.push(started.elapsed());
    }
    took.sort();
    let median = took[took.len() / 2];
    assert!(
        median < std::time::Duration::from_millis(30),
        "the median kept-alive page took {median:?}: a delayed-ACK stall (TCP_NODELAY off?)"
    );
    drop(sender);
    let _ = connection.await;
    let _ = stop.send(());
    server.await.expect("server task").expect("server");
    app.assert_outbox_empty().await;
}

/// Pages and server-function answers go out compressed when the browser takes it; the built
/// assets come as their precompressed copy, with `Vary` for caches; a repeat visit that asks
/// "changed since?" gets 304 and no bytes, and a file named by its hash is cached for good.
async fn pages_and_assets_go_out_compressed_and_assets_revalidate(db: TestDb) {
    let app = TestApp::new(db).await;
    let plain = app.get("/login", &[]).await;
    assert_eq!(plain.header("content-encoding"), "");
    let page = app
        .get_bytes("/login", &[("accept-encoding", "gzip")])
        .await;
    assert_eq!(page.0.header("content-encoding"), "gzip");
    assert!(page.0.header("vary").contains("accept-encoding"));
    assert!(
        page.1.len() * 2 < plain.body.len(),
        "gzip: {} bytes for a {}-byte page",
        page.1.len(),
        plain.body.len()
    );
    let pkg = app.db.dir().join("site").join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg dir");
    let css = "body { color: black; } ".repeat(100);
    std::fs::write(pkg.join("portico.css"), &css).expect("css");
    std::fs::write(pkg.join("portico.css.br"), b"brotli bytes").expect("css.br");
    let asset = app
        .get_bytes("/pkg/portico.css", &[("accept-encoding", "br, gzip")])
        .await;
    assert_eq!(asset.0.status, 200);
    assert_eq!(asset.0.header("content-encoding"), "br");
    assert_eq!(asset.1, b"brotli bytes", "the precompressed copy, as built");
    assert!(asset.0.header("vary").contains("accept-encoding"));
    assert_eq!(asset.0.header("cache-control"), "public, no-cache");
    let modified = asset.0.header("last-modified").to_string();
    assert!(!modified.is_empty());
    let again = app
        .get_bytes(
            "/pkg/portico.css",
            &[
                ("accept-encoding", "br, gzip"),
                ("if-modified-since", &modified),
            ],
        )
        .await;
    assert_eq!(again.0.status, 304);
    assert!(again.1.is_empty(), "a repeat visit downloads nothing");
    // Without a precompressed copy the file is compressed as it goes.
    let gz = app
        .get_bytes("/pkg/portico.css", &[("accept-encoding", "gzip")])
        .await;
    assert_eq!(gz.0.header("content-encoding"), "gzip");
    assert!(gz.1.len() < css.len() / 4, "{} bytes", gz.1.len());
    // A release names each file by its content's hash: browsers keep it for a year unasked.
    let hashed = "portico.Xy3_-abcdefghijklmnopq.css";
    std::fs::write(pkg.join(hashed), &css).expect("hashed css");
    let kept = app.get_bytes(&format!("/pkg/{hashed}"), &[]).await;
    assert_eq!(kept.0.status, 200);
    assert_eq!(
        kept.0.header("cache-control"),
        "public, max-age=31536000, immutable"
    );
    let missing = app
        .get_bytes("/pkg/portico.AAAAAAAAAAAAAAAAAAAAAA.css", &[])
        .await;
    assert_eq!(missing.0.status, 404);
    assert_eq!(
        missing.0.header("cache-control"),
        "public, no-cache",
        "a missing file is never cached for good"
    );
    app.assert_outbox_empty().await;
}

on_both_backends!(
    pages_and_assets_go_out_compressed_and_assets_revalidate,
    a_kept_alive_connection_gets_each_streamed_page_without_waiting_for_an_ack,
    pages_render_on_the_server_in_english_by_default,
    language_follows_cookie_then_browser,
    unknown_paths_answer_404_with_a_translated_page,
    language_form_sets_the_cookie_and_returns,
    healthz_says_ok_and_nothing_more,
);
