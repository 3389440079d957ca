//! The `portal sample` command:
//!
//! ```text
//! portal sample --method consistent|rivest --seed SEED --size N
//!               (--population A-B | --manifest FILE) [--with-replacement]
//! portal sample --method ppeb --seed SEED --size N --manifest FILE
//!               --tallies FILE [--contest NAME] [--winners N]
//! ```
//!
//! `--rounds 10,25` (cumulative sizes, in place of `--size` or ending at it)
//! draws the rounds of a multi-round audit: the sample continues from round to
//! round (the consistent sampler's next tickets, Rivest's counter, further PPEB
//! draws), so round k is the draws after round k-1's size up to its own, and
//! each line begins with its round (header `round,ticket,batch,position`, or
//! `round,number` for a population).
//!
//! For a population the output is one number per line in selection order;
//! for a manifest it is CSV with the header `ticket,batch,position`.
//! Without `--with-replacement`, a value already drawn is skipped. `ppeb`
//! draws whole batches (position empty), always with replacement, weighted by
//! the error bounds of the batch tallies (CSV with at least the columns
//! `contest,batch,candidate,reported`; see [`crate::ppeb`]).

use crate::manifest::{Manifest, ManifestDraw};
use crate::ppeb::{ContestTallies, PpebDraw};
use crate::{consistent_sampler, ppeb, rivest};

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
    /// Batches drawn with probability proportional to their error bound
    /// ([`crate::ppeb`]).
    Ppeb,
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
    /// The batches of a manifest, weighted by one contest's batch tallies.
    Batches(Manifest, ContestTallies),
}

/// One item of a sample.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SampleItem {
    /// A drawn number (population sampling).
    Number(u64),
    /// A drawn ballot (manifest sampling).
    Ballot(ManifestDraw),
    /// A drawn batch (PPEB).
    Batch(PpebDraw),
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
    if (method == SampleMethod::Ppeb) != matches!(population, Population::Batches(..)) {
        return Err(serr("--method ppeb draws batches: give it --manifest FILE and --tallies FILE (and only it)"));
    }
    match population {
        Population::Batches(m, contest) => {
            let weights = ppeb::weights(m, contest).map_err(|e| serr(e.message))?;
            let draws = ppeb::draws(seed, &weights, size).map_err(|e| serr(e.message))?;
            Ok(draws.into_iter().map(SampleItem::Batch).collect())
        }
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
                SampleMethod::Ppeb => unreachable!("checked above"),
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
                SampleMethod::Ppeb => unreachable!("checked above"),
            }
            .map_err(serr)?;
            Ok(draws.into_iter().map(SampleItem::Ballot).collect())
        }
    }
}

/// The exact text `portal sample` prints for a sample drawn from `population`.
pub fn format_sample(population: &Population, items: &[SampleItem]) -> String {
    let mut out = String::new();
    if let Population::Manifest(_) | Population::Batches(..) = population {
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
            SampleItem::Batch(d) => {
                out.push_str(&format!("{},{},\n", d.ticket, d.batch));
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
    /// `--tallies FILE` (ppeb).
    pub tallies_path: Option<String>,
    /// `--contest NAME` (ppeb; needed when the tallies hold several contests).
    pub contest: Option<String>,
    /// `--winners N` (ppeb; the contest's winners are its N leaders, default 1).
    pub winners: usize,
    /// `--rounds A,B,…`: the cumulative size at the end of each round.
    pub rounds: Option<Vec<u64>>,
}

/// Parse `--rounds A,B,…`: whole numbers, each larger than the one before.
pub fn parse_rounds(text: &str) -> Result<Vec<u64>, SampleError> {
    let mut out: Vec<u64> = Vec::new();
    for part in text.split(',') {
        let p = part.trim();
        if p.is_empty() || !p.bytes().all(|c| c.is_ascii_digit()) {
            return Err(serr(format!("--rounds must be cumulative sizes like 10,25, found '{text}'")));
        }
        let n = p.parse::<u64>().map_err(|_| serr(format!("--rounds size '{p}' is too large")))?;
        if n == 0 || out.last().is_some_and(|l| n <= *l) {
            return Err(serr(format!(
                "--rounds sizes are cumulative: each must be larger than the one before (and above 0), found '{text}'"
            )));
        }
        out.push(n);
    }
    Ok(out)
}

/// The round (from 1) of the draw at `index` (from 0), given each round's
/// cumulative size.
pub fn round_of(rounds: &[u64], index: usize) -> usize {
    rounds.iter().position(|s| (index as u64) < *s).unwrap_or(rounds.len().saturating_sub(1)) + 1
}

/// As [`format_sample`], each line beginning with its round.
pub fn format_rounds(population: &Population, items: &[SampleItem], rounds: &[u64]) -> String {
    let plain = format_sample(population, items);
    let mut lines = plain.lines();
    let mut out = String::new();
    if let Population::Manifest(_) | Population::Batches(..) = population {
        lines.next();
        out.push_str("round,ticket,batch,position\n");
    } else {
        out.push_str("round,number\n");
    }
    for (i, line) in lines.enumerate() {
        out.push_str(&format!("{},{line}\n", round_of(rounds, i)));
    }
    out
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
    let mut tallies_path = None;
    let mut contest = None;
    let mut winners = 1usize;
    let mut rounds = None;
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
                    "ppeb" => SampleMethod::Ppeb,
                    _ => return Err(serr(format!("--method must be 'consistent', 'rivest' or 'ppeb', found '{v}'"))),
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
            "--tallies" => tallies_path = Some(value("--tallies")?),
            "--contest" => contest = Some(value("--contest")?),
            "--rounds" => rounds = Some(parse_rounds(&value("--rounds")?)?),
            "--winners" => {
                let v = value("--winners")?;
                winners = v
                    .parse::<usize>()
                    .ok()
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| serr(format!("--winners must be a whole number from 1, found '{v}'")))?;
            }
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
    let method = method.ok_or_else(|| serr("--method is required (consistent, rivest or ppeb)"))?;
    let seed = seed.ok_or_else(|| serr("--seed is required"))?;
    let last = rounds.as_ref().and_then(|r: &Vec<u64>| r.last().copied());
    let size = match (size, last) {
        (Some(s), Some(l)) if s != l => {
            return Err(serr(format!("--size {s} differs from the last round's size {l}; give one or make them equal")))
        }
        (Some(s), _) | (None, Some(s)) => s,
        (None, None) => return Err(serr("--size is required (or --rounds)")),
    };
    match (&population, &manifest_path) {
        (None, None) => return Err(serr("give either --population A-B or --manifest FILE")),
        (Some(_), Some(_)) => return Err(serr("give either --population or --manifest, not both")),
        _ => {}
    }
    if (method == SampleMethod::Ppeb) != tallies_path.is_some() {
        return Err(serr("--tallies FILE goes with --method ppeb, which needs it"));
    }
    if method == SampleMethod::Ppeb && manifest_path.is_none() {
        return Err(serr("--method ppeb needs --manifest FILE (the batches' ballots)"));
    }
    Ok(SampleArgs {
        method,
        seed,
        size,
        population,
        manifest_path,
        with_replacement,
        tallies_path,
        contest,
        winners,
        rounds,
    })
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
            let manifest = Manifest::parse_csv(&text).map_err(|e| serr(format!("{e} (in {path})")))?;
            match &a.tallies_path {
                Some(tallies) => {
                    let text = read_file(tallies).map_err(|e| serr(format!("cannot read {tallies}: {e}")))?;
                    let contest = parse_tallies(&text, a.contest.as_deref(), a.winners)
                        .map_err(|e| serr(format!("{} (in {tallies})", e.0)))?;
                    Population::Batches(manifest, contest)
                }
                None => Population::Manifest(manifest),
            }
        }
        (None, None) => return Err(serr("give either --population A-B or --manifest FILE")),
    };
    match &a.rounds {
        Some(rounds) => {
            let items = sample_cli(a.method, &a.seed, a.size, &population, a.with_replacement)?;
            Ok(format_rounds(&population, &items, rounds))
        }
        None => sample_stdout(a.method, &a.seed, a.size, &population, a.with_replacement),
    }
}

/// Reads one contest's reported batch tallies from CSV with (at least) the
/// columns `contest,batch,candidate,reported`, in any order: the portal's
/// `batch-tallies` download of one audit (`?audit=SLUG`) reads as it is. The
/// winners are the contest's `winners` leaders by their summed votes.
pub fn parse_tallies(text: &str, contest: Option<&str>, winners: usize) -> Result<ContestTallies, SampleError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| serr(format!("the header row could not be read: {e}")))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let column = |name: &str| {
        header.iter().position(|h| h == name).ok_or_else(|| {
            serr(format!("the batch tallies need the columns contest,batch,candidate,reported; '{name}' is missing"))
        })
    };
    let (c_contest, c_batch, c_candidate, c_reported) =
        (column("contest")?, column("batch")?, column("candidate")?, column("reported")?);
    let c_audit = header.iter().position(|h| h == "audit");
    let mut audit: Option<String> = None;
    let mut rows: Vec<(String, String, String, u64)> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            serr(format!("line {line}: this row is not valid CSV: {e}"))
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |i: usize| record.get(i).unwrap_or("").trim().to_string();
        if let Some(i) = c_audit {
            match &audit {
                None => audit = Some(cell(i)),
                Some(a) if *a != cell(i) => {
                    return Err(serr(format!(
                        "line {line}: the file holds more than one audit; download one audit's tallies (?audit=SLUG)"
                    )))
                }
                Some(_) => {}
            }
        }
        let reported = cell(c_reported);
        let votes = reported
            .parse::<u64>()
            .map_err(|_| serr(format!("line {line}: reported must be a whole number, found '{reported}'")))?;
        rows.push((cell(c_contest), cell(c_batch), cell(c_candidate), votes));
    }
    let mut names: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    names.dedup();
    names.sort_unstable();
    names.dedup();
    let name = match (contest, names.as_slice()) {
        (Some(c), _) if names.contains(&c) => c.to_string(),
        (Some(c), _) => return Err(serr(format!("no batch tallies for the contest '{c}'"))),
        (None, [one]) => one.to_string(),
        (None, []) => return Err(serr("the batch tallies have no rows")),
        (None, _) => return Err(serr(format!("the tallies hold {} contests; name one with --contest", names.len()))),
    };
    let mut tallies = ContestTallies { name: name.clone(), winners: Vec::new(), batches: Vec::new() };
    for (_, batch, candidate, votes) in rows.into_iter().filter(|r| r.0 == name) {
        let i = match tallies.batches.iter().position(|(b, _)| *b == batch) {
            Some(i) => i,
            None => {
                tallies.batches.push((batch, Vec::new()));
                tallies.batches.len() - 1
            }
        };
        tallies.batches[i].1.push((candidate, votes));
    }
    let mut totals = tallies.totals();
    totals.sort_by_key(|t| std::cmp::Reverse(t.1));
    if totals.len() <= winners {
        return Err(serr(format!("{name}: {winners} winner(s) would leave no loser to audit against")));
    }
    if totals[winners - 1].1 == totals[winners].1 {
        return Err(serr(format!("{name}: a tie for the last winning place; no sample can confirm it")));
    }
    tallies.winners = totals.into_iter().take(winners).map(|t| t.0).collect();
    Ok(tallies)
}

#[cfg(test)]
mod round_tests {
    use super::*;

    fn run(args: &[&str]) -> Result<String, SampleError> {
        run_sample_command(args, |_| Ok("batch,ballots\nA,40\nB,60\n".into()))
    }

    /// A round continues the sample: the draws of a smaller size are the start
    /// of the draws of a larger one, for each sampler, with or without replacement.
    #[test]
    fn rounds_continue_the_same_sample() {
        for method in ["consistent", "rivest"] {
            for extra in [&[][..], &["--with-replacement"][..]] {
                let base = ["sample", "--method", method, "--seed", "12345678901234567890", "--manifest", "m.csv"];
                let whole = run(&[&base[1..], &["--size", "25"], extra].concat()).unwrap();
                let first = run(&[&base[1..], &["--size", "10"], extra].concat()).unwrap();
                assert!(whole.starts_with(&first), "{method}: round 1 is the start of the whole sample");
                let rounds = run(&[&base[1..], &["--rounds", "10,25"], extra].concat()).unwrap();
                let mut lines = rounds.lines();
                assert_eq!(lines.next(), Some("round,ticket,batch,position"));
                let body: Vec<&str> = lines.collect();
                assert_eq!(body.len(), 25);
                assert!(
                    body[..10].iter().all(|l| l.starts_with("1,")) && body[10..].iter().all(|l| l.starts_with("2,"))
                );
                let stripped: Vec<&str> = body.iter().map(|l| l.split_once(',').unwrap().1).collect();
                assert_eq!(stripped, whole.lines().skip(1).collect::<Vec<_>>());
            }
        }
        let pop = run_sample_command(
            &["--method", "rivest", "--seed", "1", "--rounds", "2,3", "--population", "1-100"],
            |_| Err("none".into()),
        )
        .unwrap();
        assert_eq!(pop.lines().next(), Some("round,number"));
        assert_eq!(pop.lines().filter(|l| l.starts_with("2,")).count(), 1);
        assert!(parse_rounds("10,5").is_err() && parse_rounds("0").is_err() && parse_rounds("a").is_err());
        assert!(run(&["--method", "consistent", "--seed", "1", "--size", "9", "--rounds", "5,10", "--manifest", "m"])
            .is_err());
    }
}
