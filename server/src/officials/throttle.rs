//! Sign-in throttling: after too many failures for one account, or from one
//! address, in a window, sign-in waits.

use crate::db::activity::{self, Column};
use crate::db::OfficialsDb;
use crate::domain::activity::Action;
use crate::domain::values::Timestamp;
use crate::error::AppResult;

/// Failed sign-ins allowed per account, and per address, in the window below.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
pub const FAILURE_WINDOW_SECS: i64 = 15 * 60;

/// Why sign-in is paused for this account or address, if it is.
pub async fn throttled(db: &OfficialsDb, email: &str, address: &str) -> AppResult<Option<&'static str>> {
    let since = Timestamp::now().plus_seconds(-FAILURE_WINDOW_SECS).to_string();
    let mut conn = db.conn().await?;
    let email = email.trim().to_lowercase();
    if activity::count_since(&mut conn, Action::SignInFailed, Column::Subject, &email, &since).await?
        >= MAX_FAILURES_PER_ACCOUNT
    {
        return Ok(Some(
            "Too many failed sign-ins for this account. Wait 15 minutes and try again, or ask an administrator.",
        ));
    }
    if activity::count_since(&mut conn, Action::SignInFailed, Column::Source, address, &since).await?
        >= MAX_FAILURES_PER_ADDRESS
    {
        return Ok(Some("Too many failed sign-ins from this address. Wait 15 minutes and try again."));
    }
    Ok(None)
}
