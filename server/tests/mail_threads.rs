//! Every email about a case belongs to the case's thread, through a real SMTP server: a signed
//! `Message-ID` of its own, `In-Reply-To` and `References` to the same root, `Reply-To` the support
//! mailbox, and the signed reference in the subject; the server's secret (in the database) signs
//! the same way in every process, and a reference made with another secret or for another case
//! does not read back.
mod common;

use app::backend::jobs;
use app::backend::mail::{SECRET_SETTING, ThreadSigner};
use common::{SmtpSink, TestApp, TestDb, unfold_qp};

/// The value of header `name` in a raw message, its folded lines joined ("" when absent).
fn header(raw: &str, name: &str) -> String {
    let mut lines = raw
        .lines()
        .skip_while(|l| !l.starts_with(&format!("{name}: ")));
    let Some(first) = lines.next() else {
        return String::new();
    };
    let mut value = first[name.len() + 2..].trim().to_string();
    for more in lines.take_while(|l| l.starts_with([' ', '\t'])) {
        value.push(' ');
        value.push_str(more.trim());
    }
    value
}

async fn every_case_email_answers_the_cases_signed_thread(db: TestDb) {
    let sink = SmtpSink::start();
    let url = db.url.clone();
    let app = TestApp::with_smtp(db, Some(sink.url())).await;
    let anna = app.with_customer("anna@acme.example").await;
    let agent = app.with_agent("agent@vendor.example").await;
    let created = app
        .post_form_from(
            "192.0.2.1",
            "/api/create_case",
            "subject=Printer+jams",
            Some(&anna.cookie),
            "application/json",
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    assert!(jobs::drain(&app.state).await >= 1, "the confirmation");
    let commented = app
        .post_form_from(
            "192.0.2.1",
            "/api/add_comment",
            "number=00000001&body=We+are+on+it",
            Some(&agent.cookie),
            "application/json",
        )
        .await;
    assert_eq!(commented.status, 200, "{}", commented.body);
    jobs::drain(&app.state).await;
    let messages: Vec<String> = sink.messages().iter().map(|m| unfold_qp(m)).collect();
    // The confirmation and the comment's emails (to Anna; the agent wrote it).
    assert!(messages.len() >= 2, "{}", messages.len());

    let secret = app
        .state
        .store
        .secret(SECRET_SETTING)
        .await
        .expect("secret");
    assert_eq!(secret.len(), 64);
    let signer = ThreadSigner::new(secret.as_bytes());
    // The thread the first email names is case 1's.
    let token = signer
        .read_message_id(&header(&messages[0], "Message-ID"))
        .expect("a signed Message-ID");
    let case = app.state.store.case_mail(&token).await.expect("the case");
    assert_eq!(case.number, 1);
    let root = signer.root(&token, "portico.test");
    let mut ids = Vec::new();
    for raw in &messages {
        let id = header(raw, "Message-ID");
        assert!(id.starts_with(&format!("<case.{token}.")), "{raw}");
        assert_eq!(signer.read_message_id(&id).as_deref(), Some(token.as_str()));
        assert_eq!(header(raw, "In-Reply-To"), root, "{raw}");
        assert_eq!(header(raw, "References"), root, "{raw}");
        assert_eq!(
            header(raw, "Reply-To"),
            "\"Portico support\" <support@portico.test>",
            "{raw}"
        );
        let subject = header(raw, "Subject");
        let reference = subject
            .rsplit_once("[ref:")
            .and_then(|(_, r)| r.strip_suffix(']'))
            .unwrap_or_else(|| panic!("no reference in {subject:?}"));
        assert_eq!(
            signer.read_reference(reference).as_deref(),
            Some(token.as_str())
        );
        ids.push(id);
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), messages.len(), "each email its own Message-ID");

    // Another process on the same database signs with the same secret.
    let other = TestApp::with_smtp(TestDb::existing(&url), Some(sink.url())).await;
    let again = other
        .state
        .store
        .secret(SECRET_SETTING)
        .await
        .expect("secret");
    assert_eq!(again, secret);
    // A reference made with another secret, or naming another case, reads as nothing.
    let stranger = ThreadSigner::new(&[1; 32]);
    assert_eq!(
        signer.read_message_id(&stranger.root(&token, "portico.test")),
        None
    );
    assert_eq!(signer.read_reference(&stranger.reference(&token)), None);
    let forged = ids[0].replace(&token, "0123456789ab");
    assert_eq!(signer.read_message_id(&forged), None);
}

on_both_backends!(every_case_email_answers_the_cases_signed_thread);
