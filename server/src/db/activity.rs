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

/// Appends an entry (inside the caller's transaction, so it commits with what it logs).
pub async fn append(
    conn: &mut Conn,
    at: &str,
    actor: &str,
    action: Action,
    subject: &str,
    detail: &str,
    source: &str,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO activity_log (at, actor, action, subject, detail, source) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(at)
    .bind(actor)
    .bind(action.code())
    .bind(subject)
    .bind(detail)
    .bind(source)
    .execute(conn)
    .await
    .context("appending to the activity log")?;
    Ok(())
}

/// The newest entries first, optionally only those whose action starts with
/// `action` and whose actor is `actor`.
pub async fn list(db: &OfficialsDb, action: Option<&str>, actor: Option<&str>, limit: i64) -> AppResult<Vec<Entry>> {
    sqlx::query_as(
        "SELECT id, at, actor, action, subject, detail, source FROM activity_log \
         WHERE ($1 = '' OR action LIKE $1 || '%') AND ($2 = '' OR actor = $2) \
         ORDER BY id DESC LIMIT $3",
    )
    .bind(action.unwrap_or(""))
    .bind(actor.unwrap_or(""))
    .bind(limit)
    .fetch_all(&db.pool)
    .await
    .context("reading the activity log")
}

/// How many entries with `action` name `column = value` since `since`.
pub async fn count_since(conn: &mut Conn, action: Action, column: Column, value: &str, since: &str) -> AppResult<i64> {
    let column = match column {
        Column::Subject => "subject",
        Column::Source => "source",
    };
    let sql = format!("SELECT COUNT(*) FROM activity_log WHERE action = $1 AND {column} = $2 AND at > $3");
    sqlx::query_scalar(&sql)
        .bind(action.code())
        .bind(value)
        .bind(since)
        .fetch_one(conn)
        .await
        .context("counting activity")
}

/// Which column [`count_since`] matches.
#[derive(Clone, Copy, Debug)]
pub enum Column {
    Subject,
    Source,
}
