//! `/desk/replies`: support's canned replies. The list by language, the form to add one or change
//! the one `?edit=ID` names, and a delete button per reply. Staff only (the server functions check;
//! anyone else sees "no access"). Works without JavaScript.
use crate::api::replies::{DeleteCannedReply, PAGE, SaveCannedReply, list_canned_replies};
use crate::components::form::{
    FieldError, InputField, SelectField, TextAreaField, use_draft, use_form_errors,
};
use crate::components::time::local_time;
use crate::domain::Language;
use crate::domain::case_page::COMMENT_MAX;
use crate::domain::replies::{CannedReply, PLACEHOLDERS};
use crate::i18n::*;
use crate::pages::staff::AccessDenied;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// What a placeholder stands for.
fn placeholder_text(locale: Locale, placeholder: &str) -> &'static str {
    match placeholder {
        "{contact}" => td_string!(locale, reply_ph_contact),
        "{number}" => td_string!(locale, reply_ph_number),
        "{subject}" => td_string!(locale, reply_ph_subject),
        "{company}" => td_string!(locale, reply_ph_company),
        _ => td_string!(locale, reply_ph_agent),
    }
}

/// The list and the form.
#[component]
pub fn RepliesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let replies = Resource::new_blocking(|| (), |_| list_canned_replies());
    let save = ServerAction::<SaveCannedReply>::new();
    let errors = use_form_errors();
    let draft = use_draft(query);
    let outcome = move || {
        let read = query.read();
        if read.get("saved").is_some() {
            Some(t_string!(i18n, reply_saved).to_string())
        } else if read.get("deleted").is_some() {
            Some(t_string!(i18n, reply_deleted).to_string())
        } else {
            None
        }
    };
    let body = move || {
        Suspend::new(async move {
            let list = match replies.await {
                Err(_) => return view! { <AccessDenied /> }.into_any(),
                Ok(list) => list,
            };
            let typed = draft.await;
            let editing: Option<CannedReply> = query
                .read_untracked()
                .get("edit")
                .and_then(|id| id.parse::<i64>().ok())
                .and_then(|id| list.iter().find(|r| r.id.0 == id).cloned());
            let value = |field: &str, now: Option<String>| {
                typed.get(field).cloned().or(now).unwrap_or_default()
            };
            let title = value("title", editing.as_ref().map(|r| r.title.clone()));
            let language = value(
                "language",
                editing.as_ref().map(|r| r.language.code().to_string()),
            );
            let text = value("body", editing.as_ref().map(|r| r.body.clone()));
            let reply_id = editing
                .as_ref()
                .map(|r| r.id.0.to_string())
                .unwrap_or_default();
            let heading = if editing.is_some() {
                t_string!(i18n, reply_edit_title).to_string()
            } else {
                t_string!(i18n, reply_new_title).to_string()
            };
            let languages: Vec<(String, String)> = Language::ALL
                .iter()
                .map(|l| (l.code().to_string(), l.own_name().to_string()))
                .collect();
            let locale = i18n.get_locale_untracked();
            let placeholders = PLACEHOLDERS
                .iter()
                .map(|placeholder| {
                    view! {
                        <li>
                            <code>{*placeholder}</code>
                            ": "
                            {placeholder_text(locale, placeholder)}
                        </li>
                    }
                })
                .collect_view();
            view! {
                {if list.is_empty() {
                    view! { <p class="empty-state">{t!(i18n, replies_none)}</p> }.into_any()
                } else {
                    view! {
                        <table class="data-table">
                            <caption class="sr-only">{t!(i18n, replies_title)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, reply_field_title)}</th>
                                    <th scope="col">{t!(i18n, reply_field_language)}</th>
                                    <th scope="col">{t!(i18n, reply_field_body)}</th>
                                    <th scope="col">{t!(i18n, col_updated)}</th>
                                    <th scope="col">
                                        <span class="sr-only">{t!(i18n, col_actions)}</span>
                                    </th>
                                </tr>
                            </thead>
                            <tbody>
                                {list
                                    .into_iter()
                                    .map(|r| view! { <ReplyRow reply=r /> })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                        .into_any()
                }}
                <h2 id="reply-form">{heading}</h2>
                <ActionForm action=save attr:class="form" attr:aria-labelledby="reply-form">
                    <input type="hidden" name="reply_id" value=reply_id />
                    <InputField
                        name="title"
                        label=Signal::derive(move || t_string!(i18n, reply_field_title).to_string())
                        autocomplete="off"
                        value=title
                        errors
                    />
                    <SelectField
                        name="language"
                        label=Signal::derive(move || {
                            t_string!(i18n, reply_field_language).to_string()
                        })
                        options=languages
                        selected=language
                        errors
                    />
                    <TextAreaField
                        name="body"
                        id="reply-body"
                        label=Signal::derive(move || t_string!(i18n, reply_field_body).to_string())
                        rows=8
                        max_chars=COMMENT_MAX
                        value=text
                        errors
                    />
                    <div class="field-hint">
                        <p>{t!(i18n, reply_placeholders_intro)}</p>
                        <ul>{placeholders}</ul>
                    </div>
                    <button type="submit" class="button button--primary">
                        {t!(i18n, reply_save)}
                    </button>
                </ActionForm>
            }
            .into_any()
        })
    };
    view! {
        <Title text=move || t_string!(i18n, replies_title).to_string() />
        <h1>{t!(i18n, replies_title)}</h1>
        <p>{t!(i18n, replies_intro)}</p>
        <div role="status" class="status-region">
            {move || outcome().map(|text| view! { <p class="form-success">{text}</p> })}
        </div>
        <FieldError field="_form" errors />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{body}</Suspense>
    }
    .into_any()
}

/// One canned reply: its title (a link to change it), language, the start of its text, who saved
/// it when, and its delete button.
#[component]
fn ReplyRow(reply: CannedReply) -> impl IntoView {
    let i18n = use_i18n();
    let delete = ServerAction::<DeleteCannedReply>::new();
    let edit_href = format!("{PAGE}?edit={}#reply-form", reply.id.0);
    let delete_label = {
        let title = reply.title.clone();
        move || t_string!(i18n, reply_delete, title = title.clone()).to_string()
    };
    view! {
        <tr>
            <th scope="row">
                <a href=edit_href>{reply.title.clone()}</a>
            </th>
            <td lang=reply.language.code()>{reply.language.own_name()}</td>
            <td class="pre-line" lang=reply.language.code()>
                {crate::domain::case_page::excerpt(&reply.body)}
            </td>
            <td>{reply.updated_by.clone()} " · " {local_time(&reply.updated_at)}</td>
            <td>
                <ActionForm action=delete>
                    <input type="hidden" name="reply_id" value=reply.id.0 />
                    <button type="submit" class="button button--secondary">
                        {delete_label}
                    </button>
                </ActionForm>
            </td>
        </tr>
    }
}
