//! Review: the queue, one submission (what changes, the findings with override
//! forms, approve now or at a time, return with a comment).

use super::layout::Page;
use super::widgets::{csrf, input, table, textarea};
use crate::db::submissions::Submission;
use crate::domain::review::{SubmissionAction, SubmissionStatus};
use crate::error::{AppError, AppResult};
use crate::gate::approval::took_part;
use crate::gate::scanner::Severity;
use crate::officials::extract::{respond, CheckedForm, Client, Reviewer};
use crate::officials::session::SignedIn;
use crate::officials::workflow::{self, Approval};
use crate::officials::OfficialsState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;
use std::collections::HashMap;

pub async fn queue(State(o): State<OfficialsState>, Reviewer(s): Reviewer) -> Response {
    let page = async {
        let queue = workflow::queue(&o.db, Some(&s.account)).await?;
        let body = if queue.is_empty() {
            html! { p { "Nothing is waiting for review." } }
        } else {
            let rows = html! {
                @for q in &queue {
                    tr {
                        td { a href=(format!("/admin/review/{}", q.id)) { "Submission " (q.id) } }
                        td { @if q.action == SubmissionAction::Retract { "Retract " } (q.kind.code()) " " (q.slug) }
                        td { (q.jurisdiction) }
                        td { (q.submitted_by_email) }
                        td { (q.status.code()) }
                    }
                }
            };
            table(
                "Submissions waiting for review",
                &["Submission", "Record", "Jurisdiction", "Submitted by", "Status"],
                rows,
            )
        };
        Ok(Page::new("Review queue", Some(&s), body))
    };
    respond(&s, page.await)
}

/// The submission, if the reviewer's office covers it (else not found).
async fn reviewable(o: &OfficialsState, s: &SignedIn, id: i64) -> AppResult<Submission> {
    match workflow::submission(&o.db, id).await? {
        Some(sub) if s.account.covers(&sub.jurisdiction) => Ok(sub),
        _ => Err(AppError::NotFound),
    }
}

pub async fn show(State(o): State<OfficialsState>, Reviewer(s): Reviewer, Path(id): Path<i64>) -> Response {
    let page = async {
        let sub = reviewable(&o, &s, id).await?;
        let changes = workflow::changes(&o.db, &o.policy, &sub).await?;
        let note = sub.correction_note.as_deref();
        let (findings, open) = workflow::submission_findings(&o.db, &o.policy, &sub).await?;
        let own = took_part(&mut *o.db.conn().await?, &s.account, &sub).await?;
        let retraction = sub.action == SubmissionAction::Retract;
        let first = !retraction && changes.iter().all(|c| c.before.is_empty());
        let pending = sub.status == SubmissionStatus::Pending;
        let diff = html! {
            @for c in &changes { tr { th scope="row" { (c.field) } td { (c.before) } td { (c.after) } } }
        };
        let items = html! {
            @for (i, f) in findings.iter().enumerate() {
                @let is_open = open.iter().any(|u| u.field == f.field && u.rule == f.rule && u.excerpt == f.excerpt);
                li {
                    strong { (f.severity.as_str()) } " in " em { (f.field) } ": “" (f.excerpt) "” — " (f.hint)
                    " " small { "[" (f.rule) "]" }
                    @if !is_open && f.severity == Severity::Block { " (overridden)" }
                    @if is_open && !own && pending {
                        form method="post" action=(format!("/admin/review/{id}/override")) class="stack" {
                            (csrf(&s))
                            input type="hidden" name="finding" value=(i);
                            (textarea(&format!("reason-{i}"), "Why it is safe to publish (logged)", "", ""))
                            button type="submit" { "Override this finding" }
                        }
                    }
                }
            }
        };
        let body = html! {
            p { @if retraction { "Retraction of " } (sub.kind.code()) " " code { (sub.slug) } " for " (sub.jurisdiction)
                ", submitted by " (sub.submitted_by_email) " at " (sub.submitted_at) "." }
            @if let Some(n) = note { p { "Correction note (public): " (n) } }
            @if retraction {
                h2 { "Public reason" }
                p { "Shown on the record's tombstone and in the feed: " }
                blockquote { (sub.reason.as_deref().unwrap_or("")) }
            } @else {
                h2 { "What changes" }
                p { @if first { "Every public field of this new record, withholding statements and their legal basis \
                    included." } @else { "Every public field that differs from the published version, withholding \
                    statements and their legal basis included." } }
                (table("What changes", &["Field", "Published", "This draft"], diff))
            }
            h2 { "Scanner findings" }
            @if findings.is_empty() { p { "None." } } @else { ul.findings { (items) } }
            @if !pending {
                p { "This submission is " (sub.status.code()) "." }
            } @else if own {
                p { "You created, edited or submitted this, so another official must approve it (two-person rule)." }
            } @else {
                h2 { "Approve" }
                form method="post" action=(format!("/admin/review/{id}/approve")) class="stack" {
                    (csrf(&s))
                    (input("publish_at", "Take effect at (optional)", "", "text",
                        "Leave empty for now, or give a time like 2026-11-05T14:00:00Z or 2026-11-05T09:00:00-05:00."))
                    button type="submit" { @if retraction { "Approve and retract" } @else { "Approve and publish" } }
                }
            }
            @if sub.status.awaits_review() {
                h2 { "Return to the author" }
                form method="post" action=(format!("/admin/review/{id}/return")) class="stack" {
                    (csrf(&s))
                    (textarea("comment", "Comment", "", ""))
                    button type="submit" { "Return with this comment" }
                }
            }
        };
        Ok(Page::new(format!("Submission {id}"), Some(&s), body))
    };
    respond(&s, page.await)
}

fn back_to_queue() -> maud::Markup {
    html! { p { a href="/admin/review" { "Back to the review queue" } } }
}

#[derive(serde::Deserialize)]
pub struct ApproveForm {
    #[serde(default)]
    publish_at: String,
}

pub async fn approve(
    State(o): State<OfficialsState>,
    Client(from): Client,
    Path(id): Path<i64>,
    f: CheckedForm<ApproveForm>,
) -> Response {
    let s = f.who;
    let page = async {
        if !s.account.role.may_review() {
            return Err(AppError::forbidden("Only reviewers and administrators review submissions."));
        }
        reviewable(&o, &s, id).await?;
        let at = Some(f.form.publish_at.as_str()).filter(|a| !a.trim().is_empty());
        Ok(match workflow::approve(&o.db, &o.policy, &s.account, id, at, &from).await? {
            Approval::Published(p) => Page::new("Published", Some(&s), back_to_queue())
                .notice(format!("Published {} version {}.", p.slug, p.version)),
            Approval::Scheduled(when) => Page::new("Scheduled", Some(&s), back_to_queue())
                .notice(format!("Approved; it takes effect at {when}.")),
            Approval::Retracted(v) => Page::new("Retracted", Some(&s), back_to_queue())
                .notice(format!("Retracted (its last version, {v}, stays readable at its address).")),
        })
    };
    respond(&s, page.await)
}

#[derive(serde::Deserialize)]
pub struct ReturnForm {
    #[serde(default)]
    comment: String,
}

fn see_other(to: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

pub async fn return_to_author(
    State(o): State<OfficialsState>,
    Client(from): Client,
    Path(id): Path<i64>,
    f: CheckedForm<ReturnForm>,
) -> Response {
    let s = f.who;
    let result = async {
        if !s.account.role.may_review() {
            return Err(AppError::forbidden("Only reviewers and administrators review submissions."));
        }
        reviewable(&o, &s, id).await?;
        workflow::return_to_author(&o.db, &s.account, id, &f.form.comment, &from).await
    };
    match result.await {
        Ok(()) => see_other("/admin/review"),
        Err(e) => respond(&s, Err(e)),
    }
}

pub async fn override_finding(
    State(o): State<OfficialsState>,
    Client(from): Client,
    Path(id): Path<i64>,
    f: CheckedForm<HashMap<String, String>>,
) -> Response {
    let s = f.who;
    let result = async {
        if !s.account.role.may_review() {
            return Err(AppError::forbidden("Only reviewers and administrators review submissions."));
        }
        let sub = reviewable(&o, &s, id).await?;
        if took_part(&mut *o.db.conn().await?, &s.account, &sub).await? {
            return Err(AppError::forbidden(
                "You created, edited or submitted this draft, so another official must decide on its findings.",
            ));
        }
        let index: usize = f.form.get("finding").and_then(|v| v.parse().ok()).ok_or(AppError::NotFound)?;
        let (findings, _) = workflow::submission_findings(&o.db, &o.policy, &sub).await?;
        let finding = findings.get(index).ok_or(AppError::NotFound)?;
        let reason = f.form.get(&format!("reason-{index}")).map(String::as_str).unwrap_or("");
        workflow::override_finding(&o.db, &o.policy, &s.account, id, finding, reason, &from).await
    };
    match result.await {
        Ok(()) => see_other(&format!("/admin/review/{id}")),
        Err(e) => respond(&s, Err(e)),
    }
}
