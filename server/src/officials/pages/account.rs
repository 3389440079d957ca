//! An official's own account: changing the password, turning on two-step
//! sign-in (with the password, then a code from the app), and new recovery codes.
//! Each asks for the current password, so someone holding a session cannot lock
//! the owner out.

use super::layout::Page;
use super::widgets::{csrf, input, input_with_id};
use crate::domain::digest::sha256_hex;
use crate::officials::accounts;
use crate::officials::extract::{respond, CheckedForm, Client};
use crate::officials::session::SignedIn;
use crate::officials::OfficialsState;
use axum::extract::State;
use axum::response::Response;
use maud::{html, Markup};

/// The current password, with an id unique to its form (`form`).
fn password_field(form: &str) -> Markup {
    input_with_id(&format!("{form}-password"), "password", "Your current password", "", "password", "")
}

pub async fn page(s: SignedIn) -> Response {
    let factor = if s.account.totp_enabled {
        html! {
            p { "Two-step sign-in is on: you sign in with your password and a code from your authenticator app." }
            h2 { "New recovery codes" }
            p { "Replaces your recovery codes; the old ones stop working." }
            form method="post" action="/admin/account/recovery-codes" class="stack" {
                (csrf(&s)) (password_field("codes")) button type="submit" { "Make new recovery codes" }
            }
        }
    } else {
        html! {
            p { "Two-step sign-in is off. Turn it on to sign in with your password and a code from an authenticator app." }
            form method="post" action="/admin/account/totp" class="stack" {
                (csrf(&s)) (password_field("totp")) button type="submit" { "Turn on two-step sign-in" }
            }
        }
    };
    let body = html! {
        h2 { "Two-step sign-in" }
        (factor)
        h2 { "Change your password" }
        p { "Your other sessions end when it changes." }
        form method="post" action="/admin/account/password" class="stack" {
            (csrf(&s))
            (password_field("change"))
            (input("new", "New password", "", "password", &format!("At least {} characters.", accounts::MIN_PASSWORD_CHARS)))
            (input("repeat", "New password again", "", "password", ""))
            button type="submit" { "Change password" }
        }
    };
    respond(&s, Ok(Page::new("Your account", Some(&s), body)))
}

#[derive(serde::Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    password: String,
}

pub async fn begin_totp(State(o): State<OfficialsState>, f: CheckedForm<PasswordForm>) -> Response {
    let s = f.who;
    let result = accounts::begin_totp(&o.db, &s.account, &f.form.password).await.map(|secret| {
        let body = html! {
            p { "Add this key to your authenticator app (time-based, six digits, 30 seconds):" }
            p { code.secret { (secret) } }
            p { "Then type the code the app shows, to prove it works. Two-step sign-in is on only after that." }
            form method="post" action="/admin/account/totp/confirm" class="stack" {
                (csrf(&s))
                (input("code", "Code from your app", "", "text", "Six digits."))
                button type="submit" { "Turn on" }
            }
        };
        Page::new("Set up two-step sign-in", Some(&s), body)
    });
    respond(&s, result)
}

#[derive(serde::Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

fn show_codes(s: &SignedIn, title: &str, codes: &[String]) -> Page {
    let body = html! {
        p { "Keep these recovery codes somewhere safe. Each works once, instead of a code, if you lose your app. \
             They are not shown again." }
        ul { @for c in codes { li { code { (c) } } } }
        p { a href="/admin" { "Back to the workspace" } }
    };
    Page::new(title, Some(s), body)
}

pub async fn confirm_totp(State(o): State<OfficialsState>, Client(from): Client, f: CheckedForm<CodeForm>) -> Response {
    let s = f.who;
    let result = accounts::confirm_totp(&o.db, &s.account, &f.form.code, &from)
        .await
        .map(|codes| show_codes(&s, "Two-step sign-in is on", &codes));
    respond(&s, result)
}

pub async fn regenerate_recovery_codes(
    State(o): State<OfficialsState>,
    Client(from): Client,
    f: CheckedForm<PasswordForm>,
) -> Response {
    let s = f.who;
    let result = accounts::regenerate_recovery_codes(&o.db, &s.account, &f.form.password, &from)
        .await
        .map(|codes| show_codes(&s, "New recovery codes", &codes));
    respond(&s, result)
}

#[derive(serde::Deserialize)]
pub struct ChangePasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    repeat: String,
}

pub async fn change_password(
    State(o): State<OfficialsState>,
    Client(from): Client,
    f: CheckedForm<ChangePasswordForm>,
) -> Response {
    let s = f.who;
    let keep = sha256_hex(s.token.as_bytes());
    let result =
        accounts::change_password(&o.db, &s.account, &f.form.password, &f.form.new, &f.form.repeat, &keep, &from)
            .await
            .map(|()| {
                Page::new("Password changed", Some(&s), html! { p { a href="/admin" { "Back to the workspace" } } })
                    .notice("Your password is changed; your other sessions have ended.")
            });
    respond(&s, result)
}
