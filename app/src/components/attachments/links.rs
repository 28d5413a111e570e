//! Files as download links, each with Follow when the reader may follow files.
use super::FollowFileButton;
use crate::domain::AttachmentId;
use crate::domain::attachments::{FileInfo, human_size};
use crate::i18n::*;
use leptos::prelude::*;

/// A list of files, each a download link (the creation toast, an article's files).
#[component]
pub fn FileLinks(
    /// The files.
    files: Vec<FileInfo>,
    /// The files the reader follows, when they may follow files: each row gets Follow and the
    /// anchor `file-{id}` it comes back to.
    #[prop(default = None)]
    followed: Option<Vec<AttachmentId>>,
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
                    let follow = followed
                        .as_ref()
                        .map(|list| {
                            view! {
                                " "
                                <FollowFileButton
                                    id=f.id
                                    name=name.clone()
                                    following=list.contains(&f.id)
                                />
                            }
                        });
                    let anchor = followed.as_ref().map(|_| format!("file-{}", f.id));
                    view! {
                        <li id=anchor>
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
                            {follow}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
