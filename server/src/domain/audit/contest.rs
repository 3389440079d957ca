//! A contest of an audit: its reported and audited tallies and its sample, as
//! typed (`ContestInput`) and as checked (`ContestDraft`).

use super::super::draft::Checks;
use super::super::form::{public, Field, Widget};
use super::super::values::{Line, PValue, VoteCount};
use super::MAX_CANDIDATES;

#[derive(Clone, Debug, PartialEq)]
pub struct ContestDraft {
    pub name: Line,
    /// Each winner is one of the tallies' candidates.
    pub winners: Vec<Line>,
    pub votes_allowed: VoteCount,
    pub ballots_cast: VoteCount,
    pub tallies: Vec<TallyDraft>,
    pub sample_size: Option<VoteCount>,
    pub o1: Option<VoteCount>,
    pub o2: Option<VoteCount>,
    pub u1: Option<VoteCount>,
    pub u2: Option<VoteCount>,
    pub p_value: Option<PValue>,
    pub risk_limit_met: Option<bool>,
    /// Whether the audit targeted this contest (its sample was sized for it);
    /// a contest counted in the same sample without being targeted is
    /// opportunistic: its risk is measured, never a confirmation.
    pub targeted: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TallyDraft {
    pub candidate: Line,
    pub reported_votes: VoteCount,
    pub audited_votes: Option<VoteCount>,
}

/// A contest as typed: results as `Name=votes;Name=votes`, winners as `Name;Name`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct ContestInput {
    pub name: String,
    pub winners: String,
    pub votes_allowed: String,
    pub ballots_cast: String,
    pub reported_results: String,
    pub sample_size: String,
    pub audited_results: String,
    pub o1: String,
    pub o2: String,
    pub u1: String,
    pub u2: String,
    pub p_value: String,
    /// `true`, `false` (or `yes`/`no`), or empty.
    pub risk_limit_met: String,
    /// `yes` (or empty: a contest is targeted unless it says otherwise) or `no`.
    pub targeted: String,
}

/// Parses `Name=votes;Name=votes` (empty text is no results).
pub fn parse_results(s: &str) -> Result<Vec<(Line, VoteCount)>, String> {
    let mut out: Vec<(Line, VoteCount)> = Vec::new();
    for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((name, votes)) = part.rsplit_once('=') else {
            return Err(format!("\"{}\" is not Name=votes", part.chars().take(60).collect::<String>()));
        };
        let name = Line::parse(name).map_err(|m| format!("a candidate's name {m}"))?;
        let votes = VoteCount::parse(votes).map_err(|m| format!("{name}'s votes: {m}"))?;
        if out.iter().any(|(n, _)| *n == name) {
            return Err(format!("{name} is listed twice"));
        }
        out.push((name, votes));
    }
    if out.len() > MAX_CANDIDATES {
        return Err(format!("a contest may have at most {MAX_CANDIDATES} candidates"));
    }
    Ok(out)
}

/// Parses `true`/`false`/`yes`/`no`; empty is not recorded.
pub fn parse_met(s: &str) -> Result<Option<bool>, String> {
    match s.trim().to_lowercase().as_str() {
        "" => Ok(None),
        "true" | "yes" => Ok(Some(true)),
        "false" | "no" => Ok(Some(false)),
        other => Err(format!("\"{}\" is not true or false", other.chars().take(20).collect::<String>())),
    }
}

fn results_text(tallies: &[TallyDraft], audited: bool) -> String {
    tallies
        .iter()
        .filter_map(|t| {
            let votes = if audited { t.audited_votes } else { Some(t.reported_votes) };
            votes.map(|v| format!("{}={}", t.candidate, v.get()))
        })
        .collect::<Vec<_>>()
        .join(";")
}

impl ContestInput {
    /// The contest as a draft. Each mistake is recorded under `prefix` followed by
    /// the column's name (`winners`, `reported_results`…): an import passes no
    /// prefix and places it on the row's cell; a form passes `contest N `.
    pub fn to_draft(&self, c: &mut Checks, prefix: &str) -> Option<ContestDraft> {
        let f = |column: &str| format!("{prefix}{column}");
        let name = c.field(&f("contest"), Line::parse(&self.name));
        let reported = c.field(&f("reported_results"), parse_results(&self.reported_results));
        if reported.as_ref().is_some_and(|r| r.is_empty()) {
            c.fail(&f("reported_results"), "is required for a contest, as Name=votes;Name=votes");
        }
        let audited = c.field(&f("audited_results"), parse_results(&self.audited_results));
        let votes_allowed = c.optional(&f("votes_allowed"), &self.votes_allowed, VoteCount::parse);
        let ballots_cast = if self.ballots_cast.trim().is_empty() {
            c.fail(&f("ballots_cast"), "is required for a contest");
            None
        } else {
            c.field(&f("ballots_cast"), VoteCount::parse(&self.ballots_cast))
        };
        let sample_size = c.optional(&f("sample_size"), &self.sample_size, VoteCount::parse);
        let o1 = c.optional(&f("o1"), &self.o1, VoteCount::parse);
        let o2 = c.optional(&f("o2"), &self.o2, VoteCount::parse);
        let u1 = c.optional(&f("u1"), &self.u1, VoteCount::parse);
        let u2 = c.optional(&f("u2"), &self.u2, VoteCount::parse);
        let p_value = c.optional(&f("p_value"), &self.p_value, PValue::parse);
        let risk_limit_met = c.field(&f("risk_limit_met"), parse_met(&self.risk_limit_met));
        let targeted = c.field(&f("targeted"), parse_met(&self.targeted));
        let mut winners = Vec::new();
        for w in self.winners.split(';').map(str::trim).filter(|w| !w.is_empty()) {
            match Line::parse(w) {
                Ok(w) => winners.push(w),
                Err(m) => c.fail(&f("winners"), format!("a winner's name {m}")),
            }
        }
        if winners.is_empty() && self.winners.trim().is_empty() {
            c.fail(&f("winners"), "name the reported winners, as Name;Name");
        }
        let (reported, audited) = (reported?, audited?);
        for w in &winners {
            if !reported.is_empty() && !reported.iter().any(|(n, _)| n == w) {
                c.fail(&f("winners"), format!("\"{w}\" is not in reported_results"));
            }
        }
        for (n, _) in &audited {
            if !reported.iter().any(|(r, _)| r == n) {
                c.fail(&f("audited_results"), format!("\"{n}\" is not in reported_results"));
            }
        }
        let tallies = reported
            .iter()
            .map(|(candidate, votes)| TallyDraft {
                candidate: candidate.clone(),
                reported_votes: *votes,
                audited_votes: audited.iter().find(|(n, _)| n == candidate).map(|(_, v)| *v),
            })
            .collect();
        let one = VoteCount::new(1).ok()?;
        Some(ContestDraft {
            name: name?,
            winners,
            votes_allowed: votes_allowed?.unwrap_or(one),
            ballots_cast: ballots_cast?,
            tallies,
            sample_size: sample_size?,
            o1: o1?,
            o2: o2?,
            u1: u1?,
            u2: u2?,
            p_value: p_value?,
            risk_limit_met: risk_limit_met?,
            targeted: targeted?.unwrap_or(true),
        })
    }
}

impl ContestInput {
    /// Every field by name, as a form shows it (an officials' type: never serialised).
    pub fn fields(&self) -> Vec<(&'static str, &str)> {
        let ContestInput {
            name,
            winners,
            votes_allowed,
            ballots_cast,
            reported_results,
            sample_size,
            audited_results,
            o1,
            o2,
            u1,
            u2,
            p_value,
            risk_limit_met,
            targeted,
        } = self;
        vec![
            ("name", name.as_str()),
            ("winners", winners.as_str()),
            ("votes_allowed", votes_allowed.as_str()),
            ("ballots_cast", ballots_cast.as_str()),
            ("reported_results", reported_results.as_str()),
            ("sample_size", sample_size.as_str()),
            ("audited_results", audited_results.as_str()),
            ("o1", o1.as_str()),
            ("o2", o2.as_str()),
            ("u1", u1.as_str()),
            ("u2", u2.as_str()),
            ("p_value", p_value.as_str()),
            ("risk_limit_met", risk_limit_met.as_str()),
            ("targeted", targeted.as_str()),
        ]
    }

    /// A field's value by name (empty when there is no such field).
    pub fn get(&self, name: &str) -> &str {
        self.fields().into_iter().find(|(n, _)| *n == name).map(|(_, v)| v).unwrap_or("")
    }
}

/// A contest's fields, in the audit form's fieldsets (`contest-N-name`…).
pub const CONTEST_FORM: &[Field] = &[
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
    public(
        "targeted",
        "targeted",
        "no for a contest counted in the sample without being targeted (its risk is measured, not confirmed)",
        Widget::Code(TARGETED_CODES),
    ),
];

/// Whether a contest was targeted, as a form offers it.
pub const TARGETED_CODES: &[&str] = &["yes", "no"];

impl ContestDraft {
    /// The contest as typed again (a draft shown in its form).
    pub fn to_input(&self) -> ContestInput {
        let num = |n: Option<VoteCount>| n.map(|n| n.get().to_string()).unwrap_or_default();
        ContestInput {
            name: self.name.to_string(),
            winners: self.winners.iter().map(|w| w.to_string()).collect::<Vec<_>>().join(";"),
            votes_allowed: self.votes_allowed.get().to_string(),
            ballots_cast: self.ballots_cast.get().to_string(),
            reported_results: results_text(&self.tallies, false),
            sample_size: num(self.sample_size),
            audited_results: results_text(&self.tallies, true),
            o1: num(self.o1),
            o2: num(self.o2),
            u1: num(self.u1),
            u2: num(self.u2),
            p_value: self.p_value.map(|p| p.get().to_string()).unwrap_or_default(),
            risk_limit_met: self.risk_limit_met.map(|b| b.to_string()).unwrap_or_default(),
            targeted: if self.targeted { "yes" } else { "no" }.into(),
        }
    }
}
