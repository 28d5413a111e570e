//! "Follow" on a file: a toggle (`aria-pressed`) in a plain form, so it works without JavaScript
//! and comes back to the file's row (`#file-{id}`) on its case or article page.
use crate::api::attachments::FollowFile;
use crate::domain::AttachmentId;
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The Follow toggle of file `id` (its first version's id) named `name`.
#[component]
pub fn FollowFileButton(
    /// The file (its first version's id).
    id: AttachmentId,
    /// Its name, for the button's accessible name ("Follow report.pdf").
    name: String,
    /// The reader follows it now.
    following: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let follow = ServerAction::<FollowFile>::new();
    view! {
        <ActionForm action=follow attr:class="inline-form">
            <input type="hidden" name="id" value=id.to_string() />
            <input type="hidden" name="follow" value=(!following).to_string() />
            <button
                type="submit"
                class="button button--secondary button--small"
                aria-pressed=following.to_string()
                aria-label=move || {
                    t_string!(i18n, file_follow_label, name = name.clone()).to_string()
                }
                title=move || t_string!(i18n, file_follow_hint).to_string()
            >
                {if following { "✓ " } else { "" }}
                {t!(i18n, case_follow)}
            </button>
        </ActionForm>
    }
}
