//! Sign-in throttling, per account at an address and per address, with pauses
//! that grow with each failure. A try is reserved before the password is checked
//! (so 40 tries at once are 5 checked, not 38), and a pause applies only to the
//! address that failed: someone elsewhere who knows an official's e-mail cannot
//! lock the official out. Throttled tries are counted, not logged one by one.

use crate::db::{attempts, OfficialsDb};
use crate::domain::values::Timestamp;
use crate::error::{AppError, AppResult};

/// Tries allowed for one account from one address before a pause…
pub const ACCOUNT_TRIES: i64 = 5;
/// …and from one address for any accounts.
pub const ADDRESS_TRIES: i64 = 20;
/// Failures older than this are forgotten.
pub const WINDOW_SECS: i64 = 15 * 60;
/// The first pause; each further failure doubles it, up to the longest.
pub const FIRST_PAUSE_SECS: i64 = 30;
pub const LONGEST_PAUSE_SECS: i64 = 15 * 60;

/// The tries reserved for one sign-in.
pub struct Reservation {
    account_key: String,
    address_key: String,
}

fn keys(email: &str, address: &str) -> Reservation {
    Reservation { account_key: format!("account:{email}|{address}"), address_key: format!("address:{address}") }
}

/// The pause after `failures` failures in a row for a key allowed `tries`.
pub fn pause_secs(failures: i64, tries: i64) -> i64 {
    let doublings = (failures - tries).clamp(0, 10) as u32;
    (FIRST_PAUSE_SECS << doublings).min(LONGEST_PAUSE_SECS)
}

fn throttled(why: &str) -> AppError {
    AppError::TooManyRequests(format!(
        "Too many failed sign-ins {why}. Wait a few minutes and try again (each further failure makes the wait \
         longer), or ask an administrator to reset your password."
    ))
}

/// Reserves a try for `email` from `address`, or refuses it while paused.
pub async fn reserve(db: &OfficialsDb, email: &str, address: &str) -> AppResult<Reservation> {
    let r = keys(email, address);
    let now = Timestamp::now();
    let (at, window) = (now.to_string(), now.plus_seconds(-WINDOW_SECS).to_string());
    let mut conn = db.conn().await?;
    if !attempts::reserve(&mut conn, &r.address_key, ADDRESS_TRIES, &at, &window).await? {
        return Err(throttled("from this address"));
    }
    if !attempts::reserve(&mut conn, &r.account_key, ACCOUNT_TRIES, &at, &window).await? {
        attempts::release(&mut conn, &r.address_key).await?;
        return Err(throttled("for this account from this address"));
    }
    Ok(r)
}

/// Records a failed try; returns why sign-in is now paused, if it is (once per
/// pause, for the activity log).
pub async fn failed(db: &OfficialsDb, r: &Reservation) -> AppResult<Option<String>> {
    let mut conn = db.conn().await?;
    let mut paused = Vec::new();
    for (key, tries, what) in [
        (&r.account_key, ACCOUNT_TRIES, "for this account from this address"),
        (&r.address_key, ADDRESS_TRIES, "from this address"),
    ] {
        let (failures, exhausted) = attempts::fail(&mut conn, key).await?;
        if exhausted {
            let secs = pause_secs(failures, tries);
            attempts::pause(&mut conn, key, &Timestamp::now().plus_seconds(secs).to_string()).await?;
            paused.push(format!("{failures} failures {what}: paused {secs} s"));
        }
    }
    Ok((!paused.is_empty()).then(|| paused.join("; ")))
}

/// A right password: the account's failures from this address are forgotten and
/// the address's try is given back.
pub async fn succeeded(db: &OfficialsDb, r: &Reservation) -> AppResult<()> {
    let mut conn = db.conn().await?;
    attempts::clear(&mut conn, &r.account_key).await?;
    attempts::release(&mut conn, &r.address_key).await
}

/// Forgets keys idle for a window (the scheduler runs this).
pub async fn prune(db: &OfficialsDb) -> AppResult<u64> {
    let now = Timestamp::now();
    attempts::prune(&mut *db.conn().await?, &now.plus_seconds(-WINDOW_SECS).to_string(), &now.to_string()).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_grow_and_stop_growing() {
        assert_eq!(pause_secs(5, 5), 30);
        assert_eq!(pause_secs(6, 5), 60);
        assert_eq!(pause_secs(7, 5), 120);
        assert_eq!(pause_secs(50, 5), LONGEST_PAUSE_SECS);
    }
}
