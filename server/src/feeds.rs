//! The Atom feed of publications and corrections, the sitemap and robots.txt:
//! built from the published tables only.

use crate::error::AppResult;
use crate::store::{Publication, PublicStore};
use app::i18n::Lang;
use app::model::AuditType;

/// Escapes text for XML (and SVG) content and attributes.
pub fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Where a publication can be read, and a permanent id for its feed entry.
fn addresses(base: &str, p: &Publication) -> (String, String) {
    let prefix = match p.kind {
        "audits" => "/audits",
        "updates" => "/updates",
        "grants" => "/spending",
        _ => "/expenditures",
    };
    if p.retraction_reason.is_some() {
        // The tombstone lives at the record's current address.
        return (format!("{base}/{}/{}/retracted", p.kind, p.slug), format!("{base}{prefix}/{}", p.slug));
    }
    let id = format!("{base}/{}/{}/v/{}", p.kind, p.slug, p.version);
    (id, format!("{base}{prefix}/{}/v/{}", p.slug, p.version))
}

fn title(p: &Publication) -> String {
    let what = match (p.kind, &p.audit_type) {
        ("audits", Some(t)) => format!(
            "{} — {}",
            AuditType::from_code(t).map(|t| Lang::En.audit_type(t)).unwrap_or("Audit"),
            p.title
        ),
        ("expenditures", _) => format!("Expenditure: {}", p.title),
        ("grants", _) => format!("Grant: {}", p.title),
        _ => p.title.clone(),
    };
    match (&p.retraction_reason, &p.correction_note) {
        (Some(_), _) => format!("Retracted: {what}"),
        (None, Some(_)) => format!("Corrected (version {}): {what}", p.version),
        (None, None) => format!("Published: {what}"),
    }
}

/// The Atom feed of the newest publications and corrections, for the whole portal
/// or one jurisdiction.
pub async fn atom(store: &PublicStore, jurisdiction: Option<&str>) -> AppResult<Option<String>> {
    let base = store.public_url();
    let (name, self_path) = match jurisdiction {
        Some(slug) => match store.jurisdiction_name(slug).await? {
            Some(name) => (name, format!("/jurisdictions/{slug}/feed.atom")),
            None => return Ok(None),
        },
        None => ("All jurisdictions".to_string(), "/feed.atom".to_string()),
    };
    let office = store.site_info().await?.office;
    let items = store.publications(jurisdiction, 50).await?;
    let updated = items.first().map(|p| p.published_at.clone()).unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    out.push_str(&format!("  <title>Election Transparency Portal: publications and corrections ({})</title>\n", xml(&name)));
    out.push_str(&format!("  <id>{}</id>\n", xml(&format!("{base}{self_path}"))));
    out.push_str(&format!("  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n", xml(&format!("{base}{self_path}"))));
    out.push_str(&format!("  <link rel=\"alternate\" type=\"text/html\" href=\"{}/\"/>\n", xml(base)));
    out.push_str(&format!("  <updated>{}</updated>\n", xml(&updated)));
    out.push_str(&format!("  <author><name>{}</name></author>\n", xml(&office)));
    for p in &items {
        let (id, link) = addresses(base, p);
        let summary = match (&p.retraction_reason, &p.correction_note) {
            (Some(reason), _) => format!("Retraction: {reason}"),
            (None, Some(note)) => format!("Correction: {note}"),
            (None, None) => "First publication.".to_string(),
        };
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", xml(&title(p))));
        out.push_str(&format!("    <id>{}</id>\n", xml(&id)));
        out.push_str(&format!("    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml(&link)));
        out.push_str(&format!("    <updated>{}</updated>\n", xml(&p.published_at)));
        out.push_str(&format!("    <summary>{}</summary>\n", xml(&summary)));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    Ok(Some(out))
}

/// Every public page (in both languages), with the date it last changed.
pub async fn sitemap(store: &PublicStore) -> AppResult<String> {
    let base = store.public_url();
    let mut urls: Vec<(String, Option<String>)> = ["/", "/audits", "/spending", "/updates", "/about", "/data"]
        .iter()
        .map(|p| (p.to_string(), None))
        .collect();
    for (path, lastmod) in store.current_record_paths().await? {
        urls.push((path, Some(lastmod)));
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, lastmod) in &urls {
        for lang in [Lang::En, Lang::Es] {
            out.push_str(&format!("  <url><loc>{}</loc>", xml(&format!("{base}{}", lang.href(path)))));
            if let Some(date) = lastmod {
                out.push_str(&format!("<lastmod>{}</lastmod>", xml(date.get(0..10).unwrap_or(date))));
            }
            out.push_str("</url>\n");
        }
    }
    out.push_str("</urlset>\n");
    Ok(out)
}

pub fn robots(store: &PublicStore) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {}/sitemap.xml\n", store.public_url())
}
