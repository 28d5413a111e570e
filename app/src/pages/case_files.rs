//! The case page's "Attachments" related list: the files as links, and the field to add more
//! (drop zone and picker once its island runs, a plain file input posting to
//! `/cases/:number/files` without JavaScript). Adding files posts the page's form, and the page
//! comes back with them.
use crate::api::attachments::AddCaseFiles;
use crate::components::attachments::{AttachmentsField, FileLinks};
use crate::components::form::use_form_errors;
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
    let add_files = ServerAction::<AddCaseFiles>::new();
    let file_errors = use_form_errors();
    let no_js_files = format!("/cases/{number}/files");
    let count = files.len();
    view! {
        <section aria-labelledby="files-title" class="related">
            <h2 id="files-title">{t!(i18n, attachments_legend)} " (" {count} ")"</h2>
            <FileLinks files />
            <ActionForm action=add_files attr:class="form">
                <input type="hidden" name="number" value=number />
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
