//! `/cases/:number`: the case page (header with actions, details in three sections, comments,
//! attachments, knowledge articles, surveys) and `/cases/:number/print`, its printable view. A case
//! of another company answers exactly like a missing one.
use crate::api::cases::{FollowCase, get_case};
use crate::api::desk::{AssignCases, SettleCase, UpdateCase};
use crate::components::form::use_draft;
use crate::components::live::LiveCase;
use crate::components::time::local_time;
use crate::domain::case_page::{CaseDetail, CaseReading, CommentView};
use crate::domain::{CaseStatus, encode_query_value};
use crate::error::AppError;
use crate::i18n::*;
use crate::messages::origin_label;
use crate::pages::case_articles::CaseArticles;
use crate::pages::case_comments::{CaseComments, CommentItem};
use crate::pages::case_edit::{CaseEditForm, EditValues};
use crate::pages::case_files::CaseFiles;
use crate::pages::case_update::{CaseHistory, CaseUpdateForm, SurveyList};
use crate::pages::cases::{priority_label, status_label, status_label_for};
use crate::pages::not_found::{NotFoundPage, UnavailableNotice};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The case of the URL.
fn case_resource() -> Resource<Result<CaseDetail, crate::error::AppError>> {
    let params = use_params_map();
    let query = use_query_map();
    Resource::new_blocking(
        move || {
            let reply = query
                .read()
                .get("reply")
                .and_then(|r| r.parse::<i64>().ok());
            (params.read().get("number").unwrap_or_default(), reply)
        },
        |(number, reply)| get_case(number, CaseReading::Page, reply),
    )
}

/// The case page.
#[component]
pub fn CasePage() -> impl IntoView {
    let i18n = use_i18n();
    let update = ServerAction::<UpdateCase>::new();
    let assign = ServerAction::<AssignCases>::new();
    let settle = ServerAction::<SettleCase>::new();
    let case = case_resource();
    // Here, not in the edit form: a resource made inside a Suspense's children may never tell it
    // that it finished (a race in Leptos' SSR on a multi-thread runtime), and the page would hang.
    let draft = use_draft(use_query_map());
    let title = move || {
        case.get()
            .and_then(Result::ok)
            .map(|c| format!("{} · {}", c.number, c.subject))
            .unwrap_or_default()
    };
    let page = move || {
        Suspend::new(async move {
            match case.await {
                Err(AppError::Unavailable) => view! { <UnavailableNotice /> }.into_any(),
                Err(_) => view! { <NotFoundPage /> }.into_any(),
                Ok(c) => view! { <CaseView case=c update assign settle draft /> }.into_any(),
            }
        })
    };
    view! {
        <Title text=title />
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{page}</Transition>
    }
    .into_any()
}

/// A definition list of label/value pairs.
fn details(pairs: Vec<(&'static str, String)>) -> impl IntoView {
    view! {
        <dl class="details">
            {pairs
                .into_iter()
                .map(|(label, value)| {
                    view! {
                        <div>
                            <dt>{label}</dt>
                            <dd class="pre-line">{value}</dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}

#[component]
fn CaseView(
    case: CaseDetail,
    update: ServerAction<UpdateCase>,
    assign: ServerAction<AssignCases>,
    settle: ServerAction<SettleCase>,
    draft: Resource<std::collections::BTreeMap<String, String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let staff = case.can_update;
    let status_text = status_label_for(locale, case.status, staff);
    let number = case.number.to_string();
    let follow = ServerAction::<FollowCase>::new();
    let following = case.following;
    let org = vec![
        (td_string!(locale, col_account), case.account_name.clone()),
        (
            td_string!(locale, field_company_phone),
            case.company_phone.clone(),
        ),
        (td_string!(locale, col_contact), case.contact_name.clone()),
        (
            td_string!(locale, field_contact_phone),
            case.contact_phone.clone(),
        ),
        (td_string!(locale, field_country), case.country.clone()),
        (td_string!(locale, col_status), status_text.to_string()),
        (
            td_string!(locale, field_priority),
            priority_label(locale, case.priority).to_string(),
        ),
        (
            td_string!(locale, field_assignee),
            case.assignee_name
                .clone()
                .unwrap_or_else(|| td_string!(locale, assignee_none).to_string()),
        ),
    ];
    let impact = vec![
        (td_string!(locale, field_subject), case.subject.clone()),
        (
            td_string!(locale, field_description),
            case.description.clone(),
        ),
        (
            td_string!(locale, field_product),
            case.product.clone().unwrap_or_default(),
        ),
        (
            td_string!(locale, field_resolution),
            case.resolution.clone(),
        ),
    ];
    let system = vec![
        (
            td_string!(locale, field_origin),
            origin_label(locale, case.origin).to_string(),
        ),
        (td_string!(locale, col_opened), local_time(&case.opened_at)),
    ];
    let internal_allowed = case.can_comment_internally;
    // The print view prints itself once its script runs (`?auto=1`); without JavaScript the link
    // still opens it, ready for the browser's own Print.
    let print_href = format!("/cases/{number}/print?auto=1");
    let clone_href = format!("/cases/new?clone={}", encode_query_value(&number));
    let follow_number = number.clone();
    let comment_number = number.clone();
    let files_number = number.clone();
    let update_number = number.clone();
    let survey_number = number.clone();
    let articles_number = number.clone();
    // Its parts marked `data-live` are brought up to date as the case changes.
    let live_feed = format!(
        "/live/cases/{}?after={}",
        encode_query_value(&number),
        case.live_after,
    );
    view! {
        <header class="case-header">
            <p class="case-number">{t!(i18n, case_number_label)} " " {number.clone()}</p>
            <h1>{case.subject.clone()}</h1>
            <p class="status-badge" data-live="status">
                {status_text}
            </p>
            <div
                class="case-actions"
                data-live="actions"
                role="group"
                aria-label=move || t_string!(i18n, case_actions).to_string()
            >
                <ActionForm action=follow attr:class="inline-form">
                    <input type="hidden" name="number" value=follow_number />
                    <input type="hidden" name="follow" value=(!following).to_string() />
                    <button
                        type="submit"
                        class="button button--secondary"
                        aria-pressed=following.to_string()
                        title=move || t_string!(i18n, case_follow_hint).to_string()
                    >
                        {if following { "✓ " } else { "" }}
                        {t!(i18n, case_follow)}
                    </button>
                </ActionForm>
                <A href=print_href attr:class="button button--secondary">
                    {t!(i18n, case_print)}
                </A>
                <A href=clone_href attr:class="button button--secondary">
                    {t!(i18n, case_clone)}
                </A>
                {case
                    .desk
                    .as_ref()
                    .filter(|d| !d.assigned_to_me)
                    .map(|_| {
                        let number = number.clone();
                        view! {
                            <ActionForm action=assign attr:class="inline-form">
                                <input type="hidden" name="numbers[]" value=number.clone() />
                                <input type="hidden" name="assignee" value="me" />
                                <input type="hidden" name="back" value=format!("/cases/{number}") />
                                <button type="submit" class="button button--secondary">
                                    {t!(i18n, case_assign_me)}
                                </button>
                            </ActionForm>
                        }
                    })}
                {case
                    .desk
                    .as_ref()
                    .filter(|_| matches!(case.status, CaseStatus::Solved | CaseStatus::Closed))
                    .map(|_| {
                        let href = format!(
                            "/desk/articles/new?from_case={}",
                            encode_query_value(&number),
                        );
                        view! {
                            <a href=href class="button button--secondary">
                                {t!(i18n, case_create_article)}
                            </a>
                        }
                    })}
                {settle_button(number.clone(), "close", case.settle.close, settle)}
                {settle_button(number.clone(), "reopen", case.settle.reopen, settle)}
            </div>
        </header>
        <section aria-labelledby="org-title">
            <h2 id="org-title">{t!(i18n, section_org)}</h2>
            <div data-live="org">{details(org)}</div>
        </section>
        <section aria-labelledby="impact-title">
            <h2 id="impact-title">{t!(i18n, section_impact)}</h2>
            <div data-live="impact">{details(impact)}</div>
        </section>
        <section aria-labelledby="system-title">
            <h2 id="system-title">{t!(i18n, section_system)}</h2>
            {details(system)}
        </section>
        {case
            .desk
            .clone()
            .map(|desk| {
                view! {
                    <CaseUpdateForm
                        number=update_number
                        status=case.status
                        priority=case.priority
                        resolution=case.resolution.clone()
                        desk
                        action=update
                    />
                }
            })}
        {case
            .desk
            .clone()
            .map(|desk| {
                let values = EditValues {
                    subject: case.subject.clone(),
                    description: case.description.clone(),
                    product: case.product.clone().unwrap_or_default(),
                    country: case.country.clone(),
                    contact: desk.contact,
                };
                view! { <CaseEditForm number=number.clone() values contacts=desk.contacts draft /> }
            })}
        <CaseComments
            number=comment_number
            comments=case.comments.clone()
            internal_allowed
            replies=case.desk.as_ref().map(|d| d.replies.clone()).unwrap_or_default()
            reply=case.desk.as_ref().and_then(|d| d.reply.clone()).unwrap_or_default()
        />
        <CaseFiles
            number=files_number
            files=case.attachments.clone()
            max_upload_mb=case.max_upload_mb
            lists=!internal_allowed
        />
        <CaseArticles
            number=articles_number
            articles=case.articles.clone()
            can_attach=case.can_attach_articles
        />
        <SurveyList number=survey_number surveys=case.surveys.clone() />
        // Always there (empty without mail), so the first email of a case can arrive live.
        <div data-live="mail">
            {case
                .desk
                .as_ref()
                .filter(|desk| !desk.mail.is_empty())
                .map(|desk| {
                    view! { <crate::pages::desk_mail::CaseMail mail=desk.mail.clone() /> }
                })}
        </div>
        {case.desk.map(|desk| view! { <CaseHistory history=desk.history /> })}
        <LiveCase feed=live_feed />
    }
}

/// The customer's "My problem is solved" (`close`) or "Reopen case" (`reopen`), when `shown`.
fn settle_button(
    number: String,
    action: &'static str,
    shown: bool,
    settle: ServerAction<SettleCase>,
) -> impl IntoView {
    let i18n = use_i18n();
    shown.then(|| {
        view! {
            <ActionForm action=settle attr:class="inline-form">
                <input type="hidden" name="number" value=number />
                <input type="hidden" name="action" value=action />
                <button type="submit" class="button button--secondary">
                    {move || {
                        if action == "close" {
                            t_string!(i18n, case_settle_close)
                        } else {
                            t_string!(i18n, case_settle_reopen)
                        }
                    }}
                </button>
            </ActionForm>
        }
    })
}

/// `/cases/:number/print`: the case and its public comments on a clean page, without the app's
/// header, menus and buttons when printed.
#[component]
pub fn CasePrintPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let auto = use_query_map().read_untracked().get("auto").is_some();
    let case = Resource::new_blocking(
        move || params.read().get("number").unwrap_or_default(),
        |number| get_case(number, CaseReading::Print, None),
    );
    let page = move || {
        Suspend::new(async move {
            match case.await {
                Err(AppError::Unavailable) => view! { <UnavailableNotice /> }.into_any(),
                Err(_) => view! { <NotFoundPage /> }.into_any(),
                Ok(c) => {
                    let locale = i18n.get_locale_untracked();
                    let number = c.number.to_string();
                    let back = format!("/cases/{number}");
                    // The server sent public comments only; the filter keeps it so if that changed.
                    let public: Vec<CommentView> =
                        c.comments.into_iter().filter(|x| x.public).collect();
                    view! {
                        <article class="printable">
                            <p class="no-print">
                                <A href=back>{t!(i18n, back_to_case)}</A>
                                " "
                                <PrintButton auto />
                            </p>
                            <p class="case-number">
                                {t!(i18n, case_number_label)} " " {number.clone()}
                            </p>
                            <h1>{c.subject.clone()}</h1>
                            {details(
                                vec![
                                    (
                                        td_string!(locale, col_status),
                                        status_label(locale, c.status).to_string(),
                                    ),
                                    (td_string!(locale, col_account), c.account_name.clone()),
                                    (td_string!(locale, col_contact), c.contact_name.clone()),
                                    (
                                        td_string!(locale, field_product),
                                        c.product.clone().unwrap_or_default(),
                                    ),
                                    (td_string!(locale, field_country), c.country.clone()),
                                    (td_string!(locale, col_opened), local_time(&c.opened_at)),
                                    (td_string!(locale, field_description), c.description.clone()),
                                    (td_string!(locale, field_resolution), c.resolution.clone()),
                                ],
                            )}
                            {(!c.articles.is_empty())
                                .then(|| {
                                    view! {
                                        <h2>
                                            {t!(i18n, knowledge_heading)} " (" {c.articles.len()} ")"
                                        </h2>
                                        <ul class="articles">
                                            {c
                                                .articles
                                                .iter()
                                                .map(|a| {
                                                    view! {
                                                        <li>
                                                            <span lang=a.language.clone()>{a.title.clone()}</span>
                                                            " · "
                                                            {a.number.clone()}
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    }
                                })}
                            <h2>{t!(i18n, comments_heading)} " (" {public.len()} ")"</h2>
                            <ol class="comments">
                                {public
                                    .into_iter()
                                    .map(|x| view! { <CommentItem comment=x /> })
                                    .collect_view()}
                            </ol>
                        </article>
                    }
                    .into_any()
                }
            }
        })
    };
    // Outside the Suspense, as on the case page: a `<Title>` inside it may register after the
    // server has already sent the `<head>`, and the page would have no title without JavaScript.
    let title = move || {
        case.get()
            .and_then(Result::ok)
            .map(|c| format!("{} · {}", c.number, c.subject))
            .unwrap_or_default()
    };
    view! {
        <Title text=title />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{page}</Suspense>
    }
    .into_any()
}

/// "Print": printing needs JavaScript, so the button appears once this island runs (no inline
/// handler, which the Content-Security-Policy would refuse anyway). With `auto` (the case page's
/// Print link) the browser's print dialog opens as soon as the page is live.
#[island]
fn PrintButton(auto: bool) -> impl IntoView {
    let i18n = use_i18n();
    let live = crate::components::form::use_hydrated();
    Effect::new(move |_| {
        if auto && live.get() {
            let _ = window().print();
        }
    });
    view! {
        <Show when=move || live.get()>
            <button
                type="button"
                class="button button--secondary"
                on:click=move |_| {
                    let _ = window().print();
                }
            >
                {t!(i18n, print_button)}
            </button>
        </Show>
    }
}
