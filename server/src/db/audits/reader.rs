//! The public reader's audit queries: summaries, lists and filters, one audit's
//! public view, and the flat entries of the downloads and the API.

use super::{PublishedAuditRow, PublishedContestRow, PublishedDocumentRow, PublishedRoundRow, PublishedTallyRow};
use crate::db::{decode, flag, Conditions, Conn, PublicDb};
use crate::error::{AppError, AppResult, Context};
use app::data::{PublicAuditEntry, PublicContestEntry};
use app::model::*;
use std::collections::HashMap;

fn corrupt(what: &str, m: String) -> AppError {
    AppError::internal(anyhow::anyhow!("corrupt stored {what}: {m}"))
}

/// Columns of an audit summary, joined with its election and jurisdiction.
const SUMMARY_COLUMNS: &str = "a.slug, a.version, a.election_slug, e.name AS election_name, \
    e.election_date, a.jurisdiction_slug, j.name AS jurisdiction_name, a.audit_type, a.outcome, \
    a.completed_on, a.withheld_count";
pub(crate) const JOINS: &str = "FROM published_audits a \
    JOIN elections e ON e.slug = a.election_slug \
    JOIN jurisdictions j ON j.slug = a.jurisdiction_slug";
/// The lists' order: the election's date and the completion date newest first
/// (unfinished last), the jurisdiction's name, the slug; kept on each row by a
/// trigger (migration 0012) so that the order is an index's.
const ORDER: &str = "ORDER BY a.sort_election, a.sort_completed, a.sort_jurisdiction, a.slug";
const ORDER_DESC: &str = "ORDER BY a.sort_election DESC, a.sort_completed DESC, a.sort_jurisdiction DESC, a.slug DESC";
const SORT_KEY: &str = "(a.sort_election, a.sort_completed, a.sort_jurisdiction, a.slug)";

/// Where a list page starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cursor {
    /// `skip` entries from the start (old `?page=` links).
    Start { skip: i64 },
    /// The entries after the current audit with this slug.
    After(String),
    /// The entries before it.
    Before(String),
}

/// One page of a list: its audits and the slugs to page after and before.
pub struct Page {
    pub items: Vec<PublicAuditSummary>,
    pub next: Option<String>,
    pub previous: Option<String>,
}

/// One page of current audits matching a filter, in the lists' order: an index
/// seek and `limit + 1` rows, however deep. `None` when the cursor names no
/// current audit.
pub async fn page(db: &PublicDb, c: &Conditions, cursor: &Cursor, limit: i64) -> AppResult<Option<Page>> {
    let mut c = c.clone();
    let (order, tail) = match cursor {
        Cursor::Start { skip } => (ORDER, format!("LIMIT {} OFFSET {}", limit + 1, skip.max(&0))),
        Cursor::After(slug) | Cursor::Before(slug) => {
            let key: Option<(i64, i64, String)> = sqlx::query_as(
                "SELECT sort_election, sort_completed, sort_jurisdiction FROM published_audits \
                 WHERE slug = $1 AND is_current = 1",
            )
            .bind(slug)
            .fetch_optional(&db.pool)
            .await
            .context("reading a list position")?;
            let Some((election, completed, jurisdiction)) = key else { return Ok(None) };
            let after = matches!(cursor, Cursor::After(_));
            c.binds.push(jurisdiction);
            c.binds.push(slug.clone());
            let n = c.binds.len();
            c.sql.push_str(&format!(
                " AND {SORT_KEY} {} ({election}, {completed}, ${}, ${n})",
                if after { ">" } else { "<" },
                n - 1
            ));
            (if after { ORDER } else { ORDER_DESC }, format!("LIMIT {}", limit + 1))
        }
    };
    let sql = format!("SELECT {SUMMARY_COLUMNS} {JOINS} {} {order} {tail}", c.sql);
    let rows: Vec<SummaryRow> =
        c.bind_as(sqlx::query_as(&sql)).fetch_all(&db.pool).await.context("reading audit summaries")?;
    let more = rows.len() as i64 > limit;
    let mut items =
        rows.into_iter().take(limit as usize).map(SummaryRow::into_public).collect::<AppResult<Vec<_>>>()?;
    let first_last =
        |items: &[PublicAuditSummary]| (items.first().map(|a| a.slug.clone()), items.last().map(|a| a.slug.clone()));
    Ok(Some(match cursor {
        Cursor::Start { skip } => {
            let (first, last) = first_last(&items);
            Page { next: if more { last } else { None }, previous: if *skip > 0 { first } else { None }, items }
        }
        Cursor::After(_) => {
            let (first, last) = first_last(&items);
            Page { next: if more { last } else { None }, previous: first, items }
        }
        Cursor::Before(_) => {
            items.reverse();
            let (first, last) = first_last(&items);
            Page { next: last, previous: if more { first } else { None }, items }
        }
    }))
}

/// How many current audits match, counted up to `cap + 1` (an index range, never
/// more than `cap + 1` entries).
pub async fn count_capped(db: &PublicDb, c: &Conditions, cap: i64) -> AppResult<i64> {
    let sql = format!("SELECT COUNT(*) FROM (SELECT 1 FROM published_audits a {} LIMIT {}) t", c.sql, cap + 1);
    c.bind_scalar(sqlx::query_scalar(&sql)).fetch_one(&db.pool).await.context("counting audits")
}

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
    // One index seek per election and jurisdiction, however many audits.
    let elections: Vec<(String, String)> = sqlx::query_as(
        "SELECT e.slug, e.name FROM elections e WHERE EXISTS (SELECT 1 FROM published_audits a \
         WHERE a.is_current = 1 AND a.election_slug = e.slug) ORDER BY e.name",
    )
    .fetch_all(&db.pool)
    .await
    .context("reading election choices")?;
    let jurisdictions: Vec<(String, String)> = sqlx::query_as(
        "SELECT j.slug, j.name FROM jurisdictions j WHERE EXISTS (SELECT 1 FROM published_audits a \
         WHERE a.is_current = 1 AND a.jurisdiction_slug = j.slug) ORDER BY j.name",
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
    audit_in(&mut *db.conn().await?, slug, version).await
}

/// As [`audit`], on a connection (publication reads its own uncommitted version).
pub async fn audit_in(conn: &mut Conn, slug: &str, version: Option<i64>) -> AppResult<Option<PublicAudit>> {
    let sql = view_sql(&format!("WHERE a.slug = $1 AND {}", crate::db::versions::version_clause("a", version)), "");
    let Some(v): Option<AuditView> =
        sqlx::query_as(&sql).bind(slug).fetch_optional(&mut *conn).await.context("reading an audit")?
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
    .fetch_all(&mut *conn)
    .await
    .context("reading contests")?;
    let tallies: Vec<PublishedTallyRow> = sqlx::query_as(&format!(
        "SELECT {} FROM published_contest_tallies WHERE audit_slug = $1 AND version = $2 \
         ORDER BY contest_position, position",
        PublishedTallyRow::COLUMNS.join(", ")
    ))
    .bind(&a.slug)
    .bind(a.version)
    .fetch_all(&mut *conn)
    .await
    .context("reading tallies")?;
    let documents: Vec<PublishedDocumentRow> = sqlx::query_as(&format!(
        "SELECT {} FROM published_audit_documents WHERE audit_slug = $1 AND version = $2 ORDER BY position",
        PublishedDocumentRow::COLUMNS.join(", ")
    ))
    .bind(&a.slug)
    .bind(a.version)
    .fetch_all(&mut *conn)
    .await
    .context("reading documents")?;
    let withholdings = crate::db::withholdings::of(conn, RecordKind::Audit, &a.slug, a.version).await?;
    let mut rounds = rounds_of(conn, &a.slug, a.version).await?;
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
                check: c.check_method.map(|method| PublicCheck {
                    method,
                    p_value: c.check_p_value,
                    risk_limit_met: c.check_risk_limit_met.map(flag),
                    consistent: c.check_consistent.map(flag),
                    diluted_margin: c.diluted_margin,
                }),
                targeted: flag(c.targeted),
                rounds: rounds
                    .remove(&c.position)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|r| public_round(r, c.diluted_margin))
                    .collect::<AppResult<_>>()?,
            })
        })
        .collect::<AppResult<Vec<PublicContest>>>()?;
    let (commitments, sampled_units) = evidence_of(conn, &a).await?;
    let interpretations = interpretations_of(conn, &a.slug, a.version, &contests).await?;
    let batch_counts = batch_counts_of(conn, &a.slug, a.version, &contests).await?;
    let path = format!("/audits/{}/v/{}/manifest.csv", a.slug, a.version);
    let manifest = a.manifest_sha256.clone().map(|sha256| PublicManifest {
        sha256,
        batches: a.manifest_batches,
        ballots: a.manifest_ballots,
        url: path,
    });
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
        seed_drawn_at: a.seed_drawn_at,
        seed_notice: a.seed_notice,
        sampler: a.sampler,
        sampler_version: a.sampler_version,
        with_replacement: flag(a.with_replacement),
        manifest,
        commitments,
        sampled_units,
        interpretations,
        batch_counts,
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

/// An audit version's commitments (its manifest and committed files, each with
/// the time its hash was first published) and how many ballots were sampled.
async fn evidence_of(conn: &mut Conn, a: &PublishedAuditRow) -> AppResult<(Vec<PublicCommitment>, i64)> {
    let mut commitments = Vec::new();
    if let (Some(sha256), Some(at)) = (&a.manifest_sha256, &a.manifest_committed_at) {
        let bytes = manifest_csv_in(conn, &a.slug, a.version).await?.map(|m| m.len() as i64).unwrap_or(0);
        commitments.push(PublicCommitment {
            what: "manifest".into(),
            sha256: sha256.clone(),
            bytes,
            committed_at: at.clone(),
        });
    }
    let files: Vec<(String, String, i64, String)> = sqlx::query_as(
        "SELECT kind, sha256, bytes, committed_at FROM published_audit_files WHERE audit_slug = $1 AND version = $2 \
         ORDER BY position",
    )
    .bind(&a.slug)
    .bind(a.version)
    .fetch_all(&mut *conn)
    .await
    .context("reading committed files")?;
    commitments.extend(files.into_iter().map(|(what, sha256, bytes, committed_at)| PublicCommitment {
        what,
        sha256,
        bytes,
        committed_at,
    }));
    let units: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM published_sampled_units WHERE audit_slug = $1 AND version = $2",
    )
    .bind(&a.slug)
    .bind(a.version)
    .fetch_one(&mut *conn)
    .await
    .context("counting sampled units")?;
    Ok((commitments, units))
}

/// An audit version's ballot readings, each with its sampled ballot.
async fn interpretations_of(
    conn: &mut Conn,
    slug: &str,
    version: i64,
    contests: &[PublicContest],
) -> AppResult<Vec<PublicInterpretation>> {
    type Reading = (i64, i64, String, String, i64, i64, String, Option<String>, i64);
    let rows: Vec<Reading> = sqlx::query_as(
        "SELECT u.round, u.position, u.ticket, u.batch, u.ballot_position, i.contest_position, i.machine, i.audited, \
         i.discrepancy FROM published_ballot_interpretations i JOIN published_sampled_units u \
         ON u.audit_slug = i.audit_slug AND u.version = i.version AND u.position = i.unit_position \
         WHERE i.audit_slug = $1 AND i.version = $2 ORDER BY u.position, i.contest_position",
    )
    .bind(slug)
    .bind(version)
    .fetch_all(&mut *conn)
    .await
    .context("reading ballot readings")?;
    let names = |json: &str| -> AppResult<Vec<String>> {
        serde_json::from_str(json).map_err(|e| corrupt("ballot reading", e.to_string()))
    };
    rows.into_iter()
        .map(|(round, draw, ticket, batch, position, contest, machine, audited, discrepancy)| {
            let contest = usize::try_from(contest)
                .ok()
                .and_then(|i| contests.get(i))
                .ok_or_else(|| corrupt("ballot reading", format!("contest {contest} of {slug} v{version}")))?;
            Ok(PublicInterpretation {
                round,
                draw: draw + 1,
                ticket,
                batch,
                position,
                contest: contest.name.clone(),
                machine: names(&machine)?,
                audited: audited.as_deref().map(names).transpose()?,
                discrepancy,
            })
        })
        .collect()
}

/// An audit version's rounds by contest position, in round order.
async fn rounds_of(conn: &mut Conn, slug: &str, version: i64) -> AppResult<HashMap<i64, Vec<PublishedRoundRow>>> {
    let rows: Vec<PublishedRoundRow> = sqlx::query_as(&format!(
        "SELECT {} FROM published_audit_rounds WHERE audit_slug = $1 AND version = $2 ORDER BY position",
        PublishedRoundRow::COLUMNS.join(", ")
    ))
    .bind(slug)
    .bind(version)
    .fetch_all(&mut *conn)
    .await
    .context("reading rounds")?;
    let mut out: HashMap<i64, Vec<PublishedRoundRow>> = HashMap::new();
    for r in rows {
        out.entry(r.contest_position).or_default().push(r);
    }
    Ok(out)
}

fn public_round(r: PublishedRoundRow, diluted_margin: Option<f64>) -> AppResult<PublicRound> {
    let audited = r
        .audited_results
        .as_deref()
        .unwrap_or("")
        .split(';')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (candidate, votes) = p.rsplit_once('=').ok_or_else(|| corrupt("round", p.to_string()))?;
            let votes = votes.parse::<i64>().map_err(|e| corrupt("round", e.to_string()))?;
            Ok(PublicRoundVotes { candidate: candidate.to_string(), votes })
        })
        .collect::<AppResult<_>>()?;
    Ok(PublicRound {
        round: r.round,
        sample_size: r.sample_size,
        audited,
        o1: r.o1,
        o2: r.o2,
        u1: r.u1,
        u2: r.u2,
        p_value: r.p_value,
        risk_limit_met: r.risk_limit_met.map(flag),
        started_on: r.started_on,
        completed_on: r.completed_on,
        check: r.check_method.map(|method| PublicCheck {
            method,
            p_value: r.check_p_value,
            risk_limit_met: r.check_risk_limit_met.map(flag),
            consistent: r.check_consistent.map(flag),
            diluted_margin,
        }),
    })
}

/// An audit version's hand-counted batches, in the order first drawn, each
/// with its machine and hand counts per candidate.
async fn batch_counts_of(
    conn: &mut Conn,
    slug: &str,
    version: i64,
    contests: &[PublicContest],
) -> AppResult<Vec<PublicBatchCount>> {
    type Row = (i64, String, String, i64, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT contest_position, batch, candidate, reported, audited FROM published_batch_tallies \
         WHERE audit_slug = $1 AND version = $2 AND audited IS NOT NULL ORDER BY position",
    )
    .bind(slug)
    .bind(version)
    .fetch_all(&mut *conn)
    .await
    .context("reading hand-counted batches")?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let draws: Vec<(String, i64)> = sqlx::query_as(
        "SELECT batch, position FROM published_sampled_units WHERE audit_slug = $1 AND version = $2 ORDER BY position",
    )
    .bind(slug)
    .bind(version)
    .fetch_all(&mut *conn)
    .await
    .context("reading the sampled batches")?;
    let mut out: Vec<(i64, PublicBatchCount)> = Vec::new();
    for (contest, batch, candidate, reported, audited) in rows {
        let name = usize::try_from(contest)
            .ok()
            .and_then(|i| contests.get(i))
            .map(|c| c.name.clone())
            .ok_or_else(|| corrupt("batch tally", format!("contest {contest} of {slug} v{version}")))?;
        let vote = PublicBatchVotes { candidate, reported, audited };
        match out.iter_mut().find(|(c, b)| *c == contest && b.batch == batch) {
            Some((_, b)) => b.votes.push(vote),
            None => {
                let first_draw = draws.iter().find(|(b, _)| *b == batch).map(|(_, p)| p + 1).unwrap_or(0);
                let times = draws.iter().filter(|(b, _)| *b == batch).count() as i64;
                out.push((
                    contest,
                    PublicBatchCount { contest: name, batch, first_draw, draws: times, votes: vec![vote] },
                ));
            }
        }
    }
    let mut out: Vec<PublicBatchCount> = out.into_iter().map(|(_, b)| b).collect();
    out.sort_by_key(|b| b.first_draw);
    Ok(out)
}

/// The public manifest CSV of an audit version (`batch,ballots`), exactly the
/// bytes whose SHA-256 the audit committed to.
pub async fn manifest_csv(db: &PublicDb, slug: &str, version: i64) -> AppResult<Option<String>> {
    manifest_csv_in(&mut *db.conn().await?, slug, version).await
}

/// As [`manifest_csv`], on a connection.
pub async fn manifest_csv_in(conn: &mut Conn, slug: &str, version: i64) -> AppResult<Option<String>> {
    let batches: Vec<(String, i64)> = sqlx::query_as(
        "SELECT batch, ballots FROM published_audit_batches WHERE audit_slug = $1 AND version = $2 ORDER BY position",
    )
    .bind(slug)
    .bind(version)
    .fetch_all(&mut *conn)
    .await
    .context("reading a manifest")?;
    if batches.is_empty() {
        return Ok(None);
    }
    let mut out = String::from("batch,ballots\n");
    for (b, n) in batches {
        out.push_str(&format!("{b},{n}\n"));
    }
    Ok(Some(out))
}

/// The batch tallies of an audit's version exactly as committed before its seed
/// (`contest,batch,candidate,reported`, in import order; see
/// [`crate::domain::audit::batch_tally`]), or `None` when it has none.
pub async fn committed_batch_tallies_csv(db: &PublicDb, slug: &str, version: i64) -> AppResult<Option<String>> {
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT c.name, t.batch, t.candidate, t.reported FROM published_batch_tallies t \
         JOIN published_audit_contests c ON c.audit_slug = t.audit_slug AND c.version = t.version \
         AND c.position = t.contest_position \
         WHERE t.audit_slug = $1 AND t.version = $2 ORDER BY t.position",
    )
    .bind(slug)
    .bind(version)
    .fetch_all(&db.pool)
    .await
    .context("reading committed batch tallies")?;
    if rows.is_empty() {
        return Ok(None);
    }
    Ok(Some(crate::domain::audit::batch_tally::committed_csv(
        rows.iter().map(|(c, b, n, r)| (c.as_str(), b.as_str(), n.as_str(), *r)),
    )))
}

/// A slice of current audits as flat entries (downloads and the API).
pub async fn entries(db: &PublicDb, c: &Conditions, tail: &str, base_url: &str) -> AppResult<Vec<PublicAuditEntry>> {
    #[derive(sqlx::FromRow)]
    struct EntryView {
        #[sqlx(flatten)]
        view: AuditView,
        contests: i64,
        sampled_units: i64,
    }
    let sql = format!(
        "SELECT {}, e.name AS election_name, e.election_date, j.name AS jurisdiction_name, \
         CAST((SELECT COUNT(*) FROM published_audit_contests c \
               WHERE c.audit_slug = a.slug AND c.version = a.version) AS BIGINT) AS contests, \
         CAST((SELECT COUNT(*) FROM published_sampled_units u \
               WHERE u.audit_slug = a.slug AND u.version = a.version) AS BIGINT) AS sampled_units \
         {JOINS} {} {tail}",
        PublishedAuditRow::select_list("a"),
        c.sql
    );
    let rows: Vec<EntryView> = c.bind_as(sqlx::query_as(&sql)).fetch_all(&db.pool).await.context("reading audits")?;
    rows.into_iter()
        .map(|EntryView { view: v, contests, sampled_units }| {
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
                sampler: r.sampler,
                sampler_version: r.sampler_version,
                with_replacement: flag(r.with_replacement),
                seed_drawn_at: r.seed_drawn_at,
                manifest_sha256: r.manifest_sha256,
                manifest_committed_at: r.manifest_committed_at,
                sampled_units,
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
                check_p_value: app::data::rounded_check_p_value(c.check_p_value),
                check_risk_limit_met: c.check_risk_limit_met.map(flag),
                check_consistent: c.check_consistent.map(flag),
                targeted: flag(c.targeted),
            })
        })
        .collect()
}
