//! `portal export`: the public site as files is the live site, byte for byte;
//! what a reader reaches by following links from `/` and `/es` is all there;
//! nothing is left half-written when the export cannot be made.

use crate::support::{on_both_databases, public_role_url, spawn_app, unique_name, Store, TestApp};
use portal::export::{served_type, ExportOptions, ExportReport};
use std::collections::{BTreeSet, HashSet, VecDeque};
use std::io::Read;
use std::path::{Path, PathBuf};

on_both_databases! {
    the_export_is_the_live_site_byte_for_byte;
}

/// A folder of the test's own, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(prefix: &str) -> TempDir {
        let path = std::env::temp_dir().join(unique_name(prefix));
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Exports `app`'s public site into `dir`, reading through the public role on
/// PostgreSQL (so the export provably needs nothing else).
pub async fn export_to(app: &TestApp, store: Store, dir: &Path, force: bool) -> Result<ExportReport, String> {
    let public_url = match store {
        Store::Sqlite => None,
        Store::Postgres => Some(public_role_url(&app.db, &app.raw).await),
    };
    let public = portal::db::PublicDb::connect(&app.db, public_url.as_deref()).await.expect("the public connection");
    let mut security = crate::support::test_security();
    security.log_key_file = Some(app.log_key_file.clone());
    let options = ExportOptions {
        dir: dir.to_path_buf(),
        public_url: app.base.clone(),
        site_root: concat!(env!("CARGO_MANIFEST_DIR"), "/../public").to_string(),
        force,
    };
    portal::export::export(&app.db, public, &security, &options).await
}

/// Every file of the export (not the compressed siblings), relative to `dir`.
pub fn exported_files(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if !matches!(path.extension().and_then(|e| e.to_str()), Some("br" | "gz")) {
                out.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The address a file of the export answers.
fn url_of(file: &Path) -> String {
    let f = file.to_string_lossy();
    let address = f.strip_suffix("index.html").or_else(|| f.strip_suffix("index.json")).unwrap_or(&f);
    format!("/{}", address.trim_end_matches('/'))
}

/// A file's bytes and its `.br` and `.gz` siblings' decompressed bytes.
pub fn read_with_siblings(path: &Path) -> (Vec<u8>, Vec<(String, Vec<u8>)>) {
    let bytes = std::fs::read(path).unwrap();
    let mut siblings = Vec::new();
    for ext in ["br", "gz"] {
        let sibling = PathBuf::from(format!("{}.{ext}", path.display()));
        let Ok(compressed) = std::fs::read(&sibling) else { continue };
        let mut out = Vec::new();
        if ext == "br" {
            brotli::Decompressor::new(&compressed[..], 4096).read_to_end(&mut out).unwrap();
        } else {
            flate2::read::GzDecoder::new(&compressed[..]).read_to_end(&mut out).unwrap();
        }
        siblings.push((sibling.display().to_string(), out));
    }
    (bytes, siblings)
}

/// The same-site links of a page, without query strings or fragments (written
/// here apart from the export's own, so a mistake in one is not in both).
fn page_links(html: &str, base: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in html.split("href=\"").skip(1).chain(html.split("src=\"").skip(1)) {
        let link = part.split('"').next().unwrap_or("").replace("&amp;", "&");
        let link = link.strip_prefix(base).map(str::to_string).unwrap_or(link);
        let link = link.split('#').next().unwrap_or("").to_string();
        if link.starts_with('/') && !link.starts_with("//") && !link.contains('?') {
            out.push(link);
        }
    }
    out
}

async fn the_export_is_the_live_site_byte_for_byte(store: Store) {
    let app = spawn_app(store).await;
    let tmp = TempDir::new("portal-export");
    let dir = tmp.0.join("site");
    let report = export_to(&app, store, &dir, false).await.expect("the export");
    assert!(report.urls.len() > 100, "{report}");

    // Every exported file is the live answer at its address, in identity and
    // in each compressed sibling, with the content type a static host gives it.
    let mut files = exported_files(&dir);
    // The page-not-found pages are the live 404 answers, for the static host's
    // own 404s, in each language.
    for (url, file) in portal::export::NOT_FOUND_PAGES {
        let at = files.iter().position(|f| f.as_path() == Path::new(file)).unwrap_or_else(|| panic!("{file}"));
        files.remove(at);
        let res = app.client.get(format!("{}{url}", app.base)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{url}");
        let live = res.bytes().await.unwrap();
        let (bytes, siblings) = read_with_siblings(&dir.join(file));
        assert!(bytes == live, "{file} is not the live {url}");
        assert_eq!(siblings.len(), 2, "{file} has its .br and .gz");
        assert!(siblings.iter().all(|(_, d)| *d == live), "{file}'s siblings");
    }
    // security.txt is the live file but for its Expires, which moves with each
    // request: 180 days after the export.
    let at = files.iter().position(|f| f.as_path() == Path::new(portal::export::SECURITY_TXT)).expect("security.txt");
    files.remove(at);
    let (bytes, siblings) = read_with_siblings(&dir.join(portal::export::SECURITY_TXT));
    // (Too small to be worth compressing: like the portal, the export keeps no siblings.)
    assert!(siblings.iter().all(|(_, d)| *d == bytes), "security.txt's siblings");
    let exported = String::from_utf8(bytes).unwrap();
    let live = app.expect("/.well-known/security.txt", 200).await;
    let without_expiry = |t: &str| t.lines().filter(|l| !l.starts_with("Expires: ")).collect::<Vec<_>>().join("\n");
    assert_eq!(without_expiry(&exported), without_expiry(&live));
    assert!(exported.contains("Contact: mailto:security@portal.invalid"), "{exported}");
    let expires = |t: &str| t.lines().find_map(|l| l.strip_prefix("Expires: ")).map(str::to_string);
    let (Some(e), Some(l)) = (expires(&exported), expires(&live)) else { panic!("{exported}\n{live}") };
    let seconds = |v: &str| portal::domain::values::Timestamp::parse(v).unwrap().unix_seconds();
    let now = portal::domain::values::Timestamp::now().unix_seconds();
    assert!((seconds(&e) - now - 180 * 86_400).abs() < 600, "exported Expires {e}, 180 days on");
    assert!((seconds(&l) - seconds(&e)).abs() < 600, "exported Expires {e}, live {l}");
    let not_found = std::fs::read_to_string(dir.join("404.html")).unwrap();
    assert!(not_found.contains("Page not found"), "{not_found}");
    let no_encontrada = std::fs::read_to_string(dir.join("es/404.html")).unwrap();
    assert!(no_encontrada.contains("Página no encontrada") && no_encontrada.contains("lang=\"es\""));
    assert!(report.urls.iter().any(|u| u == "/.well-known/security.txt"), "{:?}", report.urls.last());
    assert_eq!(files.len() + 1, report.urls.len(), "one file per address (security.txt apart)");
    let exported: HashSet<String> = files.iter().map(|f| url_of(f)).collect();
    for file in &files {
        let url = url_of(file);
        let res = app.client.get(format!("{}{url}", app.base)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{url}");
        let live_type = res.headers()["content-type"].to_str().unwrap().to_string();
        let live = res.bytes().await.unwrap();
        let (bytes, siblings) = read_with_siblings(&dir.join(file));
        assert!(bytes == live, "{} differs from the live {url}", file.display());
        for (name, decompressed) in siblings {
            assert!(decompressed == live, "{name} does not decompress to the live {url}");
        }
        let served = served_type(file);
        assert_eq!(
            served.split(';').next(),
            live_type.split(';').next(),
            "{} is served as {served}, the portal sends {live_type}",
            file.display()
        );
    }
    for expected in [
        "/",
        "/es",
        "/audits",
        "/es/audits",
        "/spending/hava-2018-election-security/v/1",
        "/es/spending/hava-2018-election-security/v/1",
        "/spending/hava-2018-election-security/data.json",
        "/api/v1/audits",
        "/api/v1/grants/hava-2018-election-security/history",
        "/data/expenditures.csv",
        "/data/datapackage.json",
        "/feed.atom",
        "/sitemap.xml",
        "/robots.txt",
        "/charts/spending-by-category.svg",
        "/es/charts/spending-by-recipient.svg",
        "/log/checkpoint",
        "/log/key",
        "/log/tile/entries/000",
        "/documents/boone-county-2024-general-rla-report.txt",
        "/favicon.svg",
    ] {
        let url = if expected.contains("/log/tile/") {
            exported.iter().find(|u| u.starts_with(expected)).cloned().unwrap_or_default()
        } else {
            expected.to_string()
        };
        assert!(exported.contains(&url), "the export holds {expected}");
    }
    assert!(exported.iter().any(|u| u.starts_with("/log/tile/0/")), "a hash tile");
    assert!(exported.iter().any(|u| u.starts_with("/pkg/portal.") && u.ends_with(".css")), "the hashed stylesheet");
    assert!(exported.iter().any(|u| u.ends_with("/qr.svg")), "the QR codes");
    assert!(exported.iter().any(|u| u.ends_with("/proof.txt")), "the proof bundles");
    assert!(exported.iter().any(|u| u.ends_with("/manifest.csv")), "the evidence downloads");
    assert!(exported.iter().any(|u| u.starts_with("/jurisdictions/") && u.ends_with("/feed.atom")));
    // Only the public side: no officials' page, no server function, no planner
    // (its script carries a per-response nonce).
    for u in &exported {
        assert!(!u.starts_with("/admin") && !u.starts_with("/fn/") && !u.ends_with("/planner"), "{u} exported");
    }
    // The checkpoint the export carries is the live one, signed by the live key.
    let checkpoint = std::fs::read_to_string(dir.join("log/checkpoint")).unwrap();
    assert_eq!(checkpoint, app.expect("/log/checkpoint", 200).await);

    // Every page a reader reaches from / and /es, following links, is exported;
    // so is every page of the sitemap.
    let mut seen: BTreeSet<String> = ["/".to_string(), "/es".to_string()].into();
    let mut queue: VecDeque<String> = seen.iter().cloned().collect();
    let mut reached = 0;
    while let Some(url) = queue.pop_front() {
        if url.starts_with("/admin") || url.starts_with("/fn/") {
            continue;
        }
        let res = app.client.get(format!("{}{url}", app.base)).send().await.unwrap();
        let status = res.status().as_u16();
        let private =
            res.headers().get("cache-control").and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("private"));
        let html =
            res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").starts_with("text/html");
        let body = res.text().await.unwrap_or_default();
        if status != 200 || private {
            continue;
        }
        reached += 1;
        assert!(exported.contains(&url), "{url} is reached by following links but not exported");
        if html {
            for link in page_links(&body, &app.base) {
                if seen.insert(link.clone()) {
                    queue.push_back(link);
                }
            }
        }
    }
    assert!(reached > 50, "the crawl reached {reached} addresses");
    let sitemap = app.expect("/sitemap.xml", 200).await;
    for loc in sitemap.split("<loc>").skip(1) {
        let url = loc.split("</loc>").next().unwrap().strip_prefix(&app.base).unwrap();
        assert!(exported.contains(url), "the sitemap's {url} is exported");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exporting_into_a_busy_or_unwritable_folder_fails_clearly() {
    let app = crate::support::spawn_empty(Store::Sqlite).await;
    let tmp = TempDir::new("portal-export-busy");

    // A folder with something in it is refused, and left as it was.
    let busy = tmp.0.join("busy");
    std::fs::create_dir_all(&busy).unwrap();
    std::fs::write(busy.join("keep.txt"), "mine").unwrap();
    let err = export_to(&app, Store::Sqlite, &busy, false).await.unwrap_err();
    assert!(err.contains("is not empty") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(busy.join("keep.txt")).unwrap(), "mine");
    let leftovers: Vec<_> = std::fs::read_dir(&tmp.0).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(leftovers.len(), 1, "nothing half-written beside it: {leftovers:?}");

    // With --force its contents are replaced by the export.
    export_to(&app, Store::Sqlite, &busy, true).await.expect("a forced export");
    assert!(!busy.join("keep.txt").exists());
    assert!(busy.join("index.html").exists() && busy.join("es/index.html").exists());

    // A place that cannot be written is refused, saying where.
    let err = export_to(&app, Store::Sqlite, Path::new("/proc/portal-export"), false).await.unwrap_err();
    assert!(err.contains("cannot write the export"), "{err}");
    let file = tmp.0.join("a-file");
    std::fs::write(&file, "x").unwrap();
    let err = export_to(&app, Store::Sqlite, &file, false).await.unwrap_err();
    assert!(err.contains("is a file"), "{err}");

    // The command line says the same, and asks for the site's address.
    let run = |args: &[&str], url: Option<&str>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_portal"));
        cmd.args(args)
            .env("DATABASE_URL", app.db.url())
            .env("PORTAL_LOG_KEY_FILE", &app.log_key_file)
            .env_remove("PORTAL_POLICY")
            .env_remove("PORTAL_PUBLIC_URL");
        if let Some(u) = url {
            cmd.env("PORTAL_PUBLIC_URL", u);
        }
        let out = cmd.output().expect("run portal");
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let busy_arg = busy.display().to_string();
    let (code, err) = run(&["export", &busy_arg], None);
    assert_eq!(code, 1);
    assert!(err.contains("--public-url"), "{err}");
    let (code, err) = run(&["export", &busy_arg], Some("https://results.example.gov"));
    assert_eq!(code, 1);
    assert!(err.contains("portal export:") && err.contains("is not empty"), "{err}");
}
