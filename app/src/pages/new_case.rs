//! `/cases/new`: create a case (the seeds' form: Subject, Description, Product, Country, Submit,
//! with a side panel that points to the knowledge base). The page renders on the server; the
//! product combobox and the attachments are islands. Works with and without JavaScript.
use crate::api::attachments::pending_files;
use crate::api::cases::{CreateCase, get_case_summary, get_new_case_defaults};
use crate::api::forms::get_form_draft;
use crate::components::attachments::{AttachmentsField, FileLinks};
use crate::components::form::{FieldError, InputField, TextAreaField, use_form_errors};
use crate::components::product_picker::ProductPicker;
use crate::domain::cases::{CaseCreated, DESCRIPTION_MAX};
use crate::i18n::*;
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
    let defaults = Resource::new_blocking(|| (), |_| get_new_case_defaults());
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
            match defaults.await {
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok(d) => {
                    let country = {
                        let t = typed_or("country", country_from);
                        if t.is_empty() { d.country } else { t }
                    };
                    view! {
                        <FieldError field="_form" errors />
                        <ActionForm action attr:class="form" attr:aria-labelledby="new-case-title">
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
                                lists=true
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
    view! {
        <Title text=move || t_string!(i18n, new_case_title).to_string() />
        <div class="two-columns">
            <section class="two-columns__main">
                <h1 id="new-case-title">{t!(i18n, new_case_title)}</h1>
                <div role="status" class="status-region">
                    <Suspense>{toast}</Suspense>
                </div>
                <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{form}</Suspense>
            </section>
            <aside class="side-panel" aria-labelledby="side-panel-title">
                <h2 id="side-panel-title">{t!(i18n, side_panel_title)}</h2>
                <p>{t!(i18n, side_panel_text)}</p>
                <A href="/kb">{t!(i18n, side_panel_link)}</A>
            </aside>
        </div>
    }
    .into_any()
}

/// "Case 06746620: created." with the summary and a link to the case.
#[component]
fn CreatedToast(case: CaseCreated) -> impl IntoView {
    let i18n = use_i18n();
    let number = case.number.to_string();
    let link = format!("/cases/{number}");
    let files = case.attachments.clone();
    view! {
        <div class="toast">
            <p class="toast__title">{t!(i18n, case_created_toast, number = number.clone())}</p>
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
