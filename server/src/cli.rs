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
  help      print this help (also -h, --help)
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
