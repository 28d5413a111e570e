//! A case's files as download links.
use crate::domain::attachments::{FileInfo, human_size};
use crate::i18n::*;
use leptos::prelude::*;

/// A read-only list of a case's files, each a download link (case page, creation toast).
#[component]
pub fn FileLinks(
    /// The files.
    files: Vec<FileInfo>,
) -> impl IntoView {
    let i18n = use_i18n();
    if files.is_empty() {
        return view! { <p>{t!(i18n, no_attachments)}</p> }.into_any();
    }
    view! {
        <ul class="file-links">
            {files
                .into_iter()
                .map(|f| {
                    let name = f.name.clone();
                    view! {
                        <li>
                            <a
                                href=f.href()
                                download
                                aria-label=move || {
                                    t_string!(i18n, download_file_label, name = name.clone())
                                        .to_string()
                                }
                            >
                                {f.name.clone()}
                            </a>
                            " "
                            <span class="file-links__size">{human_size(f.size)}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
