//! Importing an audit's evidence: its ballot manifest (`batch,ballots`, and an
//! optional `label` column that is withheld), or a file committed by its hash
//! (cast-vote records, batch tallies), all before the seed (the commitment is
//! the point); or, after the seed, the sampled ballots' readings of a
//! ballot-comparison audit. Each becomes a new version of the published audit,
//! submitted for review with a public note.

use super::table::ImportError;
use super::{ImportFailure, Imported};
use crate::db::activity::{self, NewEntry};
use crate::db::{drafts, submissions, OfficialsDb};
use crate::domain::account::Account;
use crate::domain::activity::Action;
use crate::domain::audit::evidence::{CommittedFile, CommittedKind, ManifestDraft, ManifestMistake};
use crate::domain::audit::{batch_tally, interpretation, round, AuditDraft};
use crate::domain::draft::AnyDraft;
use crate::domain::values::Timestamp;
use crate::domain::AuditType;
use crate::domain::RecordKind;
use crate::error::AppError;
use crate::gate::policy::Policy;
use crate::gate::scanner::Severity;
use crate::officials::workflow;

/// What an evidence file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvidenceFile {
    Manifest,
    Committed(CommittedKind),
    /// Each sampled ballot's machine and audit readings (after the seed).
    Interpretations,
    /// A batch-comparison audit's votes per contest and batch: reported
    /// (committed before the seed), then with the sampled batches' hand counts.
    BatchTallies,
    /// Each contest's rounds (after the seed), numbers cumulative; the last
    /// round of each contest becomes the contest's own sample and claim.
    Rounds,
}

fn rows_failure(mistakes: Vec<ManifestMistake>, names: &[&str]) -> ImportFailure {
    ImportFailure::Rows(
        mistakes
            .into_iter()
            .map(|m| ImportError {
                line: m.line,
                column: m.column,
                name: m.column.checked_sub(1).and_then(|i| names.get(i)).map(|n| n.to_string()).unwrap_or_default(),
                message: m.message,
            })
            .collect(),
    )
}

fn missing(slug: &str) -> AppError {
    AppError::validation(
        "audit",
        format!("there is no published audit \"{slug}\" in your office; publish the audit first, then its evidence"),
    )
}

/// Imports `bytes` as `what` for the published audit `slug`, as `actor`; returns
/// the submission. Nothing is stored when the file has a mistake.
pub async fn evidence(
    db: &OfficialsDb,
    policy: &Policy,
    actor: &Account,
    slug: &str,
    what: EvidenceFile,
    bytes: &[u8],
    source: &str,
) -> Result<Imported, ImportFailure> {
    workflow::require_active(actor)?;
    let manifest = match what {
        EvidenceFile::Manifest => {
            Some(ManifestDraft::parse_csv(bytes).map_err(|m| rows_failure(m, &["batch", "ballots", "label"]))?)
        }
        EvidenceFile::Committed(_) if bytes.is_empty() => {
            return Err(AppError::validation("file", "the file is empty; commit the file the audit will use").into())
        }
        EvidenceFile::Committed(_)
        | EvidenceFile::Interpretations
        | EvidenceFile::BatchTallies
        | EvidenceFile::Rounds => None,
    };
    let mut tx = db.begin().await?;
    let draft_id =
        submissions::published_draft(&mut tx, RecordKind::Audit, slug).await?.ok_or_else(|| missing(slug))?;
    let Some(AnyDraft::Audit(mut audit)) = drafts::load(&mut tx, RecordKind::Audit, draft_id).await? else {
        return Err(missing(slug).into());
    };
    if !actor.covers(audit.jurisdiction.as_str())
        || !workflow::may_act_on(&mut tx, actor, RecordKind::Audit, slug).await?
    {
        return Err(missing(slug).into());
    }
    if what == EvidenceFile::Interpretations {
        let note = readings(&mut audit, slug, bytes)?;
        return submit(tx, policy, actor, AnyDraft::Audit(audit), slug, note, source).await;
    }
    if what == EvidenceFile::Rounds {
        let note = rounds(&mut audit, slug, bytes)?;
        return submit(tx, policy, actor, AnyDraft::Audit(audit), slug, note, source).await;
    }
    if what == EvidenceFile::BatchTallies {
        let note = batch_tallies(&mut audit, slug, bytes)?;
        return submit(tx, policy, actor, AnyDraft::Audit(audit), slug, note, source).await;
    }
    if audit.seed.is_some() {
        return Err(AppError::validation(
            "audit",
            format!(
                "the seed of \"{slug}\" is already public, so evidence published now would not be a commitment; \
                 inputs are committed before the seed is drawn"
            ),
        )
        .into());
    }
    let note = match (what, manifest) {
        (EvidenceFile::Manifest, Some(m)) => {
            let note = format!(
                "Ballot manifest committed before the seed is drawn: {} batches, {} ballots, SHA-256 {}.",
                m.batches.len(),
                m.total_ballots(),
                m.sha256()
            );
            audit.evidence.manifest = Some(m);
            note
        }
        (EvidenceFile::Committed(kind), _) => {
            let file = CommittedFile::of(kind, bytes);
            let note = match kind {
                CommittedKind::CastVoteRecords => format!(
                    "Cast-vote records committed before the seed is drawn: SHA-256 {}, {} bytes (the records \
                     themselves are not published: rare ballot styles could reveal how someone voted).",
                    file.sha256, file.bytes
                ),
                CommittedKind::BatchTallies => format!(
                    "Batch tallies committed before the seed is drawn: SHA-256 {}, {} bytes.",
                    file.sha256, file.bytes
                ),
            };
            audit.evidence.files.retain(|f| f.kind != kind);
            audit.evidence.files.push(file);
            note
        }
        (EvidenceFile::Manifest, None)
        | (EvidenceFile::Interpretations | EvidenceFile::BatchTallies | EvidenceFile::Rounds, _) => {
            unreachable!("a manifest import has its manifest; readings and tallies returned above")
        }
    };
    submit(tx, policy, actor, AnyDraft::Audit(audit), slug, note, source).await
}

/// Reads a batch-comparison audit's batch tallies into `audit`. Before the
/// seed they are the commitment (no hand counts yet); after it, their reported
/// votes must be the committed ones and only the batches the seed drew may
/// have hand counts. Returns the version's public note.
fn batch_tallies(audit: &mut AuditDraft, slug: &str, bytes: &[u8]) -> Result<String, ImportFailure> {
    if audit.audit_type != AuditType::BatchComparison {
        return Err(AppError::validation(
            "audit",
            format!("\"{slug}\" is not a batch-comparison audit; only those compare batch tallies with hand counts"),
        )
        .into());
    }
    let Some(manifest) = &audit.evidence.manifest else {
        return Err(AppError::validation(
            "audit",
            format!("\"{slug}\" has no ballot manifest; import the manifest first (portal import manifest)"),
        )
        .into());
    };
    let names = ["contest", "batch", "candidate", "reported", "audited"];
    let rows = batch_tally::parse_csv(bytes, &audit.contests, manifest).map_err(|m| rows_failure(m, &names))?;
    let sha = batch_tally::sha256(&rows, &audit.contests);
    let counted: Vec<usize> = (0..rows.len()).filter(|i| rows[*i].audited.is_some()).collect();
    let note = if audit.seed.is_none() {
        if let Some(i) = counted.first() {
            return Err(rows_failure(
                vec![ManifestMistake {
                    line: line_of(bytes, *i),
                    column: 5,
                    message: "hand counts come after the seed draws the batches; leave audited empty for now".into(),
                }],
                &names,
            ));
        }
        let file = CommittedFile { kind: CommittedKind::BatchTallies, sha256: sha.clone(), bytes: 0 };
        let bytes = batch_tally::reported_csv(&rows, &audit.contests).len() as i64;
        audit.evidence.files.retain(|f| f.kind != CommittedKind::BatchTallies);
        audit.evidence.files.push(CommittedFile { bytes, ..file });
        format!(
            "Batch tallies committed before the seed is drawn: {} rows over {} batches, SHA-256 {sha} of their \
             reported votes.",
            rows.len(),
            rows.iter().map(|r| r.batch.as_str()).collect::<std::collections::HashSet<_>>().len()
        )
    } else {
        let committed = audit.evidence.files.iter().find(|f| f.kind == CommittedKind::BatchTallies);
        match committed {
            None => {
                return Err(AppError::validation(
                    "audit",
                    format!(
                        "the batch tallies of \"{slug}\" were not committed before its seed, so the sample cannot \
                         be drawn from them"
                    ),
                )
                .into())
            }
            Some(f) if f.sha256 != sha => {
                return Err(AppError::validation(
                    "file",
                    format!(
                        "the reported votes in this file (SHA-256 {sha}) are not the ones committed before the seed \
                         ({}); keep every reported number and add the hand counts in the audited column",
                        f.sha256
                    ),
                )
                .into())
            }
            Some(_) => {}
        }
        let mut probe = audit.clone();
        probe.evidence.batch_tallies = rows.clone();
        let draws = crate::gate::projection::sample(&probe).map_err(AppError::from)?;
        let outside: Vec<ManifestMistake> = counted
            .iter()
            .filter(|i| !draws.iter().any(|u| u.batch == rows[**i].batch.as_str()))
            .map(|i| ManifestMistake {
                line: line_of(bytes, *i),
                column: 2,
                message: format!(
                    "batch {} was not drawn by the seed; give hand counts of the sampled batches only",
                    rows[*i].batch
                ),
            })
            .collect();
        if !outside.is_empty() {
            return Err(rows_failure(outside, &names));
        }
        let batches: std::collections::HashSet<&str> = counted.iter().map(|i| rows[*i].batch.as_str()).collect();
        format!(
            "Hand counts of {} sampled batches imported beside the committed batch tallies (SHA-256 {sha}).",
            batches.len()
        )
    };
    audit.evidence.batch_tallies = rows;
    Ok(note)
}

/// Reads each contest's rounds into `audit` (after the seed: the rounds draw
/// from it), and sets each contest with rounds to its last round's numbers.
/// A contest the file does not name keeps its rounds. Returns the version's
/// public note.
fn rounds(audit: &mut AuditDraft, slug: &str, bytes: &[u8]) -> Result<String, ImportFailure> {
    if audit.seed.is_none() {
        return Err(AppError::validation(
            "audit",
            format!("\"{slug}\" has no seed yet; rounds come after the seed is drawn and the sample is published"),
        )
        .into());
    }
    let rows = round::parse_csv(bytes, &audit.contests).map_err(|m| rows_failure(m, &round::HEADER))?;
    let named: std::collections::HashSet<usize> = rows.iter().map(|r| r.contest).collect();
    audit.evidence.rounds.retain(|r| !named.contains(&r.contest));
    for r in &rows {
        let last = rows.iter().filter(|x| x.contest == r.contest).map(|x| x.round).max();
        if last == Some(r.round) {
            r.apply_to(&mut audit.contests[r.contest]);
        }
    }
    audit.evidence.rounds.extend(rows);
    audit.evidence.rounds.sort_by_key(|r| (r.contest, r.round));
    // The sample must still be drawable at the new sizes.
    crate::gate::projection::sample(audit).map_err(AppError::from)?;
    let mut parts: Vec<String> = Vec::new();
    for i in named.iter().copied().collect::<std::collections::BTreeSet<_>>() {
        let mine: Vec<_> = audit.evidence.rounds.iter().filter(|r| r.contest == i).collect();
        let sizes: Vec<String> = mine.iter().map(|r| r.sample_size.get().to_string()).collect();
        parts.push(format!(
            "{}: {} rounds (cumulative samples {})",
            audit.contests[i].name,
            mine.len(),
            sizes.join(", ")
        ));
    }
    Ok(format!("Audit rounds imported. {}.", parts.join("; ")))
}

/// Reads the sampled ballots' readings into `audit`, each checked against the
/// sample the seed draws; returns the version's public note.
fn readings(audit: &mut AuditDraft, slug: &str, bytes: &[u8]) -> Result<String, ImportFailure> {
    if audit.audit_type != AuditType::BallotComparison {
        return Err(AppError::validation(
            "audit",
            format!("\"{slug}\" is not a ballot-comparison audit; only those compare ballots with their records"),
        )
        .into());
    }
    if audit.seed.is_none() {
        return Err(AppError::validation(
            "audit",
            format!("\"{slug}\" has no seed yet; readings come after the seed is drawn and the sample is published"),
        )
        .into());
    }
    let names = ["batch", "position", "contest", "machine", "audited"];
    let readings = interpretation::parse_csv(bytes, &audit.contests).map_err(|m| rows_failure(m, &names))?;
    let draws = crate::gate::projection::sample(audit).map_err(AppError::from)?;
    let outside: Vec<ManifestMistake> = readings
        .iter()
        .enumerate()
        .filter(|(_, r)| !draws.iter().any(|u| u.batch == r.batch.as_str() && u.position == r.position))
        .map(|(i, r)| ManifestMistake {
            // Rows are read in order and blank rows are skipped: the line is
            // found again from the file for the message.
            line: line_of(bytes, i),
            column: 1,
            message: format!("ballot {} of batch {} is not in the sample the seed draws", r.position, r.batch),
        })
        .collect();
    if !outside.is_empty() {
        return Err(rows_failure(outside, &names));
    }
    let mut discrepancies = [0u64; 5];
    for r in &readings {
        let d = interpretation::discrepancy(&audit.contests[r.contest], &r.machine, r.audited.as_deref());
        discrepancies[(d + 2).clamp(0, 4) as usize] += 1;
    }
    let note = format!(
        "Readings of {} sampled ballots imported: {} agree; {} one-vote and {} two-vote overstatements, {} one-vote \
         and {} two-vote understatements, counted by the portal.",
        readings.len(),
        discrepancies[2],
        discrepancies[3],
        discrepancies[4],
        discrepancies[1],
        discrepancies[0]
    );
    audit.evidence.interpretations = readings;
    Ok(note)
}

/// The line of the `index`-th non-blank data row of a CSV file.
fn line_of(bytes: &[u8], index: usize) -> u64 {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(bytes);
    reader
        .records()
        .filter_map(Result::ok)
        .filter(|r| !r.iter().all(|c| c.trim().is_empty()))
        .nth(index)
        .and_then(|r| r.position().map(|p| p.line()))
        .unwrap_or(0)
}

/// Stores `draft` as a new draft of `slug` and submits it with `note`.
async fn submit(
    mut tx: crate::db::Tx,
    policy: &Policy,
    actor: &Account,
    draft: AnyDraft,
    slug: &str,
    note: String,
    source: &str,
) -> Result<Imported, ImportFailure> {
    let now = Timestamp::now().to_string();
    let id = drafts::insert(&mut tx, &draft, &now).await?;
    drafts::add_editor(&mut tx, RecordKind::Audit, id, actor.id).await?;
    let submitted = workflow::submit_in(&mut tx, policy, actor, RecordKind::Audit, id, Some(&note), source).await;
    let (sid, found) = match submitted {
        Ok(s) => s,
        Err(e) => return Err(crate::db::finish::<()>(tx, Err(e)).await.unwrap_err().into()),
    };
    let subject = format!("audit {slug} (draft {id})");
    let entry = NewEntry {
        actor: &actor.email,
        action: Action::ImportAudits,
        subject: &subject,
        detail: &note,
        source,
        office: Some(draft.jurisdiction().as_str()),
    };
    activity::append(&mut tx, &now, &entry).await?;
    tx.commit().await.map_err(AppError::from)?;
    let blocking = found.iter().filter(|f| f.severity == Severity::Block).count();
    Ok(Imported { id: sid, kind: RecordKind::Audit, slug: slug.to_string(), findings: found.len(), blocking })
}
