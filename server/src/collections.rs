//! The public collections as flat entries: what the CSV and JSON downloads stream
//! and what the API lists. Like the rest of the public store, every query here
//! reads the published tables and reference data only.
//!
//! Entries are read in slices ordered by a unique key (keyset pagination), so a
//! download holds one slice in memory however large the collection grows, and a
//! publication during a download neither repeats nor skips a row.

use crate::error::AppResult;
use crate::store::PublicStore;
use app::data::*;
use app::model::*;
use futures::future::BoxFuture;
use sqlx::FromRow;
use std::collections::HashMap;

/// The filters of every collection (each collection uses its own subset, named in
/// [`Collection::filters`]); the same parameters the pages take.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub election: Option<String>,
    pub jurisdiction: Option<String>,
    pub audit_type: Option<AuditType>,
    pub outcome: Option<Outcome>,
    pub grant: Option<String>,
    pub category: Option<Category>,
    pub recipient: Option<String>,
    pub office: Option<String>,
}

impl Filter {
    /// Reads a collection's filters from query parameters. `extra` names further
    /// parameters the caller handles itself (such as `page`); anything else is a
    /// mistake worth reporting rather than ignoring.
    pub fn parse(collection: Collection, query: &[(String, String)], extra: &[&str]) -> Result<Filter, String> {
        let mut f = Filter::default();
        for (key, value) in query {
            if extra.contains(&key.as_str()) {
                continue;
            }
            if !collection.filters().contains(&key.as_str()) {
                return Err(format!(
                    "\"{}\" is not a filter of {}; use {}",
                    shorten(key),
                    collection.name(),
                    collection.filters().join(", ")
                ));
            }
            if value.is_empty() {
                continue;
            }
            let bad = || format!("\"{}\" is not a valid value for {key}", shorten(value));
            let slug = || if is_slug(value) { Ok(Some(value.clone())) } else { Err(bad()) };
            match key.as_str() {
                "election" => f.election = slug()?,
                "jurisdiction" => f.jurisdiction = slug()?,
                "grant" => f.grant = slug()?,
                "recipient" => f.recipient = slug()?,
                "office" => f.office = slug()?,
                "type" => f.audit_type = Some(AuditType::from_code(value).ok_or_else(bad)?),
                "outcome" => f.outcome = Some(Outcome::from_code(value).ok_or_else(bad)?),
                "category" => f.category = Some(Category::from_code(value).ok_or_else(bad)?),
                _ => {}
            }
        }
        Ok(f)
    }
}

fn shorten(s: &str) -> String {
    s.chars().take(60).collect()
}

/// Which slice of a collection to read.
#[derive(Clone, Debug)]
pub enum Window {
    /// Page-style: skip `offset` entries.
    Offset { offset: i64, limit: i64 },
    /// Keyset: the entries after `after` (none: from the start).
    After { after: Option<(String, i64)>, limit: i64 },
}

/// The store's WHERE-clause builder, with windows for slices.
type Where = crate::store::Conditions;

impl Where {
    /// Restricts to the window and returns the ORDER/LIMIT tail. `key` is the slug
    /// column, `position` the second key column (contests only).
    fn window(&mut self, w: &Window, key: &str, position: Option<&str>) -> String {
        let order = match position {
            Some(p) => format!("ORDER BY {key}, {p}"),
            None => format!("ORDER BY {key}"),
        };
        match w {
            Window::Offset { offset, limit } => format!("{order} LIMIT {limit} OFFSET {offset}"),
            Window::After { after, limit } => {
                if let Some((slug, pos)) = after {
                    self.binds.push(slug.clone());
                    let n = self.binds.len();
                    match position {
                        Some(p) => self.sql.push_str(&format!(" AND ({key} > ${n} OR ({key} = ${n} AND {p} > {pos}))")),
                        None => self.sql.push_str(&format!(" AND {key} > ${n}")),
                    }
                }
                format!("{order} LIMIT {limit}")
            }
        }
    }

    fn audits(f: &Filter) -> Where {
        let mut w = Where::new("WHERE a.is_current = 1");
        w.eq("a.election_slug", f.election.as_deref());
        w.eq("a.jurisdiction_slug", f.jurisdiction.as_deref());
        w.eq("a.audit_type", f.audit_type.map(|t| t.code()));
        w.eq("a.outcome", f.outcome.map(|o| o.code()));
        w
    }
}

async fn fetch<R>(store: &PublicStore, sql: &str, binds: &[String]) -> AppResult<Vec<R>>
where
    R: for<'r> FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    let mut q = sqlx::query_as::<_, R>(sql);
    for b in binds {
        q = q.bind(b);
    }
    Ok(q.fetch_all(&store.db().pool).await?)
}

async fn count(store: &PublicStore, sql: &str, binds: &[String]) -> AppResult<i64> {
    let mut q = sqlx::query_scalar::<_, i64>(sql);
    for b in binds {
        q = q.bind(b);
    }
    Ok(q.fetch_one(&store.db().pool).await?)
}

/// A collection's entry type: how to count and read a slice of it.
pub trait CollectionEntry: serde::Serialize + Send + Sync + Sized + 'static {
    const COLLECTION: Collection;
    /// The entry's unique position in the collection's order.
    fn key(&self) -> (String, i64);
    fn count<'a>(store: &'a PublicStore, f: &'a Filter) -> BoxFuture<'a, AppResult<i64>>;
    fn slice<'a>(store: &'a PublicStore, f: &'a Filter, w: &'a Window) -> BoxFuture<'a, AppResult<Vec<Self>>>;
}

/// The same joins the store's pages read through.
use crate::store::{AUDIT_JOINS as AUDITS_FROM, EXPENDITURE_JOINS as EXPENDITURES_FROM, GRANT_JOINS as GRANTS_FROM};

#[derive(FromRow)]
struct AuditEntryRow {
    slug: String,
    version: i64,
    published_at: String,
    election_slug: String,
    election_name: String,
    election_date: String,
    jurisdiction_slug: String,
    jurisdiction_name: String,
    audit_type: String,
    math: String,
    risk_limit_pct: Option<f64>,
    seed: Option<String>,
    started_on: Option<String>,
    completed_on: Option<String>,
    outcome: String,
    summary: String,
    contests: i64,
    withheld_count: i64,
    correction_note: Option<String>,
}

impl CollectionEntry for PublicAuditEntry {
    const COLLECTION: Collection = Collection::Audits;

    fn key(&self) -> (String, i64) {
        (self.slug.clone(), 0)
    }

    fn count<'a>(store: &'a PublicStore, f: &'a Filter) -> BoxFuture<'a, AppResult<i64>> {
        Box::pin(async move {
            let w = Where::audits(f);
            count(store, &format!("SELECT COUNT(*) {AUDITS_FROM} {}", w.sql), &w.binds).await
        })
    }

    fn slice<'a>(store: &'a PublicStore, f: &'a Filter, win: &'a Window) -> BoxFuture<'a, AppResult<Vec<Self>>> {
        Box::pin(async move {
            let mut w = Where::audits(f);
            let tail = w.window(win, "a.slug", None);
            let sql = format!(
                "SELECT a.slug, a.version, a.published_at, a.election_slug, e.name AS election_name, \
                 e.election_date, a.jurisdiction_slug, j.name AS jurisdiction_name, a.audit_type, a.math, \
                 a.risk_limit_pct, a.seed, a.started_on, a.completed_on, a.outcome, a.summary, \
                 CAST((SELECT COUNT(*) FROM published_audit_contests c \
                       WHERE c.audit_slug = a.slug AND c.version = a.version) AS BIGINT) AS contests, \
                 a.withheld_count, a.correction_note {AUDITS_FROM} {} {tail}",
                w.sql
            );
            let base = store.public_url();
            Ok(fetch::<AuditEntryRow>(store, &sql, &w.binds)
                .await?
                .into_iter()
                .map(|r| PublicAuditEntry {
                    url: format!("{base}/audits/{}/v/{}", r.slug, r.version),
                    slug: r.slug,
                    version: r.version,
                    published_at: r.published_at,
                    election_slug: r.election_slug,
                    election_name: r.election_name,
                    election_date: r.election_date,
                    jurisdiction_slug: r.jurisdiction_slug,
                    jurisdiction_name: r.jurisdiction_name,
                    audit_type: AuditType::from_code(&r.audit_type).unwrap_or(AuditType::Canvass),
                    math: AuditMath::from_code(&r.math).unwrap_or(AuditMath::None),
                    risk_limit_pct: r.risk_limit_pct,
                    seed: r.seed,
                    started_on: r.started_on,
                    completed_on: r.completed_on,
                    outcome: Outcome::from_code(&r.outcome).unwrap_or(Outcome::InProgress),
                    summary: r.summary,
                    contests: r.contests,
                    withheld_details: r.withheld_count,
                    correction_note: r.correction_note,
                })
                .collect())
        })
    }
}

#[derive(FromRow)]
struct ContestEntryRow {
    audit_slug: String,
    version: i64,
    position: i64,
    name: String,
    winners: String,
    votes_allowed: i64,
    ballots_cast: i64,
    sample_size: Option<i64>,
    o1: Option<i64>,
    o2: Option<i64>,
    u1: Option<i64>,
    u2: Option<i64>,
    p_value: Option<f64>,
    risk_limit_met: Option<i64>,
}

#[derive(FromRow)]
struct TallyEntryRow {
    audit_slug: String,
    contest_position: i64,
    candidate: String,
    reported_votes: i64,
    audited_votes: Option<i64>,
}

const CONTESTS_FROM: &str = "FROM published_audit_contests c JOIN published_audits a \
    ON a.slug = c.audit_slug AND a.version = c.version";

impl CollectionEntry for PublicContestEntry {
    const COLLECTION: Collection = Collection::AuditContests;

    fn key(&self) -> (String, i64) {
        (self.audit.clone(), self.contest_number - 1)
    }

    fn count<'a>(store: &'a PublicStore, f: &'a Filter) -> BoxFuture<'a, AppResult<i64>> {
        Box::pin(async move {
            let w = Where::audits(f);
            count(store, &format!("SELECT COUNT(*) {CONTESTS_FROM} {}", w.sql), &w.binds).await
        })
    }

    fn slice<'a>(store: &'a PublicStore, f: &'a Filter, win: &'a Window) -> BoxFuture<'a, AppResult<Vec<Self>>> {
        Box::pin(async move {
            let mut w = Where::audits(f);
            let tail = w.window(win, "c.audit_slug", Some("c.position"));
            let sql = format!(
                "SELECT c.audit_slug, c.version, c.position, c.name, c.winners, c.votes_allowed, \
                 c.ballots_cast, c.sample_size, c.o1, c.o2, c.u1, c.u2, c.p_value, c.risk_limit_met \
                 {CONTESTS_FROM} {} {tail}",
                w.sql
            );
            let rows = fetch::<ContestEntryRow>(store, &sql, &w.binds).await?;
            let (Some(first), Some(last)) = (rows.first(), rows.last()) else { return Ok(Vec::new()) };
            // The tallies of this slice's audits, in one query.
            let tallies: Vec<TallyEntryRow> = sqlx::query_as(
                "SELECT t.audit_slug, t.contest_position, t.candidate, t.reported_votes, t.audited_votes \
                 FROM published_contest_tallies t JOIN published_audits a \
                 ON a.slug = t.audit_slug AND a.version = t.version \
                 WHERE a.is_current = 1 AND t.audit_slug >= $1 AND t.audit_slug <= $2 \
                 ORDER BY t.audit_slug, t.contest_position, t.position",
            )
            .bind(&first.audit_slug)
            .bind(&last.audit_slug)
            .fetch_all(&store.db().pool)
            .await?;
            let mut by_contest: HashMap<(String, i64), Vec<TallyEntryRow>> = HashMap::new();
            for t in tallies {
                by_contest.entry((t.audit_slug.clone(), t.contest_position)).or_default().push(t);
            }
            Ok(rows
                .into_iter()
                .map(|c| {
                    let tallies = by_contest.remove(&(c.audit_slug.clone(), c.position)).unwrap_or_default();
                    let reported = tallies
                        .iter()
                        .map(|t| format!("{}={}", t.candidate, t.reported_votes))
                        .collect::<Vec<_>>()
                        .join(";");
                    let audited = tallies
                        .iter()
                        .map(|t| t.audited_votes.map(|v| format!("{}={v}", t.candidate)))
                        .collect::<Option<Vec<_>>>()
                        .filter(|v| !v.is_empty())
                        .map(|v| v.join(";"));
                    let winners: Vec<String> = serde_json::from_str(&c.winners).unwrap_or_default();
                    PublicContestEntry {
                        audit: c.audit_slug,
                        audit_version: c.version,
                        contest_number: c.position + 1,
                        contest: c.name,
                        winners: winners.join(";"),
                        votes_allowed: c.votes_allowed,
                        ballots_cast: c.ballots_cast,
                        reported_results: reported,
                        sample_size: c.sample_size,
                        audited_results: audited,
                        o1: c.o1,
                        o2: c.o2,
                        u1: c.u1,
                        u2: c.u2,
                        p_value: c.p_value,
                        risk_limit_met: c.risk_limit_met.map(|v| v != 0),
                    }
                })
                .collect())
        })
    }
}


#[derive(FromRow)]
struct GrantEntryRow {
    slug: String,
    version: i64,
    published_at: String,
    program: String,
    funder: String,
    recipient_slug: String,
    recipient_name: String,
    federal_cents: i64,
    match_cents: i64,
    award_date: String,
    period_start: Option<String>,
    period_end: Option<String>,
    source: String,
    spent_cents: i64,
    correction_note: Option<String>,
}

fn grant_where(f: &Filter) -> Where {
    let mut w = Where::new("WHERE g.is_current = 1");
    w.eq("g.recipient_slug", f.recipient.as_deref());
    w
}

impl CollectionEntry for PublicGrantEntry {
    const COLLECTION: Collection = Collection::Grants;

    fn key(&self) -> (String, i64) {
        (self.slug.clone(), 0)
    }

    fn count<'a>(store: &'a PublicStore, f: &'a Filter) -> BoxFuture<'a, AppResult<i64>> {
        Box::pin(async move {
            let w = grant_where(f);
            count(store, &format!("SELECT COUNT(*) {GRANTS_FROM} {}", w.sql), &w.binds).await
        })
    }

    fn slice<'a>(store: &'a PublicStore, f: &'a Filter, win: &'a Window) -> BoxFuture<'a, AppResult<Vec<Self>>> {
        Box::pin(async move {
            let mut w = grant_where(f);
            let tail = w.window(win, "g.slug", None);
            let sql = format!(
                "SELECT g.slug, g.version, g.published_at, g.program, g.funder, g.recipient_slug, \
                 j.name AS recipient_name, g.federal_cents, g.match_cents, g.award_date, g.period_start, \
                 g.period_end, g.source, CAST(COALESCE(s.spent, 0) AS BIGINT) AS spent_cents, \
                 g.correction_note {GRANTS_FROM} {} {tail}",
                w.sql
            );
            let base = store.public_url();
            Ok(fetch::<GrantEntryRow>(store, &sql, &w.binds)
                .await?
                .into_iter()
                .map(|r| PublicGrantEntry {
                    url: format!("{base}/spending/{}/v/{}", r.slug, r.version),
                    slug: r.slug,
                    version: r.version,
                    published_at: r.published_at,
                    program: r.program,
                    funder: r.funder,
                    recipient_slug: r.recipient_slug,
                    recipient_name: r.recipient_name,
                    total_cents: r.federal_cents + r.match_cents,
                    federal_cents: r.federal_cents,
                    match_cents: r.match_cents,
                    award_date: r.award_date,
                    period_start: r.period_start,
                    period_end: r.period_end,
                    source: r.source,
                    spent_cents: r.spent_cents,
                    correction_note: r.correction_note,
                })
                .collect())
        })
    }
}


#[derive(FromRow)]
struct ExpenditureEntryRow {
    slug: String,
    version: i64,
    published_at: String,
    grant_slug: String,
    recipient_slug: String,
    recipient_name: String,
    category: String,
    federal_cents: i64,
    match_cents: i64,
    spent_on: String,
    vendor: String,
    description: String,
    withheld_count: i64,
    correction_note: Option<String>,
}

fn expenditure_where(f: &Filter) -> Where {
    let mut w = Where::new("WHERE x.is_current = 1");
    w.eq("x.grant_slug", f.grant.as_deref());
    w.eq("x.category", f.category.map(|c| c.code()));
    w.eq("x.recipient_slug", f.recipient.as_deref());
    w
}

impl CollectionEntry for PublicExpenditureEntry {
    const COLLECTION: Collection = Collection::Expenditures;

    fn key(&self) -> (String, i64) {
        (self.slug.clone(), 0)
    }

    fn count<'a>(store: &'a PublicStore, f: &'a Filter) -> BoxFuture<'a, AppResult<i64>> {
        Box::pin(async move {
            let w = expenditure_where(f);
            count(store, &format!("SELECT COUNT(*) {EXPENDITURES_FROM} {}", w.sql), &w.binds).await
        })
    }

    fn slice<'a>(store: &'a PublicStore, f: &'a Filter, win: &'a Window) -> BoxFuture<'a, AppResult<Vec<Self>>> {
        Box::pin(async move {
            let mut w = expenditure_where(f);
            let tail = w.window(win, "x.slug", None);
            let sql = format!(
                "SELECT x.slug, x.version, x.published_at, x.grant_slug, x.recipient_slug, \
                 j.name AS recipient_name, x.category, x.federal_cents, x.match_cents, x.spent_on, \
                 x.vendor, x.description, x.withheld_count, x.correction_note {EXPENDITURES_FROM} {} {tail}",
                w.sql
            );
            let rows = fetch::<ExpenditureEntryRow>(store, &sql, &w.binds).await?;
            let (Some(first), Some(last)) = (rows.first(), rows.last()) else { return Ok(Vec::new()) };
            let bases: Vec<(String, String)> = sqlx::query_as(
                "SELECT w.slug, w.basis_citation FROM published_withholdings w JOIN published_expenditures x \
                 ON x.slug = w.slug AND x.version = w.version AND w.record_kind = 'expenditure' \
                 WHERE x.is_current = 1 AND w.slug >= $1 AND w.slug <= $2 ORDER BY w.slug, w.position",
            )
            .bind(&first.slug)
            .bind(&last.slug)
            .fetch_all(&store.db().pool)
            .await?;
            let mut by_slug: HashMap<String, Vec<String>> = HashMap::new();
            for (slug, citation) in bases {
                let list = by_slug.entry(slug).or_default();
                if !list.contains(&citation) {
                    list.push(citation);
                }
            }
            let base = store.public_url();
            Ok(rows
                .into_iter()
                .map(|r| PublicExpenditureEntry {
                    url: format!("{base}/expenditures/{}/v/{}", r.slug, r.version),
                    withholding_bases: by_slug.remove(&r.slug).map(|b| b.join(";")),
                    slug: r.slug,
                    version: r.version,
                    published_at: r.published_at,
                    grant: r.grant_slug,
                    recipient_slug: r.recipient_slug,
                    recipient_name: r.recipient_name,
                    category: Category::from_code(&r.category).unwrap_or(Category::Other),
                    total_cents: r.federal_cents + r.match_cents,
                    federal_cents: r.federal_cents,
                    match_cents: r.match_cents,
                    date: r.spent_on,
                    vendor: r.vendor,
                    description: r.description,
                    withheld_details: r.withheld_count,
                    correction_note: r.correction_note,
                })
                .collect())
        })
    }
}

const UPDATES_FROM: &str = "FROM published_updates u JOIN jurisdictions j ON j.slug = u.office_slug";

#[derive(FromRow)]
struct UpdateEntryRow {
    slug: String,
    version: i64,
    published_at: String,
    update_date: String,
    title: String,
    office_slug: String,
    office_name: String,
    body_html: String,
    correction_note: Option<String>,
}

fn update_where(f: &Filter) -> Where {
    let mut w = Where::new("WHERE u.is_current = 1");
    w.eq("u.office_slug", f.office.as_deref());
    w
}

impl CollectionEntry for PublicUpdateEntry {
    const COLLECTION: Collection = Collection::Updates;

    fn key(&self) -> (String, i64) {
        (self.slug.clone(), 0)
    }

    fn count<'a>(store: &'a PublicStore, f: &'a Filter) -> BoxFuture<'a, AppResult<i64>> {
        Box::pin(async move {
            let w = update_where(f);
            count(store, &format!("SELECT COUNT(*) {UPDATES_FROM} {}", w.sql), &w.binds).await
        })
    }

    fn slice<'a>(store: &'a PublicStore, f: &'a Filter, win: &'a Window) -> BoxFuture<'a, AppResult<Vec<Self>>> {
        Box::pin(async move {
            let mut w = update_where(f);
            let tail = w.window(win, "u.slug", None);
            let sql = format!(
                "SELECT u.slug, u.version, u.published_at, u.update_date, u.title, u.office_slug, \
                 j.name AS office_name, u.body_html, u.correction_note {UPDATES_FROM} {} {tail}",
                w.sql
            );
            let base = store.public_url();
            Ok(fetch::<UpdateEntryRow>(store, &sql, &w.binds)
                .await?
                .into_iter()
                .map(|r| PublicUpdateEntry {
                    url: format!("{base}/updates/{}/v/{}", r.slug, r.version),
                    slug: r.slug,
                    version: r.version,
                    published_at: r.published_at,
                    date: r.update_date,
                    title: r.title,
                    office_slug: r.office_slug,
                    office_name: r.office_name,
                    body_html: r.body_html,
                    correction_note: r.correction_note,
                })
                .collect())
        })
    }
}
