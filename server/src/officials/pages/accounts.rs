//! Accounts, for administrators: the officials of their office (every office for
//! the state's administrators), with a password reset, a second-factor reset and
//! disabling. Each is in the activity log.

use super::layout::Page;
use super::widgets::{csrf, input, input_with_id, table};
use crate::officials::accounts;
use crate::officials::extract::{respond, AdminOnly, CheckedForm, Client};
use crate::officials::session::SignedIn;
use crate::officials::OfficialsState;
use axum::extract::State;
use axum::response::Response;
use maud::html;

pub async fn list(State(o): State<OfficialsState>, AdminOnly(s): AdminOnly) -> Response {
    let page = async {
        let all = accounts::list(&o.db).await?;
        let mine: Vec<_> = all.iter().filter(|a| s.account.statewide || a.office == s.account.office).collect();
        let rows = html! {
            @for a in &mine {
                tr {
                    td { (a.email) }
                    td { (a.role.code()) }
                    td { (a.office) }
                    td { @if a.disabled { "disabled" } @else { "active" } }
                    td { @if a.totp_enabled { "on" } @else if a.totp_required { "required, not set up" } @else { "off" } }
                }
            }
        };
        let body = html! {
            (table("Officials", &["E-mail", "Role", "Office", "State", "Two-step sign-in"], rows))
            h2 { "Set a new password" }
            p { "For an official who lost theirs: give it to them in person or by phone. Their sessions end." }
            form method="post" action="/admin/accounts/reset-password" class="stack" {
                (csrf(&s))
                (input_with_id("password-email", "email", "Official's e-mail address", "", "email", ""))
                (input("password", "New password", "", "password", &format!("At least {} characters.", accounts::MIN_PASSWORD_CHARS)))
                (input("repeat", "New password again", "", "password", ""))
                button type="submit" { "Set password" }
            }
            h2 { "Reset two-step sign-in" }
            p { "For an official who lost their app and recovery codes: their second factor is removed and their \
                 sessions end; they set up a new one when they next sign in." }
            form method="post" action="/admin/accounts/reset-2fa" class="stack" {
                (csrf(&s))
                (input_with_id("factor-email", "email", "Official's e-mail address", "", "email", ""))
                (input_with_id("factor-confirm", "confirm", "Type the address again to confirm", "", "email", ""))
                button type="submit" { "Reset two-step sign-in" }
            }
            h2 { "Disable an account" }
            p { "The official can no longer sign in; their sessions end and publications they scheduled go back to \
                 the review queue." }
            form method="post" action="/admin/accounts/disable" class="stack" {
                (csrf(&s))
                (input_with_id("disable-email", "email", "Official's e-mail address", "", "email", ""))
                (input_with_id("disable-confirm", "confirm", "Type the address again to confirm", "", "email", ""))
                button type="submit" { "Disable" }
            }
        };
        Ok(Page::new("Accounts", Some(&s), body))
    };
    respond(&s, page.await)
}

fn admin(s: &SignedIn) -> Option<Response> {
    (s.account.role != crate::domain::account::Role::Admin).then(|| {
        super::layout::message(
            axum::http::StatusCode::FORBIDDEN,
            "Not allowed",
            Some(s),
            "Only administrators manage accounts.",
        )
    })
}

fn done(s: &SignedIn, notice: String) -> Page {
    Page::new("Accounts", Some(s), html! { p { a href="/admin/accounts" { "Back to accounts" } } }).notice(notice)
}

#[derive(serde::Deserialize)]
pub struct ResetPasswordForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    repeat: String,
}

pub async fn reset_password(
    State(o): State<OfficialsState>,
    Client(from): Client,
    f: CheckedForm<ResetPasswordForm>,
) -> Response {
    let s = f.who;
    if let Some(refusal) = admin(&s) {
        return refusal;
    }
    let result = async {
        if f.form.password != f.form.repeat {
            return Err(crate::error::AppError::validation(
                "repeat",
                "the two passwords differ; type the same one twice",
            ));
        }
        accounts::reset_password(&o.db, &f.form.email, &f.form.password, Some(&s.account), &from).await?;
        Ok(done(&s, format!("{} has a new password; their sessions have ended.", f.form.email.trim())))
    };
    respond(&s, result.await)
}

#[derive(serde::Deserialize)]
pub struct ConfirmedForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    confirm: String,
}

fn confirmed(f: &ConfirmedForm) -> Result<(), crate::error::AppError> {
    if f.email.trim().to_lowercase() != f.confirm.trim().to_lowercase() {
        return Err(crate::error::AppError::validation("confirm", "type the same address twice to confirm"));
    }
    Ok(())
}

pub async fn reset_totp(
    State(o): State<OfficialsState>,
    Client(from): Client,
    f: CheckedForm<ConfirmedForm>,
) -> Response {
    let s = f.who;
    if let Some(refusal) = admin(&s) {
        return refusal;
    }
    let result = async {
        confirmed(&f.form)?;
        accounts::reset_totp(&o.db, &f.form.email, Some(&s.account), &from).await?;
        Ok(done(&s, format!("Two-step sign-in is reset for {}.", f.form.email.trim())))
    };
    respond(&s, result.await)
}

pub async fn disable(State(o): State<OfficialsState>, Client(from): Client, f: CheckedForm<ConfirmedForm>) -> Response {
    let s = f.who;
    if let Some(refusal) = admin(&s) {
        return refusal;
    }
    let result = async {
        confirmed(&f.form)?;
        accounts::disable_by(&o.db, &f.form.email, &s.account, &from).await?;
        Ok(done(&s, format!("{} is disabled.", f.form.email.trim())))
    };
    respond(&s, result.await)
}
