//! The browser entry: the audit planner's answer as the reader types, and
//! nothing else. The server renders every page completely (the planner's form
//! works as a plain GET form); on the planner's page a small script (the
//! shell's `HashedHydrationScripts`) loads this module and calls [`plan`] on
//! every change to the form, then puts the answer and each field's mistake in
//! place. It links the planner's code from `app` and no Leptos runtime, so the
//! WASM is the audit math and its words. It is the workspace's only `cdylib`,
//! so server and test builds never link the UI twice.

use wasm_bindgen::prelude::wasm_bindgen;

/// The `#plan-result` HTML for the form's values (in the order method, risk,
/// ballots, winner, runner_up, o1, o2), then each field's mistake in that
/// order, separated by U+001F. `lang` is the page's `<html lang>`; `submitted`
/// whether the server answered a submitted form (its empty required fields are
/// then mistakes).
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen]
pub fn plan(
    lang: &str,
    submitted: bool,
    method: &str,
    risk: &str,
    ballots: &str,
    winner: &str,
    runner_up: &str,
    o1: &str,
    o2: &str,
) -> String {
    app::pages::planner::browser_answer(lang == "es", submitted, [method, risk, ballots, winner, runner_up, o1, o2])
}
