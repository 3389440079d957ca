//! The public collections as flat entries: what the CSV and JSON downloads stream
//! and what the API lists, with the filters the pages take.

use super::reader::Reader;
use crate::db::collections as db;
pub use crate::db::collections::{Filter, Window};
use crate::error::AppResult;
use app::data::*;
use app::model::*;
use futures::future::BoxFuture;

/// Reads a collection's filters from query parameters. `extra` names further
/// parameters the caller handles itself (such as `page`); anything else is a
/// mistake worth reporting rather than ignoring.
pub fn parse_filter(collection: Collection, query: &[(String, String)], extra: &[&str]) -> Result<Filter, String> {
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
            "audit" => f.audit = slug()?,
            "type" => f.audit_type = Some(AuditType::from_code(value).ok_or_else(bad)?),
            "outcome" => f.outcome = Some(Outcome::from_code(value).ok_or_else(bad)?),
            "category" => f.category = Some(Category::from_code(value).ok_or_else(bad)?),
            _ => {}
        }
    }
    Ok(f)
}

fn shorten(s: &str) -> String {
    s.chars().take(60).collect()
}

/// A collection's entry type: how to count and read a slice of it.
pub trait CollectionEntry: serde::Serialize + Send + Sync + Sized + 'static {
    const COLLECTION: Collection;
    /// The entry's unique position in the collection's order.
    fn key(&self) -> (String, i64);
    fn count<'a>(reader: &'a Reader, f: &'a Filter) -> BoxFuture<'a, AppResult<i64>>;
    fn slice<'a>(reader: &'a Reader, f: &'a Filter, w: &'a Window) -> BoxFuture<'a, AppResult<Vec<Self>>>;
}

macro_rules! entry {
    ($entry:ty, $collection:expr, |$e:ident| $key:expr, $count:path, |$r:ident, $f:ident, $w:ident| $slice:expr) => {
        impl CollectionEntry for $entry {
            const COLLECTION: Collection = $collection;

            fn key(&self) -> (String, i64) {
                let $e = self;
                $key
            }

            fn count<'a>(reader: &'a Reader, f: &'a Filter) -> BoxFuture<'a, AppResult<i64>> {
                Box::pin($count(reader.db(), f))
            }

            fn slice<'a>($r: &'a Reader, $f: &'a Filter, $w: &'a Window) -> BoxFuture<'a, AppResult<Vec<Self>>> {
                Box::pin($slice)
            }
        }
    };
}

entry!(PublicAuditEntry, Collection::Audits, |e| (e.slug.clone(), 0), db::count_audits, |r, f, w| db::audits(
    r.db(),
    f,
    w,
    r.public_url()
));
entry!(
    PublicContestEntry,
    Collection::AuditContests,
    |e| (e.audit.clone(), e.contest_number - 1),
    db::count_contests,
    |r, f, w| db::contests(r.db(), f, w)
);
entry!(PublicGrantEntry, Collection::Grants, |e| (e.slug.clone(), 0), db::count_grants, |r, f, w| db::grants(
    r.db(),
    f,
    w,
    r.public_url()
));
entry!(PublicExpenditureEntry, Collection::Expenditures, |e| (e.slug.clone(), 0), db::count_expenditures, |r, f, w| {
    db::expenditures(r.db(), f, w, r.public_url())
});
entry!(PublicUpdateEntry, Collection::Updates, |e| (e.slug.clone(), 0), db::count_updates, |r, f, w| db::updates(
    r.db(),
    f,
    w,
    r.public_url()
));
entry!(
    PublicManifestEntry,
    Collection::Manifests,
    |e| (e.audit.clone(), e.batch_number - 1),
    db::count_manifests,
    |r, f, w| db::manifests(r.db(), f, w)
);
entry!(
    PublicSampledUnitEntry,
    Collection::SampledUnits,
    |e| (e.audit.clone(), e.draw - 1),
    db::count_sampled_units,
    |r, f, w| db::sampled_units(r.db(), f, w)
);
entry!(
    PublicBatchTallyEntry,
    Collection::BatchTallies,
    |e| (e.audit.clone(), e.row_number - 1),
    db::count_batch_tallies,
    |r, f, w| db::batch_tallies(r.db(), f, w)
);
entry!(
    PublicRoundEntry,
    Collection::AuditRounds,
    |e| (e.audit.clone(), (e.contest_number - 1) * crate::db::audits::ROUND_STRIDE + e.round - 1),
    db::count_rounds,
    |r, f, w| db::rounds(r.db(), f, w)
);

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn filters_parse_and_refuse_what_they_do_not_know() {
        let f = parse_filter(Collection::Audits, &q(&[("type", "ballot_polling"), ("jurisdiction", "")]), &[]).unwrap();
        assert_eq!(f.audit_type, Some(AuditType::BallotPolling));
        assert_eq!(f.jurisdiction, None);
        assert!(parse_filter(Collection::Audits, &q(&[("outcome", "won")]), &[])
            .unwrap_err()
            .contains("not a valid value"));
        assert!(parse_filter(Collection::Audits, &q(&[("colour", "red")]), &[]).unwrap_err().contains("not a filter"));
        assert!(parse_filter(Collection::Audits, &q(&[("page", "2")]), &["page"]).is_ok());
        assert!(parse_filter(Collection::Grants, &q(&[("recipient", "Not A Slug")]), &[]).is_err());
        let f = parse_filter(Collection::SampledUnits, &q(&[("audit", "boone-rla")]), &[]).unwrap();
        assert_eq!(f.audit.as_deref(), Some("boone-rla"));
        assert!(parse_filter(Collection::Manifests, &q(&[("audit", "Not A Slug")]), &[]).is_err());
        assert!(parse_filter(Collection::Audits, &q(&[("audit", "boone-rla")]), &[])
            .unwrap_err()
            .contains("not a filter"));
    }
}

#[cfg(test)]
mod properties {
    use super::parse_filter;
    use app::data::Collection;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        /// Any query parameters: a filter or a plain message, never a panic; a
        /// filter's values are slugs or known codes, and a message is short.
        #[test]
        fn any_query_gets_a_filter_or_a_message(
            pairs in proptest::collection::vec(("(\\PC|[=&%]){0,12}", "(\\PC|[=&%<>\"]){0,80}"), 0..6),
            which in 0usize..16,
        ) {
            let collection = Collection::ALL[which % Collection::ALL.len()];
            match parse_filter(collection, &pairs, &["page", "limit"]) {
                Ok(f) => {
                    for slug in [&f.election, &f.jurisdiction, &f.grant, &f.recipient, &f.office, &f.audit].into_iter().flatten() {
                        prop_assert!(app::model::is_slug(slug), "{}", slug);
                    }
                }
                Err(m) => prop_assert!(m.chars().count() < 400, "{}", m),
            }
        }
    }
}
