//! Officials' accounts: e-mail, an argon2id password hash, a role, an office (the
//! state's or one county's), and an optional second factor (TOTP with recovery
//! codes). Officials' data only: the public side never reads this table.

use crate::activity;
use crate::clock::now_rfc3339;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sqlx::FromRow;

/// What an official may do. Every role may draft and submit; reviewers and admins
/// approve (never their own submission); admins also manage accounts and read the
/// activity log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Author,
    Reviewer,
    Admin,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Author => "author",
            Role::Reviewer => "reviewer",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "author" => Some(Role::Author),
            "reviewer" => Some(Role::Reviewer),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    pub fn may_review(self) -> bool {
        matches!(self, Role::Reviewer | Role::Admin)
    }
}

/// A signed-in (or named) official, as the workflow sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub office_slug: String,
    /// Whether the office is the state's: a state account acts for every jurisdiction.
    pub statewide: bool,
    pub disabled: bool,
    pub totp_enabled: bool,
    /// An administrator requires a second factor; until it is on, the official may
    /// only turn it on.
    pub totp_required: bool,
}

impl Account {
    pub fn must_enrol(&self) -> bool {
        self.totp_required && !self.totp_enabled
    }
}

impl Account {
    /// Whether this official may act on a record of `jurisdiction`.
    pub fn covers(&self, jurisdiction: &str) -> bool {
        self.statewide || self.office_slug == jurisdiction
    }
}

#[derive(FromRow)]
struct AccountRow {
    id: i64,
    email: String,
    role: String,
    office_slug: String,
    office_kind: String,
    disabled: i64,
    totp_secret: Option<String>,
    totp_required: i64,
}

impl AccountRow {
    fn into_account(self) -> Account {
        Account {
            id: self.id,
            email: self.email,
            role: Role::parse(&self.role).unwrap_or(Role::Author),
            statewide: self.office_kind == "state",
            office_slug: self.office_slug,
            disabled: self.disabled != 0,
            totp_enabled: self.totp_secret.is_some(),
            totp_required: self.totp_required != 0,
        }
    }
}

const ACCOUNT_COLUMNS: &str = "a.id, a.email, a.role, a.office_slug, j.kind AS office_kind, a.disabled, a.totp_secret, a.totp_required \
    FROM accounts a JOIN jurisdictions j ON j.slug = a.office_slug";

/// The shortest password accepted (OWASP ASVS 2.1.1).
pub const MIN_PASSWORD_CHARS: usize = 12;

fn normalise_email(email: &str) -> AppResult<String> {
    let e = email.trim().to_lowercase();
    let valid = e.len() <= 254
        && e.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.') && !host.starts_with('.'))
        && !e.chars().any(char::is_whitespace);
    if valid {
        Ok(e)
    } else {
        Err(AppError::validation("email", format!("\"{}\" is not an e-mail address", email.trim())))
    }
}

pub fn hash_password(password: &str) -> AppResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(crate::error::anyhow_lite::Cause(e.to_string())))
}

fn password_matches(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// A hash to verify against when the account does not exist, so that a wrong
/// address takes as long as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy password that matches nothing").unwrap_or_default())
}

fn check_password(email: &str, password: &str) -> AppResult<()> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AppError::validation("password", format!("use at least {MIN_PASSWORD_CHARS} characters")));
    }
    if password.chars().count() > 128 {
        return Err(AppError::validation("password", "use at most 128 characters"));
    }
    let local = email.split('@').next().unwrap_or(email);
    if local.len() >= 4 && password.to_lowercase().contains(local) {
        return Err(AppError::validation("password", "must not contain the e-mail address"));
    }
    Ok(())
}

/// Creates an account. `office` is a jurisdiction's slug; `None` means the state's
/// office. `by` names who did it, for the activity log.
pub async fn add(db: &Db, email: &str, password: &str, role: Role, office: Option<&str>, by: &str, source: &str) -> AppResult<i64> {
    let email = normalise_email(email)?;
    check_password(&email, password)?;
    let office: String = match office {
        Some(slug) => sqlx::query_scalar("SELECT slug FROM jurisdictions WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&db.pool)
            .await?
            .ok_or_else(|| AppError::validation("office", format!("there is no jurisdiction \"{slug}\"")))?,
        None => sqlx::query_scalar("SELECT slug FROM jurisdictions WHERE kind = 'state' ORDER BY slug LIMIT 1")
            .fetch_optional(&db.pool)
            .await?
            .ok_or_else(|| AppError::validation("office", "there is no state jurisdiction yet; load the reference data first"))?,
    };
    let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE email = $1")
        .bind(&email)
        .fetch_one(&db.pool)
        .await?;
    if exists > 0 {
        return Err(AppError::validation("email", format!("{email} already has an account")));
    }
    let hash = hash_password(password)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO accounts (email, password_hash, role, office_slug, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(&email)
    .bind(&hash)
    .bind(role.code())
    .bind(&office)
    .bind(now_rfc3339())
    .fetch_one(&db.pool)
    .await?;
    activity::record(db, by, "account.add", &email, &format!("role {}, office {office}", role.code()), source).await?;
    Ok(id)
}

pub async fn find(db: &Db, email: &str) -> AppResult<Option<Account>> {
    let email = email.trim().to_lowercase();
    let row: Option<AccountRow> = sqlx::query_as(&format!("SELECT {ACCOUNT_COLUMNS} WHERE a.email = $1"))
        .bind(&email)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(AccountRow::into_account))
}

pub async fn by_id(db: &Db, id: i64) -> AppResult<Option<Account>> {
    let row: Option<AccountRow> = sqlx::query_as(&format!("SELECT {ACCOUNT_COLUMNS} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(AccountRow::into_account))
}

pub async fn list(db: &Db) -> AppResult<Vec<Account>> {
    let rows: Vec<AccountRow> = sqlx::query_as(&format!("SELECT {ACCOUNT_COLUMNS} ORDER BY a.email"))
        .fetch_all(&db.pool)
        .await?;
    Ok(rows.into_iter().map(AccountRow::into_account).collect())
}

pub async fn disable(db: &Db, email: &str, by: &str, source: &str) -> AppResult<()> {
    set_flag(db, email, "disabled", "account.disable", "disabled", by, source).await
}

/// Requires a second factor of an account.
pub async fn require_totp(db: &Db, email: &str, by: &str, source: &str) -> AppResult<()> {
    set_flag(db, email, "totp_required", "account.require-2fa", "second factor required", by, source).await
}

/// Sets one of an account's flags and logs who did it.
async fn set_flag(db: &Db, email: &str, column: &str, action: &str, detail: &str, by: &str, source: &str) -> AppResult<()> {
    let email = email.trim().to_lowercase();
    let n = sqlx::query(&format!("UPDATE accounts SET {column} = 1 WHERE email = $1"))
        .bind(&email)
        .execute(&db.pool)
        .await?
        .rows_affected();
    if n == 0 {
        return Err(AppError::validation("email", format!("there is no account {email}")));
    }
    activity::record(db, by, action, &email, detail, source).await?;
    Ok(())
}

/// Checks an official's password (and second factor, when the account has one).
/// Every refusal has the same message, so it does not tell which part was wrong.
pub async fn verify(db: &Db, email: &str, password: &str, code: Option<&str>) -> AppResult<Account> {
    let refused = || AppError::validation("credentials", "the e-mail address, password or code is not right");
    let email = email.trim().to_lowercase();
    let row: Option<(String, Option<String>, String)> =
        sqlx::query_as("SELECT password_hash, totp_secret, recovery_codes FROM accounts WHERE email = $1")
            .bind(&email)
            .fetch_optional(&db.pool)
            .await?;
    let Some((hash, totp_secret, recovery)) = row else {
        password_matches(decoy_hash(), password);
        return Err(refused());
    };
    if !password_matches(&hash, password) {
        return Err(refused());
    }
    let account = find(db, &email).await?.ok_or_else(refused)?;
    if account.disabled {
        return Err(AppError::validation("credentials", "this account is disabled; ask an administrator"));
    }
    if let Some(secret) = totp_secret {
        let code = code.map(str::trim).unwrap_or("");
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        if !totp::verify(&secret, code, now) {
            // A recovery code works once.
            let codes: Vec<&str> = recovery.split(',').filter(|c| !c.is_empty()).collect();
            let offered = crate::store::sha256_hex(code.to_lowercase().as_bytes());
            let Some(used) = codes.iter().find(|c| **c == offered) else {
                return Err(refused());
            };
            let left: Vec<&str> = codes.iter().copied().filter(|c| c != used).collect();
            sqlx::query("UPDATE accounts SET recovery_codes = $1 WHERE id = $2")
                .bind(left.join(","))
                .bind(account.id)
                .execute(&db.pool)
                .await?;
        }
    }
    Ok(account)
}

/// Turns on the second factor: stores a new TOTP secret and ten recovery codes
/// (hashed), and returns the secret (base32) and the codes to show once.
pub async fn enable_totp(db: &Db, account: &Account, source: &str) -> AppResult<(String, Vec<String>)> {
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
        hashes.push(crate::store::sha256_hex(code.as_bytes()));
        codes.push(code);
    }
    sqlx::query("UPDATE accounts SET totp_secret = $1, recovery_codes = $2 WHERE id = $3")
        .bind(&secret)
        .bind(hashes.join(","))
        .bind(account.id)
        .execute(&db.pool)
        .await?;
    activity::record(db, &account.email, "account.totp", &account.email, "second factor turned on", source).await?;
    Ok((secret, codes))
}

/// RFC 6238 time-based one-time codes (SHA-1, six digits, 30-second steps).
pub mod totp {
    use hmac::{Hmac, Mac};

    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    pub fn base32(bytes: &[u8]) -> String {
        let mut out = String::new();
        let (mut buffer, mut bits) = (0u32, 0u32);
        for &b in bytes {
            buffer = (buffer << 8) | b as u32;
            bits += 8;
            while bits >= 5 {
                out.push(ALPHABET[((buffer >> (bits - 5)) & 31) as usize] as char);
                bits -= 5;
            }
        }
        if bits > 0 {
            out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
        }
        out
    }

    pub fn decode_base32(s: &str) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let (mut buffer, mut bits) = (0u32, 0u32);
        for c in s.bytes().filter(|c| *c != b'=' && *c != b' ') {
            let v = ALPHABET.iter().position(|a| *a == c.to_ascii_uppercase())? as u32;
            buffer = (buffer << 5) | v;
            bits += 5;
            if bits >= 8 {
                out.push((buffer >> (bits - 8)) as u8);
                bits -= 8;
            }
        }
        Some(out)
    }

    /// The code for a time step.
    pub fn code_at(secret: &[u8], step: u64) -> String {
        let mut mac = Hmac::<sha1::Sha1>::new_from_slice(secret).expect("HMAC takes any key length");
        mac.update(&step.to_be_bytes());
        let digest = mac.finalize().into_bytes();
        let offset = (digest[19] & 0x0f) as usize;
        let n = u32::from_be_bytes([digest[offset] & 0x7f, digest[offset + 1], digest[offset + 2], digest[offset + 3]]);
        format!("{:06}", n % 1_000_000)
    }

    /// The current code for a base32 secret (for tests and set-up screens).
    pub fn current(secret_base32: &str, unix_secs: u64) -> String {
        code_at(&decode_base32(secret_base32).unwrap_or_default(), unix_secs / 30)
    }

    /// Accepts the code of this step or the one before or after (clock drift).
    pub fn verify(secret_base32: &str, code: &str, unix_secs: u64) -> bool {
        let Some(secret) = decode_base32(secret_base32) else { return false };
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        let step = unix_secs / 30;
        [step.saturating_sub(1), step, step + 1].iter().any(|s| code_at(&secret, *s) == code)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn rfc6238_test_vectors() {
            // RFC 6238 appendix B, SHA-1, eight digits truncated to six.
            let secret = b"12345678901234567890";
            assert_eq!(code_at(secret, 59 / 30), "287082");
            assert_eq!(code_at(secret, 1_111_111_109 / 30), "081804");
            assert_eq!(code_at(secret, 2_000_000_000 / 30), "279037");
        }

        #[test]
        fn base32_round_trips() {
            let bytes = b"any twenty bytes....";
            assert_eq!(decode_base32(&base32(bytes)).unwrap(), bytes);
            assert_eq!(base32(b"12345678901234567890"), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        }

        #[test]
        fn verify_allows_one_step_of_drift_only() {
            let secret = base32(b"12345678901234567890");
            let now = 1_700_000_000;
            assert!(verify(&secret, &current(&secret, now), now));
            assert!(verify(&secret, &current(&secret, now - 30), now));
            assert!(!verify(&secret, &current(&secret, now - 90), now));
            assert!(!verify(&secret, "12345", now));
        }
    }
}
