//! The `portal` command line.

use crate::config::{Config, ENV_HELP};
use crate::db::Db;
use crate::demo;
use crate::policy::Policy;
use crate::scanner::{Scanner, Severity};
use crate::startup::Application;

pub const HELP: &str = "\
portal — the election transparency portal

Usage: portal <command>

Commands:
  serve     migrate the database and serve the portal at PORTAL_ADDR
  migrate   create or upgrade the database schema, then exit
  demo      load the demonstration data (Missouri 2018 HAVA grant and sample
            records) through the publication gate; running it again changes nothing
  grant-public-role ROLE
            PostgreSQL: let ROLE read the public tables and nothing else; point
            PUBLIC_DATABASE_URL at a connection as ROLE
  policy check FILE
            check a withholding policy file; prints every mistake with its line
            number and exits 1 if there is any
  scan FILE check a text before publishing it: prints each defensive detail the
            gate's scanner finds (line:column, rule, severity, hint); exits 1 when
            any finding blocks publication, 0 otherwise
  user add EMAIL --role author|reviewer|admin [--office SLUG]
            create an official's account; the password (at least 12
            characters) is read from standard input; without --office the
            account belongs to the state's office and may act everywhere
  user list list accounts: e-mail, role, office, whether disabled
  user disable EMAIL
            disable an account (it can no longer sign in or act)
  user require-2fa EMAIL
            require two-step sign-in: until the official turns it on (at
            /admin/account), they may do nothing else
  import audits FILE.csv --as EMAIL
  import spending FILE.csv --as EMAIL
            create drafts from a spreadsheet (templates/ has one of each) and
            submit each for review; prints the id of each submission. A file
            with any mistake stores nothing: every bad row is printed with its
            line, column and reason, and the exit code is 1
  review list
            print one submission awaiting review per line, beginning with its id
  review approve ID... --as EMAIL [--at TIME]
            approve and publish (or schedule for TIME, RFC 3339 UTC); refused,
            with exit code 1, for your own submission (two-person rule), for an
            author, outside your office, or while a blocking finding stands
  review return ID --as EMAIL --comment TEXT
            return a submission to its author with a comment
  help      print this help (also -h, --help)

Acting as an official (--as EMAIL) needs that official's password: from
PORTAL_PASSWORD, or else the first line of standard input; with a second factor,
the current code from PORTAL_TOTP, or else the next line of standard input.
";

/// Runs the command line; returns the process exit code.
pub async fn run(args: Vec<String>) -> i32 {
    let command = args.get(1).map(String::as_str).unwrap_or("help");
    match command {
        "help" | "-h" | "--help" => {
            println!("{HELP}\n{ENV_HELP}");
            0
        }
        "policy" => policy_command(&args[2..]),
        "grant-public-role" => match args.get(2) {
            Some(role) => match grant_public_role(role).await {
                Ok(()) => {
                    println!("{role} may now read the public tables, and nothing else.");
                    0
                }
                Err(message) => {
                    eprintln!("portal grant-public-role: {message}");
                    1
                }
            },
            None => {
                eprintln!("Usage: portal grant-public-role ROLE");
                2
            }
        },
        "scan" => scan_command(&args[2..]),
        "user" | "import" | "review" => match officials_command(command, &args[2..]).await {
            Ok(()) => 0,
            Err(message) => {
                eprintln!("portal {command}: {message}");
                1
            }
        },
        "serve" | "migrate" | "demo" => match execute(command).await {
            Ok(()) => 0,
            Err(message) => {
                eprintln!("portal {command}: {message}");
                1
            }
        },
        other => {
            eprintln!("portal: unknown command \"{other}\". Run `portal --help` for the list.");
            2
        }
    }
}

async fn grant_public_role(role: &str) -> Result<(), String> {
    let config = Config::from_env()?;
    let db = Db::connect(&config.database_url).await.map_err(|e| e.to_string())?;
    db.grant_public_read(role).await.map_err(|e| e.to_string())
}

fn policy_command(args: &[String]) -> i32 {
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

fn scan_command(args: &[String]) -> i32 {
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

async fn execute(command: &str) -> Result<(), String> {
    let config = Config::from_env()?;
    // The server refuses to start on an invalid policy, saying why.
    Policy::from_env()?;
    match command {
        "migrate" => {
            Db::connect(&config.database_url).await.map_err(|e| e.to_string())?;
            println!("The database is up to date.");
        }
        "demo" => {
            let db = Db::connect(&config.database_url).await.map_err(|e| e.to_string())?;
            let report = demo::load(&db).await.map_err(|e| e.to_string())?;
            println!("{report}");
        }
        _ => {
            let app = Application::build(&config).await.map_err(|e| e.to_string())?;
            println!("The portal is at http://{}", app.addr());
            app.run().await.map_err(|e| format!("the server stopped: {e}"))?;
        }
    }
    Ok(())
}

/// The value after `--name`, if given.
fn option<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
}

/// Arguments that are not options or option values.
fn positional(args: &[String]) -> Vec<&str> {
    let mut out = Vec::new();
    let mut skip = false;
    for a in args {
        if skip {
            skip = false;
        } else if a.starts_with("--") {
            skip = true;
        } else {
            out.push(a.as_str());
        }
    }
    out
}

/// Reads lines of standard input on demand (password first, then a code).
struct Stdin {
    lines: std::io::Lines<std::io::StdinLock<'static>>,
}

impl Stdin {
    fn new() -> Self {
        use std::io::BufRead;
        Stdin { lines: std::io::stdin().lock().lines() }
    }

    fn line(&mut self) -> Option<String> {
        self.lines.next().and_then(Result::ok).map(|l| l.trim_end_matches(['\r', '\n']).to_string())
    }
}

/// Signs the command line in as `--as EMAIL`, with the official's password (and
/// second factor), logging the attempt like a web sign-in.
async fn act_as(db: &Db, args: &[String], stdin: &mut Stdin) -> Result<crate::accounts::Account, String> {
    let email = option(args, "--as").ok_or("name the acting official with --as EMAIL")?;
    let password = std::env::var("PORTAL_PASSWORD").ok().or_else(|| stdin.line()).unwrap_or_default();
    let needs_code = crate::accounts::find(db, email).await.map_err(|e| e.to_string())?.is_some_and(|a| a.totp_enabled);
    let code = if needs_code { std::env::var("PORTAL_TOTP").ok().or_else(|| stdin.line()) } else { None };
    match crate::accounts::verify(db, email, &password, code.as_deref()).await {
        Ok(account) if account.must_enrol() => Err(format!(
            "{} must turn on two-step sign-in first (sign in at /admin and open Account)",
            account.email
        )),
        Ok(account) => {
            crate::activity::record(db, &account.email, "sign-in", &account.email, "command line", "cli")
                .await
                .map_err(|e| e.to_string())?;
            Ok(account)
        }
        Err(e) => {
            let _ = crate::activity::record(db, email, "sign-in.failed", email, "command line", "cli").await;
            Err(match e {
                crate::error::AppError::Validation { message, .. } => message,
                other => other.to_string(),
            })
        }
    }
}

fn plain(e: crate::error::AppError) -> String {
    match e {
        crate::error::AppError::Validation { field, message } => format!("{field}: {message}"),
        crate::error::AppError::NotFound => "there is no such submission or record".to_string(),
        other => other.to_string(),
    }
}

async fn officials_command(command: &str, args: &[String]) -> Result<(), String> {
    use crate::accounts::{self, Role};
    use crate::workflow;
    let config = Config::from_env()?;
    let policy = Policy::from_env()?;
    let db = Db::connect(&config.database_url).await.map_err(|e| e.to_string())?;
    let mut stdin = Stdin::new();
    let words = positional(args);
    match (command, words.as_slice()) {
        ("user", ["add", email]) => {
            let role = option(args, "--role").and_then(Role::parse).ok_or("give --role author, reviewer or admin")?;
            let password = stdin.line().ok_or("type the password on standard input")?;
            let id = accounts::add(&db, email, &password, role, option(args, "--office"), "cli", "cli").await.map_err(plain)?;
            let account = accounts::by_id(&db, id).await.map_err(plain)?.ok_or("the account was not stored")?;
            println!("Created {} ({}, office {}).", account.email, account.role.code(), account.office_slug);
        }
        ("user", ["list"]) => {
            for a in accounts::list(&db).await.map_err(plain)? {
                let state = if a.disabled { "disabled" } else { "active" };
                let factor = if a.totp_enabled { "2fa" } else { "password" };
                println!("{}\t{}\t{}\t{state}\t{factor}", a.email, a.role.code(), a.office_slug);
            }
        }
        ("user", ["require-2fa", email]) => {
            accounts::require_totp(&db, email, "cli", "cli").await.map_err(plain)?;
            println!("{email} must now turn on two-step sign-in before anything else.");
        }
        ("user", ["disable", email]) => {
            accounts::disable(&db, email, "cli", "cli").await.map_err(plain)?;
            println!("Disabled {email}.");
        }
        ("import", [kind @ ("audits" | "spending"), file]) => {
            let bytes = std::fs::read(file).map_err(|e| format!("could not read {file}: {e}"))?;
            let actor = act_as(&db, args, &mut stdin).await?;
            let result = match *kind {
                "audits" => crate::import::audits(&db, &policy, &actor, &bytes, "cli").await,
                _ => crate::import::spending(&db, &policy, &actor, &bytes, "cli").await,
            };
            match result {
                Ok(created) => {
                    for c in &created {
                        println!(
                            "{}\t{} {}\tsubmitted for review ({} findings, {} blocking)",
                            c.id,
                            c.kind.code(),
                            c.slug,
                            c.findings,
                            c.blocking
                        );
                    }
                    eprintln!("{file}: {} submissions created.", created.len());
                }
                Err(crate::import::ImportFailure::Rows(errors)) => {
                    for e in &errors {
                        eprintln!("{file}: {e}");
                    }
                    return Err(format!("{} mistakes; nothing from {file} was stored", errors.len()));
                }
                Err(crate::import::ImportFailure::Other(e)) => return Err(plain(e)),
            }
        }
        ("review", ["list"]) => {
            let published = workflow::publish_due(&db, &policy).await.map_err(plain)?;
            if published > 0 {
                eprintln!("{published} scheduled publications were due and are now published.");
            }
            for s in workflow::queue(&db, None).await.map_err(plain)? {
                let findings = crate::gate::unresolved_findings(&db, &policy, workflow::draft(s.kind, s.draft_id))
                    .await
                    .map_err(plain)?
                    .len();
                let when = s.publish_at.as_deref().map(|t| format!(" (scheduled for {t})")).unwrap_or_default();
                println!(
                    "{}\t{} {}\t{}\tsubmitted by {} at {}\t{}{when}\t{findings} blocking findings",
                    s.id,
                    s.kind.code(),
                    s.slug,
                    s.jurisdiction_slug,
                    s.submitted_by_email,
                    s.submitted_at,
                    if s.correction_note.is_some() { "correction" } else { "new" },
                );
            }
        }
        ("review", ["approve", ids @ ..]) if !ids.is_empty() => {
            let actor = act_as(&db, args, &mut stdin).await?;
            let mut refused = Vec::new();
            for id in ids.iter() {
                let Ok(n) = id.parse::<i64>() else {
                    refused.push(format!("\"{id}\" is not a submission id"));
                    continue;
                };
                match workflow::approve(&db, &policy, &actor, n, option(args, "--at"), "cli").await {
                    Ok(workflow::Approval::Published(p)) => println!("{n}\tpublished {} version {}", p.slug, p.version),
                    Ok(workflow::Approval::Scheduled(at)) => println!("{n}\tscheduled for {at}"),
                    Err(e) => refused.push(format!("submission {n}: {}", plain(e))),
                }
            }
            if !refused.is_empty() {
                return Err(refused.join("\n"));
            }
        }
        ("review", ["return", id]) => {
            let n: i64 = id.parse().map_err(|_| format!("\"{id}\" is not a submission id"))?;
            let comment = option(args, "--comment").ok_or("say what to change with --comment TEXT")?;
            let actor = act_as(&db, args, &mut stdin).await?;
            workflow::return_to_author(&db, &actor, n, comment, "cli").await.map_err(plain)?;
            println!("{n}\treturned to its author");
        }
        _ => return Err(format!("unknown or incomplete command; run `portal --help` for {command}'s usage")),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_lists_every_command_and_variable() {
        for word in ["serve", "migrate", "demo", "policy check", "scan FILE", "help"] {
            assert!(HELP.contains(&format!("  {word}")), "help lists {word}");
        }
        for var in ["PORTAL_ADDR", "DATABASE_URL", "PORTAL_LOG", "LEPTOS_SITE_ROOT", "PORTAL_POLICY"] {
            assert!(ENV_HELP.contains(var), "help documents {var}");
        }
    }
}
