//! The contests an audit checked: one card per contest that a phone shows without
//! sideways scrolling (winners, sample, p-value with the portal's check, risk
//! limit), then the full numbers in tables that scroll inside their own frame.

use crate::format;
use crate::i18n::{fill, Lang, Strings};
use crate::model::*;
use leptos::prelude::*;

#[component]
pub(super) fn ContestsSection(math: AuditMath, contests: Vec<PublicContest>) -> impl IntoView {
    let lang = Lang::current_untracked();
    let t = lang.t();
    let cards = contests.clone();
    let tallies = contests.clone();
    let rounds = contests.clone();
    view! {
        <section aria-labelledby="contests">
            <h2 id="contests">{t.contests_heading}</h2>
            <ul class="contest-cards" aria-label=t.contest_cards_label>
                {cards.into_iter().enumerate().map(|(i, c)| contest_card(lang, math, i, c)).collect_view()}
            </ul>
            {detail_table(lang, contests)}
            {rounds_table(lang, rounds)}
            <div class="tallies">
                {tallies.into_iter().filter(|c| !c.tallies.is_empty()).map(|c| tallies_table(lang, c)).collect_view()}
            </div>
        </section>
    }
}

fn contest_card(lang: Lang, math: AuditMath, index: usize, c: PublicContest) -> impl IntoView {
    let t = lang.t();
    let dash = || t.none_dash.to_string();
    let heading = format!("contest-{}", index + 1);
    let labelled_by = heading.clone();
    let sample = match c.sample_size {
        Some(n) if math == AuditMath::Macro => fill(t.sample_batches, &[&format::grouped(n)]),
        Some(n) => fill(t.sample_of, &[&format::grouped(n), &format::grouped(c.ballots_cast)]),
        None => dash(),
    };
    let margin = c.check.as_ref().and_then(|k| k.diluted_margin).map(|m| fill(t.margin_value, &[&margin_percent(m)]));
    let limit = match (c.risk_limit_met, c.check.as_ref().and_then(|k| k.risk_limit_met)) {
        (None, None) => dash(),
        (Some(claimed), Some(recomputed)) if claimed != recomputed => format!(
            "{} ({})",
            lang.yes_no(claimed),
            fill(t.check_limit_recomputed, &[&lang.yes_no(recomputed).to_lowercase()])
        ),
        (Some(claimed), _) => lang.yes_no(claimed).to_string(),
        (None, Some(recomputed)) => fill(t.check_limit_recomputed, &[lang.yes_no(recomputed)]),
    };
    let check = check_sentence(t, math, c.p_value, c.check.as_ref());
    // A contest counted without being targeted says so, with its measured risk.
    let untargeted = (!c.targeted).then(|| match c.check.as_ref().and_then(|k| k.p_value) {
        Some(p) => fill(t.not_targeted_measured, &[&p_precise(p)]),
        None => t.not_targeted_unmeasured.to_string(),
    });
    // A contest of several rounds lists them, each a sentence a phone shows whole.
    let rounds = (c.rounds.len() > 1).then(|| {
        let missed = c.rounds.iter().rev().skip(1).map(|r| r.round.to_string()).collect::<Vec<_>>();
        let last_missed = missed.first().cloned().unwrap_or_default();
        let items = c
            .rounds
            .iter()
            .map(|r| {
                let met = match r.risk_limit_met {
                    Some(b) => lang.yes_no(b).to_string(),
                    None => dash(),
                };
                let sentence = fill(
                    t.round_item,
                    &[
                        &r.round.to_string(),
                        &format::grouped(r.sample_size),
                        &check_sentence(t, math, r.p_value, r.check.as_ref()),
                        &met,
                    ],
                );
                view! { <li>{sentence}</li> }
            })
            .collect_view();
        view! {
            <div>
                <dt>{t.rounds_label}</dt>
                <dd class="contest-rounds">
                    <ol>{items}</ol>
                    <p>{fill(t.rounds_escalated, &[&last_missed])}</p>
                </dd>
            </div>
        }
    });
    let check_class = match c.check.as_ref().and_then(|k| k.consistent) {
        Some(false) => "contest-p check-mismatch",
        _ => "contest-p",
    };
    view! {
        <li class="contest-card" aria-labelledby=labelled_by>
            <h3 id=heading lang="en">{c.name}</h3>
            <dl class="contest-facts">
                <div><dt>{t.col_winners}</dt><dd class="contest-winners" lang="en">{c.winners.join(", ")}</dd></div>
                {untargeted.map(|u| view! { <div><dt>{t.targeted_label}</dt><dd class="contest-targeted">{u}</dd></div> })}
                <div><dt>{t.col_sample}</dt><dd class="contest-sample">{sample}</dd></div>
                {margin.map(|m| view! { <div><dt>{t.margin_label}</dt><dd class="contest-margin">{m}</dd></div> })}
                <div><dt>{t.p_and_check}</dt><dd class=check_class>{check}</dd></div>
                <div><dt>{t.col_limit_met}</dt><dd class="contest-limit">{limit}</dd></div>
                {rounds}
            </dl>
        </li>
    }
}

/// The published p-value and what the portal found when it recomputed it, in one
/// sentence: "Published p = 0.0176; recomputed from the numbers on this page:
/// p = 0.0176 (consistent)".
pub(super) fn check_sentence(
    t: &Strings,
    math: AuditMath,
    published: Option<f64>,
    check: Option<&PublicCheck>,
) -> String {
    let claimed = match published {
        Some(p) => fill(t.check_published, &[&p_precise(p)]),
        None => t.check_not_published.to_string(),
    };
    let recomputed = check.and_then(|k| k.p_value.map(|p| (p, k.consistent)));
    match recomputed {
        Some((p, consistent)) => {
            let again = fill(t.check_recomputed, &[&p_precise(p)]);
            match consistent {
                Some(true) => format!("{claimed}; {again} {}", t.check_consistent),
                Some(false) => format!("{claimed}; {again} {}", t.check_mismatch),
                None => format!("{claimed}; {again}"),
            }
        }
        None => {
            let why = match math {
                AuditMath::Macro => t.check_not_macro,
                AuditMath::None => t.check_not_statistical,
                _ => t.check_not_available,
            };
            format!("{claimed}. {why}")
        }
    }
}

/// A p-value to three significant digits, never in exponent notation:
/// 0.0176, 0.052, 0.00002, 0.68; "< 0.000001" below that.
pub(super) fn p_precise(p: f64) -> String {
    if !p.is_finite() {
        return "—".into();
    }
    if p <= 0.0 {
        return "0".into();
    }
    if p >= 1.0 {
        return "1".into();
    }
    if p < 0.000_001 {
        return "< 0.000001".into();
    }
    let decimals = (2 - p.log10().floor() as i32).clamp(0, 9) as usize;
    let s = format!("{p:.decimals$}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// A diluted margin as a percentage with two decimals: 0.1226 -> "12.26%".
pub(super) fn margin_percent(m: f64) -> String {
    format!("{:.2}%", m * 100.0)
}

fn detail_table(lang: Lang, contests: Vec<PublicContest>) -> impl IntoView {
    let t = lang.t();
    let dash = || t.none_dash.to_string();
    let num = move |n: Option<i64>| n.map(format::grouped).unwrap_or_else(dash);
    view! {
        <div class="table-wrap contests-table" tabindex="0" role="region" aria-label=t.contests_detail_caption>
            <table>
                <caption>{t.contests_detail_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.col_contest}</th>
                        <th scope="col">{t.col_winners}</th>
                        <th scope="col" class="num">{t.col_votes_allowed}</th>
                        <th scope="col" class="num">{t.col_ballots}</th>
                        <th scope="col" class="num">{t.col_sample}</th>
                        <th scope="col">{t.col_discrepancies}</th>
                        <th scope="col" class="num">{t.col_p_value}</th>
                        <th scope="col">{t.col_limit_met}</th>
                    </tr>
                </thead>
                <tbody>
                    {contests.into_iter().map(|c| {
                        let discrepancies = match (c.o1, c.o2, c.u1, c.u2) {
                            (None, None, None, None) => dash(),
                            (o1, o2, u1, u2) => format!("{} / {} / {} / {}", num(o1), num(o2), num(u1), num(u2)),
                        };
                        view! {
                            <tr>
                                <th scope="row" lang="en">{c.name}</th>
                                <td lang="en">{c.winners.join(", ")}</td>
                                <td class="num">{c.votes_allowed}</td>
                                <td class="num">{format::grouped(c.ballots_cast)}</td>
                                <td class="num">{num(c.sample_size)}</td>
                                <td>{discrepancies}</td>
                                <td class="num">{c.p_value.map(format::p_value).unwrap_or_else(dash)}</td>
                                <td>{c.risk_limit_met.map(|b| lang.yes_no(b).to_string()).unwrap_or_else(dash)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Every round of every contest, published p beside the recomputed one, in a
/// table that scrolls in its own frame; none for a version without rounds.
fn rounds_table(lang: Lang, contests: Vec<PublicContest>) -> impl IntoView {
    let t = lang.t();
    let dash = || t.none_dash.to_string();
    let rows: Vec<(String, PublicRound)> =
        contests.into_iter().flat_map(|c| c.rounds.into_iter().map(move |r| (c.name.clone(), r))).collect();
    (!rows.is_empty()).then(|| {
        view! {
            <div class="table-wrap rounds-table" tabindex="0" role="region" aria-label=t.rounds_caption>
                <table>
                    <caption>{t.rounds_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.col_contest}</th>
                            <th scope="col" class="num">{t.col_round}</th>
                            <th scope="col">{t.col_round_dates}</th>
                            <th scope="col" class="num">{t.col_sample_so_far}</th>
                            <th scope="col" class="num">{t.col_p_published}</th>
                            <th scope="col" class="num">{t.col_p_recomputed}</th>
                            <th scope="col">{t.col_limit_met}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|(name, r)| {
                            let dates = match (&r.started_on, &r.completed_on) {
                                (Some(s), Some(e)) => fill(t.round_dates, &[&format::date(lang, s), &format::date(lang, e)]),
                                (Some(s), None) => format::date(lang, s),
                                (None, Some(e)) => format::date(lang, e),
                                (None, None) => dash(),
                            };
                            let recomputed = r.check.as_ref().and_then(|k| k.p_value).map(p_precise).unwrap_or_else(dash);
                            view! {
                                <tr>
                                    <th scope="row" lang="en">{name}</th>
                                    <td class="num">{r.round}</td>
                                    <td>{dates}</td>
                                    <td class="num">{format::grouped(r.sample_size)}</td>
                                    <td class="num">{r.p_value.map(p_precise).unwrap_or_else(dash)}</td>
                                    <td class="num">{recomputed}</td>
                                    <td>{r.risk_limit_met.map(|b| lang.yes_no(b).to_string()).unwrap_or_else(dash)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    })
}

fn tallies_table(lang: Lang, c: PublicContest) -> impl IntoView {
    let t = lang.t();
    let dash = || t.none_dash.to_string();
    let caption = fill(t.tallies_caption, &[&c.name]);
    let label = caption.clone();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=label>
            <table>
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.col_candidate}</th>
                        <th scope="col" class="num">{t.col_reported}</th>
                        <th scope="col" class="num">{t.col_audited}</th>
                    </tr>
                </thead>
                <tbody>
                    {c.tallies.into_iter().map(|tally| view! {
                        <tr>
                            <th scope="row" lang="en">{tally.candidate}</th>
                            <td class="num">{format::grouped(tally.reported_votes)}</td>
                            <td class="num">{tally.audited_votes.map(format::grouped).unwrap_or_else(dash)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, ES};

    fn check(p: f64, consistent: Option<bool>) -> PublicCheck {
        PublicCheck {
            method: "bravo".into(),
            p_value: Some(p),
            risk_limit_met: Some(true),
            consistent,
            diluted_margin: Some(0.12),
        }
    }

    #[test]
    fn p_values_keep_three_significant_digits() {
        assert_eq!(p_precise(0.0176), "0.0176");
        assert_eq!(p_precise(0.01759884669077373), "0.0176");
        assert_eq!(p_precise(0.052), "0.052");
        assert_eq!(p_precise(2e-05), "0.00002");
        assert_eq!(p_precise(2.3590977854429492e-05), "0.0000236");
        assert_eq!(p_precise(0.68), "0.68");
        assert_eq!(p_precise(1.0), "1");
        assert_eq!(p_precise(0.0), "0");
        assert_eq!(p_precise(1e-12), "< 0.000001");
        assert_eq!(margin_percent(0.12260996591462425), "12.26%");
    }

    #[test]
    fn the_check_in_plain_words() {
        let k = check(0.01759884669077373, Some(true));
        assert_eq!(
            check_sentence(&EN, AuditMath::Bravo, Some(0.0176), Some(&k)),
            "Published p = 0.0176; recomputed from the numbers on this page: p = 0.0176 (consistent)"
        );
        let k = check(0.052, Some(false));
        assert_eq!(
            check_sentence(&EN, AuditMath::Bravo, Some(0.0176), Some(&k)),
            "Published p = 0.0176; recomputed from the numbers on this page: p = 0.052 — does not match the published value"
        );
        assert_eq!(
            check_sentence(&EN, AuditMath::Macro, Some(0.064), None),
            "Published p = 0.064. Not recomputed here: this version was published without the batch tallies the check needs"
        );
        assert!(check_sentence(&ES, AuditMath::Macro, Some(0.064), None)
            .contains("No se recalcula aquí: esta versión se publicó sin los totales por lote"));
        assert!(
            check_sentence(&EN, AuditMath::None, None, None).starts_with("No p-value was published. Not recomputed")
        );
        let k = check(0.0176, Some(true));
        assert!(check_sentence(&ES, AuditMath::Bravo, Some(0.0176), Some(&k))
            .contains("recalculado con las cifras de esta página: p = 0.0176 (coincide)"));
    }
}
