//! Ronald L. Rivest's 2011 SHA-256 sampler (`sampler.py`, "November 14,
//! 2011"), which ColoradoRLA reimplements as `PseudoRandomNumberGenerator`.
//!
//! Draw `i` (i = 1, 2, ...) hashes the UTF-8 text `seed + "," + i`, reads
//! the digest as a big-endian integer `h`, and picks `a + (h mod (b - a + 1))`.
//! Without replacement a pick equal to an earlier one is skipped (the counter
//! still advances) until `n` distinct values are found.

use sha2::{Digest, Sha256};

/// One accepted draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RivestDraw {
    /// The counter `i` hashed for this draw (skipped duplicates leave gaps).
    pub counter: u64,
    /// The value picked in `a..=b`.
    pub value: u64,
}

/// Errors from [`sample`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RivestError {
    /// `a > b`.
    EmptyRange,
    /// The range holds more than `u64::MAX` values.
    RangeTooLarge,
    /// More distinct values asked for than the range holds.
    TooManyWithoutReplacement {
        /// Requested sample size.
        n: u64,
        /// Size of the range.
        population: u64,
    },
}

impl std::fmt::Display for RivestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RivestError::EmptyRange => write!(f, "the range is empty (start is after end)"),
            RivestError::RangeTooLarge => write!(f, "the range is too large"),
            RivestError::TooManyWithoutReplacement { n, population } => {
                write!(f, "cannot draw {n} distinct values from a population of {population}")
            }
        }
    }
}

impl std::error::Error for RivestError {}

/// `int(sha256(seed + "," + counter).hexdigest(), 16) % modulus`.
pub fn hash_mod(seed: &str, counter: u64, modulus: u64) -> u64 {
    let digest = Sha256::digest(format!("{seed},{counter}").as_bytes());
    let m = modulus as u128;
    let mut r: u128 = 0;
    for &b in digest.iter() {
        r = ((r << 8) | b as u128) % m;
    }
    r as u64
}

/// Rivest's `generate_outputs(n, with_replacement, a, b, seed, skip=0)`:
/// `n` draws from `a..=b`, in order.
pub fn sample(seed: &str, a: u64, b: u64, n: u64, with_replacement: bool) -> Result<Vec<RivestDraw>, RivestError> {
    if a > b {
        return Err(RivestError::EmptyRange);
    }
    let population = (b - a).checked_add(1).ok_or(RivestError::RangeTooLarge)?;
    let modulus = population;
    if !with_replacement && n > population {
        return Err(RivestError::TooManyWithoutReplacement { n, population });
    }
    let mut out = Vec::with_capacity(n.min(1 << 20) as usize);
    let mut seen = std::collections::HashSet::new();
    let mut counter: u64 = 0;
    while (out.len() as u64) < n {
        counter += 1;
        let pick = a + hash_mod(seed, counter, modulus);
        if !with_replacement && !seen.insert(pick) {
            continue;
        }
        out.push(RivestDraw { counter, value: pick });
    }
    Ok(out)
}

/// Convenience: just the values of [`sample`].
pub fn sample_values(seed: &str, a: u64, b: u64, n: u64, with_replacement: bool) -> Result<Vec<u64>, RivestError> {
    Ok(sample(seed, a, b, n, with_replacement)?.into_iter().map(|d| d.value).collect())
}
