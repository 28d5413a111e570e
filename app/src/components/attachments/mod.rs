//! The new-case form's attachments: a drop zone, "Upload files" (a picker to upload new files or
//! attach ones I own, support shared with me, recent ones or ones I follow), a progress bar per file while it
//! uploads, and Remove. Files upload at once, one request each (XHR, for upload progress), and
//! become pending uploads; the form posts their ids as `attachments`.
//!
//! Without JavaScript the same place shows a plain file input and an "Upload files" button that
//! posts the whole form (as multipart) to `/cases/new/files`, which keeps everything typed.
use crate::api::attachments::{list_files, reattach_file, remove_file};
use crate::components::form::FieldError;
use crate::domain::attachments::{FileInfo, FileList, human_size};
use crate::error::FieldErrors;
use crate::i18n::*;
use crate::messages::MessageKey;
use leptos::prelude::*;
use picker::{TABS, Tab, tab_id};
use upload::{Entry, Upload, abort, request_slot, send};

mod follow;
mod links;
mod picker;
mod upload;

pub use follow::FollowFileButton;
pub use links::FileLinks;

/// The field, an island inside the server-rendered form. `initial`: files already uploaded for
/// this form (it came back after an error or a no-JS upload). The form itself posts as a plain
/// form, with the ids of the uploaded files.
#[island]
pub fn AttachmentsField(
    /// Pending uploads to start with.
    initial: Vec<FileInfo>,
    /// Per-file limit in MB.
    max_upload_mb: u64,
    /// All errors of the form; `attachments`' appear under the list.
    errors: FieldErrors,
    /// Where the no-JS "Upload files" posts the form (multipart).
    #[prop(into)]
    no_js_action: String,
    /// Offer the lists of existing files (customers' own company's files); otherwise the picker
    /// only uploads new ones.
    lists: bool,
    /// Once live, show a submit button that adds the uploaded files (a case page; the new-case
    /// form has its own Submit).
    add_button: bool,
) -> impl IntoView {
    let errors = Memo::new(move |_| errors.clone());
    // False in the server's HTML, true once this island runs: the live controls replace the
    // no-JS ones.
    let hydrated = crate::components::form::use_hydrated();
    // The picker's tabs: "Upload new" first, then the lists when offered.
    let tab_count = if lists { TABS.len() } else { 1 };
    let i18n = use_i18n();
    let next_key = StoredValue::new(0_u64);
    let new_entry = move |name: String, size: i64, state: Upload| {
        next_key.update_value(|k| *k += 1);
        Entry {
            key: next_key.get_value(),
            name,
            size,
            state: RwSignal::new(state),
            request: request_slot(),
        }
    };
    let entries = RwSignal::new(
        initial
            .into_iter()
            .map(|f| new_entry(f.name.clone(), f.size, Upload::Stored(f)))
            .collect::<Vec<_>>(),
    );
    let announce = RwSignal::new(String::new());
    let drag_over = RwSignal::new(false);
    let ids = move || {
        entries.with(|list| {
            list.iter()
                .filter_map(|e| match e.state.get() {
                    Upload::Stored(f) => Some(f.id.to_string()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(",")
        })
    };
    let limit_bytes = (max_upload_mb * 1_000_000) as f64;

    // Starts uploading each file (checks size first, so an oversized file never leaves the browser).
    let add_files = move |files: web_sys::FileList| {
        for i in 0..files.length() {
            let Some(file) = files.get(i) else { continue };
            let active = entries.with(|l| {
                l.iter()
                    .filter(|e| !matches!(e.state.get_untracked(), Upload::Failed(_)))
                    .count()
            });
            let problem = if file.size() > limit_bytes {
                Some(MessageKey::FileTooLarge)
            } else if file.size() == 0.0 {
                Some(MessageKey::FileEmpty)
            } else if active >= crate::domain::attachments::FILES_PER_CASE_MAX {
                Some(MessageKey::TooManyFiles)
            } else {
                None
            };
            let entry = new_entry(
                file.name(),
                file.size() as i64,
                match problem {
                    Some(key) => Upload::Failed(key.into()),
                    None => Upload::Sending(0),
                },
            );
            entries.update(|l| l.push(entry.clone()));
            if problem.is_none() {
                send(&file, &entry, announce);
            } else {
                announce.set(format!(
                    "{}: {}",
                    entry.name,
                    problem
                        .unwrap_or(MessageKey::Generic)
                        .text(i18n.get_locale_untracked())
                ));
            }
        }
    };
    let remove = move |entry: Entry| {
        abort(entry.request);
        if let Upload::Stored(f) = entry.state.get_untracked() {
            leptos::task::spawn_local(async move {
                let _ = remove_file(f.id).await;
            });
        }
        entries.update(|l| l.retain(|e| e.key != entry.key));
    };

    // The picker dialog.
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let tab = RwSignal::new(Tab::Upload);
    let listed = RwSignal::new(None::<Result<Vec<FileInfo>, crate::error::AppError>>);
    let attached = RwSignal::new(Vec::<crate::domain::AttachmentId>::new());
    let show_tab = move |t: Tab| {
        tab.set(t);
        if let Tab::List(list) = t {
            listed.set(None);
            leptos::task::spawn_local(async move {
                let found = list_files(list).await;
                if tab.get_untracked() == t {
                    listed.set(Some(found));
                }
            });
        }
    };
    let open_picker = move |_| {
        show_tab(Tab::Upload);
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let close_picker = move || {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    let on_tab_key = move |ev: leptos::ev::KeyboardEvent| {
        let current = TABS
            .iter()
            .position(|t| *t == tab.get_untracked())
            .unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" => (current + 1) % tab_count,
            "ArrowLeft" => (current + tab_count - 1) % tab_count,
            "Home" => 0,
            "End" => tab_count - 1,
            _ => return,
        };
        ev.prevent_default();
        show_tab(TABS[next]);
        if let Some(el) = document().get_element_by_id(tab_id(TABS[next]))
            && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el)
        {
            let _ = el.focus();
        }
    };
    let attach = move |f: FileInfo| {
        leptos::task::spawn_local(async move {
            match reattach_file(f.id).await {
                Ok(copy) => {
                    attached.update(|a| a.push(f.id));
                    announce.set(format!("{}: {}", copy.name, t_string!(i18n, file_uploaded)));
                    let entry = new_entry(copy.name.clone(), copy.size, Upload::Stored(copy));
                    entries.update(|l| l.push(entry));
                }
                Err(_) => announce.set(t_string!(i18n, error_generic).to_string()),
            }
        });
    };
    let tab_label = move |t: Tab| match t {
        Tab::Upload => t_string!(i18n, picker_tab_upload),
        Tab::List(FileList::Owned) => t_string!(i18n, picker_tab_owned),
        Tab::List(FileList::Shared) => t_string!(i18n, picker_tab_shared),
        Tab::List(FileList::Recent) => t_string!(i18n, picker_tab_recent),
        Tab::List(FileList::Following) => t_string!(i18n, picker_tab_following),
    };
    let tabs = move || {
        TABS[..tab_count]
            .iter()
            .map(|&t| {
                let selected = move || tab.get() == t;
                view! {
                    <button
                        type="button"
                        role="tab"
                        id=tab_id(t)
                        aria-selected=move || selected().to_string()
                        aria-controls="picker-panel"
                        tabindex=move || if selected() { "0" } else { "-1" }
                        on:click=move |_| show_tab(t)
                        on:keydown=on_tab_key
                    >
                        {move || tab_label(t)}
                    </button>
                }
            })
            .collect_view()
    };
    let panel = move || {
        match tab.get() {
        Tab::Upload => view! {
            <div class="field">
                <label for="picker-files">{t!(i18n, choose_files_label)}</label>
                <input
                    type="file"
                    id="picker-files"
                    multiple
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        if let Some(files) = input.files() {
                            add_files(files);
                        }
                        input.set_value("");
                        close_picker();
                    }
                />
            </div>
            <p class="field-hint">{t!(i18n, upload_limit_hint, mb = max_upload_mb)}</p>
        }
        .into_any(),
        Tab::List(_) => view! {
            {move || match listed.get() {
                None => view! { <p>{t!(i18n, loading)}</p> }.into_any(),
                Some(Err(_)) => {
                    view! { <p class="field-error">{t!(i18n, error_generic)}</p> }.into_any()
                }
                Some(Ok(files)) if files.is_empty() => {
                    view! { <p>{t!(i18n, picker_empty)}</p> }.into_any()
                }
                Some(Ok(files)) => {
                    view! {
                        <ul class="picker-list">
                            {files
                                .into_iter()
                                .map(|f| {
                                    let id = f.id;
                                    let name = f.name.clone();
                                    let case = f
                                        .case_number
                                        .map(|n| n.to_string())
                                        .unwrap_or_default();
                                    let size = human_size(f.size);
                                    view! {
                                        <li>
                                            <span class="picker-list__name">{name.clone()}</span>
                                            <span class="picker-list__meta">
                                                {t!(i18n, picker_from_case, number = case)} " · " {size}
                                            </span>
                                            <button
                                                type="button"
                                                class="button button--secondary"
                                                aria-label=move || {
                                                    t_string!(i18n, picker_attach_label, name = name.clone())
                                                        .to_string()
                                                }
                                                disabled=move || attached.with(|a| a.contains(&id))
                                                on:click=move |_| attach(f.clone())
                                            >
                                                {t!(i18n, picker_attach)}
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
        }
        .into_any(),
    }
    };

    let rows = move || {
        entries
            .get()
            .into_iter()
            .map(|entry| {
                let name = entry.name.clone();
                let state = entry.state;
                let status = move || match state.get() {
                    Upload::Sending(pct) => view! {
                        <progress
                            max="100"
                            value=pct
                            aria-label=t_string!(i18n, file_uploading, name = name.clone())
                                .to_string()
                        ></progress>
                        <span class="file-list__pct">{format!("{pct}%")}</span>
                    }
                    .into_any(),
                    Upload::Stored(_) => view! { <span class="file-list__done">"✓ " {t!(i18n, file_uploaded)}</span> }
                    .into_any(),
                    Upload::Failed(key) => view! {
                        <span class="field-error">
                            {crate::messages::text(i18n.get_locale(), &key)} " "
                            {t!(i18n, file_retry_hint)}
                        </span>
                    }
                    .into_any(),
                };
                let plain_name = entry.name.clone();
                let link = move || match state.get() {
                    Upload::Stored(f) => view! {
                        <a href=f.href() download>
                            {f.name.clone()}
                        </a>
                    }.into_any(),
                    _ => view! { <span>{plain_name.clone()}</span> }.into_any(),
                };
                let label_name = entry.name.clone();
                let to_remove = entry.clone();
                view! {
                    <li class="file-list__item">
                        <span class="file-list__name">{link}</span>
                        <span class="file-list__size">{human_size(entry.size)}</span>
                        <span class="file-list__status">{status}</span>
                        <button
                            type="button"
                            class="link-button"
                            aria-label=move || {
                                t_string!(i18n, file_remove_label, name = label_name.clone())
                                    .to_string()
                            }
                            on:click=move |_| remove(to_remove.clone())
                        >
                            {t!(i18n, file_remove)}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <fieldset
            class="attachments"
            class:attachments--drag=move || drag_over.get()
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                drag_over.set(true);
            }
            on:dragleave=move |_| drag_over.set(false)
            on:drop=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                drag_over.set(false);
                if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
                    add_files(files);
                }
            }
        >
            <legend>{t!(i18n, attachments_legend)}</legend>
            <Show
                when=move || hydrated.get()
                fallback=move || view! {
                    <div class="field">
                        <label for="files">{t!(i18n, files_input_label)}</label>
                        <input type="file" id="files" name="file" multiple />
                    </div>
                    <button
                        type="submit"
                        class="button button--secondary"
                        formaction=no_js_action.clone()
                        formenctype="multipart/form-data"
                        formmethod="post"
                        formnovalidate
                        name="intent"
                        value="upload"
                    >
                        {t!(i18n, upload_files_button)}
                    </button>
                }
            >
                <p class="attachments__drop">{t!(i18n, drop_files_here)}</p>
                <button type="button" class="button button--secondary" aria-haspopup="dialog" on:click=open_picker>
                    {t!(i18n, upload_files_button)}
                </button>
                <dialog node_ref=dialog class="picker" aria-labelledby="picker-title">
                    <h2 id="picker-title">{t!(i18n, picker_title)}</h2>
                    <div role="tablist" aria-label=move || t_string!(i18n, picker_title).to_string()>{tabs}</div>
                    <div id="picker-panel" role="tabpanel" aria-labelledby=move || tab_id(tab.get())>
                        {panel}
                    </div>
                    <button type="button" class="button button--secondary" on:click=move |_| close_picker()>
                        {t!(i18n, picker_close)}
                    </button>
                </dialog>
            </Show>
            <p class="field-hint">{t!(i18n, upload_limit_hint, mb = max_upload_mb)}</p>
            <ul class="file-list">{rows}</ul>
            <p class="sr-only" role="status">{move || announce.get()}</p>
            <FieldError field="attachments" errors />
            <input type="hidden" name="attachments" prop:value=ids value=ids />
            <Show when=move || add_button && hydrated.get()>
                <button type="submit" class="button button--primary">
                    {t!(i18n, add_files_button)}
                </button>
            </Show>
        </fieldset>
    }
}
