//! Regression tests for what an attacker tries (issue #11), each named after the attack, through the
//! real router on SQLite and PostgreSQL. Each failed on the code before its fix.
mod common;

use app::backend::jobs;
use common::world::{JSON, call, setup};
use common::{Reply, TestApp, TestDb};

/// A case subject that tries to end the `<title>` element and run script, and an image that
/// tries an event handler.
const HOSTILE_SUBJECT: &str =
    "Printer</title><script>alert(1)</script><img src=x onerror=alert(2)>";

/// Opens a case as `cookie` with `subject`; returns its number.
async fn open_case(app: &TestApp, cookie: &str, subject: &str) -> String {
    let body = format!("subject={}", app::domain::encode_query_value(subject));
    let res = call(app, "/api/create_case", &body, Some(cookie)).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let created: serde_json::Value = serde_json::from_str(&res.body).expect("json");
    format!("{:08}", created["number"].as_i64().expect("number"))
}

/// The `<title>` element of a page, as sent.
fn title_of(page: &Reply) -> &str {
    let start = page.body.find("<title>").expect("a title") + "<title>".len();
    let end = page.body[start..].find("</title>").expect("the title ends") + start;
    &page.body[start..end]
}

/// No markup of the hostile subject survives anywhere in `page` as markup, and its title shows
/// the subject as text.
fn assert_inert(page: &Reply, what: &str) {
    assert_eq!(page.status, 200, "{what}: {}", page.body);
    assert!(
        !page.body.contains("<script>alert"),
        "{what} carries the script"
    );
    assert!(!page.body.contains("<img"), "{what} carries the image");
    let title = title_of(page);
    assert!(
        title.contains("Printer&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{what}: the title shows the subject as text: {title}"
    );
    assert!(title.ends_with(" · Portico"), "{what}: {title}");
}

async fn a_case_subject_cannot_end_the_page_title_and_run_script(db: TestDb) {
    let w = setup(db).await;
    let number = open_case(&w.app, &w.anna, HOSTILE_SUBJECT).await;
    jobs::drain(&w.app.state).await;
    for (who, cookie) in [("agent", &w.agent), ("colleague", &w.carl)] {
        for path in [format!("/cases/{number}"), format!("/cases/{number}/print")] {
            let page = w.app.get(&path, &[("cookie", cookie)]).await;
            assert_inert(&page, &format!("{path} for the {who}"));
        }
    }
    // The admin reads the confirmation email in the dev mailbox: its page has the subject as
    // title, and the list shows it as text.
    let mail = w.app.state.store.list_dev_mail(50).await.expect("mail");
    let confirmation = mail
        .iter()
        .find(|m| m.subject.contains("Printer</title>"))
        .expect("the confirmation email");
    let page = w
        .app
        .get(
            &format!("/admin/mail/{}", confirmation.id),
            &[("cookie", &w.admin)],
        )
        .await;
    assert_inert(&page, "the mailbox message page");
    let list = w.app.get("/admin/mail", &[("cookie", &w.admin)]).await;
    assert_eq!(list.status, 200);
    assert!(!list.body.contains("<script>alert(1)") && !list.body.contains("<img"));
    assert!(list.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

/// A list answer without the moment it was read (which differs between two calls).
async fn list_json(app: &TestApp, cookie: &str, query: &str) -> serde_json::Value {
    let res = app
        .get(
            &format!("/api/list_cases?{query}"),
            &[("cookie", cookie), ("accept", JSON)],
        )
        .await;
    assert_eq!(res.status, 200, "{query}: {}", res.body);
    let mut page: serde_json::Value = serde_json::from_str(&res.body).expect("json");
    page.as_object_mut().expect("object").remove("fetched_at");
    page
}

async fn a_list_cursor_cannot_probe_another_companys_case(db: TestDb) {
    let w = setup(db).await;
    let bert_case = w
        .app
        .state
        .store
        .case_detail(2)
        .await
        .expect("store")
        .expect("Bert's case 00000002");
    let missing = bert_case.id.0 + 1000;
    for sort in [
        "opened", "number", "subject", "account", "contact", "status",
    ] {
        for dir in ["asc", "desc"] {
            let q = |after: i64| {
                format!(
                    "query[view]=all&query[sort]={sort}&query[desc]={}&query[after]={after}",
                    dir == "desc"
                )
            };
            let other = list_json(&w.app, &w.anna, &q(bert_case.id.0)).await;
            let nothing = list_json(&w.app, &w.anna, &q(missing)).await;
            assert_eq!(
                other, nothing,
                "sorted by {sort} {dir}: a cursor naming Bert's case answers like one naming no case"
            );
        }
    }
    // A cursor forged from Bert's case's own values only moves where Anna's list starts.
    let forged = app::backend::store::Cursor {
        value: app::backend::store::SortValue::Text(String::new()),
        id: bert_case.id.0,
    }
    .encode();
    let page = list_json(
        &w.app,
        &w.anna,
        &format!("query[view]=all&query[sort]=subject&query[desc]=false&query[after]={forged}"),
    )
    .await;
    let items = page["items"].as_array().expect("items");
    assert!(!items.is_empty());
    assert!(
        items
            .iter()
            .all(|i| i["account_name"] == "Company of anna@acme.example"),
        "{page}"
    );
}

on_both_backends!(
    a_case_subject_cannot_end_the_page_title_and_run_script,
    a_list_cursor_cannot_probe_another_companys_case,
);
