//! The public data's version: one row (`data_version`, id 1) whose counter every
//! write the public side shows increments inside its own transaction. The public
//! side's response cache keys rendered bytes by it (`http::cache`).

use super::{Conn, PublicDb};
use crate::domain::values::Timestamp;
use crate::error::{AppResult, Context};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Arc;

/// How long a process trusts the version it read, in milliseconds.
pub const REFRESH: u64 = 1000;

/// After a write of its own, how long a process reads the version on every
/// request, in milliseconds.
const AFTER_LOCAL_WRITE: u64 = 2000;

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

/// The version as this process knows it: read from its row at most about once a
/// second ([`REFRESH`]), and on every ask for a moment after this process's own
/// writes. The response cache keys rendered bytes by it, and the public reader
/// keeps what every page reads (the site's facts, the home page's) by it.
#[derive(Clone)]
pub struct Tracker {
    inner: Arc<TrackerInner>,
}

impl std::fmt::Debug for Tracker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tracker").field("version", &self.inner.version.load(Ordering::Relaxed)).finish()
    }
}

struct TrackerInner {
    db: PublicDb,
    version: AtomicI64,
    changed_at: AtomicI64,
    read_at: AtomicU64,
    refresh: tokio::sync::Mutex<()>,
}

impl Tracker {
    pub fn new(db: PublicDb) -> Tracker {
        Tracker {
            inner: Arc::new(TrackerInner {
                db,
                version: AtomicI64::new(0),
                changed_at: AtomicI64::new(0),
                read_at: AtomicU64::new(0),
                refresh: tokio::sync::Mutex::new(()),
            }),
        }
    }

    /// The data version and when it changed (Unix seconds), from memory when it
    /// was read less than [`REFRESH`] ago, else from its row.
    pub async fn current(&self) -> AppResult<(i64, i64)> {
        let i = &self.inner;
        let asked = now_millis();
        let fresh = |read_at: u64| {
            read_at != 0
                && asked.saturating_sub(read_at) < REFRESH
                && asked.saturating_sub(local_bump_at()) >= AFTER_LOCAL_WRITE
        };
        if fresh(i.read_at.load(Ordering::Acquire)) {
            return Ok((i.version.load(Ordering::Acquire), i.changed_at.load(Ordering::Acquire)));
        }
        let _one_reader = i.refresh.lock().await;
        // Another request read it while this one waited, after this one asked.
        if i.read_at.load(Ordering::Acquire) >= asked {
            return Ok((i.version.load(Ordering::Acquire), i.changed_at.load(Ordering::Acquire)));
        }
        let started = now_millis();
        let (version, changed) = current(&i.db).await?;
        let changed = Timestamp::parse(&changed).map(|t| t.unix_seconds()).unwrap_or(0);
        i.version.store(version, Ordering::Release);
        i.changed_at.store(changed, Ordering::Release);
        i.read_at.store(started, Ordering::Release);
        Ok((version, changed))
    }
}

/// One value kept for one data version (what every render would read again).
pub struct Kept<T> {
    slot: std::sync::Mutex<Option<(i64, T)>>,
}

impl<T> Default for Kept<T> {
    fn default() -> Self {
        Kept { slot: std::sync::Mutex::new(None) }
    }
}

impl<T: Clone> Kept<T> {
    /// The value kept for the current version, or `read`'s (then kept). Read
    /// after the version was known, the value is at least that version's; when
    /// the version cannot be read, `read` answers alone.
    pub async fn get_or<F>(&self, tracker: &Tracker, read: impl FnOnce() -> F) -> AppResult<T>
    where
        F: std::future::Future<Output = AppResult<T>>,
    {
        let Ok((version, _)) = tracker.current().await else { return read().await };
        if let Some((kept, value)) = &*self.slot.lock().unwrap_or_else(|p| p.into_inner()) {
            if *kept == version {
                return Ok(value.clone());
            }
        }
        let value = read().await?;
        let mut slot = self.slot.lock().unwrap_or_else(|p| p.into_inner());
        if slot.as_ref().is_none_or(|(kept, _)| *kept <= version) {
            *slot = Some((version, value.clone()));
        }
        Ok(value)
    }
}
