//! The case page's "Attachments" related list: the files as links, and the field to add more
//! (drop zone and picker with JavaScript, a plain file input posting to `/cases/:number/files`
//! without it).
use crate::api::attachments::AddCaseFiles;
use crate::components::attachments::{AttachmentsField, FileLinks};
use crate::components::form::{use_form_errors, use_hydrated};
use crate::domain::attachments::FileInfo;
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The files and the form that adds some.
#[component]
pub fn CaseFiles(
    /// The case's number.
    number: String,
    /// Its files.
    files: Vec<FileInfo>,
    /// Per-file limit in MB.
    max_upload_mb: u64,
    /// Offer the lists of existing files in the picker (customers).
    lists: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let files = RwSignal::new(files);
    let add_files = ServerAction::<AddCaseFiles>::new();
    let added = RwSignal::new(0_usize);
    Effect::new(move |_| {
        if let Some(Ok(now)) = add_files.value().get() {
            files.set(now);
            added.update(|n| *n += 1);
        }
    });
    let file_errors = use_form_errors(add_files);
    let hydrated = use_hydrated();
    let no_js_files = format!("/cases/{number}/files");
    let files_number = number;
    view! {
        <section aria-labelledby="files-title" class="related">
            <h2 id="files-title">
                {t!(i18n, attachments_legend)} " (" {move || files.with(Vec::len)} ")"
            </h2>
            {move || view! { <FileLinks files=files.get() /> }}
            <ActionForm action=add_files attr:class="form">
                <input type="hidden" name="number" value=files_number />
                <AttachmentsField
                    initial=Vec::new()
                    max_upload_mb
                    errors=file_errors
                    cleared=added
                    hydrated
                    no_js_action=no_js_files
                    lists
                />
                <Show when=move || hydrated.get()>
                    <button type="submit" class="button button--primary">
                        {t!(i18n, add_files_button)}
                    </button>
                </Show>
            </ActionForm>
        </section>
    }
}
