//! Importing an audit's evidence: its ballot manifest (`batch,ballots`, and an
//! optional `label` column that is withheld), or a file committed by its hash
//! (cast-vote records, batch tallies). Each becomes a new version of the
//! published audit, submitted for review with a public note; it must come
//! before the seed (the commitment is the point).

use super::table::ImportError;
use super::{ImportFailure, Imported};
use crate::db::activity::{self, NewEntry};
use crate::db::{drafts, submissions, OfficialsDb};
use crate::domain::account::Account;
use crate::domain::activity::Action;
use crate::domain::audit::evidence::{CommittedFile, CommittedKind, ManifestDraft};
use crate::domain::draft::AnyDraft;
use crate::domain::values::Timestamp;
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
        EvidenceFile::Manifest => Some(ManifestDraft::parse_csv(bytes).map_err(|mistakes| {
            ImportFailure::Rows(
                mistakes
                    .into_iter()
                    .map(|m| ImportError {
                        line: m.line,
                        column: m.column,
                        name: match m.column {
                            1 => "batch".into(),
                            2 => "ballots".into(),
                            _ => String::new(),
                        },
                        message: m.message,
                    })
                    .collect(),
            )
        })?),
        EvidenceFile::Committed(_) if bytes.is_empty() => {
            return Err(AppError::validation("file", "the file is empty; commit the file the audit will use").into())
        }
        EvidenceFile::Committed(_) => None,
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
        (EvidenceFile::Manifest, None) => unreachable!("a manifest import has its manifest"),
    };
    let now = Timestamp::now().to_string();
    let draft = AnyDraft::Audit(audit);
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
