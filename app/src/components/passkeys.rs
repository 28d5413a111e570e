//! Passkeys in the browser: "Sign in with a passkey" on the sign-in page and "Add a passkey" on the
//! account page. WebAuthn is a handful of browser calls between two server functions, so these are
//! server-rendered markup and one small script (`passkeys.js`, 5.7 KB, 2 KB compressed, inlined
//! with the page's CSP nonce) rather than islands: the sign-in page carries no WASM at all (its
//! budget is 150 KB, the islands' WASM alone 240 KB), and both pages then share the same few lines.
//! The script shows only texts rendered here in the reader's language, by message code.
//!
//! Without JavaScript the sign-in page's section stays hidden and the add button disabled, under a
//! note that adding a passkey needs JavaScript (which the script takes away).
use crate::components::form::InputField;
use crate::error::FieldErrors;
use crate::i18n::*;
use crate::messages::MessageKey;
use leptos::prelude::*;

/// The script: the ceremony between the server's two calls.
const SCRIPT: &str = include_str!("passkeys.js");

/// How long the script's "too many attempts" asks to wait, in minutes (the window of begun
/// passkey sign-ins: `services::passkeys`).
const RETRY_MINUTES: u64 = 5;

/// The messages the script may show, `{code: text}` in `locale`, as JSON safe inside `<script>`.
fn messages(locale: Locale) -> String {
    let mut map = serde_json::Map::new();
    for key in [
        MessageKey::PasskeyNameRequired,
        MessageKey::PasskeysUnavailable,
        MessageKey::PasskeyRefused,
        MessageKey::PasskeyTaken,
        MessageKey::PasskeySignInFailed,
        MessageKey::PasskeyCancelled,
        MessageKey::PasskeyUnsupported,
        MessageKey::PasskeyOnDevice,
        MessageKey::Generic,
        MessageKey::Unavailable,
    ] {
        map.insert(key.code().into(), key.text(locale).into());
    }
    let wait = td_string!(locale, error_rate_limited, minutes = RETRY_MINUTES).to_string();
    map.insert(MessageKey::RateLimited.code().into(), wait.into());
    serde_json::Value::Object(map)
        .to_string()
        .replace("</", "<\\/")
}

/// The script and its messages.
#[component]
fn PasskeyScript() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <script
            type="application/json"
            id="passkey-messages"
            inner_html=messages(i18n.get_locale())
        ></script>
        <script type="module" nonce=leptos::nonce::use_nonce() inner_html=SCRIPT></script>
    }
}

/// "Sign in with a passkey": the browser offers the passkeys it holds for this portal; the chosen
/// one signs its person in and the page goes on to `next`. Hidden until the script shows it.
#[component]
pub fn PasskeySignIn(
    /// Where to go once signed in.
    next: String,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section
            class="passkey-sign-in"
            aria-labelledby="passkey-sign-in-title"
            data-passkey-sign-in=""
            data-next=next
            hidden=true
        >
            <h2 id="passkey-sign-in-title" class="sso-options__title">
                {t!(i18n, passkey_sign_in_title)}
            </h2>
            <button type="button" class="button button--secondary">
                {t!(i18n, passkey_sign_in_button)}
            </button>
            <div role="alert"></div>
        </section>
        <PasskeyScript />
    }
}

/// "Add a passkey": its name, then the browser's prompt to make it; the page then lists it.
#[component]
pub fn AddPasskeyForm() -> impl IntoView {
    let i18n = use_i18n();
    let errors = Memo::new(|_| FieldErrors::new());
    view! {
        // The script takes this away (or says the browser cannot use passkeys instead).
        <p class="page-intro" data-passkey-no-script="">
            {t!(i18n, passkeys_need_javascript)}
        </p>
        <form
            class="form"
            aria-labelledby="add-passkey-title"
            data-passkey-add=""
            data-done=format!("{}?added=1", crate::api::passkeys::PAGE)
        >
            <div role="alert"></div>
            <InputField
                name="passkey_name"
                label=Signal::derive(move || t_string!(i18n, passkeys_field_name).to_string())
                hint=Signal::derive(move || t_string!(i18n, passkeys_field_name_hint).to_string())
                autocomplete="off"
                errors
            />
            <button type="submit" class="button button--primary" disabled=true>
                {t!(i18n, passkeys_add)}
            </button>
        </form>
        <PasskeyScript />
    }
}
