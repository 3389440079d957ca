//! A batch-comparison audit's evidence batch by batch: for each contest and
//! batch of the manifest, each candidate's votes as the machines reported them
//! and, for the batches the seed drew, as the audit board counted them by hand.
//!
//! The reported tallies are committed before the seed, like the manifest: the
//! commitment is the SHA-256 of their canonical CSV
//! (`contest,batch,candidate,reported`, one line per row in the order
//! imported, `\n` line ends, RFC 4180 quoting), which a reader rebuilds from
//! the `batch-tallies` download. The sample is drawn from them (PPEB), and the
//! MACRO risk is recomputed from them and the hand counts.

use super::evidence::{read_evidence_csv, rows_or_mistakes, EvidenceRows, ManifestDraft, ManifestMistake};
use super::ContestDraft;
use crate::domain::digest::sha256_hex;
use crate::domain::values::{Line, VoteCount};

/// At most this many rows of batch tallies in one audit.
pub const MAX_BATCH_TALLIES: usize = 200_000;

/// One candidate's votes in one batch for one contest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchTallyDraft {
    /// The contest's position in the audit.
    pub contest: usize,
    pub batch: Line,
    pub candidate: Line,
    /// The machines' count.
    pub reported: VoteCount,
    /// The audit board's hand count (sampled batches only).
    pub audited: Option<VoteCount>,
}

/// The committed form of the reported tallies (see the module's description).
pub fn reported_csv(rows: &[BatchTallyDraft], contests: &[ContestDraft]) -> String {
    committed_csv(rows.iter().map(|r| {
        let contest = contests.get(r.contest).map(|c| c.name.as_str()).unwrap_or("");
        (contest, r.batch.as_str(), r.candidate.as_str(), r.reported.get())
    }))
}

/// The committed CSV of `(contest, batch, candidate, reported)` rows, in order:
/// what [`reported_csv`] hashes and `/audits/{slug}/batch-tallies.csv` serves.
pub fn committed_csv<'a>(rows: impl IntoIterator<Item = (&'a str, &'a str, &'a str, i64)>) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let _ = w.write_record(["contest", "batch", "candidate", "reported"]);
    for (contest, batch, candidate, reported) in rows {
        let _ = w.write_record([contest, batch, candidate, reported.to_string().as_str()]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The commitment: the SHA-256 of [`reported_csv`].
pub fn sha256(rows: &[BatchTallyDraft], contests: &[ContestDraft]) -> String {
    sha256_hex(reported_csv(rows, contests).as_bytes())
}

/// The hand-counted batches of a contest: `(batch, [(candidate, audited)])`.
pub fn audited_batches(rows: &[BatchTallyDraft], contest: usize) -> Vec<(String, Vec<(String, i64)>)> {
    let mut out: Vec<(String, Vec<(String, i64)>)> = Vec::new();
    for r in rows.iter().filter(|r| r.contest == contest) {
        let Some(a) = r.audited else { continue };
        match out.iter_mut().find(|(b, _)| b == r.batch.as_str()) {
            Some((_, votes)) => votes.push((r.candidate.to_string(), a.get())),
            None => out.push((r.batch.to_string(), vec![(r.candidate.to_string(), a.get())])),
        }
    }
    out
}

/// The contest's reported tallies in the form the PPEB draw reads.
pub fn contest_tallies(rows: &[BatchTallyDraft], index: usize, contest: &ContestDraft) -> rla::ppeb::ContestTallies {
    let mut batches: Vec<(String, Vec<(String, u64)>)> = Vec::new();
    for r in rows.iter().filter(|r| r.contest == index) {
        let vote = (r.candidate.to_string(), r.reported.get().max(0) as u64);
        match batches.iter_mut().find(|(b, _)| b == r.batch.as_str()) {
            Some((_, votes)) => votes.push(vote),
            None => batches.push((r.batch.to_string(), vec![vote])),
        }
    }
    rla::ppeb::ContestTallies {
        name: contest.name.to_string(),
        winners: contest.winners.iter().map(|w| w.to_string()).collect(),
        batches,
    }
}

/// Reads a batch tallies file: CSV with the header
/// `contest,batch,candidate,reported,audited` (`audited` empty for a batch not
/// counted by hand; the column may be left out before the seed). Each contest
/// must be the audit's, each batch the manifest's, each candidate the
/// contest's; a contest's reported batch tallies must add up to its reported
/// results, and a hand-counted batch needs a hand count for every candidate
/// listed in it. Every mistake is reported with its line and column.
pub fn parse_csv(
    bytes: &[u8],
    contests: &[ContestDraft],
    manifest: &ManifestDraft,
) -> Result<Vec<BatchTallyDraft>, Vec<ManifestMistake>> {
    let EvidenceRows { rows, mut mistakes } = read_evidence_csv(
        bytes,
        &[&["contest", "batch", "candidate", "reported", "audited"], &["contest", "batch", "candidate", "reported"]],
        "the header must be contest,batch,candidate,reported,audited",
    )?;
    let mut out: Vec<BatchTallyDraft> = Vec::new();
    let mut lines: Vec<u64> = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for (line, record) in rows {
        let mut fail = |column: usize, message: String| mistakes.push(ManifestMistake { line, column, message });
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        let shown = |s: &str| s.chars().take(60).collect::<String>();
        let contest = contests.iter().position(|c| c.name.as_str() == cell(0));
        if contest.is_none() {
            fail(1, format!("\"{}\" is not a contest of this audit", shown(cell(0))));
        }
        let batch = manifest.batches.iter().find(|b| b.batch.as_str() == cell(1)).map(|b| b.batch.clone());
        if batch.is_none() {
            fail(2, format!("batch \"{}\" is not in the audit's ballot manifest", shown(cell(1))));
        }
        let candidate = contest.and_then(|i| {
            let found =
                contests[i].tallies.iter().find(|t| t.candidate.as_str() == cell(2)).map(|t| t.candidate.clone());
            if found.is_none() {
                fail(3, format!("\"{}\" is not a candidate in {}", shown(cell(2)), contests[i].name));
            }
            found
        });
        let reported = VoteCount::parse(cell(3)).map_err(|m| fail(4, format!("reported {m}"))).ok();
        let audited = if cell(4).is_empty() {
            Some(None)
        } else {
            VoteCount::parse(cell(4)).map_err(|m| fail(5, format!("audited {m}"))).ok().map(Some)
        };
        let (Some(contest), Some(batch), Some(candidate), Some(reported), Some(audited)) =
            (contest, batch, candidate, reported, audited)
        else {
            continue;
        };
        if let Some(first) = seen.insert((contest, batch.to_string(), candidate.to_string()), line) {
            fail(3, format!("{candidate} in batch {batch} of this contest is already on line {first}"));
            continue;
        }
        out.push(BatchTallyDraft { contest, batch, candidate, reported, audited });
        lines.push(line);
    }
    if out.len() > MAX_BATCH_TALLIES {
        mistakes.push(ManifestMistake {
            line: 0,
            column: 0,
            message: format!("an audit may have at most {MAX_BATCH_TALLIES} rows of batch tallies"),
        });
    }
    // A hand-counted batch is counted for every candidate listed in it.
    for (i, r) in out.iter().enumerate() {
        if r.audited.is_none()
            && out.iter().any(|o| o.contest == r.contest && o.batch == r.batch && o.audited.is_some())
        {
            mistakes.push(ManifestMistake {
                line: lines[i],
                column: 5,
                message: format!(
                    "batch {} was counted by hand for other candidates: give {}'s count",
                    r.batch, r.candidate
                ),
            });
        }
    }
    for (index, c) in contests.iter().enumerate() {
        if !out.iter().any(|r| r.contest == index) {
            continue;
        }
        for t in &c.tallies {
            let sum: i64 =
                out.iter().filter(|r| r.contest == index && r.candidate == t.candidate).map(|r| r.reported.get()).sum();
            if sum != t.reported_votes.get() {
                mistakes.push(ManifestMistake {
                    line: 0,
                    column: 0,
                    message: format!(
                        "{}: the batch tallies give {} {} votes, but the contest reports {}; the batches must add \
                         up to the reported results",
                        c.name,
                        t.candidate,
                        sum,
                        t.reported_votes.get()
                    ),
                });
            }
        }
    }
    rows_or_mistakes(out, mistakes, "the file has no batch tallies")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::ContestInput;
    use crate::domain::draft::Checks;

    fn contests() -> Vec<ContestDraft> {
        let input = ContestInput {
            name: "Collector".into(),
            winners: "Ann".into(),
            ballots_cast: "300".into(),
            reported_results: "Ann=170;Bo=110".into(),
            ..ContestInput::default()
        };
        vec![input.to_draft(&mut Checks::default(), "").unwrap()]
    }

    fn manifest() -> ManifestDraft {
        ManifestDraft::parse_csv(b"batch,ballots\nP-1,150\nP-2,150\n").unwrap()
    }

    #[test]
    fn tallies_read_and_commit_to_their_reported_votes() {
        let file = b"contest,batch,candidate,reported,audited\nCollector,P-1,Ann,90,89\nCollector,P-1,Bo,50,51\n\
                     Collector,P-2,Ann,80,\nCollector,P-2,Bo,60,\n";
        let rows = parse_csv(file, &contests(), &manifest()).unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].audited.map(|v| v.get()), Some(89));
        assert_eq!(rows[2].audited, None);
        let csv = reported_csv(&rows, &contests());
        assert_eq!(csv, "contest,batch,candidate,reported\nCollector,P-1,Ann,90\nCollector,P-1,Bo,50\nCollector,P-2,Ann,80\nCollector,P-2,Bo,60\n");
        // The hand counts are not part of the commitment (they come after the seed).
        let before = parse_csv(
            b"contest,batch,candidate,reported\nCollector,P-1,Ann,90\nCollector,P-1,Bo,50\nCollector,P-2,Ann,80\nCollector,P-2,Bo,60\n",
            &contests(),
            &manifest(),
        )
        .unwrap();
        assert_eq!(sha256(&before, &contests()), sha256(&rows, &contests()));
        assert_eq!(audited_batches(&rows, 0), vec![("P-1".to_string(), vec![("Ann".into(), 89), ("Bo".into(), 51)])]);
    }

    #[test]
    fn every_mistake_is_placed() {
        let bad = b"contest,batch,candidate,reported,audited\nMayor,P-1,Ann,1,\nCollector,P-9,Ann,1,\n\
                    Collector,P-1,Dee,1,\nCollector,P-1,Ann,x,\nCollector,P-1,Ann,90,90\nCollector,P-1,Bo,50,\n";
        let shown: Vec<String> =
            parse_csv(bad, &contests(), &manifest()).unwrap_err().iter().map(|m| m.to_string()).collect();
        assert!(shown[0].starts_with("line 2, column 1: \"Mayor\" is not a contest"), "{shown:?}");
        assert!(
            shown[1].starts_with("line 3, column 2: batch \"P-9\" is not in the audit's ballot manifest"),
            "{shown:?}"
        );
        assert!(shown[2].starts_with("line 4, column 3: \"Dee\" is not a candidate in Collector"), "{shown:?}");
        assert!(shown[3].starts_with("line 5, column 4: reported"), "{shown:?}");
        assert!(shown[4].starts_with("line 7, column 5: batch P-1 was counted by hand"), "{shown:?}");
        assert!(shown[5].contains("the batch tallies give Ann 90 votes, but the contest reports 170"), "{shown:?}");
        assert!(parse_csv(b"batch,ballots\n", &contests(), &manifest()).is_err());
    }
}
