//! Shapes: things recognisable by their form. Keys and tokens, credentials with their
//! values, access codes (also dial combinations and codes "used" by a keypad), recovery
//! keys, addresses (also spoken: "10, 20, 4, 17"), server names, named accounts, default
//! user/password pairs, CVEs, MAC addresses, staff e-mail addresses and phone numbers
//! (the policy's public contacts pass), and ports.

use super::super::hints::{HINT_CODE, HINT_CREDENTIAL, HINT_HOST, HINT_NETWORK, HINT_VERSION, HINT_WEAK};
use super::super::patterns::rules;
use super::super::sentences::{digits, next_word, previous_word, Sentence};
use super::super::words::{NOT_A_VALUE, PUBLIC_CODE_WORDS, SECTION_WORDS};
use super::super::{Scanner, Severity};

/// Words that may follow an access code ("uses 3317 for deliveries").
const CODE_FOLLOWERS: &[&str] = &[
    "for", "to", "and", "on", "at", "after", "before", "during", "when", "so", "which", "but", "or", "in", "until",
    "from", "as", "since", "now", "today", "instead", "followed", "then", "plus", "with", "each", "every", "pound",
    "star", "hash",
];

/// Words after a number that make it a quantity, not a password ("14 characters").
const VALUE_UNITS: &[&str] = &[
    "characters",
    "chars",
    "digits",
    "letters",
    "days",
    "months",
    "years",
    "minutes",
    "hours",
    "times",
    "attempts",
    "weeks",
];

/// Toll-free area codes: a toll-free number is an office's public line, never a person's.
const TOLL_FREE: &[&str] = &["800", "833", "844", "855", "866", "877", "888"];

/// Mailbox names of an office rather than a person (elections@, clerk@, info@).
const ROLE_MAILBOXES: &[&str] = &[
    "workers",
    "comments",
    "feedback",
    "elections",
    "election",
    "clerk",
    "countyclerk",
    "clerks",
    "info",
    "information",
    "contact",
    "vote",
    "votes",
    "voter",
    "voters",
    "voting",
    "help",
    "absentee",
    "records",
    "sunshine",
    "press",
    "media",
    "access",
    "accessibility",
    "ada",
    "elecciones",
    "eleccion",
    "votantes",
    "votar",
    "ayuda",
    "prensa",
    "informacion",
    "contacto",
    "registro",
    "office",
    "sos",
    "registrar",
    "registration",
    "ballots",
    "publicinfo",
    "webmaster",
    "communications",
    "questions",
    "inquiries",
    "audit",
    "audits",
    "results",
    "ballot",
    "pollworkers",
    "pollworker",
    "candidates",
];

/// What a phone number in a sentence belongs to.
#[derive(PartialEq)]
enum PhoneOwner {
    /// An office, board, hotline or fax line named as the number's owner.
    Office,
    /// A person: a cell, a direct line, someone's name or role.
    Person,
    /// Not said.
    Unsaid,
}

/// Whom a phone number belongs to, from the words before it in its sentence.
fn phone_owner(before: &str) -> PhoneOwner {
    // A public information officer is an office's press line, not a person's.
    let lower = before.to_lowercase().replace("public information officer", "public information office");
    let words: Vec<&str> =
        lower.split(|c: char| !(c.is_ascii_alphanumeric() || c == '\'')).filter(|w| !w.is_empty()).collect();
    let person = [
        "cell",
        "cellphone",
        "mobile",
        "personal",
        "home",
        "direct",
        "his",
        "her",
        "pager",
        "ext",
        "extension",
        "deputy",
        "director",
        "technician",
        "tech",
        "contractor",
        "supervisor",
        "manager",
        "officer",
        "chief",
        "administrator",
        "custodian",
        "guard",
        "sheriff",
        "on-call",
        "after-hours",
    ];
    if words.iter().any(|w| person.contains(w)) {
        return PhoneOwner::Person;
    }
    // "Call Dana at", "text Jim Baker on": a person's name right after the verb.
    let named = before.split_whitespace().collect::<Vec<_>>().windows(2).any(|w| {
        ["call", "text", "phone", "contact", "reach"].contains(&w[0].to_ascii_lowercase().as_str())
            && w[1].starts_with(|c: char| c.is_ascii_uppercase())
    });
    let office = [
        "office",
        "office's",
        "offices",
        "board",
        "commission",
        "department",
        "division",
        "bureau",
        "agency",
        "hotline",
        "helpline",
        "fax",
        "tty",
        "tdd",
        "switchboard",
        "program",
        "center",
        "secretary",
        "elections",
        "our",
        "line",
        "toll-free",
        "information",
        "county's",
        // Addressed to the public: "call us", "if you need a ballot, call", "voters
        // can call", "for media inquiries".
        "us",
        "you",
        "voters",
        "questions",
        "inquiries",
        "media",
        "press",
        "oficina",
        "llame",
        "llámenos",
        "preguntas",
        "votantes",
    ];
    // "the EAC", "CISA", "FVAP": an agency's initials.
    let initials = before
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| (2..=6).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase()) && !["IT", "I"].contains(&w));
    if (initials || words.iter().any(|w| office.contains(w))) && !named {
        return PhoneOwner::Office;
    }
    if named {
        PhoneOwner::Person
    } else {
        PhoneOwner::Unsaid
    }
}

impl Scanner<'_> {
    /// Whether an e-mail address is an office's public mailbox: a role name (clerk@,
    /// elections@) at an allowed or public government domain.
    fn is_public_mailbox(&self, address: &str) -> bool {
        let Some((local, domain)) =
            address.to_ascii_lowercase().split_once('@').map(|(l, d)| (l.to_string(), d.to_string()))
        else {
            return false;
        };
        let role = local.split(['.', '_', '-']).any(|part| ROLE_MAILBOXES.contains(&part));
        let domain = domain.trim_end_matches('.');
        let public =
            self.policy.scanner.allowed_domains.iter().any(|d| domain == d || domain.ends_with(&format!(".{d}")))
                || self.policy.scanner.public_suffixes.iter().any(|suffix| {
                    let pattern: Vec<&str> = suffix.split('.').collect();
                    let labels: Vec<&str> = domain.split('.').collect();
                    labels.len() > pattern.len()
                        && pattern.iter().zip(&labels[labels.len() - pattern.len()..]).all(|(p, l)| *p == "*" || p == l)
                });
        role && public
    }

    /// Whether an e-mail address or phone number is one of the policy's public contacts.
    fn is_public_contact(&self, found: &str) -> bool {
        let d = digits(found);
        self.policy.scanner.public_contacts.iter().any(|c| {
            c.eq_ignore_ascii_case(found.trim())
                || (d.len() >= 10 && digits(c).len() >= 10 && digits(c).ends_with(&d[d.len() - 10..]))
        })
    }

    /// Addresses, keys, credentials with values, codes, contacts, ports, CVEs.
    pub(super) fn shapes(&self, s: &mut Sentence) {
        let r = rules();
        let t = s.text;
        for (a, b) in s.find(&r.key_material) {
            s.add(
                a,
                b,
                "key-material",
                Severity::Block,
                "Remove keys, tokens and certificates; they must never be published.",
            );
        }
        for c in s.caps(&r.credential_value) {
            let (Some(m), Some(vm)) = (c.get(0), c.get(3)) else { continue };
            let sep = c.get(1).map_or("", |g| g.as_str()).trim();
            let quoted = c.get(2).is_some_and(|g| !g.as_str().is_empty());
            let value = vm.as_str().trim_end_matches(['.', ',', ';', ':', ')']);
            let lower = value.to_ascii_lowercase();
            let has_digit = value.chars().any(|ch| ch.is_ascii_digit());
            let has_alpha = value.chars().any(|ch| ch.is_ascii_alphabetic());
            let has_lower = value.chars().any(|ch| ch.is_ascii_lowercase());
            let symbols: Vec<char> = value.chars().filter(|ch| !ch.is_ascii_alphanumeric()).collect();
            let real_symbol = symbols.iter().any(|ch| !matches!(ch, '-' | '.' | '/' | '\''));
            let inner_upper = has_lower && value.chars().skip(1).any(|ch| ch.is_ascii_uppercase());
            let capitalised = value.starts_with(|ch: char| ch.is_ascii_uppercase());
            if NOT_A_VALUE.contains(&lower.as_str())
                || (!has_digit && (lower.ends_with("ed") || lower.ends_with("ing") || lower.ends_with("ly")))
                || VALUE_UNITS.contains(&next_word(t, vm.end()).as_str())
            {
                continue;
            }
            let secretish =
                quoted || inner_upper || (has_alpha && (has_digit || real_symbol)) || (has_digit && value.len() >= 4);
            let copula = !sep.is_empty() && sep.chars().all(|ch| ch.is_ascii_alphabetic() || ch == ' ');
            if secretish || (copula && capitalised && has_alpha) {
                s.add(m.start(), m.end(), "credential", Severity::Block, HINT_CREDENTIAL);
            }
        }
        for (a, b) in s.find(&r.token_like) {
            let tok = &t[a..b];
            let has_upper = tok.chars().any(|c| c.is_ascii_uppercase());
            let has_lower = tok.chars().any(|c| c.is_ascii_lowercase());
            let has_digit = tok.chars().any(|c| c.is_ascii_digit());
            if has_upper && has_lower && has_digit {
                s.add(a, b, "secret-like", Severity::Block, "This looks like a key or token; remove it.");
            }
        }
        for (a, b) in s.find(&r.access_code) {
            s.add(a, b, "access-code", Severity::Block, HINT_CODE);
        }
        for c in s.caps(&r.secret_said_later) {
            let (Some(m), Some(v)) = (c.get(0), c.get(1)) else { continue };
            // A value with a digit or symbol, not a word: "is changed every 90 days" passes.
            if v.as_str().chars().any(|ch| !ch.is_ascii_alphabetic())
                && !VALUE_UNITS.contains(&next_word(t, v.end()).as_str())
            {
                s.add(m.start(), m.end(), "credential", Severity::Block, HINT_CREDENTIAL);
            }
        }
        for c in s.caps(&r.login_pair) {
            if let Some(m) = c.get(1) {
                s.add(m.start(), m.end(), "credential", Severity::Block, "Remove the user name and password.");
            }
        }
        for c in s.caps(&r.code_generic) {
            let (Some(m), Some(before), Some(number)) = (c.get(0), c.get(1), c.get(2)) else { continue };
            let before = before.as_str().to_ascii_lowercase();
            let statute =
                t[number.end()..].starts_with('.') && t[number.end() + 1..].starts_with(|c: char| c.is_ascii_digit());
            if !PUBLIC_CODE_WORDS.contains(&before.as_str()) && !statute {
                s.add(m.start(), m.end(), "access-code", Severity::Block, HINT_CODE);
            }
        }
        for (a, b) in s.find(&r.code_object) {
            // "the keypad uses 3317* for deliveries", not "the lock takes 9 volts".
            let after = next_word(t, b);
            if after.is_empty() || CODE_FOLLOWERS.contains(&after.as_str()) {
                s.add(a, b, "access-code", Severity::Block, HINT_CODE);
            }
        }
        for (a, b) in s.find(&r.dial_combination) {
            s.add(a, b, "access-code", Severity::Block, HINT_CODE);
        }
        for (a, b) in s.find(&r.key_groups) {
            let m = &t[a..b];
            let lettered = m.chars().any(|c| c.is_ascii_alphabetic());
            let long_groups = m.split('-').all(|g| g.len() == 6);
            if lettered || long_groups {
                s.add(
                    a,
                    b,
                    "key-material",
                    Severity::Block,
                    "This looks like a recovery or encryption key; remove it.",
                );
            }
        }
        for (a, b) in s.find(&r.spoken_address) {
            s.add(a, b, "ipv4", Severity::Block, HINT_NETWORK);
        }
        for (a, b) in s.find(&r.server_name) {
            s.add(a, b, "internal-host", Severity::Block, HINT_HOST);
        }
        for (a, b) in s.find(&r.named_account) {
            s.add(a, b, "credential", Severity::Block, HINT_CREDENTIAL);
        }
        for (a, b) in s.find(&r.default_pair) {
            s.add(a, b, "weak-credential", Severity::Block, HINT_WEAK);
        }
        for c in s.caps(&r.code_said_later) {
            let Some(m) = c.get(0) else { continue };
            let before = c.get(1).map(|w| w.as_str().trim().to_ascii_lowercase()).unwrap_or_default();
            // ZIP, area and postal codes are public.
            if PUBLIC_CODE_WORDS.contains(&before.as_str()) {
                continue;
            }
            s.add(m.start(), m.end(), "access-code", Severity::Block, HINT_CODE);
        }
        for (a, b) in s.find(&r.cve) {
            s.add(a, b, "cve", Severity::Block, "Do not name specific vulnerabilities; say that systems were patched.");
        }
        for (a, b) in s.find(&r.mac) {
            s.add(a, b, "mac-address", Severity::Block, "Remove hardware addresses (RSMo 610.021(21)).");
        }
        for (a, b) in s.find(&r.ipv4) {
            // "Section 10.3.12.4 of the manual": a numbered provision, not an address.
            let before = t[..a].trim_end().trim_end_matches('.');
            if before.ends_with('§') || SECTION_WORDS.contains(&previous_word(before, before.len()).as_str()) {
                continue;
            }
            let m = &t[a..b];
            let ip = m.split(['/', ':']).next().unwrap_or("");
            let octets_ok = ip.split('.').all(|o| o.parse::<u16>().map(|n| n <= 255).unwrap_or(false));
            if octets_ok {
                let rule = if m.contains('/') { "cidr" } else { "ipv4" };
                s.add(a, b, rule, Severity::Block, HINT_NETWORK);
            } else {
                s.add(a, b, "version", Severity::Block, HINT_VERSION);
            }
        }
        for (a, b) in s.find(&r.ipv6) {
            let m = &t[a..b];
            let groups = m.split(':').filter(|g| !g.is_empty()).count();
            let hexy = m.chars().any(|c| c.is_ascii_alphabetic()) || m.contains("::");
            // Clock times like 10:30:00 are not addresses.
            if hexy && (groups >= 3 || m.contains("::")) && !m.chars().all(|c| c.is_ascii_digit() || c == ':') {
                s.add(a, b, "ipv6", Severity::Block, HINT_NETWORK);
            }
        }
        for (a, b) in s.find(&r.email) {
            if !self.is_public_contact(&t[a..b]) && !self.is_public_mailbox(&t[a..b]) {
                s.add(
                    a,
                    b,
                    "staff-email",
                    Severity::Block,
                    "Use the office's public contact address instead of a staff address.",
                );
            }
        }
        for (a, b) in s.find(&r.phone) {
            let number = digits(&t[a..b]);
            let national = if number.len() == 11 && number.starts_with('1') { &number[1..] } else { number.as_str() };
            let toll_free = national.len() == 10 && TOLL_FREE.contains(&&national[..3]);
            let owner = phone_owner(&t[..a]);
            if toll_free && owner != PhoneOwner::Person {
                continue;
            }
            if owner == PhoneOwner::Office {
                continue;
            }
            if self.is_public_contact(&t[a..b]) {
                continue;
            }
            if owner == PhoneOwner::Person {
                s.add(
                    a,
                    b,
                    "staff-phone",
                    Severity::Block,
                    "Use the office's public phone number instead of a direct line.",
                );
            } else {
                s.add(a, b, "staff-phone", Severity::Warn, "A phone number whose owner the sentence does not name: if it is a person's direct line or cell, use the office's public number instead; an office's published number may stay.");
            }
        }
        for (a, b) in s.find(&r.port) {
            s.add(a, b, "port", Severity::Block, "Remove port numbers (RSMo 610.021(21)).");
        }
    }
}
