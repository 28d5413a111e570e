//! Store contract: one scenario per area, run on SQLite and on PostgreSQL.
mod common;

use app::backend::demo;
use app::backend::store::{self, NewAccount, NewCase, NewUser, Store, StoreError};
use app::domain::knowledge::ArticleCategory;
use app::domain::{CaseNumber, CaseOrigin, Language, Role};
use common::TestDb;
use std::collections::BTreeSet;
use std::sync::Arc;

async fn open(db: &TestDb) -> Arc<Store> {
    let store = Arc::new(store::Store::connect(&db.url).await.expect("connect"));
    store.migrate().await.expect("migrate");
    store
}

async fn company(store: &Store, name: &str) -> app::domain::AccountId {
    let account = NewAccount {
        name: name.into(),
        phone: "+31 20 000".into(),
        country: "Netherlands".into(),
        portal_contact_limit: 3,
    };
    store
        .insert_account(&account)
        .await
        .expect("insert account")
}

fn customer(email: &str, account: app::domain::AccountId) -> NewUser {
    NewUser {
        email: email.into(),
        name: "Anna de Boer".into(),
        phone: String::new(),
        role: Role::Customer,
        language: Language::Nl,
        account_id: Some(account),
        active: true,
        password_hash: None,
    }
}

async fn migrations_are_idempotent(db: TestDb) {
    let store = open(&db).await;
    store.migrate().await.expect("second migrate is a no-op");
    store.ping().await.expect("ping");
    common::assert_nothing_queued(store.as_ref()).await;
}

async fn accounts_and_users_round_trip(db: TestDb) {
    let store = open(&db).await;
    let acme = company(store.as_ref(), "Acme Repair").await;
    let found = store
        .find_account_by_name("ACME repair")
        .await
        .expect("find")
        .expect("case-insensitive match");
    assert_eq!(found.id, acme);
    assert_eq!(found.portal_contact_limit, 3);
    assert!(matches!(
        store
            .insert_account(&NewAccount {
                name: "acme REPAIR".into(),
                phone: String::new(),
                country: String::new(),
                portal_contact_limit: 3
            })
            .await,
        Err(StoreError::Conflict { .. })
    ));

    let id = store
        .insert_user(&customer("anna@acme.example", acme))
        .await
        .expect("insert user");
    let anna = store
        .find_user_by_email("anna@acme.example")
        .await
        .expect("find")
        .expect("exists");
    assert_eq!(
        (
            anna.id,
            anna.role.code(),
            anna.language.code(),
            anna.account_id
        ),
        (id, "customer", "nl", Some(acme))
    );
    assert!(anna.active);
    assert!(
        matches!(
            store
                .insert_user(&customer("anna@acme.example", acme))
                .await,
            Err(StoreError::Conflict { .. })
        ),
        "the email is the username: unique"
    );
    let staff_with_company = NewUser {
        role: Role::Agent,
        ..customer("agent@portico.example", acme)
    };
    assert!(
        store.insert_user(&staff_with_company).await.is_err(),
        "staff belong to no company"
    );
    assert!(
        store
            .find_user_by_email("nobody@acme.example")
            .await
            .expect("find")
            .is_none()
    );
    common::assert_nothing_queued(store.as_ref()).await;
}

async fn products_are_added_once(db: TestDb) {
    let store = open(&db).await;
    let a = store.ensure_product("Qapter", true).await.expect("add");
    let b = store.ensure_product("qapter", true).await.expect("again");
    assert_eq!(a, b);
    assert_eq!(store.count_products().await.expect("count"), 1);
    common::assert_nothing_queued(store.as_ref()).await;
}

async fn fifty_concurrent_cases_get_fifty_distinct_numbers_without_gaps(db: TestDb) {
    let store = open(&db).await;
    let acme = company(store.as_ref(), "Acme Repair").await;
    let contact = store
        .insert_user(&customer("anna@acme.example", acme))
        .await
        .expect("user");
    let product = store
        .ensure_product("Qapter claims", true)
        .await
        .expect("product");
    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let store = Arc::clone(&store);
            tokio::spawn(async move {
                let case = NewCase {
                    subject: format!("Report {i} does not build"),
                    description: "Steps to reproduce ...".into(),
                    product_id: Some(product),
                    country: "Netherlands".into(),
                    origin: CaseOrigin::Web,
                    account_id: acme,
                    contact_id: contact,
                    uploader: contact,
                    opened_at: chrono::Utc::now(),
                    thread_token: format!("t{i}"),
                    attachments: Vec::new(),
                    from_mail: None,
                };
                store
                    .insert_case(&case, &[], None)
                    .await
                    .expect("insert case")
            })
        })
        .collect();
    let mut rows = Vec::new();
    for t in tasks {
        rows.push(t.await.expect("task"));
    }
    let numbers: BTreeSet<i64> = rows.iter().map(|r| r.number.0).collect();
    assert_eq!(numbers.len(), 50, "no duplicates");
    assert_eq!(
        numbers.iter().copied().collect::<Vec<_>>(),
        (1..=50).collect::<Vec<_>>(),
        "no gaps"
    );
    // SQLite writes one creation at a time, so numbers follow insert order exactly. PostgreSQL's
    // sequence hands numbers out without a lock: two creations running side by side may insert
    // in the other order than they drew their numbers (unique and without gaps all the same).
    if store.backend() == app::backend::store::Backend::Sqlite {
        let mut by_id = rows.clone();
        by_id.sort_by_key(|r| r.id);
        assert!(
            by_id.windows(2).all(|w| w[0].number < w[1].number),
            "numbers follow creation order"
        );
    }
    let first_id = rows.iter().find(|r| r.number.0 == 1).expect("number 1").id;
    let first = store.get_case(first_id).await.expect("get");
    assert_eq!(first.number, CaseNumber(1));
    assert_eq!(first.number.to_string(), "00000001");
    assert_eq!((first.status.code(), first.origin.code()), ("new", "web"));
    assert!(first.closed_at.is_none());
    assert!(matches!(
        store.get_case(app::domain::CaseId(999_999)).await,
        Err(StoreError::NotFound)
    ));
    // A list counts its cases up to a cap and one more ("cap+ items"), never further.
    let filter = store::CaseListFilter::scoped(store::Scope::Company(acme));
    assert_eq!(store.count_cases(&filter, 100).await.expect("count"), 50);
    assert_eq!(store.count_cases(&filter, 50).await.expect("count"), 50);
    assert_eq!(store.count_cases(&filter, 10).await.expect("count"), 11);

    // After 99999999 there is no eight-digit number left: the creation is refused, nothing is
    // written, on either database's way of counting.
    if let Some(pool) = store.sqlite_pool() {
        sqlx::query("UPDATE counters SET value = 99999999 WHERE name = 'case_number'")
            .execute(pool)
            .await
            .expect("counter");
    }
    if let Some(pool) = store.postgres_pool() {
        sqlx::query("SELECT setval('case_numbers', 99999999)")
            .execute(pool)
            .await
            .expect("sequence");
    }
    let last = NewCase {
        subject: "One too many".into(),
        description: String::new(),
        product_id: None,
        country: String::new(),
        origin: CaseOrigin::Web,
        account_id: acme,
        contact_id: contact,
        uploader: contact,
        opened_at: chrono::Utc::now(),
        thread_token: "t-last".into(),
        attachments: Vec::new(),
        from_mail: None,
    };
    assert!(matches!(
        store.insert_case(&last, &[], None).await,
        Err(StoreError::CaseNumbersExhausted)
    ));
    assert_eq!(store.count_cases(&filter, 100).await.expect("count"), 50);
    common::assert_nothing_queued(store.as_ref()).await;
}

async fn demo_seed_is_complete_and_idempotent(db: TestDb) {
    let store = open(&db).await;
    let blobs = app::backend::uploads::LocalBlobStore::new(db.dir()).expect("blobs");
    // An article of an earlier demo seed that described a reset flow Portico does not have.
    store
        .insert_article_if_new(&store::NewArticle {
            number: 1001,
            language: app::domain::Language::En,
            category: app::domain::knowledge::ArticleCategory::UserGuides,
            translation_group: None,
            title: "Resetting your portal password".into(),
            summary: String::new(),
            body: "We send a link that is valid for one hour.".into(),
            published: true,
            updated_at: chrono::Utc::now(),
        })
        .await
        .expect("old article");
    let first = demo::seed_demo(store.as_ref(), &blobs, true)
        .await
        .expect("seed");
    assert_eq!(
        (first.accounts_added, first.users_added, first.cases_added),
        (3, 8, 36)
    );
    // Every status is there, with the history, files and survey answers a newcomer can explore.
    let all = store::CaseListFilter::scoped(store::Scope::All);
    assert_eq!(store.count_cases(&all, 100).await.expect("count"), 36);
    for status in app::domain::CaseStatus::ALL {
        let mut only = all.clone();
        only.status = Some(*status);
        let n = store.count_cases(&only, 100).await.expect("count");
        assert!(n > 0, "no demo case is {status:?}");
    }
    let closed = store.case_detail(1).await.expect("case").expect("case 1");
    assert_eq!(closed.status, app::domain::CaseStatus::Closed);
    let surveys = store.case_surveys(closed.id).await.expect("surveys");
    assert!(surveys[0].rating.is_some(), "{surveys:?}");
    let history = store.case_events(closed.id, true).await.expect("history");
    assert!(history.len() >= 8, "{history:?}");
    let file = store.case_attachments(closed.id).await.expect("files");
    assert_eq!(file[0].file_name, "error-log.txt");
    assert!(
        first.products >= 40,
        "a few dozen products, got {}",
        first.products
    );
    for name in demo::SEED_PRODUCTS {
        let again = store.ensure_product(name, true).await.expect("lookup");
        assert!(again.0 > 0);
    }
    // A few dozen articles per language, in every category, telling how Portico works; the old
    // article is gone.
    assert_eq!(first.articles, 72);
    assert!(store.published_article(1001).await.expect("read").is_none());
    for (language, category) in [
        (app::domain::Language::En, ArticleCategory::UserGuides),
        (app::domain::Language::Ru, ArticleCategory::TrainingVideos),
        (app::domain::Language::Nl, ArticleCategory::ReleaseNotes),
        (app::domain::Language::Ru, ArticleCategory::Documentation),
    ] {
        let search = app::backend::search::Search::default();
        let found = store
            .search_articles(&store::ArticleSearch {
                search: &search,
                reader: language,
                category: Some(category),
                language: Some(language),
                product: None,
                limit: 50,
            })
            .await
            .expect("search");
        assert!(
            found.len() >= 4,
            "{language:?} {category:?}: {}",
            found.len()
        );
    }
    let reset = store
        .published_article(1021)
        .await
        .expect("read")
        .expect("1021");
    assert!(reset.body.contains("24 hours"), "{}", reset.body);
    let qapter = store
        .ensure_product("Qapter claims", true)
        .await
        .expect("product");
    assert!(
        store
            .article_products()
            .await
            .expect("products")
            .iter()
            .any(|(id, _)| *id == qapter)
    );
    let second = demo::seed_demo(store.as_ref(), &blobs, true)
        .await
        .expect("seed again");
    assert_eq!(
        (
            second.accounts_added,
            second.users_added,
            second.products,
            second.cases_added
        ),
        (0, 0, first.products, 0)
    );
    let roles: BTreeSet<String> = {
        let mut r = BTreeSet::new();
        for login in demo::demo_logins() {
            let user = store
                .find_user_by_email(login.email)
                .await
                .expect("find")
                .expect("seeded");
            assert!(
                user.password_hash
                    .as_deref()
                    .is_some_and(|h| h.starts_with("$argon2id$"))
            );
            r.insert(user.role.code().to_string());
        }
        r
    };
    assert_eq!(
        roles.into_iter().collect::<Vec<_>>(),
        ["admin", "agent", "customer"]
    );
    common::assert_nothing_queued(store.as_ref()).await;
}

on_both_backends!(
    migrations_are_idempotent,
    accounts_and_users_round_trip,
    products_are_added_once,
    fifty_concurrent_cases_get_fifty_distinct_numbers_without_gaps,
    demo_seed_is_complete_and_idempotent,
);

/// The queue's open cases come from their partial index in order, without sorting: SQLite took the
/// status index and sorted every open case for a `status IN (…)` term (75 ms at a million cases),
/// with or without ANALYZE. A status for one person (or nobody) is counted from an index alone.
/// The SQL is the store's (`store::case_list`), as the queue's first page and one tab's count ask.
#[tokio::test]
async fn sqlite_reads_the_open_queue_from_its_index_in_order() {
    let db = TestDb::sqlite();
    let store = open(&db).await;
    let acme = company(&store, "Acme").await;
    let anna = store
        .insert_user(&customer("anna@acme.example", acme))
        .await
        .expect("user");
    let pool = store.sqlite_pool().expect("sqlite");
    // A desk that has run a while: 50,000 cases, 92 % of them closed.
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000) \
         INSERT INTO cases (number, subject, account_id, contact_id, opened_at, updated_at, status) \
         SELECT i, 'Case ' || i, $1, $2, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', '-' || i || ' seconds'), \
         strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', '-' || i || ' seconds'), \
         CASE WHEN i % 100 < 92 THEN 'closed' WHEN i % 100 < 95 THEN 'new' ELSE 'in_progress' END FROM n",
    )
    .bind(acme.0)
    .bind(anna.0)
    .execute(pool)
    .await
    .expect("cases");
    let plan = |sql: String| async move {
        let rows: Vec<(i64, i64, i64, String)> =
            sqlx::query_as(&format!("EXPLAIN QUERY PLAN {sql}"))
                .fetch_all(pool)
                .await
                .expect("plan");
        rows.into_iter().map(|r| r.3).collect::<Vec<_>>().join("\n")
    };
    for analyzed in [false, true] {
        if analyzed {
            sqlx::query("ANALYZE").execute(pool).await.expect("analyze");
        }
        let page = plan(
            "SELECT c.id FROM cases c LEFT JOIN accounts a ON a.id = c.account_id \
             LEFT JOIN users u ON u.id = c.contact_id LEFT JOIN users s ON s.id = c.assignee_id \
             WHERE 1 = 1 AND c.is_open = TRUE ORDER BY c.updated_at DESC, c.id DESC LIMIT 51"
                .into(),
        )
        .await;
        assert!(page.contains("cases_open_updated_idx"), "{page}");
        assert!(!page.contains("TEMP B-TREE"), "no sort: {page}");
        // A tab's count stops one past the cap, as the store asks it.
        let limit = app::domain::case_list::COUNT_CAP + 1;
        let count = plan(format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM cases c WHERE 1 = 1 AND c.status = 'new' \
             AND c.assignee_id IS NULL LIMIT {limit}) AS counted"
        ))
        .await;
        assert!(
            count.contains("COVERING INDEX cases_status_assignee_idx"),
            "{count}"
        );
        let count = plan(format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM cases c WHERE 1 = 1 AND c.status = 'new' \
             AND c.priority = 3 LIMIT {limit}) AS counted"
        ))
        .await;
        assert!(
            count.contains("COVERING INDEX cases_status_priority_idx"),
            "{count}"
        );
    }
}

#[test]
fn both_backends_have_the_same_migrations() {
    let (sqlite, postgres) = store::migration_names();
    assert!(!sqlite.is_empty());
    assert_eq!(
        sqlite, postgres,
        "every migration exists in migrations/sqlite and migrations/postgres"
    );
}
