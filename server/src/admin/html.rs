//! The officials' pages are plain server-rendered HTML forms: no scripts at all (so
//! no script can be injected into them), every change a POST with an
//! anti-forgery token, never cached by anyone but the official's own browser.

use super::session::SignedIn;
use crate::feeds::xml as esc;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// A whole officials' page.
pub fn page(status: StatusCode, title: &str, who: Option<&SignedIn>, notice: Option<&str>, body: &str) -> Response {
    let nav = match who {
        Some(s) => {
            let a = &s.account;
            let mut links = vec![("/admin", "Workspace"), ("/admin/new/update", "New update"), ("/admin/new/expenditure", "New expenditure"), ("/admin/new/audit", "New audit"), ("/admin/new/grant", "New grant"), ("/admin/import", "Import a spreadsheet")];
            if a.role.may_review() {
                links.push(("/admin/review", "Review queue"));
            }
            links.push(("/admin/sessions", "Sessions"));
            links.push(("/admin/account", "Account"));
            if a.role == crate::accounts::Role::Admin {
                links.push(("/admin/activity", "Activity log"));
            }
            let items: String = links.iter().map(|(href, label)| format!("<li><a href=\"{href}\">{label}</a></li>")).collect();
            format!(
                "<nav aria-label=\"Officials\"><ul class=\"nav\">{items}</ul></nav>\
                 <p class=\"who\">Signed in as {} ({}, {})</p>\
                 <form method=\"post\" action=\"/admin/sign-out\">{}<button type=\"submit\">Sign out</button></form>",
                esc(&a.email),
                a.role.code(),
                esc(&a.office_slug),
                csrf_field(s)
            )
        }
        None => String::new(),
    };
    let notice = notice.map(|n| format!("<p class=\"notice\" role=\"status\">{}</p>", esc(n))).unwrap_or_default();
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · Officials · Election Transparency Portal</title>\
         <link rel=\"stylesheet\" href=\"/pkg/portal.css\"><link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\"></head>\
         <body class=\"admin\"><a class=\"skip-link\" href=\"#main\">Skip to main content</a>\
         <header class=\"site-header\"><p class=\"site-name\"><a href=\"/admin\">Election Transparency Portal: officials</a></p>{nav}</header>\
         <main id=\"main\" tabindex=\"-1\"><h1>{}</h1>{notice}{body}</main></body></html>",
        esc(title),
        esc(title)
    );
    let mut res = (status, html).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

pub fn csrf_field(s: &SignedIn) -> String {
    format!("<input type=\"hidden\" name=\"csrf\" value=\"{}\">", s.csrf())
}

/// A labelled text input, keeping what was typed.
pub fn input(name: &str, label: &str, value: &str, kind: &str, hint: &str) -> String {
    let hint_html = if hint.is_empty() { String::new() } else { format!("<small id=\"{name}-hint\">{}</small>", esc(hint)) };
    let described = if hint.is_empty() { String::new() } else { format!(" aria-describedby=\"{name}-hint\"") };
    format!(
        "<p class=\"field\"><label for=\"{name}\">{}</label>{hint_html}\
         <input id=\"{name}\" name=\"{name}\" type=\"{kind}\" value=\"{}\"{described}></p>",
        esc(label),
        esc(value)
    )
}

pub fn textarea(name: &str, label: &str, value: &str, hint: &str) -> String {
    let hint_html = if hint.is_empty() { String::new() } else { format!("<small id=\"{name}-hint\">{}</small>", esc(hint)) };
    let described = if hint.is_empty() { String::new() } else { format!(" aria-describedby=\"{name}-hint\"") };
    format!(
        "<p class=\"field\"><label for=\"{name}\">{}</label>{hint_html}\
         <textarea id=\"{name}\" name=\"{name}\" rows=\"6\"{described}>{}</textarea></p>",
        esc(label),
        esc(value)
    )
}

pub fn select(name: &str, label: &str, options: &[(String, String)], selected: &str) -> String {
    let opts: String = options
        .iter()
        .map(|(v, l)| {
            let sel = if v == selected { " selected" } else { "" };
            format!("<option value=\"{}\"{sel}>{}</option>", esc(v), esc(l))
        })
        .collect();
    format!("<p class=\"field\"><label for=\"{name}\">{}</label><select id=\"{name}\" name=\"{name}\">{opts}</select></p>", esc(label))
}

/// A message page (refusals, errors) with its status.
pub fn message(status: StatusCode, title: &str, who: Option<&SignedIn>, text: &str) -> Response {
    page(status, title, who, None, &format!("<p>{}</p><p><a href=\"/admin\">Back to the workspace</a></p>", esc(text)))
}
