//! The public collections as flat entries, read in slices ordered by a unique key
//! (keyset pagination): a download holds one slice in memory however large the
//! collection grows, and a publication during a download neither repeats nor
//! skips a row.

use super::{audits, expenditures, grants, updates, Conditions, PublicDb};
use crate::error::AppResult;
use app::data::*;
use app::model::{AuditType, Category, Outcome};

/// The filters of every collection (each collection uses its own subset); the same
/// parameters the pages take.
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
    pub audit: Option<String>,
}

/// Which slice of a collection to read.
#[derive(Clone, Debug)]
pub enum Window {
    /// Page-style: skip `offset` entries.
    Offset { offset: i64, limit: i64 },
    /// Keyset: the entries after `after` (none: from the start).
    After { after: Option<(String, i64)>, limit: i64 },
}

impl Conditions {
    /// Restricts to the window and returns the ORDER/LIMIT tail. `key` is the slug
    /// column, `position` the second key column (an audit's contests, batches and
    /// sampled units, keyed by `a.slug`, the indexed side of their join).
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
                    // `key >= slug` first: an index range, so a slice deep in a
                    // collection costs what the first does.
                    match position {
                        Some(p) => self.sql.push_str(&format!(" AND {key} >= ${n} AND ({key} > ${n} OR {p} > {pos})")),
                        None => self.sql.push_str(&format!(" AND {key} > ${n}")),
                    }
                }
                format!("{order} LIMIT {limit}")
            }
        }
    }
}

fn audit_conditions(f: &Filter) -> Conditions {
    audits::filter(f.election.as_deref(), f.jurisdiction.as_deref(), f.audit_type, f.outcome)
}

fn expenditure_conditions(f: &Filter) -> Conditions {
    expenditures::filter(f.grant.as_deref(), f.category, f.recipient.as_deref())
}

pub async fn count_audits(db: &PublicDb, f: &Filter) -> AppResult<i64> {
    audits::count(db, &audit_conditions(f)).await
}

pub async fn audits(db: &PublicDb, f: &Filter, w: &Window, base_url: &str) -> AppResult<Vec<PublicAuditEntry>> {
    let mut c = audit_conditions(f);
    let tail = c.window(w, "a.slug", None);
    audits::entries(db, &c, &tail, base_url).await
}

pub async fn count_contests(db: &PublicDb, f: &Filter) -> AppResult<i64> {
    audits::count_contests(db, &audit_conditions(f)).await
}

pub async fn contests(db: &PublicDb, f: &Filter, w: &Window) -> AppResult<Vec<PublicContestEntry>> {
    let mut c = audit_conditions(f);
    let tail = c.window(w, "a.slug", Some("c.position"));
    audits::contest_entries(db, &c, &tail).await
}

pub async fn count_grants(db: &PublicDb, f: &Filter) -> AppResult<i64> {
    grants::count(db, &grants::filter(f.recipient.as_deref())).await
}

pub async fn grants(db: &PublicDb, f: &Filter, w: &Window, base_url: &str) -> AppResult<Vec<PublicGrantEntry>> {
    let mut c = grants::filter(f.recipient.as_deref());
    let tail = c.window(w, "g.slug", None);
    grants::entries(db, &c, &tail, base_url).await
}

pub async fn count_expenditures(db: &PublicDb, f: &Filter) -> AppResult<i64> {
    expenditures::count(db, &expenditure_conditions(f)).await
}

pub async fn expenditures(
    db: &PublicDb,
    f: &Filter,
    w: &Window,
    base_url: &str,
) -> AppResult<Vec<PublicExpenditureEntry>> {
    let mut c = expenditure_conditions(f);
    let tail = c.window(w, "x.slug", None);
    expenditures::entries(db, &c, &tail, base_url).await
}

pub async fn count_updates(db: &PublicDb, f: &Filter) -> AppResult<i64> {
    updates::count(db, &updates::filter(f.office.as_deref())).await
}

pub async fn updates(db: &PublicDb, f: &Filter, w: &Window, base_url: &str) -> AppResult<Vec<PublicUpdateEntry>> {
    let mut c = updates::filter(f.office.as_deref());
    let tail = c.window(w, "u.slug", None);
    updates::entries(db, &c, &tail, base_url).await
}

pub async fn count_manifests(db: &PublicDb, f: &Filter) -> AppResult<i64> {
    audits::count_batches(db, &audits::evidence_filter(f.audit.as_deref())).await
}

pub async fn manifests(db: &PublicDb, f: &Filter, w: &Window) -> AppResult<Vec<PublicManifestEntry>> {
    let mut c = audits::evidence_filter(f.audit.as_deref());
    let tail = c.window(w, "a.slug", Some("b.position"));
    audits::batch_entries(db, &c, &tail).await
}

pub async fn count_sampled_units(db: &PublicDb, f: &Filter) -> AppResult<i64> {
    audits::count_units(db, &audits::evidence_filter(f.audit.as_deref())).await
}

pub async fn sampled_units(db: &PublicDb, f: &Filter, w: &Window) -> AppResult<Vec<PublicSampledUnitEntry>> {
    let mut c = audits::evidence_filter(f.audit.as_deref());
    let tail = c.window(w, "a.slug", Some("u.position"));
    audits::unit_entries(db, &c, &tail).await
}

pub async fn count_batch_tallies(db: &PublicDb, f: &Filter) -> AppResult<i64> {
    audits::count_batch_tallies(db, &audits::evidence_filter(f.audit.as_deref())).await
}

pub async fn batch_tallies(db: &PublicDb, f: &Filter, w: &Window) -> AppResult<Vec<PublicBatchTallyEntry>> {
    let mut c = audits::evidence_filter(f.audit.as_deref());
    let tail = c.window(w, "t.audit_slug", Some("t.position"));
    audits::batch_tally_entries(db, &c, &tail).await
}

pub async fn count_rounds(db: &PublicDb, f: &Filter) -> AppResult<i64> {
    audits::count_rounds(db, &audits::round_filter(f.audit.as_deref())).await
}

pub async fn rounds(db: &PublicDb, f: &Filter, w: &Window) -> AppResult<Vec<PublicRoundEntry>> {
    let mut c = audits::round_filter(f.audit.as_deref());
    let tail = c.window(w, "a.slug", Some("r.position"));
    audits::round_entries(db, &c, &tail).await
}
