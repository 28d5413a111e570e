//! `portico seed-demo`: a few companies with contacts, two agents, an admin and a product catalog
//! (the seeds' products first). Safe to run again: it adds only what is missing.
use crate::backend::services::users::{AddUser, add_user};
use crate::backend::store::{NewAccount, Store};
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

/// Adds whatever of the demo data is missing.
pub async fn seed_demo(store: &dyn Store) -> Result<SeedReport, AppError> {
    let mut report = SeedReport::default();
    for (name, phone, country) in ACCOUNTS {
        if store.find_account_by_name(name).await?.is_none() {
            let account = NewAccount {
                name: (*name).into(),
                phone: (*phone).into(),
                country: (*country).into(),
                portal_contact_limit: 3,
            };
            store.insert_account(&account).await?;
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
    Ok(report)
}
