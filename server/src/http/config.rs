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
  PORTAL_SECURE_COOKIES
                   1 when the portal is served over TLS (directly or behind a TLS
                   proxy): officials' session cookies become __Host- and Secure
                   (default: 1 if PORTAL_PUBLIC_URL starts with https://, else 0)
  PORTAL_PASSWORD, PORTAL_TOTP
                   for `--as EMAIL` commands: the official's password and code
  PORTAL_LOG       what to log, as a tracing filter: error, warn, info, debug,
                   trace, or per module (portal=debug,tower_http=info); default info
  LEPTOS_SITE_ROOT folder with the built site assets (default target/site)";

#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    pub database_url: String,
    pub public_database_url: Option<String>,
    pub site_root: String,
    pub secure_cookies: bool,
}

impl Config {
    /// Reads the configuration, explaining in plain words what is wrong.
    pub fn from_env() -> Result<Config, String> {
        let addr_text = std::env::var("PORTAL_ADDR").unwrap_or_else(|_| DEFAULT_ADDR.to_string());
        let addr = addr_text
            .parse()
            .map_err(|_| format!("PORTAL_ADDR is \"{addr_text}\", which is not an address like 127.0.0.1:3000."))?;
        let database_url = std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_string());
        let site_root = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".to_string());
        let public_database_url = std::env::var("PUBLIC_DATABASE_URL").ok().filter(|u| !u.is_empty());
        let https = std::env::var("PORTAL_PUBLIC_URL").is_ok_and(|u| u.starts_with("https://"));
        let secure_cookies = match std::env::var("PORTAL_SECURE_COOKIES").ok().as_deref() {
            Some("1") | Some("true") => true,
            Some("0") | Some("false") => false,
            Some(other) => return Err(format!("PORTAL_SECURE_COOKIES is \"{other}\"; use 1 or 0.")),
            None => https,
        };
        Ok(Config { addr, database_url, public_database_url, site_root, secure_cookies })
    }
}
