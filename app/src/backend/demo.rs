//! `portico seed-demo`: a few companies with contacts, two agents, an admin, a product catalog
//! (the seeds' products first), knowledge articles in each language and, on a database without
//! cases, three dozen cases in every status (`demo_cases`). Safe to run again: it adds only what is missing.
use crate::backend::demo_articles::DEMO_ARTICLES;
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

/// The articles of earlier demo seeds (number, title) that described a reset flow Portico does not
/// have (a link valid for an hour, 12 characters): `seed_demo` removes them where they are unchanged.
const RETIRED_DEMO_ARTICLES: &[(i64, &str)] = &[
    (1001, "Resetting your portal password"),
    (1002, "Qapter claims: photos do not upload"),
    (1003, "What to write in a good support case"),
    (1004, "Как сбросить пароль портала"),
    (1005, "Qapter: расчёт не открывается после обновления"),
    (1006, "Как прикрепить файлы к обращению"),
    (1007, "Uw wachtwoord voor het klantenportaal herstellen"),
    (1008, "PlanManager: planning synchroniseert niet"),
    (1009, "Een goed supportticket schrijven"),
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
        Language::En,
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
    for (number, title) in RETIRED_DEMO_ARTICLES {
        store.delete_article_titled(*number, title).await?;
    }
    for a in DEMO_ARTICLES {
        let article = NewArticle {
            number: a.number,
            language: a.language,
            category: a.category,
            translation_group: Some(i64::from(a.topic)),
            title: a.title.into(),
            summary: a.summary.into(),
            body: a.body.into(),
            published: true,
            updated_at: written,
        };
        store.insert_article_if_new(&article).await?;
        for product in a.products {
            let id = store.ensure_product(product, true).await?;
            store.link_article_product(a.number, id).await?;
        }
    }
    report.articles = store.count_articles().await?;
    if cases {
        report.cases_added = super::demo_cases::seed_cases(store, blobs).await?;
    }
    Ok(report)
}
