//! Record and reference identifiers as they appear in addresses.

use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// A record's or jurisdiction's identifier: 1 to 100 lower-case ASCII letters,
/// digits and hyphens, so it is safe in a path, a file name and a CSV cell.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    pub const MAX_LEN: usize = 100;

    /// Checks `s`; the error says what a slug may contain.
    pub fn parse(s: &str) -> Result<Slug, String> {
        if Slug::is_valid(s) {
            Ok(Slug(s.to_string()))
        } else if s.is_empty() {
            Err("must not be empty".into())
        } else if s.len() > Slug::MAX_LEN {
            Err(format!("use at most {} characters", Slug::MAX_LEN))
        } else {
            Err("use lower-case letters, digits and hyphens only".into())
        }
    }

    /// Whether `s` would parse.
    pub fn is_valid(s: &str) -> bool {
        !s.is_empty()
            && s.len() <= Slug::MAX_LEN
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Slug {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for Slug {
    type Err = String;
    fn from_str(s: &str) -> Result<Slug, String> {
        Slug::parse(s)
    }
}

impl<'de> Deserialize<'de> for Slug {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Slug, D::Error> {
        let s = String::deserialize(d)?;
        Slug::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_lower_case_digits_and_hyphens() {
        assert_eq!(Slug::parse("boone-county-2024").unwrap().as_str(), "boone-county-2024");
        assert!(Slug::parse(&"a".repeat(100)).is_ok());
    }

    #[test]
    fn refuses_everything_else_with_a_reason() {
        assert_eq!(Slug::parse("").unwrap_err(), "must not be empty");
        assert!(Slug::parse("Boone").unwrap_err().contains("lower-case"));
        assert!(Slug::parse("a/b").is_err());
        assert!(Slug::parse("a b").is_err());
        assert!(Slug::parse("é").is_err());
        assert!(Slug::parse(&"a".repeat(101)).unwrap_err().contains("at most"));
    }

    #[test]
    fn deserialising_checks_too() {
        assert!(serde_json::from_str::<Slug>("\"ok-1\"").is_ok());
        assert!(serde_json::from_str::<Slug>("\"Not OK\"").is_err());
    }
}
