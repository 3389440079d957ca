//! Audit drafts: stored with their contests, tallies, documents and evidence, and read back
//! as typed drafts (a stored value that no longer parses is an error).

use super::{
    AuditDraftRow, BatchDraftRow, BatchTallyDraftRow, ContestDraftRow, DocumentDraftRow, FileDraftRow,
    InterpretationDraftRow, RoundDraftRow, TallyDraftRow,
};
use crate::db::{decode, flag, Conn};
use crate::domain::audit::batch_tally::BatchTallyDraft;
use crate::domain::audit::evidence::{BatchDraft, CommittedFile, CommittedKind, ManifestDraft};
use crate::domain::audit::interpretation::InterpretationDraft;
use crate::domain::audit::round::RoundDraft;
use crate::domain::audit::{AuditDraft, ContestDraft, DocumentDraft, Evidence, Sampler, TallyDraft};
use crate::domain::values::{IsoDate, Line, PValue, Percent, Slug, Text, Timestamp, VoteCount};
use crate::domain::withholding::{Restricted, RestrictedPart};
use crate::error::{AppError, AppResult, Context};

fn opt_text(v: &Option<impl ToString>) -> Option<String> {
    v.as_ref().map(|x| x.to_string())
}

fn head_row(d: &AuditDraft, created_at: &str, updated_at: &str) -> AuditDraftRow {
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
        contests: _,
        documents: _,
        evidence: _,
        restricted: RestrictedPart { security_details, withholding_basis, withholding_statement, internal_notes },
    } = d;
    AuditDraftRow {
        slug: slug.to_string(),
        election_slug: election.to_string(),
        jurisdiction_slug: jurisdiction.to_string(),
        audit_type: audit_type.code().into(),
        math: math.code().into(),
        risk_limit_pct: risk_limit.map(|r| r.get()),
        seed: opt_text(seed),
        seed_drawn_at: seed_drawn_at.map(|t| t.to_string()),
        seed_notice: opt_text(seed_notice),
        sampler: sampler.map(|s| s.code().to_string()),
        with_replacement: i64::from(*with_replacement),
        started_on: opt_text(started_on),
        completed_on: opt_text(completed_on),
        outcome: outcome.code().into(),
        summary: summary.to_string(),
        security_details: security_details.expose().clone(),
        withholding_basis: withholding_basis.clone(),
        withholding_statement: withholding_statement.clone(),
        internal_notes: internal_notes.expose().clone(),
        created_at: created_at.into(),
        updated_at: updated_at.into(),
    }
}

/// Stores a new audit draft with its contests and documents; returns its id.
pub async fn insert_draft(conn: &mut Conn, d: &AuditDraft, now: &str) -> AppResult<i64> {
    let row = head_row(d, now, now);
    let sql = format!("{} RETURNING id", AuditDraftRow::insert_sql());
    let id: i64 = row
        .bind_all(sqlx::query(&sql))
        .persistent(false)
        .fetch_one(&mut *conn)
        .await
        .context("inserting an audit draft")
        .and_then(|r| sqlx::Row::try_get(&r, 0).context("reading the new id"))?;
    insert_contests(conn, id, &d.contests).await?;
    for (pos, doc) in d.documents.iter().enumerate() {
        DocumentDraftRow {
            draft_id: id,
            position: pos as i64,
            title: doc.title.to_string(),
            url: doc.url.clone(),
            sha256: doc.sha256.clone(),
        }
        .insert(conn)
        .await?;
    }
    insert_evidence(conn, id, &d.evidence).await?;
    Ok(id)
}

/// Stores a draft's manifest batches and committed files.
async fn insert_evidence(conn: &mut Conn, draft_id: i64, e: &Evidence) -> AppResult<()> {
    for (pos, b) in e.manifest.iter().flat_map(|m| m.batches.iter()).enumerate() {
        BatchDraftRow {
            draft_id,
            position: pos as i64,
            batch: b.batch.to_string(),
            ballots: b.ballots.get(),
            label: b.label.expose().clone(),
        }
        .insert(conn)
        .await?;
    }
    for (pos, f) in e.files.iter().enumerate() {
        FileDraftRow {
            draft_id,
            position: pos as i64,
            kind: f.kind.code().into(),
            sha256: f.sha256.clone(),
            bytes: f.bytes,
        }
        .insert(conn)
        .await?;
    }
    for (pos, t) in e.batch_tallies.iter().enumerate() {
        BatchTallyDraftRow {
            draft_id,
            position: pos as i64,
            contest_position: t.contest as i64,
            batch: t.batch.to_string(),
            candidate: t.candidate.to_string(),
            reported: t.reported.get(),
            audited: t.audited.map(|v| v.get()),
        }
        .insert(conn)
        .await?;
    }
    for (pos, r) in e.rounds.iter().enumerate() {
        let num = |n: Option<VoteCount>| n.map(|n| n.get());
        RoundDraftRow {
            draft_id,
            position: pos as i64,
            contest_position: r.contest as i64,
            round: i64::from(r.round),
            sample_size: r.sample_size.get(),
            audited_results: r.audited.iter().map(|(n, v)| format!("{n}={}", v.get())).collect::<Vec<_>>().join(";"),
            o1: num(r.o1),
            o2: num(r.o2),
            u1: num(r.u1),
            u2: num(r.u2),
            p_value: r.p_value.map(|p| p.get()),
            risk_limit_met: r.risk_limit_met.map(i64::from),
            started_on: opt_text(&r.started_on),
            completed_on: opt_text(&r.completed_on),
        }
        .insert(conn)
        .await?;
    }
    for (pos, i) in e.interpretations.iter().enumerate() {
        let names = |list: &[Line]| serde_json::to_string(&list.iter().map(Line::as_str).collect::<Vec<_>>());
        InterpretationDraftRow {
            draft_id,
            position: pos as i64,
            batch: i.batch.to_string(),
            ballot_position: i.position as i64,
            contest_position: i.contest as i64,
            machine: names(&i.machine).context_json()?,
            audited: i.audited.as_deref().map(names).transpose().context_json()?,
        }
        .insert(conn)
        .await?;
    }
    Ok(())
}

/// A draft's manifest, committed files and readings.
async fn load_evidence(conn: &mut Conn, draft_id: i64) -> AppResult<Evidence> {
    let batches: Vec<BatchDraftRow> = sqlx::query_as(&format!(
        "SELECT {} FROM draft_audit_batches WHERE draft_id = $1 ORDER BY position",
        BatchDraftRow::COLUMNS.join(", ")
    ))
    .bind(draft_id)
    .fetch_all(&mut *conn)
    .await
    .context("reading a manifest")?;
    let files: Vec<FileDraftRow> = sqlx::query_as(&format!(
        "SELECT {} FROM draft_audit_files WHERE draft_id = $1 ORDER BY position",
        FileDraftRow::COLUMNS.join(", ")
    ))
    .bind(draft_id)
    .fetch_all(&mut *conn)
    .await
    .context("reading committed files")?;
    let manifest = if batches.is_empty() {
        None
    } else {
        Some(ManifestDraft {
            batches: batches
                .into_iter()
                .map(|b| {
                    Ok(BatchDraft {
                        batch: parse("batch", Line::parse(&b.batch))?,
                        ballots: parse("ballots", VoteCount::new(b.ballots))?,
                        label: Restricted::new(b.label),
                    })
                })
                .collect::<AppResult<_>>()?,
        })
    };
    let files = files
        .into_iter()
        .map(|f| {
            Ok(CommittedFile {
                kind: parse("file kind", CommittedKind::parse(&f.kind))?,
                sha256: f.sha256,
                bytes: f.bytes,
            })
        })
        .collect::<AppResult<_>>()?;
    let readings: Vec<InterpretationDraftRow> = sqlx::query_as(&format!(
        "SELECT {} FROM draft_audit_interpretations WHERE draft_id = $1 ORDER BY position",
        InterpretationDraftRow::COLUMNS.join(", ")
    ))
    .bind(draft_id)
    .fetch_all(&mut *conn)
    .await
    .context("reading interpretations")?;
    let names = |what: &str, json: &str| -> AppResult<Vec<Line>> {
        let list: Vec<String> = serde_json::from_str(json).context_json()?;
        list.iter().map(|n| parse(what, Line::parse(n))).collect()
    };
    let interpretations = readings
        .into_iter()
        .map(|r| {
            Ok(InterpretationDraft {
                batch: parse("batch", Line::parse(&r.batch))?,
                position: parse("ballot position", u64::try_from(r.ballot_position).map_err(|e| e.to_string()))?,
                contest: parse("contest position", usize::try_from(r.contest_position).map_err(|e| e.to_string()))?,
                machine: names("machine interpretation", &r.machine)?,
                audited: r.audited.as_deref().map(|a| names("audit interpretation", a)).transpose()?,
            })
        })
        .collect::<AppResult<_>>()?;
    let tallies: Vec<BatchTallyDraftRow> = sqlx::query_as(&format!(
        "SELECT {} FROM draft_audit_batch_tallies WHERE draft_id = $1 ORDER BY position",
        BatchTallyDraftRow::COLUMNS.join(", ")
    ))
    .bind(draft_id)
    .fetch_all(&mut *conn)
    .await
    .context("reading batch tallies")?;
    let batch_tallies = tallies
        .into_iter()
        .map(|r| {
            Ok(BatchTallyDraft {
                contest: parse("contest position", usize::try_from(r.contest_position).map_err(|e| e.to_string()))?,
                batch: parse("batch", Line::parse(&r.batch))?,
                candidate: parse("candidate", Line::parse(&r.candidate))?,
                reported: parse("reported votes", VoteCount::new(r.reported))?,
                audited: r.audited.map(|v| parse("audited votes", VoteCount::new(v))).transpose()?,
            })
        })
        .collect::<AppResult<_>>()?;
    let rounds: Vec<RoundDraftRow> = sqlx::query_as(&format!(
        "SELECT {} FROM draft_audit_rounds WHERE draft_id = $1 ORDER BY position",
        RoundDraftRow::COLUMNS.join(", ")
    ))
    .bind(draft_id)
    .fetch_all(&mut *conn)
    .await
    .context("reading rounds")?;
    let rounds = rounds
        .into_iter()
        .map(|r| {
            Ok(RoundDraft {
                contest: parse("contest position", usize::try_from(r.contest_position).map_err(|e| e.to_string()))?,
                round: parse("round", u32::try_from(r.round).map_err(|e| e.to_string()))?,
                sample_size: parse("sample size", VoteCount::new(r.sample_size))?,
                audited: parse("audited results", crate::domain::audit::parse_results(&r.audited_results))?,
                o1: stored_count("o1", r.o1)?,
                o2: stored_count("o2", r.o2)?,
                u1: stored_count("u1", r.u1)?,
                u2: stored_count("u2", r.u2)?,
                p_value: r.p_value.map(|p| parse("p-value", PValue::new(p))).transpose()?,
                risk_limit_met: r.risk_limit_met.map(flag),
                started_on: r.started_on.as_deref().map(|d| parse("round start", IsoDate::parse(d))).transpose()?,
                completed_on: r.completed_on.as_deref().map(|d| parse("round end", IsoDate::parse(d))).transpose()?,
            })
        })
        .collect::<AppResult<_>>()?;
    Ok(Evidence { manifest, files, interpretations, batch_tallies, rounds })
}

/// Replaces a draft's fields, contests and evidence (its slug and documents stay;
/// a form keeps the evidence by passing the draft's own).
pub async fn update_draft(conn: &mut Conn, id: i64, d: &AuditDraft, now: &str) -> AppResult<()> {
    let row = head_row(d, now, now);
    let columns: Vec<&str> =
        AuditDraftRow::COLUMNS.iter().copied().filter(|c| !matches!(*c, "slug" | "created_at")).collect();
    let sets: Vec<String> = columns.iter().enumerate().map(|(i, c)| format!("{c} = ${}", i + 1)).collect();
    let sql = format!("UPDATE draft_audits SET {} WHERE id = ${}", sets.join(", "), columns.len() + 1);
    sqlx::query(&sql)
        .bind(&row.election_slug)
        .bind(&row.jurisdiction_slug)
        .bind(&row.audit_type)
        .bind(&row.math)
        .bind(row.risk_limit_pct)
        .bind(&row.seed)
        .bind(&row.seed_drawn_at)
        .bind(&row.seed_notice)
        .bind(&row.sampler)
        .bind(row.with_replacement)
        .bind(&row.started_on)
        .bind(&row.completed_on)
        .bind(&row.outcome)
        .bind(&row.summary)
        .bind(&row.security_details)
        .bind(&row.withholding_basis)
        .bind(&row.withholding_statement)
        .bind(&row.internal_notes)
        .bind(&row.updated_at)
        .bind(id)
        .persistent(false)
        .execute(&mut *conn)
        .await
        .context("updating an audit draft")?;
    sqlx::query("DELETE FROM draft_contest_tallies WHERE contest_id IN (SELECT id FROM draft_audit_contests WHERE draft_id = $1)")
        .bind(id)
        .execute(&mut *conn)
        .await
        .context("replacing contests")?;
    sqlx::query("DELETE FROM draft_audit_contests WHERE draft_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await
        .context("replacing contests")?;
    insert_contests(conn, id, &d.contests).await?;
    for table in [
        "draft_audit_batches",
        "draft_audit_files",
        "draft_audit_interpretations",
        "draft_audit_batch_tallies",
        "draft_audit_rounds",
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE draft_id = $1"))
            .bind(id)
            .execute(&mut *conn)
            .await
            .context("replacing evidence")?;
    }
    insert_evidence(conn, id, &d.evidence).await
}

async fn insert_contests(conn: &mut Conn, draft_id: i64, contests: &[ContestDraft]) -> AppResult<()> {
    let sql = format!("{} RETURNING id", ContestDraftRow::insert_sql());
    for (pos, c) in contests.iter().enumerate() {
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
        let names: Vec<&str> = winners.iter().map(|w| w.as_str()).collect();
        let row = ContestDraftRow {
            draft_id,
            position: pos as i64,
            name: name.to_string(),
            winners: serde_json::to_string(&names).context_json()?,
            votes_allowed: votes_allowed.get(),
            ballots_cast: ballots_cast.get(),
            sample_size: sample_size.map(|v| v.get()),
            o1: o1.map(|v| v.get()),
            o2: o2.map(|v| v.get()),
            u1: u1.map(|v| v.get()),
            u2: u2.map(|v| v.get()),
            p_value: p_value.map(|p| p.get()),
            risk_limit_met: risk_limit_met.map(i64::from),
            targeted: i64::from(*targeted),
        };
        let contest_id: i64 = row
            .bind_all(sqlx::query(&sql))
            .persistent(false)
            .fetch_one(&mut *conn)
            .await
            .context("inserting a contest")
            .and_then(|r| sqlx::Row::try_get(&r, 0).context("reading the new id"))?;
        for (tpos, t) in tallies.iter().enumerate() {
            TallyDraftRow {
                contest_id,
                position: tpos as i64,
                candidate: t.candidate.to_string(),
                reported_votes: t.reported_votes.get(),
                audited_votes: t.audited_votes.map(|v| v.get()),
            }
            .insert(conn)
            .await?;
        }
    }
    Ok(())
}

trait JsonContext<T> {
    fn context_json(self) -> AppResult<T>;
}

impl<T> JsonContext<T> for Result<T, serde_json::Error> {
    fn context_json(self) -> AppResult<T> {
        self.map_err(|e| AppError::internal(anyhow::Error::new(e).context("JSON")))
    }
}

fn corrupt(what: &str, m: String) -> AppError {
    AppError::internal(anyhow::anyhow!("corrupt stored {what}: {m}"))
}

fn parse<T>(what: &str, r: Result<T, String>) -> AppResult<T> {
    r.map_err(|m| corrupt(what, m))
}

fn stored_count(what: &str, v: Option<i64>) -> AppResult<Option<VoteCount>> {
    v.map(|n| parse(what, VoteCount::new(n))).transpose()
}

/// An audit draft with its contests and documents, restricted fields included.
pub async fn load_draft(conn: &mut Conn, id: i64) -> AppResult<Option<AuditDraft>> {
    let sql = format!("SELECT {} FROM draft_audits WHERE id = $1", AuditDraftRow::COLUMNS.join(", "));
    let Some(r): Option<AuditDraftRow> =
        sqlx::query_as(&sql).bind(id).fetch_optional(&mut *conn).await.context("reading an audit draft")?
    else {
        return Ok(None);
    };
    #[derive(sqlx::FromRow)]
    struct ContestWithId {
        id: i64,
        #[sqlx(flatten)]
        row: ContestDraftRow,
    }
    let contests: Vec<ContestWithId> = sqlx::query_as(&format!(
        "SELECT id, {} FROM draft_audit_contests WHERE draft_id = $1 ORDER BY position",
        ContestDraftRow::COLUMNS.join(", ")
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await
    .context("reading contests")?;
    let tallies: Vec<TallyDraftRow> = sqlx::query_as(&format!(
        "SELECT {} FROM draft_contest_tallies t JOIN draft_audit_contests c ON c.id = t.contest_id \
         WHERE c.draft_id = $1 ORDER BY t.contest_id, t.position",
        TallyDraftRow::select_list("t")
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await
    .context("reading tallies")?;
    let documents: Vec<DocumentDraftRow> = sqlx::query_as(&format!(
        "SELECT {} FROM draft_audit_documents WHERE draft_id = $1 ORDER BY position",
        DocumentDraftRow::COLUMNS.join(", ")
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await
    .context("reading documents")?;
    let mut contest_drafts = Vec::new();
    for ContestWithId { id: contest_id, row: c } in contests {
        let names: Vec<String> = serde_json::from_str(&c.winners).map_err(|e| corrupt("winners", e.to_string()))?;
        contest_drafts.push(ContestDraft {
            name: parse("contest name", Line::parse(&c.name))?,
            winners: names.iter().map(|w| parse("winner", Line::parse(w))).collect::<AppResult<_>>()?,
            votes_allowed: parse("votes allowed", VoteCount::new(c.votes_allowed))?,
            ballots_cast: parse("ballots cast", VoteCount::new(c.ballots_cast))?,
            tallies: tallies
                .iter()
                .filter(|t| t.contest_id == contest_id)
                .map(|t| {
                    Ok(TallyDraft {
                        candidate: parse("candidate", Line::parse(&t.candidate))?,
                        reported_votes: parse("votes", VoteCount::new(t.reported_votes))?,
                        audited_votes: stored_count("votes", t.audited_votes)?,
                    })
                })
                .collect::<AppResult<_>>()?,
            sample_size: stored_count("sample size", c.sample_size)?,
            o1: stored_count("o1", c.o1)?,
            o2: stored_count("o2", c.o2)?,
            u1: stored_count("u1", c.u1)?,
            u2: stored_count("u2", c.u2)?,
            p_value: c.p_value.map(|p| parse("p-value", PValue::new(p))).transpose()?,
            risk_limit_met: c.risk_limit_met.map(flag),
            targeted: flag(c.targeted),
        });
    }
    let date = |what: &str, v: &Option<String>| v.as_deref().map(|d| parse(what, IsoDate::parse(d))).transpose();
    Ok(Some(AuditDraft {
        slug: parse("slug", Slug::parse(&r.slug))?,
        election: parse("election", Slug::parse(&r.election_slug))?,
        jurisdiction: parse("jurisdiction", Slug::parse(&r.jurisdiction_slug))?,
        audit_type: decode("audit_type", &r.audit_type)?,
        math: decode("math", &r.math)?,
        risk_limit: r.risk_limit_pct.map(|p| parse("risk limit", Percent::new(p))).transpose()?,
        seed: r.seed.as_deref().map(|s| parse("seed", Line::parse(s))).transpose()?,
        seed_drawn_at: r.seed_drawn_at.as_deref().map(|t| parse("seed_drawn_at", Timestamp::parse(t))).transpose()?,
        seed_notice: r.seed_notice.as_deref().map(|s| parse("seed_notice", Slug::parse(s))).transpose()?,
        sampler: r.sampler.as_deref().map(|s| parse("sampler", Sampler::parse(s))).transpose()?,
        with_replacement: flag(r.with_replacement),
        started_on: date("started_on", &r.started_on)?,
        completed_on: date("completed_on", &r.completed_on)?,
        outcome: decode("outcome", &r.outcome)?,
        summary: parse("summary", Text::parse(&r.summary, Text::PROSE))?,
        contests: contest_drafts,
        documents: documents
            .iter()
            .map(|d| DocumentDraft::new(&d.title, &d.url, &d.sha256).map_err(|e| corrupt("document", format!("{e:?}"))))
            .collect::<AppResult<_>>()?,
        evidence: load_evidence(conn, id).await?,
        restricted: RestrictedPart {
            security_details: Restricted::new(r.security_details),
            withholding_basis: r.withholding_basis,
            withholding_statement: r.withholding_statement,
            internal_notes: Restricted::new(r.internal_notes),
        },
    }))
}
