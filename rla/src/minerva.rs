//! Minerva ballot-polling audits as Arlo runs them through the `athena`
//! package (`votingworks/arlo` `server/audit_math/minerva.py`, athena
//! `code/athena/athena.py` and `audit.py` at 9e07d15).
//!
//! For each winner–loser pair, only ballots for the two candidates count
//! ("relevant" ballots); the pairwise margin is `(v_w - v_l) / (v_w + v_l)`.
//! Round `r`'s risk is the ratio of the tail probabilities, at the winner's
//! observed cumulative count, of the tie (p = 1/2) and reported-margin
//! distributions, where distributions of earlier rounds are truncated at
//! athena's `kmin` (the smallest winner count that would have stopped the
//! audit).  A pair whose `kmin` was reached drops out of later rounds; the
//! contest's risk is the largest pair risk of the last round.

use crate::contest::Contest;
use crate::stats::{binom_pmf_dist, normal_isf, Dist};
use crate::InputError;

/// Why a Minerva computation failed (athena's `ValueError`s, or bad input).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MinervaError {
    /// athena: "Incorrect reported winners" (a tie at the winners' boundary).
    IncorrectReportedWinners,
    /// athena: "Margin needs to be different than 0 or 1" (a pair with a
    /// candidate at zero votes, or a tie).
    DegenerateMargin,
    /// athena: "Incorrect number of valid ballots entered" (more votes
    /// observed than the round size).
    IncorrectValidBallots,
    /// athena: "Audit already completed" (observations given after every
    /// pair met its stopping condition).
    AuditAlreadyCompleted,
    /// Bad input.
    Input(InputError),
}

impl std::fmt::Display for MinervaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MinervaError::IncorrectReportedWinners => write!(f, "Incorrect reported winners"),
            MinervaError::DegenerateMargin => {
                write!(f, "Margin needs to be different than 0 or 1")
            }
            MinervaError::IncorrectValidBallots => {
                write!(f, "Incorrect number of valid ballots entered")
            }
            MinervaError::AuditAlreadyCompleted => write!(f, "Audit already completed"),
            MinervaError::Input(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for MinervaError {}

impl From<InputError> for MinervaError {
    fn from(e: InputError) -> Self {
        MinervaError::Input(e)
    }
}

/// One round of a Minerva audit: the round size (ballots drawn in the
/// round) and the votes observed in the round per candidate (by name).
#[derive(Clone, Debug, PartialEq)]
pub struct Round<'a> {
    /// Ballots drawn in this round (not cumulative).
    pub size: u64,
    /// Votes found in this round's ballots (not cumulative).
    pub votes: Vec<(&'a str, u64)>,
}

/// Result of [`compute_risk`].
#[derive(Clone, Debug, PartialEq)]
pub struct MinervaRisk {
    /// `min(risk, 1)` after the last round.
    pub p_value: f64,
    /// `p_value <= alpha`.
    pub risk_limit_met: bool,
}

/// Largest cumulative number of sampled ballots for a winner–loser pair that
/// [`compute_risk`] accepts (the work grows with its square).
pub const MAX_RELEVANT_BALLOTS: u64 = 2_000_000;

struct Athena {
    alpha: f64,
}

struct KminResult {
    kmin: Option<usize>,
    prob_stop: f64,
}

/// Python-style sum of `table[start:end]` (negative `start` wraps).
fn py_slice_sum(t: &Dist, start: i64, end: i64) -> f64 {
    let len = t.len as i64;
    let norm = |i: i64| -> i64 {
        if i < 0 {
            (i + len).max(0)
        } else {
            i.min(len)
        }
    };
    let s = norm(start);
    let e = norm(end);
    if s >= e {
        0.0
    } else {
        t.range_sum(s as usize, e as usize)
    }
}

impl Athena {
    fn wald_k_min(&self, n: u64, margin: f64) -> Result<i64, MinervaError> {
        if margin > 0.0 && margin < 1.0 {
            let v = ((n as f64) * (1.0 - margin).ln() + self.alpha.ln()) / ((1.0 - margin).ln() - (1.0 + margin).ln());
            Ok(v.ceil() as i64)
        } else {
            Err(MinervaError::DegenerateMargin)
        }
    }

    /// Tables at the end of the round whose cumulative size is `n`,
    /// starting from the (truncated) tables of the previous round.
    fn next_tables(margin: f64, prev_n: u64, n: u64, prev_m: &Dist, prev_t: &Dist) -> (Dist, Dist) {
        let p = (1.0 + margin) / 2.0;
        let dm = binom_pmf_dist(n - prev_n, p);
        let dt = binom_pmf_dist(n - prev_n, 0.5);
        if prev_m.len == 1 {
            (dm, dt)
        } else {
            (prev_m.convolve(&dm), prev_t.convolve(&dt))
        }
    }

    /// athena `find_next_round_kmin` (Minerva: `alpha * tail_m(k) >= tail_t(k)`),
    /// given the round's tables.
    fn find_kmin(&self, margin: f64, n: u64, tm: &Dist, tt: &Dist) -> Result<KminResult, MinervaError> {
        let bkm = self.wald_k_min(n, margin)?;
        let n_i = n as i64;
        let mut right = bkm.min(n_i);
        let mut left = n_i / 2;
        let mut mid = (right + left).div_euclid(2);
        let mut first_right = right;
        let mut right_sum = py_slice_sum(tm, first_right, i64::MAX);
        let mut right_sum_tied = py_slice_sum(tt, first_right, i64::MAX);
        let alpha = self.alpha;
        let check = |k: i64, first_right: i64, right_sum: f64, right_sum_tied: f64| -> bool {
            alpha * (py_slice_sum(tm, k, first_right) + right_sum) >= py_slice_sum(tt, k, first_right) + right_sum_tied
        };
        let mut kmin: Option<i64> = None;
        let mut guard = 0u32;
        while right >= left {
            guard += 1;
            if guard > 10_000 {
                break;
            }
            let check_mid = check(mid, first_right, right_sum, right_sum_tied);
            if check_mid {
                let check_kmin = check(mid - 1, first_right, right_sum, right_sum_tied);
                if !check_kmin {
                    kmin = Some(mid);
                    left = right + 1;
                } else {
                    if right - left > 20 {
                        right_sum_tied += py_slice_sum(tt, mid, first_right);
                        right_sum += py_slice_sum(tm, mid, first_right);
                        first_right = mid;
                    }
                    right = mid;
                    mid = (left + right).div_euclid(2);
                }
            } else {
                left = mid + 1;
                mid = (left + right).div_euclid(2);
            }
        }
        match kmin {
            Some(k) if k >= 0 => Ok(KminResult { kmin: Some(k as usize), prob_stop: py_slice_sum(tm, k, i64::MAX) }),
            _ => Ok(KminResult { kmin: None, prob_stop: 0.0 }),
        }
    }

    /// athena `audit`: kmins for each round of the cumulative schedule (0 = none).
    fn kmins(&self, margin: f64, schedule: &[u64]) -> Result<Vec<usize>, MinervaError> {
        let mut prev_m = Dist::point(1, 0);
        let mut prev_t = Dist::point(1, 0);
        let mut prev_n = 0u64;
        let mut out = Vec::new();
        for &n in schedule {
            if n < prev_n {
                return Err(InputError::new("rounds", "cumulative round sizes must not decrease").into());
            }
            let (mut tm, mut tt) = Self::next_tables(margin, prev_n, n, &prev_m, &prev_t);
            let r = self.find_kmin(margin, n, &tm, &tt)?;
            match r.kmin {
                Some(k) => {
                    out.push(k);
                    tm.truncate_from(k);
                    tt.truncate_from(k);
                }
                None => out.push(0),
            }
            prev_m = tm;
            prev_t = tt;
            prev_n = n;
        }
        Ok(out)
    }

    /// athena `estimate_risk`: the `audit_ratio` of each round.
    fn risks(&self, margin: f64, kmins: &[usize], schedule: &[u64], obs_w: &[u64]) -> Vec<f64> {
        let rounds = schedule.len().min(obs_w.len());
        let mut prev_m = Dist::point(1, 0);
        let mut prev_t = Dist::point(1, 0);
        let mut prev_n = 0u64;
        let mut out = Vec::new();
        for r in 0..rounds {
            let n = schedule[r];
            let (mut tm, mut tt) = Self::next_tables(margin, prev_n, n, &prev_m, &prev_t);
            let k = kmins.get(r).copied().unwrap_or(0);
            let o = obs_w[r] as usize;
            let sm = tm.range_sum(o, tm.len);
            let st = tt.range_sum(o, tt.len);
            let ratio = if sm > 0.0 {
                st / sm
            } else if k > 0 && k < o {
                0.0
            } else {
                f64::INFINITY
            };
            out.push(ratio);
            if k > 0 {
                tm.truncate_from(k);
                tt.truncate_from(k);
            }
            prev_m = tm;
            prev_t = tt;
            prev_n = n;
        }
        out
    }

    fn stopping_probability_first_round(&self, margin: f64, n: u64) -> Result<f64, MinervaError> {
        let p = (1.0 + margin) / 2.0;
        let tm = binom_pmf_dist(n, p);
        let tt = binom_pmf_dist(n, 0.5);
        Ok(self.find_kmin(margin, n, &tm, &tt)?.prob_stop)
    }

    fn round_size_approx(&self, margin: f64, quant: f64) -> u64 {
        let z_a = normal_isf(quant);
        let z_b = normal_isf(self.alpha * quant);
        let p = (1.0 + margin) / 2.0;
        (((z_a * (p * (1.0 - p)).sqrt() - 0.5 * z_b) / (p - 0.5)).powi(2)).ceil() as u64
    }

    /// athena `find_next_round_size` for the first round.
    fn first_round_size(&self, margin: f64, quant: f64) -> Result<u64, MinervaError> {
        let approximation_threshold = 0.015;
        if margin < approximation_threshold {
            // athena also calls wald_k_min nowhere on this path
            return Ok(self.round_size_approx(margin, quant));
        }
        let mut round_max: u64 = 10_000;
        loop {
            let sp = self.stopping_probability_first_round(margin, round_max)?;
            if sp < quant {
                round_max *= 2;
                if round_max > (1u64 << 36) {
                    return Err(InputError::new("reported", "Minerva round size search did not converge").into());
                }
            } else {
                break;
            }
        }
        let mut round_min: u64 = 1;
        let candidate;
        loop {
            let cand = (round_max + round_min) / 2;
            let sp = self.stopping_probability_first_round(margin, cand)?;
            if round_max - round_min <= 1 {
                candidate = round_max;
                break;
            }
            if sp <= quant {
                round_min = cand;
            } else {
                round_max = cand;
            }
        }
        Ok(candidate)
    }
}

/// athena's declared winners (every candidate with at least the
/// `num_winners`-th largest tally), checked against Arlo's winners.
fn athena_pairs(contest: &Contest) -> Result<Vec<(usize, usize)>, MinervaError> {
    let mut votes: Vec<u64> = contest.candidates.iter().map(|c| c.1).collect();
    votes.sort_unstable_by(|a, b| b.cmp(a));
    let nw = contest.num_winners.min(votes.len());
    if nw == 0 {
        return Err(MinervaError::IncorrectReportedWinners);
    }
    let min_to_win = votes[nw - 1];
    let declared_w: Vec<usize> = (0..contest.candidates.len()).filter(|&i| contest.votes(i) >= min_to_win).collect();
    let declared_l: Vec<usize> = (0..contest.candidates.len()).filter(|&i| contest.votes(i) < min_to_win).collect();
    let mut a: Vec<usize> = declared_w.clone();
    a.sort_unstable();
    let mut b: Vec<usize> = contest.winners.clone();
    b.sort_unstable();
    if a != b {
        return Err(MinervaError::IncorrectReportedWinners);
    }
    let mut pairs = Vec::new();
    for &w in &declared_w {
        for &l in &declared_l {
            pairs.push((w, l));
        }
    }
    Ok(pairs)
}

fn pair_margin(contest: &Contest, i: usize, j: usize) -> (f64, usize, u64) {
    let bi = contest.votes(i);
    let bj = contest.votes(j);
    let bc = bi + bj;
    let winner = bi.max(bj);
    let winner_pos = if winner == bi { i } else { j };
    let margin = (2 * winner as i64 - bc as i64) as f64 / bc as f64;
    (margin, winner_pos, bc)
}

/// Minerva risk after one or more rounds (Arlo's `minerva.compute_risk`).
///
/// `risk_limit` is a percentage.  Each round gives its own (not cumulative)
/// size and votes.
pub fn compute_risk(risk_limit: f64, contest: &Contest, rounds: &[Round<'_>]) -> Result<MinervaRisk, MinervaError> {
    if !risk_limit.is_finite() || risk_limit <= 0.0 || risk_limit >= 100.0 {
        return Err(InputError::new("risk_limit", "must be a percentage above 0 and below 100").into());
    }
    let alpha = risk_limit / 100.0;
    if rounds.is_empty() {
        return Err(InputError::new("sample", "give at least one round").into());
    }
    let mut pairs = athena_pairs(contest)?;
    let athena = Athena { alpha };
    let ncand = contest.candidates.len();
    let mut cumulative: Vec<Vec<u64>> = vec![Vec::new(); ncand];
    let mut last_risk = f64::NAN;
    let mut completed = false;
    for round in rounds {
        if completed {
            return Err(MinervaError::AuditAlreadyCompleted);
        }
        let obs = contest.align_tally("sample.audited", &round.votes)?;
        let total: u128 = obs.iter().map(|&x| x as u128).sum();
        if total > round.size as u128 {
            return Err(MinervaError::IncorrectValidBallots);
        }
        for (i, c) in cumulative.iter_mut().enumerate() {
            let prev = c.last().copied().unwrap_or(0);
            c.push(prev.saturating_add(obs[i]));
        }
        for &(i, j) in &pairs {
            let relevant =
                cumulative[i].last().copied().unwrap_or(0).saturating_add(cumulative[j].last().copied().unwrap_or(0));
            if relevant > MAX_RELEVANT_BALLOTS {
                return Err(InputError::new(
                    "sample",
                    format!(
                        "too large for the Minerva computation (at most {MAX_RELEVANT_BALLOTS} ballots for a winner-loser pair)"
                    ),
                )
                .into());
            }
        }
        let mut risks = Vec::new();
        let mut next_pairs = Vec::new();
        let mut all_passed = true;
        for &(i, j) in &pairs {
            let (margin, winner_pos, _) = pair_margin(contest, i, j);
            let schedule: Vec<u64> = cumulative[i].iter().zip(cumulative[j].iter()).map(|(a, b)| a + b).collect();
            let kmins = athena.kmins(margin, &schedule)?;
            let obs_w = &cumulative[winner_pos];
            let passed = kmins.iter().zip(obs_w.iter()).any(|(&k, &o)| k > 0 && (k as u64) <= o);
            if !passed {
                all_passed = false;
                next_pairs.push((i, j));
            }
            let r = athena.risks(margin, &kmins, &schedule, obs_w);
            risks.push(r.last().copied().unwrap_or(f64::INFINITY));
        }
        last_risk = risks.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        pairs = next_pairs;
        completed = all_passed;
    }
    let p = last_risk.min(1.0);
    Ok(MinervaRisk { p_value: p, risk_limit_met: p <= alpha })
}

/// First-round Minerva sample sizes for stopping probabilities
/// 0.7, 0.8 and 0.9 (Arlo's `minerva.get_sample_size` with no sample):
/// `[-1; 3]` without losers, the contest's ballots for a tie at the
/// winners' boundary, and 4 for a contest athena rejects as degenerate
/// (a loser at zero votes).
pub fn first_round_sample_sizes(risk_limit: f64, contest: &Contest) -> Result<[i64; 3], MinervaError> {
    if !risk_limit.is_finite() || risk_limit <= 0.0 || risk_limit >= 100.0 {
        return Err(InputError::new("risk_limit", "must be a percentage above 0 and below 100").into());
    }
    let quants = [0.7, 0.8, 0.9];
    if contest.losers.is_empty() {
        return Ok([-1; 3]);
    }
    let pairs = match athena_pairs(contest) {
        Ok(p) => p,
        Err(MinervaError::IncorrectReportedWinners) => {
            let b = contest.ballots as i64;
            return Ok([b; 3]);
        }
        Err(e) => return Err(e),
    };
    let athena = Athena { alpha: risk_limit / 100.0 };
    let mut sizes = [0i64; 3];
    for &(i, j) in &pairs {
        let (margin, _, bc) = pair_margin(contest, i, j);
        let scaling_ratio = contest.ballots as f64 / bc as f64;
        for (k, &q) in quants.iter().enumerate() {
            let n = match athena.first_round_size(margin, q) {
                Ok(n) => n,
                Err(MinervaError::DegenerateMargin) => return Ok([4; 3]),
                Err(e) => return Err(e),
            };
            let rescaled = (n as f64 * scaling_ratio).ceil() as i64;
            sizes[k] = sizes[k].max(rescaled);
        }
    }
    Ok(sizes)
}

/// Arlo's later-round Minerva size: `int(first_round_size * 1.5^(rounds_so_far + 1))`
/// (`MINERVA_MULTIPLE` = 1.5, Arlo's default).
pub fn next_round_size(first_round_size: u64, rounds_so_far: u32) -> u64 {
    (first_round_size as f64 * 1.5f64.powi(rounds_so_far as i32 + 1)) as u64
}
