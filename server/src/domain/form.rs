//! How a draft is typed in: the kinds of form control, and the fields all kinds
//! share. Each kind's own form (`FORM`) is in its file, next to the draft it
//! fills, so a new field is described once; the officials' pages render forms
//! from these lists.

/// What kind of control a field is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Widget {
    /// One line of text.
    Line,
    /// Several lines of text.
    Area,
    /// `YYYY-MM-DD`.
    Date,
    /// Dollars and cents.
    Money,
    /// One of a closed set of codes.
    Code(&'static [&'static str]),
    /// A jurisdiction within the official's office.
    Jurisdiction,
    /// An election.
    Election,
    /// A legal basis from the policy, or none.
    Basis,
    /// Whether a risk limit was met: yes, no, or not recorded.
    Met,
}

/// One field of a draft's form.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub widget: Widget,
    /// Whether the field is withheld or never published (shown apart, marked so).
    pub restricted: bool,
}

pub const fn public(name: &'static str, label: &'static str, hint: &'static str, widget: Widget) -> Field {
    Field { name, label, hint, widget, restricted: false }
}

pub const fn restricted(name: &'static str, label: &'static str, hint: &'static str, widget: Widget) -> Field {
    Field { name, label, hint, widget, restricted: true }
}

/// The restricted fields every withholding kind shares: the withheld detail with
/// its basis and statement, then internal notes.
pub const WITHHOLDING: [Field; 4] = [
    restricted(
        "security_details",
        "Security details (withheld)",
        "Never published; the public page says that details were withheld, and why.",
        Widget::Area,
    ),
    restricted("withholding_basis", "Legal basis", "", Widget::Basis),
    restricted(
        "withholding_statement",
        "Written statement",
        "Why disclosure would impair the office's ability to protect persons or property.",
        Widget::Area,
    ),
    restricted("internal_notes", "Internal notes (never published)", "", Widget::Area),
];

/// The codes of each closed set, in the order the forms offer them.
pub const CATEGORY_CODES: [&str; 10] = [
    "voting_equipment",
    "voting_processes",
    "voter_registration_systems",
    "election_auditing",
    "cyber_security",
    "physical_security",
    "voter_education",
    "accessibility",
    "communications",
    "other",
];
pub const AUDIT_TYPE_CODES: [&str; 6] =
    ["ballot_polling", "ballot_comparison", "batch_comparison", "manual_tally", "logic_and_accuracy", "canvass"];
pub const MATH_CODES: [&str; 5] = ["bravo", "kaplan_markov", "macro", "minerva", "none"];
/// The samplers, after an empty choice (no sample drawn yet).
pub const SAMPLER_CODES: [&str; 4] = ["", "consistent", "rivest", "ppeb"];
pub const OUTCOME_CODES: [&str; 5] = ["confirmed", "full_hand_count", "outcome_changed", "inconclusive", "in_progress"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AuditMath, AuditType, Category, Outcome};

    #[test]
    fn the_code_lists_match_the_code_sets() {
        fn codes(all: &[&'static str]) -> Vec<&'static str> {
            all.to_vec()
        }
        assert_eq!(codes(&CATEGORY_CODES), Category::ALL.iter().map(|c| c.code()).collect::<Vec<_>>());
        assert_eq!(codes(&AUDIT_TYPE_CODES), AuditType::ALL.iter().map(|c| c.code()).collect::<Vec<_>>());
        assert_eq!(codes(&MATH_CODES), AuditMath::ALL.iter().map(|c| c.code()).collect::<Vec<_>>());
        assert_eq!(codes(&OUTCOME_CODES), Outcome::ALL.iter().map(|c| c.code()).collect::<Vec<_>>());
        let samplers = crate::domain::audit::Sampler::ALL.iter().map(|s| s.code());
        assert_eq!(SAMPLER_CODES[1..].to_vec(), samplers.collect::<Vec<_>>());
    }
}
