//! Form helpers: field errors from the `?error=FIELD:KEY` of the redirect after a plain post
//! (`backend::forms`, decoded by [`crate::error::query`]), shown next to their field in the
//! user's language. A page asks [`use_form_errors`] once and hands the memo to its fields.
use crate::error::{FieldErrors, query as error_query};
use crate::i18n::*;
use crate::messages::MessageKey;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The one form state hook: the errors of the page's forms, from the URL that a plain post was
/// redirected to (`?error=FIELD:KEY`). Pages render on the server only, so every form posts as a
/// plain form and comes back this way, with or without JavaScript.
pub fn use_form_errors() -> Memo<FieldErrors> {
    let query = use_query_map();
    Memo::new(move |_| error_query::decode(&query.read().get_all("error").unwrap_or_default()))
}

/// Whether the island that asks runs in the browser: `false` in the server's HTML (and so for a
/// browser without JavaScript), `true` once its effects run. Islands use it to swap their no-JS
/// controls (a file input, no Print button) for the live ones.
pub fn use_hydrated() -> ReadSignal<bool> {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    hydrated
}

/// What a form without JavaScript had typed before the server sent it back with errors: the
/// values of the URL's `draft` (see `backend::forms`), or nothing. Read once per page load.
pub fn use_draft(
    query: Memo<leptos_router::params::ParamsMap>,
) -> Resource<std::collections::BTreeMap<String, String>> {
    Resource::new_blocking(
        move || query.read_untracked().get("draft"),
        |token| async move {
            match token {
                Some(token) => crate::api::forms::get_form_draft(token)
                    .await
                    .unwrap_or_default(),
                None => Default::default(),
            }
        },
    )
}

/// The text of `field`'s errors in the current language, joined by spaces ("" when it has none).
/// "Try again in N minutes" takes its minutes from `_retry` (see `AppError::form_errors`).
pub fn error_text(locale: Locale, errors: &FieldErrors, field: &str) -> String {
    let Some(keys) = errors.get(field) else {
        return String::new();
    };
    let retry = error_query::retry_minutes(errors).unwrap_or(15);
    keys.iter()
        .map(|k| {
            if k == MessageKey::RateLimited.code() {
                td_string!(locale, error_rate_limited, minutes = retry).to_string()
            } else {
                crate::messages::text(locale, k).to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The message(s) for one field, with the id its input points at (`aria-describedby`).
#[component]
pub fn FieldError(
    /// The field's name.
    field: &'static str,
    /// All errors of the form.
    errors: Memo<FieldErrors>,
) -> impl IntoView {
    let i18n = use_i18n();
    let has_any = move || errors.with(|e| e.get(field).is_some_and(|keys| !keys.is_empty()));
    view! {
        <Show when=has_any>
            <p class="field-error" id=format!("{field}-error")>
                {move || errors.with(|e| error_text(i18n.get_locale(), e, field))}
            </p>
        </Show>
    }
}

/// A labelled input with its hint and error messages, wired for assistive technology: the input
/// is `aria-invalid` while it has an error and `aria-describedby` its hint and messages.
#[component]
pub fn InputField(
    /// The form field's name (also the input's id).
    name: &'static str,
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// The input's type.
    #[prop(default = "text")]
    input_type: &'static str,
    /// The `autocomplete` token.
    autocomplete: &'static str,
    /// All errors of the form; this field's appear under it.
    errors: Memo<FieldErrors>,
    /// The id of a form-level message (field `_form`) that also describes this input.
    #[prop(optional)]
    form_error_id: Option<&'static str>,
    /// Help shown between label and input.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// The initial value (editing forms).
    #[prop(optional, into)]
    value: Option<String>,
    /// Whether the field must be filled.
    #[prop(default = true)]
    required: bool,
) -> impl IntoView {
    let has_own = move || errors.with(|e| e.contains_key(name));
    let has_form = move || form_error_id.is_some() && errors.with(|e| e.contains_key("_form"));
    let hint_id = format!("{name}-hint");
    let described_by = {
        let hint_id = hint_id.clone();
        move || {
            let ids: Vec<String> = [
                hint.map(|_| hint_id.clone()),
                has_own().then(|| format!("{name}-error")),
                form_error_id.filter(|_| has_form()).map(str::to_owned),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=name>{move || label.get()}</label>
            {hint
                .map(|h| {
                    view! {
                        <p class="field-hint" id=hint_id.clone()>
                            {move || h.get()}
                        </p>
                    }
                })}
            <input
                id=name
                name=name
                type=input_type
                autocomplete=autocomplete
                required=required
                value=value
                aria-invalid=move || (has_own() || has_form()).to_string()
                aria-describedby=described_by
            />
            <FieldError field=name errors />
        </div>
    }
}

/// A labelled multi-line text field, wired like [`InputField`]: `aria-invalid` and
/// `aria-describedby` its messages while it has an error.
#[component]
pub fn TextAreaField(
    /// The form field's name.
    name: &'static str,
    /// The textarea's id.
    id: &'static str,
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// Visible lines.
    rows: u32,
    /// The longest text.
    max_chars: usize,
    /// The initial text.
    #[prop(optional, into)]
    value: String,
    /// Help shown between label and textarea.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// All errors of the form; this field's appear under it.
    errors: Memo<FieldErrors>,
) -> impl IntoView {
    // tachys writes a `<textarea>`'s children as they are (it groups textarea with `<script>` and
    // `<style>`; leptos PR 4730 escaped them, 4819 reverted that), so typed text holding
    // `</textarea>` ended the element there and the rest of it was markup on the page (found by
    // server/tests/xss.rs: a case description, on the clone and edit forms). The server escapes
    // the text itself: a browser decodes character references in a textarea, so it shows the
    // text as typed. In the browser the text becomes a text node and needs nothing.
    #[cfg(feature = "ssr")]
    let value = crate::domain::escape_html(&value);
    let has_own = move || errors.with(|e| e.contains_key(name));
    let hint_id = format!("{id}-hint");
    let described_by = {
        let hint_id = hint_id.clone();
        move || {
            let ids: Vec<String> = [
                hint.map(|_| hint_id.clone()),
                has_own().then(|| format!("{name}-error")),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id>{move || label.get()}</label>
            {hint
                .map(|h| {
                    view! {
                        <p class="field-hint" id=hint_id.clone()>
                            {move || h.get()}
                        </p>
                    }
                })}
            <textarea
                id=id
                name=name
                rows=rows
                maxlength=max_chars
                aria-invalid=move || has_own().to_string()
                aria-describedby=described_by
            >
                {value}
            </textarea>
            <FieldError field=name errors />
        </div>
    }
}

/// A labelled drop-down list; `options` are (value, label) pairs.
#[component]
pub fn SelectField(
    /// The form field's name (also the select's id).
    name: &'static str,
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// (value, label) pairs.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// The value selected at first.
    #[prop(into)]
    selected: String,
    /// All errors of the form; this field's appear under it.
    errors: Memo<FieldErrors>,
) -> impl IntoView {
    let has_own = move || errors.with(|e| e.contains_key(name));
    view! {
        <div class="field">
            <label for=name>{move || label.get()}</label>
            <select
                id=name
                name=name
                aria-invalid=move || has_own().to_string()
                aria-describedby=move || has_own().then(|| format!("{name}-error"))
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(value, text)| {
                            let is_selected = value == selected;
                            view! {
                                <option value=value selected=is_selected>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            <FieldError field=name errors />
        </div>
    }
}

/// A labelled `<select>` of a GET filter form (the queue's, the knowledge base's): `none` is the
/// "any" option's text, posted as an empty value.
pub fn filter_select(
    id: &'static str,
    name: &'static str,
    label: String,
    none: String,
    options: Vec<(String, String)>,
    selected: Option<String>,
) -> impl IntoView {
    let any_selected = selected.is_none();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name>
                <option value="" selected=any_selected>
                    {none}
                </option>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is = selected.as_deref() == Some(value.as_str());
                        view! {
                            <option value=value selected=is>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A labelled checkbox (posts `on` when ticked, nothing otherwise).
#[component]
pub fn CheckboxField(
    /// The form field's name (also the checkbox's id).
    name: &'static str,
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// Ticked at first.
    checked: bool,
    /// Help under the label.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// All errors of the form; this field's appear under it.
    errors: Memo<FieldErrors>,
) -> impl IntoView {
    let has_own = move || errors.with(|e| e.contains_key(name));
    let hint_id = format!("{name}-hint");
    let described_by = {
        let hint_id = hint_id.clone();
        move || {
            let ids: Vec<String> = [
                hint.map(|_| hint_id.clone()),
                has_own().then(|| format!("{name}-error")),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field field--checkbox">
            <div class="field__check">
                <input
                    id=name
                    name=name
                    type="checkbox"
                    checked=checked
                    aria-invalid=move || has_own().to_string()
                    aria-describedby=described_by
                />
                <label for=name>{move || label.get()}</label>
            </div>
            {hint
                .map(|h| {
                    view! {
                        <p class="field-hint" id=hint_id.clone()>
                            {move || h.get()}
                        </p>
                    }
                })}
            <FieldError field=name errors />
        </div>
    }
}

/// The frame of a one-form settings page (desk emails, one's own settings, the support contact
/// details): its title and intro, the "saved" status after `?saved=1`, the form-level error, and
/// the form, loaded through its Suspense.
#[component]
pub fn SettingsCard(
    /// Title (also the page's `<title>`).
    #[prop(into)]
    title: Signal<String>,
    /// The sentence under the title.
    #[prop(into)]
    intro: Signal<String>,
    /// What the page says once saved.
    #[prop(into)]
    saved_text: Signal<String>,
    /// The form's errors.
    errors: Memo<FieldErrors>,
    /// The form (a Suspend that loads its current values).
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let query = leptos_router::hooks::use_query_map();
    let saved = move || query.read().get("saved").is_some();
    view! {
        <leptos_meta::Title text=move || title.get() />
        <div class="auth-card">
            <h1>{move || title.get()}</h1>
            <p>{move || intro.get()}</p>
            <div role="status" class="status-region">
                <Show when=saved>
                    <p class="form-success">{move || saved_text.get()}</p>
                </Show>
            </div>
            <FieldError field="_form" errors />
            <Suspense fallback=move || {
                view! { <p>{crate::i18n::t!(i18n, loading)}</p> }
            }>{children()}</Suspense>
        </div>
    }
}
