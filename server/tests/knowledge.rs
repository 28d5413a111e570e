//! The knowledge base through the real router: search by every word in any case and alphabet,
//! published articles only, and support attaching articles to a case that everyone who may see
//! the case then sees; customers cannot attach, and another company's case answers like a
//! missing one.
mod common;

use app::backend::store::NewArticle;
use app::domain::Language;
use app::domain::knowledge::ArticleCategory;
use common::TestDb;
use common::world::{World, call, setup};

/// Published: 1001 (en), 1002 (ru), 1003 (nl); 1004 is an unpublished draft.
/// Anna reads Dutch (the header's switch saves it as her language), so the reader's-language
/// ordering below has something to show.
async fn anna_reads_dutch(w: &World) {
    let switched = w
        .app
        .post_form("/lang", "lang=nl&back=%2F", Some(&w.anna))
        .await;
    assert_eq!(switched.status, 303);
}

async fn with_articles(db: TestDb) -> World {
    let w = setup(db).await;
    let articles = [
        (
            1001,
            "en",
            "Resetting your portal password",
            "Ask for a reset link.",
            true,
        ),
        (
            1002,
            "ru",
            "Как сбросить ПАРОЛЬ портала",
            "Запросите ссылку.",
            true,
        ),
        (
            1003,
            "nl",
            "Planning synchroniseert niet",
            "Meld u opnieuw aan.",
            true,
        ),
        (
            1004,
            "en",
            "Draft: password policy 100%",
            "Not ready.",
            false,
        ),
    ];
    for (number, language, title, summary, published) in articles {
        let added = w
            .app
            .state
            .store
            .insert_article_if_new(&NewArticle {
                number,
                language: Language::from_code(language).expect("a known language"),
                category: ArticleCategory::UserGuides,
                translation_group: None,
                title: title.into(),
                summary: summary.into(),
                body: format!("{title}\n\nThe whole text of article {number}."),
                published,
                updated_at: chrono::Utc::now(),
            })
            .await
            .expect("article");
        assert!(added);
    }
    w
}

async fn search(w: &World, cookie: Option<&str>, q: &str) -> common::Reply {
    let q: String = url::form_urlencoded::byte_serialize(q.as_bytes()).collect();
    let mut headers = vec![("accept", common::world::JSON)];
    if let Some(c) = cookie {
        headers.push(("cookie", c));
    }
    w.app
        .get(&format!("/api/search_articles?q={q}"), &headers)
        .await
}

async fn get(w: &World, path: &str, cookie: &str) -> common::Reply {
    w.app
        .get(path, &[("accept", common::world::JSON), ("cookie", cookie)])
        .await
}

/// The numbers of the articles in a JSON answer, in order.
fn numbers(body: &str) -> Vec<String> {
    let list: serde_json::Value = serde_json::from_str(body).expect("json");
    list.as_array()
        .expect("a list")
        .iter()
        .map(|a| a["number"].as_str().expect("number").to_string())
        .collect()
}

async fn search_needs_every_word_in_any_case_and_alphabet(db: TestDb) {
    let w = with_articles(db).await;
    anna_reads_dutch(&w).await;
    let found = search(&w, Some(&w.anna), "PASSWORD reset").await;
    assert_eq!(found.status, 200, "{}", found.body);
    assert_eq!(
        numbers(&found.body),
        ["000001001"],
        "the draft stays hidden"
    );
    let cyrillic = search(&w, Some(&w.anna), "пароль").await;
    assert_eq!(
        numbers(&cyrillic.body),
        ["000001002"],
        "folded on both databases"
    );
    let both = search(&w, Some(&w.anna), "password missing-word").await;
    assert_eq!(numbers(&both.body), Vec::<String>::new());
    let narrowed = search(&w, Some(&w.anna), "article 1002").await;
    assert_eq!(numbers(&narrowed.body), ["000001002"], "every word counts");
    let all = search(&w, Some(&w.anna), "").await;
    let all = numbers(&all.body);
    assert_eq!(all.len(), 3, "every published article: {all:?}");
    assert_eq!(
        all[0], "000001003",
        "the reader's language (Anna reads Dutch) first"
    );
    let anonymous = search(&w, None, "password").await;
    assert_eq!(anonymous.status, 401);
    w.app.assert_outbox_empty().await;
}

/// Articles for the search's relevance: (number, language, category, title, summary, body).
const CORPUS: &[(i64, &str, ArticleCategory, &str, &str, &str)] = &[
    (
        2001,
        "ru",
        ArticleCategory::UserGuides,
        "Ежемесячные отчёты",
        "Как читать отчёты.",
        "Отчёты приходят первого числа.",
    ),
    (
        2002,
        "ru",
        ArticleCategory::Documentation,
        "Формирование отчета",
        "Шаги.",
        "Откройте раздел и нажмите «Сформировать».",
    ),
    (
        2003,
        "ru",
        ArticleCategory::UserGuides,
        "Печать",
        "Принтер.",
        "Без отчетов и без паролей.",
    ),
    (
        2004,
        "nl",
        ArticleCategory::UserGuides,
        "Wachtwoorden vergeten",
        "Vraag een nieuw wachtwoord aan.",
        "Via het aanmeldscherm.",
    ),
    (
        2005,
        "en",
        ArticleCategory::ReleaseNotes,
        "Release 4.2",
        "What changed.",
        "Resetting a forgotten password is now quicker.",
    ),
    (
        2006,
        "en",
        ArticleCategory::UserGuides,
        "Reset your password",
        "Use the sign-in page.",
        "Choose Forgot password.",
    ),
    (
        2007,
        "en",
        ArticleCategory::TrainingVideos,
        "Printer set-up video",
        "Ten minutes.",
        "Connect the printer, then print a test page.",
    ),
];

async fn with_corpus(db: TestDb) -> World {
    let w = setup(db).await;
    anna_reads_dutch(&w).await;
    let store = &w.app.state.store;
    for (number, language, category, title, summary, body) in CORPUS {
        store
            .insert_article_if_new(&NewArticle {
                number: *number,
                language: Language::from_code(language).expect("a known language"),
                category: *category,
                // The Dutch and the English password articles are versions of one.
                translation_group: [2004, 2006].contains(number).then_some(7),
                title: (*title).into(),
                summary: (*summary).into(),
                body: (*body).into(),
                published: true,
                updated_at: chrono::Utc::now() - chrono::Duration::minutes(*number),
            })
            .await
            .expect("article");
    }
    let printer = store
        .ensure_product("LaserJet 4000", true)
        .await
        .expect("product");
    store
        .link_article_product(2007, printer)
        .await
        .expect("link");
    store
        .link_article_product(2003, printer)
        .await
        .expect("link");
    w
}

/// The numbers (without leading zeros) a search as `cookie` finds, with its filters.
async fn found(w: &World, cookie: &str, query: &str) -> Vec<i64> {
    let res = w
        .app
        .get(
            &format!("/api/search_articles?{query}"),
            &[("accept", common::world::JSON), ("cookie", cookie)],
        )
        .await;
    assert_eq!(res.status, 200, "{query}: {}", res.body);
    numbers(&res.body)
        .iter()
        .map(|n| n.parse().expect("a number"))
        .collect()
}

async fn search_finds_other_forms_ranks_filters_and_marks(db: TestDb) {
    let w = with_corpus(db).await;
    let q = |words: &str| {
        format!(
            "q={}",
            url::form_urlencoded::byte_serialize(words.as_bytes()).collect::<String>()
        )
    };
    // Anna reads Dutch; the order below is by words in the title, then in the summary, then the
    // newest (a lower number here), after her language.
    assert_eq!(
        found(&w, &w.anna, &q("отчёт")).await,
        [2001, 2002, 2003],
        "ё = е, every form"
    );
    assert_eq!(found(&w, &w.anna, &q("отчет")).await, [2001, 2002, 2003]);
    assert_eq!(found(&w, &w.anna, &q("ОТЧЁТЫ")).await, [2001, 2002, 2003]);
    assert_eq!(found(&w, &w.anna, &q("паролей")).await, [2003]);
    assert_eq!(found(&w, &w.anna, &q("wachtwoord")).await, [2004]);
    assert_eq!(
        found(&w, &w.anna, &q("reset")).await,
        [2006, 2005],
        "the title's match first"
    );
    assert_eq!(
        found(&w, &w.anna, &q("resetting passwords")).await,
        [2006, 2005]
    );
    assert_eq!(
        found(&w, &w.anna, &q("reset printer")).await,
        Vec::<i64>::new()
    );
    // Filters: category, language, product; with and without words.
    assert_eq!(
        found(
            &w,
            &w.anna,
            &format!("{}&category=documentation", q("отчёт"))
        )
        .await,
        [2002]
    );
    assert_eq!(
        found(&w, &w.anna, &format!("{}&language=en", q("reset"))).await,
        [2006, 2005]
    );
    assert_eq!(
        found(&w, &w.anna, &format!("{}&language=ru", q("reset"))).await,
        Vec::<i64>::new()
    );
    let printer = w
        .app
        .state
        .store
        .ensure_product("LaserJet 4000", true)
        .await
        .expect("product");
    assert_eq!(
        found(&w, &w.anna, &format!("product={printer}")).await,
        [2003, 2007]
    );
    assert_eq!(
        found(&w, &w.anna, &format!("q=printer&product={printer}")).await,
        [2007]
    );
    assert_eq!(
        found(&w, &w.anna, "category=training_videos&language=en").await,
        [2007]
    );
    // The reader's language first: Anna (Dutch) gets 2004 first of everything, and not its
    // English version (2006): one version of a translated article.
    let all = found(&w, &w.anna, "").await;
    assert_eq!(all.first(), Some(&2004));
    assert!(!all.contains(&2006), "{all:?}");
    // A search only the English version matches finds that one.
    assert_eq!(found(&w, &w.anna, &q("reset your password")).await, [2006]);
    // The pages below are read in English: Anna switches back.
    let back = w
        .app
        .post_form("/lang", "lang=en&back=%2F", Some(&w.anna))
        .await;
    assert_eq!(back.status, 303);
    // An article links to its other languages.
    let page = w
        .app
        .get("/kb/articles/000002006", &[("cookie", &w.anna)])
        .await;
    assert!(
        page.body
            .contains(r#"<a href="/kb/articles/000002004" hreflang="nl" lang="nl">Nederlands</a>"#),
        "{}",
        page.body
    );
    // Words that mean something to FTS5 or to tsquery are only words.
    for hostile in [
        r#""reset"#,
        "reset'",
        "reset*",
        "NEAR(reset",
        "reset OR printer",
        "re:set",
        "!&|()",
        "^reset",
    ] {
        let res = w
            .app
            .get(
                &format!("/api/search_articles?{}", q(hostile)),
                &[("accept", common::world::JSON), ("cookie", &w.anna)],
            )
            .await;
        assert_eq!(res.status, 200, "{hostile}: {}", res.body);
    }
    assert_eq!(
        found(&w, &w.anna, &q("reset OR printer")).await,
        Vec::<i64>::new(),
        "OR is a word"
    );
    // Matches are marked in the title and in the snippet (the body's, when the summary has none).
    let res = w
        .app
        .get(
            &format!("/api/search_articles?{}", q("reset")),
            &[("accept", common::world::JSON), ("cookie", &w.anna)],
        )
        .await;
    let list: serde_json::Value = serde_json::from_str(&res.body).expect("json");
    let hits = |field: &str, i: usize| -> Vec<String> {
        list[i][field]
            .as_array()
            .expect("pieces")
            .iter()
            .filter(|m| m["hit"] == true)
            .map(|m| m["text"].as_str().expect("text").to_string())
            .collect()
    };
    assert_eq!(hits("title_marked", 0), ["Reset"]);
    assert_eq!(hits("snippet", 1), ["Resetting"], "the release note's body");
    // The page shows them with <mark>, and offers the filters with their labels.
    let page = w.app.get("/kb?q=reset", &[("cookie", &w.agent)]).await;
    let html = &page.body;
    assert!(html.contains("<mark>Reset</mark> your password"), "{html}");
    assert!(
        html.contains("<mark>Resetting</mark> a forgotten"),
        "{html}"
    );
    for label in [
        "Category",
        "Article language",
        "Product",
        "LaserJet 4000",
        "Release notes",
    ] {
        assert!(page.text().contains(label), "{label}");
    }
    assert!(
        !html.contains("Browse by category"),
        "a search shows results, not the sections"
    );
    // Without words or filters, the sections and products to browse, each with its link.
    let home = w.app.get("/kb", &[("cookie", &w.anna)]).await;
    let text = home.text();
    assert!(text.contains("Browse by category"), "{text}");
    assert!(home.body.contains(r#"href="/kb?category=documentation""#));
    assert!(
        text.contains(r#"User guides</a> <span class="kb-browse__count">(4)</span>"#),
        "{text}"
    );
    assert!(
        home.body.contains(r#"<a href="/kb?category=user_guides">"#),
        "no section's link claims to be the page (aria-current)"
    );
    assert!(
        text.contains(r#"Training videos</a> <span class="kb-browse__count">(1)</span>"#),
        "{text}"
    );
    assert!(text.contains("Browse by product"), "{text}");
    assert!(
        home.body
            .contains(&format!(r#"href="/kb?product={printer}""#))
    );
    w.app.assert_outbox_empty().await;
}

async fn articles_open_by_number_and_drafts_do_not(db: TestDb) {
    let w = with_articles(db).await;
    let page = w
        .app
        .get("/kb/articles/000001002", &[("cookie", &w.bert)])
        .await;
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(text.contains("Как сбросить ПАРОЛЬ портала"), "{text}");
    assert!(text.contains("The whole text of article 1002."));
    assert!(
        text.contains(r#"lang="ru""#),
        "the article's language is marked"
    );
    let draft = get(&w, "/api/get_article?number=1004", &w.anna).await;
    let missing = get(&w, "/api/get_article?number=9999", &w.anna).await;
    let garbage = get(&w, "/api/get_article?number=x1", &w.anna).await;
    assert_eq!(draft.status, 404);
    assert_eq!(draft.body, missing.body);
    assert_eq!(garbage.status, 404);
    let results = w.app.get("/kb?q=whole+TEXT", &[("cookie", &w.anna)]).await;
    let text = results.text();
    assert!(text.contains("Articles found: 3"), "{text}");
    assert!(text.contains(r#"href="/kb/articles/000001001""#));
    assert!(!text.contains("Draft"));
    w.app.assert_outbox_empty().await;
}

async fn attach(w: &World, cookie: &str, case: &str, article: &str) -> common::Reply {
    call(
        &w.app,
        "/api/attach_article",
        &format!("number={case}&article={article}"),
        Some(cookie),
    )
    .await
}

async fn support_attaches_articles_everyone_on_the_case_sees_them(db: TestDb) {
    let w = with_articles(db).await;
    let res = attach(&w, &w.agent, "00000001", "000001001").await;
    assert_eq!(res.status, 200, "{}", res.body);
    let again = attach(&w, &w.agent, "00000001", "1001").await;
    assert_eq!(numbers(&again.body), ["000001001"], "attached once");
    let res = attach(&w, &w.admin, "00000001", "1002").await;
    assert_eq!(numbers(&res.body), ["000001001", "000001002"]);

    for cookie in [&w.anna, &w.carl] {
        let case = call(&w.app, "/api/get_case", "number=00000001", Some(cookie)).await;
        assert!(
            case.body.contains("Resetting your portal password"),
            "{}",
            case.body
        );
        assert!(case.body.contains(r#""can_attach_articles":false"#));
    }
    let page = w.app.get("/cases/00000001", &[("cookie", &w.anna)]).await;
    let text = page.text();
    assert!(text.contains("Articles (2)"), "{text}");
    assert!(text.contains(r#"href="/kb/articles/000001002""#));
    assert!(
        !text.contains("Attach article"),
        "customers get no attach form"
    );

    for bad in ["", "abc", "9999", "1004"] {
        let res = attach(&w, &w.agent, "00000001", bad).await;
        assert_eq!(res.status, 422, "{bad:?}: {}", res.body);
        let key = if bad.is_empty() {
            "error_article_required"
        } else {
            "error_article_unknown"
        };
        assert!(res.body.contains(key), "{bad:?}: {}", res.body);
    }

    let res = call(
        &w.app,
        "/api/detach_article",
        "number=00000001&article=000001001",
        Some(&w.agent),
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(numbers(&res.body), ["000001002"]);

    // The history tells staff who attached and removed what; the repeated attach left no entry.
    let case = call(&w.app, "/api/get_case", "number=00000001", Some(&w.agent)).await;
    let page: serde_json::Value = serde_json::from_str(&case.body).expect("JSON");
    let entries: Vec<(String, String)> = page["desk"]["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter(|e| e["kind"].as_str().is_some_and(|k| k.starts_with("article")))
        .map(|e| {
            (
                format!(
                    "{} by {}",
                    e["kind"].as_str().expect("kind"),
                    e["actor_name"]
                ),
                e["new_value"].as_str().expect("value").to_string(),
            )
        })
        .collect();
    let agent = r#"article_attached by "Anna de Boer""#;
    assert_eq!(
        entries,
        [
            (
                agent.into(),
                "000001001 Resetting your portal password".into()
            ),
            (agent.into(), "000001002 Как сбросить ПАРОЛЬ портала".into()),
            (
                r#"article_removed by "Anna de Boer""#.into(),
                "000001001 Resetting your portal password".into()
            ),
        ]
    );
    let page = w.app.get("/cases/00000001", &[("cookie", &w.agent)]).await;
    assert!(
        page.text()
            .contains("Article removed: 000001001 Resetting your portal password"),
        "the timeline on the case page"
    );
    w.app.assert_outbox_empty().await;
}

async fn customers_cannot_attach_and_other_companies_see_nothing(db: TestDb) {
    let w = with_articles(db).await;
    assert_eq!(attach(&w, &w.agent, "00000001", "1001").await.status, 200);
    let own = attach(&w, &w.anna, "00000001", "1002").await;
    assert_eq!(own.status, 403);
    let other = attach(&w, &w.bert, "00000001", "1002").await;
    let missing = attach(&w, &w.bert, "00009999", "1002").await;
    // Refused before the case is read: alike for own, other and missing cases.
    assert_eq!(other.status, 403);
    assert_eq!(other.body, missing.body);
    let detach = call(
        &w.app,
        "/api/detach_article",
        "number=00000001&article=1001",
        Some(&w.bert),
    )
    .await;
    assert_eq!(detach.status, 403);
    let detach = call(
        &w.app,
        "/api/detach_article",
        "number=00000001&article=1001",
        Some(&w.anna),
    )
    .await;
    assert_eq!(detach.status, 403);
    let case = call(&w.app, "/api/get_case", "number=00000001", Some(&w.agent)).await;
    assert!(
        case.body.contains("Resetting your portal password") && !case.body.contains("Как сбросить"),
        "nothing changed: {}",
        case.body
    );
    w.app.assert_outbox_empty().await;
}

async fn attaching_works_without_javascript(db: TestDb) {
    let w = with_articles(db).await;
    let wrong = w
        .app
        .post_form(
            "/api/attach_article",
            "number=00000001&article=9999",
            Some(&w.agent),
        )
        .await;
    assert!(wrong.status.is_redirection(), "{}", wrong.status);
    assert_eq!(
        wrong.header("location"),
        "/cases/00000001?error=article%3Aerror_article_unknown#articles",
        "the error goes in the query, before the fragment"
    );
    let page = w
        .app
        .get(
            "/cases/00000001?error=article%3Aerror_article_unknown",
            &[("cookie", &w.agent)],
        )
        .await;
    assert!(
        page.text()
            .contains("No published article has this number.")
    );
    let done = w
        .app
        .post_form(
            "/api/attach_article",
            "number=00000001&article=1003",
            Some(&w.agent),
        )
        .await;
    assert_eq!(
        done.header("location"),
        "/cases/00000001?attached=1#articles"
    );
    let page = w
        .app
        .get("/cases/00000001?attached=1", &[("cookie", &w.agent)])
        .await;
    assert!(page.text().contains("Planning synchroniseert niet"));
    assert!(
        page.text().contains("Article attached."),
        "the page says it was attached"
    );
    w.app.assert_outbox_empty().await;
}

on_both_backends!(
    search_finds_other_forms_ranks_filters_and_marks,
    search_needs_every_word_in_any_case_and_alphabet,
    articles_open_by_number_and_drafts_do_not,
    support_attaches_articles_everyone_on_the_case_sees_them,
    customers_cannot_attach_and_other_companies_see_nothing,
    attaching_works_without_javascript,
);
