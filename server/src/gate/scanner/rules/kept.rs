//! Where keys, codes and passwords are kept ("the spare key is taped under the front
//! desk drawer"), and who alone holds a key. "Keys are kept in a locked cabinet with a
//! sign-out log" passes: a place is a finding only when it tells someone where to look.

use super::super::hints::{HINT_CUSTODY, HINT_KEPT};
use super::super::patterns::rules;
use super::super::sentences::{negated, next_word, previous_word, Sentence};
use super::super::words::PUBLIC_CODE_WORDS;
use super::super::{Scanner, Severity};

/// Words that, after "key", make it an adjective ("key dates"), not a key.
const KEY_ADJECTIVE_FOLLOWERS: &[&str] = &[
    "findings",
    "finding",
    "staff",
    "dates",
    "date",
    "personnel",
    "points",
    "point",
    "issues",
    "issue",
    "steps",
    "role",
    "roles",
    "part",
    "facts",
    "deadlines",
    "deadline",
    "information",
    "partners",
    "recommendations",
    "contacts",
    "milestones",
    "results",
    "elements",
    "areas",
    "takeaways",
    "changes",
    "races",
    "contests",
    "component",
    "components",
    "factor",
    "factors",
    "people",
    "players",
    "decisions",
    "priorities",
    "indicators",
    "metrics",
    "terms",
    "features",
    "goals",
    "objectives",
    "tasks",
    "events",
    "stakeholders",
    "questions",
    "lessons",
    "risks",
    "responsibilities",
    "duties",
    "documents",
    "control",
    "controls",
    "management",
];

/// Words after "under" that make it a safeguard ("under bipartisan seal"), not a place.
const UNDER_A_SAFEGUARD: &[&str] =
    &["seal", "seals", "bipartisan", "tamper-evident", "lock", "dual", "two-person", "camera", "video", "guard"];

impl Scanner<'_> {
    /// A key, code or password with where it is kept.
    pub(super) fn kept(&self, s: &mut Sentence) {
        let r = rules();
        let t = s.text;
        let objects: Vec<(usize, usize)> = s
            .find(&r.kept_object)
            .into_iter()
            .filter(|&(a, b)| {
                let m = t[a..b].to_ascii_lowercase();
                let last = m.split_whitespace().last().unwrap_or("");
                if last == "key" || last == "keys" {
                    return !KEY_ADJECTIVE_FOLLOWERS.contains(&next_word(t, b).as_str());
                }
                if last == "pin" {
                    return t.get(b - 3..b) == Some("PIN");
                }
                if last == "code" || last == "codes" {
                    let before =
                        m.split_whitespace().rev().nth(1).map(str::to_string).unwrap_or_else(|| previous_word(t, a));
                    return !PUBLIC_CODE_WORDS.contains(&before.as_str()) && next_word(t, b) != "of";
                }
                true
            })
            .collect();
        if objects.is_empty() {
            return;
        }
        // "stored under bipartisan seal", "under lock and key": a safeguard, not a place.
        let places: Vec<(usize, usize)> = s
            .find(&r.kept_place)
            .into_iter()
            .filter(|&(a, b)| {
                !(t[a..b].eq_ignore_ascii_case("under") && UNDER_A_SAFEGUARD.contains(&next_word(t, b).as_str()))
            })
            .collect();
        if places.is_empty() {
            return;
        }
        let verbs: Vec<(usize, usize)> =
            s.find(&r.kept_verb).into_iter().filter(|&(a, b)| !negated(&t[a..b])).collect();
        for &(oa, ob) in &objects {
            for &(va, vb) in &verbs {
                let near = if va >= ob { va - ob <= 80 } else { oa - vb.min(oa) <= 60 };
                if !near || s.clause(oa) != s.clause(va) {
                    continue;
                }
                if let Some(&(_, pb)) = places.iter().find(|&&(pa, _)| pa >= va && pa <= vb + 120) {
                    s.add(oa.min(va), pb.max(ob), "key-placement", Severity::Block, HINT_KEPT);
                    return;
                }
            }
        }
        for (a, b) in s.find(&r.kept_verbless) {
            if places.iter().any(|&(pa, _)| pa >= a && pa < b) {
                s.add(a, b, "key-placement", Severity::Block, HINT_KEPT);
                return;
            }
        }
        let lower = s.lower();
        if !["dual control", "two-person", "two people", "bipartisan", "two staff"].iter().any(|w| lower.contains(w)) {
            for (a, b) in s.find(&r.key_custody) {
                s.add(a, b, "key-custody", Severity::Warn, HINT_CUSTODY);
            }
        }
    }
}
