//! Weaknesses an attacker already knows how to use: a protocol or sign-in broken long
//! ago still accepted (TLS 1.0, SMBv1, legacy authentication, a public SNMP community),
//! a system without security updates, a firewall rule or port open to everything, a
//! sign-in that skips multi-factor, administrator rights for everyone, and an account
//! of someone who left that still works. Each is blocked unless the sentence denies it
//! or says it was fixed, and one about a purchase (replacing what is out of support is
//! a public reason to buy) passes.

use super::super::hints::HINT_WEAKNESS;
use super::super::patterns::re;
use super::super::sentences::{denied, Sentence};
use super::super::{Scanner, Severity};
use regex::Regex;
use std::sync::OnceLock;

struct Weakness {
    protocol: Regex,
    retired: Regex,
    unsupported: Regex,
    software: Regex,
    open_to_all: Regex,
    skips_mfa: Regex,
    rule_not_exception: Regex,
    admin_for_all: Regex,
    left_but_active: Regex,
    unencrypted: Regex,
    retired_done: Regex,
}

fn patterns() -> &'static Weakness {
    static P: OnceLock<Weakness> = OnceLock::new();
    P.get_or_init(|| Weakness {
        protocol: re(r"\b(?:tls\s*(?:v|version\s*)?1\.[01]|ssl\s*(?:v|version\s*)?[23](?:\.0)?|smb\s*v?1|cifs\s*v?1|telnet|wep|ntlm\s*v?1|snmp\s*v?(?:1|2c)|community\s+strings?|legacy\s+auth\w*|basic\s+auth\w*|plain\s+(?:ftp|http|text)|unencrypted|in\s+clear\s*text|cleartext)\b"),
        retired: re(r"\b(?:disabled|disable|retired|retire|removed|remove|blocked|block|turned\s+off|turn\s+off|no\s+longer|replaced|upgraded|phased\s+out|refuses?|rejects?)\b"),
        unsupported: re(r"\b(?:stopped\s+supporting|stopped\s+receiving\s+(?:security\s+)?(?:updates|patches|support)|sin\s+soporte|no\s+longer\s+(?:receives?|gets?|getting|receiving|supported|has)\s+(?:\w+\s+)?(?:security\s+)?(?:updates|patches|support|fixes)|no\s+longer\s+supported|end[- ]of[- ](?:life|support)|unsupported|out[- ]of[- ]support|unpatched|not\s+(?:yet\s+)?(?:been\s+)?(?:patched|remediated)|never\s+(?:been\s+)?patched|none\s+(?:have|has)\s+been\s+(?:remediated|patched|fixed)|(?:(?:has|have|had)\s+not|hasn't|haven't|hadn't)\s+(?:received|gotten|had|installed)\s+(?:a\s+|any\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:security\s+)?(?:updates?|patch(?:es)?|fixes)|still\s+(?:has|carries|contains)\s+the\s+(?:\w+\s+){0,2}?(?:vulnerabilit(?:y|ies)|flaw|exploit)|unremediated|cannot\s+be\s+(?:upgraded|updated|patched)|without\s+(?:vendor\s+|security\s+)?(?:support|updates|patches)|(?:patch(?:ing|es)?|updates?|patch\s+management)\b[^.;!?\n]{0,40}?\b(?:paused|suspended|halted|on\s+hold)|\d+\s+(?:\w+\s+)?(?:rollups|patches|updates)\s+(?:are\s+|remain\s+)?outstanding|(?:nobody|no\s+one)\s+(?:patches|updates)\s+(?:it|them)|(?:has|have)\s+not\s+(?:yet\s+)?applied\s+(?:the|a|any)\s+(?:\w+\s+)?(?:patch|update|fix)|still\s+open|never\s+(?:been\s+)?updated\s+(?:after|since)|(?:(?:has|have|had)\s+not|hasn't|haven't|hadn't)\s+been\s+(?:updated|patched)\s+(?:in|for|since)|crash(?:es)?\s+under\s+(?:heavy\s+)?(?:traffic|load)|has\s+the\s+(?:\w+\s+){0,3}?(?:flaw|vulnerability|bug)\s+the\s+vendor\s+warned)\b"),
        software: re(r"\b(?:servers?|workstations?|laptops?|computers?|pcs?|tablets?|pollbooks?|poll\s*books?|tabulators?|scanners?|firmware|software|operating\s+system|os|windows|android|ios|linux|build|findings?|vulnerabilit(?:y|ies)|system|systems|routers?|switches|firewalls?|devices?|apps?|applications?|plugins?|websites?|(?:domain\s+)?controllers?|concentrators?|vpn|gateways?|appliances?|cortafuegos|servidor(?:es)?|computadoras?|sistemas?|security\s+(?:patches|updates|fixes))\b"),
        open_to_all: re(r"\b(?:any[- ]to[- ]any|allow[- ]any\b|permit[- ]any\b|accepts?\s+(?:\w+\s+){0,2}?from\s+any\s+(?:device|computer|pc|host|address|one)|accepts?\s+(?:\w+\s+)?connections\s+from\s+(?:the\s+)?(?:whole|entire|any|all|every)\b|lets?\s+(?:all|any)\s+(?:\w+\s+)?(?:traffic|connections)\s+(?:through|in|out|from)|allows?\s+(?:all|any)\s+(?:\w+\s+){0,2}?(?:traffic|connections|ports|hosts)|(?:ports?|rules?|traffic)\b[^.;!?\n]{0,40}?\bopen\s+to\s+(?:the\s+)?(?:whole|entire|all|every|any)\b|open\s+to\s+(?:the\s+)?(?:whole|entire)\s+(?:county\s+|city\s+|state\s+)?(?:wan|network|lan|internet))"),
        skips_mfa: re(r"\b(?:bypass(?:es|ed|ing)?|skip(?:s|ped|ping)?|exempt(?:ed|s)?\s+from|without|not\s+(?:required|enforced|enabled)\s+(?:for|on))\s+(?:\w+\s+){0,2}?(?:multi-?factor|mfa|2fa|two[- ](?:factor|step))\b|\b(?:multi-?factor|mfa|2fa|two[- ](?:factor|step))(?:\s+\w+){0,2}?\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:not\s+(?:required|enforced|enabled|turned\s+on)|waived|exempted)\b|\b(?:multi-?factor|mfa|2fa|two[- ](?:factor|step))(?:\s+\w+){0,2}?\s+(?:has|have)\s+not\s+(?:yet\s+)?been\s+(?:enabled|enforced|required|turned\s+on|rolled\s+out)\b"),
        rule_not_exception: re(r"\b(?:no\s+one|nobody|no\s+(?:\w+\s+)?(?:account|user|staff|employee)s?|cannot|can't|never|must|required|requires|will\s+require|enforce[sd]?)\b"),
        admin_for_all: re(r"\b(?:(?:domain|local|full)\s+)?admin(?:istrator|istrative)?\s+(?:rights|privileges|permissions|access|accounts?)\b[^.;!?\n]{0,60}?\b(?:every(?:one|body|\s+user)|all\s+(?:staff|users|employees|poll\s+workers|seasonal|temporary)|(?:the\s+)?entire|whole\s+(?:staff|office|group)|seasonal|temporary\s+(?:staff|workers|employees))\b"),
        left_but_active: re(r"\b(?:former|departed|ex-)\s*(?:\w+\s+){0,2}?(?:employees?|staff(?:ers)?|contractors?|vendors?|providers?|workers?|interns?|managers?)\b[^.;!?\n]{0,80}?\b(?:still|remains?\s+(?:active|enabled))\b|\bnot\s+(?:been\s+)?(?:disabled|removed|revoked|deactivated|deleted)\s+when\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:contract|employment|job|engagement)\b"),
        // Data or links left without encryption: "the ballot images are not encrypted",
        // "four laptops do not yet have it enabled", "still accepts uploads over an older
        // encryption setting".
        unencrypted: re(r"\b(?:is|are|was|were)\s+not\s+(?:yet\s+)?encrypted\b|\b(?:do|does)\s+not\s+(?:(?:yet\s+)?have\s+(?:it|encryption|full-disk\s+encryption)\s+(?:enabled|turned\s+on)|use\s+(?:any\s+)?encryption|have\s+(?:disk\s+|full-disk\s+|drive\s+)?encryption)\b|\bstill\s+accepts?\b[^.;!?\n]{0,50}?\b(?:older|old|outdated|weak|legacy|deprecated)\s+(?:encryption|protocol|cipher|tls|ssl)\b"),
        retired_done: re(r"\b(?:has|have|had|were|was)\s+(?:\w+\s+)?(?:retired|replaced|removed|decommissioned|upgraded)\s+(?:all|every|each|the\s+last)\b"),
    })
}

impl Scanner<'_> {
    /// Known weaknesses still in place.
    pub(super) fn weakness(&self, s: &mut Sentence, purchase: bool, resolved: bool) {
        if resolved {
            return;
        }
        let p = patterns();
        let t = s.text;
        let mut found: Vec<(usize, usize)> = Vec::new();
        if !s.has(&p.retired) {
            found.extend(s.find(&p.protocol).into_iter().filter(|&(a, _)| !denied(t, a)));
        }
        // "has retired all workstations that were running unsupported systems": gone.
        if !purchase && s.has(&p.software) && !s.has(&p.retired_done) {
            found.extend(s.find(&p.unsupported).into_iter().filter(|&(a, _)| !denied(t, a)));
        }
        found.extend(s.find(&p.open_to_all).into_iter().filter(|&(a, _)| !denied(t, a)));
        if !s.has(&p.rule_not_exception) {
            found.extend(s.find(&p.skips_mfa));
        }
        found.extend(s.find(&p.admin_for_all).into_iter().filter(|&(a, _)| !denied(t, a)));
        found.extend(s.find(&p.left_but_active));
        found.extend(s.find(&p.unencrypted).into_iter().filter(|&(a, _)| !denied(t, a)));
        for (a, b) in found {
            s.add(a, b, "known-weakness", Severity::Block, HINT_WEAKNESS);
        }
    }
}
