//! Named products. A remote-access tool (from the policy's list) with its state:
//! installed, running or used is blocked, removed or refused passes, a bare mention
//! warns. A watched product's model (the policy's watch list) with how it is deployed or
//! set up warns, and with its version is blocked.

use super::super::hints::{HINT_REMOTE, HINT_REMOTE_UNSURE, HINT_VERSION, HINT_WATCH};
use super::super::patterns::rules;
use super::super::sentences::Sentence;
use super::super::{Scanner, Severity};
use super::versions::t_after_version;

impl Scanner<'_> {
    /// A remote-access tool with its state: on (blocked), removed (passes), unclear (warns).
    pub(super) fn remote_access(&self, s: &mut Sentence, withholding: bool) {
        let r = rules();
        if withholding {
            return;
        }
        let tools = match &self.remote {
            Some(re) => s.find(re),
            None => Vec::new(),
        };
        let generic = s.find(&r.remote_generic);
        if tools.is_empty() && generic.is_empty() {
            return;
        }
        let still = s.has(&r.remote_still);
        let off = s.has(&r.remote_off);
        let on = s.has(&r.remote_on);
        if off && !still {
            return;
        }
        for (a, b) in tools {
            if still || on {
                s.add(a, b, "remote-access", Severity::Block, HINT_REMOTE);
            } else {
                s.add(a, b, "remote-access", Severity::Warn, HINT_REMOTE_UNSURE);
            }
        }
        for (a, b) in generic {
            s.add(a, b, "remote-access", Severity::Warn, HINT_REMOTE_UNSURE);
        }
    }

    /// A watched product's model named together with how it is deployed or set up.
    pub(super) fn watch_list(&self, s: &mut Sentence, purchase: bool) {
        let Some(watch) = &self.watch else { return };
        let found = s.find(watch);
        if found.is_empty() {
            return;
        }
        // Model names are proper nouns: "Poll Pad" is the product, "poll pads" are poll books.
        let found: Vec<(usize, usize)> = found
            .into_iter()
            .filter(|&(a, b)| {
                let m = &s.text[a..b];
                self.policy.scanner.watch_list.iter().any(|item| {
                    let words: Vec<&str> = item.split_whitespace().collect();
                    let seen: Vec<&str> = m.split_whitespace().collect();
                    words.len() == seen.len()
                        && words.iter().zip(&seen).all(|(w, x)| {
                            x.len() >= w.len()
                                && x.get(..w.len()).is_some_and(|head| head.eq_ignore_ascii_case(w))
                                && w.chars().next().is_some_and(|c| !c.is_uppercase())
                                    | x.chars().next().is_some_and(|c| c.is_uppercase())
                        })
                })
            })
            .collect();
        // A voting system's certified version is public (the EAC and the states publish
        // it): "upgraded to Democracy Suite 5.17 after the state certified that version".
        let certified = s.has(&rules().certified);
        for &(a, b) in &found {
            // "Democracy Suite 5.5-A", "ElectionWare v6.2": a named system's version.
            let rest = t_after_version(s.text, b);
            if rest > b && !certified {
                s.add(a, rest, "version", Severity::Block, HINT_VERSION);
            }
        }
        if certified || !s.has(&rules().deployment) || (purchase && !s.has(&rules().configuration)) {
            return;
        }
        for (a, b) in found {
            s.add(a, b, "watch-list", Severity::Warn, HINT_WATCH);
        }
    }
}
