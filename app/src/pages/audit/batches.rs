//! A batch-comparison audit's sampled batches, machines against hand count:
//! a count, and for each batch the votes both ways and the difference in the
//! winner's margin in plain words. Every batch's tallies are a download.

use crate::format;
use crate::i18n::{fill, Lang, Strings};
use crate::model::{PublicAudit, PublicBatchCount};
use leptos::prelude::*;

/// Each contest's name and winners.
pub(super) fn winners_of(a: &PublicAudit) -> Vec<(String, Vec<String>)> {
    a.contests.iter().map(|c| (c.name.clone(), c.winners.clone())).collect()
}

/// The difference between the machines' and the hand count in the winner's
/// margin, in plain words: the pair of a winner and a loser where the machines
/// overstated the margin most (or, failing that, understated it most).
pub(super) fn difference(t: &Strings, b: &PublicBatchCount, winners: &[String]) -> String {
    if b.votes.iter().all(|v| v.reported == v.audited) {
        return t.batch_same.to_string();
    }
    let error = |name: &str| b.votes.iter().find(|v| v.candidate == name).map(|v| v.reported - v.audited).unwrap_or(0);
    let losers = b.votes.iter().map(|v| v.candidate.as_str()).filter(|c| !winners.iter().any(|w| w == c));
    let mut most: Option<(i64, &str)> = None;
    let mut least: Option<(i64, &str)> = None;
    for l in losers {
        for w in winners {
            let e = error(w) - error(l);
            if most.is_none_or(|(m, _)| e > m) {
                most = Some((e, w));
            }
            if least.is_none_or(|(m, _)| e < m) {
                least = Some((e, w));
            }
        }
    }
    match (most, least) {
        (Some((e, w)), _) if e > 0 => fill(t.batch_margin_overstated, &[w, &e.to_string()]),
        (_, Some((e, w))) if e < 0 => fill(t.batch_margin_understated, &[w, &(-e).to_string()]),
        _ => t.batch_margin_same.to_string(),
    }
}

#[component]
pub(super) fn BatchCountsSection(
    slug: String,
    batches: Vec<PublicBatchCount>,
    winners: Vec<(String, Vec<String>)>,
) -> impl IntoView {
    let lang = Lang::current_untracked();
    let t = lang.t();
    let multi_contest = batches.iter().any(|b| b.contest != batches[0].contest);
    let winners_for =
        |contest: &str| winners.iter().find(|(c, _)| c == contest).map(|(_, w)| w.clone()).unwrap_or_default();
    let same = batches.iter().filter(|b| b.votes.iter().all(|v| v.reported == v.audited)).count() as i64;
    let total = batches.len() as i64;
    let summary =
        fill(t.batches_summary, &[&format::grouped(total), &format::grouped(same), &format::grouped(total - same)]);
    let download = format!("/data/batch-tallies.csv?audit={slug}");
    let label = t.batches_caption.to_string();
    view! {
        <section aria-labelledby="batches">
            <h2 id="batches">{t.batches_heading}</h2>
            <p>{t.batches_intro}</p>
            <p class="readings-summary"><strong>{summary}</strong></p>
            <div class="table-wrap" tabindex="0" role="region" aria-label=label>
                <table class="readings">
                    <caption>{t.batches_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="num">{t.col_draw}</th>
                            <th scope="col">{t.col_batch}</th>
                            <th scope="col" class="num">{t.col_times_drawn}</th>
                            {multi_contest.then(|| view! { <th scope="col">{t.col_contest}</th> })}
                            <th scope="col">{t.col_candidate}</th>
                            <th scope="col" class="num">{t.col_machine_count}</th>
                            <th scope="col" class="num">{t.col_hand_count}</th>
                            <th scope="col">{t.col_difference}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {batches.into_iter().map(|b| {
                            let rows = b.votes.len();
                            let differs = b.votes.iter().any(|v| v.reported != v.audited);
                            let words = difference(t, &b, &winners_for(&b.contest));
                            b.votes.iter().enumerate().map(|(i, v)| {
                                let first = i == 0;
                                view! {
                                    <tr class:differs=differs>
                                        {first.then(|| view! {
                                            <td class="num" rowspan=rows>{b.first_draw}</td>
                                            <td rowspan=rows>{b.batch.clone()}</td>
                                            <td class="num" rowspan=rows>{b.draws}</td>
                                        })}
                                        {(first && multi_contest).then(|| view! { <td lang="en" rowspan=rows>{b.contest.clone()}</td> })}
                                        <td lang="en">{v.candidate.clone()}</td>
                                        <td class="num">{format::grouped(v.reported)}</td>
                                        <td class="num">{format::grouped(v.audited)}</td>
                                        {first.then(|| view! { <td rowspan=rows>{words.clone()}</td> })}
                                    </tr>
                                }
                            }).collect_view()
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p><a href=download type="text/csv">{t.batches_all_tallies}</a></p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, ES};
    use crate::model::PublicBatchVotes;

    fn batch(votes: &[(&str, i64, i64)]) -> PublicBatchCount {
        PublicBatchCount {
            contest: "C".into(),
            batch: "B".into(),
            first_draw: 1,
            draws: 1,
            votes: votes
                .iter()
                .map(|(c, r, a)| PublicBatchVotes { candidate: c.to_string(), reported: *r, audited: *a })
                .collect(),
        }
    }

    #[test]
    fn differences_in_plain_words() {
        let w = vec!["Ann".to_string()];
        assert_eq!(difference(&EN, &batch(&[("Ann", 10, 10), ("Bo", 5, 5)]), &w), "the same");
        assert_eq!(
            difference(&EN, &batch(&[("Ann", 10, 9), ("Bo", 5, 6)]), &w),
            "the machines overstated Ann's margin by 2 votes"
        );
        assert_eq!(
            difference(&EN, &batch(&[("Ann", 10, 11), ("Bo", 5, 5)]), &w),
            "the machines understated Ann's margin by 1 votes"
        );
        assert_eq!(
            difference(&EN, &batch(&[("Ann", 10, 11), ("Bo", 5, 6)]), &w),
            "counts differ, the winner's margin is the same"
        );
        assert!(difference(&ES, &batch(&[("Ann", 10, 9), ("Bo", 5, 5)]), &w).starts_with("las máquinas sobreestimaron"));
    }
}
