//! Inline SVG icons: decorative (`aria-hidden`), coloured by `currentColor`, no font needed.
use leptos::prelude::*;

/// The magnifier of the knowledge-base search.
#[component]
pub fn SearchIcon() -> impl IntoView {
    view! {
        <svg
            class="icon"
            viewBox="0 0 24 24"
            width="18"
            height="18"
            aria-hidden="true"
            focusable="false"
        >
            <circle
                cx="10.5"
                cy="10.5"
                r="6.5"
                fill="none"
                stroke="currentColor"
                stroke-width="2.2"
            />
            <path
                d="M15.5 15.5 21 21"
                stroke="currentColor"
                stroke-width="2.2"
                stroke-linecap="round"
            />
        </svg>
    }
}

/// A person, for the account menu.
#[component]
pub fn UserIcon() -> impl IntoView {
    view! {
        <svg
            class="icon"
            viewBox="0 0 24 24"
            width="18"
            height="18"
            aria-hidden="true"
            focusable="false"
        >
            <circle cx="12" cy="8" r="4" fill="none" stroke="currentColor" stroke-width="2" />
            <path
                d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7"
                fill="none"
                stroke="currentColor"
                stroke-width="2"
            />
        </svg>
    }
}
