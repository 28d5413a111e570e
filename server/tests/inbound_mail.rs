//! The email channel against real servers: messages are delivered into Debian's Dovecot (IMAP, on
//! loopback, configured in a temporary directory), Portico's poller reads them, the worker makes
//! cases and comments, and every answer goes out through a real SMTP server. Each step checks what
//! a customer or an agent would notice: the case, its comments and files, its status, the mail that
//! went out, and what waits for staff.
mod common;

use app::backend::auth::Actor;
use app::backend::jobs;
use app::backend::services::inbound::{self, Decision};
use app::backend::state::{ImapSettings, Secret};
use app::domain::inbound::InboundStatus;
use app::domain::{CaseOrigin, CaseStatus, Role};
use common::{Dovecot, SmtpSink, TestApp, TestDb, unfold_qp};
use std::time::Duration;

/// A message as a mail program sends it.
fn mail(from: &str, message_id: &str, subject: &str, headers: &str, body: &str) -> Vec<u8> {
    format!(
        "From: {from}\r\nTo: Portico support <support@portico.test>\r\nSubject: {subject}\r\n\
         Message-ID: <{message_id}>\r\nDate: Sat, 05 Dec 2026 10:00:00 +0000\r\n{headers}\
         MIME-Version: 1.0\r\n{body}"
    )
    .into_bytes()
}

/// A plain-text body.
fn text(body: &str) -> String {
    format!("Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n")
}

/// Runs the poller of every app in `apps` until the mailbox has nothing unseen, then the worker.
async fn read_mailbox(apps: &[&TestApp], dovecot: &Dovecot) {
    read_mailbox_with(apps, dovecot, dovecot.settings(Duration::from_secs(1))).await;
}

/// [`read_mailbox`] with these settings.
async fn read_mailbox_with(apps: &[&TestApp], dovecot: &Dovecot, settings: ImapSettings) {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut pollers = Vec::new();
    for app in apps {
        let mut rx = stopped.clone();
        pollers.push(tokio::spawn(app::backend::mail::imap::run(
            app.state.clone(),
            settings.clone(),
            async move {
                let _ = rx.wait_for(|s| *s).await;
            },
        )));
    }
    let started = std::time::Instant::now();
    while dovecot.unseen().await > 0 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the poller did not read the mailbox: {}",
            dovecot.log()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = stop.send(true);
    for p in pollers {
        p.await.expect("poller");
    }
    for app in apps {
        jobs::drain(&app.state).await;
    }
}

/// The header `name` of a raw message, decoded (`Message-ID` with its angle brackets).
fn header(raw: &str, name: &str) -> String {
    let message = mail_parser::MessageParser::default()
        .parse(raw.as_bytes())
        .expect("a message");
    if name == "Message-ID" {
        return format!("<{}>", message.message_id().unwrap_or(""));
    }
    if name == "Subject" {
        return message.subject().unwrap_or("").to_string();
    }
    message
        .header_raw(name.to_string())
        .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

async fn the_email_channel_opens_answers_and_holds(db: TestDb) {
    let sink = SmtpSink::start();
    let dovecot = Dovecot::start();
    let app = TestApp::with_smtp(db, Some(sink.url())).await;
    let store = app.state.store.clone();
    app.add_user("anna@acme.example", Role::Customer, "correct horse battery")
        .await;
    app.add_colleague("piet@acme.example", "Piet Jansen", "anna@acme.example")
        .await;
    app.add_user("eve@other.example", Role::Customer, "correct horse battery")
        .await;
    let agent = app.with_agent("agent@vendor.example").await;

    // 1. A contact writes without a case reference, with a file: a case, origin Email.
    let new_request = mail(
        "Anna de Boer <anna@acme.example>",
        "first@acme.example",
        "Printer jams on page 2",
        "",
        "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\nThe printer jams on every second page.\r\n\
         --b\r\nContent-Type: text/plain; name=\"jam.log\"\r\n\
         Content-Disposition: attachment; filename=\"jam.log\"\r\n\
         Content-Transfer-Encoding: base64\r\n\r\nSkFNIGF0IHRyYXkgMg==\r\n--b--\r\n",
    );
    dovecot.deliver(&new_request).await;
    read_mailbox(&[&app], &dovecot).await;
    let messages = store.list_inbound(false, 50).await.expect("inbound");
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].status, InboundStatus::Case, "{:?}", messages[0]);
    assert_eq!(messages[0].sender, "anna@acme.example");
    let case_id = messages[0].case_id.expect("the case");
    let case = store.get_case(case_id).await.expect("case");
    assert_eq!(case.subject, "Printer jams on page 2");
    assert_eq!(case.origin, CaseOrigin::Email);
    assert!(case.description.contains("jams on every second page"));
    let files = store.case_attachments(case_id).await.expect("files");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].file_name, "jam.log");
    assert_eq!(files[0].size_bytes, 13);
    // The usual confirmation went back, threaded, replies to the support mailbox.
    let sent: Vec<String> = sink.messages().iter().map(|m| unfold_qp(m)).collect();
    let confirmation = sent
        .iter()
        .find(|m| m.contains("To: ") && m.contains("anna@acme.example"))
        .expect("the confirmation");
    assert!(header(confirmation, "Subject").contains("[ref:"));
    assert!(header(confirmation, "Reply-To").contains("support@portico.test"));
    assert_eq!(header(confirmation, "Auto-Submitted"), "auto-generated");
    let confirmation_id = header(confirmation, "Message-ID");
    assert!(confirmation_id.starts_with("<case."), "{confirmation_id}");
    assert!(confirmation.contains("##- "), "the marked line");
    let number = case.number.to_string();

    // 2. Support proposes a solution; Anna's reply (quoting everything) reopens the case.
    let staff = Actor::Staff {
        user_id: agent.id,
        role: Role::Agent,
    };
    app::backend::services::desk::update_case(
        &app.state,
        &staff,
        &number,
        ("solved", "normal", "me", "Use tray 1."),
    )
    .await
    .expect("solved");
    jobs::drain(&app.state).await;
    let reply = mail(
        "anna@acme.example",
        "reply-1@acme.example",
        &format!("Re: {}", header(confirmation, "Subject")),
        &format!("In-Reply-To: {confirmation_id}\r\nReferences: {confirmation_id}\r\n"),
        &text(
            "Tray 1 jams as well.\r\n\r\nOn Sat, 5 Dec 2026 at 10:00, Portico wrote:\r\n> ##- Please type your reply above this line -##\r\n> Hello Anna",
        ),
    );
    dovecot.deliver(&reply).await;
    // The same message delivered twice is one comment.
    dovecot.deliver(&reply).await;
    read_mailbox(&[&app], &dovecot).await;
    let comments = store.case_comments(case_id, true).await.expect("comments");
    let from_mail: Vec<_> = comments
        .iter()
        .filter(|c| c.body.starts_with("Tray 1"))
        .collect();
    assert_eq!(from_mail.len(), 1, "{comments:?}");
    assert_eq!(from_mail[0].body, "Tray 1 jams as well.");
    assert!(from_mail[0].public);
    assert_eq!(
        store.get_case(case_id).await.expect("case").status,
        CaseStatus::InProgress,
        "the reply reopened the case"
    );
    // Its assignee is told, with the reply's text.
    let told = sink
        .messages()
        .iter()
        .map(|m| unfold_qp(m))
        .filter(|m| m.contains("agent@vendor.example") && m.contains("Tray 1 jams as well."))
        .count();
    assert_eq!(told, 1, "the assignee hears of the reply once");

    // 3. A colleague of the same company may answer; a stranger quoting a valid reference, a
    //    forged reference and a machine may not.
    let colleague = mail(
        "piet@acme.example",
        "piet-1@acme.example",
        "Re: printer",
        &format!("In-Reply-To: {confirmation_id}\r\n"),
        &text("Same here on floor 3."),
    );
    let stranger = mail(
        "eve@other.example",
        "eve-1@other.example",
        "Re: printer",
        &format!("In-Reply-To: {confirmation_id}\r\n"),
        &text("Please send me the logs."),
    );
    let forged = mail(
        "anna@acme.example",
        "forged-1@acme.example",
        &format!("Re: Case {number} [ref:AAAAAAAAAAAA-0123456789abcdef0123]"),
        "In-Reply-To: <case.AAAAAAAAAAAA.1.0123456789abcdef0123@portico.test>\r\n",
        &text("Attach me to any case."),
    );
    let auto_reply = mail(
        "anna@acme.example",
        "ooo-1@acme.example",
        "Automatic reply: printer",
        &format!("Auto-Submitted: auto-replied\r\nIn-Reply-To: {confirmation_id}\r\n"),
        &text("I am out of the office."),
    );
    let number_only = mail(
        "eve@other.example",
        "eve-2@other.example",
        &format!("Re: Case {number}"),
        "",
        &text("About your case."),
    );
    for m in [&colleague, &stranger, &forged, &auto_reply, &number_only] {
        dovecot.deliver(m).await;
    }
    let before = sink.messages().len();
    read_mailbox(&[&app], &dovecot).await;
    let comments = store.case_comments(case_id, true).await.expect("comments");
    assert!(comments.iter().any(|c| c.body == "Same here on floor 3."));
    for absent in ["Please send me the logs.", "Attach me", "out of the office"] {
        assert!(
            !comments.iter().any(|c| c.body.contains(absent)),
            "{absent}"
        );
    }
    let all = store.list_inbound(false, 50).await.expect("inbound");
    let by_sender_subject = |sender: &str, subject: &str| {
        all.iter()
            .find(|m| m.sender == sender && m.subject.starts_with(subject))
            .unwrap_or_else(|| panic!("{sender} {subject}: {all:?}"))
            .clone()
    };
    let held_stranger = by_sender_subject("eve@other.example", "Re: printer");
    assert_eq!(
        (held_stranger.status, held_stranger.reason.as_str()),
        (InboundStatus::Held, "stranger")
    );
    assert_eq!(held_stranger.case_id, Some(case_id));
    let held_forged =
        by_sender_subject("anna@acme.example", &format!("Re: Case {number} [ref:AAAA"));
    assert_eq!(
        (held_forged.status, held_forged.reason.as_str()),
        (InboundStatus::Held, "forged")
    );
    let ignored = by_sender_subject("anna@acme.example", "Automatic reply");
    assert_eq!(
        (ignored.status, ignored.reason.as_str()),
        (InboundStatus::Ignored, "auto_submitted")
    );
    // A case number alone attaches nothing: Eve (a contact of another company) gets a case of her
    // own company instead.
    let own_case = by_sender_subject("eve@other.example", &format!("Re: Case {number}"));
    assert_eq!(own_case.status, InboundStatus::Case);
    assert_ne!(own_case.case_id, Some(case_id));
    let eve_case = store
        .get_case(own_case.case_id.expect("case"))
        .await
        .expect("case");
    assert_ne!(eve_case.account_id, case.account_id);
    // No answer to the machine; the colleague's comment told Anna, Eve got her confirmation.
    let new_mail: Vec<String> = sink.messages()[before..]
        .iter()
        .map(|m| unfold_qp(m))
        .collect();
    assert!(
        !new_mail
            .iter()
            .any(|m| m.contains("out of the office") || header(m, "Subject").contains("Automatic")),
        "nothing answers a machine"
    );

    // 4. Unknown senders get one polite answer a day, in their language; no case.
    let cases_before = store.list_inbound(false, 50).await.expect("inbound").len();
    for i in 0..3 {
        dovecot
            .deliver(&mail(
                "onbekend@elders.example",
                &format!("unknown-{i}@elders.example"),
                "Vraag over mijn printer",
                "",
                &text("Hallo, ik heb een vraag over de printer. Met vriendelijke groeten"),
            ))
            .await;
    }
    read_mailbox(&[&app], &dovecot).await;
    let answers: Vec<String> = sink
        .messages()
        .iter()
        .map(|m| unfold_qp(m))
        .filter(|m| m.contains("onbekend@elders.example"))
        .collect();
    assert_eq!(answers.len(), 1, "one answer a day");
    assert!(
        answers[0].contains("niet geregistreerd"),
        "in Dutch: {}",
        answers[0]
    );
    let all = store.list_inbound(false, 50).await.expect("inbound");
    assert_eq!(all.len(), cases_before + 3);
    assert!(
        all.iter()
            .filter(|m| m.sender == "onbekend@elders.example")
            .all(|m| m.status == InboundStatus::Ignored
                && m.reason == "unknown_sender"
                && m.case_id.is_none())
    );

    // 5. Russian in windows-1251, HTML only: readable text; something that is no message at all
    //    is kept aside with its error.
    let cp1251 = encoding_rs::WINDOWS_1251
        .encode("<p>Принтер не печатает.</p><p>Иван</p>")
        .0;
    let mut russian = mail(
        "piet@acme.example",
        "ru-1@acme.example",
        "=?windows-1251?B?z/Do7fLl8A==?=",
        "",
        "Content-Type: text/html; charset=windows-1251\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
    );
    russian.extend_from_slice(&cp1251);
    dovecot.deliver(&russian).await;
    dovecot.deliver(b"\x00\x01\x02 not a message").await;
    read_mailbox(&[&app], &dovecot).await;
    let all = store.list_inbound(false, 50).await.expect("inbound");
    let ru = all
        .iter()
        .find(|m| m.subject == "Принтер")
        .expect("the Russian message");
    assert_eq!(ru.status, InboundStatus::Case);
    let ru_case = store
        .get_case(ru.case_id.expect("case"))
        .await
        .expect("case");
    assert_eq!(ru_case.subject, "Принтер");
    assert!(
        ru_case.description.contains("Принтер не печатает."),
        "{}",
        ru_case.description
    );
    assert!(!ru_case.description.contains("<p>"));
    let failed = all
        .iter()
        .find(|m| m.status == InboundStatus::Failed)
        .expect("the unreadable one");
    assert_eq!(failed.reason, "unparseable");

    // 6. Staff see what waits (customers do not) and download it raw. Eve is another company's
    //    contact, so her mail cannot become a comment on Anna's case; the forged one names no
    //    case, so it cannot either, but accepted as a new case for Anna it opens one (once). The
    //    unreadable one is rejected.
    let waiting = inbound::list(&app.state, &staff, true).await.expect("list");
    assert_eq!(waiting.len(), 3, "{waiting:?}");
    let customer = Actor::Customer {
        user_id: case.contact_id,
        account_id: case.account_id,
    };
    assert!(matches!(
        inbound::list(&app.state, &customer, true).await,
        Err(app::error::AppError::Forbidden)
    ));
    assert!(matches!(
        inbound::raw(&app.state, &customer, held_stranger.id).await,
        Err(app::error::AppError::NotFound)
    ));
    let raw = inbound::raw(&app.state, &staff, held_stranger.id)
        .await
        .expect("raw");
    assert_eq!(raw, stranger);
    // Over HTTP: the page lists it with its reason; the raw message downloads for staff only,
    // never rendering; a customer gets the 404 of a missing message.
    let page = app.get("/desk/mail", &[("cookie", &agent.cookie)]).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("eve@other.example"), "{}", page.body);
    assert!(
        page.body
            .contains("The sender is not a contact of the case")
    );
    let eml = format!("/desk/mail/{}.eml", held_stranger.id);
    let (download, bytes) = app.get_bytes(&eml, &[("cookie", &agent.cookie)]).await;
    assert_eq!(download.status, 200);
    assert_eq!(bytes, stranger);
    assert_eq!(download.header("content-type"), "message/rfc822");
    assert!(
        download
            .header("content-disposition")
            .starts_with("attachment")
    );
    let anna = app
        .sign_in("anna@acme.example", "correct horse battery")
        .await;
    let (denied, _) = app.get_bytes(&eml, &[("cookie", &anna)]).await;
    assert_eq!(denied.status, 404);
    // The case page shows support the emails that opened and answered the case, with their raw
    // messages; the customer's page shows no trace of them.
    let opened_by = format!("/desk/mail/{}.eml", messages[0].id);
    let desk_page = app
        .get(&format!("/cases/{number}"), &[("cookie", &agent.cookie)])
        .await;
    // The opening message, Anna's reply, Piet's, and Eve's held one (which names the case).
    assert!(desk_page.body.replace("<!>", "").contains("Email (4)"));
    assert!(desk_page.body.contains(&opened_by));
    let customer_page = app
        .get(&format!("/cases/{number}"), &[("cookie", &anna)])
        .await;
    assert_eq!(customer_page.status, 200);
    assert!(!customer_page.body.contains("/desk/mail/"));
    assert!(!customer_page.body.contains("eve@other.example"));
    let refused = inbound::decide(&app.state, &staff, held_stranger.id, Decision::Comment)
        .await
        .expect_err("Eve is not Anna's company's contact");
    assert_eq!(refused.status(), 422);
    let no_case = inbound::decide(&app.state, &staff, held_forged.id, Decision::Comment)
        .await
        .expect_err("the forged one names no case");
    assert_eq!(no_case.status(), 422);
    let accepted = inbound::decide(&app.state, &staff, held_forged.id, Decision::NewCase)
        .await
        .expect("accepted as a case");
    assert_eq!(accepted.status, InboundStatus::Accepted);
    assert!(accepted.case_number.is_some());
    let again = inbound::decide(&app.state, &staff, held_forged.id, Decision::NewCase)
        .await
        .expect_err("decided once");
    assert_eq!(again.status(), 422);
    let rejected = inbound::decide(&app.state, &staff, failed.id, Decision::Reject)
        .await
        .expect("rejected");
    assert_eq!(rejected.status, InboundStatus::Rejected);
    let waiting = inbound::list(&app.state, &staff, true).await.expect("list");
    assert_eq!(waiting.len(), 1, "only the stranger's mail still waits");

    // 7. A month on, the bytes of what nothing came of (ignored, rejected) go; the rest stay.
    let later = chrono::Utc::now() + chrono::Duration::days(31);
    let removed = inbound::sweep(&app.state, later).await.expect("sweep");
    let all = store.list_inbound(false, 50).await.expect("inbound");
    let unused = all
        .iter()
        .filter(|m| matches!(m.status, InboundStatus::Ignored | InboundStatus::Rejected))
        .count();
    assert_eq!(removed, unused);
    for m in &all {
        let unused = matches!(m.status, InboundStatus::Ignored | InboundStatus::Rejected);
        assert_eq!(m.blob_key.is_none(), unused, "{m:?}");
    }
    assert!(matches!(
        inbound::raw(&app.state, &staff, failed.id).await,
        Err(app::error::AppError::NotFound)
    ));
    assert_eq!(
        inbound::raw(&app.state, &staff, held_stranger.id)
            .await
            .expect("kept"),
        stranger
    );
    assert_eq!(inbound::sweep(&app.state, later).await.expect("again"), 0);
}

async fn several_processes_share_one_mailbox(db: TestDb) {
    let dovecot = Dovecot::start();
    let url = db.url.clone();
    let first = TestApp::new(db).await;
    // Processes share the database and the file store (one data folder here; object storage when
    // they run on several machines).
    let files = first.state.settings.data_dir.clone();
    let second = TestApp::with_settings(TestDb::existing(&url), |s| s.data_dir = files).await;
    first
        .add_user("anna@acme.example", Role::Customer, "correct horse battery")
        .await;
    for i in 0..6 {
        dovecot
            .deliver(&mail(
                "anna@acme.example",
                &format!("shared-{i}@acme.example"),
                &format!("Request {i}"),
                "",
                &text("Please help."),
            ))
            .await;
    }
    read_mailbox(&[&first, &second], &dovecot).await;
    let all = first
        .state
        .store
        .list_inbound(false, 50)
        .await
        .expect("inbound");
    assert_eq!(all.len(), 6, "each message claimed once: {all:?}");
    if !all.iter().all(|m| m.status == InboundStatus::Case) {
        let errors: Vec<_> = first
            .state
            .store
            .list_outbox(50)
            .await
            .expect("outbox")
            .into_iter()
            .map(|j| (j.kind, j.last_error))
            .collect();
        panic!("{all:?} {errors:?}");
    }
    let mut cases: Vec<_> = all.iter().filter_map(|m| m.case_id).collect();
    cases.sort();
    cases.dedup();
    assert_eq!(cases.len(), 6, "one case per message");
}

/// What an attacker can put in an email (issue #18, "Hostile input"): markup in the sender's name,
/// the subject (plain and RFC 2047-encoded), an HTML-only body with script, handlers and a
/// `javascript:` link, and a file name; from a known contact (a case) and from a stranger (listed
/// for staff, not answered). Every page that shows the message, to the customer and to staff, and every email it
/// caused carry it as text only.
async fn a_hostile_email_stays_text_on_every_page_and_in_every_email(db: TestDb) {
    use common::inert::{assert_inert, assert_inert_html};
    let dovecot = Dovecot::start();
    let app = TestApp::new(db).await;
    let store = app.state.store.clone();
    app.add_user("anna@acme.example", Role::Customer, "correct horse battery")
        .await;
    let anna = app
        .sign_in("anna@acme.example", "correct horse battery")
        .await;
    let agent = app.with_agent("agent@vendor.example").await;
    let html_body = "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n\
         Content-Type: text/html; charset=utf-8\r\n\r\n<p>Hello</p><script>alert(1)</script>\
         <img src=x onerror=alert(2)><a href=\"javascript:alert(4)\">click</a>\
         <p>&lt;script&gt;alert(5)&lt;/script&gt;</p>\r\n\
         --b\r\nContent-Type: text/html; name=\"x.html\"\r\n\
         Content-Disposition: attachment; filename=\"<img src=x onerror=alert(6)>.html\"\r\n\
         \r\n<script>alert(7)</script>\r\n--b--\r\n";
    for (from, id) in [
        ("anna@acme.example", "hostile-1@acme.example"),
        ("mallory@evil.example", "hostile-2@evil.example"),
    ] {
        dovecot
            .deliver(&mail(
                &format!("\"</title><script>alert(8)</script>\" <{from}>"),
                id,
                "</textarea><script>alert(1)</script> =?utf-8?B?PHN2ZyBvbmxvYWQ9YWxlcnQoMyk+?=",
                "",
                html_body,
            ))
            .await;
    }
    read_mailbox(&[&app], &dovecot).await;
    let messages = store.list_inbound(false, 50).await.expect("inbound");
    assert_eq!(messages.len(), 2, "{messages:?}");
    let case_id = messages
        .iter()
        .find_map(|m| m.case_id.filter(|_| m.sender == "anna@acme.example"))
        .expect("Anna's message made a case");
    assert!(
        messages
            .iter()
            .any(|m| m.sender == "mallory@evil.example" && m.status == InboundStatus::Ignored),
        "{messages:?}"
    );
    let case = store.get_case(case_id).await.expect("case");
    assert!(
        case.subject.contains("<script>alert(1)</script>"),
        "{}",
        case.subject
    );
    assert!(
        case.subject.contains("<svg onload=alert(3)>"),
        "decoded: {}",
        case.subject
    );
    assert!(case.description.contains("Hello"), "{}", case.description);
    let files = store.case_attachments(case_id).await.expect("files");
    assert_eq!(files.len(), 1, "{files:?}");
    let number = case.number.to_string();

    let shown = "&lt;script&gt;alert(1)&lt;/script&gt;";
    for (cookie, path) in [
        (anna.as_str(), format!("/cases/{number}")),
        (anna.as_str(), "/cases".to_string()),
        (agent.cookie.as_str(), format!("/cases/{number}")),
        (agent.cookie.as_str(), "/queue".to_string()),
        // Every message, both handled (the waiting list is empty).
        (agent.cookie.as_str(), "/desk/mail?all=1".to_string()),
    ] {
        let page = app.get(&path, &[("cookie", cookie)]).await;
        assert_inert(&page, &path);
        assert!(
            page.text().contains(shown),
            "{path} shows the subject (as text)"
        );
    }
    let waiting = app
        .get("/desk/mail", &[("cookie", agent.cookie.as_str())])
        .await;
    assert_inert(&waiting, "/desk/mail");
    // The file is served as a download, never as a page.
    let file = app
        .get(
            &format!("/attachments/{}", files[0].id.0),
            &[("cookie", anna.as_str())],
        )
        .await;
    assert_eq!(file.status, 200, "{}", file.body);
    assert!(
        file.header("content-disposition").starts_with("attachment"),
        "{:?}",
        file.header("content-disposition")
    );
    assert!(
        !file.header("content-type").contains("html"),
        "{:?}",
        file.header("content-type")
    );
    // The confirmation to Anna (and nothing to the stranger's markup) is inert.
    let mail = store.list_dev_mail(50).await.expect("mail");
    assert!(
        mail.iter().any(|m| m.to_addr == "anna@acme.example"),
        "Anna was told: {mail:?}"
    );
    for m in &mail {
        let what = format!("email {} to {} ({})", m.id, m.to_addr, m.subject);
        assert!(
            !m.subject.contains(['\r', '\n']),
            "{what}: a one-line subject"
        );
        assert_inert_html(&m.html_body, &what);
    }
}

on_both_backends!(
    the_email_channel_opens_answers_and_holds,
    several_processes_share_one_mailbox,
    a_hostile_email_stays_text_on_every_page_and_in_every_email
);

/// Over TLS the mailbox is read only when its certificate is trusted: by a public root, or by the
/// authority `PORTICO_IMAP_CA_FILE` names (here the test's own).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_mailbox_is_read_over_tls_from_a_trusted_server_only() {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let dovecot = Dovecot::start_tls();
    let app = TestApp::new(TestDb::sqlite()).await;
    app.add_user("anna@acme.example", Role::Customer, "correct horse battery")
        .await;
    dovecot
        .deliver(&mail(
            "anna@acme.example",
            "tls-1@acme.example",
            "Read over TLS",
            "",
            &text("Please help."),
        ))
        .await;
    let untrusted = ImapSettings {
        url: Secret(dovecot.tls_url()),
        folder: "INBOX".into(),
        poll: Duration::from_secs(1),
        ca_certificates: Vec::new(),
    };
    let (stop, mut stopped) = tokio::sync::watch::channel(false);
    let poller = tokio::spawn(app::backend::mail::imap::run(
        app.state.clone(),
        untrusted.clone(),
        async move {
            let _ = stopped.wait_for(|s| *s).await;
        },
    ));
    tokio::time::sleep(Duration::from_secs(3)).await;
    let _ = stop.send(true);
    poller.await.expect("poller");
    assert_eq!(
        dovecot.unseen().await,
        1,
        "nothing read from an untrusted server"
    );
    assert!(
        app.state
            .store
            .list_inbound(false, 10)
            .await
            .expect("inbound")
            .is_empty()
    );

    let ca_certificates = CertificateDer::pem_slice_iter(&dovecot.ca_pem())
        .map(|c| c.expect("certificate").to_vec())
        .collect();
    let trusted = ImapSettings {
        ca_certificates,
        ..untrusted
    };
    read_mailbox_with(&[&app], &dovecot, trusted).await;
    let all = app
        .state
        .store
        .list_inbound(false, 10)
        .await
        .expect("inbound");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].status, InboundStatus::Case);
    assert_eq!(all[0].subject, "Read over TLS");
}
