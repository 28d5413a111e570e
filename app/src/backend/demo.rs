//! `portico seed-demo`: a few companies with contacts, two agents, an admin, a product catalog
//! (the seeds' products first), knowledge articles in each language and, on a database without
//! cases, three dozen cases in every status (`demo_cases`). Safe to run again: it adds only what is missing.
use crate::backend::services::accounts::{AccountInput, add_account};
use crate::backend::services::users::{AddUser, add_user};
use crate::backend::store::{NewArticle, Store};
use crate::domain::{Language, Role};
use crate::error::AppError;

/// The password every demo login gets (printed by `make run`).
pub const DEMO_PASSWORD: &str = "portico-demo-2026";

/// Products named in the user guides, in the order their autocomplete lists them.
pub const SEED_PRODUCTS: &[&str] = &[
    "Qapter claims",
    "Qapter",
    "Qapter ME",
    "Qapter offline",
    "QapterExpress",
    "PlanManager",
    "Albatros",
    "Iris",
];

/// The rest of the demo catalog: plausible products of a claims-and-repair software vendor.
pub const MORE_PRODUCTS: &[&str] = &[
    "Audatex AudaPad",
    "Audatex Estimate",
    "AudaBridge",
    "AudaFusion",
    "AudaGlass",
    "AudaPlus",
    "AudaTrace",
    "AutoiXpert",
    "Claims Gateway",
    "Claims Workflow Manager",
    "DMS Connect",
    "Enterprise Claims Hub",
    "Fleet Repair Manager",
    "GT Motive",
    "Hollander Interchange",
    "Identifix Direct-Hit",
    "Inspect Mobile",
    "Iris Analytics",
    "Iris Connect",
    "Paint Manager",
    "Parts Finder",
    "PlanManager Mobile",
    "PlanManager Online",
    "Qapter Analytics",
    "Qapter Photo Estimate",
    "Qapter Repair Planner",
    "QapterExpress Mobile",
    "Rental Car Connect",
    "Repair Shop Portal",
    "Salvage Valuation",
    "Sidexa",
    "Total Loss Valuation",
    "Valuation Express",
    "Vehicle History Report",
    "VIN Decoder",
    "Web Estimate",
    "Workshop Scheduler",
    "Albatros Archive",
    "Albatros Invoicing",
    "Albatros Payments",
];

/// Demo knowledge articles: number, language, title, summary, text.
pub const DEMO_ARTICLES: &[(i64, Language, &str, &str, &str)] = &[
    (
        1001,
        Language::En,
        "Resetting your portal password",
        "Forgot your password? Ask for a reset link on the sign-in page.",
        "On the sign-in page choose \"Forgot your password?\" and enter the email address you sign in with.\n\nWe send a link that is valid for one hour. Open it, choose a new password of at least 12 characters and sign in.\n\nNo email after a few minutes? Look in your spam folder, or ask a colleague with portal access to create a case for you.",
    ),
    (
        1002,
        Language::En,
        "Qapter claims: photos do not upload",
        "What to check when photos stay in the upload queue of Qapter claims.",
        "Photos larger than 20 MB are refused by Qapter claims. Reduce the camera resolution or resize the photos before uploading.\n\nCheck that the browser may reach the upload service: a company proxy that blocks large uploads keeps photos in the queue.\n\nStill stuck? Create a case with the claim number and attach one of the photos.",
    ),
    (
        1003,
        Language::En,
        "What to write in a good support case",
        "The details that let support solve your case on the first reply.",
        "Give the case a short subject that says what fails, for example \"Estimate total is wrong after update\".\n\nIn the description write what you did, what you expected and what happened instead, with the claim or estimate number.\n\nPick the product, and attach screenshots or the file that shows the problem.",
    ),
    (
        1004,
        Language::Ru,
        "Как сбросить пароль портала",
        "Забыли пароль? Запросите ссылку для сброса на странице входа.",
        "На странице входа нажмите «Забыли пароль?» и введите адрес электронной почты, с которым вы входите.\n\nМы отправим ссылку, которая действует один час. Откройте её, задайте новый пароль не короче 12 символов и войдите.\n\nПисьма нет? Проверьте папку «Спам» или попросите коллегу с доступом к порталу создать обращение за вас.",
    ),
    (
        1005,
        Language::Ru,
        "Qapter: расчёт не открывается после обновления",
        "Что сделать, если после обновления Qapter расчёт не открывается.",
        "Очистите кэш браузера и войдите в Qapter заново.\n\nЕсли расчёт по-прежнему не открывается, запишите номер убытка и время ошибки и создайте обращение, выбрав продукт Qapter. Приложите снимок экрана с ошибкой.",
    ),
    (
        1006,
        Language::Ru,
        "Как прикрепить файлы к обращению",
        "Перетащите файлы в область загрузки или нажмите «Загрузить файлы».",
        "В форме обращения перетащите файлы в область загрузки или нажмите «Загрузить файлы» и выберите их.\n\nРазмер одного файла ограничен (по умолчанию 25 МБ). Пока файл загружается, виден индикатор; ненужный файл можно удалить до отправки.",
    ),
    (
        1007,
        Language::Nl,
        "Uw wachtwoord voor het klantenportaal herstellen",
        "Wachtwoord vergeten? Vraag een herstellink aan op de aanmeldpagina.",
        "Kies op de aanmeldpagina \"Wachtwoord vergeten?\" en vul het e-mailadres in waarmee u zich aanmeldt.\n\nWe sturen een link die één uur geldig is. Open die, kies een nieuw wachtwoord van minstens 12 tekens en meld u aan.\n\nGeen e-mail ontvangen? Kijk in uw spammap of vraag een collega met toegang tot het portaal om een ticket voor u aan te maken.",
    ),
    (
        1008,
        Language::Nl,
        "PlanManager: planning synchroniseert niet",
        "Wat u kunt controleren als de planning in PlanManager niet bijwerkt.",
        "Controleer of u met de laatste versie van PlanManager werkt en meld u opnieuw aan.\n\nBlijft de planning oud? Maak een ticket aan met het product PlanManager, de naam van de werkplaats en het tijdstip van de laatste geslaagde synchronisatie.",
    ),
    (
        1009,
        Language::Nl,
        "Een goed supportticket schrijven",
        "De gegevens waarmee support uw ticket bij het eerste antwoord kan oplossen.",
        "Geef het ticket een kort onderwerp dat zegt wat er misgaat.\n\nBeschrijf wat u deed, wat u verwachtte en wat er gebeurde, met het schade- of calculatienummer. Kies het product en voeg schermafdrukken toe.",
    ),
];

/// A demo person: email, name, phone, role, company, language.
struct DemoUser(
    &'static str,
    &'static str,
    &'static str,
    Role,
    Option<&'static str>,
    Language,
);

const ACCOUNTS: &[(&str, &str, &str)] = &[
    ("AUDATEX Russia", "+7 495 123-45-67", "Russia"),
    ("Carrosserie Janssens BV", "+32 3 456 78 90", "Belgium"),
    (
        "Northwind Body Repair Ltd",
        "+44 20 7946 0958",
        "United Kingdom",
    ),
];

const USERS: &[DemoUser] = &[
    DemoUser(
        "anton.bykov@audatex-ru.example",
        "Антон Быков",
        "+7 916 555-01-02",
        Role::Customer,
        Some("AUDATEX Russia"),
        Language::Ru,
    ),
    DemoUser(
        "maria.smirnova@audatex-ru.example",
        "Мария Смирнова",
        "+7 916 555-03-04",
        Role::Customer,
        Some("AUDATEX Russia"),
        Language::Ru,
    ),
    DemoUser(
        "sophie@janssens.example",
        "Sophie Janssens",
        "+32 475 12 34 56",
        Role::Customer,
        Some("Carrosserie Janssens BV"),
        Language::Nl,
    ),
    DemoUser(
        "pieter@janssens.example",
        "Pieter de Vries",
        "+32 475 65 43 21",
        Role::Customer,
        Some("Carrosserie Janssens BV"),
        Language::Nl,
    ),
    DemoUser(
        "emma.clarke@northwind.example",
        "Emma Clarke",
        "+44 7700 900123",
        Role::Customer,
        Some("Northwind Body Repair Ltd"),
        Language::En,
    ),
    DemoUser(
        "olga.petrova@portico.example",
        "Olga Petrova",
        "+31 20 555 0101",
        Role::Agent,
        None,
        Language::Ru,
    ),
    DemoUser(
        "daan.visser@portico.example",
        "Daan Visser",
        "+31 20 555 0102",
        Role::Agent,
        None,
        Language::Nl,
    ),
    DemoUser(
        "admin@portico.example",
        "Alex Admin",
        "+31 20 555 0100",
        Role::Admin,
        None,
        Language::En,
    ),
];

/// One demo login, for printing.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    /// Username.
    pub email: &'static str,
    /// Role.
    pub role: Role,
    /// Company, for customers.
    pub account: Option<&'static str>,
}

/// What a seed run did.
#[derive(Debug, Clone, Default)]
pub struct SeedReport {
    /// Companies added by this run.
    pub accounts_added: usize,
    /// People added by this run.
    pub users_added: usize,
    /// Products in the catalog after the run.
    pub products: i64,
    /// Published knowledge articles after the run.
    pub articles: i64,
    /// Cases added by this run.
    pub cases_added: usize,
}

/// Every demo login.
pub fn demo_logins() -> Vec<DemoLogin> {
    USERS
        .iter()
        .map(|u| DemoLogin {
            email: u.0,
            role: u.3,
            account: u.4,
        })
        .collect()
}

/// Adds whatever of the demo data is missing; with `cases`, the demo cases too (files in `blobs`)
/// when there are no cases yet.
pub async fn seed_demo(
    store: &Store,
    blobs: &dyn crate::backend::uploads::BlobStore,
    cases: bool,
) -> Result<SeedReport, AppError> {
    let mut report = SeedReport::default();
    for (name, phone, country) in ACCOUNTS {
        if store.find_account_by_name(name).await?.is_none() {
            let account = AccountInput {
                name: (*name).into(),
                phone: (*phone).into(),
                country: (*country).into(),
            };
            add_account(store, &account).await?;
            report.accounts_added += 1;
        }
    }
    for DemoUser(email, name, phone, role, account, language) in USERS {
        if store.find_user_by_email(email).await?.is_some() {
            continue;
        }
        add_user(
            store,
            AddUser {
                email: (*email).into(),
                name: (*name).into(),
                phone: (*phone).into(),
                role: *role,
                account: account.map(Into::into),
                language: *language,
                password: Some(DEMO_PASSWORD.into()),
            },
        )
        .await?;
        report.users_added += 1;
    }
    for product in SEED_PRODUCTS.iter().chain(MORE_PRODUCTS) {
        store.ensure_product(product, true).await?;
    }
    report.products = store.count_products().await?;
    let written = chrono::Utc::now();
    for (number, language, title, summary, body) in DEMO_ARTICLES {
        let article = NewArticle {
            number: *number,
            language: *language,
            title: (*title).into(),
            summary: (*summary).into(),
            body: (*body).into(),
            published: true,
            updated_at: written,
        };
        store.insert_article_if_new(&article).await?;
    }
    report.articles = store.count_articles().await?;
    if cases {
        report.cases_added = super::demo_cases::seed_cases(store, blobs).await?;
    }
    Ok(report)
}
