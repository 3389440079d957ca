//! Audits: the draft tables (`draft_audits`, `draft_audit_contests`,
//! `draft_contest_tallies`, `draft_audit_documents`) and their published
//! counterparts, with the public reader's queries over the published ones.

use super::{decode, flag, table_row, Conditions, Conn, PublicDb};
use crate::domain::audit::{AuditDraft, ContestDraft, DocumentDraft, TallyDraft};
use crate::domain::values::{IsoDate, Line, PValue, Percent, Slug, Text, VoteCount};
use crate::domain::withholding::{Restricted, RestrictedPart};
use crate::error::{AppError, AppResult, Context};
use app::data::{PublicAuditEntry, PublicContestEntry};
use app::model::*;
use std::collections::HashMap;

table_row! {
    /// One audit draft: every field, restricted ones included.
    pub struct AuditDraftRow in "draft_audits" {
        pub slug: String,
        pub election_slug: String,
        pub jurisdiction_slug: String,
        pub audit_type: String,
        pub math: String,
        pub risk_limit_pct: Option<f64>,
        pub seed: Option<String>,
        pub started_on: Option<String>,
        pub completed_on: Option<String>,
        pub outcome: String,
        pub summary: String,
        pub security_details: String,
        pub withholding_basis: String,
        pub withholding_statement: String,
        pub internal_notes: String,
        pub created_at: String,
        pub updated_at: String,
    }
}

table_row! {
    pub struct ContestDraftRow in "draft_audit_contests" {
        pub draft_id: i64,
        pub position: i64,
        pub name: String,
        /// JSON array of names.
        pub winners: String,
        pub votes_allowed: i64,
        pub ballots_cast: i64,
        pub sample_size: Option<i64>,
        pub o1: Option<i64>,
        pub o2: Option<i64>,
        pub u1: Option<i64>,
        pub u2: Option<i64>,
        pub p_value: Option<f64>,
        pub risk_limit_met: Option<i64>,
    }
}

table_row! {
    pub struct TallyDraftRow in "draft_contest_tallies" {
        pub contest_id: i64,
        pub position: i64,
        pub candidate: String,
        pub reported_votes: i64,
        pub audited_votes: Option<i64>,
    }
}

table_row! {
    pub struct DocumentDraftRow in "draft_audit_documents" {
        pub draft_id: i64,
        pub position: i64,
        pub title: String,
        pub url: String,
        pub sha256: String,
    }
}

table_row! {
    /// One published version of an audit: public fields only.
    pub struct PublishedAuditRow in "published_audits" {
        pub slug: String,
        pub version: i64,
        pub is_current: i64,
        pub published_at: String,
        pub election_slug: String,
        pub jurisdiction_slug: String,
        pub audit_type: String,
        pub math: String,
        pub risk_limit_pct: Option<f64>,
        pub seed: Option<String>,
        pub started_on: Option<String>,
        pub completed_on: Option<String>,
        pub outcome: String,
        pub summary: String,
        pub withheld_count: i64,
        pub correction_note: Option<String>,
    }
}

table_row! {
    pub struct PublishedContestRow in "published_audit_contests" {
        pub audit_slug: String,
        pub version: i64,
        pub position: i64,
        pub name: String,
        /// JSON array of names.
        pub winners: String,
        pub votes_allowed: i64,
        pub ballots_cast: i64,
        pub sample_size: Option<i64>,
        pub o1: Option<i64>,
        pub o2: Option<i64>,
        pub u1: Option<i64>,
        pub u2: Option<i64>,
        pub p_value: Option<f64>,
        pub risk_limit_met: Option<i64>,
    }
}

table_row! {
    pub struct PublishedTallyRow in "published_contest_tallies" {
        pub audit_slug: String,
        pub version: i64,
        pub contest_position: i64,
        pub position: i64,
        pub candidate: String,
        pub reported_votes: i64,
        pub audited_votes: Option<i64>,
    }
}

table_row! {
    pub struct PublishedDocumentRow in "published_audit_documents" {
        pub audit_slug: String,
        pub version: i64,
        pub position: i64,
        pub title: String,
        pub url: String,
        pub sha256: String,
    }
}

/// A published audit version: its row and the rows of its contests, tallies and
/// documents, as the gate writes them in one transaction.
pub struct PublishedAudit {
    pub audit: PublishedAuditRow,
    pub contests: Vec<PublishedContestRow>,
    pub tallies: Vec<PublishedTallyRow>,
    pub documents: Vec<PublishedDocumentRow>,
}

impl PublishedAudit {
    pub async fn insert(&self, conn: &mut Conn) -> AppResult<()> {
        self.audit.insert(conn).await?;
        for c in &self.contests {
            c.insert(conn).await?;
        }
        for t in &self.tallies {
            t.insert(conn).await?;
        }
        for d in &self.documents {
            d.insert(conn).await?;
        }
        Ok(())
    }
}

// ---- drafts ----

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
        started_on,
        completed_on,
        outcome,
        summary,
        contests: _,
        documents: _,
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
    Ok(id)
}

/// Replaces a draft's fields and contests (its slug and documents stay).
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
    insert_contests(conn, id, &d.contests).await
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
        started_on: date("started_on", &r.started_on)?,
        completed_on: date("completed_on", &r.completed_on)?,
        outcome: decode("outcome", &r.outcome)?,
        summary: parse("summary", Text::parse(&r.summary, Text::PROSE))?,
        contests: contest_drafts,
        documents: documents
            .iter()
            .map(|d| DocumentDraft::new(&d.title, &d.url, &d.sha256).map_err(|e| corrupt("document", format!("{e:?}"))))
            .collect::<AppResult<_>>()?,
        restricted: RestrictedPart {
            security_details: Restricted::new(r.security_details),
            withholding_basis: r.withholding_basis,
            withholding_statement: r.withholding_statement,
            internal_notes: Restricted::new(r.internal_notes),
        },
    }))
}

// ---- the public reader ----

/// Columns of an audit summary, joined with its election and jurisdiction.
const SUMMARY_COLUMNS: &str = "a.slug, a.version, a.election_slug, e.name AS election_name, \
    e.election_date, a.jurisdiction_slug, j.name AS jurisdiction_name, a.audit_type, a.outcome, \
    a.completed_on, a.withheld_count";
pub(crate) const JOINS: &str = "FROM published_audits a \
    JOIN elections e ON e.slug = a.election_slug \
    JOIN jurisdictions j ON j.slug = a.jurisdiction_slug";
const ORDER: &str = "ORDER BY e.election_date DESC, COALESCE(a.completed_on, '') DESC, j.name, a.slug";

#[derive(sqlx::FromRow)]
struct SummaryRow {
    slug: String,
    version: i64,
    election_slug: String,
    election_name: String,
    election_date: String,
    jurisdiction_slug: String,
    jurisdiction_name: String,
    audit_type: String,
    outcome: String,
    completed_on: Option<String>,
    withheld_count: i64,
}

impl SummaryRow {
    fn into_public(self) -> AppResult<PublicAuditSummary> {
        Ok(PublicAuditSummary {
            slug: self.slug,
            version: self.version,
            election: PublicElectionRef {
                slug: self.election_slug,
                name: self.election_name,
                date: self.election_date,
            },
            jurisdiction: PublicJurisdictionRef { slug: self.jurisdiction_slug, name: self.jurisdiction_name },
            audit_type: decode("audit_type", &self.audit_type)?,
            outcome: decode("outcome", &self.outcome)?,
            completed_on: self.completed_on,
            withheld_count: self.withheld_count,
        })
    }
}

/// A published audit row with the names its public view shows.
#[derive(sqlx::FromRow)]
struct AuditView {
    #[sqlx(flatten)]
    row: PublishedAuditRow,
    election_name: String,
    election_date: String,
    jurisdiction_name: String,
}

fn view_sql(where_sql: &str, tail: &str) -> String {
    format!(
        "SELECT {}, e.name AS election_name, e.election_date, j.name AS jurisdiction_name {JOINS} {where_sql} {tail}",
        PublishedAuditRow::select_list("a")
    )
}

/// Current audit summaries matching a filter, in the lists' order.
pub async fn summaries(db: &PublicDb, c: &Conditions, tail: &str) -> AppResult<Vec<PublicAuditSummary>> {
    let sql = format!("SELECT {SUMMARY_COLUMNS} {JOINS} {} {ORDER} {tail}", c.sql);
    let rows: Vec<SummaryRow> =
        c.bind_as(sqlx::query_as(&sql)).fetch_all(&db.pool).await.context("reading audit summaries")?;
    rows.into_iter().map(SummaryRow::into_public).collect()
}

/// The conditions of the audit lists' filters.
pub fn filter(
    election: Option<&str>,
    jurisdiction: Option<&str>,
    audit_type: Option<AuditType>,
    outcome: Option<Outcome>,
) -> Conditions {
    let mut c = Conditions::new("WHERE a.is_current = 1");
    c.eq("a.election_slug", election);
    c.eq("a.jurisdiction_slug", jurisdiction);
    c.eq("a.audit_type", audit_type.map(|t| t.code()));
    c.eq("a.outcome", outcome.map(|o| o.code()));
    c
}

pub async fn count(db: &PublicDb, c: &Conditions) -> AppResult<i64> {
    let sql = format!("SELECT COUNT(*) {JOINS} {}", c.sql);
    c.bind_scalar(sqlx::query_scalar(&sql)).fetch_one(&db.pool).await.context("counting audits")
}

/// The elections and jurisdictions that current audits belong to, for the filters.
pub async fn filter_choices(db: &PublicDb) -> AppResult<(Vec<Choice>, Vec<Choice>)> {
    let elections: Vec<(String, String)> = sqlx::query_as(
        "SELECT DISTINCT e.slug, e.name FROM published_audits a JOIN elections e \
         ON e.slug = a.election_slug WHERE a.is_current = 1 ORDER BY e.name",
    )
    .fetch_all(&db.pool)
    .await
    .context("reading election choices")?;
    let jurisdictions: Vec<(String, String)> = sqlx::query_as(
        "SELECT DISTINCT j.slug, j.name FROM published_audits a JOIN jurisdictions j \
         ON j.slug = a.jurisdiction_slug WHERE a.is_current = 1 ORDER BY j.name",
    )
    .fetch_all(&db.pool)
    .await
    .context("reading jurisdiction choices")?;
    let choices =
        |rows: Vec<(String, String)>| rows.into_iter().map(|(value, label)| Choice { value, label }).collect();
    Ok((choices(elections), choices(jurisdictions)))
}

/// One audit's public view: the current version, or `version`.
pub async fn audit(db: &PublicDb, slug: &str, version: Option<i64>) -> AppResult<Option<PublicAudit>> {
    let sql = view_sql(&format!("WHERE a.slug = $1 AND {}", super::versions::version_clause("a", version)), "");
    let Some(v): Option<AuditView> =
        sqlx::query_as(&sql).bind(slug).fetch_optional(&db.pool).await.context("reading an audit")?
    else {
        return Ok(None);
    };
    let a = v.row;
    let contests: Vec<PublishedContestRow> = sqlx::query_as(&format!(
        "SELECT {} FROM published_audit_contests WHERE audit_slug = $1 AND version = $2 ORDER BY position",
        PublishedContestRow::COLUMNS.join(", ")
    ))
    .bind(&a.slug)
    .bind(a.version)
    .fetch_all(&db.pool)
    .await
    .context("reading contests")?;
    let tallies: Vec<PublishedTallyRow> = sqlx::query_as(&format!(
        "SELECT {} FROM published_contest_tallies WHERE audit_slug = $1 AND version = $2 \
         ORDER BY contest_position, position",
        PublishedTallyRow::COLUMNS.join(", ")
    ))
    .bind(&a.slug)
    .bind(a.version)
    .fetch_all(&db.pool)
    .await
    .context("reading tallies")?;
    let documents: Vec<PublishedDocumentRow> = sqlx::query_as(&format!(
        "SELECT {} FROM published_audit_documents WHERE audit_slug = $1 AND version = $2 ORDER BY position",
        PublishedDocumentRow::COLUMNS.join(", ")
    ))
    .bind(&a.slug)
    .bind(a.version)
    .fetch_all(&db.pool)
    .await
    .context("reading documents")?;
    let withholdings = super::withholdings::of(db, RecordKind::Audit, &a.slug, a.version).await?;
    let mut by_contest: HashMap<i64, Vec<PublicTally>> = HashMap::new();
    for t in tallies {
        by_contest.entry(t.contest_position).or_default().push(PublicTally {
            candidate: t.candidate,
            reported_votes: t.reported_votes,
            audited_votes: t.audited_votes,
        });
    }
    let contests = contests
        .into_iter()
        .map(|c| {
            Ok(PublicContest {
                winners: serde_json::from_str(&c.winners).map_err(|e| corrupt("winners", e.to_string()))?,
                tallies: by_contest.remove(&c.position).unwrap_or_default(),
                name: c.name,
                votes_allowed: c.votes_allowed,
                ballots_cast: c.ballots_cast,
                sample_size: c.sample_size,
                o1: c.o1,
                o2: c.o2,
                u1: c.u1,
                u2: c.u2,
                p_value: c.p_value,
                risk_limit_met: c.risk_limit_met.map(flag),
            })
        })
        .collect::<AppResult<_>>()?;
    Ok(Some(PublicAudit {
        election: PublicElectionRef { slug: a.election_slug, name: v.election_name, date: v.election_date },
        jurisdiction: PublicJurisdictionRef { slug: a.jurisdiction_slug, name: v.jurisdiction_name },
        audit_type: decode("audit_type", &a.audit_type)?,
        math: decode("math", &a.math)?,
        outcome: decode("outcome", &a.outcome)?,
        slug: a.slug,
        version: a.version,
        published_at: a.published_at,
        risk_limit_pct: a.risk_limit_pct,
        seed: a.seed,
        started_on: a.started_on,
        completed_on: a.completed_on,
        summary: a.summary,
        contests,
        documents: documents
            .into_iter()
            .map(|d| PublicDocument { title: d.title, url: d.url, sha256: d.sha256 })
            .collect(),
        withholdings,
    }))
}

/// A slice of current audits as flat entries (downloads and the API).
pub async fn entries(db: &PublicDb, c: &Conditions, tail: &str, base_url: &str) -> AppResult<Vec<PublicAuditEntry>> {
    #[derive(sqlx::FromRow)]
    struct EntryView {
        #[sqlx(flatten)]
        view: AuditView,
        contests: i64,
    }
    let sql = format!(
        "SELECT {}, e.name AS election_name, e.election_date, j.name AS jurisdiction_name, \
         CAST((SELECT COUNT(*) FROM published_audit_contests c \
               WHERE c.audit_slug = a.slug AND c.version = a.version) AS BIGINT) AS contests {JOINS} {} {tail}",
        PublishedAuditRow::select_list("a"),
        c.sql
    );
    let rows: Vec<EntryView> = c.bind_as(sqlx::query_as(&sql)).fetch_all(&db.pool).await.context("reading audits")?;
    rows.into_iter()
        .map(|EntryView { view: v, contests }| {
            let r = v.row;
            Ok(PublicAuditEntry {
                url: format!("{base_url}/audits/{}/v/{}", r.slug, r.version),
                audit_type: decode("audit_type", &r.audit_type)?,
                math: decode("math", &r.math)?,
                outcome: decode("outcome", &r.outcome)?,
                slug: r.slug,
                version: r.version,
                published_at: r.published_at,
                election_slug: r.election_slug,
                election_name: v.election_name,
                election_date: v.election_date,
                jurisdiction_slug: r.jurisdiction_slug,
                jurisdiction_name: v.jurisdiction_name,
                risk_limit_pct: r.risk_limit_pct,
                seed: r.seed,
                started_on: r.started_on,
                completed_on: r.completed_on,
                summary: r.summary,
                contests,
                withheld_details: r.withheld_count,
                correction_note: r.correction_note,
            })
        })
        .collect()
}

/// The conditions of the contests download (the audits' filters, on the audit).
pub const CONTEST_JOINS: &str = "FROM published_audit_contests c \
    JOIN published_audits a ON a.slug = c.audit_slug AND a.version = c.version";

pub async fn count_contests(db: &PublicDb, c: &Conditions) -> AppResult<i64> {
    let sql = format!("SELECT COUNT(*) {CONTEST_JOINS} {}", c.sql);
    c.bind_scalar(sqlx::query_scalar(&sql)).fetch_one(&db.pool).await.context("counting contests")
}

/// A slice of the current audits' contests as flat entries.
pub async fn contest_entries(db: &PublicDb, c: &Conditions, tail: &str) -> AppResult<Vec<PublicContestEntry>> {
    let sql = format!("SELECT {} {CONTEST_JOINS} {} {tail}", PublishedContestRow::select_list("c"), c.sql);
    let rows: Vec<PublishedContestRow> =
        c.bind_as(sqlx::query_as(&sql)).fetch_all(&db.pool).await.context("reading contests")?;
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else { return Ok(Vec::new()) };
    let tallies: Vec<PublishedTallyRow> = sqlx::query_as(&format!(
        "SELECT {} FROM published_contest_tallies t JOIN published_audits a \
         ON a.slug = t.audit_slug AND a.version = t.version \
         WHERE a.is_current = 1 AND t.audit_slug >= $1 AND t.audit_slug <= $2 \
         ORDER BY t.audit_slug, t.contest_position, t.position",
        PublishedTallyRow::select_list("t")
    ))
    .bind(&first.audit_slug)
    .bind(&last.audit_slug)
    .fetch_all(&db.pool)
    .await
    .context("reading tallies")?;
    let mut by_contest: HashMap<(String, i64), Vec<PublishedTallyRow>> = HashMap::new();
    for t in tallies {
        by_contest.entry((t.audit_slug.clone(), t.contest_position)).or_default().push(t);
    }
    rows.into_iter()
        .map(|c| {
            let tallies = by_contest.remove(&(c.audit_slug.clone(), c.position)).unwrap_or_default();
            let winners: Vec<String> =
                serde_json::from_str(&c.winners).map_err(|e| corrupt("winners", e.to_string()))?;
            let reported = tallies.iter().map(|t| format!("{}={}", t.candidate, t.reported_votes)).collect::<Vec<_>>();
            // Audited results only when every candidate has them.
            let audited = tallies
                .iter()
                .map(|t| t.audited_votes.map(|v| format!("{}={v}", t.candidate)))
                .collect::<Option<Vec<_>>>()
                .filter(|v| !v.is_empty())
                .map(|v| v.join(";"));
            Ok(PublicContestEntry {
                audit: c.audit_slug,
                audit_version: c.version,
                contest_number: c.position + 1,
                contest: c.name,
                winners: winners.join(";"),
                votes_allowed: c.votes_allowed,
                ballots_cast: c.ballots_cast,
                reported_results: reported.join(";"),
                sample_size: c.sample_size,
                audited_results: audited,
                o1: c.o1,
                o2: c.o2,
                u1: c.u1,
                u2: c.u2,
                p_value: c.p_value,
                risk_limit_met: c.risk_limit_met.map(flag),
            })
        })
        .collect()
}

/// The number of current audits and how many of them withhold a detail.
pub async fn counts(db: &PublicDb) -> AppResult<(i64, i64)> {
    let (all, withheld): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN withheld_count > 0 THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM published_audits WHERE is_current = 1",
    )
    .fetch_one(&db.pool)
    .await
    .context("counting audits")?;
    Ok((all, withheld))
}
