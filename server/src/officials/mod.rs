//! The officials' side at `/admin` and on the command line: sign-in with a second
//! factor, sessions, throttling, anti-forgery checks, the workflow, imports,
//! accounts, and the web pages.
//!
//! The pages are server-rendered HTML from an auto-escaping template crate (maud),
//! with no script at all: the policy is `script-src 'none'`, every change is a
//! form POST carrying the session's anti-forgery token, requests from another site
//! are refused, responses are `no-store`, and a record outside the official's
//! office is "not found", so a denial says nothing about other offices.

pub mod accounts;
pub mod extract;
pub mod import;
pub mod pages;
pub mod second_factor;
pub mod session;
pub mod throttle;
pub mod workflow;

use crate::db::OfficialsDb;
use crate::gate::policy::Policy;
use axum::routing::{get, post};
use axum::Router;
use std::sync::Arc;

/// What the officials' side needs: the full database (drafts included) and the policy.
#[derive(Clone)]
pub struct OfficialsState {
    pub db: OfficialsDb,
    pub policy: Arc<Policy>,
    /// Served over TLS (directly or behind a TLS proxy): `__Host-` cookies, Secure.
    pub secure_cookies: bool,
    /// Reverse proxies whose forwarding headers name the client.
    pub trusted_proxies: Arc<[crate::http::config::IpRange]>,
}

/// The officials' routes, with their own state and layers.
pub fn router(state: OfficialsState) -> Router {
    use pages::*;
    Router::new()
        .route("/admin", get(workspace::home))
        .route("/admin/sign-in", post(sign_in::sign_in))
        .route("/admin/sign-out", post(sign_in::sign_out))
        .route("/admin/sessions", get(sessions::list))
        .route("/admin/sessions/end", post(sessions::end))
        .route("/admin/account", get(account::page))
        .route("/admin/account/totp", post(account::begin_totp))
        .route("/admin/account/totp/confirm", post(account::confirm_totp))
        .route("/admin/account/password", post(account::change_password))
        .route("/admin/account/recovery-codes", post(account::regenerate_recovery_codes))
        .route("/admin/accounts", get(accounts::list))
        .route("/admin/accounts/reset-password", post(accounts::reset_password))
        .route("/admin/accounts/reset-2fa", post(accounts::reset_totp))
        .route("/admin/accounts/disable", post(accounts::disable))
        .route("/admin/new/{kind}", get(drafts::new_form).post(drafts::create))
        .route("/admin/drafts/{kind}/{id}", get(drafts::show).post(drafts::save))
        .route("/admin/drafts/{kind}/{id}/submit", post(drafts::submit))
        .route("/admin/review", get(review::queue))
        .route("/admin/review/{id}", get(review::show))
        .route("/admin/review/{id}/approve", post(review::approve))
        .route("/admin/review/{id}/return", post(review::return_to_author))
        .route("/admin/review/{id}/override", post(review::override_finding))
        .route("/admin/corrections", post(workspace::start_correction))
        .route("/admin/retractions", post(workspace::request_retraction))
        .route("/admin/import", get(import::form).post(import::import))
        .route("/admin/activity", get(activity::page))
        .route("/admin/{*rest}", get(layout::unknown).post(layout::unknown))
        .layer(axum::middleware::from_fn_with_state(state.clone(), extract::resume_session))
        .layer(axum::middleware::from_fn_with_state(state.clone(), extract::identify_client))
        .layer(axum::middleware::from_fn(extract::same_origin_only))
        .layer(axum::middleware::from_fn(extract::never_stored))
        .with_state(state)
}
