//! Configuration from environment variables, with defaults that run the demo.

use std::net::{IpAddr, SocketAddr};

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
                   (default: 1 if PORTAL_PUBLIC_URL starts with https://, else 0;
                   a request a trusted proxy marks as https gets them too)
  PORTAL_TRUSTED_PROXIES
                   comma-separated addresses or CIDR ranges of reverse proxies
                   (e.g. 127.0.0.1,10.0.0.0/8): only from these is X-Forwarded-For,
                   Forwarded or X-Forwarded-Proto believed; default none, so the
                   client is the connection's address
  PORTAL_SECURITY_CONTACT
                   where to report a security problem (mailto: or https: address),
                   published in /.well-known/security.txt (RFC 9116); unset: the
                   file answers 404
  PORTAL_LOG_KEY_FILE
                   the transparency log's signing key (created on first start,
                   mode 0600; default log.key in the SQLite file's folder, or
                   data/log.key on PostgreSQL). Back it up: a new key is a new log
  PORTAL_WITNESSES witness vkeys (cosignature/v1), separated by commas or spaces,
                   whose cosignatures of the log's checkpoint are accepted at
                   POST /log/cosignature and served on /log/checkpoint
  PORTAL_PASSWORD, PORTAL_TOTP
                   for `--as EMAIL` commands: the official's password and code
  PORTAL_LOG       what to log, as a tracing filter: error, warn, info, debug,
                   trace, or per module (portal=debug,tower_http=info); default info
  PORTAL_LOG_FORMAT
                   json: one JSON object per log line (for a log collector);
                   default: lines for people to read
  PORTAL_METRICS_ADDR
                   address for Prometheus metrics at /metrics (e.g. 127.0.0.1:9100),
                   a listener of its own, never the public address; unset: no
                   metrics are served
  LEPTOS_SITE_ROOT folder with the built site assets (default target/site)";

#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    /// Where the Prometheus metrics are served (`PORTAL_METRICS_ADDR`); None: nowhere.
    pub metrics_addr: Option<SocketAddr>,
    pub database_url: String,
    pub public_database_url: Option<String>,
    pub site_root: String,
    pub security: SiteSecurity,
}

/// The settings that harden the officials' side and say how to report a problem.
#[derive(Clone, Debug, Default)]
pub struct SiteSecurity {
    /// Served over TLS (directly or behind a TLS proxy): `__Host-` cookies, Secure.
    pub secure_cookies: bool,
    /// Reverse proxies whose forwarding headers are believed.
    pub trusted_proxies: Vec<IpRange>,
    /// Where to report a security problem, for `security.txt`.
    pub security_contact: Option<String>,
    /// The transparency log's signing key file (`PORTAL_LOG_KEY_FILE`); None:
    /// `log.key` in the data folder.
    pub log_key_file: Option<std::path::PathBuf>,
    /// The witnesses whose cosignatures the log accepts (`PORTAL_WITNESSES`).
    pub witnesses: Vec<tlog::Verifier>,
}

/// An address or a CIDR range of addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IpRange {
    network: IpAddr,
    prefix: u8,
}

impl IpRange {
    pub fn parse(s: &str) -> Result<IpRange, String> {
        let s = s.trim();
        let bad = || format!("\"{s}\" is not an address or a CIDR range like 10.0.0.0/8");
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p.parse::<u8>().map_err(|_| bad())?)),
            None => (s, None),
        };
        let network: IpAddr = addr.parse().map_err(|_| bad())?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        if prefix > max {
            return Err(bad());
        }
        Ok(IpRange { network, prefix })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        fn bits(ip: IpAddr) -> (u128, u32) {
            match ip {
                IpAddr::V4(v) => (u32::from(v) as u128, 32),
                IpAddr::V6(v) => match v.to_ipv4_mapped() {
                    Some(v4) => (u32::from(v4) as u128, 32),
                    None => (u128::from(v), 128),
                },
            }
        }
        let ((net, width), (addr, addr_width)) = (bits(self.network), bits(ip));
        if width != addr_width {
            return false;
        }
        let shift = width - self.prefix.min(width as u8) as u32;
        shift >= width || (net >> shift) == (addr >> shift)
    }
}

impl Config {
    /// Reads the configuration, explaining in plain words what is wrong.
    pub fn from_env() -> Result<Config, String> {
        let addr_text = std::env::var("PORTAL_ADDR").unwrap_or_else(|_| DEFAULT_ADDR.to_string());
        let addr = addr_text
            .parse()
            .map_err(|_| format!("PORTAL_ADDR is \"{addr_text}\", which is not an address like 127.0.0.1:3000."))?;
        let metrics_addr = match std::env::var("PORTAL_METRICS_ADDR").ok().filter(|a| !a.trim().is_empty()) {
            Some(a) => Some(a.trim().parse().map_err(|_| {
                format!("PORTAL_METRICS_ADDR is \"{a}\", which is not an address like 127.0.0.1:9100.")
            })?),
            None => None,
        };
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
        let trusted_proxies = std::env::var("PORTAL_TRUSTED_PROXIES")
            .unwrap_or_default()
            .split(',')
            .filter(|p| !p.trim().is_empty())
            .map(IpRange::parse)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|m| format!("PORTAL_TRUSTED_PROXIES: {m}"))?;
        let security_contact = match std::env::var("PORTAL_SECURITY_CONTACT").ok().filter(|c| !c.trim().is_empty()) {
            Some(c) if c.starts_with("mailto:") || c.starts_with("https://") => Some(c.trim().to_string()),
            Some(c) => return Err(format!("PORTAL_SECURITY_CONTACT is \"{c}\"; use a mailto: or https:// address.")),
            None => None,
        };
        let log_key_file = std::env::var("PORTAL_LOG_KEY_FILE").ok().filter(|p| !p.is_empty()).map(Into::into);
        let witnesses =
            crate::transparency::keys::parse_witnesses(&std::env::var("PORTAL_WITNESSES").unwrap_or_default())
                .map_err(|m| format!("PORTAL_WITNESSES: {m}."))?;
        let security = SiteSecurity { secure_cookies, trusted_proxies, security_contact, log_key_file, witnesses };
        Ok(Config { addr, metrics_addr, database_url, public_database_url, site_root, security })
    }
}

#[cfg(test)]
mod tests {
    use super::IpRange;

    #[test]
    fn ranges_contain_what_they_should() {
        let r = IpRange::parse("10.0.0.0/8").unwrap();
        assert!(r.contains("10.20.4.17".parse().unwrap()));
        assert!(!r.contains("11.0.0.1".parse().unwrap()));
        assert!(r.contains("::ffff:10.1.2.3".parse().unwrap()));
        let one = IpRange::parse("127.0.0.1").unwrap();
        assert!(one.contains("127.0.0.1".parse().unwrap()));
        assert!(!one.contains("127.0.0.2".parse().unwrap()));
        assert!(IpRange::parse("0.0.0.0/0").unwrap().contains("8.8.8.8".parse().unwrap()));
        assert!(IpRange::parse("fd00::/8").unwrap().contains("fd12::1".parse().unwrap()));
        assert!(IpRange::parse("10.0.0.0/33").is_err());
        assert!(IpRange::parse("example.org").is_err());
    }
}
