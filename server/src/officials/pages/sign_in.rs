//! Signing in (password, then the second factor when the account has one) and out.

use super::layout::{message, Page};
use super::widgets::input;
use crate::db::activity::{self, NewEntry};
use crate::domain::activity::Action;
use crate::domain::values::Timestamp;
use crate::error::AppError;
use crate::officials::accounts;
use crate::officials::extract::{cookie_value, failed, CheckedForm, Client, Https};
use crate::officials::session::{self, SignedIn};
use crate::officials::OfficialsState;
use axum::extract::{Form, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;

/// The cookie that ties the sign-in form to the browser that loaded it (no login CSRF).
pub const SIGN_IN_COOKIE: &str = "portal_sign_in";

/// The sign-in form, with a fresh form token in a cookie and a hidden field (the
/// cookie is `Secure` whenever the request came over https).
pub fn form(email: &str, error: Option<&str>, secure: bool) -> Page {
    let token = session::random_token();
    let body = html! {
        @if let Some(e) = error { p.error role="alert" { (e) } }
        form method="post" action="/admin/sign-in" class="stack" {
            input type="hidden" name="token" value=(token);
            (input("email", "E-mail address", email, "email", ""))
            (input("password", "Password", "", "password", ""))
            (input("code", "Code from your authenticator app, or a recovery code", "", "text",
                "Leave empty if your account has no second factor."))
            button type="submit" { "Sign in" }
        }
    };
    let secure_attr = if secure { "; Secure" } else { "" };
    Page::new("Sign in", None, body)
        .status(if error.is_some() { StatusCode::UNAUTHORIZED } else { StatusCode::OK })
        .cookie(format!("{SIGN_IN_COOKIE}={token}; Path=/admin; HttpOnly; SameSite=Strict{secure_attr}"))
}

#[derive(serde::Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    token: String,
}

fn see_other(to: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

pub async fn sign_in(
    State(o): State<OfficialsState>,
    Client(from): Client,
    Https(secure): Https,
    headers: HeaderMap,
    Form(f): Form<SignInForm>,
) -> Response {
    let shown: String = f.email.trim().to_lowercase().chars().take(accounts::MAX_EMAIL_CHARS).collect();
    // The sign-in form carries the token its page set in a cookie.
    if f.token.is_empty() || cookie_value(&headers, SIGN_IN_COOKIE).as_deref() != Some(f.token.as_str()) {
        return message(
            StatusCode::FORBIDDEN,
            "Form expired",
            None,
            "This sign-in form could not be checked. Reload the sign-in page and try again.",
        );
    }
    let code = Some(f.code.as_str()).filter(|c| !c.trim().is_empty());
    match accounts::sign_in(&o.db, &f.email, &f.password, code, &from, "web").await {
        Ok(account) => {
            // A new session id at every sign-in; an old cookie's session ends.
            let result = async {
                if let Some(old) = cookie_value(&headers, session::cookie_name(secure)) {
                    session::end_by_token(&o.db, &old).await?;
                }
                let agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("");
                let token = session::start(&o.db, &account, &from, agent).await?;
                let mut conn = o.db.conn().await?;
                let entry = NewEntry {
                    actor: &account.email,
                    action: Action::SignIn,
                    subject: &account.email,
                    detail: "web",
                    source: &from,
                    office: Some(account.office.as_str()),
                };
                activity::append(&mut conn, &Timestamp::now().to_string(), &entry).await?;
                Ok::<_, AppError>(token)
            }
            .await;
            match result {
                Ok(token) => {
                    let mut res = see_other("/admin");
                    if let Ok(v) = HeaderValue::from_str(&session::cookie(secure, Some(&token))) {
                        res.headers_mut().append(header::SET_COOKIE, v);
                    }
                    res
                }
                Err(e) => failed(None, e),
            }
        }
        Err(e @ AppError::Internal(_)) => failed(None, e),
        Err(AppError::TooManyRequests(why)) => {
            form(&shown, Some(&why), secure).status(StatusCode::TOO_MANY_REQUESTS).into_response()
        }
        Err(e) => {
            let message = match e {
                AppError::Validation { message, .. } => message,
                other => other.to_string(),
            };
            form(&shown, Some(&message), secure).into_response()
        }
    }
}

#[derive(serde::Deserialize)]
pub struct Empty {}

pub async fn sign_out(
    State(o): State<OfficialsState>,
    Client(from): Client,
    Https(secure): Https,
    f: CheckedForm<Empty>,
) -> Response {
    let s: SignedIn = f.who;
    let result = async {
        session::end_by_token(&o.db, &s.token).await?;
        let mut conn = o.db.conn().await?;
        let now = Timestamp::now().to_string();
        let entry = NewEntry {
            actor: &s.account.email,
            action: Action::SignOut,
            subject: &s.account.email,
            detail: "web",
            source: &from,
            office: Some(s.account.office.as_str()),
        };
        activity::append(&mut conn, &now, &entry).await
    };
    if let Err(e) = result.await {
        return failed(Some(&s), e);
    }
    let mut res = see_other("/admin");
    if let Ok(v) = HeaderValue::from_str(&session::cookie(secure, None)) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}
