//! A ballot-comparison audit's evidence ballot by ballot: for each sampled
//! ballot and contest, what the machine recorded (its cast-vote record) and what
//! the audit board read on the paper, and the discrepancy the portal counts
//! from the two. The office's o1/o2/u1/u2 must equal these counts, so the
//! discrepancies a comparison audit publishes are derived, never asserted.
//!
//! The discrepancy is Arlo's: for each pair of a reported winner and a loser,
//! the machine's margin on this ballot (+1, 0 or −1) less the audit board's; the
//! ballot's discrepancy is that of the pair where it weighs most against the
//! pair's reported margin (2: a two-vote overstatement … −2: a two-vote
//! understatement). A ballot the board could not find counts as a two-vote
//! overstatement, the worst case.

use super::evidence::{read_evidence_csv, rows_or_mistakes, EvidenceRows, ManifestMistake, SampledUnit};
use super::ContestDraft;
use crate::domain::values::Line;

/// At most this many interpretations in one audit.
pub const MAX_INTERPRETATIONS: usize = 200_000;

/// One sampled ballot's reading in one contest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InterpretationDraft {
    pub batch: Line,
    /// 1-based position of the ballot within its batch.
    pub position: u64,
    /// The contest's position in the audit.
    pub contest: usize,
    /// The candidates the machine recorded a vote for (empty: no vote).
    pub machine: Vec<Line>,
    /// The candidates the audit board found marked, or `None` when the ballot
    /// was not found.
    pub audited: Option<Vec<Line>>,
}

/// What the text `not found` in the `audited` column means.
pub const NOT_FOUND: &str = "not found";

fn votes_for(marks: &[Line], candidate: &str) -> i64 {
    i64::from(marks.iter().any(|m| m.as_str() == candidate))
}

/// The discrepancy of one ballot in one contest, in votes (−2 to 2, positive
/// an overstatement of the winners' margin).
pub fn discrepancy(contest: &ContestDraft, machine: &[Line], audited: Option<&[Line]>) -> i64 {
    let Some(audited) = audited else { return 2 };
    let winners: Vec<&str> = contest.winners.iter().map(|w| w.as_str()).collect();
    let losers = contest.tallies.iter().map(|t| t.candidate.as_str()).filter(|c| !winners.contains(c));
    let votes = |name: &str| {
        contest.tallies.iter().find(|t| t.candidate.as_str() == name).map(|t| t.reported_votes.get()).unwrap_or(0)
    };
    // (weight, discrepancy) of the worst pair so far.
    let mut worst: Option<(f64, i64)> = None;
    for loser in losers {
        for winner in &winners {
            let margin = votes(winner) - votes(loser);
            if margin <= 0 {
                continue;
            }
            let reported = votes_for(machine, winner) - votes_for(machine, loser);
            let found = votes_for(audited, winner) - votes_for(audited, loser);
            let e = reported - found;
            let weight = e as f64 / margin as f64;
            if worst.is_none_or(|(w, _)| weight > w) {
                worst = Some((weight, e));
            }
        }
    }
    worst.map(|(_, e)| e).unwrap_or(0)
}

/// The discrepancies a contest's sample holds, counted from its readings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counted {
    /// Ballots of the contest's sample that have a reading.
    pub read: u64,
    /// Ballots of the contest's sample (its first `sample_size` draws).
    pub sampled: u64,
    pub o1: u64,
    pub o2: u64,
    pub u1: u64,
    pub u2: u64,
}

/// For contest `index`, its sample (the audit's first `sample_size` draws, a
/// ballot drawn twice counted twice) read against `readings`.
pub fn count(contest: &ContestDraft, index: usize, draws: &[SampledUnit], readings: &[InterpretationDraft]) -> Counted {
    let size = contest.sample_size.map(|n| n.get().max(0) as usize).unwrap_or(0);
    let mut counted = Counted::default();
    for unit in draws.iter().take(size) {
        counted.sampled += 1;
        let reading = readings
            .iter()
            .find(|r| r.contest == index && r.batch.as_str() == unit.batch && r.position == unit.position);
        let Some(r) = reading else { continue };
        counted.read += 1;
        match discrepancy(contest, &r.machine, r.audited.as_deref()) {
            2 => counted.o2 += 1,
            1 => counted.o1 += 1,
            -1 => counted.u1 += 1,
            -2 => counted.u2 += 1,
            _ => {}
        }
    }
    counted
}

fn marks(text: &str, contest: &ContestDraft) -> Result<Vec<Line>, String> {
    let mut out: Vec<Line> = Vec::new();
    for name in text.split(';').map(str::trim).filter(|n| !n.is_empty()) {
        let Some(t) = contest.tallies.iter().find(|t| t.candidate.as_str() == name) else {
            return Err(format!(
                "\"{}\" is not a candidate in {}",
                name.chars().take(60).collect::<String>(),
                contest.name
            ));
        };
        if out.contains(&t.candidate) {
            return Err(format!("{name} is listed twice"));
        }
        out.push(t.candidate.clone());
    }
    if out.len() as i64 > contest.votes_allowed.get() {
        return Err(format!(
            "more marks than the {} vote(s) allowed; record an overvote as no vote (empty)",
            contest.votes_allowed.get()
        ));
    }
    Ok(out)
}

/// Reads an interpretations file: CSV with the header
/// `batch,position,contest,machine,audited`; `machine` and `audited` name the
/// candidates marked, separated by `;` (empty: no vote), and `audited` may be
/// `not found`. Every mistake is reported with its line and column.
pub fn parse_csv(bytes: &[u8], contests: &[ContestDraft]) -> Result<Vec<InterpretationDraft>, Vec<ManifestMistake>> {
    let EvidenceRows { rows, mut mistakes } = read_evidence_csv(
        bytes,
        &[&["batch", "position", "contest", "machine", "audited"]],
        "the header must be batch,position,contest,machine,audited",
    )?;
    let mut out: Vec<InterpretationDraft> = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for (line, record) in rows {
        let mut fail = |column: usize, message: String| mistakes.push(ManifestMistake { line, column, message });
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        let batch = match Line::parse(cell(0)) {
            Ok(b) if b.as_str().is_empty() => {
                fail(1, "name the ballot's batch".into());
                None
            }
            Ok(b) => Some(b),
            Err(m) => {
                fail(1, format!("the batch {m}"));
                None
            }
        };
        let position = match cell(1).parse::<u64>() {
            Ok(p) if p >= 1 => Some(p),
            _ => {
                fail(2, format!("\"{}\" is not a position (1 or more)", cell(1).chars().take(20).collect::<String>()));
                None
            }
        };
        let contest = contests.iter().position(|c| c.name.as_str() == cell(2));
        if contest.is_none() {
            fail(3, format!("\"{}\" is not a contest of this audit", cell(2).chars().take(60).collect::<String>()));
        }
        let machine = contest.and_then(|i| marks(cell(3), &contests[i]).map_err(|m| fail(4, m)).ok());
        let audited = if cell(4).eq_ignore_ascii_case(NOT_FOUND) {
            Some(None)
        } else {
            contest.and_then(|i| marks(cell(4), &contests[i]).map_err(|m| fail(5, m)).ok()).map(Some)
        };
        let (Some(batch), Some(position), Some(contest), Some(machine), Some(audited)) =
            (batch, position, contest, machine, audited)
        else {
            continue;
        };
        let key = (batch.to_string(), position, contest);
        if let Some(first) = seen.insert(key, line) {
            mistakes.push(ManifestMistake {
                line,
                column: 1,
                message: format!("this ballot and contest are already on line {first}"),
            });
            continue;
        }
        out.push(InterpretationDraft { batch, position, contest, machine, audited });
    }
    if out.len() > MAX_INTERPRETATIONS {
        mistakes.push(ManifestMistake {
            line: 0,
            column: 0,
            message: format!("an audit may have at most {MAX_INTERPRETATIONS} interpretations"),
        });
    }
    rows_or_mistakes(out, mistakes, "the file has no interpretations")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::ContestInput;
    use crate::domain::draft::Checks;

    fn contest() -> ContestDraft {
        let input = ContestInput {
            name: "Executive".into(),
            winners: "Ann".into(),
            ballots_cast: "1000".into(),
            reported_results: "Ann=600;Bo=300;Cy=100".into(),
            sample_size: "4".into(),
            ..ContestInput::default()
        };
        input.to_draft(&mut Checks::default(), "").unwrap()
    }

    fn names(list: &[&str]) -> Vec<Line> {
        list.iter().map(|n| Line::parse(n).unwrap()).collect()
    }

    #[test]
    fn each_kind_of_discrepancy_is_the_worst_pair() {
        let c = contest();
        let d = |m: &[&str], a: Option<&[&str]>| discrepancy(&c, &names(m), a.map(names).as_deref());
        assert_eq!(d(&["Ann"], Some(&["Ann"])), 0);
        assert_eq!(d(&["Ann"], Some(&[])), 1, "a winner's vote the paper does not show");
        assert_eq!(d(&["Ann"], Some(&["Bo"])), 2, "a winner's vote that was a loser's");
        assert_eq!(d(&[], Some(&["Ann"])), -1, "a winner's vote the machine missed");
        assert_eq!(d(&["Bo"], Some(&["Cy"])), 1, "Ann against Cy: her lead was overstated by one");
        // Against Bo (margin 300) the machine understated Ann by two votes,
        // against Cy (margin 500) by one: -1/500 weighs more than -2/300.
        assert_eq!(d(&["Bo"], Some(&["Ann"])), -1);
        assert_eq!(d(&[], None), 2, "a ballot not found is the worst case");
        let mut two = contest();
        two.tallies.truncate(2);
        assert_eq!(discrepancy(&two, &names(&["Bo"]), Some(&names(&["Ann"]))), -2);
    }

    #[test]
    fn a_contests_sample_is_counted_from_its_readings() {
        let c = contest();
        let unit = |b: &str, p: u64| SampledUnit { ticket: String::new(), batch: b.into(), position: p };
        let draws = vec![unit("A", 1), unit("A", 2), unit("B", 7), unit("A", 1), unit("C", 9)];
        let reading = |b: &str, p: u64, m: &[&str], a: Option<&[&str]>| InterpretationDraft {
            batch: Line::parse(b).unwrap(),
            position: p,
            contest: 0,
            machine: names(m),
            audited: a.map(names),
        };
        let readings =
            vec![reading("A", 1, &["Ann"], Some(&[])), reading("B", 7, &["Bo"], None), reading("C", 9, &[], None)];
        let counted = count(&c, 0, &draws, &readings);
        // The sample is the first four draws; A-1 was drawn twice; A-2 has no reading.
        assert_eq!(counted, Counted { read: 3, sampled: 4, o1: 2, o2: 1, u1: 0, u2: 0 });
    }

    #[test]
    fn a_file_reads_with_every_mistake_placed() {
        let contests = vec![contest()];
        let ok = parse_csv(
            b"batch,position,contest,machine,audited\nA,1,Executive,Ann,Ann\nB,2,Executive,,not found\n",
            &contests,
        )
        .unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[1].audited, None);
        assert!(ok[1].machine.is_empty());
        let bad = b"batch,position,contest,machine,audited\nA,0,Executive,Ann,Ann\nA,1,Mayor,Ann,Ann\nA,2,Executive,Dee,Ann\n\
                    A,3,Executive,Ann,Ann;Bo\nA,4,Executive,Ann,Ann\nA,4,Executive,Bo,Bo\n";
        let shown: Vec<String> = parse_csv(bad, &contests).unwrap_err().iter().map(|m| m.to_string()).collect();
        assert_eq!(shown.len(), 5, "{shown:?}");
        assert!(shown[0].starts_with("line 2, column 2:"), "{shown:?}");
        assert!(shown[1].starts_with("line 3, column 3: \"Mayor\" is not a contest"), "{shown:?}");
        assert!(shown[2].starts_with("line 4, column 4: \"Dee\" is not a candidate"), "{shown:?}");
        assert!(shown[3].starts_with("line 5, column 5: more marks than"), "{shown:?}");
        assert!(shown[4].starts_with("line 7, column 1: this ballot and contest are already on line 6"), "{shown:?}");
        assert!(parse_csv(b"batch,ballots\n", &contests).is_err());
    }
}
