//! Versions. A version of firmware, a named product or an operating system is blocked;
//! a version of a report, policy or procedure passes; a version of something the
//! sentence does not name warns. The nearer noun (a system or a document) decides.

use super::super::hints::{HINT_VERSION, HINT_VERSION_UNSURE};
use super::super::patterns::rules;
use super::super::sentences::{previous_word, Sentence};
use super::super::{Scanner, Severity};

/// Words before "application", "program", "system" or "unit" that make it not software.
const NOT_SYSTEM_QUALIFIERS: &[&str] = &[
    "grant",
    "absentee",
    "voter",
    "registration",
    "ballot",
    "job",
    "rental",
    "permit",
    "funding",
    "loan",
    "training",
    "outreach",
    "education",
    "audit",
    "navigator",
    "assistance",
    "cyber",
    "mail",
    "mailing",
    "state",
    "federal",
    "public",
    "security",
    "awareness",
    "subgrant",
    "reimbursement",
    "hava",
    "eac",
    "pilot",
    "certification",
    "accessibility",
    "language",
    "translation",
    "housing",
    "storage",
    "court",
    "party",
    "primary",
    "judicial",
    "school",
    "road",
    "library",
    "records",
];

impl Scanner<'_> {
    /// Versions: of a named system (blocked), of a document (passes), or unclear (warns).
    pub(super) fn versions(&self, s: &mut Sentence) {
        let r = rules();
        let t = s.text;
        // A voting system's certified version is public (the EAC and the states publish
        // it), as the product rules already read it.
        if s.has(&r.certified) && s.has(&r.voting_system) {
            return;
        }
        for (a, b) in s.find(&r.version_system) {
            s.add(a, b, "version", Severity::Block, HINT_VERSION);
        }
        for (a, b) in s.find(&r.version_product) {
            s.add(a, b, "version", Severity::Block, HINT_VERSION);
        }
        let versions = s.find(&r.version_context);
        let triples: Vec<(usize, usize)> = s
            .find(&r.dotted_triple)
            .into_iter()
            .filter(|&(a, b)| {
                let m = &t[a..b];
                let cited = m.chars().next().is_some_and(|c| !c.is_ascii_digit());
                !cited && m.split('.').count() == 3
            })
            .collect();
        if versions.is_empty() && triples.is_empty() {
            return;
        }
        let documents = s.find(&r.document_noun);
        // "grant application", "training program", "housing units" are not systems.
        let systems: Vec<(usize, usize)> = s
            .find(&r.system_noun)
            .into_iter()
            .filter(|&(a, b)| {
                let noun = t[a..b].to_ascii_lowercase();
                let ambiguous = ["application", "program", "system", "unit"].iter().any(|w| noun.starts_with(w));
                !(ambiguous && NOT_SYSTEM_QUALIFIERS.contains(&previous_word(t, a).as_str()))
            })
            .collect();
        let nearest = |list: &[(usize, usize)], a: usize, b: usize| -> Option<usize> {
            list.iter().filter(|&&(x, y)| y <= a || x >= b).map(|&(x, y)| if y <= a { a - y } else { x - b }).min()
        };
        for (a, b, is_triple) in
            versions.iter().map(|&(a, b)| (a, b, false)).chain(triples.iter().map(|&(a, b)| (a, b, true)))
        {
            match (nearest(&documents, a, b), nearest(&systems, a, b)) {
                (Some(d), Some(y)) if d < y => {}
                (Some(_), None) => {}
                (None, None) if !is_triple => s.add(a, b, "version", Severity::Warn, HINT_VERSION_UNSURE),
                _ => s.add(a, b, "version", Severity::Block, HINT_VERSION),
            }
        }
    }
}

/// The end of a version number right after byte `b` ("5.5-A", "v6.2", "version 3.1"), or `b`.
pub(super) fn t_after_version(t: &str, b: usize) -> usize {
    let rest = &t[b..];
    let trimmed = rest.trim_start();
    let mut i = b + (rest.len() - trimmed.len());
    let lower = trimmed.to_ascii_lowercase();
    if lower.starts_with("version ") {
        i += 8;
    } else if lower.starts_with('v') && lower[1..].starts_with(|c: char| c.is_ascii_digit()) {
        i += 1;
    }
    let bytes = t.as_bytes();
    let start = i;
    let mut dots = 0;
    while i < bytes.len()
        && (bytes[i].is_ascii_digit() || (bytes[i] == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
    {
        if bytes[i] == b'.' {
            dots += 1;
        }
        i += 1;
    }
    if i == start || dots == 0 {
        return b;
    }
    if bytes.get(i) == Some(&b'-') && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) {
        i += 2;
    }
    i
}
