//! Pasting a spreadsheet (CSV) to import: all or nothing, every mistake listed.

use super::layout::Page;
use super::widgets::{csrf, select, textarea};
use crate::officials::extract::{respond, CheckedForm, Client};
use crate::officials::import::{self, ImportFailure};
use crate::officials::session::SignedIn;
use crate::officials::OfficialsState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};

fn page(s: &SignedIn, kind: &str, text: &str, result: Markup) -> Page {
    let kinds = vec![
        ("spending".to_string(), "Spending".to_string()),
        ("audits".to_string(), "Audits (one row per contest)".to_string()),
    ];
    let body = html! {
        (result)
        p { "Paste a CSV file made from the templates (" code { "templates/spending.csv" } ", " code { "templates/audits.csv" }
            "). A file with any mistake stores nothing; every mistake is listed with its line and column." }
        form method="post" action="/admin/import" class="stack" {
            (csrf(s))
            (select("kind", "What the file holds", &kinds, kind))
            (textarea("csv", "CSV", text, "The first line is the header row."))
            button type="submit" { "Import and submit for review" }
        }
    };
    Page::new("Import a spreadsheet", Some(s), body)
}

pub async fn form(s: SignedIn) -> Response {
    respond(&s, Ok(page(&s, "spending", "", html! {})))
}

#[derive(serde::Deserialize)]
pub struct ImportForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    csv: String,
}

pub async fn import(State(o): State<OfficialsState>, Client(from): Client, f: CheckedForm<ImportForm>) -> Response {
    let s = f.who;
    let ImportForm { kind, csv } = f.form;
    let result = match kind.as_str() {
        "audits" => import::audits(&o.db, &o.policy, &s.account, csv.as_bytes(), &from).await,
        _ => import::spending(&o.db, &o.policy, &s.account, csv.as_bytes(), &from).await,
    };
    match result {
        Ok(created) => {
            let done = html! {
                p role="status" { "Imported and submitted for review:" }
                ul {
                    @for c in &created {
                        li { "Submission " (c.id) ": " (c.kind.code()) " " code { (c.slug) } " (" (c.findings)
                            " findings, " (c.blocking) " blocking)" }
                    }
                }
            };
            respond(&s, Ok(page(&s, &kind, "", done)))
        }
        Err(ImportFailure::Rows(errors)) => {
            let refused = html! {
                div role="alert" {
                    p { "Nothing was stored: the file has " (errors.len()) " mistakes." }
                    ul.errors { @for e in &errors { li { (e.to_string()) } } }
                }
            };
            respond(&s, Ok(page(&s, &kind, &csv, refused).status(StatusCode::BAD_REQUEST)))
        }
        Err(ImportFailure::Other(e)) => respond(&s, Err(e)),
    }
}
