//! Physical and technical defences. A defence (logging, a sensor, an alarm, MFA,
//! encryption, anti-malware, backups) turned off and not since restored; a camera's
//! coverage with a gap or a named spot; numbered cameras, sensors and keys; a door or
//! lock left open or broken; a key that opens more than one door; where an alarm panel
//! or recorder is placed. "Cameras cover every entrance" passes.

use super::super::hints::{HINT_DEFENCE, HINT_FIXTURE_PURCHASE, HINT_PHYSICAL};
use super::super::patterns::rules;
use super::super::sentences::{digits, next_word, Sentence};
use super::super::words::{DISABLED_PEOPLE, NOT_DATA_BACKUPS};
use super::super::{Scanner, Severity};

/// Physical objects that can be unlocked, broken, propped open or disabled.
const BARRIERS: &[&str] = &[
    "door", "window", "gate", "latch", "lock", "keypad", "reader", "camera", "cctv", "alarm", "sensor", "vault",
    "safe", "entrance", "recorder",
];

impl Scanner<'_> {
    /// A defence (logging, sensor, alarm, MFA, encryption, anti-malware...) turned off.
    pub(super) fn defences(&self, s: &mut Sentence, resolved: bool) {
        let r = rules();
        let t = s.text;
        let lower = s.lower();
        if resolved || ["voting booth", "privacy", "secrecy", "secret ballot"].iter().any(|w| lower.contains(w)) {
            return;
        }
        let objects: Vec<(usize, usize)> = s
            .find(&r.defence)
            .into_iter()
            .filter(|&(a, b)| {
                !(t[a..b].to_ascii_lowercase().starts_with("backup")
                    && NOT_DATA_BACKUPS.contains(&next_word(t, b).as_str()))
            })
            .collect();
        if objects.is_empty() {
            return;
        }
        for (oa, ob) in s.find(&r.defence_off) {
            let off = t[oa..ob].to_ascii_lowercase();
            if off == "disabled" && DISABLED_PEOPLE.contains(&next_word(t, ob).as_str()) {
                continue;
            }
            // "kept off-site", "stored off-premises": a place, not a state.
            if off.ends_with("off") && (t[ob..].starts_with("-site") || t[ob..].starts_with("-premises")) {
                continue;
            }
            let hit = objects.iter().find(|&&(a, b)| {
                if s.clause(a) != s.clause(oa) {
                    return false;
                }
                if a >= oa && b <= ob {
                    true
                } else if b <= oa {
                    oa - b <= 70
                } else if a >= ob {
                    // "turned off the alarm", "disabled Windows event logging": close, no list.
                    let between = &t[ob..a];
                    between.split_whitespace().count() <= 3
                        && !between.contains(',')
                        && !between.split_whitespace().any(|w| w == "and" || w == "or")
                } else {
                    false
                }
            });
            if let Some(&(a, b)) = hit {
                s.add(a.min(oa), b.max(ob), "defence-disabled", Severity::Block, HINT_DEFENCE);
                return;
            }
        }
    }

    /// Cameras, doors, locks and keys with coverage, state, numbers or scope.
    pub(super) fn physical(&self, s: &mut Sentence, purchase: bool, public: bool, resolved: bool) {
        let r = rules();
        let t = s.text;
        let lower = s.lower();
        if ["voting booth", "privacy", "secrecy", "secret ballot"].iter().any(|w| lower.contains(w)) {
            return;
        }
        if s.has(&r.surveillance) {
            let coverage = s.find(&r.coverage);
            // "covers", "faces", "points at" say where a camera looks: a finding with a gap
            // ("but not", "only", "leaving") or a named spot (rear door, stairwell), not in
            // "cameras cover every entrance" or "a camera covers the drop box".
            let pointed = coverage.iter().any(|&(a, b)| {
                let m = t[a..b].to_ascii_lowercase();
                ["cover", "fac", "point", "aimed"].iter().any(|w| m.starts_with(w))
            });
            let specific = pointed && (s.has(&r.gap) || s.has(&r.specific_spot));
            for (a, b) in coverage {
                let m = t[a..b].to_ascii_lowercase();
                let positive = ["cover", "fac", "point", "aimed"].iter().any(|w| m.starts_with(w));
                let after = next_word(t, b);
                if positive
                    && (!specific || ["every", "all", "each", "entire", "whole", "both"].contains(&after.as_str()))
                {
                    continue;
                }
                s.add(a, b, "physical-security", Severity::Block, HINT_PHYSICAL);
            }
        }
        for (a, b) in s.find(&r.numbered) {
            let n: u32 = digits(&t[a..b]).parse().unwrap_or(0);
            if !(1900..=2100).contains(&n) {
                s.add(a, b, "physical-security", Severity::Block, HINT_PHYSICAL);
            }
        }
        // Barriers and sensors have states (a seal, a guard or a drop box being "broken" or
        // "disabled" is something else).
        let objects: Vec<(usize, usize)> = match &self.physical {
            Some(re) => s.find(re),
            None => Vec::new(),
        }
        .into_iter()
        .filter(|&(a, b)| {
            let m = t[a..b].to_ascii_lowercase();
            BARRIERS.iter().any(|w| m.contains(w))
        })
        .collect();
        if !objects.is_empty() && !resolved {
            for (a, b) in s.find(&r.barrier_state) {
                let state = t[a..b].to_ascii_lowercase();
                let soft = state == "disabled" || state == "unlocked" || state.starts_with("left open");
                if soft && (public || DISABLED_PEOPLE.contains(&next_word(t, b).as_str())) {
                    continue;
                }
                // "report any broken seal": what to watch for, not a fault.
                if super::words_before(t, a, 1).first().is_some_and(|w| w == "any") {
                    continue;
                }
                if let Some(&(oa, ob)) = objects.iter().find(|&&(oa, _)| s.clause(oa) == s.clause(a)) {
                    s.add(oa.min(a), ob.max(b), "physical-security", Severity::Block, HINT_PHYSICAL);
                }
            }
        }
        for (a, b) in s.find(&r.key_scope) {
            s.add(a, b, "physical-security", Severity::Block, HINT_PHYSICAL);
        }
        for (a, b) in s.find(&r.fixture_placement) {
            if purchase {
                s.add(a, b, "physical-security", Severity::Warn, HINT_FIXTURE_PURCHASE);
            } else {
                s.add(a, b, "physical-security", Severity::Block, HINT_PHYSICAL);
            }
        }
    }
}
