//! What a version publishes, flattened to (field, value) pairs, and the
//! difference between two versions: the reviewer sees every public field that a
//! submission would change, from the same projection that publication writes.

use crate::db::audits::PublishedAudit;
use crate::db::published::PublishedRows;
use crate::db::withholdings::WithholdingRow;
use crate::domain::digest::sha256_hex;

/// One public field that differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub field: String,
    pub before: String,
    pub after: String,
}

fn put(out: &mut Vec<(String, String)>, field: impl Into<String>, value: impl ToString) {
    out.push((field.into(), value.to_string()));
}

/// Dollars and cents as the officials' forms show them: `2500.00`.
fn dollars(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|v| v.to_string()).unwrap_or_default()
}

/// Every public field of a version (version numbers, dates of publication and
/// the current marker left out: they change with every version).
pub fn flatten(rows: &PublishedRows, withheld: &[WithholdingRow]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    match rows {
        PublishedRows::Audit(a) => {
            let PublishedAudit {
                audit,
                contests,
                tallies,
                documents,
                batches,
                files,
                units,
                interpretations,
                batch_tallies,
                rounds,
            } = a.as_ref();
            let crate::db::audits::PublishedAuditRow {
                slug: _,
                version: _,
                is_current: _,
                published_at: _,
                election_slug,
                jurisdiction_slug,
                audit_type,
                math,
                risk_limit_pct,
                seed,
                seed_drawn_at,
                seed_notice,
                sampler,
                sampler_version,
                with_replacement,
                manifest_sha256,
                manifest_batches,
                manifest_ballots,
                // Stamped at publication from earlier versions: not this version's own.
                manifest_committed_at: _,
                started_on,
                completed_on,
                outcome,
                summary,
                withheld_count: _,
                correction_note: _,
            } = audit;
            put(&mut out, "election", election_slug);
            put(&mut out, "jurisdiction", jurisdiction_slug);
            put(&mut out, "audit type", audit_type);
            put(&mut out, "method", math);
            put(&mut out, "risk limit", opt(risk_limit_pct));
            put(&mut out, "seed", opt(seed));
            put(&mut out, "seed drawn at", opt(seed_drawn_at));
            put(&mut out, "seed ceremony notice", opt(seed_notice));
            put(&mut out, "sampler", opt(sampler));
            put(&mut out, "sampler version", opt(sampler_version));
            put(&mut out, "with replacement", *with_replacement != 0);
            put(&mut out, "manifest SHA-256", opt(manifest_sha256));
            put(&mut out, "manifest batches", manifest_batches);
            put(&mut out, "manifest ballots", manifest_ballots);
            // The batches and the sample in full would be thousands of lines: the
            // manifest's hash covers the batches; the sample gets its own.
            let _ = batches;
            let sample: String =
                units.iter().map(|u| format!("{},{},{}\n", u.ticket, u.batch, u.ballot_position)).collect();
            put(&mut out, "sampled ballots", units.len());
            put(
                &mut out,
                "sample SHA-256",
                if units.is_empty() { String::new() } else { sha256_hex(sample.as_bytes()) },
            );
            let readings: String = interpretations
                .iter()
                .map(|i| {
                    let audited = i.audited.as_deref().unwrap_or("not found");
                    format!("{},{},{},{},{}\n", i.unit_position, i.contest_position, i.machine, audited, i.discrepancy)
                })
                .collect();
            put(&mut out, "ballot readings", interpretations.len());
            put(
                &mut out,
                "ballot readings SHA-256",
                if interpretations.is_empty() { String::new() } else { sha256_hex(readings.as_bytes()) },
            );
            // The reported tallies are covered by their committed file's hash; the
            // hand counts get their own.
            let counts: String = batch_tallies
                .iter()
                .filter_map(|t| t.audited.map(|a| format!("{},{},{},{a}\n", t.contest_position, t.batch, t.candidate)))
                .collect();
            put(&mut out, "batch tallies", batch_tallies.len());
            put(
                &mut out,
                "hand counts SHA-256",
                if counts.is_empty() { String::new() } else { sha256_hex(counts.as_bytes()) },
            );
            for r in rounds {
                let crate::db::audits::PublishedRoundRow {
                    audit_slug: _,
                    version: _,
                    position: _,
                    contest_position,
                    round,
                    sample_size,
                    audited_results,
                    o1,
                    o2,
                    u1,
                    u2,
                    p_value,
                    risk_limit_met,
                    started_on,
                    completed_on,
                    // Recomputed from the fields above.
                    check_method: _,
                    check_p_value: _,
                    check_risk_limit_met: _,
                    check_consistent: _,
                } = r;
                let n = |v: &Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
                put(
                    &mut out,
                    format!("contest {} round {round}", contest_position + 1),
                    format!(
                        "sample {sample_size}; audited {}; o1/o2/u1/u2 {}/{}/{}/{}; p {}; met {}; {} to {}",
                        opt(audited_results),
                        n(o1),
                        n(o2),
                        n(u1),
                        n(u2),
                        opt(p_value),
                        n(risk_limit_met),
                        opt(started_on),
                        opt(completed_on)
                    ),
                );
            }
            for f in files {
                let crate::db::audits::PublishedFileRow {
                    audit_slug: _,
                    version: _,
                    position,
                    kind,
                    sha256,
                    bytes,
                    committed_at: _,
                } = f;
                put(&mut out, format!("committed file {}", position + 1), format!("{kind} {sha256} ({bytes} bytes)"));
            }
            put(&mut out, "started", opt(started_on));
            put(&mut out, "completed", opt(completed_on));
            put(&mut out, "outcome", outcome);
            put(&mut out, "summary", summary);
            for c in contests {
                let crate::db::audits::PublishedContestRow {
                    audit_slug: _,
                    version: _,
                    position,
                    name,
                    winners,
                    votes_allowed,
                    ballots_cast,
                    sample_size,
                    o1,
                    o2,
                    u1,
                    u2,
                    p_value,
                    risk_limit_met,
                    check_method: _,
                    check_p_value,
                    check_risk_limit_met,
                    check_consistent,
                    diluted_margin: _,
                    targeted,
                } = c;
                let n = position + 1;
                put(&mut out, format!("contest {n}"), name);
                put(&mut out, format!("contest {n} winners"), winners);
                put(&mut out, format!("contest {n} votes allowed"), votes_allowed);
                put(&mut out, format!("contest {n} ballots cast"), ballots_cast);
                put(&mut out, format!("contest {n} targeted"), *targeted != 0);
                put(&mut out, format!("contest {n} sample size"), opt(sample_size));
                put(&mut out, format!("contest {n} o1"), opt(o1));
                put(&mut out, format!("contest {n} o2"), opt(o2));
                put(&mut out, format!("contest {n} u1"), opt(u1));
                put(&mut out, format!("contest {n} u2"), opt(u2));
                put(&mut out, format!("contest {n} p-value"), opt(p_value));
                put(&mut out, format!("contest {n} risk limit met"), opt(&risk_limit_met.map(|m| m != 0)));
                put(&mut out, format!("contest {n} recomputed p-value"), opt(check_p_value));
                put(
                    &mut out,
                    format!("contest {n} recomputed risk limit met"),
                    opt(&check_risk_limit_met.map(|m| m != 0)),
                );
                put(&mut out, format!("contest {n} check consistent"), opt(&check_consistent.map(|m| m != 0)));
            }
            for t in tallies {
                let crate::db::audits::PublishedTallyRow {
                    audit_slug: _,
                    version: _,
                    contest_position,
                    position,
                    candidate,
                    reported_votes,
                    audited_votes,
                } = t;
                let (n, m) = (contest_position + 1, position + 1);
                put(&mut out, format!("contest {n} candidate {m}"), candidate);
                put(&mut out, format!("contest {n} candidate {m} reported votes"), reported_votes);
                put(&mut out, format!("contest {n} candidate {m} audited votes"), opt(audited_votes));
            }
            for d in documents {
                let crate::db::audits::PublishedDocumentRow { audit_slug: _, version: _, position, title, url, sha256 } =
                    d;
                let n = position + 1;
                put(&mut out, format!("document {n} title"), title);
                put(&mut out, format!("document {n} address"), url);
                put(&mut out, format!("document {n} SHA-256"), sha256);
            }
        }
        PublishedRows::Grant(g) => {
            let crate::db::grants::PublishedGrantRow {
                slug: _,
                version: _,
                is_current: _,
                published_at: _,
                program,
                funder,
                recipient_slug,
                federal_cents,
                match_cents,
                award_date,
                period_start,
                period_end,
                source,
                correction_note: _,
            } = g;
            put(&mut out, "program", program);
            put(&mut out, "funder", funder);
            put(&mut out, "recipient", recipient_slug);
            put(&mut out, "federal amount", dollars(*federal_cents));
            put(&mut out, "match amount", dollars(*match_cents));
            put(&mut out, "award date", award_date);
            put(&mut out, "period starts", opt(period_start));
            put(&mut out, "period ends", opt(period_end));
            put(&mut out, "source", source);
        }
        PublishedRows::Expenditure(x) => {
            let crate::db::expenditures::PublishedExpenditureRow {
                slug: _,
                version: _,
                is_current: _,
                published_at: _,
                grant_slug,
                recipient_slug,
                category,
                federal_cents,
                match_cents,
                spent_on,
                vendor,
                description,
                withheld_count: _,
                correction_note: _,
            } = x;
            put(&mut out, "grant", grant_slug);
            put(&mut out, "recipient", recipient_slug);
            put(&mut out, "category", category);
            put(&mut out, "federal amount", dollars(*federal_cents));
            put(&mut out, "match amount", dollars(*match_cents));
            put(&mut out, "date", spent_on);
            put(&mut out, "vendor", vendor);
            put(&mut out, "description", description);
        }
        PublishedRows::Update(u) => {
            let crate::db::updates::PublishedUpdateRow {
                slug: _,
                version: _,
                is_current: _,
                published_at: _,
                title,
                body_html,
                office_slug,
                update_date,
                correction_note: _,
            } = u;
            put(&mut out, "title", title);
            put(&mut out, "office", office_slug);
            put(&mut out, "date", update_date);
            // Readers compare what the page shows, not its markup.
            put(&mut out, "body", super::scanner::visible_text_of_html(body_html));
        }
    }
    for (i, w) in withheld.iter().enumerate() {
        let WithholdingRow {
            record_kind: _,
            slug: _,
            version: _,
            position: _,
            detail,
            basis_citation,
            basis_description: _,
            statement,
        } = w;
        let n = i + 1;
        put(&mut out, format!("withholding {n}"), detail);
        put(&mut out, format!("withholding {n} basis"), basis_citation);
        put(&mut out, format!("withholding {n} statement"), statement);
    }
    out
}

/// The fields whose values differ between two flattened versions, in the order
/// they appear (fields only in one of them included).
pub fn differences(before: &[(String, String)], after: &[(String, String)]) -> Vec<Change> {
    use std::collections::HashMap;
    let b: HashMap<&str, &str> = before.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let a: HashMap<&str, &str> = after.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut keys: Vec<&str> = after.iter().map(|(k, _)| k.as_str()).collect();
    keys.extend(before.iter().map(|(k, _)| k.as_str()).filter(|k| !a.contains_key(k)));
    keys.into_iter()
        .filter_map(|k| {
            let (x, y) = (b.get(k).copied().unwrap_or(""), a.get(k).copied().unwrap_or(""));
            (x != y).then(|| Change { field: k.to_string(), before: x.to_string(), after: y.to_string() })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn differences_show_changed_added_and_removed_fields_in_order() {
        let before = pairs(&[("a", "1"), ("b", "2"), ("gone", "x")]);
        let after = pairs(&[("a", "1"), ("b", "3"), ("new", "y")]);
        let d = differences(&before, &after);
        let fields: Vec<&str> = d.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["b", "new", "gone"]);
        assert_eq!((d[0].before.as_str(), d[0].after.as_str()), ("2", "3"));
    }

    #[test]
    fn swapped_votes_show_up() {
        let before =
            pairs(&[("contest 1 candidate 1 reported votes", "100"), ("contest 1 candidate 2 reported votes", "90")]);
        let after =
            pairs(&[("contest 1 candidate 1 reported votes", "90"), ("contest 1 candidate 2 reported votes", "100")]);
        assert_eq!(differences(&before, &after).len(), 2);
    }
}
