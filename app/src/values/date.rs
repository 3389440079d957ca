//! Calendar dates as ISO 8601 `YYYY-MM-DD`: one implementation for the pages and
//! the server, so a date the server stores is a date the pages can read.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar-checked date (no 2026-02-31), between the years 1000 and 9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IsoDate {
    year: i32,
    month: u32,
    day: u32,
}

impl IsoDate {
    /// Parses exactly `YYYY-MM-DD`; anything before, after or between is refused.
    pub fn parse(s: &str) -> Result<IsoDate, String> {
        let bad = || format!("\"{}\" is not a date like 2024-11-05", shorten(s));
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &s[r];
            part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok()).flatten()
        };
        let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
            return Err(bad());
        };
        IsoDate::from_ymd(year as i32, month, day).ok_or_else(|| {
            if (1..=12).contains(&month) {
                format!("{} has no day {day} in month {month}", year)
            } else {
                bad()
            }
        })
    }

    /// A date from its parts, if the calendar has it.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<IsoDate> {
        if !(1000..=9999).contains(&year) {
            return None;
        }
        (1..=days_in_month(year, month)?).contains(&day).then_some(IsoDate { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn day(self) -> u32 {
        self.day
    }
}

fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

fn shorten(s: &str) -> String {
    s.chars().take(40).collect()
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for IsoDate {
    type Err = String;
    fn from_str(s: &str) -> Result<IsoDate, String> {
        IsoDate::parse(s)
    }
}

impl Serialize for IsoDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<IsoDate, D::Error> {
        let s = String::deserialize(d)?;
        IsoDate::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_calendar_dates() {
        let d = IsoDate::parse("2024-11-05").unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2024, 11, 5));
        assert_eq!(d.to_string(), "2024-11-05");
        assert!(IsoDate::parse("2024-02-29").is_ok());
        assert!(IsoDate::parse("2000-02-29").is_ok());
    }

    #[test]
    fn refuses_impossible_dates_and_stray_text() {
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2026-02-31",
            "2024-04-31",
            "2024-13-01",
            "2024-00-10",
            "2024-01-00",
            "2024-1-05",
            "2024-11-05T00:00:00Z",
            " 2024-11-05",
            "2024-11-05 ",
            "+024-11-05",
            "2024-+1-05",
            "yesterday",
            "",
            "0999-01-01",
        ] {
            assert!(IsoDate::parse(bad).is_err(), "{bad} was accepted");
        }
        assert!(IsoDate::parse("2026-02-31").unwrap_err().contains("no day 31"));
    }

    #[test]
    fn orders_by_calendar() {
        assert!(IsoDate::parse("2024-01-31").unwrap() < IsoDate::parse("2024-02-01").unwrap());
    }
}
