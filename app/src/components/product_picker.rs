//! The Product field: an ARIA 1.2 combobox with live suggestions. Typing three or more characters
//! asks the server (debounced) for products containing them, those starting with them first;
//! Enter without a highlighted suggestion lists every product that starts with them. Arrow keys move
//! through the list, Enter or a click picks, Escape closes. Without JavaScript it is a plain text
//! field and the server checks the name.
use crate::api::cases::{products_starting_with, search_products};
use crate::components::form::FieldError;
use crate::components::latest::Latest;
use crate::domain::cases::{MIN_PRODUCT_QUERY, ProductOption};
use crate::error::FieldErrors;
use crate::i18n::*;
use leptos::prelude::*;

/// Wait after the last keystroke before asking the server.
const DEBOUNCE_MS: u64 = 200;

/// The combobox (an island: the only part of the new-case form that runs in the browser besides
/// the attachments); posts the product's name as `product`.
#[island]
pub fn ProductPicker(
    /// The value to start with.
    #[prop(into)]
    initial: String,
    /// All errors of the form; `product`'s appear under the field.
    errors: FieldErrors,
) -> impl IntoView {
    let i18n = use_i18n();
    let errors = Memo::new(move |_| errors.clone());
    let text = RwSignal::new(initial.clone());
    let options = RwSignal::new(Vec::<ProductOption>::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let full_list = RwSignal::new(false);
    let latest = Latest::new();
    let has_error = move || errors.with(|e| e.contains_key("product"));

    let fetch = move |query: String, everything: bool, delay: u64| {
        latest.ask(
            delay,
            move || async move {
                if everything {
                    products_starting_with(query).await
                } else {
                    search_products(query).await
                }
            },
            move |found| {
                options.set(found.unwrap_or_default());
                full_list.set(everything);
                active.set(None);
                open.set(true);
            },
        );
    };
    let close = move || {
        open.set(false);
        active.set(None);
    };
    let pick = move |i: usize| {
        if let Some(option) = options.with(|o| o.get(i).cloned()) {
            text.set(option.name);
            latest.cancel();
            close();
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        text.set(value.clone());
        if value.trim().chars().count() >= MIN_PRODUCT_QUERY {
            fetch(value, false, DEBOUNCE_MS);
        } else {
            latest.cancel();
            options.set(Vec::new());
            close();
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = options.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" | "ArrowUp" if count > 0 => {
                ev.prevent_default();
                let down = ev.key() == "ArrowDown";
                open.set(true);
                active.update(|a| {
                    *a = Some(match (*a, down) {
                        (None, true) => 0,
                        (None, false) => count - 1,
                        (Some(i), true) => (i + 1) % count,
                        (Some(i), false) => (i + count - 1) % count,
                    })
                });
            }
            "Enter" => {
                // Never submits the form from this field.
                ev.prevent_default();
                match active.get_untracked().filter(|_| open.get_untracked()) {
                    Some(i) => pick(i),
                    None => {
                        let typed = text.get_untracked();
                        if typed.trim().chars().count() >= MIN_PRODUCT_QUERY {
                            fetch(typed, true, 0);
                        }
                    }
                }
            }
            "Escape" if open.get_untracked() => {
                ev.prevent_default();
                close();
            }
            _ => {}
        }
    };
    let described_by = move || {
        let mut ids = vec!["product-hint".to_string()];
        if has_error() {
            ids.push("product-error".into());
        }
        ids.join(" ")
    };
    let announcement = move || {
        if !open.get() {
            return String::new();
        }
        let n = options.with(Vec::len);
        if n == 0 {
            t_string!(i18n, product_none).to_string()
        } else {
            t_string!(i18n, product_count, count = n).to_string()
        }
    };
    view! {
        <div class="field combobox">
            <label for="product" id="product-label">
                {t!(i18n, field_product)}
            </label>
            <p class="field-hint" id="product-hint">
                {t!(i18n, product_hint)}
            </p>
            <input
                id="product"
                name="product"
                type="text"
                autocomplete="off"
                role="combobox"
                aria-autocomplete="list"
                aria-controls="product-listbox"
                aria-expanded=move || open.get().to_string()
                aria-activedescendant=move || active.get().map(|i| format!("product-option-{i}"))
                aria-invalid=move || has_error().to_string()
                aria-describedby=described_by
                // The attribute for server-rendered HTML, the property once hydrated.
                value=initial
                prop:value=move || text.get()
                on:input=on_input
                on:keydown=on_keydown
                on:blur=move |_| close()
            />
            <ul
                id="product-listbox"
                role="listbox"
                aria-labelledby="product-label"
                class="combobox__list"
                hidden=move || !open.get() || options.with(Vec::is_empty)
                // Keep the focus in the input while the mouse picks.
                on:mousedown=|ev| ev.prevent_default()
            >
                <Show when=move || full_list.get()>
                    <li role="presentation" class="combobox__heading">
                        {t!(i18n, product_full_list)}
                    </li>
                </Show>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, option)| {
                            let selected = move || active.get() == Some(i);
                            view! {
                                <li
                                    id=format!("product-option-{i}")
                                    role="option"
                                    class="combobox__option"
                                    aria-selected=move || selected().to_string()
                                    on:click=move |_| pick(i)
                                >
                                    {option.name}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <p class="sr-only" role="status" aria-live="polite">
                {announcement}
            </p>
            <FieldError field="product" errors />
        </div>
    }
}
