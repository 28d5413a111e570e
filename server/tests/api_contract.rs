//! The REST API against its OpenAPI document (issue #19, part 3): the document is served to
//! anyone at `/api/v1/openapi.json`; every `/api/v1` route of the router is in it and every
//! operation in it reaches a handler; and schemathesis (PyPI, in the tools' venv) sends each
//! documented operation generated requests, valid and not, over real HTTP with a support token
//! and a customer's, checking every answer against its documented status codes, content type,
//! headers and schema, and that none is a server error.
mod common;

use common::world::{api, make_token, setup};

/// The documented operations as (path, method).
fn operations(doc: &serde_json::Value) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("path item").keys() {
            all.push((path.clone(), method.to_uppercase()));
        }
    }
    all.sort();
    all
}

async fn the_document_and_the_router_name_the_same_routes(db: common::TestDb) {
    let w = setup(db).await;
    // Anyone may read it: it describes the API, it holds no data.
    let served = w.app.get("/api/v1/openapi.json", &[]).await;
    assert_eq!(served.status, 200, "{}", served.body);
    assert_eq!(served.header("content-type"), "application/json");
    let doc: serde_json::Value = serde_json::from_str(&served.body).expect("JSON");
    assert!(
        doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1")),
        "{}",
        doc["openapi"]
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["token"]["scheme"],
        "bearer"
    );
    let ops = operations(&doc);
    // Every route the router serves under /api/v1 is documented (but the document itself and the
    // catch-all that answers `no_such_route`).
    let documented: Vec<&str> = ops.iter().map(|(p, _)| p.as_str()).collect();
    for (pattern, _) in portico::plain_routes(&w.app.state) {
        let internal = pattern == "/api/v1/openapi.json" || pattern == "/api/v1/{*rest}";
        if pattern.starts_with("/api/v1/") && !internal {
            assert!(
                documented.contains(&pattern),
                "{pattern} is served but not documented"
            );
        }
    }
    // Every documented operation reaches a handler: never the catch-all's "no such route", never
    // "method not allowed".
    let token = make_token(&w, &w.agent, "Contract", "write").await;
    for (path, method) in &ops {
        let concrete = path.replace("{number}", "00000001").replace("{id}", "1");
        let body = (method != "GET").then_some("{}");
        let reply = api(&w, method, &concrete, Some(&token), body).await;
        assert_ne!(reply.status, 405, "{method} {path}: {}", reply.body);
        assert!(
            !reply.body.contains("no_such_route"),
            "{method} {path} reaches no handler"
        );
    }
    // The reference page renders the same document: every operation and every type, in the
    // reader's language around the document's English.
    let page = w
        .app
        .get(
            "/developers/api",
            &[("cookie", &w.anna), ("accept-language", "nl")],
        )
        .await;
    assert_eq!(page.status, 200);
    for (path, method) in &ops {
        assert!(
            page.body.contains(&format!("{method} {path}")),
            "{method} {path} is not on the reference page"
        );
    }
    for schema in doc["components"]["schemas"]
        .as_object()
        .expect("schemas")
        .keys()
    {
        assert!(
            page.body
                .contains(&format!("id=\"type-{}\"", schema.to_lowercase())),
            "type {schema} is not on the reference page"
        );
    }
    assert!(page.body.contains("Needs a token.") || page.body.contains("Vereist een token."));
    // Like the document, the page holds no data: open to anyone (an integrator before signing in).
    let anonymous = w.app.get("/developers/api", &[]).await;
    assert_eq!(anonymous.status, 200);
    assert!(anonymous.body.contains("GET /api/v1/cases"));
}

/// The schemathesis command of the tools' venv (`scripts/install-tools.sh --test`), or `None` with
/// a line saying so; under CI a missing one fails, so a skipped run never passes as a green one.
fn schemathesis() -> Option<std::path::PathBuf> {
    let tools = std::env::var("PORTICO_TOOLS_DIR").map_or_else(
        |_| {
            std::path::PathBuf::from(std::env::var("HOME").expect("HOME"))
                .join(".cache/portico-tools")
        },
        std::path::PathBuf::from,
    );
    let bin = tools.join("venv/bin/schemathesis");
    if bin.exists() {
        return Some(bin);
    }
    assert!(
        std::env::var("CI").is_err(),
        "CI must have schemathesis at {} (scripts/install-tools.sh --test)",
        bin.display()
    );
    eprintln!(
        "SKIPPED: schemathesis is not installed at {}",
        bin.display()
    );
    None
}

/// Runs schemathesis against the API at `base` over HTTP as the person of `token`; returns
/// whether every check passed, and what it printed.
async fn fuzz(token: &str, base: &str, seed: &str) -> (bool, String) {
    let bin = schemathesis().expect("checked by the caller");
    let mut args: Vec<String> = vec![
        "run".into(),
        format!("{base}/api/v1/openapi.json"),
        "--header".into(),
        format!("Authorization: Bearer {token}"),
        "--seed".into(),
        seed.into(),
    ];
    args.extend(
        [
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,\
             response_headers_conformance,response_schema_conformance",
            "--phases",
            "examples,coverage,fuzzing",
            "--max-examples",
            "25",
            "--workers",
            "1",
            "--request-timeout",
            "30",
            "--suppress-health-check",
            "all",
            // Our token on every request (not a generated one).
            "--generation-with-security-parameters",
            "false",
            // Nothing kept between runs (the same seed, the same requests).
            "--generation-database",
            "none",
            "--no-color",
        ]
        .map(String::from),
    );
    // Run in a folder of its own: it writes a cache where it runs, never into the checkout.
    let dir = tempfile::tempdir().expect("temp dir");
    // On a blocking thread: the server it talks to runs on this test's runtime.
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(bin)
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("run schemathesis")
    })
    .await
    .expect("schemathesis thread");
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

async fn every_answer_matches_its_documented_schema(db: common::TestDb) {
    let Some(_) = schemathesis() else { return };
    let w = setup(db).await;
    w.app
        .state
        .store
        .ensure_product("LaserJet 4000", true)
        .await
        .expect("product");
    // Something behind each documented example: case 00000001 is Anna's, and article 000001.
    let saved = common::world::publish_paper_jam_article(&w).await;
    assert!(saved.body.contains("000001"), "{}", saved.body);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(portico::serve(listener, w.app.router.clone(), async move {
        let _ = stopped.await;
    }));
    let base = format!("http://{addr}");
    // Support (every operation open to them) and a customer (the companies' 403s, her own
    // company's cases only).
    let agent = make_token(&w, &w.agent, "Contract (support)", "write").await;
    let anna = make_token(&w, &w.anna, "Contract (customer)", "write").await;
    for (who, token) in [("support", &agent), ("customer", &anna)] {
        // A fixed seed, so that CI's run is the same each time; `PORTICO_CONTRACT_SEED` tries
        // others.
        let seed = std::env::var("PORTICO_CONTRACT_SEED").unwrap_or_else(|_| "20261206".into());
        let (passed, output) = fuzz(token, &base, &seed).await;
        // Its summary, in the test's output.
        let lines: Vec<&str> = output.lines().collect();
        eprintln!(
            "schemathesis as {who}:\n{}",
            lines[lines.len().saturating_sub(25)..].join("\n")
        );
        assert!(passed, "schemathesis as {who}:\n{output}");
        assert!(
            output.contains("passed") && !output.contains("No operations"),
            "schemathesis as {who} tested nothing:\n{output}"
        );
    }
    let _ = stop.send(());
    server.await.expect("server task").expect("server");
}

on_both_backends!(
    the_document_and_the_router_name_the_same_routes,
    every_answer_matches_its_documented_schema
);
