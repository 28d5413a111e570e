//! The audit log (issue #19, part 5) through the real router on SQLite and PostgreSQL: what people
//! do is recorded with who, to whom, when and from which address, and only admins read it, a page
//! at a time.
mod common;

use app::backend::store::NewAudit;
use common::{PERSON_PASSWORD, TestApp, TestDb};

/// The rows of the audit page's table, each as its cells' text.
fn rows(body: &str) -> Vec<Vec<String>> {
    let Some(table) = body.split("<tbody>").nth(1) else {
        return Vec::new();
    };
    let table = &table[..table.find("</tbody>").expect("the table's end")];
    table
        .split("<tr>")
        .skip(1)
        .map(|row| {
            row.split("<td>")
                .skip(1)
                .map(|cell| {
                    let cell = &cell[..cell.find("</td>").expect("a cell's end")];
                    cell.replace("<!>", "")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .trim()
                        .to_string()
                })
                .collect()
        })
        .collect()
}

/// Waits until the log holds `n` lines (a wrong password is written off the answer's path).
async fn wait_for_lines(app: &TestApp, n: usize) {
    for _ in 0..100 {
        let lines = app
            .state
            .store
            .audit_page(i64::MAX, 1000, None)
            .await
            .expect("audit");
        if lines.len() >= n {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("the log never held {n} lines");
}

async fn what_people_do_is_recorded_for_admins(db: TestDb) {
    let app = TestApp::new(db).await;
    let admin = app.with_admin("admin@vendor.example").await;
    let agent = app.with_agent("agent@vendor.example").await;
    app.add_user(
        "anna@acme.example",
        app::domain::Role::Customer,
        PERSON_PASSWORD,
    )
    .await;
    // A wrong password for Anna's account, from 192.0.2.1; then she signs in and changes it.
    let wrong = app
        .post_form(
            "/api/sign_in",
            "email=anna%40acme.example&password=not-hers&next=%2F",
            None,
        )
        .await;
    assert!(wrong.header("location").contains("error="));
    // Nobody's wrong password is recorded against an account that does not exist.
    app.post_form(
        "/api/sign_in",
        "email=nobody%40acme.example&password=not-hers&next=%2F",
        None,
    )
    .await;
    let anna = app.sign_in("anna@acme.example", PERSON_PASSWORD).await;
    let changed = app
        .post_form(
            "/api/change_password",
            "current_password=correct+horse+battery&new_password=a+brand+new+passphrase\
             &confirm_password=a+brand+new+passphrase",
            Some(&anna),
        )
        .await;
    assert_eq!(changed.status, 302, "{}", changed.body);
    // The admin adds an agent, makes him an admin, and changes the support phone.
    let added = app
        .post_form(
            "/api/add_staff_member",
            "name=Piet+Jansen&email=piet%40vendor.example&role=agent&language=nl",
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(added.status, 302, "{}", added.body);
    let piet = app
        .state
        .store
        .find_user_by_email("piet@vendor.example")
        .await
        .expect("store")
        .expect("piet")
        .id;
    app.post_form(
        "/api/update_staff_member",
        &format!("user_id={piet}&role=admin&active=true"),
        Some(&admin.cookie),
    )
    .await;
    app.post_form(
        "/api/save_support_settings",
        "phone=%2B31+20+123+4567&email=help%40vendor.example",
        Some(&admin.cookie),
    )
    .await;
    // admin and agent signed in (2), a wrong password, Anna's sign-in and password, Piet added
    // and changed, two settings.
    wait_for_lines(&app, 9).await;

    let page = app.get("/admin/audit", &[("cookie", &admin.cookie)]).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Audit log"));
    let table = rows(&page.body);
    let find = |what: &str, detail: &str| {
        table
            .iter()
            .find(|r| r[2] == what && r[4] == detail)
            .unwrap_or_else(|| panic!("no “{what}” ({detail}) in {table:#?}"))
            .clone()
    };
    let anna_label = "Anna de Boer <anna@acme.example>";
    let failed = find("Sign-in failed", "");
    assert_eq!((failed[1].as_str(), failed[3].as_str()), ("", anna_label));
    assert_eq!(failed[5], "192.0.2.1", "from the client's address");
    let signed_in = find("Signed in", "");
    assert!(table.iter().filter(|r| r[2] == "Signed in").count() >= 3);
    assert!(!signed_in[0].is_empty(), "when");
    let password = find("Password changed", "");
    assert_eq!(
        (password[1].as_str(), password[3].as_str()),
        (anna_label, anna_label)
    );
    let admin_label = "Anna de Boer <admin@vendor.example>";
    let added = find("Staff member added", "role=agent");
    assert_eq!(
        (added[1].as_str(), added[3].as_str()),
        (admin_label, "Piet Jansen <piet@vendor.example>")
    );
    find("Staff member changed", "role=admin active=true");
    let phone = find("Setting changed", "support_phone=+31 20 123 4567");
    assert_eq!(phone[3], "", "a setting is done to nobody");
    find("Setting changed", "support_email=help@vendor.example");
    assert_eq!(
        table.iter().filter(|r| r[2] == "Sign-in failed").count(),
        1,
        "an unknown address is not recorded: {table:#?}"
    );
    // Newest first.
    assert_eq!(table[0][2], "Setting changed");

    // Only admins read it.
    let denied = app.get("/admin/audit", &[("cookie", &agent.cookie)]).await;
    assert_eq!(denied.status, 403);
    assert!(rows(&denied.body).is_empty());
    let denied = app.get("/admin/audit", &[("cookie", &anna)]).await;
    assert_eq!(denied.status, 403);

    // One person's lines: done by or to them.
    let anna_id = app
        .state
        .store
        .find_user_by_email("anna@acme.example")
        .await
        .expect("store")
        .expect("anna")
        .id;
    let theirs = app
        .get(
            &format!("/api/list_audit?person={anna_id}"),
            &[("cookie", &admin.cookie)],
        )
        .await;
    assert_eq!(theirs.status, 200, "{}", theirs.body);
    let theirs = theirs.body;
    let theirs: serde_json::Value = serde_json::from_str(&theirs).expect("JSON");
    let entries = theirs["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 3, "{theirs}");
    assert!(
        entries
            .iter()
            .all(|e| e["actor"] == anna_label || e["subject"] == anna_label)
    );
}

async fn the_log_is_read_a_page_at_a_time(db: TestDb) {
    let app = TestApp::new(db).await;
    let admin = app.with_admin("admin@vendor.example").await;
    let now = chrono::Utc::now();
    for i in 0..60 {
        let detail = format!("line {i:02}");
        app.state
            .store
            .insert_audit(&NewAudit {
                at: now,
                actor: Some(admin.id),
                action: "setting_changed",
                subject: None,
                detail: &detail,
                client: "192.0.2.9",
            })
            .await
            .expect("audit");
    }
    let first = app.get("/admin/audit", &[("cookie", &admin.cookie)]).await;
    let table = rows(&first.body);
    assert_eq!(table.len(), 50);
    assert_eq!(table[0][4], "line 59", "newest first");
    let older = first
        .body
        .split("href=\"/admin/audit?before=")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a link to older entries");
    let second = app
        .get(
            &format!("/admin/audit?before={older}"),
            &[("cookie", &admin.cookie)],
        )
        .await;
    let table = rows(&second.body);
    // 10 more lines, and the admin's own sign-in, the oldest.
    assert_eq!(table.len(), 11, "{table:#?}");
    assert_eq!(table[0][4], "line 09");
    assert_eq!(table[10][2], "Signed in");
    assert!(
        !second.text().contains(">Older entries</a>"),
        "the last page"
    );
    assert!(first.text().contains(">Older entries</a>"));
}

on_both_backends!(
    what_people_do_is_recorded_for_admins,
    the_log_is_read_a_page_at_a_time
);
