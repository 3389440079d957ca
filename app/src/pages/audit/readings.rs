//! A ballot-comparison audit's sampled ballots, machine against paper: a count,
//! the ballots that differ (a short table anyone can read), and every reading
//! behind a disclosure that works without JavaScript.

use crate::format;
use crate::i18n::{fill, Lang, Strings};
use crate::model::PublicInterpretation;
use leptos::prelude::*;

/// A discrepancy in plain words (a ballot not found says why it counts as two).
pub(super) fn difference(t: &Strings, r: &PublicInterpretation) -> String {
    if r.audited.is_none() {
        return format!("{}: {}", t.not_found, t.disc_not_found);
    }
    match r.discrepancy {
        2 => t.disc_o2,
        1 => t.disc_o1,
        -1 => t.disc_u1,
        -2 => t.disc_u2,
        _ => t.disc_none,
    }
    .to_string()
}

fn marks(t: &Strings, list: &[String]) -> String {
    if list.is_empty() {
        t.no_vote.to_string()
    } else {
        list.join(", ")
    }
}

fn table(lang: Lang, caption: String, rows: Vec<PublicInterpretation>, multi_contest: bool) -> impl IntoView {
    let t = lang.t();
    let label = caption.clone();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=label>
            <table class="readings">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="num">{t.col_draw}</th>
                        <th scope="col">{t.col_batch}</th>
                        <th scope="col" class="num">{t.col_position}</th>
                        {multi_contest.then(|| view! { <th scope="col">{t.col_contest}</th> })}
                        <th scope="col">{t.col_machine}</th>
                        <th scope="col">{t.col_paper}</th>
                        <th scope="col">{t.col_difference}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let paper = match &r.audited {
                            Some(list) => marks(t, list),
                            None => t.not_found.to_string(),
                        };
                        let differs = r.discrepancy != 0 || r.audited.is_none();
                        view! {
                            <tr class:differs=differs>
                                <td class="num">{r.draw}</td>
                                <td>{r.batch.clone()}</td>
                                <td class="num">{r.position}</td>
                                {multi_contest.then(|| view! { <td lang="en">{r.contest.clone()}</td> })}
                                <td lang="en">{marks(t, &r.machine)}</td>
                                <td lang="en">{paper}</td>
                                <td>{difference(t, &r)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub(super) fn ReadingsSection(readings: Vec<PublicInterpretation>) -> impl IntoView {
    let lang = Lang::current_untracked();
    let t = lang.t();
    let multi_contest = readings.iter().any(|r| r.contest != readings[0].contest);
    let differ: Vec<PublicInterpretation> =
        readings.iter().filter(|r| r.discrepancy != 0 || r.audited.is_none()).cloned().collect();
    let total = readings.len() as i64;
    let summary = fill(
        t.readings_summary,
        &[
            &format::grouped(total),
            &format::grouped(total - differ.len() as i64),
            &format::grouped(differ.len() as i64),
        ],
    );
    let all_label = fill(t.readings_all, &[&format::grouped(total)]);
    view! {
        <section aria-labelledby="readings">
            <h2 id="readings">{t.readings_heading}</h2>
            <p>{t.readings_intro}</p>
            <p class="readings-summary"><strong>{summary}</strong></p>
            {(!differ.is_empty()).then(|| table(lang, t.readings_differ_caption.to_string(), differ, multi_contest))}
            <details class="print-hide">
                <summary>{all_label}</summary>
                {table(lang, t.readings_all_caption.to_string(), readings, multi_contest)}
            </details>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, ES};

    fn reading(discrepancy: i64, audited: Option<Vec<String>>) -> PublicInterpretation {
        PublicInterpretation {
            round: 1,
            draw: 1,
            ticket: "1".into(),
            batch: "B".into(),
            position: 1,
            contest: "C".into(),
            machine: vec!["Ann".into()],
            audited,
            discrepancy,
        }
    }

    #[test]
    fn differences_in_plain_words() {
        assert_eq!(difference(&EN, &reading(0, Some(vec!["Ann".into()]))), "none");
        assert!(difference(&EN, &reading(1, Some(vec![]))).starts_with("one-vote overstatement"));
        assert!(difference(&EN, &reading(-2, Some(vec!["Bo".into()]))).starts_with("two-vote understatement"));
        assert_eq!(
            difference(&EN, &reading(2, None)),
            "ballot not found: counted as a two-vote overstatement, the worst case"
        );
        assert!(difference(&ES, &reading(-1, Some(vec![]))).starts_with("subestimación de un voto"));
    }
}
