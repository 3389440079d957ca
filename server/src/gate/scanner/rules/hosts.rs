//! URLs and host names: hosts under the policy's internal suffixes, domains off its
//! allow-list, and host-looking names under an allowed public domain (vault01, vpn, db)
//! that are internal servers rather than public web hosts.

use super::super::hints::{HINT_HOST, HINT_HOST_UNDER_PUBLIC};
use super::super::patterns::rules;
use super::super::sentences::Sentence;
use super::super::{Scanner, Severity};

/// Endings of file names, which look like host names ("report.pdf") but are not.
const FILE_EXTENSIONS: &[&str] = &[
    "pdf", "csv", "txt", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "zip", "json", "xml", "png", "jpg", "jpeg",
    "gif", "svg", "md", "rtf", "odt", "ods", "tsv",
];

/// Top-level domains taken as a domain name (so "St.Louis" or "e.g" are not).
const TLDS: &[&str] = &[
    "com",
    "org",
    "net",
    "gov",
    "edu",
    "us",
    "io",
    "info",
    "biz",
    "co",
    "mil",
    "int",
    "ai",
    "app",
    "dev",
    "cloud",
    "tech",
    "online",
    "site",
    "xyz",
    "me",
    "tv",
    "ly",
    "uk",
    "ca",
    "de",
    "eu",
    "ru",
    "cn",
    "in",
    "au",
    "nl",
    "fr",
    "arpa",
    "local",
    "lan",
    "internal",
    "corp",
    "intranet",
    "localdomain",
    "private",
    "home",
    "test",
    "example",
    "invalid",
    "localhost",
    "sys",
    "ad",
];

/// What a host name under the policy's domains is.
enum HostVerdict {
    Allowed,
    NotAllowed,
    Internal,
    InternalUnderPublic,
}

impl Scanner<'_> {
    /// The longest allowed domain that `host` is, or is under.
    fn allowed_domain_of(&self, host: &str) -> Option<&str> {
        self.policy
            .scanner
            .allowed_domains
            .iter()
            .filter(|d| host == d.as_str() || host.ends_with(&format!(".{d}")))
            .max_by_key(|d| d.len())
            .map(|d| d.as_str())
    }

    /// The public body's own domain that `host` is, or is under, when it is under one of
    /// the policy's public government suffixes: the suffix and one label more
    /// ("ncsbe.gov" for "er.ncsbe.gov", "sos.state.mn.us").
    fn public_body_domain<'h>(&self, host: &'h str) -> Option<&'h str> {
        let labels: Vec<&str> = host.split('.').collect();
        self.policy
            .scanner
            .public_suffixes
            .iter()
            .filter_map(|suffix| {
                let pattern: Vec<&str> = suffix.split('.').collect();
                // "gov" needs a label more (ncsbe.gov); "co.*.*.us" is a body's own name.
                let body = if pattern.len() == 1 { pattern.len() + 1 } else { pattern.len() };
                if labels.len() < body {
                    return None;
                }
                let tail = &labels[labels.len() - pattern.len()..];
                let fits = pattern.iter().zip(tail).all(|(p, l)| *p == "*" || p == l);
                fits.then_some(body)
            })
            .max()
            .map(|n| {
                let skip: usize = labels[..labels.len() - n].iter().map(|l| l.len() + 1).sum();
                &host[skip..]
            })
    }

    /// Whether `host` ends in one of the policy's internal suffixes (.local, .internal...).
    fn internal(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        self.policy.scanner.internal_suffixes.iter().any(|s| host == *s || host.ends_with(&format!(".{s}")))
    }

    /// Whether one label of a host name looks like an internal server's.
    fn internal_label(&self, label: &str) -> bool {
        let words = &self.policy.scanner.internal_host_words;
        if label.chars().any(|c| c.is_ascii_digit()) {
            return true;
        }
        label.split(|c: char| !c.is_ascii_alphabetic()).filter(|p| !p.is_empty()).any(|part| {
            words.iter().any(|w| {
                part == w
                    || (w.len() >= 3 && (part.starts_with(w.as_str()) || part.ends_with(w.as_str())))
                    || (w.len() == 2
                        && ["db", "dc", "fs", "gw", "fw", "vm"].contains(&w.as_str())
                        && part.ends_with(w.as_str()))
            })
        })
    }

    /// Whether `host` is internal, allowed, off the allow-list, or internal-looking under
    /// an allowed public domain (vault01.boonecountymo.org).
    fn host_verdict(&self, host: &str) -> HostVerdict {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        if self.internal(&host) {
            return HostVerdict::Internal;
        }
        let body = self.allowed_domain_of(&host).is_none().then(|| self.public_body_domain(&host)).flatten();
        // A public body's name has no digits (db01.state.mn.us is a server, not a body).
        if body.is_some_and(|b| {
            b.split('.').count() == 2 && b.split('.').next().is_some_and(|l| l.chars().any(|c| c.is_ascii_digit()))
        }) {
            return HostVerdict::InternalUnderPublic;
        }
        let Some(domain) = self.allowed_domain_of(&host).or(body) else {
            return HostVerdict::NotAllowed;
        };
        if host == domain {
            return HostVerdict::Allowed;
        }
        let prefix = &host[..host.len() - domain.len() - 1];
        let public = &self.policy.scanner.public_host_labels;
        let labels: Vec<&str> = prefix.split('.').collect();
        if labels.iter().all(|l| public.iter().any(|p| p == l)) {
            return HostVerdict::Allowed;
        }
        if labels.iter().any(|l| !public.iter().any(|p| p == l) && self.internal_label(l)) {
            return HostVerdict::InternalUnderPublic;
        }
        HostVerdict::Allowed
    }

    /// URLs and host names: internal suffixes, domains off the allow-list, and
    /// host-looking names under an allowed public domain.
    pub(super) fn hosts(&self, s: &mut Sentence) {
        let r = rules();
        let t = s.text;
        for (a, b) in s.find(&r.url) {
            let host = t[a..b].split("://").nth(1).unwrap_or("").split(['/', ':', '?', '#', '@']).next().unwrap_or("");
            match self.host_verdict(host) {
                HostVerdict::Allowed => {}
                HostVerdict::InternalUnderPublic => s.add(a, b, "url", Severity::Block, HINT_HOST_UNDER_PUBLIC),
                _ => {
                    s.add(a, b, "url", Severity::Block, "Link only to the public addresses on the policy's allow-list.")
                }
            }
        }
        for (a, b) in s.find(&r.host) {
            let host = &t[a..b];
            // Part of an e-mail address (handled above) or of a number like 1.5.
            if t[..a].ends_with('@') || host.chars().all(|c| c.is_ascii_digit() || c == '.') {
                continue;
            }
            let labels: Vec<&str> = host.split('.').collect();
            let tld = labels.last().unwrap_or(&"").to_ascii_lowercase();
            if labels.iter().all(|l| l.len() <= 1) || FILE_EXTENSIONS.contains(&tld.as_str()) {
                continue;
            }
            let domain_like = TLDS.contains(&tld.as_str()) && tld.chars().all(|c| c.is_ascii_alphabetic());
            match self.host_verdict(host) {
                HostVerdict::Internal => s.add(a, b, "internal-host", Severity::Block, HINT_HOST),
                HostVerdict::InternalUnderPublic => {
                    s.add(a, b, "internal-host", Severity::Block, HINT_HOST_UNDER_PUBLIC)
                }
                HostVerdict::NotAllowed if domain_like => {
                    s.add(a, b, "domain", Severity::Block, "Only domains on the policy's allow-list may be published.")
                }
                _ => {}
            }
        }
    }
}
