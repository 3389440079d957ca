//! The activity log, for administrators: newest first, filtered by action and
//! official. A county administrator reads only their own office's entries.

use super::layout::Page;
use super::widgets::{input, table};
use crate::db::activity;
use crate::officials::extract::{respond, AdminOnly};
use crate::officials::OfficialsState;
use axum::extract::{Query, State};
use axum::response::Response;
use maud::html;

#[derive(serde::Deserialize)]
pub struct ActivityQuery {
    action: Option<String>,
    actor: Option<String>,
}

pub async fn page(
    State(o): State<OfficialsState>,
    AdminOnly(s): AdminOnly,
    Query(q): Query<ActivityQuery>,
) -> Response {
    let page = async {
        let action = q.action.as_deref().filter(|a| !a.is_empty());
        let actor = q.actor.as_deref().filter(|a| !a.is_empty());
        let office = (!s.account.statewide).then(|| s.account.office.as_str());
        let entries = activity::list(&o.db, action, actor, office, 500).await?;
        let rows = html! {
            @for e in &entries {
                tr { td { (e.at) } td { (e.actor) } td { (e.action) } td { (e.subject) } td { (e.detail) } td { (e.source) } }
            }
        };
        let body = html! {
            p { "Every sign-in, draft, submission, override, approval, publication, correction, retraction and account \
                 change. No one can change or remove an entry." }
            @if !s.account.statewide { p { "You see the entries about " (s.account.office) " only." } }
            form method="get" action="/admin/activity" class="filters" {
                fieldset {
                    legend { "Filter" }
                    (input("action", "Action starts with", action.unwrap_or(""), "text", "For example sign-in, submission, publication."))
                    (input("actor", "Official (e-mail)", actor.unwrap_or(""), "text", ""))
                    button type="submit" { "Filter" }
                }
            }
            (table("Activity, newest first", &["When", "Who", "What", "Subject", "Detail", "From"], rows))
        };
        Ok(Page::new("Activity log", Some(&s), body))
    };
    respond(&s, page.await)
}
