//! Officials' accounts: e-mail, an argon2id password hash, a role, an office (the
//! state's or one county's), and an optional second factor (TOTP with recovery
//! codes). Password hashing runs on the blocking pool behind a small semaphore,
//! never on the async workers, and only after the sign-in throttle let it through.

use super::second_factor::{self as totp};
use super::throttle;
use crate::db::activity::{self, NewEntry};
use crate::db::{accounts, reference, submissions, Conn, OfficialsDb};
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

/// Hashes at once: argon2 takes ~50 ms of one core and 19 MiB each, so more than
/// this many would only queue on the blocking pool and starve the public pages.
static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// Runs an argon2 job on the blocking pool when a hashing slot is free.
async fn hashing<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> AppResult<T> {
    let _slot = HASHING.acquire().await.map_err(AppError::internal)?;
    tokio::task::spawn_blocking(job).await.map_err(AppError::internal)
}

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

pub fn check_password(email: &str, password: &str) -> AppResult<()> {
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
    hashing(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::internal(anyhow::anyhow!("hashing a password: {e}")))
    })
    .await?
}

/// Whether `password` matches `hash`, on the blocking pool.
async fn password_matches(hash: String, password: &str) -> AppResult<bool> {
    let password = password.to_string();
    hashing(move || {
        PasswordHash::new(&hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
    })
    .await
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
    let entry = NewEntry {
        actor: by,
        action: Action::AccountAdd,
        subject: &email,
        detail: &detail,
        source,
        office: Some(&office),
    };
    activity::append(&mut tx, &now, &entry).await?;
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

/// Disables an account: its sessions end, and publications it scheduled go back
/// to the review queue (another reviewer approves them again).
pub async fn disable(db: &OfficialsDb, email: &str, by: &str, source: &str) -> AppResult<()> {
    set_flag(db, email, accounts::Flag::Disabled, Action::AccountDisable, "disabled", by, source).await
}

/// Requires a second factor of an account.
pub async fn require_totp(db: &OfficialsDb, email: &str, by: &str, source: &str) -> AppResult<()> {
    set_flag(db, email, accounts::Flag::TotpRequired, Action::AccountRequireTotp, "second factor required", by, source)
        .await
}

/// The account an administrator manages: it exists and, for a county
/// administrator, belongs to their office (else it is "not found").
async fn managed(db: &OfficialsDb, email: &str, by: Option<&Account>) -> AppResult<Account> {
    let account = find(db, email).await?;
    match (account, by) {
        (Some(a), None) => Ok(a),
        (Some(a), Some(admin)) if admin.statewide || admin.office == a.office => Ok(a),
        _ => Err(AppError::validation("email", format!("there is no account {}", email.trim().to_lowercase()))),
    }
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
    let account = managed(db, &email, None).await?;
    let mut tx = db.begin().await?;
    if !accounts::set_flag(&mut tx, &email, which).await? {
        return Err(AppError::validation("email", format!("there is no account {email}")));
    }
    let mut detail = detail.to_string();
    if matches!(which, accounts::Flag::Disabled) {
        accounts::end_sessions(&mut tx, account.id, "").await?;
        let n = submissions::unschedule_by_reviewer(&mut tx, account.id).await?;
        if n > 0 {
            detail = format!("{detail}; {n} scheduled publications back in the review queue");
        }
    }
    log(&mut tx, by, action, &email, &detail, source, &account).await?;
    tx.commit().await?;
    Ok(())
}

async fn log(
    conn: &mut Conn,
    by: &str,
    action: Action,
    subject: &str,
    detail: &str,
    source: &str,
    about: &Account,
) -> AppResult<()> {
    let now = Timestamp::now().to_string();
    let entry = NewEntry { actor: by, action, subject, detail, source, office: Some(about.office.as_str()) };
    activity::append(conn, &now, &entry).await
}

/// The one message for every refused sign-in (a wrong address, password or code,
/// or a disabled account), so it does not tell which part was wrong.
pub fn refused() -> AppError {
    AppError::Unauthorised("the e-mail address, password or code is not right".into())
}

/// Checks an official's password (and second factor, when the account has one).
/// Callers that sign someone in go through [`sign_in`], which throttles first.
async fn verify(db: &OfficialsDb, email: &str, password: &str, code: Option<&str>) -> AppResult<Account> {
    let email = email.trim().to_lowercase();
    if email.chars().count() > MAX_EMAIL_CHARS || password.chars().count() > MAX_PASSWORD_CHARS {
        return Err(refused());
    }
    let Some(creds) = accounts::credentials(db, &email).await? else {
        password_matches(decoy_hash().await, password).await?;
        return Err(refused());
    };
    if !password_matches(creds.password_hash.clone(), password).await? {
        return Err(refused());
    }
    let account = accounts::by_id(&mut *db.conn().await?, creds.id).await?.ok_or_else(refused)?;
    if account.disabled {
        return Err(refused());
    }
    if let Some(secret) = creds.totp_secret {
        let code = code.map(str::trim).unwrap_or("");
        let now = Timestamp::now().unix_seconds().max(0) as u64;
        let mut conn = db.conn().await?;
        match totp::accepted_step(&secret, code, now) {
            // A code works once: its step must be later than the last accepted.
            Some(step) => {
                if !accounts::accept_totp_step(&mut conn, account.id, step as i64).await? {
                    return Err(refused());
                }
            }
            None => {
                // A recovery code works once: it is removed only if the stored list
                // is unchanged, so two sign-ins racing with one code cannot both succeed.
                let codes: Vec<&str> = creds.recovery_codes.split(',').filter(|c| !c.is_empty()).collect();
                let offered = crate::domain::digest::sha256_hex(code.to_lowercase().as_bytes());
                let Some(used) = codes.iter().find(|c| **c == offered) else {
                    return Err(refused());
                };
                let left: Vec<&str> = codes.iter().copied().filter(|c| c != used).collect();
                if !accounts::replace_recovery_codes(&mut conn, account.id, &creds.recovery_codes, &left.join(","))
                    .await?
                {
                    return Err(refused());
                }
            }
        }
    }
    Ok(account)
}

/// Signs an official in from `address`: the try is reserved against the
/// throttle before the password is checked, and a failure is logged (a
/// throttled try is counted, not logged). `source` says how (web, cli).
pub async fn sign_in(
    db: &OfficialsDb,
    email: &str,
    password: &str,
    code: Option<&str>,
    address: &str,
    source: &str,
) -> AppResult<Account> {
    let email = email.trim().to_lowercase();
    if email.chars().count() > MAX_EMAIL_CHARS {
        return Err(AppError::validation(
            "email",
            format!("an e-mail address has at most {MAX_EMAIL_CHARS} characters"),
        ));
    }
    let reservation = throttle::reserve(db, &email, address).await?;
    match verify(db, &email, password, code).await {
        Ok(account) => {
            throttle::succeeded(db, &reservation).await?;
            Ok(account)
        }
        Err(e @ AppError::Internal(_)) => Err(e),
        Err(e) => {
            let paused = throttle::failed(db, &reservation).await?;
            let office = find(db, &email).await?.map(|a| a.office.to_string());
            let mut conn = db.conn().await?;
            let now = Timestamp::now().to_string();
            let at = format!("{source} from {address}");
            let entry = NewEntry {
                actor: &email,
                action: Action::SignInFailed,
                subject: &email,
                detail: &at,
                source: address,
                office: office.as_deref(),
            };
            activity::append(&mut conn, &now, &entry).await?;
            if let Some(why) = paused {
                let entry = NewEntry { action: Action::SignInThrottled, detail: &why, ..entry };
                activity::append(&mut conn, &now, &entry).await?;
            }
            Err(e)
        }
    }
}

/// A new random TOTP secret, base32.
fn new_secret() -> String {
    let mut secret = [0u8; 20];
    OsRng.fill_bytes(&mut secret);
    totp::base32(&secret)
}

/// Ten new recovery codes to show once, and their hashes to store. They carry 80
/// random bits each, so a plain SHA-256 protects them at rest.
fn new_recovery_codes() -> (Vec<String>, String) {
    let mut codes = Vec::new();
    let mut hashes = Vec::new();
    for _ in 0..10 {
        let mut raw = [0u8; 10];
        OsRng.fill_bytes(&mut raw);
        let code = totp::base32(&raw).to_lowercase();
        hashes.push(crate::domain::digest::sha256_hex(code.as_bytes()));
        codes.push(code);
    }
    (codes, hashes.join(","))
}

/// The signed-in official's password, checked again before a change to how they
/// sign in (someone holding their session must not lock them out).
async fn confirm_password(db: &OfficialsDb, account: &Account, password: &str) -> AppResult<accounts::Credentials> {
    let creds = accounts::credentials(db, &account.email).await?.ok_or_else(refused)?;
    if password.chars().count() > MAX_PASSWORD_CHARS || !password_matches(creds.password_hash.clone(), password).await?
    {
        return Err(AppError::validation("password", "your current password is not right"));
    }
    Ok(creds)
}

/// First step of turning on the second factor: with the official's password, a
/// new secret is stored as pending and returned (base32) for their app.
pub async fn begin_totp(db: &OfficialsDb, account: &Account, password: &str) -> AppResult<String> {
    if account.totp_enabled {
        return Err(AppError::forbidden("Two-step sign-in is already on for this account."));
    }
    confirm_password(db, account, password).await?;
    let secret = new_secret();
    accounts::set_totp_pending(&mut *db.conn().await?, account.id, &secret).await?;
    Ok(secret)
}

/// Second step: a code from the app proves it holds the pending secret; the
/// factor is turned on and ten recovery codes are returned, to show once.
pub async fn confirm_totp(db: &OfficialsDb, account: &Account, code: &str, source: &str) -> AppResult<Vec<String>> {
    let creds = accounts::credentials(db, &account.email).await?.ok_or_else(refused)?;
    let Some(pending) = creds.totp_pending.filter(|_| creds.totp_secret.is_none()) else {
        return Err(AppError::validation("code", "start again: turn on two-step sign-in from your account page"));
    };
    let now = Timestamp::now().unix_seconds().max(0) as u64;
    let Some(step) = totp::accepted_step(&pending, code.trim(), now) else {
        return Err(AppError::validation(
            "code",
            "that code is not right; type the six digits your app shows now (check the phone's clock is right)",
        ));
    };
    let (codes, hashes) = new_recovery_codes();
    let mut tx = db.begin().await?;
    if !accounts::enable_totp(&mut tx, account.id, &pending, &hashes, step as i64).await? {
        return Err(AppError::validation("code", "start again: turn on two-step sign-in from your account page"));
    }
    log(&mut tx, &account.email, Action::AccountTotp, &account.email, "second factor turned on", source, account)
        .await?;
    tx.commit().await?;
    Ok(codes)
}

/// Replaces the official's recovery codes (the old ones stop working), with
/// their password; returns the new codes to show once.
pub async fn regenerate_recovery_codes(
    db: &OfficialsDb,
    account: &Account,
    password: &str,
    source: &str,
) -> AppResult<Vec<String>> {
    if !account.totp_enabled {
        return Err(AppError::forbidden("Turn on two-step sign-in first; recovery codes come with it."));
    }
    confirm_password(db, account, password).await?;
    let (codes, hashes) = new_recovery_codes();
    let mut tx = db.begin().await?;
    accounts::set_recovery_codes(&mut tx, account.id, &hashes).await?;
    log(&mut tx, &account.email, Action::AccountRecoveryCodes, &account.email, "new recovery codes", source, account)
        .await?;
    tx.commit().await?;
    Ok(codes)
}

/// Changes the official's own password (their current one first); their other
/// sessions end. `keep` is this session's token hash.
pub async fn change_password(
    db: &OfficialsDb,
    account: &Account,
    current: &str,
    new: &str,
    repeated: &str,
    keep: &str,
    source: &str,
) -> AppResult<()> {
    confirm_password(db, account, current).await?;
    if new != repeated {
        return Err(AppError::validation("repeat", "the two new passwords differ; type the same one twice"));
    }
    check_password(&account.email, new)?;
    let hash = hash_password(new).await?;
    let mut tx = db.begin().await?;
    accounts::set_password_hash(&mut tx, account.id, &hash).await?;
    accounts::end_sessions(&mut tx, account.id, keep).await?;
    log(&mut tx, &account.email, Action::AccountPassword, &account.email, "password changed", source, account).await?;
    tx.commit().await?;
    Ok(())
}

/// An administrator (`by`; `None` on the command line) sets a new password for
/// an account whose owner lost theirs; its sessions end.
pub async fn reset_password(
    db: &OfficialsDb,
    email: &str,
    password: &str,
    by: Option<&Account>,
    source: &str,
) -> AppResult<()> {
    let account = managed(db, email, by).await?;
    check_password(&account.email, password)?;
    let hash = hash_password(password).await?;
    let mut tx = db.begin().await?;
    accounts::set_password_hash(&mut tx, account.id, &hash).await?;
    accounts::end_sessions(&mut tx, account.id, "").await?;
    let actor = by.map(|a| a.email.as_str()).unwrap_or("cli");
    log(&mut tx, actor, Action::AccountPasswordReset, &account.email, "password reset", source, &account).await?;
    tx.commit().await?;
    Ok(())
}

/// An administrator turns off an account's second factor (a lost phone and lost
/// recovery codes); its sessions end, and if the factor is required the owner
/// sets up a new one at their next sign-in.
pub async fn reset_totp(db: &OfficialsDb, email: &str, by: Option<&Account>, source: &str) -> AppResult<()> {
    let account = managed(db, email, by).await?;
    let mut tx = db.begin().await?;
    accounts::reset_totp(&mut tx, account.id).await?;
    accounts::end_sessions(&mut tx, account.id, "").await?;
    let actor = by.map(|a| a.email.as_str()).unwrap_or("cli");
    log(&mut tx, actor, Action::AccountTotpReset, &account.email, "second factor reset", source, &account).await?;
    tx.commit().await?;
    Ok(())
}

/// Disables an account from the web: a county administrator only in their office.
pub async fn disable_by(db: &OfficialsDb, email: &str, admin: &Account, source: &str) -> AppResult<()> {
    let account = managed(db, email, Some(admin)).await?;
    if account.id == admin.id {
        return Err(AppError::validation("email", "you cannot disable your own account"));
    }
    disable(db, &account.email, &admin.email, source).await
}
