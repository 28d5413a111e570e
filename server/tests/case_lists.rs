//! Case list views through the real router: who sees which cases in "My cases", "All cases" and
//! "Recently viewed", sorting, the status filter, search, keyset pages, and the no-JS page.
mod common;

use app::backend::store::NewCase;
use app::domain::{CaseOrigin, Role, UserId};
use common::{Reply, TestApp, TestDb};

const PASSWORD: &str = "correct horse battery";
const JSON: &str = "application/json";

struct World {
    app: TestApp,
    anna: String,
    carl: String,
    bert: String,
    agent: String,
}

async fn open(app: &TestApp, contact: UserId, subject: &str, minutes_ago: i64) {
    let user = app.state.store.get_user(contact).await.expect("user");
    let case = NewCase {
        subject: subject.into(),
        description: String::new(),
        product_id: None,
        country: String::new(),
        origin: CaseOrigin::Web,
        account_id: user.account_id.expect("customer"),
        contact_id: contact,
        uploader: contact,
        opened_at: chrono::Utc::now() - chrono::Duration::minutes(minutes_ago),
        thread_token: app::backend::auth::new_token()[..12].to_string(),
        attachments: Vec::new(),
        from_mail: None,
    };
    app.state
        .store
        .insert_case(&case, &[], None)
        .await
        .expect("case");
}

/// Anna and Carl at Acme, Bert elsewhere, an agent. Cases (oldest first): Anna 1 "Printer jams",
/// Carl 2 "Paint module", Anna 3 "printer offline", Bert 4 "Bert's secret", Carl 5 "Audit log".
async fn setup(db: TestDb) -> World {
    let app = TestApp::new(db).await;
    let anna = app
        .add_user("anna@acme.example", Role::Customer, PASSWORD)
        .await;
    let carl = app
        .add_colleague("carl@acme.example", "Carl Acme", "anna@acme.example")
        .await;
    let bert = app
        .add_user("bert@other.example", Role::Customer, PASSWORD)
        .await;
    app.add_user("agent@vendor.example", Role::Agent, PASSWORD)
        .await;
    for (who, subject, ago) in [
        (anna, "Printer jams", 50),
        (carl, "Paint module", 40),
        (anna, "printer offline", 30),
        (bert, "Bert's secret", 20),
        (carl, "Audit log", 10),
    ] {
        open(&app, who, subject, ago).await;
    }
    World {
        anna: app.sign_in("anna@acme.example", PASSWORD).await,
        carl: app.sign_in("carl@acme.example", PASSWORD).await,
        bert: app.sign_in("bert@other.example", PASSWORD).await,
        agent: app.sign_in("agent@vendor.example", PASSWORD).await,
        app,
    }
}

async fn list(app: &TestApp, cookie: &str, query: &str) -> (Reply, serde_json::Value) {
    let reply = app
        .get(
            &format!("/api/list_cases?{query}"),
            &[("cookie", cookie), ("accept", JSON)],
        )
        .await;
    let value = serde_json::from_str(&reply.body).unwrap_or(serde_json::Value::Null);
    (reply, value)
}

fn subjects(page: &serde_json::Value) -> Vec<String> {
    page["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| i["subject"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

async fn each_view_shows_whose_cases_it_should(db: TestDb) {
    let w = setup(db).await;
    let (_, mine) = list(&w.app, &w.anna, "query[view]=mine").await;
    assert_eq!(
        subjects(&mine),
        ["printer offline", "Printer jams"],
        "newest first"
    );
    assert_eq!(mine["total"], 2);
    let (_, all) = list(&w.app, &w.anna, "query[view]=all").await;
    assert_eq!(
        subjects(&all),
        [
            "Audit log",
            "printer offline",
            "Paint module",
            "Printer jams"
        ],
        "the company's cases, never another company's"
    );
    let (_, carl_mine) = list(&w.app, &w.carl, "query[view]=mine").await;
    assert_eq!(subjects(&carl_mine), ["Audit log", "Paint module"]);
    let (_, bert_all) = list(&w.app, &w.bert, "query[view]=all").await;
    assert_eq!(subjects(&bert_all), ["Bert's secret"]);
    let (_, staff_all) = list(&w.app, &w.agent, "query[view]=all").await;
    assert_eq!(staff_all["total"], 5, "staff see every company");
    let (anonymous, _) = list(&w.app, "", "query[view]=all").await;
    assert_eq!(anonymous.status, 401);

    // Recently viewed: opening a case page puts it there; another company's case does not.
    assert_eq!(
        w.app
            .get("/cases/00000001", &[("cookie", &w.anna)])
            .await
            .status,
        200
    );
    assert_eq!(
        w.app
            .get("/cases/00000004", &[("cookie", &w.anna)])
            .await
            .status,
        404
    );
    let (_, recent) = list(&w.app, &w.anna, "query[view]=recent").await;
    assert_eq!(subjects(&recent), ["Printer jams"]);
    w.app.assert_outbox_empty().await;
}

async fn sort_filter_and_search_narrow_the_list(db: TestDb) {
    let w = setup(db).await;
    let (_, by_subject) = list(
        &w.app,
        &w.anna,
        "query[view]=all&query[sort]=subject&query[desc]=false",
    )
    .await;
    assert_eq!(
        subjects(&by_subject),
        [
            "Audit log",
            "Paint module",
            "Printer jams",
            "printer offline"
        ],
        "A to Z, regardless of case"
    );
    let (_, by_contact) = list(
        &w.app,
        &w.anna,
        "query[view]=all&query[sort]=contact&query[desc]=true",
    )
    .await;
    let contacts: Vec<&str> = by_contact["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["contact_name"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(contacts[0], "Carl Acme");
    let (_, search) = list(&w.app, &w.anna, "query[view]=all&query[q]=PRINTER").await;
    assert_eq!(subjects(&search), ["printer offline", "Printer jams"]);
    let (_, by_number) = list(&w.app, &w.anna, "query[view]=all&query[q]=00000002").await;
    assert_eq!(subjects(&by_number), ["Paint module"]);
    let (_, other) = list(&w.app, &w.anna, "query[view]=all&query[q]=4").await;
    assert_eq!(
        subjects(&other),
        Vec::<String>::new(),
        "another company's number finds nothing"
    );
    let (_, new) = list(&w.app, &w.anna, "query[view]=all&query[status]=new").await;
    assert_eq!(new["total"], 4);
    let (_, closed) = list(&w.app, &w.anna, "query[view]=all&query[status]=closed").await;
    assert_eq!(closed["total"], 0);
    w.app.assert_outbox_empty().await;
}

async fn pages_follow_each_other_without_gaps_or_repeats(db: TestDb) {
    let w = setup(db).await;
    let anna = w
        .app
        .state
        .store
        .find_user_by_email("anna@acme.example")
        .await
        .expect("store")
        .expect("anna")
        .id;
    for i in 0..118 {
        // Same opening minute for many: the id breaks ties.
        open(&w.app, anna, &format!("Bulk {:03}", i), 5 + i / 10).await;
    }
    let mut seen = Vec::new();
    let mut after = String::new();
    for page in 0.. {
        let (_, p) = list(&w.app, &w.anna, &format!("query[view]=mine{after}")).await;
        assert_eq!(p["total"], 120);
        let items = p["items"].as_array().expect("items");
        assert!(items.len() <= 50);
        seen.extend(items.iter().map(|i| i["number"].as_i64().expect("number")));
        match p["next_after"].as_str() {
            Some(next) => after = format!("&query[after]={next}"),
            None => {
                assert_eq!(page, 2, "three pages of 50, 50 and 20");
                break;
            }
        }
    }
    assert_eq!(seen.len(), 120);
    let mut unique = seen.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), 120, "no case twice");
    w.app.assert_outbox_empty().await;
}

async fn the_page_works_without_javascript(db: TestDb) {
    let w = setup(db).await;
    let page = w
        .app
        .get(
            "/cases?view=all&sort=subject&dir=asc&q=printer",
            &[("cookie", &w.anna)],
        )
        .await;
    assert_eq!(page.status, 200);
    let text = page.text();
    let jams = text.find("Printer jams").expect("jams listed");
    let offline = text.find("printer offline").expect("offline listed");
    assert!(jams < offline, "sorted by subject");
    assert!(!text.contains("Paint module"), "search applied");
    assert!(!text.contains("Bert&#x27;s secret") && !text.contains("Bert's secret"));
    assert!(text.contains(r#"aria-sort="ascending""#));
    assert!(
        text.contains("2 items · Sorted by Subject · Filtered by “printer”"),
        "{text}"
    );
    assert!(
        text.contains(r#"href="/cases?view=all&amp;sort=subject&amp;dir=desc&amp;q=printer""#)
            || text.contains(r#"href="/cases?view=all&sort=subject&dir=desc&q=printer""#),
        "a second click turns the order round"
    );
    // Only the view shown is the current one: the tabs, the column headers and the page links
    // all lead to /cases, and only one of them is this page.
    let tabs_start = text.find(r#"class="view-tabs""#).expect("the view tabs");
    let tabs = &text[tabs_start..tabs_start + text[tabs_start..].find("</nav>").expect("end")];
    assert_eq!(tabs.matches(r#"aria-current="page""#).count(), 1, "{tabs}");
    let current = tabs
        .split("<a ")
        .find(|a| a.contains(r#"aria-current="page""#))
        .expect("the current tab");
    assert!(current.contains("All cases"), "{current}");
    let main = &text[text.find("<main").expect("main")..];
    assert_eq!(
        main.matches(r#"aria-current="page""#).count(),
        1,
        "nothing else in the page claims to be it"
    );
    w.app.assert_outbox_empty().await;
}

/// Another writer holds the database's write lock (SQLite: one writer at a time; PostgreSQL: the
/// views table locked) while Anna opens her case page: the page still answers, because noting the
/// view writes nothing on the request; once the lock is gone, "Recently viewed" has the case.
async fn a_case_page_waits_for_no_database_write(db: TestDb) {
    let w = setup(db).await;
    let url = w.app.db.url.clone();
    let (locked_tx, locked_rx) = tokio::sync::oneshot::channel();
    let (release_tx, release_rx) = tokio::sync::oneshot::channel::<()>();
    let holder = tokio::spawn(async move {
        use sqlx::Connection;
        if url.starts_with("sqlite") {
            let mut conn = sqlx::SqliteConnection::connect(&url)
                .await
                .expect("connect");
            sqlx::query("BEGIN IMMEDIATE")
                .execute(&mut conn)
                .await
                .expect("lock");
            let _ = locked_tx.send(());
            let _ = release_rx.await;
            sqlx::query("COMMIT")
                .execute(&mut conn)
                .await
                .expect("unlock");
        } else {
            let mut conn = sqlx::PgConnection::connect(&url).await.expect("connect");
            let mut tx = conn.begin().await.expect("begin");
            sqlx::query("LOCK TABLE case_views IN EXCLUSIVE MODE")
                .execute(&mut *tx)
                .await
                .expect("lock");
            let _ = locked_tx.send(());
            let _ = release_rx.await;
            tx.commit().await.expect("unlock");
        }
    });
    locked_rx.await.expect("the lock is held");
    // A guard, not a benchmark: before, this request waited for the lock (SQLite gave up after
    // its 10 s busy timeout with a 500; PostgreSQL waited for as long as the lock was held).
    let page = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        w.app.get("/cases/00000001", &[("cookie", &w.anna)]),
    )
    .await
    .expect("the case page answers while another writer holds the lock");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Printer jams"), "{}", page.body);
    release_tx.send(()).expect("release");
    holder.await.expect("lock holder");
    let (_, recent) = list(&w.app, &w.anna, "query[view]=recent").await;
    assert_eq!(subjects(&recent), ["Printer jams"]);
    w.app.assert_outbox_empty().await;
}

on_both_backends!(
    a_case_page_waits_for_no_database_write,
    each_view_shows_whose_cases_it_should,
    sort_filter_and_search_narrow_the_list,
    pages_follow_each_other_without_gaps_or_repeats,
    the_page_works_without_javascript,
);
