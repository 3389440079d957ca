//! Tests of the scanner as a whole: what it finds, what it lets through, where findings
//! point in the original text, that arbitrary text never panics, and that the work a
//! scan takes is bounded per sentence (so a scan is linear in the length of the text).
//! The timing of large inputs is an example: `cargo run --release -p server --example
//! scanner_timing`.

use super::sentences::MAX_SENTENCE;
use super::*;

/// The rules that fire on a text, without the learned model (its figures are the
/// corpora's; `the_learned_model_*` below test how it is wired in).
pub(super) fn rules_found(text: &str) -> Vec<&'static str> {
    let p = Policy::missouri();
    Scanner::with_model(&p, None).scan("summary", text).into_iter().map(|f| f.rule).collect()
}

/// Each text is found by exactly the one rule named, and by no other.
fn each_found_by(rule: &str, texts: &[&str]) {
    for text in texts {
        assert_eq!(rules_found(text), [rule], "{text}");
    }
}

/// Each text passes every rule.
fn each_passes(texts: &[&str]) {
    for text in texts {
        assert_eq!(rules_found(text), Vec::<&str>::new(), "{text}");
    }
}

fn findings(text: &str) -> Vec<Finding> {
    let p = Policy::missouri();
    Scanner::new(&p).scan("summary", text)
}

#[test]
fn finds_network_details() {
    assert_eq!(rules_found("The server is at 10.20.4.17 now."), ["ipv4"]);
    assert_eq!(rules_found("Traffic from 172.16.40.0/24 is allowed."), ["cidr"]);
    assert_eq!(rules_found("Its address is fe80::1ff:fe23:4567:890a."), ["ipv6"]);
    assert_eq!(rules_found("MAC 00:1A:2B:3C:4D:5E was added."), ["mac-address"]);
    assert_eq!(rules_found("Backups go to vr-db01.sos.internal nightly."), ["internal-host"]);
    assert_eq!(rules_found("RDP is open on port 3389."), ["remote-access", "port"]);
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
    each_passes(&[
        "The audit confirmed the outcome on November 18, 2024, with a 5% risk limit.",
        "Missouri received $7,230,625 and added a 5% match of $361,531.",
        "Details are withheld under RSMo 610.021(21).",
        "This is version 2 of this report.",
        "Results are at https://www.sos.mo.gov/elections and boonecountymo.org.",
        "Call the office at (800) 669-8683 or write to elections@sos.mo.gov.",
        "The seed 48271965018437261934 was rolled with dice at 9:00 a.m.",
        "The warehouse has video surveillance and controlled access.",
        "Polls open at 6 a.m. and close at 7 p.m.",
        "Version 2.1 of the canvass procedures was adopted in March.",
        "Voters should use the north entrance on Main Street, open 8 a.m. to 5 p.m.",
        "The county bought 12 security cameras and a keypad lock for $8,400.",
        "Forty-two of the forty-five precincts reported by ten o'clock.",
        "Remote-access tools such as TeamViewer were removed from every election computer.",
        "Audit logging is enabled on every election system.",
        "Keys are kept in a locked key cabinet with a sign-out log.",
        "Passwords are changed every 90 days and must be 14 characters long.",
        "Sample ballots are at vote.boonecountymo.org and www.greenecountymo.gov.",
    ]);
}

#[test]
fn findings_have_character_ranges() {
    let f = &findings("Café server 10.0.0.1 moved.")[0];
    assert_eq!((f.start, f.end), (12, 20));
    assert_eq!(f.field, "summary");
    assert_eq!(f.severity, Severity::Block);
}

#[test]
fn character_references_and_invisible_characters_are_seen_through() {
    let text = "The server is at 10&#46;20&#x2e;4&period;17 now.";
    let f = &findings(text)[0];
    assert_eq!(f.rule, "ipv4");
    assert_eq!(f.excerpt, "10&#46;20&#x2e;4&period;17", "the range is in the original text");
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(chars[f.start..f.end].iter().collect::<String>(), f.excerpt);

    let f = &findings("The EMS pass&#119;ord is Tabulate#4471.")[0];
    assert_eq!(f.rule, "credential");
    assert!(f.excerpt.starts_with("pass&#119;ord"), "{f:?}");

    let text = "The admin pass\u{200B}wo\u{00AD}rd is Spring2024! today";
    let f = &findings(text)[0];
    assert_eq!(f.rule, "credential");
    assert_eq!(text.chars().skip(f.start).take(f.end - f.start).collect::<String>(), f.excerpt);
    assert!(f.excerpt.contains('\u{200B}'));

    // Full-width digits (NFKC) and a ligature.
    assert_eq!(rules_found("It is at １０.２０.４.１７ on the LAN."), ["ipv4"]);
    assert_eq!(rules_found("The ad\u{FB01}le password is Spr1ng-Fld88."), ["credential"]);
    // A reference to a zero-width character is removed as well.
    assert_eq!(rules_found("The door co&#8203;de is 4821."), ["access-code"]);
}

#[test]
fn meaning_rules_find_prose_details() {
    let one = |text: &str| {
        let f = findings(text);
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        (f[0].rule, f[0].severity)
    };
    assert_eq!(
        one("The admin password is the clerk's maiden name followed by 2024."),
        ("credential-recipe", Severity::Block)
    );
    assert_eq!(one("The spare key is taped under the front desk drawer."), ("key-placement", Severity::Block));
    assert_eq!(one("The guard leaves at 11 p.m. on weekdays."), ("security-schedule", Severity::Block));
    assert_eq!(one("TeamViewer is still installed on the EMS workstation."), ("remote-access", Severity::Block));
    assert_eq!(one("Audit logging on the EMS server was turned off."), ("defence-disabled", Severity::Block));
    assert_eq!(one("Backups go to vault01.boonecountymo.org nightly."), ("internal-host", Severity::Block));
    assert_eq!(one(r"Images are saved on \\fs01\ballots every night."), ("unc-path", Severity::Block));
    assert_eq!(one("Poll pads join the SSID BCPB-Sync at each site."), ("wifi-name", Severity::Block));
    assert_eq!(one("We use TeamViewer."), ("remote-access", Severity::Block));
    assert_eq!(one("TeamViewer was mentioned at the meeting."), ("remote-access", Severity::Warn));
    assert_eq!(one("We moved everything to version 4.2 last week."), ("version", Severity::Warn));
    let f = findings("The guard service costs $4,800 and covers 6 p.m. to 6 a.m. each night.");
    assert!(f.iter().all(|f| f.severity == Severity::Warn) && !f.is_empty(), "{f:?}");
}

/// Arbitrary text (multi-byte characters, references, marks, invisible characters next
/// to the words the rules look for) never panics and gives ranges inside the text.
#[test]
fn arbitrary_text_never_panics() {
    const FUZZ_ROUNDS: usize = 300;
    let p = Policy::missouri();
    let scanner = Scanner::new(&p);
    let pool = [
        "door",
        " ",
        "code",
        "is",
        "PIN",
        "pin",
        "4821",
        ".",
        "&#46;",
        "&amp;",
        "&",
        "#",
        ";",
        "\u{200B}",
        "\u{AD}",
        "é",
        "e\u{301}",
        "İ",
        "ß",
        "ﬁ",
        "１",
        "\u{2019}",
        "ten",
        "dot",
        "forty-two",
        "\\\\",
        "\\",
        "$",
        "key",
        "kept",
        "drawer",
        "'s",
        "password",
        "Spring2024!",
        "10.0.0.1",
        "vault01.boonecountymo.org",
        "\n",
        "?",
        "[.]",
        "(",
        "TeamViewer",
        "SSID",
        "network",
        "named",
        "\u{1F600}",
        "ǅ",
        "Ⅻ",
        "\u{FEFF}",
        "&#x;",
        "&#99999999;",
        "<b>",
    ];
    let mut seed: u64 = 0x2545F4914F6CDD1D;
    for _ in 0..FUZZ_ROUNDS {
        let mut text = String::new();
        for _ in 0..40 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pool[(seed % pool.len() as u64) as usize]);
        }
        let n = text.chars().count();
        for f in scanner.scan("x", &text) {
            assert!(f.start < f.end && f.end <= n, "{text:?}: {f:?}");
            assert_eq!(text.chars().skip(f.start).take(f.end - f.start).collect::<String>(), f.excerpt);
        }
        let _ = visible_text_of_html(&text);
    }
}

/// 64 KB of "door door door ..." took 2.8 s per scan when the physical-security rule
/// re-read the sentence around every word. Now every sentence (at most MAX_SENTENCE
/// bytes) is read a bounded number of times: the test counts the regex calls.
/// bytes) is read a bounded number of times. The test counts the work (sentences and
/// regex calls), not the time, so it holds in a debug build and on a busy machine:
/// every sentence is short and takes a bounded number of calls, and four times the
/// text takes at most about four times the calls.
#[test]
fn long_and_adversarial_inputs_scan_in_linear_time() {
    let p = Policy::missouri();
    let scanner = Scanner::new(&p);
    let chunk = "The door code is 4821 and the password is Spring2024! at 10.0.0.1 port 3389; camera 3 covers \
                     the rear door, the guard leaves at 11 p.m. TeamViewer is installed on \\\\fs01\\share$ and \
                     vault01.boonecountymo.org ten dot one dot two dot three &#46;&amp;&#x2e;\u{200B}\u{00AD} \
                     ＡＢＣ１２３ e\u{301} key kept in the drawer, keys keys keys [.] (dot) ";
    let inputs: [(&str, &str); 8] = [
        ("door", "door "),
        ("mixed", chunk),
        ("no spaces", "a1."),
        ("dots", "1."),
        ("references", "&#46;&"),
        ("number words", "one two three four five six seven eight nine ten dot "),
        ("backslashes", "\\\\"),
        ("camera", "camera covers the door "),
    ];
    let work_for = |unit: &str, bytes: usize| {
        let text = unit.repeat(bytes / unit.len() + 1);
        let (found, work) = scanner.scan_counted("body", &text);
        let n = text.chars().count();
        for f in &found {
            assert!(f.start <= f.end && f.end <= n, "{unit:?}: {f:?}");
        }
        (text.len(), work)
    };
    for (name, unit) in inputs {
        let (small_len, small) = work_for(unit, 4 * 1024);
        let (large_len, large) = work_for(unit, 16 * 1024);
        for (len, work) in [(small_len, small), (large_len, large)] {
            assert!(work.longest_sentence <= MAX_SENTENCE, "{name}: a sentence of {} bytes", work.longest_sentence);
            assert!(
                work.max_regex_calls_in_a_sentence <= MAX_REGEX_CALLS_PER_SENTENCE,
                "{name}: {} regex calls in one sentence",
                work.max_regex_calls_in_a_sentence
            );
            // Sentences are at least a few bytes each unless the text is made of
            // boundaries, so the total work is proportional to the length of the text.
            assert!(work.sentences <= len / 2 + 1, "{name}: {} sentences in {len} bytes", work.sentences);
            assert!(work.regex_calls <= work.sentences * MAX_REGEX_CALLS_PER_SENTENCE, "{name}: {work:?}");
        }
        let ratio = large_len as f64 / small_len as f64;
        assert!(
            large.regex_calls as f64 <= small.regex_calls as f64 * ratio * 1.25 + MAX_REGEX_CALLS_PER_SENTENCE as f64,
            "{name}: {} calls for {small_len} bytes but {} for {large_len}",
            small.regex_calls,
            large.regex_calls
        );
    }
}

fn severities(text: &str) -> Vec<(&'static str, &'static str)> {
    findings(text).into_iter().map(|f| (f.rule, f.severity.as_str())).collect()
}

#[test]
fn public_bodies_contacts_pass_and_people_do_not() {
    // Other states' and federal agencies' domains are public bodies' (.gov, state.XX.us).
    assert!(rules_found("Iowa voters can check their registration at sos.iowa.gov.").is_empty());
    assert!(rules_found("Minnesota's review is described at sos.state.mn.us/elections.").is_empty());
    assert!(rules_found("See https://www.cisa.gov/election-security for guidance.").is_empty());
    // An internal-looking host under one is still a finding.
    assert_eq!(rules_found("Staff reach vpn.sos.iowa.gov from home."), ["internal-host"]);
    assert_eq!(rules_found("Logs go to db01.state.mn.us nightly."), ["internal-host"]);
    assert_eq!(rules_found("Logs go to srv2.gov nightly."), ["internal-host"]);
    assert!(rules_found("See co.boone.mo.us and k12.mo.us for notices.").is_empty());
    // Toll-free and office numbers pass; a person's cell blocks; an unattributed number warns.
    assert!(rules_found("Questions about voter ID? Call 1-866-868-3245.").is_empty());
    assert!(rules_found("Contact the Illinois State Board of Elections at 217-782-4141.").is_empty());
    assert!(rules_found("The office's fax number is 573-555-0100.").is_empty());
    assert_eq!(severities("Call Jim Baker on his cell, 573-555-0147, after hours."), [("staff-phone", "block")]);
    assert_eq!(severities("If the alarm sounds, they call the deputy at 417-555-0190."), [("staff-phone", "block")]);
    assert_eq!(severities("Dial 573-555-0199 if it rings."), [("staff-phone", "warn")]);
    // A role mailbox at a public domain passes; a person's address does not.
    assert!(rules_found("Write to clerk@colecounty.org or elections@sos.wa.gov.").is_empty());
    assert_eq!(rules_found("Write to jsmith@sos.wa.gov for access."), ["staff-email"]);
}

#[test]
fn spanish_details_are_found_and_spanish_prose_passes() {
    assert_eq!(rules_found("La dirección del servidor es diez punto cero punto tres punto doce."), ["ipv4"]);
    assert_eq!(rules_found("El puerto de acceso remoto es el tres mil trescientos ochenta y nueve."), ["port"]);
    assert!(!rules_found("El código de la puerta es cuatro cuatro siete dos.").is_empty());
    assert!(!rules_found("La contraseña del administrador es la palabra votar seguida del año.").is_empty());
    assert!(!rules_found("Las llaves de la bóveda se guardan debajo del teclado.").is_empty());
    assert!(!rules_found("Los sensores de movimiento se desactivan los fines de semana.").is_empty());
    assert!(!rules_found("La cámara del pasillo no cubre la puerta trasera.").is_empty());
    assert_eq!(severities("Todos usan la misma cuenta para entrar."), [("security-detail-es", "warn")]);
    for public in [
        "La oficina abre de lunes a viernes de 8 a.m. a 4:30 p.m.",
        "El condado compró cámaras de seguridad por $12,400.",
        "El informe de la auditoría, versión 2, está disponible en nuestro sitio web.",
        "Su código postal es parte de su dirección.",
        "Las boletas se guardan en un cuarto cerrado con registro de custodia.",
    ] {
        assert!(rules_found(public).is_empty(), "{public}");
    }
}

#[test]
fn exposure_and_habits_are_found_and_denials_pass() {
    assert_eq!(
        rules_found("The guest Wi-Fi in the lobby is on the same network as the tabulation server."),
        ["network-exposure"]
    );
    assert!(rules_found("The tabulation server is never on the same network as the guest Wi-Fi.").is_empty());
    assert_eq!(rules_found("The EMS server is reachable from the internet."), ["network-exposure"]);
    assert!(rules_found("The tabulators are air-gapped and never connected to the internet.").is_empty());
    assert_eq!(
        severities("The results laptop connects over a cellular hotspot on election night."),
        [("network-exposure", "warn")]
    );
    assert_eq!(rules_found("USB ports on the EMS workstations are not locked down."), ["network-exposure"]);
    assert_eq!(rules_found("The card reader on the ballot room opens for any county badge."), ["physical-security"]);
    assert_eq!(rules_found("We disable the alarm on Election Day so workers can come and go."), ["defence-disabled"]);
    assert!(rules_found("Staff must never disable the alarm.").is_empty());
    assert_eq!(rules_found("Everyone logs in to the admin screen with \"Election2024\"."), ["credential"]);
    assert_eq!(rules_found("Images are on the NAS share \"BallotImages\"."), ["share-path"]);
    assert_eq!(
        rules_found("Election night backups are taken home by the deputy director in her car."),
        ["key-placement"]
    );
    assert!(rules_found("Backups are kept off-site in a locked, access-controlled facility.").is_empty());
    assert_eq!(
        rules_found("The sensor was disconnected when the router was replaced and never reconnected."),
        ["defence-disabled"]
    );
}

#[test]
fn the_learned_model_warns_on_plain_prose_the_rules_miss_and_says_why() {
    let text = "Our part-time guard leaves at nine, and the building is empty until the custodian comes in at six.";
    assert!(rules_found(text).is_empty());
    let f = findings(text);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].rule, f[0].severity), ("meaning", Severity::Warn));
    assert_eq!(f[0].excerpt, text.trim_end_matches('.'));
    // The hint names the sentence's own words that weighed most (which ones
    // depends on the committed weights).
    assert!(f[0].hint.contains("weighed most"), "{}", f[0].hint);
    let list = f[0].hint.split(" weighed most").next().and_then(|h| h.rsplit(": ").next()).unwrap_or("");
    let named: Vec<&str> = list.split(", ").map(|w| w.trim_matches('\'')).filter(|w| !w.is_empty()).collect();
    assert!(!named.is_empty(), "{}", f[0].hint);
    for word in &named {
        assert!(text.to_lowercase().contains(word), "{word:?} is not in the sentence: {}", f[0].hint);
    }
}

#[test]
fn the_learned_model_never_blocks_and_reads_only_what_the_rules_let_through() {
    // A sentence a rule blocks keeps the rule's finding alone.
    let f = findings("The door code is 4821 and the guard leaves at nine.");
    assert!(f.iter().all(|f| f.rule != "meaning"), "{f:?}");
    // Ordinary prose stays quiet.
    assert!(findings("The county bought new chairs for the lobby.").is_empty());
}

/// What the former blind corpora showed the rules flagging wrongly (2026-11-30): a
/// numbered section read as an address, an office's public line or mailbox read as a
/// person's, a social platform off the allow-list, and a certified voting system's
/// version. Each passes now, and its defensive neighbour is still found.
#[test]
fn public_shapes_that_look_like_details_pass() {
    each_passes(&[
        "Section 10.3.12.4 of the state election procedures manual covers damaged ballots.",
        "Retention follows Sec. 16.5.2.1 of the administrative code.",
        "Retention follows § 16.5.2.1 of the administrative code.",
        "If you need a replacement ballot, call (555) 201-8800 or come to the counter.",
        "For questions about your registration, call us at (573) 555-0142.",
        "For media inquiries, contact the Public Information Officer at 555-240-1150.",
        "Si tiene preguntas, llame a la Oficina Electoral al (555) 240-1100.",
        "Voters who need an accessible ballot can write to access@pinecounty.gov.",
        "Escriba a elecciones@pinecounty.gov para más información.",
        "Follow our page, facebook.com/ClayCountyVotes, for reminders about deadlines.",
        "The county upgraded to Democracy Suite 5.17 after the state certified that version.",
    ]);
    assert_eq!(rules_found("The tabulation server moved to 10.3.12.4 last week."), ["ipv4"]);
    assert_eq!(rules_found("Call the IT director on her cell at 555-240-1150."), ["staff-phone"]);
    assert_eq!(rules_found("Write to rosa.mendez@pinecounty.gov for the keys."), ["staff-email"]);
    assert_eq!(rules_found("The central count runs Democracy Suite 5.17 with the default settings."), ["version"]);
    assert_eq!(rules_found("The firewall's console is at vpn.facebook.com."), ["internal-host"]);
}

/// Known weaknesses still in place (the fourth blind corpus's misses, 2026-11-30): each is
/// blocked, and the sentence that says it was fixed, denies it, or buys the replacement
/// passes.
#[test]
fn known_weaknesses_still_in_place_are_found_and_fixes_pass() {
    each_found_by(
        "known-weakness",
        &[
            "The voter registration portal still accepts TLS 1.0 connections.",
            "The tabulation switches keep the SNMP community string public enabled.",
            "The mail tenant allows legacy authentication for the scanner account.",
            "The pollbook tablets run an Android build that no longer receives security updates.",
            "The scan found fourteen critical findings on the sync server; none have been remediated.",
            "Its ruleset still allows any-to-any traffic between the office LAN and the tabulation network.",
            "The database port, 1433, is open to the whole county WAN.",
            "The service account can bypass multifactor when it signs in.",
            "Administrator privileges are granted to the entire Elections-Staff group.",
            "The agent installed by our former managed service provider still reports to their console.",
            "The contractor's admin account was not disabled when the contract ended in April.",
            "Corrected the expenditure description: the firewall rules still allow any-to-any traffic.",
        ],
    );
    each_passes(&[
        "The voter registration portal no longer accepts TLS 1.0 connections.",
        "We disabled SMBv1 on every election workstation in March.",
        "The grant replaced the pollbook tablets that no longer receive security updates.",
        "All critical findings from the September scan have been remediated.",
        "No account can sign in without multifactor authentication.",
        "Staff must use MFA; no one may bypass multifactor.",
        "Former employees' accounts are disabled on their last day.",
        "Corrected the date of the audit: it was held on November 14, not November 12.",
        "Questions about the audit can be sent to audit@marlowcounty.gov.",
    ]);
}

/// Controls that lapse in practice (the fifth blind corpus's misses, 2026-11-30): each is
/// blocked, and its publishable neighbour (the control kept, the lapse denied or fixed)
/// passes.
#[test]
fn lapsed_controls_are_found_and_kept_controls_pass() {
    each_found_by(
        "lapsed-control",
        &[
            "Every poll worker knows the alarm code for the annex.",
            "The safe combination is read aloud at the start of each shift.",
            "The three deputies share one administrator account on the results server.",
            "Passwords for the election accounts never expire.",
            "Badges of seasonal workers are never collected after the canvass.",
            "We have not rekeyed the vault since the former deputy left.",
            "The integrator keeps a permanent VPN account into the county network.",
            "Since the layoffs nobody owns the intrusion alerts.",
            "We do not review the vault's access logs.",
            "The loading dock door is held shut with a rope.",
            "The help desk will reset any password over the phone.",
            "The file transfer server allows anonymous login.",
            "The two-person rule for the ballot room is not followed at night.",
            "Blank badge stock sits on an open shelf in the copy room.",
            "The memory cards go home with the deputy clerk overnight.",
            "Security footage is overwritten after 48 hours.",
            "The emergency exit by the count room is not wired to the alarm.",
        ],
    );
    each_passes(&[
        "Staff use a password manager, and no passwords are written down or shared.",
        "Each official has a personal account; no accounts are shared.",
        "Badges are collected from every temporary worker on their last day.",
        "We rekeyed every lock after the move to the new warehouse.",
        "The vendor has no standing access; each support session is approved and escorted.",
        "Alerts are reviewed every day by two staff members.",
        "The two-person rule is followed for every entry to the ballot room.",
        "The help desk will not reset any password over the phone.",
        "The broken door was repaired in June.",
        "Voters may take their sample ballot home.",
        "Poll workers are reimbursed for mileage in their personal vehicles.",
        "Election records are kept for 22 months, as federal law requires.",
    ]);
    // A repair named as the time since which something is broken dates the fault.
    assert_eq!(
        rules_found("The vault camera has been unplugged since the ceiling repair in August."),
        ["defence-disabled"]
    );
    assert_eq!(
        rules_found("The vault camera was unplugged in August and has since been repaired."),
        Vec::<&str>::new()
    );
}

/// More lapses (the sixth blind corpus's misses, 2026-11-30): a step done without its
/// check, access wider than the job, people never vetted, ballots moved or waiting
/// without their safeguards, backups that do not restore, one person everything rests
/// on, what nobody would notice, where an official lives. Each is blocked; its
/// publishable neighbour passes.
#[test]
fn more_lapsed_controls_are_found_and_their_neighbours_pass() {
    each_found_by(
        "lapsed-control",
        &[
            "The help desk changes a poll worker's phone number without any callback verification.",
            "The voter list extract sits in a folder that every county employee can read.",
            "The night courier was never background checked.",
            "Spoiled ballots leave for shredding in unsealed bags.",
            "Returned ballots wait in the lobby until staff return from lunch.",
            "We could not restore the pollbook database from last spring's backup.",
            "Only one person, the systems manager, knows how to rebuild the results server.",
            "We have no way to detect a change to many voter records at once.",
            "The deputy clerk lives at 22 Orchard Lane.",
            "The seal log for the drop boxes has not been reconciled since August.",
            "Staff take the envelope inserts home to finish over the weekend.",
        ],
    );
    each_passes(&[
        "Every change to a poll worker's record is confirmed by a callback to the number on file.",
        "The public test of the voting equipment is open to anyone who wishes to attend.",
        "Every election worker passes a background check before their first shift.",
        "Ballots are stored in a secure, access-controlled room and are never left unattended.",
        "We restored the pollbook database from backup in our June exercise, as planned.",
        "Voters can update their home address online.",
        "The seal logs were reconciled after every early voting day.",
    ]);
}

/// The seventh blind corpus's misses (2026-11-30): a proof of identity anyone has, a
/// count or hash nobody checks, one person a process rests on, work done unwatched or at
/// someone's home, materials left in the open. Each is blocked; its neighbour passes.
#[test]
fn proofs_anyone_has_and_checks_nobody_makes_are_found() {
    each_found_by(
        "lapsed-control",
        &[
            "The help desk unlocks staff accounts for anyone who gives a name and birth date.",
            "A letter on county letterhead is enough to get the printer to change the proof.",
            "The seal numbers on the returned bags are not checked against the log.",
            "Only Priya knows the recovery passphrase for the results server.",
            "The ballot bags were left overnight in the courier's vehicle.",
            "The technician ran diagnostics on the scanners with no county staff present.",
            "Provisional envelopes wait in an open tray under the counter.",
            "Anyone who can reach the upload folder can replace the results file.",
            "When the deputy is away, the clerk uses the deputy's account.",
            "The backup generator has not been tested since it was installed.",
        ],
    );
    each_passes(&[
        "Staff confirm every account unlock by calling back the number on file.",
        "The seal numbers on every returned bag are checked against the log by two officials.",
        "Two trained staff members can each restore the results server from backup.",
        "Write to workers@elections.example.gov to apply as a poll worker.",
        "The county's voting system, version 5.2, is certified by the Election Assistance Commission.",
        "We tested the backup generator in October; it ran the count center for four hours.",
    ]);
}

/// The eighth blind corpus's misses (2026-11-30): one person alone at a known time, a
/// personal account or mail service doing the office's work, a call not returned, keys
/// nobody can account for, a promised safeguard never built. "Replacement ballots" are
/// the voter's new ballots, not a repair that would quiet the rules. Each is blocked; its
/// neighbour passes.
#[test]
fn people_alone_and_promises_not_kept_are_found() {
    each_found_by(
        "lapsed-control",
        &[
            "The deputy clerk walks the deposit to the bank by herself.",
            "On election night staff send the results from a personal Yahoo account.",
            "Replacement ballots can be requested by phone, and staff do not call back to confirm who asked.",
            "There are nine copies of the drop box key, and we cannot account for two of them.",
            "The county promised a fence around the drop box, but it was never built.",
            "Temporary workers get badges before their background checks come back.",
            "The HVAC contractor has unescorted access to the server closet.",
        ],
    );
    each_passes(&[
        "Replacement ballots can be requested by phone; staff call back the number on file to confirm.",
        "Every contractor is escorted while in the building.",
        "The office's e-mail accounts are managed by the county and protected by multifactor sign-in.",
        "We promised a new drop box for the transit center, and it opened on October 1.",
    ]);
}

/// The ninth blind corpus's misses (2026-11-30): keys and codes held far beyond the
/// office, one person alone at a known time, a checker who checks their own work, a check
/// nobody makes, whoever turns up taken at their word, materials left on an open table,
/// a repair still awaited ("until the replacement lock arrives") and a skill named ("know
/// how to restore"), which are not repairs that would quiet the rules. Each is blocked;
/// its neighbour passes.
#[test]
fn keys_held_widely_and_checks_nobody_makes_are_found() {
    each_found_by(
        "lapsed-control",
        &[
            "The server closet door is also the storage room door, and several departments have that key.",
            "The self-storage owner keeps a copy of every unit's key.",
            "The same employee empties every drop box at 4:15 p.m. each day, alone.",
            "Durante la votación anticipada, la secretaria está sola en la oficina desde las 7:30.",
            "Tamper tape on the cases is applied by the same technician who later checks it.",
            "Seal numbers are written down at the polling place but never compared to the log.",
            "The courier changes every week, and staff hand the bins to whoever arrives in the company shirt.",
            "Returned envelopes are sorted on an open table in the shared hallway.",
            "The drop box is held shut with a zip tie until the replacement lock arrives.",
            "Only two people know how to restore the registration system, and both retire in January.",
            "Our VPN allows logins with only a password, without a second factor.",
        ],
    );
    each_passes(&[
        "Only the elections director and her deputy hold keys to the ballot room.",
        "Two staff members empty every drop box together and sign the custody form.",
        "A second technician, not the one who applied it, checks the tamper tape.",
        "Seal numbers are compared to the log by two officials when the bags arrive.",
        "The drop box was held shut with a zip tie until the replacement lock was installed on May 3.",
        "Staff across the division know how to restore the registration system, and the restore is rehearsed every quarter.",
    ]);
}

/// The tenth blind corpus's misses and false alarms (2026-11-30): a safeguard disabled
/// only in settings, a fence with a gap or stopping short, seals that peel off without a
/// mark, a camera pointed at the ceiling, a secret shared with a whole crew, access or a
/// code never changed after someone left, a door that opens without a badge, a shared
/// account. "Stored under bipartisan seal" is a safeguard, not a place a key is kept; "the
/// alarm sounded at 7:12 p.m." happened once and is not a schedule; "nunca deben dejar…
/// sin supervisión" forbids a lapse; "a fix has been requested" and seals "pressed back
/// on" are no repair. Each is blocked; its neighbour passes.
#[test]
fn safeguards_in_name_only_are_found() {
    each_found_by(
        "lapsed-control",
        &[
            "Each scanner has a wireless card that is disabled only in settings.",
            "The motion sensor in Warehouse B has been pointing at the ceiling for months.",
            "The alarm code was shared by text message with the cleaning contractor's whole crew.",
            "After the contractor left, the combination on the vault was not changed.",
            "Anyone who knows the front-desk extension can have the door buzzed open without showing a badge.",
            "Staff still sign in to the election management system through one shared account.",
            "At the satellite site, the ballot box key is kept on the same ring as the front door key.",
            "The transfer seals come off and can be pressed back on without leaving a mark.",
        ],
    );
    each_passes(&[
        "Ballot containers are stored under bipartisan seal and checked against the seal log before they are opened.",
        "The door alarm that sounded at 7:12 p.m. was set off by a staff member using the wrong exit.",
        "Los trabajadores electorales nunca deben dejar el equipo de votación sin supervisión.",
        "Each staff member signs in to the election management system with a personal account.",
        "The vault combination was changed the day the contractor's work ended.",
        "The badge reader accepted expired county cards until it was fixed in May.",
    ]);
    // A repair asked for is not a repair: the more specific family blocks this one.
    assert_eq!(
        rules_found("The badge reader accepts any expired county card, and a fix has been requested but not funded."),
        ["physical-security"]
    );
}

/// The eleventh blind corpus's misses (2026-11-30): a safeguard installed but not switched
/// on, a door propped or a gate that sticks open, a factory-default combination, a reset
/// for anyone who calls, a step signed by whoever comes in first, an alert that goes to
/// someone who retired, an incident nobody reported, a repair only scheduled ("the repair
/// appointment is not until December" is no fix). Each is blocked; its neighbour passes.
#[test]
fn controls_switched_off_or_never_switched_on_are_found() {
    each_found_by(
        "lapsed-control",
        &[
            "The new card readers are installed but not switched on yet.",
            "On Sundays the custodian props the side entrance with a chair while he hauls the trash out.",
            "The clerk's ballot safe still opens with the factory default combination.",
            "Anyone who calls the help line with the worker's name and precinct can get a password reset.",
            "The second signature on the custody form is added the next morning by whoever gets in first.",
            "The cooling alarm still goes to the phone of an employee who retired last year.",
            "Someone tried the storage room door twice last week, and we haven't told the sheriff yet.",
        ],
    );
    each_passes(&[
        "The new card readers were switched on in October and every door now needs a badge.",
        "The side entrance stays closed and locked; staff use the main door.",
        "The safe's combination was reset by a locksmith in March.",
        "Password resets require a call back to the number on file.",
        "Both judges sign the custody form at the handoff.",
        "We reported the attempted entry to the sheriff the same day.",
    ]);
    // A repair only scheduled is no repair: the cameras' gap is still found.
    assert!(!rules_found(
        "The cameras at the drop box stopped recording in June, and the repair appointment is not until December."
    )
    .is_empty());
}

/// The twelfth blind corpus's misses and false alarm (2026-11-30): a PIN given as "use
/// 2468", a passphrase printed on a sign, keys on the honor system, a door that opens
/// without a badge if you push it, footage overwritten before the canvass ends, a policy
/// never pushed, a seal that covers nothing, a login set at installation. "Exempt from
/// disclosure" withholds a record and is no exemption from a control; "exempt from
/// multi-factor" still is. Each is blocked; its neighbour passes.
#[test]
fn tricks_around_controls_are_found() {
    each_found_by(
        "lapsed-control",
        &[
            "When the tabulator asks for the supervisor PIN, use 2468.",
            "The count center's Wi-Fi passphrase is printed on a sign by the coffee maker.",
            "The key box in the hallway works on the honor system.",
            "If the card reader acts up, lift the handle and push; the vault door opens without a badge.",
            "The camera recorder overwrites footage after 72 hours, before the canvass ends.",
            "The request to lock down USB ports was approved, but the group policy was never actually pushed.",
            "There is a USB port on the back of the device that is not covered by any seal.",
            "The results admin panel still uses the login set at installation.",
        ],
    );
    each_passes(&[
        "Supervisors receive their PINs in sealed envelopes and change them at first use.",
        "The Wi-Fi in the count center is for staff devices only and is separate from the tabulation equipment.",
        "Every key is signed out and back in, and the log is reviewed weekly.",
        "The records you requested about security camera locations are exempt from disclosure under state law.",
        "Every USB port on the devices is covered by a numbered seal.",
    ]);
    assert_eq!(
        rules_found(
            "Elections office mailboxes are exempt from the county's multi-factor requirement until next year."
        ),
        ["defence-disabled"]
    );
}

/// The thirteenth blind corpus's misses and false alarms (2026-11-30): a password that
/// works on every device, a trick around a lock, someone let in without a badge, the
/// two-person rule skipped, a door that defaults to open, a call tree that rings someone
/// who left, a training account with administrator rights. A poll worker's log is not a
/// schedule ("jammed at 10:15", "back up by 10:30"), and a door "locked right away" was
/// fixed. Each is blocked; its neighbour passes.
#[test]
fn workarounds_told_to_workers_are_found() {
    each_found_by(
        "lapsed-control",
        &[
            "The vendor's technicians will retain a master administrator password that works on every device.",
            "We never got the keys to the seal box, so we used the screwdriver trick the last judge showed us.",
            "A man said he was from the county and we let him open the side panel for ten minutes.",
            "Judge said we can skip the two-person rule after 7 if only one of us is left.",
            "When the generator kicks on, the equipment room's electronic lock defaults to open.",
            "The call tree still lists the cell number of a technician who left the vendor in 2023.",
            "If the e-poll book locks them out, workers log in with the training account, which has full admin rights.",
        ],
    );
    each_passes(&[
        "Machine 2 jammed at 10:15, the help line walked us through clearing it, back up by 10:30, no ballots lost.",
        "Found the back door unlocked when we got here at 6, locked it right away and told the rover.",
        "Each device has its own administrator password, held by the county.",
        "Both judges carried the ballot box out together after 7.",
    ]);
}

/// The fourteenth blind corpus's misses and false alarms (2026-11-30): codes anyone could
/// guess or already holds, a barrier out of order in plain words, a watch that covers part
/// of the day, one person alone with ballots, ballots stored where anyone can reach them,
/// a step skipped on instruction, no encryption, a network shared with a guest one. A
/// repair only claimed ("described as repaired"), refused ("no date has been set to repair
/// it"), imagined ("a replaced seal would go unnoticed") or on order does not silence
/// them; "report any broken seal" names what to watch for. Each is blocked; its neighbour
/// passes.
#[test]
fn lapses_told_in_plain_words_are_found() {
    each_found_by(
        "lapsed-control",
        &[
            "Staff use the last four digits of their phone numbers as PINs for the card-access system.",
            "The alarm panel still uses its factory installer code because the contractor never handed over the new one.",
            "The board was told that the side gate cannot be locked because the chain was cut in July.",
            "Any alert that fires overnight will not be seen until the next morning.",
            "Counties that cannot staff two-person teams may allow one employee to transport ballots alone.",
            "Ballot paper stays in the unalarmed trailer in the north lot until the shelving is installed.",
            "Office reply: go ahead and skip the zero tape this morning, we're running late.",
            "The intake log showed that a replaced seal would go unnoticed.",
        ],
    );
    // Both families read it: a shared switch, and networks "not separated".
    let shared =
        "The election network and the county's payroll network still share the same switch and are not separated.";
    assert_eq!(rules_found(shared), ["network-exposure", "lapsed-control"], "{shared}");
    each_found_by(
        "defence-disabled",
        &[
            "Correction: the alarm at the annex was described as repaired; a replacement part is still on order and the alarm is not working.",
            "The warehouse alarm has been turned off since the storm, and no date has been set to repair it.",
        ],
    );
    each_found_by("known-weakness", &["The ballot images on the backup server are not encrypted."]);
    each_found_by(
        "security-detail-es",
        &["El candado de la bodega de boletas está roto desde septiembre y la puerta sólo se cierra con un alambre."],
    );
    each_passes(&[
        "Reminder: report any broken seal, damaged lock or camera issue to the supervisor right away.",
        "The side gate was locked and the chain replaced on July 9.",
        "Two employees transport ballots together, and both sign the custody form.",
        "Every tape is printed before the polls open and signed by both judges.",
        "The ballot images on the backup server are encrypted, and the keys are held by the state.",
        "La cerradura de la bodega se cambió en septiembre y funciona bien.",
    ]);
}

/// The fifteenth blind corpus's misses (2026-11-30): a password reset over the phone on a
/// name alone, a watch only during business hours, nobody walking the back half, logs not
/// looked at since someone left, a lock overridden since the election, a vendor account
/// active year-round, a single technician handling memory cards, a code revealed by worn
/// keys, a key never rotated, keys unaccounted for, a padlock not actually locked, a badge
/// that opens everything, patching paused, devices that cannot be upgraded, MFA not yet
/// enabled. Each is blocked; its neighbour passes.
#[test]
fn lapses_told_by_staff_and_inspectors_are_found() {
    each_found_by(
        "lapsed-control",
        &[
            "Staff reported that the help desk resets election staff passwords over the phone.",
            "Mr. Patel stated that the security operations center only monitors election systems during business hours.",
            "tonight's temp guard is at the front desk, nobody is walking the back half after 8",
            "The clerk stated that the firewall logs have not been looked at since the former IT manager left.",
            "Staff noted that the vault's time-delay lock has been overridden since the election.",
            "A single technician handles the memory cards from removal to upload.",
            "The tabulator room's keypad shows visible wear on four digits, effectively revealing the code.",
            "The side gate padlock is hanging there closed but not actually locked.",
            "if you forget your badge just use the one in the top drawer, it opens everything",
            "The count room relies on one keyed lock, with eleven copies of the key outstanding.",
        ],
    );
    each_found_by(
        "known-weakness",
        &[
            "Patch management for the election VLAN has been paused since June because the update server ran out of disk space.",
            "The e-pollbook devices cannot be upgraded, leaving them exposed to flaws patched in later releases.",
            "The IT director confirmed that multi-factor authentication has not yet been enabled for the deputy clerks' accounts.",
        ],
    );
    each_passes(&[
        "The help desk verifies every password reset in person with photo identification.",
        "The security operations center monitors election systems around the clock.",
        "The vault's time-delay lock was serviced in March and works as designed.",
        "Two staff members handle the memory cards from removal to upload, and both sign the log.",
        "Patches for the election network are applied monthly and tested first.",
        "Multi-factor authentication has been enabled for every account since May.",
    ]);
}

/// The sixteenth blind corpus's misses and false alarms (2026-11-30): dummy cameras, a
/// control not re-enabled, a kiosk exited by a tap sequence, a verification word stated,
/// a default login kept, a password left blank, a lockbox that opens with the zip code, a
/// password visible, an all-access key, standing 24-hour remote access, a wireless access
/// point supposed to be removed. "Allow anyone in line to vote" is no firewall rule, a
/// certified election management system's version is public, and systems retired for
/// being unsupported are gone. Each is blocked; its neighbour passes.
#[test]
fn lapses_in_work_orders_and_handouts_are_found() {
    each_found_by(
        "lapsed-control",
        &[
            "Dear Mrs. Lindqvist, our office's security cameras are actually dummies bought years ago.",
            "Vendor log: disabled the USB port lockdown policy on tabulator 7 to load the update and did not re-enable it.",
            "Poll worker handout: the tablets' kiosk mode can be exited by tapping the logo seven times.",
            "Poll worker handout: the hotline's staff-only verification word for this election is \"cardinal\".",
            "Vendor log: left the BIOS password blank on the replacement EMS workstation pending county approval.",
            "Poll worker handout: the precinct kit lockbox opens with the county's zip code.",
            "The interview clip shows the whiteboard with the election night upload password visible in the corner.",
            "The night custodian has an all-access key that opens the ballot vault.",
            "The vendor's support contract gives their technicians standing 24-hour remote access to our EMS.",
        ],
    );
    each_found_by(
        "weak-credential",
        &["Our router at the satellite office still has the manufacturer's default admin login."],
    );
    each_passes(&[
        "Poll worker handout: when the polls close, allow anyone in line at 7 p.m. to vote.",
        "Vendor log: version 5.17.3 of the election management system was installed after state certification.",
        "Assessment summary: the county has retired all workstations that were running unsupported operating systems.",
        "The password policy is enforced for every county account.",
        "Security cameras at every drop box record around the clock and are connected to a recorder.",
    ]);
}

#[test]
fn protections_never_on_and_access_never_taken_back_are_found() {
    each_found_by(
        "lapsed-control",
        &[
            "No firmware password was ever set on the poll pads, so anyone can boot them from a stick.",
            "The group policy meant to lock the screens was never applied to the check-in laptops.",
            "The results server is not really air-gapped, since a second cable runs to the county LAN.",
            "The nightly hash comparison was dropped from the batch job to save time.",
            "The wall jack in the lobby is still live and patched into the tabulation switch.",
            "The sign-in page still accepts the default administrator user name.",
            "The poll book sync uses a hard-coded API token.",
            "The service account password was reset to Harvest2026 after the outage.",
            "A deputy's state login token went missing and was never revoked.",
            "The retired locksmith kept a copy of the grand master key.",
            "Badge access to the counting room is granted to the entire custodial staff.",
            "The loading dock door stays unlatched on Thursdays during the linen pickup.",
            "The contact on the vault door is zip-tied, so the panel always reads closed.",
            "The tamper tape can be lifted with a heat gun and pressed back.",
            "The transfer case is taken to the truck by one clerk alone.",
            "The courier always takes the same route on Tuesday nights.",
            "The lead judge told us to open anyway without reporting it.",
            "The keypad at the side gate opens with 4, 1, 7, 7 and then the star key.",
        ],
    );
    each_found_by(
        "security-detail-es",
        &[
            "La autenticación de dos factores no está activada en las cuentas del personal.",
            "Las etiquetas de seguridad se pueden despegar sin que quede ninguna marca.",
        ],
    );
    each_found_by(
        "known-weakness",
        &[
            "Ballot images are copied nightly to a server that does not use encryption.",
            "The results web app was never updated after the 2019 advisory.",
        ],
    );
    each_passes(&[
        "A firmware password is set on every poll pad before it leaves the warehouse.",
        "The loading dock door is locked and alarmed every night.",
        "All tokens of departing staff were revoked on their last day.",
        "Judges must never be alone with the ballots; two people from different parties carry every bag.",
        "The courier's route is set by the sheriff's office and changes each election.",
        "Report any seal that does not match, and do not open the machine until the inspector arrives.",
        "The vendor's remote account was shut off after the primary, as the contract requires.",
        "Polls stay open until 7 p.m., and anyone in line at 7 may vote.",
        "Staff are pushing for the money to buy a second ballot scanner.",
    ]);
}

#[test]
fn lapses_in_logs_quizzes_and_site_e_mails_are_found() {
    each_found_by(
        "lapsed-control",
        &[
            "The windows facing the scaffolding don't lock.",
            "The cabinet key is the same for every ballot-marking device in the county.",
            "Two sacks of ballots came back in a judge's own car.",
            "The memory cards came back in a sandwich bag instead of the sealed bag.",
            "My login is on the sticky note by the scanner if you need it.",
            "Use the gate code the deputy texted you last week.",
            "The fence behind the annex has a gap by the dumpster.",
            "There is an opening in the construction fence that a person can walk through.",
            "The chain was on the gate but the padlock wasn't on.",
            "The new drop box at the library isn't bolted down yet.",
            "Most of the seasonal crew never had background checks.",
            "On Saturdays I'm the only one in the building until six.",
            "The pickup van takes the same route every night of early voting.",
            "At the annex the visitor log is treated as optional.",
            "The hallway recorder records over itself every four days.",
            "The county does not keep any record of who opens the seal cabinet.",
        ],
    );
    each_found_by("known-weakness", &["The lookup site's plugins have not been updated in three years."]);
    each_passes(&[
        "Escort log, 20:00: Briefing with the sheriff's office to review routes and contacts.",
        "Escort log, 21:50: Custody form signed by both judges and the escort deputy.",
        "The windows in the count room lock and are checked each evening.",
        "Each ballot-marking device has its own key, kept under two-person control.",
        "Judges return memory cards in the sealed bag, never in a pocket or a car.",
        "The new drop box was bolted to its concrete pad on Monday.",
        "Every seasonal worker passes a background check before the first shift.",
        "The visitor log at the annex is required and was signed by every visitor today.",
    ]);
}

#[test]
fn custody_loosened_in_plain_words_is_found() {
    each_found_by(
        "lapsed-control",
        &[
            "Poll workers may keep their badges after the canvass.",
            "The scans folder is one that anyone in county government can open.",
            "The master key for that lock box can be bought online.",
            "The cleaning crew shares one alarm code among all its workers.",
            "The night press operator works alone from 11 p.m. to 7 a.m.",
            "The roll-up door is tied shut from the inside until the part arrives.",
            "The staff gate has been stuck open since summer.",
            "I put the memory stick in my jacket pocket and will drop it off tomorrow.",
            "The results drives sat on the clerk's desk rather than in the vault.",
            "The courier parks overnight at the truck stop with the ballots in the trailer.",
            "The audit team recounts the batch until it matches and writes down only the last count.",
            "Disable multi-factor authentication for the clerk accounts during early voting.",
            "The check-in laptop is still signed in under the manager's name.",
        ],
    );
    each_found_by("known-weakness", &["Laptops issued to seasonal staff do not have disk encryption."]);
    each_passes(&[
        "Poll workers return their badges at the end of the canvass.",
        "The line got long around lunch, but nobody waited more than twenty minutes.",
        "Quarterly backup restore test for the election management system passed.",
        "Multi-factor authentication stays on for every clerk account during early voting.",
        "The results drives are kept in the vault under two-person control.",
    ]);
}

#[test]
fn weaknesses_left_standing_and_ballots_left_unwatched_are_found() {
    each_found_by(
        "lapsed-control",
        &[
            "A former deputy could still log in to the poll book portal six months after he retired.",
            "Three temporary staff left in March, and their accounts remain active.",
            "Our support contract lapsed, so the county hasn't received the last two security patches.",
            "The vendor left the remote support session running and said he would leave it on until the canvass.",
            "The library's public printer and our ballot printers are connected to the same county network.",
            "The staff badges can be copied in a minute with a cheap reader.",
            "The spare key ring for the annex went missing in May and has not been found.",
            "The evidence tape comes off clean if you warm it first.",
            "The signature check failed on two laptops, but we went ahead and used them.",
            "The front desk clerk goes home at five, so couriers just leave the trays in the lobby.",
            "Starting next week the envelope room will have one worker instead of two.",
            "Nobody checked my badge when I signed out the seal kit.",
            "After the primary the poll books sit empty all weekend in the annex.",
            "The caretaker keeps the vault key on his own key chain.",
        ],
    );
    each_found_by("security-detail-es", &["El archivo de votos provisionales queda en el pasillo sin nadie a cargo."]);
    each_passes(&[
        "Accounts of staff who left are closed on their last day.",
        "Our tabulators are never connected to the internet.",
        "The signature check passed on every laptop before it was used.",
        "Two workers staff the envelope room at all times.",
        "The annex is watched by a guard all weekend.",
        "The spare key ring is kept in the vault and counted each Friday.",
    ]);
}

#[test]
fn checks_nobody_makes_and_barriers_that_give_way_are_found() {
    each_found_by(
        "lapsed-control",
        &[
            "Since the move nobody signs them in at the warehouse door.",
            "Nobody from the county checks the storage rooms after the movers leave.",
            "We walked through the annex and nobody stopped us.",
            "The courier bags came back and nobody counted them.",
            "The ballot carts stood in the corridor with nobody anywhere near them.",
            "Judges sign the custody form before they even look at the seals.",
            "Because pages of the log were missing, a swapped seal could not have been detected.",
            "A torn seal was swapped for a new one without being written up.",
            "The guard's round comes at the same minute each hour; you could set your watch by it.",
            "Give the cabinet door a tug and it pops open.",
            "Anyone with a screwdriver can take the panel off the box.",
            "The intake slot is wide enough to get a hand in.",
            "The box is only held down by two of its four bolts.",
            "The lock on the records cage broke in March.",
            "The tote room was found propped open on Sunday morning.",
            "The equipment closet at the annex isn't locked.",
            "The loading door is propped with a cone while the crew takes breaks.",
            "After the porch light goes off the box sits in the dark.",
            "The count room is left with a single temp worker over lunch.",
            "The ballot drop route is driven by one deputy working alone.",
            "The network share with the floor plans is open to everyone in the building.",
            "The training binder lists the alarm code on its last page.",
        ],
    );
    each_found_by(
        "security-detail-es",
        &[
            "Las cajas quedan en la bodega sin nadie al lado durante la cena.",
            "La ventana del archivo no tiene cerradura.",
            "La puerta trasera se abre empujando la barra con fuerza.",
            "Nadie desactivó la cuenta del técnico anterior.",
        ],
    );
    // A weakness in software is `known-weakness`'s, contractions and fixes included.
    each_found_by(
        "known-weakness",
        &[
            "The records laptop hasn't received the last two security patches.",
            "The check-in tablets no longer receive security fixes.",
        ],
    );
    each_passes(&[
        "Every visitor signs in with the front desk and is escorted by staff.",
        "Two staff members count the courier bags when they come back.",
        "The rear door was checked and locked at 6 pm.",
        "The lock on the records cage was replaced and tested.",
        "The count room is staffed by two teams at all times, lunch included.",
        "The training binder explains how to report a lost key.",
    ]);
}

#[test]
fn a_rule_that_forbids_keeping_or_a_fix_not_made_is_read_as_denied() {
    // One list of denials (`patterns::NEGATION`) for every pattern that reads them: a
    // policy that something may not be kept or taken home is publishable...
    each_passes(&[
        "Keys may not be taken home under any circumstances.",
        "Memory cards cannot be taken home.",
        "Passwords must not be written on sticky notes.",
        "Seal logs should not be left in the polling place overnight.",
        "Equipment is no longer kept in the basement.",
    ]);
    // ...beside the same placements said as facts.
    for text in [
        "The spare key is taken home by the custodian every night.",
        "Passwords are written on sticky notes at every station.",
    ] {
        assert!(!rules_found(text).is_empty(), "{text}");
    }
    // A repair denied with a modal is not a repair done.
    let text = "This is urgent because the tabulators run firmware the vendor stopped supporting, and the known \
                memory-card flaw cannot be fixed on them.";
    assert!(rules_found(text).contains(&"known-weakness"), "{text}");
}
