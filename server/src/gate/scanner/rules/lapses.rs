//! Controls that exist on paper but lapse in practice, told in plain words with no
//! technical shape: a code everyone knows or a login everyone shares, a key or
//! password kept in plain sight, access that was never taken back (a badge not
//! collected, a lock not rekeyed, a vendor's standing account), keys and codes held far
//! beyond the office, logs, counts and checks nobody makes (or the checker's own), a proof of identity anyone has, a barrier held open or shut by
//! a makeshift fix, a rule that lets anyone in, people never vetted, ballots moved or
//! waiting without their safeguards, backups that do not restore, one person a
//! process rests on or alone at a known time, a personal account doing the office's
//! work, where an official lives, and a promised safeguard never built. Each is blocked
//! unless the sentence denies it or says it was fixed, and stays quiet where a more
//! specific family already blocks the same words.

use super::super::hints::HINT_LAPSE;
use super::super::patterns::re;
use super::super::sentences::{denied, Sentence};
use super::super::{Scanner, Severity};
use regex::Regex;
use std::sync::OnceLock;

struct Lapses {
    widely_known: Regex,
    shared_login: Regex,
    in_plain_sight: Regex,
    not_taken_back: Regex,
    standing_access: Regex,
    unread: Regex,
    makeshift: Regex,
    lets_anyone_in: Regex,
    rule_skipped: Regex,
    supplies_unsecured: Regex,
    taken_home: Regex,
    unchecked: Regex,
    open_to_many: Regex,
    unvetted: Regex,
    moved_unsealed: Regex,
    waits_unguarded: Regex,
    cannot_restore: Regex,
    single_point: Regex,
    undetected: Regex,
    staff_home: Regex,
}

/// A secret that opens something: the object of "knows", "written on" and the like.
const SECRET: &str = r"(?:(?:vault|safe|door|alarm|keypad|gate|cage|lock|building|office|master|admin(?:istrator)?|wi-?fi|wireless|network|router|server|root)\s+)?(?:codes?|combinations?|passwords?|passphrases?|pins?|passcodes?|recovery\s+keys?|encryption\s+keys?|spare\s+keys?|tokens?|credentials?)";

fn patterns() -> &'static Lapses {
    static P: OnceLock<Lapses> = OnceLock::new();
    P.get_or_init(|| Lapses {
        // "Temporary staff all know the vault code", "the custodian knows the vault code
        // because...", "the code is read aloud at the briefing".
        widely_known: re(&format!(
            r"\b(?:knows?|know)\s+(?:the\s+|our\s+|its\s+)?{SECRET}\b|\b{SECRET}\b[^.;!?\n]{{0,40}}?\b(?:(?:is|are)\s+)?(?:read\s+aloud|announced|shouted|given\s+out|handed\s+out|shared\s+(?:with|among|by)\s+(?:all|every|the\s+whole))\b|\b{SECRET}\b[^.;!?\n]{{0,40}}?\bshared\b[^.;!?\n]{{0,40}}?\bwith\s+(?:the\s+)?(?:[\w']+\s+){{0,3}}?(?:whole|entire)\s+(?:crew|team|staff)\b|\bgives?\s+(?:out\s+)?(?:the\s+|our\s+)?{SECRET}\s+to\s+(?:volunteers|visitors|helpers|drivers|temps|temporary|anyone|contractors|movers)\b"
        )),
        // "Staff share a single login", "share one administrator account".
        shared_login: re(r"\b(?:accounts?|logins?|passwords?|user\s*names?|credentials?)\s+(?:is|are)\s+shared\s+(?:by|among|between)\s+(?:all|every|the\s+(?:whole|entire)|several|many|\w+\s+(?:staff|workers|employees|people))\b|\b(?:share|shares|shared|sharing|use|uses|using)\s+(?:a\s+single|one|two|three|[23]|a\s+few|the\s+same|a\s+common|a\s+shared|one\s+shared)\s+(?:\w+\s+)?(?:logins?|log-?ins?|accounts?|user\s*names?|passwords?|sign-?ins?|credentials?)\b|\b(?:a\s+single|one\s+shared|a\s+shared)\s+(?:\w+\s+)?(?:logins?|accounts?|user\s*names?)\s+(?:called|named)\b|\bone\s+shared\s+(?:\w+\s+)?(?:logins?|accounts?|passwords?)\b"),
        // "written on the inside cover of", "taped to the monitor", "in an unlocked
        // drawer", "a spreadsheet on the shared drive".
        in_plain_sight: re(&format!(
            r"\b{SECRET}\b[^.;!?\n]{{0,60}}?\b(?:(?:is|are)\s+)?(?:written\s+(?:on|in|inside|down)|taped\s+(?:to|on|inside|under)|stuck\s+(?:to|on)|posted\s+(?:on|in|next)|on\s+a\s+sticky\s+note|in\s+(?:an?\s+|the\s+|his\s+|her\s+|their\s+)?(?:unlocked\s+|top\s+|desk\s+)*drawer|(?:spreadsheet|text\s+file|document)\s+on\s+the\s+(?:shared|network|public)\s+drive)\b|\b(?:api\s+keys?|passwords?|tokens?|secrets?|credentials?)\b[^.;!?\n]{{0,40}}?\bin\s+a\s+public\s+(?:code\s+)?(?:repository|repo|github)\b|\b(?:spreadsheet|text\s+file|sticky\s+note)\b[^.;!?\n]{{0,30}}?\b(?:holds?|lists?|has|with)\s+(?:all\s+|every\s+)?(?:the\s+)?{SECRET}\b"
        )),
        // "Badges ... aren't collected", "we haven't rekeyed the locks", "deactivated cards
        // are never removed from the controller", "kept her keys when she left".
        not_taken_back: re(r"\b(?:badges?|cards?|key\s*cards?|fobs?|keys?|accounts?|logins?|access)\b[^.;!?\n]{0,60}?\b(?:(?:are|is|were|was)\s+(?:never|not)|(?:aren't|isn't|weren't|wasn't)|never\s+(?:get|gets|got)|never)\s+(?:\w+\s+)?(?:collected|returned|retrieved|removed|deleted|deactivated|disabled|revoked|turned\s+in|taken\s+back|rekeyed|turned\s+off|shut\s+off)\b|\b(?:haven't|have\s+not|hasn't|has\s+not|never|did\s+not|didn't)\s+(?:\w+\s+)?(?:rekeyed|re-keyed|changed\s+the\s+locks|rekey|re-key)\b|\bkept\s+(?:his|her|their)\s+(?:keys?|badges?|cards?|fobs?)\b|\bstill\s+(?:has|have)\s+(?:an?\s+)?active\s+(?:logins?|accounts?|badges?|access|keys?|credentials?)\b|\btodav[ií]a\s+tiene[n]?\s+(?:una?\s+|su\s+|sus\s+)?(?:tarjetas?\s+de\s+acceso|cuentas?|accesos?|credencial(?:es)?|llaves?)\s+activ[oa]s?\b|\b(?:combinations?|codes?|passwords?|locks?)\b[^.;!?\n]{0,40}?\bwas\s+not\s+changed\b|\b(?:have|has)\s+not\s+changed\s+the\s+(?:code|combination|password|locks?)\b|\bkeys?\b[^.;!?\n]{0,40}?\b(?:has|have)\s+not\s+been\s+(?:returned|collected|retrieved)\b|\bwho\s+left\s+(?:the\s+office\s+)?(?:in\s+\d{4}\s+)?can\s+still\b"),
        // "The vendor's support engineer has a permanent account", "keeps a standing VPN
        // tunnel into our network", "installed an agent with full control of every machine".
        standing_access: re(r"\b(?:vendors?|vendor's|providers?|provider's|contractors?|contractor's|engineers?|integrators?|consultants?|msp|managed\s+service\s+provider)\b[^.;!?\n]{0,80}?\b(?:permanent|standing|always-on|persistent|unrestricted|never[- ](?:expiring|disabled|deactivated))\s+(?:\w+\s+){0,2}?(?:accounts?|access|tunnels?|connections?|logins?|sessions?|credentials?)\b|\b(?:full|complete|total)\s+control\s+of\s+(?:every|all|each)\b|\bdomain\s+admin(?:istrator)?\s+(?:rights|privileges|access)\b|\b(?:line|connection|modem|link|tunnel)\s+is\s+always\s+(?:on|open|connected)\b|\bfull\s+(?:admin(?:istrator)?\s+)?rights\s+(?:on|to|over)\b|\bstill\s+set\s+to\s+start\s+automatically\b|\bremain\s+enabled\s+until\b|\bactivad[oa]\s+todo\s+el\s+a[nñ]o\b|\b(?:left\s+)?(?:turned\s+)?on\s+all\s+year\b|\bwill\s+remain\s+installed\b"),
        // "alerts go to a mailbox that no one has opened", "the access logs aren't
        // exported anywhere", "we do not monitor the authentication logs", "never pulled
        // off the devices".
        unread: re(r"\b(?:logs?|alerts?|alarms?|footage|recordings?|notifications?|warnings?|reports?)\b[^.;!?\n]{0,60}?\b(?:(?:are|is|were|was)\s+(?:never|not)|(?:aren't|isn't|weren't|wasn't|it's\s+never|they're\s+never)|never\s+(?:get|gets))\s+(?:\w+\s+)?(?:pulled|exported|reviewed|read|opened|looked\s+at|saved|kept|retained|collected|forwarded|sent|checked|monitored|examined)\b|\b(?:mailbox|inbox|address|account|phone|pager)\s+(?:that|which)\s+(?:no\s+one|nobody|no\s+body)\s+(?:\w+\s+){0,2}?(?:opens?|opened|reads?|checks?|checked|monitors?|monitored|watches)\b|\b(?:we|staff|it|they|no\s+one|nobody)\s+(?:do\s+not|don't|does\s+not|doesn't|never)\s+(?:\w+\s+)?(?:review|monitor|read|check|look\s+at|watch)\s+(?:the\s+|our\s+|its\s+|any\s+|who\b)(?:[\w'-]+\s+){0,3}?(?:logs?|alerts?|footage|badges?|access|sign-?ins?|logins?)\b|\b(?:logs?|sheets?|footage|recordings?|alerts?)\s+(?:that|which)\s+(?:nobody|no\s+one)\s+(?:ever\s+)?(?:reviews|reads|checks|looks\s+at|watches)\b|\b(?:and|but)\s+(?:nobody|no\s+one)\s+(?:ever\s+)?(?:reviews|reads|checks|watches|forwards|reports)\s+(?:them|it)\b|\b(?:nobody|no\s+one)\s+reconciles\b|\bnadie\s+(?:lo|la|los|las)\s+revisa\b|\bonly\s+(?:looked\s+at|reviewed|checked|read)\s+(?:once|twice)\s+a\s+(?:month|year|quarter)\b|\b(?:footage|recordings?|video)\s+overwrites?\s+(?:after|every)\b|\b(?:report|reports|go|goes)\s+to\s+no\s+one\b|\b(?:logs?|alerts?|alarms?|warnings?|tickets?)\b[^.;!?\n]{0,60}?\bunread\b|\b(?:nobody|no\s+one)\s+(?:owns|answers|watches|reads|monitors|checks|reviews|compares|forwards|reconciles)\s+(?:the\s+|our\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:alerts?|logs?|alarms?|footage|inbox|mailbox|queue|tickets?|seal\s+numbers|serial\s+numbers|sheets?)\b|\b(?:never|not)\s+(?:been\s+)?(?:wiped|cleared|backed\s+up|checked\s+against\s+a\s+(?:hash|signature|checksum)|verified\s+against)\b|\bnadie\s+(?:revisa|vigila|controla|supervisa|compara)\b|\bkeeps?\s+no\s+(?:footage|recordings?|video|logs?|history)\b|\blive\s+view\s+only\b|\bnothing\s+is\s+being\s+(?:saved|recorded|logged|kept|backed\s+up)\b|\b(?:footage|recordings?|video|access\s+logs?|badge\s+logs?|audit\s+logs?)\b[^.;!?\n]{0,40}?\b(?:is|are)\s+(?:overwritten|deleted|erased|purged|recorded\s+over)\s+(?:after|every|within)\s+(?:\d+|a\s+few|one|two|three|seven)\s+(?:hours|days)\b|\bnobody\s+else\s+is\s+(?:notified|called|told|alerted)\b"),
        // "held shut with a bungee cord", "held open with a rubber wedge", "drilled out
        // and never replaced", "a gap behind the dumpster wide enough to walk through",
        // "opens with a firm push", "hinge pins are on the outside".
        makeshift: re(r"\b(?:held|kept|tied|propped)\s+(?:open|shut|closed)\s+(?:only\s+)?(?:with|by)\s+(?:a|an|the)\b|\bwedged\s+(?:open|shut)\b|\bgap\s+in\s+the\s+(?:\w+\s+)?(?:fence|fencing|wall|ceiling|cage|mesh)\b|\bcan\s+be\s+(?:cloned|defeated|bypassed|overridden|picked|shimmed|jimmied|pried\s+open|slipped)\b|\bdrilled\s+out\b|\b(?:dummy|fake|decoy)\s+cameras?\b|\bcameras?\b[^.;!?\n]{0,40}?\b(?:are|is)\s+(?:dummies|a\s+dummy|fake|decoys?)\b|\b(?:seal|verification|check|inspection|mfa|multi-factor|two-factor|badge|sign-?in|log-?in|scan)\w*\b[^.;!?\n]{0,30}?\bcan\s+be\s+skipped\b|\b(?:wide|big|large)\s+enough\s+(?:to\s+(?:walk|crawl|climb|squeeze|fit|reach|slide)|for\s+(?:a\s+person|someone|a\s+car|a\s+truck|an\s+adult))\b|\bleft\s+alone\s+(?:in|with)\b|\bunsupervised\s+(?:in|with)\b|\bopens?\s+with\s+a\s+(?:firm\s+|hard\s+|good\s+)?(?:push|pull|shove|kick)\b|\bhinge\s+pins?\s+(?:are\s+|is\s+)?on\s+the\s+outside\b|\b(?:lifting|removing|tapping\s+out|pulling)\s+the\s+hinge\s+pins?\b|\b(?:not|isn't|aren't|never)\s+(?:been\s+)?wired\s+(?:in)?to\s+(?:the|an|any)\s+alarm\b|\bin\s+test\s+mode\b|\bunlock\s+on\s+their\s+own\b|\bget\s+past\s+the\s+(?:sign-?in|log-?in|login|lock|password)\b|\b(?:single|only\s+a|one)\s+padlock\b|\b(?:disabled|turned\s+off)\s+only\s+in\s+(?:the\s+)?settings\b|\bnot\s+physically\s+(?:removed|blocked|disabled|disconnected)\b|\bnever\s+physically\s+(?:removed|blocked|disabled|disconnected)\b|\ban\s+unlocked\s+(?:\w+\s+)?door\b|\b(?:fence|fencing|wall)\s+has\s+a\s+gap\b|\b(?:fence|fencing)\b[^.;!?\n]{0,60}?\bstops?\s+(?:\w+\s+){0,3}?short\s+of\b|\bcan\s+be\s+(?:lifted|pulled|popped|peeled)\s+off\b|\bkeyed\s+alike\b|\bwithout\s+leaving\s+(?:a\s+)?(?:mark|trace|evidence)\b|\bsin\s+dejar\s+(?:marca|rastro)\b|\b(?:cameras?|sensors?)\b[^.;!?\n]{0,60}?\bpoint(?:s|ing|ed)?\s+at\s+the\s+(?:ceiling|wall|floor|sky|wall\s+clock|clock)\b|\btiene\s+un\s+hueco\b|\bpor\s+donde\s+cabe\s+una\s+persona\b|\bsticks?\s+open\b|\bjust\s+stays\s+open\b|\bapuntando\s+a\s+la\s+pared\b|\bcan\s+still\s+be\s+skipped\b|\b(?:close|closes|closed|shut|held|hold)\s+(?:it\s+|them\s+)?(?:shut\s+)?with\s+a\s+zip\s+tie\b|\bpeels?\s+off\s+cleanly\b|\bwithout\s+showing\b|\bprops?\s+(?:the\s+|a\s+)?(?:\w+\s+){0,2}?(?:door|entrance|gate|exit)\s+(?:open\s+)?with\b|\bshares\s+a\s+door\s+with\b|\b(?:could|can)\s+climb\s+(?:over|in|through)\b|\b(?:side|end)\s+is\s+still\s+open\s+to\b"),
        // "will reset any password over the phone", "allows anonymous login", "allows
        // six-character passwords", "never expire", "logins from outside the United
        // States are not blocked", "lets through messages that fail DMARC", "root login
        // over SSH is allowed", "answers recursive queries from anyone".
        lets_anyone_in: re(r"\breset\s+(?:any|a|the|your)?\s*(?:\w+\s+){0,3}?passwords?\s+over\s+the\s+(?:phone|telephone)\b|\banonymous\s+(?:login|log-?in|logon|access|sign-?in|upload|ftp)\b|\b(?:allows?|permits?|accepts?)\s+(?:\w+-character|(?:one|two|three|four|five|six|seven|\d)-(?:character|letter|digit))\s+passwords?\b|\b(?:accounts?|passwords?|credentials?|tokens?|sessions?|logins?)\b[^.;!?\n]{0,40}?\b(?:set\s+to\s+)?never\s+expires?\b|\blogs?\s+(?:itself\s+)?in\s+automatically\b|\bauto(?:matic(?:ally)?)?[- ]?log(?:s|ged)?\s*(?:in|on)\b|\bfail(?:s|ed)?\s+open\b|\b(?:logins?|sign-?ins?|log-?ons?|connections?)\s+from\s+(?:outside|abroad|other\s+countries|any\s+country|anywhere)\b[^.;!?\n]{0,40}?\b(?:not\s+blocked|allowed|aren't\s+blocked)\b|\b(?:lets?\s+through|accepts?)\s+(?:\w+\s+){0,2}?(?:that|which)\s+fail\b|\broot\s+(?:login|log-?in|access)\b[^.;!?\n]{0,30}?\b(?:is\s+)?(?:allowed|enabled|permitted)\b|\brecursive\s+queries\s+from\s+(?:anyone|anywhere|any)\b|\bfrom\s+any\s+(?:address|ip|source|host|computer)\b|\ballows?\s+(?:usb|thumb|flash)\s+(?:drives?|sticks?|devices?)\s+(?:on|in)\b|\b(?:anyone|someone)\s+(?:who\s+(?:gives|knows|has|provides)|with)\s+(?:a\s+|the\s+)?(?:\w+'s\s+)?(?:name|birth\s*date|date\s+of\s+birth)\b|\bis\s+enough\s+to\s+(?:get|change|open|reset|redirect)\b|\bonly\s+needs\s+the\s+answer\b|\bif\s+(?:a\s+caller|someone|you)\s+(?:says?|claims?)\s+(?:they\s+are|to\s+be|you're|you\s+are|he\s+is|she\s+is)\s+from\b|\bcaller\s+id\b[^.;!?\n]{0,60}?\btrusted\b|\bcualquier\s+persona\s+con\s+el\s+nombre\b|\blets\s+anyone\s+in\b|\bopens?\s+(?:from\s+(?:the\s+)?outside\s+)?with\s+a\s+(?:credit\s+card|knife|butter\s+knife|screwdriver|shim|coat\s+hanger)\b|\busb\s+(?:stick|drive)\s+(?:they|he|she)\s+brought\b|\buses\s+the\s+\w+'s\s+(?:account|login|password|badge|credentials)\b|\banyone\s+(?:who\s+can\s+\w+\s+(?:\w+\s+){0,4}?)?can\s+(?:mark|replace|edit|delete|upload|overwrite)\b|\badmin(?:istrator)?\s+(?:rights|privileges|access)\b[^.;!?\n]{0,60}?\bby\s+default\b|\b(?:don't|do\s+not|doesn't|does\s+not)\s+(?:currently\s+|even\s+)?know\s+how\s+many\b|\bclear\s+view\s+of\s+the\s+(?:password|pin|keypad|code)\b|\banyone\s+(?:walking\s+by|passing\s+by|passing)\s+can\b|\bany\s+(?:\w+\s+){0,3}?(?:staff\s+member|employee|worker|badge|card|key|phone|device)\s+can\s+(?:open|enter|unlock|get\s+in|pair|connect)\b|\bpairs?\s+with\s+any\b|\b(?:skip|skips|skipped|skipping|bypass|bypasses)\s+the\s+(?:\w+\s+)?(?:hash|seal|signature|integrity|verification|validation|logic\s+and\s+accuracy)\s+(?:checks?|verifications?|tests?|steps?|comparisons?)\b|\b(?:has|have|with)\s+no\s+(?:password|pin|passcode|rate\s+limit(?:ing|s)?|lockout|account\s+lockout|login|log-?in|authentication|(?:disk\s+|full-disk\s+|drive\s+)?encryption|backups?|antivirus|anti-virus)\b|\bto\s+whoever\s+(?:arrives|shows\s+up|comes|asks|calls)\b|\bwhatever\s+address\b|\bsaved\s+(?:remote\s+)?(?:logins?|passwords?|credentials?)\b|\bwithout\s+(?:a\s+)?(?:second\s+factor|two-factor|multi-factor|mfa)\b|\bfailing\s+open\b|\bturn\s+off\s+(?:some|the|our)\s+(?:\w+\s+)?(?:protections?|security|firewall|filters?|defen[cs]es)\b|\bthere\s+is\s+no\s+spare\b|\b(?:has|have|with)\s+no\s+(?:alarm|panic\s+buttons?|metal\s+detectors?|spare|second\s+factor|door\s+that\s+can\s+be\s+locked)\b|\bno\s+tiene\s+(?:alarma|cerradura|c[aá]maras?)\b|\bwithout\s+asking\s+for\s+(?:the|a)\s+(?:pin|password|passcode|code|badge|id)\b|\bwithout\s+(?:showing|scanning|presenting)\s+(?:a|an|their|the)\s+(?:badge|id|card)\b|\baccepts?\s+(?:any\s+)?expired\s+(?:\w+\s+)?(?:cards?|badges?|passwords?|certificates?)\b|\bstill\s+accepts?\s+(?:the\s+)?old\s+(?:[\w-]+\s+){0,2}?(?:pins?|passwords?|codes?|cards?|badges?|credentials?)\b|\b(?:password|pin|code)\s+printed\s+on\s+(?:its|the)\s+(?:label|sticker|back|case)\b|\bclave\s+de\s+f[aá]brica\b|\b(?:has|have|with)\s+no\s+card\s+readers?\b|\bby\s+whoever\b|\b(?:opens|uses|runs)\s+(?:with\s+)?(?:the\s+)?factory\s+default\b|\bnever\s+had\s+it\s+reset\b|\banyone\s+who\s+calls\b|\bwithout\s+encryption\b|\bstay\s+logged\s+in\b|\btimeout\s+was\s+disabled\b"),
        // "The two-person rule ... is not followed on weekends", "travels alone".
        rule_skipped: re(r"\b(?:two-person|two\s+person|dual)\s+(?:rule|control|custody|integrity)\b[^.;!?\n]{0,40}?\b(?:(?:is\s+not|isn't|are\s+not|aren't|not|never)\s+(?:always\s+)?(?:followed|used|enforced|observed|applied)|(?:is|are|was|gets?)\s+(?:suspended|waived|skipped|dropped))\b|\b(?:travels?|drives?|rides?|works?)\s+alone\b[^.;!?\n]{0,60}?\b(?:always|every|same|by\s+the\s+same)\b|\b(?:rule|patch|update|fix|setting)\b[^.;!?\n]{0,80}?\bwas\s+never\s+(?:applied|installed|enabled|turned\s+on)\b|\b(?:rules?|ports?|sessions?|tunnels?)\b[^.;!?\n]{0,60}?\b(?:was|were)\s+never\s+(?:closed|removed|disabled|revoked|turned\s+off)\b|\b(?:alarms?|cameras?|sensors?|lockouts?|logging|firewalls?)\b[^.;!?\n]{0,60}?\b(?:switched|turned)\s+off\s+since\b|\bhas\s+stayed\s+off\b|\b(?:had|has|have)\s+not\s+(?:yet\s+)?applied\s+the\s+(?:[\w']+\s+){0,3}?(?:patch|update)\b|\b(?:two-person|two\s+person|dual)\s+(?:rule|control)\b[^.;!?\n]{0,40}?\b(?:doesn't|does\s+not)\s+apply\b|\b(?:hasn't|has\s+not)\s+been\s+(?:\w+\s+or\s+)?patched\b|\bleft\s+it\s+off\b|\bwould\s+not\s+arm\b"),
        // "Spare tamper-evident seals are kept in an unlocked drawer", "the unused rolls
        // sit on an open shelf", "blank badge stock will be stored in the unlocked copy room".
        supplies_unsecured: re(r"\b(?:seals?|spares)\b[^.;!?\n]{0,70}?\bsits?\s+in\s+the\s+unlocked\b|\b(?:in|into)\s+an?\s+(?:open|ordinary|unlocked|cardboard)\s+(?:plastic\s+)?(?:tub|tray|box|bin|filing\s+cabinet|cabinet|drawer)\b|\bno\s+seals?\s+on\b|\bleft\s+logged\s+in\b|\bcracked\s+seal\b|\bmemory\s+cards?\s+still\s+inside\b|\b(?:seals?|seal\s+tape|badge\s+stock|blank\s+badges?|spare\s+keys?)\b[^.;!?\n]{0,30}?\b(?:is|are)\s+(?:still\s+)?(?:in|on)\s+(?:an?\s+|the\s+)?(?:unlocked|open|unsecured)\b|\b(?:seals?|seal\s+rolls?|rolls|badge\s+stock|blank\s+badges?|spare\s+keys?|key\s+blanks?)\b[^.;!?\n]{0,50}?\b(?:kept|stored|left|sits?|sit|lie|lies)\s+(?:\w+\s+)?(?:in|on)\s+(?:an?\s+|the\s+)?(?:unlocked|open|unsecured)\b|\bin\s+an?\s+open\s+file\s+(?:box|cabinet|drawer)\b|\bon\s+an?\s+open\s+(?:table|dock)\b|\ben\s+una\s+mesa\s+abierta\b|\b(?:leaves?|left)\s+(?:\w+\s+){0,3}?unlocked\s+(?:from|over|during|through|until|all)\b|\bon\s+an?\s+open\s+shelf\b|\bon\s+the\s+loading\s+dock\s+overnight\b|\b(?:held|kept|stored|left)\s+overnight\s+(?:in|at)\s+(?:the\s+)?(?:back\s+room|general\s+store|store|shop|garage|lot)\b|\b(?:stays?|remains?)\s+on\s+the\s+(?:[\w']+\s+)?public\s+(?:network|wi-?fi)\b"),
        // "The tabulator keys ride home in the poll judge's purse", "spare tablets are kept
        // in the trunk of the coordinator's car", "from the director's personal laptop".
        taken_home: re(r"\b(?:keys?|memory\s+cards?|cards|drives?|thumb\s+drives?|usb\s+sticks?|tablets?|laptops?|backups?|seals?|media)\b[^.;!?\n]{0,40}?\b(?:go(?:es)?|ride|rides|taken|take|took|carr(?:y|ies|ied)|brings?|brought|kept|stays?)\s+home\b|\b(?:staff|workers?|employees?|judges?|managers?|clerks?|deputies|deputy|technicians?)\s+(?:\w+\s+)?(?:take|takes|took|bring|brings|carry|carries)\s+(?:\w+\s+){1,4}?home\b|\bin\s+the\s+trunk\s+of\b|\bby\s+(?:herself|himself|themselves)\b|\bunaccompanied\b|\balone\s+(?:at|every|each)\b|\b(?:sale|va|viaja|trabaja)\s+sol[oa]\b|\bjust\s+one\s+person\s+on\b|\bcan\s+do\s+it\s+alone\b|\bleaves?\s+(?:the\s+(?:building|office)\s+)?alone\b|\bpersonal\s+(?:usb|yahoo|hotmail|outlook|gmail)\b|\bfrom\s+(?:his|her|their)\s+personal\s+account\b|\bcuenta\s+personal\b|\ba\s+gmail\s+address\b|\bunescorted\b|\balso\s+used\s+(?:for|to)\s+(?:e-?mail|web\s+browsing|browsing|personal)\b|\btambi[eé]n\s+se\s+usa\s+para\s+(?:revisar\s+el\s+correo|navegar)|\b(?:driver|judge|staff\s+member|clerk|deputy|director|manager|courier|worker|employee|technician|coordinator|captain)'s\s+(?:home|house|apartment|garage|vehicle|car|truck|personal)\b|\ba\s+su\s+casa\b|\bpersonal\s+(?:number|cell|cellphone|cell\s+phone)\b|\bhome\s+computer\b|\b(?:his|her|their)\s+own\s+(?:laptop|computer|usb|device)\b|\bno\s+(?:county\s+|office\s+)?(?:staff|employees?)\s+present\b|\bsin\s+ning[uú]n\s+empleado\b|\b(?:worked|works|working|trabaj[oó])\s+(?:alone|solo)\s+(?:in|en)\b|\bpersonal\s+(?:laptop|computer|pc|gmail|e-?mail|phones?|cloud|dropbox|registrar)\b|\b(?:each|every)\s+(?:day|night|morning|evening|afternoon|week)\s*,?\s+alone\b|\b(?:is|are|works?|sits?|stays?)\s+alone\s+(?:during|over|at|from|until|on|in\s+the)\b|\b(?:set|sets|lock|locks|close|closes|open|opens)\s+(?:up\s+)?(?:the\s+\w+\s+)?alone\b|\best[aá]\s+sol[oa]\s+(?:en|desde|durante)\b|\boff\s+duty\s+(?:whenever|every|on\s+weekends|during)\b|\bonly\s+one\s+(?:deputy|officer|guard|staff\s+member|employee|person)\s+(?:present|on\s+duty|on\s+site|in\s+the\s+room)\b|\b(?:he|she|they)\s+takes?\s+home\b|\b(?:keeps?|holds?)\s+a\s+copy\s+of\s+(?:our|the)\s+(?:\w+\s+)?database\b|\bcopia\s+de\s+nuestra\s+base\s+de\s+datos\b|\bone\s+person\s+alone\b|\buna\s+sola\s+persona\s+(?:los|el|cada|durante|en)\b|\bby\s+a\s+single\s+person\b|\bshrinks?\s+to\s+one\s+person\b|\bonly\s+one\s+of\s+us\s+comes\s+in\b|\bonly\s+one\s+person\s+will\s+be\b|\buna\s+sola\s+persona\s+transporte\b|\bstopped\s+(?:at\s+home|by\s+(?:his|her|their)\s+house)\b"),
        // A sensitive step done without its check: "will reset a password without any
        // callback verification", "without a second approval", "without being scanned",
        // "without any record being made", "does not verify callers", "sin verificar".
        unchecked: re(r"\bwithout\s+(?:any\s+|a\s+|an\s+|being\s+|first\s+)?(?:callback\s+|second\s+|supervisor\s+|written\s+)?(?:verification|verifying|checking|approval|record|supervisor(?:\s+code)?|scan(?:ned|ning)?|witness(?:es)?|escort|signature|confirm(?:ation|ing))\b|\b(?:does|do)\s+not\s+verify\s+(?:callers|who|the\s+caller|identity)\b|\b(?:doesn't|don't)\s+verify\s+(?:callers|who|the\s+caller|identity)\b|\b(?:changes?|requests?)\b[^.;!?\n]{0,40}?\b(?:are|is)\s+not\s+confirmed\b|\bsin\s+(?:verificar|escolta|testigos?|supervisi[oó]n)\b|\bsin\s+(?:otra|ninguna)\s+verificaci[oó]n\b|\bsin\s+que\s+(?:nadie\s+)?verifique[n]?\b|\bunsupervised\s+room\b|\bby\s+(?:that|the)\s+same\s+person\b|\b(?:one|a\s+single)\s+(?:staff\s+member|person|employee|driver)\s+in\s+a\s+personal\s+(?:car|vehicle)\b|\bwithout\s+(?:calling|phoning)\s+(?:\w+\s+)?back\b|\bwithout\s+seeing\b|\bwithout\s+a\s+second\s+(?:person|reviewer|signature|check)\b|\b(?:hash(?:es)?|counts?|serial\s+(?:numbers|ranges)|tallies|typed\s+numbers|signatures?|seals?|reprints?|sender)\b[^.;!?\n]{0,30}?\b(?:are|is|were|was)\s+not\s+(?:\w+\s+)?(?:verified|checked|tracked|logged|counted|matched|compared|confirmed)\b|\b(?:does|do)\s+not\s+verify\s+the\s+sender\b|\bnot\s+counted\s+(?:at|until)\b|\b(?:nobody|no\s+one)\s+(?:\w+ly\s+)?(?:confirms|verifies|compares|follows\s+up|checks\s+(?:whether|that|if))\b|\bno\s+(?:check|procedure)\s+(?:that|for\s+securing)\b|\bno\s+second\s+(?:approval|review|reviewer|check|signature)\b|\bwithout\s+being\s+(?:wiped|checked|counted|verified|logged)\b|\b(?:do|does)\s+not\s+call\s+back\b|\bno\s+call-?back\b|\b(?:nobody|no\s+one)\s+(?:logs|records|tracks|writes\s+down)\b|\b(?:do|does)\s+not\s+(?:record|log|track)\s+(?:who|how\s+many|which)\b|\b(?:cannot|can't|could\s+not)\s+account\s+for\b|\b(?:forms?|logs?|custody)\b[^.;!?\n]{0,40}?\b(?:filled\s+(?:in|out)|signed|completed)\s+after\s+the\s+fact\b|\bgiven\s+the\s+(?:machine\s+)?totals\s+before\b|\bnot\s+at\s+the\s+public\s+(?:meeting|ceremony)\b|\bobservers?\b[^.;!?\n]{0,60}?\b(?:handle|touch)\s+the\s+ballot|\baccept\w*\s+(?:\w+\s+)?from\s+anyone\b|\bnot\s+counted\s+or\s+destroyed\b|\bsin\s+contar\w*\b|\b(?:is|are)\s+skipped\s+(?:at|when|if|on|during|for)\b|\bsigns\s+both\b|\b(?:don't|do\s+not)\s+(?:call|phone)\s+(?:them|him|her|the\s+\w+)\s+(?:back\s+)?to\s+verify\b|\bnadie\s+verifica\b|\bwith\s+(?:no\s+one|nobody)\s+(?:else\s+)?(?:watching|present|checking|reviewing)\b|\b(?:but|and)\s+never\s+(?:compared|checked|verified|reconciled|matched|counted)\b|\bno\s+se\s+(?:comparan?|verifican?|revisan?|cuentan?)\b|\b(?:do|does|did)\s+not\s+(?:check|verify|confirm)\s+(?:whether|if)\b|\b(?:don't|doesn't|didn't)\s+(?:check|verify|confirm)\s+(?:whether|if)\b|\bwithout\s+(?:calling|phoning)\s+(?:\w+\s+){1,2}?back\b|\b(?:nobody|no\s+one)\s+(?:ever\s+)?(?:reviews|checks|double-checks|audits|verifies)\s+(?:his|her|their)\b|\bno\s+second\s+(?:person|employee|staff\s+member)\b|\bsame\s+(?:person|technician|employee|staff\s+member|worker|official)\s+who\s+(?:later\s+|also\s+)?(?:checks|verifies|inspects|approves|audits|reviews)\b|\b(?:bags?|ids?)\b[^.;!?\n]{0,20}?\b(?:are|is)\s+not\s+checked\b|\b(?:do|does)\s+not\s+(?:record|log|track)\s+the\s+serial\s+numbers\b|\b(?:filled\s+(?:in|out)|completed|written)\s+(?:[\w-]+\s+){0,6}?from\s+memory\b|\breuse\s+(?:the\s+same\s+)?(?:\w+\s+)?seals\b|\bwithout\s+anyone\s+checking\b|\bwithout\s+a\s+(?:phone\s+)?call(?:-?back)?\b|\bapprove\s+(?:his|her|their)\s+own\b|\b(?:is|are)\s+(?:routinely|usually|often)\s+skipped\b|\bleft\s+overnight\s+in\s+(?:the|an)\s+open\b|\b(?:nobody|no\s+one)\s+has\s+(?:ever\s+)?(?:verified|checked|confirmed|tested)\b|\bsupposedly\s+disabled\b|\bwithout\s+(?:calling|notifying|telling)\s+(?:the\s+)?(?:office|sheriff|police|supervisor|anyone)\b|\b(?:haven't|have\s+not|has\s+not|hasn't)\s+(?:yet\s+)?(?:told|notified|called|informed)\s+the\s+(?:sheriff|police|state|fbi|cisa)\b|\barrived\s+without\s+(?:a\s+)?seals?\b|\buploaded\s+it\s+anyway\b"),
        // Access wider than the job: "a shared drive that every county employee can
        // read", "shared with anyone who has the link", "anyone in the county domain can
        // write to", "cleared by any user with the operator role", "any poll worker can
        // print", "forty people have access to that mailbox".
        open_to_many: re(r"\b(?:every|any|all)\s+(?:\w+\s+){0,2}?(?:employees?|staff\s+members?|workers?|computers?|devices?)\b[^.;!?\n]{0,20}?\bcan\s+(?:read|write|open|edit|access|change|clear|print|delete|reach|see)\b|\b(?:shared|readable|writable)\s+(?:with|by)\s+anyone\b|\banyone\s+(?:with|who\s+has)\s+the\s+(?:link|account\s+number|url|address)\b|\bby\s+any\s+user\s+with\b|\banyone\s+in\s+the\s+(?:county|office|building|domain|county\s+domain)\b[^.;!?\n]{0,20}?\bcan\b|\b(?:twenty|thirty|forty|fifty|\d{2,})\s+(?:people|employees|users|staff)\s+have\s+access\b|\bdesde\s+cualquier\s+(?:computadora|equipo|ordenador)\b|\b(?:several|other|many|all|most)\s+(?:\w+\s+)?(?:departments?|tenants?|agencies|offices|crews|employees)\s+(?:also\s+)?(?:have|has|hold|share|use)\s+(?:that|the|this|a)\s+(?:same\s+)?(?:key|code|combination)\b|\bsame\s+(?:key|code|combination|padlock)\s+(?:as\s+|that\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:use|uses|have|has|hold|holds)\b|\b(?:keeps?|has|have|holds?)\s+(?:a\s+)?(?:master\s+key|copy\s+of\s+every\b|keys\s+to\s+every)|\bcarry\s+copies\b|\btambi[eé]n\s+tiene[n]?\s+(?:la|las|una)\s+llaves?\b|\bany\s+(?:\w+\s+){0,2}?(?:employee|worker|staff\s+member)'s\s+(?:key|badge|card|fob)\s+opens\b|\bstill\s+(?:hold|holds|have|has)\s+(?:an?\s+|the\s+|his\s+|her\s+|their\s+)?(?:own\s+)?(?:active\s+)?(?:accounts?|logins?|keys?|badges?)\b|\bhas\s+(?:his|her)\s+own\s+key\b|\bsame\s+network\s+(?:segment\s+)?as\b|\bmisma\s+red\s+que\b|\bthat\s+other\s+departments\s+(?:also\s+)?use\b|\bon\s+the\s+same\s+(?:key\s+)?ring\s+as\b|\b(?:reached|opened|accessed|used)\s+(?:by|from)\s+(?:anyone|any)\s+(?:\w+\s+)?(?:on|in)\s+the\s+(?:county|office|building)\s+network\b|\bfrom\s+any\s+county\s+(?:desktop|computer|workstation|pc|laptop)\b|\breachable\s+(?:over|from)\s+the\s+internet\b|\b(?:connected|plugged|joined|attached)\s+(?:in)?to\s+(?:the\s+)?(?:[\w']+\s+)?guest\s+(?:wi-?fi|network|wireless)\b|\bconectada\s+a\s+la\s+red\s+de\s+invitados\b|\bpassword\s+is\s+still\s+in\s+use\b|\b(?:seasonal|temporary|new|newly\s+hired)\s+(?:\w+\s+){0,2}?(?:were|are)\s+given\s+admin(?:istrator)?\s+(?:rights|access|privileges)\b|\bshared\s+by\s+the\s+(?:whole|entire)\b"),
        // People never vetted: "was never background checked", "workers who have not
        // finished the background check", "we have never received their names".
        unvetted: re(r"\b(?:never|not)\s+(?:been\s+)?(?:background[- ]checked|vetted|screened)\b|\bnot\s+(?:yet\s+)?(?:finished|completed|passed)\s+(?:the\s+|a\s+|their\s+)?background\s+checks?\b|\bnever\s+(?:received|gotten|been\s+given)\s+their\s+names\b|\bbefore\s+(?:their|the)\s+background\s+checks?\s+(?:come\s+back|comes\s+back|are\s+(?:done|complete|finished)|is\s+(?:done|complete|finished))\b|\bantes\s+de\s+que\s+termine\s+la\s+verificaci[oó]n\b|\bbefore\s+(?:\w+\s+){0,5}?background\s+(?:results|checks?)\b|\bno\s+pasan\s+(?:por\s+)?(?:la\s+)?verificaci[oó]n\b|\b(?:never|not|doesn't|does\s+not)\s+(?:tell|send|give)s?\s+us\s+(?:the\s+|their\s+)?(?:names|which\s+(?:employees|workers|staff|drivers|people))\b|\bnot\s+(?:yet\s+)?(?:completed|finished|taken)\s+(?:our\s+|the\s+|any\s+)?(?:[\w-]+\s+){0,2}?training\b"),
        // Ballots and media moved or destroyed without their safeguards: "in unsealed
        // bags", "sin sellos", "no one from our office witnesses the destruction", "in the
        // back of an open pickup truck", "with one driver".
        moved_unsealed: re(r"\bunsealed\s+(?:bags|bins|boxes|cases|containers|carriers|totes)\b|\bsin\s+sellos?\b|\b(?:no\s+one|nobody)\s+(?:from\s+(?:our|the)\s+\w+\s+)?witnesses\b|\bopen\s+pickup\b|\bwith\s+(?:only\s+)?one\s+driver\b|\b(?:signed|witnessed)\s+by\s+only\s+one\b|\bone\s+(?:person|signature|official)\s+instead\s+of\s+two\b|\bloose\s+and\s+unsealed\b"),
        // Ballots or media waiting unguarded: "sit in unlocked plastic bins in the
        // hallway until Monday", "will sit on the dock until staff return from lunch".
        waits_unguarded: re(r"\b(?:ballots?|envelopes?|memory\s+cards?|cards|equipment|tabulators?|pollbooks?|tablets?|bins?)\b[^.;!?\n]{0,120}?\b(?:sit|sits|wait|waits|stay|stays|left|staged|parked)\b[^.;!?\n]{0,50}?\b(?:unlocked|unattended|hallway|lobby|on\s+the\s+dock|until\s+staff\s+return|until\s+(?:monday|morning))\b"),
        // Backups that do not restore, and recovery one person holds.
        cannot_restore: re(r"\b(?:could\s+not|couldn't|cannot|can't|unable\s+to|failed\s+to)\s+restore\b|\bno\s+(?:hemos\s+)?(?:podido|pudimos)\s+restaurar\b|\bbackup\s+(?:process|system|job)\s+(?:does\s+not|doesn't)\s+(?:actually\s+)?work\b"),
        single_point: re(r"\bonly\s+one\s+(?:person|employee|staff\s+member|technician|official)\b[^.;!?\n]{0,60}?\b(?:knows\s+how|has\s+the|holds\s+the)\b|\b(?:holds?|has)\s+the\s+only\s+(?:\w+\s+)?key\b|\bnobody\s+knows\s+who\s+is\s+authori[sz]ed\b|\bonly\s+(?:one\s+person|\w+(?:\s+in\s+\w+)?)\s+(?:knows\s+the|is\s+authori[sz]ed)\b|\bonly\s+one\s+person\s+authori[sz]ed\b|\bno\s+one\s+else\s+(?:can|knows|is\s+contacted|is\s+called|has\s+the)\b|\bsolo\s+una\s+persona\s+(?:conoce|sabe|tiene)\b|\bby\s+the\s+\w+\s+alone\b|\bonly\s+(?:one|two|[12])\s+(?:people|persons?|employees?|staff)\b[^.;!?\n]{0,60}?\bknows?\s+how\b|\b(?:no\s+one|nobody)\s+(?:on\s+staff\s+|here\s+|in\s+the\s+office\s+)?knows\s+the\s+(?:\w+\s+)?(?:login|password|code|combination)\b|\b(?:backup|secondary|failover)\b[^.;!?\n]{0,60}?\bin\s+the\s+same\s+(?:building|room|facility)\s+as\b|\bonly\s+(?:she|he)\s+(?:holds|has|knows)\b|\bno\s+second\s+copy\b|\bsingle\s+(?:staff\s+member|person|employee)\s+who\s+knows\b|\bonly\s+(?:our\s+|the\s+)?(?:chief\s+)?(?:deputy|clerk|director|manager|custodian|supervisor)\b[^.;!?\n]{0,30}?\bhas\s+(?:it|the\s+(?:key|code|combination))\b"),
        // What nobody would notice: "we have no way to detect", "no alert for when",
        // "there is no inventory of", "nothing secures the rooms", "not connected to the
        // monitoring company", "has not been reconciled", "never remotely wiped", "the
        // sensor does not trigger if", "kept for only seven days".
        undetected: re(r"\b(?:have|has|there\s+is)\s+no\s+(?:way\s+to\s+(?:detect|know|tell|see)|alerts?\s+(?:for|when|if)|inventory\s+of|record\s+of|log\s+of|monitoring\s+of)\b|\bnothing\s+secures\b|\bpromised\b[^.;!?\n]{0,90}?\b(?:was\s+never|never|isn't|is\s+not|not\s+yet)\b|\bstill\s+in\s+(?:their|the)\s+boxes\b|\blog\s+in\s+with\s+passwords?\s+only\b|\bno\s+working\s+(?:cameras?|alarms?|locks?|sensors?)\b|\bno\s+(?:spf|dmarc|dkim)\b|\bno\s+(?:protection|defen[cs]e)\s+against\b|\b(?:keypad|screen|monitor)s?\s+(?:faces?|facing)\s+(?:the\s+)?(?:window|hallway|street|public|lobby)\b|\bshared\s+in\s+a\s+group\s+(?:text|chat)\b|\bnobody\s+has\s+ever\s+(?:tried|tested)\s+restor\w*|\b(?:generators?|backups?|restores?|failover|ups|battery|batteries)\b[^.;!?\n]{0,40}?\b(?:has|have)\s+(?:not|never)\s+been\s+tested\b|\b(?:nobody|no\s+one)\s+gets\s+an?\s+alert\b|\bno\s+way\s+to\s+(?:wipe|detect|know\s+whether|tell\s+whether)\b|\bnot\s+connected\s+to\s+the\s+(?:monitoring|alarm|central)\b|\bonly\s+(?:beeps|sounds|rings)\s+(?:locally|inside)\b|\bnot\s+(?:been\s+)?reconciled\b|\bnever\s+(?:been\s+)?(?:\w+ly\s+)?(?:wiped|bolted|anchored)\b|\b(?:does|do)\s+not\s+(?:trigger|detect|register)\s+(?:if|when|unless)\b|\b(?:kept|retained|stored)\s+(?:for\s+)?only\s+(?:\d+|one|two|three|four|five|six|seven|a\s+few)\s+(?:hours|days|weeks)\b|\b(?:do\s+not|don't|never)\s+monitor\s+(?:\w+\s+)?(?:traffic|connections|sign-?ins|logins)\b|\b(?:is|are)\s+not\s+locked\s+down\b|\b(?:isn't|aren't)\s+locked\s+down\b|\b(?:outside|out\s+of)\s+(?:anyone's\s+|any\s+)?(?:line\s+of\s+)?sight\b|\bno\s+way\s+to\s+(?:confirm|verify|check|prove)\b|\bnothing\s+(?:watching|monitoring|protecting)\b|\b(?:have|has)\s+no\s+one\s+who\s+(?:could|can|would)\s+(?:tell|notice|detect|know)\b|\bunwiped\b|\bremain\s+boxed\b|\bsiguen\s+en\s+sus\s+cajas\b|\bwill\s+not\s+be\s+installed\s+(?:before|until)\b|\bno\s+se\s+ha[n]?\s+instalado\b|\btodav[ií]a\s+no\s+se\s+ha\s+instalado\b|\bhas\s+not\s+recorded\s+anything\b|\bdecommissioned\s+on\s+paper\b|\bstill\s+powered\s+on\b|\b(?:routes?|goes|go|forwards?)\s+to\s+a\s+(?:retired|former|departed)\s+employee\b|\binstalled\s+but\s+not\s+(?:yet\s+)?(?:switched|turned)\s+on\b|\bnot\s+(?:switched|turned)\s+on\s+yet\b|\bstill\s+work\s+on\s+every\b|\bno\s+alert\s+(?:goes\s+out|is\s+sent|fires)\b|\bremains?\s+unlocked\b|\bwas\s+never\s+investigated\b|\b(?:goes|go|routes?|forwards?)\s+to\s+the\s+(?:phone|e-?mail|inbox|pager)\s+of\s+(?:an?\s+)?(?:\w+\s+)?(?:employee|staff\s+member|person)\s+who\s+(?:retired|left|quit)\b|\b(?:hasn't|has\s+not)\s+(?:actually\s+)?been\s+(?:put\s+on|installed|mounted|connected)\b|\bnot\s+on\s+the\s+card-?reader\b|\bknown\s+(?:\w+\s+)?flaw\b|\bnot\s+logged\s+for\b|\bcannot\s+be\s+traced\b|\bif\s+the\s+phone\s+line\s+is\s+cut\b|\balso\s+silences\b"),
        // Where a named official lives: "lives at 418 Hollis Lane", "vive en el número 77".
        staff_home: re(r"\b(?:lives?|resides?)\s+(?:at|on)\s+\d+\s+\w+|\bvive\s+en\s+(?:el\s+(?:n[uú]mero\s+)?)?\d+|\bhome\s+address(?:es)?\s+and\s+(?:the\s+time|when|birth\s+dates|phone)|\blives?\s+at\s+the\s+address\b|\b(?:direcci[oó]n\s+particular|home\s+address)\b[^.;!?\n]{0,60}?\b(?:sigue\s+apareciendo|still\s+(?:appears|shows|is\s+listed))\b"),
    })
}

impl Scanner<'_> {
    /// Controls that lapse in practice.
    pub(super) fn lapses(&self, s: &mut Sentence, resolved: bool) {
        if resolved {
            return;
        }
        let p = patterns();
        let t = s.text;
        let mut found: Vec<(usize, usize)> = Vec::new();
        // "a password manager, and no passwords are written down", "has no standing
        // access": the denial may sit inside the match, between the subject and what is
        // said of it. ("never" is part of some lapses: "never-expiring".)
        let denies = |a: usize, b: usize, never: bool| {
            denied(t, a)
                || t[a..b].split(|c: char| !c.is_alphanumeric() && c != '\'').any(|w| {
                    let w = w.to_ascii_lowercase();
                    ["no", "not", "nobody", "isn't", "aren't", "without"].contains(&w.as_str())
                        || (never && w == "never")
                })
        };
        for re in [&p.widely_known, &p.shared_login, &p.in_plain_sight, &p.waits_unguarded] {
            found.extend(s.find(re).into_iter().filter(|&(a, b)| !denies(a, b, true)));
        }
        found.extend(s.find(&p.standing_access).into_iter().filter(|&(a, b)| !denies(a, b, false)));
        for re in [
            &p.makeshift,
            &p.lets_anyone_in,
            &p.supplies_unsecured,
            &p.taken_home,
            &p.unchecked,
            &p.open_to_many,
            &p.unvetted,
            &p.moved_unsealed,
            &p.single_point,
            &p.undetected,
            &p.staff_home,
        ] {
            found.extend(s.find(re).into_iter().filter(|&(a, _)| !denied(t, a)));
        }
        for re in [&p.not_taken_back, &p.unread, &p.rule_skipped, &p.cannot_restore] {
            found.extend(s.find(re));
        }
        // This family reads last: where a more specific family already blocks the same
        // words, its hint says more, so this one stays quiet there. An instruction that
        // forbids the lapse ("never leave the equipment unattended", "nunca deben dejar…
        // sin supervisión") describes the control, not its failure.
        let base = s.base;
        found.retain(|&(a, b)| {
            !forbids(t, a)
                && !s
                    .out
                    .iter()
                    .any(|(x, y, _, sev, _)| matches!(sev, Severity::Block) && *x < base + b && base + a < *y)
        });
        for (a, b) in found {
            s.add(a, b, "lapsed-control", Severity::Block, HINT_LAPSE);
        }
    }
}

/// Whether an instruction just before byte `a` forbids what follows: "must never",
/// "should not", "do not leave", "nunca deben", "no dejen".
fn forbids(t: &str, a: usize) -> bool {
    let before = t[..a].to_lowercase();
    let words: Vec<&str> = before.split_whitespace().rev().take(8).collect();
    let near: Vec<&str> = words.into_iter().rev().collect();
    near.windows(2).any(|w| {
        matches!(
            (w[0], w[1]),
            ("must" | "should" | "shall", "never" | "not")
                | ("never" | "nunca", "leave" | "deben" | "debe" | "dejen" | "deje")
                | ("do" | "no", "not" | "leave" | "deben" | "debe" | "dejen" | "deje")
                | ("don't", "leave")
        )
    })
}
