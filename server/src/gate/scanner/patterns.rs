//! The patterns the rules read, compiled once for the life of the process. Each is
//! case-insensitive with ASCII word boundaries; none backtracks (the `regex` crate runs
//! in linear time), so the cost of a rule is bounded by the length of the sentence.

use regex::{Regex, RegexBuilder};
use std::sync::OnceLock;

/// Secret nouns: what a password, code or key is called.
const SECRET: &str = r"(?:pass\s?words?|passwd|pwd|pass\s?phrases?|passcodes?|pins?|pin\s+(?:codes?|numbers?)|wi-?fi\s+(?:keys?|pass\s?words?|pass\s?phrases?)|network\s+keys?|wpa[23]?\s+(?:keys?|pass\s?phrases?|pass\s?words?)|log-?ins?|logons?|credentials?|combinations?|(?:door|alarm|panel|keypad|access|entry|lock|safe|vault|gate|disarm|arming|security|admin|administrator|override|master|unlock|supervisor)\s+codes?|codes?)";

/// The words that deny what follows them: "not", "never", "hasn't", "no longer", "cannot",
/// "must not"… `resolved` reads them before its verbs (a repair denied), `fix_verb` before
/// a change (a fix not made) and `kept_verb` before a placement (a rule that something
/// may not be kept or taken home); `negated` asks whether a match of any of them starts
/// with one. One list, so a denial one pattern knows the others know too.
pub(super) const NEGATION: &str = r"not|never|nobody|no\s+one|no\s+longer|none|hasn't|haven't|hadn't|isn't|aren't|wasn't|weren't|don't|doesn't|didn't|won't|cannot|can't|(?:must|may|shall|should)\s+not|mustn't|shouldn't";

pub(super) struct Rules {
    // Shapes.
    pub(super) ipv4: Regex,
    pub(super) ipv6: Regex,
    pub(super) mac: Regex,
    pub(super) url: Regex,
    pub(super) host: Regex,
    pub(super) email: Regex,
    pub(super) phone: Regex,
    pub(super) port: Regex,
    pub(super) cve: Regex,
    pub(super) version_system: Regex,
    pub(super) certified: Regex,
    pub(super) voting_system: Regex,
    pub(super) version_context: Regex,
    pub(super) version_product: Regex,
    pub(super) dotted_triple: Regex,
    pub(super) document_noun: Regex,
    pub(super) system_noun: Regex,
    pub(super) key_material: Regex,
    pub(super) token_like: Regex,
    pub(super) credential_value: Regex,
    pub(super) access_code: Regex,
    pub(super) secret_said_later: Regex,
    pub(super) login_pair: Regex,
    pub(super) code_said_later: Regex,
    pub(super) code_generic: Regex,
    pub(super) code_object: Regex,
    pub(super) dial_combination: Regex,
    pub(super) key_groups: Regex,
    pub(super) spoken_address: Regex,
    pub(super) default_pair: Regex,
    pub(super) named_account: Regex,
    pub(super) unc_path: Regex,
    pub(super) hidden_share: Regex,
    pub(super) drive_path: Regex,
    pub(super) wifi_name: Regex,
    pub(super) wifi_named: Regex,
    // Sentence context.
    pub(super) clause_break: Regex,
    pub(super) withholding: Regex,
    pub(super) purchase: Regex,
    pub(super) public_audience: Regex,
    pub(super) resolved: Regex,
    // Secrets stated in prose.
    pub(super) credential_recipe: Regex,
    pub(super) recipe_marker: Regex,
    pub(super) credential_as: Regex,
    pub(super) credential_capitalised: Regex,
    pub(super) weak_credential: Regex,
    pub(super) no_credential: Regex,
    pub(super) not_rotated: Regex,
    pub(super) fix_verb: Regex,
    // Where keys, codes and passwords are kept.
    pub(super) kept_object: Regex,
    pub(super) kept_verb: Regex,
    pub(super) kept_place: Regex,
    pub(super) kept_verbless: Regex,
    pub(super) key_custody: Regex,
    // Schedules and gaps.
    pub(super) schedule_object: Regex,
    pub(super) strong_time: Regex,
    pub(super) weak_time: Regex,
    pub(super) gap: Regex,
    pub(super) low_frequency: Regex,
    pub(super) route_gap: Regex,
    pub(super) server_name: Regex,
    // Defences turned off.
    pub(super) defence: Regex,
    pub(super) defence_off: Regex,
    // Remote access.
    pub(super) remote_on: Regex,
    pub(super) remote_off: Regex,
    pub(super) remote_still: Regex,
    pub(super) remote_generic: Regex,
    // Physical security.
    pub(super) surveillance: Regex,
    pub(super) coverage: Regex,
    pub(super) specific_spot: Regex,
    pub(super) numbered: Regex,
    pub(super) barrier_state: Regex,
    pub(super) key_scope: Regex,
    pub(super) fixture_placement: Regex,
    pub(super) deployment: Regex,
    pub(super) configuration: Regex,
}

/// Compiles a pattern, case-insensitive, with ASCII word boundaries (the normalised text
/// is nearly all ASCII, and ASCII boundaries keep the fast engines in use).
pub(super) fn re(pattern: &str) -> Regex {
    let pattern = pattern.replace(r"\b", r"(?-u:\b)");
    RegexBuilder::new(&pattern).case_insensitive(true).size_limit(1 << 24).build().expect("scanner pattern")
}

pub(super) fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules {
        ipv4: re(r"\b(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,2})?(?::\d{1,5})?\b"),
        ipv6: re(r"(?:\b|::)(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{0,4}(?:/\d{1,3})?|::(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4}\b"),
        mac: re(r"\b[0-9a-f]{2}(?:[:-][0-9a-f]{2}){5}\b|\b[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}\b"),
        url: re(r"\b(?:https?|ftp|sftp|smb|ssh|rdp|ldap|vnc)://[^\s<>\x22')\]]+"),
        host: re(r"\b[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)+\b"),
        email: re(r"\b[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}\b"),
        phone: re(r"(?:\+?1[-. ]?)?(?:\(\d{3}\)\s?|\b\d{3}[-. ])\d{3}[-. ]\d{4}\b(?:\s*(?:x|ext\.?)\s*\d{1,5})?|\b(?:call|phone|cell|line|number|reach|text|dial)\b[^.;\n]{0,30}?\b\d{3},\s\d{3},\s\d{4}\b"),
        port: re(r"\b(?:ports?|tcp|udp)(?:\s+(?:number|no\.?|#))?\s*[/:#]?\s*\d{1,5}\b(?:\s*(?:,|and|or|/)\s*\d{1,5}\b)*|\b(?:listen(?:s|ing)?\s+on|open\s+on|exposed\s+on|forwarded\s+to|answers\s+on|responds\s+on|reachable\s+on)\s+(?:port\s+)?\d{2,5}\b|\b(?:rdp|ssh|smb|telnet|vnc|http|https|ftp)\s+(?:on\s+|via\s+)?(?:port\s+)?\d{2,5}\b|\bports?\b[^.;\n]{0,30}?\b(?:is|are|was|were)\s+(?:still\s+|now\s+)?(?:open\s+)?(?:on\s+)?\d{2,5}\b|\bpuertos?\b[^.;\n]{0,40}?\b(?:es|son|era|fue|el|n[uú]mero)\s+(?:el\s+)?\d{2,5}\b"),
        cve: re(r"\bCVE-\d{4}-\d{4,7}\b"),
        // Always a system's version.
        certified: re(r"\b(?:certified|certification|certifies|vvsg|certificad[oa]s?|certificó|certificación)\b"),
        voting_system: re(r"\b(?:voting system|election management system|election assistance commission|eac)\b"),
        version_system: re(r"\b(?:firmware|fw|build|bios|kernel|os|software|patch(?:ed)?|patch\s+level)\s*(?:version\s*|level\s*|number\s*|no\.?\s*|is\s*|to\s*|of\s*|=\s*|:\s*)?v?\d+(?:\.\d+)+[a-z]?\b|\b(?:firmware|build)\s+v?\d+\b"),
        // A version of something: a system (blocked) or a document (passes).
        version_context: re(r"\b(?:version|ver\.?|release|update|revision|rev\.?)\s*(?:level\s*|number\s*|no\.?\s*|is\s*|to\s*|of\s*|=\s*|:\s*)?v?\d+(?:\.\d+)+[a-z]?\b|\bv\d+(?:\.\d+)+\b|\bversion\s+(?:[013-9]\d{2,}|2[1-9]\d{2}|2\d{4,}|\d{3})\b"),
        version_product: re(r"\b(?:windows(?:\s+server)?|ubuntu|debian|red\s+hat|rhel|centos|macos|ios|android|postgresql|mysql|sql\s+server|oracle|apache|nginx|iis|openssl|openssh|java|exchange|vmware|esxi|fortios|pan-os|junos|wordpress|drupal|php|python|node\.?js|office)\s+(?:server\s+)?(?:v|version\s+)?\d+(?:\.\d+)*(?:\s+r2)?\b|\b(?:windows\s+(?:xp|vista|7|8|8\.1|10|11))\b"),
        dotted_triple: re(r"(?:\b(?:section|sec\.|§|chapter|rule|paragraph|item|step|figure|table|page|appendix|rsmo|part)\s*)?\b\d+\.\d+\.\d+(?:\.\d+)*\b"),
        document_noun: re(r"\b(?:reports?|summary|summaries|plans?|procedures?|manuals?|handbooks?|guides?|guidance|guidelines|polic(?:y|ies)|checklists?|forms?|notices?|updates?|memos?|narratives?|documents?|standards?|vvsg|appendix|appendices|sections?|tables?|chapters?|rules?|templates?|agreements?|contracts?|editions?|drafts?|bulletins?|statements?|letters?|publications?|minutes|instructions|schedules?|calendars?|corrections?|retractions?|posts?|pages?|certifications?|requirements|framework|charter|ordinance|resolution|this|canvass|audit|ballot\s+design|practices|toolkit|playbook|curriculum|course|training|workbook|brochure|flyer|list|roster|glossary|faq|website|corrects|corrected|correcting|typo|totals|errata|wording|spelling|replaces|supersedes|previous|earlier|posted|published|adopted|approved|issued|amended|revised|submitted|filed|signed|mailed)\b"),
        system_noun: re(r"\b(?:firmware|software|systems?|servers?|applications?|apps?|clients?|ems|os|operating\s+system|databases?|tabulators?|scanners?|poll\s*books?|poll\s+pads?|devices?|units?|workstations?|laptops?|tablets?|drivers?|plug-?ins?|builds?|patch(?:es)?|programs?|appliances?|routers?|switches|firewalls?|browsers?|agents?|runs?|running|installed|upgraded?|upgrades?|bios|kernel|controllers?|printers?|pcs?|computers?|machines?|vendor)\b"),
        key_material: re(r"-----BEGIN [A-Z ]*(?:PRIVATE KEY|CERTIFICATE)-----|\bssh-(?:rsa|ed25519|dss) AAAA[0-9A-Za-z+/]+|\bAKIA[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{20,}\b|\bsk_(?:live|test)_[A-Za-z0-9]{8,}|\bxox[abpr]-[A-Za-z0-9-]{10,}|\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),
        token_like: re(r"\b[A-Za-z0-9+/_-]{20,}\b"),
        credential_value: re(r"\b(?:pass\s?words?|passwd|pwd|passcode|pass\s?phrase|pw|user\s*name|username|user\s*id|log-?in|logon|credentials?|api[_ -]?key|secret(?:[_ -]?key)?|access[_ -]?key|client[_ -]?secret|auth(?:orization)?[_ -]?token|bearer|token|psk|wi-?fi\s+key|network\s+key)\b(\s+(?:is|was|are|were|set\s+to|changed\s+to|reset\s+to|now|remains|stays)(?:\s+(?:currently|now|still|temporarily|simply|just|always))?\s+|\s*[:=]\s*|,\s+|\s+)([\x22'`]?)([A-Za-z0-9!@#$%^&*_+\-./]{3,64})"),
        access_code: re(r"\b(?:pin(?:\s+(?:code|number))?|passcode|combination|combo|(?:door|keypad|alarm|access|entry|gate|lock|disarm|arming|arm|security|vault|safe|cabinet|supervisor|admin|administrator|override|master|unlock|panel)\s+(?:code|pin|combination|combo|number))\b(?:\s+(?:for|to|on)\s+(?:the\s+)?[a-z ]{1,30}?)?(?:\s+(?:is|was|are|of|reads|set\s+to|changed\s+to))?\s*[:=#]?\s*\d[\d\-#*, ]{2,}"),
        // "the password for the new account is Spring2024!": the value comes later.
        secret_said_later: re(r"\b(?:passwords?|passwd|pwd|passphrases?|api[_ -]?keys?|secrets?|tokens?|(?:wi-?fi|network|wpa2?|encryption|recovery|license|licence|product|decryption|bitlocker)\s+keys?)\b[^.;\n]{0,60}?\b(?:is|are|was|set\s+to|changed\s+to|reset\s+to)(?:\s+(?:currently|now|still|temporarily|simply|just|always))?\s*[:=]?\s*[\x22'`]?([A-Za-z0-9!@#$%^&*_+\-.]{4,})"),
        login_pair: re(r"\b(?:login|log-in|logon|credentials?|user\s*name|username|account)\b[^.;\n]{0,60}?\b([A-Za-z][A-Za-z0-9._-]*\s*/\s*[A-Za-z0-9!@#$%^&*._-]*\d[A-Za-z0-9!@#$%^&*._-]*)"),
        code_said_later: re(r"(\w+\s+)?\b(?:pin|passcode|combination|combo|code)\b[^.;\n]{0,60}?\b(?:is|are|was|were|reads|(?:(?:is|was|were|been)\s+)?(?:set|changed|reset|updated)\s+to|with|now)(?:\s+(?:currently|now|still|temporarily|simply|just|always))?\s*(?:code\s*|pin\s*)?[:=#]?\s*\d[\d\-#*, ]{2,}|\b(?:opens?|unlocks?|disarms?|arms?)\s+with\s+(?:the\s+)?(?:code|pin|combination)?\s*\d[\d\-#*,]{2,}"),
        // "after-hours code 5560", "lockbox code 1962": the word before says whose code.
        code_generic: re(r"\b([a-z][\w-]*)\s+(?:code|pin|combination|combo)\s*[:#]?\s*(\d{3,}[#*]?)"),
        // "the keypad at the loading dock uses 3317*".
        code_object: re(r"\b(?:keypads?|lockbox(?:es)?|padlocks?|locks?|safes?|vaults?|alarm\s+panels?|doors?|gates?|cages?)\b[^.;\n]{0,40}?\b(?:uses|takes|accepts|opens\s+(?:with|on)|code\s+is)\s+(?:the\s+)?(?:code\s+|pin\s+|combination\s+)?\d[\d#*-]{2,}"),
        // A dial combination: "left 18, right 36, left 4".
        dial_combination: re(r"\b(?:left|right)\s+\d{1,2},?\s+(?:then\s+)?(?:left|right)\s+\d{1,2}\b"),
        // Recovery and encryption keys written in groups: "7F3A-91C2-44DE-B08A".
        key_groups: re(r"\b[0-9a-f]{4,6}(?:-[0-9a-f]{4,6}){3,}\b"),
        spoken_address: re(r"\b(?:ip|address(?:es)?|server|host|gateway|subnet)\b[^.;\n]{0,30}?\b\d{1,3},\s\d{1,3},\s\d{1,3},\s\d{1,3}\b"),
        // "a shared account called elections1": an account name with a number in it.
        named_account: re(r"\b(?:accounts?|log-?ins?|user\s*names?|usernames?|user\s+ids?)\s+(?:is\s+)?(?:called|named|:)\s*[\x22']?[A-Za-z][A-Za-z0-9._-]*\d[A-Za-z0-9._-]*"),
        // A default user name / password pair: "admin/admin", "root / password".
        default_pair: re(r"\b(?:admin|administrator|root|user|guest|support|service|operator|manager)\s*/\s*(?:admin|administrator|root|password|passw0rd|pass|1234|12345|123456|changeme|default|guest|user|support)\b"),
        unc_path: re(r"\\\\[A-Za-z0-9._$-]+(?:\\[^\s\\\x22'<>|,;]+)*\\?|(?:^|\s)//[A-Za-z0-9][A-Za-z0-9._-]*/[^\s\x22'<>|,;]+"),
        hidden_share: re(r"\b[A-Za-z][A-Za-z0-9_-]{1,30}\$"),
        drive_path: re(r"\b[A-Za-z]:\\[^\s\x22'<>|,;]*"),
        wifi_name: re(r"\b(?:ssids?|wi-?fi|wireless|wlan|hotspot|access\s+point|network)\b(?:\s+(?:network|name|ssid))?(?:\s*,\s*|\s+(?:is\s+|was\s+)?(?:named|called|name\s+is|is|broadcasts?(?:\s+the\s+(?:network\s+)?name)?)\s*:?\s*|\s*[:=]\s*|\s+)([\x22'`]?)([A-Za-z0-9][A-Za-z0-9_.$\-]{1,31})|\b(?:join|joins|joined|joining|connect(?:s|ed|ing)?\s+to|broadcasts?)\s+(?:the\s+)?(?:(?:(?:hidden|staff|guest|wireless|wi-?fi|network|ssid|secure|private)\s+){1,3}(?:(?:is\s+)?(?:named|called)\s+)?([\x22'`]?)|([\x22'`]))([A-Za-z0-9][A-Za-z0-9_.$\-]{1,31})"),

        // "the hidden network at the central count site is named CCS".
        wifi_named: re(r"\b(?:ssids?|wi-?fi|wireless|wlan|hotspot|network)\b[^.;!?\n]{0,40}?\b(?:is|was|are)\s+(?:(?:named|called)\s+)?([\x22'`]?)([A-Za-z0-9][A-Za-z0-9_.$\-]{1,31})"),
        clause_break: re(r";|,\s+(?:and|but|so|while|whereas|although|though|yet)\b|\s+(?:while|whereas|although)\s+|\s+-\s+"),
        withholding: re(r"\b(?:withheld|withholding|withhold|closed\s+records?|redacted|not\s+(?:be\s+)?(?:published|included|disclosed)|removed\s+from\s+this|removed\s+(?:the\s+)?(?:description|details?|sentence|information|mention)|(?:does|do)\s+not\s+publish|is\s+closed\s+(?:by|under)|610\.021)\b"),
        purchase: re(r"\$\s?\d|\b(?:amount|vendor|description)\s*:|\b(?:purchased?|purchasing|bought|buy|buys|paid|pay|spent|spend|cost|costs|invoice|subscription|contract|expenditures?|price|priced|licen[cs]es?|fee|fees|grant\s+funds|funded|procured|procurement)\b"),
        public_audience: re(r"\b(?:voters?|public|observers?|visitors?|residents?|media|press|candidates?|poll\s+watchers|challengers|accessible|disabilit(?:y|ies)|wheelchairs?|ramps?|elevators?|parking|curbside|welcome|open\s+to|citizens)\b"),
        resolved: re(&format!(r"(?:\b(?:{NEGATION})\b[^.;!?\n]{{0,25}}?)?\b(?:re-?enabled|re-?armed|turned\s+(?:it\s+|them\s+)?back\s+on|switched\s+(?:it\s+|them\s+)?back\s+on|back\s+on(?:line)?|reconnected|restored|reinstalled|repaired|fixed|replaced|working\s+(?:again|normally)|reporting\s+normally|now\s+(?:on|enabled|running|working|active|armed|required|enforced)|resolved|remediated|corrected|renewed|reactivated|replacement|locked\s+(?:it|them)\s+(?:right\s+away|immediately|at\s+once)|repairs?|fix(?:es)?|incorrect|inaccurate|misstated|in\s+error|not\s+true|(?:was|were|is|are|has\s+been|have\s+been)\s+(?:working|functioning|operating|online|recording)(?:\s+(?:normally|properly|the\s+whole\s+time|throughout|all\s+along))?)\b")),

        credential_recipe: re(&format!(r"\b{SECRET}\b([^.;!?\n]{{0,50}}?)(?:\b(?:is|are|was|were|becomes|set\s+to|changed\s+to|reset\s+to|consists\s+of|made\s+up\s+of|based\s+on|follows|matches|equals)\b|:)\s*([^.;!?\n]{{1,90}})")),
        recipe_marker: re(r"\b(?:name|names|maiden|birth\s?days?|birth\s?dates?|dates?\s+of\s+birth|year|years|address|street|phone|fax|extension|number|numbers|digits?|initials|word|words|spelled|backwards|reversed|followed\s+by|plus|then|same\s+as|identical\s+to|repeated|twice|thrice|capital|capitals|capitalized|uppercase|lowercase|letters?|default|blank|empty|nothing|product|county|city|seat|dog|cat|pet|team|mascot|month|season|zip|sequential|123|abc|qwerty)\b|\+|[\x22']"),
        credential_as: re(r"\b(?:with|uses?|using|enters?|types?)\s+(?:their|the|his|her|its|a|an|our|your)\s+[^.;,!?\n]{1,40}?\s+as\s+(?:the|their|a|an|its|his|her|our|your)\s+(?:\w+\s+)?(?:pass\s?words?|pass\s?phrases?|passcodes?|pins?|log-?ins?|codes?)\b"),
        credential_capitalised: re(&format!(r"\b{SECRET}\s+((?-i:[A-Z])[A-Za-z]{{2,}})\s+(?:plus|followed\s+by|then|and\s+the\s+(?:year|month|date|number))\b")),
        weak_credential: re(r"\b(?:shared|same|generic|common|group)\s+(?:\w+\s+){0,2}?(?:accounts?|user\s*names?|user\s+ids?)\b|\b(?:default|factory(?:\s+default)?|vendor(?:'s)?\s+default|blank|empty|shared|same|generic|common|single|one)\s+(?:\w+\s+){0,2}?(?:pass\s?words?|pass\s?phrases?|passcodes?|pins?|credentials?|log-?ins?)\b|\bshares?\s+(?:one|a|the\s+same|a\s+single)\s+(?:pass\s?word|pass\s?phrase|passcode|pin|login|code)\b|\b(?:pass\s?words?|pass\s?phrases?|passcodes?|pins?|codes?|combinations?|log-?ins?)\s+(?:is|are)\s+the\s+same\s+(?:at|on|for|across|in)\s+(?:every|all|each)\b"),
        no_credential: re(r"\b(?:with|has|have|had|uses?)\s+(?:no|a\s+blank|an\s+empty|blank|empty)\s+(?:\w+\s+){0,2}?(?:pass\s?words?|pass\s?phrases?|passcodes?|pins?)\b|\b(?:without|(?:does|do|did)\s+not\s+(?:require|need|have|ask\s+for)|(?:doesn't|don't|didn't)\s+(?:require|need|have))\s+(?:a\s+|any\s+)?(?:pass\s?words?|pass\s?phrases?|passcodes?|pins?|log-?ins?|authentication)\b|\bno\s+(?:pass\s?word|passcode|pin|authentication)\s+(?:is\s+)?(?:required|needed|set)\b"),
        not_rotated: re(&format!(r"\b{SECRET}\b[^.;!?\n]{{0,40}}?\b(?:(?:has|have|had)\s+(?:not|never)\s+(?:been\s+)?(?:changed|rotated|reset|updated)|(?:hasn't|haven't|hadn't)\s+(?:been\s+)?(?:changed|rotated|reset)|(?:was|were|is|are)\s+never\s+(?:changed|rotated|reset)|unchanged)\b")),
        fix_verb: re(&format!(r"(?:\b(?:{NEGATION})\b[^.;!?\n]{{0,20}}?)?\b(?:change[sd]?|replace[sd]?|reset|remove[sd]?|rotate[sd]?|disabled|prohibited|eliminated|blocked|banned|rejected|not\s+(?:allowed|permitted|used)|never\s+(?:used|shared|allowed))\b")),

        kept_object: re(r"\b(?:(?:spare|master|recovery|encryption|private|signing|backup|extra|duplicate|only|usb|hardware|physical|bitlocker|alarm|door|safe|vault|cabinet|cage|tabulator|drop\s+box|server\s+room|warehouse|ballot\s+room|admin|administrator|the)\s+)*(?:backups?|backup\s+(?:tapes?|drives?|disks?|media)|(?:off-?site\s+|backup\s+|spare\s+)cop(?:y|ies)|cop(?:y|ies)\s+of\s+the\s+(?:voter\s+file|database|ballot\s+definitions?|election\s+(?:files?|database|definitions?)|keys?|codes?)|memory\s+(?:cards?|sticks?|devices?)|thumb\s+drives?|flash\s+drives?|usb\s+(?:sticks?|drives?|keys?)|(?:spare|blank|extra)\s+(?:seals?|ballot\s+stock|ballots?)|seal\s+(?:logs?|stock|supply)|ballot\s+stock|tamper\s+seals?|recovery\s+codes?|keys|key|key\s*cards?|key\s+rings?|fobs?|(?:spare|master|access|admin)\s+badges?|smart\s+cards?|yubikeys?|security\s+keys?|(?:security|hardware|mfa|rsa|usb|authentication)\s+tokens?|pass\s?words?|pass\s?phrases?|passcodes?|pins?|pin\s+(?:codes?|numbers?)|codes?|combinations?|credentials?|(?:signing|digital|ssl|tls|root|code-signing)\s+certificates?)\b"),
        kept_verb: re(&format!(r"(?:\b(?:{NEGATION})\s+(?:be\s+|been\s+)?)?\b(?:taken\s+home|takes?\s+(?:\w+\s+)?home|brought\s+home|goes\s+home|kept|keeps?|stored|stores?|hidden|hides?|taped|tucked|posted|written|printed|saved|filed|left|leaves?|placed|hangs?|hung|hanging|sits?|lives?|travels?|goes|stays?|emailed|e-mailed|texted|plugged|carried|labell?ed|stuck|pinned|attached|clipped|listed|recorded)\b")),
        kept_place: re(r"\b(?:(?:on|in)\s+an?\s+(?:\w+\s+)?cards?|pegboards?|coat|(?:never|not)\s+locked|no\s+lock|(?:does|do)\s+not\s+lock|doesn't\s+lock|open\s+(?:box|bin|tray|basket|cubby|crate|shelf|shelving)|in\s+the\s+(?:machines?|tabulators?|locks?|ignition|units?|doors?)|hallway|drawers?|desks?|envelopes?|binders?|notebooks?|sticky\s+notes?|post-its?|index\s+cards?|whiteboards?|calendars?|hooks?|nails?|mats?|flower\s*pots?|planters?|mugs?|cups?|jars?|magnetic\s+box(?:es)?|hide-a-key|bags?|purses?|wallets?|briefcases?|pockets?|cars?|vans?|trucks?|glove\s*box(?:es)?|glove\s+compartments?|ignition|visors?|keyboards?|monitors?|under|underneath|beneath|behind|beside|next\s+to|taped|lids?|frames?|shelf|shelves|counters?|closets?|break\s*rooms?|copiers?|mail\s*rooms?|supply|totes?|key\s*rings?|spreadsheets?|documents?|text\s+files?|files?\s+named|shared\s+(?:drives?|folders?)|folders?|desktops?|e-?mails?|emailed|thumb\s+drives?|flash\s+drives?|usb|laptops?|plugged\s+into|same\s+(?:\w+\s+)?(?:box|bag|folder|envelope|drawer|case|place|room|binder|server|drive|computer|machine|laptop|device|disk|share)|(?:his|her|their|my)\s+(?:phone|cell|wallet|purse|car|truck|pocket|desk|drawer|notebook|home|house|laptop|briefcase|bag)|home|house|bottom|underside|back\s+of|(?:north|south|east|west|rear|back|side)\s+(?:doors?|entrances?|walls?|hallways?|stairs|stairwells?)|stairs|stairwells?|loading\s+docks?|unlocked|ceiling|tiles?|bulletin\s+boards?|receptionist|front\s+desk|lobby|wiki|intranet|sharepoint|onedrive|dropbox|google\s+drive|text\s+messages?|group\s+chat|(?:top|bottom|left|right|middle|first|second|third|upper|lower)\s+(?:\w+\s+)?(?:drawers?|shelf|shelves))\b|\b\w+'s?\s+(?:desk|car|truck|purse|wallet|briefcase|drawer|locker|home|house|key\s*ring|phone|laptop|computer|desktop|supply)"),
        kept_verbless: re(r"\b(?:keys?|codes?|combinations?|pass\s?words?|pins)\b(?:[^.;!?\n]{0,50}?\b(?:is|are)\s+(?:always\s+|usually\s+|still\s+)?|\s+)(?:in|on|under|inside|behind|beneath|taped\s+to|at)\s+(?:the|a|an|his|her|their)\s+[^.;!?\n]{0,60}"),
        key_custody: re(r"\b(?:only|single|sole|one)\s+(?:\w+\s+){0,3}?keys?\b[^.;!?\n]{0,60}?\b(?:held|kept|carried)\s+by\b|\bkeys?\b[^.;!?\n]{0,50}?\b(?:held|carried)\s+by\s+(?:\d+|only|just|(?:the\s+)?(?:deputy|director|clerk|custodian|chief|sheriff)|(?-i:[A-Z])[a-z]+\s+(?-i:[A-Z]))"),

        schedule_object: re(r"\b(?:(?:is|are)\s+not\s+(?:watched|guarded|staffed|attended|patrolled|alarmed|armed)|(?:security\s+)?guards?|guard\s+booth|security\s+(?:officers?|staff|patrols?|personnel)|(?:police|sheriff's|overnight|night|duty)\s+(?:security\s+)?officers?|officers?\s+on\s+(?:duty|post)|no\s+officer|deput(?:y|ies)|sheriff(?:'s)?|patrols?|patrolled|patrolling|rounds|drive-?bys?|swing\s+by|alarms?|alarmed|(?:motion\s+|door\s+|contact\s+)?sensors?|motion\s+detectors?|cameras?|cctv|camera\s+feeds|video\s+(?:feeds?|recording|footage)|video\s+from|video\s+(?:is|are)\s+(?:only\s+)?(?:kept|retained|stored|saved)|footage|recorders?|backups?|backed\s+up|back\s+up|off-?site\s+(?:backup\s+)?cop(?:y|ies)|replicas?|replication|snapshots?|log\s+reviews?|logs\s+are\s+(?:reviewed|checked)|logs?\s+(?:are|is)\s+(?:only\s+)?(?:kept|retained|stored|saved)|reviews?\s+of\s+(?:the\s+)?logs|(?:building|warehouse|office|annex|site|room|facility)\s+is\s+(?:empty|unattended|unstaffed|unmanned)|unattended|unstaffed|unmanned|unwatched|unguarded|unmonitored|nobody|no\s+one)\b"),
        strong_time: re(r"\b\d{1,2}(?::\d{2})?\s*(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?)|\b\d{1,2}:\d{2}\b|\bnoon\b|\bmidnight\b|\b\d{1,2}\s+(?:in\s+the\s+(?:morning|evening|afternoon)|o'clock)|\b(?:mon|tues|wednes|thurs|fri|satur|sun)days\b|\b(?:every|each)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+(?:nights?|evenings?|mornings?|afternoons?)|\bevery\s+(?:\d+|few|couple\s+of)\s+(?:minutes|hours)\b|\b(?:lunch|breaks?|shift\s+changes?|between\s+rounds)\b|\b(?:once|twice|\d+\s+times)\s+(?:a|an|each|every|per)\s+(?:night|shift|hour)\b|\b(?:first|last|\d+(?:st|nd|rd|th))\s+(?:\w+\s+)?of\s+(?:each|every|the)\s+month\b"),
        weak_time: re(r"\b(?:for\s+(?:only\s+|just\s+)?\d+\s+(?:hours|days|weeks)|\d+\s+(?:hours|days|weeks)\s+of\s+(?:video|footage|recordings?|logs?)|(?:business|office|working)\s+hours|daytime|weekends?|weekdays?|weeknights?|holidays?|overnight|nights?|evenings?|mornings?|after\s+hours|nightly|hourly|daily|weekly|monthly|quarterly|annually|yearly|once\s+(?:a|an|each|every|per)\s+(?:night|day|hour|shift|week|month|quarter|year)|twice\s+(?:a|each|every|per)\s+\w+|every\s+(?:night|day|hour|week|month|quarter|year|shift)|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"),
        gap: re(r"\b(?:unattended|unstaffed|unmanned|unwatched|unmonitored|unguarded|uncovered|unchecked|empty|nobody|no\s+one|no\s+(?:officer|guard|deputy|patrols?)|not\s+(?:armed|alarmed|set|checked|monitored|staffed|covered|on\s+post|patrolled|recorded|watched|reviewed)|skip(?:s|ped)?|stop(?:s|ped)?|does\s+not\s+resume|do\s+not\s+resume|disarmed|switched\s+off|turned\s+off|silenced|only|just|never|except|gaps?|lost|unnoticed|overwrit\w*|recorded\s+over|erased|leaving|until)\b"),
        route_gap: re(r"\b(?:skip(?:s|ped)?|(?:does|do|did)\s+not\s+(?:check|include|cover|visit|go\s+to)|(?:doesn't|don't|didn't)\s+(?:check|include|cover|visit)|never\s+(?:checks?|visits?|goes|go|covers?)|not\s+(?:checked|included|covered|patrolled))\b"),
        // "the server named EMS01", "workstation ADJ-02".
        server_name: re(r"\b(?:servers?|host|nas|vm|workstations?|pc|computer|file\s+server|domain\s+controller)\s+(?:is\s+)?(?:named\s+|called\s+)?[\x22']?(?-i:[A-Za-z][A-Za-z-]*\d{1,3}[A-Za-z]?)\b"),
        low_frequency: re(r"\b(?:monthly|quarterly|annually|yearly|once\s+(?:a|each|every|per)\s+(?:month|quarter|year)|every\s+(?:\d+\s+)?(?:months?|quarters?|years?))\b"),

        defence: re(r"\b(?:(?:audit|event|security|access|firewall|system|windows\s+event|server)\s+logs?|logs|logging|audit\s+trails?|auditing|syslog|alert(?:s|ing)|intrusion\s+(?:prevention|detection)|ids|ips|edr|xdr|antivirus|anti-virus|anti-malware|malware\s+protection|endpoint\s+(?:protection|detection)|defender|firewalls?|(?:albert\s+|motion\s+|door\s+|contact\s+|network\s+)?sensors?|(?:door|alarm|window)\s+contacts?|motion\s+detectors?|detectors?|alarms?|cameras?|cctv|multi-?factor(?:\s+authentication)?|two-factor(?:\s+authentication)?|mfa|2fa|(?:disk\s+|full-disk\s+|drive\s+)?encryption|bitlocker|automatic\s+updates|auto-updates|security\s+updates|windows\s+updates|patching|backups?|badge\s+readers?|screen\s+locks?|account\s+lockout|secure\s+boot|monitoring|recording|panic\s+buttons?|duress\s+alarms?|(?:dns|web|e-?mail|content|spam|url|phishing)\s+filter(?:ing|s)?|(?:motion|security|flood|perimeter)\s+lights?|floodlights?|fire\s+suppression(?:\s+system)?|port\s+security)\b"),
        defence_off: re(r"\b(?:(?:in\s+)?(?:monitor|audit|learning|detect|alert|log)(?:-only|\s+only)(?:\s+mode)?|blocks\s+nothing|allows?\s+everything|(?:bypass|permissive)\s+mode|(?:nobody|no\s+one)\s+(?:ever\s+)?(?:checks|reviews|monitors|watches|looks\s+at|reads)|(?:are|is)\s+(?:never|not)\s+(?:checked|reviewed|monitored|watched|read)|turned\s+(?:\w+\s+)?off|switched\s+(?:\w+\s+)?off|waived|exempt(?:ed)?\s+from\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}?(?:requirements?|encryption|passwords?|badges?|sign-?in|checks?|scans?|scanning|screening|monitoring|logging|mfa|multi-?factor|inspections?|policy|rules?|filtering|review|lockout|updates?|patching)|allows?\s+(?:all|any)\s+(?:traffic|connections|inbound|access)|shut\s+(?:off|down)|disabled|disconnected|uninstalled|removed|unplugged|paused|suspended|stopped(?:\s+(?:reporting|working|running|recording|logging))?|offline|(?:is|are|was|were|been|left|stays?|remains?|kept)\s+off|off\s+since|not\s+(?:been\s+)?(?:enabled|enforced|required|turned\s+(?:back\s+)?on|running|reporting|working|configured|reconnected|plugged\s+(?:back\s+)?in|monitored|armed|recording|installed|set\s+up|active|activated|on|restored|re-?enabled)|(?:never|not)\s+(?:yet\s+)?(?:been\s+)?switched\s+on|(?:has|have)\s+been\s+dark|(?:gone|went)\s+dark|(?:knocked\s+)?out\s+of\s+alignment|never\s+(?:been\s+)?(?:enabled|turned\s+on|set\s+up|configured|installed|activated|enforced|required|connected|reconnected|restored|re-?enabled|turned\s+back\s+on)|no\s+longer\s+(?:running|active|working|reporting|monitored|on|enabled|installed|required|enforced)|expired|lapsed|bypassed|disarmed|silenced|muted|taped\s+over|covered\s+over|broken|burn(?:ed|t)\s+out|down\s+since|nobody\s+has\s+(?:looked|checked|turned|reconnected|restored)|remains?\s+paused|not\s+working|out\s+of\s+service|(?:was|were|is|are|been|went|has\s+been)\s+down|(?:haven't|have\s+not|hasn't|has\s+not)\s+(?:\w+\s+){0,5}?(?:working|worked)|(?:isn't|aren't|doesn't|don't|does\s+not|do\s+not)\s+(?:work|working)|not\s+yet\s+(?:working|installed|enabled|connected|reconnected|repaired))\b"),

        remote_on: re(r"\b(?:installed|enabled|running|runs|left\s+(?:on|running|installed|enabled|open)|active|open|allowed|permitted|configured|set\s+to\s+(?:start|launch|run)|starts?\s+(?:with|automatically|at)|launch(?:es)?\s+at|automatic(?:ally)?|auto-?start|always(?:-on|\s+on)?|unattended|uses?|using|used|connects?|connected|reach(?:es)?|access(?:es)?|dial\s+in|log(?:s)?\s+in|through|via|agent|is\s+on|turned\s+on|found)\b"),
        remote_off: re(r"\b(?:removed|uninstalled|deleted|disabled|blocked|prohibited|banned|forbidden|denied|rejected|declined|cancell?ed|not\s+to\s+(?:install|use|allow|keep)|(?:not|n't|never)\s+(?:\w+\s+)?(?:allow|permit|use|install|enable)\w*|chose\s+not|decided\s+against|not\s+(?:permitted|allowed|installed|used|enabled)|no\s+longer|turned\s+off|shut\s+off|replaced|never|none|no\s+(?:other\s+)?remote)\b"),
        remote_still: re(r"\b(?:nobody|no\s+one|not\s+yet|never)\s+(?:\w+\s+){0,2}?(?:removed|uninstalled|disabled|turned\s+(?:it\s+)?off)|\b(?:has|have)\s+not\s+been\s+(?:removed|uninstalled|disabled)|\bstill\b|\bremains?\b|\bleft\s+(?:on|running|installed|enabled|open)\b"),
        remote_generic: re(r"\bremote(?:-|\s+)(?:access|support|control|management|desktop)(?:\s+(?:tools?|software|sessions?|agents?|apps?|applications?|connections?|programs?))?\b[^.;!?\n]{0,80}?\b(?:available\s+to|always(?:-on|\s+on)?|at\s+all\s+times|left\s+(?:on|open|enabled|running)|still\s+(?:on|open|enabled|installed|running)|(?:is|are|remains?)\s+(?:enabled|open|on)|enabled\s+for|open\s+to|permanent|24/7|around\s+the\s+clock|stays?\s+(?:enabled|open|on|installed|running)|keeps?\s+(?:an?\s+)?(?:always-on\s+)?(?:remote|session))\b|\b(?:keeps?|has|have|leaves?)\s+an?\s+(?:always-on\s+|open\s+|permanent\s+)?remote(?:-|\s+)(?:access|support|desktop)\s+(?:session|connection|tunnel)"),

        surveillance: re(r"\b(?:cameras?|cctv|sensors?|detectors?|alarms?|recorders?|nvrs?|dvrs?|video)\b"),
        coverage: re(r"\b(?:outside\s+(?:the\s+)?(?:view|range|field\s+of\s+view|frame|reach)|out\s+of\s+(?:range|sight|frame|the\s+(?:view|frame|picture))|not\s+(?:in|within)\s+(?:view|range)\s+of|(?:does|do)\s+not\s+(?:reach|see|capture)|doesn't\s+(?:capture)|covers?|covering|faces|facing|points?\s+(?:at|toward|towards|away)|pointed\s+(?:at|toward|towards|away)|aimed\s+(?:at|toward)|does\s+not\s+(?:cover|see|reach|record|show)|do\s+not\s+(?:cover|see|reach|record|show)|don't\s+(?:cover|see|reach|record|show)|doesn't\s+(?:cover|see|reach|record|show)|cannot\s+see|can't\s+see|can\s+not\s+see|blind\s+spots?|out\s+of\s+view|not\s+covered|no\s+(?:camera|sensor|alarm|motion\s+sensor|video)\s+(?:coverage|covers?|in|on|at|over|inside|outside|near)|no\s+coverage|only\s+records?|records?\s+only|only\s+when)\b"),
        specific_spot: re(r"\b(?:north|south|east|west|rear|back|side|front|loading|upper|lower|main)\s+(?:\w+\s+)?(?:doors?|entrances?|stairwells?|stairs|docks?|hallways?|halls?|walls?|windows?|corners?|gates?|lots?)\b|\bloading\s+docks?\b|\bstairwells?\b|\bmezzanine\b"),
        numbered: re(r"\b(?:cameras?|cams?|sensors?|detectors?|readers?|keypads?|keys?|padlocks?|zones?)\s+(?:no\.?\s*|number\s+|#\s*)?(?-i:[A-Z])?-?\d{1,4}\b"),
        barrier_state: re(r"\b(?:propped\s+open|never\s+locked|stays?\s+(?:open|unlocked)\s+(?:all|overnight|at|during|until|while|because)|(?:is|are)\s+not\s+locked|(?:isn't|aren't)\s+locked|props?\s+(?:\w+\s+){1,4}open|propping|left\s+(?:open|unlocked|ajar)|unlocked|does\s+not\s+(?:lock|close|latch)|doesn't\s+(?:lock|close|latch)|won't\s+(?:lock|close|latch)|will\s+not\s+(?:lock|close|latch)|cannot\s+be\s+(?:locked|secured|closed)|can't\s+be\s+(?:locked|secured|closed)|can\s+be\s+opened\s+without|not\s+lock(?:ed|ing)?\s+properly|broken|jammed|no\s+(?:badge\s+readers?|locks?|alarms?(?:\s+contacts?)?|contact\s+sensors?|cameras?|sensors?)|has\s+no\s+(?:badge\s+reader|lock|alarm|camera|sensor)|not\s+alarmed|taped\s+over|bypassed|disabled|defeated)\b"),
        key_scope: re(r"\b(?:master|same|one|single|only)\s+(?:\w+\s+){0,2}?keys?\b[^.;!?\n]{0,60}?\b(?:opens?|fits?|works\s+(?:on|for)|unlocks?)\b[^.;!?\n]{0,50}?\b(?:both|every|all|also|and)\b|\b(?:keys?|cards?|badges?|fobs?)\b[^.;!?\n]{0,50}?\b(?:also|still)\s+(?:opens?|fits?|unlocks?)\b|\b(?:takes|uses|shares|has)\s+the\s+same\s+key\s+as\s+(?:every|all|each|the\s+other)\b|\bopens?\s+with\s+the\s+same\s+(?:\w+\s+)?key\b|\b(?:all|every)\s+(?:\w+\s+){0,3}?(?:use|share|take)\s+the\s+same\s+key\b"),
        fixture_placement: re(r"\b(?:alarm\s+panels?|panels?|recorders?|nvrs?|dvrs?|keypads?|control\s+(?:box|panel)|alarm\s+controller|sensors?|cameras?|safes?|vaults?|key\s+box(?:es)?)\b[^.;!?\n]{0,40}?\b(?:is|are|sits?|located|mounted|installed|kept|hangs?)\b[^.;!?\n]{0,30}?\b(?:(?:just\s+)?inside\s+the|behind\s+the|beneath\s+the|under\s+the|next\s+to\s+the|beside\s+the|in\s+the\s+(?:unlocked|basement|closet|hallway|ceiling|break\s+room|stairwell|janitor|data\s+center|server\s+room|rack|back\s+of|boiler|supply))"),
        configuration: re(r"\b(?:configured|configure|set\s+to|set\s+up|connected|connects?|filters?|between|behind|vlan|traffic|default|admin\w*|credentials?|enabled|disabled|unlocked|modem|firmware|tunnel|terminat\w*|allow\w*)\b"),
        deployment: re(r"\b(?:configured|configure|set\s+to|set\s+up|connected|connects?|joined|joins?|sync(?:s|ed|ing)?|synchroniz\w*|transmit\w*|runs?|running|deployed|deploy|installed\s+(?:in|on|at|behind|inside|between|next\s+to)|sits?|stores?\s+(?:their|its|the)\s+results|placed|located|mounted|behind|in\s+front\s+of|enabled|disabled|unlocked|terminat\w*|filters?|protects?|separates?|holds?|modem|firmware|version|credentials?|admin\w*|default|profile|menu|hotspot|lte|wi-?fi|vlan|switch|rack|closet|server\s+room|allow\w*|tunnel|traffic)\b"),
    })
}
