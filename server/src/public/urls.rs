//! Every public address, listed once: the sitemap's pages in both languages,
//! every version of every record (page, `data.json`, proof bundle, QR code,
//! manifest), each collection's downloads and API list, the feeds, the charts,
//! the log's checkpoint, key and tiles, the hashed assets and the static files.
//! `portal export` renders these (and whatever their pages link); the leak crawl
//! in the tests visits them.
//!
//! Only addresses without a query string: a filtered list or a page of results
//! is the live portal's alone. Some listed addresses may answer 404 (an audit
//! without a manifest): whoever visits the list keeps only the answers it wants.

use super::records::EvidenceFile;
use super::PublicState;
use crate::db::{reference, retractions, versions};
use crate::error::AppResult;
use app::i18n::Lang;
use app::model::RecordKind;

/// The site's own pages (in English; each also at `/es…`), which the sitemap
/// lists besides the records and jurisdictions.
pub const SITE_PAGES: &[&str] = &["/", "/audits", "/spending", "/updates", "/about", "/data"];

/// The charts, each in both languages.
pub const CHARTS: &[&str] = &["/charts/spending-by-category.svg", "/charts/spending-by-recipient.svg"];

/// The API's name for a record kind's collection.
fn api_name(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Audit => "audits",
        RecordKind::Grant => "grants",
        RecordKind::Expenditure => "expenditures",
        RecordKind::Update => "updates",
    }
}

/// Every public address the data holds now, without duplicates, in a stable
/// order. Pages come with their Spanish twins.
pub async fn every_public_url(state: &PublicState) -> AppResult<Vec<String>> {
    let db = state.reader.db();
    let mut pages: Vec<String> = SITE_PAGES.iter().map(|p| p.to_string()).collect();
    pages.extend(CHARTS.iter().map(|c| c.to_string()));
    let mut other: Vec<String> = [
        "/feed.atom",
        "/sitemap.xml",
        "/robots.txt",
        "/data/datapackage.json",
        "/api/v1",
        "/api/v1/openapi.json",
        "/api/v1/jurisdictions",
        "/log/checkpoint",
        "/log/key",
    ]
    .iter()
    .map(|p| p.to_string())
    .collect();
    for c in app::data::Collection::ALL {
        other.push(format!("/data/{}.csv", c.name()));
        other.push(format!("/data/{}.json", c.name()));
        other.push(format!("/api/v1/{}", c.name()));
    }
    for j in reference::jurisdictions(db).await? {
        pages.push(format!("/jurisdictions/{}", j.slug));
        other.push(format!("/jurisdictions/{}/feed.atom", j.slug));
    }
    let mut records: Vec<(RecordKind, String)> = Vec::new();
    for (kind, slug, version) in versions::every_version(db).await? {
        let record = format!("{}/{slug}", kind.path_prefix());
        let api = format!("/api/v1/{}/{slug}", api_name(kind));
        if !records.iter().any(|(k, s)| *k == kind && *s == slug) {
            records.push((kind, slug.clone()));
            pages.push(record.clone());
            other.push(format!("{record}/data.json"));
            other.push(api.clone());
            other.push(format!("{api}/history"));
            if kind == RecordKind::Audit {
                for file in EvidenceFile::ALL {
                    other.push(format!("{record}/{}", file.file_name()));
                }
            }
        }
        pages.push(format!("{record}/v/{version}"));
        other.push(format!("{record}/v/{version}/data.json"));
        other.push(format!("{record}/v/{version}/proof.txt"));
        other.push(format!("{api}/versions/{version}"));
        if kind == RecordKind::Audit {
            other.push(format!("{record}/v/{version}/qr.svg"));
            for file in EvidenceFile::ALL {
                other.push(format!("{record}/v/{version}/{}", file.file_name()));
            }
        }
    }
    for (kind, slug, last_version) in retractions::every(db).await? {
        other.push(crate::transparency::retraction_path(kind, &slug, last_version));
    }
    let size = crate::transparency::tree::size(&mut *db.conn().await?).await?;
    for tile in tlog::tile::tiles_for_size(size) {
        other.push(format!("/log/{}", tile.path()));
        if let Some(bundle) = tile.entry_bundle_path() {
            other.push(format!("/log/{bundle}"));
        }
    }
    let assets = &state.assets.names;
    other.push(assets.css.clone());
    other.extend(assets.js.iter().cloned());
    other.extend(assets.wasm.iter().cloned());
    other.extend(static_files(&state.leptos_options.site_root));

    let mut out: Vec<String> = Vec::new();
    for page in &pages {
        out.push(page.clone());
        out.push(Lang::Es.href(page));
    }
    out.extend(other);
    let mut seen = std::collections::HashSet::new();
    out.retain(|u| seen.insert(u.clone()));
    Ok(out)
}

/// The files the site root serves as they are (the favicon, the public
/// documents), except the build's unhashed assets under `pkg/`, which pages
/// link by their hashed names.
fn static_files(site_root: &str) -> Vec<String> {
    fn walk(dir: &std::path::Path, prefix: &str, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut entries: Vec<_> = entries.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let Some(name) = e.file_name().to_str().map(str::to_string) else { continue };
            if name.starts_with('.') || (prefix.is_empty() && name == "pkg") {
                continue;
            }
            let path = format!("{prefix}/{name}");
            match e.file_type() {
                Ok(t) if t.is_dir() => walk(&e.path(), &path, out),
                Ok(t) if t.is_file() => out.push(path),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(std::path::Path::new(site_root), "", &mut out);
    out
}

/// The same-site addresses a page links or loads (`href` and `src`), without
/// fragment; addresses with a query string are left out (they are the live
/// portal's), and so are the officials' pages and the server functions.
/// Absolute links to `public_url` count as the site's own.
pub fn links(html: &str, public_url: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attr) {
            rest = &rest[at + attr.len()..];
            let Some(end) = rest.find('"') else { break };
            let raw = rest[..end].replace("&amp;", "&");
            rest = &rest[end..];
            let raw = raw.strip_prefix(public_url).map(str::to_string).unwrap_or(raw);
            let path = raw.split('#').next().unwrap_or("");
            if !path.starts_with('/') || path.starts_with("//") || path.contains('?') || !is_public_path(path) {
                continue;
            }
            let path = if path.len() > 1 { path.trim_end_matches('/') } else { path };
            if !out.iter().any(|o| o == path) {
                out.push(path.to_string());
            }
        }
    }
    out
}

/// Not the officials' side, the server functions or the log's one write.
pub fn is_public_path(path: &str) -> bool {
    !(path == "/admin"
        || path.starts_with("/admin/")
        || path.starts_with("/fn/")
        || path == "/log/cosignature"
        || path.starts_with("/log/proof/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_the_sites_own_paths_without_queries() {
        let html = r##"<a href="/audits">a</a><a href="/audits?page=2">p</a><link href="/pkg/portal.1.css">
            <img src="/charts/x.svg"><a href="https://example.org/x">x</a><a href="//evil/">e</a>
            <a href="http://site.test/es/data#top">d</a><a href="/admin/sign-in">s</a><a href="#main">m</a>
            <a href="/audits">again</a>"##;
        assert_eq!(links(html, "http://site.test"), vec!["/audits", "/pkg/portal.1.css", "/es/data", "/charts/x.svg"]);
    }
}
