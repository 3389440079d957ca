//! Ballot manifests and turning sampler draws into ballots
//! (batch, position within the batch).
//!
//! * Consistent sampler: every ballot gets Arlo's id `(batch, position)`
//!   (`str()` of the Python tuple, e.g. `('pct 2', 3)`), hashed with the seed,
//!   as Arlo's `sampler.draw_sample` does; tickets are trimmed to 18 digits.
//! * Rivest sampler: draws are global ballot numbers `1..=total`, mapped to
//!   batches by cumulative counts in manifest order (as ColoradoRLA maps its
//!   random sequence numbers onto the ballot list); the ticket is the draw's
//!   counter.

use crate::consistent_sampler::{py_repr_str, sampler_iter};
use crate::rivest;

/// Largest number of ballots a manifest may hold.
pub const MAX_BALLOTS: u64 = 1_000_000_000_000;

/// A ballot manifest: batches in order, with their ballot counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Manifest {
    /// `(batch id, ballots)` in manifest order; ids are unique.
    pub batches: Vec<(String, u64)>,
}

/// A problem in a manifest, with its 1-based line number (0 when the
/// problem is not tied to a line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManifestError {
    /// 1-based line number.
    pub line: usize,
    /// Plain description.
    pub message: String,
}

impl std::fmt::Display for ManifestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "manifest line {}: {}", self.line, self.message)
        } else {
            write!(f, "manifest: {}", self.message)
        }
    }
}

impl std::error::Error for ManifestError {}

fn merr(line: usize, message: impl Into<String>) -> ManifestError {
    ManifestError { line, message: message.into() }
}

/// A sampled ballot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManifestDraw {
    /// Consistent sampler: the ticket number (18 digits); Rivest: the draw counter.
    pub ticket: String,
    /// Batch id.
    pub batch: String,
    /// 1-based position of the ballot within the batch.
    pub position: u64,
}

impl Manifest {
    /// A manifest from `(batch, ballots)` pairs; batch ids must be non-empty
    /// and unique, and the total at most [`MAX_BALLOTS`].
    pub fn new(batches: Vec<(String, u64)>) -> Result<Manifest, ManifestError> {
        let total = batches.iter().try_fold(0u64, |acc, b| acc.checked_add(b.1)).filter(|t| *t <= MAX_BALLOTS);
        if total.is_none() {
            return Err(merr(0, format!("the manifest holds more than {MAX_BALLOTS} ballots")));
        }
        let mut seen = std::collections::HashMap::new();
        for (i, (b, _)) in batches.iter().enumerate() {
            if b.is_empty() {
                return Err(merr(0, format!("batch number {} has an empty id", i + 1)));
            }
            if seen.insert(b.clone(), i).is_some() {
                return Err(merr(0, format!("batch '{b}' is listed twice")));
            }
        }
        Ok(Manifest { batches })
    }

    /// Parse CSV text with the header `batch,ballots` and one row per batch.
    /// Fields are trimmed; quotes are not supported; blank lines are ignored.
    pub fn parse_csv(text: &str) -> Result<Manifest, ManifestError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = text.split('\n').enumerate();
        let mut header_seen = false;
        let mut batches: Vec<(String, u64)> = Vec::new();
        let mut first_line: std::collections::HashMap<String, usize> = Default::default();
        let mut total: u64 = 0;
        for (i, raw) in lines.by_ref() {
            let line_no = i + 1;
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            if line.trim().is_empty() {
                continue;
            }
            if line.contains('"') {
                return Err(merr(line_no, "quotes are not supported; write the fields without quotes"));
            }
            let fields: Vec<&str> = line.split(',').map(|f| f.trim()).collect();
            if !header_seen {
                if fields.len() != 2
                    || !fields[0].eq_ignore_ascii_case("batch")
                    || !fields[1].eq_ignore_ascii_case("ballots")
                {
                    return Err(merr(line_no, format!("the header must be 'batch,ballots', found '{line}'")));
                }
                header_seen = true;
                continue;
            }
            if fields.len() != 2 {
                return Err(merr(line_no, format!("expected 2 fields (batch,ballots) but found {}", fields.len())));
            }
            let batch = fields[0];
            if batch.is_empty() {
                return Err(merr(line_no, "the batch id is empty"));
            }
            let count = fields[1];
            if count.is_empty() || !count.bytes().all(|c| c.is_ascii_digit()) {
                return Err(merr(line_no, format!("the ballot count must be a whole number, found '{count}'")));
            }
            let n: u64 =
                count.parse().map_err(|_| merr(line_no, format!("the ballot count '{count}' is too large")))?;
            if let Some(prev) = first_line.get(batch) {
                return Err(merr(line_no, format!("batch '{batch}' is listed twice (first on line {prev})")));
            }
            total = total
                .checked_add(n)
                .filter(|t| *t <= MAX_BALLOTS)
                .ok_or_else(|| merr(line_no, format!("the manifest holds more than {MAX_BALLOTS} ballots")))?;
            first_line.insert(batch.to_string(), line_no);
            batches.push((batch.to_string(), n));
        }
        if !header_seen {
            return Err(merr(1, "the manifest is empty; expected the header 'batch,ballots'"));
        }
        if batches.is_empty() {
            return Err(merr(0, "the manifest lists no batches"));
        }
        Ok(Manifest { batches })
    }

    /// Total ballots in the manifest (saturating).
    pub fn total_ballots(&self) -> u64 {
        self.batches.iter().fold(0u64, |acc, b| acc.saturating_add(b.1))
    }

    /// The ballot with 1-based global number `index` (counting through the
    /// batches in manifest order): `(batch index, 1-based position)`.
    pub fn locate(&self, index: u64) -> Option<(usize, u64)> {
        if index == 0 {
            return None;
        }
        let mut before = 0u64;
        for (i, (_, n)) in self.batches.iter().enumerate() {
            if index - before <= *n {
                return Some((i, index - before));
            }
            before = before.saturating_add(*n);
            if before >= index {
                return None;
            }
        }
        None
    }

    /// Draw `n` ballots with the consistent sampler, as Arlo's `draw_sample`
    /// (ids `(batch, position)`, tickets trimmed to 18 digits), in ticket order.
    pub fn consistent_draws(&self, seed: &str, n: u64, with_replacement: bool) -> Result<Vec<ManifestDraw>, String> {
        let total = self.total_ballots();
        if !with_replacement && n > total {
            return Err(format!("cannot draw {n} different ballots from a manifest of {total} ballots"));
        }
        if total == 0 && n > 0 {
            return Err("the manifest has no ballots".to_string());
        }
        // Arlo's ids, str(('batch', position)), generated lazily
        let reprs: Vec<String> = self.batches.iter().map(|(b, _)| py_repr_str(b)).collect();
        let ids =
            self.batches.iter().zip(reprs.iter()).flat_map(|((_, c), r)| (1..=*c).map(move |p| format!("({r}, {p})")));
        // usize is 32 bits in the browser (wasm32): refuse rather than truncate.
        let take = usize::try_from(n).map_err(|_| format!("cannot draw {n} ballots at once: ask for fewer"))?;
        let tickets = sampler_iter(ids, seed, with_replacement, 0, take, 18);
        tickets
            .into_iter()
            .map(|t| {
                let (bi, pos) = self
                    .locate(t.index as u64 + 1)
                    .ok_or_else(|| "internal error: ballot outside the manifest".to_string())?;
                Ok(ManifestDraw { ticket: t.ticket_number, batch: self.batches[bi].0.clone(), position: pos })
            })
            .collect()
    }

    /// Draw `n` ballots with Rivest's sampler over `1..=total`, mapped to
    /// batches by cumulative counts; the ticket is the draw counter.
    pub fn rivest_draws(&self, seed: &str, n: u64, with_replacement: bool) -> Result<Vec<ManifestDraw>, String> {
        let total = self.total_ballots();
        if total == 0 {
            return if n == 0 { Ok(Vec::new()) } else { Err("the manifest has no ballots".to_string()) };
        }
        let draws = rivest::sample(seed, 1, total, n, with_replacement).map_err(|e| e.to_string())?;
        draws
            .into_iter()
            .map(|d| {
                let (bi, pos) =
                    self.locate(d.value).ok_or_else(|| format!("ballot {} is outside the manifest", d.value))?;
                Ok(ManifestDraw { ticket: d.counter.to_string(), batch: self.batches[bi].0.clone(), position: pos })
            })
            .collect()
    }
}
