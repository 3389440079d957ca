//! The gate's scanner: finds defensive details in public free text.
//!
//! It reads context, not just patterns: a dotted number is a version only after
//! "version", "firmware" and the like; a physical-security word is a finding only
//! when the sentence also says where, when or which key; a domain is a finding only
//! when it is internal or not on the policy's allow-list. Ordinary public prose —
//! dates, amounts, percentages, statute citations, contest names, "version 2 of this
//! report", county web addresses — passes.

use super::policy::Policy;
use regex::{Regex, RegexBuilder};
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// Publication is refused until the text is fixed or a reviewer overrides it.
    Block,
    /// Shown to the author and reviewer; does not stop publication.
    Warn,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Block => "block",
            Severity::Warn => "warn",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub field: String,
    /// Character (not byte) range of the finding in the field's text.
    pub start: usize,
    pub end: usize,
    pub rule: &'static str,
    pub severity: Severity,
    pub hint: &'static str,
    /// The matched text, for the official's eyes only.
    pub excerpt: String,
}

struct Rules {
    ipv4: Regex,
    ipv6: Regex,
    mac: Regex,
    url: Regex,
    host: Regex,
    email: Regex,
    phone: Regex,
    port: Regex,
    cve: Regex,
    version_keyword: Regex,
    version_product: Regex,
    dotted_triple: Regex,
    credential_assignment: Regex,
    key_material: Regex,
    token_like: Regex,
    access_code: Regex,
    secret_said_later: Regex,
    login_pair: Regex,
    code_said_later: Regex,
    physical_detail: Regex,
}

fn re(pattern: &str) -> Regex {
    RegexBuilder::new(pattern).case_insensitive(true).build().expect("scanner pattern")
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules {
        ipv4: re(r"\b(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,2})?(?::\d{1,5})?\b"),
        ipv6: re(r"(?:\b|::)(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{0,4}(?:/\d{1,3})?|::(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4}\b"),
        mac: re(r"\b[0-9a-f]{2}(?:[:-][0-9a-f]{2}){5}\b|\b[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}\b"),
        url: re(r"\b(?:https?|ftp|sftp|smb|ssh|rdp|ldap)://[^\s<>\x22')\]]+"),
        host: re(r"\b[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)+\b"),
        email: re(r"\b[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}\b"),
        phone: re(r"(?:\+?1[-. ]?)?(?:\(\d{3}\)\s?|\b\d{3}[-. ])\d{3}[-. ]\d{4}\b(?:\s*(?:x|ext\.?)\s*\d{1,5})?"),
        port: re(r"\b(?:ports?|tcp|udp)(?:\s+(?:number|no\.?|#))?\s*[/:#]?\s*\d{1,5}\b(?:\s*(?:,|and|or|/)\s*\d{1,5}\b)*|\b(?:listen(?:s|ing)?\s+on|open\s+on|exposed\s+on|forwarded\s+to|answers\s+on|responds\s+on|reachable\s+on)\s+(?:port\s+)?\d{2,5}\b|\b(?:rdp|ssh|smb|telnet|vnc|http|https|ftp)\s+(?:on\s+|via\s+)?(?:port\s+)?\d{2,5}\b"),
        cve: re(r"\bCVE-\d{4}-\d{4,7}\b"),
        version_keyword: re(r"\b(?:version|ver\.?|firmware|fw|build|release|patch(?:ed)?|software|os|bios|kernel|update)\s*(?:level\s*|number\s*|no\.?\s*|is\s*|to\s*|of\s*|=\s*|:\s*)?v?\d+(?:\.\d+)+[a-z]?\b|\bv\d+(?:\.\d+)+\b|\b(?:firmware|build)\s+\d+\b|\bversion\s+(?:[013-9]\d{2,}|2[1-9]\d{2}|2\d{4,}|\d{3})\b"),
        version_product: re(r"\b(?:windows(?:\s+server)?|ubuntu|debian|red\s+hat|rhel|centos|macos|ios|android|postgresql|mysql|sql\s+server|oracle|apache|nginx|iis|openssl|openssh|java|exchange|vmware|esxi|fortios|pan-os|junos)\s+(?:server\s+)?(?:v|version\s+)?\d+(?:\.\d+)*(?:\s+r2)?\b|\b(?:windows\s+(?:xp|vista|7|8|8\.1|10|11))\b"),
        dotted_triple: re(r"(?:\b(?:section|sec\.|§|chapter|rule|paragraph|item|step|figure|table|page|appendix|rsmo|part)\s*)?\b\d+\.\d+\.\d+(?:\.\d+)*\b"),
        credential_assignment: re(r"\b(?:password|passwd|pwd|passcode|passphrase|pw|username|user\s*name|user\s*id|login|log-in|credentials?|api[_ -]?key|secret(?:[_ -]?key)?|access[_ -]?key|client[_ -]?secret|auth(?:orization)?[_ -]?token|bearer|token)\b(?:\s+(?:is|was|to|are|were|set\s+to|changed\s+to|reset\s+to))?\s*[:=]?\s*[\x22'`]?[A-Za-z0-9!@#$%^&*_+\-./]{4,}"),
        key_material: re(r"-----BEGIN [A-Z ]*(?:PRIVATE KEY|CERTIFICATE)-----|\bssh-(?:rsa|ed25519|dss) AAAA[0-9A-Za-z+/]+|\bAKIA[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{20,}\b|\bsk_(?:live|test)_[A-Za-z0-9]{8,}|\bxox[abpr]-[A-Za-z0-9-]{10,}|\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),
        token_like: re(r"\b[A-Za-z0-9+/_-]{20,}\b"),
        access_code: re(r"\b(?:pin(?:\s+(?:code|number))?|passcode|combination|(?:door|keypad|alarm|access|entry|gate|lock|disarm|arming|arm|security|vault|safe|cabinet|supervisor|admin|administrator|override|master|unlock)\s+(?:code|pin|combination|number))\b(?:\s+(?:for|to|on)\s+(?:the\s+)?[a-z ]{1,30}?)?(?:\s+(?:is|was|are|of|reads|set\s+to|changed\s+to))?\s*[:=#]?\s*\d[\d\-#* ]{2,}"),
        // "the password for the new account is Spring2024!": the value comes later.
        secret_said_later: re(r"\b(?:passwords?|passwd|pwd|passphrases?|api[_ -]?keys?|secrets?|tokens?)\b[^.;\n]{0,60}?\b(?:is|are|was|set\s+to|changed\s+to|reset\s+to)\s*[:=]?\s*[\x22'`]?([A-Za-z0-9!@#$%^&*_+\-.]{4,})"),
        login_pair: re(r"\b(?:login|log-in|logon|credentials?|user\s*name|username|account)\b[^.;\n]{0,60}?\b([A-Za-z][A-Za-z0-9._-]*\s*/\s*[A-Za-z0-9!@#$%^&*._-]*\d[A-Za-z0-9!@#$%^&*._-]*)"),
        code_said_later: re(r"(\w+\s+)?\b(?:pin|passcode|combination|code)\b[^.;\n]{0,60}?\b(?:is|are|was|reads|set\s+to|changed\s+to|with)\s*(?:code\s*|pin\s*)?[:=#]?\s*\d[\d\-#* ]{2,}|\b(?:opens?|unlocks?|disarms?|arms?)\s+with\s+(?:the\s+)?(?:code|pin|combination)?\s*\d[\d\-#*]{2,}"),
        physical_detail: re(r"\b(?:broken|propped\s+open|cannot\s+be\s+(?:locked|secured)|can't\s+be\s+(?:locked|secured)|no\s+(?:badge\s+reader|lock|alarm|camera|sensor)s?|nothing\s+is\s+(?:captured|recorded)|overnight|back\s+door|(?:first|second|third)-floor|basement)\b|\bfrom\s+\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)\s+(?:to|until)\b|\b(?:camera|sensor|door|gate|post|reader)\s+(?:no\.?\s*|#)?\d+\b|\b(?:north|south|east|west)(?:ern)?\s+(?:entrance|door|side|wall|corner|stairwell|window|gate|dock|hallway)|\bheld\s+by\b|\bsits?\s+in\b|\bunlocked\b|\bonly\s+when\b|\b(?:once|twice)\s+(?:each|every|a)\s+(?:night|day|hour|shift)|\beach\s+night\b|\bnightly\s+at\b|\bat\s+(?:about\s+|around\s+)?(?:midnight|noon)\b|\b(?:covers?|covering|mounted|above|behind|beneath|under(?:neath)?|facing|faces|points?\s+(?:at|toward)|aimed|blind\s+spots?|located|positioned|placed|kept|stored|hidden|hangs?|taped|next\s+to|inside\s+the|corner|ceiling|loading\s+dock|rear\s+(?:door|entrance)|side\s+door|key\s+(?:number|no\.?|#)|spare\s+key|copy\s+of\s+the\s+key|key\s+is|keys\s+are|keyed|leaves?\s+at|arrives?\s+at|shift\s+(?:change|ends)|rounds?\s+at|every\s+\d+\s+(?:minutes|hours)|at\s+\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|between\s+\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?\s+and|unmonitored|unguarded|disabled|not\s+(?:monitored|armed|covered)|does\s+not\s+(?:cover|record|work)|no\s+camera|out\s+of\s+view|combination|code)\b"),
    })
}

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

fn char_index(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

fn digits(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
}

/// The sentence around a byte range, for rules that read context.
fn sentence_around(text: &str, start: usize, end: usize) -> &str {
    let before = text[..start].rfind(['.', '!', '?', '\n', ';']).map(|i| i + 1).unwrap_or(0);
    let after = text[end..].find(['!', '?', '\n', ';']).map(|i| end + i).unwrap_or(text.len());
    &text[before..after]
}

pub struct Scanner<'p> {
    policy: &'p Policy,
}

impl<'p> Scanner<'p> {
    pub fn new(policy: &'p Policy) -> Self {
        Scanner { policy }
    }

    fn domain_allowed(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        self.policy.scanner.allowed_domains.iter().any(|d| host == *d || host.ends_with(&format!(".{d}")))
    }

    fn internal(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        self.policy.scanner.internal_suffixes.iter().any(|s| host == *s || host.ends_with(&format!(".{s}")))
    }

    fn is_public_contact(&self, found: &str) -> bool {
        let d = digits(found);
        self.policy.scanner.public_contacts.iter().any(|c| {
            c.eq_ignore_ascii_case(found.trim())
                || (d.len() >= 10 && digits(c).len() >= 10 && digits(c).ends_with(&d[d.len() - 10..]))
        })
    }

    /// Scans one field's text and returns its findings, in order of position.
    pub fn scan(&self, field: &str, text: &str) -> Vec<Finding> {
        let r = rules();
        // (byte start, byte end, rule, severity, hint)
        let mut raw: Vec<(usize, usize, &'static str, Severity, &'static str)> = Vec::new();
        let mut add = |s: usize, e: usize, rule, sev, hint| raw.push((s, e, rule, sev, hint));

        for m in r.key_material.find_iter(text) {
            add(
                m.start(),
                m.end(),
                "key-material",
                Severity::Block,
                "Remove keys, tokens and certificates; they must never be published.",
            );
        }
        for m in r.credential_assignment.find_iter(text) {
            add(
                m.start(),
                m.end(),
                "credential",
                Severity::Block,
                "Remove the user name, password or key; describe the control in general terms instead.",
            );
        }
        for m in r.token_like.find_iter(text) {
            let t = m.as_str();
            let has_upper = t.chars().any(|c| c.is_ascii_uppercase());
            let has_lower = t.chars().any(|c| c.is_ascii_lowercase());
            let has_digit = t.chars().any(|c| c.is_ascii_digit());
            if has_upper && has_lower && has_digit {
                add(m.start(), m.end(), "secret-like", Severity::Block, "This looks like a key or token; remove it.");
            }
        }
        for m in r.access_code.find_iter(text) {
            add(m.start(), m.end(), "access-code", Severity::Block, "Remove access codes and PINs (RSMo 610.021(22)).");
        }
        for c in r.secret_said_later.captures_iter(text) {
            let (m, value) = (c.get(0).unwrap(), c.get(1).unwrap().as_str());
            // A value with a digit or symbol, not a word: "is changed every 90 days" passes.
            if value.chars().any(|ch| !ch.is_ascii_alphabetic()) {
                add(
                    m.start(),
                    m.end(),
                    "credential",
                    Severity::Block,
                    "Remove the user name, password or key; describe the control in general terms instead.",
                );
            }
        }
        for c in r.login_pair.captures_iter(text) {
            let m = c.get(1).unwrap();
            add(m.start(), m.end(), "credential", Severity::Block, "Remove the user name and password.");
        }
        for c in r.code_said_later.captures_iter(text) {
            let m = c.get(0).unwrap();
            let before = c.get(1).map(|w| w.as_str().trim().to_ascii_lowercase()).unwrap_or_default();
            // ZIP, area and postal codes are public.
            if ["zip", "area", "postal", "country", "tax", "penal", "building", "revised"].contains(&before.as_str()) {
                continue;
            }
            add(m.start(), m.end(), "access-code", Severity::Block, "Remove access codes and PINs (RSMo 610.021(22)).");
        }
        for m in r.cve.find_iter(text) {
            add(
                m.start(),
                m.end(),
                "cve",
                Severity::Block,
                "Do not name specific vulnerabilities; say that systems were patched.",
            );
        }
        for m in r.mac.find_iter(text) {
            add(m.start(), m.end(), "mac-address", Severity::Block, "Remove hardware addresses (RSMo 610.021(21)).");
        }
        for m in r.ipv4.find_iter(text) {
            let ip = m.as_str().split(['/', ':']).next().unwrap_or("");
            let octets_ok = ip.split('.').all(|o| o.parse::<u16>().map(|n| n <= 255).unwrap_or(false));
            if octets_ok {
                let rule = if m.as_str().contains('/') { "cidr" } else { "ipv4" };
                add(m.start(), m.end(), rule, Severity::Block, "Remove network addresses (RSMo 610.021(21)).");
            } else {
                add(
                    m.start(),
                    m.end(),
                    "version",
                    Severity::Block,
                    "Remove software and firmware versions (RSMo 610.021(21)).",
                );
            }
        }
        for m in r.ipv6.find_iter(text) {
            let t = m.as_str();
            let groups = t.split(':').filter(|g| !g.is_empty()).count();
            let hexy = t.chars().any(|c| c.is_ascii_alphabetic()) || t.contains("::");
            // Clock times like 10:30:00 are not addresses.
            if hexy && (groups >= 3 || t.contains("::")) && !t.chars().all(|c| c.is_ascii_digit() || c == ':') {
                add(m.start(), m.end(), "ipv6", Severity::Block, "Remove network addresses (RSMo 610.021(21)).");
            }
        }
        for m in r.email.find_iter(text) {
            if !self.is_public_contact(m.as_str()) {
                add(
                    m.start(),
                    m.end(),
                    "staff-email",
                    Severity::Block,
                    "Use the office's public contact address instead of a staff address.",
                );
            }
        }
        for m in r.phone.find_iter(text) {
            if !self.is_public_contact(m.as_str()) {
                add(
                    m.start(),
                    m.end(),
                    "staff-phone",
                    Severity::Block,
                    "Use the office's public phone number instead of a direct line.",
                );
            }
        }
        for m in r.url.find_iter(text) {
            let host = m.as_str().split("://").nth(1).unwrap_or("").split(['/', ':', '?', '#']).next().unwrap_or("");
            if self.internal(host) || !self.domain_allowed(host) {
                add(
                    m.start(),
                    m.end(),
                    "url",
                    Severity::Block,
                    "Link only to the public addresses on the policy's allow-list.",
                );
            }
        }
        for m in r.host.find_iter(text) {
            let host = m.as_str();
            // Part of an e-mail address (handled above) or of a number like 1.5.
            if text[..m.start()].ends_with('@') || host.chars().all(|c| c.is_ascii_digit() || c == '.') {
                continue;
            }
            let labels: Vec<&str> = host.split('.').collect();
            let tld = labels.last().unwrap_or(&"").to_ascii_lowercase();
            if labels.iter().all(|l| l.len() <= 1) || FILE_EXTENSIONS.contains(&tld.as_str()) {
                continue;
            }
            if self.internal(host) {
                add(
                    m.start(),
                    m.end(),
                    "internal-host",
                    Severity::Block,
                    "Remove internal host names (RSMo 610.021(21)).",
                );
            } else if TLDS.contains(&tld.as_str())
                && tld.chars().all(|c| c.is_ascii_alphabetic())
                && !self.domain_allowed(host)
            {
                add(
                    m.start(),
                    m.end(),
                    "domain",
                    Severity::Block,
                    "Only domains on the policy's allow-list may be published.",
                );
            }
        }
        for m in r.port.find_iter(text) {
            add(m.start(), m.end(), "port", Severity::Block, "Remove port numbers (RSMo 610.021(21)).");
        }
        for m in r.version_keyword.find_iter(text).chain(r.version_product.find_iter(text)) {
            add(
                m.start(),
                m.end(),
                "version",
                Severity::Block,
                "Remove software and firmware versions (RSMo 610.021(21)).",
            );
        }
        for m in r.dotted_triple.find_iter(text) {
            let t = m.as_str();
            let cited = t.chars().next().is_some_and(|c| !c.is_ascii_digit());
            if !cited && t.split('.').count() == 3 {
                add(
                    m.start(),
                    m.end(),
                    "version",
                    Severity::Block,
                    "Remove software and firmware versions (RSMo 610.021(21)).",
                );
            }
        }
        let lower = text.to_lowercase();
        for product in &self.policy.scanner.watch_list {
            let needle = product.to_lowercase();
            let mut from = 0;
            while let Some(i) = lower[from..].find(&needle) {
                let s = from + i;
                let e = s + needle.len();
                let before_ok = !lower[..s].chars().last().is_some_and(|c| c.is_alphanumeric());
                let after_ok = needle.ends_with('-') || !lower[e..].chars().next().is_some_and(|c| c.is_alphanumeric());
                if before_ok && after_ok && text.is_char_boundary(s) && text.is_char_boundary(e) {
                    add(
                        s,
                        e,
                        "watch-list",
                        Severity::Warn,
                        "Naming this product's model tells attackers what to target; say what it does instead.",
                    );
                }
                from = e;
            }
        }
        for term in &self.policy.scanner.physical_terms {
            let mut from = 0;
            while let Some(i) = lower[from..].find(term.as_str()) {
                let s = from + i;
                let e = s + term.len();
                from = e;
                let word = !lower[..s].chars().last().is_some_and(|c| c.is_alphanumeric())
                    && !lower[e..].chars().next().is_some_and(|c| c.is_alphanumeric() && c != 's');
                if !word || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                    continue;
                }
                let sentence = sentence_around(text, s, e);
                if r.physical_detail.is_match(sentence) {
                    add(s, e, "physical-security", Severity::Block, "Describe physical security in general terms; remove placements, schedules, keys and codes (RSMo 610.021(18)).");
                }
            }
        }

        // Keep the widest finding where findings overlap.
        raw.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut kept: Vec<(usize, usize, &'static str, Severity, &'static str)> = Vec::new();
        for f in raw {
            if let Some(last) = kept.last_mut() {
                if f.0 < last.1 {
                    if f.1 > last.1 {
                        last.1 = f.1;
                    }
                    if f.3 == Severity::Block {
                        last.3 = Severity::Block;
                    }
                    continue;
                }
            }
            kept.push(f);
        }
        kept.into_iter()
            .map(|(s, e, rule, severity, hint)| Finding {
                field: field.to_string(),
                start: char_index(text, s),
                end: char_index(text, e),
                rule,
                severity,
                hint,
                excerpt: text[s..e].to_string(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules_found(text: &str) -> Vec<&'static str> {
        let p = Policy::missouri();
        Scanner::new(&p).scan("summary", text).into_iter().map(|f| f.rule).collect()
    }

    #[test]
    fn finds_network_details() {
        assert_eq!(rules_found("The server is at 10.20.4.17 now."), ["ipv4"]);
        assert_eq!(rules_found("Traffic from 172.16.40.0/24 is allowed."), ["cidr"]);
        assert_eq!(rules_found("Its address is fe80::1ff:fe23:4567:890a."), ["ipv6"]);
        assert_eq!(rules_found("MAC 00:1A:2B:3C:4D:5E was added."), ["mac-address"]);
        assert_eq!(rules_found("Backups go to vr-db01.sos.internal nightly."), ["internal-host"]);
        assert_eq!(rules_found("RDP is open on port 3389."), ["port"]);
        assert_eq!(rules_found("We patched CVE-2023-12345 last week."), ["cve"]);
        assert_eq!(rules_found("The tabulators run firmware 5.2.4.1."), ["version"]);
    }

    #[test]
    fn finds_secrets_and_people() {
        assert_eq!(rules_found("The admin password is Spring2024!"), ["credential"]);
        assert_eq!(rules_found("The door code is 4821#."), ["access-code"]);
        assert_eq!(rules_found("Write to jsmith@boonecountymo.org for access."), ["staff-email"]);
        assert_eq!(rules_found("Call Dana at 573-555-0142."), ["staff-phone"]);
    }

    #[test]
    fn ordinary_prose_passes() {
        for text in [
            "The audit confirmed the outcome on November 18, 2024, with a 5% risk limit.",
            "Missouri received $7,230,625 and added a 5% match of $361,531.",
            "Details are withheld under RSMo 610.021(21).",
            "This is version 2 of this report.",
            "Results are at https://www.sos.mo.gov/elections and boonecountymo.org.",
            "Call the office at (800) 669-8683 or write to elections@sos.mo.gov.",
            "The seed 48271965018437261934 was rolled with dice at 9:00 a.m.",
            "The warehouse has video surveillance and controlled access.",
            "Polls open at 6 a.m. and close at 7 p.m.",
        ] {
            assert_eq!(rules_found(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn findings_have_character_ranges() {
        let p = Policy::missouri();
        let f = &Scanner::new(&p).scan("description", "Café server 10.0.0.1 moved.")[0];
        assert_eq!((f.start, f.end), (12, 20));
        assert_eq!(f.field, "description");
        assert_eq!(f.severity, Severity::Block);
    }
}
