//! A contest's reported results, with winners, losers and margins computed
//! the way Arlo's `server/audit_math/sampler_contest.py` does.

use crate::InputError;

/// A reported contest result: candidates with their reported votes, total
/// ballots cast, number of winners and votes allowed per ballot.
///
/// Winners are the `num_winners` candidates with the most votes (ties keep
/// the input order, as Python's stable `sorted` does in Arlo), unless they
/// are named explicitly with [`Contest::with_named_winners`].
#[derive(Clone, Debug)]
pub struct Contest {
    /// Candidate names and reported votes, in input order.
    pub candidates: Vec<(String, u64)>,
    /// Ballots cast in the contest (the denominator of the diluted margin).
    pub ballots: u64,
    /// Number of winners.
    pub num_winners: usize,
    /// Votes allowed per ballot.
    pub votes_allowed: u32,
    /// Indices of winners, most votes first.
    pub(crate) winners: Vec<usize>,
    /// Indices of losers, most votes first.
    pub(crate) losers: Vec<usize>,
}

/// Per-candidate vote shares as Arlo computes them (Python floats).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Shares {
    /// votes / ballots
    pub p: f64,
    /// votes / valid votes
    pub s: f64,
}

impl Contest {
    /// Build a contest whose winners are the top `num_winners` vote getters.
    pub fn new(
        candidates: &[(&str, u64)],
        ballots: u64,
        num_winners: usize,
        votes_allowed: u32,
    ) -> Result<Contest, InputError> {
        let cands = validate_candidates(candidates, ballots, votes_allowed)?;
        if num_winners == 0 {
            return Err(InputError::new("winners", "must be at least 1"));
        }
        let mut order: Vec<usize> = (0..cands.len()).collect();
        // stable sort, descending by votes (Python: sorted(..., reverse=True))
        order.sort_by(|&a, &b| cands[b].1.cmp(&cands[a].1));
        let nw = num_winners.min(order.len());
        let winners = order[..nw].to_vec();
        let losers = order[nw..].to_vec();
        Ok(Contest { candidates: cands, ballots, num_winners, votes_allowed, winners, losers })
    }

    /// Build a contest with explicitly named winners (every other candidate
    /// is a loser).  Errors if a name is unknown, repeated, or if a named
    /// winner has fewer reported votes than some loser.
    pub fn with_named_winners(
        candidates: &[(&str, u64)],
        ballots: u64,
        winners: &[&str],
        votes_allowed: u32,
    ) -> Result<Contest, InputError> {
        let cands = validate_candidates(candidates, ballots, votes_allowed)?;
        if winners.is_empty() {
            return Err(InputError::new("winners", "name at least one winner"));
        }
        let mut win_idx = Vec::new();
        for w in winners {
            let i = cands
                .iter()
                .position(|(n, _)| n == w)
                .ok_or_else(|| InputError::new("winners", format!("'{w}' is not one of the reported candidates")))?;
            if win_idx.contains(&i) {
                return Err(InputError::new("winners", format!("'{w}' is named twice")));
            }
            win_idx.push(i);
        }
        if win_idx.len() >= cands.len() {
            return Err(InputError::new("winners", "there must be fewer winners than candidates"));
        }
        let mut order: Vec<usize> = (0..cands.len()).collect();
        order.sort_by(|&a, &b| cands[b].1.cmp(&cands[a].1));
        let winners_sorted: Vec<usize> = order.iter().copied().filter(|i| win_idx.contains(i)).collect();
        let losers: Vec<usize> = order.iter().copied().filter(|i| !win_idx.contains(i)).collect();
        let min_w = winners_sorted.iter().map(|&i| cands[i].1).min().unwrap_or(0);
        if let Some(&top_l) = losers.first() {
            if cands[top_l].1 > min_w {
                let w = winners_sorted
                    .iter()
                    .find(|&&i| cands[i].1 == min_w)
                    .map(|&i| cands[i].0.clone())
                    .unwrap_or_default();
                return Err(InputError::new(
                    "winners",
                    format!("winner '{}' has fewer reported votes than loser '{}'", w, cands[top_l].0),
                ));
            }
        }
        Ok(Contest {
            candidates: cands,
            ballots,
            num_winners: winners_sorted.len(),
            votes_allowed,
            winners: winners_sorted,
            losers,
        })
    }

    /// Names of the winners, most votes first.
    pub fn winner_names(&self) -> Vec<&str> {
        self.winners.iter().map(|&i| self.candidates[i].0.as_str()).collect()
    }

    /// Names of the losers, most votes first.
    pub fn loser_names(&self) -> Vec<&str> {
        self.losers.iter().map(|&i| self.candidates[i].0.as_str()).collect()
    }

    /// Sum of all reported votes.
    pub fn valid_votes(&self) -> u64 {
        self.candidates.iter().map(|c| c.1).sum()
    }

    /// Smallest margin in votes between any winner and any loser
    /// (`None` without losers).
    pub fn min_margin_votes(&self) -> Option<i64> {
        let min_w = self.winners.iter().map(|&i| self.candidates[i].1).min()?;
        let max_l = self.losers.iter().map(|&i| self.candidates[i].1).max()?;
        // counts are at most 2^53, so they fit in i64
        Some(min_w as i64 - max_l as i64)
    }

    /// Diluted margin: (smallest winner's votes - largest loser's votes) / ballots,
    /// computed as `float(min_margin) / ballots` like Arlo (-1.0 without losers).
    pub fn diluted_margin(&self) -> f64 {
        match self.min_margin_votes() {
            Some(m) => m as f64 / self.ballots as f64,
            None => -1.0,
        }
    }

    /// Index of a candidate by name.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.candidates.iter().position(|(n, _)| n == name)
    }

    pub(crate) fn votes(&self, i: usize) -> u64 {
        self.candidates[i].1
    }

    pub(crate) fn name(&self, i: usize) -> &str {
        &self.candidates[i].0
    }

    /// Arlo's `p_w`/`p_l` and `s_w`/`s_l` for a candidate.
    pub(crate) fn shares(&self, i: usize) -> Shares {
        let v = self.candidates[i].1 as f64;
        Shares { p: v / self.ballots as f64, s: v / self.valid_votes() as f64 }
    }

    /// Arlo's `swl = s_w / (s_w + s_l)` for a winner/loser pair.
    pub(crate) fn swl(&self, w: usize, l: usize) -> f64 {
        let s_w = self.shares(w).s;
        let s_l = self.shares(l).s;
        s_w / (s_w + s_l)
    }

    /// Turn a list of (name, votes) into a vector aligned with `candidates`
    /// (missing names count 0).  Errors on unknown or repeated names.
    pub fn align_tally(&self, field: &str, tally: &[(&str, u64)]) -> Result<Vec<u64>, InputError> {
        let mut out = vec![0u64; self.candidates.len()];
        let mut seen = vec![false; self.candidates.len()];
        for (name, v) in tally {
            let i = self
                .index_of(name)
                .ok_or_else(|| InputError::new(field, format!("'{name}' is not one of the reported candidates")))?;
            if seen[i] {
                return Err(InputError::new(field, format!("'{name}' appears twice")));
            }
            seen[i] = true;
            out[i] = *v;
        }
        Ok(out)
    }
}

fn validate_candidates(
    candidates: &[(&str, u64)],
    ballots: u64,
    votes_allowed: u32,
) -> Result<Vec<(String, u64)>, InputError> {
    if candidates.is_empty() {
        return Err(InputError::new("reported", "list at least one candidate"));
    }
    if ballots == 0 {
        return Err(InputError::new("ballots", "must be greater than 0"));
    }
    if votes_allowed == 0 {
        return Err(InputError::new("votes_allowed", "must be at least 1"));
    }
    if ballots > crate::MAX_COUNT {
        return Err(InputError::new("ballots", format!("is too large (at most {})", crate::MAX_COUNT)));
    }
    let mut out: Vec<(String, u64)> = Vec::new();
    for (n, v) in candidates {
        if *v > crate::MAX_COUNT {
            return Err(InputError::new(
                format!("reported.{n}"),
                format!("is too large (at most {})", crate::MAX_COUNT),
            ));
        }
        if n.is_empty() {
            return Err(InputError::new("reported", "a candidate name is empty"));
        }
        if out.iter().any(|(m, _)| m == n) {
            return Err(InputError::new("reported", format!("'{n}' appears twice")));
        }
        out.push((n.to_string(), *v));
    }
    let total: u128 = out.iter().map(|c| c.1 as u128).sum();
    if total > ballots as u128 * votes_allowed as u128 {
        return Err(InputError::new(
            "reported",
            format!(
                "the reported votes add up to {total}, more than ballots ({ballots}) times votes_allowed ({votes_allowed})"
            ),
        ));
    }
    if total > crate::MAX_COUNT as u128 {
        return Err(InputError::new(
            "reported",
            format!("the reported votes add up to more than {}", crate::MAX_COUNT),
        ));
    }
    if total == 0 {
        return Err(InputError::new("reported", "no candidate has any votes"));
    }
    Ok(out)
}
