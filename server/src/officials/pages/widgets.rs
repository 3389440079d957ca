//! Form widgets: labelled inputs that keep what was typed, with their hints tied
//! to them for screen readers.

use super::super::session::SignedIn;
use maud::{html, Markup};

/// The hidden anti-forgery field every signed-in form carries.
pub fn csrf(s: &SignedIn) -> Markup {
    html! { input type="hidden" name="csrf" value=(s.csrf()); }
}

fn hint(name: &str, hint: &str) -> Markup {
    html! { @if !hint.is_empty() { small id=(format!("{name}-hint")) { (hint) } } }
}

fn described(name: &str, hint: &str) -> Option<String> {
    (!hint.is_empty()).then(|| format!("{name}-hint"))
}

/// A labelled text input.
pub fn input(name: &str, label: &str, value: &str, kind: &str, hint_text: &str) -> Markup {
    input_with_id(name, name, label, value, kind, hint_text)
}

/// A labelled text input whose id differs from its name (one page, several forms
/// with a field of the same name).
pub fn input_with_id(id: &str, name: &str, label: &str, value: &str, kind: &str, hint_text: &str) -> Markup {
    html! {
        p.field {
            label for=(id) { (label) }
            (hint(id, hint_text))
            input id=(id) name=(name) type=(kind) value=(value) aria-describedby=[described(id, hint_text)];
        }
    }
}

pub fn textarea(name: &str, label: &str, value: &str, hint_text: &str) -> Markup {
    html! {
        p.field {
            label for=(name) { (label) }
            (hint(name, hint_text))
            textarea id=(name) name=(name) rows="6" aria-describedby=[described(name, hint_text)] { (value) }
        }
    }
}

/// A labelled choice among `(value, label)` options.
pub fn select(name: &str, label: &str, options: &[(String, String)], selected: &str) -> Markup {
    html! {
        p.field {
            label for=(name) { (label) }
            select id=(name) name=(name) {
                @for (v, l) in options { option value=(v) selected[v == selected] { (l) } }
            }
        }
    }
}

/// A checkbox with its label after it.
pub fn checkbox(name: &str, label: &str) -> Markup {
    html! {
        p.field { input type="checkbox" id=(name) name=(name) value="1"; label for=(name) { (label) } }
    }
}

/// A table inside a scrollable, labelled region.
pub fn table(caption: &str, headings: &[&str], rows: Markup) -> Markup {
    html! {
        div.table-wrap tabindex="0" role="region" aria-label=(caption) {
            table {
                caption { (caption) }
                thead { tr { @for h in headings { th scope="col" { (h) } } } }
                tbody { (rows) }
            }
        }
    }
}
