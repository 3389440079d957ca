//! The officials' workspace at `/admin`: sign in (password and second factor),
//! draft updates and expenditures (restricted fields with their withholding basis
//! and statement), see the scanner's findings beside the text, submit, review
//! (what changed, findings, overrides), approve now or at a time, return with a
//! comment, correct, retract, import spreadsheets; sessions and the activity log.
//!
//! Authorisation is written out at the top of each handler. A request that is not
//! signed in gets 401; a role that may not act gets 403; a record outside the
//! official's office is "not found", so a denial says nothing about other offices.

pub mod html;
pub mod session;

use crate::accounts::{self, Role};
use crate::activity;
use crate::db::Db;
use crate::drafts::{self, NewExpenditure, NewUpdate, NewWithholding};
use crate::error::AppError;
use crate::feeds::xml as esc;
use crate::policy::Policy;
use crate::workflow::{self, Approval};
use app::model::{Category, RecordKind};
use axum::extract::{ConnectInfo, Form, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use html::{input, message, page, select, textarea};
use session::SignedIn;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

/// What the officials' side needs: the full database (drafts included) and the policy.
#[derive(Clone)]
pub struct Officials {
    pub db: Db,
    pub policy: Arc<Policy>,
    /// Served over TLS (directly or behind a TLS proxy): `__Host-` cookies, Secure.
    pub secure_cookies: bool,
}

type F = Form<HashMap<String, String>>;

fn field<'a>(f: &'a HashMap<String, String>, name: &str) -> &'a str {
    f.get(name).map(String::as_str).unwrap_or("")
}

fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

async fn signed_in(o: &Officials, headers: &HeaderMap) -> Option<SignedIn> {
    let token = cookie_value(headers, session::cookie_name(o.secure_cookies))?;
    if token.len() != 64 {
        return None;
    }
    session::resume(&o.db, &token).await.ok().flatten()
}

fn address(addr: &SocketAddr) -> String {
    addr.ip().to_string()
}

fn not_signed_in() -> Response {
    message(StatusCode::UNAUTHORIZED, "Sign in first", None, "This page is for election officials. Sign in at /admin.")
}

fn forbidden(who: &SignedIn, why: &str) -> Response {
    message(StatusCode::FORBIDDEN, "Not allowed", Some(who), why)
}

fn not_found(who: Option<&SignedIn>) -> Response {
    message(StatusCode::NOT_FOUND, "Not found", who, "There is nothing here that you may see.")
}

fn failed(who: Option<&SignedIn>, e: AppError) -> Response {
    match e {
        AppError::NotFound => not_found(who),
        AppError::Forbidden(m) => message(StatusCode::FORBIDDEN, "Not allowed", who, &m),
        AppError::Validation { field, message: m } => {
            message(StatusCode::BAD_REQUEST, "Please check", who, &format!("{field}: {m}"))
        }
        AppError::Internal(cause) => {
            tracing::error!(%cause, "officials' request failed");
            message(StatusCode::SERVICE_UNAVAILABLE, "Something went wrong", who, "The portal could not do this. Please try again.")
        }
    }
}

fn see_other(to: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// A signed-in official whose form carries their session's anti-forgery token.
async fn checked(o: &Officials, headers: &HeaderMap, form: &HashMap<String, String>) -> Result<SignedIn, Response> {
    let Some(s) = signed_in(o, headers).await else { return Err(not_signed_in()) };
    if field(form, "csrf") != s.csrf() {
        return Err(message(
            StatusCode::FORBIDDEN,
            "Form expired",
            Some(&s),
            "This form could not be checked (it may be old, or sent from another site). Go back, reload the page and try again.",
        ));
    }
    Ok(s)
}

/// Refuses state changes that come from another site, whatever they carry.
pub async fn same_origin_only(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
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

pub fn router() -> Router<crate::startup::AppState> {
    Router::new()
        .route("/admin", get(home))
        .route("/admin/sign-in", post(sign_in))
        .route("/admin/sign-out", post(sign_out))
        .route("/admin/sessions", get(sessions))
        .route("/admin/sessions/end", post(end_session))
        .route("/admin/account", get(account_page))
        .route("/admin/account/totp", post(enable_totp))
        .route("/admin/new/{kind}", get(new_draft_form).post(create_draft))
        .route("/admin/drafts/{kind}/{id}", get(draft_page).post(save_draft))
        .route("/admin/drafts/{kind}/{id}/submit", post(submit_draft))
        .route("/admin/review", get(review_queue))
        .route("/admin/review/{id}", get(review_page))
        .route("/admin/review/{id}/approve", post(approve))
        .route("/admin/review/{id}/return", post(return_submission))
        .route("/admin/review/{id}/override", post(override_finding))
        .route("/admin/corrections", post(start_correction))
        .route("/admin/retractions", post(retract))
        .route("/admin/import", get(import_form).post(import))
        .route("/admin/activity", get(activity_page))
        .route("/admin/{*rest}", get(unknown).post(unknown))
        .layer(axum::middleware::from_fn(same_origin_only))
}

/// An official whose administrator requires a second factor may only turn it on
/// (or sign out) until they have.
pub async fn enrolment_first(
    State(state): State<crate::startup::AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    const ALLOWED: &[&str] = &["/admin", "/admin/account", "/admin/account/totp", "/admin/sign-out", "/admin/sign-in"];
    if let Some(o) = state.officials.as_ref() {
        if !ALLOWED.contains(&req.uri().path()) {
            if let Some(s) = signed_in(o, req.headers()).await {
                if s.account.must_enrol() {
                    return message(
                        StatusCode::FORBIDDEN,
                        "Turn on two-step sign-in",
                        Some(&s),
                        "Your administrator requires two-step sign-in. Turn it on under Account before you do anything else.",
                    );
                }
            }
        }
    }
    next.run(req).await
}

fn officials(state: &crate::startup::AppState) -> Result<&Officials, Response> {
    state.officials.as_ref().ok_or_else(|| {
        message(StatusCode::NOT_FOUND, "Not available", None, "The officials' workspace is not enabled on this server.")
    })
}

macro_rules! officials_or_return {
    ($state:expr) => {
        match officials(&$state) {
            Ok(o) => o,
            Err(r) => return r,
        }
    };
}

/// The signed-in official of a form whose anti-forgery token checks out.
macro_rules! checked_or_return {
    ($o:expr, $headers:expr, $form:expr) => {
        match checked($o, &$headers, &$form).await {
            Ok(s) => s,
            Err(r) => return r,
        }
    };
}

async fn unknown(State(state): State<crate::startup::AppState>, headers: HeaderMap) -> Response {
    let o = officials_or_return!(state);
    let who = signed_in(o, &headers).await;
    not_found(who.as_ref())
}

const SIGN_IN_COOKIE: &str = "portal_sign_in";

fn sign_in_form(email: &str, error: Option<&str>) -> Response {
    let token = session::random_token();
    let error_html = error.map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", esc(e))).unwrap_or_default();
    let body = format!(
        "{error_html}<form method=\"post\" action=\"/admin/sign-in\" class=\"stack\">\
         <input type=\"hidden\" name=\"token\" value=\"{token}\">{}{}{}\
         <button type=\"submit\">Sign in</button></form>",
        input("email", "E-mail address", email, "email", ""),
        input("password", "Password", "", "password", ""),
        input("code", "Code from your authenticator app, or a recovery code", "", "text", "Leave empty if your account has no second factor."),
    );
    let status = if error.is_some() { StatusCode::UNAUTHORIZED } else { StatusCode::OK };
    let mut res = page(status, "Sign in", None, None, &body);
    if let Ok(v) = HeaderValue::from_str(&format!("{SIGN_IN_COOKIE}={token}; Path=/admin; HttpOnly; SameSite=Strict")) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

async fn home(State(state): State<crate::startup::AppState>, headers: HeaderMap) -> Response {
    let o = officials_or_return!(state);
    let Some(s) = signed_in(o, &headers).await else { return sign_in_form("", None) };
    let mine: Vec<(i64, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, record_kind, slug, status, review_comment FROM submissions WHERE submitted_by = $1 ORDER BY id DESC LIMIT 50",
    )
    .bind(s.account.id)
    .fetch_all(&o.db.pool)
    .await
    .unwrap_or_default();
    let rows: String = mine
        .iter()
        .map(|(id, kind, slug, status, comment)| {
            format!(
                "<tr><td>{id}</td><td>{} {}</td><td>{}</td><td>{}</td></tr>",
                esc(kind),
                esc(slug),
                esc(status),
                esc(comment.as_deref().unwrap_or(""))
            )
        })
        .collect();
    let kinds = [("update", "Update"), ("expenditure", "Expenditure"), ("audit", "Audit"), ("grant", "Grant")]
        .iter()
        .map(|(v, l)| (v.to_string(), l.to_string()))
        .collect::<Vec<_>>();
    let retract = if s.account.role.may_review() {
        format!(
            "<h2>Retract a published record</h2><form method=\"post\" action=\"/admin/retractions\" class=\"stack\">{}{}{}{}\
             <button type=\"submit\">Retract</button></form>",
            html::csrf_field(&s),
            select("retract-kind", "Kind", &kinds, "update"),
            input("retract-slug", "Slug", "", "text", ""),
            textarea("reason", "Public reason", "", "Shown on the record's tombstone page and in the feed."),
        )
    } else {
        String::new()
    };
    let body = format!(
        "<h2>Your submissions</h2>\
         <div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Your submissions\"><table><caption>Your submissions</caption>\
         <thead><tr><th scope=\"col\">Id</th><th scope=\"col\">Record</th><th scope=\"col\">Status</th><th scope=\"col\">Reviewer's comment</th></tr></thead>\
         <tbody>{rows}</tbody></table></div>\
         <h2>Correct a published record</h2>\
         <form method=\"post\" action=\"/admin/corrections\" class=\"stack\">{}{}{}<button type=\"submit\">Start a correction</button></form>{retract}",
        html::csrf_field(&s),
        select("kind", "Kind", &kinds, "update"),
        input("slug", "Slug", "", "text", "The record's address ends with it, as in /updates/{slug}."),
    );
    page(StatusCode::OK, "Workspace", Some(&s), None, &body)
}

async fn sign_in(
    State(state): State<crate::startup::AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): F,
) -> Response {
    let o = officials_or_return!(state);
    let email = field(&form, "email").trim().to_lowercase();
    // The sign-in form carries the token its page set in a cookie (no login CSRF).
    if cookie_value(&headers, SIGN_IN_COOKIE).as_deref() != Some(field(&form, "token")) || field(&form, "token").is_empty() {
        return message(StatusCode::FORBIDDEN, "Form expired", None, "This sign-in form could not be checked. Reload the sign-in page and try again.");
    }
    let from = address(&addr);
    match session::throttled(&o.db, &email, &from).await {
        Ok(Some(why)) => {
            let _ = activity::record(&o.db, &email, "sign-in.throttled", &email, why, &from).await;
            let mut res = sign_in_form(&email, Some(why));
            *res.status_mut() = StatusCode::TOO_MANY_REQUESTS;
            return res;
        }
        Ok(None) => {}
        Err(e) => return failed(None, e),
    }
    let code = Some(field(&form, "code")).filter(|c| !c.trim().is_empty());
    match accounts::verify(&o.db, &email, field(&form, "password"), code).await {
        Ok(account) => {
            // A new session id at every sign-in; an old cookie's session ends.
            if let Some(old) = cookie_value(&headers, session::cookie_name(o.secure_cookies)) {
                let _ = session::end_by_token(&o.db, &old).await;
            }
            let agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("");
            let token = match session::start(&o.db, &account, &from, agent).await {
                Ok(t) => t,
                Err(e) => return failed(None, e),
            };
            let _ = activity::record(&o.db, &account.email, "sign-in", &account.email, "web", &from).await;
            let mut res = see_other("/admin");
            if let Ok(v) = HeaderValue::from_str(&session::cookie(o.secure_cookies, Some(&token))) {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
            res
        }
        Err(e) => {
            let _ = activity::record(&o.db, &email, "sign-in.failed", &email, "web", &from).await;
            let why = match e {
                AppError::Validation { message, .. } => message,
                _ => "The sign-in could not be checked. Please try again.".to_string(),
            };
            sign_in_form(&email, Some(&why))
        }
    }
}

async fn sign_out(State(state): State<crate::startup::AppState>, ConnectInfo(addr): ConnectInfo<SocketAddr>, headers: HeaderMap, Form(form): F) -> Response {
    let o = officials_or_return!(state);
    let s = checked_or_return!(o, headers, form);
    let _ = session::end_by_token(&o.db, &s.token).await;
    let _ = activity::record(&o.db, &s.account.email, "sign-out", &s.account.email, "web", &address(&addr)).await;
    let mut res = see_other("/admin");
    if let Ok(v) = HeaderValue::from_str(&session::cookie(o.secure_cookies, None)) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

async fn sessions(State(state): State<crate::startup::AppState>, headers: HeaderMap) -> Response {
    let o = officials_or_return!(state);
    let Some(s) = signed_in(o, &headers).await else { return not_signed_in() };
    let list = match session::list_own(&o.db, &s.account).await {
        Ok(l) => l,
        Err(e) => return failed(Some(&s), e),
    };
    let rows: String = list
        .iter()
        .map(|x| {
            let this = if x.handle == s.handle { " (this one)" } else { "" };
            format!(
                "<tr><td>{}{this}</td><td>{}</td><td>{}</td><td>{}</td><td><form method=\"post\" action=\"/admin/sessions/end\">{}\
                 <input type=\"hidden\" name=\"handle\" value=\"{}\"><button type=\"submit\">End session started {}</button></form></td></tr>",
                esc(&x.created_at),
                esc(&x.last_seen),
                esc(&x.address),
                esc(&x.user_agent),
                html::csrf_field(&s),
                esc(&x.handle),
                esc(&x.created_at),
            )
        })
        .collect();
    let body = format!(
        "<p>Sessions end after {} minutes without use and after {} hours in any case.</p>\
         <div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Your sessions\"><table><caption>Your sessions</caption>\
         <thead><tr><th scope=\"col\">Started</th><th scope=\"col\">Last used</th><th scope=\"col\">From</th><th scope=\"col\">Browser</th><th scope=\"col\">End</th></tr></thead>\
         <tbody>{rows}</tbody></table></div>",
        session::IDLE_SECS / 60,
        session::LIFETIME_SECS / 3600
    );
    page(StatusCode::OK, "Your sessions", Some(&s), None, &body)
}

async fn end_session(State(state): State<crate::startup::AppState>, ConnectInfo(addr): ConnectInfo<SocketAddr>, headers: HeaderMap, Form(form): F) -> Response {
    let o = officials_or_return!(state);
    let s = checked_or_return!(o, headers, form);
    match session::end_own(&o.db, &s.account, field(&form, "handle")).await {
        Ok(true) => {
            let _ = activity::record(&o.db, &s.account.email, "session.end", &s.account.email, "ended a session", &address(&addr)).await;
            see_other("/admin/sessions")
        }
        Ok(false) => not_found(Some(&s)),
        Err(e) => failed(Some(&s), e),
    }
}

async fn account_page(State(state): State<crate::startup::AppState>, headers: HeaderMap) -> Response {
    let o = officials_or_return!(state);
    let Some(s) = signed_in(o, &headers).await else { return not_signed_in() };
    let body = if s.account.totp_enabled {
        "<p>Two-step sign-in is on: you sign in with your password and a code from your authenticator app.</p>".to_string()
    } else {
        format!(
            "<p>Two-step sign-in is off. Turn it on to sign in with your password and a code from an authenticator app.</p>\
             <form method=\"post\" action=\"/admin/account/totp\">{}<button type=\"submit\">Turn on two-step sign-in</button></form>",
            html::csrf_field(&s)
        )
    };
    page(StatusCode::OK, "Your account", Some(&s), None, &body)
}

async fn enable_totp(State(state): State<crate::startup::AppState>, ConnectInfo(addr): ConnectInfo<SocketAddr>, headers: HeaderMap, Form(form): F) -> Response {
    let o = officials_or_return!(state);
    let s = checked_or_return!(o, headers, form);
    match accounts::enable_totp(&o.db, &s.account, &address(&addr)).await {
        Ok((secret, codes)) => {
            let list: String = codes.iter().map(|c| format!("<li><code>{}</code></li>", esc(c))).collect();
            let body = format!(
                "<p>Add this key to your authenticator app (time-based, six digits, 30 seconds):</p>\
                 <p><code class=\"secret\">{}</code></p>\
                 <p>Keep these recovery codes somewhere safe. Each works once, instead of a code, if you lose your app. They are not shown again.</p>\
                 <ul>{list}</ul>",
                esc(&secret)
            );
            page(StatusCode::OK, "Two-step sign-in is on", Some(&s), None, &body)
        }
        Err(e) => failed(Some(&s), e),
    }
}

fn parse_kind(kind: &str) -> Option<RecordKind> {
    match kind {
        "update" => Some(RecordKind::Update),
        "expenditure" => Some(RecordKind::Expenditure),
        "grant" => Some(RecordKind::Grant),
        "audit" => Some(RecordKind::Audit),
        _ => None,
    }
}

/// The jurisdictions an official may choose (their own, or all for the state office).
async fn offices(db: &Db, s: &SignedIn) -> Vec<(String, String)> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT slug, name FROM jurisdictions ORDER BY kind DESC, name")
        .fetch_all(&db.pool)
        .await
        .unwrap_or_default();
    rows.into_iter().filter(|(slug, _)| s.account.covers(slug)).collect()
}

async fn draft_form(o: &Officials, s: &SignedIn, kind: RecordKind, action: &str, values: &HashMap<String, String>) -> String {
    let v = |k: &str| values.get(k).cloned().unwrap_or_default();
    let offices = offices(&o.db, s).await;
    let is_new = action.starts_with("/admin/new");
    let fields = match kind {
        RecordKind::Grant => format!(
            "{}{}{}{}{}{}{}{}{}{}",
            if is_new { input("slug", "Slug (its address: /spending/{slug})", &v("slug"), "text", "Lower-case letters, digits and hyphens.") } else { String::new() },
            input("program", "Program", &v("program"), "text", ""),
            input("funder", "Funder", &v("funder"), "text", ""),
            select("recipient", "Recipient", &offices, &v("recipient")),
            input("federal_amount", "Federal amount (dollars)", &v("federal_amount"), "text", "For example 1234.56"),
            input("match_amount", "Match amount (dollars)", &v("match_amount"), "text", ""),
            input("award_date", "Award date", &v("award_date"), "date", "YYYY-MM-DD"),
            input("period_start", "Period starts", &v("period_start"), "date", "YYYY-MM-DD, or empty"),
            input("period_end", "Period ends", &v("period_end"), "date", "YYYY-MM-DD, or empty"),
            textarea("source", "Source of the figures", &v("source"), "Public."),
        ),
        RecordKind::Audit => audit_fields(o, is_new, &offices, values).await,
        RecordKind::Update => format!(
            "{}{}{}{}{}{}",
            if action.starts_with("/admin/new") { input("slug", "Slug (its address: /updates/{slug})", &v("slug"), "text", "Lower-case letters, digits and hyphens.") } else { String::new() },
            input("title", "Title", &v("title"), "text", ""),
            input("date", "Date", &v("date"), "date", "YYYY-MM-DD"),
            select("office", "Office", &offices, &v("office")),
            textarea("body", "Text (Markdown)", &v("body"), "Public. Do not include system, network or physical-security details."),
            textarea("internal_notes", "Internal notes (never published)", &v("internal_notes"), ""),
        ),
        RecordKind::Expenditure => {
            let categories: Vec<(String, String)> =
                Category::ALL.iter().map(|c| (c.code().to_string(), app::i18n::Lang::En.category(*c).to_string())).collect();
            let bases: Vec<(String, String)> = std::iter::once((String::new(), "None".to_string()))
                .chain(o.policy.bases.iter().map(|b| (b.citation.to_string(), b.citation.to_string())))
                .collect();
            format!(
                "{}{}{}{}{}{}{}{}{}<fieldset><legend>Withheld security details</legend>{}{}{}</fieldset>{}",
                if action.starts_with("/admin/new") { input("slug", "Slug (its address: /expenditures/{slug})", &v("slug"), "text", "Lower-case letters, digits and hyphens.") } else { String::new() },
                input("grant", "Grant (slug)", &v("grant"), "text", "As in /spending/{grant}."),
                select("recipient", "Recipient", &offices, &v("recipient")),
                select("category", "EAC category", &categories, &v("category")),
                input("federal_amount", "Federal amount (dollars)", &v("federal_amount"), "text", "For example 1234.56"),
                input("match_amount", "Match amount (dollars)", &v("match_amount"), "text", ""),
                input("date", "Date", &v("date"), "date", "YYYY-MM-DD"),
                input("vendor", "Vendor (always public)", &v("vendor"), "text", ""),
                textarea("description", "Public description", &v("description"), "Public. Say what was bought, not how systems are configured."),
                textarea("security_details", "Security details (withheld)", &v("security_details"), "Never published; the public page says that details were withheld, and why."),
                select("withholding_basis", "Legal basis", &bases, &v("withholding_basis")),
                textarea("withholding_statement", "Written statement", &v("withholding_statement"), "Why disclosure would impair the office's ability to protect persons or property."),
                textarea("internal_notes", "Internal notes (never published)", &v("internal_notes"), ""),
            )
        }
    };
    format!("<form method=\"post\" action=\"{action}\" class=\"stack\">{}{fields}<button type=\"submit\">Save draft</button></form>", html::csrf_field(s))
}

/// The audit form: the audit's own fields, then one fieldset per contest and a
/// blank one to add another (saving adds a new blank one; no script needed).
async fn audit_fields(o: &Officials, is_new: bool, offices: &[(String, String)], values: &HashMap<String, String>) -> String {
    let v = |k: &str| values.get(k).cloned().unwrap_or_default();
    let elections: Vec<(String, String)> = sqlx::query_as("SELECT slug, name FROM elections ORDER BY election_date DESC")
        .fetch_all(&o.db.pool)
        .await
        .unwrap_or_default();
    let codes = |all: Vec<&'static str>| all.into_iter().map(|c| (c.to_string(), c.replace('_', " "))).collect::<Vec<_>>();
    let bases: Vec<(String, String)> = std::iter::once((String::new(), "None".to_string()))
        .chain(o.policy.bases.iter().map(|b| (b.citation.to_string(), b.citation.to_string())))
        .collect();
    let met = vec![(String::new(), "Not recorded".to_string()), ("true".to_string(), "Yes".to_string()), ("false".to_string(), "No".to_string())];
    let count = (0..50).take_while(|i| values.contains_key(&format!("contest-{i}-name")) && !v(&format!("contest-{i}-name")).is_empty()).count();
    let contests: String = (0..=count)
        .map(|i| {
            let f = |name: &str| format!("contest-{i}-{name}");
            let val = |name: &str| v(&f(name));
            format!(
                "<fieldset><legend>Contest {} {}</legend>{}{}{}{}{}{}{}{}{}{}{}{}{}</fieldset>",
                i + 1,
                if i == count { "(fill in to add one)" } else { "" },
                input(&f("name"), &format!("Contest {} name", i + 1), &val("name"), "text", "Leave empty for no contest."),
                input(&f("winners"), &format!("Contest {} winners", i + 1), &val("winners"), "text", "Name;Name"),
                input(&f("votes_allowed"), &format!("Contest {} votes allowed", i + 1), &val("votes_allowed"), "text", ""),
                input(&f("ballots_cast"), &format!("Contest {} ballots cast", i + 1), &val("ballots_cast"), "text", ""),
                input(&f("reported_results"), &format!("Contest {} reported results", i + 1), &val("reported_results"), "text", "Name=votes;Name=votes"),
                input(&f("sample_size"), &format!("Contest {} sample size", i + 1), &val("sample_size"), "text", ""),
                input(&f("audited_results"), &format!("Contest {} audited results", i + 1), &val("audited_results"), "text", "Name=votes;Name=votes, or empty"),
                input(&f("o1"), &format!("Contest {} one-vote overstatements", i + 1), &val("o1"), "text", ""),
                input(&f("o2"), &format!("Contest {} two-vote overstatements", i + 1), &val("o2"), "text", ""),
                input(&f("u1"), &format!("Contest {} one-vote understatements", i + 1), &val("u1"), "text", ""),
                input(&f("u2"), &format!("Contest {} two-vote understatements", i + 1), &val("u2"), "text", ""),
                input(&f("p_value"), &format!("Contest {} p-value", i + 1), &val("p_value"), "text", ""),
                select(&f("risk_limit_met"), &format!("Contest {} risk limit met", i + 1), &met, &val("risk_limit_met")),
            )
        })
        .collect();
    format!(
        "{}{}{}{}{}{}{}{}{}{}{}<fieldset><legend>Withheld security details</legend>{}{}{}</fieldset>{}{contests}",
        if is_new { input("slug", "Slug (its address: /audits/{slug})", &v("slug"), "text", "Lower-case letters, digits and hyphens.") } else { String::new() },
        select("election", "Election", &elections, &v("election")),
        select("jurisdiction", "Jurisdiction", offices, &v("jurisdiction")),
        select("audit_type", "Audit type", &codes(app::model::AuditType::ALL.iter().map(|t| t.code()).collect()), &v("audit_type")),
        select("math", "Method", &codes(app::model::AuditMath::ALL.iter().map(|t| t.code()).collect()), &v("math")),
        input("risk_limit", "Risk limit (percent)", &v("risk_limit"), "text", "For example 5, or empty"),
        input("seed", "Random seed", &v("seed"), "text", ""),
        input("started_on", "Started", &v("started_on"), "date", "YYYY-MM-DD"),
        input("completed_on", "Completed", &v("completed_on"), "date", "YYYY-MM-DD, or empty while in progress"),
        select("outcome", "Outcome", &codes(app::model::Outcome::ALL.iter().map(|t| t.code()).collect()), &v("outcome")),
        textarea("summary", "Plain-language summary", &v("summary"), "Public. Do not include system, network or physical-security details."),
        textarea("security_details", "Security details (withheld)", &v("security_details"), "Never published."),
        select("withholding_basis", "Legal basis", &bases, &v("withholding_basis")),
        textarea("withholding_statement", "Written statement", &v("withholding_statement"), ""),
        textarea("internal_notes", "Internal notes (never published)", &v("internal_notes"), ""),
    )
}

fn grant_values(g: &drafts::NewGrant) -> HashMap<String, String> {
    HashMap::from([
        ("slug".into(), g.slug.clone()),
        ("program".into(), g.program.clone()),
        ("funder".into(), g.funder.clone()),
        ("recipient".into(), g.recipient_slug.clone()),
        ("federal_amount".into(), dollars(g.federal_cents)),
        ("match_amount".into(), dollars(g.match_cents)),
        ("award_date".into(), g.award_date.clone()),
        ("period_start".into(), g.period_start.clone().unwrap_or_default()),
        ("period_end".into(), g.period_end.clone().unwrap_or_default()),
        ("source".into(), g.source.clone()),
    ])
}

fn grant_from(f: &HashMap<String, String>, slug: &str) -> Result<drafts::NewGrant, AppError> {
    let amount = |name: &str| crate::import::parse_dollars(field(f, name)).map_err(|m| AppError::validation(name, m));
    let optional = |name: &str| Some(field(f, name).trim().to_string()).filter(|v| !v.is_empty());
    Ok(drafts::NewGrant {
        slug: slug.to_string(),
        program: field(f, "program").trim().to_string(),
        funder: field(f, "funder").trim().to_string(),
        recipient_slug: field(f, "recipient").to_string(),
        federal_cents: amount("federal_amount")?,
        match_cents: amount("match_amount")?,
        award_date: field(f, "award_date").trim().to_string(),
        period_start: optional("period_start"),
        period_end: optional("period_end"),
        source: field(f, "source").trim().to_string(),
    })
}

fn results_text(tallies: &[drafts::NewTally], audited: bool) -> String {
    tallies
        .iter()
        .filter_map(|t| if audited { t.audited_votes } else { Some(t.reported_votes) }.map(|v| format!("{}={v}", t.candidate)))
        .collect::<Vec<_>>()
        .join(";")
}

fn audit_values(a: &drafts::NewAudit) -> HashMap<String, String> {
    let mut m = HashMap::from([
        ("slug".into(), a.slug.clone()),
        ("election".into(), a.election_slug.clone()),
        ("jurisdiction".into(), a.jurisdiction_slug.clone()),
        ("audit_type".into(), a.audit_type.code().to_string()),
        ("math".into(), a.math.code().to_string()),
        ("risk_limit".into(), a.risk_limit_pct.map(|r| r.to_string()).unwrap_or_default()),
        ("seed".into(), a.seed.clone().unwrap_or_default()),
        ("started_on".into(), a.started_on.clone().unwrap_or_default()),
        ("completed_on".into(), a.completed_on.clone().unwrap_or_default()),
        ("outcome".into(), a.outcome.code().to_string()),
        ("summary".into(), a.summary.clone()),
        ("security_details".into(), a.restricted.security_details.clone()),
        ("withholding_basis".into(), a.restricted.withholding_basis.clone()),
        ("withholding_statement".into(), a.restricted.withholding_statement.clone()),
        ("internal_notes".into(), a.restricted.internal_notes.clone()),
    ]);
    let num = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    for (i, c) in a.contests.iter().enumerate() {
        let mut put = |k: &str, v: String| {
            m.insert(format!("contest-{i}-{k}"), v);
        };
        put("name", c.name.clone());
        put("winners", c.winners.join(";"));
        put("votes_allowed", c.votes_allowed.to_string());
        put("ballots_cast", c.ballots_cast.to_string());
        put("reported_results", results_text(&c.tallies, false));
        put("audited_results", results_text(&c.tallies, true));
        put("sample_size", num(c.sample_size));
        put("o1", num(c.o1));
        put("o2", num(c.o2));
        put("u1", num(c.u1));
        put("u2", num(c.u2));
        put("p_value", c.p_value.map(|p| p.to_string()).unwrap_or_default());
        put("risk_limit_met", c.risk_limit_met.map(|b| b.to_string()).unwrap_or_default());
    }
    m
}

fn audit_from(f: &HashMap<String, String>, slug: &str, documents: Vec<drafts::NewDocument>) -> Result<drafts::NewAudit, AppError> {
    use app::model::{AuditMath, AuditType, Outcome};
    let optional = |name: &str| Some(field(f, name).trim().to_string()).filter(|v| !v.is_empty());
    let count = |name: &str, v: &str| -> Result<Option<i64>, AppError> {
        crate::import::parse_count(v.trim()).map_err(|m| AppError::validation(name, m))
    };
    let mut contests = Vec::new();
    for i in 0..50 {
        let key = |k: &str| format!("contest-{i}-{k}");
        let name = field(f, &key("name")).trim();
        if name.is_empty() {
            if f.contains_key(&key("name")) {
                continue;
            }
            break;
        }
        let label = format!("contest {}", i + 1);
        let reported = crate::import::parse_results(field(f, &key("reported_results"))).map_err(|m| AppError::validation(&label, m))?;
        if reported.is_empty() {
            return Err(AppError::validation(&label, "give the reported results as Name=votes;Name=votes"));
        }
        let audited = crate::import::parse_results(field(f, &key("audited_results"))).map_err(|m| AppError::validation(&label, m))?;
        let p_value = match field(f, &key("p_value")).trim() {
            "" => None,
            p => Some(p.parse::<f64>().map_err(|_| AppError::validation(&label, format!("\"{p}\" is not a p-value like 0.012")))?),
        };
        contests.push(drafts::NewContest {
            name: name.to_string(),
            winners: field(f, &key("winners")).split(';').map(str::trim).filter(|w| !w.is_empty()).map(String::from).collect(),
            votes_allowed: count(&label, field(f, &key("votes_allowed")))?.unwrap_or(1),
            ballots_cast: count(&label, field(f, &key("ballots_cast")))?.unwrap_or(0),
            tallies: reported
                .iter()
                .map(|(c, v)| drafts::NewTally {
                    candidate: c.clone(),
                    reported_votes: *v,
                    audited_votes: audited.iter().find(|(n, _)| n == c).map(|(_, v)| *v),
                })
                .collect(),
            sample_size: count(&label, field(f, &key("sample_size")))?,
            o1: count(&label, field(f, &key("o1")))?,
            o2: count(&label, field(f, &key("o2")))?,
            u1: count(&label, field(f, &key("u1")))?,
            u2: count(&label, field(f, &key("u2")))?,
            p_value,
            risk_limit_met: match field(f, &key("risk_limit_met")) {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
        });
    }
    let risk = field(f, "risk_limit").trim().trim_end_matches('%').trim();
    Ok(drafts::NewAudit {
        slug: slug.to_string(),
        election_slug: field(f, "election").to_string(),
        jurisdiction_slug: field(f, "jurisdiction").to_string(),
        audit_type: AuditType::from_code(field(f, "audit_type")).ok_or_else(|| AppError::validation("audit_type", "choose an audit type"))?,
        math: AuditMath::from_code(field(f, "math")).ok_or_else(|| AppError::validation("math", "choose a method"))?,
        risk_limit_pct: if risk.is_empty() {
            None
        } else {
            Some(risk.parse().map_err(|_| AppError::validation("risk_limit", format!("\"{risk}\" is not a percentage like 5")))?)
        },
        seed: optional("seed"),
        started_on: optional("started_on"),
        completed_on: optional("completed_on"),
        outcome: Outcome::from_code(field(f, "outcome")).ok_or_else(|| AppError::validation("outcome", "choose an outcome"))?,
        summary: field(f, "summary").trim().to_string(),
        contests,
        documents,
        restricted: NewWithholding {
            security_details: field(f, "security_details").trim().to_string(),
            withholding_basis: field(f, "withholding_basis").to_string(),
            withholding_statement: field(f, "withholding_statement").trim().to_string(),
            internal_notes: field(f, "internal_notes").to_string(),
        },
    })
}

fn update_values(u: &NewUpdate) -> HashMap<String, String> {
    HashMap::from([
        ("slug".into(), u.slug.clone()),
        ("title".into(), u.title.clone()),
        ("date".into(), u.update_date.clone()),
        ("office".into(), u.office_slug.clone()),
        ("body".into(), u.body_markdown.clone()),
        ("internal_notes".into(), u.internal_notes.clone()),
    ])
}

fn dollars(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

fn expenditure_values(e: &NewExpenditure) -> HashMap<String, String> {
    HashMap::from([
        ("slug".into(), e.slug.clone()),
        ("grant".into(), e.grant_slug.clone()),
        ("recipient".into(), e.recipient_slug.clone()),
        ("category".into(), e.category.code().to_string()),
        ("federal_amount".into(), dollars(e.federal_cents)),
        ("match_amount".into(), dollars(e.match_cents)),
        ("date".into(), e.spent_on.clone()),
        ("vendor".into(), e.vendor.clone()),
        ("description".into(), e.description.clone()),
        ("security_details".into(), e.restricted.security_details.clone()),
        ("withholding_basis".into(), e.restricted.withholding_basis.clone()),
        ("withholding_statement".into(), e.restricted.withholding_statement.clone()),
        ("internal_notes".into(), e.restricted.internal_notes.clone()),
    ])
}

fn update_from(f: &HashMap<String, String>, slug: &str) -> NewUpdate {
    NewUpdate {
        slug: slug.to_string(),
        title: field(f, "title").trim().to_string(),
        body_markdown: field(f, "body").to_string(),
        office_slug: field(f, "office").to_string(),
        update_date: field(f, "date").trim().to_string(),
        internal_notes: field(f, "internal_notes").to_string(),
    }
}

fn expenditure_from(f: &HashMap<String, String>, slug: &str) -> Result<NewExpenditure, AppError> {
    let amount = |name: &str| crate::import::parse_dollars(field(f, name)).map_err(|m| AppError::validation(name, m));
    Ok(NewExpenditure {
        slug: slug.to_string(),
        grant_slug: field(f, "grant").trim().to_string(),
        recipient_slug: field(f, "recipient").to_string(),
        category: Category::from_code(field(f, "category")).ok_or_else(|| AppError::validation("category", "choose an EAC category"))?,
        federal_cents: amount("federal_amount")?,
        match_cents: amount("match_amount")?,
        spent_on: field(f, "date").trim().to_string(),
        vendor: field(f, "vendor").trim().to_string(),
        description: field(f, "description").trim().to_string(),
        restricted: NewWithholding {
            security_details: field(f, "security_details").trim().to_string(),
            withholding_basis: field(f, "withholding_basis").to_string(),
            withholding_statement: field(f, "withholding_statement").trim().to_string(),
            internal_notes: field(f, "internal_notes").to_string(),
        },
    })
}

async fn new_draft_form(State(state): State<crate::startup::AppState>, headers: HeaderMap, Path(kind): Path<String>) -> Response {
    let o = officials_or_return!(state);
    let Some(s) = signed_in(o, &headers).await else { return not_signed_in() };
    let Some(k) = parse_kind(&kind) else { return not_found(Some(&s)) };
    let form = draft_form(o, &s, k, &format!("/admin/new/{kind}"), &HashMap::new()).await;
    page(StatusCode::OK, &format!("New {kind}"), Some(&s), None, &form)
}

async fn create_draft(
    State(state): State<crate::startup::AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(kind): Path<String>,
    Form(form): F,
) -> Response {
    let o = officials_or_return!(state);
    let s = checked_or_return!(o, headers, form);
    let Some(k) = parse_kind(&kind) else { return not_found(Some(&s)) };
    let slug = field(&form, "slug").trim().to_string();
    let result = match k {
        RecordKind::Update => {
            let u = update_from(&form, &slug);
            if !s.account.covers(&u.office_slug) {
                return forbidden(&s, "You may only draft for your own office.");
            }
            drafts::create_update(&o.db, &u).await
        }
        RecordKind::Grant => match grant_from(&form, &slug) {
            Ok(g) if !s.account.covers(&g.recipient_slug) => return forbidden(&s, "You may only draft for your own office."),
            Ok(g) => drafts::create_grant(&o.db, &g).await,
            Err(e) => Err(e),
        },
        RecordKind::Audit => match audit_from(&form, &slug, Vec::new()) {
            Ok(a) if !s.account.covers(&a.jurisdiction_slug) => return forbidden(&s, "You may only draft for your own office."),
            Ok(a) => drafts::create_audit(&o.db, &a).await,
            Err(e) => Err(e),
        },
        RecordKind::Expenditure => match expenditure_from(&form, &slug) {
            Ok(e) if !s.account.covers(&e.recipient_slug) => return forbidden(&s, "You may only draft for your own office."),
            Ok(e) => drafts::create_expenditure(&o.db, &e).await,
            Err(e) => Err(e),
        },
    };
    match result {
        Ok(id) => {
            let _ = activity::record(&o.db, &s.account.email, "draft.create", &format!("{kind} {slug} (draft {id})"), "web", &address(&addr)).await;
            see_other(&format!("/admin/drafts/{kind}/{id}"))
        }
        Err(AppError::Validation { field: f, message: m }) => {
            // Keep what the official typed, and say what to fix.
            let body = draft_form(o, &s, k, &format!("/admin/new/{kind}"), &form).await;
            page(StatusCode::BAD_REQUEST, &format!("New {kind}"), Some(&s), None, &format!("<p class=\"error\" role=\"alert\">{}: {}</p>{body}", esc(&f), esc(&m)))
        }
        Err(e) => failed(Some(&s), e),
    }
}

/// The draft and the jurisdiction it belongs to, if the official may see it.
async fn own_draft(o: &Officials, s: &SignedIn, kind: &str, id: i64) -> Result<(RecordKind, String, String), Response> {
    let Some(k) = parse_kind(kind) else { return Err(not_found(Some(s))) };
    match workflow::draft_owner(&o.db, k, id).await {
        Ok((slug, jurisdiction)) if s.account.covers(&jurisdiction) => Ok((k, slug, jurisdiction)),
        Ok(_) | Err(AppError::NotFound) => Err(not_found(Some(s))),
        Err(e) => Err(failed(Some(s), e)),
    }
}

/// Whether the draft is submitted (so it may no longer change); on a failed read, yes.
async fn awaiting_review(db: &Db, kind: RecordKind, id: i64) -> bool {
    workflow::is_submitted(db, kind, id).await.unwrap_or(true)
}

async fn render_draft(o: &Officials, s: &SignedIn, kind: &str, id: i64, notice: Option<&str>, typed: Option<&HashMap<String, String>>) -> Response {
    let (k, slug, _) = match own_draft(o, s, kind, id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let values = match typed {
        Some(v) => v.clone(),
        None => match k {
            RecordKind::Update => drafts::load_update(&o.db, id).await.ok().flatten().map(|u| update_values(&u)).unwrap_or_default(),
            RecordKind::Grant => drafts::load_grant(&o.db, id).await.ok().flatten().map(|g| grant_values(&g)).unwrap_or_default(),
            RecordKind::Audit => drafts::load_audit(&o.db, id).await.ok().flatten().map(|a| audit_values(&a)).unwrap_or_default(),
            RecordKind::Expenditure => drafts::load_expenditure(&o.db, id).await.ok().flatten().map(|e| expenditure_values(&e)).unwrap_or_default(),
        },
    };
    let findings = crate::gate::scan_draft(&o.db, &o.policy, workflow::draft(k, id)).await.unwrap_or_default();
    let findings_html = if findings.is_empty() {
        "<p>The scanner found no defensive details in the public text.</p>".to_string()
    } else {
        let items: String = findings
            .iter()
            .map(|f| {
                format!(
                    "<li><strong>{}</strong> in <em>{}</em> (characters {}–{}): “{}” — {} <small>[{}]</small></li>",
                    f.severity.as_str(),
                    esc(&f.field),
                    f.start + 1,
                    f.end,
                    esc(&f.excerpt),
                    esc(f.hint),
                    f.rule
                )
            })
            .collect();
        format!("<ul class=\"findings\">{items}</ul>")
    };
    let locked = awaiting_review(&o.db, k, id).await;
    let published = match workflow::is_published(&o.db, k, &slug).await {
        Ok(p) => p,
        Err(e) => return failed(Some(s), e),
    };
    let blocking = findings.iter().any(|f| f.severity == crate::scanner::Severity::Block);
    let edit = if locked {
        "<p>This draft has been submitted; it can no longer be changed. Start a correction to change a published record.</p>".to_string()
    } else {
        draft_form(o, s, k, &format!("/admin/drafts/{kind}/{id}"), &values).await
    };
    let submit = if locked {
        String::new()
    } else {
        format!(
            "<h2>Submit for review</h2><form method=\"post\" action=\"/admin/drafts/{kind}/{id}/submit\" class=\"stack\">{}{}{}\
             <button type=\"submit\">Submit for review</button></form>",
            html::csrf_field(s),
            if published { textarea("correction_note", "Public correction note", "", "Required: this record is published, so this is a correction. Say what changed and why.") } else { String::new() },
            if blocking {
                "<p class=\"field\"><input type=\"checkbox\" id=\"anyway\" name=\"anyway\" value=\"1\"><label for=\"anyway\">Submit with the blocking findings for a reviewer to decide</label></p>".to_string()
            } else {
                String::new()
            },
        )
    };
    let body = format!(
        "<p>Draft {id}: {kind} <code>{}</code></p><div class=\"draft-layout\"><section aria-labelledby=\"edit\"><h2 id=\"edit\">Text</h2>{edit}</section>\
         <section aria-labelledby=\"findings\"><h2 id=\"findings\">Scanner findings</h2>{findings_html}</section></div>{submit}",
        esc(&slug)
    );
    page(if typed.is_some() { StatusCode::BAD_REQUEST } else { StatusCode::OK }, &format!("Draft {kind}"), Some(s), notice, &body)
}

async fn draft_page(State(state): State<crate::startup::AppState>, headers: HeaderMap, Path((kind, id)): Path<(String, i64)>) -> Response {
    let o = officials_or_return!(state);
    let Some(s) = signed_in(o, &headers).await else { return not_signed_in() };
    render_draft(o, &s, &kind, id, None, None).await
}

async fn save_draft(
    State(state): State<crate::startup::AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path((kind, id)): Path<(String, i64)>,
    Form(form): F,
) -> Response {
    let o = officials_or_return!(state);
    let s = checked_or_return!(o, headers, form);
    let (k, slug, _) = match own_draft(o, &s, &kind, id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    if awaiting_review(&o.db, k, id).await {
        return forbidden(&s, "This draft has been submitted; it can no longer be changed.");
    }
    let result = match k {
        RecordKind::Update => {
            let u = update_from(&form, &slug);
            if !s.account.covers(&u.office_slug) {
                return forbidden(&s, "You may only draft for your own office.");
            }
            drafts::edit_update(&o.db, id, &u).await
        }
        RecordKind::Grant => match grant_from(&form, &slug) {
            Ok(g) if !s.account.covers(&g.recipient_slug) => return forbidden(&s, "You may only draft for your own office."),
            Ok(g) => drafts::edit_grant(&o.db, id, &g).await,
            Err(e) => Err(e),
        },
        RecordKind::Audit => {
            // An edit keeps the draft's documents (edit_audit does not touch them).
            match audit_from(&form, &slug, Vec::new()) {
                Ok(a) if !s.account.covers(&a.jurisdiction_slug) => return forbidden(&s, "You may only draft for your own office."),
                Ok(a) => drafts::edit_audit(&o.db, id, &a).await,
                Err(e) => Err(e),
            }
        }
        RecordKind::Expenditure => match expenditure_from(&form, &slug) {
            Ok(e) if !s.account.covers(&e.recipient_slug) => return forbidden(&s, "You may only draft for your own office."),
            Ok(e) => drafts::edit_expenditure(&o.db, id, &e).await,
            Err(e) => Err(e),
        },
    };
    match result {
        Ok(()) => {
            let _ = activity::record(&o.db, &s.account.email, "draft.edit", &format!("{kind} {slug} (draft {id})"), "web", &address(&addr)).await;
            render_draft(o, &s, &kind, id, Some("Draft saved."), None).await
        }
        Err(AppError::Validation { field: f, message: m }) => {
            let mut typed = form.clone();
            typed.insert("slug".into(), slug);
            render_draft(o, &s, &kind, id, Some(&format!("Not saved. {f}: {m}")), Some(&typed)).await
        }
        Err(e) => failed(Some(&s), e),
    }
}

async fn submit_draft(
    State(state): State<crate::startup::AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path((kind, id)): Path<(String, i64)>,
    Form(form): F,
) -> Response {
    let o = officials_or_return!(state);
    let s = checked_or_return!(o, headers, form);
    let (k, _, _) = match own_draft(o, &s, &kind, id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    if awaiting_review(&o.db, k, id).await {
        return forbidden(&s, "This draft has already been submitted.");
    }
    let blocking = crate::gate::scan_draft(&o.db, &o.policy, workflow::draft(k, id))
        .await
        .map(|f| f.iter().filter(|f| f.severity == crate::scanner::Severity::Block).count())
        .unwrap_or(0);
    if blocking > 0 && field(&form, "anyway") != "1" {
        return render_draft(o, &s, &kind, id, Some(&format!(
            "Not submitted: the scanner found {blocking} blocking finding(s), shown beside the text. Fix the text, or submit with the findings for a reviewer to decide."
        )), None)
        .await;
    }
    let note = Some(field(&form, "correction_note")).filter(|n| !n.trim().is_empty());
    match workflow::submit(&o.db, &o.policy, &s.account, k, id, note, &address(&addr)).await {
        Ok((sid, _)) => page(
            StatusCode::OK,
            "Submitted for review",
            Some(&s),
            Some(&format!("Submission {sid} is waiting for a reviewer. Another official must approve it.")),
            "<p><a href=\"/admin\">Back to the workspace</a></p>",
        ),
        Err(AppError::Validation { field: f, message: m }) => render_draft(o, &s, &kind, id, Some(&format!("Not submitted. {f}: {m}")), None).await,
        Err(e) => failed(Some(&s), e),
    }
}

async fn review_queue(State(state): State<crate::startup::AppState>, headers: HeaderMap) -> Response {
    let o = officials_or_return!(state);
    let Some(s) = signed_in(o, &headers).await else { return not_signed_in() };
    if !s.account.role.may_review() {
        return forbidden(&s, "Only reviewers and administrators review submissions.");
    }
    let queue = match workflow::queue(&o.db, Some(&s.account)).await {
        Ok(q) => q,
        Err(e) => return failed(Some(&s), e),
    };
    let rows: String = queue
        .iter()
        .map(|q| {
            format!(
                "<tr><td><a href=\"/admin/review/{}\">Submission {}</a></td><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                q.id,
                q.id,
                q.kind.code(),
                esc(&q.slug),
                esc(&q.jurisdiction_slug),
                esc(&q.submitted_by_email),
                esc(&q.status)
            )
        })
        .collect();
    let body = if queue.is_empty() {
        "<p>Nothing is waiting for review.</p>".to_string()
    } else {
        format!(
            "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Review queue\"><table><caption>Submissions waiting for review</caption>\
             <thead><tr><th scope=\"col\">Submission</th><th scope=\"col\">Record</th><th scope=\"col\">Jurisdiction</th><th scope=\"col\">Submitted by</th><th scope=\"col\">Status</th></tr></thead>\
             <tbody>{rows}</tbody></table></div>"
        )
    };
    page(StatusCode::OK, "Review queue", Some(&s), None, &body)
}

/// The submission, if the official may review it (role and office).
async fn reviewable(o: &Officials, s: &SignedIn, id: i64) -> Result<workflow::Submission, Response> {
    if !s.account.role.may_review() {
        return Err(forbidden(s, "Only reviewers and administrators review submissions."));
    }
    match workflow::submission(&o.db, id).await {
        Ok(Some(sub)) if s.account.covers(&sub.jurisdiction_slug) => Ok(sub),
        Ok(_) => Err(not_found(Some(s))),
        Err(e) => Err(failed(Some(s), e)),
    }
}

/// The draft's public fields beside the published version's: what would change.
async fn changes(o: &Officials, sub: &workflow::Submission) -> Vec<(String, String, String)> {
    let store = crate::store::PublicStore::new(o.db.clone(), "");
    let mut out = Vec::new();
    let mut row = |name: &str, before: Option<String>, after: String| {
        let before = before.unwrap_or_default();
        if before != after {
            out.push((name.to_string(), before, after));
        }
    };
    match sub.kind {
        RecordKind::Update => {
            let Ok(Some(d)) = drafts::load_update(&o.db, sub.draft_id).await else { return out };
            let p = store.update(&sub.slug, None).await.ok().flatten();
            row("title", p.as_ref().map(|p| p.title.clone()), d.title);
            row("date", p.as_ref().map(|p| p.date.clone()), d.update_date);
            row("office", p.as_ref().map(|p| p.office.slug.clone()), d.office_slug);
            row("body (Markdown)", p.as_ref().map(|_| "(published text)".to_string()), d.body_markdown);
        }
        RecordKind::Expenditure => {
            let Ok(Some(d)) = drafts::load_expenditure(&o.db, sub.draft_id).await else { return out };
            let p = store.expenditure(&sub.slug, None).await.ok().flatten();
            row("grant", p.as_ref().map(|p| p.grant_slug.clone()), d.grant_slug);
            row("recipient", p.as_ref().map(|p| p.recipient.slug.clone()), d.recipient_slug);
            row("category", p.as_ref().map(|p| p.category.code().to_string()), d.category.code().to_string());
            row("federal amount", p.as_ref().map(|p| dollars(p.federal_cents)), dollars(d.federal_cents));
            row("match amount", p.as_ref().map(|p| dollars(p.match_cents)), dollars(d.match_cents));
            row("date", p.as_ref().map(|p| p.date.clone()), d.spent_on);
            row("vendor", p.as_ref().map(|p| p.vendor.clone()), d.vendor);
            row("description", p.as_ref().map(|p| p.description.clone()), d.description);
            row("withheld details", p.as_ref().map(|p| p.withholdings.len().to_string()), usize::from(!d.restricted.security_details.is_empty()).to_string());
        }
        RecordKind::Grant => {
            let Ok(Some(d)) = drafts::load_grant(&o.db, sub.draft_id).await else { return out };
            let p = store.grant_version(&sub.slug, None).await.ok().flatten();
            row("program", p.as_ref().map(|p| p.program.clone()), d.program);
            row("funder", p.as_ref().map(|p| p.funder.clone()), d.funder);
            row("recipient", p.as_ref().map(|p| p.recipient.slug.clone()), d.recipient_slug);
            row("federal amount", p.as_ref().map(|p| dollars(p.federal_cents)), dollars(d.federal_cents));
            row("match amount", p.as_ref().map(|p| dollars(p.match_cents)), dollars(d.match_cents));
            row("award date", p.as_ref().map(|p| p.award_date.clone()), d.award_date);
            row("period", p.as_ref().map(|p| format!("{:?} – {:?}", p.period_start, p.period_end)), format!("{:?} – {:?}", d.period_start, d.period_end));
            row("source", p.as_ref().map(|p| p.source.clone()), d.source);
        }
        RecordKind::Audit => {
            let Ok(Some(d)) = drafts::load_audit(&o.db, sub.draft_id).await else { return out };
            let p = store.audit(&sub.slug, None).await.ok().flatten();
            row("election", p.as_ref().map(|p| p.election.slug.clone()), d.election_slug);
            row("jurisdiction", p.as_ref().map(|p| p.jurisdiction.slug.clone()), d.jurisdiction_slug);
            row("audit type", p.as_ref().map(|p| p.audit_type.code().to_string()), d.audit_type.code().to_string());
            row("method", p.as_ref().map(|p| p.math.code().to_string()), d.math.code().to_string());
            row("risk limit", p.as_ref().map(|p| format!("{:?}", p.risk_limit_pct)), format!("{:?}", d.risk_limit_pct));
            row("seed", p.as_ref().map(|p| p.seed.clone().unwrap_or_default()), d.seed.unwrap_or_default());
            row("completed", p.as_ref().map(|p| p.completed_on.clone().unwrap_or_default()), d.completed_on.unwrap_or_default());
            row("outcome", p.as_ref().map(|p| p.outcome.code().to_string()), d.outcome.code().to_string());
            row("summary", p.as_ref().map(|p| p.summary.clone()), d.summary);
            let published = p.map(|p| p.contests).unwrap_or_default();
            for (i, c) in d.contests.iter().enumerate() {
                let before = published.get(i).map(|pc| {
                    format!("{}: sample {:?}, p {:?}, met {:?}", pc.name, pc.sample_size, pc.p_value, pc.risk_limit_met)
                });
                row(
                    &format!("contest {}", i + 1),
                    before,
                    format!("{}: sample {:?}, p {:?}, met {:?}", c.name, c.sample_size, c.p_value, c.risk_limit_met),
                );
            }
        }
    }
    out
}

async fn review_page(State(state): State<crate::startup::AppState>, headers: HeaderMap, Path(id): Path<i64>) -> Response {
    let o = officials_or_return!(state);
    let Some(s) = signed_in(o, &headers).await else { return not_signed_in() };
    let sub = match reviewable(o, &s, id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let diff: String = changes(o, &sub)
        .await
        .iter()
        .map(|(f, b, a)| format!("<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>", esc(f), esc(b), esc(a)))
        .collect();
    let (findings, unresolved) =
        crate::gate::findings_and_unresolved(&o.db, &o.policy, workflow::draft(sub.kind, sub.draft_id)).await.unwrap_or_default();
    let items: String = findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let open = unresolved.iter().any(|u| u.field == f.field && u.rule == f.rule && u.excerpt == f.excerpt);
            let form = if open {
                format!(
                    "<form method=\"post\" action=\"/admin/review/{id}/override\" class=\"stack\">{}<input type=\"hidden\" name=\"finding\" value=\"{i}\">{}\
                     <button type=\"submit\">Override this finding</button></form>",
                    html::csrf_field(&s),
                    textarea(&format!("reason-{i}"), "Why it is safe to publish (logged)", "", "")
                )
            } else {
                String::new()
            };
            format!(
                "<li><strong>{}</strong> in <em>{}</em>: “{}” — {} <small>[{}]</small>{}{form}</li>",
                f.severity.as_str(),
                esc(&f.field),
                esc(&f.excerpt),
                esc(f.hint),
                f.rule,
                if open || f.severity != crate::scanner::Severity::Block { "" } else { " (overridden)" }
            )
        })
        .collect();
    let own = sub.submitted_by == s.account.id;
    let decide = if sub.status != "pending" {
        format!("<p>This submission is {}.</p>", esc(&sub.status))
    } else if own {
        "<p>You submitted this, so another official must approve it (two-person rule).</p>".to_string()
    } else {
        format!(
            "<h2>Approve</h2><form method=\"post\" action=\"/admin/review/{id}/approve\" class=\"stack\">{}{}<button type=\"submit\">Approve and publish</button></form>",
            html::csrf_field(&s),
            input("publish_at", "Publish at (optional, UTC)", "", "text", "Leave empty to publish now, or give a time like 2026-11-05T14:00:00Z.")
        )
    };
    let return_form = if sub.status == "pending" || sub.status == "scheduled" {
        format!(
            "<h2>Return to the author</h2><form method=\"post\" action=\"/admin/review/{id}/return\" class=\"stack\">{}{}<button type=\"submit\">Return with this comment</button></form>",
            html::csrf_field(&s),
            textarea("comment", "Comment", "", "")
        )
    } else {
        String::new()
    };
    let body = format!(
        "<p>{} <code>{}</code> for {}, submitted by {} at {}.</p>{}\
         <h2>What changes</h2><div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"What changes\"><table><caption>The draft against the published version</caption>\
         <thead><tr><th scope=\"col\">Field</th><th scope=\"col\">Published</th><th scope=\"col\">This draft</th></tr></thead><tbody>{diff}</tbody></table></div>\
         <h2>Scanner findings</h2>{}{decide}{return_form}",
        sub.kind.code(),
        esc(&sub.slug),
        esc(&sub.jurisdiction_slug),
        esc(&sub.submitted_by_email),
        esc(&sub.submitted_at),
        sub.correction_note.as_deref().map(|n| format!("<p>Correction note: {}</p>", esc(n))).unwrap_or_default(),
        if items.is_empty() { "<p>None.</p>".to_string() } else { format!("<ul class=\"findings\">{items}</ul>") },
    );
    page(StatusCode::OK, &format!("Submission {id}"), Some(&s), None, &body)
}

async fn approve(
    State(state): State<crate::startup::AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): F,
) -> Response {
    let o = officials_or_return!(state);
    let s = checked_or_return!(o, headers, form);
    if let Err(r) = reviewable(o, &s, id).await {
        return r;
    }
    let at = Some(field(&form, "publish_at")).filter(|a| !a.trim().is_empty());
    match workflow::approve(&o.db, &o.policy, &s.account, id, at, &address(&addr)).await {
        Ok(Approval::Published(p)) => page(
            StatusCode::OK,
            "Published",
            Some(&s),
            Some(&format!("Published {} version {}.", p.slug, p.version)),
            "<p><a href=\"/admin/review\">Back to the review queue</a></p>",
        ),
        Ok(Approval::Scheduled(when)) => page(
            StatusCode::OK,
            "Scheduled",
            Some(&s),
            Some(&format!("Approved; it will be published at {when}.")),
            "<p><a href=\"/admin/review\">Back to the review queue</a></p>",
        ),
        Err(e) => failed(Some(&s), e),
    }
}

async fn return_submission(
    State(state): State<crate::startup::AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): F,
) -> Response {
    let o = officials_or_return!(state);
    let s = checked_or_return!(o, headers, form);
    if let Err(r) = reviewable(o, &s, id).await {
        return r;
    }
    match workflow::return_to_author(&o.db, &s.account, id, field(&form, "comment"), &address(&addr)).await {
        Ok(()) => see_other("/admin/review"),
        Err(e) => failed(Some(&s), e),
    }
}

async fn override_finding(
    State(state): State<crate::startup::AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): F,
) -> Response {
    let o = officials_or_return!(state);
    let s = checked_or_return!(o, headers, form);
    let sub = match reviewable(o, &s, id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    if sub.submitted_by == s.account.id {
        return forbidden(&s, "You submitted this, so another official must decide on its findings.");
    }
    let index: usize = field(&form, "finding").parse().unwrap_or(usize::MAX);
    let findings = crate::gate::scan_draft(&o.db, &o.policy, workflow::draft(sub.kind, sub.draft_id)).await.unwrap_or_default();
    let Some(f) = findings.get(index) else { return not_found(Some(&s)) };
    let reason = field(&form, &format!("reason-{index}"));
    match crate::gate::override_finding(&o.db, workflow::draft(sub.kind, sub.draft_id), f, reason, &s.account.email).await {
        Ok(_) => {
            let _ = activity::record(&o.db, &s.account.email, "override", &format!("submission {id}: {} in {}", f.rule, f.field), reason, &address(&addr)).await;
            see_other(&format!("/admin/review/{id}"))
        }
        Err(e) => failed(Some(&s), e),
    }
}

async fn start_correction(
    State(state): State<crate::startup::AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): F,
) -> Response {
    let o = officials_or_return!(state);
    let s = checked_or_return!(o, headers, form);
    let Some(k) = parse_kind(field(&form, "kind")) else { return not_found(Some(&s)) };
    let slug = field(&form, "slug").trim();
    // The draft behind the current published version is where a correction starts.
    let source: Option<i64> = sqlx::query_scalar(
        "SELECT draft_id FROM submissions WHERE record_kind = $1 AND slug = $2 AND status = 'published' ORDER BY id DESC LIMIT 1",
    )
    .bind(k.code())
    .bind(slug)
    .fetch_optional(&o.db.pool)
    .await
    .unwrap_or(None);
    let Some(source) = source else {
        return message(StatusCode::NOT_FOUND, "Not found", Some(&s), "There is no record published through the workspace with that kind and slug.");
    };
    let copied = match k {
        RecordKind::Update => match drafts::load_update(&o.db, source).await {
            Ok(Some(u)) if s.account.covers(&u.office_slug) => drafts::create_update(&o.db, &u).await,
            Ok(_) => return not_found(Some(&s)),
            Err(e) => Err(e),
        },
        RecordKind::Grant => match drafts::load_grant(&o.db, source).await {
            Ok(Some(g)) if s.account.covers(&g.recipient_slug) => drafts::create_grant(&o.db, &g).await,
            Ok(_) => return not_found(Some(&s)),
            Err(e) => Err(e),
        },
        RecordKind::Audit => match drafts::load_audit(&o.db, source).await {
            Ok(Some(a)) if s.account.covers(&a.jurisdiction_slug) => drafts::create_audit(&o.db, &a).await,
            Ok(_) => return not_found(Some(&s)),
            Err(e) => Err(e),
        },
        RecordKind::Expenditure => match drafts::load_expenditure(&o.db, source).await {
            Ok(Some(e)) if s.account.covers(&e.recipient_slug) => drafts::create_expenditure(&o.db, &e).await,
            Ok(_) => return not_found(Some(&s)),
            Err(e) => Err(e),
        },
    };
    match copied {
        Ok(id) => {
            let _ = activity::record(&o.db, &s.account.email, "draft.correction", &format!("{} {slug} (draft {id})", k.code()), "web", &address(&addr)).await;
            see_other(&format!("/admin/drafts/{}/{id}", k.code()))
        }
        Err(e) => failed(Some(&s), e),
    }
}

async fn retract(
    State(state): State<crate::startup::AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): F,
) -> Response {
    let o = officials_or_return!(state);
    let s = checked_or_return!(o, headers, form);
    let Some(kind) = RecordKind::from_code(field(&form, "retract-kind")) else { return not_found(Some(&s)) };
    let slug = field(&form, "retract-slug").trim();
    match workflow::retract(&o.db, &s.account, kind, slug, field(&form, "reason"), &address(&addr)).await {
        Ok(v) => page(StatusCode::OK, "Retracted", Some(&s), Some(&format!("Retracted {slug} (last version {v}).")), "<p><a href=\"/admin\">Back</a></p>"),
        Err(e) => failed(Some(&s), e),
    }
}

fn import_page(s: &SignedIn, status: StatusCode, kind: &str, text: &str, result: &str) -> Response {
    let kinds = vec![("spending".to_string(), "Spending".to_string()), ("audits".to_string(), "Audits (one row per contest)".to_string())];
    let body = format!(
        "{result}<p>Paste a CSV file made from the templates (<code>templates/spending.csv</code>, <code>templates/audits.csv</code>). \
         A file with any mistake stores nothing; every mistake is listed with its line and column.</p>\
         <form method=\"post\" action=\"/admin/import\" class=\"stack\">{}{}{}<button type=\"submit\">Import and submit for review</button></form>",
        html::csrf_field(s),
        select("kind", "What the file holds", &kinds, kind),
        textarea("csv", "CSV", text, "The first line is the header row."),
    );
    page(status, "Import a spreadsheet", Some(s), None, &body)
}

async fn import_form(State(state): State<crate::startup::AppState>, headers: HeaderMap) -> Response {
    let o = officials_or_return!(state);
    let Some(s) = signed_in(o, &headers).await else { return not_signed_in() };
    import_page(&s, StatusCode::OK, "spending", "", "")
}

async fn import(State(state): State<crate::startup::AppState>, ConnectInfo(addr): ConnectInfo<SocketAddr>, headers: HeaderMap, Form(form): F) -> Response {
    let o = officials_or_return!(state);
    let s = checked_or_return!(o, headers, form);
    let kind = field(&form, "kind");
    let text = field(&form, "csv");
    let from = address(&addr);
    let result = match kind {
        "audits" => crate::import::audits(&o.db, &o.policy, &s.account, text.as_bytes(), &from).await,
        _ => crate::import::spending(&o.db, &o.policy, &s.account, text.as_bytes(), &from).await,
    };
    match result {
        Ok(created) => {
            let items: String = created
                .iter()
                .map(|c| format!("<li>Submission {}: {} <code>{}</code> ({} findings, {} blocking)</li>", c.id, c.kind.code(), esc(&c.slug), c.findings, c.blocking))
                .collect();
            import_page(&s, StatusCode::OK, kind, "", &format!("<p role=\"status\">Imported and submitted for review:</p><ul>{items}</ul>"))
        }
        Err(crate::import::ImportFailure::Rows(errors)) => {
            let items: String = errors.iter().map(|e| format!("<li>{}</li>", esc(&e.to_string()))).collect();
            import_page(
                &s,
                StatusCode::BAD_REQUEST,
                kind,
                text,
                &format!("<div role=\"alert\"><p>Nothing was stored: the file has {} mistakes.</p><ul class=\"errors\">{items}</ul></div>", errors.len()),
            )
        }
        Err(crate::import::ImportFailure::Other(e)) => failed(Some(&s), e),
    }
}

#[derive(serde::Deserialize)]
struct ActivityQuery {
    action: Option<String>,
    actor: Option<String>,
}

async fn activity_page(State(state): State<crate::startup::AppState>, headers: HeaderMap, Query(q): Query<ActivityQuery>) -> Response {
    let o = officials_or_return!(state);
    let Some(s) = signed_in(o, &headers).await else { return not_signed_in() };
    if s.account.role != Role::Admin {
        return forbidden(&s, "Only administrators read the activity log.");
    }
    let action = q.action.as_deref().filter(|a| !a.is_empty());
    let actor = q.actor.as_deref().filter(|a| !a.is_empty());
    let entries = match activity::list(&o.db, action, actor, 500).await {
        Ok(e) => e,
        Err(e) => return failed(Some(&s), e),
    };
    let rows: String = entries
        .iter()
        .map(|e| {
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&e.at),
                esc(&e.actor),
                esc(&e.action),
                esc(&e.subject),
                esc(&e.detail),
                esc(&e.source)
            )
        })
        .collect();
    let body = format!(
        "<p>Every sign-in, draft, submission, override, approval, publication, correction, retraction and account change. No one can change or remove an entry.</p>\
         <form method=\"get\" action=\"/admin/activity\" class=\"filters\"><fieldset><legend>Filter</legend>{}{}<button type=\"submit\">Filter</button></fieldset></form>\
         <div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Activity\"><table><caption>Activity, newest first</caption>\
         <thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">What</th><th scope=\"col\">Subject</th><th scope=\"col\">Detail</th><th scope=\"col\">From</th></tr></thead>\
         <tbody>{rows}</tbody></table></div>",
        input("action", "Action starts with", action.unwrap_or(""), "text", "For example sign-in, submission, publication."),
        input("actor", "Official (e-mail)", actor.unwrap_or(""), "text", ""),
    );
    page(StatusCode::OK, "Activity log", Some(&s), None, &body)
}
