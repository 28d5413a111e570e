//! The demo's cases: three dozen requests of the demo companies, in their contacts' languages, in
//! every status, with support's replies and internal notes, a file here and there, the history of
//! every change and survey answers, spread over the last three months, so that a first run shows
//! the queue, the lists and the case pages as they look in use. Written through the store with
//! the times they would have had (no email goes out for them).
use crate::backend::store::{
    CaseUpdate, NewAttachment, NewCase, NewComment, NewEvent, Store, StoreError,
};
use crate::backend::uploads::{BlobStore, put_bytes};
use crate::domain::case_page::{EventKind, excerpt};
use crate::domain::{CaseNumber, CaseOrigin, CaseStatus, Language, Priority, UserId};
use crate::error::AppError;
use chrono::{DateTime, Duration, Utc};

/// One request: subject, description, support's reply, the customer's answer, the resolution.
type Story = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const EN: &[Story] = &[
    (
        "Qapter claims: photos stay in the upload queue",
        "Since this morning photos of claim 44-1187 do not upload. The queue shows 12 photos waiting. Other claims upload fine.",
        "Thank you. Could you tell us the size of the photos? Files above 20 MB are refused.",
        "They are about 25 MB each, taken with the new tablet.",
        "Photos above 20 MB are refused; the tablet's camera now saves smaller photos (setting 'Standard').",
    ),
    (
        "Estimate total is wrong after the update",
        "After yesterday's update the estimate total for job 7731 is 142.50 higher than the sum of the lines.",
        "We can reproduce it: the paint material surcharge is counted twice. A fix is being tested.",
        "Thanks, we will wait before sending estimates to the insurer.",
        "Fixed in release 24.3.2: the surcharge is counted once. Recalculate open estimates.",
    ),
    (
        "PlanManager: cannot move a repair to next week",
        "Dragging a repair to next week in the planner does nothing. The browser is Edge.",
        "Does it work when you use the 'Move to' menu of the repair?",
        "Yes, the menu works. Dragging still does not.",
        "Dragging needs the planner's new view; switched it on for your company.",
    ),
    (
        "New colleague needs portal access",
        "Please give our new estimator, James Hall, access to the portal.",
        "James is added; he gets an email with a link to set his password.",
        "He has signed in. Thank you!",
        "Access granted.",
    ),
];

const RU: &[Story] = &[
    (
        "Qapter: не открывается калькуляция",
        "При открытии калькуляции 2024-115 появляется пустой экран. Другие калькуляции открываются.",
        "Спасибо. Пришлите, пожалуйста, снимок экрана и время, когда это произошло.",
        "Снимок экрана приложен, это было в 10:40 по Москве.",
        "Калькуляция восстановлена из резервной копии, повреждённая строка удалена.",
    ),
    (
        "Не приходит письмо для сброса пароля",
        "Коллега запросил ссылку для сброса пароля, но письмо не пришло ни во «Входящие», ни в «Спам».",
        "Мы видим, что почтовый сервер вашей компании отклонил письмо. Проверьте, пожалуйста, фильтр.",
        "Фильтр исправили, письмо пришло.",
        "Письмо отклонял фильтр почтового сервера клиента; после исправления доставлено.",
    ),
    (
        "Albatros: счёт выгружается с ошибкой",
        "При выгрузке счёта в бухгалтерию появляется ошибка «Неверный код НДС».",
        "Уточните, пожалуйста, для какого подразделения выгружается счёт.",
        "Для филиала в Казани.",
        "Для филиала не был задан код НДС; код добавлен, выгрузка работает.",
    ),
    (
        "Вопрос по лицензиям Qapter ME",
        "Сколько рабочих мест входит в нашу лицензию Qapter ME и можно ли добавить ещё два?",
        "В лицензию входит 10 рабочих мест. Добавить два можно, мы подготовим предложение.",
        "Спасибо, ждём предложение.",
        "Предложение на два дополнительных места отправлено.",
    ),
];

const NL: &[Story] = &[
    (
        "Qapter claims: foto's worden niet geüpload",
        "Sinds vanochtend blijven de foto's van schade 2211 in de wachtrij staan. Andere schades werken wel.",
        "Dank u. Hoe groot zijn de foto's? Bestanden boven 20 MB worden geweigerd.",
        "Ongeveer 22 MB per foto, gemaakt met de nieuwe telefoon.",
        "Foto's boven 20 MB worden geweigerd; de camera van de telefoon staat nu op 'Standaard'.",
    ),
    (
        "PlanManager toont verkeerde werkuren",
        "In de planning staan de werkuren van vrijdag op 7:00 tot 12:00, maar wij werken tot 17:00.",
        "De werkuren komen uit de vestigingsinstellingen. Zal ik ze voor u aanpassen?",
        "Ja graag, vrijdag 7:00 tot 17:00.",
        "Werkuren van vrijdag aangepast in de vestigingsinstellingen.",
    ),
    (
        "Iris: rapport blijft leeg",
        "Het maandrapport van Iris is leeg voor oktober, terwijl er wel schades zijn afgehandeld.",
        "We zien dat de gegevens van oktober nog niet zijn verwerkt. We starten de verwerking opnieuw.",
        "Het rapport is nu gevuld, dank u.",
        "De nachtelijke verwerking van oktober was mislukt; opnieuw uitgevoerd.",
    ),
    (
        "Factuur in Albatros heeft verkeerd btw-nummer",
        "Op onze facturen uit Albatros staat nog ons oude btw-nummer.",
        "Het btw-nummer staat in de bedrijfsgegevens. We passen het aan; welk nummer moet het zijn?",
        "BE0123.456.789",
        "Btw-nummer bijgewerkt; nieuwe facturen tonen het juiste nummer.",
    ),
];

/// The statuses of a company's cases, oldest first: every status, most of them closed.
const LIFE: [CaseStatus; 12] = [
    CaseStatus::Closed,
    CaseStatus::Closed,
    CaseStatus::Closed,
    CaseStatus::Closed,
    CaseStatus::Closed,
    CaseStatus::Closed,
    CaseStatus::Solved,
    CaseStatus::AwaitingCustomer,
    CaseStatus::InProgress,
    CaseStatus::InProgress,
    CaseStatus::New,
    CaseStatus::New,
];

/// The demo companies' contacts by email, with the stories in their language.
const CONTACTS: &[(&str, &str)] = &[
    (
        "anton.bykov@audatex-ru.example",
        "maria.smirnova@audatex-ru.example",
    ),
    ("sophie@janssens.example", "pieter@janssens.example"),
    (
        "emma.clarke@northwind.example",
        "emma.clarke@northwind.example",
    ),
];

/// Adds the demo cases unless there are cases already (so a second run, or a database in use,
/// gets none). Returns how many it added.
pub async fn seed_cases(store: &Store, blobs: &dyn BlobStore) -> Result<usize, AppError> {
    if store.case_summary(CaseNumber(1)).await?.is_some() {
        return Ok(0);
    }
    let mut agents = Vec::new();
    for email in [
        "olga.petrova@portico.example",
        "daan.visser@portico.example",
    ] {
        match store.find_user_by_email(email).await? {
            Some(u) => agents.push(u.id),
            None => return Ok(0),
        }
    }
    let now = Utc::now();
    let mut added = 0;
    for (company, (first, second)) in CONTACTS.iter().enumerate() {
        let (Some(first), Some(second)) = (
            store.find_user_by_email(first).await?,
            store.find_user_by_email(second).await?,
        ) else {
            continue;
        };
        let Some(account_id) = first.account_id else {
            continue;
        };
        let account = store.get_account(account_id).await?;
        let stories = match first.language {
            Language::Ru => RU,
            Language::Nl => NL,
            Language::En => EN,
        };
        for (i, status) in LIFE.iter().enumerate() {
            let k = company * LIFE.len() + i;
            let contact = if i % 3 == 2 { second.id } else { first.id };
            // Oldest first: about 85 days ago down to a couple of hours.
            let opened = now - Duration::hours(((LIFE.len() - i) as i64).pow(2) * 14 + k as i64);
            let plan = Plan {
                story: stories[i % stories.len()],
                status: *status,
                contact,
                agent: agents[k % agents.len()],
                priority: [
                    Priority::Normal,
                    Priority::High,
                    Priority::Low,
                    Priority::Urgent,
                ][k % 4],
                origin: [
                    CaseOrigin::Web,
                    CaseOrigin::Web,
                    CaseOrigin::Phone,
                    CaseOrigin::Email,
                ][k % 4],
                product: crate::backend::demo::SEED_PRODUCTS
                    [k % crate::backend::demo::SEED_PRODUCTS.len()],
                country: account.country.clone(),
                account_id,
                opened,
                file: k.is_multiple_of(3),
                rating: [5, 4, 5, 3, 5, 2, 4][k % 7],
            };
            plan.write(store, blobs).await?;
            added += 1;
        }
    }
    Ok(added)
}

/// One demo case to write.
struct Plan {
    story: Story,
    status: CaseStatus,
    contact: UserId,
    agent: UserId,
    priority: Priority,
    origin: CaseOrigin,
    product: &'static str,
    country: String,
    account_id: crate::domain::AccountId,
    opened: DateTime<Utc>,
    file: bool,
    rating: i32,
}

impl Plan {
    async fn write(&self, store: &Store, blobs: &dyn BlobStore) -> Result<(), AppError> {
        let (subject, description, reply, answer, resolution) = self.story;
        let attachments = if self.file {
            vec![self.log_file(store, blobs).await?]
        } else {
            Vec::new()
        };
        let product = store.find_product(&self.product.to_lowercase()).await?;
        let case = store
            .insert_case(
                &NewCase {
                    subject: subject.into(),
                    description: description.into(),
                    product_id: product.map(|p| p.id),
                    country: self.country.clone(),
                    origin: self.origin,
                    account_id: self.account_id,
                    contact_id: self.contact,
                    opened_at: self.opened,
                    thread_token: crate::backend::auth::new_token()[..12].to_string(),
                    uploader: self.contact,
                    attachments,
                    from_mail: None,
                },
                &[],
                None,
            )
            .await?;
        if self.status == CaseStatus::New {
            return Ok(());
        }
        let agent_name = store.get_user(self.agent).await?.name;
        let at = |minutes: i64| self.opened + Duration::minutes(minutes);
        let mut now = CaseStatus::New;
        let mut step = async |status: CaseStatus,
                              resolution: &str,
                              mut events: Vec<NewEvent>,
                              actor: UserId,
                              when: DateTime<Utc>|
               -> Result<(), StoreError> {
            events.insert(
                0,
                NewEvent {
                    kind: EventKind::Status,
                    old_value: now.code().into(),
                    new_value: status.code().into(),
                    public: true,
                },
            );
            let closed = status == CaseStatus::Closed;
            store
                .update_case(
                    &CaseUpdate {
                        case_id: case.id,
                        expected: now,
                        status,
                        priority: self.priority,
                        assignee_id: Some(self.agent),
                        resolution: resolution.into(),
                        actor: Some(actor),
                        events,
                        closed_at: closed.then_some(when),
                        invite: closed.then_some(self.contact),
                        now: when,
                    },
                    &|_| Vec::new(),
                )
                .await?;
            now = status;
            Ok(())
        };
        // Taken: assigned, prioritised, in progress.
        let mut taken = vec![NewEvent {
            kind: EventKind::Assignee,
            old_value: String::new(),
            new_value: agent_name,
            public: false,
        }];
        if self.priority != Priority::Normal {
            taken.push(NewEvent {
                kind: EventKind::Priority,
                old_value: Priority::Normal.code().into(),
                new_value: self.priority.code().into(),
                public: false,
            });
        }
        step(CaseStatus::InProgress, "", taken, self.agent, at(35)).await?;
        let comment = async |author: UserId, body: &str, public: bool, when| {
            let kind = if public {
                EventKind::Comment
            } else {
                EventKind::InternalComment
            };
            store
                .add_comment(
                    &NewComment {
                        case_id: case.id,
                        author_id: author,
                        body: body.into(),
                        public,
                        created_at: when,
                        reopen: false,
                        events: vec![NewEvent {
                            kind,
                            old_value: String::new(),
                            new_value: excerpt(body),
                            public,
                        }],
                        attachments: Vec::new(),
                        from_mail: None,
                    },
                    &|_| Vec::new(),
                )
                .await
        };
        comment(
            self.agent,
            "Checked the logs and the release notes; see the reply to the customer.",
            false,
            at(50),
        )
        .await?;
        comment(self.agent, reply, true, at(70)).await?;
        if self.status == CaseStatus::InProgress {
            return Ok(());
        }
        step(
            CaseStatus::AwaitingCustomer,
            "",
            Vec::new(),
            self.agent,
            at(71),
        )
        .await?;
        if self.status == CaseStatus::AwaitingCustomer {
            return Ok(());
        }
        // The customer answers (which reopens it), support solves it.
        comment(self.contact, answer, true, at(300)).await?;
        step(
            CaseStatus::InProgress,
            "",
            Vec::new(),
            self.contact,
            at(300),
        )
        .await?;
        let solved = vec![NewEvent {
            kind: EventKind::Resolution,
            old_value: String::new(),
            new_value: resolution.into(),
            public: true,
        }];
        step(CaseStatus::Solved, resolution, solved, self.agent, at(600)).await?;
        if self.status == CaseStatus::Solved {
            return Ok(());
        }
        // "My problem is solved", and the survey answered an hour later.
        let closed = at(600 + 60 * 24);
        step(
            CaseStatus::Closed,
            resolution,
            Vec::new(),
            self.contact,
            closed,
        )
        .await?;
        let feedback = if self.rating >= 4 {
            "Quick and clear, thank you."
        } else {
            "It took several days."
        };
        store
            .answer_survey(
                case.id,
                self.contact,
                self.rating,
                feedback,
                closed + Duration::hours(1),
            )
            .await?;
        Ok(())
    }

    /// A small log file the contact attached, stored like an upload.
    async fn log_file(
        &self,
        store: &Store,
        blobs: &dyn BlobStore,
    ) -> Result<crate::domain::AttachmentId, AppError> {
        use sha2::Digest;
        let text = format!(
            "{} ERROR request failed: status 500 (retry 3 of 3)\n{} INFO user signed out\n",
            self.opened.format("%Y-%m-%d %H:%M:%S"),
            (self.opened + Duration::minutes(2)).format("%Y-%m-%d %H:%M:%S"),
        );
        let key = put_bytes(blobs, text.as_bytes()).await?;
        let sha256 = crate::backend::auth::hex(&sha2::Sha256::digest(text.as_bytes()));
        Ok(store
            .insert_attachment(&NewAttachment {
                case_id: None,
                uploaded_by: self.contact,
                file_name: "error-log.txt".into(),
                content_type: "text/plain".into(),
                size_bytes: text.len() as i64,
                sha256,
                storage_key: key,
                created_at: self.opened,
            })
            .await?)
    }
}
