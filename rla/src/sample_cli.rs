//! The `portal sample` command:
//!
//! ```text
//! portal sample --method consistent|rivest --seed SEED --size N
//!               (--population A-B | --manifest FILE) [--with-replacement]
//! ```
//!
//! For a population the output is one number per line in selection order;
//! for a manifest it is CSV with the header `ticket,batch,position`.
//! Without `--with-replacement`, a value already drawn is skipped.

use crate::manifest::{Manifest, ManifestDraw};
use crate::{consistent_sampler, rivest};

/// Largest `--size` accepted.
pub const MAX_SAMPLE_SIZE: u64 = 10_000_000;

/// Largest population (or manifest) the consistent sampler accepts: every
/// member is hashed.
pub const MAX_CONSISTENT_POPULATION: u64 = 100_000_000;

/// Which sampler to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SampleMethod {
    /// The SHA-256 consistent sampler (votingworks/consistent_sampler, Arlo).
    Consistent,
    /// Rivest's 2011 SHA-256 sampler (sampler.py, ColoradoRLA).
    Rivest,
}

/// What to sample from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Population {
    /// The integers `first..=last`.
    Range {
        /// Smallest value.
        first: u64,
        /// Largest value.
        last: u64,
    },
    /// The ballots of a manifest.
    Manifest(Manifest),
}

/// One item of a sample.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SampleItem {
    /// A drawn number (population sampling).
    Number(u64),
    /// A drawn ballot (manifest sampling).
    Ballot(ManifestDraw),
}

/// A problem with the `sample` command's arguments or inputs, in plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleError(pub String);

impl std::fmt::Display for SampleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::error::Error for SampleError {}

fn serr(m: impl Into<String>) -> SampleError {
    SampleError(m.into())
}

/// Parse `A-B` (two whole numbers, `A <= B`).
pub fn parse_range(text: &str) -> Result<(u64, u64), SampleError> {
    let (a, b) = text
        .split_once('-')
        .ok_or_else(|| serr(format!("--population must look like A-B (for example 1-1000), found '{text}'")))?;
    let parse = |s: &str| -> Result<u64, SampleError> {
        let s = s.trim();
        if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) {
            return Err(serr(format!("--population must look like A-B with whole numbers, found '{text}'")));
        }
        s.parse::<u64>().map_err(|_| serr(format!("--population number '{s}' is too large")))
    };
    let (a, b) = (parse(a)?, parse(b)?);
    if a > b {
        return Err(serr(format!("--population start {a} is larger than its end {b}")));
    }
    Ok((a, b))
}

/// Draw a sample.  `size` is the number of draws; without replacement it may
/// not exceed the population.
pub fn sample_cli(
    method: SampleMethod,
    seed: &str,
    size: u64,
    population: &Population,
    with_replacement: bool,
) -> Result<Vec<SampleItem>, SampleError> {
    if seed.is_empty() {
        return Err(serr("--seed must not be empty"));
    }
    if size > MAX_SAMPLE_SIZE {
        return Err(serr(format!("--size {size} is too large (at most {MAX_SAMPLE_SIZE})")));
    }
    if let Population::Manifest(m) = population {
        if method == SampleMethod::Consistent && m.total_ballots() > MAX_CONSISTENT_POPULATION {
            return Err(serr(format!(
                "the manifest is too large for the consistent sampler (at most {MAX_CONSISTENT_POPULATION} ballots)"
            )));
        }
    }
    match population {
        Population::Range { first, last } => {
            let (a, b) = (*first, *last);
            if a > b {
                return Err(serr(format!("--population start {a} is larger than its end {b}")));
            }
            let n_pop = (b - a).checked_add(1);
            if let Some(np) = n_pop {
                if !with_replacement && size > np {
                    return Err(serr(format!(
                        "cannot draw {size} different numbers from a population of {np} without replacement"
                    )));
                }
            }
            match method {
                SampleMethod::Rivest => {
                    let v =
                        rivest::sample_values(seed, a, b, size, with_replacement).map_err(|e| serr(e.to_string()))?;
                    Ok(v.into_iter().map(SampleItem::Number).collect())
                }
                SampleMethod::Consistent => {
                    let np = n_pop.ok_or_else(|| serr("--population is too large"))?;
                    if np > MAX_CONSISTENT_POPULATION {
                        return Err(serr(format!(
                            "--population is too large for the consistent sampler (at most {MAX_CONSISTENT_POPULATION} values)"
                        )));
                    }
                    let ids = (a..=b).map(|i| i.to_string());
                    let t = consistent_sampler::sampler_iter(ids, seed, with_replacement, 0, size as usize, 9);
                    Ok(t.into_iter().map(|t| SampleItem::Number(a + t.index as u64)).collect())
                }
            }
        }
        Population::Manifest(m) => {
            let draws = match method {
                SampleMethod::Consistent => m.consistent_draws(seed, size, with_replacement),
                SampleMethod::Rivest => m.rivest_draws(seed, size, with_replacement),
            }
            .map_err(serr)?;
            Ok(draws.into_iter().map(SampleItem::Ballot).collect())
        }
    }
}

/// The exact text `portal sample` prints for a sample drawn from `population`.
pub fn format_sample(population: &Population, items: &[SampleItem]) -> String {
    let mut out = String::new();
    if let Population::Manifest(_) = population {
        out.push_str("ticket,batch,position\n");
    }
    for it in items {
        match it {
            SampleItem::Number(n) => {
                out.push_str(&n.to_string());
                out.push('\n');
            }
            SampleItem::Ballot(d) => {
                out.push_str(&format!("{},{},{}\n", d.ticket, d.batch, d.position));
            }
        }
    }
    out
}

/// Draw a sample and return exactly what `portal sample` prints.
pub fn sample_stdout(
    method: SampleMethod,
    seed: &str,
    size: u64,
    population: &Population,
    with_replacement: bool,
) -> Result<String, SampleError> {
    let items = sample_cli(method, seed, size, population, with_replacement)?;
    Ok(format_sample(population, &items))
}

/// Parsed arguments of `portal sample`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleArgs {
    /// `--method`.
    pub method: SampleMethod,
    /// `--seed`.
    pub seed: String,
    /// `--size`.
    pub size: u64,
    /// `--population A-B` as `(A, B)`, or
    pub population: Option<(u64, u64)>,
    /// `--manifest FILE`.
    pub manifest_path: Option<String>,
    /// `--with-replacement`.
    pub with_replacement: bool,
}

/// Parse the arguments after `portal sample` (flags may come in any order;
/// `--flag=value` is accepted too).
pub fn parse_sample_args<S: AsRef<str>>(args: &[S]) -> Result<SampleArgs, SampleError> {
    let mut method = None;
    let mut seed = None;
    let mut size = None;
    let mut population = None;
    let mut manifest_path = None;
    let mut with_replacement = false;
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_ref();
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg, None),
        };
        let mut value = |name: &str| -> Result<String, SampleError> {
            if let Some(v) = inline.clone() {
                return Ok(v);
            }
            i += 1;
            args.get(i).map(|s| s.as_ref().to_string()).ok_or_else(|| serr(format!("{name} needs a value")))
        };
        match flag {
            "--method" => {
                let v = value("--method")?;
                method = Some(match v.as_str() {
                    "consistent" => SampleMethod::Consistent,
                    "rivest" => SampleMethod::Rivest,
                    _ => return Err(serr(format!("--method must be 'consistent' or 'rivest', found '{v}'"))),
                });
            }
            "--seed" => seed = Some(value("--seed")?),
            "--size" => {
                let v = value("--size")?;
                if v.is_empty() || !v.bytes().all(|c| c.is_ascii_digit()) {
                    return Err(serr(format!("--size must be a whole number, found '{v}'")));
                }
                size = Some(v.parse::<u64>().map_err(|_| serr(format!("--size '{v}' is too large")))?);
            }
            "--population" => population = Some(parse_range(&value("--population")?)?),
            "--manifest" => manifest_path = Some(value("--manifest")?),
            "--with-replacement" => {
                if inline.is_some() {
                    return Err(serr("--with-replacement takes no value"));
                }
                with_replacement = true;
            }
            other => return Err(serr(format!("unknown argument '{other}'"))),
        }
        i += 1;
    }
    let method = method.ok_or_else(|| serr("--method is required (consistent or rivest)"))?;
    let seed = seed.ok_or_else(|| serr("--seed is required"))?;
    let size = size.ok_or_else(|| serr("--size is required"))?;
    match (&population, &manifest_path) {
        (None, None) => return Err(serr("give either --population A-B or --manifest FILE")),
        (Some(_), Some(_)) => return Err(serr("give either --population or --manifest, not both")),
        _ => {}
    }
    Ok(SampleArgs { method, seed, size, population, manifest_path, with_replacement })
}

/// Run `portal sample ARGS`: parse the arguments, read the manifest (if any)
/// with `read_file`, and return the text to print.
pub fn run_sample_command<S: AsRef<str>>(
    args: &[S],
    read_file: impl Fn(&str) -> Result<String, String>,
) -> Result<String, SampleError> {
    let a = parse_sample_args(args)?;
    let population = match (a.population, &a.manifest_path) {
        (Some((first, last)), _) => Population::Range { first, last },
        (None, Some(path)) => {
            let text = read_file(path).map_err(|e| serr(format!("cannot read {path}: {e}")))?;
            Population::Manifest(Manifest::parse_csv(&text).map_err(|e| serr(format!("{e} (in {path})")))?)
        }
        (None, None) => return Err(serr("give either --population A-B or --manifest FILE")),
    };
    sample_stdout(a.method, &a.seed, a.size, &population, a.with_replacement)
}
