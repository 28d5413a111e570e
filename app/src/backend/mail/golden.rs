//! Every email in every language, as its recipient gets it (subject, plain text, HTML), pinned by
//! `insta` snapshots under `snapshots/`. A change to a layout, a template or a translation shows
//! up here as a diff to read. After a deliberate change: `INSTA_UPDATE=always cargo test -p app
//! --features ssr golden` rewrites them (CI never does: it fails on any difference).
use super::*;
use crate::domain::CaseStatus;

const LANGUAGES: [Language; 3] = [Language::En, Language::Ru, Language::Nl];
const TO: &str = "anna@example.com";
const LINK: &str = "https://support.example.com/cases/00001042";
const TOKEN: &str = "3f9c2a7b1e04";

fn pin(name: &str, language: Language, email: &OutgoingEmail) {
    let shown = format!(
        "To: {} <{}>\nSubject: {}\nSecrets: {:?}\n\n--- text ---\n{}\n--- html ---\n{}",
        email.to_name, email.to, email.subject, email.secrets, email.text, email.html
    );
    insta::assert_snapshot!(format!("{name}_{}", language.code()), shown);
}

#[test]
fn golden_welcome_and_temporary_password() {
    for language in LANGUAGES {
        for (name, staff) in [("welcome", false), ("welcome_staff", true)] {
            let welcome = Message::Welcome {
                name: "Anna <Admin>",
                staff,
                email: TO,
                link: "https://support.example.com/password/set?token=abc&x=1",
                hours: 72,
            };
            pin(
                name,
                language,
                &render(language, TO, "Anna <Admin>", &welcome),
            );
        }
        let reset = Message::TemporaryPassword {
            name: "Anna",
            email: TO,
            password: "Tq7-vLm2-9xZe",
            sign_in_link: "https://support.example.com/login",
            hours: 24,
        };
        pin(
            "temporary_password",
            language,
            &render(language, TO, "Anna", &reset),
        );
    }
}

#[test]
fn golden_case_emails() {
    for language in LANGUAGES {
        let created = CaseCreatedMail {
            name: "Anna",
            number: "00001042",
            subject: "Printer </title> jams & smokes",
            description: "Page 2 jams.\nThen it smokes.",
            product: "LaserJet 4000",
            country: "Netherlands",
            opened: &crate::backend::time::Reader::of(language, "Europe/Amsterdam").absolute(
                chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 5, 13, 7, 0)
                    .single()
                    .expect("a time"),
            ),
            link: LINK,
            thread_token: TOKEN,
        };
        pin(
            "case_created",
            language,
            &render_case_created(language, TO, &created),
        );
        for internal in [false, true] {
            let comment = CaseCommentMail {
                name: "Anna",
                number: "00001042",
                subject: "Printer jams",
                author: "Support <Desk>",
                body: "Please try the {{link}} tray.\nThanks",
                internal,
                link: LINK,
                thread_token: TOKEN,
            };
            let name = if internal {
                "case_comment_internal"
            } else {
                "case_comment"
            };
            pin(name, language, &render_case_comment(language, TO, &comment));
        }
        let solved = CaseSolvedMail {
            name: "Anna",
            number: "00001042",
            subject: "Printer jams",
            product: "LaserJet 4000",
            resolution: "Replaced the fuser.",
            link: LINK,
            thread_token: TOKEN,
        };
        pin(
            "case_solved",
            language,
            &render_case_solved(language, TO, &solved),
        );
        let survey = CaseSurveyMail {
            name: "Anna",
            number: "00001042",
            subject: "Printer jams",
            link: "https://support.example.com/survey?token=abc",
            thread_token: TOKEN,
        };
        pin(
            "case_survey",
            language,
            &render_case_survey(language, TO, &survey),
        );
        let status = CaseStatusMail {
            name: "Anna",
            number: "00001042",
            subject: "Printer jams",
            status: CaseStatus::AwaitingCustomer,
            staff: false,
            link: LINK,
            thread_token: TOKEN,
        };
        pin(
            "case_status",
            language,
            &render_case_status(language, TO, &status),
        );
        let reopened = CaseStatusMail {
            name: "Bram",
            status: CaseStatus::InProgress,
            staff: true,
            ..status
        };
        pin(
            "case_status_staff",
            language,
            &render_case_status(language, TO, &reopened),
        );
        let version = FileChangedMail {
            name: "Anna",
            place: FilePlace::Case {
                number: "00001042",
                subject: "Printer jams",
                thread_token: TOKEN,
            },
            file: "error-log.txt",
            version: Some(2),
            by: "Bram Jansen",
            link: LINK,
        };
        pin(
            "file_version",
            language,
            &render_file_changed(language, TO, &version),
        );
        let removed = FileChangedMail {
            version: None,
            ..version
        };
        pin(
            "file_removed",
            language,
            &render_file_changed(language, TO, &removed),
        );
        let article = FileChangedMail {
            place: FilePlace::Article {
                number: "000001024",
                title: "Calibrating the spectrophotometer",
            },
            file: "calibration.pdf",
            link: "https://support.example.com/kb/articles/000001024#file-7",
            ..removed
        };
        pin(
            "article_file_removed",
            language,
            &render_file_changed(language, TO, &article),
        );
        let new = CaseNewMail {
            name: "Bram",
            number: "00001042",
            subject: "Printer jams",
            description: "Page 2 jams.\nThen it smokes.",
            product: "LaserJet 4000",
            contact: "Anna de Boer",
            account: "Acme & Co",
            link: LINK,
            thread_token: TOKEN,
        };
        pin("case_new", language, &render_case_new(language, TO, &new));
        let assigned = CaseAssignedMail {
            name: "Bram",
            number: "00001042",
            subject: "Printer jams",
            priority: crate::domain::Priority::High,
            link: LINK,
            thread_token: TOKEN,
        };
        pin(
            "case_assigned",
            language,
            &render_case_assigned(language, TO, &assigned),
        );
    }
}

#[test]
fn golden_access_request_emails() {
    let support = crate::domain::support::SupportContact {
        phone: "+31 20 555 0100".into(),
        email: "support@example.com".into(),
    };
    for language in LANGUAGES {
        pin(
            "access_received",
            language,
            &render_access_received(language, TO, "Anna <Admin>", "Acme & Sons", &support),
        );
        pin(
            "access_has_account",
            language,
            &render_access_has_account(
                language,
                TO,
                "Anna",
                "https://support.example.com/login",
                "https://support.example.com/password/forgot",
            ),
        );
        pin(
            "access_declined",
            language,
            &render_access_declined(
                language,
                TO,
                "Anna",
                "Your company has three <b>contacts</b> already",
                &crate::domain::support::SupportContact::default(),
            ),
        );
    }
}
