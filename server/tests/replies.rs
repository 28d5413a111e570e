//! Canned replies through the real router: support add, change and delete shared answers per
//! language, with field errors; one inserted on a case comes filled in for that case; customers
//! can do none of it and never see one.
mod common;

use common::TestDb;
use common::world::{call, setup};

async fn canned_replies_are_support_s_shared_answers(db: TestDb) {
    let w = setup(db).await;
    // Refused next to their fields: no title, no language from the list, no text.
    let bad = call(
        &w.app,
        "/api/save_canned_reply",
        "title=+&language=de&body=+",
        Some(&w.agent),
    )
    .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    for key in [
        "error_reply_title_required",
        "error_language_choose",
        "error_reply_body_required",
    ] {
        assert!(bad.body.contains(key), "{key}: {}", bad.body);
    }
    let save =
        async |fields: &str| call(&w.app, "/api/save_canned_reply", fields, Some(&w.agent)).await;
    let first = save("title=Need+a+screenshot&language=en&body=Dear+{contact},+please+attach+a+screenshot+to+case+{number}+({subject}).+Regards,+{agent}").await;
    assert_eq!(first.status, 200, "{}", first.body);
    let id: i64 = first.body.trim().parse().expect("the new reply's id");
    // The same title in the same language, in any case, is taken; in another language it is not.
    let taken = save("title=NEED+A+SCREENSHOT&language=en&body=Again").await;
    assert_eq!(taken.status, 422, "{}", taken.body);
    assert!(
        taken.body.contains("error_reply_title_taken"),
        "{}",
        taken.body
    );
    let dutch = save(
        "title=Need+a+screenshot&language=nl&body=Beste+{contact},+stuur+een+schermafbeelding.",
    )
    .await;
    assert_eq!(dutch.status, 200, "{}", dutch.body);
    // Anyone of support may change it; the list says who saved it last.
    let changed = call(
        &w.app,
        "/api/save_canned_reply",
        &format!("reply_id={id}&title=Screenshot+please&language=en&body=Dear+{{contact}},+please+attach+a+screenshot+to+case+{{number}}+({{subject}}).+Regards,+{{agent}}"),
        Some(&w.admin),
    )
    .await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    let list = call(&w.app, "/api/list_canned_replies", "", Some(&w.agent)).await;
    assert!(
        list.body.contains(r#""title":"Screenshot please""#),
        "{}",
        list.body
    );
    assert!(
        !list
            .body
            .contains(r#""title":"Need a screenshot","language":"en""#),
        "{}",
        list.body
    );

    // On the case page support get the replies to choose from, and the chosen one filled in.
    let case = call(
        &w.app,
        "/api/get_case",
        &format!("number=00000001&reply={id}"),
        Some(&w.agent),
    )
    .await;
    assert_eq!(case.status, 200, "{}", case.body);
    assert!(
        case.body.contains("Dear Anna de Boer, please attach a screenshot to case 00000001 (Printer jams). Regards, Anna de Boer"),
        "{}",
        case.body
    );
    assert!(
        case.body.contains("Screenshot please (EN)"),
        "{}",
        case.body
    );
    // Customers can neither list, save nor delete them, and their case page carries none.
    for (path, body) in [
        ("/api/list_canned_replies", String::new()),
        (
            "/api/save_canned_reply",
            "title=Mine&language=en&body=Text".to_string(),
        ),
        ("/api/delete_canned_reply", format!("reply_id={id}")),
    ] {
        let res = call(&w.app, path, &body, Some(&w.anna)).await;
        assert_eq!(res.status, 403, "{path}: {}", res.body);
    }
    let anna = call(
        &w.app,
        "/api/get_case",
        &format!("number=00000001&reply={id}"),
        Some(&w.anna),
    )
    .await;
    assert!(!anna.body.contains("screenshot"), "{}", anna.body);
    let page = w
        .app
        .get(
            &format!("/cases/00000001?reply={id}"),
            &[("cookie", &w.anna)],
        )
        .await;
    assert!(!page.text().contains("screenshot"), "{}", page.text());
    // Without JavaScript "Insert" is a GET form: the reply box comes filled in.
    let staff_page = w
        .app
        .get(
            &format!("/cases/00000001?reply={id}"),
            &[("cookie", &w.agent)],
        )
        .await;
    assert!(
        staff_page
            .text()
            .contains("please attach a screenshot to case 00000001"),
        "{}",
        staff_page.text()
    );
    // Deleted, it is gone; deleting it again finds nothing.
    let gone = call(
        &w.app,
        "/api/delete_canned_reply",
        &format!("reply_id={id}"),
        Some(&w.agent),
    )
    .await;
    assert_eq!(gone.status, 200, "{}", gone.body);
    let again = call(
        &w.app,
        "/api/delete_canned_reply",
        &format!("reply_id={id}"),
        Some(&w.agent),
    )
    .await;
    assert_eq!(again.status, 404, "{}", again.body);
    let list = call(&w.app, "/api/list_canned_replies", "", Some(&w.agent)).await;
    assert!(!list.body.contains("Screenshot please"), "{}", list.body);
    // A plain form with an error goes back to the form, with what was typed.
    let plain = w
        .app
        .post_form(
            "/api/save_canned_reply",
            "title=&language=en&body=Kept+answer",
            Some(&w.agent),
        )
        .await;
    let back = plain.header("location").to_string();
    assert!(back.starts_with("/desk/replies?error="), "{back}");
    let form = w.app.get(&back, &[("cookie", &w.agent)]).await;
    assert!(form.text().contains("Kept answer"), "{}", form.text());
    w.app.assert_outbox_empty().await;
}

on_both_backends!(canned_replies_are_support_s_shared_answers);
