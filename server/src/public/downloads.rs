//! Downloads: every collection as CSV (RFC 4180, UTF-8, header row) and as JSON,
//! streamed slice by slice, and `datapackage.json` describing the CSV files.

use super::collections::{CollectionEntry, Filter, Window};
use super::reader::Reader;
use app::data::{Collection, ColumnType};
use axum::body::Bytes;
use futures::Stream;

/// Entries read per query while streaming.
const SLICE: i64 = 500;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

/// The header row: the data dictionary's column names, in order.
fn csv_header(collection: Collection) -> Vec<u8> {
    let mut w = csv_writer();
    let _ = w.write_record(collection.columns().iter().map(|c| c.name));
    w.into_inner().unwrap_or_default()
}

fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().has_headers(false).terminator(csv::Terminator::CRLF).from_writer(Vec::new())
}

/// Whether a spreadsheet would read a cell as a formula (or a control): it begins
/// with `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's CSV injection list).
fn looks_like_formula(cell: &[u8]) -> bool {
    matches!(cell.first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'))
}

/// The CSV rows of some entries. A text cell that a spreadsheet would run as a
/// formula gets a leading `'` (CSV only; the JSON keeps the exact text), as the
/// data dictionary says.
pub fn csv_rows<E: serde::Serialize>(entries: &[E]) -> Result<Vec<u8>, csv::Error> {
    let mut plain = csv_writer();
    for e in entries {
        plain.serialize(e)?;
    }
    let plain = plain.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
    if !plain.iter().any(|b| matches!(b, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')) {
        return Ok(plain);
    }
    // Read the rows back and write them again with risky cells defused.
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(plain.as_slice());
    let mut w = csv_writer();
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record)? {
        let cells: Vec<std::borrow::Cow<'_, [u8]>> = record
            .iter()
            .map(|cell| {
                if looks_like_formula(cell) {
                    std::borrow::Cow::Owned([b"'".as_slice(), cell].concat())
                } else {
                    std::borrow::Cow::Borrowed(cell)
                }
            })
            .collect();
        w.write_record(cells.iter().map(|c| c.as_ref()))?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

struct Progress {
    after: Option<(String, i64)>,
    started: bool,
    done: bool,
}

/// Streams a whole (filtered) collection in the format asked for.
pub fn stream<E: CollectionEntry>(
    reader: Reader,
    filter: Filter,
    format: Format,
) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send {
    let start = Progress { after: None, started: false, done: false };
    futures::stream::unfold(start, move |mut p| {
        let reader = reader.clone();
        let filter = filter.clone();
        async move {
            if p.done {
                return None;
            }
            let window = Window::After { after: p.after.clone(), limit: SLICE };
            let entries = match E::slice(&reader, &filter, &window).await {
                Ok(e) => e,
                Err(e) => {
                    tracing::error!(error = ?e, collection = E::COLLECTION.name(), "download failed");
                    p.done = true;
                    return Some((Err(std::io::Error::other("the download could not be completed")), p));
                }
            };
            let mut out = Vec::new();
            if !p.started {
                out.extend(match format {
                    Format::Csv => csv_header(E::COLLECTION),
                    Format::Json => b"[".to_vec(),
                });
            }
            let last = entries.len() < SLICE as usize;
            match format {
                Format::Csv => match csv_rows(&entries) {
                    Ok(rows) => out.extend(rows),
                    Err(e) => {
                        tracing::error!(error = %e, "CSV row failed");
                        p.done = true;
                        return Some((Err(std::io::Error::other("the download could not be completed")), p));
                    }
                },
                Format::Json => {
                    for (i, e) in entries.iter().enumerate() {
                        if p.started || i > 0 {
                            out.push(b',');
                        }
                        out.push(b'\n');
                        out.extend(serde_json::to_vec(e).unwrap_or_default());
                    }
                }
            }
            if let Some(e) = entries.last() {
                p.after = Some(e.key());
            }
            p.started = true;
            if last {
                if format == Format::Json {
                    out.extend(b"\n]\n");
                }
                p.done = true;
            }
            Some((Ok(Bytes::from(out)), p))
        }
    })
}

/// The Frictionless Data Package describing every CSV download and its fields.
pub fn datapackage(base: &str, office: &str) -> serde_json::Value {
    use serde_json::json;
    let resources: Vec<_> = Collection::ALL
        .iter()
        .map(|c| {
            let fields: Vec<_> = c
                .columns()
                .iter()
                .map(|col| {
                    let mut field = json!({
                        "name": col.name,
                        "type": col.kind.name(),
                        "description": col.en,
                    });
                    let mut constraints = serde_json::Map::new();
                    if col.required {
                        constraints.insert("required".into(), json!(true));
                    }
                    if let Some(codes) = col.codes {
                        constraints.insert("enum".into(), json!(codes()));
                    }
                    if !constraints.is_empty() {
                        field["constraints"] = serde_json::Value::Object(constraints);
                    }
                    if col.kind == ColumnType::DateTime {
                        field["format"] = json!("any");
                    }
                    field
                })
                .collect();
            json!({
                "name": c.name(),
                "path": format!("{base}/data/{}.csv", c.name()),
                "title": c.name(),
                "description": c.describe(false),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "dialect": { "delimiter": ",", "lineTerminator": "\r\n", "header": true, "doubleQuote": true },
                "schema": { "fields": fields, "missingValues": [""] },
            })
        })
        .collect();
    json!({
        "profile": "tabular-data-package",
        "name": "election-transparency-portal",
        "title": "Election Transparency Portal: published audits, grants, expenditures and updates",
        "description": "Every current published record of the portal, as CSV. Amounts are whole cents; \
            dates are ISO 8601. Security details withheld under the law are not in the data; \
            the withheld_details columns count them.",
        "homepage": format!("{base}/data"),
        "contributors": [{ "title": office, "role": "publisher" }],
        "resources": resources,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::data::*;
    use app::model::*;

    /// The CSV header the serialiser would write from the entry's own fields.
    fn serde_header<E: serde::Serialize>(e: &E) -> String {
        let mut w = csv::WriterBuilder::new().has_headers(true).from_writer(Vec::new());
        w.serialize(e).unwrap();
        let bytes = w.into_inner().unwrap();
        String::from_utf8(bytes).unwrap().lines().next().unwrap().to_string()
    }

    fn dictionary(c: Collection) -> String {
        c.columns().iter().map(|c| c.name).collect::<Vec<_>>().join(",")
    }

    #[test]
    fn the_dictionary_names_every_csv_column_in_order() {
        let audit = PublicAuditEntry {
            slug: "a".into(),
            version: 1,
            published_at: "t".into(),
            election_slug: "e".into(),
            election_name: "E".into(),
            election_date: "d".into(),
            jurisdiction_slug: "j".into(),
            jurisdiction_name: "J".into(),
            audit_type: AuditType::BallotPolling,
            math: AuditMath::Bravo,
            risk_limit_pct: Some(5.0),
            seed: None,
            started_on: None,
            completed_on: None,
            outcome: Outcome::Confirmed,
            summary: "s".into(),
            contests: 1,
            withheld_details: 0,
            correction_note: None,
            url: "u".into(),
            sampler: None,
            sampler_version: None,
            with_replacement: false,
            seed_drawn_at: None,
            manifest_sha256: None,
            manifest_committed_at: None,
            sampled_units: 0,
        };
        assert_eq!(serde_header(&audit), dictionary(Collection::Audits));
        let contest = PublicContestEntry {
            audit: "a".into(),
            audit_version: 1,
            contest_number: 1,
            contest: "c".into(),
            winners: "w".into(),
            votes_allowed: 1,
            ballots_cast: 1,
            reported_results: "r".into(),
            sample_size: None,
            audited_results: None,
            o1: None,
            o2: None,
            u1: None,
            u2: None,
            p_value: None,
            risk_limit_met: None,
            check_p_value: None,
            check_risk_limit_met: None,
            check_consistent: None,
            targeted: true,
        };
        assert_eq!(serde_header(&contest), dictionary(Collection::AuditContests));
        let grant = PublicGrantEntry {
            slug: "g".into(),
            version: 1,
            published_at: "t".into(),
            program: "p".into(),
            funder: "f".into(),
            recipient_slug: "r".into(),
            recipient_name: "R".into(),
            federal_cents: 1,
            match_cents: 1,
            total_cents: 2,
            award_date: "d".into(),
            period_start: None,
            period_end: None,
            source: "s".into(),
            spent_cents: 0,
            correction_note: None,
            url: "u".into(),
        };
        assert_eq!(serde_header(&grant), dictionary(Collection::Grants));
        let expenditure = PublicExpenditureEntry {
            slug: "x".into(),
            version: 1,
            published_at: "t".into(),
            grant: "g".into(),
            recipient_slug: "r".into(),
            recipient_name: "R".into(),
            category: Category::Other,
            federal_cents: 1,
            match_cents: 1,
            total_cents: 2,
            date: "d".into(),
            vendor: "v".into(),
            description: "d".into(),
            withheld_details: 0,
            withholding_bases: None,
            correction_note: None,
            url: "u".into(),
        };
        assert_eq!(serde_header(&expenditure), dictionary(Collection::Expenditures));
        let update = PublicUpdateEntry {
            slug: "u".into(),
            version: 1,
            published_at: "t".into(),
            date: "d".into(),
            title: "t".into(),
            office_slug: "o".into(),
            office_name: "O".into(),
            body_html: "b".into(),
            correction_note: None,
            url: "u".into(),
        };
        assert_eq!(serde_header(&update), dictionary(Collection::Updates));
        let batch = PublicManifestEntry {
            audit: "a".into(),
            audit_version: 1,
            batch_number: 1,
            batch: "b".into(),
            ballots: 1,
            manifest_sha256: "h".into(),
        };
        assert_eq!(serde_header(&batch), dictionary(Collection::Manifests));
        let unit = PublicSampledUnitEntry {
            audit: "a".into(),
            audit_version: 1,
            round: 1,
            draw: 1,
            ticket: "t".into(),
            batch: "b".into(),
            position: Some(1),
        };
        assert_eq!(serde_header(&unit), dictionary(Collection::SampledUnits));
        let tally = PublicBatchTallyEntry {
            audit: "a".into(),
            audit_version: 1,
            row_number: 1,
            contest_number: 1,
            contest: "c".into(),
            batch: "b".into(),
            candidate: "n".into(),
            reported: 1,
            audited: None,
            batch_tallies_sha256: "h".into(),
        };
        assert_eq!(serde_header(&tally), dictionary(Collection::BatchTallies));
        let round = PublicRoundEntry {
            audit: "a".into(),
            audit_version: 1,
            round: 1,
            contest_number: 1,
            contest: "c".into(),
            sample_size: 1,
            audited_results: None,
            o1: None,
            o2: None,
            u1: None,
            u2: None,
            p_value: None,
            risk_limit_met: None,
            started_on: None,
            completed_on: None,
            check_method: None,
            check_p_value: None,
            check_risk_limit_met: None,
            check_consistent: None,
        };
        assert_eq!(serde_header(&round), dictionary(Collection::AuditRounds));
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        #[derive(serde::Serialize)]
        struct Row {
            a: String,
            b: Option<i64>,
        }
        let bytes = csv_rows(&[Row { a: "say \"hi\", then\nleave".into(), b: None }]).unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), "\"say \"\"hi\"\", then\nleave\",\r\n");
    }

    #[test]
    fn csv_defuses_formula_cells_and_keeps_the_rest() {
        #[derive(serde::Serialize)]
        struct Row {
            a: String,
            b: Option<i64>,
        }
        let rows = [
            Row { a: "=2+3".into(), b: Some(5) },
            Row { a: "@SUM(1+1)*cmd|' /C calc'!A0".into(), b: None },
            Row { a: "+1".into(), b: None },
            Row { a: "-1".into(), b: None },
            Row { a: "\tx".into(), b: None },
            Row { a: "\rx".into(), b: None },
            Row { a: "a = b, fine".into(), b: Some(7) },
        ];
        let text = String::from_utf8(csv_rows(&rows).unwrap()).unwrap();
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        let cells: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_string()).collect();
        assert_eq!(
            cells,
            ["'=2+3", "'@SUM(1+1)*cmd|' /C calc'!A0", "'+1", "'-1", "'\tx", "'\rx", "a = b, fine"],
            "{text}"
        );
        assert!(text.contains(",5\r\n") && text.contains(",7\r\n"), "numbers stay as they are: {text}");
    }
}
