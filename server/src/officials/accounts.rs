//! Officials' accounts: e-mail, an argon2id password hash, a role, an office (the
//! state's or one county's), and an optional second factor (TOTP with recovery
//! codes). Password hashing runs on the blocking pool, never on the async workers.

use super::second_factor::{self as totp};
use crate::db::{accounts, activity, reference, OfficialsDb};
use crate::domain::account::{Account, Role};
use crate::domain::activity::Action;
use crate::domain::values::Timestamp;
use crate::error::{AppError, AppResult};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// The shortest password accepted (OWASP ASVS 2.1.1), and the longest.
pub const MIN_PASSWORD_CHARS: usize = 12;
pub const MAX_PASSWORD_CHARS: usize = 128;
/// The longest e-mail address (RFC 5321's path limit).
pub const MAX_EMAIL_CHARS: usize = 254;

pub fn normalise_email(email: &str) -> AppResult<String> {
    let e = email.trim().to_lowercase();
    let valid = e.len() <= MAX_EMAIL_CHARS
        && e.split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.') && !host.starts_with('.'))
        && !e.chars().any(|c| c.is_whitespace() || c.is_control());
    if valid {
        Ok(e)
    } else {
        let shown: String = email.trim().chars().take(60).collect();
        Err(AppError::validation("email", format!("\"{shown}\" is not an e-mail address")))
    }
}

fn check_password(email: &str, password: &str) -> AppResult<()> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(AppError::validation("password", format!("use at least {MIN_PASSWORD_CHARS} characters")));
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(AppError::validation("password", format!("use at most {MAX_PASSWORD_CHARS} characters")));
    }
    let local = email.split('@').next().unwrap_or(email);
    if local.len() >= 4 && password.to_lowercase().contains(local) {
        return Err(AppError::validation("password", "must not contain the e-mail address"));
    }
    Ok(())
}

/// Hashes a password with argon2id on the blocking pool.
pub async fn hash_password(password: &str) -> AppResult<String> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::internal(anyhow::anyhow!("hashing a password: {e}")))
    })
    .await
    .map_err(AppError::internal)?
}

/// Whether `password` matches `hash`, on the blocking pool.
async fn password_matches(hash: String, password: &str) -> bool {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
    })
    .await
    .unwrap_or(false)
}

/// A hash to verify against when the account does not exist, so that a wrong
/// address takes as long as a wrong password.
async fn decoy_hash() -> String {
    static DECOY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DECOY
        .get_or_init(|| async { hash_password("decoy password that matches nothing").await.unwrap_or_default() })
        .await
        .clone()
}

/// Creates an account. `office` is a jurisdiction's slug; `None` means the state's
/// office. `by` names who did it, for the activity log.
pub async fn add(
    db: &OfficialsDb,
    email: &str,
    password: &str,
    role: Role,
    office: Option<&str>,
    by: &str,
    source: &str,
) -> AppResult<i64> {
    let email = normalise_email(email)?;
    check_password(&email, password)?;
    let hash = hash_password(password).await?;
    let mut tx = db.begin().await?;
    let office = match office {
        Some(slug) => {
            if reference::jurisdiction_kind(&mut tx, slug).await?.is_none() {
                return Err(AppError::validation("office", format!("there is no jurisdiction \"{slug}\"")));
            }
            slug.to_string()
        }
        None => reference::state_slug(&mut tx).await?.ok_or_else(|| {
            AppError::validation("office", "there is no state jurisdiction yet; load the reference data first")
        })?,
    };
    if accounts::email_taken(&mut tx, &email).await? {
        return Err(AppError::validation("email", format!("{email} already has an account")));
    }
    let now = Timestamp::now().to_string();
    let id = accounts::insert(&mut tx, &email, &hash, role, &office, &now).await?;
    let detail = format!("role {}, office {office}", role.code());
    activity::append(&mut tx, &now, by, Action::AccountAdd, &email, &detail, source).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn find(db: &OfficialsDb, email: &str) -> AppResult<Option<Account>> {
    accounts::by_email(db, &email.trim().to_lowercase()).await
}

pub async fn by_id(db: &OfficialsDb, id: i64) -> AppResult<Option<Account>> {
    accounts::by_id(&mut *db.conn().await?, id).await
}

pub async fn list(db: &OfficialsDb) -> AppResult<Vec<Account>> {
    accounts::list(db).await
}

pub async fn disable(db: &OfficialsDb, email: &str, by: &str, source: &str) -> AppResult<()> {
    set_flag(db, email, accounts::Flag::Disabled, Action::AccountDisable, "disabled", by, source).await
}

/// Requires a second factor of an account.
pub async fn require_totp(db: &OfficialsDb, email: &str, by: &str, source: &str) -> AppResult<()> {
    set_flag(db, email, accounts::Flag::TotpRequired, Action::AccountRequireTotp, "second factor required", by, source)
        .await
}

async fn set_flag(
    db: &OfficialsDb,
    email: &str,
    which: accounts::Flag,
    action: Action,
    detail: &str,
    by: &str,
    source: &str,
) -> AppResult<()> {
    let email = email.trim().to_lowercase();
    let mut tx = db.begin().await?;
    if !accounts::set_flag(&mut tx, &email, which).await? {
        return Err(AppError::validation("email", format!("there is no account {email}")));
    }
    activity::append(&mut tx, &Timestamp::now().to_string(), by, action, &email, detail, source).await?;
    tx.commit().await?;
    Ok(())
}

/// The one message for every refused sign-in, so it does not tell which part was wrong.
pub fn refused() -> AppError {
    AppError::Unauthorised("the e-mail address, password or code is not right".into())
}

/// Checks an official's password (and second factor, when the account has one).
pub async fn verify(db: &OfficialsDb, email: &str, password: &str, code: Option<&str>) -> AppResult<Account> {
    let email = email.trim().to_lowercase();
    if email.chars().count() > MAX_EMAIL_CHARS || password.chars().count() > MAX_PASSWORD_CHARS {
        return Err(refused());
    }
    let Some(creds) = accounts::credentials(db, &email).await? else {
        password_matches(decoy_hash().await, password).await;
        return Err(refused());
    };
    if !password_matches(creds.password_hash.clone(), password).await {
        return Err(refused());
    }
    let account = accounts::by_id(&mut *db.conn().await?, creds.id).await?.ok_or_else(refused)?;
    if account.disabled {
        return Err(AppError::Unauthorised("this account is disabled; ask an administrator".into()));
    }
    if let Some(secret) = creds.totp_secret {
        let code = code.map(str::trim).unwrap_or("");
        let now = Timestamp::now().unix_seconds().max(0) as u64;
        if !totp::verify(&secret, code, now) {
            // A recovery code works once: it is removed only if the stored list is
            // unchanged, so two sign-ins racing with one code cannot both succeed.
            let codes: Vec<&str> = creds.recovery_codes.split(',').filter(|c| !c.is_empty()).collect();
            let offered = crate::domain::digest::sha256_hex(code.to_lowercase().as_bytes());
            let Some(used) = codes.iter().find(|c| **c == offered) else {
                return Err(refused());
            };
            let left: Vec<&str> = codes.iter().copied().filter(|c| c != used).collect();
            let mut conn = db.conn().await?;
            if !accounts::replace_recovery_codes(&mut conn, account.id, &creds.recovery_codes, &left.join(",")).await? {
                return Err(refused());
            }
        }
    }
    Ok(account)
}

/// Turns on the second factor: stores a new TOTP secret and ten recovery codes
/// (hashed), and returns the secret (base32) and the codes to show once.
pub async fn enable_totp(db: &OfficialsDb, account: &Account, source: &str) -> AppResult<(String, Vec<String>)> {
    if account.totp_enabled {
        return Err(AppError::forbidden("Two-step sign-in is already on for this account."));
    }
    let mut secret = [0u8; 20];
    OsRng.fill_bytes(&mut secret);
    let secret = totp::base32(&secret);
    let mut codes = Vec::new();
    let mut hashes = Vec::new();
    // Recovery codes carry 80 random bits, so a plain SHA-256 protects them at rest.
    for _ in 0..10 {
        let mut raw = [0u8; 10];
        OsRng.fill_bytes(&mut raw);
        let code = totp::base32(&raw).to_lowercase();
        hashes.push(crate::domain::digest::sha256_hex(code.as_bytes()));
        codes.push(code);
    }
    let mut tx = db.begin().await?;
    if !accounts::enable_totp(&mut tx, account.id, &secret, &hashes.join(",")).await? {
        return Err(AppError::forbidden("Two-step sign-in is already on for this account."));
    }
    let now = Timestamp::now().to_string();
    activity::append(
        &mut tx,
        &now,
        &account.email,
        Action::AccountTotp,
        &account.email,
        "second factor turned on",
        source,
    )
    .await?;
    tx.commit().await?;
    Ok((secret, codes))
}
