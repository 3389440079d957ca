//! Officials' sessions: stored on the server, a fresh random id at every sign-in,
//! an idle timeout and an absolute lifetime, ended on the server at sign-out. The
//! cookie is HttpOnly and SameSite=Strict, and `__Host-`-prefixed and Secure when
//! the portal is served over TLS.

use crate::db::{accounts, sessions, OfficialsDb};
use crate::domain::account::Account;
use crate::domain::digest::sha256_hex;
use crate::domain::values::Timestamp;
use crate::error::AppResult;
use argon2::password_hash::rand_core::{OsRng, RngCore};

pub use crate::db::sessions::SessionInfo;

/// A session ends after this long without a request…
pub const IDLE_SECS: i64 = 30 * 60;
/// …and after this long in any case.
pub const LIFETIME_SECS: i64 = 12 * 60 * 60;

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
pub async fn start(db: &OfficialsDb, account: &Account, address: &str, user_agent: &str) -> AppResult<String> {
    let token = random_token();
    let agent: String = user_agent.chars().take(200).collect();
    let mut conn = db.conn().await?;
    let handle = &random_token()[..16];
    sessions::insert(
        &mut conn,
        &sha256_hex(token.as_bytes()),
        handle,
        account.id,
        &Timestamp::now().to_string(),
        address,
        &agent,
    )
    .await?;
    Ok(token)
}

/// The session a token names, if it is still alive and its account may act; it
/// is kept alive by this request. An expired session is ended on the server.
pub async fn resume(db: &OfficialsDb, token: &str) -> AppResult<Option<SignedIn>> {
    let hash = sha256_hex(token.as_bytes());
    let mut conn = db.conn().await?;
    let Some(row) = sessions::by_token_hash(&mut conn, &hash).await? else { return Ok(None) };
    let now = Timestamp::now();
    let secs = |t: &str| Timestamp::parse(t).map(|t| t.unix_seconds()).unwrap_or(0);
    let expired = now.unix_seconds() - secs(&row.last_seen) > IDLE_SECS
        || now.unix_seconds() - secs(&row.created_at) > LIFETIME_SECS;
    match accounts::by_id(&mut conn, row.account_id).await? {
        Some(account) if !expired && !account.disabled => {
            sessions::touch(&mut conn, &hash, &now.to_string()).await?;
            Ok(Some(SignedIn { account, token: token.to_string(), handle: row.handle }))
        }
        _ => {
            sessions::delete_by_token_hash(&mut conn, &hash).await?;
            Ok(None)
        }
    }
}

pub async fn end_by_token(db: &OfficialsDb, token: &str) -> AppResult<()> {
    sessions::delete_by_token_hash(&mut *db.conn().await?, &sha256_hex(token.as_bytes())).await
}

/// Ends one of the official's own sessions, by its public handle.
pub async fn end_own(db: &OfficialsDb, account: &Account, handle: &str) -> AppResult<bool> {
    sessions::delete_own(&mut *db.conn().await?, account.id, handle).await
}

pub async fn list_own(db: &OfficialsDb, account: &Account) -> AppResult<Vec<SessionInfo>> {
    sessions::list_own(db, account.id).await
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
