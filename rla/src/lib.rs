//! Risk-limiting audit math and public ballot samplers, reproduced from the
//! reference implementations' test vectors.
//!
//! * [`bravo`] — BRAVO ballot polling as Arlo computes it;
//! * [`kaplan_markov`] — Kaplan–Markov / Super-Simple ballot comparison (Arlo);
//! * [`macro_`] — MACRO batch comparison (Arlo);
//! * [`minerva`] — Minerva ballot polling (Arlo via athena);
//! * [`consistent_sampler`] — the SHA-256 consistent sampler (Arlo);
//! * [`rivest`] — Rivest's 2011 SHA-256 sampler (ColoradoRLA);
//! * [`ppeb`] — a portable PPEB draw of batches for MACRO (Rivest's draws over error bounds);
//! * [`manifest`] — ballot manifests, draws → (batch, position);
//! * [`audit_math_json`], [`recompute_contest`], [`consistent_with`] and
//!   [`sample_cli`] — the portal's tool interface.
//!
//! Arlo does part of its arithmetic with Python `Decimal` (28 digits); this
//! crate does those parts in double-double arithmetic (~31 digits) so that
//! integer roundings (ceil/floor of sample sizes) agree with Arlo.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod bravo;
pub mod consistent_sampler;
pub mod contest;
mod dd;
mod json_api;
pub mod kaplan_markov;
pub mod macro_;
pub mod manifest;
pub mod minerva;
pub mod ppeb;
pub mod rivest;
pub mod sample_cli;
pub mod stats;

pub use contest::Contest;
pub use json_api::audit_math_json;
pub use sample_cli::{
    format_sample, parse_sample_args, run_sample_command, sample_cli, sample_stdout, Population, SampleArgs,
    SampleError, SampleItem, SampleMethod,
};

/// Largest vote or ballot count accepted (2^53, the largest integer every
/// count can be held exactly as a double, as Arlo's Python floats do).
pub const MAX_COUNT: u64 = 9_007_199_254_740_992;

/// A problem with the input, naming the offending field in plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The field at fault, e.g. `"sample.audited"` or `"reported.Alice"`.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl InputError {
    /// A new error for `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> InputError {
        InputError { field: field.into(), message: message.into() }
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for InputError {}

/// Audit method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// BRAVO ballot polling.
    Bravo,
    /// Kaplan–Markov (Super-Simple) ballot comparison.
    KaplanMarkov,
    /// MACRO batch comparison.
    Macro,
    /// Minerva ballot polling.
    Minerva,
}

impl Method {
    /// Parse `"bravo"`, `"kaplan_markov"`, `"macro"` or `"minerva"`.
    pub fn parse(s: &str) -> Option<Method> {
        match s {
            "bravo" => Some(Method::Bravo),
            "kaplan_markov" => Some(Method::KaplanMarkov),
            "macro" => Some(Method::Macro),
            "minerva" => Some(Method::Minerva),
            _ => None,
        }
    }
}

/// A sample to recompute a p-value from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ContestSample<'a> {
    /// Ballot polling (BRAVO, Minerva): ballots drawn and audited votes per candidate.
    Polling {
        /// Ballots drawn.
        size: u64,
        /// Audited votes by candidate name (missing candidates count 0).
        audited: &'a [(&'a str, u64)],
    },
    /// Ballot comparison (Kaplan–Markov): ballots drawn and discrepancy counts.
    Comparison {
        /// Ballots drawn.
        size: u64,
        /// One-vote overstatements.
        o1: u64,
        /// Two-vote overstatements.
        o2: u64,
        /// One-vote understatements (ignored, as in Arlo).
        u1: u64,
        /// Two-vote understatements (ignored, as in Arlo).
        u2: u64,
    },
}

/// What the portal shows next to a published audit claim.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Recomputed {
    /// (smallest winner's votes - largest loser's votes) / ballots.
    pub diluted_margin: f64,
    /// Recomputed p-value (`None` without a sample, or for MACRO, which
    /// needs batch-level results: see [`macro_::MacroAudit`]).
    pub p_value: Option<f64>,
    /// Whether the risk limit is met (`None` when `p_value` is `None`).
    pub risk_limit_met: Option<bool>,
}

/// Recompute a contest's diluted margin and (given a sample) its p-value.
///
/// `risk_limit` is a percentage (5 = 5%); `winners` names the reported
/// winners (every other candidate is a loser); Kaplan–Markov uses
/// gamma = 1.03905.
pub fn recompute_contest(
    method: Method,
    risk_limit: f64,
    ballots: u64,
    votes_allowed: u32,
    winners: &[&str],
    reported: &[(&str, u64)],
    sample: Option<&ContestSample<'_>>,
) -> Result<Recomputed, InputError> {
    if !risk_limit.is_finite() || risk_limit <= 0.0 || risk_limit >= 100.0 {
        return Err(InputError::new("risk_limit", "must be a percentage above 0 and below 100"));
    }
    let contest = Contest::with_named_winners(reported, ballots, winners, votes_allowed)?;
    json_api::evaluate(method, risk_limit, &contest, sample, kaplan_markov::DEFAULT_GAMMA, None).map(|r| r.recomputed)
}

/// The portal's agreement rule: a published p-value is consistent with the
/// recomputed one when they differ by at most 0.001 in absolute terms **or**
/// by at most 1% of the recomputed value, so a claim is blocked only when it
/// disagrees by more than both.  (A slack of 1e-12 absorbs binary rounding
/// right at the boundary, e.g. 0.101 vs 0.1.)  Non-finite values are never
/// consistent.
pub fn consistent_with(published: f64, recomputed: f64) -> bool {
    if !published.is_finite() || !recomputed.is_finite() {
        return false;
    }
    const SLACK: f64 = 1e-12;
    let diff = (published - recomputed).abs();
    diff <= 0.001 + SLACK || diff <= 0.01 * recomputed.abs() + SLACK
}
