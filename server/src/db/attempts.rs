//! `sign_in_attempts`: one row per key (an account at an address, or an address)
//! with the tries it has left before a pause, its failures in a row, its
//! throttled tries (counted, never logged one by one) and when it may try again.
//! A try is reserved before the password is checked, by a row-count update, so
//! concurrent tries cannot all slip past the limit.

use super::Conn;
use crate::error::{AppResult, Context};

/// Reserves one try for `key`: `true` if it may go ahead. A key new, or idle
/// since `window_start`, starts with `budget` tries; a paused key (until
/// `blocked_until`) or one with no tries left is refused, and the refusal is counted.
pub async fn reserve(conn: &mut Conn, key: &str, budget: i64, now: &str, window_start: &str) -> AppResult<bool> {
    sqlx::query(
        "INSERT INTO sign_in_attempts (key, budget, last_attempt) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING",
    )
    .bind(key)
    .bind(budget)
    .bind(now)
    .execute(&mut *conn)
    .await
    .context("counting a sign-in attempt")?;
    // Failures long ago are forgotten (unless the key is paused).
    sqlx::query(
        "UPDATE sign_in_attempts SET budget = $2, failures = 0 WHERE key = $1 AND last_attempt < $3 \
         AND (blocked_until IS NULL OR blocked_until <= $4)",
    )
    .bind(key)
    .bind(budget)
    .bind(window_start)
    .bind(now)
    .execute(&mut *conn)
    .await
    .context("counting a sign-in attempt")?;
    let reserved = sqlx::query(
        "UPDATE sign_in_attempts SET budget = budget - 1, last_attempt = $2 WHERE key = $1 AND budget > 0 \
         AND (blocked_until IS NULL OR blocked_until <= $2)",
    )
    .bind(key)
    .bind(now)
    .execute(&mut *conn)
    .await
    .context("counting a sign-in attempt")?
    .rows_affected()
        == 1;
    if !reserved {
        sqlx::query("UPDATE sign_in_attempts SET throttled = throttled + 1 WHERE key = $1")
            .bind(key)
            .execute(conn)
            .await
            .context("counting a throttled attempt")?;
    }
    Ok(reserved)
}

/// Records a failed try; returns the failures in a row and whether the key has
/// no tries left (the caller then pauses it).
pub async fn fail(conn: &mut Conn, key: &str) -> AppResult<(i64, bool)> {
    let (failures, budget): (i64, i64) =
        sqlx::query_as("UPDATE sign_in_attempts SET failures = failures + 1 WHERE key = $1 RETURNING failures, budget")
            .bind(key)
            .fetch_one(conn)
            .await
            .context("counting a failed sign-in")?;
    Ok((failures, budget <= 0))
}

/// Pauses a key until `until`, with one try allowed after it.
pub async fn pause(conn: &mut Conn, key: &str, until: &str) -> AppResult<()> {
    sqlx::query("UPDATE sign_in_attempts SET blocked_until = $2, budget = 1 WHERE key = $1")
        .bind(key)
        .bind(until)
        .execute(conn)
        .await
        .context("pausing sign-in")?;
    Ok(())
}

/// Gives back a reserved try that did not fail (a right password from this address).
pub async fn release(conn: &mut Conn, key: &str) -> AppResult<()> {
    sqlx::query("UPDATE sign_in_attempts SET budget = budget + 1 WHERE key = $1")
        .bind(key)
        .execute(conn)
        .await
        .context("releasing a sign-in attempt")?;
    Ok(())
}

/// Forgets a key (the account signed in from this address).
pub async fn clear(conn: &mut Conn, key: &str) -> AppResult<()> {
    sqlx::query("DELETE FROM sign_in_attempts WHERE key = $1")
        .bind(key)
        .execute(conn)
        .await
        .context("clearing sign-in attempts")?;
    Ok(())
}

/// A key's throttled tries so far (for tests and the activity log).
pub async fn throttled(conn: &mut Conn, key: &str) -> AppResult<i64> {
    Ok(sqlx::query_scalar("SELECT throttled FROM sign_in_attempts WHERE key = $1")
        .bind(key)
        .fetch_optional(conn)
        .await
        .context("reading throttled attempts")?
        .unwrap_or(0))
}

/// Deletes keys idle since `before` and not paused (run by the scheduler).
pub async fn prune(conn: &mut Conn, before: &str, now: &str) -> AppResult<u64> {
    Ok(sqlx::query(
        "DELETE FROM sign_in_attempts WHERE last_attempt < $1 AND (blocked_until IS NULL OR blocked_until <= $2)",
    )
    .bind(before)
    .bind(now)
    .execute(conn)
    .await
    .context("pruning sign-in attempts")?
    .rows_affected())
}
