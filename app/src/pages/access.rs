//! Asking for portal access: `/access/request` (the sign-in page's "No access yet?": name, email,
//! company, message) and `/access/colleague` (a contact asks for a colleague of their company).
//! Both land with staff (`/desk/access`); the answer never says whether an address already has an
//! account. Both work without JavaScript.
use crate::api::support::RequestAccess;
use crate::components::form::{FieldError, InputField, TextAreaField, use_draft, use_form_errors};
use crate::components::support::SupportWays;
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// `/access/request`: someone without an account asks for one.
#[component]
pub fn RequestAccessPage() -> impl IntoView {
    view! { <AccessForm colleague=false /> }
}

/// `/access/colleague`: a contact asks for access for a colleague of their own company.
#[component]
pub fn ColleagueAccessPage() -> impl IntoView {
    view! { <AccessForm colleague=true /> }
}

#[component]
fn AccessForm(colleague: bool) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RequestAccess>::new();
    let query = use_query_map();
    let errors = use_form_errors();
    let typed = use_draft(query);
    let sent = move || {
        query.read().get("sent").is_some() || action.value().with(|v| matches!(v, Some(Ok(()))))
    };
    let title = move || {
        if colleague {
            t_string!(i18n, colleague_title).to_string()
        } else {
            t_string!(i18n, access_request_title).to_string()
        }
    };
    let form = move || {
        Suspend::new(async move {
            let typed = typed.await;
            let value = move |field: &str| typed.get(field).cloned().unwrap_or_default();
            view! {
                <ActionForm action attr:class="form">
                    <InputField
                        name="name"
                        label=Signal::derive(move || t_string!(i18n, field_full_name).to_string())
                        autocomplete=if colleague { "off" } else { "name" }
                        value=value("name")
                        errors
                    />
                    <InputField
                        name="email"
                        label=Signal::derive(move || t_string!(i18n, field_email).to_string())
                        input_type="email"
                        autocomplete=if colleague { "off" } else { "email" }
                        value=value("email")
                        errors
                    />
                    {(!colleague)
                        .then(|| {
                            view! {
                                <InputField
                                    name="company"
                                    label=Signal::derive(move || {
                                        t_string!(i18n, field_company).to_string()
                                    })
                                    autocomplete="organization"
                                    value=value("company")
                                    errors
                                />
                            }
                        })}
                    <TextAreaField
                        name="message"
                        id="message"
                        label=Signal::derive(move || t_string!(i18n, field_message).to_string())
                        rows=4
                        max_chars=crate::domain::support::MESSAGE_MAX
                        value=value("message")
                        errors
                    />
                    <button type="submit" class="button button--primary">
                        {t!(i18n, access_request_submit)}
                    </button>
                </ActionForm>
            }
        })
    };
    view! {
        <Title text=title />
        <div class="auth-card">
            <h1>{title}</h1>
            <p class="auth-card__intro">
                {move || {
                    if colleague {
                        t_string!(i18n, colleague_intro).to_string()
                    } else {
                        t_string!(i18n, access_request_intro).to_string()
                    }
                }}
            </p>
            <div role="status" class="status-region">
                <Show when=sent>
                    <p class="form-success">{t!(i18n, access_request_sent)}</p>
                </Show>
            </div>
            <FieldError field="_form" errors />
            <Suspense>{form}</Suspense>
            <p class="auth-card__links">
                {if colleague {
                    view! { <A href="/">{t!(i18n, not_found_home)}</A> }.into_any()
                } else {
                    view! { <A href="/login">{t!(i18n, back_to_sign_in)}</A> }.into_any()
                }}
            </p>
        </div>
        {(!colleague).then(|| view! { <SupportWays /> })}
    }
    .into_any()
}
