//! What lets anyone check an audit: the ballot manifest, the files committed by
//! their hash before the seed was drawn, and the sampler that turns the seed into
//! ballots. The manifest's public form is canonical CSV (`batch,ballots`, one
//! line per batch, `\n` line ends): its SHA-256 is the commitment, and the
//! portal's download serves exactly those bytes, so a reader can hash what they
//! downloaded and compare.

use super::super::digest::sha256_hex;
use super::super::values::{Line, VoteCount};
use super::super::withholding::Restricted;

/// At most this many batches in one manifest.
pub const MAX_BATCHES: usize = 20_000;
/// At most this many ballots drawn for one audit.
pub const MAX_SAMPLE: u64 = 100_000;

/// How draws from the seed become ballots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sampler {
    /// The SHA-256 consistent sampler with ticket numbers, as Arlo uses it.
    Consistent,
    /// Rivest's 2011 SHA-256 sampler, as ColoradoRLA uses it.
    Rivest,
    /// Batch comparison: whole batches drawn with probability proportional to
    /// their error bound, portably (`rla::ppeb`).
    Ppeb,
}

impl Sampler {
    pub const ALL: [Sampler; 3] = [Sampler::Consistent, Sampler::Rivest, Sampler::Ppeb];

    pub fn code(self) -> &'static str {
        match self {
            Sampler::Consistent => "consistent",
            Sampler::Rivest => "rivest",
            Sampler::Ppeb => rla::ppeb::NAME,
        }
    }

    pub fn parse(s: &str) -> Result<Sampler, String> {
        Sampler::ALL.into_iter().find(|x| x.code() == s.trim()).ok_or_else(|| {
            format!("\"{}\" is not a sampler; use consistent, rivest or ppeb", s.chars().take(40).collect::<String>())
        })
    }

    /// The version of the sampler as this portal implements it (published with
    /// the audit, so a reader knows which algorithm to run).
    pub fn version(self) -> &'static str {
        match self {
            Sampler::Consistent => "consistent_sampler 2 (Arlo; tickets of 18 digits)",
            Sampler::Rivest => "Rivest sampler.py 2011 (SHA-256)",
            Sampler::Ppeb => rla::ppeb::VERSION,
        }
    }
}

/// One batch of the manifest: its public id, its ballots, and the real label
/// (a storage place, a tabulator) when the public id is an alias; the label is
/// withheld under the policy's basis.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchDraft {
    pub batch: Line,
    pub ballots: VoteCount,
    pub label: Restricted<String>,
}

/// The ballot manifest as committed.
#[derive(Clone, Debug, PartialEq)]
pub struct ManifestDraft {
    pub batches: Vec<BatchDraft>,
}

/// The rows of an evidence file (a manifest, comparison readings, batch
/// tallies), read one way: UTF-8 text (a byte-order mark allowed), a header
/// among those accepted (trimmed, in any case), then every row that is not
/// blank with its line. A row that is not valid CSV is a mistake, and reading
/// goes on, so that a file's every mistake is reported at once.
pub(crate) struct EvidenceRows {
    pub rows: Vec<(u64, csv::StringRecord)>,
    pub mistakes: Vec<ManifestMistake>,
}

/// Reads an evidence file up to its rows; `wrong_header` is the mistake when
/// the header is none of `accepted`.
pub(crate) fn read_evidence_csv(
    bytes: &[u8],
    accepted: &[&[&str]],
    wrong_header: &str,
) -> Result<EvidenceRows, Vec<ManifestMistake>> {
    let whole = |line: u64, message: String| vec![ManifestMistake { line, column: 0, message }];
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(whole(0, "the file is not UTF-8 text; save it as CSV UTF-8".into()));
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_lowercase()).collect(),
        Err(e) => return Err(whole(1, format!("the header row could not be read: {e}"))),
    };
    if !accepted.iter().any(|a| header == *a) {
        return Err(whole(1, wrong_header.into()));
    }
    let (mut rows, mut mistakes) = (Vec::new(), Vec::new());
    for record in reader.records() {
        match record {
            Ok(r) if r.iter().all(|c| c.trim().is_empty()) => {}
            Ok(r) => rows.push((r.position().map(|p| p.line()).unwrap_or(0), r)),
            Err(e) => mistakes.push(ManifestMistake {
                line: e.position().map(|p| p.line()).unwrap_or(0),
                column: 0,
                message: format!("this row is not valid CSV: {e}"),
            }),
        }
    }
    Ok(EvidenceRows { rows, mistakes })
}

/// A mistake in a manifest file, with its line and column (1-based; 0 when the
/// mistake is the whole file's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManifestMistake {
    pub line: u64,
    pub column: usize,
    pub message: String,
}

/// What an evidence file gave: its rows, or its mistakes in the file's order
/// (unreadable rows among the others, the whole file's mistakes last). A file
/// without a row is itself a mistake, said by `empty`.
pub fn rows_or_mistakes<T>(
    rows: Vec<T>,
    mut mistakes: Vec<ManifestMistake>,
    empty: &str,
) -> Result<Vec<T>, Vec<ManifestMistake>> {
    if rows.is_empty() && mistakes.is_empty() {
        mistakes.push(ManifestMistake { line: 2, column: 0, message: empty.to_string() });
    }
    if mistakes.is_empty() {
        Ok(rows)
    } else {
        mistakes.sort_by_key(|m| (m.line == 0, m.line, m.column));
        Err(mistakes)
    }
}

impl std::fmt::Display for ManifestMistake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "{}", self.message),
            (l, 0) => write!(f, "line {l}: {}", self.message),
            (l, c) => write!(f, "line {l}, column {c}: {}", self.message),
        }
    }
}

impl ManifestDraft {
    /// The public manifest file: `batch,ballots` and one line per batch.
    pub fn public_csv(&self) -> String {
        let mut out = String::from("batch,ballots\n");
        for b in &self.batches {
            out.push_str(&format!("{},{}\n", b.batch, b.ballots.get()));
        }
        out
    }

    /// The commitment: the SHA-256 of [`ManifestDraft::public_csv`].
    pub fn sha256(&self) -> String {
        sha256_hex(self.public_csv().as_bytes())
    }

    pub fn total_ballots(&self) -> u64 {
        self.batches.iter().fold(0u64, |t, b| t.saturating_add(b.ballots.get() as u64))
    }

    /// Reads a manifest file: RFC 4180 CSV with the header `batch,ballots` and,
    /// optionally, a third column `label` (withheld: a storage place or a
    /// tabulator behind a public alias). Every mistake is reported.
    pub fn parse_csv(bytes: &[u8]) -> Result<ManifestDraft, Vec<ManifestMistake>> {
        let EvidenceRows { rows, mut mistakes } = read_evidence_csv(
            bytes,
            &[&["batch", "ballots"], &["batch", "ballots", "label"]],
            "the header must be batch,ballots (or batch,ballots,label)",
        )?;
        let mut batches: Vec<BatchDraft> = Vec::new();
        let mut seen = std::collections::HashMap::new();
        for (line, record) in rows {
            let mut fail = |column: usize, message: String| mistakes.push(ManifestMistake { line, column, message });
            let batch = match Line::parse(record.get(0).unwrap_or("").trim()) {
                Ok(b) if b.as_str().is_empty() => {
                    fail(1, "a batch needs an id".into());
                    None
                }
                Ok(b) if b.as_str().contains(',') => {
                    fail(1, "a batch id may not contain a comma".into());
                    None
                }
                Ok(b) => {
                    if let Some(first) = seen.insert(b.to_string(), line) {
                        fail(1, format!("batch \"{b}\" is already on line {first}"));
                    }
                    Some(b)
                }
                Err(m) => {
                    fail(1, format!("the batch id {m}"));
                    None
                }
            };
            let ballots = match VoteCount::parse(record.get(1).unwrap_or("")) {
                Ok(n) => Some(n),
                Err(m) => {
                    fail(2, format!("ballots {m}"));
                    None
                }
            };
            let label = record.get(2).unwrap_or("").trim().to_string();
            if let (Some(batch), Some(ballots)) = (batch, ballots) {
                batches.push(BatchDraft { batch, ballots, label: Restricted::new(label) });
            }
        }
        if batches.len() > MAX_BATCHES {
            mistakes.push(ManifestMistake {
                line: 0,
                column: 0,
                message: format!("a manifest may have at most {MAX_BATCHES} batches"),
            });
        }
        rows_or_mistakes(batches, mistakes, "the manifest has no batches").map(|batches| ManifestDraft { batches })
    }

    /// The ballots the sampler draws from `seed`: `size` draws in selection
    /// order, each (ticket, batch, 1-based position within the batch).
    pub fn draws(
        &self,
        sampler: Sampler,
        seed: &str,
        size: u64,
        with_replacement: bool,
    ) -> Result<Vec<SampledUnit>, String> {
        if size > MAX_SAMPLE {
            return Err(format!("a sample may have at most {MAX_SAMPLE} ballots"));
        }
        let manifest = rla::manifest::Manifest::new(
            self.batches.iter().map(|b| (b.batch.to_string(), b.ballots.get() as u64)).collect(),
        )
        .map_err(|e| e.to_string())?;
        let draws = match sampler {
            Sampler::Consistent => manifest.consistent_draws(seed, size, with_replacement)?,
            Sampler::Rivest => manifest.rivest_draws(seed, size, with_replacement)?,
            Sampler::Ppeb => return Err("ppeb draws whole batches, from the batch tallies, not ballots".into()),
        };
        Ok(draws.into_iter().map(|d| SampledUnit { ticket: d.ticket, batch: d.batch, position: d.position }).collect())
    }
}

/// One ballot the sampler drew.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampledUnit {
    pub ticket: String,
    pub batch: String,
    pub position: u64,
}

/// What a committed file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommittedKind {
    /// Cast-vote records: only their hash and size are published (rare ballot
    /// styles could reveal how someone voted).
    CastVoteRecords,
    /// Batch tallies (batch comparison audits).
    BatchTallies,
}

impl CommittedKind {
    pub const ALL: [CommittedKind; 2] = [CommittedKind::CastVoteRecords, CommittedKind::BatchTallies];

    pub fn code(self) -> &'static str {
        match self {
            CommittedKind::CastVoteRecords => "cast_vote_records",
            CommittedKind::BatchTallies => "batch_tallies",
        }
    }

    pub fn parse(s: &str) -> Result<CommittedKind, String> {
        CommittedKind::ALL.into_iter().find(|k| k.code() == s.trim()).ok_or_else(|| {
            format!(
                "\"{}\" is not a committed file; use cast_vote_records or batch_tallies",
                s.chars().take(40).collect::<String>()
            )
        })
    }
}

/// A file committed by its SHA-256 and size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommittedFile {
    pub kind: CommittedKind,
    pub sha256: String,
    pub bytes: i64,
}

impl CommittedFile {
    /// The commitment of a file's exact bytes.
    pub fn of(kind: CommittedKind, bytes: &[u8]) -> CommittedFile {
        CommittedFile { kind, sha256: sha256_hex(bytes), bytes: bytes.len() as i64 }
    }
}

/// An audit's evidence: its manifest and committed files (attached by imports;
/// the audit's form keeps them as they are).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evidence {
    pub manifest: Option<ManifestDraft>,
    pub files: Vec<CommittedFile>,
    /// Ballot comparison: each sampled ballot's machine and audit readings.
    pub interpretations: Vec<super::interpretation::InterpretationDraft>,
    /// Batch comparison: each contest's votes per batch, reported and (for
    /// the sampled batches) counted by hand.
    pub batch_tallies: Vec<super::batch_tally::BatchTallyDraft>,
    /// Each contest's rounds, when it took more than one (numbers cumulative;
    /// the last is the contest's own).
    pub rounds: Vec<super::round::RoundDraft>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_with_labels_withheld_and_hashes_its_public_form() {
        let m = ManifestDraft::parse_csv(b"batch,ballots,label\nB-1,120,Vault shelf 3\nB-2,80,\n").unwrap();
        assert_eq!(m.total_ballots(), 200);
        assert_eq!(m.public_csv(), "batch,ballots\nB-1,120\nB-2,80\n");
        assert!(!m.public_csv().contains("Vault"));
        assert_eq!(m.sha256(), sha256_hex(b"batch,ballots\nB-1,120\nB-2,80\n"));
        assert_eq!(m.batches[0].label.expose(), "Vault shelf 3");
    }

    #[test]
    fn manifest_mistakes_have_lines_and_columns() {
        let e = ManifestDraft::parse_csv(b"batch,ballots\nB-1,12x\nB-1,5\n,3\n").unwrap_err();
        let shown: Vec<String> = e.iter().map(|m| m.to_string()).collect();
        assert!(shown[0].starts_with("line 2, column 2: ballots"), "{shown:?}");
        assert!(shown[1].starts_with("line 3, column 1: batch \"B-1\" is already on line"), "{shown:?}");
        assert!(shown[2].starts_with("line 4, column 1: the batch id must not be empty"), "{shown:?}");
        assert!(ManifestDraft::parse_csv(b"ballots,batch\n1,2\n").is_err());
        assert!(ManifestDraft::parse_csv(b"batch,ballots\n").is_err());
    }

    #[test]
    fn the_sample_is_the_samplers() {
        let m = ManifestDraft::parse_csv(b"batch,ballots\nA,50\nB,50\n").unwrap();
        let draws = m.draws(Sampler::Consistent, "12345678901234567890", 5, false).unwrap();
        assert_eq!(draws.len(), 5);
        let again = m.draws(Sampler::Consistent, "12345678901234567890", 5, false).unwrap();
        assert_eq!(draws, again, "the same seed draws the same ballots");
        let rivest = m.draws(Sampler::Rivest, "12345678901234567890", 5, false).unwrap();
        assert!(rivest.iter().all(|d| d.position >= 1 && d.position <= 50));
        assert!(m.draws(Sampler::Consistent, "1", 101, false).is_err(), "more ballots than the manifest holds");
    }
}
