//! Kaplan–Markov / Super-Simple ballot-level comparison audits with Arlo's
//! conventions (`votingworks/arlo` `server/audit_math/supersimple.py`).
//!
//! Discrepancy counts are against the pair with the smallest margin:
//! `o1`/`o2` are one- and two-vote overstatements, `u1`/`u2` one- and
//! two-vote understatements.  **Like Arlo, understatements are ignored**
//! (an understatement ballot counts as a clean ballot), which is conservative.

use crate::dd::Dd;
use crate::InputError;

/// Arlo's (and Stark's tool's, and ColoradoRLA's) error inflation factor.
pub const DEFAULT_GAMMA: f64 = 1.03905;

/// Arlo's default expected one-vote over- and understatement rates.
pub const DEFAULT_R1: f64 = 0.001;
/// Arlo's default expected two-vote over- and understatement rates.
pub const DEFAULT_R2: f64 = 0.0001;

/// Discrepancy counts found in a comparison sample.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Discrepancies {
    /// One-vote overstatements.
    pub o1: u64,
    /// Two-vote overstatements.
    pub o2: u64,
    /// One-vote understatements (ignored by the p-value, as in Arlo).
    pub u1: u64,
    /// Two-vote understatements (ignored by the p-value, as in Arlo).
    pub u2: u64,
}

/// Diluted margin `(winner votes - loser votes) / ballots` of the closest pair.
pub fn diluted_margin(min_winner_votes: u64, max_loser_votes: u64, ballots: u64) -> f64 {
    (min_winner_votes as i128 - max_loser_votes as i128) as f64 / ballots as f64
}

fn check_gamma(gamma: f64) -> Result<(), InputError> {
    if !gamma.is_finite() || gamma <= 1.0 {
        return Err(InputError::new("gamma", "must be a number greater than 1"));
    }
    Ok(())
}

/// Kaplan–Markov p-value, as Arlo's `supersimple.compute_risk` computes it
/// for a sample of `sample_size` ballot draws containing the given
/// discrepancies (each counted against the closest pair):
///
/// `p = (1 - 1/U)^n / ((1 - 1/(2 gamma))^o1 (1 - 1/gamma)^o2)`, `U = 2 gamma / margin`,
/// capped at 1; understatements are ignored.  A sample at least as large
/// as the ballots cast is a full hand count (p = 0).  A margin of zero or
/// less gives p = 1.
///
/// `ballots` and `margin_votes` (smallest winner–loser margin in votes) are
/// needed to mirror Arlo's arithmetic exactly; `diluted_margin` is
/// `margin_votes / ballots`.
pub fn p_value(
    margin_votes: i64,
    ballots: u64,
    sample_size: u64,
    d: Discrepancies,
    gamma: f64,
) -> Result<f64, InputError> {
    check_gamma(gamma)?;
    if ballots == 0 {
        return Err(InputError::new("ballots", "must be greater than 0"));
    }
    if d.o1 as u128 + d.o2 as u128 + d.u1 as u128 + d.u2 as u128 > sample_size as u128 {
        return Err(InputError::new("sample", "more discrepancies than ballots in the sample"));
    }
    if sample_size >= ballots {
        return Ok(0.0);
    }
    let dm = margin_votes as f64 / ballots as f64;
    if dm <= 0.0 {
        return Ok(1.0);
    }
    let g = Dd::from_f64(gamma);
    let two_g = Dd::from_f64(2.0) * g;
    // U = 2 * gamma / Decimal(dm); V = Decimal(dm * N)
    let u = two_g / Dd::from_f64(dm);
    let v = Dd::from_f64(dm * ballots as f64);
    let denom = two_g / v;
    let clean = Dd::ONE - Dd::ONE / u;
    // weighted error of a k-vote overstatement against the closest pair: k / V_wl
    let v_wl = Dd::from_i64(margin_votes);
    let e1 = Dd::from_f64(1.0) / v_wl;
    let e2 = Dd::from_f64(2.0) / v_wl;
    let p1 = clean / (Dd::ONE - e1 / denom);
    let p2 = clean / (Dd::ONE - e2 / denom);
    let n_clean = sample_size - d.o1 - d.o2;
    let ln_p = Dd::from_u64(n_clean) * clean.ln() + pow_ln(p1, d.o1) + pow_ln(p2, d.o2);
    // both factors are positive because gamma > 1
    let p = ln_p.exp();
    Ok(p.to_f64().min(1.0))
}

/// The textbook Kaplan–Markov p-value from a diluted margin alone:
/// `min(1, (1 - m/(2 gamma))^n / ((1 - 1/(2 gamma))^o1 (1 - 1/gamma)^o2))`,
/// understatements ignored as in Arlo.  [`p_value`] gives the same number
/// with Arlo's exact arithmetic and its full-hand-count rule.
pub fn p_value_for_margin(
    diluted_margin: f64,
    sample_size: u64,
    d: Discrepancies,
    gamma: f64,
) -> Result<f64, InputError> {
    check_gamma(gamma)?;
    if !diluted_margin.is_finite() || diluted_margin > 1.0 {
        return Err(InputError::new("diluted_margin", "must be a number no larger than 1"));
    }
    if d.o1 as u128 + d.o2 as u128 + d.u1 as u128 + d.u2 as u128 > sample_size as u128 {
        return Err(InputError::new("sample", "more discrepancies than ballots in the sample"));
    }
    if diluted_margin <= 0.0 {
        return Ok(1.0);
    }
    let g = Dd::from_f64(gamma);
    let two_g = Dd::from_f64(2.0) * g;
    let clean = Dd::ONE - Dd::from_f64(diluted_margin) / two_g;
    let ln_p = Dd::from_u64(sample_size) * clean.ln()
        - Dd::from_u64(d.o1) * (Dd::ONE - Dd::ONE / two_g).ln()
        - Dd::from_u64(d.o2) * (Dd::ONE - Dd::ONE / g).ln();
    Ok(ln_p.exp().to_f64().min(1.0))
}

/// Arlo's initial (first-round) sample size: [`arlo_sample_size`] with no sample.
pub fn initial_sample_size(risk_limit: f64, margin_votes: i64, ballots: u64, gamma: f64) -> Result<u64, InputError> {
    arlo_sample_size(risk_limit, margin_votes, ballots, gamma, None)
}

fn pow_ln(x: Dd, n: u64) -> Dd {
    if n == 0 {
        Dd::ZERO
    } else {
        x.ln() * Dd::from_u64(n)
    }
}

/// Arlo's "finished" rule: `0 < p < alpha` (or a full hand count).
pub fn risk_limit_met(p_value: f64, sample_size: u64, ballots: u64, risk_limit: f64) -> bool {
    if sample_size >= ballots {
        return true;
    }
    let alpha = risk_limit / 100.0;
    p_value > 0.0 && p_value < alpha
}

/// Smallest sample with no discrepancies that meets the risk limit:
/// the least `n` with `(1 - margin / (2 gamma))^n <= alpha`.
///
/// `risk_limit` is a percentage (5 means 5%).  Returns `None` when the
/// margin is not positive (no sample short of a full count suffices).
pub fn sample_size_no_discrepancies(margin: f64, risk_limit: f64, gamma: f64) -> Result<Option<u64>, InputError> {
    check_gamma(gamma)?;
    if !risk_limit.is_finite() || risk_limit <= 0.0 || risk_limit >= 100.0 {
        return Err(InputError::new("risk_limit", "must be a percentage above 0 and below 100"));
    }
    if !margin.is_finite() || margin > 1.0 {
        return Err(InputError::new("margin", "must be a number no larger than 1"));
    }
    if margin <= 0.0 {
        return Ok(None);
    }
    let alpha = Dd::from_f64(risk_limit) / Dd::from_f64(100.0);
    let base = Dd::ONE - Dd::from_f64(margin) / (Dd::from_f64(2.0) * Dd::from_f64(gamma));
    if base.hi <= 0.0 {
        return Ok(Some(1));
    }
    // smallest n with n * ln(base) <= ln(alpha)
    let x = alpha.ln() / base.ln();
    let mut n = x.ceil_i128().max(1) as u64;
    // guard against rounding right at an integer
    while n > 1 && Dd::from_u64(n - 1) * base.ln() <= alpha.ln() {
        n -= 1;
    }
    while Dd::from_u64(n) * base.ln() > alpha.ln() {
        n += 1;
    }
    Ok(Some(n))
}

fn round_half_up(x: Dd) -> Dd {
    (x + Dd::from_f64(0.5)).floor()
}

/// Arlo's `nMin`: Stark's sample size for given discrepancy counts.
fn n_min(alpha: Dd, dm: f64, gamma: Dd, o1: Dd, o2: Dd, u1: Dd, u2: Dd) -> Dd {
    let one = Dd::ONE;
    let two_g = Dd::from_f64(2.0) * gamma;
    let inner = alpha.ln()
        + o1 * (one - one / two_g).ln()
        + o2 * (one - one / gamma).ln()
        + u1 * (one + one / two_g).ln()
        + u2 * (one + one / gamma).ln();
    let v = (Dd::from_f64(-2.0) * gamma * inner / Dd::from_f64(dm)).ceil();
    (o1 + o2 + u1 + u2).max(v)
}

/// Arlo's `supersimple.get_sample_sizes`: ballots still to sample.
///
/// Before any sample (`sample = None`) it uses Arlo's default expected
/// discrepancy rates (1 in 1000 one-vote, 1 in 10000 two-vote, over and
/// under); afterwards `sample = Some((sample_size, o1, o2))` uses the
/// observed overstatement rates (understatements ignored).  The result is
/// the stopping size minus the ballots already sampled, capped at a full
/// count.
pub fn arlo_sample_size(
    risk_limit: f64,
    margin_votes: i64,
    ballots: u64,
    gamma: f64,
    sample: Option<(u64, u64, u64)>,
) -> Result<u64, InputError> {
    check_gamma(gamma)?;
    let alpha = crate::bravo::alpha_from_risk_limit(risk_limit)?;
    if alpha.hi == 0.0 {
        return Ok(ballots);
    }
    if ballots == 0 {
        return Err(InputError::new("ballots", "must be greater than 0"));
    }
    let g = Dd::from_f64(gamma);
    let one = Dd::ONE;
    let two_g = Dd::from_f64(2.0) * g;
    let dm = margin_votes as f64 / ballots as f64;
    let (num_sampled, r1, r2, s1, s2) = match sample {
        Some((n, o1, o2)) if n > 0 => {
            let nd = Dd::from_u64(n);
            (n, Dd::from_u64(o1) / nd, Dd::from_u64(o2) / nd, Dd::ZERO, Dd::ZERO)
        }
        _ => {
            (0, Dd::from_f64(DEFAULT_R1), Dd::from_f64(DEFAULT_R2), Dd::from_f64(DEFAULT_R1), Dd::from_f64(DEFAULT_R2))
        }
    };
    let denom = (one - Dd::from_f64(dm) / two_g).ln()
        - r1 * (one - one / two_g).ln()
        - r2 * (one - one / g).ln()
        - s1 * (one + one / two_g).ln()
        - s2 * (one + one / g).ln();
    let stopping = if denom.is_nan() || denom.hi >= 0.0 {
        ballots
    } else {
        let n0 = (alpha.ln() / denom).ceil();
        let o1 = (r1 * n0).ceil();
        let u1 = (s1 * n0).ceil();
        let o2 = round_half_up(r2 * n0);
        let u2 = round_half_up(s2 * n0);
        let est = n_min(alpha, dm, g, o1, o2, u1, u2).to_i128();
        (est.max(0) as u64).min(ballots)
    };
    Ok(stopping.saturating_sub(num_sampled))
}

/// One choice's mark in a cast vote record: a vote count, or the ES&S
/// overvote (`"o"`) / undervote (`"u"`) markers Arlo recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CvrMark {
    /// Number of votes (0 or 1 for a single-vote choice).
    Votes(u64),
    /// ES&S overvote marker.
    Overvote,
    /// ES&S undervote marker.
    Undervote,
}

/// The discrepancy Arlo assigns to one sampled ballot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BallotDiscrepancy {
    /// Net overstatement in votes (2 = two-vote overstatement, negative = understatement).
    pub counted_as: i64,
    /// `counted_as / V_wl` for the pair giving the largest `counted_as`
    /// (`f64::INFINITY` when that pair's reported margin is not positive).
    pub weighted_error: f64,
}

/// Arlo's `supersimple.compute_discrepancies` for one ballot.
///
/// `reported`: `None` when the ballot is not in the CVR export, `Some(None)`
/// when its CVR does not contain the contest, else the CVR's marks.
/// `audited`: `None` when the audit board could not find the ballot,
/// `Some(None)` when the contest is not on the ballot, else the audited votes.
/// Returns `None` when there is no discrepancy.
pub fn ballot_discrepancy(
    contest: &crate::Contest,
    reported: Option<Option<&[(&str, CvrMark)]>>,
    audited: Option<Option<&[(&str, u64)]>>,
) -> Option<BallotDiscrepancy> {
    let mut best: Option<BallotDiscrepancy> = None;
    for &w in &contest.winners {
        for &l in &contest.losers {
            let wn = contest.name(w);
            let ln = contest.name(l);
            let error: i64 = match (reported, audited) {
                (None, _) | (_, None) => 2,
                (Some(rep), Some(aud)) => {
                    let a = |n: &str| -> i64 {
                        aud.and_then(|v| v.iter().find(|(m, _)| *m == n).map(|x| x.1 as i64)).unwrap_or(0)
                    };
                    let (a_w, a_l) = (a(wn), a(ln));
                    let marks: &[(&str, CvrMark)] = rep.unwrap_or(&[]);
                    let has_over = marks.iter().any(|m| m.1 == CvrMark::Overvote);
                    let has_under = marks.iter().any(|m| m.1 == CvrMark::Undervote);
                    let audited_votes: i64 = aud.map(|v| v.iter().map(|x| x.1 as i64).sum()).unwrap_or(0);
                    if has_over {
                        if audited_votes > 1 {
                            0
                        } else {
                            (1 - a_w) - (1 - a_l)
                        }
                    } else if has_under {
                        if audited_votes < 1 {
                            0
                        } else {
                            (0 - a_w) - (0 - a_l)
                        }
                    } else {
                        let v = |n: &str| -> i64 {
                            marks
                                .iter()
                                .find(|(m, _)| *m == n)
                                .map(|x| match x.1 {
                                    CvrMark::Votes(k) => k as i64,
                                    _ => 0,
                                })
                                .unwrap_or(0)
                        };
                        (v(wn) - a_w) - (v(ln) - a_l)
                    }
                }
            };
            if error == 0 {
                continue;
            }
            let v_wl = contest.votes(w) as i64 - contest.votes(l) as i64;
            let weighted = if v_wl > 0 { error as f64 / v_wl as f64 } else { f64::INFINITY };
            let d = BallotDiscrepancy { counted_as: error, weighted_error: weighted };
            if best.is_none_or(|b| d.counted_as > b.counted_as) {
                best = Some(d);
            }
        }
    }
    best
}
