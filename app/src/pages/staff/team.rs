//! `/admin/staff` and `/admin/staff/:id`: the support team's accounts. Admins add agents and
//! admins, change a role, deactivate and reactivate (the server functions check; anyone else sees
//! "no access").
use super::{AccessDenied, PersonalDataSection};
use crate::api::staff::{
    AddStaffMember, ResendStaffWelcome, UpdateStaffMember, get_staff_member, list_staff,
};
use crate::components::form::{FieldError, InputField, SelectField, use_draft, use_form_errors};
use crate::domain::staff::StaffInfo;
use crate::domain::{Language, Role, UserId};
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A staff role's name in the current language.
fn role_name(i18n: leptos_i18n::I18nContext<Locale>, role: Role) -> String {
    match role {
        Role::Customer => t_string!(i18n, role_customer),
        Role::Agent => t_string!(i18n, role_agent),
        Role::Admin => t_string!(i18n, role_admin),
    }
    .to_string()
}

/// Whether they can sign in: active, invited (no password yet), or deactivated.
fn access_name(i18n: leptos_i18n::I18nContext<Locale>, s: &StaffInfo) -> String {
    if !s.active {
        t_string!(i18n, staff_deactivated).to_string()
    } else if s.has_password {
        t_string!(i18n, access_active).to_string()
    } else {
        t_string!(i18n, access_invited).to_string()
    }
}

fn role_options(i18n: leptos_i18n::I18nContext<Locale>) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        [Role::Agent, Role::Admin]
            .into_iter()
            .map(|r| (r.code().to_string(), role_name(i18n, r)))
            .collect()
    })
}

/// The team, and "Add a staff member".
#[component]
pub fn StaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let staff = Resource::new_blocking(|| (), |_| list_staff());
    let add = ServerAction::<AddStaffMember>::new();
    let errors = use_form_errors();
    let draft = use_draft(query);
    let table = move || {
        Suspend::new(async move {
            match staff.await {
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok(list) => view! {
                    <table class="data-table">
                        <caption class="sr-only">{t!(i18n, staff_title)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, col_name)}</th>
                                <th scope="col">{t!(i18n, field_email)}</th>
                                <th scope="col">{t!(i18n, field_role)}</th>
                                <th scope="col">{t!(i18n, col_portal_access)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list
                                .into_iter()
                                .map(|s| {
                                    let access = access_name(i18n, &s);
                                    view! {
                                        <tr>
                                            <td>
                                                <A href=format!(
                                                    "/admin/staff/{}",
                                                    s.id,
                                                )>{s.name.clone()}</A>
                                            </td>
                                            <td>{s.email.clone()}</td>
                                            <td>{role_name(i18n, s.role)}</td>
                                            <td>{access}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                .into_any(),
            }
        })
    };
    let new_member = move || {
        Suspend::new(async move {
            let typed = draft.await;
            let value = move |field: &str| typed.get(field).cloned().unwrap_or_default();
            let languages = Signal::derive(|| {
                [Language::En, Language::Ru, Language::Nl]
                    .into_iter()
                    .map(|l| (l.code().to_string(), l.own_name().to_string()))
                    .collect::<Vec<_>>()
            });
            let language = Some(value("language"))
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| {
                    match i18n.get_locale() {
                        Locale::en => Language::En,
                        Locale::ru => Language::Ru,
                        Locale::nl => Language::Nl,
                    }
                    .code()
                    .to_string()
                });
            let role = Some(value("role"))
                .filter(|r| !r.is_empty())
                .unwrap_or_else(|| Role::Agent.code().to_string());
            view! {
                <FieldError field="_form" errors />
                <ActionForm action=add attr:class="form" attr:aria-labelledby="new-staff">
                    <InputField
                        name="name"
                        label=Signal::derive(move || t_string!(i18n, col_name).to_string())
                        autocomplete="off"
                        value=value("name")
                        errors
                    />
                    <InputField
                        name="email"
                        label=Signal::derive(move || t_string!(i18n, field_email).to_string())
                        input_type="email"
                        autocomplete="off"
                        value=value("email")
                        errors
                    />
                    <SelectField
                        name="role"
                        label=Signal::derive(move || t_string!(i18n, field_role).to_string())
                        options=role_options(i18n)
                        selected=role
                        errors
                    />
                    <SelectField
                        name="language"
                        label=Signal::derive(move || t_string!(i18n, field_language).to_string())
                        options=languages
                        selected=language
                        errors
                    />
                    <p class="field-hint">{t!(i18n, staff_add_hint)}</p>
                    <button type="submit" class="button button--primary">
                        {t!(i18n, staff_add_button)}
                    </button>
                </ActionForm>
            }
        })
    };
    view! {
        <Title text=move || t_string!(i18n, staff_title).to_string() />
        <h1>{t!(i18n, staff_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{table}</Suspense>
        <h2 id="new-staff">{t!(i18n, staff_new_title)}</h2>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{new_member}</Suspense>
    }
    .into_any()
}

/// One staff member: their role, and deactivate or reactivate.
#[component]
pub fn StaffMemberPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .map(UserId)
    };
    let member = Resource::new_blocking(id, |id| async move {
        match id {
            Some(id) => get_staff_member(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    let save = ServerAction::<UpdateStaffMember>::new();
    let switch = ServerAction::<UpdateStaffMember>::new();
    let resend = ServerAction::<ResendStaffWelcome>::new();
    let errors = use_form_errors();
    let outcome = move || {
        let read = query.read();
        if read.get("added").is_some() {
            Some(t_string!(i18n, staff_added).to_string())
        } else if read.get("saved").is_some() {
            Some(t_string!(i18n, staff_saved).to_string())
        } else if read.get("sent").is_some() {
            Some(t_string!(i18n, welcome_sent).to_string())
        } else if read.get("erased").is_some() {
            Some(t_string!(i18n, personal_data_erased).to_string())
        } else {
            None
        }
    };
    let page = move || {
        Suspend::new(async move {
            match member.await {
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok(s) => {
                    let access = access_name(i18n, &s);
                    let role = role_name(i18n, s.role);
                    let user_id = s.id.0;
                    let role_code = s.role.code().to_string();
                    let role_selected = role_code.clone();
                    view! {
                        <p class="breadcrumb">
                            <A href="/admin/staff">{t!(i18n, staff_title)}</A>
                        </p>
                        <h1>{s.name.clone()}</h1>
                        <div role="status" class="status-region">
                            {move || {
                                outcome().map(|text| view! { <p class="form-success">{text}</p> })
                            }}
                        </div>
                        <FieldError field="_form" errors />
                        <dl class="details">
                            <div>
                                <dt>{t!(i18n, field_email)}</dt>
                                <dd>{s.email.clone()}</dd>
                            </div>
                            <div>
                                <dt>{t!(i18n, field_role)}</dt>
                                <dd>{role}</dd>
                            </div>
                            <div>
                                <dt>{t!(i18n, field_language)}</dt>
                                <dd>{s.language.own_name()}</dd>
                            </div>
                            <div>
                                <dt>{t!(i18n, col_portal_access)}</dt>
                                <dd>{access}</dd>
                            </div>
                        </dl>
                        {if s.is_me {
                            view! { <p class="field-hint">{t!(i18n, staff_self_hint)}</p> }
                                .into_any()
                        } else {
                            view! {
                                <h2 id="role-heading">{t!(i18n, staff_role_title)}</h2>
                                <ActionForm
                                    action=save
                                    attr:class="form form--inline"
                                    attr:aria-labelledby="role-heading"
                                >
                                    <input type="hidden" name="user_id" value=user_id />
                                    <input type="hidden" name="active" value=s.active.to_string() />
                                    <SelectField
                                        name="role"
                                        label=Signal::derive(move || {
                                            t_string!(i18n, field_role).to_string()
                                        })
                                        options=role_options(i18n)
                                        selected=role_selected
                                        errors
                                    />
                                    <button type="submit" class="button button--primary">
                                        {t!(i18n, save_button)}
                                    </button>
                                </ActionForm>
                                <h2 id="access-heading">{t!(i18n, staff_access_title)}</h2>
                                <p class="field-hint">
                                    {if s.active {
                                        t!(i18n, staff_deactivate_hint).into_any()
                                    } else {
                                        t!(i18n, staff_reactivate_hint).into_any()
                                    }}
                                </p>
                                <ActionForm
                                    action=switch
                                    attr:class="form form--inline"
                                    attr:aria-labelledby="access-heading"
                                >
                                    <input type="hidden" name="user_id" value=user_id />
                                    <input type="hidden" name="role" value=role_code />
                                    <input
                                        type="hidden"
                                        name="active"
                                        value=(!s.active).to_string()
                                    />
                                    <button type="submit" class="button button--secondary">
                                        {if s.active {
                                            t!(i18n, staff_deactivate_button).into_any()
                                        } else {
                                            t!(i18n, staff_reactivate_button).into_any()
                                        }}
                                    </button>
                                </ActionForm>
                                {s
                                    .active
                                    .then(|| {
                                        view! {
                                            <h2 id="welcome-heading">{t!(i18n, welcome_heading)}</h2>
                                            <p>{t!(i18n, welcome_explain)}</p>
                                            <ActionForm
                                                action=resend
                                                attr:aria-labelledby="welcome-heading"
                                            >
                                                <input type="hidden" name="user_id" value=user_id />
                                                <button type="submit" class="button button--secondary">
                                                    {t!(i18n, resend_welcome_button)}
                                                </button>
                                            </ActionForm>
                                        }
                                    })}
                            }
                                .into_any()
                        }}
                        <PersonalDataSection person=s.id can_erase=!s.is_me errors />
                    }
                    .into_any()
                }
            }
        })
    };
    let title = move || {
        member
            .get()
            .and_then(Result::ok)
            .map(|s| s.name)
            .unwrap_or_else(|| t_string!(i18n, staff_title).to_string())
    };
    view! {
        <Title text=title />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{page}</Suspense>
    }
    .into_any()
}
