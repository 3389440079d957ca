//! Authentication and anti-forgery as axum extractors. The session is resumed
//! once per request (a middleware puts it in the request's extensions); handlers
//! then ask for what they need: [`SignedIn`], [`Reviewer`], [`AdminOnly`], a
//! [`CheckedForm`] whose token matches the session, and the [`Client`] address.

use super::pages::layout::{message, Page};
use super::session::{self, SignedIn};
use super::OfficialsState;
use crate::error::AppError;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use std::net::SocketAddr;

/// The request's session, resumed once by [`resume_session`].
#[derive(Clone)]
struct Session(Option<SignedIn>);

pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Resumes the session named by the cookie, and keeps an official whose
/// administrator requires a second factor to turning it on (or signing out).
pub async fn resume_session(State(state): State<OfficialsState>, mut req: Request, next: Next) -> Response {
    const ENROLMENT: &[&str] =
        &["/admin", "/admin/account", "/admin/account/totp", "/admin/sign-out", "/admin/sign-in"];
    let token = cookie_value(req.headers(), session::cookie_name(state.secure_cookies)).filter(|t| t.len() == 64);
    let signed_in = match token {
        Some(t) => match session::resume(&state.db, &t).await {
            Ok(s) => s,
            Err(e) => return failed(None, e),
        },
        None => None,
    };
    if let Some(s) = &signed_in {
        if s.account.must_enrol() && !ENROLMENT.contains(&req.uri().path()) {
            return message(
                StatusCode::FORBIDDEN,
                "Turn on two-step sign-in",
                Some(s),
                "Your administrator requires two-step sign-in. Turn it on under Account before you do anything else.",
            );
        }
    }
    req.extensions_mut().insert(Session(signed_in));
    next.run(req).await
}

/// Refuses state changes that come from another site, whatever they carry.
pub async fn same_origin_only(req: Request, next: Next) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let headers = req.headers();
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
        let origin_ok = match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
            None => true,
            Some(origin) => origin
                .split_once("://")
                .is_some_and(|(scheme, rest)| (scheme == "http" || scheme == "https") && rest == host),
        };
        let site_ok = match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
            None => true,
            Some(site) => site == "same-origin" || site == "none",
        };
        if !origin_ok || !site_ok {
            return message(
                StatusCode::FORBIDDEN,
                "Request refused",
                None,
                "This request came from another site, so it was refused. Use the portal's own pages.",
            );
        }
    }
    next.run(req).await
}

/// Officials' responses are kept by nobody but the official's own browser session.
pub async fn never_stored(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// The answer to a failed request, as a page that says what to do.
pub fn failed(who: Option<&SignedIn>, e: AppError) -> Response {
    match e {
        AppError::NotFound => {
            message(StatusCode::NOT_FOUND, "Not found", who, "There is nothing here that you may see.")
        }
        AppError::Forbidden(m) => message(StatusCode::FORBIDDEN, "Not allowed", who, &m),
        AppError::Unauthorised(m) => message(StatusCode::UNAUTHORIZED, "Sign in first", who, &m),
        e @ (AppError::Validation { .. } | AppError::Fields(_)) => {
            message(StatusCode::BAD_REQUEST, "Please check", who, &e.to_string())
        }
        e @ AppError::Internal(_) => {
            e.log("officials' request failed");
            message(
                StatusCode::SERVICE_UNAVAILABLE,
                "Something went wrong",
                who,
                "The portal could not do this. Please try again.",
            )
        }
    }
}

fn not_signed_in() -> Response {
    message(StatusCode::UNAUTHORIZED, "Sign in first", None, "This page is for election officials. Sign in at /admin.")
}

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<Session>() {
            Some(Session(Some(s))) => Ok(s.clone()),
            _ => Err(not_signed_in()),
        }
    }
}

/// The official, if signed in (the workspace's front door shows sign-in otherwise).
pub struct MaybeSignedIn(pub Option<SignedIn>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeSignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(MaybeSignedIn(parts.extensions.get::<Session>().and_then(|s| s.0.clone())))
    }
}

/// A signed-in reviewer or administrator.
pub struct Reviewer(pub SignedIn);

impl<S: Send + Sync> FromRequestParts<S> for Reviewer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let s = SignedIn::from_request_parts(parts, state).await?;
        if !s.account.role.may_review() {
            return Err(message(
                StatusCode::FORBIDDEN,
                "Not allowed",
                Some(&s),
                "Only reviewers and administrators review submissions.",
            ));
        }
        Ok(Reviewer(s))
    }
}

/// A signed-in administrator.
pub struct AdminOnly(pub SignedIn);

impl<S: Send + Sync> FromRequestParts<S> for AdminOnly {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let s = SignedIn::from_request_parts(parts, state).await?;
        if s.account.role != crate::domain::account::Role::Admin {
            return Err(message(
                StatusCode::FORBIDDEN,
                "Not allowed",
                Some(&s),
                "Only administrators read the activity log.",
            ));
        }
        Ok(AdminOnly(s))
    }
}

/// Where the request came from, as the activity log and throttling record it.
pub struct Client(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let addr = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string());
        Ok(Client(addr.unwrap_or_else(|| "unknown".into())))
    }
}

/// A form from a signed-in official whose anti-forgery token matches their session.
/// `T` is the form's typed fields (the `csrf` field is checked and dropped).
pub struct CheckedForm<T> {
    pub who: SignedIn,
    pub form: T,
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for CheckedForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let who = SignedIn::from_request_parts(&mut parts, state).await?;
        let req = Request::from_parts(parts, body);
        let bytes = axum::body::Bytes::from_request(req, state).await.map_err(IntoResponse::into_response)?;
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).map_err(|_| bad_form(&who))?;
        let token = pairs.iter().find(|(k, _)| k == "csrf").map(|(_, v)| v.as_str()).unwrap_or("");
        if token != who.csrf() {
            return Err(message(
                StatusCode::FORBIDDEN,
                "Form expired",
                Some(&who),
                "This form could not be checked (it may be old, or sent from another site). Go back, reload the page and \
                 try again.",
            ));
        }
        let form = serde_urlencoded::from_bytes(&bytes).map_err(|_| bad_form(&who))?;
        Ok(CheckedForm { who, form })
    }
}

fn bad_form(who: &SignedIn) -> Response {
    message(
        StatusCode::BAD_REQUEST,
        "Please check",
        Some(who),
        "The form's fields could not be read. Reload the page and try again.",
    )
}

/// Turns a result into the page that answers it.
pub fn respond(who: &SignedIn, r: Result<Page, AppError>) -> Response {
    match r {
        Ok(p) => p.into_response(),
        Err(e) => failed(Some(who), e),
    }
}
