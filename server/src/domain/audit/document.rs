//! A public document about an audit (a report), with the SHA-256 of its bytes.

use super::super::draft::{Checks, FieldError};
use super::super::values::Line;

/// A public document about the audit, with the SHA-256 of its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentDraft {
    pub title: Line,
    /// A site-relative path (`/documents/report.pdf`) or an https address.
    pub url: String,
    /// Lower-case hex SHA-256.
    pub sha256: String,
}

impl DocumentDraft {
    pub fn new(title: &str, url: &str, sha256: &str) -> Result<DocumentDraft, Vec<FieldError>> {
        let mut c = Checks::default();
        let title = c.field("document_title", Line::parse(title));
        let url_ok = (url.starts_with('/') && !url.starts_with("//") || url.starts_with("https://"))
            && url.len() <= 500
            && !url.chars().any(|ch| ch.is_whitespace() || ch.is_control() || ch == '"' || ch == '<' || ch == '>');
        if !url_ok {
            c.fail("document_url", "use a site-relative path such as /documents/report.pdf or an https:// address");
        }
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            c.fail("document_sha256", "give the document's SHA-256 as 64 lower-case hexadecimal characters");
        }
        let doc = title.map(|title| DocumentDraft { title, url: url.to_string(), sha256: sha256.to_string() });
        c.finish(doc)
    }
}
