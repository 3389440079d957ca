//! An official's own sessions, each of which they may end.

use super::layout::Page;
use super::widgets::{csrf, table};
use crate::db::activity::{self, NewEntry};
use crate::domain::activity::Action;
use crate::domain::values::Timestamp;
use crate::error::AppError;
use crate::officials::extract::{respond, CheckedForm, Client};
use crate::officials::session::{self, SignedIn};
use crate::officials::OfficialsState;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;

pub async fn list(State(o): State<OfficialsState>, s: SignedIn) -> Response {
    let page = async {
        let list = session::list_own(&o.db, &s.account).await?;
        let rows = html! {
            @for x in &list {
                tr {
                    td { (x.created_at) @if x.handle == s.handle { " (this one)" } }
                    td { (x.last_seen) }
                    td { (x.address) }
                    td { (x.user_agent) }
                    td {
                        form method="post" action="/admin/sessions/end" {
                            (csrf(&s))
                            input type="hidden" name="handle" value=(x.handle);
                            button type="submit" { "End session started " (x.created_at) }
                        }
                    }
                }
            }
        };
        let body = html! {
            p { "Sessions end after " (session::IDLE_SECS / 60) " minutes without use and after "
                (session::LIFETIME_SECS / 3600) " hours in any case." }
            (table("Your sessions", &["Started", "Last used", "From", "Browser", "End"], rows))
        };
        Ok(Page::new("Your sessions", Some(&s), body))
    };
    respond(&s, page.await)
}

#[derive(serde::Deserialize)]
pub struct EndForm {
    #[serde(default)]
    handle: String,
}

pub async fn end(State(o): State<OfficialsState>, Client(from): Client, f: CheckedForm<EndForm>) -> Response {
    let s = f.who;
    let result = async {
        if !session::end_own(&o.db, &s.account, &f.form.handle).await? {
            return Err(AppError::NotFound);
        }
        let mut conn = o.db.conn().await?;
        let now = Timestamp::now().to_string();
        let entry = NewEntry {
            actor: &s.account.email,
            action: Action::SessionEnd,
            subject: &s.account.email,
            detail: "ended a session",
            source: &from,
            office: Some(s.account.office.as_str()),
        };
        activity::append(&mut conn, &now, &entry).await
    };
    match result.await {
        Ok(()) => {
            let mut res = StatusCode::SEE_OTHER.into_response();
            res.headers_mut().insert(header::LOCATION, HeaderValue::from_static("/admin/sessions"));
            res
        }
        Err(e) => respond(&s, Err(e)),
    }
}
