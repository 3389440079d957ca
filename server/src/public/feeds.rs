//! The Atom feeds of publications, corrections and retractions (site-wide and per
//! jurisdiction), the sitemap and robots.txt: built from the published tables only.

use super::reader::Reader;
use crate::db::versions::Publication;
use crate::db::{reference, versions};
use crate::error::{AppError, AppResult};
use app::i18n::Lang;
use app::model::RecordKind;
use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};

/// Escapes text for XML (and SVG) content and attributes.
pub fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The plural name a kind's feed ids use (kept stable for feed readers).
fn plural(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Audit => "audits",
        RecordKind::Grant => "grants",
        RecordKind::Expenditure => "expenditures",
        RecordKind::Update => "updates",
    }
}

/// A permanent id for a publication's feed entry, and where it can be read.
fn addresses(base: &str, p: &Publication) -> (String, String) {
    let prefix = p.kind.path_prefix();
    if p.retraction_reason.is_some() {
        // The tombstone lives at the record's current address.
        return (format!("{base}/{}/{}/retracted", plural(p.kind), p.slug), format!("{base}{prefix}/{}", p.slug));
    }
    let id = format!("{base}/{}/{}/v/{}", plural(p.kind), p.slug, p.version);
    (id, format!("{base}{prefix}/{}/v/{}", p.slug, p.version))
}

fn title(p: &Publication) -> String {
    let what = match (p.kind, &p.audit_type) {
        (RecordKind::Audit, Some(t)) => format!("{} — {}", Lang::En.audit_type(*t), p.title),
        (RecordKind::Expenditure, _) => format!("Expenditure: {}", p.title),
        (RecordKind::Grant, _) => format!("Grant: {}", p.title),
        _ => p.title.clone(),
    };
    match (&p.retraction_reason, &p.correction_note) {
        (Some(_), _) => format!("Retracted: {what}"),
        (None, Some(_)) => format!("Corrected (version {}): {what}", p.version),
        (None, None) => format!("Published: {what}"),
    }
}

fn instant(s: &str) -> AppResult<FixedDateTime> {
    FixedDateTime::parse_from_rfc3339(s).map_err(|e| AppError::internal(anyhow::anyhow!("a stored time \"{s}\": {e}")))
}

fn link(href: String, rel: &str, mime: &str) -> Link {
    let mut l = Link::default();
    l.set_href(href);
    l.set_rel(rel);
    l.set_mime_type(Some(mime.to_string()));
    l
}

/// The Atom feed of the newest publications, corrections and retractions, for
/// the whole portal or one jurisdiction (`None` if there is no such jurisdiction).
/// `checkpoint` is the log's current signed checkpoint, carried in the feed (as
/// `<tlog:checkpoint>`) so that whoever archives the feed keeps old checkpoints.
pub async fn atom(reader: &Reader, jurisdiction: Option<&str>, checkpoint: &str) -> AppResult<Option<String>> {
    let base = reader.public_url();
    let (name, self_path) = match jurisdiction {
        Some(slug) => match reference::jurisdiction(reader.db(), slug).await? {
            Some(j) => (j.name, format!("/jurisdictions/{slug}/feed.atom")),
            None => return Ok(None),
        },
        None => ("All jurisdictions".to_string(), "/feed.atom".to_string()),
    };
    let office = reader.site_info().await?.office;
    let items = versions::publications(reader.db(), jurisdiction, 50).await?;
    let updated = items.first().map(|p| p.published_at.clone()).unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut entries = Vec::new();
    for p in &items {
        let (id, href) = addresses(base, p);
        let summary = match (&p.retraction_reason, &p.correction_note) {
            (Some(reason), _) => format!("Retraction: {reason}"),
            (None, Some(note)) => format!("Correction: {note}"),
            (None, None) => "First publication.".to_string(),
        };
        let mut e = Entry::default();
        e.set_title(Text::plain(title(p)));
        e.set_id(id);
        e.set_links(vec![link(href, "alternate", "text/html")]);
        e.set_updated(instant(&p.published_at)?);
        e.set_summary(Some(Text::plain(summary)));
        entries.push(e);
    }
    let mut feed = Feed::default();
    feed.set_title(Text::plain(format!("Election Transparency Portal: publications and corrections ({name})")));
    feed.set_id(format!("{base}{self_path}"));
    feed.set_links(vec![
        link(format!("{base}{self_path}"), "self", "application/atom+xml"),
        link(format!("{base}/"), "alternate", "text/html"),
    ]);
    feed.set_updated(instant(&updated)?);
    feed.set_authors(vec![Person { name: office, ..Default::default() }]);
    feed.set_entries(entries);
    let mut ext = atom_syndication::extension::Extension::default();
    ext.set_name("tlog:checkpoint");
    ext.set_value(Some(checkpoint.to_string()));
    feed.namespaces.insert("tlog".into(), "https://c2sp.org/tlog-checkpoint".into());
    feed.extensions.entry("tlog".into()).or_default().insert("checkpoint".into(), vec![ext]);
    Ok(Some(feed.to_string()))
}

/// Every public page (in both languages), with the date it last changed.
pub async fn sitemap(reader: &Reader) -> AppResult<String> {
    let base = reader.public_url();
    let mut urls: Vec<(String, Option<String>)> =
        super::urls::SITE_PAGES.iter().map(|p| (p.to_string(), None)).collect();
    for (path, lastmod) in versions::current_record_paths(reader.db()).await? {
        urls.push((path, Some(lastmod)));
    }
    let newest = versions::last_change(reader.db()).await?;
    for j in reference::jurisdictions(reader.db()).await? {
        urls.push((format!("/jurisdictions/{}", j.slug), newest.clone()));
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, lastmod) in &urls {
        for lang in [Lang::En, Lang::Es] {
            out.push_str("  <url><loc>");
            out.push_str(&xml(&format!("{base}{}", lang.href(path))));
            out.push_str("</loc>");
            if let Some(date) = lastmod {
                out.push_str("<lastmod>");
                out.push_str(&xml(date.get(0..10).unwrap_or(date)));
                out.push_str("</lastmod>");
            }
            out.push_str("</url>\n");
        }
    }
    out.push_str("</urlset>\n");
    Ok(out)
}

pub fn robots(reader: &Reader) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {}/sitemap.xml\n", reader.public_url())
}
