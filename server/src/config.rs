//! Configuration from environment variables, with defaults that run the demo.

use std::net::SocketAddr;

pub const DEFAULT_ADDR: &str = "127.0.0.1:3000";
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/portal.db?mode=rwc";

/// The environment variables the portal reads, for `portal --help`.
pub const ENV_HELP: &str = "\
Environment variables:
  PORTAL_ADDR      address to listen on (default 127.0.0.1:3000)
  DATABASE_URL     sqlite://PATH?mode=rwc or postgres://USER@HOST:PORT/DB
                   (default sqlite://data/portal.db?mode=rwc; the file and its
                   folder are created and migrated on start)
  PUBLIC_DATABASE_URL
                   optional, PostgreSQL: a connection as a role that may only read
                   the public tables (see `portal grant-public-role`); the public
                   pages then use it, so the database itself refuses draft reads
  PORTAL_POLICY    withholding policy file (TOML; default: the built-in Missouri
                   policy, policy/missouri.toml); an invalid policy stops the server
  PORTAL_PUBLIC_URL
                   the portal's public address, for permanent links in citations
                   (default http://PORTAL_ADDR)
  PORTAL_LOG       log level: error, warn, info, debug or trace (default info)
  LEPTOS_SITE_ROOT folder with the built site assets (default target/site)";

#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    pub database_url: String,
    pub public_database_url: Option<String>,
    pub site_root: String,
}

impl Config {
    /// Reads the configuration, explaining in plain words what is wrong.
    pub fn from_env() -> Result<Config, String> {
        let addr_text = std::env::var("PORTAL_ADDR").unwrap_or_else(|_| DEFAULT_ADDR.to_string());
        let addr = addr_text.parse().map_err(|_| {
            format!("PORTAL_ADDR is \"{addr_text}\", which is not an address like 127.0.0.1:3000.")
        })?;
        let database_url =
            std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_string());
        let site_root =
            std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".to_string());
        let public_database_url = std::env::var("PUBLIC_DATABASE_URL").ok().filter(|u| !u.is_empty());
        Ok(Config { addr, database_url, public_database_url, site_root })
    }
}
