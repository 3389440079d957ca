//! `accounts`: officials' e-mail, password hash, role, office and second factor.
//! Officials' data only: the public role cannot read this table.

use super::{flag, Conn, OfficialsDb};
use crate::domain::account::{Account, Role};
use crate::domain::values::Slug;
use crate::error::{AppError, AppResult, Context};

#[derive(sqlx::FromRow)]
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
    fn into_account(self) -> AppResult<Account> {
        let corrupt = |m: String| AppError::internal(anyhow::anyhow!("corrupt account {}: {m}", self.id));
        Ok(Account {
            id: self.id,
            role: Role::parse(&self.role).map_err(corrupt)?,
            office: Slug::parse(&self.office_slug).map_err(corrupt)?,
            statewide: self.office_kind == "state",
            email: self.email,
            disabled: flag(self.disabled),
            totp_enabled: self.totp_secret.is_some(),
            totp_required: flag(self.totp_required),
        })
    }
}

const COLUMNS: &str = "a.id, a.email, a.role, a.office_slug, j.kind AS office_kind, a.disabled, a.totp_secret, \
    a.totp_required FROM accounts a JOIN jurisdictions j ON j.slug = a.office_slug";

pub async fn insert(
    conn: &mut Conn,
    email: &str,
    password_hash: &str,
    role: Role,
    office: &str,
    now: &str,
) -> AppResult<i64> {
    sqlx::query_scalar(
        "INSERT INTO accounts (email, password_hash, role, office_slug, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(email)
    .bind(password_hash)
    .bind(role.code())
    .bind(office)
    .bind(now)
    .fetch_one(conn)
    .await
    .context("adding an account")
}

pub async fn email_taken(conn: &mut Conn, email: &str) -> AppResult<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE email = $1")
        .bind(email)
        .fetch_one(conn)
        .await
        .context("checking an e-mail address")?;
    Ok(n > 0)
}

pub async fn by_email(db: &OfficialsDb, email: &str) -> AppResult<Option<Account>> {
    let row: Option<AccountRow> = sqlx::query_as(&format!("SELECT {COLUMNS} WHERE a.email = $1"))
        .bind(email)
        .fetch_optional(&db.pool)
        .await
        .context("reading an account")?;
    row.map(AccountRow::into_account).transpose()
}

pub async fn by_id(conn: &mut Conn, id: i64) -> AppResult<Option<Account>> {
    let row: Option<AccountRow> = sqlx::query_as(&format!("SELECT {COLUMNS} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
        .context("reading an account")?;
    row.map(AccountRow::into_account).transpose()
}

pub async fn list(db: &OfficialsDb) -> AppResult<Vec<Account>> {
    let rows: Vec<AccountRow> = sqlx::query_as(&format!("SELECT {COLUMNS} ORDER BY a.email"))
        .fetch_all(&db.pool)
        .await
        .context("listing accounts")?;
    rows.into_iter().map(AccountRow::into_account).collect()
}

/// An account's flags that an administrator sets.
#[derive(Clone, Copy, Debug)]
pub enum Flag {
    Disabled,
    TotpRequired,
}

/// Sets a flag on an account; `false` when there is no such account.
pub async fn set_flag(conn: &mut Conn, email: &str, which: Flag) -> AppResult<bool> {
    let column = match which {
        Flag::Disabled => "disabled",
        Flag::TotpRequired => "totp_required",
    };
    let n = sqlx::query(&format!("UPDATE accounts SET {column} = 1 WHERE email = $1"))
        .bind(email)
        .execute(conn)
        .await
        .context("setting an account flag")?
        .rows_affected();
    Ok(n > 0)
}

/// What sign-in checks: the password hash, the second factor's secret and the
/// hashed recovery codes.
#[derive(sqlx::FromRow)]
pub struct Credentials {
    pub id: i64,
    pub password_hash: String,
    pub totp_secret: Option<String>,
    pub recovery_codes: String,
    /// A second factor being set up, not yet confirmed with a code.
    pub totp_pending: Option<String>,
}

pub async fn credentials(db: &OfficialsDb, email: &str) -> AppResult<Option<Credentials>> {
    sqlx::query_as("SELECT id, password_hash, totp_secret, recovery_codes, totp_pending FROM accounts WHERE email = $1")
        .bind(email)
        .fetch_optional(&db.pool)
        .await
        .context("reading credentials")
}

/// Stores a second factor being set up (replacing any earlier one).
pub async fn set_totp_pending(conn: &mut Conn, id: i64, secret: &str) -> AppResult<()> {
    sqlx::query("UPDATE accounts SET totp_pending = $1 WHERE id = $2")
        .bind(secret)
        .bind(id)
        .execute(conn)
        .await
        .context("setting up a second factor")?;
    Ok(())
}

/// Replaces the recovery codes only if they are still `expected` (so two sign-ins
/// racing with one code cannot both use it); `false` if they changed meanwhile.
pub async fn replace_recovery_codes(conn: &mut Conn, id: i64, expected: &str, codes: &str) -> AppResult<bool> {
    let n = sqlx::query("UPDATE accounts SET recovery_codes = $1 WHERE id = $2 AND recovery_codes = $3")
        .bind(codes)
        .bind(id)
        .bind(expected)
        .execute(conn)
        .await
        .context("using a recovery code")?
        .rows_affected();
    Ok(n == 1)
}

/// Turns on the second factor being set up (`secret`), with the step its first
/// code was accepted at, unless a factor is already on; `false` if it was.
pub async fn enable_totp(conn: &mut Conn, id: i64, secret: &str, recovery_codes: &str, step: i64) -> AppResult<bool> {
    let n = sqlx::query(
        "UPDATE accounts SET totp_secret = $1, recovery_codes = $2, totp_last_step = $3, totp_pending = NULL \
         WHERE id = $4 AND totp_secret IS NULL AND totp_pending = $1",
    )
    .bind(secret)
    .bind(recovery_codes)
    .bind(step)
    .bind(id)
    .execute(conn)
    .await
    .context("turning on the second factor")?
    .rows_affected();
    Ok(n == 1)
}

/// Accepts a second-factor time step only if it is later than the last one
/// accepted (a code works once); `false` if it was already used.
pub async fn accept_totp_step(conn: &mut Conn, id: i64, step: i64) -> AppResult<bool> {
    let n = sqlx::query("UPDATE accounts SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1")
        .bind(step)
        .bind(id)
        .execute(conn)
        .await
        .context("recording a second-factor step")?
        .rows_affected();
    Ok(n == 1)
}

pub async fn set_password_hash(conn: &mut Conn, id: i64, hash: &str) -> AppResult<()> {
    sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(id)
        .execute(conn)
        .await
        .context("changing a password")?;
    Ok(())
}

/// Turns the second factor off (an administrator's reset): the official sets it
/// up again at their next sign-in if it is required.
pub async fn reset_totp(conn: &mut Conn, id: i64) -> AppResult<()> {
    sqlx::query(
        "UPDATE accounts SET totp_secret = NULL, totp_pending = NULL, recovery_codes = '', totp_last_step = 0 \
         WHERE id = $1",
    )
    .bind(id)
    .execute(conn)
    .await
    .context("resetting a second factor")?;
    Ok(())
}

pub async fn set_recovery_codes(conn: &mut Conn, id: i64, codes: &str) -> AppResult<()> {
    sqlx::query("UPDATE accounts SET recovery_codes = $1 WHERE id = $2")
        .bind(codes)
        .bind(id)
        .execute(conn)
        .await
        .context("replacing recovery codes")?;
    Ok(())
}

/// Ends every session of an account but `keep` (a token hash), after a password
/// change or reset.
pub async fn end_sessions(conn: &mut Conn, id: i64, keep: &str) -> AppResult<()> {
    sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2")
        .bind(id)
        .bind(keep)
        .execute(conn)
        .await
        .context("ending sessions")?;
    Ok(())
}
