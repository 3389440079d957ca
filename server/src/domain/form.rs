//! How each kind's draft is typed in: the fields of its form, in order. The
//! officials' pages render forms from these lists, so a new field is described
//! once, next to the draft it fills.

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

const fn public(name: &'static str, label: &'static str, hint: &'static str, widget: Widget) -> Field {
    Field { name, label, hint, widget, restricted: false }
}

const fn restricted(name: &'static str, label: &'static str, hint: &'static str, widget: Widget) -> Field {
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

pub const EXPENDITURE: &[Field] = &[
    public("grant", "Grant (slug)", "As in /spending/{grant}.", Widget::Line),
    public("recipient", "Recipient", "", Widget::Jurisdiction),
    public("category", "EAC category", "", Widget::Code(&CATEGORY_CODES)),
    public("federal_amount", "Federal amount (dollars)", "For example 1234.56", Widget::Money),
    public("match_amount", "Match amount (dollars)", "", Widget::Money),
    public("date", "Date", "YYYY-MM-DD", Widget::Date),
    public("vendor", "Vendor (always public)", "", Widget::Line),
    public(
        "description",
        "Public description",
        "Public. Say what was bought, not how systems are configured.",
        Widget::Area,
    ),
];

pub const GRANT: &[Field] = &[
    public("program", "Program", "", Widget::Line),
    public("funder", "Funder", "", Widget::Line),
    public("recipient", "Recipient", "", Widget::Jurisdiction),
    public("federal_amount", "Federal amount (dollars)", "For example 1234.56", Widget::Money),
    public("match_amount", "Match amount (dollars)", "", Widget::Money),
    public("award_date", "Award date", "YYYY-MM-DD", Widget::Date),
    public("period_start", "Period starts", "YYYY-MM-DD, or empty", Widget::Date),
    public("period_end", "Period ends", "YYYY-MM-DD, or empty", Widget::Date),
    public("source", "Source of the figures", "Public.", Widget::Area),
];

pub const UPDATE: &[Field] = &[
    public("title", "Title", "", Widget::Line),
    public("date", "Date", "YYYY-MM-DD", Widget::Date),
    public("office", "Office", "", Widget::Jurisdiction),
    public(
        "body",
        "Text (Markdown)",
        "Public. Do not include system, network or physical-security details.",
        Widget::Area,
    ),
    restricted("internal_notes", "Internal notes (never published)", "", Widget::Area),
];

pub const AUDIT: &[Field] = &[
    public("election", "Election", "", Widget::Election),
    public("jurisdiction", "Jurisdiction", "", Widget::Jurisdiction),
    public("audit_type", "Audit type", "", Widget::Code(&AUDIT_TYPE_CODES)),
    public("math", "Method", "", Widget::Code(&MATH_CODES)),
    public("risk_limit", "Risk limit (percent)", "For example 5, or empty", Widget::Line),
    public("seed", "Random seed", "", Widget::Line),
    public("started_on", "Started", "YYYY-MM-DD", Widget::Date),
    public("completed_on", "Completed", "YYYY-MM-DD, or empty while in progress", Widget::Date),
    public("outcome", "Outcome", "", Widget::Code(&OUTCOME_CODES)),
    public(
        "summary",
        "Plain-language summary",
        "Public. Do not include system, network or physical-security details.",
        Widget::Area,
    ),
];

/// A contest's fields, in the audit form's fieldsets (`contest-N-name`…).
pub const CONTEST: &[Field] = &[
    public("name", "name", "Leave empty for no contest.", Widget::Line),
    public("winners", "winners", "Name;Name", Widget::Line),
    public("votes_allowed", "votes allowed", "", Widget::Line),
    public("ballots_cast", "ballots cast", "", Widget::Line),
    public("reported_results", "reported results", "Name=votes;Name=votes", Widget::Line),
    public("sample_size", "sample size", "", Widget::Line),
    public("audited_results", "audited results", "Name=votes;Name=votes, or empty", Widget::Line),
    public("o1", "one-vote overstatements", "", Widget::Line),
    public("o2", "two-vote overstatements", "", Widget::Line),
    public("u1", "one-vote understatements", "", Widget::Line),
    public("u2", "two-vote understatements", "", Widget::Line),
    public("p_value", "p-value", "", Widget::Line),
    public("risk_limit_met", "risk limit met", "", Widget::Met),
];

const CATEGORY_CODES: [&str; 10] = [
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
const AUDIT_TYPE_CODES: [&str; 6] =
    ["ballot_polling", "ballot_comparison", "batch_comparison", "manual_tally", "logic_and_accuracy", "canvass"];
const MATH_CODES: [&str; 5] = ["bravo", "kaplan_markov", "macro", "minerva", "none"];
const OUTCOME_CODES: [&str; 5] = ["confirmed", "full_hand_count", "outcome_changed", "inconclusive", "in_progress"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AuditMath, AuditType, Category, Outcome};

    #[test]
    fn the_code_lists_match_the_code_sets() {
        let codes = |all: &[&str]| all.to_vec();
        assert_eq!(codes(&CATEGORY_CODES), Category::ALL.iter().map(|c| c.code()).collect::<Vec<_>>());
        assert_eq!(codes(&AUDIT_TYPE_CODES), AuditType::ALL.iter().map(|c| c.code()).collect::<Vec<_>>());
        assert_eq!(codes(&MATH_CODES), AuditMath::ALL.iter().map(|c| c.code()).collect::<Vec<_>>());
        assert_eq!(codes(&OUTCOME_CODES), Outcome::ALL.iter().map(|c| c.code()).collect::<Vec<_>>());
    }
}
