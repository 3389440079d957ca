//! The evidence behind an audit, as a timeline in the order it happened: inputs
//! committed by hash → seed drawn → sample drawn → outcome; then how anyone can
//! re-draw the sample and recompute the risk with the portal's public tools.

use crate::components::encode_query_value;
use crate::format;
use crate::i18n::{fill, Lang, Strings};
use crate::model::*;
use leptos::prelude::*;

/// Whether the audit published anything for the evidence timeline.
pub(super) fn has_evidence(a: &PublicAudit) -> bool {
    a.manifest.is_some() || a.seed.is_some() || !a.commitments.is_empty()
}

/// Whether the page can truthfully say that anyone can re-draw the sample: the
/// seed, the manifest, the sampler and the sample's size are all published.
pub(super) fn can_redraw(a: &PublicAudit) -> bool {
    a.seed.is_some() && a.manifest.is_some() && sampler_code(a).is_some() && a.sampled_units > 0
}

/// The `--method` of `portal sample` for the audit's sampler.
fn sampler_code(a: &PublicAudit) -> Option<&'static str> {
    match a.sampler.as_deref() {
        Some("consistent") => Some("consistent"),
        Some("rivest") => Some("rivest"),
        Some("ppeb") => Some("ppeb"),
        _ => None,
    }
}

/// The audit's cumulative sample size at the end of each round (the largest of
/// its contests' in that round).
pub(super) fn round_sizes(a: &PublicAudit) -> Vec<i64> {
    let mut sizes: Vec<i64> = Vec::new();
    for r in a.contests.iter().flat_map(|c| c.rounds.iter()) {
        let k = r.round.max(1) as usize;
        if sizes.len() < k {
            sizes.resize(k, 0);
        }
        sizes[k - 1] = sizes[k - 1].max(r.sample_size);
    }
    for k in 1..sizes.len() {
        sizes[k] = sizes[k].max(sizes[k - 1]);
    }
    sizes
}

/// The exact command that re-draws the audit's sample from its manifest.
pub(super) fn sample_command(a: &PublicAudit) -> Option<String> {
    if !can_redraw(a) {
        return None;
    }
    let method = sampler_code(a)?;
    let seed = a.seed.as_deref()?;
    // A seed is digits in practice; quote anything a shell would read otherwise.
    let seed = if seed.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) {
        seed.to_string()
    } else {
        format!("'{}'", seed.replace('\'', r"'\''"))
    };
    // A multi-round audit's draws are its rounds' (the sample continues from
    // round to round): --rounds gives each round's cumulative size.
    let sizes = round_sizes(a);
    let size = if sizes.len() > 1 {
        format!("--rounds {}", sizes.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(","))
    } else {
        format!("--size {}", a.sampled_units)
    };
    let mut command = format!("portal sample --method {method} --seed {seed} {size} --manifest manifest.csv");
    if method == "ppeb" {
        // Always with replacement; weighted by the targeted contest's batch tallies.
        command.push_str(" --tallies batch-tallies.csv");
        if let Some(c) = a.contests.iter().find(|c| c.targeted) {
            if a.contests.len() > 1 {
                command.push_str(&format!(" --contest '{}'", c.name.replace('\'', r"'\''")));
            }
            if c.winners.len() > 1 {
                command.push_str(&format!(" --winners {}", c.winners.len()));
            }
        }
    } else if a.with_replacement {
        command.push_str(" --with-replacement");
    }
    Some(command)
}

/// An RFC 3339 UTC time for reading: "November 29, 2026, 10:56 UTC".
pub(super) fn date_time(lang: Lang, iso: &str) -> String {
    let day = format::date(lang, iso);
    match iso.get(11..16) {
        Some(hm) if iso.as_bytes().get(10) == Some(&b'T') => format!("{day}, {hm} UTC"),
        _ => day,
    }
}

/// An RFC 3339 UTC time as a comparable key (fractions padded), or `None` when
/// it is not in the form the portal writes.
fn instant(iso: &str) -> Option<(String, String)> {
    let body = iso.strip_suffix('Z')?;
    let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
    if whole.len() != 19 || !fraction.bytes().all(|b| b.is_ascii_digit()) || fraction.len() > 9 {
        return None;
    }
    Some((whole.to_string(), format!("{fraction:0<9}")))
}

/// The first commitment made after the seed was drawn, if any (`Ok(None)`: all
/// before); `Err` when the times cannot be compared.
fn committed_after_seed(a: &PublicAudit) -> Result<Option<&PublicCommitment>, ()> {
    let seed = instant(a.seed_drawn_at.as_deref().ok_or(())?).ok_or(())?;
    for c in &a.commitments {
        if instant(&c.committed_at).ok_or(())? >= seed {
            return Ok(Some(c));
        }
    }
    Ok(None)
}

fn what_label(t: &Strings, what: &str) -> String {
    match what {
        "manifest" => t.what_manifest.to_string(),
        "cast_vote_records" => t.what_cvr.to_string(),
        "batch_tallies" => t.what_batch_tallies.to_string(),
        other => other.replace('_', " "),
    }
}

/// The planner's address, filled in with the audit's first contest when its
/// method is one the planner plans for.
fn planner_href(lang: Lang, a: &PublicAudit) -> String {
    let base = lang.href("/audits/planner");
    let method = match a.math {
        AuditMath::Bravo | AuditMath::Minerva => "bravo",
        AuditMath::KaplanMarkov => "kaplan_markov",
        _ => return base,
    };
    let Some(c) = a.contests.iter().find(|c| c.tallies.len() >= 2) else { return base };
    let winners: Vec<i64> =
        c.tallies.iter().filter(|t| c.winners.contains(&t.candidate)).map(|t| t.reported_votes).collect();
    let losers = c.tallies.iter().filter(|t| !c.winners.contains(&t.candidate)).map(|t| t.reported_votes);
    let (Some(winner), Some(runner_up)) = (winners.into_iter().min(), losers.max()) else { return base };
    let risk = a.risk_limit_pct.map(|r| format!("{r}")).unwrap_or_else(|| "5".into());
    format!(
        "{base}?method={method}&risk={}&ballots={}&winner={winner}&runner_up={runner_up}",
        encode_query_value(&risk),
        c.ballots_cast
    )
}

#[component]
pub(super) fn EvidenceSection(audit: PublicAudit) -> impl IntoView {
    let lang = Lang::current_untracked();
    let t = lang.t();
    let a = audit;
    let command = sample_command(&a);
    let order = match committed_after_seed(&a) {
        Ok(None) if !a.commitments.is_empty() => Some(view! { <p class="ev-order">{t.ev_before_seed}</p> }.into_any()),
        Ok(Some(c)) => Some(
            view! { <p class="ev-order warning">{fill(t.ev_after_seed, &[&what_label(t, &c.what)])}</p> }.into_any(),
        ),
        _ => None,
    };
    let committed = (!a.commitments.is_empty() || a.manifest.is_some()).then(|| {
        // The manifest's facts go with its commitment (or stand alone when it
        // was published without one).
        let manifest_facts = |m: &PublicManifest| {
            let summary = fill(t.manifest_summary, &[&format::grouped(m.ballots), &format::grouped(m.batches)]);
            view! {
                " · " {summary}
                <br/>
                <a href=m.url.clone() type="text/csv" download="manifest.csv">{t.manifest_download}</a>
            }
        };
        let manifest_committed = a.commitments.iter().any(|c| c.what == "manifest");
        let items = a
            .commitments
            .iter()
            .map(|c| {
                let facts = (c.what == "manifest").then(|| a.manifest.as_ref().map(manifest_facts)).flatten();
                // The committed bytes themselves, whose SHA-256 is the one shown.
                let tallies = (c.what == "batch_tallies").then(|| {
                    let href = format!("/audits/{}/v/{}/batch-tallies.csv", a.slug, a.version);
                    view! {
                        <br/>
                        <a href=href type="text/csv" download="batch-tallies.csv">{t.batch_tallies_download}</a>
                    }
                });
                view! {
                    <li>
                        <strong>{what_label(t, &c.what)}</strong> " — "
                        {fill(t.ev_bytes, &[&format::grouped(c.bytes)])} ", "
                        <time datetime=c.committed_at.clone()>
                            {fill(t.ev_committed_at, &[&date_time(lang, &c.committed_at)])}
                        </time>
                        <br/>
                        <span class="hash-label">{t.col_sha256} ": "</span>
                        <code class="hash">{c.sha256.clone()}</code>
                        {facts}
                        {tallies}
                    </li>
                }
                .into_any()
            })
            .chain(a.manifest.as_ref().filter(|_| !manifest_committed).map(|m| {
                view! {
                    <li>
                        <strong>{t.what_manifest}</strong>
                        <br/>
                        <span class="hash-label">{t.col_sha256} ": "</span>
                        <code class="hash">{m.sha256.clone()}</code>
                        {manifest_facts(m)}
                    </li>
                }
                .into_any()
            }))
            .collect_view();
        view! {
            <li>
                <h3>{t.ev_committed}</h3>
                {(!a.commitments.is_empty()).then(|| view! { <p class="print-hide">{t.ev_committed_help}</p> })}
                <ul class="commitments">{items}</ul>
            </li>
        }
    });
    let seed = a.seed.clone().map(|seed| {
        let when = a.seed_drawn_at.clone().map(|at| {
            view! { <p><time datetime=at.clone()>{fill(t.ev_seed_at, &[&date_time(lang, &at)])}</time></p> }
        });
        let notice = a.seed_notice.clone().map(|slug| {
            view! { <p><a href=lang.href(&format!("/updates/{slug}"))>{t.ev_seed_notice}</a></p> }
        });
        view! {
            <li>
                <h3>{t.ev_seed}</h3>
                {when}
                <p>{t.fact_seed} ": " <code class="hash">{seed}</code></p>
                {notice}
                {order}
            </li>
        }
    });
    let sample = a.sampler.clone().map(|sampler| {
        let name = match sampler.as_str() {
            "consistent" => t.sampler_consistent.to_string(),
            "rivest" => t.sampler_rivest.to_string(),
            "ppeb" => t.sampler_ppeb.to_string(),
            other => other.to_string(),
        };
        let replacement = match (sampler.as_str(), a.with_replacement) {
            ("ppeb", _) => t.ev_batches_with_replacement,
            (_, true) => t.ev_with_replacement,
            (_, false) => t.ev_without_replacement,
        };
        let version =
            a.sampler_version.clone().map(|v| view! { " · " {t.fact_version} ": " <span lang="en">{v}</span> });
        let batches = sampler == "ppeb";
        let drawn = (a.sampled_units > 0).then(|| {
            let list = format!("/data/sampled-units.csv?audit={}", a.slug);
            let count = if batches { t.ev_sampled_batches } else { t.ev_sampled };
            let tallies = batches.then(|| {
                let href = format!("/data/batch-tallies.csv?audit={}", a.slug);
                view! { " · " <a href=href type="text/csv">{t.batches_all_tallies}</a> }
            });
            view! {
                <p>
                    <strong>{fill(count, &[&format::grouped(a.sampled_units)])}</strong> " · "
                    <a href=list type="text/csv">{if batches { t.ev_sampled_batches_list } else { t.ev_sampled_list }}</a>
                    {tallies}
                </p>
            }
        });
        view! {
            <li>
                <h3>{t.ev_sample}</h3>
                <p>{t.ev_sampler} ": " {name} {version}</p>
                <p>{replacement}</p>
                {drawn}
            </li>
        }
    });
    let completed =
        a.completed_on.clone().map(|d| view! { " " {fill(t.ev_outcome_completed, &[&format::date(lang, &d)])} });
    let redraw_text = if a.sampler.as_deref() == Some("ppeb") { t.redraw_body_batches } else { t.redraw_body };
    let redraw = command.map(|command| {
        view! {
            <h3 id="redraw">{t.redraw_heading}</h3>
            <p>{redraw_text}</p>
            <pre class="command"><code>{command}</code></pre>
            <p class="print-hide">{t.redraw_math}</p>
            <pre class="command print-hide"><code>"portal audit-math contest.json"</code></pre>
        }
    });
    view! {
        <section class="evidence" aria-labelledby="evidence">
            <h2 id="evidence">{t.evidence_heading}</h2>
            <p class="print-hide">{t.evidence_intro}</p>
            <ol class="timeline">
                {committed}
                {seed}
                {sample}
                <li>
                    <h3>{t.fact_outcome}</h3>
                    <p><strong class=format!("outcome outcome-{}", a.outcome.code())>{lang.outcome(a.outcome)}</strong>{completed}</p>
                </li>
            </ol>
            {redraw}
            <p class="screen-only"><a href=planner_href(lang, &a)>{t.planner_from_audit}</a></p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_compare_with_their_fractions() {
        assert!(instant("2026-11-29T10:56:32.95Z") < instant("2026-11-29T10:56:32.952593Z"));
        assert!(instant("2026-11-29T10:56:33Z") > instant("2026-11-29T10:56:32.952593Z"));
        assert!(instant("2026-11-29T10:56:32Z") < instant("2026-11-29T10:56:32.000001Z"));
        assert_eq!(instant("yesterday"), None);
        assert_eq!(date_time(Lang::En, "2026-11-29T10:56:32.95Z"), "November 29, 2026, 10:56 UTC");
        assert_eq!(date_time(Lang::Es, "2026-11-29T10:56:32Z"), "29 de noviembre de 2026, 10:56 UTC");
    }
}
