#![recursion_limit = "512"]
//! The browser entry point. The server renders every page completely; this WASM
//! module only makes the rendered page interactive (hydration). It is the
//! workspace's only `cdylib`, so server and test builds never link the UI twice.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // Lets browser tests (and curious readers) see that the page became interactive.
    if let Some(html) = leptos::prelude::document().document_element() {
        let _ = html.set_attribute("data-hydrated", "true");
    }
}
