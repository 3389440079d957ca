//! Officials' sessions: stored on the server, a fresh random id at every sign-in,
//! an idle timeout and an absolute lifetime, ended on the server at sign-out. The
//! cookie is HttpOnly and SameSite=Strict, and `__Host-`-prefixed and Secure when
//! the portal is served over TLS (`PORTAL_SECURE_COOKIES`).

use crate::accounts::{self, Account};
use crate::clock::{now_rfc3339, parse_rfc3339, rfc3339};
use crate::db::Db;
use crate::error::AppResult;
use crate::store::sha256_hex;
use argon2::password_hash::rand_core::{OsRng, RngCore};

/// A session ends after this long without a request…
pub const IDLE_SECS: i64 = 30 * 60;
/// …and after this long in any case.
pub const LIFETIME_SECS: i64 = 12 * 60 * 60;

/// Failed sign-ins allowed per account, and per address, in the window below.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
pub const FAILURE_WINDOW_SECS: i64 = 15 * 60;

pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-portal_session"
    } else {
        "portal_session"
    }
}

pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The `Set-Cookie` value for a session token (or, with `None`, one that removes it).
pub fn cookie(secure: bool, token: Option<&str>) -> String {
    let name = cookie_name(secure);
    let secure_attr = if secure { "; Secure" } else { "" };
    match token {
        Some(t) => format!("{name}={t}; Path=/; HttpOnly; SameSite=Strict{secure_attr}"),
        None => format!("{name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure_attr}"),
    }
}

/// The anti-forgery token that a session's forms carry.
pub fn csrf_token(session_token: &str) -> String {
    sha256_hex(format!("{session_token}:csrf").as_bytes())
}

/// A signed-in official and their session.
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub account: Account,
    pub token: String,
    pub handle: String,
}

impl SignedIn {
    pub fn csrf(&self) -> String {
        csrf_token(&self.token)
    }
}

/// Starts a new session (a new id every time: no fixation) for an account.
pub async fn start(db: &Db, account: &Account, address: &str, user_agent: &str) -> AppResult<String> {
    let token = random_token();
    let now = now_rfc3339();
    sqlx::query(
        "INSERT INTO sessions (token_hash, handle, account_id, created_at, last_seen, address, user_agent) \
         VALUES ($1, $2, $3, $4, $4, $5, $6)",
    )
    .bind(sha256_hex(token.as_bytes()))
    .bind(&random_token()[..16])
    .bind(account.id)
    .bind(&now)
    .bind(address)
    .bind(user_agent.chars().take(200).collect::<String>())
    .execute(&db.pool)
    .await?;
    Ok(token)
}

/// The session a token names, if it is still alive and its account may act; it
/// is kept alive by this request. An expired session is ended on the server.
pub async fn resume(db: &Db, token: &str) -> AppResult<Option<SignedIn>> {
    let hash = sha256_hex(token.as_bytes());
    let row: Option<(String, i64, String, String)> =
        sqlx::query_as("SELECT handle, account_id, created_at, last_seen FROM sessions WHERE token_hash = $1")
            .bind(&hash)
            .fetch_optional(&db.pool)
            .await?;
    let Some((handle, account_id, created_at, last_seen)) = row else { return Ok(None) };
    let now = parse_rfc3339(&now_rfc3339()).unwrap_or(0);
    let expired = now - parse_rfc3339(&last_seen).unwrap_or(0) > IDLE_SECS
        || now - parse_rfc3339(&created_at).unwrap_or(0) > LIFETIME_SECS;
    let account = accounts::by_id(db, account_id).await?;
    match account {
        Some(account) if !expired && !account.disabled => {
            sqlx::query("UPDATE sessions SET last_seen = $1 WHERE token_hash = $2")
                .bind(rfc3339(now))
                .bind(&hash)
                .execute(&db.pool)
                .await?;
            Ok(Some(SignedIn { account, token: token.to_string(), handle }))
        }
        _ => {
            end_by_token(db, token).await?;
            Ok(None)
        }
    }
}

pub async fn end_by_token(db: &Db, token: &str) -> AppResult<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(sha256_hex(token.as_bytes())).execute(&db.pool).await?;
    Ok(())
}

/// Ends one of the official's own sessions, by its public handle.
pub async fn end_own(db: &Db, account: &Account, handle: &str) -> AppResult<bool> {
    let n = sqlx::query("DELETE FROM sessions WHERE handle = $1 AND account_id = $2")
        .bind(handle)
        .bind(account.id)
        .execute(&db.pool)
        .await?
        .rows_affected();
    Ok(n > 0)
}

/// One of an official's sessions, as the sessions page lists it.
pub struct SessionInfo {
    pub handle: String,
    pub created_at: String,
    pub last_seen: String,
    pub address: String,
    pub user_agent: String,
}

pub async fn list_own(db: &Db, account: &Account) -> AppResult<Vec<SessionInfo>> {
    let rows: Vec<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT handle, created_at, last_seen, address, user_agent FROM sessions WHERE account_id = $1 ORDER BY created_at DESC",
    )
    .bind(account.id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(handle, created_at, last_seen, address, user_agent)| SessionInfo { handle, created_at, last_seen, address, user_agent })
        .collect())
}

/// Whether sign-in is paused for this account or address after too many failures.
pub async fn throttled(db: &Db, email: &str, address: &str) -> AppResult<Option<&'static str>> {
    let since = rfc3339(parse_rfc3339(&now_rfc3339()).unwrap_or(0) - FAILURE_WINDOW_SECS);
    let count = |column: &'static str, value: String| {
        let since = since.clone();
        async move {
            let sql = format!(
                "SELECT COUNT(*) FROM activity_log WHERE action = 'sign-in.failed' AND {column} = $1 AND at > $2"
            );
            sqlx::query_scalar::<_, i64>(&sql).bind(value).bind(since).fetch_one(&db.pool).await
        }
    };
    if count("subject", email.trim().to_lowercase()).await? >= MAX_FAILURES_PER_ACCOUNT {
        return Ok(Some("Too many failed sign-ins for this account. Wait 15 minutes and try again, or ask an administrator."));
    }
    if count("source", address.to_string()).await? >= MAX_FAILURES_PER_ADDRESS {
        return Ok(Some("Too many failed sign-ins from this address. Wait 15 minutes and try again."));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_host_prefixed_and_secure_over_tls() {
        let tls = cookie(true, Some("abc"));
        assert_eq!(tls, "__Host-portal_session=abc; Path=/; HttpOnly; SameSite=Strict; Secure");
        let plain = cookie(false, Some("abc"));
        assert_eq!(plain, "portal_session=abc; Path=/; HttpOnly; SameSite=Strict");
        assert!(cookie(true, None).contains("Max-Age=0"));
    }

    #[test]
    fn tokens_are_random_and_forms_tokens_differ_from_them() {
        let (a, b) = (random_token(), random_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_ne!(csrf_token(&a), a);
        assert_eq!(csrf_token(&a), csrf_token(&a));
    }
}
