//! Counts of votes, ballots and discrepancies.

/// A non-negative whole count, at most a billion: no election has more ballots,
/// and sums of counts stay far from overflow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VoteCount(i64);

impl VoteCount {
    pub const MAX: i64 = 1_000_000_000;

    pub fn new(n: i64) -> Result<VoteCount, String> {
        if n < 0 {
            Err("must not be negative".into())
        } else if n > VoteCount::MAX {
            Err("is more than a billion; check the number".into())
        } else {
            Ok(VoteCount(n))
        }
    }

    /// Parses a whole number as written (`12,345` allowed).
    pub fn parse(s: &str) -> Result<VoteCount, String> {
        let t: String = s.trim().chars().filter(|c| *c != ',').collect();
        if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) || t.len() > 10 {
            return Err(format!("\"{}\" is not a whole number", s.trim().chars().take(40).collect::<String>()));
        }
        VoteCount::new(t.parse().map_err(|_| "is not a whole number".to_string())?)
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_whole_numbers_within_bounds() {
        assert_eq!(VoteCount::parse("51,208").unwrap().get(), 51_208);
        assert_eq!(VoteCount::parse("0").unwrap().get(), 0);
        for bad in ["", "-1", "1.5", "x", "1000000001", "99999999999999999999"] {
            assert!(VoteCount::parse(bad).is_err(), "{bad} was accepted");
        }
    }
}
