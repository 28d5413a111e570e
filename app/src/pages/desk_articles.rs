//! `/desk/articles`, `/desk/articles/new` and `/desk/articles/:number`: support staff write the
//! knowledge base. The list holds drafts too, with readers' votes (the least helpful first on
//! request); the editor has a live preview (an island; without JavaScript the preview shows the
//! text as saved). Staff only (the server functions check; anyone else sees "no access").
use crate::api::attachments::pending_files;
use crate::api::knowledge::{
    SaveArticle, SaveKnowledgeSettings, deflection_report, get_article_editor,
    get_knowledge_settings, staff_articles,
};
use crate::auth_context::AuthContext;
use crate::components::attachments::AttachmentsField;
use crate::components::form::{
    CheckboxField, FieldError, InputField, SelectField, TextAreaField, filter_select, use_draft,
    use_form_errors,
};
use crate::components::kb_search::category_label;
use crate::components::markdown_preview::LivePreview;
use crate::components::time::{When, local_date};
use crate::domain::attachments::{FileInfo, human_size};
use crate::domain::knowledge::{
    ARTICLE_BODY_MAX, ARTICLE_SUMMARY_MAX, ArticleCategory, ArticleEditor, DeflectionMonth,
    KnowledgeSettings, StaffArticle, markdown_reference,
};
use crate::domain::{Language, Role};
use crate::error::AppError;
use crate::i18n::*;
use crate::pages::staff::AccessDenied;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The list of articles with its filters (a GET form).
#[component]
pub fn DeskArticlesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).unwrap_or_default();
    let articles = Resource::new_blocking(
        move || {
            (
                param("status"),
                param("language"),
                param("category"),
                param("sort"),
            )
        },
        |(status, language, category, sort)| staff_articles(status, language, category, sort),
    );
    let filters = move || {
        let chosen = |key: &str| Some(param(key)).filter(|v| !v.is_empty());
        let any = t_string!(i18n, kb_filter_any).to_string();
        let statuses = vec![
            (
                "published".to_string(),
                t_string!(i18n, article_status_published).to_string(),
            ),
            (
                "draft".to_string(),
                t_string!(i18n, article_status_draft).to_string(),
            ),
        ];
        let languages = Language::ALL
            .iter()
            .map(|l| (l.code().to_string(), l.own_name().to_string()))
            .collect();
        let categories = ArticleCategory::ALL
            .iter()
            .map(|c| (c.code().to_string(), category_label(i18n, *c)))
            .collect();
        let sorts = vec![(
            "helpful".to_string(),
            t_string!(i18n, articles_sort_least_helpful).to_string(),
        )];
        view! {
            <form method="get" action="/desk/articles" class="list-filters" role="search">
                {filter_select(
                    "filter-status",
                    "status",
                    t_string!(i18n, article_status).to_string(),
                    any.clone(),
                    statuses,
                    chosen("status"),
                )}
                {filter_select(
                    "filter-language",
                    "language",
                    t_string!(i18n, kb_filter_language).to_string(),
                    any.clone(),
                    languages,
                    chosen("language"),
                )}
                {filter_select(
                    "filter-category",
                    "category",
                    t_string!(i18n, kb_filter_category).to_string(),
                    any,
                    categories,
                    chosen("category"),
                )}
                {filter_select(
                    "filter-sort",
                    "sort",
                    t_string!(i18n, articles_sort).to_string(),
                    t_string!(i18n, articles_sort_latest).to_string(),
                    sorts,
                    chosen("sort"),
                )}
                <button type="submit" class="button button--secondary">
                    {t!(i18n, apply_button)}
                </button>
            </form>
        }
    };
    let table = move || {
        Suspend::new(async move {
            match articles.await {
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok(list) if list.is_empty() => {
                    view! { <p class="empty-state">{t!(i18n, articles_none)}</p> }.into_any()
                }
                Ok(list) => view! {
                    <table class="data-table">
                        <caption class="sr-only">{t!(i18n, articles_title)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, col_article)}</th>
                                <th scope="col">{t!(i18n, col_title)}</th>
                                <th scope="col">{t!(i18n, kb_filter_language)}</th>
                                <th scope="col">{t!(i18n, kb_filter_category)}</th>
                                <th scope="col">{t!(i18n, article_status)}</th>
                                <th scope="col">{t!(i18n, col_helpful)}</th>
                                <th scope="col">{t!(i18n, col_updated)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list
                                .into_iter()
                                .map(|a| view! { <ArticleRowView article=a /> })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                .into_any(),
            }
        })
    };
    // Admins only: the figure and the settings are not even asked for by anyone else (a refusal
    // would set the status of the whole page, which agents may see).
    let auth = expect_context::<AuthContext>();
    let is_admin = move || async move {
        matches!(auth.user.await, Ok(Some(user)) if user.role == Role::Admin)
    };
    let deflection = Resource::new_blocking(
        || (),
        move |_| async move {
            if is_admin().await {
                deflection_report().await
            } else {
                Err(AppError::Forbidden)
            }
        },
    );
    let figure = move || {
        Suspend::new(async move {
            deflection
                .await
                .ok()
                .map(|months| view! { <DeflectionFigure months /> })
        })
    };
    let settings = Resource::new_blocking(
        || (),
        move |_| async move {
            if is_admin().await {
                get_knowledge_settings().await
            } else {
                Err(AppError::Forbidden)
            }
        },
    );
    // Made here, not in the form: see `CasePage` (a resource made inside a Suspense's children).
    let draft = use_draft(query);
    let settings_form = move || {
        Suspend::new(async move {
            settings
                .await
                .ok()
                .map(|settings| view! { <SettingsForm settings draft /> })
        })
    };
    view! {
        <Title text=move || t_string!(i18n, articles_title).to_string() />
        <div class="page-heading">
            <h1>{t!(i18n, articles_title)}</h1>
            <a class="button button--primary" href="/desk/articles/new">
                {t!(i18n, article_new)}
            </a>
        </div>
        {filters}
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{table}</Suspense>
        <Suspense>{figure}</Suspense>
        <Suspense>{settings_form}</Suspense>
    }
}

/// Admins: whether people without an account may read the published articles, and the hosts whose
/// video players articles may embed.
#[component]
fn SettingsForm(
    settings: KnowledgeSettings,
    draft: Resource<std::collections::BTreeMap<String, String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let save = ServerAction::<SaveKnowledgeSettings>::new();
    let errors = use_form_errors();
    let saved = move || query.read().get("settings").is_some();
    let hosts = settings.video_hosts.join(" ");
    let public = settings.public;
    let hosts_field = move || {
        let hosts = hosts.clone();
        Suspend::new(async move {
            let typed = draft.await;
            let value = typed.get("video_hosts").cloned().unwrap_or(hosts);
            view! {
                <InputField
                    name="video_hosts"
                    label=Signal::derive(move || { t_string!(i18n, field_video_hosts).to_string() })
                    hint=Signal::derive(move || t_string!(i18n, video_hosts_hint).to_string())
                    autocomplete="off"
                    value=value
                    required=false
                    errors
                />
            }
        })
    };
    view! {
        <section id="settings" class="related" aria-labelledby="settings-title">
            <h2 id="settings-title">{t!(i18n, kb_public_title)}</h2>
            <ActionForm action=save attr:class="form">
                <CheckboxField
                    name="public"
                    label=Signal::derive(move || t_string!(i18n, kb_public_label).to_string())
                    hint=Signal::derive(move || t_string!(i18n, kb_public_hint).to_string())
                    checked=public
                    errors
                />
                <Suspense>{hosts_field}</Suspense>
                <button type="submit" class="button button--secondary">
                    {t!(i18n, article_save)}
                </button>
                <p role="status" class="form-status">
                    {move || saved().then_some(t!(i18n, kb_public_saved))}
                </p>
            </ActionForm>
        </section>
    }
}

/// The deflection figure per month (admins): suggestions opened on the new-case form, and those
/// no case followed.
#[component]
fn DeflectionFigure(months: Vec<DeflectionMonth>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = months
        .into_iter()
        .map(|m| {
            let rate = crate::domain::whole_percent(m.deflected, m.opened);
            view! {
                <tr>
                    <td>{m.month}</td>
                    <td>{m.opened}</td>
                    <td>{m.deflected}</td>
                    <td>{rate.map(|r| format!("{r}%"))}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let empty = rows.is_empty();
    view! {
        <section class="related" aria-labelledby="deflection-title">
            <h2 id="deflection-title">{t!(i18n, deflection_title)}</h2>
            <p>{t!(i18n, deflection_text)}</p>
            {if empty {
                view! { <p class="empty-state">{t!(i18n, deflection_none)}</p> }.into_any()
            } else {
                view! {
                    <table class="data-table">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, col_month)}</th>
                                <th scope="col">{t!(i18n, col_suggestions_opened)}</th>
                                <th scope="col">{t!(i18n, col_no_case_followed)}</th>
                                <th scope="col">{t!(i18n, col_deflection_rate)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn ArticleRowView(article: StaffArticle) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/desk/articles/{}", article.number);
    let language = Language::from_code(&article.language).map_or("", |l| l.own_name());
    let category = article.category;
    let published = article.published;
    let feedback = article.feedback;
    let helpful = move || match feedback.percent_helpful() {
        Some(percent) => t_string!(
            i18n,
            articles_helpful_cell,
            percent = percent,
            votes = feedback.votes
        )
        .to_string(),
        None => "—".to_string(),
    };
    view! {
        <tr>
            <td>{article.number.clone()}</td>
            <td lang=article.language.clone()>
                <a href=href>{article.title.clone()}</a>
            </td>
            <td>{language}</td>
            <td>{move || category_label(i18n, category)}</td>
            <td>
                {move || {
                    if published {
                        t_string!(i18n, article_status_published)
                    } else {
                        t_string!(i18n, article_status_draft)
                    }
                }}
            </td>
            <td>{helpful}</td>
            <td>
                <When at=article.updated_at.clone() />
            </td>
        </tr>
    }
}

/// The editor of a new article (`/desk/articles/new`) or of one (`/desk/articles/:number`).
#[component]
pub fn ArticleEditorPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let editor = Resource::new_blocking(
        move || {
            (
                params.read().get("number").unwrap_or_default(),
                query.read_untracked().get("from_case").unwrap_or_default(),
            )
        },
        |(number, from_case)| get_article_editor(number, from_case),
    );
    let draft = use_draft(query);
    let title = move || {
        editor
            .get()
            .and_then(Result::ok)
            .map(|e| {
                if e.number.is_some() {
                    t_string!(i18n, article_edit_title, title = e.title).to_string()
                } else {
                    t_string!(i18n, article_new).to_string()
                }
            })
            .unwrap_or_default()
    };
    let page = move || {
        Suspend::new(async move {
            match editor.await {
                Err(crate::error::AppError::NotFound) => {
                    view! { <crate::pages::not_found::NotFoundPage /> }.into_any()
                }
                Err(_) => view! { <AccessDenied /> }.into_any(),
                Ok(mut e) => {
                    let typed = draft.await;
                    // What a form without JavaScript had typed, over the saved article.
                    for (field, value) in &typed {
                        match field.as_str() {
                            "title" => e.title.clone_from(value),
                            "summary" => e.summary.clone_from(value),
                            "body" => e.body.clone_from(value),
                            "language" => e.language.clone_from(value),
                            "category" => e.category.clone_from(value),
                            "status" => e.published = value == "published",
                            "products" => {
                                e.products = value
                                    .split(',')
                                    .filter_map(|id| id.parse().ok().map(crate::domain::ProductId))
                                    .collect();
                            }
                            _ => {}
                        }
                    }
                    let translation_of = typed.get("translation_of").cloned().unwrap_or_default();
                    let ids = typed.get("attachments").cloned().unwrap_or_default();
                    let pending = if ids.is_empty() {
                        Vec::new()
                    } else {
                        pending_files(ids).await.unwrap_or_default()
                    };
                    let removing: Vec<String> = typed
                        .get("remove_files")
                        .map(|v| v.split(',').map(str::to_string).collect())
                        .unwrap_or_default();
                    view! { <EditorForm editor=e translation_of pending removing /> }.into_any()
                }
            }
        })
    };
    view! {
        <Title text=title />
        <p>
            <a href="/desk/articles">{t!(i18n, articles_back)}</a>
        </p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>{page}</Suspense>
    }
}

#[component]
fn EditorForm(
    editor: ArticleEditor,
    translation_of: String,
    /// Uploads waiting to join the article when it is saved.
    pending: Vec<FileInfo>,
    /// Ids of its files marked to go when it is saved.
    removing: Vec<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let save = ServerAction::<SaveArticle>::new();
    let errors = use_form_errors();
    let saved = move || query.read().get("saved").is_some();
    let heading = match &editor.number {
        Some(_) => editor.title.clone(),
        None => String::new(),
    };
    let number = editor.number.clone();
    let meta = number.clone().map(|n| {
        let updated = editor
            .updated_at
            .as_deref()
            .map(local_date)
            .unwrap_or_default();
        let author = editor.author.clone();
        let revision = editor.revision;
        let published = editor.published;
        let view_link = published.then(|| {
            view! {
                " · "
                <a href=format!("/kb/articles/{n}")>{t!(i18n, article_view_published)}</a>
            }
        });
        view! {
            <p class="kb-article__meta">
                {t!(i18n, article_number, number = n.clone())} " · "
                {t!(i18n, article_updated, date = updated)}
                {author
                    .map(|name| {
                        view! {
                            " · "
                            {t!(i18n, article_author, name = name)}
                        }
                    })} " · " {t!(i18n, article_revision, revision = revision)} {view_link}
            </p>
        }
    });
    let languages = Language::ALL
        .iter()
        .map(|l| (l.code().to_string(), l.own_name().to_string()))
        .collect::<Vec<_>>();
    let categories = Signal::derive(move || {
        ArticleCategory::ALL
            .iter()
            .map(|c| (c.code().to_string(), category_label(i18n, *c)))
            .collect::<Vec<_>>()
    });
    let statuses = Signal::derive(move || {
        vec![
            (
                "draft".to_string(),
                t_string!(i18n, article_status_draft).to_string(),
            ),
            (
                "published".to_string(),
                t_string!(i18n, article_status_published).to_string(),
            ),
        ]
    });
    let status = if editor.published {
        "published"
    } else {
        "draft"
    };
    let chosen = editor.products.clone();
    let products = editor
        .product_options
        .iter()
        .map(|p| {
            let id = format!("product-{}", p.id.0);
            let checked = chosen.contains(&p.id);
            view! {
                <li class="field__check">
                    <input
                        type="checkbox"
                        id=id.clone()
                        name="products[]"
                        value=p.id.0.to_string()
                        checked=checked
                    />
                    <label for=id>{p.name.clone()}</label>
                </li>
            }
        })
        .collect_view();
    let translations = (!editor.translations.is_empty()).then(|| {
        let links = editor
            .translations
            .iter()
            .map(|t| {
                let name = Language::from_code(&t.language).map_or("", |l| l.own_name());
                view! {
                    <li>
                        <a href=format!("/desk/articles/{}", t.number)>{name}</a>
                        " — "
                        <span lang=t.language.clone()>{t.title.clone()}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <p>{t!(i18n, article_translations)}</p>
            <ul>{links}</ul>
        }
    });
    view! {
        <div class="page-heading">
            <h1>
                {match number.clone() {
                    Some(_) => heading.into_any(),
                    None => t!(i18n, article_new).into_any(),
                }}
            </h1>
        </div>
        {meta}
        {editor
            .from_case
            .clone()
            .map(|case| {
                view! {
                    <p class="field-hint">
                        {t!(i18n, article_from_case_note, number = case.clone())}
                    </p>
                }
            })}
        <p role="status" class="form-status">
            {move || saved().then_some(t!(i18n, article_saved))}
        </p>
        <LivePreview source="body".to_string() initial=editor.body_html.clone()>
            <ActionForm action=save attr:class="form article-editor__form">
                <input type="hidden" name="number" value=number.clone().unwrap_or_default() />
                <input type="hidden" name="revision" value=editor.revision.to_string() />
                <input
                    type="hidden"
                    name="from_case"
                    value=editor.from_case.clone().unwrap_or_default()
                />
                <InputField
                    name="title"
                    label=Signal::derive(move || t_string!(i18n, field_article_title).to_string())
                    autocomplete="off"
                    value=editor.title.clone()
                    errors
                />
                <TextAreaField
                    name="summary"
                    id="summary"
                    label=Signal::derive(move || {
                        t_string!(i18n, field_article_summary).to_string()
                    })
                    hint=Signal::derive(move || t_string!(i18n, article_summary_hint).to_string())
                    rows=2
                    max_chars=ARTICLE_SUMMARY_MAX
                    value=editor.summary.clone()
                    errors
                />
                <TextAreaField
                    name="body"
                    id="body"
                    label=Signal::derive(move || t_string!(i18n, field_article_body).to_string())
                    hint=Signal::derive(move || t_string!(i18n, article_body_hint).to_string())
                    rows=16
                    max_chars=ARTICLE_BODY_MAX
                    value=editor.body.clone()
                    errors
                />
                <SelectField
                    name="language"
                    label=Signal::derive(move || t_string!(i18n, kb_filter_language).to_string())
                    options=languages
                    selected=editor.language.clone()
                    errors
                />
                <SelectField
                    name="category"
                    label=Signal::derive(move || t_string!(i18n, kb_filter_category).to_string())
                    options=categories
                    selected=editor.category.clone()
                    errors
                />
                <fieldset class="field">
                    <legend>{t!(i18n, field_article_products)}</legend>
                    <ul class="check-list">{products}</ul>
                    <FieldError field="products" errors />
                </fieldset>
                <InputField
                    name="translation_of"
                    label=Signal::derive(move || {
                        t_string!(i18n, field_translation_of).to_string()
                    })
                    hint=Signal::derive(move || {
                        t_string!(i18n, translation_of_hint).to_string()
                    })
                    autocomplete="off"
                    value=translation_of
                    required=false
                    errors
                />
                {translations}
                <ArticleFiles
                    files=editor.files.clone()
                    pending
                    removing
                    max_upload_mb=editor.max_upload_mb
                />
                <SelectField
                    name="status"
                    label=Signal::derive(move || t_string!(i18n, article_status).to_string())
                    options=statuses
                    selected=status.to_string()
                    errors
                />
                <button type="submit" class="button button--primary">
                    {t!(i18n, article_save)}
                </button>
            </ActionForm>
        </LivePreview>
    }
}

/// The article's files in the editor: each with the Markdown that shows it in the text and a
/// "Remove" box, then the uploads (drag and drop, or "Upload files" without JavaScript) that join
/// the article when it is saved.
#[component]
fn ArticleFiles(
    files: Vec<FileInfo>,
    pending: Vec<FileInfo>,
    removing: Vec<String>,
    max_upload_mb: u64,
) -> impl IntoView {
    let i18n = use_i18n();
    let errors = use_form_errors();
    let rows = files
        .into_iter()
        .map(|f| {
            let id = format!("remove-file-{}", f.id);
            let checked = removing.contains(&f.id.to_string());
            let name = f.name.clone();
            view! {
                <li class="article-files__item">
                    <a href=f.href() download>
                        {f.name.clone()}
                    </a>
                    " "
                    <span class="file-links__size">{human_size(f.size)}</span>
                    <code class="article-files__markdown">{markdown_reference(&f)}</code>
                    <span class="field__check">
                        <input
                            type="checkbox"
                            id=id.clone()
                            name="remove_files[]"
                            value=f.id.to_string()
                            checked=checked
                        />
                        <label for=id>
                            {move || {
                                t_string!(i18n, article_file_remove, name = name.clone())
                                    .to_string()
                            }}
                        </label>
                    </span>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let listed = (!rows.is_empty()).then(|| view! { <ul class="article-files">{rows}</ul> });
    view! {
        <fieldset class="field">
            <legend>{t!(i18n, article_files_legend)}</legend>
            <p class="field-hint">{t!(i18n, article_files_hint)}</p>
            {listed}
            <AttachmentsField
                initial=pending
                max_upload_mb=max_upload_mb
                errors=errors.get_untracked()
                no_js_action="/desk/articles/files"
                lists=false
                add_button=false
            />
        </fieldset>
    }
}
