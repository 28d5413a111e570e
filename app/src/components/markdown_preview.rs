//! The article editor's live preview: the text as readers will see it, rendered on the server
//! (the one Markdown renderer and sanitizer, `backend::markdown`) a moment after the writer stops
//! typing. An island around the editor's form; without JavaScript the preview shows the text as
//! last saved.
use crate::api::knowledge::preview_article;
use crate::components::latest::Latest;
use crate::i18n::*;
use leptos::prelude::*;

/// Wait after the last keystroke before asking the server.
const DEBOUNCE_MS: u64 = 300;

/// The form (`children`) beside the preview of its textarea `source` (an id), which starts as
/// `initial` (HTML rendered on the server).
#[island]
pub fn LivePreview(
    /// The id of the textarea holding the Markdown.
    source: String,
    /// The preview's HTML to start with.
    initial: String,
    /// The editor's form.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let html = RwSignal::new(initial);
    let latest = Latest::new();
    let on_input = move |ev: leptos::ev::Event| {
        let from_source = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| el.id() == source);
        if !from_source {
            return;
        }
        let text = event_target_value(&ev);
        latest.ask(
            DEBOUNCE_MS,
            move || preview_article(text),
            move |rendered| {
                // A refused preview (too long a text) keeps the last one; saving says why.
                if let Ok(rendered) = rendered {
                    html.set(rendered);
                }
            },
        );
    };
    view! {
        <div class="article-editor" on:input=on_input>
            {children()}
            <section class="article-editor__preview" aria-labelledby="preview-title">
                <h2 id="preview-title">{t!(i18n, article_preview)}</h2>
                // Rendered from Markdown and sanitized on the server.
                <div class="kb-article__body" inner_html=move || html.get()></div>
            </section>
        </div>
    }
}
