//! A portable PPEB draw (probability proportional to error bound) for MACRO
//! batch-comparison audits.
//!
//! Arlo draws its MACRO batches with numpy's PCG64 generator
//! (`default_rng(int(sha256(seed), 16)).choice(...)`), which nobody can
//! reproduce without numpy's exact bit stream. This draw uses only SHA-256 and
//! whole-number arithmetic, so a reader can redo it in a few lines of any
//! language:
//!
//! 1. For one contest, its totals are the sums of its batch tallies; each
//!    reported winner `w` and loser `l` have the margin `V_wl = total_w -
//!    total_l` (it must be positive).
//! 2. Each batch `p` carrying the contest has the error bound (Arlo's
//!    `compute_max_error`) `u_p = max over (w, l) of (v_wp - v_lp + b_p) /
//!    V_wl`, where `b_p` is the batch's ballots in the manifest. Its weight is
//!    the same bound in whole units of 10^-9, rounded down:
//!    `weight_p = max over (w, l) of floor((v_wp - v_lp + b_p) * 10^9 / V_wl)`.
//!    A batch without the contest weighs 0.
//! 3. `W` is the sum of the weights. Draw `i` (1, 2, …) is Rivest's:
//!    `x_i = int(sha256(seed + "," + i), 16) mod W`, and it selects the first
//!    batch, in manifest order, whose cumulative weight exceeds `x_i`. Draws
//!    are with replacement (MACRO's Kaplan–Markov bound assumes so); a batch
//!    drawn twice counts twice. The ticket is the counter `i`.
//!
//! Rounding the bounds to 10^-9 makes each batch's chance differ from
//! `u_p / U` by less than one part in a billion of `U`; the risk itself is
//! computed from the exact bounds ([`crate::macro_::MacroAudit`]).

use crate::manifest::Manifest;
use crate::{rivest, InputError};

/// The sampler's name, as the portal publishes it.
pub const NAME: &str = "ppeb";

/// The version the portal publishes with the sampler's name.
pub const VERSION: &str = "portal PPEB 1 (weights floor(u_p * 10^9); Rivest SHA-256 draws mod their sum; with \
                           replacement)";

/// The unit of the weights: an error bound of 1 weighs 10^9.
pub const SCALE: u128 = 1_000_000_000;

/// One contest's reported batch tallies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContestTallies {
    /// The contest's name (for messages).
    pub name: String,
    /// Its reported winners.
    pub winners: Vec<String>,
    /// `(batch, [(candidate, reported votes)])`, one entry per batch carrying
    /// the contest.
    pub batches: Vec<(String, Vec<(String, u64)>)>,
}

impl ContestTallies {
    /// Each candidate's total over the batches, in order of first appearance.
    pub fn totals(&self) -> Vec<(String, u64)> {
        let mut totals: Vec<(String, u64)> = Vec::new();
        for (_, votes) in &self.batches {
            for (name, v) in votes {
                match totals.iter_mut().find(|(n, _)| n == name) {
                    Some(t) => t.1 = t.1.saturating_add(*v),
                    None => totals.push((name.clone(), *v)),
                }
            }
        }
        totals
    }
}

/// One batch drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PpebDraw {
    /// The draw's counter `i` (from 1).
    pub ticket: String,
    /// The batch selected.
    pub batch: String,
}

/// Each manifest batch's weight (its error bound in units of 10^-9), in
/// manifest order.
pub fn weights(manifest: &Manifest, contest: &ContestTallies) -> Result<Vec<(String, u64)>, InputError> {
    let field = "batch_tallies";
    let totals = contest.totals();
    let total = |name: &str| totals.iter().find(|(n, _)| n == name).map(|t| t.1).unwrap_or(0);
    for w in &contest.winners {
        if !totals.iter().any(|(n, _)| n == w) {
            return Err(InputError::new(field, format!("{}: the winner {w} has no batch tallies", contest.name)));
        }
    }
    let losers: Vec<&str> =
        totals.iter().map(|(n, _)| n.as_str()).filter(|n| !contest.winners.iter().any(|w| w == n)).collect();
    let mut margins = Vec::new();
    for w in &contest.winners {
        for l in &losers {
            let v = i128::from(total(w)) - i128::from(total(l));
            if v <= 0 {
                return Err(InputError::new(
                    field,
                    format!(
                        "{}: {w} does not lead {l} in the batch tallies, so no sample can confirm the outcome",
                        contest.name
                    ),
                ));
            }
            margins.push((w.as_str(), *l, v as u128));
        }
    }
    let mut out: Vec<(String, u64)> = manifest.batches.iter().map(|(b, _)| (b.clone(), 0)).collect();
    for (batch, votes) in &contest.batches {
        let Some(i) = manifest.batches.iter().position(|(b, _)| b == batch) else {
            return Err(InputError::new(field, format!("batch '{batch}' is not in the manifest")));
        };
        let ballots = i128::from(manifest.batches[i].1);
        let get = |name: &str| votes.iter().find(|(n, _)| n == name).map(|v| i128::from(v.1)).unwrap_or(0);
        let mut weight: u128 = 0;
        for (w, l, v) in &margins {
            let m = (get(w) - get(l) + ballots).max(0) as u128;
            weight = weight.max(m.saturating_mul(SCALE) / v);
        }
        out[i].1 = u64::try_from(weight)
            .map_err(|_| InputError::new(field, format!("batch '{batch}': its error bound is too large to draw")))?;
    }
    Ok(out)
}

/// `n` draws, with replacement, each batch with a chance proportional to its
/// weight (see the module's description).
pub fn draws(seed: &str, weights: &[(String, u64)], n: u64) -> Result<Vec<PpebDraw>, InputError> {
    if n == 0 {
        return Ok(Vec::new());
    }
    let total = weights.iter().try_fold(0u64, |t, (_, w)| t.checked_add(*w)).ok_or_else(|| {
        InputError::new("batch_tallies", "the error bounds add up to too much to draw (the margin is too small)")
    })?;
    if total == 0 {
        return Err(InputError::new("batch_tallies", "no batch can hold an error, so there is nothing to draw"));
    }
    let mut cumulative = Vec::with_capacity(weights.len());
    let mut sum = 0u64;
    for (_, w) in weights {
        sum += w;
        cumulative.push(sum);
    }
    let picks = rivest::sample(seed, 0, total - 1, n, true).map_err(|e| InputError::new("size", e.to_string()))?;
    Ok(picks
        .into_iter()
        .map(|d| {
            // The first batch whose cumulative weight exceeds the draw.
            let i = cumulative.partition_point(|c| *c <= d.value);
            PpebDraw { ticket: d.counter.to_string(), batch: weights[i].0.clone() }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contest(batches: &[(&str, u64, u64)]) -> ContestTallies {
        ContestTallies {
            name: "Mayor".into(),
            winners: vec!["A".into()],
            batches: batches
                .iter()
                .map(|(b, a, z)| (b.to_string(), vec![("A".to_string(), *a), ("B".to_string(), *z)]))
                .collect(),
        }
    }

    fn manifest(batches: &[(&str, u64)]) -> Manifest {
        Manifest::new(batches.iter().map(|(b, n)| (b.to_string(), *n)).collect()).unwrap()
    }

    #[test]
    fn weights_are_arlos_error_bounds_in_billionths() {
        // Totals A = 110, B = 70: V = 40. Batch X: (60 - 40 + 100) / 40 = 3;
        // batch Y: (50 - 30 + 80) / 40 = 2.5; Z carries no contest.
        let m = manifest(&[("X", 100), ("Y", 80), ("Z", 10)]);
        let w = weights(&m, &contest(&[("X", 60, 40), ("Y", 50, 30)])).unwrap();
        assert_eq!(w, vec![("X".into(), 3_000_000_000), ("Y".into(), 2_500_000_000), ("Z".into(), 0)]);
        // They agree with MacroAudit's exact bounds.
        let c = crate::Contest::with_named_winners(&[("A", 110), ("B", 70)], 180, &["A"], 1).unwrap();
        let batches: Vec<crate::macro_::Batch> = [("X", 60.0, 40.0, 100.0), ("Y", 50.0, 30.0, 80.0)]
            .iter()
            .map(|(n, a, b, ballots)| crate::macro_::Batch {
                name: n.to_string(),
                tally: Some(crate::macro_::BatchTally {
                    votes: vec![("A".into(), *a), ("B".into(), *b)],
                    ballots: *ballots,
                }),
            })
            .collect();
        let audit = crate::macro_::MacroAudit { contest: &c, pending_ballots: 0, batches: &batches };
        assert_eq!(audit.max_error("X").unwrap(), 3.0);
        assert_eq!(audit.max_error("Y").unwrap(), 2.5);
    }

    #[test]
    fn weights_round_down_and_refuse_a_tie_or_a_stranger() {
        // V = 3: (2 - 1 + 1) / 3 = 0.666… → 666666666.
        let m = manifest(&[("X", 1), ("Y", 5)]);
        let w = weights(&m, &contest(&[("X", 2, 1), ("Y", 3, 1)])).unwrap();
        assert_eq!(w[0].1, 666_666_666);
        let tie = weights(&m, &contest(&[("X", 1, 1), ("Y", 2, 2)])).unwrap_err();
        assert!(tie.message.contains("does not lead"), "{tie}");
        let stranger = weights(&m, &contest(&[("Q", 2, 1)])).unwrap_err();
        assert!(stranger.message.contains("'Q' is not in the manifest"), "{stranger}");
    }

    #[test]
    fn draws_are_rivests_numbers_placed_on_cumulative_weights() {
        let w: Vec<(String, u64)> = vec![("X".into(), 3), ("Y".into(), 0), ("Z".into(), 7)];
        let got = draws("1", &w, 20).unwrap();
        let values = rivest::sample("1", 0, 9, 20, true).unwrap();
        for (d, v) in got.iter().zip(&values) {
            assert_eq!(d.ticket, v.counter.to_string());
            assert_eq!(d.batch, if v.value < 3 { "X" } else { "Z" }, "value {}", v.value);
        }
        assert!(got.iter().all(|d| d.batch != "Y"), "a batch of weight 0 is never drawn");
        assert_eq!(got, draws("1", &w, 20).unwrap(), "the same seed draws the same batches");
        assert_ne!(got, draws("2", &w, 20).unwrap());
        assert!(draws("1", &[("X".into(), 0)], 1).is_err());
        assert!(draws("1", &[("X".into(), u64::MAX), ("Y".into(), 1)], 1).is_err());
        assert_eq!(draws("1", &[("X".into(), 0)], 0).unwrap(), vec![]);
    }

    #[test]
    fn draws_follow_the_weights() {
        // 3 to 1: about three quarters of 4,000 draws land on X.
        let w: Vec<(String, u64)> = vec![("X".into(), 3_000_000_000), ("Y".into(), 1_000_000_000)];
        let got = draws("20241105", &w, 4000).unwrap();
        let x = got.iter().filter(|d| d.batch == "X").count();
        assert!((2850..3150).contains(&x), "{x} of 4000");
    }
}
