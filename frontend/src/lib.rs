//! WASM entry: Portico renders every page on the server; this starts the islands (the few
//! interactive `#[island]` components), which the loader script then hydrates one by one.

// Links the app crate, whose `#[island]` functions the WASM exports (nothing here names them).
extern crate app;

/// Called by the generated JS glue once the WASM has loaded, before the islands hydrate.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
