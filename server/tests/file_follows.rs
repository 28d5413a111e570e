//! Following a case's files through the real router and real storage: who may follow, new versions
//! (who may upload one, the earlier versions kept and downloadable, a version that comes too late),
//! removal (every version, bytes and all), the picker's "Following" list, a knowledge article's
//! files, and the emails followers get, never the one who made the change and never someone who
//! may no longer see the file.
mod common;

use common::world::{JSON, call, new_mail, recipients, setup};
use common::{Reply, TestDb, multipart, post_multipart};

/// Anna's file `name` with `bytes` on her case 1; its id.
async fn anna_adds(w: &common::world::World, name: &str, bytes: &[u8]) -> i64 {
    let body = multipart(&[], &[("file", name, "text/plain", bytes)]);
    let up = post_multipart(&w.app, "/api/attachments", body, Some(&w.anna), true).await;
    let v: serde_json::Value = serde_json::from_str(&up.body).expect("JSON");
    let id = v["stored"]["id"].as_i64().expect("stored");
    let added = call(
        &w.app,
        "/api/add_case_files",
        &format!("number=00000001&attachments={id}"),
        Some(&w.anna),
    )
    .await;
    assert_eq!(added.status, 200, "{}", added.body);
    id
}

/// Posts `bytes` as `name`, the new version of file `id` on case 1, as `cookie` (the page's plain
/// multipart form).
async fn new_version(
    w: &common::world::World,
    id: i64,
    name: &str,
    bytes: &[u8],
    cookie: &str,
) -> Reply {
    let body = multipart(&[], &[("file", name, "text/plain", bytes)]);
    let path = format!("/cases/00000001/files/{id}/version");
    post_multipart(&w.app, &path, body, Some(cookie), true).await
}

async fn follow(w: &common::world::World, id: i64, on: bool, cookie: &str) -> Reply {
    call(
        &w.app,
        "/api/follow_file",
        &format!("id={id}&follow={on}"),
        Some(cookie),
    )
    .await
}

/// The names the picker's "Following" list shows `cookie`.
async fn following(w: &common::world::World, cookie: &str) -> Vec<String> {
    let reply = w
        .app
        .get(
            "/api/list_files?list=following",
            &[("cookie", cookie), ("accept", JSON)],
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let v: serde_json::Value = serde_json::from_str(&reply.body).expect("JSON");
    v.as_array()
        .expect("list")
        .iter()
        .map(|f| f["name"].as_str().unwrap_or_default().to_string())
        .collect()
}

async fn followers_hear_of_new_versions_and_removal(db: TestDb) {
    let w = setup(db).await;
    let mut seen = 0;
    new_mail(&w.app, &mut seen).await;
    let log = anna_adds(&w, "log.txt", b"first lines").await;

    // Carl (Anna's colleague) and the agent follow it; Bert (another company) cannot, and his
    // answer is the one for a file that does not exist.
    assert_eq!(follow(&w, log, true, &w.carl).await.status, 200);
    assert_eq!(follow(&w, log, true, &w.agent).await.status, 200);
    assert_eq!(
        follow(&w, log, true, &w.carl).await.status,
        200,
        "twice is fine"
    );
    let his = follow(&w, log, true, &w.bert).await;
    let missing = follow(&w, 999_999, true, &w.bert).await;
    assert_eq!(his.status, 404);
    assert_eq!((his.status, &his.body), (missing.status, &missing.body));
    assert_eq!(following(&w, &w.carl).await, ["log.txt"]);
    assert!(
        following(&w, &w.anna).await.is_empty(),
        "Anna follows nothing"
    );
    assert!(following(&w, &w.bert).await.is_empty());

    // Only its uploader (or staff) gives it a new version; Carl may see it, so he is refused.
    let refused = new_version(&w, log, "mine.txt", b"carl", &w.carl).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    let bert = new_version(&w, log, "evil.txt", b"bert", &w.bert).await;
    assert_eq!(bert.status, 404);

    // Anna uploads version 2: back to the file on her page; Carl and the agent are told, not her.
    let v2 = new_version(&w, log, "log-v2.txt", b"second lines", &w.anna).await;
    assert_eq!(v2.status, 303, "{}", v2.body);
    assert_eq!(v2.header("location"), format!("/cases/00000001#file-{log}"));
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(
        recipients(&mail),
        ["agent@vendor.example", "carl@acme.example"]
    );
    for (_, text) in &mail {
        assert!(
            text.contains("Case 00000001: new version of log-v2.txt"),
            "{text}"
        );
        assert!(text.contains("uploaded version 2 of log-v2.txt"), "{text}");
        assert!(text.contains("because you follow log-v2.txt"), "{text}");
        assert!(
            text.contains(&format!("/cases/00000001#file-{log}")),
            "{text}"
        );
    }

    // The page shows version 2 with version 1 under "Earlier versions", still downloadable.
    let page = w.app.get("/cases/00000001", &[("cookie", &w.carl)]).await;
    let text = page.text();
    assert!(
        text.contains("log-v2.txt") && text.contains("Version 2"),
        "{text}"
    );
    assert!(text.contains("Earlier versions (1)"), "{text}");
    assert!(text.contains("Version 1: log.txt"), "{text}");
    assert!(
        !text.contains("Upload new version"),
        "Carl may not change Anna's file"
    );
    let (old, bytes) = w
        .app
        .get_bytes(&format!("/attachments/{log}"), &[("cookie", &w.carl)])
        .await;
    assert_eq!(old.status, 200);
    assert_eq!(bytes.as_slice(), b"first lines");
    let anna_page = w.app.get("/cases/00000001", &[("cookie", &w.anna)]).await;
    assert!(anna_page.text().contains("Upload new version"));
    assert!(
        following(&w, &w.carl).await == ["log-v2.txt"],
        "the newest version"
    );

    // A version posted from a page that still showed version 1 comes too late: it says so next
    // to that file's field, and keeps nothing.
    let late = new_version(&w, log, "log-old.txt", b"stale", &w.anna).await;
    assert_eq!(late.status, 303);
    let back = late.header("location").to_string();
    assert!(
        back.starts_with(&format!("/cases/00000001?file={log}&error=version")),
        "{back}"
    );
    let shown = w.app.get(&back, &[("cookie", &w.anna)]).await;
    assert!(
        shown.text().contains("Someone uploaded a newer version"),
        "{}",
        shown.text()
    );
    assert!(new_mail(&w.app, &mut seen).await.is_empty());

    // Carl stops following; the agent removes the file: every version goes, for everyone.
    assert_eq!(follow(&w, log, false, &w.carl).await.status, 200);
    assert!(following(&w, &w.carl).await.is_empty());
    assert_eq!(follow(&w, log, true, &w.anna).await.status, 200);
    let page: serde_json::Value = serde_json::from_str(
        &call(&w.app, "/api/get_case", "number=00000001", Some(&w.anna))
            .await
            .body,
    )
    .expect("JSON");
    let current = page["attachments"][0]["file"]["id"].as_i64().expect("file");
    assert_ne!(current, log);
    let carl_removes = call(
        &w.app,
        "/api/remove_case_file",
        &format!("id={current}"),
        Some(&w.carl),
    )
    .await;
    assert_eq!(carl_removes.status, 403);
    let removed = call(
        &w.app,
        "/api/remove_case_file",
        &format!("id={current}"),
        Some(&w.agent),
    )
    .await;
    assert_eq!(removed.status, 200, "{}", removed.body);
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(
        recipients(&mail),
        ["anna@acme.example"],
        "not Carl any more"
    );
    assert!(
        mail[0].1.contains("Case 00000001: log-v2.txt was removed"),
        "{}",
        mail[0].1
    );
    for id in [log, current] {
        let gone = w
            .app
            .get(&format!("/attachments/{id}"), &[("cookie", &w.anna)])
            .await;
        assert_eq!(gone.status, 404, "version {id} is gone");
    }
    let page = w.app.get("/cases/00000001", &[("cookie", &w.anna)]).await;
    assert!(!page.text().contains("log-v2.txt") && !page.text().contains("log.txt"));
    let again = call(
        &w.app,
        "/api/remove_case_file",
        &format!("id={current}"),
        Some(&w.agent),
    )
    .await;
    assert_eq!(again.status, 404, "removed once");
    // The history says who did what.
    let staff: serde_json::Value = serde_json::from_str(
        &call(&w.app, "/api/get_case", "number=00000001", Some(&w.agent))
            .await
            .body,
    )
    .expect("JSON");
    let kinds: Vec<_> = staff["desk"]["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter_map(|e| e["kind"].as_str())
        .filter(|k| k.starts_with("file"))
        .collect();
    assert_eq!(kinds, ["file", "file_version", "file_removed"]);
    // No bytes of either version are left on disk.
    let blobs = w.app.state.settings.data_dir.join("blobs");
    let left = walk(&blobs)
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .filter(|b| b == b"first lines" || b == b"second lines")
        .count();
    assert_eq!(left, 0);
    w.app.assert_outbox_empty().await;
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

async fn without_javascript_every_file_action_comes_back_to_the_page(db: TestDb) {
    let w = setup(db).await;
    let mut seen = 0;
    new_mail(&w.app, &mut seen).await;
    let log = anna_adds(&w, "log.txt", b"lines").await;
    // A plain form post (the browser's own) of Follow comes back to the file.
    let followed = w
        .app
        .post_form(
            "/api/follow_file",
            &format!("id={log}&follow=true"),
            Some(&w.carl),
        )
        .await;
    assert!(followed.status.is_redirection(), "{}", followed.body);
    assert_eq!(
        followed.header("location"),
        format!("/cases/00000001#file-{log}")
    );
    let page = w.app.get("/cases/00000001", &[("cookie", &w.carl)]).await;
    assert!(
        page.body.contains("aria-pressed=\"true\""),
        "Follow shows as pressed"
    );
    // An empty "Upload new version" says so next to that file's field.
    let body = multipart(&[], &[("file", "", "application/octet-stream", b"")]);
    let path = format!("/cases/00000001/files/{log}/version");
    let empty = post_multipart(&w.app, &path, body, Some(&w.anna), true).await;
    assert_eq!(empty.status, 303);
    let back = empty.header("location").to_string();
    let shown = w.app.get(&back, &[("cookie", &w.anna)]).await;
    assert!(shown.body.contains("id=\"version-error\""), "{back}");
    assert!(
        shown.text().contains("This file is empty."),
        "{}",
        shown.text()
    );
    // Remove comes back to the files.
    let removed = w
        .app
        .post_form("/api/remove_case_file", &format!("id={log}"), Some(&w.anna))
        .await;
    assert!(removed.status.is_redirection(), "{}", removed.body);
    assert_eq!(removed.header("location"), "/cases/00000001#files-title");
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(recipients(&mail), ["carl@acme.example"]);
    w.app.assert_outbox_empty().await;
}

async fn an_articles_file_is_followed_by_its_readers(db: TestDb) {
    let w = setup(db).await;
    let mut seen = 0;
    new_mail(&w.app, &mut seen).await;
    let body = multipart(
        &[],
        &[("file", "manual.pdf", "application/pdf", b"%PDF manual")],
    );
    let up = post_multipart(&w.app, "/api/attachments", body, Some(&w.agent), true).await;
    let v: serde_json::Value = serde_json::from_str(&up.body).expect("JSON");
    let manual = v["stored"]["id"].as_i64().expect("stored");
    let form = |status: &str, extra: &str| {
        format!(
            "title=Calibrating+the+printer&body=See+the+manual.&language=en\
             &category=user_guides&status={status}{extra}"
        )
    };
    let saved = call(
        &w.app,
        "/api/save_article",
        &form("draft", &format!("&attachments={manual}")),
        Some(&w.agent),
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let number: String = serde_json::from_str(&saved.body).expect("number");
    // A draft's file is staff's only: a customer's follow answers like a missing file.
    assert_eq!(follow(&w, manual, true, &w.anna).await.status, 404);
    let published = call(
        &w.app,
        "/api/save_article",
        &format!("number={number}&revision=1&{}", form("published", "")),
        Some(&w.agent),
    )
    .await;
    assert_eq!(published.status, 200, "{}", published.body);
    // Published, every customer may read it and follow its file (without JavaScript too).
    let plain = w
        .app
        .post_form(
            "/api/follow_file",
            &format!("id={manual}&follow=true"),
            Some(&w.anna),
        )
        .await;
    assert!(plain.status.is_redirection(), "{}", plain.body);
    assert_eq!(
        plain.header("location"),
        format!("/kb/articles/{number}#file-{manual}")
    );
    assert_eq!(follow(&w, manual, true, &w.bert).await.status, 200);
    let page = w
        .app
        .get(&format!("/kb/articles/{number}"), &[("cookie", &w.anna)])
        .await;
    assert!(page.body.contains(&format!("id=\"file-{manual}\"")));
    assert!(page.body.contains("aria-pressed=\"true\""));
    // The agent removes it on saving: both readers are told, the agent is not.
    let removed = call(
        &w.app,
        "/api/save_article",
        &format!(
            "number={number}&revision=2&{}",
            form("published", &format!("&remove_files[]={manual}"))
        ),
        Some(&w.agent),
    )
    .await;
    assert_eq!(removed.status, 200, "{}", removed.body);
    let mail = new_mail(&w.app, &mut seen).await;
    assert_eq!(
        recipients(&mail),
        ["anna@acme.example", "bert@other.example"]
    );
    for (_, text) in &mail {
        assert!(
            text.starts_with(&format!("Article {number}: manual.pdf was removed")),
            "{text}"
        );
        assert!(text.contains("removed manual.pdf from the article “Calibrating the printer”"));
        assert!(
            text.contains(&format!("/kb/articles/{number}#file-{manual}")),
            "{text}"
        );
    }
    let gone = w
        .app
        .get(&format!("/attachments/{manual}"), &[("cookie", &w.agent)])
        .await;
    assert_eq!(gone.status, 404);
    w.app.assert_outbox_empty().await;
}

on_both_backends!(
    followers_hear_of_new_versions_and_removal,
    without_javascript_every_file_action_comes_back_to_the_page,
    an_articles_file_is_followed_by_its_readers,
);
