//! Secrets stated in prose rather than shown: how a password is made ("the clerk's
//! maiden name followed by 2024"), a password used "as" something, default, blank or
//! shared passwords, and passwords never changed. A sentence about password policy
//! ("passwords must be 14 characters") passes.

use super::super::hints::{HINT_RECIPE, HINT_SHARED, HINT_WEAK};
use super::super::patterns::rules;
use super::super::sentences::{negated, next_word, previous_word, Sentence};
use super::super::words::PUBLIC_CODE_WORDS;
use super::super::{Scanner, Severity, PER_MATCH_CHECKS};

/// Words after a password noun that make it a topic, not a password.
const SECRET_TOPIC_WORDS: &[&str] = &[
    "policy",
    "policies",
    "manager",
    "managers",
    "reset",
    "resets",
    "change",
    "changes",
    "rules",
    "requirement",
    "requirements",
    "training",
    "length",
    "complexity",
    "expiration",
    "hygiene",
    "vault",
    "protection",
    "protected",
    "strength",
    "standards",
    "guidance",
    "rotation",
    "history",
    "prompt",
    "field",
    "screen",
    "page",
    "recovery",
    "self-service",
    "management",
    "attempts",
    "lockout",
    "sharing",
    "practices",
    "procedures",
    "requests",
];

/// First words after "password is" that make the rest a statement about the password.
const RECIPE_STOP: &[&str] = &[
    "changed",
    "reset",
    "rotated",
    "required",
    "stored",
    "encrypted",
    "hashed",
    "protected",
    "never",
    "not",
    "must",
    "should",
    "will",
    "can",
    "may",
    "unique",
    "different",
    "strong",
    "long",
    "longer",
    "complex",
    "private",
    "personal",
    "confidential",
    "secret",
    "known",
    "sent",
    "given",
    "issued",
    "provided",
    "managed",
    "enforced",
    "kept",
    "written",
    "case-sensitive",
    "valid",
    "expired",
    "updated",
    "being",
    "needed",
    "mandatory",
    "at",
    "no",
    "available",
    "random",
    "assigned",
    "created",
    "chosen",
    "selected",
    "distributed",
    "delivered",
    "mailed",
    "emailed",
    "good",
    "safe",
    "secure",
    "tied",
    "linked",
    "used",
    "needed",
    "required",
    "subject",
    "part",
    "one",
    "two",
    "three",
    "in",
    "on",
    "for",
    "to",
    "by",
    "with",
    "whatever",
    "what",
    "how",
    "why",
    "who",
    "set",
    "shown",
    "displayed",
    "generated",
    "known",
    "yours",
    "theirs",
    "unknown",
    "unavailable",
    "optional",
    "important",
];

impl Scanner<'_> {
    /// Passwords and codes stated in prose: recipes, defaults, blanks, sharing, never rotated.
    pub(super) fn secrets_in_prose(&self, s: &mut Sentence, public: bool) {
        let r = rules();
        let t = s.text;
        let mut checks = 0;
        for c in s.caps(&r.credential_recipe) {
            let (Some(m), Some(between), Some(rest)) = (c.get(0), c.get(1), c.get(2)) else { continue };
            let noun = m.as_str().split_whitespace().next().unwrap_or("").to_ascii_lowercase();
            if noun.starts_with("code") && PUBLIC_CODE_WORDS.contains(&previous_word(t, m.start()).as_str()) {
                continue;
            }
            let first_between = next_word(between.as_str(), 0);
            if SECRET_TOPIC_WORDS.contains(&first_between.as_str())
                || between.as_str().split_whitespace().any(|w| ["must", "should", "will", "can", "may"].contains(&w))
            {
                continue;
            }
            let mut words: Vec<String> = rest
                .as_str()
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'').to_ascii_lowercase())
                .collect();
            if words.len() >= 2 && matches!(words[0].as_str(), "set" | "changed" | "reset") && words[1] == "to" {
                words.drain(..2);
            }
            let first = words
                .iter()
                .find(|w| {
                    ![
                        "just",
                        "simply",
                        "only",
                        "still",
                        "currently",
                        "now",
                        "basically",
                        "literally",
                        "usually",
                        "always",
                    ]
                    .contains(&w.as_str())
                })
                .cloned()
                .unwrap_or_default();
            let statement = first.is_empty()
                || RECIPE_STOP.contains(&first.as_str())
                || (first.len() > 3 && (first.ends_with("ed") || first.ends_with("ing") || first.ends_with("ly")));
            if statement || checks >= PER_MATCH_CHECKS {
                continue;
            }
            checks += 1;
            if s.has_in(&r.recipe_marker, rest.as_str()) {
                s.add(m.start(), m.end(), "credential-recipe", Severity::Block, HINT_RECIPE);
            }
        }
        for (a, b) in s.find(&r.credential_as) {
            s.add(a, b, "credential-recipe", Severity::Block, HINT_RECIPE);
        }
        for (a, b) in s.find(&r.credential_capitalised) {
            s.add(a, b, "credential-recipe", Severity::Block, HINT_RECIPE);
        }
        for (a, b) in s.find(&r.not_rotated) {
            s.add(a, b, "weak-credential", Severity::Block, HINT_WEAK);
        }
        if !public {
            for (a, b) in s.find(&r.no_credential) {
                s.add(a, b, "weak-credential", Severity::Block, HINT_WEAK);
            }
        }
        let weak = s.find(&r.weak_credential);
        if !weak.is_empty() {
            let fixed = s.find(&r.fix_verb).iter().any(|&(a, b)| !negated(&t[a..b]));
            if !fixed {
                for (a, b) in weak {
                    let w = t[a..b].to_ascii_lowercase();
                    if ["default", "factory", "blank", "empty"].iter().any(|k| w.contains(k)) {
                        s.add(a, b, "weak-credential", Severity::Block, HINT_WEAK);
                    } else if !public {
                        s.add(a, b, "shared-secret", Severity::Warn, HINT_SHARED);
                    }
                }
            }
        }
    }
}
