//! The audit math, recomputed at publication from the numbers a contest
//! publishes (reported tallies, ballots cast, the sample and its audited tallies
//! or discrepancies), with the `rla` crate: BRAVO and Minerva for ballot
//! polling, Kaplan–Markov (Super-Simple, γ = 1.03905) for ballot comparison,
//! and MACRO for batch comparison, from the audit's published batch tallies
//! and the batches the portal draws from them (PPEB, `rla::ppeb`). A contest
//! whose published p-value or "risk limit met" disagrees with the
//! recomputation (beyond 0.001 absolute and 1 % relative) is a blocking finding
//! that names both numbers; no reviewer can override it. So is a MACRO claim
//! the published evidence cannot back (no batch tallies, another sampler, a
//! drawn batch without its hand count).

use super::scanner::{Finding, Severity};
use crate::domain::audit::batch_tally;
use crate::domain::audit::evidence::SampledUnit;
use crate::domain::audit::{AuditDraft, ContestDraft, Sampler, TallyDraft};
use crate::domain::values::Percent;
use crate::domain::AuditMath;

/// The rule name of a contradicted claim.
pub const RULE: &str = "risk-recomputed";

/// Whether a finding is the math's (its own numbers contradict the claim): no
/// reviewer can override it.
pub fn is_math(rule: &str) -> bool {
    rule == RULE || rule == READINGS_RULE || rule == ESCALATION_RULE
}

/// The rule name of a round drawn after the round before met the risk limit.
pub const ESCALATION_RULE: &str = "rounds-escalate";

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

/// A contest's reported numbers as the `rla` crate takes them.
struct Reported<'a> {
    votes: Vec<(&'a str, u64)>,
    winners: Vec<&'a str>,
    ballots: u64,
    votes_allowed: u32,
}

impl<'a> Reported<'a> {
    fn of(c: &'a ContestDraft) -> Reported<'a> {
        Reported {
            votes: c.tallies.iter().map(|t| (t.candidate.as_str(), t.reported_votes.get().max(0) as u64)).collect(),
            winners: c.winners.iter().map(|w| w.as_str()).collect(),
            ballots: c.ballots_cast.get().max(0) as u64,
            votes_allowed: c.votes_allowed.get().clamp(1, i64::from(u32::MAX)) as u32,
        }
    }

    /// The diluted margin as `method` measures it, if the numbers allow one.
    fn margin(&self, method: rla::Method, risk_limit: f64) -> Option<f64> {
        self.recompute(method, risk_limit, None).ok().map(|r| r.diluted_margin)
    }

    fn recompute(
        &self,
        method: rla::Method,
        risk_limit: f64,
        sample: Option<&rla::ContestSample<'_>>,
    ) -> Result<rla::Recomputed, rla::InputError> {
        rla::recompute_contest(method, risk_limit, self.ballots, self.votes_allowed, &self.winners, &self.votes, sample)
    }

    fn contest(&self) -> Option<rla::Contest> {
        rla::Contest::with_named_winners(&self.votes, self.ballots, &self.winners, self.votes_allowed).ok()
    }
}

/// Recomputes one contest, or `None` when the method is not one the portal
/// recomputes or the audit has no risk limit.
pub fn check(math: AuditMath, risk_limit: Option<Percent>, c: &ContestDraft) -> Option<Check> {
    let (method, name) = method_of(math)?;
    let risk_limit = risk_limit?.get();
    let reported = Reported::of(c);
    let audited: Vec<(&str, u64)> = c
        .tallies
        .iter()
        .filter_map(|t: &TallyDraft| t.audited_votes.map(|v| (t.candidate.as_str(), v.get().max(0) as u64)))
        .collect();
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
    let recomputed = reported.recompute(method, risk_limit, sample.as_ref());
    let Ok(r) = recomputed else { return Some(unrecomputable(name)) };
    Some(compare(name, c, Some(r.diluted_margin), r.p_value, r.risk_limit_met))
}

/// Recomputes a Minerva contest's rounds: Minerva's risk depends on the round
/// schedule, so each round's is computed from the rounds up to it (Arlo's
/// `minerva.compute_risk` over the rounds' own ballots and votes). One entry
/// per round; all `None` without a risk limit.
pub fn check_minerva_rounds(
    risk_limit: Option<Percent>,
    c: &ContestDraft,
    rounds: &[crate::domain::audit::round::RoundDraft],
) -> Vec<Option<Check>> {
    const NAME: &str = "minerva";
    let Some(risk_limit) = risk_limit.map(|r| r.get()) else { return vec![None; rounds.len()] };
    let reported = Reported::of(c);
    let margin = reported.margin(rla::Method::Minerva, risk_limit);
    let contest = reported.contest();
    // Each round's own ballots and votes: the cumulative numbers' differences.
    let mut own: Vec<Option<rla::minerva::Round<'_>>> = Vec::new();
    for (k, r) in rounds.iter().enumerate() {
        let before = k.checked_sub(1).map(|j| &rounds[j]);
        let votes_of = |x: &crate::domain::audit::round::RoundDraft, name: &str| {
            x.audited.iter().find(|(n, _)| n.as_str() == name).map(|(_, v)| v.get().max(0) as u64).unwrap_or(0)
        };
        let size = (r.sample_size.get() - before.map(|b| b.sample_size.get()).unwrap_or(0)).max(0) as u64;
        let votes: Option<Vec<(&str, u64)>> = c
            .tallies
            .iter()
            .map(|t| {
                let name = t.candidate.as_str();
                votes_of(r, name).checked_sub(before.map(|b| votes_of(b, name)).unwrap_or(0)).map(|v| (name, v))
            })
            .collect();
        own.push(votes.map(|votes| rla::minerva::Round { size, votes }));
    }
    (0..rounds.len())
        .map(|k| {
            let at = rounds[k].contest_at(c);
            let schedule: Option<Vec<rla::minerva::Round<'_>>> = own[..=k].iter().cloned().collect();
            let risk = contest
                .as_ref()
                .zip(schedule)
                .and_then(|(contest, schedule)| rla::minerva::compute_risk(risk_limit, contest, &schedule).ok());
            Some(match risk {
                Some(r) => compare(NAME, &at, margin, Some(r.p_value), Some(r.risk_limit_met)),
                None => unrecomputable(NAME),
            })
        })
        .collect()
}

fn unrecomputable(method: &'static str) -> Check {
    Check { method, diluted_margin: None, p_value: None, risk_limit_met: None, consistent: Some(false) }
}

/// The recomputation set against the contest's published claim.
fn compare(
    method: &'static str,
    c: &ContestDraft,
    diluted_margin: Option<f64>,
    p_value: Option<f64>,
    risk_limit_met: Option<bool>,
) -> Check {
    let p_agrees = match (c.p_value, p_value) {
        (Some(published), Some(recomputed)) => Some(rla::consistent_with(published.get(), recomputed)),
        (Some(_), None) => Some(false),
        (None, _) => None,
    };
    let met_agrees = match (c.risk_limit_met, risk_limit_met) {
        (Some(published), Some(recomputed)) => Some(published == recomputed),
        (Some(true), None) => Some(false),
        _ => None,
    };
    let consistent = match (p_agrees, met_agrees) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(true) && b.unwrap_or(true)),
    };
    Check { method, diluted_margin, p_value, risk_limit_met, consistent }
}

/// What keeps a MACRO claim from being recomputed, in words that say what to
/// import or set; `None` when the evidence is all there.
pub fn macro_missing(d: &AuditDraft, index: usize, c: &ContestDraft, draws: &[SampledUnit]) -> Option<String> {
    let slug = d.slug.as_str();
    if !d.evidence.batch_tallies.iter().any(|t| t.contest == index) {
        return Some(format!(
            "{}: MACRO is recomputed from the batch tallies, and this audit has none for the contest. Import them \
             before the seed (portal import batch-tallies FILE --audit {slug} --as EMAIL, header \
             contest,batch,candidate,reported,audited), then again with the hand counts of the sampled batches",
            c.name
        ));
    }
    if d.sampler != Some(Sampler::Ppeb) {
        return Some(format!(
            "{}: MACRO's risk assumes batches drawn with probability proportional to their error bound; set the \
             audit's sampler to ppeb so the portal draws them",
            c.name
        ));
    }
    let size = c.sample_size.map(|n| n.get().max(0) as usize).unwrap_or(0);
    let counted = batch_tally::audited_batches(&d.evidence.batch_tallies, index);
    if let Some(u) = draws.iter().take(size).find(|u| !counted.iter().any(|(b, _)| *b == u.batch)) {
        return Some(format!(
            "{}: batch {} was drawn (ticket {}) but has no hand count; import the batch tallies with the audited \
             votes of every sampled batch",
            c.name, u.batch, u.ticket
        ));
    }
    None
}

/// Recomputes a batch-comparison contest with MACRO (Arlo's
/// `macro.compute_risk`) from its batch tallies, the manifest's ballots and
/// the batches drawn; `None` for a contest the sample was not drawn for (not
/// targeted) or an audit without a risk limit or another method.
pub fn check_macro(d: &AuditDraft, index: usize, c: &ContestDraft, draws: &[SampledUnit]) -> Option<Check> {
    const NAME: &str = "macro";
    if d.math != AuditMath::Macro || !c.targeted {
        return None;
    }
    let risk_limit = d.risk_limit?.get();
    let claims = c.p_value.is_some() || c.risk_limit_met.is_some();
    let reported = Reported::of(c);
    let margin = reported.margin(rla::Method::Macro, risk_limit);
    if macro_missing(d, index, c, draws).is_some() || c.sample_size.is_none() {
        return Some(if claims { unrecomputable(NAME) } else { compare(NAME, c, margin, None, None) });
    }
    let Some(manifest) = &d.evidence.manifest else { return Some(unrecomputable(NAME)) };
    let Some(contest) = reported.contest() else { return Some(unrecomputable(NAME)) };
    let ballots_of =
        |batch: &str| manifest.batches.iter().find(|b| b.batch.as_str() == batch).map(|b| b.ballots.get() as f64);
    let batches: Vec<rla::macro_::Batch> = batch_tally::contest_tallies(&d.evidence.batch_tallies, index, c)
        .batches
        .into_iter()
        .map(|(name, votes)| rla::macro_::Batch {
            tally: Some(rla::macro_::BatchTally {
                votes: votes.into_iter().map(|(n, v)| (n, v as f64)).collect(),
                ballots: ballots_of(&name).unwrap_or(0.0),
            }),
            name,
        })
        .collect();
    let size = c.sample_size.map(|n| n.get().max(0) as usize).unwrap_or(0);
    let sampled: Vec<rla::macro_::Draw> = draws
        .iter()
        .take(size)
        .map(|u| rla::macro_::Draw { ticket: u.ticket.clone(), batch: u.batch.clone() })
        .collect();
    let audited: Vec<rla::macro_::AuditedBatch> = batch_tally::audited_batches(&d.evidence.batch_tallies, index)
        .into_iter()
        .filter(|(b, _)| sampled.iter().any(|s| s.batch == *b))
        .map(|(name, votes)| rla::macro_::AuditedBatch {
            name,
            votes: Some(votes.into_iter().map(|(n, v)| (n, v as f64)).collect()),
        })
        .collect();
    let audit = rla::macro_::MacroAudit { contest: &contest, pending_ballots: 0, batches: &batches };
    match audit.compute_risk(risk_limit, &audited, &sampled) {
        Ok((p, met)) => Some(compare(NAME, c, margin, Some(p), Some(met))),
        Err(_) => Some(unrecomputable(NAME)),
    }
}

/// The blocking finding for a MACRO claim the published evidence cannot back.
pub fn macro_finding(position: usize, d: &AuditDraft, c: &ContestDraft, draws: &[SampledUnit]) -> Option<Finding> {
    if d.math != AuditMath::Macro || !c.targeted || (c.p_value.is_none() && c.risk_limit_met.is_none()) {
        return None;
    }
    let excerpt = macro_missing(d, position, c, draws)?;
    Some(Finding {
        field: format!("contest {} p_value", position + 1),
        rule: RULE,
        severity: Severity::Block,
        start: 0,
        end: 0,
        excerpt,
        hint: "A batch-comparison audit's risk is recomputed from its published batch tallies and the batches the \
               seed draws; publish them, or withdraw the claim. This cannot be overridden."
            .into(),
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
    round_finding(position, None, c, check)
}

/// The blocking finding for a contest whose claim in `round` (when it has
/// several rounds; `c` is the contest as it stood at the end of that round)
/// the recomputation on the cumulative sample contradicts.
pub fn round_finding(position: usize, round: Option<u32>, c: &ContestDraft, check: &Check) -> Option<Finding> {
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
    let name = match round {
        Some(k) => format!("{}, round {k} (cumulative sample {})", c.name, c.sample_size.map(|n| n.get()).unwrap_or(0)),
        None => c.name.to_string(),
    };
    let excerpt = format!(
        "{name}: published p = {published_p}, risk limit {published_met}; recomputed from the numbers ({}) p = {}, \
         risk limit {recomputed_met}",
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
               Correct the numbers or the claim; a recomputation cannot be overridden."
            .into(),
    })
}

/// The blocking finding for a round drawn after the round before it met the
/// risk limit (by its claim or by the recomputation): an audit escalates only
/// after a round that misses. `before` is the contest at the end of the round
/// that met it.
pub fn escalation_finding(
    position: usize,
    before_round: u32,
    before: &ContestDraft,
    check: Option<&Check>,
) -> Option<Finding> {
    let claimed = before.risk_limit_met == Some(true);
    let recomputed = check.and_then(|k| k.risk_limit_met) == Some(true);
    if !claimed && !recomputed {
        return None;
    }
    let published_p = before.p_value.map(|p| shown(Some(p.get()))).unwrap_or_else(|| "not given".into());
    let excerpt = format!(
        "{}: round {before_round} already met the risk limit (published p = {published_p}, risk limit {}; \
         recomputed p = {}, risk limit {}), yet round {} was drawn",
        before.name,
        if claimed { "met" } else { "not claimed as met" },
        shown(check.and_then(|k| k.p_value)),
        if recomputed { "met" } else { "not met" },
        before_round + 1
    );
    Some(Finding {
        field: format!("contest {} p_value", position + 1),
        rule: ESCALATION_RULE,
        severity: Severity::Block,
        start: 0,
        end: 0,
        excerpt,
        hint: "A further round is drawn only when the round before it did not meet the risk limit. Correct the \
               rounds (the round that met the limit is the contest's last), or the claim; this cannot be overridden."
            .into(),
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
               readings. Import a reading for every sampled ballot, or correct the counts; this cannot be overridden."
            .into(),
    })
}
