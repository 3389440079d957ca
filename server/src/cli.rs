//! The `portal` command line.

use crate::config::{Config, ENV_HELP};
use crate::db::Db;
use crate::demo;
use crate::startup::Application;

pub const HELP: &str = "\
portal — the election transparency portal

Usage: portal <command>

Commands:
  serve     migrate the database and serve the portal at PORTAL_ADDR
  migrate   create or upgrade the database schema, then exit
  demo      load the demonstration data (Missouri 2018 HAVA grant and sample
            records) through the publication gate; running it again changes nothing
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

async fn execute(command: &str) -> Result<(), String> {
    let config = Config::from_env()?;
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
        for word in ["serve", "migrate", "demo", "help"] {
            assert!(HELP.contains(&format!("  {word}")), "help lists {word}");
        }
        for var in ["PORTAL_ADDR", "DATABASE_URL", "PORTAL_LOG", "LEPTOS_SITE_ROOT"] {
            assert!(ENV_HELP.contains(var), "help documents {var}");
        }
    }
}
