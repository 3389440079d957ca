//! The browser entry. The server renders every page completely; this WASM
//! module only makes the islands of a page interactive (the audit planner's form
//! is the one island). It is the workspace's only `cdylib`, so server and test
//! builds never link the UI twice.

// Links the UI crate, whose `#[island]` components export their hydration
// functions; the page's script calls each for its `<leptos-island>`.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
