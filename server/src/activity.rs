//! The activity log: every sign-in, failed sign-in, draft change, submission,
//! override, approval, publication, correction, retraction and account change,
//! appended with who, what, when and from where. The database refuses to update
//! or delete a row (triggers in the migration), and no route offers to.

use crate::clock::now_rfc3339;
use crate::db::Db;
use crate::error::AppResult;
use sqlx::FromRow;

/// One entry, as an administrator reads it.
#[derive(Clone, Debug, FromRow)]
pub struct Entry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
    pub source: String,
}

/// Appends an entry. `source` says from where: `cli` or the client's address.
pub async fn record(db: &Db, actor: &str, action: &str, subject: &str, detail: &str, source: &str) -> AppResult<()> {
    record_in(&db.pool, actor, action, subject, detail, source).await
}

/// As [`record`], inside a transaction (so the entry commits with what it logs).
pub async fn record_in<'e, E>(ex: E, actor: &str, action: &str, subject: &str, detail: &str, source: &str) -> AppResult<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO activity_log (at, actor, action, subject, detail, source) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(now_rfc3339())
    .bind(actor)
    .bind(action)
    .bind(subject)
    .bind(detail)
    .bind(source)
    .execute(ex)
    .await?;
    Ok(())
}

/// The newest entries first, optionally only those whose action starts with
/// `action` and whose actor is `actor`.
pub async fn list(db: &Db, action: Option<&str>, actor: Option<&str>, limit: i64) -> AppResult<Vec<Entry>> {
    Ok(sqlx::query_as(
        "SELECT id, at, actor, action, subject, detail, source FROM activity_log \
         WHERE ($1 = '' OR action LIKE $1 || '%') AND ($2 = '' OR actor = $2) \
         ORDER BY id DESC LIMIT $3",
    )
    .bind(action.unwrap_or(""))
    .bind(actor.unwrap_or(""))
    .bind(limit)
    .fetch_all(&db.pool)
    .await?)
}
