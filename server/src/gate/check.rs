//! The audit math, recomputed at publication from the numbers a contest
//! publishes (reported tallies, ballots cast, the sample and its audited tallies
//! or discrepancies), with the `rla` crate: BRAVO and Minerva for ballot
//! polling, Kaplan–Markov (Super-Simple, γ = 1.03905) for ballot comparison.
//! MACRO needs batch-level results, which a contest does not carry, so it is
//! not recomputed. A contest whose published p-value or "risk limit met"
//! disagrees with the recomputation (beyond 0.001 absolute and 1 % relative) is
//! a blocking finding that names both numbers; no reviewer can override it.

use super::scanner::{Finding, Severity};
use crate::domain::audit::{ContestDraft, TallyDraft};
use crate::domain::values::Percent;
use crate::domain::AuditMath;

/// The rule name of a contradicted claim.
pub const RULE: &str = "risk-recomputed";

/// Whether a finding is the math's (its own numbers contradict the claim): no
/// reviewer can override it.
pub fn is_math(rule: &str) -> bool {
    rule == RULE || rule == READINGS_RULE
}

/// A contest's risk, recomputed from its published numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Check {
    pub method: &'static str,
    pub diluted_margin: Option<f64>,
    pub p_value: Option<f64>,
    pub risk_limit_met: Option<bool>,
    /// Whether the published claim agrees (`None`: nothing was claimed, or
    /// nothing could be recomputed).
    pub consistent: Option<bool>,
}

fn method_of(math: AuditMath) -> Option<(rla::Method, &'static str)> {
    match math {
        AuditMath::Bravo => Some((rla::Method::Bravo, "bravo")),
        AuditMath::Minerva => Some((rla::Method::Minerva, "minerva")),
        AuditMath::KaplanMarkov => Some((rla::Method::KaplanMarkov, "kaplan_markov")),
        AuditMath::Macro | AuditMath::None => None,
    }
}

/// Recomputes one contest, or `None` when the method is not one the portal
/// recomputes or the audit has no risk limit.
pub fn check(math: AuditMath, risk_limit: Option<Percent>, c: &ContestDraft) -> Option<Check> {
    let (method, name) = method_of(math)?;
    let risk_limit = risk_limit?.get();
    let reported: Vec<(&str, u64)> =
        c.tallies.iter().map(|t| (t.candidate.as_str(), t.reported_votes.get().max(0) as u64)).collect();
    let audited: Vec<(&str, u64)> = c
        .tallies
        .iter()
        .filter_map(|t: &TallyDraft| t.audited_votes.map(|v| (t.candidate.as_str(), v.get().max(0) as u64)))
        .collect();
    let winners: Vec<&str> = c.winners.iter().map(|w| w.as_str()).collect();
    let count = |v: Option<crate::domain::values::VoteCount>| v.map(|n| n.get().max(0) as u64).unwrap_or(0);
    let sample = c.sample_size.map(|size| match method {
        rla::Method::KaplanMarkov => rla::ContestSample::Comparison {
            size: size.get().max(0) as u64,
            o1: count(c.o1),
            o2: count(c.o2),
            u1: count(c.u1),
            u2: count(c.u2),
        },
        _ => rla::ContestSample::Polling { size: size.get().max(0) as u64, audited: &audited },
    });
    let recomputed = rla::recompute_contest(
        method,
        risk_limit,
        c.ballots_cast.get().max(0) as u64,
        c.votes_allowed.get().clamp(1, i64::from(u32::MAX)) as u32,
        &winners,
        &reported,
        sample.as_ref(),
    );
    let Ok(r) = recomputed else {
        return Some(Check {
            method: name,
            diluted_margin: None,
            p_value: None,
            risk_limit_met: None,
            consistent: Some(false),
        });
    };
    let p_agrees = match (c.p_value, r.p_value) {
        (Some(published), Some(recomputed)) => Some(rla::consistent_with(published.get(), recomputed)),
        (Some(_), None) => Some(false),
        (None, _) => None,
    };
    let met_agrees = match (c.risk_limit_met, r.risk_limit_met) {
        (Some(published), Some(recomputed)) => Some(published == recomputed),
        (Some(true), None) => Some(false),
        _ => None,
    };
    let consistent = match (p_agrees, met_agrees) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(true) && b.unwrap_or(true)),
    };
    Some(Check {
        method: name,
        diluted_margin: Some(r.diluted_margin),
        p_value: r.p_value,
        risk_limit_met: r.risk_limit_met,
        consistent,
    })
}

fn shown(p: Option<f64>) -> String {
    match p {
        Some(p) if p < 0.0001 => format!("{p:.2e}"),
        Some(p) => format!("{p:.4}"),
        None => "none (the numbers could not be recomputed)".into(),
    }
}

/// The blocking finding for a contest whose claim the recomputation contradicts.
pub fn finding(position: usize, c: &ContestDraft, check: &Check) -> Option<Finding> {
    if check.consistent != Some(false) {
        return None;
    }
    let published_p = c.p_value.map(|p| shown(Some(p.get()))).unwrap_or_else(|| "not given".into());
    let published_met = c.risk_limit_met.map(|m| if m { "met" } else { "not met" }).unwrap_or("not given");
    let recomputed_met = match check.risk_limit_met {
        Some(true) => "met",
        Some(false) => "not met",
        None => "unknown",
    };
    let excerpt = format!(
        "{}: published p = {published_p}, risk limit {published_met}; recomputed from the numbers ({}) p = {}, \
         risk limit {recomputed_met}",
        c.name,
        check.method,
        shown(check.p_value)
    );
    Some(Finding {
        field: format!("contest {} p_value", position + 1),
        rule: RULE,
        severity: Severity::Block,
        start: 0,
        end: 0,
        excerpt,
        hint: "The published p-value or \"risk limit met\" disagrees with the tallies and sample on this page. \
               Correct the numbers or the claim; a recomputation cannot be overridden.",
    })
}

/// The rule name of discrepancies that the ballots' readings do not count.
pub const READINGS_RULE: &str = "discrepancies-counted";

/// The blocking finding for a comparison contest whose published
/// discrepancies differ from those its sampled ballots' readings count, or
/// whose readings leave some of its sample unread.
pub fn reading_finding(
    position: usize,
    c: &ContestDraft,
    counted: &crate::domain::audit::interpretation::Counted,
) -> Option<Finding> {
    if counted.read == 0 {
        return None;
    }
    let claimed = |v: Option<crate::domain::values::VoteCount>| v.map(|n| n.get().max(0) as u64).unwrap_or(0);
    let published = [claimed(c.o1), claimed(c.o2), claimed(c.u1), claimed(c.u2)];
    let found = [counted.o1, counted.o2, counted.u1, counted.u2];
    let excerpt = if counted.read < counted.sampled {
        format!(
            "{}: readings cover {} of the {} ballots in this contest's sample",
            c.name, counted.read, counted.sampled
        )
    } else if published != found {
        let list = |v: [u64; 4]| format!("o1 = {}, o2 = {}, u1 = {}, u2 = {}", v[0], v[1], v[2], v[3]);
        format!("{}: published {}; the sampled ballots' readings count {}", c.name, list(published), list(found))
    } else {
        return None;
    };
    Some(Finding {
        field: format!("contest {} o1", position + 1),
        rule: READINGS_RULE,
        severity: Severity::Block,
        start: 0,
        end: 0,
        excerpt,
        hint: "A comparison audit's discrepancies are counted from each sampled ballot's machine and audit \
               readings. Import a reading for every sampled ballot, or correct the counts; this cannot be overridden.",
    })
}
