//! Writing the knowledge base through the real router: staff write drafts that no customer can
//! find until they are published, every save is a new revision and never overwrites someone
//! else's, versions in other languages link to each other, the preview is as inert as the
//! article; readers answer "Was this helpful?" once (changeably) and staff see the least helpful
//! articles first. Customers can do none of the writing.
mod common;

use common::TestDb;
use common::world::{JSON, World, call, setup};

async fn get(w: &World, path: &str, cookie: &str) -> common::Reply {
    w.app
        .get(path, &[("accept", JSON), ("cookie", cookie)])
        .await
}

async fn save(w: &World, cookie: &str, form: &str) -> common::Reply {
    call(&w.app, "/api/save_article", form, Some(cookie)).await
}

fn json(reply: &common::Reply) -> serde_json::Value {
    serde_json::from_str(&reply.body).unwrap_or_else(|_| panic!("json: {}", reply.body))
}

/// The numbers of the articles in the staff's list, in order.
async fn listed(w: &World, query: &str) -> Vec<String> {
    let list = get(w, &format!("/api/staff_articles?{query}"), &w.agent).await;
    assert_eq!(list.status, 200, "{}", list.body);
    json(&list)
        .as_array()
        .expect("a list")
        .iter()
        .map(|a| a["number"].as_str().expect("number").to_string())
        .collect()
}

const HOSTILE: &str = "## Steps%0A%0AClick **Save**.%0A%0A%3Cscript%3Ealert(1)%3C/script%3E\
                       %0A%0A%3Cimg src=x onerror=alert(2)%3E%0A%0A[x](javascript:alert(3))\
                       %0A%0A%3Csvg onload=alert(4)%3E%3C/svg%3E";

async fn staff_write_drafts_publish_revise_and_link_translations(db: TestDb) {
    let w = setup(db).await;
    let printer = w
        .app
        .state
        .store
        .ensure_product("LaserJet 4000", true)
        .await
        .expect("product");
    // A draft, about a product.
    let first = save(
        &w,
        &w.agent,
        &format!(
            "title=Clearing+a+paper+jam&summary=Open+the+front+door.&body={HOSTILE}\
             &language=en&category=documentation&status=draft&products[]={}",
            printer.0
        ),
    )
    .await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(
        json(&first),
        "000001001",
        "numbered after the highest (none yet)"
    );
    // Nobody outside support finds it, in any way.
    let hidden = get(&w, "/api/get_article?number=1001", &w.anna).await;
    let missing = get(&w, "/api/get_article?number=1999", &w.anna).await;
    assert_eq!(hidden.status, 404);
    assert_eq!(
        hidden.body, missing.body,
        "a draft answers like a missing article"
    );
    let search = get(&w, "/api/search_articles?q=paper+jam", &w.anna).await;
    assert_eq!(json(&search), serde_json::json!([]), "drafts are not found");
    assert_eq!(listed(&w, "status=draft").await, ["000001001"]);
    assert!(listed(&w, "status=published").await.is_empty());
    // The editor shows it as saved, rendered inert.
    let editor = get(&w, "/api/get_article_editor?number=1001", &w.agent).await;
    let e = json(&editor);
    assert_eq!(e["revision"], 1);
    assert_eq!(e["products"], serde_json::json!([printer.0]));
    let html = e["body_html"].as_str().expect("html");
    assert!(
        html.contains("<h2>Steps</h2>") && html.contains("<strong>Save</strong>"),
        "{html}"
    );
    for bad in ["<script", "onerror", "javascript:", "<svg", "onload"] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    // Publishing is the next revision; customers read it now, with its author and revision.
    let published = save(
        &w,
        &w.agent,
        "number=000001001&revision=1&title=Clearing+a+paper+jam&summary=Open+the+front+door.\
         &body=Open+the+door+and+pull+the+sheet.&language=en&category=documentation\
         &status=published",
    )
    .await;
    assert_eq!(published.status, 200, "{}", published.body);
    let page = w
        .app
        .get("/kb/articles/000001001", &[("cookie", &w.anna)])
        .await;
    let text = page.text();
    assert!(text.contains("Open the door and pull the sheet."), "{text}");
    assert!(text.contains("Revision: 2"), "{text}");
    assert!(text.contains("Author: "), "{text}");
    assert!(
        !text.contains("/desk/articles/"),
        "customers get no Edit link"
    );
    let found = get(&w, "/api/search_articles?q=pulling+sheets", &w.anna).await;
    assert_eq!(json(&found)[0]["number"], "000001001", "indexed when saved");
    let edit_link = w
        .app
        .get("/kb/articles/000001001", &[("cookie", &w.agent)])
        .await;
    assert!(
        edit_link
            .text()
            .contains(r#"href="/desk/articles/000001001""#)
    );
    // Someone saving from the old revision is told, and changes nothing.
    let stale = save(
        &w,
        &w.admin,
        "number=1001&revision=1&title=Overwritten&body=Lost+work&language=en\
         &category=documentation&status=published",
    )
    .await;
    assert_eq!(stale.status, 422, "{}", stale.body);
    assert!(
        stale.body.contains("error_article_changed"),
        "{}",
        stale.body
    );
    let kept = get(&w, "/api/get_article?number=1001", &w.anna).await;
    assert_eq!(json(&kept)["head"]["title"], "Clearing a paper jam");
    // A Russian version linked to it: each shows the other.
    let ru = save(
        &w,
        &w.agent,
        "title=%D0%97%D0%B0%D1%81%D1%82%D1%80%D1%8F%D0%BB%D0%B0+%D0%B1%D1%83%D0%BC%D0%B0%D0%B3%D0%B0\
         &body=%D0%9E%D1%82%D0%BA%D1%80%D0%BE%D0%B9%D1%82%D0%B5+%D0%B4%D0%B2%D0%B5%D1%80%D1%86%D1%83.\
         &language=ru&category=documentation&status=published&translation_of=1001",
    )
    .await;
    assert_eq!(json(&ru), "000001002", "{}", ru.body);
    let en = json(&get(&w, "/api/get_article?number=1001", &w.anna).await);
    assert_eq!(en["translations"][0]["number"], "000001002");
    assert_eq!(en["translations"][0]["language"], "ru");
    let back = json(&get(&w, "/api/get_article?number=1002", &w.anna).await);
    assert_eq!(back["translations"][0]["number"], "000001001");
    // A second Russian version, or an English "translation" of English, is refused.
    for (form, error) in [
        (
            "title=Second&body=x&language=ru&category=documentation&status=draft&translation_of=1001",
            "error_translation_taken",
        ),
        (
            "title=Same&body=x&language=en&category=documentation&status=draft&translation_of=1001",
            "error_translation_same_language",
        ),
        (
            "title=Nowhere&body=x&language=nl&category=documentation&status=draft&translation_of=9999",
            "error_translation_unknown",
        ),
        (
            "title=&body=&language=xx&category=videos&status=draft&products[]=99999",
            "error_article_title_required",
        ),
    ] {
        let refused = save(&w, &w.agent, form).await;
        assert_eq!(refused.status, 422, "{form}: {}", refused.body);
        assert!(refused.body.contains(error), "{form}: {}", refused.body);
    }
    // Nor may the Russian version become a second English one.
    let clash = save(
        &w,
        &w.agent,
        "number=1002&revision=1&title=Now+English&body=x&language=en&category=documentation\
         &status=published",
    )
    .await;
    assert_eq!(clash.status, 422, "{}", clash.body);
    assert!(
        clash.body.contains("error_translation_taken"),
        "{}",
        clash.body
    );
    assert_eq!(listed(&w, "").await.len(), 2, "nothing refused was written");
    w.app.assert_outbox_empty().await;
}

async fn customers_cannot_write_list_or_preview_articles(db: TestDb) {
    let w = setup(db).await;
    for cookie in [&w.anna, &w.bert] {
        let saved = save(
            &w,
            cookie,
            "title=Mine&body=Text&language=en&category=documentation&status=published",
        )
        .await;
        assert_eq!(saved.status, 403, "{}", saved.body);
        assert_eq!(get(&w, "/api/staff_articles", cookie).await.status, 403);
        assert_eq!(get(&w, "/api/get_article_editor", cookie).await.status, 403);
        let preview = call(&w.app, "/api/preview_article", "body=**x**", Some(cookie)).await;
        assert_eq!(preview.status, 403);
        let page = w.app.get("/desk/articles", &[("cookie", cookie)]).await;
        assert!(page.text().contains("Not available"), "{}", page.text());
    }
    let anonymous = call(&w.app, "/api/preview_article", "body=**x**", None).await;
    assert_eq!(anonymous.status, 401);
    assert!(get(&w, "/api/staff_articles", &w.agent).await.body == "[]");
    // Support's preview is the readers' rendering.
    let preview = call(
        &w.app,
        "/api/preview_article",
        &format!("body={HOSTILE}"),
        Some(&w.agent),
    )
    .await;
    let html = json(&preview);
    let html = html.as_str().expect("html");
    assert!(html.contains("<strong>Save</strong>"), "{html}");
    assert!(
        !html.contains("<script") && !html.contains("onerror") && !html.contains("javascript:")
    );
}

async fn readers_rate_articles_and_staff_see_the_least_helpful_first(db: TestDb) {
    let w = setup(db).await;
    for (title, status) in [
        ("Alpha", "published"),
        ("Beta", "published"),
        ("Gamma", "draft"),
    ] {
        let saved = save(
            &w,
            &w.agent,
            &format!("title={title}&body=Text&language=en&category=user_guides&status={status}"),
        )
        .await;
        assert_eq!(saved.status, 200, "{}", saved.body);
    }
    let rate = |cookie: &str, number: &str, helpful: &str| {
        let form = format!("number={number}&helpful={helpful}");
        let cookie = cookie.to_string();
        let app = &w.app;
        async move { call(app, "/api/rate_article", &form, Some(&cookie)).await }
    };
    assert_eq!(rate(&w.anna, "1001", "yes").await.status, 200);
    let second = rate(&w.bert, "1001", "no").await;
    assert_eq!(
        json(&second),
        serde_json::json!({"votes": 2, "helpful": 1, "mine": false})
    );
    assert_eq!(rate(&w.anna, "1002", "no").await.status, 200);
    // Alpha 50 % of 2, Beta 0 % of 1: Beta first; the draft without votes last.
    assert_eq!(
        listed(&w, "sort=helpful").await,
        ["000001002", "000001001", "000001003"]
    );
    // Anna changes her mind: one vote each still, Alpha now 0 % of 2 comes first.
    let changed = rate(&w.anna, "1001", "no").await;
    assert_eq!(
        json(&changed),
        serde_json::json!({"votes": 2, "helpful": 0, "mine": false})
    );
    assert_eq!(
        listed(&w, "sort=helpful").await,
        ["000001001", "000001002", "000001003"]
    );
    let page = w
        .app
        .get("/kb/articles/000001001", &[("cookie", &w.anna)])
        .await;
    let text = page.text();
    assert!(
        text.contains("Average rating: 0% found it helpful · Votes: 2"),
        "{text}"
    );
    assert!(text.contains("Your answer: no."), "{text}");
    // Without JavaScript the form goes back to the article.
    let plain = w
        .app
        .post_form(
            "/api/rate_article",
            "number=000001002&helpful=yes",
            Some(&w.carl),
        )
        .await;
    assert!(plain.status.is_redirection(), "{}", plain.status);
    assert_eq!(
        plain.header("location"),
        "/kb/articles/000001002?rated=1#feedback"
    );
    // Nothing else counts: a draft, a missing article, another answer, nobody.
    assert_eq!(rate(&w.anna, "1003", "yes").await.status, 404);
    assert_eq!(rate(&w.anna, "9999", "yes").await.status, 404);
    assert_eq!(rate(&w.anna, "1001", "maybe").await.status, 422);
    let anonymous = call(&w.app, "/api/rate_article", "number=1001&helpful=yes", None).await;
    assert_eq!(anonymous.status, 401);
    let beta = json(&get(&w, "/api/get_article?number=1002", &w.bert).await);
    assert_eq!(
        beta["feedback"],
        serde_json::json!({"votes": 2, "helpful": 1, "mine": null})
    );
}

async fn suggestions_while_a_case_is_typed_and_the_deflection_figure(db: TestDb) {
    let w = setup(db).await;
    for form in [
        "title=Printing+the+claims+report&body=Choose+File%2C+then+Print.&language=en",
        "title=Exporting+invoices&body=Use+Export.&language=en",
        "title=%D0%9D%D0%B5+%D0%BF%D0%B5%D1%87%D0%B0%D1%82%D0%B0%D0%B5%D1%82%D1%81%D1%8F+\
         %D0%BE%D1%82%D1%87%D1%91%D1%82&body=%D0%A2%D0%B5%D0%BA%D1%81%D1%82&language=ru",
    ] {
        let saved = save(
            &w,
            &w.agent,
            &format!("{form}&category=user_guides&status=published"),
        )
        .await;
        assert_eq!(saved.status, 200, "{}", saved.body);
    }
    let suggest = |text: &str| {
        let text: String = url::form_urlencoded::byte_serialize(text.as_bytes()).collect();
        let w = &w;
        async move {
            // Carl reads English.
            let found = get(w, &format!("/api/suggest_articles?text={text}"), &w.carl).await;
            assert_eq!(found.status, 200, "{}", found.body);
            json(&found)
                .as_array()
                .expect("a list")
                .iter()
                .map(|a| a["number"].as_str().expect("number").to_string())
                .collect::<Vec<_>>()
        }
    };
    // A sentence, not a search: any word but the commonest, other forms too.
    assert_eq!(suggest("I cannot print my reports").await, ["000001001"]);
    // Both languages' words; the reader's language (English) first, ё written as е.
    assert_eq!(suggest("printing отчет").await, ["000001001", "000001003"]);
    assert!(
        suggest("the and of it is").await.is_empty(),
        "common words suggest nothing"
    );
    assert!(suggest("").await.is_empty());
    // Anna opens a suggestion and still opens a case; Bert's suggestion answered him.
    let opened = call(
        &w.app,
        "/api/suggestion_opened",
        "number=1001",
        Some(&w.anna),
    )
    .await;
    assert_eq!(opened.status, 200, "{}", opened.body);
    let opened = call(
        &w.app,
        "/api/suggestion_opened",
        "number=1002",
        Some(&w.bert),
    )
    .await;
    assert_eq!(opened.status, 200, "{}", opened.body);
    let case = call(
        &w.app,
        "/api/create_case",
        "subject=Still+cannot+print",
        Some(&w.anna),
    )
    .await;
    assert_eq!(case.status, 200, "{}", case.body);
    let report = get(&w, "/api/deflection_report", &w.admin).await;
    assert_eq!(report.status, 200, "{}", report.body);
    let month = chrono::Utc::now().format("%Y-%m").to_string();
    assert_eq!(
        json(&report),
        serde_json::json!([{"month": month, "opened": 2, "deflected": 1}])
    );
    for cookie in [&w.agent, &w.anna] {
        assert_eq!(get(&w, "/api/deflection_report", cookie).await.status, 403);
    }
    let missing = call(
        &w.app,
        "/api/suggestion_opened",
        "number=1999",
        Some(&w.anna),
    )
    .await;
    assert_eq!(missing.status, 404);
    let page = w.app.get("/desk/articles", &[("cookie", &w.admin)]).await;
    assert!(
        page.text()
            .contains("Self-service: suggestions on the new-case form")
    );
    let page = w.app.get("/desk/articles", &[("cookie", &w.agent)]).await;
    assert!(!page.text().contains("Self-service"), "admins only");
}

async fn a_solved_case_becomes_an_article_attached_to_it_once_published(db: TestDb) {
    let w = setup(db).await;
    let solved = call(
        &w.app,
        "/api/update_case",
        "number=00000001&status=solved&priority=&assignee=&resolution=Open+tray+2+and+remove+the+sheet.",
        Some(&w.agent),
    )
    .await;
    assert_eq!(solved.status, 200, "{}", solved.body);
    let case_page = w.app.get("/cases/00000001", &[("cookie", &w.agent)]).await;
    assert!(
        case_page
            .text()
            .contains(r#"href="/desk/articles/new?from_case=00000001""#),
        "staff get Create article on a solved case"
    );
    let customer_page = w.app.get("/cases/00000001", &[("cookie", &w.anna)]).await;
    assert!(!customer_page.text().contains("from_case"));
    // The agent works in Dutch: the header's switch saves it as their language.
    let switched = w
        .app
        .post_form("/lang", "lang=nl&back=%2F", Some(&w.agent))
        .await;
    assert_eq!(switched.status, 303);
    let editor = json(&get(&w, "/api/get_article_editor?from_case=00000001", &w.agent).await);
    assert_eq!(editor["title"], "Printer jams");
    // Under "Problem" and "Solution" in the writer's language (Dutch here).
    let body = editor["body"].as_str().expect("body");
    assert!(body.starts_with("## Probleem\n\n"), "{body:?}");
    assert!(
        body.ends_with("## Oplossing\n\nOpen tray 2 and remove the sheet.\n"),
        "{body:?}"
    );
    assert_eq!(editor["from_case"], "00000001");
    assert_eq!(
        get(&w, "/api/get_article_editor?from_case=00009999", &w.agent)
            .await
            .status,
        404
    );
    // A draft is not attached yet; published, it is, once, and the history says so.
    let draft = save(
        &w,
        &w.agent,
        "from_case=00000001&title=Printer+jams&body=Open+tray+2.&language=en\
         &category=user_guides&status=draft",
    )
    .await;
    assert_eq!(json(&draft), "000001001", "{}", draft.body);
    let case = json(&call(&w.app, "/api/get_case", "number=00000001", Some(&w.anna)).await);
    assert_eq!(case["articles"], serde_json::json!([]), "{case}");
    for _ in 0..2 {
        let revision =
            json(&get(&w, "/api/get_article_editor?number=1001", &w.agent).await)["revision"]
                .as_i64()
                .expect("revision");
        let published = save(
            &w,
            &w.agent,
            &format!(
                "number=1001&revision={revision}&title=Printer+jams&body=Open+tray+2.\
                 &language=en&category=user_guides&status=published"
            ),
        )
        .await;
        assert_eq!(published.status, 200, "{}", published.body);
    }
    let case = json(&call(&w.app, "/api/get_case", "number=00000001", Some(&w.anna)).await);
    assert_eq!(case["articles"][0]["number"], "000001001", "{case}");
    assert_eq!(case["articles"].as_array().map(Vec::len), Some(1));
    // Another company's case cannot be the source, for anyone but staff.
    assert_eq!(
        get(&w, "/api/get_article_editor?from_case=00000002", &w.bert)
            .await
            .status,
        403
    );
}

async fn admins_may_open_the_published_articles_to_everyone(db: TestDb) {
    let w = setup(db).await;
    for (title, status) in [("Opening+hours", "published"), ("Secret+plans", "draft")] {
        let saved = save(
            &w,
            &w.agent,
            &format!("title={title}&body=Text&language=en&category=user_guides&status={status}"),
        )
        .await;
        assert_eq!(saved.status, 200, "{}", saved.body);
    }
    // Off by default: sign in first.
    let kb = w.app.get("/kb", &[]).await;
    assert!(kb.status.is_redirection(), "{}", kb.status);
    assert_eq!(kb.header("location"), "/login?next=%2Fkb");
    let api = w
        .app
        .get("/api/search_articles?q=opening", &[("accept", JSON)])
        .await;
    assert_eq!(api.status, 401);
    // Only admins change it.
    let refused = call(
        &w.app,
        "/api/save_knowledge_settings",
        "public=on",
        Some(&w.agent),
    )
    .await;
    assert_eq!(refused.status, 403);
    assert_eq!(
        get(&w, "/api/knowledge_settings", &w.agent).await.status,
        403
    );
    let set = call(
        &w.app,
        "/api/save_knowledge_settings",
        "public=on",
        Some(&w.admin),
    )
    .await;
    assert_eq!(set.status, 200, "{}", set.body);
    assert_eq!(
        json(&get(&w, "/api/knowledge_settings", &w.admin).await)["public"],
        true
    );
    // Now anyone reads the published articles, in the language they ask for; drafts stay hidden.
    let kb = w.app.get("/kb?q=opening+hours", &[]).await;
    assert_eq!(kb.status, 200);
    assert!(kb.text().contains("Opening hours"), "{}", kb.text());
    let article = w
        .app
        .get("/kb/articles/000001001", &[("accept-language", "nl")])
        .await;
    assert_eq!(article.status, 200);
    let text = article.text();
    assert!(text.contains("Opening hours"));
    assert!(
        text.contains("Meld u aan om dit artikel te beoordelen"),
        "{text}"
    );
    assert!(
        !text.contains(r#"name="helpful""#),
        "no rating without an account"
    );
    let draft = w
        .app
        .get("/api/get_article?number=1002", &[("accept", JSON)])
        .await;
    assert_eq!(draft.status, 404);
    let found = w
        .app
        .get("/api/search_articles?q=plans", &[("accept", JSON)])
        .await;
    assert_eq!(found.body, "[]", "drafts are found by nobody");
    // Everything else still needs an account.
    let rate = call(&w.app, "/api/rate_article", "number=1001&helpful=yes", None).await;
    assert_eq!(rate.status, 401);
    let suggest = w
        .app
        .get("/api/suggest_articles?text=opening", &[("accept", JSON)])
        .await;
    assert_eq!(suggest.status, 401);
    let cases = w.app.get("/cases", &[]).await;
    assert!(cases.status.is_redirection());
    assert!(
        w.app
            .get("/desk/articles", &[])
            .await
            .status
            .is_redirection()
    );
    // And off again.
    let off = call(&w.app, "/api/save_knowledge_settings", "", Some(&w.admin)).await;
    assert_eq!(json(&off)["public"], false);
    assert!(
        w.app
            .get("/kb/articles/000001001", &[])
            .await
            .status
            .is_redirection()
    );
}

/// Uploads one file through `/api/attachments` as `cookie`; its id.
async fn upload(w: &World, cookie: &str, name: &str, content_type: &str) -> i64 {
    let body = common::multipart(&[], &[("file", name, content_type, b"bytes of the file")]);
    let reply = common::post_multipart(&w.app, "/api/attachments", body, Some(cookie), true).await;
    json(&reply)["stored"]["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("not stored: {}", reply.body))
}

async fn articles_keep_pictures_files_and_videos_that_follow_their_article(db: TestDb) {
    let w = setup(db).await;
    let picture = upload(&w, &w.agent, "form.png", "image/png").await;
    let video = upload(&w, &w.agent, "intro.mp4", "video/mp4").await;
    let manual = upload(&w, &w.agent, "manual.pdf", "application/pdf").await;
    // Someone else's upload cannot join the article: nothing is saved.
    let annas = upload(&w, &w.anna, "anna.png", "image/png").await;
    let body = format!(
        "The form:%0A%0A![The form](/attachments/{picture}/form.png)%0A%0A\
         ![Getting started](/attachments/{video}/intro.mp4)"
    );
    let form = |files: &str| {
        format!(
            "title=Filling+in+the+form&body={body}&language=en&category=training_videos\
             &status=draft&attachments={files}"
        )
    };
    // Without JavaScript, "Upload files" posts the whole form: the file is stored as the writer's
    // upload and the editor comes back with everything typed (both products too). Customers may
    // not.
    let posted = |cookie: String| {
        let body = common::multipart(
            &[
                ("number", ""),
                ("from_case", ""),
                ("title", "Filling in the form"),
                ("body", "Typed before the upload"),
                ("products[]", "1"),
                ("products[]", "2"),
                ("attachments", &picture.to_string()),
            ],
            &[("file", "shot.png", "image/png", b"bytes of the file")],
        );
        let app = &w.app;
        async move {
            common::post_multipart(app, "/desk/articles/files", body, Some(&cookie), true).await
        }
    };
    assert_eq!(posted(w.anna.clone()).await.status, 403);
    let back = posted(w.agent.clone()).await;
    assert_eq!(back.status, 303, "{}", back.body);
    let location = back.header("location").to_string();
    let token = location
        .strip_prefix("/desk/articles/new?draft=")
        .unwrap_or_else(|| panic!("{location}"));
    let typed = json(
        &call(
            &w.app,
            "/api/get_form_draft",
            &format!("token={token}"),
            Some(&w.agent),
        )
        .await,
    );
    assert_eq!(typed["title"], "Filling in the form");
    assert_eq!(typed["body"], "Typed before the upload");
    assert_eq!(typed["products"], "1,2");
    let ids: Vec<i64> = typed["attachments"]
        .as_str()
        .expect("attachments")
        .split(',')
        .map(|id| id.parse().expect("id"))
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert_eq!(ids[0], picture);
    let refused = save(&w, &w.agent, &form(&format!("{picture},{annas}"))).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("error_file_gone"), "{}", refused.body);
    assert_eq!(listed(&w, "").await.len(), 0, "no article was saved");
    let saved = save(&w, &w.agent, &form(&format!("{picture},{video},{manual}"))).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let number = json(&saved).as_str().expect("number").to_string();
    let editor = json(
        &get(
            &w,
            &format!("/api/get_article_editor?number={number}"),
            &w.agent,
        )
        .await,
    );
    let names: Vec<&str> = editor["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["name"].as_str().expect("name"))
        .collect();
    assert_eq!(names, ["form.png", "intro.mp4", "manual.pdf"]);
    // A draft's files: staff only; customers get exactly what a missing file gets.
    let file = |id: i64| format!("/attachments/{id}/x");
    let as_staff = w
        .app
        .get(&file(picture), &[("cookie", w.agent.as_str())])
        .await;
    assert_eq!(as_staff.status, 200);
    assert_eq!(as_staff.body, "bytes of the file");
    assert_eq!(as_staff.header("content-type"), "image/png");
    assert_eq!(as_staff.header("x-content-type-options"), "nosniff");
    assert!(
        as_staff
            .header("content-disposition")
            .starts_with("attachment;")
    );
    assert_eq!(
        as_staff.header("content-security-policy"),
        "default-src 'none'; sandbox"
    );
    let missing = w
        .app
        .get(&file(999_999), &[("cookie", w.anna.as_str())])
        .await;
    assert_eq!(missing.status, 404);
    let hidden = w
        .app
        .get(&file(picture), &[("cookie", w.anna.as_str())])
        .await;
    assert_eq!(
        (hidden.status, hidden.body.clone()),
        (missing.status, missing.body.clone())
    );
    // Published: its readers get the picture in place, the video in a player, and the files.
    let published = save(
        &w,
        &w.agent,
        &format!(
            "number={number}&revision=1&title=Filling+in+the+form&body={body}&language=en\
             &category=training_videos&status=published"
        ),
    )
    .await;
    assert_eq!(published.status, 200, "{}", published.body);
    assert_eq!(
        w.app
            .get(&file(picture), &[("cookie", w.anna.as_str())])
            .await
            .status,
        200
    );
    assert_eq!(
        w.app
            .get(&file(video), &[("cookie", w.bert.as_str())])
            .await
            .header("content-type"),
        "video/mp4"
    );
    // A player seeks: one range of bytes at a time.
    let part = w
        .app
        .get(
            &file(video),
            &[("cookie", w.bert.as_str()), ("range", "bytes=6-7")],
        )
        .await;
    assert_eq!(part.status, 206);
    assert_eq!(part.body, "of");
    assert_eq!(part.header("content-range"), "bytes 6-7/17");
    assert_eq!(part.header("accept-ranges"), "bytes");
    let beyond = w
        .app
        .get(
            &file(video),
            &[("cookie", w.bert.as_str()), ("range", "bytes=17-")],
        )
        .await;
    assert_eq!(beyond.status, 416);
    assert_eq!(beyond.header("content-range"), "bytes */17");
    let article = json(&get(&w, &format!("/api/get_article?number={number}"), &w.anna).await);
    let html = article["body_html"].as_str().expect("html");
    assert!(
        html.contains(&format!(
            "<img src=\"/attachments/{picture}/form.png\" alt=\"The form\">"
        )),
        "{html}"
    );
    assert!(
        html.contains(&format!(
            "<video controls=\"\" preload=\"metadata\" src=\"/attachments/{video}/intro.mp4\""
        )),
        "{html}"
    );
    assert_eq!(article["files"].as_array().expect("files").len(), 3);
    let page = reads(&w, &w.anna, &number).await;
    assert!(
        page.text().contains("manual.pdf"),
        "the page lists the files"
    );
    // Without an account: only when admins opened the knowledge base.
    let anonymous = w.app.get(&file(picture), &[]).await;
    assert!(anonymous.status.is_redirection(), "{}", anonymous.status);
    let open = call(
        &w.app,
        "/api/save_knowledge_settings",
        "public=on",
        Some(&w.admin),
    )
    .await;
    assert_eq!(open.status, 200, "{}", open.body);
    assert_eq!(w.app.get(&file(picture), &[]).await.status, 200);
    // A pending upload is still nobody else's, public or not.
    assert_eq!(w.app.get(&file(annas), &[]).await.status, 404);
    // Removing a file on saving: gone for everyone, bytes included.
    let removed = save(
        &w,
        &w.agent,
        &format!(
            "number={number}&revision=2&title=Filling+in+the+form&body={body}&language=en\
             &category=training_videos&status=published&remove_files[]={manual}"
        ),
    )
    .await;
    assert_eq!(removed.status, 200, "{}", removed.body);
    assert_eq!(
        w.app
            .get(&file(manual), &[("cookie", w.agent.as_str())])
            .await
            .status,
        404
    );
    let article = json(&get(&w, &format!("/api/get_article?number={number}"), &w.anna).await);
    assert_eq!(article["files"].as_array().expect("files").len(), 2);
    // The article's files are not uploads waiting for a case: the new-case form cannot take them.
    let pending = get(&w, &format!("/api/pending_files?ids={picture}"), &w.agent).await;
    assert_eq!(pending.body, "[]");
}

/// The page of article `number` as `cookie` gets it.
async fn reads(w: &World, cookie: &str, number: &str) -> common::Reply {
    w.app
        .get(&format!("/kb/articles/{number}"), &[("cookie", cookie)])
        .await
}

async fn only_video_hosts_admins_allow_play_inside_an_article(db: TestDb) {
    let w = setup(db).await;
    let body = "![Intro](https://www.youtube-nocookie.com/embed/abc)%0A%0A\
                ![Other](https://videos.example.net/v/1)";
    let saved = save(
        &w,
        &w.agent,
        &format!(
            "title=Intro+video&body={body}&language=en&category=training_videos&status=published"
        ),
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let number = json(&saved).as_str().expect("number").to_string();
    // None allowed: both are links, and the page frames nothing.
    let before = reads(&w, &w.anna, &number).await;
    let text = before.text();
    assert!(!text.contains("<iframe"), "{text}");
    assert!(text.contains("href=\"https://www.youtube-nocookie.com/embed/abc\""));
    assert!(
        !before
            .header("content-security-policy")
            .contains("frame-src")
    );
    // Only admins choose the hosts, and only host names.
    let refused = call(
        &w.app,
        "/api/save_knowledge_settings",
        "video_hosts=www.youtube-nocookie.com",
        Some(&w.agent),
    )
    .await;
    assert_eq!(refused.status, 403);
    let invalid = call(
        &w.app,
        "/api/save_knowledge_settings",
        "video_hosts=javascript:alert(1)",
        Some(&w.admin),
    )
    .await;
    assert_eq!(invalid.status, 422, "{}", invalid.body);
    assert!(
        invalid.body.contains("error_video_host_invalid"),
        "{}",
        invalid.body
    );
    let allowed = call(
        &w.app,
        "/api/save_knowledge_settings",
        "video_hosts=https://www.youtube-nocookie.com/embed",
        Some(&w.admin),
    )
    .await;
    assert_eq!(allowed.status, 200, "{}", allowed.body);
    assert_eq!(
        json(&allowed)["video_hosts"],
        serde_json::json!(["www.youtube-nocookie.com"])
    );
    // The allowed host plays in a sandboxed frame that the page's policy lets through; the other
    // stays a link.
    let after = reads(&w, &w.anna, &number).await;
    let text = after.text();
    assert!(
        text.contains("<iframe src=\"https://www.youtube-nocookie.com/embed/abc\""),
        "{text}"
    );
    assert!(
        text.contains("sandbox=\"allow-scripts allow-same-origin"),
        "{text}"
    );
    assert!(
        text.contains("href=\"https://videos.example.net/v/1\""),
        "{text}"
    );
    assert!(
        !text.contains("<iframe src=\"https://videos.example.net"),
        "{text}"
    );
    let csp = after.header("content-security-policy");
    assert!(
        csp.ends_with("; frame-src 'self' https://www.youtube-nocookie.com"),
        "{csp}"
    );
    assert_eq!(
        after.header("x-portico-frame-hosts"),
        "",
        "the marker never leaves"
    );
}

on_both_backends!(
    articles_keep_pictures_files_and_videos_that_follow_their_article,
    only_video_hosts_admins_allow_play_inside_an_article,
    admins_may_open_the_published_articles_to_everyone,
    a_solved_case_becomes_an_article_attached_to_it_once_published,
    suggestions_while_a_case_is_typed_and_the_deflection_figure,
    staff_write_drafts_publish_revise_and_link_translations,
    customers_cannot_write_list_or_preview_articles,
    readers_rate_articles_and_staff_see_the_least_helpful_first,
);
