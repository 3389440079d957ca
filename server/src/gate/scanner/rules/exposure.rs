//! Exposure: an election system open to more than it should be. It shares a network with
//! a guest or public network, is reachable from the internet, takes any badge or any USB
//! drive; a login typed "with" a quoted value; a file share named in quotes; a defence
//! switched off as a habit ("we disable the alarm on Election Day"). A sentence that
//! denies it ("is never connected to the internet") passes; a link over a modem or
//! hotspot only warns, since some states describe their own transmission publicly.

use super::super::hints::{
    HINT_CREDENTIAL, HINT_DEFENCE, HINT_EXPOSURE, HINT_EXPOSURE_UNSURE, HINT_PHYSICAL, HINT_SHARE,
};
use super::super::patterns::re;
use super::super::sentences::{denied, Sentence};
use super::super::{Scanner, Severity};
use regex::Regex;
use std::sync::OnceLock;

struct Exposure {
    same_network: Regex,
    internet: Regex,
    link: Regex,
    system: Regex,
    usb: Regex,
    any_badge: Regex,
    login_quoted: Regex,
    share_quoted: Regex,
    habit_off: Regex,
}

fn patterns() -> &'static Exposure {
    static P: OnceLock<Exposure> = OnceLock::new();
    P.get_or_init(|| Exposure {
        same_network: re(r"\b(?:same|one|a\s+single|shared|flat)\s+(?:flat\s+)?(?:network|vlan|subnet|lan|switch|segment|wi-?fi|wireless\s+network)\s+(?:as|with)\b|\b(?:are|sit|share)\s+(?:all\s+|both\s+)?(?:on\s+)?(?:the\s+same|one|a\s+single)\s+(?:flat\s+)?(?:network|vlan|subnet|lan|segment|wi-?fi|wireless\s+network|switch|router)\b|\b(?:does|do)\s+not\s+separate\b|\bremains?\s+connected\s+to\s+the\s+(?:[\w']+\s+){0,2}?(?:general|guest|public|office|business|administrative)\s+network\b"),
        internet: re(r"\b(?:connect(?:s|ed|ing)?\s+(?:directly\s+)?to\s+the\s+internet|(?:reachable|accessible|exposed|open|visible)\s+(?:from|to|on)\s+the\s+(?:public\s+)?internet|internet-facing|public(?:ly)?\s+(?:reachable|exposed|facing)|(?:reachable|accessible)\s+from\s+(?:the\s+)?(?:[\w']+\s+){0,3}?(?:guest|public|open)\s+(?:wi-?fi|wireless|network))\b"),
        link: re(r"\b(?:join|joins|joined|joining|over|through|via|by|uses?|using)\s+(?:the\s+(?:\w+\s+)?(?:building|school|church|library|site|venue|host)'s\s+)?(?:a\s+|an\s+|the\s+)?(?:cellular|cell|lte|4g|5g|wireless|hotspot|modem|public\s+wi-?fi|guest\s+wi-?fi|open\s+(?:guest\s+|public\s+)?wi-?fi|personal\s+hotspot)(?:\s+(?:modem|hotspot|link|connection|card|network))?\b"),
        system: re(r"\b(?:tabulat\w*|ems|election\s+(?:network|computers?|systems?)|voting\s+(?:network|computers?|equipment)|election\s+management|results?\s+(?:\w+\s+)?(?:laptops?|servers?|pcs?|computers?|workstations?)|office\s+computers|poll\s*books?|poll\s+pads?|voter\s+registration|servers?|workstations?|laptops?|scanners?|ballot[- ]on[- ]demand|counting|count\s+room|vote\s+center)\b"),
        usb: re(r"\busb\s+(?:ports?|drives?|devices?|sticks?)\b[^.;!?\n]{0,60}?\b(?:(?:are|is)\s+not\s+(?:\w+\s+)?(?:locked\s+down|disabled|blocked|restricted|controlled)|(?:aren't|isn't)\s+(?:\w+\s+)?(?:locked\s+down|disabled|blocked|restricted)|unrestricted|(?:are|is)\s+(?:open|enabled|allowed))\b|\b(?:anyone|anybody|everyone)\b[^.;!?\n]{0,40}?\bcan\s+(?:plug\s+in|insert|connect)\s+(?:a\s+|any\s+)?(?:usb|drive|thumb|flash|device)"),
        any_badge: re(r"\b(?:card\s+readers?|badge\s+readers?|readers?|doors?|locks?|keypads?|gates?|cages?)\b[^.;!?\n]{0,50}?\b(?:opens?|accepts?|unlocks?|admits?|lets\s+in|works|honou?rs?)\s+(?:for\s+|with\s+)?(?:any|every|all)\s+(?:\w+\s+){0,2}?(?:badges?|cards?|key\s*cards?|keys?|fobs?|codes?|employees?|ids?)\b"),
        login_quoted: re(r"\b(?:log(?:s|ged|ging)?\s+(?:in|on|into)|sign(?:s|ed|ing)?\s+(?:in|on)|unlock(?:s|ed)?|opens?)\b[^.;!?\n]{0,60}?\bwith\s+(?:the\s+(?:word|password|passphrase|code|pin)\s+)?[\x22'`]([^\x22'`\s]{3,40})[\x22'`]"),
        share_quoted: re(r"\b(?:(?:network|nas|file|shared|mapped)\s+)?shares?\s+(?:named\s+|called\s+)?[\x22'`]([A-Za-z0-9][A-Za-z0-9_$.\- ]{1,30})[\x22'`]|\b(?:network|mapped|shared)\s+(?:drive|folder)\s+(?:named\s+|called\s+)?[\x22'`]([A-Za-z0-9][A-Za-z0-9_$.\- ]{1,30})[\x22'`]"),
        habit_off: re(r"(?:\b(?:never|not|don't|doesn't|do\s+not|does\s+not|must\s+not|may\s+not|cannot|can't|no\s+one|nobody)\s+(?:\w+\s+)?)?\b(?:disable|disables|turn\s+off|turns\s+off|switch\s+off|switches\s+off|shut\s+off|shuts\s+off|unplug|unplugs|silence|silences|disarm|disarms|bypass|bypasses|pause|pauses)\s+(?:the\s+|all\s+|its\s+|their\s+|our\s+|every\s+)?(?:\w+\s+){0,2}?(?:alarms?|cameras?|sensors?|logging|logs|firewalls?|antivirus|anti-virus|mfa|monitoring|recording|encryption|updates)\b|\bturns?\s+(?:the\s+|all\s+)?(?:\w+\s+)?(?:alarms?|cameras?|sensors?|logging|firewall)\s+off\b"),
    })
}

impl Scanner<'_> {
    /// Systems open to more than they should be, and defences switched off as a habit.
    pub(super) fn exposure(&self, s: &mut Sentence, public: bool, resolved: bool) {
        let p = patterns();
        let t = s.text;
        let lower = s.lower();
        let airgapped = ["air-gapped", "air gapped", "airgapped", "never connected", "not connected"]
            .iter()
            .any(|w| lower.contains(w));
        let system = s.has(&p.system);
        if system && !airgapped && !resolved {
            for (a, b) in s.find(&p.same_network) {
                if !denied(t, a) {
                    s.add(a, b, "network-exposure", Severity::Block, HINT_EXPOSURE);
                }
            }
            for (a, b) in s.find(&p.internet) {
                if !denied(t, a) {
                    s.add(a, b, "network-exposure", Severity::Block, HINT_EXPOSURE);
                }
            }
            if !public {
                for (a, b) in s.find(&p.link) {
                    if !denied(t, a) {
                        s.add(a, b, "network-exposure", Severity::Warn, HINT_EXPOSURE_UNSURE);
                    }
                }
            }
        }
        if !resolved {
            for (a, b) in s.find(&p.usb) {
                s.add(a, b, "network-exposure", Severity::Block, HINT_EXPOSURE);
            }
            for (a, b) in s.find(&p.any_badge) {
                if !denied(t, a) {
                    s.add(a, b, "physical-security", Severity::Block, HINT_PHYSICAL);
                }
            }
        }
        for c in s.caps(&p.login_quoted) {
            let (Some(m), Some(v)) = (c.get(0), c.get(1)) else { continue };
            let v = v.as_str();
            let secretish = v.chars().any(|ch| ch.is_ascii_digit() || !ch.is_alphanumeric())
                || v.chars().skip(1).any(|ch| ch.is_ascii_uppercase())
                || v.len() >= 6;
            if secretish {
                s.add(m.start(), m.end(), "credential", Severity::Block, HINT_CREDENTIAL);
            }
        }
        for c in s.caps(&p.share_quoted) {
            if let Some(m) = c.get(0) {
                s.add(m.start(), m.end(), "share-path", Severity::Block, HINT_SHARE);
            }
        }
        if !resolved {
            for (a, b) in s.find(&p.habit_off) {
                let m = t[a..b].to_ascii_lowercase();
                let negation = ["never", "not ", "n't", "no one", "nobody", "cannot"].iter().any(|w| m.starts_with(w))
                    || m.split_whitespace().next().is_some_and(|w| ["never", "not", "nobody"].contains(&w))
                    || ["do not", "does not", "must not", "may not"].iter().any(|w| m.starts_with(w));
                if !negation {
                    s.add(a, b, "defence-disabled", Severity::Block, HINT_DEFENCE);
                }
            }
        }
    }
}
