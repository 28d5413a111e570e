//! The marker of a live page.
use leptos::prelude::*;

/// Marks `<html data-hydrated="true">` once the browser has hydrated the page's islands, so that
/// end-to-end tests (and anyone debugging) can tell a live page from server-rendered HTML. It is
/// the page's last island, and the loader hydrates islands in document order.
#[island]
pub fn PageReady() -> impl IntoView {
    Effect::new(|_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
}
