//! The workspace: the official's submissions, starting a correction, and asking
//! for a published record to be retracted (another official approves it).
//! Signed out, it is the sign-in form.

use super::forms::parse_kind;
use super::layout::Page;
use super::sign_in;
use super::widgets::{csrf, input, select, table, textarea};
use crate::db::submissions;
use crate::domain::review::SubmissionAction;
use crate::error::AppError;
use crate::officials::extract::{respond, CheckedForm, Client, Https, MaybeSignedIn};
use crate::officials::{workflow, OfficialsState};
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;

fn kinds() -> Vec<(String, String)> {
    [("update", "Update"), ("expenditure", "Expenditure"), ("audit", "Audit"), ("grant", "Grant")]
        .iter()
        .map(|(v, l)| (v.to_string(), l.to_string()))
        .collect()
}

pub async fn home(
    State(o): State<OfficialsState>,
    Https(secure): Https,
    MaybeSignedIn(who): MaybeSignedIn,
) -> Response {
    let Some(s) = who else { return sign_in::form("", None, secure).into_response() };
    let page = async {
        let mine = submissions::by_submitter(&o.db, s.account.id, 50).await?;
        let rows = html! {
            @for m in &mine {
                tr {
                    td { (m.id) }
                    td { @if m.action == SubmissionAction::Retract { "retract " } (m.kind.code()) " " (m.slug) }
                    td { (m.status.code()) }
                    td { (m.review_comment.as_deref().unwrap_or("")) }
                }
            }
        };
        let body = html! {
            h2 { "Your submissions" }
            (table("Your submissions", &["Id", "Record", "Status", "Reviewer's comment"], rows))
            h2 { "Correct a published record" }
            form method="post" action="/admin/corrections" class="stack" {
                (csrf(&s))
                (select("kind", "Kind", &kinds(), "update"))
                (input("slug", "Slug", "", "text", "The record's address ends with it, as in /updates/{slug}."))
                button type="submit" { "Start a correction" }
            }
            h2 { "Retract a published record" }
            p { "A retraction is a submission: another official of your office approves it before the record leaves \
                 the public lists. Its versions stay readable at their addresses." }
            form method="post" action="/admin/retractions" class="stack" {
                (csrf(&s))
                (select("retract-kind", "Kind", &kinds(), "update"))
                (input("retract-slug", "Slug", "", "text", ""))
                (textarea("reason", "Public reason", "", "Shown on the record's tombstone page and in the feed; \
                    checked for defensive details like every public text."))
                button type="submit" { "Ask for retraction" }
            }
        };
        Ok(Page::new("Workspace", Some(&s), body))
    };
    respond(&s, page.await)
}

#[derive(serde::Deserialize)]
pub struct CorrectionForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    slug: String,
}

pub async fn start_correction(
    State(o): State<OfficialsState>,
    Client(from): Client,
    f: CheckedForm<CorrectionForm>,
) -> Response {
    let s = f.who;
    let result = async {
        let kind = parse_kind(&f.form.kind).ok_or(AppError::NotFound)?;
        let id = workflow::start_correction(&o.db, &s.account, kind, f.form.slug.trim(), &from).await?;
        Ok::<_, AppError>(format!("/admin/drafts/{}/{id}", kind.code()))
    };
    match result.await {
        Ok(to) => {
            let mut res = StatusCode::SEE_OTHER.into_response();
            if let Ok(v) = HeaderValue::from_str(&to) {
                res.headers_mut().insert(header::LOCATION, v);
            }
            res
        }
        Err(AppError::NotFound) => super::layout::message(
            StatusCode::NOT_FOUND,
            "Not found",
            Some(&s),
            "There is no record published through the workspace with that kind and slug.",
        ),
        Err(e) => respond(&s, Err(e)),
    }
}

#[derive(serde::Deserialize)]
pub struct RetractForm {
    #[serde(default, rename = "retract-kind")]
    kind: String,
    #[serde(default, rename = "retract-slug")]
    slug: String,
    #[serde(default)]
    reason: String,
}

pub async fn request_retraction(
    State(o): State<OfficialsState>,
    Client(from): Client,
    f: CheckedForm<RetractForm>,
) -> Response {
    let s = f.who;
    let page = async {
        let kind = parse_kind(&f.form.kind).ok_or(AppError::NotFound)?;
        let slug = f.form.slug.trim();
        let id = workflow::request_retraction(&o.db, &o.policy, &s.account, kind, slug, &f.form.reason, &from).await?;
        Ok(Page::new("Retraction submitted", Some(&s), html! { p { a href="/admin" { "Back" } } }).notice(format!(
            "Submission {id} asks to retract {slug}. Another official of your office approves it in the review queue."
        )))
    };
    respond(&s, page.await)
}
