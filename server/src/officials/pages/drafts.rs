//! Drafting: a new draft's form, a draft's page (its form, the scanner's findings
//! beside the text, and the submit form), saving and submitting.

use super::forms::{self, parse_kind, Choices, Values};
use super::layout::Page;
use super::widgets::{checkbox, csrf, textarea};
use crate::db::versions;
use crate::domain::draft::AnyDraft;
use crate::domain::RecordKind;
use crate::error::{AppError, AppResult};
use crate::gate::scanner::{Finding, Severity};
use crate::officials::extract::{respond, CheckedForm, Client};
use crate::officials::session::SignedIn;
use crate::officials::{workflow, OfficialsState};
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

fn kind_of(kind: &str) -> AppResult<RecordKind> {
    parse_kind(kind).ok_or(AppError::NotFound)
}

pub async fn new_form(State(o): State<OfficialsState>, s: SignedIn, Path(kind): Path<String>) -> Response {
    let page = async {
        let k = kind_of(&kind)?;
        let choices = Choices::load(&o, &s).await?;
        let form = forms::render(k, &s, &format!("/admin/new/{}", k.code()), true, &Values::new(), &choices);
        Ok(Page::new(format!("New {}", k.code()), Some(&s), form))
    };
    respond(&s, page.await)
}

fn see_other(to: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

fn mistakes(errors: &[crate::domain::draft::FieldError]) -> Markup {
    html! {
        div.error role="alert" {
            p { "Not saved. Please check:" }
            ul { @for e in errors { li { (e.field) ": " (e.message) } } }
        }
    }
}

pub async fn create(
    State(o): State<OfficialsState>,
    Client(from): Client,
    Path(kind): Path<String>,
    f: CheckedForm<Values>,
) -> Response {
    let s = f.who;
    let result: AppResult<Response> = async {
        let k = kind_of(&kind)?;
        let slug = f.form.get("slug").cloned().unwrap_or_default();
        let drafted = forms::parse(k, &f.form, &slug, Vec::new());
        let created = match drafted {
            Ok(d) => workflow::create_draft(&o.db, &s.account, &d, &from).await,
            Err(errors) => Err(AppError::Fields(errors)),
        };
        match created {
            Ok(id) => Ok(see_other(&format!("/admin/drafts/{}/{id}", k.code()))),
            Err(e @ (AppError::Validation { .. } | AppError::Fields(_))) => {
                // Keep what the official typed, and say what to fix.
                let choices = Choices::load(&o, &s).await?;
                let form = forms::render(k, &s, &format!("/admin/new/{}", k.code()), true, &f.form, &choices);
                let body = html! { (mistakes(&e.field_errors())) (form) };
                Ok(Page::new(format!("New {}", k.code()), Some(&s), body)
                    .status(StatusCode::BAD_REQUEST)
                    .into_response())
            }
            Err(e) => Err(e),
        }
    }
    .await;
    result.unwrap_or_else(|e| respond(&s, Err(e)))
}

fn findings_list(findings: &[Finding]) -> Markup {
    html! {
        @if findings.is_empty() {
            p { "The scanner found no defensive details in the public text." }
        } @else {
            ul.findings {
                @for f in findings {
                    li {
                        strong { (f.severity.as_str()) } " in " em { (f.field) }
                        " (characters " (f.start + 1) "–" (f.end) "): “" (f.excerpt) "” — " (f.hint)
                        " " small { "[" (f.rule) "]" }
                    }
                }
            }
        }
    }
}

/// A draft's page: its form (or why it is locked), its findings, and the submit form.
async fn draft_page(
    o: &OfficialsState,
    s: &SignedIn,
    kind: RecordKind,
    id: i64,
    notice: Option<Markup>,
    typed: Option<&Values>,
) -> AppResult<Page> {
    let draft = workflow::load_draft(&o.db, &s.account, kind, id).await?;
    let slug = draft.slug().to_string();
    let findings = workflow::findings(&o.db, &o.policy, kind, id, None).await?;
    let locked = workflow::is_submitted(&o.db, kind, id).await?;
    let published = versions::last_version(&mut *o.db.conn().await?, kind, &slug).await? > 0;
    let blocking = findings.iter().any(|f| f.severity == Severity::Block);
    let choices = Choices::load(o, s).await?;
    let values = typed.cloned().unwrap_or_else(|| forms::values_of(&draft));
    let action = format!("/admin/drafts/{}/{id}", kind.code());
    let edit = if locked {
        html! { p { "This draft has been submitted; it can no longer be changed. Start a correction to change a published record." } }
    } else {
        forms::render(kind, s, &action, false, &values, &choices)
    };
    let body = html! {
        @if let Some(n) = &notice { (n) }
        p { "Draft " (id) ": " (kind.code()) " " code { (slug) } }
        div.draft-layout {
            section aria-labelledby="edit" { h2 #edit { "Text" } (edit) }
            section aria-labelledby="findings" { h2 #findings { "Scanner findings" } (findings_list(&findings)) }
        }
        @if !locked {
            h2 { "Submit for review" }
            form method="post" action=(format!("{action}/submit")) class="stack" {
                (csrf(s))
                @if published {
                    (textarea("correction_note", "Public correction note", "",
                        "Required: this record is published, so this is a correction. Say what changed and why."))
                }
                @if blocking { (checkbox("anyway", "Submit with the blocking findings for a reviewer to decide")) }
                button type="submit" { "Submit for review" }
            }
        }
    };
    Ok(Page::new(format!("Draft {}", kind.code()), Some(s), body))
}

fn status_notice(text: &str) -> Markup {
    html! { p.notice role="status" { (text) } }
}

pub async fn show(State(o): State<OfficialsState>, s: SignedIn, Path((kind, id)): Path<(String, i64)>) -> Response {
    let page = async { draft_page(&o, &s, kind_of(&kind)?, id, None, None).await };
    respond(&s, page.await)
}

pub async fn save(
    State(o): State<OfficialsState>,
    Client(from): Client,
    Path((kind, id)): Path<(String, i64)>,
    f: CheckedForm<Values>,
) -> Response {
    let s = f.who;
    let page = async {
        let k = kind_of(&kind)?;
        let current = workflow::load_draft(&o.db, &s.account, k, id).await?;
        if workflow::is_submitted(&o.db, k, id).await? {
            return Err(AppError::forbidden("This draft has been submitted; it can no longer be changed."));
        }
        // An edit keeps the draft's slug and (for audits) its documents.
        let documents = match &current {
            AnyDraft::Audit(a) => a.documents.clone(),
            _ => Vec::new(),
        };
        let saved = match forms::parse(k, &f.form, current.slug().as_str(), documents) {
            Ok(mut d) => {
                // ... and its evidence, which is imported, never typed.
                if let (AnyDraft::Audit(edited), AnyDraft::Audit(before)) = (&mut d, &current) {
                    edited.evidence = before.evidence.clone();
                }
                workflow::edit_draft(&o.db, &s.account, id, &d, &from).await
            }
            Err(errors) => Err(AppError::Fields(errors)),
        };
        match saved {
            Ok(()) => draft_page(&o, &s, k, id, Some(status_notice("Draft saved.")), None).await,
            Err(e @ (AppError::Validation { .. } | AppError::Fields(_))) => {
                let notice = html! { p.notice role="status" { "Not saved." } (mistakes(&e.field_errors())) };
                Ok(draft_page(&o, &s, k, id, Some(notice), Some(&f.form)).await?.status(StatusCode::BAD_REQUEST))
            }
            Err(e) => Err(e),
        }
    };
    respond(&s, page.await)
}

#[derive(serde::Deserialize)]
pub struct SubmitForm {
    #[serde(default)]
    correction_note: String,
    #[serde(default)]
    anyway: String,
}

pub async fn submit(
    State(o): State<OfficialsState>,
    Client(from): Client,
    Path((kind, id)): Path<(String, i64)>,
    f: CheckedForm<SubmitForm>,
) -> Response {
    let s = f.who;
    let page = async {
        let k = kind_of(&kind)?;
        workflow::own_draft(&o.db, &s.account, k, id).await?;
        if workflow::is_submitted(&o.db, k, id).await? {
            return Err(AppError::forbidden("This draft has already been submitted."));
        }
        let note = Some(f.form.correction_note.as_str()).filter(|n| !n.trim().is_empty());
        let found = workflow::findings(&o.db, &o.policy, k, id, note).await?;
        let blocking = found.iter().filter(|f| f.severity == Severity::Block).count();
        if blocking > 0 && f.form.anyway != "1" {
            let notice = status_notice(&format!(
                "Not submitted: the scanner found {blocking} blocking finding(s), shown beside the text. Fix the text, \
                 or submit with the findings for a reviewer to decide."
            ));
            return draft_page(&o, &s, k, id, Some(notice), None).await;
        }
        match workflow::submit(&o.db, &o.policy, &s.account, k, id, note, &from).await {
            Ok((sid, _)) => Ok(Page::new(
                "Submitted for review",
                Some(&s),
                html! { p { a href="/admin" { "Back to the workspace" } } },
            )
            .notice(format!("Submission {sid} is waiting for a reviewer. Another official must approve it."))),
            Err(e @ (AppError::Validation { .. } | AppError::Fields(_))) => {
                let notice = status_notice(&format!("Not submitted. {e}"));
                draft_page(&o, &s, k, id, Some(notice), None).await
            }
            Err(e) => Err(e),
        }
    };
    respond(&s, page.await)
}
