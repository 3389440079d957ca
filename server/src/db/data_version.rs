//! The public data's version: one row (`data_version`, id 1) whose counter every
//! write the public side shows increments inside its own transaction. The public
//! side's response cache keys rendered bytes by it (`http::cache`).

use super::{Conn, PublicDb};
use crate::domain::values::Timestamp;
use crate::error::{AppResult, Context};
use std::sync::atomic::{AtomicU64, Ordering};

/// When this process last bumped the version (milliseconds since the epoch): for
/// a short while after, readers in this process look at the row on every request
/// instead of once a second, so a publication is visible here at once.
static LOCAL_BUMP_AT: AtomicU64 = AtomicU64::new(0);

pub fn now_millis() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

/// When this process last bumped the version, in milliseconds since the epoch.
pub fn local_bump_at() -> u64 {
    LOCAL_BUMP_AT.load(Ordering::Acquire)
}

/// Increments the version inside the caller's transaction: what it commits is a
/// new version of the public data, and every cached response of the old one is
/// stale.
pub async fn bump(conn: &mut Conn) -> AppResult<()> {
    sqlx::query("UPDATE data_version SET version = version + 1, changed_at = $1 WHERE id = 1")
        .bind(Timestamp::now().to_seconds_string())
        .execute(conn)
        .await
        .context("bumping the data version")?;
    LOCAL_BUMP_AT.store(now_millis(), Ordering::Release);
    Ok(())
}

/// The current version and when it changed (an ISO 8601 timestamp).
pub async fn current(db: &PublicDb) -> AppResult<(i64, String)> {
    sqlx::query_as("SELECT version, changed_at FROM data_version WHERE id = 1")
        .fetch_one(&db.pool)
        .await
        .context("reading the data version")
}

/// Notes that this process just committed a write: readers look at the row on
/// every request for a moment (a bump is seen before its commit; this after it).
pub fn mark_local_write() {
    LOCAL_BUMP_AT.store(now_millis(), Ordering::Release);
}
