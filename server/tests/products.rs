//! The product catalog: admins add, rename, switch off and on, and import a list after its
//! preview, with plain forms (as every page posts); the case form's autocomplete follows at once;
//! agents, customers and strangers can change none of it. Every scenario runs on SQLite and
//! PostgreSQL.
mod common;

use common::{TestApp, TestDb};

const JSON: &str = "application/json";

async fn suggestions(app: &TestApp, q: &str, cookie: &str) -> Vec<String> {
    let res = app
        .get(
            &format!("/api/search_products?q={q}"),
            &[("cookie", cookie), ("accept", JSON)],
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let options: Vec<serde_json::Value> = serde_json::from_str(&res.body).expect("json");
    options
        .iter()
        .map(|o| o["name"].as_str().expect("name").to_string())
        .collect()
}

async fn admins_keep_the_catalog_the_autocomplete_offers(db: TestDb) {
    let app = TestApp::new(db).await;
    let admin = app.with_admin("admin@vendor.example").await;
    let anna = app.with_customer("anna@acme.example").await;
    let cookie = [("cookie", admin.cookie.as_str())];

    // Add: the list shows it, found by the name typed, and customers are offered it at once.
    let added = app
        .post_form(
            "/api/add_product",
            "product_name=++Spray+++Booth+X1++",
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(
        added.header("location"),
        "/admin/products?q=Spray%20Booth%20X1&added=1"
    );
    let list = app.get(added.header("location"), &cookie).await;
    assert!(list.text().contains("Product added."), "{}", list.text());
    assert!(list.text().contains("Spray Booth X1"));
    assert!(list.text().contains("Showing 1 of 1"));
    let found = app.get("/admin/products?q=BOOTH+x", &cookie).await;
    assert!(found.text().contains("Spray Booth X1") && !found.text().contains("Product added."));
    assert_eq!(
        suggestions(&app, "spray", &anna.cookie).await,
        ["Spray Booth X1"]
    );

    // The same name in another case is taken: the message is next to the field, the text kept.
    let taken = app
        .post_form(
            "/api/add_product",
            "product_name=SPRAY+booth+x1",
            Some(&admin.cookie),
        )
        .await;
    let back = taken.header("location").to_string();
    assert!(
        back.starts_with("/admin/products?error=product_name%3Aerror_product_name_taken&draft="),
        "{back}"
    );
    let form = app.get(&back, &cookie).await;
    assert!(
        form.text()
            .contains("A product with this name exists already.")
    );
    assert!(
        form.body.contains(r#"value="SPRAY booth x1""#),
        "{}",
        form.body
    );

    // Rename, then switch off: the autocomplete stops offering it, and a case cannot pick it.
    let id = app
        .state
        .store
        .find_product("spray booth x1")
        .await
        .expect("query")
        .expect("product")
        .id;
    let renamed = app
        .post_form(
            "/api/rename_product",
            &format!("product_id={id}&product_name=Spray+Booth+X2"),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(
        renamed.header("location"),
        format!("/admin/products/{id}?saved=1")
    );
    let page = app.get(renamed.header("location"), &cookie).await;
    assert!(page.text().contains("Product renamed.") && page.text().contains("Spray Booth X2"));
    let off = app
        .post_form(
            "/api/set_product_active",
            &format!("product_id={id}&active=false&back=%2Fadmin%2Fproducts%3Fq%3Dspray"),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(
        off.header("location"),
        format!("/admin/products?q=spray&deactivated={id}")
    );
    let list = app.get(off.header("location"), &cookie).await;
    assert!(
        list.text().contains("Product deactivated"),
        "{}",
        list.text()
    );
    assert!(list.text().contains("Inactive") && list.text().contains("Reactivate"));
    assert!(suggestions(&app, "spray", &anna.cookie).await.is_empty());
    let refused = app
        .post_form(
            "/api/create_case",
            "subject=Booth+broken&product=Spray+Booth+X2",
            Some(&anna.cookie),
        )
        .await;
    assert!(
        refused
            .header("location")
            .contains("error=product%3Aerror_product_unknown"),
        "{}",
        refused.header("location")
    );

    // A `back` that leaves the catalog is not followed.
    let elsewhere = app
        .post_form(
            "/api/set_product_active",
            &format!("product_id={id}&active=true&back=%2F%2Fevil.example%2Fadmin%2Fproducts"),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(
        elsewhere.header("location"),
        format!("/admin/products/{id}?reactivated={id}")
    );
    assert_eq!(
        suggestions(&app, "spray", &anna.cookie).await,
        ["Spray Booth X2"]
    );

    // A name too long, or none.
    for (body, key) in [
        (
            format!("product_name={}", "x".repeat(201)),
            "error_product_name_invalid",
        ),
        ("product_name=+".to_string(), "error_product_name_invalid"),
    ] {
        let res = app
            .post_form("/api/add_product", &body, Some(&admin.cookie))
            .await;
        assert!(
            res.header("location")
                .contains(&format!("product_name%3A{key}"))
        );
    }
    app.assert_outbox_empty().await;
}

async fn an_import_shows_what_changes_before_it_changes_it(db: TestDb) {
    let app = TestApp::new(db).await;
    let admin = app.with_admin("admin@vendor.example").await;
    let anna = app.with_customer("anna@acme.example").await;
    let cookie = [("cookie", admin.cookie.as_str())];
    app.state
        .store
        .ensure_product("Lakstraat", true)
        .await
        .expect("active");
    app.state
        .store
        .ensure_product("Droogcabine", false)
        .await
        .expect("inactive");
    let before = app.state.store.count_products().await.expect("count");

    // A CSV with a heading, a quoted name with a comma, a repeat, a known and an inactive one.
    let list = "Name;Version\n\"Mixer, Pro\";2\nlakstraat\nDROOGCABINE\n\"MIXER,   pro\"\n";
    let preview = app
        .post_form(
            "/api/preview_product_import",
            &format!("list={}", app::domain::encode_query_value(list)),
            Some(&admin.cookie),
        )
        .await;
    let location = preview.header("location").to_string();
    assert!(
        location.starts_with("/admin/products/import?draft="),
        "{location}"
    );
    let page = app.get(&location, &cookie).await;
    let text = page.text();
    for expected in [
        "<td>Mixer, Pro</td><td>Will be added</td>",
        "<td>Droogcabine</td><td>Will be reactivated</td>",
        "<td>Lakstraat</td><td>Active already: no change</td>",
        "<td>MIXER, pro</td><td>Line 5: named earlier in the list, skipped</td>",
        "Import: 2 changes",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    assert_eq!(
        app.state.store.count_products().await.expect("count"),
        before,
        "nothing yet"
    );
    assert!(suggestions(&app, "droog", &anna.cookie).await.is_empty());

    // Import: the catalog says what happened; the new and the reactivated are offered.
    let draft = location.trim_start_matches("/admin/products/import?draft=");
    let done = app
        .post_form(
            "/api/import_products",
            &format!("draft={draft}"),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(
        done.header("location"),
        "/admin/products?imported=1&reactivated=1"
    );
    let list_page = app.get(done.header("location"), &cookie).await;
    assert!(
        list_page
            .text()
            .contains("Import done. Added: 1. Reactivated: 1.")
    );
    assert_eq!(
        suggestions(&app, "mixer", &anna.cookie).await,
        ["Mixer, Pro"]
    );
    assert_eq!(
        suggestions(&app, "droog", &anna.cookie).await,
        ["Droogcabine"]
    );
    assert_eq!(
        app.state.store.count_products().await.expect("count"),
        before + 1
    );

    // The same preview again changes nothing more.
    let again = app.get(&location, &cookie).await;
    assert!(
        again.text().contains("The list changes nothing."),
        "{}",
        again.text()
    );

    // An empty list comes back next to the field; another admin cannot use this draft.
    let empty = app
        .post_form(
            "/api/preview_product_import",
            "list=Name%0A%0A",
            Some(&admin.cookie),
        )
        .await;
    assert!(
        empty
            .header("location")
            .starts_with("/admin/products?error=list%3Aerror_product_list_empty"),
        "{}",
        empty.header("location")
    );
    let other = app.with_admin("other@vendor.example").await;
    let theirs = app
        .get(&location, &[("cookie", other.cookie.as_str())])
        .await;
    assert!(
        theirs
            .text()
            .contains("This preview is no longer available")
    );
    app.assert_outbox_empty().await;
}

async fn only_admins_change_the_catalog(db: TestDb) {
    let app = TestApp::new(db).await;
    let agent = app.with_agent("agent@vendor.example").await;
    let anna = app.with_customer("anna@acme.example").await;
    let id = app
        .state
        .store
        .ensure_product("Lakstraat", true)
        .await
        .expect("product");
    for (who, cookie, status) in [
        ("nobody", None, 401),
        ("a customer", Some(anna.cookie.as_str()), 403),
        ("an agent", Some(agent.cookie.as_str()), 403),
    ] {
        for (path, body) in [
            ("/api/add_product", "product_name=Sneaky".to_string()),
            (
                "/api/rename_product",
                format!("product_id={id}&product_name=Renamed"),
            ),
            (
                "/api/set_product_active",
                format!("product_id={id}&active=false"),
            ),
            ("/api/preview_product_import", "list=Sneaky".to_string()),
            ("/api/list_products", "q=".to_string()),
            ("/api/get_product", format!("id={id}")),
        ] {
            let res = app
                .post_form_from("192.0.2.1", path, &body, cookie, JSON)
                .await;
            assert_eq!(res.status, status, "{who} calling {path}: {}", res.body);
        }
    }
    let still = app
        .state
        .store
        .product(id)
        .await
        .expect("query")
        .expect("product");
    assert_eq!((still.name.as_str(), still.active), ("Lakstraat", true));
    assert!(
        app.state
            .store
            .find_product("sneaky")
            .await
            .expect("query")
            .is_none()
    );
    let page = app
        .get("/admin/products", &[("cookie", agent.cookie.as_str())])
        .await;
    assert!(!page.text().contains("Lakstraat"), "{}", page.text());
    app.assert_outbox_empty().await;
}

on_both_backends!(
    admins_keep_the_catalog_the_autocomplete_offers,
    an_import_shows_what_changes_before_it_changes_it,
    only_admins_change_the_catalog,
);
