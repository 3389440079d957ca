//! `activity_log`: append-only. The database refuses to update or delete an entry
//! (triggers in the migrations); this module only inserts and reads.

use super::{Conn, OfficialsDb};
use crate::domain::activity::Action;
use crate::error::{AppResult, Context};

/// One entry, as an administrator reads it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Entry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
    pub source: String,
}

/// An entry to append: who did what to which subject, from where, and which
/// office it concerns (a county administrator reads only their office's entries).
pub struct NewEntry<'a> {
    pub actor: &'a str,
    pub action: Action,
    pub subject: &'a str,
    pub detail: &'a str,
    pub source: &'a str,
    pub office: Option<&'a str>,
}

/// Appends an entry (inside the caller's transaction, so it commits with what it logs).
pub async fn append(conn: &mut Conn, at: &str, e: &NewEntry<'_>) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO activity_log (at, actor, action, subject, detail, source, office_slug) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(at)
    .bind(e.actor)
    .bind(e.action.code())
    .bind(e.subject)
    .bind(e.detail)
    .bind(e.source)
    .bind(e.office)
    .execute(conn)
    .await
    .context("appending to the activity log")?;
    Ok(())
}

/// The newest entries first, optionally only those whose action starts with
/// `action`, whose actor is `actor`, and which concern `office`.
pub async fn list(
    db: &OfficialsDb,
    action: Option<&str>,
    actor: Option<&str>,
    office: Option<&str>,
    limit: i64,
) -> AppResult<Vec<Entry>> {
    sqlx::query_as(
        "SELECT id, at, actor, action, subject, detail, source FROM activity_log \
         WHERE ($1 = '' OR action LIKE $1 || '%') AND ($2 = '' OR actor = $2) AND ($3 = '' OR office_slug = $3) \
         ORDER BY id DESC LIMIT $4",
    )
    .bind(action.unwrap_or(""))
    .bind(actor.unwrap_or(""))
    .bind(office.unwrap_or(""))
    .bind(limit)
    .fetch_all(&db.pool)
    .await
    .context("reading the activity log")
}
