//! The case page's comments: the latest five (or all), each public or internal, and the form to
//! add one (support may mark it internal). A new comment shows at once for its author.
use crate::api::cases::AddComment;
use crate::components::form::{TextAreaField, use_form_errors};
use crate::components::time::When;
use crate::domain::case_page::{COMMENT_MAX, CommentView};
use crate::i18n::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// Comments shown before "View all".
const RECENT_COMMENTS: usize = 5;

/// The "Comments" related list with its form.
#[component]
pub fn CaseComments(
    /// The case's number.
    number: String,
    /// Its comments as the reader may see them, oldest first.
    comments: Vec<CommentView>,
    /// Whether the reader may write internal comments (support).
    internal_allowed: bool,
    /// Support's canned replies to insert (id, "Title (EN)"); empty for customers.
    replies: Vec<(crate::domain::ReplyId, String)>,
    /// The reply box's starting text (a canned reply that was inserted).
    reply: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let comments = RwSignal::new(comments);
    let comment = ServerAction::<AddComment>::new();
    let errors = use_form_errors();
    let show_all = move || query.read().get("comments").as_deref() == Some("all");
    let all_href = format!("/cases/{number}?comments=all#comments");
    let insert_action = format!("/cases/{number}#comment-body");
    let comment_number = number;
    // Support's "Insert": a GET form, so the page comes back with the reply box filled in, with or
    // without JavaScript.
    let insert = internal_allowed.then(move || {
        let options = replies
            .into_iter()
            .map(|(id, label)| view! { <option value=id.0.to_string()>{label}</option> })
            .collect_view();
        view! {
            <form method="get" action=insert_action class="form form--inline canned-replies">
                <div class="field">
                    <label for="canned-reply">{t!(i18n, reply_insert_label)}</label>
                    <select id="canned-reply" name="reply">
                        {options}
                    </select>
                </div>
                <button type="submit" class="button button--secondary">
                    {t!(i18n, reply_insert_button)}
                </button>
                <a href=crate::api::replies::PAGE>{t!(i18n, replies_manage_link)}</a>
            </form>
        }
    });
    let comment_list = move || {
        let list = comments.get();
        let total = list.len();
        let shown: Vec<CommentView> = if show_all() || total <= RECENT_COMMENTS {
            list
        } else {
            list[total - RECENT_COMMENTS..].to_vec()
        };
        view! {
            <div data-live="comments">
                <h2 id="comments-title">{t!(i18n, comments_heading)} " (" {total} ")"</h2>
                {if total == 0 {
                    view! { <p>{t!(i18n, no_comments)}</p> }.into_any()
                } else {
                    view! {
                        <ol class="comments">
                            {shown
                                .into_iter()
                                .map(|c| view! { <CommentItem comment=c /> })
                                .collect_view()}
                        </ol>
                    }
                        .into_any()
                }}
                {(total > RECENT_COMMENTS && !show_all())
                    .then(|| {
                        let href = all_href.clone();
                        view! { <A href=href>{t!(i18n, view_all)} " (" {total} ")"</A> }
                    })}
            </div>
        }
    };
    view! {
        <section id="comments" aria-labelledby="comments-title" class="related">
            {comment_list}
            {insert}
            <ActionForm action=comment attr:class="form comment-form">
                <input type="hidden" name="number" value=comment_number />
                <TextAreaField
                    name="body"
                    id="comment-body"
                    label=Signal::derive(move || t_string!(i18n, comment_label).to_string())
                    rows=4
                    max_chars=COMMENT_MAX
                    value=reply
                    errors
                />
                {internal_allowed
                    .then(|| {
                        view! {
                            <div class="field field__check">
                                <input
                                    type="checkbox"
                                    id="comment-internal"
                                    name="internal"
                                    value="on"
                                />
                                <label for="comment-internal">
                                    {t!(i18n, comment_internal_label)}
                                </label>
                            </div>
                        }
                    })}
                <button type="submit" class="button button--primary">
                    {t!(i18n, comment_submit)}
                </button>
            </ActionForm>
        </section>
    }
}

/// One comment: author, "support" when staff wrote it, public or internal, time, text.
#[component]
pub fn CommentItem(comment: CommentView) -> impl IntoView {
    let i18n = use_i18n();
    let visibility = move || {
        if comment.public {
            t_string!(i18n, comment_public)
        } else {
            t_string!(i18n, comment_internal)
        }
    };
    view! {
        <li class="comment" class:comment--internal=!comment.public>
            <p class="comment__meta">
                <strong>{comment.author_name.clone()}</strong>
                {comment.by_support.then(|| view! { " · " {t!(i18n, comment_by_support)} })}
                " · " {visibility} " · "
                <When at=comment.created_at.clone() />
            </p>
            <p class="comment__body pre-line">{comment.body.clone()}</p>
        </li>
    }
}
