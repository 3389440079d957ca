//! A contest's rounds. When round 1 does not meet the risk limit, a further
//! round draws more ballots from the same seed and sampler (the sample goes
//! on: the consistent sampler's next tickets, Rivest's counter, further PPEB
//! draws), and the risk is measured on the cumulative sample. Each round's
//! numbers are cumulative, as Arlo reports them: the sample size, the audited
//! votes and the discrepancies found in all the round's ballots and the rounds'
//! before it. The contest's own sample, tallies and claim are its last round's,
//! so an audit of one round needs no rounds at all (its contest is round 1).

use super::contest::parse_results;
use super::evidence::{read_evidence_csv, rows_or_mistakes, EvidenceRows, ManifestMistake};
use super::{parse_met, ContestDraft, TallyDraft};
use crate::domain::values::{IsoDate, Line, PValue, VoteCount};

/// At most this many rounds of one contest.
pub const MAX_ROUNDS: u32 = 20;

/// The header of a rounds file.
pub const HEADER: [&str; 12] = [
    "contest",
    "round",
    "sample_size",
    "audited_results",
    "o1",
    "o2",
    "u1",
    "u2",
    "p_value",
    "risk_limit_met",
    "started_on",
    "completed_on",
];

/// One round of one contest, its numbers cumulative.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundDraft {
    /// The contest's position in the audit.
    pub contest: usize,
    /// From 1.
    pub round: u32,
    /// Ballots (or batch draws) in the sample by the end of the round.
    pub sample_size: VoteCount,
    /// Ballot polling: votes found per candidate in the whole sample so far.
    pub audited: Vec<(Line, VoteCount)>,
    pub o1: Option<VoteCount>,
    pub o2: Option<VoteCount>,
    pub u1: Option<VoteCount>,
    pub u2: Option<VoteCount>,
    pub p_value: Option<PValue>,
    pub risk_limit_met: Option<bool>,
    pub started_on: Option<IsoDate>,
    pub completed_on: Option<IsoDate>,
}

impl RoundDraft {
    /// The contest's single round, from its own fields (an audit without rounds).
    pub fn single(index: usize, c: &ContestDraft) -> Option<RoundDraft> {
        Some(RoundDraft {
            contest: index,
            round: 1,
            sample_size: c.sample_size?,
            audited: c.tallies.iter().filter_map(|t| t.audited_votes.map(|v| (t.candidate.clone(), v))).collect(),
            o1: c.o1,
            o2: c.o2,
            u1: c.u1,
            u2: c.u2,
            p_value: c.p_value,
            risk_limit_met: c.risk_limit_met,
            started_on: None,
            completed_on: None,
        })
    }

    /// `contest` as it stood at the end of this round: its sample, audited
    /// votes, discrepancies and claim are the round's.
    pub fn contest_at(&self, contest: &ContestDraft) -> ContestDraft {
        let mut c = contest.clone();
        c.sample_size = Some(self.sample_size);
        c.tallies = contest
            .tallies
            .iter()
            .map(|t| TallyDraft {
                audited_votes: self.audited.iter().find(|(n, _)| *n == t.candidate).map(|(_, v)| *v),
                ..t.clone()
            })
            .collect();
        (c.o1, c.o2, c.u1, c.u2) = (self.o1, self.o2, self.u1, self.u2);
        (c.p_value, c.risk_limit_met) = (self.p_value, self.risk_limit_met);
        c
    }

    /// Sets the contest's own fields to this round's (the last round).
    pub fn apply_to(&self, contest: &mut ContestDraft) {
        *contest = self.contest_at(contest);
    }

    /// Whether the contest's own fields are this round's numbers.
    pub fn matches(&self, contest: &ContestDraft) -> bool {
        self.contest_at(contest) == *contest
    }
}

/// The rounds of contest `index`: those imported, or its single round from its
/// own fields; none when it drew no sample.
pub fn rounds_of(rounds: &[RoundDraft], index: usize, c: &ContestDraft) -> Vec<RoundDraft> {
    let own: Vec<RoundDraft> = rounds.iter().filter(|r| r.contest == index).cloned().collect();
    if own.is_empty() {
        RoundDraft::single(index, c).into_iter().collect()
    } else {
        own
    }
}

/// The audit's cumulative sample size at the end of each round (the largest
/// of its contests' in that round, never less than the round before).
pub fn round_sizes(rounds: &[RoundDraft], contests: &[ContestDraft]) -> Vec<u64> {
    let mut sizes: Vec<u64> = Vec::new();
    for (i, c) in contests.iter().enumerate() {
        for r in rounds_of(rounds, i, c) {
            let k = r.round.max(1) as usize;
            if sizes.len() < k {
                sizes.resize(k, 0);
            }
            sizes[k - 1] = sizes[k - 1].max(r.sample_size.get().max(0) as u64);
        }
    }
    for k in 1..sizes.len() {
        sizes[k] = sizes[k].max(sizes[k - 1]);
    }
    sizes
}

/// The round of the draw at `index` (from 0) in selection order.
pub fn round_of_draw(sizes: &[u64], index: usize) -> i64 {
    sizes.iter().position(|s| (index as u64) < *s).unwrap_or(sizes.len().saturating_sub(1)) as i64 + 1
}

fn text(r: &RoundDraft) -> [String; 12] {
    let num = |n: Option<VoteCount>| n.map(|n| n.get().to_string()).unwrap_or_default();
    [
        String::new(),
        r.round.to_string(),
        r.sample_size.get().to_string(),
        r.audited.iter().map(|(n, v)| format!("{n}={}", v.get())).collect::<Vec<_>>().join(";"),
        num(r.o1),
        num(r.o2),
        num(r.u1),
        num(r.u2),
        r.p_value.map(|p| p.get().to_string()).unwrap_or_default(),
        r.risk_limit_met.map(|b| b.to_string()).unwrap_or_default(),
        r.started_on.map(|d| d.to_string()).unwrap_or_default(),
        r.completed_on.map(|d| d.to_string()).unwrap_or_default(),
    ]
}

/// The rounds as a rounds file (what an official would import again).
pub fn to_csv(rounds: &[RoundDraft], contests: &[ContestDraft]) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let _ = w.write_record(HEADER);
    for r in rounds {
        let mut row = text(r);
        row[0] = contests.get(r.contest).map(|c| c.name.to_string()).unwrap_or_default();
        let _ = w.write_record(&row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A row's place among its contest's rounds.
struct Order {
    contest: usize,
    round: u32,
    sample_size: VoteCount,
    started_on: Option<IsoDate>,
    completed_on: Option<IsoDate>,
}

/// Reads a rounds file: CSV with the header [`HEADER`], one row per contest
/// per round, every number cumulative. Each contest must be the audit's and
/// list its rounds from 1 without a gap, each sample larger than the round's
/// before; a candidate must be the contest's; dates are YYYY-MM-DD, a round
/// ending after it starts and starting no earlier than the round before ended.
/// Every mistake is reported with its line and column.
pub fn parse_csv(bytes: &[u8], contests: &[ContestDraft]) -> Result<Vec<RoundDraft>, Vec<ManifestMistake>> {
    let EvidenceRows { rows, mut mistakes } = read_evidence_csv(
        bytes,
        &[&HEADER],
        "the header must be contest,round,sample_size,audited_results,o1,o2,u1,u2,p_value,risk_limit_met,started_on,completed_on",
    )?;
    let mut out: Vec<RoundDraft> = Vec::new();
    // What the order checks need, from every row whose contest, round and
    // sample read (so a row with another mistake is still placed in order).
    let mut order: Vec<(u64, Order)> = Vec::new();
    for (line, record) in rows {
        let mut fail = |column: usize, message: String| mistakes.push(ManifestMistake { line, column, message });
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        let shown = |s: &str| s.chars().take(60).collect::<String>();
        let contest = contests.iter().position(|c| c.name.as_str() == cell(0));
        if contest.is_none() {
            fail(1, format!("\"{}\" is not a contest of this audit", shown(cell(0))));
        }
        let round = match cell(1).parse::<u32>() {
            Ok(n) if (1..=MAX_ROUNDS).contains(&n) => Some(n),
            _ => {
                fail(
                    2,
                    format!("the round must be a whole number from 1 to {MAX_ROUNDS}, found \"{}\"", shown(cell(1))),
                );
                None
            }
        };
        let sample_size = match VoteCount::parse(cell(2)) {
            Ok(n) if n.get() > 0 => Some(n),
            Ok(_) => {
                fail(3, "the sample size (cumulative) must be at least 1".into());
                None
            }
            Err(m) => {
                fail(3, format!("sample_size {m}"));
                None
            }
        };
        let audited = match parse_results(cell(3)) {
            Ok(list) => {
                if let Some(i) = contest {
                    for (n, _) in &list {
                        if !contests[i].tallies.iter().any(|t| t.candidate == *n) {
                            fail(4, format!("\"{n}\" is not a candidate in {}", contests[i].name));
                        }
                    }
                }
                Some(list)
            }
            Err(m) => {
                fail(4, m);
                None
            }
        };
        let mut count = |column: usize, name: &str| -> Option<Option<VoteCount>> {
            if cell(column - 1).is_empty() {
                return Some(None);
            }
            VoteCount::parse(cell(column - 1)).map(Some).map_err(|m| fail(column, format!("{name} {m}"))).ok()
        };
        let (o1, o2, u1, u2) = (count(5, "o1"), count(6, "o2"), count(7, "u1"), count(8, "u2"));
        let p_value = if cell(8).is_empty() {
            Some(None)
        } else {
            PValue::parse(cell(8)).map(Some).map_err(|m| fail(9, format!("p_value {m}"))).ok()
        };
        let risk_limit_met = parse_met(cell(9)).map_err(|m| fail(10, format!("risk_limit_met: {m}"))).ok();
        let mut date = |column: usize| -> Option<Option<IsoDate>> {
            if cell(column - 1).is_empty() {
                return Some(None);
            }
            IsoDate::parse(cell(column - 1))
                .map(Some)
                .map_err(|m| fail(column, format!("{} {m}", HEADER[column - 1])))
                .ok()
        };
        let (started_on, completed_on) = (date(11), date(12));
        if let (Some(Some(s)), Some(Some(e))) = (started_on, completed_on) {
            if e < s {
                mistakes.push(ManifestMistake {
                    line,
                    column: 12,
                    message: "the round was completed before it started".into(),
                });
            }
        }
        if let (Some(contest), Some(round), Some(sample_size)) = (contest, round, sample_size) {
            let dates = |d: Option<Option<IsoDate>>| d.flatten();
            order.push((
                line,
                Order { contest, round, sample_size, started_on: dates(started_on), completed_on: dates(completed_on) },
            ));
        }
        let round = (|| {
            Some(RoundDraft {
                contest: contest?,
                round: round?,
                sample_size: sample_size?,
                audited: audited?,
                o1: o1?,
                o2: o2?,
                u1: u1?,
                u2: u2?,
                p_value: p_value?,
                risk_limit_met: risk_limit_met?,
                started_on: started_on?,
                completed_on: completed_on?,
            })
        })();
        out.extend(round);
    }
    // Each contest's rounds in order: 1, 2, … with growing samples.
    for (i, c) in contests.iter().enumerate() {
        let mine: Vec<&(u64, Order)> = order.iter().filter(|(_, r)| r.contest == i).collect();
        for (k, (line, r)) in mine.iter().enumerate() {
            let line = *line;
            if r.round as usize != k + 1 {
                mistakes.push(ManifestMistake {
                    line,
                    column: 2,
                    message: format!(
                        "{}: round {} comes where round {} was expected (list rounds 1, 2, … in order)",
                        c.name,
                        r.round,
                        k + 1
                    ),
                });
                continue;
            }
            let Some((_, before)) = k.checked_sub(1).map(|j| mine[j]) else { continue };
            if r.sample_size <= before.sample_size {
                mistakes.push(ManifestMistake {
                    line,
                    column: 3,
                    message: format!(
                        "{}: round {}'s sample ({}) must be larger than round {}'s ({}); sizes are cumulative",
                        c.name,
                        r.round,
                        r.sample_size.get(),
                        before.round,
                        before.sample_size.get()
                    ),
                });
            }
            if let (Some(s), Some(e)) = (r.started_on, before.completed_on) {
                if s < e {
                    mistakes.push(ManifestMistake {
                        line,
                        column: 11,
                        message: format!(
                            "{}: round {} starts before round {} was completed",
                            c.name, r.round, before.round
                        ),
                    });
                }
            }
        }
    }
    rows_or_mistakes(out, mistakes, "the file has no rounds")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::draft::Checks;

    fn contest() -> ContestDraft {
        let input = super::super::ContestInput {
            name: "Council".into(),
            winners: "Ada".into(),
            ballots_cast: "6204".into(),
            reported_results: "Ada=3118;Bo=3049".into(),
            sample_size: "1200".into(),
            audited_results: "Ada=606;Bo=588".into(),
            p_value: "0.5".into(),
            risk_limit_met: "false".into(),
            ..Default::default()
        };
        input.to_draft(&mut Checks::default(), "").unwrap()
    }

    const GOOD: &str =
        "contest,round,sample_size,audited_results,o1,o2,u1,u2,p_value,risk_limit_met,started_on,completed_on\n\
        Council,1,600,Ada=303;Bo=294,,,,,0.6,false,2024-08-12,2024-08-13\n\
        Council,2,1200,Ada=606;Bo=588,,,,,0.5,false,2024-08-14,2024-08-15\n";

    #[test]
    fn rounds_read_cumulative_and_the_last_is_the_contests() {
        let c = contest();
        let rounds = parse_csv(GOOD.as_bytes(), std::slice::from_ref(&c)).unwrap();
        assert_eq!(rounds.len(), 2);
        assert_eq!(rounds[0].audited[1].1.get(), 294);
        assert!(rounds[1].matches(&c));
        assert!(!rounds[0].matches(&c));
        assert_eq!(round_sizes(&rounds, std::slice::from_ref(&c)), [600, 1200]);
        assert_eq!(round_of_draw(&[600, 1200], 599), 1);
        assert_eq!(round_of_draw(&[600, 1200], 600), 2);
        assert_eq!(parse_csv(to_csv(&rounds, std::slice::from_ref(&c)).as_bytes(), &[c]).unwrap(), rounds);
    }

    #[test]
    fn a_contest_without_rounds_is_its_own_round_one() {
        let c = contest();
        let r = rounds_of(&[], 0, &c);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].round, 1);
        assert!(r[0].matches(&c));
    }

    #[test]
    fn mistakes_have_lines_and_columns() {
        let bad =
            "contest,round,sample_size,audited_results,o1,o2,u1,u2,p_value,risk_limit_met,started_on,completed_on\n\
            Council,1,600,Ada=303;Cy=2,,,,,0.6,maybe,2024-08-12,2024-08-13\n\
            Council,2,500,Ada=606;Bo=588,,,,,1.5,false,2024-08-11,2024-08-15\n\
            Mayor,3,x,,,,,,,,,\n";
        let e = parse_csv(bad.as_bytes(), &[contest()]).unwrap_err();
        let shown: Vec<String> = e.iter().map(|m| m.to_string()).collect();
        assert!(shown[0].starts_with("line 2, column 4: \"Cy\" is not a candidate"), "{shown:?}");
        assert!(shown[1].starts_with("line 2, column 10: risk_limit_met"), "{shown:?}");
        assert!(shown.iter().any(|s| s.starts_with("line 3, column 9: p_value")), "{shown:?}");
        assert!(shown.iter().any(|s| s.starts_with("line 4, column 1: \"Mayor\"")), "{shown:?}");
        assert!(shown.iter().any(|s| s.starts_with("line 4, column 3: sample_size")), "{shown:?}");
        let gap = GOOD.replace("Council,2,1200", "Council,3,1200");
        let e = parse_csv(gap.as_bytes(), &[contest()]).unwrap_err();
        assert!(e[0].to_string().starts_with("line 3, column 2: Council: round 3 comes where round 2"), "{e:?}");
        let shrink = GOOD.replace("Council,2,1200", "Council,2,600");
        let e = parse_csv(shrink.as_bytes(), &[contest()]).unwrap_err();
        assert!(
            e[0].to_string().starts_with("line 3, column 3: Council: round 2's sample (600) must be larger"),
            "{e:?}"
        );
        assert!(parse_csv(b"contest,round\nCouncil,1\n", &[contest()]).is_err());
    }
}
