//! Schedules and gaps: a guard, patrol, alarm, camera or backup with its times ("the
//! guard leaves at 11 p.m."), with a gap ("unattended on weekends"), with a route that
//! skips a place, or a backup made so rarely that a change could go unnoticed. The
//! times of public events (polls close at 7 p.m.) and of public screening pass; with a
//! purchase the finding is a warning.

use super::super::hints::{HINT_BACKUP, HINT_SCHEDULE, HINT_SCHEDULE_PURCHASE};
use super::super::patterns::rules;
use super::super::sentences::{digits, next_word, Sentence};
use super::super::words::NOT_DATA_BACKUPS;
use super::super::{Scanner, Severity};

/// Words just before a time that make it the time of a public event ("polls close at 7 p.m.").
const PUBLIC_EVENTS: &[&str] = &[
    "polls", "voting", "vote", "opens", "open", "closes", "close", "closed", "meeting", "meets", "hearing", "training",
    "hours", "begins", "starts", "results", "reopens", "test",
];

/// Words shortly before a time that make it the time something happened once ("the alarm
/// sounded at 7:12 p.m.", "reported it to the hotline at 4:10"), not a schedule; "went
/// off" likewise, but not "is turned off at".
const ONE_OFF_EVENTS: &[&str] =
    &["sounded", "tripped", "rang", "occurred", "happened", "detected", "jammed", "reported", "noticed", "found"];

/// Whether the time at `a` follows a one-off event: "sounded at 7:12", "went off at",
/// "jammed at 10:15".
fn happened_once(t: &str, a: usize) -> bool {
    let words: Vec<String> = t[..a]
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(6)
        .map(str::to_ascii_lowercase)
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).skip_while(|w| *w == "at").collect();
    // "jammed at 10:15", "reported it to the hotline at 4:10": a log's entry.
    match words.as_slice() {
        ["off", "went", ..] => true,
        _ => words.iter().take(5).any(|w| ONE_OFF_EVENTS.contains(w)),
    }
}

/// Words after "nobody" or "no one" that make it an absence ("nobody is there", "no one
/// checks"), not a count of people who did something ("nobody waited").
const PRESENCE_AFTER_NOBODY: &[&str] = &[
    "to",
    "watching",
    "guarding",
    "monitoring",
    "checking",
    "covering",
    "assigned",
    "available",
    "staffing",
    "is",
    "was",
    "will",
    "would",
    "can",
    "could",
    "stays",
    "stayed",
    "remains",
    "works",
    "watches",
    "watched",
    "guards",
    "guarded",
    "checks",
    "checked",
    "monitors",
    "monitored",
    "covers",
    "covered",
    "answers",
    "answered",
    "responds",
    "patrols",
    "walks",
    "comes",
    "came",
    "arrives",
    "arrived",
    "on",
    "at",
    "in",
    "there",
    "here",
    "around",
    "present",
    "else",
    "until",
    "from",
    "between",
    "after",
    "during",
    "overnight",
    "for",
    // Nothing after it: "and there was nobody."
    "",
];

/// Words after "deputy" that make it an office, not a sheriff's deputy.
const DEPUTY_OFFICES: &[&str] = &[
    "clerk",
    "clerks",
    "director",
    "directors",
    "county",
    "recorder",
    "secretary",
    "administrator",
    "registrar",
    "election",
    "elections",
    "treasurer",
    "assessor",
    "auditor",
    "chief",
    "commissioner",
    "mayor",
    "coordinator",
    "manager",
];

impl Scanner<'_> {
    /// A guard, patrol, alarm, camera or backup with its schedule, or with a gap in it.
    pub(super) fn schedules(&self, s: &mut Sentence, purchase: bool) {
        let r = rules();
        let t = s.text;
        let objects: Vec<(usize, usize)> = s
            .find(&r.schedule_object)
            .into_iter()
            .filter(|&(a, b)| {
                let m = t[a..b].to_ascii_lowercase();
                let office = m.starts_with("deput") && DEPUTY_OFFICES.contains(&next_word(t, b).as_str());
                let generator = m.starts_with("backup") && NOT_DATA_BACKUPS.contains(&next_word(t, b).as_str());
                // "back up by 10:30", "back up and running": working again, not a backup.
                let running_again = m.starts_with("back up")
                    && ["by", "again", "and", "running", "within"].contains(&next_word(t, b).as_str());
                // "nobody waited more than twenty minutes": nobody did something, which is
                // no absence; "nobody is on site", "no one checks" are.
                let nobody =
                    (m == "nobody" || m == "no one") && !PRESENCE_AFTER_NOBODY.contains(&next_word(t, b).as_str());
                !(office || generator || running_again || nobody)
            })
            .collect();
        // Screening at a public entrance keeps public hours; they are not a guard's schedule.
        let lower = s.lower();
        let public_screening = ["screening", "checkpoint", "metal detector", "security desk", "sign in", "sign-in"]
            .iter()
            .any(|w| lower.contains(w));
        if objects.is_empty() || public_screening {
            return;
        }
        let strong = s.find(&r.strong_time);
        let strong: Vec<(usize, usize)> = strong
            .into_iter()
            .filter(|&(a, b)| {
                // "every 24 hours" is around the clock, not a schedule.
                let m = &t[a..b];
                if m.to_ascii_lowercase().starts_with("every") && digits(m) == "24" {
                    return false;
                }
                // "after polls close at 7 p.m.": the time of a public event, not of a guard.
                // "The alarm sounded at 7:12 p.m.": something that happened once, as is a
                // log entry headed by its time ("Escort log, 20:00: briefing with...").
                let before = t[..a].to_ascii_lowercase();
                let heads_an_entry = t[b..].trim_start().starts_with(':');
                !happened_once(t, a)
                    && !heads_an_entry
                    && !before
                        .split(|c: char| !c.is_ascii_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .rev()
                        .take(4)
                        .any(|w| PUBLIC_EVENTS.contains(&w))
            })
            .collect();
        let weak = s.find(&r.weak_time);
        let gap = s.has(&r.gap);
        let (sev, hint) =
            if purchase { (Severity::Warn, HINT_SCHEDULE_PURCHASE) } else { (Severity::Block, HINT_SCHEDULE) };
        let patrols: Vec<(usize, usize)> = objects
            .iter()
            .copied()
            .filter(|&(a, b)| {
                let m = t[a..b].to_ascii_lowercase();
                ["guard", "patrol", "round", "deput", "sheriff", "officer", "security", "drive"]
                    .iter()
                    .any(|w| m.contains(w))
            })
            .collect();
        if !patrols.is_empty() {
            // "the guard's rounds skip the east loading dock".
            if let Some((x, y)) = s.find(&r.route_gap).into_iter().next() {
                let (a, b) = patrols[0];
                s.add(a.min(x), b.max(y), "security-schedule", sev, hint);
                return;
            }
        }
        for &(a, b) in &objects {
            let clause = s.clause(a);
            let timed = strong.iter().find(|&&(x, _)| s.clause(x) == clause);
            let loose = weak.iter().find(|&&(x, _)| s.clause(x) == clause).filter(|_| gap);
            if let Some(&(x, y)) = timed.or(loose) {
                s.add(a.min(x), b.max(y), "security-schedule", sev, hint);
                return;
            }
        }
        let backups: Vec<(usize, usize)> = objects
            .iter()
            .copied()
            .filter(|&(a, b)| {
                let m = t[a..b].to_ascii_lowercase();
                ["back", "cop", "replica", "snapshot", "log"].iter().any(|w| m.contains(w))
            })
            .collect();
        let frequent =
            ["daily", "nightly", "hourly", "every day", "every night", "each day", "each night", "every hour"]
                .iter()
                .any(|w| lower.contains(w));
        // "Quarterly backup restore test ... passed": how often restores are tested.
        let restore_test = ["restore test", "test restore", "restoration test"].iter().any(|w| lower.contains(w));
        if !backups.is_empty() && !frequent && !restore_test {
            for (x, y) in s.find(&r.low_frequency) {
                if let Some(&(a, b)) = backups.iter().find(|&&(a, _)| s.clause(a) == s.clause(x)) {
                    s.add(a.min(x), b.max(y), "backup-schedule", Severity::Warn, HINT_BACKUP);
                    return;
                }
            }
        }
    }
}
