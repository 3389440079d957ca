//! `sessions`: officials' sessions, stored on the server. The table holds only the
//! SHA-256 of each token, so a copy of the database cannot sign anyone in.

use super::{Conn, OfficialsDb};
use crate::error::{AppResult, Context};

pub struct SessionRow {
    pub handle: String,
    pub account_id: i64,
    pub created_at: String,
    pub last_seen: String,
}

/// One of an official's sessions, as the sessions page lists it.
pub struct SessionInfo {
    pub handle: String,
    pub created_at: String,
    pub last_seen: String,
    pub address: String,
    pub user_agent: String,
}

pub async fn insert(
    conn: &mut Conn,
    token_hash: &str,
    handle: &str,
    account_id: i64,
    now: &str,
    address: &str,
    user_agent: &str,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, handle, account_id, created_at, last_seen, address, user_agent) \
         VALUES ($1, $2, $3, $4, $4, $5, $6)",
    )
    .bind(token_hash)
    .bind(handle)
    .bind(account_id)
    .bind(now)
    .bind(address)
    .bind(user_agent)
    .execute(conn)
    .await
    .context("starting a session")?;
    Ok(())
}

pub async fn by_token_hash(conn: &mut Conn, token_hash: &str) -> AppResult<Option<SessionRow>> {
    let row: Option<(String, i64, String, String)> =
        sqlx::query_as("SELECT handle, account_id, created_at, last_seen FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(conn)
            .await
            .context("reading a session")?;
    Ok(row.map(|(handle, account_id, created_at, last_seen)| SessionRow { handle, account_id, created_at, last_seen }))
}

pub async fn touch(conn: &mut Conn, token_hash: &str, now: &str) -> AppResult<()> {
    sqlx::query("UPDATE sessions SET last_seen = $1 WHERE token_hash = $2")
        .bind(now)
        .bind(token_hash)
        .execute(conn)
        .await
        .context("keeping a session alive")?;
    Ok(())
}

pub async fn delete_by_token_hash(conn: &mut Conn, token_hash: &str) -> AppResult<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(conn)
        .await
        .context("ending a session")?;
    Ok(())
}

/// Ends one of an account's sessions by its public handle; `false` if none.
pub async fn delete_own(conn: &mut Conn, account_id: i64, handle: &str) -> AppResult<bool> {
    let n = sqlx::query("DELETE FROM sessions WHERE handle = $1 AND account_id = $2")
        .bind(handle)
        .bind(account_id)
        .execute(conn)
        .await
        .context("ending a session")?
        .rows_affected();
    Ok(n > 0)
}

pub async fn list_own(db: &OfficialsDb, account_id: i64) -> AppResult<Vec<SessionInfo>> {
    let rows: Vec<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT handle, created_at, last_seen, address, user_agent FROM sessions WHERE account_id = $1 ORDER BY created_at DESC",
    )
    .bind(account_id)
    .fetch_all(&db.pool)
    .await
    .context("listing sessions")?;
    Ok(rows
        .into_iter()
        .map(|(handle, created_at, last_seen, address, user_agent)| SessionInfo {
            handle,
            created_at,
            last_seen,
            address,
            user_agent,
        })
        .collect())
}
