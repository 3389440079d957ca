//! The rules, in families, a file each. Every sentence is read once by every family,
//! after a first look at the sentence as a whole: is it about withholding (then the
//! meaning rules stay quiet: it says what was removed), a purchase (schedules and
//! placements in it only warn), the public (voters, observers, accessibility), or a
//! problem since resolved ("restored", "fixed")?
//!
//! - `shapes`: keys, credentials with values, codes, addresses, contacts, ports, CVEs;
//! - `hosts`: URLs and host names against the policy's domains;
//! - `versions`: versions of systems, not of documents;
//! - `networks`: file shares and Wi-Fi network names;
//! - `secrets`: passwords described in prose (recipes, defaults, sharing);
//! - `products`: remote-access tools and watched models with their state or setup;
//! - `kept`: where keys, codes and passwords are kept, and who holds a key;
//! - `schedules`: guards, patrols, alarms and backups with their times or gaps;
//! - `physical`: defences turned off, camera coverage, doors, locks and keys;
//! - `exposure`: systems open to more than they should be (the internet, a guest
//!   network, any badge, any USB drive) and defences switched off as a habit;
//! - `weakness`: known weaknesses still in place (old protocols, no security updates,
//!   rules open to everything, sign-ins without MFA, rights for everyone, accounts of
//!   people who left);
//! - `spanish`: the meaning rules for sentences in Spanish.

mod exposure;
mod hosts;
mod kept;
mod lapses;
mod networks;
mod physical;
mod products;
mod schedules;
mod secrets;
mod shapes;
mod spanish;
mod versions;
mod weakness;

use super::patterns::rules;
use super::sentences::{negated, next_word, Sentence};

/// Words after "voter" that make it a system or a record, not an audience.
const SYSTEMS_OF_VOTERS: &[&str] =
    &["registration", "file", "files", "list", "lists", "roll", "rolls", "database", "records", "data", "system"];
use super::Scanner;

/// "unplugged since the ceiling repair in August": a repair named as the time since
/// which something is broken dates the fault; it does not fix it.
fn dates_a_fault(t: &str, a: usize) -> bool {
    let words = words_before(t, a, 4);
    let since = words.iter().position(|w| w == "since" || w == "during");
    // "since the ceiling repair", not "has since been repaired".
    since.is_some_and(|i| {
        i >= 1 && ["the", "a", "an", "last", "its", "our", "their", "this", "that"].contains(&words[i - 1].as_str())
    })
}

/// Up to `n` words before byte `a`, nearest first, lowercased.
fn words_before(t: &str, a: usize, n: usize) -> Vec<String> {
    t[..a].split_whitespace().rev().take(n).map(str::to_ascii_lowercase).collect()
}

/// Up to `n` words after byte `b` (letters and digits only), lowercased.
fn words_after(t: &str, b: usize, n: usize) -> Vec<String> {
    t[b..]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(n)
        .map(str::to_ascii_lowercase)
        .collect()
}

/// "until the replacement lock arrives", "until the lock is replaced": a repair still
/// awaited (present tense after "until"), not one done ("until the lock was replaced").
fn awaits_a_repair(t: &str, a: usize, b: usize) -> bool {
    let (before, after) = (words_before(t, a, 3), words_after(t, b, 3));
    let said = |words: &[&str]| before.iter().chain(&after).any(|w| words.contains(&w.as_str()));
    before.iter().any(|w| w == "until")
        && said(&["is", "are", "arrives", "arrive", "comes", "come", "gets"])
        && !said(&["was", "were", "had"])
}

/// A repair only planned, possible, asked for or refused: "a fix has been requested", "a
/// repair quote is pending", "so the vendor can fix problems", "plans to replace", "no date
/// has been set to repair it", "pushing for the money to fix that"; a skill named ("know
/// how to restore"); a repair only claimed ("was described as repaired") or imagined ("a
/// replaced seal would go unnoticed"); a replacement on (back) order or slipped; and seals
/// "pressed back on", which is no repair.
fn repair_not_done(t: &str, a: usize, b: usize) -> bool {
    let (before, after) = (words_before(t, a, 6), words_after(t, b, 10));
    let previous = before.first().map(String::as_str).unwrap_or("");
    let modal = ["can", "could", "will", "would", "should", "must"].contains(&previous)
        || (previous == "to"
            && (before
                .get(1)
                .is_some_and(|w| ["need", "needs", "plan", "plans", "hope", "hopes", "how"].contains(&w.as_str()))
                || before
                    .iter()
                    .any(|w| ["no", "not", "never", "money", "funding", "funds", "budget"].contains(&w.as_str()))));
    // "was described as repaired", "listed as tested": a claim, which a correction undoes.
    let claimed = previous == "as"
        && before.get(1).is_some_and(|w| {
            ["described", "listed", "reported", "shown", "marked", "recorded", "logged", "noted"].contains(&w.as_str())
        });
    let pending = after.iter().any(|w| {
        [
            "requested",
            "pending",
            "quote",
            "quoted",
            "unfunded",
            "proposed",
            "scheduled",
            "appointment",
            "ordered",
            "slipped",
            "delayed",
            "postponed",
            "backordered",
        ]
        .contains(&w.as_str())
    }) || after.windows(2).any(|w| w[0] == "on" && (w[1] == "order" || w[1] == "back"));
    // "so a replaced seal would go unnoticed": a repair imagined, not done.
    let imagined = ["a", "an", "any"].contains(&previous)
        && after.iter().any(|w| ["would", "could", "might"].contains(&w.as_str()));
    let reattached = t[a..b].to_ascii_lowercase().starts_with("back on")
        && ["pressed", "stuck", "glued", "taped", "put", "pasted"].contains(&previous);
    modal || claimed || imagined || pending || reattached
}

/// "a replacement ballot", "replacement mail ballots", "replacement memory cards": new
/// ones supplied, not a repair.
fn names_a_new_ballot(t: &str, a: usize, b: usize) -> bool {
    let rest = t[b..].trim_start().to_ascii_lowercase();
    let rest = rest.strip_prefix("mail").map_or(rest.as_str(), str::trim_start);
    t[a..b].eq_ignore_ascii_case("replacement") && (rest.starts_with("ballot") || rest.starts_with("memory card"))
}

/// Whether the match at `a..b` is "Corrected the …:", the heading of a corrected text.
fn corrects_a_text(t: &str, a: usize, b: usize) -> bool {
    let rest = &t[b..];
    t[a..b].eq_ignore_ascii_case("corrected")
        && rest.find(':').is_some_and(|colon| colon <= 80 && !rest[..colon].contains(['.', ';', ',']))
}

impl Scanner<'_> {
    /// Reads one sentence with every rule.
    pub(super) fn read(&self, s: &mut Sentence) {
        let r = rules();
        s.breaks = s.find(&r.clause_break).into_iter().map(|(b, _)| b).collect();
        let withholding = s.has(&r.withholding);
        let purchase = s.has(&r.purchase);
        // "voter registration system", "voter file": systems, not an audience.
        let t = s.text;
        let public = s.find(&r.public_audience).into_iter().any(|(a, b)| {
            !(t[a..b].to_ascii_lowercase().starts_with("voter")
                && SYSTEMS_OF_VOTERS.contains(&next_word(t, b).as_str()))
        });
        // "was replaced ... and never reconnected": a negated repair outweighs the rest.
        // "Corrected the minutes: ..." corrects a text, not a fault: what follows the
        // colon is what the text now says. "Since the repair" dates a fault; "until the
        // replacement arrives" awaits a repair; "how to restore" names a skill; "a fix
        // has been requested" and "the vendor can fix it" are not repairs done.
        let repairs: Vec<(usize, usize)> = s
            .find(&r.resolved)
            .into_iter()
            .filter(|&(a, b)| {
                !corrects_a_text(t, a, b)
                    && !dates_a_fault(t, a)
                    && !names_a_new_ballot(t, a, b)
                    && !awaits_a_repair(t, a, b)
                    && !repair_not_done(t, a, b)
            })
            .collect();
        let resolved =
            repairs.iter().any(|&(a, b)| !negated(&t[a..b])) && !repairs.iter().any(|&(a, b)| negated(&t[a..b]));
        self.shapes(s);
        self.hosts(s);
        self.versions(s);
        self.paths_and_networks(s);
        self.secrets_in_prose(s, public);
        self.remote_access(s, withholding);
        self.watch_list(s, purchase);
        self.spanish(s, withholding, purchase);
        if !withholding {
            self.kept(s);
            self.schedules(s, purchase);
            self.defences(s, resolved);
            self.physical(s, purchase, public, resolved);
            self.exposure(s, public, resolved);
            self.weakness(s, purchase, resolved);
            self.lapses(s, resolved);
        }
    }
}
