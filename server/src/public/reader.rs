//! The public reader: what the public pages, server functions and API ask for,
//! read through the [`PublicDb`] handle only (published tables and reference data).

use crate::db::{audits, data_version, expenditures, grants, reference, totals, updates, PublicDb};
use crate::error::{AppError, AppResult};
use app::api::{BackendError, BackendResult, PublicBackend};
use app::model::*;
use futures::future::BoxFuture;

#[derive(Clone, Debug)]
pub struct Reader {
    pub(super) db: PublicDb,
    /// The portal's public address, for permanent links in citations.
    pub public_url: String,
    /// The transparency log's verifier key, shown on `/about`.
    pub log_vkey: String,
    /// The data version as this process knows it (the response cache's too).
    pub version: data_version::Tracker,
    /// What renders read again and again, kept per data version.
    kept: std::sync::Arc<KeptReads>,
}

/// The reads kept per data version: the site's facts (every page's shell reads
/// them) and the home page's figures, so a render that misses the response
/// cache (a new query string, the first after a publication) reads nothing
/// from the database for them.
#[derive(Default)]
struct KeptReads {
    site_info: data_version::Kept<SiteInfo>,
    home: data_version::Kept<PublicHome>,
}

impl std::fmt::Debug for KeptReads {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeptReads")
    }
}

fn pages_for(total: i64) -> u32 {
    ((total.max(0) as u64).div_ceil(PAGE_SIZE as u64)).max(1) as u32
}

fn page_tail(page: u32) -> String {
    let offset = (page.max(1) as i64 - 1) * PAGE_SIZE as i64;
    format!("LIMIT {PAGE_SIZE} OFFSET {offset}")
}

impl Reader {
    pub fn new(db: PublicDb, public_url: &str, log_vkey: String) -> Self {
        Reader {
            version: data_version::Tracker::new(db.clone()),
            db,
            public_url: public_url.trim_end_matches('/').to_string(),
            log_vkey,
            kept: Default::default(),
        }
    }

    pub fn db(&self) -> &PublicDb {
        &self.db
    }

    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    pub async fn site_info(&self) -> AppResult<SiteInfo> {
        let mut info = reference::site_info(&self.db, &self.public_url).await?;
        info.log_vkey = self.log_vkey.clone();
        Ok(info)
    }

    pub async fn home(&self) -> AppResult<PublicHome> {
        let latest_audits = audits::summaries(&self.db, &audits::filter(None, None, None, None), "LIMIT 5").await?;
        let totals = totals::read(&self.db).await?;
        let latest_updates = updates::summaries(&self.db, &updates::filter(None), "LIMIT 3").await?;
        Ok(PublicHome {
            latest_audits,
            audit_count: totals.audits,
            awarded_cents: totals.awarded_cents,
            spent_cents: totals.spent_cents,
            latest_updates,
            records_with_withholdings: totals.audits_withheld + totals.expenditures_withheld,
        })
    }

    pub async fn list_audits(&self, f: &AuditFilter) -> AppResult<PublicAuditList> {
        let c = audits::filter(f.election.as_deref(), f.jurisdiction.as_deref(), f.audit_type, f.outcome);
        let total = audits::count_capped(&self.db, &c, COUNT_CAP).await?;
        let cursor = match (&f.after, &f.before) {
            (Some(slug), _) => audits::Cursor::After(slug.clone()),
            (None, Some(slug)) => audits::Cursor::Before(slug.clone()),
            (None, None) => audits::Cursor::Start { skip: (f.page.max(1) as i64 - 1) * PAGE_SIZE as i64 },
        };
        let (elections, jurisdictions) = audits::filter_choices(&self.db).await?;
        let (items, next, previous, bad_cursor) = match audits::page(&self.db, &c, &cursor, PAGE_SIZE as i64).await? {
            Some(p) => (p.items, p.next, p.previous, false),
            None => (Vec::new(), None, None, true),
        };
        Ok(PublicAuditList { items, total, next, previous, bad_cursor, elections, jurisdictions })
    }

    /// One audit: the current version, or version `version`.
    pub async fn audit(&self, slug: &str, version: Option<i64>) -> AppResult<Option<PublicAudit>> {
        audits::audit(&self.db, slug, version).await
    }

    pub async fn audit_page(&self, slug: &str, version: Option<i64>) -> AppResult<Option<PublicAuditPage>> {
        self.record_page(RecordKind::Audit, slug, version, |v| self.audit(slug, v)).await
    }

    pub async fn spending(&self, cursor: &GrantCursor) -> AppResult<PublicSpendingOverview> {
        let cursor = match (&cursor.after, &cursor.before) {
            (Some(slug), _) => Some((true, slug.as_str())),
            (None, Some(slug)) => Some((false, slug.as_str())),
            (None, None) => None,
        };
        let (grants, next, previous, bad_cursor) = match grants::page(&self.db, cursor, PAGE_SIZE as i64).await? {
            Some(p) => (p.items, p.next, p.previous, false),
            None => (Vec::new(), None, None, true),
        };
        let grant_count = totals::read(&self.db).await?.grants;
        let (by_category, by_recipient) = expenditures::totals(&self.db).await?;
        let as_of = expenditures::as_of(&self.db).await?;
        Ok(PublicSpendingOverview {
            grants,
            grant_count,
            next,
            previous,
            bad_cursor,
            by_category,
            by_recipient,
            as_of,
            public_url: self.public_url.clone(),
        })
    }

    /// One grant version's own facts: the current version, or `version`.
    pub async fn grant_version(&self, slug: &str, version: Option<i64>) -> AppResult<Option<PublicGrantVersion>> {
        grants::version(&self.db, slug, version).await
    }

    pub async fn grant_version_page(
        &self,
        slug: &str,
        version: Option<i64>,
    ) -> AppResult<Option<PublicGrantVersionPage>> {
        self.record_page(RecordKind::Grant, slug, version, |v| self.grant_version(slug, v)).await
    }

    /// One grant with a page of its expenditures (by the filter), and the
    /// count and sums of every page: kept at publication when unfiltered, an
    /// index range over the grant's own expenditures when filtered.
    pub async fn grant(&self, slug: &str, f: &ExpenditureFilter) -> AppResult<Option<PublicGrantDetail>> {
        let mut c = grants::filter(None);
        c.eq("g.slug", Some(slug));
        let Some(grant) = grants::list(&self.db, &c).await?.pop() else { return Ok(None) };
        let Some(versions) = self.grant_version_page(slug, None).await? else { return Ok(None) };
        let c = expenditures::filter(Some(slug), f.category, f.recipient.as_deref());
        let (count, federal_cents, match_cents) = if f.category.is_none() && f.recipient.is_none() {
            expenditures::grant_sums(&self.db, slug).await?
        } else {
            expenditures::sums(&self.db, &c).await?
        };
        let cursor = match (&f.after, &f.before) {
            (Some(s), _) => Some((true, s.as_str())),
            (None, Some(s)) => Some((false, s.as_str())),
            (None, None) => None,
        };
        let (expenditures, next, previous, bad_cursor) =
            match expenditures::page(&self.db, &c, cursor, EXPENDITURE_PAGE_SIZE as i64).await? {
                Some(p) => (p.items, p.next, p.previous, false),
                None => (Vec::new(), None, None, true),
            };
        let (categories, recipients) = expenditures::grant_choices(&self.db, slug).await?;
        Ok(Some(PublicGrantDetail {
            versions,
            count,
            federal_cents,
            match_cents,
            next,
            previous,
            bad_cursor,
            grant,
            expenditures,
            categories,
            recipients,
        }))
    }

    /// One expenditure: the current version, or `version`.
    pub async fn expenditure(&self, slug: &str, version: Option<i64>) -> AppResult<Option<PublicExpenditure>> {
        expenditures::one(&self.db, slug, version).await
    }

    pub async fn expenditure_page(&self, slug: &str, version: Option<i64>) -> AppResult<Option<PublicExpenditurePage>> {
        self.record_page(RecordKind::Expenditure, slug, version, |v| self.expenditure(slug, v)).await
    }

    pub async fn list_updates(&self, page: u32) -> AppResult<PublicUpdateList> {
        let c = updates::filter(None);
        let total = updates::count(&self.db, &c).await?;
        let page = page.max(1);
        let items = updates::summaries(&self.db, &c, &page_tail(page)).await?;
        Ok(PublicUpdateList { items, total, page, pages: pages_for(total) })
    }

    /// One update: the current version, or version `version`.
    pub async fn update(&self, slug: &str, version: Option<i64>) -> AppResult<Option<PublicUpdate>> {
        updates::one(&self.db, slug, version).await
    }

    pub async fn update_page(&self, slug: &str, version: Option<i64>) -> AppResult<Option<PublicUpdatePage>> {
        self.record_page(RecordKind::Update, slug, version, |v| self.update(slug, v)).await
    }

    /// A jurisdiction's page: the first page of its audits, its grants, its
    /// newest expenditures and its updates, with counts and sums of every one
    /// (an index seek each, and totals kept at publication).
    pub async fn jurisdiction(&self, slug: &str) -> AppResult<Option<PublicJurisdiction>> {
        let Some(j) = reference::jurisdiction(&self.db, slug).await? else { return Ok(None) };
        let audit_filter = audits::filter(None, Some(slug), None, None);
        let audits = audits::summaries(&self.db, &audit_filter, &format!("LIMIT {PAGE_SIZE}")).await?;
        let audit_count = audits::count_capped(&self.db, &audit_filter, COUNT_CAP).await?;
        let grants = grants::list(&self.db, &grants::filter(Some(slug))).await?;
        let expenditures = expenditures::newest(&self.db, slug, EXPENDITURE_PAGE_SIZE as i64).await?;
        let (expenditure_count, federal_cents, match_cents) = expenditures::recipient_sums(&self.db, slug).await?;
        let updates = updates::summaries(&self.db, &updates::filter(Some(slug)), "").await?;
        Ok(Some(PublicJurisdiction {
            spent_cents: federal_cents.saturating_add(match_cents),
            kind: j.kind,
            slug: j.slug,
            name: j.name,
            fips: j.fips,
            audits,
            audit_count,
            grants,
            expenditures,
            expenditure_count,
            federal_cents,
            match_cents,
            updates,
        }))
    }
}

/// Logs an unexpected failure and hands the page a generic one.
fn logged<T>(r: AppResult<T>) -> BackendResult<T> {
    r.map_err(|e: AppError| {
        e.log("public read failed");
        BackendError
    })
}

impl PublicBackend for Reader {
    fn site_info(&self) -> BoxFuture<'_, BackendResult<SiteInfo>> {
        Box::pin(async move { logged(self.kept.site_info.get_or(&self.version, || Reader::site_info(self)).await) })
    }
    fn home(&self) -> BoxFuture<'_, BackendResult<PublicHome>> {
        Box::pin(async move { logged(self.kept.home.get_or(&self.version, || Reader::home(self)).await) })
    }
    fn list_audits(&self, filter: AuditFilter) -> BoxFuture<'_, BackendResult<PublicAuditList>> {
        Box::pin(async move { logged(Reader::list_audits(self, &filter).await) })
    }
    fn audit(&self, slug: String, version: Option<i64>) -> BoxFuture<'_, BackendResult<Option<PublicAuditPage>>> {
        Box::pin(async move { logged(Reader::audit_page(self, &slug, version).await) })
    }
    fn spending(&self, cursor: GrantCursor) -> BoxFuture<'_, BackendResult<PublicSpendingOverview>> {
        Box::pin(async move { logged(Reader::spending(self, &cursor).await) })
    }
    fn grant(
        &self,
        slug: String,
        filter: ExpenditureFilter,
    ) -> BoxFuture<'_, BackendResult<Option<PublicGrantDetail>>> {
        Box::pin(async move { logged(Reader::grant(self, &slug, &filter).await) })
    }
    fn list_updates(&self, page: u32) -> BoxFuture<'_, BackendResult<PublicUpdateList>> {
        Box::pin(async move { logged(Reader::list_updates(self, page).await) })
    }
    fn update(&self, slug: String, version: Option<i64>) -> BoxFuture<'_, BackendResult<Option<PublicUpdatePage>>> {
        Box::pin(async move { logged(Reader::update_page(self, &slug, version).await) })
    }
    fn jurisdiction(&self, slug: String) -> BoxFuture<'_, BackendResult<Option<PublicJurisdiction>>> {
        Box::pin(async move { logged(Reader::jurisdiction(self, &slug).await) })
    }
    fn grant_version(
        &self,
        slug: String,
        version: Option<i64>,
    ) -> BoxFuture<'_, BackendResult<Option<PublicGrantVersionPage>>> {
        Box::pin(async move { logged(Reader::grant_version_page(self, &slug, version).await) })
    }
    fn expenditure(
        &self,
        slug: String,
        version: Option<i64>,
    ) -> BoxFuture<'_, BackendResult<Option<PublicExpenditurePage>>> {
        Box::pin(async move { logged(Reader::expenditure_page(self, &slug, version).await) })
    }
}
