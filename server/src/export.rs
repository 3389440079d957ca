//! `portal export DIR`: the whole public site as files, for any static host or
//! CDN. Every address of [`crate::public::urls::every_public_url`], and every
//! same-site address their pages link, is rendered through the public site's own
//! router ([`crate::http::public_site`], in-process, no network), so each file
//! holds exactly the bytes the live portal sends; each gets its `.br` and `.gz`
//! siblings (the portal's own compressed bytes where it has them).
//!
//! Layout (what `deploy/nginx-static.conf` and `deploy/Caddyfile.static` serve):
//! an HTML page at `/a/b` is `a/b/index.html` (`/` is `index.html`); JSON at an
//! address without an extension (`/api/v1/audits`) is `…/index.json`; anything
//! else is the file at its address (`data/audits.csv`, `log/tile/0/000.p/5`).
//!
//! Only answers `200` that are not one reader's alone (`Cache-Control: private`,
//! e.g. the audit planner, whose script carries a per-response nonce) are
//! written. The export is written to a temporary sibling folder and renamed into
//! place at the end, so a failed export leaves nothing half-written.

use crate::db::{OfficialsDb, PublicDb};
use crate::http::compress;
use crate::http::config::SiteSecurity;
use crate::public::urls;
use axum::body::Bytes;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::Router;
use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};
use tower::ServiceExt;

/// What an export wrote and what it left out.
#[derive(Debug, Default)]
pub struct ExportReport {
    /// The addresses written, in the order they were rendered.
    pub urls: Vec<String>,
    /// Files written, counting the compressed siblings.
    pub files: usize,
    pub bytes: u64,
    /// Addresses visited but not written, with the status they answered (or
    /// why): a record without a manifest, a retracted record's tombstone (410).
    pub skipped: Vec<(String, String)>,
}

impl std::fmt::Display for ExportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Exported {} addresses as {} files ({} bytes with their .br and .gz siblings); {} addresses left out.",
            self.urls.len(),
            self.files,
            self.bytes,
            self.skipped.len()
        )
    }
}

/// Where the export goes and what it may replace.
pub struct ExportOptions {
    pub dir: PathBuf,
    /// The live site's public address (`PORTAL_PUBLIC_URL`), which absolute links,
    /// feeds, the sitemap and the log's checkpoint name.
    pub public_url: String,
    pub site_root: String,
    /// Replace a folder that is not empty.
    pub force: bool,
}

/// Exports the public site of this database, as `serve` would show it at
/// `options.public_url`. Reads only through the public handle.
pub async fn export(
    officials_db: &OfficialsDb,
    public_db: PublicDb,
    security: &SiteSecurity,
    options: &ExportOptions,
) -> Result<ExportReport, String> {
    let public_url = options.public_url.trim_end_matches('/').to_string();
    if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
        return Err(format!(
            "the public address \"{public_url}\" is not an http:// or https:// address; give the live site's \
             address, as in PORTAL_PUBLIC_URL"
        ));
    }
    // A new key would sign a checkpoint the live site never signed.
    let key = security
        .log_key_file
        .clone()
        .unwrap_or_else(|| crate::transparency::keys::default_key_file(officials_db.url()));
    if !key.exists() {
        return Err(format!(
            "the transparency log's key {} does not exist: export where the portal runs, with its \
             PORTAL_LOG_KEY_FILE, so the exported checkpoint carries the live log's signature",
            key.display()
        ));
    }
    let staging = Staging::begin(&options.dir, options.force)?;
    let addr = "127.0.0.1:0".parse().map_err(|e| format!("{e}"))?;
    let (public, log) =
        crate::http::public_states(officials_db, public_db, security, &public_url, &options.site_root, addr)
            .map_err(|e| e.to_string())?;
    let seeds = urls::every_public_url(&public).await.map_err(|e| e.to_string())?;
    let router = crate::http::public_site(public, log);
    let written = match write_site(router, &public_url, seeds, &staging.path).await {
        Ok(mut report) => write_security_txt(&mut report, security, &public_url, &staging.path).await.map(|()| report),
        Err(e) => Err(e),
    };
    let report = match written {
        Ok(r) => r,
        Err(e) => {
            staging.abandon();
            return Err(e);
        }
    };
    staging.finish()?;
    Ok(report)
}

/// Renders every address (and what the pages link) into `dir`.
pub async fn write_site(
    router: Router,
    public_url: &str,
    seeds: Vec<String>,
    dir: &Path,
) -> Result<ExportReport, String> {
    let mut report = ExportReport::default();
    let mut seen: HashSet<String> = seeds.iter().cloned().collect();
    let mut queue: VecDeque<String> = seeds.into();
    let mut written: HashSet<PathBuf> = HashSet::new();
    while let Some(url) = queue.pop_front() {
        let (status, content_type, private, identity, _) = fetch(&router, &url, None).await?;
        if status != StatusCode::OK {
            report.skipped.push((url, status.as_u16().to_string()));
            continue;
        }
        if private {
            report.skipped.push((url, "one reader's alone (Cache-Control: private)".into()));
            continue;
        }
        if content_type.starts_with("text/html") {
            let html = String::from_utf8_lossy(&identity);
            for link in urls::links(&html, public_url) {
                if seen.insert(link.clone()) {
                    queue.push_back(link);
                }
            }
        }
        let Some(relative) = file_for(&url, &content_type) else {
            report.skipped.push((url, "an address that cannot be a file name".into()));
            continue;
        };
        let served = served_type(&relative);
        if media(served) != media(&content_type) {
            return Err(format!(
                "{url} is {content_type}, but a static host would serve {} as {served}: the export's layout \
                 needs a rule for it",
                relative.display()
            ));
        }
        if !written.insert(relative.clone()) {
            return Err(format!("two addresses would be written to {}", relative.display()));
        }
        let (br, gz) = codings(&router, &url, &identity).await?;
        write_with_siblings(&mut report, &dir.join(&relative), identity, br, gz)?;
        report.urls.push(url);
    }
    // The page a static host shows for an address it does not have: the
    // portal's own "page not found", in each language (`error_page` in
    // deploy/nginx-static.conf, `handle_errors` in deploy/Caddyfile.static).
    for (url, file) in NOT_FOUND_PAGES {
        let (status, content_type, _, identity, _) = fetch(&router, url, None).await?;
        if status != StatusCode::NOT_FOUND || media(&content_type) != "text/html" {
            return Err(format!("{url} should be the page-not-found page, but answered {status} {content_type}"));
        }
        let (br, gz) = compressed(&identity).await;
        write_with_siblings(&mut report, &dir.join(file), identity, br, gz)?;
    }
    Ok(report)
}

/// Writes a file (and its folder) with its `.br` and `.gz` siblings where it has
/// them, counting each in the report.
fn write_with_siblings(
    report: &mut ExportReport,
    path: &Path,
    identity: Bytes,
    br: Option<Bytes>,
    gz: Option<Bytes>,
) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("could not create {}: {e}", parent.display()))?;
    }
    for (path, bytes) in [(path.to_path_buf(), Some(identity)), (sibling(path, "br"), br), (sibling(path, "gz"), gz)] {
        let Some(bytes) = bytes else { continue };
        std::fs::write(&path, &bytes).map_err(|e| format!("could not write {}: {e}", path.display()))?;
        report.files += 1;
        report.bytes += bytes.len() as u64;
    }
    Ok(())
}

/// The brotli and gzip bytes of an answer the portal does not keep compressed,
/// coded as the portal codes what it keeps (off the async workers).
async fn compressed(identity: &Bytes) -> (Option<Bytes>, Option<Bytes>) {
    let bytes = identity.clone();
    tokio::task::spawn_blocking(move || compress::compress(&bytes)).await.unwrap_or_default()
}

/// `/.well-known/security.txt`, when the portal has a security contact: the file the
/// live site serves, so a mirror tells a finder where to report too. Its `Expires`
/// is 180 days after the export (the live file's moves with each request); each
/// re-export renews it.
async fn write_security_txt(
    report: &mut ExportReport,
    security: &SiteSecurity,
    public_url: &str,
    dir: &Path,
) -> Result<(), String> {
    if security.security_contact.is_none() {
        return Ok(());
    }
    let res = crate::http::layers::security_txt(security.security_contact.clone(), public_url.to_string()).await;
    let identity = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .map_err(|e| format!("security.txt could not be read: {e}"))?;
    let (br, gz) = compressed(&identity).await;
    write_with_siblings(report, &dir.join(SECURITY_TXT), identity, br, gz)?;
    report.urls.push(format!("/{SECURITY_TXT}"));
    Ok(())
}

/// Where the export keeps `security.txt` (RFC 9116's address).
pub const SECURITY_TXT: &str = ".well-known/security.txt";

/// The addresses whose 404 page the export keeps, and the files it keeps them in.
pub const NOT_FOUND_PAGES: [(&str, &str); 2] = [("/404", "404.html"), ("/es/404", "es/404.html")];

/// One GET through the router: status, content type, whether it is private,
/// the body and its content coding.
async fn fetch(
    router: &Router,
    url: &str,
    accept: Option<&'static str>,
) -> Result<(StatusCode, String, bool, Bytes, Option<String>), String> {
    let mut req = Request::get(url);
    if let Some(a) = accept {
        req = req.header(header::ACCEPT_ENCODING, a);
    }
    let req = req.body(axum::body::Body::empty()).map_err(|e| format!("{url} is not an address: {e}"))?;
    let res = router.clone().oneshot(req).await.map_err(|e| format!("{url} could not be rendered: {e}"))?;
    let text = |v: Option<&HeaderValue>| v.and_then(|v| v.to_str().ok()).map(str::to_string);
    let status = res.status();
    let content_type = text(res.headers().get(header::CONTENT_TYPE)).unwrap_or_default();
    let private = text(res.headers().get(header::CACHE_CONTROL)).is_some_and(|v| v.contains("private"));
    let encoding = text(res.headers().get(header::CONTENT_ENCODING));
    let body =
        axum::body::to_bytes(res.into_body(), usize::MAX).await.map_err(|e| format!("{url} could not be read: {e}"))?;
    Ok((status, content_type, private, body, encoding))
}

/// The brotli and gzip bytes of an address: the portal's own (its cache keeps
/// them), or compressed here the same way when it streams the answer.
async fn codings(router: &Router, url: &str, identity: &Bytes) -> Result<(Option<Bytes>, Option<Bytes>), String> {
    let (_, _, _, br, br_coding) = fetch(router, url, Some("br")).await?;
    let (_, _, _, gz, gz_coding) = fetch(router, url, Some("gzip")).await?;
    match (br_coding.as_deref(), gz_coding.as_deref()) {
        (Some("br"), Some("gzip")) => Ok((Some(br), Some(gz))),
        (None, None) => Ok(compressed(identity).await),
        (Some("br"), None) => Ok((Some(br), None)),
        (None, Some("gzip")) => Ok((None, Some(gz))),
        other => Err(format!("{url} answered in an unexpected coding: {other:?}")),
    }
}

fn sibling(path: &Path, ext: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

/// The media type without its parameters.
fn media(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// The file that holds an address's answer (relative to the export), or None
/// for an address that cannot safely be a file name.
pub fn file_for(url: &str, content_type: &str) -> Option<PathBuf> {
    let path = url.strip_prefix('/')?;
    let safe = |s: &str| {
        !s.is_empty() && s != "." && s != ".." && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    };
    if !path.is_empty() && !path.split('/').all(safe) {
        return None;
    }
    let last = path.rsplit('/').next().unwrap_or("");
    let media = media(content_type);
    let file = if media == "text/html" {
        if path.is_empty() {
            "index.html".to_string()
        } else {
            format!("{path}/index.html")
        }
    } else if media == "application/json" && !last.contains('.') {
        format!("{path}/index.json")
    } else if path.is_empty() {
        return None;
    } else {
        path.to_string()
    };
    Some(PathBuf::from(file))
}

/// The content types a static host gives the export's files, by extension (and,
/// for the log's files that have none, by folder): `deploy/nginx-static.conf` and
/// `deploy/Caddyfile.static` say the same.
pub const CONTENT_TYPES: &[(&str, &str)] = &[
    ("html", "text/html; charset=utf-8"),
    ("json", "application/json"),
    ("csv", "text/csv; charset=utf-8"),
    ("svg", "image/svg+xml; charset=utf-8"),
    ("atom", "application/atom+xml; charset=utf-8"),
    ("xml", "application/xml; charset=utf-8"),
    ("txt", "text/plain; charset=utf-8"),
    ("css", "text/css; charset=utf-8"),
    ("js", "text/javascript; charset=utf-8"),
    ("wasm", "application/wasm"),
];

/// `/log/checkpoint` and `/log/key` are text; tiles are bytes.
pub const LOG_TEXT: &str = "text/plain; charset=utf-8";
pub const LOG_TILE: &str = "application/octet-stream";

/// The content type a static host configured as in `deploy/` serves a file with.
pub fn served_type(relative: &Path) -> &'static str {
    let path = relative.to_string_lossy();
    if path.starts_with("log/tile/") {
        return LOG_TILE;
    }
    if path == "log/checkpoint" || path == "log/key" {
        return LOG_TEXT;
    }
    let ext = relative.extension().and_then(|e| e.to_str()).unwrap_or("");
    CONTENT_TYPES.iter().find(|(e, _)| *e == ext).map(|(_, t)| *t).unwrap_or("application/octet-stream")
}

/// The temporary sibling folder an export is written to, renamed into place
/// when it is complete.
struct Staging {
    target: PathBuf,
    path: PathBuf,
    replace: bool,
}

impl Staging {
    fn begin(target: &Path, force: bool) -> Result<Staging, String> {
        let shown = target.display();
        if target.is_file() {
            return Err(format!("{shown} is a file, not a folder"));
        }
        let replace = match std::fs::read_dir(target) {
            Ok(mut entries) => {
                let empty = entries.next().is_none();
                if !empty && !force {
                    return Err(format!(
                        "{shown} is not empty: give a new or empty folder, or add --force to replace what it holds"
                    ));
                }
                true
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            Err(e) => return Err(format!("{shown} cannot be read: {e}")),
        };
        let name = target.file_name().and_then(|n| n.to_str()).ok_or_else(|| format!("{shown} has no folder name"))?;
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let path = parent.join(format!(".{name}.export-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir(&path)
            .map_err(|e| format!("cannot write the export next to {shown} (in {}): {e}", parent.display()))?;
        Ok(Staging { target: target.to_path_buf(), path, replace })
    }

    fn abandon(self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }

    fn finish(self) -> Result<(), String> {
        let shown = self.target.display().to_string();
        let old = self.path.with_extension("old");
        if self.replace {
            // Left by an export that stopped between its two renames.
            let _ = std::fs::remove_dir_all(&old);
            if let Err(e) = std::fs::rename(&self.target, &old) {
                let _ = std::fs::remove_dir_all(&self.path);
                return Err(format!("could not move the old {shown} aside: {e}"));
            }
        }
        if let Err(e) = std::fs::rename(&self.path, &self.target) {
            if self.replace {
                let _ = std::fs::rename(&old, &self.target);
            }
            let _ = std::fs::remove_dir_all(&self.path);
            return Err(format!("could not move the export into {shown}: {e}"));
        }
        if self.replace {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_address_has_one_file() {
        let f = |u: &str, t: &str| file_for(u, t).map(|p| p.to_string_lossy().into_owned());
        assert_eq!(f("/", "text/html; charset=utf-8").as_deref(), Some("index.html"));
        assert_eq!(f("/es/audits/x", "text/html; charset=utf-8").as_deref(), Some("es/audits/x/index.html"));
        assert_eq!(f("/api/v1/audits", "application/json").as_deref(), Some("api/v1/audits/index.json"));
        assert_eq!(f("/data/audits.json", "application/json").as_deref(), Some("data/audits.json"));
        assert_eq!(f("/log/tile/0/000.p/5", LOG_TILE).as_deref(), Some("log/tile/0/000.p/5"));
        assert_eq!(f("/log/checkpoint", LOG_TEXT).as_deref(), Some("log/checkpoint"));
        assert_eq!(f("/audits/../etc", "text/html"), None);
        assert_eq!(f("/a%20b", "text/html"), None);
        assert_eq!(f("/", "application/xml"), None);
    }

    #[test]
    fn the_static_configs_serve_every_content_type() {
        assert_eq!(served_type(Path::new("log/tile/entries/000")), LOG_TILE);
        assert_eq!(served_type(Path::new("log/key")), LOG_TEXT);
        assert_eq!(served_type(Path::new("data/audits.csv")), "text/csv; charset=utf-8");
        let nginx = include_str!("../../deploy/nginx-static.conf");
        let caddy = include_str!("../../deploy/Caddyfile.static");
        for (ext, content_type) in CONTENT_TYPES {
            assert!(nginx.contains(&format!("\"{content_type}\" {ext};")), "nginx serves .{ext} as {content_type}");
            assert!(caddy.contains(&format!("*.{ext}")), "Caddy names .{ext}");
            assert!(caddy.contains(content_type), "Caddy serves {content_type}");
        }
        for t in [LOG_TEXT, LOG_TILE] {
            assert!(nginx.contains(t) && caddy.contains(t), "both serve the log's {t}");
        }
    }
}
