//! "Need answers fast?" on the new-case form: while the customer types the subject and the
//! description, up to five articles that may answer it appear, in their language first. An article
//! opens in a new tab, so nothing typed is lost; each opening is counted for the deflection
//! figure. An island; without JavaScript the panel links to the knowledge base only.
use crate::api::knowledge::{suggest_articles, suggestion_opened};
use crate::components::kb_search::marked;
use crate::components::latest::Latest;
use crate::domain::knowledge::ArticleSummary;
use crate::i18n::*;
use leptos::prelude::*;

/// Wait after the last keystroke before asking the server.
const DEBOUNCE_MS: u64 = 400;

/// The ids of the fields whose text is looked up.
const SOURCES: [&str; 2] = ["subject", "description"];

/// The live list of suggestions (empty until something matches).
#[island]
pub fn CaseSuggestions() -> impl IntoView {
    let i18n = use_i18n();
    let found = RwSignal::new(Vec::<ArticleSummary>::new());
    let latest = Latest::new();
    // Listens on the window (the fields are outside this island) once the island runs.
    Effect::new(move |_| {
        let handle = window_event_listener(leptos::ev::input, move |ev| {
            let Some(el) = ev
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            else {
                return;
            };
            if !SOURCES.contains(&el.id().as_str()) {
                return;
            }
            let text = SOURCES
                .iter()
                .filter_map(|id| document().get_element_by_id(id))
                .filter_map(|el| {
                    wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(el.clone())
                        .map(|i| i.value())
                        .ok()
                        .or_else(|| {
                            wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlTextAreaElement>(el)
                                .map(|t| t.value())
                                .ok()
                        })
                })
                .collect::<Vec<_>>()
                .join(" ");
            latest.ask(
                DEBOUNCE_MS,
                move || suggest_articles(text),
                move |list| found.set(list.unwrap_or_default()),
            );
        });
        on_cleanup(move || handle.remove());
    });
    let items = move || {
        found
            .get()
            .into_iter()
            .map(|a| {
                let number = a.number.clone();
                let opened = move |_| {
                    let number = number.clone();
                    leptos::task::spawn_local(async move {
                        // Only counts; the article opens either way.
                        let _ = suggestion_opened(number).await;
                    });
                };
                view! {
                    <li lang=a.language.clone()>
                        <a
                            href=format!("/kb/articles/{}", a.number)
                            target="_blank"
                            rel="noopener"
                            on:click=opened
                        >
                            {marked(a.title_marked.clone())}
                            <span class="sr-only">{t!(i18n, opens_in_new_tab)}</span>
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        // Announced politely as suggestions arrive.
        <div class="case-suggestions" aria-live="polite">
            <Show when=move || found.with(|f| !f.is_empty())>
                <h3 class="case-suggestions__title">{t!(i18n, suggestions_title)}</h3>
                <ul>{items}</ul>
            </Show>
        </div>
    }
}
