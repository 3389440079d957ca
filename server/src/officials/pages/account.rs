//! An official's account: turning on two-step sign-in.

use super::layout::Page;
use super::sign_in::Empty;
use super::widgets::csrf;
use crate::officials::accounts;
use crate::officials::extract::{respond, CheckedForm, Client};
use crate::officials::session::SignedIn;
use crate::officials::OfficialsState;
use axum::extract::State;
use axum::response::Response;
use maud::html;

pub async fn page(s: SignedIn) -> Response {
    let body = if s.account.totp_enabled {
        html! { p { "Two-step sign-in is on: you sign in with your password and a code from your authenticator app." } }
    } else {
        html! {
            p { "Two-step sign-in is off. Turn it on to sign in with your password and a code from an authenticator app." }
            form method="post" action="/admin/account/totp" { (csrf(&s)) button type="submit" { "Turn on two-step sign-in" } }
        }
    };
    respond(&s, Ok(Page::new("Your account", Some(&s), body)))
}

pub async fn enable_totp(State(o): State<OfficialsState>, Client(from): Client, f: CheckedForm<Empty>) -> Response {
    let s = f.who;
    let result = accounts::enable_totp(&o.db, &s.account, &from).await.map(|(secret, codes)| {
        let body = html! {
            p { "Add this key to your authenticator app (time-based, six digits, 30 seconds):" }
            p { code.secret { (secret) } }
            p { "Keep these recovery codes somewhere safe. Each works once, instead of a code, if you lose your app. \
                 They are not shown again." }
            ul { @for c in &codes { li { code { (c) } } } }
        };
        Page::new("Two-step sign-in is on", Some(&s), body)
    });
    respond(&s, result)
}
