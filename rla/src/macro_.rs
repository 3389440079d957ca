//! MACRO-style batch comparison audits, one contest at a time, as Arlo does
//! it (`votingworks/arlo` `server/audit_math/macro.py`): maximum relative
//! overstatement per batch (`u_p`), their sum `U`, Kaplan–Markov p-value over
//! the sampled batches (PPEB sampling, with replacement), and sample sizes.
//!
//! Arlo computes with Python `Decimal`; this module uses double-double
//! arithmetic.  Batch vote counts are `f64` because Arlo's own tests use
//! fractional counts.
//!
//! Not covered: Arlo's `is_subject_to_runoff` threshold pairs and combined
//! batches.

use crate::contest::Contest;
use crate::dd::Dd;
use crate::InputError;

/// Reported (or audited) votes of one batch for the contest.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchTally {
    /// Votes per candidate (missing candidates count 0).
    pub votes: Vec<(String, f64)>,
    /// Ballots in the batch (only needed for reported tallies).
    pub ballots: f64,
}

impl BatchTally {
    fn get(&self, name: &str) -> f64 {
        self.votes.iter().find(|(n, _)| n == name).map(|v| v.1).unwrap_or(0.0)
    }
}

/// One batch of the reported results: its name and its tally for the
/// contest (`None` when the contest is not on that batch's ballots).
#[derive(Clone, Debug, PartialEq)]
pub struct Batch {
    /// Batch name (unique).
    pub name: String,
    /// The contest's reported results in the batch.
    pub tally: Option<BatchTally>,
}

/// One sampled ticket: its ticket number (draws are processed in ticket
/// order, as strings) and the batch it selected.  A batch drawn twice
/// appears twice.
#[derive(Clone, Debug, PartialEq)]
pub struct Draw {
    /// Ticket number (compared as a string).
    pub ticket: String,
    /// Name of the sampled batch.
    pub batch: String,
}

/// Audited results of a sampled batch (`None`: the contest was not in the
/// audited results for that batch, which Arlo skips).
#[derive(Clone, Debug, PartialEq)]
pub struct AuditedBatch {
    /// Batch name.
    pub name: String,
    /// Audited votes per candidate.
    pub votes: Option<Vec<(String, f64)>>,
}

/// A batch comparison audit of one contest.
#[derive(Clone, Debug)]
pub struct MacroAudit<'a> {
    /// The contest (reported totals, winners, votes allowed).
    pub contest: &'a Contest,
    /// Ballots not yet tallied in the reported results (counted against the margin).
    pub pending_ballots: u64,
    /// Every batch's reported results.
    pub batches: &'a [Batch],
}

/// `None` stands for Decimal infinity.
type MaybeInf = Option<Dd>;

fn to_f64(x: MaybeInf) -> f64 {
    match x {
        Some(d) => d.to_f64(),
        None => f64::INFINITY,
    }
}

impl<'a> MacroAudit<'a> {
    /// Arlo's `compute_unauditable_ballots`: reported contest votes missing
    /// from the batch tallies, divided by votes allowed, rounded up.
    pub fn unauditable_ballots(&self) -> i64 {
        let from_batches: f64 = self
            .batches
            .iter()
            .filter_map(|b| b.tally.as_ref())
            .map(|t| self.contest.candidates.iter().map(|(c, _)| t.get(c)).sum::<f64>())
            .sum();
        let from_contest = self.contest.valid_votes() as f64;
        ((from_contest - from_batches) / self.contest.votes_allowed as f64).ceil() as i64
    }

    fn v_wl(&self, w: usize, l: usize, unauditable: i64) -> i128 {
        self.contest.votes(w) as i128
            - self.contest.votes(l) as i128
            - self.pending_ballots as i128
            - unauditable as i128
    }

    fn max_error_dd(&self, tally: Option<&BatchTally>, unauditable: i64) -> MaybeInf {
        let t = match tally {
            Some(t) => t,
            None => return Some(Dd::ZERO),
        };
        let mut error = Dd::ZERO;
        for &w in &self.contest.winners {
            for &l in &self.contest.losers {
                let v_wp = t.get(self.contest.name(w));
                let v_lp = t.get(self.contest.name(l));
                let v_wl = self.v_wl(w, l, unauditable);
                if v_wl <= 0 {
                    return None;
                }
                let u = (Dd::from_f64(v_wp) - Dd::from_f64(v_lp) + Dd::from_f64(t.ballots)) / Dd::from_f64(v_wl as f64);
                if u > error {
                    error = u;
                }
            }
        }
        Some(error)
    }

    /// Arlo's `compute_max_error` (`u_p`) for the named batch:
    /// max over pairs of `((v_w - v_l) + ballots) / V_wl`; `f64::INFINITY` when a
    /// margin is not positive; 0 when the contest is not in the batch.
    pub fn max_error(&self, batch: &str) -> Result<f64, InputError> {
        let b = self.find_batch(batch)?;
        Ok(to_f64(self.max_error_dd(b.tally.as_ref(), self.unauditable_ballots())))
    }

    fn find_batch(&self, name: &str) -> Result<&Batch, InputError> {
        self.batches
            .iter()
            .find(|b| b.name == name)
            .ok_or_else(|| InputError::new("batches", format!("no batch named '{name}'")))
    }

    fn u_dd(&self) -> MaybeInf {
        let unauditable = self.unauditable_ballots();
        let mut u = Dd::ZERO;
        for b in self.batches {
            u = u + self.max_error_dd(b.tally.as_ref(), unauditable)?;
        }
        Some(u)
    }

    /// Arlo's `compute_U`: the sum of every batch's maximum relative
    /// overstatement (`f64::INFINITY` for a tie).
    pub fn total_max_error(&self) -> f64 {
        to_f64(self.u_dd())
    }

    /// Arlo's `macro.compute_risk`: `(p_value, risk_limit_met)` for the draws
    /// so far.  Auditing every batch gives `(0, true)`.
    pub fn compute_risk(
        &self,
        risk_limit: f64,
        audited: &[AuditedBatch],
        draws: &[Draw],
    ) -> Result<(f64, bool), InputError> {
        let alpha = crate::bravo::alpha_from_risk_limit(risk_limit)?;
        let (p, _) = self.risk_dd(audited, draws)?;
        match p {
            RiskValue::FullCount => Ok((0.0, true)),
            RiskValue::NeedsFullCount => Ok((1.0, false)),
            RiskValue::Infinite => Ok((1.0, false)),
            RiskValue::Value(p) => Ok((p.to_f64().min(1.0), p <= alpha)),
        }
    }

    fn risk_dd(&self, audited: &[AuditedBatch], draws: &[Draw]) -> Result<(RiskValue, MaybeInf), InputError> {
        let mut names: Vec<&str> = audited.iter().map(|a| a.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        if names.len() != audited.len() {
            return Err(InputError::new("sample.audited", "a batch is listed twice"));
        }
        for a in audited {
            self.find_batch(&a.name)?;
        }
        if audited.len() == self.batches.len() {
            return Ok((RiskValue::FullCount, self.u_dd()));
        }
        let u = self.u_dd();
        let unauditable = self.unauditable_ballots();
        let mut order: Vec<&Draw> = draws.iter().collect();
        order.sort_by(|a, b| a.ticket.cmp(&b.ticket));
        let mut p = Dd::ONE;
        let mut infinite = false;
        for d in order {
            let a = audited.iter().find(|a| a.name == d.batch).ok_or_else(|| {
                InputError::new("sample.audited", format!("batch '{}' was drawn but has no audited results", d.batch))
            })?;
            let audited_votes = match &a.votes {
                Some(v) => v,
                None => continue,
            };
            let batch = self.find_batch(&d.batch)?;
            let reported = batch.tally.as_ref().ok_or_else(|| {
                InputError::new(
                    "sample.audited",
                    format!("batch '{}' has audited results but no reported results for the contest", d.batch),
                )
            })?;
            let audited_tally = BatchTally { votes: audited_votes.clone(), ballots: 0.0 };
            // compute_error: the largest weighted error over pairs
            let mut best: Option<(f64, MaybeInf)> = None;
            for &w in &self.contest.winners {
                for &l in &self.contest.losers {
                    let wn = self.contest.name(w);
                    let ln = self.contest.name(l);
                    let error = (reported.get(wn) - reported.get(ln)) - (audited_tally.get(wn) - audited_tally.get(ln));
                    if error == 0.0 {
                        continue;
                    }
                    let v_wl = self.v_wl(w, l, unauditable);
                    let weighted = if v_wl > 0 { Some(Dd::from_f64(error) / Dd::from_f64(v_wl as f64)) } else { None };
                    let better = match &best {
                        None => true,
                        Some((_, cur)) => gt_inf(weighted, *cur),
                    };
                    if better {
                        best = Some((error, weighted));
                    }
                }
            }
            let e_p: MaybeInf = match best {
                Some((counted, weighted)) if counted > 0.0 => weighted,
                _ => Some(Dd::ZERO),
            };
            let u_p = self.max_error_dd(Some(reported), unauditable);
            let (e_p, u_p) = match (e_p, u_p) {
                (Some(e), Some(up)) => (e, up),
                _ => return Ok((RiskValue::NeedsFullCount, u)),
            };
            if u_p.hi == 0.0 {
                return Err(InputError::new(
                    "batches",
                    format!("batch '{}' has no possible overstatement (u_p = 0)", d.batch),
                ));
            }
            let taint = e_p / u_p;
            if taint == Dd::ONE {
                infinite = true;
            } else if !infinite {
                let uu = match u {
                    Some(uu) => uu,
                    None => return Ok((RiskValue::NeedsFullCount, u)),
                };
                p = p * (Dd::ONE - Dd::ONE / uu) / (Dd::ONE - taint);
            }
        }
        if infinite {
            return Ok((RiskValue::Infinite, u));
        }
        Ok((RiskValue::Value(p), u))
    }

    /// Arlo's `macro.get_sample_sizes`: batches to draw next so that, with no
    /// further discrepancies, the risk limit would be met, plus one; 0 when
    /// already met; the number of batches for a tie.  Errors when every batch
    /// has already been audited.
    pub fn sample_size(&self, risk_limit: f64, audited: &[AuditedBatch], draws: &[Draw]) -> Result<u64, InputError> {
        let alpha = crate::bravo::alpha_from_risk_limit(risk_limit)?;
        if audited.len() == self.batches.len() {
            return Err(InputError::new("sample", "All ballots have already been counted!"));
        }
        let n_batches = self.batches.len() as u64;
        let u = match self.u_dd() {
            Some(u) => u,
            None => return Ok(n_batches),
        };
        let p_mult = Dd::ONE - Dd::ONE / u;
        if p_mult.hi <= 0.0 {
            return Err(InputError::new("batches", "the total possible overstatement U must be greater than 1"));
        }
        let (risk, met) = self.compute_risk(risk_limit, audited, draws)?;
        if met {
            return Ok(0);
        }
        let est = (alpha.ln() - Dd::from_f64(risk).ln()) / p_mult.ln();
        let retval = est.ceil_i128() + 1;
        Ok((retval.max(0) as u64).min(n_batches))
    }
}

fn gt_inf(a: MaybeInf, b: MaybeInf) -> bool {
    match (a, b) {
        (None, None) => false,
        (None, Some(_)) => true,
        (Some(_), None) => false,
        (Some(x), Some(y)) => x > y,
    }
}

enum RiskValue {
    FullCount,
    NeedsFullCount,
    Infinite,
    Value(Dd),
}
