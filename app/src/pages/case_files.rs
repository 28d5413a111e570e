//! The case page's "Attachments" related list: each file as a link with what the reader may do to
//! it (follow it; upload a new version or remove it when it is theirs, or as support staff; its
//! earlier versions), and the field to add more (drop zone and picker once its island runs, a plain
//! file input posting to `/cases/:number/files` without JavaScript). Every action is a plain form
//! post that comes back to the page, so all of it works without JavaScript.
use crate::api::attachments::{AddCaseFiles, RemoveCaseFile};
use crate::components::attachments::{AttachmentsField, FollowFileButton};
use crate::components::form::{FieldError, use_form_errors};
use crate::domain::attachments::{CaseFile, FileInfo, human_size};
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The files and the form that adds some.
#[component]
pub fn CaseFiles(
    /// The case's number.
    number: String,
    /// Its files.
    files: Vec<CaseFile>,
    /// Per-file limit in MB.
    max_upload_mb: u64,
    /// Offer the lists of existing files in the picker (customers).
    lists: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let add_files = ServerAction::<AddCaseFiles>::new();
    let file_errors = use_form_errors();
    // The file whose new version came back with an error (`?file=` of the no-JS post's answer).
    let query = use_query_map();
    let failed = query.read_untracked().get("file");
    let no_js_files = format!("/cases/{number}/files");
    let count = files.len();
    let list = if files.is_empty() {
        view! { <p>{t!(i18n, no_attachments)}</p> }.into_any()
    } else {
        view! {
            <ul class="case-files">
                {files
                    .into_iter()
                    .map(|file| {
                        let errors_here = failed.as_deref()
                            == Some(file.document.to_string().as_str());
                        view! {
                            <CaseFileRow
                                number=number.clone()
                                file
                                errors=errors_here.then_some(file_errors)
                            />
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="files-title" class="related">
            <div data-live="files">
                <h2 id="files-title">{t!(i18n, attachments_legend)} " (" {count} ")"</h2>
                {list}
            </div>
            <ActionForm action=add_files attr:class="form">
                <input type="hidden" name="number" value=number.clone() />
                <AttachmentsField
                    initial=Vec::new()
                    max_upload_mb
                    errors=file_errors.get_untracked()
                    no_js_action=no_js_files
                    lists
                    add_button=true
                />
            </ActionForm>
        </section>
    }
}

/// One file: its link, size and version, Follow, and (for those who may) "Upload new version" and
/// "Remove", each behind a disclosure; then its earlier versions.
#[component]
fn CaseFileRow(
    number: String,
    file: CaseFile,
    /// The form's errors, when the new version that failed was this file's.
    errors: Option<Memo<crate::error::FieldErrors>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let remove = ServerAction::<RemoveCaseFile>::new();
    let CaseFile {
        file: current,
        document,
        earlier,
        following,
        can_change,
    } = file;
    let name = current.name.clone();
    let input_id = format!("version-{document}");
    let version_action = format!("/cases/{number}/files/{document}/version");
    let change = can_change.then(|| {
        let name = name.clone();
        let name_for_label = name.clone();
        let name_for_confirm = name.clone();
        let described = errors.map(|_| "version-error");
        view! {
            <details class="case-file__more">
                <summary>{t!(i18n, file_new_version)}</summary>
                <form
                    method="post"
                    action=version_action
                    enctype="multipart/form-data"
                    class="form form--inline"
                >
                    <div class="field">
                        <label for=input_id
                            .clone()>
                            {move || {
                                t_string!(
                                    i18n, file_new_version_label, name = name_for_label.clone()
                                )
                                    .to_string()
                            }}
                        </label>
                        <input
                            type="file"
                            id=input_id.clone()
                            name="file"
                            required
                            aria-invalid=errors.is_some().then_some("true")
                            aria-describedby=described
                        />
                    </div>
                    {errors.map(|errors| view! { <FieldError field="version" errors /> })}
                    <button type="submit" class="button button--secondary button--small">
                        {t!(i18n, file_new_version_button)}
                    </button>
                </form>
            </details>
            <details class="case-file__more">
                <summary>{t!(i18n, file_remove)}</summary>
                <ActionForm action=remove attr:class="form form--inline">
                    <input type="hidden" name="id" value=current.id.to_string() />
                    <p>
                        {move || {
                            t_string!(i18n, file_remove_confirm, name = name_for_confirm.clone())
                                .to_string()
                        }}
                    </p>
                    <button type="submit" class="button button--danger button--small">
                        {move || {
                            t_string!(i18n, file_remove_label, name = name.clone()).to_string()
                        }}
                    </button>
                </ActionForm>
            </details>
        }
    });
    let earlier_count = earlier.len();
    let history = (earlier_count > 0).then(|| {
        view! {
            <details class="case-file__more">
                <summary>{t!(i18n, file_earlier_versions, count = earlier_count)}</summary>
                <ul class="file-links">
                    {earlier.into_iter().map(|f| view! { <VersionLink file=f /> }).collect_view()}
                </ul>
            </details>
        }
    });
    let download_name = name.clone();
    let version = current.version;
    view! {
        <li class="case-file" id=format!("file-{document}")>
            <p class="case-file__head">
                <a
                    href=current.href()
                    download
                    aria-label=move || {
                        t_string!(i18n, download_file_label, name = download_name.clone())
                            .to_string()
                    }
                >
                    {current.name.clone()}
                </a>
                " "
                <span class="file-links__size">
                    {human_size(current.size)}
                    {(version > 1)
                        .then(|| {
                            view! {
                                " · "
                                {t!(i18n, file_version, version = version)}
                            }
                        })}
                </span>
                <FollowFileButton id=document name=name.clone() following />
            </p>
            {change}
            {history}
        </li>
    }
}

/// An earlier version as a download link: "Version 1: name".
#[component]
fn VersionLink(file: FileInfo) -> impl IntoView {
    let i18n = use_i18n();
    let version = file.version;
    view! {
        <li>
            <a href=file.href() download>
                {t!(i18n, file_version, version = version)}
                ": "
                {file.name.clone()}
            </a>
            " "
            <span class="file-links__size">{human_size(file.size)}</span>
        </li>
    }
}
