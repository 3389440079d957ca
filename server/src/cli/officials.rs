//! The officials' commands: accounts, imports and review, under the same rules as
//! the web (they call the same workflow).

use crate::db::activity::{self, NewEntry};
use crate::db::OfficialsDb;
use crate::domain::account::{Account, Role};
use crate::domain::activity::Action;
use crate::domain::audit::evidence::CommittedKind;
use crate::domain::review::SubmissionAction;
use crate::domain::values::Timestamp;
use crate::error::AppError;
use crate::gate::policy::Policy;
use crate::http::config::Config;
use crate::officials::import::{self, ImportFailure};
use crate::officials::{accounts, workflow};

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

fn plain(e: AppError) -> String {
    match e {
        AppError::NotFound => "there is no such submission or record".to_string(),
        e @ AppError::Internal(_) => {
            e.log("command failed");
            "the portal could not do this; see the log".to_string()
        }
        other => other.to_string(),
    }
}

/// Signs the command line in as `--as EMAIL`, with the official's password (and
/// second factor), throttled and logged like a web sign-in (from "cli").
async fn act_as(db: &OfficialsDb, args: &[String], stdin: &mut Stdin) -> Result<Account, String> {
    let email = option(args, "--as").ok_or("name the acting official with --as EMAIL")?;
    let password = std::env::var("PORTAL_PASSWORD").ok().or_else(|| stdin.line()).unwrap_or_default();
    let needs_code = accounts::find(db, email).await.map_err(plain)?.is_some_and(|a| a.totp_enabled);
    let code = if needs_code { std::env::var("PORTAL_TOTP").ok().or_else(|| stdin.line()) } else { None };
    match accounts::sign_in(db, email, &password, code.as_deref(), "cli", "cli").await {
        Ok(account) if account.must_enrol() => {
            Err(format!("{} must turn on two-step sign-in first (sign in at /admin and open Account)", account.email))
        }
        Ok(account) => {
            let mut conn = db.conn().await.map_err(plain)?;
            let entry = NewEntry {
                actor: &account.email,
                action: Action::SignIn,
                subject: &account.email,
                detail: "command line",
                source: "cli",
                office: Some(account.office.as_str()),
            };
            activity::append(&mut conn, &Timestamp::now().to_string(), &entry).await.map_err(plain)?;
            Ok(account)
        }
        Err(e) => Err(plain(e)),
    }
}

pub async fn command(command: &str, args: &[String]) -> Result<(), String> {
    let config = Config::from_env()?;
    let policy = Policy::from_env()?;
    let db = OfficialsDb::connect(&config.database_url).await.map_err(|e| e.to_string())?;
    let mut stdin = Stdin::new();
    let words = positional(args);
    match (command, words.as_slice()) {
        ("user", ["add", email]) => {
            let role = Role::parse(option(args, "--role").unwrap_or(""))
                .map_err(|_| "give --role author, reviewer or admin")?;
            let password = stdin.line().ok_or("type the password on standard input")?;
            let id = accounts::add(&db, email, &password, role, option(args, "--office"), "cli", "cli")
                .await
                .map_err(plain)?;
            let account = accounts::by_id(&db, id).await.map_err(plain)?.ok_or("the account was not stored")?;
            println!("Created {} ({}, office {}).", account.email, account.role.code(), account.office);
        }
        ("user", ["list"]) => {
            for a in accounts::list(&db).await.map_err(plain)? {
                let state = if a.disabled { "disabled" } else { "active" };
                let factor = if a.totp_enabled { "2fa" } else { "password" };
                println!("{}\t{}\t{}\t{state}\t{factor}", a.email, a.role.code(), a.office);
            }
        }
        ("user", ["require-2fa", email]) => {
            accounts::require_totp(&db, email, "cli", "cli").await.map_err(plain)?;
            println!("{email} must now turn on two-step sign-in before anything else.");
        }
        ("user", ["set-password", email]) => {
            let password =
                stdin.line().ok_or("type the new password on standard input, then again on the next line")?;
            let again = stdin.line().ok_or("type the new password again on the next line, to confirm it")?;
            if password != again {
                return Err("the two passwords differ; nothing changed".into());
            }
            accounts::reset_password(&db, email, &password, None, "cli").await.map_err(plain)?;
            println!("{email} has a new password; their sessions have ended.");
        }
        ("user", ["reset-2fa", email]) => {
            let again = stdin.line().ok_or("type the e-mail address again on standard input, to confirm")?;
            if again.trim().to_lowercase() != email.trim().to_lowercase() {
                return Err("the address typed to confirm differs; nothing changed".into());
            }
            accounts::reset_totp(&db, email, None, "cli").await.map_err(plain)?;
            println!("Two-step sign-in is reset for {email}; their sessions have ended.");
        }
        ("user", ["disable", email]) => {
            accounts::disable(&db, email, "cli", "cli").await.map_err(plain)?;
            println!("Disabled {email}.");
        }
        (
            "import",
            [kind @ ("audits" | "spending" | "manifest" | "cast-vote-records" | "batch-tallies" | "interpretations"
            | "rounds"), file],
        ) => {
            let bytes = std::fs::read(file).map_err(|e| format!("could not read {file}: {e}"))?;
            let evidence = match *kind {
                "manifest" => Some(import::EvidenceFile::Manifest),
                "cast-vote-records" => Some(import::EvidenceFile::Committed(CommittedKind::CastVoteRecords)),
                "batch-tallies" => Some(import::EvidenceFile::BatchTallies),
                "interpretations" => Some(import::EvidenceFile::Interpretations),
                "rounds" => Some(import::EvidenceFile::Rounds),
                _ => None,
            };
            let audit = option(args, "--audit");
            if evidence.is_some() && audit.is_none() {
                return Err(format!("name the audit the {kind} belongs to with --audit SLUG"));
            }
            let actor = act_as(&db, args, &mut stdin).await?;
            let result = match (*kind, evidence, audit) {
                (_, Some(what), Some(slug)) => {
                    import::evidence(&db, &policy, &actor, slug, what, &bytes, "cli").await.map(|i| vec![i])
                }
                ("audits", _, _) => import::audits(&db, &policy, &actor, &bytes, "cli").await,
                _ => import::spending(&db, &policy, &actor, &bytes, "cli").await,
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
                Err(ImportFailure::Rows(errors)) => {
                    for e in &errors {
                        eprintln!("{file}: {e}");
                    }
                    return Err(format!("{} mistakes; nothing from {file} was stored", errors.len()));
                }
                Err(ImportFailure::Other(e)) => return Err(plain(e)),
            }
        }
        ("review", ["list"]) => {
            let published = workflow::publish_due(&db, &policy).await.map_err(plain)?;
            if published > 0 {
                eprintln!("{published} scheduled publications were due and are now published.");
            }
            for s in workflow::queue(&db, None).await.map_err(plain)? {
                let (_, open) = workflow::submission_findings(&db, &policy, &s).await.map_err(plain)?;
                let when = s.publish_at.as_deref().map(|t| format!(" (scheduled for {t})")).unwrap_or_default();
                println!(
                    "{}\t{} {}\t{}\tsubmitted by {} at {}\t{}{when}\t{} blocking findings",
                    s.id,
                    s.kind.code(),
                    s.slug,
                    s.jurisdiction,
                    s.submitted_by_email,
                    s.submitted_at,
                    if s.action == SubmissionAction::Retract {
                        "retraction"
                    } else if s.correction_note.is_some() {
                        "correction"
                    } else {
                        "new"
                    },
                    open.len(),
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
                    Ok(workflow::Approval::Retracted(v)) => println!("{n}\tretracted (last version {v})"),
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
