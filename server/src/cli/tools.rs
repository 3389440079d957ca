//! Tools: checking a policy file and scanning a text (no database), and
//! backing the database up.

use crate::gate::policy::Policy;
use crate::gate::scanner::{Scanner, Severity};

pub fn policy_command(args: &[String]) -> i32 {
    let (Some("check"), Some(path)) = (args.first().map(String::as_str), args.get(1)) else {
        eprintln!("Usage: portal policy check FILE");
        return 2;
    };
    match Policy::load(path) {
        Ok(policy) => {
            println!(
                "{path}: valid ({}: {} bases, {} withholdable fields, {} always open)",
                policy.name,
                policy.bases.len(),
                policy.withholdable.len(),
                policy.always_open.len()
            );
            0
        }
        Err(message) => {
            eprintln!("{message}");
            1
        }
    }
}

pub fn scan_command(args: &[String]) -> i32 {
    let Some(path) = args.first() else {
        eprintln!("Usage: portal scan FILE");
        return 2;
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("portal scan: could not read {path}: {e}");
            return 2;
        }
    };
    let policy = match Policy::from_env() {
        Ok(p) => p,
        Err(message) => {
            eprintln!("portal scan: {message}");
            return 2;
        }
    };
    let scanner = Scanner::new(&policy);
    let mut blocking = 0;
    let mut total = 0;
    for (n, line) in text.lines().enumerate() {
        for f in scanner.scan(path, line) {
            total += 1;
            if f.severity == Severity::Block {
                blocking += 1;
            }
            println!(
                "{path}:{}:{}: {} [{}] \"{}\" — {}",
                n + 1,
                f.start + 1,
                f.severity.as_str(),
                f.rule,
                f.excerpt,
                f.hint
            );
        }
    }
    if total == 0 {
        println!("{path}: no defensive details found.");
    } else {
        println!("{path}: {total} findings, {blocking} blocking publication.");
    }
    i32::from(blocking > 0)
}

/// `portal backup FILE`: an online, consistent copy of a SQLite database; on
/// PostgreSQL, the commands that back it up (exit 1: nothing was written).
pub async fn backup_command(args: &[String]) -> i32 {
    use crate::db::service::{backup, Backup};
    let [file] = args else {
        eprintln!("Usage: portal backup FILE");
        return 2;
    };
    let config = match crate::http::config::Config::from_env() {
        Ok(c) => c,
        Err(message) => {
            eprintln!("portal backup: {message}");
            return 2;
        }
    };
    let key = config
        .security
        .log_key_file
        .clone()
        .unwrap_or_else(|| crate::transparency::keys::default_key_file(&config.database_url));
    match backup(&config.database_url, std::path::Path::new(file)).await {
        Ok(Backup::Written) => {
            println!("Backed up the database to {file}.");
            println!(
                "Back up the transparency log's signing key too: {} (it is not in the database; \
                 without it, a restored portal starts a new log).",
                key.display()
            );
            0
        }
        Ok(Backup::UsePgDump) => {
            eprintln!(
                "portal backup: the database is PostgreSQL, which backs itself up; nothing was written.\n\
                 Back it up with pg_dump (while the portal runs; one consistent snapshot):\n  \
                 pg_dump --format=custom --file={file} \"$DATABASE_URL\"\n\
                 Restore it (portal stopped) into the same, or an empty, database:\n  \
                 pg_restore --clean --if-exists --no-owner --dbname=\"$DATABASE_URL\" {file}\n\
                 then run `portal grant-public-role ROLE` again if PUBLIC_DATABASE_URL is set.\n\
                 Back up the transparency log's signing key too: {}",
                key.display()
            );
            1
        }
        Err(e) => {
            eprintln!("portal backup: {e}");
            1
        }
    }
}
