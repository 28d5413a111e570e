//! Script in every text field (issue #18, "Hostile input"), through the real router on SQLite and
//! PostgreSQL: an attacker's markup goes into everything a person can type (case subject and
//! description, public and internal comments, the resolution, company, contact, product and staff
//! names, canned replies, an article's title, summary and Markdown body, the survey comment,
//! access requests and their refusal, file names, the support phone, search boxes and the no-JS
//! form's draft); then every page that shows it, to everyone who sees it, and every email it went
//! out in (subject, text, HTML, and the dev mailbox's pages of it) must carry it as text only.
mod common;

use app::backend::jobs;
use common::inert::{assert_inert, assert_inert_html};
use common::world::{World, call, id_of, setup, user_of};
use common::{TestDb, multipart, post_multipart};

/// What an attacker types into a text field (130 characters): each piece would run script if it
/// reached a page or an email as markup: the end of a `<textarea>` and of the `<title>` (whose
/// text is no markup), a script, an image's error handler after closing an attribute, an SVG's
/// load handler after closing a single-quoted attribute, a `javascript:` link.
const X: &str = "</textarea></title><script>alert(1)</script>\"><img src=x onerror=alert(2)>\
                 <svg onload=alert(3)>'><a href=javascript:alert(4)>j</a>";

/// The same for a field of at most 50 characters (a phone number, a country, a reply's title).
const X_SHORT: &str = "</textarea><script>alert(1)</script><b onclick=x>";

/// How every payload above shows on a page: as text.
const SHOWN: &str = "&lt;script&gt;alert(1)&lt;/script&gt;";

/// An address `normalize_email` accepts (no space, one `@`, a dotted domain) that is markup.
const X_EMAIL: &str = "x\"><svg/onload=alert(9)>@evil.example";

/// `value` percent-encoded for a form body.
fn enc(value: &str) -> String {
    app::domain::encode_query_value(value)
}

/// Calls `path` with `body` as `cookie` and asserts it succeeded; returns the JSON answer.
async fn ok(w: &World, path: &str, body: &str, cookie: Option<&str>) -> serde_json::Value {
    let res = call(&w.app, path, body, cookie).await;
    assert_eq!(res.status, 200, "{path}: {}", res.body);
    serde_json::from_str(&res.body).unwrap_or(serde_json::Value::Null)
}

async fn script_typed_anywhere_stays_text_on_every_page_and_in_every_email(db: TestDb) {
    let w = setup(db).await;
    let x = enc(X);

    // Names: a product, a company (a new one and Anna's own), its contact, a staff member.
    ok(
        &w,
        "/api/add_product",
        &format!("product_name={x}"),
        Some(&w.admin),
    )
    .await;
    let product = w
        .app
        .state
        .store
        .ensure_product(X, true)
        .await
        .expect("product");
    let account = ok(
        &w,
        "/api/add_account",
        &format!(
            "company_name={x}&company_phone={s}&company_country={s}",
            s = enc(X_SHORT)
        ),
        Some(&w.agent),
    )
    .await;
    let account = account.as_i64().expect("the new company's id");
    let anna = user_of(&w, "anna@acme.example").await;
    let annas_company = anna.account_id.expect("Anna's company").0;
    ok(
        &w,
        "/api/update_account",
        &format!(
            "account_id={annas_company}&company_name={}&company_country={}",
            enc(&format!("{X} Acme")),
            enc(X_SHORT)
        ),
        Some(&w.agent),
    )
    .await;
    ok(
        &w,
        "/api/add_contact",
        &format!(
            "account_id={account}&name={x}&email=olga%40evil.example&phone={}&language=en\
             &portal_access=on",
            enc(X_SHORT)
        ),
        Some(&w.agent),
    )
    .await;
    let contact = id_of(&w, "olga@evil.example").await.0;
    ok(
        &w,
        "/api/add_staff_member",
        &format!("name={x}&email=piet%40vendor.example&role=agent&language=en"),
        Some(&w.admin),
    )
    .await;
    let piet = id_of(&w, "piet@vendor.example").await.0;

    // A case: subject, description, product, country; files with hostile names, with
    // JavaScript and without; comments, public and internal; the resolution; the survey.
    let mut files = Vec::new();
    for name in [
        "\"><img src=x onerror=alert(2)>.svg",
        "<script>alert(1)<%2Fscript>.html",
        "a'&b\"c.txt",
    ] {
        let body = multipart(&[], &[("file", name, "text/plain", b"x")]);
        let up = post_multipart(&w.app, "/api/attachments", body, Some(&w.anna), true).await;
        let v: serde_json::Value = serde_json::from_str(&up.body).expect("JSON");
        files.push(v["stored"]["id"].as_i64().expect("stored").to_string());
    }
    let created = ok(
        &w,
        "/api/create_case",
        &format!(
            "subject={x}&description={x}&product={x}&country={}&attachments={}",
            enc(X_SHORT),
            files.join(",")
        ),
        Some(&w.anna),
    )
    .await;
    let number = format!("{:08}", created["number"].as_i64().expect("number"));
    let case = format!("number={number}");
    let no_js = post_multipart(
        &w.app,
        &format!("/cases/{number}/files"),
        multipart(
            &[],
            &[(
                "file",
                "javascript:alert(1)<svg onload=alert(3)>",
                "image/svg+xml",
                b"x",
            )],
        ),
        Some(&w.anna),
        true,
    )
    .await;
    assert_eq!(no_js.status, 303, "{}", no_js.body);
    ok(
        &w,
        "/api/follow_case",
        &format!("{case}&follow=true"),
        Some(&w.carl),
    )
    .await;
    ok(
        &w,
        "/api/add_comment",
        &format!("{case}&body={x}"),
        Some(&w.anna),
    )
    .await;
    ok(
        &w,
        "/api/add_comment",
        &format!("{case}&body={x}"),
        Some(&w.agent),
    )
    .await;
    ok(
        &w,
        "/api/add_comment",
        &format!("{case}&body={x}&internal=on"),
        Some(&w.agent),
    )
    .await;
    ok(
        &w,
        "/api/update_case",
        &format!("{case}&status=in_progress&priority=high&assignee={piet}"),
        Some(&w.agent),
    )
    .await;
    // Canned replies and an article (Markdown with links of its own), with files.
    ok(
        &w,
        "/api/save_canned_reply",
        &format!("title={}&language=en&body={x}", enc(X_SHORT)),
        Some(&w.agent),
    )
    .await;
    let mut article_files = Vec::new();
    for name in ["\"><svg onload=alert(3)>.svg", "<script>x<%2Fscript>.html"] {
        let body = multipart(&[], &[("file", name, "image/svg+xml", b"<svg/>")]);
        let up = post_multipart(&w.app, "/api/attachments", body, Some(&w.agent), true).await;
        let v: serde_json::Value = serde_json::from_str(&up.body).expect("JSON");
        article_files.push(v["stored"]["id"].as_i64().expect("stored").to_string());
    }
    let markdown = format!(
        "{X}\n\n[x](javascript:alert(5))\n\n![y](javascript:alert(6))\n\n\
         <a href=\"javascript:alert(7)\">z</a>\n\n![pic](/attachments/{}/a.svg)",
        article_files[0]
    );
    let article = ok(
        &w,
        "/api/save_article",
        &format!(
            "title={x}&summary={x}&body={}&language=en&category=documentation&status=published\
             &products[]={}&attachments={}",
            enc(&markdown),
            product.0,
            article_files.join(",")
        ),
        Some(&w.agent),
    )
    .await;
    let article = article.as_str().expect("the article's number").to_string();
    ok(
        &w,
        "/api/attach_article",
        &format!("{case}&article={article}"),
        Some(&w.agent),
    )
    .await;
    // The article editor without JavaScript comes back with what was typed.
    let editor = post_multipart(
        &w.app,
        "/desk/articles/files",
        multipart(
            &[("title", X), ("summary", X), ("body", &markdown)],
            &[(
                "file",
                "\"><img src=x onerror=alert(2)>.png",
                "image/png",
                b"p",
            )],
        ),
        Some(&w.agent),
        true,
    )
    .await;
    assert_eq!(editor.status, 303, "{}", editor.body);
    let editor_draft = editor.header("location").to_string();
    // So does the new-case form.
    let new_case = post_multipart(
        &w.app,
        "/cases/new/files",
        multipart(
            &[("subject", X), ("description", X), ("intent", "upload")],
            &[(
                "file",
                "\"><img src=x onerror=alert(2)>.png",
                "image/png",
                b"p",
            )],
        ),
        Some(&w.anna),
        true,
    )
    .await;
    assert_eq!(new_case.status, 303, "{}", new_case.body);
    let new_case_draft = new_case.header("location").to_string();
    // Solved with a hostile resolution, closed, and the survey answered with a hostile comment.
    for status in ["solved", "closed"] {
        ok(
            &w,
            "/api/update_case",
            &format!("{case}&status={status}&resolution={x}"),
            Some(&w.agent),
        )
        .await;
    }
    ok(
        &w,
        "/api/answer_survey",
        &format!("{case}&rating=1&feedback={x}"),
        Some(&w.anna),
    )
    .await;
    // Access requests: one declined with a hostile reason, one left waiting; the support phone.
    for email in [X_EMAIL, "someone@evil.example"] {
        ok(
            &w,
            "/api/request_access",
            &format!("name={x}&email={}&company={x}&message={x}", enc(email)),
            None,
        )
        .await;
    }
    let requests = ok(&w, "/api/list_access_requests", "", Some(&w.agent)).await;
    let mut request_ids = Vec::new();
    collect_ids(&requests, &mut request_ids);
    assert_eq!(request_ids.len(), 2, "{requests}");
    ok(
        &w,
        "/api/decline_access_request",
        &format!("request={}&reason={x}", request_ids[0]),
        Some(&w.agent),
    )
    .await;
    ok(
        &w,
        "/api/save_support_settings",
        &format!("phone={}&email=support%40portico.test", enc(X_SHORT)),
        Some(&w.admin),
    )
    .await;
    jobs::drain(&w.app.state).await;

    // Every page that shows any of it, to everyone who sees it.
    let kb = format!("/kb/articles/{article}");
    let desk_article = format!("/desk/articles/{article}");
    let case_page = format!("/cases/{number}");
    let print = format!("/cases/{number}/print");
    let survey = format!("/cases/{number}/survey");
    let search = format!("q={x}");
    let mut pages: Vec<(&str, String)> = Vec::new();
    for path in [
        "/".to_string(),
        "/cases".into(),
        format!("/cases?{search}"),
        case_page.clone(),
        print.clone(),
        survey,
        "/kb".into(),
        format!("/kb?{search}"),
        kb.clone(),
        format!("/cases/new?clone={number}"),
        new_case_draft.clone(),
        "/account/settings".into(),
        "/access/colleague".into(),
    ] {
        pages.push((&w.anna, path));
    }
    for path in [
        "/".to_string(),
        "/cases".into(),
        format!("/cases?{search}"),
        "/queue".into(),
        format!("/queue?{search}"),
        case_page,
        print,
        "/desk/replies".into(),
        "/desk/articles".into(),
        desk_article,
        editor_draft,
        kb,
        format!("/kb?{search}"),
        "/staff/accounts".into(),
        format!("/staff/accounts/{account}"),
        format!("/staff/accounts/{annas_company}"),
        format!("/staff/contacts/{contact}"),
        "/desk/access".into(),
        "/desk/mail".into(),
    ] {
        pages.push((&w.agent, path));
    }
    for id in &request_ids {
        pages.push((&w.agent, format!("/desk/access/{id}")));
    }
    for path in [
        "/admin/staff".to_string(),
        format!("/admin/staff/{piet}"),
        "/admin/products".into(),
        format!("/admin/products/{}", product.0),
        "/admin/settings".into(),
        "/admin/mail".into(),
        "/desk/satisfaction".into(),
    ] {
        pages.push((&w.admin, path));
    }
    for (cookie, path) in &pages {
        let page = w.app.get(path, &[("cookie", *cookie)]).await;
        assert_inert(&page, path);
        assert!(
            page.text().contains(SHOWN),
            "{path} shows what was typed (as text): the sweep looks where it lands"
        );
    }
    // Signed out: the sign-in page with a hostile return address and error, and the pages that
    // show the support contact.
    for path in [
        format!("/login?next={x}&error={}", enc(&format!("_form:{X}"))),
        format!("/login?error={}", enc(&format!("{X}:{X}"))),
        "/access/request".into(),
        "/password/forgot".into(),
    ] {
        let page = w.app.get(&path, &[]).await;
        assert_inert(&page, &path);
    }

    // Every email: one-line subjects, an inert HTML part, and the dev mailbox's pages of it.
    let mail = w.app.state.store.list_dev_mail(500).await.expect("mail");
    assert!(mail.len() >= 10, "{} emails", mail.len());
    assert!(
        mail.iter().any(|m| m.text_body.contains(X)),
        "the emails carried the typed text"
    );
    for m in &mail {
        let what = format!("email {} to {} ({})", m.id, m.to_addr, m.subject);
        assert!(
            !m.subject.contains(['\r', '\n']),
            "{what}: a one-line subject"
        );
        assert!(!m.to_addr.contains(['\r', '\n']), "{what}");
        assert_inert_html(&m.html_body, &what);
        assert!(
            !m.html_body.to_ascii_lowercase().contains("<script"),
            "{what}: an email has no script"
        );
        let page = w
            .app
            .get(&format!("/admin/mail/{}", m.id), &[("cookie", &w.admin)])
            .await;
        assert_inert(&page, &format!("{what}: its mailbox page"));
        let html = w
            .app
            .get(
                &format!("/admin/mail/{}/html", m.id),
                &[("cookie", &w.admin)],
            )
            .await;
        if html.status != 404 {
            assert_inert(&html, &format!("{what}: its HTML part"));
            assert!(
                html.header("content-security-policy").contains("sandbox"),
                "{what}: the HTML part is sandboxed"
            );
        }
    }
    w.app.assert_outbox_empty().await;
}

/// The pages added with single sign-on and API tokens: an admin's provider named with markup (its
/// button on the sign-in page, the admin's list and its own page) and a token named with markup
/// (at most 100 characters: the short payload; its owner's list, and the audit log that records
/// it), all as text.
async fn names_of_tokens_and_sign_in_providers_stay_text(db: TestDb) {
    let w = setup(db).await;
    let made = w
        .app
        .post_form(
            "/api/create_api_token",
            &format!("token_name={}&scope=read&days=90", enc(X_SHORT)),
            Some(&w.anna),
        )
        .await;
    assert_eq!(made.status, 302, "{}", made.body);
    assert!(!made.header("location").contains("error"), "made");
    // The page the token is shown on, once; then the list.
    let shown = w
        .app
        .get(made.header("location"), &[("cookie", &w.anna)])
        .await;
    assert_inert(&shown, "the new token's page");
    let list = w.app.get("/account/tokens", &[("cookie", &w.anna)]).await;
    assert_inert(&list, "the tokens page");
    assert!(list.body.contains(SHOWN), "the name shows as text");
    let audit = w.app.get("/admin/audit", &[("cookie", &w.admin)]).await;
    assert_inert(&audit, "the audit log");
    assert!(audit.body.contains(SHOWN), "the token's name shows as text");

    // A provider as an admin saved it (the store, past the form's discovery check: the pages must
    // hold whatever the database does).
    let acme = common::world::company_of(&w, "anna@acme.example").await;
    let id = w
        .app
        .state
        .store
        .save_identity_provider(
            None,
            &app::backend::store::ProviderChange {
                name: X,
                issuer: "https://login.acme.example",
                client_id: "portico",
                client_secret: "s3cret",
                allowed_domains: "acme.example",
                for_staff: false,
                active: true,
                companies: &[acme],
            },
            chrono::Utc::now(),
        )
        .await
        .expect("provider");
    for (path, cookie) in [
        ("/login".to_string(), None),
        ("/admin/sign-in".to_string(), Some(w.admin.as_str())),
        (format!("/admin/sign-in/{}", id.0), Some(w.admin.as_str())),
    ] {
        let headers: Vec<(&str, &str)> = cookie.map(|c| ("cookie", c)).into_iter().collect();
        let page = w.app.get(&path, &headers).await;
        assert_inert(&page, &path);
        assert!(page.body.contains(SHOWN), "{path}: the name as text");
    }
}

/// Every number under an `"id"` key of `v`.
fn collect_ids(v: &serde_json::Value, out: &mut Vec<i64>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if k == "id"
                    && let Some(id) = v.as_i64()
                {
                    out.push(id);
                } else {
                    collect_ids(v, out);
                }
            }
        }
        serde_json::Value::Array(items) => {
            for v in items {
                collect_ids(v, out);
            }
        }
        _ => {}
    }
}

on_both_backends!(
    script_typed_anywhere_stays_text_on_every_page_and_in_every_email,
    names_of_tokens_and_sign_in_providers_stay_text
);
