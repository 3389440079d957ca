//! BRAVO ballot-polling audits with Arlo's conventions
//! (`votingworks/arlo` `server/audit_math/bravo.py`).
//!
//! * every winner–loser pair is tested; the audit stops when every pair's
//!   p-value is at most the risk limit;
//! * `p_w` / `p_l` are shares of **all ballots cast**, `swl = s_w / (s_w + s_l)`
//!   uses shares of valid votes;
//! * the parts Arlo computes with Python `Decimal` are computed here in
//!   double-double arithmetic (see the crate docs), so integer-rounding
//!   edge cases come out as in Arlo.

use crate::contest::Contest;
use crate::dd::Dd;
use crate::stats::{binom_ppf, normal_cdf, normal_ppf, py_round};
use crate::InputError;

/// Why a BRAVO sample size cannot be computed (Arlo's `ValueError`s).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BravoError {
    /// "Cannot compute ASN for a tied contest"
    Tied,
    /// "Cannot compute ASN for a contest with no losers" /
    /// "Contest must have candidates who did not win!"
    NoLosers,
    /// "Sample indicates the audit is over"
    AuditOver,
    /// "All ballots have already been audited!"
    AllBallotsAudited,
    /// Bad input (risk limit out of range, unknown candidate, ...).
    Input(InputError),
}

impl std::fmt::Display for BravoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BravoError::Tied => write!(f, "Cannot compute ASN for a tied contest"),
            BravoError::NoLosers => write!(f, "Cannot compute ASN for a contest with no losers"),
            BravoError::AuditOver => write!(f, "Sample indicates the audit is over"),
            BravoError::AllBallotsAudited => write!(f, "All ballots have already been audited!"),
            BravoError::Input(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for BravoError {}

impl From<InputError> for BravoError {
    fn from(e: InputError) -> Self {
        BravoError::Input(e)
    }
}

/// The p-value of one winner–loser pair.
#[derive(Clone, Debug, PartialEq)]
pub struct PairRisk {
    /// Winner's name.
    pub winner: String,
    /// Loser's name.
    pub loser: String,
    /// `min(1/T, 1)` where `T` is the pair's BRAVO test statistic.
    pub p_value: f64,
}

/// Result of [`compute_risk`].
#[derive(Clone, Debug, PartialEq)]
pub struct RiskResult {
    /// One entry per winner–loser pair, winners and losers in descending vote order.
    pub pairs: Vec<PairRisk>,
    /// Largest pair p-value (the contest's p-value).
    pub p_value: f64,
    /// True when every pair's p-value is at most the risk limit (Arlo's "finished").
    pub risk_limit_met: bool,
}

/// Average sample number with Arlo's probability of completing in one round.
#[derive(Clone, Debug, PartialEq)]
pub struct Asn {
    /// Expected number of ballots.
    pub size: u64,
    /// Chance of finishing in one round at that size (rounded to 2 decimals,
    /// `None` for multi-winner contests).
    pub prob: Option<f64>,
}

/// Sample-size options as Arlo's `bravo.get_sample_size` returns them.
#[derive(Clone, Debug, PartialEq)]
pub enum SampleSizeOptions {
    /// Audit every ballot (tie, zero risk limit, or a large election where the
    /// 90% option is at least a quarter of the ballots).
    AllBallots(u64),
    /// The ASN and, for single-winner contests, the sizes giving a 70%, 80%
    /// and 90% chance of finishing in one round.
    Options {
        /// Average sample number option.
        asn: Asn,
        /// `(probability, size)` pairs for 0.7, 0.8, 0.9 (omitted when 0).
        quantiles: Vec<(f64, u64)>,
    },
}

/// `alpha = Decimal(risk_limit) / 100`, validated to `0 <= alpha < 1`.
pub(crate) fn alpha_from_risk_limit(risk_limit: f64) -> Result<Dd, InputError> {
    if !risk_limit.is_finite() || !(0.0..100.0).contains(&risk_limit) {
        return Err(InputError::new("risk_limit", "must be a percentage at least 0 and below 100"));
    }
    Ok(Dd::from_f64(risk_limit) / Dd::from_f64(100.0))
}

/// ln of Arlo's test statistic `T` for each (winner, loser) pair, in Arlo's
/// pair order.  `None` means `T == 0`.
fn log_test_statistics(contest: &Contest, sample: &[u64]) -> Vec<(usize, usize, Option<Dd>)> {
    let mut out = Vec::new();
    for &w in &contest.winners {
        for &l in &contest.losers {
            let swl = contest.swl(w, l);
            let mut ln_t = Dd::ZERO;
            let mut zero = false;
            let vw = sample[w];
            if vw > 0 {
                // Decimal(swl / 0.5) ** votes
                let f = Dd::from_f64(swl / 0.5);
                if f.hi == 0.0 {
                    zero = true;
                } else {
                    ln_t = ln_t + f.ln() * Dd::from_u64(vw);
                }
            }
            let vl = sample[l];
            if vl > 0 {
                let f = Dd::from_f64((1.0 - swl) / 0.5);
                if f.hi == 0.0 {
                    zero = true;
                } else {
                    ln_t = ln_t + f.ln() * Dd::from_u64(vl);
                }
            }
            out.push((w, l, if zero { None } else { Some(ln_t) }));
        }
    }
    out
}

/// BRAVO p-values of a cumulative sample (audited votes per candidate, by
/// name; missing candidates count 0), like Arlo's `bravo.compute_risk`.
///
/// A full hand count (audited votes adding up to at least the ballots cast)
/// gives p = 0 for every pair, as in Arlo.
pub fn compute_risk(risk_limit: f64, contest: &Contest, sample: &[(&str, u64)]) -> Result<RiskResult, InputError> {
    let aligned = contest.align_tally("sample", sample)?;
    compute_risk_aligned(risk_limit, contest, &aligned)
}

/// Like [`compute_risk`], after adding `not_found` ballots to every loser's
/// audited votes (Arlo's `ballot_polling.compute_risk` treatment of sampled
/// ballots that could not be found).
pub fn compute_risk_with_not_found(
    risk_limit: f64,
    contest: &Contest,
    sample: &[(&str, u64)],
    not_found: u64,
) -> Result<RiskResult, InputError> {
    let mut aligned = contest.align_tally("sample", sample)?;
    for &l in &contest.losers {
        aligned[l] += not_found;
    }
    compute_risk_aligned(risk_limit, contest, &aligned)
}

pub(crate) fn compute_risk_aligned(
    risk_limit: f64,
    contest: &Contest,
    sample: &[u64],
) -> Result<RiskResult, InputError> {
    let alpha = alpha_from_risk_limit(risk_limit)?;
    if contest.losers.is_empty() {
        return Err(InputError::new("winners", "the contest has no losers, so there is nothing to test"));
    }
    let stats = log_test_statistics(contest, sample);
    let total: u128 = sample.iter().map(|&v| v as u128).sum();
    let mut pairs = Vec::new();
    if total >= contest.ballots as u128 {
        for (w, l, _) in &stats {
            pairs.push(PairRisk {
                winner: contest.name(*w).to_string(),
                loser: contest.name(*l).to_string(),
                p_value: 0.0,
            });
        }
        return Ok(RiskResult { pairs, p_value: 0.0, risk_limit_met: true });
    }
    let mut finished = true;
    let mut max_p = 0.0f64;
    for (w, l, ln_t) in stats {
        // raw = 1 / T if T > 0 else 1
        let raw = match ln_t {
            Some(lt) => (-lt).exp(),
            None => Dd::ONE,
        };
        let p = raw.to_f64().min(1.0);
        if raw > alpha {
            finished = false;
        }
        max_p = max_p.max(p);
        pairs.push(PairRisk { winner: contest.name(w).to_string(), loser: contest.name(l).to_string(), p_value: p });
    }
    Ok(RiskResult { pairs, p_value: max_p, risk_limit_met: finished })
}

/// True when the smallest winner share equals the largest loser share (Arlo's `is_tie`).
pub fn is_tie(contest: &Contest) -> bool {
    if contest.losers.is_empty() {
        return false;
    }
    let min_w = contest.winners.iter().map(|&i| contest.shares(i).p).fold(f64::INFINITY, f64::min);
    let max_l = contest.losers.iter().map(|&i| contest.shares(i).p).fold(f64::NEG_INFINITY, f64::max);
    min_w == max_l
}

/// True when every loser has zero votes (Arlo's `is_landslide`).
pub fn is_landslide(contest: &Contest) -> bool {
    if contest.losers.is_empty() {
        return false;
    }
    contest.losers.iter().all(|&i| contest.votes(i) == 0)
}

/// Arlo's `get_expected_sample_size`: the BRAVO average sample number given
/// a cumulative sample (by name; use an empty slice before the first round).
pub fn expected_sample_size(alpha: f64, contest: &Contest, sample: &[(&str, u64)]) -> Result<Asn, BravoError> {
    let aligned = contest.align_tally("sample", sample)?;
    expected_sample_size_dd(Dd::from_f64(alpha), contest, &aligned)
}

pub(crate) fn expected_sample_size_dd(alpha: Dd, contest: &Contest, sample: &[u64]) -> Result<Asn, BravoError> {
    if is_tie(contest) {
        return Err(BravoError::Tied);
    }
    if contest.losers.is_empty() {
        return Err(BravoError::NoLosers);
    }
    let stats = log_test_statistics(contest, sample);
    let mut sample_size: i128 = 0;
    let mut best: Option<(Dd, Dd, u64, u64)> = None;
    for (w, l, ln_t) in stats {
        let p_w = Dd::from_f64(contest.shares(w).p);
        let p_l = Dd::from_f64(contest.shares(l).p);
        if p_l.hi == 0.0 {
            continue;
        }
        // weighted_alpha = (1 / alpha) / T ; we need ln(weighted_alpha)
        let ln_wa = match ln_t {
            Some(lt) => (Dd::ONE / alpha).ln() - lt,
            // T == 0: Decimal division by zero in Arlo; treat as +infinity
            None => Dd::from_f64(f64::INFINITY),
        };
        let s_w = p_w / (p_w + p_l);
        let z_w = (Dd::from_f64(2.0) * s_w).ln();
        let z_l = (Dd::from_f64(2.0) - Dd::from_f64(2.0) * s_w).ln();
        let x = (ln_wa + z_w / Dd::from_f64(2.0)) / (p_w * z_w + p_l * z_l);
        if !x.is_finite() {
            continue;
        }
        let possible = x.ceil_i128();
        if possible > sample_size {
            sample_size = possible;
            best = Some((p_w, p_l, sample[w], sample[l]));
        }
    }
    if sample_size <= 0 {
        return Err(BravoError::AuditOver);
    }
    let prob = match best {
        Some((p_w, p_l, sw, sl)) if contest.winners.len() == 1 => {
            Some(expected_prob_dd(alpha, p_w, p_l, sw, sl, sample_size as u64))
        }
        _ => None,
    };
    Ok(Asn { size: sample_size as u64, prob })
}

/// Mark Lindeman's analytic BRAVO round size (Arlo's `bravo_sample_sizes`):
/// the sample giving chance `p_completion` of finishing in one round, for a
/// winner with share `p_w` of ballots and runner-up `p_r`, after `sample_w`
/// and `sample_r` votes for them were already sampled.
///
/// `p_w` and `p_r` are taken as the exact binary values of the doubles given
/// (Arlo passes `Decimal(float)`), which matters: for `p_w = 0.36`,
/// `p_r = 0.32`, `p_completion = 0.6` the final `ceil(1683 / (p_w + p_r))`
/// is 2476, not the 2475 that `f64` division gives.
pub fn bravo_sample_sizes(
    alpha: f64,
    p_w: f64,
    p_r: f64,
    sample_w: u64,
    sample_r: u64,
    p_completion: f64,
    total_ballots: u64,
) -> u64 {
    bravo_sample_sizes_dd(
        Dd::from_f64(alpha),
        Dd::from_f64(p_w),
        Dd::from_f64(p_r),
        sample_w,
        sample_r,
        p_completion,
        total_ballots,
    )
}

fn bravo_sample_sizes_dd(
    alpha: Dd,
    p_w: Dd,
    p_r: Dd,
    sample_w: u64,
    sample_r: u64,
    p_completion: f64,
    total_ballots: u64,
) -> u64 {
    let half = Dd::from_f64(0.5);
    let p_wr = p_w + p_r;
    let p_w2 = p_w / p_wr;
    let p_r2 = Dd::ONE - p_w2;
    let plus = (p_w2 / half).ln();
    let minus = (p_r2 / half).ln();
    let threshold = (Dd::ONE / alpha).ln() - (Dd::from_u64(sample_w) * plus + Dd::from_u64(sample_r) * minus);
    if threshold.hi <= 0.0 {
        return 0;
    }
    let z = -normal_ppf(p_completion);
    let d = p_w2 * p_r2;
    let f = threshold / (plus - minus);
    let g = minus / (plus - minus) + p_w2;
    let q_a = g * g;
    let zd = Dd::from_f64(z);
    let q_b = -(zd * zd * d + Dd::from_f64(2.0) * f * g);
    let q_c = f * f;
    let radical = Dd::ZERO.max(q_b * q_b - Dd::from_f64(4.0) * q_a * q_c).sqrt();
    let root = if p_completion > 0.5 {
        (-q_b + radical) / (Dd::from_f64(2.0) * q_a)
    } else {
        (-q_b - radical) / (Dd::from_f64(2.0) * q_a)
    };
    let mut size: i128 = root.floor_i128().max(0);
    let p_w2_f = p_w2.to_f64();
    let q = 1.0 - p_completion;
    let mut test_stat = Dd::ZERO;
    let mut iterations: u64 = 0;
    while test_stat.is_nan() || (test_stat < threshold && size < total_ballots as i128) {
        let x_c = Dd::from_f64(binom_ppf(q, size as u64, p_w2_f));
        test_stat = x_c * plus + (Dd::from_u64(size as u64) - x_c) * minus;
        if test_stat.is_nan() || test_stat < threshold {
            size += 1;
        }
        iterations += 1;
        if iterations > 10_000_000 {
            break;
        }
    }
    // size_adj = ceil(size / p_wr)
    let adj = (Dd::from_u64(size as u64) / p_wr).ceil_i128();
    adj.max(0) as u64
}

/// Arlo's `expected_prob`: chance of finishing in one round with `asn`
/// ballots (normal approximation), rounded to 2 decimals like Python's `round`.
pub fn expected_prob(alpha: f64, p_w: f64, p_r: f64, sample_w: u64, sample_r: u64, asn: u64) -> f64 {
    expected_prob_dd(Dd::from_f64(alpha), Dd::from_f64(p_w), Dd::from_f64(p_r), sample_w, sample_r, asn)
}

fn expected_prob_dd(alpha: Dd, p_w: Dd, p_r: Dd, sample_w: u64, sample_r: u64, asn: u64) -> f64 {
    let half = Dd::from_f64(0.5);
    let p_wr = p_w + p_r;
    let p_w2 = p_w / p_wr;
    let p_r2 = Dd::ONE - p_w2;
    let plus = (p_w2 / half).ln();
    let minus = (p_r2 / half).ln();
    let threshold = (Dd::ONE / alpha).ln() - (Dd::from_u64(sample_w) * plus + Dd::from_u64(sample_r) * minus);
    if threshold.hi <= 0.0 {
        return 0.0;
    }
    let n = Dd::from_u64(asn) * p_wr;
    let r_x = (threshold - minus * n) / (plus - minus);
    let z = (r_x - n * p_w2) / (n * p_w2 * p_r2).sqrt();
    py_round(normal_cdf(-z.to_f64()), 2)
}

/// Arlo's `bravo.get_sample_size`: sample-size options for the next round.
///
/// `sample` is the cumulative audited tally so far (by name, `None` before
/// the first round) and `num_sampled` the total of earlier round sizes
/// (`None` before the first round).
pub fn get_sample_size(
    risk_limit: f64,
    contest: &Contest,
    sample: Option<&[(&str, u64)]>,
    num_sampled: Option<u64>,
) -> Result<SampleSizeOptions, BravoError> {
    let alpha = alpha_from_risk_limit(risk_limit)?;
    if alpha.hi == 0.0 {
        return Ok(SampleSizeOptions::AllBallots(contest.ballots));
    }
    if let Some(n) = num_sampled {
        if n > 0 && n >= contest.ballots {
            return Err(BravoError::AllBallotsAudited);
        }
    }
    if contest.losers.is_empty() {
        return Err(BravoError::NoLosers);
    }
    if is_tie(contest) {
        return Ok(SampleSizeOptions::AllBallots(contest.ballots));
    }
    if is_landslide(contest) {
        return Ok(SampleSizeOptions::Options { asn: Asn { size: 1, prob: Some(1.0) }, quantiles: Vec::new() });
    }
    let cumulative = match sample {
        Some(s) => contest.align_tally("sample", s)?,
        None => vec![0; contest.candidates.len()],
    };
    let asn = expected_sample_size_dd(alpha, contest, &cumulative)?;
    if contest.winners.len() != 1 {
        return Ok(SampleSizeOptions::Options { asn, quantiles: Vec::new() });
    }
    let mut quantiles = Vec::new();
    for quant in [0.7, 0.8, 0.9] {
        let mut size = 0u64;
        for &w in &contest.winners {
            for &l in &contest.losers {
                let p_w = contest.shares(w).p;
                let p_l = contest.shares(l).p;
                if p_l == 0.0 {
                    continue;
                }
                let s = bravo_sample_sizes_dd(
                    alpha,
                    Dd::from_f64(p_w),
                    Dd::from_f64(p_l),
                    cumulative[w],
                    cumulative[l],
                    quant,
                    contest.ballots,
                );
                size = size.max(s);
            }
        }
        if size != 0 {
            quantiles.push((quant, size));
        }
    }
    let large_election_threshold = 100_000u64;
    let all_ballots_threshold = contest.ballots as f64 * 0.25;
    if contest.ballots > large_election_threshold {
        if let Some(&(_, s90)) = quantiles.iter().find(|(q, _)| *q == 0.9) {
            if s90 as f64 >= all_ballots_threshold {
                return Ok(SampleSizeOptions::AllBallots(contest.ballots));
            }
        }
    }
    Ok(SampleSizeOptions::Options { asn, quantiles })
}

/// The first-round average sample number (no sample yet) at a risk limit in
/// percent; `Ok(None)` for a tie.  A landslide (every loser at zero votes)
/// gives 1, as Arlo's `get_sample_size` does.
pub fn first_round_asn(risk_limit: f64, contest: &Contest) -> Result<Option<u64>, InputError> {
    let alpha = alpha_from_risk_limit(risk_limit)?;
    if alpha.hi == 0.0 {
        return Ok(Some(contest.ballots));
    }
    if contest.losers.is_empty() {
        return Err(InputError::new("winners", "the contest has no losers, so there is nothing to test"));
    }
    if is_tie(contest) {
        return Ok(None);
    }
    if is_landslide(contest) {
        return Ok(Some(1));
    }
    let zeros = vec![0u64; contest.candidates.len()];
    match expected_sample_size_dd(alpha, contest, &zeros) {
        Ok(a) => Ok(Some(a.size)),
        Err(BravoError::Input(e)) => Err(e),
        Err(_) => Ok(None),
    }
}
