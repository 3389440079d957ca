//! The layout every officials' page shares, and message pages.

use super::super::extract::MaybeSignedIn;
use super::super::session::SignedIn;
use super::widgets::csrf;
use crate::domain::account::Role;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

/// A whole officials' page, ready to answer with.
pub struct Page {
    pub status: StatusCode,
    pub title: String,
    pub who: Option<SignedIn>,
    pub notice: Option<String>,
    pub body: Markup,
    /// `Set-Cookie` values to send with it.
    pub cookies: Vec<String>,
}

impl Page {
    pub fn new(title: impl Into<String>, who: Option<&SignedIn>, body: Markup) -> Page {
        Page { status: StatusCode::OK, title: title.into(), who: who.cloned(), notice: None, body, cookies: Vec::new() }
    }

    pub fn status(mut self, status: StatusCode) -> Page {
        self.status = status;
        self
    }

    pub fn notice(mut self, notice: impl Into<String>) -> Page {
        self.notice = Some(notice.into());
        self
    }

    pub fn cookie(mut self, value: String) -> Page {
        self.cookies.push(value);
        self
    }
}

fn nav(s: &SignedIn) -> Markup {
    let a = &s.account;
    let mut links = vec![
        ("/admin", "Workspace"),
        ("/admin/new/update", "New update"),
        ("/admin/new/expenditure", "New expenditure"),
        ("/admin/new/audit", "New audit"),
        ("/admin/new/grant", "New grant"),
        ("/admin/import", "Import a spreadsheet"),
    ];
    if a.role.may_review() {
        links.push(("/admin/review", "Review queue"));
    }
    links.push(("/admin/sessions", "Sessions"));
    links.push(("/admin/account", "Account"));
    if a.role == Role::Admin {
        links.push(("/admin/accounts", "Accounts"));
        links.push(("/admin/activity", "Activity log"));
    }
    html! {
        nav aria-label="Officials" {
            ul.nav { @for (href, label) in links { li { a href=(href) { (label) } } } }
        }
        p.who { "Signed in as " (a.email) " (" (a.role.code()) ", " (a.office) ")" }
        form method="post" action="/admin/sign-out" { (csrf(s)) button type="submit" { "Sign out" } }
    }
}

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        let Page { status, title, who, notice, body, cookies } = self;
        let markup = html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " · Officials · Election Transparency Portal" }
                    link rel="stylesheet" href="/pkg/portal.css";
                    link rel="icon" href="/favicon.svg" type="image/svg+xml";
                }
                body.admin {
                    a.skip-link href="#main" { "Skip to main content" }
                    header.site-header {
                        p.site-name { a href="/admin" { "Election Transparency Portal: officials" } }
                        @if let Some(s) = &who { (nav(s)) }
                    }
                    main #main tabindex="-1" {
                        h1 { (title) }
                        @if let Some(n) = notice { p.notice role="status" { (n) } }
                        (body)
                    }
                }
            }
        };
        let mut res = (status, markup.into_string()).into_response();
        let h = res.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
        for c in cookies {
            if let Ok(v) = HeaderValue::from_str(&c) {
                h.append(header::SET_COOKIE, v);
            }
        }
        res
    }
}

/// A message page (refusals, errors) with its status.
pub fn message(status: StatusCode, title: &str, who: Option<&SignedIn>, text: &str) -> Response {
    Page::new(title, who, html! { p { (text) } p { a href="/admin" { "Back to the workspace" } } })
        .status(status)
        .into_response()
}

/// Any `/admin/…` path that is not a page.
pub async fn unknown(MaybeSignedIn(who): MaybeSignedIn) -> Response {
    message(StatusCode::NOT_FOUND, "Not found", who.as_ref(), "There is nothing here that you may see.")
}
