//! Opening a case: product autocomplete, validation, the number, and the confirmation email (queued
//! in the same transaction as the case).
use crate::backend::auth::Actor;
use crate::backend::jobs::Job;
use crate::backend::policy;
use crate::backend::store::{AttemptKind, NewCase, ProductRow, SlotAsk, Store, StoreError};
use crate::domain::cases::{
    COUNTRY_MAX, CaseCreated, DESCRIPTION_MAX, MIN_PRODUCT_QUERY, NewCaseDefaults, ProductOption,
    SUBJECT_MAX,
};
use crate::domain::{AccountId, CaseOrigin, UserId};
use crate::error::{AppError, FieldErrors, add_field_error};
use crate::messages::MessageKey;

/// Suggestions the autocomplete shows at most.
pub const SUGGESTIONS: i64 = 10;
/// Products the "press Enter" list shows at most.
pub const FULL_LIST: i64 = 500;
fn options(rows: Vec<ProductRow>) -> Vec<ProductOption> {
    rows.into_iter()
        .map(|p| ProductOption {
            id: p.id,
            name: p.name,
        })
        .collect()
}

/// What a product lookup of `actor` searches for: `q` folded, or `None` (no results) when it is
/// shorter than `MIN_PRODUCT_QUERY` or implausibly long; `policy::can_look_up_products` first.
fn product_query(actor: &Actor, q: &str) -> Result<Option<String>, AppError> {
    policy::require(actor, policy::can_look_up_products)?;
    // No control characters reach the database (PostgreSQL refuses a NUL in text outright).
    let q = crate::domain::clean_line(q).to_lowercase();
    let len = q.chars().count();
    Ok((MIN_PRODUCT_QUERY..=200).contains(&len).then_some(q))
}

/// Up to `SUGGESTIONS` active products containing `q` (those starting with it first); nothing
/// below `MIN_PRODUCT_QUERY` characters.
pub async fn suggest_products(
    store: &Store,
    actor: &Actor,
    q: &str,
) -> Result<Vec<ProductOption>, AppError> {
    let Some(q) = product_query(actor, q)? else {
        return Ok(Vec::new());
    };
    Ok(options(store.search_products(&q, SUGGESTIONS).await?))
}

/// Every active product starting with `q` (up to `FULL_LIST`).
pub async fn products_starting_with(
    store: &Store,
    actor: &Actor,
    q: &str,
) -> Result<Vec<ProductOption>, AppError> {
    let Some(q) = product_query(actor, q)? else {
        return Ok(Vec::new());
    };
    Ok(options(store.products_starting_with(&q, FULL_LIST).await?))
}

/// Companies support's form offers to choose from, by name.
const ACCOUNTS_OFFERED: i64 = 500;

/// What the form starts with: the company's country and the upload limit; for support, who log
/// cases for customers, the companies to choose from and the chosen `account`'s contacts (`clone`:
/// the company and contact of that case).
pub async fn defaults(
    state: &crate::backend::state::AppState,
    actor: &Actor,
    account: Option<AccountId>,
    clone: Option<&str>,
) -> Result<NewCaseDefaults, AppError> {
    let max_upload_mb = state.settings.max_upload_mb;
    if !policy::can_log_case_for_customer(actor) {
        let (_, account) = opener(actor)?;
        let account = state.store.get_account(account).await?;
        return Ok(NewCaseDefaults {
            country: account.country,
            max_upload_mb,
            for_customer: None,
        });
    }
    let mut account = account;
    let mut contact = None;
    // A case that is gone simply gives no starting point.
    if let Some(number) = clone
        && let Ok(case) = crate::backend::access::visible_case(&state.store, actor, number).await
    {
        account = Some(case.account_id);
        contact = Some(case.contact_id);
    }
    let mut accounts = state.store.account_names(ACCOUNTS_OFFERED).await?;
    let chosen = match account {
        Some(id) => match state.store.get_account(id).await {
            Ok(row) => Some(row),
            Err(crate::backend::store::StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    let (country, account, contacts) = match chosen {
        Some(row) => {
            if !accounts.iter().any(|(id, _)| *id == row.id) {
                accounts.push((row.id, row.name.clone()));
            }
            let contacts = state
                .store
                .list_contacts(row.id)
                .await?
                .into_iter()
                .map(|c| (c.id, c.name, c.email))
                .collect();
            (row.country, Some((row.id, row.name)), contacts)
        }
        None => (String::new(), None, Vec::new()),
    };
    Ok(NewCaseDefaults {
        country,
        max_upload_mb,
        for_customer: Some(crate::domain::cases::ForCustomer {
            accounts,
            account,
            contacts,
            contact,
        }),
    })
}

/// The contact opening a case and their company, if [`policy::can_open_case`] allows `actor`.
fn opener(actor: &Actor) -> Result<(UserId, AccountId), AppError> {
    policy::require(actor, policy::can_open_case)?;
    actor.customer()
}

/// For whom a case is opened, and by whom.
struct Opening {
    /// Whose pending uploads become its files (and who is throttled).
    uploader: UserId,
    /// The company.
    account_id: AccountId,
    /// Its contact, who gets the emails.
    contact_id: UserId,
    /// How it came in.
    origin: CaseOrigin,
}

/// A customer opens a case for themselves (origin Web); support logs one for a contact of the
/// company they chose (`account`, `contact`: ids; `origin`: phone or email), adding field errors
/// (`account`, `contact`, `origin`) to `errors`. `None` when one was added.
async fn opening(
    store: &Store,
    actor: &Actor,
    input: &CaseInput,
    errors: &mut FieldErrors,
) -> Result<Option<Opening>, AppError> {
    if !policy::can_log_case_for_customer(actor) {
        let (contact_id, account_id) = opener(actor)?;
        return Ok(Some(Opening {
            uploader: contact_id,
            account_id,
            contact_id,
            origin: CaseOrigin::Web,
        }));
    }
    let uploader = actor.signed_in()?;
    let origin = match CaseOrigin::from_code(input.origin.trim()) {
        Some(o @ (CaseOrigin::Phone | CaseOrigin::Email)) => Some(o),
        _ => {
            add_field_error(errors, "origin", MessageKey::OriginInvalid);
            None
        }
    };
    let Some(account_id) = input.account.trim().parse::<i64>().ok().map(AccountId) else {
        add_field_error(errors, "account", MessageKey::AccountChoose);
        return Ok(None);
    };
    match store.get_account(account_id).await {
        Ok(_) => {}
        Err(crate::backend::store::StoreError::NotFound) => {
            add_field_error(errors, "account", MessageKey::AccountChoose);
            return Ok(None);
        }
        Err(e) => return Err(e.into()),
    }
    let contacts = store.list_contacts(account_id).await?;
    let contact = input
        .contact
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| contacts.iter().find(|c| c.id.0 == id));
    let Some(contact) = contact else {
        add_field_error(errors, "contact", MessageKey::ContactInvalid);
        return Ok(None);
    };
    Ok(origin.map(|origin| Opening {
        uploader,
        account_id,
        contact_id: contact.id,
        origin,
    }))
}

/// The form as typed.
#[derive(Debug, Clone, Default)]
pub struct CaseInput {
    /// Subject (required).
    pub subject: String,
    /// Description.
    pub description: String,
    /// Product name as picked or typed (optional; must be an active product).
    pub product: String,
    /// Country (empty: the company's).
    pub country: String,
    /// Ids of the contact's pending uploads, comma-separated (the form's hidden `attachments`).
    pub attachments: String,
    /// Support only: the company's id.
    pub account: String,
    /// Support only: the contact's id.
    pub contact: String,
    /// Support only: how the case came in (`phone`, `email`).
    pub origin: String,
}

impl CaseInput {
    /// The form's fields as [`FORM_FIELDS`](crate::domain::cases::FORM_FIELDS) names them.
    pub fn from_form(typed: impl Fn(&str) -> String) -> Self {
        Self {
            subject: typed("subject"),
            description: typed("description"),
            product: typed("product"),
            country: typed("country"),
            attachments: typed("attachments"),
            account: typed("account"),
            contact: typed("contact"),
            origin: typed("origin"),
        }
    }

    /// The fields by name, for a draft of the form.
    pub fn typed(&self) -> [(&'static str, &str); 8] {
        [
            ("subject", self.subject.as_str()),
            ("description", self.description.as_str()),
            ("product", self.product.as_str()),
            ("country", self.country.as_str()),
            ("attachments", self.attachments.as_str()),
            ("account", self.account.as_str()),
            ("contact", self.contact.as_str()),
            ("origin", self.origin.as_str()),
        ]
    }
}

/// The ids in the form's `attachments` field; `None` if it is not a list of ids.
fn attachment_ids(raw: &str) -> Option<Vec<crate::domain::AttachmentId>> {
    let mut ids = Vec::new();
    for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let id = crate::domain::AttachmentId(part.parse().ok()?);
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Some(ids)
}

/// A case's own fields, checked: the one place their rules live (opening a case, support editing
/// one).
#[derive(Debug, Clone)]
pub struct CaseFields {
    /// Subject, without control characters.
    pub subject: String,
    /// Description, trimmed.
    pub description: String,
    /// The product, if one was named.
    pub product: Option<ProductRow>,
    /// Country, trimmed (may be empty).
    pub country: String,
}

/// Checks `input`'s subject, description, product and country, adding field errors to `errors`
/// (`subject`, `description`, `product`, `country`). The product must be active, unless it is
/// `keep` (the case's own, which may have been switched off since).
pub async fn case_fields(
    store: &Store,
    input: &CaseInput,
    keep: Option<crate::domain::ProductId>,
    errors: &mut FieldErrors,
) -> Result<CaseFields, AppError> {
    let mut add = |field: &str, key: MessageKey| add_field_error(errors, field, key);
    // Control characters in a subject travel into email headers and lists: they go.
    let subject = crate::domain::clean_line(&input.subject);
    if subject.is_empty() {
        add("subject", MessageKey::SubjectRequired);
    } else if subject.chars().count() > SUBJECT_MAX {
        add("subject", MessageKey::SubjectLong);
    }
    let description = crate::domain::clean_text(&input.description);
    if description.chars().count() > DESCRIPTION_MAX {
        add("description", MessageKey::DescriptionLong);
    }
    let product_name = crate::domain::clean_line(&input.product).to_lowercase();
    let product = if product_name.is_empty() {
        None
    } else {
        match store.find_product(&product_name).await? {
            Some(p) if p.active || Some(p.id) == keep => Some(p),
            _ => {
                add("product", MessageKey::ProductUnknown);
                None
            }
        }
    };
    let country = crate::domain::clean_line(&input.country);
    if country.chars().count() > COUNTRY_MAX {
        add("country", MessageKey::CountryLong);
    }
    Ok(CaseFields {
        subject,
        description,
        product,
        country,
    })
}

/// Cases one person may open per hour.
pub const CASE_RATE: super::auth::Rate = (chrono::Duration::hours(1), 100, None);

/// Opens a case: a customer's for their own company, origin Web; support's for a contact of any
/// company, origin Phone or Email ([`policy::can_log_case_for_customer`]). Either way the contact
/// gets the confirmation. Field errors: `subject`, `description`, `product`, `country`,
/// `attachments`, and support's `account`, `contact`, `origin`.
pub async fn open_case(
    store: &Store,
    actor: &Actor,
    input: CaseInput,
) -> Result<CaseCreated, AppError> {
    open(store, actor, input, None).await
}

/// A case that an email opens: the inbound message it comes from (settled with the case, exactly
/// once), and whether its contact gets the confirmation (not past the cap of automatic answers).
#[derive(Debug, Clone, Copy)]
pub struct ByMail {
    /// The message.
    pub source: crate::backend::store::MailSource,
    /// Send the usual confirmation.
    pub confirm: bool,
}

/// Opens the case that an email from contact `actor` asks for: origin Email, otherwise exactly as
/// [`open_case`] (same rules, limits and emails).
pub async fn open_case_by_mail(
    store: &Store,
    actor: &Actor,
    input: CaseInput,
    mail: ByMail,
) -> Result<CaseCreated, AppError> {
    open(store, actor, input, Some(mail)).await
}

async fn open(
    store: &Store,
    actor: &Actor,
    input: CaseInput,
    mail: Option<ByMail>,
) -> Result<CaseCreated, AppError> {
    let mut errors = FieldErrors::new();
    let opening = opening(store, actor, &input, &mut errors).await?;
    let fields = case_fields(store, &input, None, &mut errors).await?;
    let mut add = |field: &str, key: MessageKey| add_field_error(&mut errors, field, key);
    let attachments = attachment_ids(&input.attachments).unwrap_or_else(|| {
        add("attachments", MessageKey::FileGone);
        Vec::new()
    });
    if attachments.len() > crate::domain::attachments::FILES_PER_CASE_MAX {
        add("attachments", MessageKey::TooManyFiles);
    }
    let Some(Opening {
        uploader,
        account_id,
        contact_id,
        mut origin,
    }) = opening.filter(|_| errors.is_empty())
    else {
        return Err(AppError::Validation(errors));
    };
    if mail.is_some() {
        origin = CaseOrigin::Email;
    }
    let CaseFields {
        subject,
        description,
        product,
        mut country,
    } = fields;
    if country.is_empty() {
        country = store.get_account(account_id).await?.country;
    }
    let thread_token = crate::backend::auth::new_token()[..12].to_string();
    // The confirmation for the contact, and the news for every staff member who asked for it.
    let mut jobs = Vec::new();
    if mail.is_none_or(|m| m.confirm) {
        jobs.push(Job::CaseCreated {
            thread_token: thread_token.clone(),
        });
    }
    for recipient in store.staff_told_of_new_cases().await? {
        jobs.push(Job::CaseNew {
            thread_token: thread_token.clone(),
            recipient,
        });
    }
    let case = NewCase {
        subject,
        description,
        product_id: product.as_ref().map(|p| p.id),
        country,
        origin,
        account_id,
        contact_id,
        uploader,
        opened_at: chrono::Utc::now(),
        thread_token,
        attachments,
        from_mail: mail.map(|m| m.source),
    };
    // One account cannot flood support (and its followers' inboxes) with cases: the throttle's
    // slot is taken in the case's transaction.
    let subject = uploader.to_string();
    let now = case.opened_at;
    let throttle = SlotAsk {
        kind: AttemptKind::Case,
        subject: &subject,
        client: "any",
        at: now,
        since: now - CASE_RATE.0,
        limits: &super::auth::rate_limits(CASE_RATE),
    };
    let row = match store.insert_case(&case, &jobs, Some(&throttle)).await {
        Err(StoreError::Throttled { oldest }) => {
            return Err(super::auth::rate_limited(oldest, CASE_RATE.0, now));
        }
        other => other?,
    };
    let files = store.case_attachments(row.id).await?;
    tracing::info!(case = %row.number, account = %account_id, origin = origin.code(), "case opened");
    Ok(CaseCreated {
        number: row.number,
        subject: row.subject,
        description: row.description,
        product: product.map(|p| p.name),
        country: row.country,
        attachments: files.iter().map(super::attachments::info).collect(),
    })
}

/// The case numbered `number` if `actor` may see it (`policy::can_view_case`); `NotFound` otherwise.
/// (The creation toast reads this; it does not count as a view for "Recently viewed".)
pub async fn summary(store: &Store, actor: &Actor, number: &str) -> Result<CaseCreated, AppError> {
    let (number, row) = crate::backend::access::visible_case_summary(store, actor, number).await?;
    let files = store.case_attachments(row.id).await?;
    Ok(CaseCreated {
        number,
        subject: row.subject,
        description: row.description,
        product: row.product_name,
        country: row.country,
        attachments: files.iter().map(super::attachments::info).collect(),
    })
}
