//! Reading an import file: UTF-8 CSV with a header row of known columns, every
//! mistake kept with its line and column.

use crate::domain::draft::FieldError;
use std::collections::HashMap;

/// One mistake in an import file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub line: u64,
    pub column: usize,
    pub name: String,
    pub message: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.column == 0 {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            write!(f, "line {}, column {} ({}): {}", self.line, self.column, self.name, self.message)
        }
    }
}

/// A table's rows with their line numbers, read with column names.
pub(super) struct Table {
    pub(super) columns: HashMap<String, usize>,
    pub(super) rows: Vec<(u64, csv::StringRecord)>,
}

pub(super) struct Cell<'a> {
    pub(super) line: u64,
    pub(super) table: &'a Table,
    pub(super) record: &'a csv::StringRecord,
}

impl<'a> Cell<'a> {
    pub(super) fn get(&self, name: &str) -> &'a str {
        self.table.columns.get(name).and_then(|i| self.record.get(*i)).map(str::trim).unwrap_or("")
    }

    pub(super) fn error(&self, name: &str, message: impl Into<String>) -> ImportError {
        ImportError {
            line: self.line,
            column: self.table.columns.get(name).map(|i| i + 1).unwrap_or(0),
            name: name.to_string(),
            message: message.into(),
        }
    }

    /// A draft's field mistakes, placed on their columns (`rename` maps a draft
    /// field to the file's column where the names differ).
    pub(super) fn errors(&self, errors: Vec<FieldError>, rename: &[(&str, &str)]) -> Vec<ImportError> {
        errors
            .into_iter()
            .map(|e| {
                let column = rename.iter().find(|(f, _)| *f == e.field).map(|(_, c)| *c).unwrap_or(e.field.as_str());
                self.error(column, e.message)
            })
            .collect()
    }
}

/// Columns a file may leave out (added after files were written without them):
/// a missing one reads as empty cells.
const OPTIONAL: &[&str] = &["targeted"];

pub(super) fn read_table(bytes: &[u8], expected: &[&str]) -> Result<Table, Vec<ImportError>> {
    let whole = |line: u64, message: String| ImportError { line, column: 0, name: String::new(), message };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(vec![whole(1, "the file is not UTF-8 text; save it as CSV UTF-8".into())]);
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(text.as_bytes());
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(vec![whole(1, format!("the header row could not be read: {e}"))]),
    };
    let mut errors = Vec::new();
    let mut columns = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        let name = name.trim().to_lowercase();
        if !expected.contains(&name.as_str()) {
            errors.push(ImportError {
                line: 1,
                column: i + 1,
                name: name.chars().take(60).collect(),
                message: format!("unknown column; the template's columns are {}", expected.join(",")),
            });
        } else if columns.insert(name.clone(), i).is_some() {
            errors.push(ImportError { line: 1, column: i + 1, name, message: "this column appears twice".into() });
        }
    }
    for name in expected {
        if !columns.contains_key(*name) && !OPTIONAL.contains(name) {
            errors.push(whole(1, format!("the header row has no {name} column")));
        }
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map(|p| p.line()).unwrap_or(0);
                if r.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                rows.push((line, r));
            }
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                let message = match e.kind() {
                    csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                        format!("this row has {len} cells; the header has {expected_len}")
                    }
                    _ => format!("this row is not valid CSV: {e}"),
                };
                errors.push(whole(line, message));
            }
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(whole(2, "the file has a header row but no rows to import".into()));
    }
    if errors.is_empty() {
        Ok(Table { columns, rows })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_checked_and_ragged_rows_reported() {
        let Err(errors) = read_table(b"grant,colour\nx,y\n", &["grant", "recipient"]) else { panic!() };
        let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert!(shown.iter().any(|s| s.contains("column 2 (colour): unknown column")), "{shown:?}");
        assert!(shown.iter().any(|s| s.contains("no recipient column")), "{shown:?}");
        let Err(errors) = read_table(b"grant,recipient\na\n", &["grant", "recipient"]) else { panic!() };
        assert_eq!(errors[0].to_string(), "line 2: this row has 1 cells; the header has 2");
        assert!(read_table(b"\xff\xfe", &["grant"]).is_err());
    }

    mod properties {
        use super::super::read_table;
        use proptest::prelude::*;

        const COLUMNS: &[&str] = &["grant", "recipient", "amount"];

        proptest! {
            #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

            /// Any bytes at all: an answer, never a panic; every error names a
            /// line, and a column only within the file.
            #[test]
            fn any_bytes_get_an_answer(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
                if let Err(errors) = read_table(&bytes, COLUMNS) {
                    prop_assert!(!errors.is_empty());
                    for e in errors {
                        prop_assert!(e.line >= 1 || e.column == 0, "{}", e);
                        prop_assert!(e.column <= 1 + bytes.iter().filter(|b| **b == b',').count(), "{}", e);
                    }
                }
            }

            /// CSV-like text (quotes, commas, line ends): a table has as many cells
            /// per row as the header, or the ragged row is reported.
            #[test]
            fn csv_like_text_is_read_or_reported(body in "([a-z0-9\"]{0,6}[,\n\r]?){0,40}") {
                let file = format!("grant,recipient,amount\n{body}");
                match read_table(file.as_bytes(), COLUMNS) {
                    Ok(t) => prop_assert!(t.rows.iter().all(|(_, r)| r.len() == 3)),
                    Err(errors) => prop_assert!(errors.iter().all(|e| e.line >= 1), "{:?}", errors),
                }
            }
        }
    }
}
