//! An audit's projection: its row, contests (each with its risk recomputed),
//! tallies, documents, and its evidence — the manifest's public batches (real
//! labels withheld), the committed files' hashes and sizes, and the sample the
//! portal itself draws from the seed, the manifest and the sampler.

use super::{text, withheld, Projection, PublicText, Rows};
use crate::db::audits::{
    PublishedAudit, PublishedAuditRow, PublishedBatchRow, PublishedBatchTallyRow, PublishedContestRow,
    PublishedDocumentRow, PublishedFileRow, PublishedInterpretationRow, PublishedRoundRow, PublishedTallyRow,
    PublishedUnitRow, ROUND_STRIDE,
};
use crate::domain::audit::batch_tally;
use crate::domain::audit::evidence::{
    BatchDraft, CommittedFile, CommittedKind, ManifestDraft, SampledUnit, MAX_SAMPLE,
};
use crate::domain::audit::interpretation;
use crate::domain::audit::round::{self, RoundDraft};
use crate::domain::audit::{
    AuditDraft, ContestDraft, DocumentDraft, Evidence, Sampler, TallyDraft, MAX_CANDIDATES, MAX_CONTESTS,
};
use crate::domain::draft::FieldError;
use crate::domain::withholding::{withholding, Restricted, RestrictedPart, WithholdingPolicy};
use crate::domain::{AuditMath, AuditType, RecordKind};
use crate::gate::check;

/// Whether an audit of this type draws a sample of ballots from a manifest.
fn samples_ballots(t: AuditType) -> bool {
    matches!(t, AuditType::BallotPolling | AuditType::BallotComparison)
}

pub(super) fn project_audit(d: &AuditDraft, policy: &dyn WithholdingPolicy) -> Result<Projection, FieldError> {
    let AuditDraft {
        slug,
        election,
        jurisdiction,
        audit_type,
        math,
        risk_limit,
        seed,
        seed_drawn_at,
        seed_notice,
        sampler,
        with_replacement,
        started_on,
        completed_on,
        outcome,
        summary,
        contests,
        documents,
        evidence,
        restricted,
    } = d;
    let mut texts = Vec::new();
    text(&mut texts, "summary", summary.as_str());
    if let Some(seed) = seed {
        text(&mut texts, "seed", seed.as_str());
    }
    // The basis and statement serve the security details and the batches' real
    // labels alike; with labels alone, the details' withholding is empty.
    let has_labels = evidence.manifest.iter().flat_map(|m| m.batches.iter()).any(|b| !b.label.is_empty());
    let details = if restricted.security_details.is_empty() && has_labels {
        RestrictedPart {
            security_details: Restricted::new(String::new()),
            withholding_basis: String::new(),
            withholding_statement: String::new(),
            internal_notes: Restricted::new(restricted.internal_notes.expose().clone()),
        }
    } else {
        restricted.clone()
    };
    let mut withholdings = withheld(policy, RecordKind::Audit, &details, &mut texts)?;
    let slug_text = slug.to_string();
    // The caps the forms and imports apply hold at the gate too, so no draft
    // however built publishes an audit too big to read.
    if contests.len() > MAX_CONTESTS {
        return Err(FieldError::new("contests", format!("an audit may have at most {MAX_CONTESTS} contests")));
    }
    if let Some(c) = contests.iter().find(|c| c.tallies.len() > MAX_CANDIDATES) {
        return Err(FieldError::new(
            "contests",
            format!("contest \"{}\" has more than {MAX_CANDIDATES} candidates", c.name),
        ));
    }
    let draws = sample(d)?;
    let (contest_rows, tally_rows) = contest_rows(&slug_text, d, &draws, &mut texts);
    let mut document_rows = Vec::new();
    for (position, doc) in documents.iter().enumerate() {
        let DocumentDraft { title, url, sha256 } = doc;
        text(&mut texts, "document_title", title.as_str());
        text(&mut texts, "document_url", url);
        document_rows.push(PublishedDocumentRow {
            audit_slug: slug_text.clone(),
            version: 0,
            position: position as i64,
            title: title.to_string(),
            url: url.clone(),
            sha256: sha256.clone(),
        });
    }
    let Evidence { manifest, files, interpretations: _, batch_tallies: _, rounds: _ } = evidence;
    let round_rows = round_rows(&slug_text, d, &draws)?;
    let sizes = round::round_sizes(&evidence.rounds, contests);
    let (batch_rows, labels) = batch_rows(&slug_text, manifest.as_ref(), &mut texts);
    if let Some(w) = label_withholding(policy, &labels, restricted)? {
        if !withholdings.iter().any(|x| x.statement == w.statement) {
            text(&mut texts, "withholding_statement", &w.statement);
        }
        withholdings.push(w);
    }
    let file_rows = file_rows(&slug_text, files);
    let batch_tally_rows = batch_tally_rows(&slug_text, d, &draws)?;
    let unit_rows: Vec<PublishedUnitRow> = draws
        .iter()
        .enumerate()
        .map(|(i, u)| PublishedUnitRow {
            audit_slug: slug_text.clone(),
            version: 0,
            position: i as i64,
            round: round::round_of_draw(&sizes, i),
            ticket: u.ticket.clone(),
            batch: u.batch.clone(),
            ballot_position: u.position as i64,
        })
        .collect();
    let interpretation_rows = interpretation_rows(&slug_text, d, &draws)?;
    if let Some(notice) = seed_notice {
        text(&mut texts, "seed_notice", notice.as_str());
    }
    let audit = PublishedAuditRow {
        slug: slug_text.clone(),
        version: 0,
        is_current: 1,
        published_at: String::new(),
        election_slug: election.to_string(),
        jurisdiction_slug: jurisdiction.to_string(),
        audit_type: audit_type.code().into(),
        math: math.code().into(),
        risk_limit_pct: risk_limit.map(|r| r.get()),
        seed: seed.as_ref().map(|s| s.to_string()),
        seed_drawn_at: seed_drawn_at.map(|t| t.to_string()),
        seed_notice: seed_notice.as_ref().map(|s| s.to_string()),
        sampler: sampler.map(|s| s.code().to_string()),
        sampler_version: sampler.map(|s| s.version().to_string()),
        // PPEB always draws with replacement (MACRO's bound assumes it).
        with_replacement: i64::from(*with_replacement || *sampler == Some(Sampler::Ppeb)),
        manifest_sha256: manifest.as_ref().map(ManifestDraft::sha256),
        manifest_batches: manifest.as_ref().map(|m| m.batches.len() as i64).unwrap_or(0),
        manifest_ballots: manifest.as_ref().map(|m| m.total_ballots() as i64).unwrap_or(0),
        // Stamped at publication: when this manifest was first published.
        manifest_committed_at: None,
        started_on: started_on.map(|d| d.to_string()),
        completed_on: completed_on.map(|d| d.to_string()),
        outcome: outcome.code().into(),
        summary: summary.to_string(),
        withheld_count: withholdings.len() as i64,
        correction_note: None,
    };
    Ok(Projection {
        kind: RecordKind::Audit,
        slug: slug_text,
        jurisdiction: jurisdiction.to_string(),
        rows: Rows::Audit(Box::new(PublishedAudit {
            audit,
            contests: contest_rows,
            tallies: tally_rows,
            documents: document_rows,
            batches: batch_rows,
            files: file_rows,
            units: unit_rows,
            interpretations: interpretation_rows,
            batch_tallies: batch_tally_rows,
            rounds: round_rows,
        })),
        withholdings,
        texts,
    })
}

/// The ballots the portal draws from the audit's seed, manifest and sampler
/// (as many as its largest contest sample), or none before the seed. With the
/// `ppeb` sampler, whole batches (position 0) drawn from the batch tallies of
/// the audit's one targeted contest, as many as its sample.
pub fn sample(d: &AuditDraft) -> Result<Vec<SampledUnit>, FieldError> {
    let (Some(seed), Some(sampler), Some(manifest)) = (&d.seed, d.sampler, &d.evidence.manifest) else {
        return Ok(Vec::new());
    };
    if sampler == Sampler::Ppeb {
        return batch_sample(d, seed.as_str(), manifest);
    }
    let size = d.contests.iter().filter_map(|c| c.sample_size).map(|n| n.get().max(0) as u64).max().unwrap_or(0);
    if !samples_ballots(d.audit_type) || size == 0 {
        return Ok(Vec::new());
    }
    manifest
        .draws(sampler, seed.as_str(), size, d.with_replacement)
        .map_err(|m| FieldError::new("sample_size", format!("the sample cannot be drawn: {m}")))
}

fn batch_sample(d: &AuditDraft, seed: &str, manifest: &ManifestDraft) -> Result<Vec<SampledUnit>, FieldError> {
    let refuse = |m: String| FieldError::new("sampler", m);
    if d.audit_type != AuditType::BatchComparison {
        return Err(refuse("the ppeb sampler draws whole batches: it is for batch-comparison audits".into()));
    }
    let targeted: Vec<usize> = (0..d.contests.len()).filter(|i| d.contests[*i].targeted).collect();
    let [index] = targeted[..] else {
        return Err(refuse(format!(
            "the ppeb sampler weighs the batches by one contest's error bounds; this audit targets {} contests \
             (target one; count the others as not targeted)",
            targeted.len()
        )));
    };
    let contest = &d.contests[index];
    let size = contest.sample_size.map(|n| n.get().max(0) as u64).unwrap_or(0);
    if size == 0 || !d.evidence.batch_tallies.iter().any(|t| t.contest == index) {
        // Nothing to draw from yet: the check's finding says what to import.
        return Ok(Vec::new());
    }
    if size > MAX_SAMPLE {
        return Err(FieldError::new("sample_size", format!("a sample may have at most {MAX_SAMPLE} draws")));
    }
    let rla_manifest = rla::manifest::Manifest::new(
        manifest.batches.iter().map(|b| (b.batch.to_string(), b.ballots.get() as u64)).collect(),
    )
    .map_err(|e| refuse(e.to_string()))?;
    let tallies = batch_tally::contest_tallies(&d.evidence.batch_tallies, index, contest);
    let weights = rla::ppeb::weights(&rla_manifest, &tallies)
        .map_err(|e| refuse(format!("the batches cannot be drawn: {}", e.message)))?;
    let draws = rla::ppeb::draws(seed, &weights, size)
        .map_err(|e| refuse(format!("the batches cannot be drawn: {}", e.message)))?;
    Ok(draws.into_iter().map(|u| SampledUnit { ticket: u.ticket, batch: u.batch, position: 0 }).collect())
}

/// The batch tallies as published: every row names one of the audit's contests,
/// one of its candidates and a batch of the manifest (texts already published
/// and scanned), the reported votes match their committed SHA-256, and only a
/// drawn batch has a hand count.
fn batch_tally_rows(
    slug: &str,
    d: &AuditDraft,
    draws: &[SampledUnit],
) -> Result<Vec<PublishedBatchTallyRow>, FieldError> {
    let rows = &d.evidence.batch_tallies;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let refuse = |m: String| FieldError::new("batch_tallies", m);
    if d.audit_type != AuditType::BatchComparison {
        return Err(refuse("only a batch-comparison audit has batch tallies".into()));
    }
    let manifest = d.evidence.manifest.as_ref().ok_or_else(|| refuse("batch tallies need the manifest".into()))?;
    let sha = batch_tally::sha256(rows, &d.contests);
    if !d.evidence.files.iter().any(|f| f.kind == CommittedKind::BatchTallies && f.sha256 == sha) {
        return Err(refuse(format!(
            "the batch tallies' reported votes (SHA-256 {sha}) are not the ones committed; reported votes cannot \
             change after their commitment"
        )));
    }
    let mut out = Vec::with_capacity(rows.len());
    for (position, t) in rows.iter().enumerate() {
        let Some(contest) = d.contests.get(t.contest) else {
            return Err(refuse("a batch tally names a contest the audit no longer has".into()));
        };
        if !contest.tallies.iter().any(|c| c.candidate == t.candidate) {
            return Err(refuse(format!(
                "a batch tally names \"{}\", who is not a candidate in {}",
                t.candidate, contest.name
            )));
        }
        if !manifest.batches.iter().any(|b| b.batch == t.batch) {
            return Err(refuse(format!("batch {} is not in the manifest", t.batch)));
        }
        if t.audited.is_some() && !draws.iter().any(|u| u.batch == t.batch.as_str()) {
            return Err(refuse(format!(
                "batch {} has a hand count but the seed did not draw it; import hand counts of the sampled batches only",
                t.batch
            )));
        }
        out.push(PublishedBatchTallyRow {
            audit_slug: slug.to_string(),
            version: 0,
            position: position as i64,
            contest_position: t.contest as i64,
            batch: t.batch.to_string(),
            candidate: t.candidate.to_string(),
            reported: t.reported.get(),
            audited: t.audited.map(|v| v.get()),
        });
    }
    Ok(out)
}

/// Each reading of a sampled ballot, placed on the ballot's first draw, with
/// the discrepancy the portal counts. A reading of a ballot the seed did not
/// draw is refused: the sample is the portal's, not the import's.
fn interpretation_rows(
    slug: &str,
    d: &AuditDraft,
    draws: &[SampledUnit],
) -> Result<Vec<PublishedInterpretationRow>, FieldError> {
    let readings = &d.evidence.interpretations;
    if readings.is_empty() {
        return Ok(Vec::new());
    }
    if d.audit_type != AuditType::BallotComparison {
        return Err(FieldError::new("interpretations", "only a ballot-comparison audit has ballot interpretations"));
    }
    let names = |list: &[crate::domain::values::Line]| {
        serde_json::to_string(&list.iter().map(|n| n.as_str()).collect::<Vec<_>>()).unwrap_or_else(|_| "[]".into())
    };
    let mut rows = Vec::new();
    for (position, r) in readings.iter().enumerate() {
        let Some(unit) = draws.iter().position(|u| u.batch == r.batch.as_str() && u.position == r.position) else {
            return Err(FieldError::new(
                "interpretations",
                format!(
                    "ballot {} of batch {} is not in the sample the seed draws; import readings of the sampled \
                     ballots only",
                    r.position, r.batch
                ),
            ));
        };
        let Some(contest) = d.contests.get(r.contest) else {
            return Err(FieldError::new("interpretations", "a reading names a contest the audit no longer has"));
        };
        // Only the contest's own candidates (texts already published and
        // scanned as `candidate`): no other text reaches the readings' table.
        let marked = r.machine.iter().chain(r.audited.iter().flatten());
        if let Some(name) = marked.into_iter().find(|n| !contest.tallies.iter().any(|t| t.candidate == **n)) {
            return Err(FieldError::new(
                "interpretations",
                format!("a reading names \"{name}\", who is not a candidate in {}", contest.name),
            ));
        }
        rows.push(PublishedInterpretationRow {
            audit_slug: slug.to_string(),
            version: 0,
            position: position as i64,
            unit_position: unit as i64,
            contest_position: r.contest as i64,
            machine: names(&r.machine),
            audited: r.audited.as_deref().map(names),
            discrepancy: interpretation::discrepancy(contest, &r.machine, r.audited.as_deref()),
        });
    }
    Ok(rows)
}

/// Each contest's rounds, each with its risk recomputed on the cumulative
/// sample. A contest with imported rounds must carry its last round's numbers
/// as its own (an import sets them; an edit of the contest afterwards is
/// refused here until the rounds are imported again).
fn round_rows(slug: &str, d: &AuditDraft, draws: &[SampledUnit]) -> Result<Vec<PublishedRoundRow>, FieldError> {
    let refuse = |m: String| FieldError::new("rounds", m);
    if let Some(r) = d.evidence.rounds.iter().find(|r| r.contest >= d.contests.len()) {
        return Err(refuse(format!("round {} names a contest the audit no longer has", r.round)));
    }
    let mut out = Vec::new();
    for (index, c) in d.contests.iter().enumerate() {
        let checked = round_checks(d, index, c, draws);
        if let Some((last, _)) = checked.last() {
            if d.evidence.rounds.iter().any(|r| r.contest == index) && !last.matches(c) {
                return Err(refuse(format!(
                    "{}: the contest's sample, audited votes or claim differ from its last round's (round {}); \
                     import the rounds again (portal import rounds) so that they agree",
                    c.name, last.round
                )));
            }
        }
        for (k, (r, check)) in checked.iter().enumerate() {
            if r.round as usize != k + 1 {
                return Err(refuse(format!("{}: its rounds must be numbered 1, 2, … in order", c.name)));
            }
            let at = r.contest_at(c);
            let audited: Vec<String> = at
                .tallies
                .iter()
                .filter_map(|t| t.audited_votes.map(|v| format!("{}={}", t.candidate, v.get())))
                .collect();
            let imported = d.evidence.rounds.iter().any(|x| x.contest == index);
            // A contest of one round (no rounds imported) ran over the audit's dates.
            let (started_on, completed_on) =
                if imported { (r.started_on, r.completed_on) } else { (d.started_on, d.completed_on) };
            out.push(PublishedRoundRow {
                audit_slug: slug.to_string(),
                version: 0,
                position: index as i64 * ROUND_STRIDE + k as i64,
                contest_position: index as i64,
                round: i64::from(r.round),
                sample_size: r.sample_size.get(),
                audited_results: (!audited.is_empty()).then(|| audited.join(";")),
                o1: r.o1.map(|v| v.get()),
                o2: r.o2.map(|v| v.get()),
                u1: r.u1.map(|v| v.get()),
                u2: r.u2.map(|v| v.get()),
                p_value: r.p_value.map(|p| p.get()),
                risk_limit_met: r.risk_limit_met.map(i64::from),
                started_on: started_on.map(|x| x.to_string()),
                completed_on: completed_on.map(|x| x.to_string()),
                check_method: check.map(|k| k.method.to_string()),
                check_p_value: check.and_then(|k| k.p_value),
                check_risk_limit_met: check.and_then(|k| k.risk_limit_met).map(i64::from),
                check_consistent: check.and_then(|k| k.consistent).map(i64::from),
            });
        }
    }
    Ok(out)
}

/// The contest and tally rows, each contest with its risk recomputed.
fn contest_rows(
    slug: &str,
    d: &AuditDraft,
    draws: &[SampledUnit],
    texts: &mut Vec<PublicText>,
) -> (Vec<PublishedContestRow>, Vec<PublishedTallyRow>) {
    let mut contest_rows = Vec::new();
    let mut tally_rows = Vec::new();
    for (position, c) in d.contests.iter().enumerate() {
        let ContestDraft {
            name,
            winners,
            votes_allowed,
            ballots_cast,
            tallies,
            sample_size,
            o1,
            o2,
            u1,
            u2,
            p_value,
            risk_limit_met,
            targeted,
        } = c;
        text(texts, "contest", name.as_str());
        for w in winners {
            text(texts, "winners", w.as_str());
        }
        let names: Vec<&str> = winners.iter().map(|w| w.as_str()).collect();
        let recomputed = check_contest(d, position, c, draws);
        contest_rows.push(PublishedContestRow {
            audit_slug: slug.to_string(),
            version: 0,
            position: position as i64,
            name: name.to_string(),
            winners: serde_json::to_string(&names).unwrap_or_else(|_| "[]".into()),
            votes_allowed: votes_allowed.get(),
            ballots_cast: ballots_cast.get(),
            sample_size: sample_size.map(|v| v.get()),
            o1: o1.map(|v| v.get()),
            o2: o2.map(|v| v.get()),
            u1: u1.map(|v| v.get()),
            u2: u2.map(|v| v.get()),
            p_value: p_value.map(|p| p.get()),
            risk_limit_met: risk_limit_met.map(i64::from),
            check_method: recomputed.map(|r| r.method.to_string()),
            check_p_value: recomputed.and_then(|r| r.p_value),
            check_risk_limit_met: recomputed.and_then(|r| r.risk_limit_met).map(i64::from),
            check_consistent: recomputed.and_then(|r| r.consistent).map(i64::from),
            diluted_margin: recomputed.and_then(|r| r.diluted_margin),
            targeted: i64::from(*targeted),
        });
        for (tally_position, t) in tallies.iter().enumerate() {
            let TallyDraft { candidate, reported_votes, audited_votes } = t;
            text(texts, "candidate", candidate.as_str());
            tally_rows.push(PublishedTallyRow {
                audit_slug: slug.to_string(),
                version: 0,
                contest_position: position as i64,
                position: tally_position as i64,
                candidate: candidate.to_string(),
                reported_votes: reported_votes.get(),
                audited_votes: audited_votes.map(|v| v.get()),
            });
        }
    }
    (contest_rows, tally_rows)
}

/// The manifest's public batches (id and ballots), and the real labels that
/// are withheld.
fn batch_rows(
    slug: &str,
    manifest: Option<&ManifestDraft>,
    texts: &mut Vec<PublicText>,
) -> (Vec<PublishedBatchRow>, Vec<String>) {
    let mut rows = Vec::new();
    let mut labels = Vec::new();
    for (position, b) in manifest.iter().flat_map(|m| m.batches.iter()).enumerate() {
        let BatchDraft { batch, ballots, label } = b;
        text(texts, "manifest batch", batch.as_str());
        if !label.is_empty() {
            labels.push(label.expose().clone());
        }
        rows.push(PublishedBatchRow {
            audit_slug: slug.to_string(),
            version: 0,
            position: position as i64,
            batch: batch.to_string(),
            ballots: ballots.get(),
        });
    }
    (rows, labels)
}

/// The withholding of the batches' real labels, under the audit's basis and
/// statement (the policy must let `audit.batch_labels` be withheld).
fn label_withholding(
    policy: &dyn WithholdingPolicy,
    labels: &[String],
    restricted: &RestrictedPart,
) -> Result<Option<crate::domain::withholding::Withholding>, FieldError> {
    if labels.is_empty() {
        return Ok(None);
    }
    let part = RestrictedPart {
        security_details: Restricted::new(labels.join("\n")),
        withholding_basis: restricted.withholding_basis.clone(),
        withholding_statement: restricted.withholding_statement.clone(),
        internal_notes: Restricted::new(String::new()),
    };
    withholding(policy, RecordKind::Audit.code(), "batch_labels", &part)
}

fn file_rows(slug: &str, files: &[CommittedFile]) -> Vec<PublishedFileRow> {
    files
        .iter()
        .enumerate()
        .map(|(position, f)| PublishedFileRow {
            audit_slug: slug.to_string(),
            version: 0,
            position: position as i64,
            kind: f.kind.code().to_string(),
            sha256: f.sha256.clone(),
            bytes: f.bytes,
            // Stamped at publication: when this hash was first published.
            committed_at: String::new(),
        })
        .collect()
}

/// The findings the audit math makes: one blocking finding per contest whose
/// published claim its own numbers contradict, and one per contest whose
/// discrepancies differ from those its ballots' readings count.
pub fn math_findings(d: &AuditDraft) -> Vec<crate::gate::scanner::Finding> {
    // A sample that cannot be drawn is refused by the projection itself.
    let draws = sample(d).unwrap_or_default();
    let mut findings = Vec::new();
    for (i, c) in d.contests.iter().enumerate() {
        if let Some(f) = check::macro_finding(i, d, c, &draws) {
            findings.push(f);
            continue;
        }
        let rounds = round_checks(d, i, c, &draws);
        if rounds.len() <= 1 {
            findings.extend(check_contest(d, i, c, &draws).and_then(|r| check::finding(i, c, &r)));
            continue;
        }
        for (r, k) in &rounds {
            findings.extend(k.as_ref().and_then(|k| check::round_finding(i, Some(r.round), &r.contest_at(c), k)));
        }
        if c.targeted {
            for pair in rounds.windows(2) {
                let (before, check) = &pair[0];
                findings.extend(check::escalation_finding(i, before.round, &before.contest_at(c), check.as_ref()));
            }
        }
    }
    if !d.evidence.interpretations.is_empty() {
        for (i, c) in d.contests.iter().enumerate() {
            let counted = interpretation::count(c, i, &draws, &d.evidence.interpretations);
            findings.extend(check::reading_finding(i, c, &counted));
        }
    }
    findings
}

/// A contest's recomputation: its last round's, or (a contest that drew no
/// sample) from its own numbers.
fn check_contest(d: &AuditDraft, index: usize, c: &ContestDraft, draws: &[SampledUnit]) -> Option<check::Check> {
    match round_checks(d, index, c, draws).pop() {
        Some((_, check)) => check,
        None => check_numbers(d, index, c, draws),
    }
}

/// Each round of contest `index` (its single round when none were imported)
/// with its risk recomputed on the cumulative sample: BRAVO and Kaplan–Markov
/// from the round's cumulative numbers, MACRO from the batches drawn up to the
/// round's sample, Minerva from the rounds' schedule.
pub fn round_checks(
    d: &AuditDraft,
    index: usize,
    c: &ContestDraft,
    draws: &[SampledUnit],
) -> Vec<(RoundDraft, Option<check::Check>)> {
    let rounds = round::rounds_of(&d.evidence.rounds, index, c);
    if d.math == AuditMath::Minerva && rounds.len() > 1 {
        let checks = check::check_minerva_rounds(d.risk_limit, c, &rounds);
        return rounds.into_iter().zip(checks).collect();
    }
    rounds
        .into_iter()
        .map(|r| {
            let at = r.contest_at(c);
            let k = check_numbers(d, index, &at, draws);
            (r, k)
        })
        .collect()
}

/// A contest's recomputation from the numbers it carries: MACRO from the batch
/// tallies, the other methods from the contest's sample.
fn check_numbers(d: &AuditDraft, index: usize, c: &ContestDraft, draws: &[SampledUnit]) -> Option<check::Check> {
    match d.math {
        AuditMath::Macro => check::check_macro(d, index, c, draws),
        math => check::check(math, d.risk_limit, c),
    }
}
