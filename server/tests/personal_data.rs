//! A person's data (issue #19, part 5) through the real router on SQLite and PostgreSQL: support
//! staff download everything Portico holds about someone as a ZIP (read back here file by file);
//! admins erase it, and afterwards the company still has its cases and comments, under a
//! placeholder, while the person's name, address, files and every way to sign in as them are gone.
mod common;

use app::backend::jobs;
use common::world::{World, call, setup, user_of};
use common::{multipart, post_multipart, unzip};

/// Anna's case 1 gets a file of hers, a public comment of hers and support's internal note.
async fn annas_traces(w: &World) -> i64 {
    let body = multipart(
        &[],
        &[(
            "file",
            "meter-log.txt",
            "text/plain",
            b"reading 42 at 09:00",
        )],
    );
    let up = post_multipart(&w.app, "/api/attachments", body, Some(&w.anna), true).await;
    let v: serde_json::Value = serde_json::from_str(&up.body).expect("JSON");
    let file = v["stored"]["id"].as_i64().expect("stored");
    let added = call(
        &w.app,
        "/api/add_case_files",
        &format!("number=00000001&attachments={file}"),
        Some(&w.anna),
    )
    .await;
    assert_eq!(added.status, 200, "{}", added.body);
    for (cookie, body) in [
        (&w.anna, "body=It+still+jams+on+page+2"),
        (&w.agent, "body=Anna+prefers+calls&internal=on"),
    ] {
        let res = call(
            &w.app,
            "/api/add_comment",
            &format!("number=00000001&{body}"),
            Some(cookie),
        )
        .await;
        assert_eq!(res.status, 200, "{}", res.body);
    }
    jobs::drain(&w.app.state).await;
    file
}

async fn staff_download_everything_about_a_person(db: common::TestDb) {
    let w = setup(db).await;
    let file = annas_traces(&w).await;
    let anna = user_of(&w, "anna@acme.example").await.id;
    let path = format!("/staff/people/{}/personal-data.zip", anna.0);

    // Customers cannot, not even their own; nobody signed in is sent to sign in.
    for cookie in [&w.anna, &w.bert] {
        assert_eq!(w.app.get(&path, &[("cookie", cookie)]).await.status, 403);
    }
    assert_eq!(w.app.get(&path, &[]).await.status, 303);
    assert_eq!(
        w.app
            .get(
                "/staff/people/99999/personal-data.zip",
                &[("cookie", &w.agent)]
            )
            .await
            .status,
        404
    );

    let (reply, bytes) = w.app.get_bytes(&path, &[("cookie", &w.agent)]).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), "application/zip");
    assert_eq!(
        reply.header("content-disposition"),
        format!("attachment; filename=\"personal-data-{}.zip\"", anna.0)
    );
    let entries = unzip(&bytes);
    let json = |name: &str| -> serde_json::Value {
        serde_json::from_slice(entries.get(name).unwrap_or_else(|| panic!("{name}"))).expect("JSON")
    };
    let person = json("person.json");
    assert_eq!(person["email"], "anna@acme.example");
    assert_eq!(person["name"], "Anna de Boer");
    assert_eq!(person["role"], "customer");
    assert_eq!(person["two_factor"], false);
    let cases = json("cases.json");
    assert_eq!(
        cases.as_array().expect("cases").len(),
        1,
        "her case, not Bert's"
    );
    assert_eq!(cases[0]["subject"], "Printer jams");
    let comments = json("comments.json");
    let bodies: Vec<&str> = comments
        .as_array()
        .expect("comments")
        .iter()
        .filter_map(|c| c["body"].as_str())
        .collect();
    assert_eq!(bodies, ["It still jams on page 2"], "her own words only");
    let files = json("files.json");
    assert_eq!(files[0]["file_name"], "meter-log.txt");
    assert!(files[0].get("storage_key").is_none(), "no internal keys");
    assert_eq!(
        entries
            .get(&format!("files/{file}-meter-log.txt"))
            .map(Vec::as_slice),
        Some(&b"reading 42 at 09:00"[..]),
        "{:?}",
        entries.keys()
    );
    let history = json("history.json");
    assert!(
        history
            .as_array()
            .expect("history")
            .iter()
            .any(|h| h["action"] == "sign_in"),
        "her sign-ins: {history}"
    );
    assert_eq!(json("sessions.json").as_array().expect("sessions").len(), 1);
    // The download is in the audit log.
    let log = w
        .app
        .get(
            &format!("/api/list_audit?person={}", anna.0),
            &[("cookie", &w.admin)],
        )
        .await;
    assert!(log.body.contains("PersonalDataExported"), "{}", log.body);
}

async fn admins_erase_a_person_and_the_company_keeps_its_cases(db: common::TestDb) {
    let w = setup(db).await;
    let file = annas_traces(&w).await;
    let anna = user_of(&w, "anna@acme.example").await.id;
    let page = format!("/staff/contacts/{}", anna.0);
    let form = |confirm: &str| {
        format!(
            "user_id={}&confirm_email={}",
            anna.0,
            app::domain::encode_query_value(confirm)
        )
    };
    let before = w
        .app
        .get("/cases/00000001", &[("cookie", &w.carl)])
        .await
        .text();
    assert!(before.contains("Anna de Boer") && before.contains(">meter-log.txt<"));
    // Agents may not; an admin must type the address.
    let refused = w
        .app
        .post_form(
            "/api/erase_personal_data",
            &form("anna@acme.example"),
            Some(&w.agent),
        )
        .await;
    assert_eq!(refused.status, 403);
    let contact = w.app.get(&page, &[("cookie", &w.agent)]).await;
    assert!(contact.text().contains("Download personal data (ZIP)"));
    assert!(contact.text().contains("value=\"anna@acme.example\""));
    assert!(
        !contact.text().contains("Erase personal data"),
        "agents see no erase form"
    );
    let wrong = w
        .app
        .post_form(
            "/api/erase_personal_data",
            &form("anna@other.example"),
            Some(&w.admin),
        )
        .await;
    assert_eq!(
        wrong.header("location"),
        format!("{page}?error=confirm_email%3Aerror_confirm_email_mismatch")
    );
    let shown = w
        .app
        .get(wrong.header("location"), &[("cookie", &w.admin)])
        .await;
    assert!(
        shown
            .text()
            .contains("email address exactly as shown to confirm")
    );

    let done = w
        .app
        .post_form(
            "/api/erase_personal_data",
            &form(" Anna@Acme.example "),
            Some(&w.admin),
        )
        .await;
    assert_eq!(done.header("location"), format!("{page}?erased=1"));
    let shown = w
        .app
        .get(done.header("location"), &[("cookie", &w.admin)])
        .await;
    assert!(shown.text().contains("The personal data has been erased."));
    let placeholder = format!("— #{}", anna.0);
    assert!(shown.text().contains(&placeholder));

    // She is signed out and cannot sign in, by password or by her old address.
    assert_eq!(
        w.app.get("/cases", &[("cookie", &w.anna)]).await.status,
        303
    );
    let again = w
        .app
        .post_form(
            "/api/sign_in",
            "email=anna%40acme.example&password=correct+horse+battery&next=%2F",
            None,
        )
        .await;
    assert!(again.session_cookie().is_none());
    // The company keeps the case and her comment, under the placeholder; her file is gone.
    let case = w.app.get("/cases/00000001", &[("cookie", &w.carl)]).await;
    assert_eq!(case.status, 200);
    let text = case.text();
    assert!(text.contains("Printer jams"));
    assert!(text.contains("It still jams on page 2"));
    assert!(text.contains(&placeholder));
    assert!(!text.contains("Anna de Boer"), "her name is nowhere");
    // Support's page of her shows the placeholder address, not hers.
    let contact = w.app.get(&page, &[("cookie", &w.agent)]).await.text();
    assert!(!contact.contains("value=\"anna@acme.example\""));
    assert!(contact.contains(&format!("value=\"erased-{}@erased.invalid\"", anna.0)));
    assert!(!text.contains(">meter-log.txt<"), "her file is removed");
    let row = w
        .app
        .state
        .store
        .get_user(anna)
        .await
        .expect("still there, as a placeholder");
    assert_eq!(row.email, format!("erased-{}@erased.invalid", anna.0));
    assert!(!row.active && row.password_hash.is_none());
    // The bytes are gone from storage too.
    let row = w
        .app
        .state
        .store
        .get_attachment(app::domain::AttachmentId(file))
        .await
        .expect("store")
        .expect("the row stays, removed");
    assert!(row.removed);
    assert!(
        w.app.state.blobs.open(&row.storage_key).await.is_err(),
        "its bytes are deleted"
    );
    // The dev mailbox keeps no copy of what was sent to her.
    let mail = w.app.state.store.list_dev_mail(500).await.expect("mail");
    assert!(mail.iter().all(|m| m.to_addr != "anna@acme.example"));
    // Erasing again, or oneself, is refused by name.
    let twice = w
        .app
        .post_form(
            "/api/erase_personal_data",
            &form("anna@acme.example"),
            Some(&w.admin),
        )
        .await;
    assert!(
        twice
            .header("location")
            .contains("error=_form%3Aerror_already_erased")
    );
    let admin = user_of(&w, "admin@vendor.example").await.id;
    let me = w
        .app
        .post_form(
            "/api/erase_personal_data",
            &format!("user_id={}&confirm_email=admin%40vendor.example", admin.0),
            Some(&w.admin),
        )
        .await;
    assert!(
        me.header("location")
            .contains("error=_form%3Aerror_erase_self")
    );
    // And it is in the audit log, under the placeholder.
    let log = w.app.get("/admin/audit", &[("cookie", &w.admin)]).await;
    assert!(log.text().contains("Personal data erased"));
    assert!(log.text().contains(&placeholder));
}

on_both_backends!(
    staff_download_everything_about_a_person,
    admins_erase_a_person_and_the_company_keeps_its_cases
);
