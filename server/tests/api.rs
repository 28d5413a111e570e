//! Personal access tokens and the REST API's first routes (issue #19, part 3, first part), through
//! the real router on SQLite and PostgreSQL: a person makes a token on their account page (shown
//! once, only its hash kept), a program uses it as `Authorization: Bearer`, and it sees exactly
//! what the person sees: a customer's token its company's cases only, another company's case
//! answers 404 like a missing one, an internal comment never; a read token cannot write; a revoked
//! token, or one of a deactivated person, opens nothing, and a browser's cookie counts for nothing.
mod common;

use axum::body::Body;
use common::Reply;
use common::world::{World, api, make_token, setup};
use http::Request;

fn json(reply: &Reply) -> serde_json::Value {
    serde_json::from_str(&reply.body).unwrap_or_else(|_| panic!("JSON: {}", reply.body))
}

/// The case numbers a list answer holds.
fn numbers(reply: &Reply) -> Vec<String> {
    json(reply)["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|c| c["number"].to_string().trim_matches('"').to_string())
        .collect()
}

async fn a_token_sees_what_its_person_sees(db: common::TestDb) {
    let w = setup(db).await;
    let anna_read = make_token(&w, &w.anna, "Reporting script", "read").await;
    let anna_write = make_token(&w, &w.anna, "Helpdesk bridge", "write").await;
    let bert = make_token(&w, &w.bert, "Bert's", "read").await;
    let agent = make_token(&w, &w.agent, "Desk bot", "write").await;

    // Her company's cases, as her list shows them; Bert's his.
    let mine = api(
        &w,
        "GET",
        "/api/v1/cases?view=company",
        Some(&anna_read),
        None,
    )
    .await;
    assert_eq!(mine.status, 200, "{}", mine.body);
    assert_eq!(mine.header("content-type"), "application/json");
    let annas = numbers(&mine);
    assert_eq!(annas.len(), 1);
    assert!(mine.body.contains("Printer jams") && !mine.body.contains("Bert secret case"));
    let berts = numbers(&api(&w, "GET", "/api/v1/cases?view=company", Some(&bert), None).await);
    assert_eq!(berts.len(), 1);
    // Staff see both.
    let all = api(&w, "GET", "/api/v1/cases?view=all", Some(&agent), None).await;
    assert_eq!(numbers(&all).len(), 2, "{}", all.body);

    // Another company's case answers exactly like a missing one.
    let other = api(
        &w,
        "GET",
        &format!("/api/v1/cases/{}", berts[0]),
        Some(&anna_read),
        None,
    )
    .await;
    let missing = api(&w, "GET", "/api/v1/cases/99999999", Some(&anna_read), None).await;
    assert_eq!(
        (other.status, other.body.as_str()),
        (missing.status, missing.body.as_str())
    );
    assert_eq!(other.status, 404);
    assert_eq!(json(&other)["error"], "not_found");
    let case = format!("/api/v1/cases/{}", annas[0]);
    let read = api(&w, "GET", &case, Some(&anna_read), None).await;
    assert_eq!(read.status, 200);
    assert!(read.body.contains("Printer jams"));

    // A read token cannot write; a write token can, with the page's rules and messages.
    let comments = format!("{case}/comments");
    let refused = api(
        &w,
        "POST",
        &comments,
        Some(&anna_read),
        Some(r#"{"body":"Any news?"}"#),
    )
    .await;
    assert_eq!(refused.status, 403);
    assert_eq!(json(&refused)["error"], "read_only_token");
    let empty = api(
        &w,
        "POST",
        &comments,
        Some(&anna_write),
        Some(r#"{"body":"  "}"#),
    )
    .await;
    assert_eq!(empty.status, 422);
    assert_eq!(json(&empty)["fields"]["body"][0], "error_comment_required");
    let bad = api(&w, "POST", &comments, Some(&anna_write), Some("not json")).await;
    assert_eq!(bad.status, 400);
    let added = api(
        &w,
        "POST",
        &comments,
        Some(&anna_write),
        Some(r#"{"body":"Any news?"}"#),
    )
    .await;
    assert_eq!(added.status, 201, "{}", added.body);
    // Support's internal note through the API stays internal.
    let note = api(
        &w,
        "POST",
        &comments,
        Some(&agent),
        Some(r#"{"body":"Internal: waiting on the vendor","internal":true}"#),
    )
    .await;
    assert_eq!(note.status, 201, "{}", note.body);
    let read = api(&w, "GET", &case, Some(&anna_read), None).await;
    assert!(read.body.contains("Any news?"));
    assert!(
        !read.body.contains("waiting on the vendor"),
        "never an internal comment"
    );
    let staff = api(&w, "GET", &case, Some(&agent), None).await;
    assert!(staff.body.contains("waiting on the vendor"));
    // Bert's token reaches nothing of Anna's, write or not.
    let theirs = api(&w, "POST", &comments, Some(&bert), Some(r#"{"body":"hi"}"#)).await;
    assert_eq!(theirs.status, 403, "a read token, whatever the case");
    w.app.assert_outbox_empty().await;
}

async fn only_a_live_token_opens_the_api(db: common::TestDb) {
    let w = setup(db).await;
    let token = make_token(&w, &w.anna, "Script", "read").await;
    // Nothing, a made-up token, a browser's session cookie: 401, saying how to authenticate.
    for (name, reply) in [
        (
            "no token",
            api(&w, "GET", "/api/v1/cases", None, None).await,
        ),
        (
            "made up",
            api(
                &w,
                "GET",
                "/api/v1/cases",
                Some(&format!("pat_{}", "0".repeat(64))),
                None,
            )
            .await,
        ),
        (
            "a cookie",
            Reply::read(
                w.app
                    .send_as_is(
                        Request::get("/api/v1/cases")
                            .header("cookie", &w.anna)
                            .body(Body::empty())
                            .expect("request"),
                    )
                    .await,
            )
            .await,
        ),
    ] {
        assert_eq!(reply.status, 401, "{name}");
        assert_eq!(
            reply.header("www-authenticate"),
            "Bearer realm=\"portico\"",
            "{name}"
        );
        assert_eq!(json(&reply)["error"], "unauthenticated", "{name}");
    }
    assert_eq!(
        api(&w, "GET", "/api/v1/cases", Some(&token), None)
            .await
            .status,
        200
    );

    // The page lists it by name, never the token again; "last used" is filled in.
    let page = w
        .app
        .get("/account/tokens", &[("cookie", &w.anna)])
        .await
        .text();
    assert!(page.contains("Script") && page.contains("Read"));
    assert!(!page.contains(&token), "shown once");
    // Nobody else can revoke it; she can, and then it opens nothing.
    let id = w
        .app
        .state
        .store
        .tokens_of(common::world::id_of(&w, "anna@acme.example").await)
        .await
        .expect("store")[0]
        .id;
    let other = w
        .app
        .post_form("/api/revoke_api_token", &format!("id={id}"), Some(&w.bert))
        .await;
    assert_eq!(other.status, 404, "another's token is not theirs to revoke");
    assert_eq!(
        api(&w, "GET", "/api/v1/cases", Some(&token), None)
            .await
            .status,
        200
    );
    let revoked = w
        .app
        .post_form("/api/revoke_api_token", &format!("id={id}"), Some(&w.anna))
        .await;
    assert_eq!(revoked.header("location"), "/account/tokens?revoked=1");
    assert_eq!(
        api(&w, "GET", "/api/v1/cases", Some(&token), None)
            .await
            .status,
        401
    );

    // A deactivated person's tokens stop with them.
    let carl = make_token(&w, &w.carl, "Carl's", "read").await;
    assert_eq!(
        api(&w, "GET", "/api/v1/cases", Some(&carl), None)
            .await
            .status,
        200
    );
    let carl_id = common::world::id_of(&w, "carl@acme.example").await;
    // Support takes away his portal access.
    let off = w
        .app
        .post_form(
            "/api/update_contact",
            &format!(
                "contact_id={carl_id}&name=Carl+Acme&email=carl%40acme.example&phone=&language=en"
            ),
            Some(&w.agent),
        )
        .await;
    assert_eq!(off.status, 302, "{}", off.body);
    assert_eq!(
        api(&w, "GET", "/api/v1/cases", Some(&carl), None)
            .await
            .status,
        401
    );

    // Made and revoked tokens are in the audit log.
    let audit = w
        .app
        .get("/admin/audit", &[("cookie", &w.admin)])
        .await
        .text();
    assert!(audit.contains("API token made") && audit.contains("token=Script scope=read"));
    assert!(audit.contains("API token revoked"));
    // A name is needed.
    let nameless = w
        .app
        .post_form(
            "/api/create_api_token",
            "token_name=&scope=read&days=90",
            Some(&w.anna),
        )
        .await;
    assert_eq!(
        nameless.header("location"),
        "/account/tokens?error=token_name%3Aerror_token_name_required"
    );
}

async fn cases_open_and_the_catalogue_reads_through_the_api(db: common::TestDb) {
    let w = setup(db).await;
    let store = &w.app.state.store;
    store
        .ensure_product("LaserJet 4000", true)
        .await
        .expect("product");
    let anna_read = make_token(&w, &w.anna, "Reader", "read").await;
    let anna = make_token(&w, &w.anna, "Bridge", "write").await;
    let agent = make_token(&w, &w.agent, "Desk bot", "write").await;
    let mut seen = common::world::new_mail(&w.app, &mut 0).await.len();

    // A customer opens a case: the form's rules, its number, its address, her confirmation email.
    let blank = api(
        &w,
        "POST",
        "/api/v1/cases",
        Some(&anna),
        Some(r#"{"subject":" ","product":"Nope"}"#),
    )
    .await;
    assert_eq!(blank.status, 422, "{}", blank.body);
    assert_eq!(
        json(&blank)["fields"]["subject"][0],
        "error_subject_required"
    );
    assert_eq!(
        json(&blank)["fields"]["product"][0],
        "error_product_unknown"
    );
    let read_only = api(
        &w,
        "POST",
        "/api/v1/cases",
        Some(&anna_read),
        Some(r#"{"subject":"Scanner offline"}"#),
    )
    .await;
    assert_eq!(read_only.status, 403);
    let made = api(
        &w,
        "POST",
        "/api/v1/cases",
        Some(&anna),
        Some(r#"{"subject":"Scanner offline","description":"Since Monday","product":"laserjet 4000"}"#),
    )
    .await;
    assert_eq!(made.status, 201, "{}", made.body);
    // The number as the portal writes it: eight digits.
    let number = json(&made)["number"].as_str().expect("number").to_string();
    assert!(
        number.len() == 8 && number.bytes().all(|b| b.is_ascii_digit()),
        "{number}"
    );
    assert_eq!(json(&made)["product"], "LaserJet 4000");
    assert_eq!(made.header("location"), format!("/api/v1/cases/{number}"));
    let mail = common::world::new_mail(&w.app, &mut seen).await;
    assert!(
        mail.iter()
            .any(|(to, text)| to == "anna@acme.example" && text.contains(&number)),
        "{mail:?}"
    );
    let hers = numbers(&api(&w, "GET", "/api/v1/cases?view=mine", Some(&anna), None).await);
    assert!(hers.contains(&number), "{hers:?}");

    // Support logs one for Bert's company by phone; it is Bert's company's, not Anna's.
    let other = common::world::company_of(&w, "bert@other.example").await;
    let bert = common::world::id_of(&w, "bert@other.example").await;
    let phoned = api(
        &w,
        "POST",
        "/api/v1/cases",
        Some(&agent),
        Some(&format!(
            r#"{{"subject":"Called about toner","account":{},"contact":{},"origin":"phone"}}"#,
            other.0, bert.0
        )),
    )
    .await;
    assert_eq!(phoned.status, 201, "{}", phoned.body);
    let berts = w
        .app
        .get(
            "/api/list_cases?query[view]=all",
            &[("cookie", &w.bert), ("accept", common::world::JSON)],
        )
        .await;
    assert!(berts.body.contains("Called about toner"), "{}", berts.body);

    // Reading a case through the API does not put it in "Recently viewed"; the page does.
    let recent = |cookie: String| {
        let app = &w.app;
        async move {
            app.get(
                "/api/list_cases?query[view]=recent",
                &[("cookie", &cookie), ("accept", common::world::JSON)],
            )
            .await
            .body
        }
    };
    let read = api(
        &w,
        "GET",
        &format!("/api/v1/cases/{number}"),
        Some(&anna),
        None,
    )
    .await;
    assert!(read.body.contains("Since Monday"), "{}", read.body);
    assert!(!recent(w.anna.clone()).await.contains("Scanner offline"));
    w.app
        .get(&format!("/cases/{number}"), &[("cookie", &w.anna)])
        .await;
    assert!(recent(w.anna.clone()).await.contains("Scanner offline"));

    // The products the form offers; support's companies and their contacts, for support only.
    let products = api(&w, "GET", "/api/v1/products?q=laser", Some(&anna), None).await;
    assert_eq!(
        json(&products)["items"][0]["name"],
        "LaserJet 4000",
        "{}",
        products.body
    );
    let companies = api(&w, "GET", "/api/v1/accounts?q=bert", Some(&agent), None).await;
    assert_eq!(companies.status, 200, "{}", companies.body);
    let listed = json(&companies)["items"].as_array().expect("items").clone();
    assert_eq!(listed.len(), 1, "{}", companies.body);
    assert_eq!(listed[0]["name"], "Company of bert@other.example");
    let detail = api(
        &w,
        "GET",
        &format!("/api/v1/accounts/{}", other.0),
        Some(&agent),
        None,
    )
    .await;
    assert!(
        detail.body.contains("bert@other.example"),
        "{}",
        detail.body
    );
    for path in [
        "/api/v1/accounts".to_string(),
        format!("/api/v1/accounts/{}", other.0),
    ] {
        let theirs = api(&w, "GET", &path, Some(&anna), None).await;
        assert_eq!(theirs.status, 403, "{path}: {}", theirs.body);
        assert!(!theirs.body.contains("bert"), "{path}");
    }

    // The knowledge base: a published article is found and read; a missing one is the API's 404.
    common::world::publish_paper_jam_article(&w).await;
    let found = api(&w, "GET", "/api/v1/articles?q=paper+jam", Some(&anna), None).await;
    let hit = json(&found)["items"][0].clone();
    assert!(
        hit["title"].as_str().is_some_and(|t| t.contains("jam")),
        "{}",
        found.body
    );
    let article_number = hit["number"].as_str().expect("number").to_string();
    let article = api(
        &w,
        "GET",
        &format!("/api/v1/articles/{article_number}"),
        Some(&anna),
        None,
    )
    .await;
    assert_eq!(article.status, 200, "{}", article.body);
    assert!(article.body.contains("Pull the sheet"), "{}", article.body);
    let missing = api(&w, "GET", "/api/v1/articles/000999", Some(&anna), None).await;
    assert_eq!(missing.status, 404);
    assert_eq!(json(&missing)["error"], "not_found");

    // A NUL or another control character in a search (schemathesis found it: PostgreSQL refuses
    // a NUL in text, and the list answered 500) is dropped, here and on the list's own page.
    for path in [
        "/api/v1/cases?q=Scan%00ner",
        "/api/v1/products?q=la%00ser%07",
    ] {
        let found = api(&w, "GET", path, Some(&anna), None).await;
        assert_eq!(found.status, 200, "{path}: {}", found.body);
        assert!(found.body.contains("Scanner offline") || found.body.contains("LaserJet"));
    }
    let page = w
        .app
        .get("/cases?view=all&q=Scan%00ner", &[("cookie", &w.anna)])
        .await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Scanner offline"));

    // And in what is written: a NUL in a new case's description, product and country, or in a
    // comment, is dropped, not a server error.
    let nul = api(
        &w,
        "POST",
        "/api/v1/cases",
        Some(&anna),
        Some(r#"{"subject":"Toner","description":"Cyan\u0000 streaks","product":"Laser\u0000Jet 4000","country":"NL\u0000"}"#),
    )
    .await;
    assert_eq!(nul.status, 201, "{}", nul.body);
    assert_eq!(json(&nul)["description"], "Cyan streaks");
    assert_eq!(json(&nul)["product"], "LaserJet 4000");
    let at = format!(
        "/api/v1/cases/{}/comments",
        json(&nul)["number"].as_str().expect("number")
    );
    let said = api(
        &w,
        "POST",
        &at,
        Some(&anna),
        Some(r#"{"body":"Still\u0000 there"}"#),
    )
    .await;
    assert_eq!(said.status, 201, "{}", said.body);
    assert_eq!(json(&said)["body"], "Still there");

    // A path the API does not have answers in JSON, not with the HTML 404 page.
    let nowhere = api(&w, "GET", "/api/v1/tickets", Some(&anna), None).await;
    assert_eq!(nowhere.status, 404);
    assert_eq!(nowhere.header("content-type"), "application/json");
    assert_eq!(json(&nowhere)["error"], "no_such_route");
    w.app.assert_outbox_empty().await;
}

async fn support_updates_a_case_through_the_api(db: common::TestDb) {
    let w = setup(db).await;
    let agent = make_token(&w, &w.agent, "Desk bot", "write").await;
    let anna = make_token(&w, &w.anna, "Bridge", "write").await;
    let mut seen = common::world::new_mail(&w.app, &mut 0).await.len();
    let case = "/api/v1/cases/00000001";
    let patch = |token: String, body: &'static str| {
        let w = &w;
        async move { api(w, "PATCH", case, Some(&token), Some(body)).await }
    };

    // Priority and "assign to me"; what is left out stays; the history says who did it.
    let changed = patch(agent.clone(), r#"{"priority":"high","assignee":"me"}"#).await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    let now = json(&changed);
    assert_eq!(now["priority"], "high");
    assert_eq!(now["status"], "new");
    assert!(now["assignee"].is_string(), "{}", changed.body);
    assert!(
        now["history"]
            .as_array()
            .expect("staff see the history")
            .iter()
            .any(|c| c["kind"] == "priority" && c["new_value"] == "high"),
        "{}",
        changed.body
    );
    // Solving needs a resolution, said at its field; an unknown status is not the API's shape.
    let unresolved = patch(agent.clone(), r#"{"status":"solved"}"#).await;
    assert_eq!(unresolved.status, 422, "{}", unresolved.body);
    assert_eq!(
        json(&unresolved)["fields"]["resolution"][0],
        "error_resolution_required"
    );
    let bogus = patch(agent.clone(), r#"{"status":"finished"}"#).await;
    assert_eq!(bogus.status, 400, "{}", bogus.body);
    assert_eq!(json(&bogus)["error"], "bad_json");
    // Solved: the contact gets the resolution by email, as from the case page.
    let solved = patch(
        agent.clone(),
        r#"{"status":"solved","resolution":"Replaced the pickup roller"}"#,
    )
    .await;
    assert_eq!(solved.status, 200, "{}", solved.body);
    assert_eq!(json(&solved)["status"], "solved");
    assert_eq!(json(&solved)["priority"], "high", "kept");
    let mail = common::world::new_mail(&w.app, &mut seen).await;
    assert!(
        mail.iter()
            .any(|(to, text)| to == "anna@acme.example"
                && text.contains("Replaced the pickup roller")),
        "{mail:?}"
    );
    // A customer's token changes nothing, even on her own case; she sees support's change.
    let hers = patch(anna.clone(), r#"{"status":"closed","resolution":"x"}"#).await;
    assert_eq!(hers.status, 403, "{}", hers.body);
    assert_eq!(json(&hers)["error"], "forbidden");
    let read = json(&api(&w, "GET", case, Some(&anna), None).await);
    assert_eq!(read["status"], "solved");
    assert!(read.get("history").is_none(), "the history is support's");
    // She may reopen her solved case, and close it ("My problem is solved"), nothing more.
    let reopened = patch(anna.clone(), r#"{"status":"in_progress"}"#).await;
    assert_eq!(reopened.status, 200, "{}", reopened.body);
    assert_eq!(json(&reopened)["status"], "in_progress");
    let subject = patch(anna.clone(), r#"{"subject":"Mine now"}"#).await;
    assert_eq!(subject.status, 403, "{}", subject.body);
    let closed = patch(anna.clone(), r#"{"status":"closed"}"#).await;
    assert_eq!(closed.status, 200, "{}", closed.body);
    assert_eq!(json(&closed)["status"], "closed");
    let again = patch(anna.clone(), r#"{"status":"in_progress"}"#).await;
    assert_eq!(
        again.status, 422,
        "a closed case stays closed: {}",
        again.body
    );
    let mail = common::world::new_mail(&w.app, &mut seen).await;
    assert!(
        mail.iter()
            .any(|(to, text)| to == "anna@acme.example" && text.contains("/survey")),
        "closing sends her the survey: {mail:?}"
    );
    // Support edits the case's own fields: each change in the history; a stranger as contact is
    // refused at that field.
    let edited = patch(
        agent.clone(),
        r#"{"subject":"Printer jams on tray 2","country":"Belgium"}"#,
    )
    .await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    let now = json(&edited);
    assert_eq!(now["subject"], "Printer jams on tray 2");
    assert_eq!(now["country"], "Belgium");
    assert_eq!(now["status"], "closed", "what is left out stays");
    let history = now["history"].as_array().expect("history");
    assert!(
        history
            .iter()
            .any(|c| c["kind"] == "subject" && c["new_value"] == "Printer jams on tray 2")
    );
    let bert = common::world::id_of(&w, "bert@other.example").await;
    let stranger = api(
        &w,
        "PATCH",
        case,
        Some(&agent),
        Some(&format!(r#"{{"contact":{}}}"#, bert.0)),
    )
    .await;
    assert_eq!(stranger.status, 422, "{}", stranger.body);
    assert_eq!(
        json(&stranger)["fields"]["contact"][0],
        "error_contact_invalid"
    );
    let blank = patch(agent.clone(), r#"{"subject":"  "}"#).await;
    assert_eq!(blank.status, 422, "{}", blank.body);
    assert!(
        json(&blank)["fields"]["subject"].is_array(),
        "{}",
        blank.body
    );
    // A missing case.
    let missing = api(
        &w,
        "PATCH",
        "/api/v1/cases/99999999",
        Some(&agent),
        Some(r#"{"priority":"low"}"#),
    )
    .await;
    assert_eq!(missing.status, 404);
    w.app.assert_outbox_empty().await;
}

/// A multipart request to the API with `token`.
async fn api_multipart(w: &World, path: &str, token: &str, body: Vec<u8>) -> Reply {
    let req = Request::post(path)
        .header("authorization", format!("Bearer {token}"))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={}", common::BOUNDARY),
        )
        .body(Body::from(body))
        .expect("request");
    Reply::read(w.app.send_as_is(req).await).await
}

async fn files_go_up_and_come_down_through_the_api(db: common::TestDb) {
    let w = setup(db).await;
    let anna = make_token(&w, &w.anna, "Scanner", "write").await;
    let anna_read = make_token(&w, &w.anna, "Reader", "read").await;
    let bert = make_token(&w, &w.bert, "Bert's", "write").await;
    let case = json(&api(&w, "GET", "/api/v1/cases?view=mine", Some(&anna), None).await)["items"]
        [0]["number"]
        .as_str()
        .expect("her case")
        .to_string();
    let files = format!("/api/v1/cases/{case}/files");
    let log = b"2026-12-06 jam at tray 2\n".as_slice();
    let body = || {
        common::multipart(
            &[("note", "ignored")],
            &[
                ("file", "printer.log", "text/plain", log),
                ("file", "photo.png", "image/png", b"\x89PNG\r\n\x1a\nrest"),
            ],
        )
    };

    // Two files join her case; the answer lists the case's files.
    let added = api_multipart(&w, &files, &anna, body()).await;
    assert_eq!(added.status, 201, "{}", added.body);
    let listed = json(&added)["files"].as_array().expect("files").clone();
    let names: Vec<&str> = listed
        .iter()
        .map(|f| f["name"].as_str().expect("name"))
        .collect();
    assert!(
        names.contains(&"printer.log") && names.contains(&"photo.png"),
        "{names:?}"
    );
    let log_id = listed
        .iter()
        .find(|f| f["name"] == "printer.log")
        .expect("the log")["id"]
        .as_i64()
        .expect("id");
    // The case shows them; the file comes back byte for byte, as a download.
    let read = json(
        &api(
            &w,
            "GET",
            &format!("/api/v1/cases/{case}"),
            Some(&anna_read),
            None,
        )
        .await,
    );
    assert_eq!(read["files"].as_array().expect("files").len(), 2);
    let file = format!("/api/v1/files/{log_id}");
    let down = api(&w, "GET", &file, Some(&anna_read), None).await;
    assert_eq!(down.status, 200);
    assert_eq!(down.body.as_bytes(), log);
    assert!(down.header("content-disposition").starts_with("attachment"));

    // Bert's token: her file and her case answer like missing ones.
    let theirs = api(&w, "GET", &file, Some(&bert), None).await;
    let missing = api(&w, "GET", "/api/v1/files/999999", Some(&bert), None).await;
    assert_eq!(
        (theirs.status, theirs.body.as_str()),
        (missing.status, missing.body.as_str())
    );
    assert_eq!(json(&theirs)["error"], "not_found");
    let refused = api_multipart(&w, &files, &bert, body()).await;
    let nowhere = api_multipart(&w, "/api/v1/cases/99999999/files", &bert, body()).await;
    assert_eq!(
        (refused.status, refused.body.as_str()),
        (nowhere.status, nowhere.body.as_str())
    );
    assert_eq!(refused.status, 404);
    // A read token writes nothing; no file, or an empty one, is said at `file`; not multipart: 400.
    assert_eq!(
        api_multipart(&w, &files, &anna_read, body()).await.status,
        403
    );
    let none = api_multipart(&w, &files, &anna, common::multipart(&[("note", "x")], &[])).await;
    assert_eq!(none.status, 422, "{}", none.body);
    assert_eq!(json(&none)["fields"]["file"][0], "error_file_empty");
    let empty = api_multipart(
        &w,
        &files,
        &anna,
        common::multipart(&[], &[("file", "empty.txt", "text/plain", b"")]),
    )
    .await;
    assert_eq!(empty.status, 422, "{}", empty.body);
    assert_eq!(json(&empty)["fields"]["file"][0], "error_file_empty");
    let plain = api(&w, "POST", &files, Some(&anna), Some("{}")).await;
    assert_eq!(plain.status, 400, "{}", plain.body);
    assert_eq!(json(&plain)["error"], "bad_multipart");
    let read = json(
        &api(
            &w,
            "GET",
            &format!("/api/v1/cases/{case}"),
            Some(&anna),
            None,
        )
        .await,
    );
    assert_eq!(
        read["files"].as_array().expect("files").len(),
        2,
        "nothing else joined"
    );
}

async fn a_file_larger_than_a_form_goes_up_through_the_api(db: common::TestDb) {
    // The upload route streams its files under their own limit (5 MB here), never the 2 MB a
    // server function's form may weigh (it was read whole as one, and refused with 413).
    let app = common::TestApp::with_settings(db, |s| s.max_upload_mb = 5).await;
    let anna = app.with_customer("anna@acme.example").await.cookie;
    let opened =
        common::world::call(&app, "/api/create_case", "subject=Big+log", Some(&anna)).await;
    assert_eq!(opened.status, 200, "{}", opened.body);
    let w = World {
        anna,
        carl: String::new(),
        bert: String::new(),
        agent: String::new(),
        admin: String::new(),
        app,
    };
    let token = make_token(&w, &w.anna, "Scanner", "write").await;
    let mine = api(&w, "GET", "/api/v1/cases?view=mine", Some(&token), None).await;
    let case = json(&mine)["items"][0]["number"]
        .as_str()
        .expect("her case")
        .to_string();
    let big = vec![b'x'; 3_000_000];
    let body = common::multipart(&[], &[("file", "big.log", "text/plain", &big)]);
    let added = api_multipart(&w, &format!("/api/v1/cases/{case}/files"), &token, body).await;
    assert_eq!(added.status, 201, "{}", added.body);
    assert_eq!(
        json(&added)["files"][0]["size"],
        3_000_000,
        "{}",
        added.body
    );
}

on_both_backends!(
    a_file_larger_than_a_form_goes_up_through_the_api,
    a_token_sees_what_its_person_sees,
    files_go_up_and_come_down_through_the_api,
    only_a_live_token_opens_the_api,
    cases_open_and_the_catalogue_reads_through_the_api,
    support_updates_a_case_through_the_api
);
