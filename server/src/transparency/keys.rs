//! The log's signing key and the witnesses it accepts cosignatures from.
//!
//! The key is an Ed25519 signed-note key, stored as Go's `PRIVATE+KEY+…` string
//! in a file of mode 0600: `PORTAL_LOG_KEY_FILE`, or `log.key` in the data
//! folder (the SQLite file's folder, else `data/`), created on first start.
//! Its name is the log's origin (the public host and `/log`) when created.

use crate::error::{AppError, AppResult};
use std::io::Write;
use std::path::{Path, PathBuf};
use tlog::{KeyType, Signer, Verifier};

/// The log's identity: its origin line, its key, and the configured witnesses.
#[derive(Clone, Debug)]
pub struct LogKeys {
    pub origin: String,
    pub signer: std::sync::Arc<Signer>,
    pub witnesses: Vec<Verifier>,
}

impl LogKeys {
    pub fn verifier(&self) -> Verifier {
        self.signer.verifier()
    }

    pub fn vkey(&self) -> String {
        self.verifier().to_vkey()
    }
}

/// The log's origin for a public address: its host (and port) followed by `/log`.
pub fn origin_of(public_url: &str) -> String {
    let rest = public_url.split_once("://").map(|(_, r)| r).unwrap_or(public_url);
    let host = rest.split('/').next().unwrap_or(rest);
    format!("{host}/log")
}

/// Where the key lives when `PORTAL_LOG_KEY_FILE` is not set.
pub fn default_key_file(database_url: &str) -> PathBuf {
    if let Some(path) = database_url.strip_prefix("sqlite:") {
        let path = path.trim_start_matches("//");
        let path = path.split('?').next().unwrap_or("");
        if !path.is_empty() && path != ":memory:" {
            let parent = Path::new(path).parent().unwrap_or(Path::new(""));
            return parent.join("log.key");
        }
    }
    PathBuf::from("data/log.key")
}

fn key_error(path: &Path, what: String) -> AppError {
    AppError::validation("PORTAL_LOG_KEY_FILE", format!("{}: {what}", path.display()))
}

/// Reads the key at `path`, or creates one named `origin` there (mode 0600).
pub fn load_or_create(path: &Path, origin: &str) -> AppResult<Signer> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            warn_if_readable_by_others(path);
            Signer::from_skey(text.trim()).map_err(|e| {
            key_error(path, format!("is not a log signing key ({e}); restore it from the backup, or move it away to start a new log key"))
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let signer = Signer::generate(origin, KeyType::Ed25519)
                .map_err(|e| key_error(path, format!("could not create a key named {origin}: {e}")))?;
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .map_err(|e| key_error(path, format!("could not create its folder: {e}")))?;
            }
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            match options.open(path) {
                Ok(mut f) => {
                    f.write_all(format!("{}\n", signer.to_skey()).as_bytes())
                        .and_then(|_| f.sync_all())
                        .map_err(|e| key_error(path, format!("could not write the new key: {e}")))?;
                    tracing::info!(file = %path.display(), vkey = %signer.verifier().to_vkey(), "created the transparency log's signing key; back it up");
                    Ok(signer)
                }
                // Another process created it first: use that one.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                    load_or_create(path, origin)
                }
                Err(e) => Err(key_error(path, format!("could not create the key file: {e}"))),
            }
        }
        Err(e) => Err(key_error(path, format!("could not be read: {e}"))),
    }
}

/// A key others can read is a key others can sign with: say so at start.
fn warn_if_readable_by_others(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(m) = std::fs::metadata(path) {
            if m.permissions().mode() & 0o077 != 0 {
                tracing::warn!(file = %path.display(), "the log's signing key is readable by others: chmod 600 it");
            }
        }
    }
}

/// Parses `PORTAL_WITNESSES`: witness vkeys separated by commas or whitespace.
pub fn parse_witnesses(text: &str) -> Result<Vec<Verifier>, String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|v| !v.is_empty())
        .map(|v| {
            let key = Verifier::from_vkey(v).map_err(|e| format!("\"{v}\" is not a witness vkey: {e}"))?;
            if key.key_type() != KeyType::CosignatureV1 {
                return Err(format!("\"{v}\" is not a cosignature/v1 witness key (type 0x04)"));
            }
            Ok(key)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_the_public_host_and_log() {
        assert_eq!(origin_of("https://elections.mo.gov"), "elections.mo.gov/log");
        assert_eq!(origin_of("http://127.0.0.1:3000/"), "127.0.0.1:3000/log");
    }

    #[test]
    fn the_key_sits_beside_a_sqlite_file() {
        assert_eq!(default_key_file("sqlite://data/portal.db?mode=rwc"), PathBuf::from("data/log.key"));
        assert_eq!(default_key_file("sqlite:///tmp/x/p.db"), PathBuf::from("/tmp/x/log.key"));
        assert_eq!(default_key_file("postgres://u@h/db"), PathBuf::from("data/log.key"));
    }

    #[test]
    fn a_key_is_created_once_with_mode_0600() {
        let dir = std::env::temp_dir().join(format!("portal-key-{}", std::process::id()));
        let path = dir.join("log.key");
        let a = load_or_create(&path, "example.org/log").unwrap();
        let b = load_or_create(&path, "other.org/log").unwrap();
        assert_eq!(a.verifier().to_vkey(), b.verifier().to_vkey());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn witnesses_must_be_cosignature_keys() {
        let w = Signer::generate("witness.example", KeyType::CosignatureV1).unwrap();
        let l = Signer::generate("log.example", KeyType::Ed25519).unwrap();
        let list = format!("{}, {}", w.verifier().to_vkey(), w.verifier().to_vkey());
        assert_eq!(parse_witnesses(&list).unwrap().len(), 2);
        assert!(parse_witnesses(&l.verifier().to_vkey()).is_err());
        assert!(parse_witnesses("nonsense").is_err());
    }
}
