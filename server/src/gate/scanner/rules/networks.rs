//! File shares and wireless networks: UNC paths (`\\\\fs01\\ballots`), hidden shares
//! (`admin$`), drive paths, and Wi-Fi network names (SSIDs), except in sentences about a
//! public guest network without its password.

use super::super::hints::{HINT_PATH, HINT_WIFI};
use super::super::patterns::rules;
use super::super::sentences::{char_after, Sentence};
use super::super::words::NOT_A_VALUE;
use super::super::{Scanner, Severity};

impl Scanner<'_> {
    /// UNC paths, hidden shares, drive paths and Wi-Fi network names.
    pub(super) fn paths_and_networks(&self, s: &mut Sentence) {
        let r = rules();
        let t = s.text;
        for (a, b) in s.find(&r.unc_path) {
            let a = a + (t[a..b].len() - t[a..b].trim_start().len());
            s.add(a, b, "unc-path", Severity::Block, HINT_PATH);
        }
        for (a, b) in s.find(&r.hidden_share) {
            let name = t[a..b - 1].to_ascii_lowercase();
            let currency = ["us", "ca", "au", "nz", "hk", "sg", "c", "a", "r", "nt"].contains(&name.as_str());
            if !currency && !char_after(t, b).is_some_and(|c| c.is_ascii_digit()) {
                s.add(a, b, "share-path", Severity::Block, HINT_PATH);
            }
        }
        for (a, b) in s.find(&r.drive_path) {
            s.add(a, b, "file-path", Severity::Block, HINT_PATH);
        }
        let names = s.caps(&r.wifi_name);
        let named_later = s.caps(&r.wifi_named);
        if names.is_empty() && named_later.is_empty() {
            return;
        }
        let lower = s.lower();
        let guest = ["guest", "public", "visitor", "free ", "patrons"].iter().any(|w| lower.contains(w))
            && !["password", "passphrase", " key", "psk"].iter().any(|w| lower.contains(w));
        if guest {
            return;
        }
        for c in named_later {
            let (Some(m), Some(value)) = (c.get(0), c.get(2)) else { continue };
            let quoted = c.get(1).is_some_and(|q| !q.as_str().is_empty());
            let named =
                m.as_str().to_ascii_lowercase().contains("named") || m.as_str().to_ascii_lowercase().contains("called");
            let v = value.as_str();
            let short_name =
                named && v.len() >= 2 && v.chars().any(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit());
            if !t[value.end()..].starts_with("'s")
                && (ssid_like(v, quoted) || short_name)
                && !NOT_A_VALUE.contains(&v.to_ascii_lowercase().as_str())
            {
                s.add(m.start(), value.end(), "wifi-name", Severity::Block, HINT_WIFI);
            }
        }
        for c in names {
            let (quoted, value) = match (c.get(2), c.get(5)) {
                (Some(v), _) => (c.get(1).is_some_and(|q| !q.as_str().is_empty()), v),
                (None, Some(v)) => (c.get(3).or(c.get(4)).is_some_and(|q| !q.as_str().is_empty()), v),
                _ => continue,
            };
            if t[value.end()..].starts_with("'s") || t[value.end()..].starts_with("'S") {
                continue;
            }
            let whole = c.get(0).map_or("", |m| m.as_str()).to_ascii_lowercase();
            let named = ["named", "called", "ssid", "name is"].iter().any(|w| whole.contains(w));
            let short_name = named
                && value.as_str().len() >= 2
                && value.as_str().chars().any(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit())
                && ssid_like(&format!("{}-x", value.as_str()), false);
            if ssid_like(value.as_str(), quoted) || short_name {
                let start = c.get(0).map_or(value.start(), |m| m.start());
                s.add(start, value.end(), "wifi-name", Severity::Block, HINT_WIFI);
            }
        }
    }
}

/// Whether a word after "network", "SSID" or "join" looks like a Wi-Fi network's name.
fn ssid_like(value: &str, quoted: bool) -> bool {
    const NOT_NAMES: &[&str] = &[
        "vlan",
        "lan",
        "wan",
        "vpn",
        "lte",
        "ems",
        "usb",
        "isac",
        "ei-isac",
        "ms-isac",
        "cisa",
        "it",
        "wi-fi",
        "wifi",
        "wpa",
        "wpa2",
        "wpa3",
        "dns",
        "dhcp",
        "nac",
        "ssid",
        "id",
        "gps",
        "tv",
        "pc",
        "ip",
        "5g",
        "4g",
        "3g",
        "cellular",
        "internet",
        "ethernet",
        "bluetooth",
        "sos",
        "eac",
        "mfa",
        "2fa",
        "rdp",
        "vnc",
        "hava",
        "ssids",
    ];
    let v = value.trim_end_matches(['.', ',', ';', ':', ')', '\'', '"']);
    let lower = v.to_ascii_lowercase();
    if NOT_NAMES.contains(&lower.as_str()) || NOT_A_VALUE.contains(&lower.as_str()) || lower.ends_with("-isac") {
        return false;
    }
    if quoted {
        return v.len() >= 2;
    }
    if v.len() < 3 {
        return false;
    }
    let has_digit = v.chars().any(|c| c.is_ascii_digit());
    let has_alpha = v.chars().any(|c| c.is_ascii_alphabetic());
    let has_upper = v.chars().any(|c| c.is_ascii_uppercase());
    let has_lower = v.chars().any(|c| c.is_ascii_lowercase());
    (has_digit && has_alpha)
        || v.contains('_')
        || v.ends_with('$')
        || (v.contains('-') && has_upper && has_alpha)
        || (has_upper && !has_lower && v.len() >= 4)
        || (has_lower && v.chars().skip(1).any(|c| c.is_ascii_uppercase()))
}
