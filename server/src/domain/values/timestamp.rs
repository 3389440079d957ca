//! Instants: stored and compared as UTC RFC 3339 text of fixed width, so that
//! timestamps sort as text in both databases.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// An instant to the microsecond.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    secs: i64,
    micros: u32,
}

impl Timestamp {
    pub fn now() -> Timestamp {
        let d = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        Timestamp { secs: d.as_secs() as i64, micros: d.subsec_micros() }
    }

    pub fn from_unix(secs: i64) -> Timestamp {
        Timestamp { secs, micros: 0 }
    }

    pub fn unix_seconds(self) -> i64 {
        self.secs
    }

    /// This instant plus `secs` seconds.
    pub fn plus_seconds(self, secs: i64) -> Timestamp {
        Timestamp { secs: self.secs + secs, micros: self.micros }
    }

    /// Parses RFC 3339: `2026-11-05T14:00:00Z`, `2026-11-05T14:00:00-05:00` (the
    /// offset is honoured: that is 19:00Z), with an optional fraction of a second.
    /// Impossible dates and anything after the offset are refused.
    pub fn parse(s: &str) -> Result<Timestamp, String> {
        let bad = || {
            format!(
                "\"{}\" is not a time like 2026-11-05T14:00:00Z or 2026-11-05T14:00:00-05:00",
                s.chars().take(40).collect::<String>()
            )
        };
        let b = s.as_bytes();
        if b.len() < 20 || !matches!(b[10], b'T' | b't') || b[13] != b':' || b[16] != b':' {
            return Err(bad());
        }
        let date = app::values::IsoDate::parse(&s[..10]).map_err(|e| {
            if s[..10].len() == 10 && s.as_bytes()[4] == b'-' {
                e
            } else {
                bad()
            }
        })?;
        let two = |r: std::ops::Range<usize>| -> Result<i64, String> {
            let part = s.get(r).ok_or_else(bad)?;
            if part.len() == 2 && part.bytes().all(|c| c.is_ascii_digit()) {
                Ok(part.parse().map_err(|_| bad())?)
            } else {
                Err(bad())
            }
        };
        let (hh, mm, ss) = (two(11..13)?, two(14..16)?, two(17..19)?);
        if hh > 23 || mm > 59 || ss > 59 {
            return Err(bad());
        }
        let mut rest = &s[19..];
        let mut micros = 0u32;
        if let Some(frac) = rest.strip_prefix('.') {
            let digits = frac.bytes().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 || digits > 9 {
                return Err(bad());
            }
            let padded = format!("{:0<6}", &frac[..digits.min(6)]);
            micros = padded.parse().map_err(|_| bad())?;
            rest = &frac[digits..];
        }
        let offset_secs = match rest {
            "Z" | "z" => 0,
            _ if rest.len() == 6 && matches!(rest.as_bytes()[0], b'+' | b'-') && rest.as_bytes()[3] == b':' => {
                let oh = two_digits(&rest[1..3]).ok_or_else(bad)?;
                let om = two_digits(&rest[4..6]).ok_or_else(bad)?;
                if oh > 23 || om > 59 {
                    return Err(bad());
                }
                let sign = if rest.starts_with('-') { -1 } else { 1 };
                sign * (oh * 3600 + om * 60)
            }
            _ => return Err(bad()),
        };
        let days = days_from_civil(date.year() as i64, date.month() as i64, date.day() as i64);
        Ok(Timestamp { secs: days * 86_400 + hh * 3600 + mm * 60 + ss - offset_secs, micros })
    }

    /// UTC, to the second: `2026-11-05T19:00:00Z`.
    pub fn to_seconds_string(self) -> String {
        let (y, m, d) = civil_from_days(self.secs.div_euclid(86_400));
        let rem = self.secs.rem_euclid(86_400);
        format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, (rem % 3600) / 60, rem % 60)
    }
}

fn two_digits(s: &str) -> Option<i64> {
    (s.len() == 2 && s.bytes().all(|c| c.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// UTC to the microsecond, fixed width: `2026-11-25T22:07:56.123456Z`.
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.to_seconds_string();
        write!(f, "{}.{:06}Z", s.trim_end_matches('Z'), self.micros)
    }
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Howard Hinnant's civil-to-days algorithm.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_honoured() {
        let local = Timestamp::parse("2026-11-05T14:00:00-05:00").unwrap();
        assert_eq!(local.to_seconds_string(), "2026-11-05T19:00:00Z");
        assert_eq!(Timestamp::parse("2026-11-05T14:00:00+01:30").unwrap().to_seconds_string(), "2026-11-05T12:30:00Z");
        assert_eq!(Timestamp::parse("2026-11-05T14:00:00Z").unwrap().to_seconds_string(), "2026-11-05T14:00:00Z");
    }

    #[test]
    fn refuses_trailing_text_and_impossible_instants() {
        for bad in [
            "2026-11-05T14:00:00Zjunk",
            "2026-11-05T14:00:00",
            "2026-02-31T10:00:00Z",
            "2026-11-05 14:00:00Z",
            "2026-11-05T24:00:00Z",
            "2026-11-05T14:60:00Z",
            "2026-11-05T14:00:00+25:00",
            "2026-11-05T14:00:00.Z",
            "tomorrow",
            "",
            "2026-11-05T14:00:00-0500",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad} was accepted");
        }
        assert!(Timestamp::parse("2026-02-31T10:00:00Z").unwrap_err().contains("no day 31"));
    }

    #[test]
    fn prints_fixed_width_utc_and_round_trips() {
        let t = Timestamp::parse("2026-11-25T22:07:56.123456Z").unwrap();
        assert_eq!(t.to_string(), "2026-11-25T22:07:56.123456Z");
        assert_eq!(Timestamp::parse(&t.to_string()).unwrap(), t);
        assert_eq!(Timestamp::from_unix(0).to_string(), "1970-01-01T00:00:00.000000Z");
        assert_eq!(Timestamp::from_unix(951_782_400).to_seconds_string(), "2000-02-29T00:00:00Z");
        assert_eq!(Timestamp::now().to_string().len(), 27);
    }

    #[test]
    fn orders_by_instant() {
        assert!(
            Timestamp::parse("2026-11-05T14:00:00-05:00").unwrap() > Timestamp::parse("2026-11-05T18:00:00Z").unwrap()
        );
    }
}
