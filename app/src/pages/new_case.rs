//! `/cases/new`: create a case (the seeds' form: Subject, Description, Product, Country, Submit,
//! with a side panel that points to the knowledge base). The page renders on the server; the
//! product combobox and the attachments are islands. Works with and without JavaScript.
use crate::api::attachments::pending_files;
use crate::api::cases::{CreateCase, get_case_summary, get_new_case_defaults};
use crate::api::forms::get_form_draft;
use crate::components::attachments::{AttachmentsField, FileLinks};
use crate::components::case_suggestions::CaseSuggestions;
use crate::components::form::{
    FieldError, InputField, SelectField, TextAreaField, use_form_errors,
};
use crate::components::product_picker::ProductPicker;
use crate::domain::cases::{CaseCreated, DESCRIPTION_MAX, ForCustomer, NewCaseDefaults};
use crate::domain::{AccountId, CaseOrigin};
use crate::error::FieldErrors;
use crate::i18n::*;
use crate::messages::origin_label;
use crate::pages::staff::AccessDenied;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// The form; after a submit, the toast "Case NNNNNNNN: created." with the case's summary.
#[component]
pub fn NewCasePage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CreateCase>::new();
    let query = use_query_map();
    // Support choose the company first (`?account=ID`); "Clone" starts from a case's company.
    let defaults = Resource::new_blocking(
        move || {
            let q = query.read();
            let account = q.get("account").and_then(|a| a.trim().parse::<i64>().ok());
            (account, q.get("clone"))
        },
        |(account, clone)| get_new_case_defaults(account, clone),
    );
    let errors = use_form_errors();
    // A created case comes back as `?created=NUMBER` (the form posts as a plain form).
    let created_number = move || query.read().get("created");
    let created_from_url = Resource::new_blocking(created_number, |number| async move {
        match number {
            Some(n) => get_case_summary(n).await.ok(),
            None => None,
        }
    });
    let toast = move || {
        Suspend::new(async move {
            created_from_url
                .await
                .map(|case| view! { <CreatedToast case /> })
        })
    };
    // "Clone" on a case page: the new form starts from that case (one the caller may see).
    let cloned = Resource::new_blocking(
        move || query.read_untracked().get("clone"),
        |number| async move {
            match number {
                Some(n) => get_case_summary(n).await.ok(),
                None => None,
            }
        },
    );
    // What was typed before the form came back (after an error, or a no-JS upload) is in a draft,
    // with the files uploaded for it.
    let restored = Resource::new_blocking(
        move || query.read_untracked().get("draft"),
        |token| async move {
            let Some(token) = token else {
                return Default::default();
            };
            let typed = get_form_draft(token).await.unwrap_or_default();
            let ids = typed.get("attachments").cloned().unwrap_or_default();
            let files = if ids.is_empty() {
                Vec::new()
            } else {
                pending_files(ids).await.unwrap_or_default()
            };
            (typed, files)
        },
    );
    let form = move || {
        Suspend::new(async move {
            let (typed, files) = restored.await;
            let from = cloned.await;
            let typed_or = move |name: &str, source: Option<String>| {
                let t = typed.get(name).cloned().unwrap_or_default();
                if t.is_empty() {
                    source.unwrap_or_default()
                } else {
                    t
                }
            };
            let subject = typed_or("subject", from.as_ref().map(|c| c.subject.clone()));
            let description = typed_or("description", from.as_ref().map(|c| c.description.clone()));
            let product = typed_or("product", from.as_ref().and_then(|c| c.product.clone()));
            let country_from = from.as_ref().map(|c| c.country.clone());
            let defaults = defaults.await;
            // Support's earlier files are not the customer's: no picker lists for them.
            let staff = matches!(&defaults, Ok(d) if d.for_customer.is_some());
            match defaults {
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok(NewCaseDefaults {
                    for_customer:
                        Some(ForCustomer {
                            account: None,
                            accounts,
                            ..
                        }),
                    ..
                }) => view! { <ChooseCompany accounts /> }.into_any(),
                Ok(d) => {
                    let country = {
                        let t = typed_or("country", country_from);
                        if t.is_empty() { d.country } else { t }
                    };
                    let for_customer = d.for_customer.map(|fc| {
                        let contact = typed_or("contact", fc.contact.map(|c| c.0.to_string()));
                        let origin = typed_or("origin", None);
                        view! { <CustomerFields fc contact origin errors /> }
                    });
                    view! {
                        <FieldError field="_form" errors />
                        <FormTips />
                        <ActionForm action attr:class="form" attr:aria-labelledby="new-case-title">
                            {for_customer}
                            <InputField
                                name="subject"
                                label=Signal::derive(move || {
                                    t_string!(i18n, field_subject).to_string()
                                })
                                autocomplete="off"
                                value=subject
                                errors
                            />
                            <TextAreaField
                                name="description"
                                id="description"
                                label=Signal::derive(move || {
                                    t_string!(i18n, field_description).to_string()
                                })
                                rows=8
                                max_chars=DESCRIPTION_MAX
                                value=description
                                errors
                            />
                            <ProductPicker initial=product errors=errors.get_untracked() />
                            <InputField
                                name="country"
                                label=Signal::derive(move || {
                                    t_string!(i18n, field_country).to_string()
                                })
                                autocomplete="country-name"
                                value=country
                                errors
                            />
                            <AttachmentsField
                                initial=files
                                max_upload_mb=d.max_upload_mb
                                errors=errors.get_untracked()
                                no_js_action="/cases/new/files"
                                lists=!staff
                                add_button=false
                            />
                            // Posts the form as multipart (without JavaScript it may carry files).
                            <button
                                type="submit"
                                class="button button--primary"
                                formaction="/cases/new/files"
                                formenctype="multipart/form-data"
                                name="intent"
                                value="submit"
                            >
                                {t!(i18n, submit_button)}
                            </button>
                        </ActionForm>
                    }
                    .into_any()
                }
            }
        })
    };
    let title = move || {
        let support = defaults
            .get()
            .and_then(Result::ok)
            .is_some_and(|d| d.for_customer.is_some());
        if support {
            t_string!(i18n, log_case_title).to_string()
        } else {
            t_string!(i18n, new_case_title).to_string()
        }
    };
    view! {
        <Title text=title />
        <div class="two-columns">
            <section class="two-columns__main">
                <h1 id="new-case-title">
                    <Suspense>{title}</Suspense>
                </h1>
                <div role="status" class="status-region">
                    <Suspense>{toast}</Suspense>
                </div>
                <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{form}</Suspense>
            </section>
            <aside class="side-panel" aria-labelledby="side-panel-title">
                <h2 id="side-panel-title">{t!(i18n, side_panel_title)}</h2>
                <p>{t!(i18n, side_panel_text)}</p>
                <CaseSuggestions />
                <A href="/kb">{t!(i18n, side_panel_link)}</A>
            </aside>
        </div>
    }
    .into_any()
}

/// Support's first step: the company to log a case for (a GET form: `?account=ID`).
#[component]
fn ChooseCompany(accounts: Vec<(AccountId, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = use_form_errors();
    let options: Vec<(String, String)> = accounts
        .into_iter()
        .map(|(id, name)| (id.0.to_string(), name))
        .collect();
    view! {
        <p>{t!(i18n, log_case_intro)}</p>
        <form method="get" action="/cases/new" class="form">
            <SelectField
                name="account"
                label=Signal::derive(move || t_string!(i18n, log_case_company).to_string())
                options
                selected=String::new()
                errors
            />
            <button type="submit" class="button button--primary">
                {t!(i18n, log_case_continue)}
            </button>
        </form>
    }
}

/// Support's part of the form: the chosen company (kept in a hidden field), its contact and how
/// the case came in.
#[component]
fn CustomerFields(
    fc: ForCustomer,
    contact: String,
    origin: String,
    errors: Memo<FieldErrors>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let (account, account_name) = fc.account.unwrap_or((AccountId(0), String::new()));
    let company_href = format!("/staff/accounts/{}", account.0);
    let no_contacts = fc.contacts.is_empty();
    let contacts: Vec<(String, String)> = fc
        .contacts
        .into_iter()
        .map(|(id, name, email)| (id.0.to_string(), format!("{name} <{email}>")))
        .collect();
    let origins: Vec<(String, String)> = [CaseOrigin::Phone, CaseOrigin::Email]
        .iter()
        .map(|o| (o.code().to_string(), origin_label(locale, *o).to_string()))
        .collect();
    view! {
        <input type="hidden" name="account" value=account.0.to_string() />
        <dl class="details">
            <div>
                <dt>{t!(i18n, log_case_company)}</dt>
                <dd>
                    {account_name} " " <a href="/cases/new">{t!(i18n, log_case_change_company)}</a>
                </dd>
            </div>
        </dl>
        <FieldError field="account" errors />
        {no_contacts
            .then(|| {
                view! {
                    <p>
                        {t!(i18n, log_case_no_contacts)} " "
                        <a href=company_href.clone()>{t!(i18n, log_case_add_contact)}</a>
                    </p>
                }
            })}
        <SelectField
            name="contact"
            label=Signal::derive(move || t_string!(i18n, log_case_contact).to_string())
            options=contacts
            selected=contact
            errors
        />
        <SelectField
            name="origin"
            label=Signal::derive(move || t_string!(i18n, field_origin).to_string())
            options=origins
            selected=origin
            errors
        />
    }
}

/// The guides' instructions above the form: what goes in each field.
#[component]
fn FormTips() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="form-tips">
            <p id="new-case-tips">{t!(i18n, new_case_tips_intro)}</p>
            <ul aria-labelledby="new-case-tips">
                <li>{t!(i18n, new_case_tip_subject)}</li>
                <li>{t!(i18n, new_case_tip_description)}</li>
                <li>{t!(i18n, new_case_tip_product)}</li>
                <li>{t!(i18n, new_case_tip_files)}</li>
            </ul>
        </div>
    }
}

/// "Case 06746620: created.", "Your case is created. We'll get back to you soon." and the case
/// summary, with a link to the case.
#[component]
fn CreatedToast(case: CaseCreated) -> impl IntoView {
    let i18n = use_i18n();
    let number = case.number.to_string();
    let link = format!("/cases/{number}");
    let files = case.attachments.clone();
    view! {
        <div class="toast">
            <p class="toast__title">{t!(i18n, case_created_toast, number = number.clone())}</p>
            <p>{t!(i18n, case_created_message)}</p>
            <h2 class="toast__heading">{t!(i18n, case_summary_heading)}</h2>
            <dl class="details">
                <div>
                    <dt>{t!(i18n, field_subject)}</dt>
                    <dd>{case.subject}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, case_number_label)}</dt>
                    <dd>{number.clone()}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, field_description)}</dt>
                    <dd class="pre-line">{case.description}</dd>
                </div>
            </dl>
            {(!files.is_empty())
                .then(|| {
                    view! {
                        <p class="toast__files">{t!(i18n, attachments_legend)}</p>
                        <FileLinks files />
                    }
                })}
            <A href=link>{t!(i18n, view_case_link, number = number)}</A>
        </div>
    }
}
